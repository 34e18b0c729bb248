//! Blogs: per subscription the feed's validators and last error, the posts its feed lists
//! (comment counts, read marks, "new" baselines), and the replies to the user's comments.

use super::{to_u32, Store, StoreError, Subscription};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// What parlor knows about a subscription's feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FeedState {
    pub sub_url: String,
    /// The blog's home page as the feed names it.
    pub site_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The first successful fetch (items first seen later are "new").
    pub first_fetched_at: Option<i64>,
    /// The last full (200) fetch.
    pub fetched_at: Option<i64>,
    /// The last time the server answered (200 or 304).
    pub checked_at: Option<i64>,
    /// The error of the last refresh, `None` when it went well.
    pub last_error: Option<String>,
}

/// One post of a feed, as the refresh hands it to the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeedItemRecord {
    pub url: String,
    pub title: String,
    pub published: Option<String>,
    pub comment_count: Option<u32>,
}

/// One stored post of a blog's feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredItem {
    pub sub_url: String,
    pub url: String,
    pub post_key: String,
    pub title: String,
    pub published: Option<String>,
    pub comment_count: Option<u32>,
    /// Comments the feed counts beyond the count when the post was read (or first listed).
    pub new_comments: u32,
    /// Listed after the blog's first refresh and not read yet.
    pub is_new: bool,
    pub read: bool,
    pub first_seen: i64,
}

/// A subscription with its feed state and counts, for `parlor blogs` and the Blogs view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlogSummary {
    pub url: String,
    pub feed_url: String,
    pub title: String,
    pub added_at: i64,
    pub posts: u32,
    pub unread: u32,
    pub new_posts: u32,
    pub new_comments: u32,
    pub checked_at: Option<i64>,
    pub last_error: Option<String>,
}

/// A reply to one of the user's comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyRecord {
    pub post_key: String,
    pub comment_id: String,
    /// The user's comment it answers.
    pub parent_id: String,
    pub author: String,
    /// ISO 8601 when the page gives one.
    pub published: Option<String>,
    pub published_text: Option<String>,
    /// The reply's plain text.
    pub text: String,
    /// The reply's own URL (`…#comment-ID`).
    pub permalink: String,
    pub post_title: String,
    pub found_at: i64,
    pub seen: bool,
}

const ITEM_COLS: &str = "i.sub_url, i.item_url, i.post_key, i.title, i.published, i.comment_count,
    MAX(0, COALESCE(i.comment_count, 0) - COALESCE(i.base_comment_count, i.comment_count, 0)),
    (i.read_at IS NULL AND i.first_seen > COALESCE(s.first_fetched_at, i.first_seen)),
    i.read_at IS NOT NULL, i.first_seen";

impl Store {
    /// The feed state of a subscription; `None` before its first refresh.
    pub fn feed_state(&self, sub_url: &str) -> Result<Option<FeedState>, StoreError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT sub_url, site_url, etag, last_modified, first_fetched_at, fetched_at,
                   checked_at, last_error FROM feed_state WHERE sub_url = ?1",
                [sub_url],
                |r| {
                    Ok(FeedState {
                        sub_url: r.get(0)?,
                        site_url: r.get(1)?,
                        etag: r.get(2)?,
                        last_modified: r.get(3)?,
                        first_fetched_at: r.get(4)?,
                        fetched_at: r.get(5)?,
                        checked_at: r.get(6)?,
                        last_error: r.get(7)?,
                    })
                },
            )
            .optional()
        })
    }

    /// Records a full fetch of a subscription's feed: validators, and its items (new ones get
    /// `first_seen = now` and a "new comments" baseline of their current count). Items no longer
    /// in the feed are kept. Returns how many items were new. The subscription must exist.
    pub fn record_feed_fetch(
        &mut self,
        state: &FeedState,
        items: &[FeedItemRecord],
        now: i64,
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO feed_state (sub_url, site_url, etag, last_modified, first_fetched_at,
                   fetched_at, checked_at, last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5, NULL)
                 ON CONFLICT (sub_url) DO UPDATE SET site_url = excluded.site_url,
                   etag = excluded.etag, last_modified = excluded.last_modified,
                   first_fetched_at = COALESCE(feed_state.first_fetched_at, excluded.fetched_at),
                   fetched_at = excluded.fetched_at, checked_at = excluded.checked_at,
                   last_error = NULL",
                params![
                    state.sub_url,
                    state.site_url,
                    state.etag,
                    state.last_modified,
                    now
                ],
            )?;
            let mut stmt = tx.prepare(
                "INSERT INTO feed_items (sub_url, item_url, post_key, title, published,
                   comment_count, base_comment_count, first_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
                 ON CONFLICT (sub_url, item_url) DO UPDATE SET title = excluded.title,
                   published = excluded.published, comment_count = excluded.comment_count,
                   base_comment_count = COALESCE(feed_items.base_comment_count,
                     excluded.comment_count)
                 RETURNING first_seen",
            )?;
            let mut added = 0;
            for item in items {
                let key = super::post_key(&item.url);
                let first: i64 = stmt.query_row(
                    params![
                        state.sub_url,
                        item.url,
                        key,
                        item.title,
                        item.published,
                        item.comment_count,
                        now
                    ],
                    |r| r.get(0),
                )?;
                added += usize::from(first == now);
            }
            Ok(added)
        })
    }

    /// Records a 304 for a subscription's feed (the error is cleared, the time moves).
    pub fn record_feed_not_modified(&mut self, sub_url: &str, now: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE feed_state SET checked_at = ?2, last_error = NULL WHERE sub_url = ?1",
                params![sub_url, now],
            )
            .map(|_| ())
        })
    }

    /// Records why a subscription's refresh failed (kept until a refresh succeeds).
    pub fn record_feed_error(&mut self, sub_url: &str, error: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO feed_state (sub_url, last_error) VALUES (?1, ?2)
                 ON CONFLICT (sub_url) DO UPDATE SET last_error = excluded.last_error",
                params![sub_url, error],
            )
            .map(|_| ())
        })
    }

    /// The posts listed by one blog's feed (or every blog's with `None`), newest first.
    pub fn feed_items(&self, sub_url: Option<&str>) -> Result<Vec<StoredItem>, StoreError> {
        let sql = format!(
            "SELECT {ITEM_COLS} FROM feed_items i LEFT JOIN feed_state s ON s.sub_url = i.sub_url
             WHERE ?1 IS NULL OR i.sub_url = ?1
             ORDER BY COALESCE(i.published, '') DESC, i.first_seen DESC, i.item_url"
        );
        self.read(|conn| {
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map([sub_url], item_from_row)?;
            rows.collect()
        })
    }

    /// Marks a listed post read (by any URL of it): it is no longer new, and its comment count
    /// becomes the baseline for "new comments". False when no feed lists it.
    pub fn mark_item_read(&mut self, url: &str, now: i64) -> Result<bool, StoreError> {
        let key = super::post_key(url);
        self.write(|tx| {
            tx.execute(
                "UPDATE feed_items SET read_at = ?2, base_comment_count = comment_count
                 WHERE post_key = ?1",
                params![key, now],
            )
            .map(|n| n > 0)
        })
    }

    /// Sets the comment count of the feed posts with this key to what the thread itself shows
    /// (a feed may answer 304 while comments change: WordPress's posts feed follows post dates
    /// only). Returns how many feed posts it updated.
    pub fn set_item_comment_count(&mut self, url: &str, count: u32) -> Result<usize, StoreError> {
        let key = super::post_key(url);
        self.write(|tx| {
            tx.execute(
                "UPDATE feed_items SET comment_count = ?2 WHERE post_key = ?1",
                params![key, count],
            )
        })
    }

    /// Every subscription with its counts and last error, in the order they were added.
    pub fn blog_summaries(&self) -> Result<Vec<BlogSummary>, StoreError> {
        let subs = self.subscriptions()?;
        let mut out = Vec::with_capacity(subs.len());
        for sub in subs {
            let items = self.feed_items(Some(&sub.url))?;
            let state = self.feed_state(&sub.url)?.unwrap_or_default();
            out.push(summary(sub, &items, state));
        }
        Ok(out)
    }

    /// Stores a reply to the user's comment; one already stored keeps its seen flag and
    /// found time (its text may have been edited). Returns true when it is new.
    pub fn upsert_reply(&mut self, r: &ReplyRecord) -> Result<bool, StoreError> {
        self.write(|tx| {
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM replies WHERE post_key = ?1 AND comment_id = ?2)",
                params![r.post_key, r.comment_id],
                |row| row.get(0),
            )?;
            tx.execute(
                "INSERT INTO replies (post_key, comment_id, parent_id, author, published,
                   published_text, text, permalink, post_title, found_at, seen)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                 ON CONFLICT (post_key, comment_id) DO UPDATE SET author = excluded.author,
                   published = excluded.published, published_text = excluded.published_text,
                   text = excluded.text, permalink = excluded.permalink,
                   post_title = excluded.post_title",
                params![
                    r.post_key,
                    r.comment_id,
                    r.parent_id,
                    r.author,
                    r.published,
                    r.published_text,
                    r.text,
                    r.permalink,
                    r.post_title,
                    r.found_at,
                    r.seen
                ],
            )?;
            Ok(!known)
        })
    }

    /// Replies to the user's comments, newest first (by the blog's date, else when found).
    pub fn replies(&self) -> Result<Vec<ReplyRecord>, StoreError> {
        let mut rows: Vec<ReplyRecord> = self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT post_key, comment_id, parent_id, author, published, published_text, text,
                   permalink, post_title, found_at, seen FROM replies",
            )?;
            let rows = stmt.query_map([], reply_from_row)?;
            rows.collect()
        })?;
        rows.sort_by(|a, b| {
            reply_time(b)
                .cmp(&reply_time(a))
                .then_with(|| a.post_key.cmp(&b.post_key))
                .then_with(|| a.comment_id.cmp(&b.comment_id))
        });
        Ok(rows)
    }

    /// How many replies to the user are not seen yet (for a badge).
    pub fn unseen_replies(&self) -> Result<u32, StoreError> {
        self.read(|conn| {
            conn.query_row("SELECT count(*) FROM replies WHERE seen = 0", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .map(to_u32)
    }

    /// Marks replies seen: one (`Some((post_key, comment_id))`) or all (`None`). Returns how
    /// many changed.
    pub fn mark_replies_seen(&mut self, which: Option<(&str, &str)>) -> Result<usize, StoreError> {
        self.write(|tx| match which {
            Some((key, id)) => tx.execute(
                "UPDATE replies SET seen = 1 WHERE post_key = ?1 AND comment_id = ?2 AND seen = 0",
                params![key, id],
            ),
            None => tx.execute("UPDATE replies SET seen = 1 WHERE seen = 0", []),
        })
    }
}

fn summary(sub: Subscription, items: &[StoredItem], state: FeedState) -> BlogSummary {
    let count = |f: &dyn Fn(&StoredItem) -> bool| {
        u32::try_from(items.iter().filter(|i| f(i)).count()).unwrap_or(u32::MAX)
    };
    BlogSummary {
        posts: count(&|_| true),
        unread: count(&|i| !i.read),
        new_posts: count(&|i| i.is_new),
        new_comments: items
            .iter()
            .fold(0u32, |n, i| n.saturating_add(i.new_comments)),
        url: sub.url,
        feed_url: sub.feed_url,
        title: sub.title,
        added_at: sub.added_at,
        checked_at: state.checked_at,
        last_error: state.last_error,
    }
}

/// The reply's date as unix seconds: the blog's ISO date when it parses, else when found.
fn reply_time(r: &ReplyRecord) -> i64 {
    r.published
        .as_deref()
        .and_then(|p| chrono::DateTime::parse_from_rfc3339(p).ok())
        .map_or(r.found_at, |d| d.timestamp())
}

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<StoredItem> {
    Ok(StoredItem {
        sub_url: r.get(0)?,
        url: r.get(1)?,
        post_key: r.get(2)?,
        title: r.get(3)?,
        published: r.get(4)?,
        comment_count: r.get::<_, Option<i64>>(5)?.map(to_u32),
        new_comments: to_u32(r.get(6)?),
        is_new: r.get(7)?,
        read: r.get(8)?,
        first_seen: r.get(9)?,
    })
}

fn reply_from_row(r: &Row<'_>) -> rusqlite::Result<ReplyRecord> {
    Ok(ReplyRecord {
        post_key: r.get(0)?,
        comment_id: r.get(1)?,
        parent_id: r.get(2)?,
        author: r.get(3)?,
        published: r.get(4)?,
        published_text: r.get(5)?,
        text: r.get(6)?,
        permalink: r.get(7)?,
        post_title: r.get(8)?,
        found_at: r.get(9)?,
        seen: r.get(10)?,
    })
}

#[cfg(test)]
#[path = "blogs_tests.rs"]
mod tests;
