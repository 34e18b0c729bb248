//! Replying on giscus threads as the user's GitHub account, against loopback
//! servers standing in for giscus.app, GitHub's API and the blog (answers in
//! tests/fixtures/github and tests/fixtures/providers): the GraphQL `addDiscussionComment` body
//! for a top-level comment and for replies (a reply to a reply goes under its top-level
//! comment), GraphQL errors, a refused token, no discussion yet, and `parlor reply` through the
//! real binary, signed in and not. The token is seen only by the API server: giscus.app and the
//! blog never get it. utterances: tests/github_utterances.rs.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

#[path = "github/support.rs"]
mod support;

use parlor::threads::{self, Posted, ProviderError};
use server::{reply, Seen, Server};
use support::*;

#[test]
fn giscus_posts_top_level_comments_and_replies_through_graphql() {
    let app = giscus_app();
    let gql = api(|_| gh(200, "graphql-comment.json"));
    let acct = account(&gql);
    let sys = || system("giscus", "me/blog", "posts/hello");
    let provider = threads::for_system(&sys()).expect("provider");
    assert_eq!(
        provider.posting(&sys()),
        threads::Posting::Account("github")
    );

    let top = post(sys(), &app, Some(&acct), None).expect("posted");
    assert_eq!(
        top,
        Posted::Published {
            id: "DC_kwDOAnew".into(),
            url: Some("https://github.com/me/blog/discussions/7#discussioncomment-99".into()),
        }
    );
    // A reply to a top-level comment, and to a reply (DC_2 answers DC_1): both go under DC_1.
    post(sys(), &app, Some(&acct), Some("DC_1")).expect("reply");
    post(sys(), &app, Some(&acct), Some("DC_2")).expect("reply to a reply");
    let e = post(sys(), &app, Some(&acct), Some("DC_404")).expect_err("unknown parent");
    assert!(matches!(e, ProviderError::Refused { .. }), "{e}");

    let reqs = gql.requests();
    assert_eq!(reqs.len(), 3);
    for r in &reqs {
        assert_eq!(
            r.headers.get("authorization").map(String::as_str),
            Some(&*format!("Bearer {TOKEN}"))
        );
        assert!(r
            .headers
            .get("content-type")
            .is_some_and(|c| c.starts_with("application/json")));
    }
    let b0 = body(&reqs[0]);
    assert!(b0["query"]
        .as_str()
        .expect("query")
        .contains("addDiscussionComment(input: {body: $body, discussionId: $discussionId})"));
    assert_eq!(
        b0["variables"],
        serde_json::json!({"body": "Sent from a terminal.", "discussionId": "D_kwDOA"})
    );
    for r in &reqs[1..] {
        let b = body(r);
        assert!(b["query"]
            .as_str()
            .expect("query")
            .contains("replyToId: $replyToId"));
        assert_eq!(b["variables"]["replyToId"], "DC_1");
        assert_eq!(b["variables"]["discussionId"], "D_kwDOA");
    }
    // giscus.app was asked for both pages each time, never with the token.
    assert_eq!(app.requests().len(), 8);
    no_token(&app, "giscus.app");
}

#[test]
fn giscus_refusals_say_why() {
    let app = giscus_app();
    let sys = || system("giscus", "me/blog", "posts/hello");
    let gql = api(|_| gh(200, "graphql-error.json"));
    match post(sys(), &app, Some(&account(&gql)), None) {
        Err(ProviderError::Refused { message, .. }) => {
            assert_eq!(message, "Parent comment is a reply to another comment")
        }
        other => panic!("{other:?}"),
    }
    let gql = api(|_| gh(200, "graphql-rate-limited.json"));
    assert!(matches!(
        post(sys(), &app, Some(&account(&gql)), None),
        Err(ProviderError::RateLimited { .. })
    ));
    let gql = api(|_| gh(401, "bad-credentials.json"));
    match post(sys(), &app, Some(&account(&gql)), None) {
        Err(ProviderError::Refused { message, .. }) => {
            assert!(
                message.contains("run `parlor login github` again"),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
    let gql = api(|_| {
        gh(403, "bad-credentials.json")
            .with_header(server::header("X-RateLimit-Remaining", "0"))
            .with_header(server::header("X-RateLimit-Reset", "1900000000"))
            .boxed()
    });
    assert!(matches!(
        post(sys(), &app, Some(&account(&gql)), None),
        Err(ProviderError::RateLimited { .. })
    ));
    let gql = api(|_| json(400, r#"{"message":"Problems parsing JSON"}"#.into()));
    match post(sys(), &app, Some(&account(&gql)), None) {
        Err(ProviderError::Refused { message, .. }) => {
            assert_eq!(message, "Problems parsing JSON (HTTP 400)")
        }
        other => panic!("{other:?}"),
    }
    // Not signed in: nothing is sent anywhere.
    let e = post(sys(), &app, None, None).expect_err("no account");
    assert!(e.to_string().contains("parlor login github"), "{e}");
    // No discussion yet.
    let none = Server::start(|_| {
        reply(
            404,
            "application/json",
            r#"{"error":"Discussion not found"}"#,
        )
    });
    let gql = api(|_| gh(200, "graphql-comment.json"));
    match post(sys(), &none, Some(&account(&gql)), None) {
        Err(ProviderError::Unsupported { why, .. }) => {
            assert!(
                why.contains("no discussion yet") && why.contains("browser"),
                "{why}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(gql.requests().is_empty());
    no_token(&app, "giscus.app");
    no_token(&none, "giscus.app");
}

#[test]
fn parlor_reply_on_a_giscus_page_posts_as_the_signed_in_account() {
    let page = r#"<!DOCTYPE html><html><head><title>Hello</title></head><body>
        <article><h1>Hello</h1><p>A static post whose comments giscus loads.</p></article>
        <script src="https://giscus.app/client.js" data-repo="me/blog" data-repo-id="R_1"
        data-category="Announcements" data-category-id="DIC_2" data-mapping="pathname"
        data-strict="1" crossorigin="anonymous" async></script></body></html>"#;
    let blog = Server::start(move |seen| {
        if seen.path == "/posts/hello/" {
            server::html(page)
        } else {
            reply(404, "text/plain", "no")
        }
    });
    let app = giscus_app();
    let gql = api(|_| gh(200, "graphql-comment.json"));
    let dir = tempfile::tempdir().expect("tmp");
    let env = [
        ("PARLOR_PROVIDER_BASE_GISCUS", format!("{}/", app.base)),
        ("PARLOR_PROVIDER_BASE_GITHUB", format!("{}/", gql.base)),
    ];
    let url = blog.url("/posts/hello/").to_string();
    let args = [
        "reply",
        url.as_str(),
        "--parent",
        "DC_2",
        "--body-file",
        "-",
    ];

    // Not signed in: refused before anything is sent, the draft kept.
    let out = parlor(dir.path(), &env, &args, "Sent from a terminal.\n");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("run `parlor login github` first") && err.contains("draft is kept"),
        "{err}"
    );
    assert!(gql.requests().is_empty());
    let drafts = parlor(dir.path(), &env, &["drafts"], "");
    assert!(
        String::from_utf8_lossy(&drafts.stdout).contains("Sent from a terminal"),
        "draft not kept"
    );

    let login = parlor(
        dir.path(),
        &env,
        &["login", "github", "--with-token"],
        &format!("{TOKEN}\n"),
    );
    assert_eq!(
        login.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&login.stderr)
    );
    let out = parlor(dir.path(), &env, &args, "Sent from a terminal.\n");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("published: comment DC_kwDOAnew"),
        "{stdout}"
    );
    let posted: Vec<Seen> = gql
        .requests()
        .into_iter()
        .filter(|r| r.path == "/graphql")
        .collect();
    assert_eq!(posted.len(), 1);
    assert_eq!(body(&posted[0])["variables"]["replyToId"], "DC_1");
    assert_eq!(
        body(&posted[0])["variables"]["body"],
        "Sent from a terminal."
    );
    no_token(&blog, "the blog");
    no_token(&app, "giscus.app");
    assert!(!app.requests().is_empty() && !blog.requests().is_empty());
}
