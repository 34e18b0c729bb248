//! Discussions elsewhere as text, after the post in `parlor dump --discussions`: a heading per
//! thread, then its comments laid out exactly as the blog's own.

use super::site_label;
use crate::format::{to_text, Part};
use crate::model::Post;
use crate::threads::{Completeness, Thread};

/// Every thread as text; "No discussions found elsewhere." when there are none.
pub fn threads_text(threads: &[Thread], width: usize) -> String {
    let mut out = String::from("\n");
    if threads.is_empty() {
        out.push_str("No discussions found elsewhere.\n");
        return out;
    }
    for t in threads {
        let mut head = format!("── {}", site_label(&t.provider));
        if let Some(title) = &t.title {
            head.push_str(&format!(": {title}"));
        }
        if let Some(p) = t.points {
            head.push_str(&format!(" · {p} points"));
        }
        out.push_str(&head);
        out.push('\n');
        if let Some(u) = &t.url {
            out.push_str(u);
            out.push('\n');
        }
        if let Completeness::Partial { reason } = &t.completeness {
            out.push_str(&format!("(partial: {reason})\n"));
        }
        let post = Post {
            comments: t.comments.clone(),
            ..Post::default()
        };
        out.push_str(&to_text(&post, Part::Comments, width));
        out.push('\n');
    }
    out
}
