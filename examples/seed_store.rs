//! Seeds the library (`PARLOR_DATA_DIR`, else the default data dir) with a stored post of N
//! generated WordPress comments (the extract bench's page), for `scripts/bench-startup.sh`:
//! `cargo run --release --example seed_store -- URL [N] [--long]` (N defaults to 2000).
//! Comments are ~450 characters of text (two paragraphs, a link); `--long` makes them the
//! extract bench's ~2,500 (a 5.7 MB page).

use parlor::store::{post_key, PageRecord, PostMeta, Store};
#[path = "../benches/support/wp_page.rs"]
mod wp_page;
use wp_page::page;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args
        .next()
        .unwrap_or_else(|| "http://127.0.0.1:8089/2024/05/01/bench-post/".to_string());
    let n: usize = args.next().map_or(Ok(2000), |s| s.parse())?;
    let long = args.next().as_deref() == Some("--long");
    let html = page(n, &url, long);
    let now = parlor::reading::now();
    let record = PageRecord {
        url: url.clone(),
        final_url: url.clone(),
        html,
        fetched_at: now,
        etag: None,
        last_modified: None,
    };
    let meta = PostMeta {
        url: url.clone(),
        title: "Bench post".to_string(),
        site: "Blog".to_string(),
        comment_count: u32::try_from(n)?,
    };
    let mut store = Store::open_default()?;
    store.save_fetch(&post_key(&url), &[record], &meta, now)?;
    println!(
        "stored {url} ({n} comments, {} bytes) in {}",
        meta_len(&store, &url),
        store.path().display()
    );
    Ok(())
}

fn meta_len(store: &Store, url: &str) -> usize {
    store
        .load_pages(&post_key(url))
        .ok()
        .flatten()
        .map_or(0, |s| s.pages.iter().map(|p| p.html.len()).sum())
}
