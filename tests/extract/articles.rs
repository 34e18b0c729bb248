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

/// Movable Type's classic layout: navigation, date header, title, the post, a "Posted by"
/// line, then comments as `div#cN` each followed by its `p.posted` footer, all side by side in
/// one `div.content`; `<title>` is "Blog: Post" and the blog's name is the page's `h1`; the
/// date is in the trackback RDF that Movable Type writes into an HTML comment.
#[test]
fn movable_type_classic_keeps_the_post_and_its_title_only() {
    let mut comments = String::new();
    for i in 0..12 {
        comments.push_str(&format!(
            "<div id=\"c{}\"><p>Congratulations, reader {i} says, what a lovely baby, and what a \
             lovely name, we cannot wait to meet him.</p></div>\
             <p class=\"posted\">Posted by: Reader {i} at October 15, 2005 12:5{} PM</p>",
            40 + i,
            i % 10
        ));
    }
    let html = format!(
        "<html><head><title>Patata Monkey: Here's Guido Jack!</title>\
         <!--\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<rdf:Description\n    \
         rdf:about=\"http://patata.example/archives/000100.html\"\n    \
         dc:title=\"Here's Guido Jack!\"\n    dc:creator=\"patata\"\n    \
         dc:date=\"2005-10-15T10:55:12-08:00\" />\n</rdf:RDF>\n-->\
         </head><body>\
         <div id=\"container\"><div id=\"banner\"><h1><a href=\"http://patata.example/\" \
         accesskey=\"1\">Patata Monkey</a></h1></div>\
         <div class=\"content\"><p align=\"right\"><a href=\"/archives/000099.html\">&laquo; \
         Quick Update</a> | <a href=\"http://patata.example/\">Main</a> | \
         <a href=\"/archives/000101.html\">We're home! &raquo;</a></p>\
         <h2>October 15, 2005</h2><h3>Here's Guido Jack!</h3>\
         <p>The baby is still in the hospital because his mother had a high fever during \
         delivery, and they want to give him antibiotics just in case, hence all the tubes.</p>\
         <p>He is doing great. We had a chance to bond, and we will be back every two hours.</p>\
         <p class=\"posted\">Posted by patata at October 15, 2005 10:55 AM</p>\
         <h2 id=\"comments\">Comments</h2>{comments}</div></div></body></html>"
    );
    let p = at(&html, "http://patata.example/archives/000100.html");
    assert_eq!(p.title, "Here's Guido Jack!");
    // The date of the entry's trackback RDF (in an HTML comment).
    assert_eq!(p.published.as_deref(), Some("2005-10-15T10:55:12-08:00"));
    let text = blocks_text(&p.blocks);
    assert!(text.starts_with("The baby is still"), "{text}");
    assert!(text.trim_end().ends_with("every two hours."), "{text}");
}

/// Code from Hexo, Rouge or Pygments comes as a table: a column of line numbers
/// (`td.gutter`) beside the code. The numbers are not the article's text.
#[test]
fn line_numbers_beside_highlighted_code_are_left_out() {
    let gutter: String = (1..=40)
        .map(|n| format!("<span class=\"line\">{n}</span><br>"))
        .collect();
    let code: String = (1..=40)
        .map(|n| format!("<span class=\"line\">gdb_exec('step {n}')</span><br>"))
        .collect();
    let html = format!(
        "<html><head><title>Remote code execution through GDB | Orange</title></head><body>\
         <article class=\"post h-entry\"><header><h1 class=\"posttitle p-name\">Remote code \
         execution through GDB</h1></header><div class=\"content e-content\">\
         <p>Many people bind gdbserver to every address, so an attacker can connect to it, \
         and then, with a little work, run code of their own on the machine.</p>\
         <figure class=\"highlight python\"><table><tr><td class=\"gutter\"><pre>{gutter}</pre>\
         </td><td class=\"code\"><pre>{code}</pre></td></tr></table></figure>\
         <p>That is all it takes, so please never bind it to a public address again.</p>\
         </div></article></body></html>"
    );
    let p = at(&html, "https://orange.example/posts/gdb/");
    assert_eq!(p.title, "Remote code execution through GDB");
    let code_blocks: Vec<&Block> = p
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Code { .. }))
        .collect();
    assert_eq!(code_blocks.len(), 1, "{:#?}", p.blocks);
    let text = blocks_text(&p.blocks);
    assert!(text.contains("gdb_exec('step 40')"), "{text}");
    assert!(!text.contains("\n1\n2\n3\n"), "{text}");
}

/// WordPress's classic Kubrick-era titles: `<title>` "Site » Archives » Post", no
/// `.entry-title`; the post's `h2` is the title, not a section heading that is only a part of
/// the `<title>` ("Serialization" in "Rails – Part 2: Serialization | Site").
#[test]
fn the_title_is_the_heading_that_the_page_title_names() {
    let html = "<html><head><meta name=\"generator\" content=\"WordPress 2.0.11\">\
        <title>Peiratikos &raquo; Archives &raquo; Mr. Solid Citizen</title></head><body>\
        <div id=\"header\"><h1><a href=\"http://peiratikos.example/\">Peiratikos</a></h1></div>\
        <div id=\"content\"><div class=\"singlepost\" id=\"post-372\"><h2>Mr. Solid Citizen</h2>\
        <p class=\"postmeta\">4 November 2004 by Rose &mdash; Filed under Politics</p>\
        <div class=\"text\"><p>Well, the election is over, and three quarters of the voters \
        thought we needed an amendment, which is a sad thing to write, and sadder to read.</p>\
        <h3>Archives</h3><p>Nothing else to say about it, really, except that it was cold.</p>\
        </div></div></div></body></html>";
    let p = at(
        html,
        "http://peiratikos.example/archives/2004/11/04/mr-solid-citizen/",
    );
    assert_eq!(p.title, "Mr. Solid Citizen");
    // No machine-readable date: the one the post's meta line shows.
    assert_eq!(p.published.as_deref(), Some("2004-11-04"));
    let rails = "<html><head><title>Building an API with Rails – Part 2: Serialization | \
        Aaron</title></head><body><h1 class=\"post-title\">Building an API with Rails – Part 2: \
        Serialization</h1><div class=\"post-body\"><p>Serializers decide, for every model, \
        which attributes go out, and how, and in what shape, so the API stays stable.</p>\
        <h2>Serialization</h2><p>Here is how it works, step by step, with examples.</p>\
        </div></body></html>";
    let p = at(rails, "https://aaron.example/rails-part-2/");
    assert_eq!(
        p.title,
        "Building an API with Rails – Part 2: Serialization"
    );
}

/// Byline elements hold more than the name: "Posted by", "Author", a date glued on. The
/// author is the name alone; a byline that is only a date gives no author.
#[test]
fn the_author_is_the_name_without_the_byline_words_and_date() {
    let page = |byline: &str| {
        format!(
            "<html><head><title>A post</title></head><body><div class=\"post\">\
             <h1>A post</h1><div class=\"byline\">{byline}</div>\
             <p>The text of the post, long enough to be read as the article, with commas, \
             and more commas, and a full stop at the end.</p></div></body></html>"
        )
    };
    for (byline, want) in [
        ("Kirk on May 26, 2010 10:26 PM", Some("Kirk")),
        (
            "//Posted by egyarnetsky at September 15, 2004 11:50 PM",
            Some("egyarnetsky"),
        ),
        ("View all posts by jane", Some("jane")),
        (
            "Marina<span>22 July 2026</span><span>7 min read</span>",
            Some("Marina"),
        ),
        ("作者 mclee", Some("mclee")),
        ("by Ada Lovelace", Some("Ada Lovelace")),
        ("on September 1, 2004 12:26 AM", None),
    ] {
        let p = at(&page(byline), "https://blog.example/a-post/");
        assert_eq!(p.author.as_deref(), want, "{byline}");
    }
}

/// A Twenty Sixteen page saved without its WordPress markers: a two-line post that is mostly a
/// link, beside a site tagline with more commas than the post. The page marks one
/// `.entry-content`; content scoring that lands on something unrelated gives way to it.
#[test]
fn the_marked_entry_content_beats_a_tagline_that_scores_higher() {
    let html = "<html><head><title>微軟宣稱, 開放 Raw Socket 太危險? &#8211; George Lee's Blog</title>\
        </head><body><div id=\"page\" class=\"site\"><div class=\"site-inner\">\
        <header id=\"masthead\" class=\"site-header\" role=\"banner\"><div class=\"site-header-main\">\
        <div class=\"site-branding\"><p class=\"site-title\"><a href=\"http://mclee.example/\">\
        George Lee's Blog</a></p><p class=\"site-description\">可以託六尺之孤，可以寄百里之命，\
        臨大節而不可奪也，君子人與，君子人也。</p></div></div></header>\
        <div id=\"content\" class=\"site-content\"><div id=\"primary\" class=\"content-area\">\
        <main id=\"main\" class=\"site-main\"><article class=\"post hentry\">\
        <header class=\"entry-header\"><h1 class=\"entry-title\">微軟宣稱, 開放 Raw Socket 太危險?</h1>\
        </header><div class=\"entry-content\"><p>Err… 可能又有筆戰文要出現了。nmap 的作者似乎跟微軟槓上了…</p>\
        <p><a href=\"http://news.example/security/0,2000061744,39189876,00.htm\">\
        http://news.example/security/0,2000061744,39189876,00.htm</a></p></div>\
        <footer class=\"entry-footer\"><span class=\"byline\"><span class=\"author vcard\">\
        <span class=\"screen-reader-text\">作者 </span>mclee</span></span>\
        <span class=\"posted-on\"><a href=\"/2005/04/raw-socket.html\" rel=\"bookmark\">\
        <time class=\"entry-date published\" datetime=\"2005-04-28\">2005/04/28</time></a></span>\
        <span class=\"cat-links\"><a href=\"/category/internet\">internet</a>、\
        <a href=\"/category/microsoft\">microsoft</a>、<a href=\"/category/news\">news</a>、\
        <a href=\"/category/security\">security</a>、<a href=\"/category/tech\">tech</a></span>\
        </footer><nav class=\"navigation post-navigation\" role=\"navigation\"><div class=\"nav-links\">\
        <div class=\"nav-previous\"><a href=\"/2005/04/soc.html\" rel=\"prev\">上一篇文章 SOC 搬家了</a></div>\
        <div class=\"nav-next\"><a href=\"/2005/04/vader.html\" rel=\"next\">下一篇文章 Darth Vader's blog</a>\
        </div></div></nav></article></main></div></div></div></div></body></html>";
    let p = at(html, "http://mclee.example/2005/04/12/raw-socket/");
    assert_eq!(p.title, "微軟宣稱, 開放 Raw Socket 太危險?");
    let text = blocks_text(&p.blocks);
    assert!(text.contains("nmap 的作者似乎跟微軟槓上了"), "{text}");
    assert!(!text.contains("可以託六尺之孤"), "{text}");
}

/// Lines WordPress themes print inside the post's container around its text: a "Posted on |
/// DATE | N Comments" or "DATE by NAME — Filed under …" line before it; a licence, Kubrick's
/// "This entry was posted on …" footer and "N Responses to “Post”" after it.
#[test]
fn wordpress_meta_lines_around_the_post_are_trimmed() {
    let html = "<html><head><meta name=\"generator\" content=\"WordPress 2.8\">\
        <title>Santa message &raquo; Mammy's Blog</title></head><body><div id=\"content\">\
        <div class=\"post\" id=\"post-12\"><h2>Santa message</h2>\
        <p>Posted on | December 3, 2009 | <a href=\"#comments\">123 Comments</a></p>\
        <p>My friend sent me this, and it is the sweetest thing: a video message from Santa, \
        with the child's name, photo and wish list in it, free to make and to send.</p>\
        <p>The Santa message by Mammy's Blog, unless otherwise expressly stated, is licensed \
        under a Creative Commons Attribution 3.0 License.</p>\
        <p>This entry was posted on Thursday, December 3rd, 2009 at 10:15 pm and is filed under \
        Family. You can follow any responses to this entry through the RSS 2.0 feed. You can \
        leave a response, or trackback from your own site.</p>\
        <h3 id=\"comments\">123 Responses to &#8220;Santa message&#8221;</h3></div></div>\
        </body></html>";
    let p = at(html, "https://mammy.example/2009/12/03/santa-message/");
    assert_eq!(p.title, "Santa message");
    let text = blocks_text(&p.blocks);
    assert!(text.trim().starts_with("My friend sent me this"), "{text}");
    assert!(
        text.trim_end().ends_with("free to make and to send."),
        "{text}"
    );
}

/// A Japanese Movable Type entry in the classic `div.content`: the post, then "投稿者 NAME :
/// DATE", the trackback heading, "このエントリーのトラックバックURL:", the address on its own
/// line, the comments and "コメントしてください", side by side.
#[test]
fn japanese_movable_type_trackback_lines_are_trimmed() {
    let mut comments = String::new();
    for i in 0..6 {
        comments.push_str(&format!(
            "<div id=\"c{}\"><p>おめでとうございます、本当に嬉しいニュースですね、私も舞台を観に行きます。</p></div>\
             <p class=\"posted\">投稿者 読者{i} : 2005年04月29日 18:3{i}</p>",
            10 + i
        ));
    }
    let html = format!(
        "<html><head><title>噂佐菊都風: 松本幸四郎紫綬褒章受章</title></head><body>\
        <div id=\"container\"><div id=\"banner\"><h1><a href=\"http://sachigiku.example/\">\
        噂佐菊都風</a></h1></div><div class=\"content\">\
        <h2>2005年04月28日</h2><h3>松本幸四郎紫綬褒章受章</h3>\
        <p>松本幸四郎さんが紫綬褒章を受章されました。おめでとうございます。長年の舞台での活躍が、\
        こうして認められたことを、心から嬉しく思います。これからも、素晴らしい舞台を楽しみにしています。</p>\
        <p class=\"posted\">投稿者 佐千菊 : 2005年04月28日 09:15</p>\
        <h2 id=\"trackbacks\">トラックバック</h2><p class=\"techstuff\">このエントリーのトラックバックURL:<br />\
        </p><p>http://sachigiku.example/mt-tb.cgi/9</p>\
        <h2 id=\"comments\">コメント</h2>{comments}<h2>コメントしてください</h2>\
        </div></div></body></html>"
    );
    let p = at(
        &html,
        "http://sachigiku.example/archives/2005/04/post_83.html",
    );
    assert_eq!(p.title, "松本幸四郎紫綬褒章受章");
    let text = blocks_text(&p.blocks);
    assert!(text.trim().starts_with("松本幸四郎さんが"), "{text}");
    assert!(text.trim_end().ends_with("楽しみにしています。"), "{text}");
}
