//! The wrapped-line cache of one pane: every item (article block or comment) wrapped once per
//! width, the list of visible items (rebuilt on fold, not per frame), prefix sums of their
//! heights, and a binary search from a scroll offset to the first visible item.

use ratatui::text::Line;

/// One article block or comment, wrapped.
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub lines: Vec<Line<'static>>,
    /// An extra last line (the "+ 5 replies" marker of a folded comment).
    pub tail: Option<Line<'static>>,
}

impl Item {
    pub fn height(&self) -> usize {
        self.lines.len() + usize::from(self.tail.is_some())
    }

    /// Line `i` of the item, the tail after the wrapped lines.
    pub fn line(&self, i: usize) -> Option<&Line<'static>> {
        self.lines.get(i).or(if i == self.lines.len() {
            self.tail.as_ref()
        } else {
            None
        })
    }
}

/// A visible line in a window: which item, which of its lines, and the line itself.
pub struct WindowLine<'a> {
    pub item: usize,
    pub index: usize,
    pub line: &'a Line<'static>,
}

/// All items of a pane at one width.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub width: usize,
    items: Vec<Item>,
    /// Visible item indices, ascending.
    rows: Vec<usize>,
    /// `prefix[k]` = lines above `rows[k]`; one more entry than `rows`.
    prefix: Vec<usize>,
}

impl Doc {
    /// A doc with every item visible.
    pub fn new(items: Vec<Item>, width: usize) -> Doc {
        let mut doc = Doc {
            width,
            rows: (0..items.len()).collect(),
            items,
            prefix: Vec::new(),
        };
        doc.rebuild_prefix();
        doc
    }

    pub fn items(&self) -> &[Item] {
        &self.items
    }

    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    /// Sets which items show; call after folding.
    pub fn set_visible(&mut self, visible: impl Fn(usize) -> bool) {
        self.rows = (0..self.items.len()).filter(|i| visible(*i)).collect();
        self.rebuild_prefix();
    }

    /// Puts the items in a new order (`order[k]` is the old index of new item `k`), every
    /// one visible; moves the wrapped lines, wraps nothing. Call `set_visible` after folding.
    pub fn permute(&mut self, order: &[usize]) {
        let mut old: Vec<Option<Item>> = std::mem::take(&mut self.items)
            .into_iter()
            .map(Some)
            .collect();
        self.items = order
            .iter()
            .filter_map(|&i| old.get_mut(i).and_then(Option::take))
            .collect();
        self.rows = (0..self.items.len()).collect();
        self.rebuild_prefix();
    }

    /// Sets or clears an item's tail line; call `rebuild_prefix` afterwards.
    pub fn set_tail(&mut self, item: usize, tail: Option<Line<'static>>) {
        if let Some(it) = self.items.get_mut(item) {
            it.tail = tail;
        }
    }

    /// Recomputes the prefix sums of visible heights.
    pub fn rebuild_prefix(&mut self) {
        self.prefix.clear();
        self.prefix.reserve(self.rows.len() + 1);
        let mut sum = 0;
        self.prefix.push(0);
        for &i in &self.rows {
            sum += self.items[i].height();
            self.prefix.push(sum);
        }
    }

    /// Total visible lines.
    pub fn height(&self) -> usize {
        self.prefix.last().copied().unwrap_or(0)
    }

    /// Whether an item is visible.
    pub fn is_visible(&self, item: usize) -> bool {
        self.rows.binary_search(&item).is_ok()
    }

    /// The visible row showing a line (binary search).
    pub fn row_at_line(&self, line: usize) -> Option<usize> {
        if line >= self.height() {
            return None;
        }
        Some(self.prefix.partition_point(|&p| p <= line) - 1)
    }

    /// The item showing a line, and the line's index inside it.
    pub fn item_at_line(&self, line: usize) -> Option<(usize, usize)> {
        let row = self.row_at_line(line)?;
        Some((self.rows[row], line - self.prefix[row]))
    }

    /// First line of a visible item.
    pub fn item_top(&self, item: usize) -> Option<usize> {
        self.rows
            .binary_search(&item)
            .ok()
            .map(|row| self.prefix[row])
    }

    /// Visible item indices in order.
    pub fn visible_items(&self) -> &[usize] {
        &self.rows
    }

    /// The lines in `[top, top + height)`; cost is O(log n + height).
    pub fn window(&self, top: usize, height: usize) -> Vec<WindowLine<'_>> {
        let mut out = Vec::with_capacity(height);
        let Some(mut row) = self.row_at_line(top) else {
            return out;
        };
        let mut index = top - self.prefix[row];
        while out.len() < height && row < self.rows.len() {
            let item = self.rows[row];
            match self.items[item].line(index) {
                Some(line) => {
                    out.push(WindowLine { item, index, line });
                    index += 1;
                }
                None => {
                    row += 1;
                    index = 0;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(n: usize, tag: &str) -> Item {
        Item {
            lines: (0..n).map(|i| Line::raw(format!("{tag}{i}"))).collect(),
            tail: None,
        }
    }

    fn text(doc: &Doc, top: usize, h: usize) -> Vec<String> {
        doc.window(top, h)
            .iter()
            .map(|w| w.line.to_string())
            .collect()
    }

    /// ```text
    /// line 0..2  a0 a1       item 0
    /// line 2..5  b0 b1 b2    item 1 (hidden later)
    /// line 5     c0          item 2
    /// ```
    #[test]
    fn window_and_binary_search() {
        let mut doc = Doc::new(vec![item(2, "a"), item(3, "b"), item(1, "c")], 10);
        assert_eq!(doc.height(), 6);
        assert_eq!(doc.item_at_line(3), Some((1, 1)));
        assert_eq!(doc.item_at_line(6), None);
        assert_eq!(text(&doc, 1, 3), vec!["a1", "b0", "b1"]);
        doc.set_visible(|i| i != 1);
        assert_eq!(doc.height(), 3);
        assert_eq!(text(&doc, 0, 10), vec!["a0", "a1", "c0"]);
        assert_eq!(doc.item_top(2), Some(2));
        assert_eq!(doc.item_top(1), None);
        doc.set_tail(0, Some(Line::raw("+ 1 reply")));
        doc.rebuild_prefix();
        assert_eq!(text(&doc, 1, 3), vec!["a1", "+ 1 reply", "c0"]);
    }
}
