//! Hacker News through the Algolia HN Search API: stories whose URL is the post
//! (`/api/v1/search?query=URL&restrictSearchableAttributes=url&tags=story`), then each story's
//! whole comment tree in one request (`/api/v1/items/ID`, recursive `children`).
//! Shapes: docs/discussions.md (from aome510/hackernews-TUI:hackernews_tui/src/client/model.rs
//! and https://hn.algolia.com/api).

use super::same_page;
use crate::extract::sanitize;
use crate::model::Comment;
use crate::threads::common::{get_json, html_blocks, iso_from_epoch};
use crate::threads::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use serde::Deserialize;
use url::Url;

const PUBLIC: &str = "https://hn.algolia.com/";
const SITE: &str = "https://news.ycombinator.com/";
/// Most comments kept from one story (HN's biggest threads have ~5,000).
const MAX_COMMENTS: usize = 20_000;

pub struct HackerNews;

#[derive(Deserialize)]
struct Search {
    #[serde(default)]
    hits: Vec<Hit>,
}

#[derive(Deserialize)]
struct Hit {
    #[serde(rename = "objectID")]
    object_id: String,
    title: Option<String>,
    url: Option<String>,
    points: Option<i64>,
    num_comments: Option<u32>,
    author: Option<String>,
}

#[derive(Deserialize)]
struct Item {
    id: u64,
    author: Option<String>,
    text: Option<String>,
    created_at_i: Option<f64>,
    #[serde(default)]
    children: Vec<Item>,
}

impl Provider for HackerNews {
    fn name(&self) -> &'static str {
        "hn"
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Url(page) = target else {
            return Ok(Vec::new());
        };
        let base = ctx.base(PUBLIC)?;
        let mut search = base.join("api/v1/search").map_err(|e| bad(e.to_string()))?;
        search
            .query_pairs_mut()
            .append_pair("query", page.as_str())
            .append_pair("restrictSearchableAttributes", "url")
            .append_pair("tags", "story");
        let found: Search = get_json(ctx, "hn", search)?;
        let mut threads = Vec::new();
        for hit in found.hits.into_iter().filter(|h| {
            h.url
                .as_deref()
                .is_some_and(|u| same_page(u, page.as_str()))
        }) {
            let Ok(id) = hit.object_id.parse::<u64>() else {
                continue;
            };
            let item_url = base
                .join(&format!("api/v1/items/{id}"))
                .map_err(|e| bad(e.to_string()))?;
            let item: Item = get_json(ctx, "hn", item_url)?;
            let (comments, capped) = flatten(&item);
            threads.push(Thread {
                provider: "hn".into(),
                url: Some(format!("{SITE}item?id={id}")),
                title: hit.title.as_deref().map(sanitize::line),
                points: hit.points,
                stated_count: hit.num_comments,
                submitter: hit.author.as_deref().map(sanitize::line),
                comments,
                completeness: if capped {
                    Completeness::Partial {
                        reason: format!("only the first {MAX_COMMENTS} comments were read"),
                    }
                } else {
                    Completeness::Full
                },
            });
        }
        Ok(threads)
    }
}

fn bad(detail: String) -> ProviderError {
    ProviderError::BadAnswer {
        provider: "hn".into(),
        detail,
    }
}

/// The story's comment tree in pre-order, iteratively (deep trees cannot overflow the stack).
/// A comment with neither author nor text is deleted: kept as "[deleted]" so its replies
/// keep their place.
fn flatten(story: &Item) -> (Vec<Comment>, bool) {
    let item_base = Url::parse(SITE).ok();
    let mut out = Vec::new();
    let mut stack: Vec<(&Item, Option<String>, u16)> = story
        .children
        .iter()
        .rev()
        .map(|c| (c, None, 0u16))
        .collect();
    while let Some((item, parent, depth)) = stack.pop() {
        if out.len() >= MAX_COMMENTS {
            return (out, true);
        }
        let id = item.id.to_string();
        let deleted = item.author.is_none() && item.text.is_none();
        let blocks = match (&item.text, &item_base) {
            (Some(text), Some(b)) => html_blocks(text, b),
            _ => Vec::new(),
        };
        out.push(Comment {
            id: id.clone(),
            parent: parent.clone(),
            depth,
            author: if deleted {
                "[deleted]".into()
            } else {
                item.author
                    .as_deref()
                    .map(sanitize::line)
                    .unwrap_or_default()
            },
            author_url: item
                .author
                .as_deref()
                .map(|a| format!("{SITE}user?id={}", urlencode(a))),
            published: item.created_at_i.and_then(iso_from_epoch),
            permalink: Some(format!("{SITE}item?id={id}")),
            blocks,
            can_reply: false,
            ..Comment::default()
        });
        for child in item.children.iter().rev() {
            stack.push((child, Some(id.clone()), depth.saturating_add(1)));
        }
    }
    (out, false)
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
