//! Subcommands of the `parlor` binary: each module owns one command's arguments and its run().

pub mod blogs;
pub mod discussions;
pub mod dump;
pub mod export;
pub mod library;
pub mod reply;
