//! Comment tabs: the blog's own thread, then each discussion of the post elsewhere (Hacker
//! News, Lobsters, Reddit), one key away. A tab's comments take the comment pane's place, so
//! navigation, folds, search and `o` work on them unchanged; their ids are prefixed with the
//! site ("hn:123") so they never meet the blog's own ids in the read state.

use super::{App, Effect};
use crate::elsewhere::site_label;
use crate::model::Comment;
use crate::threads::Thread;

/// The post's comment tabs: tab 0 is the blog's own thread, tab `k` is `threads[k - 1]`.
#[derive(Debug, Default)]
pub struct Tabs {
    pub threads: Vec<Thread>,
    /// The tab shown.
    pub current: usize,
    /// The blog's own comments while another tab is shown.
    pub(crate) blog: Option<Vec<Comment>>,
    /// Look the post just loaded up elsewhere (`[discussions] auto`).
    pub auto_pending: bool,
    /// Discussion comments new since the last visit ("hn:ID"), and the blog's own new ones
    /// while another tab is shown.
    pub new_ids: Vec<String>,
    pub(crate) blog_new: Vec<String>,
}

impl Tabs {
    /// The blog's own thread is on screen again (it was just loaded).
    pub fn back_to_blog(&mut self) {
        self.current = 0;
        self.blog = None;
        self.blog_new.clear();
    }

    /// The thread shown, unless it is the blog's own.
    pub fn shown(&self) -> Option<&Thread> {
        self.current
            .checked_sub(1)
            .and_then(|i| self.threads.get(i))
    }
}

impl App {
    /// `D`: look the post up elsewhere (asks those sites; offline, the kept discussions).
    pub(crate) fn ask_discussions(&mut self) -> Vec<Effect> {
        if !crate::tui::source::is_web(&self.source) {
            self.info("discussions elsewhere are looked up by the post's web address");
            return Vec::new();
        }
        let text = if self.offline {
            "discussions kept for offline reading…"
        } else {
            "asking Hacker News, Lobsters and Reddit about this post…"
        };
        self.info(text);
        vec![Effect::Discussions {
            source: self.source.clone(),
            offline: self.offline,
        }]
    }

    /// The discussions arrived: they become tabs after the blog's own (the tab shown stays).
    pub(crate) fn on_discussions(
        &mut self,
        source: &str,
        threads: Vec<Thread>,
        failures: &[String],
    ) {
        if source != self.source {
            return;
        }
        self.show_tab(0);
        let summary = crate::elsewhere::summary(&threads);
        let keys = self
            .settings
            .keymap
            .first(crate::tui::action::Action::NextTab);
        let text = match (threads.is_empty(), failures.is_empty()) {
            (true, true) => "no discussions of this post found elsewhere".to_string(),
            (true, false) => failures.join("; "),
            (false, true) => format!("{summary}: {keys} shows them"),
            (false, false) => format!("{summary}: {keys} shows them ({})", failures.join("; ")),
        };
        self.say(&text, threads.is_empty() && !failures.is_empty());
        self.tabs.threads = threads;
    }

    /// `t` / `T`: the next or previous tab (wrapping).
    pub(crate) fn step_tab(&mut self, forward: bool) {
        let n = self.tabs.threads.len() + 1;
        if n == 1 {
            let keys = self
                .settings
                .keymap
                .first(crate::tui::action::Action::Discussions);
            self.info(&format!(
                "no other tabs: {keys} looks for discussions elsewhere"
            ));
            return;
        }
        let next = if forward {
            (self.tabs.current + 1) % n
        } else {
            (self.tabs.current + n - 1) % n
        };
        self.show_tab(next);
    }

    /// Shows tab `k`: its comments replace the pane's (the blog's are kept aside).
    fn show_tab(&mut self, k: usize) {
        if k == self.tabs.current {
            return;
        }
        let comments = if k == 0 {
            self.tabs.blog.take().unwrap_or_default()
        } else {
            let Some(t) = self.tabs.threads.get(k - 1) else {
                return;
            };
            let prefix = format!("{}:", t.provider);
            t.comments
                .iter()
                .map(|c| Comment {
                    id: format!("{prefix}{}", c.id),
                    parent: c.parent.as_ref().map(|p| format!("{prefix}{p}")),
                    by_post_author: t.submitter.as_deref() == Some(c.author.as_str()),
                    ..c.clone()
                })
                .collect()
        };
        let mut post = self.post.clone();
        let old = std::mem::replace(&mut post.comments, comments);
        // Kept aside in the page's order: showing it again sorts it afresh.
        let old = self.comments_in_thread_order(old);
        if self.tabs.current == 0 {
            // The blog's "new" marks come back with its tab.
            self.tabs.blog_new = (self.post.comments.iter().zip(&self.per_comment))
                .filter(|(_, s)| s.new)
                .map(|(c, _)| c.id.clone())
                .collect();
            self.tabs.blog = Some(old);
        }
        self.tabs.current = k;
        let note = self.note.clone();
        let new = if k == 0 {
            std::mem::take(&mut self.tabs.blog_new)
        } else {
            self.tabs.new_ids.clone()
        };
        self.show_marked(post, note, &new);
    }

    /// True while a discussion elsewhere is shown (replying there needs a browser).
    pub fn on_discussion_tab(&self) -> bool {
        self.tabs.current > 0
    }

    /// "Blog 42 · HN 310 · Lobsters 12", the shown tab in brackets; `None` without tabs.
    pub fn tab_line(&self) -> Option<String> {
        if self.tabs.threads.is_empty() {
            return None;
        }
        let blog = match &self.tabs.blog {
            Some(c) if self.tabs.current > 0 => c.len(),
            _ => self.post.comments.len(),
        };
        let mut parts = vec![("Blog".to_string(), blog)];
        for t in &self.tabs.threads {
            let count = t.stated_count.map_or(t.comments.len(), |c| c as usize);
            parts.push((site_label(&t.provider).to_string(), count));
        }
        Some(
            parts
                .iter()
                .enumerate()
                .map(|(i, (name, n))| {
                    if i == self.tabs.current {
                        format!("[{name} {n}]")
                    } else {
                        format!("{name} {n}")
                    }
                })
                .collect::<Vec<_>>()
                .join(" · "),
        )
    }
}
