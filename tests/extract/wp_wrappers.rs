//! WordPress themes that wrap `comment_class()` output (OceanWP-like, written after its
//! markup): `li#comment-N.comment-container > article.comment.depth-N`, a header inside an
//! outer `div.comment-content` around the inner text one, the reply link inside the meta
//! line, a commenter whose name is also a role word ("admin"), and pings listed apart.

use super::*;

fn item(id: u32, depth: u16, name: &str, extra: &str, text: &str, replies: &str) -> String {
    format!(
        "<li id=\"comment-{id}\" class=\"comment-container\">
  <article class=\"comment {extra} depth-{depth} comment-body\">
    <img alt='' src='https://gravatar.example/a.png' class='avatar avatar-150 photo' />
    <div class=\"comment-content\">
      <div class=\"comment-author\">
        <span class=\"comment-link\">{name} </span>
        <span class=\"comment-meta commentmetadata\">
\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t<span class=\"comment-date\">May 1, 2024</span>
          <a rel='nofollow' class='comment-reply-link' href='https://blog.example/post/?replytocom={id}#respond' data-commentid=\"{id}\">Reply</a>
        </span>
      </div>
      <div class=\"clr\"></div>
      <div class=\"comment-entry\"><div class=\"comment-content\"><p>{text}</p></div></div>
    </div>
  </article>
  {replies}
</li>"
    )
}

#[test]
fn wrapped_comment_classes_nest_and_read_like_core_themes() {
    let reply = item(
        3,
        2,
        "admin",
        "byuser comment-author-admin bypostauthor",
        "Reply from the post author.",
        "",
    );
    let top = item(
        2,
        1,
        "<a href='https://alice.example/' class='url'>Alice</a>",
        "",
        "Top-level comment one.",
        &format!("<ol class=\"children\">{reply}</ol>"),
    );
    let html = format!(
        "<html><head><meta name=\"generator\" content=\"WordPress 6.5\"></head><body>
<article id=\"post-4\"><h1>Post</h1><div class=\"entry-content\"><p>{}</p></div>
<section id=\"comments\" class=\"comments-area\"><ol class=\"comment-list\">{top}</ol></section>
</article></body></html>",
        "The post body. ".repeat(20)
    );
    let p = extract(
        &html,
        &Url::parse("https://blog.example/post/").expect("test url"),
    );
    assert_eq!(
        tree(&p),
        vec![row("2", None, 0, "Alice"), row("3", Some("2"), 1, "admin")]
    );
    assert_eq!(
        texts(&p),
        vec!["Top-level comment one.", "Reply from the post author."]
    );
    assert!(p.comments[1].by_post_author && !p.comments[0].by_post_author);
    let dates: Vec<Option<&str>> = p
        .comments
        .iter()
        .map(|c| c.published_text.as_deref())
        .collect();
    assert_eq!(dates, vec![Some("May 1, 2024"), Some("May 1, 2024")]);
}

/// Hueman prints pings apart, after the comments: `ol.pinglist > li.ping` with the linking
/// site, a date and an excerpt, and no id.
#[test]
fn a_ping_list_printed_apart_gives_pingbacks_with_their_excerpt() {
    let html = format!(
        "<html><head><meta name=\"generator\" content=\"WordPress 6.5\"></head><body>
<article id=\"post-4\"><div class=\"entry-content\"><p>{}</p></div></article>
<div id=\"comments\"><ol class=\"commentlist\">
<li class=\"comment even thread-even depth-1\" id=\"comment-11\"><div id=\"div-comment-11\" class=\"comment-body\">
<div class=\"comment-author vcard\"><cite class=\"fn\">Heidi</cite> <span class=\"says\">says:</span></div>
<div class=\"comment-meta commentmetadata\"><a href=\"https://blog.example/post/#comment-11\">May 1, 2024</a></div>
<p>Grüße aus Zürich!</p></div></li>
</ol>
<div id=\"pinglist-container\" class=\"comment-tab\"><ol class=\"pinglist\">
<li class=\"ping\">
<div class=\"ping-link\"><a href='https://other.example/linking-post/' class='url'>Some Other Blog</a></div>
<div class=\"ping-meta\">May 1, 2024</div>
<div class=\"ping-content\"><p>[&#8230;] A post on another blog links here [&#8230;]</p></div>
</li></ol></div></div></body></html>",
        "The post body. ".repeat(20)
    );
    let p = extract(
        &html,
        &Url::parse("https://blog.example/post/").expect("test url"),
    );
    let rows: Vec<(&str, CommentKind)> = p
        .comments
        .iter()
        .map(|c| (c.author.as_str(), c.kind))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Heidi", CommentKind::Comment),
            ("Some Other Blog", CommentKind::Pingback)
        ]
    );
    assert_eq!(texts(&p)[1], "[…] A post on another blog links here […]");
}

/// Customizr lists pings as one link: a footnote number, the excerpt, then the site.
#[test]
fn a_ping_link_holding_its_excerpt_is_named_by_the_site_beside_it() {
    let html = format!(
        "<html><head><meta name=\"generator\" content=\"WordPress 6.5\"></head><body>
<article id=\"post-4\"><div class=\"entry-content\"><p>{}</p></div></article>
<div id=\"comments\"><ul class=\"pingback-list\">
<li class=\"pingback even thread-even depth-1\" id=\"comment-12\">
<a href=\"https://other.example/linking-post/\"><sup>1</sup><span class=\"excerpt\">[&#8230;] A post links here [&#8230;]</span> - Some Other Blog</a>
</li></ul></div></body></html>",
        "The post body. ".repeat(20)
    );
    let p = extract(
        &html,
        &Url::parse("https://blog.example/post/").expect("test url"),
    );
    assert_eq!(tree(&p), vec![row("12", None, 0, "Some Other Blog")]);
    assert_eq!(texts(&p), vec!["[…] A post links here […]"]);
    assert_eq!(
        p.comments[0].author_url.as_deref(),
        Some("https://other.example/linking-post/")
    );
}
