//! Pupils off trajectory (SPEC §8.3, issue 15), per subject, from the latest drop:
//!
//! - **not moved** or **fallen**: a pupil's current result in a subject at the latest
//!   drop against their result at the drop before it that they were in (pupils followed
//!   through [`Timeline::follow`], so a pupil away for a term is compared with the last
//!   drop they were in). Results are compared as the scorer reads them: grades 1 to 9 as
//!   whole grades ("5+" is 5, as [`grade`] reads it); results that are not grades by the
//!   scorer's classification order, low < expected < high (teacher-assessment codes such
//!   as WTS, EXS and GDS, or scaled scores), via [`classify`]. A grade and a code cannot
//!   be compared, nor can results the profile cannot read: such pairs are left out and
//!   counted ([`OffTrajectory::left_out`]), so the screen can say so.
//! - **below target**: a grade 1 to 9 more than `margin` whole grades below the subject's
//!   target grade (so with a margin of 1, two grades below is listed and one is not).
//!
//! The rows come per year group (school order; year group unknown last), and the pupils'
//! keys can be saved as a fixed cohort ([`OffTrajectory::keys`], for
//! `cohort::save_cohort`). A row carries the pupil's name as imported: a page shows it
//! through `privacy::Shown`.

use super::measure::{grade, same_subject};
use crate::core::profile::Profile;
use crate::core::pupil::{Pupil, PupilKey, SubjectAttainment};
use crate::core::scoring::{classify, AttainmentLevel};
use crate::core::tracking::timeline::{Period, Timeline};
use crate::core::tracking::trends::ScoredDrop;
use crate::core::value::YearGroup;
use std::collections::BTreeSet;

/// Why a pupil is off trajectory in a subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffReason {
    /// The same grade or level as at `since`.
    NotMoved { since: Period },
    /// Lower than at `since`.
    Fallen { since: Period },
    /// `by` whole grades below the target grade (more than the margin).
    BelowTarget { by: u32 },
}

impl OffReason {
    /// The reason in words: "Not moved since Autumn 2025/26", "Fallen since Autumn
    /// 2025/26", "2 grades below target".
    pub fn words(&self) -> String {
        match self {
            OffReason::NotMoved { since } => format!("Not moved since {since}"),
            OffReason::Fallen { since } => format!("Fallen since {since}"),
            OffReason::BelowTarget { by } => {
                format!("{by} grade{} below target", if *by == 1 { "" } else { "s" })
            }
        }
    }
}

/// One pupil off trajectory in one subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffTrajectoryRow {
    /// The pupil's key (UPN, or surname|forename|date of birth) at the latest drop.
    pub key: PupilKey,
    /// Their name as imported (show it through `privacy::Shown`).
    pub name: String,
    /// The subject, as the latest drop names it.
    pub subject: String,
    /// Their result at the drop before, as written, when compared with it.
    pub previous: Option<String>,
    /// Their current result, as written.
    pub current: String,
    /// Their target in the subject, as written, if any.
    pub target: Option<String>,
    /// Every reason they are listed (fallen and below target can both hold).
    pub reasons: Vec<OffReason>,
}

impl OffTrajectoryRow {
    /// The reasons in words, joined: "Fallen since Autumn 2025/26; 2 grades below target".
    pub fn why(&self) -> String {
        self.reasons
            .iter()
            .map(OffReason::words)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The off-trajectory lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffTrajectory {
    /// The rows per year group, in school order with unknown last; within a year group by
    /// subject, then name.
    pub years: Vec<(Option<YearGroup>, Vec<OffTrajectoryRow>)>,
    /// Results compared with the drop before that could not be compared (a grade against a
    /// code, or a result the profile cannot read), left out.
    pub left_out: usize,
}

impl OffTrajectory {
    /// Every listed pupil's key, once each: what a fixed cohort of them holds.
    pub fn keys(&self) -> BTreeSet<PupilKey> {
        self.rows().map(|row| row.key.clone()).collect()
    }

    /// Every row, year group by year group.
    pub fn rows(&self) -> impl Iterator<Item = &OffTrajectoryRow> {
        self.years.iter().flat_map(|(_, rows)| rows)
    }

    /// The subjects with a row, in first-seen order.
    pub fn subjects(&self) -> Vec<String> {
        let mut subjects: Vec<String> = Vec::new();
        for row in self.rows() {
            if !subjects.iter().any(|s| same_subject(s, &row.subject)) {
                subjects.push(row.subject.clone());
            }
        }
        subjects
    }

    /// Only the rows for `subject` (case and spaces at the ends ignored).
    pub fn for_subject(&self, subject: &str) -> OffTrajectory {
        OffTrajectory {
            years: self
                .years
                .iter()
                .filter_map(|(year, rows)| {
                    let rows: Vec<OffTrajectoryRow> = rows
                        .iter()
                        .filter(|row| same_subject(&row.subject, subject))
                        .cloned()
                        .collect();
                    (!rows.is_empty()).then_some((*year, rows))
                })
                .collect(),
            left_out: self.left_out,
        }
    }

    /// What the screen says about results left out, when any were: "3 results could not
    /// be compared with the drop before (a grade against a level, or a result the profile
    /// does not read) and are left out".
    pub fn left_out_sentence(&self) -> Option<String> {
        match self.left_out {
            0 => None,
            1 => Some(
                "1 result could not be compared with the drop before (a grade against a level, or a result the profile does not read) and is left out"
                    .to_string(),
            ),
            n => Some(format!(
                "{n} results could not be compared with the drop before (a grade against a level, or a result the profile does not read) and are left out"
            )),
        }
    }
}

/// How two results compare: as grades 1 to 9, else as the scorer's levels.
enum Movement {
    Up,
    Same,
    /// Still at or above the expected standard for their age. A teacher-assessment code
    /// (EXS, GDS) is judged against the standard for the pupil's year, which rises every
    /// year, so keeping it is keeping pace, not standing still.
    KeptPace,
    Down,
    Incomparable,
}

fn movement(
    before: &str,
    now: &str,
    years: (Option<YearGroup>, Option<YearGroup>),
    profile: &Profile,
) -> Movement {
    let ordered = |a: u32, b: u32| match b.cmp(&a) {
        std::cmp::Ordering::Greater => Movement::Up,
        std::cmp::Ordering::Equal => Movement::Same,
        std::cmp::Ordering::Less => Movement::Down,
    };
    match (grade(before), grade(now)) {
        (Some(a), Some(b)) => return ordered(a, b),
        (Some(_), None) | (None, Some(_)) => return Movement::Incomparable,
        (None, None) => {}
    }
    let rank = |text: &str, year: Option<YearGroup>| match classify(text, None, year, profile) {
        AttainmentLevel::Low => Some(0),
        AttainmentLevel::Expected => Some(1),
        AttainmentLevel::High => Some(2),
        AttainmentLevel::NoTarget | AttainmentLevel::Unknown => None,
    };
    match (rank(before, years.0), rank(now, years.1)) {
        (Some(a), Some(b)) if a == b && a > 0 => Movement::KeptPace,
        (Some(a), Some(b)) => ordered(a, b),
        _ => Movement::Incomparable,
    }
}

/// A subject's current result, when one is written.
fn current(result: &SubjectAttainment) -> Option<&str> {
    result
        .current
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The pupils off trajectory at the latest drop of `drops` (in `timeline`'s order), with
/// `margin` whole grades allowed below target.
pub fn off_trajectory(
    timeline: &Timeline,
    drops: &[ScoredDrop],
    profile: &Profile,
    margin: u32,
) -> OffTrajectory {
    let Some(latest) = timeline.periods.len().min(drops.len()).checked_sub(1) else {
        return OffTrajectory::default();
    };
    let drop = &drops[latest];
    let mut left_out = 0;
    let mut rows: Vec<(Option<YearGroup>, OffTrajectoryRow)> = Vec::new();
    for (place, pupil) in drop.pupils.iter().enumerate() {
        // The drop before the latest that the pupil was in, and their place there.
        let before: Option<(usize, &Pupil)> = timeline.person_at(latest, place).and_then(|p| {
            (0..latest)
                .rev()
                .find_map(|at| Some((at, drops.get(at)?.pupils.get(p.places[at]?)?)))
        });
        for result in &pupil.attainment {
            let Some(now) = current(result) else {
                continue;
            };
            let mut reasons = Vec::new();
            let mut previous = None;
            if let Some((at, earlier)) = before {
                let then = earlier
                    .attainment
                    .iter()
                    .find(|r| same_subject(&r.subject, &result.subject))
                    .and_then(current);
                if let Some(then) = then {
                    let since = timeline.periods[at];
                    match movement(then, now, (earlier.year_group, pupil.year_group), profile) {
                        Movement::Same => reasons.push(OffReason::NotMoved { since }),
                        Movement::Down => reasons.push(OffReason::Fallen { since }),
                        Movement::Up | Movement::KeptPace => {}
                        Movement::Incomparable => left_out += 1,
                    }
                    previous = Some(then.to_string());
                }
            }
            let target = result
                .target
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty());
            if let (Some(now), Some(goal)) = (grade(now), target.and_then(grade)) {
                if goal > now && goal - now > margin {
                    reasons.push(OffReason::BelowTarget { by: goal - now });
                }
            }
            if reasons.is_empty() {
                continue;
            }
            rows.push((
                pupil.year_group,
                OffTrajectoryRow {
                    key: PupilKey::of(pupil),
                    name: pupil.display_name(),
                    subject: result.subject.trim().to_string(),
                    previous,
                    current: now.to_string(),
                    target: target.map(str::to_string),
                    reasons,
                },
            ));
        }
    }
    rows.sort_by(|(ya, a), (yb, b)| {
        (ya.is_none(), ya, a.subject.to_lowercase(), &a.name).cmp(&(
            yb.is_none(),
            yb,
            b.subject.to_lowercase(),
            &b.name,
        ))
    });
    let mut years: Vec<(Option<YearGroup>, Vec<OffTrajectoryRow>)> = Vec::new();
    for (year, row) in rows {
        match years.last_mut() {
            Some((held, list)) if *held == year => list.push(row),
            _ => years.push((year, vec![row])),
        }
    }
    OffTrajectory { years, left_out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::Term;
    use crate::core::scoring::{score_all, PupilScore};
    use crate::core::targets::test_support::{context, period, upn};

    fn pupil(serial: u32, year: u8, maths: &str, target: &str) -> Pupil {
        Pupil {
            upn: Some(upn(serial)),
            forename: format!("No {serial}"),
            year_group: YearGroup::year(year),
            attainment: vec![SubjectAttainment {
                subject: "Maths".into(),
                current: Some(maths.into()),
                target: Some(target.into()),
                ..Default::default()
            }],
            ..Pupil::default()
        }
    }

    fn run(drops: &[Vec<Pupil>], margin: u32) -> OffTrajectory {
        let profile = Profile::universal();
        let terms = [Term::Autumn, Term::Spring, Term::Summer];
        let scores: Vec<Vec<PupilScore>> = drops
            .iter()
            .map(|p| score_all(p, &profile, &context()))
            .collect();
        let timeline = Timeline::follow(
            &drops
                .iter()
                .zip(terms)
                .map(|(p, term)| (period(2025, term), p.as_slice()))
                .collect::<Vec<_>>(),
        );
        let scored: Vec<ScoredDrop> = drops
            .iter()
            .zip(&scores)
            .map(|(pupils, scores)| ScoredDrop { pupils, scores })
            .collect();
        off_trajectory(&timeline, &scored, &profile, margin)
    }

    fn whys(result: &OffTrajectory) -> Vec<(String, String)> {
        result
            .rows()
            .map(|row| (row.name.clone(), row.why()))
            .collect()
    }

    #[test]
    fn a_teacher_assessment_code_kept_at_the_expected_standard_is_keeping_pace() {
        // Codes are judged against the standard for the pupil's age, so EXS then EXS is
        // keeping pace; WTS then WTS has not caught up; GDS then EXS has fallen.
        let autumn = vec![
            pupil(1, 5, "EXS", ""),
            pupil(2, 5, "WTS", ""),
            pupil(3, 5, "GDS", ""),
        ];
        let spring = vec![
            pupil(1, 5, "EXS", ""),
            pupil(2, 5, "WTS", ""),
            pupil(3, 5, "EXS", ""),
        ];
        let result = run(&[autumn, spring], 1);
        assert_eq!(
            whys(&result),
            vec![
                (
                    "No 2".to_string(),
                    "Not moved since Autumn 2025/26".to_string()
                ),
                (
                    "No 3".to_string(),
                    "Fallen since Autumn 2025/26".to_string()
                ),
            ]
        );
    }

    #[test]
    fn not_moved_and_fallen_are_listed_and_risen_is_not() {
        let autumn = vec![
            pupil(1, 7, "5", "6"),
            pupil(2, 7, "5", "6"),
            pupil(3, 7, "5", "6"),
            pupil(4, 8, "EXS", ""),
            pupil(5, 8, "4", ""),
        ];
        let spring = vec![
            pupil(1, 7, "5+", "6"),
            pupil(2, 7, "4", "6"),
            pupil(3, 7, "6", "6"),
            pupil(4, 8, "WTS", ""),
            pupil(5, 8, "GDS", ""),
        ];
        let result = run(&[autumn, spring], 1);
        assert_eq!(
            whys(&result),
            [
                (
                    "No 1".to_string(),
                    "Not moved since Autumn 2025/26".to_string()
                ),
                (
                    "No 2".to_string(),
                    "Fallen since Autumn 2025/26; 2 grades below target".to_string()
                ),
                (
                    "No 4".to_string(),
                    "Fallen since Autumn 2025/26".to_string()
                ),
            ]
        );
        // Pupil 5: a grade against a code, left out and said.
        assert_eq!(result.left_out, 1);
        assert!(result
            .left_out_sentence()
            .expect("said")
            .starts_with("1 result could not"));
        assert_eq!(result.years.len(), 2);
        assert_eq!(result.keys().len(), 3);
    }

    #[test]
    fn below_target_counts_only_beyond_the_margin_and_needs_one_drop() {
        let only = vec![
            pupil(1, 10, "5", "6"), // 1 below: within a margin of 1
            pupil(2, 10, "4", "6"), // 2 below: listed
            pupil(3, 10, "7", "6"), // above target
        ];
        let result = run(std::slice::from_ref(&only), 1);
        assert_eq!(
            whys(&result),
            [("No 2".to_string(), "2 grades below target".to_string())]
        );
        let strict = run(&[only], 0);
        assert_eq!(strict.rows().count(), 2);
    }
}
