//! Tests of `nesting`.

use super::*;

fn depth_of(html: &str) -> usize {
    let doc = scraper::Html::parse_document(&cap(html));
    let mut max = 0;
    let mut stack = vec![(doc.tree.root(), 0usize)];
    while let Some((n, d)) = stack.pop() {
        max = max.max(d);
        stack.extend(n.children().map(|c| (c, d + 1)));
    }
    max
}

#[test]
fn shallow_pages_are_untouched() {
    let html = "<p>a<p>b<ul><li>x<li>y</ul><table><tr><td>1<td>2</table>";
    assert!(matches!(cap(html), Cow::Borrowed(_)));
}

#[test]
fn deep_nesting_becomes_siblings() {
    let n = 3000;
    let html = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
    let d = depth_of(&html);
    assert!(d <= MAX_DEPTH + 8, "depth {d}");
    let doc = scraper::Html::parse_document(&cap(&html));
    let divs = doc.root_element().descendent_elements().count();
    assert_eq!(divs, n + 3, "every div kept (plus html, head, body)");
}

#[test]
fn unclosed_formatting_is_capped() {
    let html = format!("{}<p>x</p>", "<b>".repeat(1000));
    let out = cap(&html);
    assert_eq!(out.matches("<b>").count(), MAX_FORMATTING);
    assert!(out.ends_with("<p>x</p>"));
}

#[test]
fn attributes_are_capped() {
    let attrs: String = (0..1000).map(|i| format!(" a{i}='v {i}'")).collect();
    let html = format!("<div{attrs}>x</div>");
    let out = cap(&html);
    let doc = scraper::Html::parse_document(&out);
    let div = doc
        .root_element()
        .descendent_elements()
        .find(|e| e.value().name() == "div");
    let n = div.map(|d| d.value().attrs().count());
    assert_eq!(n, Some(MAX_ATTRIBUTES));
    assert!(
        out.ends_with("a255='v 255' >x</div>"),
        "{}",
        &out[out.len() - 40..]
    );
}

fn prepared(html: &str) -> String {
    prepare(html)
        .map(|p| p.html.to_string())
        .unwrap_or_default()
}

#[test]
fn blank_runs_between_blocks_are_dropped() {
    let html = "<ul>\n <li>a</li>\n<!-- x -->\n<li><b>b</b> <i>c</i>\n</li>\n</ul>\n<p>d <span>e</span></p>";
    assert_eq!(
        prepared(html),
        "<ul><li>a</li><!-- x --><li><b>b</b> <i>c</i>\n</li></ul><p>d <span>e</span></p>"
    );
    // Whitespace is content inside pre, and next to inline tags or text.
    let html = "<pre>\n<div>a</div>\n<div>b</div>\n</pre>\n<div> x </div>";
    assert_eq!(
        prepared(html),
        "<pre>\n<div>a</div>\n<div>b</div>\n</pre><div> x </div>"
    );
    let html = "<b>x</b><!-- c --> <!-- d --><div>y</div>";
    assert_eq!(prepared(html), html);
}

#[test]
fn node_estimate_is_close() {
    let html = "<!doctype html><html><head><title>T</title></head><body>\n<div id=a>\
                <p>one <em>two</em></p>\n<!-- c -->\n<ul><li>x<li>y</ul></div></body></html>";
    let p = prepare(html).expect("prepared");
    let nodes = p.nodes;
    let doc = crate::extract::parse_prepared(p);
    let real = doc.tree.nodes().count();
    assert!(
        real <= nodes && nodes <= real + 8,
        "{real} nodes, {nodes} estimated"
    );
}

#[test]
fn raw_text_and_comments_are_skipped() {
    let html = format!(
        "<script>{}</script><!-- {} -->",
        "<div>".repeat(2000),
        "<div>".repeat(2000)
    );
    assert!(matches!(cap(&html), Cow::Borrowed(_)));
}

/// html5ever ends a comment where `comment_end` says: the body's text is the page past it
/// (cases whose rest has markup of its own are skipped).
#[test]
fn comments_end_where_html5ever_ends_them() {
    let mut rng = crate::test_rng::Rng(0x5eed_c033_0000_0001);
    let pieces = ["-", "--", "!", ">", "a", " ", "<!--", "<!", "-->", "--!>"];
    let mut checked = 0;
    for case in 0..4000 {
        // In the body: before it, the tree builder drops leading whitespace.
        let mut page = String::from("<body><!--");
        for _ in 0..rng.below(8) {
            page.push_str(pieces[rng.below(pieces.len())]);
        }
        page.push_str("tail");
        let end = comment_end(page.as_bytes(), 6);
        let rest = &page[end..];
        if rest.contains('<') {
            continue;
        }
        let doc = scraper::Html::parse_document(&page);
        let text: String = doc.root_element().text().collect();
        assert_eq!(text, rest, "case {case}: {page:?}");
        checked += 1;
    }
    assert!(checked > 2000, "{checked} cases checked");
}

/// Whatever markup comes first, nesting after it is capped: seeded prefixes of the markup
/// that can pull the pre-pass's model away from the tokenizer and tree builder (comments
/// ended early, raw text, foreign content, templates, tables, quotes in tags …), then 1,000
/// nested divs, or 1,000 unclosed `<b>` and 40 paragraphs. A prefix that hid them from the
/// model would leave them uncapped.
#[test]
fn nesting_after_any_prefix_is_capped() {
    const PREFIX: &[&str] = &[
        "<!-->",
        "<!--->",
        "<!-- a --!>",
        "<!-- b -->",
        "-->",
        "<svg>",
        "</svg>",
        "<math>",
        "<mi>",
        "<foreignObject>",
        "<desc>",
        "<annotation-xml encoding='text/html'>",
        "<style>",
        "</style>",
        "<script>",
        "</script>",
        "<!--<script>",
        "<noscript>",
        "</noscript>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "</title>",
        "<xmp>",
        "<iframe>",
        "<noembed>",
        "<noframes>",
        "<template>",
        "</template>",
        "<table>",
        "<tr>",
        "<td>",
        "<select>",
        "<option>",
        "</select>",
        "<p>",
        "</p>",
        "<![CDATA[",
        "]]>",
        "<?x ",
        "<!x ",
        "<a x= ='",
        "'>",
        "\"",
        ">",
        "<b>",
        "</b>",
        "<frameset>",
        "<object>",
        "</ ",
        "<",
        "<li>",
        "<dd>",
        "<button>",
        "<form>",
        "<image>",
        "<font color=red>",
        "<br>",
        "</br>",
    ];
    let seed = std::env::var("PARLOR_PREFIX_SEED")
        .ok()
        .and_then(|s| s.parse().ok());
    let cases = if seed.is_some() { 6000 } else { 700 };
    let mut rng = crate::test_rng::Rng(seed.unwrap_or(0x5eed_de9e_0000_0001));
    for case in 0..cases {
        let mut html = String::from("<!doctype html><body>");
        for _ in 0..(1 + rng.below(5)) {
            html.push_str(rng.pick(PREFIX));
        }
        let prefix_len = html.len();
        html.push_str(&"<div>".repeat(1000));
        html.push_str("x -->'\"]]>></style></script></textarea></title></xmp></template>");
        let doc = crate::extract::parse(&html);
        let mut deepest = 0;
        let mut stack = vec![(doc.tree.root(), 0usize)];
        while let Some((n, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(n.children().map(|c| (c, d + 1)));
        }
        assert!(
            deepest <= MAX_DEPTH + 16,
            "case {case}: {deepest} deep after {:?}",
            &html[..prefix_len]
        );
        // Unclosed formatting elements are re-opened in every later block: capped too.
        let mut html = html[..prefix_len].to_string();
        html.push_str(&"<b>".repeat(1000));
        html.push_str(&"<p>x</p>".repeat(40));
        let nodes = crate::extract::parse(&html).tree.nodes().count();
        assert!(
            nodes <= 40 * (MAX_FORMATTING + 16) + 1200,
            "case {case}: {nodes} nodes after {:?}",
            &html[..prefix_len]
        );
    }
}
