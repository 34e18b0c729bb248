//! Rendering a Post for `parlor dump`: plain text, Markdown, and the stable JSON contract.

mod markdown;
mod text;

pub use markdown::to_markdown;
pub use text::to_text;

use crate::model::{blocks_text, Comment, CommentKind, Post};
use serde::Serialize;
use serde_json::Value;

/// Deepest nesting of quotes and lists rendered; deeper content shows as "[…]" (hostile pages
/// cannot overflow the stack).
const MAX_NEST: usize = 48;

/// Which part of a post to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Part {
    #[default]
    All,
    Article,
    Comments,
}

impl Part {
    fn article(self) -> bool {
        self != Part::Comments
    }
    fn comments(self) -> bool {
        self != Part::Article
    }
}

/// The JSON contract: `url, title, author, published, engine, text` and `comments` (thread
/// order, each `{ id, parent, depth, author, published, permalink, text }`), plus extras.
/// `Part::Article` omits `comments`; `Part::Comments` omits `text`.
pub fn to_json(post: &Post, part: Part) -> Value {
    serde_json::to_value(JsonPost::new(post, part)).unwrap_or(Value::Null)
}

/// One comment in the JSON contract (shared by the blog's thread and discussions elsewhere).
pub fn comment_json(c: &Comment) -> Value {
    serde_json::to_value(JsonComment::new(c)).unwrap_or(Value::Null)
}

/// [`to_json`] written straight to pretty text (no intermediate `Value` maps: big threads
/// print fast and with little memory). Same keys, same order, same values.
pub fn to_json_pretty(post: &Post, part: Part) -> serde_json::Result<String> {
    serde_json::to_string_pretty(&JsonPost::new(post, part))
}

/// The JSON contract as a struct. Keys are in alphabetical order, the order `serde_json`'s
/// maps print in, so both writers agree; a new key goes in its alphabetical place.
#[derive(Serialize)]
struct JsonPost<'a> {
    author: &'a Option<String>,
    can_comment: bool,
    canonical_url: &'a Option<String>,
    comment_count: Option<u32>,
    /// The script-loaded comment system: `{name, server?, site?, thread?, url?, extra?}` or null.
    comment_system: &'a Option<crate::model::CommentSystem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comments: Option<Vec<JsonComment<'a>>>,
    comments_closed: bool,
    engine: &'static str,
    published: &'a Option<String>,
    /// Why replying needs a browser ("this blog asks for a captcha"), when something says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    reply_in_browser: &'a Option<String>,
    site: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonComment<'a> {
    author: &'a str,
    author_url: &'a Option<String>,
    by_post_author: bool,
    can_reply: bool,
    depth: u16,
    id: &'a str,
    kind: &'static str,
    parent: &'a Option<String>,
    pending: bool,
    permalink: &'a Option<String>,
    published: &'a Option<String>,
    published_text: &'a Option<String>,
    text: String,
}

impl<'a> JsonPost<'a> {
    fn new(post: &'a Post, part: Part) -> Self {
        JsonPost {
            author: &post.author,
            can_comment: crate::posting::can_reply_here(post),
            canonical_url: &post.canonical_url,
            comment_count: post.comment_count,
            comment_system: &post.comment_system,
            comments: part
                .comments()
                .then(|| post.comments.iter().map(JsonComment::new).collect()),
            comments_closed: post.comments_closed,
            engine: post.engine.name(),
            published: &post.published,
            reply_in_browser: &post.reply_in_browser,
            site: &post.site,
            text: part.article().then(|| blocks_text(&post.blocks)),
            title: &post.title,
            url: &post.url,
        }
    }
}

impl<'a> JsonComment<'a> {
    fn new(c: &'a Comment) -> Self {
        JsonComment {
            author: &c.author,
            author_url: &c.author_url,
            by_post_author: c.by_post_author,
            can_reply: c.can_reply,
            depth: c.depth,
            id: &c.id,
            kind: kind_name(c.kind),
            parent: &c.parent,
            pending: c.pending,
            permalink: &c.permalink,
            published: &c.published,
            published_text: &c.published_text,
            text: blocks_text(&c.blocks),
        }
    }
}

fn kind_name(kind: CommentKind) -> &'static str {
    match kind {
        CommentKind::Comment => "comment",
        CommentKind::Pingback => "pingback",
        CommentKind::Trackback => "trackback",
    }
}

/// A timestamp for people: "2024-05-01 10:30" from RFC 3339, the date alone with
/// `date_only`, anything else as given.
fn show_date(iso: &str, date_only: bool) -> String {
    match chrono::DateTime::parse_from_rfc3339(iso) {
        Ok(dt) if date_only => dt.format("%Y-%m-%d").to_string(),
        Ok(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => iso.to_string(),
    }
}

/// "By Ann · 2024-05-01 · Site" (missing parts left out); `None` when nothing is known.
fn byline(post: &Post) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(a) = post.author.as_deref().filter(|a| !a.is_empty()) {
        parts.push(format!("By {a}"));
    }
    if let Some(p) = &post.published {
        parts.push(show_date(p, true));
    }
    if !post.site.is_empty() {
        parts.push(post.site.clone());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The date shown for a comment: its timestamp, else the text the page shows.
fn comment_date(c: &Comment) -> Option<String> {
    match (&c.published, &c.published_text) {
        (Some(p), _) => Some(show_date(p, false)),
        (None, Some(t)) if !t.is_empty() => Some(t.clone()),
        _ => None,
    }
}

/// Markers after a comment's author: " [OP]", " [pending]", " [pingback]".
fn comment_marks(c: &Comment) -> String {
    let mut marks = String::new();
    if c.by_post_author {
        marks.push_str(" [OP]");
    }
    if c.pending {
        marks.push_str(" [pending]");
    }
    match c.kind {
        CommentKind::Comment => {}
        CommentKind::Pingback => marks.push_str(" [pingback]"),
        CommentKind::Trackback => marks.push_str(" [trackback]"),
    }
    marks
}

/// "Comments load from Disqus." when the page has no comments of its own and embeds a comment
/// system (the thread lives there); `None` otherwise.
pub fn where_comments_live(post: &Post) -> Option<String> {
    let system = post.comment_system.as_ref()?;
    post.comments
        .is_empty()
        .then(|| format!("Comments load from {}.", system.display_name()))
}

/// "3 comments", "1 comment", "No comments" (or where they live); "(comments are closed)" appended when closed.
fn comments_heading(post: &Post) -> String {
    let n = post.comments.len();
    let mut s = match n {
        0 => where_comments_live(post).unwrap_or_else(|| "No comments".to_string()),
        1 => "1 comment".to_string(),
        n => format!("{n} comments"),
    };
    if post.comments_closed {
        s.push_str(" (comments are closed)");
    } else if let Some(why) = &post.reply_in_browser {
        s.push_str(&format!(" (reply in browser: {why})"));
    }
    s
}

fn author_or_anonymous(c: &Comment) -> &str {
    if c.author.is_empty() {
        "Anonymous"
    } else {
        &c.author
    }
}

#[cfg(test)]
pub(crate) mod sample;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Inline};

    #[test]
    fn json_contract_all() {
        let v = to_json(&sample::post(), Part::All);
        assert_eq!(v["url"], "https://blog.test/2024/05/hello/");
        assert_eq!(v["title"], "Hello");
        assert_eq!(v["author"], "Ann");
        assert_eq!(v["published"], "2024-05-01T10:30:00+00:00");
        assert_eq!(v["engine"], "wordpress");
        assert_eq!(v["site"], "Blog");
        assert_eq!(v["comments_closed"], false);
        assert_eq!(
            v["text"],
            "Intro\n\nSee the docs now.\n\none\ntwo\n\nwise words\n\nfn main() {}\n\nA cat"
        );
        let c = v["comments"].as_array().expect("comments");
        assert_eq!(c.len(), 3);
        assert_eq!(c[0]["id"], "1");
        assert_eq!(c[0]["parent"], Value::Null);
        assert_eq!(c[0]["depth"], 0);
        assert_eq!(c[0]["author"], "Bob");
        assert_eq!(
            c[0]["permalink"],
            "https://blog.test/2024/05/hello/#comment-1"
        );
        assert_eq!(c[0]["text"], "Nice post.");
        assert_eq!(c[1]["id"], "2");
        assert_eq!(c[1]["parent"], "1");
        assert_eq!(c[1]["depth"], 1);
        assert_eq!(c[1]["by_post_author"], true);
        assert_eq!(c[1]["published"], Value::Null);
        assert_eq!(c[1]["published_text"], "May 2, 2024");
        assert_eq!(c[2]["kind"], "pingback");
        assert_eq!(c[2]["pending"], true);
    }

    #[test]
    fn says_where_comments_live() {
        let mut post = sample::post();
        assert_eq!(to_json(&post, Part::All)["comment_system"], Value::Null);
        post.comment_system = Some(crate::model::CommentSystem {
            name: "disqus".into(),
            site: Some("blog-x".into()),
            ..Default::default()
        });
        // Comments on the page: the heading counts them.
        assert_eq!(where_comments_live(&post), None);
        post.comments.clear();
        let v = to_json(&post, Part::All);
        assert_eq!(v["comment_system"]["name"], "disqus");
        assert_eq!(v["comment_system"]["site"], "blog-x");
        assert!(text::to_text(&post, Part::Comments, 80).contains("Comments load from Disqus."));
        assert!(
            markdown::to_markdown(&post, Part::Comments).contains("## Comments load from Disqus.")
        );
        post.comment_system = None;
        assert!(text::to_text(&post, Part::Comments, 80).contains("No comments"));
    }

    #[test]
    fn json_parts_omit_keys() {
        let article = to_json(&sample::post(), Part::Article);
        assert!(article.get("comments").is_none());
        assert_eq!(article["text"], to_json(&sample::post(), Part::All)["text"]);
        let comments = to_json(&sample::post(), Part::Comments);
        assert!(comments.get("text").is_none());
        assert_eq!(comments["comments"].as_array().map(Vec::len), Some(3));
    }

    #[test]
    fn hostile_nesting_is_cut() {
        let mut b = Block::Paragraph {
            content: vec![Inline::Text {
                text: "deep".into(),
            }],
        };
        for _ in 0..5000 {
            b = Block::Quote { blocks: vec![b] };
        }
        let post = Post {
            title: "T".into(),
            blocks: vec![b],
            ..Post::default()
        };
        let text = to_text(&post, Part::Article, 80);
        assert!(
            text.contains("│ │ […]"),
            "{}",
            text.chars().take(300).collect::<String>()
        );
        assert!(!text.contains("deep"));
        let md = to_markdown(&post, Part::Article);
        assert!(md.contains("> > \\[…\\]"));
        assert!(!md.contains("deep"));
    }

    #[test]
    fn dates_for_people() {
        assert_eq!(
            show_date("2024-05-01T10:30:00+02:00", false),
            "2024-05-01 10:30"
        );
        assert_eq!(show_date("2024-05-01T10:30:00Z", true), "2024-05-01");
        assert_eq!(show_date("yesterday", true), "yesterday");
    }
}
