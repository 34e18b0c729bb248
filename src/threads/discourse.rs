//! Discourse (a forum topic embedded as a blog's comments): finds the topic, then reads its
//! posts as JSON: `GET {forum}/t/{id}.json` (first posts and the id stream), then the rest by
//! `GET {forum}/t/{id}/posts.json?post_ids[]=…` twenty at a time.
//!
//! The topic comes from `DiscourseEmbed.topicId` when the page sets it; otherwise from the
//! forum's embed page, `GET {forum}/embed/comments?embed_url=URL`, whose links name it.
//!
//! `CommentSystem` fields: `server` = `DiscourseEmbed.discourseUrl` (required), `url` =
//! `discourseEmbedUrl` (default: the page URL), `thread` = `topicId` when given. The topic's
//! first post (the imported article) is not a comment, as in Discourse's own embed. Facts and
//! sources: docs/providers/discourse.md.

use super::common::{self, author_name, deleted_blocks, html_blocks, Pager};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::model::Comment;
use crate::net::ApiRequest;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use url::Url;

pub struct Discourse;
pub static PROVIDER: Discourse = Discourse;
const NAME: &str = "discourse";
/// Posts asked for per `posts.json` request (Discourse's own chunk size).
const CHUNK: usize = 20;

#[derive(Deserialize)]
struct Topic {
    id: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    posts_count: Option<u32>,
    post_stream: Stream,
}

#[derive(Deserialize)]
struct Stream {
    #[serde(default, deserialize_with = "common::nullable")]
    posts: Vec<Post>,
    #[serde(default, deserialize_with = "common::nullable")]
    stream: Vec<u64>,
}

#[derive(Deserialize)]
struct Posts {
    post_stream: Stream,
}

#[derive(Deserialize)]
struct Post {
    id: u64,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    cooked: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    post_number: u64,
    #[serde(default = "regular")]
    post_type: u8,
    #[serde(default)]
    reply_to_post_number: Option<u64>,
    #[serde(default)]
    deleted_at: Option<String>,
    #[serde(default, deserialize_with = "common::nullable")]
    user_deleted: bool,
}

fn regular() -> u8 {
    1
}

/// The topic id from a link on the forum: `/t/{slug}/{id}[/{post}]` or `/t/{id}`.
fn topic_in_link(href: &str, forum: &Url) -> Option<u64> {
    let u = forum.join(href).ok()?;
    if u.host_str() != forum.host_str() {
        return None;
    }
    let segs: Vec<&str> = u.path_segments()?.filter(|s| !s.is_empty()).collect();
    let at = segs.iter().position(|s| *s == "t")?;
    let rest = &segs[at + 1..];
    let id = match rest {
        [slug, id, ..] if !slug.chars().all(|c| c.is_ascii_digit()) => id,
        [id, ..] => id,
        [] => return None,
    };
    id.parse().ok()
}

/// Asks the forum's embed page which topic holds the comments for `embed_url`.
fn find_topic(ctx: &Ctx<'_>, forum: &Url, embed_url: &str) -> Result<u64, ProviderError> {
    let mut url = common::endpoint(forum, "embed/comments");
    url.query_pairs_mut().append_pair("embed_url", embed_url);
    let req = ApiRequest {
        method: "GET",
        url,
        headers: vec![("Accept".into(), "text/html".into())],
        body: crate::net::ApiBody::None,
        follow_redirects: true,
    };
    let answer = common::send(ctx, NAME, &req)?;
    let doc = crate::extract::parse(&answer.text());
    let links = scraper::Selector::parse("a[href]").map_err(|e| ProviderError::BadAnswer {
        provider: NAME.into(),
        detail: format!("selector: {e}"),
    })?;
    doc.select(&links)
        .filter_map(|a| topic_in_link(a.value().attr("href")?, forum))
        .next()
        // The "loading" page (the forum is still importing the post) names no topic yet.
        .ok_or_else(|| ProviderError::NotFound {
            provider: NAME.into(),
        })
}

fn to_comment(
    p: Post,
    by_number: &HashMap<u64, u64>,
    topic_url: &str,
    forum: &Url,
    op: &str,
) -> Comment {
    let deleted = p.deleted_at.is_some() || p.user_deleted;
    let parent = p
        .reply_to_post_number
        .filter(|n| *n > 1)
        .and_then(|n| by_number.get(&n))
        .map(u64::to_string);
    let username = p.username.clone().unwrap_or_default();
    let name = p
        .name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .or(p.username.as_deref());
    Comment {
        id: p.id.to_string(),
        parent,
        author: if deleted {
            common::DELETED.to_string()
        } else {
            author_name(name)
        },
        author_url: (!username.is_empty())
            .then(|| common::endpoint(forum, &format!("u/{username}")).to_string()),
        published: common::iso(p.created_at.as_deref()),
        permalink: Some(format!("{topic_url}/{}", p.post_number)),
        blocks: match p.cooked.as_deref() {
            Some(html) if !deleted => html_blocks(html, forum),
            _ => deleted_blocks(),
        },
        by_post_author: !op.is_empty() && username == op,
        can_reply: !deleted,
        ..Comment::default()
    }
}

impl Provider for Discourse {
    fn name(&self) -> &'static str {
        NAME
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let forum = common::base_url(ctx.base_override, NAME, system.server.as_deref(), None)?;
        let topic_id = match system.thread.as_deref().and_then(|t| t.trim().parse().ok()) {
            Some(id) => id,
            None => {
                let mut embed_url = page.clone();
                embed_url.set_fragment(None);
                let embed_url = system.url.clone().unwrap_or_else(|| embed_url.to_string());
                find_topic(ctx, &forum, &embed_url)?
            }
        };
        let topic: Topic = common::get_json(
            ctx,
            NAME,
            common::endpoint(&forum, &format!("t/{topic_id}.json")),
        )?;
        let slug = topic.slug.clone().unwrap_or_else(|| "topic".to_string());
        let topic_url = common::endpoint(&forum, &format!("t/{slug}/{}", topic.id)).to_string();
        let wanted: Vec<u64> = topic.post_stream.stream.clone();
        let mut posts: Vec<Post> = Vec::new();
        let mut have: HashSet<u64> = HashSet::new();
        for p in topic.post_stream.posts {
            if have.insert(p.id) {
                posts.push(p);
            }
        }
        let mut completeness = Completeness::Full;
        let mut pager = Pager::new(ctx.deadline);
        let missing: Vec<u64> = wanted
            .iter()
            .copied()
            .filter(|id| !have.contains(id))
            .collect();
        for chunk in missing.chunks(CHUNK) {
            let key = chunk.first().map(u64::to_string).unwrap_or_default();
            if let Err(reason) = pager.next(&key, posts.len()) {
                completeness = Completeness::Partial { reason };
                break;
            }
            let mut url = common::endpoint(&forum, &format!("t/{}/posts.json", topic.id));
            {
                let mut q = url.query_pairs_mut();
                for id in chunk {
                    q.append_pair("post_ids[]", &id.to_string());
                }
            }
            let more: Posts = match common::get_json(ctx, NAME, url) {
                Ok(m) => m,
                Err(e) => {
                    completeness = common::stop_on_error(e, posts.len())?;
                    break;
                }
            };
            let before = posts.len();
            for p in more.post_stream.posts {
                if have.insert(p.id) {
                    posts.push(p);
                }
            }
            if posts.len() == before {
                completeness = Completeness::Partial {
                    reason: "the forum answered posts already read".to_string(),
                };
                break;
            }
        }
        // Stream order is thread order on Discourse; keep it, whatever order chunks came in.
        let rank: HashMap<u64, usize> = wanted.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        posts.sort_by_key(|p| {
            (
                rank.get(&p.id).copied().unwrap_or(usize::MAX),
                p.post_number,
            )
        });
        let by_number: HashMap<u64, u64> = posts.iter().map(|p| (p.post_number, p.id)).collect();
        let op = posts
            .iter()
            .find(|p| p.post_number == 1)
            .and_then(|p| p.username.clone())
            .unwrap_or_default();
        let comments: Vec<Comment> = posts
            .into_iter()
            .filter(|p| p.post_number > 1 && p.post_type == 1)
            .take(common::MAX_COMMENTS)
            .map(|p| to_comment(p, &by_number, &topic_url, &forum, &op))
            .collect();
        let mut thread = common::finish(
            NAME,
            Some(topic_url),
            comments,
            topic.posts_count.map(|n| n.saturating_sub(1)),
            completeness,
        );
        thread.title = topic.title.map(|t| crate::extract::sanitize::line(&t));
        thread.submitter = (!op.is_empty()).then_some(op);
        Ok(vec![thread])
    }
}
