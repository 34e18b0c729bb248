//! Caps element nesting before html5ever sees the page, the way browsers cap DOM depth: past
//! [`MAX_DEPTH`] open elements, a new element closes the innermost one first, so further
//! elements become siblings instead of children. html5ever's scope checks walk its stack of
//! open elements on most tags, so an uncapped stack costs time quadratic in depth.
//!
//! One linear pass over the raw HTML with a small model of the tree builder's stack (implied
//! closes of `p`, `li`, cells; scope boundaries; formatting elements). The model errs on the
//! side of counting too deep. Unclosed formatting elements (`<b>`, `<font>` …) are capped at
//! [`MAX_FORMATTING`], since each one is re-opened for every later block. Pages within the caps
//! are returned as they are, borrowed. On a big page the same pass also finds a part that can
//! be parsed on a second thread ([`split`], used by `extract::split_parse`).

mod scan;
mod split;

use scan::{find, raw_agrees, raw_end, tag_end, tag_name};

use super::tag_sets::{
    closes_p, is_block, is_boundary, is_foreign, is_formatting, is_raw, is_special, is_void,
};
use scraper::StrTendril;
use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest element nesting kept (browsers use 512).
pub const MAX_DEPTH: usize = 512;
/// Most formatting elements left open at once; further ones are dropped (their text is kept).
pub const MAX_FORMATTING: usize = 64;
/// Most attributes kept on one tag (html5ever checks each new one against all before it).
pub const MAX_ATTRIBUTES: usize = 256;
/// Smallest page [`prepare`] looks for a part to parse on a second thread.
pub const MIN_SPLIT_PAGE: usize = 256 * 1024;

/// The HTML with nesting capped (borrowed when nothing needed a change).
pub fn cap(html: &str) -> Cow<'_, str> {
    let mut m = Model::new(html, false);
    m.run();
    match m.out {
        Some(mut out) => {
            out.push_slice(&html[m.copied..]);
            Cow::Owned(String::from(&*out))
        }
        None => Cow::Borrowed(html),
    }
}

/// A page made ready for html5ever: nesting capped as [`cap`] does, and whitespace alone
/// between two block tags (outside `pre`/`listing`) dropped, since it is no content and would
/// only cost a text node each (a WordPress thread has as many of them as elements).
pub struct Prepared {
    /// The page for the parser, in the buffer the parser's text nodes will share.
    pub html: StrTendril,
    /// About how many nodes the document will have (elements, text runs, comments).
    pub nodes: usize,
    /// A run of whole children of one block, `html[start..end]`, that parses the same on its
    /// own as inside the page ([`split`]): parsed on a second thread.
    pub split: Option<(usize, usize)>,
}

/// [`Prepared`] from a page; `None` for a page too long for one tendril (over 1 GB).
pub fn prepare(html: &str) -> Option<Prepared> {
    prepare_split(html, MIN_SPLIT_PAGE)
}

/// [`prepare`], looking for a part to parse apart on pages of `min_split` bytes or more.
pub fn prepare_split(html: &str, min_split: usize) -> Option<Prepared> {
    let cap = u32::try_from(html.len()).ok().filter(|&n| n < 1 << 30)?;
    let mut m = Model::new(html, true);
    m.out = Some(StrTendril::with_capacity(cap));
    if html.len() >= min_split {
        m.split = Some(split::Tracker::new(html.len()));
    }
    m.run();
    let mut out = m.out.unwrap_or_default();
    out.push_slice(&html[m.copied..]);
    // Worth a thread only when the part is a good share of the page.
    let split = m
        .split
        .and_then(split::Tracker::finish)
        .filter(|(s, e)| (e - s) * 5 >= out.len() && *e <= out.len());
    Some(Prepared {
        html: out,
        nodes: m.nodes,
        split,
    })
}

struct Model<'a> {
    html: &'a str,
    /// The rewritten page, once something changed.
    out: Option<StrTendril>,
    /// `html[..copied]` is in `out`.
    copied: usize,
    /// Open elements (lowercase names), innermost last.
    stack: Vec<String>,
    /// End tags to drop: their element was closed early or dropped.
    dropped: HashMap<String, usize>,
    /// Formatting elements open.
    formatting: usize,
    /// Drop whitespace-only text between block tags.
    trim: bool,
    /// `pre` and `listing` elements open (their whitespace is content).
    keep_space: usize,
    /// The last tag seen was a block tag (comments do not count).
    after_block: bool,
    /// Whitespace-only runs since that tag, waiting for the next tag to decide.
    spaces: Vec<(usize, usize)>,
    /// Tags, text runs and comments seen: about the number of nodes the parser makes.
    nodes: usize,
    /// Looks for a part of the page to parse apart ([`prepare`] of a big page).
    split: Option<split::Tracker>,
}

impl<'a> Model<'a> {
    fn new(html: &'a str, trim: bool) -> Self {
        Model {
            html,
            out: None,
            copied: 0,
            stack: Vec::new(),
            dropped: HashMap::new(),
            formatting: 0,
            trim,
            keep_space: 0,
            after_block: false,
            spaces: Vec::new(),
            nodes: 4,
            split: None,
        }
    }
}

impl Model<'_> {
    fn run(&mut self) {
        let b = self.html.as_bytes();
        let mut i = 0;
        while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
            let start = i + off;
            self.text_run(i, start);
            i = start + 1;
            let rest = &b[start..];
            if rest.starts_with(b"<!--") {
                i = find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3);
                self.nodes += 1;
                // `<!-->`, `<!--->` and `--!>` end a comment where this search does not.
                if rest[4..].starts_with(b">")
                    || rest[4..].starts_with(b"->")
                    || find(&b[..i], start + 4, b"--!>").is_some()
                {
                    self.poison();
                }
            } else if rest.len() > 1 && (rest[1] == b'!' || rest[1] == b'?') {
                i = find(b, start, b">").map_or(b.len(), |e| e + 1);
                self.nodes += 1;
                if rest.starts_with(b"<![CDATA[") {
                    self.poison();
                }
            } else if rest.len() > 2 && rest[1] == b'/' && !rest[2].is_ascii_alphabetic() {
                // `</` and no name: a bogus comment to the next `>` for the tokenizer.
                self.poison();
            } else if rest.len() > 2 && rest[1] == b'/' && rest[2].is_ascii_alphabetic() {
                let (name, _) = tag_name(b, start + 2);
                let end = tag_end(b, start + 2).0;
                self.before_tag(&name);
                // (An end tag's attributes are ignored by the parser; no cap needed.)
                self.end_tag(&name, start, end);
                i = end;
            } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
                let (name, after) = tag_name(b, start + 1);
                let (end, self_closing, cut) = tag_end(b, after);
                i = end;
                if name == "plaintext" {
                    self.poison();
                    return;
                }
                self.before_tag(&name);
                self.nodes += 1;
                // Inside svg/math, `<title>`, `<style>` … are ordinary elements.
                if is_raw(&name) && !self.in_foreign() {
                    i = raw_end(b, end, &name);
                    self.nodes += 1;
                    if self.split.is_some() && !raw_agrees(b, end, i, &name) {
                        self.poison();
                    }
                    continue;
                }
                let kept = self.start_tag(name, self_closing, start, end);
                if let Some(cut) = cut.filter(|_| kept) {
                    // Attributes past the cap are dropped (the tag's `>` is kept).
                    self.replace(cut, end - 1, "");
                }
            }
        }
        self.text_run(i, b.len());
    }

    /// Text between tags, `html[from..to]`: counted, and remembered when whitespace alone.
    fn text_run(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        self.nodes += 1;
        let blank = self.html.as_bytes()[from..to]
            .iter()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'));
        if !blank {
            self.after_block = false;
            self.spaces.clear();
        } else if self.trim && self.after_block && self.keep_space == 0 {
            self.spaces.push((from, to));
        }
    }

    /// Before the tag `name`: whitespace runs between the previous block tag and this one are
    /// dropped when this one is a block tag too.
    fn before_tag(&mut self, name: &str) {
        let block = is_block(name);
        if block && !self.spaces.is_empty() {
            for (from, to) in std::mem::take(&mut self.spaces) {
                self.replace(from, to, "");
                self.nodes -= 1;
            }
        }
        self.spaces.clear();
        self.after_block = block;
    }

    /// Models a start tag; false when the tag was dropped from the output.
    fn start_tag(&mut self, name: String, self_closing: bool, start: usize, end: usize) -> bool {
        if let Some(t) = &mut self.split {
            t.start_tag(&self.stack, &name);
        }
        if is_void(&name) || matches!(name.as_str(), "html" | "head" | "body") {
            return true;
        }
        if self_closing && self.in_foreign() {
            return true;
        }
        if is_formatting(&name) {
            if self.formatting >= MAX_FORMATTING {
                self.poison();
                *self.dropped.entry(name).or_default() += 1;
                self.replace(start, end, "");
                return false;
            }
            self.formatting += 1;
        }
        let open = self.stack.len();
        self.implied_closes(&name);
        if self.stack.len() == open {
            // Between two children of the innermost element (none closed by this tag).
            let at = self.out_pos(start);
            if let Some(t) = &mut self.split {
                t.candidate(&self.stack, at);
            }
        }
        if self.stack.len() >= MAX_DEPTH {
            self.poison();
            if let Some(top) = self.pop() {
                if is_formatting(&top) {
                    self.formatting = self.formatting.saturating_sub(1);
                }
                if matches!(top.as_str(), "pre" | "listing") {
                    self.keep_space = self.keep_space.saturating_sub(1);
                }
                let close = format!("</{top}>");
                *self.dropped.entry(top).or_default() += 1;
                self.replace(start, start, &close);
            }
        }
        if matches!(name.as_str(), "pre" | "listing") {
            self.keep_space += 1;
        }
        if let Some(t) = &mut self.split {
            t.push(&name);
        }
        self.stack.push(name);
        true
    }

    /// Pops the innermost open element.
    fn pop(&mut self) -> Option<String> {
        let top = self.stack.pop()?;
        if let Some(t) = &mut self.split {
            t.popped(std::slice::from_ref(&top));
        }
        Some(top)
    }

    /// Closes open elements from `j` on.
    fn truncate(&mut self, j: usize) {
        if let Some(t) = &mut self.split {
            t.popped(self.stack.get(j..).unwrap_or_default());
        }
        self.stack.truncate(j);
    }

    /// The model may disagree with the tree builder from here on (see [`split`]).
    fn poison(&mut self) {
        if let Some(t) = &mut self.split {
            t.poison();
        }
    }

    /// Where byte `i` of the page lands in the output (every change before `i` is made).
    fn out_pos(&self, i: usize) -> usize {
        self.out
            .as_ref()
            .map_or(i, |o| o.len32() as usize + i.saturating_sub(self.copied))
    }

    /// True inside `<svg>` or `<math>` (the stack holds at most [`MAX_DEPTH`] names).
    fn in_foreign(&self) -> bool {
        self.stack.iter().any(|n| is_foreign(n))
    }

    /// Elements the tree builder closes on its own when `name` starts.
    fn implied_closes(&mut self, name: &str) {
        let top_is = |s: &Self, set: &[&str]| s.stack.last().is_some_and(|t| set.contains(&&**t));
        if closes_p(name) && top_is(self, &["p"]) {
            self.pop();
        }
        let own: &[&str] = match name {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "option" => &["option"],
            "td" | "th" => &["td", "th"],
            "tr" => &["td", "th", "tr"],
            "tbody" | "thead" | "tfoot" => &["td", "th", "tr", "tbody", "thead", "tfoot"],
            _ => &[],
        };
        while top_is(self, own) {
            self.pop();
        }
    }

    fn end_tag(&mut self, name: &str, start: usize, end: usize) {
        if let Some(t) = &mut self.split {
            t.end_tag(&self.stack, name);
        }
        if let Some(n) = self.dropped.get_mut(name) {
            if *n > 0 {
                *n -= 1;
                self.replace(start, end, "");
                return;
            }
        }
        let table_part = matches!(
            name,
            "table" | "tbody" | "thead" | "tfoot" | "tr" | "caption" | "colgroup"
        );
        let mut special_above = false;
        let mut found = None;
        for (j, open) in self.stack.iter().enumerate().rev() {
            if open == name {
                found = Some(j);
                break;
            }
            if table_part {
                if matches!(open.as_str(), "table" | "template") {
                    break;
                }
                continue;
            }
            if is_boundary(open) {
                break;
            }
            if is_special(open) {
                special_above = true;
                if !is_formatting(name) {
                    break;
                }
            }
        }
        let Some(j) = found else { return };
        if is_formatting(name) && special_above {
            // The adoption agency: the formatting element moves below the block; depth stays.
            self.formatting = self.formatting.saturating_sub(1);
            return;
        }
        let popped = self.stack[j..].iter().filter(|n| is_formatting(n)).count();
        self.formatting = self.formatting.saturating_sub(popped);
        let pres = self.stack[j..]
            .iter()
            .filter(|n| matches!(n.as_str(), "pre" | "listing"))
            .count();
        self.keep_space = self.keep_space.saturating_sub(pres);
        self.truncate(j);
        // Between two children of the (new) innermost element.
        let at = self.out_pos(end);
        if let Some(t) = &mut self.split {
            t.candidate(&self.stack, at);
        }
    }

    /// Replaces `html[start..end]` by `with` in the output.
    fn replace(&mut self, start: usize, end: usize, with: &str) {
        if start < self.copied || end < start {
            return;
        }
        let html = self.html;
        let out = self.out.get_or_insert_with(|| {
            StrTendril::with_capacity(u32::try_from(html.len() + 64).unwrap_or(u32::MAX))
        });
        out.push_slice(&html[self.copied..start]);
        out.push_slice(with);
        self.copied = end;
    }
}

#[cfg(test)]
mod tests;
