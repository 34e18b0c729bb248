//! A comment list read in chunks (`extract::chunk_parse`, used on big pages) gives exactly the
//! post a whole parse gives: checked on every HTML fixture and corpus page (when restored) and
//! on seeded WordPress threads built from what the chunk reading must get right (flat capped
//! replies, raw-source nesting, wrapped `li-comment-N` items, pings, comments with no name,
//! `<base href>`, a list inside a comment) and what must make it give up (forms, scripts and
//! headings in comments, anchors between items). Chunks are made tiny so that pages of a few
//! kilobytes are cut into many.

#[path = "../benches/support/wp_page.rs"]
mod wp_page;

use parlor::extract;
use std::fmt::Write as _;
use url::Url;
#[path = "support/pages.rs"]
mod pages;
#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

/// Extracts `html` both ways; panics when the posts differ. True when it was read in chunks.
fn same_post(html: &str, url: &Url, chunk: usize, what: &str) -> bool {
    let (chunked, was) = extract::extract_chunked(html, url, 0, chunk);
    let whole = extract::extract_whole(html, url);
    if chunked != whole {
        let (a, b) = (format!("{whole:#?}"), format!("{chunked:#?}"));
        let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        let lo = a[..at].rfind("Comment {").unwrap_or(at.saturating_sub(600));
        panic!(
            "{what}: chunked reading differs at byte {at}:\nwhole: {}\nchunked: {}",
            a.get(lo..(at + 300).min(a.len())).unwrap_or("?"),
            b.get(lo..(at + 300).min(b.len())).unwrap_or("?"),
        );
    }
    was
}

#[test]
fn generated_threads_read_in_chunks_match() {
    let url = Url::parse("https://bench.test/2024/05/post/").expect("url");
    for (n, long) in [(60, false), (400, false), (120, true)] {
        let html = wp_page::page(n, url.as_str(), long);
        assert!(
            same_post(&html, &url, 4096, &format!("wp_page({n})")),
            "a plain WordPress thread of {n} comments is read in chunks"
        );
    }
    // The real path reads the bench page in chunks too.
    let html = wp_page::page(2000, url.as_str(), false);
    assert!(html.len() >= extract::chunk_parse::MIN_PAGE);
    let p = extract::nesting::prepare(&html).expect("prepared");
    assert!(extract::chunk_parse::parse(&p, &url, extract::chunk_parse::MIN_PAGE).is_some());
}

#[test]
fn fixture_and_corpus_pages_match_when_chunked() {
    let url = Url::parse("https://example.test/2024/01/a-post/").expect("url");
    let (files, fixtures) = pages::fixture_and_corpus_pages();
    let mut chunked = 0;
    for f in &files {
        let bytes = std::fs::read(f).expect("read");
        let html = parlor::net::decode_html(&bytes, None);
        if same_post(&html, &url, 1024, &f.display().to_string()) {
            chunked += 1;
        }
    }
    println!(
        "CHUNK_PARSE pages={} fixtures={fixtures} chunked={chunked}",
        files.len()
    );
    assert!(fixtures > 100, "the fixtures are there");
    assert!(
        chunked >= 10,
        "fixture threads are read in chunks ({chunked})"
    );
}

/// One comment of a generated thread, with its replies.
/// `level` bounds the recursion (flat replies keep their parent's `depth`).
fn comment(
    out: &mut String,
    rng: &mut Rng,
    id: &mut usize,
    depth: usize,
    level: usize,
    flat: bool,
) {
    *id += 1;
    let n = *id;
    let kids = if level < 3 { rng.below(3) } else { 0 };
    let parent = if kids > 0 || rng.below(4) == 0 {
        " parent"
    } else {
        ""
    };
    let wrapped = rng.below(6) == 0;
    let (open, close) = if wrapped {
        (
            format!("<li id=\"li-comment-{n}\" class=\"comment depth-{d}{parent}\"><article id=\"comment-{n}\" class=\"comment depth-{d}{parent}\">", d = depth + 1),
            "</article></li>",
        )
    } else if rng.below(12) == 0 {
        (
            format!(
                "<li id=\"comment-{n}\" class=\"pingback depth-{}\">",
                depth + 1
            ),
            "</li>",
        )
    } else {
        (
            format!(
                "<li id=\"comment-{n}\" class=\"comment depth-{}{parent}\">",
                depth + 1
            ),
            "</li>",
        )
    };
    out.push_str(&open);
    // Sometimes no name, no date or no text class: read by structure.
    match rng.below(150) {
        0 => {}
        1 => out.push_str("<strong>Someone</strong> "),
        _ => {
            let _ = write!(
                out,
                "<cite class=\"fn\"><a href=\"/u/{n}\">User {n}</a></cite>"
            );
        }
    }
    if rng.below(150) != 0 {
        let _ = write!(
            out,
            "<div class=\"comment-meta\"><a href=\"#comment-{n}\">May {n}, 2024</a></div>"
        );
    }
    let body = match rng.below(3000) {
        0 => "<h3>A heading in a comment</h3>",
        1 => "<form method=post><textarea name=comment></textarea><input name=author></form>",
        2 => "<script>var x = 1;</script>",
        3 => "<iframe src=\"https://video.test/x\"></iframe>",
        4 => "<div id=\"disqus_thread\"></div>",
        _ => "",
    };
    let _ = write!(out, "<div class=\"comment-content\"><p>Text of {n} with <a href=\"rel/{n}\">a link</a>.</p>{body}</div>");
    if kids > 0 && !flat {
        out.push_str("<ol class=\"children\">");
        for _ in 0..kids {
            let flat = rng.below(5) == 0;
            comment(out, rng, id, depth + 1, level + 1, flat);
        }
        out.push_str("</ol>");
    } else if kids > 0 && rng.below(2) == 0 {
        // A block theme's capped replies: items inside the item, without a list.
        comment(out, rng, id, depth + 1, level + 1, true);
    }
    out.push_str(close);
    if kids > 0 && flat {
        // Past the depth cap: replies printed flat after their parent.
        for _ in 0..kids {
            comment(out, rng, id, depth, level + 1, true);
        }
    }
    match rng.below(2000) {
        0 => {
            let _ = write!(out, "<a name=\"after-{n}\"></a>");
        }
        1..=9 => out.push_str("text between items"),
        10..=80 => out.push_str("<!-- #comment-## -->\n"),
        _ => {}
    }
}

fn thread_page(rng: &mut Rng) -> String {
    let mut out = String::from("<!doctype html><html><head><title>A post</title>");
    if rng.below(5) == 0 {
        out.push_str("<base href=\"https://elsewhere.test/dir/\">");
    }
    out.push_str(
        "<meta name=\"generator\" content=\"WordPress 6.4\"></head><body><div id=\"page\">",
    );
    if rng.below(8) != 0 {
        out.push_str("<article><h1 class=\"entry-title\">A post</h1><div class=\"entry-content\"><p>The article.</p></div></article>");
    } else {
        out.push_str("<article><h1>A post</h1><p>The article, no content class.</p></article>");
    }
    let inside = rng.below(8) == 0;
    out.push_str("<div id=\"comments\"><ol class=\"commentlist\">");
    let mut id = 1;
    if inside {
        // The whole list is the replies of one comment.
        out.push_str("<li id=\"comment-1\" class=\"comment depth-1 parent\"><cite class=\"fn\">Top</cite><div class=\"comment-content\"><p>Top.</p></div><ol class=\"children\">");
    }
    for _ in 0..(10 + rng.below(60)) {
        let flat = rng.below(6) == 0;
        comment(&mut out, rng, &mut id, usize::from(inside), 0, flat);
    }
    if inside {
        out.push_str("</ol></li>");
    }
    out.push_str("</ol><div id=\"respond\"><form action=\"/wp-comments-post.php\" method=\"post\" id=\"commentform\"><textarea name=\"comment\"></textarea><input name=\"author\"><input name=\"email\"></form></div></div></div></body></html>");
    out
}

#[test]
fn seeded_threads_match_when_chunked() {
    let url = Url::parse("https://blog.test/2024/05/post/").expect("url");
    let mut rng = Rng(0xc4a7_0c4e_5eed_0001);
    let cases = 400;
    let mut chunked = 0;
    for case in 0..cases {
        let html = thread_page(&mut rng);
        let chunk = [200, 600, 2000][rng.below(3)];
        if same_post(
            &html,
            &url,
            chunk,
            &format!("case {case} (chunk {chunk}): {html}"),
        ) {
            chunked += 1;
        }
    }
    println!("CHUNK_SEEDED cases={cases} chunked={chunked}");
    assert!(
        chunked * 4 >= cases,
        "a good share is read in chunks ({chunked})"
    );
    assert!(chunked < cases, "some give up ({chunked})");
}
