//! Compose mode: the reply or comment being written (its target, the text area, the identity
//! form, the draft debounce) and what it asks of the outside world (load/save the draft, submit,
//! run $EDITOR). Still pure: every I/O step is an `Effect` the worker or the main loop performs.
//!
//! Drafts: opening compose asks the worker for the stored draft (`Effect::LoadDraft` →
//! `Msg::DraftLoaded`); it fills the text only while the user has typed nothing. Every change
//! is saved at most [`QUIET`] after the typing stops and at most [`MAX_UNSAVED`] after the first
//! unsaved change (the main loop ticks while anything is unsaved), and on close and exit.

mod answers;
pub mod identity;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_more;

pub use identity::IdentityForm;

use super::action::Action;
use super::app::{App, Effect, Mode};
use super::layout::Pane;
use crate::store::post_key;
use crossterm::event::KeyEvent;
use ratatui::style::Style;
use ratatui_textarea::{TextArea, WrapMode};
use std::time::{Duration, Instant};

/// Save the draft once the typing has stopped this long.
pub const QUIET: Duration = Duration::from_millis(500);
/// Save the draft at the latest this long after the first unsaved change (steady typing).
pub const MAX_UNSAVED: Duration = Duration::from_millis(900);
/// Width of the `>` quote lines inserted for the parent.
const QUOTE_WIDTH: usize = 72;

/// A reply or comment being written.
#[derive(Debug)]
pub struct Compose {
    /// The post's URL (the form belongs to it) and its store key.
    pub post_url: String,
    pub post_key: String,
    /// The blog id of the comment answered; `None` for a comment on the post.
    pub parent: Option<String>,
    /// The parent's author, for the title.
    pub parent_author: String,
    /// The parent's text as `>` lines (empty for a comment on the post).
    pub quote: String,
    pub textarea: TextArea<'static>,
    /// Asking for name / email before sending.
    pub identity: Option<IdentityForm>,
    /// The last unsaved change, and the first one since the last save.
    pub changed_at: Option<Instant>,
    first_change: Option<Instant>,
    /// Waiting for the worker's answer to a submit (input is held).
    pub sending: bool,
    /// Hand the text to $EDITOR once the stored draft has arrived (opened with `e`).
    edit_when_loaded: bool,
}

impl Compose {
    /// An empty compose for a post and an optional parent.
    pub fn new(post_url: &str, parent: Option<String>, parent_author: &str, quote: &str) -> Self {
        let mut textarea = TextArea::default();
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(Style::default());
        textarea.set_placeholder_text("Type here. Ctrl-s sends, Esc closes (the draft is kept).");
        Compose {
            post_url: post_url.to_string(),
            post_key: post_key(post_url),
            parent,
            parent_author: parent_author.to_string(),
            quote: quote.to_string(),
            textarea,
            identity: None,
            changed_at: None,
            first_change: None,
            sending: false,
            edit_when_loaded: false,
        }
    }

    /// The text as typed (lines joined with `\n`).
    pub fn body(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// The text for $EDITOR: ending in a newline, as editors write files.
    pub fn editor_text(&self) -> String {
        let body = self.body();
        if body.is_empty() || body.ends_with('\n') {
            body
        } else {
            body + "\n"
        }
    }

    /// Replaces the text (cursor at the end).
    pub fn set_body(&mut self, text: &str) {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut textarea = TextArea::new(if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        });
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_cursor_line_style(Style::default());
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        self.textarea = textarea;
    }

    /// Notes an unsaved change at `now`.
    pub fn touch(&mut self, now: Instant) {
        self.changed_at = Some(now);
        self.first_change.get_or_insert(now);
    }

    /// True when the unsaved text should be saved at `now`.
    pub fn save_due(&self, now: Instant) -> bool {
        match (self.changed_at, self.first_change) {
            (Some(last), Some(first)) => {
                now.duration_since(last) >= QUIET || now.duration_since(first) >= MAX_UNSAVED
            }
            _ => false,
        }
    }

    /// The save effect, marking the text saved.
    /// The draft to save (none on the welcome post, a practice blog).
    fn save(&mut self) -> Option<Effect> {
        self.changed_at = None;
        self.first_change = None;
        (!crate::tui::worker::is_welcome(&self.post_url)).then(|| Effect::SaveDraft {
            post_key: self.post_key.clone(),
            parent: self.parent.clone(),
            body: self.body(),
        })
    }

    pub(crate) fn is_target(&self, post_key: &str, parent: Option<&str>) -> bool {
        self.post_key == post_key && self.parent.as_deref() == parent
    }
}

fn blank(value: Option<&String>) -> bool {
    value.is_none_or(|v| v.trim().is_empty())
}

impl App {
    /// True while the main loop must tick (an unsaved draft waits for its debounce).
    pub fn wants_tick(&self) -> bool {
        self.compose
            .as_ref()
            .is_some_and(|c| c.changed_at.is_some())
    }

    /// `r` (reply to the current comment), `c` (comment on the post), `e` (either, in $EDITOR).
    pub(crate) fn open_compose(&mut self, reply: bool, editor: bool) -> Vec<Effect> {
        if self.compose.is_some() {
            self.mode = Mode::Compose;
            return Vec::new();
        }
        if self.is_loading() && self.post.url.is_empty() {
            self.info("the post is still loading");
            return Vec::new();
        }
        if let Some(why) = crate::extract::blogger::read_only_reason(&self.post) {
            self.info(why);
            return Vec::new();
        }
        let open = self
            .settings
            .keymap
            .first(crate::tui::action::Action::OpenPost);
        if let Some(why) = &self.post.reply_in_browser {
            // Said before a word is typed: a captcha, a script-filled field, a sign-in wall.
            self.info(&format!("reply in browser: {why} ({open} opens the post)"));
            return Vec::new();
        }
        if self.post.reply_form.is_none() && self.post.comment_system.is_none() {
            self.error("comments are closed on this post");
            return Vec::new();
        }
        if let Some(why) = crate::posting::reply_blocker(&self.post, &self.accounts) {
            // A comment system that takes replies only in a browser, or an account to sign in.
            self.info(&format!("{why} ({open} opens the post)"));
            return Vec::new();
        }
        // Comment systems' APIs all take a parent; a form threads only with its parent field.
        let threaded = self
            .post
            .reply_form
            .as_ref()
            .is_none_or(|f| f.parent_field.is_some());
        let on_comment = self.focus == Pane::Comments || self.layout.side_by_side;
        let target = if reply && on_comment {
            self.post.comments.get(self.cursor)
        } else {
            None
        };
        if reply && target.is_none() && !editor {
            let why = if self.post.comments.is_empty() {
                "there is no comment to reply to"
            } else {
                "move to the comments (Tab) to reply to one"
            };
            self.info(&format!("{why}; c writes a comment on the post"));
            return Vec::new();
        }
        if target.is_some() && !threaded {
            self.error(&crate::reply::ReplyError::NoThreading.to_string());
            return Vec::new();
        }
        let mut compose = match target {
            Some(c) => Compose::new(
                &self.post.url,
                Some(c.id.clone()),
                &c.author,
                &crate::reply::quote_parent(c, QUOTE_WIDTH),
            ),
            None => Compose::new(&self.post.url, None, "", ""),
        };
        compose.edit_when_loaded = editor;
        let effect = Effect::LoadDraft {
            post_key: compose.post_key.clone(),
            parent: compose.parent.clone(),
        };
        self.compose = Some(Box::new(compose));
        self.mode = Mode::Compose;
        self.message = None;
        vec![effect]
    }

    /// A key in compose mode.
    pub(crate) fn compose_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(c) = self.compose.as_mut() else {
            self.mode = Mode::Normal;
            return Vec::new();
        };
        if c.identity.is_some() {
            return self.identity_key(&key);
        }
        if c.sending {
            self.info("sending… the blog's answer comes in a moment");
            return Vec::new();
        }
        self.message = None;
        let now = self.instant;
        match self.settings.keymap.lookup_compose(&key) {
            Some(Action::Send) => self.compose_submit(),
            Some(Action::Cancel) => self.close_compose(),
            Some(Action::Editor) => vec![Effect::Edit(c.editor_text())],
            Some(Action::QuoteParent) => {
                if c.quote.is_empty() {
                    self.info("a comment on the post has no parent to quote");
                    return Vec::new();
                }
                // The quote goes on its own lines, whatever the cursor is in.
                let mid_line = c.textarea.cursor().1 > 0;
                let quote = format!("{}{}\n\n", if mid_line { "\n\n" } else { "" }, c.quote);
                c.textarea.insert_str(quote);
                c.touch(now);
                self.compose_tick(now)
            }
            _ => {
                if c.textarea.input(key) {
                    c.touch(now);
                }
                self.compose_tick(now)
            }
        }
    }

    /// Pasted text goes into the reply as it is.
    pub(crate) fn compose_paste(&mut self, text: &str) -> Vec<Effect> {
        let now = self.instant;
        match self.compose.as_mut() {
            Some(c) if self.mode == Mode::Compose && c.identity.is_none() && !c.sending => {
                if c.textarea
                    .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"))
                {
                    c.touch(now);
                }
                self.compose_tick(now)
            }
            _ => Vec::new(),
        }
    }

    /// The debounce: a `SaveDraft` once the unsaved text is due (see [`QUIET`]).
    pub fn compose_tick(&mut self, now: Instant) -> Vec<Effect> {
        match self.compose.as_mut() {
            Some(c) if c.save_due(now) => c.save().into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Saves unsaved text now (closing, quitting).
    pub(crate) fn compose_flush(&mut self) -> Vec<Effect> {
        match self.compose.as_mut() {
            Some(c) if c.changed_at.is_some() => c.save().into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Esc: closes compose; the draft stays in the store.
    fn close_compose(&mut self) -> Vec<Effect> {
        let effects = self.compose_flush();
        let kept = self
            .compose
            .take()
            .is_some_and(|c| !c.body().trim().is_empty());
        self.mode = Mode::Normal;
        if kept {
            self.info(&format!(
                "draft kept: {} on the same comment brings it back ({} lists them)",
                self.settings.keymap.first(Action::Reply),
                self.settings.keymap.first(Action::Drafts)
            ));
        }
        effects
    }

    /// Send: checks the text and the identity the form needs, then asks the worker to post.
    pub(crate) fn compose_submit(&mut self) -> Vec<Effect> {
        let identity = self.settings.identity.clone();
        let needs = match self.post.reply_form.as_ref() {
            Some(f) => Some((f.needs_name, f.needs_email)),
            None => crate::posting::api_identity_needs(&self.post),
        };
        let Some(c) = self.compose.as_mut() else {
            return Vec::new();
        };
        let body = c.body();
        if body.trim().is_empty() {
            self.error("the reply is empty: type something first");
            return Vec::new();
        }
        if crate::tui::worker::is_welcome(&c.post_url) {
            // The practice blog: nothing is sent and no draft is left behind.
            self.compose = None;
            self.mode = Mode::Normal;
            let text = format!(
                "practice only: the welcome post sends nothing. On a blog, {} posts it",
                self.settings.keymap.first_compose(Action::Send)
            );
            self.info(&text);
            return Vec::new();
        }
        let Some((needs_name, needs_email)) = needs else {
            self.error("comments are closed on this post (the draft is kept)");
            return Vec::new();
        };
        let need_name = needs_name && blank(identity.name.as_ref());
        let need_email = needs_email && blank(identity.email.as_ref());
        if need_name || need_email {
            c.identity = Some(IdentityForm::new(&identity, needs_name, needs_email));
            self.info("this blog asks who you are: fill in the form (saved to config.toml)");
            return Vec::new();
        }
        c.sending = true;
        c.changed_at = None;
        c.first_change = None;
        let effect = Effect::Submit {
            post_url: c.post_url.clone(),
            parent: c.parent.clone(),
            body,
            identity,
        };
        self.info("sending…");
        vec![effect]
    }
}
