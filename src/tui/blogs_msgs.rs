//! The worker's answers for the browsing screens: rows read, refresh-all progress and its
//! summary, the unseen-replies count.

use super::Browse;
use crate::store::{BlogSummary, ReplyRecord, StoredItem};
use crate::tui::app::{App, Effect, Msg};

impl App {
    /// The browsing screens' messages (the rest of `update`).
    pub(crate) fn on_browse_msg(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Blogs(blogs) => self.on_blogs(blogs),
            Msg::Posts { blog, items } => self.on_posts(&blog, items),
            Msg::Replies(replies) => self.on_replies(replies),
            Msg::UnseenReplies(n) => self.unseen_replies = n,
            Msg::BlogProgress { done, total, .. } => self.on_blog_progress(done, total),
            Msg::BlogsRefreshed { text, failed } => return self.on_blogs_refreshed(&text, failed),
            _ => {}
        }
        Vec::new()
    }

    /// The blogs followed arrived (the selection stays on the same blog).
    pub(crate) fn on_blogs(&mut self, blogs: Result<Vec<BlogSummary>, String>) {
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
    }

    /// One blog's posts arrived (ignored when another blog is shown by now).
    pub(crate) fn on_posts(&mut self, blog: &str, items: Result<Vec<StoredItem>, String>) {
        let shown = self.browsing();
        let view = &mut self.browse;
        if view.blog.as_ref().map(|(url, _)| url.as_str()) != Some(blog) {
            return;
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
    }

    /// The replies to the user arrived.
    pub(crate) fn on_replies(&mut self, replies: Result<Vec<ReplyRecord>, String>) {
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
    }

    /// Refresh-all progress: shown in the screen's footer.
    pub(crate) fn on_blog_progress(&mut self, done: usize, total: usize) {
        self.browse.progress = Some((done, total));
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
