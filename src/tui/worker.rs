//! The worker thread: performs `Effect`s (load a post, open a URL) off the UI thread and sends
//! the results back as `Msg`s. Loading goes through the `Loader` trait so the fetcher and the
//! store plug in without touching the app.

pub mod poster;

use super::app::{Effect, Msg};
use super::event::Event;
use crate::model::Post;
use std::sync::mpsc::{Receiver, Sender};
use url::Url;

/// A loaded post and where it came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loaded {
    pub post: Post,
    /// Shown in the status line, e.g. "offline copy from 2026-11-28".
    pub note: Option<String>,
    /// Ids of comments that are new since the last visit (from the store); `.` jumps
    /// through them and they carry a "new" badge. Empty when unknown.
    pub new_comments: Vec<String>,
}

/// Turns a source (an http(s) URL, a file path, or [`WELCOME`]) into a post.
pub trait Loader: Send + 'static {
    /// Loads a post; the error is a message for the status line.
    fn load(&self, source: &str, offline: bool) -> Result<Loaded, String>;
}

/// The source name of the built-in welcome post.
pub const WELCOME: &str = "parlor:welcome";
/// The base URL the welcome post is extracted against.
pub const WELCOME_URL: &str = "https://parlor.invalid/welcome/";
/// The welcome post's HTML.
pub const WELCOME_HTML: &str = include_str!("../../assets/welcome.html");

/// The built-in loader: the welcome post, HTML files; http(s) waits for the fetcher.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultLoader;

impl Loader for DefaultLoader {
    fn load(&self, source: &str, _offline: bool) -> Result<Loaded, String> {
        match source {
            WELCOME => Ok(Loaded {
                post: welcome_post(),
                ..Loaded::default()
            }),
            s if s.starts_with("http://") || s.starts_with("https://") => {
                Err("network not wired yet".to_string())
            }
            path => load_file(path),
        }
    }
}

/// The welcome post, extracted from the embedded HTML.
pub fn welcome_post() -> Post {
    Url::parse(WELCOME_URL)
        .map(|base| crate::extract::extract(WELCOME_HTML, &base))
        .unwrap_or_default()
}

fn load_file(path: &str) -> Result<Loaded, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let html = String::from_utf8_lossy(&bytes);
    let absolute = std::fs::canonicalize(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let base =
        Url::from_file_path(&absolute).map_err(|()| format!("cannot make a URL of {path}"))?;
    Ok(Loaded {
        post: crate::extract::extract(&html, &base),
        ..Loaded::default()
    })
}

/// A job for the worker: an effect other than `Quit`.
pub type Job = Effect;

/// Runs jobs until the job channel closes. Results go to `events`.
pub fn run_worker(loader: Box<dyn Loader>, jobs: Receiver<Job>, events: Sender<Event>) {
    let mut poster = poster::Poster::default();
    for job in jobs {
        if let Some(msgs) = poster.handle(&job, crate::reading::now()) {
            if msgs
                .into_iter()
                .any(|m| events.send(Event::Msg(m)).is_err())
            {
                break;
            }
            continue;
        }
        let msg = match job {
            Effect::Load {
                id,
                source,
                offline,
            } => {
                tracing::info!(id, ?source, offline, "loading");
                let mut result = load_guarded(loader.as_ref(), &source, offline);
                let web = source.starts_with("http://") || source.starts_with("https://");
                let loaded_web = web && result.is_ok();
                if let (Ok(loaded), true) = (&mut result, web) {
                    poster.prepare(loaded);
                }
                let result = result.map(Box::new);
                if events.send(Event::Msg(Msg::Loaded { id, result })).is_err() {
                    break;
                }
                if !loaded_web {
                    continue;
                }
                poster.after_load(&source, offline, crate::reading::now())
            }
            Effect::OpenUrl(url) => match open_url(&url) {
                Ok(()) => continue,
                Err(text) => Msg::Notice { text, error: true },
            },
            Effect::Quit => break,
            // Replying jobs went to the poster; the editor runs on the UI thread.
            _ => continue,
        };
        if events.send(Event::Msg(msg)).is_err() {
            break;
        }
    }
}

/// The worker thread's name: a panic there is logged, and the terminal stays as it is.
pub const WORKER_THREAD: &str = "parlor-worker";

/// Runs the loader; a panic inside it (hostile input hitting a bug) becomes an error message.
pub fn load_guarded(loader: &dyn Loader, source: &str, offline: bool) -> Result<Loaded, String> {
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
mod tests {
    use super::*;

    struct Panicking;
    impl Loader for Panicking {
        fn load(&self, _: &str, _: bool) -> Result<Loaded, String> {
            panic!("boom")
        }
    }

    #[test]
    fn worker_answers_loads_and_survives_a_panicking_loader() {
        let (job_tx, job_rx) = std::sync::mpsc::channel();
        let (tx, rx) = std::sync::mpsc::channel();
        let handle = std::thread::spawn(move || run_worker(Box::new(Panicking), job_rx, tx));
        job_tx
            .send(Effect::Load {
                id: 7,
                source: WELCOME.into(),
                offline: false,
            })
            .expect("send");
        match rx.recv().expect("answer") {
            Event::Msg(Msg::Loaded { id, result }) => {
                assert_eq!(id, 7);
                assert_eq!(
                    result.err().as_deref(),
                    Some("internal error while reading this post (details in the log)")
                );
            }
            other => panic!("unexpected {other:?}"),
        }
        job_tx.send(Effect::Quit).expect("send");
        handle.join().expect("worker ends on Quit");
    }

    #[test]
    fn default_loader_answers_every_kind_of_source() {
        let welcome = DefaultLoader.load(WELCOME, false).expect("welcome loads");
        assert_eq!(welcome.post.url, WELCOME_URL);
        assert_eq!(
            DefaultLoader.load("https://x.test/", false),
            Err("network not wired yet".to_string())
        );
        let err = DefaultLoader
            .load("/nonexistent/post.html", false)
            .expect_err("missing file");
        assert!(
            err.starts_with("cannot read /nonexistent/post.html"),
            "{err}"
        );
    }
}
