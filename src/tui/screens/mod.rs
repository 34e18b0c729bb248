//! The screen stack: which screen is on top, what "back" means, and the narrow context a
//! screen gets. Input (`App::on_key`), drawing (`ui::draw`) and "what is on screen"
//! (`App::comments_on_screen`) each decide by one exhaustive `match` on [`Stack::top`].
//! Each screen's state and keys live in its module here (the Library, Blogs/Posts/Replies,
//! Drafts, Help, Messages), with the list motions they share (`step`, `list_motion`).

pub mod blogs;
pub mod drafts;
pub mod help;
pub mod library;
pub mod messages;

use super::action::Action;
use super::app::{Effect, Message};
use super::keymap::Keymap;
use drafts::DraftsView;
use library::LibraryView;

/// One screen. The post itself lives in `App` (one post is loaded at a time); `Reader` says
/// where in the stack it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// The post and its comments (compose, search and link prompts are its modes).
    Reader,
    /// The stored posts.
    Library(LibraryView),
    /// The blogs followed; `Posts` lists one blog's posts, `Replies` the replies to the user
    /// (their rows live in `App::browse`).
    Blogs,
    Posts,
    Replies,
    /// The keys, over the screen below, scrolled by this many rows.
    Help(usize),
    /// Recent status-line messages in full, scrolled by this many rows.
    Messages(usize),
    /// Unsent drafts.
    Drafts(DraftsView),
}

impl Screen {
    /// Overlays draw over the screen below them.
    pub fn is_overlay(&self) -> bool {
        matches!(self, Screen::Help(_))
    }

    fn same_kind(&self, other: &Screen) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

/// Where a screen's input leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nav {
    /// Stay on this screen.
    Stay,
    /// Show another screen over this one.
    Push(Screen),
    /// Back to the screen below (out of parlor from the last one).
    Pop,
    /// Open a post (a URL, a file, a store key) in the reader.
    Open(String),
}

/// The screens shown, the last one on top; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stack(Vec<Screen>);

impl Stack {
    pub fn new(first: Screen) -> Stack {
        Stack(vec![first])
    }

    /// The screen on top.
    pub fn top(&self) -> &Screen {
        // The stack is never empty: `pop` refuses to take the last screen.
        self.0.last().unwrap_or(&Screen::Reader)
    }

    pub fn top_mut(&mut self) -> Option<&mut Screen> {
        self.0.last_mut()
    }

    /// The screen under the top one (what an overlay is drawn over).
    pub fn under(&self) -> Option<&Screen> {
        self.0.len().checked_sub(2).and_then(|i| self.0.get(i))
    }

    /// The topmost screen that is not an overlay.
    pub fn base(&self) -> &Screen {
        self.0
            .iter()
            .rev()
            .find(|s| !s.is_overlay())
            .unwrap_or(&Screen::Reader)
    }

    /// The screens from the bottom up.
    pub fn screens(&self) -> &[Screen] {
        &self.0
    }

    /// Shows `screen` on top. A list already in the stack is returned to instead (what was
    /// over it is dropped), so `L` or `B` twice never stacks two libraries; the reader moves
    /// to the top (one post is loaded at a time).
    pub fn push(&mut self, screen: Screen) {
        if let Some(i) = self.0.iter().position(|s| s.same_kind(&screen)) {
            if matches!(screen, Screen::Reader) {
                self.0.remove(i);
            } else {
                self.0.truncate(i);
            }
        }
        self.0.push(screen);
    }

    /// Takes the top screen off; `None` when it is the last one (the caller quits).
    pub fn pop(&mut self) -> Option<Screen> {
        if self.0.len() > 1 {
            self.0.pop()
        } else {
            None
        }
    }

    pub fn screens_mut(&mut self) -> &mut [Screen] {
        &mut self.0
    }

    /// Replaces the whole stack with one screen.
    pub fn reset(&mut self, screen: Screen) {
        self.0 = vec![screen];
    }
}

/// Status-line messages a screen wants shown (the app logs them too).
#[derive(Debug, Default)]
pub struct Status(pub Vec<Message>);

impl Status {
    pub fn info(&mut self, text: impl Into<String>) {
        self.0.push(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.0.push(Message {
            text: text.into(),
            error: true,
        });
    }
}

/// What a screen may read and write: the keys, the offline flag, the rows on screen and a
/// status sink; never the whole `App`.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub keymap: &'a Keymap,
    pub offline: bool,
    /// Rows a page moves.
    pub page: usize,
    pub status: Status,
}

/// What a screen's input produced: work for the worker and where to go.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub effects: Vec<Effect>,
    pub nav: Option<Nav>,
}

impl Outcome {
    pub fn nav(nav: Nav) -> Outcome {
        Outcome {
            effects: Vec::new(),
            nav: Some(nav),
        }
    }

    pub fn effects(effects: Vec<Effect>) -> Outcome {
        Outcome { effects, nav: None }
    }
}

/// A list selection moved by `delta` rows, kept within `len` rows.
pub(crate) fn step(row: usize, delta: isize, len: usize) -> usize {
    let next = if delta < 0 {
        row.saturating_sub(delta.unsigned_abs())
    } else {
        row.saturating_add(delta.unsigned_abs())
    };
    next.min(len.saturating_sub(1))
}

/// How far a list-screen action moves the selection (`page`: rows on screen); `None` for
/// actions that are not motions. `isize::MIN` / `MAX` mean the first / last row.
pub(crate) fn list_motion(action: Action, page: isize) -> Option<isize> {
    Some(match action {
        Action::ScrollDown | Action::NextComment => 1,
        Action::ScrollUp | Action::PrevComment => -1,
        Action::HalfPageDown | Action::PageDown => page,
        Action::HalfPageUp | Action::PageUp => -page,
        Action::Top => isize::MIN,
        Action::Bottom => isize::MAX,
        _ => return None,
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod stack_tests {
    use super::*;

    #[test]
    fn push_returns_to_a_list_and_moves_the_reader_up() {
        let mut s = Stack::new(Screen::Library(LibraryView::default()));
        s.push(Screen::Blogs);
        s.push(Screen::Posts);
        s.push(Screen::Reader);
        assert_eq!(s.top(), &Screen::Reader);
        s.push(Screen::Blogs);
        assert_eq!(
            s.screens().len(),
            2,
            "back to the Blogs screen already shown"
        );
        s.push(Screen::Reader);
        s.push(Screen::Library(LibraryView::default()));
        assert_eq!(s.screens().len(), 1, "the library was at the bottom");
        assert_eq!(s.pop(), None, "the last screen stays");
        s.push(Screen::Reader);
        s.push(Screen::Help(0));
        assert_eq!(s.base(), &Screen::Reader);
        assert_eq!(s.under(), Some(&Screen::Reader));
    }
}
