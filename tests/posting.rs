//! Posting and the outbox against a loopback "blog" (a raw TCP server that renders a
//! WordPress-like post, stores comments and can fail on purpose): transient failures queue,
//! a retry re-fetches and never posts twice, a 409 on retry counts as sent, drafts are dropped
//! only on success. Also the reader's worker side (`Poster`) end to end.

use parlor::model::Post;
use parlor::net::{Client, NetOptions};
use parlor::posting::{self, PostError, Posted, Submission};
use parlor::reply::{Identity, RejectKind};
use parlor::store::{post_key, OutboxState, Store};
use parlor::tui::app::{Effect, Msg};
use parlor::tui::poster::Poster;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use url::Url;

/// What the blog does with the next POSTs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
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
}

#[derive(Debug, Clone)]
struct Stored {
    id: u32,
    parent: u32,
    author: String,
    text: String,
    approved: bool,
}

#[derive(Debug)]
struct State {
    mode: Mode,
    comments: Vec<Stored>,
    posts: usize,
    gets: usize,
}

struct Blog {
    base: String,
    state: Arc<Mutex<State>>,
}

impl Blog {
    fn start() -> Blog {
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
        }));
        let (st, b) = (Arc::clone(&state), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(stream, &st, &b);
            }
        });
        Blog { base, state }
    }

    fn post_url(&self) -> String {
        format!("{}/post/", self.base)
    }

    fn set(&self, mode: Mode) {
        self.state.lock().expect("state").mode = mode;
    }

    fn posts(&self) -> usize {
        self.state.lock().expect("state").posts
    }

    fn stored(&self) -> Vec<Stored> {
        self.state.lock().expect("state").comments[1..].to_vec()
    }
}

fn serve(mut stream: TcpStream, state: &Mutex<State>, base: &str) {
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
        Some(response(
            "200 OK",
            "text/html; charset=utf-8",
            &[],
            &page(&st, base),
        ))
    };
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
            include_str!("fixtures/reply/wp_die_409_duplicate.html"),
        )),
        Mode::Closed => Some(response(
            "403 Forbidden",
            "text/html; charset=utf-8",
            &[],
            include_str!("fixtures/reply/wp_die_403_closed.html"),
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
    let top: String = st
        .comments
        .iter()
        .filter(|c| c.parent == 0 && c.approved)
        .map(|c| comment_html(c, &st.comments, 1, base))
        .collect();
    format!(
        r#"<!DOCTYPE html><html><head><title>Reply target &#8211; loopback blog</title><link rel="canonical" href="{base}/post/" /><meta name="generator" content="WordPress 6.5" /></head><body class="post-template-default single single-post"><main><article class="post type-post"><h1 class="entry-title">Reply target</h1><div class="entry-content"><p>A post to reply to.</p></div></article><div id="comments" class="comments-area"><ol class="commentlist">{top}</ol><div id="respond" class="comment-respond"><form action="{base}/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-form-comment"><textarea id="comment" name="comment" required></textarea></p><p class="comment-form-author"><input id="author" name="author" type="text" value="" required /></p><p class="comment-form-email"><input id="email" name="email" type="email" value="" required /></p><p class="comment-form-url"><input id="url" name="url" type="url" value="" /></p><p class="form-submit"><input name="submit" type="submit" id="submit" value="Post Comment" /> <input type='hidden' name='comment_post_ID' value='8' id='comment_post_ID' /><input type='hidden' name='comment_parent' id='comment_parent' value='0' /></p></form></div></div></main></body></html>"#
    )
}

fn client() -> Client {
    Client::new(NetOptions::default()).expect("client")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("parlor.db")).expect("store");
    (dir, store)
}

fn fetch(blog: &Blog, store: &mut Store) -> Post {
    let url = Url::parse(&blog.post_url()).expect("url");
    parlor::reading::open(Some(&client()), store, &url, false, 1_000)
        .expect("open")
        .post
}

fn me() -> Identity {
    Identity {
        name: Some("Known Replier".into()),
        email: Some("known@example.test".into()),
        url: None,
    }
}

fn submit(blog: &Blog, store: &mut Store, body: &str) -> Result<Posted, PostError> {
    let post = fetch(blog, store);
    assert!(post.reply_form.is_some(), "the loopback page has a form");
    assert_eq!(post.comment_index("52"), Some(0));
    let sub = Submission {
        post: &post,
        parent: Some("52"),
        body,
        identity: &me(),
        consent: false,
    };
    posting::submit(&client(), store, &sub, 2_000)
}

fn host(blog: &Blog) -> String {
    Url::parse(&blog.base)
        .expect("url")
        .host_str()
        .expect("host")
        .to_string()
}

fn draft(store: &Store, blog: &Blog) -> Option<String> {
    store
        .load_draft(&post_key(&blog.post_url()), Some("52"))
        .expect("draft")
        .map(|d| d.body)
}

#[test]
fn a_503_queues_and_the_retry_posts_once() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::Unavailable);
    let Ok(Posted::Queued { outbox_id, reason }) = submit(&blog, &mut store, "Queued reply") else {
        panic!("expected Queued");
    };
    assert!(reason.contains("503"), "{reason}");
    let outbox = store.outbox().expect("outbox");
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].id, outbox_id);
    assert_eq!(outbox[0].state, OutboxState::Queued);
    assert_eq!(outbox[0].parent_id.as_deref(), Some("52"));
    assert_eq!(draft(&store, &blog).as_deref(), Some("Queued reply"));

    blog.set(Mode::Publish);
    let results = posting::send_outbox(&client(), &mut store, Some(&host(&blog)), 3_000);
    assert_eq!(results.len(), 1);
    assert!(!results[0].found_existing);
    assert_eq!(
        results[0].result,
        Ok(Posted::Published {
            id: "53".into(),
            url: format!("{}/post/#comment-53", blog.base)
        })
    );
    assert_eq!(blog.posts(), 2, "one 503, one real post");
    let stored = blog.stored();
    assert_eq!(stored.len(), 1);
    assert_eq!((stored[0].id, stored[0].parent), (53, 52));
    assert_eq!(stored[0].text, "Queued reply");
    assert_eq!(store.outbox().expect("outbox")[0].state, OutboxState::Sent);
    assert_eq!(draft(&store, &blog), None);
    // Nothing left: a second run does nothing.
    assert!(posting::send_outbox(&client(), &mut store, Some(&host(&blog)), 4_000).is_empty());
    assert_eq!(blog.posts(), 2);
}

#[test]
fn stored_but_no_answer_is_queued_and_the_retry_finds_it_without_posting() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::StoreAndDrop);
    let result = submit(&blog, &mut store, "Lost answer");
    assert!(
        matches!(result, Ok(Posted::Queued { .. })),
        "a dropped connection must queue: {result:?}"
    );
    assert_eq!(blog.posts(), 1);
    blog.set(Mode::Publish);
    let results = posting::send_outbox(&client(), &mut store, Some(&host(&blog)), 3_000);
    assert_eq!(results.len(), 1);
    assert!(results[0].found_existing, "{:?}", results[0]);
    assert_eq!(
        results[0].result,
        Ok(Posted::Published {
            id: "53".into(),
            url: format!("{}/post/#comment-53", blog.base)
        })
    );
    assert_eq!(blog.posts(), 1, "the retry must not post again");
    assert_eq!(blog.stored().len(), 1);
    assert_eq!(store.outbox().expect("outbox")[0].state, OutboxState::Sent);
    assert_eq!(draft(&store, &blog), None);
    let mine = store.my_comments(None).expect("mine");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].comment_id, "53");
}

#[test]
fn a_409_on_retry_counts_as_sent() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::Unavailable);
    assert!(matches!(
        submit(&blog, &mut store, "Twice?"),
        Ok(Posted::Queued { .. })
    ));
    blog.set(Mode::Duplicate);
    let results = posting::send_outbox(&client(), &mut store, None, 3_000);
    assert_eq!(results.len(), 1);
    assert!(
        matches!(results[0].result, Ok(Posted::Published { .. })),
        "{:?}",
        results[0]
    );
    assert_eq!(blog.posts(), 2);
    assert_eq!(store.outbox().expect("outbox")[0].state, OutboxState::Sent);
    assert_eq!(draft(&store, &blog), None);
}

#[test]
fn published_drops_the_draft_and_rejected_keeps_it() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::Closed);
    match submit(&blog, &mut store, "Refused") {
        Err(PostError::Rejected { kind, .. }) => assert_eq!(kind, RejectKind::Closed),
        other => panic!("expected Rejected, got {other:?}"),
    }
    assert_eq!(draft(&store, &blog).as_deref(), Some("Refused"));
    assert!(store.outbox().expect("outbox").is_empty());

    blog.set(Mode::Publish);
    let posted = submit(&blog, &mut store, "Accepted").expect("posted");
    assert_eq!(
        posted,
        Posted::Published {
            id: "53".into(),
            url: format!("{}/post/#comment-53", blog.base)
        }
    );
    assert_eq!(draft(&store, &blog), None);
    let post = fetch(&blog, &mut store);
    let i = post.comment_index("53").expect("shown");
    assert_eq!(post.comments[i].parent.as_deref(), Some("52"));
    assert_eq!(post.comments[i].depth, 1);
}

#[test]
fn held_comments_show_as_pending_until_the_blog_shows_them() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    blog.set(Mode::Hold);
    let posted = submit(&blog, &mut store, "Held for now").expect("posted");
    assert!(
        matches!(&posted, Posted::Pending { id, .. } if id == "53"),
        "{posted:?}"
    );
    let mut post = fetch(&blog, &mut store);
    assert_eq!(post.comment_index("53"), None, "not public");
    posting::merge_pending(&mut post, &mut store);
    let i = post.comment_index("53").expect("merged");
    let c = &post.comments[i];
    assert!(c.pending);
    assert_eq!((c.parent.as_deref(), c.depth), (Some("52"), 1));
    assert_eq!(c.author, "Known Replier");
    // Approved on the blog: shown from the page, no longer pending locally.
    blog.state.lock().expect("state").comments[1].approved = true;
    let mut post = fetch(&blog, &mut store);
    posting::merge_pending(&mut post, &mut store);
    let i = post.comment_index("53").expect("shown");
    assert!(!post.comments[i].pending);
    assert!(!store.my_comments(None).expect("mine")[0].pending);
}

#[test]
fn the_readers_worker_submits_and_retries_after_a_load() {
    let blog = Blog::start();
    let (_dir, mut store) = store();
    // The worker needs the post it shows: load it through the store like the reader does.
    let post = fetch(&blog, &mut store);
    let mut poster = Poster::with_store(store);
    let mut loaded = parlor::tui::worker::Loaded {
        post,
        ..Default::default()
    };
    poster.prepare(&mut loaded);
    blog.set(Mode::Unavailable);
    let submit = Effect::Submit {
        post_url: blog.post_url(),
        parent: Some("52".into()),
        body: "From the reader".into(),
        identity: me(),
    };
    let msgs = poster.handle(&submit, 2_000).expect("a replying job");
    match msgs.as_slice() {
        [Msg::Posted {
            post_key: key,
            parent,
            result: Ok(Posted::Queued { .. }),
        }, Msg::Outbox {
            queued: 1,
            note: None,
        }] => {
            assert_eq!(key, &post_key(&blog.post_url()));
            assert_eq!(parent.as_deref(), Some("52"));
        }
        other => panic!("unexpected {other:?}"),
    }
    blog.set(Mode::Publish);
    match poster.after_load(&blog.post_url(), false, 3_000) {
        Msg::Outbox { queued, note } => {
            assert_eq!(queued, 0);
            assert_eq!(
                note.as_deref(),
                Some("outbox: 1 of 1 queued replies sent (R shows them)")
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(blog.stored().len(), 1);
    assert_eq!(blog.stored()[0].text, "From the reader");
    // Drafts through the worker: saved, loaded, deleted by an empty body.
    let key = post_key(&blog.post_url());
    let save = |body: &str| Effect::SaveDraft {
        post_key: key.clone(),
        parent: None,
        body: body.into(),
    };
    let load = Effect::LoadDraft {
        post_key: key.clone(),
        parent: None,
    };
    assert!(poster.handle(&save("typed"), 1).expect("job").is_empty());
    assert!(matches!(
        poster.handle(&load, 2).expect("job").as_slice(),
        [Msg::DraftLoaded { body: Some(b), .. }] if b == "typed"
    ));
    assert!(poster.handle(&save("  "), 3).expect("job").is_empty());
    assert!(matches!(
        poster.handle(&load, 4).expect("job").as_slice(),
        [Msg::DraftLoaded { body: None, .. }]
    ));
    assert!(poster.handle(&Effect::Quit, 5).is_none());
}
