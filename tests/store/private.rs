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

/// Makes a directory unwritable even for root (`chattr +i`), or by mode for other users; undone
/// on drop. `None` when neither is possible here.
struct Unwritable(std::path::PathBuf, bool);

impl Unwritable {
    fn make(dir: &Path) -> Option<Unwritable> {
        let chattr = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        if !chattr {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).ok()?;
        }
        let guard = Unwritable(dir.to_path_buf(), chattr);
        // Proof that it is unwritable for this process.
        let probe = dir.join("probe");
        if std::fs::write(&probe, "x").is_ok() {
            let _ = std::fs::remove_file(probe);
            return None;
        }
        Some(guard)
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        if self.1 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        }
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o700));
    }
}

/// Issue 12 item 10: a read-only data dir still allows reading (library, offline copies).
#[test]
fn a_read_only_data_dir_still_reads() {
    use parlor::store::{PageRecord, PostMeta, StoreError};
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let db = data.join("parlor.sqlite3");
    {
        let mut store = Store::open(&db).expect("store");
        let page = PageRecord {
            url: "https://b.test/p/".into(),
            final_url: "https://b.test/p/".into(),
            html: "<p>kept</p>".into(),
            fetched_at: 1,
            etag: None,
            last_modified: None,
        };
        let meta = PostMeta {
            url: "https://b.test/p/".into(),
            title: "Kept".into(),
            site: "b.test".into(),
            comment_count: 0,
        };
        store
            .save_fetch("https://b.test/p/", &[page], &meta, 1)
            .expect("save");
    }
    let Some(_guard) = Unwritable::make(&data) else {
        panic!("cannot make a directory unwritable here (no chattr, and running as root)");
    };
    let mut store = Store::open(&db).expect("opens read-only");
    assert!(store.is_read_only());
    let library = store.library().expect("library reads");
    assert_eq!(library.len(), 1);
    assert_eq!(library[0].title, "Kept");
    let pages = store.load_pages("https://b.test/p/").expect("pages");
    assert_eq!(pages.expect("stored").pages[0].html, "<p>kept</p>");
    let err = store
        .save_draft("https://b.test/p/", None, "x", 2)
        .expect_err("cannot write");
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().contains("read-only"), "{err}");
}
