//! The **Targets** add and edit form as data (SPEC §8.3): every field of a [`Target`] as
//! typed, checked in one place. [`TargetDraft::of`] fills the form to edit a target;
//! [`TargetDraft::validate`] gives the target or every [`TargetProblem`], each naming
//! its field and saying what to do, in the form's order.
//!
//! Figures are read exactly ([`MeasureValue::parse`]) and checked against the measure's
//! range: a percentage 0 to 100, a count of pupils whole and 0 or more, a grade 1 to 9.
//! Dates are UK dates ([`parse_date`]). A by date must come after the baseline's date (the
//! day its drop stands for), and a review date may not come before the target is set: for
//! a new target that is today; for one being edited, the baseline's date.

use super::measure::Measuring;
use super::{Target, TargetGroup, TargetId, TargetLevel, TargetMeasure, TargetStatus};
use crate::core::cohort::{cohort_by_id, Cohort};
use crate::core::provision::measure::{as_at, MeasureValue};
use crate::core::tracking::timeline::Period;
use crate::core::value::{format_uk_date, parse_date};
use chrono::NaiveDate;
use std::fmt;

/// A field of the form, so a problem can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetField {
    /// Who the target is for (the group, cohort or pupil chosen).
    Level,
    /// What the target is, in words.
    Description,
    /// What the planner measures (the subject of a subject's measure).
    Measure,
    /// The figure when the target was set.
    Baseline,
    /// The figure aimed for.
    TargetValue,
    /// When it should be reached.
    By,
    /// When it is next reviewed.
    ReviewOn,
}

/// One thing to put right, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetProblem {
    /// The field to put right.
    pub field: TargetField,
    /// What to do.
    pub message: String,
}

impl fmt::Display for TargetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The form as typed: figures and dates are the text in their boxes.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetDraft {
    /// The target being edited; `None` for a new one.
    pub id: Option<TargetId>,
    /// Who it is for.
    pub level: TargetLevel,
    /// What it is, in words.
    pub description: String,
    /// What the planner measures for it, if anything.
    pub measure: Option<TargetMeasure>,
    /// The figure when it was set (filled from the drop by [`TargetDraft::take_baseline`]).
    pub baseline: String,
    /// The drop the baseline was taken from, if it was.
    pub baseline_from: Option<Period>,
    /// The figure aimed for.
    pub target_value: String,
    /// When it should be reached, as typed (dd/mm/yyyy).
    pub by: String,
    /// Who leads it.
    pub owner: String,
    /// When it is next reviewed, as typed.
    pub review_on: String,
    /// The status chosen; `None` is "Suggested": the planner's suggestion.
    pub status: Option<TargetStatus>,
    /// Notes.
    pub notes: String,
    /// The target it was broken down from, kept through an edit.
    pub part_of: Option<TargetId>,
}

impl Default for TargetDraft {
    /// A new whole-school target with nothing typed.
    fn default() -> TargetDraft {
        TargetDraft {
            id: None,
            level: TargetLevel::WholeSchool,
            description: String::new(),
            measure: None,
            baseline: String::new(),
            baseline_from: None,
            target_value: String::new(),
            by: String::new(),
            owner: String::new(),
            review_on: String::new(),
            status: None,
            notes: String::new(),
            part_of: None,
        }
    }
}

/// A figure typed that the measure cannot take; its `Display` says what to type instead
/// ("Enter a percentage from 0 to 100, such as 96.5").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrongFigure {
    /// Not a percentage from 0 to 100.
    Percentage,
    /// Not a whole number of pupils, 0 or more.
    Count,
    /// Not a grade from 1 to 9.
    Grade,
    /// Not a number (a target with no measure).
    Number,
}

impl WrongFigure {
    /// The kind of figure `measure` takes.
    fn of(measure: Option<&TargetMeasure>) -> WrongFigure {
        match measure {
            Some(TargetMeasure::PupilsSuspended) => WrongFigure::Count,
            Some(TargetMeasure::MeanGrade { .. }) => WrongFigure::Grade,
            Some(_) => WrongFigure::Percentage,
            None => WrongFigure::Number,
        }
    }
}

impl fmt::Display for WrongFigure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WrongFigure::Count => "Enter a whole number of pupils, 0 or more, such as 12",
            WrongFigure::Grade => "Enter a grade from 1 to 9, such as 5.5",
            WrongFigure::Percentage => "Enter a percentage from 0 to 100, such as 96.5",
            WrongFigure::Number => "Enter a number, such as 96.5, or leave it blank",
        })
    }
}

/// Reads a figure typed for `measure`: blank is none; a figure that is not a number, is
/// outside the measure's range, or is not whole for a count is refused, saying what to
/// type.
pub fn read_figure(
    measure: Option<&TargetMeasure>,
    text: &str,
) -> Result<Option<MeasureValue>, WrongFigure> {
    let wrong = WrongFigure::of(measure);
    let value = match MeasureValue::parse(text) {
        Ok(None) => return Ok(None),
        Ok(Some(value)) => value,
        Err(_) => return Err(wrong),
    };
    if let Some(measure) = measure {
        let (lowest, highest) = measure.range();
        let whole = value.ten_thousandths() % 10_000 == 0;
        if value < lowest
            || highest.is_some_and(|high| value > high)
            || (measure.is_count() && !whole)
        {
            return Err(wrong);
        }
    }
    Ok(Some(value))
}

impl TargetDraft {
    /// The form filled from a target, to edit it.
    pub fn of(target: &Target) -> TargetDraft {
        let figure = |value: Option<MeasureValue>| value.map(|v| v.to_string()).unwrap_or_default();
        let day = |date: Option<NaiveDate>| date.map(format_uk_date).unwrap_or_default();
        TargetDraft {
            id: Some(target.id),
            level: target.level.clone(),
            description: target.description.clone(),
            measure: target.measure.clone(),
            baseline: figure(target.baseline),
            baseline_from: target.baseline_from,
            target_value: figure(target.target_value),
            by: day(target.by),
            owner: target.owner.clone(),
            review_on: day(target.review_on),
            status: target.status,
            notes: target.notes.clone(),
            part_of: target.part_of,
        }
    }

    /// Fills the baseline from the drop at `at` (the drop shown, usually the latest): the
    /// figure the chosen measure gives there for the chosen pupils, and that drop. Without
    /// a measure, or where the drop gives no figure, the baseline is left as typed and
    /// `false` is returned.
    pub fn take_baseline(&mut self, measuring: &Measuring, at: usize) -> bool {
        let Some(measure) = &self.measure else {
            return false;
        };
        match measuring.baseline_at(&self.level, measure, at) {
            Some((value, period)) => {
                self.baseline = value.to_string();
                self.baseline_from = Some(period);
                true
            }
            None => false,
        }
    }

    /// The target, with its text trimmed (a new target gets the next id among
    /// `existing`), or every problem in the form's order. `today` is the day it is set.
    pub fn validate(
        &self,
        existing: &[Target],
        cohorts: &[Cohort],
        today: NaiveDate,
    ) -> Result<Target, Vec<TargetProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field: TargetField, message: String| {
            problems.push(TargetProblem { field, message });
        };
        match &self.level {
            TargetLevel::Group {
                group: TargetGroup::Cohort(id),
                ..
            } if cohort_by_id(cohorts, *id).is_none() => problem(
                TargetField::Level,
                "The cohort chosen is no longer saved: choose another group".to_string(),
            ),
            TargetLevel::Pupil(key) if key.trim().is_empty() => problem(
                TargetField::Level,
                "Choose the pupil the target is for".to_string(),
            ),
            _ => {}
        }
        let description = self.description.trim();
        if description.is_empty() {
            problem(
                TargetField::Description,
                "Enter a description of the target, such as “Raise attendance of disadvantaged pupils”"
                    .to_string(),
            );
        }
        if self
            .measure
            .as_ref()
            .and_then(TargetMeasure::subject)
            .is_some_and(str::is_empty)
        {
            problem(
                TargetField::Measure,
                "Enter the subject to measure, such as Maths".to_string(),
            );
        }
        let measure = self.measure.as_ref();
        let baseline = read_figure(measure, &self.baseline).unwrap_or_else(|hint| {
            problem(TargetField::Baseline, format!("{hint} for the baseline"));
            None
        });
        let target_value = read_figure(measure, &self.target_value).unwrap_or_else(|hint| {
            problem(TargetField::TargetValue, hint.to_string());
            None
        });
        let baseline_from = baseline.and(self.baseline_from);
        let baseline_on = baseline_from.map(as_at);
        let date = |text: &str,
                    field: TargetField,
                    name: &str,
                    problem: &mut dyn FnMut(TargetField, String)| {
            parse_date(text).unwrap_or_else(|_| {
                problem(
                    field,
                    format!(
                        "Enter the {name} as a date, such as {}",
                        format_uk_date(today)
                    ),
                );
                None
            })
        };
        let by = date(&self.by, TargetField::By, "by date", &mut problem);
        if let (Some(by), Some(taken)) = (by, baseline_on) {
            if by <= taken {
                problem(
                    TargetField::By,
                    format!(
                        "The by date must be after the baseline, taken {}",
                        format_uk_date(taken)
                    ),
                );
            }
        }
        let review_on = date(
            &self.review_on,
            TargetField::ReviewOn,
            "review date",
            &mut problem,
        );
        let set_on = match self.id {
            None => Some(today),
            Some(_) => baseline_on,
        };
        if let (Some(review), Some(set)) = (review_on, set_on) {
            if review < set {
                let when = if self.id.is_none() {
                    format!("today, {}", format_uk_date(set))
                } else {
                    format!("the baseline, taken {}", format_uk_date(set))
                };
                problem(
                    TargetField::ReviewOn,
                    format!("The review date must not be before {when}"),
                );
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Target {
            id: self.id.unwrap_or_else(|| TargetId::next(existing)),
            level: match &self.level {
                TargetLevel::Pupil(key) => TargetLevel::Pupil(key.trim().to_string()),
                level => level.clone(),
            },
            description: description.to_string(),
            measure: self.measure.clone().map(|measure| match measure {
                TargetMeasure::LowAttainers { subject } => TargetMeasure::LowAttainers {
                    subject: subject.trim().to_string(),
                },
                TargetMeasure::MeanGrade { subject } => TargetMeasure::MeanGrade {
                    subject: subject.trim().to_string(),
                },
                other => other,
            }),
            baseline,
            baseline_from,
            target_value,
            by,
            owner: self.owner.trim().to_string(),
            review_on,
            status: self.status,
            notes: self.notes.trim().to_string(),
            part_of: self.part_of,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::Term;
    use crate::core::targets::test_support::{date, period};
    use crate::core::tracking::trends::StandardGroup;

    fn today() -> NaiveDate {
        date(2026, 1, 5)
    }

    fn attendance() -> TargetDraft {
        TargetDraft {
            description: " Raise attendance ".into(),
            measure: Some(TargetMeasure::Attendance),
            baseline: "94.25".into(),
            baseline_from: Some(period(2025, Term::Autumn)),
            target_value: "96".into(),
            by: "15/07/2026".into(),
            review_on: "1/3/2026".into(),
            ..TargetDraft::default()
        }
    }

    fn messages(draft: &TargetDraft) -> Vec<(TargetField, String)> {
        draft
            .validate(&[], &[], today())
            .expect_err("refused")
            .into_iter()
            .map(|p| (p.field, p.message))
            .collect()
    }

    #[test]
    fn a_good_target_is_read_exactly_and_fills_the_form_again() {
        let target = attendance().validate(&[], &[], today()).expect("valid");
        assert_eq!(target.id, TargetId(1));
        assert_eq!(target.description, "Raise attendance");
        assert_eq!(target.baseline.map(|v| v.ten_thousandths()), Some(942_500));
        assert_eq!(target.by, Some(date(2026, 7, 15)));
        assert_eq!(target.review_on, Some(date(2026, 3, 1)));
        let again = TargetDraft::of(&target);
        assert_eq!(again.by, "15/07/2026");
        assert_eq!(again.baseline, "94.25");
        assert_eq!(again.validate(&[], &[], today()), Ok(target));
    }

    #[test]
    fn figures_of_the_wrong_kind_are_refused_by_field() {
        let draft = TargetDraft {
            target_value: "100.5".into(),
            ..attendance()
        };
        assert_eq!(
            messages(&draft),
            [(
                TargetField::TargetValue,
                "Enter a percentage from 0 to 100, such as 96.5".to_string()
            )]
        );
        let count = TargetDraft {
            measure: Some(TargetMeasure::PupilsSuspended),
            baseline: "12".into(),
            target_value: "2.5".into(),
            ..attendance()
        };
        assert_eq!(
            messages(&count)[0].1,
            "Enter a whole number of pupils, 0 or more, such as 12"
        );
        let grade = TargetDraft {
            measure: Some(TargetMeasure::MeanGrade {
                subject: "Maths".into(),
            }),
            baseline: "0.5".into(),
            target_value: "9".into(),
            ..attendance()
        };
        assert_eq!(
            messages(&grade),
            [(
                TargetField::Baseline,
                "Enter a grade from 1 to 9, such as 5.5 for the baseline".to_string()
            )]
        );
    }

    #[test]
    fn dates_must_follow_the_baseline_and_the_day_it_is_set() {
        let draft = TargetDraft {
            description: " ".into(),
            by: "15/12/2025".into(),
            review_on: "4/1/2026".into(),
            ..attendance()
        };
        assert_eq!(
            messages(&draft),
            [
                (
                    TargetField::Description,
                    "Enter a description of the target, such as “Raise attendance of disadvantaged pupils”"
                        .to_string()
                ),
                (
                    TargetField::By,
                    "The by date must be after the baseline, taken 15/12/2025".to_string()
                ),
                (
                    TargetField::ReviewOn,
                    "The review date must not be before today, 05/01/2026".to_string()
                ),
            ]
        );
        let bad = TargetDraft {
            by: "31/02/2026".into(),
            ..attendance()
        };
        assert_eq!(
            messages(&bad)[0].1,
            "Enter the by date as a date, such as 05/01/2026"
        );
    }

    #[test]
    fn a_deleted_cohort_or_a_blank_subject_is_refused() {
        let draft = TargetDraft {
            level: TargetLevel::Group {
                group: TargetGroup::Cohort(crate::core::cohort::CohortId(3)),
                year: None,
            },
            measure: Some(TargetMeasure::LowAttainers {
                subject: "  ".into(),
            }),
            ..attendance()
        };
        let fields: Vec<TargetField> = messages(&draft).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [TargetField::Level, TargetField::Measure]);
        let standard = TargetDraft {
            level: TargetLevel::Group {
                group: TargetGroup::Standard(StandardGroup::Eal),
                year: None,
            },
            ..attendance()
        };
        assert!(standard.validate(&[], &[], today()).is_ok());
    }
}
