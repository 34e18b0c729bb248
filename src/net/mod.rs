//! Blocking HTTP (reqwest + rustls/ring): limits, charset decoding, conditional GET, posting forms.
//!
//! Limits: http/https only, at most `max_redirects` redirects, a connect timeout and a whole-request
//! timeout, and a body cap counted while streaming decompressed bytes (Content-Length is not
//! trusted, gzip bombs stop at the cap).

mod api;
mod charset;
mod error;
pub mod local;

pub use api::{ApiAnswer, ApiBody, ApiRequest};

pub use charset::{charset_param, decode_html, decode_html_owned, looks_like_html};
pub use error::{size_text, status_text, NetError};

use error::{Limits, RedirectLimit, RedirectScheme};
use reqwest::blocking::{Client as HttpClient, Response};
use reqwest::header::{self, HeaderMap};
use std::io::Read;
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};
use url::Url;

/// Limits of a [`Client`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetOptions {
    /// Time allowed to open the connection (default 10 s).
    pub connect_timeout: Duration,
    /// Time allowed for the whole request, body included (default 30 s).
    pub timeout: Duration,
    /// Largest body accepted, in decompressed bytes (default 20 MB).
    pub max_body: u64,
    /// Redirects followed by `get` (default 10).
    pub max_redirects: usize,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body: 20 * 1024 * 1024,
            max_redirects: 10,
        }
    }
}

/// ETag / Last-Modified from an earlier fetch, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// One fetched page.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    /// The URL asked for.
    pub url: Url,
    /// The URL after redirects.
    pub final_url: Url,
    pub status: u16,
    /// The server answered 304: the stored copy is current; `html` is empty.
    pub not_modified: bool,
    pub html: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub content_type: Option<String>,
}

/// The server's answer to a posted form, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormAnswer {
    pub status: u16,
    /// The `Location` header (not followed).
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
}

/// An HTTP client with parlor's limits. Cheap to clone; one cookie jar shared by its clones.
#[derive(Debug, Clone)]
pub struct Client {
    http: HttpClient,
    no_redirect: HttpClient,
    opts: NetOptions,
}

static CRYPTO: Once = Once::new();

/// Installs ring as rustls' process-wide crypto provider (reqwest needs one; once is enough).
fn install_crypto_provider() {
    CRYPTO.call_once(|| {
        // Err means another provider is installed already, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

impl Client {
    /// Builds a client (two reqwest clients sharing one cookie jar: one follows redirects).
    pub fn new(opts: NetOptions) -> Result<Client, NetError> {
        install_crypto_provider();
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let max = opts.max_redirects;
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            let scheme = attempt.url().scheme();
            if scheme != "http" && scheme != "https" {
                let to = attempt.url().to_string();
                attempt.error(RedirectScheme(to))
            } else if attempt.previous().len() > max {
                attempt.error(RedirectLimit)
            } else {
                attempt.follow()
            }
        });
        let http = builder(&opts, &jar).redirect(policy).build();
        let no_redirect = builder(&opts, &jar)
            .redirect(reqwest::redirect::Policy::none())
            .build();
        match (http, no_redirect) {
            (Ok(http), Ok(no_redirect)) => Ok(Client {
                http,
                no_redirect,
                opts,
            }),
            (Err(e), _) | (_, Err(e)) => Err(NetError::Other {
                url: String::new(),
                detail: format!("could not set up HTTP: {e}"),
            }),
        }
    }

    /// This client (same connections and cookies) with a smaller body cap and whole-request
    /// timeout, for the rest of a per-post budget.
    pub fn limited(&self, max_body: u64, timeout: Duration) -> Client {
        let mut c = self.clone();
        c.opts.max_body = c.opts.max_body.min(max_body);
        c.opts.timeout = c.opts.timeout.min(timeout);
        c
    }

    /// The limits this client was built with.
    pub fn options(&self) -> &NetOptions {
        &self.opts
    }

    fn limits(&self) -> Limits {
        Limits {
            timeout_secs: self.opts.timeout.as_secs().max(1),
            max_redirects: self.opts.max_redirects,
        }
    }

    /// GET a page. With validators, sends If-None-Match / If-Modified-Since; a 304 gives
    /// `Fetched { not_modified: true, html: String::new(), .. }`. 4xx/5xx give `Status`; types
    /// other than HTML give `NotHtml` (checked before the body is read).
    pub fn get(&self, url: &Url, validators: Option<&Validators>) -> Result<Fetched, NetError> {
        let accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
        let (mut fetched, bytes) = self.get_inner(url, validators, accept, true)?;
        if fetched.not_modified {
            return Ok(fetched);
        }
        if fetched.content_type.is_none() && !looks_like_html(&bytes) {
            return Err(NetError::NotHtml {
                url: fetched.final_url.to_string(),
                content_type: "a file of unknown type".to_string(),
            });
        }
        let content_type = fetched.content_type.as_deref();
        fetched.html = decode_html_owned(bytes, content_type);
        Ok(fetched)
    }

    /// GET any document (feeds, …) with the same limits and errors as [`Client::get`] but no
    /// type check: returns the answer (its `html` left empty) and the raw body bytes, empty on
    /// a 304. `accept` is the Accept header to send.
    pub fn get_raw(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        accept: &str,
    ) -> Result<(Fetched, Vec<u8>), NetError> {
        self.get_inner(url, validators, accept, false)
    }

    fn get_inner(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        accept: &str,
        html_only: bool,
    ) -> Result<(Fetched, Vec<u8>), NetError> {
        check_scheme(url)?;
        let started = Instant::now();
        let mut req = self
            .http
            .get(url.clone())
            .timeout(self.opts.timeout)
            .header(header::ACCEPT, accept);
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                req = req.header(header::IF_NONE_MATCH, etag.as_str());
            }
            if let Some(lm) = &v.last_modified {
                req = req.header(header::IF_MODIFIED_SINCE, lm.as_str());
            }
        }
        let resp = req
            .send()
            .map_err(|e| error::from_reqwest(&e, url, self.limits()))?;
        let final_url = resp.url().clone();
        let status = resp.status().as_u16();
        let content_type = header_text(resp.headers(), header::CONTENT_TYPE);
        let mut fetched = Fetched {
            url: url.clone(),
            final_url: final_url.clone(),
            status,
            not_modified: status == 304,
            html: String::new(),
            etag: header_text(resp.headers(), header::ETAG),
            last_modified: header_text(resp.headers(), header::LAST_MODIFIED),
            content_type: content_type.clone(),
        };
        if fetched.not_modified {
            if let Some(v) = validators {
                fetched.etag = fetched.etag.or_else(|| v.etag.clone());
                fetched.last_modified = fetched.last_modified.or_else(|| v.last_modified.clone());
            }
            return Ok((fetched, Vec::new()));
        }
        if !(200..300).contains(&status) {
            return Err(NetError::Status {
                url: final_url.to_string(),
                status,
            });
        }
        if let Some(ct) = content_type
            .as_deref()
            .filter(|ct| html_only && !is_html_type(ct))
        {
            return Err(NetError::NotHtml {
                url: final_url.to_string(),
                content_type: mime_of(ct),
            });
        }
        let bytes = self.read_body(resp, &final_url, started)?;
        Ok((fetched, bytes))
    }

    /// POST form-encoded fields without following redirects; the cookie jar is shared with
    /// `get`. Every status comes back as an answer (4xx/5xx are answers to classify).
    pub fn post_form(
        &self,
        url: &Url,
        fields: &[(String, String)],
    ) -> Result<FormAnswer, NetError> {
        check_scheme(url)?;
        let started = Instant::now();
        let resp = self
            .no_redirect
            .post(url.clone())
            .header(header::ACCEPT, "application/json, text/html;q=0.9")
            .form(fields)
            .send()
            .map_err(|e| error::from_reqwest(&e, url, self.limits()))?;
        let status = resp.status().as_u16();
        let location = header_text(resp.headers(), header::LOCATION);
        let content_type = header_text(resp.headers(), header::CONTENT_TYPE);
        let final_url = resp.url().clone();
        let bytes = self.read_body(resp, &final_url, started)?;
        let body = decode_html(&bytes, content_type.as_deref());
        Ok(FormAnswer {
            status,
            location,
            content_type,
            body,
        })
    }

    /// Reads the body through `take(max_body + 1)`, watching the whole-request deadline.
    fn read_body(&self, resp: Response, url: &Url, started: Instant) -> Result<Vec<u8>, NetError> {
        let limit = self.opts.max_body;
        let too_large = || NetError::TooLarge {
            url: url.to_string(),
            limit,
        };
        if resp.content_length().is_some_and(|len| len > limit) {
            return Err(too_large());
        }
        let mut body = Vec::new();
        let mut reader = resp.take(limit.saturating_add(1));
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            if started.elapsed() > self.opts.timeout {
                return Err(NetError::Timeout {
                    url: url.to_string(),
                    secs: self.limits().timeout_secs,
                });
            }
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(error::from_io(&e, url, self.limits())),
            };
            body.extend_from_slice(buf.get(..n).unwrap_or_default());
            if body.len() as u64 > limit {
                return Err(too_large());
            }
        }
        Ok(body)
    }
}

fn builder(opts: &NetOptions, jar: &Arc<reqwest::cookie::Jar>) -> reqwest::blocking::ClientBuilder {
    HttpClient::builder()
        .user_agent(crate::USER_AGENT)
        .connect_timeout(opts.connect_timeout)
        .timeout(opts.timeout)
        .cookie_provider(Arc::clone(jar))
        .gzip(true)
        .brotli(true)
}

/// http and https only; anything else is refused before a request is made.
fn check_scheme(url: &Url) -> Result<(), NetError> {
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => Ok(()),
        _ => Err(NetError::BadScheme {
            url: url.to_string(),
        }),
    }
}

fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// "text/html" from "Text/HTML; charset=utf-8".
fn mime_of(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// HTML types: text/html, application/xhtml+xml (and an empty type, judged by the body later).
fn is_html_type(content_type: &str) -> bool {
    matches!(
        mime_of(content_type).as_str(),
        "text/html" | "application/xhtml+xml" | ""
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_is_clone_send_sync() {
        fn check<T: Clone + Send + Sync>() {}
        check::<Client>();
    }

    #[test]
    fn html_types() {
        assert!(is_html_type("text/html; charset=utf-8"));
        assert!(is_html_type("Application/XHTML+XML"));
        assert!(!is_html_type("application/json"));
        assert!(!is_html_type("image/png"));
    }

    #[test]
    fn schemes_checked_before_any_request() {
        let client = Client::new(NetOptions::default()).expect("client");
        let url = Url::parse("ftp://example.com/file").expect("url");
        let err = client.get(&url, None).expect_err("ftp refused");
        assert!(matches!(err, NetError::BadScheme { .. }), "{err:?}");
        let url = Url::parse("file:///etc/passwd").expect("url");
        assert!(matches!(
            client.get(&url, None),
            Err(NetError::BadScheme { .. })
        ));
    }
}
