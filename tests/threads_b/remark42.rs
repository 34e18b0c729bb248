//! Remark42: `/api/v1/find?format=tree`, nested replies, a deleted comment kept for its reply.

use super::server::Server;
use super::support::*;
use parlor::threads::remark42::PROVIDER;
use parlor::threads::Completeness;

fn target() -> parlor::threads::Target {
    let mut s = system("remark42");
    s.server = Some("https://remark.example.com".into());
    s.site = Some("blog".into());
    embed(
        s,
        "https://blog.example.com/posts/caching/?utm_source=x#top",
    )
}

#[test]
fn reads_the_tree_exactly() {
    let body = fixture("remark42/find_tree.json");
    let srv = Server::start(move |_| json(&body));
    let t = one(&PROVIDER, &srv, &target());
    let id = |n: u8| format!("c1a0f6a2-1f7e-4a55-9d0d-4f6f3bb3f00{n}");
    assert_eq!(
        shape(&t),
        vec![
            row(
                &id(1),
                None,
                0,
                "Alice",
                "First! Loved the part about caching."
            ),
            row(&id(2), Some(&id(1)), 1, "Blog Author", "Thanks Alice."),
            row(&id(3), Some(&id(2)), 2, "[deleted]", "[deleted]"),
            row(
                &id(4),
                Some(&id(3)),
                3,
                "anonymous_bob",
                "Replying to a removed comment."
            ),
            row(
                &id(5),
                None,
                0,
                "Carol",
                "Second top-level comment.\n\nlet x = 1;"
            ),
        ]
    );
    assert_eq!(t.stated_count, Some(4));
    assert_eq!(t.completeness, Completeness::Full);
    assert!(t.comments[1].by_post_author);
    assert_eq!(
        t.comments[1].published.as_deref(),
        Some("2024-03-01T10:30:00Z")
    );
    assert_eq!(
        t.comments[0].permalink.as_deref(),
        Some("https://blog.example.com/posts/caching/#remark42__comment-c1a0f6a2-1f7e-4a55-9d0d-4f6f3bb3f001")
    );
    let seen = srv.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(path(&seen[0]), "/api/v1/find");
    assert_eq!(query(&seen[0], "site").as_deref(), Some("blog"));
    assert_eq!(
        query(&seen[0], "url").as_deref(),
        Some("https://blog.example.com/posts/caching/")
    );
    assert_eq!(query(&seen[0], "format").as_deref(), Some("tree"));
}

#[test]
fn error_answers_map() {
    error_answers(&PROVIDER, &target(), &fixture("remark42/find_tree.json"));
}

#[test]
fn a_page_without_comments_is_an_empty_thread() {
    // Go's nil slice: `MakeTree` returns `&Tree{}` for no comments.
    let srv = Server::start(|_| json(r#"{"comments":null,"info":{"url":"","count":0}}"#));
    let t = one(&PROVIDER, &srv, &target());
    assert!(t.comments.is_empty());
    assert_eq!(t.stated_count, Some(0));
    assert_eq!(t.completeness, Completeness::Full);
}
