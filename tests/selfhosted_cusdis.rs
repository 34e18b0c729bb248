//! Replying to Cusdis anonymously: `POST /api/open/comments` with the widget's JSON body, the
//! answer (`approved` false → held) and each refusal, replayed on loopback from Cusdis's own
//! source (tests/fixtures/selfhosted/cusdis); and `parlor reply` through the real binary.
//! Cusdis has no anonymous switch and no spam filter: every comment waits for approval.

#[path = "selfhosted/kit.rs"]
#[allow(dead_code)]
mod kit;
#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use kit::*;
use parlor::threads::cusdis::PROVIDER;
use parlor::threads::{Posted, ProviderError};
use server::{reply, Server};

const HELD_ID: &str = "3f2b1c4e-8a9d-4e6f-b0a1-2c3d4e5f6a7b";

fn cusdis(srv: &Server) -> parlor::threads::Target {
    let mut s = system("cusdis", &srv.base);
    s.site = Some("app-1".into());
    s.thread = Some("post-7".into());
    s.url = Some("https://blog.example.org/post/".into());
    target(s, "https://blog.example.org/post/")
}

fn answering(status: u16, file: &'static str) -> Server {
    Server::start(move |seen| {
        if seen.method == "POST" && seen.path == "/api/open/comments" {
            json(status, file)
        } else {
            reply(404, "text/plain", "no")
        }
    })
}

#[test]
fn a_top_level_comment_is_held_for_approval_and_sent_as_the_widget_sends_it() {
    let srv = answering(200, "cusdis/new-held.json");
    let got = post(&PROVIDER, &cusdis(&srv), &answer(None));
    assert!(
        matches!(got, Ok(Posted::Held { id: Some(ref id), .. }) if id == HELD_ID),
        "{got:?}"
    );
    let posts = sent(&srv, "POST");
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].path, "/api/open/comments");
    assert_eq!(content_type(&posts[0]), Some("application/json"));
    let b = body(&posts[0]);
    assert_eq!(b["appId"], "app-1");
    assert_eq!(b["pageId"], "post-7");
    assert_eq!(b["content"], TEXT);
    assert_eq!(b["nickname"], "Erin");
    assert_eq!(b["email"], "erin@example.org");
    assert_eq!(b["pageUrl"], "https://blog.example.org/post/");
    assert_eq!(b["pageTitle"], "P");
    assert!(b.get("parentId").is_none(), "{b}");
    // Cusdis has no website field: the config's website is not sent.
    assert!(
        !posts[0].body.contains("erin.example.org/"),
        "{}",
        posts[0].body
    );
}

#[test]
fn a_nested_reply_names_its_parent_and_an_approved_answer_is_published() {
    let srv = answering(200, "cusdis/new-approved.json");
    let got = post(&PROVIDER, &cusdis(&srv), &answer(Some(HELD_ID)));
    assert!(
        matches!(got, Ok(Posted::Published { ref id, .. }) if id == "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"),
        "{got:?}"
    );
    assert_eq!(body(&sent(&srv, "POST")[0])["parentId"], HELD_ID);
}

#[test]
fn refusals_rate_limits_and_unreadable_answers_are_told_apart() {
    let srv = answering(404, "cusdis/404-project-not-found.json");
    let m = refused(post(&PROVIDER, &cusdis(&srv), &answer(None)));
    assert!(m.contains("Project not found") && m.contains("404"), "{m}");

    // A proxy in front of Cusdis (Cusdis itself has no guard): its words, its status.
    let srv = Server::start(|_| reply(403, "text/plain", "Forbidden by the firewall"));
    let m = refused(post(&PROVIDER, &cusdis(&srv), &answer(None)));
    assert!(m.contains("Forbidden by the firewall (HTTP 403)"), "{m}");

    let srv = Server::start(|_| {
        reply(429, "text/plain", "slow down").with_header(server::header("Retry-After", "30"))
    });
    match post(&PROVIDER, &cusdis(&srv), &answer(None)) {
        Err(ProviderError::RateLimited {
            message,
            retry_after,
            ..
        }) => {
            assert_eq!(message, "slow down");
            assert!(retry_after.is_some());
        }
        other => panic!("{other:?}"),
    }

    let srv = answering(500, "cusdis/500-unexpected.json");
    let got = post(&PROVIDER, &cusdis(&srv), &answer(None));
    assert!(
        matches!(got, Err(ProviderError::Net(ref e)) if e.is_transient()),
        "{got:?}"
    );

    let srv = Server::start(|_| reply(200, "text/html", "<html>thanks</html>"));
    let got = post(&PROVIDER, &cusdis(&srv), &answer(None));
    assert!(
        matches!(got, Err(ProviderError::BadAnswer { .. })),
        "{got:?}"
    );
}

#[test]
fn without_a_name_nothing_is_sent() {
    let srv = answering(200, "cusdis/new-held.json");
    let mut r = answer(None);
    r.name = Some("  ".into());
    let m = refused(post(&PROVIDER, &cusdis(&srv), &r));
    assert!(m.contains("name"), "{m}");
    assert!(srv.requests().is_empty());
}

fn page_for(srv: &Server) -> Server {
    blog(format!(
        r#"<div id="cusdis_thread" data-host="{}" data-app-id="app-1" data-page-id="post-7"
            data-page-title="P"></div><script async defer src="{}/js/cusdis.es.js"></script>"#,
        srv.base, srv.base
    ))
}

fn service(status: u16, file: &'static str) -> Server {
    service_with(move || json(status, file))
}

/// A Cusdis host answering a new comment with `new()`; its thread lists no comment (nor a held
/// one: readers get `approved: true` only).
fn service_with(new: impl Fn() -> tiny_http::ResponseBox + Send + Sync + 'static) -> Server {
    Server::start(
        move |seen| match (seen.method.as_str(), seen.path.as_str()) {
            ("POST", "/api/open/comments") => new(),
            ("GET", p) if p.starts_with("/api/open/comments") => {
                json(200, "cusdis/list-empty.json")
            }
            _ => reply(404, "text/plain", "no"),
        },
    )
}

#[test]
fn parlor_reply_on_a_cusdis_page_exits_10_held_then_1_refused_with_the_draft_kept() {
    let srv = service(200, "cusdis/new-held.json");
    let page = page_for(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let url = page.url("/post/").to_string();
    let out = reply_cli(dir.path(), &url, None);
    assert_eq!(out.status.code(), Some(10), "{}", says(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("held for moderation: comment {HELD_ID}")),
        "{stdout}"
    );
    let posts = sent(&srv, "POST");
    assert_eq!(posts.len(), 1);
    let b = body(&posts[0]);
    assert_eq!(
        (b["nickname"].as_str(), b["email"].as_str()),
        (Some("Erin"), Some("erin@example.org"))
    );
    assert_eq!(b["content"], TEXT);
    // Nothing posted to the blog itself: the identity went only to the Cusdis host.
    assert!(sent(&page, "POST").is_empty());

    let gone = service(404, "cusdis/404-project-not-found.json");
    let page = page_for(&gone);
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(1), "{}", says(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Project not found"), "{stderr}");
    assert!(stderr.contains("draft is kept"), "{stderr}");
    assert!(drafts(dir.path()).contains(TEXT));
}

// A reply whose answer was lost is not sent again by itself: the thread hides held comments
// and `addComment` takes the same text twice (src/posting/api.rs `hides_held`). A 429 (nothing
// taken) still waits in the outbox.

#[test]
fn a_lost_cusdis_answer_fails_and_the_outbox_does_not_send_it_again() {
    let srv = service(500, "cusdis/500-unexpected.json");
    let page = page_for(&srv);
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
    assert_eq!(posts_to(&srv, "/api/open/comments"), 1, "sent once only");
    assert!(drafts(dir.path()).contains(TEXT));
}

#[test]
fn a_cusdis_rate_limit_still_waits_in_the_outbox() {
    let srv = service_with(|| reply(429, "text/plain", "Too Many Requests"));
    let page = page_for(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(11), "{}", says(&out));
    let entries = outbox(dir.path());
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0].0, "queued", "{entries:?}");
}

#[test]
fn a_cut_off_cusdis_send_is_not_repeated_by_the_outbox() {
    let srv = service(200, "cusdis/new-held.json");
    let page = page_for(&srv);
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
    assert_eq!(posts_to(&srv, "/api/open/comments"), 0, "not sent again");
    let entries = outbox(dir.path());
    assert_eq!(entries[0].0, "failed", "{entries:?}");
    assert!(entries[0].1.contains("cut off"), "{entries:?}");
}
