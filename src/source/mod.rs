//! Reading files: bytes to checked UTF-8 text with a line index.
//!
//! Every later stage works with byte offsets into [`SourceFile::text`]; human positions
//! (1-based line, 1-based column in characters) are computed only when a finding is reported.

mod line_index;

pub use line_index::{LineIndex, Position};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One file's text, decoded and indexed.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or as found below a path the user gave).
    pub path: PathBuf,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        SourceFile {
            path: path.into(),
            text,
            lines,
        }
    }

    /// Reads and decodes a file, refusing what is not article text and what is larger than
    /// `max_size` bytes.
    pub fn read(path: &Path, max_size: u64) -> Result<Self, ReadError> {
        let io = |err: std::io::Error| ReadError::Io {
            path: path.to_path_buf(),
            message: io_message(&err),
        };
        let file = std::fs::File::open(path).map_err(io)?;
        // Read one byte past the limit rather than trust the size the file had a moment ago.
        let mut bytes = Vec::new();
        file.take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(io)?;
        if bytes.len() as u64 > max_size {
            let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
            return Err(ReadError::TooLarge {
                path: path.to_path_buf(),
                size,
                limit: max_size,
            });
        }
        let text = decode(path, bytes)?;
        Ok(SourceFile::new(path, text))
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The text of the line that holds `offset`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let range = self.lines.line_range(&self.text, line);
        &self.text[range]
    }

    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }
}

/// Why a file could not be read as article text. Each message names what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    Io {
        path: PathBuf,
        message: String,
    },
    Empty {
        path: PathBuf,
    },
    Binary {
        path: PathBuf,
    },
    InvalidUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
        byte_offset: usize,
    },
    InvalidUtf16 {
        path: PathBuf,
        encoding: &'static str,
    },
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Empty { path }
            | ReadError::Binary { path }
            | ReadError::InvalidUtf8 { path, .. }
            | ReadError::InvalidUtf16 { path, .. }
            | ReadError::TooLarge { path, .. } => path,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io { path, message } => {
                write!(f, "{}: cannot read the file: {message}", path.display())
            }
            ReadError::Empty { path } => write!(
                f,
                "{}: the file is empty; add the translated text or remove the file",
                path.display()
            ),
            ReadError::Binary { path } => write!(
                f,
                "{}: this is a binary file, not article text; exclude it in loclint.toml (`exclude = [...]`) or remove it",
                path.display()
            ),
            ReadError::InvalidUtf8 {
                path,
                line,
                column,
                byte_offset,
            } => write!(
                f,
                "{}:{line}:{column}: invalid UTF-8 (byte offset {byte_offset}); re-save the file as UTF-8",
                path.display()
            ),
            ReadError::InvalidUtf16 { path, encoding } => write!(
                f,
                "{}: read as {encoding}, but it holds an unpaired surrogate; re-save the file as UTF-8",
                path.display()
            ),
            ReadError::TooLarge { path, size, limit } => write!(
                f,
                "{}: too large to check ({size} bytes, the limit is {limit}); raise `max-file-size` under `[limits]` in loclint.toml, or exclude the file",
                path.display()
            ),
        }
    }
}

impl std::error::Error for ReadError {}

fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied; make the file readable".to_string()
        }
        std::io::ErrorKind::IsADirectory => "it is a directory".to_string(),
        _ => err.to_string(),
    }
}

const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Decodes file bytes to text whose byte offsets the later stages index.
///
/// - UTF-8, with or without a byte order mark: the mark is kept, so that offsets stay the
///   file's, and columns do not count it.
/// - UTF-16, with a byte order mark or told by where its NUL bytes fall: decoded to UTF-8, since
///   positions are lines and characters, as an editor shows them, not bytes.
/// - A lone carriage return (a line end of old Mac files) becomes a line feed, one byte for one,
///   so that lines are counted as an editor counts them.
///
/// NUL bytes in what is not UTF-16 mean a binary file.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    let path = path.to_path_buf();
    let utf16 = match Encoding::for_bom(&bytes) {
        Some((encoding, bom)) if encoding != UTF_8 => Some((encoding, bom)),
        Some(_) => None,
        None => utf16_without_bom(&bytes).map(|encoding| (encoding, 0)),
    };
    let text = match utf16 {
        Some((encoding, bom)) => encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|text| text.into_owned())
            .ok_or_else(|| ReadError::InvalidUtf16 {
                path: path.clone(),
                encoding: encoding.name(),
            })?,
        None => {
            if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
                return Err(ReadError::Binary { path });
            }
            String::from_utf8(bytes).map_err(|err| {
                let byte_offset = err.utf8_error().valid_up_to();
                let valid = String::from_utf8_lossy(&err.as_bytes()[..byte_offset]);
                let line = valid.matches('\n').count() + 1;
                let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                ReadError::InvalidUtf8 {
                    path: path.clone(),
                    line,
                    column,
                    byte_offset,
                }
            })?
        }
    };
    if text.contains('\0') {
        return Err(ReadError::Binary { path });
    }
    if text
        .trim_start_matches('\u{FEFF}')
        .chars()
        .all(char::is_whitespace)
    {
        return Err(ReadError::Empty { path });
    }
    Ok(lone_carriage_returns_as_line_feeds(text))
}

/// UTF-16 without a byte order mark, told by its NUL bytes: the high bytes of ASCII characters
/// (spaces, digits, Markdown's marks) fall all on odd offsets (little-endian) or all on even
/// ones (big-endian), where a binary file scatters them on both.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(BINARY_SNIFF_LEN) & !1];
    let units = sample.len() / 2;
    if units < 2 {
        return None;
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let many = |n: usize| n * 5 >= units;
    let few = |n: usize| n * 100 <= units;
    if many(odd) && few(even) {
        Some(UTF_16LE)
    } else if many(even) && few(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn lone_carriage_returns_as_line_feeds(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut bytes = text.into_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // One ASCII byte for another keeps the text UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> Result<String, ReadError> {
        decode(Path::new("t.txt"), bytes.to_vec())
    }

    #[test]
    fn invalid_utf8_is_located() {
        let err = decoded(b"ok\nab\xffcd").unwrap_err();
        assert_eq!(
            err,
            ReadError::InvalidUtf8 {
                path: "t.txt".into(),
                line: 2,
                column: 3,
                byte_offset: 5
            }
        );
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert!(matches!(decoded(b""), Err(ReadError::Empty { .. })));
        assert!(matches!(decoded(b" \n\n"), Err(ReadError::Empty { .. })));
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decoded(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(ReadError::Binary { .. })
        ));
    }
}
