//! Scores comment extraction on the real-page corpus (`tests/corpus/comments`).
//!
//! Runs `parlor::extract::extract` on every saved page (with the URL from its `expected.json`)
//! and prints, per family and overall: pages, expected comments, recall (the expected text
//! appears in an extracted comment), strict recall (and it starts right), precision, author,
//! parent and text-start accuracy over matched comments, and pages with the exact tree. The
//! last line is machine-readable (`COMMENTS_EVAL {json}`). Scoring lives in
//! `tests/support/comments_score.rs`, shared with the CI gate `tests/comments_corpus.rs`.
//!
//! Usage: `cargo run --release --example comments_eval [-- [-v] [DIR]]`

#[path = "../tests/support/comments_score.rs"]
mod comments_score;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let dir = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(comments_score::corpus_dir);
    let pages = match comments_score::load(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("comments_eval: {e}");
            std::process::exit(2);
        }
    };
    let result = comments_score::run(&pages, |p, t, misses| {
        if verbose && !misses.is_empty() {
            println!(
                "{} ({} want, {} got, {} matched)",
                p.name, t.expected, t.extracted, t.matched
            );
            for m in misses {
                println!("{m}");
            }
        }
    });
    let (fams, all) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("comments_eval: {e}");
            std::process::exit(2);
        }
    };
    for (name, t) in &fams {
        println!("{name:<16} {}", comments_score::line(t));
    }
    println!("{:<16} {}", "overall", comments_score::line(&all));
    println!("{}", comments_score::machine_line(&all));
}
