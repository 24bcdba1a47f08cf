use std::collections::HashSet;

use crate::document::{ascii_digit, Block, Number};
use crate::finding::{Finding, Severity};

use super::{Context, Rule, RuleInfo};

pub struct NumberMismatch;

static INFO: RuleInfo = RuleInfo {
    id: "number-mismatch",
    default_severity: Severity::Error,
    summary: "A number or version of the source changed or missing in its translation",
    needs_source: true,
    docs: r#"## What it finds

A number of a source block that its translation changed or lost: "3 replicas" where the
translation still says 2, a limit of 1,000 requests given as 100, a version `1.6` that the
translation gives as `1.4`. Numbers are compared by value, in every script and every locale's
way of writing them:

- digits of every script: `٣`, `۳`, `३`, `৩`, `๓` and full-width `３` are `3`;
- grouping and decimal separators: `1,000`, `1.000`, `1 000` (with a no-break or thin space)
  and `١٬٠٠٠` are one number, as are `3.5` and `3,5`;
- a percent sign before or after (`50%`, `50 %`, `%50`, `٥٠٪`), and a unit glued to the number
  or translated (`250MB` and `250 ميغابايت`);
- numbers glued to CJK or Korean text (`5分`, `5분`).

Versions and numbers in the attributes of HTML and JSX tags are compared too, in blocks of any
kind: `<Since v="4.1.0" />` where the translation still has `<Since v="3.0.0" />` is a version
left behind. Other attributes are `placeholder-mismatch`'s.

Otherwise only prose is compared: code, URLs, file names and link targets are other rules'
concern. Only
blocks the aligner paired with confidence are compared; a duplicated copy and language menus
are not.

Not reported:
- a number of one digit the translation does not give as digits: languages and style guides
  write small numbers out in words (`three`, `trois`);
- a number the translation has anywhere in the block, or in the block on either side: word
  order changes, sentences move across a split;
- a number scaled by a word (`3 million`, `500-600 thousand`, `300万`, `30만`, `6割`, `4分の1`,
  `١٥٠ ألف`, `150 тыс.`, `1.5 लाख`; a whole word, so `500 milisegundos` is no `mil`):
  languages scale by different powers, so a block whose translation scales its numbers is not
  compared digit for digit;
- a time of day written otherwise (`0600` and `6時`), a list written with commas (`sections 2,3
  and 4` and `2、3、4`), a number inside a compound (`catch-22`, `COVID-19`), zero;
- numbers the translation adds (an ordinal, a year written out).

A changed number is reported at the translation's number, naming the source's; a lost one at
the start of the translated block.

## Why it matters

A changed number is a wrong instruction that reads perfectly: a reader of the translation sizes a
cluster, sets a timeout or installs a version that the source no longer gives. Most often the
source was updated and the translation was not.

## Example

```text
source:      Run at least 3 replicas of the gateway, each with 512 MB of memory.
translation: Exécutez au moins 2 réplicas de la passerelle, chacun avec 512 Mo de mémoire.
```

`2` is reported: the source has `3` there.

## How to fix

Give the source's number, or update the sentence from the current source if it changed.
"#,
};

impl Rule for NumberMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else {
            return;
        };
        // A changed number is what may have made the aligner unsure of a pair: pairs in place
        // are compared too.
        for (s, t) in ctx.pairs_in_place() {
            let (sb, tb) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            if !sb.kind.is_prose() || sb.kind != tb.kind {
                continue;
            }
            // A number may move to the block beside in a split or reordered sentence.
            let beside = ctx.blocks_beside(t);
            compare(sb, tb, &beside, findings);
        }
        // Versions and numbers in the attributes of HTML and JSX tags (`<Since v="4.1.0" />`),
        // in blocks of any kind.
        for changed in ctx.changed_attributes() {
            let (sb, tb) = (
                &source.document.blocks[changed.source_block],
                &ctx.document.blocks[changed.target_block],
            );
            let (wanted, value) = (&changed.source.value, &changed.target.value);
            // A lost attribute is placeholder-mismatch's.
            if !changed.source.has_digits() || changed.missing {
                continue;
            }
            let what = if is_version(wanted) || is_version(value) {
                "version"
            } else {
                "number"
            };
            findings.push(
                Finding::new(
                    &INFO,
                    tb.file_range(changed.target.range.clone()),
                    format!(
                        "{what} `{value}` in `<{} {}>` where the source has `{wanted}`",
                        changed.tag, changed.source.name
                    ),
                )
                .source(sb.file_range(changed.source.range.clone()))
                .fix(format!("give the source's `{wanted}`")),
            );
        }
    }
}

/// A value without leading zeros: `05` of a date is `5`.
fn trimmed(value: &str) -> &str {
    let trimmed = value.trim_start_matches('0');
    if trimmed.is_empty() {
        "0"
    } else {
        trimmed
    }
}

fn value(number: &Number) -> &str {
    trimmed(&number.value)
}

/// Every value a block's text holds: its numbers, and each run of digits elsewhere in it, code,
/// links and ordinals included (`10` of `1/10th`, `3` of `v3`): a number found there was kept,
/// whatever the translation made of the words around it. The digits of a number are not split
/// (`2,500` holds no `2`).
fn values_in(block: &Block) -> HashSet<String> {
    let mut values: HashSet<String> = block.numbers.iter().map(|n| value(n).to_string()).collect();
    // `2,3` of "sections 2,3 and 4": a list, whose numbers are two (`2,500` is one).
    for number in &block.numbers {
        let text = &block.text[number.range.clone()];
        let groups: Vec<&str> = text.split([',', '、', '،']).collect();
        if groups.len() > 1 && groups[1..].iter().any(|g| g.chars().count() != 3) {
            for group in groups {
                let digits: String = group.chars().filter_map(ascii_digit).collect();
                if !digits.is_empty() {
                    values.insert(trimmed(&digits).to_string());
                }
            }
        }
    }
    let mut run = String::new();
    let mut numbers = block.numbers.iter().peekable();
    let chars = block
        .text
        .char_indices()
        .chain(std::iter::once((block.text.len(), ' ')));
    for (at, c) in chars {
        // Skip the numbers, whose values are in already.
        while numbers.peek().is_some_and(|n| n.range.end <= at) {
            numbers.next();
        }
        let c = match numbers.peek() {
            Some(n) if n.range.contains(&at) => ' ',
            _ => c,
        };
        match ascii_digit(c) {
            Some(d) => run.push(d),
            None if !run.is_empty() => {
                values.insert(trimmed(&run).to_string());
                run.clear();
            }
            None => {}
        }
    }
    values
}

/// Whether `number` of `block` stands in `values`: whole, or as the parts its separators join
/// (`2,3` of "sections 2,3 and 4" is two numbers).
fn stands_in(number: &Number, block: &Block, values: &HashSet<String>) -> bool {
    if values.contains(value(number)) {
        return true;
    }
    let text = &block.text[number.range.clone()];
    let parts: Vec<String> = text
        .split(|c: char| ascii_digit(c).is_none())
        .filter(|p| !p.is_empty())
        .map(|p| trimmed(&p.chars().filter_map(ascii_digit).collect::<String>()).to_string())
        .collect();
    if parts.len() > 1 && parts.iter().all(|p| values.contains(p)) {
        return true;
    }
    // `0600` of a time of day, written `6時` or `06:00`: its hour.
    let hhmm = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
    hhmm && text[2..] < *"60" && text[..2] < *"24" && values.contains(trimmed(&text[..2]))
}

/// A number scaled by a word after it: `3 million`, `300万`, `30만`, `2 lakh`, `6割`, `4分の1`. Languages scale
/// by different powers (a Japanese `万` is ten thousand), so its digits are not compared.
fn is_scaled(block: &Block, number: &Number) -> bool {
    let mut after = block.text[number.range.end..].trim_start();
    // The first number of a range: `500-600 thousand`, `50〜60万`.
    if let Some(rest) = after.strip_prefix(['-', '–', '~', '〜', '～']) {
        let rest = rest.trim_start();
        let digits = rest
            .find(|c: char| !(ascii_digit(c).is_some() || c == ',' || c == '.'))
            .unwrap_or(rest.len());
        if digits > 0 {
            after = rest[digits..].trim_start();
        }
    }
    // Written in ideographs or hangul, a scale is glued to what follows (`万人`); in words, it
    // is a whole word (`mil`, not `milliseconds`).
    const GLUED: &[&str] = &[
        "万",
        "萬",
        "億",
        "亿",
        "千",
        "百",
        "兆",
        "만",
        "억",
        "천",
        "백",
        "조",
        "割",
        "分の",
        "分之",
        "พัน",
        "หมื่น",
        "แสน",
        "ล้าน",
    ];
    GLUED.iter().any(|scale| after.starts_with(scale))
        || SCALE_WORDS.iter().any(|scale| {
            after.get(..scale.len()).is_some_and(|head| {
                head.to_lowercase() == *scale
                    && !after[scale.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic)
            })
        })
}

/// Words that scale the number before them, in the languages loclint reads (lower case, whole
/// words, abbreviations without their period).
const SCALE_WORDS: &[&str] = &[
    // English
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "lakh",
    "lakhs",
    "crore",
    "crores",
    // German, Dutch
    "hundert",
    "tausend",
    "tsd",
    "mio",
    "million",
    "millionen",
    "mrd",
    "milliarde",
    "milliarden",
    "duizend",
    "miljoen",
    "miljard",
    // French, Spanish, Portuguese, Italian
    "mille",
    "millions",
    "milliard",
    "milliards",
    "mil",
    "miles",
    "millón",
    "millones",
    "milhão",
    "milhões",
    "bilhão",
    "bilhões",
    "milione",
    "milioni",
    "miliardo",
    "miliardi",
    // Russian, Ukrainian, Polish
    "тыс",
    "тысяч",
    "тысячи",
    "тысяча",
    "млн",
    "миллион",
    "миллиона",
    "миллионов",
    "млрд",
    "миллиард",
    "миллиарда",
    "миллиардов",
    "тис",
    "тисяч",
    "тисячі",
    "мільйон",
    "мільйони",
    "мільйонів",
    "мільярд",
    "мільярди",
    "мільярдів",
    "tys",
    "tysiąc",
    "tysiące",
    "tysięcy",
    "mln",
    "mld",
    "milion",
    "miliony",
    "milionów",
    // Arabic, Persian, Hebrew
    "ألف",
    "الف",
    "آلاف",
    "مليون",
    "ملايين",
    "مليار",
    "مليارات",
    "هزار",
    "میلیون",
    "میلیارد",
    "אלף",
    "מיליון",
    // Hindi
    "हज़ार",
    "हजार",
    "लाख",
    "करोड़",
    "करोड़",
    "अरब",
    // Turkish, Indonesian, Vietnamese
    "bin",
    "milyon",
    "milyar",
    "ribu",
    "juta",
    "miliar",
    "nghìn",
    "ngàn",
    "triệu",
    "tỷ",
];

/// A number glued by a hyphen to a word (`catch-22`, `COVID-19`): part of a name or an idiom,
/// which a translation may render otherwise.
fn in_compound(block: &Block, number: &Number) -> bool {
    block.text[..number.range.start]
        .strip_suffix('-')
        .and_then(|before| before.chars().next_back())
        .is_some_and(char::is_alphabetic)
}

fn compare(source: &Block, target: &Block, beside: &[&Block], findings: &mut Vec<Finding>) {
    if source.numbers.is_empty() {
        return;
    }
    let mut in_target = values_in(target);
    for block in beside {
        in_target.extend(values_in(block));
    }
    // The source's numbers the translation lacks, and the translation's the source lacks, in
    // the order they stand: the nth of each is taken as the same number, changed.
    let lost: Vec<&Number> = source
        .numbers
        .iter()
        .filter(|n| {
            value(n) != "0"
                && !stands_in(n, source, &in_target)
                && !is_scaled(source, n)
                && !in_compound(source, n)
        })
        .collect();
    if lost.is_empty() {
        return;
    }
    // A translation that scales its numbers otherwise (`30万` for `300,000`, `6割` for `6 in
    // 10`) cannot be compared digit for digit.
    if target.numbers.iter().any(|n| is_scaled(target, n)) {
        return;
    }
    let in_source = values_in(source);
    let added: Vec<&Number> = target
        .numbers
        .iter()
        .filter(|n| !stands_in(n, target, &in_source))
        .collect();
    for (i, number) in lost.iter().enumerate() {
        let source_text = &source.text[number.range.clone()];
        match added.get(i) {
            Some(instead) => {
                let target_text = &target.text[instead.range.clone()];
                let what = if is_version(source_text) || is_version(target_text) {
                    "version"
                } else {
                    "number"
                };
                findings.push(
                    Finding::new(
                        &INFO,
                        target.file_range(instead.range.clone()),
                        format!("{what} `{target_text}` where the source has `{source_text}`"),
                    )
                    .source(source.file_range(number.range.clone()))
                    .fix(format!("give the source's `{source_text}`")),
                );
            }
            // One digit alone may be written out in words.
            None if number.value.len() > 1 || number.unit.is_some() => {
                findings.push(
                    Finding::new(
                        &INFO,
                        target.file_range(0..0),
                        format!("number `{source_text}` of the source is missing here"),
                    )
                    .source(source.file_range(number.range.clone()))
                    .fix(format!("give the source's `{source_text}` in this block")),
                );
            }
            None => {}
        }
    }
}

/// `1.6`, `v2`, `4.1.0`: a version rather than a quantity.
fn is_version(text: &str) -> bool {
    text.starts_with(['v', 'V']) || text.matches('.').count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::check_with_source;

    fn messages(locale: &str, text: &str, source: &str) -> Vec<String> {
        check_with_source(&NumberMismatch, locale, text, source)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    const EN: &str = "Scaling the gateway\n\nRun at least 3 replicas of the gateway, each with 512 MB of memory and a limit of 1,000 requests a second.\n\nUpgrade to version 1.6.2 before you scale past 10 nodes.\n";

    #[test]
    fn a_changed_number_and_version_are_reported_where_they_stand() {
        let fr = "Mettre la passerelle à l'échelle\n\nExécutez au moins 2 réplicas de la passerelle, chacun avec 512 Mo de mémoire et une limite de 1 000 requêtes par seconde.\n\nPassez à la version 1.4.0 avant de dépasser 10 nœuds.\n";
        let findings = check_with_source(&NumberMismatch, "fr", fr, EN);
        let texts: Vec<&str> = findings.iter().map(|f| &fr[f.range.clone()]).collect();
        assert_eq!(texts, ["2", "1.4.0"]);
        assert_eq!(
            findings
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>(),
            [
                "number `2` where the source has `3`",
                "version `1.4.0` where the source has `1.6.2`",
            ]
        );
        let source_text = &EN[findings[0].source.clone().unwrap()];
        assert_eq!(source_text, "3");
    }

    #[test]
    fn numbers_match_across_scripts_and_separators() {
        let ar = "توسيع البوابة\n\nشغّل ٣ نسخ على الأقل من البوابة، لكل منها ٥١٢ ميغابايت من الذاكرة وحد ١٬٠٠٠ طلب في الثانية.\n\nرقِّ إلى الإصدار 1.6.2 قبل التوسيع إلى أكثر من ١٠ عقد.\n";
        assert_eq!(messages("ar", ar, EN), Vec::<String>::new());
        let de = "Das Gateway skalieren\n\nFühren Sie mindestens 3 Replikate aus, jedes mit 512 MB Speicher und einem Limit von 1.000 Anfragen pro Sekunde.\n\nAktualisieren Sie auf Version 1.6.2, bevor Sie über 10 Knoten skalieren.\n";
        assert_eq!(messages("de", de, EN), Vec::<String>::new());
        let ja = "ゲートウェイのスケーリング\n\n各512MBのメモリと毎秒１０００リクエストの制限で、少なくとも3つのレプリカを実行します。\n\n10ノードを超える前にバージョン1.6.2に更新してください。\n";
        assert_eq!(messages("ja", ja, EN), Vec::<String>::new());
    }

    #[test]
    fn scaled_numbers_times_and_lists_are_not_compared_digit_for_digit() {
        let en = "Traffic\n\nThe gateway writes 500-600 thousand spans a second, about 3 million at peak.\n\nThe team meets at 0600 PT to review sections 2,3 and 4.\n";
        let ja = "トラフィック\n\nゲートウェイは毎秒50〜60万スパン、ピーク時には約300万スパンを書き込みます。\n\nチームは午前6時 (PT) に集まり、セクション 2、3、4 を確認します。\n";
        assert_eq!(messages("ja", ja, en), Vec::<String>::new());
        let changed = "トラフィック\n\nゲートウェイは毎秒50〜60万スパン、ピーク時には約300万スパンを書き込みます。\n\nチームは午前7時 (PT) に集まり、セクション 2、3、5 を確認します。\n";
        assert_eq!(
            messages("ja", changed, en),
            [
                "number `7` where the source has `0600`",
                "number `5` where the source has `4`"
            ]
        );
    }

    #[test]
    fn a_number_scaled_by_a_word_of_the_translation_is_not_compared() {
        let en = "Load\n\nEach node holds 150,000 connections for 500 milliseconds.\n";
        for (locale, text) in [
            (
                "ar",
                "الحمل\n\nتحتفظ كل عقدة بـ ١٥٠ ألف اتصال لمدة ٥٠٠ مللي ثانية.\n",
            ),
            (
                "fa",
                "بار\n\nهر گره ۱۵۰ هزار اتصال را به مدت ۵۰۰ میلی‌ثانیه نگه می‌دارد.\n",
            ),
            (
                "ru",
                "Нагрузка\n\nКаждый узел держит 150 тыс. соединений в течение 500 миллисекунд.\n",
            ),
            (
                "de",
                "Last\n\nJeder Knoten hält 150 Tausend Verbindungen für 500 Millisekunden.\n",
            ),
            ("hi", "लोड\n\nहर नोड १.५ लाख कनेक्शन ५०० मिलीसेकंड तक रखता है।\n"),
        ] {
            assert_eq!(messages(locale, text, en), Vec::<String>::new(), "{locale}");
        }
        // A word that begins like a scale is none: `milisegundos` is no `mil`.
        let es = "Carga\n\nCada nodo mantiene 150.000 conexiones durante 400 milisegundos.\n";
        assert_eq!(
            messages("es", es, en),
            ["number `400` where the source has `500`"]
        );
    }

    #[test]
    fn a_small_number_written_in_words_is_no_mismatch_but_a_lost_quantity_is() {
        let words = "Mettre la passerelle à l'échelle\n\nExécutez au moins trois réplicas de la passerelle, chacun avec 512 Mo de mémoire et une limite de 1 000 requêtes par seconde.\n\nPassez à la version 1.6.2 avant de dépasser 10 nœuds.\n";
        assert_eq!(messages("fr", words, EN), Vec::<String>::new());
        let lost = "Mettre la passerelle à l'échelle\n\nExécutez au moins 3 réplicas de la passerelle, chacun avec 512 Mo de mémoire et une limite de requêtes.\n\nPassez à la version 1.6.2 avant de dépasser 10 nœuds.\n";
        assert_eq!(
            messages("fr", lost, EN),
            ["number `1,000` of the source is missing here"]
        );
    }

    #[test]
    fn a_changed_count_in_a_short_sentence_is_found_though_it_left_the_pair_unsure() {
        // A short block whose only shared token was the number: the aligner pairs it by its
        // place alone, and the changed number is what to report.
        let en = "Getting started\n\nInstall the tool with the installer. It takes 5 minutes.\n\nThen run it again.\n";
        let ar = "البدء\n\nثبّت الأداة باستخدام المثبت. يستغرق ذلك 3 دقائق.\n\nثم شغّله مرة أخرى.\n";
        assert_eq!(
            messages("ar", ar, en),
            ["number `3` where the source has `5`"]
        );
    }
}
