//! The reader's settings, resolved from the config and the environment (keys, theme, layout,
//! identity, discussions, the time zone of dates).

use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

/// Everything configurable, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    pub side_by_side_min_width: u16,
    /// Problems found in the config, shown once in the status line.
    pub notices: Vec<String>,
    /// `[identity]` from the config: who replies are from.
    pub identity: crate::reply::Identity,
    /// `[discussions] auto`: look every web post opened up on HN, Lobsters and Reddit.
    pub discussions_auto: bool,
    /// The zone dates are shown in: the reader uses the local one; the default is UTC, so
    /// tests and snapshots read the same on every machine.
    pub zone: crate::tui::render::time::Zone,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            keymap: Keymap::default(),
            theme: Theme::default(),
            side_by_side_min_width: 140,
            notices: Vec::new(),
            identity: crate::reply::Identity::default(),
            discussions_auto: false,
            zone: crate::tui::render::time::Zone::Utc,
        }
    }
}
