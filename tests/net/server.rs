//! Loopback servers for the tests: tiny_http with a handler per request, and raw TCP.

use parlor::net::{Client, NetOptions};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use tiny_http::{Header, Response, ResponseBox};
use url::Url;

/// What a handler sees of a request.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: HashMap<String, String>,
    pub body: String,
}

type Handler = dyn Fn(&Seen) -> ResponseBox + Send + Sync;

/// A tiny_http server on 127.0.0.1:0; each request handled on its own thread; stopped on drop.
pub struct Server {
    http: Arc<tiny_http::Server>,
    pub base: String,
    log: Arc<Mutex<Vec<Seen>>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Seen) -> ResponseBox + Send + Sync + 'static) -> Server {
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

    pub fn url(&self, path: &str) -> Url {
        Url::parse(&format!("{}{path}", self.base)).expect("url")
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.log.lock().expect("log").clone()
    }

    pub fn hits(&self, path: &str) -> usize {
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

pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header")
}

pub fn reply(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> ResponseBox {
    Response::from_data(body.into())
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .boxed()
}

pub fn html(body: &str) -> ResponseBox {
    reply(200, "text/html; charset=utf-8", body)
}

pub fn redirect(status: u16, to: &str) -> ResponseBox {
    Response::empty(status)
        .with_header(header("Location", to))
        .boxed()
}

pub fn client() -> Client {
    Client::new(NetOptions::default()).expect("client")
}

pub fn client_with(f: impl FnOnce(&mut NetOptions)) -> Client {
    let mut opts = NetOptions::default();
    f(&mut opts);
    Client::new(opts).expect("client")
}

/// A raw TCP server for one connection, run by `serve` on its own (detached) thread.
pub fn raw_server(serve: impl FnOnce(std::net::TcpStream) + Send + 'static) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            serve(stream);
        }
    });
    port
}
