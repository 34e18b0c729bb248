//! Inline content (emphasis, links, code, breaks), images, tables and whitespace
//! normalisation for the block walker in `blocks`.

use super::blocks::{is_block_name, Builder, Ctx, MAX_DEPTH};
use super::{dom, sanitize};
use crate::model::{Block, Inline};
use scraper::{ElementRef, Node};

impl Builder<'_, '_> {
    pub(super) fn inline_children(&mut self, el: ElementRef<'_>, out: &mut Vec<Inline>) {
        for c in el.children() {
            match c.value() {
                Node::Text(t) if out.is_empty() && is_blank(t) => {}
                Node::Text(t) => {
                    let s = sanitize::inline(t);
                    if !s.is_empty() {
                        out.push(Inline::Text { text: s });
                    }
                }
                Node::Element(_) => {
                    if let Some(ce) = ElementRef::wrap(c) {
                        self.inline_element(ce, out);
                    }
                }
                _ => {}
            }
        }
    }

    pub(super) fn inline_element(&mut self, el: ElementRef<'_>, out: &mut Vec<Inline>) {
        if self.ctx.skips(el) {
            return;
        }
        if self.depth >= MAX_DEPTH {
            out.push(Inline::Text {
                text: sanitize::inline(&dom::raw_text(el)),
            });
            return;
        }
        self.depth += 1;
        self.inline_inner(el, out);
        self.depth -= 1;
    }

    fn inline_inner(&mut self, el: ElementRef<'_>, out: &mut Vec<Inline>) {
        let name = el.value().name();
        match name {
            "br" => out.push(Inline::Break),
            "em" | "i" | "cite" | "dfn" | "var" => {
                self.wrap(el, out, |content| Inline::Emphasis { content })
            }
            "strong" | "b" => self.wrap(el, out, |content| Inline::Strong { content }),
            "code" | "kbd" | "samp" | "tt" => {
                let text = sanitize::inline(&dom::raw_text(el));
                if !text.trim().is_empty() {
                    out.push(Inline::Code { text });
                }
            }
            "a" => {
                let href = dom::attr(el, "href").and_then(|h| dom::abs_url(self.ctx.base, h));
                match href {
                    Some(href) => self.wrap(el, out, |content| Inline::Link { href, content }),
                    None => self.inline_children(el, out),
                }
            }
            "img" => match image(el, self.ctx) {
                Some(Ok(block)) => self.pending.push(block),
                Some(Err(inline)) => out.push(inline),
                None => {}
            },
            "table" | "ul" | "ol" | "pre" | "blockquote" | "hr" | "figure" => {
                let blocks = self.sub_element(el);
                self.pending.extend(blocks);
            }
            _ if is_block_name(name) => {
                if !out.is_empty() {
                    out.push(Inline::Break);
                }
                self.inline_children(el, out);
                out.push(Inline::Break);
            }
            _ => self.inline_children(el, out),
        }
    }

    fn wrap(
        &mut self,
        el: ElementRef<'_>,
        out: &mut Vec<Inline>,
        make: impl FnOnce(Vec<Inline>) -> Inline,
    ) {
        let mut content = Vec::new();
        self.inline_children(el, &mut content);
        if !content.is_empty() {
            out.push(make(content));
        }
    }
}

/// True for text that is only HTML whitespace.
pub fn is_blank(t: &str) -> bool {
    t.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c))
}

/// `img` → an image block, or inline text for emoji/smiley images. None for nothing useful.
pub fn image(el: ElementRef<'_>, ctx: &Ctx<'_>) -> Option<Result<Block, Inline>> {
    let alt = sanitize::line(dom::attr(el, "alt").unwrap_or(""));
    if dom::has_class(el, "emoji") || dom::has_class(el, "wp-smiley") {
        return (!alt.is_empty()).then_some(Err(Inline::Text { text: alt }));
    }
    if dom::attr(el, "width") == Some("1") || dom::attr(el, "height") == Some("1") {
        return None;
    }
    let candidates = [
        "data-src",
        "data-lazy-src",
        "data-original",
        "data-srcset",
        "src",
        "srcset",
    ];
    let src = candidates
        .iter()
        .filter_map(|a| dom::attr(el, a))
        .map(|s| {
            if s.contains(", ") || s.contains(" 1x") || s.contains("w,") {
                s.split_whitespace().next().unwrap_or("")
            } else {
                s.trim()
            }
        })
        .find(|s| !s.is_empty() && !s.starts_with("data:"))
        .and_then(|s| dom::abs_url(ctx.base, s));
    if src.is_none() && alt.is_empty() {
        return None;
    }
    Some(Ok(Block::Image { alt, src }))
}

/// True when an inline element hides block content (a `span` or `a` around `div`s).
pub fn has_block_descendant(el: ElementRef<'_>) -> bool {
    el.descendent_elements()
        .skip(1)
        .any(|d| is_block_name(d.value().name()))
}

/// The line-number column syntax highlighters print beside code: Hexo's and Rouge's
/// `td.gutter`, Pygments' `td.linenos` / `.linenodiv`, Rouge's `pre.lineno`, Chroma's
/// `span.lnt`, highlight.js-line-numbers' `td.hljs-ln-numbers`, Prism's `.line-numbers-rows`.
pub fn is_line_numbers(el: ElementRef<'_>) -> bool {
    let name = el.value().name();
    dom::classes(el).any(|c| match c {
        "gutter" => name == "td",
        "linenos" | "linenodiv" | "lineno" | "lnt" | "hljs-ln-numbers" | "line-numbers-rows" => {
            matches!(name, "td" | "pre" | "span" | "div")
        }
        _ => false,
    })
}

/// A table used for layout: nested tables, `role=presentation`, or single-column rows.
pub fn is_layout_table(el: ElementRef<'_>) -> bool {
    if el.value().attr("role") == Some("presentation") {
        return true;
    }
    if el
        .descendent_elements()
        .skip(1)
        .any(|d| d.value().name() == "table")
    {
        return true;
    }
    let rows = rows_of(el);
    rows.len() <= 1 || rows.iter().all(|r| cells_of(*r).len() <= 1)
}

fn rows_of(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut rows = Vec::new();
    for c in table.child_elements() {
        match c.value().name() {
            "tr" => rows.push(c),
            "thead" | "tbody" | "tfoot" => {
                rows.extend(c.child_elements().filter(|r| r.value().name() == "tr"))
            }
            _ => {}
        }
    }
    rows
}

fn cells_of(row: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    row.child_elements()
        .filter(|c| matches!(c.value().name(), "td" | "th"))
        .collect()
}

/// Every cell of a table, row by row (for layout tables walked as containers).
pub fn table_cells(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut out = Vec::new();
    for c in table.child_elements() {
        match c.value().name() {
            "tr" => out.extend(cells_of(c)),
            "thead" | "tbody" | "tfoot" => {
                for r in c.child_elements().filter(|r| r.value().name() == "tr") {
                    out.extend(cells_of(r));
                }
            }
            "caption" => out.push(c),
            _ => {}
        }
    }
    out
}

/// A data table's rows of inline cells, and whether its first row is a header.
pub(super) fn table_rows(
    table: ElementRef<'_>,
    b: &mut Builder<'_, '_>,
) -> (bool, Vec<Vec<Vec<Inline>>>) {
    let rows = rows_of(table);
    let header = rows.first().is_some_and(|r| {
        r.parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| p.value().name() == "thead")
            || cells_of(*r).iter().all(|c| c.value().name() == "th")
    });
    let out = rows
        .into_iter()
        .map(|r| {
            cells_of(r)
                .into_iter()
                .map(|c| b.inline_content(c))
                .collect::<Vec<_>>()
        })
        .filter(|r: &Vec<Vec<Inline>>| r.iter().any(|c| !c.is_empty()))
        .collect();
    (header, out)
}

/// Splits a paragraph at two consecutive breaks (`<br><br>` separates paragraphs).
pub fn split_double_breaks(content: Vec<Inline>) -> Vec<Vec<Inline>> {
    let mut out = vec![Vec::new()];
    let mut last_break = false;
    for inline in content {
        let is_break = matches!(inline, Inline::Break);
        if is_break && last_break {
            if let Some(cur) = out.last_mut() {
                cur.pop();
            }
            out.push(Vec::new());
            last_break = false;
            continue;
        }
        last_break = is_break;
        if let Some(cur) = out.last_mut() {
            cur.push(inline);
        }
    }
    out.into_iter()
        .map(|mut p| {
            trim_breaks(&mut p);
            p
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn trim_breaks(v: &mut Vec<Inline>) {
    while matches!(v.last(), Some(Inline::Break)) {
        v.pop();
    }
    let lead = v.iter().take_while(|i| matches!(i, Inline::Break)).count();
    v.drain(..lead);
}

/// Browser-like whitespace: no space at the start, end or around breaks, never two in a
/// row across element boundaries; empty elements removed.
pub fn normalize(v: &mut Vec<Inline>) {
    let mut last_space = true;
    forward(v, &mut last_space);
    let mut trim = true;
    backward(v, &mut trim);
    prune(v);
    trim_breaks(v);
}

fn forward(v: &mut [Inline], last_space: &mut bool) {
    for i in v.iter_mut() {
        match i {
            Inline::Text { text } => {
                if *last_space && text.starts_with(' ') {
                    text.remove(0);
                }
                if !text.is_empty() {
                    *last_space = text.ends_with(' ');
                }
            }
            Inline::Break => *last_space = true,
            Inline::Code { .. } => *last_space = false,
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => forward(content, last_space),
        }
    }
}

fn backward(v: &mut [Inline], trim: &mut bool) {
    for i in v.iter_mut().rev() {
        match i {
            Inline::Text { text } => {
                if *trim {
                    let t = text.trim_end_matches(' ').len();
                    text.truncate(t);
                }
                if !text.is_empty() {
                    *trim = false;
                }
            }
            Inline::Break => *trim = true,
            Inline::Code { .. } => *trim = false,
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => backward(content, trim),
        }
    }
}

fn prune(v: &mut Vec<Inline>) {
    let mut merged: Vec<Inline> = Vec::with_capacity(v.len());
    for i in v.drain(..) {
        match (merged.last_mut(), i) {
            (Some(Inline::Text { text: a }), Inline::Text { text: b }) => a.push_str(&b),
            (_, i) => merged.push(i),
        }
    }
    *v = merged;
    v.retain_mut(|i| match i {
        Inline::Text { text } => !text.is_empty(),
        Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Link { content, .. } => {
            prune(content);
            !content.is_empty()
        }
        _ => true,
    });
}
