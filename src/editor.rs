//! Handing a draft to the user's own editor ($VISUAL, then $EDITOR, then vi): no shell, a private
//! 0600 temp file, the edited text read back. The caller suspends and restores the terminal.

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// The editor command line from the environment, split into words without a shell.
pub fn editor_command() -> Vec<String> {
    let var = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    split_words(&var)
}

/// Splits a command line the way a shell would for plain words, single and double quotes and
/// backslash escapes — but never runs a shell, so `$(…)`, `;` and globs stay literal.
pub fn split_words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                    in_word = true;
                }
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            (None, c) => {
                cur.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// Writes `text` to a private temp file, runs `command` + the file path, waits, and returns the
/// file's contents. The file is created 0600 (tempfile's default on Unix) and removed afterwards.
pub fn edit_with(command: &[String], text: &str) -> anyhow::Result<String> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| anyhow::anyhow!("no editor configured: set $VISUAL or $EDITOR"))?;
    let mut file = tempfile::Builder::new()
        .prefix("parlor-draft-")
        .suffix(".md")
        .tempfile()?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    let status = Command::new(program)
        .args(args)
        .arg(file.path())
        .status()
        .map_err(|e| anyhow::anyhow!("could not start the editor `{program}`: {e}"))?;
    if !status.success() {
        anyhow::bail!("the editor `{program}` exited with {status}; the draft is unchanged");
    }
    read_back(file.path())
}

fn read_back(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_without_a_shell() {
        assert_eq!(split_words("vim"), ["vim"]);
        assert_eq!(split_words("  code --wait  "), ["code", "--wait"]);
        assert_eq!(
            split_words(r#"'my editor' -c "set tw=72" a\ b"#),
            ["my editor", "-c", "set tw=72", "a b"]
        );
        assert_eq!(
            split_words("ed; rm -rf / $(x)"),
            ["ed;", "rm", "-rf", "/", "$(x)"]
        );
        assert!(split_words("   ").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn edits_through_a_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let script = dir.path().join("fake-editor.sh");
        // A fake editor: records the file mode, then appends a line.
        std::fs::write(
            &script,
            "#!/bin/sh\nstat -c %a \"$1\" > \"$0.mode\"\nprintf 'added\\n' >> \"$1\"\n",
        )
        .expect("script");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        // Run through sh: exec'ing a file just written races with forks in other test threads
        // that briefly hold it open for writing (ETXTBSY).
        let cmd = vec!["sh".to_string(), script.to_string_lossy().into_owned()];
        let out = edit_with(&cmd, "draft text\n").expect("edit");
        assert_eq!(out, "draft text\nadded\n");
        let mode = std::fs::read_to_string(dir.path().join("fake-editor.sh.mode")).expect("mode");
        assert_eq!(mode.trim(), "600");
    }

    #[test]
    fn failing_editor_is_an_error() {
        let err = edit_with(&["false".to_string()], "x").expect_err("false fails");
        assert!(err.to_string().contains("draft is unchanged"), "{err}");
        let err = edit_with(&["/nonexistent/editor".to_string()], "x").expect_err("missing");
        assert!(err.to_string().contains("could not start"), "{err}");
    }
}
