//! `parlor dump SOURCE`: fetch or read a page, extract it, print text, markdown or JSON.

use clap::Args;

/// Arguments of `parlor dump`.
#[derive(Debug, Args)]
pub struct DumpArgs {
    /// An http(s) URL, an HTML file, or `-` for stdin.
    pub source: String,
}

/// Runs `parlor dump`; returns the process exit code.
pub fn run(_args: &DumpArgs) -> anyhow::Result<i32> {
    anyhow::bail!("dump is not implemented yet")
}
