//! A loopback "blog" for tests/posting.rs: a raw TCP server rendering a WordPress-like post
//! with its comments and form, storing POSTed comments, and failing on purpose (503, a dropped
//! connection after storing, 409 duplicate, 403 closed, a form posting to another host).
#![allow(dead_code)] // shared by tests/posting.rs and tests/security.rs, which use different parts

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// What the blog does with the next POSTs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Store the comment (approved) and redirect to `#comment-N`.
    Publish,
    /// Store it held for moderation (not shown) and redirect with `unapproved=N`.
    Hold,
    /// 503, nothing stored.
    Unavailable,
    /// Store it (approved), then close the connection without answering.
    StoreAndDrop,
    /// WordPress's 409 "Duplicate comment detected", nothing stored.
    Duplicate,
    /// WordPress's 403 "comments are closed".
    Closed,
    /// Store it (approved), wait 1.5 s, then answer as `Publish` (a send in flight).
    Slow,
}

#[derive(Debug, Clone)]
pub struct Stored {
    pub id: u32,
    pub parent: u32,
    pub author: String,
    pub text: String,
    pub approved: bool,
}

#[derive(Debug)]
pub struct State {
    pub mode: Mode,
    pub comments: Vec<Stored>,
    pub posts: usize,
    pub gets: usize,
    /// The form posts to another host (localhost instead of 127.0.0.1).
    pub foreign_action: bool,
    /// Every GET is answered with a 302 to this URL (the blog moved).
    pub redirect_get: Option<String>,
    /// The form's `action` attribute as written (overrides the normal one).
    pub action_attr: Option<String>,
    /// A `<base href>` in the head.
    pub base_href: Option<String>,
}

pub struct Blog {
    pub base: String,
    pub state: Arc<Mutex<State>>,
}

impl Blog {
    pub fn start() -> Blog {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let state = Arc::new(Mutex::new(State {
            mode: Mode::Publish,
            comments: vec![Stored {
                id: 52,
                parent: 0,
                author: "Known Replier".into(),
                text: "The first comment.".into(),
                approved: true,
            }],
            posts: 0,
            gets: 0,
            foreign_action: false,
            redirect_get: None,
            action_attr: None,
            base_href: None,
        }));
        let (st, b) = (Arc::clone(&state), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, &st, &b);
            }
        });
        Blog { base, state }
    }

    pub fn post_url(&self) -> String {
        format!("{}/post/", self.base)
    }

    pub fn set(&self, mode: Mode) {
        self.state.lock().expect("state").mode = mode;
    }

    pub fn posts(&self) -> usize {
        self.state.lock().expect("state").posts
    }

    pub fn stored(&self) -> Vec<Stored> {
        self.state.lock().expect("state").comments[1..].to_vec()
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>, base: &str) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    let answer = if first.starts_with("POST ") {
        on_post(state, base, &String::from_utf8_lossy(&body))
    } else {
        let mut st = state.lock().expect("state");
        st.gets += 1;
        if let Some(to) = st.redirect_get.clone() {
            return finish(
                stream,
                Some(response("302 Found", "text/html", &[("Location", &to)], "")),
            );
        }
        Some(response(
            "200 OK",
            "text/html; charset=utf-8",
            &[],
            &page(&st, base),
        ))
    };
    finish(stream, answer);
}

fn finish(mut stream: TcpStream, answer: Option<String>) {
    if let Some(answer) = answer {
        let _ = stream.write_all(answer.as_bytes());
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

fn on_post(state: &Mutex<State>, base: &str, body: &str) -> Option<String> {
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut st = state.lock().expect("state");
    st.posts += 1;
    let mode = st.mode;
    let mut store = |approved: bool| {
        let id = st.comments.iter().map(|c| c.id).max().unwrap_or(0) + 1;
        st.comments.push(Stored {
            id,
            parent: get("comment_parent").parse().unwrap_or(0),
            author: get("author"),
            text: get("comment"),
            approved,
        });
        id
    };
    let redirect =
        |location: String| response("302 Found", "text/html", &[("Location", &location)], "");
    match mode {
        Mode::Publish => Some(redirect(format!("{base}/post/#comment-{}", store(true)))),
        Mode::Hold => {
            let id = store(false);
            Some(redirect(format!(
                "{base}/post/?unapproved={id}&moderation-hash=abc123#comment-{id}"
            )))
        }
        Mode::Slow => {
            let id = store(true);
            drop(st);
            std::thread::sleep(std::time::Duration::from_millis(1500));
            Some(redirect(format!("{base}/post/#comment-{id}")))
        }
        Mode::StoreAndDrop => {
            store(true);
            None
        }
        Mode::Unavailable => Some(response(
            "503 Service Unavailable",
            "text/html",
            &[],
            "<html><body>down for maintenance</body></html>",
        )),
        Mode::Duplicate => Some(response(
            "409 Conflict",
            "text/html; charset=utf-8",
            &[],
            include_str!("../fixtures/reply/wp_die_409_duplicate.html"),
        )),
        Mode::Closed => Some(response(
            "403 Forbidden",
            "text/html; charset=utf-8",
            &[],
            include_str!("../fixtures/reply/wp_die_403_closed.html"),
        )),
    }
}

fn response(status: &str, content_type: &str, headers: &[(&str, &str)], body: &str) -> String {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out
}

fn comment_html(c: &Stored, all: &[Stored], depth: usize, base: &str) -> String {
    let children: String = all
        .iter()
        .filter(|k| k.parent == c.id && k.approved)
        .map(|k| comment_html(k, all, depth + 1, base))
        .collect();
    let children = if children.is_empty() {
        String::new()
    } else {
        format!("<ol class=\"children\">{children}</ol>")
    };
    format!(
        r#"<li id="comment-{id}" class="comment depth-{depth}"><article id="div-comment-{id}" class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{author}</b> <span class="says">says:</span></div><div class="comment-metadata"><a href="{base}/post/#comment-{id}"><time datetime="2024-05-01T11:00:00+00:00">May 1, 2024</time></a></div></footer><div class="comment-content"><p>{text}</p></div><div class="reply"><a class="comment-reply-link" href="{base}/post/?replytocom={id}#respond">Reply</a></div></article>{children}</li>"#,
        id = c.id,
        author = html_escape(&c.author),
        text = html_escape(&c.text),
    )
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn page(st: &State, base: &str) -> String {
    let action = if st.foreign_action {
        format!(
            "{}/wp-comments-post.php",
            base.replace("127.0.0.1", "localhost")
        )
    } else {
        format!("{base}/wp-comments-post.php")
    };
    let action = st.action_attr.clone().unwrap_or(action);
    let base_tag = st
        .base_href
        .as_ref()
        .map(|h| format!("<base href=\"{h}\">"))
        .unwrap_or_default();
    let top: String = st
        .comments
        .iter()
        .filter(|c| c.parent == 0 && c.approved)
        .map(|c| comment_html(c, &st.comments, 1, base))
        .collect();
    format!(
        r#"<!DOCTYPE html><html><head><title>Reply target &#8211; loopback blog</title><link rel="canonical" href="{base}/post/" /><meta name="generator" content="WordPress 6.5" />{base_tag}</head><body class="post-template-default single single-post"><main><article class="post type-post"><h1 class="entry-title">Reply target</h1><div class="entry-content"><p>A post to reply to.</p></div></article><div id="comments" class="comments-area"><ol class="commentlist">{top}</ol><div id="respond" class="comment-respond"><form action="{action}" method="post" id="commentform" class="comment-form"><p class="comment-form-comment"><textarea id="comment" name="comment" required></textarea></p><p class="comment-form-author"><input id="author" name="author" type="text" value="" required /></p><p class="comment-form-email"><input id="email" name="email" type="email" value="" required /></p><p class="comment-form-url"><input id="url" name="url" type="url" value="" /></p><p class="form-submit"><input name="submit" type="submit" id="submit" value="Post Comment" /> <input type='hidden' name='comment_post_ID' value='8' id='comment_post_ID' /><input type='hidden' name='comment_parent' id='comment_parent' value='0' /></p></form></div></div></main></body></html>"#
    )
}
