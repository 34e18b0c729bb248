//! Shared by the provider replay tests: fixtures, a provider read against a loopback server
//! (the base URL overridden), and small views of a thread.

#![allow(dead_code)]

use super::server::{self, reply, Seen, Server};
use parlor::model::{blocks_text, CommentSystem};
use parlor::threads::{self, Ctx, ProviderError, Target, Thread};
use std::collections::BTreeMap;
use tiny_http::ResponseBox;
use url::Url;

pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/providers/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn json(body: &str) -> ResponseBox {
    reply(200, "application/json", body.to_string())
}

pub fn system(name: &str, site: &str, thread: &str, extra: &[(&str, &str)]) -> CommentSystem {
    CommentSystem {
        name: name.into(),
        site: Some(site.into()),
        thread: Some(thread.into()),
        url: Some("https://b.test/p/".into()),
        extra: extra
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect::<BTreeMap<_, _>>(),
        ..CommentSystem::default()
    }
}

pub fn read(srv: &Server, system: CommentSystem) -> Result<Vec<Thread>, ProviderError> {
    let client = server::client();
    let base = srv.url("/");
    let ctx = Ctx {
        base_override: Some(&base),
        ..Ctx::new(&client)
    };
    let provider = threads::for_system(&system).expect("a provider");
    let target = Target::Embed {
        system,
        page: Url::parse("https://b.test/p/").expect("url"),
    };
    provider.read(&ctx, &target)
}

pub fn one(r: Result<Vec<Thread>, ProviderError>) -> Thread {
    let mut v = r.unwrap_or_else(|e| panic!("read failed: {e}"));
    assert_eq!(v.len(), 1);
    v.remove(0)
}

pub fn query(seen: &Seen, key: &str) -> Option<String> {
    let u = Url::parse(&format!("http://x{}", seen.path)).ok()?;
    u.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

pub fn tree(t: &Thread) -> Vec<(String, Option<String>, u16, String, String)> {
    t.comments
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.parent.clone(),
                c.depth,
                c.author.clone(),
                blocks_text(&c.blocks),
            )
        })
        .collect()
}

pub fn s(x: &str) -> String {
    x.to_string()
}
