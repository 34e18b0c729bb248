//! Per-element text statistics and class/id weights for the generic engine's content scoring
//! and cleaning (one bottom-up pass over the tree).

use super::dom;
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Node};
use std::collections::HashMap;

/// Text counts of one element's subtree.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Characters of text (whitespace runs count once).
    pub text: usize,
    /// Characters of text inside links.
    pub link: usize,
    pub commas: usize,
    /// Characters of text nodes that are direct children.
    pub direct_text: usize,
    pub p: usize,
    pub img: usize,
    pub li: usize,
    pub input: usize,
    /// Embedded objects other than videos (`object > embed` counts once).
    pub embed: usize,
    /// A video player's address was seen in the subtree (an `embed`, `param` or `iframe`).
    pub video: bool,
    /// The text ends with a full stop.
    pub ends_sentence: bool,
}

impl Stats {
    pub fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f64 / self.text as f64
        }
    }
}

/// Stats for every element under `root`, in one traversal.
pub fn compute(root: ElementRef<'_>) -> HashMap<NodeId, Stats> {
    let mut out = HashMap::new();
    let mut stack: Vec<Stats> = Vec::new();
    let mut in_link = 0usize;
    let mut hidden = 0usize;
    let mut in_embed = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) => {
                    stack.push(Stats::default());
                    match e.name() {
                        "a" => in_link += 1,
                        "script" | "style" | "noscript" | "template" => hidden += 1,
                        "embed" | "object" | "iframe" => in_embed += 1,
                        _ => {}
                    }
                }
                Node::Text(t) if hidden == 0 => {
                    let len = t
                        .split_whitespace()
                        .map(|w| w.chars().count() + 1)
                        .sum::<usize>();
                    if let Some(top) = stack.last_mut() {
                        top.text += len;
                        top.direct_text += len;
                        top.commas += t.matches([',', '，', '،']).count();
                        if in_link > 0 {
                            top.link += len;
                        }
                        if let Some(c) = t.trim_end().chars().last() {
                            top.ends_sentence = c == '.';
                        }
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                let Node::Element(e) = n.value() else {
                    continue;
                };
                let Some(mut s) = stack.pop() else { continue };
                match e.name() {
                    "a" => in_link = in_link.saturating_sub(1),
                    "script" | "style" | "noscript" | "template" => {
                        hidden = hidden.saturating_sub(1)
                    }
                    "embed" | "object" | "iframe" => in_embed = in_embed.saturating_sub(1),
                    _ => {}
                }
                let name = e.name();
                if matches!(name, "embed" | "object" | "iframe" | "param") {
                    s.video |= ["src", "data", "value"]
                        .iter()
                        .any(|a| e.attr(a).is_some_and(is_video));
                }
                out.insert(n.id(), s);
                s.p += usize::from(name == "p");
                s.img += usize::from(name == "img");
                s.li += usize::from(name == "li");
                s.input += usize::from(name == "input");
                // Readability keeps video players: they are not embeds that make a block junk.
                s.embed += usize::from(
                    matches!(name, "embed" | "object" | "iframe") && in_embed == 0 && !s.video,
                );
                if let Some(parent) = stack.last_mut() {
                    parent.text += s.text;
                    parent.link += s.link;
                    parent.commas += s.commas;
                    parent.p += s.p;
                    parent.img += s.img;
                    parent.li += s.li;
                    parent.input += s.input;
                    parent.embed += s.embed;
                    parent.video |= s.video && in_embed > 0;
                    if s.text > 0 {
                        parent.ends_sentence = s.ends_sentence;
                    }
                }
            }
        }
    }
    out
}

/// A video player's address (readability's `videos` pattern: YouTube, Vimeo, Dailymotion,
/// Tencent video, Wikimedia, archive.org, Twitch).
fn is_video(url: &str) -> bool {
    let u = url.to_ascii_lowercase();
    let Some(rest) = u.split_once("//").map(|(_, r)| r) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    [
        "youtube.com",
        "youtube-nocookie.com",
        "player.vimeo.com",
        "dailymotion.com",
        "v.qq.com",
        "archive.org",
        "upload.wikimedia.org",
        "player.twitch.tv",
    ]
    .contains(&host)
}

const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "cookie",
];
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "cookie",
];
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

/// Readability's passes: each retry (when the article comes out short) turns one more off.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
}

impl Flags {
    /// The passes in order: everything on, then unlikely-stripping off, then class weights,
    /// then conditional cleaning.
    pub const PASSES: [Flags; 4] = [
        Flags {
            strip_unlikely: true,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
        },
    ];
}

/// ±25 for positive/negative words in the class and id (0 when class weighting is off).
pub fn class_weight(el: ElementRef<'_>, f: Flags) -> f64 {
    if !f.weight_classes {
        return 0.0;
    }
    let v = el.value();
    let mut w = 0.0;
    for part in [v.attr("class"), v.id()].into_iter().flatten() {
        let p = part.to_ascii_lowercase();
        if NEGATIVE.iter().any(|n| p.contains(n)) {
            w -= 25.0;
        }
        if POSITIVE.iter().any(|n| p.contains(n)) {
            w += 25.0;
        }
    }
    w
}

/// A candidate's starting score: tag bonus plus class weight.
pub fn initial_score(el: ElementRef<'_>, f: Flags) -> f64 {
    let tag = match el.value().name() {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    tag + class_weight(el, f)
}

/// Navigation, asides, footers, hidden parts and elements whose class/id look like chrome.
pub fn is_unlikely(el: ElementRef<'_>, f: Flags) -> bool {
    let v = el.value();
    let name = v.name();
    if matches!(
        name,
        "nav"
            | "aside"
            | "footer"
            | "script"
            | "style"
            | "noscript"
            | "form"
            | "button"
            | "iframe"
            | "svg"
            | "template"
    ) {
        return true;
    }
    if dom::is_hidden(v) {
        return true;
    }
    if v.attr("role").is_some_and(|r| {
        matches!(
            r,
            "menu"
                | "menubar"
                | "complementary"
                | "navigation"
                | "alert"
                | "alertdialog"
                | "dialog"
        )
    }) {
        return true;
    }
    if !f.strip_unlikely || matches!(name, "body" | "a" | "html" | "main" | "article") {
        return false;
    }
    let ic = dom::id_class(el);
    UNLIKELY.iter().any(|u| ic.contains(u)) && !MAYBE.iter().any(|m| ic.contains(m))
}

/// Elements under `body` outside unlikely subtrees and outside `skip` (comments read from the
/// page), in document order.
pub fn visible_elements<'a, 's>(
    body: ElementRef<'a>,
    f: Flags,
    skip: &'s dom::NodeSet,
) -> impl Iterator<Item = ElementRef<'a>> + 's
where
    'a: 's,
{
    let mut stack = vec![body];
    std::iter::from_fn(move || {
        let el = stack.pop()?;
        let before = stack.len();
        stack.extend(
            el.child_elements()
                .filter(|c| !is_unlikely(*c, f) && !skip.contains(&c.id())),
        );
        stack[before..].reverse();
        Some(el)
    })
}

/// Output cleaning: unlikely parts, title-duplicating headings, link-heavy or
/// image/form-heavy containers (readability's conditional cleaning).
/// `article_text`: the characters of the chosen article; a block holding more than half of
/// them is not cleaned conditionally (a short post whose sentences link a lot is the post).
pub fn should_drop(
    e: ElementRef<'_>,
    st: &HashMap<NodeId, Stats>,
    title: &str,
    f: Flags,
    article_text: usize,
) -> bool {
    if is_unlikely(e, f) {
        return true;
    }
    let name = e.value().name();
    let weight = class_weight(e, f);
    if matches!(name, "h1" | "h2") && (weight < 0.0 || dom::text(e) == title) {
        return true;
    }
    if !f.clean_conditionally
        || !matches!(
            name,
            "form" | "fieldset" | "table" | "ul" | "ol" | "div" | "section" | "aside"
        )
    {
        return false;
    }
    if name == "table" && !super::inlines::is_layout_table(e) {
        return false;
    }
    let Some(s) = st.get(&e.id()) else {
        return false;
    };
    if weight < 0.0 {
        return true;
    }
    if s.commas >= 10 || s.text * 2 > article_text {
        return false;
    }
    let is_list = matches!(name, "ul" | "ol");
    let ld = s.link_density();
    (s.img > 1 && (s.p as f64) / (s.img as f64) < 0.5)
        || (s.input as f64 > (s.p as f64 / 3.0).floor())
        || (!is_list && s.text < 25 && (s.img == 0 || s.img > 2) && ld > 0.0)
        || (!is_list && weight < 25.0 && ld > 0.2)
        || (weight >= 25.0 && ld > 0.5)
        || ((s.embed == 1 && s.text < 75) || s.embed > 1)
}
