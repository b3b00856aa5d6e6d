//! The pupil table as exported: the planner's Tameside columns (each marker's text and
//! tone exactly as `planner_table` shows it), then the pupil's details as typed values, so
//! the All pupils sheet can be imported again and gives the same pupils.
//!
//! Headings are chosen for that round trip: the details use words the import recognises
//! ("Date of birth", "SEN status", "Attendance %"), and the marker columns say "marker" so
//! the import keeps them as extra columns instead of mistaking "SEN" for the SEN status.

use super::ExportInput;
use crate::core::planner_table::{cell, interventions_by_pupil, Cell, Column, RowContext, Tone};
use crate::core::privacy::Shown;
use crate::core::pupil::Pupil;
use crate::core::scoring::{Factor, PupilScore};
use chrono::NaiveDate;
use std::collections::HashMap;

/// How a number is shown in the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// A whole number.
    Whole,
    /// One decimal place (the overall indicator).
    OneDecimal,
    /// A percentage written as its number, e.g. 88.25 shown "88.25%".
    Percent,
    /// Three decimal places (IDACI score).
    Thousandths,
    /// Pounds and pence.
    Money,
}

impl NumberFormat {
    /// The Excel number format.
    pub fn excel(self) -> &'static str {
        match self {
            NumberFormat::Whole => "0",
            NumberFormat::OneDecimal => "0.0",
            NumberFormat::Percent => "0.00\"%\"",
            NumberFormat::Thousandths => "0.000",
            NumberFormat::Money => "£#,##0.00",
        }
    }
}

/// One cell's value, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing known.
    Blank,
    /// Text (neutralised when written).
    Text(String),
    /// A number with its exact text (for CSV) and how to show it.
    Number {
        /// The value.
        value: f64,
        /// The exact decimal text, e.g. "88.25".
        text: String,
        /// The workbook's display format.
        format: NumberFormat,
    },
    /// A date (dd/mm/yyyy in the workbook and the CSV).
    Date(NaiveDate),
}

impl Value {
    /// The text for CSV: dates as dd/mm/yyyy, numbers as their exact decimal.
    pub fn text(&self) -> String {
        match self {
            Value::Blank => String::new(),
            Value::Text(text) => text.clone(),
            Value::Number { text, .. } => text.clone(),
            Value::Date(date) => date.format("%d/%m/%Y").to_string(),
        }
    }
}

/// One exported cell: its value and the tone (fill colour) of a marker.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCell {
    /// The value.
    pub value: Value,
    /// Its colour; `Tone::Plain` for no fill.
    pub tone: Tone,
}

impl TableCell {
    fn plain(value: Value) -> TableCell {
        TableCell {
            value,
            tone: Tone::Plain,
        }
    }
}

impl From<Cell> for TableCell {
    fn from(cell: Cell) -> TableCell {
        TableCell {
            value: Value::Text(cell.text),
            tone: cell.tone,
        }
    }
}

/// A column of the exported table: its heading and width in characters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExportColumn {
    /// The heading.
    pub heading: &'static str,
    /// The width in the workbook, in characters.
    pub width: f64,
}

const fn column(heading: &'static str, width: f64) -> ExportColumn {
    ExportColumn { heading, width }
}

/// Every column, in order; [`pupil_row`] gives one cell per column.
pub const COLUMNS: [ExportColumn; 45] = [
    column("Surname", 18.0),
    column("Forename", 16.0),
    column("UPN", 15.0),
    column("Year group", 11.0),
    column("Class", 9.0),
    column("Birthday marker", 10.0),
    column("SEN marker", 10.0),
    column("Movement marker", 10.0),
    column("LAC marker", 10.0),
    column("Language marker", 10.0),
    column("Overall indicator", 10.0),
    column("RAG", 12.0),
    column("Deprivation marker", 12.0),
    column("Attendance marker", 16.0),
    column("Exclusions marker", 12.0),
    column("Attainment marker", 16.0),
    column("Interventions", 40.0),
    column("Preferred forename", 14.0),
    column("Gender", 9.0),
    column("Date of birth", 12.0),
    column("SEN status", 8.0),
    column("Primary need", 9.0),
    column("Looked after", 8.0),
    column("EAL", 6.0),
    column("Proficiency in English", 10.0),
    column("First language", 14.0),
    column("Date of arrival", 12.0),
    column("New arrival", 8.0),
    column("Date of entry", 12.0),
    column("School moves", 8.0),
    column("FSM", 6.0),
    column("Pupil premium", 8.0),
    column("IDACI score", 9.0),
    column("IDACI band", 7.0),
    column("IDACI decile", 7.0),
    column("Attendance %", 11.0),
    column("Sessions possible", 9.0),
    column("Sessions attended", 9.0),
    column("Suspensions", 9.0),
    column("Suspension sessions", 9.0),
    column("Permanent exclusion", 9.0),
    column("School ID", 10.0),
    column("School name", 24.0),
    column("DfE number", 10.0),
    column("Focus", 7.0),
];

/// The position of the first detail column (after the planner's own columns).
pub const FIRST_DETAIL_COLUMN: usize = 17;

fn text(value: impl Into<String>) -> TableCell {
    let value = value.into();
    TableCell::plain(if value.is_empty() {
        Value::Blank
    } else {
        Value::Text(value)
    })
}

fn optional_text(value: Option<impl ToString>) -> TableCell {
    value.map_or(TableCell::plain(Value::Blank), |v| text(v.to_string()))
}

fn yes_no(value: Option<bool>) -> TableCell {
    optional_text(value.map(|yes| if yes { "Yes" } else { "No" }))
}

fn date(value: Option<NaiveDate>) -> TableCell {
    TableCell::plain(value.map_or(Value::Blank, Value::Date))
}

/// A number given as an integer count of `1/scale`: exact text, f64 for the workbook.
fn scaled(units: i64, scale: i64, format: NumberFormat) -> Value {
    let sign = if units < 0 { "-" } else { "" };
    let whole = units.unsigned_abs() / scale.unsigned_abs();
    let fraction = units.unsigned_abs() % scale.unsigned_abs();
    let digits = scale.to_string().len() - 1;
    let text = if fraction == 0 {
        format!("{sign}{whole}")
    } else {
        let fraction = format!("{fraction:0digits$}");
        format!("{sign}{whole}.{}", fraction.trim_end_matches('0'))
    };
    Value::Number {
        value: units as f64 / scale as f64,
        text,
        format,
    }
}

fn count(value: Option<u32>) -> TableCell {
    TableCell::plain(value.map_or(Value::Blank, |n| {
        scaled(i64::from(n), 1, NumberFormat::Whole)
    }))
}

/// Money as a typed cell.
pub fn money(money: crate::core::value::Money) -> Value {
    scaled(money.pence(), 100, NumberFormat::Money)
}

/// One pupil's row: a cell per [`COLUMNS`] entry. `interventions` is their current
/// provision ("Attendance: Daily report; …"), `focus` their focus flag. The planner's
/// columns come from [`planner_table::cell`](crate::core::planner_table::cell) in full (an
/// export is never in privacy display mode), so they say what the grid says.
pub fn pupil_row(
    pupil: &Pupil,
    score: &PupilScore,
    focus: bool,
    interventions: &str,
) -> Vec<TableCell> {
    let row = RowContext {
        shown: Shown::Full,
        focus,
        interventions,
    };
    let planner = |column: Column| -> TableCell { cell(column, pupil, score, &row).into() };
    let overall = cell(Column::Overall, pupil, score, &row);
    let rag = TableCell {
        value: Value::Text(score.rag.label().to_string()),
        tone: overall.tone,
    };
    let overall_number = TableCell {
        value: scaled(
            score.overall.thousandths().div_euclid(100),
            10,
            NumberFormat::OneDecimal,
        ),
        tone: overall.tone,
    };
    let cells = vec![
        text(pupil.surname.clone()),
        text(pupil.forename.clone()),
        optional_text(pupil.upn.as_ref().map(|u| u.as_str().to_string())),
        optional_text(pupil.year_group.map(|y| y.label())),
        optional_text(pupil.class.clone()),
        planner(Column::Factor(Factor::Birthday)),
        planner(Column::Factor(Factor::Sen)),
        planner(Column::Factor(Factor::Movement)),
        planner(Column::Factor(Factor::Lac)),
        planner(Column::Factor(Factor::Language)),
        overall_number,
        rag,
        planner(Column::Deprivation),
        planner(Column::Attendance),
        planner(Column::Exclusions),
        planner(Column::Attainment),
        text(cell(Column::Interventions, pupil, score, &row).text),
        optional_text(pupil.preferred_name.clone()),
        optional_text(pupil.gender.map(|g| g.label())),
        date(pupil.date_of_birth),
        optional_text(pupil.sen_status.map(|s| s.code())),
        optional_text(pupil.primary_need.map(|n| n.code())),
        yes_no(pupil.looked_after),
        yes_no(pupil.eal),
        optional_text(pupil.eal_proficiency.map(|p| p.letter())),
        optional_text(pupil.first_language.clone()),
        date(pupil.arrival_date),
        yes_no(pupil.new_arrival),
        date(pupil.entry_date),
        count(pupil.school_moves),
        yes_no(pupil.fsm),
        yes_no(pupil.pupil_premium),
        TableCell::plain(pupil.idaci_score.map_or(Value::Blank, |s| {
            scaled(i64::from(s.thousandths()), 1000, NumberFormat::Thousandths)
        })),
        optional_text(pupil.idaci_band.map(|b| b.letter())),
        TableCell::plain(pupil.idaci_decile.map_or(Value::Blank, |d| {
            scaled(i64::from(d.get()), 1, NumberFormat::Whole)
        })),
        TableCell::plain(pupil.attendance.map_or(Value::Blank, |a| {
            scaled(i64::from(a.hundredths()), 100, NumberFormat::Percent)
        })),
        count(pupil.sessions_possible),
        count(pupil.sessions_attended),
        count(pupil.suspensions),
        count(pupil.suspension_sessions),
        yes_no(pupil.permanent_exclusion),
        optional_text(pupil.school_id.clone()),
        optional_text(pupil.school_name.clone()),
        optional_text(pupil.dfe_number.clone()),
        text(if focus { "Yes" } else { "" }),
    ];
    debug_assert_eq!(cells.len(), COLUMNS.len());
    cells
}

/// The headings of the columns the import kept but did not map (each pupil's `extra`), in
/// the order first seen: exported after [`COLUMNS`] so nothing from the file is lost.
pub fn extra_headings(pupils: &[Pupil]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut headings = Vec::new();
    for pupil in pupils {
        for (heading, _) in &pupil.extra {
            if seen.insert(heading.as_str()) {
                headings.push(heading.clone());
            }
        }
    }
    headings
}

/// A pupil's cells under `headings` (from [`extra_headings`]), as text.
pub fn extra_cells(pupil: &Pupil, headings: &[String]) -> Vec<TableCell> {
    headings
        .iter()
        .map(|heading| {
            let value = pupil
                .extra
                .iter()
                .find(|(h, _)| h == heading)
                .map_or("", |(_, v)| v.as_str());
            text(value)
        })
        .collect()
}

/// A pupil table as both exports write it, built in one place: the headings ([`COLUMNS`],
/// then the file's unmapped columns) and one row of cells per pupil at `rows`, in that
/// order. The CSV and the workbook only write what this gives, so they hold the same rows.
pub struct PupilTable<'a> {
    input: &'a ExportInput<'a>,
    rows: &'a [usize],
    interventions: HashMap<String, String>,
    extras: Vec<String>,
}

impl<'a> PupilTable<'a> {
    /// The table of the pupils at `rows` (indices into `input.pupils`, in the order
    /// shown); an index with no pupil, score or key is left out.
    pub fn new(input: &'a ExportInput<'a>, rows: &'a [usize]) -> PupilTable<'a> {
        PupilTable {
            input,
            rows,
            interventions: interventions_by_pupil(input.book),
            extras: extra_headings(input.pupils),
        }
    }

    /// Every heading, in order: [`COLUMNS`], then the unmapped columns.
    pub fn headings(&self) -> Vec<&str> {
        COLUMNS
            .iter()
            .map(|c| c.heading)
            .chain(self.extras.iter().map(String::as_str))
            .collect()
    }

    /// Each pupil's cells, one per heading, in the order of `rows`.
    pub fn rows(&self) -> impl Iterator<Item = Vec<TableCell>> + '_ {
        let input = self.input;
        self.rows.iter().filter_map(move |&index| {
            let pupil = input.pupils.get(index)?;
            let score = input.scores.get(index)?;
            let key = input.keys.get(index)?;
            let interventions = self.interventions.get(key).map_or("", String::as_str);
            let mut cells = pupil_row(pupil, score, input.focus.contains(key), interventions);
            cells.extend(extra_cells(pupil, &self.extras));
            Some(cells)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_numbers_keep_their_exact_text() {
        let check = |units, scale, expected: &str| match scaled(units, scale, NumberFormat::Whole) {
            Value::Number { text, .. } => assert_eq!(text, expected),
            other => panic!("not a number: {other:?}"),
        };
        check(8825, 100, "88.25");
        check(8820, 100, "88.2");
        check(9000, 100, "90");
        check(37, 1000, "0.037");
        check(-5, 10, "-0.5");
        check(12, 1, "12");
    }
}
