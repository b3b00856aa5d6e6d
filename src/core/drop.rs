//! A data drop: one imported spreadsheet with its date, academic year and term, source
//! file name, the import plan (and so the column mapping) used, and its pupils (SPEC §3).
//! Later drops are matched to earlier ones by UPN.

use crate::core::import::build::ImportPlan;
use crate::core::pupil::Pupil;
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// An English academic year, 1 September to 31 August, named by the calendar year it
/// starts in: `start_year` 2025 is "2025/26".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AcademicYear {
    /// The calendar year of its 1 September.
    pub start_year: i32,
}

impl AcademicYear {
    /// The academic year `date` falls in: 31/08/2026 is in 2025/26, 01/09/2026 in 2026/27.
    pub fn containing(date: NaiveDate) -> AcademicYear {
        let start_year = if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        };
        AcademicYear { start_year }
    }

    /// Its first day, 1 September.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start_year, 9, 1)
    }

    /// Its last day, 31 August.
    pub fn last_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start_year + 1, 8, 31)
    }
}

impl fmt::Display for AcademicYear {
    /// "2025/26".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{:02}",
            self.start_year,
            (self.start_year + 1).rem_euclid(100)
        )
    }
}

/// One of the three terms of an academic year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// September to December.
    Autumn,
    /// January to March.
    Spring,
    /// April to August.
    Summer,
}

impl Term {
    /// The term `date` falls in: September–December autumn, January–March spring,
    /// April–August summer.
    pub fn containing(date: NaiveDate) -> Term {
        match date.month() {
            9..=12 => Term::Autumn,
            1..=3 => Term::Spring,
            _ => Term::Summer,
        }
    }

    /// "Autumn", "Spring" or "Summer".
    pub fn label(&self) -> &'static str {
        match self {
            Term::Autumn => "Autumn",
            Term::Spring => "Spring",
            Term::Summer => "Summer",
        }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One imported spreadsheet and its pupils.
#[derive(Debug, Clone, PartialEq)]
pub struct DataDrop {
    /// The day it was imported (passed in by the caller: the core has no clock).
    pub imported_on: NaiveDate,
    /// The academic year the data belongs to.
    pub academic_year: AcademicYear,
    /// The term the data belongs to.
    pub term: Term,
    /// The name of the file it came from.
    pub source_file: String,
    /// How the file was read: sheet, header row, headings and column mapping.
    pub plan: ImportPlan,
    /// The pupils imported, in the file's row order.
    pub pupils: Vec<Pupil>,
}

impl DataDrop {
    /// A drop imported on `imported_on`, placed in that day's academic year and term.
    pub fn new(
        imported_on: NaiveDate,
        source_file: impl Into<String>,
        plan: ImportPlan,
        pupils: Vec<Pupil>,
    ) -> DataDrop {
        DataDrop {
            imported_on,
            academic_year: AcademicYear::containing(imported_on),
            term: Term::containing(imported_on),
            source_file: source_file.into(),
            plan,
            pupils,
        }
    }

    /// "Spring 2025/26".
    pub fn label(&self) -> String {
        format!("{} {}", self.term, self.academic_year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::mapping::ColumnMapping;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn check(day: NaiveDate, year: &str, term: Term) {
        assert_eq!(AcademicYear::containing(day).to_string(), year, "{day}");
        assert_eq!(Term::containing(day), term, "{day}");
    }

    #[test]
    fn academic_year_and_term_follow_the_english_school_calendar() {
        check(date(2026, 3, 13), "2025/26", Term::Spring);
        check(date(2025, 9, 1), "2025/26", Term::Autumn);
        check(date(2025, 8, 31), "2024/25", Term::Summer);
        check(date(2025, 12, 31), "2025/26", Term::Autumn);
        check(date(2026, 1, 1), "2025/26", Term::Spring);
        check(date(2026, 4, 1), "2025/26", Term::Summer);
        check(date(1999, 10, 1), "1999/00", Term::Autumn);
        let year = AcademicYear { start_year: 2025 };
        assert_eq!(year.first_day(), Some(date(2025, 9, 1)));
        assert_eq!(year.last_day(), Some(date(2026, 8, 31)));
    }

    #[test]
    fn a_drop_is_labelled_by_term() {
        let plan = ImportPlan {
            sheet: 0,
            header_row: 4,
            headings: vec!["UPN".to_string()],
            mapping: ColumnMapping::default(),
        };
        let drop = DataDrop::new(
            date(2026, 3, 13),
            "pupils.xlsx",
            plan,
            vec![Pupil::default()],
        );
        assert_eq!(drop.label(), "Spring 2025/26");
    }
}
