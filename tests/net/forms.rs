//! Type checks, conditional GET, refused connections, posting forms, the User-Agent.

use crate::server::*;
use parlor::net::{NetError, Validators};
use tiny_http::Response;
use url::Url;

#[test]
fn non_html_refused() {
    let server = Server::start(|s| match s.path.as_str() {
        "/json" => reply(200, "application/json", "{\"a\":1}"),
        "/untyped-html" => Response::from_data("<!DOCTYPE html><p>ok</p>").boxed(),
        _ => Response::from_data("%PDF-1.4 binary").boxed(),
    });
    let err = client().get(&server.url("/json"), None).expect_err("json");
    assert!(
        matches!(&err, NetError::NotHtml { content_type, .. } if content_type == "application/json"),
        "{err:?}"
    );
    let err = client().get(&server.url("/pdf"), None).expect_err("pdf");
    assert!(matches!(err, NetError::NotHtml { .. }), "{err:?}");
    let got = client()
        .get(&server.url("/untyped-html"), None)
        .expect("html without type");
    assert_eq!(got.html, "<!DOCTYPE html><p>ok</p>");
}

#[test]
fn get_raw_returns_any_type_as_bytes() {
    let server = Server::start(|_| reply(200, "application/rss+xml", b"<rss>\xe9</rss>".to_vec()));
    let (meta, bytes) = client()
        .get_raw(&server.url("/feed"), None, "application/rss+xml")
        .expect("raw");
    assert_eq!(bytes, b"<rss>\xe9</rss>");
    assert_eq!(meta.content_type.as_deref(), Some("application/rss+xml"));
    assert_eq!(meta.html, "");
    let sent = server.requests();
    assert_eq!(
        sent[0].headers.get("accept").map(String::as_str),
        Some("application/rss+xml")
    );
}

#[test]
fn conditional_get_gives_not_modified() {
    let server = Server::start(|s| {
        if s.headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
            Response::empty(304)
                .with_header(header("ETag", "\"v1\""))
                .boxed()
        } else {
            html("<p>v1</p>")
                .with_header(header("ETag", "\"v1\""))
                .with_header(header("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT"))
        }
    });
    let c = client();
    let first = c.get(&server.url("/p"), None).expect("first");
    assert_eq!(first.etag.as_deref(), Some("\"v1\""));
    assert_eq!(
        first.last_modified.as_deref(),
        Some("Wed, 01 May 2024 10:00:00 GMT")
    );
    assert!(!first.not_modified);
    let v = Validators {
        etag: first.etag.clone(),
        last_modified: first.last_modified.clone(),
    };
    let again = c.get(&server.url("/p"), Some(&v)).expect("again");
    assert!(again.not_modified);
    assert_eq!(again.status, 304);
    assert_eq!(again.html, "");
    assert_eq!(
        again.last_modified.as_deref(),
        Some("Wed, 01 May 2024 10:00:00 GMT")
    );
    let sent = server.requests();
    assert_eq!(
        sent[1].headers.get("if-modified-since").map(String::as_str),
        Some("Wed, 01 May 2024 10:00:00 GMT")
    );
}

#[test]
fn refused_connection() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    let url = Url::parse(&format!("http://127.0.0.1:{port}/")).expect("url");
    let err = client().get(&url, None).expect_err("refused");
    assert!(matches!(err, NetError::Refused { .. }), "{err:?}");
    assert!(err.is_transient());
    assert_eq!(
        err.to_string(),
        format!("could not reach 127.0.0.1:{port}: the connection was refused")
    );
}

#[test]
fn post_form_not_followed_and_cookies_kept() {
    let server = Server::start(|s| match (s.method.as_str(), s.path.as_str()) {
        ("GET", _) => {
            html("<form></form>").with_header(header("Set-Cookie", "session=abc; Path=/"))
        }
        _ => redirect(302, "/p/?unapproved=5#comment-5"),
    });
    let c = client();
    c.get(&server.url("/p/"), None).expect("get");
    let fields = vec![
        ("comment".to_string(), "hi there & more".to_string()),
        ("comment_post_ID".into(), "7".into()),
    ];
    let answer = c
        .post_form(&server.url("/wp-comments-post.php"), &fields)
        .expect("post");
    assert_eq!(answer.status, 302);
    assert_eq!(
        answer.location.as_deref(),
        Some("/p/?unapproved=5#comment-5")
    );
    let sent = server.requests();
    assert_eq!(sent.len(), 2, "the redirect must not be followed: {sent:?}");
    let post = &sent[1];
    assert_eq!(post.method, "POST");
    assert_eq!(post.body, "comment=hi+there+%26+more&comment_post_ID=7");
    assert_eq!(
        post.headers.get("content-type").map(String::as_str),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        post.headers.get("accept").map(String::as_str),
        Some("application/json, text/html;q=0.9")
    );
    assert_eq!(
        post.headers.get("cookie").map(String::as_str),
        Some("session=abc")
    );
}

#[test]
fn post_form_returns_error_statuses_as_answers() {
    let server = Server::start(|_| reply(409, "text/html", "<p>Duplicate comment detected</p>"));
    let answer = client()
        .post_form(&server.url("/wp-comments-post.php"), &[])
        .expect("answer");
    assert_eq!(answer.status, 409);
    assert_eq!(answer.body, "<p>Duplicate comment detected</p>");
    assert_eq!(answer.location, None);
}

#[test]
fn user_agent_names_parlor() {
    let server = Server::start(|_| html("<p>x</p>"));
    client().get(&server.url("/"), None).expect("get");
    let ua = server.requests()[0].headers.get("user-agent").cloned();
    assert_eq!(ua.as_deref(), Some(parlor::USER_AGENT));
    assert!(parlor::USER_AGENT.starts_with(&format!("parlor/{}", env!("CARGO_PKG_VERSION"))));
}
