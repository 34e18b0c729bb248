//! The raw answers a provider read, kept so a thread opens offline and is re-parsed on load
//! (parser fixes reach old threads), like stored HTML pages are. Recording wraps the client;
//! replaying answers from the stored list and never touches the network.

use super::ProviderError;
use crate::net::{ApiAnswer, ApiRequest, Client};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use url::Url;

/// Response headers worth keeping (rate limits, paging); the rest are dropped.
const KEPT_HEADERS: &[&str] = &[
    "content-type",
    "link",
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
];

/// One request and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    pub method: String,
    /// Path and query only: a stored thread replays whatever base URL it was read from.
    pub path: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// Records answers, or replays recorded ones.
#[derive(Debug, Default)]
pub struct Tape {
    replay: Option<Vec<Exchange>>,
    log: RefCell<Vec<Exchange>>,
    used: RefCell<Vec<bool>>,
}

fn path_of(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

impl Tape {
    /// A tape that asks the network and records each answer.
    pub fn recording() -> Tape {
        Tape::default()
    }

    /// A tape that answers from `exchanges` (each used once, matched by method, path and
    /// query) and never asks the network.
    pub fn replaying(exchanges: Vec<Exchange>) -> Tape {
        let used = RefCell::new(vec![false; exchanges.len()]);
        Tape {
            replay: Some(exchanges),
            log: RefCell::default(),
            used,
        }
    }

    /// The answers recorded so far.
    pub fn into_exchanges(self) -> Vec<Exchange> {
        self.log.into_inner()
    }

    /// Answers `req`: from the stored answers when replaying, else from the network (recorded).
    pub fn ask(
        &self,
        client: &Client,
        provider: &str,
        req: &ApiRequest,
    ) -> Result<ApiAnswer, ProviderError> {
        let path = path_of(&req.url);
        if let Some(stored) = &self.replay {
            let mut used = self.used.borrow_mut();
            let hit = stored
                .iter()
                .enumerate()
                .find(|(i, e)| !used[*i] && e.method == req.method && e.path == path);
            let Some((i, e)) = hit else {
                return Err(ProviderError::BadAnswer {
                    provider: provider.to_string(),
                    detail: format!("the stored copy has no answer for {path}"),
                });
            };
            used[i] = true;
            return Ok(ApiAnswer {
                status: e.status,
                final_url: req.url.clone(),
                headers: e.headers.clone(),
                body: e.body.clone().into_bytes(),
            });
        }
        let answer = client.api(req)?;
        self.log.borrow_mut().push(Exchange {
            method: req.method.to_string(),
            path,
            status: answer.status,
            headers: answer
                .headers
                .iter()
                .filter(|(n, _)| KEPT_HEADERS.contains(&n.to_ascii_lowercase().as_str()))
                .cloned()
                .collect(),
            body: answer.text(),
        });
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::NetOptions;

    #[test]
    fn replay_answers_each_request_once_by_path_and_query() {
        let client = Client::new(NetOptions::default()).expect("client");
        let ex = |path: &str, body: &str| Exchange {
            method: "GET".into(),
            path: path.into(),
            status: 200,
            headers: vec![("x-ratelimit-reset".into(), "1".into())],
            body: body.into(),
        };
        let tape = Tape::replaying(vec![ex("/a?p=1", "one"), ex("/a?p=1", "two")]);
        // Any host: a thread read from a loopback override replays anywhere.
        let req = ApiRequest::get_json(Url::parse("https://else.test/a?p=1").expect("url"));
        let first = tape.ask(&client, "t", &req).expect("first");
        assert_eq!(
            (first.text(), first.header("X-RateLimit-Reset")),
            ("one".into(), Some("1"))
        );
        assert_eq!(tape.ask(&client, "t", &req).expect("second").text(), "two");
        let e = tape.ask(&client, "t", &req).expect_err("used up");
        assert_eq!(
            e.to_string(),
            "t answered something parlor cannot read: the stored copy has no answer for /a?p=1"
        );
        assert!(
            tape.into_exchanges().is_empty(),
            "replaying records nothing"
        );
    }
}
