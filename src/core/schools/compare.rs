//! **Compare schools** (SPEC §8.5, issue 16): chosen schools of an LA file side by side,
//! and beside them the whole file as "All schools", indicator by indicator.
//!
//! Every figure is counted as the Schools table counts it: each school is its
//! [`SchoolRow`] (from [`schools`](super::schools)) and "All schools" is every pupil of the
//! file counted as one more row ([`all_schools`]), so the comparison, the Schools table and
//! a school's figures file never disagree. What this module adds is which indicators are
//! compared, how each is worded, and the difference from all schools:
//! - a share is "12.4% (26 of 210)": to one decimal, rounded half up, with its count and
//!   what it is out of (the school's pupils, or those with the value recorded);
//! - the difference is the school's figure minus all schools', **as both are shown** (to
//!   one decimal), so a reader can check it by subtracting: "2.1 points above all
//!   schools", "2.1 points below all schools", "Same as all schools", or "Not compared"
//!   when either figure is not recorded;
//! - pupils are compared as the school's share of all pupils ("25.0% of all pupils").

use super::key::{SchoolKey, NO_SCHOOL_GIVEN};
use super::table::{SchoolBar, SchoolColumn, SchoolRow};
use crate::core::drop::DataDrop;
use crate::core::figures::aggregate::Counts;
use crate::core::figures::indicator::share;
use crate::core::provision::staff::grouped as thousands;
use crate::core::pupil::Pupil;
use crate::core::scoring::{Factor, PupilScore};
use crate::core::value::Percent;
use std::collections::BTreeSet;

/// What the column of every pupil in the file is headed.
pub const ALL_SCHOOLS: &str = "All schools";

/// One row of the Compare schools table: what is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompareIndicator {
    /// Pupils in the file at the school.
    Pupils,
    /// Pupils amber or red overall, of its pupils.
    AmberOrRed,
    /// Pupils red overall, of its pupils.
    Red,
    /// Pupils amber overall, of its pupils.
    Amber,
    /// Pupils green overall, of its pupils.
    Green,
    /// Pupils with a resilience factor's marker coloured, of its pupils.
    Factor(Factor),
    /// Mean attendance of the pupils with attendance recorded.
    MeanAttendance,
    /// Pupils persistently absent, of those with attendance recorded.
    PersistentAbsence,
    /// Pupils with one or more suspensions this year, of those with suspensions recorded.
    Suspended,
    /// Pupils whose attainment is low overall, of those whose attainment can be judged.
    LowAttainers,
    /// Pupils on the shortlist, of its pupils.
    Shortlist,
}

impl CompareIndicator {
    /// Every indicator, in the table's order.
    pub const ALL: [CompareIndicator; 16] = [
        CompareIndicator::Pupils,
        CompareIndicator::AmberOrRed,
        CompareIndicator::Red,
        CompareIndicator::Amber,
        CompareIndicator::Green,
        CompareIndicator::Factor(Factor::Birthday),
        CompareIndicator::Factor(Factor::Sen),
        CompareIndicator::Factor(Factor::Movement),
        CompareIndicator::Factor(Factor::Lac),
        CompareIndicator::Factor(Factor::Language),
        CompareIndicator::Factor(Factor::Deprivation),
        CompareIndicator::MeanAttendance,
        CompareIndicator::PersistentAbsence,
        CompareIndicator::Suspended,
        CompareIndicator::LowAttainers,
        CompareIndicator::Shortlist,
    ];

    /// The row heading: "Pupils", "% amber or red", "% SEN factor", …
    pub fn label(self) -> String {
        match self {
            CompareIndicator::Pupils => "Pupils".to_string(),
            CompareIndicator::AmberOrRed => "% amber or red".to_string(),
            CompareIndicator::Red => "% red".to_string(),
            CompareIndicator::Amber => "% amber".to_string(),
            CompareIndicator::Green => "% green".to_string(),
            CompareIndicator::Factor(factor) => format!("% {} factor", factor.label()),
            CompareIndicator::MeanAttendance => "Mean attendance".to_string(),
            CompareIndicator::PersistentAbsence => "% persistently absent".to_string(),
            CompareIndicator::Suspended => "Pupils suspended".to_string(),
            CompareIndicator::LowAttainers => "% low attainment".to_string(),
            CompareIndicator::Shortlist => "On the shortlist".to_string(),
        }
    }

    /// What the row counts, and out of whom.
    pub fn hint(self) -> String {
        match self {
            CompareIndicator::Pupils => "Pupils in the file at the school".to_string(),
            CompareIndicator::AmberOrRed
            | CompareIndicator::Red
            | CompareIndicator::Amber
            | CompareIndicator::Green => format!(
                "Pupils whose overall indicator is {}, of the school's pupils",
                match self {
                    CompareIndicator::AmberOrRed => "amber or red",
                    CompareIndicator::Red => "red",
                    CompareIndicator::Amber => "amber",
                    _ => "green",
                }
            ),
            CompareIndicator::Factor(factor) => format!(
                "Pupils whose {} marker is coloured, of the school's pupils",
                factor.label()
            ),
            CompareIndicator::MeanAttendance => {
                "Mean attendance of the pupils with attendance recorded".to_string()
            }
            CompareIndicator::PersistentAbsence => {
                "Pupils whose attendance marker is amber or red, of those with attendance recorded"
                    .to_string()
            }
            CompareIndicator::Suspended => {
                "Pupils with one or more suspensions this year, of those with suspensions recorded"
                    .to_string()
            }
            CompareIndicator::LowAttainers => {
                "Pupils whose attainment is low overall, of those whose attainment can be judged"
                    .to_string()
            }
            CompareIndicator::Shortlist => {
                "Pupils on the shortlist (the whole file's top pupils by overall indicator), of the school's pupils"
                    .to_string()
            }
        }
    }

    /// The row's figure for one column: how many of how many, and the figure compared.
    fn measure(self, row: &SchoolRow) -> Measured {
        let counts: &Counts = &row.counts;
        // A count from the Schools table's own column.
        let column = |column: SchoolColumn| {
            column
                .number(row)
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0)
        };
        let of = |count: usize, out_of: usize| Measured::Share {
            count,
            of: out_of,
            share: (out_of > 0).then(|| share(count as u64, out_of as u64)),
        };
        match self {
            CompareIndicator::Pupils => Measured::Pupils(row.pupils()),
            CompareIndicator::AmberOrRed => Measured::Share {
                count: counts.rag.amber + counts.rag.red,
                of: row.pupils(),
                share: row.amber_or_red(),
            },
            CompareIndicator::Red => of(column(SchoolColumn::Red), row.pupils()),
            CompareIndicator::Amber => of(column(SchoolColumn::Amber), row.pupils()),
            CompareIndicator::Green => of(column(SchoolColumn::Green), row.pupils()),
            CompareIndicator::Factor(factor) => Measured::Share {
                count: counts.factors[factor.index()],
                of: row.pupils(),
                share: row.factor_share(factor),
            },
            CompareIndicator::MeanAttendance => Measured::Mean(counts.mean_attendance),
            CompareIndicator::PersistentAbsence => Measured::Share {
                count: counts.persistently_absent,
                of: counts.attendance_recorded,
                share: row.persistent_absence(),
            },
            CompareIndicator::Suspended => {
                of(column(SchoolColumn::Suspended), counts.suspensions_recorded)
            }
            CompareIndicator::LowAttainers => of(counts.low_attainers, counts.attainment_judged),
            CompareIndicator::Shortlist => of(column(SchoolColumn::Shortlist), row.pupils()),
        }
    }
}

/// One column's figure for one indicator, before it is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measured {
    /// A number of pupils.
    Pupils(usize),
    /// `count` of `of` pupils; `share` is `None` when `of` is 0 (nothing recorded).
    Share {
        count: usize,
        of: usize,
        share: Option<Percent>,
    },
    /// Mean attendance; `None` when nobody's is recorded.
    Mean(Option<Percent>),
}

impl Measured {
    /// The figure compared with all schools', when there is one.
    fn percent(self) -> Option<Percent> {
        match self {
            Measured::Pupils(_) => None,
            Measured::Share { share, .. } => share,
            Measured::Mean(mean) => mean,
        }
    }

    /// The whole figure: "210", "12.4% (26 of 210)", "94.3%", "Not recorded".
    fn text(self) -> String {
        match self {
            Measured::Pupils(pupils) => thousands(pupils as u64),
            Measured::Share {
                count,
                of,
                share: Some(share),
            } => format!(
                "{} ({} of {})",
                share.one_decimal(),
                thousands(count as u64),
                thousands(of as u64)
            ),
            Measured::Mean(Some(mean)) => mean.one_decimal(),
            Measured::Share { share: None, .. } | Measured::Mean(None) => NOT_RECORDED.into(),
        }
    }

    /// The figure alone, for the chart: "210", "12.4%", "Not recorded".
    fn short(self) -> String {
        match (self, self.percent()) {
            (Measured::Pupils(pupils), _) => thousands(pupils as u64),
            (_, Some(percent)) => percent.one_decimal(),
            (_, None) => NOT_RECORDED.into(),
        }
    }
}

const NOT_RECORDED: &str = "Not recorded";

/// A percentage as shown: tenths of a percent, rounded half up as
/// [`Percent::one_decimal`] rounds it.
fn shown_tenths(percent: Percent) -> i64 {
    (i64::from(percent.hundredths()) + 5) / 10
}

/// The difference of a school's figure from all schools', as both are shown (to one
/// decimal): "2.1 points above all schools", "0.4 points below all schools", "Same as all
/// schools"; "Not compared" when either is not recorded.
fn difference(school: Option<Percent>, all: Option<Percent>) -> String {
    let (Some(school), Some(all)) = (school, all) else {
        return "Not compared".to_string();
    };
    let tenths = shown_tenths(school) - shown_tenths(all);
    let size = tenths.unsigned_abs();
    let points = format!("{}.{} points", size / 10, size % 10);
    match tenths.signum() {
        1 => format!("{points} above all schools"),
        -1 => format!("{points} below all schools"),
        _ => "Same as all schools".to_string(),
    }
}

/// Every pupil of the file counted as one row, by the Schools table's own rules: the
/// "All schools" column (the rows with no school given included). Its key and name are
/// never listed or linked; [`CompareColumn::school`] is `None` for it.
pub fn all_schools(drop: &DataDrop, scores: &[PupilScore], shortlist: &[usize]) -> SchoolRow {
    let pupils: &[Pupil] = &drop.pupils;
    let everyone: Vec<usize> = (0..pupils.len()).collect();
    let shortlisted: BTreeSet<usize> = shortlist
        .iter()
        .copied()
        .filter(|&at| at < pupils.len())
        .collect();
    SchoolRow {
        key: SchoolKey::NotGiven,
        urn: None,
        dfe_number: None,
        name: Some(ALL_SCHOOLS.to_string()),
        phase: None,
        counts: Counts::of(pupils, scores, &everyone),
        shortlisted: shortlisted.len(),
        members: everyone,
    }
}

/// A school the user can choose to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareChoice {
    /// The school.
    pub key: SchoolKey,
    /// What it is called, as the Schools table calls it (its checkbox's label).
    pub label: String,
    /// What tells it apart: "URN 100001, 210 pupils"; "Rows naming no school, 5 pupils".
    pub hint: String,
    /// Its URN and DfE number, which a search also finds it by.
    ids: Vec<String>,
}

impl CompareChoice {
    /// Whether a search for `query` finds the school: its name, URN or DfE number holds
    /// the query (case and spacing ignored); an empty query finds every school.
    pub fn matches(&self, query: &str) -> bool {
        let fold = |text: &str| {
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let query = fold(query);
        query.is_empty()
            || fold(&self.label).contains(&query)
            || self.ids.iter().any(|id| fold(id).contains(&query))
    }
}

/// The schools of `rows` to choose from: A to Z by name (case ignored), then "No school
/// given" when some rows name none.
pub fn compare_choices(rows: &[SchoolRow]) -> Vec<CompareChoice> {
    let mut choices: Vec<CompareChoice> = rows
        .iter()
        .map(|row| {
            let pupils = match row.pupils() {
                1 => "1 pupil".to_string(),
                n => format!("{} pupils", thousands(n as u64)),
            };
            let hint = match (&row.urn, &row.dfe_number, row.key.is_given()) {
                (_, _, false) => format!("Rows naming no school, {pupils}"),
                (Some(urn), _, _) => format!("URN {urn}, {pupils}"),
                (None, Some(dfe), _) => format!("DfE {dfe}, {pupils}"),
                (None, None, true) => pupils,
            };
            CompareChoice {
                key: row.key.clone(),
                label: row.label(),
                hint,
                ids: row.urn.iter().chain(&row.dfe_number).cloned().collect(),
            }
        })
        .collect();
    choices.sort_by_cached_key(|choice| (!choice.key.is_given(), choice.label.to_lowercase()));
    choices
}

/// What to say above the choices for how many are chosen; `None` once two or more are.
pub fn choice_hint(chosen: usize) -> Option<&'static str> {
    match chosen {
        0 => Some("No schools chosen yet. Choose two or more schools to compare them with each other and with all schools."),
        1 => Some("Choose at least one more school to compare them with each other."),
        _ => None,
    }
}

/// A column of the comparison: a chosen school, or all schools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareColumn {
    /// The school; `None` for "All schools".
    pub school: Option<SchoolKey>,
    /// The heading: the school's name (with its URN when another chosen school has the
    /// same name), "No school given" or "All schools".
    pub heading: String,
}

/// One figure of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareCell {
    /// The figure in words: "12.4% (26 of 210)", "94.3%", "210", "Not recorded".
    pub text: String,
    /// The figure alone, as the chart writes it: "12.4%".
    pub short: String,
    /// The difference from all schools ("2.1 points above all schools"; for pupils
    /// "25.0% of all pupils"); `None` in the All schools column.
    pub difference: Option<String>,
    /// Its bar in tenths of the chart's width, 0–1000: a percentage's own share of 100%,
    /// pupils as a share of all pupils.
    pub tenths: u32,
}

/// One indicator across the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareRow {
    /// What is compared.
    pub indicator: CompareIndicator,
    /// One cell per column, in the columns' order.
    pub cells: Vec<CompareCell>,
}

/// The Compare schools table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolComparison {
    /// The chosen schools (A to Z, "No school given" last), then "All schools".
    pub columns: Vec<CompareColumn>,
    /// One row per indicator, in [`CompareIndicator::ALL`] order.
    pub rows: Vec<CompareRow>,
}

impl SchoolComparison {
    /// The bars of `indicator`'s chart: one per column, in the table's order.
    pub fn chart(&self, indicator: CompareIndicator) -> Vec<SchoolBar> {
        let Some(row) = self.rows.iter().find(|row| row.indicator == indicator) else {
            return Vec::new();
        };
        self.columns
            .iter()
            .zip(&row.cells)
            .map(|(column, cell)| SchoolBar {
                label: column.heading.clone(),
                tenths: cell.tenths,
                text: cell.short.clone(),
            })
            .collect()
    }
}

/// The comparison of the `chosen` schools among `rows` (the Schools table's rows) with
/// `all` ([`all_schools`]). Schools are put A to Z ("No school given" last) whatever
/// order they were chosen in; a chosen key that is not among `rows` is left out.
pub fn compare_schools(
    rows: &[SchoolRow],
    all: &SchoolRow,
    chosen: &[SchoolKey],
) -> SchoolComparison {
    let order = compare_choices(rows);
    let picked: Vec<&SchoolRow> = order
        .iter()
        .filter(|choice| chosen.contains(&choice.key))
        .filter_map(|choice| rows.iter().find(|row| row.key == choice.key))
        .collect();
    let heading = |row: &SchoolRow| {
        let label = row.label();
        let shared = picked
            .iter()
            .filter(|other| other.key != row.key && other.label() == label)
            .count()
            > 0;
        match (&row.urn, shared, row.key.is_given()) {
            (_, _, false) => NO_SCHOOL_GIVEN.to_string(),
            (Some(urn), true, _) => format!("{label} (URN {urn})"),
            _ => label,
        }
    };
    let mut columns: Vec<CompareColumn> = picked
        .iter()
        .map(|row| CompareColumn {
            school: Some(row.key.clone()),
            heading: heading(row),
        })
        .collect();
    columns.push(CompareColumn {
        school: None,
        heading: ALL_SCHOOLS.to_string(),
    });
    let all_pupils = all.pupils();
    let rows = CompareIndicator::ALL
        .into_iter()
        .map(|indicator| {
            let whole = indicator.measure(all);
            let cell = |measured: Measured, of_all: bool| {
                let tenths = match measured {
                    Measured::Pupils(pupils) => {
                        let of = all_pupils.max(1) as u64;
                        ((pupils as u64 * 1000 + of / 2) / of).min(1000)
                    }
                    _ => measured
                        .percent()
                        .map_or(0, |p| u64::from((p.hundredths() + 5) / 10)),
                };
                let difference = (!of_all).then(|| match measured {
                    Measured::Pupils(pupils) => format!(
                        "{} of all pupils",
                        share(pupils as u64, all_pupils.max(1) as u64).one_decimal()
                    ),
                    _ => difference(measured.percent(), whole.percent()),
                });
                CompareCell {
                    text: measured.text(),
                    short: measured.short(),
                    difference,
                    tenths: u32::try_from(tenths.min(1000)).unwrap_or(0),
                }
            };
            let mut cells: Vec<CompareCell> = picked
                .iter()
                .map(|row| cell(indicator.measure(row), false))
                .collect();
            cells.push(cell(whole, true));
            CompareRow { indicator, cells }
        })
        .collect();
    SchoolComparison { columns, rows }
}

#[cfg(test)]
mod tests;
