//! Posting through a comment system's API (Isso) on pages whose comments a script loads: the
//! same draft, outbox and classification rules as the blog's own form. The identity goes only
//! to the comment server the page names, and only when the page is on the site the user chose.

use super::{chosen_site, retry_later, settle, PostError, Posted, ReplyTo, Submission};
use crate::model::{CommentSystem, Post};
use crate::net::Client;
use crate::reply::{self, Identity, Outcome, RejectKind};
use crate::store::{OutboxNew, OutboxState, Store};
use crate::threads::{self, Ctx, ProviderError, Reply, Target};
use url::Url;

/// The outbox field that marks an entry as posted through a provider's API, not a form.
pub const API_FIELD: &str = "parlor-api";

/// Longest comment text sent (Isso's own limit, `API.verify`: 65535 characters).
const MAX_TEXT: usize = 65535;

/// The provider named by an outbox entry's fields, when it was queued for an API.
pub fn api_of(fields: &[(String, String)]) -> Option<&str> {
    fields
        .iter()
        .find(|(n, _)| n == API_FIELD)
        .map(|(_, v)| v.as_str())
}

/// Whether parlor can send a reply on this post: nothing on the page asks for a browser, and
/// there is a usable form or a comment system parlor posts to (Isso with a named server).
pub fn can_reply_here(post: &Post) -> bool {
    post.reply_in_browser.is_none()
        && (post.reply_form.is_some()
            || post
                .comment_system
                .as_ref()
                .is_some_and(|s| s.name == "isso" && s.server.is_some()))
}

/// Whether replies on this post go through a comment system's API rather than a form.
pub fn uses_api(post: &Post) -> bool {
    post.reply_form.is_none() && post.comment_system.is_some()
}

/// Posts `sub` through the post's comment system. The draft is already saved under `key`.
pub(super) fn submit(
    client: &Client,
    store: &mut Store,
    sub: &Submission,
    to: ReplyTo<'_>,
    key: &str,
    now: i64,
) -> Result<Posted, PostError> {
    let system = sub
        .post
        .comment_system
        .as_ref()
        .ok_or(reply::ReplyError::Closed)?;
    let site = chosen_site(to, &sub.post.url)?;
    let provider = checked(system, sub, &site)?;
    let queued = OutboxNew {
        post_key: key.to_string(),
        action: site.clone(),
        fields: vec![(API_FIELD.to_string(), provider.to_string())],
        parent_id: sub.parent.map(str::to_string),
        body: sub.body.to_string(),
        author_name: sub.identity.name.clone(),
        author_email: sub.identity.email.clone(),
        author_url: sub.identity.url.clone(),
        created_at: now,
    };
    let note = "interrupted while sending; the next send looks for it in the thread first";
    let outbox_id = store
        .enqueue_as(&queued, OutboxState::Sending, Some(note))
        .map_err(|e| {
            PostError::Other(format!(
                "could not record the reply in the outbox, so nothing was sent: {e}"
            ))
        })?;
    let outcome = match send(client, sub.post, system, sub.parent, sub.body, sub.identity) {
        Ok(o) => o,
        Err(e) => {
            // Unknown: it may have been posted. The entry stays (failed) so it is seen.
            let _ = store.update_outbox(outbox_id, OutboxState::Failed, Some(&e.to_string()), now);
            return Err(e);
        }
    };
    let author = sub.identity.name.clone().unwrap_or_default();
    match outcome {
        Outcome::Transient { message } => {
            store
                .update_outbox(outbox_id, OutboxState::Queued, Some(&message), now)
                .map_err(|e| PostError::Other(e.to_string()))?;
            Ok(Posted::Queued {
                outbox_id,
                reason: message,
            })
        }
        o => {
            let _ = store.remove_outbox(outbox_id);
            settle(store, key, sub.parent, &author, sub.body, o, now)
        }
    }
}

/// Checks before anything is sent: a provider that posts, a server the identity may go to, the
/// text and email. Returns the provider's name.
pub(super) fn checked(
    system: &CommentSystem,
    sub: &Submission,
    site: &str,
) -> Result<&'static str, PostError> {
    let name = system.display_name();
    let provider = threads::for_system(system).filter(|p| p.name() == "isso");
    let Some(provider) = provider else {
        return Err(PostError::Refused(format!(
            "replying to {name} comments needs a browser: press o to open the post"
        )));
    };
    let server = system
        .server
        .as_deref()
        .and_then(|s| Url::parse(s.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
        .ok_or_else(|| {
            PostError::Refused(format!(
                "the page names no usable {name} server, so nothing was sent"
            ))
        })?;
    if site.starts_with("https:") && server.scheme() == "http" {
        return Err(PostError::Refused(format!(
            "the page's {name} server ({}) is not encrypted; parlor does not send your name and email in the clear, so nothing was sent",
            server.origin().ascii_serialization()
        )));
    }
    let body = sub.body.trim();
    if body.is_empty() {
        return Err(reply::ReplyError::EmptyBody.into());
    }
    let len = body.chars().count();
    if len > MAX_TEXT {
        return Err(reply::ReplyError::TooLong {
            what: "comment",
            max: MAX_TEXT,
            len,
        }
        .into());
    }
    if let Some(email) = given(&sub.identity.email) {
        if !reply::is_email(&email) {
            return Err(reply::ReplyError::BadEmail(reply::clean(&email)).into());
        }
    }
    Ok(provider.name())
}

fn given(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// One request to the provider, its answer as an [`Outcome`]; `Err` when what happened is not
/// known (the comment may be there): the draft is kept and nothing is retried blindly.
pub(super) fn send(
    client: &Client,
    post: &Post,
    system: &CommentSystem,
    parent: Option<&str>,
    body: &str,
    identity: &Identity,
) -> Result<Outcome, PostError> {
    let provider = threads::for_system(system).ok_or_else(|| {
        PostError::Refused(format!(
            "replying to {} comments needs a browser",
            system.display_name()
        ))
    })?;
    let page = Url::parse(&post.url).map_err(|e| PostError::Other(e.to_string()))?;
    let target = Target::Embed {
        system: system.clone(),
        page: page.clone(),
    };
    let reply = Reply {
        title: Some(post.title.clone()).filter(|t| !t.trim().is_empty()),
        parent: parent.map(str::to_string),
        text: body.trim().to_string(),
        name: given(&identity.name),
        email: given(&identity.email),
        website: given(&identity.url),
    };
    let permalink = |id: &str| {
        let mut u = page.clone();
        u.set_fragment(Some(&format!("{}-{id}", provider.name())));
        u.to_string()
    };
    Ok(match provider.post(&Ctx::new(client), &target, &reply) {
        Ok(threads::Posted::Published { id }) => Outcome::Published {
            url: permalink(&id),
            id,
        },
        Ok(threads::Posted::Held { id }) => {
            let id = id.unwrap_or_default();
            Outcome::Pending {
                url: permalink(&id),
                id,
            }
        }
        Err(ProviderError::Net(e)) if retry_later(&e) => Outcome::Transient {
            message: e.to_string(),
        },
        Err(e @ ProviderError::RateLimited { .. }) => Outcome::Transient {
            message: e.to_string(),
        },
        Err(ProviderError::Refused { message, .. }) => Outcome::Rejected {
            kind: RejectKind::Unknown,
            message: format!("{} refused the comment: {message}", system.display_name()),
        },
        Err(ProviderError::Unsupported { why, .. }) => return Err(PostError::Refused(why)),
        Err(e @ ProviderError::BadAnswer { .. }) => {
            return Err(PostError::Other(format!(
                "not known whether the comment was posted: {e}"
            )))
        }
        Err(e) => return Err(PostError::Other(e.to_string())),
    })
}
