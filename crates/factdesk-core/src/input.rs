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
    decode_article(path, bytes)
}

/// Checks bytes that claim to be article text (from a file, stdin or a paste) and returns
/// them as a string; `origin` names where they came from in the error.
pub fn decode_article(origin: &Path, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(InputError::TooLarge {
            path: origin.to_path_buf(),
            size: bytes.len() as u64,
            limit: MAX_ARTICLE_BYTES,
        });
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
    fn missing_files_and_directories_are_named() {
        let missing = read_article_file(Path::new("/nonexistent/a.txt")).unwrap_err();
        assert!(matches!(missing, InputError::NotFound { .. }), "{missing}");
        let dir = read_article_file(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_err();
        assert!(matches!(dir, InputError::IsDirectory { .. }), "{dir}");
    }
}
