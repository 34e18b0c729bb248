//! Comment-service providers (Remark42, Commento, Cusdis, Discourse, webmention.io, Mastodon,
//! Substack, Ghost, dev.to, Hashnode) against loopback servers replaying recorded answers.

#[path = "net/server.rs"]
#[allow(dead_code)]
mod server;

#[path = "threads_b/support.rs"]
mod support;

#[path = "threads_b/remark42.rs"]
mod remark42;

#[path = "threads_b/commento.rs"]
mod commento;

#[path = "threads_b/cusdis.rs"]
mod cusdis;

#[path = "threads_b/discourse.rs"]
mod discourse;

#[path = "threads_b/mastodon.rs"]
mod mastodon;

#[path = "threads_b/webmention.rs"]
mod webmention;

#[path = "threads_b/platforms.rs"]
mod platforms;

#[path = "threads_b/scale.rs"]
mod scale;
