//! The thread's comments as text: in order, or in two halves written on two threads.

use super::{Layer, Numbering, Writer, MIN_WIDTH};
use crate::format::{author_or_anonymous, comment_date, comment_marks};
use crate::model::Post;

/// `text` followed by the whole thread: comments from `half` on are written on a second
/// thread while this one writes those before (in order if that thread cannot start).
pub(super) fn two_halves(
    post: &Post,
    width: usize,
    numbering: &Numbering,
    text: String,
    half: usize,
) -> String {
    let n = post.comments.len();
    std::thread::scope(|s| {
        // The stack of a main thread: inline nesting is deep on hostile pages.
        let builder = std::thread::Builder::new().stack_size(8 << 20);
        let second = builder.spawn_scoped(s, || {
            let out = String::with_capacity(numbering.weight(half, n) * 5 / 4);
            comments(post, width, numbering, out, half, n)
        });
        let mut text = comments(post, width, numbering, text, 0, half);
        match second.map(|h| h.join()) {
            Ok(Ok(rest)) => {
                text.push_str(&rest);
                text
            }
            _ => comments(post, width, numbering, text, half, n),
        }
    })
}

/// `out` followed by comments `from..to`, each after a blank line, under its header and
/// indented by depth.
pub(super) fn comments(
    post: &Post,
    width: usize,
    numbering: &Numbering,
    out: String,
    from: usize,
    to: usize,
) -> String {
    let first_link = numbering.starts.get(from).copied().unwrap_or(0);
    let mut w = Writer::new(out, numbering.seq.get(first_link..).unwrap_or(&[]));
    let mut header = String::new();
    for c in post.comments.get(from..to).unwrap_or(&[]) {
        let indent = (usize::from(c.depth) * 2).min(width / 2);
        let inner = (width - indent).max(MIN_WIDTH);
        header.clear();
        header.push_str(author_or_anonymous(c));
        header.push_str(&comment_marks(c));
        if let Some(date) = comment_date(c) {
            header.push_str(" · ");
            header.push_str(&date);
        }
        w.line("", "");
        w.layers.push(Layer::Pad(indent));
        w.wrap(&header, inner);
        w.blocks(&c.blocks, inner, false);
        w.layers.pop();
    }
    w.out
}
