//! Extraction speed: `extract` on a synthetic ~5 MB WordPress (html5 walker) page with 2,000
//! nested comments, against `scraper::Html::parse_document` alone on the same page.
//! Goal: extraction ≤ 1.5× the parse.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use url::Url;

#[path = "support/wp_page.rs"]
mod wp_page;
use wp_page::page;

const PERMA: &str = "http://127.0.0.1:8089/2024/05/01/bench-post/";

fn bench(c: &mut Criterion) {
    let html = page(2000, PERMA, true);
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
