//! Signing in to GitHub (for replies on giscus and utterances): the OAuth device flow, a
//! personal access token read from stdin, and the one place a GitHub token is put on a request.
//!
//! Device flow (GitHub Docs, "Authorizing OAuth apps" → "Device flow"; the same steps as
//! `cli/oauth:device/device_flow.go`, which `gh auth login` uses):
//! 1. `POST {login}/login/device/code` with `client_id` and `scope`, `Accept: application/json`,
//!    answers `{device_code, user_code, verification_uri, expires_in, interval}`.
//! 2. The user enters `user_code` at `verification_uri`.
//! 3. `POST {login}/login/oauth/access_token` with `client_id`, `device_code` and
//!    `grant_type=urn:ietf:params:oauth:grant-type:device_code`, no sooner than `interval`
//!    seconds apart, until `{access_token, token_type, scope}` or an `error`:
//!    `authorization_pending` (keep polling), `slow_down` (add 5 s to the interval; GitHub also
//!    sends the new `interval`), `expired_token`, `access_denied`, `unsupported_grant_type`,
//!    `incorrect_client_credentials`, `incorrect_device_code`, `device_flow_disabled`.
//!
//! Scope `public_repo`: issue comments on public repositories (utterances) and, per GitHub's
//! "Using the GraphQL API for Discussions", discussion comments on public repositories (giscus).
//! After the token, `GET {api}user` gives the login name.
//!
//! Hosts: `https://github.com/` and `https://api.github.com/`; tests replace them with
//! `PARLOR_GITHUB_LOGIN_BASE` and `PARLOR_PROVIDER_BASE_GITHUB` (loopback only in practice).

use super::Account;
use crate::net::{ApiBody, ApiRequest, Client};
use serde::Deserialize;
use std::time::Duration;
use url::Url;

/// parlor's own registered OAuth app (device flow enabled). None yet: see [`NO_CLIENT_ID`].
pub const PARLOR_CLIENT_ID: Option<&str> = None;
/// The scope asked for (see the module doc).
pub const SCOPE: &str = "public_repo";
/// GitHub's public hosts.
pub const LOGIN_BASE: &str = "https://github.com/";
pub const API_BASE: &str = "https://api.github.com/";
/// Env var replacing [`LOGIN_BASE`] (tests).
pub const LOGIN_BASE_VAR: &str = "PARLOR_GITHUB_LOGIN_BASE";
/// Longest sign-in wait, whatever `expires_in` says (GitHub's codes last 900 s).
const MAX_WAIT: Duration = Duration::from_secs(30 * 60);
/// The device code's life when GitHub does not say (its documented default).
const DEFAULT_EXPIRY: u64 = 900;
/// Most polls, whatever the interval (a server answering `interval: 0` cannot spin us).
const MAX_POLLS: usize = 1000;

/// Said when no client id is configured.
pub const NO_CLIENT_ID: &str = "parlor has no registered GitHub OAuth app yet, so the device flow needs one of yours: \
create an OAuth app at https://github.com/settings/applications/new (any homepage and callback URL), \
tick \"Enable Device Flow\", then run `parlor login github --client-id YOUR_CLIENT_ID` \
(or set `github_client_id` under [providers] in the config). \
Or sign in with a personal access token (classic, scope public_repo): \
`parlor login github --with-token < token.txt`";

/// Where the device flow and the API live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hosts {
    /// `https://github.com/` (device code and token endpoints).
    pub login: Url,
    /// `https://api.github.com/` (user, GraphQL, REST): the account's base.
    pub api: Url,
}

impl Hosts {
    /// GitHub's hosts, or the env overrides ([`LOGIN_BASE_VAR`], `PARLOR_PROVIDER_BASE_GITHUB`).
    pub fn from_env() -> Result<Hosts, String> {
        let login = match std::env::var(LOGIN_BASE_VAR) {
            Ok(s) if !s.trim().is_empty() => s,
            _ => LOGIN_BASE.to_string(),
        };
        let login = Url::parse(login.trim()).map_err(|e| format!("bad {LOGIN_BASE_VAR}: {e}"))?;
        let api = match crate::threads::load::base_override("github") {
            Some(u) => u,
            None => Url::parse(API_BASE).map_err(|e| e.to_string())?,
        };
        Ok(Hosts {
            login: with_slash(login),
            api: with_slash(api),
        })
    }
}

fn with_slash(mut u: Url) -> Url {
    if !u.path().ends_with('/') {
        let p = format!("{}/", u.path());
        u.set_path(&p);
    }
    u
}

/// Signs in by GitHub's device flow with `client_id` (parlor's own when `None`), telling the
/// user the code and address through `say`; returns the account to save.
pub fn login(
    client: &Client,
    client_id: Option<&str>,
    say: &mut dyn FnMut(&str),
) -> Result<Account, String> {
    let id = client_id
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .or(PARLOR_CLIENT_ID)
        .ok_or_else(|| NO_CLIENT_ID.to_string())?;
    device_flow(client, &Hosts::from_env()?, id, say, &mut |d| {
        std::thread::sleep(d)
    })
}

#[derive(Deserialize)]
struct DeviceCode {
    device_code: String,
    user_code: String,
    verification_uri: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    interval: Option<u64>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    scope: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    interval: Option<u64>,
}

/// The device flow against `hosts`, waiting with `sleep` (tests pass one that only records).
/// Polling stops at the code's expiry (at most [`MAX_WAIT`]) or after [`MAX_POLLS`].
pub fn device_flow(
    client: &Client,
    hosts: &Hosts,
    client_id: &str,
    say: &mut dyn FnMut(&str),
    sleep: &mut dyn FnMut(Duration),
) -> Result<Account, String> {
    let form = |pairs: &[(&str, &str)]| {
        ApiBody::Form(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
                .collect(),
        )
    };
    let code_url = join(&hosts.login, "login/device/code")?;
    let answer = post_json(
        client,
        &code_url,
        form(&[("client_id", client_id), ("scope", SCOPE)]),
    )?;
    if answer.status == 404 {
        // GitHub answers 404 for a client id it does not know (`cli/oauth` treats it likewise).
        return Err(flow_error(Some("incorrect_client_credentials"), None));
    }
    let code: DeviceCode = match serde_json::from_slice(&answer.body) {
        Ok(c) => c,
        Err(_) => {
            let t: TokenAnswer = serde_json::from_slice(&answer.body).map_err(|_| {
                format!(
                    "GitHub answered HTTP {} without a device code",
                    answer.status
                )
            })?;
            return Err(flow_error(
                t.error.as_deref(),
                t.error_description.as_deref(),
            ));
        }
    };
    let expires = code.expires_in.unwrap_or(DEFAULT_EXPIRY);
    let shown = |s: &str| crate::extract::sanitize::line(s);
    say(&format!(
        "Open {} in a browser and enter the code {} (it expires in {} minutes). Waiting…",
        shown(&code.verification_uri),
        shown(&code.user_code),
        expires.div_ceil(60)
    ));
    let limit = Duration::from_secs(expires).min(MAX_WAIT);
    // Intervals are capped at the wait limit: a huge one just ends the wait, never overflows.
    let mut interval = Duration::from_secs(code.interval.unwrap_or(5).max(1)).min(MAX_WAIT);
    let mut waited = Duration::ZERO;
    // A wall-clock bound too, for slow answers: the code's life plus a minute.
    let give_up = std::time::Instant::now() + limit + Duration::from_secs(60);
    let token_url = join(&hosts.login, "login/oauth/access_token")?;
    for _ in 0..MAX_POLLS {
        if waited + interval > limit || std::time::Instant::now() >= give_up {
            break;
        }
        sleep(interval);
        waited += interval;
        let answer = post_json(
            client,
            &token_url,
            form(&[
                ("client_id", client_id),
                ("device_code", &code.device_code),
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ]),
        )?;
        let t: TokenAnswer = serde_json::from_slice(&answer.body).map_err(|_| {
            format!(
                "GitHub answered HTTP {} without a token or an error",
                answer.status
            )
        })?;
        if let Some(token) = t.access_token.filter(|t| !t.is_empty()) {
            let mut account = with_token(client, hosts, &token)?;
            if t.scope.is_some() {
                account.scope = t.scope;
            }
            return Ok(account);
        }
        match t.error.as_deref() {
            Some("authorization_pending") => {}
            Some("slow_down") => {
                let asked = Duration::from_secs(t.interval.unwrap_or(0));
                interval = (interval + Duration::from_secs(5)).max(asked).min(MAX_WAIT);
            }
            other => return Err(flow_error(other, t.error_description.as_deref())),
        }
    }
    Err(flow_error(Some("expired_token"), None))
}

/// The user's words for a device-flow error (GitHub's `error`, its description as a last resort).
fn flow_error(error: Option<&str>, description: Option<&str>) -> String {
    let said = description
        .map(crate::extract::sanitize::line)
        .filter(|d| !d.is_empty());
    match error {
        Some("expired_token") => "the code expired before it was entered: run `parlor login github` again".into(),
        Some("access_denied") => "the sign-in was cancelled on GitHub (access denied); nothing was saved".into(),
        Some("device_flow_disabled") => "this OAuth app does not have the device flow enabled: tick \"Enable Device Flow\" in its settings on GitHub, or use another client id".into(),
        Some("incorrect_client_credentials") => "GitHub does not know this client id: check --client-id or `github_client_id` under [providers]".into(),
        Some("incorrect_device_code") => "GitHub did not accept the device code: run `parlor login github` again".into(),
        Some("unsupported_grant_type") => "GitHub refused the device-flow grant type (unsupported_grant_type)".into(),
        Some(e) => format!(
            "GitHub refused the sign-in ({}){}",
            crate::extract::sanitize::line(e),
            said.map(|d| format!(": {d}")).unwrap_or_default()
        ),
        None => format!(
            "GitHub's answer held neither a token nor an error{}",
            said.map(|d| format!(": {d}")).unwrap_or_default()
        ),
    }
}

fn join(base: &Url, path: &str) -> Result<Url, String> {
    base.join(path)
        .map_err(|e| format!("bad GitHub address {base}{path}: {e}"))
}

fn post_json(client: &Client, url: &Url, body: ApiBody) -> Result<crate::net::ApiAnswer, String> {
    let req = ApiRequest {
        method: "POST",
        url: url.clone(),
        headers: vec![("Accept".into(), "application/json".into())],
        body,
        follow_redirects: false,
    };
    client
        .api(&req)
        .map_err(|e| format!("could not reach GitHub: {e}"))
}

#[derive(Deserialize)]
struct User {
    login: String,
}

/// Checks `token` with `GET {api}user` and returns the account for it (`scope` from GitHub's
/// `X-OAuth-Scopes` header, which classic tokens carry). The token is never in an error.
pub fn with_token(client: &Client, hosts: &Hosts, token: &str) -> Result<Account, String> {
    let token = token.trim();
    if token.is_empty() {
        return Err("no token given".into());
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("that is not a GitHub token (it has spaces or control characters)".into());
    }
    let mut account = Account {
        service: "github".into(),
        base: hosts.api.to_string(),
        token: token.to_string(),
        user: None,
        scope: None,
        created_at: chrono::Utc::now().timestamp(),
        extra: Default::default(),
    };
    let req = request(&account, "GET", "user", ApiBody::None)?;
    let answer = client
        .api(&req)
        .map_err(|e| format!("could not reach GitHub: {e}"))?;
    match answer.status {
        200 => {}
        401 => {
            return Err("GitHub refused the token (401 Bad credentials): nothing was saved".into())
        }
        s => {
            let words = crate::threads::common::service_message(&answer.body)
                .map(|w| format!(": {w}"))
                .unwrap_or_default();
            return Err(format!(
                "GitHub answered HTTP {s} when checking the token{words}"
            ));
        }
    }
    let user: User = serde_json::from_slice(&answer.body)
        .map_err(|e| format!("GitHub's answer to GET /user is not a user: {e}"))?;
    account.user = Some(crate::extract::sanitize::line(&user.login));
    account.scope = answer
        .header("x-oauth-scopes")
        .map(crate::extract::sanitize::line);
    Ok(account)
}

/// Whether the scopes GitHub listed allow commenting on public repositories; `None` (a
/// fine-grained token, no scopes header) is not known, so not refused.
pub fn scope_allows_comments(scope: Option<&str>) -> bool {
    scope.is_none_or(|s| {
        s.split([',', ' '])
            .map(str::trim)
            .any(|x| x == "public_repo" || x == "repo")
    })
}

/// A request to GitHub's API with the account's token: the only way a token leaves parlor.
/// The URL is `path` under `account.base` (never another host), which must be https, or http
/// on loopback (tests).
pub fn request(
    account: &Account,
    method: &'static str,
    path: &str,
    body: ApiBody,
) -> Result<ApiRequest, String> {
    let base = Url::parse(&account.base)
        .map_err(|e| format!("the saved GitHub account has a bad API address: {e}"))?;
    let loopback = matches!(base.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    if account.service != "github"
        || !(base.scheme() == "https" || (base.scheme() == "http" && loopback))
    {
        return Err(format!(
            "the saved GitHub account's API address ({}) is not GitHub's: run `parlor login github` again",
            base.origin().ascii_serialization()
        ));
    }
    let url = join(&with_slash(base.clone()), path.trim_start_matches('/'))?;
    if url.origin() != base.origin() || !url.path().starts_with(base.path()) {
        return Err(format!("{path} is not under the GitHub API address"));
    }
    Ok(ApiRequest {
        method,
        url,
        headers: vec![
            ("Accept".into(), "application/vnd.github+json".into()),
            ("Authorization".into(), format!("Bearer {}", account.token)),
        ],
        body,
        follow_redirects: false,
    })
}

#[cfg(test)]
#[path = "github_tests.rs"]
mod tests;
