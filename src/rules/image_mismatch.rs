use std::collections::HashSet;

use crate::document::{file_name_of, percent_decoded, Block, ImageRef};
use crate::finding::{Finding, Severity};
use crate::locale::names::LocalizedNames;
use crate::locale::Locale;

use super::{Context, Rule, RuleInfo};

pub struct ImageMismatch;

static INFO: RuleInfo = RuleInfo {
    id: "image-mismatch",
    default_severity: Severity::Warning,
    summary:
        "An image of the source dropped from its translated block, or pointing at another file",
    needs_source: true,
    docs: r#"## What it finds

An image of a source block that its translated block lost, or shows another file instead:
`![Flow](img/flow-v2.png)` in the source where the translation still shows `flow-v1.png`, or no
image at all. Markdown images (`![alt](file)`) and HTML `<img src>` are compared, by file name.

Not a difference:
- another folder for the same file (`../img/flow.png` and `/ja/img/flow.png`): sites localise
  paths;
- the translation's own copy of the image, named by a pattern: `flow.ja.png`, `flow-ja.png`,
  `flow_ja.png`, or `shot-ja.png` for `shot-en.png`. The patterns are configurable:

  ```toml
  [images]
  localized = ["{stem}.{locale}.{ext}", "{locale}-{stem}.{ext}"]
  ```

- an image the translation shows anywhere else in the page (a block split or moved);
- an image of another site (a badge, an embed) that most of the group's other translations
  leave out too: the team's choice, not this translation's slip.

Only blocks the aligner paired with confidence are compared, blocks of up to 64 images, pages
of up to 1,000 image files (a gallery is not checked image by image). A whole image paragraph the
translation lacks is a missing block: `structure-mismatch` reports it. Alt text left in English is
`untranslated-text`'s.

A changed image is reported at the translation's image, a dropped one at the start of the
translated block; both name the source's image and its place.

## Why it matters

Screenshots and diagrams are updated with the product. A translation that shows the old picture
contradicts the text around it, and one that lost the picture leaves its reader with "as the
diagram shows" and no diagram.

## Example

```text
source:      ![Pipeline with a batch processor](img/pipeline-v2.svg)
translation: ![Pipeline avec un processeur batch](img/pipeline-v1.svg)
```

`pipeline-v1.svg` is reported: the source shows `pipeline-v2.svg`.

## How to fix

Point the image at the source's file, or at this locale's copy of it if the team localises
images.
"#,
};

impl Rule for ImageMismatch {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &Context, findings: &mut Vec<Finding>) {
        let Some(source) = &ctx.source else {
            return;
        };
        let names = &ctx.settings.localized_names;
        let source_files: HashSet<String> = all_files(&source.document.blocks);
        let target_files: Vec<String> = all_files(&ctx.document.blocks).into_iter().collect();
        if source_files.len() > MAX_FILES || target_files.len() > MAX_FILES {
            return;
        }
        let locales = Locales {
            names,
            source: source.locale,
            target: ctx.locale,
        };
        let others = ctx.group.translations.saturating_sub(1);
        // Only for images of other sites (badges, embeds): a local picture the other
        // translations lack too is one they all have yet to add.
        let kept_elsewhere = |destination: &str| {
            !destination.contains("://")
                || others == 0
                || 2 * ctx.group.image_elsewhere(destination, false) > others
        };
        for (s, t) in ctx.pairs_in_place() {
            let (sb, tb) = (&source.document.blocks[s], &ctx.document.blocks[t]);
            // A block of hundreds of images is a gallery, not a sentence's picture: pairing
            // them one by one would cost the product of the two.
            if sb.images.is_empty() || sb.images.len() > MAX_IMAGES || tb.images.len() > MAX_IMAGES
            {
                continue;
            }
            compare(
                &kept_elsewhere,
                sb,
                tb,
                &locales,
                &source_files,
                &target_files,
                findings,
            );
        }
    }
}

/// Image files of one page past which it is not compared: each image of a block is looked for
/// among the page's.
const MAX_FILES: usize = 1_000;

/// Images of one block past which it is not compared.
const MAX_IMAGES: usize = 64;

struct Locales<'a> {
    names: &'a LocalizedNames,
    source: &'a Locale,
    target: &'a Locale,
}

impl Locales<'_> {
    fn same(&self, source_file: &str, target_file: &str) -> bool {
        self.names
            .same_file(source_file, self.source, target_file, self.target)
    }
}

/// The file an image shows, as compared: its name, percent-decoded, without a query or
/// fragment. A URL's name is its last path segment, as a local file's.
fn file_name(image: &ImageRef) -> String {
    percent_decoded(file_name_of(&image.destination))
}

fn all_files(blocks: &[Block]) -> HashSet<String> {
    blocks
        .iter()
        .flat_map(|b| b.images.iter())
        .map(file_name)
        .collect()
}

fn compare(
    kept_elsewhere: &dyn Fn(&str) -> bool,
    source: &Block,
    target: &Block,
    locales: &Locales,
    source_files: &HashSet<String>,
    target_files: &[String],
    findings: &mut Vec<Finding>,
) {
    let theirs: Vec<(&ImageRef, String)> =
        target.images.iter().map(|i| (i, file_name(i))).collect();
    let mut used = vec![false; theirs.len()];
    let mut lost = Vec::new();
    for image in &source.images {
        let wanted = file_name(image);
        match theirs
            .iter()
            .enumerate()
            .position(|(k, (_, name))| !used[k] && locales.same(&wanted, name))
        {
            Some(k) => used[k] = true,
            None => lost.push((image, wanted)),
        }
    }
    if lost.is_empty() {
        return;
    }
    // The translation's images that the source does not show anywhere: a changed file.
    let mut instead = theirs
        .iter()
        .enumerate()
        .filter(|(k, (_, name))| !used[*k] && !source_files.iter().any(|s| locales.same(s, name)))
        .map(|(_, image)| image);
    for (image, wanted) in lost {
        match instead.next() {
            // A generated image (a badge whose label is in its address, with no file name) is
            // the translator's to localise.
            Some((other, _)) if is_generated(image) || is_generated(other) => {}
            Some((other, _)) => findings.push(
                Finding::new(
                    &INFO,
                    target.file_range(other.at.clone()),
                    format!(
                        "image `{}` where the source shows `{}`",
                        shown(other),
                        shown(image)
                    ),
                )
                .source(source.file_range(image.at.clone()))
                .fix(format!("show the source's `{}`", image.destination)),
            ),
            // Shown elsewhere in the page: moved with its sentence, not lost.
            None if target_files.iter().any(|name| locales.same(&wanted, name)) => {}
            // Left out by most of the group's translations: the team's choice (a badge, a
            // picture of the source's locale), not a slip of this one.
            None if !kept_elsewhere(&image.destination) => {}
            None => findings.push(
                Finding::new(
                    &INFO,
                    target.file_range(0..0),
                    format!("image `{}` of the source is missing here", shown(image)),
                )
                .source(source.file_range(image.at.clone()))
                .fix(format!("add the image `{}`", image.destination)),
            ),
        }
    }
}

/// How a finding names an image: a local file by its name, an image on another site by its
/// address.
fn shown(image: &ImageRef) -> String {
    if image.destination.contains("://") {
        image.destination.clone()
    } else {
        file_name(image)
    }
}

/// An image made by a service from its address (`img.shields.io/badge/Formatted_with-Biome`):
/// an address whose last segment names no image file.
fn is_generated(image: &ImageRef) -> bool {
    const IMAGE_FILES: &[&str] = &[
        "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff", "apng",
    ];
    let name = file_name(image);
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    image.destination.contains("://")
        && !extension.is_some_and(|e| IMAGE_FILES.contains(&e.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::rules::test_support::check_file;

    fn messages(locale: &str, en: &str, text: &str) -> Vec<String> {
        check_file(
            &ImageMismatch,
            &format!("{locale}.md"),
            locale,
            Some(en),
            text,
            &Settings::default(),
        )
        .into_iter()
        .map(|f| f.message)
        .collect()
    }

    const EN: &str = "# Batching\n\nThe pipeline below batches spans before export ![pipeline](img/pipeline-v2.svg) as shown.\n\n## Limits\n\nEach batch holds at most 512 spans, as the chart shows: <img src=\"/img/limits.png\" alt=\"limits\">\n";

    #[test]
    fn a_changed_image_is_reported_at_the_translation_s_image() {
        let fr = "# Traitement par lots\n\nLe pipeline ci-dessous regroupe les spans avant l'export ![pipeline](img/pipeline-v1.svg) comme indiqué.\n\n## Limites\n\nChaque lot contient au plus 512 spans, comme le montre le graphique : <img src=\"/fr/img/limits.fr.png\" alt=\"limites\">\n";
        let findings = check_file(
            &ImageMismatch,
            "fr.md",
            "fr",
            Some(EN),
            fr,
            &Settings::default(),
        );
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(&fr[findings[0].range.clone()], "pipeline-v1.svg");
        assert_eq!(
            findings[0].message,
            "image `pipeline-v1.svg` where the source shows `pipeline-v2.svg`"
        );
    }

    #[test]
    fn a_dropped_image_is_reported_at_its_block() {
        let ja = "# バッチ処理\n\n以下のパイプラインは、エクスポートの前にスパンをまとめます ![パイプライン](../img/pipeline-v2.svg)。\n\n## 制限\n\n各バッチには最大 512 個のスパンが入ります。\n";
        assert_eq!(
            messages("ja", EN, ja),
            ["image `limits.png` of the source is missing here"]
        );
    }

    #[test]
    fn localized_copies_and_moved_images_are_no_difference() {
        let ko = "# 일괄 처리\n\n아래 파이프라인은 내보내기 전에 스팬을 묶습니다 ![파이프라인](/ko/img/pipeline-v2.ko.svg).\n\n## 제한\n\n각 배치에는 최대 512개의 스팬이 들어갑니다.\n\n<img src=\"/img/limits-ko.png\" alt=\"제한\">\n";
        assert_eq!(messages("ko", EN, ko), Vec::<String>::new());
    }
}
