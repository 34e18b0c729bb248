//! Who wrote one comment, in any markup: the author element (microdata `itemprop`
//! author/name, microformats `fn`/`p-name`, `dsq-author-user`, `comment-author`-like class
//! words, `<cite>`), "Posted by: NAME | DATE" bylines, "By <strong>NAME</strong>", a
//! header's link or heading. Dates are [`super::comment_date`]'s.

use super::comment_find::id_number;
use super::comment_read::{class_has, itemprop, lead_text, lower_classes};
use super::{dom, sanitize};
use scraper::ElementRef;

/// A name element's own text: its first non-permalink link, or its text without "says:".
pub(super) fn name_of(a: ElementRef<'_>) -> (String, Option<ElementRef<'_>>) {
    let link = std::iter::once(a)
        .chain(a.descendent_elements())
        .filter(|e| e.value().name() == "a" && dom::attr(*e, "href").is_some())
        .find(|e| {
            !is_permalink_href(dom::attr(*e, "href").unwrap_or("")) && !dom::text(*e).is_empty()
        });
    let text = match link {
        Some(l) => dom::text(l),
        // A name that is itself a badge word ("admin") is still the name.
        None => match own_text(a, true) {
            t if t.is_empty() => own_text(a, false),
            t => t,
        },
    };
    (clean_name(without_date(&text)), link)
}

/// "Posted by NAME on Aug 30th, 2011 at 7:41 am.": a name element that also holds the date
/// (Drupal's `span.author-date`) keeps the words before it. Only a tail with a year or a
/// clock time counts as a date.
fn without_date(t: &str) -> &str {
    let dated = |tail: &str| {
        let b = tail.as_bytes();
        let year = b
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit) && matches!(w[0], b'1' | b'2'));
        let clock = b
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
        tail.chars().count() <= 60 && (year || clock)
    };
    [" on ", " at ", " | ", " - "]
        .iter()
        .filter_map(|sep| t.find(sep))
        .filter(|&i| i > 0 && dated(&t[i..]))
        .min()
        .map_or(t, |i| &t[..i])
}

/// Text of a name element without its chrome children ("says:", dates, avatars) and, when
/// `badges`, role badges.
fn own_text(a: ElementRef<'_>, badges: bool) -> String {
    let mut s = String::new();
    for n in a.children() {
        match ElementRef::wrap(n) {
            Some(e)
                if class_has(e, &["says", "date", "time", "meta", "avatar", "label"])
                    || matches!(e.value().name(), "time" | "img")
                    || (badges && is_badge(e)) => {}
            Some(e) => {
                s.push(' ');
                s.push_str(&dom::raw_text(e));
            }
            None => {
                if let Some(t) = n.value().as_text() {
                    s.push_str(t);
                }
            }
        }
    }
    sanitize::line(&s)
}

/// A role badge printed inside a name ("Sam <span>Post author</span>").
pub(super) fn is_badge(e: ElementRef<'_>) -> bool {
    let t = dom::text(e).to_lowercase();
    t.chars().count() <= 20
        && matches!(
            t.as_str(),
            "post author"
                | "author"
                | "admin"
                | "administrator"
                | "moderator"
                | "owner"
                | "editor"
                | "auteur"
                | "autor"
                | "(author)"
                | "site admin"
        )
}

/// Strips "says:", "said…", "wrote:", "Posted by", "By" around a name.
pub fn clean_name(s: &str) -> String {
    let mut t = s.trim();
    for pre in [
        "Posted by:",
        "Posted by",
        "Submitted by",
        "Écrit par",
        "Publié par",
        "Geschrieben von",
        "Escrito por",
        "Publicado por",
        "投稿者",
        "par ",
        "By ",
        "by ",
        "von ",
    ] {
        if let Some(r) = t.strip_prefix(pre) {
            t = r.trim_start_matches([':', '：']).trim();
        }
    }
    for suf in [
        " (not verified)",
        " replied:",
        " says:",
        " says",
        " said...",
        " said…",
        " said:",
        " said",
        " wrote:",
        " dit :",
        " dit:",
        ":",
    ] {
        if let Some(r) = t.strip_suffix(suf) {
            t = r.trim();
        }
    }
    t.to_string()
}

pub(super) fn is_permalink_href(h: &str) -> bool {
    h.split_once('#')
        .is_some_and(|(_, f)| id_number(f).is_some())
        || h.contains("replytocom=")
        || h.contains("/comment/")
}

/// The author element: microdata, microformats, `<cite>`, then class words.
pub(super) fn author_el<'a>(own: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    let by = |f: &dyn Fn(ElementRef<'_>) -> bool| own.iter().copied().find(|e| f(*e));
    let ok = |e: ElementRef<'_>| {
        let (t, more) = lead_text(e, 120);
        !t.is_empty() && !more
    };
    if let Some(a) = by(&|e| itemprop(e, &["author", "creator"])) {
        let name = a
            .descendent_elements()
            .find(|e| itemprop(*e, &["name"]) && ok(*e))
            .unwrap_or(a);
        if ok(name) {
            return Some(name);
        }
    }
    by(&|e| (dom::has_class(e, "fn") || dom::has_class(e, "p-name")) && ok(e))
        .or_else(|| {
            by(&|e| dom::attr(e, "id").is_some_and(|i| i.starts_with("dsq-author-user")) && ok(e))
        })
        .or_else(|| {
            by(&|e| {
                lower_classes(e).any(|c| {
                    (c.contains("author")
                        && !c.contains("avatar")
                        && !c.starts_with("bypostauthor"))
                        || c.contains("username")
                        || c.contains("user-name")
                        || c.contains("commenter")
                        || c == "p-author"
                        || c == "name"
                        || c == "comment-name"
                        || (c.ends_with("-name")
                            && !c.contains("post")
                            && !c.contains("site")
                            && !c.contains("blog"))
                }) && ok(e)
                    && e.value().name() != "img"
                    // WordPress marks the comment itself `comment-author-LOGIN`.
                    && !dom::classes(e).any(|c| c == "comment" || c == "comment-body")
            })
        })
        .or_else(|| by(&|e| e.value().name() == "cite" && ok(e)))
}

/// Reply links' words, never a name.
const REPLY_WORDS: [&str; 8] = [
    "reply",
    "antworten",
    "répondre",
    "responder",
    "rispondi",
    "responder",
    "返信",
    "回复",
];

/// How bylines start ("Posted by: NAME | DATE"), lowercased.
const BYLINES: [&str; 10] = [
    "posted by",
    "submitted by",
    "écrit par",
    "publié par",
    "geschrieben von",
    "escrito por",
    "publicado por",
    "投稿者",
    "by ",
    "von ",
];

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

/// No name element: the header's one link to elsewhere, or the words after "by"/"par".
pub(super) fn header_link_author<'a>(
    el: ElementRef<'a>,
    header: &[ElementRef<'a>],
) -> (String, Option<ElementRef<'a>>) {
    // "By <strong>NAME</strong> on DATE": the bold name after "By" leads the header.
    let by_bold = header.iter().copied().find(|e| {
        matches!(e.value().name(), "strong" | "b")
            && e.prev_sibling()
                .and_then(|n| n.value().as_text().map(|t| t.trim().to_lowercase()))
                .is_some_and(|t| {
                    ["by", "par", "von", "posted by"]
                        .iter()
                        .any(|w| t == *w || t.ends_with(&format!(" {w}")))
                })
    });
    if let Some(b) = by_bold {
        let name = clean_name(&dom::text(b));
        if !name.is_empty() && name.chars().count() <= 60 {
            return (name, None);
        }
    }
    let link = header.iter().copied().find(|e| {
        e.value().name() == "a"
            && dom::attr(*e, "href").is_some_and(|h| {
                !is_permalink_href(h) && !h.starts_with('#') && !h.contains("#respond")
            })
            && !class_has(*e, &["reply", "edit", "permalink", "number", "quote"])
            && !REPLY_WORDS.contains(&dom::text(*e).to_lowercase().as_str())
            && {
                let t = dom::text(*e);
                !t.is_empty() && t.chars().count() <= 150
            }
    });
    if let Some(l) = link {
        return (dom::text(l), Some(l));
    }
    // "Name replied:" / "Name says:" in one element.
    let said = header.iter().copied().find_map(|e| {
        let own_text: String = e
            .children()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect();
        let t = sanitize::line(&own_text);
        let lower = t.to_lowercase();
        let verb = [" replied:", " says:", " said:", " wrote:", " said..."]
            .iter()
            .any(|v| lower.ends_with(v));
        let name = clean_name(&t);
        (verb && !name.is_empty() && name.chars().count() <= 60).then_some(name)
    });
    if let Some(name) = said {
        return (name, None);
    }
    // A heading or bold name at the head of the comment: "Name on 3 May at 10:00:".
    let lead = header
        .iter()
        .copied()
        .find(|e| matches!(e.value().name(), "h3" | "h4" | "h5" | "h6" | "strong" | "b"));
    if let Some(h) = lead {
        let first: String = h
            .children()
            .map_while(|n| n.value().as_text().map(|t| t.to_string()))
            .collect();
        let first = sanitize::line(&first);
        // "<b>Weblog:</b> Name": a label; the name follows it.
        if first.ends_with(':') && first.chars().count() <= 20 {
            let next = h
                .next_sibling()
                .and_then(|n| n.value().as_text().map(|t| sanitize::line(t)))
                .unwrap_or_default();
            if !next.is_empty() && next.chars().count() <= 60 {
                return (next, None);
            }
        }
        let first = format!("{first} ");
        let cut = [" on ", " at ", " said", " wrote", " | ", " le ", " am "]
            .iter()
            .filter_map(|k| first.find(k))
            .min()
            .map_or(first.as_str(), |i| &first[..i]);
        let name = clean_name(cut);
        if !name.is_empty() && name.chars().count() <= 60 {
            return (name, None);
        }
    }
    if el.value().name() == "dt" {
        let t = dom::text(el);
        for k in [" par ", " by ", " von "] {
            if let Some((_, n)) = t.rsplit_once(k) {
                return (clean_name(n), None);
            }
        }
    }
    (String::new(), None)
}
