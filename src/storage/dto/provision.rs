//! The provision book as stored: the bank and staff roles ([`super::bank`]), provisions,
//! settings, the need audit and individual provision maps. Every struct reads a missing
//! field as the core's default, as records written before the field existed always have.

use super::bank::{staff_ids, staff_ids_to_core, InterventionBankDto, NeedAreaDto, StaffRolesDto};
use super::drop::AcademicYearDto;
use super::pupil::money_to_core;
use super::{default_from_core, mirror_enum};
use crate::core::provision::bank::InterventionId;
use crate::core::provision::map::{ApdrReview, AssessedNeed, ExpectedOutcome, IndividualRecord};
use crate::core::provision::provision::{
    DeliveryOverrides, Marker, Measure, Priority, Provision, ProvisionId, ProvisionStatus,
    PupilMeasures,
};
use crate::core::provision::{NeedAuditEntry, ProvisionBook, ProvisionSettings};
use crate::storage::schema::StorageError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mirror_enum!(
    /// The planner marker a provision addresses.
    ProvisionMarkerDto => Marker { Attendance, Exclusions, Attainment, Other }
);

mirror_enum!(
    /// Must, should or could.
    PriorityDto => Priority { Must, Should, Could }
);

mirror_enum!(
    /// Planned, running, finished or stopped.
    ProvisionStatusDto => ProvisionStatus { Planned, Running, Finished, Stopped }
);

/// A provision's changes to its intervention's delivery; money in pence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryOverridesDto {
    pub group_size: Option<u32>,
    pub sessions_per_week: Option<u32>,
    pub minutes_per_session: Option<u32>,
    pub weeks: Option<u32>,
    pub resource_cost: Option<i64>,
}

default_from_core!(DeliveryOverridesDto, DeliveryOverrides);

impl From<&DeliveryOverrides> for DeliveryOverridesDto {
    fn from(core: &DeliveryOverrides) -> Self {
        DeliveryOverridesDto {
            group_size: core.group_size,
            sessions_per_week: core.sessions_per_week,
            minutes_per_session: core.minutes_per_session,
            weeks: core.weeks,
            resource_cost: core.resource_cost.map(|money| money.pence()),
        }
    }
}

impl From<DeliveryOverridesDto> for DeliveryOverrides {
    fn from(dto: DeliveryOverridesDto) -> Self {
        DeliveryOverrides {
            group_size: dto.group_size,
            sessions_per_week: dto.sessions_per_week,
            minutes_per_session: dto.minutes_per_session,
            weeks: dto.weeks,
            resource_cost: dto.resource_cost.map(money_to_core),
        }
    }
}

/// One entry or exit measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasureDto {
    pub name: String,
    pub value: String,
    pub date: Option<NaiveDate>,
}

default_from_core!(MeasureDto, Measure);

impl From<&Measure> for MeasureDto {
    fn from(core: &Measure) -> Self {
        MeasureDto {
            name: core.name.clone(),
            value: core.value.clone(),
            date: core.date,
        }
    }
}

impl From<MeasureDto> for Measure {
    fn from(dto: MeasureDto) -> Self {
        Measure {
            name: dto.name,
            value: dto.value,
            date: dto.date,
        }
    }
}

/// One pupil's entry and exit measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PupilMeasuresDto {
    pub pupil: String,
    pub entry: Option<MeasureDto>,
    pub exit: Option<MeasureDto>,
}

default_from_core!(PupilMeasuresDto, PupilMeasures);

impl From<&PupilMeasures> for PupilMeasuresDto {
    fn from(core: &PupilMeasures) -> Self {
        PupilMeasuresDto {
            pupil: core.pupil.clone(),
            entry: core.entry.as_ref().map(Into::into),
            exit: core.exit.as_ref().map(Into::into),
        }
    }
}

impl From<PupilMeasuresDto> for PupilMeasures {
    fn from(dto: PupilMeasuresDto) -> Self {
        PupilMeasures {
            pupil: dto.pupil,
            entry: dto.entry.map(Into::into),
            exit: dto.exit.map(Into::into),
        }
    }
}

/// A provision: ids as plain numbers, dates as `"2026-09-01"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProvisionDto {
    pub id: u32,
    pub intervention: u32,
    pub marker: ProvisionMarkerDto,
    pub pupils: Vec<String>,
    pub staff: Option<Vec<u32>>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub overrides: DeliveryOverridesDto,
    pub priority: PriorityDto,
    pub status: ProvisionStatusDto,
    pub measures: Vec<PupilMeasuresDto>,
    pub notes: String,
}

default_from_core!(ProvisionDto, Provision);

impl From<&Provision> for ProvisionDto {
    fn from(core: &Provision) -> Self {
        ProvisionDto {
            id: core.id.0,
            intervention: core.intervention.0,
            marker: core.marker.into(),
            pupils: core.pupils.clone(),
            staff: core.staff.as_deref().map(staff_ids),
            start: core.start,
            end: core.end,
            overrides: (&core.overrides).into(),
            priority: core.priority.into(),
            status: core.status.into(),
            measures: core.measures.iter().map(Into::into).collect(),
            notes: core.notes.clone(),
        }
    }
}

impl From<ProvisionDto> for Provision {
    fn from(dto: ProvisionDto) -> Self {
        Provision {
            id: ProvisionId(dto.id),
            intervention: InterventionId(dto.intervention),
            marker: dto.marker.into(),
            pupils: dto.pupils,
            staff: dto.staff.map(staff_ids_to_core),
            start: dto.start,
            end: dto.end,
            overrides: dto.overrides.into(),
            priority: dto.priority.into(),
            status: dto.status.into(),
            measures: dto.measures.into_iter().map(Into::into).collect(),
            notes: dto.notes,
            ..Provision::default() // TODO(storage v5): the fields issue 14 added
        }
    }
}

/// The school's provision settings; money in pence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProvisionSettingsDto {
    pub weeks_in_year: u32,
    pub pupil_threshold: i64,
    pub notional_sen_budget: i64,
    pub concurrency_limit: u32,
}

default_from_core!(ProvisionSettingsDto, ProvisionSettings);

impl From<&ProvisionSettings> for ProvisionSettingsDto {
    fn from(core: &ProvisionSettings) -> Self {
        ProvisionSettingsDto {
            weeks_in_year: core.weeks_in_year,
            pupil_threshold: core.pupil_threshold.pence(),
            notional_sen_budget: core.notional_sen_budget.pence(),
            concurrency_limit: core.concurrency_limit,
        }
    }
}

impl From<ProvisionSettingsDto> for ProvisionSettings {
    fn from(dto: ProvisionSettingsDto) -> Self {
        ProvisionSettings {
            weeks_in_year: dto.weeks_in_year,
            pupil_threshold: money_to_core(dto.pupil_threshold),
            notional_sen_budget: money_to_core(dto.notional_sen_budget),
            concurrency_limit: dto.concurrency_limit,
        }
    }
}

/// One audited need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeedAuditEntryDto {
    pub pupil: String,
    pub area: NeedAreaDto,
    pub priority: PriorityDto,
    pub note: String,
}

default_from_core!(NeedAuditEntryDto, NeedAuditEntry);

impl From<&NeedAuditEntry> for NeedAuditEntryDto {
    fn from(core: &NeedAuditEntry) -> Self {
        NeedAuditEntryDto {
            pupil: core.pupil.clone(),
            area: core.area.into(),
            priority: core.priority.into(),
            note: core.note.clone(),
        }
    }
}

impl From<NeedAuditEntryDto> for NeedAuditEntry {
    fn from(dto: NeedAuditEntryDto) -> Self {
        NeedAuditEntry {
            pupil: dto.pupil,
            area: dto.area.into(),
            priority: dto.priority.into(),
            note: dto.note,
            academic_year: None, // TODO(storage v5)
        }
    }
}

/// An assessed need on an individual provision map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessedNeedDto {
    pub need: String,
    pub area: Option<NeedAreaDto>,
    pub access_impact: String,
}

default_from_core!(AssessedNeedDto, AssessedNeed);

impl From<&AssessedNeed> for AssessedNeedDto {
    fn from(core: &AssessedNeed) -> Self {
        AssessedNeedDto {
            need: core.need.clone(),
            area: core.area.map(Into::into),
            access_impact: core.access_impact.clone(),
        }
    }
}

impl From<AssessedNeedDto> for AssessedNeed {
    fn from(dto: AssessedNeedDto) -> Self {
        AssessedNeed {
            need: dto.need,
            area: dto.area.map(Into::into),
            access_impact: dto.access_impact,
        }
    }
}

/// What a provision is expected to achieve for the pupil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExpectedOutcomeDto {
    pub provision: u32,
    pub outcome: String,
}

default_from_core!(ExpectedOutcomeDto, ExpectedOutcome);

impl From<&ExpectedOutcome> for ExpectedOutcomeDto {
    fn from(core: &ExpectedOutcome) -> Self {
        ExpectedOutcomeDto {
            provision: core.provision.0,
            outcome: core.outcome.clone(),
        }
    }
}

impl From<ExpectedOutcomeDto> for ExpectedOutcome {
    fn from(dto: ExpectedOutcomeDto) -> Self {
        ExpectedOutcome {
            provision: ProvisionId(dto.provision),
            outcome: dto.outcome,
        }
    }
}

/// One assess–plan–do–review review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApdrReviewDto {
    pub date: NaiveDate,
    pub summary: String,
    pub next_steps: String,
    pub next_review: Option<NaiveDate>,
}

default_from_core!(ApdrReviewDto, ApdrReview);

impl From<&ApdrReview> for ApdrReviewDto {
    fn from(core: &ApdrReview) -> Self {
        ApdrReviewDto {
            date: core.date,
            summary: core.summary.clone(),
            next_steps: core.next_steps.clone(),
            next_review: core.next_review,
        }
    }
}

impl From<ApdrReviewDto> for ApdrReview {
    fn from(dto: ApdrReviewDto) -> Self {
        ApdrReview {
            date: dto.date,
            summary: dto.summary,
            next_steps: dto.next_steps,
            next_review: dto.next_review,
            pupil_views: String::new(), // TODO(storage v5)
            parent_views: String::new(),
        }
    }
}

/// One pupil's individual provision map for one academic year. The pupil and year must be
/// there; everything else reads as empty when missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndividualRecordDto {
    pub pupil: String,
    pub academic_year: AcademicYearDto,
    #[serde(default)]
    pub assessed_needs: Vec<AssessedNeedDto>,
    #[serde(default)]
    pub quality_first: Vec<String>,
    #[serde(default)]
    pub expected_outcomes: Vec<ExpectedOutcomeDto>,
    #[serde(default)]
    pub reviews: Vec<ApdrReviewDto>,
    #[serde(default)]
    pub pupil_views: String,
    #[serde(default)]
    pub parent_views: String,
}

impl From<&IndividualRecord> for IndividualRecordDto {
    fn from(core: &IndividualRecord) -> Self {
        IndividualRecordDto {
            pupil: core.pupil.clone(),
            academic_year: core.academic_year.into(),
            assessed_needs: core.assessed_needs.iter().map(Into::into).collect(),
            quality_first: core.quality_first.clone(),
            expected_outcomes: core.expected_outcomes.iter().map(Into::into).collect(),
            reviews: core.reviews.iter().map(Into::into).collect(),
            pupil_views: core.pupil_views.clone(),
            parent_views: core.parent_views.clone(),
        }
    }
}

impl From<IndividualRecordDto> for IndividualRecord {
    fn from(dto: IndividualRecordDto) -> Self {
        IndividualRecord {
            pupil: dto.pupil,
            academic_year: dto.academic_year.into(),
            assessed_needs: dto.assessed_needs.into_iter().map(Into::into).collect(),
            quality_first: dto.quality_first,
            expected_outcomes: dto.expected_outcomes.into_iter().map(Into::into).collect(),
            reviews: dto.reviews.into_iter().map(Into::into).collect(),
            pupil_views: dto.pupil_views,
            parent_views: dto.parent_views,
        }
    }
}

/// Everything the school records about provision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProvisionBookDto {
    pub bank: InterventionBankDto,
    pub staff: StaffRolesDto,
    pub provisions: Vec<ProvisionDto>,
    pub settings: ProvisionSettingsDto,
    pub need_audit: Vec<NeedAuditEntryDto>,
    pub individual: Vec<IndividualRecordDto>,
}

default_from_core!(ProvisionBookDto, ProvisionBook);

impl From<&ProvisionBook> for ProvisionBookDto {
    fn from(core: &ProvisionBook) -> Self {
        ProvisionBookDto {
            bank: (&core.bank).into(),
            staff: (&core.staff).into(),
            provisions: core.provisions.iter().map(Into::into).collect(),
            settings: (&core.settings).into(),
            need_audit: core.need_audit.iter().map(Into::into).collect(),
            individual: core.individual.iter().map(Into::into).collect(),
        }
    }
}

impl TryFrom<ProvisionBookDto> for ProvisionBook {
    type Error = StorageError;

    fn try_from(dto: ProvisionBookDto) -> Result<ProvisionBook, StorageError> {
        Ok(ProvisionBook {
            bank: dto.bank.into(),
            staff: dto.staff.try_into()?,
            provisions: dto.provisions.into_iter().map(Into::into).collect(),
            settings: dto.settings.into(),
            need_audit: dto.need_audit.into_iter().map(Into::into).collect(),
            individual: dto.individual.into_iter().map(Into::into).collect(),
            expected_pupils: Vec::new(), // TODO(storage v5)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(json: &str) -> ProvisionBook {
        let dto: ProvisionBookDto = serde_json::from_str(json).expect("the shape reads");
        ProvisionBook::try_from(dto).expect("converts")
    }

    #[test]
    fn a_book_missing_fields_reads_with_the_cores_defaults() {
        let read = book(
            r#"{"settings":{"weeks_in_year":39},"staff":{"roles":[{"id":9}]},
                "provisions":[{"id":7,"pupils":["ann"],"start":"2025-09-01","end":"2025-12-19"}],
                "individual":[{"pupil":"ann","academic_year":{"start_year":2025}}]}"#,
        );
        assert_eq!(read.settings.weeks_in_year, 39);
        assert_eq!(read.settings.concurrency_limit, 3);
        assert_eq!(
            read.bank,
            crate::core::provision::InterventionBank::default()
        );
        assert_eq!(read.staff.roles[0].id.0, 9);
        assert_eq!(read.staff.roles[0].name, "");
        assert_eq!(read.provisions[0].id, ProvisionId(7));
        assert_eq!(read.provisions[0].status, ProvisionStatus::Planned);
        assert_eq!(read.provisions[0].priority, Priority::Should);
        assert_eq!(
            read.individual[0],
            IndividualRecord::new("ann", crate::core::drop::AcademicYear { start_year: 2025 })
        );
        assert_eq!(book("{}"), ProvisionBook::default());
    }

    #[test]
    fn a_salary_with_on_costs_over_100_percent_is_damage() {
        let dto: ProvisionBookDto = serde_json::from_str(
            r#"{"staff":{"roles":[{"id":1,"name":"TA","rate":{"Salary":
                {"annual_salary":2000000,"on_costs":10001,"paid_hours_per_year":1265}}}]}}"#,
        )
        .expect("the shape reads");
        assert!(matches!(
            ProvisionBook::try_from(dto),
            Err(StorageError::Damaged(detail)) if detail.contains("10001")
        ));
    }
}
