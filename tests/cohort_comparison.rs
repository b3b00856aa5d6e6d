//! Group comparisons (SPEC §6, issue #4 "Must show" 4) checked against an independent
//! calculation.
//!
//! The planner's figures come from the real pipeline: the fixture's bytes go through the
//! importer (`read_file` → `plan` → `build`), are scored with the universal profile as of
//! 13 March 2026, split into groups by `Cohort` conditions exactly as the Cohorts page does
//! (`SummerBorn(true)` vs `SummerBorn(false)`, `Disadvantaged(true)` vs
//! `Disadvantaged(false)`), and measured by `planner::core::cohort::compare`.
//!
//! The expected figures are worked out here, straight from the CSV with the `csv` crate
//! and none of the planner's parsers or scorers: the month of "Date of Birth", "Attendance
//! %" as text, "Suspensions", "Permanent Exclusion", "FSM Eligible", "Pupil Premium" and
//! the attainment columns, with SPEC §5's universal thresholds written out again below.
//!
//! Rounding, read from `src/core/cohort.rs`: the mean attendance is the sum of hundredths
//! of a percent divided by the count, rounded half up (`(2·sum + n) / 2n`); a share is
//! count·1000/of in tenths of a percent, rounded half up (`(2000·count + of) / 2·of`);
//! gaps are A minus B of those rounded integers. Every comparison below is an exact
//! integer comparison.

use chrono::NaiveDate;
use planner::core::cohort::{
    compare, Cohort, CohortId, Comparison, Condition, GroupMeasures, Share,
};
use planner::core::drop::DataDrop;
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::MappingMemory;
use planner::core::import::read::{read_file, Limits};
use planner::core::profile::Profile;
use planner::core::pupil::Pupil;
use planner::core::scoring::{score_all, PupilScore, ScoringContext};
use std::collections::HashMap;

fn fixture_path(name: &str) -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/").to_string() + name
}

fn read_fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("fixture {path}: {error}"))
}

// ---------------------------------------------------------------------------------------
// The planner's side: import, score, group, compare.
// ---------------------------------------------------------------------------------------

struct Planned {
    pupils: Vec<Pupil>,
    scores: Vec<PupilScore>,
}

fn import_and_score(file: &str) -> Planned {
    let raw = read_file(&read_fixture(file), &Limits::default())
        .unwrap_or_else(|error| panic!("{file} should read: {error}"));
    let plan = plan(&raw, &MappingMemory::default())
        .unwrap_or_else(|error| panic!("{file} should plan: {error}"));
    let report = build(&raw, &plan);
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 13).expect("13 March 2026 is a date");
    let drop = DataDrop::new(as_of, file, plan, report.pupils);
    let scores = score_all(
        &drop.pupils,
        &Profile::universal(),
        &ScoringContext::for_drop(&drop),
    );
    Planned {
        pupils: drop.pupils,
        scores,
    }
}

fn upns(planned: &Planned, members: &[usize]) -> Vec<String> {
    members
        .iter()
        .map(|&i| {
            planned.pupils[i]
                .upn
                .as_ref()
                .map(|upn| upn.as_str().to_string())
                .expect("every fixture pupil has a UPN")
        })
        .collect()
}

/// Splits the pupils as the Cohorts page does and compares the two groups. Returns the
/// comparison and the UPNs in each group.
fn planner_comparison(
    planned: &Planned,
    yes: Condition,
    no: Condition,
) -> (Comparison, Vec<String>, Vec<String>) {
    let group = |condition: Condition| Cohort {
        id: CohortId(1),
        name: String::new(),
        conditions: vec![condition],
        members: None,
    };
    let a = group(yes).members(&planned.pupils, &planned.scores, &[]);
    let b = group(no).members(&planned.pupils, &planned.scores, &[]);
    let result = compare(&planned.pupils, &planned.scores, &a, &b);
    (result, upns(planned, &a), upns(planned, &b))
}

// ---------------------------------------------------------------------------------------
// The independent side: the CSV read by hand.
// ---------------------------------------------------------------------------------------

/// One CSV row as heading → cell text.
type Row = HashMap<String, String>;

fn csv_rows(file: &str) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(fixture_path(file)).expect("fixture opens");
    let headers: Vec<String> = reader
        .headers()
        .expect("fixture has a heading row")
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    reader
        .records()
        .map(|record| {
            let record = record.expect("a well-formed CSV row");
            headers
                .iter()
                .cloned()
                .zip(record.iter().map(|cell| cell.trim().to_string()))
                .collect()
        })
        .collect()
}

fn cell<'a>(row: &'a Row, heading: &str) -> &'a str {
    row.get(heading)
        .unwrap_or_else(|| panic!("the fixture has a column {heading:?}"))
}

/// "dd/mm/yyyy" → the month.
fn birth_month(row: &Row) -> u32 {
    let text = cell(row, "Date of Birth");
    let parts: Vec<&str> = text.split('/').collect();
    assert_eq!(parts.len(), 3, "date of birth {text:?}");
    parts[1].parse().expect("a numeric month")
}

/// Summer-born under the universal profile: born April to August.
fn summer_born(row: &Row) -> bool {
    (4..=8).contains(&birth_month(row))
}

fn yes(text: &str) -> bool {
    matches!(
        text.to_ascii_uppercase().as_str(),
        "Y" | "YES" | "TRUE" | "1"
    )
}

/// Disadvantaged: FSM eligible or pupil premium.
fn disadvantaged(row: &Row) -> bool {
    yes(cell(row, "FSM Eligible")) || yes(cell(row, "Pupil Premium"))
}

/// "92.2" → 9220 hundredths of a percent, by string arithmetic (no floating point).
fn attendance_hundredths(row: &Row) -> Option<u64> {
    let text = cell(row, "Attendance %");
    if text.is_empty() {
        return None;
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    assert!(
        fraction.len() <= 2,
        "attendance {text:?} has more than 2 decimals"
    );
    let whole: u64 = whole.parse().expect("whole percent");
    let fraction: u64 = format!("{fraction:0<2}")
        .parse()
        .expect("fraction of a percent");
    Some(whole * 100 + fraction)
}

/// Suspended this year (one or more suspensions) or permanently excluded.
fn suspended(row: &Row) -> bool {
    let count: u32 = cell(row, "Suspensions")
        .parse()
        .expect("a suspension count");
    count >= 1 || yes(cell(row, "Permanent Exclusion"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Low,
    Expected,
    High,
}

/// A primary teacher assessment: the codes SPEC §5 lists, plus the words in the file.
fn teacher_assessment(text: &str) -> Option<Level> {
    match text.to_ascii_uppercase().as_str() {
        "" => None,
        "BLW" | "PKF" | "PK1" | "PK2" | "PK3" | "PK4" | "PK5" | "PK6" | "HNM" | "WTS"
        | "EMERGING" => Some(Level::Low),
        "EXS" | "EXPECTED" => Some(Level::Expected),
        "GDS" | "EXCEEDING" => Some(Level::High),
        other => panic!("unexpected teacher assessment {other:?} in the fixture"),
    }
}

/// A KS2 scaled score 80–120: below 100 low, 110 and over high. Codes (A, B, M) and
/// blanks are unknown.
fn scaled_score(text: &str) -> Option<Level> {
    let score: u32 = text.parse().ok()?;
    match score {
        80..=99 => Some(Level::Low),
        100..=109 => Some(Level::Expected),
        110..=120 => Some(Level::High),
        _ => None,
    }
}

/// A GCSE-style grade against the grade expected now on the flight path to its target
/// (SPEC §5): expected = target − 2 (Year 7), 1.5 (Year 8), 1 (Year 9), 0.5 (Year 10) or 0
/// (Year 11); a grade or more below expected is low, a grade or more above is high. Worked
/// in halves of a grade so 1.5 is exact.
fn grade_on_flight_path(grade: &str, target: &str, year: &str) -> Option<Level> {
    let grade: i32 = grade.parse().ok()?;
    let target: i32 = target.parse().expect("every fixture grade has a target");
    let lag_halves = match year {
        "Year 7" => 4,
        "Year 8" => 3,
        "Year 9" => 2,
        "Year 10" => 1,
        "Year 11" => 0,
        other => panic!("unexpected year group {other:?} in the secondary fixture"),
    };
    let (grade, expected) = (grade * 2, target * 2 - lag_halves);
    Some(if grade + 2 <= expected {
        Level::Low
    } else if grade >= expected + 2 {
        Level::High
    } else {
        Level::Expected
    })
}

/// Each mapped subject's level. Primary: Reading, Writing and Maths TA. Secondary:
/// English and Maths working-at grades on the flight path to their targets; the KS2
/// Maths and Reading scores (prior attainment) only when neither grade can be read.
fn subject_levels(row: &Row) -> Vec<Option<Level>> {
    if row.contains_key("Reading TA") {
        return ["Reading TA", "Writing TA", "Maths TA"]
            .iter()
            .map(|heading| teacher_assessment(cell(row, heading)))
            .collect();
    }
    let year = cell(row, "Year Group");
    let english = grade_on_flight_path(
        cell(row, "English Working At"),
        cell(row, "English Target"),
        year,
    );
    let maths = grade_on_flight_path(
        cell(row, "Maths Working At"),
        cell(row, "Maths Target"),
        year,
    );
    if english.is_some() || maths.is_some() {
        return vec![english, maths];
    }
    vec![
        scaled_score(cell(row, "KS2 Maths Scaled Score")),
        scaled_score(cell(row, "KS2 Reading Scaled Score")),
    ]
}

/// Low attainer: any known subject low. `None` when no subject is known. In secondary,
/// the KS2 scores are prior attainment and count only when neither working-at grade can
/// be read.
fn low_attainer(row: &Row) -> Option<bool> {
    let known: Vec<Level> = subject_levels(row).into_iter().flatten().collect();
    if known.is_empty() {
        None
    } else {
        Some(known.contains(&Level::Low))
    }
}

/// The independent figures for one group.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    pupils: usize,
    /// Hundredths of a percent, rounded half up.
    mean_attendance: Option<u32>,
    /// (count, of)
    persistently_absent: (usize, usize),
    suspended: (usize, usize),
    low_attainers: (usize, usize),
}

fn figures(rows: &[&Row]) -> Figures {
    let attendance: Vec<u64> = rows
        .iter()
        .filter_map(|r| attendance_hundredths(r))
        .collect();
    let mean_attendance = if attendance.is_empty() {
        None
    } else {
        let sum: u64 = attendance.iter().sum();
        let n = attendance.len() as u64;
        // Round half up: the quotient, plus one when the remainder is at least half.
        let (quotient, remainder) = (sum / n, sum % n);
        Some((quotient + u64::from(2 * remainder >= n)) as u32)
    };
    let low: Vec<bool> = rows.iter().filter_map(|r| low_attainer(r)).collect();
    Figures {
        pupils: rows.len(),
        mean_attendance,
        persistently_absent: (
            attendance.iter().filter(|&&a| a <= 9000).count(),
            attendance.len(),
        ),
        suspended: (rows.iter().filter(|r| suspended(r)).count(), rows.len()),
        low_attainers: (low.iter().filter(|&&l| l).count(), low.len()),
    }
}

/// count/of in tenths of a percent, rounded half up; computed with a remainder rather
/// than the core's formula.
fn tenths(count: usize, of: usize) -> Option<i64> {
    if of == 0 {
        return None;
    }
    let scaled = count * 1000;
    let (quotient, remainder) = (scaled / of, scaled % of);
    Some((quotient + usize::from(2 * remainder >= of)) as i64)
}

fn planner_figures(measures: &GroupMeasures) -> Figures {
    let pair = |share: Share| (share.count, share.of);
    Figures {
        pupils: measures.pupils,
        mean_attendance: measures.mean_attendance.map(|p| p.hundredths()),
        persistently_absent: pair(measures.persistently_absent),
        suspended: pair(measures.suspended),
        low_attainers: pair(measures.low_attainers),
    }
}

/// Compares the planner's comparison of `file` split by `yes`/`no` with the independent
/// one split by `in_group`, and returns the independent figures for a sanity check.
fn check(
    file: &str,
    yes: Condition,
    no: Condition,
    in_group: fn(&Row) -> bool,
) -> (Figures, Figures) {
    let planned = import_and_score(file);
    let (result, upns_a, upns_b) = planner_comparison(&planned, yes, no);

    let rows = csv_rows(file);
    assert_eq!(
        planned.pupils.len(),
        rows.len(),
        "{file}: every row is a pupil"
    );
    let (a, b): (Vec<&Row>, Vec<&Row>) = rows.iter().partition(|r| in_group(r));
    let row_upns = |group: &[&Row]| -> Vec<String> {
        group.iter().map(|r| cell(r, "UPN").to_string()).collect()
    };
    // The same pupils in each group, in file order.
    assert_eq!(upns_a, row_upns(&a), "{file}: group A members");
    assert_eq!(upns_b, row_upns(&b), "{file}: group B members");

    let (expected_a, expected_b) = (figures(&a), figures(&b));
    assert_eq!(planner_figures(&result.a), expected_a, "{file}: group A");
    assert_eq!(planner_figures(&result.b), expected_b, "{file}: group B");

    // Shares in tenths of a percent, and the gaps (A − B).
    for (name, planner, expected) in [
        (
            "A persistently absent",
            result.a.persistently_absent,
            expected_a.persistently_absent,
        ),
        ("A suspended", result.a.suspended, expected_a.suspended),
        (
            "A low attainers",
            result.a.low_attainers,
            expected_a.low_attainers,
        ),
        (
            "B persistently absent",
            result.b.persistently_absent,
            expected_b.persistently_absent,
        ),
        ("B suspended", result.b.suspended, expected_b.suspended),
        (
            "B low attainers",
            result.b.low_attainers,
            expected_b.low_attainers,
        ),
    ] {
        assert_eq!(
            planner.tenths_of_percent().map(i64::from),
            tenths(expected.0, expected.1),
            "{file}: {name} in tenths of a percent"
        );
    }
    let gap = |x: (usize, usize), y: (usize, usize)| Some(tenths(x.0, x.1)? - tenths(y.0, y.1)?);
    assert_eq!(
        result.gap.mean_attendance,
        expected_a
            .mean_attendance
            .zip(expected_b.mean_attendance)
            .map(|(x, y)| i64::from(x) - i64::from(y)),
        "{file}: attendance gap in hundredths of a point"
    );
    assert_eq!(
        result.gap.persistently_absent,
        gap(
            expected_a.persistently_absent,
            expected_b.persistently_absent
        ),
        "{file}: persistent absence gap"
    );
    assert_eq!(
        result.gap.suspended,
        gap(expected_a.suspended, expected_b.suspended),
        "{file}: suspension gap"
    );
    assert_eq!(
        result.gap.low_attainers,
        gap(expected_a.low_attainers, expected_b.low_attainers),
        "{file}: low attainment gap"
    );
    (expected_a, expected_b)
}

#[test]
fn summer_born_vs_others_on_primary_210() {
    let (summer, others) = check(
        "primary_210.csv",
        Condition::SummerBorn(true),
        Condition::SummerBorn(false),
        summer_born,
    );
    // The comparison is not vacuous: both groups are real and every measure is known.
    assert_eq!(summer.pupils + others.pupils, 210);
    assert!(
        summer.pupils > 50 && others.pupils > 100,
        "{summer:?} / {others:?}"
    );
    assert_eq!(summer.persistently_absent.1, summer.pupils);
    assert_eq!(summer.low_attainers.1, summer.pupils);
    assert!(summer.persistently_absent.0 > 0 && summer.low_attainers.0 > 0);
}

#[test]
fn disadvantaged_vs_others_on_secondary_1200() {
    let (disadvantaged, others) = check(
        "secondary_1200.csv",
        Condition::Disadvantaged(true),
        Condition::Disadvantaged(false),
        disadvantaged,
    );
    assert_eq!(disadvantaged.pupils + others.pupils, 1200);
    assert!(disadvantaged.pupils > 100 && others.pupils > 100);
    assert!(disadvantaged.suspended.0 > 0 && others.suspended.0 > 0);
    assert!(disadvantaged.persistently_absent.0 > 0 && disadvantaged.low_attainers.0 > 0);
}

/// The xlsx copy of the secondary school gives the same comparison as its CSV.
#[test]
fn secondary_1200_xlsx_compares_like_its_csv() {
    let csv = import_and_score("secondary_1200.csv");
    let xlsx = import_and_score("secondary_1200.xlsx");
    let split = |planned: &Planned| {
        planner_comparison(
            planned,
            Condition::SummerBorn(true),
            Condition::SummerBorn(false),
        )
    };
    assert_eq!(split(&csv), split(&xlsx));
}
