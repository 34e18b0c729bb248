//! Comment order: the thread as the page gives it, oldest first or newest first (`S` cycles).
//!
//! Sorting keeps every reply under its parent: siblings are ordered at every level, as
//! Reddit's "old" / "new" sorts do, rather than one flat list by date. hackernews-TUI and
//! circumflex always show a thread as a tree (indent, collapse, jump to parent), so their
//! users expect a reply to stay under what it answers; folds, `p`, `{` `}` `[` `]` keep
//! working unchanged because the comments stay in pre-order. Cost: one pass to find
//! siblings, one sort per sibling list (n log n in all), one permutation; the wrapped lines
//! are moved, not wrapped again.

use super::{App, Pane};
use crate::model::Comment;
use crate::tui::render::time::parse_published;

/// The order the comments are shown in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// As the page gives them (the blog's own thread order).
    #[default]
    Thread,
    /// Oldest first at every level; undated comments after the dated ones.
    Oldest,
    /// Newest first at every level; undated comments after the dated ones.
    Newest,
}

impl SortOrder {
    /// The next order `S` gives: thread → oldest → newest → thread.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Thread => SortOrder::Oldest,
            SortOrder::Oldest => SortOrder::Newest,
            SortOrder::Newest => SortOrder::Thread,
        }
    }

    /// "thread", "oldest", "newest" (the pane title says "sorted: newest").
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Thread => "thread",
            SortOrder::Oldest => "oldest",
            SortOrder::Newest => "newest",
        }
    }
}

/// The order to show `comments` (pre-order, with depths) in: `result[k]` is the index of the
/// comment shown `k`-th. `thread_pos[i]` is comment `i`'s place in the page's own order (the
/// tie-break, and the whole key for `Thread`, which restores the page's order).
pub fn permutation(comments: &[Comment], thread_pos: &[usize], order: SortOrder) -> Vec<usize> {
    let n = comments.len();
    // Seconds since the epoch, parsed once per comment; `None` sorts last in both orders.
    let when: Vec<Option<i64>> = comments
        .iter()
        .map(|c| {
            c.published
                .as_deref()
                .and_then(parse_published)
                .map(|(t, _)| t.timestamp())
        })
        .collect();
    let pos = |i: usize| thread_pos.get(i).copied().unwrap_or(i);
    // Children lists from depths (the parent is the nearest earlier comment less deep).
    let mut roots = Vec::new();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut stack: Vec<usize> = Vec::new();
    for (i, c) in comments.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&top| comments[top].depth >= c.depth)
        {
            stack.pop();
        }
        match stack.last() {
            Some(&parent) => children[parent].push(i),
            None => roots.push(i),
        }
        stack.push(i);
    }
    let sort = |list: &mut Vec<usize>| match order {
        SortOrder::Thread => list.sort_by_key(|&i| pos(i)),
        SortOrder::Oldest => list.sort_by_key(|&i| (when[i].is_none(), when[i], pos(i))),
        SortOrder::Newest => list.sort_by_key(|&i| {
            (
                when[i].is_none(),
                std::cmp::Reverse(when[i].unwrap_or(0)),
                pos(i),
            )
        }),
    };
    sort(&mut roots);
    children.iter_mut().for_each(sort);
    // Pre-order walk without recursion (threads can be thousands deep).
    let mut out = Vec::with_capacity(n);
    let mut todo: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = todo.pop() {
        out.push(i);
        todo.extend(children[i].iter().rev());
    }
    out
}

impl App {
    /// `S`: the next comment order; the selected comment stays selected, at the same place on
    /// screen, and its new / unread / folded marks go with it.
    pub(crate) fn cycle_sort(&mut self) {
        if self.post.comments.is_empty() {
            self.info("this post has no comments");
            return;
        }
        self.sort = self.sort.next();
        let offset = self
            .comments
            .doc
            .item_top(self.cursor)
            .map(|t| t as isize - self.comments.top as isize);
        let cursor_id = self.post.comments.get(self.cursor).map(|c| c.id.clone());
        let order = self.reorder_comments();
        if self.comments.doc.item_count() == order.len() {
            self.comments.doc.permute(&order);
        }
        self.cursor = cursor_id
            .and_then(|id| self.post.comment_index(&id))
            .unwrap_or(0);
        self.apply_folds();
        if let (Some(offset), Some(top)) = (offset, self.comments.doc.item_top(self.cursor)) {
            self.comments.top = usize::try_from(top as isize - offset).unwrap_or(0);
            self.clamp(Pane::Comments);
        }
        self.refresh_search();
        let text = match self.sort {
            SortOrder::Thread => "comments in thread order".to_string(),
            other => format!("comments sorted: {} first", other.label()),
        };
        self.info(&text);
    }

    /// Puts `post.comments` (and their per-comment state) in `self.sort`'s order and
    /// recomputes the sub-threads; returns the permutation applied (new → old index).
    pub(crate) fn reorder_comments(&mut self) -> Vec<usize> {
        let thread_pos: Vec<usize> = self.per_comment.iter().map(|s| s.thread_pos).collect();
        let order = permutation(&self.post.comments, &thread_pos, self.sort);
        if order.len() != self.post.comments.len() || order.len() != self.per_comment.len() {
            return (0..self.post.comments.len()).collect();
        }
        let mut comments: Vec<Option<Comment>> = std::mem::take(&mut self.post.comments)
            .into_iter()
            .map(Some)
            .collect();
        self.post.comments = order
            .iter()
            .filter_map(|&i| comments.get_mut(i).and_then(Option::take))
            .collect();
        let states = std::mem::take(&mut self.per_comment);
        self.per_comment = order
            .iter()
            .filter_map(|&i| states.get(i).copied())
            .collect();
        self.compute_structure();
        order
    }

    /// The comments in the page's own order (what a tab keeps aside while another is shown).
    pub(crate) fn comments_in_thread_order(&self, comments: Vec<Comment>) -> Vec<Comment> {
        if self.sort == SortOrder::Thread || comments.len() != self.per_comment.len() {
            return comments;
        }
        let mut keyed: Vec<(usize, Comment)> = self
            .per_comment
            .iter()
            .map(|s| s.thread_pos)
            .zip(comments)
            .collect();
        keyed.sort_by_key(|(pos, _)| *pos);
        keyed.into_iter().map(|(_, c)| c).collect()
    }
}

#[cfg(test)]
#[path = "sort_tests.rs"]
mod tests;
