//! Incremental search over a pane's wrapped lines (smart case), match cycling with n/N, and
//! jumping to a match (unfolding a folded sub-thread that hides it).

use super::action::Action;
use super::app::App;
use super::layout::Pane;
use super::lines::Doc;

/// One match: item, line inside the item, byte range inside the line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub item: usize,
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// The active search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub pane: Pane,
    /// In document order.
    pub matches: Vec<Match>,
    pub current: Option<usize>,
}

impl Search {
    /// "3/17" for the status line.
    pub fn position(&self) -> String {
        match self.current {
            Some(i) => format!("{}/{}", i + 1, self.matches.len()),
            None => format!("0/{}", self.matches.len()),
        }
    }

    /// Matches on one line of one item, in order.
    pub fn on_line(&self, item: usize, line: usize) -> &[Match] {
        let from = self
            .matches
            .partition_point(|m| (m.item, m.line) < (item, line));
        let to = self
            .matches
            .partition_point(|m| (m.item, m.line) <= (item, line));
        &self.matches[from..to]
    }
}

/// Every match of `query` in every item of a doc (hidden ones too). Case-insensitive unless
/// the query has an upper-case letter.
pub fn find(doc: &Doc, query: &str) -> Vec<Match> {
    find_in(doc, query, None)
}

/// `find`, looking only at the `(item, line)`s in `only` (sorted) when given: the lines that
/// matched a prefix of `query` (typing narrows the search, it never widens it).
pub fn find_in(doc: &Doc, query: &str, only: Option<&[(usize, usize)]>) -> Vec<Match> {
    if query.is_empty() {
        return Vec::new();
    }
    let fold = !query.chars().any(char::is_uppercase);
    let needle: String = if fold {
        query.chars().map(lower).collect()
    } else {
        query.to_string()
    };
    let mut scan = Scan {
        needle: &needle,
        needle_chars: needle.chars().count(),
        fold,
        text: String::new(),
        hay: String::new(),
        offsets: Vec::new(),
        hay_offsets: Vec::new(),
        out: Vec::new(),
    };
    let items = doc.items();
    match only {
        Some(lines) => {
            for &(item, line_no) in lines {
                if let Some(line) = items.get(item).and_then(|it| it.lines.get(line_no)) {
                    scan.line(item, line_no, line);
                }
            }
        }
        None => {
            for (item, it) in items.iter().enumerate() {
                for (line_no, line) in it.lines.iter().enumerate() {
                    scan.line(item, line_no, line);
                }
            }
        }
    }
    scan.out
}

/// One search's buffers, reused from line to line (no allocation per line).
struct Scan<'a> {
    needle: &'a str,
    needle_chars: usize,
    fold: bool,
    text: String,
    hay: String,
    offsets: Vec<usize>,
    hay_offsets: Vec<usize>,
    out: Vec<Match>,
}

impl Scan<'_> {
    fn line(&mut self, item: usize, line_no: usize, line: &ratatui::text::Line<'_>) {
        self.text.clear();
        for span in &line.spans {
            self.text.push_str(&span.content);
        }
        let text = &self.text;
        let at = |start: usize, end: usize| Match {
            item,
            line: line_no,
            start,
            end,
        };
        if !self.fold {
            let n = self.needle.len();
            self.out
                .extend(text.match_indices(self.needle).map(|(s, _)| at(s, s + n)));
            return;
        }
        if self.needle.is_ascii() {
            // An ASCII needle matches ASCII letters only (the Kelvin sign and dotted İ aside),
            // and lower-casing ASCII in place keeps every byte where it was.
            self.hay.clear();
            self.hay.push_str(text);
            self.hay.make_ascii_lowercase();
            let n = self.needle.len();
            self.out.extend(
                self.hay
                    .match_indices(self.needle)
                    .map(|(s, _)| at(s, s + n)),
            );
            return;
        }
        self.offsets.clear();
        self.offsets.extend(text.char_indices().map(|(i, _)| i));
        self.hay.clear();
        self.hay.extend(text.chars().map(lower));
        self.hay_offsets.clear();
        self.hay_offsets
            .extend(self.hay.char_indices().map(|(i, _)| i));
        for (s, _) in self.hay.match_indices(self.needle) {
            let first = self.hay_offsets.partition_point(|&o| o < s);
            let start = self.offsets.get(first).copied().unwrap_or(text.len());
            let end = self
                .offsets
                .get(first + self.needle_chars)
                .copied()
                .unwrap_or(text.len());
            self.out.push(at(start, end));
        }
    }
}

/// One lower-case char per char, so char positions line up with the original text.
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

impl App {
    /// Sets the query (incremental search) and moves to the first match from the view on.
    pub(crate) fn set_query(&mut self, query: &str) {
        if query.is_empty() {
            self.search = None;
            return;
        }
        let pane = self.focus;
        // Typing on narrows the last search: only its matching lines can match again.
        let narrowed: Option<Vec<(usize, usize)>> = self
            .search
            .as_ref()
            .filter(|s| s.pane == pane && !s.query.is_empty() && query.starts_with(&s.query))
            .map(|s| {
                let mut lines: Vec<(usize, usize)> =
                    s.matches.iter().map(|m| (m.item, m.line)).collect();
                lines.dedup();
                lines
            });
        let matches = find_in(&self.pane(pane).doc, query, narrowed.as_deref());
        let here = self
            .pane(pane)
            .doc
            .item_at_line(self.pane(pane).top)
            .map_or(0, |(item, _)| item);
        let current = if matches.is_empty() {
            None
        } else {
            Some(matches.partition_point(|m| m.item < here) % matches.len())
        };
        self.search = Some(Search {
            query: query.to_string(),
            pane,
            matches,
            current,
        });
        self.show_match();
    }

    /// n / N.
    pub(crate) fn next_match(&mut self, forward: bool) {
        let Some(search) = &mut self.search else {
            let text = format!(
                "no search: press {} to search",
                self.settings.keymap.first(Action::Search)
            );
            self.info(&text);
            return;
        };
        let n = search.matches.len();
        if n == 0 {
            let text = format!("not found: {}", search.query);
            self.error(&text);
            return;
        }
        let i = search.current.unwrap_or(0);
        search.current = Some(if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        });
        self.show_match();
    }

    /// Scrolls the search's pane so the current match shows (a third from the top).
    fn show_match(&mut self) {
        let Some((pane, m)) = self.search.as_ref().and_then(|s| {
            s.current
                .and_then(|c| s.matches.get(c))
                .map(|m| (s.pane, *m))
        }) else {
            return;
        };
        self.focus = pane;
        if pane == Pane::Comments {
            self.unfold_ancestors(m.item);
            self.cursor = m.item;
        }
        let Some(item_top) = self.pane(pane).doc.item_top(m.item) else {
            return;
        };
        let line = item_top + m.line;
        let top = self.pane(pane).top;
        let height = self.viewport(pane);
        if line < top || line >= top + height {
            let new_top = line.saturating_sub(height / 3);
            self.pane_mut_top(pane, new_top);
        }
    }

    fn pane_mut_top(&mut self, pane: Pane, top: usize) {
        match pane {
            Pane::Article => self.article.top = top,
            Pane::Comments => self.comments.top = top,
        }
        self.clamp(pane);
    }

    /// Re-runs the search after a re-wrap (line numbers changed), keeping the match index.
    pub(crate) fn refresh_search(&mut self) {
        let Some(search) = &self.search else { return };
        let (pane, query, current) = (search.pane, search.query.clone(), search.current);
        let matches = find(&self.pane(pane).doc, &query);
        let current = current
            .filter(|c| *c < matches.len())
            .or(if matches.is_empty() { None } else { Some(0) });
        self.search = Some(Search {
            query,
            pane,
            matches,
            current,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::lines::Item;
    use ratatui::text::Line;

    #[test]
    fn smart_case_and_byte_offsets() {
        let doc = Doc::new(
            vec![Item {
                lines: vec![Line::raw("Ünïcode UNICODE unicode"), Line::raw("none")],
                tail: None,
            }],
            80,
        );
        let m = find(&doc, "unicode");
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].start, m[0].end), (10, 17));
        assert_eq!((m[1].start, m[1].end), (18, 25));
        let m = find(&doc, "UNICODE");
        assert_eq!(
            m,
            vec![Match {
                item: 0,
                line: 0,
                start: 10,
                end: 17
            }]
        );
        let m = find(&doc, "ünï");
        assert_eq!(
            m,
            vec![Match {
                item: 0,
                line: 0,
                start: 0,
                end: 5
            }]
        );
    }
}
