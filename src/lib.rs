//! parlor: a terminal reader for blog posts and their comment threads.
//!
//! Data flows one way: `net` → `extract` → `model` → `store` → `tui` (update) → `tui::ui` (view).
//! `model`, `extract`, `reply`, `store` and `feeds` never touch the terminal.

pub mod auth;
pub mod blogs;
pub mod cli;
pub mod config;
pub mod editor;
pub mod elsewhere;
pub mod extract;
pub mod feeds;
pub mod fetch;
pub mod format;
pub mod model;
pub mod net;
pub mod posting;
pub mod reading;
pub mod reply;
pub mod store;
pub mod threads;
pub mod tui;

#[cfg(test)]
mod test_rng;

/// The User-Agent parlor sends: names parlor and its version.
pub const USER_AGENT: &str = concat!(
    "parlor/",
    env!("CARGO_PKG_VERSION"),
    " (terminal blog reader; +https://crates.io/crates/parlor)"
);
