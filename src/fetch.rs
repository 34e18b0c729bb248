//! Fetching a whole post: the first page plus every comment page, merged in thread order; and
//! loading a post from a URL, a file or stdin for the CLI.

use crate::extract;
use crate::model::Post;
use crate::net::{decode_html, local, Client, Fetched, NetError, NetOptions};
use anyhow::Context as _;
use std::collections::{HashSet, VecDeque};
use std::path::Path;
use url::Url;

/// Most pages asked for one post (the post page, failures and redirects to known pages included).
pub const MAX_PAGES: usize = 100;

/// A post with the pages it was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchedPost {
    pub post: Post,
    /// `pages[0]` is the asked page; then comment pages in the order fetched. Empty for a post
    /// read from a file or stdin.
    pub pages: Vec<Fetched>,
    /// Comment pages that could not be fetched, and other things a reader should know.
    pub warnings: Vec<String>,
}

/// Extracts one page: `(html, page url) -> Post`.
pub type ExtractFn<'a> = &'a dyn Fn(&str, &Url) -> Post;
/// Merges pages: `(first, others) -> Post`.
pub type MergeFn<'a> = &'a dyn Fn(Post, Vec<Post>) -> Post;

/// GETs the post, follows `post.comment_pages` breadth-first (each URL once, fragments
/// ignored, at most [`MAX_PAGES`] pages, links found on later pages followed too), extracts
/// each page and merges them. Only the first page's failure is an error; a failing comment
/// page becomes a warning.
pub fn fetch_post(client: &Client, url: &Url) -> Result<FetchedPost, NetError> {
    fetch_post_with(client, url, &extract::extract, &extract::merge_pages)
}

/// [`fetch_post`] with the extractor and merger given (a seam for tests).
pub fn fetch_post_with(
    client: &Client,
    url: &Url,
    extract_fn: ExtractFn<'_>,
    merge_fn: MergeFn<'_>,
) -> Result<FetchedPost, NetError> {
    let first = client.get(url, None)?;
    Ok(follow_pages(client, url, first, extract_fn, merge_fn))
}

/// Given the post's first page (already fetched, e.g. by a conditional GET), fetches its other
/// comment pages and merges them, as [`fetch_post`] does.
pub fn complete_post(client: &Client, url: &Url, first: Fetched) -> FetchedPost {
    follow_pages(client, url, first, &extract::extract, &extract::merge_pages)
}

fn follow_pages(
    client: &Client,
    url: &Url,
    first: Fetched,
    extract_fn: ExtractFn<'_>,
    merge_fn: MergeFn<'_>,
) -> FetchedPost {
    let first_post = extract_fn(&first.html, &first.final_url);
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(page_key(url));
    seen.insert(page_key(&first.final_url));
    let mut queue = VecDeque::new();
    enqueue(&first_post, &first.final_url, &mut seen, &mut queue);

    let mut pages = vec![first];
    let mut others = Vec::new();
    let mut warnings = Vec::new();
    // Failed and duplicate pages count too: a hostile page cannot make parlor ask forever.
    let mut asked = 1;
    while let Some(next) = queue.pop_front() {
        if asked >= MAX_PAGES {
            warnings.push(format!(
                "stopped after {MAX_PAGES} pages (the limit); later comment pages were not fetched"
            ));
            break;
        }
        asked += 1;
        match client.get(&next, None) {
            Ok(page) => {
                let landed = page_key(&page.final_url);
                if landed != page_key(&next) && !seen.insert(landed) {
                    // Redirected to a page already fetched (comment-page-1 → the post).
                    continue;
                }
                let post = extract_fn(&page.html, &page.final_url);
                enqueue(&post, &page.final_url, &mut seen, &mut queue);
                others.push(post);
                pages.push(page);
            }
            Err(e) => warnings.push(format!("comment page skipped: {e}")),
        }
    }
    let post = merge_fn(first_post, others);
    FetchedPost {
        post,
        pages,
        warnings,
    }
}

/// Queues the post's comment pages not seen yet: http/https on the page's own host only (a
/// hostile page cannot send parlor around the web).
fn enqueue(post: &Post, base: &Url, seen: &mut HashSet<String>, queue: &mut VecDeque<Url>) {
    for link in &post.comment_pages {
        let Ok(url) = base.join(link) else { continue };
        if !matches!(url.scheme(), "http" | "https") || url.host_str() != base.host_str() {
            continue;
        }
        if seen.insert(page_key(&url)) {
            queue.push_back(url);
        }
    }
}

/// A page's identity: the URL without its fragment.
fn page_key(url: &Url) -> String {
    let mut u = url.clone();
    u.set_fragment(None);
    u.to_string()
}

/// Rebuilds a post from stored pages (the first is the post page): extracts each and merges.
pub fn post_from_pages(pages: &[(Url, String)]) -> Post {
    let mut posts = pages.iter().map(|(url, html)| extract::extract(html, url));
    match posts.next() {
        Some(first) => extract::merge_pages(first, posts.collect()),
        None => Post::default(),
    }
}

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
    let base = base.cloned().unwrap_or(default_base);
    let html = decode_html(&bytes, None);
    let post = extract::extract(&html, &base);
    Ok(FetchedPost {
        post,
        pages: Vec::new(),
        warnings: Vec::new(),
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
    fn post_from_pages_uses_the_first_page() {
        assert_eq!(post_from_pages(&[]), Post::default());
        let first = Url::parse("https://b.test/p/").expect("url");
        let second = Url::parse("https://b.test/p/comment-page-2/").expect("url");
        let pages = [
            (first, "<p>a</p>".to_string()),
            (second, "<p>b</p>".to_string()),
        ];
        assert_eq!(post_from_pages(&pages).url, "https://b.test/p/");
    }

    #[test]
    fn keys_drop_fragments() {
        let a = Url::parse("https://b.test/p/comment-page-2/#comments").expect("url");
        assert_eq!(page_key(&a), "https://b.test/p/comment-page-2/");
    }

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

    #[test]
    fn enqueue_skips_seen_and_foreign_schemes() {
        let base = Url::parse("https://b.test/p/").expect("url");
        let post = Post {
            comment_pages: vec![
                "https://b.test/p/comment-page-2/#comments".into(),
                "comment-page-2/".into(),
                "mailto:x@b.test".into(),
                "https://elsewhere.test/p/comment-page-2/".into(),
                "https://b.test/p/comment-page-3/".into(),
            ],
            ..Post::default()
        };
        let mut seen = HashSet::from([page_key(&base)]);
        let mut queue = VecDeque::new();
        enqueue(&post, &base, &mut seen, &mut queue);
        let got: Vec<String> = queue.iter().map(Url::to_string).collect();
        assert_eq!(
            got,
            [
                "https://b.test/p/comment-page-2/#comments",
                "https://b.test/p/comment-page-3/"
            ]
        );
    }
}
