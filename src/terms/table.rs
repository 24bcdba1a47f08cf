//! `loclint terms`: the term tables of a run, gathered by locale, printed, or written as a
//! starter glossary (CSV, TSV or TBX) for the team to review.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::learned::{How, TermKind, TermSummary};
use crate::check::Outcome;
use crate::config::Settings;
use crate::locale::Locale;

/// One locale's terms over the run.
#[derive(Debug, Serialize)]
pub struct LocaleTerms {
    pub locale: String,
    pub translations: usize,
    pub terms: Vec<Term>,
}

#[derive(Debug, Serialize)]
pub struct Term {
    pub term: String,
    pub kind: TermKind,
    pub do_not_translate: bool,
    /// Most used first.
    pub renderings: Vec<Rendering>,
}

#[derive(Debug, Serialize)]
pub struct Rendering {
    pub text: String,
    pub how: How,
    /// Blocks that use it.
    pub count: usize,
    /// `path:line`, relative to where loclint runs.
    pub places: Vec<String>,
}

/// The run's term tables by locale, `only` one locale when given.
pub fn gather(outcome: &Outcome, settings: &Settings, only: Option<&Locale>) -> Vec<LocaleTerms> {
    let mut by_locale: BTreeMap<String, (usize, BTreeMap<String, Term>)> = BTreeMap::new();
    for file in &outcome.files {
        // `hi` takes every Hindi translation; `pt-BR` only its own.
        let wanted = |l: &Locale| {
            if l.is_language_only() {
                l.same_language(&file.locale)
            } else {
                *l == file.locale
            }
        };
        if only.is_some_and(|l| !wanted(l)) {
            continue;
        }
        let path = settings.relative(&file.file.path);
        let path = path.to_string_lossy().replace('\\', "/");
        let (translations, terms) = by_locale
            .entry(file.locale.as_str().to_string())
            .or_default();
        *translations += 1;
        for summary in &file.terms {
            add(terms, summary, &path);
        }
    }
    by_locale
        .into_iter()
        .map(|(locale, (translations, terms))| {
            let mut terms: Vec<Term> = terms.into_values().collect();
            for term in &mut terms {
                term.renderings
                    .sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
            }
            terms.sort_by(|a, b| {
                let uses = |t: &Term| t.renderings.iter().map(|r| r.count).sum::<usize>();
                uses(b).cmp(&uses(a)).then(a.term.cmp(&b.term))
            });
            LocaleTerms {
                locale,
                translations,
                terms,
            }
        })
        .collect()
}

fn add(terms: &mut BTreeMap<String, Term>, summary: &TermSummary, path: &str) {
    let term = terms
        .entry(summary.term.to_lowercase())
        .or_insert_with(|| Term {
            term: summary.term.clone(),
            kind: summary.kind,
            do_not_translate: summary.do_not_translate,
            renderings: Vec::new(),
        });
    for rendering in &summary.renderings {
        let key = super::fold(&rendering.text, false);
        let places = rendering.lines.iter().map(|line| format!("{path}:{line}"));
        match term
            .renderings
            .iter_mut()
            .find(|r| super::fold(&r.text, false) == key)
        {
            Some(known) => {
                known.count += rendering.lines.len();
                known.places.extend(places);
            }
            None => term.renderings.push(Rendering {
                text: rendering.text.clone(),
                how: rendering.how,
                count: rendering.lines.len(),
                places: places.collect(),
            }),
        }
    }
}

/// The human listing.
pub fn render_text(locales: &[LocaleTerms]) -> String {
    let mut out = String::new();
    for locale in locales {
        let _ = writeln!(
            out,
            "{}: {} term{} in {} translation{}",
            locale.locale,
            locale.terms.len(),
            if locale.terms.len() == 1 { "" } else { "s" },
            locale.translations,
            if locale.translations == 1 { "" } else { "s" }
        );
        let unrendered = locale
            .terms
            .iter()
            .filter(|t| t.renderings.is_empty())
            .count();
        for term in locale.terms.iter().filter(|t| !t.renderings.is_empty()) {
            let flag = if term.do_not_translate {
                ", do not translate"
            } else {
                ""
            };
            let _ = writeln!(out, "  {} ({}{flag})", term.term, kind_name(term.kind));
            for rendering in &term.renderings {
                let _ = writeln!(
                    out,
                    "    {}  {}x  {}  {}",
                    rendering.text,
                    rendering.count,
                    how_name(rendering.how),
                    rendering.places.join(", ")
                );
            }
        }
        if unrendered > 0 {
            let _ = writeln!(
                out,
                "  ({unrendered} more source term{} with no rendering told apart: see --format json)",
                if unrendered == 1 { "" } else { "s" }
            );
        }
    }
    out
}

fn kind_name(kind: TermKind) -> &'static str {
    match kind {
        TermKind::Glossary => "glossary",
        TermKind::Name => "name",
        TermKind::Phrase => "phrase",
        TermKind::Word => "word",
    }
}

fn how_name(how: How) -> &'static str {
    match how {
        How::Glossary(super::Status::Approved) => "glossary",
        How::Glossary(super::Status::Deprecated) => "glossary (deprecated)",
        How::Glossary(super::Status::Forbidden) => "glossary (forbidden)",
        How::Cooccurrence => "aligned",
        How::Transliteration => "transliteration",
        How::Gloss => "gloss",
        How::Kept => "kept",
    }
}

/// A starter glossary in the format `path`'s extension names (`.csv`, `.tsv`, `.tbx`): each
/// term with its most used rendering per locale approved, the others deprecated, and names
/// every locale keeps marked do-not-translate.
pub fn starter_glossary(
    path: &Path,
    locales: &[LocaleTerms],
    source_locale: &Locale,
) -> Result<String, String> {
    let rows = glossary_rows(locales);
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "csv" => Ok(table(&rows, locales, source_locale, b',')),
        "tsv" => Ok(table(&rows, locales, source_locale, b'\t')),
        "tbx" => Ok(tbx(&rows, source_locale)),
        _ => Err(format!(
            "{}: name the glossary `.csv`, `.tsv` or `.tbx`, the format to write",
            path.display()
        )),
    }
}

/// A term for the glossary: per locale, its approved and deprecated renderings.
struct Row {
    term: String,
    do_not_translate: bool,
    /// locale -> (approved, deprecated)
    renderings: BTreeMap<String, (Vec<String>, Vec<String>)>,
}

fn glossary_rows(locales: &[LocaleTerms]) -> Vec<Row> {
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut kept_everywhere: BTreeMap<String, bool> = BTreeMap::new();
    for locale in locales {
        for term in &locale.terms {
            let key = term.term.to_lowercase();
            let row = rows.entry(key.clone()).or_insert_with(|| Row {
                term: term.term.clone(),
                do_not_translate: term.do_not_translate,
                renderings: BTreeMap::new(),
            });
            let rendered: Vec<&Rendering> = term
                .renderings
                .iter()
                .filter(|r| r.how != How::Kept)
                .collect();
            let kept = term.renderings.iter().any(|r| r.how == How::Kept);
            let everywhere = kept_everywhere.entry(key).or_insert(true);
            *everywhere &= kept && rendered.is_empty() && term.kind == TermKind::Name;
            if let Some((first, rest)) = rendered.split_first() {
                row.renderings.insert(
                    locale.locale.clone(),
                    (
                        vec![first.text.clone()],
                        rest.iter().map(|r| r.text.clone()).collect(),
                    ),
                );
            }
        }
    }
    rows.into_iter()
        .map(|(key, mut row)| {
            row.do_not_translate |= kept_everywhere.get(&key).copied().unwrap_or(false);
            row
        })
        .filter(|row| row.do_not_translate || !row.renderings.is_empty())
        .collect()
}

fn table(rows: &[Row], locales: &[LocaleTerms], source_locale: &Locale, delimiter: u8) -> String {
    let mut header = vec![source_locale.as_str().to_string()];
    let mut columns: Vec<(String, bool)> = Vec::new();
    for locale in locales {
        header.push(locale.locale.clone());
        columns.push((locale.locale.clone(), false));
        if rows.iter().any(|r| {
            r.renderings
                .get(&locale.locale)
                .is_some_and(|(_, deprecated)| !deprecated.is_empty())
        }) {
            header.push(format!("{}:deprecated", locale.locale));
            columns.push((locale.locale.clone(), true));
        }
    }
    header.push("do-not-translate".to_string());
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let _ = writer.write_record(&header);
    for row in rows {
        let mut record = vec![row.term.clone()];
        for (locale, deprecated) in &columns {
            let cell = row
                .renderings
                .get(locale)
                .map(|(a, d)| {
                    if *deprecated {
                        d.join("|")
                    } else {
                        a.join("|")
                    }
                })
                .unwrap_or_default();
            record.push(cell);
        }
        record.push(if row.do_not_translate { "yes" } else { "" }.to_string());
        let _ = writer.write_record(&record);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn tbx(rows: &[Row], source_locale: &Locale) -> String {
    use quick_xml::escape::escape;
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        out,
        r#"<tbx type="TBX-Basic" style="dca" xml:lang="{}" xmlns="urn:iso:std:iso:30042:ed-2">"#,
        source_locale.as_str()
    );
    let _ = writeln!(out, "  <tbxHeader><fileDesc><sourceDesc><p>Starter glossary written by loclint terms: review every entry.</p></sourceDesc></fileDesc></tbxHeader>");
    let _ = writeln!(out, "  <text><body>");
    for (n, row) in rows.iter().enumerate() {
        let _ = writeln!(out, r#"    <conceptEntry id="c{}">"#, n + 1);
        if row.do_not_translate {
            let _ = writeln!(out, "      <note>Do not translate</note>");
        }
        let _ = writeln!(
            out,
            r#"      <langSec xml:lang="{}"><termSec><term>{}</term></termSec></langSec>"#,
            source_locale.as_str(),
            escape(row.term.as_str())
        );
        for (locale, (approved, deprecated)) in &row.renderings {
            let _ = writeln!(out, r#"      <langSec xml:lang="{locale}">"#);
            for (terms, status) in [
                (approved, "preferredTerm-admn-sts"),
                (deprecated, "deprecatedTerm-admn-sts"),
            ] {
                for term in terms {
                    let _ = writeln!(
                        out,
                        r#"        <termSec><term>{}</term><termNote type="administrativeStatus">{status}</termNote></termSec>"#,
                        escape(term.as_str())
                    );
                }
            }
            let _ = writeln!(out, "      </langSec>");
        }
        let _ = writeln!(out, "    </conceptEntry>");
    }
    let _ = writeln!(out, "  </body></text>\n</tbx>");
    out
}

/// Writes `text` to `path` atomically, refusing to replace a file that is there: a glossary
/// the team edited is not overwritten by a starter.
pub fn write_new(path: &Path, text: &str) -> Result<PathBuf, String> {
    if path.exists() {
        return Err(format!(
            "{} exists: loclint does not replace it; name a new file",
            path.display()
        ));
    }
    crate::atomic_file::replace(path, text.as_bytes())
        .map_err(|err| format!("{}: cannot write the glossary: {err}", path.display()))?;
    Ok(path.to_path_buf())
}
