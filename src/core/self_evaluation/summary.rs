//! How far the self-evaluation has gone: per feature and overall, how many prompts are
//! answered (judged on the four-point scale) and how many are development priorities, and
//! the priorities themselves in the order their work starts.

use super::{Effectiveness, Feature, PromptAnswer, PromptId, SelfEvaluation};
use chrono::NaiveDate;

/// One feature's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureSummary {
    /// The feature.
    pub feature: Feature,
    /// Its checklist's prompts.
    pub prompts: usize,
    /// Prompts answered: how effective practice is now has been judged.
    pub answered: usize,
    /// Prompts marked as a development priority.
    pub priorities: usize,
}

/// A development priority: a prompt and its answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Priority {
    /// The prompt.
    pub prompt: PromptId,
    /// Its answer (marked as a priority).
    pub answer: PromptAnswer,
}

impl Priority {
    /// When its work starts: its earliest phase date (`None`: no phase dated yet).
    pub fn starts(&self) -> Option<NaiveDate> {
        self.answer
            .phases()
            .into_iter()
            .filter_map(|(_, d)| d)
            .min()
    }
}

/// The whole self-evaluation's progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Each feature's, in the guide's order.
    pub features: Vec<FeatureSummary>,
    /// Every feature's prompts.
    pub prompts: usize,
    /// Prompts answered (judged).
    pub answered: usize,
    /// How many prompts are judged at each point of the scale, least effective first.
    pub by_effectiveness: [(Effectiveness, usize); 4],
    /// The development priorities in phase order: by their earliest phase date, those
    /// with no date last, and otherwise in the guide's order.
    pub priorities: Vec<Priority>,
}

/// "1 development priority", "3 development priorities".
fn priorities_phrase(count: usize) -> String {
    if count == 1 {
        "1 development priority".to_string()
    } else {
        format!("{count} development priorities")
    }
}

impl FeatureSummary {
    /// In words: "2 of 5 prompts answered; 1 development priority".
    pub fn sentence(&self) -> String {
        format!(
            "{} of {} prompts answered; {}",
            self.answered,
            self.prompts,
            priorities_phrase(self.priorities)
        )
    }
}

impl Summary {
    /// In words: "12 of 32 prompts answered; 3 development priorities."
    pub fn sentence(&self) -> String {
        format!(
            "{} of {} prompts answered; {}.",
            self.answered,
            self.prompts,
            priorities_phrase(self.priorities.len())
        )
    }
}

impl SelfEvaluation {
    /// One feature's progress.
    pub fn feature_summary(&self, feature: Feature) -> FeatureSummary {
        let answers: Vec<&PromptAnswer> = feature
            .prompt_ids()
            .filter_map(|id| self.answer(id))
            .collect();
        FeatureSummary {
            feature,
            prompts: feature.prompts().len(),
            answered: answers.iter().filter(|a| a.effectiveness.is_some()).count(),
            priorities: answers.iter().filter(|a| a.priority).count(),
        }
    }

    /// The development priorities in phase order (see [`Summary::priorities`]).
    pub fn priorities(&self) -> Vec<Priority> {
        let mut priorities: Vec<Priority> = PromptId::all()
            .filter_map(|prompt| {
                self.answer(prompt)
                    .filter(|a| a.priority)
                    .map(|answer| Priority {
                        prompt,
                        answer: answer.clone(),
                    })
            })
            .collect();
        // Stable: equal starts keep the guide's order.
        priorities.sort_by_key(|p| (p.starts().is_none(), p.starts()));
        priorities
    }

    /// The whole self-evaluation's progress.
    pub fn summary(&self) -> Summary {
        let features: Vec<FeatureSummary> = Feature::ALL
            .into_iter()
            .map(|f| self.feature_summary(f))
            .collect();
        let by_effectiveness = Effectiveness::ALL.map(|point| {
            let count = PromptId::all()
                .filter_map(|id| self.answer(id))
                .filter(|a| a.effectiveness == Some(point))
                .count();
            (point, count)
        });
        Summary {
            prompts: features.iter().map(|f| f.prompts).sum(),
            answered: features.iter().map(|f| f.answered).sum(),
            features,
            by_effectiveness,
            priorities: self.priorities(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32, m: u32, y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn prompt(feature: Feature, number: u8) -> PromptId {
        PromptId::new(feature, number).expect("a prompt")
    }

    fn answer(
        effectiveness: Option<Effectiveness>,
        priority: bool,
        phase1: Option<NaiveDate>,
        phase2: Option<NaiveDate>,
    ) -> PromptAnswer {
        PromptAnswer {
            effectiveness,
            priority,
            phase1,
            phase2,
            ..PromptAnswer::default()
        }
    }

    #[test]
    fn nothing_answered_yet() {
        let summary = SelfEvaluation::default().summary();
        assert_eq!(summary.prompts, 32);
        assert_eq!(summary.answered, 0);
        assert!(summary.priorities.is_empty());
        assert_eq!(
            summary.sentence(),
            "0 of 32 prompts answered; 0 development priorities."
        );
        let counts: Vec<usize> = summary.features.iter().map(|f| f.prompts).collect();
        assert_eq!(counts, [5, 4, 3, 3, 3, 4, 3, 4, 3]);
    }

    #[test]
    fn answered_counts_judged_prompts_and_priorities_count_apart() {
        let mut evaluation = SelfEvaluation::default();
        let developing = Some(Effectiveness::Developing);
        evaluation.set(
            prompt(Feature::TargetSetting, 0),
            answer(developing, false, None, None),
        );
        evaluation.set(
            prompt(Feature::TargetSetting, 1),
            answer(developing, true, None, None),
        );
        // A priority not yet judged, and a note alone: neither is answered.
        evaluation.set(
            prompt(Feature::TargetSetting, 2),
            answer(None, true, None, None),
        );
        evaluation.set(
            prompt(Feature::TargetSetting, 3),
            PromptAnswer {
                notes: "Ask the parents' forum".into(),
                ..PromptAnswer::default()
            },
        );
        evaluation.set(
            prompt(Feature::WiderNeeds, 0),
            answer(Some(Effectiveness::Embedded), false, None, None),
        );
        let target = evaluation.feature_summary(Feature::TargetSetting);
        assert_eq!(
            (target.prompts, target.answered, target.priorities),
            (4, 2, 2)
        );
        assert_eq!(
            target.sentence(),
            "2 of 4 prompts answered; 2 development priorities"
        );
        let summary = evaluation.summary();
        assert_eq!(summary.answered, 3);
        assert_eq!(
            summary.by_effectiveness,
            [
                (Effectiveness::NotYetInPlace, 0),
                (Effectiveness::Developing, 2),
                (Effectiveness::Established, 0),
                (Effectiveness::Embedded, 1),
            ]
        );
        assert_eq!(
            summary.sentence(),
            "3 of 32 prompts answered; 2 development priorities."
        );
        assert_eq!(
            evaluation.feature_summary(Feature::WiderNeeds).sentence(),
            "1 of 3 prompts answered; 0 development priorities"
        );
    }

    #[test]
    fn priorities_are_in_phase_order_undated_last_then_the_guides_order() {
        let mut evaluation = SelfEvaluation::default();
        let late = prompt(Feature::HighQualityTeaching, 0);
        let undated_first = prompt(Feature::HighQualityTeaching, 1);
        let early = prompt(Feature::WiderNeeds, 2);
        let phase_two_only = prompt(Feature::Intervention, 0);
        let undated_second = prompt(Feature::PupilGrouping, 1);
        let same_as_early = prompt(Feature::ExtendedCurriculum, 0);
        let not_a_priority = prompt(Feature::FocusedAssessment, 0);
        evaluation.set(late, answer(None, true, Some(date(1, 1, 2027)), None));
        evaluation.set(undated_first, answer(None, true, None, None));
        evaluation.set(early, answer(None, true, Some(date(1, 9, 2026)), None));
        evaluation.set(
            phase_two_only,
            answer(None, true, None, Some(date(1, 11, 2026))),
        );
        evaluation.set(undated_second, answer(None, true, None, None));
        evaluation.set(
            same_as_early,
            answer(None, true, Some(date(1, 9, 2026)), None),
        );
        evaluation.set(
            not_a_priority,
            answer(None, false, Some(date(1, 1, 2026)), None),
        );
        let order: Vec<PromptId> = evaluation.priorities().iter().map(|p| p.prompt).collect();
        assert_eq!(
            order,
            [
                same_as_early,
                early,
                phase_two_only,
                late,
                undated_first,
                undated_second
            ]
        );
        assert_eq!(evaluation.summary().priorities.len(), 6);
    }
}
