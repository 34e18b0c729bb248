//! Blogger extraction on fixtures written from the reference markup: the threaded layout
//! (replies nested through `.comment-replies`) and the old flat `dl#comments-block` layout.

use parlor::extract::{self, blogger};
use parlor::model::{blocks_text, Engine, Post};
use url::Url;

fn load(name: &str, url: &str) -> Post {
    let path = format!(
        "{}/tests/fixtures/blogger/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).expect("fixture");
    extract::extract(&html, &Url::parse(url).expect("url"))
}

/// (id, parent, depth, author, published, text)
type Row = (String, Option<String>, u16, String, Option<String>, String);

fn tree(post: &Post) -> Vec<Row> {
    post.comments
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.parent.clone(),
                c.depth,
                c.author.clone(),
                c.published.clone(),
                blocks_text(&c.blocks),
            )
        })
        .collect()
}

fn row(
    id: &str,
    parent: Option<&str>,
    depth: u16,
    author: &str,
    published: &str,
    text: &str,
) -> Row {
    (
        id.into(),
        parent.map(str::to_string),
        depth,
        author.into(),
        Some(published.into()),
        text.into(),
    )
}

const POST: &str = "https://example-blog.blogspot.com/2015/07/tea-and-threads.html";

#[test]
fn threaded_layout_gives_the_exact_tree() {
    let post = load("threaded.html", POST);
    assert_eq!(post.engine, Engine::Blogger);
    let alice = "8195449246400116162";
    assert_eq!(
        tree(&post),
        vec![
            row(
                alice,
                None,
                0,
                "Alice Reader",
                "2015-07-13T07:39:49Z",
                "Lovely post.\nTwo lines here."
            ),
            row(
                "5177765368903808290",
                Some(alice),
                1,
                "Jane Writer",
                "2015-07-13T09:33:20Z",
                "Thank you, Alice!"
            ),
            row(
                "6000000000000000001",
                Some(alice),
                1,
                "Anonymous",
                "2015-07-13T12:20:00Z",
                "Agreed evil with Alice."
            ),
            row(
                "7000000000000000002",
                None,
                0,
                "Bob",
                "2015-07-13T15:06:40Z",
                "This comment has been removed by the author."
            ),
        ]
    );
    let c = &post.comments;
    assert_eq!(
        c[0].author_url.as_deref(),
        Some("https://www.blogger.com/profile/111")
    );
    assert_eq!(
        c[0].published_text.as_deref(),
        Some("July 13, 2015 at 2:39 AM")
    );
    assert_eq!(
        c[0].permalink.as_deref(),
        Some("https://example-blog.blogspot.com/2015/07/tea-and-threads.html?showComment=1436773189444#c8195449246400116162")
    );
    let by_author: Vec<bool> = c.iter().map(|c| c.by_post_author).collect();
    assert_eq!(by_author, [false, true, false, false]);
    assert_eq!(c[2].author_url, None);
    assert!(c.iter().all(|c| !c.can_reply && !c.pending));
}

#[test]
fn threaded_layout_post_fields_and_read_only() {
    let post = load("threaded.html", POST);
    assert_eq!(post.title, "Tea and threads");
    assert_eq!(post.author.as_deref(), Some("Jane Writer"));
    assert_eq!(post.published.as_deref(), Some("2015-07-13T02:00:00-07:00"));
    assert_eq!(post.site, "Example Blog");
    assert_eq!(post.comment_count, Some(4));
    assert_eq!(
        blocks_text(&post.blocks),
        "First paragraph about tea.\n\nSecond paragraph with a link."
    );
    assert_eq!(post.reply_form, None);
    assert!(!post.comments_closed);
    assert_eq!(
        blogger::read_only_reason(&post),
        Some("Blogger comments are read-only in parlor: open the post in the browser (o) to reply")
    );
}

#[test]
fn old_layout_is_flat() {
    let post = load(
        "old.html",
        "http://old-template.blogspot.com/2007/03/rainy-days.html",
    );
    assert_eq!(post.engine, Engine::Blogger);
    assert_eq!(
        tree(&post),
        vec![
            row(
                "1111",
                None,
                0,
                "Carol",
                "2007-03-04T17:40:00Z",
                "Same here.\nSoggy."
            ),
            row(
                "2222",
                None,
                0,
                "Anonymous",
                "2007-03-04T20:26:40Z",
                "@Carol: umbrellas!"
            ),
        ]
    );
    assert_eq!(
        post.comments[0].author_url.as_deref(),
        Some("http://www.blogger.com/profile/222")
    );
    assert_eq!(
        post.comments[1].published_text.as_deref(),
        Some("March 4, 2007 at 12:26 PM")
    );
    assert_eq!(post.title, "Rainy days");
    assert_eq!(post.author.as_deref(), Some("Old Author"));
    assert_eq!(post.published.as_deref(), Some("2007-03-04T09:15:00-08:00"));
    assert_eq!(post.comment_count, Some(2));
    assert_eq!(
        blocks_text(&post.blocks),
        "It rained all week.\n\nThen it stopped."
    );
}

#[test]
fn a_wordpress_page_is_not_blogger() {
    let html = r#"<html><head><meta name="generator" content="WordPress 6.1"></head><body>
      <article><h1 class="entry-title">T</h1><div class="entry-content"><p>x</p></div></article></body></html>"#;
    let post = extract::extract(html, &Url::parse("https://b.test/p/").expect("url"));
    assert_eq!(post.engine, Engine::WordPress);
    assert_eq!(blogger::read_only_reason(&post), None);
    assert_eq!(
        blogger::show_comment_time("https://x.blogspot.com/p.html?showComment=1436773189444#c1"),
        Some("2015-07-13T07:39:49Z".to_string())
    );
    assert_eq!(
        blogger::show_comment_time("https://x.blogspot.com/p.html?showComment=abc"),
        None
    );
}
