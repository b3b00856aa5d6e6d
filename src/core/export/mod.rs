//! Export (SPEC §9): the planner as an Excel workbook and the pupil tables as CSV, built
//! here from the already-scored data and returned as bytes. Pure: the browser edge
//! (`web::download`) only hands the bytes to the user, and today's date is passed in.
//!
//! - [`table`]: the pupil table's columns and typed cells (text, number, date), shared by
//!   the CSV and the workbook so both say the same thing.
//! - [`csv`]: one pupil table as CSV (UTF-8 with a BOM, CRLF, every cell neutralised).
//! - [`workbook`]: the whole workbook (Shortlist, All pupils, Over time, Provision map,
//!   Individual provision maps, Intervention bank, Costs, What works, Profile) through
//!   `rust_xlsxwriter`.
//! - [`over_time_sheet`]: the Over time sheet (attendance and the overall indicator per
//!   pupil per drop), written when two or more drops are held.
//! - [`targets_sheet`]: the Targets sheet (a row per target with its figure at every
//!   drop held), written when the school has a target.
//! - [`what_works_sheet`]: the What works sheet (gain and cost per intervention and
//!   measure, every year).
//! - [`figures_sheet`]: the school figures as a workbook of their own (no pupil in it).
//! - [`bundle`]: an LA file's schools one file each (workbook or figures) in one zip, and
//!   the LA's figures.
//!
//! **Formula injection.** A spreadsheet program runs a cell that begins with `=`, `+`,
//! `-`, `@`, a tab or a carriage return as a formula (OWASP "CSV injection"). Pupil data
//! comes from files anyone could have edited, so every text cell either export writes goes
//! through [`neutralise`], which puts a single quote in front of such text. In the workbook
//! the cells are already typed as text (never formulas); the quote is there too so a copy
//! pasted or re-saved as CSV stays harmless.

pub mod bundle;
pub mod csv;
pub mod figures_sheet;
pub mod over_time_sheet;
pub mod provision_sheets;
pub mod pupil_targets_sheet;
#[cfg(test)]
pub(crate) mod read_back;
pub mod self_evaluation_sheet;
pub mod table;
pub mod targets_sheet;
pub mod what_works_sheet;
pub mod workbook;

use crate::core::drop::AcademicYear;
use crate::core::pupil::Pupil;
use crate::core::scoring::PupilScore;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The spreadsheet writer refused something (a programming error, not the user's).
    #[error("The workbook could not be made ({0}). Please report this; your data is unchanged.")]
    Workbook(String),
    /// The zip of each school's files could not be made (a programming error).
    #[error("The zip file could not be made ({0}). Please report this; your data is unchanged.")]
    Zip(String),
    /// There are no pupils to export.
    #[error("There are no pupils to export yet: import your pupil spreadsheet first.")]
    NoPupils,
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(error: rust_xlsxwriter::XlsxError) -> ExportError {
        ExportError::Workbook(error.to_string())
    }
}

/// Whether a spreadsheet program could take `text` for a formula: it begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return.
pub fn is_dangerous(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `text` made safe for a spreadsheet cell: a single quote in front when it
/// [`is_dangerous`], otherwise unchanged.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if is_dangerous(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Everything an export needs, already worked out by the app: the pupils in the drop's
/// order with their scores, keys and focus flags, the shortlist, the profile, the
/// provision book, the target book and the self-evaluation.
#[derive(Debug, Clone, Copy)]
pub struct ExportInput<'a> {
    /// The school (its name from the school details, else the workspace's name), for
    /// titles and the file name.
    pub school: &'a str,
    /// The school's details (URN, DfE number, phase, local authority), written on the
    /// Profile sheet; [`crate::core::school::NO_DETAILS`] when none are given.
    pub details: &'a crate::core::school::SchoolDetails,
    /// The academic year the provision sheets cover.
    pub academic_year: AcademicYear,
    /// Today's date (the export date).
    pub today: NaiveDate,
    /// Every pupil of the data drop.
    pub pupils: &'a [Pupil],
    /// One score per pupil, in the same order.
    pub scores: &'a [PupilScore],
    /// Each pupil's key (UPN, or the fallback), in the same order.
    pub keys: &'a [String],
    /// Pupil indices on the shortlist, in rank order.
    pub shortlist: &'a [usize],
    /// Keys of the pupils flagged for focus.
    pub focus: &'a BTreeSet<String>,
    /// The scoring profile used.
    pub profile: &'a crate::core::profile::Profile,
    /// The school's provision.
    pub book: &'a crate::core::provision::ProvisionBook,
    /// The school's targets and pupils' curricular targets.
    pub targets: &'a crate::core::targets::TargetBook,
    /// The school's self-evaluation.
    pub self_evaluation: &'a crate::core::self_evaluation::SelfEvaluation,
    /// Every drop held, for the Over time sheet (none: no such sheet).
    pub over_time: Option<over_time_sheet::OverTimeInput<'a>>,
}

/// Text made safe inside a file name on Windows, macOS and Linux: characters they refuse
/// (`/ \\ : * ? " < > |` and control characters) become spaces, runs of spaces become one,
/// and a leading dot (a hidden file) is dropped. Used for every file the planner names.
pub fn file_name_part(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let joined = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_start_matches('.').trim_start().to_string()
}

/// A file name for an export: `Planner 2025-26 – Oakfield – 2026-03-13.xlsx`. Characters
/// that Windows or macOS refuse in file names are replaced by a space; a blank school name
/// is left out.
pub fn file_name(
    title: &str,
    year: AcademicYear,
    school: &str,
    today: NaiveDate,
    extension: &str,
) -> String {
    let school = file_name_part(school);
    let school = school.as_str();
    let year = format!(
        "{}-{:02}",
        year.start_year,
        (year.start_year + 1).rem_euclid(100)
    );
    let date = today.format("%Y-%m-%d");
    if school.is_empty() {
        format!("{title} {year} – {date}.{extension}")
    } else {
        format!("{title} {year} – {school} – {date}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralise_quotes_exactly_the_dangerous_first_characters() {
        for (text, expected) in [
            ("=1+1", "'=1+1"),
            ("+cmd", "'+cmd"),
            ("-2+3", "'-2+3"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("Smith", "Smith"),
            ("＝1+1", "＝1+1"),
            ("O'Neill", "O'Neill"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(neutralise(text), expected, "{text:?}");
        }
    }

    #[test]
    fn file_name_has_year_school_and_date() {
        let year = AcademicYear { start_year: 2025 };
        let today = NaiveDate::from_ymd_opt(2026, 3, 13).expect("date");
        assert_eq!(
            file_name("Planner", year, "Oakfield", today, "xlsx"),
            "Planner 2025-26 – Oakfield – 2026-03-13.xlsx"
        );
        assert_eq!(
            file_name("All pupils", year, " St Mary's: C/E ", today, "csv"),
            "All pupils 2025-26 – St Mary's C E – 2026-03-13.csv"
        );
        assert_eq!(
            file_name(
                "Planner",
                AcademicYear { start_year: 2099 },
                "",
                today,
                "xlsx"
            ),
            "Planner 2099-00 – 2026-03-13.xlsx"
        );
    }
}
