//! `parlor dump SOURCE`: fetch or read a page, extract it, print text, markdown or JSON.

use crate::fetch::load_source;
use crate::format::{self, Part};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal as _, Write as _};
use url::Url;

/// Output formats of `parlor dump`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

/// Which part of the post `parlor dump` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PartArg {
    All,
    Article,
    Comments,
}

impl From<PartArg> for Part {
    fn from(p: PartArg) -> Part {
        match p {
            PartArg::All => Part::All,
            PartArg::Article => Part::Article,
            PartArg::Comments => Part::Comments,
        }
    }
}

/// Arguments of `parlor dump`.
#[derive(Debug, Args)]
pub struct DumpArgs {
    /// An http(s) URL, an HTML file, or `-` for stdin.
    pub source: String,
    /// The page's address, for a file or stdin (relative links are resolved against it).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// What to print: the article, the comments, or both.
    #[arg(long, value_enum, default_value = "all")]
    pub part: PartArg,
    /// Wrap text at N columns (default: the terminal's width, or 80 when not a terminal).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

/// Runs `parlor dump`; returns the process exit code.
pub fn run(args: &DumpArgs) -> anyhow::Result<i32> {
    let base = match &args.base_url {
        Some(s) => Some(
            Url::parse(s).map_err(|e| anyhow::anyhow!("--base-url {s} is not a valid URL: {e}"))?,
        ),
        None => None,
    };
    let loaded = load_source(None, &args.source, base.as_ref())?;
    for w in &loaded.warnings {
        eprintln!("parlor: warning: {w}");
    }
    let part = Part::from(args.part);
    let mut out = match args.format {
        Format::Text => {
            format::to_text(&loaded.post, part, args.width.unwrap_or_else(output_width))
        }
        Format::Markdown => format::to_markdown(&loaded.post, part),
        Format::Json => serde_json::to_string_pretty(&format::to_json(&loaded.post, part))?,
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(0),
        // `parlor dump … | head` closing the pipe early is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(anyhow::anyhow!("could not write the output: {e}")),
    }
}

/// The terminal's width when stdout is one, else 80.
fn output_width() -> usize {
    if std::io::stdout().is_terminal() {
        if let Ok((cols, _)) = crossterm::terminal::size() {
            if cols > 0 {
                return usize::from(cols);
            }
        }
    }
    80
}
