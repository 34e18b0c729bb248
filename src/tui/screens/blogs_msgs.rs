//! The worker's answers for the browsing screens: rows read, refresh-all progress and its
//! summary, the unseen-replies count. `App::update` matches every `Msg` itself and hands each
//! of these to its handler here, so a new message cannot fall through unhandled.

use super::Browse;
use crate::store::{BlogSummary, ReplyRecord, StoredItem};
use crate::tui::app::{App, Effect};

impl App {
    /// The blogs followed arrived (the selection stays on the same blog).
    pub(crate) fn on_blogs(&mut self, blogs: Result<Vec<BlogSummary>, String>) -> Vec<Effect> {
        let shown = self.browsing() == Some(Browse::Blogs);
        let v = &mut self.browse;
        let got = arrived(
            &mut v.blogs,
            &mut v.blog_row,
            &mut v.loading,
            shown,
            blogs,
            |b| b.url.clone(),
        );
        self.said(got, "the blogs")
    }

    /// One blog's posts arrived (ignored when another blog is shown by now).
    pub(crate) fn on_posts(
        &mut self,
        blog: &str,
        items: Result<Vec<StoredItem>, String>,
    ) -> Vec<Effect> {
        let shown = self.browsing() == Some(Browse::Posts);
        let v = &mut self.browse;
        if v.blog.as_ref().map(|(url, _)| url.as_str()) != Some(blog) {
            return Vec::new();
        }
        let got = arrived(
            &mut v.posts,
            &mut v.post_row,
            &mut v.loading,
            shown,
            items,
            |i| i.url.clone(),
        );
        self.said(got, "the posts")
    }

    /// The replies to the user arrived.
    pub(crate) fn on_replies(&mut self, replies: Result<Vec<ReplyRecord>, String>) -> Vec<Effect> {
        let shown = self.browsing() == Some(Browse::Replies);
        let v = &mut self.browse;
        let got = arrived(
            &mut v.replies,
            &mut v.reply_row,
            &mut v.loading,
            shown,
            replies,
            |r| (r.post_key.clone(), r.comment_id.clone()),
        );
        self.said(got, "the replies")
    }

    /// Says why `what` could not be read, if it could not.
    fn said(&mut self, got: Result<(), String>, what: &str) -> Vec<Effect> {
        if let Err(e) = got {
            self.error(&format!("{what} cannot be read: {e}"));
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

/// A list's rows arrived: the selection stays on the same row (by `key`; clamped as the
/// screen shows it), and the screen stops waiting when it is the one `shown`. `Err`: the rows
/// are kept and the waiting stops.
fn arrived<T, K: PartialEq>(
    rows: &mut Vec<T>,
    row: &mut usize,
    loading: &mut bool,
    shown: bool,
    got: Result<Vec<T>, String>,
    key: impl Fn(&T) -> K,
) -> Result<(), String> {
    let new = match got {
        Ok(new) => new,
        Err(e) => {
            *loading = false;
            return Err(e);
        }
    };
    let selected = rows.get((*row).min(rows.len().saturating_sub(1))).map(&key);
    *row = selected
        .and_then(|k| new.iter().position(|r| key(r) == k))
        .unwrap_or(0);
    *rows = new;
    if shown {
        *loading = false;
    }
    Ok(())
}
