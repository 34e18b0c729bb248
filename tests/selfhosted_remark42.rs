//! Replying to Remark42 anonymously: its config says whether anonymous sign-in is on, the
//! anonymous login gives a JWT (cookie or `X-JWT` header) and an XSRF token, and the comment
//! goes with `X-JWT` and `X-XSRF-TOKEN`. Answers replayed on loopback from Remark42's source
//! (tests/fixtures/selfhosted/remark42); `parlor reply` through the real binary.

#[path = "selfhosted/kit.rs"]
#[allow(dead_code)]
mod kit;
#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use kit::*;
use parlor::threads::remark42::PROVIDER;
use parlor::threads::{Posted, ProviderError};
use server::{header, reply, Seen, Server};
use std::sync::Arc;

const ID: &str = "d2c4e6f8-0a1b-4c3d-9e5f-7a8b9c0d1e2f";
const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJqdGkiOiJ4c3JmLTQyIn0.c2lnbmF0dXJl";
const XSRF: &str = "xsrf-42";

/// What each step answers: (status, body) for config, login and comment; `header_mode` sends
/// the token in `X-JWT` (SEND_JWT_HEADER) instead of the `JWT` cookie.
#[derive(Clone)]
struct Script {
    config: &'static str,
    login: (u16, &'static str),
    comment: (u16, &'static str),
    header_mode: bool,
}

fn ok() -> Script {
    Script {
        config: "remark42/config-anonymous.json",
        login: (200, "remark42/login-user.json"),
        comment: (201, "remark42/comment-201.json"),
        header_mode: false,
    }
}

fn remark(script: Script) -> Server {
    let script = Arc::new(script);
    Server::start(move |seen: &Seen| {
        let path = seen.path.split('?').next().unwrap_or("");
        match (seen.method.as_str(), path) {
            ("GET", "/api/v1/config") => json(200, script.config),
            ("GET", "/api/v1/find") => reply(
                200,
                "application/json",
                std::fs::read(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/tests/fixtures/threads/remark42/find_tree.json"
                ))
                .expect("tree"),
            ),
            ("GET", "/auth/anonymous/login") => {
                let (status, file) = script.login;
                let mut r = json(status, file);
                if status == 200 {
                    if script.header_mode {
                        r.add_header(header("X-JWT", JWT));
                    } else {
                        r.add_header(header(
                            "Set-Cookie",
                            &format!("JWT={JWT}; Path=/; Max-Age=720000; HttpOnly"),
                        ));
                    }
                    r.add_header(header(
                        "Set-Cookie",
                        &format!("XSRF-TOKEN={XSRF}; Path=/; Max-Age=720000"),
                    ));
                }
                r
            }
            ("POST", "/api/v1/comment") => {
                let (status, file) = script.comment;
                if file.ends_with(".txt") {
                    reply(status, "text/plain; charset=utf-8", fixture(file))
                } else {
                    json(status, file)
                }
            }
            _ => reply(404, "text/plain", "404 page not found"),
        }
    })
}

fn on(srv: &Server) -> parlor::threads::Target {
    let mut s = system("remark42", &srv.base);
    s.site = Some("blog".into());
    s.url = Some("https://blog.example.org/post/".into());
    target(s, "https://blog.example.org/post/?utm=x")
}

#[test]
fn a_top_level_comment_signs_in_anonymously_then_posts_with_the_jwt_and_xsrf_token() {
    let srv = remark(ok());
    let got = post(&PROVIDER, &on(&srv), &answer(None));
    assert!(
        matches!(got, Ok(Posted::Published { ref id, .. }) if id == ID),
        "{got:?}"
    );
    let all = srv.requests();
    let lines: Vec<String> = all
        .iter()
        .map(|s| format!("{} {}", s.method, s.path))
        .collect();
    assert_eq!(
        lines,
        vec![
            "GET /api/v1/config?site=blog",
            "GET /auth/anonymous/login?site=blog&user=Erin&aud=blog",
            "POST /api/v1/comment?site=blog",
        ]
    );
    let c = &all[2];
    assert_eq!(c.headers.get("x-jwt").map(String::as_str), Some(JWT));
    assert_eq!(
        c.headers.get("x-xsrf-token").map(String::as_str),
        Some(XSRF)
    );
    assert_eq!(content_type(c), Some("application/json"));
    let b = body(c);
    assert_eq!(b["text"], TEXT);
    assert_eq!(b["title"], "P");
    assert_eq!(b["site"], "blog");
    assert_eq!(
        b["locator"],
        serde_json::json!({"site": "blog", "url": "https://blog.example.org/post/"})
    );
    assert!(b.get("pid").is_none(), "{b}");
    // Remark42's anonymous sign-in takes a name only: no email or website anywhere.
    assert!(all
        .iter()
        .all(|s| !s.body.contains("erin@") && !s.path.contains("erin")));
}

#[test]
fn a_nested_reply_names_its_pid_and_a_header_mode_token_is_used() {
    let srv = remark(Script {
        header_mode: true,
        ..ok()
    });
    let got = post(
        &PROVIDER,
        &on(&srv),
        &answer(Some("c1a0f6a2-1f7e-4a55-9d0d-4f6f3bb3f001")),
    );
    assert!(matches!(got, Ok(Posted::Published { .. })), "{got:?}");
    let c = &sent(&srv, "POST")[0];
    assert_eq!(body(c)["pid"], "c1a0f6a2-1f7e-4a55-9d0d-4f6f3bb3f001");
    assert_eq!(c.headers.get("x-jwt").map(String::as_str), Some(JWT));
}

#[test]
fn with_anonymous_sign_in_off_only_the_config_is_asked() {
    let srv = remark(Script {
        config: "remark42/config-no-anonymous.json",
        ..ok()
    });
    let m = refused(post(&PROVIDER, &on(&srv), &answer(None)));
    assert!(m.contains("does not allow anonymous comments"), "{m}");
    assert!(m.contains("github, google"), "{m}");
    assert_eq!(srv.requests().len(), 1, "the name went nowhere");

    // A server whose config is not trusted to say so refuses at the login instead.
    let srv = remark(Script {
        login: (400, "remark42/login-400-not-supported.json"),
        ..ok()
    });
    let m = refused(post(&PROVIDER, &on(&srv), &answer(None)));
    assert!(m.contains("provider anonymous not supported"), "{m}");
    assert!(sent(&srv, "POST").is_empty());
}

#[test]
fn refusals_in_remark42s_own_words() {
    let srv = remark(Script {
        login: (403, "remark42/login-403-bad-name.json"),
        ..ok()
    });
    let m = refused(post(&PROVIDER, &on(&srv), &answer(None)));
    assert!(
        m.contains("incorrect user or password") && m.contains("3 to 64"),
        "{m}"
    );

    for (status, file, says) in [
        (
            400,
            "remark42/comment-400-too-long.json",
            "invalid comment: comment text exceeded max allowed size 2048",
        ),
        (
            400,
            "remark42/comment-400-restricted-words.json",
            "comment contains restricted words",
        ),
        (
            403,
            "remark42/comment-403-read-only.json",
            "old post, read-only: rejected (HTTP 403)",
        ),
        (403, "remark42/comment-403-blocked.json", "user blocked"),
    ] {
        let srv = remark(Script {
            comment: (status, file),
            ..ok()
        });
        let m = refused(post(&PROVIDER, &on(&srv), &answer(None)));
        assert!(m.contains(says), "{file}: {m}");
    }
    let srv = Server::start(|seen| match seen.path.split('?').next() {
        Some("/api/v1/config") => json(200, "remark42/config-anonymous.json"),
        Some("/auth/anonymous/login") => {
            json(200, "remark42/login-user.json").with_header(header("X-JWT", JWT))
        }
        _ => reply(401, "text/plain; charset=utf-8", "Unauthorized\n"),
    });
    let m = refused(post(&PROVIDER, &on(&srv), &answer(None)));
    assert!(m.contains("sign-in was not accepted (Unauthorized)"), "{m}");

    let srv = remark(Script {
        comment: (429, "remark42/429.txt"),
        ..ok()
    });
    match post(&PROVIDER, &on(&srv), &answer(None)) {
        Err(ProviderError::RateLimited { message, .. }) => {
            assert_eq!(message, "You have reached maximum request limit.")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_login_without_a_token_or_an_unreadable_answer_confirms_nothing() {
    let srv = Server::start(|seen| match seen.path.split('?').next() {
        Some("/api/v1/config") => json(200, "remark42/config-anonymous.json"),
        Some("/auth/anonymous/login") => json(200, "remark42/login-user.json"),
        _ => json(201, "remark42/comment-201.json"),
    });
    let got = post(&PROVIDER, &on(&srv), &answer(None));
    assert!(
        matches!(got, Err(ProviderError::BadAnswer { .. })),
        "{got:?}"
    );
    assert!(sent(&srv, "POST").is_empty());

    let srv = Server::start(|seen| match seen.path.split('?').next() {
        Some("/api/v1/config") => json(200, "remark42/config-anonymous.json"),
        Some("/auth/anonymous/login") => {
            json(200, "remark42/login-user.json").with_header(header("X-JWT", JWT))
        }
        _ => reply(201, "application/json", r#"{"id": "#),
    });
    let got = post(&PROVIDER, &on(&srv), &answer(None));
    assert!(
        matches!(got, Err(ProviderError::BadAnswer { .. })),
        "{got:?}"
    );
}

fn page_for(srv: &Server) -> Server {
    blog(format!(
        r#"<div id="remark42"></div><script>var remark_config = {{ host: "{}", site_id: "blog" }};</script>
        <script>!function(e,n){{}}(remark_config.components || ["embed"], document);</script>"#,
        srv.base
    ))
}

#[test]
fn parlor_reply_on_a_remark42_page() {
    let srv = remark(ok());
    let page = page_for(&srv);
    let dir = tempfile::tempdir().expect("tmp");
    let url = page.url("/post/").to_string();
    let out = reply_cli(dir.path(), &url, None);
    assert_eq!(out.status.code(), Some(0), "{}", says(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("published: comment {ID}")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{url}#remark42__comment-{ID}")),
        "{stdout}"
    );
    let c = &sent(&srv, "POST")[0];
    assert_eq!(body(c)["locator"]["url"], url.as_str());
    assert_eq!(
        c.headers.get("x-xsrf-token").map(String::as_str),
        Some(XSRF)
    );

    // A nested reply to a comment the thread holds.
    let parent = "c1a0f6a2-1f7e-4a55-9d0d-4f6f3bb3f002";
    let out = reply_cli(dir.path(), &url, Some(parent));
    assert_eq!(out.status.code(), Some(0), "{}", says(&out));
    assert_eq!(body(&sent(&srv, "POST")[1])["pid"], parent);

    // Anonymous comments off: exit 1, the reason, the draft kept.
    let off = remark(Script {
        config: "remark42/config-no-anonymous.json",
        ..ok()
    });
    let page = page_for(&off);
    let dir = tempfile::tempdir().expect("tmp");
    let out = reply_cli(dir.path(), page.url("/post/").as_str(), None);
    assert_eq!(out.status.code(), Some(1), "{}", says(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("does not allow anonymous comments"),
        "{stderr}"
    );
    assert!(stderr.contains("draft is kept"), "{stderr}");
    assert!(drafts(dir.path()).contains(TEXT));
    assert!(off
        .requests()
        .iter()
        .all(|s: &Seen| !s.path.contains("/auth/")));
}

#[test]
fn a_page_that_names_no_server_is_refused_before_anything_is_sent() {
    let mut s = system("remark42", "");
    s.server = None;
    s.site = Some("blog".into());
    let m = refused(post(
        &PROVIDER,
        &target(s, "https://blog.example.org/post/"),
        &answer(None),
    ));
    assert!(
        m.contains("does not say which server") && m.contains("nothing was sent"),
        "{m}"
    );
    let mut s = system("commento", "");
    s.server = None;
    let m = refused(post(
        &parlor::threads::commento::PROVIDER,
        &target(s, "https://blog.example.org/post/"),
        &answer(None),
    ));
    assert!(m.contains("nothing was sent"), "{m}");
}
