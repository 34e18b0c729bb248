//! `parlor dump` as a user runs it: the binary on a fixture file, stdin, a missing file and an
//! unreachable URL.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/net/post.html");

fn dump(args: &[&str], stdin: Option<&[u8]>) -> Output {
    // A private library per test process: never the user's own.
    let data_dir = std::env::temp_dir().join(format!("parlor-cli-dump-{}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", &data_dir)
        .arg("dump")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run parlor");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("wait")
}

fn json_of(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn json_of_a_file_has_the_contract_keys() {
    let out = dump(
        &[
            FIXTURE,
            "--base-url",
            "https://blog.test/p/",
            "--format",
            "json",
        ],
        None,
    );
    let v = json_of(&out);
    for key in [
        "url",
        "title",
        "author",
        "published",
        "engine",
        "text",
        "comments",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    assert_eq!(v["url"], "https://blog.test/p/");
    assert!(v["engine"].is_string());
    assert!(v["comments"].is_array());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn file_url_defaults_to_the_file_path() {
    let v = json_of(&dump(
        &[FIXTURE, "--format", "json", "--part", "article"],
        None,
    ));
    let url = v["url"].as_str().expect("url");
    assert!(
        url.starts_with("file:///") && url.ends_with("/tests/fixtures/net/post.html"),
        "{url}"
    );
    assert!(v.get("comments").is_none());
    assert!(v.get("text").is_some());
}

#[test]
fn stdin_with_base_url() {
    let page = std::fs::read(FIXTURE).expect("fixture");
    let v = json_of(&dump(
        &[
            "-",
            "--base-url",
            "https://blog.test/s/",
            "--format",
            "json",
            "--part",
            "comments",
        ],
        Some(&page),
    ));
    assert_eq!(v["url"], "https://blog.test/s/");
    assert!(v.get("text").is_none());
    assert!(v["comments"].is_array());
}

#[test]
fn text_and_markdown_print() {
    let out = dump(&[FIXTURE, "--width", "40"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\n="),
        "title underline expected"
    );
    let out = dump(&[FIXTURE, "--format", "markdown"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# "));
}

#[test]
fn json_of_a_url_served_on_loopback() {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("bind");
    let port = server.server_addr().to_ip().expect("ip").port();
    let handle = std::thread::spawn(move || {
        if let Ok(req) = server.recv() {
            let page = std::fs::read(FIXTURE).expect("fixture");
            let header =
                tiny_http::Header::from_bytes("Content-Type", "text/html; charset=iso-8859-1")
                    .expect("header");
            let _ = req.respond(tiny_http::Response::from_data(page).with_header(header));
        }
    });
    let url = format!("http://127.0.0.1:{port}/p/");
    let v = json_of(&dump(&[&url, "--format", "json"], None));
    handle.join().expect("server thread");
    assert_eq!(v["url"], url.as_str());
    assert!(v["comments"].is_array());
}

fn one_error_line(out: &Output) -> String {
    assert!(!out.status.success(), "should fail");
    assert!(out.stdout.is_empty(), "nothing on stdout on failure");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.lines().count(), 1, "exactly one line: {err:?}");
    err.trim_end().to_string()
}

#[test]
fn missing_file_is_one_clear_line() {
    let out = dump(&["/nonexistent/parlor/post.html"], None);
    assert_eq!(out.status.code(), Some(1));
    let line = one_error_line(&out);
    assert_eq!(
        line,
        "parlor: could not read /nonexistent/parlor/post.html: no such file"
    );
}

#[test]
fn unreachable_url_is_one_clear_line() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let out = dump(&[&format!("http://127.0.0.1:{port}/post/")], None);
    let line = one_error_line(&out);
    assert_eq!(
        line,
        format!("parlor: could not reach 127.0.0.1:{port}: the connection was refused")
    );
}

#[test]
fn other_schemes_refused() {
    let line = one_error_line(&dump(&["ftp://blog.test/post"], None));
    assert_eq!(line, "parlor: only http and https addresses, files and - can be opened, not ftp://blog.test/post");
}
