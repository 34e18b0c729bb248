//! The worker's side of "discussions elsewhere": looks the post up on HN, Lobsters and Reddit
//! (or reads the kept discussions when offline) on a thread of its own, so a slow site never
//! holds up the reader, and answers with `Msg::Discussions`.

use crate::elsewhere::{keep, site_label};
use crate::store::Store;
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
            let (threads, failures) = lookup(store_path, &source, offline);
            let _ = events.send(Event::Msg(Msg::Discussions {
                source,
                threads,
                failures,
            }));
        });
    if let Err(e) = spawned {
        tracing::warn!("discussions lookup not started: {e}");
    }
}

fn lookup(
    store_path: Option<PathBuf>,
    source: &str,
    offline: bool,
) -> (Vec<crate::threads::Thread>, Vec<String>) {
    let Ok(url) = Url::parse(source) else {
        return (Vec::new(), vec![format!("{source} is not a web address")]);
    };
    let mut store = store_path.and_then(|p| Store::open(&p).ok());
    if offline {
        return match &store {
            Some(s) => (keep::stored(s, &url), Vec::new()),
            None => (Vec::new(), vec!["the library cannot be opened".into()]),
        };
    }
    let sites = crate::config::load()
        .map(|c| c.discussions.sites)
        .unwrap_or_default();
    let chosen = keep::chosen_sites(&sites);
    let client = match crate::net::Client::new(crate::net::NetOptions::default()) {
        Ok(c) => c,
        Err(e) => return (Vec::new(), vec![e.to_string()]),
    };
    let mut found = keep::refresh(
        &client,
        store.as_mut(),
        &url,
        &chosen,
        crate::reading::now(),
    );
    if found.threads.is_empty() && !found.failures.is_empty() {
        // Nothing answered: the kept discussions are better than none.
        if let Some(s) = &store {
            found.threads = keep::stored(s, &url);
        }
    }
    keep::sort(&mut found.threads);
    let failures = found
        .failures
        .iter()
        .map(|(site, e)| format!("{}: {e}", site_label(site)))
        .collect();
    (found.threads, failures)
}
