//! User intents: one `Action` per thing a key can do. Serde names are the config-file names.

use serde::{Deserialize, Serialize};

/// Something the user asked for. Every variant can be bound in `[keys]` of `config.toml`
/// by its snake_case name.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::EnumIter,
    strum::EnumCount,
)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Scroll the focused pane down one line.
    ScrollDown,
    /// Scroll the focused pane up one line.
    ScrollUp,
    /// Scroll down half a page.
    HalfPageDown,
    /// Scroll up half a page.
    HalfPageUp,
    /// Scroll down a page.
    PageDown,
    /// Scroll up a page.
    PageUp,
    /// Go to the top of the pane.
    Top,
    /// Go to the bottom of the pane.
    Bottom,
    /// Switch between the article and the comments.
    SwitchPane,
    /// Jump to the next comment.
    NextComment,
    /// Jump to the previous comment.
    PrevComment,
    /// Jump to the parent of the current comment.
    Parent,
    /// Jump to the next comment at the same depth under the same parent.
    NextSibling,
    /// Jump to the next top-level comment.
    NextTopLevel,
    /// Jump back to the previous comment at the same depth under the same parent.
    PrevSibling,
    /// Jump back to the previous top-level comment.
    PrevTopLevel,
    /// Fold or unfold the replies under the current comment.
    ToggleFold,
    /// Fold one more depth level of the whole thread.
    FoldLevel,
    /// Unfold one more depth level of the whole thread.
    UnfoldLevel,
    /// Jump to the next comment that is new since the last visit (wraps around).
    NextNew,
    /// Mark every comment read (in the reader: this post; in the library or a blog's
    /// posts: the selected post).
    MarkAllRead,
    /// Show the comments in thread order, oldest first or newest first (cycles; replies
    /// stay under their parents).
    SortComments,
    /// Search the focused pane.
    Search,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PrevMatch,
    /// Open a link by its number (type the number, Enter for more digits).
    FollowLink,
    /// Open the selected comment's permalink (in the comments pane) or the post in the browser.
    OpenPost,
    /// Copy that URL to the clipboard (OSC 52; the status line shows it too).
    CopyUrl,
    /// Look the post up on Hacker News, Lobsters and Reddit; their threads become tabs.
    Discussions,
    /// Show the next comments tab (the blog's own, then each discussion elsewhere).
    NextTab,
    /// Show the previous comments tab.
    PrevTab,
    /// Reply to the current comment.
    Reply,
    /// Write a comment on the post.
    Comment,
    /// Write the reply in $EDITOR.
    Editor,
    /// Send the reply or comment being composed (compose mode).
    Send,
    /// Insert the parent comment as `>` quote lines (compose mode).
    QuoteParent,
    /// Fetch the post again.
    Reload,
    /// Open the library of saved posts.
    Library,
    /// Show the blogs you follow (Enter: a blog's posts; Enter again: read one; R: refresh all).
    Blogs,
    /// Show the replies to your comments, newest first (Enter opens the thread at the reply).
    Replies,
    /// In the library: refresh every listed post (one at a time, progress n/N); on the Blogs
    /// and Posts screens: refresh every blog.
    RefreshAll,
    /// In the library: delete the selected post (asks y/n first).
    DeletePost,
    /// In the library: open the built-in welcome post.
    Welcome,
    /// Show the recent status-line messages in full.
    Messages,
    /// Show the unsent drafts (Enter opens one; send or delete it there).
    Drafts,
    /// On the Drafts screen: send the selected draft as it is.
    SendDraft,
    /// Show or hide the list of keys.
    Help,
    /// Close the current overlay, or quit.
    Quit,
    /// Cancel the current prompt or message.
    Cancel,
}

impl Action {
    /// Every action, in help-screen order (declaration order).
    pub fn all() -> impl Iterator<Item = Action> {
        <Action as strum::IntoEnumIterator>::iter()
    }

    /// How many actions there are.
    pub const COUNT: usize = <Action as strum::EnumCount>::COUNT;

    /// The config-file name (`scroll_down`).
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Looks an action up by its config-file name.
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    /// One line for the help screen (matches the variant's doc comment).
    pub fn description(self) -> &'static str {
        match self {
            Action::ScrollDown => "scroll down one line",
            Action::ScrollUp => "scroll up one line",
            Action::HalfPageDown => "half a page down",
            Action::HalfPageUp => "half a page up",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::SwitchPane => "switch article / comments",
            Action::NextComment => "next comment",
            Action::PrevComment => "previous comment",
            Action::Parent => "parent comment",
            Action::NextSibling => "next sibling comment",
            Action::NextTopLevel => "next top-level comment",
            Action::PrevSibling => "previous sibling comment",
            Action::PrevTopLevel => "previous top-level comment",
            Action::ToggleFold => "fold / unfold replies",
            Action::FoldLevel => "fold one depth level",
            Action::UnfoldLevel => "unfold one depth level",
            Action::NextNew => "next new comment (wraps)",
            Action::MarkAllRead => "mark all read",
            Action::SortComments => "sort comments: thread / oldest / newest",
            Action::Search => "search",
            Action::NextMatch => "next match",
            Action::PrevMatch => "previous match",
            Action::FollowLink => "open link by number",
            Action::OpenPost => "open comment / post in browser",
            Action::CopyUrl => "copy comment / post URL",
            Action::Discussions => "discussions on HN, Lobsters, Reddit",
            Action::NextTab => "next comments tab",
            Action::PrevTab => "previous comments tab",
            Action::Reply => "reply to comment",
            Action::Comment => "comment on the post",
            Action::Editor => "write in $EDITOR",
            Action::Send => "send the reply (compose)",
            Action::QuoteParent => "quote the parent (compose)",
            Action::Reload => "reload",
            Action::Library => "library",
            Action::Blogs => "blogs you follow",
            Action::Replies => "replies to you",
            Action::RefreshAll => "library: refresh all",
            Action::DeletePost => "delete (library post, draft)",
            Action::Welcome => "library: welcome post",
            Action::Messages => "recent messages in full",
            Action::Drafts => "unsent drafts",
            Action::SendDraft => "drafts: send the selected draft",
            Action::Help => "help",
            Action::Quit => "back / quit",
            Action::Cancel => "cancel",
        }
    }

    /// A short word for the status-line key hints.
    pub fn hint(self) -> &'static str {
        match self {
            Action::SwitchPane => "pane",
            Action::ToggleFold => "fold",
            Action::NextComment => "next",
            Action::Search => "search",
            Action::FollowLink => "link",
            Action::Messages => "recent messages in full",
            Action::Drafts => "unsent drafts",
            Action::SendDraft => "drafts: send the selected draft",
            Action::Help => "help",
            Action::Quit => "back",
            Action::Reply => "reply",
            _ => self.description(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(Action::HalfPageDown.name(), "half_page_down");
        for action in Action::all() {
            assert_eq!(Action::from_name(&action.name()), Some(action));
        }
        assert_eq!(Action::from_name("nope"), None);
    }
}
