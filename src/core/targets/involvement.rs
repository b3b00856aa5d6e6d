//! How a pupil's curricular target reads in words, wherever it is shown (the pupil
//! profile, the individual provision map, the parents' report, the Excel export): who
//! took part in setting and in reviewing it ("Set with: pupil, parents"), and the order
//! they are listed in (by horizon; on a year's individual provision map, those that
//! overlap the year). One place, so every view says the same thing; the progress's words
//! are [`CurricularProgress::label`].

use super::curricular::{CurricularProgress, CurricularTarget, Horizon};
use crate::core::drop::AcademicYear;

/// The horizon as an adjective, for headings and captions: "short-term".
pub fn horizon_words(horizon: Horizon) -> &'static str {
    match horizon {
        Horizon::Short => "short-term",
        Horizon::Medium => "medium-term",
        Horizon::Long => "long-term",
    }
}

/// Who of the pupil and their parents took part: "pupil, parents", "pupil", "parents",
/// or `None` when neither did.
fn who(pupil: bool, parents: bool) -> Option<&'static str> {
    match (pupil, parents) {
        (true, true) => Some("pupil, parents"),
        (true, false) => Some("pupil"),
        (false, true) => Some("parents"),
        (false, false) => None,
    }
}

/// "Set with: pupil, parents", "Set with: pupil", "Set with: parents", or "Set by staff
/// only" when neither took part.
pub fn set_with(target: &CurricularTarget) -> String {
    who(target.pupil_set, target.parents_set).map_or_else(
        || "Set by staff only".to_string(),
        |who| format!("Set with: {who}"),
    )
}

/// "Reviewed with: pupil, parents" and so on; "Reviewed by staff only" when neither took
/// part in a review, or "Not reviewed yet" when there has been no review and nobody is
/// recorded as taking part.
pub fn reviewed_with(target: &CurricularTarget) -> String {
    match who(target.pupil_reviewed, target.parents_reviewed) {
        Some(who) => format!("Reviewed with: {who}"),
        None if target.progress == CurricularProgress::NotYetReviewed => {
            "Not reviewed yet".to_string()
        }
        None => "Reviewed by staff only".to_string(),
    }
}

/// Who took part, for a spreadsheet column: "Pupil, parents", "Pupil", "Parents" or
/// "Neither".
pub fn who_took_part(pupil: bool, parents: bool) -> &'static str {
    match (pupil, parents) {
        (true, true) => "Pupil, parents",
        (true, false) => "Pupil",
        (false, true) => "Parents",
        (false, false) => "Neither",
    }
}

/// A pupil's targets by horizon (short, medium, long), each horizon's targets by the date
/// they were set (undated last), then by id: the order every view lists them in.
pub fn by_horizon(targets: &[CurricularTarget]) -> Vec<(Horizon, Vec<&CurricularTarget>)> {
    Horizon::ALL
        .into_iter()
        .map(|horizon| {
            let mut these: Vec<&CurricularTarget> =
                targets.iter().filter(|t| t.horizon == horizon).collect();
            these.sort_by_key(|t| (t.set_on.is_none(), t.set_on, t.id));
            (horizon, these)
        })
        .collect()
}

/// Whether a target belongs on the individual provision map of `year`: the time from the
/// day it was set to its review overlaps the year. A target with no date set runs from
/// always; one with no review date runs on, so it shows on every later year's map until
/// it is reviewed.
pub fn in_year(target: &CurricularTarget, year: AcademicYear) -> bool {
    let (Some(first), Some(last)) = (year.first_day(), year.last_day()) else {
        return true;
    };
    let starts_by_year_end = target.set_on.is_none_or(|set| set <= last);
    let runs_into_year = target.review_on.is_none_or(|review| review >= first);
    starts_by_year_end && runs_into_year
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn target(id: u32, horizon: Horizon, set_on: Option<(i32, u32, u32)>) -> CurricularTarget {
        CurricularTarget {
            id,
            horizon,
            area: "Reading".to_string(),
            text: format!("Target {id}"),
            set_on: set_on.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            review_on: None,
            pupil_set: false,
            parents_set: false,
            pupil_reviewed: false,
            parents_reviewed: false,
            progress: CurricularProgress::NotYetReviewed,
            review_notes: String::new(),
        }
    }

    #[test]
    fn involvement_reads_as_words_for_every_combination() {
        let mut t = target(1, Horizon::Short, None);
        let check = |t: &CurricularTarget, set: &str, reviewed: &str| {
            assert_eq!(
                (set_with(t).as_str(), reviewed_with(t).as_str()),
                (set, reviewed)
            );
        };
        check(&t, "Set by staff only", "Not reviewed yet");
        t.pupil_set = true;
        check(&t, "Set with: pupil", "Not reviewed yet");
        t.parents_set = true;
        t.parents_reviewed = true;
        check(&t, "Set with: pupil, parents", "Reviewed with: parents");
        t.pupil_set = false;
        t.pupil_reviewed = true;
        check(&t, "Set with: parents", "Reviewed with: pupil, parents");
        t.pupil_reviewed = false;
        t.parents_reviewed = false;
        t.progress = CurricularProgress::PartlyAchieved;
        check(&t, "Set with: parents", "Reviewed by staff only");
        assert_eq!(who_took_part(true, true), "Pupil, parents");
        assert_eq!(who_took_part(false, false), "Neither");
    }

    #[test]
    fn a_target_is_on_the_maps_of_the_years_from_when_it_was_set_to_its_review() {
        let year = |start_year| AcademicYear { start_year };
        let mut t = target(1, Horizon::Medium, Some((2025, 11, 3)));
        t.review_on = NaiveDate::from_ymd_opt(2026, 9, 15);
        let years: Vec<i32> = (2023..=2027).filter(|&y| in_year(&t, year(y))).collect();
        assert_eq!(years, [2025, 2026]);
        t.review_on = None;
        assert!(in_year(&t, year(2030)));
        assert!(!in_year(&t, year(2024)));
        t.set_on = None;
        assert!(in_year(&t, year(2010)));
    }

    #[test]
    fn targets_are_grouped_short_medium_long_and_ordered_by_date_set() {
        let targets = vec![
            target(1, Horizon::Long, Some((2025, 9, 10))),
            target(2, Horizon::Short, None),
            target(3, Horizon::Short, Some((2026, 1, 5))),
            target(4, Horizon::Short, Some((2025, 11, 3))),
        ];
        let grouped: Vec<(Horizon, Vec<u32>)> = by_horizon(&targets)
            .into_iter()
            .map(|(h, ts)| (h, ts.iter().map(|t| t.id).collect()))
            .collect();
        assert_eq!(
            grouped,
            vec![
                (Horizon::Short, vec![4, 3, 2]),
                (Horizon::Medium, vec![]),
                (Horizon::Long, vec![1]),
            ]
        );
    }
}
