//! The reader's real loader: the library store (opened lazily on the worker thread) and the
//! network. A stored post is answered at once from the store and then checked with a
//! conditional GET; a post not stored yet is fetched and stored. New comments are the ones
//! missing from the post's seen set (none on a first visit).

use super::check::{self, Current, Pending};
use super::model_cache::{self, open_stored_cached};
use super::seen::{count, ids, record_counts, seen_snapshot, set_current, unseen};
use super::{load_local, Check, Loaded, Loader, Refresh, RefreshFailure};
use crate::blogs::RefreshReport;
use crate::model::Post;
use crate::net::{Client, NetOptions};
use crate::reading::{self, Origin};
use crate::store::StoredItem;
use crate::store::{post_key, BlogSummary, LibraryEntry, ReadPosition, ReplyRecord, Store};
use std::sync::Arc;
use url::Url;

/// The loader behind `parlor URL`: store first, network second.
#[derive(Default)]
pub struct StoreLoader {
    store: Option<Store>,
    /// Why the library could not be opened, said once in the status line.
    store_problem: Option<String>,
    client: Option<Client>,
    pending: Option<Pending>,
    /// The key and comment ids of the post on screen (for the library's new count).
    /// Shared with background checks, which replace it when the page changed.
    current: Current,
    /// Library bookkeeping for the post just loaded, written after it is on screen:
    /// (key, when read, comments, new comments).
    after: Option<(String, i64, u32, u32)>,
    /// A parsed post to cache after it is on screen: (key, fetched at, post).
    to_cache: Option<(String, i64, Post)>,
}

impl StoreLoader {
    /// A loader that opens the default store (honouring `PARLOR_DATA_DIR`) on first use.
    pub fn new() -> StoreLoader {
        StoreLoader::default()
    }

    /// A loader over a given store (tests).
    pub fn with_store(store: Store) -> StoreLoader {
        StoreLoader {
            store: Some(store),
            ..StoreLoader::default()
        }
    }

    fn store(&mut self) -> Result<&mut Store, String> {
        if self.store.is_none() {
            match Store::open_default() {
                Ok(store) => self.store = Some(store),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot open the library");
                    self.store_problem = Some(format!(
                        "the library cannot be opened ({e}); posts are not kept"
                    ));
                    self.store = Some(Store::open_in_memory().map_err(|e| e.to_string())?);
                }
            }
        }
        self.store
            .as_mut()
            .ok_or_else(|| "the library cannot be opened".to_string())
    }

    fn client(&mut self) -> Result<Client, String> {
        if let Some(client) = &self.client {
            return Ok(client.clone());
        }
        let client = Client::new(NetOptions::default()).map_err(|e| e.to_string())?;
        self.client = Some(client.clone());
        Ok(client)
    }

    /// Notes for the status line: the given one plus, once, a store problem.
    fn note(&mut self, note: Option<String>) -> Option<String> {
        match (note, self.store_problem.take()) {
            (Some(n), Some(p)) => Some(format!("{n} · {p}")),
            (n, p) => n.or(p),
        }
    }

    fn load_web(&mut self, source: &str, offline: bool) -> Result<Loaded, String> {
        let url = Url::parse(source).map_err(|e| format!("not a URL: {source} ({e})"))?;
        let now = reading::now();
        let key = post_key(source);
        let store = self.store()?;
        let position = store.position(&key).ok().flatten();
        let stored = open_stored_cached(store, &key).map(|(opened, cached)| {
            if !cached {
                self.to_cache = Some((key.clone(), opened.fetched_at, opened.post.clone()));
            }
            opened
        });
        let (opened, refreshing) = match stored {
            Some(opened) => (opened, !offline),
            None if offline => {
                return Err(format!(
                    "{source} is not in the library yet; open it once online first"
                ))
            }
            None => {
                let client = self.client()?;
                let store = self.store()?;
                let opened =
                    reading::refresh(&client, store, &url, now).map_err(|e| e.to_string())?;
                self.to_cache = Some((key.clone(), opened.fetched_at, opened.post.clone()));
                (opened, false)
            }
        };
        let store = self.store()?;
        let seen = seen_snapshot(store, &key);
        let new_comments = unseen(seen.as_ref(), &opened.post);
        let total = count(opened.post.comments.len());
        self.after = Some((key.clone(), now, total, count(new_comments.len())));
        set_current(&self.current, key, &opened.post);
        let note = match opened.origin {
            Origin::Stored if refreshing => {
                Some(format!("stored copy from {}", when(opened.fetched_at)))
            }
            Origin::Stored => Some(reading::offline_note(opened.fetched_at)),
            _ => (!opened.warnings.is_empty()).then(|| opened.warnings.join("; ")),
        };
        if refreshing {
            self.pending = Some(Pending {
                source: source.to_string(),
                url,
                seen,
                fetched_at: opened.fetched_at,
                post: opened.post.clone(),
            });
        }
        Ok(Loaded {
            post: opened.post,
            note: self.note(note),
            new_comments,
            refreshing,
            position,
        })
    }
}

impl Loader for StoreLoader {
    fn store_path(&self) -> Option<std::path::PathBuf> {
        let path = self.store.as_ref()?.path();
        (path != std::path::Path::new(":memory:")).then(|| path.to_path_buf())
    }

    fn load(&mut self, source: &str, offline: bool) -> Result<Loaded, String> {
        self.after_load();
        self.pending = None;
        if crate::tui::source::is_web(source) {
            self.load_web(source, offline)
        } else {
            if let Ok(mut current) = self.current.lock() {
                *current = None;
            }
            load_local(source)
        }
    }

    /// Marks the post read and records its counts (kept off the path to the first frame).
    fn after_load(&mut self) {
        let to_cache = self.to_cache.take();
        let after = self.after.take();
        let Ok(store) = self.store() else { return };
        if let Some((key, fetched_at, post)) = to_cache {
            model_cache::save(store, &key, fetched_at, post);
        }
        let Some((key, now, total, new)) = after else {
            return;
        };
        if let Err(e) = store.mark_read(&key, now) {
            tracing::warn!(error = %e, "cannot mark the post read");
        }
        if let Err(e) = store.record_counts(&key, total, new) {
            tracing::warn!(error = %e, "cannot record comment counts");
        }
    }

    fn shown(&mut self, post: &Post) {
        if let Some(after) = self.after.as_mut() {
            after.2 = count(post.comments.len());
        }
        if let Ok(mut current) = self.current.lock() {
            if let Some((_, all)) = current.as_mut() {
                *all = ids(post);
            }
        }
    }

    fn check(&mut self, source: &str) -> Check {
        self.after_load();
        let Some(pending) = self.pending.take().filter(|p| p.source == source) else {
            return Box::new(|| Refresh::Unchanged {
                note: None,
                message: None,
            });
        };
        let client = match self.client() {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "no HTTP client");
                let note = Some(reading::offline_note(pending.fetched_at));
                return Box::new(move || Refresh::Unchanged {
                    note,
                    message: None,
                });
            }
        };
        // The check opens its own connection to the library file (WAL, busy timeout).
        let path = self
            .store
            .as_ref()
            .map(|s| s.path().to_path_buf())
            .filter(|p| p.is_file());
        let current = Arc::clone(&self.current);
        Box::new(move || check::check_stored(&client, path, pending, &current))
    }

    fn library(&mut self) -> Result<Vec<LibraryEntry>, String> {
        self.after_load();
        let store = self.store()?;
        let entries = store.library().map_err(|e| e.to_string())?;
        model_cache::retain(store, entries.iter().map(|e| e.key.as_str()));
        Ok(entries)
    }

    fn mark_seen(&mut self, source: &str, ids: &[String]) {
        self.after_load();
        let key = post_key(source);
        let current = self.current.lock().ok().and_then(|c| c.clone());
        let Ok(store) = self.store() else { return };
        if let Err(e) = store.mark_seen(&key, ids, reading::now()) {
            tracing::warn!(error = %e, "cannot mark comments seen");
            return;
        }
        if let Some((current_key, all)) = current.filter(|(k, _)| *k == key) {
            let seen = store.seen_ids(&key).unwrap_or_default();
            let new = all.iter().filter(|id| !seen.contains_key(*id)).count();
            let _ = store.record_counts(&key, count(all.len()), count(new));
            tracing::debug!(current_key, new, "counts recorded");
        }
    }

    fn mark_all_read(&mut self, key: &str) -> Result<(), String> {
        let store = self.store()?;
        let post = reading::open_stored(store, key)
            .map_err(|e| e.to_string())?
            .ok_or_else(|| format!("{key} is not in the library"))?
            .post;
        let ids: Vec<String> = post.comments.iter().map(|c| c.id.clone()).collect();
        let err = |e: crate::store::StoreError| e.to_string();
        store.mark_seen(key, &ids, reading::now()).map_err(err)?;
        store.record_counts(key, count(ids.len()), 0).map_err(err)?;
        Ok(())
    }

    fn save_position(&mut self, source: &str, position: &ReadPosition) {
        let key = post_key(source);
        if let Ok(store) = self.store() {
            if let Err(e) = store.set_position(&key, position, reading::now()) {
                tracing::warn!(error = %e, "cannot save the reading position");
            }
        }
    }

    fn delete(&mut self, key: &str) -> Result<(), String> {
        let store = self.store()?;
        model_cache::remove(store, key);
        store.delete_post(key).map(drop).map_err(|e| e.to_string())
    }

    fn refresh_stored(&mut self, url: &str) -> Result<(), RefreshFailure> {
        let fail = |text: String, network_down| RefreshFailure { text, network_down };
        let parsed = Url::parse(url).map_err(|e| fail(format!("not a URL: {url} ({e})"), false))?;
        let client = self.client().map_err(|e| fail(e, true))?;
        let store = self.store().map_err(|e| fail(e, false))?;
        let opened = reading::refresh(&client, store, &parsed, reading::now())
            .map_err(|e| fail(e.to_string(), e.is_transient()))?;
        if opened.origin == Origin::Fresh {
            let key = post_key(url);
            record_counts(store, &key, &opened.post);
            model_cache::save(store, &key, opened.fetched_at, opened.post);
        }
        Ok(())
    }

    fn blogs(&mut self) -> Result<Vec<BlogSummary>, String> {
        self.after_load();
        self.store()?.blog_summaries().map_err(|e| e.to_string())
    }

    fn blog_posts(&mut self, blog: &str) -> Result<Vec<StoredItem>, String> {
        self.store()?
            .feed_items(Some(blog))
            .map_err(|e| e.to_string())
    }

    fn replies(&mut self) -> Result<Vec<ReplyRecord>, String> {
        self.store()?.replies().map_err(|e| e.to_string())
    }

    fn unseen_replies(&mut self) -> u32 {
        self.store()
            .ok()
            .and_then(|s| s.unseen_replies().ok())
            .unwrap_or(0)
    }

    fn mark_item_read(&mut self, url: &str) {
        if let Ok(store) = self.store() {
            if let Err(e) = store.mark_item_read(url, reading::now()) {
                tracing::warn!(error = %e, "cannot mark the post read");
            }
        }
    }

    fn mark_reply_seen(&mut self, post_key: &str, comment_id: &str) {
        if let Ok(store) = self.store() {
            if let Err(e) = store.mark_replies_seen(Some((post_key, comment_id))) {
                tracing::warn!(error = %e, "cannot mark the reply seen");
            }
        }
    }

    fn refresh_blogs(
        &mut self,
        progress: &mut dyn FnMut(usize, usize, &str),
    ) -> Result<RefreshReport, String> {
        self.after_load();
        let client = self.client()?;
        let store = self.store()?;
        Ok(crate::blogs::refresh_all(
            &client,
            store,
            reading::now(),
            progress,
        ))
    }
}

/// "2026-11-28 14:03" in local time.
fn when(fetched_at: i64) -> String {
    reading::offline_note(fetched_at)
        .trim_start_matches("offline copy from ")
        .to_string()
}

#[cfg(test)]
#[path = "store_loader_tests.rs"]
mod tests;
