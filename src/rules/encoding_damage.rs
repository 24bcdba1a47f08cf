use std::ops::Range;

use crate::finding::{Finding, Severity};
use crate::locale::invisible::escape_invisible;
use crate::locale::{char_script, Script};

use super::{Context, Rule, RuleInfo};

pub struct EncodingDamage;

static INFO: RuleInfo = RuleInfo {
    id: "encoding-damage",
    default_severity: Severity::Error,
    summary: "Text damaged by a wrong decoding: replacement characters, mojibake",
    needs_source: false,
    docs: r#"## What it finds

- **U+FFFD REPLACEMENT CHARACTER** (`�`), anywhere in the file: a decoder met bytes it could not
  read and replaced them; the original character is lost.
- **Mojibake**: UTF-8 text that was decoded as Windows-1252 (or ISO 8859-1) and saved again, so
  that `é` became `Ã©`, `’` became `â€™`, Arabic `ال` became `Ø§Ù„`, Devanagari `न` became
  `à¤¨`, Russian `пр` became `Ð¿Ñ€`. loclint turns each run of such characters back into the
  bytes they came from and reports the part that reads as valid multi-byte UTF-8, with the
  original text as the fix (text damaged twice, `ÃƒÂ©`, is repaired in two steps).

Text that only is not in Unicode NFC displays correctly: `unnormalized-text` reports it.

Real text in Latin-script languages has accented capitals and symbols that can look like
mojibake (`CAFÉ»`, `groß“`, `ÚŽASNÝ`), so a sequence is reported only with enough evidence:

- the character it decodes to must be likely in the translation: a Latin letter or a common
  symbol or punctuation mark, or a letter of the translation's own scripts (Arabic mojibake is
  reported in an Arabic translation, not in a German one, where `ß“` would decode to N'Ko);
- and it must be a three- or four-byte sequence (`â€™`, `à¤¨`, emoji), or two sequences in a row
  (`Ø§Ù„`), or a two-byte sequence whose second character does not usually follow a letter.
  A two-byte sequence ending in a quotation mark, an ellipsis, a dash, a no-break space, `®` or
  `™` is reported only in a file where stronger mojibake was found: `Ã”` is the mojibake of `Ô`,
  but also how a quoted “AMANHÃ” ends. So is one whose lead is not `Ã` or `Â` and whose second
  character is a letter (Czech `ÉŠ`).

Mojibake inside code, URLs and other masked text is left alone: it may be an example.

## Why it matters

A replacement character or mojibake is a visible error on the published page, and it spreads:
every later copy of the file carries it.

## Example

```text
error[encoding-damage]: mojibake "Ã©" for "é" (UTF-8 read as Windows-1252)
 --> es.txt:3:26
  |
3 | De lunes a viernes el cafÃ© abre a las siete de la mañana y cierra a las seis de la tarde.
  |                          ^^ Ã©
  |
  = fix: replace with "é"
```

## How to fix

Replace each sequence with the text the fix gives, or better, get the file again from its
origin and make sure every tool on the way reads and writes UTF-8. For replacement characters,
restore the lost character from the translator's original.
"#,
};

impl Rule for EncodingDamage {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let text = &ctx.file.text;
        replacement_characters(text, findings);
        let masked: Vec<Range<usize>> = ctx
            .document
            .blocks
            .iter()
            .flat_map(|b| b.masks.iter().map(|m| b.file_range(m.range.clone())))
            .collect();
        for mojibake in find_mojibake(text, &ctx.locale_data.scripts) {
            let range = mojibake.range.clone();
            if !masked
                .iter()
                .any(|m| m.start < range.end && range.start < m.end)
            {
                findings.push(mojibake.finding(text));
            }
        }
    }
}

fn replacement_characters(text: &str, findings: &mut Vec<Finding>) {
    let mut offset = 0;
    while let Some(at) = text[offset..].find('\u{FFFD}') {
        let start = offset + at;
        let run = text[start..]
            .chars()
            .take_while(|&c| c == '\u{FFFD}')
            .count();
        let end = start + run * '\u{FFFD}'.len_utf8();
        let repeated = if run > 1 {
            format!(", {run} in a row")
        } else {
            String::new()
        };
        findings.push(
            Finding::new(
                &INFO,
                start..end,
                format!(
                    "replacement character U+FFFD{repeated}: text lost when the file was decoded"
                ),
            )
            .fix("restore the lost text from the translator's original"),
        );
        offset = end;
    }
}

/// The byte ranges of the mojibake that this rule reports in `text` (masked text included), so
/// that `invisible-character` leaves the C1 controls inside them alone.
pub(super) fn mojibake_spans(text: &str, language_scripts: &[Script]) -> Vec<Range<usize>> {
    find_mojibake(text, language_scripts)
        .into_iter()
        .map(|m| m.range)
        .collect()
}

/// Characters 0x80 to 0x9F of Windows-1252; `None` for the five bytes it leaves undefined, which
/// decoders pass through as the C1 controls U+0081, U+008D, U+008F, U+0090 and U+009D.
const WINDOWS_1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte that Windows-1252, or ISO 8859-1, decodes to `c`, for bytes 0x80 to 0xFF.
fn windows_1252_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        0x80..=0xFF => u8::try_from(u32::from(c)).ok(),
        0x152..=0x2122 => WINDOWS_1252_HIGH
            .iter()
            .position(|&high| high == Some(c))
            .and_then(|i| u8::try_from(0x80 + i).ok()),
        _ => None,
    }
}

/// A two-byte sequence ending in one of these is weak evidence: after a capital letter they are
/// ordinary punctuation (`AMANHÃ”`, `AQUÍ…`).
const AFTER_A_WORD: &[char] = &[
    '”', '’', '“', '‘', '»', '›', '…', '–', '—', '\u{A0}', '®', '™',
];

/// A stretch of text that reads as UTF-8 once its characters are turned back into the bytes
/// they were decoded from.
#[derive(Debug)]
struct Mojibake {
    /// Byte range in the file.
    range: Range<usize>,
    /// The text once repaired.
    repaired: String,
    /// How many times it was decoded wrongly.
    passes: usize,
}

impl Mojibake {
    fn finding(&self, text: &str) -> Finding {
        let twice = match self.passes {
            1 => "",
            2 => " twice",
            _ => " several times",
        };
        let repaired = escape_invisible(&self.repaired);
        Finding::new(
            &INFO,
            self.range.clone(),
            format!(
                "mojibake \"{}\" for \"{repaired}\" (UTF-8 read as Windows-1252{twice})",
                escape_invisible(&text[self.range.clone()])
            ),
        )
        .fix(format!("replace with \"{repaired}\""))
    }
}

/// One decoded multi-byte sequence: `chars` indexes the run it was read from.
struct Sequence {
    chars: Range<usize>,
    decoded: char,
}

fn find_mojibake(text: &str, language_scripts: &[Script]) -> Vec<Mojibake> {
    let mut strong = Vec::new();
    let mut weak = Vec::new();
    for run in byte_runs(text) {
        let bytes: Vec<u8> = run.iter().map(|&(_, _, b)| b).collect();
        for stretch in decodable_stretches(&bytes, language_scripts) {
            let first = &run[stretch[0].chars.start];
            let last = &run[stretch[stretch.len() - 1].chars.end - 1];
            let range = first.0..last.0 + last.1.len_utf8();
            let decoded: String = stretch.iter().map(|s| s.decoded).collect();
            let (repaired, passes) = repair(decoded, language_scripts);
            let mojibake = Mojibake {
                range,
                repaired,
                passes,
            };
            if is_strong(&stretch, &run) {
                strong.push(mojibake);
            } else {
                weak.push(mojibake);
            }
        }
    }
    if !strong.is_empty() {
        strong.append(&mut weak);
        strong.sort_by_key(|m| m.range.start);
    }
    strong
}

/// Runs of consecutive characters that Windows-1252 decodes bytes 0x80 to 0xFF to: (offset,
/// character, byte).
fn byte_runs(text: &str) -> Vec<Vec<(usize, char, u8)>> {
    let mut runs = Vec::new();
    let mut run: Vec<(usize, char, u8)> = Vec::new();
    for (offset, c) in text.char_indices() {
        match windows_1252_byte(c) {
            Some(byte) => run.push((offset, c, byte)),
            None if run.len() >= 2 => runs.push(std::mem::take(&mut run)),
            None => run.clear(),
        }
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    runs
}

/// The stretches of consecutive, plausible UTF-8 sequences in `bytes`.
fn decodable_stretches(bytes: &[u8], language_scripts: &[Script]) -> Vec<Vec<Sequence>> {
    let mut stretches = Vec::new();
    let mut stretch: Vec<Sequence> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let sequence = utf8_length(bytes[at])
            .and_then(|len| bytes.get(at..at + len))
            .and_then(|slice| std::str::from_utf8(slice).ok())
            .and_then(|s| s.chars().next())
            .filter(|&decoded| is_plausible(decoded, language_scripts));
        match sequence {
            Some(decoded) => {
                let len = decoded.len_utf8();
                stretch.push(Sequence {
                    chars: at..at + len,
                    decoded,
                });
                at += len;
            }
            None => {
                if !stretch.is_empty() {
                    stretches.push(std::mem::take(&mut stretch));
                }
                at += 1;
            }
        }
    }
    if !stretch.is_empty() {
        stretches.push(stretch);
    }
    stretches
}

fn utf8_length(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// Three- or four-byte sequences, several sequences in a row, or a two-byte one that real text
/// does not write: its second character is not punctuation that follows words anyway, and, past
/// the classic `Ã` and `Â` leads, not a letter either (Czech `ÉŠ` is a capital and a capital).
fn is_strong(stretch: &[Sequence], run: &[(usize, char, u8)]) -> bool {
    match stretch {
        [one] if one.chars.len() == 2 => {
            let (_, _, lead) = run[one.chars.start];
            let (_, second, _) = run[one.chars.start + 1];
            !AFTER_A_WORD.contains(&second)
                && (matches!(lead, 0xC2 | 0xC3) || !second.is_alphabetic())
        }
        _ => true,
    }
}

/// Whether a mojibake sequence could have been this character in the translation.
fn is_plausible(decoded: char, language_scripts: &[Script]) -> bool {
    match u32::from(decoded) {
        // Latin-1 letters and symbols, Latin Extended-A and -B.
        0xA0..=0x24F => true,
        // Phonetic letters and spacing modifiers: what accented capitals next to quotation
        // marks decode to (`É»` to `ɻ`).
        0x250..=0x2FF => false,
        // Punctuation, currency, letterlike symbols, arrows, mathematical operators, box
        // drawing, shapes, dingbats; emoji; the byte order mark.
        0x2000..=0x206F
        | 0x20A0..=0x20CF
        | 0x2100..=0x22FF
        | 0x2500..=0x27BF
        | 0x1F000..=0x1FAFF
        | 0xFEFF => true,
        // Combining marks: in Latin-script text they come from capitals next to symbols
        // (`ÍŠ` in Czech `ŘÍŠE`) far more often than from damaged decomposed text.
        _ => match char_script(decoded) {
            Script::Inherited => !language_scripts.contains(&Script::Latin),
            Script::Common | Script::Unknown => false,
            script => language_scripts.contains(&script),
        },
    }
}

/// Decodes again while the result is itself mojibake (text damaged more than once).
fn repair(mut text: String, language_scripts: &[Script]) -> (String, usize) {
    let mut passes = 1;
    while passes < 4 {
        let Some(bytes) = text
            .chars()
            .map(windows_1252_byte)
            .collect::<Option<Vec<u8>>>()
        else {
            break;
        };
        match String::from_utf8(bytes) {
            Ok(again)
                if again.chars().count() < text.chars().count()
                    && again
                        .chars()
                        .all(|c| c.is_ascii() || is_plausible(c, language_scripts)) =>
            {
                text = again;
                passes += 1;
            }
            _ => break,
        }
    }
    (text, passes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check, excerpts};

    fn found(locale: &str, text: &str) -> Vec<String> {
        check(&EncodingDamage, locale, None, text)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn every_windows_1252_character_maps_back_to_its_byte() {
        for (i, c) in WINDOWS_1252_HIGH.iter().enumerate() {
            let byte = u8::try_from(0x80 + i).unwrap();
            assert_eq!(windows_1252_byte(c.unwrap_or(char::from(byte))), Some(byte));
        }
        for byte in 0xA0..=0xFF_u8 {
            assert_eq!(windows_1252_byte(char::from(byte)), Some(byte));
        }
        assert_eq!(windows_1252_byte('a'), None);
        assert_eq!(windows_1252_byte('œ'), Some(0x9C));
        assert_eq!(windows_1252_byte('ł'), None);
    }

    #[test]
    fn replacement_characters_are_reported_in_runs() {
        let text = "T\u{FFFD}tulo\n\nUna l\u{FFFD}\u{FFFD}nea.\n";
        assert_eq!(
            found("es", text),
            vec![
                "replacement character U+FFFD: text lost when the file was decoded",
                "replacement character U+FFFD, 2 in a row: text lost when the file was decoded",
            ]
        );
    }

    #[test]
    fn mojibake_of_latin_letters_and_punctuation() {
        let text = "Título\n\nEl cafÃ© de la esquina estÃ¡ abierto â€” dijo Ã©l.\n";
        let findings = check(&EncodingDamage, "es", None, text);
        assert_eq!(excerpts(text, &findings), vec!["Ã©", "Ã¡", "â€”", "Ã©"]);
        assert_eq!(
            findings[0].message,
            "mojibake \"Ã©\" for \"é\" (UTF-8 read as Windows-1252)"
        );
        assert_eq!(findings[0].fix.as_deref(), Some("replace with \"é\""));
        assert_eq!(findings[2].fix.as_deref(), Some("replace with \"—\""));
    }

    #[test]
    fn mojibake_of_other_scripts_in_their_translations() {
        let arabic = "عنوان\n\nØ§Ù„Ø¹Ù…Ù„Ø§Ø¡ أولاً.\n";
        assert_eq!(
            found("ar", arabic),
            vec!["mojibake \"Ø§Ù„Ø¹Ù…Ù„Ø§Ø¡\" for \"العملاء\" (UTF-8 read as Windows-1252)"]
        );
        let hindi = "शीर्षक\n\nà¤¨à¤¯à¤¾ उत्पाद।\n";
        assert_eq!(
            found("hi", hindi),
            vec!["mojibake \"à¤¨à¤¯à¤¾\" for \"नया\" (UTF-8 read as Windows-1252)"]
        );
        let russian = "Заголовок\n\nÐ¿Ñ€Ð¾Ð´ÑƒÐºÑ‚ готов.\n";
        assert_eq!(
            found("ru", russian),
            vec!["mojibake \"Ð¿Ñ€Ð¾Ð´ÑƒÐºÑ‚\" for \"продукт\" (UTF-8 read as Windows-1252)"]
        );
    }

    #[test]
    fn iso_8859_1_reading_leaves_c1_controls() {
        let text = "Title\n\nIt\u{E2}\u{80}\u{99}s ready.\n";
        assert_eq!(
            found("en", text),
            vec!["mojibake \"â<U+0080><U+0099>\" for \"’\" (UTF-8 read as Windows-1252)"]
        );
    }

    #[test]
    fn double_damage_is_repaired_in_two_steps() {
        let text = "Título\n\nEl cafÃƒÂ© abre.\n";
        assert_eq!(
            found("es", text),
            vec!["mojibake \"ÃƒÂ©\" for \"é\" (UTF-8 read as Windows-1252 twice)"]
        );
    }

    #[test]
    fn a_byte_order_mark_read_as_windows_1252() {
        let text = "ï»¿Titel\n\nText.\n";
        assert_eq!(
            found("de", text),
            vec!["mojibake \"ï»¿\" for \"<U+FEFF>\" (UTF-8 read as Windows-1252)"]
        );
    }

    #[test]
    fn real_accented_text_is_not_mojibake() {
        let cases = [
            ("fr", "«CAFÉ» et crème brûlée\n\nÀ LA FAÇON D'ÉLÈVES, «ÉTÉ» — naïve, cœur, Œuvre… «À» ÉÉ«»\n"),
            ("de", "Straße\n\n„Das ist sehr groß“, sagte die Größe. ÄÖÜ – ÄRGER, „MÄ“ «Ü»\n"),
            ("es", "¿Qué…?\n\n«¡AQUÍ!» dijo. AQUÍ” y AQUÍ… ¿Qué…» La niña, el año, ÑANDÚ®\n"),
            ("pt", "“AMANHÃ”\n\nSÃO PAULO, MAÇÃ, IRMÃ… ação, não, pôr, «LÁ» Nº 1, 1.ª\n"),
            ("is", "Þórður\n\nÞAÐ ER ÆÐI, ÐÖGG, Æ» sögð ÍSLAND– Þ” Ð…\n"),
            ("cs", "Úžasný\n\nÚŽASNÝ NÁŠ ŘÍŠE ÝŠ, LÉŠ, ÉŽ\n"),
        ];
        for (locale, text) in cases {
            assert!(
                found(locale, text).is_empty(),
                "{locale}: {:?}",
                found(locale, text)
            );
        }
    }

    #[test]
    fn weak_sequences_count_only_beside_strong_mojibake() {
        // `Ã”` is the mojibake of `Ô`, but also where a capital `Ã` meets a closing quotation mark.
        assert!(found("pt", "Título\n\n“AMANHÃ”, disse.\n").is_empty());
        let text = "Título\n\nA opÃ§Ã£o do Ã”nibus.\n";
        let findings = check(&EncodingDamage, "pt", None, text);
        assert_eq!(excerpts(text, &findings), vec!["Ã§Ã£", "Ã”"]);
        assert_eq!(findings[1].fix.as_deref(), Some("replace with \"Ô\""));
    }

    #[test]
    fn masked_mojibake_is_an_example() {
        let text = "Title\n\nSee https://example.com/cafÃ©-menu for the menu.\n";
        assert!(found("en", text).is_empty());
    }
}
