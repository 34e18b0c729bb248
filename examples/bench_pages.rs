//! A 20-page comment thread on loopback with 100 ms added to every request: time to the first
//! page (what a reader can show first) and to the whole thread, one page at a time ("before")
//! and 4 at a time ("after"). Run: `cargo run --release --example bench_pages`.

use parlor::fetch::{fetch_post_progress, PostBudget};
use parlor::net::{Client, NetOptions};
use std::time::{Duration, Instant};

const PAGES: usize = 20;
const DELAY: Duration = Duration::from_millis(100);

/// Page `n` of a thread in pagination style: links to every page, 20 comments each.
fn page(n: usize) -> String {
    let mut s = String::from(
        "<html><head><meta name='generator' content='WordPress 6.5'></head><body>\
         <article class='post'><h1 class='entry-title'>T</h1><div class='entry-content'><p>Body</p></div></article>\
         <div id='comments'><ol class='comment-list'>",
    );
    for c in 0..20 {
        let id = n * 100 + c;
        s.push_str(&format!(
            "<li id='comment-{id}' class='comment'><article class='comment-body'><footer class='comment-meta'>\
             <div class='comment-author vcard'><b class='fn'>U{id}</b></div></footer>\
             <div class='comment-content'><p>Comment {id}</p></div></article></li>"
        ));
    }
    s.push_str("</ol><nav class='comment-navigation'><div class='nav-links'>");
    for p in 1..=PAGES {
        s.push_str(&format!(
            "<a class='page-numbers' href='/post/comment-page-{p}/'>{p}</a>"
        ));
    }
    s.push_str("</div></nav></div></body></html>");
    s
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server =
        std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").map_err(|e| e.to_string())?);
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(0);
    let srv = std::sync::Arc::clone(&server);
    std::thread::spawn(move || {
        while let Ok(req) = srv.recv() {
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                let n = req
                    .url()
                    .trim_start_matches("/post/comment-page-")
                    .trim_end_matches('/')
                    .parse()
                    .unwrap_or(1);
                let header =
                    tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8");
                let mut resp = tiny_http::Response::from_string(page(n));
                if let Ok(h) = header {
                    resp = resp.with_header(h);
                }
                let _ = req.respond(resp);
            });
        }
    });
    let url = url::Url::parse(&format!("http://127.0.0.1:{port}/post/"))?;
    let client = Client::new(NetOptions::default())?;
    println!(
        "{PAGES}-page thread, {} ms added per request",
        DELAY.as_millis()
    );
    for (label, concurrent) in [("before (1 at a time)", 1), ("after (4 at a time)", 4)] {
        let started = Instant::now();
        let mut first = None;
        let got = fetch_post_progress(
            &client,
            &url,
            PostBudget {
                concurrent,
                ..PostBudget::default()
            },
            &parlor::extract::extract,
            &parlor::extract::merge_pages,
            &mut |_| {
                first.get_or_insert(started.elapsed());
            },
        )?;
        println!(
            "{label:<22} first page {:>5} ms, whole thread {:>5} ms, {} pages, {} comments",
            first.unwrap_or_default().as_millis(),
            started.elapsed().as_millis(),
            got.pages.len(),
            got.post.comments.len()
        );
    }
    server.unblock();
    Ok(())
}
