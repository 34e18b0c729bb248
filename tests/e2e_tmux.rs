//! The release binary in a real terminal: tmux runs it, `send-keys` drives it, `capture-pane`
//! is asserted on, and after `q` the terminal must be back to normal (no alternate screen, no
//! mouse reporting). Binary: `$PARLOR_BIN`, else `target/release/parlor`, which the harness
//! builds (`cargo build --release`) when it is missing or older than the sources; a failed
//! build fails the tests, never skips them.

use std::path::PathBuf;
#[path = "support/tmux.rs"]
mod tmux;

use std::time::Duration;
use tmux::{have_tmux, Session};

/// The release binary, built when missing or stale (tests/support/tmux.rs).
fn binary() -> Option<PathBuf> {
    Some(tmux::release_binary())
}

/// One reader under tmux with private config, state and data dirs; killed on drop.
struct Tmux {
    session: Session,
    _dirs: tempfile::TempDir,
}

impl Tmux {
    /// Starts `parlor ARGS` in a 100×30 session; when it exits, the shell prints its status.
    fn start(name: &str, bin: &std::path::Path, args: &[&str]) -> Tmux {
        let dirs = tempfile::tempdir().expect("temp dir");
        let data = dirs.path().join("data");
        Tmux::start_with_data(name, bin, args, &data, dirs)
    }

    /// Like `start`, with the library in `data` (`PARLOR_DATA_DIR`), kept across sessions.
    fn start_with_data(
        name: &str,
        bin: &std::path::Path,
        args: &[&str],
        data: &std::path::Path,
        dirs: tempfile::TempDir,
    ) -> Tmux {
        let quoted: Vec<String> = std::iter::once(bin.display().to_string())
            .chain(args.iter().map(|a| a.to_string()))
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect();
        let script = format!(
            "{}; echo parlor-exited-$?; exec sleep 120",
            quoted.join(" ")
        );
        let dir = dirs.path().display().to_string();
        let env = [
            ("PARLOR_CONFIG_DIR", dir.clone()),
            ("PARLOR_STATE_DIR", dir),
            ("PARLOR_DATA_DIR", data.display().to_string()),
        ];
        Tmux {
            session: Session::start(name, &env, &script),
            _dirs: dirs,
        }
    }

    /// Literal text (one character) or key names (`Tab`, `Escape`, `C-c`).
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            if key.len() == 1 {
                self.session.type_text(key);
            } else {
                self.session.key(key);
            }
        }
    }

    /// Waits until the screen contains `needle`; returns the screen.
    fn wait_for(&self, needle: &str) -> String {
        self.session.wait_any(&[needle], 10).1
    }

    /// Waits until the screen no longer contains `needle`; returns the screen.
    fn wait_without(&self, needle: &str) -> String {
        self.session.wait_without(needle, 10)
    }

    fn format(&self, what: &str) -> String {
        self.session.format(what)
    }

    /// Quits with `q` and checks the terminal is back to normal.
    fn quit_and_check_restored(&self, key: &str) {
        self.keys(&[key]);
        // Ctrl-C ends parlor as an interrupt (130 in the shell); q is a plain exit.
        let code = if key == "C-c" { 130 } else { 0 };
        let screen = self.wait_for(&format!("parlor-exited-{code}"));
        assert!(
            !screen.contains(" Article "),
            "the reader's screen is still there:\n{screen}"
        );
        assert_eq!(
            self.format("#{alternate_on}"),
            "0",
            "alternate screen left on"
        );
        assert_eq!(
            self.format("#{mouse_any_flag}"),
            "0",
            "mouse reporting left on"
        );
    }
}

#[test]
fn welcome_post_keys_and_clean_exit() {
    let (Some(bin), true) = (binary(), have_tmux()) else {
        return;
    };
    let t = Tmux::start("welcome", &bin, &[]);
    let screen = t.wait_for(" Article ");
    assert!(screen.contains("Comments ("), "{screen}");
    assert!(
        screen.contains("? help"),
        "key hints in the status line:\n{screen}"
    );
    assert!(screen.contains("Welcome to parlor"), "{screen}");
    t.keys(&["j", "j", "G", "g"]);
    t.keys(&["Tab"]);
    let screen = t.wait_for("⇤ Article");
    assert!(screen.contains("Mira"), "first comment shows:\n{screen}");
    t.keys(&["z"]);
    t.wait_for("+ 5 replies");
    t.keys(&["z", "J"]);
    t.keys(&["/", "f", "o", "l", "d"]);
    t.wait_for("/fold");
    t.keys(&["Enter"]);
    t.wait_for("/fold 1/");
    t.keys(&["?"]);
    let screen = t.wait_for(" Keys ");
    assert!(screen.contains("scroll down one line"), "{screen}");
    assert!(
        screen.contains("toggle_fold") || screen.contains("half_page_down"),
        "{screen}"
    );
    t.keys(&["Escape"]);
    let screen = t.wait_without(" Keys ");
    assert!(
        screen.contains("? help"),
        "help closed, hints back:\n{screen}"
    );
    // Wider than 140 columns: both panes side by side, nothing announced as hidden.
    t.session
        .tmux(&["resize-window", "-t", "t", "-x", "160", "-y", "40"]);
    let screen = t.wait_without("⇤");
    assert!(
        screen.contains(" Article ") && screen.contains(" Comments ("),
        "{screen}"
    );
    assert!(screen.lines().count() >= 39, "{screen}");
    t.session
        .tmux(&["resize-window", "-t", "t", "-x", "100", "-y", "30"]);
    t.wait_for("⇤ Article");
    t.keys(&["/", "x", "y"]);
    t.wait_for("/xy▏");
    t.keys(&["Escape"]);
    t.quit_and_check_restored("q");
}

#[test]
fn ctrl_c_leaves_from_a_prompt() {
    let (Some(bin), true) = (binary(), have_tmux()) else {
        return;
    };
    let t = Tmux::start("ctrlc", &bin, &[]);
    t.wait_for(" Article ");
    t.keys(&["/", "a"]);
    t.wait_for("/a▏");
    t.quit_and_check_restored("C-c");
}

const PAGE: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>Loopback post</title>
<meta name="generator" content="WordPress 6.4"></head><body>
<article class="post"><h1 class="entry-title">Loopback post</h1><div class="entry-content">
<p>Served from 127.0.0.1 for the tmux test.</p></div></article>
<ol class="comment-list">
<li id="comment-1" class="comment depth-1 parent"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">Loopy</b></div>
<div class="comment-metadata"><time datetime="2026-11-27T10:00:00+00:00">Nov 27</time></div></footer>
<div class="comment-content"><p>First loopback comment.</p></div></article>
<ol class="children"><li id="comment-2" class="comment depth-2"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">Echo</b></div>
<div class="comment-metadata"><time datetime="2026-11-27T11:00:00+00:00">Nov 27</time></div></footer>
<div class="comment-content"><p>A reply over loopback.</p></div></article></li></ol></li>
</ol></body></html>"#;

#[test]
fn loopback_url_post() {
    let (Some(bin), true) = (binary(), have_tmux()) else {
        return;
    };
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind loopback");
    let port = server.server_addr().to_ip().expect("ip address").port();
    let handle = std::thread::spawn(move || {
        for _ in 0..4 {
            let Ok(Some(request)) = server.recv_timeout(Duration::from_secs(15)) else {
                break;
            };
            let header = tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8")
                .expect("header");
            let _ = request.respond(tiny_http::Response::from_string(PAGE).with_header(header));
        }
    });
    let url = format!("http://127.0.0.1:{port}/2026/11/27/loopback/");
    let t = Tmux::start("loopback", &bin, &[&url]);
    let screen = t.wait_for("Loopback post");
    assert!(screen.contains("Served from 127.0.0.1"), "{screen}");
    t.keys(&["Tab"]);
    t.wait_for("Loopy");
    t.keys(&["z"]);
    t.wait_for("+ 1 reply");
    t.quit_and_check_restored("q");
    drop(t);
    let _ = handle.join();
}

/// Serves `PAGE` on loopback until dropped.
struct Served {
    url: String,
    page: std::sync::Arc<std::sync::Mutex<String>>,
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Served {
    fn start() -> Served {
        let server =
            std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind loopback"));
        let port = server.server_addr().to_ip().expect("ip address").port();
        let srv = server.clone();
        let page = std::sync::Arc::new(std::sync::Mutex::new(PAGE.to_string()));
        let served = page.clone();
        let thread = std::thread::spawn(move || {
            for request in srv.incoming_requests() {
                let header =
                    tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8")
                        .expect("header");
                let body = served.lock().expect("page").clone();
                let _ = request.respond(tiny_http::Response::from_string(body).with_header(header));
            }
        });
        Served {
            url: format!("http://127.0.0.1:{port}/2026/11/27/loopback/"),
            page,
            server,
            thread: Some(thread),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Issue #4: a post read once opens again with the server gone: same article and thread,
/// the offline banner, the reading position restored; the library lists it.
#[test]
fn loopback_post_reads_again_offline() {
    let (Some(bin), true) = (binary(), have_tmux()) else {
        return;
    };
    let keep = tempfile::tempdir().expect("temp dir");
    let data = keep.path().join("data");
    let served = Served::start();
    let url = served.url.clone();
    let session = |name: &str, args: &[&str]| {
        Tmux::start_with_data(
            name,
            &bin,
            args,
            &data,
            tempfile::tempdir().expect("temp dir"),
        )
    };
    let t = session("online", &[&url]);
    t.wait_for("Served from 127.0.0.1");
    t.keys(&["Tab"]);
    let online_thread = t.wait_for("A reply over loopback");
    assert!(online_thread.contains("Loopy"), "{online_thread}");
    t.quit_and_check_restored("q");
    drop(t);
    drop(served);

    // The server is gone: the stored copy, back in the comments pane where we left.
    let t = session("offline", &[&url]);
    let screen = t.wait_for("offline copy from");
    assert!(
        screen.contains("Loopy"),
        "reopened in the comments pane:\n{screen}"
    );
    assert!(screen.contains("A reply over loopback"), "{screen}");
    assert!(
        !screen.contains('✗'),
        "no error for a missing network:\n{screen}"
    );
    t.keys(&["Tab"]);
    let screen = t.wait_for("Served from 127.0.0.1");
    assert!(screen.contains("Loopback post"), "{screen}");
    t.quit_and_check_restored("q");
    drop(t);

    // --offline, and the library as the start screen.
    let t = session("flag", &["--offline", &url]);
    t.wait_for("offline copy from");
    t.quit_and_check_restored("q");
    drop(t);
    let t = session("library", &["--offline"]);
    let screen = t.wait_for("Library (1)");
    assert!(screen.contains("Loopback post"), "{screen}");
    assert!(screen.contains("127.0.0.1"), "site column:\n{screen}");
    t.keys(&["Enter"]);
    let screen = t.wait_for("offline copy from");
    assert!(
        screen.contains("Served from 127.0.0.1"),
        "left in the article pane last time:\n{screen}"
    );
    t.keys(&["Tab"]);
    t.wait_for("A reply over loopback");
    // q goes back to the library it came from; q there leaves.
    t.keys(&["q"]);
    t.wait_for("Library (1)");
    t.quit_and_check_restored("q");
}

/// Issue #4: comments added since the last visit carry ● and "N new"; `.` jumps to them.
#[test]
fn new_comments_are_marked_on_the_next_visit() {
    let (Some(bin), true) = (binary(), have_tmux()) else {
        return;
    };
    let keep = tempfile::tempdir().expect("temp dir");
    let data = keep.path().join("data");
    let served = Served::start();
    let url = served.url.clone();
    let session = |name: &str| {
        Tmux::start_with_data(
            name,
            &bin,
            &[&url],
            &data,
            tempfile::tempdir().expect("temp dir"),
        )
    };
    let t = session("first");
    t.wait_for("Served from 127.0.0.1");
    t.keys(&["Tab"]);
    let screen = t.wait_for("A reply over loopback");
    assert!(
        !screen.contains('●'),
        "nothing is new on a first visit:\n{screen}"
    );
    t.quit_and_check_restored("q");
    drop(t);

    let newer = PAGE.replace(
        "</ol></body>",
        r#"<li id="comment-3" class="comment depth-1"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">Newcomer</b></div>
<div class="comment-metadata"><time datetime="2026-11-28T10:00:00+00:00">Nov 28</time></div></footer>
<div class="comment-content"><p>Late to the party.</p></div></article></li></ol></body>"#,
    );
    *served.page.lock().expect("page") = newer;
    let t = session("second");
    let screen = t.wait_for("● 1 new");
    assert!(screen.contains("Newcomer"), "{screen}");
    let marked: Vec<&str> = screen.lines().filter(|l| l.contains("● new")).collect();
    assert_eq!(marked.len(), 1, "{screen}");
    assert!(marked[0].contains("Newcomer"), "{screen}");
    t.keys(&["g", "."]);
    t.wait_for("#3/3");
    t.quit_and_check_restored("q");
}

/// A mouse click at (column, row), 0-based screen cells, as an SGR mouse report.
fn click(t: &Tmux, column: usize, row: usize) {
    let (x, y) = (column + 1, row + 1);
    t.session
        .type_text(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
}

/// Clicks until the screen shows `needle` (at most 3 clicks, 4 s each): a loaded machine may
/// split the mouse report between two reads, and the reader then sees Esc plus text, not a click.
fn click_until(t: &Tmux, column: usize, row: usize, needle: &str) -> String {
    for _ in 0..3 {
        click(t, column, row);
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(4) {
            let screen = t.session.screen();
            if screen.contains(needle) {
                return screen;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    panic!(
        "three clicks at {column},{row} never showed {needle:?}:\n{}",
        t.session.screen()
    );
}

/// Clicks until `needle` leaves the screen (at most 3 clicks, 4 s each).
fn click_until_gone(t: &Tmux, column: usize, row: usize, needle: &str) {
    for _ in 0..3 {
        click(t, column, row);
        let start = std::time::Instant::now();
        while start.elapsed() < std::time::Duration::from_secs(4) {
            if !t.session.screen().contains(needle) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
    panic!(
        "three clicks at {column},{row} never took {needle:?} away:\n{}",
        t.session.screen()
    );
}

/// The screen row holding `needle`.
fn row_of(screen: &str, needle: &str) -> usize {
    screen
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not on screen:\n{screen}"))
}

/// Issue #13: a click selects a comment; a click on its header folds and unfolds it.
#[test]
fn mouse_selects_and_folds_comments() {
    let (Some(bin), true) = (binary(), have_tmux()) else {
        return;
    };
    let t = Tmux::start("mouse", &bin, &[]);
    t.wait_for(" Article ");
    t.keys(&["Tab"]);
    // The comments pane is on screen (its title announces the article behind it): the status
    // line's "#1/13" shows before Tab is drawn, and rows read then would be the article's.
    let screen = t.wait_for("⇤ Article");
    assert!(screen.contains("#1/13"), "{screen}");
    let second = row_of(&screen, "parlor ·");
    click_until(&t, 10, second + 1, "#2/13");
    let screen = t.wait_for("Mira");
    let header = row_of(&screen, "Mira ·");
    let screen = click_until(&t, 6, header, "+ 5 replies");
    assert!(
        screen.contains("#1/13"),
        "the click selected Mira:\n{screen}"
    );
    click_until_gone(&t, 6, header, "+ 5 replies");
    t.quit_and_check_restored("q");
}

/// Issue #13: back from a post to the list it came from, mark all read, the message log.
#[test]
fn back_to_the_library_mark_all_read_and_the_message_log() {
    let (Some(bin), true) = (binary(), have_tmux()) else {
        return;
    };
    let keep = tempfile::tempdir().expect("temp dir");
    let data = keep.path().join("data");
    let served = Served::start();
    let url = served.url.clone();
    let session = |name: &str, args: &[&str]| {
        Tmux::start_with_data(
            name,
            &bin,
            args,
            &data,
            tempfile::tempdir().expect("temp dir"),
        )
    };
    let t = session("first", &[&url]);
    t.wait_for("Served from 127.0.0.1");
    t.keys(&["Tab"]);
    t.wait_for("A reply over loopback");
    t.quit_and_check_restored("q");
    drop(t);
    *served.page.lock().expect("page") = PAGE.replace(
        "</ol></body>",
        r#"<li id="comment-3" class="comment depth-1"><article class="comment-body"><footer class="comment-meta">
<div class="comment-author vcard"><b class="fn">Newcomer</b></div>
<div class="comment-metadata"><time datetime="2026-11-28T10:00:00+00:00">Nov 28</time></div></footer>
<div class="comment-content"><p>Late to the party.</p></div></article></li></ol></body>"#,
    );
    // The library, then the post: new since the last visit, then all read with m.
    let t = session("second", &[]);
    t.wait_for("Library (1)");
    t.keys(&["Enter"]);
    t.wait_for("● 1 new");
    t.keys(&["m"]);
    let screen = t.wait_without("● 1 new");
    assert!(screen.contains("all comments marked read"), "{screen}");
    // The message log shows it in full; q closes the log, then goes back to the library.
    t.keys(&["M"]);
    let screen = t.wait_for("Messages (");
    assert!(screen.contains("all comments marked read"), "{screen}");
    t.keys(&["q"]);
    t.wait_for(" Article ");
    t.keys(&["q"]);
    let screen = t.wait_for("Library (1)");
    assert!(screen.contains("Loopback post"), "{screen}");
    t.quit_and_check_restored("q");
}

/// Issue #13: a first load that fails shows why, and parlor then exits non-zero saying it again
/// on the terminal (a script can tell).
#[test]
fn a_failed_first_load_exits_non_zero() {
    let (Some(bin), true) = (binary(), have_tmux()) else {
        return;
    };
    let t = Tmux::start("refused", &bin, &["http://127.0.0.1:9/nothing/"]);
    t.wait_for("127.0.0.1:9");
    t.keys(&["q"]);
    let screen = t.wait_for("parlor-exited-1");
    assert!(screen.contains("127.0.0.1:9"), "{screen}");
}
