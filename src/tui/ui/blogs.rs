//! The Blogs, Posts and "Replies to you" screens: one row per blog (name, posts, unread, new
//! comments, last refresh, an error marker), per post (new/unread marker, date, title,
//! comments +new) or per reply (who, when, post, first line), the selection highlighted, and a
//! status line (refresh progress n/N, messages, the selected blog's error, key hints from the
//! keymap). Also the "replies to you" badge drawn over the library's border.

use super::library::{ago, footer};
use super::{first_key, pad};
use crate::blogs::first_line;
use crate::store::{BlogSummary, ReplyRecord, StoredItem};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::screens::blogs::{BlogsView, Browse};
use crate::tui::wrap::{clip, str_width};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

const MARK: usize = 2;
const NUM: usize = 7;
const WHEN: usize = 11;
const COMMENTS: usize = 12;
const NEW: usize = 10;
const WHO: usize = 15;
const POST: usize = 24;

pub fn draw_blogs(app: &App, kind: Browse, frame: &mut Frame) {
    let view = &app.browse;
    let area = frame.area();
    if area.height < 2 || area.width < 10 {
        return;
    }
    let list = Rect::new(area.x, area.y, area.width, area.height - 1);
    let theme = &app.settings.theme;
    let block = Block::bordered()
        .border_style(theme.dim)
        .title(Span::styled(title(view, kind), theme.title_focused));
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let width = usize::from(inner.width);
    let body = usize::from(inner.height).saturating_sub(1).max(1);
    let (header, rows, selected) = match kind {
        Browse::Blogs => blog_rows(app, &view.blogs, width),
        Browse::Posts => post_rows(app, &view.posts, width),
        Browse::Replies => reply_rows(app, &view.replies, width),
    };
    let mut lines = Vec::new();
    if rows.is_empty() {
        lines = empty(app, view, kind);
    } else {
        lines.push(Line::styled(header, theme.dim));
        let selected = selected(view).min(rows.len() - 1);
        let first = selected.saturating_sub(body - 1);
        for (n, row) in rows.into_iter().enumerate().skip(first).take(body) {
            lines.push(if n == selected {
                highlight(row, theme.cursor)
            } else {
                row
            });
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let y = area.y + area.height - 1;
    frame.buffer_mut().set_line(
        area.x,
        y,
        &status_line(app, view, kind, area.width),
        area.width,
    );
}

/// The block title: which screen, how many rows.
fn title(view: &BlogsView, kind: Browse) -> String {
    match kind {
        Browse::Blogs => format!(" Blogs ({}) ", view.blogs.len()),
        Browse::Posts => {
            let name = view.blog.as_ref().map_or("", |(_, t)| t.as_str());
            format!(" {name} · {} posts ", view.posts.len())
        }
        Browse::Replies => {
            let unseen = view.replies.iter().filter(|r| !r.seen).count();
            match unseen {
                0 => format!(" Replies to you ({}) ", view.replies.len()),
                n => format!(" Replies to you ({}, {n} new) ", view.replies.len()),
            }
        }
    }
}

type Rows = (String, Vec<Line<'static>>, fn(&BlogsView) -> usize);

fn blog_rows(app: &App, blogs: &[BlogSummary], width: usize) -> Rows {
    let theme = &app.settings.theme;
    let name = width.saturating_sub(MARK + 2 * NUM + NEW + WHEN + 1);
    let header = format!(
        "{}{}{:>NUM$}{:>NUM$}{:>NEW$} {}",
        pad("", MARK),
        pad("Blog", name),
        "Posts",
        "Unread",
        "Comments",
        "Refreshed"
    );
    let rows = blogs
        .iter()
        .map(|b| {
            let checked = b
                .checked_at
                .map_or_else(|| "never".to_string(), |t| ago(t, app.now.timestamp()));
            let (mark, mark_style) = match &b.last_error {
                Some(_) => ("!", theme.error),
                None => ("", Style::new()),
            };
            Line::from(vec![
                Span::styled(pad(mark, MARK), mark_style),
                Span::styled(pad(&b.title, name), theme.author),
                Span::raw(format!("{:>NUM$}", b.posts)),
                Span::raw(format!("{:>NUM$}", count(b.unread, "", ""))),
                Span::styled(
                    format!("{:>NEW$}", count(b.new_comments, "● ", " new")),
                    theme.accent,
                ),
                Span::styled(format!(" {}", pad(&checked, WHEN)), theme.dim),
            ])
        })
        .collect();
    (header, rows, |v| v.blog_row)
}

fn post_rows(app: &App, posts: &[StoredItem], width: usize) -> Rows {
    let theme = &app.settings.theme;
    let title = width.saturating_sub(MARK + WHEN + COMMENTS);
    const C: usize = COMMENTS - 1;
    let header = format!(
        "{}{}{}{:>C$} ",
        pad("", MARK),
        pad("Date", WHEN),
        pad("Title", title),
        "Comments"
    );
    let rows = posts
        .iter()
        .map(|i| {
            let (mark, mark_style) = if i.is_new {
                ("●", theme.accent)
            } else if !i.read {
                ("•", Style::new())
            } else {
                ("", Style::new())
            };
            let date = i
                .published
                .as_deref()
                .and_then(|d| d.get(..10))
                .unwrap_or("");
            let comments = match (i.comment_count, i.new_comments) {
                (None, _) => String::new(),
                (Some(n), 0) => n.to_string(),
                (Some(n), new) => format!("{n} (+{new})"),
            };
            let style = if i.read {
                theme.dim
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            };
            let shown = if i.title.trim().is_empty() {
                i.url.as_str()
            } else {
                i.title.as_str()
            };
            Line::from(vec![
                Span::styled(pad(mark, MARK), mark_style),
                Span::styled(pad(date, WHEN), theme.dim),
                Span::styled(pad(shown, title), style),
                Span::styled(
                    format!("{comments:>C$} "),
                    if i.new_comments > 0 {
                        theme.accent
                    } else {
                        Style::new()
                    },
                ),
            ])
        })
        .collect();
    (header, rows, |v| v.post_row)
}

fn reply_rows(app: &App, replies: &[ReplyRecord], width: usize) -> Rows {
    let theme = &app.settings.theme;
    let text = width.saturating_sub(MARK + WHO + WHEN + POST);
    let header = format!(
        "{}{}{}{}{}",
        pad("", MARK),
        pad("Who", WHO),
        pad("When", WHEN),
        pad("Post", POST),
        "Reply"
    );
    let rows = replies
        .iter()
        .map(|r| {
            let when = r
                .published
                .as_deref()
                .and_then(|d| d.get(..10))
                .or(r.published_text.as_deref())
                .map_or_else(|| ago(r.found_at, app.now.timestamp()), str::to_string);
            let style = if r.seen {
                Style::new()
            } else {
                Style::new().add_modifier(Modifier::BOLD)
            };
            Line::from(vec![
                Span::styled(pad(if r.seen { "" } else { "●" }, MARK), theme.accent),
                Span::styled(pad(&r.author, WHO), theme.author),
                Span::styled(pad(&when, WHEN), theme.dim),
                Span::styled(pad(&r.post_title, POST), style),
                Span::styled(clip(first_line(&r.text), text).0, style),
            ])
        })
        .collect();
    (header, rows, |v| v.reply_row)
}

/// What an empty screen says (or that its rows are being read).
fn empty(app: &App, view: &BlogsView, kind: Browse) -> Vec<Line<'static>> {
    let theme = &app.settings.theme;
    if view.loading {
        return vec![Line::styled("Reading…", theme.dim)];
    }
    let refresh = first_key(app, Action::Reload);
    let texts = match kind {
        Browse::Blogs => vec![
            "You follow no blogs yet.".to_string(),
            String::new(),
            "`parlor add URL` follows one (its home page, one of its posts, or its feed);".into(),
            format!("then {refresh} here fetches their posts and the replies to your comments."),
        ],
        Browse::Posts => vec![format!("No posts yet: {refresh} fetches the feeds.")],
        Browse::Replies => vec![
            "No replies to your comments yet.".to_string(),
            format!(
                "{refresh} on the Blogs screen looks for them in the threads you commented on."
            ),
        ],
    };
    texts
        .into_iter()
        .enumerate()
        .map(|(n, t)| {
            if n == 0 {
                Line::raw(t)
            } else {
                Line::styled(t, theme.dim)
            }
        })
        .collect()
}

fn status_line(app: &App, view: &BlogsView, kind: Browse, width: u16) -> Line<'static> {
    let theme = &app.settings.theme;
    let width = usize::from(width.max(1));
    let error = view
        .selected_blog()
        .filter(|_| kind == Browse::Blogs)
        .and_then(|b| b.last_error.clone());
    let (left, style) = if let Some(msg) = &app.message {
        let style = if msg.error { theme.error } else { theme.accent };
        (msg.text.clone(), style)
    } else if let Some((done, total)) = view.progress {
        match total {
            0 => ("refreshing…".to_string(), theme.accent),
            _ => (format!("refreshing {done}/{total}…"), theme.accent),
        }
    } else if let Some(e) = error {
        (format!("! last refresh failed: {e}"), theme.error)
    } else if app.unseen_replies > 0 && kind != Browse::Replies {
        (replies_badge(app), theme.accent)
    } else {
        (String::new(), theme.dim)
    };
    let hints: &[(Action, &str)] = match kind {
        Browse::Blogs => &[
            (Action::Reload, "refresh"),
            (Action::Replies, "replies"),
            (Action::Quit, "back"),
        ],
        Browse::Posts => &[(Action::Reload, "refresh"), (Action::Quit, "back")],
        Browse::Replies => &[(Action::Blogs, "blogs"), (Action::Quit, "back")],
    };
    let enter = match kind {
        Browse::Blogs => " Enter posts",
        _ => " Enter read",
    };
    footer(app, (left, style), enter, hints, width)
}

/// "2 replies to you · Y" (the key from the keymap).
pub fn replies_badge(app: &App) -> String {
    let n = app.unseen_replies;
    let noun = if n == 1 { "reply" } else { "replies" };
    match app.settings.keymap.keys_for(Action::Replies).first() {
        Some(key) => format!("{n} {noun} to you · {}", key.display()),
        None => format!("{n} {noun} to you"),
    }
}

/// The badge over the top border's right end (the library screen).
pub fn draw_badge(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if app.unseen_replies == 0 || area.height == 0 {
        return;
    }
    let text = format!(" {} ", replies_badge(app));
    let w = str_width(&text);
    let Ok(w16) = u16::try_from(w) else { return };
    if usize::from(area.width) < w + 24 {
        return;
    }
    let x = area.x + area.width - w16 - 2;
    let style = app.settings.theme.accent;
    frame.buffer_mut().set_string(x, area.y, text, style);
}

/// The selected row: the cursor style over every span's own.
fn highlight(row: Line<'static>, cursor: Style) -> Line<'static> {
    Line::from(
        row.spans
            .into_iter()
            .map(|s| {
                let style = s.style.patch(cursor);
                s.style(style)
            })
            .collect::<Vec<_>>(),
    )
}

fn count(n: u32, prefix: &str, suffix: &str) -> String {
    match n {
        0 => String::new(),
        n => format!("{prefix}{n}{suffix}"),
    }
}
