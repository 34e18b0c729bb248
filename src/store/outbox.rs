//! The outbox: submissions waiting for the network, with their delivery state.

use super::{to_u32, OutboxEntry, OutboxNew, OutboxState, Store, StoreError};
use rusqlite::{params, OptionalExtension as _, Row};

impl OutboxState {
    /// The name stored in the database and shown by `parlor outbox`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Sent => "sent",
            OutboxState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Option<OutboxState> {
        Some(match s {
            "queued" => OutboxState::Queued,
            "sending" => OutboxState::Sending,
            "sent" => OutboxState::Sent,
            "failed" => OutboxState::Failed,
            _ => return None,
        })
    }
}

impl Store {
    /// Queues a submission (state `Queued`); returns its id.
    pub fn enqueue(&mut self, entry: &OutboxNew) -> Result<i64, StoreError> {
        self.enqueue_as(entry, OutboxState::Queued, None)
    }

    /// Records a submission in `state` (`Sending` before the first request, so a crash or a
    /// quit mid-send leaves a record the next retry checks) with a note for `parlor outbox`.
    pub fn enqueue_as(
        &mut self,
        entry: &OutboxNew,
        state: OutboxState,
        last_error: Option<&str>,
    ) -> Result<i64, StoreError> {
        let fields = serde_json::to_string(&entry.fields).map_err(|e| StoreError::Data {
            path: self.path.clone(),
            detail: format!("cannot encode form fields: {e}"),
        })?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO outbox (post_key, action, fields, parent_id, body, author_name,
                   author_email, author_url, state, created_at, updated_at, last_error, attempts)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?9, ?9, ?11, ?12)",
                params![
                    entry.post_key,
                    entry.action,
                    fields,
                    entry.parent_id,
                    entry.body,
                    entry.author_name,
                    entry.author_email,
                    entry.author_url,
                    entry.created_at,
                    state.as_str(),
                    last_error,
                    i64::from(state == OutboxState::Sending)
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// The URL the user asked for when a stored post's first page landed on `final_url` (the
    /// most recently checked one when several did): where the user chose to read, before
    /// redirects. `None` when no stored post landed there.
    pub fn asked_url(&self, final_url: &str) -> Result<Option<String>, StoreError> {
        self.read(|conn| {
            conn.query_row(
                "SELECT pages.url FROM pages JOIN posts ON posts.post_key = pages.post_key
                 WHERE pages.seq = 0 AND pages.final_url = ?1
                 ORDER BY posts.checked_at DESC LIMIT 1",
                [final_url],
                |r| r.get(0),
            )
            .optional()
        })
    }

    /// Every outbox entry, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>, StoreError> {
        let rows: Vec<(OutboxEntry, String, String)> = self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT id, post_key, action, parent_id, body, author_name, author_email,
                   author_url, attempts, last_error, created_at, updated_at, fields, state
                 FROM outbox ORDER BY id",
            )?;
            let rows = stmt.query_map([], entry_from_row)?;
            rows.collect()
        })?;
        rows.into_iter()
            .map(|(mut entry, fields, state)| {
                entry.fields = serde_json::from_str(&fields).map_err(|e| self.bad(entry.id, e))?;
                entry.state = OutboxState::parse(&state).ok_or_else(|| StoreError::Data {
                    path: self.path.clone(),
                    detail: format!("outbox entry {} has unknown state {state:?}", entry.id),
                })?;
                Ok(entry)
            })
            .collect()
    }

    /// Moves an entry to `state`, records the error (or clears it) and counts an attempt when
    /// the new state is `Sending`. False when there is no such entry.
    pub fn update_outbox(
        &mut self,
        id: i64,
        state: OutboxState,
        last_error: Option<&str>,
        now: i64,
    ) -> Result<bool, StoreError> {
        let attempt = i64::from(state == OutboxState::Sending);
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET state = ?2, last_error = ?3, updated_at = ?4,
                   attempts = attempts + ?5 WHERE id = ?1",
                params![id, state.as_str(), last_error, now, attempt],
            )
            .map(|n| n > 0)
        })
    }

    /// Removes an entry. False when there was none.
    pub fn remove_outbox(&mut self, id: i64) -> Result<bool, StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM outbox WHERE id = ?1", [id])
                .map(|n| n > 0)
        })
    }

    fn bad(&self, id: i64, e: serde_json::Error) -> StoreError {
        StoreError::Data {
            path: self.path.clone(),
            detail: format!("outbox entry {id} has unreadable form fields: {e}"),
        }
    }
}

/// The entry with placeholder fields/state, plus the raw fields JSON and state name.
fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<(OutboxEntry, String, String)> {
    let entry = OutboxEntry {
        id: r.get(0)?,
        post_key: r.get(1)?,
        action: r.get(2)?,
        fields: Vec::new(),
        parent_id: r.get(3)?,
        body: r.get(4)?,
        author_name: r.get(5)?,
        author_email: r.get(6)?,
        author_url: r.get(7)?,
        state: OutboxState::Queued,
        attempts: to_u32(r.get(8)?),
        last_error: r.get(9)?,
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
    };
    Ok((entry, r.get(12)?, r.get(13)?))
}
