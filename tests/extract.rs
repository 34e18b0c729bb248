//! Extraction tests on WordPress fixtures (tests/fixtures/extract, written from the markup
//! facts in the reference by gen_fixtures.py) and on generic pages: exact trees, texts,
//! forms, pages, hostile text.

use parlor::extract::{extract, merge_pages};
use parlor::model::{blocks_text, Block, CommentForm, CommentKind, Engine, Inline, Post};
use url::Url;

const PERMA: &str = "http://127.0.0.1:8089/2024/05/01/threaded-comments-fixture/";

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/extract/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).expect("fixture exists")
}

fn load(name: &str, url: &str) -> Post {
    extract(&fixture(name), &Url::parse(url).expect("test url"))
}

type Row = (String, Option<String>, u16, String);

fn tree(post: &Post) -> Vec<Row> {
    post.comments
        .iter()
        .map(|c| (c.id.clone(), c.parent.clone(), c.depth, c.author.clone()))
        .collect()
}

fn row(id: &str, parent: Option<&str>, depth: u16, author: &str) -> Row {
    (id.into(), parent.map(Into::into), depth, author.into())
}

/// The seeded post-4 thread (ids 2–12) in thread order.
fn seeded_tree(pingback_author: &str) -> Vec<Row> {
    vec![
        row("2", None, 0, "Alice"),
        row("3", Some("2"), 1, "Bob"),
        row("4", Some("3"), 2, "Carol"),
        row("5", Some("4"), 3, "Alice"),
        row("6", None, 0, "Dave"),
        row("7", Some("6"), 1, "Erin"),
        row("8", Some("6"), 1, "Frank"),
        row("9", None, 0, "Grace"),
        row("10", Some("9"), 1, "admin"),
        row("11", None, 0, "Heidi"),
        row("12", None, 0, pingback_author),
    ]
}

fn texts(post: &Post) -> Vec<String> {
    post.comments
        .iter()
        .map(|c| blocks_text(&c.blocks))
        .collect()
}

fn seeded_texts(ping: &str) -> Vec<String> {
    [
        "Top-level comment one. Great post!",
        "Reply from Bob to Alice.",
        "Carol replies to Bob, depth three.",
        "Alice again, four deep.",
        "Dave starts a second thread.",
        "Erin answers Dave.",
        "Frank also answers Dave.\nSecond line.",
        "Grace uses emphasis, bold and code.\n\nA quoted line.\n\nA link and a trap.",
        "Reply from the post author (gets the bypostauthor class).",
        "Ünïcödé ✓ — 日本語 and emoji 🎉👍🏽 👨\u{200d}👩\u{200d}👧 &lt;b&gt;",
        ping,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn t(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

fn grace_blocks() -> Vec<Block> {
    vec![
        para(vec![
            t("Grace uses "),
            Inline::Emphasis {
                content: vec![t("emphasis")],
            },
            t(", "),
            Inline::Strong {
                content: vec![t("bold")],
            },
            t(" and "),
            Inline::Code {
                text: "code".into(),
            },
            t("."),
        ]),
        Block::Quote {
            blocks: vec![para(vec![t("A quoted line.")])],
        },
        para(vec![
            t("A "),
            Inline::Link {
                href: "https://example.test/x".into(),
                content: vec![t("link")],
            },
            t(" and a trap."),
        ]),
    ]
}

fn article_blocks() -> Vec<Block> {
    vec![
        para(vec![
            t("This post exists to exercise "),
            Inline::Strong {
                content: vec![t("threaded comments")],
            },
            t(". It has a list:"),
        ]),
        Block::List {
            ordered: false,
            items: vec![
                vec![para(vec![t("one")])],
                vec![
                    para(vec![
                        t("two "),
                        Inline::Emphasis {
                            content: vec![t("nested")],
                        },
                    ]),
                    Block::List {
                        ordered: false,
                        items: vec![vec![para(vec![t("deep")])]],
                    },
                ],
            ],
        },
        Block::Code {
            lang: Some("rust".into()),
            text: "fn main() {\n    println!(\"hi\");\n}".into(),
        },
        Block::Image {
            alt: "A picture".into(),
            src: Some("http://127.0.0.1:8089/wp-content/uploads/2024/05/pic.png".into()),
        },
        para(vec![t("The caption")]),
    ]
}

fn seeded_form() -> CommentForm {
    CommentForm {
        action: "http://127.0.0.1:8089/wp-comments-post.php".into(),
        method: "post".into(),
        fields: vec![
            ("comment_post_ID".into(), "4".into()),
            ("comment_parent".into(), "0".into()),
            ("akismet_comment_nonce".into(), "5f1e2d3c4b".into()),
            ("ak_hp_textarea".into(), "".into()),
            ("ak_js".into(), "1714557600".into()),
        ],
        text_field: "comment".into(),
        parent_field: Some("comment_parent".into()),
        post_id: Some("4".into()),
        name_field: Some("author".into()),
        email_field: Some("email".into()),
        url_field: Some("url".into()),
        needs_name: true,
        needs_email: true,
        consent_field: Some(("wp-comment-cookies-consent".into(), "yes".into())),
    }
}

fn assert_post_meta(p: &Post, author: Option<&str>, published: Option<&str>) {
    assert_eq!(p.engine, Engine::WordPress);
    assert_eq!(p.title, "Threaded comments fixture");
    assert_eq!(p.author.as_deref(), author);
    assert_eq!(p.published.as_deref(), published);
    assert_eq!(p.site, "parlor test blog");
    assert_eq!(p.canonical_url.as_deref(), Some(PERMA));
    assert_eq!(p.url, PERMA);
    assert_eq!(p.comment_count, Some(11));
    assert!(!p.comments_closed);
    assert!(p.comment_pages.is_empty(), "{:?}", p.comment_pages);
    assert_eq!(p.blocks, article_blocks());
    assert_eq!(p.reply_form, Some(seeded_form()));
}

fn assert_flags(p: &Post, pingback_can_reply: bool) {
    for c in &p.comments {
        assert_eq!(c.by_post_author, c.id == "10", "bypostauthor of {}", c.id);
        assert!(!c.pending, "pending {}", c.id);
        let kind = if c.id == "12" {
            CommentKind::Pingback
        } else {
            CommentKind::Comment
        };
        assert_eq!(c.kind, kind, "kind of {}", c.id);
        assert_eq!(
            c.can_reply,
            c.id != "12" || pingback_can_reply,
            "can_reply of {}",
            c.id
        );
    }
    let urls: Vec<(&str, Option<&str>)> = p
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.author_url.as_deref()))
        .collect();
    assert_eq!(urls[0], ("2", Some("https://alice.example.test/")));
    assert_eq!(urls[1], ("3", None));
    assert_eq!(urls[9], ("11", Some("https://heidi.example.test/")));
    assert_eq!(
        urls[10],
        ("12", Some("https://other.example.test/linking-post/"))
    );
    assert_eq!(p.comments[7].blocks, grace_blocks());
}

fn iso_dates(p: &Post) -> Vec<Option<String>> {
    p.comments.iter().map(|c| c.published.clone()).collect()
}

fn seeded_iso(last: Option<&str>) -> Vec<Option<String>> {
    let times = [
        "11:00", "11:30", "12:00", "12:30", "13:00", "13:30", "14:00", "15:00", "20:00", "16:00",
    ];
    let mut v: Vec<Option<String>> = times
        .iter()
        .map(|h| Some(format!("2024-05-01T{h}:00+00:00")))
        .collect();
    v.push(last.map(Into::into));
    v
}

#[test]
fn twentytwentyone_html5_thread() {
    let p = load("tt1.html", PERMA);
    assert_post_meta(&p, Some("admin"), Some("2024-05-01T10:00:00+00:00"));
    assert_eq!(tree(&p), seeded_tree("Some Other Blog"));
    // A ping without an excerpt reads as the linking post's title, as the page shows it.
    assert_eq!(texts(&p), seeded_texts("Some Other Blog"));
    assert_flags(&p, false);
    assert_eq!(iso_dates(&p), seeded_iso(None));
    assert_eq!(
        p.comments[0].permalink.as_deref(),
        Some(format!("{PERMA}#comment-2").as_str())
    );
    assert_eq!(p.comments[10].permalink, None);
}

#[test]
fn xhtml_walker_thread() {
    let p = load("xhtml.html", PERMA);
    assert_eq!(p.engine, Engine::WordPress);
    assert_eq!(p.title, "Threaded comments fixture");
    assert_eq!(p.blocks, article_blocks());
    assert_eq!(p.comment_count, Some(11));
    assert_eq!(tree(&p), seeded_tree("Some Other Blog"));
    assert_eq!(texts(&p), seeded_texts("[…] linked from another post […]"));
    assert_flags(&p, true);
    assert!(p.comments.iter().all(|c| c.published.is_none()));
    let shown: Vec<Option<&str>> = p
        .comments
        .iter()
        .map(|c| c.published_text.as_deref())
        .collect();
    assert_eq!(shown[0], Some("May 1, 2024 at 11:00 am"));
    assert_eq!(shown[9], Some("May 1, 2024 at 4:00 pm"));
    assert_eq!(
        p.comments[3].permalink.as_deref(),
        Some(format!("{PERMA}#comment-5").as_str())
    );
    let mut form = seeded_form();
    form.needs_email = true;
    assert_eq!(p.reply_form, Some(form));
}

#[test]
fn twentytwentytwo_legacy_thread() {
    let p = load("tt2.html", PERMA);
    assert_post_meta(&p, Some("admin"), Some("2024-05-01T10:00:00+00:00"));
    assert_eq!(tree(&p), seeded_tree("Some Other Blog"));
    assert_eq!(texts(&p), seeded_texts("[…] linked from another post […]"));
    assert_flags(&p, true);
    assert_eq!(iso_dates(&p), seeded_iso(Some("2024-05-01T17:00:00+00:00")));
}

#[test]
fn twentytwentythree_block_thread() {
    let p = load("tt3.html", PERMA);
    assert_post_meta(&p, Some("admin"), Some("2024-05-01T10:00:00+00:00"));
    assert_eq!(tree(&p), seeded_tree("Some Other Blog"));
    assert_eq!(texts(&p), seeded_texts("[…] linked from another post […]"));
    assert_flags(&p, true);
    assert_eq!(iso_dates(&p), seeded_iso(Some("2024-05-01T17:00:00+00:00")));
    assert_eq!(
        p.comments[1].permalink.as_deref(),
        Some(format!("{PERMA}comment-page-1/#comment-3").as_str())
    );
}

#[test]
fn closed_comments() {
    let url = "http://127.0.0.1:8089/2024/04/30/comments-closed-fixture/";
    let p = load("closed.html", url);
    assert_eq!(p.title, "Comments closed fixture");
    assert_eq!(tree(&p), vec![row("13", None, 0, "Oscar")]);
    assert_eq!(texts(&p), vec!["An old comment.".to_string()]);
    assert!(p.comments_closed);
    assert_eq!(p.reply_form, None);
    assert!(!p.comments[0].can_reply);
    assert_eq!(p.comment_count, Some(1));
}

#[test]
fn held_comment_and_depth_capped_replies() {
    let url = format!("{PERMA}?unapproved=45&moderation-hash=333a4575");
    let p = load("held.html", &url);
    assert_eq!(
        tree(&p),
        vec![
            row("2", None, 0, "Alice"),
            row("3", Some("2"), 1, "Bob"),
            row("4", Some("3"), 2, "Carol"),
            row("5", Some("4"), 3, "Alice"),
            row("45", Some("5"), 4, "Curl Tester"),
            row("46", Some("45"), 5, "Carol"),
            row("47", Some("5"), 4, "Dave"),
        ]
    );
    let pending: Vec<bool> = p.comments.iter().map(|c| c.pending).collect();
    assert_eq!(
        pending,
        vec![false, false, false, false, true, false, false]
    );
    let reply: Vec<bool> = p.comments.iter().map(|c| c.can_reply).collect();
    assert_eq!(reply, vec![true, true, true, true, false, false, false]);
    assert_eq!(
        texts(&p)[4..],
        [
            "A held reply.",
            "Capped reply one.",
            "A second reply to Alice."
        ]
    );
}

const P6: &str = "http://127.0.0.1:8089/2024/04/29/paginated-comments-fixture/";

#[test]
fn paginated_thread_merges_in_order() {
    let p3 = load("paginated-3.html", P6);
    assert_eq!(
        p3.comment_pages,
        vec![
            format!("{P6}comment-page-2/"),
            format!("{P6}comment-page-1/")
        ]
    );
    let p1 = load("paginated-1.html", &format!("{P6}comment-page-1/"));
    assert_eq!(
        p1.comment_pages,
        vec![
            format!("{P6}comment-page-2/"),
            format!("{P6}comment-page-3/")
        ]
    );
    let p2 = load("paginated-2.html", &format!("{P6}comment-page-2/"));
    let dup = p2.clone();
    let merged = merge_pages(p3.clone(), vec![p2, p1.clone(), dup]);
    let mut want = Vec::new();
    for i in 0..25u32 {
        want.push(row(
            &(100 + i).to_string(),
            None,
            0,
            &format!("Reader {}", i + 1),
        ));
        if let Some(k) = [0, 5, 12, 19, 23].iter().position(|&t| t == i) {
            want.push(row(
                &(200 + k).to_string(),
                Some(&(100 + i).to_string()),
                1,
                "Replier",
            ));
        }
    }
    assert_eq!(tree(&merged), want);
    assert_eq!(merged.title, "Paginated comments fixture");
    assert_eq!(merged.reply_form, p3.reply_form);
    assert_eq!(merged.url, P6);
    // Without dates the page numbers decide: page 1, 2, then the bare page (3).
    let undated = |mut p: Post| {
        p.comments.iter_mut().for_each(|c| c.published = None);
        p
    };
    let merged2 = merge_pages(
        undated(p3),
        vec![
            undated(p1),
            undated(load("paginated-2.html", &format!("{P6}comment-page-2/"))),
        ],
    );
    assert_eq!(tree(&merged2), want);
}

#[test]
fn hostile_text_is_neutralised() {
    let p = load("hostile.html", PERMA);
    assert_eq!(p.title, "Hostile title here");
    assert_eq!(
        tree(&p),
        vec![
            row("70", None, 0, "Mallory"),
            row("71", Some("70"), 1, "Eve")
        ]
    );
    assert_eq!(
        texts(&p),
        vec![
            "Look red text here gnp.exe and soft space done.".to_string(),
            "Bell and safe".to_string()
        ]
    );
    assert_eq!(p.comments[1].author_url, None);
    let json = serde_json::to_string(&p).expect("serialize");
    for bad in [
        '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{ad}', '\u{0}',
    ] {
        assert!(!json.contains(bad), "{bad:?} survived");
    }
}

#[path = "extract/articles.rs"]
mod articles;
#[path = "extract/explain.rs"]
mod explain;
#[path = "extract/families.rs"]
mod families;
#[path = "extract/generic.rs"]
mod generic;
#[path = "extract/labels.rs"]
mod labels;
#[path = "extract/real.rs"]
mod real;
#[path = "extract/wp_wrappers.rs"]
mod wp_wrappers;
