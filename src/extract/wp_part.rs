//! A WordPress comment list read a chunk at a time (`chunk_parse`): each chunk parsed and read
//! on one of three threads, its tree dropped at once, so a thread of thousands of comments is
//! never held as one tree. A chunk is taken only when nothing outside the comment
//! walk would have looked into it (no script, form, meta, heading, embed mark …: see
//! [`read_chunk`]), and the links a chunk cannot settle alone (its first comment's previous
//! sibling, a parent named by the raw source) are settled in page order by [`Walk::splice`].
//! Anything unexpected marks the part bad and the caller parses the page whole.

use super::dom::{self, IdBuild, NodeSet};
use super::wp_comments::{
    comment_elements, fill_by_structure, id_of, is_wordpress_list, read_comment,
};
use super::Page;
use crate::model::Comment;
use ego_tree::NodeId;
use scraper::{ElementRef, Html};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use url::Url;

/// Elements some reader of the whole page looks for anywhere, comments included: a chunk
/// holding one is not read apart.
const SEEN_BY_PAGE: &[&str] = &[
    "script", "noscript", "meta", "link", "form", "iframe", "template", "base", "title", "h1",
    "h2", "h3", "object", "embed", "frame", "frameset", "body", "head", "html",
];

/// How a comment's parent is found, as far as its chunk can tell.
#[derive(Clone, Copy, Debug)]
pub(super) enum Link {
    /// The enclosing comment (chunk index), or none.
    Enclosing(Option<usize>),
    /// A reply printed flat after its `parent`-classed sibling (chunk index).
    Capped(usize),
    /// After a flat sibling: the raw source's parent, else the enclosing comment.
    Flat(Option<usize>),
    /// A comment at the top of the chunk with no element before it in the chunk: its
    /// previous sibling is in the chunk before.
    Edge,
}

/// What the splice needs of one comment besides the comment itself.
#[derive(Clone, Copy, Debug)]
pub(super) struct Info {
    link: Link,
    /// A child of the list itself (its parent is the container).
    top: bool,
    /// Which parent element it sits in, numbered within the chunk (for `!top`).
    run: usize,
    has_nested: bool,
    parent_class: bool,
}

/// One chunk's comments, in page order.
#[derive(Default)]
pub struct Chunk {
    ids: Vec<String>,
    info: Vec<Info>,
    comments: Vec<Comment>,
}

/// A comment list read apart, standing in the page's tree as `marker` (an inert node).
pub struct Part {
    pub(super) marker: NodeId,
    pub(super) base: Url,
    chunks: RefCell<Vec<Chunk>>,
    used: Cell<bool>,
    bad: Cell<bool>,
}

impl Part {
    pub fn new(marker: NodeId, base: Url, chunks: Vec<Chunk>) -> Self {
        Part {
            marker,
            base,
            chunks: RefCell::new(chunks),
            used: Cell::new(false),
            bad: Cell::new(false),
        }
    }

    /// The comments were spliced into the thread and nothing went wrong.
    pub fn spliced(&self) -> bool {
        self.used.get() && !self.bad.get()
    }

    /// The page's reading depended on what the part held: parse it whole.
    pub(super) fn mark_bad(&self) {
        self.bad.set(true);
    }

    /// `el` holds the part (a reader would have read the comments as its own text).
    pub(super) fn inside(&self, el: ElementRef<'_>, doc: &Html) -> bool {
        doc.tree
            .get(self.marker)
            .is_some_and(|m| m.ancestors().any(|a| a.id() == el.id()))
    }
}

/// Reads one chunk (a fragment's tree); `None` when the chunk is not one the page's other
/// readers would have passed over, or its edges need its neighbours.
pub fn read_chunk(doc: &Html, html: &str, url: &Url, base: &Url) -> Option<Chunk> {
    let wrapper = doc.root_element();
    let els = comment_elements(wrapper);
    let set: NodeSet = els.iter().map(|e| e.id()).collect();
    let tops: Vec<ElementRef<'_>> = wrapper.child_elements().collect();
    let top_ok = |e: &ElementRef<'_>| {
        let name = e.value().name();
        set.contains(&e.id())
            && super::text_date::is_chrome(*e)
            && !matches!(name, "dt" | "dd")
            && !(name == "li" && (dom::has_class(*e, "ping") || dom::has_class(*e, "pings")))
    };
    // A list of WordPress's own markup only: any other is read by structure, from the whole page.
    if tops.is_empty() || !tops.iter().all(top_ok) || !is_wordpress_list(&els) {
        return None;
    }
    let seen = wrapper.descendent_elements().skip(1).any(|e| {
        SEEN_BY_PAGE.contains(&e.value().name()) || dom::has_class(e, "wpd-login-to-comment")
    });
    let (scripts, marks) = super::embeds::scan(wrapper);
    if seen || !scripts.is_empty() || !marks.is_empty() {
        return None;
    }
    // The base is the page's, read from its head (a chunk has none).
    let page = Page {
        html,
        doc,
        url,
        base: base.clone(),
        part: None,
    };
    let edges = [tops.first().map(|e| e.id()), tops.last().map(|e| e.id())];
    let mut index: HashMap<NodeId, usize, IdBuild> = HashMap::default();
    let mut runs: HashMap<NodeId, usize, IdBuild> = HashMap::default();
    let mut out = Chunk::default();
    for el in &els {
        let enclosing = el.ancestors().find_map(|a| index.get(&a.id()).copied());
        if let Some(p) = enclosing {
            out.info[p].has_nested = true;
        }
        let parent = el.parent().map(|p| p.id());
        let top = parent == Some(wrapper.id());
        let prev = el.prev_siblings().find(|s| s.value().is_element());
        let link = match prev {
            None if top => Link::Edge,
            None => Link::Enclosing(enclosing),
            Some(s) => match index
                .get(&s.id())
                .copied()
                .filter(|&p| !out.info[p].has_nested)
            {
                Some(p) if out.info[p].parent_class => Link::Capped(p),
                Some(_) => Link::Flat(enclosing),
                None => Link::Enclosing(enclosing),
            },
        };
        let next_run = runs.len();
        let run = parent.map_or(0, |p| *runs.entry(p).or_insert(next_run));
        let mut c = read_comment(*el, &set, &page);
        let structure = c.author == "Anonymous"
            || (c.published.is_none() && c.published_text.is_none())
            || c.blocks.is_empty();
        // Reading by structure looks at the siblings, which the chunk may not hold.
        if structure && edges.contains(&Some(el.id())) {
            return None;
        }
        fill_by_structure(*el, &set, &page, &mut c);
        index.insert(el.id(), out.comments.len());
        out.ids.push(id_of(*el).to_string());
        out.info.push(Info {
            link,
            top,
            run,
            has_nested: false,
            parent_class: dom::has_class(*el, "parent"),
        });
        out.comments.push(c);
    }
    Some(out)
}

/// Which parent element a comment sits in, for the raw source's same-run test.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Run {
    Node(Option<NodeId>),
    /// The list the part was cut from.
    Container,
    /// Chunk, element within it.
    Part(usize, usize),
}

/// The thread being built, in page order (see `wp_comments::extract`).
pub(super) struct Walk<'w> {
    pub(super) out: Vec<Comment>,
    pub(super) index: HashMap<NodeId, usize, IdBuild>,
    has_nested: Vec<bool>,
    parent_class: Vec<bool>,
    run: Vec<Run>,
    by_id: HashMap<&'w str, usize>,
    source: Option<HashMap<&'w str, &'w str>>,
    html: &'w str,
}

impl<'w> Walk<'w> {
    pub(super) fn new(n: usize, html: &'w str) -> Self {
        Walk {
            out: Vec::with_capacity(n),
            index: HashMap::with_capacity_and_hasher(n, IdBuild::default()),
            has_nested: Vec::with_capacity(n),
            parent_class: Vec::with_capacity(n),
            run: Vec::with_capacity(n),
            by_id: HashMap::with_capacity(n),
            source: None,
            html,
        }
    }

    pub(super) fn nest(&mut self, p: usize) {
        self.has_nested[p] = true;
    }

    /// The previous sibling comment, when its replies are not nested inside it.
    pub(super) fn flat(&self, prev: Option<usize>) -> Option<usize> {
        prev.filter(|&p| !self.has_nested[p])
    }

    /// The parent of a comment `raw_id` in `run`, from its flat previous sibling and the
    /// comment enclosing it.
    pub(super) fn parent(
        &mut self,
        flat_prev: Option<usize>,
        enclosing: Option<usize>,
        raw_id: &str,
        run: Run,
    ) -> Option<usize> {
        match flat_prev {
            Some(p) if self.parent_class[p] => Some(p),
            Some(_) => self.source_parent(raw_id, run).or(enclosing),
            None => enclosing,
        }
    }

    /// The parent the raw source nests the comment in, trusted when it is a preceding
    /// comment of the same run.
    fn source_parent(&mut self, raw_id: &str, run: Run) -> Option<usize> {
        let html = self.html;
        let p = *self
            .source
            .get_or_insert_with(|| super::wp_comments::source_parents(html))
            .get(raw_id)?;
        let pe = self.by_id.get(p).copied()?;
        (self.run[pe] == run).then_some(pe)
    }

    /// Adds a comment read from the tree or a chunk; returns its index.
    pub(super) fn push(
        &mut self,
        mut c: Comment,
        parent: Option<usize>,
        raw_id: &'w str,
        run: Run,
        parent_class: bool,
    ) -> usize {
        let i = self.out.len();
        if c.id.is_empty() {
            c.id = format!("c{i}");
        }
        if let Some(p) = parent {
            c.parent = Some(self.out[p].id.clone());
            c.depth = self.out[p].depth.saturating_add(1);
        }
        self.by_id.insert(raw_id, i);
        self.out.push(c);
        self.has_nested.push(false);
        self.parent_class.push(parent_class);
        self.run.push(run);
        i
    }

    /// Adds the part's comments where its marker stands; `prev` is the comment just before
    /// the part among the list's children (if that child is a comment). Returns the part's
    /// last child comment (the previous sibling of what follows the marker).
    pub(super) fn splice(
        &mut self,
        chunks: &'w [Chunk],
        mut comments: Vec<Vec<Comment>>,
        mut prev: Option<usize>,
    ) -> Option<usize> {
        for (k, chunk) in chunks.iter().enumerate() {
            let base = self.out.len();
            let taken = std::mem::take(comments.get_mut(k)?);
            for ((c, info), raw) in taken.into_iter().zip(&chunk.info).zip(&chunk.ids) {
                let run = if info.top {
                    Run::Container
                } else {
                    Run::Part(k, info.run)
                };
                let parent = match info.link {
                    Link::Enclosing(e) => e.map(|e| base + e),
                    Link::Capped(p) => Some(base + p),
                    Link::Flat(e) => self.source_parent(raw, run).or(e.map(|e| base + e)),
                    Link::Edge => {
                        let flat = self.flat(prev);
                        self.parent(flat, None, raw, run)
                    }
                };
                let i = self.push(c, parent, raw, run, info.parent_class);
                self.has_nested[i] = info.has_nested;
                if info.top {
                    prev = Some(i);
                }
            }
        }
        prev
    }
}

/// The part's chunks, taken once, and how many comments they hold.
pub(super) fn take(part: &Part) -> (Vec<Chunk>, Vec<Vec<Comment>>) {
    let mut chunks = part.chunks.take();
    let comments = chunks
        .iter_mut()
        .map(|c| std::mem::take(&mut c.comments))
        .collect();
    part.used.set(true);
    (chunks, comments)
}

/// How many of the page's comment elements `set` come before the marker; `None` when the
/// marker is not in the tree.
pub(super) fn position(root: ElementRef<'_>, part: &Part, set: &NodeSet) -> Option<usize> {
    let mut n = 0;
    for node in root.descendants() {
        if node.id() == part.marker {
            return Some(n);
        }
        n += usize::from(set.contains(&node.id()));
    }
    None
}
