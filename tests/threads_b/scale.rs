//! Large and hostile answers: thousands of comments in shuffled order stay linear and exact;
//! nesting deeper than the JSON parser allows is a clear error, not a crash.

use super::server::Server;
use super::support::*;
use parlor::threads::{commento, remark42, ProviderError};
use std::collections::HashMap;
use std::time::Instant;

/// A Commento answer with `n` comments; comment i answers a pseudo-random earlier comment (every
/// fifth is top level; every third answers the one just before, making long chains), listed in
/// a scrambled order.
fn commento_body(n: usize) -> String {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|i| (i * 2_654_435_761) % 1_000_003);
    let comments: Vec<serde_json::Value> = order
        .iter()
        .map(|&i| {
            let parent = if i % 5 == 0 {
                "root".to_string()
            } else if i % 3 == 0 {
                format!("c{}", i - 1)
            } else {
                format!(
                    "c{}",
                    ((i as u64 * 2_654_435_761) % 4_294_967_291) as usize % i
                )
            };
            serde_json::json!({"commentHex": format!("c{i}"), "commenterHex": "anonymous",
                "html": format!("<p>comment {i}</p>"), "parentHex": parent,
                "creationDate": format!("2024-01-01T00:00:{:02}Z", i % 60), "deleted": false})
        })
        .collect();
    serde_json::json!({"success": true, "comments": comments, "commenters": {}}).to_string()
}

#[test]
fn nine_thousand_shuffled_comments_form_a_valid_tree() {
    let n = 9_000;
    let body = commento_body(n);
    let srv = Server::start(move |_| json(&body));
    let mut s = system("commento");
    s.server = Some("https://c.example".into());
    let started = Instant::now();
    let t = one(
        &commento::PROVIDER,
        &srv,
        &embed(s, "https://blog.example.com/p/"),
    );
    let took = started.elapsed();
    eprintln!("commento: {n} comments read and ordered in {took:?}");
    assert_eq!(t.comments.len(), n);
    // Pre-order: every parent comes before its child, one level shallower.
    let mut at: HashMap<&str, (usize, u16)> = HashMap::new();
    for (i, c) in t.comments.iter().enumerate() {
        match c.parent.as_deref() {
            None => assert_eq!(c.depth, 0),
            Some(p) => {
                let (pi, pd) = at[p];
                assert!(pi < i, "parent after child");
                assert_eq!(c.depth, pd + 1);
            }
        }
        at.insert(c.id.as_str(), (i, c.depth));
    }
    let deepest = t.comments.iter().map(|c| c.depth).max().unwrap_or(0);
    eprintln!("deepest reply: depth {deepest}");
    assert!(deepest >= 5, "the generated tree has depth");
    assert!(took.as_secs() < 20, "took {took:?}");
}

#[test]
fn nesting_deeper_than_the_parser_allows_is_an_error() {
    let mut body = String::from(r#"{"comments":["#);
    for i in 0..2_000 {
        body.push_str(&format!(
            r#"{{"comment":{{"id":"d{i}","text":"x"}},"replies":["#
        ));
    }
    for _ in 0..2_000 {
        body.push_str("]}");
    }
    body.push_str("]}");
    let srv = Server::start(move |_| json(&body));
    let mut s = system("remark42");
    s.server = Some("https://r.example".into());
    match read(
        &remark42::PROVIDER,
        &srv,
        &embed(s, "https://blog.example.com/p/"),
    ) {
        Err(ProviderError::BadAnswer { detail, .. }) => {
            assert!(detail.contains("recursion"), "{detail}")
        }
        other => panic!("{other:?}"),
    }
}
