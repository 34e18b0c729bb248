//! Fetching a whole post: the first page plus every comment page, merged in thread order; and
//! loading a post from a URL, a file or stdin for the CLI.

use crate::extract;
use crate::model::Post;
use crate::net::{size_text, Client, Fetched, NetError};
use std::collections::{HashSet, VecDeque};
use std::time::{Duration, Instant};
use url::Url;

/// Most pages asked for one post (the post page, failures and redirects to known pages included).
pub const MAX_PAGES: usize = 100;
/// Most comment pages fetched at once (all on the post's own host).
pub const CONCURRENT_PAGES: usize = 4;

/// One byte budget and one wall-clock deadline for a whole post, all its pages together. When
/// either runs out, the pages that arrived are kept and the thread is said to be partial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostBudget {
    /// Page bytes (decoded HTML) for all pages together (default 64 MB).
    pub max_bytes: u64,
    /// Time for all pages together (default 2 minutes).
    pub max_time: Duration,
    /// Comment pages fetched at once, 1 to [`CONCURRENT_PAGES`] (default 4).
    pub concurrent: usize,
}

impl Default for PostBudget {
    fn default() -> Self {
        PostBudget {
            max_bytes: 64 * 1024 * 1024,
            max_time: Duration::from_secs(120),
            concurrent: CONCURRENT_PAGES,
        }
    }
}

pub mod progress;
mod source;

pub use progress::{with_page_progress, PageProgress};
pub use source::load_source;

/// A post with the pages it was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchedPost {
    pub post: Post,
    /// `pages[0]` is the asked page; then comment pages in the order fetched. Empty for a post
    /// read from a file or stdin.
    pub pages: Vec<Fetched>,
    /// Comment pages that could not be fetched, a thread left partial by the budget, and other
    /// things a reader should know.
    pub warnings: Vec<String>,
}

/// Extracts one page: `(html, page url) -> Post` (run on worker threads, hence `Sync`).
pub type ExtractFn<'a> = &'a (dyn Fn(&str, &Url) -> Post + Sync);
/// Merges pages: `(first, others) -> Post`.
pub type MergeFn<'a> = &'a dyn Fn(Post, Vec<Post>) -> Post;

/// GETs the post, follows `post.comment_pages` breadth-first (each URL once, fragments
/// ignored, at most [`MAX_PAGES`] pages, [`CONCURRENT_PAGES`] at a time, links found on later
/// pages followed too, within the default [`PostBudget`]), extracts each page and merges them
/// in the order a one-at-a-time walk would. Only the first page's failure is an error; a
/// failing comment page becomes a warning.
pub fn fetch_post(client: &Client, url: &Url) -> Result<FetchedPost, NetError> {
    fetch_post_with(client, url, &extract::extract, &extract::merge_pages)
}

/// [`fetch_post`] with the extractor and merger given (a seam for tests).
pub fn fetch_post_with(
    client: &Client,
    url: &Url,
    extract_fn: ExtractFn<'_>,
    merge_fn: MergeFn<'_>,
) -> Result<FetchedPost, NetError> {
    fetch_post_progress(
        client,
        url,
        PostBudget::default(),
        extract_fn,
        merge_fn,
        &mut |_| {},
    )
}

/// [`fetch_post_with`] within `budget`, calling `on_page` with each page's own post as it is
/// extracted (the first page first), so a reader can show the article and page 1 while the
/// other comment pages arrive.
pub fn fetch_post_progress(
    client: &Client,
    url: &Url,
    budget: PostBudget,
    extract_fn: ExtractFn<'_>,
    merge_fn: MergeFn<'_>,
    on_page: &mut dyn FnMut(&Post),
) -> Result<FetchedPost, NetError> {
    let started = Instant::now();
    let first = client
        .limited(budget.max_bytes, budget.max_time)
        .get(url, None)?;
    let pager = Pager {
        extract_fn,
        merge_fn,
        budget,
        started,
    };
    Ok(pager.follow(client, url, first, on_page))
}

/// Given the post's first page (already fetched, e.g. by a conditional GET), fetches its other
/// comment pages and merges them, as [`fetch_post`] does.
pub fn complete_post(client: &Client, url: &Url, first: Fetched) -> FetchedPost {
    let pager = Pager {
        extract_fn: &extract::extract,
        merge_fn: &extract::merge_pages,
        budget: PostBudget::default(),
        started: Instant::now(),
    };
    pager.follow(client, url, first, &mut |_| {})
}

/// How one post's pages are extracted and merged, and what they may cost.
struct Pager<'a> {
    extract_fn: ExtractFn<'a>,
    merge_fn: MergeFn<'a>,
    budget: PostBudget,
    started: Instant,
}

impl Pager<'_> {
    fn follow(
        &self,
        client: &Client,
        url: &Url,
        first: Fetched,
        on_page: &mut dyn FnMut(&Post),
    ) -> FetchedPost {
        let mut first_post = (self.extract_fn)(&first.html, &first.final_url);
        let mut merged_ids: Vec<String> =
            merge_duplicate_ids(&mut first_post).into_iter().collect();
        on_page(&first_post);
        let mut spent = first.html.len() as u64;
        let mut seen: HashSet<String> = HashSet::new();
        seen.insert(page_key(url));
        seen.insert(page_key(&first.final_url));
        let mut queue = VecDeque::new();
        enqueue(&first_post, &first.final_url, &mut seen, &mut queue);
        progress::report(1, 1 + queue.len());

        let mut pages = vec![first];
        let mut others = Vec::new();
        let mut warnings = std::mem::take(&mut merged_ids);
        // Failed and duplicate pages count too: a hostile page cannot make parlor ask forever.
        let mut asked = 1;
        while !queue.is_empty() {
            if asked >= MAX_PAGES {
                warnings.push(format!(
                    "stopped after {MAX_PAGES} pages (the limit); later comment pages were not fetched"
                ));
                break;
            }
            if let Some(why) = self.exhausted(spent) {
                warnings.push(format!(
                    "the thread is partial: {why}; later comment pages were not fetched"
                ));
                break;
            }
            let at_once = self.budget.concurrent.clamp(1, CONCURRENT_PAGES);
            let n = at_once.min(MAX_PAGES - asked).min(queue.len());
            let wave: Vec<Url> = queue.drain(..n).collect();
            asked += n;
            // The budget left, shared by the wave: all pages together stay within it.
            let left = self.budget.max_bytes.saturating_sub(spent) / n as u64;
            let time = self.budget.max_time.saturating_sub(self.started.elapsed());
            let limited = client.limited(left, time);
            let mut cut_short = None;
            // Processed in queue order, so pages, links and merge order are those of a
            // one-at-a-time walk.
            for (k, (next, got)) in wave
                .iter()
                .zip(self.fetch_wave(&limited, &wave))
                .enumerate()
            {
                let done = asked - n + k + 1;
                progress::report(done, done + (n - k - 1) + queue.len());
                match got {
                    Ok((page, _)) if !same_origin(&page.final_url, next) => {
                        warnings.push(format!(
                            "comment page skipped: {next} redirected to another site ({})",
                            page.final_url.origin().ascii_serialization()
                        ));
                    }
                    Ok((page, mut post)) => {
                        warnings.extend(merge_duplicate_ids(&mut post));
                        let landed = page_key(&page.final_url);
                        if landed != page_key(next) && !seen.insert(landed) {
                            // Redirected to a page already fetched (comment-page-1 → the post).
                            continue;
                        }
                        spent += page.html.len() as u64;
                        on_page(&post);
                        enqueue(&post, &page.final_url, &mut seen, &mut queue);
                        others.push(post);
                        pages.push(page);
                    }
                    Err(e) => {
                        // A page stopped by the post's budget, not by the page's own limits.
                        let by_budget = match &e {
                            NetError::TooLarge { limit, .. } => *limit < client.options().max_body,
                            NetError::Timeout { .. } => time < client.options().timeout,
                            _ => false,
                        };
                        if by_budget && cut_short.is_none() {
                            cut_short = Some(self.why(matches!(e, NetError::TooLarge { .. })));
                        }
                        warnings.push(format!("comment page skipped: {e}"));
                    }
                }
            }
            if let Some(why) = cut_short {
                warnings.push(format!(
                    "the thread is partial: {why}; later comment pages were not fetched"
                ));
                break;
            }
        }
        let mut post = (self.merge_fn)(first_post, others);
        // A script-loaded thread (Disqus, Isso, …) is read after the page's own comments.
        crate::threads::load::read_embedded(client, &mut post, &mut pages, &mut warnings);
        FetchedPost {
            post,
            pages,
            warnings,
        }
    }

    /// Why the budget is spent, if it is.
    fn exhausted(&self, spent: u64) -> Option<String> {
        if spent >= self.budget.max_bytes {
            return Some(self.why(true));
        }
        (self.started.elapsed() >= self.budget.max_time).then(|| self.why(false))
    }

    /// The budget that ran out, in words: the bytes or the time.
    fn why(&self, bytes: bool) -> String {
        if bytes {
            format!(
                "its pages reached {} (the limit for one post)",
                size_text(self.budget.max_bytes)
            )
        } else {
            format!(
                "its pages took more than {} s (the limit for one post)",
                self.budget.max_time.as_secs()
            )
        }
    }

    /// GETs and extracts the wave's pages at once, one thread each; results in wave order.
    fn fetch_wave(&self, client: &Client, wave: &[Url]) -> Vec<Result<(Fetched, Post), NetError>> {
        let get = |url: &Url| {
            client.get(url, None).map(|page| {
                let post = (self.extract_fn)(&page.html, &page.final_url);
                (page, post)
            })
        };
        if wave.len() == 1 {
            return wave.iter().map(get).collect();
        }
        std::thread::scope(|s| {
            let handles: Vec<_> = wave.iter().map(|u| s.spawn(move || get(u))).collect();
            handles
                .into_iter()
                .zip(wave)
                .map(|(h, u)| {
                    h.join().unwrap_or_else(|_| {
                        Err(NetError::Other {
                            url: u.to_string(),
                            detail: "the page could not be read".to_string(),
                        })
                    })
                })
                .collect()
        })
    }
}

/// Queues the post's comment pages not seen yet: http/https on the page's own host only (a
/// hostile page cannot send parlor around the web).
fn enqueue(post: &Post, base: &Url, seen: &mut HashSet<String>, queue: &mut VecDeque<Url>) {
    for link in &post.comment_pages {
        let Ok(url) = base.join(link) else { continue };
        if !matches!(url.scheme(), "http" | "https") || url.host_str() != base.host_str() {
            continue;
        }
        if seen.insert(page_key(&url)) {
            queue.push_back(url);
        }
    }
}

/// Comments repeating an id seen earlier on the same page (a reply that is its own parent, a
/// block copied by a theme) are merged into the first, as merging pages does: a file and a
/// URL give the same thread, and the note says what was merged.
pub(crate) fn merge_duplicate_ids(post: &mut Post) -> Option<String> {
    let mut seen = HashSet::new();
    let mut repeated: Vec<String> = Vec::new();
    let before = post.comments.len();
    post.comments.retain(|c| {
        if seen.insert(c.id.clone()) {
            return true;
        }
        if repeated.len() < 5 && !repeated.contains(&c.id) {
            repeated.push(c.id.clone());
        }
        false
    });
    let merged = before - post.comments.len();
    (merged > 0).then(|| {
        format!(
            "{merged} comments repeating an earlier comment's id were merged into it (id {})",
            repeated.join(", ")
        )
    })
}

/// Same scheme, host and port: a comment page that lands elsewhere is not this thread's.
fn same_origin(a: &Url, b: &Url) -> bool {
    a.origin() == b.origin()
}

/// A page's identity: the URL without its fragment.
fn page_key(url: &Url) -> String {
    let mut u = url.clone();
    u.set_fragment(None);
    u.to_string()
}

/// Rebuilds a post from stored pages (the first is the post page): extracts each and merges.
pub fn post_from_pages(pages: &[(Url, String)]) -> Post {
    let mut posts = pages.iter().map(|(url, html)| extract::extract(html, url));
    match posts.next() {
        Some(first) => extract::merge_pages(first, posts.collect()),
        None => Post::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_from_pages_uses_the_first_page() {
        assert_eq!(post_from_pages(&[]), Post::default());
        let first = Url::parse("https://b.test/p/").expect("url");
        let second = Url::parse("https://b.test/p/comment-page-2/").expect("url");
        let pages = [
            (first, "<p>a</p>".to_string()),
            (second, "<p>b</p>".to_string()),
        ];
        assert_eq!(post_from_pages(&pages).url, "https://b.test/p/");
    }

    #[test]
    fn keys_drop_fragments() {
        let a = Url::parse("https://b.test/p/comment-page-2/#comments").expect("url");
        assert_eq!(page_key(&a), "https://b.test/p/comment-page-2/");
    }

    #[test]
    fn enqueue_skips_seen_and_foreign_schemes() {
        let base = Url::parse("https://b.test/p/").expect("url");
        let post = Post {
            comment_pages: vec![
                "https://b.test/p/comment-page-2/#comments".into(),
                "comment-page-2/".into(),
                "mailto:x@b.test".into(),
                "https://elsewhere.test/p/comment-page-2/".into(),
                "https://b.test/p/comment-page-3/".into(),
            ],
            ..Post::default()
        };
        let mut seen = HashSet::from([page_key(&base)]);
        let mut queue = VecDeque::new();
        enqueue(&post, &base, &mut seen, &mut queue);
        let got: Vec<String> = queue.iter().map(Url::to_string).collect();
        assert_eq!(
            got,
            [
                "https://b.test/p/comment-page-2/#comments",
                "https://b.test/p/comment-page-3/"
            ]
        );
    }
}
