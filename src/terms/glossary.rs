//! A team's glossary: source terms, and for each locale the renderings it approves or forbids,
//! or a flag that the term is a name to keep. Read from CSV or TSV exports (one column per
//! locale), TBX (ISO 30042) and `[[terminology.term]]` entries in `loclint.toml`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::locale::{Locale, TagCheck};

#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// The source-language term.
    pub term: String,
    /// Other source forms of it (`log in` for `sign in`).
    pub variants: Vec<String>,
    pub case_sensitive: bool,
    /// A name every translation keeps as it is (a brand, a product).
    pub do_not_translate: bool,
    pub renderings: Vec<Rendering>,
    /// Where the entry is written: `terms.csv:4`.
    pub origin: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendering {
    pub locale: Locale,
    pub text: String,
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Preferred or admitted.
    Approved,
    /// Still met, no longer to be used: a warning.
    Deprecated,
    /// Never to be used: an error.
    Forbidden,
}

/// A glossary that cannot be read, with the file and line to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossaryError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl Entry {
    /// The renderings for `locale`: those of its exact tag, else those of its language.
    pub fn renderings_for<'a>(&'a self, locale: &Locale) -> Vec<&'a Rendering> {
        let exact: Vec<&Rendering> = self
            .renderings
            .iter()
            .filter(|r| r.locale == *locale)
            .collect();
        if !exact.is_empty() {
            return exact;
        }
        let bare: Vec<&Rendering> = self
            .renderings
            .iter()
            .filter(|r| r.locale.is_language_only() && r.locale.same_language(locale))
            .collect();
        if !bare.is_empty() {
            return bare;
        }
        self.renderings
            .iter()
            .filter(|r| r.locale.same_language(locale))
            .collect()
    }

    /// The source forms: the term and its variants.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

impl Glossary {
    /// Reads the glossary file at `path`, by its extension: `.csv`, `.tsv`, `.tbx` (or `.xml`).
    pub fn read(path: &Path, source_locale: &Locale) -> Result<Glossary, GlossaryError> {
        let fail = |line: Option<usize>, message: String| GlossaryError {
            path: path.to_path_buf(),
            line,
            message,
        };
        let bytes = std::fs::read(path)
            .map_err(|err| fail(None, format!("cannot read the glossary: {err}")))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            fail(
                None,
                "the glossary is not UTF-8 text; save it as UTF-8 and run again".to_string(),
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let glossary = match extension.as_str() {
            // Lokalise and spreadsheet exports in some regions separate with `;`.
            "csv" => read_table(text, csv_delimiter(text), &name, source_locale),
            "tsv" | "tab" => read_table(text, b'\t', &name, source_locale),
            "tbx" | "xml" => super::tbx::read(text, &name, source_locale),
            _ => Err((
                None,
                "loclint reads glossaries in CSV (.csv), TSV (.tsv) or TBX (.tbx); rename the file \
                 to its format's extension"
                    .to_string(),
            )),
        };
        glossary.map_err(|(line, message)| fail(line, message))
    }

    pub fn extend(&mut self, other: Glossary) {
        self.entries.extend(other.entries);
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The separator of a `.csv` file: `;` when its header row holds more of them than commas.
fn csv_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// What a column of a glossary table holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Term,
    Rendering(Locale, Status),
    Variants,
    CaseSensitive,
    DoNotTranslate,
    /// Lokalise's and Phrase's `translatable`: `no` is do-not-translate.
    Translatable,
    Ignored,
}

/// Headers that describe an entry rather than name a locale.
const IGNORED_HEADERS: &[&str] = &[
    "description",
    "note",
    "notes",
    "comment",
    "comments",
    "part of speech",
    "part_of_speech",
    "pos",
    "tags",
    "tag",
    "id",
    "definition",
    "context",
    "forbidden",
    "type",
    "status",
    "url",
];

fn column(header: &str, source_locale: &Locale) -> Result<Column, String> {
    let header = header.trim();
    let lower = header.to_lowercase();
    let lower = lower.as_str();
    match lower {
        "term" | "source" | "source term" => return Ok(Column::Term),
        "variants" | "variant" | "synonyms" => return Ok(Column::Variants),
        "case-sensitive" | "case_sensitive" | "casesensitive" | "case sensitive" => {
            return Ok(Column::CaseSensitive)
        }
        "do-not-translate" | "do_not_translate" | "do not translate" | "dnt" => {
            return Ok(Column::DoNotTranslate)
        }
        "translatable" => return Ok(Column::Translatable),
        _ => {}
    }
    if IGNORED_HEADERS.contains(&lower) || lower.starts_with("description") {
        return Ok(Column::Ignored);
    }
    // `hi:forbidden`, `hi:deprecated`; Crowdin's `Term [hi]`; Lokalise's `hi_translation`;
    // `Description [hi]` and `hi_description` describe.
    let (tag, status) = match lower.rsplit_once(':') {
        Some((tag, "forbidden")) => (tag.to_string(), Status::Forbidden),
        Some((tag, "deprecated")) => (tag.to_string(), Status::Deprecated),
        Some((tag, "approved" | "preferred" | "admitted")) => (tag.to_string(), Status::Approved),
        Some((_, other)) => {
            return Err(format!(
                "unknown column `{header}`: after `:` loclint reads `forbidden`, `deprecated` \
                 or `approved`, not `{other}`"
            ))
        }
        None => (lower.to_string(), Status::Approved),
    };
    let tag = if let Some(inner) = tag
        .strip_prefix("term [")
        .or_else(|| tag.strip_prefix("term["))
        .and_then(|t| t.strip_suffix(']'))
    {
        inner.trim().to_string()
    } else if tag.contains('[') {
        return Ok(Column::Ignored);
    } else if let Some(inner) = tag.strip_suffix("_translation") {
        inner.to_string()
    } else if tag.ends_with("_description") || tag.ends_with("_comment") {
        return Ok(Column::Ignored);
    } else {
        tag
    };
    match Locale::check(&tag) {
        TagCheck::Known(locale)
            if locale.same_language(source_locale) && status == Status::Approved =>
        {
            Ok(Column::Term)
        }
        TagCheck::Known(locale) => Ok(Column::Rendering(locale, status)),
        TagCheck::Unknown(code) => Err(format!(
            "column `{header}`: `{code}` is not a language the IANA registry knows; fix the \
             locale code in the header row"
        )),
        TagCheck::NotATag => Err(format!(
            "unknown column `{header}`: a header is a locale code (`hi`, `pt-BR`), \
             `<locale>:forbidden`, `variants`, `case-sensitive`, `do-not-translate`, \
             `translatable` or `description`"
        )),
    }
}

fn yes(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "" => None,
        "yes" | "y" | "true" | "1" | "x" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => None,
    }
}

/// Several renderings in one cell: `|`-separated (and `;` in a table of commas).
fn split_cell(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(['|', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

type ReadResult = Result<Glossary, (Option<usize>, String)>;

/// A CSV or TSV table with a header row of locale codes.
fn read_table(text: &str, delimiter: u8, name: &str, source_locale: &Locale) -> ReadResult {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .quoting(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let csv_error = |err: csv::Error| {
        let line = err.position().map(|p| p.line() as usize);
        let message = match err.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!(
                "this row has {len} cells where the header row has {expected_len}; quote cells \
                 that hold the separator"
            ),
            _ => format!("not a readable table: {err}"),
        };
        (line, message)
    };
    let Some(header) = records.next() else {
        return Ok(Glossary::default());
    };
    let header = header.map_err(csv_error)?;
    let columns: Vec<Column> = header
        .iter()
        .map(|h| column(h, source_locale))
        .collect::<Result<_, _>>()
        .map_err(|message| (Some(1), message))?;
    let term_column = columns
        .iter()
        .position(|c| *c == Column::Term)
        .ok_or_else(|| {
            (
                Some(1),
                format!(
                    "no column holds the source terms: name one `{}` (the source locale) or `term`",
                    source_locale
                ),
            )
        })?;
    let mut glossary = Glossary::default();
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let term = record.get(term_column).unwrap_or("").trim();
        if term.is_empty() {
            continue;
        }
        let mut entry = Entry {
            term: term.to_string(),
            origin: format!("{name}:{line}"),
            ..Entry::default()
        };
        for (column, cell) in columns.iter().zip(record.iter()) {
            match column {
                Column::Rendering(locale, status) => {
                    for text in split_cell(cell) {
                        entry.renderings.push(Rendering {
                            locale: locale.clone(),
                            text: text.to_string(),
                            status: *status,
                        });
                    }
                }
                Column::Variants => entry.variants.extend(split_cell(cell).map(str::to_string)),
                Column::CaseSensitive => entry.case_sensitive = yes(cell).unwrap_or(false),
                Column::DoNotTranslate => entry.do_not_translate = yes(cell).unwrap_or(false),
                Column::Translatable => entry.do_not_translate = yes(cell) == Some(false),
                Column::Term | Column::Ignored => {}
            }
        }
        glossary.entries.push(entry);
    }
    Ok(glossary)
}

/// `[[terminology.term]]` in `loclint.toml`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InlineTerm {
    pub source: String,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub case_sensitive: bool,
    #[serde(default)]
    pub do_not_translate: bool,
    #[serde(default)]
    pub approved: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    pub deprecated: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    pub forbidden: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl InlineTerm {
    /// The entry, or what is wrong with it.
    pub fn entry(self, origin: String) -> Result<Entry, String> {
        if self.source.trim().is_empty() {
            return Err("a term needs a non-empty `source`".to_string());
        }
        let mut renderings = Vec::new();
        for (map, status) in [
            (self.approved, Status::Approved),
            (self.deprecated, Status::Deprecated),
            (self.forbidden, Status::Forbidden),
        ] {
            for (tag, texts) in map {
                let locale = Locale::parse(&tag).ok_or_else(|| {
                    format!(
                        "`{tag}` is not a locale the IANA registry knows (term `{}`)",
                        self.source
                    )
                })?;
                let texts = match texts {
                    OneOrMany::One(text) => vec![text],
                    OneOrMany::Many(texts) => texts,
                };
                renderings.extend(
                    texts
                        .into_iter()
                        .filter(|t| !t.trim().is_empty())
                        .map(|text| Rendering {
                            locale: locale.clone(),
                            text: text.trim().to_string(),
                            status,
                        }),
                );
            }
        }
        Ok(Entry {
            term: self.source.trim().to_string(),
            variants: self.variants,
            case_sensitive: self.case_sensitive,
            do_not_translate: self.do_not_translate,
            renderings,
            origin,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Locale {
        Locale::parse("en").unwrap()
    }

    #[test]
    fn csv_with_locale_columns_forbidden_and_flags() {
        let text = "en,hi,hi:forbidden,ar,do-not-translate,description\n\
                    product,उत्पाद,प्रोडक्ट,منتج|المنتج,,goods we sell\n\
                    Guru,,,,yes,our brand\n";
        let glossary = read_table(text, b',', "terms.csv", &en()).unwrap();
        assert_eq!(glossary.entries.len(), 2);
        let product = &glossary.entries[0];
        assert_eq!(product.origin, "terms.csv:2");
        assert_eq!(product.renderings.len(), 4);
        assert_eq!(product.renderings[1].status, Status::Forbidden);
        assert!(glossary.entries[1].do_not_translate);
    }

    #[test]
    fn crowdin_and_lokalise_headers() {
        let text = "Term [en],Description [en],Term [de]\nworkspace,,Arbeitsbereich\n";
        let glossary = read_table(text, b',', "g.csv", &en()).unwrap();
        assert_eq!(glossary.entries[0].renderings[0].text, "Arbeitsbereich");
        let text = "term;translatable;de_translation\nLumora;no;\n";
        assert_eq!(csv_delimiter(text), b';');
        let glossary = read_table(text, csv_delimiter(text), "g.csv", &en()).unwrap();
        assert!(glossary.entries[0].do_not_translate);
    }

    #[test]
    fn wrong_cell_count_and_unknown_locale_name_the_line() {
        let err = read_table("en,hi\nproduct,उत्पाद,extra\n", b',', "g.csv", &en()).unwrap_err();
        assert_eq!(err.0, Some(2));
        assert!(err.1.contains("3 cells"), "{}", err.1);
        let err = read_table("en,qq\nproduct,x\n", b',', "g.csv", &en()).unwrap_err();
        assert_eq!(err.0, Some(1));
        assert!(err.1.contains("`qq`"), "{}", err.1);
        let err = read_table("en,colour\nproduct,x\n", b',', "g.csv", &en()).unwrap_err();
        assert!(err.1.contains("unknown column"), "{}", err.1);
    }

    #[test]
    fn renderings_for_a_region_fall_back_to_the_language() {
        let text = "en,pt,pt-BR\nfile,ficheiro,arquivo\nfolder,pasta,\n";
        let glossary = read_table(text, b',', "g.csv", &en()).unwrap();
        let br = Locale::parse("pt-BR").unwrap();
        let pt = Locale::parse("pt-PT").unwrap();
        assert_eq!(glossary.entries[0].renderings_for(&br)[0].text, "arquivo");
        assert_eq!(glossary.entries[0].renderings_for(&pt)[0].text, "ficheiro");
        assert_eq!(glossary.entries[1].renderings_for(&br)[0].text, "pasta");
    }
}
