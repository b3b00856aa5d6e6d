use super::*;
use crate::core::figures::document::to_json;
use crate::core::figures::{Figure, FigureRow, Measure, SchoolDetails as SetDetails, MEASURES};
use crate::core::school::SchoolPhase;
use crate::core::tracking::trends::StandardGroup;
use crate::core::value::YearGroup;

const N: fn(u64) -> Figure = Figure::Number;

fn row(group: RowGroup, figures: &[(Measure, Figure)]) -> FigureRow {
    let mut all = [Figure::Number(0); MEASURES];
    for &(measure, figure) in figures {
        all[measure.index()] = figure;
    }
    FigureRow {
        group,
        figures: all,
    }
}

/// A school of `pupils` (years `years`, each with some) with `disadvantaged` pupils and
/// `red` of them red.
fn school(
    name: &str,
    urn: &str,
    years: &[u8],
    pupils: u64,
    disadvantaged: Figure,
    red: Figure,
) -> FigureSet {
    let mut rows = vec![row(
        RowGroup::WholeSchool,
        &[(Measure::Pupils, N(pupils)), (Measure::Red, red)],
    )];
    for &year in years {
        rows.push(row(
            RowGroup::YearGroup(Some(YearGroup::Year(year))),
            &[(Measure::Pupils, N(10))],
        ));
    }
    rows.push(row(
        RowGroup::Standard(StandardGroup::Disadvantaged),
        &[(Measure::Pupils, disadvantaged)],
    ));
    FigureSet {
        kind: SetKind::School,
        details: SetDetails {
            school_name: Some(name.to_string()),
            urn: Some(urn.to_string()),
            local_authority: Some("Tameside".to_string()),
        },
        rows,
    }
}

fn primary(name: &str, urn: &str, pupils: u64, disadvantaged: u64, red: Figure) -> FigureSet {
    school(
        name,
        urn,
        &[1, 2, 3, 4, 5, 6],
        pupils,
        N(disadvantaged),
        red,
    )
}

fn universal() -> ProfileStamp {
    ProfileStamp {
        name: "Universal profile".into(),
        version: "1.0".into(),
        changed_locally: false,
    }
}

fn file(sets: Vec<FigureSet>) -> SchoolFigures {
    SchoolFigures {
        planner_version: Some("0.1.0".into()),
        profile: universal(),
        term: Term::Spring,
        academic_year: AcademicYear { start_year: 2025 },
        sets,
    }
}

fn loaded(name: &str, figures: SchoolFigures) -> LoadedFile {
    LoadedFile {
        name: name.into(),
        figures,
    }
}

/// Oakfield: 200 primary pupils, 60 disadvantaged (30%), 20 red (10%).
fn oakfield() -> ThisSchool {
    ThisSchool {
        set: primary("Oakfield Primary", "100001", 200, 60, N(20)),
        profile: universal(),
        term: Term::Spring,
        academic_year: AcademicYear { start_year: 2025 },
    }
}

fn authority(red: u64, pupils: u64) -> SchoolFigures {
    let mut set = primary("Tameside", "", pupils, 300, N(red));
    set.kind = SetKind::LocalAuthority;
    set.details = SetDetails {
        school_name: None,
        urn: None,
        local_authority: Some("Tameside".into()),
    };
    file(vec![set])
}

#[test]
fn figures_files_load_in_order_and_a_file_that_is_not_one_changes_nothing() {
    let first = file(vec![primary("Ash", "100002", 210, 63, N(21))]);
    let second = authority(150, 1000);
    let chosen = vec![
        ("Ash.json".to_string(), Some(to_json(&first))),
        ("Tameside.json".to_string(), Some(to_json(&second))),
    ];
    let all = load(&[], &chosen).expect("both load");
    assert_eq!(
        all.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["Ash.json", "Tameside.json"]
    );
    assert_eq!(all[0].figures.sets, first.sets);

    // A pupil spreadsheet renamed .json, beside a good file: neither is loaded.
    let third = file(vec![primary("Birch", "100003", 190, 50, N(19))]);
    let problems = load(
        &all,
        &[
            ("Birch.json".to_string(), Some(to_json(&third))),
            (
                "pupils.json".to_string(),
                Some("UPN,Surname\nA123,Smith\n".to_string()),
            ),
            ("broken.json".to_string(), None),
        ],
    )
    .expect_err("refused");
    assert_eq!(problems.len(), 2);
    assert_eq!(
        problems[0].to_string(),
        format!("“pupils.json” was not loaded. {}", FiguresError::NotJson)
    );
    assert!(problems[1]
        .to_string()
        .starts_with("“broken.json” could not be read."));

    // A file holding pupils is refused by name, whatever else it holds.
    let mut with_pupils: serde_json::Value = serde_json::from_str(&to_json(&third)).expect("json");
    with_pupils["sets"][0]["rows"][0]["UPN"] = serde_json::json!("A123");
    let problems =
        load(&all, &[("leak.json".into(), Some(with_pupils.to_string()))]).expect_err("refused");
    assert!(matches!(
        &problems[0],
        LoadProblem::Refused { file, why: FiguresError::PupilDetails { .. } } if file == "leak.json"
    ));

    // The same figures again, under another name or chosen twice, are not loaded twice.
    let again = load(&all, &[("Ash (1).json".into(), Some(to_json(&first)))]).expect_err("twice");
    assert_eq!(
        again,
        [LoadProblem::AlreadyLoaded {
            file: "Ash (1).json".into()
        }]
    );
    let twice = load(
        &[],
        &[
            ("a.json".into(), Some(to_json(&third))),
            ("b.json".into(), Some(to_json(&third))),
        ],
    )
    .expect_err("twice");
    assert_eq!(twice.len(), 1);
}

#[test]
fn the_comparison_shows_this_school_the_la_and_the_median_of_similar_schools() {
    let schools = file(vec![
        // Similar: 210 pupils (150 to 250), 30% disadvantaged; 21 red is 10%.
        primary("Ash", "100002", 210, 63, N(21)),
        // Similar, its red hidden: left out of the median, never compared.
        primary("Birch", "100003", 190, 57, Figure::FewerThanFive),
        // Similar: 160 pupils, 40 disadvantaged (25%); 24 red is 15%.
        primary("Cedar", "100004", 160, 40, N(24)),
        // Not similar, each for its own reason.
        school("Dale High", "100005", &[7, 8, 9, 10, 11], 200, N(60), N(20)),
        primary("Elm", "100006", 300, 90, N(30)),
        primary("Fir", "100007", 200, 120, N(20)),
        school(
            "Gorse",
            "100008",
            &[1, 2],
            200,
            Figure::FewerThanFive,
            N(20),
        ),
        // This school's own figures, loaded by mistake.
        primary("Oakfield Primary", "100001", 200, 60, N(20)),
    ]);
    let files = vec![
        loaded("Tameside.json", authority(150, 1000)),
        loaded("Schools.json", schools),
    ];
    let comparison = oakfield().compare(&files, RowGroup::WholeSchool);
    assert_eq!(
        comparison.columns,
        [
            "This school",
            "Local authority (Tameside)",
            "Similar schools (median)"
        ]
    );
    let red = &comparison.rows[0];
    assert_eq!(red.label, "% red");
    let texts: Vec<&str> = red.cells.iter().map(|cell| cell.text.as_str()).collect();
    // This school 20 of 200; the LA 150 of 1,000; similar: the median of 10% and 15%.
    assert_eq!(texts, ["10%", "15%", "12.5%"]);
    assert_eq!(
        red.cells[2].note.as_deref(),
        Some("median of 2 schools; 1 school's figure suppressed, left out")
    );
    assert_eq!(red.scale, Percent::from_hundredths(1500));
    assert_eq!(
        red.summary,
        "% red: this school 10%, local authority 15%, similar schools 12.5%"
    );

    let similar = &comparison.similar;
    assert_eq!(similar.picked, ["Ash", "Birch", "Cedar"]);
    assert_eq!(
        similar.sentence,
        "3 of the 8 schools loaded are similar to this one."
    );
    assert_eq!(
        similar.rule.as_deref(),
        Some(
            "Similar means the same phase (primary), 150 to 250 pupils and 20% to 40% \
             disadvantaged (this school: 200 pupils, 30% disadvantaged)."
        )
    );
    let why: Vec<(&str, &str)> = similar
        .left_out
        .iter()
        .map(|(name, why)| (name.as_str(), why.as_str()))
        .collect();
    assert_eq!(
        why,
        [
            ("Dale High", "secondary, not primary"),
            ("Elm", "300 pupils, more than 250"),
            ("Fir", "60% disadvantaged, outside 20% to 40%"),
            (
                "Gorse",
                "its phase, pupils or disadvantaged pupils are not shown (suppressed or missing), \
                 so it cannot be judged"
            ),
            ("Oakfield Primary", "these are this school's own figures"),
        ]
    );
    assert_eq!(comparison.files[0].holds, "Tameside (local authority)");
    assert_eq!(comparison.files[1].holds, "8 schools' figures");
    assert!(comparison.files.iter().all(|f| f.warnings.is_empty()));
    assert!(comparison.warnings.is_empty());
}

#[test]
fn a_hidden_figure_is_never_compared_and_gets_no_bar() {
    let files = vec![loaded(
        "Birch.json",
        file(vec![primary("Birch", "100003", 190, 57, Figure::Withheld)]),
    )];
    let comparison = oakfield().compare(&files, RowGroup::WholeSchool);
    // No local authority loaded: no column for it.
    assert_eq!(
        comparison.columns,
        ["This school", "Similar schools (median)"]
    );
    let red = &comparison.rows[0];
    assert_eq!(red.cells[1].text, SUPPRESSED);
    assert_eq!(red.cells[1].reading, Reading::Suppressed);
    assert_eq!(
        red.bars.iter().map(|bar| bar.value).collect::<Vec<_>>(),
        [Some(Percent::from_hundredths(1000)), None]
    );
    assert_eq!(red.bars[1].text, "<5 (suppressed)");
    assert_eq!(
        comparison.similar.sentence,
        "The 1 school loaded is similar to this one."
    );
}

#[test]
fn another_profile_or_term_is_compared_only_with_a_warning_beside_its_file() {
    let mut other = file(vec![primary("Ash", "100002", 210, 63, N(21))]);
    other.profile.version = "2.0".into();
    other.term = Term::Autumn;
    let comparison = oakfield().compare(&[loaded("Ash.json", other)], RowGroup::WholeSchool);
    let warnings = &comparison.files[0].warnings;
    assert_eq!(warnings.len(), 2);
    assert!(
        warnings[0].starts_with(
            "Compared with a warning: Ash: worked out with the scoring profile “Universal profile” version 2.0, not this school's “Universal profile” version 1.0."
        ),
        "{warnings:?}"
    );
    assert!(
        warnings[1].contains("figures for Autumn 2025/26"),
        "{warnings:?}"
    );
    // Still compared.
    assert_eq!(comparison.rows[0].cells[1].text, "10%");
    assert_eq!(comparison.files[0].period, "Autumn 2025/26");
    assert_eq!(
        comparison.files[0].profile,
        "“Universal profile” version 2.0"
    );
}

#[test]
fn with_nothing_loaded_there_is_nothing_to_compare_with() {
    let comparison = oakfield().compare(&[], RowGroup::WholeSchool);
    assert_eq!(
        comparison.similar.sentence,
        "No other school's figures are loaded yet, so there are no similar schools to compare with."
    );
    assert!(comparison
        .rows
        .iter()
        .all(|row| row.cells[1].reading == Reading::NotAvailable));
    assert_eq!(oakfield().groups()[0], RowGroup::WholeSchool);
    assert_eq!(
        *oakfield().groups().last().expect("a group"),
        RowGroup::Standard(StandardGroup::Disadvantaged)
    );
}

#[test]
fn the_differences_said_are_exactly_what_makes_a_school_not_similar() {
    let this = SchoolShape {
        phase: SchoolPhase::Primary,
        pupils: 200,
        disadvantaged: 60,
    };
    for phase in [SchoolPhase::Primary, SchoolPhase::Secondary] {
        for pupils in [1, 149, 150, 151, 200, 249, 250, 251, 400] {
            for disadvantaged in 0..=pupils.min(200) {
                let other = SchoolShape {
                    phase,
                    pupils,
                    disadvantaged,
                };
                assert_eq!(
                    differences(&this, &other).is_empty(),
                    this.is_similar(&other),
                    "{other:?}"
                );
            }
        }
    }
}
