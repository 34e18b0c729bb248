//! `parlor reply` through a blog's own form, answered with refusals that must not count as
//! posted: a "published" address on another host, Antispam Bee's 403 "Spam deleted.", and a
//! form that asks for a captcha (refused before anything is sent). The draft is kept each time.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use server::{reply, Server};
use std::process::{Command, Output};

fn page(base: &str, extra: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html><head><meta name="generator" content="WordPress 6.8"><title>P</title></head>
<body><article><h1 class="entry-title">P</h1><div class="entry-content"><p>Text.</p></div></article>
<div id="respond" class="comment-respond"><form action="{base}/wp-comments-post.php" method="post" id="commentform" class="comment-form">
<textarea id="comment" name="comment" required></textarea>
<input id="author" name="author" type="text" value="" required />
<input id="email" name="email" type="email" value="" required />{extra}
<input type='hidden' name='comment_post_ID' value='4' id='comment_post_ID' />
<input type='hidden' name='comment_parent' id='comment_parent' value='0' /></form></div></body></html>"#
    )
}

fn run(dir: &std::path::Path, url: &str) -> Output {
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
    input.write_all(b"Kept as a draft.\n").expect("stdin");
    drop(input);
    child.wait_with_output().expect("output")
}

fn draft_kept(dir: &std::path::Path) -> bool {
    let out = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", dir.join("config.toml"))
        .arg("drafts")
        .output()
        .expect("drafts");
    String::from_utf8_lossy(&out.stdout).contains("Kept as a draft.")
}

fn blog(answer: fn() -> tiny_http::ResponseBox, extra: &'static str) -> Server {
    let base = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let b = std::sync::Arc::clone(&base);
    let srv = Server::start(move |seen| {
        if seen.method == "POST" {
            answer()
        } else {
            server::html(&page(&b.lock().expect("base"), extra))
        }
    });
    *base.lock().expect("base") = srv.base.trim_end_matches('/').to_string();
    srv
}

#[test]
fn a_published_address_on_another_host_is_not_posted() {
    let srv = blog(
        || server::redirect(302, "https://elsewhere.example/p/#comment-77"),
        "",
    );
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), srv.url("/p/").as_str());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("another site (https://elsewhere.example)"),
        "{stderr}"
    );
    assert!(draft_kept(dir.path()));
    assert_eq!(
        srv.requests().iter().filter(|s| s.method == "POST").count(),
        1
    );
}

#[test]
fn spam_deleted_is_a_refusal() {
    let srv = blog(
        || reply(403, "text/html; charset=UTF-8", "Spam deleted."),
        "",
    );
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), srv.url("/p/").as_str());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Spam deleted."), "{stderr}");
    assert!(draft_kept(dir.path()));
}

#[test]
fn a_captcha_form_is_refused_before_sending() {
    let srv = blog(
        || server::redirect(302, "/p/#comment-1"),
        r#"<div class="g-recaptcha" data-sitekey="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"></div>"#,
    );
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), srv.url("/p/").as_str());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("reply in browser: this blog asks for a reCAPTCHA"),
        "{stderr}"
    );
    assert!(stderr.contains("open "), "{stderr}");
    assert_eq!(
        srv.requests().iter().filter(|s| s.method == "POST").count(),
        0
    );
    assert!(draft_kept(dir.path()));
}

#[test]
fn a_disqus_page_says_it_needs_a_browser_and_sends_nothing() {
    let srv = Server::start(|seen| {
        if seen.method == "POST" {
            reply(500, "text/plain", "never")
        } else {
            server::html(
                r#"<!DOCTYPE html><html><head><title>P</title></head><body><article><h1>P</h1>
<p>Text of a post whose comments Disqus loads.</p></article>
<div id="disqus_thread"></div><script>var disqus_shortname = "blog-x";</script>
<script src="https://blog-x.disqus.com/embed.js"></script></body></html>"#,
            )
        }
    });
    let dir = tempfile::tempdir().expect("tmp");
    use std::io::Write;
    std::fs::write(
        dir.path().join("config.toml"),
        "[identity]\nname = \"Erin\"\nemail = \"erin@example.org\"\n[providers]\ndisqus = false\n",
    )
    .expect("config");
    let mut child = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir.path())
        .env("PARLOR_CONFIG", dir.path().join("config.toml"))
        .args(["reply", srv.url("/p/").as_str(), "--body-file", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run parlor");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(b"Kept as a draft.\n").expect("stdin");
    drop(input);
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("Disqus takes replies only through its own embed, signed in to Disqus; nothing was sent"),
        "{stderr}"
    );
    assert_eq!(
        srv.requests().iter().filter(|s| s.method == "POST").count(),
        0
    );
    assert!(draft_kept(dir.path()));
}

/// A Drupal 8+ blog: `CommentForm::save` redirects to `#comment-ID` whether the comment was
/// published or queued for review, so the page must show the comment.
fn drupal(shows: bool) -> Server {
    Server::start(move |seen| {
        if seen.method == "POST" {
            return server::redirect(303, "/node/1#comment-9");
        }
        let shown = if shows && seen.path == "/node/1" {
            r#"<article id="comment-9" class="comment"><p>Kept as a draft.</p></article>"#
        } else {
            ""
        };
        server::html(&format!(
            r#"<!DOCTYPE html><html><head><title>Node</title></head><body><article><h1>Node</h1>
<p>The node's text, long enough to be an article.</p></article>{shown}
<form class="comment-comment-form comment-form" action="/comment/reply/node/1/comment" method="post" id="comment-form">
<input type="text" id="edit-name" name="name" value="" />
<input type="email" id="edit-mail" name="mail" value="" />
<input type="hidden" name="form_build_id" value="form-abc" />
<input type="hidden" name="form_id" value="comment_comment_form" />
<textarea id="edit-comment-body-0-value" name="comment_body[0][value]"></textarea>
<input type="submit" id="edit-submit" name="op" value="Save" /></form></body></html>"#
        ))
    })
}

#[test]
fn a_drupal_redirect_counts_only_when_the_page_shows_the_comment() {
    let held = drupal(false);
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), held.url("/node/1").as_str());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("may be held for moderation"), "{stderr}");
    assert!(draft_kept(dir.path()));
    let post = held
        .requests()
        .into_iter()
        .find(|s| s.method == "POST")
        .expect("posted");
    assert!(
        post.body.contains("form_build_id=form-abc"),
        "{}",
        post.body
    );
    assert!(post.body.contains("op=Save"), "{}", post.body);

    let shown = drupal(true);
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), shown.url("/node/1").as_str());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("published: comment 9"), "{stdout}");
}

/// WordPress redirects to the comment's link for a comment its filters marked as spam too
/// (`wp-comments-post.php`: `unapproved=` only for held ones), so the page must show it.
#[test]
fn a_wordpress_redirect_to_a_comment_the_page_does_not_show_is_not_published() {
    fn spam() -> tiny_http::ResponseBox {
        server::redirect(302, "/?p=4#comment-77")
    }
    let srv = blog(spam, "");
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(dir.path(), srv.url("/?p=4").as_str());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("filtered as spam"), "{stderr}");
    assert!(draft_kept(dir.path()));
}
