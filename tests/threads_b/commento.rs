//! Commento(++) and Comentario: one POST, a flat list with parent ids and a commenter map.

use super::server::{reply, Server};
use super::support::*;
use parlor::threads::commento::{COMENTARIO, PROVIDER};
use parlor::threads::ProviderError;

fn target(name: &str) -> parlor::threads::Target {
    let mut s = system(name);
    s.server = Some("https://comments.example.com".into());
    embed(s, "https://blog.example.com/posts/hello/")
}

#[test]
fn commento_flat_list_becomes_the_tree() {
    let body = fixture("commento/list.json");
    let srv = Server::start(move |_| json(&body));
    let t = one(&PROVIDER, &srv, &target("commento"));
    assert_eq!(
        shape(&t),
        vec![
            row("a1f0c3d2", None, 0, "Dana", "Top-level comment from Dana."),
            row(
                "b2c9e1d1",
                Some("a1f0c3d2"),
                1,
                "Anonymous",
                "Anonymous reply, nested."
            ),
            row("c3d4e5f6", None, 0, "[deleted]", "[deleted]"),
            row(
                "d4e5f6a7",
                Some("c3d4e5f6"),
                1,
                "Owner",
                "The owner answers."
            ),
        ]
    );
    assert_eq!(
        t.comments[0].author_url.as_deref(),
        Some("https://dana.example.net/")
    );
    assert_eq!(t.comments[1].author_url, None, "\"undefined\" is no link");
    assert!(t.comments[3].by_post_author);
    assert_eq!(
        t.comments[1].published.as_deref(),
        Some("2024-04-02T08:00:00Z")
    );
    let seen = &srv.requests()[0];
    assert_eq!(
        (seen.method.as_str(), path(seen)),
        ("POST", "/api/comment/list")
    );
    let sent: serde_json::Value = serde_json::from_str(&seen.body).expect("json body");
    assert_eq!(
        sent,
        serde_json::json!({"commenterToken": "anonymous", "domain": "blog.example.com", "path": "/posts/hello/"})
    );
}

#[test]
fn commento_failure_message_is_shown() {
    let srv = Server::start(|_| {
        json(r#"{"success":false,"message":"This domain is not registered with Commento."}"#)
    });
    match read(&PROVIDER, &srv, &target("commento")) {
        Err(ProviderError::BadAnswer { detail, .. }) => {
            assert_eq!(detail, "This domain is not registered with Commento.")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn comentario_reads_embed_comments() {
    let body = fixture("commento/comentario.json");
    let srv = Server::start(move |_| json(&body));
    let t = one(&COMENTARIO, &srv, &target("comentario"));
    let id = |n: u8| format!("11111111-0000-4000-8000-00000000000{n}");
    assert_eq!(t.provider, "comentario");
    assert_eq!(parlor::threads::Provider::name(&COMENTARIO), "comentario");
    assert_eq!(
        shape(&t),
        vec![
            row(&id(1), None, 0, "Frank", "Registered user, top level."),
            row(&id(2), Some(&id(1)), 1, "Guest Erin", "Unregistered reply."),
            row(&id(3), Some(&id(2)), 2, "[deleted]", "[deleted]"),
        ]
    );
    assert!(t.comments[0].by_post_author);
    assert_eq!(
        t.comments[1].permalink.as_deref(),
        Some(
            "https://blog.example.com/posts/hello/#comentario-11111111-0000-4000-8000-000000000002"
        )
    );
    let seen = &srv.requests()[0];
    assert_eq!(
        (seen.method.as_str(), path(seen)),
        ("POST", "/api/embed/comments")
    );
    let sent: serde_json::Value = serde_json::from_str(&seen.body).expect("json body");
    assert_eq!(
        sent,
        serde_json::json!({"host": "blog.example.com", "path": "/posts/hello/"})
    );
}

#[test]
fn comentario_unknown_host_is_a_refusal_not_a_rate_limit() {
    let srv = Server::start(|_| {
        reply(
            403,
            "application/json",
            r#"{"id":"unknown-host","message":"Unknown host"}"#,
        )
    });
    match read(&COMENTARIO, &srv, &target("comentario")) {
        Err(ProviderError::Unsupported { why, .. }) => {
            assert!(why.contains("Unknown host"), "{why}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_answers_map() {
    error_answers(
        &PROVIDER,
        &target("commento"),
        &fixture("commento/list.json"),
    );
    error_answers(
        &PROVIDER,
        &target("comentario"),
        &fixture("commento/comentario.json"),
    );
}
