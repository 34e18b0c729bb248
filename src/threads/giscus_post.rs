//! Posting on a giscus thread as the user's GitHub account: the discussion is found the way
//! the read path finds it (giscus.app, no token), then GitHub's GraphQL `addDiscussionComment`
//! goes to `{account.base}graphql` with the token — never to giscus.app or the blog.
//!
//! Facts (`giscus/giscus`): `services/github/addDiscussionComment.ts` (top-level:
//! `input: {body, discussionId}`) and `addDiscussionReply.ts` (a reply: the same mutation with
//! `replyToId`), both `Authorization: Bearer TOKEN`, sent by `pages/api/graphql.ts` to
//! `https://api.github.com/graphql`. giscus threads are two levels: GitHub takes `replyToId`
//! only for a top-level comment, so a reply to a reply goes under its top-level comment (as in
//! giscus's own box). A page without a discussion yet: giscus creates it on the first comment
//! with its own GitHub App's token (`pages/api/discussions/index.ts`, `post`), which parlor does
//! not have, so that first comment is made in a browser.
//!
//! Answers: GraphQL errors come with status 200 as `{"errors": [{"type", "message"}]}`; a rate
//! limit has type `RATE_LIMITED` (or `RATE_LIMIT`) (github/docs#22607, renovatebot/renovate#21861,
//! yanyongyu/githubkit#271); a bad token is 401 `{"message": "Bad credentials"}`.

use super::{walk, Walked};
use crate::auth::github;
use crate::net::ApiBody;
use crate::threads::common;
use crate::threads::{Ctx, Posted, ProviderError, Reply, Target};
use serde::Deserialize;

/// `addDiscussionComment.ts`, asking only for what parlor reads back.
const TOP_LEVEL: &str = "mutation($body: String!, $discussionId: ID!) { addDiscussionComment(input: {body: $body, discussionId: $discussionId}) { comment { id url } } }";
/// `addDiscussionReply.ts`, likewise.
const REPLY: &str = "mutation($body: String!, $discussionId: ID!, $replyToId: ID!) { addDiscussionComment(input: {body: $body, discussionId: $discussionId, replyToId: $replyToId}) { comment { id url } } }";

#[derive(Deserialize)]
struct Answer {
    data: Option<Data>,
    #[serde(default)]
    errors: Vec<GraphqlError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Data {
    add_discussion_comment: Option<Added>,
}

#[derive(Deserialize)]
struct Added {
    comment: Option<Created>,
}

#[derive(Deserialize)]
struct Created {
    id: String,
    /// The comment's page on GitHub (the mutation asks for `url`).
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct GraphqlError {
    #[serde(rename = "type")]
    kind: Option<String>,
    message: Option<String>,
}

fn refused(message: impl Into<String>) -> ProviderError {
    ProviderError::Refused {
        provider: "giscus".into(),
        message: message.into(),
    }
}

/// Posts `reply` on the discussion of `target` (see the module doc).
pub(super) fn post(ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
    let Target::Embed { system, page } = target else {
        return Err(ProviderError::Unsupported {
            provider: "giscus".into(),
            why: "a giscus reply needs the page that embeds it".into(),
        });
    };
    let Some(account) = ctx.account.filter(|a| a.service == "github") else {
        return Err(ProviderError::Unsupported {
            provider: "giscus".into(),
            why: "replying on giscus needs your GitHub account: run `parlor login github` first"
                .into(),
        });
    };
    let w: Walked = match walk(ctx, system, page) {
        Ok(w) => w,
        Err(ProviderError::NotFound { .. }) => {
            return Err(ProviderError::Unsupported {
                provider: "giscus".into(),
                why: "no discussion yet for this page; the first comment must be made in a browser (giscus creates the discussion with its own GitHub app)".into(),
            })
        }
        Err(e) => return Err(e),
    };
    if w.locked {
        return Err(refused(
            "the discussion is locked on GitHub: no new comments",
        ));
    }
    let discussion = w.id.ok_or_else(|| ProviderError::BadAnswer {
        provider: "giscus".into(),
        detail: "giscus.app did not give the discussion's id".into(),
    })?;
    let reply_to = match reply.parent.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(w.tops.get(p).cloned().ok_or_else(|| {
            refused(format!(
                "comment {} is not in this discussion (deleted, or beyond what giscus sends)",
                crate::extract::sanitize::line(p)
            ))
        })?),
    };
    let body = match &reply_to {
        None => serde_json::json!({
            "query": TOP_LEVEL,
            "variables": {"body": reply.text, "discussionId": discussion},
        }),
        Some(top) => serde_json::json!({
            "query": REPLY,
            "variables": {"body": reply.text, "discussionId": discussion, "replyToId": top},
        }),
    };
    let req = github::request(account, "POST", "graphql", ApiBody::Json(body.to_string()))
        .map_err(refused)?;
    // Straight to the client: a post is never recorded on or replayed from a tape.
    let answer = ctx.client.api(&req)?;
    classify(answer.status, &answer)
}

/// What GitHub's answer to the mutation says (see the module doc).
fn classify(status: u16, answer: &crate::net::ApiAnswer) -> Result<Posted, ProviderError> {
    if status != 200 {
        return Err(common::post_failure(
            answer,
            &common::PostAnswer::github("giscus"),
            chrono::Utc::now(),
        ));
    }
    let parsed: Answer = serde_json::from_slice(&answer.body).map_err(|e| ProviderError::BadAnswer {
        provider: "giscus".into(),
        detail: format!("GitHub answered 200 but not with the comment ({e}); check the thread in a browser before sending again"),
    })?;
    if let Some(c) = parsed
        .data
        .and_then(|d| d.add_discussion_comment)
        .and_then(|a| a.comment)
    {
        // GitHub's own address of the comment, kept only when it is on GitHub.
        let url = c
            .url
            .as_deref()
            .map(crate::extract::sanitize::line)
            .filter(|u| u.starts_with("https://github.com/"));
        return Ok(Posted::Published {
            id: crate::extract::sanitize::line(&c.id),
            url,
        });
    }
    if parsed.errors.is_empty() {
        return Err(ProviderError::BadAnswer {
            provider: "giscus".into(),
            detail:
                "GitHub answered without the comment or an error; check the thread in a browser"
                    .into(),
        });
    }
    let words: Vec<String> = parsed
        .errors
        .iter()
        .filter_map(|e| e.message.as_deref())
        .map(crate::extract::sanitize::line)
        .filter(|m| !m.is_empty())
        .take(3)
        .collect();
    let said: String = words.join("; ").chars().take(300).collect();
    let said = if said.is_empty() {
        "GitHub refused it without a reason".to_string()
    } else {
        said
    };
    if parsed
        .errors
        .iter()
        .any(|e| matches!(e.kind.as_deref(), Some("RATE_LIMITED" | "RATE_LIMIT")))
    {
        return Err(ProviderError::RateLimited {
            provider: "giscus".into(),
            message: said,
            retry_after: common::retry_after(answer, chrono::Utc::now()),
        });
    }
    Err(refused(said))
}
