//! The forms in which anchors are compared across languages: what translation may change is
//! taken out. Code keeps its skeleton (comments, string literals and placeholders may be
//! translated); a link target loses its locale (`/ja/docs/x` and `/docs/x` are one page).

use crate::locale::Locale;

/// Code without comments, with string literals and placeholders emptied, whitespace collapsed:
/// `tar -xf {{archivo}}  # extrae` and `tar -xf {{file}}` have one skeleton.
pub fn code_skeleton(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.lines() {
        let line = strip_comment(line);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' | '\'' | '`' => {
                    // A string literal: its text may be translated. An unclosed quote (an
                    // apostrophe in a shell comment's word) keeps the rest as it is.
                    let rest: String = chars.clone().collect();
                    match rest.find(c) {
                        Some(end) => {
                            out.push(c);
                            out.push(c);
                            for _ in 0..rest[..end].chars().count() + 1 {
                                chars.next();
                            }
                        }
                        None => out.push(c),
                    }
                }
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push_str("{{}}");
                    let mut previous = '\0';
                    for inner in chars.by_ref() {
                        if previous == '}' && inner == '}' {
                            break;
                        }
                        previous = inner;
                    }
                }
                c if c.is_whitespace() => {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                c => out.push(c),
            }
        }
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// A line without its comment: `#` or `//` at its start or after a space (so that `a#b` and
/// `https://x` stay).
fn strip_comment(line: &str) -> &str {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') && !trimmed.starts_with("#!") || trimmed.starts_with("//") {
        return "";
    }
    for (i, _) in line.match_indices([' ', '\t']) {
        let after = &line[i + 1..];
        if after.starts_with("# ") || after.starts_with("// ") {
            return &line[..i];
        }
    }
    line
}

/// A link target as every translation of the page should have it: without a fragment (the
/// anchors of translated headings change), without a locale in its host, path or file name
/// (`ja.wikipedia.org`, `/ja/docs/`, `README.ja-JP.md`, `x.fr.md`), without a trailing slash.
/// `None` for a link to a place in the same page.
pub fn link_target(destination: &str) -> Option<String> {
    let destination = destination.trim();
    let end = destination.find('#').unwrap_or(destination.len());
    let destination = &destination[..end];
    if destination.is_empty() {
        return None;
    }
    let (scheme, rest) = match destination.find("://") {
        Some(at) => destination.split_at(at + 3),
        None => ("", destination),
    };
    let (host, path) = if scheme.is_empty() {
        ("", rest)
    } else {
        rest.split_at(rest.find('/').unwrap_or(rest.len()))
    };
    let host = match host.split_once('.') {
        Some((first, domain)) if Locale::parse(first).is_some() && domain.contains('.') => domain,
        _ => host,
    };
    let (path, query) = match path.find('?') {
        Some(at) => path.split_at(at),
        None => (path, ""),
    };
    let segments: Vec<String> = path
        .split('/')
        .filter(|segment| !is_locale_segment(segment))
        .map(without_locale_suffix)
        .collect();
    let query: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| {
            !pair.is_empty() && !matches!(pair.split('=').next(), Some("hl" | "lang" | "locale"))
        })
        .collect();
    let mut out = format!(
        "{scheme}{}{}",
        host.to_ascii_lowercase(),
        segments.join("/")
    );
    while out.ends_with('/') {
        out.pop();
    }
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    (!out.is_empty()).then_some(out)
}

/// A path segment that names a locale, as sites put them (`ja`, `pt-br`, `zh-CN`): two letters,
/// or a language with a region or script.
fn is_locale_segment(segment: &str) -> bool {
    (segment.len() == 2 || segment.contains(['-', '_'])) && Locale::parse(segment).is_some()
}

/// `README.ja-JP.md` -> `README.md`, `index.fr.md` -> `index.md`, `README-ja.md` stays (the
/// dash form is told by discovery, which knows the files on disk).
fn without_locale_suffix(segment: &str) -> String {
    let parts: Vec<&str> = segment.split('.').collect();
    if parts.len() >= 3 && Locale::parse(parts[parts.len() - 2]).is_some() {
        let mut kept = parts.clone();
        kept.remove(parts.len() - 2);
        return kept.join(".");
    }
    segment.to_string()
}

/// `%28` and `(`, `%C3%A9` and `é` are one character of an address or a file name. Text that is
/// not UTF-8 once decoded stays as written.
pub fn percent_decoded(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The file an address names: its last path segment, without query or fragment
/// (`../img/flow.png?raw=1` -> `flow.png`).
pub fn file_name_of(destination: &str) -> &str {
    let destination = destination.trim();
    let end = destination.find(['?', '#']).unwrap_or(destination.len());
    let path = destination[..end].trim_end_matches('/');
    path.rsplit('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_keeps_its_skeleton() {
        assert_eq!(
            code_skeleton("tar -xf {{archivo}}  # extrae el archivo"),
            code_skeleton("tar -xf {{file}}")
        );
        assert_eq!(
            code_skeleton("# instala\nnpm install --save \"mi paquete\"\n"),
            code_skeleton("# install\nnpm install --save \"my package\"\n")
        );
        assert_ne!(code_skeleton("tar -xf a"), code_skeleton("tar -xzf a"));
        assert_eq!(
            code_skeleton("curl https://a.b/c#d"),
            "curl https://a.b/c#d"
        );
    }

    #[test]
    fn link_targets_lose_their_locale() {
        for (a, b) in [
            ("/en/docs/start/", "/ja/docs/start"),
            (
                "https://en.wikipedia.org/wiki/Tree",
                "https://ja.wikipedia.org/wiki/Tree",
            ),
            ("README.md", "README.ja-JP.md"),
            ("../x/index.fr.md#intro", "../x/index.md"),
            (
                "https://developers.google.com/x?hl=en",
                "https://developers.google.com/x",
            ),
            ("/pt-br/guides/a", "/guides/a"),
        ] {
            assert_eq!(link_target(a), link_target(b), "{a} {b}");
        }
        assert_eq!(link_target("#usage"), None);
        assert_ne!(link_target("/docs/tar"), link_target("/docs/zip"));
    }
}
