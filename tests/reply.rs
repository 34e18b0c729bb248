//! The reply protocol core: one test binary, split by topic into tests/reply/*.rs.

#[path = "reply/classify.rs"]
mod classify;
#[path = "reply/dedupe.rs"]
mod dedupe;
#[path = "reply/submit.rs"]
mod submit;
