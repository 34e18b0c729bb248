//! Replying to a Mastodon-commented post through the user's OWN instance, on loopback: two
//! recording servers, the blog's instance (the thread: tests/fixtures/threads/mastodon/) and the
//! user's instance (answers from Mastodon's docs: tests/fixtures/mastodon/README.md). The
//! token must reach only the user's instance.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use parlor::auth::Account;
use parlor::model::CommentSystem;
use parlor::threads::mastodon::PROVIDER;
use parlor::threads::{Ctx, Posted, Provider, ProviderError, Reply, Target};
use server::{client, header, reply, Seen, Server};
use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use url::Url;

const TOKEN: &str = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
const CONFIG_TOKEN: &str = "a-reading-token-from-config";
const ROOT: &str = "113000000000000001";
const POSTED: &str = "103254962155278888";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(status: u16, body: &str) -> tiny_http::ResponseBox {
    reply(status, "application/json; charset=utf-8", body)
}

fn form(body: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

fn query(path: &str) -> HashMap<String, String> {
    form(path.split_once('?').map(|(_, q)| q).unwrap_or(""))
}

/// The blog's instance: the root status, its context, and each reply by id.
fn blog_instance() -> Server {
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
enum Answer {
    Posted,
    Invalid,
    Limited,
    BadToken,
}

/// The user's instance: resolves the blog's statuses by `uri` (its own ids: `8` + the blog's
/// id), keeps `Idempotency-Key`s as Mastodon does (same key → same status), and answers the
/// POST with `answer`.
fn home_instance(answer: Answer) -> Server {
    home_with(answer, false)
}

/// [`home_instance`]; `only_root`: the instance knows (and can resolve) only the root status.
fn home_with(answer: Answer, only_root: bool) -> Server {
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

fn account(home: &Server) -> Account {
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

fn target() -> Target {
    let system = CommentSystem {
        name: "mastodon".into(),
        server: Some("https://social.example".into()),
        site: Some("blogger".into()),
        thread: Some(ROOT.into()),
        ..CommentSystem::default()
    };
    Target::Embed {
        system,
        page: Url::parse("https://blog.example.com/post/").expect("page"),
    }
}

fn answer_of(text: &str, parent: Option<&str>) -> Reply {
    Reply {
        title: Some("A post".into()),
        parent: parent.map(str::to_string),
        text: text.into(),
        name: None,
        email: None,
        website: None,
    }
}

fn post(blog: &Server, home: &Server, r: &Reply) -> Result<Posted, ProviderError> {
    let client = client();
    let blog_base = Url::parse(&format!("{}/", blog.base)).expect("base");
    let acct = account(home);
    let mut ctx = Ctx::new(&client);
    ctx.base_override = Some(&blog_base);
    ctx.token = Some(CONFIG_TOKEN);
    ctx.account = Some(&acct);
    PROVIDER.post(&ctx, &target(), r)
}

/// Nothing that reaches the blog's instance carries a token: not the account's, not config's.
fn assert_no_token_at(blog: &Server) {
    for s in blog.requests() {
        assert!(!s.headers.contains_key("authorization"), "{s:?}");
        let all = format!("{} {:?} {}", s.path, s.headers, s.body);
        assert!(!all.contains(TOKEN) && !all.contains(CONFIG_TOKEN), "{all}");
    }
}

fn posts(home: &Server) -> Vec<Seen> {
    home.requests()
        .into_iter()
        .filter(|s| s.method == "POST" && s.path == "/api/v1/statuses")
        .collect()
}

#[test]
fn a_top_level_reply_answers_the_root_status_on_the_users_instance() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    let got = post(&blog, &home, &answer_of("Thanks for the post!", None)).expect("posted");
    assert_eq!(got, Posted::Published { id: POSTED.into() });

    assert_eq!(blog.hits(&format!("/api/v1/statuses/{ROOT}")), 1);
    let searches: Vec<Seen> = home
        .requests()
        .into_iter()
        .filter(|s| s.path.starts_with("/api/v2/search?"))
        .collect();
    assert_eq!(searches.len(), 1);
    let q = query(&searches[0].path);
    assert_eq!(
        q.get("q").map(String::as_str),
        Some(format!("https://social.example/users/blogger/statuses/{ROOT}").as_str())
    );
    assert_eq!(q.get("resolve").map(String::as_str), Some("true"));
    assert_eq!(q.get("type").map(String::as_str), Some("statuses"));
    assert_eq!(q.get("limit").map(String::as_str), Some("1"));

    let sent = posts(&home);
    assert_eq!(sent.len(), 1);
    let f = form(&sent[0].body);
    assert_eq!(
        f.get("status").map(String::as_str),
        Some("Thanks for the post!")
    );
    assert_eq!(
        f.get("in_reply_to_id").map(String::as_str),
        Some("103254962155278800")
    );
    assert_eq!(f.get("visibility").map(String::as_str), Some("public"));
    let key = sent[0]
        .headers
        .get("idempotency-key")
        .expect("Idempotency-Key");
    assert!(key.starts_with("parlor-") && key.len() > 20, "{key}");

    assert_eq!(
        PROVIDER.permalink(&target(), POSTED),
        Some(format!("{}/@trwnh/{POSTED}", home.base))
    );
    assert_no_token_at(&blog);
}

#[test]
fn a_reply_to_a_remote_comment_resolves_that_comment() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    // 113000000000000002 is lee@other.example's reply, known on the blog's instance.
    post(
        &blog,
        &home,
        &answer_of("Agreed.", Some("113000000000000002")),
    )
    .expect("posted");
    assert_eq!(blog.hits("/api/v1/statuses/113000000000000002"), 1);
    let search = home
        .requests()
        .into_iter()
        .find(|s| s.path.starts_with("/api/v2/search?"))
        .expect("search");
    assert_eq!(
        query(&search.path).get("q").map(String::as_str),
        Some("https://other.example/users/lee/statuses/9")
    );
    let f = form(&posts(&home)[0].body);
    assert_eq!(
        f.get("in_reply_to_id").map(String::as_str),
        Some("8113000000000000002")
    );
    assert_eq!(f.get("visibility").map(String::as_str), Some("public"));
    assert_no_token_at(&blog);
}

#[test]
fn a_reply_to_an_unlisted_comment_is_unlisted() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    post(
        &blog,
        &home,
        &answer_of("Quietly.", Some("113000000000000005")),
    )
    .expect("posted");
    let f = form(&posts(&home)[0].body);
    assert_eq!(
        f.get("in_reply_to_id").map(String::as_str),
        Some("8113000000000000005")
    );
    assert_eq!(f.get("visibility").map(String::as_str), Some("unlisted"));
}

#[test]
fn a_retry_sends_the_same_idempotency_key_and_gets_the_same_status() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    let first = post(&blog, &home, &answer_of("Once only.", None)).expect("first");
    let again = post(&blog, &home, &answer_of("Once only.", None)).expect("again");
    assert_eq!(first, again);
    let other = post(&blog, &home, &answer_of("Something else.", None)).expect("other");
    assert_ne!(first, other);
    let keys: Vec<String> = posts(&home)
        .iter()
        .map(|s| s.headers.get("idempotency-key").cloned().expect("key"))
        .collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], keys[1]);
    assert_ne!(keys[0], keys[2]);
}

#[test]
fn a_validation_error_is_refused_in_mastodons_words() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Invalid));
    match post(&blog, &home, &answer_of("x", None)) {
        Err(ProviderError::Refused { message, .. }) => {
            assert_eq!(message, "Validation failed: Text can't be blank")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_rate_limit_says_when_to_try_again() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Limited));
    match post(&blog, &home, &answer_of("x", None)) {
        Err(ProviderError::RateLimited {
            message,
            retry_after,
            ..
        }) => {
            assert_eq!(message, "Too many requests");
            assert_eq!(retry_after.as_deref(), Some("2030-01-01T12:05:00Z"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_refused_token_asks_to_sign_in_again() {
    let (blog, home) = (blog_instance(), home_instance(Answer::BadToken));
    match post(&blog, &home, &answer_of("x", None)) {
        Err(ProviderError::Refused { message, .. }) => {
            assert!(
                message.contains("run `parlor login mastodon` again"),
                "{message}"
            );
            assert!(message.contains("The access token is invalid"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_post_the_users_instance_cannot_find_is_refused_and_nothing_is_posted() {
    let (blog, home) = (blog_instance(), home_with(Answer::Posted, true));
    match post(&blog, &home, &answer_of("x", Some("113000000000000004"))) {
        Err(ProviderError::Refused { message, .. }) => {
            assert_eq!(message, "your instance could not find that post")
        }
        other => panic!("{other:?}"),
    }
    assert!(posts(&home).is_empty());
    assert_eq!(home.requests().len(), 1, "one search, no post");
}

#[test]
fn without_an_account_nothing_is_sent() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    let client = client();
    let blog_base = Url::parse(&format!("{}/", blog.base)).expect("base");
    let mut ctx = Ctx::new(&client);
    ctx.base_override = Some(&blog_base);
    let got = PROVIDER.post(&ctx, &target(), &answer_of("x", None));
    assert!(
        matches!(got, Err(ProviderError::Unsupported { .. })),
        "{got:?}"
    );
    assert!(blog.requests().is_empty() && home.requests().is_empty());
}

// ---- `parlor reply` through the real binary -------------------------------------------------

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
