//! The offline store: one SQLite file holding fetched pages, read state, seen comments, drafts,
//! the outbox, subscriptions and the user's own comments. Pure persistence: no network, no UI and
//! no clock (callers pass `now` as unix seconds).
//!
//! Every write runs in an IMMEDIATE transaction; the file is in WAL mode with a 5 s busy timeout,
//! so two parlor processes can write at once. A damaged or foreign file gives
//! [`StoreError::Corrupt`], whose message names the file and the way out.

mod blogs;
mod drafts;
mod error;
mod extra;
mod key;
mod outbox;
mod posts;
mod private;
mod readonly;
mod schema;
mod state;
mod threads;

pub use threads::DISCUSSION;

pub use blogs::{BlogSummary, FeedItemRecord, FeedState, ReplyRecord, StoredItem};
pub use error::StoreError;
pub use key::post_key;
pub use private::{private_dir, private_file};
pub use schema::SCHEMA_VERSION;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file name of the store inside the data dir.
pub const FILE_NAME: &str = "parlor.sqlite3";

/// How long a writer waits for another process holding the write lock.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// One fetched page of a post (the post page or one of its comment pages), raw HTML kept so
/// parser fixes reach old pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRecord {
    /// The URL that was requested.
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    pub html: String,
    pub fetched_at: i64,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What the library shows about a post, as extracted by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostMeta {
    pub url: String,
    pub title: String,
    pub site: String,
    pub comment_count: u32,
}

/// A stored post: its pages in fetch order plus its metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPost {
    pub meta: PostMeta,
    pub pages: Vec<PageRecord>,
    /// When the pages were last fetched (a full 200).
    pub fetched_at: i64,
    /// When the server was last asked (a 200 or a 304).
    pub checked_at: i64,
}

/// One row of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    pub key: String,
    pub url: String,
    pub site: String,
    pub title: String,
    pub last_read: Option<i64>,
    pub fetched_at: i64,
    pub comment_count: u32,
    /// Comments not in the seen set, as last counted by the caller ([`Store::record_counts`]).
    pub new_count: u32,
    /// Discussions kept with the post: (site, comments), e.g. `("hn", 310)`, in site order.
    #[serde(default)]
    pub discussions: Vec<(String, u32)>,
}

/// Where the reader was in a post (stored as JSON, so fields can be added freely).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ReadPosition {
    /// The focused pane ("article" or "comments").
    pub pane: String,
    /// First visible line of the article.
    pub article_line: u32,
    /// First visible line of the comments pane.
    pub comments_line: u32,
    /// The selected comment (the blog's id).
    pub comment_id: Option<String>,
    /// Ids of folded comments.
    pub folded: Vec<String>,
}

/// A reply or comment being written. `parent_id` is `None` for a comment on the post itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub post_key: String,
    /// The post's title when the post is in the library.
    pub post_title: Option<String>,
    pub parent_id: Option<String>,
    pub body: String,
    pub updated_at: i64,
}

/// The state of an outbox entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutboxState {
    Queued,
    Sending,
    Sent,
    Failed,
}

/// A submission to queue: everything needed to post it later without the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxNew {
    pub post_key: String,
    /// The form's absolute action URL.
    pub action: String,
    /// Every form field to send (hidden inputs, parent, identity, text), in order.
    pub fields: Vec<(String, String)>,
    pub parent_id: Option<String>,
    pub body: String,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub author_url: Option<String>,
    pub created_at: i64,
}

/// A queued submission with its delivery state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub post_key: String,
    pub action: String,
    pub fields: Vec<(String, String)>,
    pub parent_id: Option<String>,
    pub body: String,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub author_url: Option<String>,
    pub state: OutboxState,
    /// How many times the entry went to `Sending`.
    pub attempts: u32,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A followed blog (for feeds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub url: String,
    pub feed_url: String,
    pub title: String,
    pub added_at: i64,
}

/// A comment the user posted (for "replies to me").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyComment {
    pub post_key: String,
    pub comment_id: String,
    pub parent_id: Option<String>,
    pub posted_at: i64,
    /// The name it was posted under.
    #[serde(default)]
    pub author: String,
    /// The text as typed (kept so a held comment can be shown until the blog shows it).
    #[serde(default)]
    pub body: String,
    /// Held for moderation when posted and not yet seen public.
    #[serde(default)]
    pub pending: bool,
}

/// An open store. Not `Sync`: give each thread its own `Store` (they share the file safely).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only because the file or its directory cannot be written.
    read_only: bool,
}

impl Store {
    /// Opens (or creates) the store at `path`: creates missing directories, turns on WAL, a 5 s
    /// busy timeout and foreign keys, and migrates an older schema. Refuses a newer schema and a
    /// damaged or foreign file (without touching it).
    ///
    /// A store that exists but cannot be written (a read-only data dir, file or mount) is
    /// opened read-only ([`Store::is_read_only`]): reading works, writes fail with
    /// [`StoreError::ReadOnly`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        match Store::open_read_write(path) {
            Err(e) if path.is_file() && readonly::worth_read_only(&e) => {
                let store = Store::open_read_only(path).map_err(|_| e)?;
                tracing::warn!(path = %path.display(), "the store cannot be written; opened read-only");
                Ok(store)
            }
            other => other,
        }
    }

    fn open_read_write(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_dir(dir).map_err(|cause| StoreError::Io {
                path: dir.to_path_buf(),
                cause,
            })?;
        }
        if !path.exists() {
            // Created 0600 before SQLite opens it; SQLite gives `-wal`/`-shm` the same mode.
            private_file(path).map_err(|cause| StoreError::Io {
                path: path.to_path_buf(),
                cause,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| error::sql(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        };
        store.configure().map_err(|e| error::sql(path, e))?;
        schema::migrate(&mut store.conn, path)?;
        private::tighten(path);
        Ok(store)
    }

    /// A store in memory (for tests of other layers): same schema, gone when dropped.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| error::sql(&path, e))?;
        let mut store = Store {
            conn,
            path,
            read_only: false,
        };
        store
            .conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(|e| error::sql(&store.path, e))?;
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Opens the store at [`Store::default_path`].
    pub fn open_default() -> Result<Store, StoreError> {
        match Store::default_path() {
            Some(path) => Store::open(&path),
            None => Err(StoreError::NoDataDir),
        }
    }

    /// `parlor.sqlite3` in the data dir: `$PARLOR_DATA_DIR` when set (tests, CI), else the
    /// platform's data dir for "parlor". `None` when the platform has no home directory.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(dir) = std::env::var_os("PARLOR_DATA_DIR").filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(dir).join(FILE_NAME));
        }
        directories::ProjectDirs::from("", "", "parlor").map(|d| d.data_dir().join(FILE_NAME))
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file (after migration: [`SCHEMA_VERSION`]).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::read_version(&self.conn)
            .map_err(|e| self.err(e))?
            .ok_or_else(|| StoreError::Corrupt {
                path: self.path.clone(),
                detail: "the schema version is missing".into(),
            })
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, else SQLite's list of problems.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    fn configure(&mut self) -> rusqlite::Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Switching to WAL takes a lock; the busy handler covers a racing opener, but a brand-new
        // file can still report busy once, so try a few times.
        let mut tries = 0;
        loop {
            let mode = self
                .conn
                .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
            match mode {
                Ok(_) => break,
                Err(e) if tries < 20 && error::is_busy(&e) => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(e),
            }
        }
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        // A 20 MB page makes a big WAL; after a checkpoint, shrink the file back to 64 MB.
        self.conn
            .pragma_update(None, "journal_size_limit", 64_i64 * 1024 * 1024)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        Ok(())
    }

    /// Maps a SQLite error to a [`StoreError`] naming this store's file.
    fn err(&self, e: rusqlite::Error) -> StoreError {
        error::sql(&self.path, e)
    }

    /// Runs `f` in an IMMEDIATE transaction (takes the write lock up front, so the busy timeout
    /// applies instead of a mid-transaction "database is locked") and commits.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        let run = |conn: &mut Connection| -> rusqlite::Result<T> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        };
        run(&mut self.conn).map_err(|e| error::sql(&self.path, e))
    }

    /// Runs a read with the error mapped.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        f(&self.conn).map_err(|e| self.err(e))
    }
}

/// Converts a u32 count from SQLite's i64 without panicking (out of range → 0 or max).
fn to_u32(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::Store;

    #[test]
    fn store_can_move_to_a_worker_thread() {
        fn is_send<T: Send>() {}
        is_send::<Store>();
    }

    #[test]
    fn in_memory_store_has_the_schema() {
        let mut s = Store::open_in_memory().expect("memory store");
        assert_eq!(s.schema_version().expect("version"), super::SCHEMA_VERSION);
        s.save_draft("k", None, "words", 1).expect("draft");
        assert_eq!(s.list_drafts().expect("list")[0].body, "words");
    }

    #[test]
    fn to_u32_clamps() {
        assert_eq!(super::to_u32(-5), 0);
        assert_eq!(super::to_u32(7), 7);
        assert_eq!(super::to_u32(i64::MAX), u32::MAX);
    }
}
