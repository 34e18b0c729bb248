//! Trims what templates print around an article's text and engines keep with it: a leading
//! date header or a repeat of the title, and a trailing run of byline and comment-section
//! lines ("Posted by … | Permalink | Comments (53)", "Comments", "TrackBack URL …", "Post a
//! comment"). Only whole short blocks at either end go; the article itself is never emptied.
//! The author's name loses the byline words and date printed around it ("Posted by … at …").

use crate::model::{blocks_text, Block, Post};

/// Longest block (in characters) that can be chrome.
const MAX_CHROME: usize = 160;
/// Blocks looked at from the start (a date header and a title) and from the end.
const MAX_FRONT: usize = 4;
const MAX_TRIM: usize = 8;

/// Comment-section headings, lowercased, without trailing punctuation.
const SECTION_WORDS: [&str; 21] = [
    "comments",
    "comment",
    "trackbacks",
    "trackback",
    "pingbacks",
    "responses",
    "post a comment",
    "leave a comment",
    "leave a reply",
    "add a comment",
    "comments are closed",
    "no comments",
    "no comments yet",
    "reader comments",
    "write a comment",
    "join the discussion",
    "トラックバック",
    "コメント",
    "コメントする",
    "コメントしてください",
    "コメントを投稿",
];

/// Removes chrome blocks from both ends of `post.blocks`.
pub(super) fn trim(post: &mut Post) {
    post.author = post
        .author
        .take()
        .and_then(|a| super::meta::clean_author(&a));
    let title = squash(&post.title);
    let mut front = 0;
    while front < MAX_FRONT && post.blocks.len() > front + 1 {
        match text_of(&post.blocks[front]) {
            Some(t)
                if short(&t)
                    && (repeats_title(&t, &title)
                        || date_line(&t)
                        || nav_line(&t)
                        || byline(&t)
                        || filed_line(&t)) =>
            {
                front += 1
            }
            _ => break,
        }
    }
    post.blocks.drain(..front);
    let mut cut = post.blocks.len();
    while cut > 1 && post.blocks.len() - cut < MAX_TRIM {
        match text_of(&post.blocks[cut - 1]) {
            Some(t) if kubrick_footer(&t) => cut -= 1,
            Some(t)
                if short(&t)
                    && (section_line(&t) || byline(&t) || date_line(&t) || licence_line(&t)) =>
            {
                cut -= 1
            }
            _ => break,
        }
    }
    post.blocks.truncate(cut);
}

/// The text of a heading or paragraph that may be chrome (at most twice [`MAX_CHROME`]).
fn text_of(b: &Block) -> Option<String> {
    if !matches!(b, Block::Heading { .. } | Block::Paragraph { .. }) {
        return None;
    }
    let t = blocks_text(std::slice::from_ref(b));
    let t = t.trim();
    (!t.is_empty() && t.chars().count() <= 2 * MAX_CHROME).then(|| t.to_string())
}

fn short(t: &str) -> bool {
    t.chars().count() <= MAX_CHROME
}

/// WordPress Kubrick's footer: "This entry was posted on DATE and is filed under X. You can
/// follow any responses to this entry through the RSS 2.0 feed. …" (longer than other chrome).
fn kubrick_footer(t: &str) -> bool {
    squash(t).starts_with("this entry was posted")
}

/// "4 November 2004 by Rose — Filed under Politics": a dated category line.
fn filed_line(t: &str) -> bool {
    let l = squash(t);
    (l.contains("filed under") || l.starts_with("posted in")) && has_year(&l)
}

/// "… is licensed under a Creative Commons … License", "Creative Commons License".
fn licence_line(t: &str) -> bool {
    let l = squash(t);
    l == "creative commons license" || l.contains("licensed under a creative commons")
}

/// Lowercase words separated by single spaces.
fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The post's title again, or the title without the site name the `<title>` adds.
fn repeats_title(t: &str, title: &str) -> bool {
    let t = squash(t);
    if t.is_empty() || title.is_empty() {
        return false;
    }
    title == t
        || [": ", " | ", " - ", " – ", " — ", " » ", " :: "]
            .iter()
            .any(|sep| {
                title
                    .strip_prefix(t.as_str())
                    .is_some_and(|rest| rest.starts_with(sep))
                    || title
                        .strip_suffix(t.as_str())
                        .is_some_and(|rest| rest.ends_with(sep))
            })
}

/// "October 09, 2003", "2005-04-12", "Tuesday, 12 April 2005": a short line with a year and
/// at most six words, nothing else.
fn date_line(t: &str) -> bool {
    let words = t.split_whitespace().count();
    let year = has_year(t);
    // "12.04.2005" is a date; "We met in 2004. It rained." is a sentence.
    let sentence = t.ends_with(['!', '?']) || t.contains(". ") || (t.ends_with('.') && words > 3);
    year && words <= 6 && t.chars().count() <= 40 && !sentence
}

/// A comment-section heading or link line ("Comments", "TrackBack URL for this entry: …",
/// "Comments (3)").
fn section_line(t: &str) -> bool {
    let l = squash(t);
    let bare = l.trim_end_matches([':', '.', '!']);
    let no_count = bare
        .split_once(" (")
        .filter(|(_, n)| n.trim_end_matches(')').bytes().all(|b| b.is_ascii_digit()))
        .map_or(bare, |(w, _)| w);
    // "123 Responses to “Post”", "12 thoughts on “Post”", "3 replies to …"
    let counted = l.split_once(' ').is_some_and(|(n, rest)| {
        (n.bytes().all(|b| b.is_ascii_digit()) || matches!(n, "one" | "no"))
            && [
                "responses to",
                "response to",
                "thoughts on",
                "thought on",
                "replies to",
                "reply to",
                "comments on",
                "comments to",
            ]
            .iter()
            .any(|w| rest.starts_with(w))
    });
    counted
        || SECTION_WORDS.contains(&bare)
        || SECTION_WORDS.contains(&no_count)
        || l.starts_with("trackback url")
        || l.starts_with("trackback uri")
        || l.starts_with("このエントリーのトラックバックurl")
        // The trackback address printed on a line of its own.
        || (!l.contains(' ') && (l.contains("mt-tb.cgi") || l.contains("/trackback/")))
}

/// "Posted by NAME at DATE | Permalink | Comments (53)", "Posted by patata at October 15,
/// 2005 10:55 AM", "This entry was posted on … and is filed under …": a byline with the
/// post's date or links.
fn byline(t: &str) -> bool {
    let l = squash(t);
    let posted = [
        "posted by",
        "posted at",
        "posted on",
        "投稿者",
        "this entry was posted",
    ]
    .iter()
    .any(|p| l.starts_with(p));
    posted
        && (l.contains('|')
            || l.contains("permalink")
            || l.contains("comments")
            || has_year(&l)
            || l.starts_with("this entry"))
}

/// A year from 1900 to 2099 among the digits.
fn has_year(t: &str) -> bool {
    t.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20")))
}

/// "« Previous post | Main | Next post »": the archive's navigation line.
fn nav_line(t: &str) -> bool {
    (t.starts_with('«') || t.ends_with('»')) && t.contains(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inline;

    fn para(t: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text { text: t.into() }],
        }
    }

    fn texts(p: &Post) -> Vec<String> {
        p.blocks
            .iter()
            .map(|b| blocks_text(std::slice::from_ref(b)))
            .collect()
    }

    #[test]
    fn date_title_and_comment_section_lines_go_the_text_stays() {
        let mut p = Post {
            title: "A post: the blog".into(),
            blocks: vec![
                para("October 09, 2003"),
                para("A post"),
                para("The text, which stays. Posted by nobody in 2003."),
                para("Posted by miyagawa at October 9, 2003 04:47 PM | Permalink | Comments (53)"),
                para("Comments"),
                para("TrackBack URL for this entry: http://x/mt-tb.cgi/446"),
                para("Post a comment"),
            ],
            ..Post::default()
        };
        trim(&mut p);
        assert_eq!(
            texts(&p),
            ["The text, which stays. Posted by nobody in 2003."]
        );
    }

    #[test]
    fn an_article_that_is_all_chrome_keeps_its_last_block() {
        let mut p = Post {
            title: "Comments".into(),
            blocks: vec![para("Comments"), para("2004")],
            ..Post::default()
        };
        trim(&mut p);
        assert_eq!(p.blocks.len(), 1);
        let mut q = Post {
            blocks: vec![para("We met in 2004. It rained.")],
            ..Post::default()
        };
        trim(&mut q);
        assert_eq!(q.blocks.len(), 1);
    }
}
