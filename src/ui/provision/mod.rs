//! Provision (SPEC §7, §8.2, §11), one file per concern, each showing what
//! `core::provision` decides:
//! - [`map`]: the Provision page — the whole-school provision map (Ealing) for an academic
//!   year, the concurrency warnings, and the sections below in order;
//! - [`form`]: **Add provision** for one pupil, a saved cohort, the shortlist or the
//!   pupils selected in a grid;
//! - [`list`]: the provision recorded, each with its edit, measures, copy and remove
//!   actions; [`edit`]: **Edit provision** (every field, and pupils joining and leaving on
//!   dates); [`measures`]: the measure a provision names and its entry and exit grid;
//! - [`bank`]: the intervention bank editor (Tameside's four lists);
//! - [`costs`]: the Costs page, with [`staff`]: its staff roles and hourly costs;
//! - [`individual_map`]: a pupil's individual provision map (Waltham Forest), with its
//!   reviews added, edited and deleted;
//! - [`waves`]: **Waves at a glance**; [`coming_up`]: **Coming up** (provision ending,
//!   reviews due and overdue);
//! - [`what_works`]: the What works page (gain and cost per intervention and measure, each
//!   row opening its provisions and pupils, a chart per measure).
//!
//! Everything edited is the one `ProvisionBook` in the workspace store, which the
//! workspace saves. The helpers here are shared by those files.

pub(crate) mod bank;
pub(crate) mod coming_up;
pub(crate) mod costs;
pub(crate) mod edit;
pub(crate) mod form;
pub(crate) mod individual_map;
pub(crate) mod list;
pub(crate) mod map;
pub(crate) mod measures;
pub(crate) mod reviews;
pub(crate) mod staff;
pub(crate) mod waves;
pub(crate) mod what_works;

pub use costs::CostsPage;
pub use map::ProvisionPage;
pub use what_works::WhatWorksPage;

use crate::core::drop::AcademicYear;
use crate::core::privacy::{Shown, ShownUpn};
use crate::core::provision::{ProvisionBook, SchoolPupil};
use crate::ui::state::{pupil_key, AppState};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Every pupil of the current drop as provision mapping sees them (key, year, class).
pub(crate) fn school_pupils(state: &AppState) -> Arc<Vec<SchoolPupil>> {
    state.data_drop.with(|drop| {
        Arc::new(drop.as_ref().map_or_else(Vec::new, |drop| {
            drop.pupils
                .iter()
                .map(|pupil| SchoolPupil::from_pupil(pupil_key(pupil), pupil))
                .collect()
        }))
    })
}

/// How the provision views name pupils, by pupil key, as privacy display mode allows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PupilNames {
    /// In full, or in privacy display mode.
    shown: Shown,
    /// Pupil key → the name to show (initials in privacy display mode).
    names: HashMap<String, String>,
}

impl PupilNames {
    /// The UPN to show for a pupil key (the key is the UPN when the pupil has one):
    /// masked in privacy display mode.
    pub fn upn(&self, key: &str) -> ShownUpn {
        self.shown.upn_text(key)
    }
}

/// Pupil key → the name to show: initials in privacy display mode (`core::privacy`).
pub(crate) fn pupil_names(state: &AppState) -> Arc<PupilNames> {
    let shown = state.shown();
    state.data_drop.with(|drop| {
        Arc::new(PupilNames {
            shown,
            names: drop.as_ref().map_or_else(HashMap::new, |drop| {
                drop.pupils
                    .iter()
                    .map(|pupil| (pupil_key(pupil), shown.name(pupil)))
                    .collect()
            }),
        })
    })
}

/// The name for a pupil key; for a pupil not in the current drop, the key itself (masked
/// in privacy display mode, since it is the UPN or holds the name and date of birth).
pub(crate) fn name_for(names: &PupilNames, key: &str) -> String {
    names
        .names
        .get(key)
        .cloned()
        .unwrap_or_else(|| names.shown.unknown_pupil(key))
}

/// The academic year the planner is working in: the current drop's, else today's.
pub(crate) fn working_year(state: &AppState) -> AcademicYear {
    state.data_drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(
            || AcademicYear::containing(crate::web::clock::today()),
            |drop| drop.academic_year,
        )
    })
}

/// Academic years (by start year) worth offering: the working year, the one before and
/// after, and every year a provision runs in.
pub(crate) fn year_choices(book: &ProvisionBook, working: AcademicYear) -> Vec<i32> {
    let mut years: Vec<i32> = vec![
        working.start_year - 1,
        working.start_year,
        working.start_year + 1,
    ];
    for provision in &book.provisions {
        if provision.delivery_days() > 0 {
            let first = AcademicYear::containing(provision.start).start_year;
            let last = AcademicYear::containing(provision.end).start_year;
            years.extend(first..=last.min(first + 10));
        }
    }
    years.sort_unstable();
    years.dedup();
    years
}

/// "Year 7", or "Year not known" for the column of pupils without a year group.
pub(crate) fn year_label(year: Option<crate::core::value::YearGroup>) -> String {
    year.map_or_else(|| "Year not known".to_string(), |y| y.label())
}
