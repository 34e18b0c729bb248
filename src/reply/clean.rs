//! Terminal-safe text for messages that come from the blog: the shared sanitizer
//! (`extract::sanitize::line`) plus a length cap, so one hostile answer cannot flood the screen.

use crate::extract::sanitize;

/// The longest message kept, in characters; longer ones end with "…".
const MAX_MESSAGE_CHARS: usize = 400;

/// Makes text from outside safe to print on one line (escape sequences, controls, bidi and
/// invisible characters dropped; whitespace collapsed; trimmed), cut to 400 characters.
pub fn clean(text: &str) -> String {
    clean_limited(text, MAX_MESSAGE_CHARS)
}

/// [`clean`] with a limit of `max_chars` characters (URLs must not be cut: pass `usize::MAX`).
pub(crate) fn clean_limited(text: &str, max_chars: usize) -> String {
    let line = sanitize::line(text);
    if line.chars().count() <= max_chars {
        return line;
    }
    let mut cut: String = line.chars().take(max_chars.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}
