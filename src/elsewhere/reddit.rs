//! Reddit: posts whose URL is the post (`/api/info.json?url=URL`, a Listing of `t3`), then each
//! post's comments (`/comments/ID.json`: `[Listing(t3), Listing(t1 | more)]`, `replies` a nested
//! Listing or `""`), and a few rounds of `/api/morechildren.json` for "more" stubs; what is still
//! unloaded is reported as partial. Shapes: docs/discussions.md.

use super::same_page;
use crate::extract::sanitize;
use crate::model::Comment;
use crate::threads::common::{get_json, html_blocks, iso_from_epoch, text_blocks, thread_order};
use crate::threads::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use serde::Deserialize;
use url::Url;

const PUBLIC: &str = "https://www.reddit.com/";
/// Most posts (threads) read for one URL.
const MAX_POSTS: usize = 5;
/// "More" requests per post, each for at most 100 ids (Reddit's own limit per call).
const MAX_MORE_REQUESTS: usize = 3;
const MORE_BATCH: usize = 100;

pub struct Reddit;

#[derive(Deserialize)]
struct Listing {
    data: ListingData,
}

#[derive(Deserialize, Default)]
struct ListingData {
    #[serde(default)]
    children: Vec<Thing>,
}

#[derive(Deserialize)]
#[serde(tag = "kind", content = "data")]
enum Thing {
    #[serde(rename = "t1")]
    Comment(Box<T1>),
    #[serde(rename = "t3")]
    Link(Box<T3>),
    #[serde(rename = "more")]
    More(More),
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct T3 {
    id: String,
    title: Option<String>,
    url: Option<String>,
    permalink: Option<String>,
    subreddit: Option<String>,
    score: Option<i64>,
    num_comments: Option<u32>,
    author: Option<String>,
}

#[derive(Deserialize)]
struct T1 {
    id: String,
    parent_id: Option<String>,
    author: Option<String>,
    body: Option<String>,
    body_html: Option<String>,
    created_utc: Option<f64>,
    permalink: Option<String>,
    #[serde(default)]
    replies: Replies,
}

/// `replies` is a Listing, or `""` when there are none.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Replies {
    Listing(Box<Listing>),
    #[default]
    None,
    #[allow(dead_code)]
    Empty(String),
}

#[derive(Deserialize)]
struct More {
    #[serde(default)]
    children: Vec<String>,
}

#[derive(Deserialize)]
struct MoreAnswer {
    json: MoreJson,
}

#[derive(Deserialize)]
struct MoreJson {
    #[serde(default)]
    data: ListingDataThings,
}

#[derive(Deserialize, Default)]
struct ListingDataThings {
    #[serde(default)]
    things: Vec<Thing>,
}

impl Provider for Reddit {
    fn name(&self) -> &'static str {
        "reddit"
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Url(page) = target else {
            return Ok(Vec::new());
        };
        let base = ctx.base(PUBLIC)?;
        let mut info = join(&base, "api/info.json")?;
        info.query_pairs_mut()
            .append_pair("url", page.as_str())
            .append_pair("raw_json", "1");
        let listing: Listing = get_json(ctx, "reddit", info)?;
        let posts = listing.data.children.into_iter().filter_map(|t| match t {
            Thing::Link(p)
                if p.url
                    .as_deref()
                    .is_some_and(|u| same_page(u, page.as_str())) =>
            {
                Some(p)
            }
            _ => None,
        });
        let mut threads = Vec::new();
        for post in posts.take(MAX_POSTS) {
            if !post.id.chars().all(|c| c.is_ascii_alphanumeric()) || post.id.is_empty() {
                continue;
            }
            threads.push(read_post(ctx, &base, &post)?);
        }
        Ok(threads)
    }
}

fn read_post(ctx: &Ctx<'_>, base: &Url, post: &T3) -> Result<Thread, ProviderError> {
    let mut url = join(base, &format!("comments/{}.json", post.id))?;
    url.query_pairs_mut()
        .append_pair("raw_json", "1")
        .append_pair("limit", "500");
    let answer: Vec<Listing> = get_json(ctx, "reddit", url)?;
    let site = Url::parse(PUBLIC).map_err(|e| bad(e.to_string()))?;
    let mut flat = Vec::new();
    let mut more: Vec<String> = Vec::new();
    if let Some(comments) = answer.get(1) {
        collect(&comments.data.children, &site, &mut flat, &mut more);
    }
    let mut rounds = 0;
    while !more.is_empty() && rounds < MAX_MORE_REQUESTS {
        rounds += 1;
        let batch: Vec<String> = more.drain(..more.len().min(MORE_BATCH)).collect();
        let mut url = join(base, "api/morechildren.json")?;
        url.query_pairs_mut()
            .append_pair("api_type", "json")
            .append_pair("raw_json", "1")
            .append_pair("link_id", &format!("t3_{}", post.id))
            .append_pair("children", &batch.join(","));
        let got: MoreAnswer = match get_json(ctx, "reddit", url) {
            Ok(g) => g,
            Err(ProviderError::RateLimited { .. }) => {
                more.extend(batch);
                break;
            }
            Err(e) => return Err(e),
        };
        collect(&got.json.data.things, &site, &mut flat, &mut more);
    }
    let unloaded = more.len();
    let comments = thread_order(flat);
    Ok(Thread {
        provider: "reddit".into(),
        url: post
            .permalink
            .as_deref()
            .and_then(|p| site.join(p).ok())
            .map(|u| u.to_string()),
        title: post.title.as_deref().map(|t| {
            let sub = post
                .subreddit
                .as_deref()
                .map(sanitize::line)
                .unwrap_or_default();
            if sub.is_empty() {
                sanitize::line(t)
            } else {
                format!("r/{sub}: {}", sanitize::line(t))
            }
        }),
        points: post.score,
        stated_count: post.num_comments,
        submitter: post.author.as_deref().map(sanitize::line),
        comments,
        completeness: if unloaded > 0 {
            Completeness::Partial {
                reason: format!(
                    "{unloaded} more comments are on Reddit (press o to read them there)"
                ),
            }
        } else {
            Completeness::Full
        },
    })
}

/// Walks a Listing's children (and their nested `replies`) iteratively into flat comments
/// with parent ids; "more" stubs add their ids to `more`.
fn collect(things: &[Thing], site: &Url, out: &mut Vec<Comment>, more: &mut Vec<String>) {
    let mut stack: Vec<&Thing> = things.iter().rev().collect();
    while let Some(thing) = stack.pop() {
        match thing {
            Thing::Comment(c) => {
                out.push(comment(c, site));
                if let Replies::Listing(l) = &c.replies {
                    stack.extend(l.data.children.iter().rev());
                }
            }
            Thing::More(m) => {
                more.extend(
                    m.children
                        .iter()
                        .filter(|id| {
                            !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric())
                        })
                        .cloned(),
                );
            }
            Thing::Link(_) | Thing::Other => {}
        }
    }
}

fn comment(c: &T1, site: &Url) -> Comment {
    let author = c.author.as_deref().unwrap_or("[deleted]");
    let deleted = author == "[deleted]";
    let blocks = match (&c.body_html, &c.body) {
        (Some(h), _) => html_blocks(h, site),
        (None, Some(b)) => text_blocks(b),
        _ => Vec::new(),
    };
    Comment {
        id: sanitize::line(&c.id),
        parent: c
            .parent_id
            .as_deref()
            .and_then(|p| p.strip_prefix("t1_"))
            .map(sanitize::line),
        author: sanitize::line(author),
        author_url: (!deleted).then(|| format!("{site}user/{}", sanitize::line(author))),
        published: c.created_utc.and_then(iso_from_epoch),
        permalink: c
            .permalink
            .as_deref()
            .and_then(|p| site.join(p).ok())
            .map(|u| u.to_string()),
        blocks,
        ..Comment::default()
    }
}

fn join(base: &Url, path: &str) -> Result<Url, ProviderError> {
    base.join(path).map_err(|e| bad(e.to_string()))
}

fn bad(detail: String) -> ProviderError {
    ProviderError::BadAnswer {
        provider: "reddit".into(),
        detail,
    }
}
