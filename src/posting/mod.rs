//! Posting a comment through the blog's own form, and the outbox: the draft is saved before
//! anything is sent and removed only on a confirmed success; the submission is recorded in the
//! outbox as "sending" before the request (so quitting mid-send cannot post twice); what can be
//! retried waits in the outbox; before every retry the thread is re-fetched and searched.
//!
//! Identity and text go only to the site (scheme, host, port) the user chose to reply on: the
//! URL as asked, before redirects. A post that moved elsewhere needs [`ReplyTo::allow_moved`].

mod accounts;
mod api;
mod confirm;
mod outbox;
mod pending;
mod wpdiscuz;

pub use accounts::SignedIn;
pub use api::{api_identity_needs, can_reply_here, reply_blocker, uses_api};
pub use outbox::{send_outbox, Retried, IN_FLIGHT_SECS};
pub use pending::merge_pending;

use crate::model::Post;
use crate::net::{Client, FormAnswer};
use crate::reply::{self, Answer, Identity, Outcome, RejectKind};
use crate::store::{post_key, MyComment, OutboxNew, OutboxState, Store};
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
    /// The post (or its form) is on another site than the one the user chose to reply on:
    /// nothing was sent. `asked` and `landed` are origins (`https://host:port`). Sending needs
    /// the user's confirmation ([`ReplyTo::allow_moved`]).
    #[error("the post moved from {asked} to {landed}; parlor sends your name, email and text only to the site you chose to reply on, so nothing was sent")]
    Moved { asked: String, landed: String },
    /// The comment form posts somewhere parlor will not send to (another site, port or scheme,
    /// or a `javascript:`/`file:`/`data:` address): nothing was sent.
    #[error("{0}")]
    Refused(String),
    /// The page shows, before anything is typed, that replying needs a browser (a captcha, a
    /// sign-in wall, a field only a script fills): nothing was sent.
    #[error("reply in browser: {0}; nothing was sent")]
    InBrowser(String),
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

/// Where the user chose to reply.
#[derive(Debug, Clone, Copy)]
pub struct ReplyTo<'a> {
    /// The post's URL as the user gave it (before redirects): the draft is kept under it and
    /// the identity goes only to its site.
    pub url: &'a str,
    /// The user confirmed sending to the site the post moved to (`--allow-moved`).
    pub allow_moved: bool,
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

/// [`submit_to`] for a post opened through the store: the place the user chose is the URL
/// they asked for when the post's page was stored (before redirects), else the post's own URL.
/// Callers that know the URL the user asked for should call [`submit_to`] with it.
pub fn submit(
    client: &Client,
    store: &mut Store,
    sub: &Submission,
    now: i64,
) -> Result<Posted, PostError> {
    let asked = store
        .asked_url(&sub.post.url)
        .ok()
        .flatten()
        .unwrap_or_else(|| sub.post.url.clone());
    let to = ReplyTo {
        url: &asked,
        allow_moved: false,
    };
    submit_to(client, store, sub, to, now)
}

/// Saves the draft under `to.url`, builds the submission from the page's form, checks that
/// the post and its form are on `to.url`'s site, records it in the outbox as "sending", posts
/// it and classifies the answer. Published/Pending: the draft and the outbox record are
/// removed and the comment recorded as the user's; a transient failure leaves it queued.
pub fn submit_to(
    client: &Client,
    store: &mut Store,
    sub: &Submission,
    to: ReplyTo<'_>,
    now: i64,
) -> Result<Posted, PostError> {
    let key = post_key(to.url);
    store
        .save_draft(&key, sub.parent, sub.body, now)
        .map_err(|e| {
            other(format!(
                "could not save the draft, so nothing was sent: {e}"
            ))
        })?;
    if let Some(why) = &sub.post.reply_in_browser {
        return Err(PostError::InBrowser(why.clone()));
    }
    if api::uses_api(sub.post) {
        return api::submit(client, store, sub, to, &key, now);
    }
    let form = sub
        .post
        .reply_form
        .as_ref()
        .ok_or(reply::ReplyError::Closed)?;
    let site = chosen_site(to, &sub.post.url)?;
    let action = checked_action(&form.action, &site)?;
    let mut fields =
        reply::build_submission(Some(form), sub.parent, sub.body, sub.identity, sub.consent)?;
    if wpdiscuz::is_wpdiscuz(form) {
        wpdiscuz::adjust(sub.post, sub.parent, &mut fields);
    }
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
    let note = "interrupted while sending; the next send looks for it on the blog first";
    let outbox_id = store
        .enqueue_as(&queued, OutboxState::Sending, Some(note))
        .map_err(|e| {
            other(format!(
                "could not record the reply in the outbox, so nothing was sent: {e}"
            ))
        })?;
    let outcome = match post_built(client, sub.post, &action, &fields) {
        Ok(outcome) => outcome,
        Err(e) if retry_later(&e) => Outcome::Transient {
            message: e.to_string(),
        },
        Err(e) => {
            let _ = store.remove_outbox(outbox_id);
            return Err(other(e));
        }
    };
    let author = sub.identity.name.clone().unwrap_or_default();
    match outcome {
        Outcome::Transient { message } => {
            store
                .update_outbox(outbox_id, OutboxState::Queued, Some(&message), now)
                .map_err(other)?;
            Ok(Posted::Queued {
                outbox_id,
                reason: message,
            })
        }
        other_outcome => {
            let _ = store.remove_outbox(outbox_id);
            settle(
                store,
                &key,
                sub.parent,
                &author,
                sub.body,
                other_outcome,
                now,
            )
        }
    }
}

/// Sends a built submission and classifies the answer: wpDiscuz's forms through
/// [`wpdiscuz::send`], every other form as one POST classified by [`reply::classify`].
fn post_built(
    client: &Client,
    post: &Post,
    action: &Url,
    fields: &[(String, String)],
) -> Result<Outcome, crate::net::NetError> {
    if post.reply_form.as_ref().is_some_and(wpdiscuz::is_wpdiscuz) {
        return wpdiscuz::send(client, action, fields, &post.url).map(|o| on_site(o, action));
    }
    client.post_form(action, fields).map(|answer| {
        let said = on_site(reply::classify(&to_answer(answer)), action);
        confirm::confirm(client, action, said)
    })
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

/// `https://host:port` of a URL, for messages.
pub fn origin_of(url: &str) -> String {
    match Url::parse(url) {
        Ok(u) => u.origin().ascii_serialization(),
        Err(_) => url.to_string(),
    }
}

/// The site the form must post to: the one the user chose, or (confirmed) the one the post
/// moved to. A post that moved without confirmation is [`PostError::Moved`].
fn chosen_site(to: ReplyTo<'_>, landed: &str) -> Result<String, PostError> {
    if reply::same_host(landed, to.url) {
        return Ok(to.url.to_string());
    }
    if to.allow_moved && Url::parse(landed).is_ok() {
        return Ok(landed.to_string());
    }
    Err(PostError::Moved {
        asked: origin_of(to.url),
        landed: origin_of(landed),
    })
}

/// The form's action as a URL, refusing forms that post anywhere but `site` (another host,
/// port or scheme, or not the web at all): the user's name and email go only to the blog.
fn checked_action(action: &str, site: &str) -> Result<Url, PostError> {
    let url = Url::parse(action.trim()).map_err(|e| {
        PostError::Refused(format!(
            "the comment form's address {action} is not valid ({e}), so nothing was sent"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(PostError::Refused(format!(
            "the comment form posts to a {}: address, which a browser would not send a comment to; nothing was sent",
            url.scheme()
        )));
    }
    if !reply::same_host(action, site) {
        return Err(PostError::Refused(format!(
            "the comment form posts to another site ({}, not {}); parlor sends your name and email only to the blog itself",
            url.origin().ascii_serialization(),
            origin_of(site)
        )));
    }
    Ok(url)
}

/// A "published" or "held" answer whose comment address is on another host than the form's
/// confirms nothing: it counts as refused with the reason unknown, and the draft is kept.
fn on_site(outcome: Outcome, action: &Url) -> Outcome {
    let (Outcome::Published { url, .. } | Outcome::Pending { url, .. }) = &outcome else {
        return outcome;
    };
    let host = |u: &Url| {
        let h = u
            .host_str()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
    };
    match action.join(url.trim()) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && host(&u) == host(action) => outcome,
        Ok(u) => Outcome::Rejected {
            kind: RejectKind::Unknown,
            message: format!(
                "the blog answered with a comment address on another site ({}), which does not \
                 confirm the comment; check the post in a browser before sending again",
                u.origin().ascii_serialization()
            ),
        },
        Err(_) => Outcome::Rejected {
            kind: RejectKind::Unknown,
            message: "the blog answered with an unusable comment address, which does not \
                      confirm the comment; check the post in a browser before sending again"
                .into(),
        },
    }
}

fn to_answer(a: FormAnswer) -> Answer {
    Answer {
        status: a.status,
        location: a.location,
        content_type: a.content_type,
        body: a.body,
    }
}
