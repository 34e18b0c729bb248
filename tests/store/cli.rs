//! `parlor library / prune / drafts / outbox` run as a process against a store in
//! `PARLOR_DATA_DIR`.

use crate::{meta, outbox_new, page};
use parlor::store::{OutboxState, Store};
use std::path::Path;
use std::process::Command;

fn parlor(data_dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .args(args)
        .env("PARLOR_DATA_DIR", data_dir)
        .output()
        .expect("run parlor");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn now() -> i64 {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock");
    i64::try_from(d.as_secs()).expect("seconds")
}

/// Two posts: "Fresh" read an hour ago, "Stale" read 100 days ago.
fn seeded(dir: &Path) -> Store {
    let mut s = Store::open(&dir.join("parlor.sqlite3")).expect("open");
    let now = now();
    for (key, title, read) in [
        ("https://a.example/fresh/", "Fresh", now - 3_600),
        ("https://b.example/stale/", "Stale", now - 100 * 86_400),
    ] {
        s.save_fetch(
            key,
            &[page(key, "x", read, None)],
            &meta(key, title, 4),
            read,
        )
        .expect("save");
        s.mark_read(key, read).expect("read");
    }
    s.record_counts("https://a.example/fresh/", 4, 1)
        .expect("counts");
    s
}

#[test]
fn library_json_and_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(seeded(dir.path()));
    let (ok, out, err) = parlor(dir.path(), &["library", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let titles: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["title"].as_str().expect("title"))
        .collect();
    assert_eq!(titles, ["Fresh", "Stale"]);
    assert_eq!(v[0]["new_count"], 1);
    assert_eq!(v[0]["key"], "https://a.example/fresh/");

    let (ok, out, _) = parlor(dir.path(), &["library"]);
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("READ"), "{out}");
    assert!(
        lines[1].starts_with("1 h ago") && lines[1].contains("Fresh"),
        "{out}"
    );
    assert!(lines[1].trim_end().ends_with("4      1"), "{out}");
    assert!(lines[2].contains("Stale"), "{out}");
}

#[test]
fn prune_removes_old_posts() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(seeded(dir.path()));
    let (ok, out, err) = parlor(dir.path(), &["prune", "--older-than", "90d"]);
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "Removed 1 post.");
    let s = Store::open(&dir.path().join("parlor.sqlite3")).expect("open");
    let keys: Vec<String> = s
        .library()
        .expect("lib")
        .into_iter()
        .map(|e| e.key)
        .collect();
    assert_eq!(keys, ["https://a.example/fresh/"]);

    let (ok, _, err) = parlor(dir.path(), &["prune", "--older-than", "90"]);
    assert!(!ok);
    assert!(err.contains("h, d or w"), "{err}");
}

#[test]
fn drafts_and_outbox_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut s = seeded(dir.path());
    s.save_draft(
        "https://a.example/fresh/",
        Some("46"),
        "\nFirst line\nsecond",
        now(),
    )
    .expect("draft");
    let id = s
        .enqueue(&outbox_new("https://a.example/fresh/", "hello"))
        .expect("enqueue");
    s.update_outbox(id, OutboxState::Failed, Some("timed out after 30 s"), now())
        .expect("update");
    drop(s);

    let (ok, out, err) = parlor(dir.path(), &["drafts"]);
    assert!(ok, "{err}");
    let row = out.lines().nth(1).expect("a draft row");
    assert!(row.contains("Fresh") && row.contains("#46"), "{out}");
    assert!(row.ends_with("First line"), "{out}");

    let (ok, out, err) = parlor(dir.path(), &["outbox"]);
    assert!(ok, "{err}");
    let row = out.lines().nth(1).expect("an outbox row");
    assert!(
        row.contains("failed") && row.ends_with("timed out after 30 s"),
        "{out}"
    );

    let (ok, out, _) = parlor(dir.path(), &["outbox", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["state"], "failed");
    assert_eq!(v[0]["id"], id);
}

#[test]
fn corrupt_store_gives_the_way_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("parlor.sqlite3");
    std::fs::write(&path, b"this is not sqlite at all, just some text ....................................................................").expect("write");
    let (ok, _, err) = parlor(dir.path(), &["library"]);
    assert!(!ok);
    assert!(err.contains("is not a parlor store"), "{err}");
    assert!(err.contains(&format!("mv {}", path.display())), "{err}");
}
