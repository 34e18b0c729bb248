//! Issue 12 item 3: the data dir is 0700 and the store, its `-wal`/`-shm` and the `models/`
//! cache are 0600, even when they were created before with looser modes.

#![cfg(unix)]

use parlor::store::Store;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

#[test]
fn a_new_store_is_private() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let db = data.join("parlor.sqlite3");
    let mut store = Store::open(&db).expect("store");
    store
        .save_draft("https://b.test/p/", None, "words", 1)
        .expect("draft");
    assert_eq!(mode(&data), 0o700);
    for name in ["parlor.sqlite3", "parlor.sqlite3-wal", "parlor.sqlite3-shm"] {
        let path = data.join(name);
        assert!(path.exists(), "{name} exists while the store is open");
        assert_eq!(mode(&path), 0o600, "{name}");
    }
}

#[test]
fn an_old_loose_store_is_tightened_on_open() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let db = data.join("parlor.sqlite3");
    drop(Store::open(&db).expect("store"));
    let models = data.join("models");
    std::fs::create_dir(&models).expect("models");
    std::fs::write(models.join("abc.json"), "{}").expect("model");
    std::fs::write(data.join("notes.txt"), "the user's own file").expect("other");
    let set = |p: &Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod")
    };
    set(&data, 0o755);
    set(&db, 0o644);
    set(&models, 0o755);
    set(&models.join("abc.json"), 0o644);
    set(&data.join("notes.txt"), 0o644);
    drop(Store::open(&db).expect("reopen"));
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&models), 0o700);
    assert_eq!(mode(&models.join("abc.json")), 0o600);
    assert_eq!(mode(&data.join("notes.txt")), 0o644, "not parlor's file");
}
