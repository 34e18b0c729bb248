//! Substack, Ghost, dev.to and Hashnode: platform comment APIs replayed on loopback.

use super::server::Server;
use super::support::*;
use parlor::threads::{devto, ghost, hashnode, substack, Completeness, ProviderError};

fn substack_target() -> parlor::threads::Target {
    let mut s = system("substack");
    s.thread = Some("140000001".into());
    embed(s, "https://news.example.com/p/my-post?utm_source=x")
}

#[test]
fn substack_nested_children_become_the_tree() {
    let body = fixture("substack/comments.json");
    let srv = Server::start(move |_| json(&body));
    let t = one(&substack::PROVIDER, &srv, &substack_target());
    assert_eq!(
        shape(&t),
        vec![
            row(
                "50001",
                None,
                0,
                "Uma",
                "First thought on this.\n\nAnd a second paragraph."
            ),
            row("50002", Some("50001"), 1, "Vic", "Agreed"),
            row("50003", Some("50002"), 2, "[deleted]", "[deleted]"),
            row(
                "50004",
                Some("50003"),
                3,
                "Wes",
                "Replying to a removed comment"
            ),
            row("50005", None, 0, "Xena", "Separate thread"),
        ]
    );
    assert_eq!(
        t.comments[0].permalink.as_deref(),
        Some("https://news.example.com/p/my-post/comment/50001")
    );
    assert_eq!(
        t.comments[0].author_url.as_deref(),
        Some("https://substack.com/profile/9001-uma")
    );
    let seen = &srv.requests()[0];
    assert_eq!(path(seen), "/api/v1/post/140000001/comments");
    assert_eq!(query(seen, "all_comments").as_deref(), Some("true"));
    assert_eq!(query(seen, "sort").as_deref(), Some("oldest_first"));
}

#[test]
fn substack_errors_map() {
    error_answers(
        &substack::PROVIDER,
        &substack_target(),
        &fixture("substack/comments.json"),
    );
}

fn ghost_target() -> parlor::threads::Target {
    let mut s = system("ghost");
    s.server = Some("https://site.example.com/".into());
    s.thread = Some("6650a00000000000000000aa".into());
    embed(s, "https://site.example.com/my-post/")
}

fn ghost_site() -> Server {
    let (p1, p2, r) = (
        fixture("ghost/page1.json"),
        fixture("ghost/page2.json"),
        fixture("ghost/replies.json"),
    );
    Server::start(move |s| {
        if path(s).ends_with("/replies/") {
            json(&r)
        } else if query(s, "page").as_deref() == Some("2") {
            json(&p2)
        } else {
            json(&p1)
        }
    })
}

#[test]
fn ghost_pages_and_more_replies() {
    let srv = ghost_site();
    let t = one(&ghost::PROVIDER, &srv, &ghost_target());
    let id = |n: u8| format!("6650a000000000000000000{n}");
    assert_eq!(
        shape(&t),
        vec![
            row(&id(1), None, 0, "Yara", "Top comment one."),
            row(&id(2), Some(&id(1)), 1, "Zane", "First reply."),
            row(&id(3), Some(&id(2)), 2, "[deleted]", "[deleted]"),
            row(&id(4), Some(&id(3)), 3, "Bea", "Answering the removed one."),
            row(&id(5), Some(&id(1)), 1, "Cal", "Back to the top."),
            row(&id(6), None, 0, "Anonymous", "Top comment two."),
        ]
    );
    assert_eq!(t.stated_count, Some(2));
    assert_eq!(t.completeness, Completeness::Full);
    let seen = srv.requests();
    assert_eq!(
        path(&seen[0]),
        "/members/api/comments/post/6650a00000000000000000aa/"
    );
    assert_eq!(query(&seen[0], "limit").as_deref(), Some("20"));
    let replies = seen
        .iter()
        .find(|s| path(s).ends_with("/replies/"))
        .expect("asked for more replies");
    assert_eq!(
        path(replies),
        format!("/members/api/comments/{}/replies/", id(1))
    );
    assert_eq!(query(replies, "filter"), Some(format!("id:>'{}'", id(3))));
}

#[test]
fn ghost_a_page_that_repeats_stops() {
    let p1 = fixture("ghost/page1.json");
    let r = fixture("ghost/replies.json");
    let srv = Server::start(move |s| {
        if path(s).ends_with("/replies/") {
            json(&r)
        } else {
            json(&p1)
        }
    });
    let t = one(&ghost::PROVIDER, &srv, &ghost_target());
    assert_partial(&t, "repeated");
}

#[test]
fn ghost_errors_map() {
    error_answers(
        &ghost::PROVIDER,
        &ghost_target(),
        &fixture("ghost/page1.json"),
    );
}

fn devto_target() -> parlor::threads::Target {
    let mut s = system("devto");
    s.thread = Some("1234567".into());
    embed(s, "https://dev.to/dee/my-article-1abc")
}

#[test]
fn devto_tree_with_deleted_comment() {
    let body = fixture("devto/comments.json");
    let srv = Server::start(move |_| json(&body));
    let t = one(&devto::PROVIDER, &srv, &devto_target());
    assert_eq!(
        shape(&t),
        vec![
            row(
                "2a1b",
                None,
                0,
                "Dee",
                "Great article! Especially the async part."
            ),
            row("2a1c", Some("2a1b"), 1, "[deleted]", "[deleted]"),
            row("2a1d", Some("2a1c"), 2, "Eli", "Still here."),
            row("2a1e", None, 0, "fay", "Second root"),
        ]
    );
    assert_eq!(
        t.comments[0].permalink.as_deref(),
        Some("https://dev.to/dee/comment/2a1b")
    );
    assert_eq!(t.comments[1].permalink, None);
    let seen = srv.requests();
    assert_eq!(seen.len(), 1, "a short page is the last");
    assert_eq!(query(&seen[0], "a_id").as_deref(), Some("1234567"));
}

#[test]
fn devto_errors_map() {
    error_answers(
        &devto::PROVIDER,
        &devto_target(),
        &fixture("devto/comments.json"),
    );
}

fn hashnode_target() -> parlor::threads::Target {
    embed(system("hashnode"), "https://blog.example.dev/my-slug")
}

#[test]
fn hashnode_follows_the_cursor() {
    let (p1, p2) = (
        fixture("hashnode/page1.json"),
        fixture("hashnode/page2.json"),
    );
    let srv = Server::start(move |s| {
        let v: serde_json::Value = serde_json::from_str(&s.body).unwrap_or_default();
        if v["variables"]["after"].is_null() {
            json(&p1)
        } else {
            json(&p2)
        }
    });
    let t = one(&hashnode::PROVIDER, &srv, &hashnode_target());
    assert_eq!(
        shape(&t),
        vec![
            row("c1", None, 0, "Gus", "Loved it."),
            row("r1", Some("c1"), 1, "Author", "Thanks Gus!"),
            row("c2", None, 0, "hal", "Second comment"),
        ]
    );
    assert_eq!(t.stated_count, Some(3));
    assert_eq!(t.url.as_deref(), Some("https://blog.example.dev/my-slug"));
    assert_eq!(
        t.comments[0].permalink.as_deref(),
        Some("https://blog.example.dev/my-slug#comment-c1")
    );
    let seen = srv.requests();
    assert_eq!(seen.len(), 2);
    let first: serde_json::Value = serde_json::from_str(&seen[0].body).expect("json");
    assert_eq!(first["variables"]["host"], "blog.example.dev");
    assert_eq!(first["variables"]["slug"], "my-slug");
    let second: serde_json::Value = serde_json::from_str(&seen[1].body).expect("json");
    assert_eq!(second["variables"]["after"], "Y3Vyc29yLTE=");
}

#[test]
fn hashnode_cursor_that_loops_stops() {
    let p1 = fixture("hashnode/page1.json");
    let srv = Server::start(move |_| json(&p1));
    let t = one(&hashnode::PROVIDER, &srv, &hashnode_target());
    assert_eq!(t.comments.len(), 2);
    assert_partial(&t, "already read");
}

#[test]
fn hashnode_missing_post_and_graphql_errors() {
    let srv = Server::start(|_| json(r#"{"data":{"publication":{"post":null}}}"#));
    assert!(matches!(
        read(&hashnode::PROVIDER, &srv, &hashnode_target()),
        Err(ProviderError::NotFound { .. })
    ));
    let srv = Server::start(|_| {
        json(r#"{"errors":[{"message":"Variable \"$first\" got invalid value"}],"data":null}"#)
    });
    match read(&hashnode::PROVIDER, &srv, &hashnode_target()) {
        Err(ProviderError::BadAnswer { detail, .. }) => assert!(detail.contains("invalid value")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hashnode_errors_map() {
    error_answers(
        &hashnode::PROVIDER,
        &hashnode_target(),
        &fixture("hashnode/page1.json"),
    );
}
