//! Whether a word of another script is a Latin name written in that script (`गुरु`, `غورو`,
//! `Гуру` and `グル` for `Guru`; `प्रोडक्ट` for `product`): both are romanized with any_ascii
//! and compared by how they sound, vowels apart where the script writes few of them.

use crate::locale::{char_script, Script};

/// Whether `word`, in a script other than Latin, is `name` transliterated.
pub fn is_transliteration(name: &str, word: &str) -> bool {
    transliteration_distance(name, word).is_some()
}

/// How far `word` sounds from `name` when it transliterates it (0: the same sounds); `None`
/// when it does not. Comparing distances tells which of a sentence's names a word writes.
pub fn transliteration_distance(name: &str, word: &str) -> Option<usize> {
    let script = word
        .chars()
        .map(char_script)
        .find(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown));
    // Ideographs are read by meaning, not sound (their romanization is another language's).
    let script = script.filter(|s| !matches!(s, Script::Latin | Script::Han | Script::Yi))?;
    let abjad = matches!(script, Script::Arabic | Script::Hebrew | Script::Syriac);
    let syllabic = matches!(script, Script::Katakana | Script::Hiragana | Script::Hangul);
    let target = romanized(word, abjad);
    // English spelling is read several ways: `w` is a glide, or the `v` of scripts with one
    // letter for both (`व`, `в`); an `r` after a vowel is silent where kana and hangul write
    // the sound (`ワーク` for `work`, `서버` for `server`).
    let source = romanized(name, false);
    let readings = std::iter::once((&source.sounds, &source.skeleton))
        .chain(source.w_as_v.as_ref().map(|(a, b)| (a, b)))
        .chain(
            source
                .silent_r
                .as_ref()
                .filter(|_| syllabic)
                .map(|(a, b)| (a, b)),
        );
    readings
        .filter_map(|(sounds, skeleton)| close_reading(sounds, skeleton, &target, abjad, syllabic))
        .min()
}

/// How far the target sounds from one reading of the source, when it is close enough.
fn close_reading(
    source: &[u8],
    source_skeleton: &[u8],
    target: &Romanized,
    abjad: bool,
    syllabic: bool,
) -> Option<usize> {
    let (target_skeleton, target) = (&target.skeleton, &target.sounds);
    if source_skeleton.len() < 2
        || target_skeleton.is_empty()
        || source_skeleton.first() != target_skeleton.first()
    {
        return None;
    }
    let distance = edit_distance(source, target);
    let longest = source.len().max(target.len());
    let close = if abjad {
        // Short vowels unwritten, the consonants must agree and the long vowels nearly so:
        // `بالتأكيد` has the consonants of `product`, not its sound.
        source_skeleton == target_skeleton && distance * 3 <= longest.max(3)
    } else if source_skeleton == target_skeleton && (source_skeleton.len() >= 3 || syllabic) {
        // Scripts that add vowels between consonants (`purodakuto`) or drop them (`prodkt`)
        // keep the consonants in order, and most of the sound; kana and hangul add the most.
        if syllabic {
            distance * 2 <= longest
        } else {
            distance * 5 <= longest * 2
        }
    } else {
        distance == 0 || (longest >= 5 && distance * 4 <= longest)
    };
    close.then_some(distance)
}

/// The sounds without an `r` between a vowel and a consonant or the end (`server`: `seve`).
fn without_silent_r(sounds: &[u8]) -> Vec<u8> {
    let vowel = |b: Option<&u8>| b.is_some_and(|b| b"aeiouy".contains(b));
    let mut out: Vec<u8> = Vec::with_capacity(sounds.len());
    for (i, &b) in sounds.iter().enumerate() {
        if b == b'r' && i > 0 && vowel(sounds.get(i - 1)) && !vowel(sounds.get(i + 1)) {
            continue;
        }
        if out.last() != Some(&b) {
            out.push(b);
        }
    }
    out
}

/// A word's sounds and their consonant skeleton, and as other readings of English spelling
/// give them (sounds, skeleton), where they differ.
struct Romanized {
    sounds: Vec<u8>,
    skeleton: Vec<u8>,
    w_as_v: Option<(Vec<u8>, Vec<u8>)>,
    /// As kana and hangul write English: no `r` after a vowel, `v` as `b`.
    silent_r: Option<(Vec<u8>, Vec<u8>)>,
}

thread_local! {
    /// Words romanized so far, as abjad text or not: a term is compared with the same words
    /// again and again.
    static ROMANIZED: std::cell::RefCell<[std::collections::HashMap<String, std::rc::Rc<Romanized>>; 2]> =
        std::cell::RefCell::new([std::collections::HashMap::new(), std::collections::HashMap::new()]);
}

/// Entries the cache of romanized words holds before it starts afresh: memory stays bounded.
const ROMANIZED_CACHE: usize = 50_000;

/// A word's sounds (see [`sounds`]), romanized once per thread.
fn romanized(word: &str, abjad: bool) -> std::rc::Rc<Romanized> {
    ROMANIZED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let cache = &mut cache[usize::from(abjad)];
        if let Some(known) = cache.get(word) {
            return known.clone();
        }
        if cache.len() >= ROMANIZED_CACHE {
            cache.clear();
        }
        let ascii = any_ascii::any_ascii(word);
        let sounds = sounds(&ascii, abjad, false);
        // Another reading's (sounds, skeleton), where it differs.
        let reading = |other: Vec<u8>| {
            (other != sounds).then(|| {
                let consonants = skeleton(&other);
                (other, consonants)
            })
        };
        let made = std::rc::Rc::new(Romanized {
            skeleton: skeleton(&sounds),
            w_as_v: reading(
                sounds
                    .iter()
                    .map(|&b| if b == b'w' { b'f' } else { b })
                    .collect(),
            ),
            silent_r: reading(without_silent_r(&self::sounds(&ascii, abjad, true))),
            sounds,
        });
        cache.insert(word.to_string(), made.clone());
        made
    })
}

/// Lower case ASCII letters, sounds that scripts write alike made one: `p` as `b`, `v` as `f`, `c`, `q`, `g`, `j` and `x` as `k`, `t` as `d`, `z` as `s`, `l` as `r` (Japanese
/// and Korean have one of them); digraphs (`ph`, `gh`, `kh`, `th`, `sh`) as one sound; doubled
/// letters once. In an abjad, `w` and `y` are the long vowels `u` and `i`; elsewhere `w` is a
/// glide that the skeleton leaves out with the vowels (`ウェ` for `we`).
fn sounds(romanized: &str, abjad: bool, v_as_b: bool) -> Vec<u8> {
    let lower: Vec<u8> = romanized
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut out: Vec<u8> = Vec::with_capacity(lower.len());
    let mut i = 0;
    while i < lower.len() {
        let (letter, used) = match (lower[i], lower.get(i + 1).copied()) {
            (b'p', Some(b'h')) => (b'f', 2),
            // English `c` before `e`, `i`, `y` is an `s` (`space`, `city`).
            (b'c', Some(b'e' | b'i' | b'y')) => (b's', 1),
            (b'c', Some(b'k')) => (b'k', 2),
            (b'g' | b'k' | b't' | b'd' | b'b' | b's', Some(b'h')) => (lower[i], 2),
            (b'w', _) if abjad => (b'u', 1),
            (b'y', _) if abjad => (b'i', 1),
            (b, _) => (b, 1),
        };
        let sound = match letter {
            b'p' => b'b',
            b'v' if v_as_b => b'b',
            b'v' => b'f',
            b'c' | b'q' | b'g' | b'j' | b'x' => b'k',
            b't' => b'd',
            b'z' => b's',
            b'l' => b'r',
            b'h' if abjad => b'a',
            b => b,
        };
        if out.last() != Some(&sound) {
            out.push(sound);
        }
        i += used;
    }
    out
}

fn skeleton(sounds: &[u8]) -> Vec<u8> {
    sounds
        .iter()
        .copied()
        .filter(|b| !b"aeiouyhw".contains(b))
        .collect()
}

fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, &y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_other_scripts() {
        for word in ["गुरु", "غورو", "جورو", "Гуру", "グル", "구루", "گورو"]
        {
            assert!(is_transliteration("Guru", word), "{word}");
        }
        for word in ["प्रोडक्ट", "プロダクト", "продукт", "پروڈکٹ"]
        {
            assert!(is_transliteration("product", word), "{word}");
        }
        assert!(is_transliteration("Kubernetes", "Кубернетес"));
        assert!(is_transliteration("Corvina", "كورفينا"));
        assert!(is_transliteration("Tidewell", "タイドウェル"));
        for word in ["ワークスペース", "워크스페이스", "वर्कस्पेस", "воркспейс"]
        {
            assert!(is_transliteration("workspace", word), "{word}");
        }
        for word in ["サーバー", "서버", "सर्वर", "сервер"] {
            assert!(is_transliteration("server", word), "{word}");
        }
    }

    #[test]
    fn other_words_are_not() {
        for word in ["घर", "उत्पाद", "غرفة", "группа", "グループ", "Guru"]
        {
            assert!(!is_transliteration("Guru", word), "{word}");
        }
        assert!(!is_transliteration("product", "उत्पाद"));
        assert!(!is_transliteration("product", "منتج"));
        assert!(!is_transliteration("product", "بالتأكيد"));
        assert!(!is_transliteration("change", "成"));
    }
}
