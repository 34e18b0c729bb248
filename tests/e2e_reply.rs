//! Replying in the reader under tmux, against the real WordPress (scripts/wp-local.sh, post 8):
//! `r` on comment 52, type, Ctrl-s, the reply shows in the thread with the cursor on it; and a
//! draft typed, the reader killed with SIGKILL after more than a second, restarted: `r` on the
//! same comment brings the text back.
//!
//! Needs `PARLOR_WP_URL` and tmux; without them the tests print a note and pass, except under
//! `CI`, where they fail. Binary: `PARLOR_BIN`, else the debug binary cargo built.

#[path = "wp_reply/common.rs"]
mod common;

use common::{parlor_bin, wp_base, Env, POST_PATH};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "support/tmux.rs"]
mod tmux;
use tmux::{have_tmux, Session};

/// The reader under tmux (its pid written to a file, for `kill -9`); killed on drop.
struct Reader {
    session: Session,
    pid_file: std::path::PathBuf,
}

impl std::ops::Deref for Reader {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}

impl Reader {
    /// Starts `parlor URL` (pid written to a file) in a 100×30 session.
    fn start(env: &Env, name: &str, url: &str) -> Reader {
        Reader::start_with(env, name, url, "true")
    }

    /// Like `start`, with `$VISUAL` set to `editor`.
    fn start_with(env: &Env, name: &str, url: &str, editor: &str) -> Reader {
        let pid_file = env.dir.path().join(format!("{name}.pid"));
        let _ = std::fs::remove_file(&pid_file);
        let script = format!(
            "sh -c 'echo $$ > \"$0\"; exec \"$1\" \"$2\"' '{}' '{}' '{}'; echo parlor-exited-$?; exec sleep 300",
            pid_file.display(),
            parlor_bin().display(),
            url
        );
        let vars = [
            ("PARLOR_DATA_DIR", env.data_dir().display().to_string()),
            ("PARLOR_CONFIG", env.config().display().to_string()),
            ("PARLOR_STATE_DIR", env.dir.path().display().to_string()),
            ("EDITOR", "true".to_string()),
            ("VISUAL", editor.to_string()),
        ];
        Reader {
            session: Session::start(&format!("reply-{name}"), &vars, &script),
            pid_file,
        }
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait_any(&[needle], 20).1
    }

    fn pid(&self) -> String {
        let start = Instant::now();
        loop {
            if let Ok(pid) = std::fs::read_to_string(&self.pid_file) {
                if !pid.trim().is_empty() {
                    return pid.trim().to_string();
                }
            }
            assert!(start.elapsed() < Duration::from_secs(5), "no pid file");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the comments pane and a reply to the first comment (52, by Known Replier).
    fn reply_to_52(&self) {
        self.wait_for("Post replies here");
        self.key("Tab");
        self.key("r");
        self.wait_for("Reply to Known Replier");
    }
}

fn setup() -> Option<(String, Env)> {
    let base = wp_base()?;
    if !have_tmux() {
        return None;
    }
    let env = Env::new(&base);
    std::fs::write(
        env.config(),
        "[identity]\nname = \"Known Replier\"\nemail = \"known@example.test\"\n",
    )
    .expect("write config");
    Some((format!("{base}{POST_PATH}"), env))
}

fn stamp() -> String {
    chrono::Utc::now().format("%H%M%S%3f").to_string()
}

#[test]
fn reply_in_the_reader_lands_in_the_thread() {
    let Some((url, env)) = setup() else { return };
    let reader = Reader::start(&env, "send", &url);
    reader.reply_to_52();
    let text = format!("tmux reply {}", stamp());
    reader.type_text(&text);
    reader.wait_for(&text);
    env.before_post();
    reader.key("C-s");
    let (which, screen) = reader.wait_any(
        &["published", "queued in the outbox", "(the draft is kept)"],
        40,
    );
    env.posted();
    match which {
        0 => {}
        1 => {
            // Someone else's POST hit the flood limit: the outbox sends it on the next load.
            env.before_post();
            reader.key("R");
            reader.wait_for("outbox: 1 of 1 queued replies sent");
            reader.key("R");
        }
        _ => panic!("the reply was refused:\n{screen}"),
    }
    let screen = reader.wait_for(&text);
    assert!(
        !screen.contains("Reply to Known Replier"),
        "compose closed:\n{screen}"
    );
    assert!(screen.contains("Known Replier"), "{screen}");
    // On the blog, under 52.
    let public = common::dump(&Env::new(&url), &url);
    let mine: Vec<&serde_json::Value> = public["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .filter(|c| c["text"].as_str() == Some(text.as_str()))
        .collect();
    assert_eq!(mine.len(), 1, "posted exactly once");
    assert_eq!(mine[0]["parent"], "52");
    reader.key("q");
    reader.wait_for("parlor-exited-0");
}

#[test]
fn a_draft_survives_kill_9() {
    let Some((url, env)) = setup() else { return };
    let text = format!("draft that survives kill {}", stamp());
    {
        let reader = Reader::start(&env, "kill", &url);
        reader.reply_to_52();
        reader.type_text(&text);
        reader.wait_for(&text);
        std::thread::sleep(Duration::from_millis(1500));
        let pid = reader.pid();
        let status = Command::new("kill")
            .args(["-9", &pid])
            .status()
            .expect("kill");
        assert!(status.success());
        reader.wait_for("parlor-exited-137");
    }
    let reader = Reader::start(&env, "again", &url);
    reader.reply_to_52();
    let screen = reader.wait_for("draft restored");
    assert!(screen.contains(&text), "{screen}");
    reader.key("Escape");
    reader.wait_for("draft kept: r on");
    reader.key("q");
    reader.wait_for("parlor-exited-0");
}

#[test]
fn ctrl_e_edits_the_draft_in_visual_and_comes_back() {
    let Some((url, env)) = setup() else { return };
    let script = env.dir.path().join("fake-editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf 'appended by the editor\\n' >> \"$1\"\n",
    )
    .expect("script");
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let reader = Reader::start_with(&env, "edit", &url, &script.display().to_string());
    reader.reply_to_52();
    reader.type_text("typed first");
    reader.wait_for("typed first");
    reader.key("C-e");
    let screen = reader.wait_for("appended by the editor");
    assert!(screen.contains("│typed first "), "{screen}");
    assert!(screen.contains("│appended by the editor "), "{screen}");
    assert!(screen.contains("Reply to Known Replier"), "{screen}");
    // Keys reach the reader again after the editor.
    reader.type_text(" and more");
    reader.wait_for(" and more");
    reader.key("Escape");
    reader.wait_for("draft kept: r on");
    reader.key("q");
    reader.wait_for("parlor-exited-0");
}

#[test]
fn a_new_commenter_is_asked_once_and_the_held_reply_shows_as_pending() {
    let Some((url, env)) = setup() else { return };
    std::fs::write(env.config(), "# no identity yet\n").expect("write config");
    let reader = Reader::start(&env, "held", &url);
    reader.reply_to_52();
    let text = format!("tmux held reply {}", stamp());
    reader.type_text(&text);
    reader.wait_for(&text);
    reader.key("C-s");
    reader.wait_for("Who are you?");
    reader.type_text("New Person");
    reader.key("Tab");
    reader.type_text("new@example.test");
    reader.key("Tab");
    reader.key("Tab");
    env.before_post();
    reader.key("Enter");
    let (which, screen) = reader.wait_any(
        &[
            "held for moderation",
            "queued in the outbox",
            "(the draft is kept)",
        ],
        40,
    );
    env.posted();
    assert_eq!(which, 0, "expected a held reply:\n{screen}");
    let screen = reader.wait_for("awaiting moderation");
    assert!(screen.contains(&text), "{screen}");
    assert!(screen.contains("New Person"), "{screen}");
    // Saved once, privately.
    let config = std::fs::read_to_string(env.config()).expect("config");
    assert!(config.starts_with("# no identity yet\n"), "{config}");
    assert!(
        config.contains("[identity]\nname = \"New Person\"\nemail = \"new@example.test\"\n"),
        "{config}"
    );
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(env.config())
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Not on the public page.
    let public = common::dump(&Env::new(&url), &url);
    assert!(public["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .all(|c| c["text"].as_str() != Some(text.as_str())));
    reader.key("q");
    reader.wait_for("parlor-exited-0");
}
