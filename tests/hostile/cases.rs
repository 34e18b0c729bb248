//! The hostile cases and their budgets (debug-build figures with room; the runner fails only
//! at 10× a budget). In-process cases assert their output stays linear in their input.

use super::{gen, server, Case, Run};
use parlor::fetch::{fetch_post_progress, PostBudget};
use parlor::format::{self, Part};
use parlor::net::{Client, NetOptions};
use std::process::Command;
use std::time::Duration;
use url::Url;

/// The cases. Budgets are debug-build figures measured on a loaded 2-core machine.
#[rustfmt::skip]
pub fn all() -> Vec<Case> {
    let case = |name, budget_ms, budget_mb, run| Case { name, budget_ms, budget_mb, run };
    use Run::{Cli, InProcess as In};
    vec![
        case("deep_divs_30k", 4000, 100, In(|| page(&gen::deep_divs(30_000)))),
        case("deep_divs_behind_a_quote_100k", 10000, 150, In(|| capped(&gen::deep_divs_behind_a_quote(100_000)))),
        case("deep_divs_after_short_comments_90k", 10000, 150, In(|| capped(&gen::deep_divs_after_short_comments(90_000)))),
        case("wp_chain_10k", 8000, 150, In(|| page(&gen::wp_chain(10_000)))),
        case("wp_deep_in_comments_chunked", 8000, 150, In(wp_deep_in_comments)),
        case("wp_nested_fn_5k", 8000, 100, In(|| page(&gen::wp_nested_fn(5_000)))),
        case("mf_nested_8k", 8000, 100, In(|| page(&gen::mf_nested(8_000)))),
        case("siblings_30k", 5000, 150, In(|| page(&gen::siblings(30_000)))),
        case("formatting_soup", 1500, 100, In(|| page(&gen::formatting_soup(3_000, 5_000)))),
        case("huge_table", 5000, 150, In(|| page(&gen::huge_table(2_000, 30)))),
        case("microdata_20k", 8000, 150, In(|| page(&gen::microdata(20_000)))),
        case("huge_attributes", 15000, 150, In(|| page(&gen::huge_attributes(1 << 18, 5_000)))),
        case("colliding_tag_names_100k", 6000, 150, In(|| page(&gen::colliding_tag_names(100_000)))),
        case("jsonld_deep_and_long", 8000, 150, In(|| page(&gen::jsonld(100_000, 1 << 20)))),
        case("feed_slash_50k", 12000, 300, In(slash_feed)),
        case("opml_5000", 3000, 100, In(opml_import)),
        case("add_5000_feed_links", 4000, 100, In(add_many_feed_links)),
        case("pages_endless", 8000, 150, In(endless_pages)),
        case("pages_slow_drip", 4000, 100, In(slow_drip)),
        case("dump_dev_zero", 2000, 120, Cli(|_| parlor(&["dump", "/dev/zero"]))),
        case("dump_stdin_endless", 2000, 120, Cli(dump_stdin_endless)),
        case("import_dev_zero", 2000, 120, Cli(|_| parlor(&["import", "/dev/zero"]))),
        case("reply_body_dev_zero", 2000, 60, Cli(reply_body_dev_zero)),
        case("config_dev_zero", 3000, 60, Cli(config_dev_zero)),
        case("dump_nested_fn_file", 8000, 100, Cli(dump_nested_fn_file)),
    ]
}

/// A list read in chunks on other threads, each comment's text nested as deep as a run may
/// go (the split tracker stops past 128 open elements): the readers' walks there get a main
/// thread's stack.
fn wp_deep_in_comments() -> String {
    use parlor::extract::{chunk_parse::MIN_PAGE, nesting::CHUNK};
    let html = gen::wp_deep_in_comments(300, 55);
    let url = Url::parse("https://b.test/2024/05/post/").expect("url");
    let (post, chunked) = parlor::extract::extract_chunked(&html, &url, MIN_PAGE, CHUNK);
    assert!(chunked, "read in chunks ({} bytes)", html.len());
    assert_eq!(post.comments.len(), 300);
    page(&html)
}

/// [`page`], once the parsed tree is seen to be no deeper than the nesting cap.
fn capped(html: &str) -> String {
    let doc = parlor::extract::parse(html);
    let (mut deepest, mut stack) = (0, vec![(doc.tree.root(), 0usize)]);
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(node.children().map(|c| (c, depth + 1)));
    }
    let cap = parlor::extract::nesting::MAX_DEPTH + 8;
    assert!(deepest <= cap, "tree {deepest} deep, cap {cap}");
    page(html)
}

/// Extracts a page and writes its JSON; the output must stay linear in the input.
fn page(html: &str) -> String {
    let url = Url::parse("https://b.test/2024/05/post/").expect("url");
    let post = parlor::extract::extract(html, &url);
    let json = serde_json::to_string(&format::to_json(&post, Part::All)).expect("json");
    let text = format::to_text(&post, Part::All, 80);
    let out = json.len().max(text.len());
    assert!(
        out <= 8 * html.len() + (1 << 20),
        "output {out} bytes for {} bytes of input",
        html.len()
    );
    format!(
        "{} KB in, {} KB json, {} comments",
        html.len() / 1024,
        json.len() / 1024,
        post.comments.len()
    )
}

fn slash_feed() -> String {
    let xml = gen::slash_feed(50_000);
    let base = Url::parse("https://b.test/feed/").expect("url");
    let info = parlor::feeds::parse_feed(xml.as_bytes(), &base).expect("feed");
    assert_eq!(info.items.len(), 50_000);
    assert_eq!(info.items[49_999].comment_count, Some(49_999 % 50));
    format!("{} KB, {} items", xml.len() / 1024, info.items.len())
}

fn opml_import() -> String {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = parlor::store::Store::open(&dir.path().join("s.sqlite3")).expect("store");
    let text = gen::opml(5_000);
    let (added, known) = parlor::blogs::import_opml(&mut store, &text, 1).expect("import");
    assert_eq!(added + known, 5_000);
    assert_eq!(store.subscriptions().expect("subs").len(), added);
    format!("{added} added, {known} duplicates")
}

fn add_many_feed_links() -> String {
    let srv = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let base = std::sync::Arc::clone(&srv);
    let s = server::Server::start(move |seen| {
        if seen.path == "/" {
            server::html(&gen::many_feed_links(5_000, base.get().map_or("", |s| s)))
        } else {
            server::reply(404, "text/plain", "no")
        }
    });
    let _ = srv.set(s.base.clone());
    let dir = tempfile::tempdir().expect("dir");
    let mut store = parlor::store::Store::open(&dir.path().join("s.sqlite3")).expect("store");
    let client = Client::new(NetOptions::default()).expect("client");
    let err = parlor::blogs::subscribe(&client, &mut store, &s.url("/"), 1).expect_err("no feed");
    let msg = err.to_string();
    let asked = s.requests().len();
    assert!(asked <= 6, "{asked} requests");
    assert!(msg.len() < 400, "error of {} bytes", msg.len());
    format!("{asked} requests; error of {} bytes", msg.len())
}

/// Every page links the next one and carries ~400 KB of comments: the byte budget stops it.
fn endless_pages() -> String {
    let s = server::Server::start(|seen| {
        let n: usize = seen
            .path
            .trim_start_matches("/p/comment-page-")
            .trim_end_matches('/')
            .parse()
            .unwrap_or(1);
        let mut page = gen::wp_chain(0);
        page.push_str(&format!(
            "<div class='nav-links'><a class='next page-numbers' href='/p/comment-page-{}/'>Newer</a></div>{}",
            n + 1,
            "<p>filler</p>".repeat(30_000)
        ));
        server::html(&page)
    });
    let client = Client::new(NetOptions::default()).expect("client");
    let budget = PostBudget {
        max_bytes: 4 << 20,
        max_time: Duration::from_secs(20),
        ..PostBudget::default()
    };
    let got = fetch_post_progress(
        &client,
        &s.url("/p/"),
        budget,
        &parlor::extract::extract,
        &parlor::extract::merge_pages,
        &mut |_| {},
    )
    .expect("fetch");
    let partial = got
        .warnings
        .iter()
        .any(|w| w.contains("the thread is partial"));
    assert!(partial, "warnings: {:?}", got.warnings);
    let bytes: usize = got.pages.iter().map(|p| p.html.len()).sum();
    assert!(bytes <= 5 << 20, "{bytes} bytes kept");
    format!("{} pages, {} KB kept", got.pages.len(), bytes / 1024)
}

/// The comment pages drip one byte at a time: the post's deadline stops them.
fn slow_drip() -> String {
    let s = server::Server::start(|seen| {
        if seen.path == "/p/" {
            let mut page = gen::wp_chain(1);
            page.push_str(
                "<div class='nav-links'><a class='page-numbers' href='/p/comment-page-2/'>2</a>\
                 <a class='page-numbers' href='/p/comment-page-3/'>3</a></div>",
            );
            return server::html(&page);
        }
        let drip = Drip(0);
        tiny_http::Response::new(200.into(), vec![], drip, None, None).boxed()
    });
    let client = Client::new(NetOptions::default()).expect("client");
    let budget = PostBudget {
        max_bytes: 64 << 20,
        max_time: Duration::from_secs(2),
        ..PostBudget::default()
    };
    let started = std::time::Instant::now();
    let got = fetch_post_progress(
        &client,
        &s.url("/p/"),
        budget,
        &parlor::extract::extract,
        &parlor::extract::merge_pages,
        &mut |_| {},
    )
    .expect("fetch");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(6), "took {took:?}");
    assert!(!got.warnings.is_empty());
    format!("{} ms; {}", took.as_millis(), got.warnings.join("; "))
}

/// A body that yields one byte every 50 ms, forever.
struct Drip(u64);

impl std::io::Read for Drip {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        std::thread::sleep(Duration::from_millis(50));
        self.0 += 1;
        if self.0 > 10_000 || buf.is_empty() {
            return Ok(0);
        }
        buf[0] = b'x';
        Ok(1)
    }
}

fn parlor(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_parlor"));
    c.args(args);
    c
}

fn dump_stdin_endless(_: &std::path::Path) -> Command {
    let mut c = parlor(&["dump", "-"]);
    c.stdin(std::fs::File::open("/dev/zero").expect("/dev/zero"));
    c
}

fn reply_body_dev_zero(_: &std::path::Path) -> Command {
    parlor(&["reply", "http://127.0.0.1:9/p/", "--body-file", "/dev/zero"])
}

fn config_dev_zero(dir: &std::path::Path) -> Command {
    let body = dir.join("body.txt");
    std::fs::write(&body, "hello").expect("body");
    let mut c = parlor(&["reply", "http://127.0.0.1:9/p/", "--body-file"]);
    c.arg(body).env("PARLOR_CONFIG", "/dev/zero");
    c
}

fn dump_nested_fn_file(dir: &std::path::Path) -> Command {
    let file = dir.join("nested.html");
    std::fs::write(&file, gen::wp_nested_fn(5_000)).expect("page");
    let mut c = parlor(&[
        "dump",
        "--format",
        "json",
        "--base-url",
        "https://b.test/p/",
    ]);
    c.arg(file);
    c
}
