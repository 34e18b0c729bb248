//! End-to-end reading of a real WordPress (scripts/wp-local.sh): `parlor dump --format json`
//! on the seeded fixture posts must give exactly the comment trees in scripts/wp/expected-*.json.
//!
//! Needs `PARLOR_WP_URL` (e.g. `http://127.0.0.1:8089`, as set by scripts/test-all.sh). Without
//! it the tests print a note and pass, except under `CI`, where they fail. `PARLOR_WP_THEMES`
//! picks the themes: unset means the active one (twentytwentyone after seeding), `all` means
//! every theme the script knows, or a comma-separated list. Themes are switched with
//! `scripts/wp-local.sh PORT theme NAME`, so the tests here hold one lock while they run.
//!
//! The expected files are written by hand from the seed (scripts/wp/seed.php) and checked
//! against what WordPress serves; they are never generated from parlor's output. To check this
//! file itself without parlor, set `PARLOR_WP_CHECK_WITH=scripts/wp/mock-parlor-dump.py`.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;

const ALL_THEMES: [&str; 4] = [
    "twentytwentyone",
    "twentytwentytwo",
    "twentytwentythree",
    "wplocal-xhtml",
];
const DEFAULT_THEME: &str = "twentytwentyone";

/// Theme switches change the site for every request: one test at a time.
static SITE: Mutex<()> = Mutex::new(());

/// The base URL of the running test WordPress, or `None` (outside CI) when there is none.
fn wp_base() -> Option<String> {
    match std::env::var("PARLOR_WP_URL") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().trim_end_matches('/').to_string()),
        _ => {
            if std::env::var_os("CI").is_some() {
                panic!(
                    "PARLOR_WP_URL is not set but CI is: the real-WordPress tests must run in CI. \
                     Start WordPress with `scripts/wp-local.sh 8089 up` and set \
                     PARLOR_WP_URL=http://127.0.0.1:8089 (scripts/test-all.sh does both)."
                );
            }
            eprintln!(
                "note: PARLOR_WP_URL not set; skipping the real-WordPress test \
                 (run scripts/test-all.sh, or scripts/wp-local.sh 8089 up and set \
                 PARLOR_WP_URL=http://127.0.0.1:8089)"
            );
            None
        }
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn themes() -> Vec<String> {
    match std::env::var("PARLOR_WP_THEMES") {
        Ok(v) if v.trim() == "all" => ALL_THEMES.iter().map(|t| t.to_string()).collect(),
        Ok(v) if !v.trim().is_empty() => v.split(',').map(|t| t.trim().to_string()).collect(),
        _ => Vec::new(), // the active theme, no switching
    }
}

fn port_of(base: &str) -> String {
    let url = url::Url::parse(base).expect("PARLOR_WP_URL is a URL");
    url.port_or_known_default()
        .expect("PARLOR_WP_URL has a port")
        .to_string()
}

fn switch_theme(base: &str, theme: &str) {
    let script = repo().join("scripts/wp-local.sh");
    let out = Command::new("bash")
        .arg(&script)
        .args([port_of(base).as_str(), "theme", theme])
        .output()
        .expect("run scripts/wp-local.sh");
    assert!(
        out.status.success(),
        "scripts/wp-local.sh theme {theme} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Puts the default theme back when a multi-theme run ends (also on panic).
struct RestoreTheme<'a>(&'a str, bool);

impl Drop for RestoreTheme<'_> {
    fn drop(&mut self) {
        if self.1 {
            switch_theme(self.0, DEFAULT_THEME);
        }
    }
}

fn expected(name: &str) -> Value {
    let path = repo().join("scripts/wp").join(name);
    let text = std::fs::read_to_string(&path).expect("read expected JSON");
    serde_json::from_str(&text).expect("expected JSON parses")
}

/// The binary under test. `PARLOR_WP_CHECK_WITH=scripts/wp/mock-parlor-dump.py` swaps in an
/// independent mini-extractor to check this test file itself; refused under CI.
fn dump_bin() -> PathBuf {
    match std::env::var("PARLOR_WP_CHECK_WITH") {
        Ok(other) if !other.is_empty() => {
            assert!(
                std::env::var_os("CI").is_none(),
                "PARLOR_WP_CHECK_WITH must not be set in CI: it replaces parlor"
            );
            eprintln!("note: checking the harness with {other} instead of parlor");
            repo().join(other)
        }
        _ => PathBuf::from(env!("CARGO_BIN_EXE_parlor")),
    }
}

/// Runs `parlor dump --format json URL` and parses its output.
fn dump(url: &str) -> Result<Value, String> {
    let out = Command::new(dump_bin())
        .args(["dump", "--format", "json", url])
        .env("NO_COLOR", "1")
        .output()
        .map_err(|e| format!("cannot run parlor: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "parlor dump --format json {url} exited with {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "parlor dump output is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
                .chars()
                .take(500)
                .collect::<String>()
        )
    })
}

/// One comment reduced to the fields the contract promises, for exact comparison.
#[derive(Debug, PartialEq)]
struct Row {
    id: Value,
    parent: Value,
    depth: Value,
    author: Value,
    published: Value,
    text: Value,
}

fn row(c: &Value) -> Row {
    let f = |k: &str| c.get(k).cloned().unwrap_or(Value::Null);
    Row {
        id: f("id"),
        parent: f("parent"),
        depth: f("depth"),
        author: f("author"),
        published: f("published"),
        text: f("text"),
    }
}

/// The expected comments as this theme serves them.
/// - XHTML walker: no machine-readable dates, so `published` is null.
/// - twentytwentyone lists pings with `short_ping`: only "Pingback: <a>Name</a>", no date; the
///   text is the name as shown.
fn expected_rows(comments: &[Value], theme: &str) -> Vec<Row> {
    comments
        .iter()
        .map(|c| {
            let mut r = row(c);
            let short_ping = theme == "twentytwentyone" && c["pingback"] == Value::Bool(true);
            if theme == "wplocal-xhtml" || short_ping {
                r.published = Value::Null;
            }
            if short_ping {
                r.text = c["author"].clone();
            }
            r
        })
        .collect()
}

/// Compares one dumped post with its expected file; returns every mismatch found.
fn check_post(base: &str, theme: &str, file: &str) -> Vec<String> {
    let exp = expected(file);
    let path = exp["path"].as_str().expect("path");
    let url = format!("{base}{path}");
    let tag = format!("[{theme}] {url}");
    let got = match dump(&url) {
        Ok(v) => v,
        Err(e) => return vec![format!("{tag}: {e}")],
    };
    let mut errs = Vec::new();
    let mut same = |what: &str, want: &Value, have: &Value| {
        if want != have {
            errs.push(format!("{tag}: {what}: expected {want}, got {have}"));
        }
    };
    same("url", &Value::from(url.as_str()), &got["url"]);
    same("engine", &Value::from("wordpress"), &got["engine"]);
    same("title", &exp["title"], &got["title"]);
    if theme != "wplocal-xhtml" {
        // The XHTML theme prints the byline and date as plain text only.
        same("author", &exp["author"], &got["author"]);
        same("published", &exp["published"], &got["published"]);
    }
    same(
        "comments_closed",
        &exp["comments_closed"],
        &got["comments_closed"],
    );
    let text = got["text"].as_str().unwrap_or_default();
    for piece in exp["text_contains"].as_array().expect("text_contains") {
        let piece = piece.as_str().expect("string");
        if !text.contains(piece) {
            errs.push(format!("{tag}: article text lacks {piece:?}"));
        }
    }
    errs.extend(check_trees(
        &tag,
        &format!("{base}{path}"),
        theme,
        &exp,
        &got,
    ));
    errs
}

/// The comment tree must equal `comments`, or else `comments_as_displayed` when the file
/// gives that alternative (threads deeper than WordPress's depth cap, see expected-post7.json).
fn check_trees(tag: &str, page: &str, theme: &str, exp: &Value, got: &Value) -> Vec<String> {
    let primary = check_comments(tag, page, theme, &exp["comments"], got);
    if primary.is_empty() {
        return primary;
    }
    if exp.get("comments_as_displayed").is_some() {
        let alt = check_comments(tag, page, theme, &exp["comments_as_displayed"], got);
        if alt.is_empty() {
            return alt;
        }
    }
    primary
}

fn check_comments(tag: &str, page: &str, theme: &str, exp: &Value, got: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let Some(have) = got["comments"].as_array() else {
        return vec![format!("{tag}: no comments array in the dump")];
    };
    let exp_comments = exp.as_array().expect("expected comments array");
    let want = expected_rows(exp_comments, theme);
    let have_rows: Vec<Row> = have.iter().map(row).collect();
    let ids = |rows: &[Row]| {
        rows.iter()
            .map(|r| r.id.as_str().map_or_else(|| r.id.to_string(), String::from))
            .collect::<Vec<_>>()
    };
    if ids(&want) != ids(&have_rows) {
        errs.push(format!(
            "{tag}: comment ids in thread order: expected {:?}, got {:?}",
            ids(&want),
            ids(&have_rows)
        ));
    }
    for (w, c) in want.iter().zip(exp_comments) {
        let Some(i) = have_rows.iter().position(|h| h.id == w.id) else {
            errs.push(format!("{tag}: comment {} missing", w.id));
            continue;
        };
        if *w != have_rows[i] {
            errs.push(format!(
                "{tag}: comment {}:\n  expected {w:?}\n  got      {:?}",
                w.id, have_rows[i]
            ));
        }
        if theme == "twentytwentyone" && c["pingback"] == Value::Bool(true) {
            continue; // a short ping has no permalink of its own in the page
        }
        let id = c["id"].as_str().unwrap_or_default();
        let link = have[i]["permalink"].as_str().unwrap_or_default();
        if !link.starts_with(page) || !link.ends_with(&format!("#comment-{id}")) {
            errs.push(format!(
                "{tag}: comment {id}: permalink {link:?} is not {page}[comment-page-N/]#comment-{id}"
            ));
        }
    }
    errs
}

/// Runs `files` under every selected theme and fails with all mismatches at once.
fn run(files: &[&str]) {
    let Some(base) = wp_base() else { return };
    let _site = SITE.lock().unwrap_or_else(|e| e.into_inner());
    let themes = themes();
    let _restore = RestoreTheme(&base, !themes.is_empty());
    let mut errs = Vec::new();
    if themes.is_empty() {
        for file in files {
            errs.extend(check_post(&base, DEFAULT_THEME, file));
        }
    }
    for theme in &themes {
        switch_theme(&base, theme);
        for file in files {
            errs.extend(check_post(&base, theme, file));
        }
    }
    assert!(
        errs.is_empty(),
        "{} mismatch(es) against the real WordPress:\n{}",
        errs.len(),
        errs.join("\n")
    );
}

#[test]
fn threaded_post_gives_the_exact_tree() {
    run(&["expected-post4.json"]);
}

#[test]
fn paginated_post_follows_and_merges_every_comment_page() {
    run(&["expected-post6.json"]);
}

#[test]
fn thread_deeper_than_the_depth_cap_keeps_every_comment() {
    run(&["expected-post7.json"]);
}

#[test]
fn closed_post_says_closed_and_keeps_its_comment() {
    run(&["expected-post5.json"]);
}

#[test]
fn expected_files_are_consistent() {
    // Runs without WordPress: the hand-written trees must be well formed (parents precede
    // children, depth = parent's depth + 1, ids unique), so a typo cannot weaken the tests.
    // Post 4 has 12 seeded comments, but 13 is held: 11 are public.
    for (file, count) in [
        ("expected-post4.json", 11),
        ("expected-post5.json", 1),
        ("expected-post6.json", 30),
        ("expected-post7.json", 7),
    ] {
        let exp = expected(file);
        check_tree_shape(file, &exp["comments"], count);
        if exp.get("comments_as_displayed").is_some() {
            check_tree_shape(file, &exp["comments_as_displayed"], count);
        }
    }
}

fn check_tree_shape(file: &str, comments: &Value, count: usize) {
    let comments = comments.as_array().expect("comments");
    let mut seen: Vec<(&str, u64)> = Vec::new();
    for c in comments {
        let id = c["id"].as_str().expect("id is a string");
        assert!(
            seen.iter().all(|(s, _)| *s != id),
            "{file}: duplicate id {id}"
        );
        let depth = c["depth"].as_u64().expect("depth");
        match c["parent"].as_str() {
            None => assert_eq!(depth, 0, "{file}: top-level {id} has depth {depth}"),
            Some(p) => {
                let (_, pd) = seen
                    .iter()
                    .find(|(s, _)| *s == p)
                    .expect("parent listed before child");
                assert_eq!(depth, pd + 1, "{file}: {id} depth vs parent {p}");
            }
        }
        seen.push((id, depth));
    }
    assert_eq!(seen.len(), count, "{file}: comment count");
}
