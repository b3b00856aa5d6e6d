//! The **Schools** table (SPEC §8.5, issue 16): one row per school of an LA file, and
//! "No school given" for rows that name none, with what each column shows, how it sorts
//! and the bars of its chart.
//!
//! A row's figures are counted by the school figures' own rules
//! ([`Counts::of`](crate::core::figures::aggregate::Counts::of): RAG, factor markers, mean
//! attendance, persistent absence, pupils suspended), so this table and a school's figures
//! file never disagree; shares are worked out exactly and rounded half up once.

use super::key::{SchoolKey, SchoolRef, NO_SCHOOL_GIVEN};
use crate::core::drop::DataDrop;
use crate::core::figures::aggregate::Counts;
use crate::core::figures::indicator::share;
use crate::core::figures::similar::phase_of_years;
use crate::core::planner_table::SortDirection;
use crate::core::provision::staff::grouped as thousands;
use crate::core::pupil::Pupil;
use crate::core::school::{DfeNumber, SchoolPhase};
use crate::core::scoring::{Factor, PupilScore};
use crate::core::value::Percent;
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

/// One school of an LA file (or the rows with no school given) and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolRow {
    /// What the school is known by; `NotGiven` for the rows with no school.
    pub key: SchoolKey,
    /// Its URN, as most of its rows write it.
    pub urn: Option<String>,
    /// Its DfE number, as most of its rows write it (`123/4567` when it reads as one).
    pub dfe_number: Option<String>,
    /// Its name, as most of its rows write it.
    pub name: Option<String>,
    /// Its phase, worked out from its pupils' year groups by the school figures' own rule
    /// ([`phase_of_years`]); `None`: no year group known.
    pub phase: Option<SchoolPhase>,
    /// Its pupils: places in the drop's pupils, in file order.
    pub members: Vec<usize>,
    /// Its figures, counted as school figures count them.
    pub counts: Counts,
    /// How many of its pupils are on the shortlist.
    pub shortlisted: usize,
}

impl SchoolRow {
    /// What the row is called: the school's name, else "URN 123456", else "DfE
    /// 123/4567", else "No school given".
    pub fn label(&self) -> String {
        label_of(
            self.name.as_deref(),
            self.urn.as_deref(),
            self.dfe_number.as_deref(),
        )
    }

    /// The school as a filter names it.
    pub fn school_ref(&self) -> SchoolRef {
        SchoolRef {
            key: self.key.clone(),
            label: self.label(),
        }
    }

    /// Pupils in the row.
    pub fn pupils(&self) -> usize {
        self.counts.pupils
    }

    /// Pupils amber or red overall, of its pupils.
    pub fn amber_or_red(&self) -> Option<Percent> {
        self.of_pupils(self.counts.rag.amber + self.counts.rag.red)
    }

    /// Pupils with `factor`'s marker coloured, of its pupils.
    pub fn factor_share(&self, factor: Factor) -> Option<Percent> {
        self.of_pupils(self.counts.factors[factor.index()])
    }

    /// Pupils persistently absent, of those with attendance recorded; `None` when nobody's
    /// attendance is recorded.
    pub fn persistent_absence(&self) -> Option<Percent> {
        let recorded = self.counts.attendance_recorded;
        (recorded > 0).then(|| share(self.counts.persistently_absent as u64, recorded as u64))
    }

    fn of_pupils(&self, count: usize) -> Option<Percent> {
        let pupils = self.counts.pupils;
        (pupils > 0).then(|| share(count as u64, pupils as u64))
    }
}

/// A drop is an LA file when its rows carry a URN, DfE number or school name: a column
/// mapped to one of them, or (for pupils not read from a file) a pupil with one.
pub fn is_la_file(drop: &DataDrop) -> bool {
    use crate::core::import::mapping::Field;
    let mapped = [Field::SchoolId, Field::DfeNumber, Field::SchoolName]
        .iter()
        .any(|field| drop.plan.mapping.has(field));
    mapped
        || drop
            .pupils
            .iter()
            .any(|pupil| SchoolKey::of(pupil).is_given())
}

/// The text most of `values` hold (the first of those tied), ignoring blanks.
fn most_common<'a>(values: impl Iterator<Item = Option<&'a str>>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for value in values.flatten().map(str::trim).filter(|v| !v.is_empty()) {
        match counts.iter_mut().find(|(seen, _)| *seen == value) {
            Some((_, count)) => *count += 1,
            None => counts.push((value, 1)),
        }
    }
    let best = counts.iter().map(|(_, count)| *count).max()?;
    counts
        .into_iter()
        .find(|(_, count)| *count == best)
        .map(|(value, _)| value.to_string())
}

/// One school's pupils and what its rows call it, before anything is counted.
pub(super) struct Grouped {
    pub(super) key: SchoolKey,
    pub(super) places: Vec<usize>,
    pub(super) urn: Option<String>,
    pub(super) dfe_number: Option<String>,
    pub(super) name: Option<String>,
}

/// The pupils grouped by school ([`SchoolKey::of`]), in the order the file first names
/// each school, then those with no school given; each school's URN, DfE number
/// (`123/4567` when it reads as one) and name as most of its rows write them.
pub(super) fn by_school(pupils: &[Pupil]) -> Vec<Grouped> {
    let mut order: Vec<SchoolKey> = Vec::new();
    let mut members: HashMap<SchoolKey, Vec<usize>> = HashMap::new();
    for (place, pupil) in pupils.iter().enumerate() {
        let key = SchoolKey::of(pupil);
        let list = members.entry(key.clone()).or_default();
        if list.is_empty() && key.is_given() {
            order.push(key.clone());
        }
        list.push(place);
    }
    if members.contains_key(&SchoolKey::NotGiven) {
        order.push(SchoolKey::NotGiven);
    }
    order
        .into_iter()
        .map(|key| {
            let places = members.remove(&key).unwrap_or_default();
            let given = key.is_given();
            let of = |read: fn(&Pupil) -> Option<&str>| {
                most_common(places.iter().filter_map(|&at| pupils.get(at)).map(read))
                    .filter(|_| given)
            };
            Grouped {
                urn: of(|p| p.school_id.as_deref()),
                dfe_number: of(|p| p.dfe_number.as_deref()).map(|number| {
                    match DfeNumber::parse(&number) {
                        Ok(Some(number)) => number.to_string(),
                        _ => number,
                    }
                }),
                name: of(|p| p.school_name.as_deref()),
                places,
                key,
            }
        })
        .collect()
}

/// What a school is called: its name, else "URN 123456", else "DfE 123/4567", else "No
/// school given".
pub(super) fn label_of(name: Option<&str>, urn: Option<&str>, dfe_number: Option<&str>) -> String {
    match (name, urn, dfe_number) {
        (Some(name), _, _) => name.to_string(),
        (None, Some(urn), _) => format!("URN {urn}"),
        (None, None, Some(number)) => format!("DfE {number}"),
        (None, None, None) => NO_SCHOOL_GIVEN.to_string(),
    }
}

/// The Schools table's rows for a scored drop (`scores` parallel to its pupils;
/// `shortlist` the places of the pupils on the shortlist): one row per school, in the
/// order the file first names each, then "No school given" when some rows name none.
pub fn schools(drop: &DataDrop, scores: &[PupilScore], shortlist: &[usize]) -> Vec<SchoolRow> {
    let pupils = &drop.pupils;
    let shortlist: BTreeSet<usize> = shortlist.iter().copied().collect();
    by_school(pupils)
        .into_iter()
        .map(|school| SchoolRow {
            phase: phase_of_years(
                school
                    .places
                    .iter()
                    .filter_map(|&at| pupils.get(at)?.year_group),
            ),
            counts: Counts::of(pupils, scores, &school.places),
            shortlisted: school
                .places
                .iter()
                .filter(|at| shortlist.contains(at))
                .count(),
            members: school.places,
            key: school.key,
            urn: school.urn,
            dfe_number: school.dfe_number,
            name: school.name,
        })
        .collect()
}

/// Every school of `pupils` as a filter offers them, named as the Schools table names
/// them: A to Z (ignoring case), then "No school given" when some rows name none.
pub fn school_choices(pupils: &[Pupil]) -> Vec<SchoolRef> {
    let mut choices: Vec<SchoolRef> = by_school(pupils)
        .into_iter()
        .map(|school| SchoolRef {
            label: label_of(
                school.name.as_deref(),
                school.urn.as_deref(),
                school.dfe_number.as_deref(),
            ),
            key: school.key,
        })
        .collect();
    choices.sort_by_cached_key(|school| (!school.key.is_given(), school.label.to_lowercase()));
    choices
}

/// "50 schools, 11,491 pupils (5 with no school given)".
pub fn summary(rows: &[SchoolRow]) -> String {
    let schools = rows.iter().filter(|row| row.key.is_given()).count();
    let pupils: usize = rows.iter().map(SchoolRow::pupils).sum();
    let without: usize = rows
        .iter()
        .filter(|row| !row.key.is_given())
        .map(SchoolRow::pupils)
        .sum();
    let plural = |n: usize, one: &str, many: &str| {
        format!(
            "{} {}",
            thousands(n as u64),
            if n == 1 { one } else { many }
        )
    };
    let mut text = format!(
        "{}, {}",
        plural(schools, "school", "schools"),
        plural(pupils, "pupil", "pupils")
    );
    if without > 0 {
        text.push_str(&format!(
            " ({} with no school given)",
            thousands(without as u64)
        ));
    }
    text
}

/// A column of the Schools table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchoolColumn {
    /// The school's name (a link to its pupils).
    School,
    /// Its URN.
    Urn,
    /// Its phase, worked out from year groups.
    Phase,
    /// Its pupils.
    Pupils,
    /// Pupils red overall.
    Red,
    /// Pupils amber overall.
    Amber,
    /// Pupils green overall.
    Green,
    /// Pupils amber or red, as a share.
    AmberOrRed,
    /// Pupils with a factor's marker coloured, as a share.
    Factor(Factor),
    /// Mean attendance.
    MeanAttendance,
    /// Pupils persistently absent, as a share of those with attendance recorded.
    PersistentAbsence,
    /// Pupils with one or more suspensions this year.
    Suspended,
    /// Pupils on the shortlist.
    Shortlist,
}

/// A sort key: within one column every key has the same variant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Number(i64),
    Text(String),
}

impl SchoolColumn {
    /// Every column, in the table's order.
    pub const ALL: [SchoolColumn; 18] = [
        SchoolColumn::School,
        SchoolColumn::Urn,
        SchoolColumn::Phase,
        SchoolColumn::Pupils,
        SchoolColumn::Red,
        SchoolColumn::Amber,
        SchoolColumn::Green,
        SchoolColumn::AmberOrRed,
        SchoolColumn::Factor(Factor::Birthday),
        SchoolColumn::Factor(Factor::Sen),
        SchoolColumn::Factor(Factor::Movement),
        SchoolColumn::Factor(Factor::Lac),
        SchoolColumn::Factor(Factor::Language),
        SchoolColumn::Factor(Factor::Deprivation),
        SchoolColumn::MeanAttendance,
        SchoolColumn::PersistentAbsence,
        SchoolColumn::Suspended,
        SchoolColumn::Shortlist,
    ];

    /// The column heading.
    pub fn label(self) -> String {
        match self {
            SchoolColumn::School => "School".to_string(),
            SchoolColumn::Urn => "URN".to_string(),
            SchoolColumn::Phase => "Phase".to_string(),
            SchoolColumn::Pupils => "Pupils".to_string(),
            SchoolColumn::Red => "Red".to_string(),
            SchoolColumn::Amber => "Amber".to_string(),
            SchoolColumn::Green => "Green".to_string(),
            SchoolColumn::AmberOrRed => "% amber or red".to_string(),
            SchoolColumn::Factor(factor) => format!("% {}", factor.label()),
            SchoolColumn::MeanAttendance => "Mean attendance".to_string(),
            SchoolColumn::PersistentAbsence => "% persistently absent".to_string(),
            SchoolColumn::Suspended => "Pupils suspended".to_string(),
            SchoolColumn::Shortlist => "On the shortlist".to_string(),
        }
    }

    /// What the column counts, for its heading's title and the chart's description.
    pub fn hint(self) -> String {
        match self {
            SchoolColumn::School => "The school's name: opens All pupils showing its pupils".into(),
            SchoolColumn::Urn => "The school's unique reference number".into(),
            SchoolColumn::Phase => {
                "Worked out from its pupils' year groups: primary (up to Year 6), secondary (Year 7 on), all-through (both)".into()
            }
            SchoolColumn::Pupils => "Pupils in the file at this school".into(),
            SchoolColumn::Red => "Pupils whose overall indicator is red".into(),
            SchoolColumn::Amber => "Pupils whose overall indicator is amber".into(),
            SchoolColumn::Green => "Pupils whose overall indicator is green".into(),
            SchoolColumn::AmberOrRed => {
                "Pupils whose overall indicator is amber or red, as a share of the school's pupils".into()
            }
            SchoolColumn::Factor(factor) => format!(
                "Pupils whose {} marker is coloured, as a share of the school's pupils",
                factor.label()
            ),
            SchoolColumn::MeanAttendance => "Mean attendance of pupils with attendance recorded".into(),
            SchoolColumn::PersistentAbsence => {
                "Pupils whose attendance marker is amber or red, as a share of those with attendance recorded".into()
            }
            SchoolColumn::Suspended => "Pupils with one or more suspensions this year".into(),
            SchoolColumn::Shortlist => "Pupils on the shortlist (the whole file's top pupils by overall indicator)".into(),
        }
    }

    /// Whether the column holds numbers (right-aligned; offered for the chart).
    pub fn numeric(self) -> bool {
        !matches!(
            self,
            SchoolColumn::School | SchoolColumn::Urn | SchoolColumn::Phase
        )
    }

    /// Whether the column's figures are percentages (charted out of 100%).
    pub fn is_share(self) -> bool {
        matches!(
            self,
            SchoolColumn::AmberOrRed
                | SchoolColumn::Factor(_)
                | SchoolColumn::MeanAttendance
                | SchoolColumn::PersistentAbsence
        )
    }

    /// The direction of the first sort: A to Z for words, highest first for figures.
    pub fn first_direction(self) -> SortDirection {
        if self.numeric() {
            SortDirection::Descending
        } else {
            SortDirection::Ascending
        }
    }

    /// The row's figure in this column: a count, or hundredths of a percent; `None` for
    /// the word columns and a figure that is not known.
    pub fn number(self, row: &SchoolRow) -> Option<i64> {
        let count = |n: usize| Some(n as i64);
        let percent = |p: Option<Percent>| p.map(|p| i64::from(p.hundredths()));
        match self {
            SchoolColumn::School | SchoolColumn::Urn | SchoolColumn::Phase => None,
            SchoolColumn::Pupils => count(row.counts.pupils),
            SchoolColumn::Red => count(row.counts.rag.red),
            SchoolColumn::Amber => count(row.counts.rag.amber),
            SchoolColumn::Green => count(row.counts.rag.green),
            SchoolColumn::AmberOrRed => percent(row.amber_or_red()),
            SchoolColumn::Factor(factor) => percent(row.factor_share(factor)),
            SchoolColumn::MeanAttendance => percent(row.counts.mean_attendance),
            SchoolColumn::PersistentAbsence => percent(row.persistent_absence()),
            SchoolColumn::Suspended => count(row.counts.suspended),
            SchoolColumn::Shortlist => count(row.shortlisted),
        }
    }

    /// What the cell shows: words, a whole number, or a percentage to one decimal place;
    /// "Not recorded" for a figure nobody's data gives.
    pub fn text(self, row: &SchoolRow) -> String {
        match self {
            SchoolColumn::School => row.label(),
            SchoolColumn::Urn => row.urn.clone().unwrap_or_default(),
            SchoolColumn::Phase => row.phase.map_or("Unknown", SchoolPhase::label).to_string(),
            _ if self.is_share() => match self.number(row) {
                Some(hundredths) => {
                    Percent::from_hundredths(u32::try_from(hundredths).unwrap_or(u32::MAX))
                        .one_decimal()
                }
                None => "Not recorded".to_string(),
            },
            _ => self
                .number(row)
                .map_or_else(|| "Not recorded".to_string(), |n| n.to_string()),
        }
    }

    /// The key the row sorts by in this column; `None` (unknown) sorts last.
    fn key(self, row: &SchoolRow) -> Option<Key> {
        let text = |text: Option<String>| {
            text.map(|t| t.trim().to_lowercase())
                .filter(|t| !t.is_empty())
                .map(Key::Text)
        };
        match self {
            SchoolColumn::School => text(
                row.name
                    .clone()
                    .or_else(|| row.key.is_given().then(|| row.label())),
            ),
            SchoolColumn::Urn => row.urn.as_deref().map(|urn| match urn.parse::<i64>() {
                Ok(number) => Key::Number(number),
                Err(_) => Key::Text(urn.to_lowercase()),
            }),
            SchoolColumn::Phase => row.phase.map(|phase| {
                let at = SchoolPhase::ALL
                    .iter()
                    .position(|p| *p == phase)
                    .unwrap_or(0);
                Key::Number(at as i64)
            }),
            _ => self.number(row).map(Key::Number),
        }
    }
}

/// A sort of the Schools table: one column in one direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SchoolSort {
    /// The column sorted on.
    pub column: SchoolColumn,
    /// Its direction.
    pub direction: SortDirection,
}

impl SchoolSort {
    /// The sort after the user activates `column`'s heading: the same column flips, a new
    /// column starts in its first direction.
    pub fn toggled(current: Option<SchoolSort>, column: SchoolColumn) -> SchoolSort {
        match current {
            Some(sort) if sort.column == column => SchoolSort {
                column,
                direction: sort.direction.flipped(),
            },
            _ => SchoolSort {
                column,
                direction: column.first_direction(),
            },
        }
    }
}

/// The rows' places in the order `sort` puts them (`None`: as listed). Stable: rows with
/// equal keys keep their order; unknown values go last in either direction.
pub fn sorted(rows: &[SchoolRow], sort: Option<SchoolSort>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let Some(sort) = sort else {
        return order;
    };
    let keys: Vec<Option<Key>> = rows.iter().map(|row| sort.column.key(row)).collect();
    order.sort_by(|&a, &b| match (&keys[a], &keys[b]) {
        (Some(a), Some(b)) => match sort.direction {
            SortDirection::Ascending => a.cmp(b),
            SortDirection::Descending => b.cmp(a),
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    order
}

/// One bar of the chart beside the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolBar {
    /// The school's name.
    pub label: String,
    /// Its length in tenths of the chart's width, 0–1000: a percentage's own share of
    /// 100%, a count's share of the largest count shown.
    pub tenths: u32,
    /// The figure written beside it, as the table writes it.
    pub text: String,
}

/// The chart of `column` for the rows at `order` (the table's order), one bar each.
pub fn chart(rows: &[SchoolRow], order: &[usize], column: SchoolColumn) -> Vec<SchoolBar> {
    let shown: Vec<&SchoolRow> = order.iter().filter_map(|&at| rows.get(at)).collect();
    let largest = shown
        .iter()
        .filter_map(|row| column.number(row))
        .max()
        .unwrap_or(0)
        .max(1);
    shown
        .into_iter()
        .map(|row| {
            let tenths = match column.number(row) {
                Some(number) if column.is_share() => (number.clamp(0, 10_000) + 5) / 10,
                Some(number) => (number.max(0) * 1000 + largest / 2) / largest,
                None => 0,
            };
            SchoolBar {
                label: row.label(),
                tenths: u32::try_from(tenths.clamp(0, 1000)).unwrap_or(0),
                text: column.text(row),
            }
        })
        .collect()
}
