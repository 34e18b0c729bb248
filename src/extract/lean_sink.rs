//! The tree sink every page parse goes through: scraper's own, with each element's attribute
//! list cut to what parlor reads and to its length. html5ever grows an element's list as the
//! tokenizer reads it (room for 4 attributes of 40 bytes for one `class`, 16 for a reply link's
//! 10) and scraper keeps that buffer: on a 10,000-comment page, attribute lists alone held more
//! memory than the page. Parse errors, which nothing reads, are not collected.

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{Html, HtmlTreeSink, StrTendril};
use std::borrow::Cow;
use std::cell::Ref;

/// `data-*` and `aria-*` attributes something in parlor reads (the rest of those two families
/// is dropped, outside `<script>` and custom elements, whose attributes are kept whole).
/// `every_name_the_code_reads_is_kept` checks these against the source.
fn read_family(attr: &[u8]) -> bool {
    matches!(
        attr,
        b"aria-hidden"
            | b"aria-label"
            | b"aria-required"
            | b"data-app-id"
            | b"data-article-id"
            | b"data-category-id"
            | b"data-comment-id"
            | b"data-commentid"
            | b"data-ghost-comments"
            | b"data-host"
            | b"data-href"
            | b"data-isso"
            | b"data-isso-id"
            | b"data-key"
            | b"data-lazy-src"
            | b"data-mapping"
            | b"data-original"
            | b"data-page-id"
            | b"data-page-url"
            | b"data-path"
            | b"data-post-id"
            | b"data-repo"
            | b"data-src"
            | b"data-srcset"
    )
}

/// Attributes no reader of a page looks at: loading hints and subresource checks (event
/// handlers, `on…`, are matched by [`unread_attr`]).
fn unread_name(attr: &[u8]) -> bool {
    matches!(
        attr,
        b"loading"
            | b"decoding"
            | b"fetchpriority"
            | b"crossorigin"
            | b"referrerpolicy"
            | b"integrity"
            | b"sizes"
            | b"draggable"
            | b"spellcheck"
            | b"autocapitalize"
    )
}

/// `<script>` and custom elements keep every attribute: giscus reads every `data-*` of its
/// script, and of `<giscus-widget>` every attribute.
fn keeps_all(element: &str) -> bool {
    element == "script" || element.contains('-')
}

/// True for an attribute (its name in lower case, as the tokenizer gives it) no reader looks
/// at, on an element that does not keep all its attributes.
fn unread_attr(attr: &[u8]) -> bool {
    match attr {
        [b'd', b'a', b't', b'a', b'-', _, ..] | [b'a', b'r', b'i', b'a', b'-', _, ..] => {
            !read_family(attr)
        }
        // Event handlers (`oncut`, `onload` …, not `one` or `only`), but for `onclick`: old
        // WordPress reply links say `addComment.moveForm` there.
        [b'o', b'n', rest @ ..] if rest.len() >= 3 && rest != b"click" => {
            rest.iter().all(u8::is_ascii_lowercase)
        }
        _ => unread_name(attr),
    }
}

/// Cuts `attrs` to what is read, and its buffer to its length.
fn trim(element: &QualName, attrs: &mut Vec<Attribute>) {
    if attrs.is_empty() {
        return;
    }
    if !keeps_all(&element.local) {
        attrs.retain(|a| a.name.prefix.is_some() || !unread_attr(a.name.local.as_bytes()));
    }
    // A realloc to a smaller size stays in place; one slot of slack is not worth the call.
    if attrs.capacity() > attrs.len() + 1 {
        attrs.shrink_to_fit();
    }
}

/// scraper's sink with [`trim`] on every element's attributes.
pub struct LeanSink(pub HtmlTreeSink);

impl LeanSink {
    /// A sink building into `html` (a document or a fragment, sized by the caller).
    pub fn new(html: Html) -> Self {
        LeanSink(HtmlTreeSink::new(html))
    }
}

/// A whole page, parsed through [`LeanSink`].
pub fn parse_document(html: &str) -> Html {
    use html5ever::tendril::TendrilSink as _;
    html5ever::driver::parse_document(LeanSink::new(Html::new_document()), Default::default())
        .one(html)
}

/// A fragment in a `<body>`, parsed through [`LeanSink`] (scraper's `Html::parse_fragment`).
pub fn parse_fragment(html: &str) -> Html {
    use html5ever::tendril::TendrilSink as _;
    let context = QualName::new(None, html5ever::ns!(html), html5ever::local_name!("body"));
    html5ever::driver::parse_fragment(
        LeanSink::new(Html::new_fragment()),
        Default::default(),
        context,
        Vec::new(),
        false,
    )
    .one(html)
}

type Handle = ego_tree::NodeId;

impl TreeSink for LeanSink {
    type Output = Html;
    type Handle = Handle;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.0.finish()
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> Handle {
        self.0.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a Handle) -> Self::ElemName<'a> {
        self.0.elem_name(target)
    }
    fn create_element(
        &self,
        name: QualName,
        mut attrs: Vec<Attribute>,
        flags: ElementFlags,
    ) -> Handle {
        trim(&name, &mut attrs);
        self.0.create_element(name, attrs, flags)
    }
    fn create_comment(&self, text: StrTendril) -> Handle {
        self.0.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.0.create_pi(target, data)
    }
    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        self.0.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        self.0
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.0
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn mark_script_already_started(&self, node: &Handle) {
        self.0.mark_script_already_started(node)
    }
    fn pop(&self, node: &Handle) {
        self.0.pop(node)
    }
    fn get_template_contents(&self, target: &Handle) -> Handle {
        self.0.get_template_contents(target)
    }
    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        self.0.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.0.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        self.0.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &Handle, mut attrs: Vec<Attribute>) {
        let name = self.0.elem_name(target).clone();
        trim(&name, &mut attrs);
        self.0.add_attrs_if_missing(target, attrs)
    }
    fn associate_with_form(
        &self,
        target: &Handle,
        form: &Handle,
        nodes: (&Handle, Option<&Handle>),
    ) {
        self.0.associate_with_form(target, form, nodes)
    }
    fn remove_from_parent(&self, target: &Handle) {
        self.0.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        self.0.reparent_children(node, new_parent)
    }
    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        self.0.is_mathml_annotation_xml_integration_point(handle)
    }
    fn set_current_line(&self, line_number: u64) {
        self.0.set_current_line(line_number)
    }
    fn allow_declarative_shadow_roots(&self, intended_parent: &Handle) -> bool {
        self.0.allow_declarative_shadow_roots(intended_parent)
    }
    fn attach_declarative_shadow(
        &self,
        location: &Handle,
        template: &Handle,
        attrs: &[Attribute],
    ) -> bool {
        self.0.attach_declarative_shadow(location, template, attrs)
    }
    fn maybe_clone_an_option_into_selectedcontent(&self, option: &Handle) {
        self.0.maybe_clone_an_option_into_selectedcontent(option)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_attributes_go_and_read_ones_stay() {
        let html = r#"<div id=a class="x y" data-replyto="Reply to B" data-commentid=7
            aria-label=l aria-controls=c onmouseover="go()" loading=lazy style="display:none">t</div>
            <script src=s.js data-repo=r data-anything=k></script>
            <giscus-widget repoid=1 data-x=2 onload=z></giscus-widget>"#;
        let doc = super::super::parse(html);
        let names = |tag: &str| -> Vec<String> {
            let sel = scraper::Selector::parse(tag).expect("selector");
            let el = doc.select(&sel).next().expect("element");
            let mut v: Vec<String> = el.value().attrs().map(|(n, _)| n.to_string()).collect();
            v.sort();
            v
        };
        assert_eq!(
            names("div"),
            ["aria-label", "class", "data-commentid", "id", "style"]
        );
        assert_eq!(names("script"), ["data-anything", "data-repo", "src"]);
        assert_eq!(names("giscus-widget"), ["data-x", "onload", "repoid"]);
        // `<html>`'s attributes repeated in the body are merged through `add_attrs_if_missing`.
        let doc = super::super::parse("<html lang=en><body><html data-zzz=1 dir=rtl onload=x>");
        let root = doc.root_element();
        let mut merged: Vec<&str> = root.value().attrs().map(|(n, _)| n).collect();
        merged.sort_unstable();
        assert_eq!(merged, ["dir", "lang"]);
    }

    #[test]
    fn attribute_lists_hold_no_more_room_than_one_spare_slot() {
        let doc = super::super::parse(
            r#"<p class=a>x</p><a rel=n class=c href=h data-commentid=1 data-postid=2
            data-belowelement=b data-respondelement=r data-replyto=t aria-label=l>r</a>"#,
        );
        for el in doc.root_element().descendent_elements() {
            let attrs = &el.value().attrs;
            assert!(
                attrs.capacity() <= attrs.len() + 1,
                "{}: {} attributes, room for {}",
                el.value().name(),
                attrs.len(),
                attrs.capacity()
            );
        }
    }

    /// Every attribute name parlor's source mentions is kept: a `data-*`/`aria-*` name
    /// anywhere, or any other name as a whole string literal (comment and log lines aside).
    /// A reader added for a new attribute fails here until the rule keeps it, instead of
    /// silently reading nothing.
    #[test]
    fn every_name_the_code_reads_is_kept() {
        let mut dropped = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut files = 0;
        let named = |c: char| c.is_ascii_alphanumeric() || c == '-';
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                // The dropping code and its tests name dropped attributes on purpose.
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("lean_sink.rs") {
                    continue;
                }
                files += 1;
                let text = std::fs::read_to_string(&path).expect("source");
                let lines = text.lines().filter(|l| {
                    let l = l.trim_start();
                    !l.starts_with("//") && !l.starts_with("tracing::")
                });
                for line in lines {
                    let mut names: Vec<&str> = Vec::new();
                    for family in ["data-", "aria-"] {
                        for (at, _) in line.match_indices(family) {
                            let boundary = line[..at]
                                .chars()
                                .next_back()
                                .is_none_or(|c| !(named(c) || c == '_'));
                            let len = line[at..]
                                .find(|c: char| !named(c))
                                .unwrap_or(line.len() - at);
                            let name = line[at..at + len].trim_end_matches('-');
                            if boundary && name.len() > family.len() {
                                names.push(name);
                            }
                        }
                    }
                    names.extend(line.split('"').skip(1).step_by(2).filter(|l| {
                        l.starts_with(|c: char| c.is_ascii_lowercase()) && l.chars().all(named)
                    }));
                    for name in names {
                        if unread_attr(name.as_bytes()) {
                            dropped.push(format!("{}: {name}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(files > 100, "only {files} source files found");
        assert!(
            dropped.is_empty(),
            "read but dropped by the parse: {dropped:#?}"
        );
    }
}
