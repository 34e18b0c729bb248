//! Identity never leaves the site the user chose (issue 12, items 1 and 2): a post that
//! redirects to another site, an outbox entry whose blog starts redirecting, forms that post to
//! another port or scheme, and `javascript:`/`file:` actions are all refused before anything is
//! sent. Loopback blogs from tests/posting/blog.rs.

use parlor::model::Post;
use parlor::net::{Client, NetOptions};
use parlor::posting::{self, PostError, Posted, ReplyTo, Submission};
use parlor::reply::Identity;
use parlor::store::{post_key, OutboxState, Store};

#[path = "posting/blog.rs"]
mod blog;

use blog::{Blog, Mode};
use url::Url;

fn client() -> Client {
    Client::new(NetOptions::default()).expect("client")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("parlor.db")).expect("store");
    (dir, store)
}

fn open(url: &str, store: &mut Store) -> Post {
    let url = Url::parse(url).expect("url");
    parlor::reading::open(Some(&client()), store, &url, false, 1_000)
        .expect("open")
        .post
}

fn me() -> Identity {
    Identity {
        name: Some("Known Replier".into()),
        email: Some("known@example.test".into()),
        url: None,
    }
}

fn reply_on(url: &str, store: &mut Store, allow_moved: bool) -> Result<Posted, PostError> {
    let post = open(url, store);
    let sub = Submission {
        post: &post,
        parent: None,
        body: "Private words",
        identity: &me(),
        consent: false,
    };
    let to = ReplyTo { url, allow_moved };
    posting::submit_to(&client(), store, &sub, to, 2_000)
}

fn draft(store: &Store, url: &str) -> Option<String> {
    store
        .load_draft(&post_key(url), None)
        .expect("draft")
        .map(|d| d.body)
}

#[test]
fn a_post_that_redirects_to_another_site_gets_nothing_without_confirmation() {
    let asked = Blog::start();
    let elsewhere = Blog::start();
    asked.state.lock().expect("state").redirect_get = Some(elsewhere.post_url());
    let (_dir, mut store) = store();
    match reply_on(&asked.post_url(), &mut store, false) {
        Err(PostError::Moved { asked: a, landed }) => {
            assert_eq!(a, asked.base);
            assert_eq!(landed, elsewhere.base);
        }
        other => panic!("expected Moved, got {other:?}"),
    }
    assert_eq!(elsewhere.posts(), 0, "nothing went to the other site");
    assert_eq!(asked.posts(), 0);
    assert_eq!(
        draft(&store, &asked.post_url()).as_deref(),
        Some("Private words"),
        "the draft is kept under the URL the user chose"
    );
    assert!(store.outbox().expect("outbox").is_empty());
    // Confirmed: it goes to the new site.
    let posted = reply_on(&asked.post_url(), &mut store, true).expect("posted");
    assert!(matches!(posted, Posted::Published { .. }), "{posted:?}");
    assert_eq!(elsewhere.posts(), 1);
    assert_eq!(draft(&store, &asked.post_url()), None);
}

#[test]
fn an_outbox_entry_is_never_delivered_to_the_site_its_blog_moved_to() {
    let asked = Blog::start();
    let elsewhere = Blog::start();
    let (_dir, mut store) = store();
    asked.set(Mode::Unavailable);
    let queued = reply_on(&asked.post_url(), &mut store, false);
    assert!(matches!(queued, Ok(Posted::Queued { .. })), "{queued:?}");
    asked.state.lock().expect("state").redirect_get = Some(elsewhere.post_url());
    let results = posting::send_outbox(&client(), &mut store, None, 3_000);
    assert_eq!(results.len(), 1);
    let err = results[0].result.clone().expect_err("not sent");
    assert!(
        err.contains("moved from") && err.contains(&elsewhere.base),
        "{err}"
    );
    assert_eq!(elsewhere.posts(), 0, "host B never sees it");
    let entry = &store.outbox().expect("outbox")[0];
    assert_eq!(entry.state, OutboxState::Failed, "not marked sent");
    assert_eq!(entry.post_key, post_key(&asked.post_url()));
    assert_eq!(
        draft(&store, &asked.post_url()).as_deref(),
        Some("Private words"),
        "the draft stays under the original URL"
    );
}

fn refused_with(blog: &Blog, needle: &str) {
    let (_dir, mut store) = store();
    match reply_on(&blog.post_url(), &mut store, false) {
        Err(e @ (PostError::Refused(_) | PostError::Invalid(_))) => {
            let msg = e.to_string();
            assert!(msg.contains(needle), "{msg}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(blog.posts(), 0, "nothing was sent");
}

#[test]
fn a_form_on_another_port_or_scheme_of_the_same_host_is_refused() {
    let blog = Blog::start();
    let port = Url::parse(&blog.base).expect("url").port().expect("port");
    let other_port = format!("https://127.0.0.1:{}/wp-comments-post.php", port + 1);
    blog.state.lock().expect("state").action_attr = Some(other_port);
    refused_with(&blog, "another site (https://127.0.0.1:");
    let same_port_https = format!("https://127.0.0.1:{port}/wp-comments-post.php");
    blog.state.lock().expect("state").action_attr = Some(same_port_https);
    refused_with(&blog, "another site (https://127.0.0.1:");
}

#[test]
fn javascript_file_and_data_actions_are_refused_not_posted_to_the_page() {
    let blog = Blog::start();
    for action in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
    ] {
        blog.state.lock().expect("state").action_attr = Some(action.into());
        let scheme = action.split(':').next().unwrap_or_default();
        refused_with(&blog, &format!("posts to a {scheme}: address"));
    }
    let mut st = blog.state.lock().expect("state");
    st.action_attr = Some("wp-comments-post.php".into());
    st.base_href = Some("file:///tmp/".into());
    drop(st);
    refused_with(&blog, "posts to a file: address");
}

#[test]
fn same_host_is_strict_about_ports_and_schemes() {
    use parlor::reply::same_host;
    assert!(same_host("https://b.test/x", "https://b.test/p/"));
    assert!(same_host("https://B.test./x", "https://www.b.test/p/"));
    // http → https on the default ports is the same site, upgraded.
    assert!(same_host("https://b.test/x", "http://b.test/p/"));
    assert!(!same_host("http://b.test/x", "https://b.test/p/"));
    assert!(!same_host("https://b.test:8443/x", "http://b.test/p/"));
    assert!(!same_host("https://b.test:8443/x", "https://b.test/p/"));
    assert!(!same_host("https://b.test/x", "http://b.test:8080/p/"));
    assert!(!same_host("https://c.test/x", "https://b.test/p/"));
}

/// Issue 12 item 10: the outbox holds a "sending" record while the request is in flight, so
/// quitting mid-send leaves something the next retry checks; a new queued entry says why.
#[test]
fn sending_is_recorded_before_the_request_and_queued_entries_say_why() {
    let blog = Blog::start();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("parlor.db");
    let mut store = Store::open(&path).expect("store");
    let post = open(&blog.post_url(), &mut store);
    blog.set(Mode::Slow);
    let url = blog.post_url();
    let sender = std::thread::spawn(move || {
        let sub = Submission {
            post: &post,
            parent: None,
            body: "In flight",
            identity: &me(),
            consent: false,
        };
        let to = ReplyTo {
            url: &url,
            allow_moved: false,
        };
        posting::submit_to(&client(), &mut store, &sub, to, 2_000)
    });
    let start = std::time::Instant::now();
    while blog.posts() == 0 && start.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let during = Store::open(&path)
        .expect("second handle")
        .outbox()
        .expect("outbox");
    assert_eq!(
        during.len(),
        1,
        "a record exists while the blog holds the request"
    );
    assert_eq!(during[0].state, OutboxState::Sending);
    assert_eq!(during[0].attempts, 1);
    let posted = sender.join().expect("thread").expect("posted");
    assert!(matches!(posted, Posted::Published { .. }), "{posted:?}");
    let after = Store::open(&path).expect("third handle");
    assert!(
        after.outbox().expect("outbox").is_empty(),
        "sent: no record left"
    );

    let (_d, mut store) = self::store();
    blog.set(Mode::Unavailable);
    let queued = reply_on(&blog.post_url(), &mut store, false);
    assert!(matches!(queued, Ok(Posted::Queued { .. })), "{queued:?}");
    let entry = &store.outbox().expect("outbox")[0];
    assert_eq!(entry.state, OutboxState::Queued);
    let why = entry.last_error.as_deref().unwrap_or_default();
    assert!(why.contains("503"), "LAST ERROR says why: {why:?}");
}

/// `parlor reply` on a URL that redirects to another site refuses, naming both sites and the
/// flag; with `--allow-moved` it sends.
#[test]
fn cli_reply_refuses_a_moved_post_and_names_the_flag() {
    let asked = Blog::start();
    let elsewhere = Blog::start();
    asked.state.lock().expect("state").redirect_get = Some(elsewhere.post_url());
    let dir = tempfile::tempdir().expect("dir");
    let body = dir.path().join("body.txt");
    std::fs::write(&body, "Moved words\n").expect("write");
    let parlor = |extra: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_parlor"));
        cmd.env("PARLOR_DATA_DIR", dir.path().join("data"))
            .env("PARLOR_STATE_DIR", dir.path().join("state"))
            .env("PARLOR_CONFIG", dir.path().join("config.toml"))
            .args(["reply", &asked.post_url(), "--body-file"])
            .arg(&body)
            .args(["--name", "Known Replier", "--email", "known@example.test"])
            .args(extra);
        cmd.output().expect("run parlor")
    };
    let out = parlor(&[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&asked.base) && err.contains(&elsewhere.base) && err.contains("--allow-moved"),
        "{err}"
    );
    assert_eq!(elsewhere.posts(), 0);
    let out = parlor(&["--allow-moved"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(elsewhere.posts(), 1);
}

/// The reader's worker (which calls `posting::submit` with the post it shows) refuses too: the
/// place the user chose is found from the stored fetch, before redirects.
#[test]
fn the_readers_worker_refuses_a_moved_post() {
    use parlor::tui::app::{Effect, Msg};
    use parlor::tui::worker::poster::Poster;
    let asked = Blog::start();
    let elsewhere = Blog::start();
    asked.state.lock().expect("state").redirect_get = Some(elsewhere.post_url());
    let (_dir, mut store) = store();
    let post = open(&asked.post_url(), &mut store);
    assert!(post.url.starts_with(&elsewhere.base), "{}", post.url);
    let mut poster = Poster::with_store(store);
    let mut loaded = parlor::tui::worker::Loaded {
        post,
        ..Default::default()
    };
    poster.prepare(&mut loaded);
    let submit = Effect::Submit {
        post_url: asked.post_url(),
        parent: None,
        body: "Not over there".into(),
        identity: me(),
    };
    let msgs = poster.handle(&submit, 2_000).expect("a replying job");
    match msgs.first() {
        Some(Msg::Posted {
            result: Err(msg), ..
        }) => assert!(
            msg.contains("moved from") && msg.contains(&elsewhere.base),
            "{msg}"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(elsewhere.posts(), 0);
}

/// A "sending" record is left alone while it may be in flight, and retried (blog checked
/// first) once it is old: an interrupted send.
#[test]
fn an_interrupted_send_is_retried_later_without_posting_twice() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::StoreAndDrop);
    let queued = reply_on(&blog.post_url(), &mut store, false);
    assert!(matches!(queued, Ok(Posted::Queued { .. })), "{queued:?}");
    let id = store.outbox().expect("outbox")[0].id;
    // As if parlor quit mid-send: the record stays "sending".
    store
        .update_outbox(id, OutboxState::Sending, Some("interrupted"), 2_000)
        .expect("update");
    blog.set(Mode::Publish);
    assert!(
        posting::send_outbox(&client(), &mut store, None, 2_010).is_empty(),
        "in flight: left alone"
    );
    let later = 2_000 + posting::IN_FLIGHT_SECS;
    let results = posting::send_outbox(&client(), &mut store, None, later);
    assert_eq!(results.len(), 1);
    assert!(results[0].found_existing, "{:?}", results[0]);
    assert_eq!(blog.posts(), 1, "found on the blog, not posted again");
}
