//! Posting through a comment system's API (Isso) on pages whose comments a script loads: the
//! same draft, outbox and classification rules as the blog's own form. The identity goes only
//! to the comment server the page names, and only when the page is on the site the user chose.

use super::{chosen_site, retry_later, settle, PostError, Posted, ReplyTo, Submission};
use crate::model::{CommentSystem, Post};
use crate::net::Client;
use crate::reply::{self, Outcome, RejectKind};
use crate::store::{OutboxNew, OutboxState, Store};
use crate::threads::{self, Ctx, Posting, ProviderError, Reply, Target};
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
/// there is a usable form, or a comment system parlor posts to (see [`reply_blocker`]).
pub fn can_reply_here(post: &Post) -> bool {
    post.reply_in_browser.is_none()
        && (post.reply_form.is_some()
            || post
                .comment_system
                .as_ref()
                .is_some_and(|s| posting_of(s).is_some_and(|p| !matches!(p, Posting::Browser(_)))))
}

/// Why a reply cannot be sent from the terminal on this post, in one line, said before the
/// user types: a captcha or sign-in on the page, a comment system that takes replies only in
/// a browser, or an account not signed in yet (with the command that signs in). `None`: go on.
/// Reads nothing: `accounts` is the reader's cache of `accounts.json`.
pub fn reply_blocker(post: &Post, accounts: &super::SignedIn) -> Option<String> {
    if let Some(why) = &post.reply_in_browser {
        return Some(why.clone());
    }
    if post.reply_form.is_some() {
        return None;
    }
    let system = post.comment_system.as_ref()?;
    match posting_of(system) {
        None => Some(threads::browser_only(system)),
        Some(Posting::Browser(why)) => Some(why),
        Some(Posting::Anonymous) if needs_server(system) && system.server.is_none() => {
            Some(format!(
                "the page loads {name} comments but names no {name} server",
                name = system.display_name()
            ))
        }
        Some(Posting::Anonymous) => None,
        Some(Posting::Account(service)) => match accounts.has(service) {
            Ok(true) => None,
            Ok(false) => Some(sign_in_first(system, service)),
            Err(e) => Some(e),
        },
    }
}

/// The identity a reply through the post's comment system needs, as (name, email): anonymous
/// services that refuse a comment without a name (Cusdis `nickname`, Remark42's anonymous
/// login `user`) need a name; accounts need neither. `None`: the post
/// has no comment system parlor posts to.
pub fn api_identity_needs(post: &Post) -> Option<(bool, bool)> {
    let system = post.comment_system.as_ref()?;
    match posting_of(system)? {
        Posting::Browser(_) => None,
        Posting::Anonymous => Some((matches!(system.name.as_str(), "cusdis" | "remark42"), false)),
        Posting::Account(_) => Some((false, false)),
    }
}

fn posting_of(system: &CommentSystem) -> Option<Posting> {
    threads::for_system(system).map(|p| p.posting(system))
}

/// The signed-in account a provider posts as (`None`: it posts anonymously with the config
/// identity); refused when it takes replies only in a browser or nobody has signed in.
fn account_of(
    provider: &dyn threads::Provider,
    system: &CommentSystem,
) -> Result<Option<crate::auth::Account>, PostError> {
    match provider.posting(system) {
        Posting::Browser(why) => Err(PostError::Refused(format!("{why}; nothing was sent"))),
        Posting::Anonymous => Ok(None),
        Posting::Account(service) => match crate::auth::load(service) {
            Ok(Some(a)) => Ok(Some(a)),
            Ok(None) => Err(PostError::Refused(sign_in_first(system, service))),
            Err(e) => Err(PostError::Other(e)),
        },
    }
}

fn sign_in_first(system: &CommentSystem, service: &str) -> String {
    let whose = match service {
        "github" => "GitHub",
        "mastodon" => "Mastodon",
        other => other,
    };
    format!(
        "replying on {} needs your {whose} account: run `parlor login {service}` first",
        system.display_name()
    )
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
    let (provider, account) = checked(system, sub, &site)?;
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
    let outcome = match send(client, sub, system, account.as_ref()) {
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
/// text and email. Returns the provider's name and the account it posts as (read once here).
pub(super) fn checked(
    system: &CommentSystem,
    sub: &Submission,
    site: &str,
) -> Result<(&'static str, Option<crate::auth::Account>), PostError> {
    let name = system.display_name();
    let Some(provider) = threads::for_system(system) else {
        return Err(PostError::Refused(format!(
            "replying to {name} comments needs a browser; nothing was sent"
        )));
    };
    let account = account_of(provider, system)?;
    let anonymous = account.is_none();
    if anonymous {
        server_checked(system, site)?;
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
    if let Some(email) = given(&sub.identity.email).filter(|_| anonymous) {
        if !reply::is_email(&email) {
            return Err(reply::ReplyError::BadEmail(reply::clean(&email)).into());
        }
    }
    Ok((provider.name(), account))
}

/// Comment systems whose thread, as a reader fetches it, holds approved comments only, and
/// which take the same comment twice: a held reply whose answer was lost cannot be found before
/// a retry, so it is never sent again by itself ([`unverifiable`]).
/// - Cusdis: `GET /api/open/comments` asks `getComments` for `approved: true` only
///   (djyde/cusdis pages/api/open/comments.ts); `addComment` inserts with no duplicate check
///   (service/comment.service.ts).
/// - Commento: `commentList` adds `state = 'approved'` for the anonymous commenter
///   (adtac/commento api/comment_list.go); `commentNewHandler` inserts with no duplicate check
///   (api/comment_new.go).
pub(super) fn hides_held(system: &CommentSystem) -> bool {
    matches!(system.name.as_str(), "cusdis" | "commento")
}

/// Whether a failed request may have reached the service with only its answer lost: a 5xx or
/// 408, a timeout, a connection cut mid-answer, an unreadable answer. Not when no connection
/// was made (DNS, refused, TLS) or the service said 429 (nothing was taken).
fn may_have_arrived(e: &crate::net::NetError) -> bool {
    use crate::net::NetError;
    match e {
        NetError::Dns { .. } | NetError::Refused { .. } | NetError::Connect { .. } => false,
        NetError::Status { status, .. } => *status != 429,
        _ => true,
    }
}

/// Why a reply to a [`hides_held`] system is not sent again by itself: `what` happened, and
/// the comment may be waiting for moderation where parlor cannot see it.
pub(super) fn unverifiable(system: &CommentSystem, what: &str) -> PostError {
    let name = system.display_name();
    PostError::Other(format!(
        "{what}; {name} may have taken the comment and be holding it for moderation, and it shows held comments to no reader, so parlor cannot look for it and does not send it again by itself (it could post twice): send it again with `parlor reply` once you know it did not arrive"
    ))
}

/// Self-hosted systems with no public default host: the page must name their server.
fn needs_server(system: &CommentSystem) -> bool {
    matches!(
        system.name.as_str(),
        "isso" | "remark42" | "commento" | "comentario"
    )
}

/// Whether replies to this system go out as the user's own account (GitHub, Mastodon): the
/// thread then shows the account's name, not the config identity's.
pub(super) fn as_account(system: &CommentSystem) -> bool {
    matches!(posting_of(system), Some(Posting::Account(_)))
}

/// The comment server the page names, when it names one: an http(s) URL, and encrypted when
/// the page is (the identity is not sent in the clear). Isso needs one; hosted services
/// (Cusdis, Commento, …) fall back to their public host, which is https.
fn server_checked(system: &CommentSystem, site: &str) -> Result<(), PostError> {
    let name = system.display_name();
    let Some(raw) = system.server.as_deref() else {
        if needs_server(system) {
            return Err(PostError::Refused(format!(
                "the page names no usable {name} server, so nothing was sent"
            )));
        }
        return Ok(());
    };
    let server = Url::parse(raw.trim())
        .ok()
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
    Ok(())
}

fn given(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// One request to the provider as `account` ([`checked`] gives it; `None`: anonymous), its
/// answer as an [`Outcome`]; `Err` when what happened is not known (the comment may be there):
/// the draft is kept and nothing is retried blindly.
pub(super) fn send(
    client: &Client,
    sub: &Submission,
    system: &CommentSystem,
    account: Option<&crate::auth::Account>,
) -> Result<Outcome, PostError> {
    let (post, parent, body, identity) = (sub.post, sub.parent, sub.body, sub.identity);
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
    // The account (and its token) only for providers that post as the user; the identity
    // (name, email, site) only for anonymous ones: neither goes where the other belongs.
    let account = account.filter(|_| matches!(provider.posting(system), Posting::Account(_)));
    let anonymous = account.is_none();
    let reply = Reply {
        title: Some(post.title.clone()).filter(|t| !t.trim().is_empty()),
        parent: parent.map(str::to_string),
        text: body.trim().to_string(),
        name: given(&identity.name).filter(|_| anonymous),
        email: given(&identity.email).filter(|_| anonymous),
        website: given(&identity.url).filter(|_| anonymous),
    };
    let permalink = |id: &str, said: Option<String>| {
        said.or_else(|| provider.permalink(&target, id))
            .unwrap_or_else(|| {
                let mut u = page.clone();
                u.set_fragment(Some(&format!("{}-{id}", provider.name())));
                u.to_string()
            })
    };
    // Tests replay a service on loopback (`PARLOR_PROVIDER_BASE_<NAME>`); never set in use.
    let over = threads::load::base_override(provider.name());
    let mut ctx = Ctx::new(client);
    ctx.base_override = over.as_ref();
    ctx.account = account;
    Ok(match provider.post(&ctx, &target, &reply) {
        Ok(threads::Posted::Published { id, url }) => Outcome::Published {
            url: permalink(&id, url),
            id,
        },
        Ok(threads::Posted::Held { id, url }) => {
            let id = id.unwrap_or_default();
            Outcome::Pending {
                url: permalink(&id, url),
                id,
            }
        }
        Err(ProviderError::Net(e))
            if retry_later(&e) && hides_held(system) && may_have_arrived(&e) =>
        {
            return Err(unverifiable(system, &format!("the answer was lost ({e})")))
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
