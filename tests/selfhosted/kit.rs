//! Shared by tests/selfhosted_*.rs: the recorded answers (tests/fixtures/selfhosted), a post
//! through a provider against a loopback server, and `parlor reply` through the real binary
//! with the identity in a config file.

use super::server::{reply, Seen, Server};
use parlor::model::CommentSystem;
use parlor::threads::{Ctx, Posted, Provider, ProviderError, Reply, Target};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use url::Url;

pub const TEXT: &str = "A reply from a terminal.";

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/selfhosted/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn json(status: u16, name: &str) -> tiny_http::ResponseBox {
    reply(status, "application/json; charset=utf-8", fixture(name))
}

pub fn system(name: &str, server: &str) -> CommentSystem {
    CommentSystem {
        name: name.into(),
        server: Some(server.into()),
        ..CommentSystem::default()
    }
}

pub fn target(system: CommentSystem, page: &str) -> Target {
    Target::Embed {
        system,
        page: Url::parse(page).expect("page url"),
    }
}

/// A reply as `posting::api::send` builds it from the config identity.
pub fn answer(parent: Option<&str>) -> Reply {
    Reply {
        title: Some("P".into()),
        parent: parent.map(str::to_string),
        text: TEXT.into(),
        name: Some("Erin".into()),
        email: Some("erin@example.org".into()),
        website: Some("https://erin.example.org/".into()),
    }
}

/// Posts through `provider` (the page names the loopback server; no override).
pub fn post(
    provider: &dyn Provider,
    target: &Target,
    reply: &Reply,
) -> Result<Posted, ProviderError> {
    let client = parlor::net::Client::new(parlor::net::NetOptions::default()).expect("client");
    let ctx = Ctx::new(&client);
    provider.post(&ctx, target, reply)
}

/// The requests with this method.
pub fn sent(srv: &Server, method: &str) -> Vec<Seen> {
    srv.requests()
        .into_iter()
        .filter(|s| s.method == method)
        .collect()
}

/// The JSON body of a request.
pub fn body(seen: &Seen) -> serde_json::Value {
    serde_json::from_str(&seen.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", seen.body))
}

pub fn content_type(seen: &Seen) -> Option<&str> {
    seen.headers.get("content-type").map(String::as_str)
}

/// The refusal's message, or a panic naming what came instead.
pub fn refused(got: Result<Posted, ProviderError>) -> String {
    match got {
        Err(ProviderError::Refused { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// How many POSTs reached `path`.
pub fn posts_to(srv: &Server, path: &str) -> usize {
    sent(srv, "POST").iter().filter(|s| s.path == path).count()
}

/// The outbox as `parlor outbox --json` lists it: (state, last error) per entry.
pub fn outbox(dir: &Path) -> Vec<(String, String)> {
    let out = parlor(dir, &["outbox", "--json"], "");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("outbox JSON");
    v.as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (field("state"), field("last_error"))
        })
        .collect()
}

/// Runs the real binary with a data dir and a config holding the identity.
pub fn parlor(dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let config = dir.join("config.toml");
    if !config.exists() {
        std::fs::write(
            &config,
            "[identity]\nname = \"Erin\"\nemail = \"erin@example.org\"\n",
        )
        .expect("config");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600));
        }
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", &config)
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

/// `parlor reply URL [--parent ID]` with the text on stdin.
pub fn reply_cli(dir: &Path, url: &str, parent: Option<&str>) -> Output {
    let mut args = vec!["reply", url];
    if let Some(p) = parent {
        args.extend(["--parent", p]);
    }
    args.extend(["--body-file", "-"]);
    parlor(dir, &args, &format!("{TEXT}\n"))
}

/// The saved drafts, as `parlor drafts` lists them.
pub fn drafts(dir: &Path) -> String {
    String::from_utf8_lossy(&parlor(dir, &["drafts"], "").stdout).into_owned()
}

/// A blog page (title "P") with `embed` after the article, served at every path.
pub fn blog(embed: String) -> Server {
    Server::start(move |_| {
        super::server::html(&format!(
            r#"<html><head><title>P</title></head><body><article><h1>P</h1><p>Text.</p></article>
            {embed}</body></html>"#
        ))
    })
}

pub fn says(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
