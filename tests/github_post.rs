//! Replying on giscus and utterances threads as the user's GitHub account, against loopback
//! servers standing in for giscus.app, GitHub's API and the blog (answers in
//! tests/fixtures/github and tests/fixtures/providers): the GraphQL `addDiscussionComment` body
//! for a top-level comment and for replies (a reply to a reply goes under its top-level
//! comment), GraphQL errors, a refused token, no discussion or issue yet, utterances' quoted
//! replies and refusals, and `parlor reply` through the real binary, signed in and not. The
//! token is seen only by the API server: giscus.app, the blog and the search host never get it.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use parlor::auth::Account;
use parlor::model::CommentSystem;
use parlor::threads::{self, Ctx, Posted, ProviderError, Reply, Target};
use server::{reply, Seen, Server};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use url::Url;

const TOKEN: &str = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

fn fixture(dir: &str, name: &str) -> String {
    let path = format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(status: u16, body: String) -> tiny_http::ResponseBox {
    reply(status, "application/json; charset=utf-8", body)
}

fn gh(status: u16, name: &str) -> tiny_http::ResponseBox {
    json(status, fixture("github", name))
}

/// giscus.app: the two recorded pages of discussion D_kwDOA (comments DC_1..DC_5).
fn giscus_app() -> Server {
    Server::start(|seen| {
        if !seen.path.starts_with("/api/discussions?") {
            return reply(404, "application/json", r#"{"error":"no route"}"#);
        }
        if seen.path.contains("after=") {
            json(200, fixture("providers", "giscus-page-2.json"))
        } else {
            json(200, fixture("providers", "giscus-page-1.json"))
        }
    })
}

/// GitHub's API: GraphQL answers `graphql`, GET /user answers octocat.
fn api(graphql: fn(&Seen) -> tiny_http::ResponseBox) -> Server {
    Server::start(
        move |seen| match (seen.method.as_str(), seen.path.as_str()) {
            ("POST", "/graphql") => graphql(seen),
            ("GET", "/user") => gh(200, "user.json"),
            _ => reply(404, "application/json", r#"{"message":"Not Found"}"#),
        },
    )
}

fn account(api: &Server) -> Account {
    Account {
        service: "github".into(),
        base: format!("{}/", api.base),
        token: TOKEN.into(),
        user: Some("octocat".into()),
        scope: Some("public_repo".into()),
        created_at: 0,
        extra: BTreeMap::new(),
    }
}

fn system(name: &str, site: &str, thread: &str) -> CommentSystem {
    CommentSystem {
        name: name.into(),
        site: Some(site.into()),
        thread: Some(thread.into()),
        ..CommentSystem::default()
    }
}

fn post(
    sys: CommentSystem,
    service: &Server,
    account: Option<&Account>,
    parent: Option<&str>,
) -> Result<Posted, ProviderError> {
    let client = server::client();
    let base = Url::parse(&format!("{}/", service.base)).expect("base");
    let ctx = Ctx {
        base_override: Some(&base),
        account,
        ..Ctx::new(&client)
    };
    let provider = threads::for_system(&sys).expect("provider");
    let target = Target::Embed {
        system: sys,
        page: Url::parse("https://b.test/posts/hello/").expect("url"),
    };
    let r = Reply {
        title: None,
        parent: parent.map(str::to_string),
        text: "Sent from a terminal.".into(),
        name: None,
        email: None,
        website: None,
    };
    provider.post(&ctx, &target, &r)
}

fn body(seen: &Seen) -> serde_json::Value {
    serde_json::from_str(&seen.body).expect("JSON body")
}

fn no_token(srv: &Server, who: &str) {
    for r in srv.requests() {
        assert!(
            !r.headers.contains_key("authorization"),
            "{who} got an Authorization header on {}",
            r.path
        );
        assert!(
            !r.path.contains(TOKEN) && !r.body.contains(TOKEN),
            "{who} saw the token"
        );
    }
}

#[test]
fn giscus_posts_top_level_comments_and_replies_through_graphql() {
    let app = giscus_app();
    let gql = api(|_| gh(200, "graphql-comment.json"));
    let acct = account(&gql);
    let sys = || system("giscus", "me/blog", "posts/hello");
    let provider = threads::for_system(&sys()).expect("provider");
    assert_eq!(
        provider.posting(&sys()),
        threads::Posting::Account("github")
    );

    let top = post(sys(), &app, Some(&acct), None).expect("posted");
    assert_eq!(
        top,
        Posted::Published {
            id: "DC_kwDOAnew".into()
        }
    );
    // A reply to a top-level comment, and to a reply (DC_2 answers DC_1): both go under DC_1.
    post(sys(), &app, Some(&acct), Some("DC_1")).expect("reply");
    post(sys(), &app, Some(&acct), Some("DC_2")).expect("reply to a reply");
    let e = post(sys(), &app, Some(&acct), Some("DC_404")).expect_err("unknown parent");
    assert!(matches!(e, ProviderError::Refused { .. }), "{e}");

    let reqs = gql.requests();
    assert_eq!(reqs.len(), 3);
    for r in &reqs {
        assert_eq!(
            r.headers.get("authorization").map(String::as_str),
            Some(&*format!("Bearer {TOKEN}"))
        );
        assert!(r
            .headers
            .get("content-type")
            .is_some_and(|c| c.starts_with("application/json")));
    }
    let b0 = body(&reqs[0]);
    assert!(b0["query"]
        .as_str()
        .expect("query")
        .contains("addDiscussionComment(input: {body: $body, discussionId: $discussionId})"));
    assert_eq!(
        b0["variables"],
        serde_json::json!({"body": "Sent from a terminal.", "discussionId": "D_kwDOA"})
    );
    for r in &reqs[1..] {
        let b = body(r);
        assert!(b["query"]
            .as_str()
            .expect("query")
            .contains("replyToId: $replyToId"));
        assert_eq!(b["variables"]["replyToId"], "DC_1");
        assert_eq!(b["variables"]["discussionId"], "D_kwDOA");
    }
    // giscus.app was asked for both pages each time, never with the token.
    assert_eq!(app.requests().len(), 8);
    no_token(&app, "giscus.app");
}

#[test]
fn giscus_refusals_say_why() {
    let app = giscus_app();
    let sys = || system("giscus", "me/blog", "posts/hello");
    let gql = api(|_| gh(200, "graphql-error.json"));
    match post(sys(), &app, Some(&account(&gql)), None) {
        Err(ProviderError::Refused { message, .. }) => {
            assert_eq!(message, "Parent comment is a reply to another comment")
        }
        other => panic!("{other:?}"),
    }
    let gql = api(|_| gh(200, "graphql-rate-limited.json"));
    assert!(matches!(
        post(sys(), &app, Some(&account(&gql)), None),
        Err(ProviderError::RateLimited { .. })
    ));
    let gql = api(|_| gh(401, "bad-credentials.json"));
    match post(sys(), &app, Some(&account(&gql)), None) {
        Err(ProviderError::Refused { message, .. }) => {
            assert!(
                message.contains("run `parlor login github` again"),
                "{message}"
            )
        }
        other => panic!("{other:?}"),
    }
    let gql = api(|_| {
        gh(403, "bad-credentials.json")
            .with_header(server::header("X-RateLimit-Remaining", "0"))
            .with_header(server::header("X-RateLimit-Reset", "1900000000"))
            .boxed()
    });
    assert!(matches!(
        post(sys(), &app, Some(&account(&gql)), None),
        Err(ProviderError::RateLimited { .. })
    ));
    // Not signed in: nothing is sent anywhere.
    let e = post(sys(), &app, None, None).expect_err("no account");
    assert!(e.to_string().contains("parlor login github"), "{e}");
    // No discussion yet.
    let none = Server::start(|_| {
        reply(
            404,
            "application/json",
            r#"{"error":"Discussion not found"}"#,
        )
    });
    let gql = api(|_| gh(200, "graphql-comment.json"));
    match post(sys(), &none, Some(&account(&gql)), None) {
        Err(ProviderError::Unsupported { why, .. }) => {
            assert!(
                why.contains("no discussion yet") && why.contains("browser"),
                "{why}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(gql.requests().is_empty());
    no_token(&app, "giscus.app");
    no_token(&none, "giscus.app");
}

/// GitHub for utterances: search finds issue 4; comment 1000 is user0's; posting answers `post`.
fn utterances_api(post: fn(&Seen) -> tiny_http::ResponseBox) -> Server {
    Server::start(move |seen| {
        if seen.path.starts_with("/search/issues?") {
            json(200, fixture("providers", "utterances-search.json"))
        } else if seen.method == "GET" && seen.path == "/repos/me/comments/issues/comments/1000" {
            gh(200, "issue-comment-parent.json")
        } else if seen.method == "POST" && seen.path == "/repos/me/comments/issues/4/comments" {
            post(seen)
        } else if seen.path == "/user" {
            gh(200, "user.json")
        } else {
            reply(404, "application/json", r#"{"message":"Not Found"}"#)
        }
    })
}

#[test]
fn utterances_posts_issue_comments_and_quotes_the_parent() {
    let srv = utterances_api(|_| gh(201, "issue-comment.json"));
    let acct = account(&srv);
    let sys = || system("utterances", "me/comments", "2024/hello");
    assert_eq!(
        post(sys(), &srv, Some(&acct), None).expect("posted"),
        Posted::Published { id: "1".into() }
    );
    post(sys(), &srv, Some(&acct), Some("1000")).expect("reply");
    let posts: Vec<Seen> = srv
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 2);
    assert_eq!(
        body(&posts[0]),
        serde_json::json!({"body": "Sent from a terminal."})
    );
    assert_eq!(
        body(&posts[1]),
        serde_json::json!({"body": "> user0 wrote: Comment number 0.\n\nSent from a terminal."})
    );
    for r in srv.requests() {
        let auth = r.headers.get("authorization");
        if r.method == "POST" {
            assert_eq!(auth.map(String::as_str), Some(&*format!("Bearer {TOKEN}")));
        } else {
            assert!(
                auth.is_none(),
                "the token went with the read request {}",
                r.path
            );
        }
    }
}

#[test]
fn utterances_refusals_say_why() {
    let sys = || system("utterances", "me/comments", "2024/hello");
    let srv = utterances_api(|_| gh(403, "issue-locked.json"));
    match post(sys(), &srv, Some(&account(&srv)), None) {
        Err(ProviderError::Refused { message, .. }) => {
            assert!(message.contains("issue is locked"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    let srv = utterances_api(|_| gh(401, "bad-credentials.json"));
    let e = post(sys(), &srv, Some(&account(&srv)), None).expect_err("401");
    assert!(e.to_string().contains("parlor login github` again"), "{e}");
    let srv = utterances_api(|_| gh(201, "issue-comment.json"));
    let e = post(sys(), &srv, Some(&account(&srv)), Some("abc")).expect_err("bad parent");
    assert!(matches!(e, ProviderError::Refused { .. }), "{e}");
    let none = Server::start(|_| {
        json(
            200,
            r#"{"total_count":0,"incomplete_results":false,"items":[]}"#.into(),
        )
    });
    match post(sys(), &none, Some(&account(&srv)), None) {
        Err(ProviderError::Unsupported { why, .. }) => {
            assert!(why.contains("no issue yet"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    assert!(srv.requests().iter().all(|r| r.method != "POST"));
}

fn parlor(dir: &Path, env: &[(&str, String)], args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_parlor"));
    cmd.env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", dir.join("config.toml"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run parlor");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).expect("stdin");
    drop(input);
    child.wait_with_output().expect("output")
}

#[test]
fn parlor_reply_on_a_giscus_page_posts_as_the_signed_in_account() {
    let page = r#"<!DOCTYPE html><html><head><title>Hello</title></head><body>
        <article><h1>Hello</h1><p>A static post whose comments giscus loads.</p></article>
        <script src="https://giscus.app/client.js" data-repo="me/blog" data-repo-id="R_1"
        data-category="Announcements" data-category-id="DIC_2" data-mapping="pathname"
        data-strict="1" crossorigin="anonymous" async></script></body></html>"#;
    let blog = Server::start(move |seen| {
        if seen.path == "/posts/hello/" {
            server::html(page)
        } else {
            reply(404, "text/plain", "no")
        }
    });
    let app = giscus_app();
    let gql = api(|_| gh(200, "graphql-comment.json"));
    let dir = tempfile::tempdir().expect("tmp");
    let env = [
        ("PARLOR_PROVIDER_BASE_GISCUS", format!("{}/", app.base)),
        ("PARLOR_PROVIDER_BASE_GITHUB", format!("{}/", gql.base)),
    ];
    let url = blog.url("/posts/hello/").to_string();
    let args = [
        "reply",
        url.as_str(),
        "--parent",
        "DC_2",
        "--body-file",
        "-",
    ];

    // Not signed in: refused before anything is sent, the draft kept.
    let out = parlor(dir.path(), &env, &args, "Sent from a terminal.\n");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("run `parlor login github` first") && err.contains("draft is kept"),
        "{err}"
    );
    assert!(gql.requests().is_empty());
    let drafts = parlor(dir.path(), &env, &["drafts"], "");
    assert!(
        String::from_utf8_lossy(&drafts.stdout).contains("Sent from a terminal"),
        "draft not kept"
    );

    let login = parlor(
        dir.path(),
        &env,
        &["login", "github", "--with-token"],
        &format!("{TOKEN}\n"),
    );
    assert_eq!(
        login.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&login.stderr)
    );
    let out = parlor(dir.path(), &env, &args, "Sent from a terminal.\n");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("published: comment DC_kwDOAnew"),
        "{stdout}"
    );
    let posted: Vec<Seen> = gql
        .requests()
        .into_iter()
        .filter(|r| r.path == "/graphql")
        .collect();
    assert_eq!(posted.len(), 1);
    assert_eq!(body(&posted[0])["variables"]["replyToId"], "DC_1");
    assert_eq!(
        body(&posted[0])["variables"]["body"],
        "Sent from a terminal."
    );
    no_token(&blog, "the blog");
    no_token(&app, "giscus.app");
    assert!(!app.requests().is_empty() && !blog.requests().is_empty());
}
