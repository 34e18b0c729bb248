//! Webmentions received by webmention.io: replies (and RSVPs) become comments, plain mentions
//! become pingback-like entries, likes, reposts and bookmarks are counted, not listed.
//! `GET https://webmention.io/api/mentions.jf2?target=URL&per-page=100&page=N&sort-by=published
//! &sort-dir=up`, pages from 0 until one comes back short.
//!
//! `CommentSystem` fields: `server` = the `<link rel="webmention">` endpoint (only
//! webmention.io has a public reading API), `url` = the page URL mentions target (default: the
//! page URL without its fragment). The counts travel in `Thread::points` (likes) and
//! `Thread::title` ("3 likes, 1 repost"). Facts and sources: docs/providers/webmention.md.

use super::common::{self, author_name, html_blocks, text_blocks, Pager};
use super::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use crate::model::{Comment, CommentKind};
use serde::Deserialize;
use std::collections::HashSet;
use url::Url;

pub struct Webmention;
pub static PROVIDER: Webmention = Webmention;
const NAME: &str = "webmention";
const API: &str = "https://webmention.io/";
const PER_PAGE: usize = 100;

#[derive(Deserialize)]
struct Feed {
    #[serde(default, deserialize_with = "common::nullable")]
    children: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "wm-id")]
    wm_id: serde_json::Value,
    #[serde(rename = "wm-property", default, deserialize_with = "common::nullable")]
    property: String,
    #[serde(rename = "wm-received", default)]
    received: Option<String>,
    #[serde(default)]
    author: Option<Author>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    content: Option<Content>,
    #[serde(default)]
    rsvp: Option<String>,
}

#[derive(Deserialize)]
struct Author {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct Content {
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

#[derive(Default)]
struct Counts {
    likes: u32,
    reposts: u32,
    bookmarks: u32,
}

impl Counts {
    fn summary(&self) -> Option<String> {
        let part = |n: u32, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let parts: Vec<String> = [
            part(self.likes, "like", "likes"),
            part(self.reposts, "repost", "reposts"),
            part(self.bookmarks, "bookmark", "bookmarks"),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// The entry as a comment, or `None` when it is only counted.
fn to_comment(e: Entry, id: String, counts: &mut Counts, page: &Url) -> Option<Comment> {
    let kind = match e.property.as_str() {
        "in-reply-to" | "rsvp" => CommentKind::Comment,
        "like-of" => {
            counts.likes += 1;
            return None;
        }
        "repost-of" => {
            counts.reposts += 1;
            return None;
        }
        "bookmark-of" => {
            counts.bookmarks += 1;
            return None;
        }
        _ => CommentKind::Pingback,
    };
    let base = e
        .url
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
        .unwrap_or_else(|| page.clone());
    let mut blocks = match e.content.as_ref() {
        Some(Content { html: Some(h), .. }) if !h.trim().is_empty() => html_blocks(h, &base),
        Some(Content { text: Some(t), .. }) => text_blocks(t),
        _ => text_blocks(e.name.as_deref().unwrap_or_default()),
    };
    if let Some(r) = e.rsvp.as_deref() {
        let mut with_rsvp = text_blocks(&format!("RSVP: {r}"));
        with_rsvp.append(&mut blocks);
        blocks = with_rsvp;
    }
    if blocks.is_empty() && kind == CommentKind::Pingback {
        blocks = text_blocks(e.url.as_deref().unwrap_or("mentioned this page"));
    }
    let author = e.author.as_ref();
    Some(Comment {
        id,
        parent: None,
        author: author_name(author.and_then(|a| a.name.as_deref())),
        author_url: common::web_url(author.and_then(|a| a.url.as_deref())),
        // webmention.io omits the offset when it does not know it: keep that text as shown.
        published: common::iso(e.published.as_deref())
            .or_else(|| common::iso(e.received.as_deref())),
        published_text: e
            .published
            .as_deref()
            .filter(|p| common::iso(Some(p)).is_none())
            .map(crate::extract::sanitize::line),
        permalink: common::web_url(e.url.as_deref()),
        blocks,
        kind,
        ..Comment::default()
    })
}

impl Provider for Webmention {
    fn name(&self) -> &'static str {
        NAME
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Some((system, page)) = common::embed(target) else {
            return Ok(Vec::new());
        };
        let endpoint_host = system
            .server
            .as_deref()
            .and_then(|s| Url::parse(s).ok())
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
        let on_webmention_io = endpoint_host
            .as_deref()
            .is_some_and(|h| h == "webmention.io" || h.ends_with(".webmention.io"));
        if ctx.base_override.is_none() && !on_webmention_io {
            return Err(ProviderError::Unsupported {
                provider: NAME.into(),
                why: format!(
                    "this page receives webmentions at {}, which offers no public way to read them",
                    endpoint_host.unwrap_or_else(|| "an unknown endpoint".into())
                ),
            });
        }
        let base = common::base_url(ctx.base_override, NAME, None, Some(API))?;
        let target_url = system.url.clone().unwrap_or_else(|| {
            let mut u = page.clone();
            u.set_fragment(None);
            u.to_string()
        });
        let mut pager = Pager::new(ctx.deadline);
        let mut counts = Counts::default();
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut completeness = Completeness::Full;
        for n in 0usize.. {
            if let Err(reason) = pager.next(&n.to_string(), out.len()) {
                completeness = Completeness::Partial { reason };
                break;
            }
            let mut url = common::endpoint(&base, "api/mentions.jf2");
            url.query_pairs_mut()
                .append_pair("target", &target_url)
                .append_pair("per-page", &PER_PAGE.to_string())
                .append_pair("page", &n.to_string())
                .append_pair("sort-by", "published")
                .append_pair("sort-dir", "up");
            let feed: Feed = match common::get_json(ctx, NAME, url) {
                Ok(f) => f,
                Err(e) => {
                    completeness = common::stop_on_error(e, n.max(out.len()))?;
                    break;
                }
            };
            let got = feed.children.len();
            let mut fresh = 0;
            for e in feed.children {
                let id = match &e.wm_id {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if !seen.insert(id.clone()) {
                    continue;
                }
                fresh += 1;
                if let Some(c) = to_comment(e, id, &mut counts, page) {
                    out.push(c);
                }
            }
            if got > 0 && fresh == 0 {
                completeness = Completeness::Partial {
                    reason: format!("page {n} repeated mentions already read"),
                };
                break;
            }
            if got < PER_PAGE {
                break;
            }
        }
        let stated = u32::try_from(out.len()).ok();
        let mut thread = common::finish(NAME, Some(target_url), out, stated, completeness);
        thread.points = (counts.likes > 0).then_some(i64::from(counts.likes));
        thread.title = counts.summary();
        Ok(vec![thread])
    }
}
