//! Blogs, not just posts: subscribing to a blog by its home page, a post or its feed; removing
//! it; OPML import/export; and refreshing every subscription plus every thread the user
//! commented on ([`refresh_all`]), which collects replies to the user's comments.

mod pool;
mod refresh;
mod replies;

pub use pool::{host_key, Limits};
pub use refresh::{refresh_all, refresh_all_with, RefreshReport};
pub use replies::{first_line, replies_in};

use crate::feeds::{self, FeedInfo, OpmlEntry};
use crate::net::{decode_html, Client, Fetched, NetError};
use crate::store::{FeedItemRecord, FeedState, Store, StoreError, Subscription};
use std::collections::HashSet;
use url::Url;

/// The Accept header sent for feeds.
pub const FEED_ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
    application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5";

/// Most feed candidates tried for one page (its `<link rel="alternate">` feeds, then the
/// WordPress `/feed/` guess), all on the page's own site.
pub const MAX_FEED_CANDIDATES: usize = 4;

/// Why a blog could not be subscribed to.
#[derive(Debug, thiserror::Error)]
pub enum BlogError {
    #[error(transparent)]
    Net(#[from] NetError),
    #[error("no feed found on {url} (tried {})", tried.join(", "))]
    NoFeed { url: String, tried: Vec<String> },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A new (or renewed) subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscribed {
    pub subscription: Subscription,
    /// Posts its feed lists now.
    pub posts: usize,
}

/// Subscribes to the blog at `url` (its home page, one of its posts, or a feed): a feed URL
/// is used as it is; a page is searched for `<link rel="alternate">` feeds, then
/// `<origin>/feed/` is tried. The feed is parsed, and the subscription and the feed's posts
/// are stored.
pub fn subscribe(
    client: &Client,
    store: &mut Store,
    url: &Url,
    now: i64,
) -> Result<Subscribed, BlogError> {
    let (fetched, body) = client.get_raw(url, None, FEED_ACCEPT)?;
    let mut tried = vec![url.to_string()];
    if feeds::looks_like_feed(&body) {
        if let Ok(info) = feeds::parse_feed(&body, &fetched.final_url) {
            return keep(store, &fetched, info, now);
        }
    }
    let html = decode_html(&body, fetched.content_type.as_deref());
    let page = &fetched.final_url;
    // Only feeds on the page's own site (scheme, host, port), and only the first few: a page
    // listing thousands of feeds, or feeds elsewhere, cannot send parlor around the web.
    let mut candidates: Vec<Url> = feeds::discover(&html, page)
        .into_iter()
        .filter_map(|f| Url::parse(&f.url).ok())
        .chain(feeds::wordpress_feed_guess(page).and_then(|g| Url::parse(&g).ok()))
        .filter(|u| u.origin() == page.origin())
        .collect();
    let mut unique = HashSet::new();
    candidates.retain(|u| unique.insert(u.to_string()) && !tried.contains(&u.to_string()));
    candidates.truncate(MAX_FEED_CANDIDATES);
    for feed_url in candidates {
        tried.push(feed_url.to_string());
        let Ok((fetched, body)) = client.get_raw(&feed_url, None, FEED_ACCEPT) else {
            continue;
        };
        if !feeds::looks_like_feed(&body) {
            continue;
        }
        if let Ok(info) = feeds::parse_feed(&body, &fetched.final_url) {
            return keep(store, &fetched, info, now);
        }
    }
    Err(BlogError::NoFeed {
        url: url.to_string(),
        tried,
    })
}

/// Stores the subscription for a fetched, parsed feed, and its items.
fn keep(
    store: &mut Store,
    fetched: &Fetched,
    info: FeedInfo,
    now: i64,
) -> Result<Subscribed, BlogError> {
    let feed_url = fetched.final_url.to_string();
    let site = blog_url(&info, &fetched.final_url);
    let title = if info.title.is_empty() {
        fetched.final_url.host_str().unwrap_or_default().to_string()
    } else {
        info.title.clone()
    };
    store.add_subscription(&site, &feed_url, &title, now)?;
    let state = FeedState {
        sub_url: site.clone(),
        site_url: info.site_url.clone(),
        etag: fetched.etag.clone(),
        last_modified: fetched.last_modified.clone(),
        ..FeedState::default()
    };
    let items = item_records(&info);
    store.record_feed_fetch(&state, &items, now)?;
    let subscription = store
        .subscriptions()?
        .into_iter()
        .find(|s| s.url == site)
        .unwrap_or(Subscription {
            url: site,
            feed_url,
            title,
            added_at: now,
        });
    Ok(Subscribed {
        subscription,
        posts: items.len(),
    })
}

/// The blog's own URL: the feed's site link when it is http(s), else the feed's origin.
fn blog_url(info: &FeedInfo, feed_url: &Url) -> String {
    info.site_url
        .as_deref()
        .and_then(|s| Url::parse(s).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .unwrap_or_else(|| {
            let mut origin = feed_url.clone();
            origin.set_path("/");
            origin.set_query(None);
            origin.set_fragment(None);
            origin
        })
        .to_string()
}

/// Most posts kept from one fetch of a feed (feeds list 10–50; a hostile one could list more).
pub const MAX_ITEMS: usize = 500;

/// The feed's posts with a URL (at most [`MAX_ITEMS`]), as store records.
pub(crate) fn item_records(info: &FeedInfo) -> Vec<FeedItemRecord> {
    info.items
        .iter()
        .take(MAX_ITEMS)
        .filter_map(|i| {
            Some(FeedItemRecord {
                url: i.url.clone()?,
                title: i.title.clone(),
                published: i.published.clone(),
                comment_count: i.comment_count,
            })
        })
        .collect()
}

/// The subscription `url` names: its blog URL or its feed URL (a trailing slash, the case of
/// the host and a fragment do not matter).
pub fn find_subscription(store: &Store, url: &str) -> Result<Option<Subscription>, StoreError> {
    let want = loose(url);
    Ok(store
        .subscriptions()?
        .into_iter()
        .find(|s| loose(&s.url) == want || loose(&s.feed_url) == want))
}

fn loose(url: &str) -> String {
    crate::store::post_key(url)
        .trim_end_matches('/')
        .to_string()
}

/// Unsubscribes from the blog `url` names (blog or feed URL); its stored feed posts go too.
/// Returns the removed subscription, `None` when nothing matched.
pub fn unsubscribe(store: &mut Store, url: &str) -> Result<Option<Subscription>, StoreError> {
    let Some(sub) = find_subscription(store, url)? else {
        return Ok(None);
    };
    store.remove_subscription(&sub.url)?;
    Ok(Some(sub))
}

/// Adds every subscription of an OPML document (no network: posts arrive on the next
/// refresh). Returns `(added, already followed)`.
pub fn import_opml(store: &mut Store, text: &str, now: i64) -> Result<(usize, usize), StoreError> {
    // One read of the followed blogs and one write transaction: linear in the outlines.
    let mut followed: HashSet<String> = store
        .subscriptions()?
        .iter()
        .flat_map(|s| [loose(&s.url), loose(&s.feed_url)])
        .collect();
    let (mut new, mut known) = (Vec::new(), 0);
    for entry in feeds::parse_opml(text) {
        if followed.contains(&loose(&entry.feed_url)) {
            known += 1;
            continue;
        }
        let site = entry
            .site_url
            .as_deref()
            .and_then(|s| Url::parse(s).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|u| u.to_string())
            .filter(|s| !followed.contains(&loose(s)))
            .unwrap_or_else(|| entry.feed_url.clone());
        followed.insert(loose(&site));
        followed.insert(loose(&entry.feed_url));
        new.push((site, entry.feed_url, entry.title));
    }
    store.add_subscriptions(&new, now)?;
    Ok((new.len(), known))
}

/// Every subscription as an OPML 2.0 document.
pub fn export_opml(store: &Store) -> Result<String, StoreError> {
    let entries: Vec<OpmlEntry> = store
        .subscriptions()?
        .into_iter()
        .map(|s| OpmlEntry {
            site_url: (s.url != s.feed_url).then_some(s.url),
            title: s.title,
            feed_url: s.feed_url,
        })
        .collect();
    Ok(feeds::write_opml(&entries))
}

impl RefreshReport {
    /// "refreshed 3 blogs and 2 threads · 4 new posts · 1 new reply to you · 1 failed: …"
    pub fn summary(&self) -> String {
        let report = self;
        let feeds = report.feeds_fetched + report.feeds_not_modified;
        if report.total == 0 {
            return "nothing to refresh: `parlor add URL` follows a blog".to_string();
        }
        let mut parts = vec![format!(
            "refreshed {feeds} {} and {} {}",
            plural(feeds, "blog", "blogs"),
            report.threads,
            plural(report.threads, "thread", "threads")
        )];
        if report.new_posts > 0 {
            parts.push(format!(
                "{} new {}",
                report.new_posts,
                plural(report.new_posts, "post", "posts")
            ));
        }
        if report.new_replies > 0 {
            parts.push(format!(
                "{} new {} to you",
                report.new_replies,
                plural(report.new_replies, "reply", "replies")
            ));
        }
        if let Some((url, err)) = report.errors.first() {
            parts.push(format!("{} failed ({url}: {err})", report.errors.len()));
        }
        parts.join(" · ")
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_says_what_the_refresh_did() {
        assert_eq!(
            RefreshReport::default().summary(),
            "nothing to refresh: `parlor add URL` follows a blog"
        );
        let report = RefreshReport {
            total: 4,
            feeds_fetched: 1,
            feeds_not_modified: 1,
            new_posts: 3,
            threads: 1,
            new_replies: 1,
            errors: vec![("https://x.test/".into(), "HTTP 500".into())],
        };
        assert_eq!(
            report.summary(),
            "refreshed 2 blogs and 1 thread · 3 new posts · 1 new reply to you · \
             1 failed (https://x.test/: HTTP 500)"
        );
    }
}
