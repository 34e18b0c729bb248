//! Finding our own comment in a freshly fetched thread, so an outbox retry never posts twice.
//! Texts are compared on a normal form that undoes WordPress's `wptexturize` and whitespace.

use crate::model::{blocks_text, CommentKind, Post};

/// Finds our comment in a freshly fetched thread and returns its id (the newest match).
///
/// A comment matches when its author equals `author` (trimmed, case-insensitive, after
/// texturize normalisation; an empty `author` matches anyone) and its text equals `body` after
/// [`normalize_text`] (or equals `body` with HTML tags removed, as WordPress's kses removes
/// them). The parent must be `parent` (`None` = top level). Failing that, a comment is also
/// accepted where WordPress would have put it anyway: after the parent and under one of its
/// ancestors (replies past the maximum depth are shown flat), or at top level when the parent
/// is not in the thread (WordPress resets an unknown parent to 0).
pub fn find_posted(post: &Post, parent: Option<&str>, author: &str, body: &str) -> Option<String> {
    let want = normalize_text(body);
    if want.is_empty() {
        return None;
    }
    let want_plain = body.contains('<').then(|| normalize_text(&html_text(body)));
    let want_author = normalize_text(author).to_lowercase();
    let matches: Vec<usize> = post
        .comments
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == CommentKind::Comment)
        .filter(|(_, c)| {
            want_author.is_empty() || normalize_text(&c.author).to_lowercase() == want_author
        })
        .filter(|(_, c)| {
            let have = normalize_text(&blocks_text(&c.blocks));
            have == want
                || want_plain.as_ref().is_some_and(|w| *w == have)
                // A service that puts a quote of the parent first (parlor's utterances
                // replies): the text ends the comment. Only long texts, so "+1" stays exact.
                || (want.chars().count() >= MIN_TAIL && have.ends_with(&format!(" {want}")))
        })
        .map(|(i, _)| i)
        .collect();
    let strict = matches
        .iter()
        .rev()
        .find(|&&i| post.comments[i].parent.as_deref() == parent);
    let found = strict.or_else(|| {
        let allowed = fallback_parents(post, parent?);
        matches.iter().rev().find(|&&i| {
            let c = &post.comments[i];
            allowed
                .iter()
                .any(|(p, from)| *p == c.parent.as_deref() && i >= *from)
        })
    })?;
    post.comments.get(*found).map(|c| c.id.clone())
}

/// Shortest text (in characters) found as the end of a longer comment.
const MIN_TAIL: usize = 20;

/// How many ancestors of the parent are considered.
const MAX_ANCESTORS: usize = 64;

/// Where a reply to `parent` may show up besides under `parent`, as (parent, first index):
/// under each ancestor of `parent` (including the top level) after `parent`'s position; or at
/// top level anywhere when `parent` is not in the thread.
fn fallback_parents<'a>(post: &'a Post, parent: &str) -> Vec<(Option<&'a str>, usize)> {
    let Some(pos) = post.comment_index(parent) else {
        return vec![(None, 0)];
    };
    let from = pos + 1;
    let mut out = Vec::new();
    let mut current = post.comments.get(pos).and_then(|c| c.parent.as_deref());
    // Bounded walk (WordPress nests at most 10 deep): a hostile page may contain a cycle.
    for _ in 0..MAX_ANCESTORS {
        out.push((current, from));
        let Some(id) = current else { break };
        current = post
            .comment_index(id)
            .and_then(|i| post.comments.get(i))
            .and_then(|c| c.parent.as_deref());
    }
    out
}

/// The text of an HTML fragment (what kses leaves of a comment typed with tags).
fn html_text(body: &str) -> String {
    crate::extract::parse_fragment(body)
        .root_element()
        .text()
        .collect()
}

/// Normal form for comparing a typed comment with its rendering: undoes `wptexturize` (curly
/// quotes and primes → straight, en/em dashes and `--` → `-`, `…` → `...`, `×` → `x`,
/// `™` → `(tm)`, ``` `` ```/`''` → `"`), decodes stray `&#8217;`-style entities, removes
/// invisible characters, and collapses whitespace (paragraphs, `<br>`, NBSP) to single spaces.
pub fn normalize_text(text: &str) -> String {
    let decoded = decode_texturize_entities(text);
    let text = decoded.replace("``", "\"").replace("''", "\"");
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let mapped: &str = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => "'",
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => "\"",
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '-' => "-",
            '\u{2026}' => "...",
            '\u{d7}' => "x",
            '\u{2122}' => "(tm)",
            c if c.is_whitespace() => {
                space = !out.is_empty();
                continue;
            }
            c if c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}') =>
            {
                continue
            }
            _ => "",
        };
        if space {
            out.push(' ');
            space = false;
        }
        if mapped.is_empty() {
            out.push(c);
        } else if !(mapped == "-" && out.ends_with('-')) {
            out.push_str(mapped);
        }
    }
    out
}

/// `&#8217;`, `&#x2019;`, `&rsquo;` and friends, as they appear when a theme double-escapes.
fn decode_texturize_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    const NAMED: &[(&str, &str)] = &[
        ("&lsquo;", "\u{2018}"),
        ("&rsquo;", "\u{2019}"),
        ("&ldquo;", "\u{201c}"),
        ("&rdquo;", "\u{201d}"),
        ("&ndash;", "\u{2013}"),
        ("&mdash;", "\u{2014}"),
        ("&hellip;", "\u{2026}"),
        ("&times;", "\u{d7}"),
        ("&prime;", "\u{2032}"),
        ("&Prime;", "\u{2033}"),
        ("&nbsp;", " "),
        ("&quot;", "\""),
        ("&#039;", "'"),
        ("&#39;", "'"),
    ];
    let mut out = text.to_string();
    for (entity, ch) in NAMED {
        out = out.replace(entity, ch);
    }
    decode_numeric(&out)
}

/// Decodes `&#NNNN;` and `&#xHHHH;` for the texturize range (U+2000–U+22FF and U+00D7).
fn decode_numeric(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("&#") {
        out.push_str(&rest[..start]);
        let tail = &rest[start + 2..];
        let decoded = tail.find(';').filter(|&end| end <= 7).and_then(|end| {
            let digits = &tail[..end];
            let code = match digits.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => digits.parse::<u32>().ok(),
            }?;
            let c =
                char::from_u32(code).filter(|c| matches!(c, '\u{2000}'..='\u{22ff}' | '\u{d7}'))?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push_str("&#");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::{find_posted, normalize_text};
    use crate::model::{Block, Comment, Inline, Post};

    fn said(id: &str, text: &str) -> Comment {
        Comment {
            id: id.into(),
            author: "octocat".into(),
            blocks: vec![Block::Paragraph {
                content: vec![Inline::Text { text: text.into() }],
            }],
            ..Comment::default()
        }
    }

    #[test]
    fn a_reply_that_starts_with_a_quote_is_found_by_its_own_text() {
        let post = Post {
            comments: vec![
                said("1", "The parent's words."),
                said(
                    "2",
                    "> user0 wrote: The parent's words. I agree with all of this, twice.",
                ),
                said("3", "> user0 wrote: hi +1"),
            ],
            ..Post::default()
        };
        let long = "I agree with all of this, twice.";
        assert_eq!(
            find_posted(&post, Some("1"), "", long).as_deref(),
            Some("2")
        );
        // Short texts must match whole.
        assert_eq!(find_posted(&post, Some("1"), "", "+1"), None);
    }

    #[test]
    fn undoes_texturize() {
        assert_eq!(
            normalize_text("It\u{2019}s \u{201c}fine\u{201d} \u{2013} really\u{2026}"),
            "It's \"fine\" - really..."
        );
        assert_eq!(
            normalize_text("It's \"fine\" -- really..."),
            "It's \"fine\" - really..."
        );
        assert_eq!(normalize_text("a---b 2\u{d7}3 ``q''"), "a-b 2x3 \"q\"");
        assert_eq!(
            normalize_text("It&#8217;s &#x201C;x&#8221; &amp; &#9999999;"),
            "It's \"x\" &amp; &#9999999;"
        );
        assert_eq!(
            normalize_text("  one\n\ntwo\u{a0}\u{200b}three  "),
            "one two three"
        );
    }
}
