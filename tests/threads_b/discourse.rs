//! Discourse: the topic from the embed page or `topicId`, posts in chunks, tree from
//! `reply_to_post_number`, the first post (the article) left out.

use super::server::{html, Server};
use super::support::*;
use parlor::threads::discourse::PROVIDER;
use parlor::threads::{Completeness, ProviderError};

fn target(topic: Option<&str>) -> parlor::threads::Target {
    let mut s = system("discourse");
    s.server = Some("https://forum.example.com/".into());
    s.thread = topic.map(Into::into);
    embed(s, "https://blog.example.com/post/#comments")
}

fn forum() -> Server {
    let (topic, posts) = (
        fixture("discourse/topic.json"),
        fixture("discourse/posts.json"),
    );
    Server::start(move |s| match path(s) {
        "/embed/comments" => html(
            "<header class='discourse'><span class='replies'>5 replies</span></header>\
             <article class='post' id='post-9002'><a class='post-date' \
             href='/t/my-post/512/2'>Jul 1</a></article>",
        ),
        "/t/512.json" => json(&topic),
        "/t/512/posts.json" => json(&posts),
        _ => super::server::reply(404, "application/json", r#"{"errors":["not found"]}"#),
    })
}

#[test]
fn finds_the_topic_from_the_embed_page_and_reads_every_post() {
    let srv = forum();
    let t = one(&PROVIDER, &srv, &target(None));
    assert_eq!(
        shape(&t),
        vec![
            row(
                "9002",
                None,
                0,
                "ivy",
                "Great write-up. One question about fsync."
            ),
            row(
                "9003",
                Some("9002"),
                1,
                "Blog Author",
                "It flushes the file."
            ),
            row(
                "9005",
                Some("9003"),
                2,
                "jack",
                "Reply to the author’s answer."
            ),
            row("9006", Some("9005"), 3, "[deleted]", "[deleted]"),
        ]
    );
    assert_eq!(t.title.as_deref(), Some("My post"));
    assert_eq!(t.stated_count, Some(5));
    assert_eq!(t.completeness, Completeness::Full);
    assert!(t.comments[1].by_post_author && !t.comments[0].by_post_author);
    let base = &srv.base;
    assert_eq!(
        t.url.as_deref(),
        Some(format!("{base}/t/my-post/512").as_str())
    );
    assert_eq!(
        t.comments[0].permalink.as_deref(),
        Some(format!("{base}/t/my-post/512/2").as_str())
    );
    assert_eq!(
        t.comments[0].author_url.as_deref(),
        Some(format!("{base}/u/ivy").as_str())
    );
    let seen = srv.requests();
    assert_eq!(
        query(&seen[0], "embed_url").as_deref(),
        Some("https://blog.example.com/post/")
    );
    let ids: Vec<&str> = seen[2].path.matches("post_ids%5B%5D=").collect();
    assert_eq!(
        ids.len(),
        3,
        "asks only for the posts not yet read: {}",
        seen[2].path
    );
}

#[test]
fn a_given_topic_id_skips_the_embed_page() {
    let srv = forum();
    let t = one(&PROVIDER, &srv, &target(Some("512")));
    assert_eq!(t.comments.len(), 4);
    assert_eq!(srv.hits("/embed/comments"), 0);
}

#[test]
fn a_topic_still_loading_is_not_found() {
    let srv = Server::start(|_| html("<div class='loading'>Loading Discussion…</div>"));
    assert!(matches!(
        read(&PROVIDER, &srv, &target(None)),
        Err(ProviderError::NotFound { .. })
    ));
}

#[test]
fn posts_answered_again_stop_paging() {
    let topic = fixture("discourse/topic.json");
    let srv = Server::start(move |_| json(&topic));
    let t = one(&PROVIDER, &srv, &target(Some("512")));
    assert_eq!(t.comments.len(), 2);
    assert_partial(&t, "already read");
}

#[test]
fn error_answers_map() {
    error_answers(
        &PROVIDER,
        &target(Some("512")),
        &fixture("discourse/topic.json"),
    );
}
