//! Isso (self-hosted): `GET {server}/?uri=URI&sort=oldest&limit=N&offset=K` returns the top-level
//! comments with every reply nested one level (`isso-comments/isso:isso/views/comments.py`,
//! `fetch`). Paged by `limit`/`offset` until `hidden_replies` is 0.
//!
//! Posting: `POST {server}/new?uri=URI` with a JSON body `{text, author, email, website, parent,
//! title}` (`comments.py` `API.new`, `@xhr` refuses any other content type with 403 "CSRF");
//! 201 with `mode` 1 is published, 202 with `mode` 2 is held for moderation
//! (`JSON(rv, 202 if rv["mode"] == 2 else 201)`); 400 is `API.verify`'s reason, 403 the guard's
//! (`isso/db/spam.py`: rate limit, direct replies, email or author required), 404 a new thread
//! without a title whose page Isso could not fetch. Recorded answers: tests/fixtures/threads/isso.

use super::common::{self, Fields, MAX_PAGES};
use super::{Completeness, Ctx, Posted, Provider, ProviderError, Reply, Target, Thread};
use crate::model::{Comment, CommentSystem};
use crate::net::{ApiBody, ApiRequest, NetError};
use serde::Deserialize;
use url::Url;

/// Top-level comments asked per page.
const PAGE: usize = 100;

pub struct Isso;

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    hidden_replies: i64,
    replies: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: i64,
    parent: Option<i64>,
    #[serde(default)]
    text: String,
    author: Option<String>,
    website: Option<String>,
    /// Unix seconds (float).
    created: Option<f64>,
    /// 1 accepted, 2 in moderation, 4 deleted (`comments.py`, `@apiSuccess mode`).
    #[serde(default = "one")]
    mode: i64,
    #[serde(default)]
    replies: Vec<Item>,
}

fn one() -> i64 {
    1
}

fn iso_time(secs: Option<f64>) -> Option<String> {
    let s = secs?;
    if !s.is_finite() {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)]
    let at = chrono::DateTime::from_timestamp(s.floor() as i64, 0)?;
    Some(at.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn push(item: &Item, page: &Url, out: &mut Vec<Comment>) {
    let mut c = common::comment(
        Fields {
            id: item.id.to_string(),
            parent: item.parent.map(|p| p.to_string()),
            depth: 0,
            author: item.author.as_deref(),
            author_url: item.website.as_deref(),
            published: iso_time(item.created),
            html: &item.text,
            // The embed gives each comment `id="isso-N"` (`isso/js/app/isso.js`).
            permalink: Some(format!("#isso-{}", item.id)),
            deleted: item.mode == 4,
        },
        page,
    );
    c.pending = item.mode == 2;
    out.push(c);
    for r in &item.replies {
        push(r, page, out);
    }
}

/// The server's base URL (ending in `/`) and the thread URI for a page's embed.
fn server_and_uri(
    ctx: &Ctx<'_>,
    system: &CommentSystem,
    page: &Url,
) -> Result<(Url, String), ProviderError> {
    let server = system
        .server
        .as_deref()
        .ok_or_else(|| ProviderError::BadAnswer {
            provider: "isso".into(),
            detail: "the page names no Isso server".into(),
        })?;
    let mut base = ctx.base(server)?;
    if !base.path().ends_with('/') {
        base.set_path(&format!("{}/", base.path()));
    }
    let uri = system
        .thread
        .clone()
        .unwrap_or_else(|| page.path().to_string());
    Ok((base, uri))
}

/// The answer to `POST /new`, as far as parlor reads it.
#[derive(Deserialize)]
struct Created {
    id: i64,
    #[serde(default = "one")]
    mode: i64,
}

/// Says what came of `POST /new` from Isso's status and body (redirects not followed).
pub fn classify_new(status: u16, body: &[u8], url: &Url) -> Result<Posted, ProviderError> {
    let refused = |message: String| ProviderError::Refused {
        provider: "isso".into(),
        message,
    };
    match status {
        201 | 202 => {
            let created: Created =
                serde_json::from_slice(body).map_err(|e| ProviderError::BadAnswer {
                    provider: "isso".into(),
                    detail: format!(
                        "it answered {status} but not with the comment ({e}); check the page in a browser before sending again"
                    ),
                })?;
            let id = created.id.to_string();
            match (status, created.mode) {
                (201, 1) => Ok(Posted::Published { id, url: None }),
                (_, 2) | (202, _) => Ok(Posted::Held {
                    id: Some(id),
                    url: None,
                }),
                (_, mode) => Err(ProviderError::BadAnswer {
                    provider: "isso".into(),
                    detail: format!("it answered {status} with comment {id} in mode {mode}, neither published nor held; check the page in a browser"),
                }),
            }
        }
        408 | 429 | 500..=599 => Err(ProviderError::Net(NetError::Status {
            url: url.to_string(),
            status,
        })),
        300..=399 => Err(refused(format!(
            "it answered {status} (a redirect) instead of the comment; nothing is known to be posted, check the page in a browser"
        ))),
        _ => {
            let reason = error_text(body);
            if status == 403 && reason.contains("ratelimit exceeded") {
                return Err(ProviderError::RateLimited {
                    provider: "isso".into(),
                    message: "too many comments from this address in the last minute".into(),
                    retry_after: Some("a minute".into()),
                });
            }
            let why = match (status, reason.as_str()) {
                (403, "CSRF") => "Isso's cross-site check refused the request (403 CSRF)".to_string(),
                (404, r) if r.starts_with("URI does not exist") => {
                    "Isso has no thread for this page and could not create one (404)".to_string()
                }
                (_, "") => format!("HTTP {status}"),
                (_, r) => format!("{r} (HTTP {status})"),
            };
            Err(refused(why))
        }
    }
}

/// The reason in werkzeug's error page (`<p>reason</p>`), or the plain body, sanitized and short.
fn error_text(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]).into_owned();
    let inner = match (text.find("<p>"), text.rfind("</p>")) {
        (Some(a), Some(b)) if a + 3 <= b => text[a + 3..b].to_string(),
        _ if text.trim_start().starts_with('<') => String::new(),
        _ => text,
    };
    let line = crate::extract::sanitize::line(&inner);
    line.chars().take(300).collect()
}

impl Provider for Isso {
    fn name(&self) -> &'static str {
        "isso"
    }

    fn posting(&self, _system: &CommentSystem) -> super::Posting {
        // Isso takes anonymous comments by design (`isso/views/comments.py`, `new`).
        super::Posting::Anonymous
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Embed { system, page } = target else {
            return Ok(Vec::new());
        };
        let (base, uri) = server_and_uri(ctx, system, page)?;
        let mut comments = Vec::new();
        let mut completeness = Completeness::Full;
        let mut offset = 0usize;
        for n in 0.. {
            if n >= MAX_PAGES || ctx.late() {
                completeness = Completeness::Partial {
                    reason: format!("stopped after {n} pages"),
                };
                break;
            }
            let mut url = base.clone();
            url.query_pairs_mut()
                .append_pair("uri", &uri)
                .append_pair("sort", "oldest")
                .append_pair("limit", &PAGE.to_string())
                .append_pair("offset", &offset.to_string());
            let (_, answer): (_, Answer) = common::json(ctx, "isso", &ApiRequest::get_json(url))?;
            for item in &answer.replies {
                push(item, page, &mut comments);
            }
            if answer.hidden_replies <= 0 {
                break;
            }
            if answer.replies.is_empty() {
                completeness = Completeness::Partial {
                    reason: "Isso said more comments were hidden but sent none".into(),
                };
                break;
            }
            offset += answer.replies.len();
        }
        Ok(vec![Thread {
            provider: "isso".into(),
            url: Some(format!("{page}#isso-thread")),
            // `total_replies` at the top counts top-level comments only (0.13), not the thread.
            stated_count: None,
            comments: common::thread_order(comments),
            completeness,
            ..Thread::default()
        }])
    }

    fn post(&self, ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
        let Target::Embed { system, page } = target else {
            return Err(ProviderError::Unsupported {
                provider: "isso".into(),
                why: "an Isso reply needs the page that embeds it".into(),
            });
        };
        let (base, uri) = server_and_uri(ctx, system, page)?;
        let mut url = base.join("new").map_err(|e| ProviderError::BadAnswer {
            provider: "isso".into(),
            detail: format!("bad server URL {base}: {e}"),
        })?;
        url.query_pairs_mut().append_pair("uri", &uri);
        let parent = match reply.parent.as_deref() {
            None => None,
            Some(p) => Some(
                p.trim()
                    .parse::<i64>()
                    .map_err(|_| ProviderError::Refused {
                        provider: "isso".into(),
                        message: format!("{p} is not an Isso comment id"),
                    })?,
            ),
        };
        let body = serde_json::json!({
            "text": reply.text,
            "author": reply.name,
            "email": reply.email,
            "website": reply.website,
            "parent": parent,
            "title": reply.title,
        });
        let req = ApiRequest {
            method: "POST",
            url: url.clone(),
            headers: vec![("Accept".into(), "application/json".into())],
            body: ApiBody::Json(body.to_string()),
            follow_redirects: false,
        };
        // Straight to the client: a post is never recorded on or replayed from a tape.
        let answer = ctx.client.api(&req)?;
        classify_new(answer.status, &answer.body, &url)
    }
}
