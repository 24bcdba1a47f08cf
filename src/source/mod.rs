//! Reading files: bytes to checked UTF-8 text with a line index.
//!
//! Every later stage works with byte offsets into [`SourceFile::text`]; human positions
//! (1-based line, 1-based column in characters) are computed only when a finding is reported.

mod line_index;

pub use line_index::{LineIndex, Position};

use std::fmt;
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

    /// Reads and decodes a file, refusing what is not article text.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let bytes = std::fs::read(path).map_err(|err| ReadError::Io {
            path: path.to_path_buf(),
            message: io_message(&err),
        })?;
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
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            ReadError::Io { path, .. }
            | ReadError::Empty { path }
            | ReadError::Binary { path }
            | ReadError::InvalidUtf8 { path, .. } => path,
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

/// Decodes file bytes: UTF-8 only (a leading byte order mark is kept, so that positions stay
/// those of the file). NUL bytes mean a binary file.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    let path = path.to_path_buf();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty { path });
    }
    if bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        return Err(ReadError::Binary { path });
    }
    String::from_utf8(bytes).map_err(|err| {
        let byte_offset = err.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&err.as_bytes()[..byte_offset]);
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        ReadError::InvalidUtf8 {
            path,
            line,
            column,
            byte_offset,
        }
    })
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
