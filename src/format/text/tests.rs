//! Tests of `text`.

use super::*;
use crate::format::sample;
use crate::model::Comment;

const ALL: &str = "Hello
=====
By Ann · 2024-05-01 · Blog

Intro
-----

See the docs [1] now.

• one
• two

│ wise words

    fn main() {}

[image: A cat]

Links:
[1] https://docs.test/

3 comments

Bob · 2024-05-02 08:00
Nice post.

  Ann [OP] · May 2, 2024
  Thanks, Bob! Read more [2]

Other Blog [pending] [pingback]
Other Blog linked here

Links in comments:
[2] https://blog.test/more/
";

#[test]
fn plain_wrap_is_textwrap() {
    // Random prose from the plain alphabet, wrapped both ways at many widths.
    let alphabet = b"aaaaabcdeeeefgz019aaaeeeaaaee         .,;:!?[]";
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut skipped = 0;
    for round in 0..20000 {
        let len = 1 + round % 120;
        let text: String = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                char::from(alphabet[(seed % alphabet.len() as u64) as usize])
            })
            .collect();
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let width = 1 + round % 37;
        let mut fast = Vec::new();
        if !wrap_plain(text, width, &mut fast) {
            skipped += 1;
            continue;
        }
        let slow: Vec<String> = textwrap::wrap(text, width)
            .into_iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        assert_eq!(fast, slow, "{text:?} at {width}");
    }
    assert!(skipped < 18000, "{skipped} of 20000 not plain");
    let mut v = Vec::new();
    assert!(!wrap_plain("a-b", 10, &mut v) && !wrap_plain("é", 10, &mut v) && v.is_empty());
}

#[test]
fn whole_post() {
    assert_eq!(to_text(&sample::post(), Part::All, 80), ALL);
}

#[test]
fn comments_only_number_links_from_one() {
    let text = to_text(&sample::post(), Part::Comments, 80);
    assert!(
        text.starts_with("3 comments\n\nBob · 2024-05-02 08:00\n"),
        "{text}"
    );
    assert!(
        text.ends_with("Links in comments:\n[1] https://blog.test/more/\n"),
        "{text}"
    );
}

#[test]
fn wraps_and_indents_replies() {
    let mut post = sample::post();
    post.comments.truncate(2);
    post.comments[1].blocks = vec![Block::Paragraph {
        content: vec![Inline::Text {
            text: "alpha beta gamma delta epsilon zeta".into(),
        }],
    }];
    post.comments.push(Comment {
        id: "9".into(),
        depth: 2,
        author: "Cy".into(),
        ..Comment::default()
    });
    let text = to_text(&post, Part::Comments, 20);
    let want = "3 comments\n\nBob · 2024-05-02\n08:00\nNice post.\n\n  Ann [OP] · May 2,\n  2024\n  alpha beta gamma\n  delta epsilon zeta\n\n    Cy\n";
    assert_eq!(text, want);
}

#[test]
fn ordered_list_and_code_kept() {
    let post = crate::model::Post {
        title: "T".into(),
        blocks: vec![
            Block::List {
                ordered: true,
                items: vec![vec![Block::Paragraph {
                    content: vec![Inline::Text {
                        text: "first item here".into(),
                    }],
                }]],
            },
            Block::Code {
                lang: None,
                text: "a  very   long line that must not be wrapped at all\n\tb".into(),
            },
        ],
        ..Default::default()
    };
    let text = to_text(&post, Part::Article, 20);
    assert_eq!(
        text,
        "T\n=\n\n1. first item here\n\n    a  very   long line that must not be wrapped at all\n    \tb\n"
    );
}
