//! Isso (self-hosted): `GET {server}/?uri=URI&sort=oldest&limit=N&offset=K` returns the top-level
//! comments with every reply nested one level (`isso-comments/isso:isso/views/comments.py`,
//! `fetch`). Paged by `limit`/`offset` until `hidden_replies` is 0.

use super::common::{self, Fields, MAX_PAGES};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::model::Comment;
use crate::net::ApiRequest;
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

impl Provider for Isso {
    fn name(&self) -> &'static str {
        "isso"
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Embed { system, page } = target else {
            return Ok(Vec::new());
        };
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
}
