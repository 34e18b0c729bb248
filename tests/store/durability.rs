//! Durability: concurrent writers (threads and processes), a writer killed mid-transaction,
//! damaged and foreign files, an older schema migrated and a newer one refused.
//!
//! Child processes are this test binary run again with `PARLOR_STORE_CHILD` set, executing only
//! `child_process_entry` (which does nothing in a normal run).

use crate::{meta, outbox_new, page, temp_store};
use parlor::store::{Store, StoreError, SCHEMA_VERSION};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const CHILD_ENV: &str = "PARLOR_STORE_CHILD";
const BIG_KEY: &str = "https://example.com/big/";
const HALF: usize = 10 * 1024 * 1024;

fn spawn_child(mode: &str, path: &Path, tag: &str) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "durability::child_process_entry", "--nocapture"])
        .env(CHILD_ENV, format!("{mode}\n{}\n{tag}", path.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child")
}

/// Entry point of the child processes (a no-op unless `PARLOR_STORE_CHILD` is set).
#[test]
fn child_process_entry() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut parts = spec.splitn(3, '\n');
    let (mode, path, tag) = (
        parts.next().expect("mode"),
        parts.next().expect("path"),
        parts.next().expect("tag"),
    );
    match mode {
        "writer" => write_many(Path::new(path), tag),
        "big" => write_big_forever(Path::new(path)),
        "path" => println!("default_path={:?}", Store::default_path()),
        other => panic!("unknown child mode {other}"),
    }
}

/// 100 seen marks, 20 drafts and 20 outbox entries, each its own transaction.
fn write_many(path: &Path, tag: &str) {
    let mut s = Store::open(path).expect("child open");
    for i in 0..100 {
        s.mark_seen("https://shared/", &[format!("{tag}-{i}")], i)
            .expect("mark_seen");
        if i % 5 == 0 {
            s.save_draft("https://shared/", Some(&format!("{tag}-{i}")), tag, i)
                .expect("save_draft");
            s.enqueue(&outbox_new("https://shared/", tag))
                .expect("enqueue");
        }
    }
}

/// Saves the big post (two 10 MB pages of one letter) forever, generation after generation.
fn write_big_forever(path: &Path) {
    let mut s = Store::open(path).expect("child open");
    for generation in 1_i64.. {
        let letter = char::from(b'a' + u8::try_from(generation % 26).expect("small"));
        let html = letter.to_string().repeat(HALF);
        let pages = [
            page(BIG_KEY, &html, generation, None),
            page(BIG_KEY, &html, generation, None),
        ];
        s.save_fetch(BIG_KEY, &pages, &meta(BIG_KEY, "Big", 0), generation)
            .expect("save big");
        println!("saved {generation}");
    }
}

#[test]
fn default_path_follows_parlor_data_dir() {
    // In a child process: setting the variable here would race with other tests.
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "durability::child_process_entry", "--nocapture"])
        .env(CHILD_ENV, "path\n-\n-")
        .env("PARLOR_DATA_DIR", "/tmp/parlor-data-test")
        .output()
        .expect("run child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("default_path=Some(\"/tmp/parlor-data-test/parlor.sqlite3\")"),
        "{stdout}"
    );
}

#[test]
fn threads_write_at_once() {
    let (_d, path, _s) = temp_store();
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || write_many(&path, &format!("t{t}")))
        })
        .collect();
    for h in handles {
        h.join().expect("writer thread");
    }
    assert_writes(&path, &["t0", "t1", "t2", "t3"]);
}

#[test]
fn processes_write_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The children race to create the store too.
    let path = dir.path().join("parlor.sqlite3");
    let children: Vec<Child> = ["p0", "p1", "p2"]
        .iter()
        .map(|tag| spawn_child("writer", &path, tag))
        .collect();
    write_many(&path, "parent");
    for mut c in children {
        let status = c.wait().expect("wait child");
        assert!(status.success(), "child failed: {status}");
    }
    assert_writes(&path, &["p0", "p1", "p2", "parent"]);
}

fn assert_writes(path: &Path, tags: &[&str]) {
    let s = Store::open(path).expect("reopen");
    let seen = s.seen_ids("https://shared/").expect("seen");
    assert_eq!(seen.len(), 100 * tags.len());
    for tag in tags {
        assert_eq!(seen.get(&format!("{tag}-99")), Some(&99));
        let draft = s.load_draft("https://shared/", Some(&format!("{tag}-95")));
        assert_eq!(draft.expect("load").map(|d| d.body), Some(tag.to_string()));
    }
    assert_eq!(s.list_drafts().expect("drafts").len(), 20 * tags.len());
    assert_eq!(s.outbox().expect("outbox").len(), 20 * tags.len());
    assert_eq!(s.integrity_check().expect("check"), ["ok"]);
}

#[test]
fn writer_killed_mid_transaction_leaves_a_whole_copy() {
    let (_d, path, mut s) = temp_store();
    let original = "0".repeat(HALF);
    let pages = [
        page(BIG_KEY, &original, 0, None),
        page(BIG_KEY, &original, 0, None),
    ];
    s.save_fetch(BIG_KEY, &pages, &meta(BIG_KEY, "Big", 0), 0)
        .expect("save");
    drop(s);
    // Kill at different points of the next generation's write (one takes ~0.4 s here).
    for delay_ms in [40, 130, 220, 310] {
        let mut child = spawn_child("big", &path, "");
        let out = child.stdout.take().expect("child stdout");
        let mut lines = BufReader::new(out).lines();
        // Wait for one complete generation, then kill the child inside a later one.
        let first = lines.find(|l| l.as_ref().is_ok_and(|l| l.starts_with("saved ")));
        assert!(first.is_some(), "child never saved");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        let later: Vec<String> = lines.map_while(Result::ok).collect();
        let generation = assert_whole_copy(&path);
        eprintln!("store: SIGKILL {delay_ms} ms after generation 1 was saved: stored generation {generation}, later lines {later:?}");
    }
}

/// The big post is whole (both pages of one generation, ≥ 1) and the file is sound.
fn assert_whole_copy(path: &Path) -> i64 {
    let s = Store::open(path).expect("reopen after kill");
    assert_eq!(s.integrity_check().expect("check"), ["ok"]);
    let got = s.load_pages(BIG_KEY).expect("load").expect("stored");
    assert_eq!(got.pages.len(), 2);
    let letter = got.pages[0].html.chars().next().expect("non-empty");
    for p in &got.pages {
        assert_eq!(p.html.len(), HALF);
        assert!(p.html.chars().all(|c| c == letter), "a torn page");
        assert_eq!(p.fetched_at, got.fetched_at);
    }
    assert!(got.fetched_at >= 1, "the completed generation was lost");
    got.fetched_at
}

#[test]
fn garbage_file_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parlor.sqlite3");
    let garbage: Vec<u8> = (0..8192_u32).map(|i| (i * 7 + 3) as u8).collect();
    std::fs::write(&path, &garbage).expect("write garbage");
    let err = Store::open(&path).expect_err("garbage must be refused");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    let msg = err.to_string();
    let shown = path.display().to_string();
    assert!(
        msg.starts_with(&format!("{shown} is not a parlor store")),
        "{msg}"
    );
    assert!(msg.contains(&format!("mv {shown} {shown}.bad")), "{msg}");
    assert_eq!(std::fs::read(&path).expect("read back"), garbage);
}

#[test]
fn damaged_store_is_refused() {
    let (_d, path, mut s) = temp_store();
    s.save_fetch(
        "https://x/",
        &[page("https://x/", "y", 1, None)],
        &meta("https://x/", "X", 0),
        1,
    )
    .expect("save");
    drop(s);
    // Keep the SQLite header, smash the schema page.
    let mut bytes = std::fs::read(&path).expect("read");
    for b in bytes.iter_mut().skip(100).take(3000) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write");
    let err = Store::open(&path).expect_err("damage must be refused");
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
}

#[test]
fn foreign_database_is_refused_empty_file_is_adopted() {
    let dir = tempfile::tempdir().expect("temp dir");
    let foreign = dir.path().join("other.sqlite3");
    let conn = rusqlite::Connection::open(&foreign).expect("open");
    conn.execute_batch("CREATE TABLE cookies (name TEXT);")
        .expect("create");
    drop(conn);
    let err = Store::open(&foreign).expect_err("foreign db");
    assert!(
        matches!(&err, StoreError::Corrupt { detail, .. } if detail.contains("other program")),
        "{err:?}"
    );

    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").expect("touch");
    let s = Store::open(&empty).expect("an empty file becomes a store");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
}

/// The v1 schema, written out by hand as the first release created it.
const V1_BY_HAND: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE posts (post_key TEXT PRIMARY KEY, url TEXT NOT NULL, title TEXT NOT NULL,
  site TEXT NOT NULL, comment_count INTEGER NOT NULL DEFAULT 0,
  new_count INTEGER NOT NULL DEFAULT 0, fetched_at INTEGER NOT NULL, last_read INTEGER);
CREATE TABLE pages (post_key TEXT NOT NULL REFERENCES posts(post_key) ON DELETE CASCADE,
  seq INTEGER NOT NULL, url TEXT NOT NULL, final_url TEXT NOT NULL, html TEXT NOT NULL,
  fetched_at INTEGER NOT NULL, etag TEXT, last_modified TEXT, PRIMARY KEY (post_key, seq))
  WITHOUT ROWID;
CREATE TABLE positions (post_key TEXT PRIMARY KEY, position TEXT NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE TABLE seen (post_key TEXT NOT NULL, comment_id TEXT NOT NULL,
  first_seen INTEGER NOT NULL, PRIMARY KEY (post_key, comment_id)) WITHOUT ROWID;
CREATE TABLE drafts (post_key TEXT NOT NULL, parent_id TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (post_key, parent_id));
INSERT INTO posts VALUES ('https://v1/', 'https://v1/', 'Old post', 'Old blog', 5, 2, 1000, 1500);
INSERT INTO pages VALUES ('https://v1/', 0, 'https://v1/', 'https://v1/', '<p>v1</p>', 1000,
  '\"v1tag\"', NULL);
INSERT INTO seen VALUES ('https://v1/', '7', 1200);
INSERT INTO drafts VALUES ('https://v1/', '7', 'an old draft', 1300);
";

#[test]
fn v1_store_is_migrated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parlor.sqlite3");
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch(V1_BY_HAND).expect("build v1");
    drop(conn);

    let mut s = Store::open(&path).expect("open v1");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    let got = s.load_pages("https://v1/").expect("load").expect("kept");
    assert_eq!(got.pages[0].html, "<p>v1</p>");
    assert_eq!((got.fetched_at, got.checked_at), (1000, 1000));
    assert_eq!(
        s.validators("https://v1/").expect("validators"),
        Some((Some("\"v1tag\"".into()), None))
    );
    let lib = s.library().expect("library");
    assert_eq!(
        (lib[0].title.as_str(), lib[0].last_read, lib[0].new_count),
        ("Old post", Some(1500), 2)
    );
    assert_eq!(
        s.seen_ids("https://v1/").expect("seen").get("7"),
        Some(&1200)
    );
    let draft = s.load_draft("https://v1/", Some("7")).expect("draft");
    assert_eq!(draft.map(|d| d.body), Some("an old draft".into()));
    // The v2 tables work.
    let id = s
        .enqueue(&outbox_new("https://v1/", "hi"))
        .expect("enqueue");
    assert_eq!(s.outbox().expect("outbox")[0].id, id);
    drop(s);
    // Opening again does not migrate twice.
    let s = Store::open(&path).expect("reopen");
    assert_eq!(s.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(s.integrity_check().expect("check"), ["ok"]);
}

#[test]
fn newer_store_is_refused() {
    let (_d, path, s) = temp_store();
    drop(s);
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute(
        "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
        [],
    )
    .expect("bump");
    drop(conn);
    let err = Store::open(&path).expect_err("newer must be refused");
    assert!(
        matches!(err, StoreError::Newer { version: 99, .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("newer parlor") && msg.contains(&path.display().to_string()),
        "{msg}"
    );
}

#[test]
fn draft_is_visible_to_another_connection_at_once() {
    let (_d, path, mut s) = temp_store();
    s.save_draft("https://p/", Some("3"), "every word", 9)
        .expect("save");
    let other = Store::open(&path).expect("second connection");
    let d = other
        .load_draft("https://p/", Some("3"))
        .expect("load")
        .expect("present");
    assert_eq!((d.body.as_str(), d.updated_at), ("every word", 9));
}
