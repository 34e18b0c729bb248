//! The worker's jobs for the browsing screens: reading blogs, posts and replies, read and
//! seen marks, and refreshing every blog with progress n/N and a one-line summary.

use super::Loader;
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
        Effect::MarkPostRead { key } => match loader.mark_all_read(key) {
            Ok(()) => true,
            Err(text) => send(Msg::Notice {
                text: format!("cannot mark read: {text}"),
                error: true,
            }),
        },
        Effect::MarkBlogRead { blog } => {
            let posts = loader.blog_posts(blog);
            for item in posts.iter().flatten() {
                loader.mark_item_read(&item.url);
                // Posts never opened have no stored comments to mark: that is fine.
                let _ = loader.mark_all_read(&item.post_key);
            }
            match posts {
                Ok(_) => send(Msg::Blogs(loader.blogs())),
                Err(text) => send(Msg::Notice {
                    text: format!("cannot mark read: {text}"),
                    error: true,
                }),
            }
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
        Ok(report) => (report.summary(), report.errors.len()),
        Err(e) => (format!("cannot refresh: {e}"), 1),
    };
    !gone
        && send(Msg::BlogsRefreshed { text, failed })
        && send(Msg::Blogs(loader.blogs()))
        && send_unseen(loader, send)
}
