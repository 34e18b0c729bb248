//! Replying to a Mastodon-commented post through the user's OWN instance, on loopback: two
//! recording servers, the blog's instance (the thread: tests/fixtures/threads/mastodon/) and the
//! user's instance (answers from Mastodon's docs: tests/fixtures/mastodon/README.md). The
//! token must reach only the user's instance.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

#[path = "mastodon/support.rs"]
#[allow(dead_code)]
mod support;

use parlor::model::CommentSystem;
use parlor::threads::mastodon::PROVIDER;
use parlor::threads::{Ctx, Posted, Provider, ProviderError, Reply, Target};
use server::{client, Seen, Server};
use support::*;
use url::Url;

fn target() -> Target {
    let system = CommentSystem {
        name: "mastodon".into(),
        server: Some("https://social.example".into()),
        site: Some("blogger".into()),
        thread: Some(ROOT.into()),
        ..CommentSystem::default()
    };
    Target::Embed {
        system,
        page: Url::parse("https://blog.example.com/post/").expect("page"),
    }
}

fn answer_of(text: &str, parent: Option<&str>) -> Reply {
    Reply {
        title: Some("A post".into()),
        parent: parent.map(str::to_string),
        text: text.into(),
        name: None,
        email: None,
        website: None,
    }
}

fn post(blog: &Server, home: &Server, r: &Reply) -> Result<Posted, ProviderError> {
    let client = client();
    let blog_base = Url::parse(&format!("{}/", blog.base)).expect("base");
    let acct = account(home);
    let mut ctx = Ctx::new(&client);
    ctx.base_override = Some(&blog_base);
    ctx.token = Some(CONFIG_TOKEN);
    ctx.account = Some(&acct);
    PROVIDER.post(&ctx, &target(), r)
}

#[test]
fn a_top_level_reply_answers_the_root_status_on_the_users_instance() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    let got = post(&blog, &home, &answer_of("Thanks for the post!", None)).expect("posted");
    assert_eq!(
        got,
        Posted::Published {
            id: POSTED.into(),
            url: Some(format!("{}/@trwnh/{POSTED}", home.base)),
        }
    );

    assert_eq!(blog.hits(&format!("/api/v1/statuses/{ROOT}")), 1);
    let searches: Vec<Seen> = home
        .requests()
        .into_iter()
        .filter(|s| s.path.starts_with("/api/v2/search?"))
        .collect();
    assert_eq!(searches.len(), 1);
    let q = query(&searches[0].path);
    assert_eq!(
        q.get("q").map(String::as_str),
        Some(format!("https://social.example/users/blogger/statuses/{ROOT}").as_str())
    );
    assert_eq!(q.get("resolve").map(String::as_str), Some("true"));
    assert_eq!(q.get("type").map(String::as_str), Some("statuses"));
    assert_eq!(q.get("limit").map(String::as_str), Some("1"));

    let sent = posts(&home);
    assert_eq!(sent.len(), 1);
    let f = form(&sent[0].body);
    assert_eq!(
        f.get("status").map(String::as_str),
        Some("Thanks for the post!")
    );
    assert_eq!(
        f.get("in_reply_to_id").map(String::as_str),
        Some("103254962155278800")
    );
    assert_eq!(f.get("visibility").map(String::as_str), Some("public"));
    let key = sent[0]
        .headers
        .get("idempotency-key")
        .expect("Idempotency-Key");
    assert!(key.starts_with("parlor-") && key.len() > 20, "{key}");

    assert_no_token_at(&blog);
}

#[test]
fn a_reply_to_a_remote_comment_resolves_that_comment() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    // 113000000000000002 is lee@other.example's reply, known on the blog's instance.
    post(
        &blog,
        &home,
        &answer_of("Agreed.", Some("113000000000000002")),
    )
    .expect("posted");
    assert_eq!(blog.hits("/api/v1/statuses/113000000000000002"), 1);
    let search = home
        .requests()
        .into_iter()
        .find(|s| s.path.starts_with("/api/v2/search?"))
        .expect("search");
    assert_eq!(
        query(&search.path).get("q").map(String::as_str),
        Some("https://other.example/users/lee/statuses/9")
    );
    let f = form(&posts(&home)[0].body);
    assert_eq!(
        f.get("in_reply_to_id").map(String::as_str),
        Some("8113000000000000002")
    );
    assert_eq!(f.get("visibility").map(String::as_str), Some("public"));
    assert_no_token_at(&blog);
}

#[test]
fn a_reply_to_an_unlisted_comment_is_unlisted() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    post(
        &blog,
        &home,
        &answer_of("Quietly.", Some("113000000000000005")),
    )
    .expect("posted");
    let f = form(&posts(&home)[0].body);
    assert_eq!(
        f.get("in_reply_to_id").map(String::as_str),
        Some("8113000000000000005")
    );
    assert_eq!(f.get("visibility").map(String::as_str), Some("unlisted"));
}

#[test]
fn a_retry_sends_the_same_idempotency_key_and_gets_the_same_status() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    let first = post(&blog, &home, &answer_of("Once only.", None)).expect("first");
    let again = post(&blog, &home, &answer_of("Once only.", None)).expect("again");
    assert_eq!(first, again);
    let other = post(&blog, &home, &answer_of("Something else.", None)).expect("other");
    assert_ne!(first, other);
    let keys: Vec<String> = posts(&home)
        .iter()
        .map(|s| s.headers.get("idempotency-key").cloned().expect("key"))
        .collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0], keys[1]);
    assert_ne!(keys[0], keys[2]);
}

#[test]
fn a_validation_error_is_refused_in_mastodons_words() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Invalid));
    match post(&blog, &home, &answer_of("x", None)) {
        Err(ProviderError::Refused { message, .. }) => {
            assert_eq!(message, "Validation failed: Text can't be blank")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_rate_limit_says_when_to_try_again() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Limited));
    match post(&blog, &home, &answer_of("x", None)) {
        Err(ProviderError::RateLimited {
            message,
            retry_after,
            ..
        }) => {
            assert_eq!(message, "Too many requests");
            assert_eq!(retry_after.as_deref(), Some("2030-01-01T12:05:00Z"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_refused_token_asks_to_sign_in_again() {
    let (blog, home) = (blog_instance(), home_instance(Answer::BadToken));
    match post(&blog, &home, &answer_of("x", None)) {
        Err(ProviderError::Refused { message, .. }) => {
            assert!(
                message.contains("run `parlor login mastodon` again"),
                "{message}"
            );
            assert!(message.contains("The access token is invalid"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_post_the_users_instance_cannot_find_is_refused_and_nothing_is_posted() {
    let (blog, home) = (blog_instance(), home_with(Answer::Posted, true));
    match post(&blog, &home, &answer_of("x", Some("113000000000000004"))) {
        Err(ProviderError::Refused { message, .. }) => {
            assert_eq!(message, "your instance could not find that post")
        }
        other => panic!("{other:?}"),
    }
    assert!(posts(&home).is_empty());
    assert_eq!(home.requests().len(), 1, "one search, no post");
}

#[test]
fn without_an_account_nothing_is_sent() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Posted));
    let client = client();
    let blog_base = Url::parse(&format!("{}/", blog.base)).expect("base");
    let mut ctx = Ctx::new(&client);
    ctx.base_override = Some(&blog_base);
    let got = PROVIDER.post(&ctx, &target(), &answer_of("x", None));
    assert!(
        matches!(got, Err(ProviderError::Unsupported { .. })),
        "{got:?}"
    );
    assert!(blog.requests().is_empty() && home.requests().is_empty());
}

#[test]
fn a_search_that_fails_is_transient_and_nothing_is_posted() {
    let (blog, home) = (blog_instance(), home_instance(Answer::SearchDown));
    match post(&blog, &home, &answer_of("x", None)) {
        Err(ProviderError::Net(e)) => assert!(e.is_transient(), "{e}"),
        other => panic!("{other:?}"),
    }
    assert!(posts(&home).is_empty());
}

#[test]
fn a_failed_post_is_not_called_published() {
    let (blog, home) = (blog_instance(), home_instance(Answer::Broken));
    match post(&blog, &home, &answer_of("x", None)) {
        Err(ProviderError::BadAnswer { detail, .. }) => {
            assert!(detail.contains("500"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
}
