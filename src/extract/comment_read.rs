//! Reads one comment element in any markup: author, author URL, date, permalink, text and
//! kind, from microdata (`itemprop` author/name/dateCreated/text), microformats (`fn`,
//! `p-author`), `<cite>`, `<time>` and the usual class words (`comment-author`,
//! `comment-meta`, `comment-content`/`-body`/`-text`, `dsq-comment-message`, …).
//! The text is the content element with header chrome removed: names, dates, avatars,
//! "says:", reply and edit links never end up in it.

use super::blocks::{self, Ctx};
use super::comment_find::id_number;
use super::{dom, sanitize, Page};
use crate::model::{Block, Comment, CommentKind};
use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

/// The element's own elements in document order, not entering `nested` comment elements.
pub fn own_elements<'a>(el: ElementRef<'a>, nested: &dyn Fn(ElementRef<'_>) -> bool) -> Vec<ElementRef<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeRef<'a, Node>> = el.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        let Some(e) = ElementRef::wrap(n) else { continue };
        if nested(e) {
            continue;
        }
        out.push(e);
        let before = stack.len();
        stack.extend(n.children());
        stack[before..].reverse();
    }
    out
}

fn lower_classes(e: ElementRef<'_>) -> impl Iterator<Item = String> + '_ {
    dom::classes(e).map(str::to_ascii_lowercase)
}

fn class_has(e: ElementRef<'_>, words: &[&str]) -> bool {
    lower_classes(e).any(|c| words.iter().any(|w| c.contains(w)))
}

fn itemprop(e: ElementRef<'_>, names: &[&str]) -> bool {
    dom::attr(e, "itemprop").is_some_and(|p| p.split_ascii_whitespace().any(|w| names.contains(&w)))
}

/// Chrome inside a comment: never part of its text.
pub fn is_chrome(e: ElementRef<'_>) -> bool {
    let name = e.value().name();
    if matches!(name, "header" | "footer" | "time" | "button")
        && !class_has(e, &["content", "text", "message", "body"])
    {
        return true;
    }
    if itemprop(e, &["author", "creator", "dateCreated", "datePublished", "image", "url"]) {
        return true;
    }
    class_has(
        e,
        &[
            "author", "avatar", "gravatar", "photo", "vcard", "meta", "date", "time", "reply", "edit-link", "says",
            "byline", "permalink", "comment-number", "comment-info", "comment-head", "commentinfo",
            "comment-footer", "comments-post", "actions", "like", "share", "report", "votes",
            "rating", "dsq-comment-header", "forum-chapo", "screen-reader", "comment-links",
            "posted", "signature", "bypostauthor-label",
        ],
    ) && !class_has(e, &["content", "text", "message", "body", "entry"])
}

/// The comment's text element, when it has one.
fn content<'a>(own: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    let by = |f: &dyn Fn(ElementRef<'_>) -> bool| own.iter().copied().find(|e| f(*e));
    by(&|e| itemprop(e, &["text", "commentText", "articleBody"]))
        .or_else(|| {
            by(&|e| {
                lower_classes(e).any(|c| {
                    matches!(
                        c.as_str(),
                        "dsq-comment-message"
                            | "comment-content"
                            | "comment-text"
                            | "comment_text"
                            | "commenttext"
                            | "comment-entry"
                            | "forum-texte"
                            | "e-content"
                            | "p-content"
                            | "comment-message"
                            | "comments-body"
                            | "comment_content"
                            | "serendipity_commentbody"
                            | "field-name-comment-body"
                            | "field--name-comment-body"
                            | "comment-body"
                            | "content"
                            | "entry-content"
                            | "text"
                            | "message"
                    )
                })
            })
        })
}

/// A name element's own text: its first non-permalink link, or its text without "says:".
fn name_of(a: ElementRef<'_>) -> (String, Option<ElementRef<'_>>) {
    let link = std::iter::once(a)
        .chain(a.descendent_elements())
        .filter(|e| e.value().name() == "a" && dom::attr(*e, "href").is_some())
        .find(|e| !is_permalink_href(dom::attr(*e, "href").unwrap_or("")) && !dom::text(*e).is_empty());
    let text = match link {
        Some(l) => dom::text(l),
        None => {
            // Text of the element without its chrome children ("says:", dates, avatars).
            let mut s = String::new();
            for n in a.children() {
                match ElementRef::wrap(n) {
                    Some(e) if class_has(e, &["says", "date", "time", "meta", "avatar", "label"])
                        || matches!(e.value().name(), "time" | "img") => {}
                    Some(e) => {
                        s.push(' ');
                        s.push_str(&dom::raw_text(e));
                    }
                    None => {
                        if let Some(t) = n.value().as_text() {
                            s.push_str(t);
                        }
                    }
                }
            }
            sanitize::line(&s)
        }
    };
    (clean_name(&text), link)
}

/// Strips "says:", "said…", "wrote:", "Posted by", "By" around a name.
pub fn clean_name(s: &str) -> String {
    let mut t = s.trim();
    for pre in ["Posted by:", "Posted by", "Écrit par", "Publié par", "par ", "By ", "by "] {
        if let Some(r) = t.strip_prefix(pre) {
            t = r.trim_start_matches(':').trim();
        }
    }
    for suf in [" says:", " says", " said...", " said…", " said:", " said", " wrote:", " dit :", " dit:", ":"] {
        if let Some(r) = t.strip_suffix(suf) {
            t = r.trim();
        }
    }
    t.to_string()
}

fn is_permalink_href(h: &str) -> bool {
    h.split_once('#').is_some_and(|(_, f)| id_number(f).is_some())
        || h.contains("replytocom=")
        || h.contains("/comment/")
}

/// The author element: microdata, microformats, `<cite>`, then class words.
fn author_el<'a>(own: &[ElementRef<'a>]) -> Option<ElementRef<'a>> {
    let by = |f: &dyn Fn(ElementRef<'_>) -> bool| own.iter().copied().find(|e| f(*e));
    let ok = |e: ElementRef<'_>| {
        let t = dom::text(e);
        !t.is_empty() && t.chars().count() <= 120
    };
    if let Some(a) = by(&|e| itemprop(e, &["author", "creator"])) {
        let name = a
            .descendent_elements()
            .find(|e| itemprop(*e, &["name"]) && ok(*e))
            .unwrap_or(a);
        if ok(name) {
            return Some(name);
        }
    }
    by(&|e| (dom::has_class(e, "fn") || dom::has_class(e, "p-name")) && ok(e))
        .or_else(|| by(&|e| dom::attr(e, "id").is_some_and(|i| i.starts_with("dsq-author-user")) && ok(e)))
        .or_else(|| {
            by(&|e| {
                lower_classes(e).any(|c| {
                    (c.contains("author") && !c.contains("avatar") && !c.starts_with("bypostauthor"))
                        || c.contains("username")
                        || c.contains("user-name")
                        || c.contains("commenter")
                        || c == "p-author"
                        || c == "name"
                        || c == "comment-name"
                }) && ok(e)
                    && e.value().name() != "img"
            })
        })
        .or_else(|| by(&|e| e.value().name() == "cite" && ok(e)))
}

/// "Posted by: NAME | DATE" footers (Movable Type, TypePad, old themes).
fn posted_by<'a>(own: &[ElementRef<'a>]) -> Option<(String, Option<ElementRef<'a>>)> {
    let el = own.iter().copied().find(|e| {
        matches!(e.value().name(), "p" | "div" | "span" | "small")
            && {
                let t = dom::text(*e);
                let l = t.to_ascii_lowercase();
                (l.starts_with("posted by") || l.starts_with("écrit par") || l.starts_with("by "))
                    && t.len() < 300
            }
    })?;
    let link = el
        .descendent_elements()
        .find(|e| e.value().name() == "a" && !is_permalink_href(dom::attr(*e, "href").unwrap_or("")));
    let text = dom::text(el);
    let after = text.split_once(['|', '\u{2022}']).map_or(text.as_str(), |(a, _)| a);
    let name = match link {
        Some(l) if !dom::text(l).is_empty() => dom::text(l),
        _ => clean_name(after.split(" at ").next().unwrap_or(after)),
    };
    (!name.is_empty()).then_some((name, link))
}

/// Reads one comment; `None` when it has no text (and is no ping).
pub fn read(el: ElementRef<'_>, own: &[ElementRef<'_>], page: &Page<'_>, nested: &dyn Fn(ElementRef<'_>) -> bool) -> Option<Comment> {
    let mut c = Comment::default();
    let text_lc = || dom::text(el).to_ascii_lowercase();
    c.kind = if dom::has_class(el, "pingback") || text_lc().starts_with("pingback") {
        CommentKind::Pingback
    } else if dom::has_class(el, "trackback") || text_lc().starts_with("trackback") {
        CommentKind::Trackback
    } else {
        CommentKind::Comment
    };
    let (author, link) = match author_el(own) {
        Some(a) => name_of(a),
        None => posted_by(own).unwrap_or_default(),
    };
    c.author = author;
    c.author_url = link
        .and_then(|a| dom::attr(a, "href"))
        .and_then(|h| dom::abs_url(&page.base, h));
    read_date(own, &mut c, page);
    c.id = comment_id(el, own).unwrap_or_default();
    let name_id = author_el(own).map(|a| a.id());
    let skip = |e: ElementRef<'_>| nested(e) || is_chrome(e) || Some(e.id()) == name_id;
    let ctx = Ctx {
        base: &page.base,
        skip: &skip,
    };
    c.blocks = match content(own) {
        Some(body) => blocks::blocks_of(body, &ctx),
        None => blocks::blocks_of(el, &ctx),
    };
    if c.kind != CommentKind::Comment {
        // A ping: the linking site is the author; its text is the excerpt, if any.
        if c.author.is_empty() || c.author.eq_ignore_ascii_case("pingback") {
            let a = own.iter().copied().find(|e| e.value().name() == "a" && dom::attr(*e, "href").is_some());
            if let Some(a) = a {
                c.author = dom::text(a);
                c.author_url = dom::attr(a, "href").and_then(|h| dom::abs_url(&page.base, h));
            }
        }
        strip_ping_blocks(&mut c.blocks, &c.author);
        return Some(c);
    }
    if c.blocks.is_empty() {
        return None;
    }
    if c.author.is_empty() {
        c.author = "Anonymous".to_string();
    }
    Some(c)
}

/// A ping's blocks that only repeat "Pingback: <site>" are no text.
fn strip_ping_blocks(blocks: &mut Vec<Block>, author: &str) {
    let t = crate::model::blocks_text(blocks);
    let rest = t
        .trim()
        .trim_start_matches("Pingback:")
        .trim_start_matches("Trackback:")
        .trim()
        .trim_start_matches(author)
        .trim()
        .trim_matches(['(', ')'])
        .trim();
    if rest.is_empty() {
        blocks.clear();
    }
}

fn read_date(own: &[ElementRef<'_>], c: &mut Comment, page: &Page<'_>) {
    let machine = own.iter().copied().find_map(|e| {
        let v = if e.value().name() == "time" {
            dom::attr(e, "datetime")
        } else if itemprop(e, &["dateCreated", "datePublished", "commentTime"]) {
            dom::attr(e, "datetime").or_else(|| dom::attr(e, "content"))
        } else if e.value().name() == "abbr" && class_has(e, &["published", "dt-published"]) {
            dom::attr(e, "title")
        } else {
            None
        };
        v.map(sanitize::line).filter(|s| !s.is_empty())
    });
    c.published = machine;
    let date_el = own
        .iter()
        .copied()
        .find(|e| e.value().name() == "time" || class_has(*e, &["date", "time", "published", "timestamp"]))
        .or_else(|| {
            own.iter().copied().find(|e| {
                class_has(*e, &["commentmetadata", "comment-meta", "comment-metadata"])
            })
        });
    let link = own.iter().copied().find(|e| {
        e.value().name() == "a" && dom::attr(*e, "href").is_some_and(is_permalink_href)
    }).or_else(|| {
        date_el.and_then(|d| std::iter::once(d).chain(d.descendent_elements()).find(|e| e.value().name() == "a" && dom::attr(*e, "href").is_some()))
    });
    c.permalink = link
        .and_then(|a| dom::attr(a, "href"))
        .and_then(|h| dom::abs_url(&page.base, h));
    if c.published.is_none() {
        let shown = date_el.map(dom::text).or_else(|| link.map(dom::text));
        c.published_text = shown.filter(|s| !s.is_empty() && s.chars().count() <= 100);
    }
}

/// The comment's id: its own, a wrapper's, an anchor just before or inside it, else none.
fn comment_id(el: ElementRef<'_>, own: &[ElementRef<'_>]) -> Option<String> {
    let strip = |id: &str| -> String {
        let id = sanitize::line(id);
        for p in ["li-comment-", "div-comment-", "dsq-comment-", "comment-", "comment_"] {
            if let Some(r) = id.strip_prefix(p) {
                if !r.is_empty() {
                    return r.to_string();
                }
            }
        }
        id
    };
    fn named(e: ElementRef<'_>) -> Option<&str> {
        dom::attr(e, "id")
            .or_else(|| dom::attr(e, "name"))
            .filter(|i| id_number(i).is_some())
    }
    if let Some(id) = dom::attr(el, "data-comment-id").or_else(|| dom::attr(el, "data-commentid")) {
        return Some(sanitize::line(id)).filter(|s| !s.is_empty());
    }
    if let Some(id) = el.value().id().filter(|i| id_number(i).is_some()) {
        return Some(strip(id));
    }
    let before = el
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .filter(|e| e.value().name() == "a")
        .and_then(named);
    let inside = || own.iter().copied().find_map(named);
    before.or_else(inside).map(strip).or_else(|| el.value().id().map(sanitize::line))
}
