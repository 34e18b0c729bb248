//! The parts of one comment read by position rather than by class: the text after its
//! header when no element names the text, and the comment's id (its own, a wrapper's, an
//! anchor before or inside it); what in a comment is chrome, a subject line or a name line
//! rather than text.

use super::blocks::{self, Ctx};
use super::comment_find::id_number;
use super::comment_read::{class_has, itemprop, lead_text};
use super::{dom, sanitize};
use crate::model::Block;
use scraper::ElementRef;

/// Without a text element: the nodes after the header. Single-child wrappers are entered
/// (`li > article`); the text starts at the first block after the last child holding a header
/// mark (name, date, permalink), so "Name says: date" never leads the text.
pub(super) fn after_header<'a>(
    el: ElementRef<'a>,
    own: &[ElementRef<'a>],
    is_mark: &dyn Fn(ElementRef<'_>) -> bool,
    ctx: &Ctx<'_>,
) -> Vec<Block> {
    let mut c = el;
    loop {
        let mut kids = c.child_elements();
        let only = match (kids.next(), kids.next()) {
            (Some(k), None) => Some(k),
            _ => None,
        };
        let loose_text = c
            .children()
            .any(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()));
        match only {
            Some(k) if !loose_text && !is_mark(k) && !(ctx.skip)(k) => c = k,
            _ => break,
        }
    }
    // A header wrapped with the text (`div.comment-container > header… p`): go into it.
    for _ in 0..4 {
        let kids: Vec<_> = c.children().collect();
        // The child of `c` holding each mark, found by climbing from the marks (cheap: the
        // first few marks, shallow).
        let holders: Vec<usize> = own
            .iter()
            .copied()
            .filter(|e| is_mark(*e))
            .take(8)
            .filter_map(|m| {
                std::iter::once(m.id())
                    .chain(m.ancestors().take(12).map(|a| a.id()))
                    .find_map(|id| kids.iter().position(|k| k.id() == id))
            })
            .collect();
        let is_block = |i: usize| {
            ElementRef::wrap(kids[i]).is_some_and(|e| {
                BLOCKS.contains(&e.value().name())
                    && !(ctx.skip)(e)
                    && !dom::classes(e).any(|k| REPLY_LISTS.contains(&k))
                    // An avatar's box says nothing.
                    && e.descendants().take(200).any(|n| {
                        n.value().as_text().is_some_and(|t| !t.trim().is_empty())
                    })
            }) && !holders.contains(&i)
        };
        // The text starts at the first block after a header; marks after it are a footer.
        let first_block = (0..kids.len()).find(|i| is_block(*i));
        let start = match first_block {
            Some(b) if holders.iter().any(|h| *h < b) => b,
            Some(_) => 0,
            None => holders.iter().max().map_or(0, |h| h + 1),
        };
        let out = blocks::blocks_of_nodes(kids[start..].iter().copied(), ctx);
        let inner = holders
            .iter()
            .max()
            .and_then(|h| ElementRef::wrap(kids[*h]))
            .filter(|h| h.id() != c.id());
        match inner {
            Some(h) if out.is_empty() => c = h,
            _ => return out,
        }
    }
    Vec::new()
}

const BLOCKS: [&str; 15] = [
    "p",
    "div",
    "blockquote",
    "ul",
    "ol",
    "pre",
    "section",
    "table",
    "dl",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];
const REPLY_LISTS: [&str; 6] = [
    "children",
    "replies",
    "indented",
    "comment-replies",
    "comment-children",
    "sub-comments",
];

/// The comment's id: its own, a wrapper's, an anchor just before or inside it, else none.
pub(super) fn comment_id(el: ElementRef<'_>, own: &[ElementRef<'_>]) -> Option<String> {
    let strip = |id: &str| -> String {
        let id = sanitize::line(id);
        for p in [
            "li-comment-",
            "div-comment-",
            "dsq-comment-",
            "comment-",
            "comment_",
        ] {
            if let Some(r) = id.strip_prefix(p) {
                if !r.is_empty() {
                    return r.to_string();
                }
            }
        }
        id
    };
    fn named(e: ElementRef<'_>) -> Option<&str> {
        dom::attr(e, "id")
            .or_else(|| dom::attr(e, "name"))
            .filter(|i| id_number(i).is_some())
    }
    if let Some(id) = dom::attr(el, "data-comment-id").or_else(|| dom::attr(el, "data-commentid")) {
        return Some(sanitize::line(id)).filter(|s| !s.is_empty());
    }
    if let Some(id) = el.value().id().filter(|i| id_number(i).is_some()) {
        if id.starts_with("wpd-comm-") {
            return id_number(id).map(str::to_string);
        }
        return Some(strip(id));
    }
    let before = el
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .filter(|e| e.value().name() == "a")
        .and_then(named);
    let inside = || own.iter().copied().find_map(named);
    // `<div class="comments-body"><a name="2858"></a>…`: a bare number naming the block's
    // first child is its anchor (Movable Type classic trackbacks).
    let first_anchor = || {
        el.child_elements()
            .next()
            .filter(|a| a.value().name() == "a" && dom::attr(*a, "href").is_none())
            .and_then(|a| dom::attr(a, "name").or_else(|| dom::attr(a, "id")))
            .filter(|n| !n.is_empty() && n.len() <= 20 && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let forum = || {
        own.iter()
            .copied()
            .find_map(super::forum_posts::anchor_number)
    };
    before
        .or_else(inside)
        .or_else(first_anchor)
        .or_else(forum)
        .map(strip)
        .or_else(|| el.value().id().map(sanitize::line))
}

/// Chrome inside a comment: never part of its text.
pub fn is_chrome(e: ElementRef<'_>) -> bool {
    let name = e.value().name();
    if matches!(name, "header" | "footer" | "time" | "button")
        && !class_has(e, &["content", "text", "message", "body"])
    {
        return true;
    }
    if itemprop(
        e,
        &[
            "author",
            "creator",
            "dateCreated",
            "datePublished",
            "image",
            "url",
        ],
    ) {
        return true;
    }
    class_has(
        e,
        &[
            "author",
            "avatar",
            "gravatar",
            "picture",
            "smallprint",
            "userpic",
            "photo",
            "vcard",
            "meta",
            "date",
            "time",
            "reply",
            "edit-link",
            "says",
            "byline",
            "permalink",
            "comment-number",
            "comment-info",
            "comment-head",
            "commentinfo",
            "comment-footer",
            "comments-post",
            "actions",
            "like",
            "share",
            "report",
            "votes",
            "rating",
            "dsq-comment-header",
            "forum-chapo",
            "screen-reader",
            "comment-links",
            "posted",
            "signature",
            "bypostauthor-label",
            "label",
        ],
    ) && !class_has(e, &["content", "text", "message", "body", "entry"])
}

/// A comment's subject line: a heading that is only a link to the comment itself (Drupal's
/// `<h3><a href="#comment-18">Subject</a></h3>`, inside the text block in some themes).
pub(super) fn is_subject(e: ElementRef<'_>, id: &str) -> bool {
    if id.is_empty() || !matches!(e.value().name(), "h2" | "h3" | "h4" | "h5" | "h6") {
        return false;
    }
    let mut kids = e.child_elements();
    let (Some(a), None) = (kids.next(), kids.next()) else {
        return false;
    };
    a.value().name() == "a"
        && dom::attr(a, "href")
            .and_then(|h| h.split_once('#'))
            .and_then(|(_, f)| id_number(f))
            .is_some_and(|n| n == id)
}

/// A header paragraph however long its name: marked as meta or byline, or "NAME says:"
/// (`p.commentmeta` of WordPress 1.5 themes, where a ping's name is a page title).
pub(super) fn is_name_line(e: ElementRef<'_>) -> bool {
    if class_has(e, &["meta", "byline", "author", "commenter"]) {
        return true;
    }
    let (t, more) = lead_text(e, 200);
    let t = t.trim_end().to_lowercase();
    !more
        && [" says:", " said:", " wrote:", " says"]
            .iter()
            .any(|v| t.ends_with(v))
}
