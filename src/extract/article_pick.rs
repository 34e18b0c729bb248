//! Which element holds the article, for the generic engine: readability's choice among
//! scored candidates (the best, an ancestor it shares with close runners-up, a parent that
//! scores higher, qualifying siblings), and the page's own article markup (one
//! `.entry-content`, `[itemprop=articleBody]` …) when scoring picked something unrelated.

use super::dom::{self, sel, NodeSet};
use super::stats::{self, Flags, Stats};
use ego_tree::NodeId;
use scraper::ElementRef;
use std::collections::HashMap;

/// The best-scoring candidate.
pub(super) fn best_candidate<'a>(
    body: ElementRef<'a>,
    scores: &HashMap<NodeId, f64>,
    flags: Flags,
    comments: &NodeSet,
) -> Option<(ElementRef<'a>, f64)> {
    stats::visible_elements(body, flags, comments)
        .filter(|e| scores.contains_key(&e.id()))
        .fold(None, |acc, e| {
            let s = scores[&e.id()];
            match acc {
                Some((_, bs)) if bs >= s => acc,
                _ => Some((e, s)),
            }
        })
}

/// The top candidate (after climbing) and its qualifying siblings, in document order.
pub(super) fn choose<'a>(
    body: ElementRef<'a>,
    best: Option<(ElementRef<'a>, f64)>,
    scores: &HashMap<NodeId, f64>,
    st: &HashMap<NodeId, Stats>,
    flags: Flags,
    comments: &NodeSet,
) -> Vec<ElementRef<'a>> {
    let Some((mut top, top_score)) = best else {
        return vec![body];
    };
    top = shared_ancestor(top, top_score, body, scores, flags, comments).unwrap_or(top);
    top = climb(top, top_score, body, scores);
    let top_score = scores.get(&top.id()).copied().unwrap_or(top_score);
    let Some(parent) = top.parent().and_then(ElementRef::wrap) else {
        return vec![top];
    };
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = top.value().attr("class").unwrap_or("");
    parent
        .child_elements()
        .filter(|sib| {
            if sib.id() == top.id() {
                return true;
            }
            let bonus = if !top_class.is_empty() && sib.value().attr("class") == Some(top_class) {
                top_score * 0.2
            } else {
                0.0
            };
            if scores
                .get(&sib.id())
                .is_some_and(|s| s + bonus >= threshold)
            {
                return true;
            }
            let Some(s) = st.get(&sib.id()) else {
                return false;
            };
            sib.value().name() == "p" && {
                let ld = s.link_density();
                (s.text > 80 && ld < 0.25)
                    || (s.text > 0 && s.text <= 80 && ld == 0.0 && s.ends_sentence)
            }
        })
        .collect()
}

/// Readability's "alternative candidates": when at least 3 of the next 4 best candidates
/// score ≥ 75 % of the top and share an ancestor with it, that ancestor is the article.
fn shared_ancestor<'a>(
    top: ElementRef<'a>,
    top_score: f64,
    body: ElementRef<'a>,
    scores: &HashMap<NodeId, f64>,
    flags: Flags,
    comments: &NodeSet,
) -> Option<ElementRef<'a>> {
    let mut ranked: Vec<(ElementRef<'a>, f64)> = stats::visible_elements(body, flags, comments)
        .filter_map(|e| scores.get(&e.id()).map(|s| (e, *s)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let alternates: Vec<ElementRef<'a>> = ranked
        .iter()
        .filter(|(e, _)| e.id() != top.id())
        .take(4)
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= 0.75)
        .map(|(e, _)| *e)
        .collect();
    if alternates.len() < 3 {
        return None;
    }
    // How many alternates sit under each node: each alternate's ancestors are walked once,
    // so the cost is linear in the depth, not its square.
    let mut under: HashMap<NodeId, u8> = HashMap::new();
    for alt in &alternates {
        for a in alt.ancestors() {
            *under.entry(a.id()).or_default() += 1;
        }
    }
    top.ancestors()
        .filter_map(ElementRef::wrap)
        .take_while(|a| a.id() != body.id())
        .find(|anc| under.get(&anc.id()).is_some_and(|n| *n >= 3))
}

/// Moves up to an ancestor shared by several strong candidates, or one that scores higher.
fn climb<'a>(
    top: ElementRef<'a>,
    top_score: f64,
    body: ElementRef<'a>,
    scores: &HashMap<NodeId, f64>,
) -> ElementRef<'a> {
    let mut last = top_score;
    let threshold = top_score / 3.0;
    let mut cur = top;
    for anc in top.ancestors().filter_map(ElementRef::wrap) {
        if anc.id() == body.id() {
            break;
        }
        let Some(&s) = scores.get(&anc.id()) else {
            continue;
        };
        if s < threshold {
            break;
        }
        if s > last {
            cur = anc;
            break;
        }
        last = s;
    }
    // An only child says nothing about boundaries: use the parent.
    while let Some(p) = cur.parent().and_then(ElementRef::wrap) {
        if p.id() == body.id() || p.child_elements().count() != 1 {
            break;
        }
        cur = p;
    }
    cur
}

/// The one element the page marks as its article body (`.entry-content`, `.post-content`,
/// `.post-body`, `.entry-body`, `.article-content`, `.e-content`, `[itemprop=articleBody]`),
/// outside the comments; `None` when there is none or several (a listing, comments that reuse
/// the class).
pub(super) fn marked_body<'a>(body: ElementRef<'a>, comments: &NodeSet) -> Option<ElementRef<'a>> {
    let found = dom::all(
        body,
        sel!(".entry-content, .post-content, .post-body, .entry-body, .article-content, .e-content, [itemprop~=articleBody]"),
    );
    if found.len() > 50 {
        return None;
    }
    let ids: NodeSet = found.iter().map(|e| e.id()).collect();
    let mut outer = found.into_iter().filter(|e| {
        !e.ancestors()
            .any(|a| ids.contains(&a.id()) || comments.contains(&a.id()))
            && !comments.contains(&e.id())
    });
    let one = outer.next()?;
    outer.next().is_none().then_some(one)
}

/// Whether `marked` is one of `chosen`, holds one, or lies inside one.
pub(super) fn related(chosen: &[ElementRef<'_>], marked: ElementRef<'_>) -> bool {
    let above: NodeSet = std::iter::once(*marked)
        .chain(marked.ancestors())
        .map(|n| n.id())
        .collect();
    // Each chosen element's ancestors are walked once; the parser caps the depth.
    chosen.iter().any(|c| above.contains(&c.id()))
        || chosen
            .iter()
            .any(|c| c.ancestors().any(|a| a.id() == marked.id()))
}
