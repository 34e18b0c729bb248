//! Scores extracted comment threads against the real-page corpus in `tests/corpus/comments`.
//!
//! Shared by `examples/comments_eval.rs` (the report) and `tests/comments_corpus.rs` (the CI
//! gate) through `#[path]`. A page is `<family>/<slug>/page.html` with `expected.json` beside it
//! (format in `tests/corpus/comments/README.md`). Expected comments are matched to extracted
//! ones by the page's own id where both have one, else by the normalised text prefix appearing in
//! the extracted text; matched pairs are then checked for author, parent, text start and kind.

#![allow(dead_code)]

use parlor::model::{blocks_text, CommentKind, Post};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// One expected comment, as written in `expected.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Want {
    pub id: Option<String>,
    pub parent: Option<String>,
    pub author: String,
    pub text: String,
    #[serde(default = "kind_comment")]
    pub kind: String,
}

fn kind_comment() -> String {
    "comment".into()
}

/// A page's `expected.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub url: String,
    pub family: String,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub comment_system: Option<String>,
    pub comments: Vec<Want>,
}

/// One corpus page on disk.
#[derive(Debug, Clone)]
pub struct CasePage {
    /// `<family>/<slug>`.
    pub name: String,
    pub html: PathBuf,
    pub expected: Expected,
}

/// Counts for one page (summed per family and overall).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub pages: usize,
    pub expected: usize,
    pub extracted: usize,
    pub matched: usize,
    pub author_ok: usize,
    pub parent_ok: usize,
    pub start_ok: usize,
    pub kind_ok: usize,
    pub exact_pages: usize,
    /// Pages whose comments load by script (expected `comment_system`).
    pub system_pages: usize,
    /// Of those, pages where the extractor named the same system.
    pub system_ok: usize,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.pages += o.pages;
        self.expected += o.expected;
        self.extracted += o.extracted;
        self.matched += o.matched;
        self.author_ok += o.author_ok;
        self.parent_ok += o.parent_ok;
        self.start_ok += o.start_ok;
        self.kind_ok += o.kind_ok;
        self.exact_pages += o.exact_pages;
        self.system_pages += o.system_pages;
        self.system_ok += o.system_ok;
    }

    /// The figures gated in CI, by name (fractions in 0..=1).
    pub fn figures(&self) -> BTreeMap<&'static str, f64> {
        let of = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        BTreeMap::from([
            ("recall", of(self.matched, self.expected)),
            ("strict_recall", of(self.start_ok, self.expected)),
            ("precision", of(self.matched, self.extracted)),
            ("author", of(self.author_ok, self.matched)),
            ("parent", of(self.parent_ok, self.matched)),
            ("text_start", of(self.start_ok, self.matched)),
            ("kind", of(self.kind_ok, self.matched)),
            ("exact_pages", of(self.exact_pages, self.pages)),
        ])
    }
}

/// The corpus directory in this crate.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/comments")
}

/// Where a page's HTML may live: beside its `expected.json`, else in the shared corpus copy
/// (`../shared/corpus/comments/<family>/<slug>/page.html`, from the crate or a worktree).
fn html_for(dir: &Path, name: &str) -> Option<PathBuf> {
    let krate = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    [
        dir.join(name).join("page.html"),
        krate
            .join("../shared/corpus/comments")
            .join(name)
            .join("page.html"),
        krate
            .join("../../shared/corpus/comments")
            .join(name)
            .join("page.html"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// Every page of the corpus under `dir` (`<family>/<slug>/expected.json`), sorted by name.
/// Errors name the file that could not be read or parsed, or the page whose HTML is missing.
pub fn load(dir: &Path) -> Result<Vec<CasePage>, String> {
    let mut out = Vec::new();
    let families = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for fam in families.filter_map(|e| e.ok()).map(|e| e.path()) {
        let Ok(slugs) = std::fs::read_dir(&fam) else {
            continue;
        };
        for slug in slugs.filter_map(|e| e.ok()).map(|e| e.path()) {
            let exp = slug.join("expected.json");
            if !exp.is_file() {
                continue;
            }
            let rel = slug.strip_prefix(dir).unwrap_or(&slug);
            let name = rel.to_string_lossy().replace('\\', "/");
            let text =
                std::fs::read_to_string(&exp).map_err(|e| format!("{}: {e}", exp.display()))?;
            let expected: Expected =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", exp.display()))?;
            let html = html_for(dir, &name).ok_or_else(|| {
                format!(
                    "{name}: no page.html beside expected.json nor in ../shared/corpus/comments"
                )
            })?;
            out.push(CasePage {
                name,
                html,
                expected,
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Lowercase alphanumeric words joined by single spaces (punctuation and quotes dropped, so
/// curly and straight quotes compare equal).
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_string()
}

fn kind_name(k: CommentKind) -> &'static str {
    match k {
        CommentKind::Comment => "comment",
        CommentKind::Pingback => "pingback",
        CommentKind::Trackback => "trackback",
    }
}

/// Scores one page: the tally and a list of human-readable misses (for `-v`).
pub fn score(want: &Expected, post: &Post) -> (Tally, Vec<String>) {
    let got: Vec<(String, String)> = post
        .comments
        .iter()
        .map(|c| (c.id.clone(), norm(&blocks_text(&c.blocks))))
        .collect();
    let mut pair: Vec<Option<usize>> = vec![None; want.comments.len()];
    let mut taken = vec![false; got.len()];
    let by_id: HashMap<&str, usize> = post
        .comments
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    // Pass 1: same id, and the text is there (ids alone could pair unrelated numbering).
    for (wi, w) in want.comments.iter().enumerate() {
        let Some(id) = w.id.as_deref() else { continue };
        if let Some(&gi) = by_id.get(id) {
            if !taken[gi] && got[gi].1.contains(&norm(&w.text)) {
                pair[wi] = Some(gi);
                taken[gi] = true;
            }
        }
    }
    // Pass 2: the expected prefix appears in an unclaimed extracted comment (first in order).
    for (wi, w) in want.comments.iter().enumerate() {
        if pair[wi].is_some() {
            continue;
        }
        let t = norm(&w.text);
        if let Some(gi) = (0..got.len()).find(|&gi| !taken[gi] && got[gi].1.contains(&t)) {
            pair[wi] = Some(gi);
            taken[gi] = true;
        }
    }
    // Pass 3: a ping whose shown text is only its link title may come out as an author with no
    // text; pair it by that name.
    for (wi, w) in want.comments.iter().enumerate() {
        if pair[wi].is_some() || w.kind == "comment" {
            continue;
        }
        let name = norm(&w.author);
        let found = (0..got.len())
            .find(|&gi| !taken[gi] && !name.is_empty() && norm(&post.comments[gi].author) == name);
        if let Some(gi) = found {
            pair[wi] = Some(gi);
            taken[gi] = true;
        }
    }
    let want_idx: HashMap<&str, usize> = want
        .comments
        .iter()
        .enumerate()
        .filter_map(|(i, w)| w.id.as_deref().map(|id| (id, i)))
        .collect();
    let got_to_want: HashMap<usize, usize> = pair
        .iter()
        .enumerate()
        .filter_map(|(wi, g)| g.map(|g| (g, wi)))
        .collect();
    let mut t = Tally {
        pages: 1,
        expected: want.comments.len(),
        extracted: post.comments.len(),
        ..Tally::default()
    };
    let mut misses = Vec::new();
    for (wi, w) in want.comments.iter().enumerate() {
        let Some(gi) = pair[wi] else {
            misses.push(format!("  missing: {} «{}»", w.author, w.text));
            continue;
        };
        let c = &post.comments[gi];
        t.matched += 1;
        // No name shown (`""`) is what parlor calls "Anonymous".
        let nameless = w.author.trim().is_empty() && c.author == "Anonymous";
        if nameless || norm(&c.author) == norm(&w.author) {
            t.author_ok += 1;
        } else {
            misses.push(format!("  author: «{}» want «{}»", c.author, w.author));
        }
        let want_parent = w.parent.as_deref().and_then(|p| want_idx.get(p)).copied();
        let got_parent = c
            .parent
            .as_deref()
            .and_then(|p| by_id.get(p))
            .and_then(|g| got_to_want.get(g))
            .copied();
        let parent_ok = match (&w.parent, &c.parent) {
            (None, None) => true,
            (Some(_), Some(_)) => want_parent.is_some() && want_parent == got_parent,
            _ => false,
        };
        if parent_ok {
            t.parent_ok += 1;
        } else {
            misses.push(format!(
                "  parent of «{}»: {:?} want {:?}",
                w.author, c.parent, w.parent
            ));
        }
        if got[gi].1.starts_with(&norm(&w.text)) {
            t.start_ok += 1;
        } else {
            let head: String = got[gi].1.chars().take(60).collect();
            misses.push(format!("  text start: «{head}» want «{}»", w.text));
        }
        if kind_name(c.kind) == w.kind {
            t.kind_ok += 1;
        } else {
            misses.push(format!(
                "  kind of «{}»: {:?} want {}",
                w.author, c.kind, w.kind
            ));
        }
    }
    for (gi, c) in post.comments.iter().enumerate() {
        if !taken[gi] {
            let head: String = got[gi].1.chars().take(50).collect();
            misses.push(format!("  extra: {} «{head}»", c.author));
        }
    }
    let n = want.comments.len();
    if t.matched == n && t.extracted == n && t.author_ok == n && t.parent_ok == n && t.kind_ok == n
    {
        t.exact_pages = 1;
    }
    if let Some(sys) = &want.comment_system {
        t.system_pages = 1;
        if post.comment_system.as_ref().map(|s| s.name.as_str()) == Some(sys.as_str()) {
            t.system_ok = 1;
        } else {
            misses.push(format!("  comment system: want {sys}"));
        }
    }
    (t, misses)
}

/// Runs the extractor on every page and tallies per family; `each` sees every page's result.
pub fn run(
    pages: &[CasePage],
    mut each: impl FnMut(&CasePage, &Tally, &[String]),
) -> Result<(BTreeMap<String, Tally>, Tally), String> {
    let mut fams: BTreeMap<String, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    for p in pages {
        let bytes = std::fs::read(&p.html).map_err(|e| format!("{}: {e}", p.html.display()))?;
        // Decoded as parlor decodes a file (`<meta charset>`, else UTF-8): GB2312 and Latin-1
        // pages read right.
        let html = parlor::net::decode_html(&bytes, None);
        let url = url::Url::parse(&p.expected.url)
            .map_err(|e| format!("{}: bad url {:?}: {e}", p.name, p.expected.url))?;
        let post = parlor::extract::extract(&html, &url);
        let (t, misses) = score(&p.expected, &post);
        each(p, &t, &misses);
        fams.entry(p.expected.family.clone()).or_default().add(&t);
        all.add(&t);
    }
    Ok((fams, all))
}

/// One line of figures: `pages 12  comments 340  recall 0.91 …`.
pub fn line(t: &Tally) -> String {
    let f = t.figures();
    let g = |k: &str| f.get(k).copied().unwrap_or(0.0);
    format!(
        "pages {:3}  comments {:4}  recall {:.3}  strict {:.3}  precision {:.3}  author {:.3}  parent {:.3}  start {:.3}  exact {}/{} ({:.3})",
        t.pages,
        t.expected,
        g("recall"),
        g("strict_recall"),
        g("precision"),
        g("author"),
        g("parent"),
        g("text_start"),
        t.exact_pages,
        t.pages,
        g("exact_pages")
    )
}

/// The machine-readable summary: `COMMENTS_EVAL {json}`.
pub fn machine_line(t: &Tally) -> String {
    let mut m = serde_json::Map::new();
    m.insert("pages".into(), t.pages.into());
    m.insert("comments".into(), t.expected.into());
    m.insert("extracted".into(), t.extracted.into());
    m.insert("system_pages".into(), t.system_pages.into());
    m.insert("system_ok".into(), t.system_ok.into());
    for (k, v) in t.figures() {
        m.insert(k.into(), ((v * 10000.0).round() / 10000.0).into());
    }
    format!("COMMENTS_EVAL {}", serde_json::Value::Object(m))
}
