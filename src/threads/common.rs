//! What every provider shares: asking for JSON and turning the service's status into a
//! [`ProviderError`] (404 → not found, 403/429 → rate limited with the retry time from the
//! headers, bad JSON → bad answer), and building a [`Comment`] from a service's fields.

use super::{Ctx, ProviderError};
use crate::extract::{fragment::html_blocks, sanitize};
use crate::model::{Block, Comment, Inline};
use crate::net::{ApiAnswer, ApiRequest};
use serde::de::DeserializeOwned;
use url::Url;

/// Most pages read from one thread; the thread is `Partial` past this.
pub const MAX_PAGES: usize = 50;

/// Sends `req` and parses a 2xx JSON answer as `T`; every other answer is an error.
pub fn json<T: DeserializeOwned>(
    ctx: &Ctx<'_>,
    provider: &str,
    req: &ApiRequest,
) -> Result<(ApiAnswer, T), ProviderError> {
    let answer = ctx.api(provider, req)?;
    check(provider, &answer)?;
    let value = parse(provider, &answer)?;
    Ok((answer, value))
}

/// The answer's JSON body as `T`, or why it cannot be read (truncated, not JSON, other shape).
pub fn parse<T: DeserializeOwned>(provider: &str, answer: &ApiAnswer) -> Result<T, ProviderError> {
    serde_json::from_slice(&answer.body).map_err(|e| ProviderError::BadAnswer {
        provider: provider.to_string(),
        detail: if e.is_eof() {
            "the answer was cut short (truncated JSON)".to_string()
        } else {
            format!("unexpected JSON ({e})")
        },
    })
}

/// 2xx is fine; 404 is "no thread"; 401 is a refused key or token; 403 and 429 are rate limits (with the service's words and
/// retry time); anything else is a bad answer naming the status.
pub fn check(provider: &str, answer: &ApiAnswer) -> Result<(), ProviderError> {
    match answer.status {
        200..=299 => Ok(()),
        404 => Err(ProviderError::NotFound {
            provider: provider.to_string(),
        }),
        401 => Err(ProviderError::Unsupported {
            provider: provider.to_string(),
            why: format!(
                "the key or token was refused ({})",
                service_words(answer).unwrap_or_else(|| "HTTP 401".into())
            ),
        }),
        403 | 429 => Err(ProviderError::RateLimited {
            provider: provider.to_string(),
            message: service_words(answer).unwrap_or_else(|| format!("HTTP {}", answer.status)),
            retry_after: retry_after(answer),
        }),
        status => Err(ProviderError::BadAnswer {
            provider: provider.to_string(),
            detail: format!(
                "HTTP {status}{}",
                service_words(answer)
                    .map(|w| format!(": {w}"))
                    .unwrap_or_default()
            ),
        }),
    }
}

/// The error text services put in JSON bodies (`message`, `error`, Disqus `response`).
fn service_words(answer: &ApiAnswer) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(&answer.body).ok()?;
    ["message", "error", "response"]
        .iter()
        .find_map(|k| v.get(k)?.as_str().map(sanitize::line))
        .filter(|s| !s.is_empty())
}

/// When to retry, as the service said: `Retry-After` (seconds or an HTTP date), else
/// `X-RateLimit-Reset` (Unix seconds, GitHub and Disqus) shown as a UTC time.
pub fn retry_after(answer: &ApiAnswer) -> Option<String> {
    if let Some(v) = answer.header("retry-after") {
        let v = v.trim();
        return Some(match v.parse::<u64>() {
            Ok(secs) => format!("{secs} s"),
            Err(_) => sanitize::line(v),
        });
    }
    let reset = answer
        .header("x-ratelimit-reset")?
        .trim()
        .parse::<i64>()
        .ok()?;
    let at = chrono::DateTime::from_timestamp(reset, 0)?;
    Some(at.format("%Y-%m-%d %H:%M UTC").to_string())
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
        (
            "[deleted]".to_string(),
            vec![Block::Paragraph {
                content: vec![Inline::Text {
                    text: "[deleted]".into(),
                }],
            }],
        )
    } else {
        (
            author.unwrap_or_else(|| "Anonymous".to_string()),
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

/// Puts comments in thread pre-order with depths from their parents (services list replies
/// apart from their parents, or flat). Linear: children are grouped once; a parent that is
/// missing makes a comment top-level; cycles cannot recur since each comment is placed once.
pub fn thread_order(comments: Vec<Comment>) -> Vec<Comment> {
    use std::collections::HashMap;
    let ids: std::collections::HashSet<String> = comments.iter().map(|c| c.id.clone()).collect();
    let mut children: HashMap<Option<String>, Vec<usize>> = HashMap::new();
    for (i, c) in comments.iter().enumerate() {
        let parent = c.parent.clone().filter(|p| ids.contains(p) && *p != c.id);
        children.entry(parent).or_default().push(i);
    }
    let mut slots: Vec<Option<Comment>> = comments.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    let mut stack: Vec<(usize, u16)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|&i| (i, 0)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        let Some(mut c) = slots[i].take() else {
            continue;
        };
        c.depth = depth;
        if depth == 0 {
            c.parent = None;
        }
        if let Some(kids) = children.get(&Some(c.id.clone())) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth.saturating_add(1))));
        }
        out.push(c);
    }
    // Comments in a cycle never reached from the top: shown top-level rather than lost.
    out.extend(slots.into_iter().flatten().map(|mut c| {
        c.depth = 0;
        c.parent = None;
        c
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> ApiAnswer {
        ApiAnswer {
            status,
            final_url: Url::parse("https://s.test/").expect("url"),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_string(), (*v).to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn statuses_become_errors_with_the_services_words() {
        assert!(check("x", &answer(200, &[], "{}")).is_ok());
        assert!(matches!(
            check("x", &answer(404, &[], "")),
            Err(ProviderError::NotFound { .. })
        ));
        let e = check(
            "x",
            &answer(
                429,
                &[("retry-after", "30")],
                r#"{"error":"slow \u001b[31mdown"}"#,
            ),
        )
        .expect_err("429");
        assert_eq!(
            e.to_string(),
            "x is rate-limiting parlor: slow down (try again after 30 s)"
        );
        let e = check("x", &answer(403, &[("X-RateLimit-Reset", "0")], "")).expect_err("403");
        assert_eq!(
            e.to_string(),
            "x is rate-limiting parlor: HTTP 403 (try again after 1970-01-01 00:00 UTC)"
        );
        let e = check("x", &answer(502, &[], "<html>")).expect_err("502");
        assert_eq!(
            e.to_string(),
            "x answered something parlor cannot read: HTTP 502"
        );
        let e = parse::<Vec<u32>>("x", &answer(200, &[], "[1, 2")).expect_err("cut");
        assert!(e
            .to_string()
            .ends_with("the answer was cut short (truncated JSON)"));
    }

    fn c(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            parent: parent.map(str::to_string),
            ..Comment::default()
        }
    }

    #[test]
    fn thread_order_is_preorder_and_survives_cycles_and_orphans() {
        let got = thread_order(vec![
            c("3", Some("1")),
            c("1", None),
            c("4", Some("3")),
            c("2", None),
            c("5", Some("missing")),
            c("6", Some("7")),
            c("7", Some("6")),
        ]);
        let shape: Vec<(&str, Option<&str>, u16)> = got
            .iter()
            .map(|c| (c.id.as_str(), c.parent.as_deref(), c.depth))
            .collect();
        assert_eq!(
            shape,
            [
                ("1", None, 0),
                ("3", Some("1"), 1),
                ("4", Some("3"), 2),
                ("2", None, 0),
                ("5", None, 0),
                ("6", None, 0),
                ("7", None, 0),
            ]
        );
        // Deep chains are linear, not recursive.
        let deep: Vec<Comment> = (0..100_000)
            .map(|i| {
                let parent = (i > 0).then(|| (i - 1).to_string());
                c(&i.to_string(), parent.as_deref())
            })
            .collect();
        let out = thread_order(deep);
        assert_eq!(out.last().map(|c| c.depth), Some(u16::MAX));
    }
}
