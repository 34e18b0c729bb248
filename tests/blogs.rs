//! Blogs on loopback: subscribing by home page, post, feed URL and the `/feed/` fallback;
//! refresh-all with a dead host and a slow one (host = host:port); conditional GET; at most two
//! requests per host; replies to the user's (held) comment found on refresh.

use parlor::blogs::{self, Limits};
use parlor::net::{Client, NetOptions};
use parlor::store::{post_key, MyComment, Store};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tiny_http::{Header, Response};
use url::Url;

/// A handler's answer: status, content type, body (`{base}` replaced by the server's base URL),
/// extra headers.
struct Answer(u16, &'static str, String, Vec<(&'static str, String)>);

type Handler = dyn Fn(&str, &HashMap<String, String>) -> Answer + Send + Sync;

/// A tiny_http server on 127.0.0.1:0, every request on its own thread; stopped on drop.
struct Server {
    http: Arc<tiny_http::Server>,
    base: String,
}

impl Server {
    fn start(
        handler: impl Fn(&str, &HashMap<String, String>) -> Answer + Send + Sync + 'static,
    ) -> Server {
        let http = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind"));
        let base = format!(
            "http://127.0.0.1:{}",
            http.server_addr().to_ip().expect("ip").port()
        );
        let handler: Arc<Handler> = Arc::new(handler);
        let (srv, b) = (Arc::clone(&http), base.clone());
        std::thread::spawn(move || {
            while let Ok(req) = srv.recv() {
                let (h, b) = (Arc::clone(&handler), b.clone());
                std::thread::spawn(move || {
                    let headers = req
                        .headers()
                        .iter()
                        .map(|h| {
                            (
                                h.field.as_str().as_str().to_ascii_lowercase(),
                                h.value.to_string(),
                            )
                        })
                        .collect();
                    let Answer(status, ctype, body, extra) = h(req.url(), &headers);
                    let mut resp = Response::from_string(body.replace("{base}", &b))
                        .with_status_code(status)
                        .with_header(Header::from_bytes("Content-Type", ctype).expect("header"));
                    for (k, v) in extra {
                        resp =
                            resp.with_header(Header::from_bytes(k, v.as_bytes()).expect("header"));
                    }
                    let _ = req.respond(resp);
                });
            }
        });
        Server { http, base }
    }

    fn url(&self, path: &str) -> Url {
        Url::parse(&format!("{}{path}", self.base)).expect("url")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.http.unblock();
    }
}

const HTML: &str = "text/html; charset=utf-8";
const RSS_TYPE: &str = "application/rss+xml";

fn rss(title: &str, items: &[(&str, u32)]) -> String {
    let items: String = items
        .iter()
        .map(|(slug, n)| {
            format!(
                "<item><title>Post {slug}</title><link>{{base}}/{slug}/</link>\
                 <pubDate>Wed, 01 May 2024 10:00:00 +0000</pubDate>\
                 <slash:comments>{n}</slash:comments></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\">\
         <channel><title>{title}</title><link>{{base}}/</link>{items}</channel></rss>"
    )
}

fn page(head: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Page</title>{head}</head><body><p>Hi</p></body></html>"
    )
}

const ALT: &str = r#"<link rel="alternate" type="application/rss+xml" title="Loop Blog &raquo; Comments Feed" href="/comments/feed/"><link rel="alternate" type="application/rss+xml" title="Loop Blog" href="/rss.xml">"#;

fn client(timeout: Duration) -> Client {
    Client::new(NetOptions {
        timeout,
        connect_timeout: timeout,
        ..NetOptions::default()
    })
    .expect("client")
}

fn blog_server() -> Server {
    Server::start(|path, _| {
        match path {
        "/" | "/2024/05/01/a/" => Answer(200, HTML, page(ALT), vec![]),
        "/rss.xml" => Answer(200, RSS_TYPE, rss("Loop Blog", &[("a", 3), ("b", 0)]), vec![]),
        "/plain/" => Answer(200, HTML, page(""), vec![]),
        "/feed/" => Answer(200, "text/xml", rss("Fallback Blog", &[("c", 1)]), vec![]),
        "/atom.xml" => Answer(
            200,
            "application/atom+xml",
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom Blog</title>\
             <id>urn:x</id><updated>2024-05-01T10:00:00Z</updated><entry><id>urn:e1</id><title>E1</title>\
             <link href=\"{base}/e1/\"/><updated>2024-05-01T10:00:00Z</updated></entry></feed>"
                .to_string(),
            vec![],
        ),
        _ => Answer(404, HTML, page(""), vec![]),
    }
    })
}

#[test]
fn subscribe_by_home_page_post_feed_and_fallback() {
    let srv = blog_server();
    let c = client(Duration::from_secs(5));
    let mut store = Store::open_in_memory().expect("store");
    let home = blogs::subscribe(&c, &mut store, &srv.url("/"), 10).expect("home");
    assert_eq!(home.subscription.feed_url, format!("{}/rss.xml", srv.base));
    assert_eq!(home.subscription.url, format!("{}/", srv.base));
    assert_eq!(
        (home.subscription.title.as_str(), home.posts),
        ("Loop Blog", 2)
    );

    let via_post = blogs::subscribe(&c, &mut store, &srv.url("/2024/05/01/a/"), 11).expect("post");
    assert_eq!(via_post.subscription.feed_url, home.subscription.feed_url);
    assert_eq!(
        store.subscriptions().expect("subs").len(),
        1,
        "same blog, one subscription"
    );

    let atom = blogs::subscribe(&c, &mut store, &srv.url("/atom.xml"), 12).expect("atom");
    assert_eq!(atom.subscription.feed_url, format!("{}/atom.xml", srv.base));
    assert_eq!(
        (atom.subscription.title.as_str(), atom.posts),
        ("Atom Blog", 1)
    );

    let fallback = blogs::subscribe(&c, &mut store, &srv.url("/plain/"), 13).expect("fallback");
    assert_eq!(
        fallback.subscription.feed_url,
        format!("{}/feed/", srv.base)
    );
    assert_eq!(fallback.subscription.title, "Fallback Blog");

    let items = store
        .feed_items(Some(&home.subscription.url))
        .expect("items");
    let titles: Vec<(&str, Option<u32>)> = items
        .iter()
        .map(|i| (i.title.as_str(), i.comment_count))
        .collect();
    assert!(
        titles.contains(&("Post a", Some(3))) && titles.contains(&("Post b", Some(0))),
        "{titles:?}"
    );
}

#[test]
fn no_feed_is_a_clear_error() {
    let srv = Server::start(|_, _| Answer(200, HTML, page(""), vec![]));
    let none = Server::start(|path, _| {
        Answer(if path == "/" { 200 } else { 404 }, HTML, page(""), vec![])
    });
    let c = client(Duration::from_secs(5));
    let mut store = Store::open_in_memory().expect("store");
    let err = blogs::subscribe(&c, &mut store, &none.url("/"), 1).expect_err("no feed");
    assert_eq!(
        err.to_string(),
        format!("no feed found on {0}/ (tried {0}/, {0}/feed/)", none.base)
    );
    // An HTML page at /feed/ is not a feed either.
    let err = blogs::subscribe(&c, &mut store, &srv.url("/x"), 1).expect_err("html at /feed/");
    assert!(err.to_string().starts_with("no feed found on"), "{err}");
    assert!(store.subscriptions().expect("subs").is_empty());
}

#[test]
fn refresh_all_survives_a_dead_and_a_slow_host_then_uses_304() {
    let asked_with_etag = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&asked_with_etag);
    let good = Server::start(move |_, headers| {
        if headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
            seen.fetch_add(1, Ordering::SeqCst);
            return Answer(
                304,
                RSS_TYPE,
                String::new(),
                vec![("ETag", "\"v1\"".into())],
            );
        }
        Answer(
            200,
            RSS_TYPE,
            rss("Good", &[("g1", 2), ("g2", 0)]),
            vec![("ETag", "\"v1\"".into())],
        )
    });
    let slow = Server::start(|_, _| {
        std::thread::sleep(Duration::from_millis(2500));
        Answer(200, RSS_TYPE, rss("Slow", &[("s", 0)]), vec![])
    });
    let dead_port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let dead = format!("http://127.0.0.1:{dead_port}");
    let mut store = Store::open_in_memory().expect("store");
    for (name, base) in [("Good", &good.base), ("Slow", &slow.base), ("Dead", &dead)] {
        store
            .add_subscription(&format!("{base}/"), &format!("{base}/feed/"), name, 1)
            .expect("sub");
    }
    let c = client(Duration::from_secs(1));
    let mut steps = Vec::new();
    let report = blogs::refresh_all(&c, &mut store, 100, |done, total, _| {
        steps.push((done, total))
    });
    assert_eq!(steps, [(1, 3), (2, 3), (3, 3)]);
    assert_eq!(
        (report.feeds_fetched, report.new_posts, report.errors.len()),
        (1, 2, 2)
    );
    let blogs = store.blog_summaries().expect("blogs");
    let by_title = |t: &str| blogs.iter().find(|b| b.title == t).expect("blog").clone();
    assert_eq!(
        (by_title("Good").posts, by_title("Good").last_error),
        (2, None)
    );
    let dead_err = by_title("Dead").last_error.expect("dead error");
    assert_eq!(
        dead_err,
        format!("could not reach 127.0.0.1:{dead_port}: the connection was refused")
    );
    let slow_err = by_title("Slow").last_error.expect("slow error");
    assert!(slow_err.contains("took longer than 1 s"), "{slow_err}");

    let report = blogs::refresh_all(&c, &mut store, 200, |_, _, _| {});
    assert_eq!(
        (
            report.feeds_not_modified,
            report.feeds_fetched,
            report.errors.len()
        ),
        (1, 0, 2)
    );
    assert_eq!(asked_with_etag.load(Ordering::SeqCst), 1);
    let good_state = store
        .feed_state(&format!("{}/", good.base))
        .expect("state")
        .expect("some");
    assert_eq!(
        (good_state.checked_at, good_state.fetched_at),
        (Some(200), Some(100))
    );
}

#[test]
fn at_most_two_requests_per_host() {
    let now = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (n, p) = (Arc::clone(&now), Arc::clone(&peak));
    let srv = Server::start(move |path, _| {
        let cur = n.fetch_add(1, Ordering::SeqCst) + 1;
        p.fetch_max(cur, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(150));
        n.fetch_sub(1, Ordering::SeqCst);
        Answer(200, RSS_TYPE, rss(path, &[]), vec![])
    });
    let mut store = Store::open_in_memory().expect("store");
    for i in 0..5 {
        store
            .add_subscription(
                &format!("{}/b{i}/", srv.base),
                &format!("{}/f{i}", srv.base),
                "B",
                i,
            )
            .expect("sub");
    }
    let report = blogs::refresh_all_with(
        &client(Duration::from_secs(5)),
        &mut store,
        5,
        Limits::default(),
        |_, _, _| {},
    );
    assert_eq!((report.feeds_fetched, report.errors.len()), (5, 0));
    assert_eq!(peak.load(Ordering::SeqCst), 2);
}

/// A WordPress html5 comment `li` (open: children follow, then `</li>` by the caller).
fn wp_comment(id: u32, author: &str, text: &str, children: &str) -> String {
    format!(
        "<li id=\"comment-{id}\" class=\"comment\"><article id=\"div-comment-{id}\" class=\"comment-body\">\
         <footer class=\"comment-meta\"><div class=\"comment-author vcard\"><b class=\"fn\">{author}</b></div>\
         <div class=\"comment-metadata\"><a href=\"{{base}}/p/#comment-{id}\"><time datetime=\"2024-05-0{d}T10:00:00+00:00\">May</time></a></div></footer>\
         <div class=\"comment-content\"><p>{text}</p></div></article>{children}</li>",
        d = id % 9 + 1
    )
}

fn wp_post(comments: &str) -> String {
    format!(
        "<!doctype html><html><head><meta name=\"generator\" content=\"WordPress 6.1.9\"><title>Thread</title></head>\
         <body class=\"single\"><article class=\"post\"><h1 class=\"entry-title\">Thread</h1>\
         <div class=\"entry-content\"><p>Body.</p></div></article>\
         <div id=\"comments\" class=\"comments-area\"><ol class=\"comment-list\">{comments}</ol></div></body></html>"
    )
}

#[test]
fn replies_to_my_held_comment_are_collected() {
    let approved = Arc::new(Mutex::new(false));
    let flag = Arc::clone(&approved);
    let srv = Server::start(move |_, _| {
        let body = if *flag.lock().expect("flag") {
            let mine = wp_comment(
                6,
                "Me",
                "my words",
                &format!(
                    "<ol class=\"children\">{}</ol>",
                    wp_comment(7, "Bob", "Answer to you<br>second line", "")
                ),
            );
            wp_comment(
                5,
                "Ann",
                "first",
                &format!(
                    "<ol class=\"children\">{mine}{}</ol>",
                    wp_comment(8, "Cy", "not to me", "")
                ),
            )
        } else {
            wp_comment(5, "Ann", "first", "")
        };
        Answer(200, HTML, wp_post(&body), vec![])
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("parlor.sqlite3")).expect("store");
    let post_url = format!("{}/p/", srv.base);
    let key = post_key(&post_url);
    store
        .record_my_comment(&MyComment {
            post_key: key.clone(),
            comment_id: "6".into(),
            parent_id: Some("5".into()),
            posted_at: 1,
            author: "Me".into(),
            body: "my words".into(),
            pending: true,
        })
        .expect("mine");
    let c = client(Duration::from_secs(5));
    let report = blogs::refresh_all(&c, &mut store, 100, |_, _, _| {});
    assert_eq!(
        (report.threads, report.new_replies, report.errors.len()),
        (1, 0, 0)
    );
    assert!(store.my_comments(None).expect("mine")[0].pending);

    *approved.lock().expect("flag") = true;
    let report = blogs::refresh_all(&c, &mut store, 200, |_, _, _| {});
    assert_eq!((report.threads, report.new_replies), (1, 1));
    assert!(
        !store.my_comments(None).expect("mine")[0].pending,
        "approved now"
    );
    let replies = store.replies().expect("replies");
    assert_eq!(replies.len(), 1);
    let r = &replies[0];
    assert_eq!(
        (
            r.comment_id.as_str(),
            r.parent_id.as_str(),
            r.author.as_str(),
            r.post_title.as_str()
        ),
        ("7", "6", "Bob", "Thread")
    );
    assert_eq!(r.permalink, format!("{}/p/#comment-7", srv.base));
    assert_eq!(r.text, "Answer to you\nsecond line");
    drop(store);

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_parlor"))
        .args(["replies", "--json"])
        .env("PARLOR_DATA_DIR", dir.path())
        .output()
        .expect("run parlor");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json[0]["first_line"], "Answer to you");
    assert_eq!(json[0]["author"], "Bob");
    assert_eq!(json[0]["url"], format!("{}/p/#comment-7", srv.base));
    assert_eq!(json[0]["seen"], false);
    assert_eq!(json.as_array().map(Vec::len), Some(1));
}
