//! Issue 12 item 10, the smaller ones at the fetch and posting edges: a comment page that
//! redirects to another site is not merged into the thread.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use parlor::fetch::fetch_post_with;
use parlor::model::{Comment, Post};
use server::*;
use url::Url;

/// Test extractor: every `href="…"` is a comment page; the `<title>` names one comment.
fn test_extract(html: &str, url: &Url) -> Post {
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|s| s.split("</title>").next())
        .unwrap_or_default();
    Post {
        url: url.to_string(),
        title: title.to_string(),
        comments: vec![Comment {
            id: title.to_string(),
            ..Comment::default()
        }],
        comment_pages: html
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(str::to_string)
            .collect(),
        ..Post::default()
    }
}

fn test_merge(mut first: Post, others: Vec<Post>) -> Post {
    for o in others {
        first.comments.extend(o.comments);
    }
    first
}

#[test]
fn a_comment_page_redirecting_to_another_site_is_not_merged() {
    let elsewhere = Server::start(|_| html("<title>injected</title>"));
    let target = format!("{}/post/comment-page-2/", elsewhere.base);
    let blog = Server::start(move |s| match s.path.as_str() {
        "/post/" => html(
            r#"<title>p1</title><a href="/post/comment-page-2/">2</a><a href="/post/comment-page-3/">3</a>"#,
        ),
        "/post/comment-page-2/" => redirect(302, &target),
        "/post/comment-page-3/" => html("<title>p3</title>"),
        _ => reply(404, "text/html", "no"),
    });
    let got =
        fetch_post_with(&client(), &blog.url("/post/"), &test_extract, &test_merge).expect("fetch");
    let ids: Vec<&str> = got.post.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["p1", "p3"],
        "the other site's page is not part of the thread"
    );
    assert_eq!(got.pages.len(), 2);
    assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    assert!(
        got.warnings[0].contains("redirected to another site")
            && got.warnings[0].contains(&elsewhere.base),
        "{}",
        got.warnings[0]
    );
}
