//! `build_submission` (field order, parent, consent, WordPress's checks) and `same_host`.

use parlor::model::CommentForm;
use parlor::reply::{build_submission, same_host, Identity, ReplyError};

fn wp_form() -> CommentForm {
    CommentForm {
        action: "http://127.0.0.1:8089/wp-comments-post.php".into(),
        method: "post".into(),
        fields: vec![
            ("ak_hp_textarea".into(), String::new()),
            ("comment_post_ID".into(), "4".into()),
            ("comment_parent".into(), "12".into()),
            ("ak_js".into(), "1714550400".into()),
            ("_wpnonce_hp".into(), "a1b2c3".into()),
        ],
        text_field: "comment".into(),
        parent_field: Some("comment_parent".into()),
        post_id: Some("4".into()),
        name_field: Some("author".into()),
        email_field: Some("email".into()),
        url_field: Some("url".into()),
        needs_name: true,
        needs_email: true,
        consent_field: Some(("wp-comment-cookies-consent".into(), "yes".into())),
    }
}

fn carol() -> Identity {
    Identity {
        name: Some(" Carol ".into()),
        email: Some("carol@example.org".into()),
        url: Some(String::new()),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn submission_keeps_every_field_in_order() {
    let got = build_submission(
        Some(&wp_form()),
        Some("46"),
        "  Hello there.\n",
        &carol(),
        true,
    )
    .expect("builds");
    let want = pairs(&[
        ("comment", "Hello there."),
        ("author", "Carol"),
        ("email", "carol@example.org"),
        ("url", ""),
        ("wp-comment-cookies-consent", "yes"),
        ("ak_hp_textarea", ""),
        ("comment_post_ID", "4"),
        ("comment_parent", "46"),
        ("ak_js", "1714550400"),
        ("_wpnonce_hp", "a1b2c3"),
    ]);
    assert_eq!(got, want);
}

#[test]
fn top_level_comment_resets_parent_and_omits_consent() {
    let got = build_submission(Some(&wp_form()), None, "Top", &carol(), false).expect("builds");
    assert_eq!(
        got.iter()
            .find(|(k, _)| k == "comment_parent")
            .map(|(_, v)| v.as_str()),
        Some("0")
    );
    assert!(!got.iter().any(|(k, _)| k == "wp-comment-cookies-consent"));
    assert_eq!(got.len(), 9);
}

#[test]
fn form_without_identity_fields_sends_none() {
    let form = CommentForm {
        name_field: None,
        email_field: None,
        url_field: None,
        needs_name: false,
        needs_email: false,
        consent_field: None,
        fields: vec![("comment_post_ID".into(), "4".into())],
        ..wp_form()
    };
    let got = build_submission(Some(&form), Some("7"), "Hi", &carol(), true).expect("builds");
    assert_eq!(
        got,
        pairs(&[
            ("comment", "Hi"),
            ("comment_post_ID", "4"),
            ("comment_parent", "7")
        ])
    );
}

#[test]
fn submission_errors() {
    let form = wp_form();
    assert_eq!(
        build_submission(None, None, "Hi", &carol(), false),
        Err(ReplyError::Closed)
    );
    assert_eq!(
        build_submission(Some(&form), None, " \n\t", &carol(), false),
        Err(ReplyError::EmptyBody)
    );
    assert_eq!(
        build_submission(Some(&form), None, "Hi", &Identity::default(), false),
        Err(ReplyError::MissingIdentity {
            fields: vec!["name", "email"]
        })
    );
    let no_email = Identity {
        email: Some("  ".into()),
        ..carol()
    };
    let err =
        build_submission(Some(&form), None, "Hi", &no_email, false).expect_err("email needed");
    assert_eq!(
        err,
        ReplyError::MissingIdentity {
            fields: vec!["email"]
        }
    );
    assert_eq!(
        err.to_string(),
        "this blog requires your email to comment (set in parlor's config)"
    );
    let bad = Identity {
        email: Some("carol@localhost".into()),
        ..carol()
    };
    assert_eq!(
        build_submission(Some(&form), None, "Hi", &bad, false),
        Err(ReplyError::BadEmail("carol@localhost".into()))
    );
    let unthreaded = CommentForm {
        parent_field: None,
        ..wp_form()
    };
    assert_eq!(
        build_submission(Some(&unthreaded), Some("3"), "Hi", &carol(), false),
        Err(ReplyError::NoThreading)
    );
    let get_form = CommentForm {
        method: "GET".into(),
        ..wp_form()
    };
    assert!(matches!(
        build_submission(Some(&get_form), None, "Hi", &carol(), false),
        Err(ReplyError::BadForm(_))
    ));
}

#[test]
fn local_length_checks() {
    let form = wp_form();
    let at_limit = "é".repeat(65525 / 2) + "x"; // 65525 bytes
    assert!(build_submission(Some(&form), None, &at_limit, &carol(), false).is_ok());
    let over = at_limit.clone() + "x";
    assert_eq!(
        build_submission(Some(&form), None, &over, &carol(), false),
        Err(ReplyError::TooLong {
            what: "comment",
            max: 65525,
            len: 65526
        })
    );
    let long_name = Identity {
        name: Some("n".repeat(246)),
        ..carol()
    };
    assert_eq!(
        build_submission(Some(&form), None, "Hi", &long_name, false),
        Err(ReplyError::TooLong {
            what: "name",
            max: 245,
            len: 246
        })
    );
    let long_email = Identity {
        email: Some(format!("{}@example.org", "e".repeat(89))),
        ..carol()
    };
    assert_eq!(
        build_submission(Some(&form), None, "Hi", &long_email, false),
        Err(ReplyError::TooLong {
            what: "email address",
            max: 100,
            len: 101
        })
    );
    let long_url = Identity {
        url: Some(format!("https://e.test/{}", "u".repeat(186))),
        ..carol()
    };
    assert_eq!(
        build_submission(Some(&form), None, "Hi", &long_url, false),
        Err(ReplyError::TooLong {
            what: "website address",
            max: 200,
            len: 201
        })
    );
}

#[test]
fn identity_goes_only_to_the_same_host() {
    let post = "https://blog.example.org/2024/05/01/hello/";
    assert!(same_host(
        "https://blog.example.org/wp-comments-post.php",
        post
    ));
    assert!(same_host(
        "https://www.Blog.Example.org./wp-comments-post.php",
        post
    ));
    assert!(!same_host(
        "https://evil.example/wp-comments-post.php",
        post
    ));
    assert!(!same_host(
        "https://blog.example.org.evil.test/wp-comments-post.php",
        post
    ));
    assert!(
        !same_host("http://blog.example.org/wp-comments-post.php", post),
        "https → http downgrade"
    );
    assert!(same_host(
        "https://blog.example.org/wp-comments-post.php",
        "http://blog.example.org/p/"
    ));
    assert!(!same_host(
        "http://127.0.0.1:9/wp-comments-post.php",
        "http://127.0.0.1:8089/p/"
    ));
    assert!(same_host(
        "http://127.0.0.1:8089/wp-comments-post.php",
        "http://127.0.0.1:8089/p/"
    ));
    assert!(!same_host("javascript:alert(1)", post));
    assert!(!same_host("/wp-comments-post.php", post));
}

#[test]
fn form_listing_its_own_text_and_identity_fields_gets_no_duplicates() {
    let mut form = wp_form();
    form.fields
        .insert(0, ("comment".into(), "default text".into()));
    form.fields.insert(1, ("author".into(), String::new()));
    form.fields
        .push(("wp-comment-cookies-consent".into(), "yes".into()));
    let got = build_submission(Some(&form), Some("46"), "Hi", &carol(), false).expect("builds");
    let names: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "comment",
            "author",
            "email",
            "url",
            "ak_hp_textarea",
            "comment_post_ID",
            "comment_parent",
            "ak_js",
            "_wpnonce_hp"
        ]
    );
    assert_eq!(got[0].1, "Hi");
    assert_eq!(got[1].1, "Carol");
}
