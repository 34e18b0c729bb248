//! A hand-built post for the format tests.

use crate::model::{Block, Comment, CommentKind, Engine, Inline, Post};

fn t(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

/// A post with every block kind the formats care about and a three-comment thread.
pub fn post() -> Post {
    let blocks = vec![
        Block::Heading {
            level: 2,
            content: vec![t("Intro")],
        },
        para(vec![
            t("See the "),
            Inline::Link {
                href: "https://docs.test/".into(),
                content: vec![t("docs")],
            },
            t(" "),
            Inline::Emphasis {
                content: vec![t("now")],
            },
            t("."),
        ]),
        Block::List {
            ordered: false,
            items: vec![vec![para(vec![t("one")])], vec![para(vec![t("two")])]],
        },
        Block::Quote {
            blocks: vec![para(vec![t("wise words")])],
        },
        Block::Code {
            lang: Some("rust".into()),
            text: "fn main() {}".into(),
        },
        Block::Image {
            alt: "A cat".into(),
            src: Some("https://blog.test/cat.png".into()),
        },
    ];
    let comments = vec![
        Comment {
            id: "1".into(),
            author: "Bob".into(),
            published: Some("2024-05-02T08:00:00+00:00".into()),
            permalink: Some("https://blog.test/2024/05/hello/#comment-1".into()),
            blocks: vec![para(vec![t("Nice post.")])],
            can_reply: true,
            ..Comment::default()
        },
        Comment {
            id: "2".into(),
            parent: Some("1".into()),
            depth: 1,
            author: "Ann".into(),
            published_text: Some("May 2, 2024".into()),
            blocks: vec![para(vec![
                t("Thanks, Bob! Read "),
                Inline::Link {
                    href: "https://blog.test/more/".into(),
                    content: vec![t("more")],
                },
            ])],
            by_post_author: true,
            ..Comment::default()
        },
        Comment {
            id: "3".into(),
            author: "Other Blog".into(),
            blocks: vec![para(vec![t("Other Blog linked here")])],
            pending: true,
            kind: CommentKind::Pingback,
            ..Comment::default()
        },
    ];
    Post {
        url: "https://blog.test/2024/05/hello/".into(),
        site: "Blog".into(),
        title: "Hello".into(),
        author: Some("Ann".into()),
        published: Some("2024-05-01T10:30:00+00:00".into()),
        blocks,
        comments,
        engine: Engine::WordPress,
        ..Post::default()
    }
}
