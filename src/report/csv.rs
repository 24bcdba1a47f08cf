//! CSV, for editors who work in spreadsheets: one row per finding, with the text of the
//! translation's block that holds it and of the source block it translates, so that a row can
//! be judged without opening the files.

use super::side_by_side::RowIndex;
use super::{locate, show_hidden};
use crate::check::{CheckedFile, Outcome};
use crate::finding::Finding;

const HEADER: [&str; 14] = [
    "path",
    "locale",
    "line",
    "column",
    "end_line",
    "end_column",
    "rule",
    "severity",
    "message",
    "fix",
    "excerpt",
    "source_path",
    "source_text",
    "translation_text",
];

#[allow(clippy::expect_used)] // the writer writes to memory, which cannot fail
pub(super) fn render(outcome: &Outcome) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |record: &[&str]| {
        writer
            .write_record(record)
            .expect("a record is written to memory");
    };
    write(&HEADER);
    for file in &outcome.files {
        let rows = RowIndex::new(file);
        for finding in &file.findings {
            let at = locate(&file.file, finding);
            let (source_text, translation_text) = block_texts(file, &rows, finding);
            let numbers = [
                at.start.line.to_string(),
                at.start.column.to_string(),
                at.end.line.to_string(),
                at.end.column.to_string(),
            ];
            // A spreadsheet hides what a terminal hides: invisible characters written out.
            write(&[
                &show_hidden(&file.file.display_path()),
                file.locale.as_str(),
                &numbers[0],
                &numbers[1],
                &numbers[2],
                &numbers[3],
                finding.rule,
                finding.severity.as_str(),
                &show_hidden(&finding.message),
                &show_hidden(finding.fix.as_deref().unwrap_or("")),
                &show_hidden(at.excerpt),
                &show_hidden(
                    &file
                        .source
                        .as_ref()
                        .map_or(String::new(), |s| s.display_path()),
                ),
                &show_hidden(source_text),
                &show_hidden(translation_text),
            ]);
        }
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("records of UTF-8 text")
}

/// The source block and the translated block of the side-by-side row that holds `finding`:
/// the row whose translated block holds its start, or for a missing block the row whose
/// source block it points at.
fn block_texts<'a>(
    file: &'a CheckedFile,
    rows: &RowIndex<'a>,
    finding: &Finding,
) -> (&'a str, &'a str) {
    let row = rows.holding(finding.range.start).or_else(|| {
        let source = finding.source.as_ref()?;
        let first = rows.missing_over(source).next()?;
        file.rows.get(first)
    });
    let Some(row) = row else {
        return ("", "");
    };
    let source = match (&row.source, &file.source) {
        (Some(range), Some(source)) => source.text.get(range.clone()).unwrap_or(""),
        _ => "",
    };
    let translation = row
        .target
        .as_ref()
        .and_then(|range| file.file.text.get(range.clone()))
        .unwrap_or("");
    (source, translation)
}
