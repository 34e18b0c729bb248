//! The network layer against loopback servers the tests start and stop: redirects, gzip,
//! charsets, status codes, timeouts, size caps, conditional GET, forms, and comment pages.

use parlor::fetch::{fetch_post, fetch_post_with};
use parlor::model::{Comment, Post};
use parlor::net::{Client, NetError, NetOptions, Validators};
use std::collections::HashMap;
use std::io::{Cursor, Write};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tiny_http::{Header, Response, ResponseBox};
use url::Url;

/// What a handler sees of a request.
#[derive(Debug, Clone)]
struct Seen {
    method: String,
    path: String,
    headers: HashMap<String, String>,
    body: String,
}

type Handler = dyn Fn(&Seen) -> ResponseBox + Send + Sync;

/// A tiny_http server on 127.0.0.1:0; each request handled on its own thread; stopped on drop.
struct Server {
    http: Arc<tiny_http::Server>,
    base: String,
    log: Arc<Mutex<Vec<Seen>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(handler: impl Fn(&Seen) -> ResponseBox + Send + Sync + 'static) -> Server {
        let http = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind"));
        let port = http.server_addr().to_ip().expect("ip").port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let (srv, lg) = (Arc::clone(&http), Arc::clone(&log));
        let thread = std::thread::spawn(move || {
            while let Ok(mut req) = srv.recv() {
                let mut body = String::new();
                let _ = req.as_reader().read_to_string(&mut body);
                let seen = Seen {
                    method: req.method().to_string(),
                    path: req.url().to_string(),
                    headers: req
                        .headers()
                        .iter()
                        .map(|h| {
                            (
                                h.field.as_str().as_str().to_ascii_lowercase(),
                                h.value.to_string(),
                            )
                        })
                        .collect(),
                    body,
                };
                lg.lock().expect("log").push(seen.clone());
                let h = Arc::clone(&handler);
                std::thread::spawn(move || {
                    let _ = req.respond(h(&seen));
                });
            }
        });
        Server {
            http,
            base: format!("http://127.0.0.1:{port}"),
            log,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> Url {
        Url::parse(&format!("{}{path}", self.base)).expect("url")
    }

    fn requests(&self) -> Vec<Seen> {
        self.log.lock().expect("log").clone()
    }

    fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|s| s.path == path).count()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.http.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header")
}

fn reply(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> ResponseBox {
    Response::from_data(body.into())
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .boxed()
}

fn html(body: &str) -> ResponseBox {
    reply(200, "text/html; charset=utf-8", body)
}

fn redirect(status: u16, to: &str) -> ResponseBox {
    Response::empty(status)
        .with_header(header("Location", to))
        .boxed()
}

fn client() -> Client {
    Client::new(NetOptions::default()).expect("client")
}

fn client_with(f: impl FnOnce(&mut NetOptions)) -> Client {
    let mut opts = NetOptions::default();
    f(&mut opts);
    Client::new(opts).expect("client")
}

#[test]
fn redirects_followed_to_final_url() {
    let server = Server::start(|s| match s.path.as_str() {
        "/a" => redirect(302, "/b"),
        "/b" => redirect(301, "/c"),
        _ => html("<p>here</p>"),
    });
    let got = client().get(&server.url("/a"), None).expect("get");
    assert_eq!(got.url, server.url("/a"));
    assert_eq!(got.final_url, server.url("/c"));
    assert_eq!(got.status, 200);
    assert_eq!(got.html, "<p>here</p>");
}

#[test]
fn redirect_loop_is_too_many_redirects() {
    let server = Server::start(|_| redirect(302, "/loop"));
    let err = client().get(&server.url("/loop"), None).expect_err("loop");
    assert!(
        matches!(err, NetError::TooManyRedirects { limit: 10, .. }),
        "{err:?}"
    );
    assert_eq!(server.hits("/loop"), 11);
}

#[test]
fn redirect_to_other_scheme_refused() {
    let server = Server::start(|_| redirect(302, "ftp://127.0.0.1/x"));
    let err = client().get(&server.url("/"), None).expect_err("ftp");
    assert!(
        matches!(&err, NetError::BadScheme { url } if url == "ftp://127.0.0.1/x"),
        "{err:?}"
    );
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

#[test]
fn gzip_body_decoded_and_bomb_stopped() {
    let server = Server::start(|s| {
        let body = if s.path == "/bomb" {
            vec![b' '; 2_000_000]
        } else {
            b"<p>zipped</p>".to_vec()
        };
        reply(200, "text/html", gzip(&body)).with_header(header("Content-Encoding", "gzip"))
    });
    let got = client().get(&server.url("/small"), None).expect("get");
    assert_eq!(got.html, "<p>zipped</p>");
    let small = client_with(|o| o.max_body = 100_000);
    let err = small.get(&server.url("/bomb"), None).expect_err("bomb");
    assert!(
        matches!(err, NetError::TooLarge { limit: 100_000, .. }),
        "{err:?}"
    );
}

#[test]
fn charset_from_meta_and_header_wins() {
    let server = Server::start(|s| match s.path.as_str() {
        "/latin1" => reply(
            200,
            "text/html",
            b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>".to_vec(),
        ),
        _ => reply(
            200,
            "text/html; charset=utf-8",
            "<meta charset=\"iso-8859-1\"><p>café</p>",
        ),
    });
    let got = client().get(&server.url("/latin1"), None).expect("latin1");
    assert_eq!(got.html, "<meta charset=\"iso-8859-1\"><p>café</p>");
    let got = client().get(&server.url("/utf8"), None).expect("utf8");
    assert_eq!(got.html, "<meta charset=\"iso-8859-1\"><p>café</p>");
}

#[test]
fn error_statuses() {
    let server = Server::start(|s| match s.path.as_str() {
        "/gone" => reply(404, "text/html", "<p>no</p>"),
        _ => reply(500, "text/html", "<p>oops</p>"),
    });
    let err = client().get(&server.url("/gone"), None).expect_err("404");
    assert!(
        matches!(err, NetError::Status { status: 404, .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("{}/gone answered 404 Not Found", server.base)
    );
    assert!(!err.is_transient());
    let err = client().get(&server.url("/boom"), None).expect_err("500");
    assert!(
        matches!(err, NetError::Status { status: 500, .. }),
        "{err:?}"
    );
    assert!(err.is_transient());
}

#[test]
fn slow_server_times_out() {
    let server = Server::start(|_| {
        std::thread::sleep(Duration::from_secs(3));
        html("<p>late</p>")
    });
    let quick = client_with(|o| o.timeout = Duration::from_secs(1));
    let started = Instant::now();
    let err = quick.get(&server.url("/"), None).expect_err("timeout");
    assert!(matches!(err, NetError::Timeout { secs: 1, .. }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        err.to_string(),
        format!("{} took longer than 1 s to answer", &server.base[7..])
    );
}

/// A raw TCP server for one connection, run by `serve` on its own (detached) thread.
fn raw_server(serve: impl FnOnce(std::net::TcpStream) + Send + 'static) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            serve(stream);
        }
    });
    port
}

#[test]
fn slow_drip_body_stops_at_the_whole_request_deadline() {
    let port = raw_server(|mut stream| {
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
        let _ = stream.write_all(head.as_bytes());
        for _ in 0..40 {
            if stream
                .write_all(b"x")
                .and_then(|()| stream.flush())
                .is_err()
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    let quick = client_with(|o| o.timeout = Duration::from_secs(1));
    let url = Url::parse(&format!("http://127.0.0.1:{port}/")).expect("url");
    let started = Instant::now();
    let err = quick.get(&url, None).expect_err("deadline");
    assert!(matches!(err, NetError::Timeout { secs: 1, .. }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_millis(2500),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn plain_http_on_an_https_url_is_a_tls_error() {
    let port = raw_server(|mut stream| {
        let mut buf = [0u8; 512];
        let _ = std::io::Read::read(&mut stream, &mut buf);
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
    let url = Url::parse(&format!("https://127.0.0.1:{port}/")).expect("url");
    let err = client().get(&url, None).expect_err("tls");
    assert!(matches!(err, NetError::Tls { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with(&format!(
            "secure connection to 127.0.0.1:{port} failed: the server did not answer in TLS"
        )),
        "{err}"
    );
}

#[test]
fn oversized_bodies_stop_at_the_cap() {
    let server = Server::start(|s| {
        let body = vec![b'x'; 5000];
        if s.path == "/chunked" {
            // No Content-Length: tiny_http streams it chunked.
            Response::new(
                tiny_http::StatusCode(200),
                vec![header("Content-Type", "text/html")],
                Cursor::new(body),
                None,
                None,
            )
            .boxed()
        } else {
            reply(200, "text/html", body)
        }
    });
    let small = client_with(|o| o.max_body = 1000);
    for path in ["/chunked", "/sized"] {
        let err = small.get(&server.url(path), None).expect_err("too large");
        assert!(
            matches!(err, NetError::TooLarge { limit: 1000, .. }),
            "{path}: {err:?}"
        );
        assert!(
            err.to_string()
                .starts_with("the page is larger than 1000 bytes"),
            "{err}"
        );
    }
    let exact = client_with(|o| o.max_body = 5000);
    assert_eq!(
        exact
            .get(&server.url("/chunked"), None)
            .expect("fits")
            .html
            .len(),
        5000
    );
}

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

/// Test extractor: every `href="…"` is a comment page; the page's `<title>` names one comment.
fn test_extract(html: &str, url: &Url) -> Post {
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|s| s.split("</title>").next())
        .unwrap_or_default();
    let comment_pages = html
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect();
    let comments = vec![Comment {
        id: title.to_string(),
        ..Comment::default()
    }];
    Post {
        url: url.to_string(),
        title: title.to_string(),
        comments,
        comment_pages,
        ..Post::default()
    }
}

fn test_merge(mut first: Post, others: Vec<Post>) -> Post {
    for o in others {
        first.comments.extend(o.comments);
    }
    first
}

const PAGE_1: &str = r#"<title>p1</title><a href="/post/comment-page-2/#comments">2</a>"#;
const PAGE_2: &str = r#"<title>p2</title><a href="/post/">1</a>
    <a href="/post/comment-page-3/">3</a><a href="/post/#c">1</a>"#;
const PAGE_3: &str = r#"<title>p3</title><a href="/post/comment-page-2/">2</a>
    <a href="/post/comment-page-4/">4</a><a href="/post/comment-page-1/">1</a>
    <a href="http://elsewhere.invalid/post/comment-page-5/">5</a>"#;

#[test]
fn comment_pages_followed_once_and_merged() {
    let server = Server::start(|s| match s.path.as_str() {
        "/post/" => html(PAGE_1),
        "/post/comment-page-1/" => redirect(301, "/post/"),
        "/post/comment-page-2/" => html(PAGE_2),
        "/post/comment-page-3/" => html(PAGE_3),
        _ => reply(404, "text/html", "<p>no</p>"),
    });
    let url = server.url("/post/");
    let got = fetch_post_with(&client(), &url, &test_extract, &test_merge).expect("fetch");
    let ids: Vec<&str> = got.post.comments.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2", "p3"]);
    assert_eq!(got.post.title, "p1");
    let paths: Vec<&str> = got.pages.iter().map(|p| p.final_url.path()).collect();
    assert_eq!(
        paths,
        ["/post/", "/post/comment-page-2/", "/post/comment-page-3/"]
    );
    for path in [
        "/post/comment-page-1/",
        "/post/comment-page-2/",
        "/post/comment-page-3/",
    ] {
        assert_eq!(server.hits(path), 1, "{path}");
    }
    // Once asked, once at the end of comment-page-1's redirect (not extracted again).
    assert_eq!(server.hits("/post/"), 2);
    assert_eq!(server.hits("/post/comment-page-4/"), 1);
    assert_eq!(server.requests().len(), 6);
    assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
    let want = format!(
        "comment page skipped: {}/post/comment-page-4/ answered 404 Not Found",
        server.base
    );
    assert_eq!(got.warnings[0], want);
}

#[test]
fn fetch_post_fails_only_when_the_post_page_fails() {
    let server = Server::start(|s| match s.path.as_str() {
        "/ok" => html("<title>t</title>"),
        _ => reply(404, "text/html", "<p>no</p>"),
    });
    let got = fetch_post(&client(), &server.url("/ok")).expect("fetch");
    assert_eq!(got.post.url, server.url("/ok").to_string());
    assert_eq!(got.pages.len(), 1);
    let err = fetch_post(&client(), &server.url("/missing")).expect_err("404");
    assert!(
        matches!(err, NetError::Status { status: 404, .. }),
        "{err:?}"
    );
}
