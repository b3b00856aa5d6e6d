//! Tracking over time (SPEC §8.1): a workspace's data drops read together. `matching`
//! follows each pupil from one drop to the next; `hindsight` says how well the flags of
//! one drop foretold what a later drop showed; `timeline` puts the drops in order and
//! follows each person through all of them; `trends` measures a group at every drop
//! against the rest of the school; `over_time` gives a pupil's row at each drop and finds
//! the same term, and the same children, a year before; `drops_table` gives the Data
//! drops rows and asks "Is this the right school?" before an import that barely overlaps.

pub mod drops_table;
pub mod hindsight;
pub mod matching;
pub mod over_time;
#[cfg(test)]
mod test_support;
pub mod timeline;
pub mod trends;
