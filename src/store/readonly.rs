//! Opening the store read-only when it cannot be written (a read-only data dir or file, a
//! read-only mount): the library and `--offline` reading still work; writes fail with
//! [`StoreError::ReadOnly`].

use super::{error, schema, Store, StoreError, SCHEMA_VERSION};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

impl Store {
    /// Opens an existing store for reading only. SQLite cannot create the `-shm`/`-wal` files
    /// of a WAL store in a directory it cannot write, so the file is opened `immutable`: what
    /// another process writes meanwhile is not seen until the next open.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let mut uri = url::Url::from_file_path(path).map_err(|()| StoreError::Io {
            path: path.to_path_buf(),
            cause: std::io::Error::other("not an absolute path"),
        })?;
        uri.set_query(Some("mode=ro&immutable=1"));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(uri.as_str(), flags).map_err(|e| error::sql(path, e))?;
        let version = schema::read_version(&conn).map_err(|e| error::sql(path, e))?;
        match version {
            Some(v) if v == SCHEMA_VERSION => {}
            Some(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::Newer {
                    path: path.to_path_buf(),
                    version: v,
                })
            }
            _ => {
                return Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                })
            }
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
        })
    }

    /// True when the store was opened read-only (its file or directory cannot be written).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

/// Whether an error opening the store read-write is worth a read-only try: permissions,
/// read-only files or mounts, files that cannot be created. Not a damaged or newer file.
pub(super) fn worth_read_only(e: &StoreError) -> bool {
    match e {
        StoreError::Io { .. } | StoreError::ReadOnly { .. } => true,
        StoreError::Sql { cause, .. } => matches!(
            cause.sqlite_error_code(),
            Some(
                rusqlite::ErrorCode::ReadOnly
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::PermissionDenied
                    | rusqlite::ErrorCode::SystemIoFailure
            )
        ),
        _ => false,
    }
}
