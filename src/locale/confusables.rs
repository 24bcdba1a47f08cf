//! Letters of the Latin, Cyrillic and Greek scripts that look alike.
//!
//! Source: the Unicode Security Mechanisms data (UTS #39, `confusables.txt`), restricted to single
//! letters of these three scripts that render the same in ordinary text fonts: a Latin `o` typed
//! inside a Russian word, a Cyrillic `а` inside an English brand name. Pairs that only look
//! alike in some fonts or cases (Greek `γ` and Latin `y`, Cyrillic `п` and Latin `n`) are left
//! out, so that a reported homoglyph is one a reader cannot tell apart.

use super::Script;

/// One letter shape in each script: Latin, Cyrillic, Greek (`None` where a script has none).
type Row = [Option<char>; 3];

const fn row(latin: char, cyrillic: Option<char>, greek: Option<char>) -> Row {
    [Some(latin), cyrillic, greek]
}

const ROWS: &[Row] = &[
    row('a', Some('\u{0430}'), Some('\u{03B1}')),
    row('c', Some('\u{0441}'), Some('\u{03F2}')),
    row('d', Some('\u{0501}'), None),
    row('e', Some('\u{0435}'), None),
    row('h', Some('\u{04BB}'), None),
    row('i', Some('\u{0456}'), Some('\u{03B9}')),
    row('j', Some('\u{0458}'), Some('\u{03F3}')),
    row('l', Some('\u{04CF}'), None),
    row('o', Some('\u{043E}'), Some('\u{03BF}')),
    row('p', Some('\u{0440}'), Some('\u{03C1}')),
    row('q', Some('\u{051B}'), None),
    row('s', Some('\u{0455}'), None),
    row('u', None, Some('\u{03C5}')),
    row('v', Some('\u{0475}'), Some('\u{03BD}')),
    row('w', Some('\u{051D}'), None),
    row('x', Some('\u{0445}'), None),
    row('y', Some('\u{0443}'), None),
    row('\u{00EB}', Some('\u{0451}'), None),
    row('\u{00EF}', Some('\u{0457}'), None),
    row('\u{00F3}', None, Some('\u{03CC}')),
    row('A', Some('\u{0410}'), Some('\u{0391}')),
    row('B', Some('\u{0412}'), Some('\u{0392}')),
    row('C', Some('\u{0421}'), Some('\u{03F9}')),
    row('E', Some('\u{0415}'), Some('\u{0395}')),
    row('H', Some('\u{041D}'), Some('\u{0397}')),
    row('I', Some('\u{0406}'), Some('\u{0399}')),
    row('J', Some('\u{0408}'), Some('\u{037F}')),
    row('K', Some('\u{041A}'), Some('\u{039A}')),
    row('M', Some('\u{041C}'), Some('\u{039C}')),
    row('N', None, Some('\u{039D}')),
    row('O', Some('\u{041E}'), Some('\u{039F}')),
    row('P', Some('\u{0420}'), Some('\u{03A1}')),
    row('S', Some('\u{0405}'), None),
    row('T', Some('\u{0422}'), Some('\u{03A4}')),
    row('X', Some('\u{0425}'), Some('\u{03A7}')),
    row('Y', Some('\u{04AE}'), Some('\u{03A5}')),
    row('Z', None, Some('\u{0396}')),
    row('\u{00CB}', Some('\u{0401}'), None),
];

/// Whether the table covers `script`.
pub fn has_look_alikes(script: Script) -> bool {
    column(script).is_some()
}

/// The letter of `script` that looks like `c`, when `c` belongs to another script of the table
/// and `script` has such a letter.
pub fn look_alike(c: char, script: Script) -> Option<char> {
    let want = column(script)?;
    let row = ROWS.iter().find(|row| row.contains(&Some(c)))?;
    if row[want] == Some(c) {
        return None;
    }
    row[want]
}

fn column(script: Script) -> Option<usize> {
    match script {
        Script::Latin => Some(0),
        Script::Cyrillic => Some(1),
        Script::Greek => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_script::UnicodeScript;

    #[test]
    fn every_letter_is_in_its_column_script() {
        for row in ROWS {
            for (letter, script) in row
                .iter()
                .zip([Script::Latin, Script::Cyrillic, Script::Greek])
            {
                if let Some(c) = letter {
                    assert_eq!(c.script(), script, "{c:?} (U+{:04X})", *c as u32);
                }
            }
        }
    }

    #[test]
    fn every_letter_appears_once() {
        let mut seen = std::collections::HashSet::new();
        for c in ROWS.iter().flatten().flatten() {
            assert!(seen.insert(*c), "{c:?} is in two rows");
        }
    }

    #[test]
    fn look_alikes_map_across_scripts() {
        assert_eq!(look_alike('o', Script::Cyrillic), Some('\u{043E}'));
        assert_eq!(look_alike('\u{043E}', Script::Latin), Some('o'));
        assert_eq!(look_alike('\u{03BF}', Script::Cyrillic), Some('\u{043E}'));
        assert_eq!(look_alike('o', Script::Latin), None);
        assert_eq!(look_alike('n', Script::Cyrillic), None);
        assert_eq!(look_alike('u', Script::Cyrillic), None);
        assert_eq!(look_alike('o', Script::Arabic), None);
    }
}
