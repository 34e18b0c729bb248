//! Remark42 (self-hosted comments): reads a post's whole thread in one request,
//! `GET {host}/api/v1/find?site=SITE&url=URL&format=tree&sort=+time`.
//!
//! `CommentSystem` fields: `server` = `remark_config.host` (required), `site` =
//! `remark_config.site_id` (default `remark`), `url` = `remark_config.url` (default: the page's
//! origin + path, as the widget does). Facts and sources: docs/providers/remark42.md.
//! Posting: anonymous sign-in with the config name, where the site allows it ([`post`]).

use super::common::{self, author_name, deleted_blocks, html_blocks};
use super::{Completeness, Ctx, Posted, Provider, ProviderError, Reply, Target, Thread};
use crate::model::Comment;
use serde::Deserialize;
use url::Url;

pub struct Remark42;
pub static PROVIDER: Remark42 = Remark42;
const NAME: &str = "remark42";

pub mod post;

#[derive(Deserialize)]
struct Tree {
    #[serde(default, deserialize_with = "common::nullable")]
    comments: Vec<Node>,
    #[serde(default)]
    info: Option<Info>,
}

#[derive(Deserialize)]
struct Info {
    #[serde(default)]
    count: Option<u32>,
}

#[derive(Deserialize)]
struct Node {
    comment: RemarkComment,
    #[serde(default, deserialize_with = "common::nullable")]
    replies: Vec<Node>,
}

#[derive(Deserialize)]
struct RemarkComment {
    id: String,
    #[serde(default, deserialize_with = "common::nullable")]
    text: String,
    #[serde(default, deserialize_with = "common::nullable")]
    user: User,
    #[serde(default)]
    time: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    delete: bool,
}

#[derive(Deserialize, Default)]
struct User {
    #[serde(default)]
    name: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    admin: bool,
}

/// The thread URL Remark42 keys comments by: `url`, else the page's origin + path.
pub fn post_url(system: &crate::model::CommentSystem, page: &Url) -> String {
    if let Some(u) = system.url.as_deref().filter(|u| !u.is_empty()) {
        return u.to_string();
    }
    let mut u = page.clone();
    u.set_query(None);
    u.set_fragment(None);
    u.to_string()
}

impl Provider for Remark42 {
    fn name(&self) -> &'static str {
        NAME
    }

    fn posting(&self, _system: &crate::model::CommentSystem) -> super::Posting {
        // Anonymous sign-in exists only when the server enables it (`AUTH_ANON`), which the
        // page does not say; `post` asks the server's config first and refuses, sending
        // nothing else, when "anonymous" is not among its sign-in providers.
        super::Posting::Anonymous
    }

    fn permalink(&self, target: &Target, id: &str) -> Option<String> {
        let (system, page) = common::embed(target)?;
        let mut u = Url::parse(&post_url(system, page)).ok()?;
        u.set_fragment(Some(&format!("remark42__comment-{id}")));
        Some(u.to_string())
    }

    fn post(&self, ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Err(ProviderError::Unsupported {
                provider: NAME.into(),
                why: "a Remark42 reply needs the page that embeds it".into(),
            });
        };
        post::post(ctx, system, page, reply)
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let base = common::base_url(ctx.base_override, NAME, system.server.as_deref(), None)?;
        let post = post_url(system, page);
        let site = system.site.as_deref().unwrap_or("remark");
        let mut url = common::endpoint(&base, "api/v1/find");
        url.query_pairs_mut()
            .append_pair("site", site)
            .append_pair("url", &post)
            .append_pair("format", "tree")
            .append_pair("sort", "+time");
        let tree: Tree = common::get_json(ctx, NAME, url)?;
        let link_base = Url::parse(&post).unwrap_or_else(|_| page.clone());
        let mut out = Vec::new();
        let mut completeness = Completeness::Full;
        // Depth-first with an explicit stack: nesting from the service cannot overflow ours.
        let mut stack: Vec<(Node, Option<String>)> =
            tree.comments.into_iter().rev().map(|n| (n, None)).collect();
        while let Some((node, parent)) = stack.pop() {
            if out.len() >= common::MAX_COMMENTS {
                completeness = Completeness::Partial {
                    reason: format!("stopped at {} comments", common::MAX_COMMENTS),
                };
                break;
            }
            let c = node.comment;
            let mut permalink = link_base.clone();
            permalink.set_fragment(Some(&format!("remark42__comment-{}", c.id)));
            for r in node.replies.into_iter().rev() {
                stack.push((r, Some(c.id.clone())));
            }
            out.push(Comment {
                author: if c.delete && c.user.name.as_deref() == Some("deleted") {
                    common::DELETED.to_string()
                } else {
                    author_name(c.user.name.as_deref())
                },
                blocks: if c.delete {
                    deleted_blocks()
                } else {
                    html_blocks(&c.text, &link_base)
                },
                published: common::iso(c.time.as_deref()),
                permalink: Some(permalink.to_string()),
                by_post_author: c.user.admin,
                can_reply: !c.delete,
                id: c.id,
                parent,
                ..Comment::default()
            });
        }
        let stated = tree.info.and_then(|i| i.count);
        Ok(vec![common::finish(
            NAME,
            Some(post),
            out,
            stated,
            completeness,
        )])
    }
}
