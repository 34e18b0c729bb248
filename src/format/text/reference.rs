//! The plain text writer as it was before the single-buffer rewrite, kept for tests only: the
//! identity tests format generated posts with both and compare.

use crate::format::{
    author_or_anonymous, byline, comment_date, comment_marks, comments_heading, Part,
};
use crate::model::{Block, Inline, Post};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Narrowest column text is wrapped to.
const MIN_WIDTH: usize = 10;

/// Link targets numbered in order of first appearance.
#[derive(Default)]
struct Links {
    hrefs: Vec<String>,
    /// href → its number (a map: numbering stays linear on pages with thousands of links).
    numbers: std::collections::HashMap<String, usize>,
    /// How deep in quotes and lists the renderer is (hostile nesting stops at MAX_NEST).
    nest: usize,
}

impl Links {
    fn number(&mut self, href: &str) -> usize {
        if let Some(&n) = self.numbers.get(href) {
            return n;
        }
        self.hrefs.push(href.to_string());
        self.numbers.insert(href.to_string(), self.hrefs.len());
        self.hrefs.len()
    }

    /// "[n] href" lines for the links numbered from index `from` on.
    fn list_from(&self, from: usize, title: &str, out: &mut Vec<String>) {
        if self.hrefs.len() > from {
            out.push(String::new());
            out.push(title.to_string());
            for (i, href) in self.hrefs.iter().enumerate().skip(from) {
                out.push(format!("[{}] {href}", i + 1));
            }
        }
    }
}

/// The post as plain text wrapped to `width` columns (see [`Part`] for what is included).
pub fn to_text(post: &Post, part: Part, width: usize) -> String {
    let width = width.max(MIN_WIDTH * 2);
    let mut out: Vec<String> = Vec::new();
    let mut links = Links::default();
    if part.article() {
        article(post, width, &mut links, &mut out);
    }
    if part.comments() {
        if !out.is_empty() {
            out.push(String::new());
        }
        comments(post, width, &mut links, &mut out);
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Title (underlined), byline, body, and the article's link list.
fn article(post: &Post, width: usize, links: &mut Links, out: &mut Vec<String>) {
    let title = if post.title.is_empty() {
        "(untitled)"
    } else {
        &post.title
    };
    let title_lines = wrap(title, width);
    let underline = title_lines.iter().map(|l| l.width()).max().unwrap_or(0);
    out.extend(title_lines);
    out.push("=".repeat(underline));
    if let Some(by) = byline(post) {
        out.extend(wrap(&by, width));
    }
    let body = blocks(&post.blocks, width, links, false);
    if !body.is_empty() {
        out.push(String::new());
        out.extend(body);
    }
    links.list_from(0, "Links:", out);
}

/// "N comments", each comment under its header and indented by depth, then the new links.
fn comments(post: &Post, width: usize, links: &mut Links, out: &mut Vec<String>) {
    let first_comment_link = links.hrefs.len();
    out.push(comments_heading(post));
    for c in &post.comments {
        let indent = (usize::from(c.depth) * 2).min(width / 2);
        let inner = (width - indent).max(MIN_WIDTH);
        let pad = " ".repeat(indent);
        let mut header = format!("{}{}", author_or_anonymous(c), comment_marks(c));
        if let Some(date) = comment_date(c) {
            header.push_str(" · ");
            header.push_str(&date);
        }
        out.push(String::new());
        let body = blocks(&c.blocks, inner, links, false);
        for line in wrap(&header, inner).into_iter().chain(body) {
            out.push(if line.is_empty() {
                line
            } else {
                format!("{pad}{line}")
            });
        }
    }
    links.list_from(first_comment_link, "Links in comments:", out);
}

/// Blocks as lines; blank lines between blocks unless `tight` (list items).
fn blocks(blocks: &[Block], width: usize, links: &mut Links, tight: bool) -> Vec<String> {
    if links.nest >= crate::format::MAX_NEST {
        return vec!["[…]".to_string()];
    }
    links.nest += 1;
    let out = blocks_inner(blocks, width, links, tight);
    links.nest -= 1;
    out
}

fn blocks_inner(blocks: &[Block], width: usize, links: &mut Links, tight: bool) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        let lines = block(b, width, links);
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() && !tight {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

fn block(b: &Block, width: usize, links: &mut Links) -> Vec<String> {
    match b {
        Block::Heading { level, content } => {
            let mut lines = wrap_inline(content, width, links);
            if *level <= 2 && !lines.is_empty() {
                let w = lines.iter().map(|l| l.width()).max().unwrap_or(0);
                lines.push("-".repeat(w));
            }
            lines
        }
        Block::Paragraph { content } => wrap_inline(content, width, links),
        Block::List { ordered, items } => list(*ordered, items, width, links),
        Block::Quote { blocks: inner } => {
            blocks(inner, width.saturating_sub(2).max(MIN_WIDTH), links, false)
                .into_iter()
                .map(|l| {
                    if l.is_empty() {
                        "│".to_string()
                    } else {
                        format!("│ {l}")
                    }
                })
                .collect()
        }
        Block::Code { text, .. } => text
            .trim_end_matches('\n')
            .split('\n')
            .map(|l| format!("    {l}").trim_end().to_string())
            .collect(),
        Block::Image { alt, .. } if alt.is_empty() => vec!["[image]".to_string()],
        Block::Image { alt, .. } => wrap(&format!("[image: {alt}]"), width),
        Block::Rule => vec!["─".repeat(width.min(40))],
        Block::Table { header, rows } => table(*header, rows, links),
    }
}

fn list(ordered: bool, items: &[Vec<Block>], width: usize, links: &mut Links) -> Vec<String> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", i + 1)
        } else {
            "• ".to_string()
        };
        let mw = marker.width();
        let lines = blocks(item, width.saturating_sub(mw).max(MIN_WIDTH), links, true);
        if lines.is_empty() {
            out.push(marker.trim_end().to_string());
        }
        for (j, line) in lines.into_iter().enumerate() {
            if j == 0 {
                out.push(format!("{marker}{line}"));
            } else if line.is_empty() {
                out.push(line);
            } else {
                out.push(format!("{}{line}", " ".repeat(mw)));
            }
        }
    }
    out
}

fn table(header: bool, rows: &[Vec<Vec<Inline>>], links: &mut Links) -> Vec<String> {
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| inline_plain(c, links).replace('\n', " "))
            .collect();
        let line = cells.join(" | ");
        let w = line.width();
        out.push(line);
        if i == 0 && header {
            out.push("-".repeat(w));
        }
    }
    out
}

/// Inline content as wrapped lines; a `Break` starts a new line.
fn wrap_inline(content: &[Inline], width: usize, links: &mut Links) -> Vec<String> {
    let text = inline_plain(content, links);
    if text.trim().is_empty() {
        return Vec::new();
    }
    wrap(&text, width)
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for segment in text.split('\n') {
        let segment = segment.trim();
        if segment.is_empty() {
            out.push(String::new());
            continue;
        }
        // The writers share the plain-prose fast path (`plain_wrap_is_textwrap` checks
        // it against textwrap); this one wraps everything else whole, not in pieces.
        if !super::wrap::wrap_plain(segment, width, &mut out) {
            out.extend(
                textwrap::wrap(segment, width)
                    .into_iter()
                    .map(|l| l.trim_end().to_string()),
            );
        }
    }
    out
}

/// Plain ASCII prose: letters, digits, spaces, sentence punctuation and the `[n]` of numbered
/// links, none of which offers a line break of its own where they meet in such text (no
/// hyphens or slashes), so the only break opportunities are after spaces. The definition
/// `wrap::is_plain`'s tables were made from (checked byte by byte and pair by pair there).
pub(super) fn is_plain_prose(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b' ' | b'.' | b',' | b';' | b':' | b'!' | b'?' | b'[' | b']'
        )
}

/// False where two neighbours would change the line-break analysis of Unicode (UAX #14):
/// punctuation after a space ("Quoi ?") is glued to it, and a break may follow "?" or "!"
/// or come before "[" without a space.
pub(super) fn plain_pair(w: &[u8]) -> bool {
    !matches!(
        (w[0], w[1]),
        (b' ', b'.' | b',' | b';' | b':' | b'!' | b'?' | b']')
            | (b'[', b' ')
            | (b'!' | b'?', b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'[')
            | (b'.' | b',' | b';' | b':' | b']', b'[')
    )
}

/// Plain text of inline content; links become "text [n]".
fn inline_plain(content: &[Inline], links: &mut Links) -> String {
    let mut out = String::new();
    push_plain(content, links, &mut out);
    out
}

fn push_plain(content: &[Inline], links: &mut Links, out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emphasis { content } | Inline::Strong { content } => {
                push_plain(content, links, out)
            }
            Inline::Link { href, content } => {
                let before = out.len();
                push_plain(content, links, out);
                let n = links.number(href);
                if out.len() > before && !out.ends_with(' ') {
                    out.push(' ');
                }
                let _ = write!(out, "[{n}]");
            }
            Inline::Break => out.push('\n'),
        }
    }
}
