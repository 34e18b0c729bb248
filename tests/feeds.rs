//! Feed discovery, parsing (RSS 2.0 with wfw/slash, Atom, JSON Feed, broken and hostile feeds)
//! and the OPML round trip.

use parlor::feeds::{discover, looks_like_feed, parse_feed, parse_opml, write_opml, OpmlEntry};
use url::Url;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/feeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).expect("fixture")
}

fn base(s: &str) -> Url {
    Url::parse(s).expect("url")
}

#[test]
fn discovers_blog_feed_before_comment_feed() {
    let html = r#"<html><head>
      <link rel="alternate" type="application/rss+xml" title="Blog &raquo; Comments Feed" href="/comments/feed/">
      <link rel="alternate" type="application/rss+xml" title="Blog &raquo; Feed" href="/feed/">
      <link rel="alternate" type="application/json" href="https://b.test/wp-json/wp/v2/posts/4">
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/atom+xml" href="javascript:alert(1)">
    </head><body></body></html>"#;
    let feeds = discover(html, &base("https://b.test/2024/05/01/post/"));
    let urls: Vec<&str> = feeds.iter().map(|f| f.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://b.test/feed/",
            "https://b.test/wp-json/wp/v2/posts/4",
            "https://b.test/comments/feed/"
        ]
    );
    assert_eq!(feeds[0].title.as_deref(), Some("Blog » Feed"));
}

#[test]
fn rss2_with_wfw_and_slash() {
    let body = fixture("wordpress-rss2.xml");
    assert!(looks_like_feed(&body));
    let feed = parse_feed(&body, &base("http://127.0.0.1:8089/feed/")).expect("parse");
    assert_eq!(feed.title, "Loopback Blog");
    assert_eq!(feed.items.len(), 2);
    let first = &feed.items[0];
    assert_eq!(first.title, "Threaded comments fixture");
    assert_eq!(
        first.url.as_deref(),
        Some("http://127.0.0.1:8089/2024/05/01/threaded-comments-fixture/")
    );
    assert_eq!(
        first.published.as_deref(),
        Some("2024-05-01T10:00:00+00:00")
    );
    assert_eq!(first.comment_count, Some(11));
    assert_eq!(
        first.comments_feed.as_deref(),
        Some("http://127.0.0.1:8089/2024/05/01/threaded-comments-fixture/feed/")
    );
    assert_eq!(feed.items[1].comment_count, Some(1));
    assert_eq!(feed.items[1].comments_feed, None);
}

#[test]
fn atom_resolves_relative_links() {
    let feed = parse_feed(
        &fixture("atom.xml"),
        &base("https://atom.example.test/feed.atom"),
    )
    .expect("parse");
    assert_eq!(feed.title, "Atom & Friends");
    assert_eq!(feed.site_url.as_deref(), Some("https://atom.example.test/"));
    let urls: Vec<_> = feed
        .items
        .iter()
        .map(|i| i.url.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        urls,
        [
            "https://atom.example.test/2024/05/second/",
            "https://atom.example.test/2024/05/first/"
        ]
    );
    assert_eq!(
        feed.items[1].published.as_deref(),
        Some("2024-05-01T08:00:00+00:00")
    );
}

#[test]
fn json_feed() {
    let feed = parse_feed(
        &fixture("feed.json"),
        &base("https://json.example.test/feed.json"),
    )
    .expect("parse");
    assert_eq!(feed.title, "JSON Blog");
    assert_eq!(
        feed.items[0].url.as_deref(),
        Some("https://json.example.test/posts/42")
    );
    assert_eq!(feed.items[0].title, "Hello JSON");
}

#[test]
fn broken_feed_is_an_error_not_a_panic() {
    let err =
        parse_feed(&fixture("broken.xml"), &base("https://b.test/feed/")).expect_err("broken");
    assert!(err.to_string().starts_with("not a feed"), "{err}");
    assert!(parse_feed(b"<html><body>hi</body></html>", &base("https://b.test/")).is_err());
    assert!(parse_feed(b"", &base("https://b.test/")).is_err());
}

#[test]
fn hostile_feed_is_cleaned() {
    let feed = parse_feed(
        &fixture("hostile.xml"),
        &base("https://evil.example.test/feed/"),
    )
    .expect("parse");
    for s in std::iter::once(&feed.title).chain(feed.items.iter().map(|i| &i.title)) {
        assert!(
            !s.chars().any(|c| c.is_control() || c == '\u{202e}'),
            "{s:?}"
        );
    }
    assert!(feed.title.starts_with("Evil"), "{}", feed.title);
    assert_eq!(feed.items[0].url, None, "javascript: links are dropped");
    assert_eq!(
        feed.items[1].url.as_deref(),
        Some("https://evil.example.test/fine/")
    );
}

#[test]
fn opml_round_trip() {
    let entries = vec![
        OpmlEntry {
            title: "Loopback <Blog> & co".into(),
            feed_url: "http://127.0.0.1:8089/feed/".into(),
            site_url: Some("http://127.0.0.1:8089/".into()),
        },
        OpmlEntry {
            title: "Atom \"quoted\"".into(),
            feed_url: "https://atom.example.test/feed.atom".into(),
            site_url: None,
        },
    ];
    let text = write_opml(&entries);
    assert_eq!(parse_opml(&text), entries);
}

#[test]
fn opml_from_other_readers() {
    let text = r#"<?xml version="1.0"?><opml version="1.0"><body>
      <outline text="Tech"><outline text="A blog" type="rss" xmlUrl="https://a.test/feed/" htmlUrl="https://a.test/"/>
      <outline text="no url"/><outline text="bad" xmlUrl="file:///etc/passwd"/></outline>
      <outline title="B" xmlUrl="https://b.test/atom.xml"/></body></opml>"#;
    let got = parse_opml(text);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].title, "A blog");
    assert_eq!(got[0].site_url.as_deref(), Some("https://a.test/"));
    assert_eq!(got[1].feed_url, "https://b.test/atom.xml");
}
