//! `parlor reply` on a wpDiscuz page, against a loopback replay of a real WordPress with
//! wpDiscuz 7.6.54. The page is the zoo's threaded wpDiscuz page (post 4, captured by
//! scripts/wp/zoo-capture.sh; its address is in tests/fixtures/zoo/wpdiscuz/pages.tsv). The
//! answers in tests/fixtures/wpdiscuz/ were recorded once by hand from the same WordPress and
//! plugin (scripts/wp-local.sh, post 8): `wpdGetNonce`'s
//! `{"success":true,"data":{"wpdiscuz_nonce":…}}`, `wpdAddComment`'s success as a known
//! commenter (`held_moderate` 0) and as a new one (1), `{"success":false,
//! "data":"wc_error_email_text"}`, and the plain-text `wp_die`/`die` answers "Nonce is invalid.",
//! WordPress's duplicate and flood messages. parlor reads only `new_comment_id` and
//! `held_moderate` of a success, so the recorded answers fit any post. The replay checks the
//! nonce parlor sends, and the test checks every field of the request, each taken from the
//! page (src/posting/wpdiscuz.rs cites the source).

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use server::{reply, Seen, Server};
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

/// The zoo page replayed, by its name in pages.tsv.
const PAGE: &str = "threaded.html";
/// Its post id (`wp-json/wp/v2/posts/4` in its head, `postId` in its form).
const POST_ID: &str = "4";
/// A reply on the page (`wpd-comm-3_2`, depth 2): a reply to it is at depth 3.
const PARENT: &str = "3";
const PARENT_UNIQUE_ID: &str = "3_2";
const NONCE: &str = "04f0f64885";

fn fixture(name: &str) -> String {
    read(&Path::new("tests/fixtures/wpdiscuz").join(name))
}

fn read(rel: &Path) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The zoo page and the address it was captured from (`host:port`, path).
fn zoo_page() -> (String, String, String) {
    let dir = Path::new("tests/fixtures/zoo/wpdiscuz");
    let tsv = read(&dir.join("pages.tsv"));
    let url = tsv
        .lines()
        .find_map(|l| l.strip_prefix(PAGE)?.strip_prefix('\t'))
        .unwrap_or_else(|| panic!("{PAGE} is not in pages.tsv"));
    let url = url::Url::parse(url.trim()).expect("a URL in pages.tsv");
    let host = format!(
        "{}:{}",
        url.host_str().expect("host"),
        url.port_or_known_default().expect("port")
    );
    (read(&dir.join(PAGE)), host, url.path().to_string())
}

/// The post's path on the replay (the zoo page's own path).
fn post_path() -> String {
    zoo_page().2
}

fn form(body: &str) -> HashMap<String, String> {
    url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

/// The recorded site: the page (its addresses moved to this server), `wpdGetNonce`, and
/// `answer` for `wpdAddComment` when the nonce is the recorded one ("Nonce is invalid." else).
fn site(answer: &'static str, page_edit: fn(String) -> String) -> Server {
    site_seq(vec![answer], page_edit)
}

/// Like [`site`], the n-th comment POST answered with `answers[n]` (the last one after that).
fn site_seq(answers: Vec<&'static str>, page_edit: fn(String) -> String) -> Server {
    let host = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let h = std::sync::Arc::clone(&host);
    let count = std::sync::atomic::AtomicUsize::new(0);
    let srv = Server::start(move |seen: &Seen| {
        let here = h.lock().expect("host").clone();
        if seen.method != "POST" {
            let (page, recorded_host, _) = zoo_page();
            let page = page.replace(&recorded_host, &here);
            return server::html(&page_edit(page));
        }
        let f = form(&seen.body);
        let action = f.get("action").map(String::as_str);
        if seen.path != "/wp-admin/admin-ajax.php" {
            return reply(404, "text/plain", "not here");
        }
        match action {
            Some("wpdGetNonce") => reply(
                200,
                "application/json; charset=UTF-8",
                fixture("nonce.json"),
            ),
            Some("wpdAddComment") if f.get("wpdiscuz_nonce").map(String::as_str) == Some(NONCE) => {
                let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let answer = answers[n.min(answers.len() - 1)];
                let ty = if answer.ends_with(".json") {
                    "application/json; charset=UTF-8"
                } else {
                    "text/html; charset=UTF-8"
                };
                reply(200, ty, fixture(answer))
            }
            Some("wpdAddComment") => reply(
                200,
                "text/html; charset=UTF-8",
                fixture("nonce-invalid.txt"),
            ),
            _ => reply(200, "text/html; charset=UTF-8", "0"),
        }
    });
    let addr = srv.base.trim_end_matches('/').trim_start_matches("http://");
    *host.lock().expect("host") = addr.to_string();
    srv
}

fn run(dir: &Path, url: &str, parent: Option<&str>, name: &str, email: &str) -> Output {
    std::fs::write(dir.join("body.txt"), "Recorded reply text.\n").expect("body");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_parlor"));
    cmd.env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", dir.join("config.toml"))
        .args(["reply", url, "--body-file"])
        .arg(dir.join("body.txt"))
        .args(["--name", name, "--email", email]);
    if let Some(p) = parent {
        cmd.args(["--parent", p]);
    }
    cmd.output().expect("run parlor")
}

fn parlor(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir)
        .env("PARLOR_CONFIG", dir.join("config.toml"))
        .args(args)
        .output()
        .expect("run parlor");
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn posts(srv: &Server) -> Vec<HashMap<String, String>> {
    srv.requests()
        .iter()
        .filter(|s| s.method == "POST")
        .map(|s| form(&s.body))
        .collect()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_nested_reply_is_published_with_wpdiscuz_fields_and_nonce() {
    let srv = site("published.json", |p| p);
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(
        dir.path(),
        srv.url(&post_path()).as_str(),
        Some(PARENT),
        "Known Replier",
        "known@example.test",
    );
    let said = text(&out);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("published: comment 69 "), "{said}");
    assert!(
        said.contains(&format!("{}#comment-69", post_path())),
        "{said}"
    );
    let sent = posts(&srv);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(
        sent[0].get("action").map(String::as_str),
        Some("wpdGetNonce")
    );
    assert_eq!(sent[0].get("postId").map(String::as_str), Some(POST_ID));
    let c = &sent[1];
    let want = [
        ("action", "wpdAddComment"),
        ("wc_comment", "Recorded reply text."),
        ("wc_name", "Known Replier"),
        ("wc_email", "known@example.test"),
        ("wpdiscuz_unique_id", PARENT_UNIQUE_ID),
        ("wpd_comment_depth", "3"),
        ("postId", POST_ID),
        ("wpdiscuz_nonce", NONCE),
    ];
    for (k, v) in want {
        assert_eq!(c.get(k).map(String::as_str), Some(v), "{k} in {c:?}");
    }
    assert!(!parlor(dir.path(), &["drafts"]).contains("Recorded reply text."));
}

#[test]
fn a_new_commenters_top_level_comment_is_held() {
    let srv = site("held.json", |p| p);
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(
        dir.path(),
        srv.url(&post_path()).as_str(),
        None,
        "New Recorder",
        "recorder@example.test",
    );
    let said = text(&out);
    assert_eq!(out.status.code(), Some(10), "{said}");
    assert!(said.contains("held for moderation: comment 70 "), "{said}");
    let sent = posts(&srv);
    let c = sent.last().expect("a comment POST");
    assert_eq!(c.get("wpdiscuz_unique_id").map(String::as_str), Some("0_0"));
    assert_eq!(c.get("wpd_comment_depth").map(String::as_str), Some("1"));
}

#[test]
fn refusals_keep_the_draft() {
    let cases: [(&'static str, &str); 3] = [
        ("bad-email.json", "email address is invalid"),
        ("duplicate.txt", "Duplicate comment detected"),
        ("nonce-invalid.txt", "Nonce is invalid."),
    ];
    for (answer, says) in cases {
        let srv = site(answer, |p| p);
        let dir = tempfile::tempdir().expect("tmp");
        let out = run(
            dir.path(),
            srv.url(&post_path()).as_str(),
            None,
            "Erin",
            "erin@example.org",
        );
        let said = text(&out);
        assert_eq!(out.status.code(), Some(1), "{answer}: {said}");
        assert!(said.contains(says), "{answer}: {said}");
        assert!(
            parlor(dir.path(), &["drafts"]).contains("Recorded reply text."),
            "{answer}: the draft is kept"
        );
    }
}

#[test]
fn the_nonce_wpdgetnonce_gave_is_sent() {
    // The replay answers "Nonce is invalid." unless parlor sends the nonce it was given
    // (refusals_keep_the_draft covers that answer).
    let srv = site("published.json", |p| p);
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(
        dir.path(),
        srv.url(&post_path()).as_str(),
        None,
        "Erin",
        "erin@example.org",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let sent = posts(&srv);
    assert_eq!(
        sent.last()
            .and_then(|c| c.get("wpdiscuz_nonce"))
            .map(String::as_str),
        Some(NONCE)
    );
}

#[test]
fn the_flood_answer_queues_the_reply() {
    let srv = site("flood.txt", |p| p);
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(
        dir.path(),
        srv.url(&post_path()).as_str(),
        None,
        "Erin",
        "erin@example.org",
    );
    let said = text(&out);
    assert_eq!(out.status.code(), Some(11), "{said}");
    assert!(
        parlor(dir.path(), &["outbox"]).contains("too quickly"),
        "{said}"
    );
}

#[test]
fn a_guest_recaptcha_says_reply_in_browser_and_sends_nothing() {
    // wpDiscuz's reCAPTCHA settings as `WpdiscuzCore` localizes them when a site key is set
    // and guests get the captcha.
    let srv = site("published.json", |p| {
        p.replace(
            r#""wpDiscuzReCaptchaSK":"""#,
            r#""wpDiscuzReCaptchaSK":"6LcTestSiteKey""#,
        )
        .replace(
            r#""wc_captcha_show_for_guest":"0""#,
            r#""wc_captcha_show_for_guest":"1""#,
        )
    });
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(
        dir.path(),
        srv.url(&post_path()).as_str(),
        None,
        "Erin",
        "erin@example.org",
    );
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("reply in browser: this blog asks for reCAPTCHA"),
        "{said}"
    );
    assert!(posts(&srv).is_empty(), "nothing is sent");
}

#[test]
fn a_login_wall_says_reply_in_browser_and_sends_nothing() {
    // themes/default/comment-form.php prints `div.wpd-login-to-comment` after the form for a
    // guest who may not comment.
    let srv = site("published.json", |p| {
        p.replacen(
            "</form>",
            r#"</form><div class="wpd-login-to-comment">You must be logged in to post a comment.</div>"#,
            1,
        )
    });
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(
        dir.path(),
        srv.url(&post_path()).as_str(),
        None,
        "Erin",
        "erin@example.org",
    );
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("reply in browser: this blog asks you to log in"),
        "{said}"
    );
    assert!(posts(&srv).is_empty(), "nothing is sent");
}

#[test]
fn a_queued_reply_goes_out_from_the_outbox_with_a_fresh_nonce() {
    let srv = site_seq(vec!["flood.txt", "published.json"], |p| p);
    let dir = tempfile::tempdir().expect("tmp");
    let out = run(
        dir.path(),
        srv.url(&post_path()).as_str(),
        None,
        "Erin",
        "erin@example.org",
    );
    assert_eq!(out.status.code(), Some(11), "{}", text(&out));
    let sent = Command::new(env!("CARGO_BIN_EXE_parlor"))
        .env("PARLOR_DATA_DIR", dir.path())
        .env("PARLOR_CONFIG", dir.path().join("config.toml"))
        .args(["outbox", "send"])
        .output()
        .expect("outbox send");
    let said = text(&sent);
    assert!(sent.status.success(), "{said}");
    let left: serde_json::Value =
        serde_json::from_str(&parlor(dir.path(), &["outbox", "--json"])).expect("outbox JSON");
    let states: Vec<&str> = left
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|e| e["state"].as_str())
        .collect();
    assert_eq!(states, ["sent"], "{said}");
    let comments: Vec<_> = posts(&srv)
        .into_iter()
        .filter(|c| c.get("action").map(String::as_str) == Some("wpdAddComment"))
        .collect();
    assert_eq!(
        comments.len(),
        2,
        "sent twice: once queued, once from the outbox"
    );
    for c in &comments {
        assert_eq!(c.get("wpdiscuz_nonce").map(String::as_str), Some(NONCE));
        assert_eq!(c.get("wpdiscuz_unique_id").map(String::as_str), Some("0_0"));
    }
    assert!(!parlor(dir.path(), &["drafts"]).contains("Recorded reply text."));
}
