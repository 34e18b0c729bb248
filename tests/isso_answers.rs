//! Isso's recorded answers to `POST /new` (tests/fixtures/threads/isso, a real Isso 0.13.0)
//! classified, and `parlor reply` against a loopback Isso that refuses: the draft is kept,
//! nothing counts as posted, and the identity is not sent in the clear from an https page.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use parlor::threads::isso::classify_new;
use parlor::threads::{Posted, ProviderError};
use server::{reply, Server};
use std::process::Command;
use url::Url;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/threads/isso/{name}")).expect("fixture")
}

fn url() -> Url {
    Url::parse("http://isso.test/new?uri=/p/").expect("url")
}

#[test]
fn recorded_answers_are_classified_truthfully() {
    let published = classify_new(201, &fixture("new-201-published.json"), &url());
    assert!(
        matches!(published, Ok(Posted::Published { ref id, .. }) if id == "6"),
        "{published:?}"
    );
    let held = classify_new(202, &fixture("new-202-held.json"), &url());
    assert!(
        matches!(held, Ok(Posted::Held { id: Some(ref id), .. }) if id == "1"),
        "{held:?}"
    );
    // A 201 that carries a held comment is held, not published.
    let mixed = classify_new(201, &fixture("new-202-held.json"), &url());
    assert!(matches!(mixed, Ok(Posted::Held { .. })), "{mixed:?}");

    for (status, file, says) in [
        (
            400,
            "new-400-too-short.html",
            "text is too short (minimum length: 3)",
        ),
        (403, "new-403-csrf.html", "cross-site check"),
        (403, "new-403-email-required.html", "email address required"),
        (404, "new-404-no-title.html", "no thread for this page"),
    ] {
        match classify_new(status, &fixture(file), &url()) {
            Err(ProviderError::Refused { message, .. }) => {
                assert!(message.contains(says), "{file}: {message}")
            }
            other => panic!("{file}: {other:?}"),
        }
    }
    let limited = classify_new(403, &fixture("new-403-ratelimit.html"), &url());
    assert!(
        matches!(limited, Err(ProviderError::RateLimited { .. })),
        "{limited:?}"
    );
    let down = classify_new(503, b"", &url());
    assert!(
        matches!(down, Err(ProviderError::Net(ref e)) if e.is_transient()),
        "{down:?}"
    );
    // A redirect or an unreadable success confirms nothing.
    assert!(matches!(
        classify_new(302, b"", &url()),
        Err(ProviderError::Refused { .. })
    ));
    assert!(matches!(
        classify_new(201, b"<html>ok</html>", &url()),
        Err(ProviderError::BadAnswer { .. })
    ));
}

fn run_reply(dir: &std::path::Path, url: &str) -> std::process::Output {
    use std::io::Write;
    std::fs::write(
        dir.join("config.toml"),
        "[identity]\nname = \"Erin\"\nemail = \"erin@example.org\"\n",
    )
    .expect("config");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", dir.join("config.toml"))
        .args(["reply", url, "--body-file", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run parlor");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(b"Refused, and kept as a draft.\n")
        .expect("stdin");
    drop(input);
    child.wait_with_output().expect("output")
}

#[test]
fn a_refused_isso_reply_keeps_the_draft_and_says_why() {
    let srv = Server::start(move |seen| {
        if seen.path.starts_with("/isso/new") {
            reply(
                403,
                "text/html; charset=utf-8",
                fixture("new-403-email-required.html"),
            )
        } else if seen.path.starts_with("/isso/") {
            reply(
                200,
                "application/json",
                r#"{"total_replies":0,"hidden_replies":0,"replies":[]}"#,
            )
        } else {
            reply(404, "text/plain", "no")
        }
    });
    // The page names the Isso on the same loopback server.
    let base = srv.url("/isso/").to_string();
    let srv2 = Server::start(move |seen| {
        let _ = seen;
        server::html(&format!(
            r#"<html><head><title>P</title></head><body><article><h1>P</h1><p>Text.</p></article>
            <script data-isso="{base}" src="{base}js/embed.min.js"></script>
            <section id="isso-thread"></section></body></html>"#
        ))
    });
    let dir = tempfile::tempdir().expect("tmp");
    let out = run_reply(dir.path(), srv2.url("/post/").as_str());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("email address required"), "{stderr}");
    assert!(stderr.contains("draft is kept"), "{stderr}");
    let posts: Vec<_> = srv
        .requests()
        .into_iter()
        .filter(|s| s.method == "POST")
        .collect();
    assert_eq!(posts.len(), 1);
    assert_eq!(
        posts[0].headers.get("content-type").map(String::as_str),
        Some("application/json")
    );
    let sent: serde_json::Value = serde_json::from_str(&posts[0].body).expect("JSON body");
    assert_eq!(sent["author"], "Erin");
    assert_eq!(sent["email"], "erin@example.org");
    assert_eq!(sent["text"], "Refused, and kept as a draft.");
    assert!(sent["parent"].is_null());
    assert_eq!(sent["title"], "P");
    let drafts = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir.path())
        .env("PARLOR_CONFIG", dir.path().join("config.toml"))
        .args(["drafts"])
        .output()
        .expect("drafts");
    assert!(String::from_utf8_lossy(&drafts.stdout).contains("Refused, and kept"));
}

#[test]
fn an_isso_reply_that_met_a_503_is_queued_then_sent_once_by_the_outbox() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    let posts = Arc::new(AtomicUsize::new(0));
    let seen_posts = Arc::clone(&posts);
    let isso = Server::start(move |seen| {
        if seen.method == "POST" && seen.path.starts_with("/new") {
            if seen_posts.fetch_add(1, Ordering::SeqCst) == 0 {
                reply(503, "text/plain", "Service Unavailable")
            } else {
                reply(201, "application/json", fixture("new-201-published.json"))
            }
        } else {
            reply(
                200,
                "application/json",
                r#"{"total_replies":0,"hidden_replies":0,"replies":[]}"#,
            )
        }
    });
    let base = isso.url("/").to_string();
    let blog = Server::start(move |_| {
        server::html(&format!(
            r#"<html><head><title>P</title></head><body><article><h1>P</h1><p>Text.</p></article>
            <script data-isso="{base}" src="{base}js/embed.min.js"></script>
            <section id="isso-thread"></section></body></html>"#
        ))
    });
    let dir = tempfile::tempdir().expect("tmp");
    let first = run_reply(dir.path(), blog.url("/post/").as_str());
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert_eq!(
        first.status.code(),
        Some(11),
        "{stdout} {}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(stdout.contains("queued in the outbox"), "{stdout}");
    let send = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir.path())
        .env("PARLOR_CONFIG", dir.path().join("config.toml"))
        .args(["outbox", "send"])
        .output()
        .expect("outbox send");
    let said = String::from_utf8_lossy(&send.stdout);
    assert!(
        said.contains("published: comment 6"),
        "{said} {}",
        String::from_utf8_lossy(&send.stderr)
    );
    assert!(said.contains("#isso-6"), "{said}");
    assert_eq!(posts.load(Ordering::SeqCst), 2);
    // The thread was read again before the retry (to find a lost answer).
    assert!(isso.requests().iter().filter(|s| s.method == "GET").count() >= 2);
}
