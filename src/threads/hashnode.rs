//! Hashnode: a post's comments through the public GraphQL API (`POST https://gql.hashnode.com`,
//! no token needed to read): `publication(host){post(slug){comments(first, after)}}`, twenty
//! comments a page by cursor, each with up to fifty replies (two levels, as Hashnode shows them).
//!
//! `CommentSystem` fields: `server` = the API (default `https://gql.hashnode.com`), `site` = the
//! publication host (default: the page's host), `thread` = the post slug (default: the page
//! path's last segment). GraphQL errors come back as 200 with `errors`. Facts and sources:
//! docs/providers/hashnode.md.

use super::common::{self, author_name, html_blocks, Pager};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::model::Comment;
use crate::net::{ApiBody, ApiRequest};
use serde::Deserialize;
use std::collections::HashSet;
use url::Url;

pub struct Hashnode;
pub static PROVIDER: Hashnode = Hashnode;
const NAME: &str = "hashnode";
const API: &str = "https://gql.hashnode.com/";
const REPLIES: usize = 50;

const QUERY: &str = "query Comments($host: String!, $slug: String!, $first: Int!, $after: String) \
{ publication(host: $host) { post(slug: $slug) { id url comments(first: $first, after: $after) \
{ totalDocuments pageInfo { hasNextPage endCursor } edges { node { id dateAdded stamp \
content { html } author { name username } replies(first: 50) { totalDocuments edges { node \
{ id dateAdded stamp content { html } author { name username } } } } } } } } } }";

#[derive(Deserialize)]
struct Answer {
    #[serde(default)]
    data: Option<Data>,
    #[serde(default, deserialize_with = "common::nullable")]
    errors: Vec<GqlError>,
}

#[derive(Deserialize)]
struct GqlError {
    #[serde(default, deserialize_with = "common::nullable")]
    message: String,
}

#[derive(Deserialize)]
struct Data {
    publication: Option<Publication>,
}

#[derive(Deserialize)]
struct Publication {
    post: Option<Post>,
}

#[derive(Deserialize)]
struct Post {
    #[serde(default)]
    url: Option<String>,
    comments: Connection,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Connection {
    #[serde(default)]
    total_documents: Option<u32>,
    #[serde(default)]
    page_info: Option<PageInfo>,
    #[serde(default, deserialize_with = "common::nullable")]
    edges: Vec<Edge>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    #[serde(default, deserialize_with = "common::nullable")]
    has_next_page: bool,
    #[serde(default)]
    end_cursor: Option<String>,
}

#[derive(Deserialize)]
struct Edge {
    node: Node,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Node {
    id: String,
    #[serde(default)]
    date_added: Option<String>,
    #[serde(default)]
    stamp: Option<String>,
    #[serde(default)]
    content: Option<Content>,
    #[serde(default)]
    author: Option<Author>,
    #[serde(default)]
    replies: Option<Connection>,
}

#[derive(Deserialize)]
struct Content {
    #[serde(default, deserialize_with = "common::nullable")]
    html: String,
}

#[derive(Deserialize)]
struct Author {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    username: Option<String>,
}

fn not_found() -> ProviderError {
    ProviderError::NotFound {
        provider: NAME.into(),
    }
}

fn to_comment(n: &Node, parent: Option<String>, page: &Url) -> Comment {
    let author = n.author.as_ref();
    let name = author
        .and_then(|a| a.name.as_deref().filter(|s| !s.trim().is_empty()))
        .or(author.and_then(|a| a.username.as_deref()));
    let permalink = n.stamp.as_deref().map(|s| {
        let mut u = page.clone();
        u.set_fragment(Some(s));
        u.to_string()
    });
    Comment {
        id: n.id.clone(),
        parent,
        author: author_name(name),
        author_url: author
            .and_then(|a| a.username.as_deref())
            .and_then(|u| common::web_url(Some(&format!("https://hashnode.com/@{u}")))),
        published: common::iso(n.date_added.as_deref()),
        permalink,
        blocks: html_blocks(
            n.content.as_ref().map(|c| c.html.as_str()).unwrap_or(""),
            page,
        ),
        can_reply: true,
        ..Comment::default()
    }
}

impl Provider for Hashnode {
    fn name(&self) -> &'static str {
        NAME
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let host = system
            .site
            .clone()
            .or_else(|| page.host_str().map(String::from))
            .unwrap_or_default();
        let slug = system.thread.clone().unwrap_or_else(|| {
            page.path_segments()
                .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(String::from))
                .unwrap_or_default()
        });
        let api = common::base_url(ctx.base_override, NAME, system.server.as_deref(), Some(API))?;
        let mut pager = Pager::new(ctx.deadline);
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut after: Option<String> = None;
        let mut stated = None;
        let mut post_url = None;
        let mut completeness = Completeness::Full;
        let mut replies_cut = false;
        loop {
            let key = after.clone().unwrap_or_default();
            if let Err(reason) = pager.next(&key, out.len()) {
                completeness = Completeness::Partial { reason };
                break;
            }
            let body = serde_json::json!({
                "query": QUERY,
                "variables": {"host": host, "slug": slug, "first": 20, "after": after},
            });
            let mut req = ApiRequest::get_json(api.clone());
            req.method = "POST";
            req.body = ApiBody::Json(body.to_string());
            let answer: Answer =
                match common::send(ctx, NAME, &req).and_then(|a| common::parse_json(NAME, &a)) {
                    Ok(a) => a,
                    Err(e) => {
                        completeness = common::stop_on_error(e, out.len())?;
                        break;
                    }
                };
            let post = match answer.data.and_then(|d| d.publication).and_then(|p| p.post) {
                Some(p) => p,
                None if !answer.errors.is_empty() => {
                    let words: Vec<&str> =
                        answer.errors.iter().map(|e| e.message.as_str()).collect();
                    return Err(ProviderError::BadAnswer {
                        provider: NAME.into(),
                        detail: crate::extract::sanitize::line(&words.join("; ")),
                    });
                }
                None => return Err(not_found()),
            };
            if stated.is_none() {
                stated = post.comments.total_documents;
                post_url = common::web_url(post.url.as_deref());
            }
            let before = out.len();
            for edge in &post.comments.edges {
                let c = &edge.node;
                if !seen.insert(c.id.clone()) {
                    continue;
                }
                out.push(to_comment(c, None, page));
                if let Some(r) = &c.replies {
                    replies_cut |= r.total_documents.unwrap_or(0) as usize > r.edges.len()
                        && r.edges.len() >= REPLIES;
                    for reply in &r.edges {
                        if seen.insert(reply.node.id.clone()) {
                            out.push(to_comment(&reply.node, Some(c.id.clone()), page));
                        }
                    }
                }
            }
            let next = post
                .comments
                .page_info
                .filter(|p| p.has_next_page)
                .and_then(|p| p.end_cursor);
            if !post.comments.edges.is_empty() && out.len() == before {
                completeness = Completeness::Partial {
                    reason: "the service answered comments already read".to_string(),
                };
                break;
            }
            match next {
                Some(cursor) => after = Some(cursor),
                None => break,
            }
        }
        if replies_cut && completeness == Completeness::Full {
            completeness = Completeness::Partial {
                reason: format!("only the first {REPLIES} replies of a comment were read"),
            };
        }
        Ok(vec![common::finish(
            NAME,
            post_url.or_else(|| Some(page.to_string())),
            out,
            stated,
            completeness,
        )])
    }
}
