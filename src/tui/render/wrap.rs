//! Styled word wrapping: runs of (text, style) → `Line`s no wider than a width, measured with
//! `unicode-width` (CJK and emoji take two columns; wide characters may break anywhere).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// A piece of text in one style; `\n` inside forces a line break.
pub type Run = (String, Style);

enum Token {
    Word(Vec<Run>, usize),
    Space(Style),
    Break,
}

/// Display width of one character (control characters count as zero).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn push_char(word: &mut Vec<Run>, c: char, style: Style) {
    match word.last_mut() {
        Some((text, s)) if *s == style => text.push(c),
        _ => word.push((c.to_string(), style)),
    }
}

fn tokenize(runs: &[Run]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word: Vec<Run> = Vec::new();
    let mut width = 0;
    let flush = |word: &mut Vec<Run>, width: &mut usize, tokens: &mut Vec<Token>| {
        if !word.is_empty() {
            tokens.push(Token::Word(std::mem::take(word), *width));
            *width = 0;
        }
    };
    for (text, style) in runs {
        for c in text.chars() {
            if c == '\n' {
                flush(&mut word, &mut width, &mut tokens);
                tokens.push(Token::Break);
            } else if c.is_whitespace() {
                flush(&mut word, &mut width, &mut tokens);
                if !matches!(
                    tokens.last(),
                    Some(Token::Space(_)) | Some(Token::Break) | None
                ) {
                    tokens.push(Token::Space(*style));
                }
            } else {
                let w = char_width(c);
                if w >= 2 {
                    flush(&mut word, &mut width, &mut tokens);
                }
                push_char(&mut word, c, *style);
                width += w;
                if w >= 2 {
                    flush(&mut word, &mut width, &mut tokens);
                }
            }
        }
    }
    flush(&mut word, &mut width, &mut tokens);
    tokens
}

struct Builder {
    lines: Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    used: usize,
    width: usize,
}

impl Builder {
    fn newline(&mut self) {
        self.lines.push(Line::from(std::mem::take(&mut self.spans)));
        self.used = 0;
    }

    fn push(&mut self, text: String, style: Style, w: usize) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(&text),
            _ => self.spans.push(Span::styled(text, style)),
        }
        self.used += w;
    }

    fn push_long(&mut self, word: Vec<Run>) {
        for (text, style) in word {
            for c in text.chars() {
                let w = char_width(c);
                if self.used + w > self.width && self.used > 0 {
                    self.newline();
                }
                self.push(c.to_string(), style, w);
            }
        }
    }
}

/// Wraps styled runs to `width` columns (at least 1). Spaces at line ends are dropped.
pub fn wrap(runs: &[Run], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut b = Builder {
        lines: Vec::new(),
        spans: Vec::new(),
        used: 0,
        width,
    };
    let mut space: Option<Style> = None;
    for token in tokenize(runs) {
        match token {
            Token::Space(style) => {
                if b.used > 0 {
                    space = Some(style);
                }
            }
            Token::Break => {
                b.newline();
                space = None;
            }
            Token::Word(word, w) => {
                let sp = usize::from(space.is_some());
                if b.used + sp + w <= width {
                    if let Some(style) = space {
                        b.push(" ".into(), style, 1);
                    }
                    word.into_iter().for_each(|(t, s)| b.push(t, s, 0));
                    b.used += w;
                } else if w <= width {
                    b.newline();
                    word.into_iter().for_each(|(t, s)| b.push(t, s, 0));
                    b.used += w;
                } else {
                    if let (Some(style), true) = (space, b.used + 2 < width) {
                        b.push(" ".into(), style, 1);
                    } else if b.used > 0 {
                        b.newline();
                    }
                    b.push_long(word);
                }
                space = None;
            }
        }
    }
    if !b.spans.is_empty() {
        b.newline();
    }
    b.lines
}

/// Cuts a string to at most `width` columns (for code, which is never re-wrapped).
/// Returns the kept part and whether something was cut.
pub fn clip(text: &str, width: usize) -> (String, bool) {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > width {
            return (out, true);
        }
        used += w;
        out.push(c);
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'static>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_words_and_keeps_styles() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let runs = vec![
            ("the quick ".to_string(), Style::new()),
            ("brown fox".to_string(), bold),
            (" jumps over".to_string(), Style::new()),
        ];
        let lines = wrap(&runs, 10);
        assert_eq!(plain(&lines), vec!["the quick", "brown fox", "jumps over"]);
        assert_eq!(lines[1].spans.len(), 1);
        assert_eq!(lines[1].spans[0].style, bold);
    }

    #[test]
    fn breaks_long_words_and_wide_chars() {
        let lines = wrap(&[("abcdefghij".to_string(), Style::new())], 4);
        assert_eq!(plain(&lines), vec!["abcd", "efgh", "ij"]);
        let lines = wrap(&[("日本語のテキスト".to_string(), Style::new())], 5);
        assert_eq!(plain(&lines), vec!["日本", "語の", "テキ", "スト"]);
        let lines = wrap(&[("a\nb  c".to_string(), Style::new())], 9);
        assert_eq!(plain(&lines), vec!["a", "b c"]);
    }

    #[test]
    fn clip_counts_columns() {
        assert_eq!(clip("héllo wörld", 5), ("héllo".to_string(), true));
        assert_eq!(clip("日本語", 5), ("日本".to_string(), true));
        assert_eq!(clip("abc", 5), ("abc".to_string(), false));
    }
}
