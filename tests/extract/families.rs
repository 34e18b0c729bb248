//! Comment markup families read by structure (tests/fixtures/extract/families): the Disqus
//! plugin's fallback list and a Movable Type 3 and 4 page (excerpts of real pages), Twenty
//! Ten, Drupal 7 and 8, SPIP, Dotclear, TypePad and Serendipity as their templates print them;
//! TypePad's anchor-delimited classic comments, Movable Type 3 trackback paragraphs,
//! b2evolution, WordPress 1.5 and Drupal 6 theme variants modelled on real pages. Each test asserts the exact tree (id, parent, depth, author), texts, kinds and dates as
//! checked by eye against the page.

use super::*;

const URL: &str = "https://blog.example/2013/post.html";

fn family(name: &str) -> Post {
    load(&format!("families/{name}.html"), URL)
}

fn kinds(p: &Post) -> Vec<CommentKind> {
    p.comments.iter().map(|c| c.kind).collect()
}

fn shown_dates(p: &Post) -> Vec<Option<String>> {
    p.comments
        .iter()
        .map(|c| c.published.clone().or_else(|| c.published_text.clone()))
        .collect()
}

fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| Some((*s).to_string())).collect()
}

#[test]
fn disqus_fallback_list() {
    let p = family("disqus-fallback");
    assert_eq!(
        tree(&p),
        vec![
            row("62", None, 0, "Paddy3118"),
            row("63", None, 0, "Nikola Novakovic"),
            row("64", Some("63"), 1, "alkrauss48"),
            row(
                "c3",
                None,
                0,
                "Programming Concepts: Static vs. Dynamic Type Checking | Aaron Krauss"
            ),
            row(
                "c4",
                None,
                0,
                "Programming Concepts: The Stack and the Heap | Aaron Krauss"
            ),
        ]
    );
    let t = texts(&p);
    assert_eq!(t[0], "A great and comprehensive overview. Thanks.");
    assert!(
        t[1].starts_with("Really nice overview of the topic."),
        "{}",
        t[1]
    );
    assert!(
        t[2].starts_with("Thank you! I feel that way too"),
        "{}",
        t[2]
    );
    assert_eq!(
        t[3], "Programming Concepts: Static vs. Dynamic Type Checking | Aaron Krauss",
        "a ping without an excerpt reads as its title, as shown"
    );
    use CommentKind::{Comment as C, Pingback as P};
    assert_eq!(kinds(&p), [C, C, C, P, P]);
    assert_eq!(
        p.comments[1].author_url.as_deref(),
        Some("http://thefinelinestudios.com/")
    );
    assert_eq!(
        p.comments[3].author_url.as_deref(),
        Some(
            "https://thesocietea.org/2015/01/programming-concepts-static-vs-dynamic-type-checking/"
        )
    );
}

#[test]
fn twenty_ten_li_comment_wrappers() {
    let p = family("twentyten");
    assert_eq!(p.engine, Engine::WordPress);
    assert_eq!(
        tree(&p),
        vec![
            row("12", None, 0, "Jonas Birder"),
            row("13", Some("12"), 1, "Mara"),
            row("15", None, 0, "Ines"),
            row("c3", None, 0, "Weekly links | Marsh Watch"),
        ],
        "the Recent Comments widget is not read"
    );
    assert_eq!(
        texts(&p)[..3],
        [
            "Counting by ear is underrated. Did you log the calls?",
            "We did, on a cheap recorder. I will post the files.",
            "What thermos do you use?",
        ]
    );
    assert_eq!(
        shown_dates(&p)[..3],
        some(&[
            "October 4, 2012 at 9:15 am",
            "October 4, 2012 at 11:02 am",
            "October 5, 2012 at 8:40 pm"
        ])
    );
    let c = &p.comments;
    assert_eq!(c[0].author_url.as_deref(), Some("http://birder.example/"));
    assert_eq!(
        c[0].permalink.as_deref(),
        Some("http://fieldnotes.example/2012/10/hello/#comment-12")
    );
    assert!(c[1].by_post_author && !c[0].by_post_author);
    assert!(c[2].pending, "held comment");
    assert!(c[0].can_reply && !c[2].can_reply);
    assert_eq!(c[3].kind, CommentKind::Pingback);
}

#[test]
fn movable_type_classic_posted_by() {
    let p = family("movabletype-classic");
    assert_eq!(
        tree(&p),
        vec![
            row("c0", None, 0, "Francis Irving"),
            row("c1", None, 0, "Office Max code"),
        ],
        "the entry's own 'Posted by' line and the form are not comments"
    );
    let t = texts(&p);
    assert!(t[0].starts_with("That's a good idea, if you think you can pull it off."));
    assert!(!t[0].contains("Posted by"), "{}", t[0]);
    assert_eq!(t[1], "Save money with Office Max code");
    assert_eq!(
        shown_dates(&p),
        some(&["February 9, 2005 07:42 PM", "February 28, 2005 10:47 AM"])
    );
}

#[test]
fn movable_type_4_byline() {
    let p = family("movabletype");
    assert_eq!(
        tree(&p),
        vec![
            row("379579", None, 0, "Arther"),
            row("379581", None, 0, "Viky"),
        ]
    );
    assert_eq!(texts(&p), ["Java7也可以用。", "写得很清楚，收藏了。"]);
    assert_eq!(
        shown_dates(&p),
        some(&["2017年8月17日 08:08", "2017年8月17日 08:21"])
    );
    assert_eq!(
        p.comments[0].permalink.as_deref(),
        Some("http://www.ruanyifeng.com/blog/2017/08/elasticsearch.html#comment-379579")
    );
}

#[test]
fn drupal_7_indented_replies() {
    let p = family("drupal7");
    assert_eq!(
        tree(&p),
        vec![
            row("101", None, 0, "Hannah"),
            row("102", Some("101"), 1, "editor"),
            row("103", None, 0, "Piet the millwright"),
        ],
        "the Recent comments block is not read"
    );
    assert_eq!(
        texts(&p),
        [
            "My grandfather worked there until it closed. He would have loved to see this.",
            "Do you have photos of him at work? We are collecting them for the visitor room.",
            "For the stones, ask the Dutch guild: they dress them the old way.",
        ],
        "no subject line, name, date or reply link in the text"
    );
    assert_eq!(
        shown_dates(&p),
        some(&[
            "2013-04-29T10:12:00+02:00",
            "2013-04-29T11:30:00+02:00",
            "2013-04-30T09:05:00+02:00"
        ])
    );
    assert_eq!(
        p.comments[2].author_url.as_deref(),
        Some("http://millwright.example/")
    );
}

#[test]
fn drupal_8_indented_replies() {
    let p = family("drupal8");
    assert_eq!(
        p.engine,
        Engine::Generic,
        "comment-N ids alone do not make WordPress"
    );
    assert_eq!(
        tree(&p),
        vec![
            row("11", None, 0, "Ola"),
            row("12", Some("11"), 1, "gardener"),
            row("13", None, 0, "Tomas"),
        ]
    );
    assert_eq!(
        texts(&p),
        [
            "Does the same apply to pears?",
            "Yes, pears take the same treatment; plums are the exception.",
            "Thanks, this is the clearest guide I have found.",
        ]
    );
    assert_eq!(
        shown_dates(&p)[0].as_deref(),
        Some("Sun, 01/10/2021 - 15:00")
    );
}

#[test]
fn spip_forum_thread() {
    let p = family("spip");
    assert_eq!(
        tree(&p),
        vec![
            row("forum12", None, 0, "Lucie"),
            row("forum13", Some("forum12"), 1, "Claire"),
            row("forum15", None, 0, "Marc"),
        ]
    );
    assert_eq!(
        texts(&p),
        [
            "Merci pour cet article. Est-ce que les ateliers sont gratuits\u{a0}?",
            "Oui, tous les ateliers sont gratuits.",
            "Bravo aux bénévoles.",
        ]
    );
    assert_eq!(
        shown_dates(&p),
        some(&[
            "2014-03-02T10:00:00Z",
            "2014-03-02T12:30:00Z",
            "2014-03-04T08:15:00Z"
        ])
    );
}

#[test]
fn dotclear_dt_dd_pairs() {
    let p = family("dotclear");
    assert_eq!(
        tree(&p),
        vec![
            row("c301", None, 0, "Nadia"),
            row("c302", None, 0, "Jean"),
            row("c305", None, 0, "Bruno"),
        ],
        "the sidebar's last comments are not read"
    );
    assert_eq!(
        texts(&p),
        [
            "Très utile, merci. Quelle huile conseillez-vous\u{a0}?",
            "Une huile sèche au téflon tient bien par temps humide.",
            "Et pour les freins à disque\u{a0}?",
        ]
    );
    assert_eq!(
        shown_dates(&p)[0].as_deref(),
        Some("Le mardi 8 janvier 2013, 19:20")
    );
    assert_eq!(
        p.comments[0].author_url.as_deref(),
        Some("http://cyclo.example/")
    );
    assert_eq!(p.comments[2].author_url, None);
}

#[test]
fn typepad_posted_by_footer() {
    let p = family("typepad");
    assert_eq!(
        tree(&p),
        vec![
            row("6a00d8341c4f1a53ef0120a5e2fb0f970b", None, 0, "Greta"),
            row("6a00d8341c4f1a53ef0120a5e30d4e970c", None, 0, "Moira"),
        ]
    );
    assert_eq!(
        texts(&p),
        [
            "My drawer is a box under the bed. Same idea!",
            "Sorting by year is a lovely idea. I may steal it.",
        ]
    );
    assert_eq!(
        shown_dates(&p),
        some(&[
            "September 12, 2009 at 04:10 PM",
            "September 13, 2009 at 09:02 AM"
        ])
    );
}

#[test]
fn serendipity_indented_flat_list() {
    let p = family("serendipity");
    assert_eq!(
        tree(&p),
        vec![
            row("c31", None, 0, "Lena"),
            row("c32", Some("c31"), 1, "Kai"),
            row("c35", Some("c32"), 2, "Lena"),
            row("c33", None, 0, "Tom"),
        ]
    );
    assert_eq!(texts(&p)[1], "Die kleine Handmühle, ehrlich gesagt.");
    assert_eq!(shown_dates(&p)[0].as_deref(), Some("03.02.2013 12:10"));
}

#[test]
fn serendipity_2k11_levels_and_heading_names() {
    let p = family("serendipity-2k11");
    assert_eq!(
        tree(&p),
        vec![
            row("c51", None, 0, "Ingrid"),
            row("c52", Some("c51"), 1, "ed"),
            row("c54", None, 0, "Raj"),
        ]
    );
    assert_eq!(
        texts(&p),
        [
            "Brass wool changed my life.",
            "Mine too. The sponge cracks tips.",
            "What temperature do you use for lead-free?",
        ]
    );
    assert_eq!(
        shown_dates(&p)[0].as_deref(),
        Some("2019-05-05T11:00:00+02:00")
    );
    assert_eq!(
        p.comments[0].author_url.as_deref(),
        Some("https://ohm.example/")
    );
}

#[test]
fn phpbb_prosilver_posts() {
    let p = family("phpbb");
    assert_eq!(
        tree(&p),
        vec![
            row("p101", None, 0, "volt"),
            row("p102", None, 0, "ohmygod")
        ]
    );
    assert_eq!(
        texts(&p)[0],
        "I am looking for a station under 100 euros that heats up fast."
    );
    assert!(
        texts(&p)[1].ends_with("A Pinecil does that for 30."),
        "{:?}",
        texts(&p)
    );
    assert_eq!(
        shown_dates(&p),
        some(&["2021-03-01T10:00:00+00:00", "2021-03-01T11:30:00+00:00"])
    );
}

#[test]
fn drupal6_garland_date_dash_name() {
    // Garland prints "!datetime — !username"; guests carry "(not verified)". The recent
    // comments block and the search and comment forms are no comments.
    let p = family("drupal6-garland");
    assert_eq!(
        tree(&p),
        vec![
            row("30", None, 0, "rosie"),
            row("31", Some("30"), 1, "Charles Vogel"),
            row("32", None, 0, "Anonymous"),
        ]
    );
    assert_eq!(
        shown_dates(&p),
        some(&[
            "Sat, 09/13/2008 - 13:29",
            "Sun, 09/14/2008 - 08:05",
            "Mon, 09/15/2008 - 21:40"
        ])
    );
    assert_eq!(
        p.comments[0].author_url.as_deref(),
        Some("https://blog.example/user/3")
    );
}

#[test]
fn drupal4_comments_inside_the_moderation_form() {
    // Drupal 4 wrapped the thread in a form (its order/moderation controls): a form with no
    // text area is walked; "By NAME at DATE | links" names and dates each comment.
    let p = family("drupal4-chameleon");
    assert_eq!(
        tree(&p),
        vec![
            row("22", None, 0, "Eileen & Bob"),
            row("21", None, 0, "Kamm")
        ]
    );
    assert_eq!(
        shown_dates(&p),
        some(&["Thu, 2005-12-29 20:39", "Sun, 2005-12-25 18:50"])
    );
    assert!(blocks_text(&p.comments[0].blocks).contains("central figure"));
}

#[test]
fn movable_type_localized_footer_names_the_link() {
    // "由 NAME 發表於 DATE" (a translated "Posted by NAME at DATE"): the marked footer's one
    // link is the name, even after a long text paragraph, and even when the text has a line
    // starting with "by".
    let p = family("mt3-localized");
    let authors: Vec<&str> = p.comments.iter().map(|c| c.author.as_str()).collect();
    assert_eq!(authors, ["first", "second"]);
    assert_eq!(
        shown_dates(&p),
        some(&["April 13, 2007 09:15 PM", "April 17, 2007 09:01 AM"])
    );
    assert!(blocks_text(&p.comments[1].blocks).contains("someone else"));
}

#[test]
fn wordpress_pings_listed_apart_as_li_pings() {
    // MH themes print pings apart: `ol.pinglist > li.pings`, no id, the linking page's title.
    let p = family("wp-mh-pings");
    assert_eq!(kinds(&p), [CommentKind::Comment, CommentKind::Pingback]);
    assert_eq!(p.comments[0].author, "Ann");
    assert_eq!(p.comments[1].author, "The Best of 2017");
}

#[test]
fn typepad_comments_delimited_by_anchors() {
    // TypePad's classic layouts print no element per comment: `<a id="cN"></a>`, the text
    // (paragraphs, or bare text and `<br>`), then `p.posted` "Posted by: NAME | DATE". A
    // short text paragraph starting with "By" is text, and the entry's own `p.posted` (no
    // byline) and a sidebar line are no comments.
    let p = family("typepad-anchors");
    assert_eq!(
        tree(&p),
        vec![
            row("20117001", None, 0, "marta"),
            row("20117002", None, 0, "Pieter"),
            row("20117003", None, 0, "Anonymous"),
        ]
    );
    let t = texts(&p);
    assert!(t[0].starts_with("Count me in."), "{}", t[0]);
    assert!(t[0].contains("low water at nine"), "{}", t[0]);
    assert_eq!(t[1], "Is the cafe at the boatyard open that early?");
    assert!(t[2].starts_with("Bringing the dog"), "{}", t[2]);
    assert!(t[2].contains("good with sandwiches"), "{}", t[2]);
    assert_eq!(
        p.comments[1].author_url.as_deref(),
        Some("http://pieter.example/")
    );
    assert_eq!(
        shown_dates(&p),
        some(&[
            "9:12am\u{a0}\u{a0}3 May 2007",
            "11:40am\u{a0}\u{a0}3 May 2007",
            "6:05pm\u{a0}\u{a0}4 May 2007"
        ])
    );
    assert!(!blocks_text(&p.blocks).contains("Count me in"));
}

#[test]
fn wp15_emptied_comment_long_ping_name_and_boxed_link() {
    // An archived WordPress 1.5 page lost one comment's text: its own comment id, its writer
    // and its permalink still make it a comment. A "Comment on this article" link in a box
    // styled like a comment (`div.comments-body`, Movable Type) is none: its one link is all
    // its text. A pingback the theme lists as a comment keeps its long name (the linking
    // post's title) from `p.commentmeta` ("TITLE says:").
    let p = family("wp1-emptied");
    assert_eq!(
        tree(&p),
        vec![
            row("501", None, 0, "Ines"),
            row("502", None, 0, "Tom"),
            row(
                "517",
                None,
                0,
                "Lamps, lanterns and the words for them \u{a7} Elsewhere Weblog"
            ),
        ]
    );
    let t = texts(&p);
    assert_eq!(t[0], "");
    assert_eq!(t[1], "Lantern, always.");
    assert!(t[2].contains("first torches arrived"), "{}", t[2]);
}

#[test]
fn hugo_builtin_disqus_names_its_shortname() {
    // Hugo's embedded Disqus template joins the quoted shortname to the host in JS:
    // `s.src = '//' + "SHORT" + '.disqus.com/embed.js'`.
    let html = r#"<html><head><title>Moving</title></head><body><article><h1>Moving</h1>
<p>We moved to a new server this week; the archive stays where it was.</p></article>
<div class="comments"><div id="disqus_thread"></div>
<script type="application/javascript">
    var disqus_config = function () {
    };
    (function() {
        var d = document, s = d.createElement('script'); s.async = true;
        s.src = '//' + "https-lamp-example" + '.disqus.com/embed.js';
        s.setAttribute('data-timestamp', +new Date());
        (d.head || d.body).appendChild(s);
    })();
</script></div></body></html>"#;
    let p = extract(html, &Url::parse(URL).expect("url"));
    let s = p.comment_system.expect("a comment system");
    assert_eq!(s.name, "disqus");
    assert_eq!(s.site.as_deref(), Some("https-lamp-example"));
}

#[test]
fn drupal6_author_date_line_picture_and_subject() {
    // A Drupal 6 theme prints "Posted by NAME on DATE." in one `span.author-date`, the user
    // picture and the subject heading (a link to the comment itself) inside the text block:
    // the name stops before the date, and neither the picture's alt text nor the subject is
    // text.
    let p = family("drupal6-author-date");
    assert_eq!(
        tree(&p),
        vec![
            row("31", None, 0, "Morag Hendry"),
            row("32", None, 0, "Alasdair Grant")
        ]
    );
    let t = texts(&p);
    assert_eq!(
        t[0],
        "Short novels work best for a first meeting: people actually finish them."
    );
    assert_eq!(t[1], "Could one group read poetry instead?");
}

#[test]
fn movable_type_3_trackback_paragraphs() {
    // Movable Type 3's default template prints each trackback as `<p id="pN">» <a>TITLE</a>
    // from BLOG<br />EXCERPT</p>` and a "Tracked on DATE" `p.posted`: a trackback by BLOG,
    // its title kept in the text.
    let p = family("mt3-pings");
    let rows: Vec<(String, String)> = p
        .comments
        .iter()
        .map(|c| (c.id.clone(), c.author.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            ("p41".to_string(), "The Grafting Shed".to_string()),
            ("p44".to_string(), "Allotment Diary".to_string()),
            ("c201".to_string(), "Tom".to_string()),
        ]
    );
    assert_eq!(
        kinds(&p),
        [
            CommentKind::Trackback,
            CommentKind::Trackback,
            CommentKind::Comment
        ]
    );
    let t = texts(&p);
    assert!(t[0].contains("Old pears and new wood"), "{}", t[0]);
    assert!(t[0].contains("grandfather's barn"), "{}", t[0]);
    assert_eq!(
        shown_dates(&p)[0].as_deref(),
        Some("March 13, 2006 08:02 AM")
    );
}

#[test]
fn drupal6_unclosed_div_in_text_does_not_swallow_later_comments() {
    // A comment's text says "<div>s" unescaped, so a browser keeps that comment open and the
    // later comments parse inside it. The page prints replies in `div.indented`: a comment
    // inside another with no reply list between is its sibling.
    let p = family("drupal6-unclosed");
    assert_eq!(
        tree(&p),
        vec![
            row("70", None, 0, "Ines"),
            row("71", Some("70"), 1, "Tom"),
            row("72", None, 0, "Pablo"),
            row("73", None, 0, "Ann"),
            row("74", Some("73"), 1, "Tom"),
        ]
    );
}

#[test]
fn b2evolution_comments_after_short_anchors() {
    // b2evolution prints `<a id="cN"></a>` (`Comment::anchor()`) before each `div.bComment`:
    // "Comment from: NAME [Visitor] · URL" or "Trackback from: BLOG" in `bCommentTitle`, the
    // text in `bCommentText`, the permalink and date in `bCommentSmallPrint`.
    let p = family("b2evolution");
    let rows: Vec<(String, String)> = p
        .comments
        .iter()
        .map(|c| (c.id.clone(), c.author.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            ("c301".to_string(), "Pablo".to_string()),
            ("c302".to_string(), "City Watch".to_string()),
        ]
    );
    assert_eq!(kinds(&p), [CommentKind::Comment, CommentKind::Trackback]);
    assert_eq!(
        p.comments[0].author_url.as_deref(),
        Some("http://pablo.example/")
    );
    let t = texts(&p);
    assert_eq!(
        t[0],
        "Finally. The number 9 bus is always full in the morning."
    );
    assert_eq!(
        t[1],
        "Six new stops, and not one of them in the north of the city."
    );
}
