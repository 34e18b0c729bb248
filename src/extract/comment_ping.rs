//! Tells pings (trackbacks, pingbacks) by their markup: the labels of Movable Type's and
//! Serendipity's trackback templates ("Excerpt:", "Weblog:", "Tracked:"), and what a ping's
//! text is when it only repeats its title; WordPress themes' ping lists printed apart; Movable
//! Type 3's default trackback paragraphs.

use super::{dom, sanitize};
use crate::model::Block;
use scraper::ElementRef;

/// Labels printed in bold in a trackback's block, lowercased, without the colon.
const PING_LABELS: [&str; 3] = ["weblog", "tracked", "excerpt"];

/// When the block carries trackback labels: the name after "Weblog:" (empty when it has
/// none), else `None`.
pub(super) fn weblog_label(own: &[ElementRef<'_>]) -> Option<String> {
    let label = |e: &ElementRef<'_>| -> Option<String> {
        if !matches!(e.value().name(), "b" | "strong") {
            return None;
        }
        let t = dom::text(*e).to_lowercase();
        let word = t.strip_suffix(':')?.trim();
        PING_LABELS.contains(&word).then(|| word.to_string())
    };
    let mut found = false;
    let mut name = String::new();
    for e in own {
        let Some(word) = label(e) else { continue };
        found = true;
        if word == "weblog" && name.is_empty() {
            // The name is the text (or link) right after the label.
            let next = e.next_sibling().and_then(|n| match ElementRef::wrap(n) {
                Some(a) if a.value().name() == "a" => Some(dom::text(a)),
                Some(_) => None,
                None => n.value().as_text().map(|t| sanitize::line(t)),
            });
            name = next.unwrap_or_default();
        }
    }
    found.then_some(name)
}

/// A ping's blocks that only repeat "Pingback: <site>" are no text.
/// A ping that only says "Pingback: <site title>" reads as that title.
pub(super) fn strip_ping_blocks(blocks: &mut Vec<Block>, author: &str) {
    let t = crate::model::blocks_text(blocks);
    let rest = t
        .trim()
        .trim_start_matches("Pingback:")
        .trim_start_matches("Trackback:")
        .trim()
        .trim_start_matches(author)
        .trim()
        .trim_matches(['(', ')'])
        .trim();
    if rest.is_empty() || rest == "(Edit)" || rest == "Edit" {
        *blocks = ping_title(author);
    }
}

/// The blocks of a ping without an excerpt: its title, as the page shows it.
pub fn ping_title(title: &str) -> Vec<Block> {
    if title.is_empty() {
        return Vec::new();
    }
    vec![Block::Paragraph {
        content: vec![crate::model::Inline::Text {
            text: title.to_string(),
        }],
    }]
}

/// A ping link's own words beside its excerpt and footnote number: the linking site
/// (`<a><sup>1</sup><span class="excerpt">…</span> - Site</a>` → "Site").
pub(super) fn name_beside(link: ElementRef<'_>, excerpt: ElementRef<'_>) -> String {
    let mut s = String::new();
    for n in link.children() {
        match ElementRef::wrap(n) {
            Some(e) if e.id() == excerpt.id() || e.value().name() == "sup" => {}
            Some(e) => s.push_str(&dom::text(e)),
            None => s.push_str(n.value().as_text().map_or("", |t| &**t)),
        }
    }
    sanitize::line(&s)
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '\u{2014}' | '|' | ':')
        })
        .to_string()
}

/// Ping lists printed apart: `ol.pinglist > li.ping` (Hueman), `li.pings` (MH themes).
pub(super) fn ping_item(el: ElementRef<'_>) -> bool {
    el.value().name() == "li"
        && (dom::has_class(el, "ping") || dom::has_class(el, "pings"))
        && el
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| dom::classes(p).any(|c| c.contains("ping")))
}

/// A ping's excerpt where the theme prints one apart (`div.ping-content`).
pub(super) fn ping_excerpt<'a>(
    mut own: impl Iterator<Item = ElementRef<'a>>,
) -> Option<ElementRef<'a>> {
    own.find(|e| {
        dom::classes(*e).any(|c| {
            c == "excerpt"
                || (c.starts_with("ping") && (c.ends_with("-content") || c.ends_with("-excerpt")))
        })
    })
}

/// Movable Type 3's default trackback: `<p id="pN">» <a href=URL>TITLE</a> from BLOG<br />
/// EXCERPT <a>[Read More]</a></p>` then `<p class="posted">Tracked on DATE</p>` (the
/// Individual Entry Archive template, `movabletype/movabletype`).
pub(super) fn mt_ping(el: ElementRef<'_>) -> bool {
    el.value().name() == "p"
        && el.value().id().is_some_and(|i| {
            i.strip_prefix('p')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        && super::comment_find::footer_after(el).is_some()
}

/// The linking blog's name: the words after the title link, before the line break, without
/// "from".
pub(super) fn mt_ping_blog(el: ElementRef<'_>) -> Option<String> {
    let mut after_link = false;
    let mut s = String::new();
    for n in el.children() {
        match ElementRef::wrap(n) {
            Some(e) if e.value().name() == "br" && after_link => break,
            Some(e) if e.value().name() == "a" && !after_link => after_link = true,
            Some(e) if after_link => s.push_str(&dom::text(e)),
            None if after_link => s.push_str(n.value().as_text().map_or("", |t| &**t)),
            _ => {}
        }
    }
    let s = sanitize::line(&s);
    let name = s.trim().strip_prefix("from").unwrap_or(s.trim()).trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The ping's date: its "Tracked on DATE" line without the label (translated templates end
/// the label with a colon: "トラックバック時刻: DATE").
pub(super) fn mt_ping_date(el: ElementRef<'_>) -> Option<String> {
    let t = dom::text(super::comment_find::footer_after(el)?);
    let t = t.trim();
    let date = match t.strip_prefix("Tracked on") {
        Some(r) => r,
        None => match t.split_once([':', '\u{ff1a}']) {
            Some((label, r)) if !label.bytes().any(|b| b.is_ascii_digit()) => r,
            _ => t,
        },
    };
    let date = date.trim();
    (!date.is_empty()).then(|| date.to_string())
}
