//! Comment pages fetched at once (at most 4) within one budget per post, merged in the order a
//! one-at-a-time walk gives.

use crate::server::*;
use parlor::fetch::{fetch_post_progress, PostBudget, CONCURRENT_PAGES};
use parlor::model::{Comment, Post};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// Page N names comment "cN" and links pages 2..=12; page 5 also links 13 (found late).
fn page(n: usize) -> String {
    let mut s = format!("<title>c{n}</title>");
    for p in 2..=12 {
        s.push_str(&format!("<a href=\"/post/comment-page-{p}/\">{p}</a>"));
    }
    if n == 5 {
        s.push_str("<a href=\"/post/comment-page-13/\">13</a>");
    }
    s
}

fn test_extract(html: &str, url: &Url) -> Post {
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|s| s.split("</title>").next())
        .unwrap_or_default();
    Post {
        url: url.to_string(),
        comments: vec![Comment {
            id: title.to_string(),
            ..Comment::default()
        }],
        comment_pages: html
            .split("href=\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(str::to_string)
            .collect(),
        ..Post::default()
    }
}

fn test_merge(mut first: Post, others: Vec<Post>) -> Post {
    for o in others {
        first.comments.extend(o.comments);
    }
    first
}

/// Fetches the thread with `concurrent` pages at a time; returns comment ids, pages seen by
/// `on_page`, and the most requests the server had in flight at once.
fn thread(concurrent: usize) -> (Vec<String>, usize, usize) {
    let now = Arc::new(AtomicUsize::new(0));
    let max = Arc::new(AtomicUsize::new(0));
    let (n2, m2) = (Arc::clone(&now), Arc::clone(&max));
    let server = Server::start(move |s| {
        let in_flight = n2.fetch_add(1, Ordering::SeqCst) + 1;
        m2.fetch_max(in_flight, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(60));
        let n = s
            .path
            .trim_start_matches("/post/comment-page-")
            .trim_end_matches('/')
            .parse()
            .unwrap_or(1);
        n2.fetch_sub(1, Ordering::SeqCst);
        html(&page(n))
    });
    let budget = PostBudget {
        concurrent,
        ..PostBudget::default()
    };
    let mut seen = 0;
    let got = fetch_post_progress(
        &client(),
        &server.url("/post/"),
        budget,
        &test_extract,
        &test_merge,
        &mut |_| seen += 1,
    )
    .expect("fetch");
    let ids = got.post.comments.iter().map(|c| c.id.clone()).collect();
    (ids, seen, max.load(Ordering::SeqCst))
}

#[test]
fn pages_at_once_merge_in_walk_order() {
    let (one, seen_one, max_one) = thread(1);
    let (four, seen_four, max_four) = thread(CONCURRENT_PAGES);
    let want: Vec<String> = (1..=13).map(|n| format!("c{n}")).collect();
    assert_eq!(one, want);
    assert_eq!(four, want, "same order as one page at a time");
    assert_eq!((seen_one, seen_four), (13, 13), "on_page sees every page");
    assert_eq!(max_one, 1);
    assert!(
        (2..=CONCURRENT_PAGES).contains(&max_four),
        "{max_four} requests at once"
    );
}
