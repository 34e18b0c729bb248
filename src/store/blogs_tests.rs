//! Tests of the blogs tables and of the v3 → v4 migration.

use super::*;
use crate::store::schema::MIGRATIONS;

fn item(url: &str, count: Option<u32>) -> FeedItemRecord {
    FeedItemRecord {
        url: url.into(),
        title: format!("T {url}"),
        published: None,
        comment_count: count,
    }
}

fn state(sub: &str) -> FeedState {
    FeedState {
        sub_url: sub.into(),
        etag: Some("\"e1\"".into()),
        ..FeedState::default()
    }
}

#[test]
fn v3_file_migrates_to_v4_keeping_subscriptions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        for sql in &MIGRATIONS[..3] {
            conn.execute_batch(sql).expect("old schema");
        }
        conn.execute_batch(
            "INSERT INTO meta VALUES ('schema_version', '3');
             INSERT INTO subscriptions VALUES ('https://b.test/', 'https://b.test/feed/', 'B', 7);",
        )
        .expect("seed");
    }
    let mut s = Store::open(&path).expect("migrates");
    assert_eq!(
        s.schema_version().expect("version"),
        crate::store::SCHEMA_VERSION
    );
    let blogs = s.blog_summaries().expect("summaries");
    assert_eq!(blogs.len(), 1);
    assert_eq!(blogs[0].feed_url, "https://b.test/feed/");
    assert_eq!(blogs[0].posts, 0);
    let n = s
        .record_feed_fetch(
            &state("https://b.test/"),
            &[item("https://b.test/p/", Some(2))],
            9,
        )
        .expect("fetch");
    assert_eq!(n, 1);
}

#[test]
fn items_new_posts_new_comments_and_read_marks() {
    let mut s = Store::open_in_memory().expect("store");
    s.add_subscription("https://b.test/", "https://b.test/feed/", "B", 1)
        .expect("sub");
    let first = [item("https://b.test/a/", Some(2))];
    assert_eq!(
        s.record_feed_fetch(&state("https://b.test/"), &first, 100)
            .expect("first"),
        1
    );
    let second = [
        item("https://b.test/b/", None),
        item("https://b.test/a/", Some(5)),
    ];
    assert_eq!(
        s.record_feed_fetch(&state("https://b.test/"), &second, 200)
            .expect("second"),
        1
    );
    let items = s.feed_items(Some("https://b.test/")).expect("items");
    let a = items.iter().find(|i| i.url.ends_with("/a/")).expect("a");
    let b = items.iter().find(|i| i.url.ends_with("/b/")).expect("b");
    assert_eq!((a.new_comments, a.is_new, a.read), (3, false, false));
    assert_eq!((b.new_comments, b.is_new, b.first_seen), (0, true, 200));
    let sum = &s.blog_summaries().expect("sum")[0];
    assert_eq!(
        (sum.posts, sum.unread, sum.new_posts, sum.new_comments),
        (2, 2, 1, 3)
    );
    assert!(s
        .mark_item_read("https://b.test/a/#comment-3", 300)
        .expect("read"));
    let sum = &s.blog_summaries().expect("sum")[0];
    assert_eq!((sum.unread, sum.new_comments), (1, 0));
    assert_eq!(
        s.set_item_comment_count("https://b.test/a/", 7)
            .expect("count"),
        1
    );
    assert_eq!(s.blog_summaries().expect("sum")[0].new_comments, 2);
    assert_eq!(
        s.feed_state("https://b.test/")
            .expect("state")
            .map(|st| st.first_fetched_at),
        Some(Some(100))
    );
    s.record_feed_error("https://b.test/", "refused")
        .expect("err");
    let sum = &s.blog_summaries().expect("sum")[0];
    assert_eq!(sum.last_error.as_deref(), Some("refused"));
    s.record_feed_not_modified("https://b.test/", 400)
        .expect("304");
    let st = s
        .feed_state("https://b.test/")
        .expect("state")
        .expect("some");
    assert_eq!((st.checked_at, st.last_error), (Some(400), None));
    assert!(s.remove_subscription("https://b.test/").expect("remove"));
    assert_eq!(s.feed_items(None).expect("items").len(), 0);
}

fn reply(id: &str, published: Option<&str>, found_at: i64) -> ReplyRecord {
    ReplyRecord {
        post_key: "https://b.test/a/".into(),
        comment_id: id.into(),
        parent_id: "5".into(),
        author: "Bob".into(),
        published: published.map(str::to_string),
        published_text: None,
        text: format!("reply {id}"),
        permalink: format!("https://b.test/a/#comment-{id}"),
        post_title: "A".into(),
        found_at,
        seen: false,
    }
}

#[test]
fn replies_newest_first_and_seen_kept() {
    let mut s = Store::open_in_memory().expect("store");
    assert!(s
        .upsert_reply(&reply("7", Some("2024-05-01T10:00:00+00:00"), 50))
        .expect("r7"));
    assert!(s
        .upsert_reply(&reply("9", Some("2024-05-02T10:00:00+02:00"), 50))
        .expect("r9"));
    assert!(s.upsert_reply(&reply("8", None, 1)).expect("r8"));
    let ids: Vec<String> = s
        .replies()
        .expect("list")
        .into_iter()
        .map(|r| r.comment_id)
        .collect();
    assert_eq!(ids, ["9", "7", "8"]);
    assert_eq!(s.unseen_replies().expect("unseen"), 3);
    assert_eq!(
        s.mark_replies_seen(Some(("https://b.test/a/", "9")))
            .expect("seen"),
        1
    );
    assert!(!s
        .upsert_reply(&reply("9", Some("2024-05-02T10:00:00+02:00"), 60))
        .expect("again"));
    let all = s.replies().expect("list");
    assert_eq!((all[0].seen, all[0].found_at), (true, 50));
    assert_eq!(s.unseen_replies().expect("unseen"), 2);
    assert_eq!(s.mark_replies_seen(None).expect("all"), 2);
    assert_eq!(s.unseen_replies().expect("unseen"), 0);
}
