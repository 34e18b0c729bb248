//! Parses a big page on two threads: the part [`nesting::prepare`] chose (a run of whole
//! children of one block, see `nesting/split.rs`) as a fragment on a second thread, the rest of
//! the page around a marker element on this one; then the part's nodes take the marker's place.
//! The tree is the one a whole parse builds (checked on every corpus page by
//! `tests/split_parse.rs`), in about half the time when the part is half the page.

use super::nesting;
use html5ever::tendril::TendrilSink as _;
use html5ever::{ns, LocalName, QualName};
use scraper::{Html, Node, StrTendril};

/// The element standing for the part in the rest of the page (no page uses it: parse is then
/// plain).
const MARKER: &str = "parlor-split-part";

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
    let html: &str = &p.html;
    let part = html.get(start..end)?;
    if html.contains(MARKER) {
        return None;
    }
    let share = |n: usize| p.nodes.saturating_mul(n) / html.len().max(1) + 16;
    let part_nodes = share(part.len());
    let (whole, built) = std::thread::scope(|s| {
        let worker = s.spawn(move || Built(parse_part(part, part_nodes)));
        let around = parse_around(&p.html, start, end, p.nodes + p.nodes / 32);
        (around, worker.join())
    });
    let built = built.ok()?;
    graft(whole, built.0)
}

/// The part as a fragment in a `<body>`, from its own copy of the text.
fn parse_part(part: &str, nodes: usize) -> Html {
    let mut doc = Html::new_fragment();
    doc.tree = ego_tree::Tree::with_capacity(Node::Fragment, nodes);
    let context = QualName::new(None, ns!(html), LocalName::from("body"));
    html5ever::driver::parse_fragment(
        scraper::HtmlTreeSink::new(doc),
        Default::default(),
        context,
        Vec::new(),
        false,
    )
    .one(StrTendril::from_slice(part))
}

/// The page without the part, a marker element in its place; the text shares `html`'s buffer.
fn parse_around(html: &StrTendril, start: usize, end: usize, nodes: usize) -> Html {
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(Node::Document, nodes);
    let mut parser =
        html5ever::driver::parse_document(scraper::HtmlTreeSink::new(doc), Default::default());
    let (start32, end32, len32) = (start as u32, end as u32, html.len32());
    parser.process(html.subtendril(0, start32));
    parser.process(StrTendril::from_slice(&format!("<{MARKER}></{MARKER}>")));
    parser.process(html.subtendril(end32, len32 - end32));
    parser.finish()
}

/// Moves the part's nodes into `whole` where its marker is; neutralises the fragment's own
/// wrapper elements (left unattached, they would still show in `Html::select`).
fn graft(mut whole: Html, part: Html) -> Option<Html> {
    let marker = whole
        .tree
        .nodes()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == MARKER))
        .map(|n| n.id())
        .collect::<Vec<_>>();
    let [marker] = marker[..] else {
        return None;
    };
    whole.tree.get(marker)?.parent()?;
    let first = whole.tree.nodes().count();
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
