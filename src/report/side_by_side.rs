//! Finding a checked file's side-by-side rows by position, for the formats that show a finding
//! with its blocks (HTML, CSV): by binary search, so that a file of many blocks and many
//! findings costs its size, not their product.

use std::ops::Range;

use crate::check::{AlignedRow, CheckedFile};

pub(crate) struct RowIndex<'a> {
    rows: &'a [AlignedRow],
    /// Rows with a translated block, in the translation's order (their ranges increase).
    with_target: Vec<usize>,
    /// Rows of a missing block, in the source's order (their ranges increase).
    missing: Vec<usize>,
}

impl<'a> RowIndex<'a> {
    pub fn new(file: &'a CheckedFile) -> Self {
        let rows = file.rows.as_slice();
        let with_target = (0..rows.len())
            .filter(|&i| rows[i].target.is_some())
            .collect();
        let mut missing: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].target.is_none() && rows[i].source.is_some())
            .collect();
        missing.sort_by_key(|&i| rows[i].source.as_ref().map(|r| r.start));
        RowIndex {
            rows,
            with_target,
            missing,
        }
    }

    #[allow(clippy::expect_used)] // rows are kept in the index only when they have that side
    fn target_of(&self, i: usize) -> &Range<usize> {
        self.rows[i].target.as_ref().expect("a row with a target")
    }

    #[allow(clippy::expect_used)] // rows are kept in the index only when they have that side
    fn source_of(&self, i: usize) -> &Range<usize> {
        self.rows[i].source.as_ref().expect("a row with a source")
    }

    /// The row whose translated block holds byte `offset` (its start included).
    pub fn holding(&self, offset: usize) -> Option<&'a AlignedRow> {
        let after = self
            .with_target
            .partition_point(|&i| self.target_of(i).start <= offset);
        let i = *self.with_target.get(after.checked_sub(1)?)?;
        let range = self.target_of(i);
        (offset < range.end.max(range.start + 1)).then_some(&self.rows[i])
    }

    /// The indices of the missing rows whose source block overlaps `source`.
    pub fn missing_over(&self, source: &Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let first = self
            .missing
            .partition_point(|&i| self.source_of(i).end <= source.start);
        let (start, end) = (source.start, source.end.max(source.start + 1));
        self.missing[first..]
            .iter()
            .copied()
            .take_while(move |&i| self.source_of(i).start < end && start < end)
    }
}
