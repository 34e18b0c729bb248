//! dev.to (Forem): an article's comments as a tree, `GET {site}/api/comments?a_id=ID&page=N
//! &per_page=50`; a page holds up to 50 root comments with all their `children`.
//!
//! `CommentSystem` fields: `server` = the Forem site (default `https://dev.to`), `thread` = the
//! article id (required; dev.to pages carry it as `data-article-id`). Deleted and hidden
//! comments come with a placeholder body and an empty user. Facts and sources:
//! docs/providers/devto.md.

use super::common::{self, author_name, deleted_blocks, html_blocks, Pager};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::model::Comment;
use serde::Deserialize;
use std::collections::HashSet;
use url::Url;

pub struct DevTo;
pub static PROVIDER: DevTo = DevTo;
const NAME: &str = "devto";
const DEFAULT_SITE: &str = "https://dev.to";
const PER_PAGE: usize = 50;

#[derive(Deserialize)]
struct Item {
    id_code: String,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    body_html: Option<String>,
    #[serde(default)]
    user: Option<User>,
    #[serde(default, deserialize_with = "common::nullable")]
    children: Vec<Item>,
}

#[derive(Deserialize)]
struct User {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    username: Option<String>,
}

impl Provider for DevTo {
    fn name(&self) -> &'static str {
        NAME
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let article = system
            .thread
            .as_deref()
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
            .ok_or_else(|| ProviderError::BadAnswer {
                provider: NAME.into(),
                detail: "the page gives no article id".into(),
            })?;
        let base = common::base_url(
            ctx.base_override,
            NAME,
            system.server.as_deref(),
            Some(DEFAULT_SITE),
        )?;
        let site = Url::parse(system.server.as_deref().unwrap_or(DEFAULT_SITE))
            .unwrap_or_else(|_| base.clone());
        let mut pager = Pager::new(ctx.deadline);
        let mut out: Vec<Comment> = Vec::new();
        let mut seen = HashSet::new();
        let mut completeness = Completeness::Full;
        for n in 1usize.. {
            if let Err(reason) = pager.next(&n.to_string(), out.len()) {
                completeness = Completeness::Partial { reason };
                break;
            }
            let mut url = common::endpoint(&base, "api/comments");
            url.query_pairs_mut()
                .append_pair("a_id", article)
                .append_pair("page", &n.to_string())
                .append_pair("per_page", &PER_PAGE.to_string());
            let roots: Vec<Item> = match common::get_json(ctx, NAME, url) {
                Ok(r) => r,
                Err(e) => {
                    completeness = common::stop_on_error(e, out.len())?;
                    break;
                }
            };
            let got = roots.len();
            let before = out.len();
            let mut stack: Vec<(Item, Option<String>)> =
                roots.into_iter().rev().map(|i| (i, None)).collect();
            while let Some((mut item, parent)) = stack.pop() {
                if out.len() >= common::MAX_COMMENTS {
                    break;
                }
                if !seen.insert(item.id_code.clone()) {
                    continue;
                }
                for child in std::mem::take(&mut item.children).into_iter().rev() {
                    stack.push((child, Some(item.id_code.clone())));
                }
                out.push(to_comment(item, parent, &site));
            }
            if got > 0 && out.len() == before {
                completeness = Completeness::Partial {
                    reason: format!("page {n} repeated comments already read"),
                };
                break;
            }
            if got < PER_PAGE {
                break;
            }
        }
        Ok(vec![common::finish(
            NAME,
            Some(page.to_string()),
            out,
            None,
            completeness,
        )])
    }
}

/// Forem sends `user: {}` for deleted and hidden comments.
fn to_comment(item: Item, parent: Option<String>, site: &Url) -> Comment {
    let username = item.user.as_ref().and_then(|u| u.username.clone());
    let gone = username.is_none();
    let name = item
        .user
        .as_ref()
        .and_then(|u| u.name.as_deref().filter(|n| !n.trim().is_empty()))
        .or(username.as_deref());
    Comment {
        parent,
        author: if gone {
            common::DELETED.to_string()
        } else {
            author_name(name)
        },
        author_url: username
            .as_deref()
            .map(|u| common::endpoint(site, u).to_string()),
        published: common::iso(item.created_at.as_deref()),
        permalink: username
            .as_deref()
            .map(|u| common::endpoint(site, &format!("{u}/comment/{}", item.id_code)).to_string()),
        // Forem's own placeholder ("[deleted]", "[hidden by post author]") says which.
        blocks: match item.body_html.as_deref() {
            Some(h) if !h.trim().is_empty() => html_blocks(h, site),
            _ => deleted_blocks(),
        },
        can_reply: !gone,
        id: item.id_code,
        ..Comment::default()
    }
}
