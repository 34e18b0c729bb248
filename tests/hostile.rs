//! The hostile-input suite: pathological pages, feeds, OPML, JSON, loopback servers and local
//! inputs, each run in a child process with a time and memory budget. The runner prints each
//! case's figures; it fails only on a blow-up (10× the time or memory budget), a crash or a
//! hang, so machine noise cannot fail a build. Tight figures belong to the benchmarks.
//!
//! `HOSTILE_CASE=name cargo test --test hostile -- --nocapture` runs one case in-process.

#[path = "hostile/cases.rs"]
mod cases;
#[path = "hostile/gen.rs"]
mod gen;
#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a case runs.
pub enum Run {
    /// In this test binary, in a child process; returns a note (e.g. output size).
    InProcess(fn() -> String),
    /// The `parlor` binary with these arguments (built by a function given a scratch dir).
    Cli(fn(&std::path::Path) -> Command),
}

/// One case with its budget (debug build figures, with room).
pub struct Case {
    pub name: &'static str,
    pub budget_ms: u64,
    pub budget_mb: u64,
    pub run: Run,
}

/// The result line a child prints.
const MARK: &str = "HOSTILE-RESULT";
/// Blow-up factor: only this much over budget fails.
const BLOWUP: u64 = 10;

/// The tests of this file measure time: one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Cost stays linear in nesting whatever the machine's speed: 4× the input may cost at most
/// 10× the time (linear gives ~4×, quadratic ~16×). Each figure is the best of 3 runs.
#[test]
fn cost_is_linear_in_nesting() {
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let url = url::Url::parse("https://b.test/2024/05/post/").expect("url");
    let time = |html: &str| {
        (0..3)
            .map(|_| {
                let started = Instant::now();
                let post = parlor::extract::extract(html, &url);
                let json = parlor::format::to_json_pretty(&post, parlor::format::Part::All);
                assert!(json.expect("json").len() < 16 * html.len() + (1 << 20));
                started.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    type Shape = (&'static str, fn(usize) -> String, usize);
    let shapes: [Shape; 4] = [
        ("nested divs", gen::deep_divs, 5_000),
        ("WordPress reply chain", gen::wp_chain, 1_000),
        ("comments inside .fn", gen::wp_nested_fn, 1_000),
        ("nested microformats", gen::mf_nested, 1_000),
    ];
    let mut failures = Vec::new();
    for (name, make, n) in shapes {
        let small = time(&make(n));
        let big = time(&make(4 * n));
        let ratio = big.as_secs_f64() / small.as_secs_f64().max(1e-6);
        println!(
            "{name:<24} {n:>6}: {:>6} ms  {:>6}: {:>6} ms  ratio {ratio:.1}",
            small.as_millis(),
            4 * n,
            big.as_millis()
        );
        if ratio > 10.0 {
            failures.push(format!("{name}: 4× the input took {ratio:.1}× the time"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_inputs() {
    if let Ok(name) = std::env::var("HOSTILE_CASE") {
        let case = cases::all()
            .into_iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no case {name}"));
        let Run::InProcess(f) = case.run else {
            panic!("{name} is a CLI case")
        };
        let started = Instant::now();
        let note = f();
        let ms = started.elapsed().as_millis();
        println!("{MARK} {ms} {} {note}", vm_hwm_kb("self").unwrap_or(0));
        return;
    }
    let _serial = SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let only = std::env::var("HOSTILE_ONLY").ok();
    let mut failures = Vec::new();
    println!(
        "{:<24} {:>9} {:>9} {:>8} {:>8}  note",
        "case", "ms", "budget", "MB", "budget"
    );
    for case in cases::all() {
        if only.as_deref().is_some_and(|o| !case.name.contains(o)) {
            continue;
        }
        match run_case(&case) {
            Ok((ms, kb, note)) => {
                let mb = kb / 1024;
                println!(
                    "{:<24} {ms:>9} {:>9} {mb:>8} {:>8}  {note}",
                    case.name, case.budget_ms, case.budget_mb
                );
                if ms > case.budget_ms * BLOWUP {
                    failures.push(format!(
                        "{}: {ms} ms (budget {})",
                        case.name, case.budget_ms
                    ));
                }
                if mb > case.budget_mb * BLOWUP {
                    failures.push(format!(
                        "{}: {mb} MB (budget {})",
                        case.name, case.budget_mb
                    ));
                }
            }
            Err(e) => {
                println!("{:<24} FAILED: {e}", case.name);
                failures.push(format!("{}: {e}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "blow-ups:\n{}", failures.join("\n"));
}

/// Runs one case in a child; returns (ms, peak kB, note). A child past 10× its time budget is
/// killed and reported as a hang.
fn run_case(case: &Case) -> Result<(u64, u64, String), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut cmd = match case.run {
        Run::InProcess(_) => {
            let exe = std::env::current_exe().map_err(|e| e.to_string())?;
            let mut c = Command::new(exe);
            c.args([
                "--exact",
                "hostile_inputs",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("HOSTILE_CASE", case.name);
            c
        }
        Run::Cli(f) => f(dir.path()),
    };
    cmd.env("PARLOR_DATA_DIR", dir.path().join("data"))
        .env("PARLOR_CONFIG_DIR", dir.path().join("config"))
        .env("PARLOR_STATE_DIR", dir.path().join("state"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("could not start: {e}"))?;
    let pid = child.id().to_string();
    // Drain the pipes on threads so a chatty child never blocks on a full pipe.
    let mut out = child.stdout.take().ok_or("no stdout")?;
    let mut err = child.stderr.take().ok_or("no stderr")?;
    let out_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let limit = Duration::from_millis(case.budget_ms * BLOWUP);
    let mut peak = 0;
    let status = loop {
        peak = peak.max(vm_hwm_kb(&pid).unwrap_or(0));
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("hung: killed after {} ms", limit.as_millis()));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let ms = started.elapsed().as_millis() as u64;
    let stdout = String::from_utf8_lossy(&out_t.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
    match case.run {
        Run::InProcess(_) => {
            if !status.success() {
                return Err(format!("crashed ({status}): {}", tail(&stdout, &stderr)));
            }
            let line = stdout
                .lines()
                .find_map(|l| l.find(MARK).map(|at| &l[at + MARK.len()..]))
                .ok_or_else(|| format!("no result: {}", tail(&stdout, &stderr)))?;
            let mut parts = line.trim().splitn(3, ' ');
            let ms: u64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(ms);
            let kb: u64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            Ok((ms, kb.max(peak), parts.next().unwrap_or("").to_string()))
        }
        Run::Cli(_) => {
            // A CLI case must end by itself with a message, not by a signal.
            if status.code().is_none() {
                return Err(format!(
                    "killed by a signal ({status}): {}",
                    tail(&stdout, &stderr)
                ));
            }
            let note: String = stderr
                .lines()
                .last()
                .unwrap_or("")
                .chars()
                .take(90)
                .collect();
            let code = status.code().unwrap_or(-1);
            let out_kb = stdout.len() / 1024;
            Ok((ms, peak, format!("exit {code}, {out_kb} KB out: {note}")))
        }
    }
}

fn tail(stdout: &str, stderr: &str) -> String {
    let all = format!("{stdout}\n{stderr}");
    let mut start = all.len().saturating_sub(600);
    while !all.is_char_boundary(start) {
        start += 1;
    }
    all[start..].to_string()
}

/// VmHWM (peak resident set) of a process, in kB.
fn vm_hwm_kb(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
