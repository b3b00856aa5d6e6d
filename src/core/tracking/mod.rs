//! Tracking over time (SPEC §8.1): a workspace's data drops read together. `matching`
//! follows each pupil from one drop to the next.

pub mod matching;
