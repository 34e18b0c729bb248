//! HTML → model. Pure functions over `&str` + base URL: no network, no clock, no UI.
//! Detects the engine, dispatches to its extractor, and merges comment pages.

use crate::model::Post;
use url::Url;

/// Extracts a post (article, comments, form, comment page links) from one HTML page.
pub fn extract(_html: &str, url: &Url) -> Post {
    Post { url: url.to_string(), ..Post::default() }
}

/// Merges comment pages into the first page's post: thread order, no duplicates.
/// `first` is the page asked for; `others` the other comment pages in any order.
pub fn merge_pages(first: Post, _others: Vec<Post>) -> Post {
    first
}
