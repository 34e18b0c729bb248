//! The offline library over loopback: a post fetched once reads the same with the server gone;
//! a stored copy is checked with a conditional GET (304 keeps it, a changed page replaces it);
//! comments the server adds later come back as new ids; the worker answers a load twice
//! (stored copy, then the check). Servers are tiny_http on 127.0.0.1, started and stopped here.

use parlor::net::{Client, NetOptions};
use parlor::reading::{self, Origin};
use parlor::store::{post_key, Store};
use parlor::tui::app::{Effect, Msg};
use parlor::tui::event::Event;
use parlor::tui::worker::{self, Loader, Refresh, StoreLoader};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use url::Url;

fn comment(id: u32, parent: Option<u32>, author: &str, text: &str) -> String {
    let depth = if parent.is_some() { 2 } else { 1 };
    format!(
        r#"<li id="comment-{id}" class="comment depth-{depth}"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">{author}</b></div>
<div class="comment-metadata"><time datetime="2026-11-27T1{id}:00:00+00:00">Nov 27</time></div></footer>
<div class="comment-content"><p>{text}</p></div></article>"#
    )
}

/// A WordPress-like page with `n` comments: 1 and 2 as a thread, then top-level ones.
fn page(n: u32) -> String {
    let mut list = String::new();
    list.push_str(&comment(1, None, "Loopy", "First loopback comment."));
    if n >= 2 {
        list.push_str(r#"<ol class="children">"#);
        list.push_str(&comment(2, Some(1), "Echo", "A reply over loopback."));
        list.push_str("</li></ol>");
    }
    list.push_str("</li>");
    for id in 3..=n {
        list.push_str(&comment(
            id,
            None,
            "Later",
            &format!("Comment number {id}."),
        ));
        list.push_str("</li>");
    }
    format!(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>Loopback post</title>
<meta name="generator" content="WordPress 6.4"></head><body>
<article class="post"><h1 class="entry-title">Loopback post</h1><div class="entry-content">
<p>Served from 127.0.0.1 for the offline test.</p></div></article>
<ol class="comment-list">{list}</ol></body></html>"#
    )
}

/// What the server serves and what it saw.
#[derive(Default)]
struct State {
    html: String,
    etag: String,
    requests: usize,
    not_modified: usize,
    /// Answer only after this long (a slow server).
    delay: Duration,
}

/// A loopback server that honours `If-None-Match`; stopped on drop.
struct Server {
    url: Url,
    state: Arc<Mutex<State>>,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(html: String, etag: &str) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind loopback"));
        let port = server.server_addr().to_ip().expect("ip").port();
        let state = Arc::new(Mutex::new(State {
            html,
            etag: etag.to_string(),
            ..State::default()
        }));
        let (srv, st) = (server.clone(), state.clone());
        let thread = std::thread::spawn(move || {
            for request in srv.incoming_requests() {
                let delay = st.lock().expect("state").delay;
                std::thread::sleep(delay);
                let mut s = st.lock().expect("state");
                s.requests += 1;
                let matches = request
                    .headers()
                    .iter()
                    .any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == s.etag);
                let etag = tiny_http::Header::from_bytes("ETag", s.etag.as_bytes()).expect("h");
                if matches {
                    s.not_modified += 1;
                    let _ = request.respond(tiny_http::Response::empty(304).with_header(etag));
                } else {
                    let ct =
                        tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8")
                            .expect("h");
                    let body = s.html.clone();
                    let _ = request.respond(
                        tiny_http::Response::from_string(body)
                            .with_header(ct)
                            .with_header(etag),
                    );
                }
            }
        });
        Server {
            url: Url::parse(&format!("http://127.0.0.1:{port}/2026/11/27/loopback/")).expect("url"),
            state,
            server,
            thread: Some(thread),
        }
    }

    fn serve(&self, html: String, etag: &str) {
        let mut s = self.state.lock().expect("state");
        s.html = html;
        s.etag = etag.to_string();
    }

    fn slow_down(&self, delay: Duration) {
        self.state.lock().expect("state").delay = delay;
    }

    fn counts(&self) -> (usize, usize) {
        let s = self.state.lock().expect("state");
        (s.requests, s.not_modified)
    }

    fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            t.join().expect("server thread");
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.halt();
    }
}

fn client() -> Client {
    Client::new(NetOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        ..NetOptions::default()
    })
    .expect("client")
}

fn ids(post: &parlor::model::Post) -> Vec<String> {
    post.comments.iter().map(|c| c.id.clone()).collect()
}

#[test]
fn fetched_once_then_read_offline_gives_the_same_model() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parlor.db");
    let mut store = Store::open(&path).expect("store");
    let server = Server::start(page(2), "\"v1\"");
    let url = server.url.clone();
    let fresh = reading::open(Some(&client()), &mut store, &url, false, 1_000).expect("fetch");
    assert_eq!(fresh.origin, Origin::Fresh);
    assert_eq!(fresh.post.title, "Loopback post");
    assert_eq!(ids(&fresh.post), ["1", "2"]);
    assert_eq!(fresh.post.comments[1].parent.as_deref(), Some("1"));
    server.stop();

    let offline = reading::open(None, &mut store, &url, true, 2_000).expect("offline copy");
    assert_eq!(offline.origin, Origin::Stored);
    assert_eq!(offline.fetched_at, 1_000);
    assert_eq!(offline.post, fresh.post);
    // Online but the server is gone: the stored copy, with the reason.
    let down = reading::open(Some(&client()), &mut store, &url, false, 3_000).expect("fallback");
    assert_eq!(down.origin, Origin::Stored);
    assert_eq!(down.post, fresh.post);
    assert_eq!(down.warnings.len(), 1, "{:?}", down.warnings);
    assert!(
        down.warnings[0].starts_with("showing the offline copy"),
        "{:?}",
        down.warnings
    );

    // The reader's loader with --offline: the same post, the offline note, nothing to check.
    let mut loader = StoreLoader::with_store(Store::open(&path).expect("store"));
    let loaded = loader.load(url.as_str(), true).expect("offline load");
    assert_eq!(loaded.post, fresh.post);
    assert!(!loaded.refreshing);
    assert_eq!(loaded.note, Some(reading::offline_note(1_000)));
    // Network down without --offline: the stored copy at once, then one quiet note.
    let loaded = loader.load(url.as_str(), false).expect("stored copy");
    assert!(loaded.refreshing);
    match (loader.check(url.as_str()))() {
        Refresh::Unchanged { note, message } => {
            assert_eq!(note, Some(reading::offline_note(1_000)));
            assert_eq!(message, None, "the note says it; no error message");
        }
        other => panic!("expected no change, got {other:?}"),
    }
    let missing = loader
        .load("http://127.0.0.1:9/never/", true)
        .expect_err("not stored");
    assert_eq!(
        missing,
        "http://127.0.0.1:9/never/ is not in the library yet; open it once online first"
    );
}

#[test]
fn not_modified_keeps_the_copy_and_a_changed_page_replaces_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parlor.db");
    let server = Server::start(page(2), "\"v1\"");
    let url = server.url.to_string();
    let mut loader = StoreLoader::with_store(Store::open(&path).expect("store"));
    let first = loader.load(&url, false).expect("first fetch");
    assert!(!first.refreshing, "nothing stored: fetched directly");
    assert_eq!(ids(&first.post), ["1", "2"]);
    assert_eq!(server.counts(), (1, 0));

    let stored = loader.load(&url, false).expect("stored copy");
    assert!(stored.refreshing);
    assert_eq!(stored.post, first.post);
    assert_eq!(server.counts(), (1, 0), "the stored copy needs no request");
    assert_eq!(
        (loader.check(&url))(),
        Refresh::Unchanged {
            note: None,
            message: None
        }
    );
    assert_eq!(server.counts(), (2, 1), "a conditional GET answered 304");

    server.serve(page(4), "\"v2\"");
    loader.load(&url, false).expect("stored copy");
    match (loader.check(&url))() {
        Refresh::Changed(loaded) => {
            assert_eq!(ids(&loaded.post), ["1", "2", "3", "4"]);
            assert!(!loaded.refreshing);
            assert_eq!(
                loaded.new_comments,
                Vec::<String>::new(),
                "nothing seen yet"
            );
        }
        other => panic!("expected a changed page, got {other:?}"),
    }
    assert_eq!(server.counts(), (3, 1));
    let check = Store::open(&path).expect("store");
    let kept = reading::open_stored(&check, &url)
        .expect("read")
        .expect("stored");
    assert_eq!(ids(&kept.post), ["1", "2", "3", "4"]);
    let library = check.library().expect("library");
    assert_eq!(library.len(), 1);
    assert_eq!(library[0].comment_count, 4);
}

#[test]
fn comments_added_later_are_new_and_counted_in_the_library() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parlor.db");
    let server = Server::start(page(2), "\"v1\"");
    let url = server.url.to_string();
    let mut loader = StoreLoader::with_store(Store::open(&path).expect("store"));
    let first = loader.load(&url, false).expect("first visit");
    assert_eq!(
        first.new_comments,
        Vec::<String>::new(),
        "nothing is new on a first visit"
    );
    // Both comments were on screen.
    loader.mark_seen(&url, &["1".to_string(), "2".to_string()]);

    server.serve(page(4), "\"v2\"");
    let again = loader.load(&url, false).expect("stored copy");
    assert_eq!(
        again.new_comments,
        Vec::<String>::new(),
        "the stored copy has nothing new"
    );
    let Refresh::Changed(changed) = (loader.check(&url))() else {
        panic!("expected a changed page");
    };
    assert_eq!(changed.new_comments, ["3", "4"]);
    let store = Store::open(&path).expect("store");
    assert_eq!(new_ids(&store, &url), ["3", "4"]);
    let row = &store.library().expect("library")[0];
    assert_eq!((row.comment_count, row.new_count), (4, 2));
    // Comment 3 scrolls into view: the library's new count follows.
    loader.mark_seen(&url, &["3".to_string()]);
    let row = &store.library().expect("library")[0];
    assert_eq!((row.comment_count, row.new_count), (4, 1));
    assert_eq!(new_ids(&store, &url), ["4"]);
    assert!(store
        .seen_ids(&post_key(&url))
        .expect("seen")
        .contains_key("3"));
}

fn new_ids(store: &Store, url: &str) -> Vec<String> {
    let post = reading::open_stored(store, url)
        .expect("read")
        .expect("stored")
        .post;
    worker::new_comment_ids(store, url, &post)
}

#[test]
fn the_worker_answers_a_stored_post_twice_and_keeps_the_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parlor.db");
    let server = Server::start(page(2), "\"v1\"");
    let url = server.url.to_string();
    let (job_tx, job_rx) = std::sync::mpsc::channel();
    let (tx, rx) = std::sync::mpsc::channel();
    let loader = StoreLoader::with_store(Store::open(&path).expect("store"));
    let handle = std::thread::spawn(move || worker::run_worker(Box::new(loader), job_rx, tx));
    // The outbox count reported after each web load is not what this test is about.
    let recv = || loop {
        match rx.recv_timeout(Duration::from_secs(10)).expect("answer") {
            Event::Msg(Msg::Outbox { .. }) => continue,
            Event::Msg(msg) => break msg,
            other => panic!("unexpected {other:?}"),
        }
    };
    let load = |id| Effect::Load {
        id,
        source: url.clone(),
        offline: false,
    };
    job_tx.send(load(1)).expect("send");
    match recv() {
        Msg::Loaded { id: 1, result } => assert!(!result.expect("fetched").refreshing),
        other => panic!("unexpected {other:?}"),
    }
    let position = parlor::store::ReadPosition {
        pane: "comments".into(),
        comment_id: Some("2".into()),
        comments_line: 4,
        ..Default::default()
    };
    job_tx
        .send(Effect::SavePosition {
            source: url.clone(),
            position: position.clone(),
        })
        .expect("send");
    job_tx.send(load(2)).expect("send");
    match recv() {
        Msg::Loaded { id: 2, result } => {
            let loaded = result.expect("stored copy");
            assert!(loaded.refreshing);
            assert_eq!(loaded.position, Some(position));
        }
        other => panic!("unexpected {other:?}"),
    }
    match recv() {
        Msg::Checked {
            id: 2,
            note,
            message,
        } => assert_eq!((note, message), (None, None)),
        other => panic!("unexpected {other:?}"),
    }
    // A slow server: the check runs on its own thread; the library answers meanwhile.
    server.slow_down(Duration::from_secs(2));
    job_tx.send(load(3)).expect("send");
    match recv() {
        Msg::Loaded { id: 3, result } => assert!(result.expect("stored copy").refreshing),
        other => panic!("unexpected {other:?}"),
    }
    job_tx
        .send(Effect::LoadLibrary { start: false })
        .expect("send");
    let library = loop {
        match rx
            .recv_timeout(Duration::from_millis(1500))
            .expect("the library, not held up")
        {
            Event::Msg(Msg::Outbox { .. }) => continue,
            other => break other,
        }
    };
    match library {
        Event::Msg(Msg::Library { entries, .. }) => assert_eq!(entries.map(|e| e.len()), Ok(1)),
        other => panic!("unexpected {other:?}"),
    }
    match recv() {
        Msg::Checked { id: 3, note, .. } => assert_eq!(note, None, "answered 304 in the end"),
        other => panic!("unexpected {other:?}"),
    }
    server.slow_down(Duration::ZERO);
    job_tx
        .send(Effect::LoadLibrary { start: true })
        .expect("send");
    match recv() {
        Msg::Library { entries, start } => {
            let entries = entries.expect("library");
            assert!(start);
            assert_eq!(entries.len(), 1);
            assert_eq!(entries[0].title, "Loopback post");
        }
        other => panic!("unexpected {other:?}"),
    }
    job_tx.send(Effect::Quit).expect("send");
    handle.join().expect("worker ends");
    server.stop();
}

/// The only test here that uses `PARLOR_DATA_DIR` (the others hand the loader a store).
#[test]
fn a_library_that_cannot_be_opened_is_said_once_and_posts_still_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where the data dir should be").expect("write");
    // SAFETY: no other test in this binary reads PARLOR_DATA_DIR.
    unsafe { std::env::set_var("PARLOR_DATA_DIR", blocker.join("data")) };
    let server = Server::start(page(2), "\"v1\"");
    let url = server.url.to_string();
    let mut loader = StoreLoader::new();
    let first = loader.load(&url, false).expect("fetched without a library");
    assert_eq!(ids(&first.post), ["1", "2"]);
    let note = first.note.expect("the problem is said");
    assert!(
        note.starts_with("the library cannot be opened (") && note.ends_with("posts are not kept"),
        "{note}"
    );
    // Kept in memory for this session; the problem is not repeated.
    let again = loader.load(&url, false).expect("again");
    assert!(again.refreshing, "the in-memory copy is checked again");
    let note = again.note.expect("a note");
    assert!(note.starts_with("stored copy from 20"), "{note}");
    assert!(!note.contains("library"), "said once: {note}");
    unsafe { std::env::remove_var("PARLOR_DATA_DIR") };
}
