//! Events into the main loop: the input thread (crossterm) and the worker feed one channel.

use super::app::Msg;
use crossterm::event::Event as TermEvent;
use std::sync::mpsc::Sender;

/// One thing for the main loop.
#[derive(Debug)]
pub enum Event {
    /// Input from the terminal.
    Input(TermEvent),
    /// A message from the worker.
    Msg(Msg),
    /// Reading the terminal failed; the loop should end.
    InputError(String),
}

impl Event {
    /// The app message for this event, if it is one.
    pub fn into_msg(self) -> Option<Msg> {
        match self {
            Event::Input(TermEvent::Key(key)) => Some(Msg::Key(key)),
            Event::Input(TermEvent::Mouse(mouse)) => Some(Msg::Mouse(mouse)),
            Event::Input(TermEvent::Resize(w, h)) => Some(Msg::Resize(w, h)),
            Event::Input(TermEvent::Paste(text)) => Some(Msg::Paste(text)),
            Event::Input(_) | Event::InputError(_) => None,
            Event::Msg(msg) => Some(msg),
        }
    }
}

/// Stops the input thread from reading the terminal while another program (the user's
/// editor) owns it.
#[derive(Debug, Default)]
pub struct InputGate {
    paused: std::sync::atomic::AtomicBool,
    idle: std::sync::atomic::AtomicBool,
}

impl InputGate {
    /// Asks the input thread to stop reading; returns once it has (or after a second).
    pub fn pause(&self) {
        use std::sync::atomic::Ordering::SeqCst;
        self.paused.store(true, SeqCst);
        let start = std::time::Instant::now();
        while !self.idle.load(SeqCst) && start.elapsed() < std::time::Duration::from_secs(1) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// Lets the input thread read again.
    pub fn resume(&self) {
        use std::sync::atomic::Ordering::SeqCst;
        self.idle.store(false, SeqCst);
        self.paused.store(false, SeqCst);
    }
}

/// Reads the terminal on its own thread, polling so that [`InputGate::pause`] can stop it
/// between events (the external editor gets every key meanwhile).
pub fn spawn_gated_input(
    tx: Sender<Event>,
    gate: std::sync::Arc<InputGate>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    use std::sync::atomic::Ordering::SeqCst;
    std::thread::Builder::new()
        .name("parlor-input".into())
        .spawn(move || loop {
            if gate.paused.load(SeqCst) {
                gate.idle.store(true, SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(10));
                continue;
            }
            let event = match crossterm::event::poll(std::time::Duration::from_millis(50)) {
                Ok(false) => continue,
                Ok(true) => match crossterm::event::read() {
                    Ok(ev) => Event::Input(ev),
                    Err(e) => Event::InputError(e.to_string()),
                },
                Err(e) => Event::InputError(e.to_string()),
            };
            let failed = matches!(event, Event::InputError(_));
            if tx.send(event).is_err() || failed {
                break;
            }
        })
}
