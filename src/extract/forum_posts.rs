//! Forum posts in table layouts (phpBB's subsilver styles and their imitators): each post is
//! the nearest `<table>` around one `<a name="pN">` anchor that also holds the post's body or
//! author (`postbody`, `postauthor`). A thread's first page opens with the topic's own post:
//! that is the article, not a comment; later pages (they link to a previous page) open with
//! a reply. Also schema.org `DiscussionForumPosting` runs (a thread's posts as microdata).

use super::dom::{self, IdBuild, NodeSet};
use scraper::ElementRef;
use std::collections::HashMap;

/// How far up from an anchor or a body the post's table may be.
const CLIMB: usize = 8;

/// The post tables of a page, and whether the page is a thread's first page.
#[derive(Default)]
pub struct ForumPosts {
    pub tables: NodeSet,
    pub first_page: bool,
}

/// The post number of a forum anchor (`<a name="p84">`, no `href`).
pub fn anchor_number(a: ElementRef<'_>) -> Option<&str> {
    if a.value().name() != "a" || dom::attr(a, "href").is_some() {
        return None;
    }
    let n = dom::attr(a, "name")
        .or_else(|| dom::attr(a, "id"))?
        .strip_prefix('p')?;
    (!n.is_empty() && n.len() <= 20 && n.bytes().all(|b| b.is_ascii_digit())).then_some(n)
}

/// Words of a link to the previous page of a thread, lowercased.
const PREVIOUS: [&str; 8] = [
    "previous",
    "prev",
    "« previous",
    "‹ previous",
    "zurück",
    "précédente",
    "précédent",
    "anterior",
];

fn table_above(e: ElementRef<'_>) -> Option<ElementRef<'_>> {
    e.ancestors()
        .take(CLIMB)
        .filter_map(ElementRef::wrap)
        .find(|a| a.value().name() == "table")
}

/// One pass over the page: post tables (exactly one post anchor, and a post body or author)
/// and previous-page links.
pub fn find(root: ElementRef<'_>) -> ForumPosts {
    let mut anchors: HashMap<ego_tree::NodeId, usize, IdBuild> = HashMap::default();
    let mut marked = NodeSet::default();
    let mut previous = false;
    for e in root.descendent_elements() {
        let name = e.value().name();
        if name == "a" && anchor_number(e).is_some() {
            if let Some(t) = table_above(e) {
                *anchors.entry(t.id()).or_default() += 1;
            }
        } else if dom::classes(e).any(|c| matches!(c, "postbody" | "postauthor")) {
            if let Some(t) = table_above(e) {
                marked.insert(t.id());
            }
        }
        if matches!(name, "a" | "link")
            && dom::attr(e, "rel").is_some_and(|r| r.split_ascii_whitespace().any(|w| w == "prev"))
        {
            previous = true;
        } else if name == "a" && dom::attr(e, "href").is_some() && !previous {
            let (t, more) = super::comment_read::lead_text(e, 20);
            previous = !more && PREVIOUS.contains(&t.to_lowercase().as_str());
        }
    }
    let tables: NodeSet = anchors
        .into_iter()
        .filter(|(t, n)| *n == 1 && marked.contains(t))
        .map(|(t, _)| t)
        .collect();
    ForumPosts {
        first_page: !previous,
        tables,
    }
}

pub(super) fn is_posting(el: ElementRef<'_>) -> bool {
    dom::attr(el, "itemtype").is_some_and(|t| t.ends_with("/DiscussionForumPosting"))
}

/// One of a run of schema.org `DiscussionForumPosting` siblings (a thread's posts; a single
/// one may wrap a whole thread, so it alone is no post).
pub(super) fn posting_run(el: ElementRef<'_>) -> bool {
    is_posting(el)
        && (el
            .prev_siblings()
            .find_map(ElementRef::wrap)
            .is_some_and(is_posting)
            || el
                .next_siblings()
                .find_map(ElementRef::wrap)
                .is_some_and(is_posting))
}

/// A posting whose `position` says it opens the thread ("#1").
pub(super) fn is_first_posting(el: ElementRef<'_>) -> bool {
    is_posting(el)
        && el
            .descendent_elements()
            .take(200)
            .find(|e| dom::attr(*e, "itemprop") == Some("position"))
            .is_some_and(|p| {
                let t = dom::attr(p, "content").map_or_else(|| dom::text(p), str::to_string);
                t.trim().trim_start_matches('#') == "1"
            })
}
