//! WordPress themes that wrap `comment_class()` output (OceanWP-like, written after its
//! markup): `li#comment-N.comment-container > article.comment.depth-N`, a header inside an
//! outer `div.comment-content` around the inner text one, the reply link inside the meta
//! line, and a commenter whose name is also a role word ("admin").

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
