//! Finds comment elements by structure in any engine's markup: ids like `comment-N`,
//! `li-comment-N`, `dsq-comment-N`, `forumN`; item classes (`comment`, `dsq-comment`,
//! `serendipity_comment`, `forum-message`, pingbacks); schema.org `Comment` microdata; and
//! `data-comment-id` attributes. One linear walk: sidebars, widgets, navigation and forms are
//! skipped whole (and reported, for `dump --explain`), a wrapper and its inner element for the
//! same comment (`li#li-comment-5 > div#comment-5`) count once, and each found element
//! carries its nearest found ancestor (its parent comment).

use super::dom;
use super::forum_posts::{is_first_posting, posting_run};
use scraper::ElementRef;

/// A found comment element and the index of its nearest found ancestor.
#[derive(Clone, Copy)]
pub struct Found<'a> {
    pub el: ElementRef<'a>,
    pub parent: Option<usize>,
    /// Inside the page's comments section (`#comments`, `.comment-list`, …).
    pub in_section: bool,
    /// A top-level item printed before the comments section on a page that has one (a forum's
    /// opening post styled as a comment): not a comment.
    pub before_section: bool,
}

/// A region skipped whole, and why (for `dump --explain`).
#[derive(Clone, Copy)]
pub struct Skipped<'a> {
    pub el: ElementRef<'a>,
    pub reason: &'static str,
    /// How many comment-like items it held (items are counted only at its top level).
    pub items: usize,
}

/// Comment elements and skipped regions, in document order.
#[derive(Default)]
pub struct Scan<'a> {
    pub items: Vec<Found<'a>>,
    pub skipped: Vec<Skipped<'a>>,
}

/// The number of a comment id (`comment-12`, `li-comment-12`, `dsq-comment-12`, `c12`,
/// `forum12`, `comment_12`, TypePad's `comment-6a00d8…`), or `None` when the id is not one.
pub fn id_number(id: &str) -> Option<&str> {
    // wpDiscuz: `wpd-comm-<id>_<parent>`.
    if let Some(rest) = id.strip_prefix("wpd-comm-") {
        let n = rest.split('_').next().unwrap_or("");
        return (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(n);
    }
    const PREFIXES: [&str; 11] = [
        "li-comment-",
        "div-comment-",
        "dsq-comment-",
        "comment-",
        "comment_",
        "comments-",
        "cmt-",
        "cmt",
        "forum",
        "comment",
        "c",
    ];
    let rest = PREFIXES.iter().find_map(|p| id.strip_prefix(p))?;
    let digits = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    // TypePad / Movable Type asset ids: long lowercase hex ("6a00d83451…").
    let hex = rest.len() >= 16
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (digits || hex).then_some(rest)
}

fn item_class(c: &str) -> bool {
    matches!(
        c,
        "comment"
            | "Comment"
            | "comment-item"
            | "commentlist-item"
            | "comment-list-item"
            | "p-comment"
            | "u-comment"
            | "h-cite"
            | "js-comment"
            | "comment-thread-item"
            | "dsq-comment"
            | "serendipity_comment"
            | "forum-message"
            | "pingback"
            | "trackback"
            | "comment_item"
            | "single-comment"
            | "comment-container"
            | "commentItem"
            | "comments-body"
    )
}

fn item_tag(name: &str) -> bool {
    matches!(
        name,
        "li" | "div"
            | "article"
            | "section"
            | "dd"
            | "dt"
            | "blockquote"
            | "table"
            | "tr"
            | "td"
            | "ul"
            | "ol"
    )
}

/// True when the element itself looks like one comment.
pub fn is_item(el: ElementRef<'_>) -> bool {
    let v = el.value();
    if v.name() == "p" {
        return super::comment_ping::mt_ping(el);
    }
    if !item_tag(v.name()) {
        return false;
    }
    let by_id = v.id().is_some_and(|id| {
        let n = id_number(id);
        // A bare `cN`/`forumN` id needs a comment-ish class too (ids like `c1` are common).
        n.is_some()
            && (id.contains("comment")
                || id.starts_with("cmt")
                || matches!(v.name(), "dt" | "li" | "article")
                || dom::classes(el).next().is_some()
                || footer_after(el).is_some())
    });
    // A comment's part that also carries `comment` (`section.comment-content.comment`).
    let part = dom::classes(el).any(|c| {
        matches!(
            c,
            "comment-content" | "comment-body" | "comment-text" | "comment-meta" | "comment-author"
        )
    });
    if part && !by_id {
        return false;
    }
    // phpBB 3 (prosilver): `div#p123.post`.
    let forum_post = dom::has_class(el, "post")
        && v.id().is_some_and(|i| {
            i.strip_prefix('p')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        });
    by_id
        || forum_post
        || anchored(el)
        || dom::classes(el).any(item_class)
        || dom::attr(el, "itemtype").is_some_and(|t| t.contains("Comment"))
        || posting_run(el)
        || dom::attr(el, "data-comment-id").is_some()
        || dom::attr(el, "data-commentid").is_some()
}

/// An item announced by the anchor just before it: `<a id="comment-405"></a><li>` (Drupal),
/// or `<a id="c301"></a><div class="bComment">` (b2evolution's `Comment::anchor()`): a short
/// anchor id needs a class naming a comment (ending in "comment"; not a part such as
/// Serendipity's `serendipity_commentBody` after its anchor).
pub(super) fn anchored(el: ElementRef<'_>) -> bool {
    matches!(el.value().name(), "li" | "div" | "article")
        && el
            .prev_siblings()
            .find_map(ElementRef::wrap)
            .filter(|a| a.value().name() == "a" && dom::attr(*a, "href").is_none())
            .and_then(|a| dom::attr(a, "id").or_else(|| dom::attr(a, "name")))
            .is_some_and(|id| {
                id_number(id).is_some()
                    && (id.contains("comment")
                        || dom::classes(el).any(|c| c.to_ascii_lowercase().ends_with("comment")))
            })
}

/// The "Posted by: NAME at DATE" line printed right after a comment's text (Movable Type 2/3).
pub fn footer_after(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let next = el.next_siblings().find_map(ElementRef::wrap)?;
    let posted = matches!(next.value().name(), "p" | "div" | "span")
        && (dom::classes(next).any(|c| matches!(c, "posted" | "comments-post" | "comment-footer"))
            || next
                .text()
                .find(|t| !t.trim().is_empty())
                .is_some_and(|t| t.trim_start().to_ascii_lowercase().starts_with("posted by")));
    posted.then_some(next)
}

/// A form that holds comments rather than asks for one: no text area, and a comment
/// anchor (`<a id="comment-22">`) among its children. Forms do not nest in parsed HTML, so
/// these walks stay linear over the page.
fn wraps_comments(form: ElementRef<'_>) -> bool {
    let mut anchors = 0usize;
    for e in form.descendent_elements() {
        match e.value().name() {
            "textarea" => return false,
            "input" if dom::attr(e, "type").is_some_and(|t| t.eq_ignore_ascii_case("password")) => {
                return false
            }
            "div" | "li" | "article" if anchored(e) => anchors += 1,
            _ => {}
        }
    }
    anchors > 0
}

/// Why a region is skipped whole, if it is.
fn skip_reason(el: ElementRef<'_>) -> Option<&'static str> {
    let v = el.value();
    match v.name() {
        "aside" => return Some("inside <aside> (sidebar)"),
        "nav" => return Some("navigation"),
        // A form someone types in (the comment form, a search box) is skipped; a form with
        // no text area may wrap the comments themselves (Drupal 4's moderation controls).
        "form" if !wraps_comments(el) => return Some("a form"),
        "script" | "template" | "noscript" | "style" => return Some("not rendered"),
        _ => {}
    }
    if matches!(v.name(), "html" | "body" | "main" | "article") {
        return None;
    }
    let id = v.id().unwrap_or("").to_ascii_lowercase();
    let tokens = || dom::classes(el).map(str::to_ascii_lowercase);
    let any = |f: &dyn Fn(&str) -> bool| f(&id) || tokens().any(|t| f(&t));
    if any(&|w| {
        w.contains("recentcomments")
            || w.contains("recent-comments")
            || w.contains("recent_comments")
            || w.contains("comment-recent")
            || w.contains("lastcomments")
            || w.contains("latest-comments")
    }) {
        Some("a \"recent comments\" list")
    } else if id.starts_with("sidebar")
        || id == "secondary"
        || tokens().any(|t| {
            matches!(
                t.as_str(),
                "sidebar" | "widget-area" | "sidebar-content" | "widgets"
            )
        })
    {
        Some("a sidebar")
    } else if any(&|w| {
        w.starts_with("related") || w.contains("-related") || w.contains("jp-relatedposts")
    }) {
        Some("related posts")
    } else if any(&|w| {
        w == "respond" || w == "comment-respond" || w == "commentform" || w == "reply-form"
    }) {
        Some("the reply form")
    } else {
        None
    }
}

/// Walks the page once.
pub fn scan(root: ElementRef<'_>) -> Scan<'_> {
    let mut out = Scan::default();
    // (element, nearest found ancestor, index of the enclosing skipped region, in section,
    // a reply list passed since that ancestor)
    type Entry<'b> = (ElementRef<'b>, Option<usize>, Option<usize>, bool, bool);
    let mut stack: Vec<Entry<'_>> = vec![(root, None, None, false, false)];
    // Per found item: whether a reply list stands between it and its parent.
    let mut via_list: Vec<bool> = Vec::new();
    let mut index: std::collections::HashMap<ego_tree::NodeId, usize, dom::IdBuild> =
        std::collections::HashMap::default();
    let forum = super::forum_posts::find(root);
    while let Some((el, parent, skipped, section, listed)) = stack.pop() {
        let section = section || is_section(el);
        let mut here = parent;
        let mut listed = listed;
        let mut in_skip = skipped;
        let reason = skip_reason(el);
        // A "recent comments" list inside a sidebar is reported on its own.
        let recent = reason.is_some_and(|r| r.starts_with("a \"recent"));
        let in_recent = in_skip
            .and_then(|s| out.skipped.get(s))
            .is_some_and(|s| s.reason.starts_with("a \"recent"));
        if in_skip.is_none() || (recent && !in_recent) {
            if let Some(reason) = reason {
                out.skipped.push(Skipped {
                    el,
                    reason,
                    items: 0,
                });
                in_skip = Some(out.skipped.len() - 1);
            }
        }
        if is_reply_list(el) {
            listed = true;
            // Drupal's `div.indented` and friends: replies printed after their parent.
            let prev = el
                .prev_siblings()
                .filter_map(ElementRef::wrap)
                .find(|e| !(e.value().name() == "a" && dom::attr(*e, "href").is_none()));
            if let Some(k) = prev.and_then(|p| index.get(&p.id()).copied()) {
                here = Some(k);
            }
        }
        let recent_entry = el.value().name() == "li"
            && skipped
                .and_then(|s| out.skipped.get(s))
                .is_some_and(|s| s.reason.starts_with("a \"recent"));
        // A `<dd>` after a `<dt>` item is that item's text, even when it repeats its markup.
        let dt_body = el.value().name() == "dd"
            && el
                .prev_siblings()
                .find_map(ElementRef::wrap)
                .is_some_and(|d| d.value().name() == "dt" && index.contains_key(&d.id()));
        let post_table = forum.tables.contains(&el.id());
        if (is_item(el) && !dt_body) || recent_entry || post_table {
            match in_skip {
                Some(s) => {
                    if let Some(sk) = out.skipped.get_mut(s) {
                        sk.items += 1;
                    }
                }
                None if !same_comment(here.map(|p| out.items[p].el), el) => {
                    out.items.push(Found {
                        el,
                        parent: here,
                        in_section: section,
                        before_section: false,
                    });
                    via_list.push(listed);
                    listed = false;
                    here = Some(out.items.len() - 1);
                    index.insert(el.id(), out.items.len() - 1);
                }
                None => {}
            }
        }
        let before = stack.len();
        stack.extend(
            el.child_elements()
                .map(|c| (c, here, in_skip, section, listed)),
        );
        stack[before..].reverse();
    }
    super::comment_tree::unnest_misnested(&mut out.items, &via_list);
    if let Some(first) = out.items.iter().position(|f| f.in_section) {
        for f in &mut out.items[..first] {
            f.before_section = f.parent.is_none();
        }
    }
    // A forum posting numbered 1 (`itemprop=position`, Discourse's crawler view) is the
    // topic's post: the article.
    for f in &mut out.items {
        if f.parent.is_none() && is_first_posting(f.el) {
            f.before_section = true;
        }
    }
    // A thread's first page opens with the topic's post: the article.
    if forum.first_page {
        let first = out
            .items
            .iter_mut()
            .find(|f| f.parent.is_none() && forum.tables.contains(&f.el.id()));
        if let Some(f) = first {
            f.before_section = true;
        }
    }
    // Only skipped regions that held comment-like items are worth reporting.
    out.skipped
        .retain(|s| s.items > 0 || s.reason.starts_with("a \"recent"));
    out
}

/// The page's comments section.
fn is_section(el: ElementRef<'_>) -> bool {
    el.value()
        .id()
        .is_some_and(|i| i == "comments" || i == "comments-list")
        || dom::classes(el).any(|c| {
            matches!(
                c,
                "comments"
                    | "comment-list"
                    | "commentlist"
                    | "comments-area"
                    | "comments-list"
                    | "commentlist-wrapper"
            )
        })
}

/// A reply list printed as a sibling after its parent comment.
fn is_reply_list(el: ElementRef<'_>) -> bool {
    !is_item(el)
        && dom::classes(el).any(|c| {
            matches!(
                c,
                "indented"
                    | "children"
                    | "replies"
                    | "comment-replies"
                    | "sub-comments"
                    | "comment-children"
                    | "comments-children"
            )
        })
}

/// True when `inner` is the same comment as its nearest found ancestor `outer` (a wrapper:
/// the same id number, or an inner element with an id number in an outer one without).
fn same_comment(outer: Option<ElementRef<'_>>, inner: ElementRef<'_>) -> bool {
    let Some(outer) = outer else { return false };
    fn num(e: ElementRef<'_>) -> Option<&str> {
        e.value().id().and_then(id_number)
    }
    match (num(outer), num(inner)) {
        (Some(a), Some(b)) => a == b,
        // `li.comment > article.comment-body`-like pairs: an inner element that is the first
        // element child and has no id of its own is the wrapper's body.
        (_, None) => outer.child_elements().next().map(|c| c.id()) == Some(inner.id()),
        (None, Some(_)) => outer.child_elements().next().map(|c| c.id()) == Some(inner.id()),
    }
}
