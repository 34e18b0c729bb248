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

mod close;
mod scan;
mod split;
mod tag;

use scan::{find, name_end, raw_agrees, raw_end, tag_end};
use tag::*;

use scraper::StrTendril;
use std::borrow::Cow;

/// Deepest element nesting kept (browsers use 512).
pub const MAX_DEPTH: usize = 512;
/// Most formatting elements left open at once; further ones are dropped (their text is kept).
pub const MAX_FORMATTING: usize = 64;
/// Most attributes kept on one tag (html5ever checks each new one against all before it).
pub const MAX_ATTRIBUTES: usize = 256;
/// Smallest page [`prepare`] looks for a part to parse on a second thread.
pub const MIN_SPLIT_PAGE: usize = 256 * 1024;
/// Least size of the chunks a long run is cut into ([`Prepared::long`]).
pub const CHUNK: usize = 128 * 1024;

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
    /// The longest such runs, longest first, each as offsets `start, cut, …, end` at least a
    /// chunk apart: each two neighbours bound a run of its own (`extract::chunk_parse` reads a
    /// comment list so, a chunk at a time).
    pub long: Vec<Vec<usize>>,
}

/// [`Prepared`] from a page; `None` for a page too long for one tendril (over 1 GB).
pub fn prepare(html: &str) -> Option<Prepared> {
    prepare_split(html, MIN_SPLIT_PAGE)
}

/// [`prepare`], looking for a part to parse apart on pages of `min_split` bytes or more.
pub fn prepare_split(html: &str, min_split: usize) -> Option<Prepared> {
    prepare_chunked(html, min_split, CHUNK)
}

/// [`prepare_split`] with the long run cut into chunks of at least `chunk` bytes.
pub fn prepare_chunked(html: &str, min_split: usize, chunk: usize) -> Option<Prepared> {
    let cap = u32::try_from(html.len()).ok().filter(|&n| n < 1 << 30)?;
    let mut m = Model::new(html, true);
    m.out = Some(StrTendril::with_capacity(cap));
    if html.len() >= min_split {
        m.split = Some(split::Tracker::new(html.len(), chunk));
    }
    m.run();
    let mut out = m.out.unwrap_or_default();
    out.push_slice(&html[m.copied..]);
    let (split, mut long) = m.split.map_or((None, Vec::new()), split::Tracker::finish);
    // Worth a thread only when the part is a good share of the page.
    let split = split.filter(|(s, e)| (e - s) * 5 >= out.len() && *e <= out.len());
    long.retain(|l| l.len() >= 3 && l.last().is_some_and(|&e| e <= out.len()));
    Some(Prepared {
        html: out,
        nodes: m.nodes,
        split,
        long,
    })
}

/// The index after the comment that starts with `<!--` at `start`, where the tokenizer ends
/// it: `<!-->` and `<!--->` at once, else the first `-->` or `--!>`. Ending it later would hide
/// the tags in between from the caps.
fn comment_end(b: &[u8], start: usize) -> usize {
    let body = start + 4;
    if b.get(body) == Some(&b'>') {
        return body + 1;
    }
    if b.get(body..body + 2) == Some(b"->") {
        return body + 2;
    }
    let end = find(b, body, b"-->").map_or(b.len(), |e| e + 3);
    // Only up to the `-->`: a page without `--!>` is not searched to its end per comment.
    find(&b[..end], body, b"--!>").map_or(end, |e| e + 4)
}

struct Model<'a> {
    html: &'a str,
    /// The rewritten page, once something changed.
    out: Option<StrTendril>,
    /// `html[..copied]` is in `out`.
    copied: usize,
    /// The page's tag names.
    names: Names,
    /// Open elements, innermost last.
    stack: Vec<Tag>,
    /// `svg` and `math` elements on the stack.
    foreign: usize,
    /// End tags to drop, per tag id: their element was closed early or dropped.
    dropped: Vec<usize>,
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
            names: Names::new(),
            stack: Vec::new(),
            foreign: 0,
            dropped: Vec::new(),
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
        // (Tags often follow each other: the byte at `i` first, then a search.)
        while let Some(off) = (b.get(i) == Some(&b'<'))
            .then_some(0)
            .or_else(|| memchr::memchr(b'<', &b[i..]))
        {
            let start = i + off;
            self.text_run(i, start);
            i = start + 1;
            let rest = &b[start..];
            if rest.starts_with(b"<!--") {
                i = comment_end(b, start);
                self.nodes += 1;
                // The split's model keeps away from comments ended early.
                if rest[4..].starts_with(b">")
                    || rest[4..].starts_with(b"->")
                    || b[..i].ends_with(b"--!>")
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
                // `</` and no name: a bogus comment to the next `>` for the tokenizer (`</>`
                // is nothing). A tag inside it is none: `</ <style>` opens no raw text.
                self.poison();
                i = find(b, start + 2, b">").map_or(b.len(), |e| e + 1);
                self.nodes += 1;
            } else if rest.len() > 2 && rest[1] == b'/' && rest[2].is_ascii_alphabetic() {
                let name = self
                    .names
                    .get(b, start + 2, name_end(b, start + 2) - start - 2);
                let end = tag_end(b, start + 2).0;
                self.before_tag(name);
                // (An end tag's attributes are ignored by the parser; no cap needed.)
                self.end_tag(name, start, end);
                i = end;
            } else if rest.len() > 1 && rest[1].is_ascii_alphabetic() {
                let after = name_end(b, start + 1);
                let name = self.names.get(b, start + 1, after - start - 1);
                let (end, self_closing, cut) = tag_end(b, after);
                i = end;
                if name.id == PLAINTEXT {
                    self.poison();
                    return;
                }
                self.before_tag(name);
                self.nodes += 1;
                // Inside svg/math, `<title>`, `<style>` … are ordinary elements.
                if name.is(RAW) && !self.in_foreign() {
                    i = raw_end(b, end, self.names.name(name));
                    self.nodes += 1;
                    if self.split.is_some() && !raw_agrees(b, end, i, self.names.name(name)) {
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
    fn before_tag(&mut self, name: Tag) {
        let block = name.is(BLOCK);
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
    fn start_tag(&mut self, name: Tag, self_closing: bool, start: usize, end: usize) -> bool {
        if let Some(t) = &mut self.split {
            t.start_tag(&self.stack, name);
        }
        if name.is(VOID) || matches!(name.id, HTML | HEAD | BODY) {
            return true;
        }
        if self_closing && self.in_foreign() {
            return true;
        }
        if name.is(FORMATTING) {
            if self.formatting >= MAX_FORMATTING {
                self.poison();
                self.drop_end_tag(name);
                self.replace(start, end, "");
                return false;
            }
            self.formatting += 1;
        }
        let open = self.stack.len();
        self.implied_closes(name);
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
                if top.is(FORMATTING) {
                    self.formatting = self.formatting.saturating_sub(1);
                }
                if matches!(top.id, PRE | LISTING) {
                    self.keep_space = self.keep_space.saturating_sub(1);
                }
                let close = format!("</{}>", self.names.name(top));
                self.drop_end_tag(top);
                self.replace(start, start, &close);
            }
        }
        if matches!(name.id, PRE | LISTING) {
            self.keep_space += 1;
        }
        if let Some(t) = &mut self.split {
            t.push(name);
        }
        self.foreign += usize::from(name.is(FOREIGN));
        self.stack.push(name);
        true
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

    /// True inside `<svg>` or `<math>`.
    fn in_foreign(&self) -> bool {
        self.foreign > 0
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
        if !with.is_empty() {
            out.push_slice(with);
        }
        self.copied = end;
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_scan;
