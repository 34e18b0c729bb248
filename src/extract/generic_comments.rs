//! Comments by structure, for every engine that has no markup of its own (and WordPress
//! themes its walker does not know): [`comment_find`] finds the elements in one walk,
//! [`comment_read`] reads each. Nesting comes from the DOM (a comment inside a comment is its
//! reply); a flat list whose items carry `depth-N` classes nests by those.

use super::comment_anchors;
use super::comment_find::{self, Found};
use super::dom::NodeSet;
use super::{comment_read, Page};
use crate::model::Comment;
use ego_tree::NodeId;
use scraper::ElementRef;
use std::collections::HashSet;

/// Comments found by structure, and the elements they were read from (the article leaves
/// them out).
pub fn extract_marked(page: &Page<'_>) -> (Vec<Comment>, NodeSet) {
    let scan = comment_find::scan(page.doc.root_element());
    let (comments, read) = read_marked(&scan.items, page);
    if comments.is_empty() {
        // No element per comment: anchors and "Posted by" lines delimit them.
        return comment_anchors::extract(page);
    }
    (comments, read)
}

/// Reads found elements into a thread, in document order; also says which were read.
fn read_marked(items: &[Found<'_>], page: &Page<'_>) -> (Vec<Comment>, NodeSet) {
    let set: HashSet<NodeId> = items.iter().map(|f| f.el.id()).collect();
    let nested = |e: ElementRef<'_>| set.contains(&e.id());
    // Index in `out` of each item that was read (None: skipped as empty).
    let mut slot: Vec<Option<usize>> = Vec::with_capacity(items.len());
    let mut out: Vec<Comment> = Vec::new();
    let mut depth_of: Vec<Option<u16>> = Vec::new();
    for (i, f) in items.iter().enumerate() {
        if f.before_section {
            slot.push(None);
            continue;
        }
        let own = comment_read::own_elements(f.el, &nested);
        let Some(mut c) = comment_read::read(f.el, &own, page, &nested) else {
            slot.push(None);
            continue;
        };
        if c.id.is_empty() {
            c.id = format!("c{i}");
        }
        // The nearest read ancestor is the parent.
        let mut p = f.parent;
        let parent = loop {
            match p {
                None => break None,
                Some(k) => match slot.get(k).copied().flatten() {
                    Some(j) => break Some(j),
                    None => p = items.get(k).and_then(|x| x.parent),
                },
            }
        };
        // The DOM first; else a header's "replied to" link to an earlier comment.
        let parent = parent.or_else(|| {
            let want = c.parent.as_deref()?;
            out.iter()
                .rposition(|o| o.id == want || o.id.ends_with(want))
        });
        c.parent = None;
        if let Some(j) = parent {
            c.parent = Some(out[j].id.clone());
            c.depth = out[j].depth.saturating_add(1);
        }
        slot.push(Some(out.len()));
        depth_of.push(depth_class(f.el).or_else(|| indent_px(f.el).map(|px| 1000 + px)));
        out.push(c);
    }
    dedupe_ids(&mut out);
    indent_levels(&mut depth_of);
    nest_by_depth_class(&mut out, &depth_of);
    let read: NodeSet = items
        .iter()
        .zip(&slot)
        .filter(|(_, s)| s.is_some())
        .map(|(f, _)| f.el.id())
        .collect();
    (out, read)
}

/// `depth-N` (WordPress and its imitators), 1-based.
fn depth_class(el: ElementRef<'_>) -> Option<u16> {
    super::dom::classes(el).find_map(|c| {
        [
            "depth-",
            "commentlevel_",
            "commentlevel-",
            "comment-level-",
            "comment--level-",
            "level-",
        ]
        .iter()
        .find_map(|p| c.strip_prefix(p))?
        .parse()
        .ok()
    })
}

/// An inline `padding-left`/`margin-left` in px (Serendipity indents replies by 20px a level).
fn indent_px(el: ElementRef<'_>) -> Option<u16> {
    let style = super::dom::attr(el, "style")?.to_ascii_lowercase();
    let at = style
        .find("padding-left:")
        .or_else(|| style.find("margin-left:"))?;
    let rest = style[at..].split_once(':')?.1.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Indentation (stored as 1000 + px) becomes a 1-based depth: the smallest step is a level.
fn indent_levels(depth_of: &mut [Option<u16>]) {
    let px = |d: &Option<u16>| d.filter(|v| *v >= 1000).map(|v| v - 1000);
    let step = depth_of.iter().filter_map(px).filter(|p| *p > 0).min();
    for d in depth_of.iter_mut() {
        if let Some(p) = px(d) {
            *d = Some(step.map_or(1, |s| p / s + 1));
        }
    }
}

/// A flat list (no DOM nesting at all) whose items say their depth: each item's parent is
/// the last earlier item one level up.
fn nest_by_depth_class(out: &mut [Comment], depth_of: &[Option<u16>]) {
    // 0-based schemes (`commentlevel-0`) count from 1 like WordPress's `depth-1`.
    let shift = u16::from(depth_of.contains(&Some(0)));
    let nested = depth_of
        .iter()
        .any(|d| d.is_some_and(|d| d + shift > 1 && d < 1000));
    if out.iter().any(|c| c.parent.is_some()) || !nested {
        return;
    }
    let shift = usize::from(shift);
    let mut last_at: Vec<String> = Vec::new();
    for (c, d) in out.iter_mut().zip(depth_of) {
        // An item without a depth in a list whose others have one is top-level.
        let d = d.map_or(1, |d| usize::from(d) + shift);
        if !(1..1000).contains(&d) {
            continue;
        }
        last_at.truncate(d - 1);
        if d >= 2 && last_at.len() == d - 1 {
            c.parent = last_at.last().cloned();
            c.depth = u16::try_from(d - 1).unwrap_or(u16::MAX);
        }
        last_at.push(c.id.clone());
    }
}

/// Ids must be unique in a thread: later duplicates get a suffix (parents follow the first).
fn dedupe_ids(out: &mut [Comment]) {
    let mut seen: HashSet<String> = HashSet::new();
    for c in out.iter_mut() {
        if !seen.insert(c.id.clone()) {
            let mut n = 2;
            while !seen.insert(format!("{}-{n}", c.id)) {
                n += 1;
            }
            c.id = format!("{}-{n}", c.id);
        }
    }
}
