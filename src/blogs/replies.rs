//! Replies to the user: in a post's thread, the comments whose parent is one of the user's
//! recorded comments (held ones included), excluding the user's own comments.

use crate::model::{blocks_text, Engine, Post};
use crate::store::{MyComment, ReplyRecord};
use std::collections::HashSet;

/// The replies to `mine` (the user's comments on this post) in `post`, found at `found_at`.
pub fn replies_in(post: &Post, key: &str, mine: &[MyComment], found_at: i64) -> Vec<ReplyRecord> {
    let my_ids: HashSet<&str> = mine
        .iter()
        .filter(|m| m.post_key == key)
        .map(|m| m.comment_id.as_str())
        .collect();
    post.comments
        .iter()
        .filter(|c| !my_ids.contains(c.id.as_str()))
        .filter_map(|c| {
            let parent = c.parent.as_deref().filter(|p| my_ids.contains(p))?;
            Some(ReplyRecord {
                post_key: key.to_string(),
                comment_id: c.id.clone(),
                parent_id: parent.to_string(),
                author: c.author.clone(),
                published: c.published.clone(),
                published_text: c.published_text.clone(),
                text: blocks_text(&c.blocks),
                permalink: c.permalink.clone().unwrap_or_else(|| anchor(post, &c.id)),
                post_title: post.title.clone(),
                found_at,
                seen: false,
            })
        })
        .collect()
}

/// `post#comment-ID` (Blogger: `post#cID`).
fn anchor(post: &Post, id: &str) -> String {
    let base = post.url.split('#').next().unwrap_or_default();
    match post.engine {
        Engine::Blogger => format!("{base}#c{id}"),
        _ => format!("{base}#comment-{id}"),
    }
}

/// The first non-empty line of a text (for one-line listings).
pub fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Comment, Inline};

    fn comment(id: &str, parent: Option<&str>, text: &str) -> Comment {
        Comment {
            id: id.into(),
            parent: parent.map(str::to_string),
            author: format!("A{id}"),
            blocks: vec![Block::Paragraph {
                content: vec![Inline::Text { text: text.into() }],
            }],
            ..Comment::default()
        }
    }

    fn mine(id: &str) -> MyComment {
        MyComment {
            post_key: "https://b.test/p/".into(),
            comment_id: id.into(),
            parent_id: None,
            posted_at: 1,
            author: "Me".into(),
            body: String::new(),
            pending: true,
        }
    }

    #[test]
    fn children_of_my_comments_only() {
        let post = Post {
            url: "https://b.test/p/#x".into(),
            title: "P".into(),
            comments: vec![
                comment("1", None, "top"),
                comment("5", Some("1"), "mine"),
                comment("6", Some("5"), "\n  hello\nthere"),
                comment("7", Some("5"), "mine again"),
                comment("8", Some("1"), "not to me"),
            ],
            ..Post::default()
        };
        let got = replies_in(&post, "https://b.test/p/", &[mine("5"), mine("7")], 9);
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].comment_id.as_str(), got[0].parent_id.as_str()),
            ("6", "5")
        );
        assert_eq!(got[0].permalink, "https://b.test/p/#comment-6");
        assert_eq!(first_line(&got[0].text), "hello");
        assert_eq!((got[0].author.as_str(), got[0].found_at), ("A6", 9));
    }
}
