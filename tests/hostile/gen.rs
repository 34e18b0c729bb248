//! Generators of pathological inputs: HTML (nesting, siblings, formatting soup, tables,
//! microdata, huge attributes), feeds, OPML and JSON-LD. Deterministic: same input every run.

use std::fmt::Write as _;

/// `n` nested `<div>`s around one word.
pub fn deep_divs(n: usize) -> String {
    format!(
        "<html><body>{}deep{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

/// `n` nested `<div>`s after a comment the tokenizer ends early (`<!-->`, `<!--->`, `--!>`),
/// with a `-->` after them: a pre-pass that ended the comment at that `-->` would leave the
/// divs' depth uncapped.
pub fn deep_divs_after_short_comments(n: usize) -> String {
    let third = n / 3;
    let mut s = String::from("<html><body>");
    for opener in ["<!-->", "<!--->", "<!-- x --!>"] {
        s.push_str(opener);
        s.push_str(&"<div>".repeat(third));
        s.push_str("y -->");
        s.push_str(&"</div>".repeat(third));
    }
    s.push_str("</body></html>");
    s
}

/// `n` nested `<div>`s inside a tag that a quote seems to hold open (`<p x= ='>`): a quote
/// after `= =` opens no value, so the tag ends at its first `>` and every `<div>` is a tag. A
/// pre-pass that skipped to the quote's mate would leave the divs' depth uncapped.
pub fn deep_divs_behind_a_quote(n: usize) -> String {
    format!(
        "<html><body><p x= ='>{}x'>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

fn wp_head() -> String {
    "<html><head><link rel='stylesheet' id='wp-block-library-css' \
     href='https://b.test/wp-includes/css/dist/block-library/style.min.css' />\
     <meta name='generator' content='WordPress 6.5' /></head>\
     <body class='single wp-singular'><article class='post'><h1 class='entry-title'>T</h1>\
     <div class='entry-content'><p>Body of the post.</p></div></article>\
     <div id='comments' class='comments-area'><ol class='comment-list'>"
        .to_string()
}

/// A WordPress thread where each comment replies to the previous one, `n` deep.
pub fn wp_chain(n: usize) -> String {
    let mut s = wp_head();
    for i in 0..n {
        let _ = write!(
            s,
            "<li id='comment-{i}' class='comment depth-{d}'><article id='div-comment-{i}' \
             class='comment-body'><footer class='comment-meta'><div class='comment-author vcard'>\
             <b class='fn'>User {i}</b></div><div class='comment-metadata'><a href='#comment-{i}'>\
             <time datetime='2024-05-01T10:00:00+00:00'>May 1</time></a></div></footer>\
             <div class='comment-content'><p>Reply {i}.</p></div></article><ol class='children'>",
            d = i + 1
        );
    }
    for _ in 0..n {
        s.push_str("</ol></li>");
    }
    s.push_str("</ol></div></body></html>");
    s
}

/// A WordPress list of `n` comments big enough to be read in chunks on other threads, each
/// comment's text `depth` quote-and-emphasis pairs deep around a long paragraph.
pub fn wp_deep_in_comments(n: usize, depth: usize) -> String {
    let mut s = wp_head();
    let para = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(40);
    for i in 0..n {
        let _ = write!(
            s,
            "<li id='comment-{i}' class='comment depth-1'><article id='div-comment-{i}' \
             class='comment-body'><footer class='comment-meta'><div class='comment-author vcard'>\
             <b class='fn'>User {i}</b></div><div class='comment-metadata'><a href='#comment-{i}'>\
             <time datetime='2024-05-01T10:00:00+00:00'>May 1</time></a></div></footer>\
             <div class='comment-content'>{open}<p>{para}</p>{close}</div></article></li>",
            open = "<blockquote><em>".repeat(depth),
            close = "</em></blockquote>".repeat(depth),
        );
    }
    s.push_str("</ol></div></body></html>");
    s
}

/// WordPress comments each nested inside the previous comment's `.fn` (never closed): the
/// author's subtree holds every later comment.
pub fn wp_nested_fn(n: usize) -> String {
    let mut s = wp_head();
    for i in 0..n {
        let _ = write!(
            s,
            "<li id='comment-{i}' class='comment'><article id='div-comment-{i}' class='comment-body'>\
             <div class='comment-content'><p>Text {i} lorem ipsum dolor sit amet.</p></div>\
             <footer class='comment-meta'><div class='comment-author vcard'><b class='fn'>Name {i} "
        );
    }
    s.push_str("</ol></div></body></html>");
    s
}

/// `n` microformats comments, each nested in the previous one.
pub fn mf_nested(n: usize) -> String {
    let mut s = String::from(
        "<html><body><article class='h-entry'><h1 class='p-name'>T</h1>\
         <div class='e-content'><p>Post body.</p></div>",
    );
    for i in 0..n {
        let _ = write!(
            s,
            "<div class='p-comment h-cite'><span class='p-author h-card'>A{i}</span>\
             <time class='dt-published' datetime='2024-01-01'>Jan 1</time>\
             <div class='e-content'><p>Comment {i}</p></div>"
        );
    }
    s.push_str(&"</div>".repeat(n));
    s.push_str("</article></body></html>");
    s
}

/// `n` sibling paragraphs.
pub fn siblings(n: usize) -> String {
    let mut s = String::from("<html><body><article>");
    for i in 0..n {
        let _ = write!(s, "<p>Paragraph {i} with some words.</p>");
    }
    s.push_str("</article></body></html>");
    s
}

/// Unclosed formatting elements with distinct attributes, then many blocks (each re-opens
/// every formatting element still active).
pub fn formatting_soup(n: usize, blocks: usize) -> String {
    let mut s = String::from("<html><body>");
    for i in 0..n {
        let _ = write!(s, "<b id='b{i}'><i class='i{i}'><font size='{}'>", i % 7);
    }
    for i in 0..blocks {
        let _ = write!(s, "<p>block {i}</p>");
    }
    s.push_str("</body></html>");
    s
}

/// A table of `rows` × `cols` cells, with a nested table every 50 rows.
pub fn huge_table(rows: usize, cols: usize) -> String {
    let mut s = String::from("<html><body><table>");
    for r in 0..rows {
        s.push_str("<tr>");
        for c in 0..cols {
            let _ = write!(s, "<td>{r}.{c}</td>");
        }
        if r % 50 == 0 {
            s.push_str("<td><table><tr><td>inner</td></tr></table></td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></body></html>");
    s
}

/// `n` schema.org Comment items in microdata, half nested.
pub fn microdata(n: usize) -> String {
    let mut s = String::from(
        "<html><body><article itemscope itemtype='https://schema.org/BlogPosting'>\
         <h1 itemprop='headline'>T</h1><div itemprop='articleBody'><p>Body.</p></div>",
    );
    for i in 0..n {
        let _ = write!(
            s,
            "<div itemprop='comment' itemscope itemtype='https://schema.org/Comment'>\
             <span itemprop='author' itemscope itemtype='https://schema.org/Person'>\
             <span itemprop='name'>P{i}</span></span><p itemprop='text'>Said {i}</p>"
        );
        if i % 2 == 0 {
            s.push_str("</div>");
        }
    }
    s.push_str(&"</div>".repeat(n / 2));
    s.push_str("</article></body></html>");
    s
}

/// `n` elements with distinct 15-byte names whose second half repeats their first
/// (`<abcdefgxabcdefg>`): names a fast unkeyed hash of the two halves puts in one slot.
pub fn colliding_tag_names(n: usize) -> String {
    let mut s = String::from("<html><body><article>");
    for i in 0..n {
        let mut half = String::new();
        let mut k = i;
        for _ in 0..7 {
            half.push(char::from(b'a' + (k % 26) as u8));
            k /= 26;
        }
        let _ = write!(s, "<{half}x{half}>t</{half}x{half}>");
    }
    s.push_str("</article></body></html>");
    s
}

/// One element with a `bytes`-long attribute value and `count` attributes, repeated 10 times.
pub fn huge_attributes(bytes: usize, count: usize) -> String {
    let mut s = String::from("<html><body>");
    let long = "x".repeat(bytes);
    for k in 0..10 {
        let _ = write!(s, "<div class='{long}' title='{long}'");
        for i in 0..count {
            let _ = write!(s, " data-a{k}x{i}='{i}'");
        }
        s.push_str("><p>text</p></div>");
    }
    s.push_str("</body></html>");
    s
}

/// A JSON-LD script holding `depth` nested arrays, and one with a `bytes`-long string.
pub fn jsonld(depth: usize, bytes: usize) -> String {
    format!(
        "<html><head><script type='application/ld+json'>{}{}</script>\
         <script type='application/ld+json'>{{\"@type\":\"BlogPosting\",\"headline\":\"{}\",\
         \"comment\":[{}]}}</script></head><body><p>x</p></body></html>",
        "[".repeat(depth),
        "]".repeat(depth),
        "h".repeat(bytes),
        (0..2000)
            .map(|i| format!(
                "{{\"@type\":\"Comment\",\"text\":\"c{i}\",\"author\":{{\"name\":\"{}\"}}}}",
                "n".repeat(bytes / 2000)
            ))
            .collect::<Vec<_>>()
            .join(",")
    )
}

/// An RSS feed of `n` items, each with `slash:comments`.
pub fn slash_feed(n: usize) -> String {
    let mut s = String::from(
        "<?xml version='1.0'?><rss version='2.0' xmlns:slash='http://purl.org/rss/1.0/modules/slash/'>\
         <channel><title>B</title><link>https://b.test/</link>",
    );
    for i in 0..n {
        let _ = write!(
            s,
            "<item><title>P{i}</title><link>https://b.test/p{i}/</link><guid>g{i}</guid>\
             <slash:comments>{}</slash:comments></item>",
            i % 50
        );
    }
    s.push_str("</channel></rss>");
    s
}

/// An OPML file of `n` outlines (some nested, some duplicated).
pub fn opml(n: usize) -> String {
    let mut s = String::from("<?xml version='1.0'?><opml version='2.0'><body><outline text='all'>");
    for i in 0..n {
        let _ = write!(
            s,
            "<outline type='rss' text='Blog {i}' xmlUrl='https://b{}.test/feed/' htmlUrl='https://b{}.test/'/>",
            i % (n - n / 10).max(1),
            i % (n - n / 10).max(1)
        );
    }
    s.push_str("</outline></body></opml>");
    s
}

/// A page listing `n` feed links (same site and elsewhere).
pub fn many_feed_links(n: usize, own: &str) -> String {
    let mut s = String::from("<html><head>");
    for i in 0..n {
        let host = if i % 2 == 0 {
            own
        } else {
            "http://127.0.0.9:9"
        };
        let _ = write!(
            s,
            "<link rel='alternate' type='application/rss+xml' title='F{i}' href='{host}/f{i}.xml'>"
        );
    }
    s.push_str("</head><body><p>no feed here</p></body></html>");
    s
}
