//! Tag-name sets of the HTML tree-construction rules, for the nesting pre-pass
//! ([`super::nesting`]): void, raw-text, formatting, special and scope-boundary elements.

/// Elements whose content is raw text (or escapable raw text) outside svg/math.
pub fn is_raw(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "textarea"
            | "title"
    )
}

pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "image"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

pub fn is_foreign(name: &str) -> bool {
    matches!(name, "svg" | "math")
}

pub fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// Scope boundaries of the tree builder's default scope.
pub fn is_boundary(name: &str) -> bool {
    matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Elements whose start and end tags sit between blocks, not inside a line of text: whitespace
/// alone between two of them is not content (outside `pre`), so the pre-pass drops it.
pub fn is_block(name: &str) -> bool {
    closes_p(name)
        || matches!(
            name,
            "body"
                | "caption"
                | "col"
                | "colgroup"
                | "head"
                | "hr"
                | "html"
                | "link"
                | "meta"
                | "noscript"
                | "script"
                | "style"
                | "tbody"
                | "td"
                | "template"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
        )
}

/// Start tags that close an open `p`.
pub fn closes_p(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "ul"
            | "li"
            | "dd"
            | "dt"
            | "table"
    )
}

/// The HTML spec's "special" elements (an end tag of another name stops at them).
pub fn is_special(name: &str) -> bool {
    closes_p(name)
        || is_boundary(name)
        || matches!(
            name,
            "body"
                | "button"
                | "colgroup"
                | "frameset"
                | "head"
                | "iframe"
                | "listing"
                | "noembed"
                | "noframes"
                | "noscript"
                | "plaintext"
                | "script"
                | "search"
                | "select"
                | "style"
                | "tbody"
                | "textarea"
                | "tfoot"
                | "thead"
                | "title"
                | "tr"
                | "xmp"
        )
}
