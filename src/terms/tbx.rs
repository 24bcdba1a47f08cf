//! TBX (ISO 30042) glossaries: TBX-Basic 2008 (`martif`, `termEntry`, `langSet`, `tig`) and
//! TBX v3 (`tbx`, `conceptEntry`, `langSec`, `termSec`), read with quick-xml.

use std::sync::LazyLock;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use regex::Regex;

use super::glossary::{Entry, Glossary, Rendering, Status};
use crate::locale::{Locale, TagCheck};

/// A note that marks an entry as a name to keep.
static DO_NOT_TRANSLATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)do[\s_-]*not[\s_-]*translate|untranslatable|non[\s-]*translatable|\bdnt\b|translatable\s*[:=]\s*(no|false)",
    )
});

/// One term of a language section, as read.
#[derive(Default)]
struct TermRecord {
    text: String,
    status: Option<Status>,
}

/// An entry being read.
#[derive(Default)]
struct EntryState {
    line: usize,
    languages: Vec<(Locale, Vec<TermRecord>)>,
    do_not_translate: bool,
}

/// What the text being read belongs to.
#[derive(PartialEq)]
enum Capture {
    None,
    Term,
    Status,
    Note,
}

pub fn read(
    text: &str,
    name: &str,
    source_locale: &Locale,
) -> Result<Glossary, (Option<usize>, String)> {
    let line_at = |offset: u64| -> usize {
        let offset = (offset as usize).min(text.len());
        text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut glossary = Glossary::default();
    let mut entry: Option<EntryState> = None;
    let mut capture = Capture::None;
    let mut captured = String::new();
    let mut root_seen = false;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|err| {
            (
                Some(line_at(reader.error_position())),
                format!("not well-formed XML: {err}; fix the TBX file"),
            )
        })?;
        match event {
            Event::Start(e) | Event::Empty(e) if !root_seen => {
                root_seen = true;
                let root = local_name(&e);
                if root != "martif" && root != "tbx" {
                    return Err((
                        Some(line_at(position)),
                        format!("the root element is `<{root}>`, not TBX's `<martif>` or `<tbx>`"),
                    ));
                }
            }
            Event::Start(e) => {
                let element = local_name(&e);
                match element.as_str() {
                    "termEntry" | "conceptEntry" => {
                        entry = Some(EntryState {
                            line: line_at(position),
                            ..EntryState::default()
                        });
                    }
                    "langSet" | "langSec" => {
                        let Some(state) = entry.as_mut() else {
                            continue;
                        };
                        let Some(tag) = attribute(&e, "lang") else {
                            return Err((
                                Some(line_at(position)),
                                format!("`<{element}>` without `xml:lang`: name its language"),
                            ));
                        };
                        let locale = match Locale::check(&tag) {
                            TagCheck::Known(locale) => locale,
                            _ => {
                                return Err((
                                    Some(line_at(position)),
                                    format!(
                                        "`xml:lang=\"{tag}\"` is not a language the IANA registry \
                                         knows; fix the locale code"
                                    ),
                                ))
                            }
                        };
                        state.languages.push((locale, Vec::new()));
                    }
                    "tig" | "ntig" | "termSec" => {
                        if let Some((_, terms)) =
                            entry.as_mut().and_then(|s| s.languages.last_mut())
                        {
                            terms.push(TermRecord::default());
                        }
                    }
                    "term" => {
                        capture = Capture::Term;
                        captured.clear();
                    }
                    "termNote" => {
                        let kind = attribute(&e, "type").unwrap_or_default();
                        capture = if matches!(
                            kind.as_str(),
                            "administrativeStatus" | "normativeAuthorization"
                        ) {
                            Capture::Status
                        } else {
                            Capture::Note
                        };
                        captured.clear();
                    }
                    "note" | "descrip" | "admin" | "adminNote" | "descripNote" => {
                        capture = Capture::Note;
                        captured.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(e) if capture != Capture::None => {
                captured.push_str(&e.decode().unwrap_or_default());
            }
            Event::CData(e) if capture != Capture::None => {
                captured.push_str(&e.decode().unwrap_or_default());
            }
            Event::GeneralRef(r) if capture != Capture::None => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.decode().unwrap_or_default().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                match resolved {
                    Some(c) => captured.push(c),
                    None => {
                        return Err((
                            Some(line_at(position)),
                            "an entity TBX does not define; write the character itself".to_string(),
                        ))
                    }
                }
            }
            Event::End(e) => {
                let element = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                match element.as_str() {
                    "term" | "termNote" | "note" | "descrip" | "admin" | "adminNote"
                    | "descripNote" => {
                        let value = captured.trim().to_string();
                        if let Some(state) = entry.as_mut() {
                            let term = state.languages.last_mut().and_then(|(_, t)| t.last_mut());
                            match capture {
                                Capture::Term => {
                                    if let Some(term) = term {
                                        term.text = value;
                                    } else if let Some((_, terms)) = state.languages.last_mut() {
                                        terms.push(TermRecord {
                                            text: value,
                                            status: None,
                                        });
                                    }
                                }
                                Capture::Status => {
                                    if let (Some(term), Some(status)) = (term, status_of(&value)) {
                                        term.status = Some(status);
                                    }
                                }
                                Capture::Note => {
                                    state.do_not_translate |= DO_NOT_TRANSLATE.is_match(&value);
                                }
                                Capture::None => {}
                            }
                        }
                        capture = Capture::None;
                    }
                    "termEntry" | "conceptEntry" => {
                        if let Some(state) = entry.take() {
                            if let Some(entry) = finish(state, name, source_locale) {
                                glossary.entries.push(entry);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err((Some(1), "an empty file, not TBX".to_string()));
    }
    Ok(glossary)
}

fn status_of(value: &str) -> Option<Status> {
    let value = value.to_lowercase();
    if value.starts_with("preferred") || value.starts_with("admitted") {
        Some(Status::Approved)
    } else if value.starts_with("deprecated") || value.starts_with("superseded") {
        Some(Status::Deprecated)
    } else if value.starts_with("forbidden") || value.starts_with("notrecommended") {
        Some(Status::Forbidden)
    } else {
        None
    }
}

/// The entry: the source language's first approved term, its others as variants; every other
/// language's terms as renderings.
fn finish(state: EntryState, name: &str, source_locale: &Locale) -> Option<Entry> {
    let mut entry = Entry {
        do_not_translate: state.do_not_translate,
        origin: format!("{name}:{}", state.line),
        ..Entry::default()
    };
    for (locale, terms) in state.languages {
        for term in terms.into_iter().filter(|t| !t.text.is_empty()) {
            let status = term.status.unwrap_or(Status::Approved);
            if locale.same_language(source_locale) {
                if status != Status::Approved {
                    continue;
                }
                if entry.term.is_empty() {
                    entry.term = term.text;
                } else {
                    entry.variants.push(term.text);
                }
            } else {
                entry.renderings.push(Rendering {
                    locale: locale.clone(),
                    text: term.text,
                    status,
                });
            }
        }
    }
    (!entry.term.is_empty()).then_some(entry)
}

fn local_name(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// An attribute by its local name (`lang` finds `xml:lang`).
fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name.as_bytes())
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .ok()
            })
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Locale {
        Locale::parse("en").unwrap()
    }

    const BASIC: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
 <text><body>
  <termEntry id="c1">
   <langSet xml:lang="en"><tig><term>product</term></tig></langSet>
   <langSet xml:lang="hi">
    <tig><term>उत्पाद</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
    <tig><term>प्रोडक्ट</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="c2">
   <note>Brand name: do not translate</note>
   <langSet xml:lang="en"><tig><term>Guru &amp; Co</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>"#;

    #[test]
    fn tbx_basic_statuses_and_do_not_translate() {
        let glossary = read(BASIC, "g.tbx", &en()).unwrap();
        assert_eq!(glossary.entries.len(), 2);
        let product = &glossary.entries[0];
        assert_eq!(product.term, "product");
        assert_eq!(product.origin, "g.tbx:4");
        assert_eq!(product.renderings[0].status, Status::Approved);
        assert_eq!(product.renderings[1].status, Status::Deprecated);
        assert_eq!(glossary.entries[1].term, "Guru & Co");
        assert!(glossary.entries[1].do_not_translate);
    }

    #[test]
    fn tbx_v3() {
        let text = r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body><conceptEntry id="1">
<langSec xml:lang="en"><termSec><term>workspace</term></termSec></langSec>
<langSec xml:lang="de"><termSec><term>Arbeitsbereich</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>Workspace</term><termNote type="normativeAuthorization">forbidden</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>"#;
        let glossary = read(text, "g.tbx", &en()).unwrap();
        let entry = &glossary.entries[0];
        assert_eq!(entry.renderings.len(), 2);
        assert_eq!(entry.renderings[1].status, Status::Forbidden);
    }

    #[test]
    fn broken_xml_and_unknown_language_name_the_line() {
        let err = read("<martif>\n<text>\n</body>\n</martif>", "g.tbx", &en()).unwrap_err();
        assert_eq!(err.0, Some(3), "{}", err.1);
        let text = "<martif>\n<text><body><termEntry>\n<langSet xml:lang=\"qq\"></langSet></termEntry></body></text></martif>";
        let err = read(text, "g.tbx", &en()).unwrap_err();
        assert_eq!(err.0, Some(3));
        assert!(err.1.contains("qq"));
        assert!(read("<html></html>", "g.tbx", &en()).is_err());
    }
}
