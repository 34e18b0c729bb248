//! Keys and mouse per mode: normal mode goes to the top screen (`route`), text entry for the
//! search prompt and the link-number prompt; the wheel scrolls, a click selects a comment and
//! on its header folds it; Ctrl-C always quits.

use super::{App, Effect, Message, Mode};
use crate::tui::layout::Pane;
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Lines a mouse-wheel notch scrolls.
const WHEEL_LINES: isize = 3;

impl App {
    pub(crate) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        if key.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(key.code, KeyCode::Char('c' | 'C'))
        {
            self.interrupted = true;
            return self.quit();
        }
        match self.mode.clone() {
            Mode::Normal => {
                self.message = None;
                self.screen_key(&key)
            }
            Mode::Search(query) => {
                self.search_key(&key, query);
                Vec::new()
            }
            Mode::Link(input) => self.link_key(&key, input),
            Mode::Compose => self.compose_key(key),
        }
    }

    fn search_key(&mut self, key: &KeyEvent, mut query: String) {
        match key.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                self.search = None;
            }
            KeyCode::Enter => {
                self.mode = Mode::Normal;
                if query.is_empty() {
                    self.search = None;
                } else if self.search.as_ref().is_some_and(|s| s.matches.is_empty()) {
                    self.error(&format!("not found: {query}"));
                }
            }
            KeyCode::Backspace => {
                query.pop();
                self.set_query(&query);
                self.mode = Mode::Search(query);
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                query.push(c);
                self.set_query(&query);
                self.mode = Mode::Search(query);
            }
            _ => {}
        }
    }

    pub(crate) fn start_link(&mut self) {
        if self.links.is_empty() {
            self.info("this post has no links");
        } else {
            self.mode = Mode::Link(String::new());
        }
    }

    fn link_key(&mut self, key: &KeyEvent, mut input: String) -> Vec<Effect> {
        match key.code {
            KeyCode::Esc => self.mode = Mode::Normal,
            KeyCode::Backspace => {
                input.pop();
                self.mode = Mode::Link(input);
            }
            KeyCode::Enter => return self.open_link(&input),
            KeyCode::Char(c) if c.is_ascii_digit() && input.len() < 6 => {
                input.push(c);
                let n: usize = input.parse().unwrap_or(0);
                // No longer number can start with these digits: open at once.
                if n > 0 && n.saturating_mul(10) > self.links.len() {
                    return self.open_link(&input);
                }
                self.mode = Mode::Link(input);
            }
            _ => {}
        }
        Vec::new()
    }

    fn open_link(&mut self, input: &str) -> Vec<Effect> {
        self.mode = Mode::Normal;
        let n: usize = input.parse().unwrap_or(0);
        match n.checked_sub(1).and_then(|i| self.links.get(i)).cloned() {
            Some(url) => {
                self.message = Some(Message {
                    text: format!("opening [{n}] {url}"),
                    error: false,
                });
                vec![Effect::OpenUrl(url)]
            }
            None => {
                self.error(&format!("no link [{input}] (1–{})", self.links.len()));
                Vec::new()
            }
        }
    }

    pub(crate) fn on_mouse(&mut self, mouse: MouseEvent) {
        let Some(pane) = self.layout.pane_at(mouse.column, mouse.row, self.focus) else {
            return;
        };
        match mouse.kind {
            MouseEventKind::ScrollDown => self.scroll_by(pane, WHEEL_LINES),
            MouseEventKind::ScrollUp => self.scroll_by(pane, -WHEEL_LINES),
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                if pane == Pane::Comments {
                    self.click_comment(mouse.row);
                }
            }
            _ => {}
        }
    }
}

impl App {
    /// A click in the comments pane selects the comment under it; on its header line or its
    /// "+ n replies" line it also folds or unfolds the replies.
    fn click_comment(&mut self, row: u16) {
        let content = self.layout.comments.content;
        let Some(offset) = row.checked_sub(content.y) else {
            return;
        };
        let line = self.comments.top + usize::from(offset);
        let Some((item, at)) = self.comments.doc.item_at_line(line) else {
            return;
        };
        self.cursor = item;
        let height = self
            .comments
            .doc
            .items()
            .get(item)
            .map_or(0, |i| i.height());
        let on_marker = at == 1 || (self.is_folded(item) && at + 1 == height);
        if on_marker && self.reply_count(item) > 0 {
            self.toggle_fold();
        }
    }
}
