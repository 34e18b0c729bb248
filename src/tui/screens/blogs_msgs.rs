//! The worker's answers for the browsing screens: rows read, refresh-all progress and its
//! summary, the unseen-replies count. `App::update` matches every `Msg` itself and hands each
//! of these to its handler here, so a new message cannot fall through unhandled.

use super::Browse;
use crate::store::{BlogSummary, ReplyRecord, StoredItem};
use crate::tui::app::{App, Effect};

impl App {
    /// The blogs followed arrived (the selection stays on the same blog).
    pub(crate) fn on_blogs(&mut self, blogs: Result<Vec<BlogSummary>, String>) -> Vec<Effect> {
        let shown = self.browsing();
        let view = &mut self.browse;
        match blogs {
            Ok(blogs) => {
                let selected = view.selected_blog().map(|b| b.url.clone());
                view.blog_row = selected
                    .and_then(|u| blogs.iter().position(|b| b.url == u))
                    .unwrap_or(0);
                view.blogs = blogs;
                if shown == Some(Browse::Blogs) {
                    view.loading = false;
                }
            }
            Err(e) => {
                view.loading = false;
                self.error(&format!("the blogs cannot be read: {e}"));
            }
        }
        Vec::new()
    }

    /// One blog's posts arrived (ignored when another blog is shown by now).
    pub(crate) fn on_posts(
        &mut self,
        blog: &str,
        items: Result<Vec<StoredItem>, String>,
    ) -> Vec<Effect> {
        let shown = self.browsing();
        let view = &mut self.browse;
        if view.blog.as_ref().map(|(url, _)| url.as_str()) != Some(blog) {
            return Vec::new();
        }
        match items {
            Ok(items) => {
                let selected = view.selected_post().map(|i| i.url.clone());
                view.post_row = selected
                    .and_then(|u| items.iter().position(|i| i.url == u))
                    .unwrap_or(0);
                view.posts = items;
                if shown == Some(Browse::Posts) {
                    view.loading = false;
                }
            }
            Err(e) => {
                view.loading = false;
                self.error(&format!("the posts cannot be read: {e}"));
            }
        }
        Vec::new()
    }

    /// The replies to the user arrived.
    pub(crate) fn on_replies(&mut self, replies: Result<Vec<ReplyRecord>, String>) -> Vec<Effect> {
        let shown = self.browsing();
        let view = &mut self.browse;
        match replies {
            Ok(replies) => {
                let selected = view
                    .selected_reply()
                    .map(|r| (r.post_key.clone(), r.comment_id.clone()));
                view.reply_row = selected
                    .and_then(|(k, id)| {
                        replies
                            .iter()
                            .position(|r| r.post_key == k && r.comment_id == id)
                    })
                    .unwrap_or(0);
                view.replies = replies;
                if shown == Some(Browse::Replies) {
                    view.loading = false;
                }
            }
            Err(e) => {
                view.loading = false;
                self.error(&format!("the replies cannot be read: {e}"));
            }
        }
        Vec::new()
    }

    /// Refresh-all progress: shown in the screen's footer.
    pub(crate) fn on_blog_progress(&mut self, done: usize, total: usize) -> Vec<Effect> {
        self.browse.progress = Some((done, total));
        Vec::new()
    }

    /// How many replies to the user are not seen yet (the status line and the library).
    pub(crate) fn on_unseen_replies(&mut self, n: u32) -> Vec<Effect> {
        self.unseen_replies = n;
        Vec::new()
    }

    /// Refresh-all finished: the summary, and the shown screen read again (the blogs list
    /// itself follows from the worker).
    pub(crate) fn on_blogs_refreshed(&mut self, text: &str, failed: usize) -> Vec<Effect> {
        if failed > 0 {
            self.error(text);
        } else {
            self.info(text);
        }
        self.browse.progress = None;
        match self.browsing() {
            Some(kind @ (Browse::Posts | Browse::Replies)) => vec![self.browse.load(kind)],
            Some(Browse::Blogs) | None => Vec::new(),
        }
    }
}
