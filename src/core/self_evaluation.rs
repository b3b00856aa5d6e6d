//! Self-evaluation (SPEC §8.4, issue 15): the DCSF practical guide's nine features of
//! personalised learning, each with its chapter's "Developing practice checklist" prompts
//! in the guide's words, and the school's answer to each prompt: how effective practice is
//! now, whether it is a development priority, its Phase 1–3 dates and notes.

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
