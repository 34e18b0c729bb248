//! WordPress comment lists: classic html5 and XHTML walkers, the legacy comments block
//! (TT2) and `core/comments` (TT3+). Nesting comes from the DOM, not from `depth-N`.
//!
//! Depth-capped replies: past `thread_comments_depth`, WordPress prints replies flat, as
//! siblings after their parent. Heuristic: when the previous sibling comment carries the
//! class `parent` but holds no nested comment, its replies were flattened, so this comment
//! is its reply; otherwise the parent is the enclosing comment. Order is kept as printed.
//!
//! Block themes (`core/comments`) carry no `parent` class and print capped replies *inside*
//! their parent's `<li>` without a list (`<li 49><li 50>…</li></li>`), which the HTML parser
//! turns into siblings. For those, the raw source's `<li>`/`</li>` nesting gives the parent,
//! trusted only when it names a preceding sibling in the same run.

use super::blocks::{self, Ctx};
use super::dom::{IdBuild, NodeSet};
use super::wp_own::{find, innermost_content, own_elements, Own};
use super::wp_part::{self, Run, Walk};
use super::{comment_ping, comment_read, dom, sanitize, Page};
use crate::model::{Comment, CommentKind};
use ego_tree::NodeId;
use scraper::ElementRef;
use std::collections::HashMap;

/// Every WordPress comment element (`id="comment-N"` with a comment/pingback/trackback class).
/// Themes that wrap `article#comment-N` in `li#li-comment-N` (Twenty Eleven, Twenty Twelve)
/// give the outer one: the inner is the same comment.
pub fn comment_elements(root: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let found: Vec<ElementRef<'_>> = root
        .descendent_elements()
        .filter(|e| is_comment(*e))
        .collect();
    let nums: HashMap<NodeId, &str, IdBuild> = found.iter().map(|e| (e.id(), id_of(*e))).collect();
    found
        .iter()
        .copied()
        .filter(|e| {
            let mine = id_of(*e);
            !e.ancestors()
                .take(2)
                .any(|a| nums.get(&a.id()).is_some_and(|n| *n == mine))
        })
        .collect()
}

/// WordPress's own `comment_class()` output (every comment carries `depth-N` since 2.7); other
/// engines' `comment-N` lists (Drupal 8, Movable Type) are read by structure instead.
pub fn is_wordpress_list(els: &[ElementRef<'_>]) -> bool {
    els.iter().any(|e| {
        std::iter::once(*e).chain(classed_child(*e)).any(|e| {
            dom::classes(e).any(|c| {
                c.strip_prefix("depth-")
                    .is_some_and(|n| n.parse::<u16>().is_ok())
            })
        })
    })
}

/// OceanWP-like walkers: `li#comment-N.comment-container > article.comment.depth-1`; the
/// classes `comment_class()` prints sit on the item's first element child.
fn classed_child(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    el.child_elements()
        .next()
        .filter(|c| c.value().id().is_none() && dom::has_class(*c, "comment"))
}

fn is_comment(el: ElementRef<'_>) -> bool {
    // Cheapest and most selective first: this runs on every element of the page.
    let id_ok = dom::attr(el, "id")
        .and_then(|id| {
            id.strip_prefix("comment-")
                .or_else(|| id.strip_prefix("li-comment-"))
        })
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !id_ok && el.value().name() != "li" {
        return false;
    }
    let ping = dom::classes(el).any(|c| matches!(c, "pingback" | "trackback"))
        || comment_ping::ping_item(el);
    if !id_ok {
        // Pings often have no id (Twenty Ten's `li.post.pingback`).
        return ping;
    }
    ping || dom::has_class(el, "comment") || classed_child(el).is_some()
}

/// Reads all comments, in document (thread) order. A comment list read apart in chunks
/// ([`super::wp_part`]) is spliced in where its marker stands.
pub fn extract(els: &[ElementRef<'_>], page: &Page<'_>) -> Vec<Comment> {
    let set: NodeSet = els.iter().map(|e| e.id()).collect();
    let part = page.part;
    let at = part.and_then(|p| wp_part::position(page.doc.root_element(), p, &set));
    let (chunks, mut comments) = match part.filter(|_| at.is_some()) {
        Some(p) => wp_part::take(p),
        None => (Vec::new(), Vec::new()),
    };
    let n = els.len() + comments.iter().map(Vec::len).sum::<usize>();
    let mut w = Walk::new(n, page.html);
    let marker = part.map(|p| p.marker);
    let container = marker
        .and_then(|m| page.doc.tree.get(m))
        .and_then(|m| m.parent())
        .map(|c| c.id());
    let mut after_part = None;
    for (k, el) in els.iter().enumerate() {
        if at == Some(k) {
            after_part = splice(&mut w, page, &chunks, std::mem::take(&mut comments));
        }
        let enclosing = el.ancestors().find_map(|a| w.index.get(&a.id()).copied());
        if let Some(p) = enclosing {
            w.nest(p);
        }
        // The previous sibling comment, when its replies are not nested inside it.
        let prev = match el
            .prev_siblings()
            .find(|s| s.value().is_element() || Some(s.id()) == marker)
        {
            Some(s) if Some(s.id()) == marker => after_part,
            Some(s) => w.index.get(&s.id()).copied(),
            None => None,
        };
        let flat_prev = w.flat(prev);
        let parent_id = el.parent().map(|x| x.id());
        let run = match parent_id {
            Some(p) if Some(p) == container => Run::Container,
            p => Run::Node(p),
        };
        let parent = w.parent(flat_prev, enclosing, id_of(*el), run);
        let mut c = read_comment(*el, &set, page);
        if c.id.is_empty() {
            c.id = format!("c{}", w.out.len());
        }
        fill_by_structure(*el, &set, page, &mut c);
        let i = w.push(c, parent, id_of(*el), run, dom::has_class(*el, "parent"));
        w.index.insert(el.id(), i);
    }
    if at == Some(els.len()) {
        splice(&mut w, page, &chunks, comments);
    }
    w.out
}

/// Splices the part in; marks it bad when the page around it is not what the chunks assumed
/// (another base URL, the list inside a comment).
fn splice<'w>(
    w: &mut Walk<'w>,
    page: &Page<'_>,
    chunks: &'w [wp_part::Chunk],
    comments: Vec<Vec<Comment>>,
) -> Option<usize> {
    let part = page.part?;
    let marker = page.doc.tree.get(part.marker)?;
    if part.base != page.base || marker.ancestors().any(|a| w.index.contains_key(&a.id())) {
        part.mark_bad();
        return None;
    }
    let prev = marker
        .prev_siblings()
        .find(|s| s.value().is_element())
        .and_then(|s| w.index.get(&s.id()).copied());
    w.splice(chunks, comments, prev)
}

/// A theme without WordPress's own class names: the name, date or text by structure.
pub(super) fn fill_by_structure(
    el: ElementRef<'_>,
    set: &NodeSet,
    page: &Page<'_>,
    c: &mut Comment,
) {
    let no_name = c.author == "Anonymous";
    let no_date = c.published.is_none() && c.published_text.is_none();
    if !(no_name || no_date || c.blocks.is_empty()) {
        return;
    }
    let nested = |e: ElementRef<'_>| set.contains(&e.id());
    let own = comment_read::own_elements(el, &nested);
    let Some(s) = comment_read::read(el, &own, page, &nested) else {
        return;
    };
    if no_name && !s.author.is_empty() && s.author != "Anonymous" {
        c.author = s.author;
        c.author_url = c.author_url.take().or(s.author_url);
    }
    if no_date {
        c.published = s.published;
        c.published_text = s.published_text;
        c.permalink = c.permalink.take().or(s.permalink);
    }
    if c.blocks.is_empty() {
        c.blocks = s.blocks;
    }
}

pub(super) fn id_of<'a>(el: ElementRef<'a>) -> &'a str {
    el.value()
        .id()
        .and_then(|i| {
            i.strip_prefix("comment-")
                .or_else(|| i.strip_prefix("li-comment-"))
        })
        .unwrap_or_default()
}

/// Comment id → parent id as the raw source nests `<li id="comment-N">` elements.
/// Linear in the page size: one scan for `<`, tags read at most 4 KiB far.
pub(super) fn source_parents(html: &str) -> HashMap<&str, &str> {
    let mut out = HashMap::new();
    let mut stack: Vec<Option<&str>> = Vec::new();
    let mut i = 0;
    while let Some(off) = html.get(i..).and_then(|r| r.find('<')) {
        let at = i + off;
        let rest = &html[at..];
        i = at + 1;
        if rest.starts_with("</li") {
            stack.pop();
            continue;
        }
        let is_li = rest.starts_with("<li")
            && rest[3..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>');
        if !is_li {
            continue;
        }
        let window = &rest.as_bytes()[..rest.len().min(4096)];
        let tag = window
            .iter()
            .position(|b| *b == b'>')
            .map_or("", |end| &rest[..end]);
        let id = ["id=\"comment-", "id='comment-"].iter().find_map(|k| {
            let start = tag.find(k)? + k.len();
            let digits = tag[start..].bytes().take_while(u8::is_ascii_digit).count();
            (digits > 0).then(|| &tag[start..start + digits])
        });
        if let Some(id) = id {
            if let Some(parent) = stack.iter().rev().find_map(|s| *s) {
                out.insert(id, parent);
            }
        }
        stack.push(id);
    }
    out
}

pub(super) fn read_comment(el: ElementRef<'_>, set: &NodeSet, page: &Page<'_>) -> Comment {
    let own = own_elements(el, set);
    let mut c = Comment {
        id: id_of(el).to_string(),
        by_post_author: std::iter::once(el)
            .chain(classed_child(el))
            .any(|e| dom::has_class(e, "bypostauthor")),
        // Themes print the notice as `em.comment-awaiting-moderation` or a bare `<em>`.
        pending: find(&own, "comment-awaiting-moderation").is_some()
            || own.iter().any(|o| {
                o.el.value().name() == "em"
                    && dom::text(o.el)
                        .to_lowercase()
                        .contains("awaiting moderation")
            }),
        can_reply: find(&own, "comment-reply-link").is_some()
            || own
                .iter()
                .any(|o| dom::attr(o.el, "onclick").is_some_and(|c| c.contains("moveForm"))),
        kind: if dom::has_class(el, "pingback") || comment_ping::ping_item(el) {
            CommentKind::Pingback
        } else if dom::has_class(el, "trackback") {
            CommentKind::Trackback
        } else {
            CommentKind::Comment
        },
        ..Comment::default()
    };
    read_author(&own, &mut c, page);
    // Customizr: `<a href><sup>1</sup><span class="excerpt">…</span> - Site</a>`.
    let in_link = comment_ping::ping_excerpt(own.iter().map(|o| o.el)).and_then(|x| {
        let link = x
            .ancestors()
            .take(3)
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "a")?;
        Some((x, link))
    });
    if let (true, Some((x, link))) = (c.kind != CommentKind::Comment, in_link) {
        c.author = super::comment_ping::name_beside(link, x);
        c.author_url = dom::attr(link, "href").and_then(|h| dom::abs_url(&page.base, h));
    }
    read_date(&own, &mut c, page);
    let skip = |e: ElementRef<'_>| {
        set.contains(&e.id())
            || dom::classes(e).any(|c| {
                matches!(
                    c,
                    "reply"
                        | "children"
                        | "comment-reply-link"
                        | "edit-link"
                        | "wp-block-comment-reply-link"
                )
            })
    };
    let ctx = Ctx {
        base: &page.base,
        skip: &skip,
    };
    c.blocks = match find(&own, "wp-block-comment-content").or_else(|| innermost_content(&own)) {
        Some(content) => blocks::blocks_of(content, &ctx),
        None if c.kind != CommentKind::Comment
            && comment_ping::ping_excerpt(own.iter().map(|o| o.el)).is_some() =>
        {
            comment_ping::ping_excerpt(own.iter().map(|o| o.el))
                .map_or_else(Vec::new, |e| blocks::blocks_of(e, &ctx))
        }
        // A short ping ("Pingback: <a class=url>Other Blog</a>") shows only the linking
        // site's title, which is also its author.
        None if c.kind != CommentKind::Comment && find(&own, "fn").is_none() => {
            super::comment_ping::ping_title(&c.author)
        }
        // Other themes: the text by structure (see `fill_by_structure`).
        None => Vec::new(),
    };
    c
}

fn read_author(own: &[Own<'_>], c: &mut Comment, page: &Page<'_>) {
    let author_el = find(own, "wp-block-comment-author-name").or_else(|| find(own, "fn"));
    let link = match author_el {
        Some(a) => {
            // Without role badges ("Sam <span>Post author</span>").
            c.author = if a.child_elements().any(super::comment_meta::is_badge) {
                super::comment_meta::name_of(a).0
            } else {
                dom::text(a)
            };
            std::iter::once(a)
                .chain(a.descendent_elements())
                .find(|e| e.value().name() == "a" && dom::attr(*e, "href").is_some())
        }
        None => {
            let url = own
                .iter()
                .map(|o| o.el)
                .find(|e| e.value().name() == "a" && dom::has_class(*e, "url"));
            c.author = url.map(dom::text).unwrap_or_default();
            url
        }
    };
    c.author_url = link
        .and_then(|a| dom::attr(a, "href"))
        .and_then(|h| dom::abs_url(&page.base, h));
    if c.author.is_empty() {
        c.author = "Anonymous".to_string();
    }
}

fn read_date(own: &[Own<'_>], c: &mut Comment, page: &Page<'_>) {
    let meta = find(own, "comment-metadata")
        .or_else(|| find(own, "wp-block-comment-date"))
        .or_else(|| find(own, "commentmetadata"))
        .or_else(|| find(own, "comment-meta"));
    let time = own
        .iter()
        .map(|o| o.el)
        .find(|e| e.value().name() == "time" && dom::attr(*e, "datetime").is_some());
    c.published = time
        .and_then(|t| dom::attr(t, "datetime"))
        .map(sanitize::line)
        .filter(|s| !s.is_empty());
    let Some(meta) = meta else { return };
    // The reply link may sit in the meta line too (OceanWP): it is no permalink.
    let link = meta.descendent_elements().find(|e| {
        e.value().name() == "a"
            && dom::attr(*e, "href").is_some()
            && !dom::has_class(*e, "comment-reply-link")
    });
    c.permalink = link
        .and_then(|a| dom::attr(a, "href"))
        .and_then(|h| dom::abs_url(&page.base, h));
    if c.published.is_none() {
        let dated = || {
            meta.descendent_elements()
                .find(|e| dom::classes(*e).any(|c| c.ends_with("-date")))
                .map(dom::text)
        };
        let shown = link
            .map(dom::text)
            .or_else(dated)
            .unwrap_or_else(|| dom::text(meta));
        c.published_text = Some(shown).filter(|s| !s.is_empty());
    }
}
