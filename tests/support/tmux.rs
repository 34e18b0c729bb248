//! A private tmux server running one command in a 100×30 session, for the end-to-end tests:
//! keys go in with `send-keys`, the screen comes out of `capture-pane`; the server is killed
//! on drop. Shared by tests/e2e_tmux.rs and tests/e2e_reply.rs.
#![allow(dead_code)] // each test binary uses a part

use std::process::Command;
use std::time::{Duration, Instant};

/// True when tmux runs. Without it the tests fail (a test that did not run must not pass),
/// unless `PARLOR_SKIP_TMUX=1` asks to skip them outside CI.
pub fn have_tmux() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        let skip = std::env::var_os("PARLOR_SKIP_TMUX").is_some_and(|v| v == "1");
        assert!(
            skip && std::env::var_os("CI").is_none(),
            "tmux is not installed (PARLOR_SKIP_TMUX=1 skips these tests outside CI)"
        );
        eprintln!("note: tmux is not installed; skipped (PARLOR_SKIP_TMUX=1)");
    }
    ok
}

/// The release binary the tmux tests drive: `$PARLOR_BIN` (must exist), else
/// `target/release/parlor`, built first with `cargo build --release` when it is missing or
/// older than any source file (src/, assets/, Cargo.toml, Cargo.lock). A failed build fails
/// the test: a stale binary is never driven.
pub fn release_binary() -> std::path::PathBuf {
    use std::path::{Path, PathBuf};
    if let Some(bin) = std::env::var_os("PARLOR_BIN") {
        let bin = PathBuf::from(bin);
        assert!(bin.exists(), "PARLOR_BIN={} does not exist", bin.display());
        return bin;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The build below honours CARGO_TARGET_DIR, and so does the path it is looked for at.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("release/parlor");
    static BUILT: std::sync::Mutex<bool> = std::sync::Mutex::new(false);
    let mut built = BUILT
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let newest = ["src", "assets", "Cargo.toml", "Cargo.lock"]
        .iter()
        .filter_map(|p| newest_mtime(&root.join(p)))
        .max();
    let bin_time = std::fs::metadata(&bin).and_then(|m| m.modified()).ok();
    let stale = match (bin_time, newest) {
        (Some(b), Some(n)) => b < n,
        _ => true,
    };
    if stale && !*built {
        eprintln!(
            "note: {} is missing or stale: cargo build --release",
            bin.display()
        );
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--release", "--bin", "parlor"])
            .current_dir(root)
            .status()
            .expect("run cargo build --release");
        assert!(status.success(), "cargo build --release failed");
        *built = true;
    }
    assert!(bin.exists(), "{} is missing after the build", bin.display());
    bin
}

/// The newest modification time under `path` (a file or a directory tree).
fn newest_mtime(path: &std::path::Path) -> Option<std::time::SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    let mut newest = meta.modified().ok();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).ok()?.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else if let Ok(t) = meta.modified() {
                newest = newest.max(Some(t));
            }
        }
    }
    newest
}

/// One tmux server with one session `t`.
pub struct Session {
    socket: String,
}

impl Session {
    /// Starts `sh -c script` in a 100×30 session with `env` set (plus `BROWSER=true` and
    /// `TERM=xterm-256color`).
    pub fn start(name: &str, env: &[(&str, String)], script: &str) -> Session {
        let socket = format!("parlor-test-{}-{name}", std::process::id());
        let mut cmd = Command::new("tmux");
        cmd.args([
            "-L",
            &socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
        ])
        .args(["-x", "100", "-y", "30"])
        .args(["-e", "BROWSER=true", "-e", "TERM=xterm-256color"]);
        for (key, value) in env {
            cmd.args(["-e", &format!("{key}={value}")]);
        }
        let status = cmd.args(["sh", "-c", script]).status().expect("run tmux");
        assert!(status.success(), "tmux new-session failed");
        Session { socket }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// One key by name: `Tab`, `Escape`, `C-s`, `r`.
    pub fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "t", key]);
    }

    /// Literal text.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    /// Waits until the screen contains any of `needles`; returns which and the screen.
    pub fn wait_any(&self, needles: &[&str], secs: u64) -> (usize, String) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if let Some(i) = needles.iter().position(|n| screen.contains(n)) {
                return (i, screen);
            }
            assert!(
                start.elapsed() < Duration::from_secs(secs),
                "timed out waiting for {needles:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen no longer contains `needle`; returns the screen.
    pub fn wait_without(&self, needle: &str, secs: u64) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if !screen.contains(needle) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(secs),
                "timed out waiting for {needle:?} to go; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A tmux format of the pane, e.g. `#{alternate_on}`.
    pub fn format(&self, what: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "t", what])
            .trim()
            .to_string()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
