//! Saved cohorts as stored: an id, a name and conditions, each condition by its snake-case
//! name (`{"year_group_in": ["Y9"]}`, `{"factor": {"factor": "Sen", "coloured": true}}`),
//! and for a fixed list its pupils' keys (`"members": ["D373210124708", …]`).
//!
//! Additions since version 3 are additive, so no new version: a cohort stored without
//! `members` reads as a filter and a filter is written without it, and the newer
//! conditions (`gender_in`, `fsm`, `pupil_premium`, `eal_proficiency_in`, `in_provision`,
//! `attainment_in`, `school_in`) are only written by a cohort that uses them.

use super::pupil::{
    percent_to_core, year_group_text, year_group_to_core, EalProficiencyDto, GenderDto,
    PrimaryNeedDto, SenStatusDto,
};
use super::{all_to_core, mirror_enum, refused};
use crate::core::cohort::{Cohort, CohortId, Condition, Marker};
use crate::core::pupil::PupilKey;
use crate::core::schools::{SchoolKey, SchoolRef};
use crate::core::scoring::{AttainmentLevel, Factor, MarkerLevel, Rag};
use crate::storage::schema::StorageError;
use serde::{Deserialize, Serialize};

mirror_enum!(
    /// A resilience factor, by name.
    FactorDto => Factor { Birthday, Sen, Movement, Lac, Language, Deprivation }
);

mirror_enum!(
    /// The attendance or exclusions marker.
    MarkerDto => Marker { Attendance, Exclusions }
);

mirror_enum!(
    /// A marker's level.
    MarkerLevelDto => MarkerLevel { None, Amber, Red, Unknown }
);

mirror_enum!(
    /// An overall attainment level.
    AttainmentLevelDto => AttainmentLevel { Low, Expected, High, NoTarget, Unknown }
);

mirror_enum!(
    /// The overall indicator's RAG.
    RagDto => Rag { Green, Amber, Red }
);

/// One condition of a cohort, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionDto {
    Factor {
        factor: FactorDto,
        coloured: bool,
    },
    Marker {
        marker: MarkerDto,
        levels: Vec<MarkerLevelDto>,
    },
    /// Year groups as text (`"Y7"`).
    YearGroupIn(Vec<String>),
    ClassIn(Vec<String>),
    SenStatusIn(Vec<SenStatusDto>),
    PrimaryNeedIn(Vec<PrimaryNeedDto>),
    /// Hundredths of a percent.
    AttendanceAtMost(u32),
    /// Hundredths of a percent.
    AttendanceAtLeast(u32),
    Attainment(AttainmentLevelDto),
    RagIn(Vec<RagDto>),
    SummerBorn(bool),
    Disadvantaged(bool),
    Eal(bool),
    LookedAfter(bool),
    Focus(bool),
    GenderIn(Vec<GenderDto>),
    Fsm(bool),
    PupilPremium(bool),
    EalProficiencyIn(Vec<EalProficiencyDto>),
    InProvision(bool),
    AttainmentIn(Vec<AttainmentLevelDto>),
    SchoolIn(Vec<SchoolRefDto>),
}

/// What a school of an LA file is known by, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SchoolByDto {
    Urn,
    DfeNumber,
    Name,
    NotGiven,
}

/// A school of a cohort's school condition: `{"by": "urn", "value": "140887", "label":
/// "Brookvale Primary Academy"}`; `{"by": "not_given", "label": "No school given"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolRefDto {
    pub by: SchoolByDto,
    /// The URN, DfE number or name (lower case) the school is known by; absent for
    /// rows giving no school.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// What the school is called on screen.
    pub label: String,
}

impl From<&SchoolRef> for SchoolRefDto {
    fn from(core: &SchoolRef) -> Self {
        let (by, value) = match &core.key {
            SchoolKey::Urn(urn) => (SchoolByDto::Urn, Some(urn.clone())),
            SchoolKey::DfeNumber(number) => (SchoolByDto::DfeNumber, Some(number.clone())),
            SchoolKey::Name(name) => (SchoolByDto::Name, Some(name.clone())),
            SchoolKey::NotGiven => (SchoolByDto::NotGiven, None),
        };
        SchoolRefDto {
            by,
            value,
            label: core.label.clone(),
        }
    }
}

impl TryFrom<SchoolRefDto> for SchoolRef {
    type Error = StorageError;

    fn try_from(dto: SchoolRefDto) -> Result<SchoolRef, StorageError> {
        let key = match (dto.by, dto.value) {
            (SchoolByDto::Urn, Some(urn)) => SchoolKey::Urn(urn),
            (SchoolByDto::DfeNumber, Some(number)) => SchoolKey::DfeNumber(number),
            (SchoolByDto::Name, Some(name)) => SchoolKey::Name(name),
            (SchoolByDto::NotGiven, None) => SchoolKey::NotGiven,
            (by, value) => {
                let why = match value {
                    Some(value) => format!("a school with no school given has “{value}”"),
                    None => format!("it is known by {by:?} but gives none"),
                };
                return Err(refused("a cohort's school", &dto.label, why));
            }
        };
        Ok(SchoolRef {
            key,
            label: dto.label,
        })
    }
}

fn all<D: Copy, C: From<D>>(items: &[D]) -> Vec<C> {
    items.iter().map(|item| C::from(*item)).collect()
}

impl From<&Condition> for ConditionDto {
    fn from(core: &Condition) -> Self {
        match core {
            Condition::Factor { factor, coloured } => ConditionDto::Factor {
                factor: (*factor).into(),
                coloured: *coloured,
            },
            Condition::Marker { marker, levels } => ConditionDto::Marker {
                marker: (*marker).into(),
                levels: all(levels),
            },
            Condition::YearGroupIn(years) => {
                ConditionDto::YearGroupIn(years.iter().copied().map(year_group_text).collect())
            }
            Condition::ClassIn(classes) => ConditionDto::ClassIn(classes.clone()),
            Condition::SenStatusIn(statuses) => ConditionDto::SenStatusIn(all(statuses)),
            Condition::PrimaryNeedIn(needs) => ConditionDto::PrimaryNeedIn(all(needs)),
            Condition::AttendanceAtMost(limit) => {
                ConditionDto::AttendanceAtMost(limit.hundredths())
            }
            Condition::AttendanceAtLeast(limit) => {
                ConditionDto::AttendanceAtLeast(limit.hundredths())
            }
            Condition::Attainment(level) => ConditionDto::Attainment((*level).into()),
            Condition::RagIn(rags) => ConditionDto::RagIn(all(rags)),
            Condition::SummerBorn(wanted) => ConditionDto::SummerBorn(*wanted),
            Condition::Disadvantaged(wanted) => ConditionDto::Disadvantaged(*wanted),
            Condition::Eal(wanted) => ConditionDto::Eal(*wanted),
            Condition::LookedAfter(wanted) => ConditionDto::LookedAfter(*wanted),
            Condition::Focus(wanted) => ConditionDto::Focus(*wanted),
            Condition::GenderIn(genders) => ConditionDto::GenderIn(all(genders)),
            Condition::Fsm(wanted) => ConditionDto::Fsm(*wanted),
            Condition::PupilPremium(wanted) => ConditionDto::PupilPremium(*wanted),
            Condition::EalProficiencyIn(levels) => ConditionDto::EalProficiencyIn(all(levels)),
            Condition::InProvision(wanted) => ConditionDto::InProvision(*wanted),
            Condition::AttainmentIn(levels) => ConditionDto::AttainmentIn(all(levels)),
            Condition::SchoolIn(schools) => {
                ConditionDto::SchoolIn(schools.iter().map(Into::into).collect())
            }
        }
    }
}

impl TryFrom<ConditionDto> for Condition {
    type Error = StorageError;

    fn try_from(dto: ConditionDto) -> Result<Condition, StorageError> {
        Ok(match dto {
            ConditionDto::Factor { factor, coloured } => Condition::Factor {
                factor: factor.into(),
                coloured,
            },
            ConditionDto::Marker { marker, levels } => Condition::Marker {
                marker: marker.into(),
                levels: all(&levels),
            },
            ConditionDto::YearGroupIn(years) => Condition::YearGroupIn(
                years
                    .into_iter()
                    .map(year_group_to_core)
                    .collect::<Result<_, _>>()?,
            ),
            ConditionDto::ClassIn(classes) => Condition::ClassIn(classes),
            ConditionDto::SenStatusIn(statuses) => Condition::SenStatusIn(all(&statuses)),
            ConditionDto::PrimaryNeedIn(needs) => Condition::PrimaryNeedIn(all(&needs)),
            ConditionDto::AttendanceAtMost(limit) => {
                Condition::AttendanceAtMost(percent_to_core(limit)?)
            }
            ConditionDto::AttendanceAtLeast(limit) => {
                Condition::AttendanceAtLeast(percent_to_core(limit)?)
            }
            ConditionDto::Attainment(level) => Condition::Attainment(level.into()),
            ConditionDto::RagIn(rags) => Condition::RagIn(all(&rags)),
            ConditionDto::SummerBorn(wanted) => Condition::SummerBorn(wanted),
            ConditionDto::Disadvantaged(wanted) => Condition::Disadvantaged(wanted),
            ConditionDto::Eal(wanted) => Condition::Eal(wanted),
            ConditionDto::LookedAfter(wanted) => Condition::LookedAfter(wanted),
            ConditionDto::Focus(wanted) => Condition::Focus(wanted),
            ConditionDto::GenderIn(genders) => Condition::GenderIn(all(&genders)),
            ConditionDto::Fsm(wanted) => Condition::Fsm(wanted),
            ConditionDto::PupilPremium(wanted) => Condition::PupilPremium(wanted),
            ConditionDto::EalProficiencyIn(levels) => Condition::EalProficiencyIn(all(&levels)),
            ConditionDto::InProvision(wanted) => Condition::InProvision(wanted),
            ConditionDto::AttainmentIn(levels) => Condition::AttainmentIn(all(&levels)),
            ConditionDto::SchoolIn(schools) => Condition::SchoolIn(
                schools
                    .into_iter()
                    .map(SchoolRef::try_from)
                    .collect::<Result<_, _>>()?,
            ),
        })
    }
}

/// A saved cohort, as stored since version 3 (which gave every cohort its id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortDto {
    pub id: u32,
    pub name: String,
    pub conditions: Vec<ConditionDto>,
    /// A fixed list's pupil keys, in key order; absent for a filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<String>>,
}

impl From<&Cohort> for CohortDto {
    fn from(core: &Cohort) -> Self {
        CohortDto {
            id: core.id.0,
            name: core.name.clone(),
            conditions: core.conditions.iter().map(Into::into).collect(),
            members: core
                .members
                .as_ref()
                .map(|members| members.iter().map(|key| key.as_str().to_string()).collect()),
        }
    }
}

impl TryFrom<CohortDto> for Cohort {
    type Error = StorageError;

    fn try_from(dto: CohortDto) -> Result<Cohort, StorageError> {
        Ok(Cohort {
            id: CohortId(dto.id),
            name: dto.name,
            conditions: all_to_core(dto.conditions)?,
            members: dto
                .members
                .map(|keys| keys.into_iter().map(PupilKey::from_stored).collect()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::value::{EalProficiency, Gender};

    #[test]
    fn a_cohort_stored_without_members_reads_as_a_filter_and_is_written_back_the_same() {
        let stored = r#"{"id":4,"name":"Year 9","conditions":[{"year_group_in":["Y9"]}]}"#;
        let dto: CohortDto = serde_json::from_str(stored).expect("reads");
        let cohort = Cohort::try_from(dto).expect("converts");
        assert!(!cohort.is_fixed());
        let again = serde_json::to_string(&CohortDto::from(&cohort)).expect("writes");
        assert_eq!(again, stored);
    }

    #[test]
    fn a_fixed_list_and_the_newer_conditions_round_trip() {
        let cohort = Cohort {
            id: CohortId(2),
            name: "Autumn readers".into(),
            conditions: vec![
                Condition::GenderIn(vec![Gender::Female, Gender::Other]),
                Condition::Fsm(true),
                Condition::PupilPremium(false),
                Condition::EalProficiencyIn(vec![EalProficiency::A]),
                Condition::InProvision(true),
                Condition::AttainmentIn(vec![AttainmentLevel::Low]),
                Condition::SchoolIn(vec![
                    SchoolRef {
                        key: SchoolKey::Urn("140887".into()),
                        label: "Brookvale Primary Academy".into(),
                    },
                    SchoolRef {
                        key: SchoolKey::NotGiven,
                        label: "No school given".into(),
                    },
                ]),
            ],
            members: Some(
                ["W373210125361", "Ní Bhriain|Zoë|2014-04-21"]
                    .into_iter()
                    .map(PupilKey::from_stored)
                    .collect(),
            ),
        };
        let text = serde_json::to_string(&CohortDto::from(&cohort)).expect("writes");
        assert!(
            text.contains(r#""members":["Ní Bhriain|Zoë|2014-04-21","W373210125361"]"#),
            "{text}"
        );
        assert!(
            text.contains(r#"{"gender_in":["Female","Other"]}"#),
            "{text}"
        );
        assert!(
            text.contains(r#"{"school_in":[{"by":"urn","value":"140887","label":"Brookvale Primary Academy"},{"by":"not_given","label":"No school given"}]}"#),
            "{text}"
        );
        let back: CohortDto = serde_json::from_str(&text).expect("reads");
        assert_eq!(Cohort::try_from(back).expect("converts"), cohort);
    }

    #[test]
    fn a_school_known_by_nothing_is_damage() {
        let stored =
            r#"{"id":1,"name":"A","conditions":[{"school_in":[{"by":"urn","label":"Ashbrook"}]}]}"#;
        let dto: CohortDto = serde_json::from_str(stored).expect("reads");
        let Err(StorageError::Damaged(detail)) = Cohort::try_from(dto) else {
            panic!("refused");
        };
        assert!(detail.contains("Ashbrook"), "{detail}");
    }
}
