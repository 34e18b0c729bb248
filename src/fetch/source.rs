//! Loading a post for the CLI from a URL, a file or stdin (files and stdin capped like pages).

use super::{fetch_post, FetchedPost};
use crate::extract;
use crate::net::{decode_html_owned, local, Client, NetOptions};
use anyhow::Context as _;
use std::path::Path;
use url::Url;

/// Loads SOURCE for the CLI: an http(s) URL is fetched with its comment pages (with `client`,
/// or a default client when `None`); `-` reads stdin; anything else is a file path (a `file://`
/// URL too). Files and stdin are decoded like pages (meta charset, then UTF-8) and extracted
/// with `base` as their URL (default: the file's `file://` URL).
pub fn load_source(
    client: Option<&Client>,
    source: &str,
    base: Option<&Url>,
) -> anyhow::Result<FetchedPost> {
    if let Some(url) = web_url(source)? {
        let owned;
        let client = match client {
            Some(c) => c,
            None => {
                owned = Client::new(NetOptions::default())?;
                &owned
            }
        };
        return Ok(fetch_post(client, &url)?);
    }
    let (bytes, default_base) = if source == "-" {
        let bytes = local::read_limited(std::io::stdin(), local::MAX_PAGE, "stdin")
            .context("could not read stdin")?;
        let base = Url::parse("file:///dev/stdin").context("stdin URL")?;
        (bytes, base)
    } else {
        read_file(source)?
    };
    if bytes.is_empty() {
        let what = if source == "-" { "stdin" } else { source };
        anyhow::bail!("nothing to read: {what} is empty");
    }
    let base = base.cloned().unwrap_or(default_base);
    // The bytes become the text (no copy when they are UTF-8 already): peak memory is the
    // page once, plus its DOM.
    let html = decode_html_owned(bytes, None);
    // Given away: dropped once the parser has its copy.
    let mut post = extract::extract_owned(html, &base);
    let warnings = super::merge_duplicate_ids(&mut post).into_iter().collect();
    Ok(FetchedPost {
        post,
        pages: Vec::new(),
        warnings,
    })
}

/// `Some(url)` for an http(s) URL; an error for another scheme written as `scheme://`; `None`
/// for a path (or a `file://` URL, handled as a path).
fn web_url(source: &str) -> anyhow::Result<Option<Url>> {
    let lower = source.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let url = Url::parse(source).with_context(|| format!("{source} is not a valid address"))?;
        return Ok(Some(url));
    }
    if let Some((scheme, _)) = source.split_once("://") {
        let plain = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if plain && !scheme.eq_ignore_ascii_case("file") {
            anyhow::bail!("only http and https addresses, files and - can be opened, not {source}");
        }
    }
    Ok(None)
}

/// Reads a file given as a path or a `file://` URL; returns its bytes and `file://` URL.
fn read_file(source: &str) -> anyhow::Result<(Vec<u8>, Url)> {
    let path = if source.to_ascii_lowercase().starts_with("file://") {
        Url::parse(source)
            .ok()
            .and_then(|u| u.to_file_path().ok())
            .with_context(|| format!("{source} is not a valid file address"))?
    } else {
        Path::new(source).to_path_buf()
    };
    let bytes = local::read_file(&path, local::MAX_PAGE).map_err(|e| {
        use std::io::ErrorKind as K;
        let why = match e.kind() {
            K::NotFound => "no such file".to_string(),
            K::PermissionDenied => "permission denied".to_string(),
            K::IsADirectory => "it is a directory".to_string(),
            _ => e.to_string(),
        };
        anyhow::anyhow!("could not read {}: {why}", path.display())
    })?;
    let absolute = std::path::absolute(&path).unwrap_or(path);
    let url = Url::from_file_path(&absolute)
        .map_err(|()| anyhow::anyhow!("could not make a file URL for {}", absolute.display()))?;
    Ok((bytes, url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_classified() {
        assert!(web_url("https://b.test/x").expect("ok").is_some());
        assert!(web_url("post.html").expect("ok").is_none());
        assert!(web_url("file:///tmp/x.html").expect("ok").is_none());
        let err = web_url("ftp://b.test/x").expect_err("ftp");
        assert_eq!(
            err.to_string(),
            "only http and https addresses, files and - can be opened, not ftp://b.test/x"
        );
    }

    #[test]
    fn missing_file_message() {
        let err = load_source(None, "/nonexistent/parlor-test.html", None).expect_err("missing");
        assert_eq!(
            format!("{err:#}"),
            "could not read /nonexistent/parlor-test.html: no such file"
        );
    }
}
