//! The code frame under a finding: the line, cut to a window around the finding at grapheme
//! boundaries, with the finding underlined.
//!
//! Widths come from `unicode-width` per grapheme cluster, so combining marks (Devanagari vowel
//! signs, Arabic harakat) never split from their base letter and never shift the underline.
//! Characters a terminal would hide or act on (bidirectional controls, zero-width spaces,
//! control characters) are shown as `<U+202E>`.

use std::fmt::Write;
use std::ops::Range;

use anstyle::{AnsiColor, Effects, Style};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::locale::invisible::{code_point, invisible, InvisibleKind};

/// Columns of line text shown at most.
const WINDOW: usize = 100;
/// Columns kept before the underline when the line must be cut.
const LEFT_CONTEXT: usize = 30;
const ELLIPSIS: &str = "…";

/// What a frame shows: one line of a file and the byte range to underline in it.
pub(super) struct Frame<'a> {
    pub line_number: usize,
    pub line: &'a str,
    pub underline: Range<usize>,
    pub label: &'a str,
}

pub(super) struct Styles {
    pub accent: Style,
    pub gutter: Style,
}

impl Styles {
    pub fn new(color: bool, accent: AnsiColor) -> Styles {
        if color {
            Styles {
                accent: Style::new()
                    .fg_color(Some(accent.into()))
                    .effects(Effects::BOLD),
                gutter: Style::new()
                    .fg_color(Some(AnsiColor::BrightBlue.into()))
                    .effects(Effects::BOLD),
            }
        } else {
            Styles {
                accent: Style::new(),
                gutter: Style::new(),
            }
        }
    }
}

/// One grapheme cluster as the terminal will show it.
struct Shown {
    text: String,
    width: usize,
    underlined: bool,
}

impl Frame<'_> {
    /// The gutter width the frame needs: the line number's digits.
    pub fn gutter_width(&self) -> usize {
        self.line_number.to_string().len()
    }

    pub fn render(&self, out: &mut String, gutter: usize, styles: &Styles) {
        let shown = self.graphemes();
        let window = window(&shown);
        let mut text = String::new();
        let mut before = 0;
        let mut under = 0;
        if window.start > 0 {
            text.push_str(ELLIPSIS);
            before += 1;
        }
        for g in &shown[window.clone()] {
            text.push_str(&g.text);
            if g.underlined {
                under += g.width;
            } else if under == 0 {
                before += g.width;
            }
        }
        if window.end < shown.len() {
            text.push_str(ELLIPSIS);
        }
        let (g, a) = (styles.gutter, styles.accent);
        let _ = writeln!(out, "{g}{:>gutter$} |{g:#} {text}", self.line_number);
        let carets = "^".repeat(under.max(1));
        let label = if self.label.is_empty() {
            String::new()
        } else {
            format!(" {}", self.label)
        };
        let _ = writeln!(
            out,
            "{g}{:gutter$} |{g:#} {:before$}{a}{carets}{label}{a:#}",
            "", ""
        );
    }

    fn graphemes(&self) -> Vec<Shown> {
        let mut shown: Vec<Shown> = Vec::new();
        for (at, grapheme) in self.line.grapheme_indices(true) {
            let underlined = if self.underline.is_empty() {
                at == self.underline.start
            } else {
                at >= self.underline.start && at < self.underline.end
            };
            let mut text = String::new();
            for c in grapheme.chars() {
                match invisible(c) {
                    // Joiners shape Persian and Indic text: shown as they are unless underlined.
                    Some(found) if found.kind != InvisibleKind::Joiner || underlined => {
                        let _ = write!(text, "<{}>", code_point(c));
                    }
                    _ if c == '\t' => text.push(' '),
                    _ => text.push(c),
                }
            }
            let width = text.width();
            shown.push(Shown {
                text,
                width,
                underlined,
            });
        }
        if self.underline.is_empty() && !shown.iter().any(|g| g.underlined) {
            // A point at the end of the line: underline the place after the last character.
            shown.push(Shown {
                text: String::new(),
                width: 0,
                underlined: true,
            });
        }
        shown
    }
}

/// The graphemes shown: all of them when they fit, else a window that starts a little before
/// the underline.
fn window(shown: &[Shown]) -> Range<usize> {
    let total: usize = shown.iter().map(|g| g.width).sum();
    if total <= WINDOW {
        return 0..shown.len();
    }
    let first = shown.iter().position(|g| g.underlined).unwrap_or(0);
    let mut start = first;
    let mut width = 0;
    while start > 0 && width + shown[start - 1].width <= LEFT_CONTEXT {
        start -= 1;
        width += shown[start].width;
    }
    let mut end = first;
    while end < shown.len() && width + shown[end].width <= WINDOW {
        width += shown[end].width;
        end += 1;
    }
    start..end.max(first + 1).min(shown.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(line: &str, underline: Range<usize>) -> String {
        let frame = Frame {
            line_number: 6,
            line,
            underline,
            label: "",
        };
        let mut out = String::new();
        frame.render(&mut out, 1, &Styles::new(false, AnsiColor::Red));
        out
    }

    #[test]
    fn a_short_line_is_shown_whole_and_underlined_in_columns() {
        let line = "उनका उत्पाद(उपProducts), बिक्री";
        let at = line.find("Products").unwrap();
        let out = frame(line, at..at + "Products".len());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], format!("6 | {line}"));
        let before = line[..at].width();
        assert_eq!(
            lines[1],
            format!("  | {}{}", " ".repeat(before), "^".repeat(8))
        );
    }

    #[test]
    fn a_long_line_is_cut_at_grapheme_boundaries() {
        let line = "कि".repeat(200) + "रुझान. लेकिन" + &"कि".repeat(200);
        let at = line.find('.').unwrap();
        let out = frame(&line, at..at + 1);
        let shown = out.lines().next().unwrap().trim_start_matches("6 | ");
        assert!(
            shown.starts_with("…कि") && shown.ends_with("कि…"),
            "{shown}"
        );
        assert!(shown.contains("रुझान. लेकिन"));
        let caret_line = out.lines().nth(1).unwrap();
        let caret_at = caret_line.find('^').unwrap() - "  | ".len();
        let dot_at = shown[..shown.find('.').unwrap()].width();
        assert_eq!(caret_at, dot_at);
    }

    #[test]
    fn invisible_characters_are_shown_escaped_and_the_underline_follows() {
        let line = "كلمة \u{202E}مرور";
        let at = line.find('\u{202E}').unwrap();
        let out = frame(line, at..at + 3);
        assert!(!out.contains('\u{202E}'));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "6 | كلمة <U+202E>مرور");
        assert_eq!(lines[1], format!("  | {}{}", " ".repeat(5), "^".repeat(8)));
    }

    #[test]
    fn a_point_at_the_end_of_a_line_gets_one_caret() {
        let out = frame("abc", 3..3);
        assert_eq!(out.lines().nth(1).unwrap(), "  |    ^");
    }
}
