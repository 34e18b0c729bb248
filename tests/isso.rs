//! A real Isso (scripts/isso-local.sh, PyPI `isso`) with a nested thread seeded through its own
//! API: a blog page on loopback embeds it, `parlor dump --format json` reads the exact thread,
//! then again with `--offline` from the stored raw answers.
//!
//! Needs `PARLOR_ISSO_URL` (scripts/test-all.sh sets it). Without it the test says so loudly and
//! passes, except in CI (`CI=true`), where it fails.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use server::{reply, Server};
use std::process::Command;

fn isso_url() -> Option<String> {
    match std::env::var("PARLOR_ISSO_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u.trim().trim_end_matches('/').to_string()),
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "PARLOR_ISSO_URL is not set in CI: run scripts/isso-local.sh PORT up first"
            );
            eprintln!(
                "\n\n*** SKIPPED tests/isso.rs: PARLOR_ISSO_URL is not set. \
                 Run `scripts/isso-local.sh 18089 up` and export what it prints. ***\n"
            );
            None
        }
    }
}

fn dump(data_dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", data_dir)
        .env("PARLOR_CONFIG", data_dir.join("none.toml"))
        .arg("dump")
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("run parlor");
    assert!(
        out.status.success(),
        "parlor dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// (id, parent, depth, author, text) of each comment, in order.
fn tree(v: &serde_json::Value) -> Vec<(String, Option<String>, u64, String, String)> {
    v["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap_or("").to_string(),
                c["parent"].as_str().map(str::to_string),
                c["depth"].as_u64().unwrap_or(99),
                c["author"].as_str().unwrap_or("").to_string(),
                c["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_real_isso_thread_reads_exactly_and_offline() {
    let Some(isso) = isso_url() else { return };
    let page = format!(
        r#"<!DOCTYPE html><html><head><title>Isso thread</title></head><body>
        <article><h1>Isso thread</h1><p>A static blog post whose comments Isso serves.</p></article>
        <script data-isso="{isso}/" src="{isso}/js/embed.min.js"></script>
        <section id="isso-thread"></section></body></html>"#
    );
    let srv = Server::start(move |seen| {
        if seen.path == "/posts/isso-thread/" {
            server::html(&page)
        } else {
            reply(404, "text/plain", "no")
        }
    });
    let dir = tempfile::tempdir().expect("tmp");
    let url = srv.url("/posts/isso-thread/").to_string();
    let fresh = dump(dir.path(), &[&url]);
    assert_eq!(fresh["comment_system"]["name"], "isso");
    assert_eq!(fresh["comment_system"]["thread"], "/posts/isso-thread/");
    let s = |x: &str| x.to_string();
    // What scripts/isso-local.sh seeds, as Isso stores it (a reply to a reply sits under the
    // top-level comment).
    let expected = vec![
        (s("1"), None, 0, s("Alice"), s("First comment, top level.")),
        (s("2"), Some(s("1")), 1, s("Bob"), s("A reply to Alice.")),
        (
            s("3"),
            Some(s("1")),
            1,
            s("Carol"),
            s("A reply to Bob, kept under Alice by Isso."),
        ),
        (
            s("4"),
            None,
            0,
            s("Anonymous"),
            s("Second top-level comment, no name."),
        ),
        (
            s("5"),
            Some(s("4")),
            1,
            s("Dave"),
            s("A reply to the anonymous one."),
        ),
    ];
    assert_eq!(tree(&fresh), expected);
    let first = &fresh["comments"][0];
    assert!(first["published"]
        .as_str()
        .is_some_and(|p| p.ends_with('Z')));
    assert_eq!(first["permalink"], format!("{url}#isso-1"));

    // Offline: the page server and Isso are not asked; the stored answers are re-parsed.
    drop(srv);
    let offline = dump(dir.path(), &["--offline", &url]);
    assert_eq!(tree(&offline), expected);
}
