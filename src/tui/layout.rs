//! Where the panes go for a terminal size: side by side from a width on, else one full-width
//! pane at a time. Pure, shared by `App` (wrap widths, page sizes, mouse hits) and the views.

use ratatui::layout::Rect;

/// The two panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Article,
    Comments,
}

impl Pane {
    pub fn other(self) -> Pane {
        match self {
            Pane::Article => Pane::Comments,
            Pane::Comments => Pane::Article,
        }
    }
}

/// One pane's areas: its title row and its text area (one column of margin each side).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaneRect {
    pub outer: Rect,
    pub title: Rect,
    pub content: Rect,
}

/// The screen split for one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// Both panes visible.
    pub side_by_side: bool,
    /// Where each pane is (or would be, when hidden in single-pane mode).
    pub article: PaneRect,
    pub comments: PaneRect,
    /// The column between the panes when side by side.
    pub separator: Option<Rect>,
    pub status: Rect,
}

impl Layout {
    /// Computes the layout of a `width` × `height` screen.
    pub fn new(width: u16, height: u16, side_by_side_min_width: u16) -> Layout {
        let body_height = height.saturating_sub(1);
        let status = Rect::new(0, body_height, width, height.min(1));
        if width >= side_by_side_min_width && width >= 3 {
            let left = (width - 1) / 2;
            let right = width - 1 - left;
            Layout {
                side_by_side: true,
                article: pane_rect(Rect::new(0, 0, left, body_height)),
                comments: pane_rect(Rect::new(left + 1, 0, right, body_height)),
                separator: Some(Rect::new(left, 0, 1, body_height)),
                status,
            }
        } else {
            let full = pane_rect(Rect::new(0, 0, width, body_height));
            Layout {
                side_by_side: false,
                article: full,
                comments: full,
                separator: None,
                status,
            }
        }
    }

    pub fn pane(&self, pane: Pane) -> PaneRect {
        match pane {
            Pane::Article => self.article,
            Pane::Comments => self.comments,
        }
    }

    /// Which pane shows at a screen position (`focus` is the one shown in single-pane mode).
    pub fn pane_at(&self, column: u16, row: u16, focus: Pane) -> Option<Pane> {
        if row >= self.status.y {
            return None;
        }
        if !self.side_by_side {
            return Some(focus);
        }
        let hit = |r: Rect| column >= r.x && column < r.x + r.width;
        if hit(self.article.outer) {
            Some(Pane::Article)
        } else if hit(self.comments.outer) {
            Some(Pane::Comments)
        } else {
            None
        }
    }
}

fn pane_rect(outer: Rect) -> PaneRect {
    let title = Rect::new(outer.x, outer.y, outer.width, outer.height.min(1));
    let content = Rect::new(
        outer.x.saturating_add(1).min(outer.x + outer.width),
        outer.y + title.height,
        outer.width.saturating_sub(2),
        outer.height.saturating_sub(title.height),
    );
    PaneRect {
        outer,
        title,
        content,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_from_the_threshold() {
        let wide = Layout::new(160, 48, 140);
        assert!(wide.side_by_side);
        assert_eq!(wide.article.content, Rect::new(1, 1, 77, 46));
        assert_eq!(wide.comments.content, Rect::new(81, 1, 78, 46));
        assert_eq!(wide.status, Rect::new(0, 47, 160, 1));
        assert_eq!(wide.pane_at(100, 3, Pane::Article), Some(Pane::Comments));
        let narrow = Layout::new(139, 30, 140);
        assert!(!narrow.side_by_side);
        assert_eq!(narrow.comments.content, Rect::new(1, 1, 137, 28));
        assert_eq!(narrow.pane_at(100, 3, Pane::Article), Some(Pane::Article));
    }

    #[test]
    fn tiny_screens_do_not_underflow() {
        let l = Layout::new(1, 1, 140);
        assert_eq!(l.article.content.width, 0);
        assert_eq!(l.article.content.height, 0);
    }
}
