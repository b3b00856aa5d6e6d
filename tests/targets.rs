//! Targets (issue 15, SPEC §8.3): every measure a target can have, worked out over two
//! drops by hand in the comments; the statuses the figures suggest at their boundaries;
//! a group and a subject gone at a later drop; the form's plain refusals; breaking a
//! target down; off-trajectory pupils; and two generated termly files read through the
//! real importer, their figures worked out in the test from the files' own cells.

use chrono::NaiveDate;
use planner::core::cohort::{save_cohort, Cohort, CohortId};
use planner::core::drop::{AcademicYear, DataDrop, Term};
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::MappingMemory;
use planner::core::import::read::{read_file, Limits};
use planner::core::profile::Profile;
use planner::core::provision::measure::MeasureValue;
use planner::core::pupil::{Pupil, PupilKey, SubjectAttainment};
use planner::core::scoring::{score_all, PupilScore, ScoringContext};
use planner::core::synthetic::{generate_drops, to_csv, Phase, SchoolSpec};
use planner::core::targets::draft::{TargetDraft, TargetField};
use planner::core::targets::measure::{Measuring, TargetValue};
use planner::core::targets::status::{effective_status, suggest_status};
use planner::core::targets::trajectory::off_trajectory;
use planner::core::targets::{
    MarkerKind, Target, TargetBook, TargetGroup, TargetId, TargetLevel, TargetMeasure, TargetStatus,
};
use planner::core::tracking::timeline::{Period, Timeline};
use planner::core::tracking::trends::{ScoredDrop, StandardGroup};
use planner::core::value::{Percent, Upn, YearGroup};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn value(text: &str) -> MeasureValue {
    MeasureValue::parse(text).expect("reads").expect("a value")
}

fn period(term: Term) -> Period {
    Period {
        academic_year: AcademicYear { start_year: 2025 },
        term,
    }
}

/// A valid UPN ending in `serial`.
fn upn(serial: u32) -> Upn {
    let rest = format!("8012345{serial:05}");
    let letter = Upn::check_letter(&rest).expect("twelve digits");
    Upn::parse(&format!("{letter}{rest}")).expect("a valid UPN")
}

/// One pupil: serial, year group, attendance in hundredths of a percent, FSM,
/// suspensions (`None`: not recorded), and a Maths result with its target.
fn pupil(
    serial: u32,
    year: u8,
    attendance: u32,
    fsm: bool,
    suspensions: Option<u32>,
    maths: (&str, &str),
) -> Pupil {
    Pupil {
        upn: Some(upn(serial)),
        surname: format!("Pupil{serial}"),
        forename: format!("No {serial}"),
        year_group: YearGroup::year(year),
        attendance: Some(Percent::from_hundredths(attendance)),
        fsm: Some(fsm),
        pupil_premium: Some(fsm),
        suspensions,
        attainment: vec![SubjectAttainment {
            subject: "Maths".into(),
            current: Some(maths.0.into()),
            target: Some(maths.1.into()).filter(|t: &String| !t.is_empty()),
            ..Default::default()
        }],
        ..Pupil::default()
    }
}

/// Autumn and spring of 2025/26.
///
/// | pupil | autumn                              | spring                              |
/// |-------|-------------------------------------|-------------------------------------|
/// | 1     | Y10 95.00%, FSM, 0 susp., 4 (→6)     | Y10 96.00%, FSM, 1 susp., 5 (→6)    |
/// | 2     | Y10 88.50%, 2 susp., 6 (→6)          | Y10 90.01%, 3 susp., 6 (→6)         |
/// | 3     | Y11 91.25%, FSM, not recorded, 3 (→5)| Y11 89.99%, FSM, 1 susp., 2 (→5)    |
/// | 4     | Y9 80.00%, 1 susp., 7 (→7)           | left                                |
/// | 5     | —                                   | Y11 97.33%, 0 susp., "x" (→7)       |
fn autumn_and_spring() -> Vec<(Period, Vec<Pupil>)> {
    vec![
        (
            period(Term::Autumn),
            vec![
                pupil(1, 10, 9_500, true, Some(0), ("4", "6")),
                pupil(2, 10, 8_850, false, Some(2), ("6", "6")),
                pupil(3, 11, 9_125, true, None, ("3", "5")),
                pupil(4, 9, 8_000, false, Some(1), ("7", "7")),
            ],
        ),
        (
            period(Term::Spring),
            vec![
                pupil(1, 10, 9_600, true, Some(1), ("5", "6")),
                pupil(2, 10, 9_001, false, Some(3), ("6", "6")),
                pupil(3, 11, 8_999, true, Some(1), ("2", "5")),
                pupil(5, 11, 9_733, false, Some(0), ("x", "7")),
            ],
        ),
    ]
}

/// The drops followed and scored with the universal profile, ready to measure.
struct Held {
    pupils: Vec<Vec<Pupil>>,
    scores: Vec<Vec<PupilScore>>,
    timeline: Timeline,
    profile: Profile,
}

impl Held {
    fn new(drops: Vec<(Period, Vec<Pupil>)>, as_of: NaiveDate) -> Held {
        Held::scored(drops, |_| ScoringContext::new(as_of))
    }

    fn scored(drops: Vec<(Period, Vec<Pupil>)>, context: impl Fn(usize) -> ScoringContext) -> Held {
        let profile = Profile::universal();
        let timeline = Timeline::follow(
            &drops
                .iter()
                .map(|(period, pupils)| (*period, pupils.as_slice()))
                .collect::<Vec<_>>(),
        );
        let scores = drops
            .iter()
            .enumerate()
            .map(|(at, (_, pupils))| score_all(pupils, &profile, &context(at)))
            .collect();
        Held {
            pupils: drops.into_iter().map(|(_, pupils)| pupils).collect(),
            scores,
            timeline,
            profile,
        }
    }

    fn scored_drops(&self) -> Vec<ScoredDrop<'_>> {
        self.pupils
            .iter()
            .zip(&self.scores)
            .map(|(pupils, scores)| ScoredDrop { pupils, scores })
            .collect()
    }

    /// The figures of `measure` for `level` at every drop.
    fn series(
        &self,
        level: TargetLevel,
        measure: TargetMeasure,
        cohorts: &[Cohort],
    ) -> Vec<TargetValue> {
        let drops = self.scored_drops();
        let measuring = Measuring {
            timeline: &self.timeline,
            drops: &drops,
            profile: &self.profile,
            cohorts,
        };
        measuring
            .series(&target(level, measure))
            .into_iter()
            .map(|(_, value)| value)
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

fn held() -> Held {
    Held::new(autumn_and_spring(), date(2026, 3, 13))
}

fn maths() -> String {
    "Maths".to_string()
}

#[test]
fn attendance_is_the_mean_of_recorded_attendance_at_each_drop() {
    let held = held();
    // Autumn (95 + 88.5 + 91.25 + 80) / 4 = 354.75 / 4 = 88.6875.
    // Spring (96 + 90.01 + 89.99 + 97.33) / 4 = 373.33 / 4 = 93.3325.
    assert_eq!(
        held.series(TargetLevel::WholeSchool, TargetMeasure::Attendance, &[]),
        [measured("88.6875", 4), measured("93.3325", 4)]
    );
    // Disadvantaged (pupils 1 and 3): (95 + 91.25) / 2 = 93.125; (96 + 89.99) / 2 = 92.995.
    let disadvantaged = TargetLevel::Group {
        group: TargetGroup::Standard(StandardGroup::Disadvantaged),
        year: None,
    };
    assert_eq!(
        held.series(disadvantaged, TargetMeasure::Attendance, &[]),
        [measured("93.125", 2), measured("92.995", 2)]
    );
}

#[test]
fn persistent_absence_counts_attendance_at_or_below_the_profiles_threshold() {
    let held = held();
    assert_eq!(Profile::universal().attendance.amber_at_or_below, 9_000);
    // Autumn: 88.5 and 80 of four → 50%. Spring: only 89.99 (90.01 is above) → 25%.
    assert_eq!(
        held.series(
            TargetLevel::WholeSchool,
            TargetMeasure::PersistentAbsence,
            &[]
        ),
        [measured("50", 4), measured("25", 4)]
    );
}

#[test]
fn pupils_suspended_counts_pupils_with_a_suspension_out_of_those_recorded() {
    let held = held();
    // Autumn: pupils 2 and 4, of the three recorded (3 is not). Spring: 1, 2 and 3 of 4.
    assert_eq!(
        held.series(
            TargetLevel::WholeSchool,
            TargetMeasure::PupilsSuspended,
            &[]
        ),
        [measured("2", 3), measured("3", 4)]
    );
}

#[test]
fn low_attainers_are_judged_on_the_flight_path_as_the_scorer_judges_them() {
    let held = held();
    // Low when grade + 1 ≤ target − lag (Y9 1, Y10 0.5, Y11 0).
    // Autumn: 1 (Y10, 4 → 6: 5 ≤ 5.5) low; 2 (6 → 6: 7 > 5.5) not; 3 (Y11, 3 → 5: 4 ≤ 5)
    // low; 4 (Y9, 7 → 7: 8 > 6) not: 2 of 4 = 50%.
    // Spring: 1 (5 → 6: 6 > 5.5) not; 2 not; 3 (2 → 5) low; 5 ("x") cannot be judged and
    // is left out: 1 of 3 = 33.3333…% → 33.3333.
    assert_eq!(
        held.series(
            TargetLevel::WholeSchool,
            TargetMeasure::LowAttainers { subject: maths() },
            &[]
        ),
        [measured("50", 4), measured("33.3333", 3)]
    );
}

#[test]
fn mean_grade_is_exact_and_leaves_out_results_that_are_not_grades() {
    let held = held();
    // Autumn (4 + 6 + 3 + 7) / 4 = 5; spring (5 + 6 + 2) / 3 = 4.3333… ("x" left out).
    assert_eq!(
        held.series(
            TargetLevel::WholeSchool,
            TargetMeasure::MeanGrade { subject: maths() },
            &[]
        ),
        [measured("5", 4), measured("4.3333", 3)]
    );
}

#[test]
fn markers_are_counted_out_of_the_pupils_whose_marker_is_known() {
    let held = held();
    // Exclusions amber from 1 suspension. Autumn: 2 and 4 of the three recorded
    // → 66.6666…% → 66.6667. Spring: 1, 2 and 3 of four → 75%.
    assert_eq!(
        held.series(
            TargetLevel::WholeSchool,
            TargetMeasure::WithMarker(MarkerKind::ExclusionsAmberOrRed),
            &[]
        ),
        [measured("66.6667", 3), measured("75", 4)]
    );
    // Attendance amber at or below 90%: as persistent absence.
    assert_eq!(
        held.series(
            TargetLevel::WholeSchool,
            TargetMeasure::WithMarker(MarkerKind::AttendanceAmberOrRed),
            &[]
        ),
        [measured("50", 4), measured("25", 4)]
    );
    // The shortlist is 2% of four pupils, at least one: 1 of 4 at each drop.
    assert_eq!(
        held.series(
            TargetLevel::WholeSchool,
            TargetMeasure::WithMarker(MarkerKind::Shortlist),
            &[]
        ),
        [measured("25", 4), measured("25", 4)]
    );
    // No factor is recorded for anyone, so every overall indicator is green.
    assert_eq!(
        held.series(
            TargetLevel::WholeSchool,
            TargetMeasure::WithMarker(MarkerKind::OverallAmberOrRed),
            &[]
        ),
        [measured("0", 4), measured("0", 4)]
    );
}

#[test]
fn a_group_or_subject_gone_at_a_later_drop_says_so_instead_of_a_number() {
    let mut drops = autumn_and_spring();
    // Year 9 was pupil 4 alone, who left.
    let held = Held::new(drops.clone(), date(2026, 3, 13));
    let year9 = held.series(
        TargetLevel::YearGroup(YearGroup::Year(9)),
        TargetMeasure::Attendance,
        &[],
    );
    assert_eq!(year9[0], measured("80", 1));
    assert_eq!(
        year9[1].sentence(&TargetMeasure::Attendance),
        "No pupils in Year 9 at this drop"
    );
    // The spring file has no Maths column.
    for pupil in &mut drops[1].1 {
        pupil.attainment.clear();
    }
    let held = Held::new(drops, date(2026, 3, 13));
    let mean = TargetMeasure::MeanGrade { subject: maths() };
    let values = held.series(TargetLevel::WholeSchool, mean.clone(), &[]);
    assert_eq!(values[0], measured("5", 4));
    assert_eq!(values[1].sentence(&mean), "No Maths results in this drop");
    // A cohort deleted since the target was set.
    let gone = TargetLevel::Group {
        group: TargetGroup::Cohort(CohortId(7)),
        year: None,
    };
    let values = held.series(gone, TargetMeasure::Attendance, &[]);
    assert_eq!(
        values[1].sentence(&TargetMeasure::Attendance),
        "The cohort this target is for is no longer saved"
    );
}

/// A target from 90 (taken at the autumn drop, 15/12/2025) to `goal` by 15/07/2026:
/// 212 days; 31/03/2026 is 106 days on, exactly half way.
fn status(
    measure: TargetMeasure,
    baseline: &str,
    goal: &str,
    latest: &str,
    today: NaiveDate,
) -> Option<TargetStatus> {
    let t = Target {
        baseline: Some(value(baseline)),
        baseline_from: Some(period(Term::Autumn)),
        target_value: Some(value(goal)),
        by: Some(date(2026, 7, 15)),
        ..target(TargetLevel::WholeSchool, measure)
    };
    suggest_status(&t, Some(value(latest)), t.baseline_on(), today)
}

#[test]
fn suggested_statuses_at_their_boundaries() {
    let half = date(2026, 3, 31);
    let up = || TargetMeasure::Attendance;
    // Exactly at the target is met; one ten-thousandth short is not (but on track).
    assert_eq!(
        status(up(), "90", "96", "96", half),
        Some(TargetStatus::Met)
    );
    assert_eq!(
        status(up(), "90", "96", "95.9999", half),
        Some(TargetStatus::OnTrack)
    );
    // Half the time gone: half the way (93) is on the line, so on track; just below is not.
    assert_eq!(
        status(up(), "90", "96", "93", half),
        Some(TargetStatus::OnTrack)
    );
    assert_eq!(
        status(up(), "90", "96", "92.9999", half),
        Some(TargetStatus::AtRisk)
    );
    // Lower is better: persistent absence from 20% to 10%.
    let down = || TargetMeasure::PersistentAbsence;
    assert_eq!(
        status(down(), "20", "10", "10", half),
        Some(TargetStatus::Met)
    );
    assert_eq!(
        status(down(), "20", "10", "10.0001", half),
        Some(TargetStatus::OnTrack)
    );
    assert_eq!(
        status(down(), "20", "10", "15", half),
        Some(TargetStatus::OnTrack)
    );
    assert_eq!(
        status(down(), "20", "10", "15.0001", half),
        Some(TargetStatus::AtRisk)
    );
    // A count, lower is better: 6 pupils suspended down to 2.
    assert_eq!(
        status(TargetMeasure::PupilsSuspended, "6", "2", "2", half),
        Some(TargetStatus::Met)
    );
    // Past the by date and not met: at risk, never missed (staff say missed).
    assert_eq!(
        status(up(), "90", "96", "95.9999", date(2026, 7, 16)),
        Some(TargetStatus::AtRisk)
    );
    // On the day the baseline was taken, no progress is needed yet.
    assert_eq!(
        status(up(), "90", "96", "90", date(2025, 12, 15)),
        Some(TargetStatus::OnTrack)
    );
    // Staff's choice wins; without a measure nothing is suggested.
    let mut chosen = target(TargetLevel::WholeSchool, up());
    chosen.status = Some(TargetStatus::Missed);
    assert_eq!(
        effective_status(&chosen, Some(TargetStatus::OnTrack)),
        TargetStatus::Missed
    );
    chosen.measure = None;
    assert_eq!(suggest_status(&chosen, Some(value("1")), None, half), None);
    chosen.status = None;
    assert_eq!(effective_status(&chosen, None), TargetStatus::NotStarted);
}

#[test]
fn the_form_refuses_each_wrong_value_by_field_in_plain_english() {
    let draft = TargetDraft {
        description: "Raise attendance".into(),
        measure: Some(TargetMeasure::Attendance),
        baseline: "88.6875".into(),
        baseline_from: Some(period(Term::Autumn)),
        target_value: "101".into(),
        by: "15/12/2025".into(),
        ..TargetDraft::default()
    };
    let problems = draft
        .validate(&[], &[], date(2026, 1, 5))
        .expect_err("refused");
    let said: Vec<(TargetField, String)> =
        problems.into_iter().map(|p| (p.field, p.message)).collect();
    assert_eq!(
        said,
        [
            (
                TargetField::TargetValue,
                "Enter a percentage from 0 to 100, such as 96.5".to_string()
            ),
            (
                TargetField::By,
                "The by date must be after the baseline, taken 15/12/2025".to_string()
            ),
        ]
    );
    let fixed = TargetDraft {
        target_value: "96.5".into(),
        by: "16/12/2025".into(),
        ..draft
    };
    let saved = fixed
        .validate(&[], &[], date(2026, 1, 5))
        .expect("accepted");
    assert_eq!(saved.target_value, Some(value("96.5")));
    assert_eq!(saved.by, Some(date(2025, 12, 16)));
}

#[test]
fn a_group_target_breaks_down_by_year_group_with_each_parts_own_baseline() {
    let held = held();
    let drops = held.scored_drops();
    let measuring = Measuring {
        timeline: &held.timeline,
        drops: &drops,
        profile: &held.profile,
        cohorts: &[],
    };
    let mut book = TargetBook::default();
    let whole = Target {
        baseline: Some(value("88.6875")),
        baseline_from: Some(period(Term::Autumn)),
        target_value: Some(value("95")),
        ..target(TargetLevel::WholeSchool, TargetMeasure::Attendance)
    };
    let id = book.add(whole);
    let parts = book.break_down(id, &measuring).expect("broken down");
    // The spring drop has Years 10 and 11 (Year 9 left); baselines from autumn:
    // Y10 (95 + 88.5) / 2 = 91.75, Y11 91.25.
    let made: Vec<(TargetLevel, Option<MeasureValue>)> = parts
        .iter()
        .filter_map(|id| book.target(*id))
        .map(|t| (t.level.clone(), t.baseline))
        .collect();
    assert_eq!(
        made,
        [
            (
                TargetLevel::YearGroup(YearGroup::Year(10)),
                Some(value("91.75"))
            ),
            (
                TargetLevel::YearGroup(YearGroup::Year(11)),
                Some(value("91.25"))
            ),
        ]
    );
    // Deleting the whole-school target keeps its parts, detached.
    let (_, detached) = book.delete(id).expect("held");
    assert_eq!(detached, parts);
}

/// Maths results at autumn and spring; one pupil (6) is in spring only.
fn trajectory_drops() -> Vec<(Period, Vec<Pupil>)> {
    let p = |serial, year, result: &str, goal: &str| {
        pupil(serial, year, 9_500, false, Some(0), (result, goal))
    };
    vec![
        (
            period(Term::Autumn),
            vec![
                p(1, 8, "5", ""),
                p(2, 8, "5", ""),
                p(3, 8, "5", ""),
                p(4, 9, "3", "5"),
                p(5, 9, "3", "6"),
                p(7, 5, "EXS", ""),
            ],
        ),
        (
            period(Term::Spring),
            vec![
                p(1, 8, "5", ""),   // not moved
                p(2, 8, "4", ""),   // fallen
                p(3, 8, "6", ""),   // risen
                p(4, 9, "4", "5"),  // risen; 1 below target: the margin exactly
                p(5, 9, "4", "6"),  // risen; 2 below target: margin + 1
                p(6, 9, "1", "1"),  // only one drop
                p(7, 5, "WTS", ""), // fallen, by the profile's codes
            ],
        ),
    ]
}

#[test]
fn off_trajectory_pupils_are_listed_per_year_group_and_can_be_saved_as_a_cohort() {
    let held = Held::new(trajectory_drops(), date(2026, 3, 13));
    let drops = held.scored_drops();
    let result = off_trajectory(&held.timeline, &drops, &held.profile, 1);
    let rows: Vec<(Option<YearGroup>, String, String)> = result
        .years
        .iter()
        .flat_map(|(year, rows)| {
            rows.iter()
                .map(move |row| (*year, row.name.clone(), row.why()))
        })
        .collect();
    let y = |n| YearGroup::year(n);
    assert_eq!(
        rows,
        [
            (
                y(5),
                "No 7 Pupil7".to_string(),
                "Fallen since Autumn 2025/26".to_string()
            ),
            (
                y(8),
                "No 1 Pupil1".to_string(),
                "Not moved since Autumn 2025/26".to_string()
            ),
            (
                y(8),
                "No 2 Pupil2".to_string(),
                "Fallen since Autumn 2025/26".to_string()
            ),
            (
                y(9),
                "No 5 Pupil5".to_string(),
                "2 grades below target".to_string()
            ),
        ]
    );
    let fallen = result
        .rows()
        .find(|row| row.name == "No 2 Pupil2")
        .expect("listed");
    assert_eq!(
        (fallen.previous.as_deref(), fallen.current.as_str()),
        (Some("5"), "4")
    );
    assert_eq!(result.left_out, 0);
    // With no margin, pupil 4 (1 below) is listed too.
    let strict = off_trajectory(&held.timeline, &drops, &held.profile, 0);
    assert_eq!(strict.rows().count(), 5);
    // Saved as a fixed cohort, the same four pupils are measured at every drop.
    let mut cohorts = Vec::new();
    let id = save_cohort(
        &mut cohorts,
        "Off trajectory in Maths",
        Vec::new(),
        Some(result.keys()),
    )
    .expect("saved");
    let level = TargetLevel::Group {
        group: TargetGroup::Cohort(id),
        year: None,
    };
    let values = held.series(level, TargetMeasure::Attendance, &cohorts);
    assert_eq!(values, [measured("95", 4), measured("95", 4)]);
    // One drop only: nothing has moved or fallen, only the target gap counts.
    let single = Held::new(trajectory_drops().split_off(1), date(2026, 3, 13));
    let drops = single.scored_drops();
    let only = off_trajectory(&single.timeline, &drops, &single.profile, 1);
    let names: Vec<&str> = only.rows().map(|row| row.name.as_str()).collect();
    assert_eq!(names, ["No 5 Pupil5"]);
}

/// A pupil key for a pupil without a UPN still finds them when the next drop has one.
#[test]
fn a_pupils_target_follows_them_through_a_drop_without_their_upn() {
    let mut drops = autumn_and_spring();
    drops[0].1[0].upn = None;
    drops[0].1[0].date_of_birth = Some(date(2010, 1, 2));
    drops[1].1[0].date_of_birth = Some(date(2010, 1, 2));
    let key = PupilKey::of(&drops[1].1[0]).into_string();
    let held = Held::new(drops, date(2026, 3, 13));
    assert_eq!(
        held.series(TargetLevel::Pupil(key), TargetMeasure::Attendance, &[]),
        [measured("95", 1), measured("96", 1)]
    );
}

/// Parses an "Attendance %" cell ("93.5") into hundredths of a percent.
fn hundredths(cell: &str) -> i128 {
    let (whole, fraction) = cell.trim().split_once('.').unwrap_or((cell.trim(), ""));
    let fraction = format!("{fraction:0<2}");
    whole.parse::<i128>().expect("whole") * 100 + fraction[..2].parse::<i128>().expect("fraction")
}

/// Mean of hundredths, as ten-thousandths of a percent, rounded half up.
fn mean_ten_thousandths(values: &[i128]) -> i64 {
    let n = values.len() as i128;
    let total: i128 = values.iter().sum::<i128>() * 100;
    i64::try_from((2 * total + n) / (2 * n)).expect("fits")
}

#[test]
fn generated_termly_files_measure_as_their_own_cells_say() {
    let spec = SchoolSpec {
        seed: 15,
        pupils: 150,
        phase: Phase::Secondary,
        as_of: date(2026, 3, 13),
        name: "Targets test school".into(),
    };
    let generated = generate_drops(&spec, 2);
    let mut drops = Vec::new();
    let mut expected = Vec::new();
    for school_drop in &generated {
        let csv = to_csv(&school_drop.school);
        let raw = read_file(csv.as_bytes(), &Limits::default()).expect("reads");
        let plan = plan(&raw, &MappingMemory::default()).expect("plans");
        let report = build(&raw, &plan);
        let drop = DataDrop::new(school_drop.as_of, "generated.csv", plan, report.pupils);
        // The figures, from the file's own cells.
        let column = |name: &str| {
            school_drop
                .school
                .headings
                .iter()
                .position(|h| h == name)
                .expect("a column")
        };
        let (attendance, fsm, pp) = (
            column("Attendance %"),
            column("FSM Eligible"),
            column("Pupil Premium"),
        );
        let all: Vec<i128> = school_drop
            .school
            .rows
            .iter()
            .map(|row| hundredths(&row[attendance]))
            .collect();
        let disadvantaged: Vec<i128> = school_drop
            .school
            .rows
            .iter()
            .filter(|row| row[fsm] == "Y" || row[pp] == "Y")
            .map(|row| hundredths(&row[attendance]))
            .collect();
        let persistently_absent = all.iter().filter(|&&a| a <= 9_000).count() as i128;
        expected.push((
            (mean_ten_thousandths(&all), all.len()),
            mean_ten_thousandths(&disadvantaged),
            disadvantaged.len(),
            // count × 100% in ten-thousandths ÷ pupils, half up.
            i64::try_from(
                (2 * persistently_absent * 1_000_000 + all.len() as i128) / (2 * all.len() as i128),
            )
            .expect("fits"),
        ));
        drops.push((Period::of(&drop), drop));
    }
    let held = Held::scored(
        drops
            .iter()
            .map(|(period, drop)| (*period, drop.pupils.clone()))
            .collect(),
        |at| ScoringContext::for_drop(&drops[at].1),
    );
    let whole = held.series(TargetLevel::WholeSchool, TargetMeasure::Attendance, &[]);
    let group = TargetLevel::Group {
        group: TargetGroup::Standard(StandardGroup::Disadvantaged),
        year: None,
    };
    let disadvantaged = held.series(group, TargetMeasure::Attendance, &[]);
    let absent = held.series(
        TargetLevel::WholeSchool,
        TargetMeasure::PersistentAbsence,
        &[],
    );
    for (at, ((all, size), group, group_size, pa)) in expected.into_iter().enumerate() {
        assert!(
            group_size > 0 && pa > 0,
            "the generated school has disadvantaged and persistently absent pupils"
        );
        assert_eq!(
            whole[at],
            TargetValue::Measured {
                value: MeasureValue::from_ten_thousandths(all),
                pupils: size
            },
            "drop {at}"
        );
        assert_eq!(
            disadvantaged[at],
            TargetValue::Measured {
                value: MeasureValue::from_ten_thousandths(group),
                pupils: group_size
            },
            "drop {at}"
        );
        assert_eq!(
            absent[at].value(),
            Some(MeasureValue::from_ten_thousandths(pa)),
            "drop {at}"
        );
    }
}
