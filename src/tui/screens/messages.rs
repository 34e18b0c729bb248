//! The message log: recent status-line messages in full, with when they were said; motion
//! keys scroll it, `q`, Esc and its own key close it.

use super::{list_motion, step};
use super::{Ctx, Nav, Outcome};
use crate::tui::action::Action;
use chrono::{DateTime, Utc};
use std::collections::VecDeque;

/// Messages kept for the log.
pub const KEEP: usize = 200;

/// One logged message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub text: String,
    pub error: bool,
}

/// The last [`KEEP`] messages, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log(VecDeque<Entry>);

impl Log {
    /// Adds a message; the same text twice in a row is logged once.
    pub fn push(&mut self, at: DateTime<Utc>, text: &str, error: bool) {
        if self.0.back().is_some_and(|e| e.text == text) {
            return;
        }
        if self.0.len() == KEEP {
            self.0.pop_front();
        }
        self.0.push_back(Entry {
            at,
            text: text.to_string(),
            error,
        });
    }

    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &Entry> + ExactSizeIterator {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A key on the message log (`scroll`: its first row shown).
pub fn on_action(scroll: &mut usize, rows: usize, action: Option<Action>, ctx: &Ctx) -> Outcome {
    let page = isize::try_from(ctx.page).unwrap_or(isize::MAX);
    match action {
        Some(Action::Messages | Action::Quit | Action::Cancel) => Outcome::nav(Nav::Pop),
        Some(a) => {
            if let Some(delta) = list_motion(a, page) {
                *scroll = step(*scroll, delta, rows);
            }
            Outcome::default()
        }
        None => Outcome::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_last_messages_once_each() {
        let mut log = Log::default();
        let at = DateTime::<Utc>::UNIX_EPOCH;
        log.push(at, "a", false);
        log.push(at, "a", false);
        assert_eq!(log.len(), 1);
        for i in 0..KEEP + 5 {
            log.push(at, &format!("m{i}"), i % 2 == 0);
        }
        assert_eq!(log.len(), KEEP);
        assert_eq!(log.entries().last().map(|e| e.text.as_str()), Some("m204"));
    }
}
