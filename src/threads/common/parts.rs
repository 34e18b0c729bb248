//! Service fields → `Comment` parts: HTML or plain bodies → blocks (through `extract`'s
//! walker and `sanitize`), names, links and dates, and the thread's pre-order with depth.

use super::{ANONYMOUS, DELETED, MAX_DEPTH};
use crate::extract::{blocks, sanitize};
use crate::model::{Block, Comment, Inline};
use chrono::{DateTime, SecondsFormat, TimeZone, Utc};
use std::collections::{HashMap, HashSet};
use url::Url;

/// HTML from the service (already sanitized by it, but untrusted here) → blocks, through the
/// same block walker and `sanitize` the page extractors use. Links resolve against `base`.
pub fn html_blocks(html: &str, base: &Url) -> Vec<Block> {
    let doc = crate::extract::parse_fragment(html);
    let skip = |_: scraper::ElementRef<'_>| false;
    let ctx = blocks::Ctx { base, skip: &skip };
    blocks::blocks_of(doc.root_element(), &ctx)
}

/// Plain text or markdown source → paragraphs (blank lines split them, single newlines become
/// line breaks), each line sanitized.
pub fn text_blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let mut content = Vec::new();
        for line in para.lines() {
            let line = sanitize::inline(line);
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if !content.is_empty() {
                content.push(Inline::Break);
            }
            content.push(Inline::Text {
                text: line.to_string(),
            });
        }
        if !content.is_empty() {
            out.push(Block::Paragraph { content });
        }
    }
    out
}

/// The body shown for a deleted comment.
pub fn deleted_blocks() -> Vec<Block> {
    vec![Block::Paragraph {
        content: vec![Inline::Text {
            text: DELETED.to_string(),
        }],
    }]
}

/// A display name: sanitized, or [`ANONYMOUS`] when empty.
pub fn author_name(name: Option<&str>) -> String {
    let n = name.map(sanitize::line).unwrap_or_default();
    if n.is_empty() {
        ANONYMOUS.to_string()
    } else {
        n
    }
}

/// An http(s) URL from the service, or `None`.
pub fn web_url(s: Option<&str>) -> Option<String> {
    let u = Url::parse(s?.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

/// A service timestamp as ISO 8601 UTC: RFC 3339 in, normalized out; other text is dropped.
pub fn iso(s: Option<&str>) -> Option<String> {
    let t = DateTime::parse_from_rfc3339(s?.trim()).ok()?;
    Some(
        t.with_timezone(&Utc)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

/// Epoch seconds (fractional allowed) as ISO 8601 UTC.
pub fn iso_from_epoch(secs: f64) -> Option<String> {
    if !secs.is_finite() {
        return None;
    }
    let t = Utc.timestamp_opt(secs.floor() as i64, 0).single()?;
    Some(t.to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// Orders comments into thread pre-order and sets `depth`, in linear time.
///
/// Input order is kept among siblings. A repeated id keeps its first copy. A comment whose
/// parent is missing, itself, or part of a parent cycle becomes top-level (its `parent` is
/// cleared so the tree stays consistent). Depth stops growing at [`MAX_DEPTH`].
pub fn thread_order(comments: Vec<Comment>) -> Vec<Comment> {
    let mut seen_ids: HashSet<String> = HashSet::with_capacity(comments.len());
    let mut items: Vec<Option<Comment>> = Vec::with_capacity(comments.len());
    for c in comments {
        if seen_ids.insert(c.id.clone()) {
            items.push(Some(c));
        }
    }
    let index: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((c.as_ref()?.id.clone(), i)))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut roots = Vec::new();
    for (i, c) in items.iter().enumerate() {
        let parent = c
            .as_ref()
            .and_then(|c| c.parent.as_deref())
            .and_then(|p| index.get(p).copied())
            .filter(|&p| p != i);
        match parent {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    let mut w = Walk {
        items,
        children,
        visited: Vec::new(),
        out: Vec::new(),
    };
    w.visited = vec![false; w.items.len()];
    w.out.reserve(w.items.len());
    for r in roots {
        w.walk(r);
    }
    // Whatever is left sits on a parent cycle: break it at the first comment in input order.
    for i in 0..w.items.len() {
        if !w.visited[i] {
            w.walk(i);
        }
    }
    w.out
}

struct Walk {
    items: Vec<Option<Comment>>,
    children: Vec<Vec<usize>>,
    visited: Vec<bool>,
    out: Vec<Comment>,
}

impl Walk {
    /// Pre-order from `start` with an explicit stack (no recursion: deep chains are fine).
    fn walk(&mut self, start: usize) {
        let mut stack = vec![(start, 0u16, true)];
        while let Some((i, depth, root)) = stack.pop() {
            if self.visited[i] {
                continue;
            }
            self.visited[i] = true;
            if let Some(mut c) = self.items[i].take() {
                c.depth = depth;
                if root {
                    c.parent = None;
                }
                self.out.push(c);
            }
            let next = depth.saturating_add(1).min(MAX_DEPTH);
            for &ch in self.children[i].iter().rev() {
                stack.push((ch, next, false));
            }
        }
    }
}

/// Deserializes `null` as the type's default: Go services send `null` for empty lists
/// (Remark42 answers `"comments": null` for a page without comments).
pub fn nullable<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}
