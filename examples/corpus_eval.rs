//! Scores generic article extraction on Mozilla Readability's test pages.
//!
//! Every page goes through the generic engine only (`extract::extract_generic`), so the figure
//! measures content scoring, not engine detection. Score: bag-of-words (whitespace-split words
//! with counts) precision/recall/F1 of the article text (image alt text left out, as in the
//! expected output) against the text of `expected.html`, macro-averaged over pages.
//!
//! Usage: `cargo run --release --example corpus_eval [-- [-v] [DIR]]`
//! (DIR defaults to `../shared/corpus/readability` relative to the crate).

use parlor::extract::extract_generic;
use parlor::model::{blocks_text, Block};
use scraper::Html;
use std::collections::HashMap;
use std::path::PathBuf;
use url::Url;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    // `--dump NAME`: print the extracted text of one page instead of scoring.
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with('-') && (*i == 0 || args[i - 1] != "--dump"))
        .map(|(_, a)| a)
        .map(PathBuf::from)
        .unwrap_or_else(default_dir);
    let mut pages: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("source.html").is_file())
            .collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    pages.sort();
    let base = Url::parse("http://fakehost/test/page.html").expect("static URL");
    let (mut sp, mut sr, mut sf, mut n) = (0.0, 0.0, 0.0, 0usize);
    for page in &pages {
        let (Ok(src), Ok(exp)) = (
            std::fs::read_to_string(page.join("source.html")),
            std::fs::read_to_string(page.join("expected.html")),
        ) else {
            continue;
        };
        let post = extract_generic(&src, &base);
        if let Some(name) = &dump {
            if page.ends_with(name) {
                println!("title: {}\n{}", post.title, blocks_text(&post.blocks));
            }
            continue;
        }
        let mine = bag(&blocks_text(&without_images(&post.blocks)));
        let want = bag(&Html::parse_document(&exp)
            .root_element()
            .text()
            .collect::<Vec<_>>()
            .join(" "));
        let (p, r, f) = prf(&mine, &want);
        if verbose {
            let name = page
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            println!("{f:.3}  P {p:.3} R {r:.3}  {name}");
        }
        sp += p;
        sr += r;
        sf += f;
        n += 1;
    }
    let d = n.max(1) as f64;
    println!(
        "corpus F1: {:.3} (P {:.3} R {:.3}, {n} pages)",
        sf / d,
        sp / d,
        sr / d
    );
}

/// `../shared/corpus/readability` from the crate (or from a worktree one level deeper).
fn default_dir() -> PathBuf {
    let krate = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let near = krate.join("../shared/corpus/readability");
    if near.is_dir() {
        near
    } else {
        krate.join("../../shared/corpus/readability")
    }
}

fn without_images(blocks: &[Block]) -> Vec<Block> {
    blocks
        .iter()
        .filter(|b| !matches!(b, Block::Image { .. }))
        .map(|b| match b {
            Block::Quote { blocks } => Block::Quote {
                blocks: without_images(blocks),
            },
            Block::List { ordered, items } => Block::List {
                ordered: *ordered,
                items: items.iter().map(|i| without_images(i)).collect(),
            },
            other => other.clone(),
        })
        .collect()
}

fn bag(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in text.split_whitespace() {
        *m.entry(w.to_string()).or_insert(0) += 1;
    }
    m
}

fn prf(mine: &HashMap<String, usize>, want: &HashMap<String, usize>) -> (f64, f64, f64) {
    let overlap: usize = mine
        .iter()
        .map(|(w, c)| (*c).min(want.get(w).copied().unwrap_or(0)))
        .sum();
    let total_mine: usize = mine.values().sum();
    let total_want: usize = want.values().sum();
    if total_mine == 0 && total_want == 0 {
        return (1.0, 1.0, 1.0);
    }
    let p = if total_mine == 0 {
        0.0
    } else {
        overlap as f64 / total_mine as f64
    };
    let r = if total_want == 0 {
        0.0
    } else {
        overlap as f64 / total_want as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}
