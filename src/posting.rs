//! Posting a comment through the blog's own form, and the outbox: the draft is saved before
//! anything is sent and removed only on a confirmed success; what can be retried waits in the
//! outbox; before every retry the thread is re-fetched and searched, so nothing posts twice.

use crate::model::Post;
use crate::net::{Client, FormAnswer};
use crate::reading;
use crate::reply::{self, Answer, Identity, Outcome, RejectKind};
use crate::store::{post_key, MyComment, OutboxEntry, OutboxNew, OutboxState, Store};
use url::Url;

/// What became of a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// Public now; `url` is its permalink.
    Published { id: String, url: String },
    /// Held for moderation; `url` shows it to its author.
    Pending { id: String, url: String },
    /// Could not be sent now (offline, timeout, 5xx, 429); waits in the outbox.
    Queued { outbox_id: i64, reason: String },
}

/// Why a comment was not posted (the draft is kept in every case).
#[derive(Debug, thiserror::Error)]
pub enum PostError {
    /// The blog refused it; retrying the same text will not help.
    #[error("{message}")]
    Rejected { kind: RejectKind, message: String },
    /// parlor refused to send it (closed, missing name/email, too long, …).
    #[error("{0}")]
    Invalid(#[from] reply::ReplyError),
    #[error("{0}")]
    Other(String),
}

/// A comment to post.
#[derive(Debug, Clone)]
pub struct Submission<'a> {
    pub post: &'a Post,
    /// The blog id of the comment answered; `None` for a top-level comment.
    pub parent: Option<&'a str>,
    pub body: &'a str,
    pub identity: &'a Identity,
    /// Tick the blog's "remember me" box when it has one.
    pub consent: bool,
}

/// A failed POST worth queuing: the transient failures, and the ones where the request may
/// have reached the blog without its answer reaching us (a connection closed mid-answer, an
/// oversized answer). The retry re-fetches the thread first, so nothing posts twice.
fn retry_later(e: &crate::net::NetError) -> bool {
    use crate::net::NetError;
    e.is_transient() || matches!(e, NetError::Other { .. } | NetError::TooLarge { .. })
}

fn other(e: impl std::fmt::Display) -> PostError {
    PostError::Other(e.to_string())
}

/// Saves the draft, builds the submission from the page's form, posts it and classifies the
/// answer. Published/Pending: the draft is removed and the comment recorded as the user's.
pub fn submit(
    client: &Client,
    store: &mut Store,
    sub: &Submission,
    now: i64,
) -> Result<Posted, PostError> {
    let key = post_key(&sub.post.url);
    store
        .save_draft(&key, sub.parent, sub.body, now)
        .map_err(|e| {
            other(format!(
                "could not save the draft, so nothing was sent: {e}"
            ))
        })?;
    let form = sub
        .post
        .reply_form
        .as_ref()
        .ok_or(reply::ReplyError::Closed)?;
    let fields =
        reply::build_submission(Some(form), sub.parent, sub.body, sub.identity, sub.consent)?;
    let action = checked_action(&form.action, &sub.post.url)?;
    let queued = OutboxNew {
        post_key: key.clone(),
        action: action.to_string(),
        fields: fields.clone(),
        parent_id: sub.parent.map(str::to_string),
        body: sub.body.to_string(),
        author_name: sub.identity.name.clone(),
        author_email: sub.identity.email.clone(),
        author_url: sub.identity.url.clone(),
        created_at: now,
    };
    let outcome = match client.post_form(&action, &fields) {
        Ok(answer) => reply::classify(&to_answer(answer)),
        Err(e) if retry_later(&e) => Outcome::Transient {
            message: e.to_string(),
        },
        Err(e) => return Err(other(e)),
    };
    let author = sub.identity.name.clone().unwrap_or_default();
    match outcome {
        Outcome::Transient { message } => {
            let outbox_id = store.enqueue(&queued).map_err(other)?;
            Ok(Posted::Queued {
                outbox_id,
                reason: message,
            })
        }
        other_outcome => settle(
            store,
            &key,
            sub.parent,
            &author,
            sub.body,
            other_outcome,
            now,
        ),
    }
}

/// Published/Pending → record and drop the draft; Rejected → the error (draft kept).
fn settle(
    store: &mut Store,
    key: &str,
    parent: Option<&str>,
    author: &str,
    body: &str,
    outcome: Outcome,
    now: i64,
) -> Result<Posted, PostError> {
    let (posted, id, pending) = match outcome {
        Outcome::Published { id, url } => (
            Posted::Published {
                id: id.clone(),
                url,
            },
            id,
            false,
        ),
        Outcome::Pending { id, url } => (
            Posted::Pending {
                id: id.clone(),
                url,
            },
            id,
            true,
        ),
        Outcome::Rejected { kind, message } => return Err(PostError::Rejected { kind, message }),
        Outcome::Transient { message } => return Err(PostError::Other(message)),
    };
    let mine = MyComment {
        post_key: key.to_string(),
        comment_id: id,
        parent_id: parent.map(str::to_string),
        posted_at: now,
        author: author.to_string(),
        body: body.to_string(),
        pending,
    };
    // The comment is out: failing to note it must not make the caller think it was not sent.
    let _ = store.record_my_comment(&mine);
    let _ = store.delete_draft(key, parent);
    Ok(posted)
}

/// The form's action as a URL, refusing forms that post to another site: the user's name and
/// email go only to the blog itself.
fn checked_action(action: &str, post_url: &str) -> Result<Url, PostError> {
    let url = Url::parse(action).map_err(|e| {
        other(format!(
            "the comment form's address {action} is not valid: {e}"
        ))
    })?;
    if !reply::same_host(action, post_url) {
        return Err(other(format!(
            "the comment form posts to another site ({}); parlor sends your name and email only to the blog itself",
            url.host_str().unwrap_or("?")
        )));
    }
    Ok(url)
}

fn to_answer(a: FormAnswer) -> Answer {
    Answer {
        status: a.status,
        location: a.location,
        content_type: a.content_type,
        body: a.body,
    }
}

/// The result of one outbox entry's retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retried {
    pub id: i64,
    pub post_key: String,
    /// `Ok` with the outcome, or the error that keeps it queued / failed.
    pub result: Result<Posted, String>,
    /// True when the comment was found already posted (a lost answer), so it was not sent again.
    pub found_existing: bool,
}

/// Retries every queued entry (optionally only one blog's, by post key prefix / host):
/// re-fetches the thread, looks for the comment (author + text + parent); found → sent without
/// posting; else posts again through the fresh form.
pub fn send_outbox(
    client: &Client,
    store: &mut Store,
    host: Option<&str>,
    now: i64,
) -> Vec<Retried> {
    let entries = store.outbox().unwrap_or_default();
    entries
        .into_iter()
        .filter(|e| e.state == OutboxState::Queued || e.state == OutboxState::Sending)
        .filter(|e| {
            host.is_none_or(|h| {
                Url::parse(&e.post_key)
                    .ok()
                    .and_then(|u| u.host_str().map(|x| x == h))
                    .unwrap_or(false)
            })
        })
        .map(|entry| retry_one(client, store, &entry, now))
        .collect()
}

fn retry_one(client: &Client, store: &mut Store, entry: &OutboxEntry, now: i64) -> Retried {
    let _ = store.update_outbox(entry.id, OutboxState::Sending, None, now);
    let mut found_existing = false;
    let result = (|| -> Result<Posted, (OutboxState, String)> {
        let url = Url::parse(&entry.post_key).map_err(|e| (OutboxState::Failed, e.to_string()))?;
        let opened = reading::refresh(client, store, &url, now).map_err(|e| {
            let state = if e.is_transient() {
                OutboxState::Queued
            } else {
                OutboxState::Failed
            };
            (state, e.to_string())
        })?;
        let author = entry.author_name.clone().unwrap_or_default();
        let parent = entry.parent_id.as_deref();
        if let Some(id) = reply::find_posted(&opened.post, parent, &author, &entry.body) {
            found_existing = true;
            let permalink = opened
                .post
                .comments
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| c.permalink.clone());
            let outcome = Outcome::Published {
                id,
                url: permalink.unwrap_or_default(),
            };
            return settle(
                store,
                &entry.post_key,
                parent,
                &author,
                &entry.body,
                outcome,
                now,
            )
            .map_err(|e| (OutboxState::Failed, e.to_string()));
        }
        let identity = Identity {
            name: entry.author_name.clone(),
            email: entry.author_email.clone(),
            url: entry.author_url.clone(),
        };
        let sub = Submission {
            post: &opened.post,
            parent,
            body: &entry.body,
            identity: &identity,
            consent: false,
        };
        match submit_once(client, store, &sub, now) {
            Ok(p) => Ok(p),
            Err((true, msg)) => Err((OutboxState::Queued, msg)),
            Err((false, msg)) => Err((OutboxState::Failed, msg)),
        }
    })();
    let (state, err) = match &result {
        Ok(_) => (OutboxState::Sent, None),
        Err((state, msg)) => (*state, Some(msg.as_str())),
    };
    let _ = store.update_outbox(entry.id, state, err, now);
    Retried {
        id: entry.id,
        post_key: entry.post_key.clone(),
        result: result.map_err(|(_, m)| m),
        found_existing,
    }
}

/// One POST for an outbox retry: `Err((transient, message))` instead of queuing again.
fn submit_once(
    client: &Client,
    store: &mut Store,
    sub: &Submission,
    now: i64,
) -> Result<Posted, (bool, String)> {
    let key = post_key(&sub.post.url);
    let form = sub
        .post
        .reply_form
        .as_ref()
        .ok_or((false, reply::ReplyError::Closed.to_string()))?;
    let fields =
        reply::build_submission(Some(form), sub.parent, sub.body, sub.identity, sub.consent)
            .map_err(|e| (false, e.to_string()))?;
    let action = checked_action(&form.action, &sub.post.url).map_err(|e| (false, e.to_string()))?;
    let outcome = match client.post_form(&action, &fields) {
        Ok(answer) => reply::classify(&to_answer(answer)),
        Err(e) => return Err((retry_later(&e), e.to_string())),
    };
    let author = sub.identity.name.clone().unwrap_or_default();
    match outcome {
        Outcome::Transient { message } => Err((true, message)),
        // A duplicate on a retry means the first try got through after all.
        Outcome::Rejected {
            kind: RejectKind::Duplicate,
            ..
        } => {
            let _ = store.delete_draft(&key, sub.parent);
            Ok(Posted::Published {
                id: String::new(),
                url: sub.post.url.clone(),
            })
        }
        o => settle(store, &key, sub.parent, &author, sub.body, o, now)
            .map_err(|e| (false, e.to_string())),
    }
}

/// Adds the user's held comments that the page does not show (yet) to the thread, marked
/// pending, under their parent. Ones the page shows are no longer pending locally.
pub fn merge_pending(post: &mut Post, store: &mut Store) {
    let key = post_key(&post.url);
    let Ok(mine) = store.my_comments(Some(&key)) else {
        return;
    };
    for m in mine.into_iter().filter(|m| m.pending) {
        if post.comment_index(&m.comment_id).is_some() {
            let shown = post
                .comments
                .iter()
                .any(|c| c.id == m.comment_id && !c.pending);
            if shown {
                let _ = store.record_my_comment(&MyComment {
                    pending: false,
                    ..m
                });
            }
            continue;
        }
        insert_local(post, &m);
    }
}

fn insert_local(post: &mut Post, m: &MyComment) {
    use crate::model::{Block, Comment, Inline};
    let (at, depth) = match m.parent_id.as_deref().and_then(|p| post.comment_index(p)) {
        Some(pi) => {
            let d = post.comments[pi].depth;
            let end = post.comments[pi + 1..]
                .iter()
                .position(|c| c.depth <= d)
                .map_or(post.comments.len(), |o| pi + 1 + o);
            (end, d + 1)
        }
        None => (post.comments.len(), 0),
    };
    let blocks = m
        .body
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| Block::Paragraph {
            content: vec![Inline::Text {
                text: crate::extract::sanitize::inline(p.trim()),
            }],
        })
        .collect();
    let comment = Comment {
        id: m.comment_id.clone(),
        parent: m.parent_id.clone(),
        depth,
        author: m.author.clone(),
        blocks,
        pending: true,
        ..Comment::default()
    };
    post.comments.insert(at, comment);
}
