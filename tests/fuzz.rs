//! A seeded, generator-driven fuzzer over the extractors: random tag soup built from the
//! pieces blog pages are made of (comment markup of every engine, formatting, tables, scripts,
//! entities, broken tags), run through extraction, merging and every output format. Fixed seed
//! and case count, so CI is repeatable; a crash is saved under tests/fixtures/hostile/ and
//! every file there is replayed first as a regression.

use parlor::format::{self, Part};
use std::path::Path;
use url::Url;
#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

const SEED: u64 = 0x5eed_ba11_c0ff_ee42;
const CASES: usize = 400;

const OPEN: &[&str] = &[
    "<div>",
    "<div class='comment'>",
    "<li class='comment' id='comment-7'>",
    "<ol class='children'>",
    "<article class='comment-body'>",
    "<b class='fn'>",
    "<cite class='fn'>",
    "<span class='says'>",
    "<div class='h-entry'>",
    "<div class='p-comment h-cite'>",
    "<span class='p-author h-card'>",
    "<time datetime='2024-01-01T00:00:00Z'>",
    "<time class='dt-published' datetime='x'>",
    "<div itemscope itemtype='https://schema.org/Comment'>",
    "<span itemprop='name'>",
    "<div class='comment-content'>",
    "<p>",
    "<a href='/p/comment-page-2/'>",
    "<a href='javascript:x'>",
    "<table>",
    "<tr>",
    "<td>",
    "<ul>",
    "<blockquote>",
    "<pre>",
    "<code>",
    "<em>",
    "<strong>",
    "<font size=3>",
    "<nobr>",
    "<select>",
    "<option>",
    "<svg>",
    "<math>",
    "<template>",
    "<form id='commentform' action='/wp-comments-post.php'>",
    "<textarea name='comment'>",
    "<h1 class='entry-title'>",
    "<h3 class='post-title'>",
    "<div class='comment-author vcard'>",
    "<div id='comments'>",
    "<div class='post-body entry-content'>",
    "<div class='nav-links'>",
];
const CLOSE: &[&str] = &[
    "</div>",
    "</li>",
    "</ol>",
    "</article>",
    "</b>",
    "</cite>",
    "</span>",
    "</time>",
    "</p>",
    "</a>",
    "</table>",
    "</tr>",
    "</td>",
    "</ul>",
    "</em>",
    "</font>",
    "</svg>",
    "</template>",
    "</form>",
    "</textarea>",
    "</h1>",
    "</select>",
    "</pre>",
];
const LEAF: &[&str] = &[
    "text ", "Name", "May 1, 2024 at 11:02 am", "&amp;", "&#0;", "&#x1F600;", "\u{202e}evil",
    "\u{1b}[31mred", "<br>", "<img src='/a.png' alt='x'>", "<input name='comment_post_ID' value='4'>",
    "<!-- c -->", "<!--", "<script>var x='</div>';</script>", "<style>p{}</style>", "<",
    "</", "<div", "'\"", "<meta charset='utf-16'>", "<base href='file:///etc/'>",
    "<script type='application/ld+json'>{\"@type\":\"BlogPosting\",\"comment\":[{\"text\":\"j\"}]}</script>",
    "<script type='application/ld+json'>[[[[[[</script>", "\u{200d}", "👩\u{200d}💻", "\t\n",
];

fn page(rng: &mut Rng) -> String {
    let mut s =
        String::from("<html><head><meta name='generator' content='WordPress 6'></head><body>");
    let pieces = 1 + rng.below(120);
    for _ in 0..pieces {
        let list = match rng.below(10) {
            0..=3 => OPEN,
            4..=6 => CLOSE,
            _ => LEAF,
        };
        s.push_str(list[rng.below(list.len())]);
        if rng.below(16) == 0 {
            // A run of the same opening tag: depth.
            let tag = OPEN[rng.below(OPEN.len())];
            s.push_str(&tag.repeat(1 + rng.below(600)));
        }
    }
    s
}

fn check(html: &str) {
    let url = Url::parse("https://b.test/2024/05/post/").expect("url");
    let post = parlor::extract::extract(html, &url);
    let second = parlor::extract::extract(html, &url);
    let merged = parlor::extract::merge_pages(post.clone(), vec![second]);
    for p in [&post, &merged] {
        let _ = serde_json::to_string(&format::to_json(p, Part::All)).expect("json");
        let _ = format::to_text(p, Part::All, 40);
        let _ = format::to_markdown(p, Part::Comments);
    }
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

#[test]
fn saved_crashes_stay_fixed() {
    let Ok(dir) = std::fs::read_dir(fixtures()) else {
        return;
    };
    let mut n = 0;
    for entry in dir.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html") {
            let bytes = std::fs::read(&path).expect("fixture");
            check(&String::from_utf8_lossy(&bytes));
            n += 1;
        }
    }
    assert!(n > 0, "no fixtures in {}", fixtures().display());
}

#[test]
fn fuzz_extractors() {
    let mut rng = Rng(SEED);
    let started = std::time::Instant::now();
    for i in 0..CASES {
        let html = page(&mut rng);
        let result = std::panic::catch_unwind(|| check(&html));
        if result.is_err() {
            let path = fixtures().join(format!("crash-{SEED:x}-{i}.html"));
            let _ = std::fs::create_dir_all(fixtures());
            let _ = std::fs::write(&path, &html);
            panic!("case {i} crashed; saved as {}", path.display());
        }
        // A fixed case count, with a time stop so CI stays within a minute on slow machines.
        if started.elapsed().as_secs() > 40 {
            println!("stopped at case {i} (time)");
            break;
        }
    }
}
