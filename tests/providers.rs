//! Disqus and giscus against loopback servers replaying their recorded answer shapes
//! (tests/fixtures/providers, each shape from the system's own source): whole threads over
//! several pages, and every error answer (not found, 403, 429 with headers, a bad key,
//! truncated JSON, a looping cursor). utterances: tests/providers_utterances.rs; the pipeline:
//! tests/providers_pipeline.rs.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;
#[path = "providers/support.rs"]
mod support;

use parlor::model::CommentSystem;
use parlor::threads::{Completeness, ProviderError};
use server::{header, reply, Seen, Server};
use support::{fixture, json, one, query, read, s, system, tree};
use tiny_http::ResponseBox;

fn disqus_server(listing: fn(&Seen) -> ResponseBox) -> Server {
    Server::start(move |seen| {
        if seen.path.starts_with("/embed/comments/") {
            reply(200, "text/html", fixture("disqus-embed.html"))
        } else if seen.path.starts_with("/api/3.0/threads/listPostsThreaded") {
            listing(seen)
        } else {
            reply(404, "text/plain", "no")
        }
    })
}

#[test]
fn disqus_reads_the_whole_thread_with_cursor_paging() {
    let srv = disqus_server(|seen| match query(seen, "cursor").as_deref() {
        None => json(&fixture("disqus-posts-1.json")),
        Some("1700000100000000:0:0") => json(&fixture("disqus-posts-2.json")),
        Some(_) => reply(400, "application/json", "{}"),
    });
    let t = one(read(&srv, system("disqus", "blog-x", "post-42", &[])));
    assert_eq!(
        tree(&t),
        vec![
            (s("5001"), None, 0, s("Ann"), s("First! A link.")),
            (
                s("5002"),
                Some(s("5001")),
                1,
                s("Guest Bob"),
                s("Welcome, Ann.")
            ),
            (
                s("5003"),
                Some(s("5002")),
                2,
                s("[deleted]"),
                s("[deleted]")
            ),
            (s("5004"), None, 0, s("Cy"), s("Second thread.")),
        ]
    );
    assert_eq!(t.completeness, Completeness::Full);
    assert_eq!(t.stated_count, Some(4));
    let ann = &t.comments[0];
    assert_eq!(
        ann.author_url.as_deref(),
        Some("https://disqus.com/by/ann/")
    );
    assert_eq!(ann.published.as_deref(), Some("2024-05-01T10:05:00Z"));
    assert_eq!(
        ann.permalink.as_deref(),
        Some("https://b.test/p/#comment-5001")
    );
    assert_eq!(
        t.comments[1].author_url, None,
        "anonymous guests have no URL"
    );
    let reqs = srv.requests();
    let embed = &reqs[0];
    assert_eq!(query(embed, "f").as_deref(), Some("blog-x"));
    assert_eq!(query(embed, "t_i").as_deref(), Some("post-42"));
    let list = &reqs[1];
    assert_eq!(query(list, "thread").as_deref(), Some("7654321"));
    assert_eq!(query(list, "forum").as_deref(), Some("blog-x"));
    assert!(query(list, "api_key").is_some_and(|k| k.len() == 64));
    assert_eq!(reqs.len(), 3);
}

#[test]
fn disqus_errors() {
    // A cursor that loops: the same `next` forever.
    let srv = disqus_server(|_| json(&fixture("disqus-posts-1.json")));
    let t = one(read(&srv, system("disqus", "blog-x", "post-42", &[])));
    assert!(
        matches!(&t.completeness, Completeness::Partial { reason } if reason.contains("cursor")),
        "{:?}",
        t.completeness
    );
    assert_eq!(
        srv.requests().len(),
        3,
        "stops at the first repeated cursor"
    );

    // A bad key: Disqus's error body (code 5).
    let srv = disqus_server(|_| {
        reply(
            400,
            "application/json",
            r#"{"code": 5, "response": "Invalid API key"}"#,
        )
    });
    let e = read(&srv, system("disqus", "blog-x", "post-42", &[])).expect_err("bad key");
    assert!(e.to_string().contains("Invalid API key"), "{e}");

    // Rate limited, with the reset time in the headers.
    let srv = disqus_server(|_| {
        reply(
            429,
            "application/json",
            r#"{"code": 13, "response": "You have exceeded your hourly limit of requests"}"#,
        )
        .with_header(header("X-Ratelimit-Reset", "1700003600"))
        .boxed()
    });
    match read(&srv, system("disqus", "blog-x", "post-42", &[])) {
        Err(ProviderError::RateLimited {
            message,
            retry_after,
            ..
        }) => {
            assert!(message.contains("hourly limit"), "{message}");
            assert_eq!(retry_after.as_deref(), Some("2023-11-14T23:13:20Z"));
        }
        other => panic!("expected a rate limit, got {other:?}"),
    }

    // Truncated JSON.
    let srv =
        disqus_server(|_| json(r#"{"cursor":{"hasNext":true},"code":0,"response":[{"id":"1""#));
    let e = read(&srv, system("disqus", "blog-x", "post-42", &[])).expect_err("truncated");
    assert!(matches!(e, ProviderError::BadAnswer { .. }), "{e}");
    assert!(e.to_string().contains("truncated"), "{e}");

    // No thread: the embed page's thread data says so.
    let srv = Server::start(|_| {
        reply(
            200,
            "text/html",
            r#"<script type="text/json" id="disqus-threadData">{"code":2,"response":"Invalid argument, 'forum': Unable to find forum"}</script>"#,
        )
    });
    let e = read(&srv, system("disqus", "nope", "x", &[])).expect_err("not found");
    assert!(matches!(e, ProviderError::NotFound { .. }), "{e}");
}

fn giscus_server(page: fn(&Seen) -> ResponseBox) -> Server {
    Server::start(move |seen| {
        if seen.path.starts_with("/api/discussions?") {
            page(seen)
        } else {
            reply(404, "application/json", r#"{"error":"no route"}"#)
        }
    })
}

fn giscus_system() -> CommentSystem {
    system(
        "giscus",
        "me/blog",
        "posts/hello",
        &[
            ("category", "Announcements"),
            ("strict", "1"),
            ("mapping", "pathname"),
        ],
    )
}

#[test]
fn giscus_reads_every_page_and_reply() {
    let srv = giscus_server(|seen| match query(seen, "after").as_deref() {
        None => json(&fixture("giscus-page-1.json")),
        Some("Y3Vyc29yOnYyOpHOAAAC") => json(&fixture("giscus-page-2.json")),
        Some(_) => reply(500, "application/json", "{}"),
    });
    let t = one(read(&srv, giscus_system()));
    assert_eq!(
        tree(&t),
        vec![
            (s("DC_1"), None, 0, s("ann"), s("Great post. x")),
            (s("DC_2"), Some(s("DC_1")), 1, s("me"), s("Thanks!")),
            (
                s("DC_3"),
                Some(s("DC_1")),
                1,
                s("[deleted]"),
                s("[deleted]")
            ),
            (s("DC_4"), None, 0, s("cy"), s("Second.")),
            (
                s("DC_5"),
                None,
                0,
                s("Anonymous"),
                s("[hidden by a moderator]")
            ),
        ]
    );
    assert_eq!(
        t.url.as_deref(),
        Some("https://github.com/me/blog/discussions/7")
    );
    assert_eq!(t.stated_count, Some(5));
    assert_eq!(
        t.comments[0].permalink.as_deref(),
        Some("https://github.com/me/blog/discussions/7#discussioncomment-1")
    );
    let first = &srv.requests()[0];
    assert_eq!(query(first, "repo").as_deref(), Some("me/blog"));
    assert_eq!(query(first, "term").as_deref(), Some("posts/hello"));
    assert_eq!(query(first, "category").as_deref(), Some("Announcements"));
    assert_eq!(query(first, "strict").as_deref(), Some("true"));
}

#[test]
fn giscus_errors() {
    let srv = giscus_server(|_| {
        reply(
            404,
            "application/json",
            r#"{"error":"Discussion not found"}"#,
        )
    });
    assert!(matches!(
        read(&srv, giscus_system()),
        Err(ProviderError::NotFound { .. })
    ));
    let srv = giscus_server(|_| {
        reply(
            429,
            "application/json",
            r#"{"error":"API rate limit exceeded for me/blog. Sign in to increase the rate limit"}"#,
        )
        .with_header(header("Retry-After", "120"))
        .boxed()
    });
    match read(&srv, giscus_system()) {
        Err(e @ ProviderError::RateLimited { .. }) => {
            let text = e.to_string();
            assert!(text.contains("API rate limit exceeded"), "{text}");
            // "Retry-After: 120" is said as the time to retry at, two minutes from now.
            assert!(text.contains("(try again after 20"), "{text}");
        }
        other => panic!("expected a rate limit, got {other:?}"),
    }
    let srv = giscus_server(|_| {
        reply(
            403,
            "application/json",
            r#"{"error":"giscus is not installed on this repository"}"#,
        )
    });
    let e = read(&srv, giscus_system()).expect_err("403");
    assert!(e.to_string().contains("not installed"), "{e}");
    let srv = giscus_server(|_| json(r#"{"viewer":null,"discussion":{"id":"D","comments":["#));
    assert!(read(&srv, giscus_system())
        .expect_err("truncated")
        .to_string()
        .contains("truncated"));
    // The first page again and again: a looping cursor.
    let srv = giscus_server(|_| json(&fixture("giscus-page-1.json")));
    let t = one(read(&srv, giscus_system()));
    assert!(matches!(t.completeness, Completeness::Partial { .. }));
    assert_eq!(srv.requests().len(), 2);
}

#[test]
fn disqus_refused_listing_falls_back_to_the_embed_pages_first_posts() {
    let srv = Server::start(|seen| {
        if seen.path.starts_with("/embed/comments/") {
            let page1: serde_json::Value =
                serde_json::from_str(&fixture("disqus-posts-1.json")).expect("fixture");
            let posts = serde_json::to_string(&page1["response"]).expect("posts");
            let html =
                fixture("disqus-embed.html").replace("\"posts\":[]", &format!("\"posts\":{posts}"));
            reply(200, "text/html", html)
        } else {
            reply(
                400,
                "application/json",
                r#"{"code": 5, "response": "Invalid API key"}"#,
            )
        }
    });
    let t = one(read(&srv, system("disqus", "blog-x", "post-42", &[])));
    let ids: Vec<&str> = t.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["5001", "5002"]);
    assert!(
        matches!(&t.completeness, Completeness::Partial { reason } if reason.contains("Invalid API key")),
        "{:?}",
        t.completeness
    );
}

/// Isso's answer shape (`isso/views/comments.py`, the `fetch` apidoc example), two pages by
/// `limit`/`offset` while `hidden_replies` > 0; mode 4 is a deleted comment.
#[test]
fn isso_pages_by_offset_and_marks_deleted() {
    let srv = Server::start(|seen| match query(seen, "offset").as_deref() {
        Some("0") => json(
            r#"{"id":null,"total_replies":3,"hidden_replies":1,"replies":[
            {"id":1,"parent":null,"created":1464818460.73,"modified":null,"mode":1,
             "text":"<p>Hello, World!</p>","author":"Ann","website":"https://ann.test/",
             "likes":2,"dislikes":0,"hash":"1cb6","total_replies":1,"hidden_replies":0,
             "replies":[{"id":2,"parent":1,"created":1464818460.77,"modified":null,"mode":4,
               "text":"","author":null,"website":null,"likes":0,"dislikes":0,"hash":"2af4"}]}]}"#,
        ),
        Some("1") => json(
            r#"{"id":null,"total_replies":3,"hidden_replies":0,"replies":[
            {"id":3,"parent":null,"created":1464818460.81,"modified":null,"mode":1,
             "text":"<p>Second.</p>","author":null,"website":null,"likes":0,"dislikes":0,
             "hash":"1cb6","total_replies":0,"hidden_replies":0,"replies":[]}]}"#,
        ),
        _ => reply(400, "text/plain", "offset should be integer"),
    });
    let mut sys = system("isso", "", "/p/", &[]);
    sys.server = Some(srv.base.clone());
    let t = one(read(&srv, sys.clone()));
    assert_eq!(
        tree(&t),
        vec![
            (s("1"), None, 0, s("Ann"), s("Hello, World!")),
            (s("2"), Some(s("1")), 1, s("[deleted]"), s("[deleted]")),
            (s("3"), None, 0, s("Anonymous"), s("Second.")),
        ]
    );
    assert_eq!(
        t.comments[0].published.as_deref(),
        Some("2016-06-01T22:01:00Z")
    );
    assert_eq!(
        t.comments[0].author_url.as_deref(),
        Some("https://ann.test/")
    );
    assert_eq!(query(&srv.requests()[0], "uri").as_deref(), Some("/p/"));
    // Hidden replies said, none sent: stops instead of asking forever.
    let stuck =
        Server::start(|_| json(r#"{"id":null,"total_replies":9,"hidden_replies":9,"replies":[]}"#));
    let t = one(read(&stuck, sys.clone()));
    assert!(matches!(t.completeness, Completeness::Partial { .. }));
    assert_eq!(stuck.requests().len(), 1);
    let cut = Server::start(|_| json(r#"{"id":null,"replies":[{"id":1,"#));
    assert!(read(&cut, sys)
        .expect_err("cut")
        .to_string()
        .contains("truncated"));
}

#[test]
fn giscus_by_number_asks_for_the_number() {
    let srv = Server::start(|_| json(&fixture("giscus-page-2.json")));
    let t = one(read(
        &srv,
        system("giscus", "me/blog", "12", &[("mapping", "number")]),
    ));
    assert_eq!(t.comments.len(), 2);
    let asked = &srv.requests()[0];
    assert_eq!(query(asked, "number").as_deref(), Some("12"));
    assert_eq!(query(asked, "term"), None);
    assert_eq!(query(asked, "strict"), None);
}
