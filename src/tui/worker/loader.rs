//! The `Loader` trait (a post from a source, and the library's reads and writes) with no
//! do-nothing defaults, the `no_library!` macro for loaders without a library, and the
//! background check's types.

use super::Loaded;
use crate::blogs::RefreshReport;
use crate::store::{BlogSummary, LibraryEntry, ReadPosition, ReplyRecord, StoredItem};

/// What the background check of a stored copy found.
#[derive(Debug, Clone, PartialEq)]
pub enum Refresh {
    /// The page changed: show this instead (the reading position is kept).
    Changed(Box<Loaded>),
    /// Nothing to redraw (304, or the network failed): the new status-line note, and a
    /// message shown once.
    Unchanged {
        note: Option<String>,
        message: Option<String>,
    },
}

/// A background check of a stored copy, run on its own thread.
pub type Check = Box<dyn FnOnce() -> Refresh + Send>;

/// Why refreshing a stored post failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshFailure {
    pub text: String,
    /// The network is unreachable: refreshing more posts now would fail the same way.
    pub network_down: bool,
}

/// Turns a source (an http(s) URL, a file path, or
/// [`WELCOME`](crate::tui::welcome::WELCOME)) into a post, and keeps the library. Every method is required (no silent do-nothing defaults); a loader without a
/// library says so with [`no_library!`](crate::no_library).
pub trait Loader: Send + 'static {
    /// Loads a post; the error is a message for the status line.
    fn load(&mut self, source: &str, offline: bool) -> Result<Loaded, String>;

    /// Called once the answer to `load` is on its way to the screen: bookkeeping that need
    /// not delay the first frame.
    fn after_load(&mut self);

    /// The post of the last `load` as the reader shows it (the user's held comments merged
    /// in): the library counts these comments, so its count and the reader's agree.
    fn shown(&mut self, post: &crate::model::Post);

    /// The library file this loader reads and writes, once open (`None`: none, or in
    /// memory). Replying (drafts, outbox) uses the same file.
    fn store_path(&self) -> Option<std::path::PathBuf>;

    /// The check of the server after `load` answered `refreshing: true` for `source`, to run
    /// on its own thread (a slow server then holds up nothing else).
    fn check(&mut self, source: &str) -> Check;

    /// The stored posts, most recently read first.
    fn library(&mut self) -> Result<Vec<LibraryEntry>, String>;

    /// Adds comment ids of `source` to its seen set (they have been on screen).
    fn mark_seen(&mut self, source: &str, ids: &[String]);

    /// Remembers the reading position in `source`.
    fn save_position(&mut self, source: &str, position: &ReadPosition);

    /// Deletes a stored post by key.
    fn delete(&mut self, key: &str) -> Result<(), String>;

    /// Fetches a stored post again (conditionally) and stores the answer.
    fn refresh_stored(&mut self, url: &str) -> Result<(), RefreshFailure>;

    /// The blogs followed, with their counts and last errors.
    fn blogs(&mut self) -> Result<Vec<BlogSummary>, String>;

    /// The posts of one blog (by subscription URL), newest first.
    fn blog_posts(&mut self, blog: &str) -> Result<Vec<StoredItem>, String>;

    /// The replies to the user's comments, newest first.
    fn replies(&mut self) -> Result<Vec<ReplyRecord>, String>;

    /// How many replies to the user are not seen yet.
    fn unseen_replies(&mut self) -> u32;

    /// Every comment of a stored post (by key) is read.
    fn mark_all_read(&mut self, key: &str) -> Result<(), String>;

    /// A blog's post was opened: it is read.
    fn mark_item_read(&mut self, url: &str);

    /// A reply to the user was opened: it is seen.
    fn mark_reply_seen(&mut self, post_key: &str, comment_id: &str);

    /// Refreshes every blog and watched thread, calling `progress(done, total, label)`.
    fn refresh_blogs(
        &mut self,
        progress: &mut dyn FnMut(usize, usize, &str),
    ) -> Result<RefreshReport, String>;
}

/// The library half of [`Loader`] for a loader that has none (the built-in loader, test
/// loaders): reads answer empty, writes are dropped, deletes and refreshes say there is no
/// library. Expands to every method but `load`, inside an `impl Loader` block.
#[macro_export]
macro_rules! no_library {
    () => {
        $crate::no_library!(keep refresh_stored);
        fn refresh_stored(&mut self, _url: &str) -> Result<(), $crate::tui::worker::RefreshFailure> {
            Err($crate::tui::worker::RefreshFailure {
                text: "there is no library here".to_string(),
                network_down: false,
            })
        }
    };
    // Every method but `refresh_stored`, which the loader writes itself.
    (keep refresh_stored) => {
        fn after_load(&mut self) {}
        fn shown(&mut self, _post: &$crate::model::Post) {}
        fn store_path(&self) -> Option<std::path::PathBuf> {
            None
        }
        fn check(&mut self, _source: &str) -> $crate::tui::worker::Check {
            Box::new(|| $crate::tui::worker::Refresh::Unchanged {
                note: None,
                message: None,
            })
        }
        fn library(&mut self) -> Result<Vec<$crate::store::LibraryEntry>, String> {
            Ok(Vec::new())
        }
        fn mark_seen(&mut self, _source: &str, _ids: &[String]) {}
        fn save_position(&mut self, _source: &str, _position: &$crate::store::ReadPosition) {}
        fn delete(&mut self, _key: &str) -> Result<(), String> {
            Err("there is no library here".to_string())
        }
        fn blogs(&mut self) -> Result<Vec<$crate::store::BlogSummary>, String> {
            Ok(Vec::new())
        }
        fn blog_posts(&mut self, _blog: &str) -> Result<Vec<$crate::store::StoredItem>, String> {
            Ok(Vec::new())
        }
        fn replies(&mut self) -> Result<Vec<$crate::store::ReplyRecord>, String> {
            Ok(Vec::new())
        }
        fn unseen_replies(&mut self) -> u32 {
            0
        }
        fn mark_all_read(&mut self, _key: &str) -> Result<(), String> {
            Err("there is no library here".to_string())
        }
        fn mark_item_read(&mut self, _url: &str) {}
        fn mark_reply_seen(&mut self, _post_key: &str, _comment_id: &str) {}
        fn refresh_blogs(
            &mut self,
            _progress: &mut dyn FnMut(usize, usize, &str),
        ) -> Result<$crate::blogs::RefreshReport, String> {
            Err("there is no library here".to_string())
        }
    };
}
