//! Saved cohorts as stored: an id, a name and conditions, each condition by its snake-case
//! name (`{"year_group_in": ["Y9"]}`, `{"factor": {"factor": "Sen", "coloured": true}}`).

use super::pupil::{
    percent_to_core, year_group_text, year_group_to_core, PrimaryNeedDto, SenStatusDto,
};
use super::{all_to_core, mirror_enum};
use crate::core::cohort::{Cohort, CohortId, Condition, Marker};
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
        })
    }
}

/// A saved cohort, as stored since version 3 (which gave every cohort its id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortDto {
    pub id: u32,
    pub name: String,
    pub conditions: Vec<ConditionDto>,
}

impl From<&Cohort> for CohortDto {
    fn from(core: &Cohort) -> Self {
        CohortDto {
            id: core.id.0,
            name: core.name.clone(),
            conditions: core.conditions.iter().map(Into::into).collect(),
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
        })
    }
}
