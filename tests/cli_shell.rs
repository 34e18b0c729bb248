//! The CLI in a shell (issue 13, "The CLI fits the shell", and issue 12 items 3 and 4 as seen
//! from the command line): closed pipes, empty input, Ctrl-C, mistyped subcommands,
//! completions and the man page, config failures while replying, private files.

use std::process::{Command, Output, Stdio};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("dir"),
        }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_parlor"));
        cmd.env("PARLOR_DATA_DIR", self.dir.path().join("data"))
            .env("PARLOR_STATE_DIR", self.dir.path().join("state"))
            .env("PARLOR_CONFIG", self.dir.path().join("config.toml"))
            .env_remove("PARLOR_CONFIG_DIR")
            .args(args)
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("run parlor")
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn list_commands_exit_quietly_on_a_closed_pipe() {
    let env = Env::new();
    for args in [
        &["posts"][..],
        &["library"],
        &["blogs"],
        &["drafts"],
        &["outbox"],
        &["replies"],
        &["export-opml"],
        &["completions", "bash"],
        &["man"],
    ] {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = env
            .cmd(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?} is quiet");
    }
}

#[test]
fn dump_of_empty_stdin_fails_with_a_message() {
    let env = Env::new();
    let out = env.run(&["dump", "-"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nothing to read: stdin is empty"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_a_command_as_an_interrupt() {
    use std::os::unix::process::ExitStatusExt as _;
    // A test run started in the background (`cmd &` in a script) ignores SIGINT, and its
    // children inherit that, as POSIX asks: no interrupt can reach them then.
    let ignored = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("SigIgn:"))
                .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        })
        .is_some_and(|mask| mask & (1 << (2 - 1)) != 0);
    if ignored {
        eprintln!("SIGINT is ignored by this test run (started in the background): not testable");
        return;
    }
    let env = Env::new();
    let mut child = env
        .cmd(&["dump", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().expect("wait");
    // Killed by SIGINT: the shell reports 130.
    assert!(
        status.signal() == Some(2) || status.code() == Some(130),
        "{status:?}"
    );
}

#[test]
fn a_mistyped_subcommand_gets_a_suggestion_not_the_reader() {
    let env = Env::new();
    let out = env.run(&["libary"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("'library'"), "{err}");
    let out = env.run(&["blog.example.com/post"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("neither a subcommand"), "{err}");
    assert!(err.contains("https://blog.example.com/post"), "{err}");
    let out = env.run(&["missing-post.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot open missing-post.html: no such file"));
}

#[test]
fn completions_and_man_page_are_printed() {
    let env = Env::new();
    let out = env.run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("complete -F _parlor"), "{text}");
    let out = env.run(&["completions", "fish"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("complete -c parlor"));
    let out = env.run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH parlor 1"));
}

fn reply_with_config(env: &Env, config: &str) -> Output {
    let body = env.dir.path().join("body.txt");
    std::fs::write(&body, "words").expect("body");
    let mut cmd = env.cmd(&[
        "reply",
        "http://127.0.0.1:9/post/",
        "--body-file",
        &body.display().to_string(),
    ]);
    cmd.env("PARLOR_CONFIG", config);
    cmd.output().expect("run")
}

#[test]
fn config_failures_while_replying_are_said_and_logged() {
    let env = Env::new();
    let out = reply_with_config(&env, "/dev/zero");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the config could not be used")
            && err.contains("/dev/zero is not a regular file"),
        "{err}"
    );
    let bad = env.dir.path().join("bad.toml");
    std::fs::write(&bad, "[identity\nname = \"x\"\n").expect("write");
    let out = reply_with_config(&env, &bad.display().to_string());
    let err = stderr(&out);
    assert!(
        err.contains("the config could not be used") && err.contains("bad.toml"),
        "{err}"
    );
    let log = std::fs::read_to_string(env.dir.path().join("state/parlor.log")).expect("log");
    assert!(log.contains("/dev/zero is not a regular file"), "{log}");
    assert!(log.contains("bad.toml"), "{log}");
}

#[cfg(unix)]
#[test]
fn data_dir_and_log_are_private_and_a_readable_identity_warns() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = Env::new();
    let config = env.dir.path().join("config.toml");
    std::fs::write(&config, "[identity]\nemail = \"ada@example.test\"\n").expect("write");
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = env.run(&["library"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.matches("chmod 600").count(), 1, "warned once: {err}");
    let mode = |p: &str| {
        std::fs::metadata(env.dir.path().join(p))
            .expect(p)
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("data"), 0o700);
    assert_eq!(mode("data/parlor.sqlite3"), 0o600);
    assert_eq!(mode("state"), 0o700);
    assert_eq!(mode("state/parlor.log"), 0o600);
}

#[test]
fn opml_import_says_which_outlines_it_skipped() {
    let env = Env::new();
    let opml = env.dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        r#"<opml version="2.0"><body><outline text="Good" xmlUrl="https://good.example/feed"/><outline text="Gopher" xmlUrl="gopher://old.example/feed"/><outline text="Local" xmlUrl="file:///etc/passwd"/><outline text="Folder"><outline text="Inner" xmlUrl="https://inner.example/rss"/></outline></body></opml>"#,
    )
    .expect("write");
    let out = env.run(&["import", &opml.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("skipped 2 outline(s)")
            && err.contains("gopher://old.example/feed")
            && err.contains("file:///etc/passwd"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Imported 2 blogs"));
}

#[test]
fn offline_reading_of_a_post_not_in_the_library_fails_before_the_reader() {
    let env = Env::new();
    let out = env.run(&["--offline", "https://blog.example/never-read/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not in the library yet"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_endless_reply_body_is_refused_before_anything_is_stored() {
    let env = Env::new();
    let started = std::time::Instant::now();
    let out = env.run(&[
        "reply",
        "http://127.0.0.1:9/post/",
        "--body-file",
        "/dev/zero",
        "--name",
        "A",
        "--email",
        "a@example.test",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is larger than 1 MB (the limit)"),
        "{}",
        stderr(&out)
    );
    assert!(
        started.elapsed().as_secs() < 20,
        "bounded: {:?}",
        started.elapsed()
    );
    let drafts = env.run(&["drafts", "--json"]);
    assert_eq!(String::from_utf8_lossy(&drafts.stdout).trim(), "[]");
}
