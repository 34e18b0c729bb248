//! The worker's side of "discussions elsewhere": looks the post up on HN, Lobsters and Reddit
//! (or reads the kept discussions when offline) on a thread of its own, so a slow site never
//! holds up the reader, and answers with `Msg::Discussions`.

use crate::elsewhere::keep;
use crate::store::Store;
use crate::threads::Thread;
use crate::tui::event::Event;
use crate::tui::msg::Msg;
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use url::Url;

/// Starts the lookup for `source`; the answer goes to `events`.
pub fn spawn(store_path: Option<PathBuf>, source: String, offline: bool, events: Sender<Event>) {
    let spawned = std::thread::Builder::new()
        .name("parlor-discussions".into())
        .spawn(move || {
            let (threads, failures, new_comments) = lookup(store_path, &source, offline);
            let _ = events.send(Event::Msg(Msg::Discussions {
                source,
                threads,
                failures,
                new_comments,
            }));
        });
    if let Err(e) = spawned {
        tracing::warn!("discussions lookup not started: {e}");
    }
}

/// The discussions, the sites that failed, and the comments new since the last visit.
fn lookup(
    store_path: Option<PathBuf>,
    source: &str,
    offline: bool,
) -> (Vec<Thread>, Vec<String>, Vec<String>) {
    let store = store_path.and_then(|p| Store::open(&p).ok());
    let (threads, failures, store) = find(store, source, offline);
    let new = store
        .map(|s| new_since_last_visit(&s, source, &threads))
        .unwrap_or_default();
    (threads, failures, new)
}

/// Per thread, its comments not seen yet ("hn:ID", as the tabs show them), once any of that
/// thread was seen: the first visit marks nothing new, as for the blog's own thread.
pub fn new_since_last_visit(store: &Store, source: &str, threads: &[Thread]) -> Vec<String> {
    let seen = store
        .seen_ids(&crate::store::post_key(source))
        .unwrap_or_default();
    let mut new = Vec::new();
    for t in threads {
        let ids: Vec<String> = t
            .comments
            .iter()
            .map(|c| format!("{}:{}", t.provider, c.id))
            .collect();
        if ids.iter().any(|i| seen.contains_key(i)) {
            new.extend(ids.into_iter().filter(|i| !seen.contains_key(i)));
        }
    }
    new
}

fn find(
    mut store: Option<Store>,
    source: &str,
    offline: bool,
) -> (Vec<Thread>, Vec<String>, Option<Store>) {
    let Ok(url) = Url::parse(source) else {
        let why = format!("{source} is not a web address");
        return (Vec::new(), vec![why], store);
    };
    let (threads, failures) = keep::find(store.as_mut(), &url, offline, &[]);
    (threads, failures, store)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Comment;

    #[test]
    fn new_means_unseen_once_the_thread_was_seen() {
        let source = "https://b.test/p/";
        let mut store = Store::open_in_memory().expect("store");
        let thread = |site: &str, ids: &[&str]| Thread {
            provider: site.into(),
            comments: ids
                .iter()
                .map(|id| Comment {
                    id: (*id).into(),
                    ..Comment::default()
                })
                .collect(),
            ..Thread::default()
        };
        let threads = [thread("hn", &["2", "3"]), thread("reddit", &["k1"])];
        assert!(new_since_last_visit(&store, source, &threads).is_empty());
        store
            .mark_seen(&crate::store::post_key(source), &["hn:2".to_string()], 1)
            .expect("seen");
        // HN was read before: its unseen comment is new; Reddit was never opened: nothing new.
        assert_eq!(new_since_last_visit(&store, source, &threads), ["hn:3"]);
    }
}
