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

/// A WordPress comment nested `n` deep inside itself (the same id every level).
fn self_nested_page(n: usize) -> String {
    let mut inner = String::new();
    for depth in (1..=n).rev() {
        let children = if inner.is_empty() {
            String::new()
        } else {
            format!("<ol class=\"children\">{inner}</ol>")
        };
        inner = format!(
            r#"<li id="comment-5" class="comment depth-{depth}"><article id="div-comment-5" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Loop</b></div></footer><div class="comment-content"><p>level {depth}</p></div></article>{children}</li>"#
        );
    }
    format!(
        r#"<!DOCTYPE html><html><head><title>Dupes</title><meta name="generator" content="WordPress 6.5" /></head><body><article class="post"><h1 class="entry-title">Dupes</h1><div class="entry-content"><p>Text.</p></div></article><div id="comments" class="comments-area"><ol class="commentlist">{inner}<li id="comment-6" class="comment depth-1"><article id="div-comment-6" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Other</b></div></footer><div class="comment-content"><p>fine</p></div></article></li></ol></div></body></html>"#
    )
}

/// A WordPress page whose comment 5 is listed `n` times side by side (a broken cache or plugin).
fn repeated_page(n: usize) -> String {
    let one = r#"<li id="comment-5" class="comment depth-1"><article id="div-comment-5" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Loop</b></div></footer><div class="comment-content"><p>again</p></div></article></li>"#;
    self_nested_page(1).replacen(
        r#"<ol class="commentlist">"#,
        &format!(r#"<ol class="commentlist">{}"#, one.repeat(n - 1)),
        1,
    )
}

#[test]
fn nested_repeats_of_one_id_give_one_answer_from_a_file_and_by_url() {
    let page = self_nested_page(6);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("dupes.html");
    std::fs::write(&file, &page).expect("write");
    let from_file =
        parlor::fetch::load_source(None, &file.display().to_string(), None).expect("file");
    let served = page.clone();
    let server = Server::start(move |_| html(&served));
    let by_url = parlor::fetch::fetch_post(&client(), &server.url("/p/")).expect("url");
    let ids = |p: &Post| p.comments.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&from_file.post), ids(&by_url.post));
    assert_eq!(ids(&from_file.post), ["5", "6"]);
    assert_eq!(from_file.warnings, by_url.warnings);
}

#[test]
fn duplicate_comment_ids_give_one_answer_from_a_file_and_by_url_and_say_so() {
    let page = repeated_page(6);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("dupes.html");
    std::fs::write(&file, &page).expect("write");
    let from_file =
        parlor::fetch::load_source(None, &file.display().to_string(), None).expect("file");
    let served = page.clone();
    let server = Server::start(move |_| html(&served));
    let by_url = parlor::fetch::fetch_post(&client(), &server.url("/p/")).expect("url");
    let ids = |p: &Post| p.comments.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&from_file.post), ids(&by_url.post));
    assert_eq!(ids(&from_file.post), ["5", "6"]);
    for warnings in [&from_file.warnings, &by_url.warnings] {
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("5 comments repeating an earlier comment's id were merged"),
            "{}",
            warnings[0]
        );
    }
}
