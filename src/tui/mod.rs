//! The terminal reader: app state, keymap, worker, event loop and views.
//!
//! The loop (STYLE.md): an input thread and a worker thread feed one std `mpsc` channel; the
//! main loop draws, blocks on one event, drains the rest, calls `App::update`, and hands the
//! returned effects to the worker. The terminal is restored on every exit path.

pub mod action;
pub mod app;
pub mod compose;
pub mod event;
pub mod exit_hook;
/// Test data (a sample post, a generated thread): only in tests and with `--features fixtures`
/// (the integration tests and benches turn it on through the dev-dependency on this crate).
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod keymap;
pub mod layout;
pub mod msg;
pub mod render;
pub mod screens;
pub mod search;
pub mod source;
pub mod ui;
pub mod welcome;
pub mod worker;

pub use render::{blocks, lines, theme, thread, wrap};

use app::{App, Effect, Msg, Net, Settings};
use event::Event;
use keymap::Keymap;
use msg::{Job, Routed, UiEffect};
use std::sync::mpsc;
use std::time::Duration;
use theme::Theme;
use worker::{Loader, StoreLoader};

/// What the reader was asked to open.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// URL or HTML file; `None` opens the library or the welcome post.
    pub source: Option<String>,
    /// Show stored copies only; never touch the network.
    pub offline: bool,
}

/// Spinner step while a load is pending.
const TICK: Duration = Duration::from_millis(100);

/// Runs the reader until the user quits; returns the process exit code.
pub fn run(options: Options) -> anyhow::Result<i32> {
    run_with_loader(options, Box::new(StoreLoader::new()))
}

pub use exit_hook::EXIT_AFTER_FIRST_FRAME;

/// How long quitting waits for the worker to write the reading position and seen comments.
const WORKER_GRACE: Duration = Duration::from_secs(3);

/// Settings from the config file and the environment (`NO_COLOR`). Problems become notices.
pub fn load_settings() -> Settings {
    let mut notices = Vec::new();
    let config = crate::config::load().unwrap_or_else(|e| {
        notices.push(format!("config: {e}"));
        crate::config::Config::default()
    });
    let (keymap, key_errors) = Keymap::with_overrides(&config.keys);
    let (theme, color_errors) = Theme::from_config(&config.colors, Theme::no_color_env());
    notices.extend(key_errors);
    notices.extend(color_errors);
    for notice in &notices {
        tracing::warn!(%notice, "config problem");
    }
    Settings {
        keymap,
        theme,
        side_by_side_min_width: config.layout.side_by_side_min_width,
        notices,
        identity: crate::reply::Identity {
            name: config.identity.name.clone(),
            email: config.identity.email.clone(),
            url: config.identity.url.clone(),
        },
        discussions_auto: config.discussions.auto,
        zone: render::time::Zone::Local,
    }
}

/// Runs the reader with a given loader (the lead plugs the fetcher / store in here).
pub fn run_with_loader(options: Options, loader: Box<dyn Loader>) -> anyhow::Result<i32> {
    // The private log file (0600 in a 0700 dir), as the subcommands have it.
    let _log_guard = crate::cli::logging::init(true);
    let settings = load_settings();
    let mut app = App::new(settings, chrono::Utc::now());
    app.accounts = crate::posting::SignedIn::load_default();
    let first = app.start(options.source, options.offline);

    let (tx, rx) = mpsc::channel::<Event>();
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let worker_tx = tx.clone();
    std::thread::Builder::new()
        .name(worker::WORKER_THREAD.into())
        .spawn(move || {
            worker::run_worker(loader, job_rx, worker_tx);
            let _ = done_tx.send(());
        })?;
    let gate = std::sync::Arc::new(event::InputGate::default());

    install_mouse_panic_hook();
    let mut terminal = ratatui::try_init()?;
    keep_terminal_on_worker_panic();
    let result = (|| -> anyhow::Result<i32> {
        crossterm::execute!(
            std::io::stdout(),
            crossterm::event::EnableMouseCapture,
            crossterm::event::EnableBracketedPaste
        )?;
        event::spawn_gated_input(tx, gate.clone())?;
        let size = terminal.size()?;
        app.update(Msg::Resize(size.width, size.height));
        for effect in first {
            match effect.route() {
                Routed::Job(job) => job_tx.send(job)?,
                Routed::Ui(ui) => tracing::warn!(?ui, "a UI effect at start-up; dropped"),
            }
        }
        main_loop(&mut app, &mut terminal, &rx, &job_tx, &gate)
    })();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::event::DisableMouseCapture,
        crossterm::event::DisableBracketedPaste
    );
    ratatui::restore();
    // Let the worker finish what it was given (the last draft save, the reading position and
    // seen comments) before the process ends: it stops once the job channel is closed.
    drop(job_tx);
    let _ = done_rx.recv_timeout(WORKER_GRACE);
    if let Err(e) = &result {
        tracing::error!(error = %e, "reader failed");
    }
    result
}

fn main_loop(
    app: &mut App,
    terminal: &mut ratatui::DefaultTerminal,
    rx: &mpsc::Receiver<Event>,
    jobs: &mpsc::Sender<Job>,
    gate: &event::InputGate,
) -> anyhow::Result<i32> {
    let hook = exit_hook::Hook::from_env();
    loop {
        let started = std::time::Instant::now();
        if let Err(e) = terminal.draw(|frame| ui::draw(app, frame)) {
            tracing::error!(error = %e, "failed to draw");
        }
        let ms = started.elapsed().as_millis();
        if ms >= 20 {
            tracing::info!(ms, "slow frame");
        }
        if hook.exit_now(app) {
            tracing::info!("first frame drawn; exiting ({EXIT_AFTER_FIRST_FRAME})");
            let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
            ratatui::restore();
            std::process::exit(0);
        }
        if app.finish_deferred() {
            continue; // draw the wrapped comments before reading input
        }
        if hook.quit_now(app) {
            for effect in app.update(Msg::Action(action::Action::Quit)) {
                if let Routed::Job(job) = effect.route() {
                    jobs.send(job)?;
                }
            }
            return Ok(0);
        }
        if let Some(Routed::Job(seen)) = app.take_seen().map(Effect::route) {
            jobs.send(seen)?;
        }
        let first = if app.is_loading() || app.wants_tick() {
            match rx.recv_timeout(TICK) {
                Ok(ev) => Some(ev),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
            }
        } else {
            Some(rx.recv()?)
        };
        let mut msgs = Vec::new();
        match first {
            Some(ev) => msgs.push(ev),
            None => msgs.push(Event::Msg(Msg::tick())),
        }
        msgs.extend(rx.try_iter());
        // A burst of resizes (a window being dragged) re-wraps once, for the last size.
        let last_resize = msgs.iter().rposition(is_resize);
        for (i, ev) in msgs.into_iter().enumerate() {
            if is_resize(&ev) && Some(i) != last_resize {
                continue;
            }
            if let Event::InputError(e) = &ev {
                anyhow::bail!("cannot read the terminal: {e}");
            }
            let Some(msg) = ev.into_msg() else { continue };
            if let Msg::Key(key) = &msg {
                // A `parlor login` in another terminal counts at the next reply key: one stat,
                // and a read only when accounts.json changed (not on every scrolling key).
                let replying = matches!(
                    app.settings.keymap.lookup(key),
                    Some(action::Action::Reply | action::Action::Comment)
                );
                if replying && app.mode == app::Mode::Normal {
                    app.accounts.refresh();
                }
            }
            let started = std::time::Instant::now();
            let mut effects: std::collections::VecDeque<Effect> = app.update(msg).into();
            let ms = started.elapsed().as_millis();
            if ms >= 20 {
                tracing::info!(ms, "slow update");
            }
            while let Some(effect) = effects.pop_front() {
                match effect.route() {
                    Routed::Ui(UiEffect::Quit) => return exit_status(app),
                    Routed::Ui(UiEffect::Edit(text)) => {
                        let result = run_editor(terminal, gate, &text);
                        if let Ok(size) = terminal.size() {
                            app.update(Msg::Resize(size.width, size.height));
                        }
                        effects.extend(app.update(Msg::Edited(result)));
                    }
                    Routed::Ui(UiEffect::Copy(text)) => {
                        use std::io::Write;
                        let mut out = std::io::stdout();
                        let _ = write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()));
                        let _ = out.flush();
                    }
                    Routed::Job(job) => jobs.send(job)?,
                }
            }
        }
    }
}

/// How the reader ends: 130 after Ctrl-C (an interrupt, as shells expect), an error when the
/// first load failed and nothing was ever shown (main prints it and exits 1), else 0.
fn exit_status(app: &App) -> anyhow::Result<i32> {
    if app.interrupted {
        return Ok(130);
    }
    match &app.net {
        Net::Failed(e) if app.post.url.is_empty() => Err(anyhow::anyhow!("{e}")),
        _ => Ok(0),
    }
}

/// Suspends the terminal (`ratatui::restore`), runs $VISUAL/$EDITOR on the text (no shell, a
/// 0600 temp file) and brings the reader back. Runs on the UI thread with the input thread
/// paused, so the editor gets every key.
fn run_editor(
    terminal: &mut ratatui::DefaultTerminal,
    gate: &event::InputGate,
    text: &str,
) -> Result<String, String> {
    gate.pause();
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::event::DisableMouseCapture,
        crossterm::event::DisableBracketedPaste
    );
    ratatui::restore();
    let result =
        crate::editor::edit_with(&crate::editor::editor_command(), text).map_err(|e| e.to_string());
    // What `ratatui::init` does, minus a second panic hook (it would restore the terminal on a
    // worker panic, which must only become a status-line error).
    if let Err(e) = crossterm::terminal::enable_raw_mode() {
        tracing::error!(error = %e, "cannot re-enter raw mode after the editor");
    }
    let _ = crossterm::execute!(
        std::io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableMouseCapture,
        crossterm::event::EnableBracketedPaste
    );
    let _ = terminal.clear();
    gate.resume();
    result
}

/// Standard base64 (OSC 52 carries the clipboard text in it).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn is_resize(event: &Event) -> bool {
    matches!(event, Event::Input(crossterm::event::Event::Resize(..)))
}

/// On a panic, turn mouse reporting off too (ratatui's own hook restores the rest).
fn install_mouse_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        previous(info);
    }));
}

/// A panic on the worker is caught there and becomes an error in the status line, so it must
/// not restore the terminal under the running reader; panics elsewhere restore as usual.
fn keep_terminal_on_worker_panic() {
    let restoring = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(worker::WORKER_THREAD) {
            tracing::error!("panic on the worker: {info}");
        } else {
            restoring(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_for_osc52() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(
            super::base64(b"https://a.b/#c-1"),
            "aHR0cHM6Ly9hLmIvI2MtMQ=="
        );
    }
}
