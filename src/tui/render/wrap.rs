//! Styled word wrapping: runs of (text, style) → `Line`s no wider than a width, measured with
//! `unicode-width` (CJK and emoji take two columns; wide characters may break anywhere).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// A piece of text in one style; `\n` inside forces a line break.
pub type Run = (String, Style);

/// Display width of one character (control characters count as zero).
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Display width of a string.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Wraps styled runs to `width` columns (at least 1). Spaces at line ends are dropped.
///
/// One pass over the runs' text, words kept as byte ranges of it: a line costs one `String`
/// per styled span, not one per word (re-wrapping a big thread on resize stays cheap).
pub fn wrap(runs: &[Run], width: usize) -> Vec<Line<'static>> {
    let mut text = String::new();
    let mut bounds: Vec<(usize, Style)> = Vec::with_capacity(runs.len());
    for (t, s) in runs {
        text.push_str(t);
        bounds.push((text.len(), *s));
    }
    let mut b = Builder {
        text: &text,
        bounds: &bounds,
        lines: Vec::new(),
        spans: Vec::new(),
        used: 0,
        width: width.max(1),
        space: None,
    };
    // The last token seen: a space is kept only after a word.
    let mut after_word = false;
    let mut word: Option<(usize, usize)> = None; // (start byte, width)
    let mut seg = 0;
    for (i, c) in text.char_indices() {
        while bounds.get(seg).is_some_and(|(end, _)| *end <= i) {
            seg += 1;
        }
        let style = bounds.get(seg).map_or_else(Style::default, |(_, s)| *s);
        if c == '\n' {
            b.flush(&mut word, i);
            b.newline();
            b.space = None;
            after_word = false;
        } else if c.is_whitespace() {
            after_word |= b.flush(&mut word, i);
            if after_word {
                after_word = false;
                if b.used > 0 {
                    b.space = Some(style);
                }
            }
        } else {
            let w = if c.is_ascii() {
                usize::from(!c.is_ascii_control())
            } else {
                char_width(c)
            };
            if w >= 2 {
                after_word |= b.flush(&mut word, i);
            }
            word.get_or_insert((i, 0)).1 += w;
            if w >= 2 {
                after_word |= b.flush(&mut word, i + c.len_utf8());
            }
        }
    }
    b.flush(&mut word, text.len());
    if !b.spans.is_empty() {
        b.newline();
    }
    b.lines
}

struct Builder<'a> {
    text: &'a str,
    /// (end byte, style) of each run in `text`.
    bounds: &'a [(usize, Style)],
    lines: Vec<Line<'static>>,
    spans: Vec<(String, Style)>,
    used: usize,
    width: usize,
    /// A space waiting to go before the next word on this line.
    space: Option<Style>,
}

impl Builder<'_> {
    fn newline(&mut self) {
        let spans: Vec<Span<'static>> = self
            .spans
            .drain(..)
            .map(|(t, s)| Span::styled(t, s))
            .collect();
        self.lines.push(Line::from(spans));
        self.used = 0;
    }

    fn push_str(&mut self, text: &str, style: Style) {
        match self.spans.last_mut() {
            Some((last, s)) if *s == style => last.push_str(text),
            _ => self.spans.push((text.to_string(), style)),
        }
    }

    /// Bytes `start..end` of the text, split where the style changes.
    fn push_range(&mut self, start: usize, end: usize) {
        let mut seg = self.bounds.partition_point(|(e, _)| *e <= start);
        let mut at = start;
        while at < end {
            let Some(&(seg_end, style)) = self.bounds.get(seg) else {
                break;
            };
            let to = seg_end.min(end);
            if to > at {
                let text = self.text;
                self.push_str(&text[at..to], style);
            }
            at = to;
            seg += 1;
        }
    }

    /// Ends the word in progress (if any) at byte `end`; true when there was one.
    fn flush(&mut self, word: &mut Option<(usize, usize)>, end: usize) -> bool {
        let Some((start, w)) = word.take() else {
            return false;
        };
        let sp = usize::from(self.space.is_some());
        if self.used + sp + w <= self.width {
            if let Some(style) = self.space {
                self.push_str(" ", style);
                self.used += 1;
            }
            self.push_range(start, end);
            self.used += w;
        } else if w <= self.width {
            self.newline();
            self.push_range(start, end);
            self.used += w;
        } else {
            match self.space {
                Some(style) if self.used + 2 < self.width => {
                    self.push_str(" ", style);
                    self.used += 1;
                }
                _ if self.used > 0 => self.newline(),
                _ => {}
            }
            self.push_long(start, end);
        }
        self.space = None;
        true
    }

    /// A word wider than the line, broken between characters.
    fn push_long(&mut self, start: usize, end: usize) {
        let text = self.text;
        for (i, c) in text[start..end].char_indices() {
            let w = char_width(c);
            if self.used + w > self.width && self.used > 0 {
                self.newline();
            }
            let at = start + i;
            let seg = self.bounds.partition_point(|(e, _)| *e <= at);
            let style = self
                .bounds
                .get(seg)
                .map_or_else(Style::default, |(_, s)| *s);
            self.push_str(&text[at..at + c.len_utf8()], style);
            self.used += w;
        }
    }
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
