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

impl CurricularProgress {
    pub const ALL: [CurricularProgress; 4] = [
        CurricularProgress::NotYetReviewed,
        CurricularProgress::Achieved,
        CurricularProgress::PartlyAchieved,
        CurricularProgress::NotAchieved,
    ];

    /// Its name on screen.
    pub fn label(self) -> &'static str {
        match self {
            CurricularProgress::NotYetReviewed => "Not yet reviewed",
            CurricularProgress::Achieved => "Achieved",
            CurricularProgress::PartlyAchieved => "Partly achieved",
            CurricularProgress::NotAchieved => "Not achieved",
        }
    }
}

/// A field of the curricular target form, so a problem can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CurricularField {
    /// The target in words.
    Text,
    /// When it was set.
    SetOn,
    /// When it is reviewed.
    ReviewOn,
}

/// One thing to put right on the curricular target form, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurricularProblem {
    /// The field to put right.
    pub field: CurricularField,
    /// What to do.
    pub message: String,
}

impl std::fmt::Display for CurricularProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A curricular target as the form holds it: dates as typed (dd/mm/yyyy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurricularDraft {
    /// The target being edited; `None` for a new one.
    pub id: Option<u32>,
    pub horizon: Horizon,
    pub area: String,
    pub text: String,
    pub set_on: String,
    pub review_on: String,
    pub pupil_set: bool,
    pub parents_set: bool,
    pub pupil_reviewed: bool,
    pub parents_reviewed: bool,
    pub progress: CurricularProgress,
    pub review_notes: String,
}

impl Default for CurricularDraft {
    /// A new short-term target with nothing typed.
    fn default() -> CurricularDraft {
        CurricularDraft {
            id: None,
            horizon: Horizon::Short,
            area: String::new(),
            text: String::new(),
            set_on: String::new(),
            review_on: String::new(),
            pupil_set: false,
            parents_set: false,
            pupil_reviewed: false,
            parents_reviewed: false,
            progress: CurricularProgress::NotYetReviewed,
            review_notes: String::new(),
        }
    }
}

impl CurricularDraft {
    /// The form filled from a curricular target, to edit it.
    pub fn of(target: &CurricularTarget) -> CurricularDraft {
        let day = |date: Option<NaiveDate>| {
            date.map(crate::core::value::format_uk_date)
                .unwrap_or_default()
        };
        CurricularDraft {
            id: Some(target.id),
            horizon: target.horizon,
            area: target.area.clone(),
            text: target.text.clone(),
            set_on: day(target.set_on),
            review_on: day(target.review_on),
            pupil_set: target.pupil_set,
            parents_set: target.parents_set,
            pupil_reviewed: target.pupil_reviewed,
            parents_reviewed: target.parents_reviewed,
            progress: target.progress,
            review_notes: target.review_notes.clone(),
        }
    }

    /// The curricular target with its text trimmed (a new one's id is set when it is
    /// added: [`super::TargetBook::add_curricular`]), or every problem in the form's order:
    /// the target's words are needed, dates must be dates, and the review may not come
    /// before the day it was set.
    pub fn validate(&self) -> Result<CurricularTarget, Vec<CurricularProblem>> {
        let mut problems = Vec::new();
        let text = self.text.trim();
        if text.is_empty() {
            problems.push(CurricularProblem {
                field: CurricularField::Text,
                message: "Enter the target, such as “Read 20 common exception words”".to_string(),
            });
        }
        let mut date = |typed: &str, field: CurricularField, name: &str| {
            crate::core::value::parse_date(typed).unwrap_or_else(|_| {
                problems.push(CurricularProblem {
                    field,
                    message: format!("Enter the {name} as a date, such as 13/03/2026"),
                });
                None
            })
        };
        let set_on = date(&self.set_on, CurricularField::SetOn, "date it was set");
        let review_on = date(&self.review_on, CurricularField::ReviewOn, "review date");
        if let (Some(set), Some(review)) = (set_on, review_on) {
            if review < set {
                problems.push(CurricularProblem {
                    field: CurricularField::ReviewOn,
                    message: format!(
                        "The review date must not be before the date it was set, {}",
                        crate::core::value::format_uk_date(set)
                    ),
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CurricularTarget {
            id: self.id.unwrap_or(0),
            horizon: self.horizon,
            area: self.area.trim().to_string(),
            text: text.to_string(),
            set_on,
            review_on,
            pupil_set: self.pupil_set,
            parents_set: self.parents_set,
            pupil_reviewed: self.pupil_reviewed,
            parents_reviewed: self.parents_reviewed,
            progress: self.progress,
            review_notes: self.review_notes.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_curricular_target_needs_words_and_a_review_not_before_it_was_set() {
        let draft = CurricularDraft {
            text: "  ".into(),
            set_on: "10/03/2026".into(),
            review_on: "9/3/2026".into(),
            ..CurricularDraft::default()
        };
        let problems = draft.validate().expect_err("refused");
        let fields: Vec<CurricularField> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, [CurricularField::Text, CurricularField::ReviewOn]);
        assert_eq!(
            problems[1].message,
            "The review date must not be before the date it was set, 10/03/2026"
        );
        let good = CurricularDraft {
            text: " Count to 100 in tens ".into(),
            area: "Maths".into(),
            review_on: "10/03/2026".into(),
            ..draft
        };
        let target = good.validate().expect("valid");
        assert_eq!(target.text, "Count to 100 in tens");
        assert_eq!(CurricularDraft::of(&target).review_on, "10/03/2026");
        let bad_date = CurricularDraft {
            set_on: "someday".into(),
            ..good
        };
        assert_eq!(
            bad_date.validate().expect_err("refused")[0].field,
            CurricularField::SetOn
        );
    }
}
