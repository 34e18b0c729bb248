//! Lobsters: stories whose URL is the post (`/stories/url/all.json?url=URL`), then each story
//! with its comments (`/s/SHORT_ID.json`), threaded by `parent_comment`.
//! Shapes from lobsters/lobsters (config/routes.rb, app/controllers/story_urls_controller.rb,
//! app/models/story.rb and comment.rb `as_json`): docs/discussions.md.

use super::same_page;
use crate::extract::sanitize;
use crate::model::Comment;
use crate::threads::common::{get_json, html_blocks, thread_order};
use crate::threads::{Completeness, Ctx, Provider, ProviderError, Target, Thread};
use serde::Deserialize;

const PUBLIC: &str = "https://lobste.rs/";
/// Most stories read for one URL (Lobsters merges resubmissions; a few is plenty).
const MAX_STORIES: usize = 5;

pub struct Lobsters;

/// `submitter_user` / `commenting_user`: a username today, an object in older versions.
#[derive(Deserialize)]
#[serde(untagged)]
enum User {
    Name(String),
    Object { username: String },
}

impl User {
    fn name(&self) -> &str {
        match self {
            User::Name(n) | User::Object { username: n } => n,
        }
    }
}

#[derive(Deserialize)]
struct Story {
    short_id: String,
    title: Option<String>,
    url: Option<String>,
    score: Option<i64>,
    comment_count: Option<u32>,
    comments_url: Option<String>,
    short_id_url: Option<String>,
    submitter_user: Option<User>,
    #[serde(default)]
    comments: Vec<StoryComment>,
}

#[derive(Deserialize)]
struct StoryComment {
    short_id: String,
    created_at: Option<String>,
    #[serde(default)]
    is_deleted: bool,
    #[serde(default)]
    is_moderated: bool,
    parent_comment: Option<String>,
    comment: Option<String>,
    commenting_user: Option<User>,
    short_id_url: Option<String>,
    url: Option<String>,
}

impl Provider for Lobsters {
    fn name(&self) -> &'static str {
        "lobsters"
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Url(page) = target else {
            return Ok(Vec::new());
        };
        let base = ctx.base(PUBLIC)?;
        let mut find = base
            .join("stories/url/all.json")
            .map_err(|e| bad(e.to_string()))?;
        find.query_pairs_mut().append_pair("url", page.as_str());
        let stories: Vec<Story> = match get_json(ctx, "lobsters", find) {
            Ok(s) => s,
            // No story for this URL.
            Err(ProviderError::NotFound { .. }) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut threads = Vec::new();
        for story in stories
            .into_iter()
            .filter(|s| {
                s.url
                    .as_deref()
                    .is_some_and(|u| same_page(u, page.as_str()))
            })
            .take(MAX_STORIES)
        {
            if !valid_short_id(&story.short_id) {
                continue;
            }
            let url = base
                .join(&format!("s/{}.json", story.short_id))
                .map_err(|e| bad(e.to_string()))?;
            let full: Story = get_json(ctx, "lobsters", url)?;
            let comments = thread_order(full.comments.iter().map(comment).collect());
            threads.push(Thread {
                provider: "lobsters".into(),
                url: story.comments_url.or(story.short_id_url),
                title: story.title.as_deref().map(sanitize::line),
                points: story.score,
                stated_count: story.comment_count,
                submitter: story
                    .submitter_user
                    .as_ref()
                    .map(|u| sanitize::line(u.name())),
                comments,
                completeness: Completeness::Full,
            });
        }
        Ok(threads)
    }
}

fn comment(c: &StoryComment) -> Comment {
    let permalink = c.short_id_url.clone().or_else(|| c.url.clone());
    let gone = c.is_deleted || c.is_moderated;
    let base = permalink
        .as_deref()
        .and_then(|p| url::Url::parse(p).ok())
        .or_else(|| url::Url::parse(PUBLIC).ok());
    let blocks = match (&c.comment, &base) {
        (Some(html), Some(b)) => html_blocks(html, b),
        _ => Vec::new(),
    };
    Comment {
        id: sanitize::line(&c.short_id),
        parent: c.parent_comment.as_deref().map(sanitize::line),
        author: if gone && c.commenting_user.is_none() {
            "[deleted]".into()
        } else {
            c.commenting_user
                .as_ref()
                .map(|u| sanitize::line(u.name()))
                .unwrap_or_default()
        },
        author_url: c
            .commenting_user
            .as_ref()
            .map(|u| format!("{PUBLIC}~{}", sanitize::line(u.name()))),
        published: c.created_at.as_deref().map(sanitize::line),
        permalink,
        blocks,
        ..Comment::default()
    }
}

/// Lobsters short ids are short alphanumerics; anything else is not put in a URL path.
fn valid_short_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn bad(detail: String) -> ProviderError {
    ProviderError::BadAnswer {
        provider: "lobsters".into(),
        detail,
    }
}
