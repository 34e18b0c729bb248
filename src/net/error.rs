//! Network failures as typed errors with messages a person understands, and the mapping from
//! reqwest's error chains to them.

use std::error::Error as StdError;
use std::io;
use url::Url;

/// Why a request failed. Every variant displays as one plain sentence.
#[derive(Debug, thiserror::Error)]
pub enum NetError {
    #[error("could not reach {host}: no such host (DNS lookup failed)")]
    Dns { host: String },
    #[error("could not reach {}: the connection was refused", host_of(url))]
    Refused { url: String },
    #[error("could not reach {}: {detail}", host_of(url))]
    Connect { url: String, detail: String },
    #[error("{} took longer than {secs} s to answer", host_of(url))]
    Timeout { url: String, secs: u64 },
    #[error("secure connection to {} failed: {detail}", host_of(url))]
    Tls { url: String, detail: String },
    #[error("{url} answered {}", status_text(*status))]
    Status { url: String, status: u16 },
    #[error("the page is larger than {} ({url})", size_text(*limit))]
    TooLarge { url: String, limit: u64 },
    #[error("{url} is not a web page (it is {content_type})")]
    NotHtml { url: String, content_type: String },
    #[error("{url} redirected more than {limit} times")]
    TooManyRedirects { url: String, limit: usize },
    #[error("only http and https addresses can be opened, not {url}")]
    BadScheme { url: String },
    #[error("reading {url} failed: {detail}")]
    Io { url: String, detail: String },
    #[error("{detail} ({url})")]
    Other { url: String, detail: String },
}

impl NetError {
    /// True when trying again later may work: offline (DNS, refused, unreachable), timeouts,
    /// a broken connection, 5xx answers and 429 Too Many Requests.
    pub fn is_transient(&self) -> bool {
        match self {
            NetError::Dns { .. }
            | NetError::Refused { .. }
            | NetError::Connect { .. }
            | NetError::Timeout { .. }
            | NetError::Io { .. } => true,
            NetError::Status { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

/// "blog.example.com" (plus ":port" when not the default) for a URL string.
fn host_of(url: &str) -> String {
    match Url::parse(url) {
        Ok(u) => match (u.host_str(), u.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            _ => url.to_string(),
        },
        Err(_) => url.to_string(),
    }
}

/// "404 Not Found".
pub fn status_text(status: u16) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(r) => format!("{status} {r}"),
        None => status.to_string(),
    }
}

/// "20 MB", "512 KB", "900 bytes".
pub fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Raised by the redirect policy when the limit is passed.
#[derive(Debug)]
pub(crate) struct RedirectLimit;

impl std::fmt::Display for RedirectLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too many redirects")
    }
}
impl StdError for RedirectLimit {}

/// Raised by the redirect policy when a redirect leaves http/https.
#[derive(Debug)]
pub(crate) struct RedirectScheme(pub String);

impl std::fmt::Display for RedirectScheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "redirect to {}", self.0)
    }
}
impl StdError for RedirectScheme {}

/// Every error in the chain, looking inside `io::Error`s too (their `source()` skips the
/// wrapped error itself).
fn chain<'a>(top: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut out = Vec::new();
    let mut next = Some(top);
    while let Some(err) = next {
        if out.len() > 32 {
            break;
        }
        out.push(err);
        next = match err.downcast_ref::<io::Error>().and_then(|io| io.get_ref()) {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => err.source(),
        };
    }
    out
}

/// What the limits were, for the messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub timeout_secs: u64,
    pub max_redirects: usize,
}

/// Maps a reqwest error (from sending or reading) to a `NetError` for `url`.
pub(crate) fn from_reqwest(err: &reqwest::Error, url: &Url, limits: Limits) -> NetError {
    let url_s = err.url().unwrap_or(url).to_string();
    if err.is_redirect() {
        return redirect_error(err, url_s, limits);
    }
    if err.is_dns() {
        let host = err
            .url()
            .unwrap_or(url)
            .host_str()
            .unwrap_or_default()
            .to_string();
        return NetError::Dns { host };
    }
    if err.is_timeout() {
        return NetError::Timeout {
            url: url_s,
            secs: limits.timeout_secs,
        };
    }
    from_chain(err, url_s, limits)
}

fn redirect_error(err: &reqwest::Error, url: String, limits: Limits) -> NetError {
    for e in chain(err) {
        if let Some(s) = e.downcast_ref::<RedirectScheme>() {
            return NetError::BadScheme { url: s.0.clone() };
        }
    }
    NetError::TooManyRedirects {
        url,
        limit: limits.max_redirects,
    }
}

/// Maps an I/O error met while reading a body.
pub(crate) fn from_io(err: &io::Error, url: &Url, limits: Limits) -> NetError {
    if err.kind() == io::ErrorKind::TimedOut {
        return NetError::Timeout {
            url: url.to_string(),
            secs: limits.timeout_secs,
        };
    }
    for e in chain(err) {
        if let Some(r) = e.downcast_ref::<reqwest::Error>() {
            if r.is_timeout() {
                return NetError::Timeout {
                    url: url.to_string(),
                    secs: limits.timeout_secs,
                };
            }
        }
    }
    match from_chain(err, url.to_string(), limits) {
        NetError::Other { url, detail } => NetError::Io { url, detail },
        other => other,
    }
}

fn from_chain(top: &(dyn StdError + 'static), url: String, limits: Limits) -> NetError {
    let errors = chain(top);
    for e in &errors {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return NetError::Tls {
                url,
                detail: tls_detail(tls),
            };
        }
    }
    for e in &errors {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            if let Some(mapped) = io_kind_error(io.kind(), &url, limits) {
                return mapped;
            }
        }
    }
    let detail = errors.last().map(|e| e.to_string()).unwrap_or_default();
    let lower = detail.to_ascii_lowercase();
    if lower.contains("dns error") || lower.contains("failed to lookup address") {
        let host = host_of(&url);
        return NetError::Dns { host };
    }
    NetError::Other {
        url,
        detail: plain_detail(&detail),
    }
}

fn io_kind_error(kind: io::ErrorKind, url: &str, limits: Limits) -> Option<NetError> {
    use io::ErrorKind as K;
    let url = url.to_string();
    let detail = match kind {
        K::ConnectionRefused => return Some(NetError::Refused { url }),
        K::TimedOut => {
            return Some(NetError::Timeout {
                url,
                secs: limits.timeout_secs,
            })
        }
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
            "the connection was closed before the answer was complete"
        }
        K::NetworkUnreachable | K::HostUnreachable => "the network is unreachable (offline?)",
        K::AddrNotAvailable | K::NetworkDown => "the network is down (offline?)",
        _ => return None,
    };
    Some(NetError::Connect {
        url,
        detail: detail.to_string(),
    })
}

fn tls_detail(err: &rustls::Error) -> String {
    use rustls::{CertificateError, Error as E};
    match err {
        E::InvalidCertificate(CertificateError::Expired) => "its certificate has expired".into(),
        E::InvalidCertificate(CertificateError::UnknownIssuer) => {
            "its certificate is not signed by a known authority".into()
        }
        E::InvalidCertificate(CertificateError::NotValidForName) => {
            "its certificate is for a different name".into()
        }
        E::InvalidCertificate(other) => format!("invalid certificate ({other:?})"),
        E::InvalidMessage(_) => {
            "the server did not answer in TLS (does it only speak http?)".into()
        }
        E::AlertReceived(alert) => format!("the server refused the secure connection ({alert:?})"),
        other => other.to_string(),
    }
}

/// First letter lowercase, no trailing period: fits after "… failed: ".
fn plain_detail(s: &str) -> String {
    let s = s.trim().trim_end_matches('.');
    if s.is_empty() {
        "unknown network error".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_sentences() {
        let e = NetError::Dns {
            host: "blog.example.com".into(),
        };
        assert_eq!(
            e.to_string(),
            "could not reach blog.example.com: no such host (DNS lookup failed)"
        );
        let e = NetError::Timeout {
            url: "https://blog.example.com/x".into(),
            secs: 30,
        };
        assert_eq!(
            e.to_string(),
            "blog.example.com took longer than 30 s to answer"
        );
        let e = NetError::Status {
            url: "https://b.test/p".into(),
            status: 404,
        };
        assert_eq!(e.to_string(), "https://b.test/p answered 404 Not Found");
        let e = NetError::TooLarge {
            url: "https://b.test/".into(),
            limit: 20 * 1024 * 1024,
        };
        assert_eq!(
            e.to_string(),
            "the page is larger than 20 MB (https://b.test/)"
        );
        let e = NetError::Refused {
            url: "http://127.0.0.1:9/".into(),
        };
        assert_eq!(
            e.to_string(),
            "could not reach 127.0.0.1:9: the connection was refused"
        );
    }

    #[test]
    fn transient_kinds() {
        assert!(NetError::Status {
            url: String::new(),
            status: 503
        }
        .is_transient());
        assert!(NetError::Status {
            url: String::new(),
            status: 429
        }
        .is_transient());
        assert!(!NetError::Status {
            url: String::new(),
            status: 404
        }
        .is_transient());
        assert!(NetError::Dns {
            host: String::new()
        }
        .is_transient());
        assert!(!NetError::BadScheme { url: String::new() }.is_transient());
    }

    #[test]
    fn sizes() {
        assert_eq!(size_text(1000), "1000 bytes");
        assert_eq!(size_text(4096), "4 KB");
        assert_eq!(size_text(3 * 1024 * 1024 / 2), "1.5 MB");
    }
}
