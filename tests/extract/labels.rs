//! Comments told apart by the labels their templates print (tests/fixtures/extract/families,
//! written after real Movable Type classic and Serendipity trackback blocks): "Excerpt:",
//! "Weblog:", "Tracked:" make a block a trackback named by its weblog, and a bare numbered
//! anchor opening a block is its id. Forum post tables (phpBB subsilver) by their `pN` anchors;
//! a header column printed before the text (name, line break, date) names the commenter;
//! a topic held in `<noscript>` with its schema.org postings (Discourse crawler view).

use super::*;

#[test]
fn trackback_labels_make_trackbacks_named_by_their_weblog() {
    let p = load(
        "families/trackback-labels.html",
        "https://blog.example/2005/01/spam.html",
    );
    let rows: Vec<(String, String, CommentKind)> = p
        .comments
        .iter()
        .map(|c| (c.id.clone(), c.author.clone(), c.kind))
        .collect();
    let want = [
        ("c0", "reader", CommentKind::Comment),
        ("2858", "Ishikawa News", CommentKind::Trackback),
        // No weblog name printed: the linking post's title stands for it.
        ("2860", "Two spam fixes", CommentKind::Trackback),
        ("c34", "Newstube", CommentKind::Trackback),
    ];
    let want: Vec<(String, String, CommentKind)> = want
        .iter()
        .map(|(i, a, k)| (i.to_string(), a.to_string(), *k))
        .collect();
    assert_eq!(rows, want);
    let first = texts(&p);
    assert_eq!(
        first[0],
        "Thanks, this stopped the flood on my blog overnight."
    );
}

fn subsilver(first_page: bool) -> Post {
    let html = std::fs::read_to_string(format!(
        "{}/tests/fixtures/extract/families/phpbb-subsilver.html",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture exists");
    let (page, previous) = if first_page {
        ("1", "")
    } else {
        (
            "2",
            "<a href=\"./viewtopic.php?t=7&amp;start=0\">Previous</a> ",
        )
    };
    let html = html.replace("PAGE", page).replace("PREVIOUS", previous);
    extract(
        &html,
        &Url::parse("https://forum.example/viewtopic.php?t=7").expect("test url"),
    )
}

#[test]
fn forum_post_tables_are_comments_after_the_opening_post() {
    // First page: the topic's own post is the article; the replies are comments.
    let p = subsilver(true);
    assert_eq!(
        tree(&p),
        vec![row("41", None, 0, "ohmygod"), row("45", None, 0, "volt")]
    );
    assert_eq!(
        texts(&p),
        vec!["A Pinecil does that for 30.", "Ordered one, thanks."]
    );
    // A later page (it links to the previous one) opens with a reply; the signature is no
    // part of the text.
    let p = subsilver(false);
    assert_eq!(
        tree(&p),
        vec![
            row("40", None, 0, "volt"),
            row("41", None, 0, "ohmygod"),
            row("45", None, 0, "volt")
        ]
    );
    assert_eq!(texts(&p)[0], "Which station under 100 euros heats up fast?");
}

/// Movable Type in a grid theme: the name and date sit in a column before the text.
#[test]
fn a_header_column_before_the_text_names_the_commenter() {
    let row = |name: &str, date: &str, text: &str| {
        format!(
            "<div class=\"row\">\n  <div class=\"col-sm-3 text-right\">\n    <p><b>{name}</b><br />\n    {date}</p>\n  </div>\n  <div class=\"col-sm-9 comments-body\">\n    <p>{text}</p>\n  </div>\n</div>\n"
        )
    };
    let html = format!(
        "<html><body><div class=\"container\"><article><h1>Street photos</h1><p>{}</p></article><div class=\"comments\">{}{}</div></div></body></html>",
        "Still lifes are easy; people are hard. ".repeat(12),
        row(
            "<a href=\"https://botzilla.example/mt-comments.cgi?id=102\">M Sinclair Stevens</a>",
            "November  6, 2003 03:24 PM",
            "Interesting ideas. I noticed there were no people pictured."
        ),
        row("Jon Fernquest", "July  5, 2003 08:34 PM", "I have the same thoughts.")
    );
    let p = extract(
        &html,
        &Url::parse("https://botzilla.example/2003/07/street.html").expect("test url"),
    );
    let who: Vec<&str> = p.comments.iter().map(|c| c.author.as_str()).collect();
    assert_eq!(who, vec!["M Sinclair Stevens", "Jon Fernquest"]);
    assert_eq!(
        texts(&p),
        vec![
            "Interesting ideas. I noticed there were no people pictured.",
            "I have the same thoughts."
        ]
    );
}

/// Discourse's crawler view: the whole topic inside `<noscript>` (which the parser keeps as
/// text), each post a schema.org `DiscussionForumPosting` numbered by `position`; #1 is the
/// topic, the rest are replies.
#[test]
fn a_topic_held_in_noscript_reads_its_postings_after_the_first_as_comments() {
    let post = |n: u32, who: &str, text: &str| {
        format!(
            "<div itemscope itemtype='http://schema.org/DiscussionForumPosting' class='topic-body crawler-post'>
  <div class='crawler-post-meta'>
    <span class=\"creator\" itemprop=\"author\" itemscope itemtype=\"http://schema.org/Person\">
      <a itemprop=\"url\" href='https://forum.example/u/{who}'><span itemprop='name'>{who}</span></a>
    </span>
    <span class=\"crawler-post-infos\">
      <time itemprop='datePublished' datetime='2014-02-0{n}T05:27:06Z' class='post-time'>February {n}, 2014</time>
      <span itemprop='position'>#{n}</span>
    </span>
  </div>
  <div class='post' itemprop='articleBody'><p>{text}</p></div>
</div>"
        )
    };
    let topic = format!(
        "<div id=\"main-outlet\" class=\"wrap\"><h1>Most stars in 2013</h1>{}{}</div>",
        post(
            1,
            "sam",
            &"Congratulations on qualifying among the repositories with the most stars. "
                .repeat(20)
        ),
        post(
            2,
            "codinghorror",
            "Ah, cool. I was not sure how to see that."
        )
    );
    let html = format!(
        "<html><head><title>Most stars in 2013</title></head><body class=\"crawler\">\
         <noscript data-path=\"/t/most-stars/12483\">{topic}</noscript></body></html>"
    );
    let p = extract(
        &html,
        &Url::parse("https://forum.example/t/most-stars/12483").expect("test url"),
    );
    let who: Vec<&str> = p.comments.iter().map(|c| c.author.as_str()).collect();
    assert_eq!(who, vec!["codinghorror"]);
    assert_eq!(texts(&p), vec!["Ah, cool. I was not sure how to see that."]);
    let article = parlor::model::blocks_text(&p.blocks);
    assert!(
        article.contains("Congratulations on qualifying"),
        "{article}"
    );
    assert!(!article.contains("Ah, cool"), "{article}");
}

/// Movable Type prints "Posted by:  at DATE" when the commenter left no name: still a
/// comment, dated, by nobody named.
#[test]
fn a_byline_with_an_empty_name_still_makes_a_comment() {
    let html = format!(
        "<html><body><div class=\"blog\"><div class=\"blogbody\"><h3>Search</h3><p>{}</p></div>
<div class=\"comments-head\">Comments</div>
<div class=\"comments-body\"><p>Nice write-up.</p>
<span class=\"comments-post\">Posted by: <a href=\"http://reader.example/\">reader</a> at December 20, 2003 05:30 PM</span></div>
<div class=\"comments-body\"><p>hao !</p>
<span class=\"comments-post\">Posted by:  at December 10, 2003 10:24 AM</span></div>
</div></body></html>",
        "How the search engine ranks pages, step by step. ".repeat(12)
    );
    let p = extract(
        &html,
        &Url::parse("https://blog.example/archives/000199.html").expect("test url"),
    );
    let rows: Vec<(&str, Option<&str>)> = p
        .comments
        .iter()
        .map(|c| (c.author.as_str(), c.published_text.as_deref()))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("reader", Some("December 20, 2003 05:30 PM")),
            ("Anonymous", Some("December 10, 2003 10:24 AM"))
        ]
    );
    assert_eq!(texts(&p), vec!["Nice write-up.", "hao !"]);
}

/// "By <strong>NAME</strong> on DATE | Reply" before a text whose first word is a link: the
/// bold name is the author, the link is text.
#[test]
fn a_bold_name_after_by_beats_a_link_in_the_text() {
    let html = format!(
        "<html><body><div class=\"post\"><h1>Charts</h1><p>{}</p></div><ol class=\"commentlist\">
<li class=\"odd\" id=\"comment-5556\">
By <strong>charlie</strong> on <a href=\"/?p=45791#comment-5556\">Feb 19, 2010</a> | <a href=\"/?p=45791#respond\">Reply</a>
<div id=\"comdiv\"><div id=\"comtp\"><p><a href=\"/2009/9/22/part-2\" rel=\"nofollow\">This</a> should get you started.</p></div></div>
</li></ol></body></html>",
        "Open Flash Chart in a Rails app, part one. ".repeat(12)
    );
    let p = extract(
        &html,
        &Url::parse("https://blog.example/2010/2/charts").expect("test url"),
    );
    assert_eq!(tree(&p), vec![row("5556", None, 0, "charlie")]);
    assert_eq!(texts(&p), vec!["This should get you started."]);
}

/// The name in a `<cite>` header; a later `<cite>` introduces a quote and is text.
#[test]
fn a_quoted_name_in_cite_stays_in_the_text() {
    let html = format!(
        "<html><body><div class=\"post\"><h1>Gosling</h1><p>{}</p></div><ol class=\"commentlist\">
<li class=\"alt\" id=\"comment-1239\">
<p class=\"who\"><cite><a href='http://plasmasturm.example/'>Aristotle Pagaltzis</a></cite>:</p>
<p><cite><a href=\"#comment-1233\">Alex</a></cite>:</p>
<blockquote><p>This is an excellent point.</p></blockquote>
<p>Indeed it is.</p>
</li></ol></body></html>",
        "Static and dynamic languages, once more. ".repeat(12)
    );
    let p = extract(
        &html,
        &Url::parse("https://lesscode.example/2006/03/12/gosling/").expect("test url"),
    );
    assert_eq!(tree(&p), vec![row("1239", None, 0, "Aristotle Pagaltzis")]);
    let t = texts(&p);
    assert!(t[0].starts_with("Alex:"), "{t:?}");
    assert!(t[0].contains("This is an excellent point."), "{t:?}");
}
