//! Posts and their pages: saving a fetch, loading it back, conditional-GET validators, the
//! library list, read marks, counts, deletion and pruning.

use super::{to_u32, LibraryEntry, PageRecord, PostMeta, Store, StoreError, StoredPost};
use rusqlite::{params, OptionalExtension, Row};

impl Store {
    /// Stores a fetch in one transaction: the post's pages are replaced by `pages` (in order) and
    /// the post row is inserted or updated. Read state, counts and seen ids are kept.
    pub fn save_fetch(
        &mut self,
        post_key: &str,
        pages: &[PageRecord],
        meta: &PostMeta,
        now: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO posts (post_key, url, title, site, comment_count, fetched_at, checked_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (post_key) DO UPDATE SET url = excluded.url, title = excluded.title,
                   site = excluded.site, comment_count = excluded.comment_count,
                   fetched_at = excluded.fetched_at, checked_at = excluded.checked_at",
                params![post_key, meta.url, meta.title, meta.site, meta.comment_count, now],
            )?;
            tx.execute("DELETE FROM pages WHERE post_key = ?1", [post_key])?;
            let mut insert = tx.prepare(
                "INSERT INTO pages (post_key, seq, url, final_url, html, fetched_at, etag, last_modified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for (seq, p) in pages.iter().enumerate() {
                insert.execute(params![
                    post_key,
                    i64::try_from(seq).unwrap_or(i64::MAX),
                    p.url,
                    p.final_url,
                    p.html,
                    p.fetched_at,
                    p.etag,
                    p.last_modified
                ])?;
            }
            Ok(())
        })
    }

    /// The stored pages of a post, in order, with its metadata; `None` when it was never stored.
    pub fn load_pages(&self, post_key: &str) -> Result<Option<StoredPost>, StoreError> {
        self.read(|conn| {
            let row = conn
                .query_row(
                    "SELECT url, title, site, comment_count, fetched_at, checked_at
                     FROM posts WHERE post_key = ?1",
                    [post_key],
                    |r| {
                        let meta = PostMeta {
                            url: r.get(0)?,
                            title: r.get(1)?,
                            site: r.get(2)?,
                            comment_count: to_u32(r.get(3)?),
                        };
                        Ok((meta, r.get::<_, i64>(4)?, r.get::<_, i64>(5)?))
                    },
                )
                .optional()?;
            let Some((meta, fetched_at, checked_at)) = row else {
                return Ok(None);
            };
            let mut stmt = conn.prepare_cached(
                "SELECT url, final_url, html, fetched_at, etag, last_modified
                 FROM pages WHERE post_key = ?1 ORDER BY seq",
            )?;
            let pages = stmt
                .query_map([post_key], page_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(Some(StoredPost {
                meta,
                pages,
                fetched_at,
                checked_at,
            }))
        })
    }

    /// ETag and Last-Modified of the post's first page, for a conditional GET; `None` when the
    /// post has no stored page.
    #[allow(clippy::type_complexity)]
    pub fn validators(
        &self,
        post_key: &str,
    ) -> Result<Option<(Option<String>, Option<String>)>, StoreError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT etag, last_modified FROM pages WHERE post_key = ?1 ORDER BY seq LIMIT 1",
                [post_key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
        })
    }

    /// Records a 304 answer: the pages stay, the checked time moves. False when the post is unknown.
    pub fn touch_checked(&mut self, post_key: &str, now: i64) -> Result<bool, StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE posts SET checked_at = ?2 WHERE post_key = ?1",
                params![post_key, now],
            )
            .map(|n| n > 0)
        })
    }

    /// Every stored post, most recently read first (a post never read counts from its fetch).
    pub fn library(&self) -> Result<Vec<LibraryEntry>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT post_key, url, site, title, last_read, fetched_at, comment_count, new_count
                 FROM posts ORDER BY COALESCE(last_read, fetched_at) DESC, post_key",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(LibraryEntry {
                    key: r.get(0)?,
                    url: r.get(1)?,
                    site: r.get(2)?,
                    title: r.get(3)?,
                    last_read: r.get(4)?,
                    fetched_at: r.get(5)?,
                    comment_count: to_u32(r.get(6)?),
                    new_count: to_u32(r.get(7)?),
                    discussions: Vec::new(),
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()
        })
        .and_then(|mut entries| {
            let mut counts = self.discussion_counts()?;
            for e in &mut entries {
                e.discussions = counts.remove(&e.key).unwrap_or_default();
            }
            Ok(entries)
        })
    }

    /// Marks the post as read now. False when the post is unknown.
    pub fn mark_read(&mut self, post_key: &str, now: i64) -> Result<bool, StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE posts SET last_read = ?2 WHERE post_key = ?1",
                params![post_key, now],
            )
            .map(|n| n > 0)
        })
    }

    /// Stores the comment counts the caller computed (total, and not yet seen). False when the
    /// post is unknown.
    pub fn record_counts(
        &mut self,
        post_key: &str,
        comment_count: u32,
        new_count: u32,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE posts SET comment_count = ?2, new_count = ?3 WHERE post_key = ?1",
                params![post_key, comment_count, new_count],
            )
            .map(|n| n > 0)
        })
    }

    /// Removes a post: its pages, read position and seen ids. Drafts, the outbox and the record
    /// of the user's own comments are kept. False when the post was not stored.
    pub fn delete_post(&mut self, post_key: &str) -> Result<bool, StoreError> {
        self.write(|tx| delete_in(tx, post_key))
    }

    /// Removes every post last read (or, never read, fetched) before `cutoff`, except posts with
    /// a draft or an unsent outbox entry. Returns how many posts were removed.
    pub fn prune_older_than(&mut self, cutoff: i64) -> Result<usize, StoreError> {
        self.write(|tx| {
            let keys: Vec<String> = {
                let mut stmt = tx.prepare(
                    "SELECT post_key FROM posts WHERE COALESCE(last_read, fetched_at) < ?1
                     AND post_key NOT IN (SELECT post_key FROM drafts)
                     AND post_key NOT IN (SELECT post_key FROM outbox WHERE state <> 'sent')",
                )?;
                let rows = stmt.query_map([cutoff], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for key in &keys {
                delete_in(tx, key)?;
            }
            Ok(keys.len())
        })
    }
}

fn delete_in(tx: &rusqlite::Transaction<'_>, post_key: &str) -> rusqlite::Result<bool> {
    tx.execute("DELETE FROM seen WHERE post_key = ?1", [post_key])?;
    tx.execute("DELETE FROM positions WHERE post_key = ?1", [post_key])?;
    tx.execute("DELETE FROM pages WHERE post_key = ?1", [post_key])?;
    let n = tx.execute("DELETE FROM posts WHERE post_key = ?1", [post_key])?;
    Ok(n > 0)
}

fn page_from_row(r: &Row<'_>) -> rusqlite::Result<PageRecord> {
    Ok(PageRecord {
        url: r.get(0)?,
        final_url: r.get(1)?,
        html: r.get(2)?,
        fetched_at: r.get(3)?,
        etag: r.get(4)?,
        last_modified: r.get(5)?,
    })
}
