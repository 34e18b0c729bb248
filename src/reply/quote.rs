//! Quoting the parent comment for the compose pane: `> ` lines of its plain text, wrapped.

use crate::model::{blocks_text, Comment};

/// The parent's plain text as `> ` quote lines wrapped to `width` columns in all (at least 20);
/// a blank line between paragraphs becomes a lone `>`. No trailing newline; empty when the
/// comment has no text.
pub fn quote_parent(comment: &Comment, width: usize) -> String {
    let text = blocks_text(&comment.blocks);
    let inner = width.max(20) - 2;
    let mut lines: Vec<String> = Vec::new();
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if lines.last().is_some_and(|l| l != ">") {
                lines.push(">".to_string());
            }
            continue;
        }
        for piece in textwrap::wrap(line, inner) {
            lines.push(format!("> {piece}"));
        }
    }
    while lines.last().is_some_and(|l| l == ">") {
        lines.pop();
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::quote_parent;
    use crate::model::{Block, Comment, Inline};

    fn para(s: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text { text: s.into() }],
        }
    }

    #[test]
    fn quotes_and_wraps_paragraphs() {
        let comment = Comment {
            id: "7".into(),
            blocks: vec![
                para("The quick brown fox jumps over the lazy dog."),
                para("Second."),
            ],
            ..Comment::default()
        };
        assert_eq!(
            quote_parent(&comment, 22),
            "> The quick brown fox\n> jumps over the lazy\n> dog.\n>\n> Second."
        );
        assert_eq!(quote_parent(&Comment::default(), 80), "");
    }
}
