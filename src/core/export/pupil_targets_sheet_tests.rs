//! The Pupil targets sheet read back with calamine: a row per target with dates as
//! dates, words for who took part, text neutralised, a frozen header; no sheet when no
//! pupil has a target.

use super::*;
use crate::core::drop::AcademicYear;
use crate::core::export::workbook::{planner_workbook, sheet_names, PupilSheets};
use crate::core::profile::Profile;
use crate::core::provision::ProvisionBook;
use crate::core::scoring::{score_all, PupilScore, ScoringContext};
use crate::core::self_evaluation::SelfEvaluation;
use crate::core::targets::curricular::{CurricularProgress, CurricularTarget, Horizon};
use crate::core::targets::TargetBook;
use crate::core::value::YearGroup;
use calamine::{Data, Reader, Xlsx};
use std::collections::BTreeSet;
use std::io::{Cursor, Read};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn upn(serial: u32) -> Upn {
    let rest = format!("8012345{serial:05}");
    let letter = Upn::check_letter(&rest).expect("twelve digits");
    Upn::parse(&format!("{letter}{rest}")).expect("a valid UPN")
}

fn pupil(serial: u32, forename: &str, surname: &str, year: u8) -> Pupil {
    Pupil {
        upn: Some(upn(serial)),
        forename: forename.to_string(),
        surname: surname.to_string(),
        year_group: YearGroup::year(year),
        ..Pupil::default()
    }
}

fn target(horizon: Horizon, area: &str, text: &str) -> CurricularTarget {
    CurricularTarget {
        id: 0,
        horizon,
        area: area.to_string(),
        text: text.to_string(),
        set_on: Some(day(2025, 9, 22)),
        review_on: Some(day(2026, 3, 20)),
        pupil_set: true,
        parents_set: true,
        pupil_reviewed: false,
        parents_reviewed: true,
        progress: CurricularProgress::PartlyAchieved,
        review_notes: "Keep reading at home".to_string(),
    }
}

struct School {
    pupils: Vec<Pupil>,
    scores: Vec<PupilScore>,
    keys: Vec<String>,
    profile: Profile,
    book: ProvisionBook,
    targets: TargetBook,
    self_evaluation: SelfEvaluation,
    focus: BTreeSet<String>,
}

impl School {
    fn new() -> School {
        let pupils = vec![
            pupil(1, "Ada", "Lovelace", 4),
            pupil(2, "Beatrix", "Potter", 5),
            pupil(3, "Cyril", "Newman", 4),
        ];
        let profile = Profile::universal();
        let scores = score_all(&pupils, &profile, &ScoringContext::new(day(2026, 3, 13)));
        let keys = pupils
            .iter()
            .map(|p| p.upn.as_ref().expect("a UPN").as_str().to_string())
            .collect();
        School {
            pupils,
            scores,
            keys,
            profile,
            book: ProvisionBook::default(),
            targets: TargetBook::default(),
            self_evaluation: SelfEvaluation::default(),
            focus: BTreeSet::new(),
        }
    }

    fn input(&self) -> ExportInput<'_> {
        ExportInput {
            school: "Oakfield",
            details: &crate::core::school::NO_DETAILS,
            academic_year: AcademicYear { start_year: 2025 },
            today: day(2026, 3, 13),
            pupils: &self.pupils,
            scores: &self.scores,
            keys: &self.keys,
            shortlist: &[],
            focus: &self.focus,
            profile: &self.profile,
            book: &self.book,
            targets: &self.targets,
            self_evaluation: &self.self_evaluation,
            over_time: None,
        }
    }
}

fn text_of(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn date_of(cell: &Data) -> Option<NaiveDate> {
    match cell {
        // Days since Excel's epoch (calamine's chrono feature is off).
        Data::DateTime(serial) => {
            Some(day(1899, 12, 30) + chrono::Duration::days(serial.as_f64() as i64))
        }
        _ => None,
    }
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut entry = archive.by_name(name).expect("entry");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("utf-8");
    text
}

#[test]
fn every_pupils_targets_are_a_row_each_with_dates_as_dates_and_text_neutralised() {
    let mut school = School::new();
    // Cyril (third in the drop) first in the book; Ada's long-term target before her
    // short-term one; a pupil who has left; Beatrix has none.
    let (ada, cyril) = (school.keys[0].clone(), school.keys[2].clone());
    let left = upn(9).as_str().to_string();
    school.targets.add_curricular(
        &cyril,
        target(Horizon::Medium, "Maths", "=HYPERLINK(\"x\")"),
    );
    school
        .targets
        .add_curricular(&ada, target(Horizon::Long, "Writing", "Write a page"));
    let mut short = target(Horizon::Short, "Reading", "Read aloud");
    short.set_on = None;
    short.pupil_set = false;
    short.parents_set = false;
    short.progress = CurricularProgress::NotYetReviewed;
    school.targets.add_curricular(&ada, short);
    school
        .targets
        .add_curricular(&left, target(Horizon::Short, "Spelling", "Spell 20 words"));

    let input = school.input();
    let names = sheet_names(&input, PupilSheets::WholeSchool);
    assert_eq!(names[..3], ["Shortlist", "All pupils", PUPIL_TARGETS]);
    let bytes = planner_workbook(&input).expect("a workbook");
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).expect("a valid xlsx");
    let range = workbook.worksheet_range(PUPIL_TARGETS).expect("the sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();

    let headings: Vec<String> = rows[0].iter().map(text_of).collect();
    assert_eq!(headings, PUPIL_TARGETS_HEADINGS);
    let words: Vec<Vec<String>> = rows[1..]
        .iter()
        .map(|row| {
            [0, 1, 2, 3, 4, 5, 8, 9, 10, 11]
                .iter()
                .map(|&col| text_of(&row[col]))
                .collect()
        })
        .collect();
    let ada_upn = upn(1).as_str().to_string();
    let cyril_upn = upn(3).as_str().to_string();
    let w = |cells: [&str; 10]| cells.map(str::to_string).to_vec();
    assert_eq!(
        words,
        [
            w([
                &ada_upn,
                "Ada Lovelace",
                "Year 4",
                "Short term",
                "Reading",
                "Read aloud",
                "Neither",
                "Parents",
                "Not yet reviewed",
                "Keep reading at home"
            ]),
            w([
                &ada_upn,
                "Ada Lovelace",
                "Year 4",
                "Long term",
                "Writing",
                "Write a page",
                "Pupil, parents",
                "Parents",
                "Partly achieved",
                "Keep reading at home"
            ]),
            w([
                &cyril_upn,
                "Cyril Newman",
                "Year 4",
                "Medium term",
                "Maths",
                "'=HYPERLINK(\"x\")",
                "Pupil, parents",
                "Parents",
                "Partly achieved",
                "Keep reading at home"
            ]),
            w([
                &left,
                "",
                "",
                "Short term",
                "Spelling",
                "Spell 20 words",
                "Pupil, parents",
                "Parents",
                "Partly achieved",
                "Keep reading at home"
            ]),
        ]
    );
    // Dates are dates, shown dd/mm/yyyy; a date not recorded is blank.
    assert_eq!(date_of(&rows[1][6]), None);
    assert_eq!(text_of(&rows[1][6]), "");
    assert_eq!(date_of(&rows[2][6]), Some(day(2025, 9, 22)));
    assert_eq!(date_of(&rows[2][7]), Some(day(2026, 3, 20)));
    assert!(zip_entry(&bytes, "xl/styles.xml").contains("dd/mm/yyyy"));
    // The header row is frozen (the third sheet).
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet3.xml");
    assert!(sheet.contains(r#"ySplit="1""#), "{sheet}");
    assert!(sheet.contains(r#"state="frozen""#), "{sheet}");
}

#[test]
fn no_sheet_when_no_pupil_has_a_target() {
    let school = School::new();
    let input = school.input();
    assert!(!sheet_names(&input, PupilSheets::WholeSchool).contains(&PUPIL_TARGETS.to_string()));
    let bytes = planner_workbook(&input).expect("a workbook");
    let workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a valid xlsx");
    assert!(!workbook.sheet_names().contains(&PUPIL_TARGETS.to_string()));
}
