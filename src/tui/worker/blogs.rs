//! The worker's jobs for the browsing screens: reading blogs, posts and replies, read and
//! seen marks, and refreshing every blog with progress n/N and a one-line summary.

use super::Loader;
use crate::blogs::RefreshReport;
use crate::tui::app::{Effect, Msg};

/// Performs a browsing job; `None` when `job` is not one. `Some(false)`: the UI is gone.
pub(super) fn handle(
    loader: &mut dyn Loader,
    job: &Effect,
    send: &dyn Fn(Msg) -> bool,
) -> Option<bool> {
    let ok = match job {
        Effect::LoadBlogs => send(Msg::Blogs(loader.blogs())) && send_unseen(loader, send),
        Effect::LoadPosts { blog } => send(Msg::Posts {
            blog: blog.clone(),
            items: loader.blog_posts(blog),
        }),
        Effect::LoadReplies => send(Msg::Replies(loader.replies())) && send_unseen(loader, send),
        Effect::MarkItemRead { url } => {
            loader.mark_item_read(url);
            true
        }
        Effect::MarkReplySeen {
            post_key,
            comment_id,
        } => {
            loader.mark_reply_seen(post_key, comment_id);
            send_unseen(loader, send)
        }
        Effect::RefreshBlogs => refresh(loader, send),
        _ => return None,
    };
    Some(ok)
}

fn send_unseen(loader: &mut dyn Loader, send: &dyn Fn(Msg) -> bool) -> bool {
    send(Msg::UnseenReplies(loader.unseen_replies()))
}

/// Refresh-all: progress after each feed or thread, the summary, the blogs read again.
fn refresh(loader: &mut dyn Loader, send: &dyn Fn(Msg) -> bool) -> bool {
    let mut gone = false;
    let mut progress = |done: usize, total: usize, label: &str| {
        if !gone {
            gone = !send(Msg::BlogProgress {
                done,
                total,
                label: label.to_string(),
            });
        }
    };
    let (text, failed) = match loader.refresh_blogs(&mut progress) {
        Ok(report) => (summary(&report), report.errors.len()),
        Err(e) => (format!("cannot refresh: {e}"), 1),
    };
    !gone
        && send(Msg::BlogsRefreshed { text, failed })
        && send(Msg::Blogs(loader.blogs()))
        && send_unseen(loader, send)
}

/// "refreshed 3 blogs and 2 threads · 4 new posts · 1 new reply to you · 1 failed: …"
pub fn summary(report: &RefreshReport) -> String {
    let feeds = report.feeds_fetched + report.feeds_not_modified;
    if report.total == 0 {
        return "nothing to refresh: `parlor add URL` follows a blog".to_string();
    }
    let mut parts = vec![format!(
        "refreshed {feeds} {} and {} {}",
        plural(feeds, "blog", "blogs"),
        report.threads,
        plural(report.threads, "thread", "threads")
    )];
    if report.new_posts > 0 {
        parts.push(format!(
            "{} new {}",
            report.new_posts,
            plural(report.new_posts, "post", "posts")
        ));
    }
    if report.new_replies > 0 {
        parts.push(format!(
            "{} new {} to you",
            report.new_replies,
            plural(report.new_replies, "reply", "replies")
        ));
    }
    if let Some((url, err)) = report.errors.first() {
        parts.push(format!("{} failed ({url}: {err})", report.errors.len()));
    }
    parts.join(" · ")
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_says_what_the_refresh_did() {
        assert_eq!(
            summary(&RefreshReport::default()),
            "nothing to refresh: `parlor add URL` follows a blog"
        );
        let report = RefreshReport {
            total: 4,
            feeds_fetched: 1,
            feeds_not_modified: 1,
            new_posts: 3,
            threads: 1,
            new_replies: 1,
            errors: vec![("https://x.test/".into(), "HTTP 500".into())],
        };
        assert_eq!(
            summary(&report),
            "refreshed 2 blogs and 1 thread · 3 new posts · 1 new reply to you · \
             1 failed (https://x.test/: HTTP 500)"
        );
    }
}
