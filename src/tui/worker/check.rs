//! The background check of a stored copy: a conditional GET on its own thread with its own
//! connection to the library file, so a slow or hung server holds up neither the library nor
//! the saving of the reading position. 304 (or the same page) changes nothing; a changed page
//! is stored and comes back with its new comments; a network failure gives the offline note.

use super::model_cache;
use super::seen::{record_counts, set_current, unseen};
use super::{Loaded, Refresh};
use crate::model::Post;
use crate::net::Client;
use crate::reading::{self, Origin};
use crate::store::{post_key, Store};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use url::Url;

/// The key and comment ids of the post on screen, shared by the loader and its checks.
pub type Current = Arc<Mutex<Option<(String, Vec<String>)>>>;

/// A stored copy on screen, waiting for its background check.
pub struct Pending {
    pub source: String,
    pub url: Url,
    /// The seen set when the post was opened (`None`: never seen, a first visit).
    pub seen: Option<HashMap<String, i64>>,
    pub fetched_at: i64,
    pub post: Post,
}

/// Checks the server for a newer copy of `p`. `path`: the library file (`None` when the
/// library is in memory; the page is then compared, not kept).
pub fn check_stored(
    client: &Client,
    path: Option<PathBuf>,
    p: Pending,
    current: &Current,
) -> Refresh {
    let offline = Some(reading::offline_note(p.fetched_at));
    let opened = match path.map(|path| Store::open(&path)) {
        Some(Ok(store)) => Ok(store),
        Some(Err(e)) => Err(e.to_string()),
        None => Store::open_in_memory().map_err(|e| e.to_string()),
    };
    let mut store = match opened {
        Ok(store) => store,
        Err(e) => {
            tracing::warn!(error = %e, "cannot open the library for a check");
            return Refresh::Unchanged {
                note: offline,
                message: None,
            };
        }
    };
    match reading::refresh(client, &mut store, &p.url, reading::now()) {
        Ok(opened) if opened.origin == Origin::NotModified || opened.post == p.post => {
            Refresh::Unchanged {
                note: None,
                message: None,
            }
        }
        Ok(opened) => {
            let key = post_key(&p.source);
            record_counts(&mut store, &key, &opened.post);
            model_cache::save(&store, &key, opened.fetched_at, opened.post.clone());
            set_current(current, key, &opened.post);
            let note = (!opened.warnings.is_empty()).then(|| opened.warnings.join("; "));
            let mut post = opened.post;
            // The user's held comments stay visible (as on the first answer).
            crate::posting::merge_pending(&mut post, &mut store);
            Refresh::Changed(Box::new(Loaded {
                new_comments: unseen(p.seen.as_ref(), &post),
                post,
                note,
                refreshing: false,
                position: None,
            }))
        }
        Err(e) => {
            // The offline note says it all; the reason goes to the log (no error storm).
            tracing::warn!(error = %e, "could not check for changes");
            Refresh::Unchanged {
                note: offline,
                message: None,
            }
        }
    }
}
