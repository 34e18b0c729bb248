//! Replying to a Mastodon-commented post as the user, through the user's OWN instance
//! (`auth::Account::base`, from `parlor login mastodon`):
//! 1. the parent (the thread's root status, or a reply in it) is read from the blog's instance
//!    WITHOUT any token: `GET {blog}/api/v1/statuses/{id}` gives its `uri`;
//! 2. the user's instance resolves that `uri`: `GET {base}api/v2/search?q=URI&resolve=true&
//!    type=statuses&limit=1` (Bearer) → its own id for the status;
//! 3. `POST {base}api/v1/statuses` (`status`, `in_reply_to_id`, `visibility`; Bearer and an
//!    `Idempotency-Key` derived from page, thread, parent and text, so a retry within Mastodon's
//!    hour cannot post twice) → the new Status, whose `url` is the permalink.
//!
//! The token goes only to `account.base`; nothing is sent with it anywhere else, and token
//! requests never follow redirects. Facts and sources: docs/providers/mastodon.md.

use super::super::common;
use super::super::{Ctx, Posted, ProviderError, Reply, Target};
use super::NAME;
use crate::auth::Account;
use crate::net::{ApiAnswer, ApiBody, ApiRequest};
use chrono::Utc;
use serde::Deserialize;
use url::Url;

/// What parlor reads of a Status (entities/Status.md).
#[derive(Deserialize)]
struct Status {
    id: String,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    visibility: Option<String>,
}

/// A Search (entities/Search.md): only its statuses.
#[derive(Deserialize)]
struct Search {
    #[serde(default, deserialize_with = "common::nullable")]
    statuses: Vec<Status>,
}

const NOT_FOUND: &str = "your instance could not find that post";

/// Posts `reply` on the thread of `target` through the user's own instance.
pub(super) fn post(ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
    let Some((system, page)) = common::embed(target) else {
        return Err(unsupported("there is no Mastodon thread on this page"));
    };
    let account = ctx.account.filter(|a| a.service == NAME).ok_or_else(|| {
        unsupported("replying here needs your Mastodon account: run `parlor login mastodon` first")
    })?;
    let home = home_base(account)?;
    let root =
        status_id(system.thread.as_deref()).ok_or_else(|| bad("the embed gives no status id"))?;
    let parent = match reply.parent.as_deref() {
        Some(p) => {
            status_id(Some(p)).ok_or_else(|| bad("the parent comment's id is not a status id"))?
        }
        None => root.clone(),
    };
    let text = reply.text.trim();
    if text.is_empty() {
        return Err(refused("the reply is empty"));
    }

    // 1. The parent as the blog's instance has it: public, so no token (the token never goes
    // there, even when the reader's config has one for reading).
    let blog = common::base_url(ctx.base_override, NAME, system.server.as_deref(), None)?;
    let mut req = ApiRequest::get_json(common::endpoint(
        &blog,
        &format!("api/v1/statuses/{parent}"),
    ));
    req.follow_redirects = false;
    let answer = ctx.api(NAME, &req)?;
    let theirs: Status = match answer.status {
        200..=299 => common::parse_json(NAME, &answer)?,
        404 | 410 => {
            return Err(refused(&format!(
                "that post is gone from {}",
                blog.host_str().unwrap_or("the blog's instance")
            )))
        }
        _ => return Err(failed(&answer, Step::Blog)),
    };
    let wanted = theirs
        .uri
        .or(theirs.url)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .ok_or_else(|| bad("the post has no address to look it up by"))?;

    // 2. The same status on the user's instance.
    let mut search = common::endpoint(&home, "api/v2/search");
    search
        .query_pairs_mut()
        .append_pair("q", &wanted)
        .append_pair("resolve", "true")
        .append_pair("type", "statuses")
        .append_pair("limit", "1");
    let mut req = ApiRequest::get_json(search).header("Authorization", &bearer(account));
    req.follow_redirects = false;
    let answer = ctx.api(NAME, &req)?;
    let found: Search = match answer.status {
        200..=299 => common::parse_json(NAME, &answer)?,
        _ => return Err(failed(&answer, Step::Resolve)),
    };
    let Some(mine) = found.statuses.into_iter().next() else {
        return Err(refused(NOT_FOUND));
    };
    // Public unless the parent is unlisted (then unlisted, as Mastodon's own composer does);
    // a followers-only or direct parent is not part of a public comment thread.
    let visibility = match mine.visibility.as_deref().unwrap_or("public") {
        "unlisted" => "unlisted",
        "private" | "direct" => {
            return Err(refused(
                "that post is not public; reply to it in the browser",
            ))
        }
        _ => "public",
    };

    // 3. The reply.
    let key = idempotency_key(page.as_str(), &root, reply.parent.as_deref(), text);
    let req = ApiRequest {
        method: "POST",
        url: common::endpoint(&home, "api/v1/statuses"),
        headers: vec![
            ("Accept".into(), "application/json".into()),
            ("Authorization".into(), bearer(account)),
            ("Idempotency-Key".into(), key),
        ],
        body: ApiBody::Form(vec![
            ("status".into(), text.to_string()),
            ("in_reply_to_id".into(), mine.id),
            ("visibility".into(), visibility.into()),
        ]),
        follow_redirects: false,
    };
    let answer = ctx.api(NAME, &req)?;
    if !answer.is_success() {
        return Err(failed(&answer, Step::Post));
    }
    let posted: Status = common::parse_json(NAME, &answer)?;
    let url = posted
        .url
        .as_deref()
        .or(posted.uri.as_deref())
        .filter(|u| same_host(u, &home))
        .map(str::to_string);
    Ok(Posted::Published { id: posted.id, url })
}

/// A stable key for one reply: the same page, thread, parent and text give the same key, so a
/// retry (the outbox, a second `parlor reply`) within the hour Mastodon keeps keys returns the
/// first status instead of posting again. Two FNV-1a 64-bit hashes with different offsets.
pub fn idempotency_key(page: &str, root: &str, parent: Option<&str>, text: &str) -> String {
    let parts = [page, root, parent.unwrap_or(""), text];
    let hash = |offset: u64| {
        let mut h = offset;
        for part in parts {
            for b in part.bytes().chain(std::iter::once(0xff)) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        h
    };
    format!(
        "parlor-{:016x}{:016x}",
        hash(0xcbf2_9ce4_8422_2325),
        hash(0x6c62_272e_07bb_0142)
    )
}

/// The account's instance: https, or http on loopback (tests), as `parlor login` saved it.
fn home_base(account: &Account) -> Result<Url, ProviderError> {
    crate::auth::mastodon::instance_base(&account.base).map_err(|e| ProviderError::Refused {
        provider: NAME.into(),
        message: format!(
            "the saved Mastodon account is not usable ({e}): run `parlor login mastodon` again"
        ),
    })
}

fn bearer(account: &Account) -> String {
    format!("Bearer {}", account.token)
}

fn same_host(link: &str, home: &Url) -> bool {
    Url::parse(link)
        .is_ok_and(|u| matches!(u.scheme(), "https" | "http") && u.host_str() == home.host_str())
}

/// A status id as Mastodon gives them (digits; letters allowed for other servers' ids).
fn status_id(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= 64 && t.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(str::to_string)
}

/// Which request an answer is to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Reading the parent on the blog's instance (no token).
    Blog,
    /// Resolving it on the user's instance (nothing posted yet).
    Resolve,
    /// Posting the reply.
    Post,
}

/// A non-2xx answer. Mastodon's own wording first: the blog's instance refusing visitors
/// (401/403 there: it shows its threads only to the signed in), a post the user's instance
/// cannot find (404), a validation error in Mastodon's words (422). The rest is the shared
/// reading (`common::post_failure`): 401/403 → the token was refused; 429 → rate-limited until
/// `X-RateLimit-Reset`; 5xx → transient before the reply was sent, unknown after.
fn failed(answer: &ApiAnswer, step: Step) -> ProviderError {
    let words = || common::service_message(&answer.body);
    match answer.status {
        401 | 403 if step == Step::Blog => refused(&format!(
            "the blog's instance does not show this thread to visitors (HTTP {}){}",
            answer.status,
            words().map(|w| format!(": {w}")).unwrap_or_default()
        )),
        404 => refused(NOT_FOUND),
        422 => refused(&words().unwrap_or_else(|| "the reply was not accepted (HTTP 422)".into())),
        _ => common::post_failure(
            answer,
            &common::PostAnswer {
                provider: NAME,
                service: "Mastodon",
                login: NAME,
                forbidden_is_token: true,
                sent: step == Step::Post,
            },
            Utc::now(),
        ),
    }
}

fn refused(message: &str) -> ProviderError {
    ProviderError::Refused {
        provider: NAME.into(),
        message: message.to_string(),
    }
}

fn unsupported(why: &str) -> ProviderError {
    ProviderError::Unsupported {
        provider: NAME.into(),
        why: why.to_string(),
    }
}

fn bad(detail: &str) -> ProviderError {
    ProviderError::BadAnswer {
        provider: NAME.into(),
        detail: detail.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idempotency_key_is_stable_and_tells_replies_apart() {
        let k = idempotency_key("https://b.example/p/", "1", None, "hi");
        assert_eq!(k, idempotency_key("https://b.example/p/", "1", None, "hi"));
        assert_eq!(k.len(), "parlor-".len() + 32);
        assert_ne!(
            k,
            idempotency_key("https://b.example/p/", "1", Some("2"), "hi")
        );
        assert_ne!(k, idempotency_key("https://b.example/p/", "1", None, "hi!"));
        assert_ne!(k, idempotency_key("https://b.example/q/", "1", None, "hi"));
        // Field boundaries count: ("ab", "c") is not ("a", "bc").
        assert_ne!(
            idempotency_key("p", "ab", None, "c"),
            idempotency_key("p", "a", None, "bc")
        );
    }
}
