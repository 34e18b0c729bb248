//! The offline store: round trips of every table, library order, pruning; durability and
//! schema handling in `store/durability.rs`; the CLI in `store/cli.rs`.

#[path = "store/cli.rs"]
mod cli;
#[path = "store/durability.rs"]
mod durability;
#[path = "store/private.rs"]
mod private;

use parlor::store::{
    post_key, MyComment, OutboxNew, OutboxState, PageRecord, PostMeta, ReadPosition, Store,
    StoreError,
};
use std::path::PathBuf;

/// A fresh store in a temp dir (the dir lives as long as the returned guard).
pub fn temp_store() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sub").join("parlor.sqlite3");
    let store = Store::open(&path).expect("open store");
    (dir, path, store)
}

pub fn page(url: &str, html: &str, at: i64, etag: Option<&str>) -> PageRecord {
    PageRecord {
        url: url.into(),
        final_url: format!("{url}?final"),
        html: html.into(),
        fetched_at: at,
        etag: etag.map(String::from),
        last_modified: Some(format!("lm-{at}")),
    }
}

pub fn meta(url: &str, title: &str, comments: u32) -> PostMeta {
    PostMeta {
        url: url.into(),
        title: title.into(),
        site: "Example Blog".into(),
        comment_count: comments,
    }
}

#[test]
fn pages_round_trip_and_replace() {
    let (_d, _p, mut s) = temp_store();
    let key = "https://example.com/post/";
    assert_eq!(s.load_pages(key).expect("load"), None);
    assert_eq!(s.validators(key).expect("validators"), None);
    let pages = vec![
        page(key, "<p>one</p>", 100, Some("\"e1\"")),
        page(
            "https://example.com/post/comment-page-2/",
            "<p>two ☃</p>",
            101,
            None,
        ),
        page("https://example.com/post/comment-page-3/", "", 102, None),
    ];
    s.save_fetch(key, &pages, &meta(key, "Post", 7), 110)
        .expect("save");
    let got = s.load_pages(key).expect("load").expect("stored");
    assert_eq!(got.pages, pages);
    assert_eq!(got.meta, meta(key, "Post", 7));
    assert_eq!((got.fetched_at, got.checked_at), (110, 110));
    assert_eq!(
        s.validators(key).expect("validators"),
        Some((Some("\"e1\"".into()), Some("lm-100".into())))
    );

    // A 304: pages kept, checked time bumped.
    assert!(s.touch_checked(key, 200).expect("touch"));
    assert!(!s.touch_checked("https://other/", 200).expect("touch"));
    let got = s.load_pages(key).expect("load").expect("stored");
    assert_eq!(
        (got.fetched_at, got.checked_at, got.pages.len()),
        (110, 200, 3)
    );

    // A new fetch replaces the pages but keeps read state and counts.
    assert!(s.mark_read(key, 150).expect("read"));
    assert!(s.record_counts(key, 7, 2).expect("counts"));
    let newer = vec![page(key, "<p>new</p>", 300, Some("\"e2\""))];
    s.save_fetch(key, &newer, &meta(key, "Post (edited)", 9), 300)
        .expect("save again");
    let got = s.load_pages(key).expect("load").expect("stored");
    assert_eq!(got.pages, newer);
    assert_eq!(got.meta.title, "Post (edited)");
    let lib = s.library().expect("library");
    assert_eq!(lib.len(), 1);
    assert_eq!(
        (lib[0].last_read, lib[0].comment_count, lib[0].new_count),
        (Some(150), 9, 2)
    );
}

#[test]
fn library_newest_read_first() {
    let (_d, _p, mut s) = temp_store();
    for (i, key) in ["https://a/", "https://b/", "https://c/", "https://d/"]
        .iter()
        .enumerate()
    {
        let at = 1_000 + i64::try_from(i).expect("small");
        s.save_fetch(key, &[page(key, "x", at, None)], &meta(key, key, 0), at)
            .expect("save");
    }
    s.mark_read("https://a/", 5_000).expect("read");
    s.mark_read("https://c/", 4_000).expect("read");
    // b (fetched 1001) and d (fetched 1003) were never read: they sort by fetch time.
    assert!(!s.mark_read("https://zzz/", 1).expect("read unknown"));
    s.record_counts("https://c/", 12, 3).expect("counts");
    let lib = s.library().expect("library");
    let keys: Vec<&str> = lib.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        ["https://a/", "https://c/", "https://d/", "https://b/"]
    );
    assert_eq!((lib[1].comment_count, lib[1].new_count), (12, 3));
    assert_eq!(lib[2].last_read, None);
    assert_eq!(lib[2].fetched_at, 1_003);
}

#[test]
fn prune_by_last_read_keeps_drafts_and_unsent() {
    let (_d, _p, mut s) = temp_store();
    for key in [
        "https://old/",
        "https://recent/",
        "https://draft/",
        "https://queued/",
    ] {
        s.save_fetch(key, &[page(key, "x", 10, None)], &meta(key, key, 1), 10)
            .expect("save");
        s.mark_seen(key, &["1".into()], 10).expect("seen");
    }
    s.mark_read("https://old/", 100).expect("read");
    s.mark_read("https://recent/", 900).expect("read");
    s.save_draft("https://draft/", Some("4"), "half a thought", 50)
        .expect("draft");
    s.enqueue(&outbox_new("https://queued/", "hello"))
        .expect("enqueue");
    assert_eq!(s.prune_older_than(500).expect("prune"), 1);
    let keys: Vec<String> = s
        .library()
        .expect("lib")
        .into_iter()
        .map(|e| e.key)
        .collect();
    assert_eq!(
        keys,
        ["https://recent/", "https://draft/", "https://queued/"]
    );
    assert_eq!(s.load_pages("https://old/").expect("load"), None);
    assert!(!s.has_seen_any("https://old/").expect("seen"));
    assert!(s.has_seen_any("https://recent/").expect("seen"));
    // Once the reply is sent and the draft gone, they go too.
    let id = s.outbox().expect("outbox")[0].id;
    s.update_outbox(id, OutboxState::Sent, None, 60)
        .expect("sent");
    s.delete_draft("https://draft/", Some("4"))
        .expect("delete draft");
    assert_eq!(s.prune_older_than(500).expect("prune"), 2);
    assert_eq!(s.library().expect("lib").len(), 1);
}

#[test]
fn delete_post_keeps_drafts() {
    let (_d, _p, mut s) = temp_store();
    let key = "https://example.com/p/";
    s.save_fetch(key, &[page(key, "x", 1, None)], &meta(key, "P", 0), 1)
        .expect("save");
    s.mark_seen(key, &["9".into()], 2).expect("seen");
    s.set_position(key, &ReadPosition::default(), 2)
        .expect("pos");
    s.save_draft(key, None, "kept", 3).expect("draft");
    assert!(s.delete_post(key).expect("delete"));
    assert!(!s.delete_post(key).expect("delete again"));
    assert_eq!(s.load_pages(key).expect("load"), None);
    assert_eq!(s.position(key).expect("pos"), None);
    assert!(s.seen_ids(key).expect("seen").is_empty());
    assert_eq!(
        s.load_draft(key, None).expect("draft").map(|d| d.body),
        Some("kept".into())
    );
}

#[test]
fn positions_and_seen_round_trip() {
    let (_d, _p, mut s) = temp_store();
    let key = "https://example.com/p/";
    assert_eq!(s.position(key).expect("pos"), None);
    let pos = ReadPosition {
        pane: "comments".into(),
        article_line: 42,
        comments_line: 300,
        comment_id: Some("46".into()),
        folded: vec!["12".into(), "13".into()],
    };
    s.set_position(key, &pos, 5).expect("set");
    assert_eq!(s.position(key).expect("pos"), Some(pos.clone()));
    let moved = ReadPosition {
        article_line: 7,
        ..pos
    };
    s.set_position(key, &moved, 6).expect("set");
    assert_eq!(s.position(key).expect("pos"), Some(moved));

    assert!(!s.has_seen_any(key).expect("any"));
    let ids: Vec<String> = ["1", "2", "3"].iter().map(|s| s.to_string()).collect();
    assert_eq!(s.mark_seen(key, &ids, 100).expect("seen"), 3);
    let more: Vec<String> = ["3", "4"].iter().map(|s| s.to_string()).collect();
    assert_eq!(s.mark_seen(key, &more, 200).expect("seen"), 1);
    let seen = s.seen_ids(key).expect("seen");
    assert_eq!(seen.len(), 4);
    assert_eq!((seen["1"], seen["3"], seen["4"]), (100, 100, 200));
    assert!(s.has_seen_any(key).expect("any"));
    assert!(!s.has_seen_any("https://example.com/other/").expect("any"));
}

#[test]
fn drafts_round_trip() {
    let (_d, _p, mut s) = temp_store();
    let key = "https://example.com/p/";
    s.save_fetch(key, &[page(key, "x", 1, None)], &meta(key, "Titled", 0), 1)
        .expect("save");
    s.save_draft(key, None, "on the post", 10).expect("draft");
    s.save_draft(key, Some("46"), "to 46", 11).expect("draft");
    s.save_draft(key, Some("46"), "to 46, revised\nline two", 12)
        .expect("draft");
    s.save_draft("https://elsewhere/", Some("7"), "orphan", 5)
        .expect("draft");
    let d = s
        .load_draft(key, Some("46"))
        .expect("load")
        .expect("present");
    assert_eq!(d.body, "to 46, revised\nline two");
    assert_eq!((d.parent_id.as_deref(), d.updated_at), (Some("46"), 12));
    assert_eq!(d.post_title.as_deref(), Some("Titled"));
    let top = s.load_draft(key, None).expect("load").expect("present");
    assert_eq!((top.body.as_str(), top.parent_id), ("on the post", None));
    let list = s.list_drafts().expect("list");
    let order: Vec<(&str, Option<&str>)> = list
        .iter()
        .map(|d| (d.body.as_str(), d.post_title.as_deref()))
        .collect();
    assert_eq!(
        order,
        [
            ("to 46, revised\nline two", Some("Titled")),
            ("on the post", Some("Titled")),
            ("orphan", None)
        ]
    );
    assert!(s.delete_draft(key, Some("46")).expect("delete"));
    assert!(!s.delete_draft(key, Some("46")).expect("delete"));
    assert_eq!(s.load_draft(key, Some("46")).expect("load"), None);
    assert_eq!(s.list_drafts().expect("list").len(), 2);
}

pub fn outbox_new(key: &str, body: &str) -> OutboxNew {
    OutboxNew {
        post_key: key.into(),
        action: "https://example.com/wp-comments-post.php".into(),
        fields: vec![
            ("comment_post_ID".into(), "12".into()),
            ("comment".into(), body.into()),
            ("comment_parent".into(), "46".into()),
        ],
        parent_id: Some("46".into()),
        body: body.into(),
        author_name: Some("Ann".into()),
        author_email: Some("ann@example.com".into()),
        author_url: None,
        created_at: 20,
    }
}

#[test]
fn outbox_round_trip() {
    let (_d, _p, mut s) = temp_store();
    let a = s
        .enqueue(&outbox_new("https://a/", "first"))
        .expect("enqueue");
    let b = s
        .enqueue(&outbox_new("https://b/", "second"))
        .expect("enqueue");
    assert_ne!(a, b);
    let all = s.outbox().expect("outbox");
    assert_eq!(all.len(), 2);
    let e = &all[0];
    assert_eq!(
        (e.id, e.state, e.attempts, e.last_error.clone()),
        (a, OutboxState::Queued, 0, None)
    );
    assert_eq!(e.fields, outbox_new("https://a/", "first").fields);
    assert_eq!(
        (e.body.as_str(), e.author_name.as_deref()),
        ("first", Some("Ann"))
    );
    assert!(s
        .update_outbox(a, OutboxState::Sending, None, 30)
        .expect("update"));
    assert!(s
        .update_outbox(a, OutboxState::Failed, Some("connection refused"), 31)
        .expect("update"));
    assert!(s
        .update_outbox(a, OutboxState::Sending, None, 40)
        .expect("update"));
    assert!(!s
        .update_outbox(999, OutboxState::Sent, None, 40)
        .expect("update"));
    let e = &s.outbox().expect("outbox")[0];
    assert_eq!(
        (e.state, e.attempts, e.updated_at),
        (OutboxState::Sending, 2, 40)
    );
    assert_eq!(e.last_error, None);
    assert!(s.remove_outbox(a).expect("remove"));
    assert!(!s.remove_outbox(a).expect("remove"));
    let left: Vec<i64> = s.outbox().expect("outbox").iter().map(|e| e.id).collect();
    assert_eq!(left, [b]);
}

#[test]
fn subscriptions_and_my_comments_round_trip() {
    let (_d, _p, mut s) = temp_store();
    s.add_subscription("https://b.example/", "https://b.example/feed/", "B", 20)
        .expect("sub");
    s.add_subscription("https://a.example/", "https://a.example/feed/", "A", 10)
        .expect("sub");
    s.add_subscription("https://a.example/", "https://a.example/atom", "A2", 30)
        .expect("resub");
    let subs = s.subscriptions().expect("subs");
    let got: Vec<(&str, &str, &str, i64)> = subs
        .iter()
        .map(|x| {
            (
                x.url.as_str(),
                x.feed_url.as_str(),
                x.title.as_str(),
                x.added_at,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("https://a.example/", "https://a.example/atom", "A2", 10),
            ("https://b.example/", "https://b.example/feed/", "B", 20)
        ]
    );
    assert!(s.remove_subscription("https://b.example/").expect("remove"));
    assert!(!s.remove_subscription("https://b.example/").expect("remove"));
    assert_eq!(s.subscriptions().expect("subs").len(), 1);

    let mine = |id: &str, parent: Option<&str>, at: i64, pending: bool| MyComment {
        post_key: "https://p/".into(),
        comment_id: id.into(),
        parent_id: parent.map(Into::into),
        posted_at: at,
        author: "Me".into(),
        body: format!("text {id}"),
        pending,
    };
    s.record_my_comment(&mine("101", Some("46"), 5, true))
        .expect("mine");
    s.record_my_comment(&mine("100", None, 3, false))
        .expect("mine");
    // Recording again keeps the first time and text, updates the pending state.
    s.record_my_comment(&mine("101", Some("46"), 9, false))
        .expect("mine again");
    let got = s.my_comments(Some("https://p/")).expect("mine");
    assert_eq!(
        got,
        [
            mine("100", None, 3, false),
            mine("101", Some("46"), 5, false)
        ]
    );
    assert_eq!(s.my_comments(None).expect("all").len(), 2);
    assert!(s.my_comments(Some("https://q/")).expect("mine").is_empty());
}

#[test]
fn post_key_maps_comment_pages_to_their_post() {
    let post = "https://Example.com:443/2024/05/01/post/comment-page-2/#comment-9";
    assert_eq!(post_key(post), "https://example.com/2024/05/01/post/");
    assert_eq!(
        post_key("https://example.com/2024/05/01/post/"),
        post_key(post)
    );
}

#[test]
fn load_time_of_a_2_mb_page() {
    let (_d, _p, mut s) = temp_store();
    let key = "https://example.com/big/";
    let html =
        "<p>comment text, fairly long, to make up a big page</p>\n".repeat(2 * 1024 * 1024 / 56);
    s.save_fetch(key, &[page(key, &html, 1, None)], &meta(key, "Big", 0), 1)
        .expect("save");
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = std::time::Instant::now();
        let got = s.load_pages(key).expect("load").expect("stored");
        times.push(t.elapsed());
        assert_eq!(got.pages[0].html.len(), html.len());
    }
    times.sort();
    eprintln!(
        "store: load_pages of a {:.1} MB page: min {:?}, median {:?} (debug build)",
        html.len() as f64 / 1e6,
        times[0],
        times[10]
    );
}

#[test]
fn errors_name_the_file() {
    let err = StoreError::Corrupt {
        path: PathBuf::from("/d/parlor.sqlite3"),
        detail: "it is not an SQLite database".into(),
    };
    assert_eq!(
        err.to_string(),
        "/d/parlor.sqlite3 is not a parlor store (or is damaged): it is not an SQLite database. \
         Move it aside (mv /d/parlor.sqlite3 /d/parlor.sqlite3.bad) and parlor starts a new one."
    );
}
