//! Tags of HTML and JSX in a block's markup, with their attributes: what a translation keeps
//! apart from the attributes readers see (`alt`, `title`, `aria-label`...).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Block, Mask, MaskKind};

/// A tag's attribute written with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub value: String,
    /// Where the value stands in [`Block::text`].
    pub range: Range<usize>,
}

impl Attribute {
    /// Whether its value holds digits: a version or a size, which `number-mismatch` compares.
    pub fn has_digits(&self) -> bool {
        self.value.chars().any(|c| c.is_ascii_digit())
    }
}

/// An opening or self-closing tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    /// The whole tag in [`Block::text`].
    pub range: Range<usize>,
    pub attributes: Vec<Attribute>,
}

/// Attributes whose values readers see or that name a place: translated, or other rules'.
pub const FREE_ATTRIBUTES: &[&str] = &[
    "alt",
    "title",
    "aria-label",
    "aria-description",
    "aria-placeholder",
    "placeholder",
    "label",
    "caption",
    "description",
    "summary",
    "text",
    "content",
    "value",
    "lang",
    "dir",
    "id",
    "key",
    "name",
    "href",
    "src",
    "srcset",
    "link",
    "to",
    "url",
    "cardtitle",
    "heading",
    "tooltip",
];

/// The tags of a block's HTML and JSX markup, in order: read once, when the block is prepared
/// ([`Block::tags`]).
pub(super) fn tags_of(text: &str, masks: &[Mask]) -> Vec<Tag> {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        crate::static_regex(r"<([A-Za-z][A-Za-z0-9.:-]*)((?:[^<>]|=\{[^{}<>]*\})*)/?>")
    });
    static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
        crate::static_regex(
            r#"([A-Za-z_:][A-Za-z0-9_.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\}|\{([^{}]*)\})"#,
        )
    });
    let mut tags = Vec::new();
    for mask in masks
        .iter()
        .filter(|m| matches!(m.kind, MaskKind::HtmlTag | MaskKind::Jsx))
    {
        let Some(markup) = text.get(mask.range.clone()) else {
            continue;
        };
        if !markup.contains('<') {
            continue;
        }
        for found in TAG.captures_iter(markup) {
            let (Some(whole), Some(name), Some(body)) = (found.get(0), found.get(1), found.get(2))
            else {
                continue;
            };
            let name = name.as_str().to_string();
            let attributes = ATTRIBUTE
                .captures_iter(body.as_str())
                .filter_map(|a| {
                    let value = a.get(2).or(a.get(3)).or(a.get(4)).or(a.get(5))?;
                    let at = mask.range.start + body.start();
                    Some(Attribute {
                        name: a.get(1)?.as_str().to_string(),
                        value: value.as_str().trim().to_string(),
                        range: at + value.start()..at + value.end(),
                    })
                })
                .collect();
            tags.push(Tag {
                name,
                range: mask.range.start + whole.start()..mask.range.start + whole.end(),
                attributes,
            });
        }
    }
    tags
}

/// Whether an attribute's value is the translator's to change.
pub fn is_free_attribute(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    FREE_ATTRIBUTES.contains(&name.as_str()) || name.starts_with("data-") || name.starts_with("on")
}

/// An attribute a translation changed: the source's and the translation's, on the tags that
/// correspond (the nth tag of a name in each block).
#[derive(Debug, Clone)]
pub struct ChangedAttribute<'a> {
    pub tag: &'a str,
    pub source: Attribute,
    pub target: Attribute,
    /// The translation's tag lacks the attribute; `target` stands at the tag's name.
    pub missing: bool,
}

/// The attributes of `source`'s tags that `target`'s corresponding tags give other values,
/// translatable attributes aside. Quotes and spacing aside, values compare as written.
pub fn changed_attributes<'a>(source: &'a [Tag], target: &[Tag]) -> Vec<ChangedAttribute<'a>> {
    let mut changed = Vec::new();
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for tag in source {
        let nth = match seen.iter_mut().find(|(name, _)| *name == tag.name) {
            Some((_, count)) => {
                *count += 1;
                *count - 1
            }
            None => {
                seen.push((&tag.name, 1));
                0
            }
        };
        let Some(other) = target.iter().filter(|t| t.name == tag.name).nth(nth) else {
            continue;
        };
        for attribute in tag
            .attributes
            .iter()
            .filter(|a| !is_free_attribute(&a.name))
        {
            let Some(theirs) = other.attributes.iter().find(|a| a.name == attribute.name) else {
                // Lost, or its name misspelt (`varient`): it stands as an empty value at the
                // tag's name.
                let at = other.range.start + 1;
                changed.push(ChangedAttribute {
                    tag: &tag.name,
                    source: attribute.clone(),
                    target: Attribute {
                        name: attribute.name.clone(),
                        value: String::new(),
                        range: at..at + other.name.len(),
                    },
                    missing: true,
                });
                continue;
            };
            if theirs.value != attribute.value {
                changed.push(ChangedAttribute {
                    tag: &tag.name,
                    source: attribute.clone(),
                    target: theirs.clone(),
                    missing: false,
                });
            }
        }
    }
    changed
}

/// An attribute changed between two documents, with the blocks its tags stand in.
#[derive(Debug, Clone)]
pub struct ChangedInDocument {
    pub source_block: usize,
    pub target_block: usize,
    pub tag: String,
    pub source: Attribute,
    pub target: Attribute,
    /// The translation's tag lacks the attribute.
    pub missing: bool,
}

/// The attributes a translation changed, tags matched across the whole documents: the tags of
/// each name in order, by a diff of their kept attributes, so that a tag added or removed
/// leaves the others paired with their counterparts.
pub fn changed_attributes_in(source: &[Block], target: &[Block]) -> Vec<ChangedInDocument> {
    let tagged = |blocks: &[Block]| -> Vec<(usize, Tag)> {
        blocks
            .iter()
            .enumerate()
            .flat_map(|(n, b)| b.tags.iter().cloned().map(move |t| (n, t)))
            .collect()
    };
    let (ours, theirs) = (tagged(source), tagged(target));
    let mut changed = Vec::new();
    let mut names: Vec<&str> = ours.iter().map(|(_, t)| t.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let mine: Vec<&(usize, Tag)> = ours.iter().filter(|(_, t)| t.name == name).collect();
        let other: Vec<&(usize, Tag)> = theirs.iter().filter(|(_, t)| t.name == name).collect();
        // Tags match in the order of their kept attributes: an equal run is the same tags, a
        // run replaced by as many is the same tags changed, and a tag added or removed has no
        // counterpart (a card the source dropped shifts nothing).
        let signature = |tag: &Tag| -> String {
            tag.attributes
                .iter()
                .filter(|a| !is_free_attribute(&a.name))
                .map(|a| format!("{}={}", a.name, a.value))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let a: Vec<String> = mine.iter().map(|(_, t)| signature(t)).collect();
        let b: Vec<String> = other.iter().map(|(_, t)| signature(t)).collect();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
            let (old, new) = (op.old_range(), op.new_range());
            if !matches!(op, similar::DiffOp::Replace { .. }) || old.len() != new.len() {
                continue;
            }
            for (k, j) in old.zip(new) {
                let ((s, tag), (t, their_tag)) = (mine[k], other[j]);
                for found in
                    changed_attributes(std::slice::from_ref(tag), std::slice::from_ref(their_tag))
                {
                    changed.push(ChangedInDocument {
                        source_block: *s,
                        target_block: *t,
                        tag: name.to_string(),
                        source: found.source,
                        target: found.target,
                        missing: found.missing,
                    });
                }
            }
        }
    }
    changed.sort_by_key(|c| (c.target_block, c.target.range.start));
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockBuilder, BlockKind};

    fn html(text: &str) -> Block {
        let mut builder = BlockBuilder::new(BlockKind::Html, 0..text.len());
        builder.push_masked(text, 0..text.len(), MaskKind::Jsx);
        builder.finish()
    }

    #[test]
    fn attributes_of_corresponding_tags_are_compared() {
        let source = html(
            r#"<Since v="4.1.0" /> <Badge variant="tip" text="New" /> <Card icon={"rocket"} title="Start">"#,
        );
        let target = html(
            r#"<Since v="3.0.0" /> <Badge variant="tip" text="Nouveau" /> <Card icon="star" title="Démarrer">"#,
        );
        let (ours, theirs) = (source.tags.clone(), target.tags.clone());
        let found = changed_attributes(&ours, &theirs);
        let changed: Vec<(&str, &str, &str, &str)> = found
            .iter()
            .map(|c| {
                (
                    c.tag,
                    c.source.name.as_str(),
                    c.source.value.as_str(),
                    c.target.value.as_str(),
                )
            })
            .collect();
        assert_eq!(
            changed,
            [
                ("Since", "v", "4.1.0", "3.0.0"),
                ("Card", "icon", "rocket", "star")
            ]
        );
        assert_eq!(
            &target.text[changed_attributes(&ours, &theirs)[0].target.range.clone()],
            "3.0.0"
        );
    }
}
