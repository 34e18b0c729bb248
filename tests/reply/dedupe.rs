//! `find_posted` (the outbox dedupe) and `quote_parent`.

use parlor::model::{Block, Comment, Inline, Post};
use parlor::reply::{find_posted, quote_parent};

fn comment(id: &str, parent: Option<&str>, author: &str, paragraphs: &[&str]) -> Comment {
    Comment {
        id: id.into(),
        parent: parent.map(str::to_string),
        author: author.into(),
        blocks: paragraphs
            .iter()
            .map(|p| Block::Paragraph {
                content: vec![Inline::Text {
                    text: p.to_string(),
                }],
            })
            .collect(),
        ..Comment::default()
    }
}

fn thread() -> Post {
    let typed_elsewhere = "It's \"great\" -- isn't it...";
    Post {
        comments: vec![
            comment("40", None, "Alice", &["First!"]),
            comment("41", Some("40"), "Carol", &[typed_elsewhere]),
            comment("42", Some("40"), "Bob", &["Reply"]),
            comment("43", Some("42"), "Carol", &["Hm"]),
            comment(
                "47",
                Some("42"),
                "carol ",
                &[
                    "It\u{2019}s \u{201c}great\u{201d} \u{2013} isn\u{2019}t it\u{2026}",
                    "Second  line\u{a0}here.",
                ],
            ),
        ],
        ..Post::default()
    }
}

#[test]
fn finds_texturized_comment_with_other_whitespace() {
    let typed = "It's \"great\" -- isn't it...\n\nSecond line here.";
    assert_eq!(
        find_posted(&thread(), Some("42"), "Carol", typed),
        Some("47".into())
    );
    let with_tags = "It's <em>\"great\"</em> -- isn't it...<br>\nSecond line here.";
    assert_eq!(
        find_posted(&thread(), Some("42"), "Carol", with_tags),
        Some("47".into())
    );
}

#[test]
fn does_not_find_what_is_not_there() {
    let typed = "It's \"great\" -- isn't it...\n\nSecond line here.";
    assert_eq!(find_posted(&thread(), Some("42"), "Dave", typed), None);
    assert_eq!(
        find_posted(&thread(), Some("42"), "Carol", "It's great"),
        None
    );
    assert_eq!(find_posted(&thread(), Some("42"), "Carol", "  "), None);
    // Same author and text under another parent is someone else's thread: top level is not 40.
    assert_eq!(
        find_posted(&thread(), None, "Carol", "It's \"great\" -- isn't it..."),
        None
    );
    assert_eq!(
        find_posted(
            &thread(),
            Some("40"),
            "Carol",
            "It's \"great\" -- isn't it..."
        ),
        Some("41".into())
    );
}

#[test]
fn finds_reply_shown_flat_past_max_depth() {
    let mut post = thread();
    // A reply to 43 rendered as a sibling right after it (depth limit): its parent reads as 42.
    post.comments
        .insert(4, comment("48", Some("42"), "Carol", &["Deep"]));
    assert_eq!(
        find_posted(&post, Some("43"), "Carol", "Deep"),
        Some("48".into())
    );
    // The same text under 42 *before* 43 cannot be a reply to 43.
    post.comments[4].id = "44".into();
    post.comments.swap(3, 4);
    assert_eq!(find_posted(&post, Some("43"), "Carol", "Deep"), None);
    // Parent no longer in the thread: WordPress puts the reply at top level.
    post.comments
        .insert(0, comment("49", None, "Carol", &["Orphan"]));
    assert_eq!(
        find_posted(&post, Some("99"), "Carol", "Orphan"),
        Some("49".into())
    );
}

#[test]
fn quotes_the_parent() {
    let c = comment(
        "47",
        None,
        "Carol",
        &["One two three four five six seven", "Eight"],
    );
    assert_eq!(
        quote_parent(&c, 24),
        "> One two three four\n> five six seven\n>\n> Eight"
    );
}

#[test]
fn parent_cycle_in_a_hostile_page_ends() {
    let post = Post {
        comments: vec![
            comment("1", Some("2"), "Carol", &["a"]),
            comment("2", Some("1"), "Carol", &["b"]),
            comment("3", Some("2"), "Carol", &["c"]),
        ],
        ..Post::default()
    };
    assert_eq!(
        find_posted(&post, Some("1"), "Carol", "c"),
        Some("3".into())
    );
    assert_eq!(find_posted(&post, Some("1"), "Carol", "zzz"), None);
}
