//! Unit tests of the shared provider helpers.

use super::*;
use crate::net::ApiAnswer;

fn c(id: &str, parent: Option<&str>) -> Comment {
    Comment {
        id: id.into(),
        parent: parent.map(Into::into),
        ..Comment::default()
    }
}

fn shape(v: &[Comment]) -> Vec<(String, Option<String>, u16)> {
    v.iter()
        .map(|c| (c.id.clone(), c.parent.clone(), c.depth))
        .collect()
}

fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> ApiAnswer {
    ApiAnswer {
        status,
        final_url: Url::parse("http://127.0.0.1/").expect("url"),
        headers: headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        body: body.as_bytes().to_vec(),
    }
}

fn now() -> DateTime<Utc> {
    Utc.timestamp_opt(1_800_000_000, 0).single().expect("time")
}

#[test]
fn tree_is_preorder_with_depth_whatever_the_input_order() {
    let out = thread_order(vec![
        c("3", Some("2")),
        c("1", None),
        c("2", Some("1")),
        c("4", None),
        c("5", Some("1")),
    ]);
    let s = |id: &str, p: Option<&str>, d: u16| (id.to_string(), p.map(String::from), d);
    assert_eq!(
        shape(&out),
        vec![
            s("1", None, 0),
            s("2", Some("1"), 1),
            s("3", Some("2"), 2),
            s("5", Some("1"), 1),
            s("4", None, 0),
        ]
    );
}

#[test]
fn cycles_orphans_and_repeats_do_not_hang_or_vanish() {
    let out = thread_order(vec![
        c("a", Some("b")),
        c("b", Some("a")),
        c("self", Some("self")),
        c("orphan", Some("gone")),
        c("a", None),
    ]);
    let ids: Vec<&str> = out.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["self", "orphan", "a", "b"]);
    assert!(out[..3].iter().all(|c| c.parent.is_none() && c.depth == 0));
    assert_eq!((out[3].parent.as_deref(), out[3].depth), (Some("a"), 1));
}

#[test]
fn a_deep_chain_is_linear_and_capped() {
    let n = 50_000;
    let v: Vec<Comment> = (0..n)
        .map(|i| {
            let parent = (i > 0).then(|| (i - 1).to_string());
            c(&i.to_string(), parent.as_deref())
        })
        .collect();
    let started = Instant::now();
    let out = thread_order(v);
    let took = started.elapsed();
    eprintln!("thread_order: {n} nested comments in {took:?}");
    assert!(took.as_secs() < 2);
    assert_eq!(out.len(), n);
    assert_eq!(out[5].depth, 5);
    assert_eq!(out[n - 1].depth, MAX_DEPTH);
}

#[test]
fn errors_map_to_not_found_rate_limited_and_bad_answer() {
    let nf = check("x", &answer(404, &[], "{\"error\":\"nope\"}"), now());
    assert!(matches!(nf, Err(ProviderError::NotFound { .. })));
    let rl = check(
        "x",
        &answer(
            429,
            &[("Retry-After", "120")],
            "{\"message\":\"slow down\"}",
        ),
        now(),
    );
    match rl {
        Err(ProviderError::RateLimited {
            message,
            retry_after,
            ..
        }) => {
            assert_eq!(message, "slow down");
            assert_eq!(retry_after.as_deref(), Some("2027-01-15T08:02:00Z"));
        }
        other => panic!("{other:?}"),
    }
    let refused = check(
        "x",
        &answer(403, &[], "{\"message\":\"unknown host\"}"),
        now(),
    );
    assert_eq!(
        refused.map_err(|e| e.to_string()).err().as_deref(),
        Some("x: the service refused (HTTP 403): unknown host")
    );
    let login = check("x", &answer(401, &[], "{\"error\":\"paid only\"}"), now());
    assert_eq!(
        login.map_err(|e| e.to_string()).err().as_deref(),
        Some("x: reading this thread needs signing in (HTTP 401): paid only")
    );
    let limited = check(
        "x",
        &answer(403, &[("X-RateLimit-Remaining", "0")], ""),
        now(),
    );
    assert!(matches!(limited, Err(ProviderError::RateLimited { .. })));
    // GitHub sends its reset time on every answer: with requests left, a 403 is a refusal.
    let usual = [
        ("X-RateLimit-Remaining", "4999"),
        ("X-RateLimit-Reset", "1900000000"),
    ];
    let locked = check(
        "x",
        &answer(403, &usual, "{\"message\":\"Repository access blocked\"}"),
        now(),
    );
    assert_eq!(
        locked.map_err(|e| e.to_string()).err().as_deref(),
        Some("x: the service refused (HTTP 403): Repository access blocked")
    );
    let bad = check("x", &answer(500, &[], "oops"), now());
    assert_eq!(
        bad.map_err(|e| e.to_string()).err().as_deref(),
        Some("x answered something parlor cannot read: HTTP 500: oops")
    );
}

#[test]
fn reset_headers_in_every_form() {
    let at = |h: &[(&str, &str)]| retry_after(&answer(403, h, ""), now());
    assert_eq!(
        at(&[("X-RateLimit-Reset", "1800000600")]).as_deref(),
        Some("2027-01-15T08:10:00Z")
    );
    assert_eq!(
        at(&[("x-ratelimit-reset", "2026-11-29T18:00:00.000Z")]).as_deref(),
        Some("2026-11-29T18:00:00Z")
    );
    assert_eq!(
        at(&[("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")]).as_deref(),
        Some("2026-10-21T07:28:00Z")
    );
    assert_eq!(
        at(&[("RateLimit-Reset", "30")]).as_deref(),
        Some("2027-01-15T08:00:30Z")
    );
    assert_eq!(at(&[("X-RateLimit-Reset", "soon")]), None);
}

#[test]
fn truncated_json_says_so() {
    let r: Result<serde_json::Value, _> = parse_json("x", &answer(200, &[], "{\"a\": [1, 2"));
    let msg = r.map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(msg.contains("truncated"), "{msg}");
}

#[test]
fn pager_stops_on_a_repeated_cursor_and_on_caps() {
    let mut p = Pager::new(None);
    assert!(p.next("a", 0).is_ok());
    assert!(p.next("b", 0).is_ok());
    assert!(p
        .next("a", 0)
        .expect_err("must stop")
        .contains("already read"));
    assert!(p
        .next("c", MAX_COMMENTS)
        .expect_err("must stop")
        .contains("10000"));
    let mut p = Pager::new(None);
    for i in 0..MAX_PAGES {
        assert!(p.next(&i.to_string(), 0).is_ok());
    }
    assert!(p.next("last", 0).expect_err("must stop").contains("pages"));
    let mut late = Pager::new(Some(Instant::now()));
    assert!(late.next("a", 0).expect_err("must stop").contains("time"));
}

#[test]
fn bodies_become_sanitized_blocks() {
    let base = Url::parse("https://blog.test/post/").expect("url");
    let b = html_blocks(
        "<p>Hi <a href=\"/x\">there</a></p><script>evil()</script><p>two\u{202e}</p>",
        &base,
    );
    assert_eq!(crate::model::blocks_text(&b), "Hi there\n\ntwo");
    let t = text_blocks("one\r\nline two\n\n\n para\u{1b}[31m ");
    assert_eq!(crate::model::blocks_text(&t), "one\nline two\n\npara");
    assert_eq!(author_name(Some("  ")), ANONYMOUS);
    assert_eq!(
        iso(Some("2024-01-02T03:04:05.123+01:00")).as_deref(),
        Some("2024-01-02T02:04:05Z")
    );
    assert_eq!(
        iso_from_epoch(1_700_000_000.75).as_deref(),
        Some("2023-11-14T22:13:20Z")
    );
    assert_eq!(web_url(Some("javascript:alert(1)")), None);
    let bare = base_url(None, "x", Some("social.example"), None).expect("bare host");
    assert_eq!(bare.as_str(), "https://social.example/");
    let e = endpoint(
        &Url::parse("https://h.test/isso/?q=1").expect("url"),
        "/api/x",
    );
    assert_eq!(e.as_str(), "https://h.test/isso/api/x");
}

#[test]
fn a_service_body_nested_100000_deep_is_read_in_linear_time() {
    // A hostile service's comment body: parsed with its nesting capped like a page, so the
    // block walk stays shallow (no stack overflow, no quadratic walk).
    let n = 100_000;
    let body = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
    let base = url::Url::parse("https://s.test/").expect("url");
    let started = std::time::Instant::now();
    let blocks = super::html_blocks(&body, &base);
    let took = started.elapsed();
    assert_eq!(crate::model::blocks_text(&blocks), "deep text");
    // A guard against blow-ups only (a debug build takes well under a second).
    assert!(took.as_secs() < 20, "took {took:?}");
}
