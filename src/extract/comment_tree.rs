//! How found comments nest when the markup misleads: a comment pushed inside another by
//! unclosed tags in the other's text (see [`super::comment_find::scan`]).

use super::comment_find::Found;

/// On a page that prints replies in reply lists (`div.indented`, `ul.children`), a comment
/// inside another with no reply list between was pushed in by unclosed tags in the other's
/// text (a Drupal 6 comment quoting `<div>`): it is its sibling, as the page's author wrote it.
pub(super) fn unnest_misnested(items: &mut [Found<'_>], via_list: &[bool]) {
    let lists = items
        .iter()
        .zip(via_list)
        .any(|(f, &l)| l && f.parent.is_some());
    if !lists {
        return;
    }
    for i in 0..items.len() {
        if via_list.get(i) == Some(&false) {
            if let Some(p) = items[i].parent {
                items[i].parent = items[p].parent;
            }
        }
    }
}
