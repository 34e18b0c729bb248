//! Blogger extraction on fixtures written from the reference markup: the threaded layout
//! (replies nested through `.comment-replies`) and the old flat `dl#comments-block` layout.
//! Also the two smaller engines after it: microformats2 (`h-entry` + nested `p-comment
//! h-cite`) and schema.org JSON-LD `comment` arrays with `parentItem`.

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
fn a_page_with_a_comments_block_class_is_not_blogger() {
    let html = r#"<html><body><article><h1>Other</h1><p>Some words of an article on a blog that
      is not Blogger, long enough to be an article.</p></article>
      <div class="comments-block"><p>no comments</p></div></body></html>"#;
    let post = extract::extract(html, &Url::parse("https://other.test/p/").expect("url"));
    assert_eq!(post.engine, Engine::Generic);
    // A blogspot page without a post body or comments falls through too.
    let post = extract::extract(
        html,
        &Url::parse("https://x.blogspot.com/p.html").expect("url"),
    );
    assert_eq!(post.engine, Engine::Generic);
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

const MF2: &str = r#"<!doctype html><html><head><title>Indie</title></head><body>
<article class="h-entry">
  <h1 class="p-name">Owning your words</h1>
  <a class="p-author h-card" href="https://indie.test/">Iris Indie</a>
  <time class="dt-published" datetime="2024-03-01T08:00:00Z">March 1</time>
  <div class="e-content"><p>Post body.</p></div>
  <section>
    <div class="p-comment h-cite" id="comment-11">
      <span class="p-author h-card"><a class="u-url p-name" href="https://ann.test/">Ann</a></span>
      <a class="u-url" href="https://indie.test/p/#comment-11"><time class="dt-published" datetime="2024-03-02T09:00:00Z">March 2</time></a>
      <div class="p-content"><p>First!</p></div>
      <div class="p-comment h-cite" id="comment-12">
        <span class="p-author h-card"><span class="p-name">Iris Indie</span></span>
        <time class="dt-published" datetime="2024-03-02T10:00:00Z">later</time>
        <div class="e-content"><p>Welcome, Ann.</p></div>
        <div class="u-comment h-entry">
          <a class="p-author h-card" href="https://ann.test/">Ann</a>
          <a class="u-url" href="https://indie.test/p/#c-deep"><time class="dt-published">March 3</time></a>
          <p class="p-content">Thanks.</p>
        </div>
      </div>
    </div>
    <div class="p-comment h-cite"><span class="p-author">Bo</span><p class="p-content">Second.</p></div>
  </section>
</article></body></html>"#;

#[test]
fn microformats_nested_comments() {
    let post = extract::extract(MF2, &Url::parse("https://indie.test/p/").expect("url"));
    assert_eq!(post.engine, Engine::Microformats);
    assert_eq!(post.title, "Owning your words");
    assert_eq!(post.author.as_deref(), Some("Iris Indie"));
    assert_eq!(post.published.as_deref(), Some("2024-03-01T08:00:00Z"));
    assert_eq!(blocks_text(&post.blocks), "Post body.");
    let got: Vec<(String, Option<String>, u16, String, String)> = post
        .comments
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.parent.clone(),
                c.depth,
                c.author.clone(),
                blocks_text(&c.blocks),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        got,
        vec![
            (s("11"), None, 0, s("Ann"), s("First!")),
            (
                s("12"),
                Some(s("11")),
                1,
                s("Iris Indie"),
                s("Welcome, Ann.")
            ),
            (s("c-deep"), Some(s("12")), 2, s("Ann"), s("Thanks.")),
            (s("4"), None, 0, s("Bo"), s("Second.")),
        ]
    );
    let c = &post.comments;
    assert_eq!(c[0].author_url.as_deref(), Some("https://ann.test/"));
    assert_eq!(
        c[0].permalink.as_deref(),
        Some("https://indie.test/p/#comment-11")
    );
    assert_eq!(c[0].published.as_deref(), Some("2024-03-02T09:00:00Z"));
    assert_eq!(
        (c[2].published.as_deref(), c[2].published_text.as_deref()),
        (None, Some("March 3"))
    );
}

const JSONLD: &str = r#"<!doctype html><html><head><title>LD post</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"LD Blog"},
 {"@type":"BlogPosting","headline":"Linked data","datePublished":"2024-06-01T10:00:00Z",
  "author":{"@type":"Person","name":"Lee"},"commentCount":4,
  "comment":[
   {"@type":"Comment","@id":"https://ld.test/p/#comment-1","author":{"@type":"Person","name":"Max","url":"https://max.test/"},"dateCreated":"2024-06-01T11:00:00Z","text":"Top one.\n\nTwo paragraphs."},
   {"@type":"Comment","@id":"https://ld.test/p/#comment-3","author":"Nia","datePublished":"2024-06-01T13:00:00Z","text":"Reply to Max.","parentItem":{"@id":"https://ld.test/p/#comment-1"}},
   {"@type":"Comment","@id":"https://ld.test/p/#comment-2","author":{"name":"Oz"},"text":"Top two \u202eflipped.",
    "comment":[{"@type":"Comment","url":"https://ld.test/p/#comment-4","author":"Max","text":"Nested by array."}]}
  ]}]}
</script></head><body><article><h1>Linked data</h1><p>The article text is long enough to be the article here, with several words in it.</p></article></body></html>"#;

#[test]
fn jsonld_comments_with_parent_items() {
    let post = extract::extract(JSONLD, &Url::parse("https://ld.test/p/").expect("url"));
    assert_eq!(post.engine, Engine::JsonLd);
    assert_eq!(post.title, "Linked data");
    assert_eq!(post.author.as_deref(), Some("Lee"));
    assert_eq!(post.published.as_deref(), Some("2024-06-01T10:00:00Z"));
    let got: Vec<(String, Option<String>, u16, String, String)> = post
        .comments
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                c.parent.clone(),
                c.depth,
                c.author.clone(),
                blocks_text(&c.blocks),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        got,
        vec![
            (s("1"), None, 0, s("Max"), s("Top one.\n\nTwo paragraphs.")),
            (s("3"), Some(s("1")), 1, s("Nia"), s("Reply to Max.")),
            (s("2"), None, 0, s("Oz"), s("Top two flipped.")),
            (s("4"), Some(s("2")), 1, s("Max"), s("Nested by array.")),
        ]
    );
    assert_eq!(
        post.comments[0].author_url.as_deref(),
        Some("https://max.test/")
    );
    assert_eq!(
        post.comments[0].published.as_deref(),
        Some("2024-06-01T11:00:00Z")
    );
    assert_eq!(
        post.comments[1].published.as_deref(),
        Some("2024-06-01T13:00:00Z")
    );
    assert_eq!(
        post.comments[3].permalink.as_deref(),
        Some("https://ld.test/p/#comment-4")
    );
}

#[test]
fn jsonld_parent_cycle_does_not_lose_comments() {
    let html = r##"<html><head><script type="application/ld+json">{"@type":"Article","headline":"C","comment":[
      {"@id":"#a","text":"A","parentItem":"#b"},{"@id":"#b","text":"B","parentItem":"#a"},{"text":"C"}]}</script></head><body><p>x</p></body></html>"##;
    let post = extract::extract(html, &Url::parse("https://c.test/").expect("url"));
    assert_eq!(post.engine, Engine::JsonLd);
    let ids: Vec<(&str, Option<&str>, u16)> = post
        .comments
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_deref(), c.depth))
        .collect();
    assert_eq!(ids, [("3", None, 0), ("a", None, 0), ("b", None, 0)]);
}
