//! The pipeline from a fetched page to its script-loaded thread: when the page embeds a comment
//! system parlor has a provider for (and `[providers]` in config allows it), read the thread,
//! put its comments in the post (the API wins when it answers; else the page's own copy stays),
//! and keep the provider's raw answers as one extra stored page (`parlor-thread:NAME`) so the
//! thread opens offline and is re-parsed on load like HTML pages are.
//!
//! Tests point a provider at a loopback server with `PARLOR_PROVIDER_BASE_<NAME>` (e.g.
//! `PARLOR_PROVIDER_BASE_DISQUS=http://127.0.0.1:PORT/`). It is never set by parlor itself, and
//! when set it is announced in the post's warnings, so it cannot change behaviour silently.

use super::tape::{Exchange, Tape};
use super::{for_system, Completeness, Ctx, Target, Thread};
use crate::config::ProvidersConfig;
use crate::extract::sanitize;
use crate::model::{blocks_text, Comment, CommentSystem, Post};
use crate::net::{Client, Fetched, NetOptions};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use url::Url;

/// Stored pages whose URL starts with this hold a provider's raw answers, not HTML.
pub const THREAD_PAGE_SCHEME: &str = "parlor-thread";

/// How long one provider may take for one thread (all its pages).
const DEADLINE: Duration = Duration::from_secs(60);

/// A provider's raw answers for one page, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredThread {
    pub system: CommentSystem,
    pub page: String,
    pub exchanges: Vec<Exchange>,
}

/// `[providers]` from the config file, read once per process (a broken file is reported by the
/// commands that load it; here it means the defaults: every provider on).
fn settings() -> &'static ProvidersConfig {
    static SETTINGS: OnceLock<ProvidersConfig> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        crate::config::load()
            .map(|c| c.providers)
            .unwrap_or_default()
    })
}

/// True for a stored page that holds a provider's answers.
pub fn is_thread_page(url: &str) -> bool {
    url.strip_prefix(THREAD_PAGE_SCHEME)
        .is_some_and(|rest| rest.starts_with(':'))
}

/// The test-only base URL override for a provider, from `PARLOR_PROVIDER_BASE_<NAME>`.
pub fn base_override(name: &str) -> Option<Url> {
    let var = format!("PARLOR_PROVIDER_BASE_{}", name.to_ascii_uppercase());
    Url::parse(&std::env::var(var).ok()?).ok()
}

/// The host a provider talks to, for "comments from … (host)".
fn contacted(system: &CommentSystem, over: Option<&Url>) -> String {
    if let Some(u) = over {
        return u.host_str().unwrap_or("?").to_string();
    }
    let public = match system.name.as_str() {
        "disqus" => Some("disqus.com"),
        "utterances" => Some("api.github.com"),
        _ => None,
    };
    public.map(str::to_string).unwrap_or_else(|| {
        system
            .server
            .as_deref()
            .and_then(|s| Url::parse(s).ok())
            .and_then(|u| u.host_str().map(str::to_string))
            .unwrap_or_else(|| "giscus.app".to_string())
    })
}

/// After a page was fetched: reads its embedded thread (when there is a provider and config
/// allows it), puts the comments in `post`, and appends the raw answers to `pages` as a
/// `parlor-thread:NAME` page. Failures become warnings; the page's own comments stay.
pub fn read_embedded(
    client: &Client,
    post: &mut Post,
    pages: &mut Vec<Fetched>,
    warnings: &mut Vec<String>,
) {
    let Some(system) = post.comment_system.clone() else {
        return;
    };
    let Some(provider) = for_system(&system) else {
        return;
    };
    let cfg = settings();
    if cfg.enabled.get(provider.name()) == Some(&false) {
        return;
    }
    let Ok(page) = Url::parse(&post.url) else {
        return;
    };
    let over = base_override(provider.name());
    if let Some(o) = &over {
        warnings.push(format!(
            "PARLOR_PROVIDER_BASE_{} is set: reading {} from {o}",
            provider.name().to_ascii_uppercase(),
            system.display_name()
        ));
    }
    let tape = Tape::recording();
    let ctx = Ctx {
        client,
        base_override: over.as_ref(),
        token: cfg.github_token.as_deref(),
        deadline: Some(Instant::now() + DEADLINE),
        account: None,
        tape: Some(&tape),
    };
    let target = Target::Embed {
        system: system.clone(),
        page: page.clone(),
    };
    let result = provider.read(&ctx, &target);
    let host = contacted(&system, over.as_ref());
    match result {
        Ok(threads) => {
            warnings.push(format!(
                "comments loaded from {} ({host}), a third party",
                system.display_name()
            ));
            if let Some(t) = threads.into_iter().next() {
                note(&t, warnings);
                apply(post, t);
            }
            let stored = StoredThread {
                system,
                page: page.to_string(),
                exchanges: tape.into_exchanges(),
            };
            if let Some(p) = thread_page(provider.name(), &stored) {
                pages.push(p);
            }
        }
        // Service words and parser messages quote the answer: made terminal-safe here.
        Err(e) => warnings.push(sanitize::line(&format!(
            "comments on {} could not be read: {e}",
            system.display_name()
        ))),
    }
}

/// After a fresh fetch whose provider read failed (or was not made): the thread stored from an
/// earlier read of the same system is kept (and shown) rather than lost with the old pages.
pub fn carry_over(
    post: &mut Post,
    pages: &mut Vec<Fetched>,
    previous: &[crate::store::PageRecord],
    warnings: &mut Vec<String>,
) {
    if pages.iter().any(|p| is_thread_page(p.url.as_str())) {
        return;
    }
    let Some(system) = post.comment_system.clone() else {
        return;
    };
    if settings().enabled.get(system.name.as_str()) == Some(&false) {
        return; // switched off: its old thread is not shown either
    }
    let Some(old) = previous.iter().find(|p| is_thread_page(&p.url)) else {
        return;
    };
    let same =
        serde_json::from_str::<StoredThread>(&old.html).is_ok_and(|t| t.system.name == system.name);
    let Ok(url) = Url::parse(&old.url) else {
        return;
    };
    if !same {
        return;
    }
    apply_stored(post, &old.html);
    warnings.push(format!(
        "showing the {} comments kept from an earlier read",
        system.display_name()
    ));
    pages.push(Fetched {
        url: url.clone(),
        final_url: url,
        status: 200,
        not_modified: false,
        html: old.html.clone(),
        etag: None,
        last_modified: None,
        content_type: Some("application/json".into()),
    });
}

fn note(t: &Thread, warnings: &mut Vec<String>) {
    match &t.completeness {
        Completeness::Full => {}
        Completeness::Partial { reason } => {
            warnings.push(sanitize::line(&format!(
                "{}: only part of the thread: {reason}",
                t.provider
            )));
        }
        Completeness::RateLimited {
            message,
            retry_after,
        } => warnings.push(sanitize::line(&format!(
            "{}: {message}{}",
            t.provider,
            retry_after
                .as_ref()
                .map(|r| format!(" (try again after {r})"))
                .unwrap_or_default()
        ))),
    }
}

fn thread_page(name: &str, stored: &StoredThread) -> Option<Fetched> {
    let url = Url::parse(&format!("{THREAD_PAGE_SCHEME}:{name}")).ok()?;
    Some(Fetched {
        url: url.clone(),
        final_url: url,
        status: 200,
        not_modified: false,
        html: serde_json::to_string(stored).ok()?,
        etag: None,
        last_modified: None,
        content_type: Some("application/json".into()),
    })
}

/// A client that is never asked anything: replaying a stored thread needs a `Ctx`.
fn idle_client() -> Option<&'static Client> {
    static CLIENT: OnceLock<Option<Client>> = OnceLock::new();
    CLIENT
        .get_or_init(|| Client::new(NetOptions::default()).ok())
        .as_ref()
}

/// Re-parses a stored `parlor-thread:` page (its raw answers, replayed through the provider, no
/// network) and puts its comments in `post`. A page that cannot be replayed leaves `post` as is.
pub fn apply_stored(post: &mut Post, json: &str) {
    let Ok(stored) = serde_json::from_str::<StoredThread>(json) else {
        return;
    };
    let (Some(provider), Ok(page), Some(client)) = (
        for_system(&stored.system),
        Url::parse(&stored.page),
        idle_client(),
    ) else {
        return;
    };
    let tape = Tape::replaying(stored.exchanges);
    let ctx = Ctx {
        tape: Some(&tape),
        ..Ctx::new(client)
    };
    let target = Target::Embed {
        system: stored.system,
        page,
    };
    if let Ok(Some(t)) = provider.read(&ctx, &target).map(|t| t.into_iter().next()) {
        apply(post, t);
    }
}

/// A comment's identity across sources: author and the first words of its text, normalised.
fn identity(c: &Comment) -> (String, String) {
    let text: String = blocks_text(&c.blocks)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .chars()
        .take(200)
        .collect();
    (c.author.trim().to_lowercase(), text)
}

/// Puts the provider's comments in the post. The API wins when it gave comments; when it gave
/// none and the page had its own copy, the page's copy stays. A provider comment that matches a
/// page comment (same id, else same author and text) keeps the page's id, so nothing turns "new"
/// because the source changed; parents follow the renaming.
pub fn apply(post: &mut Post, thread: Thread) {
    if thread.comments.is_empty() && !post.comments.is_empty() {
        return;
    }
    // Each page comment lends its id to at most one provider comment (two equal "+1"s stay two).
    let api_ids: std::collections::HashSet<&str> =
        thread.comments.iter().map(|c| c.id.as_str()).collect();
    let mut html: HashMap<(String, String), std::collections::VecDeque<String>> = HashMap::new();
    for c in &post.comments {
        if !api_ids.contains(c.id.as_str()) {
            html.entry(identity(c)).or_default().push_back(c.id.clone());
        }
    }
    let html_ids: std::collections::HashSet<&str> =
        post.comments.iter().map(|c| c.id.as_str()).collect();
    let mut renamed: HashMap<String, String> = HashMap::new();
    for c in &thread.comments {
        if html_ids.contains(c.id.as_str()) {
            continue; // the same id in both: already the same comment
        }
        if let Some(old) = html.get_mut(&identity(c)).and_then(|q| q.pop_front()) {
            renamed.insert(c.id.clone(), old);
        }
    }
    let mut comments = thread.comments;
    for c in &mut comments {
        if let Some(new) = renamed.get(&c.id) {
            c.id.clone_from(new);
        }
        if let Some(p) = c.parent.as_ref().and_then(|p| renamed.get(p)) {
            c.parent = Some(p.clone());
        }
    }
    if post.comment_count.is_none() {
        post.comment_count = thread.stated_count;
    }
    post.comments = comments;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::PageRecord;

    fn record(system: &str) -> PageRecord {
        let stored = StoredThread {
            system: CommentSystem {
                name: system.into(),
                ..CommentSystem::default()
            },
            page: "https://b.test/p/".into(),
            exchanges: Vec::new(),
        };
        PageRecord {
            url: format!("{THREAD_PAGE_SCHEME}:{system}"),
            final_url: format!("{THREAD_PAGE_SCHEME}:{system}"),
            html: serde_json::to_string(&stored).expect("json"),
            fetched_at: 1,
            etag: None,
            last_modified: None,
        }
    }

    #[test]
    fn thread_pages_are_told_apart() {
        assert!(is_thread_page("parlor-thread:disqus"));
        assert!(!is_thread_page("parlor-threads:disqus"));
        assert!(!is_thread_page("https://b.test/parlor-thread:x"));
    }

    #[test]
    fn carry_over_keeps_only_the_same_systems_thread() {
        let mut post = Post {
            comment_system: Some(CommentSystem {
                name: "giscus".into(),
                ..CommentSystem::default()
            }),
            ..Post::default()
        };
        let (mut pages, mut warnings) = (Vec::new(), Vec::new());
        carry_over(&mut post, &mut pages, &[record("disqus")], &mut warnings);
        assert!(
            pages.is_empty() && warnings.is_empty(),
            "another system's thread is dropped"
        );
        carry_over(&mut post, &mut pages, &[record("giscus")], &mut warnings);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].url.as_str(), "parlor-thread:giscus");
        assert_eq!(warnings.len(), 1);
        // Already has a fresh thread page: nothing more.
        carry_over(&mut post, &mut pages, &[record("giscus")], &mut warnings);
        assert_eq!(pages.len(), 1);
    }
}
