use super::*;
use crate::document::TokenKind;

fn parsed(text: &str) -> Vec<Block> {
    checked(text, parse(text, false, &[]).0)
}

fn parsed_mdx(text: &str) -> Vec<Block> {
    checked(text, parse(text, true, &[]).0)
}

/// The invariants every parse keeps: blocks in order, apart, on char boundaries, and every
/// token mapping into its block.
fn checked(text: &str, blocks: Vec<Block>) -> Vec<Block> {
    let mut previous_end = 0;
    for block in &blocks {
        let range = block.range.clone();
        assert!(
            previous_end <= range.start,
            "{range:?} overlaps in {text:?}"
        );
        assert!(range.start <= range.end && text.get(range.clone()).is_some());
        for token in &block.tokens {
            let mapped = block.file_range(token.range.clone());
            assert!(text.get(mapped.clone()).is_some());
            assert!(range.start <= mapped.start && mapped.end <= range.end);
        }
        previous_end = range.end;
    }
    blocks
}

fn kinds_and_texts(blocks: &[Block]) -> Vec<(BlockKind, &str)> {
    blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
}

fn masks(block: &Block) -> Vec<(MaskKind, &str)> {
    block
        .masks
        .iter()
        .map(|m| (m.kind, &block.text[m.range.clone()]))
        .collect()
}

/// The file text that `word` in `block`'s text maps back to.
fn in_file<'a>(text: &'a str, block: &Block, word: &str) -> &'a str {
    let at = block.text.find(word).expect("word in block text");
    &text[block.file_range(at..at + word.len())]
}

fn find<'a>(blocks: &'a [Block], needle: &str) -> &'a Block {
    blocks
        .iter()
        .find(|b| b.text.contains(needle))
        .expect("a block with the text")
}

const EVERY_KIND: &str = r#"---
title: A guide to CX
date: 2024-05-01
---

# Getting *started* {#start}

Read the `loclint.toml` file, the [manual](https://example.com/manual) and
<https://example.com/faq>, or write to <ops@example.com>. A <kbd>Tab</kbd> key.

- First point
- Second point

![The CX dashboard](img/cx-dashboard.png "Dashboard")

| Plan | Price |
|------|-------|
| Pro  | `$10` |

> Quoted words.

```sh
cargo install loclint
```

<div class="note">HTML block</div>
"#;

#[test]
fn every_block_kind() {
    let blocks = parsed(EVERY_KIND);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::FrontMatter, "A guide to CX"),
            (BlockKind::Heading(1), "Getting started {#start}"),
            (
                BlockKind::Paragraph,
                "Read the loclint.toml file, the manual and https://example.com/faq, or write to \
                 ops@example.com. A <kbd>Tab</kbd> key."
            ),
            (BlockKind::ListItem, "First point"),
            (BlockKind::ListItem, "Second point"),
            (BlockKind::Image, "The CX dashboard cx-dashboard.png"),
            (BlockKind::TableRow, "Plan | Price"),
            (BlockKind::TableRow, "Pro | $10"),
            (BlockKind::BlockQuote, "Quoted words."),
            (BlockKind::Code, "cargo install loclint\n"),
            // An HTML block with text is read for its words, its tags masked.
            (
                BlockKind::Paragraph,
                "<div class=\"note\">HTML block</div>\n"
            ),
        ]
    );
    assert_eq!(blocks[0].key.as_deref(), Some("title"));
    assert_eq!(
        masks(&blocks[2]),
        vec![
            (MaskKind::InlineCode, "loclint.toml"),
            (MaskKind::Url, "https://example.com/faq"),
            (MaskKind::Email, "ops@example.com"),
            (MaskKind::HtmlTag, "<kbd>"),
            (MaskKind::InlineCode, "Tab"),
            (MaskKind::HtmlTag, "</kbd>"),
        ]
    );
    assert_eq!(
        masks(&blocks[5]),
        vec![(MaskKind::FileName, "cx-dashboard.png")]
    );
    assert!(blocks[5]
        .words()
        .any(|w| w.text(&blocks[5].text) == "dashboard"));
    assert_eq!(masks(&blocks[7]), vec![(MaskKind::InlineCode, "$10")]);
    assert_eq!(
        masks(&blocks[9]),
        vec![(MaskKind::Code, "cargo install loclint\n")]
    );
    let words: Vec<&str> = blocks[10]
        .words()
        .map(|w| w.text(&blocks[10].text))
        .collect();
    assert_eq!(words, vec!["HTML", "block"]);
}

#[test]
fn words_map_back_to_the_file() {
    let blocks = parsed(EVERY_KIND);
    for (block, word) in [
        (&blocks[0], "guide"),
        (&blocks[1], "started"),
        (&blocks[2], "manual"),
        (&blocks[2], "<kbd>Tab</kbd>"),
        (&blocks[3], "point"),
        (&blocks[5], "cx-dashboard.png"),
        (&blocks[7], "Pro"),
        (&blocks[8], "words"),
    ] {
        assert_eq!(in_file(EVERY_KIND, block, word), word);
    }
    let heading = &blocks[1];
    assert_eq!(
        &EVERY_KIND[heading.range.clone()],
        "# Getting *started* {#start}"
    );
    // The attribute block is markup: no word, no anchor.
    let words: Vec<&str> = heading.words().map(|t| t.text(&heading.text)).collect();
    assert_eq!(words, vec!["Getting", "started"]);
}

#[test]
fn link_destinations_are_not_text() {
    let text = "See [the docs][ref] and [this](https://example.com/x).\n\n[ref]: https://example.com/ref\n";
    let blocks = parsed(text);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![(BlockKind::Paragraph, "See the docs and this.")]
    );
    // The targets are no text, but weak anchors, and each link knows its text.
    assert_eq!(blocks[0].hard_anchors().count(), 0);
    let targets: Vec<&str> = blocks[0]
        .links
        .iter()
        .map(|l| l.destination.as_str())
        .collect();
    assert_eq!(
        targets,
        vec!["https://example.com/ref", "https://example.com/x"]
    );
    let texts: Vec<&str> = blocks[0]
        .links
        .iter()
        .map(|l| &blocks[0].text[l.text.clone()])
        .collect();
    assert_eq!(texts, vec!["the docs", "this"]);
}

#[test]
fn images_become_image_blocks() {
    let text = "[![Logo](https://cdn.example.com/logo.svg)](https://example.com)\n\n\
                ![One](a/one.png) ![Two](two.jpg?raw=1)\n\n\
                Inline ![icon](icons/ok.svg) in a sentence.\n\n\
                ![Reference][pic]\n\n[pic]: images/ref.png\n";
    let blocks = parsed(text);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::Image, "Logo https://cdn.example.com/logo.svg"),
            (BlockKind::Image, "One one.png Two two.jpg"),
            (BlockKind::Paragraph, "Inline icon ok.svg in a sentence."),
            (BlockKind::Image, "Reference ref.png"),
        ]
    );
    assert_eq!(
        masks(&blocks[0]),
        vec![(MaskKind::Url, "https://cdn.example.com/logo.svg")]
    );
    assert_eq!(
        masks(&blocks[1]),
        vec![
            (MaskKind::FileName, "one.png"),
            (MaskKind::FileName, "two.jpg")
        ]
    );
    assert_eq!(masks(&blocks[2]), vec![(MaskKind::FileName, "ok.svg")]);
    assert_eq!(in_file(text, &blocks[1], "one.png"), "one.png");
    // A reference image's file name stands in the definition: it maps to the label instead.
    assert_eq!(in_file(text, &blocks[3], "ref.png"), "][pic]");
}

#[test]
fn entities_and_escapes_map_to_their_source() {
    let text = "Fish &amp; chips &copy; 2024, \\*not emphasis\\*, caf&eacute; open.\n";
    let blocks = parsed(text);
    let block = &blocks[0];
    assert_eq!(
        block.text,
        "Fish & chips © 2024, *not emphasis*, café open."
    );
    assert_eq!(in_file(text, block, "&"), "&amp;");
    assert_eq!(in_file(text, block, "chips"), "chips");
    assert_eq!(in_file(text, block, "emphasis"), "emphasis");
    assert_eq!(in_file(text, block, "open"), "open");
    let cafe = block
        .tokens
        .iter()
        .find(|t| t.text(&block.text) == "café")
        .unwrap();
    assert_eq!(&text[block.file_range(cafe.range.clone())], "caf&eacute;");
}

#[test]
fn nested_list_items_are_blocks_of_their_own() {
    let text = "- Parent item\n  - Child one\n  - Child two\n    1. Grandchild\n- Sibling\n\n\
                1. Loose item\n\n   Second paragraph of it.\n\n2. Next loose item\n";
    let blocks = parsed(text);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::ListItem, "Parent item"),
            (BlockKind::ListItem, "Child one"),
            (BlockKind::ListItem, "Child two"),
            (BlockKind::ListItem, "Grandchild"),
            (BlockKind::ListItem, "Sibling"),
            (BlockKind::ListItem, "Loose item"),
            (BlockKind::Paragraph, "Second paragraph of it."),
            (BlockKind::ListItem, "Next loose item"),
        ]
    );
    assert_eq!(&text[blocks[0].range.clone()], "- Parent item");
    assert_eq!(&text[blocks[3].range.clone()], "1. Grandchild");
    assert_eq!(&text[blocks[5].range.clone()], "1. Loose item");
}

#[test]
fn task_list_markers_are_not_text() {
    let blocks = parsed("- [x] Done ~~not~~\n- [ ] Open\n");
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::ListItem, "Done not"),
            (BlockKind::ListItem, "Open")
        ]
    );
}

#[test]
fn table_rows_join_cells() {
    let text = "| Name | Note |\n|:-----|-----:|\n| `cfg` | a \\| b |\n|  | only second |\n| | |\n";
    let blocks = parsed(text);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::TableRow, "Name | Note"),
            (BlockKind::TableRow, "cfg | a | b"),
            (BlockKind::TableRow, "only second"),
        ]
    );
    assert_eq!(masks(&blocks[1]), vec![(MaskKind::InlineCode, "cfg")]);
    assert!(blocks[1].words().all(|w| w.text(&blocks[1].text) != "|"));
    let separator = blocks[0].text.find(" | ").unwrap();
    assert_eq!(&text[blocks[0].file_range(separator..separator + 3)], "|");
    assert_eq!(in_file(text, &blocks[0], "Note"), "Note");
}

#[test]
fn footnotes_and_alerts() {
    let text = "Claim[^1].\n\n> [!NOTE]\n> Careful here.\n\n[^1]: The source.\n";
    let blocks = parsed(text);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::Paragraph, "Claim."),
            (BlockKind::BlockQuote, "Careful here."),
            (BlockKind::Paragraph, "The source."),
        ]
    );
}

#[test]
fn yaml_front_matter_keeps_prose_fields() {
    let text = r#"---
Title: "Say \"hi\" \u00e9"
date: 2024-05-01
slug: say-hi
tags:
  - a
  - b
seo:
  title: Nested, skipped
description: >-
  Folded over
  two lines.
summary: |
  Literal block
  kept as one field.
og-title: 'It''s plain'
excerpt: A plain scalar
  that wraps # and a comment
caption:
  On the next line
alt: [not, a, string]
---

Body.
"#;
    let blocks = parsed(text);
    let fields: Vec<(Option<&str>, &str)> = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::FrontMatter)
        .map(|b| (b.key.as_deref(), b.text.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![
            (Some("title"), "Say \"hi\" é"),
            (Some("description"), "Folded over two lines."),
            (Some("summary"), "Literal block kept as one field."),
            (Some("og_title"), "It's plain"),
            (Some("excerpt"), "A plain scalar that wraps"),
            (Some("caption"), "On the next line"),
        ]
    );
    let title = &blocks[0];
    assert_eq!(&text[title.range.clone()], r#"Title: "Say \"hi\" \u00e9""#);
    assert_eq!(in_file(text, title, "\"hi\""), r#"\"hi\""#);
    assert_eq!(in_file(text, title, "é"), r"\u00e9");
    assert_eq!(in_file(text, &blocks[1], "lines"), "lines");
    assert_eq!(blocks.last().map(|b| b.text.as_str()), Some("Body."));
}

#[test]
fn toml_front_matter_keeps_prose_fields() {
    let text = "+++\ntitle = \"Café \\\"menu\\\"\"\ndate = 2024-05-01\ndraft = false\n\
                description = '''\nA literal\ndescription.'''\nsummary = \"\"\"\n  Basic \\\n  joined.\"\"\"\n\
                [params]\ntitle = \"nested\"\n+++\n\n# Menu\n";
    let blocks = parsed(text);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::FrontMatter, "Café \"menu\""),
            (BlockKind::FrontMatter, "A literal description."),
            (BlockKind::FrontMatter, "Basic joined."),
            (BlockKind::Heading(1), "Menu"),
        ]
    );
    assert_eq!(blocks[0].key.as_deref(), Some("title"));
    assert_eq!(in_file(text, &blocks[0], "Café"), "Café");
    assert_eq!(in_file(text, &blocks[1], "literal"), "literal");
}

#[test]
fn only_the_first_metadata_block_is_front_matter() {
    let text = "\u{feff}---\ntitle: First\n---\n\nText.\n\n---\nLooks like metadata\n---\n";
    let blocks = parsed(text);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::FrontMatter, "First"),
            (BlockKind::Paragraph, "Text."),
            (BlockKind::Heading(2), "Looks like metadata"),
        ]
    );
    // Without front matter at the top, `---` lines are Markdown.
    let blocks = parsed("Intro.\n\n---\ntitle: no\n---\n");
    assert_eq!(
        kinds_and_texts(&blocks)[1],
        (BlockKind::Heading(2), "title: no")
    );
}

const MDX: &str = r#"---
title: Install
---
import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

export const versions = {
  stable: '1.2',

  beta: '2.0',
};

# Install {props.product}

<Tabs>
  <TabItem value="linux" label="Linux">
    Run the **installer** from a terminal.
  </TabItem>
  <TabItem value="mac">

    Open the disk image.

  </TabItem>
</Tabs>

<Note>Version <Version kind={["stable", "beta"]} /> needs {versions.stable} or later.</Note>

{/* translators: keep the product name */}

Braces \{like these} are text.
"#;

#[test]
fn mdx_masks_jsx_and_skips_esm() {
    let blocks = parsed_mdx(MDX);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::FrontMatter, "Install"),
            // The heading's JSX expression is masked, not dropped.
            (BlockKind::Heading(1), "Install {props.product}"),
            (
                BlockKind::Html,
                "<Tabs>\n  <TabItem value=\"linux\" label=\"Linux\">"
            ),
            (BlockKind::Paragraph, "Run the installer from a terminal."),
            (BlockKind::Html, "</TabItem>\n  <TabItem value=\"mac\">"),
            (BlockKind::Paragraph, "Open the disk image."),
            (BlockKind::Html, "</TabItem>\n</Tabs>"),
            (
                BlockKind::Paragraph,
                "<Note>Version <Version kind={[\"stable\", \"beta\"]} /> needs {versions.stable} \
                 or later.</Note>"
            ),
            (BlockKind::Paragraph, "Braces {like these} are text."),
        ]
    );
    let note = &blocks[7];
    let words: Vec<&str> = note.words().map(|w| w.text(&note.text)).collect();
    assert_eq!(words, vec!["Version", "needs", "or", "later"]);
    assert!(note.masks.iter().all(|m| m.kind == MaskKind::Jsx));
    assert_eq!(in_file(MDX, &blocks[3], "installer"), "installer");
    assert_eq!(in_file(MDX, &blocks[5], "disk"), "disk");
    assert!(blocks.iter().all(|b| !b.text.contains("import")));
}

#[test]
fn markdown_reads_the_same_file_without_mdx_rules() {
    let blocks = parsed(MDX);
    assert!(find(&blocks, "import Tabs").kind == BlockKind::Paragraph);
    let tabs = find(&blocks, "<Tabs>");
    // Read as HTML by a Markdown parser: its text between the tags is prose.
    assert_eq!(tabs.kind, BlockKind::Paragraph);
    assert!(tabs.text.contains("Run the **installer**"));
    let words: Vec<&str> = tabs.words().map(|t| t.text(&tabs.text)).collect();
    assert!(
        words.contains(&"installer") && !words.contains(&"TabItem"),
        "{words:?}"
    );
    assert_eq!(find(&blocks, "Open the disk image.").kind, BlockKind::Code);
}

#[test]
fn mdx_component_wrapping_markdown_on_adjacent_lines() {
    let text = "<Callout type=\"warn\">\nDo **not** delete the\n[config](./x.md) file.\n- first\n- second\n</Callout>\n";
    let blocks = parsed_mdx(text);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::Html, "<Callout type=\"warn\">"),
            (BlockKind::Paragraph, "Do not delete the config file."),
            (BlockKind::ListItem, "first"),
            (BlockKind::ListItem, "second"),
            (BlockKind::Html, "</Callout>"),
        ]
    );
}

#[test]
fn hindi_and_arabic_articles() {
    let hindi = "# ग्राहक अनुभव (CX)\n\nहमारी टीम **हर दिन** १,२०० टिकट संभालती है।\n\n- पहला बिंदु\n- दूसरा `कोड` बिंदु\n\n![डैशबोर्ड](cx-cs.png)\n";
    let blocks = parsed(hindi);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::Heading(1), "ग्राहक अनुभव (CX)"),
            (
                BlockKind::Paragraph,
                "हमारी टीम हर दिन १,२०० टिकट संभालती है।"
            ),
            (BlockKind::ListItem, "पहला बिंदु"),
            (BlockKind::ListItem, "दूसरा कोड बिंदु"),
            (BlockKind::Image, "डैशबोर्ड cx-cs.png"),
        ]
    );
    assert_eq!(in_file(hindi, &blocks[1], "दिन"), "दिन");
    assert_eq!(in_file(hindi, &blocks[1], "संभालती"), "संभालती");
    assert!(blocks[1].anchors.iter().any(|a| a.value == "1200"));
    assert_eq!(masks(&blocks[3]), vec![(MaskKind::InlineCode, "कोड")]);

    let arabic = "---\ntitle: \"دليل تجربة العملاء\"\n---\n\n## مقدمة\n\nيتعامل فريق CX مع ١٬٢٠٠ تذكرة&nbsp;يوميًا.\n\n| الخطة | السعر |\n|---|---|\n| برو | ١٠ |\n";
    let blocks = parsed(arabic);
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![
            (BlockKind::FrontMatter, "دليل تجربة العملاء"),
            (BlockKind::Heading(2), "مقدمة"),
            (
                BlockKind::Paragraph,
                "يتعامل فريق CX مع ١٬٢٠٠ تذكرة\u{a0}يوميًا."
            ),
            (BlockKind::TableRow, "الخطة | السعر"),
            (BlockKind::TableRow, "برو | ١٠"),
        ]
    );
    assert_eq!(in_file(arabic, &blocks[0], "تجربة"), "تجربة");
    assert_eq!(in_file(arabic, &blocks[2], "يوميًا"), "يوميًا");
    assert_eq!(in_file(arabic, &blocks[4], "برو"), "برو");
    let words = blocks[2]
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count();
    assert_eq!(words, 6);
}

#[test]
fn text_of_html_code_elements_is_code() {
    let text = "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, run <code class=\"x\">make all</code>, then <b>wait</b><br/>.\n";
    let blocks = parsed(text);
    let words: Vec<&str> = blocks[0].words().map(|w| w.text(&blocks[0].text)).collect();
    assert_eq!(words, vec!["Press", "run", "then", "wait"]);
    let mdx = parsed_mdx("Run <code>loclint --version</code> <Badge />now.\n");
    let words: Vec<&str> = mdx[0].words().map(|w| w.text(&mdx[0].text)).collect();
    assert_eq!(words, vec!["Run", "now"]);
    assert!(mdx[0]
        .anchors
        .iter()
        .any(|a| a.value == "loclint --version"));
}

#[test]
fn comments_and_empty_blocks_leave_nothing() {
    let blocks = parsed("<!-- a\nmulti-line comment -->\n\n```\n```\n\nText.\n");
    assert_eq!(
        kinds_and_texts(&blocks),
        vec![(BlockKind::Paragraph, "Text.")]
    );
}

#[test]
fn line_breaks_become_spaces() {
    let text = "One\ntwo\\\nthree  \nfour\r\nfive\n";
    let blocks = parsed(text);
    assert_eq!(blocks[0].text, "One two three four five");
    assert_eq!(in_file(text, &blocks[0], "five"), "five");
}

#[test]
fn template_comments_hold_nothing_to_read() {
    let text = "# Title\n\n{{% comment %}}\n\n<div class=\"card\">Une carte cachée</div>\n\n{{% /comment %}}\n\nVisible paragraph.\n";
    let blocks = parsed(text);
    let texts: Vec<&str> = kinds_and_texts(&blocks)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(texts, ["Title", "Visible paragraph."]);
    assert_eq!(
        &text[blocks[1].range.clone()],
        "Visible paragraph.",
        "offsets are kept"
    );
}

#[test]
fn a_word_glued_to_code_by_a_colon_is_prose() {
    // Word segmentation joins letters across a colon (`socat：socket`); the code span ends it.
    let blocks = parsed("- `socat`：socket 代理\n");
    let words: Vec<(&str, bool)> = blocks[0]
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| (t.text(&blocks[0].text), t.masked))
        .collect();
    assert_eq!(
        words,
        vec![
            ("socat", true),
            ("socket", false),
            ("代", false),
            ("理", false)
        ]
    );
}

#[test]
fn every_top_level_front_matter_field_is_kept_with_its_value() {
    let text = "---\ntitle: \"Sizing\"\ndate: 2024-05-01\ntags: [a, b]\nmenu:\n  main: 3\nslug: 'sizing'\n---\n\nText.\n";
    let (_, fields) = parse(text, false, &[]);
    let listed: Vec<(&str, Option<&str>)> = fields
        .iter()
        .map(|f| (f.key.as_str(), f.value.as_deref()))
        .collect();
    assert_eq!(
        listed,
        [
            ("title", Some("Sizing")),
            ("date", Some("2024-05-01")),
            ("tags", Some("[a, b]")),
            ("menu", None),
            ("slug", Some("sizing")),
        ]
    );
    assert_eq!(&text[fields[1].value_range.clone()], "2024-05-01");
    let toml =
        "+++\ntitle = \"Sizing\"\ndate = 2024-05-01\nweight = 3\n[params]\nx = 1\n+++\n\nText.\n";
    let (_, fields) = parse(toml, false, &[]);
    let listed: Vec<(&str, Option<&str>)> = fields
        .iter()
        .map(|f| (f.key.as_str(), f.value.as_deref()))
        .collect();
    assert_eq!(
        listed,
        [
            ("title", Some("Sizing")),
            ("date", Some("2024-05-01")),
            ("weight", Some("3")),
            ("params", None),
        ]
    );
}

#[test]
fn images_of_markdown_and_html_are_listed_in_order() {
    let text =
        "See ![the flow](img/flow.png) and <img src=\"img/after.svg\" alt=\"after\"> here.\n";
    let blocks = parse(text, false, &[]).0;
    let images: Vec<&str> = blocks[0]
        .images
        .iter()
        .map(|i| i.destination.as_str())
        .collect();
    assert_eq!(images, ["img/flow.png", "img/after.svg"]);
    assert_eq!(&blocks[0].text[blocks[0].images[0].at.clone()], "flow.png");
}

#[test]
fn configured_front_matter_keys_are_prose_too() {
    let text = "---\ntitle: Start\nhero-text: Build faster\nweight: 3\n---\n\nText.\n";
    let keys = |extra: &[String]| -> Vec<Option<String>> {
        parse(text, false, extra)
            .0
            .iter()
            .filter(|b| b.kind == BlockKind::FrontMatter)
            .map(|b| b.key.clone())
            .collect()
    };
    assert_eq!(keys(&[]), [Some("title".to_string())]);
    assert_eq!(
        keys(&["hero_text".to_string()]),
        [Some("title".to_string()), Some("hero_text".to_string())]
    );
}

#[test]
fn code_spans_of_a_front_matter_description_are_code() {
    let text =
        "---\ndescription: \"Pick `--output json`, then `--verbose`ก and ` `.\"\n---\n\nBody.\n";
    let blocks = parsed(text);
    let description = find(&blocks, "Pick");
    assert_eq!(
        masks(description),
        vec![
            (MaskKind::InlineCode, "--output json"),
            (MaskKind::InlineCode, "--verbose"),
            (MaskKind::InlineCode, " "),
        ]
    );
    let words: Vec<&str> = description
        .words()
        .map(|w| w.text(&description.text))
        .collect();
    assert_eq!(words, ["Pick", "then", "ก", "and"]);
}
