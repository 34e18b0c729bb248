//! Markdown output: the article as CommonMark, comments as sections nested in blockquotes by
//! depth, each under a "**author** · date" line.

use super::{author_or_anonymous, byline, comment_date, comment_marks, comments_heading, Part};
use crate::model::{Block, Comment, Inline, Post};

/// Deepest blockquote nesting used for replies (deeper ones stay at this level).
const MAX_QUOTE_DEPTH: usize = 12;

/// The post as Markdown (see [`Part`] for what is included).
pub fn to_markdown(post: &Post, part: Part) -> String {
    let mut out: Vec<String> = Vec::new();
    if part.article() {
        let title = if post.title.is_empty() {
            "(untitled)"
        } else {
            &post.title
        };
        out.push(format!("# {}", escape(title)));
        if let Some(by) = byline(post) {
            out.push(String::new());
            out.push(format!("*{}*", escape(&by)));
        }
        let body = blocks(&post.blocks, 0);
        if !body.is_empty() {
            out.push(String::new());
            out.extend(body);
        }
    }
    if part.comments() {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push(format!("## {}", comments_heading(post)));
        for c in &post.comments {
            out.push(String::new());
            let prefix = "> ".repeat(usize::from(c.depth).min(MAX_QUOTE_DEPTH));
            let mut lines = vec![comment_header(c), String::new()];
            lines.extend(blocks(&c.blocks, 0));
            if lines.last().is_some_and(String::is_empty) {
                lines.pop();
            }
            out.extend(
                lines
                    .into_iter()
                    .map(|l| format!("{prefix}{l}").trim_end().to_string()),
            );
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// "**Bob** [OP] · [2024-05-02 08:00](permalink)".
fn comment_header(c: &Comment) -> String {
    let name = escape(author_or_anonymous(c));
    let mut header = match &c.author_url {
        Some(url) => format!("**[{name}]({})**", href(url)),
        None => format!("**{name}**"),
    };
    header.push_str(&comment_marks(c));
    if let Some(date) = comment_date(c) {
        header.push_str(" · ");
        match &c.permalink {
            Some(link) => header.push_str(&format!("[{}]({})", escape(&date), href(link))),
            None => header.push_str(&escape(&date)),
        }
    }
    header
}

/// Blocks separated by blank lines.
fn blocks(blocks: &[Block], nest: usize) -> Vec<String> {
    if nest >= super::MAX_NEST {
        return vec!["\\[…\\]".to_string()];
    }
    let mut out = Vec::new();
    for b in blocks {
        let lines = block(b, nest + 1);
        if lines.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
    }
    out
}

fn block(b: &Block, nest: usize) -> Vec<String> {
    match b {
        Block::Heading { level, content } => {
            let text = inline(content).replace('\n', " ");
            if text.trim().is_empty() {
                return Vec::new();
            }
            vec![format!(
                "{} {}",
                "#".repeat(usize::from((*level).clamp(1, 6))),
                text.trim()
            )]
        }
        Block::Paragraph { content } => paragraph(content),
        Block::List { ordered, items } => list(*ordered, items, nest),
        Block::Quote { blocks: inner } => blocks(inner, nest)
            .into_iter()
            .map(|l| {
                if l.is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            })
            .collect(),
        Block::Code { lang, text } => {
            let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
            let mut lines = vec![format!("{fence}{}", lang.as_deref().unwrap_or_default())];
            lines.extend(text.trim_end_matches('\n').split('\n').map(str::to_string));
            lines.push(fence);
            lines
        }
        Block::Image {
            alt,
            src: Some(src),
        } => vec![format!("![{}]({})", escape(alt), href(src))],
        Block::Image { alt, src: None } => vec![format!("\\[image: {}\\]", escape(alt))],
        Block::Rule => vec!["---".to_string()],
        Block::Table { header, rows } => table(*header, rows),
    }
}

/// Paragraph lines: a `Break` ends a line with a backslash; line starts that Markdown would
/// read as syntax are escaped.
fn paragraph(content: &[Inline]) -> Vec<String> {
    let text = inline(content);
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| escape_line_start(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i + 1 < n { format!("{l}\\") } else { l })
        .collect()
}

fn list(ordered: bool, items: &[Vec<Block>], nest: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", i + 1)
        } else {
            "- ".to_string()
        };
        let pad = " ".repeat(marker.len());
        let lines = blocks(item, nest);
        if lines.is_empty() {
            out.push(marker.trim_end().to_string());
        }
        for (j, line) in lines.into_iter().enumerate() {
            out.push(match (j, line.is_empty()) {
                (0, _) => format!("{marker}{line}"),
                (_, true) => line,
                _ => format!("{pad}{line}"),
            });
        }
    }
    out
}

fn table(header: bool, rows: &[Vec<Vec<Inline>>]) -> Vec<String> {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    let row_line = |row: &[Vec<Inline>]| {
        let mut cells: Vec<String> = row
            .iter()
            .map(|c| inline(c).replace('\n', " ").replace('|', "\\|"))
            .collect();
        cells.resize(cols, String::new());
        format!("| {} |", cells.join(" | "))
    };
    let mut out = Vec::new();
    let body = if header {
        out.push(row_line(
            rows.first().map(Vec::as_slice).unwrap_or_default(),
        ));
        rows.get(1..).unwrap_or_default()
    } else {
        out.push(format!("|{}", " |".repeat(cols)));
        rows
    };
    out.push(format!("|{}", " --- |".repeat(cols)));
    out.extend(body.iter().map(|r| row_line(r)));
    out
}

/// Inline Markdown; `Break` becomes '\n' (handled by `paragraph`).
fn inline(content: &[Inline]) -> String {
    let mut out = String::new();
    for i in content {
        match i {
            Inline::Text { text } => out.push_str(&escape(text)),
            Inline::Emphasis { content } => wrap_in(&mut out, "*", &inline(content)),
            Inline::Strong { content } => wrap_in(&mut out, "**", &inline(content)),
            Inline::Code { text } => {
                let fence = "`".repeat(longest_run(text, '`') + 1);
                let pad = if text.starts_with('`') || text.ends_with('`') {
                    " "
                } else {
                    ""
                };
                out.push_str(&format!("{fence}{pad}{text}{pad}{fence}"));
            }
            Inline::Link {
                href: target,
                content,
            } => {
                let text = inline(content);
                let text = if text.trim().is_empty() {
                    escape(target)
                } else {
                    text
                };
                out.push_str(&format!("[{text}]({})", href(target)));
            }
            Inline::Break => out.push('\n'),
        }
    }
    out
}

/// `*text*` with the whitespace kept outside the markers (CommonMark needs that).
fn wrap_in(out: &mut String, marker: &str, text: &str) {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        out.push_str(text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    out.push_str(&format!("{lead}{marker}{trimmed}{marker}{trail}"));
}

/// Backslash-escapes the characters Markdown would read as inline syntax.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a line start that would become a heading, list item or rule.
fn escape_line_start(line: &str) -> String {
    if line.starts_with(['#', '-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_string()
}

/// A link target safe inside `( )`.
fn href(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::sample;

    const ALL: &str = "# Hello

*By Ann · 2024-05-01 · Blog*

## Intro

See the [docs](https://docs.test/) *now*.

- one
- two

> wise words

```rust
fn main() {}
```

![A cat](https://blog.test/cat.png)

## 3 comments

**Bob** · [2024-05-02 08:00](https://blog.test/2024/05/hello/#comment-1)

Nice post.

> **Ann** [OP] · May 2, 2024
>
> Thanks, Bob! Read [more](https://blog.test/more/)

**Other Blog** [pending] [pingback]

Other Blog linked here
";

    #[test]
    fn whole_post() {
        assert_eq!(to_markdown(&sample::post(), Part::All), ALL);
    }

    #[test]
    fn article_only_has_no_comments() {
        let md = to_markdown(&sample::post(), Part::Article);
        assert!(
            md.ends_with("![A cat](https://blog.test/cat.png)\n"),
            "{md}"
        );
        assert!(!md.contains("comments"));
    }

    #[test]
    fn escapes_and_code_spans() {
        let content = vec![
            Inline::Text {
                text: "1. a *star* and [x]".into(),
            },
            Inline::Break,
            Inline::Text {
                text: "# not heading ".into(),
            },
            Inline::Code { text: "a`b".into() },
        ];
        assert_eq!(
            paragraph(&content),
            ["1\\. a \\*star\\* and \\[x\\]\\", "\\# not heading ``a`b``"]
        );
        let code = Block::Code {
            lang: None,
            text: "```\nx".into(),
        };
        assert_eq!(block(&code, 0), ["````", "```", "x", "````"]);
    }
}
