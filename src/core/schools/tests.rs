//! The Schools table on a crafted LA drop, every figure worked out by hand.

use super::*;
use crate::core::drop::DataDrop;
use crate::core::import::build::ImportPlan;
use crate::core::import::mapping::ColumnMapping;
use crate::core::planner_table::SortDirection;
use crate::core::profile::Profile;
use crate::core::pupil::Pupil;
use crate::core::school::SchoolPhase;
use crate::core::scoring::{score_all, Factor, PupilScore, ScoringContext};
use crate::core::value::{Percent, SenStatus, YearGroup};
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn percent(whole: u32, hundredths: u32) -> Option<Percent> {
    Some(Percent::from_hundredths(whole * 100 + hundredths))
}

/// A pupil of `school` (URN, DfE number, name) in `year` with `attendance`.
fn pupil(
    school: (Option<&str>, Option<&str>, Option<&str>),
    year: Option<YearGroup>,
    attendance: Option<Percent>,
) -> Pupil {
    Pupil {
        school_id: school.0.map(str::to_string),
        dfe_number: school.1.map(str::to_string),
        school_name: school.2.map(str::to_string),
        year_group: year,
        attendance,
        ..Pupil::default()
    }
}

const ASHBROOK: (Option<&str>, Option<&str>, Option<&str>) = (
    Some("100001"),
    Some("373/2001"),
    Some("Ashbrook Primary School"),
);
const NONE: (Option<&str>, Option<&str>, Option<&str>) = (None, None, None);

/// Twelve pupils of four schools and two with no school, in file order:
/// 0 A, 1 B, 2 A, 3 none, 4 A, 5 B, 6 C, 7 B, 8 A, 9 D, 10 none, 11 C.
fn crafted() -> (DataDrop, Vec<PupilScore>) {
    let y = YearGroup::year;
    // Ashbrook (by URN): four primary pupils.
    let mut a1 = pupil(ASHBROOK, y(3), percent(96, 0));
    a1.date_of_birth = Some(date(2017, 6, 10)); // summer-born: 1 point, green
    a1.suspensions = Some(0);
    let mut a2 = pupil(ASHBROOK, y(5), percent(88, 0)); // persistently absent
    a2.sen_status = Some(SenStatus::SenSupport); // 2 points: amber
    a2.suspensions = Some(1);
    let mut a3 = pupil(ASHBROOK, Some(YearGroup::Reception), percent(95, 50));
    a3.sen_status = Some(SenStatus::EhcPlan);
    a3.looked_after = Some(true); // 3 + 3 points: red
    let a4 = pupil(ASHBROOK, y(6), None); // nothing known: green
                                          // Beechfield (by URN, once with a space after it and once named differently).
    let beech = (
        Some("100002"),
        Some("373/4001"),
        Some("Beechfield High School"),
    );
    let mut b1 = pupil(beech, y(7), percent(45, 0));
    b1.suspensions = Some(3);
    let b2 = pupil(
        (Some("100002 "), None, Some("Beechfield High")),
        y(9),
        percent(100, 0),
    );
    let mut b3 = pupil(beech, y(9), None);
    b3.sessions_possible = Some(200);
    b3.sessions_attended = Some(180); // 90.00%: persistently absent
                                      // Cedarlea (by name only, written two ways), all-through.
    let c1 = pupil((None, None, Some("Cedarlea  Primary")), y(2), None);
    let c2 = pupil((None, None, Some(" cedarlea primary")), y(10), None);
    // A school known only by its DfE number.
    let d1 = pupil((None, Some("3732004"), None), None, percent(91, 25));
    let pupils = vec![
        a1,
        b1,
        a2,
        pupil(NONE, None, None),
        a3,
        b2,
        c1,
        b3,
        a4,
        d1,
        pupil(NONE, None, percent(80, 0)),
        c2,
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
    (drop, scores)
}

fn rows() -> Vec<SchoolRow> {
    let (drop, scores) = crafted();
    schools(&drop, &scores, &[4, 1])
}

#[test]
fn one_row_per_school_in_file_order_then_no_school_given() {
    let rows = rows();
    let labels: Vec<String> = rows.iter().map(SchoolRow::label).collect();
    assert_eq!(
        labels,
        [
            "Ashbrook Primary School",
            "Beechfield High School",
            "Cedarlea  Primary",
            "DfE 373/2004",
            "No school given"
        ]
    );
    let members: Vec<&[usize]> = rows.iter().map(|row| row.members.as_slice()).collect();
    assert_eq!(
        members,
        [&[0, 2, 4, 8][..], &[1, 5, 7], &[6, 11], &[9], &[3, 10]]
    );
    assert_eq!(rows[0].urn.as_deref(), Some("100001"));
    assert_eq!(rows[0].dfe_number.as_deref(), Some("373/2001"));
    // The name most of its rows give; the URN as most write it.
    assert_eq!(rows[1].name.as_deref(), Some("Beechfield High School"));
    assert_eq!(rows[1].urn.as_deref(), Some("100002"));
    assert_eq!(
        rows[3].dfe_number.as_deref(),
        Some("373/2004"),
        "written as DfE numbers are"
    );
    assert_eq!(rows[3].key, SchoolKey::DfeNumber("373/2004".into()));
    assert_eq!((rows[4].urn.clone(), rows[4].name.clone()), (None, None));
    assert_eq!(
        summary(&rows),
        "4 schools, 12 pupils (2 with no school given)"
    );
}

#[test]
fn a_filter_offers_every_school_a_to_z_named_as_the_table_names_it() {
    let (drop, _) = crafted();
    let labels: Vec<String> = school_choices(&drop.pupils)
        .into_iter()
        .map(|school| school.label)
        .collect();
    assert_eq!(
        labels,
        [
            "Ashbrook Primary School",
            "Beechfield High School",
            "Cedarlea  Primary",
            "DfE 373/2004",
            "No school given"
        ]
    );
    let refs: Vec<SchoolRef> = rows().iter().map(SchoolRow::school_ref).collect();
    assert_eq!(
        school_choices(&drop.pupils),
        refs,
        "the same keys and words"
    );
}

#[test]
fn phases_are_worked_out_from_year_groups() {
    let phases: Vec<Option<SchoolPhase>> = rows().iter().map(|row| row.phase).collect();
    assert_eq!(
        phases,
        [
            Some(SchoolPhase::Primary),
            Some(SchoolPhase::Secondary),
            Some(SchoolPhase::AllThrough),
            None,
            None
        ]
    );
}

#[test]
fn a_schools_figures_are_counted_by_hand() {
    let rows = rows();
    let a = &rows[0];
    assert_eq!(a.pupils(), 4);
    assert_eq!(
        (a.counts.rag.red, a.counts.rag.amber, a.counts.rag.green),
        (1, 1, 2)
    );
    // 2 of 4 amber or red; Birthday 1 of 4, SEN 2 of 4, LAC 1 of 4.
    assert_eq!(a.amber_or_red(), percent(50, 0));
    assert_eq!(a.factor_share(Factor::Birthday), percent(25, 0));
    assert_eq!(a.factor_share(Factor::Sen), percent(50, 0));
    assert_eq!(a.factor_share(Factor::Lac), percent(25, 0));
    assert_eq!(a.factor_share(Factor::Language), percent(0, 0));
    // (96 + 88 + 95.5) ÷ 3 = 93.1666…% → 93.17%; 88% is at or below 90%: 1 of 3.
    assert_eq!(a.counts.mean_attendance, percent(93, 17));
    assert_eq!(a.persistent_absence(), percent(33, 33));
    assert_eq!(a.counts.suspended, 1);
    assert_eq!(a.shortlisted, 1, "place 4 is on the shortlist");

    let b = &rows[1];
    assert_eq!((b.pupils(), b.counts.rag.green), (3, 3));
    assert_eq!(b.amber_or_red(), percent(0, 0));
    // (45 + 100 + 90 from 180 of 200 sessions) ÷ 3 = 78.333…% → 78.33%; 45% and 90%.
    assert_eq!(b.counts.mean_attendance, percent(78, 33));
    assert_eq!(b.persistent_absence(), percent(66, 67));
    assert_eq!((b.counts.suspended, b.shortlisted), (1, 1));

    let c = &rows[2];
    assert_eq!(
        (c.counts.mean_attendance, c.persistent_absence()),
        (None, None)
    );
    let none = &rows[4];
    assert_eq!(none.counts.mean_attendance, percent(80, 0));
    assert_eq!(none.persistent_absence(), percent(100, 0));
}

#[test]
fn cells_say_each_figure_to_one_decimal_or_not_recorded() {
    let rows = rows();
    let text = |column: SchoolColumn, at: usize| column.text(&rows[at]);
    assert_eq!(text(SchoolColumn::School, 0), "Ashbrook Primary School");
    assert_eq!(text(SchoolColumn::Urn, 0), "100001");
    assert_eq!(text(SchoolColumn::Urn, 2), "");
    assert_eq!(text(SchoolColumn::Phase, 2), "All-through");
    assert_eq!(text(SchoolColumn::Phase, 3), "Unknown");
    assert_eq!(text(SchoolColumn::Pupils, 0), "4");
    assert_eq!(text(SchoolColumn::AmberOrRed, 0), "50.0%");
    assert_eq!(text(SchoolColumn::MeanAttendance, 0), "93.2%");
    assert_eq!(text(SchoolColumn::MeanAttendance, 2), "Not recorded");
    assert_eq!(text(SchoolColumn::PersistentAbsence, 1), "66.7%");
    assert_eq!(text(SchoolColumn::Suspended, 1), "1");
    assert_eq!(text(SchoolColumn::Shortlist, 2), "0");
    assert_eq!(SchoolColumn::ALL.len(), 18);
    assert!(SchoolColumn::ALL
        .iter()
        .all(|column| !column.label().is_empty() && !column.hint().is_empty()));
}

#[test]
fn sorting_is_stable_with_unknowns_last_either_way() {
    let rows = rows();
    let order = |column: SchoolColumn, direction: SortDirection| {
        sorted(&rows, Some(SchoolSort { column, direction }))
    };
    assert_eq!(sorted(&rows, None), [0, 1, 2, 3, 4]);
    // Pupils 4, 3, 2, 1, 2: the two 2s keep their order.
    assert_eq!(
        order(SchoolColumn::Pupils, SortDirection::Descending),
        [0, 1, 2, 4, 3]
    );
    assert_eq!(
        order(SchoolColumn::Pupils, SortDirection::Ascending),
        [3, 2, 4, 1, 0]
    );
    // Mean attendance 93.17, 78.33, none, 91.25, 80.00.
    assert_eq!(
        order(SchoolColumn::MeanAttendance, SortDirection::Descending),
        [0, 3, 4, 1, 2]
    );
    assert_eq!(
        order(SchoolColumn::MeanAttendance, SortDirection::Ascending),
        [1, 4, 3, 0, 2]
    );
    // Names A to Z, "DfE 373/2004" by its words, no school given last.
    assert_eq!(
        order(SchoolColumn::School, SortDirection::Ascending),
        [0, 1, 2, 3, 4]
    );
    assert_eq!(
        order(SchoolColumn::School, SortDirection::Descending),
        [3, 2, 1, 0, 4]
    );
    assert_eq!(
        order(SchoolColumn::Urn, SortDirection::Descending),
        [1, 0, 2, 3, 4]
    );

    let first = SchoolSort::toggled(None, SchoolColumn::Pupils);
    assert_eq!(first.direction, SortDirection::Descending);
    let again = SchoolSort::toggled(Some(first), SchoolColumn::Pupils);
    assert_eq!(again.direction, SortDirection::Ascending);
    let name = SchoolSort::toggled(Some(again), SchoolColumn::School);
    assert_eq!(name.direction, SortDirection::Ascending);
}

#[test]
fn chart_bars_follow_the_order_with_the_tables_figures() {
    let rows = rows();
    let bars = chart(&rows, &[0, 1, 2, 3, 4], SchoolColumn::Pupils);
    let lengths: Vec<u32> = bars.iter().map(|bar| bar.tenths).collect();
    // Counts against the largest (4).
    assert_eq!(lengths, [1000, 750, 500, 250, 500]);
    assert_eq!(bars[1].text, "3");
    let shares = chart(&rows, &[1, 0], SchoolColumn::AmberOrRed);
    assert_eq!(
        shares,
        [
            SchoolBar {
                label: "Beechfield High School".into(),
                tenths: 0,
                text: "0.0%".into()
            },
            SchoolBar {
                label: "Ashbrook Primary School".into(),
                tenths: 500,
                text: "50.0%".into()
            }
        ]
    );
    let unknown = chart(&rows, &[2], SchoolColumn::MeanAttendance);
    assert_eq!(
        (unknown[0].tenths, unknown[0].text.as_str()),
        (0, "Not recorded")
    );
}

#[test]
fn a_drop_is_an_la_file_when_its_rows_name_schools() {
    let (drop, _) = crafted();
    assert!(is_la_file(&drop));
    let mut single = drop.clone();
    for pupil in &mut single.pupils {
        pupil.school_id = None;
        pupil.dfe_number = None;
        pupil.school_name = None;
    }
    assert!(!is_la_file(&single));
    single.plan.mapping.columns = vec![crate::core::import::mapping::Field::SchoolName];
    assert!(is_la_file(&single), "a school column, even left blank");
}

#[test]
fn an_la_file_splits_into_one_drop_per_school_with_every_pupil_in_exactly_one() {
    let (drop, _) = crafted();
    let parts = split(&drop, " Tameside ");
    let labels: Vec<&str> = parts.iter().map(|part| part.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Ashbrook Primary School",
            "Beechfield High School",
            "Cedarlea  Primary",
            "DfE 373/2004",
            NO_SCHOOL_GIVEN,
        ]
    );
    // File places 0 A, 1 B, 2 A, 3 none, 4 A, 5 B, 6 C, 7 B, 8 A, 9 D, 10 none, 11 C: each
    // part holds its own pupils in file order, and nobody twice or not at all.
    let years = |part: &SchoolPart| -> Vec<Option<YearGroup>> {
        part.drop.pupils.iter().map(|p| p.year_group).collect()
    };
    let y = YearGroup::year;
    assert_eq!(
        years(&parts[0]),
        [y(3), y(5), Some(YearGroup::Reception), y(6)]
    );
    assert_eq!(years(&parts[1]), [y(7), y(9), y(9)]);
    assert_eq!(years(&parts[2]), [y(2), y(10)]);
    assert_eq!(parts[3].drop.pupils.len(), 1);
    assert_eq!(
        parts[4]
            .drop
            .pupils
            .iter()
            .map(|p| p.attendance)
            .collect::<Vec<_>>(),
        [None, percent(80, 0)]
    );
    let total: usize = parts.iter().map(|part| part.drop.pupils.len()).sum();
    assert_eq!(total, drop.pupils.len());
    // Each part keeps the file's term, year, name and mapping.
    for part in &parts {
        assert_eq!(part.drop.term, drop.term);
        assert_eq!(part.drop.academic_year, drop.academic_year);
        assert_eq!(part.drop.source_file, "la.csv");
        assert_eq!(part.drop.imported_on, drop.imported_on);
    }
}

#[test]
fn each_part_carries_its_schools_details_and_the_local_authority() {
    let (drop, _) = crafted();
    let parts = split(&drop, " Tameside ");
    let ash = &parts[0].details;
    assert_eq!(ash.school_name, "Ashbrook Primary School");
    assert_eq!(ash.urn.as_ref().map(|urn| urn.as_str()), Some("100001"));
    assert_eq!(
        ash.dfe_number.map(|n| n.to_string()).as_deref(),
        Some("373/2001")
    );
    assert_eq!(ash.phase, Some(SchoolPhase::Primary));
    assert_eq!(ash.local_authority, "Tameside");
    // Beechfield: the URN most rows write; Years 7 and 9 make it secondary.
    assert_eq!(parts[1].details.phase, Some(SchoolPhase::Secondary));
    assert_eq!(
        parts[1].details.urn.as_ref().map(|urn| urn.as_str()),
        Some("100002")
    );
    // Cedarlea: named only, Years 2 and 10: all-through, no URN or DfE number.
    assert_eq!(parts[2].details.phase, Some(SchoolPhase::AllThrough));
    assert_eq!(parts[2].details.urn, None);
    assert_eq!(parts[2].details.dfe_number, None);
    // Known only by its DfE number, no year group: no phase.
    assert_eq!(
        parts[3]
            .details
            .dfe_number
            .map(|n| n.to_string())
            .as_deref(),
        Some("373/2004")
    );
    assert_eq!(parts[3].details.phase, None);
    // No school given: named so, no URN.
    assert_eq!(parts[4].key, SchoolKey::NotGiven);
    assert_eq!(parts[4].details.school_name, NO_SCHOOL_GIVEN);
    assert_eq!(parts[4].details.urn, None);
}

#[test]
fn a_urn_that_is_not_six_digits_is_left_out_of_the_details_but_the_school_is_kept() {
    let plan = ImportPlan {
        sheet: 0,
        header_row: 0,
        headings: Vec::new(),
        mapping: ColumnMapping::default(),
    };
    let pupils = vec![pupil(
        (Some("12345"), None, Some("Oddly Numbered")),
        None,
        None,
    )];
    let drop = DataDrop::new(date(2026, 3, 13), "la.csv", plan, pupils);
    let parts = split(&drop, "");
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].label, "Oddly Numbered");
    assert_eq!(parts[0].details.urn, None);
    assert_eq!(parts[0].details.local_authority, "");
    assert_eq!(parts[0].drop.pupils.len(), 1);
}
