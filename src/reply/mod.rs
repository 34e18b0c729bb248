//! The reply protocol core: build a comment submission from the blog's form, classify the blog's
//! answer, find an already-posted comment before a retry, quote a parent. Pure functions, no I/O.
//!
//! The poster (net + outbox + TUI) does the sending: it calls [`same_host`] before sending an
//! identity, [`build_submission`] for the form body, maps its HTTP answer to an [`Answer`] and
//! calls [`classify`]. Before retrying an outbox entry it re-fetches the thread and calls
//! [`find_posted`].

mod classify;
mod clean;
mod dedupe;
mod form;
mod message;
mod quote;

pub use classify::classify;
pub use clean::clean;
pub use dedupe::{find_posted, normalize_text};
pub use form::{
    build_submission, is_email, same_host, MAX_AUTHOR, MAX_COMMENT, MAX_EMAIL, MAX_URL,
};
pub use quote::quote_parent;

/// Who the comment is from, as configured. Empty strings count as absent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    pub name: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

/// Why a submission was not built: each message is meant for the person typing the reply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyError {
    /// The post has no comment form.
    #[error("comments are closed on this post")]
    Closed,
    /// The form requires these identity fields ("name", "email") and the config lacks them.
    #[error("this blog requires your {} to comment (set in parlor's config)", .fields.join(" and "))]
    MissingIdentity { fields: Vec<&'static str> },
    /// The comment text is empty (or only whitespace).
    #[error("the comment is empty")]
    EmptyBody,
    /// A value is longer than WordPress accepts (`max` in bytes, as WordPress counts).
    #[error("the {what} is too long: at most {max} bytes (it has {len})")]
    TooLong {
        what: &'static str,
        max: usize,
        len: usize,
    },
    /// The configured email would be refused by WordPress's `is_email`.
    #[error("the email address in the config is not valid: {0}")]
    BadEmail(String),
    /// A reply to a comment was asked for but the form has no parent field.
    #[error("this blog's form cannot answer a particular comment; comment on the post instead")]
    NoThreading,
    /// The form cannot be submitted (no usable action URL, or not a POST form).
    #[error("the blog's comment form cannot be used: {0}")]
    BadForm(String),
}

/// The blog's answer to the POST, as the net layer received it (redirects not followed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    pub status: u16,
    /// The `Location` header, when there is one.
    pub location: Option<String>,
    /// The `Content-Type` header, when there is one.
    pub content_type: Option<String>,
    /// The body, decoded to text (may be empty).
    pub body: String,
}

/// What became of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted and (as far as the answer says) visible: `url` is the Location (`…#comment-ID`).
    /// A comment held with cookie consent, or silently marked spam, also looks like this: re-fetch
    /// the thread to confirm.
    Published { id: String, url: String },
    /// Held for moderation: `url` carries `unapproved=ID&moderation-hash=…`; fetching it shows
    /// the held comment (the preview).
    Pending { id: String, url: String },
    /// Refused; retrying will not help. Keep the draft and show the message.
    Rejected { kind: RejectKind, message: String },
    /// Try again later (outbox): server errors, rate limiting.
    Transient { message: String },
}

/// Why the blog refused a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectKind {
    /// 409: the same comment is already there (after a retry: it was posted).
    Duplicate,
    /// 403: comments are closed.
    Closed,
    /// 403: the blog requires an account.
    LoginRequired,
    /// "Please fill the required fields" (name/email).
    MissingFields,
    /// "Please enter a valid email address".
    BadEmail,
    /// "Please type your comment text".
    EmptyComment,
    /// "Your name/email/URL/comment is too long".
    TooLong,
    /// Empty 200: no such post, or private, trashed or password-protected.
    PostNotFound,
    /// Another 403 (a firewall, a plugin).
    Forbidden,
    /// An anti-spam plugin refused it as spam (Antispam Bee's 403 "Spam deleted.").
    Spam,
    /// A captcha was missing or wrong: the form needs a browser.
    Captcha,
    /// A nonce or form token expired or was refused (WordPress's "The link you followed has
    /// expired.", Drupal's "The form has become outdated."): reload the page and send again.
    Expired,
    /// Anything else: the message says what came back.
    Unknown,
}
