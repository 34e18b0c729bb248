//! The network layer against loopback servers the tests start and stop: redirects, gzip,
//! charsets, status codes, timeouts, size caps, conditional GET, forms, and comment pages.

mod comments;
mod forms;
mod get;
mod page_progress;
mod pages;
mod server;
