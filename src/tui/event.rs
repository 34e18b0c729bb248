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
            Event::Input(_) | Event::InputError(_) => None,
            Event::Msg(msg) => Some(msg),
        }
    }
}

/// Starts the input thread: blocks on `crossterm::event::read` and forwards every event.
pub fn spawn_input(tx: Sender<Event>) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("parlor-input".into())
        .spawn(move || loop {
            let event = match crossterm::event::read() {
                Ok(ev) => Event::Input(ev),
                Err(e) => {
                    let _ = tx.send(Event::InputError(e.to_string()));
                    break;
                }
            };
            if tx.send(event).is_err() {
                break;
            }
        })
}
