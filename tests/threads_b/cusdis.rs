//! Cusdis: ten top-level comments a page, replies nested; pages followed to `pageCount`.

use super::server::Server;
use super::support::*;
use parlor::threads::cusdis::PROVIDER;
use parlor::threads::Completeness;

fn target() -> parlor::threads::Target {
    let mut s = system("cusdis");
    s.server = Some("https://cusdis.example.com".into());
    s.site = Some("app-1".into());
    s.thread = Some("hello-world".into());
    embed(s, "https://blog.example.com/hello/")
}

#[test]
fn follows_pages_and_nesting() {
    let (p1, p2) = (fixture("cusdis/page1.json"), fixture("cusdis/page2.json"));
    let srv = Server::start(move |s| match query(s, "page").as_deref() {
        Some("2") => json(&p2),
        _ => json(&p1),
    });
    let t = one(&PROVIDER, &srv, &target());
    let id = |n: u8| format!("7f0d5a4e-000{n}-4c1b-9d2e-5a0e8f1a000{n}");
    assert_eq!(
        shape(&t),
        vec![
            row(&id(1), None, 0, "Gina", "Second post, bold text"),
            row(&id(2), Some(&id(1)), 1, "Site Owner", "Thanks Gina"),
            row(&id(3), Some(&id(2)), 2, "Gina", "You are welcome"),
            row(&id(4), None, 0, "Anonymous", "Nameless first comment"),
            row(&id(5), None, 0, "Hal", "Oldest one\nwith two lines"),
        ]
    );
    assert!(t.comments[1].by_post_author);
    assert_eq!(t.stated_count, Some(3));
    assert_eq!(t.completeness, Completeness::Full);
    let seen = srv.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(path(&seen[0]), "/api/open/comments");
    assert_eq!(query(&seen[0], "appId").as_deref(), Some("app-1"));
    assert_eq!(query(&seen[0], "pageId").as_deref(), Some("hello-world"));
    assert_eq!(query(&seen[1], "page").as_deref(), Some("2"));
}

#[test]
fn a_page_that_repeats_stops_paging() {
    let p1 = fixture("cusdis/page1.json").replace("\"pageCount\":2", "\"pageCount\":50");
    let srv = Server::start(move |_| json(&p1));
    let t = one(&PROVIDER, &srv, &target());
    assert_eq!(t.comments.len(), 4);
    assert_partial(&t, "repeated");
    assert_eq!(srv.requests().len(), 2);
}

#[test]
fn a_later_page_rate_limited_keeps_the_first() {
    let p1 = fixture("cusdis/page1.json");
    let srv = Server::start(move |s| match query(s, "page").as_deref() {
        Some("2") => super::server::reply(429, "text/plain", "Too Many Requests"),
        _ => json(&p1),
    });
    let t = one(&PROVIDER, &srv, &target());
    assert_eq!(t.comments.len(), 4);
    assert!(
        matches!(t.completeness, Completeness::RateLimited { .. }),
        "{:?}",
        t.completeness
    );
}

#[test]
fn error_answers_map() {
    error_answers(&PROVIDER, &target(), &fixture("cusdis/page1.json"));
}
