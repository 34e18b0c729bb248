//! Ghost native comments (members API, read without signing in): top-level comments twenty a
//! page, `GET {site}/members/api/comments/post/{postId}/?limit=20&page=N`, each with its first
//! replies and `count.replies`; the rest of a comment's replies from
//! `GET {site}/members/api/comments/{id}/replies/?limit=100&filter=id:>'LAST'`.
//!
//! `CommentSystem` fields: `server` = `data-ghost-comments` (the site URL; default: the page's
//! origin), `thread` = `data-post-id` (required). Replies point at their top-level comment
//! (`parent_id`) and, when they answer a reply, at it (`in_reply_to_id`). Facts and sources:
//! docs/providers/ghost.md.

use super::common::{self, author_name, deleted_blocks, html_blocks, Pager};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::model::Comment;
use serde::Deserialize;
use std::collections::HashSet;
use url::Url;

pub struct Ghost;
pub static PROVIDER: Ghost = Ghost;
const NAME: &str = "ghost";

#[derive(Deserialize)]
struct Page {
    #[serde(default, deserialize_with = "common::nullable")]
    comments: Vec<GhostComment>,
    #[serde(default)]
    meta: Option<Meta>,
}

#[derive(Deserialize)]
struct Meta {
    pagination: Pagination,
}

#[derive(Deserialize)]
struct Pagination {
    #[serde(default)]
    pages: Option<u32>,
    #[serde(default)]
    total: Option<u32>,
    #[serde(default)]
    next: Option<u32>,
}

#[derive(Deserialize)]
struct GhostComment {
    id: String,
    #[serde(default)]
    parent_id: Option<String>,
    #[serde(default)]
    in_reply_to_id: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    member: Option<Member>,
    #[serde(default, deserialize_with = "common::nullable")]
    replies: Vec<GhostComment>,
    #[serde(default)]
    count: Option<Count>,
}

#[derive(Deserialize)]
struct Member {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct Count {
    #[serde(default)]
    replies: Option<u32>,
}

fn to_comment(c: &GhostComment, parent: Option<String>, page: &Url) -> Comment {
    let published = c.status.as_deref().is_none_or(|s| s == "published");
    let html = c.html.as_deref().filter(|_| published);
    let mut permalink = page.clone();
    permalink.set_fragment(Some(&c.id));
    Comment {
        id: c.id.clone(),
        parent,
        author: if published {
            author_name(c.member.as_ref().and_then(|m| m.name.as_deref()))
        } else {
            common::DELETED.to_string()
        },
        published: common::iso(c.created_at.as_deref()),
        permalink: Some(permalink.to_string()),
        blocks: match html {
            Some(h) => html_blocks(h, page),
            None => deleted_blocks(),
        },
        can_reply: published,
        ..Comment::default()
    }
}

/// A reply's parent: the reply it answers when that one is in the thread, else its top comment.
fn reply_parent(r: &GhostComment, top: &str, ids: &HashSet<String>) -> String {
    r.in_reply_to_id
        .clone()
        .filter(|i| ids.contains(i))
        .or_else(|| r.parent_id.clone())
        .unwrap_or_else(|| top.to_string())
}

impl Provider for Ghost {
    fn name(&self) -> &'static str {
        NAME
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let post = system
            .thread
            .as_deref()
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric()))
            .ok_or_else(|| ProviderError::BadAnswer {
                provider: NAME.into(),
                detail: "the embed gives no post id".into(),
            })?;
        let origin = page.origin().ascii_serialization();
        let base = common::base_url(
            ctx.base_override,
            NAME,
            system.server.as_deref(),
            Some(&origin),
        )?;
        let mut pager = Pager::new(ctx.deadline);
        let mut tops: Vec<GhostComment> = Vec::new();
        let mut seen = HashSet::new();
        let mut completeness = Completeness::Full;
        let mut stated = None;
        let mut n = 1u32;
        loop {
            if let Err(reason) = pager.next(&format!("p{n}"), tops.len()) {
                completeness = Completeness::Partial { reason };
                break;
            }
            let mut url = common::endpoint(&base, &format!("members/api/comments/post/{post}/"));
            url.query_pairs_mut()
                .append_pair("limit", "20")
                .append_pair("page", &n.to_string());
            let got: Page = match common::get_json(ctx, NAME, url) {
                Ok(p) => p,
                Err(e) => {
                    completeness = common::stop_on_error(e, tops.len())?;
                    break;
                }
            };
            let pagination = got.meta.map(|m| m.pagination);
            if n == 1 {
                stated = pagination.as_ref().and_then(|p| p.total);
            }
            let before = tops.len();
            tops.extend(
                got.comments
                    .into_iter()
                    .filter(|c| seen.insert(c.id.clone())),
            );
            if tops.len() == before && before > 0 {
                completeness = Completeness::Partial {
                    reason: format!("page {n} repeated comments already read"),
                };
                break;
            }
            let next = pagination.as_ref().and_then(|p| p.next);
            match next {
                Some(m)
                    if m > n
                        && pagination
                            .as_ref()
                            .and_then(|p| p.pages)
                            .is_none_or(|p| m <= p) =>
                {
                    n = m
                }
                _ => break,
            }
        }
        // Replies beyond the first few come from the replies endpoint, after the last one read.
        for top in tops.iter_mut() {
            let want = top.count.as_ref().and_then(|c| c.replies).unwrap_or(0) as usize;
            while top.replies.len() < want && matches!(completeness, Completeness::Full) {
                let Some(last) = top.replies.last().map(|r| r.id.clone()) else {
                    break;
                };
                if let Err(reason) = pager.next(&format!("r{}:{last}", top.id), seen.len()) {
                    completeness = Completeness::Partial { reason };
                    break;
                }
                let mut url =
                    common::endpoint(&base, &format!("members/api/comments/{}/replies/", top.id));
                url.query_pairs_mut()
                    .append_pair("limit", "100")
                    .append_pair("filter", &format!("id:>'{last}'"));
                let got: Page = match common::get_json(ctx, NAME, url) {
                    Ok(p) => p,
                    Err(e) => {
                        completeness = common::stop_on_error(e, 1)?;
                        break;
                    }
                };
                let before = top.replies.len();
                top.replies.extend(
                    got.comments
                        .into_iter()
                        .filter(|c| seen.insert(c.id.clone())),
                );
                if top.replies.len() == before {
                    break;
                }
            }
        }
        let mut out = Vec::new();
        for mut top in tops {
            let replies = std::mem::take(&mut top.replies);
            let ids: HashSet<String> = replies.iter().map(|r| r.id.clone()).collect();
            out.push(to_comment(&top, None, page));
            for r in &replies {
                out.push(to_comment(r, Some(reply_parent(r, &top.id, &ids)), page));
            }
        }
        out.truncate(common::MAX_COMMENTS);
        Ok(vec![common::finish(
            NAME,
            Some(page.to_string()),
            out,
            stated,
            completeness,
        )])
    }
}
