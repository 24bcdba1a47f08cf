use std::ops::Range;

/// Byte offsets of line starts, so that a byte offset becomes a line in O(log n).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A human position: 1-based line, 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line that holds `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line - 1]
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let before = &text[self.line_start(line)..offset];
        // A byte order mark opens the file but is no column of its first line.
        let column =
            before.chars().count() + 1 - usize::from(before.starts_with('\u{FEFF}') && line == 1);
        Position { line, column }
    }

    /// The byte range of a 1-based line, without its `\n` or `\r\n`.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_start(line);
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "abc\nउत्पाद(उपProducts)\r\nlast";
        let index = LineIndex::new(text);
        let at = text.find("Products").unwrap();
        assert_eq!(
            index.position(text, at),
            Position {
                line: 2,
                column: 10
            }
        );
        assert_eq!(&text[index.line_range(text, 2)], "उत्पाद(उपProducts)");
        assert_eq!(&text[index.line_range(text, 3)], "last");
        assert_eq!(index.position(text, text.len()).line, 3);
    }
}
