//! Reading article files: the checks every entry point (CLI, app, import) shares, so a bad
//! file gets the same clear error wherever it is opened.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Articles larger than this are refused: no news article comes near it, and a file this
/// big is almost certainly the wrong file.
pub const MAX_ARTICLE_BYTES: u64 = 256 * 1024 * 1024;

/// Why an article file could not be read. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The path does not exist.
    #[error("{path}: no such file")]
    NotFound {
        /// The file asked for.
        path: PathBuf,
    },
    /// The path is a directory, not a file.
    #[error("{path}: is a directory, not an article file")]
    IsDirectory {
        /// The directory given.
        path: PathBuf,
    },
    /// The path is a FIFO, device or socket: reading it could wait forever.
    #[error("{path}: is not a regular file (a named pipe, device or socket); save the article to a file, or pipe it to standard input with -")]
    NotRegular {
        /// The path given.
        path: PathBuf,
    },
    /// The file starts with a UTF-16 byte-order mark but is not valid UTF-16.
    #[error("{path}: is marked as UTF-16 text but is not valid UTF-16 (at byte {offset}); save it as UTF-8 and try again")]
    BadUtf16 {
        /// The file read.
        path: PathBuf,
        /// Byte offset of the first bad code unit.
        offset: usize,
    },
    /// The file holds NUL bytes: an image, archive or other binary, not text.
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}), not article text")]
    Binary {
        /// The file read.
        path: PathBuf,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The file is not valid UTF-8.
    #[error("{path}: is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8 and try again")]
    NotUtf8 {
        /// The file read.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file is larger than [`MAX_ARTICLE_BYTES`].
    #[error("{path}: is {size} bytes, over the {limit}-byte limit for one article")]
    TooLarge {
        /// The file read.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit it exceeds.
        limit: u64,
    },
    /// Any other I/O failure (permissions, a device error).
    #[error("{path}: {source}")]
    Io {
        /// The file read.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },
}

/// Reads the article at `path` as UTF-8 text, refusing directories, binaries, invalid
/// UTF-8 and files over [`MAX_ARTICLE_BYTES`] with an error naming the file. A leading
/// byte-order mark is removed; nothing else is changed.
pub fn read_article_file(path: &Path) -> Result<String, InputError> {
    let bytes = read_article_bytes(path)?;
    decode_article(path, bytes)
}

/// Reads the bytes of the article file at `path`, refusing what is not a regular file
/// and files over [`MAX_ARTICLE_BYTES`] with an error naming the file.
pub fn read_article_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let io = |source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::NotFound {
            InputError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            InputError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(InputError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if !meta.is_file() {
        return Err(InputError::NotRegular {
            path: path.to_path_buf(),
        });
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(InputError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_ARTICLE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_ARTICLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    Ok(bytes)
}

/// Checks bytes that claim to be article text (from a file, stdin or a paste) and returns
/// them as a string; `origin` names where they came from in the error. UTF-8 and UTF-16
/// (with a byte-order mark, or plainly UTF-16 text without one) are read; a leading
/// byte-order mark is removed, and old Mac line breaks (a carriage return alone) become
/// line feeds so lines are lines; nothing else is changed.
pub fn decode_article(origin: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    let text = decode_bytes(origin, bytes)?;
    Ok(normalize_line_breaks(text))
}

/// Turns each carriage return that is not followed by a line feed into a line feed;
/// Windows (CR LF) and Unix (LF) line breaks are kept as they are.
pub fn normalize_line_breaks(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for i in memchr::memchr_iter(b'\r', bytes) {
        if bytes.get(i + 1) != Some(&b'\n') {
            out.push_str(&text[last..i]);
            out.push('\n');
            last = i + 1;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Which UTF-16 byte order `bytes` are in, if they are UTF-16: a byte-order mark, or text
/// whose every other byte is zero (ASCII letters in UTF-16 without a mark).
fn utf16_order(bytes: &[u8]) -> Option<(bool, usize)> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some((true, 2)),
        [0xFE, 0xFF, ..] => return Some((false, 2)),
        _ => {}
    }
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = sample.len() / 2;
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 9 && even == 0 {
        Some((true, 0))
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some((false, 0))
    } else {
        None
    }
}

fn decode_bytes(origin: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(InputError::TooLarge {
            path: origin.to_path_buf(),
            size: bytes.len() as u64,
            limit: MAX_ARTICLE_BYTES,
        });
    }
    if let Some((little, skip)) = utf16_order(&bytes) {
        let units = bytes[skip..].chunks(2).map(|pair| match (pair, little) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            _ => 0xD800, // an odd byte at the end: never valid
        });
        let mut text = String::with_capacity(bytes.len() / 2);
        for (i, ch) in char::decode_utf16(units).enumerate() {
            match ch {
                Ok('\0') | Err(_) => {
                    return Err(InputError::BadUtf16 {
                        path: origin.to_path_buf(),
                        offset: skip + 2 * i,
                    })
                }
                Ok(c) => text.push(c),
            }
        }
        return Ok(text);
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(InputError::Binary {
            path: origin.to_path_buf(),
            offset,
        });
    }
    let mut text = String::from_utf8(bytes).map_err(|e| InputError::NotUtf8 {
        path: origin.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let p = Path::new("story.txt");
        let bin = decode_article(p, vec![b'a', 0, b'b'])
            .unwrap_err()
            .to_string();
        assert!(bin.contains("story.txt") && bin.contains("binary"), "{bin}");
        let latin1 = decode_article(p, vec![b'c', b'a', b'f', 0xe9])
            .unwrap_err()
            .to_string();
        assert!(
            latin1.contains("story.txt") && latin1.contains("UTF-8"),
            "{latin1}"
        );
        assert!(
            latin1.contains("offset 3"),
            "points at the bad byte: {latin1}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_nothing_else_changes() {
        let text = decode_article(Path::new("-"), "\u{feff}Hi\r\n".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "Hi\r\n");
    }

    #[test]
    fn utf16_with_or_without_a_mark_is_read() {
        let words = "Costs rose 40 per cent, \u{201c}a record\u{201d}.\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(words.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_article(Path::new("a.txt"), le).unwrap(), words);
        let be: Vec<u8> = words.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_article(Path::new("a.txt"), be).unwrap(), words);
        let broken = vec![0xFF, 0xFE, 0x00, 0xD8, b'a', 0];
        let err = decode_article(Path::new("a.txt"), broken).unwrap_err();
        assert!(
            matches!(err, InputError::BadUtf16 { offset: 2, .. }),
            "{err}"
        );
    }

    #[test]
    fn lone_carriage_returns_become_line_breaks_and_crlf_stays() {
        let text = decode_article(Path::new("-"), b"Title\rBody one.\r\nTwo.\r".to_vec());
        assert_eq!(text.unwrap(), "Title\nBody one.\r\nTwo.\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo makes a pipe");
        let err = read_article_file(&fifo).unwrap_err();
        assert!(matches!(err, InputError::NotRegular { .. }), "{err}");
        assert!(err.to_string().contains("pipe.txt"), "{err}");
    }

    #[test]
    fn missing_files_and_directories_are_named() {
        let missing = read_article_file(Path::new("/nonexistent/a.txt")).unwrap_err();
        assert!(matches!(missing, InputError::NotFound { .. }), "{missing}");
        let dir = read_article_file(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_err();
        assert!(matches!(dir, InputError::IsDirectory { .. }), "{dir}");
    }
}
