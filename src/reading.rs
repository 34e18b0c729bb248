//! Opening a post through the store: every successful fetch is kept (all its pages), a stored
//! copy is refreshed with a conditional GET, and with the network down (or `--offline`) the
//! stored copy is what the reader gets. Used by `parlor dump`, `export` and the reader's worker.

use crate::fetch::{complete_post, post_from_pages};
use crate::model::Post;
use crate::net::{Client, Fetched, NetError, Validators};
use crate::store::{post_key, PageRecord, PostMeta, Store, StoreError, StoredPost};
use url::Url;

/// Where the post shown came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Fetched now (and stored).
    Fresh,
    /// The server said 304: the stored copy is current.
    NotModified,
    /// The stored copy, not checked against the server (offline, or the network failed).
    Stored,
}

/// A post opened for reading.
#[derive(Debug, Clone)]
pub struct Opened {
    pub post: Post,
    pub origin: Origin,
    /// Unix time the shown pages were fetched.
    pub fetched_at: i64,
    /// Things the reader should know (skipped comment pages, the network error behind an
    /// offline copy, a store that could not be written).
    pub warnings: Vec<String>,
}

/// The stored copy of a post, re-parsed (parser fixes reach old pages).
pub fn open_stored(store: &Store, url: &str) -> Result<Option<Opened>, StoreError> {
    Ok(store.load_pages(&post_key(url))?.map(|stored| Opened {
        post: parse_stored(&stored),
        origin: Origin::Stored,
        fetched_at: stored.fetched_at,
        warnings: Vec::new(),
    }))
}

/// Rebuilds the post from stored pages; a stored provider thread (`parlor-thread:` page, see
/// `threads::load`) is re-parsed from its raw answers and put in the post.
pub fn parse_stored(stored: &StoredPost) -> Post {
    let (threads, html): (Vec<_>, Vec<_>) = stored
        .pages
        .iter()
        .partition(|p| crate::threads::load::is_thread_page(&p.url));
    let pages: Vec<(Url, String)> = html
        .iter()
        .filter_map(|p| Some((Url::parse(&p.final_url).ok()?, p.html.clone())))
        .collect();
    let mut post = post_from_pages(&pages);
    for t in threads {
        crate::threads::load::apply_stored(&mut post, &t.html);
    }
    post
}

/// Fetches the post (conditionally when a copy is stored) and stores what came back.
/// A 304 gives the stored copy with `Origin::NotModified`. Network errors are returned as they
/// are; [`open`] turns them into an offline copy when there is one.
pub fn refresh(
    client: &Client,
    store: &mut Store,
    url: &Url,
    now: i64,
) -> Result<Opened, NetError> {
    let key = post_key(url.as_str());
    let stored = store.load_pages(&key).ok().flatten();
    let validators = stored.as_ref().and_then(|s| {
        let first = s.pages.first()?;
        (first.etag.is_some() || first.last_modified.is_some()).then(|| Validators {
            etag: first.etag.clone(),
            last_modified: first.last_modified.clone(),
        })
    });
    let first = client.get(url, validators.as_ref())?;
    if first.not_modified {
        if let Some(stored) = stored {
            let mut warnings = Vec::new();
            if let Err(e) = store.touch_checked(&key, now) {
                warnings.push(format!("could not update the library: {e}"));
            }
            let mut post = parse_stored(&stored);
            // The page is unchanged, its script-loaded thread may not be: read it again.
            refresh_thread(client, store, &key, &stored, &mut post, now, &mut warnings);
            return Ok(Opened {
                post,
                origin: Origin::NotModified,
                fetched_at: stored.fetched_at,
                warnings,
            });
        }
        // A 304 without a stored copy (a confused server): ask again without validators.
        let again = client.get(url, None)?;
        return Ok(keep(store, &key, complete_post(client, url, again), now));
    }
    let mut fetched = complete_post(client, url, first);
    if let Some(old) = &stored {
        crate::threads::load::carry_over(
            &mut fetched.post,
            &mut fetched.pages,
            &old.pages,
            &mut fetched.warnings,
        );
    }
    Ok(keep(store, &key, fetched, now))
}

/// Re-reads the script-loaded thread of an unchanged page; on success the stored thread page is
/// replaced (the HTML pages stay as stored).
fn refresh_thread(
    client: &Client,
    store: &mut Store,
    key: &str,
    stored: &StoredPost,
    post: &mut Post,
    now: i64,
    warnings: &mut Vec<String>,
) {
    let mut fresh = Vec::new();
    crate::threads::load::read_embedded(client, post, &mut fresh, warnings);
    let Some(thread) = fresh.first() else { return };
    let mut records: Vec<PageRecord> = stored
        .pages
        .iter()
        .filter(|p| !crate::threads::load::is_thread_page(&p.url))
        .cloned()
        .collect();
    records.push(record(thread, now));
    let meta = PostMeta {
        comment_count: u32::try_from(post.comments.len()).unwrap_or(u32::MAX),
        ..stored.meta.clone()
    };
    if let Err(e) = store.save_fetch(key, &records, &meta, now) {
        warnings.push(format!(
            "could not keep the new comments for offline reading: {e}"
        ));
    }
}

fn keep(store: &mut Store, key: &str, fetched: crate::fetch::FetchedPost, now: i64) -> Opened {
    let mut warnings = fetched.warnings;
    let records: Vec<PageRecord> = fetched.pages.iter().map(|p| record(p, now)).collect();
    let meta = PostMeta {
        url: fetched.post.url.clone(),
        title: fetched.post.title.clone(),
        site: fetched.post.site.clone(),
        comment_count: u32::try_from(fetched.post.comments.len()).unwrap_or(u32::MAX),
    };
    if let Err(e) = store.save_fetch(key, &records, &meta, now) {
        warnings.push(format!("could not keep this post for offline reading: {e}"));
    }
    Opened {
        post: fetched.post,
        origin: Origin::Fresh,
        fetched_at: now,
        warnings,
    }
}

fn record(page: &Fetched, now: i64) -> PageRecord {
    PageRecord {
        url: page.url.to_string(),
        final_url: page.final_url.to_string(),
        html: page.html.clone(),
        fetched_at: now,
        etag: page.etag.clone(),
        last_modified: page.last_modified.clone(),
    }
}

/// Opens a post for reading: offline → the stored copy (or a clear error); online → a
/// (conditional) fetch that is stored, falling back to the stored copy when the network fails.
pub fn open(
    client: Option<&Client>,
    store: &mut Store,
    url: &Url,
    offline: bool,
    now: i64,
) -> anyhow::Result<Opened> {
    let client = match (offline, client) {
        (false, Some(c)) => c,
        _ => {
            return open_stored(store, url.as_str())?.ok_or_else(|| {
                anyhow::anyhow!("{url} is not in the library yet; open it once online first")
            })
        }
    };
    match refresh(client, store, url, now) {
        Ok(opened) => Ok(opened),
        Err(e) if e.is_transient() => match open_stored(store, url.as_str())? {
            Some(mut opened) => {
                opened
                    .warnings
                    .push(format!("showing the offline copy: {e}"));
                Ok(opened)
            }
            None => Err(e.into()),
        },
        Err(e) => Err(e.into()),
    }
}

/// "offline copy from 2026-11-28 14:03" for a status line, in the local time zone.
pub fn offline_note(fetched_at: i64) -> String {
    let when = chrono::DateTime::from_timestamp(fetched_at, 0)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| "an unknown date".to_string());
    format!("offline copy from {when}")
}

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
