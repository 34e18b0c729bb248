//! `parlor completions SHELL` and `parlor man`: shell completions and the man page, generated
//! from the clap definitions in [`super::args`].

use super::args::Cli;
use clap::{Args, CommandFactory as _};

/// Arguments of `parlor completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "parlor", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The man page, as roff.
pub fn man_page() -> anyhow::Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Runs `parlor completions SHELL`.
pub fn run_completions(args: &CompletionsArgs) -> anyhow::Result<i32> {
    super::out::print(&completions(args.shell))?;
    Ok(0)
}

/// Runs `parlor man`.
pub fn run_man() -> anyhow::Result<i32> {
    super::out::print(&man_page()?)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn completions_name_the_subcommands() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let script = completions(shell);
            for word in ["library", "reply", "export-opml", "allow-moved"] {
                assert!(script.contains(word), "{shell:?} lacks {word}");
            }
        }
    }

    #[test]
    fn man_page_is_roff_with_the_subcommands() {
        let page = man_page().expect("man");
        assert!(
            page.starts_with(".ie \\n(.g .ds Aq"),
            "{}",
            &page[..40.min(page.len())]
        );
        assert!(page.contains(".TH parlor 1"), "no title header");
        assert!(page.contains("library"), "subcommands listed");
    }
}
