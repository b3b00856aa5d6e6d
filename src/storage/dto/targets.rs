//! The target book as stored (stored format 6 on): the school's targets at every level
//! and each pupil's curricular targets.
//!
//! Words are stored in snake case (`"whole_school"`, `{"group": {"group": {"standard":
//! "summer_born"}, "year": "Y7"}}`, `"on_track"`), ids as plain numbers, year groups as a
//! pupil's are (`"Y7"`), dates as `"2026-07-17"`, the term a baseline came from as a
//! relabelled drop's is, and a baseline or target value as exact decimal text (`"93.5"`,
//! as a measure's limits are in [`super::provision`]), never a float. A target's id and
//! level, and a curricular target's id and horizon, must be there; every other field
//! reads as empty when missing. Each pupil's curricular targets are kept under the pupil's
//! key, as the notes are.

use super::provision::{measure_value_text, measure_value_to_core};
use super::pupil::{year_group_text, year_group_to_core};
use super::workspace::PeriodDto;
use super::{all_to_core, default_from_core, mirror_enum};
use crate::core::cohort::CohortId;
use crate::core::targets::curricular::{CurricularProgress, CurricularTarget, Horizon};
use crate::core::targets::{
    MarkerKind, Target, TargetBook, TargetGroup, TargetId, TargetLevel, TargetMeasure, TargetStatus,
};
use crate::core::tracking::trends::StandardGroup;
use crate::storage::schema::StorageError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mirror_enum!(
    /// A standard group, by its snake-case word (`"summer_born"`).
    #[serde(rename_all = "snake_case")]
    StandardGroupDto => StandardGroup {
        SummerBorn, Disadvantaged, SenSupport, EhcPlan, Eal, LookedAfter, Boys, Girls
    }
);

mirror_enum!(
    /// The marker a "% of pupils with a marker" target counts (`"overall_amber_or_red"`).
    #[serde(rename_all = "snake_case")]
    MarkerKindDto => MarkerKind {
        OverallAmberOrRed, OverallRed, AttendanceAmberOrRed, ExclusionsAmberOrRed, Shortlist
    }
);

mirror_enum!(
    /// A target's status (`"not_started"`, `"on_track"`, …).
    #[serde(rename_all = "snake_case")]
    TargetStatusDto => TargetStatus { NotStarted, OnTrack, AtRisk, Met, Missed }
);

mirror_enum!(
    /// How far ahead a curricular target looks (`"short"`, `"medium"`, `"long"`).
    #[serde(rename_all = "snake_case")]
    HorizonDto => Horizon { Short, Medium, Long }
);

mirror_enum!(
    /// How a curricular target stood at its last review (`"partly_achieved"`, …).
    #[serde(rename_all = "snake_case")]
    CurricularProgressDto => CurricularProgress {
        NotYetReviewed, Achieved, PartlyAchieved, NotAchieved
    }
);

/// A group a target is for: `{"standard": "eal"}` or a saved cohort's id, `{"cohort": 3}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetGroupDto {
    Standard(StandardGroupDto),
    Cohort(u32),
}

impl From<TargetGroup> for TargetGroupDto {
    fn from(core: TargetGroup) -> Self {
        match core {
            TargetGroup::Standard(group) => TargetGroupDto::Standard(group.into()),
            TargetGroup::Cohort(id) => TargetGroupDto::Cohort(id.0),
        }
    }
}

impl From<TargetGroupDto> for TargetGroup {
    fn from(dto: TargetGroupDto) -> Self {
        match dto {
            TargetGroupDto::Standard(group) => TargetGroup::Standard(group.into()),
            TargetGroupDto::Cohort(id) => TargetGroup::Cohort(CohortId(id)),
        }
    }
}

/// Who a target is for: `"whole_school"`, `{"year_group": "Y7"}`, `{"group": {"group": …,
/// "year": "Y7" or null}}` or `{"pupil": "<pupil key>"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetLevelDto {
    WholeSchool,
    YearGroup(String),
    Group {
        group: TargetGroupDto,
        year: Option<String>,
    },
    Pupil(String),
}

impl From<&TargetLevel> for TargetLevelDto {
    fn from(core: &TargetLevel) -> Self {
        match core {
            TargetLevel::WholeSchool => TargetLevelDto::WholeSchool,
            TargetLevel::YearGroup(year) => TargetLevelDto::YearGroup(year_group_text(*year)),
            TargetLevel::Group { group, year } => TargetLevelDto::Group {
                group: (*group).into(),
                year: year.map(year_group_text),
            },
            TargetLevel::Pupil(key) => TargetLevelDto::Pupil(key.clone()),
        }
    }
}

impl TryFrom<TargetLevelDto> for TargetLevel {
    type Error = StorageError;

    fn try_from(dto: TargetLevelDto) -> Result<TargetLevel, StorageError> {
        Ok(match dto {
            TargetLevelDto::WholeSchool => TargetLevel::WholeSchool,
            TargetLevelDto::YearGroup(year) => TargetLevel::YearGroup(year_group_to_core(year)?),
            TargetLevelDto::Group { group, year } => TargetLevel::Group {
                group: group.into(),
                year: year.map(year_group_to_core).transpose()?,
            },
            TargetLevelDto::Pupil(key) => TargetLevel::Pupil(key),
        })
    }
}

/// What the planner measures for a target: `"attendance"`, `"persistent_absence"`,
/// `"pupils_suspended"`, `{"low_attainers": {"subject": "Maths"}}`, `{"with_marker":
/// "shortlist"}` or `{"mean_grade": {"subject": "English"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetMeasureDto {
    Attendance,
    PersistentAbsence,
    PupilsSuspended,
    LowAttainers { subject: String },
    WithMarker(MarkerKindDto),
    MeanGrade { subject: String },
}

impl From<&TargetMeasure> for TargetMeasureDto {
    fn from(core: &TargetMeasure) -> Self {
        match core {
            TargetMeasure::Attendance => TargetMeasureDto::Attendance,
            TargetMeasure::PersistentAbsence => TargetMeasureDto::PersistentAbsence,
            TargetMeasure::PupilsSuspended => TargetMeasureDto::PupilsSuspended,
            TargetMeasure::LowAttainers { subject } => TargetMeasureDto::LowAttainers {
                subject: subject.clone(),
            },
            TargetMeasure::WithMarker(kind) => TargetMeasureDto::WithMarker((*kind).into()),
            TargetMeasure::MeanGrade { subject } => TargetMeasureDto::MeanGrade {
                subject: subject.clone(),
            },
        }
    }
}

impl From<TargetMeasureDto> for TargetMeasure {
    fn from(dto: TargetMeasureDto) -> Self {
        match dto {
            TargetMeasureDto::Attendance => TargetMeasure::Attendance,
            TargetMeasureDto::PersistentAbsence => TargetMeasure::PersistentAbsence,
            TargetMeasureDto::PupilsSuspended => TargetMeasure::PupilsSuspended,
            TargetMeasureDto::LowAttainers { subject } => TargetMeasure::LowAttainers { subject },
            TargetMeasureDto::WithMarker(kind) => TargetMeasure::WithMarker(kind.into()),
            TargetMeasureDto::MeanGrade { subject } => TargetMeasure::MeanGrade { subject },
        }
    }
}

/// One target. The id and level must be there; everything else reads as empty when
/// missing (no measure, no status chosen: the planner's suggestion).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetDto {
    pub id: u32,
    pub level: TargetLevelDto,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub measure: Option<TargetMeasureDto>,
    /// Exact decimal text.
    #[serde(default)]
    pub baseline: Option<String>,
    #[serde(default)]
    pub baseline_from: Option<PeriodDto>,
    /// Exact decimal text.
    #[serde(default)]
    pub target_value: Option<String>,
    #[serde(default)]
    pub by: Option<NaiveDate>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
    #[serde(default)]
    pub status: Option<TargetStatusDto>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub part_of: Option<u32>,
}

impl From<&Target> for TargetDto {
    fn from(core: &Target) -> Self {
        TargetDto {
            id: core.id.0,
            level: (&core.level).into(),
            description: core.description.clone(),
            measure: core.measure.as_ref().map(Into::into),
            baseline: core.baseline.map(measure_value_text),
            baseline_from: core.baseline_from.map(Into::into),
            target_value: core.target_value.map(measure_value_text),
            by: core.by,
            owner: core.owner.clone(),
            review_on: core.review_on,
            status: core.status.map(Into::into),
            notes: core.notes.clone(),
            part_of: core.part_of.map(|id| id.0),
        }
    }
}

impl TryFrom<TargetDto> for Target {
    type Error = StorageError;

    fn try_from(dto: TargetDto) -> Result<Target, StorageError> {
        Ok(Target {
            id: TargetId(dto.id),
            level: dto.level.try_into()?,
            description: dto.description,
            measure: dto.measure.map(Into::into),
            baseline: dto.baseline.map(measure_value_to_core).transpose()?,
            baseline_from: dto.baseline_from.map(Into::into),
            target_value: dto.target_value.map(measure_value_to_core).transpose()?,
            by: dto.by,
            owner: dto.owner,
            review_on: dto.review_on,
            status: dto.status.map(Into::into),
            notes: dto.notes,
            part_of: dto.part_of.map(TargetId),
        })
    }
}

fn not_yet_reviewed() -> CurricularProgressDto {
    CurricularProgressDto::NotYetReviewed
}

/// One curricular target of one pupil. The id and horizon must be there; everything else
/// reads as empty when missing (not yet reviewed, nobody recorded as taking part).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurricularTargetDto {
    pub id: u32,
    pub horizon: HorizonDto,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub set_on: Option<NaiveDate>,
    #[serde(default)]
    pub review_on: Option<NaiveDate>,
    #[serde(default)]
    pub pupil_set: bool,
    #[serde(default)]
    pub parents_set: bool,
    #[serde(default)]
    pub pupil_reviewed: bool,
    #[serde(default)]
    pub parents_reviewed: bool,
    #[serde(default = "not_yet_reviewed")]
    pub progress: CurricularProgressDto,
    #[serde(default)]
    pub review_notes: String,
}

impl From<&CurricularTarget> for CurricularTargetDto {
    fn from(core: &CurricularTarget) -> Self {
        CurricularTargetDto {
            id: core.id,
            horizon: core.horizon.into(),
            area: core.area.clone(),
            text: core.text.clone(),
            set_on: core.set_on,
            review_on: core.review_on,
            pupil_set: core.pupil_set,
            parents_set: core.parents_set,
            pupil_reviewed: core.pupil_reviewed,
            parents_reviewed: core.parents_reviewed,
            progress: core.progress.into(),
            review_notes: core.review_notes.clone(),
        }
    }
}

impl From<CurricularTargetDto> for CurricularTarget {
    fn from(dto: CurricularTargetDto) -> Self {
        CurricularTarget {
            id: dto.id,
            horizon: dto.horizon.into(),
            area: dto.area,
            text: dto.text,
            set_on: dto.set_on,
            review_on: dto.review_on,
            pupil_set: dto.pupil_set,
            parents_set: dto.parents_set,
            pupil_reviewed: dto.pupil_reviewed,
            parents_reviewed: dto.parents_reviewed,
            progress: dto.progress.into(),
            review_notes: dto.review_notes,
        }
    }
}

/// Everything the school writes about targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetBookDto {
    /// In the order they were added.
    pub targets: Vec<TargetDto>,
    /// Each pupil's curricular targets, by pupil key.
    pub pupils: BTreeMap<String, Vec<CurricularTargetDto>>,
}

default_from_core!(TargetBookDto, TargetBook);

impl From<&TargetBook> for TargetBookDto {
    fn from(core: &TargetBook) -> Self {
        TargetBookDto {
            targets: core.targets.iter().map(Into::into).collect(),
            pupils: core
                .pupils
                .iter()
                .map(|(key, targets)| (key.clone(), targets.iter().map(Into::into).collect()))
                .collect(),
        }
    }
}

impl TryFrom<TargetBookDto> for TargetBook {
    type Error = StorageError;

    fn try_from(dto: TargetBookDto) -> Result<TargetBook, StorageError> {
        Ok(TargetBook {
            targets: all_to_core(dto.targets)?,
            pupils: dto
                .pupils
                .into_iter()
                .map(|(key, targets)| (key, targets.into_iter().map(Into::into).collect()))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::{AcademicYear, Term};
    use crate::core::provision::measure::MeasureValue;
    use crate::core::tracking::timeline::Period;
    use crate::core::value::YearGroup;

    fn book(json: &str) -> Result<TargetBook, StorageError> {
        let dto: TargetBookDto = serde_json::from_str(json).expect("the shape reads");
        TargetBook::try_from(dto)
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("a date")
    }

    fn year(text: &str) -> YearGroup {
        YearGroup::try_from(text.to_string()).expect("a year group")
    }

    #[test]
    fn a_book_missing_fields_reads_as_empty() {
        assert_eq!(book("{}"), Ok(TargetBook::default()));
        let read = book(
            r#"{"targets":[{"id":4,"level":"whole_school"}],
                "pupils":{"ann":[{"id":1,"horizon":"short"}]}}"#,
        )
        .expect("converts");
        let target = &read.targets[0];
        assert_eq!(
            (target.id, &target.level),
            (TargetId(4), &TargetLevel::WholeSchool)
        );
        assert_eq!((target.measure.as_ref(), target.status), (None, None));
        assert_eq!(target.description, "");
        let curricular = &read.pupils["ann"][0];
        assert_eq!(curricular.progress, CurricularProgress::NotYetReviewed);
        assert!(!curricular.pupil_set && !curricular.parents_reviewed);
    }

    #[test]
    fn every_field_is_stored_in_words_and_exact_decimals_and_reads_back() {
        let target = Target {
            id: TargetId(7),
            level: TargetLevel::Group {
                group: TargetGroup::Standard(StandardGroup::SummerBorn),
                year: Some(year("Y7")),
            },
            description: "Summer-born Year 7 attend as well as the rest".into(),
            measure: Some(TargetMeasure::WithMarker(MarkerKind::AttendanceAmberOrRed)),
            baseline: Some(MeasureValue::from_ten_thousandths(935_000)),
            baseline_from: Some(Period {
                academic_year: AcademicYear { start_year: 2025 },
                term: Term::Spring,
            }),
            target_value: Some(MeasureValue::from_ten_thousandths(-2_500)),
            by: Some(day(31)),
            owner: "Head of Year 7".into(),
            review_on: Some(day(2)),
            status: Some(TargetStatus::AtRisk),
            notes: "Letters home".into(),
            part_of: Some(TargetId(3)),
        };
        let curricular = CurricularTarget {
            id: 2,
            horizon: Horizon::Medium,
            area: "Reading".into(),
            text: "Reads a page aloud".into(),
            set_on: Some(day(1)),
            review_on: Some(day(30)),
            pupil_set: true,
            parents_set: true,
            pupil_reviewed: true,
            parents_reviewed: true,
            progress: CurricularProgress::PartlyAchieved,
            review_notes: "Nearly".into(),
        };
        let core = TargetBook {
            targets: vec![target],
            pupils: BTreeMap::from([("ann".to_string(), vec![curricular])]),
        };
        let json = serde_json::to_value(TargetBookDto::from(&core)).expect("writes");
        assert_eq!(
            json["targets"][0]["level"],
            serde_json::json!({"group": {"group": {"standard": "summer_born"}, "year": "Y7"}})
        );
        assert_eq!(
            json["targets"][0]["measure"],
            serde_json::json!({"with_marker": "attendance_amber_or_red"})
        );
        assert_eq!(json["targets"][0]["baseline"], "93.5");
        assert_eq!(json["targets"][0]["target_value"], "-0.25");
        assert_eq!(json["targets"][0]["by"], "2026-03-31");
        assert_eq!(json["targets"][0]["status"], "at_risk");
        assert_eq!(json["pupils"]["ann"][0]["progress"], "partly_achieved");
        let dto: TargetBookDto = serde_json::from_value(json).expect("reads");
        assert_eq!(TargetBook::try_from(dto), Ok(core));
    }

    #[test]
    fn every_level_and_measure_reads_back() {
        let levels = [
            TargetLevel::WholeSchool,
            TargetLevel::YearGroup(year("R")),
            TargetLevel::Group {
                group: TargetGroup::Cohort(CohortId(5)),
                year: None,
            },
            TargetLevel::Pupil("W373210125361".into()),
        ];
        let measures = [
            TargetMeasure::Attendance,
            TargetMeasure::PersistentAbsence,
            TargetMeasure::PupilsSuspended,
            TargetMeasure::LowAttainers {
                subject: "Maths".into(),
            },
            TargetMeasure::MeanGrade {
                subject: "English".into(),
            },
        ];
        for level in &levels {
            let dto = TargetLevelDto::from(level);
            let json = serde_json::to_string(&dto).expect("writes");
            let read: TargetLevelDto = serde_json::from_str(&json).expect("reads");
            assert_eq!(TargetLevel::try_from(read).as_ref(), Ok(level), "{json}");
        }
        for measure in &measures {
            let json = serde_json::to_string(&TargetMeasureDto::from(measure)).expect("writes");
            let read: TargetMeasureDto = serde_json::from_str(&json).expect("reads");
            assert_eq!(&TargetMeasure::from(read), measure, "{json}");
        }
        assert_eq!(
            serde_json::to_value(TargetLevelDto::from(&levels[0])).expect("writes"),
            "whole_school"
        );
    }

    #[test]
    fn a_value_or_year_group_the_core_refuses_is_damage_naming_it() {
        for (json, value) in [
            (
                r#"{"targets":[{"id":1,"level":"whole_school","target_value":"96%"}]}"#,
                "96%",
            ),
            (
                r#"{"targets":[{"id":1,"level":"whole_school","baseline":"9.12345"}]}"#,
                "9.12345",
            ),
            (
                r#"{"targets":[{"id":1,"level":{"year_group":"Y14"}}]}"#,
                "Y14",
            ),
            (
                r#"{"targets":[{"id":1,"level":{"group":{"group":{"cohort":2},"year":"Y0"}}}]}"#,
                "Y0",
            ),
        ] {
            assert!(
                matches!(book(json), Err(StorageError::Damaged(detail)) if detail.contains(value)),
                "{json}"
            );
        }
    }
}
