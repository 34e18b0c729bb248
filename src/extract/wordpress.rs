//! WordPress: detection, post metadata (classic and block themes) and the article.
//! Comments are read by `wp_comments`, the form and comment pages by `wp_form`.

use super::blocks::{self, Ctx};
use super::dom::{self, sel};
use super::{generic, generic_comments, meta, wp_comments, wp_form, Page};
use crate::model::Post;
use scraper::ElementRef;

/// WordPress when the page says so: generator meta, `wp-content`/`wp-includes` assets or
/// the REST link in `<head>`, the comment form's `wp-comments-post.php`, post/comment
/// block classes, or WordPress comment markup.
pub fn detect(page: &Page<'_>) -> bool {
    let root = page.doc.root_element();
    if dom::meta(root, &["generator"]).is_some_and(|g| g.starts_with("WordPress")) {
        return true;
    }
    // Assets or the REST link in <head> (a mere link to some WordPress image does not count).
    let head_assets = dom::all(dom::head(root), sel!("link[href], script[src]"))
        .into_iter()
        .any(|e| {
            let v = dom::attr(e, "href")
                .or_else(|| dom::attr(e, "src"))
                .unwrap_or("");
            v.contains("/wp-content/")
                || v.contains("/wp-includes/")
                || dom::attr(e, "rel") == Some("https://api.w.org/")
        });
    let h = page.html;
    head_assets
        || [
            "wp-comments-post.php",
            "wp-block-post-content",
            "wp-block-post-title",
            "wp-block-comments",
        ]
        .iter()
        .any(|m| h.contains(m))
        || wp_comments::is_wordpress_list(&wp_comments::comment_elements(root))
}

/// Elements inside WordPress articles that are not the article (share bars, related posts).
fn skip_boilerplate(el: ElementRef<'_>) -> bool {
    dom::classes(el).any(|c| {
        matches!(
            c,
            "sharedaddy"
                | "jp-relatedposts"
                | "sd-sharing-enabled"
                | "wpcnt"
                | "post-navigation"
                | "wp-block-post-navigation-link"
        ) || c.starts_with("addtoany")
    })
}

/// Extracts a WordPress post; the article falls back to generic scoring when there is no
/// `.entry-content`.
pub fn extract(page: &Page<'_>) -> Option<Post> {
    let root = page.doc.root_element();
    let comments_root = wp_comments::comment_elements(root);
    let skip: dom::NodeSet = comments_root.iter().map(|e| e.id()).collect();
    let outside = dom::outside(root, &skip);
    let mut post = Post {
        title: title(&outside, root).unwrap_or_default(),
        author: author(&outside),
        published: published(&outside, root),
        site: site(&outside, root).unwrap_or_default(),
        canonical_url: meta::canonical(page),
        ..Post::default()
    };
    let content =
        dom::first_in(&outside, sel!(".entry-content, .wp-block-post-content")).or_else(|| {
            innermost(&dom::all_in(
                &outside,
                sel!("div.entry, .post-content, .post-body"),
            ))
        });
    // A list read apart must not be inside what is read as the article.
    if let Some(part) = page.part {
        if content.is_none_or(|c| part.inside(c, page.doc)) {
            part.mark_bad();
        }
    }
    let wp_list = wp_comments::is_wordpress_list(&comments_root);
    let (comments, read) = if wp_list {
        (wp_comments::extract(&comments_root, page), skip.clone())
    } else {
        // Themes with their own comment callback (Twenty Ten's `li-comment-N`, Disqus's
        // fallback list, …): comments by structure.
        generic_comments::extract_marked(page)
    };
    post.blocks = match content {
        Some(c) => blocks::blocks_of(
            c,
            &Ctx {
                base: &page.base,
                skip: &skip_boilerplate,
            },
        ),
        // The comments read are not the article.
        None => generic::article_without(page, &read).blocks,
    };
    post.comments = comments;
    wp_form::fill(&mut post, page, &outside);
    Some(post)
}

/// The first of `els` (document order), or the one nested deepest inside it: themes wrap
/// `div.entry` (the post's text) in a `.post-content` that also holds the tags and the comment
/// area. Stops at the first match that is not inside the current one, so the walk is short.
fn innermost<'a>(els: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    let mut cur = *els.first()?;
    for e in &els[1..] {
        if !e.ancestors().any(|a| a.id() == cur.id()) {
            break;
        }
        cur = *e;
    }
    Some(cur)
}

fn title(outside: &[ElementRef<'_>], root: ElementRef<'_>) -> Option<String> {
    let t = dom::first_in(outside, sel!("h1.entry-title, h1.wp-block-post-title, .entry-title, .wp-block-post-title, .post-title"))
        .map(dom::text)
        .filter(|t| !t.is_empty());
    t.or_else(|| dom::meta(root, &["og:title"]))
}

fn author(outside: &[ElementRef<'_>]) -> Option<String> {
    dom::first_in(
        outside,
        sel!(".byline a[rel~=author], .byline .author .fn, .byline .author, a[rel~=author], .wp-block-post-author__name, .wp-block-post-author-name, .entry-meta .author .fn, .author.vcard .fn, .entry-author .fn"),
    )
    .map(dom::text)
    .filter(|t| !t.is_empty())
}

fn published(outside: &[ElementRef<'_>], root: ElementRef<'_>) -> Option<String> {
    dom::first_in(outside, sel!("time.entry-date[datetime], .wp-block-post-date time[datetime], .entry-meta time[datetime], time.published[datetime]"))
        .and_then(|t| t.value().attr("datetime"))
        .map(super::sanitize::line)
        .or_else(|| dom::meta(root, &["article:published_time"]))
        .or_else(|| {
            dom::first_in(outside, sel!("abbr.published[title]"))
                .and_then(|a| a.value().attr("title"))
                .map(super::sanitize::line)
        })
        .filter(|s| !s.is_empty())
}

fn site(outside: &[ElementRef<'_>], root: ElementRef<'_>) -> Option<String> {
    dom::meta(root, &["og:site_name"]).or_else(|| {
        dom::first_in(
            outside,
            sel!(".site-title, .wp-block-site-title, #site-title, .blog-title, #header h1"),
        )
        .map(dom::text)
        .filter(|t| !t.is_empty())
    })
}
