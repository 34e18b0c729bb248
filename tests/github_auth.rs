//! Signing in to GitHub against loopback servers replaying GitHub's answers
//! (tests/fixtures/github): the device flow (pending → slow_down → token; expired; denied;
//! device flow disabled; a code that runs out while pending), the token checked with GET /user,
//! and the real binary: `parlor login github --with-token` (stdin), `--client-id X`, and no
//! client id at all. The token goes only to the API host and is never printed.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use parlor::auth::github::{self, Hosts};
use server::{reply, Seen, Server};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

const TOKEN: &str = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/github/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(status: u16, name: &str) -> tiny_http::ResponseBox {
    reply(status, "application/json; charset=utf-8", fixture(name))
}

fn form(seen: &Seen, key: &str) -> Option<String> {
    url::form_urlencoded::parse(seen.body.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// GitHub's login host: the device code answer, then `polls` in order (the last repeats).
fn login_server(code: &'static str, polls: &'static [(u16, &'static str)]) -> Server {
    let n = Arc::new(AtomicUsize::new(0));
    Server::start(move |seen| match seen.path.as_str() {
        "/login/device/code" => json(200, code),
        "/login/oauth/access_token" => {
            let i = n.fetch_add(1, Ordering::SeqCst).min(polls.len() - 1);
            json(polls[i].0, polls[i].1)
        }
        _ => reply(404, "application/json", r#"{"message":"Not Found"}"#),
    })
}

/// GitHub's API host: GET /user answers octocat for the recorded token, 401 otherwise.
fn api_server() -> Server {
    Server::start(|seen| {
        if seen.path == "/user"
            && seen.headers.get("authorization").map(String::as_str)
                == Some(&format!("Bearer {TOKEN}"))
        {
            json(200, "user.json")
                .with_header(server::header("X-OAuth-Scopes", "public_repo"))
                .boxed()
        } else if seen.path == "/user" {
            json(401, "bad-credentials.json")
        } else {
            reply(404, "application/json", r#"{"message":"Not Found"}"#)
        }
    })
}

fn hosts(login: &Server, api: &Server) -> Hosts {
    Hosts {
        login: Url::parse(&format!("{}/", login.base)).expect("url"),
        api: Url::parse(&format!("{}/", api.base)).expect("url"),
    }
}

/// Runs the device flow with a clock that only records the waits.
fn flow(
    login: &Server,
    api: &Server,
) -> (Result<parlor::auth::Account, String>, Vec<u64>, Vec<String>) {
    let client = server::client();
    let mut said = Vec::new();
    let mut waits = Vec::new();
    let r = github::device_flow(
        &client,
        &hosts(login, api),
        "Iv1.parlortest",
        &mut |s| said.push(s.to_string()),
        &mut |d: Duration| waits.push(d.as_secs()),
    );
    (r, waits, said)
}

#[test]
fn device_flow_pending_then_slow_down_then_token() {
    let login = login_server(
        "device-code.json",
        &[
            (200, "token-pending.json"),
            (200, "token-slow-down.json"),
            (200, "token.json"),
        ],
    );
    let api = api_server();
    let (r, waits, said) = flow(&login, &api);
    let account = r.expect("signed in");
    assert_eq!(account.service, "github");
    assert_eq!(account.user.as_deref(), Some("octocat"));
    assert_eq!(account.token, TOKEN);
    assert_eq!(account.base, format!("{}/", api.base));
    assert_eq!(account.scope.as_deref(), Some("public_repo"));
    // interval 5, then slow_down: +5 s (GitHub's answer also says 10).
    assert_eq!(waits, vec![5, 5, 10]);
    assert_eq!(said.len(), 1);
    assert!(
        said[0].contains("https://github.com/login/device")
            && said[0].contains("WDJB-MJHT")
            && said[0].contains("15 minutes"),
        "{said:?}"
    );

    let reqs = login.requests();
    assert_eq!(reqs.len(), 4);
    assert_eq!(reqs[0].method, "POST");
    assert_eq!(
        form(&reqs[0], "client_id").as_deref(),
        Some("Iv1.parlortest")
    );
    assert_eq!(form(&reqs[0], "scope").as_deref(), Some("public_repo"));
    for poll in &reqs[1..] {
        assert_eq!(
            form(poll, "device_code").as_deref(),
            Some("3584d83530557fdd1f46af8289938c8ef79f9dc5")
        );
        assert_eq!(
            form(poll, "grant_type").as_deref(),
            Some("urn:ietf:params:oauth:grant-type:device_code")
        );
        assert_eq!(form(poll, "client_id").as_deref(), Some("Iv1.parlortest"));
    }
    for r in &reqs {
        assert_eq!(
            r.headers.get("accept").map(String::as_str),
            Some("application/json")
        );
        assert!(
            !r.headers.contains_key("authorization"),
            "a token went to the login host"
        );
    }
    let api_reqs = api.requests();
    assert_eq!(api_reqs.len(), 1);
    assert_eq!(api_reqs[0].path, "/user");
}

#[test]
fn device_flow_refusals_say_what_happened() {
    let api = api_server();
    for (polls, expect) in [
        (
            &[(200, "token-pending.json"), (200, "token-expired.json")][..],
            "expired",
        ),
        (&[(200, "token-denied.json")][..], "cancelled"),
        (&[(400, "token-denied.json")][..], "cancelled"),
    ] {
        let polls: &'static [(u16, &'static str)] = Box::leak(polls.to_vec().into_boxed_slice());
        let login = login_server("device-code.json", polls);
        let (r, _, _) = flow(&login, &api);
        let e = r.expect_err("refused");
        assert!(e.contains(expect), "{e}");
        assert!(!e.contains(TOKEN));
    }
    let unknown = Server::start(|_| reply(404, "application/json", r#"{"error":"Not Found"}"#));
    let (r, waits, _) = flow(&unknown, &api);
    assert!(r
        .expect_err("unknown id")
        .contains("does not know this client id"));
    assert!(waits.is_empty());
    let login = login_server("device-flow-disabled.json", &[(200, "token.json")]);
    let (r, waits, said) = flow(&login, &api);
    let e = r.expect_err("disabled");
    assert!(e.contains("Enable Device Flow"), "{e}");
    assert!(waits.is_empty() && said.is_empty(), "nothing to wait for");
    assert_eq!(login.requests().len(), 1);
    assert!(api.requests().is_empty(), "no token, no API call");
}

#[test]
fn polling_stops_when_the_code_runs_out() {
    let code = Box::leak(Box::new(
        r#"{"device_code":"d","user_code":"AAAA-BBBB","verification_uri":"https://github.com/login/device","expires_in":12,"interval":5}"#.to_string(),
    ));
    let n = Arc::new(AtomicUsize::new(0));
    let polls = Arc::clone(&n);
    let code: &'static str = code.as_str();
    let login = Server::start(move |seen| match seen.path.as_str() {
        "/login/device/code" => reply(200, "application/json", code),
        _ => {
            polls.fetch_add(1, Ordering::SeqCst);
            json(200, "token-pending.json")
        }
    });
    let api = api_server();
    let (r, waits, _) = flow(&login, &api);
    assert!(r.expect_err("ran out").contains("expired"));
    assert_eq!(waits, vec![5, 5], "no wait past expires_in (12 s)");
    assert_eq!(n.load(Ordering::SeqCst), 2);
}

#[test]
fn a_hostile_interval_ends_the_wait_without_overflow() {
    let login = login_server(
        "device-code.json",
        &[
            (200, "token-pending.json"),
            (200, "token-slow-down-huge.json"),
        ],
    );
    let api = api_server();
    let (r, waits, _) = flow(&login, &api);
    assert!(r.expect_err("gave up").contains("expired"));
    assert_eq!(waits, vec![5, 5]);
}

#[test]
fn a_token_is_checked_with_get_user() {
    let api = api_server();
    let login = login_server("device-code.json", &[(200, "token.json")]);
    let client = server::client();
    let a = github::with_token(&client, &hosts(&login, &api), &format!(" {TOKEN}\n")).expect("ok");
    assert_eq!(
        (a.user.as_deref(), a.scope.as_deref()),
        (Some("octocat"), Some("public_repo"))
    );
    let e = github::with_token(&client, &hosts(&login, &api), "ghp_wrong").expect_err("401");
    assert!(
        e.contains("refused the token") && !e.contains("ghp_wrong"),
        "{e}"
    );
    assert!(github::with_token(&client, &hosts(&login, &api), "a b").is_err());
    assert!(login.requests().is_empty());
}

fn parlor(dir: &Path, env: &[(&str, String)], args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_parlor"));
    cmd.env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", dir.join("config.toml"))
        .env_remove("PARLOR_PROVIDER_BASE_GITHUB")
        .env_remove("PARLOR_GITHUB_LOGIN_BASE");
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

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn saved(dir: &Path) -> serde_json::Value {
    let path = dir.join("accounts.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path)
            .expect("saved")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json")
}

#[test]
fn parlor_login_github_with_token_reads_stdin_and_saves_privately() {
    let api = api_server();
    let dir = tempfile::tempdir().expect("tmp");
    let env = [("PARLOR_PROVIDER_BASE_GITHUB", format!("{}/", api.base))];
    let bad = parlor(
        dir.path(),
        &env,
        &["login", "github", "--with-token"],
        "ghp_nope\n",
    );
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(text(&bad).contains("refused the token") && !text(&bad).contains("ghp_nope"));
    assert!(!dir.path().join("accounts.json").exists());

    let out = parlor(
        dir.path(),
        &env,
        &["login", "github", "--with-token"],
        &format!("{TOKEN}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("as octocat"), "{}", text(&out));
    assert!(!text(&out).contains(TOKEN), "the token was printed");
    let v = saved(dir.path());
    let a = &v["accounts"][0];
    assert_eq!(
        (
            a["service"].as_str(),
            a["token"].as_str(),
            a["user"].as_str()
        ),
        (Some("github"), Some(TOKEN), Some("octocat"))
    );
    assert_eq!(a["base"].as_str(), Some(format!("{}/", api.base).as_str()));
    let listed = parlor(dir.path(), &env, &["accounts"], "");
    assert!(text(&listed).contains("octocat") && !text(&listed).contains(TOKEN));
}

#[test]
fn parlor_login_github_with_a_client_id_runs_the_device_flow() {
    // interval 1 so the real wait is one second.
    let login = Server::start(|seen| match seen.path.as_str() {
        "/login/device/code" => reply(
            200,
            "application/json",
            r#"{"device_code":"dc","user_code":"WDJB-MJHT","verification_uri":"https://github.com/login/device","expires_in":900,"interval":1}"#,
        ),
        "/login/oauth/access_token" => json(200, "token.json"),
        _ => reply(404, "application/json", "{}"),
    });
    let api = api_server();
    let dir = tempfile::tempdir().expect("tmp");
    let env = [
        ("PARLOR_PROVIDER_BASE_GITHUB", format!("{}/", api.base)),
        ("PARLOR_GITHUB_LOGIN_BASE", format!("{}/", login.base)),
    ];
    let out = parlor(
        dir.path(),
        &env,
        &["login", "github", "--client-id", "Iv1.mine"],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("WDJB-MJHT") && err.contains("https://github.com/login/device"),
        "{err}"
    );
    assert!(!text(&out).contains(TOKEN));
    assert_eq!(
        saved(dir.path())["accounts"][0]["user"].as_str(),
        Some("octocat")
    );
    assert_eq!(
        form(&login.requests()[0], "client_id").as_deref(),
        Some("Iv1.mine")
    );
}

#[test]
fn parlor_login_github_without_a_client_id_says_how_to_get_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = parlor(dir.path(), &[], &["login", "github"], "");
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out);
    assert!(
        said.contains("Enable Device Flow")
            && said.contains("--client-id")
            && said.contains("--with-token"),
        "{said}"
    );
    assert!(!dir.path().join("accounts.json").exists());
}
