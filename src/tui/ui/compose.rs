//! The compose pane: the parent quoted above for context (at most a third of the screen), the
//! editor, the key hints from the keymap; the identity form over it when it is open.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::compose::identity::LABELS;
use crate::tui::compose::{Compose, IdentityForm};
use crate::tui::wrap::clip;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// Draws the compose pane over everything but the status line.
pub fn draw_compose(app: &App, frame: &mut Frame, compose: &Compose) {
    let area = frame.area();
    let rect = Rect {
        height: area.height.saturating_sub(app.layout.status.height.max(1)),
        ..area
    };
    if rect.width < 10 || rect.height < 5 {
        return;
    }
    let theme = &app.settings.theme;
    let title = match &compose.parent {
        Some(_) => format!(" Reply to {} ", compose.parent_author),
        None => format!(" Comment on “{}” ", app.post.title),
    };
    let (title, _) = clip(&title, usize::from(rect.width.saturating_sub(4)));
    let mut block = Block::bordered()
        .border_style(theme.accent)
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::styled(hints(app), theme.dim));
    if compose.sending {
        block = block.title(Line::styled(" sending… ", theme.accent).right_aligned());
    }
    let inner = block.inner(rect);
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);

    let quote: Vec<&str> = compose.quote.lines().collect();
    let room = usize::from(inner.height / 3);
    let shown = if quote.len() > room {
        room.saturating_sub(1)
    } else {
        quote.len()
    };
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = quote[..shown]
        .iter()
        .map(|l| Line::styled(clip(l, width).0, theme.quote))
        .collect();
    if shown < quote.len() {
        lines.push(Line::styled(
            clip(
                &format!(
                    "> … ({} more lines; Ctrl-q quotes all)",
                    quote.len() - shown
                ),
                width,
            )
            .0,
            theme.dim,
        ));
    }
    let quote_height = u16::try_from(lines.len()).unwrap_or(0);
    let mut top = inner.y;
    if quote_height > 0 {
        frame.render_widget(
            Paragraph::new(lines),
            Rect {
                height: quote_height,
                ..inner
            },
        );
        top += quote_height;
        frame
            .buffer_mut()
            .set_string(inner.x, top, "─".repeat(width), theme.dim);
        top += 1;
    }
    let editor = Rect {
        y: top,
        height: inner.height.saturating_sub(top - inner.y),
        ..inner
    };
    if editor.height > 0 {
        frame.render_widget(&compose.textarea, editor);
    }
    if let Some(form) = &compose.identity {
        draw_identity(app, frame, form, rect);
    }
}

/// "Ctrl-s send · Ctrl-q quote · Ctrl-e editor · Esc close" from the compose keymap.
fn hints(app: &App) -> String {
    let keys = &app.settings.keymap;
    let parts: Vec<String> = [
        (Action::Send, "send"),
        (Action::QuoteParent, "quote"),
        (Action::Editor, "$EDITOR"),
        (Action::Cancel, "close (draft kept)"),
    ]
    .iter()
    .filter_map(|(a, word)| {
        keys.compose_keys_for(*a)
            .first()
            .map(|k| format!("{} {word}", k.display()))
    })
    .collect();
    format!(" {} ", parts.join(" · "))
}

fn draw_identity(app: &App, frame: &mut Frame, form: &IdentityForm, over: Rect) {
    let theme = &app.settings.theme;
    let width = over.width.saturating_sub(4).min(64);
    let height = 8u16.min(over.height);
    if width < 20 || height < 6 {
        return;
    }
    let rect = Rect::new(
        over.x + (over.width - width) / 2,
        over.y + (over.height - height) / 2,
        width,
        height,
    );
    let field_width = usize::from(width).saturating_sub(14);
    let mut lines = vec![Line::styled(
        "Sent only to this blog, with your comment.",
        theme.dim,
    )];
    for (i, label) in LABELS.iter().enumerate() {
        let focused = form.focus == i;
        let value = match i {
            3 => (if form.remember {
                "yes (config.toml)"
            } else {
                "no"
            })
            .to_string(),
            _ => {
                let v = &form.values[i];
                let shown = if v.chars().count() > field_width {
                    let skip = v.chars().count() - field_width;
                    v.chars().skip(skip).collect()
                } else {
                    v.clone()
                };
                if focused {
                    format!("{shown}▏")
                } else {
                    shown
                }
            }
        };
        let required = (i == 0 && form.needs_name) || (i == 1 && form.needs_email);
        let label = format!("{}{label:<9}", if required { "*" } else { " " });
        let style = if focused { theme.cursor } else { theme.dim };
        lines.push(Line::from(vec![
            Span::styled(label, theme.accent),
            Span::raw(" "),
            Span::styled(value, style),
        ]));
    }
    let block = Block::bordered()
        .title(Span::styled(" Who are you? ", theme.title))
        .title_bottom(Line::styled(
            " Tab next · Enter on Remember sends · Esc back ",
            theme.dim,
        ));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
