//! The status line: network state, site and title (or a message), position %, comment n/N,
//! search position, and key hints generated from the keymap; the search and link prompts.

use crate::tui::app::{App, Mode, Net};
use crate::tui::layout::Pane;
use crate::tui::wrap::{clip, str_width};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::Frame;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn draw_status(app: &App, frame: &mut Frame) {
    let rect = app.layout.status.intersection(frame.area());
    if rect.width == 0 || rect.height == 0 {
        return;
    }
    let line = match &app.mode {
        Mode::Search(query) => prompt(
            app,
            &format!("/{query}"),
            app.search.as_ref().map(|s| s.position()),
        ),
        Mode::Link(input) => prompt(
            app,
            &format!("open link [{input}"),
            Some(format!(
                "] of 1–{} · Enter opens · Esc cancels",
                app.links.len()
            )),
        ),
        _ => status(app, usize::from(rect.width)),
    };
    frame
        .buffer_mut()
        .set_line(rect.x, rect.y, &line, rect.width);
}

fn prompt(app: &App, text: &str, after: Option<String>) -> Line<'static> {
    let theme = &app.settings.theme;
    let mut spans = vec![
        Span::styled(text.to_string(), Style::new()),
        Span::styled("▏", theme.cursor),
    ];
    if let Some(after) = after {
        spans.push(Span::styled(format!("  {after}"), theme.dim));
    }
    Line::from(spans)
}

/// Position in the focused pane: "all", "top", "37%", "end".
pub fn position(app: &App, pane: Pane) -> String {
    let state = app.pane(pane);
    let total = state.doc.height();
    let view = app.viewport(pane);
    if total <= view {
        return "all".into();
    }
    if state.top == 0 {
        return "top".into();
    }
    let bottom = (state.top + view).min(total);
    if bottom >= total {
        return "end".into();
    }
    format!("{}%", bottom * 100 / total)
}

fn status(app: &App, width: usize) -> Line<'static> {
    let theme = &app.settings.theme;
    let mut left: Vec<(String, Style)> = Vec::new();
    match &app.net {
        Net::Loading { .. } => left.push((
            format!(
                "{} {} ",
                SPINNER[app.spinner % SPINNER.len()],
                if app.checking {
                    "checking for changes…"
                } else {
                    "loading…"
                }
            ),
            theme.accent,
        )),
        Net::Failed(e) => left.push((format!("✗ {e} "), theme.error)),
        Net::Idle => {}
    }
    if let Some(msg) = &app.message {
        left.push((
            msg.text.clone(),
            if msg.error { theme.error } else { theme.accent },
        ));
    } else {
        if let Some(note) = &app.note {
            left.push((format!("[{note}] "), theme.dim));
        }
        let title = if app.post.site.is_empty() {
            app.post.title.clone()
        } else {
            format!("{} · {}", app.post.site, app.post.title)
        };
        left.push((title, theme.title));
    }
    let mut right = vec![position(app, app.focus)];
    match app.new_count() {
        0 => {}
        n => right.push(format!("● {n} new")),
    }
    if !app.post.comments.is_empty() {
        right.push(format!("#{}/{}", app.cursor + 1, app.post.comments.len()));
    }
    if app.unseen_replies > 0 {
        right.push(super::blogs::replies_badge(app));
    }
    if app.outbox_queued > 0 {
        right.push(format!("outbox {}", app.outbox_queued));
    }
    if let Some(search) = &app.search {
        right.push(format!("/{} {}", search.query, search.position()));
    }
    let info = format!(" {} ", right.join(" · "));
    let composing = app.mode == Mode::Compose;
    let hints: String = app
        .settings
        .keymap
        .hints()
        .iter()
        .map(|(k, w)| format!(" {k} {w}"))
        .filter(|_| !composing)
        .collect();
    let mut right_parts = vec![(info, theme.accent)];
    let left_width: usize = left.iter().map(|(t, _)| str_width(t)).sum();
    if left_width + str_width(&right_parts[0].0) + str_width(&hints) + 2 <= width
        || app.message.is_none() && str_width(&right_parts[0].0) + str_width(&hints) + 20 <= width
    {
        right_parts.push((hints, theme.dim));
    }
    let right_width: usize = right_parts.iter().map(|(t, _)| str_width(t)).sum();
    let budget = width.saturating_sub(right_width + 1);
    let mut spans = Vec::new();
    let mut used = 0;
    for (text, style) in left {
        let room = budget.saturating_sub(used);
        let (mut kept, cut) = clip(&text, room);
        if cut {
            kept = clip(&text, room.saturating_sub(1)).0 + "…";
        }
        used += str_width(&kept);
        spans.push(Span::styled(kept, style));
        if cut {
            break;
        }
    }
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + right_width)),
    ));
    spans.extend(right_parts.into_iter().map(|(t, s)| Span::styled(t, s)));
    Line::from(spans)
}
