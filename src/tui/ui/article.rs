//! The article pane's title (the pane body is drawn by `pane`).

use super::TitlePart;
use crate::tui::app::App;
use crate::tui::layout::Pane;

/// "Article", plus the hidden comments pane announced in single-pane mode.
pub fn title(app: &App, side_by_side: bool) -> Vec<TitlePart> {
    let theme = &app.settings.theme;
    let style = if app.focus == Pane::Article {
        theme.title_focused
    } else {
        theme.title
    };
    let mut parts = vec![(" Article ".to_string(), style)];
    if !side_by_side {
        parts.push((format!("  {} ⇥ ", super::comments::label(app)), theme.dim));
    }
    parts
}
