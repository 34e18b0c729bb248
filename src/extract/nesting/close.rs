//! The model's closing of open elements: implied closes, end tags, pops, dropped end tags.

use super::tag::*;
use super::Model;

impl Model<'_> {
    /// The next end tag named `name` is dropped.
    pub(super) fn drop_end_tag(&mut self, name: Tag) {
        let id = name.id as usize;
        if self.dropped.len() <= id {
            self.dropped.resize(self.names.len().max(id + 1), 0);
        }
        if let Some(n) = self.dropped.get_mut(id) {
            *n += 1;
        }
    }

    /// Pops the innermost open element.
    pub(super) fn pop(&mut self) -> Option<Tag> {
        let top = self.stack.pop()?;
        if let Some(t) = &mut self.split {
            t.popped(std::slice::from_ref(&top));
        }
        self.foreign = self.foreign.saturating_sub(usize::from(top.is(FOREIGN)));
        Some(top)
    }

    /// Closes open elements from `j` on.
    pub(super) fn truncate(&mut self, j: usize) {
        let popped = self.stack.get(j..).unwrap_or_default();
        if let Some(t) = &mut self.split {
            t.popped(popped);
        }
        self.foreign =
            (self.foreign).saturating_sub(popped.iter().filter(|n| n.is(FOREIGN)).count());
        self.stack.truncate(j);
    }

    /// Elements the tree builder closes on its own when `name` starts.
    pub(super) fn implied_closes(&mut self, name: Tag) {
        let top_is = |s: &Self, set: &[u32]| s.stack.last().is_some_and(|t| set.contains(&t.id));
        if name.is(CLOSES_P) && top_is(self, &[P]) {
            self.pop();
        }
        let own: &[u32] = match name.id {
            LI => &[LI],
            DT | DD => &[DT, DD],
            OPTION => &[OPTION],
            TD | TH => &[TD, TH],
            TR => &[TD, TH, TR],
            TBODY | THEAD | TFOOT => &[TD, TH, TR, TBODY, THEAD, TFOOT],
            _ => &[],
        };
        while top_is(self, own) {
            self.pop();
        }
    }

    pub(super) fn end_tag(&mut self, name: Tag, start: usize, end: usize) {
        if let Some(t) = &mut self.split {
            t.end_tag(&self.stack, name);
        }
        if let Some(n) = self.dropped.get_mut(name.id as usize) {
            if *n > 0 {
                *n -= 1;
                self.replace(start, end, "");
                return;
            }
        }
        let table_part = matches!(
            name.id,
            TABLE | TBODY | THEAD | TFOOT | TR | CAPTION | COLGROUP
        );
        let mut special_above = false;
        let mut found = None;
        for (j, &open) in self.stack.iter().enumerate().rev() {
            if open == name {
                found = Some(j);
                break;
            }
            if table_part {
                if matches!(open.id, TABLE | TEMPLATE) {
                    break;
                }
                continue;
            }
            if open.is(BOUNDARY) {
                break;
            }
            if open.is(SPECIAL) {
                special_above = true;
                if !name.is(FORMATTING) {
                    break;
                }
            }
        }
        let Some(j) = found else { return };
        if name.is(FORMATTING) && special_above {
            // The adoption agency: the formatting element moves below the block; depth stays.
            self.formatting = self.formatting.saturating_sub(1);
            return;
        }
        let popped = self.stack[j..].iter().filter(|n| n.is(FORMATTING)).count();
        self.formatting = self.formatting.saturating_sub(popped);
        let pres = self.stack[j..]
            .iter()
            .filter(|n| matches!(n.id, PRE | LISTING))
            .count();
        self.keep_space = self.keep_space.saturating_sub(pres);
        self.truncate(j);
        // Between two children of the (new) innermost element.
        let at = self.out_pos(end);
        if let Some(t) = &mut self.split {
            t.candidate(&self.stack, at);
        }
    }
}
