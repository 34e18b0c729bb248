//! Subcommands of the `parlor` binary: each module owns one command's arguments and its run().

/// `println!` for subcommands returning `anyhow::Result`: a closed pipe ends the command
/// quietly (see [`out`]), instead of the panic `println!` gives.
macro_rules! outln {
    () => {
        $crate::cli::out::print("\n")?
    };
    ($($arg:tt)*) => {
        $crate::cli::out::print(&format!("{}\n", format_args!($($arg)*)))?
    };
}

/// `print!` with [`outln!`]'s handling of a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::out::print(&format!($($arg)*))?
    };
}

pub mod args;
pub mod blogs;
pub mod discussions;
pub mod dump;
pub mod export;
pub mod library;
pub mod logging;
pub mod login;
pub mod out;
pub mod reply;
pub mod shell;
