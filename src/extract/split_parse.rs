//! Parses a big page on two threads: the part [`nesting::prepare`] chose (a run of whole
//! children of one block, see `nesting/split.rs`) as a fragment on a second thread, the rest of
//! the page around a marker element on this one; then the part's nodes take the marker's place.
//! The tree is the one a whole parse builds (checked on every corpus page by
//! `tests/split_parse.rs`), in about half the time when the part is half the page.

use super::nesting;
use html5ever::tendril::TendrilSink as _;
use html5ever::{ns, LocalName, QualName};
use scraper::{Html, Node, StrTendril};
use std::sync::atomic::{AtomicBool, Ordering};

/// The element standing for the part in the rest of the page (no page uses it: parse is then
/// plain).
pub(super) const MARKER: &str = "parlor-split-part";

/// A tree built on another thread, sent back whole.
struct Built(Html);

// SAFETY: the tree's tendrils are non-atomic only because they may share buffers. Every
// buffer a `Built` tree's tendrils point into was made on the thread that built it, from a
// copy of the part, and is referenced only from inside that tree: the parser that made it
// is gone once `one()` returns. Moving the whole tree moves every owner of those reference
// counts at once, so no count is ever touched from two threads. Atoms (string_cache) are
// Send and Sync; `OnceCell`s are Send.
unsafe impl Send for Built {}

/// Parses `p` (with `p.split` set) on two threads; `None` when the page cannot be split
/// after all (the caller parses it whole).
pub fn parse(p: &nesting::Prepared) -> Option<Html> {
    let (start, end) = p.split?;
    // `PARLOR_PARSE_THREADS=1` parses every page whole, on one thread.
    if std::env::var_os("PARLOR_PARSE_THREADS").is_some_and(|v| v == "1") {
        return None;
    }
    let html: &str = &p.html;
    let part = html.get(start..end)?;
    if html.contains(MARKER) {
        return None;
    }
    let (start32, end32) = (u32::try_from(start).ok()?, u32::try_from(end).ok()?);
    let before = p.html.try_subtendril(0, start32).ok()?;
    let after = p.html.try_subtendril(end32, p.html.len32() - end32).ok()?;
    // The part's share of the page's nodes, with room to spare: a part denser in tags than
    // the page would otherwise double its vector mid-parse (a copy, and both vectors held at
    // once: +20 MB at 10,000 comments). Capacity never written is never resident.
    let part_nodes =
        (p.nodes.saturating_mul(part.len()) / html.len().max(1)).saturating_mul(3) / 2 + 1024;
    let part_nodes = part_nodes.min(p.nodes + 1024);
    let (whole, built) = std::thread::scope(|s| {
        // No thread to be had: the caller parses the page whole.
        let worker = std::thread::Builder::new()
            .name("parlor-parse".into())
            .spawn_scoped(s, move || Built(parse_part(part, part_nodes)))
            .ok()?;
        let around = parse_around(
            before,
            after,
            p.nodes + p.nodes / 32,
            &AtomicBool::new(false),
        );
        Some((around?, worker.join()))
    })?;
    let built = built.ok()?;
    graft(whole, built.0)
}

/// Frees a big tree on another thread, so the caller goes on (formatting, printing) while
/// hundreds of thousands of nodes are freed. The caller must hold no tendril that shares the
/// tree's buffers (see [`Built`]): [`super::extract_prepared`] drops its copy of the page first.
pub(super) fn dispose(doc: Html) {
    const BIG: usize = 1 << 14;
    let built = Built(doc);
    if built.0.tree.nodes().nth(BIG).is_none() {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("parlor-free".into())
        .spawn(move || drop(built));
    // No thread: freed here, when the failed spawn drops the closure.
    drop(spawned);
}

/// The part as a fragment in a `<body>`, from its own copy of the text.
pub(super) fn parse_part(part: &str, nodes: usize) -> Html {
    let mut doc = Html::new_fragment();
    doc.tree = ego_tree::Tree::with_capacity(Node::Fragment, nodes);
    let context = QualName::new(None, ns!(html), LocalName::from("body"));
    html5ever::driver::parse_fragment(
        super::lean_sink::LeanSink::new(doc),
        Default::default(),
        context,
        Vec::new(),
        false,
    )
    .one(StrTendril::from_slice(part))
}

/// The page without the part (`before` and `after` it, sharing the page's buffer), a marker
/// element in its place; fed to the parser in pieces, so that `stop` set by another thread
/// (`chunk_parse`: a chunk gave up) ends it early (`None`).
pub(super) fn parse_around(
    before: StrTendril,
    after: StrTendril,
    nodes: usize,
    stop: &AtomicBool,
) -> Option<Html> {
    // (Small enough that corpus pages are fed in several: `tests/chunk_parse.rs`.)
    const PIECE: u32 = 64 * 1024;
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(Node::Document, nodes);
    let mut parser =
        html5ever::driver::parse_document(super::lean_sink::LeanSink::new(doc), Default::default());
    let marker = StrTendril::from_slice(&format!("<{MARKER}></{MARKER}>"));
    for text in [before, marker, after] {
        let mut at = 0;
        while at < text.len32() {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let mut end = at.saturating_add(PIECE).min(text.len32());
            // Pieces end on a character boundary.
            while end > at + 1 && !text.is_char_boundary(end as usize) {
                end -= 1;
            }
            parser.process(text.try_subtendril(at, end - at).ok()?);
            at = end;
        }
    }
    Some(parser.finish())
}

/// Moves the part's nodes into `whole` where its marker is; neutralises the fragment's own
/// wrapper elements (left unattached, they would still show in `Html::select`).
fn graft(mut whole: Html, part: Html) -> Option<Html> {
    // The first is the only one: `parse` made sure the page never names the marker. It comes
    // right after the nodes of the text before the part, so this stops early.
    let marker = whole
        .tree
        .nodes()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == MARKER))?
        .id();
    whole.tree.get(marker)?.parent()?;
    let first = whole.tree.nodes().len();
    let part_root = whole.tree.extend_tree(part.tree).id();
    let wrapper = whole.tree.get(part_root)?.first_child()?;
    let (wrapper_id, children) = (
        wrapper.id(),
        wrapper.children().map(|c| c.id()).collect::<Vec<_>>(),
    );
    for id in children {
        whole.tree.get_mut(marker)?.insert_id_before(id);
    }
    whole.tree.get_mut(marker)?.detach();
    let inert = || Node::Comment(scraper::node::Comment { comment: "".into() });
    let mut stray: Vec<_> = whole
        .tree
        .nodes()
        .skip(first)
        .take(8)
        .filter(|n| n.id() != part_root && n.parent().is_none() && n.value().is_element())
        .map(|n| n.id())
        .collect();
    stray.extend([wrapper_id, marker]);
    for id in stray {
        *whole.tree.get_mut(id)?.value() = inert();
    }
    Some(whole)
}
