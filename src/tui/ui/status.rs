//! The status line, laid out by priority (message > title > position > hints): network
//! state, a message or the site and title, position %, comment n/N, search position, and key
//! hints generated from the keymap; the search and link prompts.

use crate::tui::action::Action;
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

/// The status line, laid out by priority: the network state and a message first, else the
/// title; then the position; then as many key hints as fit. A cut message ends with the key
/// of the message log, where it can be read in full.
fn status(app: &App, width: usize) -> Line<'static> {
    let theme = &app.settings.theme;
    let mut head: Vec<(String, Style)> = Vec::new();
    match &app.net {
        Net::Loading { .. } => head.push((
            format!(
                "{} {} ",
                SPINNER[app.spinner % SPINNER.len()],
                match app.pages {
                    // A post of several comment pages: how far the fetch is.
                    Some((done, known)) if known > 1 => {
                        format!("comments: page {done} of {known}…")
                    }
                    _ if app.checking => "checking for changes…".to_string(),
                    _ => "loading…".to_string(),
                }
            ),
            theme.accent,
        )),
        Net::Failed(e) => head.push((format!("✗ {e} "), theme.error)),
        Net::Idle => {}
    }
    let message = app.message.is_some() || matches!(app.net, Net::Failed(_));
    if let Some(msg) = &app.message {
        let style = if msg.error { theme.error } else { theme.accent };
        head.push((msg.text.clone(), style));
    } else {
        if let Some(note) = &app.note {
            head.push((format!("[{note}] "), theme.dim));
        }
        let title = if app.post.site.is_empty() {
            app.post.title.clone()
        } else {
            format!("{} · {}", app.post.site, app.post.title)
        };
        head.push((title, theme.title));
    }
    let info = format!(" {} ", info(app).join(" · "));
    let head_width: usize = head.iter().map(|(t, _)| str_width(t)).sum();
    let info_width = str_width(&info);
    // The position is dropped before a message is cut; a title keeps at least half the line.
    let show_info = if message {
        head_width + info_width <= width
    } else {
        head_width + info_width <= width || width.saturating_sub(info_width) >= width / 2
    };
    let right_budget = if show_info { info_width } else { 0 };
    let budget = width.saturating_sub(right_budget);
    let marker = format!(" …{}", super::first_key(app, Action::Messages));
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (text, style)) in head.iter().enumerate() {
        let room = budget.saturating_sub(used);
        let (mut kept, cut) = clip(text, room);
        if cut {
            let is_message = message && i + 1 == head.len();
            kept = if is_message {
                clip(text, room.saturating_sub(str_width(&marker))).0 + &marker
            } else {
                clip(text, room.saturating_sub(1)).0 + "…"
            };
        }
        used += str_width(&kept);
        spans.push(Span::styled(kept, *style));
        if cut {
            break;
        }
    }
    let mut right = Vec::new();
    let mut right_width = 0;
    if show_info {
        right.push(Span::styled(info, theme.accent));
        right_width += info_width;
    }
    if app.mode != Mode::Compose {
        // Hints one by one while they fit, so narrow terminals keep the first few; at 60
        // columns and below only help and back are offered.
        for (k, w) in app.settings.keymap.hints_for_width(width) {
            let hint = format!(" {k} {w}");
            let hint_width = str_width(&hint);
            if used + right_width + hint_width + 1 > width {
                break;
            }
            right_width += hint_width;
            right.push(Span::styled(hint, theme.dim));
        }
    }
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + right_width)),
    ));
    spans.extend(right);
    Line::from(spans)
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;

/// Where the reader is: position %, new comments, comment n/N, replies, outbox, search.
fn info(app: &App) -> Vec<String> {
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
    right
}
