//! Drafts: a user's typed words, committed on every save. One draft per (post, parent);
//! a comment on the post itself has parent `None` (stored as '').

use super::{Draft, Store, StoreError};
use rusqlite::{params, OptionalExtension, Row};

const SELECT: &str = "SELECT d.post_key, p.title, d.parent_id, d.body, d.updated_at
     FROM drafts d LEFT JOIN posts p ON p.post_key = d.post_key";

impl Store {
    /// Saves (replaces) the draft for this post and parent; committed before returning.
    pub fn save_draft(
        &mut self,
        post_key: &str,
        parent_id: Option<&str>,
        body: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO drafts (post_key, parent_id, body, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (post_key, parent_id) DO UPDATE SET body = excluded.body,
                   updated_at = excluded.updated_at",
                params![post_key, parent_id.unwrap_or(""), body, now],
            )
            .map(|_| ())
        })
    }

    /// The draft for this post and parent, if any.
    pub fn load_draft(
        &self,
        post_key: &str,
        parent_id: Option<&str>,
    ) -> Result<Option<Draft>, StoreError> {
        self.read(|conn| {
            conn.query_row(
                &format!("{SELECT} WHERE d.post_key = ?1 AND d.parent_id = ?2"),
                params![post_key, parent_id.unwrap_or("")],
                draft_from_row,
            )
            .optional()
        })
    }

    /// Removes a draft (after a confirmed post). False when there was none.
    pub fn delete_draft(
        &mut self,
        post_key: &str,
        parent_id: Option<&str>,
    ) -> Result<bool, StoreError> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM drafts WHERE post_key = ?1 AND parent_id = ?2",
                params![post_key, parent_id.unwrap_or("")],
            )
            .map(|n| n > 0)
        })
    }

    /// Every draft, most recently edited first.
    pub fn list_drafts(&self) -> Result<Vec<Draft>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(&format!(
                "{SELECT} ORDER BY d.updated_at DESC, d.post_key, d.parent_id"
            ))?;
            let rows = stmt.query_map([], draft_from_row)?;
            rows.collect()
        })
    }
}

fn draft_from_row(r: &Row<'_>) -> rusqlite::Result<Draft> {
    let parent: String = r.get(2)?;
    Ok(Draft {
        post_key: r.get(0)?,
        post_title: r.get(1)?,
        parent_id: (!parent.is_empty()).then_some(parent),
        body: r.get(3)?,
        updated_at: r.get(4)?,
    })
}
