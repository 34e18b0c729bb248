//! The reader's `c` and `r` through a real Isso (scripts/isso-local.sh, PyPI `isso`) under
//! tmux: on a page that embeds Isso (a new thread each run), `c` writes a top-level comment
//! (the config identity; the identity form is filled if the reader asks), then `r` on it writes
//! a nested reply. Both show in the reader, and Isso's own API (`GET /?uri=…`) has them in
//! place: the reply's `parent` is the comment's id, both by the name typed in the form.
//!
//! Needs `PARLOR_ISSO_URL` and tmux; without them it prints a note and passes, except in CI
//! (`CI=true`), where a missing Isso fails. Binary: `PARLOR_BIN` (scripts/test-all.sh: the
//! release build), else the debug binary cargo built for this test.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;
#[path = "support/tmux.rs"]
mod tmux;

use server::{reply, Server};
use std::path::PathBuf;
use tmux::{have_tmux, Session};

fn isso_url() -> Option<String> {
    match std::env::var("PARLOR_ISSO_URL") {
        Ok(u) if !u.trim().is_empty() => Some(u.trim().trim_end_matches('/').to_string()),
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "PARLOR_ISSO_URL is not set in CI: run scripts/isso-local.sh PORT up first"
            );
            eprintln!("note: PARLOR_ISSO_URL not set; skipping the reader-on-Isso test");
            None
        }
    }
}

fn parlor_bin() -> PathBuf {
    std::env::var_os("PARLOR_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_parlor")))
}

/// Isso's thread for `uri`, flattened: (id, parent, author, text).
fn isso_thread(isso: &str, uri: &str) -> Vec<(u64, Option<u64>, String, String)> {
    let url = url::Url::parse_with_params(&format!("{isso}/"), &[("uri", uri)]).expect("url");
    let client = server::client();
    let (_, body) = client
        .get_raw(&url, None, "application/json")
        .expect("GET Isso thread");
    let v: serde_json::Value = serde_json::from_slice(&body).expect("Isso answers JSON");
    let mut out = Vec::new();
    let mut stack: Vec<&serde_json::Value> =
        v["replies"].as_array().into_iter().flatten().collect();
    while let Some(c) = stack.pop() {
        out.push((
            c["id"].as_u64().unwrap_or(0),
            c["parent"].as_u64(),
            c["author"].as_str().unwrap_or("").to_string(),
            c["text"].as_str().unwrap_or("").to_string(),
        ));
        stack.extend(c["replies"].as_array().into_iter().flatten());
    }
    out
}

#[test]
fn c_and_r_in_the_reader_post_to_a_real_isso_in_place() {
    let Some(isso) = isso_url() else { return };
    if !have_tmux() {
        eprintln!("note: no tmux; skipping");
        return;
    }
    let stamp = chrono::Utc::now().format("%H%M%S%3f").to_string();
    let path = format!("/posts/tmux-isso-{}-{stamp}/", std::process::id());
    let page = format!(
        r#"<!DOCTYPE html><html><head><title>Reader on Isso</title></head><body>
        <article><h1>Reader on Isso</h1><p>A static post whose comments Isso serves.</p></article>
        <script data-isso="{isso}/" src="{isso}/js/embed.min.js"></script>
        <section id="isso-thread"></section></body></html>"#
    );
    let served = path.clone();
    let srv = Server::start(move |seen| {
        if seen.path == served {
            server::html(&page)
        } else {
            reply(404, "text/plain", "no")
        }
    });
    let url = srv.url(&path).to_string();
    let dir = tempfile::tempdir().expect("tmp");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[identity]\nname = \"Erin Reader\"\nemail = \"erin@example.org\"\n",
    )
    .expect("config");
    let vars = [
        (
            "PARLOR_DATA_DIR",
            dir.path().join("data").display().to_string(),
        ),
        ("PARLOR_CONFIG", config.display().to_string()),
        ("PARLOR_STATE_DIR", dir.path().display().to_string()),
        ("EDITOR", "true".to_string()),
        ("VISUAL", "true".to_string()),
    ];
    let script = format!(
        "'{}' '{}'; echo parlor-exited-$?; exec sleep 120",
        parlor_bin().display(),
        url
    );
    let t = Session::start("isso-reply", &vars, &script);
    let wait = |needle: &str| t.wait_any(&[needle], 30).1;
    wait("A static post whose comments Isso serves");

    // `c`: a top-level comment.
    t.key("c");
    wait("Comment on");
    let top = format!("Top-level from the reader {stamp}");
    t.type_text(&top);
    wait(&top);
    t.key("C-s");
    let outcomes = ["published", "held for moderation", "(the draft is kept)"];
    let asked = ["Who are you?", outcomes[0], outcomes[1], outcomes[2]];
    let (mut which, mut screen) = t.wait_any(&asked, 40);
    if which == 0 {
        // Isso needs neither by default; a server with `require-author` asks.
        t.type_text("Erin Reader");
        t.key("Tab");
        t.type_text("erin@example.org");
        t.key("Tab");
        t.key("Tab");
        t.key("Enter");
        (which, screen) = t.wait_any(&outcomes, 40);
        which += 1;
    }
    assert_eq!(which, 1, "the top-level comment is published:\n{screen}");
    wait(&top);

    // The reader shows the new comment with the cursor on it: `r` on it, a nested reply.
    t.key("r");
    wait("Reply to Erin Reader");
    let nested = format!("Nested from the reader {stamp}");
    t.type_text(&nested);
    wait(&nested);
    t.key("C-s");
    let (which, screen) = t.wait_any(
        &["published", "held for moderation", "(the draft is kept)"],
        40,
    );
    assert_eq!(which, 0, "the nested reply is published:\n{screen}");
    let screen = wait(&nested);
    assert!(screen.contains(&top), "both in the reader:\n{screen}");
    // In place: the reply below the comment, indented further.
    let at = |text: &str| {
        screen
            .lines()
            .enumerate()
            .find_map(|(row, line)| {
                line.find(text)
                    .map(|col| (row, line[..col].chars().count()))
            })
            .unwrap_or_else(|| panic!("{text:?} not on screen:\n{screen}"))
    };
    let ((top_row, top_col), (nested_row, nested_col)) = (at(&top), at(&nested));
    assert!(
        nested_row > top_row && nested_col > top_col,
        "the reply is not nested under the comment:\n{screen}"
    );

    // In Isso itself, in place.
    let thread = isso_thread(&isso, &path);
    let find = |text: &str| {
        thread
            .iter()
            .find(|c| c.3.contains(text))
            .cloned()
            .unwrap_or_else(|| panic!("{text:?} not in Isso's thread: {thread:?}"))
    };
    let (top_id, top_parent, top_author, _) = find(&top);
    let (_, nested_parent, nested_author, _) = find(&nested);
    assert_eq!(thread.len(), 2, "{thread:?}");
    assert_eq!(top_parent, None);
    assert_eq!(nested_parent, Some(top_id));
    assert_eq!(top_author, "Erin Reader");
    assert_eq!(nested_author, "Erin Reader");
    t.key("q");
    wait("parlor-exited-0");
}
