//! Shared by the real-WordPress reply tests: the base URL (CI rule), private data and config
//! dirs, running `parlor`, and WordPress's 15 s flood limit (a stamp file per port).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

/// Post 8, the reply target; comment 52 by "Known Replier" is approved.
pub const POST_PATH: &str = "/2024/04/27/reply-target-fixture/";
/// Tests in one binary run in parallel: one at a time through the flood wait.
static POSTING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// WordPress's flood interval plus a second.
const FLOOD_WAIT: Duration = Duration::from_secs(16);

/// The base URL of the running test WordPress, or `None` (outside CI) when there is none.
pub fn wp_base() -> Option<String> {
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
                "note: PARLOR_WP_URL not set; skipping the real-WordPress reply test \
                 (scripts/wp-local.sh 8089 up, then PARLOR_WP_URL=http://127.0.0.1:8089)"
            );
            None
        }
    }
}

/// The parlor binary: `PARLOR_BIN` or the one cargo built for this test.
pub fn parlor_bin() -> PathBuf {
    std::env::var_os("PARLOR_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_parlor")))
}

/// A private parlor: its own data dir and config file.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub port: u16,
}

impl Env {
    pub fn new(base: &str) -> Env {
        let port = url::Url::parse(base)
            .ok()
            .and_then(|u| u.port_or_known_default())
            .expect("PARLOR_WP_URL has a port");
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
            port,
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(parlor_bin());
        cmd.env("PARLOR_DATA_DIR", self.data_dir())
            .env("PARLOR_CONFIG", self.config())
            .env_remove("CI");
        cmd
    }

    pub fn parlor(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run parlor")
    }

    /// Waits until no reply test has posted for `FLOOD_WAIT`, then notes a POST now.
    pub fn before_post(&self) {
        let _one_at_a_time = POSTING.lock().unwrap_or_else(|e| e.into_inner());
        let stamp = stamp_file(self.port);
        if let Ok(when) = std::fs::metadata(&stamp).and_then(|m| m.modified()) {
            let since = SystemTime::now().duration_since(when).unwrap_or_default();
            if since < FLOOD_WAIT {
                std::thread::sleep(FLOOD_WAIT - since);
            }
        }
        touch(&stamp);
    }

    /// Notes a POST just made (e.g. by a reader under tmux).
    pub fn posted(&self) {
        touch(&stamp_file(self.port));
    }
}

fn stamp_file(port: u16) -> PathBuf {
    std::env::temp_dir().join(format!("parlor-wp-reply-last-post-{port}"))
}

fn touch(path: &Path) {
    std::fs::write(path, b"").expect("write the flood stamp");
}

/// `parlor reply POST --parent 52` with a body file; returns the exit code. A flood answer
/// from someone else's POST (exit 11, queued) is retried once with `parlor outbox send`.
pub fn run_reply(env: &Env, post: &str, text: &str, name: &str, email: &str) -> i32 {
    let body = env.dir.path().join("body.txt");
    std::fs::write(&body, text).expect("write body");
    env.before_post();
    let out = env
        .command()
        .args(["reply", post, "--parent", "52", "--body-file"])
        .arg(&body)
        .args(["--name", name, "--email", email])
        .output()
        .expect("run parlor reply");
    eprintln!(
        "parlor reply: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let code = out.status.code().unwrap_or(-1);
    if code != 11 {
        return code;
    }
    env.before_post();
    let out = env.parlor(&["outbox", "send"]);
    eprintln!(
        "parlor outbox send: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.status.code().unwrap_or(-1)
}

/// `parlor dump --format json URL` as JSON.
pub fn dump(env: &Env, post: &str) -> serde_json::Value {
    let out = env.parlor(&["dump", "--format", "json", post]);
    assert!(
        out.status.success(),
        "parlor dump failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("dump gives JSON")
}
