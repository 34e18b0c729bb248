//! Shared by the provider tests: a context on loopback, an embed target, the tree's shape, and
//! the error answers every provider must map (404, 429 with headers, truncated JSON).

use super::server::{client, header, reply, Seen, Server};
use parlor::model::{blocks_text, CommentSystem};
use parlor::net::Client;
use parlor::threads::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use url::Url;

pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/threads/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn json(body: &str) -> tiny_http::ResponseBox {
    reply(200, "application/json; charset=utf-8", body)
}

pub fn system(name: &str) -> CommentSystem {
    CommentSystem {
        name: name.into(),
        ..CommentSystem::default()
    }
}

pub fn embed(system: CommentSystem, page: &str) -> Target {
    Target::Embed {
        system,
        page: Url::parse(page).expect("page url"),
    }
}

/// Reads `target` from `provider` with the base URL pointing at `server`.
pub fn read(
    provider: &dyn Provider,
    server: &Server,
    target: &Target,
) -> Result<Vec<Thread>, ProviderError> {
    let base = Url::parse(&format!("{}/", server.base)).expect("base");
    read_at(provider, Some(&base), target)
}

/// Reads `target` with this base-URL override (`None`: the service's own address).
pub fn read_at(
    provider: &dyn Provider,
    base: Option<&Url>,
    target: &Target,
) -> Result<Vec<Thread>, ProviderError> {
    let client: Client = client();
    let ctx = Ctx {
        client: &client,
        base_override: base,
        token: None,
        deadline: None,
        account: None,
        tape: None,
    };
    provider.read(&ctx, target)
}

/// Reads and expects exactly one thread.
pub fn one(provider: &dyn Provider, server: &Server, target: &Target) -> Thread {
    let mut threads = read(provider, server, target).expect("read");
    assert_eq!(threads.len(), 1, "one thread");
    threads.remove(0)
}

/// `(id, parent, depth, author, text)` of each comment, in thread order.
pub fn shape(t: &Thread) -> Vec<(String, Option<String>, u16, String, String)> {
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

pub fn row(
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

/// The path part of a request (no query).
pub fn path(s: &Seen) -> &str {
    s.path.split('?').next().unwrap_or("")
}

/// A query parameter of a request.
pub fn query(s: &Seen, key: &str) -> Option<String> {
    let u = Url::parse(&format!("http://x{}", s.path)).ok()?;
    u.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// 404, 429 with `Retry-After` and `X-RateLimit-Reset`, and a truncated body, for any request:
/// each must come back as the matching error.
pub fn error_answers(provider: &dyn Provider, target: &Target, good_body: &str) {
    let nf = Server::start(|_| reply(404, "application/json", r#"{"error":"not found"}"#));
    match read(provider, &nf, target) {
        Err(ProviderError::NotFound { provider: p }) => {
            let Target::Embed { system, .. } = target else {
                panic!("an embed target")
            };
            assert_eq!(p, system.name)
        }
        other => panic!("404 → {other:?}"),
    }
    let rl = Server::start(|_| {
        reply(429, "application/json", r#"{"error":"Too many requests"}"#)
            .with_header(header("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"))
            .with_header(header("X-RateLimit-Reset", "1792567680"))
            .boxed()
    });
    match read(provider, &rl, target) {
        Err(ProviderError::RateLimited {
            message,
            retry_after,
            ..
        }) => {
            assert_eq!(message, "Too many requests");
            assert_eq!(retry_after.as_deref(), Some("2026-10-21T07:28:00Z"));
        }
        other => panic!("429 → {other:?}"),
    }
    let reset = Server::start(|_| {
        reply(
            403,
            "application/json",
            r#"{"message":"API rate limit exceeded"}"#,
        )
        .with_header(header("X-RateLimit-Reset", "1792481280"))
        .boxed()
    });
    match read(provider, &reset, target) {
        Err(ProviderError::RateLimited { retry_after, .. }) => {
            assert_eq!(retry_after.as_deref(), Some("2026-10-20T07:28:00Z"))
        }
        other => panic!("403 → {other:?}"),
    }
    let cut = good_body[..good_body.len() / 2].to_string();
    let tr = Server::start(move |_| json(&cut));
    match read(provider, &tr, target) {
        Err(ProviderError::BadAnswer { detail, .. }) => {
            assert!(detail.contains("truncated"), "{detail}")
        }
        other => panic!("truncated → {other:?}"),
    }
}

/// The thread is partial, and the reason mentions `word`.
pub fn assert_partial(t: &Thread, word: &str) {
    match &t.completeness {
        Completeness::Partial { reason } => assert!(reason.contains(word), "{reason}"),
        other => panic!("expected partial ({word}), got {other:?}"),
    }
}
