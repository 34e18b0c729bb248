//! Blogs on loopback: subscribing by home page, post, feed URL and the `/feed/` fallback;
//! refresh-all with a dead host and a slow one (host = host:port); conditional GET; at most two
//! requests per host; replies to the user's (held) comment found on refresh.

use parlor::blogs::{self, Limits};
use parlor::store::{post_key, MyComment, Store};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[path = "blogs/support.rs"]
mod support;

use support::{
    blog_server, client, page, rss, wp_comment, wp_post, Answer, Server, HTML, RSS_TYPE,
};
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
    let good = Server::start(move |path, headers| {
        if path == "/broken/feed/" {
            return Answer(200, HTML, page(""), vec![]);
        }
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
    let broken = format!("{}/broken/", good.base);
    store
        .add_subscription(&broken, &format!("{broken}feed/"), "Broken", 1)
        .expect("sub");
    let c = client(Duration::from_secs(1));
    let mut steps = Vec::new();
    let report = blogs::refresh_all(&c, &mut store, 100, |done, total, _| {
        steps.push((done, total))
    });
    assert_eq!(steps, [(1, 4), (2, 4), (3, 4), (4, 4)]);
    assert_eq!(
        (report.feeds_fetched, report.new_posts, report.errors.len()),
        (1, 2, 3)
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
    let broken_err = by_title("Broken").last_error.expect("broken error");
    assert!(
        broken_err.starts_with(&format!(
            "{broken}feed/: not a feed (RSS, Atom or JSON Feed)"
        )),
        "{broken_err}"
    );

    let report = blogs::refresh_all(&c, &mut store, 200, |_, _, _| {});
    assert_eq!(
        (
            report.feeds_not_modified,
            report.feeds_fetched,
            report.errors.len()
        ),
        (1, 0, 3)
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

#[test]
fn opml_import_then_export_through_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opml = dir.path().join("in.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="1.0"><body><outline text="Folder">
          <outline type="rss" text="One &amp; Two" xmlUrl="https://one.test/feed/" htmlUrl="https://one.test/"/>
          <outline type="rss" title="Atomic" xmlUrl="https://two.test/atom.xml"/>
          <outline type="rss" text="Bad" xmlUrl="javascript:alert(1)"/>
        </outline></body></opml>"#,
    )
    .expect("write");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_parlor"))
            .args(args)
            .env("PARLOR_DATA_DIR", dir.path())
            .output()
            .expect("run parlor");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let path = opml.to_string_lossy().into_owned();
    assert_eq!(
        run(&["import", &path]).trim(),
        "Imported 2 blogs (0 already followed); `parlor refresh` fetches their posts."
    );
    assert!(run(&["import", &path]).starts_with("Imported 0 blogs (2 already followed)"));
    let exported = parlor::feeds::parse_opml(&run(&["export-opml"]));
    let got: Vec<(&str, &str, Option<&str>)> = exported
        .iter()
        .map(|e| (e.title.as_str(), e.feed_url.as_str(), e.site_url.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "One & Two",
                "https://one.test/feed/",
                Some("https://one.test/")
            ),
            ("Atomic", "https://two.test/atom.xml", None),
        ]
    );
    assert!(run(&["remove", "https://one.test/feed/"]).starts_with("No longer following One & Two"));
    let blogs: serde_json::Value = serde_json::from_str(&run(&["blogs", "--json"])).expect("json");
    assert_eq!(blogs.as_array().map(Vec::len), Some(1));
    assert_eq!(blogs[0]["feed_url"], "https://two.test/atom.xml");
}

/// A WordPress posts feed answers 304 while comments come in: a post kept in the library is
/// re-checked on refresh, so its new comments show in the Posts view and the library.
#[test]
fn new_comments_on_a_kept_post_count_although_the_feed_is_unchanged() {
    let second = Arc::new(Mutex::new(false));
    let flag = Arc::clone(&second);
    let srv = Server::start(move |path, headers| match path {
        "/rss.xml" if headers.contains_key("if-none-match") => Answer(
            304,
            RSS_TYPE,
            String::new(),
            vec![("ETag", "\"f1\"".into())],
        ),
        "/rss.xml" => Answer(
            200,
            RSS_TYPE,
            rss("Loop Blog", &[("p", 1)]),
            vec![("ETag", "\"f1\"".into())],
        ),
        "/p/" => {
            let mut comments = wp_comment(5, "Ann", "first", "");
            if *flag.lock().expect("flag") {
                comments += &wp_comment(6, "Bob", "second", "");
            }
            Answer(200, HTML, wp_post(&comments), vec![])
        }
        _ => Answer(200, HTML, page(support::ALT), vec![]),
    });
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("parlor.sqlite3")).expect("store");
    let c = client(Duration::from_secs(5));
    blogs::subscribe(&c, &mut store, &srv.url("/"), 10).expect("subscribe");
    let post = srv.url("/p/");
    let opened = parlor::reading::open(Some(&c), &mut store, &post, false, 20).expect("read");
    assert_eq!(opened.post.comments.len(), 1);
    store.mark_item_read(post.as_str(), 20).expect("read");
    store
        .mark_seen(&post_key(post.as_str()), &["5".to_string()], 20)
        .expect("seen");

    *second.lock().expect("flag") = true;
    let report = blogs::refresh_all(&c, &mut store, 30, |_, _, _| {});
    assert_eq!(
        (
            report.feeds_not_modified,
            report.threads,
            report.errors.len()
        ),
        (1, 1, 0),
        "{report:?}"
    );
    let items = store.feed_items(None).expect("items");
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].comment_count, items[0].new_comments),
        (Some(2), 1)
    );
    let lib = store.library().expect("library");
    assert_eq!((lib[0].comment_count, lib[0].new_count), (2, 1));
}
