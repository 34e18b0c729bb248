//! Scores article extraction on parlor's own article corpus (`tests/corpus/articles`).
//!
//! Every page goes through the full pipeline `parlor dump` uses on a saved page: the bytes are
//! decoded with `net::decode_html` and read by `extract::extract` (engine detection first) at
//! the page's real URL from `recipes.json`; the generic engine alone is scored beside it.
//! Score: bag-of-tokens precision/recall/F1 of the article text (title excluded, image alt text
//! left out) against the text of `expected.html`, macro-averaged per page; reported per part
//! (`dev`: pages from the comments corpus, `heldout`: sites not in it), per family and overall,
//! with the share of pages at F1 >= 0.9 and <= 0.5. Tokens: lowercased runs of letters and
//! digits; each Han / kana / Hangul character is a token of its own (so pages in languages
//! written without spaces are scored by characters, not by whole sentences).
//!
//! Usage: `cargo run --release --example article_eval [-- [-v] [--meta] [--dump ID] [DIR]]`
//! (DIR: the labelled pages, default `../shared/corpus/articles` beside the crate; `-v` lists
//! pages worst first, `--meta` each page's engine, title, author and date). The last line is `ARTICLE_EVAL {json}` for scripts.

use parlor::extract::{extract, extract_generic};
use parlor::model::{blocks_text, Block};
use parlor::net::decode_html;
use scraper::Html;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use url::Url;

/// One page's scores: (precision, recall, F1) for the full pipeline and the generic engine.
struct Scored {
    id: String,
    part: String,
    full: (f64, f64, f64),
    generic: (f64, f64, f64),
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let show_meta = args.iter().any(|a| a == "--meta");
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let data = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with('-') && (*i == 0 || args[i - 1] != "--dump"))
        .map(|(_, a)| PathBuf::from(a))
        .unwrap_or_else(|| near_crate("../shared/corpus/articles"));
    let recipes =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/articles/recipes.json");
    let pages = match std::fs::read_to_string(&recipes)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str::<Value>(&s).map_err(|e| e.to_string()))
    {
        Ok(v) => v["pages"].as_array().cloned().unwrap_or_default(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", recipes.display());
            std::process::exit(2);
        }
    };
    let mut scored = Vec::new();
    let mut missing = 0usize;
    for page in &pages {
        let (Some(id), Some(part), Some(url)) = (
            page["id"].as_str(),
            page["part"].as_str(),
            page["url"].as_str().and_then(|u| Url::parse(u).ok()),
        ) else {
            eprintln!("recipe without id, part or a valid url: {page}");
            continue;
        };
        let dir = data.join(id);
        let (Ok(src), Ok(exp)) = (
            std::fs::read(dir.join("source.html")),
            std::fs::read_to_string(dir.join("expected.html")),
        ) else {
            missing += 1;
            continue;
        };
        let html = decode_html(&src, None);
        let post = extract(&html, &url);
        if dump.as_deref() == Some(id) {
            println!("title: {}\n{}", post.title, blocks_text(&post.blocks));
            return;
        }
        if show_meta {
            println!(
                "META {id}\t{:?}\t{}\t{}\t{}",
                post.engine,
                post.title,
                post.author.as_deref().unwrap_or("-"),
                post.published.as_deref().unwrap_or("-")
            );
        }
        let want = tokens(&text_of(&exp));
        let full = prf(&tokens(&blocks_text(&without_images(&post.blocks))), &want);
        let generic_post = extract_generic(&html, &url);
        let generic = prf(
            &tokens(&blocks_text(&without_images(&generic_post.blocks))),
            &want,
        );
        scored.push(Scored {
            id: id.to_string(),
            part: part.to_string(),
            full,
            generic,
        });
    }
    if missing > 0 {
        eprintln!(
            "{missing} page(s) not found under {} (run tests/corpus/articles/tools/label_articles.py restore)",
            data.display()
        );
    }
    if verbose {
        let mut worst: Vec<&Scored> = scored.iter().collect();
        worst.sort_by(|a, b| a.full.2.total_cmp(&b.full.2));
        for s in worst {
            println!(
                "{:.3}  P {:.3} R {:.3}  generic {:.3}  {:7} {}",
                s.full.2, s.full.0, s.full.1, s.generic.2, s.part, s.id
            );
        }
    }
    let mut out = serde_json::Map::new();
    for part in ["dev", "heldout"] {
        let these: Vec<&Scored> = scored.iter().filter(|s| s.part == part).collect();
        let mut families: BTreeMap<&str, Vec<&Scored>> = BTreeMap::new();
        for s in &these {
            families
                .entry(s.id.split('/').next().unwrap_or(""))
                .or_default()
                .push(s);
        }
        println!("== {part}");
        for (family, group) in &families {
            println!("  {family:13} {}", line(group).0);
        }
        let (text, value) = line(&these);
        println!("  {:13} {text}", "ALL");
        out.insert(part.to_string(), value);
    }
    let all: Vec<&Scored> = scored.iter().collect();
    let (text, value) = line(&all);
    println!("== all\n  {:13} {text}", "ALL");
    out.insert("all".into(), value);
    println!("ARTICLE_EVAL {}", Value::Object(out));
}

/// A summary line and its JSON: macro P/R/F1 for the full pipeline, F1 of the generic engine,
/// shares of pages at F1 >= 0.9 and <= 0.5.
fn line(group: &[&Scored]) -> (String, Value) {
    let n = group.len().max(1) as f64;
    let mean = |f: &dyn Fn(&Scored) -> f64| group.iter().map(|s| f(s)).sum::<f64>() / n;
    let (p, r, f) = (
        mean(&|s| s.full.0),
        mean(&|s| s.full.1),
        mean(&|s| s.full.2),
    );
    let g = mean(&|s| s.generic.2);
    let high = group.iter().filter(|s| s.full.2 >= 0.9).count() as f64 / n;
    let low = group.iter().filter(|s| s.full.2 <= 0.5).count() as f64 / n;
    let text = format!(
        "F1 {f:.3} (P {p:.3} R {r:.3})  generic F1 {g:.3}  F1>=0.9 {:.0}%  F1<=0.5 {:.0}%  ({} pages)",
        high * 100.0,
        low * 100.0,
        group.len()
    );
    let value = json!({"pages": group.len(), "f1": round(f), "precision": round(p),
        "recall": round(r), "generic_f1": round(g), "share_f1_ge_0_9": round(high),
        "share_f1_le_0_5": round(low)});
    (text, value)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `rel` from the crate, or from a worktree one level deeper.
fn near_crate(rel: &str) -> PathBuf {
    let krate = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let near = krate.join(rel);
    if near.is_dir() {
        near
    } else {
        krate.join(Path::new("..")).join(rel)
    }
}

fn text_of(html: &str) -> String {
    Html::parse_document(html)
        .root_element()
        .text()
        .collect::<Vec<_>>()
        .join(" ")
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

/// Han, kana and Hangul: scripts written without spaces between words.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x20000..=0x2FA1F)
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    let mut word = String::new();
    let flush = |w: &mut String, bag: &mut HashMap<String, usize>| {
        if !w.is_empty() {
            *bag.entry(std::mem::take(w)).or_insert(0) += 1;
        }
    };
    for c in text.chars() {
        if unspaced(c) {
            flush(&mut word, &mut bag);
            *bag.entry(c.to_string()).or_insert(0) += 1;
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut bag);
        }
    }
    flush(&mut word, &mut bag);
    bag
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
