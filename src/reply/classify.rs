//! Classifying the blog's answer to a comment POST (WordPress `wp-comments-post.php` rules:
//! 302 to `#comment-ID`, held `?unapproved=ID&moderation-hash=…`, `wp_die` errors).

use super::clean::clean_limited;
use super::message::{read_body, BodyMessage};
use super::{Answer, Outcome, RejectKind};

/// Says what became of a submission from the blog's answer (redirects not followed).
///
/// Decisions: 429 (flood) and every 5xx (including WordPress's 500 "The comment could not be
/// saved. Please try again later.") and 408 are `Transient`; 409 is `Rejected(Duplicate)`, which
/// after a retry means the first attempt did get through.
pub fn classify(answer: &Answer) -> Outcome {
    if (300..400).contains(&answer.status) {
        return classify_redirect(answer);
    }
    let said = read_body(answer.content_type.as_deref(), &answer.body);
    // A short page that is only a plugin's refusal (a wrong captcha, "Spam deleted.") says so.
    if let (BodyMessage::Page { .. }, true) = (&said, answer.body.len() <= 4096) {
        let text = super::message::fragment_text(&answer.body);
        if let Some(kind @ (RejectKind::Captcha | RejectKind::Spam | RejectKind::Expired)) =
            kind_from_text(&text)
        {
            return reject(kind, text, "");
        }
    }
    let (status, message) = match &said {
        BodyMessage::WpDie { message, status } => {
            (status.unwrap_or(answer.status), message.clone())
        }
        BodyMessage::Text(text) => (answer.status, text.clone()),
        BodyMessage::Empty | BodyMessage::Page { .. } => (answer.status, String::new()),
    };
    match status {
        408 | 429 | 500..=599 => transient(status, &message),
        409 => reject(
            RejectKind::Duplicate,
            message,
            "the blog says this comment was already posted",
        ),
        403 => {
            let kind = kind_from_text(&message).unwrap_or(RejectKind::Forbidden);
            let kind = match kind {
                RejectKind::Closed
                | RejectKind::LoginRequired
                | RejectKind::Spam
                | RejectKind::Captcha
                | RejectKind::Expired => kind,
                _ => RejectKind::Forbidden,
            };
            reject(
                kind,
                message,
                "the blog (or a firewall in front of it) refused the comment (403 Forbidden)",
            )
        }
        200..=299 => classify_ok(status, said, message),
        _ => classify_other(status, message),
    }
}

/// 3xx: `#comment-ID` in the Location means accepted; `unapproved=ID` + `moderation-hash`
/// means held. A redirect anywhere else does not confirm anything.
fn classify_redirect(answer: &Answer) -> Outcome {
    let Some(location) = answer
        .location
        .as_deref()
        .map(|l| clean_limited(l, 8192))
        .filter(|l| !l.is_empty())
    else {
        return reject(
            RejectKind::Unknown,
            String::new(),
            &format!(
                "the blog answered {} without saying where the comment went",
                answer.status
            ),
        );
    };
    let Some(id) = comment_anchor(&location) else {
        let shown = super::clean(&location);
        return reject(
            RejectKind::Unknown,
            format!(
                "the blog sent parlor to {shown} without confirming the comment; \
                 check the post in a browser before sending again"
            ),
            "",
        );
    };
    let query = location.split('#').next().unwrap_or_default();
    let query = query.split_once('?').map(|(_, q)| q).unwrap_or_default();
    let held = query.split('&').any(|kv| kv.starts_with("unapproved="))
        && query
            .split('&')
            .any(|kv| kv.starts_with("moderation-hash="));
    if held {
        Outcome::Pending { id, url: location }
    } else {
        Outcome::Published { id, url: location }
    }
}

/// The N of a `#comment-N` fragment (digits only).
fn comment_anchor(location: &str) -> Option<String> {
    let (_, fragment) = location.rsplit_once('#')?;
    let id = fragment.strip_prefix("comment-")?;
    (!id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| id.to_string())
}

/// 2xx: WordPress answers missing fields etc. with 200 and a `wp_die` page, a missing post with
/// an empty 200. A normal page proves nothing either way.
fn classify_ok(status: u16, said: BodyMessage, message: String) -> Outcome {
    match said {
        BodyMessage::Empty if status != 200 => reject(
            RejectKind::Unknown,
            format!(
                "the blog answered {status} without confirming the comment; check the post in \
                 a browser to see whether it arrived"
            ),
            "",
        ),
        BodyMessage::Empty => reject(
            RejectKind::PostNotFound,
            String::new(),
            "the blog did not accept the comment: the post was not found, is private or \
             password-protected",
        ),
        BodyMessage::Page { title } => {
            let page = if title.is_empty() {
                String::new()
            } else {
                format!(" (\"{title}\")")
            };
            reject(
                RejectKind::Unknown,
                format!(
                    "the blog answered with an ordinary page{page} instead of confirming the \
                     comment; check the post in a browser to see whether it arrived"
                ),
                "",
            )
        }
        BodyMessage::WpDie { .. } | BodyMessage::Text(_) => match kind_from_text(&message) {
            None if is_flood(&message) => transient(429, &message),
            Some(kind) => reject(kind, message, ""),
            None if message.is_empty() => reject(
                RejectKind::Unknown,
                String::new(),
                "the blog did not accept the comment and gave no reason",
            ),
            None => reject(
                RejectKind::Unknown,
                format!("the blog did not accept the comment: {message}"),
                "",
            ),
        },
    }
}

/// Other statuses (4xx other than 403/408/409/429, 1xx): refused, say which.
fn classify_other(status: u16, message: String) -> Outcome {
    if let Some(kind) = kind_from_text(&message) {
        return reject(kind, message, "");
    }
    let why = match status {
        401 => "the blog requires a login (401)".to_string(),
        404 => "the blog's comment address was not found (404)".to_string(),
        405 => "the blog does not take comments at this address (405)".to_string(),
        413 => "the blog refused the comment as too large (413)".to_string(),
        _ => format!("the blog did not accept the comment (HTTP {status})"),
    };
    let message = if message.is_empty() {
        why
    } else {
        format!("{why}: {message}")
    };
    reject(RejectKind::Unknown, message, "")
}

/// Maps WordPress's error texts (English) to a kind.
fn kind_from_text(message: &str) -> Option<RejectKind> {
    let m = message.to_lowercase();
    let kind = if m.contains("required field") {
        RejectKind::MissingFields
    } else if m.contains("valid email") {
        RejectKind::BadEmail
    } else if m.contains("type your comment") || m.contains("type a comment") {
        RejectKind::EmptyComment
    } else if m.contains("too long") {
        RejectKind::TooLong
    } else if m.contains("duplicate comment") || m.contains("already said that") {
        RejectKind::Duplicate
    } else if m.contains("comments are closed") {
        RejectKind::Closed
    } else if m.contains("logged in") || m.contains("log in to") {
        RejectKind::LoginRequired
    } else if m.contains("captcha") {
        RejectKind::Captcha
    } else if m.contains("link you followed has expired")
        || m.contains("are you sure you want to do this")
        || m.contains("form has become outdated")
        || m.contains("nonce")
    {
        RejectKind::Expired
    } else if m.contains("spam") {
        RejectKind::Spam
    } else {
        return None;
    };
    Some(kind)
}

fn is_flood(message: &str) -> bool {
    let m = message.to_lowercase();
    m.contains("too quickly") || m.contains("slow down")
}

fn reject(kind: RejectKind, message: String, fallback: &str) -> Outcome {
    let message = if message.is_empty() {
        fallback.to_string()
    } else {
        message
    };
    Outcome::Rejected { kind, message }
}

fn transient(status: u16, message: &str) -> Outcome {
    let why = match status {
        429 => "posting too quickly; will retry".to_string(),
        408 => "the blog timed out; will retry".to_string(),
        _ => format!("the blog had a server error ({status}); will retry"),
    };
    let message = if message.is_empty() {
        why
    } else {
        format!("{why} ({message})")
    };
    Outcome::Transient { message }
}
