//! A pupil over time (SPEC §8.1): one row per drop the pupil is in, oldest first, with
//! what the profile's "Over time" table shows, and year-on-year: the same term a year
//! before, and the same children a year on.

use super::timeline::{Period, Person, Timeline};
use super::trends::ScoredDrop;
use crate::core::profile::Points;
use crate::core::scoring::{pupil_attendance, MarkerLevel, PupilScore, Rag, SubjectLevel};
use crate::core::value::{Percent, YearGroup};

/// The pupil at one drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverTimeRow {
    pub period: Period,
    pub year_group: Option<YearGroup>,
    /// Attendance as given, or worked out from sessions.
    pub attendance: Option<Percent>,
    /// The overall indicator and its rating.
    pub overall: Points,
    pub rag: Rag,
    pub attendance_marker: MarkerLevel,
    pub exclusions_marker: MarkerLevel,
    /// Suspensions this year, as the file gave them.
    pub suspensions: Option<u32>,
    /// Each subject as scored, with the result written in the file.
    pub subjects: Vec<(SubjectLevel, Option<String>)>,
    /// In this drop but not the one before it (never said of the first drop held).
    pub joined: bool,
    /// In this drop but not the one after it (never said of the latest drop).
    pub left_after: bool,
}

/// The rows of `person`, oldest first. `drops` are in the timeline's order.
pub fn over_time(timeline: &Timeline, person: &Person, drops: &[ScoredDrop]) -> Vec<OverTimeRow> {
    let last = timeline.periods.len().saturating_sub(1);
    let in_drop = |at: usize| person.places.get(at).copied().flatten().is_some();
    timeline
        .periods
        .iter()
        .zip(drops)
        .enumerate()
        .filter_map(|(at, (&period, scored))| {
            let place = person.places.get(at).copied().flatten()?;
            let pupil = scored.pupils.get(place)?;
            let score: &PupilScore = scored.scores.get(place)?;
            let written = |subject: &str| {
                pupil
                    .attainment
                    .iter()
                    .find(|result| result.subject == subject)
                    .and_then(|result| result.current.clone())
            };
            Some(OverTimeRow {
                period,
                year_group: pupil.year_group,
                attendance: pupil_attendance(pupil),
                overall: score.overall,
                rag: score.rag,
                attendance_marker: score.attendance,
                exclusions_marker: score.exclusions,
                suspensions: pupil.suspensions,
                subjects: score
                    .attainment
                    .subjects
                    .iter()
                    .map(|level| (level.clone(), written(&level.subject)))
                    .collect(),
                joined: at > 0 && !in_drop(at - 1),
                left_after: at < last && !in_drop(at + 1),
            })
        })
        .collect()
}

/// The drop a year before the drop at `at` (the same term of the previous academic
/// year), if one is held: for year-on-year comparisons.
pub fn a_year_before(timeline: &Timeline, at: usize) -> Option<usize> {
    let wanted = timeline.periods.get(at)?.a_year_before();
    timeline.periods.iter().position(|period| *period == wanted)
}

/// The same children a year on: of the people at `places` in the drop a year before `at`
/// (say last year's Year 7), their places in the drop at `at` (this year's Year 8), for
/// those still here.
pub fn a_year_on(timeline: &Timeline, at: usize, places: &[usize]) -> Option<Vec<usize>> {
    let before = a_year_before(timeline, at)?;
    let mut now: Vec<usize> = places
        .iter()
        .filter_map(|&place| timeline.person_at(before, place)?.places.get(at).copied()?)
        .collect();
    now.sort_unstable();
    Some(now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::Term;
    use crate::core::profile::Profile;
    use crate::core::pupil::Pupil;
    use crate::core::scoring::score_all;
    use crate::core::tracking::test_support::{context, period, upn};

    fn pupil(serial: u32, year: u8, attendance: u32) -> Pupil {
        Pupil {
            upn: Some(upn(serial)),
            forename: format!("No {serial}"),
            year_group: YearGroup::year(year),
            attendance: Some(Percent::from_hundredths(attendance)),
            suspensions: Some(serial % 2),
            ..Pupil::default()
        }
    }

    fn scored(pupils: &[Pupil]) -> Vec<PupilScore> {
        score_all(pupils, &Profile::universal(), &context())
    }

    #[test]
    fn a_pupil_has_a_row_for_each_drop_they_are_in_with_joined_and_left_shown() {
        let autumn = vec![pupil(1, 7, 9_650)];
        let spring = vec![pupil(2, 7, 9_000), pupil(1, 7, 8_875)];
        let summer = vec![pupil(1, 7, 8_510)];
        let drops_pupils = [&autumn, &spring, &summer];
        let scores: Vec<Vec<PupilScore>> =
            drops_pupils.iter().map(|pupils| scored(pupils)).collect();
        let timeline = Timeline::follow(&[
            (period(2025, Term::Autumn), &autumn),
            (period(2025, Term::Spring), &spring),
            (period(2025, Term::Summer), &summer),
        ]);
        let drops: Vec<ScoredDrop> = drops_pupils
            .iter()
            .zip(&scores)
            .map(|(pupils, scores)| ScoredDrop { pupils, scores })
            .collect();

        let one = timeline.person_at(0, 0).expect("pupil 1");
        let rows = over_time(&timeline, one, &drops);
        let attendance: Vec<String> = rows
            .iter()
            .map(|row| {
                format!(
                    "{} {}",
                    row.period,
                    row.attendance.expect("recorded").one_decimal()
                )
            })
            .collect();
        assert_eq!(
            attendance,
            [
                "Autumn 2025/26 96.5%",
                "Spring 2025/26 88.8%",
                "Summer 2025/26 85.1%"
            ]
        );
        assert_eq!(Percent::from_hundredths(9_000).one_decimal(), "90.0%");
        assert_eq!(Percent::from_hundredths(8_874).one_decimal(), "88.7%");
        assert!(rows.iter().all(|row| !row.joined && !row.left_after));
        // At or below 90% is amber (persistent absence); above it, no colour.
        let markers: Vec<MarkerLevel> = rows.iter().map(|row| row.attendance_marker).collect();
        assert_eq!(
            markers,
            [MarkerLevel::None, MarkerLevel::Amber, MarkerLevel::Amber]
        );
        assert_eq!(rows[0].suspensions, Some(1));

        let two = timeline.person_at(1, 0).expect("pupil 2");
        let rows = over_time(&timeline, two, &drops);
        assert_eq!(rows.len(), 1);
        assert!(rows[0].joined && rows[0].left_after);
    }

    #[test]
    fn last_years_year_7_is_found_as_this_years_year_8() {
        let last_year = vec![pupil(1, 7, 9_500), pupil(2, 7, 9_500), pupil(3, 8, 9_500)];
        let this_year = vec![pupil(3, 9, 9_500), pupil(2, 8, 9_500), pupil(4, 8, 9_500)];
        let timeline = Timeline::follow(&[
            (period(2025, Term::Autumn), &this_year),
            (period(2024, Term::Autumn), &last_year),
        ]);
        // In the timeline's order, last year comes first.
        assert_eq!(a_year_before(&timeline, 1), Some(0));
        assert_eq!(a_year_before(&timeline, 0), None);
        let year_7: Vec<usize> = last_year
            .iter()
            .enumerate()
            .filter(|(_, pupil)| pupil.year_group == YearGroup::year(7))
            .map(|(place, _)| place)
            .collect();
        // Pupil 1 left; pupil 2 is this year's second row.
        assert_eq!(a_year_on(&timeline, 1, &year_7), Some(vec![1]));
        assert_eq!(a_year_on(&timeline, 0, &year_7), None);
    }
}
