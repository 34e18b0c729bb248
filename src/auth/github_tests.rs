//! Unit tests of `auth::github`: where a token may go, which scopes allow comments.
use super::*;

fn account(base: &str) -> Account {
    Account {
        service: "github".into(),
        base: base.into(),
        token: "t0ken".into(),
        user: None,
        scope: None,
        created_at: 0,
        extra: Default::default(),
    }
}

#[test]
fn the_token_goes_only_under_the_account_base() {
    let r = request(
        &account("https://api.github.com/"),
        "GET",
        "user",
        ApiBody::None,
    )
    .expect("request");
    assert_eq!(r.url.as_str(), "https://api.github.com/user");
    assert!(r
        .headers
        .contains(&("Authorization".into(), "Bearer t0ken".into())));
    let odd = request(
        &account("https://api.github.com/"),
        "GET",
        "//evil.test/x",
        ApiBody::None,
    )
    .expect("request");
    assert_eq!(odd.url.host_str(), Some("api.github.com"));
    assert!(request(
        &account("https://api.github.com/"),
        "POST",
        "https://evil.test/graphql",
        ApiBody::None
    )
    .is_err());
    assert!(request(
        &account("http://api.github.com/"),
        "GET",
        "user",
        ApiBody::None
    )
    .is_err());
    assert!(request(
        &account("http://127.0.0.1:9/"),
        "GET",
        "user",
        ApiBody::None
    )
    .is_ok());
}

#[test]
fn scopes() {
    assert!(scope_allows_comments(Some("gist, public_repo")));
    assert!(scope_allows_comments(Some("repo")));
    assert!(!scope_allows_comments(Some("read:user")));
    assert!(scope_allows_comments(None));
}
