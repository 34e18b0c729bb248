//! The schema and its versioned migrations. `meta.schema_version` records the version; each
//! migration runs once, in order, inside one IMMEDIATE transaction with the version bump.

use super::error::{self, StoreError};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;

/// The schema version this parlor writes.
pub const SCHEMA_VERSION: i64 = 5;

/// v1: posts and their pages, read positions, seen comments, drafts.
const V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE posts (
    post_key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    site TEXT NOT NULL,
    comment_count INTEGER NOT NULL DEFAULT 0,
    new_count INTEGER NOT NULL DEFAULT 0,
    fetched_at INTEGER NOT NULL,
    last_read INTEGER
);
CREATE TABLE pages (
    post_key TEXT NOT NULL REFERENCES posts(post_key) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    url TEXT NOT NULL,
    final_url TEXT NOT NULL,
    html TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    PRIMARY KEY (post_key, seq)
) WITHOUT ROWID;
CREATE TABLE positions (
    post_key TEXT PRIMARY KEY,
    position TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE seen (
    post_key TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (post_key, comment_id)
) WITHOUT ROWID;
CREATE TABLE drafts (
    post_key TEXT NOT NULL,
    parent_id TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (post_key, parent_id)
);
";

/// v2: `posts.checked_at` (304 handling), the library's order index, the outbox,
/// subscriptions and the user's own comments.
const V2: &str = "
ALTER TABLE posts ADD COLUMN checked_at INTEGER NOT NULL DEFAULT 0;
UPDATE posts SET checked_at = fetched_at;
CREATE INDEX posts_by_read ON posts (COALESCE(last_read, fetched_at) DESC);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_key TEXT NOT NULL,
    action TEXT NOT NULL,
    fields TEXT NOT NULL,
    parent_id TEXT,
    body TEXT NOT NULL,
    author_name TEXT,
    author_email TEXT,
    author_url TEXT,
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_by_post ON outbox (post_key);
CREATE TABLE subscriptions (
    url TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL,
    title TEXT NOT NULL,
    added_at INTEGER NOT NULL
);
CREATE TABLE my_comments (
    post_key TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    parent_id TEXT,
    posted_at INTEGER NOT NULL,
    PRIMARY KEY (post_key, comment_id)
);
";

/// Migration `i` takes the schema from version `i` to `i + 1`.
/// v3: the user's comments keep their author, text and pending state (held comments are shown
/// locally until the blog shows them; replies to them are found later).
const V3: &str = "
ALTER TABLE my_comments ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE my_comments ADD COLUMN body TEXT NOT NULL DEFAULT '';
ALTER TABLE my_comments ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
";

/// v4: blogs. Per subscription its feed's validators, last fetch and last error; the posts its
/// feed lists (with their comment counts, read marks and baselines for "new comments"); and the
/// replies to the user's comments found on refresh (with a seen flag).
const V4: &str = "
CREATE TABLE feed_state (
    sub_url TEXT PRIMARY KEY REFERENCES subscriptions(url) ON DELETE CASCADE,
    site_url TEXT,
    etag TEXT,
    last_modified TEXT,
    first_fetched_at INTEGER,
    fetched_at INTEGER,
    checked_at INTEGER,
    last_error TEXT
);
CREATE TABLE feed_items (
    sub_url TEXT NOT NULL REFERENCES subscriptions(url) ON DELETE CASCADE,
    item_url TEXT NOT NULL,
    post_key TEXT NOT NULL,
    title TEXT NOT NULL,
    published TEXT,
    comment_count INTEGER,
    base_comment_count INTEGER,
    first_seen INTEGER NOT NULL,
    read_at INTEGER,
    PRIMARY KEY (sub_url, item_url)
);
CREATE INDEX feed_items_by_key ON feed_items (post_key);
CREATE TABLE replies (
    post_key TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    parent_id TEXT NOT NULL,
    author TEXT NOT NULL,
    published TEXT,
    published_text TEXT,
    text TEXT NOT NULL,
    permalink TEXT NOT NULL,
    post_title TEXT NOT NULL,
    found_at INTEGER NOT NULL,
    seen INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (post_key, comment_id)
);
";

/// v5: threads kept beside a post: discussions elsewhere (HN, Lobsters, Reddit) and threads read
/// from comment systems, one row per thread, the parsed thread as JSON (re-read on load).
const V5: &str = "
CREATE TABLE threads (
    post_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    provider TEXT NOT NULL,
    thread_url TEXT NOT NULL,
    fetched_at INTEGER NOT NULL,
    comments INTEGER NOT NULL DEFAULT 0,
    body TEXT NOT NULL,
    PRIMARY KEY (post_key, kind, provider, thread_url)
);
";

pub(super) const MIGRATIONS: [&str; 5] = [V1, V2, V3, V4, V5];

/// The recorded schema version; `None` when the file has no `meta` table or no version row.
pub(super) fn read_version(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    if !has_table(conn, "meta")? {
        return Ok(None);
    }
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| v.trim().parse().ok()))
}

fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )
}

/// Brings the file to [`SCHEMA_VERSION`]: creates a fresh store, applies pending migrations,
/// refuses a newer version and a database that is not parlor's.
pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let corrupt = |detail: &str| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: detail.to_string(),
    };
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| error::sql(path, e))?;
    let version = if has_table(&tx, "meta").map_err(|e| error::sql(path, e))? {
        read_version(&tx)
            .map_err(|e| error::sql(path, e))?
            .ok_or_else(|| corrupt("its schema version is missing"))?
    } else {
        let tables: i64 = tx
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| error::sql(path, e))?;
        if tables > 0 {
            return Err(corrupt("it is some other program's SQLite database"));
        }
        0
    };
    if version > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_path_buf(),
            version,
        });
    }
    if version < 0 {
        return Err(corrupt("its schema version is negative"));
    }
    let pending = MIGRATIONS
        .iter()
        .skip(usize::try_from(version).unwrap_or(0));
    for sql in pending {
        tx.execute_batch(sql).map_err(|e| error::sql(path, e))?;
    }
    if version < SCHEMA_VERSION {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [SCHEMA_VERSION.to_string()],
        )
        .map_err(|e| error::sql(path, e))?;
    }
    tx.commit().map_err(|e| error::sql(path, e))
}
