//! Substack: a post's whole comment tree in one request,
//! `GET {publication}/api/v1/post/{id}/comments?token=&all_comments=true&sort=oldest_first`;
//! replies nest in `children` to any depth. Substack documents no API: the shape is the one
//! open-source clients read (see docs/providers/substack.md).
//!
//! `CommentSystem` fields: `server` = the publication's origin (default: the page's origin),
//! `thread` = the post id (required; the page's `_preloads.post.id`), `url` = the post URL
//! (default: the page URL; its `/p/{slug}` makes the comment permalinks).

use super::common::{self, author_name, deleted_blocks, text_blocks};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::model::Comment;
use serde::Deserialize;
use std::collections::HashSet;
use url::Url;

pub struct Substack;
pub static PROVIDER: Substack = Substack;
const NAME: &str = "substack";

#[derive(Deserialize)]
struct Answer {
    #[serde(default, deserialize_with = "common::nullable")]
    comments: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: serde_json::Value,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    handle: Option<String>,
    #[serde(default)]
    user_id: Option<serde_json::Value>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    deleted: bool,
    #[serde(default, deserialize_with = "common::nullable")]
    children: Vec<Item>,
}

fn id_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Removed comments keep their place (their replies hang under them) without their text.
fn removed(item: &Item) -> bool {
    item.deleted
        || item.body.is_none()
        || matches!(
            item.status.as_deref(),
            Some("deleted" | "moderator_removed" | "flagged")
        )
}

impl Provider for Substack {
    fn name(&self) -> &'static str {
        NAME
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let post_id = system
            .thread
            .as_deref()
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
            .ok_or_else(|| ProviderError::BadAnswer {
                provider: NAME.into(),
                detail: "the page gives no Substack post id".into(),
            })?;
        let origin = page.origin().ascii_serialization();
        let base = common::base_url(
            ctx.base_override,
            NAME,
            system.server.as_deref(),
            Some(&origin),
        )?;
        let mut url = common::endpoint(&base, &format!("api/v1/post/{post_id}/comments"));
        url.query_pairs_mut()
            .append_pair("token", "")
            .append_pair("all_comments", "true")
            .append_pair("sort", "oldest_first");
        let answer: Answer = common::get_json(ctx, NAME, url)?;
        let post_url = system
            .url
            .as_deref()
            .and_then(|u| Url::parse(u).ok())
            .unwrap_or_else(|| page.clone());
        let mut post_path = post_url.path().trim_end_matches('/').to_string();
        post_path.push_str("/comment/");
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut completeness = Completeness::Full;
        let mut stack: Vec<(Item, Option<String>)> = answer
            .comments
            .into_iter()
            .rev()
            .map(|i| (i, None))
            .collect();
        while let Some((mut item, parent)) = stack.pop() {
            if out.len() >= common::MAX_COMMENTS {
                completeness = Completeness::Partial {
                    reason: format!("stopped at {} comments", common::MAX_COMMENTS),
                };
                break;
            }
            let id = id_text(&item.id);
            if !seen.insert(id.clone()) {
                continue;
            }
            for child in std::mem::take(&mut item.children).into_iter().rev() {
                stack.push((child, Some(id.clone())));
            }
            let gone = removed(&item);
            let mut permalink = post_url.clone();
            permalink.set_path(&format!("{post_path}{id}"));
            permalink.set_query(None);
            permalink.set_fragment(None);
            let profile = match (&item.user_id, item.handle.as_deref()) {
                (Some(uid), Some(h)) if !gone => common::web_url(Some(&format!(
                    "https://substack.com/profile/{}-{h}",
                    id_text(uid)
                ))),
                _ => None,
            };
            out.push(Comment {
                parent,
                author: if gone {
                    common::DELETED.to_string()
                } else {
                    author_name(item.name.as_deref())
                },
                author_url: profile,
                published: common::iso(item.date.as_deref()),
                permalink: Some(permalink.to_string()),
                blocks: if gone {
                    deleted_blocks()
                } else {
                    text_blocks(item.body.as_deref().unwrap_or_default())
                },
                can_reply: !gone,
                id,
                ..Comment::default()
            });
        }
        Ok(vec![common::finish(
            NAME,
            Some(post_url.to_string()),
            out,
            None,
            completeness,
        )])
    }
}
