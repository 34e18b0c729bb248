//! Following comment pages: each once, no loops, merged in order, failures as warnings.

use crate::server::*;
use parlor::fetch::{fetch_post, fetch_post_with};
use parlor::model::{Comment, Post};
use parlor::net::NetError;
use url::Url;

/// Test extractor: every `href="…"` is a comment page; the page's `<title>` names one comment.
fn test_extract(html: &str, url: &Url) -> Post {
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|s| s.split("</title>").next())
        .unwrap_or_default();
    let comment_pages = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect();
    let comments = vec![Comment {
        id: title.to_string(),
        ..Comment::default()
    }];
    Post {
        url: url.to_string(),
        title: title.to_string(),
        comments,
        comment_pages,
        ..Post::default()
    }
}

fn test_merge(mut first: Post, others: Vec<Post>) -> Post {
    for o in others {
        first.comments.extend(o.comments);
    }
    first
}

const PAGE_1: &str = r#"<title>p1</title><a href="/post/comment-page-2/#comments">2</a>"#;
const PAGE_2: &str = r#"<title>p2</title><a href="/post/">1</a>
    <a href="/post/comment-page-3/">3</a><a href="/post/#c">1</a>"#;
const PAGE_3: &str = r#"<title>p3</title><a href="/post/comment-page-2/">2</a>
    <a href="/post/comment-page-4/">4</a><a href="/post/comment-page-1/">1</a>
    <a href="http://elsewhere.invalid/post/comment-page-5/">5</a>"#;

#[test]
fn comment_pages_followed_once_and_merged() {
    let server = Server::start(|s| match s.path.as_str() {
        "/post/" => html(PAGE_1),
        "/post/comment-page-1/" => redirect(301, "/post/"),
        "/post/comment-page-2/" => html(PAGE_2),
        "/post/comment-page-3/" => html(PAGE_3),
        _ => reply(404, "text/html", "<p>no</p>"),
    });
    let url = server.url("/post/");
    let got = fetch_post_with(&client(), &url, &test_extract, &test_merge).expect("fetch");
    let ids: Vec<&str> = got.post.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2", "p3"]);
    assert_eq!(got.post.title, "p1");
    let paths: Vec<&str> = got.pages.iter().map(|p| p.final_url.path()).collect();
    assert_eq!(
        paths,
        ["/post/", "/post/comment-page-2/", "/post/comment-page-3/"]
    );
    for path in [
        "/post/comment-page-1/",
        "/post/comment-page-2/",
        "/post/comment-page-3/",
    ] {
        assert_eq!(server.hits(path), 1, "{path}");
    }
    // Once asked, once at the end of comment-page-1's redirect (not extracted again).
    assert_eq!(server.hits("/post/"), 2);
    assert_eq!(server.hits("/post/comment-page-4/"), 1);
    assert_eq!(server.requests().len(), 6);
    assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    let want = format!(
        "comment page skipped: {}/post/comment-page-4/ answered 404 Not Found",
        server.base
    );
    assert_eq!(got.warnings[0], want);
}

#[test]
fn fetch_post_fails_only_when_the_post_page_fails() {
    let server = Server::start(|s| match s.path.as_str() {
        "/ok" => html("<title>t</title>"),
        _ => reply(404, "text/html", "<p>no</p>"),
    });
    let got = fetch_post(&client(), &server.url("/ok")).expect("fetch");
    assert_eq!(got.post.url, server.url("/ok").to_string());
    assert_eq!(got.pages.len(), 1);
    let err = fetch_post(&client(), &server.url("/missing")).expect_err("404");
    assert!(
        matches!(err, NetError::Status { status: 404, .. }),
        "{err:?}"
    );
}

#[test]
fn endless_comment_pages_stop_at_the_cap() {
    let server = Server::start(|s| {
        let n: u32 = s
            .path
            .trim_matches('/')
            .trim_start_matches("p/")
            .parse()
            .unwrap_or(0);
        html(&format!(
            "<title>{n}</title><a href=\"/p/{}/\">next</a>",
            n + 1
        ))
    });
    let url = server.url("/p/1/");
    let got = fetch_post_with(&client(), &url, &test_extract, &test_merge).expect("fetch");
    assert_eq!(got.pages.len(), parlor::fetch::MAX_PAGES);
    assert_eq!(server.requests().len(), 100);
    assert_eq!(got.post.comments.len(), 100);
    assert_eq!(got.post.comments[99].id, "100");
    assert_eq!(
        got.warnings,
        ["stopped after 100 pages (the limit); later comment pages were not fetched"]
    );
}
