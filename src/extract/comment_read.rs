//! Reads one comment element in any markup: author, author URL, date, permalink, text and
//! kind, from microdata (`itemprop` author/name/dateCreated/text), microformats (`fn`,
//! `p-author`), `<cite>`, `<time>` and the usual class words (`comment-author`,
//! `comment-meta`, `comment-content`/`-body`/`-text`, `dsq-comment-message`, …).
//! The text is the content element with header chrome removed: names, dates, avatars,
//! "says:", reply and edit links never end up in it.

use super::blocks::{self, Ctx};
use super::comment_byline::posted_by;
use super::comment_date::{dt_date, read_date};
use super::comment_find::id_number;
use super::comment_meta::{author_el, from_label, header_link_author, name_of};
pub use super::comment_parts::is_chrome;
use super::comment_parts::{after_header, comment_id, is_name_line, is_subject};
use super::comment_ping;
use super::{dom, sanitize, Page};
use crate::model::{Comment, CommentKind};
use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

/// The element's own elements in document order, not entering `nested` comment elements.
pub fn own_elements<'a>(
    el: ElementRef<'a>,
    nested: &dyn Fn(ElementRef<'_>) -> bool,
) -> Vec<ElementRef<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeRef<'a, Node>> = el.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        let Some(e) = ElementRef::wrap(n) else {
            continue;
        };
        if nested(e) {
            continue;
        }
        out.push(e);
        let before = stack.len();
        stack.extend(n.children());
        stack[before..].reverse();
    }
    out
}

/// Lowercased classes, BEM separators folded (`comment--content`, `comment__meta` read as
/// `comment-content`, `comment-meta`).
pub(super) fn lower_classes(e: ElementRef<'_>) -> impl Iterator<Item = String> + '_ {
    dom::classes(e).map(|c| c.to_ascii_lowercase().replace("__", "-").replace("--", "-"))
}

pub(super) fn class_has(e: ElementRef<'_>, words: &[&str]) -> bool {
    lower_classes(e).any(|c| words.iter().any(|w| c.contains(w)))
}

pub(super) fn itemprop(e: ElementRef<'_>, names: &[&str]) -> bool {
    dom::attr(e, "itemprop").is_some_and(|p| p.split_ascii_whitespace().any(|w| names.contains(&w)))
}

/// The start of an element's text, at most `max` characters and 400 nodes read: cheap on
/// hostile nesting, enough for "does it start with…" and "is it short" tests. The flag says
/// whether there was more.
pub(super) fn lead_text(e: ElementRef<'_>, max: usize) -> (String, bool) {
    // Whitespace runs count as one space: templates indent with dozens of tabs.
    let mut s = String::new();
    let mut count = 0;
    let mut space = true;
    let mut nodes = e.descendants();
    for n in nodes.by_ref().take(400) {
        let Some(t) = n.value().as_text() else {
            continue;
        };
        for ch in t.chars() {
            let ws = ch.is_whitespace();
            if ws && space {
                continue;
            }
            space = ws;
            s.push(if ws { ' ' } else { ch });
            count += 1;
            if count > max {
                let cut: String = s.chars().take(max).collect();
                return (sanitize::line(&cut), true);
            }
        }
    }
    let more = nodes.next().is_some();
    (sanitize::line(&s), more)
}

/// How surely a class names a comment's text element (lower is surer).
fn content_rank(e: ElementRef<'_>) -> Option<u8> {
    if itemprop(e, &["text", "commentText", "articleBody"]) {
        return Some(0);
    }
    lower_classes(e)
        .filter_map(|c| match c.as_str() {
            "dsq-comment-message"
            | "field-name-comment-body"
            | "field--name-comment-body"
            | "field-comment-body" => Some(0),
            "comment-content"
            | "comment_content"
            | "comment-text"
            | "comment_text"
            | "commenttext"
            | "comment-message"
            | "forum-texte"
            | "e-content"
            | "serendipity_commentbody"
            | "comment__content"
            | "comment-body-text" => Some(1),
            "comment-entry" | "comments-body" | "comment-body" | "commentbody" => Some(2),
            // phpBB's post text (its signature is a later `postbody` too).
            "postbody" => Some(4),
            "p-content" | "entry-content" | "content" | "text" | "message" | "body" => Some(3),
            // Prefixed theme classes: `wpd-comment-text`, `ast-comment-content`, …
            c if c.ends_with("-comment-text") || c.ends_with("-comment-content") => Some(1),
            // b2evolution's `bCommentText`.
            c if c.ends_with("commenttext") => Some(1),
            c if c.ends_with("-comment-body") => Some(2),
            _ => None,
        })
        .min()
}

/// The comment's text element, when it has one: the surest kind, first in the document.
fn content<'a>(own: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    let mut best: Option<(u8, ElementRef<'a>)> = None;
    for e in own {
        if let Some(r) = content_rank(*e) {
            // A nested element of the same kind is the text inside a wrapper that also
            // holds the header (OceanWP: `div.comment-content > div.comment-content`).
            let inner = |b: ElementRef<'_>| e.ancestors().take(6).any(|a| a.id() == b.id());
            if best.is_none_or(|(b, be)| r < b || (r == b && inner(be))) {
                best = Some((r, *e));
            }
        }
    }
    best.map(|(_, e)| e)
}

/// Reads one comment; `None` when it has no text (and is no ping).
pub fn read(
    el: ElementRef<'_>,
    own: &[ElementRef<'_>],
    page: &Page<'_>,
    nested: &dyn Fn(ElementRef<'_>) -> bool,
) -> Option<Comment> {
    // A `<dt>` header's text is the `<dd>` after it (Dotclear, old Blogger-like lists).
    let dd = (el.value().name() == "dt")
        .then(|| el.next_siblings().find_map(ElementRef::wrap))
        .flatten()
        .filter(|d| d.value().name() == "dd");
    // A "Posted by" line after the text belongs to it (Movable Type 2/3).
    let footer = if dd.is_none() && el.value().name() != "dt" {
        super::comment_find::footer_after(el).filter(|f| !super::comment_find::is_item(*f))
    } else {
        None
    };
    // Text blocks whose name and date sit in the block just before (`div.row > div.meta +
    // div.comments-body`).
    let before = if dd.is_none() && footer.is_none() && author_el(own).is_none() {
        el.prev_siblings()
            .find_map(ElementRef::wrap)
            .filter(|p| !super::comment_find::is_item(*p) && dom::text(*p).chars().count() < 200)
    } else {
        None
    };
    // In document order: a header block before, the element's own, then a `dd` or footer.
    let mut all: Vec<ElementRef<'_>> = Vec::with_capacity(own.len());
    if let Some(d) = before {
        all.push(d);
        all.extend(own_elements(d, nested));
    }
    // The header block before is all header: its lines are no text paragraphs.
    let before_len = all.len();
    all.extend_from_slice(own);
    for d in dd.into_iter().chain(footer) {
        all.push(d);
        all.extend(own_elements(d, nested));
    }
    let own = all.as_slice();
    let mut c = Comment::default();
    let body = content(own).or(dd);
    let body_set: std::collections::HashSet<ego_tree::NodeId> = body
        .map(|b| {
            std::iter::once(b)
                .chain(b.descendent_elements())
                .map(|e| e.id())
                .collect()
        })
        .unwrap_or_default();
    let in_body = |e: ElementRef<'_>| body_set.contains(&e.id());
    let header: Vec<ElementRef<'_>> = own.iter().copied().filter(|e| !in_body(*e)).collect();
    // The name is in the header, or inside a text wrapper (`div.comment-content > h3.name`).
    let name_el = author_el(&header);
    let posted = if name_el.is_none() {
        posted_by(&header)
    } else {
        None
    };
    let name_el = match (name_el, &posted) {
        (None, None) => author_el(own),
        _ => name_el,
    };
    let (author, link) = match (name_el, &posted) {
        (Some(a), _) => name_of(a),
        (None, Some((n, l, _))) => (n.clone(), *l),
        // Links and bold words of the text are no names: look before the first paragraph.
        (None, None) => {
            let cut = header
                .iter()
                .enumerate()
                .position(|(i, e)| {
                    i >= before_len
                        && matches!(e.value().name(), "p" | "blockquote" | "pre")
                        && lead_text(*e, 40).1
                        && !is_name_line(*e)
                })
                .unwrap_or(header.len());
            header_link_author(el, &header[..cut])
        }
    };
    // Movable Type 3's trackback paragraph: the blog after "from" wrote it; the title link
    // stays in its text.
    let mt_ping = comment_ping::mt_ping(el);
    let (author, link) = match mt_ping.then(|| comment_ping::mt_ping_blog(el)).flatten() {
        Some(blog) => (blog, None),
        None => (author, link),
    };
    c.author = author;
    c.author_url = link
        .and_then(|a| dom::attr(a, "href"))
        .and_then(|h| dom::abs_url(&page.base, h));
    read_date(own, &mut c, page);
    if c.published.is_none() && c.published_text.is_none() {
        c.published_text = posted.as_ref().and_then(|(_, _, d)| d.clone());
    }
    if c.published.is_none() && c.published_text.is_none() && mt_ping {
        c.published_text = comment_ping::mt_ping_date(el);
    }
    if c.published.is_none() && c.published_text.is_none() && dd.is_some() {
        c.published_text = dt_date(el);
    }
    c.id = comment_id(el, own).unwrap_or_default();
    // "replied to <a href=#comment-N>comment from X</a>" in the header: the parent, kept by
    // the caller when that comment came earlier and the DOM says nothing.
    let says_reply = |a: &ElementRef<'_>| {
        let sib = |n: Option<ego_tree::NodeRef<'_, Node>>| {
            n.and_then(|n| n.value().as_text().map(|t| t.to_lowercase()))
                .unwrap_or_default()
        };
        let (before, after) = (sib(a.prev_sibling()), sib(a.next_sibling()));
        let text = dom::text(*a).to_lowercase();
        REPLY_TO
            .iter()
            .any(|w| before.contains(w) || text.contains(w) || after.contains(w))
    };
    c.parent = header
        .iter()
        .filter(|e| e.value().name() == "a" && says_reply(e))
        .filter_map(|e| dom::attr(*e, "href")?.split_once('#'))
        .filter_map(|(_, f)| id_number(f))
        .find(|n| *n != c.id && !c.id.ends_with(n))
        .map(str::to_string);
    let name_id = name_el.map(|a| a.id());
    let skip = |e: ElementRef<'_>| {
        nested(e) || is_chrome(e) || Some(e.id()) == name_id || is_subject(e, &c.id)
    };
    let ctx = Ctx {
        base: &page.base,
        skip: &skip,
    };
    let date_el = own.iter().copied().find(|e| {
        e.value().name() == "time"
            || class_has(
                *e,
                &["date", "time", "published", "timestamp", "meta", "byline"],
            )
    });
    let link_id = link.map(|l| l.id());
    let is_mark = |e: ElementRef<'_>| {
        Some(e.id()) == name_id
            || Some(e.id()) == link_id
            || Some(e.id()) == date_el.map(|d| d.id())
            // Once the name is known, other `<cite>`s are text: a quoted commenter's name
            // ("<p><cite>Alex</cite>:</p><blockquote>…").
            || (e.value().name() == "cite" && name_el.is_none())
            || (e.value().name() == "a"
                && !c.id.is_empty()
                && dom::attr(e, "href").is_some_and(|h| {
                    h.split_once('#')
                        .is_some_and(|(_, f)| id_number(f).is_some_and(|n| n == c.id))
                }))
    };
    c.blocks = match body {
        Some(body) => blocks::blocks_of(body, &ctx),
        None => after_header(el, own, &is_mark, &ctx),
    };
    let lead: String = crate::model::blocks_text(&c.blocks)
        .chars()
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    let weblog = comment_ping::weblog_label(own);
    let from_kind = header.iter().copied().find_map(from_label);
    c.kind = if dom::has_class(el, "pingback")
        || lead.starts_with("pingback")
        || from_kind == Some("pingback")
    {
        CommentKind::Pingback
    } else if dom::has_class(el, "trackback")
        || lead.starts_with("trackback")
        || from_kind == Some("trackback")
        || weblog.is_some()
        || mt_ping
    {
        CommentKind::Trackback
    } else {
        CommentKind::Comment
    };
    // "Weblog: NAME" names the linking site (Movable Type, Serendipity trackbacks).
    if let Some(w) = weblog.filter(|w| !w.is_empty()) {
        c.author = w;
    }
    c.by_post_author = dom::classes(el).any(|k| k == "bypostauthor" || k == "by-author");
    c.pending = header.iter().any(|e| {
        dom::has_class(*e, "comment-awaiting-moderation")
            || (matches!(e.value().name(), "em" | "p" | "span")
                && lead_text(*e, 80)
                    .0
                    .to_lowercase()
                    .contains("awaiting moderation"))
    });
    c.can_reply = own.iter().any(|e| {
        dom::has_class(*e, "comment-reply-link")
            || dom::attr(*e, "href").is_some_and(|h| h.contains("replytocom="))
            || dom::attr(*e, "data-commentid").is_some()
    });
    // A list container that merely looks like an item: nothing says who or when.
    // A name guessed from the only link, when that link is all the text, is no name: a
    // "Comment on this article" link boxed like a comment (Movable Type's `comments-body`).
    let guessed = name_el.is_none()
        && posted.is_none()
        && crate::model::blocks_text(&c.blocks).trim() == c.author;
    let no_marks = (c.author.is_empty() || guessed)
        && c.published.is_none()
        && c.published_text.is_none()
        && c.permalink.is_none()
        && el.value().id().and_then(id_number).is_none()
        && !super::comment_find::anchored(el);
    if no_marks && c.kind == CommentKind::Comment {
        return None;
    }
    if c.kind != CommentKind::Comment {
        // A ping: the linking site is the author; its text is the excerpt, if any.
        if c.author.is_empty() || c.author.eq_ignore_ascii_case("pingback") {
            let a = own
                .iter()
                .copied()
                .find(|e| e.value().name() == "a" && dom::attr(*e, "href").is_some());
            if let Some(a) = a {
                c.author = dom::text(a);
                c.author_url = dom::attr(a, "href").and_then(|h| dom::abs_url(&page.base, h));
            }
        }
        comment_ping::strip_ping_blocks(&mut c.blocks, &c.author);
        return Some(c);
    }
    // A comment whose text is gone (an archived page that lost it, only an emptied `<p>`)
    // is still one when its own comment id, its writer and its date or permalink say so.
    let emptied = el.value().id().and_then(id_number).is_some()
        && !c.author.is_empty()
        && (c.published.is_some() || c.published_text.is_some() || c.permalink.is_some());
    if c.blocks.is_empty() && !emptied {
        return None;
    }
    if c.author.is_empty() {
        c.author = "Anonymous".to_string();
    }
    Some(c)
}

/// Words around a header link to the comment this one answers.
const REPLY_TO: [&str; 7] = [
    "repl",
    "in reply",
    "comment from",
    "réponse",
    "antwort",
    "en respuesta",
    "返信",
];
