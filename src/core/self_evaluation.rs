//! Self-evaluation (SPEC §8.4, issue 15): the DCSF practical guide's nine features of
//! personalised learning, each with its chapter's "Developing practice checklist" prompts
//! in the guide's words, and the school's answer to each prompt: how effective practice is
//! now, whether it is a development priority, its Phase 1–3 dates and notes.
//!
//! - [`checklist`]: the guide's words — each feature's title and prompts, and where the
//!   planner holds evidence for it ([`Feature::evidence`]).
//! - [`draft`]: an answer as the form holds it ([`AnswerDraft`]: dates as typed), checked
//!   into a [`PromptAnswer`] or plain problems naming their field.
//! - [`summary`]: how far the self-evaluation has gone, per feature and overall, and the
//!   development priorities in the order their work starts.
//!
//! A prompt is known by its feature and its place in the chapter's checklist
//! ([`PromptId`]); its stable text form ([`PromptId::slug`], "target-setting-2") is what
//! storage and the page's element ids use.

pub mod checklist;
pub mod draft;
pub mod summary;

pub use checklist::{Evidence, EvidencePage};
pub use draft::{AnswerDraft, AnswerProblem, Phase};
pub use summary::{FeatureSummary, Priority, Summary};

use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One of the guide's nine features, in the guide's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Feature {
    HighQualityTeaching,
    TargetSetting,
    FocusedAssessment,
    Intervention,
    PupilGrouping,
    LearningEnvironment,
    CurriculumOrganisation,
    ExtendedCurriculum,
    WiderNeeds,
}

/// A prompt: a feature and its prompt's number in the chapter's checklist (0-based; the
/// guide's own order, so a stored answer keeps meaning what it meant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PromptId {
    pub feature: Feature,
    pub number: u8,
}

/// How effective current practice is, on a four-point scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Effectiveness {
    NotYetInPlace,
    Developing,
    Established,
    Embedded,
}

/// The school's answer to one prompt.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PromptAnswer {
    pub effectiveness: Option<Effectiveness>,
    pub priority: bool,
    pub phase1: Option<NaiveDate>,
    pub phase2: Option<NaiveDate>,
    pub phase3: Option<NaiveDate>,
    pub notes: String,
}

/// The school's self-evaluation: an answer per prompt answered (a prompt with no entry
/// is unanswered). Saved in the workspace record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SelfEvaluation {
    pub answers: BTreeMap<PromptId, PromptAnswer>,
}

impl Feature {
    /// The nine features in the guide's order.
    pub const ALL: [Feature; 9] = [
        Feature::HighQualityTeaching,
        Feature::TargetSetting,
        Feature::FocusedAssessment,
        Feature::Intervention,
        Feature::PupilGrouping,
        Feature::LearningEnvironment,
        Feature::CurriculumOrganisation,
        Feature::ExtendedCurriculum,
        Feature::WiderNeeds,
    ];

    /// A stable name for storage and element ids: "target-setting". Never changes, so a
    /// stored answer keeps its feature.
    pub fn slug(self) -> &'static str {
        match self {
            Feature::HighQualityTeaching => "high-quality-teaching",
            Feature::TargetSetting => "target-setting",
            Feature::FocusedAssessment => "focused-assessment",
            Feature::Intervention => "intervention",
            Feature::PupilGrouping => "pupil-grouping",
            Feature::LearningEnvironment => "learning-environment",
            Feature::CurriculumOrganisation => "curriculum-organisation",
            Feature::ExtendedCurriculum => "extended-curriculum",
            Feature::WiderNeeds => "wider-needs",
        }
    }

    /// The feature a [`slug`](Feature::slug) names.
    pub fn from_slug(slug: &str) -> Option<Feature> {
        Feature::ALL.into_iter().find(|f| f.slug() == slug)
    }

    /// Its place in the guide: 1 for High quality teaching and learning, … 9.
    pub fn chapter(self) -> usize {
        Feature::ALL
            .iter()
            .position(|f| *f == self)
            .map_or(0, |at| at + 1)
    }

    /// Every prompt of its checklist, in the guide's order.
    pub fn prompt_ids(self) -> impl Iterator<Item = PromptId> {
        (0..self.prompts().len()).filter_map(move |at| {
            u8::try_from(at).ok().map(|number| PromptId {
                feature: self,
                number,
            })
        })
    }
}

impl PromptId {
    /// The prompt numbered `number` (0-based) of `feature`'s checklist, if it has one.
    pub fn new(feature: Feature, number: u8) -> Option<PromptId> {
        let id = PromptId { feature, number };
        id.text().map(|_| id)
    }

    /// The prompt's words, as the guide writes them (`None` for a number past the end of
    /// the checklist).
    pub fn text(self) -> Option<&'static str> {
        self.feature
            .prompts()
            .get(usize::from(self.number))
            .copied()
    }

    /// The prompt's letter in the guide's Annex grid: a, b, c, …
    pub fn letter(self) -> char {
        char::from(b'a' + self.number.min(25))
    }

    /// A stable name for storage and element ids: the feature's slug and the prompt's
    /// place counted from 1, "target-setting-2".
    pub fn slug(self) -> String {
        format!("{}-{}", self.feature.slug(), u16::from(self.number) + 1)
    }

    /// The prompt a [`slug`](PromptId::slug) names, if it is one of the checklists'.
    pub fn from_slug(slug: &str) -> Option<PromptId> {
        let (feature, place) = slug.rsplit_once('-')?;
        let place: u8 = place.parse().ok()?;
        PromptId::new(Feature::from_slug(feature)?, place.checked_sub(1)?)
    }

    /// Every prompt of every feature, in the guide's order.
    pub fn all() -> impl Iterator<Item = PromptId> {
        Feature::ALL.into_iter().flat_map(Feature::prompt_ids)
    }
}

impl Effectiveness {
    /// The four points, least effective first.
    pub const ALL: [Effectiveness; 4] = [
        Effectiveness::NotYetInPlace,
        Effectiveness::Developing,
        Effectiveness::Established,
        Effectiveness::Embedded,
    ];

    /// The point in plain words: "Developing".
    pub fn label(self) -> &'static str {
        match self {
            Effectiveness::NotYetInPlace => "Not yet in place",
            Effectiveness::Developing => "Developing",
            Effectiveness::Established => "Established",
            Effectiveness::Embedded => "Embedded",
        }
    }

    /// What the point means, in a sentence.
    pub fn hint(self) -> &'static str {
        match self {
            Effectiveness::NotYetInPlace => "Not happening yet, or only in one or two places.",
            Effectiveness::Developing => {
                "Started and growing, but not yet consistent across the school."
            }
            Effectiveness::Established => {
                "Happening consistently across the school, with clear benefit to pupils."
            }
            Effectiveness::Embedded => {
                "Part of everyday practice everywhere, regularly reviewed and improved."
            }
        }
    }

    /// A stable name for storage and form values: "not-yet-in-place".
    pub fn slug(self) -> &'static str {
        match self {
            Effectiveness::NotYetInPlace => "not-yet-in-place",
            Effectiveness::Developing => "developing",
            Effectiveness::Established => "established",
            Effectiveness::Embedded => "embedded",
        }
    }

    /// The point a [`slug`](Effectiveness::slug) names.
    pub fn from_slug(slug: &str) -> Option<Effectiveness> {
        Effectiveness::ALL.into_iter().find(|e| e.slug() == slug)
    }
}

impl PromptAnswer {
    /// True when nothing is recorded: no judgement, not a priority, no dates, no notes.
    pub fn is_empty(&self) -> bool {
        self.effectiveness.is_none()
            && !self.priority
            && self.phase1.is_none()
            && self.phase2.is_none()
            && self.phase3.is_none()
            && self.notes.trim().is_empty()
    }

    /// The phase dates in order, Phase 1 first.
    pub fn phases(&self) -> [(Phase, Option<NaiveDate>); 3] {
        [
            (Phase::One, self.phase1),
            (Phase::Two, self.phase2),
            (Phase::Three, self.phase3),
        ]
    }

    /// The date of `phase`.
    pub fn phase(&self, phase: Phase) -> Option<NaiveDate> {
        match phase {
            Phase::One => self.phase1,
            Phase::Two => self.phase2,
            Phase::Three => self.phase3,
        }
    }
}

impl SelfEvaluation {
    /// The answer recorded for `prompt`, if any.
    pub fn answer(&self, prompt: PromptId) -> Option<&PromptAnswer> {
        self.answers.get(&prompt)
    }

    /// Records `answer` for `prompt`; an empty answer ([`PromptAnswer::is_empty`]) removes
    /// the entry, so the prompt is unanswered again. A prompt no checklist has is ignored.
    pub fn set(&mut self, prompt: PromptId, answer: PromptAnswer) {
        if prompt.text().is_none() {
            return;
        }
        if answer.is_empty() {
            self.answers.remove(&prompt);
        } else {
            self.answers.insert(prompt, answer);
        }
    }

    /// Checks `draft` and records it for `prompt`; on a problem nothing changes and every
    /// problem is returned.
    pub fn apply(
        &mut self,
        prompt: PromptId,
        draft: &AnswerDraft,
    ) -> Result<(), Vec<AnswerProblem>> {
        let answer = draft.validate()?;
        self.set(prompt, answer);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32, m: u32, y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn features_keep_the_guides_order_and_stable_slugs() {
        let titles: Vec<&str> = Feature::ALL.iter().map(|f| f.title()).collect();
        assert_eq!(
            titles,
            [
                "High quality teaching and learning",
                "Target setting and tracking",
                "Focused assessment",
                "Intervention",
                "Pupil grouping",
                "The learning environment",
                "Curriculum organisation",
                "The extended curriculum",
                "Supporting children's wider needs",
            ]
        );
        for (at, feature) in Feature::ALL.into_iter().enumerate() {
            assert_eq!(feature.chapter(), at + 1);
            assert_eq!(Feature::from_slug(feature.slug()), Some(feature));
        }
        assert_eq!(Feature::from_slug("targets"), None);
    }

    #[test]
    fn prompt_slugs_round_trip_and_refuse_prompts_no_checklist_has() {
        let all: Vec<PromptId> = PromptId::all().collect();
        assert_eq!(all.len(), 32);
        for id in &all {
            assert_eq!(PromptId::from_slug(&id.slug()), Some(*id), "{}", id.slug());
        }
        let second = PromptId::new(Feature::TargetSetting, 1).expect("a prompt");
        assert_eq!(second.slug(), "target-setting-2");
        assert_eq!(second.letter(), 'b');
        assert_eq!(
            second.text(),
            Some("Using progress data to identify individuals and groups who are off trajectory?")
        );
        assert_eq!(PromptId::new(Feature::TargetSetting, 4), None);
        for slug in [
            "target-setting-0",
            "target-setting-5",
            "targets-1",
            "intervention",
            "",
        ] {
            assert_eq!(PromptId::from_slug(slug), None, "{slug}");
        }
    }

    #[test]
    fn effectiveness_has_four_points_in_plain_words() {
        let labels: Vec<&str> = Effectiveness::ALL.iter().map(|e| e.label()).collect();
        assert_eq!(
            labels,
            ["Not yet in place", "Developing", "Established", "Embedded"]
        );
        for point in Effectiveness::ALL {
            assert_eq!(Effectiveness::from_slug(point.slug()), Some(point));
            assert!(point.hint().ends_with('.'));
        }
    }

    #[test]
    fn an_empty_answer_removes_the_entry() {
        let prompt = PromptId::new(Feature::Intervention, 2).expect("a prompt");
        let mut evaluation = SelfEvaluation::default();
        let answer = PromptAnswer {
            priority: true,
            phase1: Some(date(1, 9, 2026)),
            ..PromptAnswer::default()
        };
        evaluation.set(prompt, answer.clone());
        assert_eq!(evaluation.answer(prompt), Some(&answer));
        evaluation.set(
            prompt,
            PromptAnswer {
                notes: "  ".into(),
                ..PromptAnswer::default()
            },
        );
        assert_eq!(evaluation.answer(prompt), None);
        assert!(evaluation.answers.is_empty());
    }

    #[test]
    fn set_ignores_a_prompt_no_checklist_has() {
        let mut evaluation = SelfEvaluation::default();
        let unknown = PromptId {
            feature: Feature::Intervention,
            number: 9,
        };
        evaluation.set(
            unknown,
            PromptAnswer {
                priority: true,
                ..PromptAnswer::default()
            },
        );
        assert!(evaluation.answers.is_empty());
    }

    #[test]
    fn apply_changes_nothing_when_the_draft_has_a_problem() {
        let prompt = PromptId::new(Feature::PupilGrouping, 0).expect("a prompt");
        let mut evaluation = SelfEvaluation::default();
        let good = AnswerDraft {
            effectiveness: Some(Effectiveness::Developing),
            phase1: "01/09/2026".into(),
            ..AnswerDraft::default()
        };
        assert_eq!(evaluation.apply(prompt, &good), Ok(()));
        let before = evaluation.clone();
        let bad = AnswerDraft {
            phase2: "31/02/2027".into(),
            ..good
        };
        assert!(evaluation.apply(prompt, &bad).is_err());
        assert_eq!(evaluation, before);
    }
}
