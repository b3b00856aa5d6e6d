//! The made-up local authority's file (`planner::core::synthetic::generate_la`, issue 16):
//! deterministic, distinct URNs, names and DfE numbers, a mix of phases and sizes with
//! small schools, a few rows with no school given, and every row imported through the
//! real importer with its school's URN, name and DfE number.

use chrono::NaiveDate;
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::{Field, MappingMemory};
use planner::core::import::read::{read_file, Limits};
use planner::core::synthetic::{generate_la, to_csv, LaFile, LaSpec, Phase, SCHOOL_HEADINGS};
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
