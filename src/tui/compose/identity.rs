//! The small "who are you" form shown before the first reply to a blog that needs a name or an
//! email: name, email, website, remember (saved to `[identity]` in config.toml, 0600).

use crate::reply::Identity;
use crate::tui::app::{App, Effect};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Field labels in order; the last row is the remember switch.
pub const LABELS: [&str; 4] = ["Name", "Email", "Website", "Remember"];

/// The identity form's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IdentityForm {
    /// Name, email, website.
    pub values: [String; 3],
    /// Save to config.toml.
    pub remember: bool,
    /// The focused row (0..=3).
    pub focus: usize,
    pub needs_name: bool,
    pub needs_email: bool,
}

impl IdentityForm {
    /// Prefilled from the configured identity; remember defaults to yes.
    pub fn new(identity: &Identity, needs_name: bool, needs_email: bool) -> Self {
        let get = |v: &Option<String>| v.clone().unwrap_or_default();
        let values = [
            get(&identity.name),
            get(&identity.email),
            get(&identity.url),
        ];
        let focus = values.iter().position(String::is_empty).unwrap_or(0);
        IdentityForm {
            values,
            remember: true,
            focus,
            needs_name,
            needs_email,
        }
    }

    /// The identity, or a message saying what is wrong.
    pub fn check(&self) -> Result<Identity, String> {
        let value = |i: usize| {
            let v = self.values[i].trim();
            (!v.is_empty()).then(|| v.to_string())
        };
        let (name, email, url) = (value(0), value(1), value(2));
        if self.needs_name && name.is_none() {
            return Err("this blog needs your name".into());
        }
        if self.needs_email && email.is_none() {
            return Err("this blog needs your email (it is not shown publicly)".into());
        }
        if let Some(e) = &email {
            if !crate::reply::is_email(e) {
                return Err(format!("\"{e}\" does not look like an email address"));
            }
        }
        Ok(Identity { name, email, url })
    }
}

impl App {
    /// A key while the identity form is open.
    pub(crate) fn identity_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let Some(form) = self.compose.as_mut().and_then(|c| c.identity.as_mut()) else {
            return Vec::new();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = LABELS.len() - 1;
        match key.code {
            KeyCode::Esc => {
                if let Some(c) = self.compose.as_mut() {
                    c.identity = None;
                }
                self.info("not sent: back to the reply");
            }
            KeyCode::Char('s') if ctrl => return self.confirm_identity(),
            KeyCode::Enter if form.focus == last => return self.confirm_identity(),
            KeyCode::Enter | KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1) % 4,
            KeyCode::BackTab | KeyCode::Up => form.focus = (form.focus + 3) % 4,
            KeyCode::Char(' ') if form.focus == last => form.remember = !form.remember,
            KeyCode::Char('y' | 'Y') if form.focus == last => form.remember = true,
            KeyCode::Char('n' | 'N') if form.focus == last => form.remember = false,
            KeyCode::Backspace if form.focus < last => {
                form.values[form.focus].pop();
            }
            KeyCode::Char(ch)
                if form.focus < last
                    && !ctrl
                    && form.values[form.focus].len() < crate::reply::MAX_AUTHOR =>
            {
                form.values[form.focus].push(ch);
            }
            _ => {}
        }
        Vec::new()
    }

    fn confirm_identity(&mut self) -> Vec<Effect> {
        let Some(form) = self.compose.as_ref().and_then(|c| c.identity.as_ref()) else {
            return Vec::new();
        };
        let remember = form.remember;
        let identity = match form.check() {
            Ok(identity) => identity,
            Err(e) => {
                self.error(&e);
                return Vec::new();
            }
        };
        if let Some(c) = self.compose.as_mut() {
            c.identity = None;
        }
        self.settings.identity = identity.clone();
        let mut effects = Vec::new();
        if remember {
            effects.push(Effect::SaveIdentity(identity));
        }
        effects.extend(self.compose_submit());
        effects
    }
}
