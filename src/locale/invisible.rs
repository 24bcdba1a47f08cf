//! Characters that take no visible space, with their Unicode names: what the
//! `invisible-character` rule reports and what the reports show escaped.
//!
//! Source: the Unicode Character Database (`UnicodeData.txt` names; `NameAliases.txt` for the
//! control characters, which have no name of their own).

/// Why a character is invisible, which decides how it is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvisibleKind {
    /// Embeddings, overrides, isolates and their terminators: they reorder what a reader sees.
    BidiControl,
    /// Left-to-right, right-to-left and Arabic letter marks: invisible strong characters.
    BidiMark,
    /// Zero-width joiner and non-joiner: needed by some scripts and emoji sequences.
    Joiner,
    /// U+FEFF, a byte order mark at the start of a file, a zero-width no-break space elsewhere.
    ByteOrderMark,
    /// C0 and C1 control characters (tab, line feed and carriage return excepted) and DEL.
    Control,
    /// Line and paragraph separators: line breaks that most editors do not show.
    Separator,
    /// Zero-width spaces, soft hyphens, word joiners and other format characters.
    Format,
    /// U+E0000 to U+E007F: invisible copies of ASCII, which can carry text no reader sees.
    /// Emoji flags of regions are the one place they belong.
    Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invisible {
    pub kind: InvisibleKind,
    /// The Unicode name (for control characters, the formal alias).
    pub name: &'static str,
}

const NAMED: &[(char, InvisibleKind, &str)] = {
    use InvisibleKind::*;
    &[
        ('\u{00AD}', Format, "SOFT HYPHEN"),
        ('\u{061C}', BidiMark, "ARABIC LETTER MARK"),
        ('\u{200B}', Format, "ZERO WIDTH SPACE"),
        ('\u{200C}', Joiner, "ZERO WIDTH NON-JOINER"),
        ('\u{200D}', Joiner, "ZERO WIDTH JOINER"),
        ('\u{200E}', BidiMark, "LEFT-TO-RIGHT MARK"),
        ('\u{200F}', BidiMark, "RIGHT-TO-LEFT MARK"),
        ('\u{2028}', Separator, "LINE SEPARATOR"),
        ('\u{2029}', Separator, "PARAGRAPH SEPARATOR"),
        ('\u{202A}', BidiControl, "LEFT-TO-RIGHT EMBEDDING"),
        ('\u{202B}', BidiControl, "RIGHT-TO-LEFT EMBEDDING"),
        ('\u{202C}', BidiControl, "POP DIRECTIONAL FORMATTING"),
        ('\u{202D}', BidiControl, "LEFT-TO-RIGHT OVERRIDE"),
        ('\u{202E}', BidiControl, "RIGHT-TO-LEFT OVERRIDE"),
        ('\u{2060}', Format, "WORD JOINER"),
        ('\u{2061}', Format, "FUNCTION APPLICATION"),
        ('\u{2062}', Format, "INVISIBLE TIMES"),
        ('\u{2063}', Format, "INVISIBLE SEPARATOR"),
        ('\u{2064}', Format, "INVISIBLE PLUS"),
        ('\u{2066}', BidiControl, "LEFT-TO-RIGHT ISOLATE"),
        ('\u{2067}', BidiControl, "RIGHT-TO-LEFT ISOLATE"),
        ('\u{2068}', BidiControl, "FIRST STRONG ISOLATE"),
        ('\u{2069}', BidiControl, "POP DIRECTIONAL ISOLATE"),
        ('\u{206A}', Format, "INHIBIT SYMMETRIC SWAPPING"),
        ('\u{206B}', Format, "ACTIVATE SYMMETRIC SWAPPING"),
        ('\u{206C}', Format, "INHIBIT ARABIC FORM SHAPING"),
        ('\u{206D}', Format, "ACTIVATE ARABIC FORM SHAPING"),
        ('\u{206E}', Format, "NATIONAL DIGIT SHAPES"),
        ('\u{206F}', Format, "NOMINAL DIGIT SHAPES"),
        ('\u{3164}', Format, "HANGUL FILLER"),
        ('\u{FEFF}', ByteOrderMark, "ZERO WIDTH NO-BREAK SPACE"),
        ('\u{FFA0}', Format, "HALFWIDTH HANGUL FILLER"),
        ('\u{FFF9}', Format, "INTERLINEAR ANNOTATION ANCHOR"),
        ('\u{FFFA}', Format, "INTERLINEAR ANNOTATION SEPARATOR"),
        ('\u{FFFB}', Format, "INTERLINEAR ANNOTATION TERMINATOR"),
    ]
};

/// U+0000 to U+001F; tab, line feed and carriage return are never reported.
const C0: [&str; 32] = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "ALERT",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
];

/// U+0080 to U+009F.
const C1: [&str; 32] = [
    "PADDING CHARACTER",
    "HIGH OCTET PRESET",
    "BREAK PERMITTED HERE",
    "NO BREAK HERE",
    "INDEX",
    "NEXT LINE",
    "START OF SELECTED AREA",
    "END OF SELECTED AREA",
    "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION",
    "LINE TABULATION SET",
    "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED",
    "SINGLE SHIFT TWO",
    "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING",
    "PRIVATE USE ONE",
    "PRIVATE USE TWO",
    "SET TRANSMIT STATE",
    "CANCEL CHARACTER",
    "MESSAGE WAITING",
    "START OF GUARDED AREA",
    "END OF GUARDED AREA",
    "START OF STRING",
    "SINGLE GRAPHIC CHARACTER INTRODUCER",
    "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER",
    "STRING TERMINATOR",
    "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
];

/// What makes `c` invisible, if it is one of the characters loclint watches for.
pub fn invisible(c: char) -> Option<Invisible> {
    let control = |name| {
        Some(Invisible {
            kind: InvisibleKind::Control,
            name,
        })
    };
    match c {
        '\t' | '\n' | '\r' => None,
        '\u{0}'..='\u{1F}' => control(C0[c as usize]),
        '\u{7F}' => control("DELETE"),
        '\u{80}'..='\u{9F}' => control(C1[c as usize - 0x80]),
        '\u{E0000}'..='\u{E007F}' => Some(Invisible {
            kind: InvisibleKind::Tag,
            name: match c {
                '\u{E0001}' => "LANGUAGE TAG",
                '\u{E007F}' => "CANCEL TAG",
                _ => "TAG CHARACTER",
            },
        }),
        _ => NAMED
            .iter()
            .find(|&&(named, _, _)| named == c)
            .map(|&(_, kind, name)| Invisible { kind, name }),
    }
}

/// `U+202E` style: the code point as the Unicode Standard writes it.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// `text` with every character that [`invisible`] knows replaced by `<U+202E>`, for messages
/// and reports that a terminal or an editor will display.
pub fn escape_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if invisible(c).is_some() {
            out.push('<');
            out.push_str(&code_point(c));
            out.push('>');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_characters_are_sorted_and_unique() {
        assert!(NAMED.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn every_listed_character_is_a_format_or_control_character() {
        // The renderers escape these, so none may be a visible letter, mark or symbol.
        for &(c, _, _) in NAMED {
            assert!(
                !c.is_alphanumeric() || c == '\u{3164}' || c == '\u{FFA0}',
                "{}",
                code_point(c)
            );
        }
    }

    #[test]
    fn controls_are_named_by_their_alias() {
        assert_eq!(invisible('\u{1B}').unwrap().name, "ESCAPE");
        assert_eq!(invisible('\u{85}').unwrap().name, "NEXT LINE");
        assert_eq!(
            invisible('\u{9F}').unwrap().name,
            "APPLICATION PROGRAM COMMAND"
        );
        assert_eq!(invisible('\t'), None);
        assert_eq!(invisible('\r'), None);
        assert_eq!(invisible('a'), None);
        assert_eq!(invisible('\u{00A0}'), None);
    }

    #[test]
    fn tag_characters_are_invisible() {
        assert_eq!(invisible('\u{E0041}').unwrap().kind, InvisibleKind::Tag);
        assert_eq!(invisible('\u{E007F}').unwrap().name, "CANCEL TAG");
        assert_eq!(
            escape_invisible("a\u{E0068}\u{E0069}"),
            "a<U+E0068><U+E0069>"
        );
    }

    #[test]
    fn escaping_shows_code_points() {
        assert_eq!(
            escape_invisible("ab\u{202E}cd\u{200B}"),
            "ab<U+202E>cd<U+200B>"
        );
        assert_eq!(escape_invisible("سلام\u{200C}ها"), "سلام<U+200C>ها");
    }
}
