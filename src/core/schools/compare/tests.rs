//! Compare schools on a crafted LA drop of three schools and a pupil with no school
//! given, every figure and difference worked out by hand.

use super::*;
use crate::core::drop::DataDrop;
use crate::core::import::build::ImportPlan;
use crate::core::import::mapping::ColumnMapping;
use crate::core::profile::Profile;
use crate::core::schools::schools;
use crate::core::scoring::{score_all, ScoringContext};
use crate::core::value::{SenStatus, YearGroup};
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

type School = (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);
const ALDER: School = (Some("100001"), Some("373/2001"), Some("Alder Primary"));
const BIRCH: School = (Some("100002"), Some("373/4001"), Some("Birch Academy"));
const CEDAR: School = (None, None, Some("Cedar School"));
const NONE: School = (None, None, None);

/// A pupil of `school` with attendance (whole percent) and suspensions, when recorded.
fn pupil(school: School, attendance: Option<u32>, suspensions: Option<u32>) -> Pupil {
    Pupil {
        school_id: school.0.map(str::to_string),
        dfe_number: school.1.map(str::to_string),
        school_name: school.2.map(str::to_string),
        year_group: YearGroup::year(4),
        attendance: attendance.map(|whole| Percent::from_hundredths(whole * 100)),
        suspensions,
        ..Pupil::default()
    }
}

/// Eight pupils in file order:
/// 0 Alder, SEN support (amber), 96%, not suspended;
/// 1 Birch, green, 90% (persistently absent), suspended twice;
/// 2 Alder, EHC plan and looked after (red), 88% (persistently absent), suspended once;
/// 3 no school, SEN support (amber), 80% (persistently absent), suspended once;
/// 4 Alder, green, 100%, not suspended;
/// 5 Cedar (by name only), green, nothing recorded;
/// 6 Birch, green, 95%, not suspended;
/// 7 Alder, green, nothing recorded.
/// On the shortlist: 2 and 3.
fn crafted() -> (Vec<SchoolRow>, SchoolRow) {
    let mut a1 = pupil(ALDER, Some(96), Some(0));
    a1.sen_status = Some(SenStatus::SenSupport);
    let mut a2 = pupil(ALDER, Some(88), Some(1));
    a2.sen_status = Some(SenStatus::EhcPlan);
    a2.looked_after = Some(true);
    let mut n1 = pupil(NONE, Some(80), Some(1));
    n1.sen_status = Some(SenStatus::SenSupport);
    let pupils = vec![
        a1,
        pupil(BIRCH, Some(90), Some(2)),
        a2,
        n1,
        pupil(ALDER, Some(100), Some(0)),
        pupil(CEDAR, None, None),
        pupil(BIRCH, Some(95), Some(0)),
        pupil(ALDER, None, None),
    ];
    let plan = ImportPlan {
        sheet: 0,
        header_row: 0,
        headings: Vec::new(),
        mapping: ColumnMapping::default(),
    };
    let drop = DataDrop::new(date(2026, 3, 13), "la.csv", plan, pupils);
    let scores = score_all(
        &drop.pupils,
        &Profile::universal(),
        &ScoringContext::new(date(2026, 3, 13)),
    );
    let shortlist = [2, 3];
    (
        schools(&drop, &scores, &shortlist),
        all_schools(&drop, &scores, &shortlist),
    )
}

fn key(school: &str) -> SchoolKey {
    match school {
        "Alder" => SchoolKey::Urn("100001".into()),
        "Birch" => SchoolKey::Urn("100002".into()),
        "Cedar" => SchoolKey::Name("cedar school".into()),
        _ => SchoolKey::NotGiven,
    }
}

/// The comparison of the named schools (chosen in the order given).
fn compared(chosen: &[&str]) -> SchoolComparison {
    let (rows, all) = crafted();
    let keys: Vec<SchoolKey> = chosen.iter().map(|school| key(school)).collect();
    compare_schools(&rows, &all, &keys)
}

/// Each column's (figure, difference) for `indicator`.
fn row(comparison: &SchoolComparison, indicator: CompareIndicator) -> Vec<(String, String)> {
    let row = comparison
        .rows
        .iter()
        .find(|row| row.indicator == indicator)
        .expect("every indicator has a row");
    row.cells
        .iter()
        .map(|cell| {
            (
                cell.text.clone(),
                cell.difference.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(text, difference)| (text.to_string(), difference.to_string()))
        .collect()
}

#[test]
fn all_schools_counts_every_pupil_including_those_with_no_school_given() {
    let (rows, all) = crafted();
    assert_eq!(all.pupils(), 8);
    assert_eq!(
        rows.iter().map(SchoolRow::pupils).sum::<usize>(),
        8,
        "the schools and No school given add up to all schools"
    );
    // Red: place 2; amber: 0 and 3.
    assert_eq!((all.counts.rag.red, all.counts.rag.amber), (1, 2));
    // (96 + 90 + 88 + 80 + 100 + 95) ÷ 6 = 91.5%.
    assert_eq!(
        all.counts.mean_attendance,
        Some(Percent::from_hundredths(9150))
    );
    assert_eq!(all.shortlisted, 2);
}

#[test]
fn columns_are_the_chosen_schools_a_to_z_then_all_schools() {
    let comparison = compared(&["No school", "Birch", "Alder"]);
    let headings: Vec<&str> = comparison
        .columns
        .iter()
        .map(|column| column.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Alder Primary",
            "Birch Academy",
            "No school given",
            "All schools"
        ]
    );
    assert_eq!(comparison.columns[2].school, Some(SchoolKey::NotGiven));
    assert_eq!(comparison.columns[3].school, None);
    assert_eq!(comparison.rows.len(), CompareIndicator::ALL.len());
    assert!(comparison.rows.iter().all(|row| row.cells.len() == 4));
    // A school no longer in the file is left out; nothing chosen leaves all schools.
    let (rows, all) = crafted();
    let gone = compare_schools(&rows, &all, &[SchoolKey::Urn("999999".into())]);
    assert_eq!(gone.columns.len(), 1);
}

#[test]
fn each_figure_and_its_difference_from_all_schools_worked_out_by_hand() {
    let comparison = compared(&["Alder", "Birch", "Cedar", "No school"]);
    use CompareIndicator as I;
    assert_eq!(
        row(&comparison, I::Pupils),
        pairs(&[
            ("4", "50.0% of all pupils"),
            ("2", "25.0% of all pupils"),
            ("1", "12.5% of all pupils"),
            ("1", "12.5% of all pupils"),
            ("8", ""),
        ])
    );
    // Amber or red: Alder 2 of 4, Birch 0 of 2, Cedar 0 of 1, none 1 of 1; all 3 of 8.
    assert_eq!(
        row(&comparison, I::AmberOrRed),
        pairs(&[
            ("50.0% (2 of 4)", "12.5 points above all schools"),
            ("0.0% (0 of 2)", "37.5 points below all schools"),
            ("0.0% (0 of 1)", "37.5 points below all schools"),
            ("100.0% (1 of 1)", "62.5 points above all schools"),
            ("37.5% (3 of 8)", ""),
        ])
    );
    assert_eq!(
        row(&comparison, I::Red)[0],
        pairs(&[("25.0% (1 of 4)", "12.5 points above all schools")])[0]
    );
    assert_eq!(row(&comparison, I::Red)[4].0, "12.5% (1 of 8)");
    assert_eq!(row(&comparison, I::Green)[1].0, "100.0% (2 of 2)");
    // SEN: Alder's two (SEN support, EHC plan) of 4; all 3 of 8 with the pupil with no
    // school given.
    assert_eq!(
        row(&comparison, I::Factor(Factor::Sen))[0],
        pairs(&[("50.0% (2 of 4)", "12.5 points above all schools")])[0]
    );
    assert_eq!(
        row(&comparison, I::Factor(Factor::Sen))[4].0,
        "37.5% (3 of 8)"
    );
    // Mean attendance: Alder (96 + 88 + 100) ÷ 3 = 94.67% shown 94.7%, Birch 92.5%,
    // Cedar none, none 80%; all 91.5%.
    assert_eq!(
        row(&comparison, I::MeanAttendance),
        pairs(&[
            ("94.7%", "3.2 points above all schools"),
            ("92.5%", "1.0 points above all schools"),
            ("Not recorded", "Not compared"),
            ("80.0%", "11.5 points below all schools"),
            ("91.5%", ""),
        ])
    );
    // Persistently absent (at or below 90%): Alder 88 of its three recorded, Birch 90;
    // all 90, 88 and 80 of six recorded.
    assert_eq!(
        row(&comparison, I::PersistentAbsence),
        pairs(&[
            ("33.3% (1 of 3)", "16.7 points below all schools"),
            ("50.0% (1 of 2)", "Same as all schools"),
            ("Not recorded", "Not compared"),
            ("100.0% (1 of 1)", "50.0 points above all schools"),
            ("50.0% (3 of 6)", ""),
        ])
    );
    // Suspended, of those with suspensions recorded: all 3 (1, 2, 3) of 6.
    assert_eq!(
        row(&comparison, I::Suspended),
        pairs(&[
            ("33.3% (1 of 3)", "16.7 points below all schools"),
            ("50.0% (1 of 2)", "Same as all schools"),
            ("Not recorded", "Not compared"),
            ("100.0% (1 of 1)", "50.0 points above all schools"),
            ("50.0% (3 of 6)", ""),
        ])
    );
    // Nobody's attainment can be judged.
    assert_eq!(
        row(&comparison, I::LowAttainers)[0],
        pairs(&[("Not recorded", "Not compared")])[0]
    );
    // Shortlist: places 2 (Alder) and 3 (no school).
    assert_eq!(
        row(&comparison, I::Shortlist),
        pairs(&[
            ("25.0% (1 of 4)", "Same as all schools"),
            ("0.0% (0 of 2)", "25.0 points below all schools"),
            ("0.0% (0 of 1)", "25.0 points below all schools"),
            ("100.0% (1 of 1)", "75.0 points above all schools"),
            ("25.0% (2 of 8)", ""),
        ])
    );
}

#[test]
fn the_difference_is_of_the_figures_as_shown() {
    let p = Percent::from_hundredths;
    // 12.35% shows as 12.4%, 10.34% as 10.3%: 2.1 points, though exactly 2.01.
    assert_eq!(
        difference(Some(p(1235)), Some(p(1034))),
        "2.1 points above all schools"
    );
    assert_eq!(
        difference(Some(p(1034)), Some(p(1235))),
        "2.1 points below all schools"
    );
    // 0.05% shows as 0.1%, 0.04% as 0.0%.
    assert_eq!(
        difference(Some(p(5)), Some(p(4))),
        "0.1 points above all schools"
    );
    // 10.04% and 9.96% both show as 10.0%.
    assert_eq!(
        difference(Some(p(1004)), Some(p(996))),
        "Same as all schools"
    );
    assert_eq!(difference(None, Some(p(1000))), "Not compared");
    assert_eq!(difference(Some(p(1000)), None), "Not compared");
}

#[test]
fn chart_bars_are_the_columns_in_order_with_the_figure_alone() {
    let comparison = compared(&["Birch", "Alder"]);
    let bars = comparison.chart(CompareIndicator::AmberOrRed);
    let lengths: Vec<(String, u32, String)> = bars
        .into_iter()
        .map(|bar| (bar.label, bar.tenths, bar.text))
        .collect();
    assert_eq!(
        lengths,
        [
            ("Alder Primary".to_string(), 500, "50.0%".to_string()),
            ("Birch Academy".to_string(), 0, "0.0%".to_string()),
            ("All schools".to_string(), 375, "37.5%".to_string()),
        ]
    );
    // Pupils: a share of all pupils.
    let pupils: Vec<u32> = comparison
        .chart(CompareIndicator::Pupils)
        .iter()
        .map(|bar| bar.tenths)
        .collect();
    assert_eq!(pupils, [500, 250, 1000]);
}

#[test]
fn choices_are_a_to_z_with_what_tells_them_apart_and_no_school_given_last() {
    let (rows, _) = crafted();
    let choices = compare_choices(&rows);
    let shown: Vec<(&str, &str)> = choices
        .iter()
        .map(|choice| (choice.label.as_str(), choice.hint.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Alder Primary", "URN 100001, 4 pupils"),
            ("Birch Academy", "URN 100002, 2 pupils"),
            ("Cedar School", "1 pupil"),
            ("No school given", "Rows naming no school, 1 pupil"),
        ]
    );
    let found = |query: &str| -> Vec<&str> {
        choices
            .iter()
            .filter(|choice| choice.matches(query))
            .map(|choice| choice.label.as_str())
            .collect()
    };
    assert_eq!(found("").len(), 4);
    assert_eq!(found("BIRCH"), ["Birch Academy"]);
    assert_eq!(found("100001"), ["Alder Primary"]);
    assert_eq!(found("373/4001"), ["Birch Academy"]);
    assert_eq!(found("  alder   primary "), ["Alder Primary"]);
    assert_eq!(found("no school"), ["No school given"]);
    assert!(found("zzz").is_empty());
}

#[test]
fn two_chosen_schools_of_one_name_are_told_apart_by_urn() {
    let (mut rows, all) = crafted();
    rows[1].name = Some("Alder Primary".into());
    let comparison = compare_schools(&rows, &all, &[key("Alder"), key("Birch")]);
    let headings: Vec<&str> = comparison
        .columns
        .iter()
        .map(|column| column.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Alder Primary (URN 100001)",
            "Alder Primary (URN 100002)",
            "All schools"
        ]
    );
}

#[test]
fn the_hint_asks_for_two_or_more_schools() {
    assert!(choice_hint(0).is_some_and(|hint| hint.starts_with("No schools chosen")));
    assert!(choice_hint(1).is_some_and(|hint| hint.contains("one more")));
    assert_eq!(choice_hint(2), None);
    assert!(CompareIndicator::ALL
        .iter()
        .all(|indicator| !indicator.label().is_empty() && !indicator.hint().is_empty()));
}
