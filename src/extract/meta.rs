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
        .or(ld.published)
        .or_else(|| rdf_date(page.html))
        .or_else(|| super::text_date::shown_date(root));
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

/// The title as a heading shows it ([`title_in_page`]), else og:title / twitter:title, else
/// `<title>` with a " | Site" suffix removed.
pub fn head_title(page: &Page<'_>) -> Option<String> {
    let root = page.doc.root_element();
    if let Some(t) = title_in_page(page) {
        return Some(t);
    }
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

/// Separators between a post's title and the site's name in `<title>` / `og:title`.
const TITLE_SEPARATORS: [&str; 10] = [
    " | ", " – ", " — ", " - ", " :: ", " » ", " / ", " · ", ": ", " : ",
];

/// The post's title as a heading on the page shows it, when `og:title` or `<title>` is that
/// heading, alone or with the site's name ("Peiratikos » Archives » The Moon Lord", "John Lam on
/// Software: funtwo unmasked", "Post | Site"): the first `h1`–`h3` whose text is one part
/// of the title before or after a separator (the longest such heading), skipping the site's
/// own banner heading (a link to the home page, or inside a header or banner). `None` when no
/// heading matches.
pub fn title_in_page(page: &Page<'_>) -> Option<String> {
    let root = page.doc.root_element();
    let head = dom::first(dom::head(root), sel!("title")).map(dom::text);
    let whole: Vec<String> = [dom::meta(root, &["og:title"]), head]
        .into_iter()
        .flatten()
        .filter(|t| !t.is_empty())
        .collect();
    if whole.is_empty() {
        return None;
    }
    let parts: Vec<String> = whole
        .iter()
        .flat_map(|t| title_parts(t))
        .chain(whole.iter().map(|t| squash(t)))
        .filter(|p| !p.is_empty())
        .collect();
    let body = dom::first(root, sel!("body"))?;
    // The longest matching heading: "Part 2" may head a section of "Rails – Part 2".
    dom::all(body, sel!("h1, h2, h3"))
        .into_iter()
        .take(200)
        .map(|h| (h, dom::text(h)))
        .filter(|(h, t)| parts.contains(&squash(t)) && !site_heading(*h, page))
        .fold(None::<String>, |best, (_, t)| match best {
            Some(b) if b.chars().count() >= t.chars().count() => Some(b),
            _ => Some(t),
        })
}

/// What is before and what is after each separator in a title: "A – B: C | D" gives "A",
/// "A – B", "A – B: C", "B: C | D", "C | D" and "D" (a part in the middle is never the title:
/// it may be a heading inside the post).
fn title_parts(t: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for sep in TITLE_SEPARATORS {
        for (i, _) in t.match_indices(sep) {
            parts.push(squash(&t[..i]));
            parts.push(squash(&t[i + sep.len()..]));
        }
    }
    parts
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A blog's name heading: it links to the home page, or sits in the page header or banner.
fn site_heading(h: scraper::ElementRef<'_>, page: &Page<'_>) -> bool {
    let home = |href: &str| {
        page.base.join(href.trim()).is_ok_and(|u| {
            u.host_str() == page.url.host_str()
                && matches!(u.path(), "/" | "" | "/index.html" | "/index.php")
        })
    };
    let links_home = std::iter::once(h)
        .chain(h.descendent_elements())
        .chain(h.parent().and_then(scraper::ElementRef::wrap))
        .filter(|e| e.value().name() == "a")
        .filter_map(|e| e.value().attr("href"))
        .any(home);
    links_home
        || std::iter::once(h)
            .chain(h.ancestors().filter_map(scraper::ElementRef::wrap).take(4))
            .any(|a| {
                a.value().id() == Some("header")
                    || a.value().attr("role") == Some("banner")
                    || [
                        "banner",
                        "masthead",
                        "site-title",
                        "blog-title",
                        "site-header",
                        "branding",
                    ]
                    .iter()
                    .any(|w| dom::id_class(a).contains(w))
            })
}

/// Words a byline puts before the author's name.
const BYLINE_PREFIXES: [&str; 12] = [
    "view all posts by",
    "posted by:",
    "posted by",
    "written by",
    "author:",
    "author",
    "autor:",
    "autor",
    "by:",
    "by",
    "作者",
    "投稿者",
];

/// The author's name alone from a byline element's text: "Kirk on May 26, 2010 10:26 PM",
/// "Author bernie", "View all posts by jane", "//Posted by egyar at September 15, 2004",
/// "Marina22 July 2026 7 min read", "TOM | 2010年4月18日" → the name. `None` when no name is
/// left (a byline that is only a date).
pub fn clean_author(raw: &str) -> Option<String> {
    let mut a = raw
        .trim()
        .trim_start_matches(['/', '-', '—', '–', '·', ' '])
        .trim();
    let lower = a.to_lowercase();
    if let Some(p) = BYLINE_PREFIXES.iter().find(|p| {
        lower.starts_with(*p)
            && lower[p.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c == ':' || !p.is_ascii())
    }) {
        a = a[p.len()..].trim_start_matches([':', ' ']).trim();
    }
    // "on September 1, 2004": only a date.
    let lower = a.to_lowercase();
    if lower.starts_with("on ") || lower.starts_with("at ") {
        return None;
    }
    // The name ends where the date or the links begin.
    for sep in [" on ", " at ", " | ", " (", " · ", " - ", " — ", "（", "("] {
        if let Some(i) = a.find(sep) {
            a = &a[..i];
        }
    }
    // "Marina22 July 2026": a date glued to the name.
    if let Some(i) = a.find(|c: char| c.is_ascii_digit()) {
        let rest = &a[i..];
        let year = rest.as_bytes().windows(4).any(|w| {
            w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20"))
        });
        if i > 0 && year {
            a = &a[..i];
        }
    }
    let a = a.trim().trim_end_matches([',', ':', '|']).trim();
    let lower = a.to_lowercase();
    (!a.is_empty() && lower != "on" && lower != "by").then(|| a.to_string())
}

/// The post's `dc:date` from the trackback RDF that Movable Type and TypePad put in an HTML
/// comment of each entry's page (`<rdf:Description … dc:date="2006-08-27T20:03:54-07:00" />`);
/// only when the page has exactly one such description (an index page lists many).
fn rdf_date(html: &str) -> Option<String> {
    let mut found = html.match_indices("<rdf:Description");
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let rest = &html[at..];
    let desc = &rest[..rest.find('>').unwrap_or(rest.len())];
    let start = desc.find("dc:date=\"")? + "dc:date=\"".len();
    let date = &desc[start..];
    let date = &date[..date.find('"')?];
    let b = date.as_bytes();
    (b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-')
        .then(|| sanitize::line(date))
}
