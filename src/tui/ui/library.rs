//! The library screen: one row per stored post (when read, site, title, comments, new) with
//! the selection highlighted, and its own status line (filter prompt, refresh progress n/N,
//! messages, key hints generated from the keymap).

use super::{first_key, pad};
use crate::store::LibraryEntry;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::screens::library::LibraryView;
use crate::tui::wrap::{clip, str_width};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

const WHEN: usize = 10;
const SITE: usize = 16;
const COUNT: usize = 8;
const NEW: usize = 6;

pub fn draw_library(app: &App, view: &LibraryView, frame: &mut Frame) {
    let area = frame.area();
    if area.height < 2 || area.width < 10 {
        return;
    }
    let list = Rect::new(area.x, area.y, area.width, area.height - 1);
    let status = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let theme = &app.settings.theme;
    let rows = view.visible();
    let mut title = format!(" Library ({}) ", view.entries.len());
    if !view.filter.is_empty() {
        title.push_str(&format!("/{} ({} shown) ", view.filter, rows.len()));
    }
    let block = Block::bordered()
        .border_style(theme.dim)
        .title(Span::styled(title, theme.title_focused));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let mut lines = Vec::new();
    if view.loading && view.entries.is_empty() {
        lines.push(Line::styled("Reading the library…", theme.dim));
    } else if view.entries.is_empty() {
        lines.push(Line::raw(
            "The library is empty: every post you open is kept here.",
        ));
        lines.push(Line::styled(
            format!(
                "{} opens the welcome post.",
                first_key(app, Action::Welcome)
            ),
            theme.dim,
        ));
    } else if rows.is_empty() {
        lines.push(Line::styled(
            format!("No post matches “{}”.", view.filter),
            theme.dim,
        ));
    } else {
        let title_width = width.saturating_sub(WHEN + SITE + COUNT + NEW + 3);
        lines.push(Line::styled(
            format!(
                "{}{}{}{:>COUNT$}{:>NEW$}",
                pad("Read", WHEN + 1),
                pad("Site", SITE + 1),
                pad("Title", title_width + 1),
                "Comments",
                "New"
            ),
            theme.dim,
        ));
        let body = height.saturating_sub(1).max(1);
        let selected = view.selected.min(rows.len().saturating_sub(1));
        let first = selected.saturating_sub(body - 1);
        for (n, &i) in rows.iter().enumerate().skip(first).take(body) {
            let style = if n == selected {
                theme.cursor
            } else {
                Style::new()
            };
            lines.push(row(app, &view.entries[i], title_width, style));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    frame.buffer_mut().set_line(
        status.x,
        status.y,
        &status_line(app, view, rows.len()),
        status.width,
    );
}

fn row(app: &App, e: &LibraryEntry, title_width: usize, style: Style) -> Line<'static> {
    let when = ago(e.last_read.unwrap_or(e.fetched_at), app.now.timestamp());
    let mut title = if e.title.trim().is_empty() {
        e.url.clone()
    } else {
        e.title.clone()
    };
    // Discussions kept with the post: "+ HN 310 · Lobsters 12".
    if !e.discussions.is_empty() {
        let parts: Vec<String> = e
            .discussions
            .iter()
            .map(|(site, n)| format!("{} {n}", crate::elsewhere::site_label(site)))
            .collect();
        title.push_str(&format!("  + {}", parts.join(" · ")));
    }
    let new = match e.new_count {
        0 => String::new(),
        n => format!("● {n}"),
    };
    let theme = &app.settings.theme;
    Line::from(vec![
        Span::styled(pad(&when, WHEN + 1), style.patch(theme.dim)),
        Span::styled(pad(&e.site, SITE + 1), style.patch(theme.author)),
        Span::styled(pad(&title, title_width + 1), style),
        Span::styled(format!("{:>COUNT$}", e.comment_count), style),
        Span::styled(format!("{new:>NEW$}"), style.patch(theme.accent)),
    ])
}

/// "just now", "5m ago", "3h ago", "2d ago", then the date.
pub fn ago(then: i64, now: i64) -> String {
    crate::tui::render::time::ago_ts(then, now, true)
}

fn status_line(app: &App, view: &LibraryView, shown: usize) -> Line<'static> {
    let theme = &app.settings.theme;
    let width = usize::from(app.layout.status.width.max(1));
    let (left, style) = if view.filtering {
        (format!("/{}▏", view.filter), Style::new())
    } else if let Some(msg) = &app.message {
        (
            msg.text.clone(),
            if msg.error { theme.error } else { theme.accent },
        )
    } else if let Some((done, total, _)) = view.progress {
        (format!("refreshing {done}/{total}…"), theme.accent)
    } else {
        let noun = if shown == 1 { "post" } else { "posts" };
        (format!("{shown} {noun}"), theme.dim)
    };
    footer(
        app,
        (left, style),
        " Enter open",
        &[
            (Action::Reload, "refresh"),
            (Action::RefreshAll, "all"),
            (Action::DeletePost, "delete"),
            (Action::Search, "filter"),
            (Action::Welcome, "welcome"),
            (Action::Quit, "back"),
        ],
        width,
    )
}

/// A list screen's footer: `left` (message or count) and the key hints generated from the
/// keymap, dropped when they do not fit.
pub fn footer(
    app: &App,
    (left, style): (String, Style),
    enter: &str,
    actions: &[(Action, &str)],
    width: usize,
) -> Line<'static> {
    let theme = &app.settings.theme;
    let hints = actions
        .iter()
        .filter_map(|(a, w)| {
            let key = app.settings.keymap.keys_for(*a).first()?.display();
            Some(format!(" {key} {w}"))
        })
        .fold(enter.to_string(), |acc, h| acc + &h)
        + " ";
    let (left, _) = clip(&left, width.saturating_sub(1));
    let room = width.saturating_sub(str_width(&left));
    let hints = if str_width(&hints) < room {
        hints
    } else {
        String::new()
    };
    let fill = room.saturating_sub(str_width(&hints));
    Line::from(vec![
        Span::styled(left, style),
        Span::raw(" ".repeat(fill)),
        Span::styled(hints, theme.dim),
    ])
}
