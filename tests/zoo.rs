//! The WordPress theme zoo: the seeded fixture posts as 25+ real themes render them
//! (tests/fixtures/zoo/THEME/*.html, captured by scripts/wp/zoo-capture.sh from the real
//! WordPress of scripts/wp-local.sh), read with `parlor::extract::extract` and comment pages
//! merged as `fetch` does, scored against the hand-written trees in scripts/wp/expected-*.json
//! (the seed's ids, parents and authors; never parlor's output).
//!
//! Prints a per-theme table; fails when a total drops below tests/fixtures/zoo/floors.json or a
//! page listed in tests/fixtures/zoo/passing.json is no longer exact.

#[path = "zoo/score.rs"]
mod score;

use score::{Score, Want};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn zoo_dir() -> PathBuf {
    repo().join("tests/fixtures/zoo")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The themes captured: every directory with a pages.tsv.
fn themes() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(zoo_dir())
        .expect("tests/fixtures/zoo exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("pages.tsv").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The pages of one theme: the file name of each page by the URL it was fetched from.
fn page_map(theme: &str) -> BTreeMap<String, String> {
    let path = zoo_dir().join(theme).join("pages.tsv");
    let text = std::fs::read_to_string(&path).expect("read pages.tsv");
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(file, url)| (url.to_string(), file.to_string()))
        .collect()
}

/// One scored page: the file the reader starts from and the expected tree(s).
struct Case {
    name: &'static str,
    start: &'static str,
    expected: &'static str,
    /// The held comment 13 is on screen (its author's moderation-hash preview).
    held: bool,
}

const CASES: [Case; 5] = [
    Case {
        name: "threaded",
        start: "threaded.html",
        expected: "expected-post4.json",
        held: false,
    },
    Case {
        name: "held",
        start: "held.html",
        expected: "expected-post4.json",
        held: true,
    },
    Case {
        name: "closed",
        start: "closed.html",
        expected: "expected-post5.json",
        held: false,
    },
    Case {
        name: "deep",
        start: "deep.html",
        expected: "expected-post7.json",
        held: false,
    },
    Case {
        name: "paginated",
        start: "paginated.html",
        expected: "expected-post6.json",
        held: false,
    },
];

/// Reads a case like `fetch` does: extract the start page, follow its `comment_pages` among the
/// captured pages (same URL without fragment), extract each, merge.
fn read_case(theme: &str, case: &Case) -> Option<parlor::model::Post> {
    let pages = page_map(theme);
    let dir = zoo_dir().join(theme);
    let (start_url, _) = pages.iter().find(|(_, f)| f.as_str() == case.start)?;
    let load = |url: &str| -> Option<parlor::model::Post> {
        let file = pages.get(url)?;
        let html = std::fs::read_to_string(dir.join(file)).ok()?;
        let u = url::Url::parse(url).ok()?;
        Some(parlor::extract::extract(&html, &u))
    };
    let first = load(start_url)?;
    let key = |u: &url::Url| {
        let mut u = u.clone();
        u.set_fragment(None);
        u.to_string()
    };
    let mut seen = BTreeSet::from([start_url.clone()]);
    let mut queue: Vec<String> = Vec::new();
    let enqueue = |post: &parlor::model::Post, seen: &mut BTreeSet<String>, q: &mut Vec<String>| {
        let Ok(base) = url::Url::parse(&post.url) else {
            return;
        };
        for link in &post.comment_pages {
            if let Ok(u) = base.join(link) {
                if seen.insert(key(&u)) {
                    q.push(key(&u));
                }
            }
        }
    };
    enqueue(&first, &mut seen, &mut queue);
    let mut others = Vec::new();
    while let Some(next) = queue.pop() {
        // A page not captured (e.g. a wrong link) is skipped, as a failed fetch would be.
        if let Some(post) = load(&next) {
            enqueue(&post, &mut seen, &mut queue);
            others.push(post);
        }
    }
    Some(parlor::extract::merge_pages(first, others))
}

/// The expected tree(s) for a case under this theme.
fn wants(theme: &str, case: &Case) -> Vec<Vec<Want>> {
    let exp = read_json(&repo().join("scripts/wp").join(case.expected));
    let html = std::fs::read_to_string(zoo_dir().join(theme).join(case.start)).unwrap_or_default();
    let mut out = Vec::new();
    for key in ["comments", "comments_as_displayed"] {
        if let Some(list) = exp[key].as_array() {
            let mut w: Vec<Want> = list.iter().map(|c| Want::from_json(c, &html)).collect();
            // Shown where WordPress shows it (wpDiscuz ignores the moderation-hash preview).
            if case.held && html.contains("comment-13") {
                w.push(Want::held_mallory());
            }
            out.push(w);
        }
    }
    out
}

fn floors() -> Score {
    let v = read_json(&zoo_dir().join("floors.json"));
    Score::from_json(&v)
}

/// page name ("threaded", …) → themes where it is exact.
fn passing() -> BTreeMap<String, BTreeSet<String>> {
    let v = read_json(&zoo_dir().join("passing.json"));
    let mut out = BTreeMap::new();
    for case in CASES.iter() {
        let themes = v[case.name]
            .as_array()
            .unwrap_or_else(|| panic!("passing.json lacks {:?}", case.name))
            .iter()
            .map(|t| t.as_str().expect("theme names are strings").to_string())
            .collect();
        out.insert(case.name.to_string(), themes);
    }
    out
}

#[test]
fn theme_zoo_scores_at_least_the_floors_and_passing_pages_stay_exact() {
    let themes = themes();
    assert!(
        themes.len() >= 20,
        "only {} themes captured in tests/fixtures/zoo (run scripts/wp/zoo-capture.sh)",
        themes.len()
    );
    let passing = passing();
    let mut total = Score::default();
    let mut exact: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    println!(
        "{:<18} {:>6} {:>9} {:>8} {:>8} {:>7} {:>6}  failing pages",
        "theme", "exact", "found", "authors", "parents", "texts", "kinds"
    );
    for theme in &themes {
        let mut s = Score::default();
        let mut failing = Vec::new();
        for case in CASES.iter() {
            let Some(post) = read_case(theme, case) else {
                problems.push(format!("{theme}: {} not captured", case.start));
                continue;
            };
            let (page, detail) = score::best(&wants(theme, case), &post.comments);
            s.add(&page);
            if page.pages_exact == 1 {
                exact
                    .entry(case.name.to_string())
                    .or_default()
                    .insert(theme.clone());
            } else {
                failing.push(case.name);
                if std::env::var_os("ZOO_VERBOSE").is_some() {
                    println!("  [{theme} {}] {detail}", case.name);
                }
            }
        }
        println!(
            "{:<18} {:>3}/{:<2} {:>4}/{:<4} {:>8} {:>8} {:>7} {:>6}  {}",
            theme,
            s.pages_exact,
            s.pages,
            s.comments_found,
            s.comments,
            s.authors_right,
            s.parents_right,
            s.texts_right,
            s.kinds_right,
            failing.join(" ")
        );
        total.add(&s);
    }
    println!(
        "{:<18} {:>3}/{:<2} {:>4}/{:<4} {:>8} {:>8} {:>7} {:>6}",
        "TOTAL",
        total.pages_exact,
        total.pages,
        total.comments_found,
        total.comments,
        total.authors_right,
        total.parents_right,
        total.texts_right,
        total.kinds_right
    );
    for (case, themes) in &passing {
        for theme in themes {
            if !exact.get(case).is_some_and(|e| e.contains(theme)) {
                problems.push(format!(
                    "{theme} {case}: listed in passing.json but no longer exact (ZOO_VERBOSE=1 shows why)"
                ));
            }
        }
    }
    for (case, themes) in &exact {
        let listed = passing.get(case).cloned().unwrap_or_default();
        let new: Vec<&String> = themes.difference(&listed).collect();
        if !new.is_empty() {
            println!("note: now exact, add to passing.json under {case:?}: {new:?}");
        }
    }
    problems.extend(total.below(&floors()));
    assert!(problems.is_empty(), "theme zoo:\n{}", problems.join("\n"));
}

#[test]
fn scoring_catches_a_wrong_tree() {
    // The scorer itself must be able to fail: a tree with a wrong author, a wrong parent and a
    // missing comment scores below a right one.
    let c = |id: &str, parent: Option<&str>, author: &str, text: &str| score::Got {
        id: id.into(),
        parent: parent.map(String::from),
        author: author.into(),
        text: text.into(),
        ping: false,
        pending: false,
    };
    let exp = read_json(&repo().join("scripts/wp/expected-post4.json"));
    let list = exp["comments"].as_array().expect("comments");
    // A page that shows every id and the ping's excerpt.
    let mut html = String::from("A post on another blog links here");
    for c in list {
        html.push_str(&format!(
            " id=\"comment-{}\"",
            c["id"].as_str().expect("id")
        ));
    }
    let want: Vec<Want> = list.iter().map(|c| Want::from_json(c, &html)).collect();
    assert!(want.iter().all(|w| w.id_shown));
    let right: Vec<score::Got> = want.iter().map(Want::as_got).collect();
    let s = score::score_rows(&want, &right);
    assert_eq!(s.pages_exact, 1, "the expected tree itself scores exact");
    let mut wrong = right.clone();
    wrong[1] = c("3", None, "Anonymous", "May 1, 2024 Bob replies to Alice.");
    wrong.pop();
    let s = score::score_rows(&want, &wrong);
    assert_eq!(s.pages_exact, 0);
    assert_eq!(s.comments_found, want.len() as u32 - 1);
    assert_eq!(s.authors_right, want.len() as u32 - 2);
    assert_eq!(s.parents_right, want.len() as u32 - 2);
    assert_eq!(s.texts_right, want.len() as u32 - 2);
}
