//! A pupil's curricular targets (SPEC §8.3): short-, medium- and long-term, on the pupil
//! profile and in the individual provision map, noting whether the pupil and their
//! parents took part in setting and reviewing them.

use chrono::NaiveDate;

/// How far ahead a curricular target looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Horizon {
    Short,
    Medium,
    Long,
}

impl Horizon {
    pub const ALL: [Horizon; 3] = [Horizon::Short, Horizon::Medium, Horizon::Long];

    /// Its name on screen.
    pub fn label(self) -> &'static str {
        match self {
            Horizon::Short => "Short term",
            Horizon::Medium => "Medium term",
            Horizon::Long => "Long term",
        }
    }
}

/// How a curricular target stood at its last review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CurricularProgress {
    NotYetReviewed,
    Achieved,
    PartlyAchieved,
    NotAchieved,
}

/// One curricular target of one pupil.
#[derive(Debug, Clone, PartialEq)]
pub struct CurricularTarget {
    /// Unique among the pupil's targets, never reused while it exists.
    pub id: u32,
    pub horizon: Horizon,
    /// The subject or area ("Reading", "Maths", "Social communication").
    pub area: String,
    /// The target in words.
    pub text: String,
    pub set_on: Option<NaiveDate>,
    pub review_on: Option<NaiveDate>,
    /// Took part in setting it.
    pub pupil_set: bool,
    pub parents_set: bool,
    /// Took part in reviewing it.
    pub pupil_reviewed: bool,
    pub parents_reviewed: bool,
    pub progress: CurricularProgress,
    /// What was agreed at its review.
    pub review_notes: String,
}
