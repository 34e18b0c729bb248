//! Local inputs (files, stdin, the config) read with a size cap, like network bodies: a path
//! such as `/dev/zero` or an endless pipe stops at the cap with a clear message.

use super::error::size_text;
use std::io::{self, Read};
use std::path::Path;

/// Largest page or OPML file read from disk or stdin (the network's body cap).
pub const MAX_PAGE: u64 = 20 * 1024 * 1024;
/// Largest config file or comment text read.
pub const MAX_SMALL: u64 = 1024 * 1024;

/// Reads at most `max` bytes; more is an error naming `what` and the limit.
pub fn read_limited(reader: impl Read, max: u64, what: &str) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("{what} is larger than {} (the limit)", size_text(max)),
        ));
    }
    Ok(bytes)
}

/// [`read_limited`] on a file (`what` is its path).
pub fn read_file(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    read_limited(file, max, &path.display().to_string())
}

/// [`read_file`] as UTF-8 text.
pub fn read_file_string(path: &Path, max: u64) -> io::Result<String> {
    String::from_utf8(read_file(path, max)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_stops_at_the_cap() {
        let err = read_limited(io::repeat(0), 1024, "stdin").expect_err("too big");
        assert_eq!(err.to_string(), "stdin is larger than 1 KB (the limit)");
        assert_eq!(read_limited(&b"abc"[..], 3, "x").expect("fits"), b"abc");
    }

    #[cfg(unix)]
    #[test]
    fn dev_zero_is_refused() {
        let err = read_file(Path::new("/dev/zero"), 4096).expect_err("endless");
        assert_eq!(err.to_string(), "/dev/zero is larger than 4 KB (the limit)");
    }
}
