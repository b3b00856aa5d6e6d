//! The pure core: domain types and logic with no IO, no clock, no randomness and no
//! browser. Everything here is tested natively with `cargo test`.

pub mod benchmarks;
pub mod cohort;
pub mod drop;
pub mod export;
pub mod figures;
pub mod import;
pub mod planner_table;
pub mod privacy;
pub mod profile;
pub mod provision;
pub mod pupil;
pub mod school;
pub mod schools;
pub mod scoring;
pub mod self_evaluation;
pub mod synthetic;
pub mod targets;
pub mod tracking;
pub mod value;
