//! The `parlor` binary: parses the command line (definitions in `parlor::cli::args`) and runs a
//! subcommand or the reader.

use clap::Parser as _;
use parlor::cli::{self, args::Cli, args::Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let (None, Some(source)) = (&cli.command, &cli.source) {
        if let Err(message) = cli::args::check_source(source) {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    }
    let _log = cli::logging::init(cli.command.is_some());
    // Loading the config notes (once) a config with an identity or token others can read.
    let _ = parlor::config::load();
    if let Some(warning) = parlor::config::take_warning() {
        eprintln!("parlor: warning: {warning}");
    }
    if let (None, Some(source), true) = (&cli.command, &cli.source, cli.offline) {
        if let Err(err) = cli::args::check_offline(source) {
            eprintln!("parlor: {err:#}");
            return ExitCode::from(1);
        }
    }
    let result = run(&cli);
    match result {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(err) if cli::out::is_closed_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err:#}");
            eprintln!("parlor: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<i32> {
    match &cli.command {
        Some(Command::Dump(args)) => cli::dump::run(args),
        Some(Command::Export(args)) => cli::export::run(args),
        Some(Command::Discussions(args)) => cli::discussions::run(args),
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
        Some(Command::Completions(args)) => cli::shell::run_completions(args),
        Some(Command::Man) => cli::shell::run_man(),
        Some(Command::Login(args)) => cli::login::run_login(args),
        Some(Command::Logout(args)) => cli::login::run_logout(args),
        Some(Command::Accounts) => cli::login::run_accounts(),
        None => parlor::tui::run(parlor::tui::Options {
            source: cli.source.clone(),
            offline: cli.offline,
        }),
    }
}
