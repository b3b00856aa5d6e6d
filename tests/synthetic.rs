//! The made-up school (`planner::core::synthetic`): deterministic, exactly the pupils
//! asked for, unique valid UPNs, England-like proportions, and its CSV and xlsx import
//! through the real importer with no issues at all.

use chrono::NaiveDate;
use planner::core::import::build::{build, plan, ImportReport};
use planner::core::import::mapping::{Field, MappingMemory};
use planner::core::import::read::{read_file, Limits};
use planner::core::synthetic::{
    generate, headings, made_up_school, to_csv, Phase, SchoolSpec, SyntheticSchool,
};
use planner::core::value::{SenStatus, Upn, YearGroup};
use std::collections::HashSet;

// The example's xlsx writer, so the test builds the xlsx exactly as the benchmark files
// are built (the library uses rust_xlsxwriter too, for Export to Excel: core::export).
#[allow(dead_code)]
#[path = "../examples/generate_school.rs"]
mod generate_school;

fn spec(pupils: usize, phase: Phase, seed: u64) -> SchoolSpec {
    SchoolSpec {
        seed,
        pupils,
        phase,
        ..SchoolSpec::default()
    }
}

fn column(school: &SyntheticSchool, heading: &str) -> usize {
    school
        .headings
        .iter()
        .position(|h| h == heading)
        .unwrap_or_else(|| panic!("no {heading} column"))
}

/// The share of pupils whose `heading` cell passes `test`.
fn share(school: &SyntheticSchool, heading: &str, test: impl Fn(&str) -> bool) -> f64 {
    let at = column(school, heading);
    let hits = school.rows.iter().filter(|row| test(&row[at])).count();
    hits as f64 / school.rows.len() as f64
}

/// Imports bytes through the real pipeline and checks every row became a pupil with no
/// issue, every heading was recognised, and nothing was skipped.
fn import_cleanly(bytes: &[u8], what: &str, pupils: usize) -> ImportReport {
    let wb = read_file(bytes, &Limits::default())
        .unwrap_or_else(|error| panic!("{what} was refused: {error}"));
    let plan = plan(&wb, &MappingMemory::default())
        .unwrap_or_else(|error| panic!("{what} has no plan: {error}"));
    let unmapped: Vec<&String> = plan
        .headings
        .iter()
        .zip(&plan.mapping.columns)
        .filter(|(_, field)| **field == Field::Ignore)
        .map(|(heading, _)| heading)
        .collect();
    assert!(
        unmapped.is_empty(),
        "{what}: unrecognised headings {unmapped:?}"
    );
    let report = build(&wb, &plan);
    assert_eq!(report.issues, vec![], "{what}: issues");
    assert!(
        report.skipped.is_empty(),
        "{what}: skipped {:?}",
        report.skipped
    );
    assert_eq!(report.imported(), pupils, "{what}: pupils");
    assert!(
        report.pupils.iter().all(|pupil| pupil.upn.is_some()
            && pupil.date_of_birth.is_some()
            && pupil.year_group.is_some()
            && pupil.attendance.is_some()),
        "{what}: every pupil has a UPN, date of birth, year group and attendance"
    );
    report
}

#[test]
fn the_same_seed_gives_the_same_school_and_another_seed_another() {
    let first = to_csv(&generate(&spec(500, Phase::Secondary, 7)));
    let again = to_csv(&generate(&spec(500, Phase::Secondary, 7)));
    let other = to_csv(&generate(&spec(500, Phase::Secondary, 8)));
    assert_eq!(first, again);
    assert_ne!(first, other);
    assert_eq!(
        to_csv(&made_up_school()),
        to_csv(&generate(&SchoolSpec::default()))
    );
}

#[test]
fn exactly_the_pupils_asked_for_with_unique_valid_upns() {
    for (pupils, phase) in [
        (0, Phase::Primary),
        (1, Phase::Primary),
        (211, Phase::Primary),
        (1_203, Phase::Secondary),
        (5_000, Phase::Secondary),
        (777, Phase::AllThrough),
    ] {
        let school = generate(&spec(pupils, phase, 11));
        assert_eq!(school.rows.len(), pupils, "{phase:?}");
        assert_eq!(school.headings, headings(phase));
        assert!(school
            .rows
            .iter()
            .all(|row| row.len() == school.headings.len()));
        let mut seen = HashSet::new();
        for row in &school.rows {
            let upn = Upn::parse(&row[0]).unwrap_or_else(|error| panic!("{}: {error}", row[0]));
            assert!(seen.insert(upn), "duplicate UPN {}", row[0]);
        }
    }
}

#[test]
fn year_groups_birthdays_and_classes_fit_the_phase() {
    let school = generate(&spec(1_200, Phase::Secondary, 3));
    let (year, birth, class) = (
        column(&school, "Year Group"),
        column(&school, "Date of Birth"),
        column(&school, "Reg Group"),
    );
    for row in &school.rows {
        let year_group = YearGroup::parse(&row[year])
            .ok()
            .flatten()
            .expect("a year group");
        let YearGroup::Year(n) = year_group else {
            panic!("secondary pupil in {year_group}");
        };
        assert!((7..=11).contains(&n));
        let born = NaiveDate::parse_from_str(&row[birth], "%d/%m/%Y").expect("a dd/mm/yyyy date");
        // Year 7 in 2025/26 were born 1 Sept 2013 – 31 Aug 2014.
        let first = NaiveDate::from_ymd_opt(2020 - i32::from(n), 9, 1).expect("a date");
        let last = NaiveDate::from_ymd_opt(2021 - i32::from(n), 8, 31).expect("a date");
        assert!(first <= born && born <= last, "{} in Year {n}", row[birth]);
        assert!(row[class].starts_with(&n.to_string()), "{}", row[class]);
    }
    let primary = made_up_school();
    let classes: HashSet<&String> = primary.rows.iter().map(|row| &row[7]).collect();
    assert_eq!(classes.len(), 7, "one class of 30 per year group");
}

#[test]
fn names_are_diverse_and_kept_exactly() {
    let school = generate(&spec(5_000, Phase::Secondary, 2026));
    let surnames: HashSet<&str> = school.rows.iter().map(|row| row[1].as_str()).collect();
    let forenames: HashSet<&str> = school.rows.iter().map(|row| row[2].as_str()).collect();
    assert!(surnames.len() > 300, "{} surnames", surnames.len());
    assert!(forenames.len() > 400, "{} forenames", forenames.len());
    let all: Vec<&str> = surnames.iter().chain(forenames.iter()).copied().collect();
    assert!(all.iter().any(|name| name.contains('\'')), "an apostrophe");
    assert!(all.iter().any(|name| name.contains('-')), "a hyphen");
    assert!(all.iter().any(|name| !name.is_ascii()), "an accent");
    assert!(all.iter().any(|name| name.contains(' ')), "a space");
}

#[test]
fn proportions_are_england_like() {
    for phase in [Phase::Primary, Phase::Secondary] {
        let school = generate(&spec(20_000, phase, 99));
        let check = |what: &str, value: f64, low: f64, high: f64| {
            assert!(
                (low..=high).contains(&value),
                "{phase:?} {what}: {value:.3} not in {low}–{high}"
            );
        };
        check(
            "SEN support",
            share(&school, "SEN Status", |c| c == "K"),
            0.11,
            0.18,
        );
        check(
            "EHC plans",
            share(&school, "SEN Status", |c| c == "E"),
            0.02,
            0.045,
        );
        check(
            "looked after",
            share(&school, "Looked After", |c| c == "Yes"),
            0.005,
            0.02,
        );
        check("EAL", share(&school, "EAL", |c| c == "Y"), 0.16, 0.25);
        check(
            "FSM",
            share(&school, "FSM Eligible", |c| c == "Y"),
            0.2,
            0.3,
        );
        let attendance = |c: &str| c.parse::<f64>().unwrap_or(100.0);
        check(
            "persistent absence",
            share(&school, "Attendance %", |c| attendance(c) <= 90.0),
            0.1,
            0.22,
        );
        check(
            "severe absence",
            share(&school, "Attendance %", |c| attendance(c) <= 50.0),
            0.002,
            0.03,
        );
        let suspended = share(&school, "Suspensions", |c| c != "0");
        match phase {
            Phase::Primary => check("suspended", suspended, 0.001, 0.03),
            _ => check("suspended", suspended, 0.04, 0.14),
        }
        check(
            "moved school",
            share(&school, "School Moves", |c| c != "0"),
            0.08,
            0.25,
        );
    }
}

#[test]
fn sen_goes_with_lower_attainment_and_attendance() {
    let school = generate(&spec(20_000, Phase::Primary, 5));
    let (sen, reading, attendance) = (
        column(&school, "SEN Status"),
        column(&school, "Reading TA"),
        column(&school, "Attendance %"),
    );
    let group = |with_sen: bool| {
        let rows: Vec<&Vec<String>> = school
            .rows
            .iter()
            .filter(|row| (row[sen] != "N") == with_sen && row[reading] != "Expected")
            .filter(|row| row[reading] != "Emerging")
            .collect();
        let low = rows
            .iter()
            .filter(|row| matches!(row[reading].as_str(), "WTS" | "PKF"))
            .count() as f64
            / rows.len() as f64;
        let mean_attendance = rows
            .iter()
            .map(|row| row[attendance].parse::<f64>().unwrap_or(0.0))
            .sum::<f64>()
            / rows.len() as f64;
        (low, mean_attendance)
    };
    let (sen_low, sen_attendance) = group(true);
    let (other_low, other_attendance) = group(false);
    assert!(sen_low > other_low + 0.2, "{sen_low} vs {other_low}");
    assert!(
        sen_attendance < other_attendance - 0.5,
        "{sen_attendance} vs {other_attendance}"
    );
}

#[test]
fn csv_is_excel_shaped() {
    let csv = to_csv(&made_up_school());
    assert!(csv.starts_with("\u{feff}UPN,Legal Surname,"));
    assert!(csv.ends_with("\r\n"));
    assert_eq!(csv.matches("\r\n").count(), 211);
    assert_eq!(csv.matches('\n').count(), 211, "no bare line feeds");
}

#[test]
fn primary_210_csv_and_xlsx_import_with_no_issues() {
    let school = made_up_school();
    let from_csv = import_cleanly(to_csv(&school).as_bytes(), "primary csv", 210);
    let xlsx = generate_school::write_xlsx(&school).expect("an xlsx");
    let from_xlsx = import_cleanly(&xlsx, "primary xlsx", 210);
    assert_eq!(
        from_csv.pupils, from_xlsx.pupils,
        "the same pupils either way"
    );
    let sen_support = from_csv
        .pupils
        .iter()
        .filter(|pupil| pupil.sen_status == Some(SenStatus::SenSupport))
        .count();
    assert!(sen_support > 10, "{sen_support} on SEN support");
}

#[test]
fn secondary_1200_csv_and_xlsx_import_with_no_issues() {
    let school = generate(&spec(1_200, Phase::Secondary, 7));
    let from_csv = import_cleanly(to_csv(&school).as_bytes(), "secondary csv", 1_200);
    let xlsx = generate_school::write_xlsx(&school).expect("an xlsx");
    let from_xlsx = import_cleanly(&xlsx, "secondary xlsx", 1_200);
    assert_eq!(
        from_csv.pupils, from_xlsx.pupils,
        "the same pupils either way"
    );
    let pupil = &from_csv.pupils[0];
    let subjects: Vec<&str> = pupil
        .attainment
        .iter()
        .map(|a| a.subject.as_str())
        .collect();
    assert_eq!(
        subjects.len(),
        3,
        "Reading (KS2), Maths and English: {subjects:?}"
    );
}

#[test]
fn all_through_imports_with_no_issues() {
    let school = generate(&spec(600, Phase::AllThrough, 1));
    import_cleanly(to_csv(&school).as_bytes(), "all-through csv", 600);
}
