//! `parlor export URL`: a post and its whole thread from the library, offline, as Markdown or JSON.

use crate::format::{self, Part};
use crate::reading;
use crate::store::Store;
use clap::{Args, ValueEnum};
use std::io::Write as _;

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

/// Arguments of `parlor export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The post's URL, as read before.
    pub url: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ExportFormat,
}

/// Runs `parlor export`; never touches the network.
pub fn run(args: &ExportArgs) -> anyhow::Result<i32> {
    let store = Store::open_default()?;
    let opened = reading::open_stored(&store, &args.url)?.ok_or_else(|| {
        anyhow::anyhow!("{} is not in the library (see `parlor library`)", args.url)
    })?;
    let mut out = match args.format {
        ExportFormat::Markdown => format::to_markdown(&opened.post, Part::All),
        ExportFormat::Json => {
            serde_json::to_string_pretty(&format::to_json(&opened.post, Part::All))?
        }
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::anyhow!("could not write the output: {e}"))
        }
        _ => Ok(0),
    }
}
