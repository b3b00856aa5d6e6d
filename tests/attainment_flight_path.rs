//! Attainment on the flight path (issue 10): Key Stage 3 working-at grades are judged
//! against the grade expected *now* on the way to the end-of-Key-Stage-4 target, so a
//! typical secondary school is not almost all "Low".
//!
//! On `secondary_1200.xlsx`, comparing Year 7 grades straight with GCSE targets made
//! 99.6% of Year 7 low. With the flight path the share must be a believable minority.

use chrono::NaiveDate;
use planner::core::cohort::by_year_group;
use planner::core::drop::DataDrop;
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::MappingMemory;
use planner::core::import::read::{read_file, Limits};
use planner::core::profile::Profile;
use planner::core::scoring::{score_all, AttainmentLevel, ScoringContext};
use planner::core::value::YearGroup;

fn scored_secondary(profile: &Profile) -> Vec<(Option<YearGroup>, (usize, usize, usize))> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/secondary_1200.xlsx"
    );
    let bytes = std::fs::read(path).expect("fixture");
    let raw = read_file(&bytes, &Limits::default()).expect("reads");
    let plan = plan(&raw, &MappingMemory::default()).expect("plans");
    let report = build(&raw, &plan);
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 13).expect("date");
    let drop = DataDrop::new(as_of, "secondary_1200.xlsx", plan, report.pupils);
    let scores = score_all(&drop.pupils, profile, &ScoringContext::for_drop(&drop));
    let no_target = scores
        .iter()
        .filter(|s| s.attainment.overall == AttainmentLevel::NoTarget)
        .count();
    assert_eq!(no_target, 0, "every fixture grade has a target");
    by_year_group(&drop.pupils, &scores)
        .into_iter()
        .map(|(year, summary)| {
            (
                year,
                (
                    summary.attainment_low.count,
                    summary.attainment_high.count,
                    summary.pupils,
                ),
            )
        })
        .collect()
}

#[test]
fn key_stage_3_low_attainers_are_a_minority_on_the_flight_path() {
    let years = scored_secondary(&Profile::universal());
    let year = |n: u8| {
        years
            .iter()
            .find(|(y, _)| *y == Some(YearGroup::Year(n)))
            .map(|(_, counts)| *counts)
            .expect("year group in the fixture")
    };
    let (low, _, pupils) = year(7);
    let share = low * 100 / pupils;
    assert!(
        (10..=40).contains(&share),
        "Year 7: {low} of {pupils} low ({share}%), expected 10–40%"
    );
    for n in [8, 9, 10, 11] {
        let (low, high, pupils) = year(n);
        assert!(low * 100 < pupils * 60, "Year {n}: {low} of {pupils} low");
        assert!(high > 0, "Year {n}: nobody high");
    }
    // The whole school has some high attainers, not 0.4%.
    let (high, pupils): (usize, usize) =
        years.iter().fold((0, 0), |(h, p), (_, (_, high, pupils))| {
            (h + high, p + pupils)
        });
    assert!(high * 100 >= pupils * 5, "{high} of {pupils} high");
}

#[test]
fn with_no_lag_key_stage_3_is_judged_against_the_gcse_target_again() {
    // The same file with the flight path emptied: the old comparison, almost all low.
    let mut flat = Profile::universal();
    flat.attainment.flight_path.clear();
    let years = scored_secondary(&flat);
    let (low, _, pupils) = years
        .iter()
        .find(|(y, _)| *y == Some(YearGroup::Year(7)))
        .map(|(_, counts)| *counts)
        .expect("Year 7");
    assert!(low * 100 > pupils * 90, "{low} of {pupils}");
}
