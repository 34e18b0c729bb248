//! Showing the user's held comments in a thread until the blog shows them.

use crate::model::Post;
use crate::store::{post_key, MyComment, Store};

/// Adds the user's held comments that the page does not show (yet) to the thread, marked
/// pending, under their parent. Ones the page shows are no longer pending locally.
pub fn merge_pending(post: &mut Post, store: &mut Store) {
    let key = post_key(&post.url);
    let Ok(mine) = store.my_comments(Some(&key)) else {
        return;
    };
    for m in mine.into_iter().filter(|m| m.pending) {
        if post.comment_index(&m.comment_id).is_some() {
            let shown = post
                .comments
                .iter()
                .any(|c| c.id == m.comment_id && !c.pending);
            if shown {
                let _ = store.record_my_comment(&MyComment {
                    pending: false,
                    ..m
                });
            }
            continue;
        }
        insert_local(post, &m);
    }
}

fn insert_local(post: &mut Post, m: &MyComment) {
    use crate::model::{Block, Comment, Inline};
    let (at, depth) = match m.parent_id.as_deref().and_then(|p| post.comment_index(p)) {
        Some(pi) => {
            let d = post.comments[pi].depth;
            let end = post.comments[pi + 1..]
                .iter()
                .position(|c| c.depth <= d)
                .map_or(post.comments.len(), |o| pi + 1 + o);
            (end, d + 1)
        }
        None => (post.comments.len(), 0),
    };
    let blocks = m
        .body
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| Block::Paragraph {
            content: vec![Inline::Text {
                text: crate::extract::sanitize::inline(p.trim()),
            }],
        })
        .collect();
    let comment = Comment {
        id: m.comment_id.clone(),
        parent: m.parent_id.clone(),
        depth,
        author: m.author.clone(),
        blocks,
        pending: true,
        ..Comment::default()
    };
    post.comments.insert(at, comment);
}
