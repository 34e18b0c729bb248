//! App state and `update(Msg) -> Vec<Effect>`: the only place state changes. No I/O and no
//! terminal: effects (load, open a URL, quit) are returned for the worker / main loop.

mod actions;
mod fold;
mod input;
mod nav;
mod panes;
mod readstate;
mod route;
mod settings;
mod sort;
mod tabs;

pub use settings::Settings;
pub use sort::SortOrder;

pub use tabs::Tabs;

use super::layout::{Layout, Pane};
use super::lines::Doc;
use super::screens::blogs::BlogsView;
use super::screens::messages::Log;
use super::screens::{Screen, Stack};
use super::search::Search;
use super::worker::{Loaded, WELCOME};
use crate::model::Post;
use crate::store::ReadPosition;
use chrono::{DateTime, Utc};

pub use super::msg::{Effect, Msg};

/// What keys currently mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a search query.
    Search(String),
    /// Typing a link number after `f`.
    Link(String),
    /// Writing a reply or comment (`App::compose` holds it).
    Compose,
}

/// The network state shown in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Net {
    Idle,
    Loading { id: u64 },
    Failed(String),
}

/// A status-line message until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// What the reader keeps about one comment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CommentState {
    /// Arrived since the last visit (the ● new marker, `.`).
    pub new: bool,
    /// Its replies are folded away.
    pub folded: bool,
    /// Already reported to the worker as seen (it has been on screen).
    pub reported: bool,
    /// The index just past its last descendant.
    pub subtree_end: usize,
    /// Its place in the page's own order (sorting by date moves it; `SortOrder::Thread`
    /// puts it back).
    pub thread_pos: usize,
}

/// One pane: its wrapped doc and scroll offset (in lines).
#[derive(Debug, Clone, Default)]
pub struct PaneState {
    pub doc: Doc,
    pub top: usize,
}

/// The reader's whole state.
#[derive(Debug)]
pub struct App {
    pub settings: Settings,
    /// The wall clock as of the last tick (relative dates, the message log).
    pub now: DateTime<Utc>,
    /// The monotonic clock as of the last tick (the draft-save debounce).
    pub instant: std::time::Instant,
    pub post: Post,
    pub source: String,
    pub offline: bool,
    /// Where the shown copy came from ("offline copy from …").
    pub note: Option<String>,
    pub net: Net,
    next_id: u64,
    pub layout: Layout,
    pub focus: Pane,
    pub article: PaneState,
    pub comments: PaneState,
    /// Link targets; `[n]` on screen is `links[n - 1]`.
    pub links: Vec<String>,
    /// Per comment (same index as `post.comments`): new, folded, reported, its sub-thread.
    pub per_comment: Vec<CommentState>,
    /// Depth levels shown after `h`/`l` (None: all).
    pub fold_level: Option<usize>,
    /// The current comment (index into `post.comments`).
    pub cursor: usize,
    pub mode: Mode,
    pub search: Option<Search>,
    pub message: Option<Message>,
    pub spinner: usize,
    pub quitting: bool,
    /// The reply or comment being written (kept while hidden, e.g. under the help).
    pub compose: Option<Box<super::compose::Compose>>,
    /// Replies waiting in the outbox (shown in the status line when > 0).
    pub outbox_queued: usize,
    /// A comment to put the cursor on when the next load arrives (a just-posted reply).
    pub focus_after_load: Option<String>,
    /// The screens shown, the top one on screen (`screens::Stack`).
    pub screens: Stack,
    /// The rows of the Blogs, Posts and Replies screens (kept while the reader is on top).
    pub browse: BlogsView,
    /// Recent status-line messages (the message log, `M`).
    pub log: Log,
    /// Replies to the user not seen yet (the status line and the library say so).
    pub unseen_replies: u32,
    /// A stored copy is shown while the worker checks the server for changes.
    pub checking: bool,
    /// The source of the post on screen (seen ids and positions are saved under it).
    shown_source: String,
    /// The comments pane is not wrapped yet: the first frame of a big post shows the article
    /// first; the main loop calls `finish_deferred` right after drawing it.
    pub comments_deferred: bool,
    /// A position to apply again once the deferred comments are wrapped.
    deferred_position: Option<ReadPosition>,
    /// The comment tabs: the blog's own thread and the post's discussions elsewhere.
    pub tabs: Tabs,
    /// Left with Ctrl-C: the process ends as an interrupt (exit status 130).
    pub interrupted: bool,
    /// The order the comments are shown in (`S`); kept across posts and reloads.
    pub sort: SortOrder,
    /// Comment pages of the load in progress: (read, known so far).
    pub pages: Option<(usize, usize)>,
    /// The services signed in (`accounts.json`, cached): whether `r`/`c` can reply through
    /// giscus, utterances or Mastodon. The main loop refreshes it (a `stat`) before keys.
    pub accounts: crate::posting::SignedIn,
}

impl App {
    /// An empty reader for an 80×24 screen; `now` anchors the relative dates.
    pub fn new(settings: Settings, now: DateTime<Utc>) -> App {
        let message = (!settings.notices.is_empty()).then(|| Message {
            text: settings.notices.join("; "),
            error: true,
        });
        let mut log = Log::default();
        for notice in &settings.notices {
            log.push(now, notice, true);
        }
        let layout = Layout::new(80, 24, settings.side_by_side_min_width);
        App {
            settings,
            now,
            instant: std::time::Instant::now(),
            post: Post::default(),
            source: WELCOME.to_string(),
            offline: false,
            note: None,
            net: Net::Idle,
            next_id: 0,
            layout,
            focus: Pane::Article,
            article: PaneState::default(),
            comments: PaneState::default(),
            links: Vec::new(),
            per_comment: Vec::new(),
            fold_level: None,
            cursor: 0,
            mode: Mode::Normal,
            search: None,
            message,
            spinner: 0,
            quitting: false,
            compose: None,
            outbox_queued: 0,
            focus_after_load: None,
            screens: Stack::new(Screen::Reader),
            browse: BlogsView::default(),
            log,
            unseen_replies: 0,
            checking: false,
            shown_source: String::new(),
            comments_deferred: false,
            deferred_position: None,
            tabs: Tabs::default(),
            interrupted: false,
            sort: SortOrder::Thread,
            pages: None,
            accounts: crate::posting::SignedIn::default(),
        }
    }

    /// Starts loading `source`; returns the effects that do it (after saving the reading state
    /// of the post being left, when it is another one).
    pub fn open(&mut self, source: String, offline: bool) -> Vec<Effect> {
        let mut effects = if source == self.shown_source {
            Vec::new()
        } else {
            self.leave_post()
        };
        self.source = source;
        self.offline = offline;
        self.screens.push(Screen::Reader);
        effects.extend(self.start_load());
        effects
    }

    fn start_load(&mut self) -> Vec<Effect> {
        self.next_id += 1;
        self.net = Net::Loading { id: self.next_id };
        self.checking = false;
        self.pages = None;
        vec![Effect::Load {
            id: self.next_id,
            source: self.source.clone(),
            offline: self.offline,
        }]
    }

    /// True while a load is pending (the main loop ticks the spinner then).
    pub fn is_loading(&self) -> bool {
        matches!(self.net, Net::Loading { .. })
    }

    /// Handles one message; returns the effects to perform. Every `Msg` has its arm here (no
    /// catch-all), so a new one does not compile until something handles it.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) => self.on_key(key),
            Msg::Mouse(mouse) => {
                if *self.screens.top() == Screen::Reader {
                    self.on_mouse(mouse);
                }
                Vec::new()
            }
            Msg::Resize(w, h) => {
                self.resize(w, h);
                Vec::new()
            }
            Msg::Action(action) => self.on_action(action),
            Msg::Loaded { id, result } => {
                self.on_loaded(id, result);
                if std::mem::take(&mut self.tabs.auto_pending) && !self.offline {
                    return self.ask_discussions();
                }
                Vec::new()
            }
            Msg::Checked { id, note, message } => {
                self.on_checked(id, note, message);
                Vec::new()
            }
            Msg::Library { entries, start } => self.on_library(entries, start),
            Msg::Progress {
                done,
                total,
                failed,
            } => {
                self.on_progress(done, total, failed);
                Vec::new()
            }
            Msg::Notice { text, error } => {
                self.say(&text, error);
                Vec::new()
            }
            Msg::Tick { now, instant } => {
                self.spinner = self.spinner.wrapping_add(1);
                self.now = now;
                self.instant = instant;
                self.compose_tick(instant)
            }
            Msg::Drafts(drafts) => {
                self.on_drafts(drafts);
                Vec::new()
            }
            Msg::Paste(text) => self.compose_paste(&text),
            Msg::DraftLoaded {
                post_key,
                parent,
                body,
            } => self.on_draft_loaded(&post_key, parent.as_deref(), body),
            Msg::Posted {
                post_key,
                parent,
                result,
            } => {
                let mut effects = self.on_posted(&post_key, parent.as_deref(), result);
                if matches!(self.screens.top(), Screen::Drafts(_)) {
                    effects.push(Effect::LoadDrafts);
                }
                effects
            }
            Msg::Outbox { queued, note } => {
                self.outbox_queued = queued;
                if let Some(note) = note {
                    self.info(&note);
                }
                Vec::new()
            }
            Msg::Discussions {
                source,
                threads,
                failures,
                new_comments,
            } => {
                self.tabs.new_ids = new_comments;
                self.on_discussions(&source, threads, &failures);
                Vec::new()
            }
            Msg::Edited(result) => {
                self.on_edited(result);
                Vec::new()
            }
            Msg::PageProgress { id, done, known } => {
                if self.net == (Net::Loading { id }) {
                    self.pages = Some((done, known));
                }
                Vec::new()
            }
            Msg::Blogs(blogs) => self.on_blogs(blogs),
            Msg::Posts { blog, items } => self.on_posts(&blog, items),
            Msg::Replies(replies) => self.on_replies(replies),
            Msg::UnseenReplies(n) => self.on_unseen_replies(n),
            Msg::BlogProgress { done, total, .. } => self.on_blog_progress(done, total),
            Msg::BlogsRefreshed { text, failed } => self.on_blogs_refreshed(&text, failed),
        }
    }

    fn on_loaded(&mut self, id: u64, result: Result<Box<Loaded>, String>) {
        if self.net != (Net::Loading { id }) {
            tracing::debug!(id, "dropping a stale load result");
            return;
        }
        self.pages = None;
        match result {
            Ok(loaded) => self.on_loaded_post(id, *loaded),
            Err(e) if self.checking => {
                // The stored copy stays on screen; say once what went wrong.
                self.checking = false;
                self.net = Net::Idle;
                self.error(&e);
            }
            Err(e) => {
                tracing::warn!(error = %e, "load failed");
                self.net = Net::Failed(e);
            }
        }
    }

    /// Whether comment `i` is new since the last visit.
    pub fn is_new(&self, i: usize) -> bool {
        self.per_comment.get(i).is_some_and(|s| s.new)
    }

    /// Whether comment `i`'s replies are folded away.
    pub fn is_folded(&self, i: usize) -> bool {
        self.per_comment.get(i).is_some_and(|s| s.folded)
    }

    pub(crate) fn info(&mut self, text: &str) {
        self.say(text, false);
    }

    pub(crate) fn error(&mut self, text: &str) {
        self.say(text, true);
    }

    /// Shows a message in the status line and keeps it in the log (`M`).
    pub(crate) fn say(&mut self, text: &str, error: bool) {
        self.log.push(self.now, text, error);
        self.message = Some(Message {
            text: text.to_string(),
            error,
        });
    }
}
