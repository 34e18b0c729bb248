//! HTML → model. Pure functions over `&str` + base URL: no network, no clock, no UI.
//! Detects the engine, dispatches to its extractor, and merges comment pages.
//!
//! Engines are a list of `(detect, extract)` pairs tried in order ([`ENGINES`]); the first
//! whose `detect` says yes and whose `extract` returns `Some` wins, and the generic engine
//! always answers. Adding Blogger, microformats or JSON-LD is one more entry in the list.
//! After an engine ran, [`meta::fill_gaps`] fills title/author/date/site from page metadata
//! (OpenGraph, JSON-LD, `<title>`) wherever the engine found nothing.

mod article_pick;
pub mod blocks;
pub mod blogger;
mod chrome;
pub mod chunk_parse;
mod comment_anchors;
mod comment_byline;
mod comment_date;
mod comment_find;
mod comment_meta;
mod comment_parts;
mod comment_ping;
mod comment_read;
mod comment_tree;
mod dom;
pub mod embeds;
mod embeds_other;
mod embeds_scan;
pub mod explain;
mod form_find;
mod form_usable;
mod form_wpdiscuz;
mod forum_posts;
pub mod generic;
mod generic_comments;
mod inlines;
pub mod jsonld;
pub mod lean_sink;
mod merge;
pub mod meta;
pub mod microformats;
pub mod nesting;
pub mod sanitize;
pub mod split_parse;
mod stats;
mod tag_sets;
mod text_date;
pub mod wordpress;
mod wp_comments;
mod wp_form;
mod wp_own;
pub mod wp_part;

use crate::model::{Engine, Post};
use scraper::Html;
use url::Url;

pub use merge::merge_pages;

/// One parsed page, handed to every engine.
pub struct Page<'a> {
    /// The raw HTML (for cheap string checks during detection).
    pub html: &'a str,
    pub doc: &'a Html,
    /// The URL the page came from.
    pub url: &'a Url,
    /// The URL relative links resolve against (`<base href>` when present).
    pub base: Url,
    /// The comment list, when it was read apart in chunks and stands in `doc` as a marker.
    pub part: Option<&'a wp_part::Part>,
}

impl<'a> Page<'a> {
    /// The page `html` parsed as `doc`, from `url` (links resolve against its `<base href>`).
    pub fn new(
        html: &'a str,
        doc: &'a Html,
        url: &'a Url,
        part: Option<&'a wp_part::Part>,
    ) -> Self {
        Page {
            html,
            doc,
            url,
            base: base_url(doc, url),
            part,
        }
    }
}

/// An engine: its name, a cheap detection test, and the extractor.
pub struct EngineEntry {
    pub engine: Engine,
    pub detect: fn(&Page<'_>) -> bool,
    pub extract: fn(&Page<'_>) -> Option<Post>,
}

/// The engines, tried in order. Generic comes last and always answers.
pub const ENGINES: &[EngineEntry] = &[
    EngineEntry {
        engine: Engine::WordPress,
        detect: wordpress::detect,
        extract: wordpress::extract,
    },
    EngineEntry {
        engine: Engine::Blogger,
        detect: blogger::detect,
        extract: blogger::extract,
    },
    EngineEntry {
        engine: Engine::Microformats,
        detect: microformats::detect,
        extract: microformats::extract,
    },
    EngineEntry {
        engine: Engine::JsonLd,
        detect: jsonld::detect,
        extract: jsonld::extract,
    },
    EngineEntry {
        engine: Engine::Generic,
        detect: always,
        extract: generic::extract,
    },
];

fn always(_: &Page<'_>) -> bool {
    true
}

/// Extracts a post (article, comments, form, comment page links) from one HTML page.
pub fn extract(html: &str, url: &Url) -> Post {
    extract_with(html, url, ENGINES)
}

/// Extracts with the generic engine only (used to score article extraction on a corpus).
pub fn extract_generic(html: &str, url: &Url) -> Post {
    extract_with(html, url, &ENGINES[ENGINES.len() - 1..])
}

/// Extracts with the given engine list (first match wins).
pub fn extract_with(html: &str, url: &Url, engines: &[EngineEntry]) -> Post {
    match nesting::prepare(html) {
        Some(prepared) => extract_prepared(prepared, url, engines),
        None => {
            let doc = lean_sink::parse_document(&nesting::cap(html));
            extract_parsed(&Page::new(html, &doc, url, None), engines)
        }
    }
}

/// [`extract`] from one whole parse on this thread (the reference the split and chunked
/// readings are tested against).
#[doc(hidden)]
pub fn extract_whole(html: &str, url: &Url) -> Post {
    match nesting::prepare_split(html, usize::MAX) {
        Some(p) => extract_prepared(p, url, ENGINES),
        None => extract(html, url),
    }
}

/// [`extract`] reading a comment list in chunks of about `chunk` bytes on pages of `min_page`
/// bytes or more (the default path does so past [`chunk_parse::MIN_PAGE`]); and whether it
/// did. Tests compare it with a whole parse.
#[doc(hidden)]
pub fn extract_chunked(html: &str, url: &Url, min_page: usize, chunk: usize) -> (Post, bool) {
    match nesting::prepare_chunked(html, min_page, chunk)
        .map(|p| in_chunks(p, url, ENGINES, min_page))
    {
        Some(Ok(post)) => (post, true),
        _ => (extract(html, url), false),
    }
}

/// [`extract`] of a page the caller gives away: the page is dropped as soon as the parser's
/// copy of it is made, so the page is held once, not twice, beside its tree.
pub fn extract_owned(html: String, url: &Url) -> Post {
    match nesting::prepare(&html) {
        Some(prepared) => {
            drop(html);
            extract_prepared(prepared, url, ENGINES)
        }
        None => extract(&html, url),
    }
}

/// Parses a prepared page and extracts it; the engines' cheap string tests read the prepared
/// text (the parser's own buffer, shared).
fn extract_prepared(prepared: nesting::Prepared, url: &Url, engines: &[EngineEntry]) -> Post {
    let prepared = match in_chunks(prepared, url, engines, chunk_parse::MIN_PAGE) {
        Ok(post) => return post,
        // No comment list to read so, or the page's reading needed what the chunks held.
        Err(p) => p,
    };
    let text = prepared.html.clone();
    let doc = parse_prepared(prepared);
    let post = extract_parsed(&Page::new(&text, &doc, url, None), engines);
    // The tree's buffers are its own once the page's text is gone.
    drop(text);
    split_parse::dispose(doc);
    post
}

/// Reads a prepared page with its comment list in chunks ([`chunk_parse`]) on pages of
/// `min_page` bytes or more; gives the page back when it could not be read so.
fn in_chunks(
    prepared: nesting::Prepared,
    url: &Url,
    engines: &[EngineEntry],
    min_page: usize,
) -> Result<Post, nesting::Prepared> {
    let Some(c) = chunk_parse::parse(&prepared, url, min_page) else {
        return Err(prepared);
    };
    let text = prepared.html.clone();
    let post = extract_parsed(&Page::new(&text, &c.doc, url, Some(&c.part)), engines);
    if !c.part.spliced() {
        return Err(prepared);
    }
    // Every tendril sharing the tree's buffers goes before the tree leaves this thread.
    drop((text, prepared));
    split_parse::dispose(c.doc);
    Ok(post)
}

fn extract_parsed(page: &Page<'_>, engines: &[EngineEntry]) -> Post {
    let Some(inner) = noscript_page(page.html, page.doc) else {
        return extract_doc(page, engines);
    };
    let doc = parse(&inner);
    let mut post = extract_doc(&Page::new(&inner, &doc, page.url, None), engines);
    if post.comment_system.is_none() {
        // A provider's script sits outside the noscript.
        post.comment_system = embeds::detect(page);
    }
    post
}

/// The page a `<noscript>` holds when it holds nearly all of the body (Discourse's crawler
/// view: `<noscript data-path=…>` around the whole topic). The parser keeps a noscript's
/// markup as text, so it is parsed again, behind the page's own head.
fn noscript_page(html: &str, doc: &Html) -> Option<String> {
    let body = dom::first(doc.root_element(), dom::sel!("body"))?;
    let total: usize = body.text().map(str::len).sum();
    let (ns, len) = body
        .descendent_elements()
        .filter(|e| e.value().name() == "noscript")
        .map(|e| (e, e.text().map(str::len).sum::<usize>()))
        .max_by_key(|(_, n)| *n)?;
    if len < 1000 || len * 10 < total * 8 {
        return None;
    }
    let inner: String = ns.text().collect();
    if !(inner.contains("<p") || inner.contains("<div")) {
        return None;
    }
    let head_end = html
        .find("<body")
        .or_else(|| html.find("<BODY"))
        .unwrap_or(0);
    Some(format!("{}<body>{inner}</body></html>", &html[..head_end]))
}

fn extract_doc(page: &Page<'_>, engines: &[EngineEntry]) -> Post {
    let mut post = engines
        .iter()
        .filter(|e| (e.detect)(page))
        .find_map(|e| {
            (e.extract)(page).map(|mut p| {
                p.engine = e.engine;
                p
            })
        })
        .unwrap_or_default();
    post.url = page.url.to_string();
    meta::fill_gaps(&mut post, page);
    chrome::trim(&mut post);
    post.comment_system = embeds::detect(page);
    form_find::fill(&mut post, page);
    post
}

/// Parses a page with its nesting capped and blank runs between blocks dropped
/// ([`nesting::prepare`]): cost linear in any input. Parsed whole, on this thread: `Html::select`
/// lists nodes in the order they were made, which for a page parsed in two parts
/// ([`split_parse`], extraction only, where every walk starts at the root) is not page order.
pub fn parse(html: &str) -> Html {
    match nesting::prepare_split(html, usize::MAX) {
        Some(p) => parse_prepared(p),
        None => lean_sink::parse_document(&nesting::cap(html)),
    }
}

/// Parses a prepared page into a tree sized for it up front (no doubling of a vector of
/// hundreds of thousands of nodes, and no copy of the page besides the one the parser keeps).
pub fn parse_prepared(p: nesting::Prepared) -> Html {
    use html5ever::tendril::TendrilSink as _;
    if let Some(doc) = split_parse::parse(&p) {
        return doc;
    }
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, p.nodes + p.nodes / 32);
    html5ever::driver::parse_document(lean_sink::LeanSink::new(doc), Default::default()).one(p.html)
}

/// Parses an HTML fragment (a comment service's body, a blog's answer to a posted form) with
/// its nesting capped, as [`parse`] does for pages: every parse of outside HTML goes through one
/// of the two.
pub fn parse_fragment(html: &str) -> Html {
    lean_sink::parse_fragment(&nesting::cap(html))
}

/// `<base href>` resolved against the page URL, or the page URL.
pub(super) fn base_url(doc: &Html, url: &Url) -> Url {
    dom::first(dom::head(doc.root_element()), dom::sel!("base[href]"))
        .and_then(|b| b.value().attr("href"))
        .and_then(|h| url.join(h.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https" | "file"))
        .unwrap_or_else(|| url.clone())
}
