//! Extraction speed: `extract` on a synthetic ~5 MB WordPress (html5 walker) page with 2,000
//! nested comments, against `scraper::Html::parse_document` alone on the same page.
//! Goal: extraction ≤ 1.5× the parse.

use criterion::{criterion_group, criterion_main, Criterion};
use std::fmt::Write;
use std::hint::black_box;
use url::Url;

const PERMA: &str = "http://127.0.0.1:8089/2024/05/01/bench-post/";

/// Deterministic thread: every 5th comment starts a thread, the others reply to one of the
/// previous few comments of the same thread (depth ≤ 5 like WordPress' default).
fn thread(n: usize) -> Vec<Option<usize>> {
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(n);
    let mut depth = Vec::with_capacity(n);
    let mut top = 0;
    for i in 0..n {
        if i % 5 == 0 {
            top = i;
            parents.push(None);
            depth.push(0);
        } else {
            let mut p = top + (i * 7919) % (i - top);
            while depth[p] >= 4 {
                p = parents[p].unwrap_or(top);
            }
            depth.push(depth[p] + 1);
            parents.push(Some(p));
        }
    }
    parents
}

fn render(out: &mut String, id: usize, kids: &[Vec<usize>], depth: usize) {
    let cid = id + 2;
    let body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris. ";
    let _ = write!(
        out,
        r#"<li id="comment-{cid}" class="comment even depth-{d}{parent}">
<article id="div-comment-{cid}" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard">
<img alt='' src='http://2.gravatar.com/avatar/{cid}?s=60&#038;d=blank&#038;r=g' class='avatar avatar-60 photo' height='60' width='60' loading='lazy'/>
<b class="fn"><a href='https://user{cid}.example.test/' rel='external nofollow ugc' class='url'>User {cid}</a></b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="{PERMA}#comment-{cid}"><time datetime="2024-05-01T11:{m:02}:00+00:00">May 1, 2024 at 11:{m:02} am</time></a></div></footer>
<div class="comment-content"><p>{body}{body}<em>emphasis</em> and <a href="https://example.test/{cid}">a link</a>.</p>
<p>{body}{body}{body}</p><p>{body}{body}{body}{body}</p></div>
<div class="reply"><a rel='nofollow' class='comment-reply-link' href='{PERMA}?replytocom={cid}#respond' data-commentid="{cid}" data-postid="4" data-belowelement="div-comment-{cid}" data-respondelement="respond" data-replyto="Reply to User {cid}" aria-label='Reply to User {cid}'>Reply</a></div>
</article>"#,
        d = depth + 1,
        parent = if kids[id].is_empty() { "" } else { " parent" },
        m = id % 60,
    );
    if !kids[id].is_empty() {
        out.push_str("<ol class=\"children\">\n");
        for &k in &kids[id] {
            render(out, k, kids, depth + 1);
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</li><!-- #comment-## -->\n");
}

fn page(n: usize) -> String {
    let parents = thread(n);
    let mut kids = vec![Vec::new(); n];
    for (i, p) in parents.iter().enumerate() {
        if let Some(p) = p {
            kids[*p].push(i);
        }
    }
    let mut out = String::with_capacity(6 << 20);
    let _ = write!(
        out,
        r#"<!doctype html><html lang="en-US"><head><meta charset="UTF-8"><title>Bench post &#8211; Blog</title>
<meta name="generator" content="WordPress 6.1.9" /><link rel="canonical" href="{PERMA}" /></head>
<body class="single postid-4"><div id="page" class="site"><main id="main" class="site-main">
<article id="post-4" class="post-4 post type-post hentry entry"><header class="entry-header"><h1 class="entry-title">Bench post</h1></header>
<div class="entry-content"><p>The article.</p></div></article>
<div id="comments" class="comments-area"><h2 class="comments-title">{n} comments</h2><ol class="comment-list">
"#
    );
    for (i, p) in parents.iter().enumerate() {
        if p.is_none() {
            render(&mut out, i, &kids, 0);
        }
    }
    out.push_str(r#"</ol><div id="respond" class="comment-respond"><form action="http://127.0.0.1:8089/wp-comments-post.php" method="post" id="commentform"><textarea id="comment" name="comment"></textarea><input id="author" name="author" type="text" required /><input type='hidden' name='comment_post_ID' value='4' /><input type='hidden' name='comment_parent' value='0' /></form></div></div></main></div></body></html>"#);
    out
}

fn bench(c: &mut Criterion) {
    let html = page(2000);
    let url = Url::parse(PERMA).expect("static url");
    let post = parlor::extract::extract(&html, &url);
    assert_eq!(post.comments.len(), 2000, "generator and extractor agree");
    println!(
        "page: {:.1} MB, {} comments, max depth {}",
        html.len() as f64 / 1e6,
        post.comments.len(),
        post.comments.iter().map(|c| c.depth).max().unwrap_or(0)
    );
    let mut g = c.benchmark_group("extract_5mb_2000_comments");
    g.sample_size(10);
    g.bench_function("parse_only", |b| {
        b.iter(|| black_box(scraper::Html::parse_document(black_box(&html))))
    });
    g.bench_function("extract", |b| {
        b.iter(|| black_box(parlor::extract::extract(black_box(&html), &url)))
    });
    g.finish();
    // Interleaved medians: robust to load changing between the two criterion groups.
    let (mut parse, mut full) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        let t = std::time::Instant::now();
        black_box(scraper::Html::parse_document(black_box(&html)));
        parse.push(t.elapsed().as_secs_f64());
        let t = std::time::Instant::now();
        black_box(parlor::extract::extract(black_box(&html), &url));
        full.push(t.elapsed().as_secs_f64());
    }
    parse.sort_by(f64::total_cmp);
    full.sort_by(f64::total_cmp);
    let (p, f) = (parse[parse.len() / 2], full[full.len() / 2]);
    println!(
        "interleaved medians: parse {:.1} ms, extract {:.1} ms, ratio {:.2}x",
        p * 1e3,
        f * 1e3,
        f / p
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
