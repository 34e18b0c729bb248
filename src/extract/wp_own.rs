//! A WordPress comment's own elements (not those of nested replies), with the comment
//! classes each carries as bits, so a comment's parts are found without a selector walk.

use super::dom::{self, NodeSet};
use ego_tree::NodeRef;
use scraper::{ElementRef, Node};

/// One of a comment's own elements with the classes this module looks for, as bits.
#[derive(Clone, Copy)]
pub(super) struct Own<'a> {
    pub(super) el: ElementRef<'a>,
    pub(super) mask: u32,
}

pub(super) fn mask_of(class: &str) -> u32 {
    class.split_ascii_whitespace().fold(0, |m, c| m | bit_of(c))
}

/// The bit of one of the classes [`find`] can look for (0 for any other class): a `match` the
/// compiler turns into a length-and-bytes test, not a string comparison per known class.
fn bit_of(c: &str) -> u32 {
    let i = match c {
        "comment-awaiting-moderation" => 0,
        "comment-reply-link" => 1,
        "wp-block-comment-author-name" => 2,
        "fn" => 3,
        "comment-metadata" => 4,
        "wp-block-comment-date" => 5,
        "commentmetadata" => 6,
        "comment-meta" => 7,
        "wp-block-comment-content" => 8,
        "comment-content" => 9,
        "comment-body" => 10,
        "url" => 11,
        "comment-author" => 12,
        _ => return 0,
    };
    1 << i
}

/// The comment's own elements in document order, not entering nested comments.
pub(super) fn own_elements<'a>(el: ElementRef<'a>, set: &NodeSet) -> Vec<Own<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeRef<'a, Node>> = el.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if set.contains(&n.id()) {
            continue;
        }
        if let Some(e) = ElementRef::wrap(n) {
            out.push(Own {
                el: e,
                mask: dom::attr(e, "class").map_or(0, mask_of),
            });
            let before = stack.len();
            stack.extend(n.children());
            stack[before..].reverse();
        }
    }
    out
}

/// The first own element with `class` (one of those [`bit_of`] knows).
pub(super) fn find<'a>(own: &[Own<'a>], class: &str) -> Option<ElementRef<'a>> {
    let bit = mask_of(class);
    own.iter().find(|o| o.mask & bit != 0).map(|o| o.el)
}

/// The comment's `comment-content`: the innermost of a nested run (OceanWP wraps the header
/// and an inner `div.comment-content` in an outer one).
pub(super) fn innermost_content<'a>(own: &[Own<'a>]) -> Option<ElementRef<'a>> {
    let bit = mask_of("comment-content");
    let mut found = own.iter().filter(|o| o.mask & bit != 0).map(|o| o.el);
    let mut best = found.next()?;
    for e in found {
        // Shallow climb: nested wrappers sit a few levels apart.
        if e.ancestors().take(6).any(|a| a.id() == best.id()) {
            best = e;
        }
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::mask_of;

    #[test]
    fn each_known_class_has_its_own_bit() {
        let known = "comment-awaiting-moderation comment-reply-link wp-block-comment-author-name \
                     fn comment-metadata wp-block-comment-date commentmetadata comment-meta \
                     wp-block-comment-content comment-content comment-body url comment-author";
        let bits: Vec<u32> = known.split_whitespace().map(mask_of).collect();
        assert!(bits.iter().all(|b| b.count_ones() == 1), "{bits:?}");
        assert_eq!(mask_of(known).count_ones(), 13);
        assert_eq!(mask_of("comment comment-body-x FN Url"), 0);
    }
}
