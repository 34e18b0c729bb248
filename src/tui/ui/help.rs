//! The help overlay: every action with its keys, generated from the keymap.

use crate::tui::app::App;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw_help(app: &App, frame: &mut Frame, scroll: usize) {
    let area = frame.area();
    let theme = &app.settings.theme;
    let rows = app.settings.keymap.help_rows();
    let key_width = rows
        .iter()
        .map(|(k, _, _)| crate::tui::wrap::str_width(k))
        .max()
        .unwrap_or(0)
        .min(24);
    let width = area.width.saturating_sub(4).min(76);
    let height = area
        .height
        .saturating_sub(2)
        .min(u16::try_from(rows.len() + 2).unwrap_or(u16::MAX));
    if width < 10 || height < 3 {
        return;
    }
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let lines: Vec<Line> = rows
        .iter()
        .skip(scroll)
        .map(|(keys, name, description)| {
            let (keys, _) = crate::tui::wrap::clip(keys, key_width);
            Line::from(vec![
                Span::styled(format!("{keys:<key_width$}  "), theme.accent),
                Span::raw(description.to_string()),
                Span::styled(format!("  {name}"), theme.dim),
            ])
        })
        .collect();
    let block = Block::bordered()
        .title(Span::styled(" Keys ", theme.title))
        .title_bottom(Line::styled(footer(app), theme.dim));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// " j k scroll · ? q closes · … " from the current keymap.
fn footer(app: &App) -> String {
    use crate::tui::action::Action;
    let first = |a: Action| {
        app.settings
            .keymap
            .keys_for(a)
            .first()
            .map(|k| k.display())
            .unwrap_or_default()
    };
    format!(
        " {} {} scroll · {} {} closes · rebind in config.toml [keys] ",
        first(Action::ScrollDown),
        first(Action::ScrollUp),
        first(Action::Help),
        first(Action::Quit)
    )
}
