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
    /// Follow a blog: its home page, one of its posts, or its feed.
    Add(cli::blogs::AddArgs),
    /// Stop following a blog (its URL or feed URL).
    Remove(cli::blogs::RemoveArgs),
    /// List the blogs you follow with their post counts and last refresh.
    Blogs(cli::blogs::ListArgs),
    /// List the posts of the blogs you follow (N new, * unread, +new comments).
    Posts(cli::blogs::PostsArgs),
    /// Follow every blog of an OPML file.
    Import(cli::blogs::ImportArgs),
    /// Print the blogs you follow as OPML.
    ExportOpml,
    /// Refresh every blog and every thread you commented on (exit 2 when some failed).
    Refresh,
    /// Replies to your comments, newest first.
    Replies(cli::blogs::RepliesArgs),
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
        Some(Command::Add(args)) => cli::blogs::run_add(args),
        Some(Command::Remove(args)) => cli::blogs::run_remove(args),
        Some(Command::Blogs(args)) => cli::blogs::run_blogs(args),
        Some(Command::Posts(args)) => cli::blogs::run_posts(args),
        Some(Command::Import(args)) => cli::blogs::run_import(args),
        Some(Command::ExportOpml) => cli::blogs::run_export_opml(),
        Some(Command::Refresh) => cli::blogs::run_refresh(),
        Some(Command::Replies(args)) => cli::blogs::run_replies(args),
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
