//! Commento, Commento++ and Comentario (self-hosted comments): one POST returns every approved
//! comment of a page, flat, with parent ids and a separate list of commenters.
//!
//! - Commento / Commento++ (`name` "commento"): `POST {server}/api/comment/list` with
//!   `{"commenterToken":"anonymous","domain":HOST,"path":PATH}`; errors come as 200
//!   `{"success":false,"message":…}`.
//! - Comentario (`name` "comentario", [`COMENTARIO`]): `POST {server}/api/embed/comments` with
//!   `{host, path}`.
//!
//! `CommentSystem` fields: `server` = the origin serving `commento.js` / `comentario.js`
//! (required), `site` = the page's host as the script sends it (`location.host`, default: the
//! page's host and port), `thread` = `data-page-id` / `page-id` (default: the page's path).
//! Facts and sources: docs/providers/commento.md. Posting (anonymous, the config identity):
//! [`post`].

use super::common::{self, author_name, deleted_blocks, html_blocks};
use super::{Completeness, Ctx, Posted, Provider, ProviderError, Reply, Target, Thread};
use crate::model::{Comment, CommentSystem};
use crate::net::{ApiBody, ApiRequest};
use serde::Deserialize;
use std::collections::HashMap;
use url::Url;

/// One type, two registered providers (the registry matches `CommentSystem::name`).
pub struct Commento {
    comentario: bool,
}
/// Commento and Commento++ (`name` "commento").
pub static PROVIDER: Commento = Commento { comentario: false };
/// Comentario (`name` "comentario").
pub static COMENTARIO: Commento = Commento { comentario: true };
const NAME: &str = "commento";
const COMENTARIO_NAME: &str = "comentario";

pub mod post;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentoList {
    #[serde(default, deserialize_with = "common::nullable")]
    success: bool,
    #[serde(default)]
    message: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    comments: Vec<CommentoComment>,
    #[serde(default, deserialize_with = "common::nullable")]
    commenters: HashMap<String, CommentoCommenter>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentoComment {
    comment_hex: String,
    #[serde(default, deserialize_with = "common::nullable")]
    commenter_hex: String,
    #[serde(default, deserialize_with = "common::nullable")]
    html: String,
    #[serde(default, deserialize_with = "common::nullable")]
    parent_hex: String,
    #[serde(default)]
    creation_date: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    deleted: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentoCommenter {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    link: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    is_moderator: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ComentarioList {
    #[serde(default, deserialize_with = "common::nullable")]
    comments: Vec<ComentarioComment>,
    #[serde(default, deserialize_with = "common::nullable")]
    commenters: Vec<ComentarioCommenter>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ComentarioComment {
    id: String,
    #[serde(default)]
    parent_id: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    html: String,
    #[serde(default, deserialize_with = "common::nullable")]
    is_deleted: bool,
    #[serde(default, deserialize_with = "common::nullable")]
    is_pending: bool,
    #[serde(default)]
    created_time: Option<String>,
    #[serde(default)]
    user_created: Option<String>,
    #[serde(default)]
    author_name: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ComentarioCommenter {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    website_url: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    is_moderator: bool,
}

/// The host and path the embed script would send for this page.
fn host_path(system: &CommentSystem, page: &Url) -> (String, String) {
    let host = system.site.clone().unwrap_or_else(|| {
        let h = page.host_str().unwrap_or_default();
        match page.port() {
            Some(p) => format!("{h}:{p}"),
            None => h.to_string(),
        }
    });
    let path = system
        .thread
        .clone()
        .unwrap_or_else(|| page.path().to_string());
    (host, path)
}

fn post_json(url: Url, body: serde_json::Value) -> ApiRequest {
    let mut req = ApiRequest::get_json(url);
    req.method = "POST";
    req.body = ApiBody::Json(body.to_string());
    req
}

/// Keeps the service's flat list in creation order (threading comes from the parent ids).
fn by_date(mut v: Vec<Comment>) -> Vec<Comment> {
    v.sort_by(|a, b| a.published.cmp(&b.published));
    v
}

fn read_commento(
    ctx: &Ctx<'_>,
    base: &Url,
    system: &CommentSystem,
    page: &Url,
) -> Result<Vec<Comment>, ProviderError> {
    let (domain, path) = host_path(system, page);
    let url = common::endpoint(base, "api/comment/list");
    let body = serde_json::json!({"commenterToken": "anonymous", "domain": domain, "path": path});
    let answer = common::send(ctx, NAME, &post_json(url, body))?;
    let list: CommentoList = common::parse_json(NAME, &answer)?;
    if !list.success {
        return Err(ProviderError::BadAnswer {
            provider: NAME.to_string(),
            detail: list
                .message
                .map(|m| crate::extract::sanitize::line(&m))
                .unwrap_or_else(|| "the service says the request failed".to_string()),
        });
    }
    let mut out = Vec::with_capacity(list.comments.len());
    for c in list.comments.into_iter().take(common::MAX_COMMENTS) {
        let who = list.commenters.get(&c.commenter_hex);
        let mut permalink = page.clone();
        permalink.set_fragment(Some(&format!("commento-comment-card-{}", c.comment_hex)));
        out.push(Comment {
            parent: (c.parent_hex != "root" && !c.parent_hex.is_empty()).then_some(c.parent_hex),
            author: if c.deleted {
                common::DELETED.to_string()
            } else {
                author_name(who.and_then(|w| w.name.as_deref()))
            },
            // Commento writes the string "undefined" where a commenter has no link.
            author_url: common::web_url(who.and_then(|w| w.link.as_deref())),
            published: common::iso(c.creation_date.as_deref()),
            blocks: if c.deleted {
                deleted_blocks()
            } else {
                html_blocks(&c.html, page)
            },
            permalink: Some(permalink.to_string()),
            by_post_author: who.is_some_and(|w| w.is_moderator),
            can_reply: !c.deleted,
            id: c.comment_hex,
            ..Comment::default()
        });
    }
    Ok(by_date(out))
}

fn read_comentario(
    ctx: &Ctx<'_>,
    base: &Url,
    system: &CommentSystem,
    page: &Url,
) -> Result<Vec<Comment>, ProviderError> {
    let (host, path) = host_path(system, page);
    let url = common::endpoint(base, "api/embed/comments");
    let body = serde_json::json!({"host": host, "path": path});
    let answer = common::send(ctx, "comentario", &post_json(url, body))?;
    let list: ComentarioList = common::parse_json("comentario", &answer)?;
    let people: HashMap<&str, &ComentarioCommenter> =
        list.commenters.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = Vec::with_capacity(list.comments.len());
    for c in list.comments.into_iter().take(common::MAX_COMMENTS) {
        let who = c
            .user_created
            .as_deref()
            .and_then(|u| people.get(u).copied());
        out.push(Comment {
            parent: c.parent_id.filter(|p| !p.is_empty()),
            author: if c.is_deleted {
                common::DELETED.to_string()
            } else {
                author_name(
                    who.and_then(|w| w.name.as_deref())
                        .or(c.author_name.as_deref()),
                )
            },
            author_url: common::web_url(who.and_then(|w| w.website_url.as_deref())),
            published: common::iso(c.created_time.as_deref()),
            blocks: if c.is_deleted {
                deleted_blocks()
            } else {
                html_blocks(&c.html, page)
            },
            permalink: common::web_url(c.url.as_deref()),
            by_post_author: who.is_some_and(|w| w.is_moderator),
            can_reply: !c.is_deleted,
            pending: c.is_pending,
            id: c.id,
            ..Comment::default()
        });
    }
    Ok(by_date(out))
}

impl Provider for Commento {
    fn name(&self) -> &'static str {
        if self.comentario {
            COMENTARIO_NAME
        } else {
            NAME
        }
    }

    fn posting(&self, _system: &CommentSystem) -> super::Posting {
        // Both take anonymous comments unless the site turned them off, which only the answer
        // says (Commento `requireIdentification`, Comentario `authAnonymous`): see [`post`].
        super::Posting::Anonymous
    }

    fn permalink(&self, target: &Target, id: &str) -> Option<String> {
        let (system, page) = common::embed(target)?;
        let mut u = page.clone();
        // Commento's card id (`commento-comment-card-`, frontend/js/commento.js `ID_CARD`);
        // Comentario's comment URL fragment (`#comentario-ID`, internal/data/models.go `URL`).
        let fragment = if self.comentario || system.name == COMENTARIO_NAME {
            format!("comentario-{id}")
        } else {
            format!("commento-comment-card-{id}")
        };
        u.set_fragment(Some(&fragment));
        Some(u.to_string())
    }

    fn post(&self, ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
        let comentario = self.comentario;
        let provider = self.name();
        let Some((system, page)) = common::embed(target) else {
            return Err(ProviderError::Unsupported {
                provider: provider.into(),
                why: "a reply needs the page that embeds the comments".into(),
            });
        };
        let base = super::selfhosted::base(ctx, provider, system.server.as_deref(), None)?;
        if comentario {
            post::post_comentario(ctx, &base, system, page, reply)
        } else {
            post::post_commento(ctx, &base, system, page, reply)
        }
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let comentario = self.comentario || system.name == "comentario";
        let provider = if comentario { "comentario" } else { NAME };
        let base = common::base_url(ctx.base_override, provider, system.server.as_deref(), None)?;
        let comments = if comentario {
            read_comentario(ctx, &base, system, page)?
        } else {
            read_commento(ctx, &base, system, page)?
        };
        let completeness = if comments.len() >= common::MAX_COMMENTS {
            Completeness::Partial {
                reason: format!("stopped at {} comments", common::MAX_COMMENTS),
            }
        } else {
            Completeness::Full
        };
        let count = u32::try_from(comments.len()).ok();
        Ok(vec![common::finish(
            provider,
            Some(page.to_string()),
            comments,
            count,
            completeness,
        )])
    }
}
