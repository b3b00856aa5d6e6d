//! The Targets page (SPEC §8.3, issue 15), a file per concern, each showing what
//! `core::targets` decides:
//! - [`page`]: the page — its intro, the level and status filters, **Add a target**, the
//!   table and the Off trajectory section;
//! - [`list`]: the table **Targets** (a row per target in words from `targets::view`, a
//!   year group's parts indented under their target) with each row's actions: its figures
//!   at each drop, **Edit**, **Break down by year group** and **Delete** after a
//!   confirmation;
//! - [`form`]: the add and edit form (`targets::draft::TargetDraft`, each problem beside
//!   its field and in a "There is a problem" summary; nothing changes until it is valid);
//! - [`series`]: a measured target's figure at every data drop, as a table with a small
//!   chart beside it marking the target value;
//! - [`off_trajectory`]: **Off trajectory** — pupils per year group whose results have not
//!   moved, have fallen, or are below target by more than a margin, each year group's
//!   list saved as a fixed cohort.
//!
//! The targets are the one `TargetBook` in the workspace store, which the workspace saves.

mod form;
mod list;
mod off_trajectory;
mod page;
mod series;

pub use page::TargetsPage;

use crate::core::privacy::Shown;
use crate::core::pupil::PupilKey;
use crate::core::targets::measure::Measuring;
use crate::ui::state::{AppState, WorkspaceStoreFields};
use leptos::prelude::*;
use std::collections::HashMap;

/// Runs `work` with everything a target's figures are worked out from: every drop held,
/// followed and scored with the current profile (`AppState::tracking`), and the saved
/// cohorts. Tracked: a caller in a memo or a view follows new drops, a new profile and
/// changed cohorts.
fn with_measuring<R>(state: &AppState, work: impl FnOnce(&Measuring<'_>) -> R) -> R {
    let tracking = state.tracking.get();
    let profile = state.work.profile().get();
    state.work.cohorts().with(|cohorts| {
        let drops = tracking.scored();
        let measuring = Measuring {
            timeline: &tracking.timeline,
            drops: &drops,
            profile: &profile,
            cohorts,
        };
        work(&measuring)
    })
}

/// Where the drop the planner shows is among the drops held (timeline order), for a
/// baseline taken now; the latest when the shown drop is not found. `None` with no drops.
fn shown_drop_at(state: &AppState) -> Option<usize> {
    let tracking = state.tracking.get_untracked();
    state
        .data_drop
        .with_untracked(|drop| drop.as_ref().and_then(|d| tracking.position_of(d)))
        .or_else(|| tracking.drops.len().checked_sub(1))
}

/// Pupil key → the name to show, from the latest drop each pupil is in: initials in
/// privacy display mode (`core::privacy`). A key no drop holds shows as
/// `Shown::unknown_pupil` says.
#[derive(Debug, Clone, Default)]
struct PupilNames {
    shown: Shown,
    names: HashMap<String, String>,
}

impl PupilNames {
    /// The names of every pupil of every drop held, as `AppState::shown` allows now
    /// (tracked).
    fn of(state: &AppState) -> PupilNames {
        let shown = state.shown();
        let tracking = state.tracking.get();
        let mut names = HashMap::new();
        for held in tracking.drops.iter().rev() {
            for pupil in &held.drop.pupils {
                names
                    .entry(PupilKey::of(pupil).into_string())
                    .or_insert_with(|| shown.name(pupil));
            }
        }
        PupilNames { shown, names }
    }

    /// The name to show for a pupil key.
    fn name(&self, key: &str) -> String {
        self.names
            .get(key)
            .cloned()
            .unwrap_or_else(|| self.shown.unknown_pupil(key))
    }
}
