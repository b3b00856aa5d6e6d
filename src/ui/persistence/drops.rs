//! The workspace's data drops between memory and their records: the drops a loaded
//! workspace holds (each filed under its term now), and a held drop as its record is
//! written (under the term it was imported for; a relabel is the workspace record's).

use crate::core::tracking::timeline::Period;
use crate::storage::schema::{StoredDrop, StoredWorkspace, SCHEMA_VERSION};
use crate::ui::state::HeldDrop;
use std::sync::Arc;

/// The drops a loaded workspace holds, in term order, each filed under its term now (a
/// relabelled drop under its new term).
pub(super) fn held_drops(workspace: &StoredWorkspace, records: Vec<StoredDrop>) -> Vec<HeldDrop> {
    let periods: Vec<(String, Period)> = workspace
        .filed(&records)
        .into_iter()
        .map(|(record, period)| (record.id.clone(), period))
        .collect();
    let mut records = records;
    let mut held: Vec<HeldDrop> = periods
        .into_iter()
        .filter_map(|(id, period)| {
            let at = records.iter().position(|record| record.id == id)?;
            let record = records.swap_remove(at);
            let recorded = Period::of(&record.drop);
            let mut drop = record.drop;
            drop.academic_year = period.academic_year;
            drop.term = period.term;
            Some(HeldDrop {
                id,
                drop: Arc::new(drop),
                recorded,
            })
        })
        .collect();
    held.sort_by_key(HeldDrop::period);
    held
}

/// A held drop as its record is written: its pupils under the term it was imported for
/// (a relabel is the workspace record's).
pub(super) fn as_record(held: &HeldDrop) -> StoredDrop {
    let mut drop = (*held.drop).clone();
    drop.academic_year = held.recorded.academic_year;
    drop.term = held.recorded.term;
    StoredDrop {
        schema_version: SCHEMA_VERSION,
        id: held.id.clone(),
        drop,
    }
}
