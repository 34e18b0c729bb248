//! Merging comment pages into one thread: threads (a top-level comment and its replies)
//! ordered by published time when every thread has one, else by page number then position;
//! duplicates (same id) dropped; the first page's article, metadata, form and
//! `comment_pages` kept.

use crate::model::{Comment, Post};
use chrono::DateTime;
use std::collections::HashSet;

/// Merges comment pages into the first page's post: thread order, no duplicates.
/// `first` is the page asked for; `others` the other comment pages in any order.
pub fn merge_pages(first: Post, others: Vec<Post>) -> Post {
    let first_no = page_number(&first.url).unwrap_or_else(|| bare_page_number(&first, &others));
    let mut threads: Vec<(u32, usize, Vec<Comment>)> = Vec::new();
    let mut pages = vec![(first_no, first.comments.clone())];
    for other in others {
        let no = page_number(&other.url).unwrap_or(u32::MAX);
        pages.push((no, other.comments));
    }
    for (no, comments) in pages {
        for (i, t) in split_threads(comments).into_iter().enumerate() {
            threads.push((no, i, t));
        }
    }
    let all_dated = threads
        .iter()
        .all(|(_, _, t)| t.first().and_then(time_of).is_some());
    threads.sort_by(|a, b| {
        let by_page = (a.0, a.1).cmp(&(b.0, b.1));
        if all_dated {
            let ta = a.2.first().and_then(time_of);
            let tb = b.2.first().and_then(time_of);
            ta.cmp(&tb).then(by_page)
        } else {
            by_page
        }
    });
    let mut seen = HashSet::new();
    let mut merged = first;
    merged.comments = threads
        .into_iter()
        .flat_map(|(_, _, t)| t)
        .filter(|c| seen.insert(c.id.clone()))
        .collect();
    merged
}

/// The number of a page fetched without one in its URL (the bare permalink, which WordPress
/// shows as the last page by default and the first with `default_comments_page=oldest`): the
/// number of a fetched page with the same comments, else the one number missing among all the
/// page numbers seen (links and fetched pages), else 1.
fn bare_page_number(first: &Post, others: &[Post]) -> u32 {
    let ids: HashSet<&str> = first.comments.iter().map(|c| c.id.as_str()).collect();
    let twin = others.iter().find_map(|o| {
        let no = page_number(&o.url)?;
        o.comments
            .iter()
            .any(|c| ids.contains(c.id.as_str()))
            .then_some(no)
    });
    if let Some(no) = twin {
        return no;
    }
    let known: HashSet<u32> = first
        .comment_pages
        .iter()
        .chain(others.iter().flat_map(|o| o.comment_pages.iter()))
        .map(String::as_str)
        .chain(others.iter().map(|o| o.url.as_str()))
        .filter_map(page_number)
        .collect();
    (1..).find(|n| !known.contains(n)).unwrap_or(1)
}

/// Splits a flat comment list into threads, each starting at a depth-0 comment.
fn split_threads(comments: Vec<Comment>) -> Vec<Vec<Comment>> {
    let mut out: Vec<Vec<Comment>> = Vec::new();
    for c in comments {
        match out.last_mut() {
            Some(t) if c.depth > 0 => t.push(c),
            _ => out.push(vec![c]),
        }
    }
    out
}

fn time_of(c: &Comment) -> Option<i64> {
    DateTime::parse_from_rfc3339(c.published.as_deref()?)
        .ok()
        .map(|d| d.timestamp())
}

fn strip_fragment(u: &str) -> &str {
    u.split('#').next().unwrap_or(u)
}

/// The comment page number in a WordPress URL: `/comment-page-N/` or `cpage=N`.
pub fn page_number(url: &str) -> Option<u32> {
    let url = strip_fragment(url);
    let digits = |s: &str| -> Option<u32> {
        s.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    };
    if let Some(pos) = url.find("/comment-page-") {
        return digits(&url[pos + "/comment-page-".len()..]);
    }
    let pos = url.find("cpage=")?;
    digits(&url[pos + "cpage=".len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, ids: &[&str], links: &[&str]) -> Post {
        Post {
            url: url.into(),
            comments: ids
                .iter()
                .map(|id| Comment {
                    id: (*id).into(),
                    ..Comment::default()
                })
                .collect(),
            comment_pages: links.iter().map(|l| (*l).into()).collect(),
            ..Post::default()
        }
    }

    fn ids(p: &Post) -> Vec<&str> {
        p.comments.iter().map(|c| c.id.as_str()).collect()
    }

    /// Old themes link only to the previous page ("« Older Comments"); undated comments.
    #[test]
    fn bare_last_page_found_from_the_numbers_seen() {
        let bare = page(
            "https://b.test/p/",
            &["5", "6"],
            &["https://b.test/p/comment-page-2/#comments"],
        );
        let p2 = page(
            "https://b.test/p/comment-page-2/",
            &["3", "4"],
            &["https://b.test/p/comment-page-1/"],
        );
        let p1 = page("https://b.test/p/comment-page-1/", &["1", "2"], &[]);
        assert_eq!(
            ids(&merge_pages(bare, vec![p2, p1])),
            ["1", "2", "3", "4", "5", "6"]
        );
    }

    #[test]
    fn bare_page_takes_the_number_of_its_twin() {
        let bare = page(
            "https://b.test/p/",
            &["5", "6"],
            &["https://b.test/p/comment-page-2/"],
        );
        let p2 = page("https://b.test/p/comment-page-2/", &["3", "4"], &[]);
        let p3 = page("https://b.test/p/comment-page-3/", &["5", "6"], &[]);
        let p1 = page("https://b.test/p/comment-page-1/", &["1", "2"], &[]);
        assert_eq!(
            ids(&merge_pages(bare, vec![p3, p2, p1])),
            ["1", "2", "3", "4", "5", "6"]
        );
    }
}
