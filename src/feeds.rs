//! Feeds: discovering a blog's feed in its HTML, parsing RSS/Atom/JSON Feed (feed-rs) into a
//! small list of posts, and OPML import/export of subscriptions. Pure: no network, no clock.

use crate::extract::sanitize;
use scraper::Selector;
use std::sync::LazyLock;
use url::Url;

/// A feed advertised by a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLink {
    pub url: String,
    pub title: Option<String>,
}

/// A parsed feed: the blog and its recent posts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedInfo {
    pub title: String,
    /// The blog's home page, when the feed names it.
    pub site_url: Option<String>,
    pub items: Vec<FeedItem>,
}

/// One post listed in a feed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedItem {
    pub id: String,
    pub title: String,
    /// The post's page (absolute).
    pub url: Option<String>,
    /// ISO 8601 publication time.
    pub published: Option<String>,
    /// `slash:comments` when the feed gives it.
    pub comment_count: Option<u32>,
    /// The post's own comments feed (`wfw:commentRss`).
    pub comments_feed: Option<String>,
}

/// A subscription as OPML carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlEntry {
    pub title: String,
    pub feed_url: String,
    pub site_url: Option<String>,
}

/// Why a feed could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("not a feed (RSS, Atom or JSON Feed): {0}")]
    Parse(String),
}

fn sel(s: &str) -> Selector {
    // Selectors here are fixed literals; a failure is a programming error caught by the tests.
    Selector::parse(s).unwrap_or_else(|_| panic!("bad selector {s}"))
}

static ALTERNATE: LazyLock<Selector> = LazyLock::new(|| sel("link[rel~=alternate][href]"));
static OUTLINE: LazyLock<Selector> = LazyLock::new(|| sel("outline[xmlurl]"));

const FEED_TYPES: [&str; 4] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
];

/// Feeds a page advertises with `<link rel="alternate">`, in page order, comment feeds last.
/// When it names none, WordPress's `/feed/` under the site root is the usual guess.
pub fn discover(html: &str, base: &Url) -> Vec<FeedLink> {
    let doc = crate::extract::parse(html);
    let mut found: Vec<FeedLink> = Vec::new();
    for el in doc.select(&ALTERNATE) {
        let kind = el
            .value()
            .attr("type")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !FEED_TYPES.contains(&kind.as_str()) {
            continue;
        }
        let Some(url) = el
            .value()
            .attr("href")
            .and_then(|h| base.join(h.trim()).ok())
        else {
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") || found.iter().any(|f| f.url == url.as_str())
        {
            continue;
        }
        let title = el.value().attr("title").map(sanitize::line);
        found.push(FeedLink {
            url: url.to_string(),
            title,
        });
    }
    // "Comments Feed" and per-post comment feeds come after the blog's own feed.
    found.sort_by_key(is_comment_feed);
    found
}

fn is_comment_feed(f: &FeedLink) -> bool {
    let title = f.title.as_deref().unwrap_or("").to_lowercase();
    title.contains("comment") || f.url.contains("/comments/feed")
}

/// The conventional WordPress feed URL for a site: `<origin>/feed/`.
pub fn wordpress_feed_guess(base: &Url) -> Option<String> {
    base.join("/feed/").ok().map(|u| u.to_string())
}

/// True when the bytes look like a feed rather than an HTML page.
pub fn looks_like_feed(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with('{')
        || head.contains("<rss")
        || head.contains("<feed")
        || head.contains("<rdf:rdf")
}

/// Parses an RSS, Atom or JSON Feed document. Relative links resolve against `base`.
pub fn parse_feed(body: &[u8], base: &Url) -> Result<FeedInfo, FeedError> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(base.as_str()))
        .build();
    let feed = parser
        .parse(body)
        .map_err(|e| FeedError::Parse(e.to_string()))?;
    let counts = slash_counts(&String::from_utf8_lossy(body));
    let title = feed
        .title
        .as_ref()
        .map(|t| sanitize::line(&t.content))
        .unwrap_or_default();
    let site_url = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .and_then(|l| absolute(base, &l.href));
    let items = feed
        .entries
        .iter()
        .map(|e| {
            let url = e
                .links
                .iter()
                .find(|l| l.target.is_none() && l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .and_then(|l| absolute(base, &l.href));
            let comments_feed = e
                .links
                .iter()
                .find(|l| l.target == Some(feed_rs::model::LinkTarget::CommentsFeed))
                .and_then(|l| absolute(base, &l.href));
            let comment_count = url.as_ref().and_then(|u| counts.get(u.as_str())).copied();
            FeedItem {
                id: sanitize::line(&e.id),
                title: e
                    .title
                    .as_ref()
                    .map(|t| sanitize::line(&t.content))
                    .unwrap_or_default(),
                url,
                published: e.published.or(e.updated).map(|d| d.to_rfc3339()),
                comment_count,
                comments_feed,
            }
        })
        .collect();
    Ok(FeedInfo {
        title,
        site_url,
        items,
    })
}

fn absolute(base: &Url, href: &str) -> Option<String> {
    let url = base.join(href.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// `(item link, slash:comments)` pairs from an RSS 2.0 document; feed-rs does not read the
/// slash namespace. A plain scan of each `<item>`; anything odd is skipped, never an error.
/// A map, so matching items to counts stays linear.
fn slash_counts(xml: &str) -> std::collections::HashMap<String, u32> {
    let mut out = std::collections::HashMap::new();
    for item in xml.split("<item").skip(1) {
        let item = item.split("</item>").next().unwrap_or("");
        let link = between(item, "<link>", "</link>").map(|s| s.trim().to_string());
        let count = between(item, "<slash:comments>", "</slash:comments>")
            .and_then(|s| s.trim().parse().ok());
        if let (Some(link), Some(count)) = (link, count) {
            out.entry(link).or_insert(count);
        }
    }
    out
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

/// Reads the subscriptions of an OPML file (every `outline` with an `xmlUrl`, nested or not).
pub fn parse_opml(text: &str) -> Vec<OpmlEntry> {
    // html5ever lowercases attribute names and tolerates broken XML, which OPML often is.
    let doc = crate::extract::parse(text);
    doc.select(&OUTLINE)
        .filter_map(|el| {
            let v = el.value();
            let feed_url = v.attr("xmlurl")?.trim();
            let url = Url::parse(feed_url)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https"))?;
            let title = v
                .attr("title")
                .or_else(|| v.attr("text"))
                .unwrap_or(feed_url);
            Some(OpmlEntry {
                title: sanitize::line(title),
                feed_url: url.to_string(),
                site_url: v
                    .attr("htmlurl")
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
            })
        })
        .collect()
}

/// Writes subscriptions as an OPML 2.0 document.
pub fn write_opml(entries: &[OpmlEntry]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head><title>parlor subscriptions</title></head>\n  <body>\n",
    );
    for e in entries {
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{t}\" title=\"{t}\" xmlUrl=\"{x}\"",
            t = xml_escape(&e.title),
            x = xml_escape(&e.feed_url)
        ));
        if let Some(site) = &e.site_url {
            out.push_str(&format!(" htmlUrl=\"{}\"", xml_escape(site)));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
