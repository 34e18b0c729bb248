//! giscus (GitHub Discussions through giscus.app): `GET {server}/api/discussions?repo=&term=
//! |number=&category=&strict=&first=&after=` answers one page of top-level comments, each with
//! up to 100 replies (`giscus/giscus:pages/api/discussions/index.ts`, shape in
//! `lib/types/adapter.ts`, paging by `pageInfo.endCursor` in `services/giscus/discussions.ts`).
//!
//! Posting (as the user's GitHub account): see `giscus_post.rs`.

use super::common::{self, Fields, MAX_PAGES};
use super::{Completeness, Ctx, Posted, Posting, Provider, ProviderError, Reply, Target, Thread};
use crate::model::{Comment, CommentSystem};
use crate::net::ApiRequest;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

#[path = "giscus_post.rs"]
mod post;

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
    /// The discussion's node id (`IGiscussion.discussion.id` in `lib/types/adapter.ts`).
    id: Option<String>,
    #[serde(default)]
    locked: bool,
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

/// What one walk over a discussion's pages gives.
struct Walked {
    /// The discussion's node id (`D_…`), for `addDiscussionComment`.
    id: Option<String>,
    locked: bool,
    url: Option<String>,
    stated: Option<u32>,
    comments: Vec<Comment>,
    /// Each comment's top-level comment (itself for a top-level one): giscus threads are two
    /// levels, and GitHub takes `replyToId` only for a top-level comment.
    tops: HashMap<String, String>,
    completeness: Completeness,
}

/// Reads every page of the discussion for the embed, through giscus.app without any token.
fn walk(ctx: &Ctx<'_>, system: &CommentSystem, page: &url::Url) -> Result<Walked, ProviderError> {
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
    let mut w = Walked {
        id: None,
        locked: false,
        url: None,
        stated: None,
        comments: Vec::new(),
        tops: HashMap::new(),
        completeness: Completeness::Full,
    };
    let mut after: Option<String> = None;
    let mut cursors = HashSet::new();
    for n in 0.. {
        if n >= MAX_PAGES || ctx.late() {
            w.completeness = Completeness::Partial {
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
        w.id = w.id.or(d.id.clone());
        w.locked |= d.locked;
        w.url = w.url.or(d.url.clone());
        w.stated = Some(d.total_comment_count.saturating_add(d.total_reply_count));
        for c in &d.comments {
            w.comments.push(to_comment(c, None, page));
            w.tops.insert(c.id.clone(), c.id.clone());
            for r in &c.replies {
                let parent = r.reply_to_id.clone().unwrap_or_else(|| c.id.clone());
                w.comments.push(to_comment(r, Some(parent), page));
                w.tops.insert(r.id.clone(), c.id.clone());
            }
            if c.reply_count as usize > c.replies.len() {
                w.completeness = Completeness::Partial {
                    reason: "giscus sends at most 100 replies per comment".into(),
                };
            }
        }
        match (d.page_info.has_next_page, d.page_info.end_cursor) {
            (true, Some(c)) if cursors.insert(c.clone()) => after = Some(c),
            (true, _) => {
                w.completeness = Completeness::Partial {
                    reason: "giscus sent a page cursor it had sent before".into(),
                };
                break;
            }
            (false, _) => break,
        }
    }
    Ok(w)
}

impl Provider for Giscus {
    fn name(&self) -> &'static str {
        "giscus"
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Embed { system, page } = target else {
            return Ok(Vec::new());
        };
        let w = walk(ctx, system, page)?;
        Ok(vec![Thread {
            provider: "giscus".into(),
            url: w.url,
            stated_count: w.stated,
            comments: common::thread_order(w.comments),
            completeness: w.completeness,
            ..Thread::default()
        }])
    }

    fn posting(&self, _system: &CommentSystem) -> Posting {
        Posting::Account("github")
    }

    fn post(&self, ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
        post::post(ctx, target, reply)
    }
}
