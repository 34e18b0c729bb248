//! Looking a post up elsewhere and keeping what was found with the post in the store, for the
//! CLI (`parlor discussions`, `dump --discussions`) and the reader; plus the JSON of threads.

use super::{lookup, Found, SITES};
use crate::net::Client;
use crate::store::{self, Store, DISCUSSION};
use crate::threads::{Completeness, Ctx, Thread};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use url::Url;

/// Time allowed for one whole lookup (all sites, all pages).
pub const DEADLINE: Duration = Duration::from_secs(60);

/// The sites to ask: those configured (known names only), or all.
pub fn chosen_sites(configured: &[String]) -> Vec<String> {
    let known: Vec<String> = configured
        .iter()
        .filter(|s| SITES.iter().any(|p| p.name() == s.as_str()))
        .cloned()
        .collect();
    if known.is_empty() {
        SITES.iter().map(|p| p.name().to_string()).collect()
    } else {
        known
    }
}

/// Looks `url` up on `sites` and stores the threads found with the post (replacing those of
/// the sites asked that answered). A site that failed keeps its stored threads.
pub fn refresh(
    client: &Client,
    store: Option<&mut Store>,
    url: &Url,
    sites: &[String],
    now: i64,
) -> Found {
    let overrides: Vec<(String, Option<Url>)> = sites
        .iter()
        .map(|s| (s.clone(), crate::threads::load::base_override(s)))
        .collect();
    let deadline = Instant::now() + DEADLINE;
    let ctx_for = |site: &str| Ctx {
        client,
        base_override: overrides
            .iter()
            .find(|(s, _)| s == site)
            .and_then(|(_, u)| u.as_ref()),
        token: None,
        deadline: Some(deadline),
        account: None,
        tape: None,
    };
    let found = lookup(url, sites, &ctx_for);
    if let Some(store) = store {
        let answered: Vec<&str> = sites
            .iter()
            .map(String::as_str)
            .filter(|s| !found.failures.iter().any(|(f, _)| f == s))
            .collect();
        if let Err(e) = store.save_threads(
            &store::post_key(url.as_str()),
            DISCUSSION,
            &answered,
            &found.threads,
            now,
        ) {
            tracing::warn!("discussions not kept: {e}");
        }
    }
    found
}

/// The discussions of `url` for the CLI and the reader: looked up now on `sites` (the configured
/// ones when empty; kept in `store`), or the kept ones when offline or when no site answered.
/// Threads come in site order; one line per site that failed.
pub fn find(
    store: Option<&mut Store>,
    url: &Url,
    offline: bool,
    sites: &[String],
) -> (Vec<Thread>, Vec<String>) {
    let Some(store) = store else {
        if offline {
            return (Vec::new(), vec!["the library cannot be opened".into()]);
        }
        return look_up(None, url, sites);
    };
    if offline {
        return (stored(store, url), Vec::new());
    }
    let (mut threads, failures) = look_up(Some(&mut *store), url, sites);
    if threads.is_empty() && !failures.is_empty() {
        // Nothing answered: the kept discussions are better than none.
        threads = stored(store, url);
    }
    (threads, failures)
}

fn look_up(store: Option<&mut Store>, url: &Url, sites: &[String]) -> (Vec<Thread>, Vec<String>) {
    let configured = if sites.is_empty() {
        crate::config::load()
            .map(|c| c.discussions.sites)
            .unwrap_or_default()
    } else {
        sites.to_vec()
    };
    let client = match crate::net::Client::new(crate::net::NetOptions::default()) {
        Ok(c) => c,
        Err(e) => return (Vec::new(), vec![e.to_string()]),
    };
    let chosen = chosen_sites(&configured);
    let mut found = refresh(&client, store, url, &chosen, crate::reading::now());
    sort(&mut found.threads);
    let failures = found
        .failures
        .iter()
        .map(|(site, e)| format!("{}: {e}", super::site_label(site)))
        .collect();
    (found.threads, failures)
}

/// The discussions kept with a post.
pub fn stored(store: &Store, url: &Url) -> Vec<Thread> {
    match store.threads(&store::post_key(url.as_str()), DISCUSSION) {
        Ok(rows) => {
            let mut threads: Vec<Thread> = rows.into_iter().map(|(t, _)| t).collect();
            sort(&mut threads);
            threads
        }
        Err(e) => {
            tracing::warn!("stored discussions unreadable: {e}");
            Vec::new()
        }
    }
}

/// Site order (HN, Lobsters, Reddit), then the biggest thread first.
pub fn sort(threads: &mut [Thread]) {
    let rank = |p: &str| {
        SITES
            .iter()
            .position(|s| s.name() == p)
            .unwrap_or(usize::MAX)
    };
    threads.sort_by(|a, b| {
        rank(&a.provider)
            .cmp(&rank(&b.provider))
            .then(b.comments.len().cmp(&a.comments.len()))
    });
}

/// `discussions: [{site, url, title, points, comment_count, submitter, complete,
/// partial_reason, comments: [...]}]`, comments with the same fields as the blog's own thread.
pub fn threads_json(threads: &[Thread]) -> Value {
    Value::Array(
        threads
            .iter()
            .map(|t| {
                let (complete, reason) = match &t.completeness {
                    Completeness::Full => (true, None),
                    Completeness::Partial { reason } => (false, Some(reason.clone())),
                    Completeness::RateLimited { message, .. } => (false, Some(message.clone())),
                };
                json!({
                    "site": t.provider,
                    "url": t.url,
                    "title": t.title,
                    "points": t.points,
                    "comment_count": t.stated_count,
                    "submitter": t.submitter,
                    "complete": complete,
                    "partial_reason": reason,
                    "comments": t.comments.iter().map(crate::format::comment_json).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
