//! Folding: sub-thread extents, fold/unfold one comment's replies, fold by depth level, and
//! the visible-rows list rebuilt once per fold change (never per frame).

use super::{App, Pane};
use crate::tui::thread::fold_tail;

impl App {
    /// Computes, per comment, the index just past its last descendant (pre-order + depth).
    pub(crate) fn compute_structure(&mut self) {
        let comments = &self.post.comments;
        let n = comments.len();
        let mut end = vec![n; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, c) in comments.iter().enumerate() {
            while let Some(&top) = stack.last() {
                if comments[top].depth >= c.depth {
                    end[top] = i;
                    stack.pop();
                } else {
                    break;
                }
            }
            stack.push(i);
        }
        for (state, end) in self.per_comment.iter_mut().zip(end) {
            state.subtree_end = end;
        }
    }

    /// Number of replies (all descendants) under a comment.
    pub fn reply_count(&self, index: usize) -> usize {
        self.per_comment
            .get(index)
            .map_or(0, |s| s.subtree_end.saturating_sub(index + 1))
    }

    /// Rebuilds tails and the visible rows from `folded`, keeping the current comment's
    /// place on screen.
    pub(crate) fn apply_folds(&mut self) {
        let before = self
            .comments
            .doc
            .item_top(self.cursor)
            .map(|t| t as isize - self.comments.top as isize);
        let theme = &self.settings.theme;
        let mut hidden_until = 0;
        let mut visible = vec![false; self.post.comments.len()];
        for (i, shown) in visible.iter_mut().enumerate() {
            let replies = self.per_comment[i].subtree_end.saturating_sub(i + 1);
            let folded = self.per_comment[i].folded && replies > 0;
            let tail = folded.then(|| fold_tail(self.post.comments[i].depth, replies, theme));
            self.comments.doc.set_tail(i, tail);
            if i >= hidden_until {
                *shown = true;
                if folded {
                    hidden_until = self.per_comment[i].subtree_end;
                }
            }
        }
        self.comments.doc.set_visible(|i| visible[i]);
        if !self.comments.doc.is_visible(self.cursor) {
            let mut c = self.cursor;
            while let Some(p) = self.parent_of(c) {
                c = p;
                if self.comments.doc.is_visible(c) {
                    break;
                }
            }
            self.cursor = c;
        }
        if let (Some(offset), Some(top)) = (before, self.comments.doc.item_top(self.cursor)) {
            self.comments.top = usize::try_from(top as isize - offset).unwrap_or(0);
        }
        self.clamp(Pane::Comments);
    }

    /// Folds or unfolds the replies of the current comment.
    pub(crate) fn toggle_fold(&mut self) {
        if self.focus != Pane::Comments || self.post.comments.is_empty() {
            self.info("folding works on comments: Tab to the comments");
            return;
        }
        if self.reply_count(self.cursor) == 0 {
            self.info("this comment has no replies to fold");
            return;
        }
        let f = &mut self.per_comment[self.cursor].folded;
        *f = !*f;
        self.apply_folds();
    }

    /// `h` (-1) folds one more depth level, `l` (+1) shows one more; manual folds reset.
    pub(crate) fn change_fold_level(&mut self, delta: isize) {
        let max_level = self
            .post
            .comments
            .iter()
            .map(|c| usize::from(c.depth) + 1)
            .max()
            .unwrap_or(0);
        if max_level == 0 {
            self.info("this post has no comments");
            return;
        }
        let current = self.fold_level.unwrap_or(max_level).min(max_level);
        let level = current.saturating_add_signed(delta).clamp(1, max_level);
        self.fold_level = (level < max_level).then_some(level);
        for (i, c) in self.post.comments.iter().enumerate() {
            self.per_comment[i].folded = usize::from(c.depth) + 1 >= level && level < max_level;
        }
        self.apply_folds();
        let text = if level < max_level {
            format!("showing {level} of {max_level} levels")
        } else {
            format!("showing all {max_level} levels")
        };
        self.info(&text);
    }

    /// Unfolds every ancestor of a comment so it shows.
    pub(crate) fn unfold_ancestors(&mut self, index: usize) {
        if self.comments.doc.is_visible(index) {
            return;
        }
        let mut c = index;
        while let Some(p) = self.parent_of(c) {
            self.per_comment[p].folded = false;
            c = p;
        }
        self.apply_folds();
    }
}
