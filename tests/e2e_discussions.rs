//! The release binary under tmux: a post on loopback, `D` finds its Hacker News discussion
//! (HN's API replayed by the same loopback server through `PARLOR_PROVIDER_BASE_HN`), `t` shows
//! it as a tab that folds like the blog's thread, and the next day, offline, `D` brings back the
//! same tab from the library.

#[path = "support/tmux.rs"]
mod tmux;

use std::sync::Arc;
use tmux::{have_tmux, release_binary, Session};

const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>Tabbed post</title>
<meta name="generator" content="WordPress 6.4"></head><body>
<article class="post"><h1 class="entry-title">Tabbed post</h1><div class="entry-content">
<p>A post discussed elsewhere.</p></div></article>
<ol class="comment-list">
<li id="comment-1" class="comment depth-1"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">Blogger Bea</b></div></footer>
<div class="comment-content"><p>The blog's own comment.</p></div></article></li>
</ol></body></html>"#;

const ITEM: &str = r#"{"id":1001,"author":"op","title":"Tabbed post","children":[
 {"id":2001,"author":"hacker_one","text":"<p>HN comment one</p>","created_at_i":1714640400,"children":[
   {"id":2002,"author":"hacker_two","text":"<p>HN reply two</p>","created_at_i":1714640700,"children":[]}]}]}"#;

struct Served {
    url: String,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    fn start() -> Served {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind loopback"));
        let port = server.server_addr().to_ip().expect("ip").port();
        let url = format!("http://127.0.0.1:{port}/2026/11/29/tabbed/");
        let post = url.clone();
        let srv = server.clone();
        let thread = std::thread::spawn(move || {
            for request in srv.incoming_requests() {
                let path = request.url().to_string();
                let (body, kind) = if path.starts_with("/api/v1/search") {
                    (
                        format!(
                            r#"{{"hits":[{{"objectID":"1001","title":"Tabbed post","url":"{post}","points":42,"num_comments":2,"author":"op"}}]}}"#
                        ),
                        "application/json",
                    )
                } else if path.starts_with("/api/v1/items/1001") {
                    (ITEM.to_string(), "application/json")
                } else if path.starts_with("/stories/url/all.json") {
                    ("[]".to_string(), "application/json")
                } else if path.starts_with("/api/info.json") {
                    (
                        r#"{"kind":"Listing","data":{"children":[]}}"#.to_string(),
                        "application/json",
                    )
                } else {
                    (PAGE.to_string(), "text/html; charset=utf-8")
                };
                let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("header");
                let _ = request.respond(tiny_http::Response::from_string(body).with_header(header));
            }
        });
        Served {
            url,
            server,
            thread: Some(thread),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn reader(
    name: &str,
    bin: &std::path::Path,
    args: &[&str],
    home: &std::path::Path,
    base: &str,
) -> Session {
    let quoted: Vec<String> = std::iter::once(bin.display().to_string())
        .chain(args.iter().map(|a| a.to_string()))
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let script = format!(
        "{}; echo parlor-exited-$?; exec sleep 120",
        quoted.join(" ")
    );
    let dir = |d: &str| home.join(d).display().to_string();
    let env = [
        ("PARLOR_CONFIG_DIR", dir("config")),
        ("PARLOR_STATE_DIR", dir("state")),
        ("PARLOR_DATA_DIR", dir("data")),
        ("PARLOR_PROVIDER_BASE_HN", base.to_string()),
        ("PARLOR_PROVIDER_BASE_LOBSTERS", base.to_string()),
        ("PARLOR_PROVIDER_BASE_REDDIT", base.to_string()),
    ];
    Session::start(name, &env, &script)
}

fn wait(s: &Session, needle: &str) -> String {
    s.wait_any(&[needle], 15).1
}

#[test]
fn discussions_are_a_tab_away_and_kept_for_offline_reading() {
    if !have_tmux() {
        return;
    }
    let bin = release_binary();
    let home = tempfile::tempdir().expect("home");
    let served = Served::start();
    let base = served
        .url
        .split("/2026")
        .next()
        .unwrap_or_default()
        .to_string()
        + "/";
    let url = served.url.clone();

    let t = reader("online", &bin, &[&url], home.path(), &base);
    wait(&t, "A post discussed elsewhere.");
    t.key("Tab");
    wait(&t, "The blog's own comment.");
    t.type_text("D");
    wait(&t, "[Blog 1] · HN 2");
    t.type_text("t");
    let screen = wait(&t, "HN comment one");
    assert!(screen.contains("Blog 1 · [HN 2]"), "{screen}");
    assert!(screen.contains("HN reply two"), "{screen}");
    assert!(screen.contains("hacker_one"), "{screen}");
    // It folds like the blog's thread: the reply goes behind "+ 1".
    t.key("Enter");
    let folded = s_without(&t, "HN reply two");
    assert!(folded.contains("HN comment one"), "{folded}");
    // Replying there needs HN's website.
    t.type_text("r");
    wait(&t, "replying on HN");
    t.type_text("q");
    wait(&t, "parlor-exited-0");
    drop(t);
    drop(served);

    // The next day, no network: the same tab from the library.
    let t = reader("offline", &bin, &["--offline", &url], home.path(), &base);
    wait(&t, "offline copy from");
    t.type_text("D");
    wait(&t, "[Blog 1] · HN 2");
    t.type_text("t");
    wait(&t, "HN comment one");
    t.type_text("q");
    wait(&t, "parlor-exited-0");
    drop(t);

    // The library says which posts were discussed elsewhere.
    let t = reader("library", &bin, &["--offline"], home.path(), &base);
    let screen = wait(&t, "Library (1)");
    assert!(screen.contains("+ HN 2"), "{screen}");
    t.type_text("q");
    wait(&t, "parlor-exited-0");
}

fn s_without(s: &Session, needle: &str) -> String {
    s.wait_without(needle, 15)
}
