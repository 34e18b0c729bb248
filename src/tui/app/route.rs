//! Routing by the screen stack: keys and actions go to the top screen (one exhaustive match),
//! and a screen's navigation outcome (push, pop, open) is carried out here.

use super::{App, Effect, Mode};
use crate::tui::action::Action;
use crate::tui::screens::{self, Ctx, Nav, Outcome, Screen, Status};
use crossterm::event::{KeyCode, KeyEvent};

impl App {
    /// A key in normal mode, for the screen on top.
    pub(crate) fn screen_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let action = self.settings.keymap.lookup(key);
        match self.screens.top() {
            Screen::Reader => action.map_or_else(Vec::new, |a| self.apply(a)),
            Screen::Library(_) => self.library_key(key),
            Screen::Blogs | Screen::Posts | Screen::Replies => self.blogs_key(key),
            Screen::Help(_) | Screen::Messages(_) | Screen::Drafts(_) => {
                let action = match (action, key.code) {
                    (None, KeyCode::Esc) => Some(Action::Cancel),
                    (a, _) => a,
                };
                self.narrow_screen(key.code, action)
            }
        }
    }

    /// An action (from a key or a script), for the screen on top.
    pub(crate) fn on_action(&mut self, action: Action) -> Vec<Effect> {
        match self.screens.top() {
            Screen::Reader => self.apply(action),
            Screen::Library(_) => self.library_action(action),
            Screen::Blogs | Screen::Posts | Screen::Replies => self.blogs_action(action),
            Screen::Help(_) | Screen::Messages(_) | Screen::Drafts(_) => {
                self.narrow_screen(KeyCode::Null, Some(action))
            }
        }
    }

    /// The screens that see only a [`Ctx`], never the app.
    fn narrow_screen(&mut self, code: KeyCode, action: Option<Action>) -> Vec<Effect> {
        if matches!(self.screens.top(), Screen::Drafts(_)) {
            // The screens every list reaches.
            match action {
                Some(Action::Messages) => return self.push(Screen::Messages(0)),
                Some(Action::Help) => return self.push(Screen::Help(0)),
                Some(Action::Library) => return self.show_library(),
                Some(Action::Blogs) => return self.show_blogs(),
                Some(Action::Replies) => return self.show_replies(),
                _ => {}
            }
        }
        let mut ctx = Ctx {
            keymap: &self.settings.keymap,
            offline: self.offline,
            page: self.page().unsigned_abs(),
            status: Status::default(),
        };
        let log_rows = self.log.len();
        let identity = &self.settings.identity;
        let outcome = match self.screens.top_mut() {
            Some(Screen::Help(scroll)) => screens::help::on_action(scroll, action, &ctx),
            Some(Screen::Messages(scroll)) => {
                screens::messages::on_action(scroll, log_rows, action, &ctx)
            }
            Some(Screen::Drafts(view)) => {
                screens::drafts::on_key(view, code, action, identity, &mut ctx)
            }
            Some(Screen::Reader | Screen::Library(_) | Screen::Blogs)
            | Some(Screen::Posts | Screen::Replies)
            | None => Outcome::default(),
        };
        for m in ctx.status.0 {
            self.say(&m.text, m.error);
        }
        self.follow(outcome)
    }

    /// Carries out a screen's outcome.
    pub(crate) fn follow(&mut self, outcome: Outcome) -> Vec<Effect> {
        let mut effects = outcome.effects;
        match outcome.nav {
            None | Some(Nav::Stay) => {}
            Some(Nav::Push(screen)) => effects.extend(self.push(screen)),
            Some(Nav::Pop) => effects.extend(self.back()),
            Some(Nav::Open(source)) => effects.extend(self.open(source, self.offline)),
        }
        effects
    }

    /// Shows a screen over the current one (leaving the post saves its place).
    pub(crate) fn push(&mut self, screen: Screen) -> Vec<Effect> {
        let mut effects = Vec::new();
        if *self.screens.top() == Screen::Reader && !screen.is_overlay() {
            effects.extend(self.leave_post());
        }
        if screen.is_overlay() || matches!(screen, Screen::Messages(_)) {
            self.search_prompt_off();
        }
        self.screens.push(screen);
        effects
    }

    /// `q` and Esc on a screen: back to the one below (read again, so counts are current),
    /// or out of parlor from the last one.
    pub(crate) fn back(&mut self) -> Vec<Effect> {
        let Some(left) = self.screens.pop() else {
            return self.quit();
        };
        let mut effects = if left == Screen::Reader {
            self.leave_post()
        } else {
            Vec::new()
        };
        if *self.screens.top() == Screen::Reader && self.post.url.is_empty() && !self.is_loading() {
            // Nothing was ever shown under this screen.
            effects.extend(self.quit());
            return effects;
        }
        effects.extend(self.reload_top());
        effects
    }

    /// The jobs that read the top screen's rows again (nothing for the reader and overlays).
    fn reload_top(&mut self) -> Vec<Effect> {
        match self.screens.top_mut() {
            Some(Screen::Library(view)) => {
                view.loading = true;
                vec![Effect::LoadLibrary { start: false }]
            }
            Some(Screen::Blogs) => {
                vec![self.browse.load(crate::tui::screens::blogs::Browse::Blogs)]
            }
            Some(Screen::Posts) => {
                vec![self.browse.load(crate::tui::screens::blogs::Browse::Posts)]
            }
            Some(Screen::Replies) => vec![self
                .browse
                .load(crate::tui::screens::blogs::Browse::Replies)],
            Some(Screen::Drafts(view)) => {
                view.loading = true;
                vec![Effect::LoadDrafts]
            }
            Some(Screen::Reader | Screen::Help(_) | Screen::Messages(_)) | None => Vec::new(),
        }
    }

    /// `W`: the unsent drafts.
    pub(crate) fn show_drafts(&mut self) -> Vec<Effect> {
        let (view, load) = screens::drafts::DraftsView::loading();
        let mut effects = self.push(Screen::Drafts(view));
        effects.push(load);
        effects
    }

    /// The drafts arrived.
    pub(crate) fn on_drafts(&mut self, drafts: Result<Vec<crate::store::Draft>, String>) {
        let top = self.screens.top_mut();
        match (drafts, top) {
            (Ok(drafts), Some(Screen::Drafts(view))) => view.set(drafts),
            (Ok(_), _) => {}
            (Err(e), top) => {
                if let Some(Screen::Drafts(view)) = top {
                    view.loading = false;
                }
                self.error(&format!("the drafts cannot be read: {e}"));
            }
        }
    }

    fn search_prompt_off(&mut self) {
        if matches!(self.mode, Mode::Search(_) | Mode::Link(_)) {
            self.mode = Mode::Normal;
        }
    }

    /// The library view when the library is on top.
    pub fn library(&self) -> Option<&crate::tui::screens::library::LibraryView> {
        match self.screens.top() {
            Screen::Library(view) => Some(view),
            _ => None,
        }
    }

    pub(crate) fn library_mut(&mut self) -> Option<&mut crate::tui::screens::library::LibraryView> {
        match self.screens.top_mut() {
            Some(Screen::Library(view)) => Some(view),
            _ => None,
        }
    }

    /// Which browsing screen is on top, if one is.
    pub fn browsing(&self) -> Option<crate::tui::screens::blogs::Browse> {
        use crate::tui::screens::blogs::Browse;
        match self.screens.top() {
            Screen::Blogs => Some(Browse::Blogs),
            Screen::Posts => Some(Browse::Posts),
            Screen::Replies => Some(Browse::Replies),
            _ => None,
        }
    }
}
