//! `classify` against WordPress's real answers (bodies in tests/fixtures/reply).

use parlor::reply::{classify, Answer, Outcome, RejectKind};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/reply/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect("fixture exists")
}

fn html(status: u16, name: &str) -> Answer {
    Answer {
        status,
        location: None,
        content_type: Some("text/html; charset=UTF-8".into()),
        body: fixture(name),
    }
}

fn json(status: u16, name: &str) -> Answer {
    Answer {
        status,
        location: None,
        content_type: Some("application/json; charset=UTF-8".into()),
        body: fixture(name),
    }
}

fn redirect(location: &str) -> Answer {
    Answer {
        status: 302,
        location: Some(location.into()),
        ..Answer::default()
    }
}

fn rejected(kind: RejectKind, message: &str) -> Outcome {
    Outcome::Rejected {
        kind,
        message: message.into(),
    }
}

const DUPLICATE: &str =
    "Duplicate comment detected; it looks as though you\u{2019}ve already said that!";

#[test]
fn approved_redirect_is_published() {
    let url =
        "http://127.0.0.1:8089/2024/05/01/threaded-comments-fixture/comment-page-1/#comment-46";
    assert_eq!(
        classify(&redirect(url)),
        Outcome::Published {
            id: "46".into(),
            url: url.into()
        }
    );
}

#[test]
fn held_redirect_is_pending() {
    let url = "http://127.0.0.1:8089/2024/05/01/threaded-comments-fixture/comment-page-1/\
               ?unapproved=45&moderation-hash=333a4575e3c0a1b5c7b0f6f8d2f9e1aa#comment-45";
    assert_eq!(
        classify(&redirect(url)),
        Outcome::Pending {
            id: "45".into(),
            url: url.into()
        }
    );
    // 303 works the same; `unapproved` without a moderation hash is not a preview URL.
    let plain = "http://b.test/p/?unapproved=45#comment-45";
    let answer = Answer {
        status: 303,
        ..redirect(plain)
    };
    assert_eq!(
        classify(&answer),
        Outcome::Published {
            id: "45".into(),
            url: plain.into()
        }
    );
}

#[test]
fn long_permalink_keeps_its_anchor() {
    let slug = "%d0%bf%d1%80%d0%b8%d0%b2%d0%b5%d1%82".repeat(20);
    let url =
        format!("https://b.test/2024/05/01/{slug}/?unapproved=7&moderation-hash=ab#comment-7");
    assert_eq!(
        classify(&redirect(&url)),
        Outcome::Pending {
            id: "7".into(),
            url
        }
    );
}

#[test]
fn redirect_elsewhere_is_unknown_with_the_location() {
    let answer = redirect("http://b.test/wp-login.php?redirect_to=x");
    assert_eq!(
        classify(&answer),
        rejected(
            RejectKind::Unknown,
            "the blog sent parlor to http://b.test/wp-login.php?redirect_to=x without confirming \
             the comment; check the post in a browser before sending again"
        )
    );
    let fake = redirect("http://b.test/p/#comment-4x6");
    assert!(matches!(
        classify(&fake),
        Outcome::Rejected {
            kind: RejectKind::Unknown,
            ..
        }
    ));
    let bare = Answer {
        status: 302,
        ..Answer::default()
    };
    assert_eq!(
        classify(&bare),
        rejected(
            RejectKind::Unknown,
            "the blog answered 302 without saying where the comment went"
        )
    );
}

#[test]
fn wp_die_html_pages() {
    assert_eq!(
        classify(&html(409, "wp_die_409_duplicate.html")),
        rejected(RejectKind::Duplicate, DUPLICATE)
    );
    assert_eq!(
        classify(&html(403, "wp_die_403_closed.html")),
        rejected(
            RejectKind::Closed,
            "Sorry, comments are closed for this item."
        )
    );
    assert_eq!(
        classify(&html(403, "wp_die_403_login.html")),
        rejected(
            RejectKind::LoginRequired,
            "Sorry, you must be logged in to comment."
        )
    );
    assert_eq!(
        classify(&html(429, "wp_die_429_flood.html")),
        Outcome::Transient {
            message:
                "posting too quickly; will retry (You are posting comments too quickly. Slow down.)"
                    .into()
        }
    );
}

#[test]
fn errors_answered_with_200() {
    let cases = [
        (
            "wp_die_200_required.html",
            RejectKind::MissingFields,
            "Please fill the required fields.",
        ),
        (
            "wp_die_200_email.html",
            RejectKind::BadEmail,
            "Please enter a valid email address.",
        ),
        (
            "wp_die_200_empty.html",
            RejectKind::EmptyComment,
            "Please type your comment text.",
        ),
        (
            "wp_die_200_name_too_long.html",
            RejectKind::TooLong,
            "Your name is too long.",
        ),
    ];
    for (name, kind, message) in cases {
        assert_eq!(
            classify(&html(200, name)),
            rejected(kind, message),
            "{name}"
        );
    }
    assert_eq!(
        classify(&json(200, "json_200_required.json")),
        rejected(
            RejectKind::MissingFields,
            "Please fill the required fields."
        )
    );
}

#[test]
fn json_error_bodies() {
    assert_eq!(
        classify(&json(403, "json_403_closed.json")),
        rejected(
            RejectKind::Closed,
            "Sorry, comments are closed for this item."
        )
    );
    assert_eq!(
        classify(&json(409, "json_409_duplicate.json")),
        rejected(RejectKind::Duplicate, DUPLICATE)
    );
    // The status inside the JSON wins over a 200 from a proxy.
    assert_eq!(
        classify(&json(200, "json_409_duplicate.json")),
        rejected(RejectKind::Duplicate, DUPLICATE)
    );
}

#[test]
fn empty_200_is_post_not_found() {
    let answer = Answer {
        status: 200,
        body: " \n".into(),
        ..Answer::default()
    };
    assert_eq!(
        classify(&answer),
        rejected(
            RejectKind::PostNotFound,
            "the blog did not accept the comment: the post was not found, is private or \
             password-protected"
        )
    );
}

#[test]
fn unrecognised_errors_say_what_came_back() {
    let spam = fixture("wp_die_200_required.html").replace(
        "<strong>Error:</strong> Please fill the required fields.",
        "<strong>Error:</strong> Your comment looks like spam.",
    );
    let answer = Answer {
        status: 200,
        body: spam,
        ..Answer::default()
    };
    assert_eq!(
        classify(&answer),
        // Said as spam (a refusal, not "published"), in the blog's own words.
        rejected(RejectKind::Spam, "Your comment looks like spam.")
    );
    let no_content = Answer {
        status: 204,
        ..Answer::default()
    };
    assert_eq!(
        classify(&no_content),
        rejected(
            RejectKind::Unknown,
            "the blog answered 204 without confirming the comment; check the post in a browser \
             to see whether it arrived"
        )
    );
}

#[test]
fn server_errors_are_transient() {
    assert_eq!(
        classify(&html(500, "wp_die_500_not_saved.html")),
        Outcome::Transient {
            message: "the blog had a server error (500); will retry (The comment could not be \
                      saved. Please try again later.)"
                .into()
        }
    );
    let gateway = Answer {
        status: 502,
        ..Answer::default()
    };
    assert_eq!(
        classify(&gateway),
        Outcome::Transient {
            message: "the blog had a server error (502); will retry".into()
        }
    );
}

#[test]
fn ordinary_page_and_other_statuses() {
    assert_eq!(
        classify(&html(200, "ordinary_page.html")),
        rejected(
            RejectKind::Unknown,
            "the blog answered with an ordinary page (\"Threaded comments fixture \u{2013} parlor \
             test blog\") instead of confirming the comment; check the post in a browser to see \
             whether it arrived"
        )
    );
    let waf = Answer {
        status: 403,
        body: "Access denied".into(),
        ..Answer::default()
    };
    assert_eq!(
        classify(&waf),
        rejected(RejectKind::Forbidden, "Access denied")
    );
    let not_allowed = Answer {
        status: 405,
        content_type: Some("text/plain".into()),
        ..Answer::default()
    };
    assert_eq!(
        classify(&not_allowed),
        rejected(
            RejectKind::Unknown,
            "the blog does not take comments at this address (405)"
        )
    );
}

#[test]
fn hostile_messages_are_cleaned() {
    let evil = "Duplicate comment\u{1b}]0;pwned\u{7} detected\u{1b}[2J\u{1b}[31m;\u{202e} it\u{0} looks\n\n as though";
    let body = fixture("wp_die_409_duplicate.html")
        .replace("Duplicate comment detected; it looks as though", evil);
    let answer = Answer {
        status: 409,
        body,
        ..Answer::default()
    };
    let want = format!(
        "Duplicate comment detected; it looks as though{}",
        &DUPLICATE[46..]
    );
    assert_eq!(classify(&answer), rejected(RejectKind::Duplicate, &want));

    let json_body = "{\"message\":\"<p>closed\\u001b[2J <script>x</script>comments are closed</p>\",\"data\":{\"status\":403}}";
    let answer = Answer {
        status: 403,
        body: json_body.into(),
        ..Answer::default()
    };
    assert_eq!(
        classify(&answer),
        rejected(RejectKind::Closed, "closed comments are closed")
    );

    let location = "http://b.test/p/\u{1b}[2J#comment-9";
    assert_eq!(
        classify(&redirect(location)),
        Outcome::Published {
            id: "9".into(),
            url: "http://b.test/p/#comment-9".into()
        }
    );
    let huge = Answer {
        status: 400,
        body: "x".repeat(100_000),
        ..Answer::default()
    };
    let Outcome::Rejected { message, .. } = classify(&huge) else {
        panic!("not rejected")
    };
    assert!(
        message.chars().count() < 500,
        "{} chars",
        message.chars().count()
    );
}

#[test]
fn truncated_and_garbled_bodies_never_panic() {
    let names = [
        "wp_die_409_duplicate.html",
        "json_403_closed.json",
        "ordinary_page.html",
    ];
    let mut outcomes = 0;
    for name in names {
        let body = fixture(name);
        let cuts = body.char_indices().map(|(i, _)| i).step_by(5);
        for cut in cuts {
            for status in [200, 302, 403, 409, 500] {
                let answer = Answer {
                    status,
                    location: Some(body[..cut].to_string()),
                    content_type: None,
                    body: body[..cut].to_string(),
                };
                if let Outcome::Rejected { message, .. } | Outcome::Transient { message } =
                    classify(&answer)
                {
                    assert!(!message.chars().any(char::is_control), "{message:?}");
                }
                outcomes += 1;
            }
        }
    }
    assert!(outcomes > 1000, "{outcomes}");
}

#[test]
fn spam_captcha_and_expired_nonce_answers_are_refusals() {
    // Antispam Bee's `_go_in_peace`: `status_header(403); die('Spam deleted.');`
    let spam = Answer {
        status: 403,
        location: None,
        content_type: Some("text/html; charset=UTF-8".into()),
        body: fixture("antispam_bee_403_spam.txt"),
    };
    assert_eq!(classify(&spam), rejected(RejectKind::Spam, "Spam deleted."));
    // WordPress core `wp_nonce_ays()`: `wp_die(…'The link you followed has expired.', 403)`.
    assert_eq!(
        classify(&html(403, "wp_die_403_nonce_expired.html")),
        rejected(RejectKind::Expired, "The link you followed has expired.")
    );
    // A captcha plugin that echoes its refusal and exits (200, a bare div).
    assert_eq!(
        classify(&html(200, "captcha_200_incorrect.html")),
        rejected(
            RejectKind::Captcha,
            "You have entered an incorrect CAPTCHA value. Refresh page, and try again."
        )
    );
}
