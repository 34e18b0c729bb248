//! The `parlor` binary: parses the command line and runs a subcommand or the reader.

use clap::{Parser, Subcommand};
use parlor::cli;
use std::process::ExitCode;

/// A terminal reader for blog posts and their comment threads.
#[derive(Debug, Parser)]
#[command(name = "parlor", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A post to read: an http(s) URL or an HTML file. Without one, parlor opens the library
    /// (or the built-in welcome post when the library is empty).
    source: Option<String>,
    /// Do not touch the network: show stored copies only.
    #[arg(long)]
    offline: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print a post and its comments as text, markdown or JSON.
    Dump(cli::dump::DumpArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Dump(args)) => cli::dump::run(args),
        None => parlor::tui::run(parlor::tui::Options {
            source: cli.source.clone(),
            offline: cli.offline,
        }),
    };
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(err) => {
            eprintln!("parlor: {err:#}");
            ExitCode::from(1)
        }
    }
}
