//! Anonymous replies to Remark42 with the config name, in three requests to the server the
//! page names (umputun/remark42 at 4793c1c; docs/providers/remark42.md):
//!
//! 1. `GET {host}/api/v1/config?site=SITE`: `auth_providers` lists "anonymous" only when the
//!    server runs with `AUTH_ANON` (backend/app/rest/api/rest.go `configCtrl`, providers from
//!    `Authenticator.Providers()`; backend/app/cmd/server.go `AddDirectProviderWithUserIDFunc(
//!    "anonymous", …)` under `if s.Auth.Anonymous`). Without it nothing else is sent.
//! 2. `GET {host}/auth/anonymous/login?site=SITE&user=NAME&aud=SITE` (frontend/apps/remark42/
//!    app/components/auth/auth.api.ts `anonymousSignin`; the fetcher adds `site`). go-pkgz/auth
//!    `DirectHandler.LoginHandler` (vendored v2.2.0, provider/direct.go) answers the user as
//!    JSON, sets the `JWT` and `XSRF-TOKEN` cookies and, with `SEND_JWT_HEADER`, the `X-JWT`
//!    header (token/jwt.go `Set`); a name the checker refuses (3–64 letters, digits, `_` or
//!    spaces, no edge spaces: server.go) is 403 "incorrect user or password".
//! 3. `POST {host}/api/v1/comment?site=SITE` with `{title, text, locator: {site, url}, pid,
//!    site}` (app/common/api.ts `addComment`, fetcher.ts adds `site`), headers `X-JWT` and
//!    `X-XSRF-TOKEN` (fetcher.ts `JWT_HEADER`, `XSRF_HEADER`). 201 with the stored comment
//!    (rest_private.go `createCommentCtrl`): Remark42 has no moderation queue, so it is
//!    published. Refusals: 400/403 `{error, details, code}` (backend/app/rest/httperrors.go),
//!    401 "Unauthorized" / 403 "Access denied" (auth middleware, `matchSiteID`), 429 from the
//!    tollbooth limiter.

use super::{post_url, NAME};
use crate::model::CommentSystem;
use crate::net::ApiAnswer;
use crate::threads::common;
use crate::threads::selfhosted as sh;
use crate::threads::{Ctx, Posted, ProviderError, Reply};
use serde::Deserialize;
use url::Url;

#[derive(Deserialize)]
struct Config {
    #[serde(default)]
    auth_providers: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct Created {
    id: String,
}

/// Remark42's error body `{error, details, code}` (or go-pkgz's `{error}`), as one line:
/// "details: error".
pub fn words(body: &[u8]) -> String {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else {
        return sh::words(body);
    };
    let get = |k: &str| {
        v.get(k)
            .and_then(|x| x.as_str())
            .map(sh::clean)
            .filter(|s| !s.is_empty())
    };
    match (get("details"), get("error")) {
        (Some(d), Some(e)) => format!("{d}: {e}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => String::new(),
    }
}

/// A `Set-Cookie` value by cookie name.
fn cookie(answer: &ApiAnswer, name: &str) -> Option<String> {
    answer
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| {
            let first = v.split(';').next()?.trim();
            let (n, value) = first.split_once('=')?;
            (n.trim() == name && !value.trim().is_empty()).then(|| value.trim().to_string())
        })
}

/// Says what came of `POST /api/v1/comment` from Remark42's status and body.
pub fn classify_new(answer: &ApiAnswer, url: &Url) -> Result<Posted, ProviderError> {
    if !answer.is_success() {
        let said = words(&answer.body);
        if answer.status == 401 {
            return Err(sh::refused(
                NAME,
                format!("the anonymous sign-in was not accepted ({said}); nothing was posted"),
            ));
        }
        return Err(sh::failure(NAME, answer, url, &said));
    }
    let created: Created = sh::parse(NAME, answer)?;
    if created.id.trim().is_empty() {
        return Err(sh::unknown(NAME, "it answered a comment without an id"));
    }
    Ok(Posted::Published {
        id: created.id,
        url: None,
    })
}

/// Step 1: whether the site allows anonymous comments.
fn check_anonymous(ctx: &Ctx<'_>, base: &Url, site: &str) -> Result<(), ProviderError> {
    let mut url = common::endpoint(base, "api/v1/config");
    url.query_pairs_mut().append_pair("site", site);
    let answer = sh::send(ctx, &sh::get(url.clone()))?;
    if !answer.is_success() {
        return Err(sh::failure(NAME, &answer, &url, &words(&answer.body)));
    }
    let config: Config =
        serde_json::from_slice(&answer.body).map_err(|e| ProviderError::BadAnswer {
            provider: NAME.into(),
            detail: format!("its configuration could not be read ({e}); nothing was posted"),
        })?;
    let providers = config.auth_providers.unwrap_or_default();
    if providers.iter().any(|p| p == "anonymous") {
        return Ok(());
    }
    let how = if providers.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = providers.iter().map(|p| sh::clean(p)).collect();
        format!(" (it signs in with {})", names.join(", "))
    };
    Err(sh::refused(
        NAME,
        format!("this site does not allow anonymous comments{how}; reply in a browser. Nothing was sent"),
    ))
}

/// Step 2: the anonymous sign-in; returns the JWT and the XSRF token (when set).
fn sign_in(
    ctx: &Ctx<'_>,
    base: &Url,
    site: &str,
    name: &str,
) -> Result<(String, Option<String>), ProviderError> {
    let mut url = common::endpoint(base, "auth/anonymous/login");
    url.query_pairs_mut()
        .append_pair("site", site)
        .append_pair("user", name)
        .append_pair("aud", site);
    let answer = sh::send(ctx, &sh::get(url.clone()))?;
    if !answer.is_success() {
        let said = words(&answer.body);
        return Err(match answer.status {
            403 => sh::refused(
                NAME,
                format!("its anonymous sign-in refused the name {name:?} ({said}); Remark42 takes 3 to 64 letters, digits, underscores or spaces"),
            ),
            400 if said.contains("not supported") => sh::refused(
                NAME,
                format!("this site does not allow anonymous comments ({said}); reply in a browser"),
            ),
            _ => sh::failure(NAME, &answer, &url, &said),
        });
    }
    let jwt = answer
        .header("x-jwt")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| cookie(&answer, "JWT"))
        .ok_or_else(|| ProviderError::BadAnswer {
            provider: NAME.into(),
            detail: "its anonymous sign-in gave no token (no X-JWT header, no JWT cookie); nothing was posted".into(),
        })?;
    Ok((jwt, cookie(&answer, "XSRF-TOKEN")))
}

pub(super) fn post(
    ctx: &Ctx<'_>,
    system: &CommentSystem,
    page: &Url,
    reply: &Reply,
) -> Result<Posted, ProviderError> {
    let name = sh::given(reply.name.as_deref()).ok_or_else(|| {
        sh::refused(
            NAME,
            "Remark42's anonymous sign-in needs a name: set [identity] name in the config",
        )
    })?;
    let base = sh::base(ctx, NAME, system.server.as_deref(), None)?;
    let site = system.site.as_deref().unwrap_or("remark");
    check_anonymous(ctx, &base, site)?;
    let (jwt, xsrf) = sign_in(ctx, &base, site, name)?;
    let mut url = common::endpoint(&base, "api/v1/comment");
    url.query_pairs_mut().append_pair("site", site);
    let mut body = serde_json::json!({
        "title": reply.title.clone().unwrap_or_default(),
        "text": reply.text,
        "locator": {"site": site, "url": post_url(system, page)},
        "site": site,
    });
    if let Some(pid) = sh::parent(reply.parent.as_deref()) {
        body["pid"] = serde_json::Value::String(pid.to_string());
    }
    let mut req = sh::json("POST", url.clone(), &body).header("X-JWT", &jwt);
    if let Some(x) = xsrf {
        req = req.header("X-XSRF-TOKEN", &x);
    }
    let answer = sh::send(ctx, &req)?;
    classify_new(&answer, &url)
}
