//! Page progress while a post's comment pages arrive: the hook the reader's worker sets hears
//! every page, in order, with the pages known so far.

use crate::server::*;
use parlor::fetch::{fetch_post_progress, with_page_progress, PageProgress, PostBudget};
use parlor::model::{Comment, Post};
use std::sync::{Arc, Mutex};
use url::Url;

/// Page 1 links pages 2 and 3; page 3 links page 4 (found late).
fn page(n: usize) -> String {
    let links = match n {
        1 => "<a href=\"/p/comment-page-2/\">2</a><a href=\"/p/comment-page-3/\">3</a>",
        3 => "<a href=\"/p/comment-page-4/\">4</a>",
        _ => "",
    };
    format!("<title>c{n}</title>{links}")
}

fn extract(html: &str, url: &Url) -> Post {
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

fn merge(mut first: Post, others: Vec<Post>) -> Post {
    for o in others {
        first.comments.extend(o.comments);
    }
    first
}

#[test]
fn every_page_is_reported_with_the_pages_known_so_far() {
    let server = Server::start(|s| {
        let n = s
            .path
            .trim_start_matches("/p/comment-page-")
            .trim_end_matches('/')
            .parse()
            .unwrap_or(1);
        html(&page(n))
    });
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&heard);
    let budget = PostBudget {
        concurrent: 1,
        ..PostBudget::default()
    };
    let got = with_page_progress(
        move |p| sink.lock().expect("lock").push(p),
        || {
            fetch_post_progress(
                &client(),
                &server.url("/p/"),
                budget,
                &extract,
                &merge,
                &mut |_| {},
            )
        },
    )
    .expect("fetch");
    assert_eq!(got.post.comments.len(), 4);
    let p = |done, known| PageProgress { done, known };
    assert_eq!(
        *heard.lock().expect("lock"),
        vec![p(1, 3), p(2, 3), p(3, 3), p(4, 4)],
        "page 4 is known once page 3 is read"
    );
}
