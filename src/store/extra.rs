//! Subscriptions (followed blogs, for feeds) and the record of the user's own comments.

use super::{MyComment, Store, StoreError, Subscription};
use rusqlite::params;

impl Store {
    /// Follows a blog; an existing subscription to `url` gets the new feed URL and title.
    pub fn add_subscription(
        &mut self,
        url: &str,
        feed_url: &str,
        title: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO subscriptions (url, feed_url, title, added_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (url) DO UPDATE SET feed_url = excluded.feed_url,
                   title = excluded.title",
                params![url, feed_url, title, now],
            )
            .map(|_| ())
        })
    }

    /// Follows many blogs `(url, feed_url, title)` in one transaction (OPML import).
    pub fn add_subscriptions(
        &mut self,
        subs: &[(String, String, String)],
        now: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT INTO subscriptions (url, feed_url, title, added_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (url) DO UPDATE SET feed_url = excluded.feed_url,
                   title = excluded.title",
            )?;
            for (url, feed_url, title) in subs {
                stmt.execute(params![url, feed_url, title, now])?;
            }
            Ok(())
        })
    }

    /// Stops following a blog. False when it was not followed.
    pub fn remove_subscription(&mut self, url: &str) -> Result<bool, StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM subscriptions WHERE url = ?1", [url])
                .map(|n| n > 0)
        })
    }

    /// Every subscription, in the order they were added.
    pub fn subscriptions(&self) -> Result<Vec<Subscription>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT url, feed_url, title, added_at FROM subscriptions ORDER BY added_at, url",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(Subscription {
                    url: r.get(0)?,
                    feed_url: r.get(1)?,
                    title: r.get(2)?,
                    added_at: r.get(3)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Records a comment the user posted; recording the same id again updates its pending
    /// state and text (a held comment that was approved).
    pub fn record_my_comment(&mut self, c: &MyComment) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO my_comments
                   (post_key, comment_id, parent_id, posted_at, author, body, pending)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (post_key, comment_id) DO UPDATE SET pending = excluded.pending",
                params![
                    c.post_key,
                    c.comment_id,
                    c.parent_id,
                    c.posted_at,
                    c.author,
                    c.body,
                    c.pending
                ],
            )
            .map(|_| ())
        })
    }

    /// The user's comments on a post (or on every post with `None`), oldest first.
    pub fn my_comments(&self, post_key: Option<&str>) -> Result<Vec<MyComment>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT post_key, comment_id, parent_id, posted_at, author, body, pending
                 FROM my_comments WHERE ?1 IS NULL OR post_key = ?1
                 ORDER BY posted_at, comment_id",
            )?;
            let rows = stmt.query_map([post_key], |r| {
                Ok(MyComment {
                    post_key: r.get(0)?,
                    comment_id: r.get(1)?,
                    parent_id: r.get(2)?,
                    posted_at: r.get(3)?,
                    author: r.get(4)?,
                    body: r.get(5)?,
                    pending: r.get(6)?,
                })
            })?;
            rows.collect()
        })
    }
}
