//! Requests to JSON APIs (comment services, discussion sites): any method, extra headers, every
//! status returned as an answer with its headers (rate limits live there), the body capped.

use super::{check_scheme, error, Client, NetError};
use reqwest::header::{HeaderName, HeaderValue};
use std::time::Instant;
use url::Url;

/// The body of an API request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiBody {
    None,
    /// `application/json`.
    Json(String),
    /// `application/x-www-form-urlencoded`.
    Form(Vec<(String, String)>),
}

/// One API request: method, URL, extra headers (Accept, Authorization, …), body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    pub method: &'static str,
    pub url: Url,
    pub headers: Vec<(String, String)>,
    pub body: ApiBody,
    /// Follow redirects (GETs of public data); answers to POSTs are never followed.
    pub follow_redirects: bool,
}

impl ApiRequest {
    /// A GET asking for JSON.
    pub fn get_json(url: Url) -> ApiRequest {
        ApiRequest {
            method: "GET",
            url,
            headers: vec![("Accept".into(), "application/json".into())],
            body: ApiBody::None,
            follow_redirects: true,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> ApiRequest {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// The service's answer, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiAnswer {
    pub status: u16,
    /// The URL after redirects.
    pub final_url: Url,
    /// Response headers, names lowercase, in order.
    pub headers: Vec<(String, String)>,
    /// Raw body bytes (decompressed, at most the client's body cap).
    pub body: Vec<u8>,
}

impl ApiAnswer {
    /// The first header with this (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl Client {
    /// Sends an API request with the client's limits (timeouts, redirect cap, http/https only,
    /// body cap). Every HTTP status is an answer; only transport failures are errors.
    pub fn api(&self, req: &ApiRequest) -> Result<ApiAnswer, NetError> {
        check_scheme(&req.url)?;
        let started = Instant::now();
        let method =
            reqwest::Method::from_bytes(req.method.as_bytes()).map_err(|e| NetError::Other {
                url: req.url.to_string(),
                detail: format!("bad method {}: {e}", req.method),
            })?;
        let http = if req.follow_redirects {
            &self.http
        } else {
            &self.no_redirect
        };
        let mut builder = http.request(method, req.url.clone());
        for (name, value) in &req.headers {
            let (Ok(n), Ok(v)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) else {
                return Err(NetError::Other {
                    url: req.url.to_string(),
                    detail: format!("header {name} cannot be sent"),
                });
            };
            builder = builder.header(n, v);
        }
        builder = match &req.body {
            ApiBody::None => builder,
            ApiBody::Json(json) => builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(json.clone()),
            ApiBody::Form(fields) => builder.form(fields),
        };
        let resp = builder
            .send()
            .map_err(|e| error::from_reqwest(&e, &req.url, self.limits()))?;
        let final_url = resp.url().clone();
        let status = resp.status().as_u16();
        let headers = resp
            .headers()
            .iter()
            .filter_map(|(n, v)| Some((n.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let body = self.read_body(resp, &final_url, started)?;
        Ok(ApiAnswer {
            status,
            final_url,
            headers,
            body,
        })
    }
}
