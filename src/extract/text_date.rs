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

/// The first date shown in a date/meta element of the page, as `YYYY-MM-DD`.
pub fn shown_date(root: ElementRef<'_>) -> Option<String> {
    let body = dom::first(root, sel!("body"))?;
    dom::all(
        body,
        sel!("[class*=date], [id*=date], .posted, .postmeta, .post-meta, .entry-meta, .meta, .byline, time"),
    )
    .into_iter()
    .filter(|e| !chrome_around(*e))
    .take(MAX_LOOKED)
    .find_map(|e| parse(&dom::text(e)))
}

/// Inside comments, a sidebar, a widget, a footer or a calendar (dates of other things).
fn chrome_around(e: ElementRef<'_>) -> bool {
    std::iter::once(e)
        .chain(e.ancestors().filter_map(ElementRef::wrap).take(8))
        .any(|a| {
            let ic = dom::id_class(a);
            a.value().name() == "footer" && !ic.contains("entry")
                || a.value().name() == "aside"
                || [
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
                .any(|w| ic.contains(w))
        })
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
    use super::parse;

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
