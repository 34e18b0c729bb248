//! Posting and the outbox against a loopback "blog" (a raw TCP server that renders a
//! WordPress-like post, stores comments and can fail on purpose): transient failures queue,
//! a retry re-fetches and never posts twice, a 409 on retry counts as sent, drafts are dropped
//! only on success. Also the reader's worker side (`Poster`) end to end.

use parlor::model::Post;
use parlor::net::{Client, NetOptions};
use parlor::posting::{self, PostError, Posted, Submission};
use parlor::reply::{Identity, RejectKind};
use parlor::store::{post_key, OutboxState, Store};
use parlor::tui::app::{Effect, Msg};
use parlor::tui::worker::poster::Poster;

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

fn fetch(blog: &Blog, store: &mut Store) -> Post {
    let url = Url::parse(&blog.post_url()).expect("url");
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

fn submit(blog: &Blog, store: &mut Store, body: &str) -> Result<Posted, PostError> {
    let post = fetch(blog, store);
    assert!(post.reply_form.is_some(), "the loopback page has a form");
    assert_eq!(post.comment_index("52"), Some(0));
    let sub = Submission {
        post: &post,
        parent: Some("52"),
        body,
        identity: &me(),
        consent: false,
    };
    posting::submit(&client(), store, &sub, 2_000)
}

fn host(blog: &Blog) -> String {
    Url::parse(&blog.base)
        .expect("url")
        .host_str()
        .expect("host")
        .to_string()
}

fn draft(store: &Store, blog: &Blog) -> Option<String> {
    store
        .load_draft(&post_key(&blog.post_url()), Some("52"))
        .expect("draft")
        .map(|d| d.body)
}

#[test]
fn a_503_queues_and_the_retry_posts_once() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::Unavailable);
    let Ok(Posted::Queued { outbox_id, reason }) = submit(&blog, &mut store, "Queued reply") else {
        panic!("expected Queued");
    };
    assert!(reason.contains("503"), "{reason}");
    let outbox = store.outbox().expect("outbox");
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].id, outbox_id);
    assert_eq!(outbox[0].state, OutboxState::Queued);
    assert_eq!(outbox[0].parent_id.as_deref(), Some("52"));
    assert_eq!(draft(&store, &blog).as_deref(), Some("Queued reply"));

    blog.set(Mode::Publish);
    let results = posting::send_outbox(&client(), &mut store, Some(&host(&blog)), 3_000);
    assert_eq!(results.len(), 1);
    assert!(!results[0].found_existing);
    assert_eq!(
        results[0].result,
        Ok(Posted::Published {
            id: "53".into(),
            url: format!("{}/post/#comment-53", blog.base)
        })
    );
    assert_eq!(blog.posts(), 2, "one 503, one real post");
    let stored = blog.stored();
    assert_eq!(stored.len(), 1);
    assert_eq!((stored[0].id, stored[0].parent), (53, 52));
    assert_eq!(stored[0].text, "Queued reply");
    assert_eq!(store.outbox().expect("outbox")[0].state, OutboxState::Sent);
    assert_eq!(draft(&store, &blog), None);
    // Nothing left: a second run does nothing.
    assert!(posting::send_outbox(&client(), &mut store, Some(&host(&blog)), 4_000).is_empty());
    assert_eq!(blog.posts(), 2);
}

#[test]
fn stored_but_no_answer_is_queued_and_the_retry_finds_it_without_posting() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::StoreAndDrop);
    let result = submit(&blog, &mut store, "Lost answer");
    assert!(
        matches!(result, Ok(Posted::Queued { .. })),
        "a dropped connection must queue: {result:?}"
    );
    assert_eq!(blog.posts(), 1);
    blog.set(Mode::Publish);
    let results = posting::send_outbox(&client(), &mut store, Some(&host(&blog)), 3_000);
    assert_eq!(results.len(), 1);
    assert!(results[0].found_existing, "{:?}", results[0]);
    assert_eq!(
        results[0].result,
        Ok(Posted::Published {
            id: "53".into(),
            url: format!("{}/post/#comment-53", blog.base)
        })
    );
    assert_eq!(blog.posts(), 1, "the retry must not post again");
    assert_eq!(blog.stored().len(), 1);
    assert_eq!(store.outbox().expect("outbox")[0].state, OutboxState::Sent);
    assert_eq!(draft(&store, &blog), None);
    let mine = store.my_comments(None).expect("mine");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].comment_id, "53");
}

#[test]
fn a_409_on_retry_counts_as_sent() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::Unavailable);
    assert!(matches!(
        submit(&blog, &mut store, "Twice?"),
        Ok(Posted::Queued { .. })
    ));
    blog.set(Mode::Duplicate);
    let results = posting::send_outbox(&client(), &mut store, None, 3_000);
    assert_eq!(results.len(), 1);
    assert!(
        matches!(results[0].result, Ok(Posted::Published { .. })),
        "{:?}",
        results[0]
    );
    assert_eq!(blog.posts(), 2);
    assert_eq!(store.outbox().expect("outbox")[0].state, OutboxState::Sent);
    assert_eq!(draft(&store, &blog), None);
}

#[test]
fn published_drops_the_draft_and_rejected_keeps_it() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::Closed);
    match submit(&blog, &mut store, "Refused") {
        Err(PostError::Rejected { kind, .. }) => assert_eq!(kind, RejectKind::Closed),
        other => panic!("expected Rejected, got {other:?}"),
    }
    assert_eq!(draft(&store, &blog).as_deref(), Some("Refused"));
    assert!(store.outbox().expect("outbox").is_empty());

    blog.set(Mode::Publish);
    let posted = submit(&blog, &mut store, "Accepted").expect("posted");
    assert_eq!(
        posted,
        Posted::Published {
            id: "53".into(),
            url: format!("{}/post/#comment-53", blog.base)
        }
    );
    assert_eq!(draft(&store, &blog), None);
    let post = fetch(&blog, &mut store);
    let i = post.comment_index("53").expect("shown");
    assert_eq!(post.comments[i].parent.as_deref(), Some("52"));
    assert_eq!(post.comments[i].depth, 1);
}

#[test]
fn held_comments_show_as_pending_until_the_blog_shows_them() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::Hold);
    let posted = submit(&blog, &mut store, "Held for now").expect("posted");
    assert!(
        matches!(&posted, Posted::Pending { id, .. } if id == "53"),
        "{posted:?}"
    );
    let mut post = fetch(&blog, &mut store);
    assert_eq!(post.comment_index("53"), None, "not public");
    posting::merge_pending(&mut post, &mut store);
    let i = post.comment_index("53").expect("merged");
    let c = &post.comments[i];
    assert!(c.pending);
    assert_eq!((c.parent.as_deref(), c.depth), (Some("52"), 1));
    assert_eq!(c.author, "Known Replier");
    // Approved on the blog: shown from the page, no longer pending locally.
    blog.state.lock().expect("state").comments[1].approved = true;
    let mut post = fetch(&blog, &mut store);
    posting::merge_pending(&mut post, &mut store);
    let i = post.comment_index("53").expect("shown");
    assert!(!post.comments[i].pending);
    assert!(!store.my_comments(None).expect("mine")[0].pending);
}

#[test]
fn the_readers_worker_submits_and_retries_after_a_load() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    // The worker needs the post it shows: load it through the store like the reader does.
    let post = fetch(&blog, &mut store);
    let mut poster = Poster::with_store(store);
    let mut loaded = parlor::tui::worker::Loaded {
        post,
        ..Default::default()
    };
    poster.prepare(&mut loaded);
    blog.set(Mode::Unavailable);
    let submit = Effect::Submit {
        post_url: blog.post_url(),
        parent: Some("52".into()),
        body: "From the reader".into(),
        identity: me(),
    };
    let msgs = poster.handle(&submit, 2_000).expect("a replying job");
    match msgs.as_slice() {
        [Msg::Posted {
            post_key: key,
            parent,
            result: Ok(Posted::Queued { .. }),
        }, Msg::Outbox {
            queued: 1,
            note: None,
        }] => {
            assert_eq!(key, &post_key(&blog.post_url()));
            assert_eq!(parent.as_deref(), Some("52"));
        }
        other => panic!("unexpected {other:?}"),
    }
    blog.set(Mode::Publish);
    match poster.after_load(&blog.post_url(), false, 3_000) {
        Msg::Outbox { queued, note } => {
            assert_eq!(queued, 0);
            assert_eq!(
                note.as_deref(),
                Some("outbox: 1 of 1 queued replies sent (R shows them)")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(blog.stored().len(), 1);
    assert_eq!(blog.stored()[0].text, "From the reader");
    // Drafts through the worker: saved, loaded, deleted by an empty body.
    let key = post_key(&blog.post_url());
    let save = |body: &str| Effect::SaveDraft {
        post_key: key.clone(),
        parent: None,
        body: body.into(),
    };
    let load = Effect::LoadDraft {
        post_key: key.clone(),
        parent: None,
    };
    assert!(poster.handle(&save("typed"), 1).expect("job").is_empty());
    assert!(matches!(
        poster.handle(&load, 2).expect("job").as_slice(),
        [Msg::DraftLoaded { body: Some(b), .. }] if b == "typed"
    ));
    assert!(poster.handle(&save("  "), 3).expect("job").is_empty());
    assert!(matches!(
        poster.handle(&load, 4).expect("job").as_slice(),
        [Msg::DraftLoaded { body: None, .. }]
    ));
    assert!(poster.handle(&Effect::Quit, 5).is_none());
}

#[test]
fn identity_goes_only_to_the_forms_own_host() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.state.lock().expect("state").foreign_action = true;
    match submit(&blog, &mut store, "Not to another site") {
        Err(PostError::Refused(msg)) => assert!(
            msg.starts_with("the comment form posts to another site (http://localhost:"),
            "{msg}"
        ),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(blog.posts(), 0, "nothing was sent");
    assert_eq!(draft(&store, &blog).as_deref(), Some("Not to another site"));
}

/// `parlor reply` queues (exit 11) with the blog down; `parlor outbox send` posts it (exit 0).
#[test]
fn cli_reply_queues_and_outbox_send_delivers() {
    let blog = Blog::start();
    let dir = tempfile::tempdir().expect("dir");
    let body = dir.path().join("body.txt");
    std::fs::write(&body, "From the command line\n").expect("write");
    let parlor = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_parlor"))
            .env("PARLOR_DATA_DIR", dir.path().join("data"))
            .env("PARLOR_CONFIG", dir.path().join("config.toml"))
            .args(args)
            .output()
            .expect("run parlor")
    };
    blog.set(Mode::Unavailable);
    let out = parlor(&[
        "reply",
        &blog.post_url(),
        "--parent",
        "52",
        "--body-file",
        &body.display().to_string(),
        "--name",
        "Known Replier",
        "--email",
        "known@example.test",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(11), "{stdout}");
    assert!(stdout.starts_with("queued in the outbox (#1)"), "{stdout}");
    blog.set(Mode::Publish);
    let out = parlor(&["outbox", "send"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(
        stdout.trim(),
        format!("#1: published: comment 53 {}/post/#comment-53", blog.base)
    );
    assert_eq!(blog.posts(), 2);
    let stored = blog.stored();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].text, "From the command line");
    let out = parlor(&["drafts"]);
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("From the command line"),
        "the draft is gone once sent"
    );
}
