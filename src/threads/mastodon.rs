//! Mastodon as comments (a toot announcing the post; its replies are the comments): the root
//! status `GET {host}/api/v1/statuses/{id}`, then `GET …/{id}/context`, whose `descendants` are
//! a flat list; the tree comes from `in_reply_to_id`.
//!
//! `CommentSystem` fields: `server` = the instance (`https://host`, required), `thread` = the
//! status id (required), `site` = the account (`user`, for display only). A token (config) is
//! sent as a bearer token when given: signed-out readers see at most 60 replies, 20 deep.
//! Replies go through the user's own instance (`mastodon/post.rs`, `Posting::Account`).
//! Facts and sources: docs/providers/mastodon.md.

mod post;
pub use post::idempotency_key;

use super::common::{self, author_name, html_blocks, text_blocks};
use super::{Completeness, Ctx, Posted, Posting, Provider, ProviderError, Reply, Target, Thread};
use crate::model::CommentSystem;
use crate::model::{Block, Comment};
use crate::net::ApiRequest;
use serde::Deserialize;
use url::Url;

pub struct Mastodon;
pub static PROVIDER: Mastodon = Mastodon;
const NAME: &str = "mastodon";
/// `DESCENDANTS_LIMIT` for signed-out requests (mastodon's contexts controller).
const SIGNED_OUT_LIMIT: usize = 60;

#[derive(Deserialize)]
struct Status {
    id: String,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    in_reply_to_id: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    content: String,
    #[serde(default, deserialize_with = "common::nullable")]
    spoiler_text: String,
    account: Account,
}

#[derive(Deserialize)]
struct Account {
    id: String,
    #[serde(default, deserialize_with = "common::nullable")]
    acct: String,
    #[serde(default, deserialize_with = "common::nullable")]
    display_name: String,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct Context {
    #[serde(default, deserialize_with = "common::nullable")]
    descendants: Vec<Status>,
}

fn get<T: serde::de::DeserializeOwned>(ctx: &Ctx<'_>, url: Url) -> Result<T, ProviderError> {
    let mut req = ApiRequest::get_json(url);
    if let Some(t) = ctx.token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let answer = common::send(ctx, NAME, &req)?;
    common::parse_json(NAME, &answer)
}

fn to_comment(s: Status, root: &str, op: &str, base: &Url) -> Comment {
    let mut blocks: Vec<Block> = Vec::new();
    if !s.spoiler_text.trim().is_empty() {
        blocks.extend(text_blocks(&format!("Content warning: {}", s.spoiler_text)));
    }
    let link_base = s
        .url
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
        .unwrap_or_else(|| base.clone());
    blocks.extend(html_blocks(&s.content, &link_base));
    let name = if s.account.display_name.trim().is_empty() {
        s.account.acct.as_str()
    } else {
        s.account.display_name.as_str()
    };
    Comment {
        parent: s.in_reply_to_id.filter(|p| p != root),
        author: author_name(Some(name)),
        author_url: common::web_url(s.account.url.as_deref()),
        published: common::iso(s.created_at.as_deref()),
        permalink: common::web_url(s.url.as_deref().or(s.uri.as_deref())),
        blocks,
        by_post_author: s.account.id == op,
        can_reply: true,
        id: s.id,
        ..Comment::default()
    }
}

impl Provider for Mastodon {
    fn name(&self) -> &'static str {
        NAME
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, _page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let id = system
            .thread
            .as_deref()
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric()))
            .ok_or_else(|| ProviderError::BadAnswer {
                provider: NAME.into(),
                detail: "the embed gives no status id".into(),
            })?;
        let base = common::base_url(ctx.base_override, NAME, system.server.as_deref(), None)?;
        let root: Status = get(
            ctx,
            common::endpoint(&base, &format!("api/v1/statuses/{id}")),
        )?;
        let context: Context = get(
            ctx,
            common::endpoint(&base, &format!("api/v1/statuses/{id}/context")),
        )?;
        let got = context.descendants.len();
        let completeness = if ctx.token.is_none() && got >= SIGNED_OUT_LIMIT {
            Completeness::Partial {
                reason: format!(
                    "Mastodon shows at most {SIGNED_OUT_LIMIT} replies to readers who are not \
                     signed in"
                ),
            }
        } else if got > common::MAX_COMMENTS {
            Completeness::Partial {
                reason: format!("stopped at {} comments", common::MAX_COMMENTS),
            }
        } else {
            Completeness::Full
        };
        let comments: Vec<Comment> = context
            .descendants
            .into_iter()
            .take(common::MAX_COMMENTS)
            .map(|s| to_comment(s, &root.id, &root.account.id, &base))
            .collect();
        let mut thread = common::finish(
            NAME,
            common::web_url(root.url.as_deref().or(root.uri.as_deref())),
            comments,
            // `replies_count` counts direct replies only, not the whole thread.
            None,
            completeness,
        );
        thread.submitter = Some(crate::extract::sanitize::line(&root.account.acct));
        Ok(vec![thread])
    }

    /// As the user's own Mastodon account (`parlor login mastodon`).
    fn posting(&self, _system: &CommentSystem) -> Posting {
        Posting::Account("mastodon")
    }

    fn post(&self, ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
        post::post(ctx, target, reply)
    }
}
