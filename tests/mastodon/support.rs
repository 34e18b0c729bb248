//! Shared by the Mastodon reply tests: two recording loopback instances, the blog's (the
//! thread: tests/fixtures/threads/mastodon/) and the user's (answers from Mastodon's docs:
//! tests/fixtures/mastodon/README.md), and the account signed in to the latter.

use super::server::{header, reply, Seen, Server};
use parlor::auth::Account;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

pub const TOKEN: &str = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
pub const CONFIG_TOKEN: &str = "a-reading-token-from-config";
pub const ROOT: &str = "113000000000000001";
pub const POSTED: &str = "103254962155278888";

pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn json(status: u16, body: &str) -> tiny_http::ResponseBox {
    reply(status, "application/json; charset=utf-8", body)
}

pub fn form(body: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

pub fn query(path: &str) -> HashMap<String, String> {
    form(path.split_once('?').map(|(_, q)| q).unwrap_or(""))
}

/// The blog's instance: the root status, its context, and each reply by id.
pub fn blog_instance() -> Server {
    let root = fixture("threads/mastodon/status.json");
    let context = fixture("threads/mastodon/context.json");
    let v: serde_json::Value = serde_json::from_str(&context).expect("context");
    let mut by_id: HashMap<String, String> = HashMap::new();
    for s in v["descendants"].as_array().expect("descendants") {
        by_id.insert(s["id"].as_str().expect("id").into(), s.to_string());
    }
    by_id.insert(ROOT.into(), root);
    Server::start(move |s: &Seen| {
        let path = s.path.split('?').next().unwrap_or("");
        if path == format!("/api/v1/statuses/{ROOT}/context") {
            return json(200, &context);
        }
        match path
            .strip_prefix("/api/v1/statuses/")
            .and_then(|id| by_id.get(id))
        {
            Some(status) => json(200, status),
            None => json(404, r#"{"error":"Record not found"}"#),
        }
    })
}

/// How the user's instance answers the POST.
#[derive(Clone, Copy, PartialEq)]
pub enum Answer {
    Posted,
    Invalid,
    Limited,
    BadToken,
    /// The POST fails with a 500 (unknown whether it was posted).
    Broken,
    /// The search fails with a 503 (nothing posted yet).
    SearchDown,
}

/// The user's instance: resolves the blog's statuses by `uri` (its own ids: `8` + the blog's
/// id), keeps `Idempotency-Key`s as Mastodon does (same key → same status), and answers the
/// POST with `answer`.
pub fn home_instance(answer: Answer) -> Server {
    home_with(answer, false)
}

/// [`home_instance`]; `only_root`: the instance knows (and can resolve) only the root status.
pub fn home_with(answer: Answer, only_root: bool) -> Server {
    let search = fixture("mastodon/search.json");
    let empty = fixture("mastodon/search_empty.json");
    let posted = fixture("mastodon/status_posted.json");
    let context: serde_json::Value =
        serde_json::from_str(&fixture("threads/mastodon/context.json")).expect("context");
    let mut known: HashMap<String, (String, String)> = HashMap::new();
    known.insert(
        format!("https://social.example/users/blogger/statuses/{ROOT}"),
        ("103254962155278800".into(), "public".into()),
    );
    for s in context["descendants"].as_array().expect("descendants") {
        if only_root {
            break;
        }
        known.insert(
            s["uri"].as_str().expect("uri").into(),
            (
                format!("8{}", s["id"].as_str().expect("id")),
                s["visibility"].as_str().expect("visibility").into(),
            ),
        );
    }
    let base: Arc<OnceLock<String>> = Arc::new(OnceLock::new());
    let keys: Arc<Mutex<HashMap<String, String>>> = Arc::default();
    let own = Arc::clone(&base);
    let srv = Server::start(move |s: &Seen| {
        let path = s.path.split('?').next().unwrap_or("");
        let authorized =
            s.headers.get("authorization").map(String::as_str) == Some(&format!("Bearer {TOKEN}"));
        if !authorized {
            return json(401, &fixture("mastodon/token_invalid.json"));
        }
        match (s.method.as_str(), path) {
            ("GET", "/api/v2/search") if answer == Answer::SearchDown => {
                json(503, r#"{"error":"Remote data could not be fetched"}"#)
            }
            ("GET", "/api/v2/search") => {
                let q = query(&s.path);
                match known.get(q.get("q").map(String::as_str).unwrap_or("")) {
                    Some((id, visibility)) => json(
                        200,
                        &search.replace("103254962155278800", id).replace(
                            r#""visibility":"public""#,
                            &format!(r#""visibility":"{visibility}""#),
                        ),
                    ),
                    None => json(200, &empty),
                }
            }
            ("POST", "/api/v1/statuses") => match answer {
                Answer::Invalid => json(422, &fixture("mastodon/validation_failed.json")),
                Answer::BadToken => json(401, &fixture("mastodon/token_invalid.json")),
                Answer::Broken | Answer::SearchDown => json(
                    500,
                    r#"{"error":"We're sorry, but something went wrong on our end."}"#,
                ),
                Answer::Limited => reply(
                    429,
                    "application/json",
                    fixture("mastodon/too_many_requests.json"),
                )
                .with_header(header("X-RateLimit-Limit", "300"))
                .with_header(header("X-RateLimit-Remaining", "0"))
                .with_header(header("X-RateLimit-Reset", "2030-01-01T12:05:00.000000Z")),
                Answer::Posted => {
                    let mut keys = keys.lock().expect("keys");
                    let key = s
                        .headers
                        .get("idempotency-key")
                        .cloned()
                        .unwrap_or_default();
                    let n = keys.len();
                    let first: u64 = POSTED.parse().expect("id");
                    let id = keys
                        .entry(key)
                        .or_insert_with(|| (first + n as u64).to_string())
                        .clone();
                    let home = own.get().cloned().unwrap_or_default();
                    json(
                        200,
                        &posted
                            .replace(POSTED, &id)
                            .replace("https://home.example", &home),
                    )
                }
            },
            _ => json(404, r#"{"error":"Record not found"}"#),
        }
    });
    let _ = base.set(srv.base.clone());
    srv
}

pub fn account(home: &Server) -> Account {
    Account {
        service: "mastodon".into(),
        base: format!("{}/", home.base),
        token: TOKEN.into(),
        user: Some("@trwnh@home.example".into()),
        scope: Some(parlor::auth::mastodon::SCOPES.into()),
        created_at: 1,
        extra: Default::default(),
    }
}

/// Nothing that reaches the blog's instance carries a token: not the account's, not config's.
pub fn assert_no_token_at(blog: &Server) {
    for s in blog.requests() {
        assert!(!s.headers.contains_key("authorization"), "{s:?}");
        let all = format!("{} {:?} {}", s.path, s.headers, s.body);
        assert!(!all.contains(TOKEN) && !all.contains(CONFIG_TOKEN), "{all}");
    }
}

pub fn posts(home: &Server) -> Vec<Seen> {
    home.requests()
        .into_iter()
        .filter(|s| s.method == "POST" && s.path == "/api/v1/statuses")
        .collect()
}
