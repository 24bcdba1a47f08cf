//! Writes a corpus of realistic article groups for benchmarks: an English Markdown page and
//! 1 to 10 translations of it in twelve locales and nine scripts, with a known share of
//! planted defects. The same arguments always write the same bytes.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --groups 1000 --out /tmp/corpus
//! cargo run --release --example gen-corpus -- --groups 8000 --blocks 6 --out /tmp/small
//! ```
//!
//! Writes `OUT/defects.tsv` (each planted defect: file, line, kind, the rule that should find
//! it) and, with `--po DIR`, each translation's aligned blocks as a PO file (msgid the source
//! block, msgstr its translation), so that other checkers can be timed on the same content.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};
use loclint::stable_hash::stable_hash;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Parser)]
#[command(about = "Writes a corpus of article groups with planted defects, for benchmarks")]
struct Args {
    /// Article groups to write.
    #[arg(long, default_value_t = 1000)]
    groups: usize,
    /// The folder to write into (created; must be empty or absent).
    #[arg(long)]
    out: PathBuf,
    /// Average blocks a page (headings, paragraphs, lists, code, images, tables).
    #[arg(long, default_value_t = 24)]
    blocks: usize,
    /// Most translations a group has (each has 1 to this many).
    #[arg(long, default_value_t = 10)]
    max_translations: usize,
    /// Share of translations given one or two planted defects.
    #[arg(long, default_value_t = 0.3)]
    defect_rate: f64,
    /// Where the files go: `siblings` (`s03/slug/en.md` beside `s03/slug/ja.md`) or `folders`
    /// (`en/s03/slug.md` beside `ja/s03/slug.md`).
    #[arg(long, value_enum, default_value_t = LayoutKind::Siblings)]
    layout: LayoutKind,
    /// Also write each translation's aligned blocks as PO files under this folder.
    #[arg(long)]
    po: Option<PathBuf>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum LayoutKind {
    Siblings,
    Folders,
}

/// How a locale writes: its word maker, whether words are spaced, its sentence end and comma,
/// its digits (when it writes its own, sometimes), and its quotation marks.
struct Locale {
    code: &'static str,
    script: Script,
    spaced: bool,
    full_stop: &'static str,
    comma: &'static str,
    digits: Option<[char; 10]>,
    quotes: (&'static str, &'static str),
}

#[derive(Clone, Copy)]
enum Script {
    Latin(&'static [&'static str]),
    Cyrillic,
    Greek,
    Arabic,
    Devanagari,
    Thai,
    Hangul,
    Han,
    Japanese,
}

const LOCALES: &[Locale] = &[
    Locale {
        code: "de",
        script: Script::Latin(&[
            "ver", "ung", "ein", "sch", "ge", "lich", "keit", "ber", "stä", "ände", "ie", "rung",
            "wer", "den", "über", "mö", "gen",
        ]),
        spaced: true,
        full_stop: ".",
        comma: ",",
        digits: None,
        quotes: ("„", "“"),
    },
    Locale {
        code: "fr",
        script: Script::Latin(&[
            "que", "ment", "té", "les", "ré", "con", "tion", "é", "par", "è", "dé", "vous", "ais",
            "ç", "eau", "ou",
        ]),
        spaced: true,
        full_stop: ".",
        comma: ",",
        digits: None,
        quotes: ("« ", " »"),
    },
    Locale {
        code: "es",
        script: Script::Latin(&[
            "ción", "par", "es", "ue", "ñ", "do", "ra", "ía", "que", "los", "tar", "mi", "en", "á",
            "co", "ble",
        ]),
        spaced: true,
        full_stop: ".",
        comma: ",",
        digits: None,
        quotes: ("«", "»"),
    },
    Locale {
        code: "ru",
        script: Script::Cyrillic,
        spaced: true,
        full_stop: ".",
        comma: ",",
        digits: None,
        quotes: ("«", "»"),
    },
    Locale {
        code: "el",
        script: Script::Greek,
        spaced: true,
        full_stop: ".",
        comma: ",",
        digits: None,
        quotes: ("«", "»"),
    },
    Locale {
        code: "ar",
        script: Script::Arabic,
        spaced: true,
        full_stop: ".",
        comma: "،",
        digits: Some(['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩']),
        quotes: ("«", "»"),
    },
    Locale {
        code: "hi",
        script: Script::Devanagari,
        spaced: true,
        full_stop: "।",
        comma: ",",
        digits: Some(['०', '१', '२', '३', '४', '५', '६', '७', '८', '९']),
        quotes: ("“", "”"),
    },
    Locale {
        code: "th",
        script: Script::Thai,
        spaced: false,
        full_stop: " ",
        comma: " ",
        digits: None,
        quotes: ("“", "”"),
    },
    Locale {
        code: "ko",
        script: Script::Hangul,
        spaced: true,
        full_stop: ".",
        comma: ",",
        digits: None,
        quotes: ("“", "”"),
    },
    Locale {
        code: "zh-CN",
        script: Script::Han,
        spaced: false,
        full_stop: "。",
        comma: "，",
        digits: None,
        quotes: ("“", "”"),
    },
    Locale {
        code: "ja",
        script: Script::Japanese,
        spaced: false,
        full_stop: "。",
        comma: "、",
        digits: None,
        quotes: ("「", "」"),
    },
    Locale {
        code: "pt-BR",
        script: Script::Latin(&[
            "ção", "ões", "par", "que", "men", "te", "ão", "da", "é", "ra", "con", "ver", "lh",
            "ir", "os",
        ]),
        spaced: true,
        full_stop: ".",
        comma: ",",
        digits: None,
        quotes: ("“", "”"),
    },
];

const ENGLISH: &[&str] = &[
    "the",
    "a",
    "to",
    "of",
    "and",
    "in",
    "for",
    "with",
    "your",
    "you",
    "can",
    "is",
    "each",
    "when",
    "that",
    "this",
    "team",
    "project",
    "board",
    "setting",
    "page",
    "account",
    "file",
    "folder",
    "message",
    "update",
    "version",
    "server",
    "request",
    "change",
    "review",
    "share",
    "open",
    "select",
    "create",
    "delete",
    "rename",
    "invite",
    "member",
    "workspace",
    "notice",
    "quickly",
    "before",
    "after",
    "every",
    "new",
    "old",
    "first",
    "next",
    "list",
    "view",
    "export",
    "import",
    "report",
    "screen",
    "menu",
    "button",
    "option",
    "field",
    "value",
    "default",
    "custom",
    "shared",
    "private",
    "public",
    "history",
    "task",
    "comment",
    "reminder",
    "calendar",
    "schedule",
    "limit",
    "storage",
    "backup",
    "restore",
    "connect",
    "device",
    "browser",
    "download",
    "install",
    "language",
    "search",
    "filter",
    "sort",
    "label",
    "status",
    "owner",
    "role",
    "permission",
    "secure",
    "sign",
    "password",
    "token",
    "key",
    "network",
    "proxy",
    "timeout",
    "retry",
    "cache",
    "log",
    "error",
    "warning",
    "help",
];
const BRANDS: &[&str] = &[
    "Tasklane",
    "Callbox",
    "Notely",
    "GitHub",
    "Kubernetes",
    "Slack",
];
const OPTIONS: &[&str] = &[
    "--force",
    "--dry-run",
    "--timeout=30s",
    "--verbose",
    "-n",
    "--output json",
    "--all",
];
const COMMANDS: &[&str] = &[
    "tasklane sync",
    "notely export",
    "callbox join",
    "kubectl apply",
];
const UNITS: &[&str] = &[
    "minutes", "members", "files", "MB", "days", "replicas", "seconds",
];

/// One piece of a block's text. Words are translated; everything else survives as it is.
#[derive(Clone)]
enum Piece {
    Word(&'static str),
    Brand(&'static str),
    Code(String),
    Number(u32),
    Link(Vec<&'static str>, String),
    Paren(Vec<&'static str>),
    Quoted(Vec<&'static str>),
    Stop,
    Comma,
}

#[derive(Clone)]
enum Block {
    Heading(usize, Vec<Piece>),
    Paragraph(Vec<Piece>),
    List(Vec<Vec<Piece>>),
    Code(String, Vec<&'static str>),
    Image(Vec<&'static str>, String),
    Table(Vec<[Vec<Piece>; 2]>),
}

#[derive(Clone)]
struct Page {
    slug: String,
    date: String,
    title: Vec<Piece>,
    description: Vec<Piece>,
    blocks: Vec<Block>,
}

/// A defect planted in a translation, written to `defects.tsv`.
#[derive(Clone, Copy, PartialEq)]
enum Defect {
    MissingBlock,
    BodyTwice,
    Untranslated,
    ChangedNumber,
    ChangedLink,
    ChangedOption,
    ZeroWidthSpace,
    RepeatedWord,
    UnclosedParen,
}

impl Defect {
    const ALL: [Defect; 9] = [
        Defect::MissingBlock,
        Defect::BodyTwice,
        Defect::Untranslated,
        Defect::ChangedNumber,
        Defect::ChangedLink,
        Defect::ChangedOption,
        Defect::ZeroWidthSpace,
        Defect::RepeatedWord,
        Defect::UnclosedParen,
    ];

    fn name_and_rule(self) -> (&'static str, &'static str) {
        match self {
            Defect::MissingBlock => ("missing block", "structure-mismatch"),
            Defect::BodyTwice => ("body pasted twice", "duplicate-section"),
            Defect::Untranslated => ("paragraph left in English", "untranslated-text"),
            Defect::ChangedNumber => ("changed number", "number-mismatch"),
            Defect::ChangedLink => ("changed link target", "link-mismatch"),
            Defect::ChangedOption => ("changed option", "code-mismatch"),
            Defect::ZeroWidthSpace => ("zero-width space in a word", "invisible-character"),
            Defect::RepeatedWord => ("word repeated", "repeated-word"),
            Defect::UnclosedParen => ("parenthesis never closed", "unbalanced-pair"),
        }
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    if args.out.exists() && fs::read_dir(&args.out)?.next().is_some() {
        anyhow::bail!("{} is not empty; give a new folder", args.out.display());
    }
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut defects = String::from("file\tline\tdefect\trule\n");
    let mut words = Lexicon::default();
    let (mut files, mut bytes) = (0usize, 0usize);
    for group in 0..args.groups {
        let page = english_page(&mut rng, group, args.blocks.max(1));
        let section = format!("s{:02}", group / 200);
        let path_of = |locale: &str| match args.layout {
            LayoutKind::Siblings => args
                .out
                .join(&section)
                .join(&page.slug)
                .join(format!("{locale}.md")),
            LayoutKind::Folders => args
                .out
                .join(locale)
                .join(&section)
                .join(format!("{}.md", page.slug)),
        };
        let source = render(&page, &mut English);
        write(&path_of("en"), &source.text)?;
        files += 1;
        bytes += source.text.len();
        let count = rng.random_range(1..=args.max_translations.clamp(1, LOCALES.len()));
        let mut locales: Vec<&Locale> = LOCALES.iter().collect();
        locales.shuffle(&mut rng);
        for locale in locales.into_iter().take(count) {
            let mut translated = Translation {
                locale,
                words: &mut words,
                untranslated: None,
            };
            let mut page = page.clone();
            let mut planted = Vec::new();
            if rng.random_bool(args.defect_rate) {
                for _ in 0..rng.random_range(1..=2) {
                    let defect = *Defect::ALL
                        .choose(&mut rng)
                        .unwrap_or(&Defect::MissingBlock);
                    let taken: Vec<usize> = planted.iter().map(|&(_, b)| b).collect();
                    let planting = plant(&mut rng, &mut page, defect, &mut translated, &taken);
                    if let Some(block) = planting {
                        planted.push((defect, block));
                    }
                }
            }
            let mut rendered = render(&page, &mut translated);
            if planted.iter().any(|(d, _)| *d == Defect::BodyTwice) {
                let body = rendered.text[rendered.body_start..].to_string();
                rendered.text.push('\n');
                rendered.text.push_str(&body);
            }
            let path = path_of(locale.code);
            for (defect, block) in &planted {
                let (name, rule) = defect.name_and_rule();
                let line = match defect {
                    Defect::BodyTwice => rendered.body_line + rendered.body_lines + 1,
                    Defect::MissingBlock => source.lines.get(*block).copied().unwrap_or(0),
                    _ => rendered.lines.get(*block).copied().unwrap_or(0),
                };
                let shown = path.strip_prefix(&args.out).unwrap_or(&path).display();
                writeln!(defects, "{shown}\t{line}\t{name}\t{rule}")?;
            }
            write(&path, &rendered.text)?;
            files += 1;
            bytes += rendered.text.len();
            if let Some(po) = &args.po {
                let relative = path.strip_prefix(&args.out).unwrap_or(&path);
                write(
                    &po.join(relative).with_extension("po"),
                    &po_file(&source, &rendered, locale.code),
                )?;
            }
        }
    }
    write(&args.out.join("defects.tsv"), &defects)?;
    eprintln!(
        "wrote {files} files ({:.1} MB) in {} groups to {}",
        bytes as f64 / 1e6,
        args.groups,
        args.out.display()
    );
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// Random words, never the same twice in a row (a repeated word is a planted defect).
fn words(rng: &mut ChaCha8Rng, range: std::ops::RangeInclusive<usize>) -> Vec<&'static str> {
    let n = rng.random_range(range);
    let mut words: Vec<&'static str> = Vec::with_capacity(n);
    while words.len() < n {
        let word = *ENGLISH.choose(rng).unwrap_or(&"the");
        if words.last() != Some(&word) {
            words.push(word);
        }
    }
    words
}

/// A sentence of 6 to 18 words with, now and then, a brand, a code span, a number, a link or
/// a parenthesis among them.
fn sentence(rng: &mut ChaCha8Rng, pieces: &mut Vec<Piece>) {
    let n = rng.random_range(6..=18);
    let sentence = words(rng, n..=n);
    // Words of a link, a parenthesis or a quotation, none the same as the words around it.
    let around = |rng: &mut ChaCha8Rng, i: usize, range: std::ops::RangeInclusive<usize>| loop {
        let inner = words(rng, range.clone());
        if inner.first() != sentence.get(i) && inner.last() != sentence.get(i + 1) {
            break inner;
        }
    };
    for (i, &word) in sentence.iter().enumerate() {
        pieces.push(Piece::Word(word));
        if i == n / 2 && rng.random_bool(0.2) {
            pieces.push(Piece::Comma);
        }
        match rng.random_range(0..40) {
            0 => pieces.push(Piece::Brand(BRANDS.choose(rng).unwrap_or(&"Tasklane"))),
            1 => pieces.push(Piece::Code(
                OPTIONS.choose(rng).unwrap_or(&"-n").to_string(),
            )),
            2 => {
                pieces.push(Piece::Number(rng.random_range(2..2000)));
                pieces.push(Piece::Word(UNITS.choose(rng).unwrap_or(&"days")));
            }
            3 => {
                let text = around(rng, i, 1..=3);
                let url = format!(
                    "https://docs.example.com/en/{}/{}",
                    ENGLISH.choose(rng).unwrap_or(&"help"),
                    rng.random_range(1..100)
                );
                pieces.push(Piece::Link(text, url));
            }
            4 => pieces.push(Piece::Paren(around(rng, i, 2..=4))),
            5 => pieces.push(Piece::Quoted(around(rng, i, 1..=3))),
            _ => {}
        }
    }
    pieces.push(Piece::Stop);
}

fn prose(rng: &mut ChaCha8Rng, sentences: std::ops::RangeInclusive<usize>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for _ in 0..rng.random_range(sentences) {
        sentence(rng, &mut pieces);
    }
    pieces
}

fn title(rng: &mut ChaCha8Rng) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = words(rng, 3..=6).into_iter().map(Piece::Word).collect();
    if rng.random_bool(0.3) {
        pieces.insert(0, Piece::Brand(BRANDS.choose(rng).unwrap_or(&"Notely")));
    }
    pieces
}

fn english_page(rng: &mut ChaCha8Rng, group: usize, blocks: usize) -> Page {
    let slug = format!(
        "{}-{}-{group}",
        ENGLISH[group % ENGLISH.len()],
        words(rng, 1..=1)[0]
    );
    let count = rng.random_range(blocks.div_ceil(2)..=blocks + blocks / 2);
    let mut page = Page {
        slug,
        date: format!(
            "2026-{:02}-{:02}",
            rng.random_range(1..=12),
            rng.random_range(1..=28)
        ),
        title: title(rng),
        description: prose(rng, 1..=1),
        blocks: Vec::with_capacity(count),
    };
    for i in 0..count {
        let block = match rng.random_range(0..20) {
            _ if i > 0 && i % 6 == 0 => Block::Heading(2, title(rng)),
            0..=9 => Block::Paragraph(prose(rng, 1..=4)),
            10..=12 => Block::List(
                (0..rng.random_range(2..=5))
                    .map(|_| prose(rng, 1..=1))
                    .collect(),
            ),
            13..=14 => {
                let command = COMMANDS.choose(rng).unwrap_or(&"notely export");
                let option = OPTIONS.choose(rng).unwrap_or(&"--all");
                Block::Code(format!("{command} {option}"), words(rng, 5..=5))
            }
            15 => Block::Image(
                words(rng, 4..=4),
                format!("images/{}-{i}.png", ENGLISH.choose(rng).unwrap_or(&"view")),
            ),
            16 => Block::Table(
                (0..rng.random_range(2..=4))
                    .map(|_| [title(rng), prose(rng, 1..=1)])
                    .collect(),
            ),
            _ => Block::Heading(3, title(rng)),
        };
        page.blocks.push(block);
    }
    page
}

/// Makes the change a defect needs in the page about to be translated; answers the block it
/// is in (the one removed, for a missing block).
fn plant(
    rng: &mut ChaCha8Rng,
    page: &mut Page,
    defect: Defect,
    translation: &mut Translation,
    taken: &[usize],
) -> Option<usize> {
    // One defect a block: two would hide each other.
    let paragraphs: Vec<usize> = (0..page.blocks.len())
        .filter(|i| !taken.contains(i))
        .filter(|&i| matches!(&page.blocks[i], Block::Paragraph(p) if !p.is_empty()))
        .collect();
    let at = *paragraphs.choose(rng)?;
    let Block::Paragraph(pieces) = &mut page.blocks[at] else {
        return None;
    };
    match defect {
        Defect::MissingBlock => {
            page.blocks[at] = Block::Paragraph(Vec::new());
        }
        Defect::BodyTwice => {}
        Defect::Untranslated => translation.untranslated = Some(at),
        Defect::ChangedNumber => {
            let n = pieces.iter_mut().find_map(|p| match p {
                Piece::Number(n) => Some(n),
                _ => None,
            });
            match n {
                Some(n) => *n += 1,
                None => return None,
            }
        }
        Defect::ChangedLink => {
            let url = pieces.iter_mut().find_map(|p| match p {
                Piece::Link(_, url) => Some(url),
                _ => None,
            })?;
            url.push_str("-old");
        }
        Defect::ChangedOption => {
            let code = pieces.iter_mut().find_map(|p| match p {
                Piece::Code(code) => Some(code),
                _ => None,
            })?;
            code.insert(code.len().min(3), 'x');
        }
        // Thai separates words with zero-width spaces.
        Defect::ZeroWidthSpace if translation.locale.code == "th" => return None,
        Defect::ZeroWidthSpace => pieces.insert(1, Piece::Code("\u{200B}".into())),
        // Scripts written without spaces double words in their grammar; no checker can tell.
        // Hindi reduplicates words in its grammar too (`धीरे धीरे`).
        Defect::RepeatedWord if !translation.locale.spaced || translation.locale.code == "hi" => {
            return None
        }
        Defect::RepeatedWord => {
            let i = pieces.iter().position(|p| matches!(p, Piece::Word(_)))?;
            let word = pieces[i].clone();
            pieces.insert(i, word);
        }
        Defect::UnclosedParen => pieces.insert(1, Piece::Code("(".into())),
    }
    Some(at)
}

/// Invented words for each (English word, locale), the same every time, and no two English
/// words given the same one (that would make repeated words no one planted).
#[derive(Default)]
struct Lexicon {
    words: HashMap<(&'static str, &'static str), String>,
    taken: HashSet<(&'static str, String)>,
}

impl Lexicon {
    fn word(&mut self, english: &'static str, locale: &Locale) -> &str {
        let key = (english, locale.code);
        if !self.words.contains_key(&key) {
            let mut attempt = 0;
            let word = loop {
                let word = invent(english, locale, attempt);
                if self.taken.insert((locale.code, word.clone())) {
                    break word;
                }
                attempt += 1;
            };
            self.words.insert(key, word);
        }
        &self.words[&key]
    }
}

fn invent(english: &str, locale: &Locale, attempt: u32) -> String {
    let attempt = attempt.to_le_bytes();
    let seed = stable_hash([english.as_bytes(), locale.code.as_bytes(), &attempt]);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let syllables = rng.random_range(2..=3) + usize::from(english.len() > 6);
    let mut word = String::new();
    let pick = |rng: &mut ChaCha8Rng, range: std::ops::RangeInclusive<u32>| {
        char::from_u32(rng.random_range(range)).unwrap_or('a')
    };
    for _ in 0..syllables {
        match locale.script {
            Script::Latin(parts) => word.push_str(parts.choose(&mut rng).unwrap_or(&"a")),
            Script::Cyrillic => {
                word.push(pick(&mut rng, 0x0431..=0x0449));
                word.push(
                    *['а', 'о', 'е', 'и', 'у', 'я']
                        .choose(&mut rng)
                        .unwrap_or(&'а'),
                );
            }
            Script::Greek => {
                word.push(pick(&mut rng, 0x03B2..=0x03C9));
                word.push(
                    *['α', 'ο', 'ε', 'ι', 'ά', 'ή']
                        .choose(&mut rng)
                        .unwrap_or(&'α'),
                );
            }
            Script::Arabic => {
                word.push(pick(&mut rng, 0x0628..=0x063A));
                word.push(*['ا', 'و', 'ي', 'م', 'ن'].choose(&mut rng).unwrap_or(&'ا'));
            }
            Script::Devanagari => {
                word.push(pick(&mut rng, 0x0915..=0x0939));
                word.push(
                    *['ा', 'ि', 'ी', 'ु', 'े', 'ो', 'ं']
                        .choose(&mut rng)
                        .unwrap_or(&'ा'),
                );
            }
            Script::Thai => {
                word.push(pick(&mut rng, 0x0E01..=0x0E2E));
                word.push(*['า', 'ี', 'ู', 'ั', 'ิ'].choose(&mut rng).unwrap_or(&'า'));
            }
            Script::Hangul => word.push(pick(&mut rng, 0xAC00..=0xD7A3)),
            Script::Han => word.push(pick(&mut rng, 0x4E00..=0x62FF)),
            Script::Japanese => {
                if english.len() > 6 {
                    word.push(pick(&mut rng, 0x30A2..=0x30F3));
                } else {
                    word.push(pick(&mut rng, 0x4E00..=0x62FF));
                }
            }
        }
    }
    if matches!(locale.script, Script::Hangul) && rng.random_bool(0.4) {
        word.push(*['은', '를', '이', '에'].choose(&mut rng).unwrap_or(&'은'));
    }
    if matches!(locale.script, Script::Japanese) && rng.random_bool(0.4) {
        word.push(*['の', 'を', 'に', 'は'].choose(&mut rng).unwrap_or(&'の'));
    }
    word
}

/// How a page is written: in English, or as one locale's translation.
trait Writer {
    fn word(&mut self, word: &'static str, first: bool) -> String;
    fn spaced(&self) -> bool;
    fn stop(&self) -> &str;
    fn comma(&self) -> &str;
    fn number(&self, n: u32) -> String;
    fn link(&self, url: &str) -> String;
    fn quotes(&self) -> (&str, &str);
    /// Whether the block at this index is written in English whatever the writer.
    fn in_english(&self, _block: usize) -> bool {
        false
    }
}

struct English;

impl Writer for English {
    fn word(&mut self, word: &'static str, first: bool) -> String {
        if first {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            word.to_string()
        }
    }
    fn spaced(&self) -> bool {
        true
    }
    fn stop(&self) -> &str {
        "."
    }
    fn comma(&self) -> &str {
        ","
    }
    fn number(&self, n: u32) -> String {
        n.to_string()
    }
    fn link(&self, url: &str) -> String {
        url.to_string()
    }
    fn quotes(&self) -> (&str, &str) {
        ("\"", "\"")
    }
}

struct Translation<'a> {
    locale: &'static Locale,
    words: &'a mut Lexicon,
    untranslated: Option<usize>,
}

impl Writer for Translation<'_> {
    fn word(&mut self, word: &'static str, _first: bool) -> String {
        self.words.word(word, self.locale).to_string()
    }
    fn spaced(&self) -> bool {
        self.locale.spaced
    }
    fn stop(&self) -> &str {
        self.locale.full_stop
    }
    fn comma(&self) -> &str {
        self.locale.comma
    }
    fn number(&self, n: u32) -> String {
        // A locale with digits of its own writes them in every third number.
        match self.locale.digits {
            Some(digits) if n % 3 == 0 => n
                .to_string()
                .chars()
                .map(|c| digits[c.to_digit(10).unwrap_or(0) as usize])
                .collect(),
            _ => n.to_string(),
        }
    }
    fn link(&self, url: &str) -> String {
        url.replacen("/en/", &format!("/{}/", self.locale.code.to_lowercase()), 1)
    }
    fn quotes(&self) -> (&str, &str) {
        self.locale.quotes
    }
    fn in_english(&self, block: usize) -> bool {
        self.untranslated == Some(block)
    }
}

fn text(pieces: &[Piece], writer: &mut dyn Writer) -> String {
    let mut out = String::new();
    let mut first = true;
    let spaced = writer.spaced();
    let join = |out: &mut String, piece: &str, glue: bool| {
        if !out.is_empty() && !glue && (spaced || piece.is_ascii()) {
            out.push(' ');
        }
        out.push_str(piece);
    };
    for piece in pieces {
        match piece {
            Piece::Word(w) => {
                let w = writer.word(w, first);
                join(&mut out, &w, false);
                first = false;
            }
            Piece::Brand(b) => join(&mut out, b, false),
            // A planted zero-width space or bracket is glued to the next word.
            Piece::Code(c) if c == "\u{200B}" || c == "(" => {
                join(&mut out, c, false);
                out.push_str(&writer.word("and", false));
            }
            Piece::Code(c) => join(&mut out, &format!("`{c}`"), false),
            Piece::Number(n) => join(&mut out, &writer.number(*n), false),
            Piece::Link(words, url) => {
                let label: Vec<String> = words.iter().map(|w| writer.word(w, false)).collect();
                let sep = if spaced { " " } else { "" };
                let link = format!("[{}]({})", label.join(sep), writer.link(url));
                join(&mut out, &link, false);
            }
            Piece::Paren(words) => {
                let inner: Vec<String> = words.iter().map(|w| writer.word(w, false)).collect();
                let sep = if spaced { " " } else { "" };
                join(&mut out, &format!("({})", inner.join(sep)), false);
            }
            Piece::Quoted(words) => {
                let inner: Vec<String> = words.iter().map(|w| writer.word(w, false)).collect();
                let sep = if spaced { " " } else { "" };
                let (open, close) = writer.quotes();
                let quoted = format!("{open}{}{close}", inner.join(sep));
                join(&mut out, &quoted, false);
            }
            Piece::Stop => {
                let stop = writer.stop().to_string();
                join(&mut out, stop.trim_end(), true);
                first = true;
            }
            Piece::Comma => {
                let comma = writer.comma().to_string();
                join(&mut out, comma.trim_end(), true);
            }
        }
    }
    out
}

struct Rendered {
    text: String,
    /// The first line of each block (1-based).
    lines: Vec<usize>,
    /// Where the body starts (after the front matter and title), as a byte and a line.
    body_start: usize,
    body_line: usize,
    body_lines: usize,
    /// Each block's text, for PO files: the title, the description, then the blocks.
    units: Vec<String>,
}

fn render(page: &Page, writer: &mut dyn Writer) -> Rendered {
    let mut out = String::new();
    let mut units = Vec::new();
    let title = text(&page.title, writer);
    let description = text(&page.description, writer);
    let _ = write!(
        out,
        "---\ntitle: \"{}\"\ndescription: \"{}\"\ndate: {}\nslug: {}\n---\n\n# {title}\n\n",
        title.replace('"', "'"),
        description.replace('"', "'"),
        page.date,
        page.slug
    );
    units.push(title);
    units.push(description);
    let body_start = out.len();
    let line_of = |out: &str| out.bytes().filter(|&b| b == b'\n').count() + 1;
    let body_line = line_of(&out);
    let mut lines = Vec::with_capacity(page.blocks.len());
    for (i, block) in page.blocks.iter().enumerate() {
        lines.push(line_of(&out));
        let block_text = if writer.in_english(i) {
            render_block(block, &mut English)
        } else {
            render_block(block, writer)
        };
        if block_text.is_empty() {
            continue;
        }
        units.push(block_text.clone());
        out.push_str(&block_text);
        out.push_str("\n\n");
    }
    out.pop();
    let body_lines = line_of(&out) - body_line;
    Rendered {
        text: out,
        lines,
        body_start,
        body_line,
        body_lines,
        units,
    }
}

fn render_block(block: &Block, writer: &mut dyn Writer) -> String {
    match block {
        Block::Heading(level, pieces) => format!("{} {}", "#".repeat(*level), text(pieces, writer)),
        Block::Paragraph(pieces) if pieces.is_empty() => String::new(),
        Block::Paragraph(pieces) => text(pieces, writer),
        Block::List(items) => items
            .iter()
            .map(|item| format!("- {}", text(item, writer)))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Code(command, comment) => {
            let comment: Vec<Piece> = comment.iter().map(|w| Piece::Word(w)).collect();
            format!("```sh\n# {}\n{command}\n```", text(&comment, writer))
        }
        Block::Image(alt, path) => {
            let alt: Vec<Piece> = alt.iter().map(|w| Piece::Word(w)).collect();
            format!("![{}]({path})", text(&alt, writer))
        }
        Block::Table(rows) => {
            let mut table = String::from("| | |\n| --- | --- |");
            for [name, value] in rows {
                let _ = write!(
                    table,
                    "\n| {} | {} |",
                    text(name, writer),
                    text(value, writer)
                );
            }
            table
        }
    }
}

/// A translation's aligned units as a PO file (a removed block has no unit; those after it
/// pair as the translation has them, as a PO delivery of that text would).
fn po_file(source: &Rendered, translation: &Rendered, locale: &str) -> String {
    let quote = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    };
    let mut po = format!(
        "msgid \"\"\nmsgstr \"\"\n\"Language: {locale}\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
    );
    for (s, t) in source.units.iter().zip(&translation.units) {
        let _ = write!(po, "msgid \"{}\"\nmsgstr \"{}\"\n\n", quote(s), quote(t));
    }
    po
}
