//! Keeping personal data private on disk: the data dir, the store file, its `-wal`/`-shm`,
//! the `models/` cache and the log file lose their group and other permission bits (0700 for
//! directories, 0600 for files, as created). Unix only; elsewhere these do nothing.

use std::path::Path;

/// Creates `dir` (and its parents) when missing and makes `dir` itself 0700.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)?;
    // An existing directory the user made read-only (or immutable) is theirs to keep.
    let _ = set_mode(dir, 0o700);
    Ok(())
}

/// Creates `path` empty when missing (0600 from the start) and makes it 0600.
pub fn private_file(path: &Path) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    opts.open(path)?;
    set_mode(path, 0o600)
}

/// Makes the store's directory 0700, the store file and its SQLite companions (`-wal`,
/// `-shm`, `-journal`) 0600, and the `models/` cache beside it 0700 with its files 0600.
/// Only parlor's own files are touched (the directory may be one the user named). Errors are
/// ignored file by file: a file that cannot be changed is no reason to refuse the store.
pub fn tighten(db: &Path) {
    let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return;
    };
    let _ = set_mode(dir, 0o700);
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned());
    let Some(name) = name else { return };
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let file = dir.join(format!("{name}{suffix}"));
        if file.is_file() {
            let _ = set_mode(&file, 0o600);
        }
    }
    let models = dir.join("models");
    if models.is_dir() {
        let _ = set_mode(&models, 0o700);
        if let Ok(files) = std::fs::read_dir(&models) {
            for file in files.flatten() {
                if file.file_type().is_ok_and(|t| t.is_file()) {
                    let _ = set_mode(&file.path(), 0o600);
                }
            }
        }
    }
}

/// Clears the group and other permission bits (keeps the owner's, so a directory the user
/// made read-only stays read-only). `mode` is only a documentation of the intended bits.
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    debug_assert_eq!(mode & 0o077, 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let now = std::fs::metadata(path)?.permissions().mode() & 0o7777;
        if now & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(now & !0o077))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}
