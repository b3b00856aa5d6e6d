//! Breaking a target down by year group (SPEC §8.3, issue 15): a whole-school target, or
//! a group's target for every year, becomes one target per year group that has pupils in
//! it at the latest drop — the whole school's as a year group's target, a group's as the
//! group in that year (`TargetLevel::Group { year: Some(…) }`).
//!
//! Each part keeps the measure, target value, by date, owner and review date; its
//! description names the year group; its baseline is the part's own figure at the drop the
//! whole target's baseline came from (none when that drop gives none, or when the target's
//! baseline was typed rather than taken from a drop); its status follows the suggestion.
//! Parts are marked `part_of` the target and get new ids. A year group that already has a
//! part is skipped, so breaking down again only adds year groups new since.

use super::measure::{Measuring, TargetValue};
use super::{Target, TargetBook, TargetId, TargetLevel};
use crate::core::value::YearGroup;
use std::fmt;

/// Why a target cannot be broken down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakdownProblem {
    /// Only a whole-school target, or a group's target for every year, can be.
    NotForYearGroups,
    /// No data drop is held, so no year groups are known.
    NoDrops,
    /// The target has no pupils at the latest drop, or its cohort is gone: the value says
    /// which.
    NoPupils(TargetValue),
    /// The target is no longer saved.
    NotFound,
}

impl fmt::Display for BreakdownProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BreakdownProblem::NotForYearGroups => f.write_str(
                "Only a whole-school target or a group's target for every year group can be broken down by year group",
            ),
            BreakdownProblem::NoDrops => {
                f.write_str("Import a data drop first: year groups come from the latest drop")
            }
            BreakdownProblem::NoPupils(TargetValue::CohortGone) => f.write_str(
                "The cohort this target is for is no longer saved, so it cannot be broken down",
            ),
            BreakdownProblem::NoPupils(_) => f.write_str(
                "The target has no pupils in the latest drop, so there are no year groups to break it down into",
            ),
            BreakdownProblem::NotFound => {
                f.write_str("That target is no longer saved: it may have been deleted")
            }
        }
    }
}

/// The level of `level`'s part for `year`, when `level` can be broken down.
fn part_level(level: &TargetLevel, year: YearGroup) -> Option<TargetLevel> {
    match level {
        TargetLevel::WholeSchool => Some(TargetLevel::YearGroup(year)),
        TargetLevel::Group { group, year: None } => Some(TargetLevel::Group {
            group: *group,
            year: Some(year),
        }),
        _ => None,
    }
}

/// The year group a part is for.
fn year_of(level: &TargetLevel) -> Option<YearGroup> {
    match level {
        TargetLevel::YearGroup(year) => Some(*year),
        TargetLevel::Group { year, .. } => *year,
        _ => None,
    }
}

/// The parts `target` breaks down into, by year group in school order (Nursery 1 to
/// Year 13), leaving out year groups that already have a part among `existing` (the
/// targets held, which also decide the new ids). Pupils whose year group is unknown are
/// in no part.
pub fn break_down(
    target: &Target,
    existing: &[Target],
    measuring: &Measuring,
) -> Result<Vec<Target>, BreakdownProblem> {
    if part_level(&target.level, YearGroup::Reception).is_none() {
        return Err(BreakdownProblem::NotForYearGroups);
    }
    let latest = measuring
        .timeline
        .periods
        .len()
        .min(measuring.drops.len())
        .checked_sub(1)
        .ok_or(BreakdownProblem::NoDrops)?;
    let places = measuring
        .pupils_at(&target.level, latest)
        .map_err(BreakdownProblem::NoPupils)?;
    let drop = &measuring.drops[latest];
    let mut years: Vec<YearGroup> = places
        .iter()
        .filter_map(|&place| drop.pupils.get(place)?.year_group)
        .collect();
    years.sort_unstable();
    years.dedup();
    let done: Vec<YearGroup> = existing
        .iter()
        .filter(|t| t.part_of == Some(target.id))
        .filter_map(|t| year_of(&t.level))
        .collect();
    let baseline_drop = target
        .baseline_from
        .and_then(|period| measuring.timeline.periods.iter().position(|p| *p == period));
    let mut next = TargetId::next(existing).0;
    let mut parts = Vec::new();
    for year in years.into_iter().filter(|year| !done.contains(year)) {
        let Some(level) = part_level(&target.level, year) else {
            continue;
        };
        let baseline = match (&target.measure, baseline_drop) {
            (Some(measure), Some(at)) if target.baseline.is_some() => {
                measuring.baseline_at(&level, measure, at)
            }
            _ => None,
        };
        parts.push(Target {
            id: TargetId(next),
            level,
            description: format!("{} ({})", target.description, year.label()),
            measure: target.measure.clone(),
            baseline: baseline.map(|(value, _)| value),
            baseline_from: baseline.map(|(_, period)| period),
            target_value: target.target_value,
            by: target.by,
            owner: target.owner.clone(),
            review_on: target.review_on,
            status: None,
            notes: String::new(),
            part_of: Some(target.id),
        });
        next += 1;
    }
    Ok(parts)
}

impl TargetBook {
    /// Breaks the target with this id down by year group ([`break_down`]) and adds the
    /// parts after it; gives their ids (none when every year group already has a part).
    pub fn break_down(
        &mut self,
        id: TargetId,
        measuring: &Measuring,
    ) -> Result<Vec<TargetId>, BreakdownProblem> {
        let target = self.target(id).ok_or(BreakdownProblem::NotFound)?;
        let parts = break_down(target, &self.targets, measuring)?;
        let ids = parts.iter().map(|part| part.id).collect();
        self.targets.extend(parts);
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::Term;
    use crate::core::profile::Profile;
    use crate::core::provision::measure::MeasureValue;
    use crate::core::pupil::Pupil;
    use crate::core::scoring::{score_all, PupilScore};
    use crate::core::targets::test_support::{context, period, upn, value};
    use crate::core::targets::{TargetGroup, TargetMeasure};
    use crate::core::tracking::timeline::Timeline;
    use crate::core::tracking::trends::{ScoredDrop, StandardGroup};
    use crate::core::value::Percent;

    fn pupil(serial: u32, year: u8, attendance: u32, fsm: bool) -> Pupil {
        Pupil {
            upn: Some(upn(serial)),
            year_group: YearGroup::year(year),
            attendance: Some(Percent::from_hundredths(attendance)),
            fsm: Some(fsm),
            ..Pupil::default()
        }
    }

    #[test]
    fn a_group_target_breaks_down_into_its_year_groups_at_the_latest_drop() {
        // Autumn: disadvantaged in Y7 (90%) and Y8 (80%, 86%). Spring adds a Y9 pupil.
        let autumn = vec![
            pupil(1, 7, 9_000, true),
            pupil(2, 8, 8_000, true),
            pupil(3, 8, 8_600, true),
            pupil(4, 7, 9_900, false),
        ];
        let mut spring = autumn.clone();
        spring.push(pupil(5, 9, 9_500, true));
        let profile = Profile::universal();
        let scores: Vec<Vec<PupilScore>> = [&autumn, &spring]
            .iter()
            .map(|p| score_all(p, &profile, &context()))
            .collect();
        let timeline = Timeline::follow(&[
            (period(2025, Term::Autumn), &autumn),
            (period(2025, Term::Spring), &spring),
        ]);
        let drops = [
            ScoredDrop {
                pupils: &autumn,
                scores: &scores[0],
            },
            ScoredDrop {
                pupils: &spring,
                scores: &scores[1],
            },
        ];
        let measuring = Measuring {
            timeline: &timeline,
            drops: &drops,
            profile: &profile,
            cohorts: &[],
        };
        let level = TargetLevel::Group {
            group: TargetGroup::Standard(StandardGroup::Disadvantaged),
            year: None,
        };
        let (baseline, from) = measuring
            .baseline_at(&level, &TargetMeasure::Attendance, 0)
            .expect("a figure");
        let mut book = TargetBook::default();
        book.add(Target {
            id: TargetId(1),
            level,
            description: "Disadvantaged attendance".into(),
            measure: Some(TargetMeasure::Attendance),
            baseline: Some(baseline),
            baseline_from: Some(from),
            target_value: Some(value("95")),
            by: None,
            owner: "SENCO".into(),
            review_on: None,
            status: None,
            notes: String::new(),
            part_of: None,
        });
        let ids = book
            .break_down(TargetId(1), &measuring)
            .expect("broken down");
        assert_eq!(ids, [TargetId(2), TargetId(3), TargetId(4)]);
        let parts: Vec<(String, Option<MeasureValue>)> = book
            .parts_of(TargetId(1))
            .map(|t| (t.description.clone(), t.baseline))
            .collect();
        // Baselines from autumn: Y7 90%; Y8 (80 + 86) / 2 = 83%; Y9 had no pupils then.
        assert_eq!(
            parts,
            [
                (
                    "Disadvantaged attendance (Year 7)".to_string(),
                    Some(value("90"))
                ),
                (
                    "Disadvantaged attendance (Year 8)".to_string(),
                    Some(value("83"))
                ),
                ("Disadvantaged attendance (Year 9)".to_string(), None),
            ]
        );
        // Again: every year group has its part.
        assert_eq!(book.break_down(TargetId(1), &measuring), Ok(Vec::new()));
        // A part is not broken down further.
        assert_eq!(
            book.break_down(TargetId(2), &measuring),
            Err(BreakdownProblem::NotForYearGroups)
        );
    }
}
