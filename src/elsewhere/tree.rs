//! Flat `(id, parent)` comments → thread pre-order with depths, in linear time; cycles,
//! missing parents and duplicate ids cannot hang it or lose comments.

use crate::model::Comment;
use std::collections::{HashMap, HashSet};

/// Orders comments so each follows its parent (siblings keep their given order) and sets
/// `depth`. A comment whose parent is unknown (or part of a cycle) becomes top level.
/// Later duplicates of an id are dropped.
pub fn thread_order(comments: Vec<Comment>) -> Vec<Comment> {
    let mut seen = HashSet::new();
    let comments: Vec<Comment> = comments
        .into_iter()
        .filter(|c| seen.insert(c.id.clone()))
        .collect();
    let index: HashMap<&str, usize> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); comments.len()];
    let mut roots = Vec::new();
    for (i, c) in comments.iter().enumerate() {
        match c.parent.as_deref().and_then(|p| index.get(p)) {
            Some(&p) if p != i => children[p].push(i),
            _ => roots.push(i),
        }
    }
    let mut order = Vec::with_capacity(comments.len());
    let mut visited = vec![false; comments.len()];
    let walk = |start: usize, order: &mut Vec<(usize, u16)>, visited: &mut Vec<bool>| {
        let mut stack = vec![(start, 0u16)];
        while let Some((i, depth)) = stack.pop() {
            if visited[i] {
                continue;
            }
            visited[i] = true;
            order.push((i, depth));
            for &child in children[i].iter().rev() {
                stack.push((child, depth.saturating_add(1)));
            }
        }
    };
    for &r in &roots {
        walk(r, &mut order, &mut visited);
    }
    // Comments only reachable through a cycle: shown at top level, in their given order.
    for i in 0..comments.len() {
        if !visited[i] {
            walk(i, &mut order, &mut visited);
        }
    }
    let mut slots: Vec<Option<Comment>> = comments.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, depth)| {
            let mut c = slots[i].take()?;
            if depth == 0 {
                c.parent = None;
            }
            c.depth = depth;
            Some(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, parent: Option<&str>) -> Comment {
        Comment {
            id: id.into(),
            parent: parent.map(Into::into),
            ..Comment::default()
        }
    }

    #[test]
    fn pre_order_with_depths() {
        let out = thread_order(vec![
            c("1", None),
            c("3", Some("2")),
            c("2", Some("1")),
            c("4", None),
            c("5", Some("1")),
        ]);
        let got: Vec<(String, u16)> = out.iter().map(|c| (c.id.clone(), c.depth)).collect();
        let want = [("1", 0), ("2", 1), ("3", 2), ("5", 1), ("4", 0)];
        assert_eq!(
            got,
            want.iter()
                .map(|(i, d)| (i.to_string(), *d))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn cycles_and_orphans_do_not_hang_or_vanish() {
        let out = thread_order(vec![
            c("a", Some("b")),
            c("b", Some("a")),
            c("x", Some("missing")),
            c("self", Some("self")),
            c("x", None),
        ]);
        assert_eq!(out.len(), 4);
        assert!(out
            .iter()
            .any(|c| c.id == "x" && c.depth == 0 && c.parent.is_none()));
    }

    #[test]
    fn a_deep_chain_is_linear() {
        let n = 100_000;
        let comments: Vec<Comment> = (0..n)
            .map(|i| {
                let parent = (i > 0).then(|| (i - 1).to_string());
                c(&i.to_string(), parent.as_deref())
            })
            .collect();
        let out = thread_order(comments);
        assert_eq!(out.len(), n);
        assert_eq!(out[n - 1].depth, u16::MAX);
    }
}
