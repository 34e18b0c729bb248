//! The terminal reader: app state, keymap, worker, event loop and views.

/// What the reader was asked to open.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// URL or HTML file; `None` opens the library or the welcome post.
    pub source: Option<String>,
    /// Show stored copies only; never touch the network.
    pub offline: bool,
}

/// Runs the reader until the user quits; returns the process exit code.
pub fn run(_options: Options) -> anyhow::Result<i32> {
    anyhow::bail!("the reader is not implemented yet")
}
