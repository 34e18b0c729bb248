//! Discussions of a URL on other sites (Hacker News, Lobsters, Reddit): finding them, reading
//! them as threads through the same [`Provider`](crate::threads::Provider) trait as the comment
//! systems, and the URL normalisation that decides whether a hit is the same page.
//!
//! Nothing here runs unless asked: the reader's key, `[discussions] auto = true`, or the CLI.
//! Bluesky and Mastodon have no public, unauthenticated search by URL, so they are not looked up
//! (docs/discussions.md says why).

pub mod hn;
pub mod keep;
pub mod lobsters;
mod normalize;
pub mod reddit;
pub mod text;

pub use normalize::{normalize_url, same_page};

use crate::threads::{Ctx, Provider, ProviderError, Target, Thread};
use url::Url;

/// Every discussion site parlor knows, in the order tabs are shown.
pub const SITES: &[&dyn Provider] = &[&hn::HackerNews, &lobsters::Lobsters, &reddit::Reddit];

/// The provider named `name` ("hn", "lobsters", "reddit").
pub fn site(name: &str) -> Option<&'static dyn Provider> {
    SITES.iter().copied().find(|p| p.name() == name)
}

/// The label people know a site by.
pub fn site_label(name: &str) -> &str {
    match name {
        "hn" => "HN",
        "lobsters" => "Lobsters",
        "reddit" => "Reddit",
        other => other,
    }
}

/// What a lookup found: the threads, and one message per site that failed.
#[derive(Debug, Default)]
pub struct Found {
    pub threads: Vec<Thread>,
    pub failures: Vec<(String, ProviderError)>,
}

/// Looks `url` up on each site named in `sites` (all of [`SITES`] when empty), the sites at
/// the same time (one thread each: the slowest site sets the wait, not their sum). `ctx_for`
/// gives each site its context (base-URL override for tests, deadline). A failing site never
/// stops the others; results keep the sites' order.
pub fn lookup<'a>(
    url: &Url,
    sites: &[String],
    ctx_for: &(dyn Fn(&str) -> Ctx<'a> + Sync),
) -> Found {
    let chosen: Vec<&dyn Provider> = SITES
        .iter()
        .copied()
        .filter(|p| sites.is_empty() || sites.iter().any(|s| s == p.name()))
        .collect();
    let answers: Vec<(&str, Result<Vec<Thread>, ProviderError>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = chosen
            .iter()
            .map(|&p| {
                let target = Target::Url(url.clone());
                scope.spawn(move || (p.name(), p.read(&ctx_for(p.name()), &target)))
            })
            .collect();
        chosen
            .iter()
            .zip(handles)
            .map(|(p, h)| {
                h.join().unwrap_or_else(|_| {
                    let why = "the lookup stopped unexpectedly".to_string();
                    (
                        p.name(),
                        Err(ProviderError::BadAnswer {
                            provider: p.name().into(),
                            detail: why,
                        }),
                    )
                })
            })
            .collect()
    });
    let mut found = Found::default();
    for (name, answer) in answers {
        match answer {
            Ok(threads) => found.threads.extend(threads),
            Err(e) => found.failures.push((name.to_string(), e)),
        }
    }
    found
}

/// "HN 310 · Lobsters 12 · Reddit 3 (2 threads)": comment counts per site.
pub fn summary(threads: &[Thread]) -> String {
    let mut parts = Vec::new();
    for provider in SITES {
        let mine: Vec<&Thread> = threads
            .iter()
            .filter(|t| t.provider == provider.name())
            .collect();
        if mine.is_empty() {
            continue;
        }
        let count: usize = mine
            .iter()
            .map(|t| {
                t.stated_count
                    .map(|c| c as usize)
                    .unwrap_or(t.comments.len())
            })
            .sum();
        let label = site_label(provider.name());
        if mine.len() > 1 {
            parts.push(format!("{label} {count} ({} threads)", mine.len()));
        } else {
            parts.push(format!("{label} {count}"));
        }
    }
    parts.join(" · ")
}
