//! Replying on a real WordPress (scripts/wp-local.sh) under each of its four themes, with a
//! honeypot in the comment form: for every theme, `parlor reply` posts a top-level comment and
//! a nested reply to it as "Known Replier" (approved at once: published, exit 0), and a nested
//! reply as a new commenter (held, exit 10: `comment_previously_approved=1` in the seed). Each
//! is read back with `parlor dump --format json` in place (parent, author, website, depth) and
//! its status checked in WordPress itself; the honeypot (scripts/wp/honeypot.php, on while the
//! option `wplocal_honeypot` is set) never caught anything, and the outbox is empty.
//!
//! Theme switches change the site for every request. `cargo test` runs one test binary at a
//! time, and this binary holds one test, so nothing else posts or reads while it switches; it
//! puts back the theme, the flood option and the honeypot option it found (also on panic), and
//! notes its last POST in the flood stamp shared with tests/wordpress_reply.rs. The flood check
//! is off while it runs (`wplocal_no_flood`) so the twelve POSTs need no 16 s waits.
//!
//! Needs `PARLOR_WP_URL` and `PARLOR_WP_PORT`-style access to scripts/wp-local.sh (the port is
//! read from the URL). Without `PARLOR_WP_URL` it prints a note and passes, except under `CI`.

#[path = "wp_reply/common.rs"]
mod common;

use common::{dump, wp_base, Env, POST_PATH};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const THEMES: [&str; 4] = [
    "twentytwentyone",
    "twentytwentytwo",
    "twentytwentythree",
    "wplocal-xhtml",
];
const KNOWN: (&str, &str) = ("Known Replier", "known@example.test");
const SITE_URL: &str = "https://known.example.test/";

/// `scripts/wp-local.sh PORT ARGS…`; its stdout, or a panic with its stderr.
fn wp_local(port: u16, args: &[&str]) -> String {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/wp-local.sh");
    let out = Command::new("bash")
        .arg(script)
        .arg(port.to_string())
        .args(args)
        .output()
        .expect("run scripts/wp-local.sh");
    assert!(
        out.status.success(),
        "scripts/wp-local.sh {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn eval(port: u16, php: &str) -> String {
    wp_local(port, &["eval", php])
}

/// The site state this test changes, as it found it; put back on drop (also on panic).
struct Found {
    port: u16,
    theme: String,
    no_flood: String,
    honeypot: String,
}

impl Found {
    fn read(port: u16) -> Found {
        Found {
            port,
            theme: eval(port, "echo get_stylesheet();"),
            no_flood: eval(port, "echo (int) get_option('wplocal_no_flood');"),
            honeypot: eval(port, "echo (int) get_option('wplocal_honeypot');"),
        }
    }
}

impl Drop for Found {
    fn drop(&mut self) {
        let p = self.port;
        let _ = std::panic::catch_unwind(|| {
            wp_local(p, &["theme", &self.theme]);
            let set = |name: &str, was: &str| {
                let php = if was == "0" {
                    format!("delete_option('{name}');")
                } else {
                    format!("update_option('{name}', {was});")
                };
                eval(p, &php);
            };
            set("wplocal_no_flood", &self.no_flood);
            set("wplocal_honeypot", &self.honeypot);
        });
    }
}

/// `parlor reply`; (exit code, the comment id it printed).
fn reply(
    env: &Env,
    post: &str,
    parent: Option<&str>,
    text: &str,
    who: (&str, &str),
) -> (i32, String) {
    let body = env.dir.path().join("body.txt");
    std::fs::write(&body, text).expect("write body");
    let mut cmd = env.command();
    cmd.args(["reply", post, "--body-file"]).arg(&body);
    if let Some(p) = parent {
        cmd.args(["--parent", p]);
    }
    let out = cmd
        .args(["--name", who.0, "--email", who.1, "--url-field", SITE_URL])
        .output()
        .expect("run parlor reply");
    env.posted();
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    eprintln!(
        "parlor reply: {said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // "published: comment ID URL" / "held for moderation: comment ID URL"
    let id = said
        .split_whitespace()
        .skip_while(|w| *w != "comment")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    (out.status.code().unwrap_or(-1), id)
}

fn find<'a>(page: &'a Value, text: &str) -> Vec<&'a Value> {
    page["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .filter(|c| c["text"].as_str() == Some(text))
        .collect()
}

fn status(port: u16, id: &str) -> String {
    assert!(
        id.chars().all(|c| c.is_ascii_digit()) && !id.is_empty(),
        "id {id:?}"
    );
    eval(port, &format!("echo wp_get_comment_status({id});"))
}

#[test]
fn replies_in_place_under_every_theme_and_never_fills_the_honeypot() {
    let Some(base) = wp_base() else { return };
    let env = Env::new(&base);
    let port = env.port;
    let post = format!("{base}{POST_PATH}");
    let _found = Found::read(port);
    eval(
        port,
        "update_option('wplocal_no_flood', 1); update_option('wplocal_honeypot', 1);",
    );
    let caught = || eval(port, "echo (int) get_option('wplocal_honeypot_caught');");
    let caught_before = caught();
    let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S%3f").to_string();
    let mut errs = Vec::new();
    for theme in THEMES {
        wp_local(port, &["theme", theme]);
        let page =
            String::from_utf8_lossy(&env.parlor(&["dump", "--format", "json", &post]).stdout)
                .to_string();
        assert!(
            page.contains("Reply target fixture"),
            "{theme}: post 8 reads"
        );

        let top = format!("parlor themes test: top-level under {theme} {stamp}");
        let (code, top_id) = reply(&env, &post, None, &top, KNOWN);
        assert_eq!(
            code, 0,
            "{theme}: a known commenter's top-level comment is published"
        );
        let nested = format!("parlor themes test: nested under {theme} {stamp}");
        let (code, nested_id) = reply(&env, &post, Some(&top_id), &nested, KNOWN);
        assert_eq!(
            code, 0,
            "{theme}: a known commenter's nested reply is published"
        );
        let held = format!("parlor themes test: held under {theme} {stamp}");
        let who = ("New Person", "new-themes@example.test");
        let (code, held_id) = reply(&env, &post, Some(&top_id), &held, who);
        assert_eq!(
            code, 10,
            "{theme}: a new commenter's reply is held (exit 10)"
        );

        let public = dump(&env, &post);
        let tops = find(&public, &top);
        let nests = find(&public, &nested);
        if tops.len() != 1 || nests.len() != 1 {
            errs.push(format!(
                "{theme}: top-level found {} times, nested {} times",
                tops.len(),
                nests.len()
            ));
            continue;
        }
        let (t, n) = (tops[0], nests[0]);
        let checks = [
            (t["id"] == top_id.as_str(), "top-level id"),
            (
                t["parent"].is_null() && t["depth"] == 0,
                "top-level at depth 0",
            ),
            (n["id"] == nested_id.as_str(), "nested id"),
            (
                n["parent"] == top_id.as_str() && n["depth"] == 1,
                "nested under it",
            ),
            (t["author"] == KNOWN.0 && n["author"] == KNOWN.0, "author"),
            (
                t["author_url"] == SITE_URL,
                "website went to the real field",
            ),
            (
                t["pending"] == false && n["pending"] == false,
                "not pending",
            ),
            (find(&public, &held).is_empty(), "held reply not public"),
        ];
        for (ok, what) in checks {
            if !ok {
                errs.push(format!("{theme}: {what}: {t} / {n}"));
            }
        }
        for (id, want) in [
            (&top_id, "approved"),
            (&nested_id, "approved"),
            (&held_id, "unapproved"),
        ] {
            let have = status(port, id);
            if have != want {
                errs.push(format!(
                    "{theme}: comment {id} is {have} in WordPress, not {want}"
                ));
            }
        }
    }
    assert_eq!(
        caught(),
        caught_before,
        "the honeypot caught a parlor reply"
    );
    let outbox = env.parlor(&["outbox", "--json"]);
    let queued: Value = serde_json::from_slice(&outbox.stdout).expect("outbox --json");
    assert_eq!(queued, serde_json::json!([]), "the outbox is clean");
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}
