//! The Drafts screen: one row per unsent draft (when edited, the post, reply or comment, the
//! first words), the selection highlighted, and its status line with key hints.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::screens::drafts::DraftsView;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

const WHEN: usize = 10;
const KIND: usize = 9;

pub fn draw_drafts(app: &App, view: &DraftsView, frame: &mut Frame) {
    let area = frame.area();
    if area.height < 3 || area.width < 12 {
        return;
    }
    let theme = &app.settings.theme;
    let list = Rect::new(area.x, area.y, area.width, area.height - 1);
    let block = Block::bordered()
        .border_style(theme.dim)
        .title(Span::styled(
            format!(" Drafts ({}) ", view.drafts.len()),
            theme.title_focused,
        ));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height).max(1);
    let mut lines = Vec::new();
    if view.loading && view.drafts.is_empty() {
        lines.push(Line::styled("Reading the drafts…", theme.dim));
    } else if view.drafts.is_empty() {
        lines.push(Line::raw("No unsent drafts."));
    } else {
        let title_width = width.saturating_sub(WHEN + KIND) / 2;
        let selected = view.selected.min(view.drafts.len() - 1);
        let first = selected.saturating_sub(height - 1);
        let now = app.now.timestamp();
        for (n, d) in view.drafts.iter().enumerate().skip(first).take(height) {
            let title = d.post_title.clone().unwrap_or_else(|| d.post_key.clone());
            let kind = if d.parent_id.is_some() {
                "reply"
            } else {
                "comment"
            };
            let words = crate::blogs::first_line(&d.body);
            let style = if n == selected {
                theme.cursor
            } else {
                Default::default()
            };
            let text = format!(
                "{}{}{}  {}",
                super::pad(&super::library::ago(d.updated_at, now), WHEN),
                super::pad(kind, KIND),
                super::pad(&title, title_width),
                words
            );
            lines.push(Line::styled(super::pad(&text, width), style));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let left = match &app.message {
        Some(m) => (
            m.text.clone(),
            if m.error { theme.error } else { theme.accent },
        ),
        None => (String::new(), theme.dim),
    };
    let status = super::library::footer(
        app,
        left,
        " Enter open",
        &[
            (Action::SendDraft, "send"),
            (Action::DeletePost, "delete"),
            (Action::Quit, "back"),
        ],
        usize::from(area.width),
    );
    frame
        .buffer_mut()
        .set_line(area.x, area.y + area.height - 1, &status, area.width);
}
