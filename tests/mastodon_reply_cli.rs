//! `parlor reply` through the real binary on a page whose comments come from Mastodon: the
//! account saved in PARLOR_DATA_DIR, the blog's instance and the user's instance on loopback
//! (tests/mastodon/support.rs). Published with the instance's permalink; without a login, the
//! command says how to sign in and keeps the draft.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

#[path = "mastodon/support.rs"]
#[allow(dead_code)]
mod support;

use server::{reply, Seen, Server};
use std::process::{Command, Stdio};
use support::*;

/// A blog page whose comments come from Mastodon (`<mastodon-comments>`, dpecos/mastodon-comments).
fn blog_page() -> Server {
    let page = format!(
        r#"<!DOCTYPE html><html><head><title>Comments from the fediverse</title></head><body>
        <article><h1>Comments from the fediverse</h1><p>A post whose comments are replies to a toot.</p></article>
        <mastodon-comments host="social.example" user="blogger" tootId="{ROOT}"></mastodon-comments>
        </body></html>"#
    );
    Server::start(move |s: &Seen| {
        if s.path == "/post/" {
            server::html(&page)
        } else {
            reply(404, "text/plain", "no")
        }
    })
}

fn parlor(
    dir: &std::path::Path,
    blog: &Server,
    args: &[&str],
    stdin: &str,
) -> std::process::Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", dir.join("config.toml"))
        // The blog's instance (the page names https://social.example) replays on loopback.
        .env("PARLOR_PROVIDER_BASE_MASTODON", format!("{}/", blog.base))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run parlor");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("parlor output")
}

fn text(out: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn parlor_reply_publishes_through_the_signed_in_instance_with_a_permalink() {
    let (page, blog, home) = (blog_page(), blog_instance(), home_instance(Answer::Posted));
    let dir = tempfile::tempdir().expect("tmp");
    parlor::auth::save_to(&dir.path().join(parlor::auth::FILE_NAME), &account(&home))
        .expect("save");
    let url = page.url("/post/").to_string();

    let out = parlor(
        dir.path(),
        &blog,
        &["reply", &url, "--body-file", "-"],
        "Hello from a terminal.\n",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert_eq!(
        stdout.trim(),
        format!("published: comment {POSTED} {}/@trwnh/{POSTED}", home.base)
    );

    let nested = parlor(
        dir.path(),
        &blog,
        &[
            "reply",
            &url,
            "--parent",
            "113000000000000003",
            "--body-file",
            "-",
        ],
        "And to the author's reply.\n",
    );
    let (stdout, stderr) = text(&nested);
    assert_eq!(nested.status.code(), Some(0), "{stdout}\n{stderr}");
    let sent = posts(&home);
    assert_eq!(sent.len(), 2);
    let f = form(&sent[1].body);
    assert_eq!(
        f.get("status").map(String::as_str),
        Some("And to the author's reply.")
    );
    assert_eq!(
        f.get("in_reply_to_id").map(String::as_str),
        Some("8113000000000000003")
    );
    assert_ne!(
        sent[0].headers.get("idempotency-key"),
        sent[1].headers.get("idempotency-key")
    );
    // The thread was read from the blog's instance, and the token never went there.
    assert!(blog.hits(&format!("/api/v1/statuses/{ROOT}/context")) >= 1);
    assert_no_token_at(&blog);
    assert!(page
        .requests()
        .iter()
        .all(|s| !s.headers.contains_key("authorization")));
}

#[test]
fn parlor_reply_without_login_says_to_sign_in_and_keeps_the_draft() {
    let (page, blog, home) = (blog_page(), blog_instance(), home_instance(Answer::Posted));
    let dir = tempfile::tempdir().expect("tmp");
    let url = page.url("/post/").to_string();
    let out = parlor(
        dir.path(),
        &blog,
        &["reply", &url, "--body-file", "-"],
        "Kept for later.\n",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("run `parlor login mastodon` first"),
        "{stderr}"
    );
    assert!(home.requests().is_empty());
    let drafts = parlor(dir.path(), &blog, &["drafts"], "");
    let (listed, _) = text(&drafts);
    assert!(listed.contains("Kept for later"), "{listed}");
}

#[test]
fn parlor_reply_rate_limited_is_queued_and_a_refusal_keeps_the_draft() {
    let (page, blog) = (blog_page(), blog_instance());
    let url = page.url("/post/").to_string();

    let limited = home_instance(Answer::Limited);
    let dir = tempfile::tempdir().expect("tmp");
    parlor::auth::save_to(
        &dir.path().join(parlor::auth::FILE_NAME),
        &account(&limited),
    )
    .expect("save");
    let out = parlor(
        dir.path(),
        &blog,
        &["reply", &url, "--body-file", "-"],
        "Later.\n",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(11), "{stdout}\n{stderr}");
    assert!(stdout.contains("queued in the outbox"), "{stdout}");
    assert!(stdout.contains("Too many requests"), "{stdout}");

    let invalid = home_instance(Answer::Invalid);
    let dir = tempfile::tempdir().expect("tmp");
    parlor::auth::save_to(
        &dir.path().join(parlor::auth::FILE_NAME),
        &account(&invalid),
    )
    .expect("save");
    let out = parlor(
        dir.path(),
        &blog,
        &["reply", &url, "--body-file", "-"],
        "Refused text.\n",
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("Validation failed: Text can't be blank"),
        "{stderr}"
    );
    assert!(stderr.contains("draft is kept"), "{stderr}");
    let drafts = parlor(dir.path(), &blog, &["drafts"], "");
    assert!(text(&drafts).0.contains("Refused text"));
    assert_no_token_at(&blog);
}
