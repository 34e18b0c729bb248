//! Scrolling and jumping: line/page scrolls, the current comment following the view, and
//! jumps to the next/previous comment, parent, next sibling and next top-level comment.

use super::{App, Pane};

/// Where a comment jump goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jump {
    Next,
    Prev,
    Parent,
    Sibling,
    TopLevel,
    PrevSibling,
    PrevTopLevel,
}

impl App {
    /// Scrolls a pane by `delta` lines (clamped).
    pub(crate) fn scroll_by(&mut self, pane: Pane, delta: isize) {
        let top = self.pane(pane).top;
        let new = if delta < 0 {
            top.saturating_sub(delta.unsigned_abs())
        } else {
            top.saturating_add(delta.unsigned_abs())
        };
        self.set_top(pane, new);
    }

    /// Sets a pane's scroll offset (clamped); the current comment follows the view.
    pub(crate) fn set_top(&mut self, pane: Pane, top: usize) {
        self.pane_mut(pane).top = top;
        self.clamp(pane);
        if pane == Pane::Comments {
            self.cursor_follow_view();
        }
    }

    /// `g`/`G`: the top or bottom of the focused pane; in the comments the selection goes to
    /// the first or last comment with it (so `r` answers the comment on screen).
    pub(crate) fn select_edge(&mut self, bottom: bool) {
        self.set_top(self.focus, if bottom { usize::MAX } else { 0 });
        if self.focus == Pane::Comments {
            let rows = self.comments.doc.visible_items();
            let edge = if bottom { rows.last() } else { rows.first() };
            if let Some(&i) = edge {
                self.cursor = i;
            }
        }
    }

    /// The largest useful scroll offset: the last line at the bottom of the pane.
    pub fn max_top(&self, pane: Pane) -> usize {
        self.pane(pane)
            .doc
            .height()
            .saturating_sub(self.viewport(pane))
    }

    pub(crate) fn clamp(&mut self, pane: Pane) {
        let max = self.max_top(pane);
        let state = self.pane_mut(pane);
        state.top = state.top.min(max);
    }

    /// When the current comment scrolled out of view, the first comment in view becomes current.
    fn cursor_follow_view(&mut self) {
        let doc = &self.comments.doc;
        let top = self.comments.top;
        let bottom = top + self.viewport(Pane::Comments);
        let in_view = doc.item_top(self.cursor).is_some_and(|t| {
            let h = doc.items().get(self.cursor).map_or(0, |i| i.height());
            t + h > top && t < bottom
        });
        if !in_view {
            if let Some((item, _)) = doc.item_at_line(top) {
                self.cursor = item;
            }
        }
    }

    /// Makes a comment current and scrolls its header to the top of the pane (as far as the
    /// pane scrolls), unfolding what hides it.
    pub(crate) fn goto_comment(&mut self, index: usize) {
        if index >= self.post.comments.len() {
            return;
        }
        self.unfold_ancestors(index);
        self.cursor = index;
        if let Some(top) = self.comments.doc.item_top(index) {
            self.comments.top = top + 1;
            self.clamp(Pane::Comments);
        }
    }

    /// Comment jumps; they focus the comments pane.
    pub(crate) fn jump(&mut self, jump: Jump) {
        if self.post.comments.is_empty() {
            self.info("this post has no comments");
            return;
        }
        self.focus = Pane::Comments;
        let target = match jump {
            Jump::Next => self.visible_after(self.cursor),
            Jump::Prev => self.visible_before(self.cursor),
            Jump::Parent => self.parent_of(self.cursor),
            Jump::Sibling => self.next_sibling(self.cursor),
            Jump::TopLevel => (self.cursor + 1..self.post.comments.len())
                .find(|&i| self.post.comments[i].depth == 0),
            Jump::PrevSibling => self.prev_sibling(self.cursor),
            Jump::PrevTopLevel => (0..self.cursor)
                .rev()
                .find(|&i| self.post.comments[i].depth == 0),
        };
        match target {
            Some(i) => self.goto_comment(i),
            None => {
                let text = match jump {
                    Jump::Next => "this is the last comment",
                    Jump::Prev => "this is the first comment",
                    Jump::Parent => "this is a top-level comment",
                    Jump::Sibling => "no further reply at this level",
                    Jump::TopLevel => "no further top-level comment",
                    Jump::PrevSibling => "no earlier reply at this level",
                    Jump::PrevTopLevel => "this is the first top-level comment",
                };
                self.info(text);
            }
        }
    }

    /// Marks comments as new since the last visit (ids from the store) and redraws them.
    pub fn mark_new(&mut self, ids: &[String]) {
        let ids: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
        for (state, c) in self.per_comment.iter_mut().zip(&self.post.comments) {
            state.new = ids.contains(c.id.as_str());
        }
        self.invalidate();
    }

    /// `.`: the next new comment after the current one, from the top again after the last.
    pub(crate) fn next_new(&mut self) {
        if !self.per_comment.iter().any(|s| s.new) {
            self.info("no new comments since your last visit");
            return;
        }
        self.focus = Pane::Comments;
        let from = if self.is_new(self.cursor) {
            self.cursor + 1
        } else {
            self.cursor
        };
        match (from..self.per_comment.len()).find(|&i| self.per_comment[i].new) {
            Some(i) => self.goto_comment(i),
            None => {
                if let Some(i) = self.per_comment.iter().position(|s| s.new) {
                    self.goto_comment(i);
                    self.info("back to the first new comment");
                }
            }
        }
    }

    fn visible_after(&self, index: usize) -> Option<usize> {
        let rows = self.comments.doc.visible_items();
        rows.get(rows.partition_point(|&i| i <= index)).copied()
    }

    fn visible_before(&self, index: usize) -> Option<usize> {
        let rows = self.comments.doc.visible_items();
        rows.partition_point(|&i| i < index)
            .checked_sub(1)
            .and_then(|k| rows.get(k))
            .copied()
    }

    /// The nearest earlier comment one level up (the parent in pre-order).
    pub(crate) fn parent_of(&self, index: usize) -> Option<usize> {
        let depth = self.post.comments.get(index)?.depth;
        if depth == 0 {
            return None;
        }
        (0..index)
            .rev()
            .find(|&i| self.post.comments[i].depth < depth)
    }

    /// The previous comment at the same depth under the same parent.
    fn prev_sibling(&self, index: usize) -> Option<usize> {
        let depth = self.post.comments.get(index)?.depth;
        (0..index)
            .rev()
            .take_while(|&i| self.post.comments[i].depth >= depth)
            .find(|&i| self.post.comments[i].depth == depth)
    }

    fn next_sibling(&self, index: usize) -> Option<usize> {
        let end = self.per_comment.get(index)?.subtree_end;
        let depth = self.post.comments[index].depth;
        self.post
            .comments
            .get(end)
            .filter(|c| c.depth == depth)
            .map(|_| end)
    }
}
