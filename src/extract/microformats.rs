//! microformats2: an `h-entry` post (`p-name`, `e-content`, `p-author`, `dt-published`) with
//! its comments as `p-comment`/`u-comment` (`h-cite` or `h-entry`), replies nested inside
//! their parent comment. Used when the page has both an h-entry and comment properties.

use super::blocks::{self, Ctx};
use super::dom::{self, sel, NodeSet};
use super::{generic, sanitize, Page};
use crate::model::{Comment, Post};
use scraper::{ElementRef, Selector};

/// An `h-entry` with `p-comment`/`u-comment` children.
pub fn detect(page: &Page<'_>) -> bool {
    let h = page.html;
    h.contains("h-entry") && (h.contains("p-comment") || h.contains("u-comment"))
}

fn is_comment(el: ElementRef<'_>) -> bool {
    let mut prop = false;
    let mut kind = false;
    for c in dom::classes(el) {
        prop |= c == "p-comment" || c == "u-comment";
        kind |= c == "h-cite" || c == "h-entry";
    }
    prop && kind
}

/// The elements under `el` matching `sel` that belong to `el` itself: not inside (and not
/// being) a nested comment.
fn own_all<'a>(
    el: ElementRef<'a>,
    sel: Option<&'a Selector>,
    comments: &'a NodeSet,
) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    sel.into_iter().flat_map(move |sel| {
        el.select(sel).filter(move |d| {
            !comments.contains(&d.id())
                && d.ancestors()
                    .take_while(|a| a.id() != el.id())
                    .all(|a| !comments.contains(&a.id()))
        })
    })
}

/// The first of [`own_all`].
fn own<'a>(
    el: ElementRef<'a>,
    sel: Option<&'a Selector>,
    comments: &'a NodeSet,
) -> Option<ElementRef<'a>> {
    own_all(el, sel, comments).next()
}

/// Extracts the post and its comment tree; `None` (the next engine runs) when there is no
/// h-entry or no comment.
pub fn extract(page: &Page<'_>) -> Option<Post> {
    let root = page.doc.root_element();
    let els: Vec<ElementRef<'_>> = root
        .descendent_elements()
        .filter(|e| is_comment(*e))
        .collect();
    if els.is_empty() {
        return None;
    }
    let set: NodeSet = els.iter().map(|e| e.id()).collect();
    let entry = root
        .descendent_elements()
        .find(|e| dom::has_class(*e, "h-entry") && !set.contains(&e.id()))?;
    let ctx = Ctx {
        base: &page.base,
        skip: &|_| false,
    };
    let text = |s: Option<&Selector>| own(entry, s, &set).map(dom::text).filter(|t| !t.is_empty());
    let mut post = Post {
        title: text(sel!(".p-name")).unwrap_or_default(),
        author: own(entry, sel!(".p-author"), &set).and_then(author_name),
        published: own(entry, sel!(".dt-published"), &set).and_then(date_attr),
        canonical_url: super::meta::canonical(page),
        ..Post::default()
    };
    post.blocks = match own(entry, sel!(".e-content"), &set) {
        Some(c) => blocks::blocks_of(c, &ctx),
        None => generic::article(page).blocks,
    };
    post.comments = comments(&els, &set, page);
    Some(post)
}

fn author_name(a: ElementRef<'_>) -> Option<String> {
    dom::first(a, sel!(".p-name"))
        .map(dom::text)
        .or_else(|| Some(dom::text(a)))
        .filter(|t| !t.is_empty())
}

fn date_attr(el: ElementRef<'_>) -> Option<String> {
    el.value()
        .attr("datetime")
        .or_else(|| el.value().attr("title"))
        .map(sanitize::line)
        .filter(|s| !s.is_empty())
}

fn comments(els: &[ElementRef<'_>], set: &NodeSet, page: &Page<'_>) -> Vec<Comment> {
    let ctx = Ctx {
        base: &page.base,
        skip: &|el| set.contains(&el.id()),
    };
    let mut out = dom::Nested::default();
    for (n, el) in els.iter().enumerate() {
        let author = own(*el, sel!(".p-author"), set);
        let url = own_all(*el, sel!(".u-url[href]"), set)
            .find(|u| !author.is_some_and(|a| u.ancestors().any(|x| x.id() == a.id())))
            .and_then(|u| u.value().attr("href"))
            .and_then(|h| dom::abs_url(&page.base, h));
        let when = own(*el, sel!(".dt-published"), set);
        let body = own(*el, sel!(".e-content, .p-content"), set);
        let c = Comment {
            id: comment_id(*el, url.as_deref(), n),
            author: author.and_then(author_name).unwrap_or_default(),
            author_url: author
                .and_then(|a| {
                    a.value()
                        .attr("href")
                        .or_else(|| own(a, sel!(".u-url[href]"), set)?.value().attr("href"))
                })
                .and_then(|h| dom::abs_url(&page.base, h)),
            published: when.and_then(date_attr),
            published_text: when.map(dom::text).filter(|t| !t.is_empty()),
            permalink: url,
            blocks: body.map(|b| blocks::blocks_of(b, &ctx)).unwrap_or_default(),
            ..Comment::default()
        };
        out.push(*el, c);
    }
    out.comments
}

/// The comment's id: `comment-N` → `N`, another `id` as is, the permalink's fragment, or its
/// position (1-based).
fn comment_id(el: ElementRef<'_>, url: Option<&str>, n: usize) -> String {
    let raw = dom::attr(el, "id")
        .map(str::to_string)
        .or_else(|| {
            url.and_then(|u| u.split_once('#'))
                .map(|(_, f)| f.to_string())
        })
        .map(|s| sanitize::line(&s))
        .filter(|s| !s.is_empty());
    match raw {
        Some(id) => id
            .strip_prefix("comment-")
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
            .map_or(id.clone(), str::to_string),
        None => (n + 1).to_string(),
    }
}
