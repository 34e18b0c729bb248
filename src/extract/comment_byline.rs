//! "Posted by: NAME | DATE" bylines (Movable Type, TypePad, Drupal's `submitted` lines): the
//! name, its link and the date shown, read from a comment's footer or header line.

use super::comment_meta::{clean_name, is_permalink_href};
use super::comment_read::{class_has, lead_text};
use super::dom;
use scraper::ElementRef;

/// How bylines start in words of their own ("Posted by: NAME | DATE"), lowercased.
pub(super) const WORDED_BYLINES: [&str; 8] = [
    "posted by",
    "submitted by",
    "écrit par",
    "publié par",
    "geschrieben von",
    "escrito por",
    "publicado por",
    "投稿者",
];

/// How bylines start, lowercased: the worded ones, or a bare "by".
const BYLINES: [&str; 10] = {
    let w = WORDED_BYLINES;
    [
        w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], "by ", "von ",
    ]
};

/// A name, its link, and a shown date.
pub(super) type Posted<'a> = (String, Option<ElementRef<'a>>, Option<String>);

/// "Posted by: NAME | DATE" / "Posted by: NAME at DATE" footers (Movable Type, TypePad).
pub(super) fn posted_by<'a>(own: &[ElementRef<'a>]) -> Option<Posted<'a>> {
    let starts = |e: &ElementRef<'_>| {
        let (t, more) = lead_text(*e, 300);
        let l = t.to_lowercase();
        // "By " alone starts sentences too: only a short line counts.
        !more
            && BYLINES
                .iter()
                .any(|b| l.starts_with(b) && (*b != "by " || t.chars().count() <= 80))
    };
    let is_line = |e: &ElementRef<'_>| matches!(e.value().name(), "p" | "div" | "span" | "small");
    let hinted = |e: &ElementRef<'_>| {
        class_has(
            *e,
            &[
                "posted",
                "comments-post",
                "comment-footer",
                "byline",
                "comment-info",
            ],
        )
    };
    let el = own
        .iter()
        .copied()
        .find(|e| is_line(e) && hinted(e) && starts(e));
    // A footer the template marks, in words parlor does not know ("由 NAME 發表於 DATE"): its
    // one link is the name. It wins over a text paragraph that happens to start with "by".
    if el.is_none() {
        if let Some(p) = own
            .iter()
            .copied()
            .filter(|e| is_line(e) && hinted(e))
            .find_map(linked_footer)
        {
            return Some(p);
        }
    }
    let el = el.or_else(|| own.iter().copied().find(|e| is_line(e) && starts(e)));
    let Some(el) = el else {
        return date_dash_name(own);
    };
    let link = el.descendent_elements().find(|e| {
        e.value().name() == "a" && !is_permalink_href(dom::attr(*e, "href").unwrap_or(""))
    });
    let text = dom::text(el);
    // "By NAME at DATE | reply": a separator with no date after it separates links, not the
    // name from the date (Drupal 4's chameleon theme).
    let (who, when) = match text
        .split_once(['|', '\u{2022}'])
        .filter(|(_, b)| b.bytes().any(|c| c.is_ascii_digit()))
        .or_else(|| text.split_once(" : "))
        .or_else(|| text.split_once('：'))
    {
        Some((a, b)) => (a.to_string(), Some(b.trim().to_string())),
        None => match text
            .split('|')
            .next()
            .and_then(|t| t.split_once(" at ").or_else(|| t.split_once(" on ")))
        {
            Some((a, b)) => (a.to_string(), Some(b.trim().to_string())),
            None => (text.clone(), None),
        },
    };
    let name = match link {
        Some(l) if !dom::text(l).is_empty() => dom::text(l),
        _ => clean_name(&who),
    };
    let when = when.map(|w| w.split('|').next().unwrap_or("").trim().to_string());
    // "Posted by:  at DATE": a byline with the name left empty still dates the comment.
    let when = when.filter(|w| !w.is_empty());
    (!name.is_empty() || when.is_some()).then_some((name, link, when))
}

/// A marked footer line with one link to the commenter: the link's text is the name, the words
/// after it (from the first ASCII letter or digit) the date.
fn linked_footer(line: ElementRef<'_>) -> Option<Posted<'_>> {
    let mut links = line.descendent_elements().filter(|e| {
        e.value().name() == "a" && !is_permalink_href(dom::attr(*e, "href").unwrap_or(""))
    });
    let (link, None) = (links.next()?, links.next()) else {
        return None;
    };
    let name = dom::text(link);
    if name.is_empty() || name.chars().count() > 80 {
        return None;
    }
    let text = dom::text(line);
    let after = text.split_once(name.as_str()).map(|(_, a)| a).unwrap_or("");
    let after = after.trim_start_matches(|c: char| !c.is_ascii_alphanumeric());
    let after = after
        .strip_prefix("at ")
        .or_else(|| after.strip_prefix("on "))
        .unwrap_or(after)
        .trim();
    let when = (after.bytes().any(|b| b.is_ascii_digit()) && after.chars().count() <= 60)
        .then(|| after.to_string());
    Some((name, Some(link), when))
}

/// "DATE — NAME" in a `submitted` line (Drupal 6's Garland: `!datetime — !username`), the
/// name a link or plain text, "(not verified)" for guests.
fn date_dash_name<'a>(own: &[ElementRef<'a>]) -> Option<Posted<'a>> {
    own.iter().copied().find_map(|e| {
        if !class_has(e, &["submitted"]) {
            return None;
        }
        let text = dom::text(e);
        let (when, who) = text.rsplit_once(" \u{2014} ")?;
        let (when, who) = (when.trim(), clean_name(who));
        let dated = when.bytes().any(|b| b.is_ascii_digit()) && when.chars().count() <= 60;
        if !dated || who.is_empty() || who.chars().count() > 80 {
            return None;
        }
        let link = e
            .descendent_elements()
            .find(|a| a.value().name() == "a" && dom::text(*a) == who);
        Some((who, link, Some(when.to_string())))
    })
}
