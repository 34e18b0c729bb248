//! schema.org JSON-LD comments: an article node (`BlogPosting`, `Article`, …, in `@graph` or
//! not) whose `comment` array holds `Comment`s; replies point at their parent with
//! `parentItem` (an `@id`) or sit in their parent's own `comment` array. The article text comes
//! from the generic engine (JSON-LD rarely carries it); title, author and date from the node.

use super::{generic, sanitize, Page};
use crate::model::{Block, Comment, Inline, Post};
use serde_json::Value;
use std::collections::HashMap;

/// Most comments read from one page (hostile pages could nest or repeat without end).
const MAX_COMMENTS: usize = 20_000;

/// A JSON-LD script that mentions `comment`.
pub fn detect(page: &Page<'_>) -> bool {
    page.html.contains("ld+json") && page.html.contains("\"comment\"")
}

/// Extracts the post with its JSON-LD comments; `None` when no article node has comments.
pub fn extract(page: &Page<'_>) -> Option<Post> {
    let article = super::dom::all(page.doc.root_element(), super::dom::sel!("script[type]"))
        .into_iter()
        .filter(|s| {
            s.value()
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        })
        .filter_map(|s| serde_json::from_str::<Value>(s.text().collect::<String>().trim()).ok())
        .find_map(|v| find_article(&v, 0).cloned())?;
    let mut flat = Vec::new();
    flatten(article.get("comment")?, None, &mut flat, 0);
    if flat.is_empty() {
        return None;
    }
    let mut post = generic::article(page);
    post.comments.clear();
    if let Some(h) = text_field(&article, "headline").or_else(|| text_field(&article, "name")) {
        post.title = h;
    }
    post.author = person(article.get("author"))
        .map(|(n, _)| n)
        .or(post.author);
    post.published = text_field(&article, "datePublished").or(post.published);
    post.comments = thread_order(flat);
    Some(post)
}

fn find_article(v: &Value, depth: usize) -> Option<&Value> {
    if depth > 8 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(map) => {
            if is_article(v) && map.get("comment").is_some_and(|c| !c.is_null()) {
                return Some(v);
            }
            map.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn is_article(v: &Value) -> bool {
    let is = |t: &str| {
        t.ends_with("Article") || t.ends_with("Posting") || t == "WebPage" || t == "Report"
    };
    match v.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn text_field(v: &Value, key: &str) -> Option<String> {
    let s = sanitize::line(v.get(key)?.as_str()?);
    (!s.is_empty()).then_some(s)
}

/// `(name, url)` of a `Person` (or a plain string).
fn person(v: Option<&Value>) -> Option<(String, Option<String>)> {
    match v? {
        Value::String(s) => Some((sanitize::line(s), None)),
        Value::Array(items) => person(items.first()),
        obj @ Value::Object(_) => Some((
            text_field(obj, "name")?,
            text_field(obj, "url").filter(|u| u.starts_with("http")),
        )),
        _ => None,
    }
}

/// `@id` (or `url`) of a node or a reference.
fn node_id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(_) => text_field(v, "@id").or_else(|| text_field(v, "url")),
        _ => None,
    }
}

/// A comment, the reference to its parent, and its own `@id` (or url, or id).
type Flat = (Comment, Option<String>, String);

/// Comments in document order with their parent reference (`parentItem`, or the comment whose
/// `comment` array holds them).
fn flatten(v: &Value, parent: Option<&str>, out: &mut Vec<Flat>, depth: usize) {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![v],
        _ => return,
    };
    for item in items {
        if out.len() >= MAX_COMMENTS || depth > 64 || !item.is_object() {
            continue;
        }
        let c = read_comment(item, out.len());
        let parent_ref = item
            .get("parentItem")
            .and_then(node_id)
            .or_else(|| parent.map(str::to_string));
        let key = node_id(item).unwrap_or_else(|| c.id.clone());
        out.push((c, parent_ref, key.clone()));
        if let Some(children) = item.get("comment") {
            flatten(children, Some(&key), out, depth + 1);
        }
    }
}

fn read_comment(item: &Value, n: usize) -> Comment {
    let (author, author_url) = person(item.get("author")).unwrap_or_default();
    let permalink = text_field(item, "url").or_else(|| text_field(item, "@id"));
    let id = permalink
        .as_deref()
        .and_then(|u| u.rsplit_once('#'))
        .map(|(_, f)| f.strip_prefix("comment-").unwrap_or(f).to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| (n + 1).to_string());
    let text = item.get("text").and_then(Value::as_str).unwrap_or_default();
    Comment {
        id,
        author,
        author_url,
        published: text_field(item, "dateCreated").or_else(|| text_field(item, "datePublished")),
        permalink: permalink.filter(|p| p.starts_with("http")),
        blocks: paragraphs(text),
        ..Comment::default()
    }
}

fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(|p| sanitize::collapse(&sanitize::inline(p)))
        .filter(|p| !p.trim().is_empty())
        .map(|p| Block::Paragraph {
            content: vec![Inline::Text {
                text: p.trim().to_string(),
            }],
        })
        .collect()
}

/// Orders comments as a thread (pre-order, children after their parent in document order) and
/// sets `parent`/`depth`. A parent reference that names no comment makes a top-level comment.
fn thread_order(flat: Vec<Flat>) -> Vec<Comment> {
    let keys: HashMap<String, usize> = flat
        .iter()
        .enumerate()
        .flat_map(|(i, (c, _, key))| {
            let mut k = vec![(c.id.clone(), i), (key.clone(), i)];
            if let Some(p) = &c.permalink {
                k.push((p.clone(), i));
            }
            k
        })
        .collect();
    let parent_of: Vec<Option<usize>> = flat
        .iter()
        .enumerate()
        .map(|(i, (_, p, _))| {
            p.as_ref()
                .and_then(|p| keys.get(p).copied())
                .filter(|&p| p != i)
        })
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); flat.len()];
    let mut roots = Vec::new();
    for (i, p) in parent_of.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(i),
            None => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(flat.len());
    let mut stack: Vec<(usize, u16)> = roots.iter().rev().map(|&r| (r, 0)).collect();
    let mut placed = vec![false; flat.len()];
    while let Some((i, depth)) = stack.pop() {
        if std::mem::replace(&mut placed[i], true) {
            continue;
        }
        order.push((i, depth));
        stack.extend(
            children[i]
                .iter()
                .rev()
                .map(|&c| (c, depth.saturating_add(1))),
        );
    }
    // Comments caught in a parent cycle were never reached: they become top-level.
    let mut parent_of = parent_of;
    for i in 0..placed.len() {
        if !placed[i] {
            parent_of[i] = None;
            order.push((i, 0));
        }
    }
    let mut slots: Vec<Option<Comment>> = flat.into_iter().map(|(c, _, _)| Some(c)).collect();
    let ids: Vec<String> = slots
        .iter()
        .map(|c| c.as_ref().map(|c| c.id.clone()).unwrap_or_default())
        .collect();
    order
        .into_iter()
        .filter_map(|(i, depth)| {
            let mut c = slots.get_mut(i)?.take()?;
            c.depth = depth;
            c.parent = parent_of[i].map(|p| ids[p].clone());
            Some(c)
        })
        .collect()
}
