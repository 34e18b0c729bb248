//! The library screen's state and keys: the stored posts newest first, filtered by typing
//! after `/` (the filter narrows the list as you type; Enter keeps it, Esc clears it), open,
//! refresh one, refresh all (progress n/N), delete with a y/n confirm, the welcome post, back.

use super::{list_motion, step, Screen};
use crate::store::LibraryEntry;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::worker::WELCOME;
use crossterm::event::{KeyCode, KeyEvent};

/// What the library screen shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryView {
    /// Every stored post, most recently read first (as the store lists them).
    pub entries: Vec<LibraryEntry>,
    /// The selected row, an index into [`LibraryView::visible`].
    pub selected: usize,
    /// Case-insensitive text matched against title, site and URL.
    pub filter: String,
    /// Typing goes into the filter.
    pub filtering: bool,
    /// A delete waiting for y/n: the post's key.
    pub confirm: Option<String>,
    /// Refresh-all progress: (done, total, failed).
    pub progress: Option<(usize, usize, usize)>,
    /// The rows are still being read.
    pub loading: bool,
}

impl LibraryView {
    /// Indices into `entries` of the rows the filter lets through.
    pub fn visible(&self) -> Vec<usize> {
        let needle = self.filter.to_lowercase();
        (0..self.entries.len())
            .filter(|&i| {
                let e = &self.entries[i];
                needle.is_empty()
                    || [&e.title, &e.site, &e.url]
                        .iter()
                        .any(|t| t.to_lowercase().contains(&needle))
            })
            .collect()
    }

    /// The selected entry, if any row is shown.
    pub fn selected_entry(&self) -> Option<&LibraryEntry> {
        let rows = self.visible();
        rows.get(self.selected.min(rows.len().saturating_sub(1)))
            .and_then(|&i| self.entries.get(i))
    }

    fn select_by(&mut self, delta: isize) {
        self.selected = step(self.selected, delta, self.visible().len());
    }
}

impl App {
    /// The start screen: the given post, or (no argument) the library, which falls back to the
    /// welcome post when it is empty.
    pub fn start(&mut self, source: Option<String>, offline: bool) -> Vec<Effect> {
        self.offline = offline;
        match source {
            Some(source) => self.open(source, offline),
            None => {
                self.screens.reset(Screen::Library(LibraryView {
                    loading: true,
                    ..LibraryView::default()
                }));
                vec![Effect::LoadLibrary { start: true }]
            }
        }
    }

    /// `L`: saves the place in the post and shows the library.
    pub(crate) fn show_library(&mut self) -> Vec<Effect> {
        let keep = self
            .screens
            .screens()
            .iter()
            .find_map(|s| match s {
                Screen::Library(view) => Some(view.clone()),
                _ => None,
            })
            .unwrap_or_default();
        let mut effects = self.push(Screen::Library(LibraryView {
            loading: true,
            ..keep
        }));
        effects.push(Effect::LoadLibrary { start: false });
        effects
    }

    /// The library's rows arrived.
    pub(crate) fn on_library(
        &mut self,
        entries: Result<Vec<LibraryEntry>, String>,
        start: bool,
    ) -> Vec<Effect> {
        match entries {
            Ok(entries) if start && entries.is_empty() => self.open_first(),
            Err(e) if start => {
                let effects = self.open_first();
                self.error(&format!("the library cannot be read: {e}"));
                effects
            }
            Ok(entries) => {
                if let Some(view) = self.library_mut() {
                    let selected = view.selected_entry().map(|e| e.key.clone());
                    view.entries = entries;
                    view.loading = false;
                    view.selected = selected
                        .and_then(|k| {
                            view.visible()
                                .iter()
                                .position(|&i| view.entries[i].key == k)
                        })
                        .unwrap_or(0);
                }
                Vec::new()
            }
            Err(e) => {
                if let Some(view) = self.library_mut() {
                    view.loading = false;
                }
                self.error(&format!("the library cannot be read: {e}"));
                Vec::new()
            }
        }
    }

    /// The welcome post instead of an empty library at start-up (`q` there quits).
    fn open_first(&mut self) -> Vec<Effect> {
        self.screens.reset(Screen::Reader);
        self.open(WELCOME.into(), self.offline)
    }

    /// Refresh-all progress from the worker.
    pub(crate) fn on_progress(&mut self, done: usize, total: usize, failed: usize) {
        for screen in self.screens.screens_mut() {
            if let Screen::Library(view) = screen {
                view.progress = (done < total).then_some((done, total, failed));
            }
        }
        if done >= total {
            let text = match failed {
                0 => format!("refreshed {total} of {total}"),
                f => format!("refreshed {} of {total} · {f} failed (offline?)", total - f),
            };
            self.info(&text);
        }
    }

    /// A key on the library screen.
    pub(crate) fn library_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let action = self.settings.keymap.lookup(key);
        let Some(view) = self.library_mut() else {
            return Vec::new();
        };
        if let Some(post_key) = view.confirm.take() {
            if key.code == KeyCode::Char('y') {
                view.entries.retain(|e| e.key != post_key);
                view.select_by(0);
                self.info("deleted");
                return vec![Effect::DeletePost { key: post_key }];
            }
            self.info("kept");
            return Vec::new();
        }
        if view.filtering {
            match key.code {
                KeyCode::Esc => {
                    view.filter.clear();
                    view.filtering = false;
                }
                KeyCode::Enter => view.filtering = false,
                KeyCode::Backspace => {
                    view.filter.pop();
                }
                KeyCode::Char(c) => view.filter.push(c),
                _ => {}
            }
            view.selected = 0;
            return Vec::new();
        }
        if key.code == KeyCode::Enter && action != Some(Action::Search) {
            return self.open_selected();
        }
        if key.code == KeyCode::Esc && !view.filter.is_empty() {
            // Esc clears a kept filter before it leaves the screen.
            view.filter.clear();
            view.selected = 0;
            return Vec::new();
        }
        action.map_or_else(Vec::new, |a| self.library_action(a))
    }

    pub(crate) fn library_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        let offline = self.offline;
        let Some(view) = self.library_mut() else {
            return Vec::new();
        };
        if let Some(delta) = list_motion(action, page) {
            view.select_by(delta);
            return Vec::new();
        }
        match action {
            Action::Search => view.filtering = true,
            Action::ToggleFold | Action::OpenPost => return self.open_selected(),
            Action::Welcome => return self.open(WELCOME.into(), offline),
            Action::DeletePost => match view.selected_entry().cloned() {
                Some(e) => {
                    view.confirm = Some(e.key);
                    self.info(&format!("delete “{}” from the library? y/n", e.title));
                }
                None => self.info("nothing to delete"),
            },
            Action::Reload | Action::RefreshAll => {
                let urls: Vec<String> = if action == Action::Reload {
                    view.selected_entry()
                        .map(|e| e.key.clone())
                        .into_iter()
                        .collect()
                } else {
                    view.visible()
                        .iter()
                        .map(|&i| view.entries[i].key.clone())
                        .collect()
                };
                return self.refresh_posts(urls);
            }
            Action::MarkAllRead => match view.selected_entry() {
                Some(e) => {
                    let key = e.key.clone();
                    if let Some(e) = view.entries.iter_mut().find(|e| e.key == key) {
                        e.new_count = 0;
                    }
                    self.info("marked read");
                    return vec![Effect::MarkPostRead { key }];
                }
                None => self.info("no post selected"),
            },
            Action::Cancel if !view.filter.is_empty() => {
                view.filter.clear();
                view.selected = 0;
            }
            Action::Blogs => return self.show_blogs(),
            Action::Replies => return self.show_replies(),
            Action::Drafts => return self.show_drafts(),
            Action::Messages => return self.push(Screen::Messages(0)),
            Action::Help => return self.push(Screen::Help(0)),
            Action::Quit | Action::Cancel | Action::Library => return self.back(),
            _ => {}
        }
        Vec::new()
    }

    fn refresh_posts(&mut self, urls: Vec<String>) -> Vec<Effect> {
        if self.offline {
            self.info("offline (--offline): nothing refreshed");
            return Vec::new();
        }
        if urls.is_empty() {
            self.info("nothing to refresh");
            return Vec::new();
        }
        if let Some(view) = self.library_mut() {
            view.progress = Some((0, urls.len(), 0));
        }
        vec![Effect::RefreshPosts { urls }]
    }

    fn open_selected(&mut self) -> Vec<Effect> {
        match self
            .library()
            .and_then(LibraryView::selected_entry)
            .map(|e| e.key.clone())
        {
            Some(key) => self.open(key, self.offline),
            None => {
                self.info("no post selected");
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
#[path = "library_tests.rs"]
mod tests;
