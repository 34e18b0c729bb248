//! Heuristic comments for the generic engine: elements whose class says "comment" (or
//! microformats `h-cite`/`p-comment`) with an author and a text; nesting from the DOM
//! (a comment inside a comment is its reply), flat when there is none.

use super::blocks::{self, Ctx};
use super::{dom, sanitize, Page};
use crate::model::Comment;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Node};
use std::collections::HashSet;

fn is_item_class(c: &str) -> bool {
    let c = c.to_ascii_lowercase();
    matches!(
        c.as_str(),
        "comment"
            | "comment-item"
            | "commentlist-item"
            | "h-cite"
            | "p-comment"
            | "u-comment"
            | "js-comment"
            | "comment-thread-item"
    ) || (c.starts_with("comment-") && c[8..].bytes().all(|b| b.is_ascii_digit()) && c.len() > 8)
}

fn candidates(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    root.descendent_elements()
        .filter(|e| {
            matches!(
                e.value().name(),
                "li" | "div" | "article" | "section" | "dd"
            )
        })
        .filter(|e| dom::classes(*e).any(is_item_class))
        .collect()
}

/// Comments found by structure; empty when nothing looks like a comment list.
pub fn extract(page: &Page<'_>) -> Vec<Comment> {
    let root = page.doc.root_element();
    let cands = candidates(root);
    let set: HashSet<NodeId> = cands.iter().map(|e| e.id()).collect();
    let mut out = dom::Nested::default();
    for (i, el) in cands.iter().enumerate() {
        let own = own_elements(*el, &set);
        let Some(c) = read(*el, &own, &set, page, i) else {
            continue;
        };
        out.push(*el, c);
    }
    out.comments
}

fn own_elements<'a>(el: ElementRef<'a>, set: &HashSet<NodeId>) -> Vec<ElementRef<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeRef<'a, Node>> = el.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if set.contains(&n.id()) {
            continue;
        }
        if let Some(e) = ElementRef::wrap(n) {
            out.push(e);
            let before = stack.len();
            stack.extend(n.children());
            stack[before..].reverse();
        }
    }
    out
}

fn class_has(e: ElementRef<'_>, words: &[&str]) -> bool {
    dom::classes(e).any(|c| {
        let c = c.to_ascii_lowercase();
        words.iter().any(|w| c.contains(w))
    })
}

fn read(
    el: ElementRef<'_>,
    own: &[ElementRef<'_>],
    set: &HashSet<NodeId>,
    page: &Page<'_>,
    i: usize,
) -> Option<Comment> {
    let author_el = own.iter().copied().find(|e| {
        class_has(
            *e,
            &[
                "p-author",
                "author",
                "fn",
                "username",
                "user-name",
                "commenter",
            ],
        ) || e.value().name() == "cite"
    });
    let author = author_el
        .map(dom::text)
        .filter(|a| !a.is_empty() && a.chars().count() <= 80)?;
    let link = author_el.and_then(|a| {
        std::iter::once(a)
            .chain(a.descendent_elements())
            .find(|e| e.value().name() == "a")
    });
    let time = own.iter().find(|e| e.value().name() == "time");
    let published = time
        .and_then(|t| t.value().attr("datetime"))
        .map(sanitize::line)
        .filter(|s| !s.is_empty());
    let shown = time.copied().or_else(|| {
        own.iter()
            .copied()
            .find(|e| class_has(*e, &["date", "time", "published"]))
    });
    let skip = |e: ElementRef<'_>| {
        set.contains(&e.id())
            || class_has(
                e,
                &[
                    "reply", "author", "avatar", "meta", "date", "actions", "vcard",
                ],
            )
            || e.value().name() == "cite"
    };
    let ctx = Ctx {
        base: &page.base,
        skip: &skip,
    };
    let content = own.iter().copied().find(|e| {
        class_has(
            *e,
            &[
                "content",
                "comment-body",
                "comment-text",
                "e-content",
                "p-content",
                "message",
            ],
        )
    });
    let blocks = match content {
        Some(c) => blocks::blocks_of(c, &ctx),
        None => blocks::blocks_of(el, &ctx),
    };
    if blocks.is_empty() {
        return None;
    }
    let id = el
        .value()
        .id()
        .map(|id| {
            id.trim_start_matches("comment-")
                .trim_start_matches("comment_")
                .to_string()
        })
        .filter(|s| !s.is_empty());
    Some(Comment {
        id: sanitize::line(&id.unwrap_or_else(|| format!("c{i}"))),
        author,
        author_url: link
            .and_then(|a| a.value().attr("href"))
            .and_then(|h| dom::abs_url(&page.base, h)),
        published_text: if published.is_none() {
            shown.map(dom::text).filter(|s| !s.is_empty())
        } else {
            None
        },
        published,
        permalink: None,
        blocks,
        ..Comment::default()
    })
}
