//! Pane geometry and the wrapped-line caches: layout on resize, viewport sizes, and re-wrapping
//! both panes for new widths while keeping each pane's first visible item in place.

use super::{App, Pane, PaneState};
use crate::tui::blocks::Ctx;
use crate::tui::layout::Layout;
use crate::tui::lines::Doc;
use crate::tui::thread::{article_items, comment_item};

impl App {
    /// Forgets the wrapped lines and renders both panes again.
    pub(crate) fn invalidate(&mut self) {
        self.article.doc.width = usize::MAX;
        self.rewrap();
    }

    pub(crate) fn resize(&mut self, width: u16, height: u16) {
        self.layout = Layout::new(width, height, self.settings.side_by_side_min_width);
        self.rewrap();
    }

    /// Visible lines of a pane.
    pub fn viewport(&self, pane: Pane) -> usize {
        usize::from(self.layout.pane(pane).content.height)
    }

    pub(crate) fn page(&self) -> isize {
        isize::try_from(self.viewport(self.focus))
            .unwrap_or(isize::MAX)
            .max(1)
    }

    pub fn pane(&self, pane: Pane) -> &PaneState {
        match pane {
            Pane::Article => &self.article,
            Pane::Comments => &self.comments,
        }
    }

    pub(crate) fn pane_mut(&mut self, pane: Pane) -> &mut PaneState {
        match pane {
            Pane::Article => &mut self.article,
            Pane::Comments => &mut self.comments,
        }
    }

    /// Re-wraps both panes for the current widths, keeping each pane's first visible item.
    pub(crate) fn rewrap(&mut self) {
        let aw = usize::from(self.layout.article.content.width);
        let cw = usize::from(self.layout.comments.content.width);
        if self.article.doc.width == aw
            && self.comments.doc.width == cw
            && self.article.doc.item_count() > 0
        {
            return;
        }
        let anchors = [Pane::Article, Pane::Comments]
            .map(|p| self.pane(p).doc.item_at_line(self.pane(p).top));
        let mut links = Vec::new();
        let theme = &self.settings.theme;
        let mut ctx = Ctx::new(theme, &mut links);
        ctx.zone = self.settings.zone;
        let article = if self.post.url.is_empty() {
            Vec::new() // nothing loaded yet: the pane says "Loading…" or the error
        } else {
            article_items(&self.post, aw, self.now, &mut ctx)
        };
        let deferred = self.comments_deferred;
        let comments = self
            .post
            .comments
            .iter()
            .take_while(|_| !deferred)
            .enumerate()
            .map(|(i, c)| comment_item(c, self.is_new(i), cw, self.now, &mut ctx))
            .collect();
        self.links = links;
        let old = (
            std::mem::replace(&mut self.article.doc, Doc::new(article, aw)),
            std::mem::replace(
                &mut self.comments.doc,
                Doc::new(comments, if deferred { usize::MAX } else { cw }),
            ),
        );
        // Freeing a big thread's old lines takes a while: not on the way to the next frame.
        if old.1.item_count() > 1_000 {
            let _ = std::thread::Builder::new()
                .name("parlor-free".into())
                .spawn(move || drop(old));
        }
        self.apply_folds();
        for (pane, anchor) in [Pane::Article, Pane::Comments].into_iter().zip(anchors) {
            if let Some((item, offset)) = anchor {
                let doc = &self.pane(pane).doc;
                if let Some(top) = doc.item_top(item) {
                    let h = doc.items()[item].height();
                    self.pane_mut(pane).top = top + offset.min(h.saturating_sub(1));
                }
            }
            self.clamp(pane);
        }
        self.refresh_search();
    }
}
