//! Plain text output: wrapped article with numbered links, then the thread indented by depth.
//! Written into one buffer; links are numbered in a first pass, so a big thread is written in
//! two halves on two threads.

mod links;
mod thread;
mod wrap;

use super::{byline, comments_heading, Part};
use crate::model::{Block, Inline, Post};
use links::Numbering;
use unicode_width::UnicodeWidthStr;
#[cfg(test)]
use wrap::wrap_plain;
use wrap::{wrap, Lines};

/// Narrowest column text is wrapped to.
const MIN_WIDTH: usize = 10;

/// Threads with at least this many comments are written in two halves at once.
const PARALLEL_MIN: usize = 256;

/// The post as plain text wrapped to `width` columns (see [`Part`] for what is included).
pub fn to_text(post: &Post, part: Part, width: usize) -> String {
    to_text_with(post, part, width, PARALLEL_MIN)
}

/// [`to_text`], with threads of `parallel_min` comments or more written on two threads.
fn to_text_with(post: &Post, part: Part, width: usize, parallel_min: usize) -> String {
    let width = width.max(MIN_WIDTH * 2);
    let numbering = Numbering::new(post, part.article(), part.comments());
    let mut text = String::new();
    if part.article() {
        let mut w = Writer::new(text, &numbering.seq);
        article(post, width, &mut w);
        text = w.out;
        numbering.list(0, numbering.article_links, "Links:", &mut text);
    }
    if part.comments() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&comments_heading(post));
        text.push('\n');
        let n = post.comments.len();
        text.reserve(numbering.weight(0, n) * 5 / 4);
        let half = if n >= parallel_min.max(2) {
            numbering.half()
        } else {
            n
        };
        text = if half < n {
            thread::two_halves(post, width, &numbering, text, half)
        } else {
            thread::comments(post, width, &numbering, text, 0, n)
        };
        let count = numbering.count();
        numbering.list(
            numbering.article_links,
            count,
            "Links in comments:",
            &mut text,
        );
    }
    if text.is_empty() {
        text.push('\n');
    }
    text
}

/// Title (underlined), byline and body (the link list is the caller's).
fn article(post: &Post, width: usize, w: &mut Writer) {
    let title = if post.title.is_empty() {
        "(untitled)"
    } else {
        &post.title
    };
    w.measure = Some(0);
    w.wrap(title, width);
    let underline = w.measure.take().unwrap_or(0);
    w.line("", &"=".repeat(underline));
    if let Some(by) = byline(post) {
        w.wrap(&by, width);
    }
    let mark = w.out.len();
    w.line("", "");
    let before = w.out.len();
    w.blocks(&post.blocks, width, false);
    if w.out.len() == before {
        w.out.truncate(mark);
    }
}

/// What is put before each line written inside a comment, quote or list item.
enum Layer {
    /// A comment's indent (not before a blank line).
    Pad(usize),
    /// "│ " (a blank line becomes "│").
    Quote,
    /// A list item: its marker before the first line, as many spaces before the others.
    Item {
        marker: String,
        width: usize,
        first: bool,
    },
}

/// Writes lines into one buffer, each with the prefixes of the layers it is in.
struct Writer<'a> {
    out: String,
    layers: Vec<Layer>,
    /// The numbers of the links ahead, in writing order (see [`Numbering`]).
    numbers: std::slice::Iter<'a, usize>,
    /// How deep in quotes and lists the writer is (hostile nesting stops at MAX_NEST).
    nest: usize,
    /// The widest line written while `Some` (for underlines).
    measure: Option<usize>,
    /// Reused buffer for the plain text of a paragraph.
    scratch: String,
}

impl Lines for Writer<'_> {
    fn push_line(&mut self, line: &str) {
        self.line("", line);
    }
}

impl<'a> Writer<'a> {
    fn new(out: String, numbers: &'a [usize]) -> Self {
        Writer {
            out,
            layers: Vec::new(),
            numbers: numbers.iter(),
            nest: 0,
            measure: None,
            scratch: String::new(),
        }
    }

    /// Writes the line `head` + `text` with the layers' prefixes and a newline.
    fn line(&mut self, head: &str, text: &str) {
        if let Some(m) = &mut self.measure {
            *m = (*m).max(head.width() + text.width());
        }
        // The innermost layer that writes something before a blank line; those outside it
        // see a line that is no longer blank.
        let upto = if head.is_empty() && text.is_empty() {
            self.layers.iter().rposition(|l| match l {
                Layer::Pad(_) => false,
                Layer::Quote => true,
                Layer::Item { first, .. } => *first,
            })
        } else {
            Some(self.layers.len())
        };
        if let Some(upto) = upto {
            for (i, layer) in self.layers.iter().enumerate().take(upto + 1) {
                match layer {
                    Layer::Pad(n) => push_spaces(&mut self.out, *n),
                    Layer::Quote if i == upto => self.out.push('│'),
                    Layer::Quote => self.out.push_str("│ "),
                    Layer::Item {
                        marker,
                        first: true,
                        ..
                    } => self.out.push_str(marker),
                    Layer::Item { width, .. } => push_spaces(&mut self.out, *width),
                }
            }
        }
        self.out.push_str(head);
        self.out.push_str(text);
        self.out.push('\n');
        for layer in &mut self.layers {
            if let Layer::Item { first, .. } = layer {
                *first = false;
            }
        }
    }

    /// Blocks; blank lines between blocks unless `tight` (list items).
    fn blocks(&mut self, blocks: &[Block], width: usize, tight: bool) {
        if self.nest >= super::MAX_NEST {
            self.line("", "[…]");
            return;
        }
        self.nest += 1;
        let start = self.out.len();
        for b in blocks {
            let mark = self.out.len();
            if mark > start && !tight {
                self.line("", "");
            }
            let before = self.out.len();
            self.block(b, width);
            if self.out.len() == before {
                self.out.truncate(mark);
            }
        }
        self.nest -= 1;
    }

    fn block(&mut self, b: &Block, width: usize) {
        match b {
            Block::Heading { level, content } => {
                let underline = *level <= 2;
                if underline {
                    self.measure = Some(0);
                }
                let any = self.wrap_inline(content, width);
                if let Some(w) = self.measure.take() {
                    if any {
                        self.line("", &"-".repeat(w));
                    }
                }
            }
            Block::Paragraph { content } => {
                self.wrap_inline(content, width);
            }
            Block::List { ordered, items } => self.list(*ordered, items, width),
            Block::Quote { blocks: inner } => {
                self.layers.push(Layer::Quote);
                self.blocks(inner, width.saturating_sub(2).max(MIN_WIDTH), false);
                self.layers.pop();
            }
            Block::Code { text, .. } => {
                for l in text.trim_end_matches('\n').split('\n') {
                    let l = l.trim_end();
                    self.line(if l.is_empty() { "" } else { "    " }, l);
                }
            }
            Block::Image { alt, .. } if alt.is_empty() => self.line("", "[image]"),
            Block::Image { alt, .. } => self.wrap(&format!("[image: {alt}]"), width),
            Block::Rule => self.line("", &"─".repeat(width.min(40))),
            Block::Table { header, rows } => self.table(*header, rows),
        }
    }

    fn list(&mut self, ordered: bool, items: &[Vec<Block>], width: usize) {
        for (i, item) in items.iter().enumerate() {
            let marker = if ordered {
                format!("{}. ", i + 1)
            } else {
                "• ".to_string()
            };
            let mw = marker.width();
            self.layers.push(Layer::Item {
                marker,
                width: mw,
                first: true,
            });
            self.blocks(item, width.saturating_sub(mw).max(MIN_WIDTH), true);
            if let Some(Layer::Item {
                marker,
                first: true,
                ..
            }) = self.layers.pop()
            {
                self.line("", marker.trim_end());
            }
        }
    }

    fn table(&mut self, header: bool, rows: &[Vec<Vec<Inline>>]) {
        for (i, row) in rows.iter().enumerate() {
            let mut line = String::new();
            for (j, cell) in row.iter().enumerate() {
                if j > 0 {
                    line.push_str(" | ");
                }
                let start = line.len();
                self.push_plain(cell, &mut line);
                if line[start..].contains('\n') {
                    let cell = line.split_off(start).replace('\n', " ");
                    line.push_str(&cell);
                }
            }
            self.line("", &line);
            if i == 0 && header {
                self.line("", &"-".repeat(line.width()));
            }
        }
    }

    /// Inline content as wrapped lines (a `Break` starts a new line); false when it is blank
    /// (nothing written).
    fn wrap_inline(&mut self, content: &[Inline], width: usize) -> bool {
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        self.push_plain(content, &mut text);
        let any = !text.trim().is_empty();
        if any {
            self.wrap(&text, width);
        }
        self.scratch = text;
        any
    }

    fn wrap(&mut self, text: &str, width: usize) {
        wrap(text, width, self);
    }

    /// Plain text of inline content; links become "text [n]".
    fn push_plain(&mut self, content: &[Inline], out: &mut String) {
        for inline in content {
            match inline {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::Emphasis { content } | Inline::Strong { content } => {
                    self.push_plain(content, out)
                }
                Inline::Link { content, .. } => {
                    let before = out.len();
                    self.push_plain(content, out);
                    let n = self.numbers.next().copied().unwrap_or(0);
                    if out.len() > before && !out.ends_with(' ') {
                        out.push(' ');
                    }
                    out.push('[');
                    push_number(out, n);
                    out.push(']');
                }
                Inline::Break => out.push('\n'),
            }
        }
    }
}

/// `n` spaces.
fn push_spaces(out: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        out.push_str(&SPACES[..k]);
        n -= k;
    }
}

/// `n` in decimal.
fn push_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod identity;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
