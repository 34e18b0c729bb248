//! giscus (GitHub Discussions through giscus.app): `GET {server}/api/discussions?repo=&term=
//! |number=&category=&strict=&first=&after=` answers one page of top-level comments, each with
//! up to 100 replies (`giscus/giscus:pages/api/discussions/index.ts`, shape in
//! `lib/types/adapter.ts`, paging by `pageInfo.endCursor` in `services/giscus/discussions.ts`).

use super::common::{self, Fields, MAX_PAGES};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::model::Comment;
use crate::net::ApiRequest;
use serde::Deserialize;
use std::collections::HashSet;

/// Top-level comments per page (GitHub's GraphQL maximum).
const PAGE: u32 = 100;

pub struct Giscus;

#[derive(Deserialize)]
struct Answer {
    discussion: Option<Discussion>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Discussion {
    url: Option<String>,
    #[serde(default)]
    total_comment_count: u32,
    #[serde(default)]
    total_reply_count: u32,
    page_info: PageInfo,
    comments: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    #[serde(default)]
    has_next_page: bool,
    end_cursor: Option<String>,
}

#[derive(Deserialize)]
struct User {
    login: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    id: String,
    author: Option<User>,
    created_at: Option<String>,
    url: Option<String>,
    deleted_at: Option<String>,
    #[serde(default)]
    is_minimized: bool,
    #[serde(default, rename = "bodyHTML")]
    body_html: String,
    #[serde(default)]
    reply_count: u32,
    #[serde(default)]
    replies: Vec<Item>,
    reply_to_id: Option<String>,
}

fn to_comment(item: &Item, parent: Option<String>, page: &url::Url) -> Comment {
    let author = item.author.as_ref();
    common::comment(
        Fields {
            id: item.id.clone(),
            parent,
            depth: 0,
            author: author.and_then(|a| a.login.as_deref()),
            author_url: author.and_then(|a| a.url.as_deref()),
            published: item.created_at.clone(),
            html: if item.is_minimized {
                "<p>[hidden by a moderator]</p>"
            } else {
                &item.body_html
            },
            permalink: item.url.clone(),
            deleted: item.deleted_at.is_some(),
        },
        page,
    )
}

impl Provider for Giscus {
    fn name(&self) -> &'static str {
        "giscus"
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Embed { system, page } = target else {
            return Ok(Vec::new());
        };
        let missing = |what: &str| ProviderError::Unsupported {
            provider: "giscus".into(),
            why: format!("the page names no giscus {what}"),
        };
        let repo = system
            .site
            .as_deref()
            .ok_or_else(|| missing("repository"))?;
        let term = system.thread.as_deref().ok_or_else(|| missing("term"))?;
        let server = system.server.as_deref().unwrap_or("https://giscus.app");
        let base = ctx.base(server)?;
        let by_number = system.extra.get("mapping").is_some_and(|m| m == "number");
        let strict = system.extra.get("strict").is_some_and(|s| s == "1");
        let mut comments = Vec::new();
        let (mut completeness, mut url, mut stated) = (Completeness::Full, None, None);
        let mut after: Option<String> = None;
        let mut cursors = HashSet::new();
        for n in 0.. {
            if n >= MAX_PAGES || ctx.late() {
                completeness = Completeness::Partial {
                    reason: format!("stopped after {n} pages"),
                };
                break;
            }
            let mut req = base
                .join("api/discussions")
                .map_err(|e| missing(&format!("usable server ({e})")))?;
            {
                let mut q = req.query_pairs_mut();
                q.append_pair("repo", repo);
                q.append_pair(if by_number { "number" } else { "term" }, term);
                if let Some(c) = system.extra.get("category") {
                    q.append_pair("category", c);
                }
                if strict {
                    q.append_pair("strict", "true");
                }
                q.append_pair("first", &PAGE.to_string());
                if let Some(a) = &after {
                    q.append_pair("after", a);
                }
            }
            let (_, answer): (_, Answer) = common::json(ctx, "giscus", &ApiRequest::get_json(req))?;
            let Some(d) = answer.discussion else {
                return Err(ProviderError::NotFound {
                    provider: "giscus".into(),
                });
            };
            url = url.or(d.url.clone());
            stated = Some(d.total_comment_count + d.total_reply_count);
            for c in &d.comments {
                comments.push(to_comment(c, None, page));
                for r in &c.replies {
                    let parent = r.reply_to_id.clone().unwrap_or_else(|| c.id.clone());
                    comments.push(to_comment(r, Some(parent), page));
                }
                if c.reply_count as usize > c.replies.len() {
                    completeness = Completeness::Partial {
                        reason: "giscus sends at most 100 replies per comment".into(),
                    };
                }
            }
            match (d.page_info.has_next_page, d.page_info.end_cursor) {
                (true, Some(c)) if cursors.insert(c.clone()) => after = Some(c),
                (true, _) => {
                    completeness = Completeness::Partial {
                        reason: "giscus sent a page cursor it had sent before".into(),
                    };
                    break;
                }
                (false, _) => break,
            }
        }
        Ok(vec![Thread {
            provider: "giscus".into(),
            url,
            stated_count: stated,
            comments: common::thread_order(comments),
            completeness,
            ..Thread::default()
        }])
    }
}
