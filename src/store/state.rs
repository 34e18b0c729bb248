//! Read state: the reader's position in a post and the set of comment ids already seen.

use super::{ReadPosition, Store, StoreError};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

impl Store {
    /// Remembers where the reader is in a post (any post key, stored or not).
    pub fn set_position(
        &mut self,
        post_key: &str,
        pos: &ReadPosition,
        now: i64,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(pos).map_err(|e| StoreError::Data {
            path: self.path.clone(),
            detail: format!("cannot encode a read position: {e}"),
        })?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO positions (post_key, position, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (post_key) DO UPDATE SET position = excluded.position,
                   updated_at = excluded.updated_at",
                params![post_key, json, now],
            )
            .map(|_| ())
        })
    }

    /// The remembered position in a post. A stored value this parlor cannot read counts as
    /// none (a position is a convenience, not worth an error).
    pub fn position(&self, post_key: &str) -> Result<Option<ReadPosition>, StoreError> {
        let json: Option<String> = self.read(|conn| {
            conn.query_row(
                "SELECT position FROM positions WHERE post_key = ?1",
                [post_key],
                |r| r.get(0),
            )
            .optional()
        })?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// The comment ids seen in a post, each with when it was first seen.
    pub fn seen_ids(&self, post_key: &str) -> Result<HashMap<String, i64>, StoreError> {
        self.read(|conn| {
            let mut stmt =
                conn.prepare_cached("SELECT comment_id, first_seen FROM seen WHERE post_key = ?1")?;
            let rows = stmt.query_map([post_key], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    /// Adds ids to a post's seen set in one transaction; ids already there keep their first-seen
    /// time. Returns how many were new.
    pub fn mark_seen(
        &mut self,
        post_key: &str,
        ids: &[String],
        now: i64,
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut stmt = tx.prepare(
                "INSERT OR IGNORE INTO seen (post_key, comment_id, first_seen) VALUES (?1, ?2, ?3)",
            )?;
            let mut added = 0;
            for id in ids {
                added += stmt.execute(params![post_key, id, now])?;
            }
            Ok(added)
        })
    }

    /// True once any comment of the post was marked seen (on a first visit nothing is "new").
    pub fn has_seen_any(&self, post_key: &str) -> Result<bool, StoreError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM seen WHERE post_key = ?1)",
                [post_key],
                |r| r.get(0),
            )
        })
    }
}
