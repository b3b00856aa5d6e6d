//! Provision mapping (SPEC §7): what additional and different provision the school makes,
//! for whom, and at what cost.
//!
//! - [`bank`]: the intervention bank (Tameside's four lists, pre-filled) and its editing.
//! - [`staff`]: staff roles and their hourly cost (fixed, or derived from a salary).
//! - [`provision`]: a provision — an intervention delivered to a group of pupils.
//! - [`costs`]: the cost formula, academic/financial-year apportionment and totals;
//!   [`budget`]: committed and planned (draft) provision against the budget;
//!   [`settings`]: the settings as the Costs page reads them from what is typed.
//! - [`map`]: the whole-school provision map (Ealing) and the individual provision map
//!   (Waltham Forest).
//! - [`gaps`]: the need audit table, the gap analysis, class support and staff training;
//!   [`audit`]: the audit for a named academic year (expected pupils, editing), with
//!   [`next_year`]: next year's year groups; [`concurrency`]: the concurrency warning.
//! - [`review`]: APDR reviews recorded, edited and deleted on an individual map.
//! - [`coming_up`]: provision ending and reviews due in the next four weeks, and overdue.
//! - [`waves`]: waves at a glance, pupils by the highest wave of their current provision.
//!
//! Everything a school edits lives in one [`ProvisionBook`]. The workspace record carries
//! it in its stored shape (`storage::dto::provision`), where a missing field reads as the
//! default here, so older records read back with the defaults filled in.
//!
//! Pupils are referred to by their *pupil key*: the UPN as a string (the key the rest of
//! the app keeps notes and focus flags under). The core never needs the pupil records
//! themselves; where a year group or class matters, callers pass [`SchoolPupil`]s.

pub mod audit;
pub mod bank;
pub mod budget;
pub mod coming_up;
pub mod concurrency;
pub mod costs;
pub mod draft;
pub mod edit;
pub mod gaps;
pub mod impact;
pub mod map;
pub mod measure;
pub mod next_year;
#[allow(clippy::module_inception)] // `provision::provision` holds the `Provision` type.
pub mod provision;
pub mod review;
pub mod settings;
pub mod staff;
pub mod waves;

use crate::core::pupil::Pupil;
use crate::core::value::{Money, YearGroup};

pub use bank::{
    BankError, Category, Delivery, Intervention, InterventionBank, InterventionId, MapArea,
    NeedArea, Wave,
};
pub use costs::{CostInputs, CostLine, CostTotals, FinancialYear, Period};
pub use draft::{DraftField, DraftPupils, Problem, ProvisionDraft};
pub use gaps::{ConcurrencyWarning, ExpectedPupils, GapAnalysis, NeedAuditEntry};
pub use impact::{what_works, ImpactFigures, ImpactFilter, WhatWorksRow};
pub use map::{IndividualMap, IndividualRecord, ProvisionMap};
pub use measure::{MeasureSource, MeasureSpec, MeasureValue};
pub use provision::{
    Marker, Measure, MemberDates, Priority, Provision, ProvisionId, ProvisionStatus, StaffChange,
};
pub use staff::{HourlyRate, StaffRole, StaffRoleId, StaffRoles};

/// The school's settings for provision and costs, each a default the school can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionSettings {
    /// Weeks in the school year: the weeks a provision runs when it gives no weeks of its
    /// own. Default 38.
    pub weeks_in_year: u32,
    /// The additional-support cost per pupil schools fund from their notional SEN budget
    /// before top-up funding: a pupil's total is shown against it. Default £6,000.
    pub pupil_threshold: Money,
    /// The school's notional SEN budget, which totals are compared with. Default £0
    /// (unknown until the school enters it).
    pub notional_sen_budget: Money,
    /// The most interventions a pupil should have running at once before the planner
    /// warns. Default 3.
    pub concurrency_limit: u32,
}

impl Default for ProvisionSettings {
    fn default() -> Self {
        ProvisionSettings {
            weeks_in_year: 38,
            pupil_threshold: Money::from_pence(600_000),
            notional_sen_budget: Money::ZERO,
            concurrency_limit: 3,
        }
    }
}

/// Everything the school records about provision: the bank, staff roles, provisions,
/// settings, the need audit and the individual provision maps. Stored in the workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct ProvisionBook {
    /// The intervention bank.
    pub bank: InterventionBank,
    /// Staff roles and their hourly costs.
    pub staff: StaffRoles,
    /// Every provision, current and past, in the order they were added.
    pub provisions: Vec<Provision>,
    /// Weeks in the year, thresholds, budget and the concurrency limit.
    pub settings: ProvisionSettings,
    /// The need audit for the coming year (Ealing step 1).
    pub need_audit: Vec<NeedAuditEntry>,
    /// Individual provision maps, one per pupil per academic year.
    pub individual: Vec<IndividualRecord>,
    /// Pupils expected in a coming year who are not on roll yet, for the need audit.
    pub expected_pupils: Vec<ExpectedPupils>,
}

impl Default for ProvisionBook {
    /// The Tameside bank, the four default staff roles and no provision yet.
    fn default() -> Self {
        ProvisionBook {
            bank: InterventionBank::default(),
            staff: StaffRoles::default(),
            provisions: Vec::new(),
            settings: ProvisionSettings::default(),
            need_audit: Vec::new(),
            individual: Vec::new(),
            expected_pupils: Vec::new(),
        }
    }
}

impl ProvisionBook {
    /// The provision with this id.
    pub fn provision(&self, id: ProvisionId) -> Option<&Provision> {
        self.provisions.iter().find(|p| p.id == id)
    }

    /// The provision with this id, to edit.
    pub fn provision_mut(&mut self, id: ProvisionId) -> Option<&mut Provision> {
        self.provisions.iter_mut().find(|p| p.id == id)
    }

    /// Adds a provision, giving it a new id (one more than the largest in use), and
    /// returns that id. Whatever id `provision` carried is replaced.
    pub fn add_provision(&mut self, mut provision: Provision) -> ProvisionId {
        let next = self
            .provisions
            .iter()
            .map(|p| p.id.0)
            .max()
            .map_or(1, |max| max.saturating_add(1));
        provision.id = ProvisionId(next);
        self.provisions.push(provision);
        ProvisionId(next)
    }

    /// Removes a provision; `true` when there was one with this id.
    pub fn remove_provision(&mut self, id: ProvisionId) -> bool {
        let before = self.provisions.len();
        self.provisions.retain(|p| p.id != id);
        self.provisions.len() != before
    }

    /// The provisions a pupil is in, in the order they were added.
    pub fn provisions_for<'a>(&'a self, pupil: &'a str) -> impl Iterator<Item = &'a Provision> {
        self.provisions.iter().filter(move |p| p.includes(pupil))
    }
}

/// What provision mapping needs to know about one pupil in the school: the key their
/// provision is recorded under (the UPN), their year group and class.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolPupil {
    /// The pupil key (UPN).
    pub key: String,
    /// The year group, when known.
    pub year_group: Option<YearGroup>,
    /// The registration group or class, when known.
    pub class: Option<String>,
}

impl SchoolPupil {
    /// The pupil's year group and class from their record, under the key the caller uses.
    pub fn from_pupil(key: impl Into<String>, pupil: &Pupil) -> SchoolPupil {
        SchoolPupil {
            key: key.into(),
            year_group: pupil.year_group,
            class: pupil
                .class
                .as_ref()
                .map(|class| class.trim().to_string())
                .filter(|class| !class.is_empty()),
        }
    }
}

/// Rounds `numerator / denominator` to the nearest whole number, halves up (towards
/// positive infinity). `denominator` must be positive; zero gives 0.
pub(crate) fn round_half_up(numerator: i128, denominator: i128) -> i64 {
    if denominator <= 0 {
        return 0;
    }
    let rounded = (2 * numerator + denominator).div_euclid(2 * denominator);
    i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_half_up_rounds_halves_up_and_the_rest_to_nearest() {
        assert_eq!(round_half_up(5, 2), 3);
        assert_eq!(round_half_up(7, 3), 2);
        assert_eq!(round_half_up(8, 3), 3);
        assert_eq!(round_half_up(-5, 2), -2);
        assert_eq!(round_half_up(10, 0), 0);
    }

    #[test]
    fn the_default_book_is_the_tameside_bank_and_the_default_settings() {
        let book = ProvisionBook::default();
        assert_eq!(book.bank.items.len(), 34);
        assert_eq!(book.settings.weeks_in_year, 38);
        assert_eq!(book.settings.pupil_threshold.pence(), 600_000);
    }

    #[test]
    fn provisions_get_fresh_ids_and_can_be_removed() {
        let mut book = ProvisionBook::default();
        let first = book.add_provision(Provision::default());
        let second = book.add_provision(Provision::default());
        assert_eq!((first.0, second.0), (1, 2));
        assert!(book.remove_provision(first));
        assert!(!book.remove_provision(first));
        assert_eq!(book.add_provision(Provision::default()).0, 3);
    }
}
