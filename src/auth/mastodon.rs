//! Signing in to the user's own Mastodon instance: app registration and OAuth in the terminal
//! (the out-of-band redirect, so the instance shows the code and the user pastes it back).
//!
//! Steps, each as Mastodon documents it (mastodon/documentation content/en/methods/apps.md,
//! oauth.md, accounts.md; facts and sources: docs/providers/mastodon.md):
//! 1. `POST /api/v1/apps` (`client_name`, `redirect_uris`, `scopes`, `website`) → a
//!    CredentialApplication with `client_id` and `client_secret`.
//! 2. `GET /oauth/authorize?response_type=code&client_id&redirect_uri&scope` in the user's
//!    browser; with `urn:ietf:wg:oauth:2.0:oob` the instance shows the code.
//! 3. `POST /oauth/token` (`grant_type=authorization_code`, `code`, `client_id`,
//!    `client_secret`, `redirect_uri`, `scope`) → a Token (`access_token`, `scope`).
//! 4. `GET /api/v1/accounts/verify_credentials` (Bearer) → the account's `username`.
//!
//! Errors are Mastodon's own words (`error_description`, else `error`), one line, bounded.

use super::Account;
use crate::net::{ApiAnswer, ApiBody, ApiRequest, Client};
use serde::Deserialize;
use url::Url;

/// What parlor asks for: `read:accounts` for verify_credentials (accounts.md: "User token +
/// `profile` or `read:accounts`"; `profile` exists only from 4.3), `read:search` for resolving
/// a post by its URL (search.md: "User token + `read:search`" with `resolve`), and
/// `write:statuses` to post (statuses.md: "User + `write:statuses`"). Granular scopes exist
/// since Mastodon 2.4.3 (api/oauth-scopes.md).
pub const SCOPES: &str = "read:accounts read:search write:statuses";
/// The out-of-band redirect: the instance shows the code instead of redirecting (apps.md).
pub const REDIRECT_URI: &str = "urn:ietf:wg:oauth:2.0:oob";
/// The app's name as the user sees it on the authorization page.
const CLIENT_NAME: &str = "parlor";
/// The app's homepage, shown by the instance next to its name (the one the User-Agent names).
const WEBSITE: &str = "https://crates.io/crates/parlor";
/// Longest code accepted from the user (Doorkeeper's codes are 43 characters).
const MAX_CODE: usize = 512;

/// The instance's base URL (`https://host[:port]/`) from what the user typed: a host
/// (`mastodon.social`) or an address (`https://mastodon.social/@me`). Only https, except plain
/// http to 127.0.0.1 or [::1] (tests and local instances); no user name or password.
pub fn instance_base(input: &str) -> Result<Url, String> {
    let s = input.trim().trim_end_matches('/');
    if s.is_empty() {
        return Err("no Mastodon instance given (e.g. mastodon.social)".into());
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{:?} is not an instance address", clip(s)));
    }
    let full = if s.contains("://") {
        s.to_string()
    } else {
        format!("https://{s}")
    };
    let url =
        Url::parse(&full).map_err(|e| format!("{:?} is not an instance address: {e}", clip(s)))?;
    let loopback = matches!(url.host_str(), Some("127.0.0.1" | "[::1]"));
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(format!(
                "{} is not encrypted (http): parlor signs in to Mastodon only over https",
                clip(s)
            ))
        }
        other => return Err(format!("{other}: addresses are not Mastodon instances")),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("{:?} names no host", clip(s)));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the instance address must not carry a user name or password".into());
    }
    Url::parse(&format!("{}/", url.origin().ascii_serialization()))
        .map_err(|e| format!("bad instance address: {e}"))
}

/// A CredentialApplication (entities/Application.md): only what parlor keeps.
#[derive(Deserialize)]
struct App {
    client_id: String,
    client_secret: String,
}

/// A Token (entities/Token.md).
#[derive(Deserialize)]
struct Token {
    access_token: String,
    #[serde(default)]
    scope: Option<String>,
}

/// The part of a CredentialAccount (entities/Account.md) parlor shows.
#[derive(Deserialize)]
struct Me {
    username: String,
}

/// Registers parlor on `instance`, shows the authorization address through `say`, reads the
/// code the user pastes through `read`, and returns the account to save.
pub fn login(
    client: &Client,
    instance: &str,
    read: &mut dyn FnMut(&str) -> Result<String, String>,
    say: &mut dyn FnMut(&str),
) -> Result<Account, String> {
    let base = instance_base(instance)?;
    let host = host_label(&base);

    let app: App = json(
        &base,
        "registering parlor",
        client.api(&form(
            at(&base, "api/v1/apps"),
            &[
                ("client_name", CLIENT_NAME),
                ("redirect_uris", REDIRECT_URI),
                ("scopes", SCOPES),
                ("website", WEBSITE),
            ],
        )),
    )?;

    let mut authorize = at(&base, "oauth/authorize");
    authorize
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &app.client_id)
        .append_pair("redirect_uri", REDIRECT_URI)
        .append_pair("scope", SCOPES);
    say(&format!(
        "Open this address in a browser, sign in to {host} and allow parlor to read your \
         account, search, and post replies:"
    ));
    say(&format!("  {authorize}"));
    let code = read("Paste the authorization code the instance shows: ")?;
    let code = code.trim();
    if code.is_empty() || code.len() > MAX_CODE || !code.chars().all(|c| c.is_ascii_graphic()) {
        return Err("that is not an authorization code (paste the code the instance shows)".into());
    }

    let token: Token = json(
        &base,
        "exchanging the code",
        client.api(&form(
            at(&base, "oauth/token"),
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("client_id", &app.client_id),
                ("client_secret", &app.client_secret),
                ("redirect_uri", REDIRECT_URI),
                ("scope", SCOPES),
            ],
        )),
    )?;
    if token.access_token.is_empty() || !token.access_token.chars().all(|c| c.is_ascii_graphic()) {
        return Err(format!("{host} answered a token parlor cannot use"));
    }

    let mut check = ApiRequest::get_json(at(&base, "api/v1/accounts/verify_credentials"))
        .header("Authorization", &format!("Bearer {}", token.access_token));
    check.follow_redirects = false;
    let me: Me = json(&base, "checking the new token", client.api(&check))?;
    let username = crate::extract::sanitize::line(&me.username);

    let mut extra = std::collections::BTreeMap::new();
    extra.insert("client_id".to_string(), app.client_id);
    extra.insert("client_secret".to_string(), app.client_secret);
    Ok(Account {
        service: "mastodon".into(),
        base: base.to_string(),
        token: token.access_token,
        user: Some(format!("@{username}@{host}")),
        scope: token
            .scope
            .map(|s| crate::extract::sanitize::line(&s))
            .or_else(|| Some(SCOPES.to_string())),
        created_at: chrono::Utc::now().timestamp(),
        extra,
    })
}

/// `host[:port]` of the base, for messages and `@user@host`.
fn host_label(base: &Url) -> String {
    match (base.host_str(), base.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => base.to_string(),
    }
}

fn at(base: &Url, path: &str) -> Url {
    crate::threads::common::endpoint(base, path)
}

/// A form POST asking for JSON, never following a redirect.
fn form(url: Url, fields: &[(&str, &str)]) -> ApiRequest {
    ApiRequest {
        method: "POST",
        url,
        headers: vec![("Accept".into(), "application/json".into())],
        body: ApiBody::Form(
            fields
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        ),
        follow_redirects: false,
    }
}

/// The answer's JSON, or what went wrong `doing` it, in the instance's own words.
fn json<T: serde::de::DeserializeOwned>(
    base: &Url,
    doing: &str,
    answer: Result<ApiAnswer, crate::net::NetError>,
) -> Result<T, String> {
    let host = host_label(base);
    let answer = answer.map_err(|e| format!("{doing} on {host} failed: {e}"))?;
    if !answer.is_success() {
        let words = crate::threads::common::service_message(&answer.body)
            .map(|w| format!(": {w}"))
            .unwrap_or_default();
        let status = crate::net::status_text(answer.status);
        return Err(match answer.status {
            400 | 401 | 403 | 422 => format!("{host} refused {doing} ({status}){words}"),
            300..=399 => format!(
                "{host} answered {doing} with a redirect ({status}); is it a Mastodon instance?"
            ),
            _ => format!("{doing} on {host} failed ({status}){words}"),
        });
    }
    serde_json::from_slice(&answer.body).map_err(|e| {
        format!("{host} answered {doing} with something that is not Mastodon's JSON: {e}")
    })
}

fn clip(s: &str) -> String {
    crate::extract::sanitize::line(&s.chars().take(80).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_addresses_are_normalised_and_only_https() {
        let b = |s: &str| instance_base(s).map(|u| u.to_string());
        assert_eq!(
            b("mastodon.social").as_deref(),
            Ok("https://mastodon.social/")
        );
        assert_eq!(
            b(" https://Mastodon.Social/@me/ ").as_deref(),
            Ok("https://mastodon.social/")
        );
        assert_eq!(
            b("http://127.0.0.1:8080").as_deref(),
            Ok("http://127.0.0.1:8080/")
        );
        assert!(b("http://mastodon.social")
            .expect_err("http")
            .contains("https"));
        assert!(b("http://localhost:3000").is_err());
        assert!(b("ftp://mastodon.social").is_err());
        assert!(b("https://me:pw@mastodon.social").is_err());
        assert!(b("").is_err());
        assert!(b("two words").is_err());
    }
}
