//! The post's date from the text a theme prints ("August 27, 2006", "4 November 2004",
//! "2005年04月28日", "2009/02/08") when the page has no machine-readable date: the first
//! date-like element outside comments, sidebars and footers, read as `YYYY-MM-DD`.

use super::dom::{self, sel};
use scraper::ElementRef;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Elements looked at, at most (a date line is near the top of the post).
const MAX_LOOKED: usize = 40;

/// The first date shown in a date/meta element of the page, as `YYYY-MM-DD`. One walk in
/// document order that does not enter chrome ([`is_chrome`]): a page without a printed date
/// costs one look at each element outside its comments, not a selector walk of its thread.
pub fn shown_date(root: ElementRef<'_>) -> Option<String> {
    let body = dom::first(root, sel!("body"))?;
    let wanted = sel!(
        "[class*=date], [id*=date], .posted, .postmeta, .post-meta, .entry-meta, .meta, .byline, time"
    )?;
    let mut looked = 0;
    let mut stack = vec![body];
    while let Some(e) = stack.pop() {
        if is_chrome(e) {
            continue;
        }
        if wanted.matches(&e) {
            if let Some(d) = parse(&dom::text(e)) {
                return Some(d);
            }
            looked += 1;
            if looked == MAX_LOOKED {
                return None;
            }
        }
        let before = stack.len();
        stack.extend(e.child_elements());
        stack[before..].reverse();
    }
    None
}

/// Comments, a sidebar, a widget, a footer or a calendar (dates of other things), by the
/// element's name, id and class (ASCII case ignored), without allocating.
pub(super) fn is_chrome(e: ElementRef<'_>) -> bool {
    let v = e.value();
    let (id, class) = (v.id().unwrap_or(""), v.attr("class").unwrap_or(""));
    let has = |w: &str| contains_ci(id, w) || contains_ci(class, w);
    match v.name() {
        // The page itself: `<body class="comments-open">` holds the post too.
        "body" | "html" => return false,
        "aside" => return true,
        "footer" if !has("entry") => return true,
        _ => {}
    }
    (!id.is_empty() || !class.is_empty())
        && [
            "comment",
            "sidebar",
            "widget",
            "copyright",
            "calendar",
            "update",
            "modified",
            "recent",
        ]
        .iter()
        .any(|w| has(w))
}

/// `hay` contains `needle` (lowercase ASCII), ignoring ASCII case.
fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// A date in `t`, as `YYYY-MM-DD`.
pub fn parse(t: &str) -> Option<String> {
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric() || matches!(c, '年' | '月' | '日'))
        .filter(|w| !w.is_empty())
        .take(24)
        .collect();
    let num = |w: &str| {
        let w = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| w.strip_suffix(s))
            .unwrap_or(w);
        w.parse::<u32>().ok().filter(|_| w.len() <= 4)
    };
    let year = |w: &str| num(w).filter(|y| w.len() == 4 && (1990..=2099).contains(y));
    let month = |w: &str| {
        let l = w.to_lowercase();
        MONTHS
            .iter()
            .position(|m| l.len() >= 3 && l.starts_with(m) && l.is_ascii())
            .map(|i| i as u32 + 1)
    };
    for (i, w) in words.iter().enumerate() {
        // "2005年04月28日", "2009-02-08", "2009/02/08"
        if let Some(y) = year(w) {
            if let (Some(m), Some(d)) = (
                words.get(i + 1).and_then(|w| num(w)),
                words.get(i + 2).and_then(|w| num(w)),
            ) {
                if let Some(out) = ymd(y, m, d) {
                    return Some(out);
                }
            }
        }
        // "August 27, 2006", "Tuesday, 4 November 2004", "27. August 2006"
        if let Some(m) = month(w) {
            let before = i
                .checked_sub(1)
                .and_then(|j| words.get(j))
                .and_then(|w| num(w));
            let after = words.get(i + 1).and_then(|w| num(w));
            let y = words.iter().skip(i + 1).take(3).find_map(|w| year(w));
            if let Some(y) = y {
                let d = after.filter(|d| *d <= 31 && Some(*d) != Some(y)).or(before);
                if let Some(out) = d.and_then(|d| ymd(y, m, d)) {
                    return Some(out);
                }
            }
        }
    }
    None
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::{parse, shown_date};

    fn shown(html: &str) -> Option<String> {
        shown_date(scraper::Html::parse_document(html).root_element())
    }

    #[test]
    fn the_body_classes_do_not_hide_the_post_date() {
        // WordPress prints `comments-open`, themes `sidebar-left`, on <body> itself.
        let page = r#"<body class="single comments-open one-sidebar sidebar-left"><div id="page">
            <article><div class="entry-meta">June 30, 2007</div><p>Text.</p></article></div></body>"#;
        assert_eq!(shown(page).as_deref(), Some("2007-06-30"));
    }

    #[test]
    fn dates_anywhere_inside_comments_are_not_the_posts() {
        let mut deep = String::from(r#"<body><div id="comments">"#);
        deep.push_str(&"<div><div>".repeat(10));
        deep.push_str(r#"<span class="date">May 1, 2024</span>"#);
        deep.push_str(&"</div></div>".repeat(10));
        deep.push_str(r#"</div><aside><time>May 2, 2024</time></aside>"#);
        deep.push_str(r#"<p class="byline">Posted 3 June 2010</p></body>"#);
        assert_eq!(shown(&deep).as_deref(), Some("2010-06-03"));
    }

    #[test]
    fn dates_as_themes_print_them() {
        for (t, want) in [
            ("August 27, 2006", Some("2006-08-27")),
            (
                "4 November 2004 by Rose — Filed under Politics",
                Some("2004-11-04"),
            ),
            (
                "Posted by patata at October 15, 2005 10:55 AM",
                Some("2005-10-15"),
            ),
            ("2005年04月28日", Some("2005-04-28")),
            ("2009/02/08", Some("2009-02-08")),
            ("Tuesday, Sep 1st 2009", Some("2009-09-01")),
            ("Filed under Politics", None),
            ("May the force be with you", None),
        ] {
            assert_eq!(parse(t).as_deref(), want, "{t}");
        }
    }
}
