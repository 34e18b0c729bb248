//! The provider pipeline: a page embedding giscus (served on loopback with its giscus) is read,
//! stored with the provider's raw answers, and reopened offline with the same thread; a page
//! that embeds nothing asks no provider; provider comments keep the page copy's identity.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use parlor::threads::{self, Thread};
use server::{reply, Seen, Server};
use tiny_http::ResponseBox;
use url::Url;

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/providers/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(body: &str) -> ResponseBox {
    reply(200, "application/json", body.to_string())
}

fn query(seen: &Seen, key: &str) -> Option<String> {
    let u = Url::parse(&format!("http://x{}", seen.path)).ok()?;
    u.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// A blog page on loopback embedding giscus served by the same loopback server (a self-hosted
/// giscus is named by its script's origin, so no override is needed).
fn blog_with_giscus() -> Server {
    Server::start(|seen| {
        if seen.path == "/posts/hello.html" {
            server::html(
                r#"<html><head><title>Hello</title></head><body><article><h1>Hello</h1>
                <p>A post long enough to be the article of this page, with words.</p></article>
                <script src="/client.js" data-repo="me/blog" data-repo-id="R_1"
                data-category="Announcements" data-category-id="DIC_2" data-mapping="pathname"
                data-strict="1" async></script></body></html>"#,
            )
        } else if seen.path.starts_with("/api/discussions?") {
            match query(seen, "after").as_deref() {
                None => json(&fixture("giscus-page-1.json")),
                _ => json(&fixture("giscus-page-2.json")),
            }
        } else {
            reply(404, "text/plain", "no")
        }
    })
}

#[test]
fn pipeline_reads_stores_and_reopens_offline() {
    let srv = blog_with_giscus();
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = parlor::store::Store::open(&dir.path().join("p.db")).expect("store");
    let url = srv.url("/posts/hello.html");
    let fresh = parlor::reading::open(Some(&server::client()), &mut store, &url, false, 1_000)
        .expect("fetch");
    let system = fresh.post.comment_system.clone().expect("giscus found");
    assert_eq!(system.thread.as_deref(), Some("posts/hello"));
    let ids: Vec<&str> = fresh.post.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["DC_1", "DC_2", "DC_3", "DC_4", "DC_5"]);
    assert!(
        fresh
            .warnings
            .iter()
            .any(|w| w.contains("comments loaded from giscus") && w.contains("127.0.0.1")),
        "the third party is named: {:?}",
        fresh.warnings
    );
    let asked = srv.requests().len();
    assert_eq!(asked, 3, "the page and two discussion pages");

    let offline = parlor::reading::open(None, &mut store, &url, true, 2_000).expect("offline");
    assert_eq!(offline.post.comments, fresh.post.comments);
    assert_eq!(srv.requests().len(), asked, "offline asks no one");
    drop(srv);
    let stored = parlor::reading::open_stored(&store, url.as_str())
        .expect("store")
        .expect("kept");
    assert_eq!(stored.post.comments, fresh.post.comments);
}

#[test]
fn pages_without_an_embed_ask_no_provider() {
    let srv = Server::start(|seen| {
        if seen.path == "/p/" {
            server::html(
                "<html><body><article><p>No comment system here, only words.</p></article></body></html>",
            )
        } else {
            reply(500, "text/plain", "nobody should ask")
        }
    });
    let fetched = parlor::fetch::fetch_post(&server::client(), &srv.url("/p/")).expect("fetch");
    assert_eq!(fetched.post.comment_system, None);
    assert_eq!(srv.requests().len(), 1);
    assert_eq!(fetched.pages.len(), 1);
}

#[test]
fn api_comments_keep_the_page_copy_identity() {
    use parlor::model::{Block, Comment, Inline, Post};
    let para = |t: &str| {
        vec![Block::Paragraph {
            content: vec![Inline::Text { text: t.into() }],
        }]
    };
    let mut post = Post {
        comments: vec![Comment {
            id: "dsq-comment-77".into(),
            author: "Ann".into(),
            blocks: para("First!  A link."),
            ..Comment::default()
        }],
        ..Post::default()
    };
    let thread = Thread {
        provider: "disqus".into(),
        comments: vec![
            Comment {
                id: "5001".into(),
                author: "ann".into(),
                blocks: para("First! A link."),
                ..Comment::default()
            },
            Comment {
                id: "5002".into(),
                parent: Some("5001".into()),
                depth: 1,
                author: "Bob".into(),
                blocks: para("Reply."),
                ..Comment::default()
            },
        ],
        ..Thread::default()
    };
    threads::load::apply(&mut post, thread);
    let ids: Vec<(&str, Option<&str>)> = post
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref()))
        .collect();
    assert_eq!(
        ids,
        [("dsq-comment-77", None), ("5002", Some("dsq-comment-77"))]
    );
    // Two equal comments by one author stay two comments with two ids.
    let plus = |id: &str| Comment {
        id: id.into(),
        author: "Cy".into(),
        blocks: para("+1"),
        ..Comment::default()
    };
    let mut twice = Post {
        comments: vec![plus("h1"), plus("h2")],
        ..Post::default()
    };
    threads::load::apply(
        &mut twice,
        Thread {
            comments: vec![plus("a1"), plus("a2"), plus("a3")],
            ..Thread::default()
        },
    );
    let ids: Vec<&str> = twice.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["h1", "h2", "a3"]);
    // The API answering with nothing keeps the page's own copy.
    threads::load::apply(&mut post, Thread::default());
    assert_eq!(post.comments.len(), 2);
}

fn dump(config: &str, args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("tmp");
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, config).expect("config");
    std::process::Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir.path().join("data"))
        .env("PARLOR_CONFIG", &cfg)
        .arg("dump")
        .args(args)
        .output()
        .expect("run parlor")
}

#[test]
fn config_switches_a_provider_off() {
    let srv = blog_with_giscus();
    let url = srv.url("/posts/hello.html").to_string();
    let off = dump(
        "[providers]\ngiscus = false\n",
        &["--part", "comments", &url],
    );
    assert!(
        off.status.success(),
        "{}",
        String::from_utf8_lossy(&off.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&off.stdout).trim(),
        "Comments load from giscus (GitHub Discussions)."
    );
    assert_eq!(srv.requests().len(), 1, "only the page was asked");

    let on = dump("", &["--format", "json", &url]);
    let v: serde_json::Value = serde_json::from_slice(&on.stdout).expect("json");
    assert_eq!(v["comments"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["comment_system"]["name"], "giscus");
    let stderr = String::from_utf8_lossy(&on.stderr);
    assert!(
        stderr.contains(
            "comments loaded from giscus (GitHub Discussions) (127.0.0.1), a third party"
        ),
        "{stderr}"
    );
}

#[test]
fn refresh_rereads_the_thread_of_an_unchanged_page_and_keeps_it_when_the_service_fails() {
    use std::sync::atomic::{AtomicU8, Ordering};
    use std::sync::Arc;
    let mode = Arc::new(AtomicU8::new(0));
    let m = Arc::clone(&mode);
    let srv = Server::start(move |seen| {
        let mode = m.load(Ordering::SeqCst);
        if seen.path == "/posts/hello.html" {
            if mode == 1 && seen.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"")
            {
                return tiny_http::Response::empty(304).boxed();
            }
            let page = r#"<html><head><title>Hello</title></head><body><article><h1>Hello</h1>
                <p>A post long enough to be the article of this page, with words.</p></article>
                <script src="/client.js" data-repo="me/blog" data-category-id="DIC_2"
                data-mapping="pathname" async></script></body></html>"#;
            return server::html(page)
                .with_header(server::header(
                    "ETag",
                    if mode == 2 { "\"v2\"" } else { "\"v1\"" },
                ))
                .boxed();
        }
        match (mode, query(seen, "after")) {
            (2, _) => reply(
                429,
                "application/json",
                r#"{"error":"API rate limit exceeded"}"#,
            ),
            (_, None) => json(&fixture("giscus-page-1.json")),
            (0, Some(_)) => json(
                r#"{"viewer":null,"discussion":{"url":"u","totalCommentCount":1,"totalReplyCount":0,"pageInfo":{"hasNextPage":false,"endCursor":null},"comments":[]}}"#,
            ),
            (_, Some(_)) => json(&fixture("giscus-page-2.json")),
        }
    });
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = parlor::store::Store::open(&dir.path().join("p.db")).expect("store");
    let url = srv.url("/posts/hello.html");
    let client = server::client();
    let ids = |p: &parlor::model::Post| p.comments.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    let first = parlor::reading::refresh(&client, &mut store, &url, 1_000).expect("fetch");
    assert_eq!(ids(&first.post), ["DC_1", "DC_2", "DC_3"]);

    // The page answers 304; the thread has grown: the new comments are read and kept.
    mode.store(1, Ordering::SeqCst);
    let second = parlor::reading::refresh(&client, &mut store, &url, 2_000).expect("304");
    assert_eq!(second.origin, parlor::reading::Origin::NotModified);
    assert_eq!(ids(&second.post), ["DC_1", "DC_2", "DC_3", "DC_4", "DC_5"]);
    let offline = parlor::reading::open(None, &mut store, &url, true, 2_500).expect("offline");
    assert_eq!(ids(&offline.post), ids(&second.post));

    // The page changed and giscus refuses: the thread read before stays, and it says so.
    mode.store(2, Ordering::SeqCst);
    let third = parlor::reading::refresh(&client, &mut store, &url, 3_000).expect("fetch");
    assert_eq!(ids(&third.post), ids(&second.post));
    assert!(
        third.warnings.iter().any(|w| w.contains("rate-limiting")),
        "{:?}",
        third.warnings
    );
    assert!(third
        .warnings
        .iter()
        .any(|w| w.contains("kept from an earlier read")));
    let offline = parlor::reading::open(None, &mut store, &url, true, 3_500).expect("offline");
    assert_eq!(ids(&offline.post), ids(&second.post));
}

/// A magazine page with the Disqus WordPress plugin, served on loopback, with Disqus replayed by
/// the same server through `PARLOR_PROVIDER_BASE_DISQUS` (the binary, as a user runs it).
#[test]
fn dump_reads_a_disqus_thread_through_the_test_override_and_says_so() {
    let srv = Server::start(|seen| {
        if seen.path == "/2024/hello/" {
            server::html(
                r#"<html><head><title>Hello</title></head><body><article><h1>Hello</h1>
                <p>A magazine article long enough to be the article, with several words.</p>
                </article><div id="disqus_thread"></div><script>var embedVars = {"disqusIdentifier":"post-42","disqusShortname":"blog-x","disqusUrl":"https:\/\/b.test\/p\/"};</script>
                </body></html>"#,
            )
        } else if seen.path.starts_with("/embed/comments/") {
            reply(200, "text/html", fixture("disqus-embed.html"))
        } else if seen.path.contains("cursor=") {
            json(&fixture("disqus-posts-2.json"))
        } else {
            json(&fixture("disqus-posts-1.json"))
        }
    });
    let dir = tempfile::tempdir().expect("tmp");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir.path().join("data"))
        .env("PARLOR_CONFIG", dir.path().join("none.toml"))
        .env("PARLOR_PROVIDER_BASE_DISQUS", srv.url("/").as_str())
        .args(["dump", "--format", "json", srv.url("/2024/hello/").as_str()])
        .output()
        .expect("run parlor");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["comment_system"]["name"], "disqus");
    assert_eq!(v["comment_system"]["site"], "blog-x");
    let ids: Vec<&str> = v["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, ["5001", "5002", "5003", "5004"]);
    assert!(
        stderr.contains("PARLOR_PROVIDER_BASE_DISQUS is set"),
        "{stderr}"
    );
    assert!(stderr.contains("comments loaded from Disqus"), "{stderr}");
}

#[test]
fn hostile_answers_reach_the_warnings_terminal_safe() {
    let srv = Server::start(|seen| {
        if seen.path == "/p.html" {
            server::html(
                r#"<html><body><article><p>Words enough for an article body here.</p></article>
                <script src="/client.js" data-repo="me/blog" data-category-id="D" data-mapping="pathname"></script></body></html>"#,
            )
        } else {
            json(
                r#"{"viewer":null,"discussion":{"url":"x","pageInfo":{},"comments":"\u001b[31mred\u202e"}}"#,
            )
        }
    });
    let fetched = parlor::fetch::fetch_post(&server::client(), &srv.url("/p.html")).expect("fetch");
    let warning = fetched
        .warnings
        .iter()
        .find(|w| w.contains("could not be read"))
        .expect("a warning");
    assert!(warning.contains("red"), "{warning}");
    assert!(
        !warning.chars().any(|c| c == '\u{1b}' || c == '\u{202e}'),
        "{warning:?}"
    );
    assert!(fetched.post.comments.is_empty());
}
