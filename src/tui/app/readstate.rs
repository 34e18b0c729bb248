//! Read state of a post: showing it (the place kept on a reload), progressive loading (a
//! stored copy first, then the result of the background check), the comments that have been on
//! screen (reported as seen), and the reading position saved on leaving a post and restored on
//! reopening it.

use super::{App, Effect, Net, Pane, PaneState};
use crate::model::Post;
use crate::store::ReadPosition;
use crate::tui::screens::Screen;
use crate::tui::worker::Loaded;
use std::collections::HashSet;

/// Posts with at least this many comments show their article before the comments are wrapped.
const DEFER_COMMENTS: usize = 200;

pub use crate::tui::source::is_web;

impl App {
    /// A post arrived: the only answer, a stored copy with a check to follow (`refreshing`), or
    /// the changed page the check found (the reading position is kept).
    pub(crate) fn on_loaded_post(&mut self, id: u64, loaded: Loaded) {
        let Loaded {
            post,
            note,
            new_comments,
            refreshing,
            position,
        } = loaded;
        if post.url == self.post.url {
            // The blog's thread arrived again: its tab is the one shown.
            self.tabs.back_to_blog();
        } else {
            self.tabs = super::Tabs {
                // `[discussions] auto`: every web post opened is looked up elsewhere.
                auto_pending: self.settings.discussions_auto,
                ..super::Tabs::default()
            };
        }
        let first = !self.checking;
        // A reload of the post on screen keeps the place; a saved position is for reopening.
        let reopened = first && post.url != self.post.url;
        self.comments_deferred = first
            && self.focus_after_load.is_none()
            && post.comments.len() >= DEFER_COMMENTS
            && post.url != self.post.url
            && !self.layout.side_by_side
            && position
                .as_ref()
                .map_or(self.focus == Pane::Article, |p| p.pane != "comments");
        self.checking = refreshing;
        self.net = if refreshing {
            Net::Loading { id }
        } else {
            Net::Idle
        };
        self.shown_source = self.source.clone();
        self.show_marked(post, note, &new_comments);
        if reopened {
            if let Some(position) = position {
                self.restore_position(&position);
                if self.comments_deferred {
                    self.deferred_position = Some(position);
                }
            }
        }
        // A just-posted reply: land on it once a load shows it (the stored copy answered first
        // may not have it yet; the server's answer will). Its "published" / "held" message
        // stays: it says more than "updated from the server".
        let landed = self
            .focus_after_load
            .as_deref()
            .and_then(|id| self.post.comment_index(id));
        if let Some(i) = landed {
            self.focus_after_load = None;
            self.focus = Pane::Comments;
            self.goto_comment(i);
        }
        if !first && landed.is_none() {
            let text = match self.new_count() {
                0 => "updated from the server".to_string(),
                n => format!("updated from the server · {n} new"),
            };
            self.info(&text);
        }
    }

    /// Wraps the comments put off for the first frame; true when there were some (the main
    /// loop draws again then, before reading any input).
    pub fn finish_deferred(&mut self) -> bool {
        if !self.comments_deferred {
            return false;
        }
        self.comments_deferred = false;
        self.invalidate();
        if let Some(position) = self.deferred_position.take() {
            self.restore_position(&position);
        }
        true
    }

    /// The background check changed nothing on screen.
    pub(crate) fn on_checked(&mut self, id: u64, note: Option<String>, message: Option<String>) {
        if self.net != (Net::Loading { id }) {
            tracing::debug!(id, "dropping a stale check result");
            return;
        }
        self.checking = false;
        self.net = Net::Idle;
        self.note = note;
        if let Some(text) = message {
            self.info(&text);
        }
    }

    /// A post (or the library) is on screen: what the start-up benchmark waits for.
    pub fn first_frame_ready(&self) -> bool {
        match self.screens.base() {
            Screen::Library(view) => !view.loading,
            _ => !self.post.url.is_empty() || matches!(self.net, Net::Failed(_)),
        }
    }

    /// Comments new since the last visit, as counted for the status line.
    pub fn new_count(&self) -> usize {
        self.per_comment.iter().filter(|s| s.new).count()
    }

    /// Ids of the comments already reported as seen.
    pub(crate) fn reported_ids(&self) -> HashSet<String> {
        self.post
            .comments
            .iter()
            .zip(&self.per_comment)
            .filter(|(_, s)| s.reported)
            .map(|(c, _)| c.id.clone())
            .collect()
    }

    /// Indices of the comments in the comments pane's view (none when the pane is hidden).
    pub fn comments_on_screen(&self) -> Vec<usize> {
        let shown = match self.screens.top() {
            Screen::Reader => true,
            Screen::Library(_) | Screen::Blogs | Screen::Posts | Screen::Replies => false,
            Screen::Help(_) | Screen::Messages(_) | Screen::Drafts(_) => false,
        };
        if !shown
            || self.comments_deferred
            || (!self.layout.side_by_side && self.focus != Pane::Comments)
        {
            return Vec::new();
        }
        let doc = &self.comments.doc;
        let top = self.comments.top;
        let bottom = top + self.viewport(Pane::Comments);
        let rows = doc.visible_items();
        let first = doc.item_at_line(top).map_or(0, |(i, _)| i);
        rows[rows.partition_point(|&i| i < first)..]
            .iter()
            .copied()
            .take_while(|&i| doc.item_top(i).is_some_and(|t| t < bottom))
            .collect()
    }

    /// The comments on screen not reported yet, as one `MarkSeen` effect (called after a draw).
    pub fn take_seen(&mut self) -> Option<Effect> {
        if !is_web(&self.shown_source) || self.post.url.is_empty() {
            return None;
        }
        let mut ids = Vec::new();
        for i in self.comments_on_screen() {
            let reported = self.per_comment.get(i).map(|s| s.reported);
            if let (Some(false), Some(c)) = (reported, self.post.comments.get(i)) {
                self.per_comment[i].reported = true;
                ids.push(c.id.clone());
            }
        }
        (!ids.is_empty()).then(|| Effect::MarkSeen {
            source: self.shown_source.clone(),
            ids,
        })
    }

    /// Where the reader is in the post.
    pub fn read_position(&self) -> ReadPosition {
        ReadPosition {
            pane: match self.focus {
                Pane::Article => "article",
                Pane::Comments => "comments",
            }
            .to_string(),
            article_line: u32::try_from(self.article.top).unwrap_or(u32::MAX),
            comments_line: u32::try_from(self.comments.top).unwrap_or(u32::MAX),
            comment_id: self.post.comments.get(self.cursor).map(|c| c.id.clone()),
            folded: self
                .post
                .comments
                .iter()
                .zip(&self.per_comment)
                .filter(|(_, s)| s.folded)
                .map(|(c, _)| c.id.clone())
                .collect(),
        }
    }

    /// Goes back to a saved position (unknown comment ids are skipped).
    pub fn restore_position(&mut self, pos: &ReadPosition) {
        if !pos.folded.is_empty() {
            let folded: HashSet<&str> = pos.folded.iter().map(String::as_str).collect();
            for (i, c) in self.post.comments.iter().enumerate() {
                self.per_comment[i].folded = folded.contains(c.id.as_str());
            }
            self.apply_folds();
        }
        self.article.top = usize::try_from(pos.article_line).unwrap_or(usize::MAX);
        self.clamp(Pane::Article);
        if let Some(i) = pos
            .comment_id
            .as_deref()
            .and_then(|id| self.post.comment_index(id))
        {
            self.goto_comment(i);
        }
        self.comments.top = usize::try_from(pos.comments_line).unwrap_or(usize::MAX);
        self.clamp(Pane::Comments);
        self.focus = if pos.pane == "comments" {
            Pane::Comments
        } else {
            Pane::Article
        };
    }

    /// `m` in the reader: every comment is read (reported as seen, no longer new).
    pub(crate) fn mark_all_read(&mut self) -> Vec<Effect> {
        if self.post.comments.is_empty() {
            self.info("this post has no comments");
            return Vec::new();
        }
        let had_new = self.per_comment.iter().any(|s| s.new);
        self.per_comment.iter_mut().for_each(|s| s.new = false);
        if had_new {
            self.invalidate();
        }
        self.info("all comments marked read");
        if !is_web(&self.shown_source) {
            return Vec::new();
        }
        let ids = self
            .post
            .comments
            .iter()
            .zip(self.per_comment.iter_mut())
            .filter(|(_, s)| !s.reported)
            .map(|(c, s)| {
                s.reported = true;
                c.id.clone()
            })
            .collect::<Vec<_>>();
        vec![Effect::MarkSeen {
            source: self.shown_source.clone(),
            ids,
        }]
    }

    /// Leaving the post (quit, another post, the library): report what was seen and save the
    /// position. Nothing for the welcome post and files.
    pub(crate) fn leave_post(&mut self) -> Vec<Effect> {
        if !is_web(&self.shown_source) || self.post.url.is_empty() {
            return Vec::new();
        }
        let mut effects: Vec<Effect> = self.take_seen().into_iter().collect();
        effects.push(Effect::SavePosition {
            source: self.shown_source.clone(),
            position: self.read_position(),
        });
        effects
    }
}

impl App {
    /// Shows a post, keeping the reading position when it is the same post (reload).
    pub fn show(&mut self, post: Post, note: Option<String>) {
        self.show_marked(post, note, &[]);
    }

    /// `show`, with the comments new since the last visit marked (one wrap, not two).
    pub(crate) fn show_marked(&mut self, post: Post, note: Option<String>, new_ids: &[String]) {
        let same = !self.post.url.is_empty() && self.post.url == post.url;
        let cursor_id = self.post.comments.get(self.cursor).map(|c| c.id.clone());
        let article_anchor = self.article.doc.item_at_line(self.article.top);
        let comments_anchor = self
            .comments
            .doc
            .item_at_line(self.comments.top)
            .and_then(|(i, off)| Some((self.post.comments.get(i)?.id.clone(), off)));
        let folded_ids: std::collections::HashSet<String> = (0..self.per_comment.len())
            .filter(|&i| self.per_comment[i].folded)
            .filter_map(|i| self.post.comments.get(i).map(|c| c.id.clone()))
            .collect();
        let reported_ids = self.reported_ids();
        self.post = post;
        self.note = note;
        let new_ids: std::collections::HashSet<&str> = new_ids.iter().map(String::as_str).collect();
        self.per_comment = self
            .post
            .comments
            .iter()
            .enumerate()
            .map(|(i, c)| super::CommentState {
                new: new_ids.contains(c.id.as_str()),
                reported: same && reported_ids.contains(&c.id),
                thread_pos: i,
                ..super::CommentState::default()
            })
            .collect();
        if self.sort != super::SortOrder::Thread {
            self.reorder_comments();
        }
        self.fold_level = None;
        self.search = None;
        self.cursor = 0;
        self.article = PaneState::default();
        self.comments = PaneState::default();
        self.compute_structure();
        self.rewrap();
        if same {
            if !folded_ids.is_empty() {
                for (i, c) in self.post.comments.iter().enumerate() {
                    self.per_comment[i].folded = folded_ids.contains(&c.id);
                }
                self.apply_folds();
            }
            if let Some((item, off)) = article_anchor {
                self.article.top = self.article.doc.item_top(item).map_or(0, |t| t + off);
            }
            self.clamp(Pane::Article);
            if let Some(i) = cursor_id.and_then(|id| self.post.comment_index(&id)) {
                self.goto_comment(i);
            }
            if let Some((i, off)) =
                comments_anchor.and_then(|(id, off)| Some((self.post.comment_index(&id)?, off)))
            {
                if let Some(top) = self.comments.doc.item_top(i) {
                    self.comments.top = top + off;
                    self.clamp(Pane::Comments);
                }
            }
        }
    }
}
