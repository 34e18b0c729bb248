//! `parlor dump --explain`: how a page was read. Which engines recognised it and which one
//! read it, where the article and the comment lists are (CSS-like paths and counts), and
//! what looked like comments but was skipped, and why. The first thing to paste into a bug
//! report; computed on demand (it parses the page and runs the engines once more).

use super::comment_find::{self, Found};
use super::dom::{self, sel};
use super::{generic, meta, wp_comments, Page, ENGINES};
use crate::model::{Engine, Post};
use scraper::ElementRef;
use serde::Serialize;
use url::Url;

/// Where something was found: a CSS-like path and how many items it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub path: String,
    pub count: usize,
}

/// A part of the page that looked like comments but was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    pub path: String,
    pub reason: String,
    /// Comment-like items inside it.
    pub items: usize,
}

/// How a page was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    /// The engine that read the page.
    pub engine: Engine,
    /// Every engine whose detection recognised the page, in the order they are tried.
    pub detected: Vec<Engine>,
    /// Where the article text came from (`None`: no element, e.g. JSON-LD `articleBody`).
    pub article: Option<Place>,
    /// How the article was located.
    pub article_how: String,
    /// Comment lists: the element holding each run of top-level comments.
    pub comment_lists: Vec<Place>,
    /// Comments read (replies included).
    pub comments: usize,
    /// The count the page states ("12 Comments"), when it states one.
    pub stated_count: Option<u32>,
    pub skipped: Vec<Skip>,
    /// Other things worth knowing (count mismatches, comment pages, no comments).
    pub notes: Vec<String>,
}

/// Explains how `html` (the page at `url`) is read.
pub fn explain(html: &str, url: &Url) -> Explanation {
    let doc = super::parse(html);
    let page = Page::new(html, &doc, url, None);
    let detected: Vec<Engine> = ENGINES
        .iter()
        .filter(|e| (e.detect)(&page))
        .map(|e| e.engine)
        .collect();
    let (engine, mut post) = ENGINES
        .iter()
        .filter(|e| (e.detect)(&page))
        .find_map(|e| (e.extract)(&page).map(|p| (e.engine, p)))
        .unwrap_or_default();
    post.engine = engine;
    meta::fill_gaps(&mut post, &page);
    let (article, article_how) = article_place(engine, &page, &post);
    let scan = comment_find::scan(page.doc.root_element());
    let comment_lists = comment_lists(engine, &page, &scan.items);
    let mut skipped: Vec<Skip> = scan
        .skipped
        .iter()
        .take(20)
        .map(|s| Skip {
            path: path(s.el),
            reason: s.reason.to_string(),
            items: s.items,
        })
        .collect();
    for f in scan.items.iter().filter(|f| f.before_section).take(5) {
        skipped.push(Skip {
            path: path(f.el),
            reason: "styled as a comment but printed before the comments section".into(),
            items: 1,
        });
    }
    let notes = notes(&post, &comment_lists);
    Explanation {
        engine,
        detected,
        article,
        article_how,
        comment_lists,
        comments: post.comments.len(),
        stated_count: post.comment_count,
        skipped,
        notes,
    }
}

fn article_place(engine: Engine, page: &Page<'_>, post: &Post) -> (Option<Place>, String) {
    let root = page.doc.root_element();
    let blocks = post.blocks.len();
    let by = |s: Option<&scraper::Selector>, how: &str| {
        dom::first(root, s).map(|e| {
            (
                Some(Place {
                    path: path(e),
                    count: blocks,
                }),
                how.to_string(),
            )
        })
    };
    let own = match engine {
        Engine::WordPress => by(
            sel!(".entry-content, .wp-block-post-content, div.entry, .post-content, .post-body"),
            "the theme's post content element",
        ),
        Engine::Blogger => by(sel!(".post-body"), "Blogger's .post-body"),
        Engine::Microformats => by(sel!(".h-entry .e-content"), "microformats e-content"),
        Engine::JsonLd => Some((None, "JSON-LD articleBody".to_string())),
        Engine::Generic => None,
    };
    own.unwrap_or_else(|| {
        let els = generic::article_elements(page);
        let place = els.first().map(|e| Place {
            path: path(*e),
            count: blocks,
        });
        let how = match els.len() {
            0 | 1 => "content scoring (readability-style)".to_string(),
            n => format!("content scoring (readability-style), {n} sibling elements"),
        };
        (place, how)
    })
}

/// The containers of top-level comments, with how many each holds (document order).
fn comment_lists(engine: Engine, page: &Page<'_>, items: &[Found<'_>]) -> Vec<Place> {
    let wp = wp_comments::comment_elements(page.doc.root_element());
    let tops: Vec<ElementRef<'_>> =
        if engine == Engine::WordPress && wp_comments::is_wordpress_list(&wp) {
            let set: dom::NodeSet = wp.iter().map(|e| e.id()).collect();
            // Top-level: no comment among the few nearest ancestors (lists nest li > ol > li).
            wp.iter()
                .copied()
                .filter(|e| !e.ancestors().take(8).any(|a| set.contains(&a.id())))
                .collect()
        } else {
            items
                .iter()
                .filter(|f| f.parent.is_none() && !f.before_section)
                .map(|f| f.el)
                .collect()
        };
    let mut out: Vec<(ego_tree::NodeId, Place)> = Vec::new();
    for el in tops {
        let Some(parent) = el.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if let Some((_, p)) = out.iter_mut().find(|(id, _)| *id == parent.id()) {
            p.count += 1;
        } else if out.len() < 20 {
            out.push((
                parent.id(),
                Place {
                    path: path(parent),
                    count: 1,
                },
            ));
        }
    }
    out.into_iter().map(|(_, p)| p).collect()
}

fn notes(post: &Post, lists: &[Place]) -> Vec<String> {
    let mut out = Vec::new();
    let n = post.comments.len();
    if let Some(stated) = post.comment_count {
        if usize::try_from(stated).is_ok_and(|s| s != n) {
            out.push(format!(
                "the page states {stated} comments; {n} are in this page's HTML"
            ));
        }
    }
    if !post.comment_pages.is_empty() {
        out.push(format!(
            "{} more comment page(s) linked; `parlor dump URL` follows them",
            post.comment_pages.len()
        ));
    }
    if n == 0 && lists.is_empty() {
        out.push("no comment markup found in the HTML".to_string());
    }
    let anonymous = post
        .comments
        .iter()
        .filter(|c| c.author == "Anonymous")
        .count();
    if anonymous > 0 {
        out.push(format!(
            "{anonymous} comment(s) show no name (read as \"Anonymous\")"
        ));
    }
    out
}

/// A short CSS-like path: `main#main > div.comments > ol.commentlist` (the last 5 steps).
pub fn path(el: ElementRef<'_>) -> String {
    let mut steps: Vec<String> = std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .take_while(|e| !matches!(e.value().name(), "html"))
        .take(6)
        .map(step)
        .collect();
    let cut = steps.len() > 5;
    steps.truncate(5);
    steps.reverse();
    let joined = steps.join(" > ");
    if cut {
        format!("… > {joined}")
    } else {
        joined
    }
}

fn step(e: ElementRef<'_>) -> String {
    let v = e.value();
    let mut s = v.name().to_string();
    if let Some(id) = v.id() {
        s.push('#');
        s.push_str(&super::sanitize::line(id));
    } else if let Some(c) = dom::classes(e).next() {
        s.push('.');
        s.push_str(&super::sanitize::line(c));
    }
    s.chars().take(60).collect()
}

impl Explanation {
    /// The explanation as text lines, for `dump --explain`.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let detected: Vec<String> = self.detected.iter().map(|e| format!("{e:?}")).collect();
        out.push_str(&format!(
            "engine: {:?} (recognised by: {})\n",
            self.engine,
            detected.join(", ")
        ));
        match &self.article {
            Some(p) => out.push_str(&format!(
                "article: {} ({} blocks; {})\n",
                p.path, p.count, self.article_how
            )),
            None => out.push_str(&format!("article: {}\n", self.article_how)),
        }
        let stated = self
            .stated_count
            .map(|n| format!(", the page states {n}"))
            .unwrap_or_default();
        out.push_str(&format!("comments: {} read{stated}\n", self.comments));
        for l in &self.comment_lists {
            out.push_str(&format!("  list: {} ({} top-level)\n", l.path, l.count));
        }
        for s in &self.skipped {
            out.push_str(&format!(
                "skipped: {}: {} ({} comment-like item(s))\n",
                s.path, s.reason, s.items
            ));
        }
        for n in &self.notes {
            out.push_str(&format!("note: {n}\n"));
        }
        out
    }
}
