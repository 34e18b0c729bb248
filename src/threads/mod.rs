//! Comment threads that live outside the page's HTML: one module per comment service
//! (Disqus, giscus, Isso, …) or discussion site (Hacker News, Lobsters, …), behind one small trait.
//!
//! A provider turns a [`Target`] (what the page embeds, or a URL to look up) into zero or more
//! [`Thread`]s holding the same [`Comment`] model the HTML engines produce, so the store, the
//! reader, `dump`, search and new-comment markers work unchanged. A thread can be partial
//! (capped, rate-limited, "more" on demand): the reason travels with it in [`Completeness`].
//! Posting is part of the same trait; providers that cannot post say why.

pub mod commento;
pub mod common;
pub mod cusdis;
pub mod devto;
pub mod discourse;
pub mod disqus;
pub mod ghost;
pub mod giscus;
pub mod hashnode;
pub mod isso;
pub mod load;
pub mod mastodon;
pub mod remark42;
pub mod selfhosted;
pub mod substack;
pub mod tape;
pub mod utterances;
pub mod webmention;

use crate::model::{Comment, CommentSystem};
use crate::net::{ApiAnswer, ApiRequest, Client};
use std::time::Instant;
use url::Url;

/// What to read: a comment system found on a page, or a page URL to look up elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// An embed found in the page (`extract::embeds`), with the page it was found on.
    Embed { system: CommentSystem, page: Url },
    /// Discussions of this URL on another site (Hacker News, Lobsters, Reddit, …).
    Url(Url),
}

/// How much of a thread arrived.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Completeness {
    /// Every comment the service returned.
    #[default]
    Full,
    /// Stopped early (page cap, byte budget, deadline, a cursor that loops): the reason says which.
    Partial { reason: String },
    /// The service refused for now; `retry_after` is when to try again, as the service gave it.
    RateLimited {
        message: String,
        retry_after: Option<String>,
    },
}

/// One thread read from a provider.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Thread {
    /// The provider's name ("disqus", "isso", "hn", …): [`Provider::name`].
    pub provider: String,
    /// Where a person reads (and replies to) this thread in a browser.
    pub url: Option<String>,
    /// The thread's own title, where the service gives one (discussion sites).
    pub title: Option<String>,
    /// Score or points, where the service gives one.
    pub points: Option<i64>,
    /// The comment count the service states (may exceed `comments.len()` when partial).
    pub stated_count: Option<u32>,
    /// Who opened the thread (a discussion's submitter), for the OP badge.
    pub submitter: Option<String>,
    /// Comments in thread (pre-)order, as the HTML engines give them.
    pub comments: Vec<Comment>,
    pub completeness: Completeness,
}

/// What a provider needs to run: the HTTP client, an optional base-URL override (tests replay
/// recorded answers on loopback; never set in release defaults), an optional token, a deadline.
pub struct Ctx<'a> {
    pub client: &'a Client,
    /// Replaces the service's public base URL (e.g. `http://127.0.0.1:PORT/`).
    pub base_override: Option<&'a Url>,
    /// A user token for services that take one (GitHub for utterances/giscus), from config.
    pub token: Option<&'a str>,
    /// Give up (and return what arrived as `Partial`) after this instant.
    pub deadline: Option<Instant>,
    /// The user's signed-in account for providers that post as the user (GitHub, Mastodon):
    /// the provider sends `token` only to `account.base`, and only when posting.
    pub account: Option<&'a crate::auth::Account>,
    /// Records every answer (to store raw with the post), or replays stored answers instead of
    /// asking the network (re-parsing a stored thread offline). `None`: plain requests.
    pub tape: Option<&'a tape::Tape>,
}

impl<'a> Ctx<'a> {
    /// A context with no override, token, deadline or tape.
    pub fn new(client: &'a Client) -> Ctx<'a> {
        Ctx {
            client,
            base_override: None,
            token: None,
            deadline: None,
            account: None,
            tape: None,
        }
    }

    /// Sends a request through the tape when there is one (recording or replaying), else
    /// straight to the client. Providers call this, never `client.api`, so what they read can
    /// be stored raw and re-parsed offline.
    pub fn api(&self, provider: &str, req: &ApiRequest) -> Result<ApiAnswer, ProviderError> {
        match self.tape {
            Some(tape) => tape.ask(self.client, provider, req),
            None => Ok(self.client.api(req)?),
        }
    }

    /// The service's base URL: the override when set (tests), else `public`.
    pub fn base(&self, public: &str) -> Result<Url, ProviderError> {
        if let Some(b) = self.base_override {
            return Ok(b.clone());
        }
        Url::parse(public).map_err(|e| ProviderError::BadAnswer {
            provider: "parlor".into(),
            detail: format!("bad base URL {public}: {e}"),
        })
    }

    /// True once the deadline has passed.
    pub fn late(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// Every provider parlor has, by [`Provider::name`] (the `CommentSystem::name` it reads).
static PROVIDERS: &[&dyn Provider] = &[
    &disqus::Disqus,
    &giscus::Giscus,
    &isso::Isso,
    &utterances::Utterances,
    &remark42::PROVIDER,
    &commento::PROVIDER,
    &commento::COMENTARIO,
    &cusdis::PROVIDER,
    &discourse::PROVIDER,
    &webmention::PROVIDER,
    &mastodon::PROVIDER,
    &substack::PROVIDER,
    &ghost::PROVIDER,
    &devto::PROVIDER,
    &hashnode::PROVIDER,
];

/// The provider that reads this comment system's threads, when parlor has one.
pub fn for_system(system: &CommentSystem) -> Option<&'static dyn Provider> {
    PROVIDERS.iter().copied().find(|p| p.name() == system.name)
}

/// The names of every provider (for docs, config checks and tests).
pub fn provider_names() -> Vec<&'static str> {
    PROVIDERS.iter().map(|p| p.name()).collect()
}

/// A reply to post through a provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The post's title, for services that create the thread on its first comment (Isso).
    pub title: Option<String>,
    /// The comment answered, `None` for a top-level comment.
    pub parent: Option<String>,
    pub text: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
}

/// How a provider takes replies from a terminal, said before the user types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posting {
    /// Only in a browser: the reason, in one line ("Disqus allows replies only in a browser").
    Browser(String),
    /// Anonymous comments with the config identity, sent to the comment server the page names
    /// (Isso, Cusdis, Commento, Comentario, Remark42 where the site allows anonymous comments).
    Anonymous,
    /// As the user's own account on a service (`"github"`, `"mastodon"`): the token from
    /// `parlor login SERVICE` (see [`crate::auth`]); no name or email is sent.
    Account(&'static str),
}

/// Why a system takes replies only in a browser, in one line (said before the user types).
pub fn browser_only(system: &CommentSystem) -> String {
    let why = match system.name.as_str() {
        "disqus" => "Disqus takes replies only through its own embed, signed in to Disqus",
        "substack" => "Substack takes comments only from signed-in readers, in a browser",
        "ghost" => "Ghost comments need a member sign-in by email link, in a browser",
        "devto" => "dev.to's API cannot create comments; reply on dev.to in a browser",
        "hashnode" => "Hashnode takes comments from signed-in users, in a browser",
        "discourse" => "Discourse takes replies from signed-in forum users, in a browser",
        "webmention" => {
            "a Webmention reply is a post on your own site that links here, not a form to fill"
        }
        _ => "",
    };
    if why.is_empty() {
        format!("{} allows replies only in a browser", system.display_name())
    } else {
        why.to_string()
    }
}

/// What came of a posted reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// Visible now, with the service's id for it and, when it gives one, its own address.
    Published { id: String, url: Option<String> },
    /// The service says it is held for moderation.
    Held {
        id: Option<String>,
        url: Option<String>,
    },
}

/// Why a provider could not answer.
#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error(transparent)]
    Net(#[from] crate::net::NetError),
    /// The service has no thread for this page yet.
    #[error("{provider}: no thread for this page yet")]
    NotFound { provider: String },
    /// 403/429 with the service's own words and its retry time.
    #[error("{provider} is rate-limiting parlor: {message}{}", retry_after.as_ref().map(|r| format!(" (try again after {r})")).unwrap_or_default())]
    RateLimited {
        provider: String,
        message: String,
        retry_after: Option<String>,
    },
    /// The service answered something parlor cannot read (truncated JSON, a changed shape).
    #[error("{provider} answered something parlor cannot read: {detail}")]
    BadAnswer { provider: String, detail: String },
    /// The service refused a posted reply in its own words (too short, an address required, a
    /// guard, a CSRF check): retrying the same reply will not help. Nothing was published.
    #[error("{provider} refused the comment: {message}")]
    Refused { provider: String, message: String },
    /// The service does not allow this (posting without a browser, reading without a key, …).
    #[error("{provider}: {why}")]
    Unsupported { provider: String, why: String },
}

/// One comment service or discussion site.
pub trait Provider: Sync {
    /// Short stable name: "disqus", "giscus", "isso", "hn", "lobsters", "reddit", ….
    fn name(&self) -> &'static str;
    /// Reads the thread(s) for the target. A page embed usually gives one thread; a URL looked
    /// up on a discussion site may give several (or none: an empty Vec, not an error).
    fn read(&self, ctx: &Ctx<'_>, target: &Target) -> Result<Vec<Thread>, ProviderError>;
    /// How this provider takes replies for `system` (checked before the user types).
    fn posting(&self, system: &CommentSystem) -> Posting {
        Posting::Browser(browser_only(system))
    }
    /// Where a posted comment with the service's `id` is read in a browser, when the provider
    /// knows better than the page URL with a `#NAME-ID` fragment.
    fn permalink(&self, target: &Target, id: &str) -> Option<String> {
        let _ = (target, id);
        None
    }
    /// Posts a reply to the thread of `target`; providers that cannot post say why.
    fn post(&self, ctx: &Ctx<'_>, target: &Target, reply: &Reply) -> Result<Posted, ProviderError> {
        let _ = (ctx, target, reply);
        Err(ProviderError::Unsupported {
            provider: self.name().to_string(),
            why: "replying here needs a browser; press o to open the thread".to_string(),
        })
    }
}
