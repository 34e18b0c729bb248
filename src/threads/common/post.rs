//! The one reading of a refused post shared by the services parlor posts to as the user's
//! account (giscus and utterances through GitHub, Mastodon): a refused token asks to sign in
//! again, rate limits wait for the time the headers give, other 4xx are refused in the
//! service's words, and a 5xx or a redirect after the comment was sent is "not known".
//! Each service words its own special cases (Mastodon's 404 and 422) before calling this.

use super::{rate_limited, retry_after, service_message};
use crate::net::{ApiAnswer, NetError};
use crate::threads::ProviderError;
use chrono::{DateTime, Utc};

/// Who answered a post, and how its answers differ from the shared reading.
#[derive(Debug, Clone, Copy)]
pub struct PostAnswer<'a> {
    /// The provider named in the error (`giscus`, `utterances`, `mastodon`).
    pub provider: &'a str,
    /// The service people know (`GitHub`, `Mastodon`): "the GitHub token was refused".
    pub service: &'a str,
    /// What `parlor login` signs in to (`github`, `mastodon`).
    pub login: &'a str,
    /// A 403 means the token was refused (Mastodon; it rate-limits with 429 and sends its
    /// `X-RateLimit-*` headers on every answer). `false`: a 403 is a rate limit when it says
    /// so, else a refusal of the comment (GitHub: a locked issue, a missing scope).
    pub forbidden_is_token: bool,
    /// This was the request that makes the comment: a 5xx or a redirect leaves it unknown.
    /// `false`: nothing was posted yet, so a 5xx is transient and the outbox may retry.
    pub sent: bool,
}

impl PostAnswer<'static> {
    /// A post to GitHub for `provider` (giscus, utterances): the comment's own request.
    pub const fn github(provider: &'static str) -> Self {
        PostAnswer {
            provider,
            service: "GitHub",
            login: "github",
            forbidden_is_token: false,
            sent: true,
        }
    }
}

impl PostAnswer<'_> {
    fn refused(&self, message: String) -> ProviderError {
        ProviderError::Refused {
            provider: self.provider.to_string(),
            message,
        }
    }
}

/// The error for a non-2xx answer to a post (or to a step before it); see the module doc.
pub fn post_failure(answer: &ApiAnswer, how: &PostAnswer<'_>, now: DateTime<Utc>) -> ProviderError {
    let words = service_message(&answer.body);
    let status = answer.status;
    let token_refused = || {
        how.refused(format!(
            "the {} token was refused: run `parlor login {}` again{}",
            how.service,
            how.login,
            words
                .as_deref()
                .map(|w| format!(" ({w})"))
                .unwrap_or_default()
        ))
    };
    match status {
        401 => token_refused(),
        403 if how.forbidden_is_token => token_refused(),
        403 | 429 if status == 429 || rate_limited(answer, words.as_deref()) => {
            ProviderError::RateLimited {
                provider: how.provider.to_string(),
                message: words.unwrap_or_else(|| "Too many requests".into()),
                retry_after: retry_after(answer, now),
            }
        }
        400..=499 => how.refused(format!(
            "{} (HTTP {status})",
            words.unwrap_or_else(|| format!("{} refused it", how.service))
        )),
        500..=599 if !how.sent => ProviderError::Net(NetError::Status {
            url: answer.final_url.to_string(),
            status,
        }),
        _ => ProviderError::BadAnswer {
            provider: how.provider.to_string(),
            detail: format!(
                "{} answered {status}{}{}",
                how.service,
                if how.sent {
                    " instead of the comment"
                } else {
                    ""
                },
                match (words, how.sent) {
                    (Some(w), true) => format!(" ({w}); check the thread in a browser"),
                    (None, true) => "; check the thread in a browser".into(),
                    (Some(w), false) => format!(": {w}"),
                    (None, false) => String::new(),
                }
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GITHUB: PostAnswer<'static> = PostAnswer::github("utterances");

    fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> ApiAnswer {
        ApiAnswer {
            status,
            final_url: url::Url::parse("https://api.example/x").expect("url"),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    fn said(e: ProviderError) -> String {
        match e {
            ProviderError::Refused { message, .. } => message,
            other => format!("not refused: {other:?}"),
        }
    }

    #[test]
    fn a_403_with_only_the_usual_rate_headers_is_a_refusal() {
        let locked = r#"{"message":"Unable to create comment because issue is locked."}"#;
        let usual = [
            ("x-ratelimit-remaining", "4999"),
            ("x-ratelimit-reset", "1900000000"),
        ];
        let now = Utc::now();
        assert_eq!(
            said(post_failure(&answer(403, &usual, locked), &GITHUB, now)),
            "Unable to create comment because issue is locked. (HTTP 403)"
        );
        let spent = [
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1900000000"),
        ];
        match post_failure(&answer(403, &spent, "{}"), &GITHUB, now) {
            ProviderError::RateLimited { retry_after, .. } => {
                assert_eq!(retry_after.as_deref(), Some("2030-03-17T17:46:40Z"))
            }
            other => panic!("{other:?}"),
        }
        let mastodon = PostAnswer {
            provider: "mastodon",
            service: "Mastodon",
            login: "mastodon",
            forbidden_is_token: true,
            sent: true,
        };
        let m = said(post_failure(&answer(403, &spent, "{}"), &mastodon, now));
        assert_eq!(
            m,
            "the Mastodon token was refused: run `parlor login mastodon` again"
        );
    }

    #[test]
    fn a_server_error_is_unknown_after_sending_and_transient_before() {
        let now = Utc::now();
        match post_failure(&answer(502, &[], ""), &GITHUB, now) {
            ProviderError::BadAnswer { detail, .. } => assert_eq!(
                detail,
                "GitHub answered 502 instead of the comment; check the thread in a browser"
            ),
            other => panic!("{other:?}"),
        }
        let before = PostAnswer {
            sent: false,
            ..GITHUB
        };
        match post_failure(&answer(503, &[], ""), &before, now) {
            ProviderError::Net(e) => assert!(e.is_transient(), "{e}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            said(post_failure(&answer(404, &[], "<html>"), &GITHUB, now)),
            "GitHub refused it (HTTP 404)"
        );
    }
}
