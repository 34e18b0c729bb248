//! Shared by the GitHub posting tests: fixtures, loopback giscus.app and GitHub API servers, a
//! provider's post with the account, and the check that a server never saw the token.

#![allow(dead_code)]

use super::server::{self, reply, Seen, Server};
use parlor::auth::Account;
use parlor::model::CommentSystem;
use parlor::threads::{self, Ctx, Posted, ProviderError, Reply, Target};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use url::Url;

pub const TOKEN: &str = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

pub fn fixture(dir: &str, name: &str) -> String {
    let path = format!("{}/tests/fixtures/{dir}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn json(status: u16, body: String) -> tiny_http::ResponseBox {
    reply(status, "application/json; charset=utf-8", body)
}

pub fn gh(status: u16, name: &str) -> tiny_http::ResponseBox {
    json(status, fixture("github", name))
}

/// giscus.app: the two recorded pages of discussion D_kwDOA (comments DC_1..DC_5).
pub fn giscus_app() -> Server {
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
pub fn api(graphql: fn(&Seen) -> tiny_http::ResponseBox) -> Server {
    Server::start(
        move |seen| match (seen.method.as_str(), seen.path.as_str()) {
            ("POST", "/graphql") => graphql(seen),
            ("GET", "/user") => gh(200, "user.json"),
            _ => reply(404, "application/json", r#"{"message":"Not Found"}"#),
        },
    )
}

pub fn account(api: &Server) -> Account {
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

pub fn system(name: &str, site: &str, thread: &str) -> CommentSystem {
    CommentSystem {
        name: name.into(),
        site: Some(site.into()),
        thread: Some(thread.into()),
        ..CommentSystem::default()
    }
}

pub fn post(
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

pub fn body(seen: &Seen) -> serde_json::Value {
    serde_json::from_str(&seen.body).expect("JSON body")
}

pub fn no_token(srv: &Server, who: &str) {
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

pub fn parlor(dir: &Path, env: &[(&str, String)], args: &[&str], stdin: &str) -> Output {
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
