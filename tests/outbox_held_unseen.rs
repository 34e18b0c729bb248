//! Replies to Cusdis and Commento whose answer was lost are not sent again by themselves: both
//! show readers approved comments only (Cusdis `GET /api/open/comments` asks for
//! `approved: true`; Commento's `commentList` adds `state = 'approved'` for the anonymous
//! commenter) and take the same comment twice, so a held reply cannot be found before a retry.
//! A 5xx (or a send cut off mid-way) leaves the entry failed with a message that says so; a
//! 429 (nothing taken) still waits in the outbox. Real `parlor` against loopback services.

#[path = "selfhosted/kit.rs"]
#[allow(dead_code)]
mod kit;
#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use kit::*;
use server::{reply, Server};
use std::path::Path;

/// A Cusdis host answering a new comment with `status` and the body `file`; its thread lists
/// no comment (a held one is not listed).
fn cusdis(status: u16, file: &'static str) -> Server {
    Server::start(
        move |seen| match (seen.method.as_str(), seen.path.as_str()) {
            ("POST", "/api/open/comments") => json(status, file),
            ("GET", p) if p.starts_with("/api/open/comments") => {
                json(200, "cusdis/list-empty.json")
            }
            _ => reply(404, "text/plain", "no"),
        },
    )
}

fn cusdis_page(srv: &Server) -> Server {
    blog(format!(
        r#"<div id="cusdis_thread" data-host="{}" data-app-id="app-1" data-page-id="post-7"
            data-page-title="P"></div><script async defer src="{}/js/cusdis.es.js"></script>"#,
        srv.base, srv.base
    ))
}

/// The outbox as `parlor outbox --json` lists it: (state, last error) per entry.
fn outbox(dir: &Path) -> Vec<(String, String)> {
    let out = parlor(dir, &["outbox", "--json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("outbox JSON");
    v.as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            (
                e["state"].as_str().unwrap_or_default().to_string(),
                e["last_error"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn new_comments(srv: &Server, path: &str) -> usize {
    sent(srv, "POST").iter().filter(|s| s.path == path).count()
}

#[test]
fn a_lost_cusdis_answer_fails_and_the_outbox_does_not_send_it_again() {
    let srv = cusdis(500, "cusdis/500-unexpected.json");
    let page = cusdis_page(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(1), "{}", says(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Cusdis may have taken the comment") && stderr.contains("draft is kept"),
        "{stderr}"
    );
    let entries = outbox(dir.path());
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].0, "failed", "{entries:?}");
    assert!(
        entries[0].1.contains("holding it for moderation"),
        "{entries:?}"
    );
    parlor(dir.path(), &["outbox", "send"], "");
    assert_eq!(
        new_comments(&srv, "/api/open/comments"),
        1,
        "sent once only"
    );
    assert!(drafts(dir.path()).contains(TEXT));
}

#[test]
fn a_cusdis_rate_limit_still_waits_in_the_outbox() {
    let srv = Server::start(|seen| match (seen.method.as_str(), seen.path.as_str()) {
        ("POST", "/api/open/comments") => reply(429, "text/plain", "Too Many Requests"),
        ("GET", p) if p.starts_with("/api/open/comments") => json(200, "cusdis/list-empty.json"),
        _ => reply(404, "text/plain", "no"),
    });
    let page = cusdis_page(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(11), "{}", says(&out));
    let entries = outbox(dir.path());
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].0, "queued", "{entries:?}");
}

#[test]
fn a_commento_proxy_error_fails_without_a_second_post() {
    let srv = Server::start(|seen| match (seen.method.as_str(), seen.path.as_str()) {
        ("POST", "/api/comment/new") => reply(502, "text/html", "<html>Bad Gateway</html>"),
        ("POST", "/api/comment/list") => json(200, "commento/list-empty.json"),
        _ => reply(404, "text/plain", "no"),
    });
    let page = blog(format!(
        r#"<script defer src="{}/js/commento.js"></script><div id="commento"></div>"#,
        srv.base
    ));
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(1), "{}", says(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Commento may have taken the comment"),
        "{}",
        says(&out)
    );
    parlor(dir.path(), &["outbox", "send"], "");
    assert_eq!(new_comments(&srv, "/api/comment/new"), 1, "sent once only");
    assert_eq!(outbox(dir.path())[0].0, "failed");
}

#[test]
fn a_cut_off_cusdis_send_is_not_repeated_by_the_outbox() {
    let srv = cusdis(200, "cusdis/new-held.json");
    let page = cusdis_page(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let url = page.url("/post/").to_string();
    // What `parlor reply` leaves when it is killed mid-send: an entry "sending" since long ago
    // (the field `parlor-api` names the provider, as posting/api.rs queues it).
    let long_ago = chrono::Utc::now().timestamp() - 3_600;
    let mut store =
        parlor::store::Store::open(&dir.path().join(parlor::store::FILE_NAME)).expect("store");
    store
        .enqueue_as(
            &parlor::store::OutboxNew {
                post_key: parlor::store::post_key(&url),
                action: url.clone(),
                fields: vec![("parlor-api".into(), "cusdis".into())],
                parent_id: None,
                body: TEXT.into(),
                author_name: Some("Erin".into()),
                author_email: Some("erin@example.org".into()),
                author_url: None,
                created_at: long_ago,
            },
            parlor::store::OutboxState::Sending,
            None,
        )
        .expect("enqueue");
    drop(store);
    let out = parlor(dir.path(), &["outbox", "send"], "");
    // `outbox send` says "not sent" and why for each entry it could not send (exit 11).
    assert!(
        says(&out).contains("#1: not sent: an earlier send was cut off"),
        "{}",
        says(&out)
    );
    assert_eq!(
        new_comments(&srv, "/api/open/comments"),
        0,
        "not sent again"
    );
    let entries = outbox(dir.path());
    assert_eq!(entries[0].0, "failed", "{entries:?}");
    assert!(entries[0].1.contains("cut off"), "{entries:?}");
}
