//! Generic engine: the main article by readability-style content scoring, title/author/date
//! from metadata, and heuristic comment lists (`generic_comments`).
//!
//! Scoring: every paragraph-like element with ≥ 25 characters scores 1 + commas +
//! min(len/100, 3); the score goes to its parent, half to the grandparent, and a third per
//! level further up (5 levels). Candidates start with a tag bonus and a ±25 class/id weight;
//! final score × (1 − link density). When ≥ 3 of the next best candidates score ≥ 75 % of
//! the best and share an ancestor with it, that ancestor wins; the winner may climb to a
//! parent that scores higher, then takes in qualifying siblings. Output skips unlikely,
//! hidden and link-heavy parts (readability's conditional cleaning). A result under 500
//! characters is retried with unlikely-stripping, then class weights, then conditional
//! cleaning turned off; the longest result wins.

use super::article_pick;
use super::blocks::{self, Ctx};
use super::dom::{self, sel, NodeSet};
use super::generic_comments;
use super::stats::{self, Flags, Stats};
use super::{meta, Page};
use crate::model::{Block, Post};
use ego_tree::NodeId;
use scraper::ElementRef;
use std::collections::HashMap;

/// Generic extraction: always answers.
pub fn extract(page: &Page<'_>) -> Option<Post> {
    let (comments, read) = generic_comments::extract_marked(page);
    let mut post = article_without(page, &read);
    post.comments = comments;
    Some(post)
}

/// The article (title, author, date, blocks) of any page; comments found by structure are
/// not the article.
pub fn article(page: &Page<'_>) -> Post {
    article_without(page, &comment_marks(page))
}

/// The article without the comments read from `comments` (a forum thread's replies, a
/// comment list inside the post's container): the comments neither score as the article nor
/// swell it.
pub fn article_without(page: &Page<'_>, comments: &NodeSet) -> Post {
    let root = page.doc.root_element();
    let title = title(page);
    let (_, blocks) = best_pass(page, &title, &with_bodies(page, comments));
    Post {
        title,
        author: byline(root),
        published: published(root),
        blocks,
        ..Post::default()
    }
}

/// The elements the article was read from (for `dump --explain`).
pub fn article_elements<'a>(page: &Page<'a>) -> Vec<ElementRef<'a>> {
    best_pass(page, &title(page), &with_bodies(page, &comment_marks(page))).0
}

/// The comment elements a structural scan finds (a forum's opening post is not one).
fn comment_marks(page: &Page<'_>) -> NodeSet {
    super::comment_find::scan(page.doc.root_element())
        .items
        .iter()
        .filter(|f| !f.before_section)
        .map(|f| f.el.id())
        .collect()
}

/// `comments` and what each comment's markup puts right after it: the `<dd>` after a `<dt>`
/// (a `<dl>` list: header in the `<dt>`, text in the `<dd>`), and a short "Posted by: NAME at
/// DATE" footer (Movable Type's classic `div#c41` + `p.posted`).
fn with_bodies(page: &Page<'_>, comments: &NodeSet) -> NodeSet {
    let mut out = comments.clone();
    for id in comments {
        let Some(el) = page.doc.tree.get(*id).and_then(ElementRef::wrap) else {
            continue;
        };
        let Some(next) = el.next_siblings().find_map(ElementRef::wrap) else {
            continue;
        };
        if comments.contains(&next.id()) {
            continue;
        }
        let dd = el.value().name() == "dt" && next.value().name() == "dd";
        if dd || comment_footer(next) {
            out.insert(next.id());
        }
    }
    out
}

/// A short line of a comment's author and date after it ("Posted by: Matteo at October 15,
/// 2005 12:58 PM", `p.comment-footer`).
fn comment_footer(el: ElementRef<'_>) -> bool {
    if el.children().count() > 16 {
        return false;
    }
    let text: String = el.text().take(16).collect();
    let t = text.trim_start().to_lowercase();
    t.chars().count() <= 200
        && (t.starts_with("posted by")
            || t.starts_with("comment by")
            || t.starts_with("投稿者")
            || dom::classes(el).any(|c| {
                matches!(
                    c,
                    "posted" | "comment-footer" | "comments-post" | "comment-meta"
                )
            }))
}

/// Characters of text a short result needs to be kept over a retry that merely wraps it.
const MIN_KEPT: usize = 140;

/// Whether every element of `inner` lies strictly inside one of `outer` (a set of the outer
/// elements; each inner element's ancestors walked once, depth is capped by the parser).
fn wraps(outer: &[ElementRef<'_>], inner: &[ElementRef<'_>]) -> bool {
    let outer: NodeSet = outer.iter().map(|o| o.id()).collect();
    !inner.is_empty()
        && inner
            .iter()
            .all(|e| e.ancestors().any(|a| outer.contains(&a.id())))
}

/// Like readability: a short result (< 500 characters) is retried with fewer filters; the
/// longest result wins.
fn best_pass<'a>(
    page: &Page<'a>,
    title: &str,
    comments: &NodeSet,
) -> (Vec<ElementRef<'a>>, Vec<Block>) {
    let root = page.doc.root_element();
    let body = dom::first(root, sel!("body")).unwrap_or(root);
    let st = stats::compute(body);
    let mut best: (usize, Vec<ElementRef<'a>>, Vec<Block>) = (0, Vec::new(), Vec::new());
    for flags in Flags::PASSES {
        let (chosen, blocks) = pass(page, body, &st, title, flags, comments);
        let len = crate::model::blocks_text(&blocks).len();
        // A retry that only adds the page around the article found before (its date header,
        // trackbacks, navigation: what the stricter pass left out on purpose) is no better.
        let around = best.0 >= MIN_KEPT && wraps(&chosen, &best.1);
        if (len > best.0 && !around) || best.2.is_empty() {
            best = (len, chosen, blocks);
        }
        if best.0 >= 500 {
            break;
        }
    }
    // Scoring picked something apart from the body the page marks as its article (a blog's
    // tagline beside a short post of links): the markup wins.
    if let Some(marked) = article_pick::marked_body(body, comments) {
        if !article_pick::related(&best.1, marked) {
            let blocks = render(page, &st, title, Flags::PASSES[0], comments, &[marked]);
            if !blocks.is_empty() {
                return (vec![marked], blocks);
            }
        }
    }
    (best.1, best.2)
}

/// One scoring + cleaning pass with the given filters.
fn pass<'a>(
    page: &Page<'_>,
    body: ElementRef<'a>,
    st: &HashMap<NodeId, Stats>,
    title: &str,
    flags: Flags,
    comments: &NodeSet,
) -> (Vec<ElementRef<'a>>, Vec<Block>) {
    let scores = score(body, st, flags, comments);
    let best = article_pick::best_candidate(body, &scores, flags, comments);
    let chosen = article_pick::choose(body, best, &scores, st, flags, comments);
    let blocks = render(page, st, title, flags, comments, &chosen);
    (chosen, blocks)
}

/// The blocks of the chosen elements, cleaned as `flags` say (the chosen elements themselves
/// are never cleaned away, only what is inside them).
fn render(
    page: &Page<'_>,
    st: &HashMap<NodeId, Stats>,
    title: &str,
    flags: Flags,
    comments: &NodeSet,
    chosen: &[ElementRef<'_>],
) -> Vec<Block> {
    let top = chosen.iter().map(|e| e.id()).collect::<Vec<_>>();
    let article_text = chosen
        .iter()
        .filter_map(|e| st.get(&e.id()))
        .map(|s| s.text)
        .sum::<usize>();
    let skip = |e: ElementRef<'_>| {
        !top.contains(&e.id())
            && (comments.contains(&e.id()) || stats::should_drop(e, st, title, flags, article_text))
    };
    let ctx = Ctx {
        base: &page.base,
        skip: &skip,
    };
    chosen
        .iter()
        .flat_map(|el| blocks::blocks_of_element(*el, &ctx))
        .collect()
}

fn title(page: &Page<'_>) -> String {
    let root = page.doc.root_element();
    if let Some(t) = meta::title_in_page(page) {
        return t;
    }
    if let Some(t) = dom::meta(root, &["og:title", "twitter:title"]) {
        return t;
    }
    let head = dom::first(dom::head(root), sel!("title"))
        .map(dom::text)
        .unwrap_or_default();
    let h1s = dom::all(root, sel!("h1"));
    if let [h1] = h1s.as_slice() {
        let h = dom::text(*h1);
        if !h.is_empty() && (head.is_empty() || head.contains(&h)) {
            return h;
        }
    }
    meta::strip_site_suffix(&head)
}

/// Page metadata first, else the first `time[datetime]` outside comment-like containers.
fn published(root: ElementRef<'_>) -> Option<String> {
    dom::meta(root, &["article:published_time", "datePublished"]).or_else(|| {
        dom::all(root, sel!("time[datetime]"))
            .into_iter()
            .find(|t| {
                !t.ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| dom::id_class(a).contains("comment"))
            })
            .and_then(|t| dom::attr(t, "datetime"))
            .map(super::sanitize::line)
    })
}

fn byline(root: ElementRef<'_>) -> Option<String> {
    dom::first(root, sel!("[rel~=author], [itemprop~=author] [itemprop~=name], .byline .author, .author .fn, .p-author, [class*=byline]"))
        .map(dom::text)
        .map(|t| t.trim_start_matches("By ").trim_start_matches("by ").to_string())
        .filter(|t| !t.is_empty() && t.len() < 100)
}

/// Readability-style scores of candidate containers.
fn score(
    body: ElementRef<'_>,
    st: &HashMap<NodeId, Stats>,
    flags: Flags,
    comments: &NodeSet,
) -> HashMap<NodeId, f64> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for el in stats::visible_elements(body, flags, comments) {
        let name = el.value().name();
        let Some(s) = st.get(&el.id()) else { continue };
        let paragraph_like = matches!(name, "p" | "pre" | "td")
            || (matches!(name, "div" | "section" | "article") && s.direct_text >= 25);
        if !paragraph_like {
            continue;
        }
        let len = if matches!(name, "p" | "pre" | "td") {
            s.text
        } else {
            s.direct_text
        };
        if len < 25 {
            continue;
        }
        let points = 1.0 + s.commas as f64 + (len as f64 / 100.0).min(3.0);
        for (level, anc) in el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take(5)
            .enumerate()
        {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            let entry = scores
                .entry(anc.id())
                .or_insert_with(|| stats::initial_score(anc, flags));
            *entry += points / divider;
        }
    }
    for (id, sc) in scores.iter_mut() {
        if let Some(s) = st.get(id) {
            *sc *= 1.0 - s.link_density();
        }
    }
    scores
}
