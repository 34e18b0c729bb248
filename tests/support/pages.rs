//! The HTML pages the whole-parse equivalence tests run over: every fixture, then every corpus
//! page that has been restored (the corpora are not committed; see their READMEs).

use std::path::{Path, PathBuf};

/// The pages, fixtures first, and how many of them are fixtures.
pub fn fixture_and_corpus_pages() -> (Vec<PathBuf>, usize) {
    let mut files = Vec::new();
    html_files(Path::new("tests/fixtures"), &mut files);
    let fixtures = files.len();
    for dir in ["../shared/corpus", "tests/corpus"] {
        html_files(Path::new(dir), &mut files);
    }
    (files, fixtures)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            html_files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "html" || x == "htm" || x == "xhtml")
        {
            out.push(p);
        }
    }
}
