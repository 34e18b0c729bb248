//! Tests that the single-buffer writer, in order and in two halves, writes what the old
//! line-list writer (`reference`) wrote, on generated posts with every kind of content.

use super::links::Numbering;
use super::reference;
use super::to_text_with;
use crate::format::{Part, MAX_NEST};
use crate::model::{Block, Comment, CommentKind, Inline, Post};
use crate::test_rng::Rng;

const WORDS: &[&str] = &[
    "the",
    "a",
    "post",
    "thread",
    "reply",
    "is",
    "was",
    "long",
    "Thanks,",
    "indeed.",
    "why?",
    "wow!",
    "x",
    "supercalifragilisticexpialidocious",
    "well-known",
    "and/or",
    "café",
    "naïve",
    "日本語の文章です",
    "中文",
    "🎉",
    "Quoi ?",
    "(aside)",
    "\"quoted\"",
    "e.g.",
    "2024",
    "[sic]",
    "--",
    "über",
    "   ",
    "\t",
    "x\u{301}",
    "Ωmega",
    "https://x.test/a/b",
];

const HREFS: &[&str] = &[
    "https://a.test/",
    "https://b.test/page",
    "https://c.test/x?y=1",
    "https://bench.test/2024/05/post/#comment-1",
    "mailto:ann@example.test",
    "https://d.test/日本",
    "https://e.test/",
    "https://f.test/",
];

fn text(rng: &mut Rng) -> Inline {
    let n = 1 + rng.below(12);
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push_str(if rng.below(9) == 0 { "  " } else { " " });
        }
        s.push_str(rng.pick(WORDS));
    }
    if rng.below(4) == 0 {
        s.push(' ');
    }
    Inline::Text { text: s }
}

fn inlines(rng: &mut Rng, depth: usize) -> Vec<Inline> {
    let n = rng.below(6);
    (0..n)
        .map(|_| match rng.below(if depth > 2 { 3 } else { 9 }) {
            0 | 1 => text(rng),
            2 => Inline::Break,
            3 => Inline::Code {
                text: rng.pick(WORDS).to_string(),
            },
            4 => Inline::Emphasis {
                content: inlines(rng, depth + 1),
            },
            5 => Inline::Strong {
                content: inlines(rng, depth + 1),
            },
            _ => Inline::Link {
                href: rng.pick(HREFS).to_string(),
                content: inlines(rng, depth + 1),
            },
        })
        .collect()
}

fn blocks(rng: &mut Rng, depth: usize) -> Vec<Block> {
    let n = rng.below(if depth > 0 { 3 } else { 6 });
    (0..n).map(|_| block(rng, depth)).collect()
}

fn block(rng: &mut Rng, depth: usize) -> Block {
    match rng.below(if depth > 3 { 4 } else { 16 }) {
        0..=3 => Block::Paragraph {
            content: inlines(rng, 0),
        },
        4 => Block::Heading {
            level: 1 + rng.below(4) as u8,
            content: inlines(rng, 0),
        },
        5 | 6 => Block::List {
            ordered: rng.below(2) == 0,
            items: (0..rng.below(5)).map(|_| blocks(rng, depth + 1)).collect(),
        },
        7 | 8 => Block::Quote {
            blocks: blocks(rng, depth + 1),
        },
        9 => Block::Code {
            lang: None,
            text: [
                "fn main() {}  ",
                "",
                "\tlet x = 1;",
                "   ",
                "日本語 code",
                "\n",
            ][..1 + rng.below(6)]
                .join("\n"),
        },
        10 => Block::Image {
            alt: if rng.below(2) == 0 {
                String::new()
            } else {
                rng.pick(WORDS).to_string()
            },
            src: None,
        },
        11 => Block::Rule,
        12 => Block::Table {
            header: rng.below(2) == 0,
            rows: (0..rng.below(4))
                .map(|_| (0..rng.below(4)).map(|_| inlines(rng, 1)).collect())
                .collect(),
        },
        _ => Block::Paragraph {
            content: vec![text(rng), Inline::Break, text(rng)],
        },
    }
}

/// Quotes (or list items) nested past `MAX_NEST`, with links at every level.
fn deep(level: usize, list: bool) -> Vec<Block> {
    let mut b = vec![Block::Paragraph {
        content: vec![Inline::Link {
            href: format!("https://deep.test/{level}"),
            content: vec![Inline::Text {
                text: format!("level {level}"),
            }],
        }],
    }];
    if level < MAX_NEST + 4 {
        let inner = deep(level + 1, list);
        b.push(if list {
            Block::List {
                ordered: false,
                items: vec![inner],
            }
        } else {
            Block::Quote { blocks: inner }
        });
    }
    b
}

fn post(seed: u64, comments: usize) -> Post {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut article = blocks(&mut rng, 0);
    if seed.is_multiple_of(3) {
        article.extend(deep(0, seed.is_multiple_of(2)));
    }
    let comments = (0..comments)
        .map(|i| {
            let mut blocks = blocks(&mut rng, 0);
            if i % 97 == 5 {
                blocks.extend(deep(0, i % 2 == 0));
            }
            Comment {
                id: i.to_string(),
                depth: rng.below(40) as u16,
                author: ["", "Ann", "Bob the Builder of very long names", "Zoë 日本"][rng.below(4)]
                    .to_string(),
                published: (rng.below(3) == 0).then(|| "2024-05-02T08:00:00Z".to_string()),
                published_text: (rng.below(2) == 0).then(|| "May 2, 2024".to_string()),
                by_post_author: rng.below(5) == 0,
                pending: rng.below(7) == 0,
                kind: [CommentKind::Comment, CommentKind::Pingback][rng.below(2)],
                blocks,
                ..Comment::default()
            }
        })
        .collect();
    Post {
        title: [
            "",
            "Hello",
            "A title long enough to wrap at narrow widths, 日本語",
        ][rng.below(3)]
        .to_string(),
        author: (rng.below(2) == 0).then(|| "Ann".to_string()),
        site: "Blog".into(),
        blocks: article,
        comments,
        comments_closed: seed % 4 == 1,
        ..Post::default()
    }
}

/// Panics at the first line where `got` differs from `want`.
fn same(got: &str, want: &str, what: &str) {
    if got != want {
        let line = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        let show = |s: &str| {
            let near: Vec<String> = s
                .lines()
                .skip(line.saturating_sub(2))
                .take(5)
                .map(String::from)
                .collect();
            near
        };
        panic!(
            "{what}: differs at line {line}\n got: {:?}\nwant: {:?}",
            show(got),
            show(want)
        );
    }
}

#[test]
fn same_text_as_reference_in_order_and_in_halves() {
    let mut lines = 0;
    for seed in 0..40 {
        let post = post(seed, (seed as usize * 7) % 40);
        for width in [0, 33, 200] {
            for part in [Part::All, Part::Article, Part::Comments] {
                let want = reference::to_text(&post, part, width);
                let what = format!("seed {seed}, width {width}, {part:?}");
                same(&to_text_with(&post, part, width, usize::MAX), &want, &what);
                same(&to_text_with(&post, part, width, 2), &want, &what);
                lines += want.lines().count();
            }
        }
    }
    assert!(lines > 10_000, "only {lines} lines compared");
    eprintln!("{lines} lines");
}

#[test]
fn big_thread_written_in_halves_is_the_same() {
    let post = post(7, 600);
    let numbering = Numbering::new(&post, true, true);
    let half = numbering.half();
    assert!(half > 100 && half < 500, "halves split at {half} of 600");
    let (links, targets) = (numbering.seq.len(), numbering.count());
    assert!(links > 2 * targets, "{links} links to {targets} targets");
    let want = reference::to_text(&post, Part::All, 80);
    same(&super::to_text(&post, Part::All, 80), &want, "default");
    same(
        &to_text_with(&post, Part::All, 80, usize::MAX),
        &want,
        "in order",
    );
    assert!(want.contains("\nLinks in comments:\n["));
}

#[test]
fn links_past_the_nesting_limit_get_no_number() {
    let post = Post {
        title: "Deep".into(),
        blocks: deep(0, false),
        comments: vec![
            Comment {
                blocks: deep(0, true),
                ..Comment::default()
            },
            Comment {
                blocks: deep(0, false),
                ..Comment::default()
            },
        ],
        ..Post::default()
    };
    let want = reference::to_text(&post, Part::All, 300);
    assert!(want.contains("[…]") && !want.contains(&format!("deep.test/{MAX_NEST}\n")));
    same(&to_text_with(&post, Part::All, 300, 2), &want, "halves");
    same(
        &to_text_with(&post, Part::All, 300, usize::MAX),
        &want,
        "in order",
    );
}
