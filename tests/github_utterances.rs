//! Replying on utterances threads as the user's GitHub account, against a loopback GitHub API
//! (answers in tests/fixtures/github and tests/fixtures/providers): a top-level issue comment, a
//! reply that quotes its parent, and the refusals (locked issue, refused token, bad parent, no
//! issue yet). The token goes only with the POST to the account's API base.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;
#[path = "github/support.rs"]
mod support;

use parlor::threads::{Posted, ProviderError};
use server::{reply, Seen, Server};
use support::*;

/// GitHub for utterances: search finds issue 4; comment 1000 is user0's; posting answers `post`.
fn utterances_api(post: fn(&Seen) -> tiny_http::ResponseBox) -> Server {
    Server::start(move |seen| {
        if seen.path.starts_with("/search/issues?") {
            json(200, fixture("providers", "utterances-search.json"))
        } else if seen.method == "GET" && seen.path == "/repos/me/comments/issues/comments/1000" {
            gh(200, "issue-comment-parent.json")
        } else if seen.method == "POST" && seen.path == "/repos/me/comments/issues/4/comments" {
            post(seen)
        } else if seen.path == "/user" {
            gh(200, "user.json")
        } else {
            reply(404, "application/json", r#"{"message":"Not Found"}"#)
        }
    })
}

#[test]
fn utterances_posts_issue_comments_and_quotes_the_parent() {
    let srv = utterances_api(|_| gh(201, "issue-comment.json"));
    let acct = account(&srv);
    let sys = || system("utterances", "me/comments", "2024/hello");
    assert_eq!(
        post(sys(), &srv, Some(&acct), None).expect("posted"),
        Posted::Published {
            id: "1".into(),
            url: Some("https://github.com/me/comments/issues/4#issuecomment-1".into()),
        }
    );
    post(sys(), &srv, Some(&acct), Some("1000")).expect("reply");
    let posts: Vec<Seen> = srv
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 2);
    assert_eq!(
        body(&posts[0]),
        serde_json::json!({"body": "Sent from a terminal."})
    );
    assert_eq!(
        body(&posts[1]),
        serde_json::json!({"body": "> user0 wrote: Comment number 0.\n\nSent from a terminal."})
    );
    for r in srv.requests() {
        let auth = r.headers.get("authorization");
        if r.method == "POST" {
            assert_eq!(auth.map(String::as_str), Some(&*format!("Bearer {TOKEN}")));
        } else {
            assert!(
                auth.is_none(),
                "the token went with the read request {}",
                r.path
            );
        }
    }
}

#[test]
fn utterances_refusals_say_why() {
    let sys = || system("utterances", "me/comments", "2024/hello");
    // GitHub sends its rate headers on every answer ("Rate limits for the REST API"): they
    // alone do not make a locked issue a rate limit (the outbox would wait and retry forever).
    let srv = utterances_api(|_| {
        gh(403, "issue-locked.json")
            .with_header(server::header("X-RateLimit-Remaining", "4998"))
            .with_header(server::header("X-RateLimit-Reset", "1900000000"))
            .boxed()
    });
    match post(sys(), &srv, Some(&account(&srv)), None) {
        Err(ProviderError::Refused { message, .. }) => {
            assert!(message.contains("issue is locked"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    let srv = utterances_api(|_| gh(401, "bad-credentials.json"));
    let e = post(sys(), &srv, Some(&account(&srv)), None).expect_err("401");
    assert!(e.to_string().contains("parlor login github` again"), "{e}");
    let srv = utterances_api(|_| gh(201, "issue-comment.json"));
    let e = post(sys(), &srv, Some(&account(&srv)), Some("abc")).expect_err("bad parent");
    assert!(matches!(e, ProviderError::Refused { .. }), "{e}");
    let none = Server::start(|_| {
        json(
            200,
            r#"{"total_count":0,"incomplete_results":false,"items":[]}"#.into(),
        )
    });
    match post(sys(), &none, Some(&account(&srv)), None) {
        Err(ProviderError::Unsupported { why, .. }) => {
            assert!(why.contains("no issue yet"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    assert!(srv.requests().iter().all(|r| r.method != "POST"));
}
