//! The comments pane's title (the pane body is drawn by `pane`).

use super::TitlePart;
use crate::tui::app::{App, SortOrder};
use crate::tui::layout::Pane;

/// "Comments (42)", "Comments (42, 7 folded)", or the tabs; " · sorted: newest" when the
/// comments are not in thread order.
pub fn label(app: &App) -> String {
    let mut label = match app.tab_line() {
        Some(tabs) => tabs,
        None => {
            let total = app.post.comments.len();
            let shown = app.comments.doc.visible_items().len();
            if shown < total && !app.comments_deferred {
                format!("Comments ({total}, {} folded)", total - shown)
            } else {
                format!("Comments ({total})")
            }
        }
    };
    if app.sort != SortOrder::Thread {
        label.push_str(" · sorted: ");
        label.push_str(app.sort.label());
    }
    label
}

/// The pane title, plus the hidden article pane announced in single-pane mode.
pub fn title(app: &App, side_by_side: bool) -> Vec<TitlePart> {
    let theme = &app.settings.theme;
    let style = if app.focus == Pane::Comments {
        theme.title_focused
    } else {
        theme.title
    };
    let mut parts = Vec::new();
    if !side_by_side {
        parts.push((" ⇤ Article  ".to_string(), theme.dim));
    }
    parts.push((format!(" {} ", label(app)), style));
    parts
}
