//! The view: `draw(&App, &mut Frame)` lays out the panes, the status line and overlays.
//! Reads the app only; never changes it.

mod article;
mod blogs;
pub(crate) mod comments;
pub mod compose;
mod drafts;
mod help;
mod library;
mod messages;
mod pane;
mod status;

use super::app::App;
use super::layout::Pane;
use super::screens::blogs::Browse;
use super::screens::Screen;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

/// Draws one frame: the top screen (an overlay over the screen under it).
pub fn draw(app: &App, frame: &mut Frame) {
    let screens = app.screens.screens();
    let top = screens.len().saturating_sub(1);
    draw_screen(app, frame, &app.screens.top().clone(), top);
}

fn draw_screen(app: &App, frame: &mut Frame, screen: &Screen, index: usize) {
    match screen {
        Screen::Reader => draw_reader(app, frame),
        Screen::Library(view) => {
            library::draw_library(app, view, frame);
            blogs::draw_badge(app, frame);
        }
        Screen::Blogs => blogs::draw_blogs(app, Browse::Blogs, frame),
        Screen::Posts => blogs::draw_blogs(app, Browse::Posts, frame),
        Screen::Replies => blogs::draw_blogs(app, Browse::Replies, frame),
        Screen::Help(scroll) => {
            if let Some(under) = index.checked_sub(1) {
                if let Some(screen) = app.screens.screens().get(under) {
                    draw_screen(app, frame, screen, under);
                }
            }
            help::draw_help(app, frame, *scroll);
        }
        Screen::Messages(scroll) => messages::draw_messages(app, frame, *scroll),
        Screen::Drafts(view) => drafts::draw_drafts(app, view, frame),
    }
}

fn draw_reader(app: &App, frame: &mut Frame) {
    let layout = app.layout;
    if layout.side_by_side {
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
    status::draw_status(app, frame);
    if let (super::app::Mode::Compose, Some(c)) = (&app.mode, &app.compose) {
        compose::draw_compose(app, frame, c);
    }
}

/// "Comments (42)" or "Comments (42, 7 folded)", as the pane titles say it.
pub fn comments_label(app: &App) -> String {
    comments::label(app)
}

/// A title part: text and style.
pub(crate) type TitlePart = (String, Style);

/// `text` clipped to `width - 1` columns (with "…" when cut) and padded to `width`.
pub(crate) fn pad(text: &str, width: usize) -> String {
    use super::wrap::{clip, str_width};
    let (mut kept, cut) = clip(text, width.saturating_sub(1));
    if cut {
        kept = clip(text, width.saturating_sub(2)).0 + "…";
    }
    let fill = width.saturating_sub(str_width(&kept));
    kept + &" ".repeat(fill)
}

/// The first key bound to `action`, as help shows it (its config name when unbound).
pub(crate) fn first_key(app: &App, action: super::action::Action) -> String {
    app.settings.keymap.first(action)
}
