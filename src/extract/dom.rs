//! Small DOM helpers shared by the extractors: class tests, text, URLs, cached selectors.

use super::sanitize;
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Node, Selector};
use std::collections::HashSet;
use url::Url;

/// A CSS selector compiled once, on first use.
macro_rules! sel {
    ($s:expr) => {{
        static SEL: std::sync::LazyLock<Option<scraper::Selector>> =
            std::sync::LazyLock::new(|| scraper::Selector::parse($s).ok());
        SEL.as_ref()
    }};
}
pub(crate) use sel;

/// True when the element's class list holds `class`.
pub fn has_class(el: ElementRef<'_>, class: &str) -> bool {
    classes(el).any(|c| c == class)
}

/// The element's classes, read from the attribute (no atom interning: cheap on big pages).
pub fn classes<'a>(el: ElementRef<'a>) -> impl Iterator<Item = &'a str> {
    attr(el, "class").unwrap_or("").split_ascii_whitespace()
}

/// A fast hasher for node ids (small integers; no HashDoS concern: they are not input).
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// Hash builder for maps/sets keyed by `NodeId`.
pub type IdBuild = std::hash::BuildHasherDefault<IdHasher>;
/// A set of nodes.
pub type NodeSet = HashSet<NodeId, IdBuild>;

/// Comments found in document order, each nested under the nearest enclosing comment element
/// already pushed (DOM nesting gives parent and depth).
#[derive(Default)]
pub struct Nested {
    pub comments: Vec<crate::model::Comment>,
    index: std::collections::HashMap<NodeId, usize>,
}

impl Nested {
    /// Adds `c`, read from `el`, under its nearest enclosing comment.
    pub fn push(&mut self, el: ElementRef<'_>, mut c: crate::model::Comment) {
        if let Some(&p) = el.ancestors().find_map(|a| self.index.get(&a.id())) {
            c.parent = Some(self.comments[p].id.clone());
            c.depth = self.comments[p].depth.saturating_add(1);
        }
        self.index.insert(el.id(), self.comments.len());
        self.comments.push(c);
    }
}

/// Hidden from readers: `hidden`, `aria-hidden="true"`, or an inline `display:none` /
/// `visibility:hidden` style.
pub fn is_hidden(v: &scraper::node::Element) -> bool {
    v.attrs().any(|(n, val)| match n {
        "hidden" => true,
        "aria-hidden" => val == "true",
        "style" => {
            let s: String = val.chars().filter(|c| !c.is_whitespace()).collect();
            s.contains("display:none") || s.contains("visibility:hidden")
        }
        _ => false,
    })
}

/// An attribute by name without interning the name (cheap for `data-*` and friends).
pub fn attr<'a>(el: ElementRef<'a>, name: &str) -> Option<&'a str> {
    el.value().attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// The first element under `root` matching `sel` (None when the selector failed to compile).
pub fn first<'a>(root: ElementRef<'a>, sel: Option<&Selector>) -> Option<ElementRef<'a>> {
    sel.and_then(|s| root.select(s).next())
}

/// Every element under `root` matching `sel`, in document order.
pub fn all<'a>(root: ElementRef<'a>, sel: Option<&Selector>) -> Vec<ElementRef<'a>> {
    sel.map(|s| root.select(s).collect()).unwrap_or_default()
}

/// Every element under `root` (itself included) in document order, not entering `skip`
/// subtrees (e.g. the comments, so post metadata lookups stay cheap on huge threads).
pub fn outside<'a>(root: ElementRef<'a>, skip: &NodeSet) -> Vec<ElementRef<'a>> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(el) = stack.pop() {
        if skip.contains(&el.id()) {
            continue;
        }
        out.push(el);
        let before = stack.len();
        stack.extend(el.child_elements());
        stack[before..].reverse();
    }
    out
}

/// The first element of `els` matching `sel`.
pub fn first_in<'a>(els: &[ElementRef<'a>], sel: Option<&Selector>) -> Option<ElementRef<'a>> {
    let sel = sel?;
    els.iter().copied().find(|e| sel.matches(e))
}

/// Every element of `els` matching `sel`.
pub fn all_in<'a>(els: &[ElementRef<'a>], sel: Option<&Selector>) -> Vec<ElementRef<'a>> {
    let Some(sel) = sel else { return Vec::new() };
    els.iter().copied().filter(|e| sel.matches(e)).collect()
}

/// The document's `<head>` (or the root when there is none).
pub fn head(root: ElementRef<'_>) -> ElementRef<'_> {
    root.child_elements()
        .find(|e| e.value().name() == "head")
        .unwrap_or(root)
}

/// Raw text of an element's descendants, skipping script/style/template content.
pub fn raw_text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut hidden = 0usize;
    for edge in el.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Text(t) if hidden == 0 => out.push_str(t),
                Node::Element(e) if is_hidden_name(e.name()) => hidden += 1,
                _ => {}
            },
            Edge::Close(n) => {
                if n.value()
                    .as_element()
                    .is_some_and(|e| is_hidden_name(e.name()))
                {
                    hidden = hidden.saturating_sub(1);
                }
            }
        }
    }
    out
}

fn is_hidden_name(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "noscript")
}

/// Longest field text kept (author, date, title …), in characters.
pub const FIELD_MAX: usize = 256;
/// Most nodes visited for one field's text: a field costs the same on any subtree.
const FIELD_NODES: usize = 4096;

/// One-line, sanitised text of a field (author, date, title …): the element's *own* text,
/// i.e. its text and that of its inline children (a link inside `<cite>`), not entering
/// nested blocks, lists or comments; at most [`FIELD_MAX`] characters, at most
/// `FIELD_NODES` nodes visited. Cost and output are bounded whatever the subtree holds.
pub fn text(el: ElementRef<'_>) -> String {
    field(el, FIELD_MAX)
}

/// [`text`] with a cap of `max` characters.
pub fn field(el: ElementRef<'_>, max: usize) -> String {
    let mut raw = String::new();
    let mut visited = 0usize;
    // Children still to visit, innermost last (an explicit stack: no recursion on deep trees),
    // each with whether its element is a block: a block's text is set off by spaces (the
    // parser is not given the blank text between blocks, see `nesting::prepare`).
    let mut stack = vec![(el.children(), false)];
    while let Some((top, block)) = stack.last_mut() {
        let Some(node) = top.next() else {
            if *block {
                raw.push(' ');
            }
            stack.pop();
            continue;
        };
        visited += 1;
        if visited > FIELD_NODES || raw.len() > max.saturating_mul(4) {
            break;
        }
        match node.value() {
            Node::Text(t) => raw.push_str(t),
            Node::Element(e) if own_child(e) => {
                let block = matches!(
                    e.name(),
                    "div" | "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header"
                );
                if block {
                    raw.push(' ');
                }
                stack.push((node.children(), block));
            }
            _ => {}
        }
    }
    let mut line = sanitize::line(&raw);
    if let Some((cut, _)) = line.char_indices().nth(max) {
        line.truncate(cut);
        line.truncate(line.trim_end().len());
    }
    line
}

/// An element whose text belongs to its parent field: inline markup, not a nested block, list,
/// comment or hidden content.
fn own_child(e: &scraper::node::Element) -> bool {
    let inline = matches!(
        e.name(),
        "a" | "abbr"
            | "acronym"
            | "b"
            | "bdi"
            | "bdo"
            | "big"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "ins"
            | "kbd"
            | "label"
            | "mark"
            | "nobr"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strike"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "tt"
            | "u"
            | "var"
            | "div"
            | "p"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
    );
    inline
        && !e.attr("class").is_some_and(|c| {
            c.split_ascii_whitespace().any(|t| {
                matches!(
                    t,
                    "comment"
                        | "comments"
                        | "comment-body"
                        | "comment-list"
                        | "commentlist"
                        | "children"
                        | "replies"
                        | "h-entry"
                        | "h-cite"
                        | "p-comment"
                        | "u-comment"
                )
            })
        })
}

/// Resolves `href` against `base`; drops script-like and unparsable URLs.
pub fn abs_url(base: &Url, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = base.join(href).ok()?;
    match url.scheme() {
        // A serialised URL is printable ASCII (the url crate percent-encodes the rest).
        "http" | "https" | "mailto" | "ftp" | "gemini" => Some(url.into()),
        _ => None,
    }
}

/// `href` made absolute with its fragment removed.
pub fn abs_url_no_fragment(base: &Url, href: &str) -> Option<String> {
    let mut url = base.join(href.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    url.set_fragment(None);
    Some(url.to_string())
}

/// The `content` of `<meta property=… | name=…>` for the first key found.
pub fn meta(root: ElementRef<'_>, keys: &[&str]) -> Option<String> {
    let metas = all(head(root), sel!("meta[content]"));
    for key in keys {
        for m in &metas {
            let v = m.value();
            let name = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"));
            if name.is_some_and(|n| n.split_whitespace().any(|n| n.eq_ignore_ascii_case(key))) {
                let content = sanitize::line(v.attr("content").unwrap_or(""));
                if !content.is_empty() {
                    return Some(content);
                }
            }
        }
    }
    None
}

/// Lowercased `id` + `class` of an element, for pattern tests.
pub fn id_class(el: ElementRef<'_>) -> String {
    let v = el.value();
    let mut s = String::new();
    if let Some(id) = v.id() {
        s.push_str(id);
    }
    s.push(' ');
    if let Some(c) = v.attr("class") {
        s.push_str(c);
    }
    s.to_ascii_lowercase()
}

/// The first integer in a text, or 1 for "One …" titles.
pub fn count_in(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    let lower = text.to_lowercase();
    (lower.starts_with("one ") || lower.contains(" one ")).then_some(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn field_of(html: &str, sel: &str) -> String {
        let doc = Html::parse_document(html);
        let s = Selector::parse(sel).expect("selector");
        doc.select(&s).next().map(text).unwrap_or_default()
    }

    #[test]
    fn a_field_is_its_own_text() {
        // The link inside <cite> counts; the comment nested inside the name does not.
        let html = "<cite class='fn'><a href='/u'>Ann</a> Lee<ol class='children'>\
                    <li class='comment'><cite class='fn'>Bob</cite> says hi</li></ol></cite>";
        assert_eq!(field_of(html, "cite.fn"), "Ann Lee");
        let html = "<b class='fn'>Ann <span class='comment'>nested</span><script>x</script></b>";
        assert_eq!(field_of(html, "b.fn"), "Ann");
    }

    #[test]
    fn blocks_in_a_field_are_set_apart() {
        // The pre-pass drops the blank text between the two divs; the words stay apart.
        let doc = crate::extract::parse("<b class='fn'><div>Ann</div>\n<div>Lee</div>!</b>");
        let s = Selector::parse("b.fn").expect("selector");
        let got = doc.select(&s).next().map(text).unwrap_or_default();
        assert_eq!(got, "Ann Lee !");
    }

    #[test]
    fn a_field_is_capped() {
        let html = format!("<b class='fn'>{}</b>", "é".repeat(10_000));
        let got = field_of(&html, "b.fn");
        assert_eq!(got.chars().count(), FIELD_MAX);
        let html = format!("<b class='fn'>{}x</b>", "<span></span>".repeat(100_000));
        assert_eq!(
            field_of(&html, "b.fn"),
            "",
            "node budget spent before the text"
        );
    }
}
