//! Finds where a big page can be parsed in two parts at once: a run of whole children of one
//! block element (a comment list, typically) that html5ever builds the same way whether it
//! parses the page whole or the run alone, as a fragment.
//!
//! The nesting pre-pass tells this tracker each tag it models. A *candidate* is a point where
//! the innermost open element (the *container*) and all its ancestors are plain blocks from
//! [`CONTAINERS`] and nothing before has pulled the pre-pass's model out of step with the tree
//! builder's stack. Two candidates of one open container bound a run the tree builder treats
//! the same in a fragment: nothing inside reaches past the container. Anything that could make
//! the model and the tree builder disagree (a misnested or stray end tag that the tree builder
//! would match further down, a leaked formatting element, `<li>` closing an outer item across a
//! `div`, a `<p>` closed from below, script escapes, CDATA, `<template>`, `<select>`, foreign
//! content breakouts …) *poisons* the tracker: runs found so far stay good, no new one starts.
//! `tests/split_parse.rs` checks the result against a whole parse on every corpus page.

use super::tag::*;

/// Elements that may hold a run, or be an ancestor of one: special blocks with no effect on
/// how their children are parsed.
const CONTAINERS: &[&str] = &[
    "div",
    "ol",
    "ul",
    "li",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "footer",
    "nav",
    "blockquote",
    "center",
];

/// Deepest stack of open elements the tracker follows.
const DEEPEST: usize = 128;

/// How far a `<li>`/`<dd>`/`<dt>` start tag's search for an open item is followed.
const ITEM_WALK: usize = 32;

/// Which of [`Tracker`]'s open-element counts (for the tree builder's non-local rules) the
/// element `name` keeps, 0 for none: `p`, `a`, `nobr`, `button`, `form`, `svg`/`math`,
/// `h1` … `h6`.
pub(super) fn slot(name: &str) -> usize {
    match name {
        "p" => P_COUNT,
        "a" => 2,
        "nobr" => 3,
        "button" => 4,
        "form" => 5,
        "svg" | "math" => FOREIGN_COUNT,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => HEADING_COUNT,
        _ => 0,
    }
}

const P_COUNT: usize = 1;
const FOREIGN_COUNT: usize = 6;
const HEADING_COUNT: usize = 7;

pub(super) fn is_container(name: &str) -> bool {
    CONTAINERS.contains(&name)
}

/// A run being followed for one open element: candidates from `start`, the last one at most
/// `target` bytes after `start` at `cut`, the last of all at `end`, and candidates at least
/// `chunk` bytes apart in `cuts` (from `start`, not counting it).
#[derive(Clone)]
struct Run {
    start: usize,
    cut: usize,
    end: usize,
    cuts: Vec<usize>,
}

/// The tracker; see the module docs.
pub struct Tracker {
    /// Per open element of the model's stack: its run, if one is being followed.
    runs: Vec<Option<Run>>,
    /// Open elements per [`slot`] (slot 0 unused).
    counts: [usize; 8],
    /// Open elements outside [`CONTAINERS`].
    other: usize,
    /// Longest span a run may take (half the page: the two parts then cost about the same).
    target: usize,
    /// Least span between two of a run's recorded cuts.
    chunk: usize,
    poisoned: bool,
    /// The best span found: `(start, end)` in the prepared page's bytes.
    best: Option<(usize, usize)>,
    /// Runs cut at least once past their start, each as its start, its cuts and its end (see
    /// [`Tracker::finish`]).
    long: Vec<Vec<usize>>,
}

impl Tracker {
    /// A tracker for a prepared page of `len` bytes, recording cuts at least `chunk` bytes
    /// apart in the longest run.
    pub fn new(len: usize, chunk: usize) -> Self {
        Tracker {
            runs: Vec::new(),
            counts: [0; 8],
            other: 0,
            target: len / 2,
            chunk: chunk.max(1),
            poisoned: false,
            best: None,
            long: Vec::new(),
        }
    }

    /// The span chosen, if any: `(start, end)` byte offsets in the prepared page; and the
    /// [`LONG_KEPT`] runs with the most bytes past their first cut, longest first, each as
    /// offsets `start, cut, …, end`, every two neighbours bounding a run of its own (any two
    /// candidates of one container do).
    pub fn finish(mut self) -> (Option<(usize, usize)>, Vec<Vec<usize>>) {
        self.close_all();
        keep_longest(&mut self.long);
        (self.best, self.long)
    }

    /// The model and the tree builder may disagree from here: keep what was found, start
    /// nothing new.
    pub fn poison(&mut self) {
        if !self.poisoned {
            self.close_all();
            self.poisoned = true;
        }
    }

    fn close_all(&mut self) {
        for i in 0..self.runs.len() {
            self.close(i);
        }
    }

    /// Ends the run of stack entry `i`, keeping its span if it is the best so far.
    fn close(&mut self, i: usize) {
        if let Some(mut run) = self.runs.get_mut(i).and_then(Option::take) {
            let len = run.cut.saturating_sub(run.start);
            if len > 0 && self.best.is_none_or(|(s, e)| e.saturating_sub(s) < len) {
                self.best = Some((run.start, run.cut));
            }
            // A run cut at least once past its start may be read in chunks.
            if run.cuts.first().is_some_and(|&c| c < run.end) {
                if run.cuts.last() != Some(&run.end) {
                    run.cuts.push(run.end);
                }
                run.cuts.insert(0, run.start);
                self.long.push(run.cuts);
                if self.long.len() >= 2 * LONG_KEPT {
                    keep_longest(&mut self.long);
                }
            }
        }
    }

    /// The model pushed `name` (a stack deeper than [`DEEPEST`] poisons: no real thread
    /// needs one, and the checks below then stay cheap).
    pub fn push(&mut self, name: Tag) {
        if self.runs.len() >= DEEPEST {
            self.poison();
        }
        if !name.is(CONTAINER) {
            self.other += 1;
        }
        if let Some(n) = self.counts.get_mut(name.slot()).filter(|_| name.slot() > 0) {
            *n += 1;
        }
        self.runs.push(None);
    }

    /// The model popped `popped` (innermost last) off its stack.
    pub fn popped(&mut self, popped: &[Tag]) {
        for name in popped.iter().rev() {
            let i = self.runs.len().saturating_sub(1);
            self.close(i);
            self.runs.pop();
            if !name.is(CONTAINER) {
                self.other = self.other.saturating_sub(1);
            }
            if let Some(n) = self.counts.get_mut(name.slot()).filter(|_| name.slot() > 0) {
                *n = n.saturating_sub(1);
            }
        }
    }

    /// A point between two of the container's children, at byte `at` of the prepared page.
    pub fn candidate(&mut self, stack: &[Tag], at: usize) {
        if self.poisoned || self.other > 0 || stack.is_empty() {
            return;
        }
        let (target, chunk) = (self.target, self.chunk);
        let Some(slot) = self.runs.last_mut() else {
            return;
        };
        match slot {
            None => {
                *slot = Some(Run {
                    start: at,
                    cut: at,
                    end: at,
                    cuts: Vec::new(),
                })
            }
            Some(run) => {
                if at.saturating_sub(run.start) <= target {
                    run.cut = at.max(run.cut);
                }
                run.end = at.max(run.end);
                if at >= run.cuts.last().copied().unwrap_or(run.start) + chunk {
                    run.cuts.push(at);
                }
            }
        }
    }

    /// Before the model handles the start tag `name` (its own implied closes not yet done).
    pub fn start_tag(&mut self, stack: &[Tag], name: Tag) {
        if self.poisoned {
            return;
        }
        let top = stack.last().copied();
        let count = |slot: usize| self.counts.get(slot).copied().unwrap_or(0);
        // In svg/math, an HTML tag breaks out of the foreign element.
        let foreign = count(FOREIGN_COUNT) > 0 && name.is(BREAKS_OUT);
        let bad = match name.id {
            TEMPLATE | FRAMESET | SELECT | IMAGE | PLAINTEXT | ISINDEX | KEYGEN | MENUITEM | RB
            | RP | RT | RTC | BODY | HTML | HEAD => !stack.is_empty(),
            A | NOBR | BUTTON | FORM => count(name.slot()) > 0,
            TABLE => count(P_COUNT) > 0,
            LI => item_below(stack, |t| t.id == LI),
            DD | DT => item_below(stack, |t| matches!(t.id, DD | DT)),
            _ => name.is(HEADING) && top.is_some_and(|t| t.is(HEADING)),
        };
        // A block closes a `<p>` anywhere in button scope; the model closes only a `<p>` on top.
        let closes = name.is(CLOSES_P) || matches!(name.id, HR | XMP | LISTING | SEARCH);
        let p_below = closes && count(P_COUNT) > 0 && top.is_none_or(|t| t.id != P);
        if bad || p_below || foreign {
            self.poison();
        }
    }

    /// Before the model handles the end tag `name`: anything but the innermost element's own
    /// end tag, or a name open nowhere, poisons.
    pub fn end_tag(&mut self, stack: &[Tag], name: Tag) {
        if self.poisoned {
            return;
        }
        let heading = name.is(HEADING);
        let root = matches!(name.id, BODY | HTML);
        if stack.last() == Some(&name) && !root {
            // `</h2>` closes whatever heading is open; only its own is safe.
            if !heading || self.counts[HEADING_COUNT] == 1 {
                return;
            }
        }
        let open = if heading {
            self.counts[HEADING_COUNT] > 0
        } else {
            stack.contains(&name)
        };
        if root || open {
            self.poison();
        }
    }
}

/// How many cut runs [`Tracker::finish`] gives (a page's outer blocks may be cut too; the
/// comment list is among the longest).
const LONG_KEPT: usize = 8;

/// Keeps the [`LONG_KEPT`] runs with the most bytes past their first cut, longest first.
fn keep_longest(runs: &mut Vec<Vec<usize>>) {
    let past = |l: &Vec<usize>| {
        l.last()
            .copied()
            .unwrap_or(0)
            .saturating_sub(l.get(1).copied().unwrap_or(usize::MAX))
    };
    runs.sort_by_key(|l| std::cmp::Reverse(past(l)));
    runs.truncate(LONG_KEPT);
}

/// True when the tree builder's search for an open `items` element, starting at the innermost
/// element, finds one below the innermost (which the model would not close), or walks too far.
fn item_below(stack: &[Tag], items: impl Fn(Tag) -> bool) -> bool {
    for (k, &open) in stack.iter().rev().enumerate() {
        if k >= ITEM_WALK {
            return true;
        }
        if items(open) {
            return k > 0;
        }
        if open.is(SPECIAL) && !matches!(open.id, ADDRESS | DIV | P) {
            return false;
        }
    }
    false
}

pub(super) fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// HTML start tags that end foreign content (the HTML spec's list, `font` always).
pub(super) fn breaks_out(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name,
            "b" | "big"
                | "blockquote"
                | "body"
                | "br"
                | "center"
                | "code"
                | "dd"
                | "div"
                | "dl"
                | "dt"
                | "em"
                | "embed"
                | "font"
                | "head"
                | "hr"
                | "i"
                | "img"
                | "li"
                | "listing"
                | "menu"
                | "meta"
                | "nobr"
                | "ol"
                | "p"
                | "pre"
                | "ruby"
                | "s"
                | "small"
                | "span"
                | "strong"
                | "strike"
                | "sub"
                | "sup"
                | "table"
                | "tt"
                | "u"
                | "ul"
                | "var"
        )
}
