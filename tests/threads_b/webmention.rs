//! webmention.io: replies listed, mentions as pingbacks, likes and reposts counted; pages of
//! `per-page` followed until a short one.

use super::server::Server;
use super::support::*;
use parlor::model::CommentKind;
use parlor::threads::webmention::PROVIDER;
use parlor::threads::{Completeness, ProviderError};

fn target() -> parlor::threads::Target {
    let mut s = system("webmention");
    s.server = Some("https://webmention.io/blog.example.com/webmention".into());
    embed(s, "https://blog.example.com/post/#comments")
}

/// The first page filled to 100 entries with generated likes.
fn full_page0() -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(&fixture("webmention/page0.json")).expect("json");
    let kids = v["children"].as_array_mut().expect("children");
    for i in 0..97 {
        kids.push(
            serde_json::json!({"type": "entry", "author": {"type": "card", "name": "L"},
            "url": format!("https://l.example/{i}"), "wm-id": 1_700_000 + i,
            "wm-property": "like-of", "like-of": "https://blog.example.com/post/"}),
        );
    }
    v.to_string()
}

#[test]
fn replies_listed_likes_counted() {
    let (p0, p1) = (full_page0(), fixture("webmention/page1.json"));
    let srv = Server::start(move |s| match query(s, "page").as_deref() {
        Some("0") => json(&p0),
        _ => json(&p1),
    });
    let t = one(&PROVIDER, &srv, &target());
    assert_eq!(
        shape(&t),
        vec![
            row("1600001", None, 0, "Olive", "I disagree with point 2."),
            row("1600004", None, 0, "Anonymous", "Linking this great post."),
        ]
    );
    assert_eq!(t.comments[0].kind, CommentKind::Comment);
    assert_eq!(t.comments[1].kind, CommentKind::Pingback);
    assert_eq!(
        t.comments[0].published.as_deref(),
        Some("2024-09-01T08:00:00Z")
    );
    // No offset on `published`: the text is kept as shown, the time falls back to `wm-received`.
    assert_eq!(
        t.comments[1].published.as_deref(),
        Some("2024-09-02T10:05:00Z")
    );
    assert_eq!(
        t.comments[1].published_text.as_deref(),
        Some("2024-09-02T10:00:00")
    );
    assert_eq!(t.comments[0].published_text, None);
    assert_eq!(t.points, Some(99));
    assert_eq!(t.title.as_deref(), Some("99 likes, 1 repost"));
    assert_eq!(t.completeness, Completeness::Full);
    let seen = srv.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(path(&seen[0]), "/api/mentions.jf2");
    assert_eq!(
        query(&seen[0], "target").as_deref(),
        Some("https://blog.example.com/post/")
    );
    assert_eq!(query(&seen[0], "per-page").as_deref(), Some("100"));
    assert_eq!(query(&seen[1], "page").as_deref(), Some("1"));
}

#[test]
fn a_page_repeating_itself_stops() {
    let p0 = full_page0();
    let srv = Server::start(move |_| json(&p0));
    let t = one(&PROVIDER, &srv, &target());
    assert_partial(&t, "repeated");
    assert_eq!(srv.requests().len(), 2);
}

#[test]
fn other_endpoints_are_not_read() {
    let mut s = system("webmention");
    s.server = Some("https://blog.example.com/wm-endpoint".into());
    let t = embed(s, "https://blog.example.com/post/");
    match read_at(&PROVIDER, None, &t) {
        Err(ProviderError::Unsupported { why, .. }) => assert!(why.contains("blog.example.com")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn error_answers_map() {
    error_answers(&PROVIDER, &target(), &fixture("webmention/page0.json"));
}
