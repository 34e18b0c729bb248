//! What the self-hosted comment systems' reply paths share (Cusdis, Commento, Comentario,
//! Remark42): building a JSON request, sending it straight to the comment server (a post is
//! never recorded on or replayed from a tape), and reading a failed answer as the service's
//! refusal in its own words, a rate limit, or a transient failure. Each system's own statuses
//! and bodies are read in its module; docs/providers/{cusdis,commento,remark42}.md cite them.

use super::common;
use super::{Ctx, ProviderError};
use crate::net::{ApiAnswer, ApiBody, ApiRequest, NetError};
use url::Url;

/// Longest service message kept in a refusal.
const MAX_WORDS: usize = 300;

/// A JSON request that does not follow redirects (an answer elsewhere confirms nothing).
pub fn json(method: &'static str, url: Url, body: &serde_json::Value) -> ApiRequest {
    ApiRequest {
        method,
        url,
        headers: vec![("Accept".into(), "application/json".into())],
        body: ApiBody::Json(body.to_string()),
        follow_redirects: false,
    }
}

/// The comment server to post to: the test override, else the one the page names, else the
/// service's public default. A page that names none (or an unusable one) is a refusal before
/// anything is sent, not an unknown outcome.
pub fn base(
    ctx: &Ctx<'_>,
    provider: &str,
    server: Option<&str>,
    default: Option<&str>,
) -> Result<Url, ProviderError> {
    common::base_url(ctx.base_override, provider, server, default).map_err(|e| {
        let why = match e {
            ProviderError::BadAnswer { detail, .. } => detail,
            other => other.to_string(),
        };
        refused(provider, format!("{why}; nothing was sent"))
    })
}

/// A GET that does not follow redirects.
pub fn get(url: Url) -> ApiRequest {
    let mut req = ApiRequest::get_json(url);
    req.follow_redirects = false;
    req
}

/// Sends a request of the reply path: straight to the client, never through the tape.
pub fn send(ctx: &Ctx<'_>, req: &ApiRequest) -> Result<ApiAnswer, ProviderError> {
    Ok(ctx.client.api(req)?)
}

/// The service's own words in a failed answer (`message`, `error`, …), one sanitized line,
/// else the start of a plain-text body, else empty.
pub fn words(body: &[u8]) -> String {
    if let Some(w) = common::service_message(body) {
        return w;
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    if text.trim_start().starts_with('<') || text.trim_start().starts_with('{') {
        return String::new();
    }
    crate::extract::sanitize::line(&text)
        .chars()
        .take(MAX_WORDS)
        .collect()
}

/// One sanitized line of a service's message, kept short.
pub fn clean(s: &str) -> String {
    crate::extract::sanitize::line(s)
        .chars()
        .take(MAX_WORDS)
        .collect()
}

/// A refusal in the service's words.
pub fn refused(provider: &str, message: impl Into<String>) -> ProviderError {
    ProviderError::Refused {
        provider: provider.to_string(),
        message: message.into(),
    }
}

/// An answer parlor cannot read: whether the comment was posted is unknown.
pub fn unknown(provider: &str, detail: impl Into<String>) -> ProviderError {
    ProviderError::BadAnswer {
        provider: provider.to_string(),
        detail: format!(
            "{}; check the page in a browser before sending again",
            detail.into()
        ),
    }
}

/// Maps an answer that is not the comment: 429 → rate-limited (with the retry time the
/// service gave), 408/5xx → a transient network failure (queued; the outbox looks in the thread
/// before retrying), a redirect → refused (nothing is known to be posted), any other status →
/// refused with `message` (the service's words as the caller read them) or the status.
pub fn failure(provider: &str, answer: &ApiAnswer, url: &Url, message: &str) -> ProviderError {
    let status = answer.status;
    match status {
        429 => ProviderError::RateLimited {
            provider: provider.to_string(),
            message: if message.is_empty() {
                "HTTP 429 (too many requests)".to_string()
            } else {
                message.to_string()
            },
            retry_after: common::retry_after(answer, chrono::Utc::now()),
        },
        408 | 500..=599 => ProviderError::Net(NetError::Status {
            url: url.to_string(),
            status,
        }),
        300..=399 => refused(
            provider,
            format!("it answered {status} (a redirect) instead of the comment; nothing is known to be posted, check the page in a browser"),
        ),
        _ if message.is_empty() => refused(provider, format!("HTTP {status}")),
        _ => refused(provider, format!("{message} (HTTP {status})")),
    }
}

/// Parses a successful answer's JSON; anything else is "unknown whether posted".
pub fn parse<T: serde::de::DeserializeOwned>(
    provider: &str,
    answer: &ApiAnswer,
) -> Result<T, ProviderError> {
    serde_json::from_slice(&answer.body).map_err(|e| {
        unknown(
            provider,
            format!(
                "it answered {} but not with the comment ({e})",
                answer.status
            ),
        )
    })
}

/// The parent id as the system takes it: the read path gives each comment the system's own id
/// unchanged, so only blanks are dropped.
pub fn parent(p: Option<&str>) -> Option<&str> {
    p.map(str::trim).filter(|p| !p.is_empty())
}

/// A trimmed, non-empty identity field.
pub fn given(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}
