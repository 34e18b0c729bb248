//! Threads kept beside a post: discussions elsewhere (`kind = "discussion"`) and comment-system
//! threads, each stored whole (as JSON of the parsed thread) and replaced per lookup.

use super::{Store, StoreError};
use crate::threads::Thread;
use rusqlite::params;

/// The kind of stored thread for discussions on other sites.
pub const DISCUSSION: &str = "discussion";

impl Store {
    /// Replaces the stored threads of `kind` for a post with `threads` (one transaction).
    /// Threads of sites not in `sites` are kept (a lookup on HN alone keeps Reddit's).
    pub fn save_threads(
        &mut self,
        post_key: &str,
        kind: &str,
        sites: &[&str],
        threads: &[Thread],
        now: i64,
    ) -> Result<(), StoreError> {
        let bodies: Vec<(String, String, i64, String)> = threads
            .iter()
            .filter_map(|t| {
                let body = serde_json::to_string(t).ok()?;
                let count = t.stated_count.map_or(t.comments.len(), |c| c as usize);
                let count = i64::try_from(count).unwrap_or(i64::MAX);
                Some((
                    t.provider.clone(),
                    t.url.clone().unwrap_or_default(),
                    count,
                    body,
                ))
            })
            .collect();
        self.write(|tx| {
            for site in sites {
                tx.execute(
                    "DELETE FROM threads WHERE post_key = ?1 AND kind = ?2 AND provider = ?3",
                    params![post_key, kind, site],
                )?;
            }
            for (provider, url, count, body) in &bodies {
                tx.execute(
                    "INSERT OR REPLACE INTO threads
                       (post_key, kind, provider, thread_url, fetched_at, comments, body)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![post_key, kind, provider, url, now, count, body],
                )?;
            }
            Ok(())
        })
    }

    /// Per post, the discussions kept with it: (site, comments) summed per site, for the
    /// library ("+ HN 310").
    pub fn discussion_counts(
        &self,
    ) -> Result<std::collections::HashMap<String, Vec<(String, u32)>>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT post_key, provider, SUM(comments) FROM threads WHERE kind = ?1
                 GROUP BY post_key, provider ORDER BY post_key, provider",
            )?;
            let rows = stmt.query_map([DISCUSSION], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            let mut out: std::collections::HashMap<String, Vec<(String, u32)>> =
                std::collections::HashMap::new();
            for row in rows {
                let (key, site, n) = row?;
                out.entry(key)
                    .or_default()
                    .push((site, u32::try_from(n).unwrap_or(u32::MAX)));
            }
            Ok(out)
        })
    }

    /// The stored threads of `kind` for a post, with when each was fetched, in site order then
    /// by URL. A row that no longer decodes is skipped (a later lookup replaces it).
    pub fn threads(&self, post_key: &str, kind: &str) -> Result<Vec<(Thread, i64)>, StoreError> {
        self.read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT body, fetched_at FROM threads WHERE post_key = ?1 AND kind = ?2
                 ORDER BY provider, thread_url",
            )?;
            let rows = stmt.query_map(params![post_key, kind], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (body, at) = row?;
                if let Ok(t) = serde_json::from_str::<Thread>(&body) {
                    out.push((t, at));
                }
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comment;

    fn thread(provider: &str, url: &str, n: usize) -> Thread {
        Thread {
            provider: provider.into(),
            url: Some(url.into()),
            comments: (0..n)
                .map(|i| Comment {
                    id: i.to_string(),
                    author: format!("a{i}"),
                    ..Comment::default()
                })
                .collect(),
            ..Thread::default()
        }
    }

    #[test]
    fn threads_round_trip_and_replace_per_site() {
        let mut store = Store::open_in_memory().expect("store");
        let first = [
            thread("hn", "https://h/1", 2),
            thread("reddit", "https://r/1", 1),
        ];
        store
            .save_threads("k", DISCUSSION, &["hn", "reddit"], &first, 10)
            .expect("save");
        assert_eq!(store.threads("k", DISCUSSION).expect("load").len(), 2);
        // A lookup on HN alone replaces HN's threads and keeps Reddit's.
        store
            .save_threads(
                "k",
                DISCUSSION,
                &["hn"],
                &[thread("hn", "https://h/2", 3)],
                20,
            )
            .expect("save");
        let got = store.threads("k", DISCUSSION).expect("load");
        let urls: Vec<_> = got
            .iter()
            .map(|(t, _)| t.url.clone().unwrap_or_default())
            .collect();
        assert_eq!(urls, ["https://h/2", "https://r/1"]);
        assert_eq!(got[0].0.comments.len(), 3);
        assert_eq!(got[0].1, 20);
        assert!(store.threads("other", DISCUSSION).expect("load").is_empty());
        // The library's "+ HN 3 · Reddit 1": comments per site (stated count, else the list).
        let counts = store.discussion_counts().expect("counts");
        assert_eq!(
            counts.get("k").cloned().unwrap_or_default(),
            [("hn".to_string(), 3), ("reddit".to_string(), 1)]
        );
    }
}
