//! Similar schools picked at the rules' boundaries, and the comparison's warnings.

use super::{date, figures_of, import, oakfield, spec, MadeUpPhase};
use planner::core::drop::{AcademicYear, Term};
use planner::core::figures::compare::{
    phase_of, phase_of_years, Benchmarking, Indicator, Reading, Warning,
};
use planner::core::figures::document::{parse, to_json};
use planner::core::figures::{
    Figure, FigureRow, FigureSet, Measure, ProfileStamp, RowGroup, SchoolDetails, SchoolFigures,
    SetKind, MEASURES,
};
use planner::core::profile::Profile;
use planner::core::school::SchoolPhase;
use planner::core::scoring::{score_all, ScoringContext};
use planner::core::synthetic::{generate, made_up_school};
use planner::core::tracking::trends::StandardGroup;
use planner::core::value::{Percent, YearGroup};

use Figure::{FewerThanFive as Small, Number as N};

// ---------------------------------------------------------------------------------------
// Similar schools and the comparison
// ---------------------------------------------------------------------------------------

fn figure_row(group: RowGroup, figures: &[(Measure, Figure)]) -> FigureRow {
    let mut all = [N(0); MEASURES];
    for &(measure, figure) in figures {
        all[measure.index()] = figure;
    }
    FigureRow {
        group,
        figures: all,
    }
}

/// A school's figures with what similarity is judged by, and red pupils.
fn school(
    name: &str,
    years: &[YearGroup],
    pupils: u64,
    disadvantaged: Figure,
    red: Figure,
) -> FigureSet {
    let mut rows = vec![figure_row(
        RowGroup::WholeSchool,
        &[(Measure::Pupils, N(pupils)), (Measure::Red, red)],
    )];
    for &year in years {
        rows.push(figure_row(
            RowGroup::YearGroup(Some(year)),
            &[(Measure::Pupils, N(pupils / years.len() as u64))],
        ));
    }
    rows.push(figure_row(
        RowGroup::Standard(StandardGroup::Disadvantaged),
        &[(Measure::Pupils, disadvantaged)],
    ));
    FigureSet {
        kind: SetKind::School,
        details: SchoolDetails {
            school_name: Some(name.to_string()),
            urn: Some(format!("URN {name}")),
            local_authority: None,
        },
        rows,
    }
}

fn primary_years() -> Vec<YearGroup> {
    let mut years = vec![YearGroup::Reception];
    years.extend((1..=6).map(YearGroup::Year));
    years
}

fn secondary_years() -> Vec<YearGroup> {
    (7..=11).map(YearGroup::Year).collect()
}

fn file(profile: &ProfileStamp, term: Term, sets: Vec<FigureSet>) -> SchoolFigures {
    SchoolFigures {
        planner_version: Some("0.1.0".to_string()),
        profile: profile.clone(),
        term,
        academic_year: AcademicYear { start_year: 2025 },
        sets,
    }
}

#[test]
fn similar_schools_are_picked_by_phase_size_and_share_disadvantaged_at_their_boundaries() {
    let primary = primary_years();
    let profile = ProfileStamp::of(&Profile::universal());
    // This school: primary, 200 pupils, 60 disadvantaged (30%), red 20 (10%).
    let this = school("This", &primary, 200, N(60), N(20));
    let candidates = vec![
        // Size: 150 and 250 are exactly 25% either way; 149 and 251 are past it.
        (school("150", &primary, 150, N(45), N(30)), true),
        (school("250", &primary, 250, N(75), N(50)), true),
        (school("149", &primary, 149, N(45), N(30)), false),
        (school("251", &primary, 251, N(75), N(50)), false),
        // Share disadvantaged: 20% and 40% are exactly 10 points either way.
        (school("20%", &primary, 200, N(40), N(10)), true),
        (school("40%", &primary, 200, N(80), Small), true),
        (school("19.5%", &primary, 200, N(39), N(30)), false),
        (school("40.5%", &primary, 200, N(81), N(30)), false),
        // Phase: the same size and share, but secondary, or all-through.
        (
            school("Secondary", &secondary_years(), 200, N(60), N(30)),
            false,
        ),
        (
            school(
                "All-through",
                &[primary.clone(), secondary_years()].concat(),
                200,
                N(60),
                N(30),
            ),
            false,
        ),
        // Disadvantaged hidden: cannot be judged.
        (school("Hidden", &primary, 200, Small, N(30)), false),
    ];
    let expected: Vec<String> = candidates
        .iter()
        .filter(|(_, similar)| *similar)
        .map(|(set, _)| set.describe())
        .collect();
    let mut sets: Vec<FigureSet> = candidates.into_iter().map(|(set, _)| set).collect();
    // This school itself, in another file: never its own similar school.
    let mut itself = this.clone();
    itself.details.school_name = Some("This school, loaded".to_string());
    sets.push(itself);
    let mut local_authority = school("Tameside", &primary, 5_000, N(1_500), N(600));
    local_authority.kind = SetKind::LocalAuthority;
    local_authority.details.local_authority = Some("Tameside".to_string());
    sets.push(local_authority);
    let loaded = vec![file(&profile, Term::Spring, sets)];

    let benchmarking = Benchmarking {
        this: &this,
        profile: &profile,
        term: Term::Spring,
        academic_year: AcademicYear { start_year: 2025 },
        loaded: &loaded,
    };
    let benchmark = benchmarking.compare(RowGroup::WholeSchool);
    let picked: Vec<String> = benchmark.similar.iter().map(|s| s.name.clone()).collect();
    assert_eq!(picked, expected);
    assert_eq!(phase_of(&this), Some(SchoolPhase::Primary));
    // The phase at its edges: Year 6 is primary, Year 7 secondary, both all-through.
    let years = |list: &[YearGroup]| phase_of_years(list.iter().copied());
    assert_eq!(
        years(&[YearGroup::N1, YearGroup::Year(6)]),
        Some(SchoolPhase::Primary)
    );
    assert_eq!(
        years(&[YearGroup::Year(7), YearGroup::Year(13)]),
        Some(SchoolPhase::Secondary)
    );
    assert_eq!(
        years(&[YearGroup::Year(6), YearGroup::Year(7)]),
        Some(SchoolPhase::AllThrough)
    );
    assert_eq!(years(&[]), None);
    assert_eq!(benchmark.local_authority.as_deref(), Some("Tameside"));
    assert_eq!(benchmark.warnings, vec![]);

    let red = benchmark
        .rows
        .iter()
        .find(|row| row.indicator == Indicator::Red)
        .expect("a red row");
    assert_eq!(
        red.this_school,
        Reading::Value(Percent::from_hundredths(1000))
    );
    // The LA: 600 of 5,000 = 12%.
    assert_eq!(
        red.local_authority,
        Reading::Value(Percent::from_hundredths(1200))
    );
    // Similar schools' red shares: 30/150 = 20%, 50/250 = 20%, 10/200 = 5%, and "<5"
    // (hidden, left out). Median of 5%, 20%, 20% is 20%.
    assert_eq!(
        red.similar_median,
        Reading::Value(Percent::from_hundredths(2000))
    );
    assert_eq!((red.similar_shown, red.similar_suppressed), (3, 1));
    assert!(red.has_suppressed());
    assert_eq!(benchmark.rows.len(), Indicator::ALL.len());
}

#[test]
fn figures_of_another_profile_or_term_are_compared_only_with_a_warning() {
    let (_, this_figures) = figures_of(&made_up_school(), oakfield());
    let mut other_profile = Profile::universal();
    other_profile.version = "2.0".to_string();
    let other_school = generate(&spec(31, 220, MadeUpPhase::Primary, "Cedar Primary"));
    let drop = import(&other_school, date(2025, 12, 12));
    let scores = score_all(
        &drop.pupils,
        &other_profile,
        &ScoringContext::for_drop(&drop),
    );
    let details = SchoolDetails {
        school_name: Some("Cedar Primary".to_string()),
        ..SchoolDetails::default()
    };
    let other = SchoolFigures::of_drop(&drop, &scores, &other_profile, details);
    // Loaded from its file, as the app would.
    let loaded = vec![parse(&to_json(&other)).expect("loads")];
    let benchmarking = Benchmarking::for_school(&this_figures, &loaded).expect("a set");
    let benchmark = benchmarking.compare(RowGroup::WholeSchool);
    assert_eq!(benchmark.warnings.len(), 2, "{:?}", benchmark.warnings);
    let Warning::ProfileDiffers { theirs, ours, .. } = &benchmark.warnings[0] else {
        panic!("the profile warning comes first");
    };
    assert_eq!(
        (theirs.version.as_str(), ours.version.as_str()),
        ("2.0", "1.0")
    );
    let text = benchmark.warnings[0].to_string();
    assert!(
        text.starts_with("Cedar Primary: worked out with the scoring profile"),
        "{text}"
    );
    assert!(matches!(
        benchmark.warnings[1],
        Warning::PeriodDiffers { .. }
    ));
    assert!(benchmark.warnings[1]
        .to_string()
        .contains("figures for Autumn 2025/26, this school's for Spring 2025/26"));
    // The comparison is still made, row by row.
    assert_eq!(benchmark.rows.len(), Indicator::ALL.len());
    assert!(matches!(benchmark.rows[0].this_school, Reading::Value(_)));
}
