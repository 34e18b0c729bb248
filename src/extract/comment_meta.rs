//! Who wrote one comment, in any markup: the author element (microdata `itemprop`
//! author/name, microformats `fn`/`p-name`, `dsq-author-user`, `comment-author`-like class
//! words, `<cite>`), "By <strong>NAME</strong>", a header's link or heading. Bylines
//! ("Posted by: NAME | DATE") are [`super::comment_byline`]'s, dates [`super::comment_date`]'s.

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
    // A pingback's "name" is the linking page's title, which WordPress prints as the `fn`
    // link (`get_comment_author_link`): titles run past any person's name, so a `fn` that is
    // one link and nothing else may be as long as a title.
    let title_link = |e: ElementRef<'_>| {
        let (t, more) = lead_text(e, 300);
        !t.is_empty() && !more && is_one_link(e)
    };
    by(&|e| (dom::has_class(e, "fn") || dom::has_class(e, "p-name")) && (ok(e) || title_link(e)))
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

/// The element is a link, or holds one link and no text of its own.
fn is_one_link(e: ElementRef<'_>) -> bool {
    if e.value().name() == "a" {
        return true;
    }
    let mut links = 0;
    for n in e.children() {
        match ElementRef::wrap(n) {
            Some(c) if c.value().name() == "a" => links += 1,
            Some(_) => return false,
            None => {
                if n.value().as_text().is_some_and(|t| !t.trim().is_empty()) {
                    return false;
                }
            }
        }
    }
    links == 1
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

/// No name element: the header's one link to elsewhere, or the words after "by"/"par".
pub(super) fn header_link_author<'a>(
    el: ElementRef<'a>,
    header: &[ElementRef<'a>],
) -> (String, Option<ElementRef<'a>>) {
    if let Some(found) = header.iter().copied().find_map(from_line) {
        return found;
    }
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

/// The kind a "KIND from: NAME" title line announces (b2evolution's `bCommentTitle`:
/// "Comment from:", "Trackback from:", "Pingback from:").
pub(super) fn from_label(e: ElementRef<'_>) -> Option<&'static str> {
    let own: String = e
        .children()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    let l = own.trim_start().to_lowercase();
    ["comment", "trackback", "pingback"]
        .into_iter()
        .find(|k| l.starts_with(&format!("{k} from:")))
}

/// "Comment from: NAME [Visitor] · <a>URL</a>": the words after the label, without the
/// visitor/member tag, and the website; "Trackback from: <a>BLOG</a>": the link.
fn from_line(e: ElementRef<'_>) -> Option<(String, Option<ElementRef<'_>>)> {
    from_label(e)?;
    let mut words = String::new();
    for n in e.children() {
        match ElementRef::wrap(n) {
            Some(a) if a.value().name() == "a" && dom::attr(a, "href").is_some() => {
                // The link is the name, or the named visitor's website.
                let name = after_colon(&words);
                let name = if name.is_empty() { dom::text(a) } else { name };
                return Some((name, Some(a)));
            }
            Some(x) => words.push_str(&dom::text(x)),
            None => words.push_str(n.value().as_text().map_or("", |t| &**t)),
        }
    }
    let name = after_colon(&words);
    (!name.is_empty()).then_some((name, None))
}

/// The words after a "KIND from:" label, without the visitor/member tag and separators.
fn after_colon(words: &str) -> String {
    let name = sanitize::line(words.split_once(':').map_or("", |(_, w)| w));
    name.trim_end_matches(['\u{b7}', '|', '-'])
        .trim()
        .trim_end_matches("[Visitor]")
        .trim_end_matches("[Member]")
        .trim()
        .to_string()
}
