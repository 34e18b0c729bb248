//! `Client::get`: redirects, gzip, charsets, statuses, timeouts and size caps.

use crate::server::*;
use parlor::net::NetError;
use std::io::{Cursor, Write};
use std::time::{Duration, Instant};
use tiny_http::Response;
use url::Url;

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
        std::thread::sleep(Duration::from_secs(5));
        html("<p>late</p>")
    });
    let quick = client_with(|o| o.timeout = Duration::from_secs(1));
    let started = Instant::now();
    let err = quick.get(&server.url("/"), None).expect_err("timeout");
    assert!(matches!(err, NetError::Timeout { secs: 1, .. }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_millis(3500),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        err.to_string(),
        format!("{} took longer than 1 s to answer", &server.base[7..])
    );
}

#[test]
fn slow_drip_body_stops_at_the_whole_request_deadline() {
    let port = raw_server(|mut stream| {
        // Answer only once the request is in (hyper rejects unsolicited bytes).
        let mut buf = [0u8; 2048];
        let _ = std::io::Read::read(&mut stream, &mut buf);
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
        let _ = stream.write_all(head.as_bytes());
        for _ in 0..60 {
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
        started.elapsed() < Duration::from_millis(3500),
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
