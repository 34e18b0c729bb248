//! Page metadata any engine can use: OpenGraph/meta tags, JSON-LD, `<title>`, canonical URL,
//! and the gap-filling pass run after every engine.

use super::{dom, dom::sel, sanitize, Page};
use crate::model::Post;
use serde_json::Value;

/// What schema.org JSON-LD says about the article.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct JsonLd {
    pub headline: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub comment_count: Option<u32>,
}

/// Fills empty post fields from page metadata; never overwrites what an engine found.
pub fn fill_gaps(post: &mut Post, page: &Page<'_>) {
    let root = page.doc.root_element();
    let ld = jsonld(page);
    if post.title.is_empty() {
        post.title = ld
            .headline
            .clone()
            .or_else(|| head_title(page))
            .unwrap_or_default();
    }
    if post.author.is_none() {
        post.author = ld.author.clone().or_else(|| {
            dom::meta(
                root,
                &["author", "article:author", "parsely-author", "dc.creator"],
            )
            .filter(|a| !a.starts_with("http"))
        });
    }
    if post.published.is_none() {
        post.published = dom::meta(
            root,
            &["article:published_time", "datePublished", "dc.date", "date"],
        )
        .or(ld.published);
    }
    if post.canonical_url.is_none() {
        post.canonical_url = canonical(page);
    }
    if post.site.is_empty() {
        post.site = dom::meta(root, &["og:site_name", "application-name"])
            .or_else(|| page.url.host_str().map(sanitize::line))
            .unwrap_or_default();
    }
    if post.comment_count.is_none() {
        post.comment_count = ld.comment_count;
    }
}

/// `<link rel=canonical>`, absolute.
pub fn canonical(page: &Page<'_>) -> Option<String> {
    dom::all(dom::head(page.doc.root_element()), sel!("link[rel][href]"))
        .into_iter()
        .find(|l| {
            l.value().attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| l.value().attr("href"))
        .and_then(|h| dom::abs_url(&page.base, h))
}

/// og:title / twitter:title, else `<title>` with a " | Site" suffix removed.
pub fn head_title(page: &Page<'_>) -> Option<String> {
    let root = page.doc.root_element();
    dom::meta(root, &["og:title", "twitter:title", "dc.title"]).or_else(|| {
        let t = dom::text(dom::first(dom::head(root), sel!("title"))?);
        (!t.is_empty()).then(|| strip_site_suffix(&t))
    })
}

/// "Post title | Site" → "Post title" when the part before the separator is substantial.
pub fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " – ", " — ", " - ", " :: ", " » ", " / ", " · "] {
        if let Some(pos) = title.rfind(sep) {
            let head = title[..pos].trim();
            if head.split_whitespace().count() >= 3 {
                return head.to_string();
            }
            let first = title
                .find(sep)
                .map(|p| title[p + sep.len()..].trim())
                .unwrap_or("");
            if first.split_whitespace().count() >= 3 && head.split_whitespace().count() <= 2 {
                return first.to_string();
            }
        }
    }
    title.to_string()
}

/// Reads every `<script type=application/ld+json>` for an article node.
pub fn jsonld(page: &Page<'_>) -> JsonLd {
    if !page.html.contains("ld+json") {
        return JsonLd::default();
    }
    let mut out = JsonLd::default();
    for script in dom::all(page.doc.root_element(), sel!("script[type]")) {
        if !script
            .value()
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut nodes = Vec::new();
        collect_nodes(&value, &mut nodes, 0);
        let Some(article) = nodes.iter().find(|n| is_article(n)) else {
            continue;
        };
        out.headline = out
            .headline
            .or_else(|| str_field(article, "headline").or_else(|| str_field(article, "name")));
        out.published = out
            .published
            .or_else(|| str_field(article, "datePublished"));
        out.author = out
            .author
            .or_else(|| author_name(article.get("author"), &nodes));
        out.comment_count = out.comment_count.or_else(|| {
            article
                .get("commentCount")
                .and_then(|c| c.as_u64().or_else(|| c.as_str()?.trim().parse().ok()))
                .and_then(|n| u32::try_from(n).ok())
        });
    }
    out
}

fn collect_nodes<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect_nodes(i, out, depth + 1)),
        Value::Object(map) => {
            out.push(v);
            if let Some(g) = map.get("@graph") {
                collect_nodes(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article(v: &Value) -> bool {
    let is = |t: &str| {
        t.ends_with("Article")
            || t == "BlogPosting"
            || t == "DiscussionForumPosting"
            || t == "Report"
    };
    match v.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    let s = sanitize::line(v.get(key)?.as_str()?);
    (!s.is_empty()).then_some(s)
}

fn author_name(a: Option<&Value>, nodes: &[&Value]) -> Option<String> {
    match a? {
        Value::String(s) => Some(sanitize::line(s)).filter(|s| !s.is_empty()),
        Value::Array(items) => {
            let names: Vec<String> = items
                .iter()
                .filter_map(|i| author_name(Some(i), nodes))
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        obj @ Value::Object(_) => str_field(obj, "name").or_else(|| {
            let id = obj.get("@id")?.as_str()?;
            let node = nodes.iter().find(|n| {
                n.get("@id").and_then(Value::as_str) == Some(id) && n.get("name").is_some()
            })?;
            str_field(node, "name")
        }),
        _ => None,
    }
}
