//! The school's details as stored (stored format 6 on): name and local authority as text
//! (`""` when not given), URN and DfE number as text (`"123456"`, `"123/4567"`) or null,
//! the phase as a snake-case word (`"all_through"`, `"alternative_provision"`) or null.
//! A URN or DfE number the core refuses on the way back in is damage, named.

use super::{default_from_core, mirror_enum, refused};
use crate::core::school::{DfeNumber, SchoolDetails, SchoolPhase, Urn};
use crate::storage::schema::StorageError;
use serde::{Deserialize, Serialize};

mirror_enum!(
    /// The school's phase (`"primary"`, `"all_through"`, …).
    #[serde(rename_all = "snake_case")]
    SchoolPhaseDto => SchoolPhase { Primary, Secondary, AllThrough, Special, AlternativeProvision }
);

/// The school's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SchoolDetailsDto {
    pub school_name: String,
    pub urn: Option<String>,
    pub dfe_number: Option<String>,
    pub phase: Option<SchoolPhaseDto>,
    pub local_authority: String,
}

default_from_core!(SchoolDetailsDto, SchoolDetails);

impl From<&SchoolDetails> for SchoolDetailsDto {
    fn from(core: &SchoolDetails) -> Self {
        SchoolDetailsDto {
            school_name: core.school_name.clone(),
            urn: core.urn.as_ref().map(Urn::to_string),
            dfe_number: core.dfe_number.map(|dfe| dfe.to_string()),
            phase: core.phase.map(Into::into),
            local_authority: core.local_authority.clone(),
        }
    }
}

impl TryFrom<SchoolDetailsDto> for SchoolDetails {
    type Error = StorageError;

    fn try_from(dto: SchoolDetailsDto) -> Result<SchoolDetails, StorageError> {
        let urn = match &dto.urn {
            Some(text) => Some(
                Urn::parse(text)
                    .ok()
                    .flatten()
                    .ok_or_else(|| refused("the school's URN", text, "it is not 6 digits"))?,
            ),
            None => None,
        };
        let dfe_number = match &dto.dfe_number {
            Some(text) => Some(DfeNumber::parse(text).ok().flatten().ok_or_else(|| {
                refused(
                    "the school's DfE number",
                    text,
                    "it is not written 123/4567",
                )
            })?),
            None => None,
        };
        Ok(SchoolDetails {
            school_name: dto.school_name,
            urn,
            dfe_number,
            phase: dto.phase.map(Into::into),
            local_authority: dto.local_authority,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn no_details_are_written_out_empty_and_every_detail_round_trips() {
        assert_eq!(
            serde_json::to_value(SchoolDetailsDto::default()).expect("json"),
            json!({ "school_name": "", "urn": null, "dfe_number": null, "phase": null,
                    "local_authority": "" })
        );
        for phase in SchoolPhase::ALL {
            let details = SchoolDetails {
                school_name: "Oakfield Primary".into(),
                urn: Urn::parse("123456").expect("urn"),
                dfe_number: DfeNumber::parse("0010042").expect("dfe"),
                phase: Some(phase),
                local_authority: "Tameside".into(),
            };
            let dto = SchoolDetailsDto::from(&details);
            assert_eq!(dto.dfe_number.as_deref(), Some("001/0042"));
            let text = serde_json::to_string(&dto).expect("json");
            let back: SchoolDetailsDto = serde_json::from_str(&text).expect("reads");
            assert_eq!(SchoolDetails::try_from(back), Ok(details));
        }
        let written = serde_json::to_value(SchoolDetailsDto {
            phase: Some(SchoolPhase::AlternativeProvision.into()),
            ..SchoolDetailsDto::default()
        })
        .expect("json");
        assert_eq!(written["phase"], "alternative_provision");
    }

    #[test]
    fn a_urn_or_dfe_number_the_core_refuses_is_damage_named() {
        for (dto, named) in [
            (
                SchoolDetailsDto {
                    urn: Some("12345".into()),
                    ..SchoolDetailsDto::default()
                },
                "12345",
            ),
            (
                SchoolDetailsDto {
                    dfe_number: Some("12/3456".into()),
                    ..SchoolDetailsDto::default()
                },
                "12/3456",
            ),
        ] {
            let error = SchoolDetails::try_from(dto).expect_err("damaged");
            assert!(
                matches!(&error, StorageError::Damaged(detail) if detail.contains(named)),
                "{error:?}"
            );
        }
    }
}
