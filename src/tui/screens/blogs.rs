//! The Blogs, Posts and "Replies to you" screens' state and keys: the blogs followed → one
//! blog's posts → the reader; the replies to the user → the thread at the reply; `R` refreshes
//! every blog on the worker (progress n/N, a summary, the screen reloaded); `q`/Esc go back
//! (the screens are `Screen::Blogs`, `Posts`, `Replies` on the stack; their rows live here).

use super::{list_motion, step, Screen};
use crate::store::{BlogSummary, ReplyRecord, StoredItem};
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::layout::Pane;
use crossterm::event::{KeyCode, KeyEvent};

/// One of the browsing screens (`Screen::Blogs`, `Posts`, `Replies` on the stack).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browse {
    Blogs,
    Posts,
    Replies,
}

impl Browse {
    pub fn screen(self) -> Screen {
        match self {
            Browse::Blogs => Screen::Blogs,
            Browse::Posts => Screen::Posts,
            Browse::Replies => Screen::Replies,
        }
    }
}

/// The browsing screens' rows (`App::browse`), kept while other screens are on top.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlogsView {
    pub blogs: Vec<BlogSummary>,
    pub blog_row: usize,
    /// The blog whose posts the Posts screen lists: (subscription URL, title).
    pub blog: Option<(String, String)>,
    pub posts: Vec<StoredItem>,
    pub post_row: usize,
    pub replies: Vec<ReplyRecord>,
    pub reply_row: usize,
    /// Refresh-all progress (done, total) while it runs.
    pub progress: Option<(usize, usize)>,
    /// The shown screen's rows are still being read.
    pub loading: bool,
}

impl BlogsView {
    /// A screen's row count and selected row.
    fn rows(&mut self, kind: Browse) -> (usize, &mut usize) {
        match kind {
            Browse::Blogs => (self.blogs.len(), &mut self.blog_row),
            Browse::Posts => (self.posts.len(), &mut self.post_row),
            Browse::Replies => (self.replies.len(), &mut self.reply_row),
        }
    }

    fn select_by(&mut self, kind: Browse, delta: isize) {
        let (len, row) = self.rows(kind);
        *row = step(*row, delta, len);
    }

    /// The selected blog, post or reply (clamped to the rows there are).
    pub fn selected_blog(&self) -> Option<&BlogSummary> {
        self.blogs
            .get(self.blog_row.min(self.blogs.len().saturating_sub(1)))
    }

    pub fn selected_post(&self) -> Option<&StoredItem> {
        self.posts
            .get(self.post_row.min(self.posts.len().saturating_sub(1)))
    }

    pub fn selected_reply(&self) -> Option<&ReplyRecord> {
        self.replies
            .get(self.reply_row.min(self.replies.len().saturating_sub(1)))
    }

    /// The effect that reads a screen's rows.
    pub(crate) fn load(&mut self, kind: Browse) -> Effect {
        self.loading = true;
        match (kind, &self.blog) {
            (Browse::Posts, Some((url, _))) => Effect::LoadPosts { blog: url.clone() },
            (Browse::Replies, _) => Effect::LoadReplies,
            _ => Effect::LoadBlogs,
        }
    }
}

impl App {
    /// `B`: the Blogs screen (back to it when it is in the stack already).
    pub(crate) fn show_blogs(&mut self) -> Vec<Effect> {
        let mut effects = self.push(Screen::Blogs);
        effects.push(self.browse.load(Browse::Blogs));
        effects
    }

    /// `Y`: the "Replies to you" screen.
    pub(crate) fn show_replies(&mut self) -> Vec<Effect> {
        let mut effects = self.push(Screen::Replies);
        effects.push(self.browse.load(Browse::Replies));
        effects
    }

    /// A key on a browsing screen.
    pub(crate) fn blogs_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let action = self.settings.keymap.lookup(key);
        if key.code == KeyCode::Enter {
            return self.blogs_open();
        }
        if key.code == KeyCode::Esc {
            return self.back();
        }
        action.map_or_else(Vec::new, |a| self.blogs_action(a))
    }

    pub(crate) fn blogs_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        let Some(kind) = self.browsing() else {
            return Vec::new();
        };
        if let Some(delta) = list_motion(action, page) {
            self.browse.select_by(kind, delta);
            return Vec::new();
        }
        match action {
            Action::ToggleFold | Action::OpenPost | Action::UnfoldLevel => {
                return self.blogs_open()
            }
            Action::MarkAllRead if kind == Browse::Posts => return self.mark_item_read(),
            Action::MarkAllRead if kind == Browse::Blogs => return self.mark_blog_read(),
            Action::Reload | Action::RefreshAll => return self.refresh_blogs(),
            Action::Blogs => return self.show_blogs(),
            Action::Replies => return self.show_replies(),
            Action::Library => return self.show_library(),
            Action::Drafts => return self.show_drafts(),
            Action::Messages => return self.push(Screen::Messages(0)),
            Action::Help => return self.push(Screen::Help(0)),
            Action::Quit | Action::Cancel | Action::FoldLevel => return self.back(),
            _ => {}
        }
        Vec::new()
    }

    /// `m` on the Posts screen: the selected post is read, its comments too.
    fn mark_item_read(&mut self) -> Vec<Effect> {
        let row = self.browse.post_row;
        let Some(item) = self.browse.posts.get_mut(row) else {
            self.info("no post selected");
            return Vec::new();
        };
        item.read = true;
        item.is_new = false;
        item.new_comments = 0;
        let (url, key) = (item.url.clone(), item.post_key.clone());
        self.info("marked read");
        vec![Effect::MarkItemRead { url }, Effect::MarkPostRead { key }]
    }

    /// `m` on the Blogs screen: every post of the selected blog is read, comments too.
    fn mark_blog_read(&mut self) -> Vec<Effect> {
        let row = self.browse.blog_row;
        let Some(blog) = self.browse.blogs.get_mut(row) else {
            self.info("no blog selected");
            return Vec::new();
        };
        blog.unread = 0;
        blog.new_posts = 0;
        blog.new_comments = 0;
        let url = blog.url.clone();
        self.info("marked read");
        vec![Effect::MarkBlogRead { blog: url }]
    }

    /// Enter: a blog's posts, a post in the reader, or the thread at a reply.
    fn blogs_open(&mut self) -> Vec<Effect> {
        let Some(kind) = self.browsing() else {
            return Vec::new();
        };
        let view = &mut self.browse;
        match kind {
            Browse::Blogs => match view.selected_blog() {
                Some(b) => {
                    let blog = (b.url.clone(), b.title.clone());
                    if view.blog.as_ref() != Some(&blog) {
                        view.posts.clear();
                        view.post_row = 0;
                    }
                    view.blog = Some(blog);
                    let load = view.load(Browse::Posts);
                    let mut effects = self.push(Screen::Posts);
                    effects.push(load);
                    effects
                }
                None => {
                    self.info("no blog selected");
                    Vec::new()
                }
            },
            Browse::Posts => {
                let row = view.post_row.min(view.posts.len().saturating_sub(1));
                let Some(item) = view.posts.get_mut(row) else {
                    self.info("no post selected");
                    return Vec::new();
                };
                item.read = true;
                item.is_new = false;
                item.new_comments = 0;
                let url = item.url.clone();
                self.open_from_blogs(url.clone(), Effect::MarkItemRead { url })
            }
            Browse::Replies => {
                let row = view.reply_row.min(view.replies.len().saturating_sub(1));
                let Some(reply) = view.replies.get_mut(row) else {
                    self.info("no reply selected");
                    return Vec::new();
                };
                let was_unseen = !reply.seen;
                reply.seen = true;
                let (key, id) = (reply.post_key.clone(), reply.comment_id.clone());
                if was_unseen {
                    self.unseen_replies = self.unseen_replies.saturating_sub(1);
                }
                self.focus_after_load = Some(id.clone());
                self.focus = Pane::Comments;
                let mark = Effect::MarkReplySeen {
                    post_key: key.clone(),
                    comment_id: id,
                };
                self.open_from_blogs(key, mark)
            }
        }
    }

    /// Opens a post in the reader over the list (`q` comes back to it).
    fn open_from_blogs(&mut self, source: String, mark: Effect) -> Vec<Effect> {
        let mut effects = vec![mark];
        effects.extend(self.open(source, self.offline));
        effects
    }

    fn refresh_blogs(&mut self) -> Vec<Effect> {
        if self.offline {
            self.info("offline (--offline): nothing refreshed");
            return Vec::new();
        }
        if self.browse.progress.is_some() {
            self.info("already refreshing");
            return Vec::new();
        }
        self.browse.progress = Some((0, 0));
        vec![Effect::RefreshBlogs]
    }
}

#[path = "blogs_msgs.rs"]
mod msgs;

#[cfg(test)]
#[path = "blogs_tests.rs"]
pub(crate) mod tests;
