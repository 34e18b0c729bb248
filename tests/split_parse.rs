//! The two-thread parse of big pages (`extract::split_parse`) builds exactly the tree a whole
//! parse builds: checked on generated WordPress threads, on every HTML fixture (and on the
//! corpus pages when they are restored), and on seeded tag soup made of the markup that can
//! pull the pre-pass's model away from html5ever's (stray and misnested end tags, leaked
//! formatting, unclosed items, tables, svg, script escapes, odd comments). Every page is split
//! wherever a split is allowed (no size floor), so small pages exercise it too.

#[path = "../benches/support/wp_page.rs"]
mod wp_page;

use parlor::extract::{self, nesting};
use scraper::{Html, Selector};
#[path = "support/pages.rs"]
mod pages;
#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Parses `html` whole and, when the pre-pass allows, split; panics when the trees differ.
/// True when it was split.
fn same_tree(html: &str, what: &str) -> bool {
    let Some(split) = nesting::prepare_split(html, 0) else {
        return false;
    };
    if split.split.is_none() {
        return false;
    }
    let Some(two) = extract::split_parse::parse(&split) else {
        return false;
    };
    let whole = extract::parse_prepared(nesting::prepare_split(html, usize::MAX).expect("fits"));
    let a = whole.root_element().html();
    let b = two.root_element().html();
    if a != b {
        let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        let lo = at.saturating_sub(200);
        panic!(
            "{what}: split parse differs at byte {at}:\nwhole: {}\nsplit: {}",
            a.get(lo..(at + 200).min(a.len())).unwrap_or("?"),
            b.get(lo..(at + 200).min(b.len())).unwrap_or("?"),
        );
    }
    let all = Selector::parse("*").expect("selector");
    assert_eq!(
        count(&whole, &all),
        count(&two, &all),
        "{what}: Html::select sees other elements"
    );
    true
}

fn count(doc: &Html, sel: &Selector) -> usize {
    doc.select(sel).count()
}

#[test]
fn generated_threads_split_and_match() {
    for (n, long) in [(50, false), (400, false), (300, true)] {
        let html = wp_page::page(n, "https://bench.test/2024/05/post/", long);
        assert!(
            same_tree(&html, &format!("wp_page({n})")),
            "a well-formed WordPress thread of {n} comments is split"
        );
        // Big enough for the default floor: the real path splits it too.
        let p = nesting::prepare(&html).expect("prepared");
        assert_eq!(
            p.split.is_some(),
            html.len() >= nesting::MIN_SPLIT_PAGE,
            "{n} comments, {} bytes",
            html.len()
        );
    }
}

#[test]
fn fixture_and_corpus_pages_match_when_split() {
    let (files, fixtures) = pages::fixture_and_corpus_pages();
    let mut split = 0;
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        let html = parlor::net::decode_html(&bytes, None);
        if same_tree(&html, &f.display().to_string()) {
            split += 1;
        }
    }
    println!(
        "SPLIT_PARSE pages={} fixtures={fixtures} split={split}",
        files.len()
    );
    assert!(fixtures > 100, "the fixtures are there");
    assert!(
        split * 10 >= fixtures,
        "a tenth of the pages at least can be split"
    );
}

const PIECES: &[&str] = &[
    "<li class='comment'><article><p>text</p></article></li>",
    "<li class='comment'><div><p>open paragraph<div>block</div></li>",
    "<li>unclosed item",
    "<li><div><li>item across a div</li></div></li>",
    "</div>",
    "</li>",
    "</ol>",
    "</p>",
    "</b>",
    "</h3>",
    "<b>bold",
    "<a href='#x'>link",
    "<a href='#y'>a</a>",
    "<p>para",
    "<p><span><div>block in span in p</div></span></p>",
    "<h2>head<h3>sub</h2>",
    "<table><tr><td>cell<td>cell</table>",
    "<table><td>x</td></table>",
    "<p><table><tr><td>t</td></tr></table></p>",
    "<svg><title>t</title><path/><div>out</div></svg>",
    "<svg viewBox='0 0 1 1'><path d='M0'/></svg>",
    "<script><!-- document.write('<script></script>') --></script>",
    "<script>if (a < b) x()</script>",
    "<style>p > a { }</style>",
    "<!-->",
    "<!-- c --!> after",
    "<!-- fine -->",
    "</ notatag>",
    "<![CDATA[ x ]]>",
    "<form><input name=a><form><input name=b></form>",
    "<select><option>a<div>b</div></select>",
    "<dl><dt>a<dd>b<div><dd>c</div></dl>",
    "<button>a<button>b</button>",
    "<nobr>a<nobr>b",
    "<textarea>a</textarea >b",
    "<title>t</titlex></title>",
    "<ruby>a<rt>b</ruby>",
    "<hr><xmp>x</xmp>",
    "<template><li>x</li></template>",
    "<font color=red>f</font>",
    "<ol class='children'>",
    "<div class='comment-body'>",
    "text ",
    "&amp; &lt;",
    "<br/>",
    "<img src=x>",
];

#[test]
fn tag_soup_matches_when_split() {
    let mut rng = Rng(0x5eed_5011_7000_0001);
    let mut split = 0;
    for case in 0..600 {
        let mut html =
            String::from("<!doctype html><html><body><div id=page><ol class=commentlist>");
        if case % 3 == 0 {
            html = String::from("<html><body><div><ol>"); // quirks mode
        }
        for _ in 0..(5 + rng.below(40)) {
            // Mostly whole comments, so that splits happen; soup in between.
            if rng.below(3) == 0 {
                html.push_str(PIECES[rng.below(PIECES.len())]);
            } else {
                html.push_str(PIECES[0]);
            }
        }
        html.push_str("</ol><div id=respond><form><textarea></textarea></form></div></div>");
        if same_tree(&html, &format!("soup case {case}: {html}")) {
            split += 1;
        }
    }
    println!("SPLIT_SOUP cases=600 split={split}");
    assert!(split > 100, "soup splits often enough to test it ({split})");
}
