//! The post/thread model: plain data shared by every layer (serde, no I/O, no UI).
//!
//! Every string in these types has already passed through `extract::sanitize`: it holds no
//! control characters, escape sequences, bidi overrides or invisible joiners. Comments form a
//! flat list in thread (pre-)order; `depth` (0 = top level) and `parent` give the tree.

use serde::{Deserialize, Serialize};

/// Which extractor produced a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// WordPress: classic (html5 / XHTML walkers) and block themes.
    WordPress,
    /// Blogger / Blogspot.
    Blogger,
    /// microformats2 `h-entry` with `p-comment`.
    Microformats,
    /// schema.org JSON-LD `BlogPosting` / `Article`.
    JsonLd,
    /// Readability-style scoring plus heuristic comment lists.
    #[default]
    Generic,
}

impl Engine {
    /// The name used in `dump --format json` and on screen.
    pub fn name(self) -> &'static str {
        match self {
            Engine::WordPress => "wordpress",
            Engine::Blogger => "blogger",
            Engine::Microformats => "microformats",
            Engine::JsonLd => "jsonld",
            Engine::Generic => "generic",
        }
    }
}

/// One blog post with its whole comment thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Post {
    /// The URL the post was fetched from (after redirects), or the base URL given for a file.
    pub url: String,
    /// `<link rel="canonical">` when the page names one.
    pub canonical_url: Option<String>,
    /// Site name (`og:site_name`, the blog title) or else the host.
    pub site: String,
    pub title: String,
    pub author: Option<String>,
    /// ISO 8601 timestamp when the page gives one.
    pub published: Option<String>,
    /// The article body.
    pub blocks: Vec<Block>,
    /// Comments in thread (pre-)order.
    pub comments: Vec<Comment>,
    /// Comment pages other than this one (absolute URLs), for the fetch layer to follow.
    pub comment_pages: Vec<String>,
    /// The blog's own comment form; `None` when there is none (closed, login required, …).
    pub reply_form: Option<CommentForm>,
    /// True when the page says comments are closed (or offers no form on an engine that would).
    pub comments_closed: bool,
    /// Why replying here needs a browser, said before anyone types ("this blog asks for a
    /// captcha", "this blog asks you to log in to comment"); `None` when nothing stands in the way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_in_browser: Option<String>,
    /// Comment count the page states ("12 comments"), when it states one.
    pub comment_count: Option<u32>,
    pub engine: Engine,
    /// The comment system the page embeds (comments loaded by script), when one was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_system: Option<CommentSystem>,
}

/// A comment system embedded in a page (Disqus, giscus, Isso, …): which one, and the ids its
/// provider needs to read the thread, derived by that system's own rules (`extract::embeds`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CommentSystem {
    /// Provider name: "disqus", "giscus", "utterances", "isso", "remark42", "commento",
    /// "comentario", "cusdis", "discourse", "webmention", "mastodon", "ghost", "substack",
    /// "facebook", "hyvor", … (lowercase, stable).
    pub name: String,
    /// The service's base URL where it is self-hosted or per site (Isso, Remark42, Discourse, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// The site or account on the service (Disqus shortname, giscus/utterances `owner/repo`,
    /// Remark42 `site_id`, Cusdis app id, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The thread key by the system's own mapping (Disqus identifier, giscus term, Isso URI, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<String>,
    /// The page URL as the system knows it (`disqus_config.page.url`, canonical, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Other provider parameters (giscus `category`, `mapping`, `strict`; …), by name.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub extra: std::collections::BTreeMap<String, String>,
}

impl CommentSystem {
    /// The name people know it by ("Disqus", "giscus", …), for "comments load from Disqus".
    pub fn display_name(&self) -> String {
        let known = [
            ("disqus", "Disqus"),
            ("giscus", "giscus (GitHub Discussions)"),
            ("utterances", "utterances (GitHub Issues)"),
            ("isso", "Isso"),
            ("remark42", "Remark42"),
            ("commento", "Commento"),
            ("comentario", "Comentario"),
            ("cusdis", "Cusdis"),
            ("discourse", "Discourse"),
            ("webmention", "Webmention.io"),
            ("mastodon", "Mastodon"),
            ("ghost", "Ghost"),
            ("substack", "Substack"),
            ("facebook", "Facebook"),
            ("hyvor", "Hyvor Talk"),
            ("commentbox", "CommentBox.io"),
        ];
        known
            .iter()
            .find(|(k, _)| *k == self.name)
            .map(|(_, v)| (*v).to_string())
            .unwrap_or_else(|| self.name.clone())
    }
}

/// A block of article or comment content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    /// Each item is a list of blocks (usually one paragraph, maybe a nested list).
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    /// Preformatted text: never re-wrapped; tabs and newlines kept.
    Code {
        lang: Option<String>,
        text: String,
    },
    Image {
        alt: String,
        src: Option<String>,
    },
    Rule,
    /// Rows of cells; the first row is a header row when `header` is true.
    Table {
        header: bool,
        rows: Vec<Vec<Vec<Inline>>>,
    },
}

/// Inline content inside a block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Emphasis {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    /// `href` is absolute (resolved against the page URL).
    Link {
        href: String,
        content: Vec<Inline>,
    },
    Break,
}

/// What kind of entry a comment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum CommentKind {
    #[default]
    Comment,
    Pingback,
    Trackback,
}

/// One comment. `id` and `parent` are the blog's own ids as strings (WordPress: "46").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Comment {
    pub id: String,
    /// `None` for a top-level comment.
    pub parent: Option<String>,
    /// 0 for a top-level comment.
    pub depth: u16,
    pub author: String,
    pub author_url: Option<String>,
    /// ISO 8601 timestamp when the page gives one.
    pub published: Option<String>,
    /// The date as the page shows it, when there is no machine-readable one.
    pub published_text: Option<String>,
    pub permalink: Option<String>,
    pub blocks: Vec<Block>,
    /// Written by the post's author (WordPress `bypostauthor`).
    pub by_post_author: bool,
    /// The blog offers a reply link for this comment.
    pub can_reply: bool,
    /// Held for moderation (shown only to its author).
    pub pending: bool,
    pub kind: CommentKind,
}

/// The blog's comment form, as found in the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CommentForm {
    /// Absolute URL the form posts to (WordPress: `…/wp-comments-post.php`).
    pub action: String,
    /// "post" (lowercase).
    pub method: String,
    /// Every other control with its default value: hidden inputs (nonces, honeypots,
    /// `comment_post_ID`, `comment_parent`), in page order. Checkboxes are not included.
    pub fields: Vec<(String, String)>,
    /// Name of the textarea for the comment text ("comment").
    pub text_field: String,
    /// Name of the field carrying the parent comment id ("comment_parent").
    pub parent_field: Option<String>,
    /// The post id the form submits for (`comment_post_ID`).
    pub post_id: Option<String>,
    /// Identity fields present in the form (names of the inputs), and whether each is required.
    pub name_field: Option<String>,
    pub email_field: Option<String>,
    pub url_field: Option<String>,
    pub needs_name: bool,
    pub needs_email: bool,
    /// The cookie-consent checkbox (`wp-comment-cookies-consent`) and its value, when present.
    pub consent_field: Option<(String, String)>,
}

impl Post {
    /// Index of the comment with this blog id.
    pub fn comment_index(&self, id: &str) -> Option<usize> {
        self.comments.iter().position(|c| c.id == id)
    }
}

/// Plain text of inline content (links keep their text only).
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_inline_text(inlines, &mut out);
    out
}

fn push_inline_text(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => push_inline_text(content, out),
            Inline::Break => out.push('\n'),
        }
    }
}

/// Plain text of blocks: blocks separated by a blank line, list items by newlines.
pub fn blocks_text(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(block_text)
        .filter(|s| !s.is_empty())
        .collect();
    parts.join("\n\n")
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Heading { content, .. } | Block::Paragraph { content } => inline_text(content),
        Block::List { items, .. } => items
            .iter()
            .map(|item| blocks_text(item))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Quote { blocks } => blocks_text(blocks),
        Block::Code { text, .. } => text.clone(),
        Block::Image { alt, .. } => alt.clone(),
        Block::Rule => String::new(),
        Block::Table { rows, .. } => rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| inline_text(c))
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn plain_text_of_blocks() {
        let blocks = vec![
            Block::Heading {
                level: 2,
                content: vec![text("Title")],
            },
            Block::Paragraph {
                content: vec![
                    text("a "),
                    Inline::Link {
                        href: "https://x.test/".into(),
                        content: vec![text("link")],
                    },
                    Inline::Break,
                    Inline::Strong {
                        content: vec![text("b")],
                    },
                ],
            },
            Block::Rule,
            Block::List {
                ordered: false,
                items: vec![
                    vec![Block::Paragraph {
                        content: vec![text("one")],
                    }],
                    vec![Block::Paragraph {
                        content: vec![text("two")],
                    }],
                ],
            },
        ];
        assert_eq!(blocks_text(&blocks), "Title\n\na link\nb\n\none\ntwo");
    }

    #[test]
    fn engine_serializes_lowercase() {
        let json = serde_json::to_string(&Engine::WordPress).expect("serialize");
        assert_eq!(json, "\"wordpress\"");
        assert_eq!(Engine::JsonLd.name(), "jsonld");
    }
}
