//! The `parlor` binary: parses the command line and runs a subcommand or the reader.

use clap::{Parser, Subcommand};
use parlor::cli;
use std::process::ExitCode;

/// A terminal reader for blog posts and their comment threads.
#[derive(Debug, Parser)]
#[command(
    name = "parlor",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
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
    /// A post and its whole thread from the library (offline), as Markdown or JSON.
    Export(cli::export::ExportArgs),
    /// Post a comment or a reply through the blog's own form (exit 0 published, 10 held for
    /// moderation, 11 queued in the outbox, 1 failed).
    Reply(cli::reply::ReplyArgs),
    /// List the stored posts, most recently read first.
    Library(cli::library::LibraryArgs),
    /// Remove stored posts not read for a while (e.g. --older-than 90d).
    Prune(cli::library::PruneArgs),
    /// List unsent drafts.
    Drafts(cli::library::DraftsArgs),
    /// List replies waiting to be sent, with their state and last error.
    Outbox(cli::library::OutboxArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Dump(args)) => cli::dump::run(args),
        Some(Command::Export(args)) => cli::export::run(args),
        Some(Command::Reply(args)) => cli::reply::run(args),
        Some(Command::Library(args)) => cli::library::run_library(args),
        Some(Command::Prune(args)) => cli::library::run_prune(args),
        Some(Command::Drafts(args)) => cli::library::run_drafts(args),
        Some(Command::Outbox(args)) => cli::library::run_outbox(args),
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
