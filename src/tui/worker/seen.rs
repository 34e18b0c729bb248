//! Which comments of a post are new (the ones missing from its seen set; none on a first
//! visit), the post on screen whose comments the library counts as they are seen, and the
//! library's comment and new-comment counts kept from both.

use super::check::Current;
use crate::model::Post;
use crate::store::{post_key, Store};
use std::collections::HashMap;

/// Ids of the comments of `post` that are new since the last visit to `source`: the ones not
/// in its seen set. Nothing is new on a first visit (no comment ever seen).
pub fn new_comment_ids(store: &Store, source: &str, post: &Post) -> Vec<String> {
    unseen(seen_snapshot(store, &post_key(source)).as_ref(), post)
}

pub(super) fn seen_snapshot(store: &Store, key: &str) -> Option<HashMap<String, i64>> {
    if !store.has_seen_any(key).unwrap_or(false) {
        return None;
    }
    store.seen_ids(key).ok()
}

pub(super) fn unseen(seen: Option<&HashMap<String, i64>>, post: &Post) -> Vec<String> {
    let Some(seen) = seen else {
        return Vec::new();
    };
    post.comments
        .iter()
        .filter(|c| !seen.contains_key(&c.id))
        .map(|c| c.id.clone())
        .collect()
}

/// Remembers the post on screen (for the library's new count as comments are seen).
pub(super) fn set_current(current: &Current, key: String, post: &Post) {
    if let Ok(mut c) = current.lock() {
        *c = Some((key, ids(post)));
    }
}

/// Keeps the library's comment and new-comment counts right for a post just loaded.
pub(super) fn record_counts(store: &mut Store, key: &str, post: &Post) {
    let new = unseen(seen_snapshot(store, key).as_ref(), post).len();
    if let Err(e) = store.record_counts(key, count(post.comments.len()), count(new)) {
        tracing::warn!(error = %e, "cannot record comment counts");
    }
}

pub(super) fn ids(post: &Post) -> Vec<String> {
    post.comments.iter().map(|c| c.id.clone()).collect()
}

pub(super) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
