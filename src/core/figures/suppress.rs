//! Suppression: which figures may be shown, so that no small group of pupils can be
//! picked out of the school figures.
//!
//! The rules, in plain words:
//!
//! 1. **Small counts are hidden.** A count from 1 to 4 is shown as "<5" (primary
//!    suppression). This holds for a total too: a year group of 3 pupils shows "<5" as its
//!    pupils. A percentage worked out from a hidden count is hidden with it.
//! 2. **Zero is shown.** 0 is a true zero and is never hidden, and never chosen to protect
//!    another cell: hiding it would protect nothing.
//! 3. **Nothing hidden can be worked out from what is shown.** Figures that add up — a
//!    total and its parts, such as the pupils of a row and its red, amber and green — form
//!    an additive set. Wherever such a set has exactly one hidden cell, that cell could be
//!    worked out by subtraction, so a second cell is hidden too ("suppressed", secondary
//!    suppression): the smallest shown cell of the set that is not 0 (a part before the
//!    total when they are equal, then the first listed). Hiding it may leave another set
//!    with one hidden cell, so this is repeated until no set has exactly one.
//! 4. **A mean follows its count.** Mean attendance is hidden whenever the count of pupils
//!    it is worked out from is hidden (fewer than five pupils, or withheld).
//!
//! The rules work on a generic table of whole numbers and additive [`Relation`]s
//! ([`suppress`]), so they are tested on crafted tables; [`relations`] says which sets
//! the school figures have, and [`suppress_sets`] applies the rules to them.

use super::aggregate::{CountedSet, Counts};
use super::{Figure, FigureRow, FigureSet, Measure, RowGroup, SetKind, MEASURES};
use crate::core::scoring::Factor;
use crate::core::tracking::trends::StandardGroup;
use std::collections::VecDeque;

/// An additive set of cells: `total` is the sum of `parts` (cells are places in the
/// table's values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The total's cell.
    pub total: usize,
    /// The parts' cells.
    pub parts: Vec<usize>,
}

/// The smallest count shown as it is: counts from 1 to 4 are hidden.
pub const SMALLEST_SHOWN: u64 = 5;

/// Whether a count is hidden by itself (rule 1): 1 to 4.
pub fn is_small(count: u64) -> bool {
    (1..SMALLEST_SHOWN).contains(&count)
}

/// What may be shown of each cell of `values` (counts) under `relations`: the count,
/// [`Figure::FewerThanFive`] for a count from 1 to 4, or [`Figure::Withheld`] for a
/// cell hidden so that a small count cannot be worked out (rules 1–3 of this module).
/// Cells a relation names that are not in `values` are ignored.
pub fn suppress(values: &[u64], relations: &[Relation]) -> Vec<Figure> {
    let mut shown: Vec<Figure> = values
        .iter()
        .map(|&value| {
            if is_small(value) {
                Figure::FewerThanFive
            } else {
                Figure::Number(value)
            }
        })
        .collect();
    // Each relation's cells, total first, each once and all in the table.
    let sets: Vec<Vec<usize>> = relations
        .iter()
        .map(|relation| {
            let mut cells: Vec<usize> = Vec::with_capacity(relation.parts.len() + 1);
            for &cell in std::iter::once(&relation.total).chain(&relation.parts) {
                if cell < values.len() && !cells.contains(&cell) {
                    cells.push(cell);
                }
            }
            cells
        })
        .collect();
    let mut sets_of: Vec<Vec<usize>> = vec![Vec::new(); values.len()];
    for (at, cells) in sets.iter().enumerate() {
        for &cell in cells {
            sets_of[cell].push(at);
        }
    }
    let mut queued = vec![true; sets.len()];
    let mut queue: VecDeque<usize> = (0..sets.len()).collect();
    while let Some(at) = queue.pop_front() {
        queued[at] = false;
        let cells = &sets[at];
        let hidden = cells.iter().filter(|&&c| shown[c].is_suppressed()).count();
        if hidden != 1 {
            continue;
        }
        // The smallest shown cell that is not 0; parts (after the total) before the
        // total when equal, then the first listed.
        let second = cells
            .iter()
            .enumerate()
            .filter(|(_, &cell)| !shown[cell].is_suppressed() && values[cell] > 0)
            .min_by_key(|(place, &cell)| (values[cell], *place == 0, *place))
            .map(|(_, &cell)| cell);
        let Some(second) = second else {
            continue;
        };
        shown[second] = Figure::Withheld;
        for &other in &sets_of[second] {
            if !queued[other] {
                queued[other] = true;
                queue.push_back(other);
            }
        }
    }
    shown
}

/// Where each set's rows' cells are in one table: `MEASURES` cells per row, rows of a
/// set together, sets in order.
struct Layout {
    /// The first cell of each set's rows.
    starts: Vec<Vec<usize>>,
}

impl Layout {
    fn of(sets: &[CountedSet]) -> Layout {
        let mut next = 0;
        let starts = sets
            .iter()
            .map(|set| {
                set.rows
                    .iter()
                    .map(|_| {
                        let start = next;
                        next += MEASURES;
                        start
                    })
                    .collect()
            })
            .collect();
        Layout { starts }
    }

    fn cell(&self, set: usize, row: usize, measure: Measure) -> usize {
        self.starts[set][row] + measure.index()
    }
}

/// The measures that are counts, whose cells take part in relations.
fn counts() -> impl Iterator<Item = Measure> {
    Measure::ALL
        .into_iter()
        .filter(|measure| measure.is_count())
}

/// The additive sets of school figures (cells placed as [`suppress_sets`] places them):
///
/// - in every row, the pupils are its red, amber and green pupils added up;
/// - for every count, the whole school's is its year groups' added up (pupils whose year
///   group is not recorded are a row of their own, so this always holds);
/// - for every count, the whole school's is the boys' and the girls' added up (taken as
///   holding even when some pupils' gender is not recorded, to be safe);
/// - figures that count the same pupils twice, where their counts agree: a row's pupils
///   and its pupils with attendance, suspensions or attainment recorded (usually every
///   pupil); the summer-born pupils and the Birthday factor, looked-after pupils and the
///   LAC factor, pupils at SEN support or with an EHC plan and the SEN factor — within
///   the group's row and for the whole school;
/// - in a file with one local authority total and its schools, for every row and count,
///   the local authority's is its schools' added up.
pub fn relations(sets: &[CountedSet]) -> Vec<Relation> {
    let layout = Layout::of(sets);
    let mut relations = Vec::new();
    for (s, set) in sets.iter().enumerate() {
        school_relations(&layout, s, set, &mut relations);
    }
    let totals: Vec<usize> = (0..sets.len())
        .filter(|&s| sets[s].kind == SetKind::LocalAuthority)
        .collect();
    let schools: Vec<usize> = (0..sets.len())
        .filter(|&s| sets[s].kind == SetKind::School)
        .collect();
    if let ([total], false) = (totals.as_slice(), schools.is_empty()) {
        for (r, row) in sets[*total].rows.iter().enumerate() {
            for measure in counts() {
                let parts = schools
                    .iter()
                    .filter_map(|&s| {
                        let at = sets[s].rows.iter().position(|o| o.group == row.group)?;
                        Some(layout.cell(s, at, measure))
                    })
                    .collect();
                relations.push(Relation {
                    total: layout.cell(*total, r, measure),
                    parts,
                });
            }
        }
    }
    relations
}

/// One set's own relations (see [`relations`]).
fn school_relations(layout: &Layout, s: usize, set: &CountedSet, out: &mut Vec<Relation>) {
    let cell = |row: usize, measure: Measure| layout.cell(s, row, measure);
    let find = |group: RowGroup| set.rows.iter().position(|row| row.group == group);
    let counts_at = |row: usize| &set.rows[row].counts;
    // The pupils of every row: red + amber + green.
    for row in 0..set.rows.len() {
        out.push(Relation {
            total: cell(row, Measure::Pupils),
            parts: vec![
                cell(row, Measure::Red),
                cell(row, Measure::Amber),
                cell(row, Measure::Green),
            ],
        });
    }
    let Some(whole) = find(RowGroup::WholeSchool) else {
        return;
    };
    let years: Vec<usize> = (0..set.rows.len())
        .filter(|&row| matches!(set.rows[row].group, RowGroup::YearGroup(_)))
        .collect();
    let boys = find(RowGroup::Standard(StandardGroup::Boys));
    let girls = find(RowGroup::Standard(StandardGroup::Girls));
    for measure in counts() {
        if !years.is_empty() {
            out.push(Relation {
                total: cell(whole, measure),
                parts: years.iter().map(|&row| cell(row, measure)).collect(),
            });
        }
        if let (Some(boys), Some(girls)) = (boys, girls) {
            out.push(Relation {
                total: cell(whole, measure),
                parts: vec![cell(boys, measure), cell(girls, measure)],
            });
        }
    }
    // The same pupils counted twice, related only where the counts agree.
    let mut same = |total: (usize, Measure), parts: &[(usize, Measure)]| {
        let value = |(row, measure): (usize, Measure)| counts_at(row).value(measure);
        let sum: Option<u64> = parts.iter().map(|&part| value(part)).sum();
        if value(total) == sum {
            out.push(Relation {
                total: cell(total.0, total.1),
                parts: parts.iter().map(|&(row, m)| cell(row, m)).collect(),
            });
        }
    };
    for row in 0..set.rows.len() {
        for recorded in [
            Measure::AttendanceRecorded,
            Measure::SuspensionsRecorded,
            Measure::AttainmentJudged,
        ] {
            same((row, Measure::Pupils), &[(row, recorded)]);
        }
    }
    let factor_groups = [
        (Factor::Birthday, &[StandardGroup::SummerBorn][..]),
        (Factor::Lac, &[StandardGroup::LookedAfter][..]),
        (
            Factor::Sen,
            &[StandardGroup::SenSupport, StandardGroup::EhcPlan][..],
        ),
    ];
    for (factor, groups) in factor_groups {
        let rows: Vec<usize> = groups
            .iter()
            .filter_map(|&group| find(RowGroup::Standard(group)))
            .collect();
        if rows.len() != groups.len() {
            continue;
        }
        for &row in &rows {
            same((row, Measure::Pupils), &[(row, Measure::Factor(factor))]);
        }
        let parts: Vec<(usize, Measure)> = rows.iter().map(|&row| (row, Measure::Pupils)).collect();
        same((whole, Measure::Factor(factor)), &parts);
    }
}

/// The sets' figures with every rule of this module applied, all sets as one table (so a
/// local authority's total and its schools protect each other).
pub fn suppress_sets(sets: &[CountedSet]) -> Vec<FigureSet> {
    let layout = Layout::of(sets);
    let mut values = Vec::new();
    for set in sets {
        for row in &set.rows {
            values.extend(Measure::ALL.map(|measure| {
                // Mean attendance is no count: it is never hidden for being small itself.
                if measure.is_count() {
                    row.counts.value(measure).unwrap_or(0)
                } else {
                    0
                }
            }));
        }
    }
    let shown = suppress(&values, &relations(sets));
    sets.iter()
        .enumerate()
        .map(|(s, set)| FigureSet {
            kind: set.kind,
            details: set.details.clone(),
            rows: set
                .rows
                .iter()
                .enumerate()
                .map(|(r, row)| FigureRow {
                    group: row.group,
                    figures: Measure::ALL.map(|measure| {
                        if measure.is_count() {
                            shown[layout.cell(s, r, measure)]
                        } else {
                            mean(
                                &row.counts,
                                shown[layout.cell(s, r, Measure::AttendanceRecorded)],
                            )
                        }
                    }),
                })
                .collect(),
        })
        .collect()
}

/// Mean attendance as it may be shown (rule 4): hidden with its count.
fn mean(counts: &Counts, recorded: Figure) -> Figure {
    match counts.mean_attendance {
        None => Figure::Blank,
        Some(_) if recorded.is_suppressed() => Figure::Withheld,
        Some(mean) => Figure::Number(u64::from(mean.hundredths())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::figures::aggregate::CountedRow;
    use crate::core::figures::SchoolDetails;
    use crate::core::scoring::RagTotals;
    use crate::core::value::{Percent, YearGroup};
    use Figure::{FewerThanFive as Small, Number as N, Withheld as W};

    /// A row of `pupils`, all green, with `recorded` of them with attendance (95%).
    fn counted(group: RowGroup, pupils: usize, recorded: usize) -> CountedRow {
        CountedRow {
            group,
            counts: Counts {
                pupils,
                rag: RagTotals {
                    green: pupils,
                    ..RagTotals::default()
                },
                attendance_recorded: recorded,
                mean_attendance: (recorded > 0).then_some(Percent::from_hundredths(9500)),
                ..Counts::default()
            },
        }
    }

    fn school(rows: Vec<CountedRow>) -> Vec<FigureSet> {
        suppress_sets(&[CountedSet {
            kind: SetKind::School,
            details: SchoolDetails::default(),
            rows,
        }])
    }

    fn figures(set: &FigureSet, group: RowGroup, measures: &[Measure]) -> Vec<Figure> {
        let row = set.row(group).expect("the row");
        measures.iter().map(|&measure| row.get(measure)).collect()
    }

    const SHOWN: [Measure; 4] = [
        Measure::Pupils,
        Measure::Green,
        Measure::AttendanceRecorded,
        Measure::MeanAttendance,
    ];

    #[test]
    fn a_count_of_pupils_with_attendance_that_equals_the_pupils_is_withheld_with_them() {
        // Year 2 has 3 pupils, so Year 1's 37 is withheld (the whole school shows 40). Year
        // 1's 37 with attendance recorded would show it again, so it goes too, and the
        // mean attendance with it.
        let (year_1, year_2) = (
            RowGroup::YearGroup(YearGroup::year(1)),
            RowGroup::YearGroup(YearGroup::year(2)),
        );
        let sets = school(vec![
            counted(RowGroup::WholeSchool, 40, 40),
            counted(year_1, 37, 37),
            counted(year_2, 3, 3),
        ]);
        assert_eq!(figures(&sets[0], year_1, &SHOWN), [W, W, W, W]);
        assert_eq!(figures(&sets[0], year_2, &SHOWN), [Small, Small, Small, W]);
        assert_eq!(
            figures(&sets[0], RowGroup::WholeSchool, &SHOWN),
            [N(40), N(40), N(40), N(9500)]
        );
    }

    #[test]
    fn counts_that_differ_are_not_tied_to_each_other() {
        // Year 1: 37 pupils, 30 with attendance recorded; Year 2: 3 pupils, none recorded.
        // The pupils are withheld as before, but 30 recorded says nothing about 37 pupils.
        let year_1 = RowGroup::YearGroup(YearGroup::year(1));
        let sets = school(vec![
            counted(RowGroup::WholeSchool, 40, 30),
            counted(year_1, 37, 30),
            counted(RowGroup::YearGroup(YearGroup::year(2)), 3, 0),
        ]);
        assert_eq!(figures(&sets[0], year_1, &SHOWN), [W, W, N(30), N(9500)]);
    }
}
