//! Targets (SPEC §8.3, issue 15): what the school aims for at four levels — the whole
//! school, a year group, a group (a saved cohort or a standard group) and a pupil — and
//! pupils' own curricular targets. Everything the school writes here is one
//! [`TargetBook`], saved in the workspace record.
//!
//! - this file: the targets themselves, as data;
//! - `measure`: what a measured target's figure is at a data drop, worked out from its
//!   pupils (attendance, persistent absence, suspensions, low attainers, a marker, a
//!   subject's mean grade); `status` the status that figure suggests (met, on track, at
//!   risk) and the status shown; `wording` each measure's label, unit, direction and range;
//! - `draft`: the **Targets** form as data, refusing a value of the wrong kind by field;
//!   `book` adds, edits and deletes targets and curricular targets (deleting a target
//!   detaches its parts); `breakdown` breaks a target down by year group;
//! - `curricular`: a pupil's short-, medium- and long-term curricular targets, and their
//!   form as data;
//! - `trajectory`: pupils off trajectory in a subject, per year group.

use crate::core::cohort::CohortId;
use crate::core::provision::measure::MeasureValue;
use crate::core::tracking::timeline::Period;
use crate::core::tracking::trends::StandardGroup;
use crate::core::value::YearGroup;
use chrono::NaiveDate;

pub mod book;
pub mod breakdown;
pub mod choices;
pub mod curricular;
pub mod draft;
pub mod involvement;
pub mod measure;
pub mod report;
pub mod status;
#[cfg(test)]
mod test_support;
pub mod trajectory;
pub mod view;
pub mod wording;

/// A target's id, never reused while the target exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TargetId(pub u32);

impl TargetId {
    /// The id for a new target: one more than the largest in use, so 1 for the first.
    pub fn next(targets: &[Target]) -> TargetId {
        TargetId(targets.iter().map(|t| t.id.0).max().unwrap_or(0) + 1)
    }
}

/// A group a target is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetGroup {
    /// One of the standard groups (summer-born, disadvantaged, …).
    Standard(StandardGroup),
    /// A saved cohort, by its id.
    Cohort(CohortId),
}

/// Who a target is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TargetLevel {
    /// Every pupil on roll at the drop.
    WholeSchool,
    /// One year group.
    YearGroup(YearGroup),
    /// A group; with a year group, only its pupils in that year (a group's target broken
    /// down by year group).
    Group {
        group: TargetGroup,
        year: Option<YearGroup>,
    },
    /// One pupil, by pupil key (the UPN, or surname|forename|date of birth).
    Pupil(String),
}

/// Which marker a "% of pupils with a marker" target counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkerKind {
    /// The overall indicator amber or red.
    OverallAmberOrRed,
    /// The overall indicator red.
    OverallRed,
    /// The attendance marker amber or red.
    AttendanceAmberOrRed,
    /// The exclusions marker amber or red.
    ExclusionsAmberOrRed,
    /// On the 2% shortlist.
    Shortlist,
}

/// A figure the planner works out for a target from every data drop.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TargetMeasure {
    /// Mean attendance %, of pupils whose attendance is recorded.
    Attendance,
    /// % of pupils persistently absent (attendance under the profile's threshold).
    PersistentAbsence,
    /// Number of pupils with one or more suspensions.
    PupilsSuspended,
    /// % of pupils with a result in the subject who are low attainers in it.
    LowAttainers { subject: String },
    /// % of pupils with the marker.
    WithMarker(MarkerKind),
    /// Mean working-at grade in the subject, of pupils with a grade.
    MeanGrade { subject: String },
}

/// A target's status, as staff set it (or as the planner suggests it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetStatus {
    NotStarted,
    OnTrack,
    AtRisk,
    Met,
    Missed,
}

impl TargetStatus {
    pub const ALL: [TargetStatus; 5] = [
        TargetStatus::NotStarted,
        TargetStatus::OnTrack,
        TargetStatus::AtRisk,
        TargetStatus::Met,
        TargetStatus::Missed,
    ];

    /// Its name on screen.
    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::NotStarted => "Not started",
            TargetStatus::OnTrack => "On track",
            TargetStatus::AtRisk => "At risk",
            TargetStatus::Met => "Met",
            TargetStatus::Missed => "Missed",
        }
    }
}

/// One target the school set.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub id: TargetId,
    pub level: TargetLevel,
    pub description: String,
    /// What the planner measures for it, if anything.
    pub measure: Option<TargetMeasure>,
    /// The figure when it was set, and the drop it was taken from.
    pub baseline: Option<MeasureValue>,
    pub baseline_from: Option<Period>,
    /// The figure aimed for.
    pub target_value: Option<MeasureValue>,
    /// When it should be reached.
    pub by: Option<NaiveDate>,
    pub owner: String,
    pub review_on: Option<NaiveDate>,
    /// The status staff chose; `None` follows the planner's suggestion (or "Not started"
    /// for a target with no measure).
    pub status: Option<TargetStatus>,
    pub notes: String,
    /// The target this one was broken down from (a group's target by year group).
    pub part_of: Option<TargetId>,
}

/// Everything the school writes about targets: saved in the workspace record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TargetBook {
    /// Targets at every level, in the order they were added.
    pub targets: Vec<Target>,
    /// Each pupil's curricular targets, by pupil key.
    pub pupils: std::collections::BTreeMap<String, Vec<curricular::CurricularTarget>>,
}
