//! A cache of parsed posts beside the library file (`models/<hash>.json` next to the
//! database): re-parsing a stored 2,000-comment page costs ~100 ms, reading its model back
//! ~15 ms. An entry is used only for the same post key, the same fetch time and the same
//! parlor build (version plus the executable's size and time), so a new fetch or a parser
//! fix (a new build) re-parses the pages.
//! The cache is disposable: any problem reading or writing it just means parsing again.
//! [`open_stored_cached`] opens a stored post through it.

use crate::model::Post;
use crate::reading::{self, Origin};
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

#[derive(Serialize, Deserialize)]
struct Entry {
    version: String,
    key: String,
    fetched_at: i64,
    post: Post,
}

/// This parlor build: the version, and the executable's size and modification time (a
/// rebuild with a parser fix changes them; the version alone does not during development).
fn build_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe()
            .and_then(std::fs::metadata)
            .ok()
            .map(|m| {
                let mtime = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("-{}-{mtime}", m.len())
            })
            .unwrap_or_default();
        format!("{}{exe}", env!("CARGO_PKG_VERSION"))
    })
}

/// The cache directory, when the store is a file.
fn dir(store: &Store) -> Option<PathBuf> {
    let db = store.path();
    db.is_file()
        .then(|| db.parent().map(|d| d.join("models")))?
}

/// The cache file name of a post: FNV-1a of its key (stable across runs, unlike std's hasher).
fn file_name(key: &str) -> String {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}.json")
}

/// The cache file of a post, when the store is a file.
fn path(store: &Store, key: &str) -> Option<PathBuf> {
    Some(dir(store)?.join(file_name(key)))
}

/// Removes the cached models of posts no longer in the library (deleted or pruned).
pub fn retain<'a>(store: &Store, keys: impl IntoIterator<Item = &'a str>) {
    let Some(dir) = dir(store) else { return };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let keep: std::collections::HashSet<String> = keys.into_iter().map(file_name).collect();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !keep.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The cached model of `key` as fetched at `fetched_at`, if there is a valid one.
pub fn load(store: &Store, key: &str, fetched_at: i64) -> Option<Post> {
    let bytes = std::fs::read(path(store, key)?).ok()?;
    let entry: Entry = serde_json::from_slice(&bytes).ok()?;
    (entry.version == build_id() && entry.key == key && entry.fetched_at == fetched_at)
        .then_some(entry.post)
}

/// Keeps the model of `key` as fetched at `fetched_at` (written to a temp file, then renamed).
pub fn save(store: &Store, key: &str, fetched_at: i64, post: Post) {
    let Some(path) = path(store, key) else { return };
    let entry = Entry {
        version: build_id().to_string(),
        key: key.to_string(),
        fetched_at,
        post,
    };
    let result = (|| -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_vec(&entry)?)?;
        std::fs::rename(&tmp, &path)
    })();
    if let Err(e) = result {
        tracing::debug!(error = %e, "cannot cache a parsed post");
    }
}

/// Forgets the cached model of `key`.
pub fn remove(store: &Store, key: &str) {
    if let Some(path) = path(store, key) {
        let _ = std::fs::remove_file(path);
    }
}

/// The stored copy of a post: the cached model when it matches the stored pages, else the
/// pages parsed again (`true`: it came from the cache).
pub(super) fn open_stored_cached(store: &Store, key: &str) -> Option<(reading::Opened, bool)> {
    let stored = store.load_pages(key).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "cannot read the stored copy");
        None
    })?;
    let cached = load(store, key, stored.fetched_at);
    let hit = cached.is_some();
    let post = cached.unwrap_or_else(|| reading::parse_stored(&stored));
    let opened = reading::Opened {
        post,
        origin: Origin::Stored,
        fetched_at: stored.fetched_at,
        warnings: Vec::new(),
    };
    Some((opened, hit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cached_model_is_used_only_for_the_same_fetch() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("parlor.db")).expect("store");
        let key = "https://bread.example/sourdough/";
        let post = crate::tui::fixtures::sample_post();
        assert_eq!(load(&store, key, 10), None);
        save(&store, key, 10, post.clone());
        assert_eq!(load(&store, key, 10), Some(post));
        assert_eq!(load(&store, key, 11), None, "a newer fetch is parsed again");
        assert_eq!(load(&store, "https://other.example/", 10), None);
        remove(&store, key);
        assert_eq!(load(&store, key, 10), None);
        save(&store, key, 10, crate::tui::fixtures::sample_post());
        save(
            &store,
            "https://gone.example/",
            10,
            crate::tui::fixtures::sample_post(),
        );
        retain(&store, [key]);
        assert!(load(&store, key, 10).is_some(), "kept");
        assert_eq!(load(&store, "https://gone.example/", 10), None, "pruned");
        let memory = Store::open_in_memory().expect("store");
        save(&memory, key, 10, crate::tui::fixtures::sample_post());
        assert_eq!(
            load(&memory, key, 10),
            None,
            "no cache without a library file"
        );
    }
}
