//! The help screen's keys: every motion key scrolls it; `?`, `q` and Esc close it.

use super::{list_motion, step};
use super::{Ctx, Nav, Outcome};
use crate::tui::action::Action;

/// A key on the help screen (`scroll`: its first row shown).
pub fn on_action(scroll: &mut usize, action: Option<Action>, ctx: &Ctx) -> Outcome {
    let rows = ctx.keymap.help_rows().len();
    let page = isize::try_from(ctx.page).unwrap_or(isize::MAX);
    match action {
        Some(Action::Help | Action::Quit | Action::Cancel) => Outcome::nav(Nav::Pop),
        Some(a) => {
            if let Some(delta) = list_motion(a, page) {
                *scroll = step(*scroll, delta, rows);
            }
            Outcome::default()
        }
        None => Outcome::default(),
    }
}
