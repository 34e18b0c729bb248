//! utterances (GitHub issue search and comments) against a loopback server replaying GitHub's
//! answer shapes (tests/fixtures/providers): the issue found by term, 101 comments over two
//! pages, a rate limit with GitHub's headers, no issue, a repeated page, truncated JSON.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;
#[path = "providers/support.rs"]
mod support;

use parlor::model::blocks_text;
use parlor::threads::{Completeness, ProviderError};
use server::{header, reply, Seen, Server};
use support::{fixture, json, one, query, read, system};
use tiny_http::ResponseBox;

fn utterances_server(comments: fn(&Seen) -> ResponseBox) -> Server {
    Server::start(move |seen| {
        if seen.path.starts_with("/search/issues?") {
            json(&fixture("utterances-search.json"))
        } else if seen
            .path
            .starts_with("/repos/me/comments/issues/4/comments?")
        {
            comments(seen)
        } else {
            reply(404, "application/json", r#"{"message":"Not Found"}"#)
        }
    })
}

#[test]
fn utterances_finds_the_issue_and_pages_its_comments() {
    let srv = utterances_server(|seen| match query(seen, "page").as_deref() {
        Some("1") => json(&fixture("utterances-comments-1.json")),
        Some("2") => json(&fixture("utterances-comments-2.json")),
        _ => json("[]"),
    });
    let t = one(read(
        &srv,
        system(
            "utterances",
            "me/comments",
            "2024/hello",
            &[("issue_term", "pathname")],
        ),
    ));
    assert_eq!(t.comments.len(), 101);
    assert_eq!(
        t.url.as_deref(),
        Some("https://github.com/me/comments/issues/4")
    );
    let c0 = &t.comments[0];
    assert_eq!(
        (
            c0.id.as_str(),
            c0.author.as_str(),
            blocks_text(&c0.blocks).as_str()
        ),
        ("1000", "user0", "Comment number 0.")
    );
    assert_eq!(c0.author_url.as_deref(), Some("https://github.com/user0"));
    assert_eq!(c0.published.as_deref(), Some("2024-05-01T00:00:00Z"));
    assert_eq!(t.comments[100].author, "Anonymous");
    let reqs = srv.requests();
    assert_eq!(
        query(&reqs[0], "q").as_deref(),
        Some("\"2024/hello\" type:issue in:title repo:me/comments")
    );
    assert!(reqs[1]
        .headers
        .get("accept")
        .is_some_and(|a| a.contains("html+json")));
    assert_eq!(reqs.len(), 3);
}

#[test]
fn utterances_errors() {
    let sys = || system("utterances", "me/comments", "2024/hello", &[]);
    let srv = utterances_server(|_| {
        reply(
            403,
            "application/json",
            r#"{"message":"API rate limit exceeded for 127.0.0.1.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}"#,
        )
        .with_header(header("X-RateLimit-Remaining", "0"))
        .with_header(header("X-RateLimit-Reset", "1700003600"))
        .boxed()
    });
    match read(&srv, sys()) {
        Err(ProviderError::RateLimited {
            message,
            retry_after,
            ..
        }) => {
            assert!(message.starts_with("API rate limit exceeded"), "{message}");
            assert_eq!(retry_after.as_deref(), Some("2023-11-14T23:13:20Z"));
        }
        other => panic!("expected a rate limit, got {other:?}"),
    }
    let none =
        Server::start(|_| json(r#"{"total_count":0,"incomplete_results":false,"items":[]}"#));
    assert!(matches!(
        read(&none, sys()),
        Err(ProviderError::NotFound { .. })
    ));
    // A server that sends page 1 for every page: stops, partial.
    let srv = utterances_server(|_| json(&fixture("utterances-comments-1.json")));
    let t = one(read(&srv, sys()));
    assert_eq!(t.comments.len(), 100);
    assert!(matches!(t.completeness, Completeness::Partial { .. }));
    let srv = utterances_server(|_| json(r#"[{"id":1,"body_html":"<p>x"#));
    assert!(read(&srv, sys())
        .expect_err("truncated")
        .to_string()
        .contains("truncated"));
    // By number: straight to the comments, no search.
    let srv = utterances_server(|_| json("[]"));
    let t = one(read(
        &srv,
        system("utterances", "me/comments", "4", &[("issue_number", "4")]),
    ));
    assert!(t.comments.is_empty());
    assert_eq!(srv.requests().len(), 1);
}

#[test]
fn utterances_sends_the_configured_token_and_names_a_bad_one() {
    let srv = Server::start(|seen| {
        if seen.headers.get("authorization").map(String::as_str) == Some("Bearer bad-token") {
            reply(
                401,
                "application/json",
                r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#,
            )
        } else {
            json("[]")
        }
    });
    let client = server::client();
    let base = srv.url("/");
    let ctx = parlor::threads::Ctx {
        base_override: Some(&base),
        token: Some("bad-token"),
        ..parlor::threads::Ctx::new(&client)
    };
    let sys = system("utterances", "me/comments", "4", &[("issue_number", "4")]);
    let provider = parlor::threads::for_system(&sys).expect("provider");
    let target = parlor::threads::Target::Embed {
        system: sys,
        page: url::Url::parse("https://b.test/p/").expect("url"),
    };
    let e = provider.read(&ctx, &target).expect_err("401");
    assert_eq!(
        e.to_string(),
        "utterances: reading this thread needs signing in (HTTP 401): Bad credentials"
    );
    assert_eq!(srv.requests().len(), 1);
}
