//! Posting on an utterances thread as the user's GitHub account: the issue is found the way the
//! read path finds it (no token), then `POST {account.base}repos/OWNER/REPO/issues/N/comments`
//! with `{"body": TEXT}` and the token — never to the blog or the search host unless it is the
//! account's own API base.
//!
//! Facts: utterances posts the same request (`utterance/utterances:src/github.ts`,
//! `postComment`: `repos/${owner}/${repo}/issues/${issueNumber}/comments`, `{ body }`), and
//! GitHub answers 201 with the comment (`id`, `html_url`) (REST docs, "Create an issue
//! comment"). Issue comments are flat: a reply to a comment starts with a one-line `> ` quote of
//! the parent's author and first line (`GET repos/OWNER/REPO/issues/comments/ID`). A page without
//! an issue yet: utterances opens it through its own bot (`createIssue` via `api.utteranc.es`)
//! on the first comment, in a browser, so parlor says so and sends nothing.

use super::{find_issue, Found};
use crate::auth::github;
use crate::extract::sanitize;
use crate::net::{ApiAnswer, ApiBody, ApiRequest};
use crate::threads::common;
use crate::threads::{Ctx, Posted, ProviderError, Reply, Target};
use serde::Deserialize;

/// Longest first line quoted from the parent.
const QUOTE_CHARS: usize = 120;

#[derive(Deserialize)]
struct Parent {
    user: Option<Login>,
    #[serde(default)]
    body: Option<String>,
}

#[derive(Deserialize)]
struct Login {
    login: Option<String>,
}

#[derive(Deserialize)]
struct Created {
    id: u64,
    /// The comment's page on GitHub (`html_url`, REST "Create an issue comment").
    #[serde(default)]
    html_url: Option<String>,
}

fn refused(message: impl Into<String>) -> ProviderError {
    ProviderError::Refused {
        provider: "utterances".into(),
        message: message.into(),
    }
}

/// Posts `reply` on the issue of `target` (see the module doc).
pub(super) fn post(ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
    let Target::Embed { system, .. } = target else {
        return Err(ProviderError::Unsupported {
            provider: "utterances".into(),
            why: "an utterances reply needs the page that embeds it".into(),
        });
    };
    let Some(account) = ctx.account.filter(|a| a.service == "github") else {
        return Err(ProviderError::Unsupported {
            provider: "utterances".into(),
            why:
                "replying on utterances needs your GitHub account: run `parlor login github` first"
                    .into(),
        });
    };
    let found: Found = match find_issue(ctx, system) {
        Ok(f) => f,
        Err(ProviderError::NotFound { .. }) => {
            return Err(ProviderError::Unsupported {
                provider: "utterances".into(),
                why: "no issue yet for this page; the first comment must be made in a browser (utterances opens the issue through its own bot)".into(),
            })
        }
        Err(e) => return Err(e),
    };
    let text = match reply.parent.as_deref().map(str::trim) {
        None | Some("") => reply.text.clone(),
        Some(p) => format!("{}\n\n{}", quote(ctx, &found, p)?, reply.text),
    };
    let path = format!("repos/{}/issues/{}/comments", found.repo, found.number);
    let body = serde_json::json!({ "body": text }).to_string();
    let req = github::request(account, "POST", &path, ApiBody::Json(body)).map_err(refused)?;
    // Straight to the client: a post is never recorded on or replayed from a tape.
    let answer = ctx.client.api(&req)?;
    classify(&answer)
}

/// `> login wrote: first line` for the comment `id` (utterances has no threading).
fn quote(ctx: &Ctx<'_>, found: &Found, id: &str) -> Result<String, ProviderError> {
    let n: u64 = id
        .parse()
        .map_err(|_| refused(format!("{} is not a GitHub comment id", sanitize::line(id))))?;
    let url = found
        .api
        .join(&format!("repos/{}/issues/comments/{n}", found.repo))
        .map_err(|e| ProviderError::BadAnswer {
            provider: "utterances".into(),
            detail: format!("bad comment URL: {e}"),
        })?;
    let req = ApiRequest::get_json(url).header("Accept", "application/vnd.github+json");
    let (_, parent): (_, Parent) = common::json(ctx, "utterances", &req)?;
    let who = parent
        .user
        .and_then(|u| u.login)
        .map(|l| sanitize::line(&l))
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| common::ANONYMOUS.to_string());
    let body = parent.body.unwrap_or_default();
    let first = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('>'))
        .map(sanitize::line)
        .unwrap_or_default();
    let mut cut: String = first.chars().take(QUOTE_CHARS).collect();
    if first.chars().count() > QUOTE_CHARS {
        cut.push('…');
    }
    Ok(format!("> {who} wrote: {cut}").trim_end().to_string())
}

/// GitHub's answer to the new comment: 201 with its id is published; a refused token, a
/// locked issue or a validation error is refused in GitHub's words; rate limits wait
/// (`common::post_failure`).
fn classify(answer: &ApiAnswer) -> Result<Posted, ProviderError> {
    match answer.status {
        200 | 201 => {
            let c: Created = serde_json::from_slice(&answer.body).map_err(|e| ProviderError::BadAnswer {
                provider: "utterances".into(),
                detail: format!("GitHub answered {} but not with the comment ({e}); check the thread in a browser before sending again", answer.status),
            })?;
            let url = c
                .html_url
                .as_deref()
                .map(crate::extract::sanitize::line)
                .filter(|u| u.starts_with("https://github.com/"));
            Ok(Posted::Published {
                id: c.id.to_string(),
                url,
            })
        }
        _ => Err(common::post_failure(
            answer,
            &common::PostAnswer::github("utterances"),
            chrono::Utc::now(),
        )),
    }
}
