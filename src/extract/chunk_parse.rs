//! Reads a big page's comment list a chunk at a time: a long run of whole children of one block
//! that starts with a WordPress comment ([`nesting::Prepared::long`]) is cut into chunks of
//! about [`nesting::CHUNK`] bytes, each parsed as a fragment and its comments read
//! ([`wp_part::read_chunk`]) on whichever of three threads is free, its tree dropped at once;
//! the rest of the page, with the run's first chunk and a marker element for the others, is
//! parsed on this thread. Peak memory is then the page, the comments read and a few chunks'
//! trees, not the whole thread's tree; and the comments are read while the page is parsed. Any
//! chunk the page's other readers would have looked into, or any doubt later
//! ([`wp_part::Part::spliced`]), and the caller parses whole.

use super::split_parse::{parse_around, parse_part, MARKER};
use super::wp_part::{self, Chunk, Part};
use super::{lean_sink, nesting};
use scraper::{Html, Node};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use url::Url;

/// Smallest page read so (smaller ones parse whole in a few milliseconds).
pub const MIN_PAGE: usize = 1 << 20;

/// Threads besides this one that parse and read chunks.
const WORKERS: usize = 2;

/// The page's tree without the part, and the part's comments.
pub struct Chunked {
    pub doc: Html,
    pub part: Part,
}

/// Parses `p` and reads its comment list in chunks; `None` when the page has no such list or
/// a chunk cannot be read apart (the caller parses whole).
pub fn parse(p: &nesting::Prepared, url: &Url, min_page: usize) -> Option<Chunked> {
    let html: &str = &p.html;
    if html.len() < min_page
        || std::env::var_os("PARLOR_PARSE_THREADS").is_some_and(|v| v == "1")
        || html.contains(MARKER)
    {
        return None;
    }
    // A run starting with a comment's tag, most of the page (a page parsed again after a
    // chunk gave up then costs little more; tests, with `min_page` 0, take any share). The
    // first chunk stays in the page, so the engines see a comment list as they would.
    let cuts = p.long.iter().find(|cuts| {
        let (Some(&first), Some(&end)) = (cuts.get(1), cuts.last()) else {
            return false;
        };
        (end.saturating_sub(first) * 2 >= html.len() || min_page == 0) && comment_tag(html, first)
    })?;
    let (run_start, first, end) = (*cuts.first()?, *cuts.get(1)?, *cuts.last()?);
    let base = head_base(html, run_start, url)?;
    let spans: Vec<(usize, usize)> = cuts.get(1..)?.windows(2).map(|w| (w[0], w[1])).collect();
    let next = AtomicUsize::new(0);
    let abort = AtomicBool::new(false);
    let read: Mutex<Vec<Option<Chunk>>> = Mutex::new((0..spans.len()).map(|_| None).collect());
    let total_nodes = p.nodes;
    let work = || {
        while !abort.load(Ordering::Relaxed) {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(&(s, e)) = spans.get(k) else { break };
            let nodes = total_nodes.saturating_mul(e - s) / html.len().max(1) * 3 / 2 + 1024;
            let chunk = html
                .get(s..e)
                .map(|text| parse_part(text, nodes))
                .and_then(|doc| wp_part::read_chunk(&doc, html, url, &base));
            match (chunk, read.lock()) {
                (Some(c), Ok(mut all)) => all[k] = Some(c),
                _ => abort.store(true, Ordering::Relaxed),
            }
        }
    };
    let (s32, e32) = (u32::try_from(first).ok()?, u32::try_from(end).ok()?);
    let before = p.html.try_subtendril(0, s32).ok()?;
    let after = p.html.try_subtendril(e32, p.html.len32() - e32).ok()?;
    let around_nodes = p.nodes.saturating_mul(html.len() - (end - first)) / html.len().max(1);
    let doc = std::thread::scope(|s| {
        let workers: Vec<_> = (0..WORKERS)
            .filter_map(|i| {
                std::thread::Builder::new()
                    .name(format!("parlor-chunk-{i}"))
                    // A main thread's stack: reading walks nested markup (capped at 512).
                    .stack_size(8 << 20)
                    .spawn_scoped(s, work)
                    .ok()
            })
            .collect();
        let doc = parse_around(before, after, around_nodes * 3 / 2 + 1024, &abort);
        work();
        for w in workers {
            if w.join().is_err() {
                abort.store(true, Ordering::Relaxed);
            }
        }
        doc
    });
    let mut doc = doc.filter(|_| !abort.load(Ordering::Relaxed))?;
    let chunks: Vec<Chunk> = read.into_inner().ok()?.into_iter().collect::<Option<_>>()?;
    let marker = doc
        .tree
        .nodes()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == MARKER))?
        .id();
    // Inert for every reader; the comment walk finds the part by the node's id.
    *doc.tree.get_mut(marker)?.value() =
        Node::Comment(scraper::node::Comment { comment: "".into() });
    Some(Chunked {
        doc,
        part: Part::new(marker, base, chunks),
    })
}

/// The first tag at `at` (past blanks and HTML comments: a cut may follow an end tag) is a
/// WordPress comment's (`id="comment-N"`, `li-comment-N`).
fn comment_tag(html: &str, at: usize) -> bool {
    let b = html.as_bytes();
    let mut i = at;
    loop {
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if !b.get(i..).is_some_and(|r| r.starts_with(b"<!--")) {
            break;
        }
        match memchr::memmem::find(b.get(i..).unwrap_or_default(), b"-->") {
            Some(e) if e < 4096 => i += e + 3,
            _ => return false,
        }
    }
    let tag = b.get(i..).unwrap_or_default();
    let tag = &tag[..tag.len().min(1024)];
    let tag = &tag[..memchr::memchr(b'>', tag).unwrap_or(tag.len())];
    tag.starts_with(b"<")
        && [&b"id=\"comment-"[..], b"id='comment-", b"li-comment-"]
            .iter()
            .any(|k| memchr::memmem::find(tag, k).is_some())
}

/// The base URL the page's head gives (`<base href>`), read from the text before the body
/// (or before the run); the comment walk checks it against the whole page's.
fn head_base(html: &str, run_start: usize, url: &Url) -> Option<Url> {
    let head = html.get(..run_start)?;
    let lower = |s: &str, k: &[u8]| {
        s.as_bytes()
            .windows(k.len())
            .position(|w| w.eq_ignore_ascii_case(k))
    };
    let head = &head[..lower(head, b"<body").unwrap_or(head.len())];
    if lower(head, b"<base").is_none() {
        return Some(url.clone());
    }
    Some(super::base_url(&lean_sink::parse_document(head), url))
}
