//! The worker's refresh-all of the blogs against loopback feeds: progress n/N for each feed,
//! a summary (one failing blog does not stop the other), then the reloaded blogs list.

use crate::support::{client, Answer, Server};
use parlor::store::Store;
use parlor::tui::app::{Effect, Msg};
use parlor::tui::event::Event;
use parlor::tui::worker::{run_worker, StoreLoader};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

fn feed(slug: &str, items: &[&str]) -> String {
    let items: String = items
        .iter()
        .map(|i| {
            format!(
                "<item><title>Post {i}</title><link>{{base}}/{slug}/{i}/</link>\
                 <pubDate>Wed, 01 May 2024 10:00:00 +0000</pubDate>\
                 <slash:comments>2</slash:comments></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" \
         xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\"><channel>\
         <title>Blog {slug}</title><link>{{base}}/{slug}/</link>{items}</channel></rss>"
    )
}

fn next(rx: &std::sync::mpsc::Receiver<Event>) -> Msg {
    match rx.recv_timeout(Duration::from_secs(20)).expect("an answer") {
        Event::Msg(msg) => msg,
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn refresh_all_reports_progress_then_the_reloaded_blogs() {
    let one_hits = Arc::new(AtomicUsize::new(0));
    let two_hits = Arc::new(AtomicUsize::new(0));
    let (one, two) = (Arc::clone(&one_hits), Arc::clone(&two_hits));
    let srv = Server::start(move |path, _| match path {
        "/one/rss.xml" => {
            // The second fetch lists a new post.
            let items: &[&str] = if one.fetch_add(1, Ordering::SeqCst) == 0 {
                &["a", "b"]
            } else {
                &["a", "b", "c"]
            };
            Answer(200, "application/rss+xml", feed("one", items), vec![])
        }
        "/two/rss.xml" if two.fetch_add(1, Ordering::SeqCst) == 0 => {
            Answer(200, "application/rss+xml", feed("two", &["x"]), vec![])
        }
        _ => Answer(500, "text/plain", "down".into(), vec![]),
    });
    let c = client(Duration::from_secs(5));
    let mut store = Store::open_in_memory().expect("store");
    for path in ["/one/rss.xml", "/two/rss.xml"] {
        parlor::blogs::subscribe(&c, &mut store, &srv.url(path), 100).expect("subscribe");
    }
    let (job_tx, job_rx) = std::sync::mpsc::channel();
    let (tx, rx) = std::sync::mpsc::channel();
    let loader = Box::new(StoreLoader::with_store(store));
    let handle = std::thread::spawn(move || run_worker(loader, job_rx, tx));
    job_tx.send(Effect::RefreshBlogs).expect("send");
    let mut progress = Vec::new();
    let summary = loop {
        match next(&rx) {
            Msg::BlogProgress { done, total, .. } => progress.push((done, total)),
            Msg::BlogsRefreshed { text, failed } => break (text, failed),
            other => panic!("unexpected {other:?}"),
        }
    };
    assert_eq!(progress, vec![(1, 2), (2, 2)]);
    let two_feed = format!("{}/two/rss.xml", srv.base);
    assert_eq!(summary.1, 1);
    assert!(
        summary.0.starts_with(&format!(
            "refreshed 1 blog and 0 threads · 1 new post · 1 failed ({}/two/",
            srv.base
        )),
        "{} (feed {two_feed})",
        summary.0
    );
    let Msg::Blogs(Ok(blogs)) = next(&rx) else {
        panic!("the blogs list follows the summary");
    };
    let rows: Vec<(&str, u32, u32, bool)> = blogs
        .iter()
        .map(|b| {
            (
                b.title.as_str(),
                b.posts,
                b.new_posts,
                b.last_error.is_some(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![("Blog one", 3, 1, false), ("Blog two", 1, 0, true)]
    );
    assert!(matches!(next(&rx), Msg::UnseenReplies(0)));
    assert_eq!(
        (
            one_hits.load(Ordering::SeqCst),
            two_hits.load(Ordering::SeqCst)
        ),
        (2, 2)
    );
    // The Posts screen's rows come from the same store.
    job_tx
        .send(Effect::LoadPosts {
            blog: blogs[0].url.clone(),
        })
        .expect("send");
    let Msg::Posts {
        items: Ok(items), ..
    } = next(&rx)
    else {
        panic!("posts");
    };
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(titles.contains(&"Post c"), "{titles:?}");
    job_tx.send(Effect::Quit).expect("send");
    handle.join().expect("worker ends on Quit");
}
