//! Article extraction on hand-written pages modelled on real blog markup: the classes of
//! failure found on the article corpus (`tests/corpus/articles`), one test per class.

use super::*;

fn at(html: &str, url: &str) -> Post {
    extract(html, &Url::parse(url).expect("test url"))
}

/// A TypePad/Movable Type "comments-content" list: `n` long comments after the post.
fn typepad_comments(n: usize) -> String {
    let mut s = String::from(
        "<div class=\"comments\" id=\"comments\"><h3 class=\"comments-header\">Comments</h3>\
         <div class=\"comments-content\">",
    );
    for i in 0..n {
        s.push_str(&format!(
            "<a id=\"c{i}\"></a><div class=\"comment\" id=\"comment-{i}\">\
             <div class=\"comment-content\"><p>Reader {i} agrees, mostly, and adds that the \
             second video is better, faster, and far more careful with the melody, which is \
             what matters in the end, isn't it, when all is said and done.</p></div>\
             <p class=\"comment-footer\">Posted by: <a href=\"http://r{i}.example/\">Reader {i}</a> \
             | <a href=\"#comment-{i}\">August 28, 2006 at 01:0{} AM</a></p></div>",
            i % 10
        ));
    }
    s.push_str("</div></div>");
    s
}

/// A short post with two YouTube players followed by a long comment section on a page of no
/// known engine: the players do not make the post junk (readability keeps video embeds), and
/// the comments score far higher than the post but are comments, never the article; the
/// post links a lot but is the post; and the retries readability makes for a short article
/// (under 500 characters) do not swap it for the page around it (navigation, trackbacks).
#[test]
fn a_long_comment_section_is_not_taken_for_a_short_article() {
    let html = format!(
        "<html><head><title>Lam on Software: funtwo unmasked</title></head>\
         <body><div id=\"container\"><div id=\"pagebody\"><div id=\"alpha\">\
         <p class=\"content-nav\"><a href=\"/prev.html\">&laquo; The last thing missing from my \
         Mac experience</a> | <a href=\"/\">Main</a></p>\
         <h2 class=\"date-header\">August 27, 2006</h2>\
         <div class=\"entry\" id=\"entry-45159608\"><h3 class=\"entry-header\">funtwo unmasked</h3>\
         <div class=\"entry-content\"><div class=\"entry-body\">\
         <p><a href=\"http://v.example/1\">This is one of my favorite videos</a> from the web.</p>\
         <p>Today, <a href=\"http://news.example/27heff.html\">a reporter of the New York Times \
         unmasked who funtwo is</a> his name is Jeong-Hyun Lim.</p>\
         <object width=\"425\" height=\"350\"><param name=\"movie\" \
         value=\"http://www.youtube.com/v/QjA5faZF1A8\"></param><embed \
         src=\"http://www.youtube.com/v/QjA5faZF1A8\" type=\"application/x-shockwave-flash\"></embed></object>\
         <p>Although funtwo was the original, I think that \
         <a href=\"http://v.example/2\">another player does it better</a>.</p>\
         <object width=\"425\" height=\"350\"><param name=\"movie\" \
         value=\"http://www.youtube.com/v/m9nb7TsulWQ\"></param><embed \
         src=\"http://www.youtube.com/v/m9nb7TsulWQ\" type=\"application/x-shockwave-flash\"></embed></object>\
         </div></div><div class=\"entry-footer\"><p class=\"entry-footer-info\">Posted at 08:03 PM \
         in <a href=\"/import/\">import</a> | <a href=\"/2006/08/funtwo-unmasked.html\">Permalink</a></p>\
         </div></div><div class=\"trackbacks\"><h3 class=\"trackbacks-header\">TrackBack</h3>\
         <div class=\"trackbacks-info\"><p>TrackBack URL for this entry:<br>\
         <span class=\"trackbacks-link\">http://www.typepad.example/t/trackback/2419952/25820660</span></p>\
         <p>Listed below are links to weblogs that reference \
         <a href=\"/2006/08/funtwo-unmasked.html\">funtwo unmasked</a>:</p></div></div>\
         {}</div></div></div></body></html>",
        typepad_comments(30)
    );
    let p = at(&html, "http://lam.example/2006/08/funtwo-unmasked.html");
    assert_eq!(p.comments.len(), 30);
    let text = blocks_text(&p.blocks);
    assert!(text.contains("his name is Jeong-Hyun Lim"), "{text}");
    assert!(text.contains("This is one of my favorite videos"), "{text}");
    assert!(text.contains("another player does it better"), "{text}");
    assert!(!text.contains("agrees, mostly"), "{text}");
    // A retry for a short post does not bring in the page around it.
    assert!(!text.contains("TrackBack URL"), "{text}");
    assert!(!text.contains("Mac experience"), "{text}");
}

/// A WordPress theme without `.entry-content` whose comments are a `<dl>`: each `<dt>` is a
/// header (`dt#comment-N`), the `<dd>` after it the text. Neither counts as the article.
#[test]
fn a_dl_comment_list_is_not_taken_for_the_article() {
    let mut replies = String::new();
    for i in 0..40 {
        replies.push_str(&format!(
            "<dt id=\"comment-{}\"><a href=\"#comment-{0}\">#{i}</a> On January 18th, 2008 \
             <span><a href=\"http://r{i}.example/\" class=\"url\">Reader {i}</a> replied:</span></dt>\
             <dd><p>I would like, above all, the layout module, then variables, then a parent \
             selector, and rounded corners, and multiple backgrounds, please, reader {i}.</p></dd>",
            59_000 + i
        ));
    }
    let html = format!(
        "<html><head><meta name=\"generator\" content=\"WordPress 2.3\"><title>Project</title></head>\
         <body id=\"top\"><div id=\"container\"><div id=\"content\"><div id=\"content-main\">\
         <div id=\"content-summary\"><h2 id=\"post-1060\"><a href=\"/\">Tell us what you want</a></h2>\
         <p>By Bruce | January 18th, 2008 | Filed in CSS</p></div>\
         <p>The working group charter expires in July, so the group will discuss its revised \
         charter in March this year.</p>\
         <p>I would like to use the comments below to collect your feedback so that it can be \
         taken back to the working group.</p>\
         <p>Whatever your interest in CSS, here is a real chance to influence the language.</p>\
         </div><div id=\"content-replies\"><h3 id=\"comments\">Your Replies</h3><dl>{replies}</dl>\
         </div></div></div></body></html>"
    );
    let p = at(&html, "https://project.example/2008/01/18/tell-us/");
    assert_eq!(p.engine, Engine::WordPress);
    let text = blocks_text(&p.blocks);
    assert!(text.contains("revised charter in March"), "{text}");
    assert!(!text.contains("rounded corners"), "{text}");
}
