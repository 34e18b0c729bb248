//! The Blogs, Posts and "Replies to you" screens' state and keys: the blogs followed → one
//! blog's posts → the reader; the replies to the user → the thread at the reply; `R` refreshes
//! every blog on the worker (progress n/N, a summary, the screen reloaded); `q`/Esc go back.

use super::action::Action;
use super::app::{App, Effect, Mode};
use super::layout::Pane;
use crate::store::{BlogSummary, ReplyRecord, StoredItem};
use crossterm::event::{KeyCode, KeyEvent};

/// One of the browsing screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Blogs,
    Posts,
    Replies,
}

/// What the browsing screens show; `App::blogs` holds it while one is on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BlogsView {
    /// The screens opened, the last one shown; `q` goes back one.
    pub stack: Vec<Screen>,
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
    /// The screen on top.
    pub fn screen(&self) -> Screen {
        self.stack.last().copied().unwrap_or(Screen::Blogs)
    }

    /// The shown screen's row count and selected row.
    fn rows(&mut self) -> (usize, &mut usize) {
        match self.screen() {
            Screen::Blogs => (self.blogs.len(), &mut self.blog_row),
            Screen::Posts => (self.posts.len(), &mut self.post_row),
            Screen::Replies => (self.replies.len(), &mut self.reply_row),
        }
    }

    fn select_by(&mut self, delta: isize) {
        let (len, row) = self.rows();
        *row = super::library::step(*row, delta, len);
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

    /// The effect that reads the shown screen's rows.
    fn load(&mut self) -> Effect {
        self.loading = true;
        match (self.screen(), &self.blog) {
            (Screen::Posts, Some((url, _))) => Effect::LoadPosts { blog: url.clone() },
            (Screen::Replies, _) => Effect::LoadReplies,
            _ => Effect::LoadBlogs,
        }
    }
}

impl App {
    /// `B`: the Blogs screen (from the reader: the screens left when a post was opened).
    pub(crate) fn show_blogs(&mut self) -> Vec<Effect> {
        let mut effects = self.leave_post();
        let mut view = match self.blogs.take() {
            Some(mut shown) => {
                shown.stack = vec![Screen::Blogs];
                shown
            }
            None => self.blogs_kept.take().unwrap_or_default(),
        };
        if view.stack.is_empty() {
            view.stack.push(Screen::Blogs);
        }
        effects.push(view.load());
        self.blogs = Some(view);
        effects
    }

    /// `Y`: the "Replies to you" screen (over the Blogs screen when that is shown).
    pub(crate) fn show_replies(&mut self) -> Vec<Effect> {
        let mut effects = self.leave_post();
        let mut view = match self.blogs.take() {
            Some(shown) => shown,
            None => BlogsView {
                stack: Vec::new(),
                ..self.blogs_kept.take().unwrap_or_default()
            },
        };
        if view.screen() != Screen::Replies || view.stack.is_empty() {
            view.stack.push(Screen::Replies);
        }
        effects.push(view.load());
        self.blogs = Some(view);
        effects
    }

    /// A key on a browsing screen.
    pub(crate) fn blogs_key(&mut self, key: &KeyEvent) -> Vec<Effect> {
        let action = self.settings.keymap.lookup(key);
        if key.code == KeyCode::Enter {
            return self.blogs_open();
        }
        if key.code == KeyCode::Esc {
            return self.blogs_back();
        }
        action.map_or_else(Vec::new, |a| self.blogs_action(a))
    }

    pub(crate) fn blogs_action(&mut self, action: Action) -> Vec<Effect> {
        let page = self.page();
        let Some(view) = self.blogs.as_mut() else {
            return Vec::new();
        };
        if let Some(delta) = super::library::list_motion(action, page) {
            view.select_by(delta);
            return Vec::new();
        }
        match action {
            Action::ToggleFold | Action::OpenPost | Action::UnfoldLevel => {
                return self.blogs_open()
            }
            Action::Reload | Action::RefreshAll => return self.refresh_blogs(),
            Action::Blogs => return self.show_blogs(),
            Action::Replies => return self.show_replies(),
            Action::Library => {
                self.blogs = None;
                return self.show_library();
            }
            Action::Help => self.mode = Mode::Help(0),
            Action::Quit | Action::Cancel | Action::FoldLevel => return self.blogs_back(),
            _ => {}
        }
        Vec::new()
    }

    /// `q`/Esc: one screen back; from the first, back to what was under it (the library or
    /// the post), or out when there is nothing.
    fn blogs_back(&mut self) -> Vec<Effect> {
        let Some(view) = self.blogs.as_mut() else {
            return Vec::new();
        };
        view.stack.pop();
        if !view.stack.is_empty() {
            return vec![view.load()];
        }
        self.blogs = None;
        self.blogs_kept = None;
        if self.library.is_none() && self.post.url.is_empty() {
            return self.quit();
        }
        Vec::new()
    }

    /// Enter: a blog's posts, a post in the reader, or the thread at a reply.
    fn blogs_open(&mut self) -> Vec<Effect> {
        let Some(view) = self.blogs.as_mut() else {
            return Vec::new();
        };
        match view.screen() {
            Screen::Blogs => match view.selected_blog() {
                Some(b) => {
                    let blog = (b.url.clone(), b.title.clone());
                    if view.blog.as_ref() != Some(&blog) {
                        view.posts.clear();
                        view.post_row = 0;
                    }
                    view.blog = Some(blog);
                    view.stack.push(Screen::Posts);
                    vec![view.load()]
                }
                None => {
                    self.info("no blog selected");
                    Vec::new()
                }
            },
            Screen::Posts => {
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
            Screen::Replies => {
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

    /// Opens a post in the reader; the screens are kept for `B`.
    fn open_from_blogs(&mut self, source: String, mark: Effect) -> Vec<Effect> {
        self.blogs_kept = self.blogs.take();
        let mut effects = vec![mark];
        effects.extend(self.open(source, self.offline));
        effects
    }

    fn refresh_blogs(&mut self) -> Vec<Effect> {
        if self.offline {
            self.info("offline (--offline): nothing refreshed");
            return Vec::new();
        }
        let Some(view) = self.blogs.as_mut() else {
            return Vec::new();
        };
        if view.progress.is_some() {
            self.info("already refreshing");
            return Vec::new();
        }
        view.progress = Some((0, 0));
        vec![Effect::RefreshBlogs]
    }
}

#[path = "blogs_msgs.rs"]
mod msgs;

#[cfg(test)]
#[path = "blogs_tests.rs"]
mod tests;
