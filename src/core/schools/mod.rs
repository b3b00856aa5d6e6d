//! Local-authority files (SPEC §8.5, issue 16): a data drop whose rows carry a URN, DfE
//! number or school name holds the pupils of many schools.
//!
//! - `key`: which school a pupil attends ([`SchoolKey::of`]), the one rule the Schools
//!   table, the planner grids' School column and filter and a cohort's school condition
//!   share; rows naming no school are "No school given", listed, never dropped;
//! - `table`: the **Schools** table: a row per school with its figures counted by the
//!   school figures' rules, what each column shows, sorting, and the chart beside it;
//! - `split`: the file split into one data drop per school, with each school's details,
//!   for **Make a workspace for each school** and **Export each school's workbook**;
//! - `compare`: **Compare schools** on Cohorts: chosen schools and all schools side by
//!   side, indicator by indicator, with each school's difference from all schools.

pub mod compare;
pub mod key;
pub mod split;
pub mod table;

pub use compare::{
    all_schools, choice_hint, compare_choices, compare_schools, CompareCell, CompareChoice,
    CompareColumn, CompareIndicator, CompareRow, SchoolComparison, ALL_SCHOOLS,
};
pub use key::{school_words, SchoolKey, SchoolRef, NO_SCHOOL_GIVEN};
pub use split::{split, SchoolPart};
pub use table::{
    chart, is_la_file, school_choices, schools, sorted, summary, SchoolBar, SchoolColumn,
    SchoolRow, SchoolSort,
};

#[cfg(test)]
mod tests;
