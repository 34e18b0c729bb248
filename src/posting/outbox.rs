//! Retrying the outbox: each entry's thread is re-fetched and searched first (a lost answer is
//! found, not posted again); an entry goes only to the site it was queued for.

use super::{checked_action, origin_of, retry_later, settle, PostError, Posted};
use super::{ReplyTo, Submission};
use crate::net::Client;
use crate::reading;
use crate::reply::{self, Identity, Outcome, RejectKind};
use crate::store::{OutboxEntry, OutboxState, Store};
use url::Url;

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

/// How long a "sending" entry is taken to be in flight (longer than a request can last).
pub const IN_FLIGHT_SECS: i64 = 120;

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
        .filter(|e| match e.state {
            OutboxState::Queued => true,
            // A send in flight (maybe in another parlor) is left alone for a while; after that
            // it was interrupted, and the retry looks for it on the blog first.
            OutboxState::Sending => now.saturating_sub(e.updated_at) >= IN_FLIGHT_SECS,
            OutboxState::Sent | OutboxState::Failed => false,
        })
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

type Failure = (OutboxState, String);

fn retry_one(client: &Client, store: &mut Store, entry: &OutboxEntry, now: i64) -> Retried {
    let _ = store.update_outbox(entry.id, OutboxState::Sending, None, now);
    let mut found_existing = false;
    let result = retry_inner(client, store, entry, now, &mut found_existing);
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

fn retry_inner(
    client: &Client,
    store: &mut Store,
    entry: &OutboxEntry,
    now: i64,
    found_existing: &mut bool,
) -> Result<Posted, Failure> {
    let url = Url::parse(&entry.post_key).map_err(|e| (OutboxState::Failed, e.to_string()))?;
    // The site the entry was checked against when it was queued: the one the user chose.
    let site = entry.action.clone();
    let opened = reading::refresh(client, store, &url, now).map_err(|e| {
        let state = if e.is_transient() {
            OutboxState::Queued
        } else {
            OutboxState::Failed
        };
        (state, e.to_string())
    })?;
    if !reply::same_host(&opened.post.url, &site) {
        let moved = PostError::Moved {
            asked: origin_of(&site),
            landed: origin_of(&opened.post.url),
        };
        return Err((OutboxState::Failed, moved.to_string()));
    }
    // A reply sent as the user's GitHub or Mastodon account shows that account's name, not
    // the config identity: found by parent and text alone.
    let as_account = super::api::api_of(&entry.fields).is_some()
        && opened
            .post
            .comment_system
            .as_ref()
            .is_some_and(super::api::as_account);
    let author = if as_account {
        String::new()
    } else {
        entry.author_name.clone().unwrap_or_default()
    };
    let parent = entry.parent_id.as_deref();
    if let Some(id) = reply::find_posted(&opened.post, parent, &author, &entry.body) {
        *found_existing = true;
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
    if let Some(why) = &opened.post.reply_in_browser {
        return Err((
            OutboxState::Failed,
            PostError::InBrowser(why.clone()).to_string(),
        ));
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
    if super::api::api_of(&entry.fields).is_some() {
        // Left "sending": an earlier send was cut off and may have reached the service.
        let interrupted = entry.state == OutboxState::Sending;
        return retry_api(client, store, &sub, &entry.post_key, interrupted, now);
    }
    let to = ReplyTo {
        url: &site,
        allow_moved: false,
    };
    match submit_once(client, store, &sub, to, &entry.post_key, now) {
        Ok(p) => Ok(p),
        Err((true, msg)) => Err((OutboxState::Queued, msg)),
        Err((false, msg)) => Err((OutboxState::Failed, msg)),
    }
}

/// One POST for an outbox retry, to `to`'s site only: `Err((transient, message))` instead of
/// queuing again. `key` is the entry's post key (its draft's key).
fn submit_once(
    client: &Client,
    store: &mut Store,
    sub: &Submission,
    to: ReplyTo<'_>,
    key: &str,
    now: i64,
) -> Result<Posted, (bool, String)> {
    let form = sub
        .post
        .reply_form
        .as_ref()
        .ok_or((false, reply::ReplyError::Closed.to_string()))?;
    let mut fields =
        reply::build_submission(Some(form), sub.parent, sub.body, sub.identity, sub.consent)
            .map_err(|e| (false, e.to_string()))?;
    if super::wpdiscuz::is_wpdiscuz(form) {
        super::wpdiscuz::adjust(sub.post, sub.parent, &mut fields);
    }
    let action = checked_action(&form.action, to.url).map_err(|e| (false, e.to_string()))?;
    let outcome = match super::post_built(client, sub.post, &action, &fields) {
        Ok(outcome) => outcome,
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
            let _ = store.delete_draft(key, sub.parent);
            Ok(Posted::Published {
                id: String::new(),
                url: sub.post.url.clone(),
            })
        }
        o => settle(store, key, sub.parent, &author, sub.body, o, now)
            .map_err(|e| (false, e.to_string())),
    }
}

/// One request for an outbox entry queued for a comment system's API (after the thread was
/// re-read and searched): queued again only on a transient failure. An `interrupted` send to a
/// system whose thread hides held comments is not repeated: it may be there, unseen.
fn retry_api(
    client: &Client,
    store: &mut Store,
    sub: &Submission,
    key: &str,
    interrupted: bool,
    now: i64,
) -> Result<Posted, Failure> {
    let Some(system) = sub.post.comment_system.as_ref() else {
        return Err((
            OutboxState::Failed,
            "the post no longer loads its comments from a comment system".into(),
        ));
    };
    if interrupted && super::api::hides_held(system) {
        let why = super::api::unverifiable(
            system,
            "an earlier send was cut off before its answer came and the comment is not in the thread",
        );
        return Err((OutboxState::Failed, why.to_string()));
    }
    let (_, account) =
        super::api::checked(system, sub, key).map_err(|e| (OutboxState::Failed, e.to_string()))?;
    let outcome = super::api::send(client, sub, system, account.as_ref())
        .map_err(|e| (OutboxState::Failed, e.to_string()))?;
    let author = sub.identity.name.clone().unwrap_or_default();
    match outcome {
        Outcome::Transient { message } => Err((OutboxState::Queued, message)),
        o => settle(store, key, sub.parent, &author, sub.body, o, now)
            .map_err(|e| (OutboxState::Failed, e.to_string())),
    }
}
