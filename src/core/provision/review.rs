//! Recording, editing and deleting APDR reviews on an individual provision map (SPEC §7,
//! §8.2).
//!
//! A review is entered through a [`ReviewDraft`]: every field of an [`ApdrReview`], with
//! the dates as the form read them. [`ReviewDraft::validate`] gives the review or every
//! [`ReviewProblem`] in the form's order: a review needs its date, and the next review
//! cannot come before it. Reviews carry no id, so an edit or a delete names the review as
//! it was shown; if it has changed since (another tab), nothing happens and the caller
//! says so.

use crate::core::provision::map::{ApdrReview, IndividualRecord};
use crate::core::value::format_uk_date;
use chrono::NaiveDate;
use std::fmt;

/// A review as the form holds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewDraft {
    /// When it took place (`None`: not entered, or not a date).
    pub date: Option<NaiveDate>,
    /// What was found.
    pub summary: String,
    /// What happens next.
    pub next_steps: String,
    /// When the next review is due, if set.
    pub next_review: Option<NaiveDate>,
    /// What the pupil said.
    pub pupil_views: String,
    /// What the parents or carers said.
    pub parent_views: String,
}

/// The form field a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewField {
    /// The date of the review.
    Date,
    /// The date of the next review.
    NextReview,
}

/// What is wrong with a review as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewProblem {
    /// No date of review.
    NoDate,
    /// The next review comes before this one.
    NextBeforeReview {
        /// The review's date.
        date: NaiveDate,
        /// The next review date entered.
        next: NaiveDate,
    },
}

impl ReviewProblem {
    /// The field it is about.
    pub fn field(&self) -> ReviewField {
        match self {
            ReviewProblem::NoDate => ReviewField::Date,
            ReviewProblem::NextBeforeReview { .. } => ReviewField::NextReview,
        }
    }
}

impl fmt::Display for ReviewProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewProblem::NoDate => f.write_str("Enter the date of the review."),
            ReviewProblem::NextBeforeReview { date, next } => write!(
                f,
                "The next review date ({}) is before the review ({}): enter a date on or after {}.",
                format_uk_date(*next),
                format_uk_date(*date),
                format_uk_date(*date)
            ),
        }
    }
}

impl ReviewDraft {
    /// The form filled from a review, to edit it.
    pub fn from_review(review: &ApdrReview) -> ReviewDraft {
        ReviewDraft {
            date: Some(review.date),
            summary: review.summary.clone(),
            next_steps: review.next_steps.clone(),
            next_review: review.next_review,
            pupil_views: review.pupil_views.clone(),
            parent_views: review.parent_views.clone(),
        }
    }

    /// The review, with its text trimmed, or every problem in the form's order.
    pub fn validate(&self) -> Result<ApdrReview, Vec<ReviewProblem>> {
        let Some(date) = self.date else {
            return Err(vec![ReviewProblem::NoDate]);
        };
        if let Some(next) = self.next_review.filter(|next| *next < date) {
            return Err(vec![ReviewProblem::NextBeforeReview { date, next }]);
        }
        Ok(ApdrReview {
            date,
            summary: self.summary.trim().to_string(),
            next_steps: self.next_steps.trim().to_string(),
            next_review: self.next_review,
            pupil_views: self.pupil_views.trim().to_string(),
            parent_views: self.parent_views.trim().to_string(),
        })
    }
}

/// Why an edit or delete did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewChangeError {
    /// The review as entered is not valid.
    Invalid(Vec<ReviewProblem>),
    /// The review shown is no longer in the record (changed or deleted elsewhere).
    Gone,
}

impl fmt::Display for ReviewChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewChangeError::Invalid(problems) => {
                let said: Vec<String> = problems.iter().map(ToString::to_string).collect();
                f.write_str(&said.join(" "))
            }
            ReviewChangeError::Gone => f.write_str(
                "This review has changed or been deleted since it was shown: look at the reviews again and try once more.",
            ),
        }
    }
}

impl IndividualRecord {
    /// Adds a review from the form; the review added, or the problems.
    pub fn add_review(&mut self, draft: &ReviewDraft) -> Result<ApdrReview, Vec<ReviewProblem>> {
        let review = draft.validate()?;
        self.reviews.push(review.clone());
        Ok(review)
    }

    /// Replaces the review that read `shown` with the one in `draft`, keeping its place.
    pub fn edit_review(
        &mut self,
        shown: &ApdrReview,
        draft: &ReviewDraft,
    ) -> Result<ApdrReview, ReviewChangeError> {
        let review = draft.validate().map_err(ReviewChangeError::Invalid)?;
        let at = self
            .reviews
            .iter()
            .position(|r| r == shown)
            .ok_or(ReviewChangeError::Gone)?;
        self.reviews[at] = review.clone();
        Ok(review)
    }

    /// Deletes the review that read `shown`; `false` when it is no longer there.
    pub fn delete_review(&mut self, shown: &ApdrReview) -> bool {
        match self.reviews.iter().position(|r| r == shown) {
            Some(at) => {
                self.reviews.remove(at);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::AcademicYear;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn draft(on: Option<NaiveDate>, next: Option<NaiveDate>) -> ReviewDraft {
        ReviewDraft {
            date: on,
            summary: "  Reading age up 5 months. ".into(),
            next_steps: "Keep FLS".into(),
            next_review: next,
            pupil_views: " I like reading now ".into(),
            parent_views: "Reads at bedtime".into(),
        }
    }

    #[test]
    fn a_review_needs_a_date_and_a_next_review_on_or_after_it() {
        assert_eq!(
            draft(None, None).validate(),
            Err(vec![ReviewProblem::NoDate])
        );
        let problems = draft(Some(date(2026, 3, 13)), Some(date(2026, 3, 12)))
            .validate()
            .expect_err("next before the review");
        assert_eq!(problems[0].field(), ReviewField::NextReview);
        assert_eq!(
            problems[0].to_string(),
            "The next review date (12/03/2026) is before the review (13/03/2026): enter a date on or after 13/03/2026."
        );
        let same_day = draft(Some(date(2026, 3, 13)), Some(date(2026, 3, 13)))
            .validate()
            .expect("the same day is allowed");
        assert_eq!(same_day.summary, "Reading age up 5 months.");
        assert_eq!(same_day.pupil_views, "I like reading now");
        assert_eq!(same_day.parent_views, "Reads at bedtime");
    }

    #[test]
    fn reviews_are_added_edited_in_place_and_deleted() {
        let mut record = IndividualRecord::new("A1", AcademicYear { start_year: 2025 });
        let first = record
            .add_review(&draft(Some(date(2025, 11, 12)), Some(date(2026, 2, 10))))
            .expect("added");
        let second = record
            .add_review(&draft(Some(date(2026, 2, 10)), None))
            .expect("added");
        assert!(record.add_review(&draft(None, None)).is_err());
        assert_eq!(record.reviews.len(), 2);

        let mut changed = ReviewDraft::from_review(&first);
        assert_eq!(changed.validate(), Ok(first.clone()));
        changed.summary = "Reading age up 6 months".into();
        changed.parent_views = "Much happier".into();
        changed.next_review = Some(date(2026, 1, 20));
        let edited = record.edit_review(&first, &changed).expect("edited");
        assert_eq!(record.reviews[0], edited);
        assert_eq!(record.reviews[0].parent_views, "Much happier");
        assert_eq!(record.reviews[1], second);
        // The review as first shown is gone now.
        assert_eq!(
            record.edit_review(&first, &changed),
            Err(ReviewChangeError::Gone)
        );
        changed.next_review = Some(date(2025, 11, 1));
        assert!(matches!(
            record.edit_review(&edited, &changed),
            Err(ReviewChangeError::Invalid(_))
        ));
        assert_eq!(record.reviews[0], edited, "an invalid edit changes nothing");

        assert!(record.delete_review(&edited));
        assert!(!record.delete_review(&edited));
        assert_eq!(record.reviews, [second]);
    }
}
