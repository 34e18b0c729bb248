//! The message log screen: every recent status-line message in full (wrapped, never cut),
//! newest first, with how long ago it was said.

use crate::tui::action::Action;
use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn draw_messages(app: &App, frame: &mut Frame, scroll: usize) {
    let area = frame.area();
    if area.height < 3 || area.width < 12 {
        return;
    }
    let theme = &app.settings.theme;
    let list = Rect::new(area.x, area.y, area.width, area.height - 1);
    let block = Block::bordered()
        .border_style(theme.dim)
        .title(Span::styled(
            format!(" Messages ({}) ", app.log.len()),
            theme.title_focused,
        ));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let text_width = usize::from(inner.width).saturating_sub(12).max(8);
    let mut lines = Vec::new();
    if app.log.is_empty() {
        lines.push(Line::styled("No messages yet.", theme.dim));
    }
    // Newest first from `scroll`, so the latest message is at the top when the log opens.
    for entry in app.log.entries().rev().skip(scroll) {
        let style = if entry.error {
            theme.error
        } else {
            Default::default()
        };
        let time = super::pad(&crate::tui::render::time::ago(entry.at, app.now, true), 10);
        for (i, part) in textwrap::wrap(&entry.text, text_width).iter().enumerate() {
            let stamp = if i == 0 { time.clone() } else { " ".repeat(10) };
            let mark = if entry.error && i == 0 { "! " } else { "  " };
            lines.push(Line::from(vec![
                Span::styled(stamp, theme.dim),
                Span::styled(mark, style),
                Span::styled(part.to_string(), style),
            ]));
        }
        if lines.len() >= usize::from(inner.height) {
            break;
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let status = super::library::footer(
        app,
        ("newest first".to_string(), theme.dim),
        "",
        &[
            (Action::ScrollDown, "older"),
            (Action::ScrollUp, "newer"),
            (Action::Quit, "back"),
        ],
        usize::from(area.width),
    );
    frame
        .buffer_mut()
        .set_line(area.x, area.y + area.height - 1, &status, area.width);
}
