//! The scorer against the expected results: each generated fixture school is imported
//! through the real importer (bytes → `read_file` → `plan` → `build`), scored with the
//! universal profile as of 13 March 2026 (the fixtures' "today"), and its pupil count,
//! RAG totals, shortlist size, shortlist UPNs in rank order and cut-off points must equal
//! `tests/fixtures/expected/<school>.json` exactly.

use chrono::NaiveDate;
use planner::core::drop::DataDrop;
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::MappingMemory;
use planner::core::import::read::{read_file, Limits};
use planner::core::profile::{Points, Profile};
use planner::core::pupil::Pupil;
use planner::core::scoring::{rag_totals, score_all, shortlist, PupilScore, ScoringContext};
use serde::Deserialize;

/// `tests/fixtures/expected/*.json`.
#[derive(Debug, Deserialize)]
struct Expected {
    pupils: usize,
    rag: ExpectedRag,
    shortlist_size: usize,
    shortlist: Vec<String>,
    cutoff_points: f64,
}

#[derive(Debug, Deserialize)]
struct ExpectedRag {
    green: usize,
    amber: usize,
    red: usize,
}

fn fixture_path(name: &str) -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/").to_string() + name
}

fn read_fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("fixture {path}: {error}"))
}

fn expected(school: &str) -> Expected {
    let bytes = read_fixture(&format!("expected/{school}.json"));
    serde_json::from_slice(&bytes).unwrap_or_else(|error| panic!("expected/{school}.json: {error}"))
}

/// Imports one fixture file and scores it as the planner would.
fn import_and_score(file: &str) -> (Vec<Pupil>, Vec<PupilScore>, Profile) {
    let raw = read_file(&read_fixture(file), &Limits::default())
        .unwrap_or_else(|error| panic!("{file} should read: {error}"));
    let plan = plan(&raw, &MappingMemory::default())
        .unwrap_or_else(|error| panic!("{file} should plan: {error}"));
    let report = build(&raw, &plan);
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 13).expect("13 March 2026 is a date");
    let drop = DataDrop::new(as_of, file, plan, report.pupils);
    let profile = Profile::universal();
    let scores = score_all(&drop.pupils, &profile, &ScoringContext::for_drop(&drop));
    (drop.pupils, scores, profile)
}

/// Imports `file`, scores it, and compares everything with `expected/<school>.json`.
fn check(file: &str, school: &str) {
    let expected = expected(school);
    let (pupils, scores, profile) = import_and_score(file);

    assert_eq!(pupils.len(), expected.pupils, "{file}: pupils");
    let totals = rag_totals(&scores);
    assert_eq!(
        (totals.green, totals.amber, totals.red),
        (expected.rag.green, expected.rag.amber, expected.rag.red),
        "{file}: RAG totals (green, amber, red)"
    );

    let chosen = shortlist(&pupils, &scores, &profile);
    assert_eq!(
        chosen.len(),
        expected.shortlist_size,
        "{file}: shortlist size"
    );
    let upns: Vec<String> = chosen
        .iter()
        .map(|&i| {
            pupils[i]
                .upn
                .as_ref()
                .map(|upn| upn.as_str().to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        upns, expected.shortlist,
        "{file}: shortlist UPNs in rank order"
    );

    let cutoff = chosen.last().map(|&i| scores[i].overall);
    let expected_cutoff = Points((expected.cutoff_points * 1000.0).round() as i64);
    assert_eq!(cutoff, Some(expected_cutoff), "{file}: cut-off points");
}

#[test]
fn primary_210_csv_matches_expected() {
    check("primary_210.csv", "primary_210");
}

#[test]
fn primary_210_xlsx_matches_expected() {
    check("primary_210.xlsx", "primary_210");
}

#[test]
fn secondary_1200_csv_matches_expected() {
    check("secondary_1200.csv", "secondary_1200");
}

#[test]
fn secondary_1200_xlsx_matches_expected() {
    check("secondary_1200.xlsx", "secondary_1200");
}

/// Every pupil's overall indicator is the same whichever format the school saved in.
#[test]
fn csv_and_xlsx_score_identically() {
    for school in ["primary_210", "secondary_1200"] {
        let (_, from_csv, _) = import_and_score(&format!("{school}.csv"));
        let (_, from_xlsx, _) = import_and_score(&format!("{school}.xlsx"));
        let overall = |scores: &[PupilScore]| scores.iter().map(|s| s.overall).collect::<Vec<_>>();
        assert_eq!(overall(&from_csv), overall(&from_xlsx), "{school}");
    }
}
