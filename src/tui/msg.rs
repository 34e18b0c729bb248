//! The messages `App::update` takes (`Msg`: input, resizes, worker answers) and the effects it
//! returns (`Effect`), routed by one exhaustive match into what the main loop does itself
//! (`UiEffect`: it owns the terminal) and work for the worker (`Job`).

use super::action::Action;
use crate::model::Post;
use crate::store::{BlogSummary, Draft, LibraryEntry, ReadPosition, ReplyRecord, StoredItem};
use crossterm::event::{KeyEvent, MouseEvent};

/// A loaded post and where it came from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loaded {
    pub post: Post,
    /// Shown in the status line, e.g. "offline copy from 2026-11-28".
    pub note: Option<String>,
    /// Ids of comments that are new since the last visit (from the store); `.` jumps
    /// through them and they carry a ● marker. Empty when unknown.
    pub new_comments: Vec<String>,
    /// This is a stored copy and the server is being asked for changes: an answer follows
    /// with the same request id.
    pub refreshing: bool,
    /// Where the reader left this post last time.
    pub position: Option<ReadPosition>,
}

/// Something that happened: input, a resize, a worker result.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// The post's discussions elsewhere (answering `Effect::Discussions` for `source`), and
    /// one line per site that failed.
    Discussions {
        source: String,
        threads: Vec<crate::threads::Thread>,
        failures: Vec<String>,
        /// Comments new since the last visit ("hn:ID", as the tabs show them).
        new_comments: Vec<String>,
    },
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// An action directly (tests, scripted input).
    Action(Action),
    /// A load finished; `id` says which request it answers.
    Loaded {
        id: u64,
        result: Result<Box<Loaded>, String>,
    },
    /// The background check of a stored copy (answering `Load` `id`) changed nothing on screen:
    /// 304, or the network failed. `note` replaces the status-line note; `message` is shown once.
    Checked {
        id: u64,
        note: Option<String>,
        message: Option<String>,
    },
    /// The library's rows (answering `Effect::LoadLibrary`, a delete or a refresh-all).
    /// `start`: this is the start screen's question (an empty library opens the welcome post).
    Library {
        entries: Result<Vec<LibraryEntry>, String>,
        start: bool,
    },
    /// Refresh-all progress: `done` of `total` posts, `failed` of them failed.
    Progress {
        done: usize,
        total: usize,
        failed: usize,
    },
    /// A message from the worker (e.g. the browser could not be started).
    Notice {
        text: String,
        error: bool,
    },
    /// Spinner step while loading; the compose debounce while composing. Carries the clock
    /// (`update` never reads it): `now` for relative dates, `instant` for the debounce.
    Tick {
        now: chrono::DateTime<chrono::Utc>,
        instant: std::time::Instant,
    },
    /// The unsent drafts (answering `Effect::LoadDrafts`).
    Drafts(Result<Vec<Draft>, String>),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// The stored draft for a compose target (`None`: there is none).
    DraftLoaded {
        post_key: String,
        parent: Option<String>,
        body: Option<String>,
    },
    /// What became of a submitted reply; the error is one message for the status line.
    Posted {
        post_key: String,
        parent: Option<String>,
        result: Result<crate::posting::Posted, String>,
    },
    /// The outbox: replies still queued, and what a retry just did (if anything).
    Outbox {
        queued: usize,
        note: Option<String>,
    },
    /// The external editor finished: the edited text, or why it failed.
    Edited(Result<String, String>),
    /// Load `id` (or its background check) has read `done` of the `known` pages of the post
    /// so far (more may be found on later pages): "comments: page 3 of 12…".
    PageProgress {
        id: u64,
        done: usize,
        known: usize,
    },
    /// The blogs followed (answering `Effect::LoadBlogs` or a refresh of them all).
    Blogs(Result<Vec<BlogSummary>, String>),
    /// One blog's posts, newest first (answering `Effect::LoadPosts` for `blog`).
    Posts {
        blog: String,
        items: Result<Vec<StoredItem>, String>,
    },
    /// Replies to the user's comments, newest first (answering `Effect::LoadReplies`).
    Replies(Result<Vec<ReplyRecord>, String>),
    /// How many replies to the user are not seen yet.
    UnseenReplies(u32),
    /// Refresh-all of the blogs: `done` of `total` feeds and threads, `label` the last one.
    BlogProgress {
        done: usize,
        total: usize,
        label: String,
    },
    /// Refresh-all of the blogs finished: one line saying what it did; `failed` feeds or
    /// threads failed. `Msg::Blogs` (the reloaded list) follows.
    BlogsRefreshed {
        text: String,
        failed: usize,
    },
}

/// Work for the outside world, performed by the worker or the main loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Load a post (a URL, a file, or `worker::WELCOME`). Answered by `Msg::Loaded` with `id`.
    Load {
        id: u64,
        source: String,
        offline: bool,
    },
    /// Open a URL in the browser.
    OpenUrl(String),
    /// Put text on the clipboard with OSC 52. Performed by the main loop (it owns the
    /// terminal).
    Copy(String),
    /// Look the post up elsewhere (or read the kept discussions when `offline`); answered by
    /// `Msg::Discussions`.
    Discussions { source: String, offline: bool },
    /// Read the library; answered by `Msg::Library` (with `start` passed through).
    LoadLibrary { start: bool },
    /// These comments of `source` have been on screen: add them to its seen set.
    MarkSeen { source: String, ids: Vec<String> },
    /// Remember the reading position in `source`.
    SavePosition {
        source: String,
        position: ReadPosition,
    },
    /// Delete a stored post (by store key); answered by `Msg::Library`.
    DeletePost { key: String },
    /// Refresh these stored posts one at a time; answered by `Msg::Progress` after each and
    /// `Msg::Library` at the end.
    RefreshPosts { urls: Vec<String> },
    /// Leave the program.
    Quit,
    /// Save the draft (an empty body deletes it).
    SaveDraft {
        post_key: String,
        parent: Option<String>,
        body: String,
    },
    /// Read the stored draft; answered by `Msg::DraftLoaded`.
    LoadDraft {
        post_key: String,
        parent: Option<String>,
    },
    /// Post a reply (`parent`) or a comment through the post's form; answered by `Msg::Posted`.
    Submit {
        post_url: String,
        parent: Option<String>,
        body: String,
        identity: crate::reply::Identity,
    },
    /// Save `[identity]` to the config file (0600).
    SaveIdentity(crate::reply::Identity),
    /// Read the blogs followed; answered by `Msg::Blogs` and `Msg::UnseenReplies`.
    LoadBlogs,
    /// Read one blog's posts (by subscription URL); answered by `Msg::Posts`.
    LoadPosts { blog: String },
    /// Read the replies to the user; answered by `Msg::Replies` and `Msg::UnseenReplies`.
    LoadReplies,
    /// Mark every comment of a stored post (by store key) read: `m` in the library or on a
    /// blog's posts.
    MarkPostRead { key: String },
    /// Every post of a blog (by subscription URL) and their comments are read: `m` on the
    /// Blogs screen. Answered by `Msg::Blogs`.
    MarkBlogRead { blog: String },
    /// A blog's post was opened: it is read (no longer new; its comment count is the baseline).
    MarkItemRead { url: String },
    /// A reply to the user was opened; answered by `Msg::UnseenReplies`.
    MarkReplySeen {
        post_key: String,
        comment_id: String,
    },
    /// Refresh every blog and watched thread (`blogs::refresh_all`); answered by
    /// `Msg::BlogProgress` after each, `Msg::BlogsRefreshed`, then `Msg::Blogs` and
    /// `Msg::UnseenReplies`.
    RefreshBlogs,
    /// Read the unsent drafts; answered by `Msg::Drafts`.
    LoadDrafts,
    /// Hand the text to $VISUAL/$EDITOR. Performed by the main loop on the UI thread (the
    /// terminal is suspended meanwhile); answered by `Msg::Edited`.
    Edit(String),
}

/// What the main loop performs itself (it owns the terminal).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiEffect {
    /// Leave the program.
    Quit,
    /// Hand the text to $VISUAL/$EDITOR (the terminal is suspended meanwhile).
    Edit(String),
    /// Put text on the clipboard with OSC 52.
    Copy(String),
}

/// Work for the worker thread: any `Effect` but the UI ones. Only [`Effect::route`] makes
/// one, so a UI effect never reaches the worker and every job is one of its match's arms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job(Effect);

impl Job {
    /// The work to do.
    pub fn effect(&self) -> &Effect {
        &self.0
    }

    /// The work to do, owned.
    pub fn into_effect(self) -> Effect {
        self.0
    }
}

/// Where an effect goes: the main loop or the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routed {
    Ui(UiEffect),
    Job(Job),
}

impl Effect {
    /// The one place that says which effects the main loop performs and which the worker
    /// does (exhaustive: a new effect must be routed here before it compiles).
    pub fn route(self) -> Routed {
        match self {
            Effect::Quit => Routed::Ui(UiEffect::Quit),
            Effect::Edit(text) => Routed::Ui(UiEffect::Edit(text)),
            Effect::Copy(text) => Routed::Ui(UiEffect::Copy(text)),
            job @ (Effect::Load { .. }
            | Effect::OpenUrl(_)
            | Effect::Discussions { .. }
            | Effect::LoadLibrary { .. }
            | Effect::MarkSeen { .. }
            | Effect::SavePosition { .. }
            | Effect::DeletePost { .. }
            | Effect::RefreshPosts { .. }
            | Effect::SaveDraft { .. }
            | Effect::LoadDraft { .. }
            | Effect::Submit { .. }
            | Effect::SaveIdentity(_)
            | Effect::LoadBlogs
            | Effect::LoadPosts { .. }
            | Effect::LoadReplies
            | Effect::MarkPostRead { .. }
            | Effect::MarkBlogRead { .. }
            | Effect::MarkItemRead { .. }
            | Effect::MarkReplySeen { .. }
            | Effect::RefreshBlogs
            | Effect::LoadDrafts) => Routed::Job(Job(job)),
        }
    }
}

impl From<Effect> for Routed {
    fn from(effect: Effect) -> Routed {
        effect.route()
    }
}

impl From<Job> for Routed {
    fn from(job: Job) -> Routed {
        Routed::Job(job)
    }
}

impl Msg {
    /// A tick at the current time.
    pub fn tick() -> Msg {
        Msg::Tick {
            now: chrono::Utc::now(),
            instant: std::time::Instant::now(),
        }
    }
}
