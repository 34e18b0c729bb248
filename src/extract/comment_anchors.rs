//! Comments with no element of their own, delimited by anchors: `<a id="c16006043"></a>`,
//! the comment's paragraphs, then its "Posted by: NAME | DATE" line, all siblings in one
//! container (TypePad's and Movable Type's classic templates:
//! `<a id="c<$MTCommentID$>"></a> <$MTCommentBody$> <p class="posted">Posted by: …</p>`).
//! One walk over the page finds the anchors; each container's children are read once.

use super::blocks::{self, Ctx};
use super::comment_byline::posted_by;
use super::comment_date::read_date;
use super::comment_find::id_number;
use super::comment_meta::{author_el, name_of};
use super::comment_read::{class_has, is_chrome, lead_text, own_elements};
use super::dom::{self, NodeSet};
use super::Page;
use crate::model::{Comment, CommentKind};
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Node};
use std::collections::HashSet;

/// Comments read from anchor-delimited runs, and the elements they were read from.
pub fn extract(page: &Page<'_>) -> (Vec<Comment>, NodeSet) {
    let mut out = Vec::new();
    let mut read = NodeSet::default();
    let mut seen: HashSet<NodeId> = HashSet::new();
    for parent in anchor_parents(page.doc.root_element()) {
        if seen.insert(parent.id()) {
            read_run(parent, page, &mut out, &mut read);
        }
    }
    (out, read)
}

/// Containers of comment anchors, in document order, outside regions that are never
/// comments (scripts, templates, sidebars, navigation).
fn anchor_parents(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(el) = stack.pop() {
        if matches!(
            el.value().name(),
            "script" | "template" | "noscript" | "style" | "aside" | "nav" | "head"
        ) {
            continue;
        }
        if anchor_id(el).is_some() {
            if let Some(p) = el.parent().and_then(ElementRef::wrap) {
                out.push(p);
            }
        }
        let before = stack.len();
        stack.extend(el.child_elements());
        stack[before..].reverse();
    }
    out
}

/// The comment number of an empty `<a id|name>` target such as `c16006043`, `comment-12`
/// (not bare numbers: Movable Type marks entries `<a name="000123">`).
fn anchor_id(el: ElementRef<'_>) -> Option<&str> {
    let v = el.value();
    if v.name() != "a" || v.attr("href").is_some() {
        return None;
    }
    let id = v.id().or_else(|| v.attr("name"))?;
    let n = id_number(id)?;
    (n.len() < id.len() && dom::text(el).is_empty()).then_some(n)
}

/// A "Posted by" line: marked by its class, or starting with a byline's words.
fn is_footer(e: ElementRef<'_>) -> bool {
    if !matches!(e.value().name(), "p" | "div" | "span" | "small") {
        return false;
    }
    let marked = class_has(
        e,
        &["posted", "comments-post", "comment-footer", "comment-info"],
    );
    // A footer is one short line: its whole text within 300 characters (and 400 nodes), so
    // reading it stays cheap however deep the page nests.
    let (lead, more) = lead_text(e, 300);
    if more {
        return false;
    }
    let lead = lead.to_lowercase();
    let byline = super::comment_byline::WORDED_BYLINES
        .iter()
        .any(|b| lead.starts_with(b));
    (marked || byline) && posted_by(&footer_own(e)).is_some()
}

fn footer_own(e: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut own = vec![e];
    own.extend(own_elements(e, &|_| false));
    own
}

/// Reads the container's children: from each anchor to the first footer after it.
fn read_run<'a>(
    parent: ElementRef<'a>,
    page: &Page<'_>,
    out: &mut Vec<Comment>,
    read: &mut NodeSet,
) {
    let mut open: Option<(ElementRef<'a>, Vec<NodeRef<'a, Node>>)> = None;
    for n in parent.children() {
        let Some(e) = ElementRef::wrap(n) else {
            if let Some((_, body)) = open.as_mut() {
                body.push(n);
            }
            continue;
        };
        if anchor_id(e).is_some() {
            open = Some((e, Vec::new()));
            continue;
        }
        let Some((anchor, body)) = open.as_mut() else {
            continue;
        };
        // A heading or a comment element of its own: this is no anchor-delimited comment.
        if matches!(e.value().name(), "h1" | "h2" | "h3" | "form")
            || super::comment_find::is_item(e)
        {
            open = None;
            continue;
        }
        if !is_footer(e) {
            body.push(n);
            continue;
        }
        let anchor = *anchor;
        let body = std::mem::take(body);
        open = None;
        if let Some(c) = read_one(anchor, &body, e, page) {
            read.insert(anchor.id());
            read.insert(e.id());
            read.extend(
                body.iter()
                    .filter(|n| n.value().is_element())
                    .map(|n| n.id()),
            );
            out.push(c);
        }
    }
}

fn read_one(
    anchor: ElementRef<'_>,
    body: &[NodeRef<'_, Node>],
    footer: ElementRef<'_>,
    page: &Page<'_>,
) -> Option<Comment> {
    let own = footer_own(footer);
    let mut c = Comment::default();
    let posted = posted_by(&own);
    let (author, link) = match author_el(&own) {
        Some(a) => name_of(a),
        None => posted.as_ref().map(|(n, l, _)| (n.clone(), *l))?,
    };
    c.author = author;
    c.author_url = link
        .and_then(|a| dom::attr(a, "href"))
        .and_then(|h| dom::abs_url(&page.base, h));
    read_date(&own, &mut c, page);
    if c.published.is_none() {
        c.published_text = posted.and_then(|(_, _, d)| d).or(c.published_text.take());
    }
    c.id = anchor_id(anchor).unwrap_or_default().to_string();
    let ctx = Ctx {
        base: &page.base,
        skip: &is_chrome,
    };
    c.blocks = blocks::blocks_of_nodes(body.iter().copied(), &ctx);
    if c.blocks.is_empty() {
        return None;
    }
    let lead = crate::model::blocks_text(&c.blocks).to_ascii_lowercase();
    c.kind = if lead.starts_with("pingback") {
        CommentKind::Pingback
    } else if lead.starts_with("trackback") {
        CommentKind::Trackback
    } else {
        CommentKind::Comment
    };
    if c.author.is_empty() {
        c.author = "Anonymous".to_string();
    }
    Some(c)
}
