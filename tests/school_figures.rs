//! School figures (issue 16, must-show 1): suppression on crafted tables, the figures file
//! of a made-up school holding no pupil, export → load giving the same figures, the
//! refusals, and similar schools picked at the rules' boundaries.
//!
//! Expected figures are worked out here from the generated spreadsheet's own cells, never
//! by calling the code under test.

#[path = "school_figures/benchmarks.rs"]
mod benchmarks;
#[path = "school_figures/refusals.rs"]
mod refusals;
#[path = "school_figures/suppression.rs"]
mod suppression;

use chrono::NaiveDate;
use planner::core::drop::{AcademicYear, DataDrop, Term};
use planner::core::figures::aggregate::CountedSet;
use planner::core::figures::document::{parse, to_json};
use planner::core::figures::{
    Figure, FigureRow, FigureSet, Measure, ProfileStamp, RowGroup, SchoolDetails, SchoolFigures,
    SetKind,
};
use planner::core::import::build::{build, plan};
use planner::core::import::mapping::MappingMemory;
use planner::core::import::read::{read_file, Limits};
use planner::core::profile::Profile;
use planner::core::scoring::{score_all, Factor, ScoringContext};
use planner::core::synthetic::{
    generate, made_up_school, to_csv, Phase as MadeUpPhase, SchoolSpec, SyntheticSchool,
};
use planner::core::tracking::trends::StandardGroup;
use planner::core::value::YearGroup;
use std::collections::BTreeMap;

use Figure::{FewerThanFive as Small, Number as N, Withheld as W};

// ---------------------------------------------------------------------------------------
// The made-up school through the real importer
// ---------------------------------------------------------------------------------------

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn spec(seed: u64, pupils: usize, phase: MadeUpPhase, name: &str) -> SchoolSpec {
    SchoolSpec {
        seed,
        pupils,
        phase,
        as_of: date(2026, 3, 13),
        name: name.to_string(),
    }
}

/// Imports the school's CSV through the real pipeline, as the app does.
fn import(school: &SyntheticSchool, as_of: NaiveDate) -> DataDrop {
    let csv = to_csv(school);
    let raw = read_file(csv.as_bytes(), &Limits::default()).expect("the CSV reads");
    let plan = plan(&raw, &MappingMemory::default()).expect("the CSV plans");
    let report = build(&raw, &plan);
    assert_eq!(report.pupils.len(), school.rows.len());
    DataDrop::new(as_of, format!("{}.csv", school.name), plan, report.pupils)
}

fn figures_of(school: &SyntheticSchool, details: SchoolDetails) -> (DataDrop, SchoolFigures) {
    let drop = import(school, date(2026, 3, 13));
    let profile = Profile::universal();
    let scores = score_all(&drop.pupils, &profile, &ScoringContext::for_drop(&drop));
    let figures = SchoolFigures::of_drop(&drop, &scores, &profile, details);
    (drop, figures)
}

fn oakfield() -> SchoolDetails {
    SchoolDetails {
        school_name: Some("Oakfield Primary (made-up)".to_string()),
        urn: Some("100001".to_string()),
        local_authority: None,
    }
}

/// A cell reader for one generated school.
struct Cells<'a>(&'a SyntheticSchool);

impl Cells<'_> {
    fn at(&self, heading: &str) -> usize {
        self.0
            .headings
            .iter()
            .position(|h| h == heading)
            .unwrap_or_else(|| panic!("no {heading} column"))
    }

    /// Pupils whose cells pass `test` (given the cell under a heading).
    fn count(&self, test: impl Fn(&dyn Fn(&str) -> String) -> bool) -> u64 {
        self.0
            .rows
            .iter()
            .filter(|row| test(&|heading: &str| row[self.at(heading)].clone()))
            .count() as u64
    }
}

/// Whether what is shown agrees with the true count: the count itself, "<5" for 1 to 4,
/// or withheld (never for a 0).
fn agrees(figure: Figure, count: u64) -> bool {
    match figure {
        N(shown) => shown == count,
        Small => (1..=4).contains(&count),
        W => count > 0,
        Figure::Blank => false,
    }
}

fn row(set: &FigureSet, group: RowGroup) -> &FigureRow {
    set.row(group)
        .unwrap_or_else(|| panic!("no row for {}", group.label()))
}

fn hundredths(cell: &str) -> u64 {
    let (whole, part) = cell.split_once('.').unwrap_or((cell, "0"));
    let part = format!("{part:0<2}");
    whole.parse::<u64>().expect("whole") * 100 + part[..2].parse::<u64>().expect("part")
}

#[test]
fn the_made_up_schools_figures_are_its_own_cells_counted() {
    let school = made_up_school();
    let (drop, figures) = figures_of(&school, oakfield());
    let cells = Cells(&school);
    assert_eq!(figures.term, Term::Spring);
    assert_eq!(figures.academic_year, AcademicYear { start_year: 2025 });
    assert_eq!(figures.profile.name, "Universal profile");
    assert_eq!(figures.sets.len(), 1);
    let set = &figures.sets[0];
    assert_eq!(set.kind, SetKind::School);
    assert_eq!(set.details.urn.as_deref(), Some("100001"));

    let whole = row(set, RowGroup::WholeSchool);
    assert_eq!(whole.get(Measure::Pupils), N(210));
    assert_eq!(drop.pupils.len(), 210);

    // Year groups, counted from the Year Group cells.
    let mut per_year: BTreeMap<YearGroup, u64> = BTreeMap::new();
    for cells_row in &school.rows {
        let year = YearGroup::parse(&cells_row[cells.at("Year Group")])
            .ok()
            .flatten()
            .expect("a year group");
        *per_year.entry(year).or_default() += 1;
    }
    let year_rows: Vec<&FigureRow> = set
        .rows
        .iter()
        .filter(|row| matches!(row.group, RowGroup::YearGroup(_)))
        .collect();
    assert_eq!(
        year_rows.len(),
        per_year.len(),
        "one row per year group held"
    );
    for (row, (year, count)) in year_rows.iter().zip(&per_year) {
        assert_eq!(row.group, RowGroup::YearGroup(Some(*year)));
        assert_eq!(row.get(Measure::Pupils), N(*count), "{year}");
    }

    // Standard groups, from their own columns.
    let groups = [
        (StandardGroup::Boys, cells.count(|c| c("Gender") == "M")),
        (StandardGroup::Girls, cells.count(|c| c("Gender") == "F")),
        (
            StandardGroup::Disadvantaged,
            cells.count(|c| c("FSM Eligible") == "Y" || c("Pupil Premium") == "Y"),
        ),
        (
            StandardGroup::SenSupport,
            cells.count(|c| c("SEN Status") == "K"),
        ),
        (
            StandardGroup::EhcPlan,
            cells.count(|c| c("SEN Status") == "E"),
        ),
        (StandardGroup::Eal, cells.count(|c| c("EAL") == "Y")),
        (
            StandardGroup::LookedAfter,
            cells.count(|c| c("Looked After") == "Yes"),
        ),
        (
            StandardGroup::SummerBorn,
            cells.count(|c| {
                let month: u32 = c("Date of Birth")[3..5].parse().expect("a month");
                (4..=8).contains(&month)
            }),
        ),
    ];
    for (group, count) in groups {
        let shown = row(set, RowGroup::Standard(group)).get(Measure::Pupils);
        assert!(
            agrees(shown, count),
            "{}: {shown:?} for {count}",
            group.label()
        );
    }
    // The Birthday factor counts the summer-born, so the two are shown or hidden alike.
    let summer = row(set, RowGroup::Standard(StandardGroup::SummerBorn)).get(Measure::Pupils);
    assert_eq!(whole.get(Measure::Factor(Factor::Birthday)), summer);

    // Attendance, persistent absence and suspensions, from their cells.
    let attendance: Vec<u64> = school
        .rows
        .iter()
        .map(|r| hundredths(&r[cells.at("Attendance %")]))
        .collect();
    let n = attendance.len() as u64;
    let mean = (2 * attendance.iter().sum::<u64>() + n) / (2 * n);
    assert_eq!(whole.get(Measure::AttendanceRecorded), N(n));
    assert_eq!(whole.get(Measure::MeanAttendance), N(mean));
    let absent = attendance.iter().filter(|&&a| a <= 9_000).count() as u64;
    assert!(agrees(whole.get(Measure::PersistentlyAbsent), absent));
    let suspended = cells.count(|c| {
        c("Suspensions").parse::<u32>().unwrap_or(0) >= 1
            || c("Suspension Sessions").parse::<u32>().unwrap_or(0) > 0
    });
    assert!(agrees(whole.get(Measure::Suspended), suspended));
    assert_eq!(whole.get(Measure::SuspensionsRecorded), N(210));

    // Every pupil has a rating: red + amber + green is the pupils wherever all are shown.
    for row in &set.rows {
        if let (N(p), N(r), N(a), N(g)) = (
            row.get(Measure::Pupils),
            row.get(Measure::Red),
            row.get(Measure::Amber),
            row.get(Measure::Green),
        ) {
            assert_eq!(p, r + a + g, "{}", row.group.label());
        }
    }
    no_set_gives_a_hidden_cell_away(&figures.sets);
}

/// The sets the figures add up in, listed here from the rules' words, and that none of
/// them has exactly one hidden cell; and no count of 1 to 4 is shown.
fn no_set_gives_a_hidden_cell_away(sets: &[FigureSet]) {
    let counts: Vec<Measure> = Measure::ALL.into_iter().filter(|m| m.is_count()).collect();
    let mut additive: Vec<(String, Vec<Figure>)> = Vec::new();
    for set in sets {
        for row in &set.rows {
            for &measure in &counts {
                if let N(shown) = row.get(measure) {
                    assert!(
                        !(1..=4).contains(&shown),
                        "{} shows {shown}",
                        row.group.label()
                    );
                }
            }
            additive.push((
                format!("{} red, amber, green", row.group.label()),
                vec![
                    row.get(Measure::Pupils),
                    row.get(Measure::Red),
                    row.get(Measure::Amber),
                    row.get(Measure::Green),
                ],
            ));
        }
        let whole = row(set, RowGroup::WholeSchool);
        for &measure in &counts {
            let mut years = vec![whole.get(measure)];
            years.extend(
                set.rows
                    .iter()
                    .filter(|row| matches!(row.group, RowGroup::YearGroup(_)))
                    .map(|row| row.get(measure)),
            );
            additive.push((format!("{} by year group", measure.label()), years));
            additive.push((
                format!("{} by boys and girls", measure.label()),
                vec![
                    whole.get(measure),
                    row(set, RowGroup::Standard(StandardGroup::Boys)).get(measure),
                    row(set, RowGroup::Standard(StandardGroup::Girls)).get(measure),
                ],
            ));
        }
    }
    let total = sets.iter().find(|set| set.kind == SetKind::LocalAuthority);
    if let Some(total) = total {
        for total_row in &total.rows {
            for &measure in &counts {
                let mut cells = vec![total_row.get(measure)];
                cells.extend(
                    sets.iter()
                        .filter(|set| set.kind == SetKind::School)
                        .filter_map(|set| set.row(total_row.group))
                        .map(|row| row.get(measure)),
                );
                additive.push((
                    format!("{} {} by school", total_row.group.label(), measure.label()),
                    cells,
                ));
            }
        }
    }
    for (what, cells) in additive {
        let hidden = cells.iter().filter(|f| f.is_suppressed()).count();
        assert_ne!(hidden, 1, "{what}: {cells:?}");
    }
}

/// Every written form of a date of birth the test looks for.
fn written_forms(cell: &str) -> Vec<String> {
    let born = NaiveDate::parse_from_str(cell, "%d/%m/%Y").expect("a dd/mm/yyyy date");
    vec![
        born.format("%d/%m/%Y").to_string(),
        born.format("%Y-%m-%d").to_string(),
        born.format("%d-%m-%Y").to_string(),
    ]
}

fn holds_no_pupil(school: &SyntheticSchool, json: &str) {
    let cells = Cells(school);
    let (upn, surname, forename, preferred, born) = (
        cells.at("UPN"),
        cells.at("Legal Surname"),
        cells.at("Legal Forename"),
        cells.at("Preferred Forename"),
        cells.at("Date of Birth"),
    );
    let mut looked_for = 0;
    for pupil in &school.rows {
        assert!(
            !json.contains(&pupil[upn]),
            "UPN {} in the figures",
            pupil[upn]
        );
        for name in [&pupil[surname], &pupil[forename], &pupil[preferred]] {
            if name.chars().count() > 3 {
                assert!(
                    !json.contains(name.as_str()),
                    "the name {name} in the figures"
                );
                looked_for += 1;
            }
        }
        for form in written_forms(&pupil[born]) {
            assert!(
                !json.contains(&form),
                "the date of birth {form} in the figures"
            );
        }
    }
    assert!(looked_for > school.rows.len(), "names were looked for");
}

#[test]
fn the_figures_json_holds_no_pupils_upn_name_or_date_of_birth() {
    let primary = made_up_school();
    let (drop, figures) = figures_of(&primary, oakfield());
    let json = to_json(&figures);
    // The imported pupils are those of the file.
    assert!(drop.pupils.iter().all(|pupil| pupil.upn.is_some()));
    holds_no_pupil(&primary, &json);
    assert!(json.contains("\"format\": \"personalisation-planner-school-figures\""));
    assert!(json.contains("\"format_version\": 1"));
    assert!(json.contains("\"academic_year\": \"2025/26\""));

    let secondary = generate(&spec(
        77,
        1_200,
        MadeUpPhase::Secondary,
        "Riverside Academy",
    ));
    let (_, figures) = figures_of(&secondary, SchoolDetails::default());
    holds_no_pupil(&secondary, &to_json(&figures));
}

#[test]
fn export_then_load_gives_the_same_figures() {
    let school = made_up_school();
    let (_, figures) = figures_of(&school, oakfield());
    let json = to_json(&figures);
    assert_eq!(parse(&json), Ok(figures.clone()));
    // And again: the file written from what was loaded is the same text.
    assert_eq!(to_json(&parse(&json).expect("loads")), json);
}

/// Two small made-up schools and their local authority's total, exported as one file.
fn local_authority_file() -> (SchoolFigures, Vec<SyntheticSchool>) {
    let schools = vec![
        generate(&spec(5, 60, MadeUpPhase::Primary, "Ash Primary")),
        generate(&spec(6, 45, MadeUpPhase::Primary, "Beech Primary")),
    ];
    let profile = Profile::universal();
    let mut sets = Vec::new();
    let mut everyone = Vec::new();
    let mut all_scores = Vec::new();
    for (school, urn) in schools.iter().zip(["200001", "200002"]) {
        let drop = import(school, date(2026, 3, 13));
        let scores = score_all(&drop.pupils, &profile, &ScoringContext::for_drop(&drop));
        let details = SchoolDetails {
            school_name: Some(school.name.clone()),
            urn: Some(urn.to_string()),
            local_authority: Some("Tameside".to_string()),
        };
        sets.push(CountedSet::school(details, &drop.pupils, &scores));
        everyone.extend(drop.pupils);
        all_scores.extend(scores);
    }
    let details = SchoolDetails {
        local_authority: Some("Tameside".to_string()),
        ..SchoolDetails::default()
    };
    sets.push(CountedSet::local_authority(details, &everyone, &all_scores));
    let figures = SchoolFigures::new(
        ProfileStamp::of(&profile),
        Term::Spring,
        AcademicYear { start_year: 2025 },
        &sets,
    );
    (figures, schools)
}

#[test]
fn a_local_authority_file_protects_its_schools_and_total_together_and_round_trips() {
    let (figures, schools) = local_authority_file();
    assert_eq!(figures.sets.len(), 3);
    let total = &figures.sets[2];
    assert_eq!(total.kind, SetKind::LocalAuthority);
    assert_eq!(
        row(total, RowGroup::WholeSchool).get(Measure::Pupils),
        N(105)
    );
    // Small schools have small counts, so something is hidden and nothing gives it away.
    assert!(figures
        .sets
        .iter()
        .flat_map(|set| &set.rows)
        .any(|row| row.figures.iter().any(|f| f.is_suppressed())));
    no_set_gives_a_hidden_cell_away(&figures.sets);
    let json = to_json(&figures);
    for school in &schools {
        holds_no_pupil(school, &json);
    }
    assert_eq!(parse(&json), Ok(figures));
}
