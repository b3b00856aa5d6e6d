//! The school's self-evaluation as stored (stored format 6 on): a list of the prompts
//! answered, in prompt order, each named by its feature's snake-case word and its number
//! in the chapter's checklist (`{"feature": "target_setting", "number": 2, …}`), with
//! effectiveness as a snake-case word (`"not_yet_in_place"`) and phase dates as
//! `"2026-09-01"`. The feature and number must be there; the rest of an answer reads as
//! empty when missing. A prompt answered twice in a list is damage: reading it would keep
//! one answer and silently lose the other.

use super::{default_from_core, mirror_enum, refused};
use crate::core::self_evaluation::{
    Effectiveness, Feature, PromptAnswer, PromptId, SelfEvaluation,
};
use crate::storage::schema::StorageError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mirror_enum!(
    /// One of the practical guide's nine features (`"high_quality_teaching"`, …).
    #[serde(rename_all = "snake_case")]
    FeatureDto => Feature {
        HighQualityTeaching, TargetSetting, FocusedAssessment, Intervention, PupilGrouping,
        LearningEnvironment, CurriculumOrganisation, ExtendedCurriculum, WiderNeeds
    }
);

mirror_enum!(
    /// How effective current practice is (`"not_yet_in_place"`, `"developing"`, …).
    #[serde(rename_all = "snake_case")]
    EffectivenessDto => Effectiveness { NotYetInPlace, Developing, Established, Embedded }
);

/// The school's answer to one prompt, with the prompt it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromptAnswerDto {
    pub feature: FeatureDto,
    /// The prompt's number in its chapter's checklist, from 0.
    pub number: u8,
    #[serde(default)]
    pub effectiveness: Option<EffectivenessDto>,
    #[serde(default)]
    pub priority: bool,
    #[serde(default)]
    pub phase1: Option<NaiveDate>,
    #[serde(default)]
    pub phase2: Option<NaiveDate>,
    #[serde(default)]
    pub phase3: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

impl PromptAnswerDto {
    fn from_core(prompt: PromptId, answer: &PromptAnswer) -> PromptAnswerDto {
        PromptAnswerDto {
            feature: prompt.feature.into(),
            number: prompt.number,
            effectiveness: answer.effectiveness.map(Into::into),
            priority: answer.priority,
            phase1: answer.phase1,
            phase2: answer.phase2,
            phase3: answer.phase3,
            notes: answer.notes.clone(),
        }
    }

    fn into_core(self) -> (PromptId, PromptAnswer) {
        (
            PromptId {
                feature: self.feature.into(),
                number: self.number,
            },
            PromptAnswer {
                effectiveness: self.effectiveness.map(Into::into),
                priority: self.priority,
                phase1: self.phase1,
                phase2: self.phase2,
                phase3: self.phase3,
                notes: self.notes,
            },
        )
    }
}

/// The self-evaluation: the prompts answered, in prompt order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SelfEvaluationDto {
    pub answers: Vec<PromptAnswerDto>,
}

default_from_core!(SelfEvaluationDto, SelfEvaluation);

impl From<&SelfEvaluation> for SelfEvaluationDto {
    fn from(core: &SelfEvaluation) -> Self {
        SelfEvaluationDto {
            answers: core
                .answers
                .iter()
                .map(|(prompt, answer)| PromptAnswerDto::from_core(*prompt, answer))
                .collect(),
        }
    }
}

impl TryFrom<SelfEvaluationDto> for SelfEvaluation {
    type Error = StorageError;

    fn try_from(dto: SelfEvaluationDto) -> Result<SelfEvaluation, StorageError> {
        let mut answers = BTreeMap::new();
        for answer in dto.answers {
            let (feature, number) = (answer.feature, answer.number);
            let (prompt, answer) = answer.into_core();
            if answers.insert(prompt, answer).is_some() {
                let named = serde_json::to_value(feature)
                    .ok()
                    .and_then(|word| word.as_str().map(str::to_string))
                    .unwrap_or_default();
                return Err(refused(
                    "a self-evaluation prompt",
                    format!("{named} {number}"),
                    "it is answered twice",
                ));
            }
        }
        Ok(SelfEvaluation { answers })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<SelfEvaluation, StorageError> {
        let dto: SelfEvaluationDto = serde_json::from_str(json).expect("the shape reads");
        SelfEvaluation::try_from(dto)
    }

    #[test]
    fn an_evaluation_missing_fields_reads_as_empty() {
        assert_eq!(read("{}"), Ok(SelfEvaluation::default()));
        let answered =
            read(r#"{"answers":[{"feature":"wider_needs","number":3}]}"#).expect("converts");
        let prompt = PromptId {
            feature: Feature::WiderNeeds,
            number: 3,
        };
        assert_eq!(answered.answers[&prompt], PromptAnswer::default());
    }

    #[test]
    fn every_field_is_stored_in_words_and_reads_back() {
        let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("a date");
        let answer = PromptAnswer {
            effectiveness: Some(Effectiveness::NotYetInPlace),
            priority: true,
            phase1: Some(date(9, 1)),
            phase2: Some(date(1, 5)),
            phase3: Some(date(4, 20)),
            notes: "Start with Year 7".into(),
        };
        let core = SelfEvaluation {
            answers: BTreeMap::from([
                (
                    PromptId {
                        feature: Feature::TargetSetting,
                        number: 2,
                    },
                    answer,
                ),
                (
                    PromptId {
                        feature: Feature::HighQualityTeaching,
                        number: 0,
                    },
                    PromptAnswer {
                        effectiveness: Some(Effectiveness::Embedded),
                        ..PromptAnswer::default()
                    },
                ),
            ]),
        };
        let json = serde_json::to_value(SelfEvaluationDto::from(&core)).expect("writes");
        assert_eq!(
            json["answers"][1],
            serde_json::json!({
                "feature": "target_setting", "number": 2,
                "effectiveness": "not_yet_in_place", "priority": true,
                "phase1": "2026-09-01", "phase2": "2026-01-05", "phase3": "2026-04-20",
                "notes": "Start with Year 7"
            })
        );
        assert_eq!(json["answers"][0]["feature"], "high_quality_teaching");
        let dto: SelfEvaluationDto = serde_json::from_value(json).expect("reads");
        assert_eq!(SelfEvaluation::try_from(dto), Ok(core));
    }

    #[test]
    fn a_prompt_answered_twice_is_damage_naming_it() {
        let twice = read(
            r#"{"answers":[{"feature":"intervention","number":1,"priority":true},
                {"feature":"intervention","number":1}]}"#,
        );
        assert!(
            matches!(&twice, Err(StorageError::Damaged(detail)) if detail.contains("intervention 1")),
            "{twice:?}"
        );
    }
}
