//! Discussions elsewhere on loopback: each site's recorded answer shapes (tests/fixtures/
//! discussions, shapes from the sites' own source, see docs/discussions.md) replayed by a local
//! server; the exact trees, near misses, deleted items, Reddit's `replies: ""` and "more",
//! rate limits, truncated JSON, a 50-deep HN tree, and the CLI end to end.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use parlor::elsewhere::{hn::HackerNews, lobsters::Lobsters, reddit::Reddit};
use parlor::model::blocks_text;
use parlor::net::{Client, NetOptions};
use parlor::threads::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use server::Server;
use tiny_http::{Header, Response, ResponseBox};
use url::Url;

const POST: &str = "https://blog.example.com/2024/05/post/";

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/discussions/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(body: String) -> ResponseBox {
    Response::from_string(body)
        .with_header(Header::from_bytes("Content-Type", "application/json").expect("header"))
        .boxed()
}

fn status(code: u16, headers: &[(&str, &str)]) -> ResponseBox {
    let mut r = Response::from_string("{\"message\":\"slow down\"}").with_status_code(code);
    for (n, v) in headers {
        r = r.with_header(Header::from_bytes(*n, *v).expect("header"));
    }
    r.boxed()
}

fn read(provider: &dyn Provider, server: &Server) -> Result<Vec<Thread>, ProviderError> {
    let client = Client::new(NetOptions::default()).expect("client");
    let base = server.url("/");
    let ctx = Ctx {
        client: &client,
        base_override: Some(&base),
        token: None,
        deadline: None,
        account: None,
        tape: None,
    };
    provider.read(&ctx, &Target::Url(Url::parse(POST).expect("url")))
}

/// (id, parent, depth, author, text) of every comment.
fn tree(t: &Thread) -> Vec<(String, Option<String>, u16, String, String)> {
    t.comments
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.parent.clone(),
                c.depth,
                c.author.clone(),
                blocks_text(&c.blocks),
            )
        })
        .collect()
}

fn row(
    id: &str,
    parent: Option<&str>,
    depth: u16,
    author: &str,
    text: &str,
) -> (String, Option<String>, u16, String, String) {
    (
        id.into(),
        parent.map(Into::into),
        depth,
        author.into(),
        text.into(),
    )
}

#[test]
fn hn_finds_matching_stories_and_reads_their_trees() {
    let server = Server::start(|seen| {
        if seen.path.starts_with("/api/v1/search?") {
            assert!(
                seen.path.contains("restrictSearchableAttributes=url"),
                "{}",
                seen.path
            );
            assert!(seen.path.contains("tags=story"), "{}", seen.path);
            json(fixture("hn_search.json"))
        } else if seen.path == "/api/v1/items/1001" {
            json(fixture("hn_item_1001.json"))
        } else if seen.path == "/api/v1/items/1002" {
            json(r#"{"id":1002,"author":"carol","text":null,"children":[]}"#.into())
        } else {
            status(404, &[])
        }
    });
    let threads = read(&HackerNews, &server).expect("read");
    // The near miss (post-2) is rejected; both real hits are read.
    assert_eq!(threads.len(), 2);
    assert_eq!(server.hits("/api/v1/items/1003"), 0);
    let t = &threads[0];
    assert_eq!(
        t.url.as_deref(),
        Some("https://news.ycombinator.com/item?id=1001")
    );
    assert_eq!(t.points, Some(310));
    assert_eq!(t.stated_count, Some(4));
    assert_eq!(t.submitter.as_deref(), Some("alice"));
    assert_eq!(
        tree(t),
        vec![
            row("2001", None, 0, "dan", "Great write-up.\n\nSecond para."),
            row("2002", Some("2001"), 1, "erin", "Agreed !"),
            row("2003", None, 0, "[deleted]", ""),
            row("2004", Some("2003"), 1, "frank", "Reply to a deleted one"),
        ]
    );
    assert_eq!(
        t.comments[0].published.as_deref(),
        Some("2024-05-02T09:00:00Z")
    );
    assert_eq!(
        t.comments[1].permalink.as_deref(),
        Some("https://news.ycombinator.com/item?id=2002")
    );
    assert!(threads[1].comments.is_empty());
    assert_eq!(threads[1].points, None);
}

#[test]
fn hn_tree_fifty_levels_deep() {
    let mut item = String::from(r#"{"id":1,"author":"op","text":null,"children":["#);
    for i in 0..50 {
        item.push_str(&format!(
            r#"{{"id":{},"author":"u{i}","text":"level {i}","created_at_i":1714640000,"children":["#,
            100 + i
        ));
    }
    item.push_str(&"]}".repeat(50));
    item.push_str("]}");
    let server = Server::start(move |seen| {
        if seen.path.starts_with("/api/v1/search?") {
            json(format!(
                r#"{{"hits":[{{"objectID":"1","title":"t","url":"{POST}","points":1,"num_comments":50,"author":"op"}}]}}"#
            ))
        } else {
            json(item.clone())
        }
    });
    let threads = read(&HackerNews, &server).expect("read");
    let c = &threads[0].comments;
    assert_eq!(c.len(), 50);
    assert_eq!(c[49].depth, 49);
    assert_eq!(c[49].parent.as_deref(), Some("148"));
    assert_eq!(blocks_text(&c[49].blocks), "level 49");
}

#[test]
fn hn_no_hit_is_no_thread() {
    let server = Server::start(|_| json(r#"{"hits":[],"nbHits":0}"#.into()));
    assert!(read(&HackerNews, &server).expect("read").is_empty());
}

#[test]
fn rate_limits_say_when_to_retry() {
    let server = Server::start(|_| status(429, &[("Retry-After", "120")]));
    for p in [&HackerNews as &dyn Provider, &Lobsters, &Reddit] {
        match read(p, &server) {
            Err(ProviderError::RateLimited { retry_after, .. }) => {
                // "Retry-After: 120" becomes the time to retry at, about two minutes from now.
                let at = retry_after.expect("retry time");
                let at = chrono::DateTime::parse_from_rfc3339(&at).expect("ISO time");
                let wait = at.timestamp() - chrono::Utc::now().timestamp();
                assert!((100..=125).contains(&wait), "{}: {wait}", p.name());
            }
            other => panic!("{}: {other:?}", p.name()),
        }
    }
    let server = Server::start(|_| status(429, &[("x-ratelimit-reset", "37")]));
    let err = read(&Reddit, &server).expect_err("limited");
    assert!(err.to_string().contains("try again after"), "{err}");
}

#[test]
fn truncated_json_is_a_bad_answer_not_a_panic() {
    let server = Server::start(|seen| {
        let full = if seen.path.contains("info.json") {
            fixture("reddit_info.json")
        } else if seen.path.contains("search") {
            fixture("hn_search.json")
        } else {
            fixture("lobsters_all.json")
        };
        json(full[..full.len() / 2].to_string())
    });
    for p in [&HackerNews as &dyn Provider, &Lobsters, &Reddit] {
        match read(p, &server) {
            Err(ProviderError::BadAnswer { .. }) => {}
            other => panic!("{}: {other:?}", p.name()),
        }
    }
}

#[test]
fn lobsters_reads_the_matching_story_with_deleted_comments_in_place() {
    let server = Server::start(|seen| {
        if seen.path.starts_with("/stories/url/all.json?url=") {
            json(fixture("lobsters_all.json"))
        } else if seen.path == "/s/abc123.json" {
            json(fixture("lobsters_story.json"))
        } else {
            status(404, &[])
        }
    });
    let threads = read(&Lobsters, &server).expect("read");
    assert_eq!(threads.len(), 1, "the ?page=2 near miss is rejected");
    assert_eq!(server.hits("/s/zzz999.json"), 0);
    let t = &threads[0];
    assert_eq!(
        t.url.as_deref(),
        Some("https://lobste.rs/s/abc123/some_post_about_bread")
    );
    assert_eq!(t.points, Some(12));
    assert_eq!(t.submitter.as_deref(), Some("pushcx"));
    assert_eq!(
        tree(t),
        vec![
            row("c1", None, 0, "hwayne", "Nice one."),
            row("c2", Some("c1"), 1, "someone", "Comment removed by author"),
            row("c3", Some("c2"), 2, "pushcx", "Replying anyway."),
        ]
    );
}

#[test]
fn lobsters_unknown_url_is_no_thread() {
    let server = Server::start(|_| status(404, &[]));
    assert!(read(&Lobsters, &server).expect("read").is_empty());
}

#[test]
fn reddit_reads_replies_more_and_deleted() {
    let server = Server::start(|seen| {
        if seen.path.starts_with("/api/info.json?") {
            json(fixture("reddit_info.json"))
        } else if seen.path.starts_with("/comments/p1.json") {
            json(fixture("reddit_comments.json"))
        } else if seen.path.starts_with("/api/morechildren.json?") {
            assert!(seen.path.contains("link_id=t3_p1"), "{}", seen.path);
            assert!(seen.path.contains("children=k3"), "{}", seen.path);
            json(fixture("reddit_more.json"))
        } else {
            status(404, &[])
        }
    });
    let threads = read(&Reddit, &server).expect("read");
    assert_eq!(threads.len(), 1, "the other post's URL is a near miss");
    let t = &threads[0];
    assert_eq!(t.title.as_deref(), Some("r/Breadit: Some post about bread"));
    assert_eq!(
        t.url.as_deref(),
        Some("https://www.reddit.com/r/Breadit/comments/p1/some_post_about_bread/")
    );
    assert_eq!(
        tree(t),
        vec![
            row("k1", None, 0, "baker", "Lovely crumb."),
            row("k2", Some("k1"), 1, "[deleted]", "[deleted]"),
            row("k3", Some("k1"), 1, "loaf", "Loaded later."),
            row("k4", None, 0, "crust", "Hydration?"),
        ]
    );
    assert_eq!(t.completeness, Completeness::Full);
    assert_eq!(t.comments[1].author_url, None);
}

#[test]
fn reddit_more_left_unloaded_when_limited_is_partial() {
    let server = Server::start(|seen| {
        if seen.path.starts_with("/api/info.json?") {
            json(fixture("reddit_info.json"))
        } else if seen.path.starts_with("/comments/p1.json") {
            json(fixture("reddit_comments.json"))
        } else {
            status(429, &[("Retry-After", "5")])
        }
    });
    let threads = read(&Reddit, &server).expect("read");
    assert_eq!(threads[0].comments.len(), 3);
    match &threads[0].completeness {
        Completeness::Partial { reason } => assert!(reason.contains("1 more"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn cli_lists_and_stores_then_reads_offline() {
    let server = Server::start(|seen| {
        if seen.path.starts_with("/api/v1/search?") {
            json(fixture("hn_search.json"))
        } else if seen.path == "/api/v1/items/1001" {
            json(fixture("hn_item_1001.json"))
        } else if seen.path.starts_with("/api/v1/items/") {
            json(r#"{"id":1002,"author":"carol","children":[]}"#.into())
        } else if seen.path.starts_with("/stories/url/all.json") {
            json(fixture("lobsters_all.json"))
        } else if seen.path == "/s/abc123.json" {
            json(fixture("lobsters_story.json"))
        } else {
            status(503, &[])
        }
    });
    let home = tempfile::tempdir().expect("tmp");
    let base = server.base.clone();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_parlor"))
            .args(args)
            .env("PARLOR_DATA_DIR", home.path().join("data"))
            .env("PARLOR_CONFIG_DIR", home.path().join("config"))
            .env("PARLOR_STATE_DIR", home.path().join("state"))
            .env("PARLOR_PROVIDER_BASE_HN", &base)
            .env("PARLOR_PROVIDER_BASE_LOBSTERS", &base)
            .env("PARLOR_PROVIDER_BASE_REDDIT", &base)
            .output()
            .expect("run parlor")
    };
    let out = run(&["discussions", POST, "--json"]);
    // Reddit answered 503: said, and the exit code says some site failed.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Reddit"));
    let online: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let sites: Vec<&str> = online
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|t| t["site"].as_str())
        .collect();
    assert_eq!(sites, ["hn", "hn", "lobsters"]);
    assert_eq!(online[0]["comments"][1]["parent"], "2001");
    assert_eq!(online[0]["comments"][1]["author"], "erin");
    drop(server);
    let out = run(&["discussions", POST, "--json", "--offline"]);
    assert_eq!(out.status.code(), Some(0));
    let offline: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(offline, online);
    let out = run(&["discussions", POST, "--offline"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("HN 4 (2 threads) · Lobsters 3"), "{text}");
}

/// Latency with 100 ms added to every answer (the sites asked at once, so the slowest chain of
/// requests sets the wait): printed, and a guard only against a blow-up (10× the ~0.3 s budget).
#[test]
fn lookup_latency_with_100_ms_per_request() {
    let server = Server::start(|seen| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        if seen.path.starts_with("/api/v1/search?") {
            json(fixture("hn_search.json"))
        } else if seen.path == "/api/v1/items/1001" {
            json(fixture("hn_item_1001.json"))
        } else if seen.path.starts_with("/api/v1/items/") {
            json(r#"{"id":1002,"author":"carol","children":[]}"#.into())
        } else if seen.path.starts_with("/stories/url/all.json") {
            json(fixture("lobsters_all.json"))
        } else if seen.path == "/s/abc123.json" {
            json(fixture("lobsters_story.json"))
        } else if seen.path.starts_with("/api/info.json?") {
            json(fixture("reddit_info.json"))
        } else if seen.path.starts_with("/comments/p1.json") {
            json(fixture("reddit_comments.json"))
        } else if seen.path.starts_with("/api/morechildren.json?") {
            json(fixture("reddit_more.json"))
        } else {
            status(404, &[])
        }
    });
    let client = Client::new(NetOptions::default()).expect("client");
    let base = server.url("/");
    let ctx_for = |_: &str| Ctx {
        client: &client,
        base_override: Some(&base),
        token: None,
        deadline: None,
        account: None,
        tape: None,
    };
    let started = std::time::Instant::now();
    let found = parlor::elsewhere::lookup(&Url::parse(POST).expect("url"), &[], &ctx_for);
    let took = started.elapsed();
    let requests = server.requests().len();
    println!(
        "discussions lookup: {} threads, {requests} requests of 100 ms each, {} ms",
        found.threads.len(),
        took.as_millis()
    );
    assert_eq!(found.threads.len(), 4, "{:?}", found.failures);
    assert!(took.as_secs_f64() < 3.0, "took {took:?}");
}
