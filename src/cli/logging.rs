//! The log file for the subcommands: `parlor.log` in the state dir (as the reader's), created
//! private (0600, its directory 0700) since it can hold URLs and error details.

use std::path::PathBuf;

/// The log file's path, its directory made private and the file created 0600.
pub fn prepare() -> Option<PathBuf> {
    let dir = crate::config::log_dir()?;
    crate::store::private_dir(&dir).ok()?;
    let path = dir.join("parlor.log");
    crate::store::private_file(&path).ok()?;
    Some(path)
}

/// Lines the log's writer thread queues before it drops them (it says how many it dropped).
const LOG_QUEUE_LINES: usize = 1024;

/// Prepares the private log file; for a subcommand (`subscriber`) also installs the logger
/// (the reader installs its own). Keep the guard until exit: it flushes the log.
pub fn init(subscriber: bool) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let path = prepare()?;
    if !subscriber {
        return None;
    }
    let dir = path.parent()?;
    let appender = tracing_appender::rolling::never(dir, "parlor.log");
    // A small queue: the default (128,000 lines) is allocated and zeroed up front, about 5 MB
    // and 5 ms on every start, for a log that gets a few lines per command.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .finish(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("PARLOR_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
