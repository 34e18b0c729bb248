//! When a comment was written and where it lives: the date (`<time datetime>`,
//! `dateCreated`, RDFa `dc:date`, ISO `abbr` titles, else the text shown, a `<dt>` header's
//! date) and the permalink.

use super::comment_meta::is_permalink_href;
use super::comment_read::{class_has, itemprop};
use super::{dom, sanitize, Page};
use crate::model::Comment;
use scraper::ElementRef;

pub(super) fn read_date(own: &[ElementRef<'_>], c: &mut Comment, page: &Page<'_>) {
    let machine = own.iter().copied().find_map(|e| {
        let v = if e.value().name() == "time" {
            dom::attr(e, "datetime")
        } else if itemprop(e, &["dateCreated", "datePublished", "commentTime"]) {
            dom::attr(e, "datetime").or_else(|| dom::attr(e, "content"))
        } else if e.value().name() == "abbr" {
            dom::attr(e, "title").filter(|t| looks_iso(t))
        } else if dom::attr(e, "property")
            .is_some_and(|p| p.contains("dc:date") || p.contains("dc:created"))
        {
            dom::attr(e, "content").filter(|t| looks_iso(t))
        } else {
            None
        };
        v.map(sanitize::line).filter(|s| !s.is_empty())
    });
    c.published = machine;
    let date_el = own
        .iter()
        .copied()
        .find(|e| {
            e.value().name() == "time" || class_has(*e, &["date", "time", "published", "timestamp"])
        })
        .or_else(|| {
            own.iter()
                .copied()
                .find(|e| class_has(*e, &["commentmetadata", "comment-meta", "comment-metadata"]))
        });
    let link = own
        .iter()
        .copied()
        .find(|e| e.value().name() == "a" && dom::attr(*e, "href").is_some_and(is_permalink_href))
        .or_else(|| {
            date_el.and_then(|d| {
                std::iter::once(d)
                    .chain(d.descendent_elements())
                    .find(|e| e.value().name() == "a" && dom::attr(*e, "href").is_some())
            })
        });
    c.permalink = link
        .and_then(|a| dom::attr(a, "href"))
        .and_then(|h| dom::abs_url(&page.base, h));
    if c.published.is_none() {
        let shown = date_el.map(dom::text).or_else(|| link.map(dom::text));
        c.published_text = shown.filter(|s| looks_date(s));
    }
}

/// "2013-05-01…": a machine-readable date.
fn looks_iso(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-'
}

/// Shown text that can be a date: a digit, at least 6 characters, at most 100.
fn looks_date(s: &str) -> bool {
    let n = s.chars().count();
    (6..=100).contains(&n) && s.bytes().any(|b| b.is_ascii_digit())
}

/// A `<dt>` header's date: its text without the leading number and the "by NAME" tail.
pub(super) fn dt_date(el: ElementRef<'_>) -> Option<String> {
    let t = dom::text(el);
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '#')
        .trim();
    let cut = [" par ", " by ", " von ", " - "]
        .iter()
        .filter_map(|k| t.find(k))
        .min()
        .map_or(t, |i| &t[..i]);
    let cut = cut.trim().trim_end_matches(',').trim();
    looks_date(cut).then(|| cut.to_string())
}
