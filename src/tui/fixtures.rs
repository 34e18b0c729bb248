//! Posts built in code for tests and benches: an article with every block kind and a
//! threaded discussion, and a generator for threads of any size.

use crate::model::{Block, Comment, CommentKind, Engine, Inline, Post};

fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.to_string(),
    }
}

fn para(inlines: Vec<Inline>) -> Block {
    Block::Paragraph { content: inlines }
}

fn link(href: &str, label: &str) -> Inline {
    Inline::Link {
        href: href.to_string(),
        content: vec![text(label)],
    }
}

/// The fixed "now" the fixtures' dates are relative to: 2026-11-28T12:00:00Z.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-28T12:00:00Z")
        .map(|d| d.with_timezone(&chrono::Utc))
        .unwrap_or_default()
}

/// An article using every block kind.
pub fn article_blocks() -> Vec<Block> {
    vec![
        para(vec![
            text("Sourdough is "),
            Inline::Emphasis { content: vec![text("mostly patience")] },
            text(" and a little "),
            Inline::Strong { content: vec![text("arithmetic")] },
            text(". The starter lives in a jar; see "),
            link("https://bread.example/starter", "my starter notes"),
            text(" and the "),
            Inline::Code { text: "hydration()".into() },
            text(" helper below."),
        ]),
        Block::Heading { level: 2, content: vec![text("What you need")] },
        Block::List {
            ordered: false,
            items: vec![
                vec![para(vec![text("500 g flour, half of it whole wheat")])],
                vec![para(vec![text("350 g water at room temperature")])],
                vec![
                    para(vec![text("salt, and then:")]),
                    Block::List { ordered: true, items: vec![vec![para(vec![text("a bowl")])], vec![para(vec![text("a towel")])]] },
                ],
            ],
        },
        Block::Quote { blocks: vec![para(vec![text("Bread is the warmest, kindest of words. Write it always with a capital letter.")])] },
        Block::Code {
            lang: Some("python".into()),
            text: "def hydration(flour, water):\n\treturn water / flour  # a very long comment that runs past the edge of any reasonable pane width\n".into(),
        },
        Block::Image { alt: "a loaf with an open crumb".into(), src: Some("https://bread.example/loaf.jpg".into()) },
        Block::Table {
            header: true,
            rows: vec![
                vec![vec![text("Stage")], vec![text("Time")], vec![text("Temperature")]],
                vec![vec![text("Bulk")], vec![text("4–6 h")], vec![text("24 °C")]],
                vec![vec![text("Proof")], vec![text("12 h")], vec![text("fridge")]],
            ],
        },
        Block::Rule,
        para(vec![text("Questions welcome below — 日本語のコメントも歓迎です 🍞.")]),
    ]
}

fn comment(
    id: u32,
    parent: Option<u32>,
    depth: u16,
    author: &str,
    published: &str,
    body: &str,
) -> Comment {
    Comment {
        id: id.to_string(),
        parent: parent.map(|p| p.to_string()),
        depth,
        author: author.to_string(),
        published: Some(published.to_string()),
        permalink: Some(format!("https://bread.example/sourdough/#comment-{id}")),
        blocks: vec![para(vec![text(body)])],
        can_reply: true,
        ..Comment::default()
    }
}

/// The threaded discussion: 12 comments, depths 0–3 plus one at depth 8, an OP reply,
/// a pending comment and a pingback.
pub fn discussion() -> Vec<Comment> {
    let mut c = vec![
        comment(
            1,
            None,
            0,
            "Ada",
            "2026-11-27T09:00:00Z",
            "How warm should the kitchen be for the bulk rise?",
        ),
        comment(
            2,
            Some(1),
            1,
            "Baker Bo",
            "2026-11-27T10:00:00Z",
            "Around 24 °C. Colder works, it just takes longer.",
        ),
        comment(
            3,
            Some(2),
            2,
            "Ada",
            "2026-11-27T11:00:00Z",
            "Mine is 19 °C in winter. Double the time?",
        ),
        comment(
            4,
            Some(3),
            3,
            "Cy",
            "2026-11-28T08:00:00Z",
            "Roughly. Watch the dough, not the clock.",
        ),
        comment(
            5,
            Some(1),
            1,
            "Dee",
            "2026-11-28T11:58:00Z",
            "I use the oven with just the light on.",
        ),
        comment(
            6,
            None,
            0,
            "Eve",
            "2026-11-20T12:00:00Z",
            "Can I use rye instead of whole wheat?",
        ),
        comment(
            7,
            Some(6),
            1,
            "Baker Bo",
            "2026-11-21T12:00:00Z",
            "Yes, but use less water: rye drinks differently.",
        ),
        comment(
            8,
            None,
            0,
            "Finn",
            "2026-10-01T12:00:00Z",
            "My loaf came out flat as a pancake. Why?",
        ),
        comment(
            9,
            Some(8),
            1,
            "Gus",
            "2026-10-02T12:00:00Z",
            "Over-proofed, probably. Try the poke test.",
        ),
        comment(
            10,
            Some(9),
            2,
            "Finn",
            "2026-10-03T12:00:00Z",
            "The poke test worked, thanks!",
        ),
        comment(
            11,
            Some(10),
            8,
            "Deep Diver",
            "2026-10-04T12:00:00Z",
            "A reply nested far deeper than the indent cap.",
        ),
        comment(
            12,
            None,
            0,
            "Other Blog",
            "2026-09-01T12:00:00Z",
            "Other Blog linked to this post.",
        ),
    ];
    c[1].by_post_author = true;
    c[6].by_post_author = true;
    c[4].pending = true;
    c[11].kind = CommentKind::Pingback;
    c[8].blocks.push(para(vec![
        text("See "),
        link("https://bread.example/poke", "the poke test"),
        text("."),
    ]));
    c
}

/// The sourdough post: article plus discussion.
pub fn sample_post() -> Post {
    Post {
        url: "https://bread.example/sourdough/".into(),
        site: "Bread Notes".into(),
        title: "A patient sourdough".into(),
        author: Some("Baker Bo".into()),
        published: Some("2026-11-26T12:00:00Z".into()),
        blocks: article_blocks(),
        comments: discussion(),
        engine: Engine::WordPress,
        ..Post::default()
    }
}

/// A post with `n` generated comments: depths cycle 0,1,2,3,2,1 with a few paragraphs of
/// varying length each.
pub fn generated_post(n: usize) -> Post {
    const DEPTHS: [u16; 6] = [0, 1, 2, 3, 2, 1];
    let mut comments = Vec::with_capacity(n);
    let mut last_at_depth: Vec<String> = Vec::new();
    for i in 0..n {
        let depth = DEPTHS[i % DEPTHS.len()];
        let id = (i + 1).to_string();
        last_at_depth.truncate(usize::from(depth));
        let parent = last_at_depth.last().cloned();
        last_at_depth.push(id.clone());
        let words = 12 + (i * 7) % 60;
        let body: Vec<&str> = (0..words)
            .map(|w| ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur"][(i + w) % 6])
            .collect();
        comments.push(Comment {
            id,
            parent,
            depth,
            author: format!("reader{}", i % 97),
            published: Some("2026-11-01T12:00:00Z".into()),
            blocks: vec![para(vec![text(&body.join(" "))])],
            ..Comment::default()
        });
    }
    Post {
        url: "https://big.example/thread/".into(),
        site: "Big".into(),
        title: format!("{n} comments"),
        blocks: article_blocks(),
        comments,
        ..Post::default()
    }
}
