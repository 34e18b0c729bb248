//! The worker thread: performs `Effect`s (load a post, open a URL, the library's reads and
//! writes) off the UI thread and sends the results back as `Msg`s. Loading goes through the
//! `Loader` trait; [`StoreLoader`] is the real one (store + network), progressive: a stored
//! copy is answered at once (`refreshing: true`), then [`Loader::check`] asks the server on
//! its own thread and its answer follows as a second `Msg::Loaded` (changed) or a
//! `Msg::Checked` (not). The worker takes `Job`s (`Effect::route` keeps the UI effects on the
//! main loop) and does each through one exhaustive match.

mod blogs;
mod check;
mod discussions;
mod model_cache;
mod seen;
mod store_loader;

pub use seen::new_comment_ids;
pub use store_loader::StoreLoader;

pub mod poster;

use super::app::{Effect, Msg};
use super::event::Event;
pub use super::msg::Loaded;
use std::sync::mpsc::{Receiver, Sender};
use url::Url;

mod loader;
pub use loader::{Check, Loader, Refresh, RefreshFailure};

pub use super::welcome::{is_welcome, welcome_post, WELCOME, WELCOME_HTML, WELCOME_URL};

/// The built-in loader: the welcome post, HTML files; http(s) waits for the fetcher.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultLoader;

impl Loader for DefaultLoader {
    fn load(&mut self, source: &str, _offline: bool) -> Result<Loaded, String> {
        match source {
            s if super::source::is_web(s) => {
                Err("this reader has no network (use StoreLoader)".to_string())
            }
            other => load_local(other),
        }
    }

    crate::no_library!();
}

/// The welcome post or an HTML file.
pub fn load_local(source: &str) -> Result<Loaded, String> {
    match source {
        WELCOME => Ok(Loaded {
            post: welcome_post(),
            ..Loaded::default()
        }),
        path => load_file(path),
    }
}

fn load_file(path: &str) -> Result<Loaded, String> {
    let bytes =
        crate::net::local::read_file(std::path::Path::new(path), crate::net::local::MAX_PAGE)
            .map_err(|e| format!("cannot read {path}: {e}"))?;
    // Decoded as `parlor dump` does: BOM, `<meta charset>`, else UTF-8 with replacement.
    let html = crate::net::decode_html(&bytes, None);
    let absolute = std::fs::canonicalize(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let base =
        Url::from_file_path(&absolute).map_err(|()| format!("cannot make a URL of {path}"))?;
    Ok(Loaded {
        post: crate::extract::extract(&html, &base),
        ..Loaded::default()
    })
}

pub use super::msg::{Job, Routed, UiEffect};

/// Runs jobs until the job channel closes (or an `Effect::Quit` arrives, for callers that send
/// effects). Results go to `events`. The reader sends `Job`s only (`Effect::route`); a UI
/// effect sent here is logged and dropped.
pub fn run_worker<J: Into<Routed>>(
    mut loader: Box<dyn Loader>,
    jobs: Receiver<J>,
    events: Sender<Event>,
) {
    let send = |msg: Msg| events.send(Event::Msg(msg)).is_ok();
    let mut poster = poster::Poster::default();
    let mut told_replies = false;
    for job in jobs {
        let job = match job.into() {
            Routed::Job(job) => job,
            Routed::Ui(UiEffect::Quit) => break,
            Routed::Ui(other) => {
                tracing::error!(?other, "a UI effect was sent to the worker; dropped");
                continue;
            }
        };
        poster.use_store_path(loader.store_path());
        if !perform(loader.as_mut(), &mut poster, job, &events, &send) {
            break;
        }
        // Once, after the first answer: replies waiting since last time (the status line).
        if !told_replies {
            told_replies = true;
            let n = loader.unseen_replies();
            if n > 0 && !send(Msg::UnseenReplies(n)) {
                break;
            }
        }
    }
}

/// Does one job: one exhaustive match says who does each (the poster replies, `blogs`
/// browses, the rest is here), so a new job cannot be dropped silently. False: the UI is gone.
fn perform(
    loader: &mut dyn Loader,
    poster: &mut poster::Poster,
    job: Job,
    events: &Sender<Event>,
    send: &dyn Fn(Msg) -> bool,
) -> bool {
    let effect = job.into_effect();
    match effect {
        Effect::SaveDraft { .. }
        | Effect::LoadDraft { .. }
        | Effect::LoadDrafts
        | Effect::Submit { .. }
        | Effect::SaveIdentity(_) => match poster.handle(&effect, crate::reading::now()) {
            Some(msgs) => msgs.into_iter().all(send),
            None => unhandled(&effect),
        },
        Effect::LoadBlogs
        | Effect::LoadPosts { .. }
        | Effect::LoadReplies
        | Effect::MarkPostRead { .. }
        | Effect::MarkBlogRead { .. }
        | Effect::MarkItemRead { .. }
        | Effect::MarkReplySeen { .. }
        | Effect::RefreshBlogs => {
            blogs::handle(loader, &effect, send).unwrap_or_else(|| unhandled(&effect))
        }
        Effect::Load {
            id,
            source,
            offline,
        } => load(loader, poster, id, &source, offline, events, send),
        Effect::Discussions { source, offline } => {
            discussions::spawn(loader.store_path(), source, offline, events.clone());
            true
        }
        Effect::OpenUrl(url) => match open_url(&url) {
            Ok(()) => true,
            Err(text) => send(Msg::Notice { text, error: true }),
        },
        Effect::LoadLibrary { start } => send(Msg::Library {
            entries: loader.library(),
            start,
        }),
        Effect::MarkSeen { source, ids } => {
            loader.mark_seen(&source, &ids);
            true
        }
        Effect::SavePosition { source, position } => {
            loader.save_position(&source, &position);
            true
        }
        Effect::DeletePost { key } => match loader.delete(&key) {
            Ok(()) => send(Msg::Library {
                entries: loader.library(),
                start: false,
            }),
            Err(text) => send(Msg::Notice { text, error: true }),
        },
        Effect::RefreshPosts { urls } => refresh_all(loader, &urls, send),
        // `Effect::route` keeps these on the main loop: a `Job` never holds one.
        Effect::Quit | Effect::Edit(_) | Effect::Copy(_) => unhandled(&effect),
    }
}

/// A job its handler did not take: said in the log (by its variant name only: a reply's text
/// and identity stay out of it), never dropped silently.
fn unhandled(effect: &Effect) -> bool {
    let debug = format!("{effect:?}");
    let kind = debug.split([' ', '(', '{']).next().unwrap_or_default();
    tracing::error!(kind, "a job reached the worker with no handler; dropped");
    true
}

/// Loads a post with its page progress, answers it, and does what follows an answer: the
/// read mark, the background check of a stored copy, the blog's outbox.
fn load(
    loader: &mut dyn Loader,
    poster: &mut poster::Poster,
    id: u64,
    source: &str,
    offline: bool,
    events: &Sender<Event>,
    send: &dyn Fn(Msg) -> bool,
) -> bool {
    tracing::info!(id, ?source, offline, "loading");
    let started = std::time::Instant::now();
    let mut result = crate::fetch::with_page_progress(page_progress(id, events), || {
        load_guarded(loader, source, offline)
    });
    tracing::info!(id, ms = started.elapsed().as_millis(), "loaded");
    let web = super::source::is_web(source);
    if let (Ok(loaded), true) = (&mut result, web) {
        // The user's held comments, and the post the next reply is built from.
        poster.prepare(loaded);
        loader.shown(&loaded.post);
    }
    let loaded_web = web && result.is_ok();
    let refreshing = result.as_ref().is_ok_and(|l| l.refreshing);
    let sent = send(Msg::Loaded {
        id,
        result: result.map(Box::new),
    });
    loader.after_load();
    if loaded_web {
        // Read is read, however it was opened: the blog's post lists agree.
        loader.mark_item_read(source);
    }
    if refreshing {
        spawn_check(loader.check(source), id, events.clone());
    }
    // Retry this blog's outbox now that it answered (or report the count).
    sent && (!loaded_web || send(poster.after_load(source, offline, crate::reading::now())))
}

/// Runs a check on its own thread; its answer is the second answer to load `id`.
fn spawn_check(check: Check, id: u64, events: Sender<Event>) {
    let run = move || {
        let msg =
            crate::fetch::with_page_progress(page_progress(id, &events), || check_msg(check, id));
        let _ = events.send(Event::Msg(msg));
    };
    if let Err(e) = std::thread::Builder::new()
        .name(WORKER_THREAD.into())
        .spawn(run)
    {
        tracing::warn!(error = %e, "cannot start a check");
    }
}

/// Tells the reader how far load `id` is through the post's pages (`Msg::PageProgress`), once
/// the post is known to have more than one page (a one-page post says nothing more).
pub fn page_progress(
    id: u64,
    events: &Sender<Event>,
) -> impl FnMut(crate::fetch::PageProgress) + 'static {
    let events = events.clone();
    move |p| {
        if p.known < 2 {
            return;
        }
        let _ = events.send(Event::Msg(Msg::PageProgress {
            id,
            done: p.done,
            known: p.known,
        }));
    }
}

/// The second answer to load `id`: what the background check of the stored copy found.
pub fn check_msg(check: Check, id: u64) -> Msg {
    let refreshed =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).unwrap_or_else(|_| {
            Refresh::Unchanged {
                note: None,
                message: Some(
                    "internal error while checking for changes (details in the log)".into(),
                ),
            }
        });
    match refreshed {
        Refresh::Changed(loaded) => Msg::Loaded {
            id,
            result: Ok(loaded),
        },
        Refresh::Unchanged { note, message } => Msg::Checked { id, note, message },
    }
}

/// Refreshes posts one at a time with progress after each; the library's rows at the end.
/// Once the network is down, the rest are not tried (no error storm): they count as failed.
fn refresh_all(loader: &mut dyn Loader, urls: &[String], send: &dyn Fn(Msg) -> bool) -> bool {
    let total = urls.len();
    let mut failed = 0;
    let mut last_error = None;
    let mut network_down = false;
    for (done, url) in urls.iter().enumerate() {
        if network_down {
            failed += 1;
        } else if let Err(e) = loader.refresh_stored(url) {
            tracing::warn!(url, error = %e.text, "refresh failed");
            failed += 1;
            network_down = e.network_down;
            last_error = Some(e.text);
        }
        if !send(Msg::Progress {
            done: done + 1,
            total,
            failed,
        }) {
            return false;
        }
    }
    if let Some(e) = last_error {
        if !send(Msg::Notice {
            text: format!(
                "refreshed {} of {total} · {failed} not: {e}",
                total - failed
            ),
            error: true,
        }) {
            return false;
        }
    }
    send(Msg::Library {
        entries: loader.library(),
        start: false,
    })
}

/// The worker thread's name: a panic there is logged, and the terminal stays as it is.
pub const WORKER_THREAD: &str = "parlor-worker";

/// Runs the loader; a panic inside it (hostile input hitting a bug) becomes an error message.
pub fn load_guarded(
    loader: &mut dyn Loader,
    source: &str,
    offline: bool,
) -> Result<Loaded, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        loader.load(source, offline)
    }))
    .unwrap_or_else(|_| {
        tracing::error!(source, "the loader panicked");
        Err("internal error while reading this post (details in the log)".to_string())
    })
}

/// Opens a URL with `$BROWSER` (a program name, no shell) or the platform opener.
pub fn open_url(url: &str) -> Result<(), String> {
    tracing::info!(url, "opening in browser");
    if let Some(browser) = std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        return std::process::Command::new(&browser)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map(drop)
            .map_err(|e| format!("cannot start $BROWSER ({}): {e}", browser.to_string_lossy()));
    }
    open::that_detached(url).map_err(|e| format!("cannot open a browser: {e}"))
}

#[cfg(test)]
mod tests;
