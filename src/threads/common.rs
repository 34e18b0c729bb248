//! What every comment-service provider shares: sending a request and mapping the service's
//! error answers (404 → not found, 429 and rate-limit 403s → rate-limited with the retry time
//! from its headers, other 401/403 → refused in its words, bad JSON → a clear message), paging
//! caps and loop detection. `common/parts.rs` holds bodies → blocks, names, dates and the
//! thread's pre-order with depth from `(id, parent)` pairs in linear time.

use super::{Completeness, Ctx, ProviderError};
use crate::extract::sanitize;
use crate::model::Comment;
use crate::net::{ApiAnswer, ApiRequest};
use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use std::collections::HashSet;
use std::time::Instant;
use url::Url;

mod parts;
mod post;
pub use parts::*;
pub use post::{post_failure, PostAnswer};

/// Most pages followed for one thread.
pub const MAX_PAGES: usize = 100;
/// Most comments kept for one thread.
pub const MAX_COMMENTS: usize = 10_000;
/// Deepest depth given to a comment; deeper replies stay at this depth (hostile chains).
pub const MAX_DEPTH: u16 = 100;
/// Author shown when the service gives no name.
pub const ANONYMOUS: &str = "Anonymous";
/// Author and body shown for a comment the service marks deleted.
pub const DELETED: &str = "[deleted]";

/// The base URL for a provider: the test override ([`Ctx::base_override`]), else the embed's
/// own server, else the service's public default.
pub fn base_url(
    base_override: Option<&Url>,
    provider: &str,
    server: Option<&str>,
    default: Option<&str>,
) -> Result<Url, ProviderError> {
    if let Some(b) = base_override {
        return Ok(b.clone());
    }
    let Some(s) = server.or(default) else {
        return Err(ProviderError::BadAnswer {
            provider: provider.to_string(),
            detail: "the page does not say which server holds the comments".to_string(),
        });
    };
    let s = if s.starts_with("//") {
        format!("https:{s}")
    } else if !s.contains("://") {
        // A bare host ("social.example"), as some embeds give it.
        format!("https://{s}")
    } else {
        s.to_string()
    };
    Url::parse(&s).map_err(|e| ProviderError::BadAnswer {
        provider: provider.to_string(),
        detail: format!("bad server address {s:?}: {e}"),
    })
}

/// `base` with `path` appended to its path (keeps a sub-path like `/isso/`), no query.
pub fn endpoint(base: &Url, path: &str) -> Url {
    let mut u = base.clone();
    let joined = format!(
        "{}/{}",
        u.path().trim_end_matches('/'),
        path.trim_start_matches('/')
    );
    u.set_path(&joined);
    u.set_query(None);
    u.set_fragment(None);
    u
}

/// Sends the request; any answer but 2xx becomes the matching [`ProviderError`].
pub fn send(ctx: &Ctx<'_>, provider: &str, req: &ApiRequest) -> Result<ApiAnswer, ProviderError> {
    // The one place providers reach the network: `Ctx::api` records answers for offline reading
    // (and replays them).
    let answer = ctx.api(provider, req)?;
    check(provider, &answer, Utc::now())?;
    Ok(answer)
}

/// GETs JSON and parses it.
pub fn get_json<T: serde::de::DeserializeOwned>(
    ctx: &Ctx<'_>,
    provider: &str,
    url: Url,
) -> Result<T, ProviderError> {
    let answer = send(ctx, provider, &ApiRequest::get_json(url))?;
    parse_json(provider, &answer)
}

/// Maps a non-2xx answer: 404/410 → `NotFound`, 429 (and a 403 that is a rate limit) →
/// `RateLimited` with the service's words and its retry time, 401 and another 403 →
/// `Unsupported` with the service's words, anything else → `BadAnswer` naming the status.
pub fn check(provider: &str, answer: &ApiAnswer, now: DateTime<Utc>) -> Result<(), ProviderError> {
    if answer.is_success() {
        return Ok(());
    }
    let words = service_message(&answer.body);
    match answer.status {
        404 | 410 => Err(ProviderError::NotFound {
            provider: provider.to_string(),
        }),
        401 => Err(ProviderError::Unsupported {
            provider: provider.to_string(),
            why: format!(
                "reading this thread needs signing in (HTTP 401){}",
                words.map(|w| format!(": {w}")).unwrap_or_default()
            ),
        }),
        403 if !rate_limited(answer, words.as_deref()) => Err(ProviderError::Unsupported {
            provider: provider.to_string(),
            why: format!(
                "the service refused (HTTP 403){}",
                words.map(|w| format!(": {w}")).unwrap_or_default()
            ),
        }),
        403 | 429 => Err(ProviderError::RateLimited {
            provider: provider.to_string(),
            message: words.unwrap_or_else(|| format!("HTTP {}", answer.status)),
            retry_after: retry_after(answer, now),
        }),
        s => Err(ProviderError::BadAnswer {
            provider: provider.to_string(),
            detail: match words {
                Some(w) => format!("HTTP {s}: {w}"),
                None => format!("HTTP {s}"),
            },
        }),
    }
}

/// A 403 is a rate limit when the service says so: GitHub's primary limit
/// (`x-ratelimit-remaining: 0`), a secondary limit (`retry-after`), or its own words. A
/// `x-ratelimit-reset` alone says nothing: GitHub and Mastodon send it on every answer
/// ("Rate limits for the REST API", docs.github.com), so a refusal that carries it is still a
/// refusal. One rule for reading and posting.
fn rate_limited(answer: &ApiAnswer, words: Option<&str>) -> bool {
    answer.header("retry-after").is_some()
        || answer.header("x-ratelimit-remaining").map(str::trim) == Some("0")
        || answer.header("ratelimit-remaining").map(str::trim) == Some("0")
        || words.is_some_and(|w| {
            let w = w.to_ascii_lowercase();
            w.contains("rate limit") || w.contains("too many")
        })
}

/// When to try again, as an ISO 8601 UTC time, from `Retry-After` (seconds or an HTTP date) or
/// `X-RateLimit-Reset` / `RateLimit-Reset` (epoch seconds, seconds from now, or an ISO time as
/// Mastodon sends it).
pub fn retry_after(answer: &ApiAnswer, now: DateTime<Utc>) -> Option<String> {
    let iso = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    if let Some(v) = answer.header("retry-after").map(str::trim) {
        if let Ok(secs) = v.parse::<i64>() {
            return Some(iso(
                now + chrono::Duration::seconds(secs.clamp(0, 366 * 86_400))
            ));
        }
        if let Ok(t) = DateTime::parse_from_rfc2822(v) {
            return Some(iso(t.with_timezone(&Utc)));
        }
    }
    let reset = answer
        .header("x-ratelimit-reset")
        .or_else(|| answer.header("ratelimit-reset"))?
        .trim();
    if let Ok(n) = reset.parse::<f64>() {
        if !n.is_finite() || n < 0.0 {
            return None;
        }
        // Epoch seconds are large; small numbers are seconds from now (IETF RateLimit draft).
        let t = if n > 1.0e9 {
            Utc.timestamp_opt(n as i64, 0).single()?
        } else {
            now + chrono::Duration::seconds(n as i64)
        };
        return Some(iso(t));
    }
    DateTime::parse_from_rfc3339(reset)
        .ok()
        .map(|t| iso(t.with_timezone(&Utc)))
}

/// The service's own words in an error body: JSON `error_description`, `message`, `error`,
/// `details`, `errors` (string or list), Disqus's `response` (a string on errors), else a short
/// plain-text body. One line, sanitized.
pub fn service_message(body: &[u8]) -> Option<String> {
    let short = |s: &str| {
        let s = sanitize::line(s);
        let cut: String = s.chars().take(200).collect();
        (!cut.is_empty()).then_some(cut)
    };
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) {
        for key in [
            "error_description",
            "message",
            "error",
            "details",
            "errors",
            "response",
        ] {
            match v.get(key) {
                Some(serde_json::Value::String(s)) => return short(s),
                Some(serde_json::Value::Array(items)) => {
                    let parts: Vec<&str> = items
                        .iter()
                        .filter_map(|i| i.as_str().or_else(|| i.get("message")?.as_str()))
                        .collect();
                    if !parts.is_empty() {
                        return short(&parts.join("; "));
                    }
                }
                Some(obj @ serde_json::Value::Object(_)) => {
                    if let Some(s) = obj.get("message").and_then(|m| m.as_str()) {
                        return short(s);
                    }
                }
                _ => {}
            }
        }
        return None;
    }
    let text = String::from_utf8_lossy(body);
    if text.trim_start().starts_with('<') {
        return None;
    }
    short(&text)
}

/// Parses a JSON body; a truncated or reshaped body becomes `BadAnswer` saying so.
pub fn parse_json<T: serde::de::DeserializeOwned>(
    provider: &str,
    answer: &ApiAnswer,
) -> Result<T, ProviderError> {
    serde_json::from_slice(&answer.body).map_err(|e| ProviderError::BadAnswer {
        provider: provider.to_string(),
        detail: if e.is_eof() {
            format!("the JSON answer ends early (truncated): {e}")
        } else {
            format!("unexpected JSON: {e}")
        },
    })
}

/// What to do when a later page fails: the first page's failure is the error; after that the
/// thread is kept, marked rate-limited or partial with the reason.
pub fn stop_on_error(err: ProviderError, have: usize) -> Result<Completeness, ProviderError> {
    if have == 0 {
        return Err(err);
    }
    Ok(match err {
        ProviderError::RateLimited {
            message,
            retry_after,
            ..
        } => Completeness::RateLimited {
            message,
            retry_after,
        },
        other => Completeness::Partial {
            reason: other.to_string(),
        },
    })
}

/// Paging guard: counts pages, remembers cursors, watches the deadline and the comment cap.
pub struct Pager {
    pages: usize,
    seen: HashSet<String>,
    deadline: Option<Instant>,
}

impl Pager {
    /// A guard for one thread; `deadline` is [`Ctx::deadline`].
    pub fn new(deadline: Option<Instant>) -> Pager {
        Pager {
            pages: 0,
            seen: HashSet::new(),
            deadline,
        }
    }

    /// Before fetching the page named `cursor`, with `have` comments so far: `Err(reason)`
    /// when paging must stop (page cap, comment cap, a cursor seen before, the deadline).
    pub fn next(&mut self, cursor: &str, have: usize) -> Result<(), String> {
        if have >= MAX_COMMENTS {
            return Err(format!("stopped at {MAX_COMMENTS} comments"));
        }
        if self.pages >= MAX_PAGES {
            return Err(format!("stopped after {MAX_PAGES} pages"));
        }
        if !self.seen.insert(cursor.to_string()) {
            return Err(format!(
                "the service's paging cursor came back to one already read ({})",
                sanitize::line(&cursor.chars().take(60).collect::<String>())
            ));
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err("ran out of time".to_string());
        }
        self.pages += 1;
        Ok(())
    }
}

/// The embed and page of a target; a URL lookup is not for comment-service providers.
pub fn embed(target: &super::Target) -> Option<(&crate::model::CommentSystem, &Url)> {
    match target {
        super::Target::Embed { system, page } => Some((system, page)),
        super::Target::Url(_) => None,
    }
}

/// A provider's thread: its comments put in thread order, the count the service stated.
pub fn finish(
    provider: &str,
    url: Option<String>,
    comments: Vec<Comment>,
    stated_count: Option<u32>,
    completeness: Completeness,
) -> super::Thread {
    super::Thread {
        provider: provider.to_string(),
        url,
        comments: thread_order(comments),
        stated_count,
        completeness,
        ..super::Thread::default()
    }
}

/// Sends `req` and parses a 2xx JSON answer as `T`, keeping the answer (for its headers).
pub fn json<T: serde::de::DeserializeOwned>(
    ctx: &Ctx<'_>,
    provider: &str,
    req: &ApiRequest,
) -> Result<(ApiAnswer, T), ProviderError> {
    let answer = send(ctx, provider, req)?;
    let value = parse_json(provider, &answer)?;
    Ok((answer, value))
}

/// A comment as every provider builds it: strings sanitized, the HTML body turned into blocks
/// against `base`, deleted comments shown as "[deleted]".
pub struct Fields<'a> {
    pub id: String,
    pub parent: Option<String>,
    pub depth: u16,
    pub author: Option<&'a str>,
    pub author_url: Option<&'a str>,
    pub published: Option<String>,
    pub html: &'a str,
    pub permalink: Option<String>,
    pub deleted: bool,
}

/// Builds the comment (see [`Fields`]).
pub fn comment(f: Fields<'_>, base: &Url) -> Comment {
    let author = f.author.map(sanitize::line).filter(|a| !a.is_empty());
    let (author, blocks) = if f.deleted {
        (DELETED.to_string(), deleted_blocks())
    } else {
        (
            author.unwrap_or_else(|| ANONYMOUS.to_string()),
            html_blocks(f.html, base),
        )
    };
    let url = |u: Option<&str>| {
        u.and_then(|u| base.join(u.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|u| u.to_string())
    };
    Comment {
        id: sanitize::line(&f.id),
        parent: f.parent.map(|p| sanitize::line(&p)),
        depth: f.depth,
        author,
        author_url: if f.deleted { None } else { url(f.author_url) },
        published: f.published.map(|p| sanitize::line(&p)),
        permalink: url(f.permalink.as_deref()),
        blocks,
        can_reply: false,
        ..Comment::default()
    }
}

#[cfg(test)]
#[path = "common_tests.rs"]
mod tests;
