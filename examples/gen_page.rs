//! Writes the synthetic WordPress page the benches use: `gen_page N FILE [long]`
//! (N comments; ~1.15 KB each, ~2.5 KB with `long`). Used by scripts/bench-dump.sh.

#[path = "../benches/support/wp_page.rs"]
mod wp_page;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let file = args.get(2).map_or("page.html", String::as_str);
    let long = args.get(3).is_some_and(|s| s == "long");
    let html = wp_page::page(n, "https://bench.test/2024/05/post/", long);
    std::fs::write(file, html)
}
