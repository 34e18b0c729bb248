//! utterances (GitHub issues): the issue by number, or found by GitHub's issue search for the
//! term in its title; then its comments, 100 a page, as HTML
//! (`utterance/utterances:src/github.ts`: `loadIssueByTerm`, `loadIssueByNumber`,
//! `commentsRequest`). Unauthenticated by default; a token from config raises GitHub's limit.

use super::common::{self, Fields, MAX_PAGES};
use super::{Completeness, Ctx, Posted, Posting, Provider, ProviderError, Reply, Target, Thread};
use crate::model::CommentSystem;
use crate::net::ApiRequest;

#[path = "utterances_post.rs"]
mod post;
use serde::Deserialize;
use std::collections::HashSet;

/// Comments per page (GitHub's maximum `per_page`).
const PAGE: usize = 100;
/// `GITHUB_ENCODING__HTML_JSON` and `GITHUB_ENCODING__REST_V3` in `src/github.ts`.
const ACCEPT: &str = "application/vnd.github.VERSION.html+json,application/vnd.github.v3+json";

pub struct Utterances;

#[derive(Deserialize)]
struct Search {
    total_count: u64,
    items: Vec<Issue>,
}

#[derive(Deserialize)]
struct Issue {
    number: u64,
    #[serde(default)]
    title: String,
    html_url: Option<String>,
    comments: Option<u32>,
}

#[derive(Deserialize)]
struct User {
    login: Option<String>,
    html_url: Option<String>,
}

#[derive(Deserialize)]
struct IssueComment {
    id: u64,
    html_url: Option<String>,
    #[serde(default)]
    body_html: String,
    user: Option<User>,
    created_at: Option<String>,
}

fn request(ctx: &Ctx<'_>, url: url::Url) -> ApiRequest {
    let req = ApiRequest::get_json(url);
    let mut req = ApiRequest {
        headers: vec![("Accept".into(), ACCEPT.into())],
        ..req
    };
    if let Some(token) = ctx.token {
        req = req.header("Authorization", &format!("Bearer {token}"));
    }
    req
}

/// The issue a page's embed names: by number, or found by GitHub's issue search for the term.
pub(crate) struct Found {
    pub api: url::Url,
    pub repo: String,
    pub number: u64,
    pub url: Option<String>,
    pub stated: Option<u32>,
}

pub(crate) fn find_issue(ctx: &Ctx<'_>, system: &CommentSystem) -> Result<Found, ProviderError> {
    let bad = |detail: String| ProviderError::BadAnswer {
        provider: "utterances".into(),
        detail,
    };
    let repo = system
        .site
        .as_deref()
        .filter(|r| r.split('/').count() == 2)
        .ok_or_else(|| ProviderError::Unsupported {
            provider: "utterances".into(),
            why: "the page names no owner/repo".into(),
        })?;
    let term = system
        .thread
        .as_deref()
        .ok_or_else(|| ProviderError::Unsupported {
            provider: "utterances".into(),
            why: "the page names no issue term".into(),
        })?;
    let api = ctx.base("https://api.github.com/")?;
    if let Some(n) = system.extra.get("issue_number") {
        let number: u64 = n
            .parse()
            .map_err(|_| bad(format!("bad issue number {n}")))?;
        return Ok(Found {
            url: Some(format!("https://github.com/{repo}/issues/{number}")),
            api,
            repo: repo.to_string(),
            number,
            stated: None,
        });
    }
    // `loadIssueByTerm`: quoted term in titles, oldest first; the first title holding the
    // term (case-insensitive) wins, else the first hit.
    let mut search = api
        .join("search/issues")
        .map_err(|e| bad(format!("bad URL search/issues: {e}")))?;
    search
        .query_pairs_mut()
        .append_pair("q", &format!("\"{term}\" type:issue in:title repo:{repo}"))
        .append_pair("sort", "created")
        .append_pair("order", "asc");
    let (_, found): (_, Search) = common::json(ctx, "utterances", &request(ctx, search))?;
    let lower = term.to_lowercase();
    let issue = found
        .items
        .iter()
        .find(|i| i.title.to_lowercase().contains(&lower))
        .or(found.items.first());
    let Some(issue) = issue.filter(|_| found.total_count > 0) else {
        return Err(ProviderError::NotFound {
            provider: "utterances".into(),
        });
    };
    Ok(Found {
        number: issue.number,
        url: issue.html_url.clone(),
        stated: issue.comments,
        api,
        repo: repo.to_string(),
    })
}

impl Provider for Utterances {
    fn name(&self) -> &'static str {
        "utterances"
    }

    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError> {
        let Target::Embed { system, page } = target else {
            return Ok(Vec::new());
        };
        let bad = |detail: String| ProviderError::BadAnswer {
            provider: "utterances".into(),
            detail,
        };
        let found = find_issue(ctx, system)?;
        let (repo, number, url, stated) = (found.repo, found.number, found.url, found.stated);
        let api = found.api;
        let join = |path: &str| {
            api.join(path)
                .map_err(|e| bad(format!("bad URL {path}: {e}")))
        };

        let mut comments = Vec::new();
        let mut completeness = Completeness::Full;
        let mut seen = HashSet::new();
        for n in 1.. {
            if n > MAX_PAGES || ctx.late() {
                completeness = Completeness::Partial {
                    reason: format!("stopped after {} pages", n - 1),
                };
                break;
            }
            let mut u = join(&format!("repos/{repo}/issues/{number}/comments"))?;
            u.query_pairs_mut()
                .append_pair("page", &n.to_string())
                .append_pair("per_page", &PAGE.to_string());
            let (_, page_items): (_, Vec<IssueComment>) =
                common::json(ctx, "utterances", &request(ctx, u))?;
            let len = page_items.len();
            let mut fresh = 0;
            for c in page_items {
                if !seen.insert(c.id) {
                    continue;
                }
                fresh += 1;
                let user = c.user.as_ref();
                comments.push(common::comment(
                    Fields {
                        id: c.id.to_string(),
                        parent: None,
                        depth: 0,
                        author: user.and_then(|u| u.login.as_deref()),
                        author_url: user.and_then(|u| u.html_url.as_deref()),
                        published: c.created_at.clone(),
                        html: &c.body_html,
                        permalink: c.html_url.clone(),
                        deleted: false,
                    },
                    page,
                ));
            }
            if len < PAGE {
                break;
            }
            if fresh == 0 {
                completeness = Completeness::Partial {
                    reason: "GitHub sent a page of comments it had sent before".into(),
                };
                break;
            }
        }
        Ok(vec![Thread {
            provider: "utterances".into(),
            url,
            stated_count: stated,
            comments,
            completeness,
            ..Thread::default()
        }])
    }

    fn posting(&self, _system: &CommentSystem) -> Posting {
        Posting::Account("github")
    }

    fn post(&self, ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
        post::post(ctx, target, reply)
    }
}
