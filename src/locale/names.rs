//! File names that carry a locale: `diagram.ar.png`, `screenshot-ja.png`, `guide_pt-BR.pdf`.
//! A translation may point at its own language's copy of a file; these tell such a copy from
//! another file.

use regex::Regex;

use super::Locale;

/// The patterns a localized copy of a file is named by when the configuration names none.
pub const DEFAULT_PATTERNS: &[&str] = &[
    "{stem}.{locale}.{ext}",
    "{stem}-{locale}.{ext}",
    "{stem}_{locale}.{ext}",
];

/// Compiled patterns of localized file names (`{stem}.{locale}.{ext}`).
#[derive(Debug, Clone)]
pub struct LocalizedNames {
    patterns: Vec<String>,
}

impl Default for LocalizedNames {
    fn default() -> Self {
        LocalizedNames {
            patterns: DEFAULT_PATTERNS.iter().map(|p| p.to_string()).collect(),
        }
    }
}

impl LocalizedNames {
    /// Checks patterns as the configuration gives them: each names `{stem}` and `{locale}`.
    pub fn new(patterns: Vec<String>) -> Result<LocalizedNames, String> {
        for pattern in &patterns {
            if !pattern.contains("{stem}") || !pattern.contains("{locale}") {
                return Err(format!(
                    "localized name pattern `{pattern}` needs `{{stem}}` and `{{locale}}`"
                ));
            }
        }
        Ok(LocalizedNames { patterns })
    }

    /// Whether `target` (a file name, no folder) is `source` itself or its copy for `locale`,
    /// `source` possibly being the copy for `source_locale` (`shot-en.png` and `shot-ja.png`).
    pub fn same_file(
        &self,
        source: &str,
        source_locale: &Locale,
        target: &str,
        locale: &Locale,
    ) -> bool {
        if source.eq_ignore_ascii_case(target) {
            return true;
        }
        let source_plain = self.unlocalized(source, source_locale);
        let target_plain = self.unlocalized(target, locale);
        let source_plain = source_plain.as_deref().unwrap_or(source);
        target_plain
            .as_deref()
            .unwrap_or(target)
            .eq_ignore_ascii_case(source_plain)
    }

    /// The name without `locale`, if it follows one of the patterns: `diagram.ar.png` ->
    /// `diagram.png`.
    pub fn unlocalized(&self, name: &str, locale: &Locale) -> Option<String> {
        for pattern in &self.patterns {
            let Some(found) = pattern_regex(pattern, locale).and_then(|r| {
                r.captures(name).map(|c| {
                    let stem = c.name("stem").map_or("", |m| m.as_str());
                    match c.name("ext") {
                        Some(ext) => format!("{stem}.{}", ext.as_str()),
                        None => stem.to_string(),
                    }
                })
            }) else {
                continue;
            };
            return Some(found);
        }
        None
    }
}

/// The ways a locale is written in file names: `pt-BR`, `pt_BR`, `ptbr`, `pt`, any case.
fn locale_alternatives(locale: &Locale) -> String {
    let tag = locale.as_str();
    let mut forms = vec![
        regex::escape(tag),
        regex::escape(&tag.replace('-', "_")),
        regex::escape(locale.language()),
    ];
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms.dedup();
    format!("(?i:{})", forms.join("|"))
}

/// The compiled pattern for a locale, built once per thread: a page with many images asks for
/// it again and again.
fn pattern_regex(pattern: &str, locale: &Locale) -> Option<Regex> {
    thread_local! {
        static COMPILED: std::cell::RefCell<std::collections::HashMap<(String, String), Option<Regex>>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let key = (pattern.to_string(), locale.as_str().to_string());
    COMPILED.with(|compiled| {
        compiled
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| compile(pattern, locale))
            .clone()
    })
}

fn compile(pattern: &str, locale: &Locale) -> Option<Regex> {
    let mut out = String::from("^");
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&regex::escape(&rest[..open]));
        let close = rest[open..].find('}')? + open;
        match &rest[open + 1..close] {
            "stem" => out.push_str("(?P<stem>.+?)"),
            "locale" => out.push_str(&locale_alternatives(locale)),
            "ext" => out.push_str("(?P<ext>[^./]+)"),
            "name" => out.push_str("(?P<stem>.+)"),
            other => out.push_str(&regex::escape(&format!("{{{other}}}"))),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(&regex::escape(rest));
    out.push('$');
    Regex::new(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(tag: &str) -> Locale {
        Locale::parse(tag).unwrap()
    }

    #[test]
    fn localized_copies_are_the_same_file() {
        let names = LocalizedNames::default();
        let en = locale("en");
        for (source, target, tag) in [
            ("diagram.png", "diagram.png", "ar"),
            ("diagram.png", "diagram.ar.png", "ar"),
            ("diagram.png", "diagram-pt-BR.png", "pt-BR"),
            ("diagram.png", "diagram_pt_BR.png", "pt-BR"),
            ("shot-en.png", "shot-ja.png", "ja"),
            ("shot.en.svg", "shot.svg", "fr"),
        ] {
            assert!(
                names.same_file(source, &en, target, &locale(tag)),
                "{source} {target}"
            );
        }
        for (source, target, tag) in [
            ("diagram.png", "diagram-old.png", "ar"),
            ("diagram.png", "diagram.fr.png", "ar"),
            ("a.png", "b.png", "ja"),
        ] {
            assert!(
                !names.same_file(source, &en, target, &locale(tag)),
                "{source} {target}"
            );
        }
    }

    #[test]
    fn configured_patterns_are_checked() {
        assert!(LocalizedNames::new(vec!["{stem}.png".into()]).is_err());
        let names = LocalizedNames::new(vec!["{locale}__{stem}.{ext}".into()]).unwrap();
        assert!(names.same_file("a.png", &locale("en"), "ko__a.png", &locale("ko")));
        assert!(!names.same_file("a.png", &locale("en"), "a.ko.png", &locale("ko")));
    }
}
