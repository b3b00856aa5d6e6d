//! Export (SPEC §9, issue #7) natively: the workbook and the CSV are built from real
//! fixtures through the import pipeline and the scorer, then read back — the workbook with
//! calamine (and its styles from the zip's XML), the CSV with the csv crate — and checked
//! cell by cell.

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use planner::core::drop::{AcademicYear, DataDrop};
use planner::core::export::csv::{pupil_csv, BOM};
use planner::core::export::table::COLUMNS;
use planner::core::export::workbook::{list_workbook, planner_workbook, sheet_names, PupilSheets};
use planner::core::export::{is_dangerous, ExportInput};
use planner::core::import::build::{build, plan, plan_for_sheet};
use planner::core::import::mapping::MappingMemory;
use planner::core::import::read::{read_file, Limits};
use planner::core::profile::Profile;
use planner::core::provision::ProvisionBook;
use planner::core::pupil::Pupil;
use planner::core::scoring::{score_all, shortlist, PupilScore, Rag, ScoringContext};
use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Read};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{FIXTURES}{name}");
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"))
}

/// Imports `bytes` as the planner does, into a data drop imported today.
fn import_bytes(bytes: &[u8], sheet: Option<usize>) -> DataDrop {
    let wb = read_file(bytes, &Limits::default()).expect("the file is read");
    let plan = match sheet {
        Some(sheet) => plan_for_sheet(&wb, sheet, &MappingMemory::default()),
        None => plan(&wb, &MappingMemory::default()),
    }
    .expect("the file has a plan");
    let pupils = build(&wb, &plan).pupils;
    DataDrop::new(today(), "pupils", plan, pupils)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 13).expect("date")
}

/// A scored school, as the app holds it.
struct School {
    pupils: Vec<Pupil>,
    scores: Vec<PupilScore>,
    keys: Vec<String>,
    shortlist: Vec<usize>,
    profile: Profile,
    book: ProvisionBook,
    targets: planner::core::targets::TargetBook,
    self_evaluation: planner::core::self_evaluation::SelfEvaluation,
    focus: BTreeSet<String>,
}

impl School {
    fn new(drop: DataDrop) -> School {
        let profile = Profile::universal();
        let context = ScoringContext::for_drop(&drop);
        let pupils = drop.pupils;
        let scores = score_all(&pupils, &profile, &context);
        let shortlist = shortlist(&pupils, &scores, &profile);
        let keys = pupils
            .iter()
            .map(|p| {
                p.upn
                    .as_ref()
                    .expect("fixture pupils have UPNs")
                    .as_str()
                    .to_string()
            })
            .collect();
        School {
            pupils,
            scores,
            keys,
            shortlist,
            profile,
            book: ProvisionBook::default(),
            targets: Default::default(),
            self_evaluation: Default::default(),
            focus: BTreeSet::new(),
        }
    }

    fn input(&self) -> ExportInput<'_> {
        ExportInput {
            school: "Oakfield & Co",
            details: &planner::core::school::NO_DETAILS,
            academic_year: AcademicYear { start_year: 2025 },
            today: today(),
            pupils: &self.pupils,
            scores: &self.scores,
            keys: &self.keys,
            shortlist: &self.shortlist,
            focus: &self.focus,
            profile: &self.profile,
            book: &self.book,
            targets: &self.targets,
            self_evaluation: &self.self_evaluation,
            over_time: None,
        }
    }
}

/// Every sheet of a workbook as rows of cell text (dates as dd/mm/yyyy).
fn read_back(bytes: &[u8]) -> HashMap<String, Vec<Vec<Data>>> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("a valid xlsx");
    let names = workbook.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).expect("sheet");
            let rows = range.rows().map(<[Data]>::to_vec).collect();
            (name, rows)
        })
        .collect()
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn column(heading: &str) -> usize {
    COLUMNS
        .iter()
        .position(|c| c.heading == heading)
        .unwrap_or_else(|| panic!("no column {heading}"))
}

fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut entry = archive.by_name(name).expect("entry");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("utf-8");
    text
}

#[test]
fn workbook_has_every_sheet_pupil_and_marker_of_secondary_1200() {
    let school = School::new(import_bytes(&fixture("secondary_1200.xlsx"), None));
    assert_eq!(school.pupils.len(), 1200);
    let bytes = planner_workbook(&school.input()).expect("a workbook");
    let sheets = read_back(&bytes);
    let names = sheet_names(&school.input(), PupilSheets::WholeSchool);
    assert_eq!(
        names,
        [
            "Shortlist",
            "All pupils",
            "Provision",
            "Provision map 2025-26",
            "Need audit",
            "Individual provision maps",
            "Intervention bank",
            "Costs",
            "What works",
            "Self-evaluation",
            "Profile"
        ]
    );
    for name in &names {
        assert!(sheets.contains_key(name), "sheet {name}");
    }

    let all = &sheets["All pupils"];
    assert_eq!(all.len(), 1201, "a header row and one row per pupil");
    let headings: Vec<String> = all[0].iter().map(cell_text).collect();
    let expected: Vec<&str> = COLUMNS.iter().map(|c| c.heading).collect();
    assert_eq!(headings[..COLUMNS.len()], expected);
    let upn = column("UPN");
    let upns: Vec<String> = all[1..].iter().map(|row| cell_text(&row[upn])).collect();
    assert_eq!(upns, school.keys, "every pupil, in the drop's order");

    // The RAG column gives the expected totals (tests/fixtures/expected).
    let expected: serde_json::Value =
        serde_json::from_slice(&fixture("expected/secondary_1200.json")).expect("json");
    let rag = column("RAG");
    for (label, key) in [
        (Rag::Green, "green"),
        (Rag::Amber, "amber"),
        (Rag::Red, "red"),
    ] {
        let count = all[1..]
            .iter()
            .filter(|row| cell_text(&row[rag]) == label.label())
            .count();
        assert_eq!(Some(count as u64), expected["rag"][key].as_u64(), "{key}");
    }
    // The overall indicator is a number; dates are dates.
    let overall = column("Overall indicator");
    assert!(all[1..]
        .iter()
        .all(|row| matches!(row[overall], Data::Float(_))));
    let dob = column("Date of birth");
    assert!(all[1..]
        .iter()
        .all(|row| matches!(row[dob], Data::DateTime(_))));

    // The Shortlist sheet is the expected shortlist, in rank order.
    let shortlist: Vec<String> = sheets["Shortlist"][1..]
        .iter()
        .map(|row| cell_text(&row[upn]))
        .collect();
    let expected_shortlist: Vec<String> = expected["shortlist"]
        .as_array()
        .expect("array")
        .iter()
        .map(|u| u.as_str().expect("text").to_string())
        .collect();
    assert_eq!(shortlist, expected_shortlist);

    // Marker cells keep their text.
    for (row, index) in all[1..].iter().zip(0..) {
        let text = cell_text(&row[rag]);
        assert_eq!(text, school.scores[index].rag.label());
    }
}

#[test]
fn red_marker_cells_are_filled_red_frozen_and_filtered() {
    let school = School::new(import_bytes(&fixture("secondary_1200.xlsx"), None));
    let bytes = planner_workbook(&school.input()).expect("a workbook");
    let styles = zip_entry(&bytes, "xl/styles.xml");
    // The fills, in order; fill 0 and 1 are Excel's reserved ones.
    let fills_xml = styles
        .split("<fills")
        .nth(1)
        .and_then(|s| s.split("</fills>").next())
        .expect("fills");
    let fills: Vec<&str> = fills_xml.split("<fill>").skip(1).collect();
    let red_fill = fills
        .iter()
        .position(|f| f.contains("FFFFC7CE"))
        .expect("a red fill");
    let xfs_xml = styles
        .split("<cellXfs")
        .nth(1)
        .and_then(|s| s.split("</cellXfs>").next())
        .expect("cellXfs");
    let xfs: Vec<&str> = xfs_xml.split("<xf ").skip(1).collect();
    let red_styles: Vec<usize> = xfs
        .iter()
        .enumerate()
        .filter(|(_, xf)| xf.contains(&format!("fillId=\"{red_fill}\"")))
        .map(|(i, _)| i)
        .collect();
    assert!(!red_styles.is_empty());

    // The All pupils sheet is the second: find a red pupil's RAG cell (column L).
    let sheet = zip_entry(&bytes, "xl/worksheets/sheet2.xml");
    let red_row = school
        .scores
        .iter()
        .position(|s| s.rag == Rag::Red)
        .expect("a red pupil")
        + 2;
    let cell_ref = format!("<c r=\"L{red_row}\"");
    let cell = sheet
        .split(&cell_ref)
        .nth(1)
        .and_then(|s| s.split('>').next())
        .expect("the cell");
    let style: usize = cell
        .split("s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("a style index");
    assert!(red_styles.contains(&style), "L{red_row} has style {style}");
    assert!(sheet.contains("<pane ySplit=\"1\""), "frozen header");
    assert!(sheet.contains("<autoFilter ref=\"A1:"), "autofilter");
}

#[test]
fn hostile_formula_injection_is_neutralised_in_csv_and_xlsx_cell_by_cell() {
    let bytes = fixture("hostile_formula_injection.csv");
    let school = School::new(import_bytes(&bytes, None));
    // The fixture's own cells, read as text, to know which were dangerous.
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let originals: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(school.pupils.len(), originals.len());
    let dangerous = originals
        .iter()
        .flat_map(|r| r.iter().map(str::to_string).collect::<Vec<_>>())
        .filter(|c| is_dangerous(c))
        .count();
    assert!(dangerous >= 15, "the fixture still has its dangerous cells");

    let everyone: Vec<usize> = (0..school.pupils.len()).collect();
    let csv_bytes = pupil_csv(&school.input(), &everyone).expect("csv");
    assert!(csv_bytes.starts_with(BOM));
    let mut reader = csv::Reader::from_reader(&csv_bytes[BOM.len()..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), school.pupils.len());
    let (surname, forename) = (column("Surname"), column("Forename"));
    for (row, (original, pupil)) in rows.iter().zip(originals.iter().zip(&school.pupils)) {
        for cell in row {
            assert!(!is_dangerous(cell), "CSV cell {cell:?}");
        }
        // The import keeps each name as text (trimmed of surrounding white space); the
        // export gives it back with a quote in front exactly when it is dangerous.
        for (col, source, held) in [(surname, 1, &pupil.surname), (forename, 2, &pupil.forename)] {
            assert_eq!(original[source].trim(), held.as_str());
            let expected = if is_dangerous(held) {
                format!("'{held}")
            } else {
                held.to_string()
            };
            assert_eq!(&row[col], expected, "{}", pupil.surname);
        }
    }

    let workbook = planner_workbook(&school.input()).expect("xlsx");
    let sheets = read_back(&workbook);
    let mut checked = 0;
    for (name, rows) in &sheets {
        for row in rows {
            for cell in row {
                if let Data::String(text) = cell {
                    assert!(!is_dangerous(text), "{name}: {text:?}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 1000);
    let all = &sheets["All pupils"];
    let mut quoted = 0;
    for (row, pupil) in all[1..].iter().zip(&school.pupils) {
        for (col, held) in [(surname, &pupil.surname), (forename, &pupil.forename)] {
            let text = cell_text(&row[col]);
            if is_dangerous(held) {
                assert_eq!(text, format!("'{held}"));
                quoted += 1;
            } else {
                assert_eq!(&text, held);
            }
        }
    }
    assert!(quoted >= 8, "{quoted} dangerous names quoted");
    // The unmapped Notes column comes out too, every dangerous note quoted.
    let notes = all[0]
        .iter()
        .position(|h| cell_text(h) == "Notes")
        .expect("the Notes column");
    let mut quoted_notes = 0;
    for (row, original) in all[1..].iter().zip(&originals) {
        let before = original[5].trim();
        let text = cell_text(&row[notes]);
        if is_dangerous(before) {
            assert_eq!(text, format!("'{before}"));
            quoted_notes += 1;
        } else {
            assert_eq!(text, before);
        }
    }
    assert!(quoted_notes >= 8, "{quoted_notes} dangerous notes quoted");
    // No formula anywhere in the workbook's XML.
    for sheet in 1..=sheet_names(&school.input(), PupilSheets::WholeSchool).len() {
        let xml = zip_entry(&workbook, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(!xml.contains("<f>"), "sheet{sheet} holds a formula");
    }
}

/// The pupil as the export can give it back: attainment subjects and unmapped columns are
/// not part of the All pupils sheet's details.
fn comparable(pupil: &Pupil) -> Pupil {
    Pupil {
        attainment: Vec::new(),
        extra: Vec::new(),
        ..pupil.clone()
    }
}

#[test]
fn reimporting_the_all_pupils_sheet_gives_the_same_pupils() {
    for name in ["secondary_1200.xlsx", "primary_210.csv"] {
        let school = School::new(import_bytes(&fixture(name), None));
        let workbook = planner_workbook(&school.input()).expect("xlsx");
        let again = import_bytes(&workbook, Some(1)).pupils;
        assert_eq!(again.len(), school.pupils.len(), "{name}");
        for (before, after) in school.pupils.iter().zip(&again) {
            assert_eq!(comparable(after), comparable(before), "{name}");
        }
        // And through the CSV of everyone.
        let everyone: Vec<usize> = (0..school.pupils.len()).collect();
        let csv = pupil_csv(&school.input(), &everyone).expect("csv");
        let again = import_bytes(&csv, None).pupils;
        for (before, after) in school.pupils.iter().zip(&again) {
            assert_eq!(comparable(after), comparable(before), "{name} (CSV)");
        }
    }
}

#[test]
fn an_la_files_schools_come_back_when_the_export_is_imported_again() {
    use planner::core::synthetic::{generate_la, to_csv, LaSpec};
    let la = generate_la(&LaSpec {
        seed: 3,
        schools: 6,
        as_of: today(),
        name: "Made-up Borough Council".into(),
    });
    let school = School::new(import_bytes(to_csv(&la.file).as_bytes(), None));
    assert!(school
        .pupils
        .iter()
        .any(|p| p.school_name.is_some() && p.dfe_number.is_some()));
    let workbook = planner_workbook(&school.input()).expect("xlsx");
    let again = import_bytes(&workbook, Some(1)).pupils;
    assert_eq!(again.len(), school.pupils.len());
    for (before, after) in school.pupils.iter().zip(&again) {
        assert_eq!(comparable(after), comparable(before));
    }
}

#[test]
fn the_same_input_gives_the_same_workbook() {
    let school = School::new(import_bytes(&fixture("primary_210.csv"), None));
    let first = planner_workbook(&school.input()).expect("xlsx");
    let second = planner_workbook(&school.input()).expect("xlsx");
    assert_eq!(first, second);
}

#[test]
fn provision_sheets_show_the_map_the_individual_maps_the_bank_and_the_costs() {
    use planner::core::provision::Provision;
    let mut school = School::new(import_bytes(&fixture("primary_210.csv"), None));
    let intervention = school
        .book
        .bank
        .items
        .iter()
        .find(|i| i.name == "Lexia reading programme")
        .expect("a Tameside item")
        .clone();
    let start = NaiveDate::from_ymd_opt(2025, 9, 1).expect("date");
    let end = NaiveDate::from_ymd_opt(2026, 7, 17).expect("date");
    let mut provision = Provision::new(&intervention, start, end);
    let members: Vec<String> = school.keys[..3].to_vec();
    provision.add_pupils(members.iter().map(String::as_str));
    school.book.add_provision(provision);

    let sheets = read_back(&planner_workbook(&school.input()).expect("xlsx"));
    let text_of = |sheet: &str| -> String {
        sheets[sheet]
            .iter()
            .flat_map(|row| row.iter().map(cell_text))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let map = text_of("Provision map 2025-26");
    let individual = text_of("Individual provision maps");
    for (key, pupil) in members.iter().zip(&school.pupils) {
        assert!(map.contains(&pupil.display_name()), "{key} on the map");
        assert!(
            individual.contains(key.as_str()),
            "{key} has an individual map"
        );
    }
    assert!(map.contains("Lexia reading programme"));
    assert!(text_of("Intervention bank").contains("Daily report"));
    let costs = &sheets["Costs"];
    let total = costs
        .iter()
        .find(|row| cell_text(&row[0]) == "Total")
        .expect("a total row");
    assert!(
        matches!(total[1], Data::Float(f) if f > 0.0),
        "{:?}",
        total[1]
    );
    // The Interventions column names it next to its marker.
    let all = &sheets["All pupils"];
    let interventions = column("Interventions");
    assert!(cell_text(&all[1][interventions]).contains("Lexia reading programme"));
    assert!(text_of("Profile").contains("Universal profile"));
}

#[test]
fn a_list_workbook_holds_exactly_the_rows_shown_in_their_order() {
    let school = School::new(import_bytes(&fixture("secondary_1200.xlsx"), None));
    // A filtered, re-sorted list: every seventh pupil, last first.
    let rows: Vec<usize> = (0..school.pupils.len()).step_by(7).rev().collect();
    let bytes = list_workbook(&school.input(), "All pupils – filtered", &rows).expect("xlsx");
    let sheets = read_back(&bytes);
    assert!(!sheets.contains_key("Shortlist") && !sheets.contains_key("All pupils"));
    let list = &sheets["All pupils – filtered"];
    assert_eq!(
        list.len(),
        rows.len() + 1,
        "a header and exactly the rows shown"
    );
    let upn = column("UPN");
    let upns: Vec<String> = list[1..].iter().map(|row| cell_text(&row[upn])).collect();
    let expected: Vec<String> = rows.iter().map(|&i| school.keys[i].clone()).collect();
    assert_eq!(upns, expected);
    let names = sheet_names(
        &school.input(),
        PupilSheets::Shown {
            title: "All pupils – filtered",
            rows: &rows,
        },
    );
    assert_eq!(names[0], "All pupils – filtered");
    assert_eq!(names.len(), 10);
    // Excel refuses some characters and long names: the sheet name is made safe.
    assert_eq!(
        planner::core::export::workbook::sheet_name("Year 7 [summer-born]: attendance ≤ 95% / EAL"),
        "Year 7 summer-born attendance ≤"
    );
}

#[test]
fn every_years_provision_and_the_need_audit_are_in_the_workbook() {
    use planner::core::provision::{NeedArea, NeedAuditEntry, Priority, Provision};
    let mut school = School::new(import_bytes(&fixture("primary_210.csv"), None));
    let item = |name: &str| {
        school
            .book
            .bank
            .items
            .iter()
            .find(|i| i.name == name)
            .cloned()
            .expect("in the bank")
    };
    let (lexia, mentor) = (item("Lexia reading programme"), item("Learning mentor"));
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let mut last_year = Provision::new(&lexia, date(2024, 10, 1), date(2025, 3, 31));
    last_year.add_pupils([school.keys[0].as_str(), school.keys[1].as_str()]);
    let mut this_year = Provision::new(&mentor, date(2025, 9, 8), date(2025, 12, 19));
    this_year.add_pupils([school.keys[2].as_str()]);
    school.book.add_provision(last_year);
    school.book.add_provision(this_year);
    school.book.need_audit.push(NeedAuditEntry {
        pupil: school.keys[3].clone(),
        area: NeedArea::Semh,
        priority: Priority::Must,
        note: "Nurture group".into(),
        academic_year: None,
    });
    let sheets = read_back(&planner_workbook(&school.input()).expect("xlsx"));
    let names = sheet_names(&school.input(), PupilSheets::WholeSchool);
    assert!(
        names.contains(&"Provision map 2024-25".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"Provision map 2025-26".to_string()),
        "{names:?}"
    );
    let text_of = |sheet: &str| -> String {
        sheets[sheet]
            .iter()
            .flat_map(|row| row.iter().map(cell_text))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(text_of("Provision map 2024-25").contains("Lexia reading programme"));
    assert!(!text_of("Provision map 2025-26").contains("Lexia reading programme"));
    assert!(text_of("Provision map 2025-26").contains("Learning mentor"));
    // The provision list has both, with a cost column per year.
    let list = &sheets["Provision"];
    assert_eq!(list.len(), 3, "a header and two provisions");
    let head: Vec<String> = list[0].iter().map(cell_text).collect();
    assert!(
        head.contains(&"Cost 2024/25".to_string()) && head.contains(&"Cost 2025/26".to_string())
    );
    // The individual maps cover both years.
    let individual = text_of("Individual provision maps");
    assert!(individual.contains("2024/25") && individual.contains("2025/26"));
    // The need audit: the count and the entry.
    let audit = text_of("Need audit");
    assert!(audit.contains("Nurture group") && audit.contains(school.keys[3].as_str()));
}

/// What a workbook cell read back says in the CSV's words: text as it is, numbers parsed
/// from the CSV's exact decimal, dates as dd/mm/yyyy.
fn same_as_csv(cell: &Data, csv_text: &str) -> bool {
    match cell {
        Data::Empty => csv_text.is_empty(),
        Data::String(text) => text == csv_text,
        Data::Float(number) => csv_text.parse::<f64>().ok() == Some(*number),
        Data::Int(number) => csv_text.parse::<i64>().ok() == Some(*number),
        Data::DateTime(serial) => {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("date");
            let date = epoch + chrono::Duration::days(serial.as_f64() as i64);
            date.format("%d/%m/%Y").to_string() == csv_text
        }
        _ => false,
    }
}

/// The CSV and the workbook are written from one row-building path: for the same rows,
/// with focus flags, provision and the file's unmapped columns, they hold the same
/// headings and the same cells in the same order.
#[test]
fn csv_and_workbook_hold_the_same_rows() {
    use planner::core::provision::Provision;
    let mut school = School::new(import_bytes(&fixture("primary_210.csv"), None));
    // Unmapped columns as an import keeps them, one of them dangerous text.
    for (at, pupil) in school.pupils.iter_mut().enumerate().step_by(2) {
        pupil
            .extra
            .push(("Tutor".into(), format!("=HYPERLINK({at})")));
    }
    school.pupils[1]
        .extra
        .push(("Bus route".into(), "12".into()));
    let intervention = school
        .book
        .bank
        .items
        .iter()
        .find(|i| i.name == "Daily report")
        .expect("a Tameside item")
        .clone();
    let start = NaiveDate::from_ymd_opt(2025, 9, 1).expect("date");
    let end = NaiveDate::from_ymd_opt(2026, 7, 17).expect("date");
    let mut provision = Provision::new(&intervention, start, end);
    provision.add_pupils(school.keys.iter().step_by(4).map(String::as_str));
    school.book.add_provision(provision);
    school.focus = school.keys.iter().step_by(3).cloned().collect();
    let rows: Vec<usize> = (0..school.pupils.len()).rev().collect();

    let csv_bytes = pupil_csv(&school.input(), &rows).expect("csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv_bytes[BOM.len()..]);
    let csv_rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let sheets = read_back(&list_workbook(&school.input(), "Same rows", &rows).expect("xlsx"));
    let sheet = &sheets["Same rows"];

    assert_eq!(
        csv_rows.len(),
        rows.len() + 1,
        "a heading row and every pupil"
    );
    assert_eq!(sheet.len(), csv_rows.len());
    assert!(
        csv_rows[0].len() > COLUMNS.len(),
        "the unmapped columns are exported"
    );
    let (focus, interventions) = (column("Focus"), column("Interventions"));
    assert!(csv_rows[1..].iter().any(|r| &r[focus] == "Yes"));
    assert!(csv_rows[1..]
        .iter()
        .any(|r| r[interventions].contains("Daily report")));
    for (at, (csv_row, sheet_row)) in csv_rows.iter().zip(sheet).enumerate() {
        assert_eq!(csv_row.len(), sheet_row.len(), "row {at}");
        for (col, (csv_text, cell)) in csv_row.iter().zip(sheet_row).enumerate() {
            assert!(
                same_as_csv(cell, csv_text),
                "row {at}, column {col}: CSV {csv_text:?}, workbook {cell:?}"
            );
        }
    }
}

/// Two drops of primary_210 (autumn and spring; in spring the first pupil's attendance
/// has changed and the last pupil has left): the Over time sheet gives each pupil a row
/// with attendance and the overall indicator per drop, blank where they were not there.
#[test]
fn the_over_time_sheet_follows_each_pupil_through_the_drops() {
    use planner::core::drop::Term;
    use planner::core::tracking::timeline::{Period, Timeline};
    use planner::core::tracking::trends::ScoredDrop;
    use planner::core::value::Percent;

    let mut autumn = import_bytes(&fixture("primary_210.csv"), None);
    autumn.term = Term::Autumn;
    let mut spring = autumn.clone();
    spring.term = Term::Spring;
    spring.pupils[0].attendance = Some(Percent::from_hundredths(8125));
    spring.pupils.pop();
    let profile = Profile::universal();
    let scores: Vec<Vec<PupilScore>> = [&autumn, &spring]
        .iter()
        .map(|drop| score_all(&drop.pupils, &profile, &ScoringContext::for_drop(drop)))
        .collect();
    let timeline = Timeline::follow(&[
        (Period::of(&autumn), autumn.pupils.as_slice()),
        (Period::of(&spring), spring.pupils.as_slice()),
    ]);
    let drops = [
        ScoredDrop {
            pupils: &autumn.pupils,
            scores: &scores[0],
        },
        ScoredDrop {
            pupils: &spring.pupils,
            scores: &scores[1],
        },
    ];
    let school = School::new(spring.clone());
    let mut input = school.input();
    input.over_time = Some(planner::core::export::over_time_sheet::OverTimeInput {
        timeline: &timeline,
        drops: &drops,
        cohorts: &[],
    });
    assert!(sheet_names(&input, PupilSheets::WholeSchool).contains(&"Over time".to_string()));
    let sheets = read_back(&planner_workbook(&input).expect("a workbook"));
    let rows = &sheets["Over time"];
    let headings: Vec<String> = rows[0].iter().map(cell_text).collect();
    assert_eq!(
        headings,
        [
            "UPN",
            "Legal Surname",
            "Legal Forename",
            "Attendance % Autumn 2025/26",
            "Overall indicator Autumn 2025/26",
            "Attendance % Spring 2025/26",
            "Overall indicator Spring 2025/26",
        ]
    );
    assert_eq!(
        rows.len(),
        1 + autumn.pupils.len(),
        "one row per pupil followed"
    );
    let first = &rows[1];
    assert_eq!(
        cell_text(&first[0]),
        autumn.pupils[0].upn.as_ref().expect("a UPN").as_str()
    );
    let was = f64::from(
        planner::core::scoring::pupil_attendance(&autumn.pupils[0])
            .expect("known")
            .hundredths(),
    ) / 100.0;
    assert_eq!(first[3], Data::Float(was));
    assert_eq!(first[5], Data::Float(81.25));
    assert_eq!(first[4], Data::Float(scores[0][0].overall.as_f64()));
    // The pupil who left has nothing in spring.
    let left = rows
        .iter()
        .find(|row| cell_text(&row[0]) == autumn.pupils[209].upn.as_ref().expect("a UPN").as_str())
        .expect("the leaver has a row");
    assert!(matches!(left.get(5), None | Some(Data::Empty)), "{left:?}");
    // One drop: no Over time sheet.
    assert!(
        !sheet_names(&school.input(), PupilSheets::WholeSchool).contains(&"Over time".to_string())
    );
}

/// A provision of FLS (TA £18, 3 × 20 minutes, 12 weeks, groups of 6: £216 a group) for
/// `values` (pupil key, entry, exit; blank for none), measured by `spec`.
fn fls_measured(
    book: &mut ProvisionBook,
    spec: planner::core::provision::MeasureSpec,
    values: &[(&str, &str, &str)],
) {
    use planner::core::provision::{InterventionId, Measure, Provision};
    let item = book.bank.get(InterventionId(20)).cloned().expect("FLS");
    assert_eq!(item.name, "FLS");
    let start = NaiveDate::from_ymd_opt(2025, 9, 8).expect("date");
    let end = NaiveDate::from_ymd_opt(2025, 12, 12).expect("date");
    let mut provision = Provision::new(&item, start, end);
    provision.measure = Some(spec);
    let value = |text: &str| Measure {
        name: String::new(),
        value: text.to_string(),
        date: None,
    };
    for (pupil, entry, exit) in values {
        provision.add_pupils([*pupil]);
        if !entry.is_empty() {
            provision.set_entry(pupil, value(entry));
        }
        if !exit.is_empty() {
            provision.set_exit(pupil, value(exit));
        }
    }
    book.add_provision(provision);
}

#[test]
fn the_what_works_sheet_holds_each_intervention_and_measure_as_numbers() {
    use planner::core::export::what_works_sheet::{WHAT_WORKS, WHAT_WORKS_HEADINGS};
    use planner::core::provision::MeasureSpec;
    let mut school = School::new(import_bytes(&fixture("primary_210.csv"), None));
    let keys: Vec<&str> = school.keys[..8].iter().map(String::as_str).collect();
    let presets = MeasureSpec::presets();
    let (reading, score) = (presets[0].clone(), presets[2].clone());
    // Six pupils, £36 each; five measured, gaining 6, 2.5, 0, −2 and 9 months.
    fls_measured(
        &mut school.book,
        reading,
        &[
            (keys[0], "80", "86"),
            (keys[1], "90", "92.5"),
            (keys[2], "75", "75"),
            (keys[3], "100", "98"),
            (keys[4], "70", "79"),
            (keys[5], "88", ""),
        ],
    );
    // The same intervention measured another way: its own row, two pupils at £108 each,
    // neither improving.
    fls_measured(
        &mut school.book,
        score,
        &[(keys[6], "90", "89"), (keys[7], "85", "85")],
    );

    let sheets = read_back(&planner_workbook(&school.input()).expect("xlsx"));
    let sheet = &sheets[WHAT_WORKS];
    let head: Vec<String> = sheet[0].iter().map(cell_text).collect();
    assert_eq!(head, WHAT_WORKS_HEADINGS);
    let col = |heading: &str| {
        head.iter()
            .position(|h| h == heading)
            .unwrap_or_else(|| panic!("no column {heading}"))
    };
    let number = |row: &[Data], heading: &str| match &row[col(heading)] {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("{heading} is not a number: {other:?}"),
    };
    let words = |row: &[Data], heading: &str| cell_text(&row[col(heading)]);

    let reading_row = &sheet[1];
    assert_eq!(words(reading_row, "Intervention"), "FLS");
    assert_eq!(words(reading_row, "Wave"), "Wave 2");
    assert_eq!(words(reading_row, "Need area"), "Literacy");
    assert_eq!(words(reading_row, "Measure"), "Reading age");
    assert_eq!(words(reading_row, "Unit"), "months");
    assert_eq!(words(reading_row, "Better when"), "Higher");
    assert_eq!(number(reading_row, "Pupils"), 6.0);
    assert_eq!(number(reading_row, "Pupils measured"), 5.0);
    // 15.5 months over 5 pupils.
    assert!((number(reading_row, "Average gain") - 3.1).abs() < 1e-9);
    assert_eq!(number(reading_row, "Improved"), 3.0);
    assert!((number(reading_row, "Improved (share)") - 0.6).abs() < 1e-9);
    assert!((number(reading_row, "Cost per pupil") - 36.0).abs() < 1e-9);
    // The measured pupils' £180 ÷ 15.5 months = £11.61; ÷ 3 improved = £60.
    assert!((number(reading_row, "Cost per unit of gain") - 11.61).abs() < 1e-9);
    assert!((number(reading_row, "Cost per pupil improved") - 60.0).abs() < 1e-9);
    assert!((number(reading_row, "Total cost") - 216.0).abs() < 1e-9);
    assert_eq!(words(reading_row, "Enough measured to judge"), "Yes");

    let score_row = &sheet[2];
    assert_eq!(words(score_row, "Intervention"), "FLS");
    assert_eq!(words(score_row, "Measure"), "Standardised score");
    assert_eq!(number(score_row, "Pupils measured"), 2.0);
    assert!((number(score_row, "Average gain") + 0.5).abs() < 1e-9);
    assert_eq!(number(score_row, "Improved"), 0.0);
    assert!((number(score_row, "Cost per pupil") - 108.0).abs() < 1e-9);
    assert_eq!(words(score_row, "Cost per unit of gain"), "no gain");
    assert_eq!(
        words(score_row, "Cost per pupil improved"),
        "nobody improved"
    );
    assert_eq!(
        words(score_row, "Enough measured to judge"),
        "Too few to judge"
    );

    // The rules are said below the table.
    let text: Vec<String> = sheet.iter().flat_map(|r| r.iter().map(cell_text)).collect();
    assert!(text
        .iter()
        .any(|t| t.contains("only compared within one measure")));
    assert!(text
        .iter()
        .any(|t| t.contains("fewer than 5 pupils measured")));

    // Money cells carry the currency format: cell L2 (Cost per pupil) → its style → £.
    assert_eq!(col("Cost per pupil"), 11);
    let bytes = planner_workbook(&school.input()).expect("xlsx");
    let names = sheet_names(&school.input(), PupilSheets::WholeSchool);
    let at = names.iter().position(|n| n == WHAT_WORKS).expect("listed") + 1;
    let xml = zip_entry(&bytes, &format!("xl/worksheets/sheet{at}.xml"));
    let cell = xml.split("<c r=\"L2\"").nth(1).expect("cell L2");
    let style: usize = cell
        .split("s=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|n| n.parse().ok())
        .expect("a style");
    let styles = zip_entry(&bytes, "xl/styles.xml");
    let xfs = styles.split("<cellXfs").nth(1).expect("cellXfs");
    let xf = xfs.split("<xf ").nth(style + 1).expect("the cell's xf");
    let format_id = xf
        .split("numFmtId=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a number format");
    assert!(
        styles.contains(&format!(
            "numFmtId=\"{format_id}\" formatCode=\"£#,##0.00\""
        )),
        "L2 is money: format {format_id}"
    );
}

#[test]
fn the_what_works_sheet_says_what_to_do_when_nothing_is_measured() {
    use planner::core::export::what_works_sheet::WHAT_WORKS;
    let school = School::new(import_bytes(&fixture("primary_210.csv"), None));
    let sheets = read_back(&planner_workbook(&school.input()).expect("xlsx"));
    let text: Vec<String> = sheets[WHAT_WORKS]
        .iter()
        .flat_map(|r| r.iter().map(cell_text))
        .collect();
    assert!(text
        .iter()
        .any(|t| t.starts_with("No provision has measured pupils yet")));
}

#[test]
fn the_profile_sheet_names_the_school_with_its_details() {
    use planner::core::school::{DetailsField, SchoolDetailsDraft, SchoolPhase};
    let school = School::new(import_bytes(&fixture("primary_210.csv"), None));
    let details = SchoolDetailsDraft {
        school_name: "Oakfield Academy".into(),
        urn: "123456".into(),
        dfe_number: "3574001".into(),
        phase: Some(SchoolPhase::Secondary),
        local_authority: " Tameside ".into(),
    }
    .validate()
    .expect("valid details");
    let input = ExportInput {
        school: details.name_or("Workspace"),
        details: &details,
        ..school.input()
    };
    let sheets = read_back(&planner_workbook(&input).expect("a workbook"));
    let line = sheets["Profile"][2][0].to_string();
    // Each detail as the form names it, the DfE number written with its slash.
    assert_eq!(
        line,
        "School: Oakfield Academy · URN 123456 · DfE number 357/4001 · Secondary · Tameside"
    );
    assert_eq!(details.facts()[0].0, DetailsField::Urn);
    // Without details, the sheet names the school alone.
    let sheets = read_back(&planner_workbook(&school.input()).expect("a workbook"));
    assert_eq!(sheets["Profile"][2][0].to_string(), "School: Oakfield & Co");
}
