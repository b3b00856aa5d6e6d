//! Rows to pupils (SPEC §4): the import plan (which sheet, which header row, which
//! column holds what), a preview of parsed values for the review screen, and the build
//! itself, which returns the pupils **and** every problem found, with its sheet, row and
//! column, in plain English. A bad cell never stops the import: it is left empty and
//! listed. Nothing is dropped silently: skipped rows are listed with their reason.

use crate::core::import::error::ImportError;
use crate::core::import::header::{
    choose_sheet, find_header_row, footer_reason, headings, is_blank_row, is_repeated_header,
};
use crate::core::import::mapping::{auto_map, ColumnMapping, Field, MappingMemory};
use crate::core::import::raw::{format_number, Cell, RawSheet, RawWorkbook};
use crate::core::pupil::{Pupil, SubjectAttainment};
use crate::core::value::{
    date_from_excel_serial, format_uk_date, parse_count, parse_date, parse_yes_no, EalProficiency,
    Gender, IdaciBand, IdaciDecile, IdaciScore, Percent, PrimaryNeed, SenStatus, Upn, UpnError,
    ValueError, YearGroup,
};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// How a file will be imported: the sheet, its header row, the headings and the field
/// each column maps to. Shown for review before importing, and kept with the data drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportPlan {
    /// Index of the sheet in [`RawWorkbook::sheets`].
    pub sheet: usize,
    /// Index of the header row in the sheet's rows (0 is the spreadsheet's row 1).
    pub header_row: usize,
    /// The header row's headings, trimmed, one per column.
    pub headings: Vec<String>,
    /// The field each column maps to.
    pub mapping: ColumnMapping,
}

/// One problem found in one cell (or row), located the way the user finds it in Excel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportIssue {
    /// The sheet's name (for a text file, the file name).
    pub sheet: String,
    /// Spreadsheet row number, 1-based, as Excel shows it.
    pub row: usize,
    /// Column letter such as "C", when the problem is in one cell.
    pub column: Option<String>,
    /// The column's heading, when the problem is in one cell.
    pub heading: Option<String>,
    /// The cell's text as written.
    pub value: String,
    /// What was wrong and what was expected, in plain English.
    pub problem: String,
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// Spreadsheet row number, 1-based.
    pub row: usize,
    /// Why it was skipped, in plain English.
    pub reason: String,
}

/// The result of an import: the pupils, every problem found, and the count of rows read
/// and skipped, so the summary can say exactly what happened to every row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// The pupils, in the file's row order.
    pub pupils: Vec<Pupil>,
    /// Every problem found in rows that were imported, in row order.
    pub issues: Vec<ImportIssue>,
    /// Rows below the header that held anything (blank rows are not counted);
    /// always `imported() + skipped.len()`.
    pub rows_read: usize,
    /// Rows read but not imported, with the reason.
    pub skipped: Vec<SkippedRow>,
    /// Fully blank rows passed over (not a problem, just counted).
    pub blank_rows: usize,
}

impl ImportReport {
    /// How many pupils were imported.
    pub fn imported(&self) -> usize {
        self.pupils.len()
    }
}

/// Plans the import of the sheet that looks most like a pupil list: its header row and
/// the automatic mapping, or the mapping the user confirmed earlier for the same headings.
///
/// Fails with [`ImportError::NoData`] when every sheet is blank and
/// [`ImportError::NoPupilColumns`] when no sheet has a UPN or name column.
pub fn plan(wb: &RawWorkbook, memory: &MappingMemory) -> Result<ImportPlan, ImportError> {
    if wb.sheets.iter().all(sheet_is_blank) {
        return Err(ImportError::NoData);
    }
    let sheet = choose_sheet(wb).ok_or(ImportError::NoPupilColumns)?;
    plan_for_sheet(wb, sheet, memory)
}

/// Plans the import of one chosen sheet (when the user picks another than
/// [`plan`] chose). Fails like [`plan`].
pub fn plan_for_sheet(
    wb: &RawWorkbook,
    sheet: usize,
    memory: &MappingMemory,
) -> Result<ImportPlan, ImportError> {
    let raw = wb.sheets.get(sheet).ok_or(ImportError::NoData)?;
    if sheet_is_blank(raw) {
        return Err(ImportError::NoData);
    }
    let header_row = find_header_row(raw).ok_or(ImportError::NoPupilColumns)?;
    let headings = headings(raw, header_row);
    let mapping = memory
        .recall(&headings)
        .unwrap_or_else(|| auto_map(&headings));
    if !mapping.has_pupil_columns() {
        return Err(ImportError::NoPupilColumns);
    }
    Ok(ImportPlan {
        sheet,
        header_row,
        headings,
        mapping,
    })
}

fn sheet_is_blank(sheet: &RawSheet) -> bool {
    sheet.rows.iter().all(|row| is_blank_row(row))
}

/// The letters of a column as Excel shows them: 0 is "A", 25 "Z", 26 "AA".
pub fn column_letter(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Up to `n` values of one column as the review screen shows them once parsed:
/// "13/03/2026", "93.5%", "Year 7", "SEN support", or "?? not understood: xyz" for a
/// value the column's field cannot read. Blank cells, blank rows and footer rows are
/// passed over.
pub fn sample_values(wb: &RawWorkbook, plan: &ImportPlan, column: usize, n: usize) -> Vec<String> {
    let Some(sheet) = wb.sheets.get(plan.sheet) else {
        return Vec::new();
    };
    let field = plan.mapping.field(column);
    let width = plan.headings.len();
    sheet
        .rows
        .iter()
        .skip(plan.header_row + 1)
        .filter(|row| {
            !is_blank_row(row)
                && footer_reason(row, width).is_none()
                && !is_repeated_header(row, &plan.headings)
        })
        .filter_map(|row| row.get(column).filter(|cell| !cell.is_blank()))
        .take(n)
        .map(|cell| match interpret(field, cell, wb.decimal_comma) {
            Ok(value) => value.shown(),
            Err(_) => format!("?? not understood: {}", cell.to_text().trim()),
        })
        .collect()
}

/// One cell read as its column's field.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    Text(String),
    Upn(Upn),
    Date(NaiveDate),
    Year(YearGroup),
    Sen(SenStatus),
    Need(PrimaryNeed),
    Proficiency(EalProficiency),
    Gender(Gender),
    YesNo(bool),
    Count(u32),
    Percent(Percent),
    Score(IdaciScore),
    Band(IdaciBand),
    Decile(IdaciDecile),
}

impl Value {
    /// The value as the review screen shows it.
    fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(text) => text.clone(),
            Value::Upn(upn) => upn.to_string(),
            Value::Date(date) => format_uk_date(*date),
            Value::Year(year) => year.label(),
            Value::Sen(sen) => format!("{} ({})", sen.label(), sen.code()),
            Value::Need(need) => need.code().to_string(),
            Value::Proficiency(proficiency) => {
                format!("{} ({})", proficiency.letter(), proficiency.label())
            }
            Value::Gender(gender) => gender.to_string(),
            Value::YesNo(true) => "Yes".to_string(),
            Value::YesNo(false) => "No".to_string(),
            Value::Count(count) => count.to_string(),
            Value::Percent(percent) => percent.to_string(),
            Value::Score(score) => score.to_string(),
            Value::Band(band) => band.to_string(),
            Value::Decile(decile) => format!("Decile {decile}"),
        }
    }
}

/// The cell's text for parsing: trimmed; numbers as a spreadsheet shows them.
fn cell_text(cell: &Cell) -> String {
    cell.to_text().trim().to_string()
}

/// Text of a number written in a numeric column: a decimal comma becomes a point when
/// the file uses decimal commas; otherwise commas are thousands separators ("1,200").
fn numeric_text(text: &str, decimal_comma: bool) -> String {
    if decimal_comma {
        text.replace(',', ".")
    } else {
        text.replace(',', "")
    }
}

fn is_date_field(field: &Field) -> bool {
    matches!(
        field,
        Field::DateOfBirth | Field::ArrivalDate | Field::EntryDate
    )
}

/// Reads one cell as `field`, or says in plain English what was expected.
fn interpret(field: &Field, cell: &Cell, decimal_comma: bool) -> Result<Value, CellProblem> {
    if let Cell::Error(error) = cell {
        return Err(CellProblem::SpreadsheetError(error.clone()));
    }
    if cell.is_blank() {
        return Ok(Value::Empty);
    }
    if is_date_field(field) {
        return match cell {
            Cell::Number(serial) | Cell::Date(serial) => date_from_excel_serial(*serial)
                .map(Value::Date)
                .ok_or(CellProblem::NotADate),
            _ => parse_date(&cell_text(cell))
                .map(|date| date.map_or(Value::Empty, Value::Date))
                .map_err(CellProblem::from),
        };
    }
    let text = cell_text(cell);
    let optional = |value: Option<Value>| value.unwrap_or(Value::Empty);
    match field {
        Field::Upn => Upn::parse(&text).map(Value::Upn).map_err(CellProblem::from),
        Field::Surname
        | Field::Forename
        | Field::PreferredName
        | Field::Class
        | Field::FirstLanguage
        | Field::SchoolId
        | Field::SchoolName
        | Field::DfeNumber
        | Field::FullName
        | Field::AttainmentCurrent(_)
        | Field::AttainmentTarget(_)
        | Field::AttainmentPrior(_)
        | Field::Ignore => Ok(Value::Text(text)),
        Field::Gender => Gender::parse(&text)
            .map(|v| optional(v.map(Value::Gender)))
            .map_err(CellProblem::from),
        Field::YearGroup => YearGroup::parse(&text)
            .map(|v| optional(v.map(Value::Year)))
            .map_err(CellProblem::from),
        Field::SenStatus => SenStatus::parse(&text)
            .map(|v| optional(v.map(Value::Sen)))
            .map_err(CellProblem::from),
        Field::PrimaryNeed => PrimaryNeed::parse(&text)
            .map(|v| optional(v.map(Value::Need)))
            .map_err(CellProblem::from),
        Field::EalProficiency => EalProficiency::parse(&text)
            .map(|v| optional(v.map(Value::Proficiency)))
            .map_err(CellProblem::from),
        Field::LookedAfter
        | Field::Eal
        | Field::NewArrival
        | Field::Fsm
        | Field::PupilPremium
        | Field::PermanentExclusion => parse_yes_no(&text)
            .map(|v| optional(v.map(Value::YesNo)))
            .map_err(CellProblem::from),
        Field::SchoolMoves
        | Field::SessionsPossible
        | Field::SessionsAttended
        | Field::Suspensions
        | Field::SuspensionSessions => parse_count(&numeric_text(&text, decimal_comma))
            .map(|v| optional(v.map(Value::Count)))
            .map_err(CellProblem::from),
        Field::Attendance => {
            let number = if decimal_comma {
                text.replace(',', ".")
            } else {
                text.clone()
            };
            Percent::parse(&number)
                .map(|v| optional(v.map(Value::Percent)))
                .map_err(|e| {
                    if over_one_hundred(&number) {
                        CellProblem::AttendanceOverAHundred(e)
                    } else {
                        CellProblem::Value(e)
                    }
                })
        }
        Field::IdaciScore => {
            let number = if decimal_comma {
                text.replace(',', ".")
            } else {
                text.clone()
            };
            // An "IDACI" column sometimes holds the band or the decile instead.
            IdaciScore::parse(&number)
                .map(|v| optional(v.map(Value::Score)))
                .or_else(|error| match IdaciBand::parse(&text) {
                    Ok(band) => Ok(optional(band.map(Value::Band))),
                    Err(_) => match IdaciDecile::parse(&text) {
                        Ok(decile) => Ok(optional(decile.map(Value::Decile))),
                        Err(_) => Err(CellProblem::Value(error)),
                    },
                })
        }
        Field::IdaciBand => IdaciBand::parse(&text)
            .map(|v| optional(v.map(Value::Band)))
            .map_err(CellProblem::from),
        Field::IdaciDecile => IdaciDecile::parse(&numeric_text(&text, decimal_comma))
            .map(|v| optional(v.map(Value::Decile)))
            .map_err(CellProblem::from),
        Field::DateOfBirth | Field::ArrivalDate | Field::EntryDate => {
            // Handled above; kept for exhaustiveness.
            Ok(Value::Empty)
        }
    }
}

/// Why a cell could not be read as its column's field, said in plain English after the
/// cell's place in the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
enum CellProblem {
    /// The spreadsheet itself shows an error in the cell (`#DIV/0!`, say).
    #[error("expected a value, not the spreadsheet error {0}")]
    SpreadsheetError(String),
    /// A date column holds a number that is no date.
    #[error("expected a date such as 13/03/2026")]
    NotADate,
    #[error(transparent)]
    Value(#[from] ValueError),
    #[error(transparent)]
    Upn(#[from] UpnError),
    #[error("attendance over 100%: {0}")]
    AttendanceOverAHundred(ValueError),
}

/// True when `text` is a number above 100, with or without a % sign.
fn over_one_hundred(text: &str) -> bool {
    text.trim()
        .trim_end_matches('%')
        .trim()
        .parse::<f64>()
        .is_ok_and(|number| number > 100.0)
}

/// Puts a read value into the pupil's field.
fn apply(pupil: &mut Pupil, field: &Field, value: Value) {
    let text = |value: &Value| match value {
        Value::Text(text) if !text.is_empty() => Some(text.clone()),
        _ => None,
    };
    match (field, &value) {
        (Field::Upn, Value::Upn(upn)) => pupil.upn = Some(upn.clone()),
        (Field::Surname, Value::Text(name)) => pupil.surname = name.clone(),
        (Field::Forename, Value::Text(name)) => pupil.forename = name.clone(),
        (Field::PreferredName, _) => pupil.preferred_name = text(&value),
        (Field::Class, _) => pupil.class = text(&value),
        (Field::FirstLanguage, _) => pupil.first_language = text(&value),
        (Field::SchoolId, _) => pupil.school_id = text(&value),
        (Field::SchoolName, _) => pupil.school_name = text(&value),
        (Field::DfeNumber, _) => pupil.dfe_number = text(&value),
        (Field::Gender, Value::Gender(gender)) => pupil.gender = Some(*gender),
        (Field::DateOfBirth, Value::Date(date)) => pupil.date_of_birth = Some(*date),
        (Field::ArrivalDate, Value::Date(date)) => pupil.arrival_date = Some(*date),
        (Field::EntryDate, Value::Date(date)) => pupil.entry_date = Some(*date),
        (Field::YearGroup, Value::Year(year)) => pupil.year_group = Some(*year),
        (Field::SenStatus, Value::Sen(sen)) => pupil.sen_status = Some(*sen),
        (Field::PrimaryNeed, Value::Need(need)) => pupil.primary_need = Some(*need),
        (Field::EalProficiency, Value::Proficiency(p)) => pupil.eal_proficiency = Some(*p),
        (Field::LookedAfter, Value::YesNo(yes)) => pupil.looked_after = Some(*yes),
        (Field::Eal, Value::YesNo(yes)) => pupil.eal = Some(*yes),
        (Field::NewArrival, Value::YesNo(yes)) => pupil.new_arrival = Some(*yes),
        (Field::Fsm, Value::YesNo(yes)) => pupil.fsm = Some(*yes),
        (Field::PupilPremium, Value::YesNo(yes)) => pupil.pupil_premium = Some(*yes),
        (Field::PermanentExclusion, Value::YesNo(yes)) => pupil.permanent_exclusion = Some(*yes),
        (Field::SchoolMoves, Value::Count(n)) => pupil.school_moves = Some(*n),
        (Field::SessionsPossible, Value::Count(n)) => pupil.sessions_possible = Some(*n),
        (Field::SessionsAttended, Value::Count(n)) => pupil.sessions_attended = Some(*n),
        (Field::Suspensions, Value::Count(n)) => pupil.suspensions = Some(*n),
        (Field::SuspensionSessions, Value::Count(n)) => pupil.suspension_sessions = Some(*n),
        (Field::Attendance, Value::Percent(percent)) => pupil.attendance = Some(*percent),
        (Field::IdaciScore | Field::IdaciBand | Field::IdaciDecile, Value::Score(score)) => {
            pupil.idaci_score = Some(*score);
        }
        (Field::IdaciScore | Field::IdaciBand | Field::IdaciDecile, Value::Band(band)) => {
            pupil.idaci_band.get_or_insert(*band);
        }
        (Field::IdaciScore | Field::IdaciBand | Field::IdaciDecile, Value::Decile(decile)) => {
            pupil.idaci_decile.get_or_insert(*decile);
        }
        (Field::AttainmentCurrent(subject), _)
        | (Field::AttainmentTarget(subject), _)
        | (Field::AttainmentPrior(subject), _) => {
            if let Some(result) = text(&value) {
                let index = match pupil.attainment.iter().position(|a| &a.subject == subject) {
                    Some(index) => index,
                    None => {
                        pupil.attainment.push(SubjectAttainment {
                            subject: subject.clone(),
                            ..SubjectAttainment::default()
                        });
                        pupil.attainment.len() - 1
                    }
                };
                if let Some(attainment) = pupil.attainment.get_mut(index) {
                    match field {
                        Field::AttainmentCurrent(_) => attainment.current = Some(result),
                        Field::AttainmentTarget(_) => attainment.target = Some(result),
                        _ => attainment.prior = Some(result),
                    }
                }
            }
        }
        _ => {}
    }
}

/// Splits a single name column: "Surname, Forename" at the first comma, otherwise
/// "Forename Surname" at the last space. Returns (surname, forename).
pub fn split_full_name(name: &str) -> (String, String) {
    let name = name.trim();
    if let Some((surname, forename)) = name.split_once(',') {
        return (surname.trim().to_string(), forename.trim().to_string());
    }
    match name.rsplit_once(char::is_whitespace) {
        Some((forename, surname)) => (surname.trim().to_string(), forename.trim().to_string()),
        None => (name.to_string(), String::new()),
    }
}

/// Where a cell is, for an issue.
struct Location<'a> {
    sheet: &'a str,
    row: usize,
}

impl Location<'_> {
    fn issue(
        &self,
        plan: &ImportPlan,
        column: Option<usize>,
        value: &str,
        problem: String,
    ) -> ImportIssue {
        ImportIssue {
            sheet: self.sheet.to_string(),
            row: self.row,
            column: column.map(column_letter),
            heading: column.and_then(|c| plan.headings.get(c).cloned()),
            value: value.to_string(),
            problem,
        }
    }
}

/// One row read into a pupil, with its problems.
struct RowRead {
    pupil: Pupil,
    issues: Vec<ImportIssue>,
    /// The UPN cell's text, as written.
    upn_text: String,
    /// True when the attendance cell held something that could not be read.
    attendance_bad: bool,
}

fn read_row(row: &[Cell], plan: &ImportPlan, location: &Location, decimal_comma: bool) -> RowRead {
    let mut pupil = Pupil::default();
    let mut issues = Vec::new();
    let mut upn_text = String::new();
    let mut full_name = String::new();
    let mut attendance_bad = false;
    let columns = plan.mapping.columns.len().max(row.len());
    for column in 0..columns {
        let cell = row.get(column).unwrap_or(&Cell::Empty);
        let field = plan.mapping.field(column);
        if *field == Field::Ignore {
            if !cell.is_blank() {
                let heading = plan
                    .headings
                    .get(column)
                    .filter(|heading| !heading.is_empty())
                    .cloned()
                    .unwrap_or_else(|| format!("Column {}", column_letter(column)));
                pupil.extra.push((heading, extra_text(cell)));
            }
            continue;
        }
        if *field == Field::Upn {
            upn_text = cell_text(cell);
        }
        match interpret(field, cell, decimal_comma) {
            Ok(Value::Text(text)) if *field == Field::FullName => full_name = text,
            Ok(value) => apply(&mut pupil, field, value),
            Err(problem) => {
                if *field == Field::Attendance {
                    attendance_bad = true;
                }
                let problem = if *field == Field::Upn {
                    format!("{problem} (the UPN was left empty)")
                } else {
                    problem.to_string()
                };
                issues.push(location.issue(plan, Some(column), &cell.to_text(), problem));
            }
        }
    }
    if pupil.surname.is_empty() && pupil.forename.is_empty() && !full_name.is_empty() {
        let (surname, forename) = split_full_name(&full_name);
        pupil.surname = surname;
        pupil.forename = forename;
    }
    RowRead {
        pupil,
        issues,
        upn_text,
        attendance_bad,
    }
}

/// An unmapped cell kept as text: dates as UK dates, numbers as a spreadsheet shows them.
fn extra_text(cell: &Cell) -> String {
    match cell {
        Cell::Date(serial) => date_from_excel_serial(*serial)
            .map(format_uk_date)
            .unwrap_or_else(|| format_number(*serial)),
        _ => cell_text(cell),
    }
}

/// The academic year (its starting calendar year) a pupil of `year_group` born on
/// `birth` would be in that year group: Year 1 pupils born Sept 2019 – Aug 2020 are in
/// Year 1 in 2025/26.
fn implied_academic_year(birth: NaiveDate, year_group: YearGroup) -> i32 {
    let birth_year_start = if birth.month() >= 9 {
        birth.year()
    } else {
        birth.year() - 1
    };
    let offset = match year_group {
        YearGroup::N1 => -2,
        YearGroup::N2 => -1,
        YearGroup::Reception => 0,
        YearGroup::Year(n) => i32::from(n),
    };
    birth_year_start + offset + 5
}

/// Surname, forename and date of birth: how a pupil without a UPN is recognised.
type NameKey = (String, String, Option<NaiveDate>);

/// Earliest and latest plausible birth years when a pupil's year group is unknown.
const BIRTH_YEARS: std::ops::RangeInclusive<i32> = 1990..=2030;

/// Imports every row of the planned sheet. Returns the pupils in row order and every
/// problem found. The rules:
///
/// - Every mapped cell is read with its field's parser (a stored date or number in a
///   date column as an Excel serial; decimal commas when the file uses them). A cell
///   that cannot be read is left empty and listed as an issue saying what was expected.
/// - Blank rows are counted in [`ImportReport::blank_rows`], not listed. A repeated
///   heading row, a totals row and a footer line ("Report generated by …") are skipped
///   with their reason, as is a row with no name and no valid UPN.
/// - A row that repeats an earlier pupil in every value is skipped ("same pupil as row
///   N") and listed. A UPN already used by a different pupil is left empty on the later
///   row, with an issue naming the earlier row. A wrong check letter or a missing UPN is
///   an issue; the pupil is still imported.
/// - A date of birth that does not fit the pupil's year group (two or more years out
///   from the rest of the file), or outside 1990–2030 when the year group is unknown,
///   is left empty and listed. Attendance over 100% is an issue; attendance is worked
///   out from sessions when the file gives no percentage.
/// - Names are kept exactly as written, trimmed; a single name column is split.
///   Unmapped columns are kept in [`Pupil::extra`].
pub fn build(wb: &RawWorkbook, plan: &ImportPlan) -> ImportReport {
    let mut report = ImportReport::default();
    let Some(sheet) = wb.sheets.get(plan.sheet) else {
        return report;
    };
    let width = plan.headings.len();
    let upn_column = plan.mapping.column_of(&Field::Upn);
    let dob_column = plan.mapping.column_of(&Field::DateOfBirth);
    let attended_column = plan.mapping.column_of(&Field::SessionsAttended);
    let mut by_upn: HashMap<Upn, (usize, usize)> = HashMap::new();
    let mut by_name: HashMap<NameKey, Vec<(usize, usize)>> = HashMap::new();
    // (pupil index, row number, DOB text) for the date-of-birth check after all rows.
    let mut births: Vec<(usize, usize, String)> = Vec::new();

    for (index, row) in sheet.rows.iter().enumerate().skip(plan.header_row + 1) {
        let row_number = index + 1;
        if is_blank_row(row) {
            report.blank_rows += 1;
            continue;
        }
        report.rows_read += 1;
        if is_repeated_header(row, &plan.headings) {
            report.skipped.push(SkippedRow {
                row: row_number,
                reason: "the heading row again, not a pupil".to_string(),
            });
            continue;
        }
        if let Some(reason) = footer_reason(row, width) {
            report.skipped.push(SkippedRow {
                row: row_number,
                reason: reason.to_string(),
            });
            continue;
        }
        let location = Location {
            sheet: &sheet.name,
            row: row_number,
        };
        let RowRead {
            mut pupil,
            mut issues,
            upn_text,
            attendance_bad,
        } = read_row(row, plan, &location, wb.decimal_comma);

        let has_name = !pupil.surname.is_empty() || !pupil.forename.is_empty();
        if !has_name && pupil.upn.is_none() {
            let reason = if upn_text.is_empty() {
                "no name and no UPN".to_string()
            } else {
                format!("no name, and the UPN \"{upn_text}\" is not valid")
            };
            report.skipped.push(SkippedRow {
                row: row_number,
                reason,
            });
            continue;
        }

        // Sessions and attendance.
        if let (Some(attended), Some(possible)) = (pupil.sessions_attended, pupil.sessions_possible)
        {
            if attended > possible {
                issues.push(location.issue(
                    plan,
                    attended_column,
                    &attended.to_string(),
                    format!("sessions attended no more than sessions possible ({possible})"),
                ));
            } else if pupil.attendance.is_none() && !attendance_bad {
                pupil.attendance = Percent::from_sessions(attended, possible);
            }
        }

        let mut birth_text = None;
        // Date of birth: checked against the range here, against the year group after.
        if let Some(birth) = pupil.date_of_birth {
            let text = dob_column
                .and_then(|column| row.get(column))
                .map(Cell::to_text)
                .unwrap_or_default();
            if pupil.year_group.is_none() && !BIRTH_YEARS.contains(&birth.year()) {
                issues.push(location.issue(
                    plan,
                    dob_column,
                    &text,
                    format!(
                        "a date of birth between {} and {}, not {} (left empty)",
                        BIRTH_YEARS.start(),
                        BIRTH_YEARS.end(),
                        format_uk_date(birth)
                    ),
                ));
                pupil.date_of_birth = None;
            } else {
                birth_text = Some(text);
            }
        }

        // Duplicates: the same pupil again is skipped; another pupil with the same UPN
        // is imported without it.
        let name_key = (
            pupil.surname.clone(),
            pupil.forename.clone(),
            pupil.date_of_birth,
        );
        let earlier = match &pupil.upn {
            Some(upn) => by_upn.get(upn).map(|found| vec![*found]),
            None => by_name.get(&name_key).cloned(),
        };
        if let Some(same) = earlier
            .iter()
            .flatten()
            .find(|(_, at)| report.pupils.get(*at) == Some(&pupil))
        {
            let reason = format!("same pupil as row {}", same.0);
            report.issues.push(location.issue(
                plan,
                upn_column,
                &upn_text,
                format!("{reason}: every value is the same, so this row was skipped"),
            ));
            report.skipped.push(SkippedRow {
                row: row_number,
                reason,
            });
            continue;
        }
        if let Some(upn) = pupil.upn.clone() {
            if let Some((other_row, _)) = by_upn.get(&upn) {
                issues.push(location.issue(
                    plan,
                    upn_column,
                    &upn_text,
                    format!(
                        "duplicate UPN, also on row {other_row}: a UPN belongs to one pupil \
                         (the UPN was left empty on this row)"
                    ),
                ));
                pupil.upn = None;
            }
        }
        if upn_column.is_some() && upn_text.is_empty() {
            issues.push(
                location.issue(
                    plan,
                    upn_column,
                    "",
                    "a UPN: this pupil has none, so later files will match them by name and \
                 date of birth"
                        .to_string(),
                ),
            );
        }

        let at = report.pupils.len();
        if let Some(text) = birth_text {
            births.push((at, row_number, text));
        }
        if let Some(upn) = &pupil.upn {
            by_upn.insert(upn.clone(), (row_number, at));
        }
        by_name.entry(name_key).or_default().push((row_number, at));
        report.pupils.push(pupil);
        report.issues.extend(issues);
    }

    check_births_against_year_groups(&mut report, plan, &sheet.name, dob_column, &births);
    report.issues.sort_by_key(|issue| issue.row);
    report
}

/// Flags dates of birth that do not fit the pupil's year group. With no clock, the
/// file's own year groups say which academic year it is: the most common "academic year
/// implied by birth date and year group" is taken as the file's, and a pupil two or
/// more years away from it has an impossible date of birth (one year out happens when a
/// pupil is taught out of their cohort). The date is left empty.
fn check_births_against_year_groups(
    report: &mut ImportReport,
    plan: &ImportPlan,
    sheet: &str,
    dob_column: Option<usize>,
    births: &[(usize, usize, String)],
) {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for (at, _, _) in births {
        if let Some(pupil) = report.pupils.get(*at) {
            if let (Some(birth), Some(year)) = (pupil.date_of_birth, pupil.year_group) {
                *counts
                    .entry(implied_academic_year(birth, year))
                    .or_default() += 1;
            }
        }
    }
    let Some(file_year) = counts
        .iter()
        .max_by_key(|(year, count)| (**count, -**year))
        .map(|(year, _)| *year)
    else {
        return;
    };
    for (at, row, text) in births {
        let Some(pupil) = report.pupils.get_mut(*at) else {
            continue;
        };
        let (Some(birth), Some(year)) = (pupil.date_of_birth, pupil.year_group) else {
            continue;
        };
        if (implied_academic_year(birth, year) - file_year).abs() >= 2 {
            let location = Location { sheet, row: *row };
            report.issues.push(location.issue(
                plan,
                dob_column,
                text,
                format!(
                    "a date of birth that fits {}, not {} (left empty)",
                    year.label(),
                    format_uk_date(birth)
                ),
            ));
            pupil.date_of_birth = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::raw::{FileKind, RawSheet};

    fn cell(text: &str) -> Cell {
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text.to_string())
        }
    }

    fn workbook(rows: Vec<Vec<Cell>>) -> RawWorkbook {
        RawWorkbook::new(
            FileKind::Xlsx,
            vec![RawSheet {
                name: "Pupil List".to_string(),
                rows,
            }],
        )
    }

    fn text_rows(rows: &[&[&str]]) -> Vec<Vec<Cell>> {
        rows.iter()
            .map(|row| row.iter().map(|text| cell(text)).collect())
            .collect()
    }

    fn import(wb: &RawWorkbook) -> (ImportPlan, ImportReport) {
        let plan = plan(wb, &MappingMemory::default()).expect("a plan");
        let report = build(wb, &plan);
        (plan, report)
    }

    /// Checks that the report lists a problem at `row` and `column` whose text contains
    /// `words`.
    fn check(report: &ImportReport, row: usize, column: &str, words: &str) {
        assert!(
            report.issues.iter().any(|issue| issue.row == row
                && issue.column.as_deref() == Some(column)
                && issue.problem.contains(words)),
            "no issue at {column}{row} saying {words:?}; issues: {:#?}",
            report.issues
        );
    }

    const HEADINGS: &[&str] = &[
        "UPN",
        "Surname",
        "Forename",
        "D.O.B.",
        "Year",
        "SEN",
        "Attendance %",
        "Notes",
    ];

    fn messy() -> RawWorkbook {
        let mut rows = text_rows(&[
            &["Oakfield Academy - Student List"],
            &["Exported from SIMS 13/03/2026"],
            &[],
            &["Student details", "", "", "", "", "SEN", "Attendance"],
            HEADINGS,
            &[
                "J373275618919",
                "Kovalenko ",
                " Solomiia",
                "",
                "Year 7",
                "K",
                "96.3",
                "nuts",
            ],
            &[
                "B373379918086",
                "Conceição",
                "Inês",
                "23.05.14",
                "7",
                "n",
                "0.982",
                "",
            ],
            &["", "Islam", "Nabil", "2013-09-01", "Y7", "N", "101.5", ""],
            &[],
            &[
                "J373275618919",
                "Kovalenko",
                "Solomiia",
                "21/04/2014",
                "Year 7",
                "K",
                "96.3%",
                "nuts",
            ],
            &[
                "J373275618919",
                "Other",
                "Pupil",
                "01/01/2014",
                "Year 7",
                "N",
                "90",
                "",
            ],
            &["", "", "", "", "Year 7", "N", "90", ""],
            &[
                "C373373918849",
                "Rahman",
                "Rafi",
                "30/01/2014",
                "Year 15",
                "Q",
                "97.1",
                "",
            ],
            &[
                "D373202518564",
                "Old",
                "Timer",
                "07/12/2001",
                "Year 7",
                "N",
                "97",
                "",
            ],
            &["Total", "", "", "", "", "", "95.1"],
            &["Report generated by SIMS Reporting Engine"],
        ]);
        // An Excel date stored as a number in the first pupil's D.O.B. cell.
        rows[5][3] = Cell::Number(41750.0);
        workbook(rows)
    }

    #[test]
    fn header_below_title_rows_and_group_header_is_planned() {
        let (plan, _) = import(&messy());
        assert_eq!(plan.header_row, 4);
        assert_eq!(plan.headings, HEADINGS);
        assert_eq!(plan.mapping.field(3), &Field::DateOfBirth);
        assert_eq!(plan.mapping.field(7), &Field::Ignore);
    }

    #[test]
    fn every_row_is_accounted_for() {
        let (_, report) = import(&messy());
        let names: Vec<String> = report
            .pupils
            .iter()
            .map(|p| format!("{} {}", p.forename, p.surname))
            .collect();
        assert_eq!(
            names,
            [
                "Solomiia Kovalenko",
                "Inês Conceição",
                "Nabil Islam",
                "Pupil Other",
                "Rafi Rahman",
                "Timer Old"
            ]
        );
        let skipped: Vec<(usize, &str)> = report
            .skipped
            .iter()
            .map(|s| (s.row, s.reason.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                (10, "same pupil as row 6"),
                (12, "no name and no UPN"),
                (15, "a totals row"),
                (16, "a footer line, not a pupil"),
            ]
        );
        assert_eq!(report.blank_rows, 1);
        assert_eq!(report.rows_read, report.imported() + report.skipped.len());
    }

    #[test]
    fn bad_cells_are_left_empty_and_listed_with_row_and_column() {
        let (_, report) = import(&messy());
        check(&report, 7, "A", "check letter should be M, not B");
        check(&report, 8, "A", "has none");
        check(&report, 8, "G", "over 100%");
        check(&report, 10, "A", "same pupil as row 6");
        check(&report, 11, "A", "duplicate UPN, also on row 6");
        check(&report, 13, "E", "year group");
        check(&report, 13, "F", "SEN status");
        check(&report, 14, "D", "fits Year 7");
        let by_row = |row: usize| {
            &report.pupils[match row {
                6 => 0,
                7 => 1,
                8 => 2,
                11 => 3,
                13 => 4,
                _ => 5,
            }]
        };
        assert_eq!(by_row(7).upn, None);
        assert_eq!(by_row(8).attendance, None);
        assert_eq!(by_row(11).upn, None);
        assert_eq!(by_row(13).year_group, None);
        assert_eq!(by_row(13).sen_status, None);
        assert_eq!(by_row(14).date_of_birth, None);
        let rows: Vec<usize> = report.issues.iter().map(|i| i.row).collect();
        let mut sorted = rows.clone();
        sorted.sort();
        assert_eq!(rows, sorted, "issues are in row order");
        let issue = &report.issues[0];
        assert_eq!(issue.sheet, "Pupil List");
        assert_eq!(issue.heading.as_deref(), Some("UPN"));
        assert_eq!(issue.value, "B373379918086");
    }

    #[test]
    fn values_are_parsed_and_names_kept_as_written() {
        let (_, report) = import(&messy());
        let first = &report.pupils[0];
        assert_eq!(first.surname, "Kovalenko");
        assert_eq!(first.forename, "Solomiia");
        assert_eq!(first.date_of_birth, NaiveDate::from_ymd_opt(2014, 4, 21));
        assert_eq!(first.year_group, Some(YearGroup::Year(7)));
        assert_eq!(first.sen_status, Some(SenStatus::SenSupport));
        assert_eq!(first.attendance.map(|p| p.hundredths()), Some(9630));
        assert_eq!(first.extra, vec![("Notes".to_string(), "nuts".to_string())]);
        let second = &report.pupils[1];
        assert_eq!(second.surname, "Conceição");
        assert_eq!(second.date_of_birth, NaiveDate::from_ymd_opt(2014, 5, 23));
        assert_eq!(second.sen_status, Some(SenStatus::NoSen));
        assert_eq!(second.attendance.map(|p| p.hundredths()), Some(9820));
    }

    #[test]
    fn sample_values_show_parsed_values_as_the_review_screen_does() {
        let wb = messy();
        let (plan, _) = import(&wb);
        assert_eq!(
            sample_values(&wb, &plan, 3, 3),
            ["21/04/2014", "23/05/2014", "01/09/2013"]
        );
        assert_eq!(sample_values(&wb, &plan, 4, 2), ["Year 7", "Year 7"]);
        assert_eq!(
            sample_values(&wb, &plan, 6, 3),
            ["96.3%", "98.2%", "?? not understood: 101.5"]
        );
        assert_eq!(
            sample_values(&wb, &plan, 0, 2),
            ["J373275618919", "?? not understood: B373379918086"]
        );
        assert!(sample_values(&wb, &plan, 99, 2).is_empty());
    }

    #[test]
    fn full_name_columns_are_split_and_attendance_comes_from_sessions() {
        let wb = workbook(text_rows(&[
            &[
                "Name",
                "Year Group",
                "Possible Sessions",
                "Attended Sessions",
                "Maths TA",
                "KS2 Maths",
            ],
            &["SMITH, John", "3", "200", "180", "EXS", "104"],
            &["Amelia Rose Jones", "R", "100", "101", "", ""],
        ]));
        let (_, report) = import(&wb);
        let john = &report.pupils[0];
        assert_eq!(
            (john.surname.as_str(), john.forename.as_str()),
            ("SMITH", "John")
        );
        assert_eq!(john.attendance.map(|p| p.hundredths()), Some(9000));
        assert_eq!(
            john.attainment,
            vec![SubjectAttainment {
                subject: "Maths".to_string(),
                current: Some("EXS".to_string()),
                target: None,
                prior: Some("104".to_string()),
            }]
        );
        let amelia = &report.pupils[1];
        assert_eq!(
            (amelia.surname.as_str(), amelia.forename.as_str()),
            ("Jones", "Amelia Rose")
        );
        assert_eq!(amelia.attendance, None);
        check(&report, 3, "D", "no more than sessions possible");
    }

    #[test]
    fn plan_refuses_blank_files_and_files_without_pupil_columns() {
        let blank = workbook(text_rows(&[&["", ""], &[]]));
        assert_eq!(
            plan(&blank, &MappingMemory::default()),
            Err(ImportError::NoData)
        );
        let no_pupils = workbook(text_rows(&[&["Year Group", "FSM"], &["7", "Y"]]));
        assert_eq!(
            plan(&no_pupils, &MappingMemory::default()),
            Err(ImportError::NoPupilColumns)
        );
        let unknown = workbook(text_rows(&[&["Code", "Meaning"], &["K", "SEN"]]));
        assert_eq!(
            plan(&unknown, &MappingMemory::default()),
            Err(ImportError::NoPupilColumns)
        );
    }

    #[test]
    fn a_remembered_mapping_is_used_for_the_same_headings() {
        let wb = workbook(text_rows(&[&["UPN", "Mystery"], &["J373275618919", "Y"]]));
        let mut memory = MappingMemory::default();
        let (first, _) = import(&wb);
        assert_eq!(first.mapping.field(1), &Field::Ignore);
        let confirmed = ColumnMapping {
            columns: vec![Field::Upn, Field::Fsm],
        };
        memory.remember(&first.headings, &confirmed);
        let second = plan(&wb, &memory).expect("a plan");
        assert_eq!(second.mapping, confirmed);
        assert_eq!(build(&wb, &second).pupils[0].fsm, Some(true));
    }

    #[test]
    fn decimal_commas_and_error_cells_are_handled() {
        let mut wb = workbook(text_rows(&[
            &["UPN", "Surname", "Attendance", "IDACI"],
            &["J373275618919", "Smith", "93,5", "0,412"],
            &["C373373918849", "Jones", "", "C"],
        ]));
        wb.decimal_comma = true;
        wb.sheets[0].rows[2][2] = Cell::Error("#N/A".to_string());
        let (_, report) = import(&wb);
        assert_eq!(
            report.pupils[0].attendance.map(|p| p.hundredths()),
            Some(9350)
        );
        assert_eq!(
            report.pupils[0].idaci_score.map(|s| s.thousandths()),
            Some(412)
        );
        assert_eq!(report.pupils[1].idaci_band, Some(IdaciBand::C));
        check(&report, 3, "C", "spreadsheet error #N/A");
    }

    #[test]
    fn column_letters_run_past_z() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn split_full_name_handles_both_orders() {
        assert_eq!(
            split_full_name("O'Brien, Seán"),
            ("O'Brien".into(), "Seán".into())
        );
        assert_eq!(
            split_full_name("Seán O'Brien"),
            ("O'Brien".into(), "Seán".into())
        );
        assert_eq!(split_full_name("Cher"), ("Cher".into(), String::new()));
    }
}
