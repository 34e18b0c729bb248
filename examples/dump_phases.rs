//! Times the phases of `parlor dump` on one file: `dump_phases FILE [runs]` prints the best
//! time of reading, the nesting pre-pass, parsing, extraction (parse included), text and JSON.
//! Used to see where `parlor dump`'s time goes (scripts/bench-dump.sh measures the whole).

use std::time::{Duration, Instant};
use url::Url;

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        out = Some(v);
    }
    (best, out.expect("at least one run"))
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let file = args.get(1).map_or("page.html", String::as_str);
    let runs = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let url = Url::parse("https://bench.test/2024/05/post/")?;
    let (t, html) = best(runs, || {
        let bytes = std::fs::read(file).unwrap_or_default();
        parlor::net::decode_html(&bytes, None)
    });
    println!("read+decode  {:>8.1} ms  ({} bytes)", ms(t), html.len());
    let (t, _) = best(runs, || parlor::extract::nesting::cap(&html).len());
    println!("nesting cap  {:>8.1} ms", ms(t));
    let (t, two) = best(runs, || {
        let p = parlor::extract::nesting::prepare(&html).expect("prepared");
        let split = p.split;
        (parlor::extract::parse_prepared(p), split)
    });
    println!("parse split  {:>8.1} ms  (part {:?})", ms(t), two.1);
    drop(two);
    let (t, doc) = best(runs, || parlor::extract::parse(&html));
    let est = parlor::extract::nesting::prepare(&html).map_or(0, |p| p.nodes);
    println!(
        "parse        {:>8.1} ms  ({} nodes of {} bytes, {} estimated)",
        ms(t),
        doc.tree.nodes().count(),
        std::mem::size_of::<scraper::Node>(),
        est
    );
    let (_, t) = best(runs, || {
        let doc = parlor::extract::parse(&html);
        let t = Instant::now();
        drop(doc);
        t.elapsed()
    });
    println!("drop tree    {:>8.1} ms  (last run)", ms(t));
    let (t, post) = best(runs, || parlor::extract::extract(&html, &url));
    println!(
        "extract      {:>8.1} ms  ({} comments)",
        ms(t),
        post.comments.len()
    );
    let part = parlor::format::Part::All;
    let (t, text) = best(runs, || parlor::format::to_text(&post, part, 80));
    println!("to_text      {:>8.1} ms  ({} bytes)", ms(t), text.len());
    let (_, t) = best(runs, || {
        let p = post.clone();
        let t = Instant::now();
        drop(p);
        t.elapsed()
    });
    println!("drop post    {:>8.1} ms  (last run)", ms(t));
    let (t, json) = best(runs, || parlor::format::to_json_pretty(&post, part));
    println!("to_json      {:>8.1} ms  ({} bytes)", ms(t), json?.len());
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
