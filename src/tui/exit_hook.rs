//! The start-up benchmark's exit hook (`PARLOR_EXIT_AFTER_FIRST_FRAME`): with `1` the reader
//! leaves right after the first frame that shows a loaded post (or the library), so
//! `hyperfine` can time start-up; with `full` it quits normally once the comments are wrapped
//! and nothing is loading (position saved, parsed model cached).

use super::app::App;

/// The environment variable that turns the hook on.
pub const EXIT_AFTER_FIRST_FRAME: &str = "PARLOR_EXIT_AFTER_FIRST_FRAME";

/// The hook as the environment set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    Off,
    FirstFrame,
    Settled,
}

impl Hook {
    pub fn from_env() -> Hook {
        match std::env::var(EXIT_AFTER_FIRST_FRAME).as_deref() {
            Ok("1") => Hook::FirstFrame,
            Ok("full") => Hook::Settled,
            _ => Hook::Off,
        }
    }

    /// Right after a frame is drawn (before the deferred comments are wrapped): leave now,
    /// without tearing the post down (measuring start-up, not exit).
    pub fn exit_now(self, app: &App) -> bool {
        self == Hook::FirstFrame && app.first_frame_ready()
    }

    /// Once the comments are wrapped and nothing loads: quit as the user would.
    pub fn quit_now(self, app: &App) -> bool {
        self == Hook::Settled && app.first_frame_ready() && !app.is_loading()
    }
}
