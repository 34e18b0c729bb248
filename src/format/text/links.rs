//! Link numbers for the text writer: one pass over the post in writing order gives every link
//! its number (first appearance, article first), so parts of a thread can be written apart.

use crate::format::MAX_NEST;
use crate::model::{Block, Inline, Post};
use std::collections::HashMap;

/// Bytes a comment is assumed to add besides its text (blank line, header, indent).
const COMMENT_OVERHEAD: usize = 64;

/// Every link's number, in the order the writer meets them.
pub(super) struct Numbering<'a> {
    /// Distinct targets: number n is `hrefs[n - 1]`.
    hrefs: Vec<&'a str>,
    /// href → its number (a map: numbering stays linear on pages with thousands of links).
    map: HashMap<&'a str, usize>,
    /// The number of each link, in writing order.
    pub seq: Vec<usize>,
    /// How many distinct targets the article has (numbers 1..=article_links).
    pub article_links: usize,
    /// For each comment, the index in `seq` of its first link.
    pub starts: Vec<usize>,
    /// For each comment, the text bytes of the thread up to and including it (for splitting
    /// the thread into halves of similar size).
    pub ends: Vec<usize>,
}

impl<'a> Numbering<'a> {
    /// Numbers the article's links (if `article`), then the comments' (if `comments`), the
    /// order and the nesting cut-off of the writer.
    pub fn new(post: &'a Post, article: bool, comments: bool) -> Self {
        let mut n = Numbering {
            hrefs: Vec::new(),
            map: HashMap::new(),
            seq: Vec::new(),
            article_links: 0,
            starts: Vec::new(),
            ends: Vec::new(),
        };
        let mut bytes = 0;
        if article {
            n.blocks(&post.blocks, 0, &mut bytes);
        }
        n.article_links = n.hrefs.len();
        if comments {
            n.starts.reserve(post.comments.len());
            n.ends.reserve(post.comments.len());
            let mut bytes = 0;
            for c in &post.comments {
                n.starts.push(n.seq.len());
                bytes += COMMENT_OVERHEAD + c.author.len();
                n.blocks(&c.blocks, 0, &mut bytes);
                n.ends.push(bytes);
            }
        }
        n
    }

    /// The thread's text bytes from comment `from` to comment `to` (exclusive).
    pub fn weight(&self, from: usize, to: usize) -> usize {
        let end = |i: usize| if i == 0 { 0 } else { self.ends[i - 1] };
        end(to).saturating_sub(end(from))
    }

    /// The first comment of the thread's second half by size.
    pub fn half(&self) -> usize {
        let total = self.ends.last().copied().unwrap_or(0);
        self.ends.partition_point(|&e| e < total / 2) + 1
    }

    /// Writes the "title" and "[n] href" lines for numbers `from + 1..=to` (nothing when
    /// there are none), after a blank line.
    pub fn list(&self, from: usize, to: usize, title: &str, out: &mut String) {
        if to <= from {
            return;
        }
        out.push('\n');
        out.push_str(title);
        out.push('\n');
        for (i, href) in self.hrefs.iter().enumerate().take(to).skip(from) {
            out.push('[');
            super::push_number(out, i + 1);
            out.push_str("] ");
            out.push_str(href);
            out.push('\n');
        }
    }

    /// Distinct targets numbered so far.
    pub fn count(&self) -> usize {
        self.hrefs.len()
    }

    fn number(&mut self, href: &'a str) {
        let next = self.hrefs.len() + 1;
        let n = *self.map.entry(href).or_insert(next);
        if n == next {
            self.hrefs.push(href);
        }
        self.seq.push(n);
    }

    fn blocks(&mut self, blocks: &'a [Block], nest: usize, bytes: &mut usize) {
        if nest >= MAX_NEST {
            return;
        }
        for b in blocks {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content } => {
                    self.inlines(content, bytes)
                }
                Block::List { items, .. } => {
                    for item in items {
                        self.blocks(item, nest + 1, bytes);
                    }
                }
                Block::Quote { blocks: inner } => self.blocks(inner, nest + 1, bytes),
                Block::Table { rows, .. } => {
                    for cell in rows.iter().flatten() {
                        self.inlines(cell, bytes);
                    }
                }
                Block::Code { text, .. } => *bytes += text.len(),
                Block::Image { alt, .. } => *bytes += alt.len(),
                Block::Rule => {}
            }
        }
    }

    fn inlines(&mut self, content: &'a [Inline], bytes: &mut usize) {
        for inline in content {
            match inline {
                Inline::Text { text } | Inline::Code { text } => *bytes += text.len(),
                Inline::Emphasis { content } | Inline::Strong { content } => {
                    self.inlines(content, bytes)
                }
                Inline::Link { href, content } => {
                    self.inlines(content, bytes);
                    self.number(href);
                    *bytes += 4;
                }
                Inline::Break => {}
            }
        }
    }
}
