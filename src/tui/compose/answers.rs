//! The worker's and the editor's answers to compose: the stored draft, the edited text, and
//! what became of a submit (published / held → reload onto the new comment, queued → the
//! outbox count, refused → one message, the text kept).

use crate::posting::Posted;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect, Mode};

impl App {
    /// The stored draft arrived: shown if nothing was typed yet.
    pub(crate) fn on_draft_loaded(
        &mut self,
        post_key: &str,
        parent: Option<&str>,
        body: Option<String>,
    ) -> Vec<Effect> {
        let Some(c) = self
            .compose
            .as_mut()
            .filter(|c| c.is_target(post_key, parent))
        else {
            return Vec::new();
        };
        let mut restored = false;
        if let Some(body) = body.filter(|b| !b.trim().is_empty()) {
            if c.textarea.is_empty() && c.changed_at.is_none() {
                c.set_body(&body);
                restored = true;
            }
        }
        let effects = if std::mem::take(&mut c.edit_when_loaded) {
            vec![Effect::Edit(c.editor_text())]
        } else {
            Vec::new()
        };
        if restored {
            self.info("draft restored");
        }
        effects
    }

    /// The external editor's result replaces the text.
    pub(crate) fn on_edited(&mut self, result: Result<String, String>) {
        match (result, self.compose.as_mut()) {
            (Ok(text), Some(c)) => {
                if text != c.body() {
                    c.set_body(&text);
                    c.touch(self.instant);
                }
            }
            (Ok(_), None) => {}
            (Err(e), _) => self.error(&format!("the editor failed: {e} (the text is unchanged)")),
        }
    }

    /// The worker's answer to a submit.
    pub(crate) fn on_posted(
        &mut self,
        post_key: &str,
        parent: Option<&str>,
        result: Result<Posted, String>,
    ) -> Vec<Effect> {
        let ours = self
            .compose
            .as_ref()
            .is_some_and(|c| c.is_target(post_key, parent));
        let (id, text) = match result {
            Err(e) => {
                if let Some(c) = self.compose.as_mut().filter(|_| ours) {
                    c.sending = false;
                }
                self.error(&format!("{e} (the draft is kept)"));
                return Vec::new();
            }
            Ok(Posted::Published { id, .. }) => (id, "published".to_string()),
            Ok(Posted::Pending { id, .. }) => (
                id,
                "held for moderation: shown here as pending until the blog publishes it".into(),
            ),
            Ok(Posted::Queued { reason, .. }) => {
                self.outbox_queued += 1;
                let text = format!(
                    "not sent now ({reason}); queued in the outbox ({}), sent when the blog is reachable",
                    self.outbox_queued
                );
                (String::new(), text)
            }
        };
        if ours {
            self.compose = None;
            if self.mode == Mode::Compose {
                self.mode = Mode::Normal;
            }
        }
        self.info(&text);
        if id.is_empty() || crate::store::post_key(&self.post.url) != post_key {
            return Vec::new();
        }
        self.focus_after_load = Some(id);
        let effects = self.reload();
        self.info(&text);
        effects
    }

    fn reload(&mut self) -> Vec<Effect> {
        self.apply(Action::Reload)
    }
}
