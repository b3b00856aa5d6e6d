//! Column mappings as stored: the field of each column (a field's variant name, or
//! `{"AttainmentCurrent": "Maths"}` for a subject's attainment) and the mappings a school
//! confirmed, keyed by the headings they were confirmed for.

use crate::core::import::mapping::{ColumnMapping, Field, MappingMemory};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one column holds, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldDto {
    Upn,
    Surname,
    Forename,
    PreferredName,
    Gender,
    DateOfBirth,
    YearGroup,
    Class,
    SenStatus,
    PrimaryNeed,
    LookedAfter,
    Eal,
    EalProficiency,
    FirstLanguage,
    ArrivalDate,
    NewArrival,
    EntryDate,
    SchoolMoves,
    Fsm,
    PupilPremium,
    IdaciScore,
    IdaciBand,
    IdaciDecile,
    Attendance,
    SessionsPossible,
    SessionsAttended,
    Suspensions,
    SuspensionSessions,
    PermanentExclusion,
    SchoolId,
    SchoolName,
    DfeNumber,
    FullName,
    AttainmentCurrent(String),
    AttainmentTarget(String),
    AttainmentPrior(String),
    Ignore,
}

/// The pairs of unit variants, written once for both directions.
macro_rules! fields {
    ($from:ident, $to:ident, $value:expr, { $($variant:ident),+ }) => {
        match $value {
            $($from::$variant => $to::$variant,)+
            $from::AttainmentCurrent(subject) => $to::AttainmentCurrent(subject),
            $from::AttainmentTarget(subject) => $to::AttainmentTarget(subject),
            $from::AttainmentPrior(subject) => $to::AttainmentPrior(subject),
        }
    };
}

macro_rules! convert_field {
    ($from:ident, $to:ident, $value:expr) => {
        fields!($from, $to, $value, {
            Upn, Surname, Forename, PreferredName, Gender, DateOfBirth, YearGroup, Class,
            SenStatus, PrimaryNeed, LookedAfter, Eal, EalProficiency, FirstLanguage,
            ArrivalDate, NewArrival, EntryDate, SchoolMoves, Fsm, PupilPremium, IdaciScore,
            IdaciBand, IdaciDecile, Attendance, SessionsPossible, SessionsAttended,
            Suspensions, SuspensionSessions, PermanentExclusion, SchoolId, SchoolName, DfeNumber,
            FullName, Ignore
        })
    };
}

impl From<&Field> for FieldDto {
    fn from(core: &Field) -> Self {
        convert_field!(Field, FieldDto, core.clone())
    }
}

impl From<FieldDto> for Field {
    fn from(dto: FieldDto) -> Self {
        convert_field!(FieldDto, Field, dto)
    }
}

/// The field of each column, in column order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMappingDto {
    /// One field per column.
    pub columns: Vec<FieldDto>,
}

impl From<&ColumnMapping> for ColumnMappingDto {
    fn from(core: &ColumnMapping) -> Self {
        ColumnMappingDto {
            columns: core.columns.iter().map(Into::into).collect(),
        }
    }
}

impl From<ColumnMappingDto> for ColumnMapping {
    fn from(dto: ColumnMappingDto) -> Self {
        ColumnMapping {
            columns: dto.columns.into_iter().map(Into::into).collect(),
        }
    }
}

/// Mappings the school confirmed, by the headings' signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingMemoryDto {
    /// Confirmed mappings by headings signature.
    pub confirmed: BTreeMap<String, ColumnMappingDto>,
}

impl From<&MappingMemory> for MappingMemoryDto {
    fn from(core: &MappingMemory) -> Self {
        MappingMemoryDto {
            confirmed: core
                .confirmed
                .iter()
                .map(|(signature, mapping)| (signature.clone(), mapping.into()))
                .collect(),
        }
    }
}

impl From<MappingMemoryDto> for MappingMemory {
    fn from(dto: MappingMemoryDto) -> Self {
        MappingMemory {
            confirmed: dto
                .confirmed
                .into_iter()
                .map(|(signature, mapping)| (signature, mapping.into()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_stored_by_its_name_and_reads_back() {
        let mut fields = Field::all_simple();
        fields.extend([
            Field::AttainmentCurrent("Maths".into()),
            Field::AttainmentTarget("Maths".into()),
            Field::AttainmentPrior("Maths".into()),
            Field::Ignore,
        ]);
        for field in fields {
            let dto = FieldDto::from(&field);
            let json = serde_json::to_value(&dto).expect("json");
            let name = format!("{field:?}");
            match &field {
                Field::AttainmentCurrent(_) => {
                    assert_eq!(json, serde_json::json!({"AttainmentCurrent": "Maths"}))
                }
                Field::AttainmentTarget(_) | Field::AttainmentPrior(_) => {
                    assert!(json.is_object(), "{json}")
                }
                _ => assert_eq!(json, serde_json::json!(name)),
            }
            assert_eq!(Field::from(dto), field);
        }
    }
}
