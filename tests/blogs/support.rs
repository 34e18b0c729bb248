//! Loopback support for tests/blogs.rs: a tiny_http server with a handler per request, and
//! the feeds and pages it serves.

use parlor::net::{Client, NetOptions};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Response};
use url::Url;

/// A handler's answer: status, content type, body (`{base}` replaced by the server's base URL),
/// extra headers.
pub struct Answer(
    pub u16,
    pub &'static str,
    pub String,
    pub Vec<(&'static str, String)>,
);

type Handler = dyn Fn(&str, &HashMap<String, String>) -> Answer + Send + Sync;

/// A tiny_http server on 127.0.0.1:0, every request on its own thread; stopped on drop.
pub struct Server {
    http: Arc<tiny_http::Server>,
    pub base: String,
}

impl Server {
    pub fn start(
        handler: impl Fn(&str, &HashMap<String, String>) -> Answer + Send + Sync + 'static,
    ) -> Server {
        let http = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind"));
        let base = format!(
            "http://127.0.0.1:{}",
            http.server_addr().to_ip().expect("ip").port()
        );
        let handler: Arc<Handler> = Arc::new(handler);
        let (srv, b) = (Arc::clone(&http), base.clone());
        std::thread::spawn(move || {
            while let Ok(req) = srv.recv() {
                let (h, b) = (Arc::clone(&handler), b.clone());
                std::thread::spawn(move || {
                    let headers = req
                        .headers()
                        .iter()
                        .map(|h| {
                            (
                                h.field.as_str().as_str().to_ascii_lowercase(),
                                h.value.to_string(),
                            )
                        })
                        .collect();
                    let Answer(status, ctype, body, extra) = h(req.url(), &headers);
                    let mut resp = Response::from_string(body.replace("{base}", &b))
                        .with_status_code(status)
                        .with_header(Header::from_bytes("Content-Type", ctype).expect("header"));
                    for (k, v) in extra {
                        resp =
                            resp.with_header(Header::from_bytes(k, v.as_bytes()).expect("header"));
                    }
                    let _ = req.respond(resp);
                });
            }
        });
        Server { http, base }
    }

    pub fn url(&self, path: &str) -> Url {
        Url::parse(&format!("{}{path}", self.base)).expect("url")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.http.unblock();
    }
}

pub const HTML: &str = "text/html; charset=utf-8";
pub const RSS_TYPE: &str = "application/rss+xml";

pub fn rss(title: &str, items: &[(&str, u32)]) -> String {
    let items: String = items
        .iter()
        .map(|(slug, n)| {
            format!(
                "<item><title>Post {slug}</title><link>{{base}}/{slug}/</link>\
                 <pubDate>Wed, 01 May 2024 10:00:00 +0000</pubDate>\
                 <slash:comments>{n}</slash:comments></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\">\
         <channel><title>{title}</title><link>{{base}}/</link>{items}</channel></rss>"
    )
}

pub fn page(head: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Page</title>{head}</head><body><p>Hi</p></body></html>"
    )
}

pub const ALT: &str = r#"<link rel="alternate" type="application/rss+xml" title="Loop Blog &raquo; Comments Feed" href="/comments/feed/"><link rel="alternate" type="application/rss+xml" title="Loop Blog" href="/rss.xml">"#;

pub fn client(timeout: Duration) -> Client {
    Client::new(NetOptions {
        timeout,
        connect_timeout: timeout,
        ..NetOptions::default()
    })
    .expect("client")
}

pub fn blog_server() -> Server {
    Server::start(|path, _| {
        match path {
        "/" | "/2024/05/01/a/" => Answer(200, HTML, page(ALT), vec![]),
        "/rss.xml" => Answer(200, RSS_TYPE, rss("Loop Blog", &[("a", 3), ("b", 0)]), vec![]),
        "/plain/" => Answer(200, HTML, page(""), vec![]),
        "/feed/" => Answer(200, "text/xml", rss("Fallback Blog", &[("c", 1)]), vec![]),
        "/atom.xml" => Answer(
            200,
            "application/atom+xml",
            "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Atom Blog</title>\
             <id>urn:x</id><updated>2024-05-01T10:00:00Z</updated><entry><id>urn:e1</id><title>E1</title>\
             <link href=\"{base}/e1/\"/><updated>2024-05-01T10:00:00Z</updated></entry></feed>"
                .to_string(),
            vec![],
        ),
        _ => Answer(404, HTML, page(""), vec![]),
    }
    })
}

/// A WordPress html5 comment `li` (open: children follow, then `</li>` by the caller).
pub fn wp_comment(id: u32, author: &str, text: &str, children: &str) -> String {
    format!(
        "<li id=\"comment-{id}\" class=\"comment\"><article id=\"div-comment-{id}\" class=\"comment-body\">\
         <footer class=\"comment-meta\"><div class=\"comment-author vcard\"><b class=\"fn\">{author}</b></div>\
         <div class=\"comment-metadata\"><a href=\"{{base}}/p/#comment-{id}\"><time datetime=\"2024-05-0{d}T10:00:00+00:00\">May</time></a></div></footer>\
         <div class=\"comment-content\"><p>{text}</p></div></article>{children}</li>",
        d = id % 9 + 1
    )
}

pub fn wp_post(comments: &str) -> String {
    format!(
        "<!doctype html><html><head><meta name=\"generator\" content=\"WordPress 6.1.9\"><title>Thread</title></head>\
         <body class=\"single\"><article class=\"post\"><h1 class=\"entry-title\">Thread</h1>\
         <div class=\"entry-content\"><p>Body.</p></div></article>\
         <div id=\"comments\" class=\"comments-area\"><ol class=\"comment-list\">{comments}</ol></div></body></html>"
    )
}
