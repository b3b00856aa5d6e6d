//! The Targets sheet read back with calamine: a row per target in the page's order (a
//! part under its target), each drop's figure as a number worked out by hand below or the
//! sentence saying why there is none, dates as dates, text neutralised, a frozen header;
//! no sheet when the school has no target.

use super::*;
use crate::core::cohort::{save_cohort, Cohort};
use crate::core::drop::{AcademicYear, Term};
use crate::core::export::over_time_sheet::OverTimeInput;
use crate::core::export::read_back::{date_of, sheet_rows, text_of, zip_entry};
use crate::core::export::workbook::{planner_workbook, sheet_names, PupilSheets};
use crate::core::profile::Profile;
use crate::core::provision::ProvisionBook;
use crate::core::pupil::{Pupil, SubjectAttainment};
use crate::core::scoring::{score_all, PupilScore, ScoringContext};
use crate::core::self_evaluation::SelfEvaluation;
use crate::core::targets::{
    TargetBook, TargetGroup, TargetId, TargetLevel, TargetMeasure, TargetStatus,
};
use crate::core::tracking::timeline::Timeline;
use crate::core::tracking::trends::{ScoredDrop, StandardGroup};
use crate::core::value::{Percent, Upn, YearGroup};
use calamine::Data;
use std::collections::BTreeSet;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn upn(serial: u32) -> Upn {
    let rest = format!("8012345{serial:05}");
    let letter = Upn::check_letter(&rest).expect("twelve digits");
    Upn::parse(&format!("{letter}{rest}")).expect("a valid UPN")
}

/// A pupil by serial: year group, attendance in hundredths of a percent, disadvantaged.
fn pupil(serial: u32, year: u8, attendance: u32, disadvantaged: bool) -> Pupil {
    Pupil {
        upn: Some(upn(serial)),
        forename: format!("No {serial}"),
        surname: "Pupil".to_string(),
        year_group: YearGroup::year(year),
        attendance: Some(Percent::from_hundredths(attendance)),
        fsm: Some(disadvantaged),
        attainment: vec![SubjectAttainment {
            subject: "Maths".into(),
            current: Some("4".into()),
            ..Default::default()
        }],
        ..Pupil::default()
    }
}

fn period(term: Term) -> Period {
    Period {
        academic_year: AcademicYear { start_year: 2025 },
        term,
    }
}

/// Two drops: in spring pupil 1's attendance rose to 93%, pupil 4 left and pupil 5
/// (disadvantaged, 88%) joined Year 5.
struct School {
    drops: [Vec<Pupil>; 2],
    scores: [Vec<PupilScore>; 2],
    keys: Vec<String>,
    timeline: Timeline,
    profile: Profile,
    book: ProvisionBook,
    targets: TargetBook,
    cohorts: Vec<Cohort>,
    self_evaluation: SelfEvaluation,
    focus: BTreeSet<String>,
}

impl School {
    fn new() -> School {
        let autumn = vec![
            pupil(1, 4, 9000, true),
            pupil(2, 4, 9600, false),
            pupil(3, 5, 9850, true),
            pupil(4, 5, 9700, false),
        ];
        let spring = vec![
            pupil(1, 4, 9300, true),
            pupil(2, 4, 9600, false),
            pupil(3, 5, 9850, true),
            pupil(5, 5, 8800, true),
        ];
        let profile = Profile::universal();
        let context = ScoringContext::new(day(2026, 3, 13));
        let scores = [
            score_all(&autumn, &profile, &context),
            score_all(&spring, &profile, &context),
        ];
        let timeline = Timeline::follow(&[
            (period(Term::Autumn), autumn.as_slice()),
            (period(Term::Spring), spring.as_slice()),
        ]);
        let keys = spring
            .iter()
            .map(|p| p.upn.as_ref().expect("a UPN").as_str().to_string())
            .collect();
        School {
            drops: [autumn, spring],
            scores,
            keys,
            timeline,
            profile,
            book: ProvisionBook::default(),
            targets: TargetBook::default(),
            cohorts: Vec::new(),
            self_evaluation: SelfEvaluation::default(),
            focus: BTreeSet::new(),
        }
    }

    fn workbook(&self) -> (Vec<String>, Vec<u8>) {
        let drops = [
            ScoredDrop {
                pupils: &self.drops[0],
                scores: &self.scores[0],
            },
            ScoredDrop {
                pupils: &self.drops[1],
                scores: &self.scores[1],
            },
        ];
        let input = ExportInput {
            school: "Oakfield",
            details: &crate::core::school::NO_DETAILS,
            academic_year: AcademicYear { start_year: 2025 },
            today: day(2026, 3, 13),
            pupils: &self.drops[1],
            scores: &self.scores[1],
            keys: &self.keys,
            shortlist: &[],
            focus: &self.focus,
            profile: &self.profile,
            book: &self.book,
            targets: &self.targets,
            self_evaluation: &self.self_evaluation,
            over_time: Some(OverTimeInput {
                timeline: &self.timeline,
                drops: &drops,
                cohorts: &self.cohorts,
            }),
        };
        let bytes = planner_workbook(&input).expect("a workbook");
        (sheet_names(&input, PupilSheets::WholeSchool), bytes)
    }
}

fn target(
    id: u32,
    level: TargetLevel,
    description: &str,
    measure: Option<TargetMeasure>,
) -> Target {
    Target {
        measure,
        ..Target::new(TargetId(id), level, description)
    }
}

fn value(text: &str) -> MeasureValue {
    MeasureValue::parse(text).expect("reads").expect("a value")
}

fn number_of(cell: &Data) -> f64 {
    match cell {
        Data::Float(n) => *n,
        Data::Int(n) => *n as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn no_targets_no_sheet() {
    let (names, _) = School::new().workbook();
    assert!(!names.iter().any(|name| name == TARGETS));
}

#[test]
fn every_target_is_a_row_with_its_figure_at_each_drop() {
    let mut school = School::new();
    let cohort = save_cohort(
        &mut school.cohorts,
        "Year 5 list",
        Vec::new(),
        Some(
            [3, 4]
                .map(|serial| PupilKey::from_stored(upn(serial).as_str()))
                .into_iter()
                .collect(),
        ),
    )
    .expect("saved");
    let mut whole = target(
        1,
        TargetLevel::WholeSchool,
        "Raise attendance",
        Some(TargetMeasure::Attendance),
    );
    whole.baseline = Some(value("95.375"));
    whole.baseline_from = Some(period(Term::Autumn));
    whole.target_value = Some(value("96"));
    whole.by = Some(day(2026, 7, 17));
    whole.review_on = Some(day(2026, 3, 31));
    whole.owner = "-Head of school".to_string();
    whole.notes = "=1+1".to_string();
    let mut part = target(
        2,
        TargetLevel::YearGroup(YearGroup::Year(5)),
        "Raise attendance (Year 5)",
        Some(TargetMeasure::Attendance),
    );
    part.part_of = Some(TargetId(1));
    let mut disadvantaged = target(
        3,
        TargetLevel::Group {
            group: TargetGroup::Standard(StandardGroup::Disadvantaged),
            year: None,
        },
        "Fewer disadvantaged pupils persistently absent",
        Some(TargetMeasure::PersistentAbsence),
    );
    disadvantaged.status = Some(TargetStatus::AtRisk);
    let list = target(
        4,
        TargetLevel::Group {
            group: TargetGroup::Cohort(cohort),
            year: None,
        },
        "The Year 5 list attends",
        Some(TargetMeasure::Attendance),
    );
    let latin = target(
        5,
        TargetLevel::WholeSchool,
        "Latin grades",
        Some(TargetMeasure::MeanGrade {
            subject: "Latin".into(),
        }),
    );
    let one = target(
        6,
        TargetLevel::Pupil(upn(2).as_str().to_string()),
        "Reads every day",
        None,
    );
    school.targets.targets = vec![whole, disadvantaged, list, latin, one, part];

    let (names, bytes) = school.workbook();
    let at = names
        .iter()
        .position(|n| n == TARGETS)
        .expect("a Targets sheet");
    let rows = sheet_rows(&bytes, TARGETS);
    let headings: Vec<String> = rows[0].iter().map(text_of).collect();
    assert_eq!(
        headings,
        [
            "Who",
            "Level",
            "Description",
            "Measure",
            "Baseline",
            "Baseline from",
            "Autumn 2025/26",
            "Spring 2025/26",
            "Target value",
            "By",
            "Owner",
            "Review date",
            "Status",
            "Part of",
            "Notes"
        ]
    );
    // The page's order: the whole-school target, its Year 5 part, then the rest.
    let who: Vec<String> = rows[1..].iter().map(|r| text_of(&r[0])).collect();
    assert_eq!(
        who,
        [
            "Whole school",
            "Year 5",
            "Disadvantaged",
            "Year 5 list",
            "Whole school",
            "No 2 Pupil"
        ]
    );
    let figures = |row: usize| (number_of(&rows[row][6]), number_of(&rows[row][7]));
    // Whole school: (90 + 96 + 98.5 + 97) ÷ 4 = 95.375; (93 + 96 + 98.5 + 88) ÷ 4 = 93.875.
    assert_eq!(figures(1), (95.375, 93.875));
    // Year 5: (98.5 + 97) ÷ 2 = 97.75; (98.5 + 88) ÷ 2 = 93.25.
    assert_eq!(figures(2), (97.75, 93.25));
    assert_eq!(text_of(&rows[2][13]), "Raise attendance");
    // Disadvantaged at or under 90%: 1 of 2 (pupil 1 at 90%), then 1 of 3 (pupil 5 at
    // 88%) = 33.3333% to four places.
    assert_eq!(figures(3), (50.0, 33.3333));
    assert_eq!(text_of(&rows[3][12]), "At risk");
    // The fixed list: pupils 3 and 4, then only pupil 3 (pupil 4 left).
    assert_eq!(figures(4), (97.75, 98.5));
    // No drop records Latin: the sentence, not a number.
    assert_eq!(text_of(&rows[5][6]), "No Latin results in this drop");
    assert_eq!(text_of(&rows[5][7]), "No Latin results in this drop");
    // A pupil's target without a measure: named in full, no figures.
    assert_eq!(text_of(&rows[6][1]), "Pupil");
    assert_eq!(text_of(&rows[6][3]), "");
    assert_eq!(text_of(&rows[6][6]), "");
    assert_eq!(text_of(&rows[6][12]), "Not started");

    let first = &rows[1];
    assert_eq!(text_of(&first[1]), "Whole school");
    assert_eq!(text_of(&first[3]), "Attendance %");
    assert_eq!(number_of(&first[4]), 95.375);
    assert_eq!(text_of(&first[5]), "Autumn 2025/26");
    assert_eq!(number_of(&first[8]), 96.0);
    assert_eq!(date_of(&first[9]), Some(day(2026, 7, 17)));
    assert_eq!(date_of(&first[11]), Some(day(2026, 3, 31)));
    // Formula-like text is neutralised.
    assert_eq!(text_of(&first[10]), "'-Head of school");
    assert_eq!(text_of(&first[14]), "'=1+1");
    // 93.875 from 95.375 towards 96 has gone backwards: at risk, the planner's suggestion.
    assert_eq!(text_of(&first[12]), "At risk (suggested)");

    let sheet = zip_entry(&bytes, &format!("xl/worksheets/sheet{}.xml", at + 1));
    assert!(sheet.contains("ySplit=\"1\""), "frozen header");
    assert!(sheet.contains("<autoFilter ref=\"A1:"), "autofilter");
    assert!(
        zip_entry(&bytes, "xl/styles.xml").contains("dd/mm/yyyy"),
        "dates shown dd/mm/yyyy"
    );
}
