//! What a measured target's figure is at a data drop (SPEC §8.3).
//!
//! A target's pupils at a drop are its level's pupils as that drop records them: everyone
//! on roll, a year group, a standard group or saved cohort (decided afresh at each drop,
//! or the same pupils for a fixed list), optionally only its pupils in one year group, or
//! one pupil followed through the drops. Their figure is worked out exactly:
//!
//! - a percentage of pupils is `count ÷ of × 100`, and a mean is `sum ÷ n`, each held in
//!   ten-thousandths (a [`MeasureValue`], so 96.5% is 96.5) and **rounded once, half up,
//!   to four decimal places**; nothing goes through floating point;
//! - a count of pupils is a whole number.
//!
//! When the figure cannot honestly be given the value says why instead
//! ([`TargetValue::sentence`]): the group has no pupils at the drop, the pupil is not in
//! it, the cohort is no longer saved, the drop has no results in the subject, or what
//! the measure needs is not recorded for these pupils.
//!
//! The status a figure suggests is in `status` (re-exported here): met, on track or at
//! risk, never missed. How measures and levels are named and written is in `wording`.

pub use super::status::{effective_status, latest, suggest_status};
use super::{MarkerKind, Target, TargetGroup, TargetLevel, TargetMeasure};
use crate::core::cohort::{cohort_by_id, Cohort, PupilFacts};
use crate::core::profile::Profile;
use crate::core::provision::measure::MeasureValue;
use crate::core::pupil::{Pupil, PupilKey};
use crate::core::scoring::{pupil_attendance, shortlist, AttainmentLevel, MarkerLevel, PupilScore};
use crate::core::tracking::timeline::{Period, Timeline};
use crate::core::tracking::trends::ScoredDrop;
/// Ten-thousandths in one: a [`MeasureValue`]'s scale.
const SCALE: i128 = 10_000;

/// A measured target's figure at one drop, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetValue {
    /// The figure, and how many pupils it is worked out from (those with the value
    /// recorded; for a count, the pupils whose suspensions are recorded).
    Measured { value: MeasureValue, pupils: usize },
    /// The group has no pupils at this drop; `group` is its label.
    NoPupils { group: String },
    /// The target's pupil is not in this drop.
    PupilNotInDrop,
    /// The saved cohort the target is for has been deleted.
    CohortGone,
    /// No pupil in the drop has a result in this subject.
    NoSubject { subject: String },
    /// What the measure needs is not recorded for any of the target's pupils at this drop:
    /// `what` says what ("Attendance", "Maths grades 1 to 9").
    NotRecorded { what: String },
}

impl TargetValue {
    /// The figure, when there is one.
    pub fn value(&self) -> Option<MeasureValue> {
        match self {
            TargetValue::Measured { value, .. } => Some(*value),
            _ => None,
        }
    }

    /// What the screen says: the figure as `measure` writes it ("96.5%"), or why there is
    /// none ("No pupils in Year 7 at this drop", "No Maths results in this drop").
    pub fn sentence(&self, measure: &TargetMeasure) -> String {
        match self {
            TargetValue::Measured { value, .. } => measure.show(*value),
            TargetValue::NoPupils { group } => format!("No pupils in {group} at this drop"),
            TargetValue::PupilNotInDrop => "The pupil is not in this drop".to_string(),
            TargetValue::CohortGone => {
                "The cohort this target is for is no longer saved".to_string()
            }
            TargetValue::NoSubject { subject } => format!("No {subject} results in this drop"),
            TargetValue::NotRecorded { what } => {
                format!("{what} not recorded for these pupils at this drop")
            }
        }
    }
}

/// Everything a target's figures are worked out from: every drop followed and scored
/// with the current profile (in the timeline's order), and the saved cohorts.
#[derive(Clone, Copy)]
pub struct Measuring<'a> {
    /// Who is who across the drops.
    pub timeline: &'a Timeline,
    /// Each drop's pupils and scores, in the timeline's order.
    pub drops: &'a [ScoredDrop<'a>],
    /// The scoring profile (persistent absence threshold, the shortlist's size).
    pub profile: &'a Profile,
    /// The saved cohorts, for a cohort's target.
    pub cohorts: &'a [Cohort],
}

/// The target's pupils at one drop: places in its pupils, or why there are none.
enum Members {
    At(Vec<usize>),
    Not(TargetValue),
}

impl<'a> Measuring<'a> {
    /// The figure for `measure` over `level`'s pupils at the drop at `at` (by the
    /// timeline's order). A drop that is not there has no pupils.
    pub fn value_at(&self, level: &TargetLevel, measure: &TargetMeasure, at: usize) -> TargetValue {
        match (self.pupils_at(level, at), self.drops.get(at)) {
            (Ok(places), Some(drop)) => figure(measure, drop, &places, self.profile),
            (Err(why), _) => why,
            (Ok(_), None) => TargetValue::NoPupils {
                group: level.label(self.cohorts),
            },
        }
    }

    /// The target's figure at every drop, oldest first, each with its period.
    pub fn series(&self, target: &Target) -> Vec<(Period, TargetValue)> {
        let Some(measure) = &target.measure else {
            return Vec::new();
        };
        let person = match &target.level {
            TargetLevel::Pupil(key) => self.person(key),
            _ => None,
        };
        self.timeline
            .periods
            .iter()
            .zip(self.drops)
            .enumerate()
            .map(|(at, (&period, drop))| {
                let value = match self.members(&target.level, person, at, drop) {
                    Members::At(places) => figure(measure, drop, &places, self.profile),
                    Members::Not(why) => why,
                };
                (period, value)
            })
            .collect()
    }

    /// The baseline for a measured target set now: its figure at the drop at `at` (the
    /// drop shown, usually the latest) and that drop's period, when there is a figure.
    pub fn baseline_at(
        &self,
        level: &TargetLevel,
        measure: &TargetMeasure,
        at: usize,
    ) -> Option<(MeasureValue, Period)> {
        let period = *self.timeline.periods.get(at)?;
        let value = self.value_at(level, measure, at).value()?;
        Some((value, period))
    }

    /// The places (in the drop's pupils) of `level`'s pupils at the drop at `at`, or why
    /// there are none (as a [`TargetValue`] that says so).
    pub fn pupils_at(&self, level: &TargetLevel, at: usize) -> Result<Vec<usize>, TargetValue> {
        let Some(drop) = self.drops.get(at) else {
            return Err(TargetValue::NoPupils {
                group: level.label(self.cohorts),
            });
        };
        let person = match level {
            TargetLevel::Pupil(key) => self.person(key),
            _ => None,
        };
        match self.members(level, person, at, drop) {
            Members::At(places) => Ok(places),
            Members::Not(why) => Err(why),
        }
    }

    /// The person (index into the timeline's people) whose pupil key is `key` in any
    /// drop, so a pupil's target follows them through drops where their key differs (a
    /// UPN missing from one file).
    fn person(&self, key: &str) -> Option<usize> {
        self.drops.iter().enumerate().find_map(|(at, drop)| {
            let place = drop
                .pupils
                .iter()
                .position(|pupil| PupilKey::of(pupil).as_str() == key)?;
            let person = self.timeline.person_at(at, place)?;
            self.timeline
                .people
                .iter()
                .position(|p| std::ptr::eq(p, person))
        })
    }

    fn members(
        &self,
        level: &TargetLevel,
        person: Option<usize>,
        at: usize,
        drop: &ScoredDrop,
    ) -> Members {
        let pupils = drop.pupils.iter().zip(drop.scores).enumerate();
        let places: Vec<usize> = match level {
            TargetLevel::WholeSchool => (0..drop.pupils.len().min(drop.scores.len())).collect(),
            TargetLevel::YearGroup(year) => pupils
                .filter(|(_, (pupil, _))| pupil.year_group == Some(*year))
                .map(|(place, _)| place)
                .collect(),
            TargetLevel::Group { group, year } => {
                let cohort = match group {
                    TargetGroup::Cohort(id) => match cohort_by_id(self.cohorts, *id) {
                        Some(cohort) => Some(cohort),
                        None => return Members::Not(TargetValue::CohortGone),
                    },
                    TargetGroup::Standard(_) => None,
                };
                let includes = |pupil: &Pupil, score: &PupilScore| match (group, cohort) {
                    (TargetGroup::Standard(standard), _) => standard.includes(pupil, score),
                    (TargetGroup::Cohort(_), Some(cohort)) => {
                        cohort.matches(pupil, score, PupilFacts::default())
                    }
                    (TargetGroup::Cohort(_), None) => false,
                };
                pupils
                    .filter(|(_, (pupil, score))| {
                        year.is_none_or(|year| pupil.year_group == Some(year))
                            && includes(pupil, score)
                    })
                    .map(|(place, _)| place)
                    .collect()
            }
            TargetLevel::Pupil(key) => {
                let place = match person {
                    Some(person) => self
                        .timeline
                        .people
                        .get(person)
                        .and_then(|p| p.places.get(at).copied().flatten()),
                    None => drop
                        .pupils
                        .iter()
                        .position(|pupil| PupilKey::of(pupil).as_str() == key),
                };
                match place.filter(|&place| place < drop.scores.len()) {
                    Some(place) => vec![place],
                    None => return Members::Not(TargetValue::PupilNotInDrop),
                }
            }
        };
        if places.is_empty() {
            Members::Not(TargetValue::NoPupils {
                group: level.label(self.cohorts),
            })
        } else {
            Members::At(places)
        }
    }
}

/// `count ÷ of` as a percentage in ten-thousandths, rounded half up once.
fn percentage(count: usize, of: usize) -> MeasureValue {
    mean_of(count as i128 * 100 * SCALE, of)
}

/// `total ÷ n` (total already in ten-thousandths), rounded half up once; `n` is never 0.
fn mean_of(total: i128, n: usize) -> MeasureValue {
    let n = n.max(1) as i128;
    let rounded = (2 * total + n).div_euclid(2 * n);
    MeasureValue::from_ten_thousandths(i64::try_from(rounded).unwrap_or(i64::MAX))
}

/// A grade 1 to 9 as the scorer reads one: a whole number, allowing a sub-grade sign
/// ("4+", "5-", "6=") and the ".0" spreadsheets write; anything else is not a grade.
pub fn grade(text: &str) -> Option<u32> {
    let text = text.trim();
    let text = text.trim_end_matches(['+', '-', '=']).trim();
    let text = text.strip_suffix(".0").unwrap_or(text);
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|grade| (1..=9).contains(grade))
}

/// Whether two subject names are the same subject (case and spaces at the ends ignored).
pub fn same_subject(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Whether any pupil in the drop has a result (current or prior) in `subject`.
fn drop_has_subject(pupils: &[Pupil], subject: &str) -> bool {
    pupils.iter().any(|pupil| {
        pupil.attainment.iter().any(|result| {
            same_subject(&result.subject, subject)
                && (result
                    .current
                    .as_deref()
                    .is_some_and(|t| !t.trim().is_empty())
                    || result
                        .prior
                        .as_deref()
                        .is_some_and(|t| !t.trim().is_empty()))
        })
    })
}

/// `measure` over the pupils at `places` of one drop (never empty).
fn figure(
    measure: &TargetMeasure,
    drop: &ScoredDrop,
    places: &[usize],
    profile: &Profile,
) -> TargetValue {
    let group: Vec<(&Pupil, &PupilScore)> = places
        .iter()
        .filter_map(|&place| Some((drop.pupils.get(place)?, drop.scores.get(place)?)))
        .collect();
    let not_recorded = |what: &str| TargetValue::NotRecorded {
        what: what.to_string(),
    };
    let share = |known: Vec<bool>, what: &str| {
        let of = known.len();
        if of == 0 {
            return not_recorded(what);
        }
        let count = known.into_iter().filter(|&yes| yes).count();
        TargetValue::Measured {
            value: percentage(count, of),
            pupils: of,
        }
    };
    if let Some(subject) = measure.subject() {
        if !drop_has_subject(drop.pupils, subject) {
            return TargetValue::NoSubject {
                subject: subject.to_string(),
            };
        }
    }
    match measure {
        TargetMeasure::Attendance => {
            let known: Vec<u32> = group
                .iter()
                .filter_map(|(pupil, _)| pupil_attendance(pupil).map(|a| a.hundredths()))
                .collect();
            if known.is_empty() {
                return not_recorded("Attendance");
            }
            // Hundredths of a percent × 100 = ten-thousandths.
            let total: i128 = known.iter().map(|&a| i128::from(a) * 100).sum();
            TargetValue::Measured {
                value: mean_of(total, known.len()),
                pupils: known.len(),
            }
        }
        TargetMeasure::PersistentAbsence => {
            let threshold = profile.attendance.amber_at_or_below;
            let known: Vec<bool> = group
                .iter()
                .filter_map(|(pupil, _)| pupil_attendance(pupil))
                .map(|a| a.hundredths() <= threshold)
                .collect();
            share(known, "Attendance")
        }
        TargetMeasure::PupilsSuspended => {
            let known: Vec<bool> = group
                .iter()
                .filter_map(|(pupil, _)| suspended(pupil))
                .collect();
            if known.is_empty() {
                return not_recorded("Suspensions");
            }
            let count = known.iter().filter(|&&yes| yes).count();
            TargetValue::Measured {
                value: MeasureValue::whole(count as i64),
                pupils: known.len(),
            }
        }
        TargetMeasure::LowAttainers { subject } => {
            let known: Vec<bool> = group
                .iter()
                .filter_map(|(_, score)| {
                    let level = score
                        .attainment
                        .subjects
                        .iter()
                        .find(|s| s.counted && same_subject(&s.subject, subject))?
                        .level;
                    matches!(
                        level,
                        AttainmentLevel::Low | AttainmentLevel::Expected | AttainmentLevel::High
                    )
                    .then_some(level == AttainmentLevel::Low)
                })
                .collect();
            share(
                known,
                &format!("{} results that can be judged", subject.trim()),
            )
        }
        TargetMeasure::WithMarker(kind) => {
            let on_shortlist: Vec<bool> = if *kind == MarkerKind::Shortlist {
                let mut on = vec![false; drop.pupils.len()];
                for place in shortlist(drop.pupils, drop.scores, profile) {
                    if let Some(slot) = on.get_mut(place) {
                        *slot = true;
                    }
                }
                on
            } else {
                Vec::new()
            };
            let known: Vec<bool> = places
                .iter()
                .filter_map(|&place| {
                    let score = drop.scores.get(place)?;
                    let marker = |level: MarkerLevel| {
                        (level != MarkerLevel::Unknown).then_some(level.is_coloured())
                    };
                    match kind {
                        MarkerKind::OverallAmberOrRed => {
                            Some(score.rag != crate::core::scoring::Rag::Green)
                        }
                        MarkerKind::OverallRed => Some(score.rag == crate::core::scoring::Rag::Red),
                        MarkerKind::AttendanceAmberOrRed => marker(score.attendance),
                        MarkerKind::ExclusionsAmberOrRed => marker(score.exclusions),
                        MarkerKind::Shortlist => Some(on_shortlist.get(place) == Some(&true)),
                    }
                })
                .collect();
            let what = match kind {
                MarkerKind::AttendanceAmberOrRed => "Attendance",
                _ => "Suspensions",
            };
            share(known, what)
        }
        TargetMeasure::MeanGrade { subject } => {
            let grades: Vec<u32> = group
                .iter()
                .filter_map(|(pupil, _)| {
                    let result = pupil
                        .attainment
                        .iter()
                        .find(|s| same_subject(&s.subject, subject))?;
                    grade(result.current.as_deref()?)
                })
                .collect();
            if grades.is_empty() {
                return not_recorded(&format!("{} grades 1 to 9", subject.trim()));
            }
            let total: i128 = grades.iter().map(|&g| i128::from(g) * SCALE).sum();
            TargetValue::Measured {
                value: mean_of(total, grades.len()),
                pupils: grades.len(),
            }
        }
    }
}

/// Whether a pupil has one or more suspensions this year, read as the exclusions marker
/// reads them (a count, else sessions of suspension as at least one); `None` when neither
/// is recorded. The one rule for "pupils suspended": targets and school figures count by it.
pub fn suspended(pupil: &Pupil) -> Option<bool> {
    match (pupil.suspensions, pupil.suspension_sessions) {
        (Some(count), _) => Some(count >= 1),
        (None, Some(sessions)) => Some(sessions > 0),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cohort::{CohortId, Condition};
    use crate::core::drop::Term;
    use crate::core::pupil::SubjectAttainment;
    use crate::core::scoring::score_all;
    use crate::core::targets::test_support::{context, period, upn, value};
    use crate::core::targets::TargetId;
    use crate::core::tracking::trends::StandardGroup;
    use crate::core::value::{Percent, YearGroup};

    /// A pupil by serial: year group, attendance in hundredths, FSM, maths grade.
    fn pupil(serial: u32, year: u8, attendance: u32, fsm: bool, maths: &str) -> Pupil {
        Pupil {
            upn: Some(upn(serial)),
            forename: format!("No {serial}"),
            year_group: YearGroup::year(year),
            attendance: Some(Percent::from_hundredths(attendance)),
            fsm: Some(fsm),
            suspensions: Some(serial % 2),
            attainment: vec![SubjectAttainment {
                subject: "Maths".into(),
                current: Some(maths.into()),
                target: Some("6".into()),
                ..Default::default()
            }],
            ..Pupil::default()
        }
    }

    struct Drops {
        pupils: Vec<Vec<Pupil>>,
        scores: Vec<Vec<PupilScore>>,
        timeline: Timeline,
        profile: Profile,
    }

    impl Drops {
        fn new(drops: Vec<(Term, Vec<Pupil>)>) -> Drops {
            let profile = Profile::universal();
            let scores = drops
                .iter()
                .map(|(_, pupils)| score_all(pupils, &profile, &context()))
                .collect();
            let timeline = Timeline::follow(
                &drops
                    .iter()
                    .map(|(term, pupils)| (period(2025, *term), pupils.as_slice()))
                    .collect::<Vec<_>>(),
            );
            Drops {
                pupils: drops.into_iter().map(|(_, p)| p).collect(),
                scores,
                timeline,
                profile,
            }
        }

        fn series(&self, target: &Target, cohorts: &[Cohort]) -> Vec<TargetValue> {
            let scored: Vec<ScoredDrop> = self
                .pupils
                .iter()
                .zip(&self.scores)
                .map(|(pupils, scores)| ScoredDrop { pupils, scores })
                .collect();
            let measuring = Measuring {
                timeline: &self.timeline,
                drops: &scored,
                profile: &self.profile,
                cohorts,
            };
            measuring
                .series(target)
                .into_iter()
                .map(|(_, v)| v)
                .collect()
        }
    }

    fn target(level: TargetLevel, measure: TargetMeasure) -> Target {
        Target {
            measure: Some(measure),
            ..Target::new(TargetId(1), level, "A target")
        }
    }

    fn measured(text: &str, pupils: usize) -> TargetValue {
        TargetValue::Measured {
            value: value(text),
            pupils,
        }
    }

    fn two_drops() -> Drops {
        Drops::new(vec![
            (
                Term::Autumn,
                vec![
                    pupil(1, 7, 9_000, true, "3"),
                    pupil(2, 7, 9_650, false, "5"),
                    pupil(3, 8, 8_800, true, "6"),
                ],
            ),
            (
                Term::Spring,
                vec![
                    pupil(3, 8, 9_100, true, "7"),
                    pupil(2, 7, 9_700, true, "6"),
                    pupil(4, 8, 9_333, false, "x"),
                ],
            ),
        ])
    }

    #[test]
    fn attendance_is_the_exact_mean_rounded_once() {
        let drops = two_drops();
        let whole = target(TargetLevel::WholeSchool, TargetMeasure::Attendance);
        // Autumn (90 + 96.5 + 88) / 3 = 91.5; spring (91 + 97 + 93.33) / 3 = 93.7766…
        // → 93.7767.
        assert_eq!(
            drops.series(&whole, &[]),
            [measured("91.5", 3), measured("93.7767", 3)]
        );
        let year7 = target(
            TargetLevel::YearGroup(YearGroup::Year(7)),
            TargetMeasure::Attendance,
        );
        assert_eq!(
            drops.series(&year7, &[]),
            [measured("93.25", 2), measured("97", 1)]
        );
    }

    #[test]
    fn a_group_is_decided_afresh_and_says_when_it_has_no_pupils() {
        let drops = two_drops();
        let disadvantaged = TargetLevel::Group {
            group: TargetGroup::Standard(StandardGroup::Disadvantaged),
            year: Some(YearGroup::Year(7)),
        };
        let pa = target(disadvantaged, TargetMeasure::PersistentAbsence);
        // Autumn: pupil 1 (90%, at the 90% threshold) of 1 → 100%; spring: pupil 2 (97%).
        assert_eq!(
            drops.series(&pa, &[]),
            [measured("100", 1), measured("0", 1)]
        );
        let year9 = target(
            TargetLevel::YearGroup(YearGroup::Year(9)),
            TargetMeasure::Attendance,
        );
        let values = drops.series(&year9, &[]);
        assert_eq!(
            values[0].sentence(&TargetMeasure::Attendance),
            "No pupils in Year 9 at this drop"
        );
    }

    #[test]
    fn a_deleted_cohort_says_so_and_a_fixed_one_keeps_its_pupils() {
        let drops = two_drops();
        let level = TargetLevel::Group {
            group: TargetGroup::Cohort(CohortId(4)),
            year: None,
        };
        let t = target(level, TargetMeasure::PupilsSuspended);
        assert_eq!(
            drops.series(&t, &[]),
            [TargetValue::CohortGone, TargetValue::CohortGone]
        );
        let fixed = Cohort {
            id: CohortId(4),
            name: "Nurture".into(),
            conditions: vec![Condition::Fsm(true)],
            members: Some([PupilKey::of(&drops.pupils[0][0])].into_iter().collect()),
        };
        // Pupil 1 (odd serial: one suspension) in autumn; gone in spring.
        assert_eq!(
            drops.series(&t, std::slice::from_ref(&fixed)),
            [
                measured("1", 1),
                TargetValue::NoPupils {
                    group: "Nurture".into()
                }
            ]
        );
    }

    #[test]
    fn mean_grade_leaves_out_results_that_are_not_grades_and_the_subject_can_go() {
        let mut drops = two_drops();
        let maths = TargetMeasure::MeanGrade {
            subject: "maths".into(),
        };
        let t = target(TargetLevel::WholeSchool, maths.clone());
        // Autumn (3 + 5 + 6) / 3 = 4.6667; spring (7 + 6) / 2 = 6.5 ("x" left out).
        assert_eq!(
            drops.series(&t, &[]),
            [measured("4.6667", 3), measured("6.5", 2)]
        );
        for pupil in &mut drops.pupils[1] {
            pupil.attainment.clear();
        }
        let values = drops.series(&t, &[]);
        assert_eq!(values[1].sentence(&maths), "No maths results in this drop");
    }

    #[test]
    fn a_pupils_target_follows_them_and_says_when_they_are_not_there() {
        let drops = two_drops();
        let key = PupilKey::of(&drops.pupils[0][0]).into_string();
        let t = target(TargetLevel::Pupil(key), TargetMeasure::Attendance);
        assert_eq!(
            drops.series(&t, &[]),
            [measured("90", 1), TargetValue::PupilNotInDrop]
        );
    }
}
