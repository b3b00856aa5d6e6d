//! The made-up local authority's file (`planner::core::synthetic::generate_la`, issue 16):
//! deterministic, distinct URNs, names and DfE numbers, a mix of phases and sizes with
//! small schools, a few rows with no school given, and every row imported through the
//! real importer with its school's URN, name and DfE number; then the **Schools** table of
//! that import checked against figures worked out from the file's own cells.

use chrono::NaiveDate;
use planner::core::drop::DataDrop;
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::{Field, MappingMemory};
use planner::core::import::read::{read_file, Limits};
use planner::core::profile::Profile;
use planner::core::school::SchoolPhase;
use planner::core::schools::{schools, SchoolColumn, SchoolKey};
use planner::core::scoring::{score_all, shortlist, ScoringContext};
use planner::core::synthetic::{generate_la, to_csv, LaFile, LaSpec, Phase, SCHOOL_HEADINGS};
use planner::core::value::Percent;
use std::collections::{HashMap, HashSet};

fn spec(schools: usize, seed: u64) -> LaSpec {
    LaSpec {
        seed,
        schools,
        as_of: NaiveDate::from_ymd_opt(2026, 3, 13).expect("a date"),
        name: "Made-up Borough Council".to_string(),
    }
}

/// Rows per URN, counted from the file's own cells; blank URNs under "".
fn rows_per_urn(la: &LaFile) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for row in &la.file.rows {
        *counts.entry(row[0].clone()).or_insert(0) += 1;
    }
    counts
}

#[test]
fn the_same_seed_gives_the_same_file_and_another_seed_another() {
    let a = generate_la(&spec(12, 7));
    assert_eq!(a, generate_la(&spec(12, 7)));
    assert_eq!(to_csv(&a.file), to_csv(&generate_la(&spec(12, 7)).file));
    assert_ne!(a.file.rows, generate_la(&spec(12, 8)).file.rows);
}

#[test]
fn schools_have_distinct_urns_names_and_dfe_numbers_in_their_shapes() {
    let la = generate_la(&spec(60, 2026));
    assert_eq!(la.schools.len(), 60);
    let urns: HashSet<&str> = la.schools.iter().map(|s| s.urn.as_str()).collect();
    let names: HashSet<&str> = la.schools.iter().map(|s| s.name.as_str()).collect();
    let numbers: HashSet<&str> = la.schools.iter().map(|s| s.dfe_number.as_str()).collect();
    assert_eq!((urns.len(), names.len(), numbers.len()), (60, 60, 60));
    let la_codes: HashSet<&str> = la.schools.iter().map(|s| &s.dfe_number[..3]).collect();
    assert_eq!(la_codes.len(), 1, "one local authority");
    for school in &la.schools {
        assert!(
            school.urn.len() == 6 && school.urn.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            school.urn
        );
        let (code, number) = school.dfe_number.split_once('/').expect("123/4567");
        assert_eq!((code.len(), number.len()), (3, 4), "{}", school.dfe_number);
        let number: u32 = number.parse().expect("digits");
        match school.phase {
            Phase::Primary => assert!((2000..=3999).contains(&number)),
            Phase::Secondary | Phase::AllThrough => assert!((4000..=4999).contains(&number)),
        }
    }
    assert_eq!(
        &la.file.headings[..3],
        &SCHOOL_HEADINGS.map(str::to_string)[..]
    );
}

#[test]
fn a_mix_of_phases_and_sizes_with_small_schools_and_rows_with_no_school() {
    let la = generate_la(&spec(50, 2026));
    let phases = |phase| la.schools.iter().filter(|s| s.phase == phase).count();
    assert!(phases(Phase::Primary) >= 30, "{}", la.summary());
    assert!(phases(Phase::Secondary) >= 2, "{}", la.summary());
    assert_eq!(phases(Phase::AllThrough), 1);
    let small = la.schools.iter().filter(|s| s.pupils < 30).count();
    assert!(small >= 5, "{small} small schools");
    let sizes: HashSet<usize> = la.schools.iter().map(|s| s.pupils).collect();
    assert!(sizes.len() >= 40, "sizes vary");

    // The file's own cells agree with what the generator says it made.
    let counts = rows_per_urn(&la);
    assert_eq!(la.without_school, 5, "3 and one more per 25 schools");
    assert_eq!(counts.get(""), Some(&la.without_school));
    for school in &la.schools {
        assert_eq!(
            counts.get(&school.urn),
            Some(&school.pupils),
            "{}",
            school.name
        );
    }
    let blank = la.file.rows.iter().filter(|row| row[0].is_empty());
    for row in blank {
        assert!(row[..3].iter().all(String::is_empty), "no school at all");
        assert!(!row[3].is_empty(), "but still a pupil with a UPN");
    }
    assert_eq!(
        la.schools.iter().map(|s| s.pupils).sum::<usize>() + la.without_school,
        la.file.rows.len()
    );
    assert!(la.summary().contains("50 schools"), "{}", la.summary());
}

#[test]
fn every_row_imports_with_its_school_and_no_issue() {
    let la = generate_la(&spec(20, 11));
    let bytes = to_csv(&la.file).into_bytes();
    let workbook = read_file(&bytes, &Limits::default()).expect("reads");
    let plan = plan(&workbook, &MappingMemory::default()).expect("plans");
    assert_eq!(
        &plan.mapping.columns[..3],
        &[Field::SchoolId, Field::SchoolName, Field::DfeNumber]
    );
    let unmapped: Vec<&String> = plan
        .headings
        .iter()
        .zip(&plan.mapping.columns)
        .filter(|(_, field)| **field == Field::Ignore)
        .map(|(heading, _)| heading)
        .collect();
    assert!(unmapped.is_empty(), "unrecognised {unmapped:?}");
    let report = build(&workbook, &plan);
    assert_eq!(report.issues, vec![]);
    assert_eq!(report.imported(), la.file.rows.len());
    let upns: HashSet<_> = report.pupils.iter().filter_map(|p| p.upn.clone()).collect();
    assert_eq!(upns.len(), la.file.rows.len(), "UPNs unique across schools");
    for (pupil, row) in report.pupils.iter().zip(&la.file.rows) {
        let given = |text: &String| (!text.is_empty()).then(|| text.clone());
        assert_eq!(pupil.school_id, given(&row[0]));
        assert_eq!(pupil.school_name, given(&row[1]));
        assert_eq!(pupil.dfe_number, given(&row[2]));
        assert!(pupil.extra.is_empty(), "nothing left over");
    }
}

/// The file's column `heading`.
fn at(la: &LaFile, heading: &str) -> usize {
    la.file
        .headings
        .iter()
        .position(|h| h == heading)
        .unwrap_or_else(|| panic!("no {heading}"))
}

#[test]
fn the_schools_table_of_the_file_matches_its_own_cells() {
    let la = generate_la(&spec(30, 5));
    let bytes = to_csv(&la.file).into_bytes();
    let workbook = read_file(&bytes, &Limits::default()).expect("reads");
    let plan = plan(&workbook, &MappingMemory::default()).expect("plans");
    let pupils = build(&workbook, &plan).pupils;
    let drop = DataDrop::new(spec(30, 5).as_of, "la.csv", plan, pupils);
    let profile = Profile::universal();
    let scores = score_all(&drop.pupils, &profile, &ScoringContext::for_drop(&drop));
    let on_shortlist = shortlist(&drop.pupils, &scores, &profile);
    let rows = schools(&drop, &scores, &on_shortlist);

    // A row per school, in file order, then "No school given".
    assert_eq!(rows.len(), la.schools.len() + 1);
    let last = rows.last().expect("rows");
    assert_eq!(last.key, SchoolKey::NotGiven);
    assert_eq!(last.pupils(), la.without_school);
    assert_eq!(
        rows.iter().map(|row| row.shortlisted).sum::<usize>(),
        on_shortlist.len()
    );

    let (attendance, suspensions) = (at(&la, "Attendance %"), at(&la, "Suspensions"));
    for (row, school) in rows.iter().zip(&la.schools) {
        assert_eq!(row.urn.as_deref(), Some(school.urn.as_str()));
        assert_eq!(row.name.as_deref(), Some(school.name.as_str()));
        assert_eq!(row.dfe_number.as_deref(), Some(school.dfe_number.as_str()));
        assert_eq!(row.pupils(), school.pupils, "{}", school.name);
        let phase = match school.phase {
            Phase::Primary => SchoolPhase::Primary,
            Phase::Secondary => SchoolPhase::Secondary,
            Phase::AllThrough => SchoolPhase::AllThrough,
        };
        assert_eq!(row.phase, Some(phase), "{}", school.name);

        // From the file's cells: attendance written to one decimal, in hundredths, the
        // mean rounded half up; suspended when the count is 1 or more.
        let cells: Vec<&Vec<String>> = la
            .file
            .rows
            .iter()
            .filter(|cells| cells[0] == school.urn)
            .collect();
        let hundredths: Vec<u64> = cells
            .iter()
            .map(|cells| {
                let (whole, tenth) = cells[attendance].split_once('.').expect("one decimal");
                whole.parse::<u64>().expect("whole") * 100
                    + tenth.parse::<u64>().expect("tenth") * 10
            })
            .collect();
        let n = hundredths.len() as u64;
        let mean = (2 * hundredths.iter().sum::<u64>() + n) / (2 * n);
        assert_eq!(
            row.counts.mean_attendance,
            Some(Percent::from_hundredths(mean as u32)),
            "{}",
            school.name
        );
        let suspended = cells
            .iter()
            .filter(|cells| cells[suspensions].parse::<u32>().expect("a count") >= 1)
            .count();
        assert_eq!(row.counts.suspended, suspended, "{}", school.name);
        assert_eq!(
            SchoolColumn::Pupils.text(row),
            school.pupils.to_string(),
            "{}",
            school.name
        );
    }
}
