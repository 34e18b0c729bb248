//! The view: `draw(&App, &mut Frame)` lays out the panes, the status line and overlays.
//! Reads the app only; never changes it.

mod article;
mod blogs;
mod comments;
pub mod compose;
mod help;
mod library;
mod pane;
mod status;

use super::app::App;
use super::layout::Pane;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

/// Draws one frame.
pub fn draw(app: &App, frame: &mut Frame) {
    let layout = app.layout;
    if let Some(view) = &app.blogs {
        blogs::draw_blogs(app, view, frame);
    } else if let Some(view) = &app.library {
        library::draw_library(app, view, frame);
        blogs::draw_badge(app, frame);
    } else if layout.side_by_side {
        pane::draw_pane(app, frame, Pane::Article, &article::title(app, true));
        pane::draw_pane(app, frame, Pane::Comments, &comments::title(app, true));
        if let Some(sep) = layout.separator {
            frame.render_widget(
                Block::new()
                    .borders(Borders::LEFT)
                    .border_style(app.settings.theme.dim),
                sep,
            );
        }
    } else {
        let title = match app.focus {
            Pane::Article => article::title(app, false),
            Pane::Comments => comments::title(app, false),
        };
        pane::draw_pane(app, frame, app.focus, &title);
    }
    if app.library.is_none() && app.blogs.is_none() {
        status::draw_status(app, frame);
    }
    if let (super::app::Mode::Compose, Some(c)) = (&app.mode, &app.compose) {
        compose::draw_compose(app, frame, c);
    }
    if let super::app::Mode::Help(scroll) = app.mode {
        help::draw_help(app, frame, scroll);
    }
}

/// "Comments (42)" or "Comments (42, 7 folded)", as the pane titles say it.
pub fn comments_label(app: &App) -> String {
    comments::label(app)
}

/// A title part: text and style.
pub(crate) type TitlePart = (String, Style);
