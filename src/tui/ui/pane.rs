//! Draws one pane: its title row and only the visible window of its wrapped lines, with
//! search matches highlighted and the current comment marked in the gutter.

use super::TitlePart;
use crate::tui::app::{App, Net};
use crate::tui::layout::Pane;
use crate::tui::search::Match;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// The gutter mark of the current comment.
const CURSOR_MARK: &str = "▌";

pub fn draw_pane(app: &App, frame: &mut Frame, pane: Pane, title: &[TitlePart]) {
    let rect = app.layout.pane(pane);
    let area = frame.area();
    let title_line = Line::from(
        title
            .iter()
            .map(|(t, s)| Span::styled(t.clone(), *s))
            .collect::<Vec<_>>(),
    );
    let buf = frame.buffer_mut();
    let clip = |r: ratatui::layout::Rect| r.intersection(area);
    let title_rect = clip(rect.title);
    if title_rect.width > 0 && title_rect.height > 0 {
        buf.set_line(title_rect.x, title_rect.y, &title_line, title_rect.width);
    }
    let content = clip(rect.content);
    if content.width == 0 || content.height == 0 {
        return;
    }
    let state = app.pane(pane);
    if state.doc.height() == 0 {
        // Wrapped: an error message must be readable in full on a narrow terminal.
        let line = empty_text(app, pane);
        ratatui::widgets::Widget::render(
            ratatui::widgets::Paragraph::new(line).wrap(ratatui::widgets::Wrap { trim: true }),
            content,
            buf,
        );
        return;
    }
    let search = app.search.as_ref().filter(|s| s.pane == pane);
    let current = search.and_then(|s| s.current.and_then(|c| s.matches.get(c)).copied());
    let theme = &app.settings.theme;
    for (row, wl) in state
        .doc
        .window(state.top, usize::from(content.height))
        .into_iter()
        .enumerate()
    {
        let mut line = match search.map(|s| s.on_line(wl.item, wl.index)) {
            Some(ms) if !ms.is_empty() => highlight(
                wl.line,
                ms,
                current,
                theme.search_match,
                theme.search_current,
            ),
            _ => wl.line.clone(),
        };
        if pane == Pane::Comments && wl.item == app.cursor {
            if let Some(first) = line.spans.first_mut().filter(|s| s.content == " ") {
                *first = Span::styled(CURSOR_MARK, theme.cursor);
            }
        }
        let y = content.y + u16::try_from(row).unwrap_or(u16::MAX);
        buf.set_line(content.x, y, &line, content.width);
    }
}

fn empty_text(app: &App, pane: Pane) -> Line<'static> {
    let theme = &app.settings.theme;
    match (&app.net, pane) {
        (Net::Loading { .. }, _) => Line::styled("Loading…", theme.dim),
        (Net::Failed(e), Pane::Article) => {
            Line::styled(format!("Could not load the post: {e}"), theme.error)
        }
        (_, Pane::Comments) if app.post.comment_system.is_some() => {
            let name = app
                .post
                .comment_system
                .as_ref()
                .map(|s| s.display_name())
                .unwrap_or_default();
            Line::styled(format!("Comments load from {name}."), theme.dim)
        }
        (_, Pane::Comments) if app.post.comments_closed => {
            Line::styled("No comments; comments are closed.", theme.dim)
        }
        (_, Pane::Comments) => Line::styled("No comments.", theme.dim),
        (_, Pane::Article) => Line::styled("This post has no text.", theme.dim),
    }
}

/// Splits a line's spans so the matched byte ranges get the match style.
pub fn highlight(
    line: &Line<'static>,
    matches: &[Match],
    current: Option<Match>,
    style: Style,
    current_style: Style,
) -> Line<'static> {
    let mut out = Vec::with_capacity(line.spans.len() + 2 * matches.len());
    let mut pos = 0;
    for span in &line.spans {
        let text = span.content.as_ref();
        let (s0, s1) = (pos, pos + text.len());
        let mut cut = s0;
        for m in matches {
            let (a, b) = (m.start.max(s0), m.end.min(s1));
            if a >= b || a < cut {
                continue;
            }
            let hl = if Some(*m) == current {
                current_style
            } else {
                style
            };
            if let (Some(before), Some(inside)) =
                (text.get(cut - s0..a - s0), text.get(a - s0..b - s0))
            {
                if !before.is_empty() {
                    out.push(Span::styled(before.to_string(), span.style));
                }
                out.push(Span::styled(inside.to_string(), span.style.patch(hl)));
                cut = b;
            }
        }
        if let Some(rest) = text.get(cut - s0..) {
            if !rest.is_empty() {
                out.push(Span::styled(rest.to_string(), span.style));
            }
        }
        pos = s1;
    }
    Line::from(out)
}
