//! The reader's actions: one match from an `Action` to what it does on the post (scrolling,
//! jumps, folds, search, links, replying, the other screens, back and quit).

use super::{nav, App, Effect, Mode};
use crate::tui::action::Action;
use crate::tui::screens::Screen;

impl App {
    /// Runs one action.
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::ScrollDown => self.scroll_by(self.focus, 1),
            Action::ScrollUp => self.scroll_by(self.focus, -1),
            Action::HalfPageDown => self.scroll_by(self.focus, self.page() / 2),
            Action::HalfPageUp => self.scroll_by(self.focus, -(self.page() / 2)),
            Action::PageDown => self.scroll_by(self.focus, self.page().saturating_sub(1).max(1)),
            Action::PageUp => self.scroll_by(self.focus, -(self.page().saturating_sub(1).max(1))),
            Action::Top => self.select_edge(false),
            Action::Bottom => self.select_edge(true),
            Action::SwitchPane => self.focus = self.focus.other(),
            Action::NextComment => self.jump(nav::Jump::Next),
            Action::PrevComment => self.jump(nav::Jump::Prev),
            Action::Parent => self.jump(nav::Jump::Parent),
            Action::NextSibling => self.jump(nav::Jump::Sibling),
            Action::NextTopLevel => self.jump(nav::Jump::TopLevel),
            Action::PrevSibling => self.jump(nav::Jump::PrevSibling),
            Action::PrevTopLevel => self.jump(nav::Jump::PrevTopLevel),
            Action::ToggleFold => self.toggle_fold(),
            Action::FoldLevel => self.change_fold_level(-1),
            Action::UnfoldLevel => self.change_fold_level(1),
            Action::NextNew => self.next_new(),
            Action::MarkAllRead => return self.mark_all_read(),
            Action::SortComments => self.cycle_sort(),
            Action::Search => self.mode = Mode::Search(String::new()),
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::FollowLink => self.start_link(),
            Action::OpenPost => return self.open_post(),
            Action::CopyUrl => return self.copy_url(),
            Action::Discussions => return self.ask_discussions(),
            Action::NextTab => self.step_tab(true),
            Action::PrevTab => self.step_tab(false),
            Action::Reply | Action::Comment | Action::Editor if self.on_discussion_tab() => {
                let open = self.settings.keymap.first(Action::OpenPost);
                let site = self
                    .tabs
                    .shown()
                    .map(|t| crate::elsewhere::site_label(&t.provider).to_string())
                    .unwrap_or_default();
                self.info(&format!(
                    "replying on {site} needs its website and a login: {open} opens this comment there"
                ));
            }
            Action::Reply => return self.open_compose(true, false),
            Action::Comment => return self.open_compose(false, false),
            Action::Editor => return self.open_compose(true, true),
            Action::Send | Action::QuoteParent => {
                let k = &self.settings.keymap;
                let text = format!(
                    "start a reply first ({} on a comment, {} for the post)",
                    k.first(Action::Reply),
                    k.first(Action::Comment)
                );
                self.info(&text);
            }
            Action::Reload => return self.start_load(),
            Action::Library => return self.show_library(),
            Action::Blogs => return self.show_blogs(),
            Action::Replies => return self.show_replies(),
            Action::Drafts => return self.show_drafts(),
            Action::Messages => return self.push(Screen::Messages(0)),
            Action::RefreshAll | Action::DeletePost | Action::Welcome => {
                let text = format!(
                    "that key works in the library ({})",
                    self.settings.keymap.first(Action::Library)
                );
                self.info(&text);
            }
            Action::SendDraft => {
                let text = format!(
                    "that key works on the Drafts screen ({})",
                    self.settings.keymap.first(Action::Drafts)
                );
                self.info(&text);
            }
            Action::Help => return self.push(Screen::Help(0)),
            Action::Quit => return self.back(),
            Action::Cancel => {
                self.search = None;
                self.message = None;
            }
        }
        Vec::new()
    }

    pub(crate) fn quit(&mut self) -> Vec<Effect> {
        self.quitting = true;
        let mut effects = self.compose_flush();
        if self.screens.screens().contains(&Screen::Reader) {
            effects.extend(self.leave_post());
        }
        effects.push(Effect::Quit);
        effects
    }

    /// What `o` opens and `y` copies: the selected comment's permalink in the comments pane,
    /// else the post's page; `None` (with a message) when there is no web page.
    fn selected_url(&mut self) -> Option<String> {
        let comment = (self.focus == crate::tui::layout::Pane::Comments)
            .then(|| self.post.comments.get(self.cursor))
            .flatten()
            .and_then(|c| c.permalink.clone());
        let url = comment.unwrap_or_else(|| {
            self.post
                .canonical_url
                .clone()
                .unwrap_or_else(|| self.post.url.clone())
        });
        match url::Url::parse(&url) {
            Ok(u)
                if matches!(u.scheme(), "http" | "https")
                    && !crate::tui::welcome::is_welcome(&url) =>
            {
                Some(url)
            }
            _ => {
                self.info("this post has no web page to open");
                None
            }
        }
    }

    /// `o`: the selected comment's permalink, or the post, in the browser.
    fn open_post(&mut self) -> Vec<Effect> {
        let Some(url) = self.selected_url() else {
            return Vec::new();
        };
        self.info(&format!("opening {url}"));
        vec![Effect::OpenUrl(url)]
    }

    /// `y`: the same URL to the clipboard (OSC 52); the message keeps it readable (and in
    /// the log) for terminals that ignore OSC 52.
    fn copy_url(&mut self) -> Vec<Effect> {
        let Some(url) = self.selected_url() else {
            return Vec::new();
        };
        self.info(&format!("copied {url}"));
        vec![Effect::Copy(url)]
    }
}
