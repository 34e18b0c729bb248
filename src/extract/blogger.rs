//! Blogger / Blogspot: detection, the post (`.post-title`, `.post-body`, author, date) and its
//! comments — the threaded layout (`#comment-holder`, `li.comment[id^=c]`, replies nested in
//! `.comment-replies`) and the old flat `dl#comments-block`. Blogger comments are read-only in
//! parlor (posting needs Google sign-in and JS): `reply_form` is always `None`, see
//! [`read_only_reason`].

use super::blocks::{self, Ctx};
use super::dom::{self, sel, NodeSet};
use super::{sanitize, Page};
use crate::model::{Comment, Engine, Post};
use scraper::ElementRef;

/// What the reader says when asked to reply on a Blogger post.
pub const READ_ONLY: &str =
    "Blogger comments are read-only in parlor: open the post in the browser (o) to reply";

/// Why comments on this post cannot be answered from parlor, when that is the engine's doing
/// (Blogger); `None` otherwise.
pub fn read_only_reason(post: &Post) -> Option<&'static str> {
    (post.engine == Engine::Blogger).then_some(READ_ONLY)
}

/// Blogger when the page says so: the `blogger` generator meta, a blogspot host, or Blogger's
/// comment markup (`#comment-holder` threads, `Blog1_cmt` bodies, `dl#comments-block`) on a
/// page that mentions blogger.com.
pub fn detect(page: &Page<'_>) -> bool {
    let root = page.doc.root_element();
    if dom::meta(root, &["generator"]).is_some_and(|g| g.eq_ignore_ascii_case("blogger")) {
        return true;
    }
    if page
        .url
        .host_str()
        .is_some_and(|h| h.ends_with(".blogspot.com") || h.contains(".blogspot."))
    {
        return true;
    }
    // A page served elsewhere (a custom domain) still links to blogger.com.
    let h = page.html;
    h.contains("blogger.com")
        && ((h.contains("comment-holder") && h.contains("comment-thread"))
            || h.contains("Blog1_cmt")
            || h.contains("comments-block"))
}

/// Extracts a Blogger post and its comments; `None` (so the next engine runs) when the page
/// has neither a `.post-body` nor Blogger comments.
pub fn extract(page: &Page<'_>) -> Option<Post> {
    let root = page.doc.root_element();
    let threaded = dom::all(root, sel!("#comment-holder li.comment[id^=c]"));
    let old = dom::first(root, sel!("dl#comments-block"));
    if threaded.is_empty() && old.is_none() && dom::first(root, sel!(".post-body")).is_none() {
        return None;
    }
    let mut skip: NodeSet = threaded.iter().map(|e| e.id()).collect();
    if let Some(dl) = old {
        skip.insert(dl.id());
    }
    let outside = dom::outside(root, &skip);
    let ctx = Ctx {
        base: &page.base,
        skip: &|el| dom::has_class(el, "post-share-buttons") || dom::has_class(el, "post-footer"),
    };
    let mut post = Post {
        title: first_text(&outside, sel!(".post-title, h3.entry-title")).unwrap_or_default(),
        author: first_text(
            &outside,
            sel!(".post-author .fn, .post-author .g-profile, .g-profile, .post-author-name"),
        ),
        published: published(&outside),
        site: dom::meta(root, &["og:site_name"])
            .or_else(|| first_text(&outside, sel!("#Header1 h1, .Header h1, .header h1")))
            .unwrap_or_default(),
        canonical_url: super::meta::canonical(page),
        comment_count: dom::first_in(&outside, sel!(".comments h4, #comments h4"))
            .and_then(|h| dom::count_in(&dom::text(h))),
        ..Post::default()
    };
    post.blocks = dom::first_in(&outside, sel!(".post-body"))
        .map(|b| blocks::blocks_of(b, &ctx))
        .unwrap_or_default();
    post.comments = if threaded.is_empty() {
        old.map(|dl| old_layout(dl, page)).unwrap_or_default()
    } else {
        threaded_comments(&threaded, page)
    };
    Some(post)
}

fn first_text(els: &[ElementRef<'_>], sel: Option<&scraper::Selector>) -> Option<String> {
    dom::first_in(els, sel)
        .map(dom::text)
        .filter(|t| !t.is_empty())
}

fn published(outside: &[ElementRef<'_>]) -> Option<String> {
    dom::first_in(
        outside,
        sel!("abbr.published[title], time.published[datetime]"),
    )
    .and_then(|e| {
        e.value()
            .attr("title")
            .or_else(|| e.value().attr("datetime"))
    })
    .map(sanitize::line)
    .filter(|s| !s.is_empty())
}

/// The comment id from `c123` (the blog's own id is the digits).
fn comment_id(raw: &str) -> Option<String> {
    // `c123` (most layouts) or `comment-123` (some 2008 classic templates).
    let digits = raw
        .strip_prefix("comment-")
        .or_else(|| raw.strip_prefix('c'))
        .unwrap_or(raw);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_string())
}

/// `showComment=<epoch ms>` in a permalink, as an ISO 8601 UTC time.
pub fn show_comment_time(href: &str) -> Option<String> {
    let ms: i64 = href
        .split(['?', '&', '#'])
        .find_map(|p| p.strip_prefix("showComment="))?
        .parse()
        .ok()?;
    let t = chrono::DateTime::from_timestamp_millis(ms)?;
    Some(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Threaded layout: every `li.comment[id^=c]`, its parent the nearest enclosing comment.
fn threaded_comments(els: &[ElementRef<'_>], page: &Page<'_>) -> Vec<Comment> {
    let mut out = dom::Nested::default();
    for el in els {
        let Some(id) = dom::attr(*el, "id").and_then(comment_id) else {
            continue;
        };
        let block = el
            .child_elements()
            .find(|c| dom::has_class(*c, "comment-block"))
            .unwrap_or(*el);
        out.push(*el, read_block(block, id, page));
    }
    out.comments
}

fn read_block(block: ElementRef<'_>, id: String, page: &Page<'_>) -> Comment {
    let ctx = Ctx {
        base: &page.base,
        skip: &|_| false,
    };
    let cite = dom::first(block, sel!("cite.user"));
    let date = dom::first(block, sel!(".datetime a"));
    let href = date.and_then(|a| a.value().attr("href"));
    let body = dom::first(block, sel!(".comment-content, .deleted-comment"));
    Comment {
        id,
        author: cite.map(dom::text).unwrap_or_default(),
        author_url: cite
            .and_then(|c| dom::first(c, sel!("a[href]")))
            .and_then(|a| a.value().attr("href"))
            .and_then(|h| dom::abs_url(&page.base, h)),
        published: href.and_then(show_comment_time),
        published_text: date.map(dom::text).filter(|t| !t.is_empty()),
        permalink: href.and_then(|h| dom::abs_url(&page.base, h)),
        blocks: body.map(|b| blocks::blocks_of(b, &ctx)).unwrap_or_default(),
        by_post_author: cite.is_some_and(|c| dom::has_class(c, "blog-author")),
        ..Comment::default()
    }
}

/// The old flat layout: `<dt class="comment-author" id="cN">`, then `<dd class="comment-body">`
/// and `<dd class="comment-footer">` with the timestamp link.
fn old_layout(dl: ElementRef<'_>, page: &Page<'_>) -> Vec<Comment> {
    let ctx = Ctx {
        base: &page.base,
        skip: &|_| false,
    };
    let mut out: Vec<Comment> = Vec::new();
    for el in dl.child_elements() {
        match el.value().name() {
            "dt" => {
                let Some(id) = dom::attr(el, "id").and_then(comment_id) else {
                    continue;
                };
                // The name link, not the avatar's hovercard link (which has no text).
                let link = dom::all(el, sel!("a[href]"))
                    .into_iter()
                    .find(|a| !dom::text(*a).is_empty());
                let author = link.map(dom::text).unwrap_or_else(|| {
                    let t = dom::text(el);
                    // "said...", "dijo...", "a dit...", "disse...", "schrieb...": the last word.
                    let verb = t.ends_with(['.', '…', ':']);
                    let t = t.trim_end_matches(['.', '…', ':']).trim_end();
                    let name = if verb {
                        t.rsplit_once(' ').map_or(t, |(n, _)| n)
                    } else {
                        t
                    };
                    name.trim().to_string()
                });
                out.push(Comment {
                    id,
                    author,
                    author_url: link
                        .and_then(|a| a.value().attr("href"))
                        .and_then(|h| dom::abs_url(&page.base, h)),
                    ..Comment::default()
                });
            }
            "dd" => {
                let Some(c) = out.last_mut() else { continue };
                // The blog author's replies use `dd.blog-author-comment` instead.
                if dom::has_class(el, "comment-body") || dom::has_class(el, "blog-author-comment") {
                    c.blocks = blocks::blocks_of(el, &ctx);
                } else if dom::has_class(el, "comment-footer") {
                    let a = dom::first(el, sel!(".comment-timestamp a[href], a[href]"));
                    let href = a.and_then(|a| a.value().attr("href"));
                    c.published = href.and_then(show_comment_time);
                    c.published_text = a.map(dom::text).filter(|t| !t.is_empty());
                    c.permalink = href.and_then(|h| dom::abs_url(&page.base, h));
                }
            }
            _ => {}
        }
    }
    out
}
