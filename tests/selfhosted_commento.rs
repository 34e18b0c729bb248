//! Replying to Commento / Commento++ and Comentario anonymously, replayed on loopback from their
//! own source (tests/fixtures/selfhosted/{commento,comentario}); and `parlor reply` through the
//! real binary on a page embedding each.

#[path = "selfhosted/kit.rs"]
#[allow(dead_code)]
mod kit;
#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use kit::*;
use parlor::threads::commento::{COMENTARIO, PROVIDER};
use parlor::threads::{Posted, ProviderError};
use server::{reply, Server};

const HEX: &str = "7f3a9c2e5b8d1f4a6c9e2b5d8f1a4c7e0b3d6f9a2c5e8b1d4f7a0c3e6b9d2f5a";
const UUID: &str = "8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f";
const PARENT: &str = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

fn commento(srv: &Server) -> parlor::threads::Target {
    let mut s = system("commento", &srv.base);
    s.site = Some("blog.example.org".into());
    s.thread = Some("/post/".into());
    target(s, "https://blog.example.org/post/")
}

fn commento_answering(file: &'static str) -> Server {
    commento_with(move || json(200, file))
}

/// A Commento answering a new comment with `new()`; its list for an anonymous reader is empty.
fn commento_with(new: impl Fn() -> tiny_http::ResponseBox + Send + Sync + 'static) -> Server {
    Server::start(
        move |seen| match (seen.method.as_str(), seen.path.as_str()) {
            ("POST", "/api/comment/new") => new(),
            ("POST", "/api/comment/list") => json(200, "commento/list-empty.json"),
            _ => reply(404, "text/plain", "no"),
        },
    )
}

/// A blog page embedding Commento from `srv`.
fn commento_page(srv: &Server) -> Server {
    blog(format!(
        r#"<script defer src="{}/js/commento.js"></script><div id="commento"></div>"#,
        srv.base
    ))
}

#[test]
fn commento_top_level_is_published_with_every_field_its_handler_requires() {
    let srv = commento_answering("commento/new-approved.json");
    let got = post(&PROVIDER, &commento(&srv), &answer(None));
    assert!(
        matches!(got, Ok(Posted::Published { ref id, .. }) if id == HEX),
        "{got:?}"
    );
    let posts = sent(&srv, "POST");
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].path, "/api/comment/new");
    assert_eq!(content_type(&posts[0]), Some("application/json"));
    let b = body(&posts[0]);
    assert_eq!(b["commenterToken"], "anonymous");
    assert_eq!(b["anonName"], "Erin");
    assert_eq!(b["domain"], "blog.example.org");
    assert_eq!(b["path"], "/post/");
    assert_eq!(b["parentHex"], "root");
    assert_eq!(b["markdown"], TEXT);
    // Anonymous Commento comments carry no email or website.
    assert!(
        !posts[0].body.contains("erin@example.org"),
        "{}",
        posts[0].body
    );
}

#[test]
fn commento_nested_reply_and_held_and_flagged() {
    let srv = commento_answering("commento/new-unapproved.json");
    let got = post(&PROVIDER, &commento(&srv), &answer(Some("abc123")));
    assert!(
        matches!(got, Ok(Posted::Held { id: Some(ref id), .. }) if id == HEX),
        "{got:?}"
    );
    assert_eq!(body(&sent(&srv, "POST")[0])["parentHex"], "abc123");

    let srv = commento_answering("commento/new-flagged.json");
    let m = refused(post(&PROVIDER, &commento(&srv), &answer(None)));
    assert!(m.contains("spam filter flagged"), "{m}");
}

#[test]
fn commento_refusals_come_in_its_own_words() {
    for (file, says) in [
        (
            "commento/new-not-authorised.json",
            "only from signed-in commenters",
        ),
        ("commento/new-frozen.json", "that domain is frozen"),
        ("commento/new-locked.json", "This thread is locked"),
        (
            "commento/new-missing-field.json",
            "One or more field(s) empty.",
        ),
    ] {
        let srv = commento_answering(file);
        let m = refused(post(&PROVIDER, &commento(&srv), &answer(None)));
        assert!(m.contains(says), "{file}: {m}");
    }
    let srv = commento_answering("commento/new-internal.json");
    let got = post(&PROVIDER, &commento(&srv), &answer(None));
    assert!(
        matches!(got, Err(ProviderError::BadAnswer { .. })),
        "{got:?}"
    );

    let srv = Server::start(|_| reply(403, "text/html", "<h1>403 Forbidden</h1>"));
    let m = refused(post(&PROVIDER, &commento(&srv), &answer(None)));
    assert!(m.contains("HTTP 403"), "{m}");
    let srv = Server::start(|_| reply(429, "text/plain", "Too Many Requests"));
    let got = post(&PROVIDER, &commento(&srv), &answer(None));
    assert!(
        matches!(got, Err(ProviderError::RateLimited { .. })),
        "{got:?}"
    );
    let srv = Server::start(|_| reply(200, "application/json", r#"{"success":true,"commentHex":"#));
    let got = post(&PROVIDER, &commento(&srv), &answer(None));
    assert!(
        matches!(got, Err(ProviderError::BadAnswer { .. })),
        "{got:?}"
    );
}

fn comentario(srv: &Server) -> parlor::threads::Target {
    let mut s = system("comentario", &srv.base);
    s.site = Some("blog.example.org".into());
    s.thread = Some("/post/".into());
    target(s, "https://blog.example.org/post/")
}

fn comentario_answering(list: &'static str, status: u16, file: &'static str) -> Server {
    Server::start(
        move |seen| match (seen.method.as_str(), seen.path.as_str()) {
            ("POST", "/api/embed/comments") => json(200, list),
            ("PUT", "/api/embed/comments") => json(status, file),
            _ => reply(404, "text/plain", "no"),
        },
    )
}

#[test]
fn comentario_lists_then_puts_an_unregistered_comment() {
    let srv = comentario_answering("comentario/list.json", 200, "comentario/new-approved.json");
    let got = post(&COMENTARIO, &comentario(&srv), &answer(None));
    assert!(
        matches!(got, Ok(Posted::Published { ref id, .. }) if id == UUID),
        "{got:?}"
    );
    let all = srv.requests();
    assert_eq!(
        all.iter().map(|s| s.method.as_str()).collect::<Vec<_>>(),
        vec!["POST", "PUT"]
    );
    assert_eq!(
        body(&all[0]),
        serde_json::json!({"host": "blog.example.org", "path": "/post/"})
    );
    let put = &all[1];
    assert_eq!(put.path, "/api/embed/comments");
    assert_eq!(content_type(put), Some("application/json"));
    let b = body(put);
    assert_eq!(b["host"], "blog.example.org");
    assert_eq!(b["path"], "/post/");
    assert_eq!(b["unregistered"], true);
    assert_eq!(b["authorName"], "Erin");
    assert_eq!(b["markdown"], TEXT);
    assert!(b.get("parentId").is_none(), "{b}");
    assert!(!put.body.contains("erin@example.org"), "{}", put.body);
}

#[test]
fn comentario_nested_reply_is_held_when_pending() {
    let srv = comentario_answering("comentario/list.json", 200, "comentario/new-pending.json");
    let got = post(&COMENTARIO, &comentario(&srv), &answer(Some(PARENT)));
    assert!(
        matches!(got, Ok(Posted::Held { id: Some(ref id), .. }) if id == UUID),
        "{got:?}"
    );
    assert_eq!(body(&sent(&srv, "PUT")[0])["parentId"], PARENT);
}

#[test]
fn comentario_refusals() {
    // The list says anonymous comments are off, or the page is read-only: the name is not sent.
    for list in [
        "comentario/list-no-anonymous.json",
        "comentario/list-page-readonly.json",
    ] {
        let srv = comentario_answering(list, 200, "comentario/new-approved.json");
        let m = refused(post(&COMENTARIO, &comentario(&srv), &answer(None)));
        assert!(m.contains("nothing was sent"), "{list}: {m}");
        assert!(sent(&srv, "PUT").is_empty(), "{list}");
    }
    for (status, file, says) in [
        (
            401,
            "comentario/new-401-unauthenticated.json",
            "only from signed-in commenters",
        ),
        (
            403,
            "comentario/new-403-page-readonly.json",
            "This page is read-only (HTTP 403)",
        ),
        (
            422,
            "comentario/new-422-validation.json",
            "should be at most 63 chars long",
        ),
    ] {
        let srv = comentario_answering("comentario/list.json", status, file);
        let m = refused(post(&COMENTARIO, &comentario(&srv), &answer(None)));
        assert!(m.contains(says), "{file}: {m}");
    }
    // An unknown host is refused at the list, before the comment is sent.
    let srv = Server::start(|_| json(403, "comentario/403-unknown-host.json"));
    let m = refused(post(&COMENTARIO, &comentario(&srv), &answer(None)));
    assert!(m.contains("Unknown host"), "{m}");
    assert!(sent(&srv, "PUT").is_empty());

    let srv = Server::start(|seen| {
        if seen.method == "PUT" {
            reply(429, "text/plain", "Too Many Requests")
        } else {
            json(200, "comentario/list.json")
        }
    });
    let got = post(&COMENTARIO, &comentario(&srv), &answer(None));
    assert!(
        matches!(got, Err(ProviderError::RateLimited { .. })),
        "{got:?}"
    );
}

#[test]
fn parlor_reply_on_commento_and_comentario_pages() {
    // Commento: published, exit 0, the permalink is the comment's card.
    let srv = commento_answering("commento/new-approved.json");
    let page = commento_page(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(0), "{}", says(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("published: comment {HEX}")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("#commento-comment-card-{HEX}")),
        "{stdout}"
    );
    let b = body(
        &sent(&srv, "POST")
            .into_iter()
            .find(|s| s.path == "/api/comment/new")
            .expect("new"),
    );
    assert_eq!(
        (b["domain"].as_str(), b["path"].as_str()),
        (Some("127.0.0.1"), Some("/post/"))
    );
    assert_eq!(b["anonName"], "Erin");

    // Commento on a site that requires sign-in: exit 1, its words, the draft kept.
    let srv = commento_answering("commento/new-not-authorised.json");
    let page = commento_page(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(1), "{}", says(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not authorised") && stderr.contains("draft is kept"),
        "{stderr}"
    );
    assert!(drafts(dir.path()).contains(TEXT));

    // Comentario: a pending reply to the thread's comment, exit 10.
    let srv = comentario_answering(
        "comentario/list-with-comment.json",
        200,
        "comentario/new-pending.json",
    );
    let page = blog(format!(
        r#"<script defer src="{}/comentario.js"></script><comentario-comments></comentario-comments>"#,
        srv.base
    ));
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), Some(PARENT));
    assert_eq!(out.status.code(), Some(10), "{}", says(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("held for moderation: comment {UUID}")),
        "{stdout}"
    );
    assert!(stdout.contains(&format!("#comentario-{UUID}")), "{stdout}");
    let put = sent(&srv, "PUT");
    assert_eq!(put.len(), 1);
    let b = body(&put[0]);
    assert_eq!(
        (b["parentId"].as_str(), b["authorName"].as_str()),
        (Some(PARENT), Some("Erin"))
    );
}

// A 502 from a proxy: Commento may have stored the comment, held, where an anonymous reader's
// list cannot show it (api/comment_list.go), so it is failed, not queued and posted twice.
#[test]
fn a_commento_proxy_error_fails_without_a_second_post() {
    let srv = commento_with(|| reply(502, "text/html", "<html>Bad Gateway</html>"));
    let page = commento_page(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(1), "{}", says(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Commento may have taken the comment"),
        "{}",
        says(&out)
    );
    parlor(dir.path(), &["outbox", "send"], "");
    assert_eq!(posts_to(&srv, "/api/comment/new"), 1, "sent once only");
    assert_eq!(outbox(dir.path())[0].0, "failed");
}
