//! DOM → `Block`/`Inline`: block structure, inline styles, absolute links, browser-like
//! whitespace collapsing. Every text goes through `sanitize`.

use super::{dom, inlines, sanitize};
use crate::model::{Block, Inline};
use ego_tree::NodeRef;
use scraper::{ElementRef, Node};
use url::Url;

/// What the block walker needs: the base URL and a caller's "skip this element" test.
pub struct Ctx<'a> {
    pub base: &'a Url,
    pub skip: &'a dyn Fn(ElementRef<'_>) -> bool,
}

impl Ctx<'_> {
    /// True when an element must not be rendered at all.
    pub fn skips(&self, el: ElementRef<'_>) -> bool {
        let v = el.value();
        if matches!(
            v.name(),
            "script"
                | "style"
                | "noscript"
                | "svg"
                | "form"
                | "button"
                | "iframe"
                | "nav"
                | "template"
                | "head"
                | "title"
                | "meta"
                | "link"
                | "input"
                | "select"
                | "textarea"
                | "object"
                | "embed"
                | "canvas"
                | "video"
                | "audio"
                | "map"
                | "math"
                | "dialog"
        ) {
            return true;
        }
        if dom::is_hidden(v) {
            return true;
        }
        if dom::has_class(el, "comment-awaiting-moderation")
            || dom::has_class(el, "screen-reader-text")
            || inlines::is_line_numbers(el)
        {
            return true;
        }
        (self.skip)(el)
    }
}

/// True for elements that start a new block in a browser.
pub fn is_block_name(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "menu"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "ul"
            | "caption"
            | "html"
    )
}

/// The blocks of an element's children.
pub fn blocks_of(el: ElementRef<'_>, ctx: &Ctx<'_>) -> Vec<Block> {
    blocks_of_nodes(el.children(), ctx)
}

/// The blocks of a sequence of sibling nodes (e.g. part of a comment body).
pub fn blocks_of_nodes<'a>(
    nodes: impl Iterator<Item = NodeRef<'a, Node>>,
    ctx: &Ctx<'_>,
) -> Vec<Block> {
    let mut b = Builder {
        ctx,
        out: Vec::new(),
        para: Vec::new(),
        pending: Vec::new(),
        depth: 0,
    };
    for n in nodes {
        b.node(n);
    }
    b.flush();
    b.out
}

/// The blocks of one element itself (a `<p>` gives a paragraph, a `<ul>` a list …).
pub fn blocks_of_element(el: ElementRef<'_>, ctx: &Ctx<'_>) -> Vec<Block> {
    let mut b = Builder {
        ctx,
        out: Vec::new(),
        para: Vec::new(),
        pending: Vec::new(),
        depth: 0,
    };
    b.node(*el);
    b.flush();
    b.out
}

pub(super) struct Builder<'c, 'b> {
    pub(super) ctx: &'c Ctx<'b>,
    out: Vec<Block>,
    para: Vec<Inline>,
    /// Images met inside inline content; emitted after the paragraph.
    pub(super) pending: Vec<Block>,
    /// Element nesting depth; past [`MAX_DEPTH`] content is kept as plain text.
    pub(super) depth: usize,
}

/// Deeper nesting than this is flattened to text (no recursion on hostile input).
pub(super) const MAX_DEPTH: usize = 128;

impl Builder<'_, '_> {
    fn node(&mut self, n: NodeRef<'_, Node>) {
        match n.value() {
            // Whitespace before any content is dropped by normalisation anyway.
            Node::Text(t) if self.para.is_empty() && inlines::is_blank(t) => {}
            Node::Text(t) => {
                let s = sanitize::inline(t);
                if !s.is_empty() {
                    self.para.push(Inline::Text { text: s });
                }
            }
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(n) {
                    self.element(el);
                }
            }
            _ => {}
        }
    }

    fn children(&mut self, el: ElementRef<'_>) {
        for c in el.children() {
            self.node(c);
        }
    }

    fn element(&mut self, el: ElementRef<'_>) {
        if self.ctx.skips(el) {
            return;
        }
        if self.depth >= MAX_DEPTH {
            let text = sanitize::inline(&dom::raw_text(el));
            self.para.push(Inline::Text { text });
            return;
        }
        self.depth += 1;
        self.element_inner(el);
        self.depth -= 1;
    }

    fn element_inner(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse().unwrap_or(2);
                let content = self.inline_content(el);
                if !content.is_empty() {
                    self.out.push(Block::Heading { level, content });
                }
                self.flush_pending();
            }
            "p" => {
                self.flush();
                let content = self.inline_content(el);
                self.push_paragraphs(content);
                self.flush_pending();
            }
            "ul" | "ol" | "dir" | "menu" => self.list(el, name == "ol"),
            "blockquote" => {
                self.flush();
                let blocks = self.sub_children(el);
                if !blocks.is_empty() {
                    self.out.push(Block::Quote { blocks });
                }
            }
            "pre" => {
                self.flush();
                if let Some(b) = code_block(el) {
                    self.out.push(b);
                }
            }
            "hr" => {
                self.flush();
                self.out.push(Block::Rule);
            }
            "br" => self.para.push(Inline::Break),
            "img" => {
                if let Some(img) = inlines::image(el, self.ctx) {
                    match img {
                        Ok(block) => {
                            self.flush();
                            self.out.push(block);
                        }
                        Err(inline) => self.para.push(inline),
                    }
                }
            }
            "table" => {
                self.flush();
                self.table(el);
            }
            _ if is_block_name(name) || inlines::has_block_descendant(el) => {
                self.flush();
                self.children(el);
                self.flush();
            }
            _ => {
                let mut tmp = Vec::new();
                self.inline_element(el, &mut tmp);
                self.para.append(&mut tmp);
            }
        }
    }

    /// Blocks of an element's children, built at the current depth.
    pub(super) fn sub_children(&self, el: ElementRef<'_>) -> Vec<Block> {
        let mut b = Builder {
            ctx: self.ctx,
            out: Vec::new(),
            para: Vec::new(),
            pending: Vec::new(),
            depth: self.depth,
        };
        b.children(el);
        b.flush();
        b.out
    }

    /// Blocks of one element, built at the current depth.
    pub(super) fn sub_element(&self, el: ElementRef<'_>) -> Vec<Block> {
        let mut b = Builder {
            ctx: self.ctx,
            out: Vec::new(),
            para: Vec::new(),
            pending: Vec::new(),
            depth: self.depth,
        };
        b.node(*el);
        b.flush();
        b.out
    }

    /// Inline content of an element, whitespace-normalised.
    pub(super) fn inline_content(&mut self, el: ElementRef<'_>) -> Vec<Inline> {
        let mut out = Vec::new();
        self.inline_children(el, &mut out);
        inlines::normalize(&mut out);
        out
    }

    fn list(&mut self, el: ElementRef<'_>, ordered: bool) {
        self.flush();
        let mut items = Vec::new();
        for child in el.children() {
            match ElementRef::wrap(child) {
                Some(li) if li.value().name() == "li" => {
                    if self.ctx.skips(li) {
                        continue;
                    }
                    let item = self.sub_children(li);
                    if !item.is_empty() {
                        items.push(item);
                    }
                }
                Some(other) => {
                    let item = self.sub_element(other);
                    if !item.is_empty() {
                        items.push(item);
                    }
                }
                None => {}
            }
        }
        if !items.is_empty() {
            self.out.push(Block::List { ordered, items });
        }
    }

    fn table(&mut self, el: ElementRef<'_>) {
        // A highlighter's table of line numbers beside the code is the code alone.
        let code_table = || {
            inlines::table_cells(el)
                .first()
                .is_some_and(|c| inlines::is_line_numbers(*c))
        };
        if inlines::is_layout_table(el) || code_table() {
            for cell in inlines::table_cells(el) {
                if self.ctx.skips(cell) {
                    continue;
                }
                self.children(cell);
                self.flush();
            }
            return;
        }
        let (header, rows) = inlines::table_rows(el, self);
        if !rows.is_empty() {
            self.out.push(Block::Table { header, rows });
        }
        self.flush_pending();
    }

    fn push_paragraphs(&mut self, content: Vec<Inline>) {
        for p in inlines::split_double_breaks(content) {
            self.out.push(Block::Paragraph { content: p });
        }
    }

    fn flush(&mut self) {
        if !self.para.is_empty() {
            let mut content = std::mem::take(&mut self.para);
            inlines::normalize(&mut content);
            self.push_paragraphs(content);
        }
        self.flush_pending();
    }

    fn flush_pending(&mut self) {
        self.out.append(&mut self.pending);
    }
}

/// `<pre>` → `Block::Code`, exact whitespace, language from `language-x`/`lang-x`.
fn code_block(el: ElementRef<'_>) -> Option<Block> {
    let mut raw = String::new();
    pre_text(el, &mut raw);
    let mut text = sanitize::code(&raw);
    while text.ends_with('\n') {
        text.pop();
    }
    if text.trim().is_empty() {
        return None;
    }
    let lang = std::iter::once(el)
        .chain(el.child_elements().filter(|c| c.value().name() == "code"))
        .flat_map(|e| dom::classes(e).map(|c| c.to_string()).collect::<Vec<_>>())
        .find_map(|c| {
            c.strip_prefix("language-")
                .or_else(|| c.strip_prefix("lang-"))
                .map(sanitize::line)
        })
        .filter(|l| !l.is_empty());
    Some(Block::Code { lang, text })
}

fn pre_text(el: ElementRef<'_>, out: &mut String) {
    for n in el.descendants().skip(1) {
        match n.value() {
            Node::Text(t) => {
                let in_script = n.parent().and_then(|p| {
                    p.value()
                        .as_element()
                        .map(|e| matches!(e.name(), "script" | "style"))
                });
                if in_script != Some(true) {
                    out.push_str(t);
                }
            }
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            _ => {}
        }
    }
}
