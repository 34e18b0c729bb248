//! Mastodon: the root status and its context; the tree from `in_reply_to_id`, out of order.

use super::server::Server;
use super::support::*;
use parlor::threads::mastodon::PROVIDER;
use parlor::threads::Completeness;

fn target() -> parlor::threads::Target {
    let mut s = system("mastodon");
    s.server = Some("https://social.example".into());
    s.site = Some("blogger".into());
    s.thread = Some("113000000000000001".into());
    embed(s, "https://blog.example.com/post/")
}

fn instance(context: String) -> Server {
    let status = fixture("mastodon/status.json");
    Server::start(move |s| match path(s) {
        "/api/v1/statuses/113000000000000001" => json(&status),
        "/api/v1/statuses/113000000000000001/context" => json(&context),
        _ => super::server::reply(404, "application/json", r#"{"error":"Record not found"}"#),
    })
}

#[test]
fn builds_the_tree_from_in_reply_to_id() {
    let srv = instance(fixture("mastodon/context.json"));
    let t = one(&PROVIDER, &srv, &target());
    let id = |n: u8| format!("11300000000000000{n}");
    assert_eq!(
        shape(&t),
        vec![
            row(
                &id(2),
                None,
                0,
                "lee@other.example",
                "Nice one.\n\nSecond paragraph."
            ),
            row(&id(3), Some(&id(2)), 1, "The Blogger", "@lee thanks!"),
            row(
                &id(4),
                Some(&id(3)),
                2,
                "Max",
                "Content warning: spoilers\n\nThe ending!"
            ),
            row(&id(5), None, 0, "Nia", "Second top-level reply"),
        ]
    );
    assert!(t.comments[1].by_post_author && !t.comments[0].by_post_author);
    assert_eq!(
        t.url.as_deref(),
        Some("https://social.example/@blogger/113000000000000001")
    );
    assert_eq!(t.submitter.as_deref(), Some("blogger"));
    assert_eq!(
        t.comments[0].permalink.as_deref(),
        Some("https://other.example/@lee/9")
    );
    assert_eq!(
        t.comments[0].published.as_deref(),
        Some("2024-08-01T10:30:00Z")
    );
    assert_eq!(t.completeness, Completeness::Full);
}

#[test]
fn sixty_replies_signed_out_is_partial() {
    let one_reply = r#"{"id":"ID","created_at":"2024-08-01T10:30:00.000Z","in_reply_to_id":"113000000000000001","content":"<p>x</p>","account":{"id":"9","acct":"a","display_name":"A"}}"#;
    let many: Vec<String> = (0..60)
        .map(|i| one_reply.replace("ID", &format!("5{i}")))
        .collect();
    let srv = instance(format!(
        r#"{{"ancestors":[],"descendants":[{}]}}"#,
        many.join(",")
    ));
    let t = one(&PROVIDER, &srv, &target());
    assert_eq!(t.comments.len(), 60);
    assert_partial(&t, "not signed in");
}

#[test]
fn error_answers_map() {
    error_answers(&PROVIDER, &target(), &fixture("mastodon/status.json"));
}
