//! Cusdis (hosted or self-hosted comments): approved comments of a page, ten top-level comments
//! a page with their replies nested inside, `GET {host}/api/open/comments?appId=&pageId=&page=N`.
//!
//! `CommentSystem` fields: `server` = `data-host` (default `https://cusdis.com`), `site` =
//! `data-app-id` (required), `thread` = `data-page-id` (required). Facts and sources:
//! docs/providers/cusdis.md.
//!
//! Posting: `POST {host}/api/open/comments` with the widget's JSON body `{appId, pageId,
//! content, nickname, email, parentId, pageUrl, pageTitle}` (djyde/cusdis:
//! widget/components/Reply.svelte `addComment`; pages/api/open/comments.ts, POST branch). The
//! answer is `{data: Comment}`, the row as created (service/comment.service.ts `addComment`),
//! whose `approved` defaults to false (prisma/*/schema.prisma `model Comment`): held until the
//! site owner approves it.

use super::common::{self, author_name, html_blocks, text_blocks, Pager};
use super::selfhosted as sh;
use super::{Completeness, Ctx, Posted, Provider, ProviderError, Reply, Target, Thread};
use crate::model::Comment;
use serde::Deserialize;
use std::collections::HashSet;

pub struct Cusdis;
pub static PROVIDER: Cusdis = Cusdis;
const NAME: &str = "cusdis";
const DEFAULT_HOST: &str = "https://cusdis.com";

#[derive(Deserialize)]
struct Answer {
    data: Wrapper,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wrapper {
    #[serde(default)]
    comment_count: Option<u32>,
    #[serde(default)]
    page_count: Option<u32>,
    #[serde(default, deserialize_with = "common::nullable")]
    data: Vec<Item>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    id: String,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    content: String,
    #[serde(default)]
    parsed_content: Option<String>,
    #[serde(default, rename = "by_nickname")]
    by_nickname: Option<String>,
    #[serde(default)]
    moderator_id: Option<String>,
    #[serde(default)]
    replies: Option<Wrapper>,
}

fn missing(what: &str) -> ProviderError {
    ProviderError::BadAnswer {
        provider: NAME.to_string(),
        detail: format!("the embed gives no {what}"),
    }
}

/// Flattens one page's comments (replies nested at any depth) without recursion.
fn flatten(items: Vec<Item>, page: &url::Url, seen: &mut HashSet<String>, out: &mut Vec<Comment>) {
    let mut stack: Vec<(Item, Option<String>)> =
        items.into_iter().rev().map(|i| (i, None)).collect();
    while let Some((item, parent)) = stack.pop() {
        if out.len() >= common::MAX_COMMENTS {
            return;
        }
        if !seen.insert(item.id.clone()) {
            continue;
        }
        if let Some(r) = item.replies {
            for child in r.data.into_iter().rev() {
                stack.push((child, Some(item.id.clone())));
            }
        }
        let blocks = match item.parsed_content.as_deref() {
            Some(html) if !html.trim().is_empty() => html_blocks(html, page),
            _ => text_blocks(&item.content),
        };
        out.push(Comment {
            parent,
            author: author_name(item.by_nickname.as_deref()),
            published: common::iso(item.created_at.as_deref()),
            blocks,
            by_post_author: item.moderator_id.is_some(),
            can_reply: true,
            id: item.id,
            ..Comment::default()
        });
    }
}

/// The created comment, as far as parlor reads it (`{data: Comment}`).
#[derive(Deserialize)]
struct Created {
    data: CreatedComment,
}

#[derive(Deserialize)]
struct CreatedComment {
    id: String,
    #[serde(default)]
    approved: Option<bool>,
}

/// Says what came of `POST /api/open/comments` from Cusdis's status and body.
pub fn classify_new(status: u16, body: &[u8], url: &url::Url) -> Result<Posted, ProviderError> {
    let answer = crate::net::ApiAnswer {
        status,
        final_url: url.clone(),
        headers: Vec::new(),
        body: body.to_vec(),
    };
    classify(&answer, url)
}

fn classify(answer: &crate::net::ApiAnswer, url: &url::Url) -> Result<Posted, ProviderError> {
    if !answer.is_success() {
        // A deleted project: 404 `{message: 'Project not found'}` (comments.ts); a Boom error:
        // `{error, message}`; anything unexpected: 500 `{message: 'Unexpected error'}`
        // (utils.server.ts `apiHandler`).
        return Err(sh::failure(NAME, answer, url, &sh::words(&answer.body)));
    }
    let created: Created = sh::parse(NAME, answer)?;
    let id = created.data.id;
    match created.data.approved {
        Some(true) => Ok(Posted::Published { id, url: None }),
        Some(false) => Ok(Posted::Held {
            id: Some(id),
            url: None,
        }),
        None => Err(sh::unknown(
            NAME,
            format!("it answered comment {id} without saying whether it is approved"),
        )),
    }
}

impl Provider for Cusdis {
    fn name(&self) -> &'static str {
        NAME
    }

    fn posting(&self, _system: &crate::model::CommentSystem) -> super::Posting {
        // The widget posts without signing in: a nickname is required, the email optional
        // (Reply.svelte `addComment`).
        super::Posting::Anonymous
    }

    fn permalink(&self, target: &Target, _id: &str) -> Option<String> {
        // The widget renders in an iframe without an anchor per comment: the page itself.
        common::embed(target).map(|(_, page)| page.to_string())
    }

    fn post(&self, ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Err(ProviderError::Unsupported {
                provider: NAME.into(),
                why: "a Cusdis reply needs the page that embeds it".into(),
            });
        };
        let app = system.site.as_deref().ok_or_else(|| missing("app id"))?;
        let page_id = system.thread.as_deref().ok_or_else(|| missing("page id"))?;
        // `by_nickname` is a required column; without it Cusdis answers 500.
        let nickname = sh::given(reply.name.as_deref()).ok_or_else(|| {
            sh::refused(
                NAME,
                "Cusdis needs a name for the comment: set [identity] name in the config",
            )
        })?;
        let base = sh::base(ctx, NAME, system.server.as_deref(), Some(DEFAULT_HOST))?;
        let url = common::endpoint(&base, "api/open/comments");
        let mut body = serde_json::json!({
            "appId": app,
            "pageId": page_id,
            "content": reply.text,
            "nickname": nickname,
            "email": sh::given(reply.email.as_deref()).unwrap_or(""),
            "pageUrl": system.url.clone().unwrap_or_else(|| page.to_string()),
            "pageTitle": reply.title.clone().unwrap_or_default(),
        });
        if let Some(p) = sh::parent(reply.parent.as_deref()) {
            body["parentId"] = serde_json::Value::String(p.to_string());
        }
        let answer = sh::send(ctx, &sh::json("POST", url.clone(), &body))?;
        classify(&answer, &url)
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let app = system.site.as_deref().ok_or_else(|| missing("app id"))?;
        let page_id = system.thread.as_deref().ok_or_else(|| missing("page id"))?;
        let base = common::base_url(
            ctx.base_override,
            NAME,
            system.server.as_deref(),
            Some(DEFAULT_HOST),
        )?;
        let mut pager = Pager::new(ctx.deadline);
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut stated = None;
        let mut completeness = Completeness::Full;
        let mut n: u32 = 1;
        loop {
            if let Err(reason) = pager.next(&n.to_string(), out.len()) {
                completeness = Completeness::Partial { reason };
                break;
            }
            let mut url = common::endpoint(&base, "api/open/comments");
            url.query_pairs_mut()
                .append_pair("appId", app)
                .append_pair("pageId", page_id)
                .append_pair("page", &n.to_string());
            let answer: Answer = match common::get_json(ctx, NAME, url) {
                Ok(a) => a,
                Err(e) => {
                    completeness = common::stop_on_error(e, out.len())?;
                    break;
                }
            };
            let w = answer.data;
            if n == 1 {
                stated = w.comment_count;
            }
            let before = out.len();
            let was_empty = w.data.is_empty();
            flatten(w.data, page, &mut seen, &mut out);
            if !was_empty && out.len() == before {
                completeness = Completeness::Partial {
                    reason: format!("page {n} repeated comments already read"),
                };
                break;
            }
            if was_empty || n >= w.page_count.unwrap_or(1) {
                break;
            }
            n += 1;
        }
        Ok(vec![common::finish(
            NAME,
            Some(page.to_string()),
            out,
            stated,
            completeness,
        )])
    }
}
