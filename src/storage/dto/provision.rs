//! The provision book as stored: the bank and staff roles ([`super::bank`]), provisions,
//! settings, the need audit, expected pupils and individual provision maps. Every struct
//! reads a missing field as the core's default, as records written before the field
//! existed always have (the fields stored format 5 added are also written out by the
//! v4 → v5 migration).
//!
//! A measure's limits ([`MeasureValue`]) are stored as their exact decimal text, the
//! shortest form the core writes ("240", "93.5", "-0.25"; at most four decimal places),
//! never as a float, and read back exactly; anything else is damage.

use super::bank::{staff_ids, staff_ids_to_core, InterventionBankDto, NeedAreaDto, StaffRolesDto};
use super::drop::AcademicYearDto;
use super::pupil::{money_to_core, year_group_text, year_group_to_core};
use super::{all_to_core, default_from_core, mirror_enum, refused};
use crate::core::provision::bank::InterventionId;
use crate::core::provision::map::{ApdrReview, AssessedNeed, ExpectedOutcome, IndividualRecord};
use crate::core::provision::measure::{MeasureSource, MeasureSpec, MeasureValue};
use crate::core::provision::provision::{
    DeliveryOverrides, Marker, Measure, MemberDates, Priority, Provision, ProvisionId,
    ProvisionStatus, PupilMeasures, StaffChange,
};
use crate::core::provision::{ExpectedPupils, NeedAuditEntry, ProvisionBook, ProvisionSettings};
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

/// When one pupil joined or left a group, where it differs from the provision's dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberDatesDto {
    pub pupil: String,
    pub joined: Option<NaiveDate>,
    pub left: Option<NaiveDate>,
}

default_from_core!(MemberDatesDto, MemberDates);

impl From<&MemberDates> for MemberDatesDto {
    fn from(core: &MemberDates) -> Self {
        MemberDatesDto {
            pupil: core.pupil.clone(),
            joined: core.joined,
            left: core.left,
        }
    }
}

impl From<MemberDatesDto> for MemberDates {
    fn from(dto: MemberDatesDto) -> Self {
        MemberDates {
            pupil: dto.pupil,
            joined: dto.joined,
            left: dto.left,
        }
    }
}

/// A change of staff part-way through: from a day on, these staff role ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffChangeDto {
    pub from: NaiveDate,
    pub staff: Vec<u32>,
}

default_from_core!(StaffChangeDto, StaffChange);

impl From<&StaffChange> for StaffChangeDto {
    fn from(core: &StaffChange) -> Self {
        StaffChangeDto {
            from: core.from,
            staff: staff_ids(&core.staff),
        }
    }
}

impl From<StaffChangeDto> for StaffChange {
    fn from(dto: StaffChangeDto) -> Self {
        StaffChange {
            from: dto.from,
            staff: staff_ids_to_core(dto.staff),
        }
    }
}

/// Where a measure's values come from: `"Typed"`, `"Attendance"` or `{"Subject": "Maths"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeasureSourceDto {
    Typed,
    Attendance,
    Subject(String),
}

impl From<&MeasureSource> for MeasureSourceDto {
    fn from(core: &MeasureSource) -> Self {
        match core {
            MeasureSource::Typed => MeasureSourceDto::Typed,
            MeasureSource::Attendance => MeasureSourceDto::Attendance,
            MeasureSource::Subject(subject) => MeasureSourceDto::Subject(subject.clone()),
        }
    }
}

impl From<MeasureSourceDto> for MeasureSource {
    fn from(dto: MeasureSourceDto) -> Self {
        match dto {
            MeasureSourceDto::Typed => MeasureSource::Typed,
            MeasureSourceDto::Attendance => MeasureSource::Attendance,
            MeasureSourceDto::Subject(subject) => MeasureSource::Subject(subject),
        }
    }
}

/// A measured value as stored: its exact decimal text, as the core writes it ("93.5").
pub(crate) fn measure_value_text(value: MeasureValue) -> String {
    value.to_string()
}

/// A measured value read back from its exact decimal text: an optional minus sign, digits,
/// and up to four decimal places, nothing else (the planner writes no other form).
pub(crate) fn measure_value_to_core(text: String) -> Result<MeasureValue, StorageError> {
    let damaged = |why: &str| refused("a measure's value", &text, why);
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(damaged("it is not a decimal number"));
    }
    if fraction.len() > 4 || (digits.contains('.') && fraction.is_empty()) {
        return Err(damaged("it needs 1 to 4 decimal places after a point"));
    }
    let ten_thousandths = whole
        .parse::<i128>()
        .ok()
        .and_then(|whole| {
            let fraction: i128 = format!("{fraction:0<4}").parse().ok()?;
            let size = whole.checked_mul(10_000)?.checked_add(fraction)?;
            i64::try_from(if negative { -size } else { size }).ok()
        })
        .ok_or_else(|| damaged("it is too large"))?;
    Ok(MeasureValue::from_ten_thousandths(ten_thousandths))
}

/// The measure a provision names; `lowest` and `highest` as exact decimal text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasureSpecDto {
    pub name: String,
    pub unit: String,
    pub higher_is_better: bool,
    pub lowest: Option<String>,
    pub highest: Option<String>,
    pub source: MeasureSourceDto,
}

default_from_core!(MeasureSpecDto, MeasureSpec);

impl From<&MeasureSpec> for MeasureSpecDto {
    fn from(core: &MeasureSpec) -> Self {
        MeasureSpecDto {
            name: core.name.clone(),
            unit: core.unit.clone(),
            higher_is_better: core.higher_is_better,
            lowest: core.lowest.map(measure_value_text),
            highest: core.highest.map(measure_value_text),
            source: (&core.source).into(),
        }
    }
}

impl TryFrom<MeasureSpecDto> for MeasureSpec {
    type Error = StorageError;

    fn try_from(dto: MeasureSpecDto) -> Result<MeasureSpec, StorageError> {
        Ok(MeasureSpec {
            name: dto.name,
            unit: dto.unit,
            higher_is_better: dto.higher_is_better,
            lowest: dto.lowest.map(measure_value_to_core).transpose()?,
            highest: dto.highest.map(measure_value_to_core).transpose()?,
            source: dto.source.into(),
        })
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
    /// Stored format 5 on.
    pub member_dates: Vec<MemberDatesDto>,
    /// Stored format 5 on.
    pub staff_changes: Vec<StaffChangeDto>,
    /// Stored format 5 on.
    pub places: Option<u32>,
    /// Stored format 5 on.
    pub stopped_reason: String,
    /// Stored format 5 on.
    pub expected_outcome: String,
    /// Stored format 5 on.
    pub measure: Option<MeasureSpecDto>,
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
            member_dates: core.member_dates.iter().map(Into::into).collect(),
            staff_changes: core.staff_changes.iter().map(Into::into).collect(),
            places: core.places,
            stopped_reason: core.stopped_reason.clone(),
            expected_outcome: core.expected_outcome.clone(),
            measure: core.measure.as_ref().map(Into::into),
        }
    }
}

impl TryFrom<ProvisionDto> for Provision {
    type Error = StorageError;

    fn try_from(dto: ProvisionDto) -> Result<Provision, StorageError> {
        Ok(Provision {
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
            member_dates: dto.member_dates.into_iter().map(Into::into).collect(),
            staff_changes: dto.staff_changes.into_iter().map(Into::into).collect(),
            places: dto.places,
            stopped_reason: dto.stopped_reason,
            expected_outcome: dto.expected_outcome,
            measure: dto.measure.map(TryInto::try_into).transpose()?,
        })
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
    /// Stored format 5 on; null for an entry made before audits named their year.
    pub academic_year: Option<AcademicYearDto>,
}

default_from_core!(NeedAuditEntryDto, NeedAuditEntry);

impl From<&NeedAuditEntry> for NeedAuditEntryDto {
    fn from(core: &NeedAuditEntry) -> Self {
        NeedAuditEntryDto {
            pupil: core.pupil.clone(),
            area: core.area.into(),
            priority: core.priority.into(),
            note: core.note.clone(),
            academic_year: core.academic_year.map(Into::into),
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
            academic_year: dto.academic_year.map(Into::into),
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
    /// Stored format 5 on.
    pub pupil_views: String,
    /// Stored format 5 on.
    pub parent_views: String,
}

default_from_core!(ApdrReviewDto, ApdrReview);

impl From<&ApdrReview> for ApdrReviewDto {
    fn from(core: &ApdrReview) -> Self {
        ApdrReviewDto {
            date: core.date,
            summary: core.summary.clone(),
            next_steps: core.next_steps.clone(),
            next_review: core.next_review,
            pupil_views: core.pupil_views.clone(),
            parent_views: core.parent_views.clone(),
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
            pupil_views: dto.pupil_views,
            parent_views: dto.parent_views,
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

/// One expected need of expected pupils: an area and its priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedNeedDto {
    pub area: NeedAreaDto,
    pub priority: PriorityDto,
}

/// Pupils expected in a coming year who are not on roll yet (stored format 5 on). The year
/// and how many must be there; the rest reads as empty when missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedPupilsDto {
    pub academic_year: AcademicYearDto,
    #[serde(default)]
    pub description: String,
    pub count: u32,
    /// `"Y7"`, `"R"`, … as a pupil's year group is stored.
    #[serde(default)]
    pub year_group: Option<String>,
    #[serde(default)]
    pub needs: Vec<ExpectedNeedDto>,
    #[serde(default)]
    pub note: String,
}

impl From<&ExpectedPupils> for ExpectedPupilsDto {
    fn from(core: &ExpectedPupils) -> Self {
        ExpectedPupilsDto {
            academic_year: core.academic_year.into(),
            description: core.description.clone(),
            count: core.count,
            year_group: core.year_group.map(year_group_text),
            needs: core
                .needs
                .iter()
                .map(|&(area, priority)| ExpectedNeedDto {
                    area: area.into(),
                    priority: priority.into(),
                })
                .collect(),
            note: core.note.clone(),
        }
    }
}

impl TryFrom<ExpectedPupilsDto> for ExpectedPupils {
    type Error = StorageError;

    fn try_from(dto: ExpectedPupilsDto) -> Result<ExpectedPupils, StorageError> {
        Ok(ExpectedPupils {
            academic_year: dto.academic_year.into(),
            description: dto.description,
            count: dto.count,
            year_group: dto.year_group.map(year_group_to_core).transpose()?,
            needs: dto
                .needs
                .into_iter()
                .map(|need| (need.area.into(), need.priority.into()))
                .collect(),
            note: dto.note,
        })
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
    /// Stored format 5 on.
    pub expected_pupils: Vec<ExpectedPupilsDto>,
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
            expected_pupils: core.expected_pupils.iter().map(Into::into).collect(),
        }
    }
}

impl TryFrom<ProvisionBookDto> for ProvisionBook {
    type Error = StorageError;

    fn try_from(dto: ProvisionBookDto) -> Result<ProvisionBook, StorageError> {
        Ok(ProvisionBook {
            bank: dto.bank.into(),
            staff: dto.staff.try_into()?,
            provisions: all_to_core(dto.provisions)?,
            settings: dto.settings.into(),
            need_audit: dto.need_audit.into_iter().map(Into::into).collect(),
            individual: dto.individual.into_iter().map(Into::into).collect(),
            expected_pupils: all_to_core(dto.expected_pupils)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::StaffRoleId;

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
    fn a_measure_value_is_stored_as_its_exact_decimal_text() {
        for (text, ten_thousandths) in [
            ("0", 0),
            ("240", 2_400_000),
            ("93.5", 935_000),
            ("-0.25", -2_500),
            ("7.0001", 70_001),
            ("1000000000", 10_000_000_000_000),
        ] {
            let value = MeasureValue::from_ten_thousandths(ten_thousandths);
            assert_eq!(measure_value_text(value), text);
            assert_eq!(measure_value_to_core(text.to_string()), Ok(value), "{text}");
        }
        // Every value the core can hold comes back, beyond what a person may type.
        for extreme in [i64::MAX, i64::MIN, i64::MIN + 1, -1] {
            let value = MeasureValue::from_ten_thousandths(extreme);
            assert_eq!(measure_value_to_core(measure_value_text(value)), Ok(value));
        }
        // Only the form the planner writes: anything else is damage, never a guess.
        for text in [
            "",
            "-",
            "abc",
            "1,250",
            "87.5%",
            " 4",
            "4 ",
            "+4",
            ".5",
            "5.",
            "1.23456",
            "1e3",
            "--5",
            "99999999999999999999",
        ] {
            assert!(
                matches!(
                    measure_value_to_core(text.to_string()),
                    Err(StorageError::Damaged(detail)) if detail.contains("a measure's value")
                ),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_fields_of_stored_format_5_read_back_and_a_bad_one_is_damage() {
        let read = book(
            r#"{"provisions":[{"id":1,"places":3,"stopped_reason":"Left",
                "member_dates":[{"pupil":"ann","left":"2025-10-03"}],
                "staff_changes":[{"from":"2025-11-03","staff":[1,3]}],
                "measure":{"name":"Reading age","lowest":"0","source":{"Subject":"English"}}}],
                "need_audit":[{"pupil":"ann","academic_year":{"start_year":2026}}],
                "expected_pupils":[{"academic_year":{"start_year":2026},"count":4,
                    "year_group":"Y7","needs":[{"area":"Eal","priority":"Must"}]}]}"#,
        );
        let provision = &read.provisions[0];
        assert_eq!(provision.places, Some(3));
        assert_eq!(provision.member_dates[0].joined, None);
        assert_eq!(provision.staff_changes[0].staff[1], StaffRoleId::TA);
        let measure = provision.measure.as_ref().expect("a measure");
        assert_eq!(measure.source, MeasureSource::Subject("English".into()));
        assert_eq!(
            (measure.lowest, measure.highest),
            (Some(MeasureValue::ZERO), None)
        );
        assert_eq!(
            read.need_audit[0].academic_year,
            Some(crate::core::drop::AcademicYear { start_year: 2026 })
        );
        assert_eq!(read.expected_pupils[0].description, "");
        assert_eq!(
            read.expected_pupils[0].needs,
            [(crate::core::provision::NeedArea::Eal, Priority::Must)]
        );
        // Missing, each reads as the core's default.
        let old = book(r#"{"provisions":[{"id":1}],"need_audit":[{"pupil":"ann"}]}"#);
        assert_eq!(old.provisions[0].measure, None);
        assert!(old.provisions[0].member_dates.is_empty());
        assert_eq!(old.need_audit[0].academic_year, None);
        assert!(old.expected_pupils.is_empty());

        for (json, value) in [
            (r#"{"provisions":[{"measure":{"highest":"ten"}}]}"#, "ten"),
            (
                r#"{"expected_pupils":[{"academic_year":{"start_year":2026},"count":1,
                    "year_group":"Y14"}]}"#,
                "Y14",
            ),
        ] {
            let dto: ProvisionBookDto = serde_json::from_str(json).expect("the shape reads");
            assert!(
                matches!(
                    ProvisionBook::try_from(dto),
                    Err(StorageError::Damaged(detail)) if detail.contains(value)
                ),
                "{json}"
            );
        }
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
