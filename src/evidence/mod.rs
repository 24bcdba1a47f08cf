//! Evidence: what no single translation can tell about itself.
//!
//! - [`group`]: over the article group, how many translations keep each source block as it
//!   is, which Latin words they keep, and which words are code (gathered once a group is
//!   parsed and aligned, before any rule runs);
//! - [`practice`]: over the run, the punctuation and quotation habits and the kept words each
//!   locale practises (tallied while the rules run, and decided once the run is over).

pub mod group;
pub mod practice;

pub use group::GroupEvidence;
pub use practice::{Habit, Observations, Practice};
