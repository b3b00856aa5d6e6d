//! The concurrency warning (SPEC §7): a pupil in more interventions at once (date ranges
//! overlapping, not stopped) than the school's limit (default 3) gets a warning for each
//! span of days over the limit. Moved out of `gaps` whole; `gaps` re-exports it, so
//! `gaps::concurrency_warnings` still names it.

use crate::core::provision::provision::{Provision, ProvisionId, ProvisionStatus};
use crate::core::provision::ProvisionBook;
use chrono::{Days, NaiveDate};
use std::collections::BTreeSet;

/// A span of days in which a pupil has more interventions at once than the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcurrencyWarning {
    /// The pupil key.
    pub pupil: String,
    /// The first day of the span.
    pub from: NaiveDate,
    /// The last day of the span.
    pub to: NaiveDate,
    /// The provisions running throughout the span, by id.
    pub provisions: Vec<ProvisionId>,
    /// The school's limit.
    pub limit: u32,
}

/// The spans in which `pupil` has more concurrent (date-overlapping, not stopped)
/// interventions than the school's limit, in date order.
pub fn concurrency_warnings_for(book: &ProvisionBook, pupil: &str) -> Vec<ConcurrencyWarning> {
    let limit = book.settings.concurrency_limit;
    let mine: Vec<&Provision> = book
        .provisions_for(pupil)
        .filter(|p| p.status != ProvisionStatus::Stopped && p.delivery_days() > 0)
        .collect();
    if mine.len() <= limit as usize {
        return Vec::new();
    }
    // Every day on which the set of running provisions can change.
    let boundaries: BTreeSet<NaiveDate> = mine
        .iter()
        .flat_map(|p| [Some(p.start), p.end.checked_add_days(Days::new(1))])
        .flatten()
        .collect();
    let boundaries: Vec<NaiveDate> = boundaries.into_iter().collect();
    let mut warnings: Vec<ConcurrencyWarning> = Vec::new();
    for (at, day) in boundaries.iter().enumerate() {
        let mut running: Vec<ProvisionId> = mine
            .iter()
            .filter(|p| p.start <= *day && *day <= p.end)
            .map(|p| p.id)
            .collect();
        if running.len() <= limit as usize {
            continue;
        }
        running.sort();
        // The span lasts until the day before the next boundary (there is always one:
        // the day after the last end).
        let to = boundaries
            .get(at + 1)
            .and_then(|next| next.checked_sub_days(Days::new(1)))
            .unwrap_or(*day);
        match warnings.last_mut() {
            Some(last)
                if last.provisions == running
                    && last.to.checked_add_days(Days::new(1)) == Some(*day) =>
            {
                last.to = to;
            }
            _ => warnings.push(ConcurrencyWarning {
                pupil: pupil.to_string(),
                from: *day,
                to,
                provisions: running,
                limit,
            }),
        }
    }
    warnings
}

/// Every pupil's concurrency warnings, by pupil key then date.
pub fn concurrency_warnings(book: &ProvisionBook) -> Vec<ConcurrencyWarning> {
    let pupils: BTreeSet<&str> = book
        .provisions
        .iter()
        .flat_map(|p| p.pupils.iter().map(String::as_str))
        .collect();
    pupils
        .into_iter()
        .flat_map(|pupil| concurrency_warnings_for(book, pupil))
        .collect()
}
