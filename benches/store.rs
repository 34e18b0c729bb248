//! Store speed: loading and saving a post with a 2 MB page.

use criterion::{criterion_group, criterion_main, Criterion};
use parlor::store::{PageRecord, PostMeta, Store};
use std::hint::black_box;

fn two_mb_post() -> (Vec<PageRecord>, PostMeta) {
    let url = "https://example.com/big/";
    let html =
        "<p>comment text, fairly long, to make up a big page</p>\n".repeat(2 * 1024 * 1024 / 56);
    let page = PageRecord {
        url: url.into(),
        final_url: url.into(),
        html,
        fetched_at: 1,
        etag: None,
        last_modified: None,
    };
    let meta = PostMeta {
        url: url.into(),
        title: "Big".into(),
        site: "Example".into(),
        comment_count: 0,
    };
    (vec![page], meta)
}

fn bench_store(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("parlor.sqlite3")).expect("open");
    let (pages, meta) = two_mb_post();
    let key = "https://example.com/big/";
    store.save_fetch(key, &pages, &meta, 1).expect("save");
    // A few other posts so the lookup is by index, not a one-row table.
    for i in 0..200 {
        let k = format!("https://example.com/{i}/");
        store.save_fetch(&k, &pages[..0], &meta, 1).expect("save");
    }
    c.bench_function("store load_pages 2 MB", |b| {
        b.iter(|| black_box(store.load_pages(black_box(key)).expect("load")))
    });
    c.bench_function("store save_fetch 2 MB", |b| {
        b.iter(|| store.save_fetch(key, &pages, &meta, 2).expect("save"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_store
}
criterion_main!(benches);
