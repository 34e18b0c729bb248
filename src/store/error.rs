//! Store errors: each names the file and, where there is one, the way out.

use rusqlite::ErrorCode;
use std::path::{Path, PathBuf};

/// Everything that can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not SQLite, is damaged, or is some other program's database.
    #[error(
        "{} is not a parlor store (or is damaged): {detail}. Move it aside (mv {} {}.bad) and parlor starts a new one.",
        path.display(), path.display(), path.display()
    )]
    Corrupt { path: PathBuf, detail: String },
    /// The file was written by a newer parlor.
    #[error(
        "{} was written by a newer parlor (store version {version}; this parlor knows up to {}). Update parlor, or point PARLOR_DATA_DIR at another directory.",
        path.display(), super::SCHEMA_VERSION
    )]
    Newer { path: PathBuf, version: i64 },
    /// Another process held the write lock longer than the busy timeout.
    #[error("the store {} is busy: another parlor has been writing to it for more than 5 s. Try again.", path.display())]
    Busy { path: PathBuf },
    /// A stored value could not be decoded (e.g. JSON in a column).
    #[error("the store {} holds a value parlor cannot read: {detail}", path.display())]
    Data { path: PathBuf, detail: String },
    /// The platform gave no data directory and PARLOR_DATA_DIR is not set.
    #[error("cannot find a data directory for parlor's store; set PARLOR_DATA_DIR to one")]
    NoDataDir,
    /// A file-system error (creating the data directory).
    /// (The cause is in the message, not a `source()`, so `{:#}` does not say it twice.)
    #[error("cannot use {}: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    /// The store cannot be written (its file, directory or disk is read-only): reading works.
    #[error("the store {} is read-only (its file or directory cannot be written): reading works, but nothing can be saved", path.display())]
    ReadOnly { path: PathBuf },
    /// Any other SQLite error (permissions, disk full, …).
    #[error("the store {} failed: {cause}", path.display())]
    Sql {
        path: PathBuf,
        cause: rusqlite::Error,
    },
}

/// True for SQLITE_BUSY / SQLITE_LOCKED.
pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

/// Maps a SQLite error on the store at `path` to a [`StoreError`].
pub(super) fn sql(path: &Path, e: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::Corrupt {
            path,
            detail: "it is not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path,
            detail: format!("SQLite reports damage ({e})"),
        },
        _ if is_busy(&e) => StoreError::Busy { path },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
        _ => StoreError::Sql { path, cause: e },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 12 item 10: a store error printed with its causes says its message once.
    #[test]
    fn messages_are_not_repeated_by_the_cause_chain() {
        let e = StoreError::Io {
            path: PathBuf::from("/dev/null/x"),
            cause: std::io::Error::from(std::io::ErrorKind::NotADirectory),
        };
        let shown = format!(
            "{:#}",
            anyhow::Error::from(e).context("cannot open parlor's store")
        );
        assert_eq!(shown.matches("not a directory").count(), 1, "{shown}");
    }
}
