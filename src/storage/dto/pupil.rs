//! A pupil as stored, and the stored form of each value in it (SPEC §2–4): a UPN and a
//! year group as text (`"W373210125361"`, `"Y7"`), a percentage in hundredths, an IDACI
//! score in thousandths, money in pence, coded values by their variant names.

use super::{mirror_enum, refused};
use crate::core::pupil::{Pupil, SubjectAttainment};
use crate::core::value::{
    EalProficiency, Gender, IdaciBand, IdaciDecile, IdaciScore, Money, Percent, PrimaryNeed,
    SenStatus, Upn, YearGroup,
};
use crate::storage::schema::StorageError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mirror_enum!(
    /// A SEN status, by its variant name (`"SenSupport"`).
    SenStatusDto => SenStatus { NoSen, SenSupport, EhcPlan, SchoolAction, SchoolActionPlus, Statement }
);

mirror_enum!(
    /// A primary need, by its DfE code (`"SpLD"`).
    PrimaryNeedDto => PrimaryNeed { SpLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, NSA }
);

mirror_enum!(
    /// English proficiency, A to E.
    EalProficiencyDto => EalProficiency { A, B, C, D, E }
);

mirror_enum!(
    /// Gender as recorded.
    GenderDto => Gender { Female, Male, Other }
);

mirror_enum!(
    /// An IDACI band, A to G.
    IdaciBandDto => IdaciBand { A, B, C, D, E, F, G }
);

/// A UPN read back: its check letter must still be right.
pub(crate) fn upn_to_core(text: String) -> Result<Upn, StorageError> {
    Upn::parse(&text).map_err(|why| refused("a pupil's UPN", &text, why))
}

/// A year group's stored text, such as `"R"` or `"Y7"`.
pub(crate) fn year_group_text(year: YearGroup) -> String {
    year.short()
}

/// A year group read back from its text.
pub(crate) fn year_group_to_core(text: String) -> Result<YearGroup, StorageError> {
    YearGroup::try_from(text.clone()).map_err(|why| refused("a year group", &text, why))
}

/// A percentage read back from hundredths: no more than 100%.
pub(crate) fn percent_to_core(hundredths: u32) -> Result<Percent, StorageError> {
    Percent::try_from(hundredths).map_err(|why| refused("a percentage", hundredths, why))
}

/// Money read back from pence (any whole number of pence is money).
pub(crate) fn money_to_core(pence: i64) -> Money {
    Money::from_pence(pence)
}

/// One subject's attainment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectAttainmentDto {
    pub subject: String,
    pub current: Option<String>,
    pub target: Option<String>,
    pub prior: Option<String>,
}

impl From<&SubjectAttainment> for SubjectAttainmentDto {
    fn from(core: &SubjectAttainment) -> Self {
        SubjectAttainmentDto {
            subject: core.subject.clone(),
            current: core.current.clone(),
            target: core.target.clone(),
            prior: core.prior.clone(),
        }
    }
}

impl From<SubjectAttainmentDto> for SubjectAttainment {
    fn from(dto: SubjectAttainmentDto) -> Self {
        SubjectAttainment {
            subject: dto.subject,
            current: dto.current,
            target: dto.target,
            prior: dto.prior,
        }
    }
}

/// One pupil as stored: every field of [`Pupil`], in its order. A field missing from an
/// older record reads as unknown (`None`), as it always has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PupilDto {
    pub upn: Option<String>,
    pub surname: String,
    pub forename: String,
    pub preferred_name: Option<String>,
    pub gender: Option<GenderDto>,
    pub date_of_birth: Option<NaiveDate>,
    pub year_group: Option<String>,
    pub class: Option<String>,
    pub sen_status: Option<SenStatusDto>,
    pub primary_need: Option<PrimaryNeedDto>,
    pub looked_after: Option<bool>,
    pub eal: Option<bool>,
    pub eal_proficiency: Option<EalProficiencyDto>,
    pub first_language: Option<String>,
    pub arrival_date: Option<NaiveDate>,
    pub new_arrival: Option<bool>,
    pub entry_date: Option<NaiveDate>,
    pub school_moves: Option<u32>,
    pub fsm: Option<bool>,
    pub pupil_premium: Option<bool>,
    /// Thousandths, 0 to 1000.
    pub idaci_score: Option<u16>,
    pub idaci_band: Option<IdaciBandDto>,
    /// 1 to 10.
    pub idaci_decile: Option<u8>,
    /// Hundredths of a percent.
    pub attendance: Option<u32>,
    pub sessions_possible: Option<u32>,
    pub sessions_attended: Option<u32>,
    pub suspensions: Option<u32>,
    pub suspension_sessions: Option<u32>,
    pub permanent_exclusion: Option<bool>,
    pub attainment: Vec<SubjectAttainmentDto>,
    pub school_id: Option<String>,
    /// Added without a new version: absent from records written before it, and written
    /// only when the file gave it, so older records write back byte for byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_name: Option<String>,
    /// As `school_name`: additive, written only when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dfe_number: Option<String>,
    /// Unmapped columns as `[heading, cell text]` pairs.
    pub extra: Vec<(String, String)>,
}

impl From<&Pupil> for PupilDto {
    fn from(core: &Pupil) -> Self {
        PupilDto {
            upn: core.upn.as_ref().map(|upn| upn.as_str().to_string()),
            surname: core.surname.clone(),
            forename: core.forename.clone(),
            preferred_name: core.preferred_name.clone(),
            gender: core.gender.map(Into::into),
            date_of_birth: core.date_of_birth,
            year_group: core.year_group.map(year_group_text),
            class: core.class.clone(),
            sen_status: core.sen_status.map(Into::into),
            primary_need: core.primary_need.map(Into::into),
            looked_after: core.looked_after,
            eal: core.eal,
            eal_proficiency: core.eal_proficiency.map(Into::into),
            first_language: core.first_language.clone(),
            arrival_date: core.arrival_date,
            new_arrival: core.new_arrival,
            entry_date: core.entry_date,
            school_moves: core.school_moves,
            fsm: core.fsm,
            pupil_premium: core.pupil_premium,
            idaci_score: core.idaci_score.map(|score| score.thousandths()),
            idaci_band: core.idaci_band.map(Into::into),
            idaci_decile: core.idaci_decile.map(|decile| decile.get()),
            attendance: core.attendance.map(|percent| percent.hundredths()),
            sessions_possible: core.sessions_possible,
            sessions_attended: core.sessions_attended,
            suspensions: core.suspensions,
            suspension_sessions: core.suspension_sessions,
            permanent_exclusion: core.permanent_exclusion,
            attainment: core.attainment.iter().map(Into::into).collect(),
            school_id: core.school_id.clone(),
            school_name: core.school_name.clone(),
            dfe_number: core.dfe_number.clone(),
            extra: core.extra.clone(),
        }
    }
}

impl TryFrom<PupilDto> for Pupil {
    type Error = StorageError;

    fn try_from(dto: PupilDto) -> Result<Pupil, StorageError> {
        let idaci_score = dto
            .idaci_score
            .map(|t| IdaciScore::try_from(t).map_err(|why| refused("an IDACI score", t, why)))
            .transpose()?;
        let idaci_decile = dto
            .idaci_decile
            .map(|n| IdaciDecile::try_from(n).map_err(|why| refused("an IDACI decile", n, why)))
            .transpose()?;
        Ok(Pupil {
            upn: dto.upn.map(upn_to_core).transpose()?,
            surname: dto.surname,
            forename: dto.forename,
            preferred_name: dto.preferred_name,
            gender: dto.gender.map(Into::into),
            date_of_birth: dto.date_of_birth,
            year_group: dto.year_group.map(year_group_to_core).transpose()?,
            class: dto.class,
            sen_status: dto.sen_status.map(Into::into),
            primary_need: dto.primary_need.map(Into::into),
            looked_after: dto.looked_after,
            eal: dto.eal,
            eal_proficiency: dto.eal_proficiency.map(Into::into),
            first_language: dto.first_language,
            arrival_date: dto.arrival_date,
            new_arrival: dto.new_arrival,
            entry_date: dto.entry_date,
            school_moves: dto.school_moves,
            fsm: dto.fsm,
            pupil_premium: dto.pupil_premium,
            idaci_score,
            idaci_band: dto.idaci_band.map(Into::into),
            idaci_decile,
            attendance: dto.attendance.map(percent_to_core).transpose()?,
            sessions_possible: dto.sessions_possible,
            sessions_attended: dto.sessions_attended,
            suspensions: dto.suspensions,
            suspension_sessions: dto.suspension_sessions,
            permanent_exclusion: dto.permanent_exclusion,
            attainment: dto.attainment.into_iter().map(Into::into).collect(),
            school_id: dto.school_id,
            school_name: dto.school_name,
            dfe_number: dto.dfe_number,
            extra: dto.extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pupil_json(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Pupil, StorageError> {
        let mut json = serde_json::to_value(PupilDto::from(&Pupil::default())).expect("json");
        edit(&mut json);
        let dto: PupilDto = serde_json::from_value(json).expect("the shape reads");
        Pupil::try_from(dto)
    }

    #[test]
    fn values_the_core_refuses_are_damage_named_in_plain_english() {
        for (field, value, says) in [
            (
                "upn",
                serde_json::json!("A373210125361"),
                "a pupil's UPN “A373210125361”",
            ),
            ("year_group", serde_json::json!("Y14"), "a year group “Y14”"),
            (
                "attendance",
                serde_json::json!(10001),
                "a percentage “10001”",
            ),
            (
                "idaci_score",
                serde_json::json!(1001),
                "an IDACI score “1001”",
            ),
            ("idaci_decile", serde_json::json!(0), "an IDACI decile “0”"),
        ] {
            let error = pupil_json(|json| json[field] = value).expect_err(field);
            let StorageError::Damaged(detail) = &error else {
                panic!("{field}: {error:?}");
            };
            assert!(detail.starts_with(says), "{field}: {detail}");
        }
    }

    #[test]
    fn values_are_stored_as_text_and_whole_numbers() {
        let pupil = pupil_json(|json| {
            json["upn"] = "w373210125361".into();
            json["year_group"] = "R".into();
            json["attendance"] = 9350.into();
        })
        .expect("reads");
        assert_eq!(pupil.upn.as_ref().map(Upn::as_str), Some("W373210125361"));
        assert_eq!(pupil.year_group, Some(YearGroup::Reception));
        let json = serde_json::to_value(PupilDto::from(&pupil)).expect("json");
        assert_eq!(json["upn"], "W373210125361");
        assert_eq!(json["year_group"], "R");
        assert_eq!(json["attendance"], 9350);
        for year in YearGroup::all() {
            assert_eq!(year_group_to_core(year_group_text(year)), Ok(year));
        }
    }

    #[test]
    fn a_school_name_and_dfe_number_are_written_only_when_the_file_gave_them() {
        let plain = serde_json::to_value(PupilDto::from(&Pupil::default())).expect("json");
        assert!(plain.get("school_name").is_none());
        assert!(plain.get("dfe_number").is_none());
        let pupil = pupil_json(|json| {
            json["school_id"] = "100234".into();
            json["school_name"] = "Ashbrook Primary School".into();
            json["dfe_number"] = "373/2001".into();
        })
        .expect("reads");
        assert_eq!(
            pupil.school_name.as_deref(),
            Some("Ashbrook Primary School")
        );
        assert_eq!(pupil.dfe_number.as_deref(), Some("373/2001"));
        let json = serde_json::to_value(PupilDto::from(&pupil)).expect("json");
        assert_eq!(json["school_name"], "Ashbrook Primary School");
        assert_eq!(json["dfe_number"], "373/2001");
    }
}
