//! `parlor login mastodon`: app registration, the out-of-band code, the token exchange and
//! verify_credentials, replayed by a loopback instance (answers from Mastodon's docs:
//! tests/fixtures/mastodon/README.md). Through the library and through the real binary.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use parlor::auth::mastodon::{login, REDIRECT_URI, SCOPES};
use server::{client, reply, Seen, Server};
use std::collections::HashMap;
use std::process::{Command, Stdio};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/mastodon/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
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

const CODE: &str = "qDFUEaYrRK5c-HNmTCJbAzazwLRInJ7VHFat0wcMgCU";
const TOKEN: &str = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
const CLIENT_ID: &str = "TWhM-tNSuncnqN7DBJmoyeLnk6K3iJJ71KKXxgL1hPM";
const SECRET: &str = "ZEaFUFmF0umgBX1qKJDjaU99Q31lDkOU8NutzTOoliw";

/// An instance that registers apps, takes only `CODE` and knows only `TOKEN`; `apps_status`
/// replaces the registration's answer (a 5xx).
fn instance(apps_status: u16) -> Server {
    let (app, token, me) = (
        fixture("app.json"),
        fixture("token.json"),
        fixture("verify_credentials.json"),
    );
    let bad_code = fixture("invalid_grant.json");
    let bad_token = fixture("token_invalid.json");
    Server::start(move |s: &Seen| {
        let path = s.path.split('?').next().unwrap_or("");
        match (s.method.as_str(), path) {
            ("POST", "/api/v1/apps") if apps_status != 200 => json(
                apps_status,
                r#"{"error":"We're sorry, but something went wrong on our end."}"#,
            ),
            ("POST", "/api/v1/apps") => json(200, &app),
            ("POST", "/oauth/token") => {
                let f = form(&s.body);
                let ok = f.get("code").map(String::as_str) == Some(CODE)
                    && f.get("client_id").map(String::as_str) == Some(CLIENT_ID)
                    && f.get("client_secret").map(String::as_str) == Some(SECRET)
                    && f.get("grant_type").map(String::as_str) == Some("authorization_code")
                    && f.get("redirect_uri").map(String::as_str) == Some(REDIRECT_URI);
                if ok {
                    json(200, &token)
                } else {
                    json(400, &bad_code)
                }
            }
            ("GET", "/api/v1/accounts/verify_credentials") => {
                if s.headers.get("authorization").map(String::as_str)
                    == Some(&format!("Bearer {TOKEN}"))
                {
                    json(200, &me)
                } else {
                    json(401, &bad_token)
                }
            }
            _ => json(404, r#"{"error":"Record not found"}"#),
        }
    })
}

fn run_login(srv: &Server, code: &str) -> (Result<parlor::auth::Account, String>, Vec<String>) {
    let mut said = Vec::new();
    let mut asked = 0;
    let mut read = |_: &str| {
        asked += 1;
        Ok(code.to_string())
    };
    let got = login(&client(), &srv.base, &mut read, &mut |l: &str| {
        said.push(l.to_string())
    });
    (got, said)
}

#[test]
fn registers_authorizes_and_returns_the_account() {
    let srv = instance(200);
    let (got, said) = run_login(&srv, &format!("  {CODE}\n"));
    let account = got.expect("login");
    assert_eq!(account.service, "mastodon");
    assert_eq!(account.base, format!("{}/", srv.base));
    assert_eq!(account.token, TOKEN);
    let host = srv.base.trim_start_matches("http://");
    assert_eq!(
        account.user.as_deref(),
        Some(format!("@trwnh@{host}").as_str())
    );
    assert_eq!(account.scope.as_deref(), Some(SCOPES));
    assert_eq!(
        account.extra.get("client_id").map(String::as_str),
        Some(CLIENT_ID)
    );
    assert_eq!(
        account.extra.get("client_secret").map(String::as_str),
        Some(SECRET)
    );

    let seen = srv.requests();
    let paths: Vec<(&str, &str)> = seen
        .iter()
        .map(|s| (s.method.as_str(), s.path.split('?').next().unwrap_or("")))
        .collect();
    assert_eq!(
        paths,
        vec![
            ("POST", "/api/v1/apps"),
            ("POST", "/oauth/token"),
            ("GET", "/api/v1/accounts/verify_credentials"),
        ]
    );
    let app = form(&seen[0].body);
    assert_eq!(app.get("client_name").map(String::as_str), Some("parlor"));
    assert_eq!(
        app.get("redirect_uris").map(String::as_str),
        Some(REDIRECT_URI)
    );
    assert_eq!(app.get("scopes").map(String::as_str), Some(SCOPES));
    assert!(app.contains_key("website"));
    assert!(!seen[0].headers.contains_key("authorization"));
    let token = form(&seen[1].body);
    assert_eq!(token.get("scope").map(String::as_str), Some(SCOPES));

    // The authorize address, shown through `say`, carries what the docs ask for.
    let shown = said
        .iter()
        .find_map(|l| {
            l.trim()
                .strip_prefix(&format!("{}/oauth/authorize?", srv.base))
        })
        .unwrap_or_else(|| panic!("no authorize address in {said:?}"));
    let q = form(shown);
    assert_eq!(q.get("response_type").map(String::as_str), Some("code"));
    assert_eq!(q.get("client_id").map(String::as_str), Some(CLIENT_ID));
    assert_eq!(
        q.get("redirect_uri").map(String::as_str),
        Some(REDIRECT_URI)
    );
    assert_eq!(q.get("scope").map(String::as_str), Some(SCOPES));
    assert!(!said.iter().any(|l| l.contains(SECRET) || l.contains(TOKEN)));
}

#[test]
fn a_refused_code_is_said_in_mastodons_words() {
    let srv = instance(200);
    let (got, _) = run_login(&srv, "not-the-code");
    let err = got.expect_err("refused");
    assert!(err.contains("refused exchanging the code"), "{err}");
    assert!(
        err.contains("The provided authorization grant is invalid"),
        "{err}"
    );
    assert_eq!(srv.hits("/api/v1/accounts/verify_credentials"), 0);
}

#[test]
fn a_server_error_on_registration_stops_before_asking_for_a_code() {
    let srv = instance(503);
    let mut asked = false;
    let got = login(
        &client(),
        &srv.base,
        &mut |_: &str| {
            asked = true;
            Ok(CODE.to_string())
        },
        &mut |_: &str| {},
    );
    let err = got.expect_err("503");
    assert!(err.contains("503"), "{err}");
    assert!(err.contains("something went wrong"), "{err}");
    assert!(!asked);
    assert_eq!(srv.hits("/oauth/token"), 0);
}

#[test]
fn an_instance_that_never_answers_does_not_hang() {
    // Accepts the connection and says nothing: the client's timeout ends it.
    let port = server::raw_server(|stream| {
        std::thread::sleep(std::time::Duration::from_secs(5));
        drop(stream);
    });
    let quick = server::client_with(|o| o.timeout = std::time::Duration::from_secs(1));
    let started = std::time::Instant::now();
    let got = login(
        &quick,
        &format!("http://127.0.0.1:{port}"),
        &mut |_: &str| Ok(CODE.to_string()),
        &mut |_: &str| {},
    );
    assert!(got.expect_err("timeout").contains("registering parlor"));
    assert!(started.elapsed() < std::time::Duration::from_secs(4));
}

fn parlor(dir: &std::path::Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", dir.join("config.toml"))
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

#[test]
fn parlor_login_mastodon_saves_the_account_privately() {
    let srv = instance(200);
    let dir = tempfile::tempdir().expect("tmp");
    let data = dir.path().join("data");
    let out = parlor(
        &data,
        &["login", "mastodon", "--instance", &srv.base],
        &format!("{CODE}\n"),
    );
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    );
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("signed in to mastodon as @trwnh@127.0.0.1"),
        "{stdout}"
    );
    assert!(stderr.contains("/oauth/authorize?"), "{stderr}");
    assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
    assert!(!stdout.contains(SECRET) && !stderr.contains(SECRET));

    let path = data.join("accounts.json");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("accounts.json"))
            .expect("json");
    let a = &saved["accounts"][0];
    assert_eq!(a["service"], "mastodon");
    assert_eq!(a["base"], format!("{}/", srv.base));
    assert_eq!(a["token"], TOKEN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    let listed = parlor(&data, &["accounts"], "");
    let listed = String::from_utf8_lossy(&listed.stdout).to_string();
    assert!(listed.contains("@trwnh@127.0.0.1"), "{listed}");
    assert!(!listed.contains(TOKEN));
}

#[test]
fn parlor_login_mastodon_refuses_plain_http_off_loopback() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = parlor(
        dir.path(),
        &["login", "mastodon", "--instance", "http://mastodon.example"],
        &format!("{CODE}\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("only over https"), "{stderr}");
    assert!(!dir.path().join("accounts.json").exists());
}
