//! Termly data drops of one made-up school (issue 13, tracking over time): the same
//! school, from the same seed, as it would be exported in the autumn, spring and summer
//! terms and on into the next academic years.
//!
//! A run of `n` drops starts in the autumn term of the academic year `spec.as_of` falls in
//! and takes one drop a term, on the day [`drop_date`] gives (12 December, 13 March,
//! 10 July). The first drop is exactly the school [`generate`](super::generate) makes as
//! of its date. Between one drop and the next:
//!
//! - most pupils stay, with the same UPN, names, date of birth and entry date;
//! - about 2–3% leave, and as many again join (new pupils, with new unique UPNs whose
//!   check letters are valid, starting on a school day between the two drops);
//! - sessions possible and attended grow through the year, and each pupil's share of
//!   sessions missed drifts a little (for a few, a lot) either way; suspensions may go up;
//!   working-at grades and teacher assessments may move a step;
//! - at a new academic year everyone moves up a year group (their class keeps its place:
//!   "R Oak" becomes "1 Oak", 7B becomes 8B, Robins become Owls), Year 6 (primary) or
//!   Year 11 (secondary and all-through) leave, a new Reception (or Year 7) intake joins,
//!   and attendance and suspensions start again from the new year's first day, as a SIMS
//!   export for the year would show them;
//! - a pupil permanently excluded at one drop has left by the next.
//!
//! In a run of three drops or more, the middle drop (drop `(n + 1) / 2`: drop 2 of 3)
//! has exactly one pupil with a blank UPN: the first pupil, in that drop's file order, who
//! is also in the drops either side of it and whose legal surname, forename and date of
//! birth no other pupil in those three drops shares. The planner must match them on name
//! and date of birth; [`SchoolDrop::without_upn`] says who it is.

use super::{
    academic_year_of, attainment, class_names, deal_classes, found, make_pupil, sort_pupils, ymd,
    Calendar, Context, Made, Phase, Rng, Roll, SchoolSpec, SyntheticSchool,
};
use crate::core::drop::{AcademicYear, Term};
use crate::core::value::format_uk_date;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The terms in the order drops are taken.
const TERMS: [Term; 3] = [Term::Autumn, Term::Spring, Term::Summer];

/// The day a run of drops takes its drop for `term` of `year`: 12 December, 13 March or
/// 10 July, a week or more before each term ends.
pub fn drop_date(year: AcademicYear, term: Term) -> NaiveDate {
    match term {
        Term::Autumn => ymd(year.start_year, 12, 12),
        Term::Spring => ymd(year.start_year + 1, 3, 13),
        Term::Summer => ymd(year.start_year + 1, 7, 10),
    }
}

/// The pupil written with a blank UPN in one drop, and the UPN they have in the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithoutUpn {
    /// Their UPN in the drops before and after.
    pub upn: String,
    /// Legal surname, as in every drop.
    pub surname: String,
    /// Legal forename, as in every drop.
    pub forename: String,
    pub date_of_birth: NaiveDate,
}

/// One termly drop of a made-up school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolDrop {
    /// 1 for the first drop of the run.
    pub number: usize,
    pub academic_year: AcademicYear,
    pub term: Term,
    /// The day the data is as of.
    pub as_of: NaiveDate,
    /// The pupil list, as the single-file generator writes one.
    pub school: SyntheticSchool,
    /// UPNs of the pupils new since the drop before, in this drop's file order (none for
    /// the first drop).
    pub joined: Vec<String>,
    /// UPNs of the pupils in the drop before who are not in this one, in that drop's
    /// file order.
    pub left: Vec<String>,
    /// The pupil written here with a blank UPN, if any.
    pub without_upn: Option<WithoutUpn>,
}

impl SchoolDrop {
    /// What file names add to tell drops apart: "autumn_2025-26".
    pub fn file_suffix(&self) -> String {
        format!(
            "{}_{}-{:02}",
            self.term.label().to_lowercase(),
            self.academic_year.start_year,
            (self.academic_year.start_year + 1).rem_euclid(100)
        )
    }

    /// "Autumn 2025/26", as the planner labels a drop.
    pub fn label(&self) -> String {
        format!("{} {}", self.term, self.academic_year)
    }

    /// The one-line summary the generator prints for this drop of `of`, with the files
    /// written (`files`), for example:
    ///
    /// ```text
    /// drop 2 of 3: target/x_spring_2025-26.csv (Spring 2025/26, as of 13/03/2026): 210 pupils, 5 joined, 5 left; without a UPN: Al-Sayed, Mariam, born 19/12/2020 (P316244125552 in the other drops)
    /// ```
    ///
    /// The first drop says "0 joined, 0 left"; a drop with every UPN written says "without
    /// a UPN: none".
    pub fn summary(&self, of: usize, files: &str) -> String {
        let without = match &self.without_upn {
            Some(pupil) => format!(
                "{}, {}, born {} ({} in the other drops)",
                pupil.surname,
                pupil.forename,
                format_uk_date(pupil.date_of_birth),
                pupil.upn
            ),
            None => "none".to_string(),
        };
        format!(
            "drop {} of {of}: {files} ({}, as of {}): {} pupils, {} joined, {} left; \
             without a UPN: {without}",
            self.number,
            self.label(),
            format_uk_date(self.as_of),
            self.school.rows.len(),
            self.joined.len(),
            self.left.len(),
        )
    }
}

/// Makes `drops` termly drops of the school `spec` describes (see the module notes): the
/// same seed always gives the same drops, and the first `k` drops of a longer run are the
/// drops of a run of `k`, apart from which one has the pupil without a UPN.
pub fn generate_drops(spec: &SchoolSpec, drops: usize) -> Vec<SchoolDrop> {
    let first_year = AcademicYear::containing(spec.as_of);
    let mut spec = spec.clone();
    let mut roll: Option<Roll> = None;
    let mut out: Vec<SchoolDrop> = Vec::with_capacity(drops);
    for number in 1..=drops {
        let academic_year = AcademicYear {
            start_year: first_year.start_year + ((number - 1) / TERMS.len()) as i32,
        };
        let term = TERMS[(number - 1) % TERMS.len()];
        let before = spec.as_of;
        spec.as_of = drop_date(academic_year, term);
        let (joined, left) = match roll.as_mut() {
            None => {
                roll = Some(found(&spec));
                (Vec::new(), Vec::new())
            }
            Some(roll) => carry_on(roll, &spec, before),
        };
        let school = roll
            .as_ref()
            .map(|roll| roll.school(&spec))
            .unwrap_or_default();
        out.push(SchoolDrop {
            number,
            academic_year,
            term,
            as_of: spec.as_of,
            school,
            joined,
            left,
            without_upn: None,
        });
    }
    if drops >= 3 {
        blank_one_upn(&mut out, (drops - 1) / 2);
    }
    out
}

/// The cells of one row the blank UPN is chosen by.
const UPN: usize = 0;
const SURNAME: usize = 1;
const FORENAME: usize = 2;
const BORN: usize = 5;

/// Blanks the UPN of one pupil of drop `middle` who is in the drops either side, with a
/// name and date of birth no other pupil there has.
fn blank_one_upn(drops: &mut [SchoolDrop], middle: usize) {
    let cell = |row: &Vec<String>, at: usize| row.get(at).cloned().unwrap_or_default();
    let key = |row: &Vec<String>| {
        (
            cell(row, SURNAME).to_lowercase(),
            cell(row, FORENAME).to_lowercase(),
            cell(row, BORN),
        )
    };
    let (Some(before), Some(after)) = (
        middle.checked_sub(1).and_then(|at| drops.get(at)),
        drops.get(middle + 1),
    ) else {
        return;
    };
    let upns = |drop: &SchoolDrop| -> HashSet<String> {
        drop.school.rows.iter().map(|row| cell(row, UPN)).collect()
    };
    let (upns_before, upns_after) = (upns(before), upns(after));
    let mut holders: HashMap<(String, String, String), HashSet<String>> = HashMap::new();
    for drop in drops.iter().skip(middle - 1).take(3) {
        for row in &drop.school.rows {
            holders.entry(key(row)).or_default().insert(cell(row, UPN));
        }
    }
    let Some(drop) = drops.get_mut(middle) else {
        return;
    };
    let chosen = drop.school.rows.iter().position(|row| {
        let upn = cell(row, UPN);
        upns_before.contains(&upn)
            && upns_after.contains(&upn)
            && holders.get(&key(row)).is_some_and(|held| held.len() == 1)
    });
    let Some(row) = chosen.and_then(|at| drop.school.rows.get_mut(at)) else {
        return;
    };
    let Some(date_of_birth) = crate::core::value::parse_date(&cell(row, BORN))
        .ok()
        .flatten()
    else {
        return;
    };
    drop.without_upn = Some(WithoutUpn {
        upn: cell(row, UPN),
        surname: cell(row, SURNAME),
        forename: cell(row, FORENAME),
        date_of_birth,
    });
    if let Some(upn) = row.get_mut(UPN) {
        upn.clear();
    }
}

/// About 2–3% of `pupils` (at least one when there are any): how many leave, or join,
/// between two drops.
fn a_few(rng: &mut Rng, pupils: usize) -> usize {
    if pupils == 0 {
        return 0;
    }
    (pupils * 2 / 100 + rng.below(pupils / 100 + 1)).max(1)
}

/// Carries the school on from the drop dated `before` to the one `spec.as_of` gives:
/// leavers, moving up a year, this term's attendance, suspensions and attainment, and
/// joiners. Returns the UPNs of those who joined and of those who left.
fn carry_on(roll: &mut Roll, spec: &SchoolSpec, before: NaiveDate) -> (Vec<String>, Vec<String>) {
    let Roll {
        rng,
        home_la,
        home_school,
        feeders,
        upns,
        pupils,
    } = roll;
    let current = academic_year_of(spec.as_of);
    let new_year = current != academic_year_of(before);
    let years: Vec<u8> = spec.phase.years().collect();
    let youngest = years.first().copied().unwrap_or(0);
    let oldest = years.last().copied().unwrap_or(0);
    let calendar = Calendar::new(current - i32::from(oldest), current, spec.as_of);
    let context = Context {
        spec,
        calendar: &calendar,
        current,
        home_la: *home_la,
        home_school: *home_school,
        feeders,
        joining: None,
    };

    // Who leaves: the permanently excluded, the oldest year at the end of a year, and a few.
    let had = pupils.len();
    let mut leaving: Vec<bool> = pupils
        .iter()
        .map(|pupil| pupil.permanent_exclusion || (new_year && pupil.year == oldest))
        .collect();
    let mut open: Vec<usize> = (0..pupils.len()).filter(|&at| !leaving[at]).collect();
    for _ in 0..a_few(rng, had).min(open.len()) {
        let at = open.swap_remove(rng.below(open.len()));
        leaving[at] = true;
    }
    let mut left = Vec::new();
    let mut staying = Vec::with_capacity(pupils.len() + pupils.len() / 10);
    for (pupil, leaves) in std::mem::take(pupils).into_iter().zip(leaving) {
        if leaves {
            left.push(pupil.upn);
        } else {
            staying.push(pupil);
        }
    }

    // Everyone else moves up at a new year, then has this term.
    if new_year {
        move_up(&mut staying, spec.phase);
    }
    for pupil in &mut staying {
        if new_year {
            start_the_year(rng, pupil, &context);
        }
        this_term(rng, pupil, &context);
    }

    // Joiners: a new intake at a new year, and a few arriving during the term.
    let mut new: HashSet<String> = HashSet::new();
    if new_year {
        let intake = spec.pupils / years.len().max(1);
        let mut cohort: Vec<Made> = (0..intake)
            .map(|_| make_pupil(rng, &context, youngest, upns))
            .collect();
        deal_classes(&mut cohort, &class_names(youngest, intake, spec.phase));
        new.extend(cohort.iter().map(|pupil| pupil.upn.clone()));
        staying.extend(cohort);
    }
    let joining = Context {
        joining: Some((before, spec.as_of)),
        ..context
    };
    let mut classes = ClassSizes::of(&staying);
    for _ in 0..a_few(rng, had) {
        let year = years
            .get(rng.below(years.len()))
            .copied()
            .unwrap_or(youngest);
        let mut pupil = make_pupil(rng, &joining, year, upns);
        pupil.class = classes.join_smallest(year, spec.phase);
        new.insert(pupil.upn.clone());
        staying.push(pupil);
    }
    sort_pupils(&mut staying);
    *pupils = staying;
    let joined = pupils
        .iter()
        .filter(|pupil| new.contains(&pupil.upn))
        .map(|pupil| pupil.upn.clone())
        .collect();
    (joined, left)
}

/// How many pupils each class of each year group has, for placing joiners.
struct ClassSizes(BTreeMap<u8, BTreeMap<String, usize>>);

impl ClassSizes {
    fn of(pupils: &[Made]) -> ClassSizes {
        let mut sizes: BTreeMap<u8, BTreeMap<String, usize>> = BTreeMap::new();
        for pupil in pupils {
            *sizes
                .entry(pupil.year)
                .or_default()
                .entry(pupil.class.clone())
                .or_default() += 1;
        }
        ClassSizes(sizes)
    }

    /// A joiner's class: the class of `year` with the fewest pupils (the first such, in
    /// name order), or the year's first class name when it has no pupils yet.
    fn join_smallest(&mut self, year: u8, phase: Phase) -> String {
        let classes = self.0.entry(year).or_default();
        let mut smallest: Option<(&String, usize)> = None;
        for (class, size) in classes.iter() {
            if smallest.is_none_or(|(_, fewest)| *size < fewest) {
                smallest = Some((class, *size));
            }
        }
        let class = match smallest {
            Some((class, _)) => class.clone(),
            None => class_names(year, 1, phase).swap_remove(0),
        };
        *classes.entry(class.clone()).or_default() += 1;
        class
    }
}

/// Up a year group: each class keeps its place in its year's list of classes ("R Oak"
/// becomes "1 Oak", 7B becomes 8B, a one-class primary year takes the next year's name).
fn move_up(pupils: &mut [Made], phase: Phase) {
    let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
    for pupil in pupils.iter() {
        *counts.entry(pupil.year + 1).or_default() += 1;
    }
    // Every class name a year could have (up to 64 classes), to find a class's place.
    let mut every: BTreeMap<u8, Vec<String>> = BTreeMap::new();
    let mut next: BTreeMap<u8, Vec<String>> = BTreeMap::new();
    for pupil in pupils.iter_mut() {
        let year = pupil.year;
        let names = every
            .entry(year)
            .or_insert_with(|| class_names(year, 32 * 64, phase));
        let place = names
            .iter()
            .position(|name| *name == pupil.class)
            .unwrap_or(0);
        let count = counts.get(&(year + 1)).copied().unwrap_or(1);
        let classes = next
            .entry(year + 1)
            .or_insert_with(|| class_names(year + 1, count, phase));
        pupil.class = classes
            .get(place % classes.len().max(1))
            .cloned()
            .unwrap_or_default();
        pupil.year = year + 1;
    }
}

/// The first day of a new academic year for a pupil who has just moved up: attendance and
/// suspensions start again, and attainment moves on to the new year's scale.
fn start_the_year(rng: &mut Rng, pupil: &mut Made, context: &Context<'_>) {
    pupil.possible = 0;
    pupil.attended = 0;
    pupil.suspensions = 0;
    pupil.suspension_sessions = 0;
    pupil.permanent_exclusion = false;
    match pupil.year {
        // Reception's early-learning goals become Year 1 teacher assessments.
        1 => {
            let sen = pupil.sen;
            for (_, cell) in pupil.attainment.iter_mut() {
                let code = match cell.as_str() {
                    "Emerging" if sen == 'E' && rng.chance(0.5) => "PKF",
                    "Emerging" if rng.chance(0.8) => "WTS",
                    "Emerging" => "EXS",
                    "Expected" => {
                        let roll = rng.unit();
                        if roll < 0.1 {
                            "GDS"
                        } else if roll < 0.15 {
                            "WTS"
                        } else {
                            "EXS"
                        }
                    }
                    other => other,
                };
                *cell = code.to_string();
            }
        }
        // An all-through school's Year 6 into Year 7: KS2 results, targets and grades.
        7 => {
            let cells = attainment(rng, pupil, pupil.ability, context, !pupil.newcomer);
            pupil.attainment = cells;
        }
        // Older pupils' grades rise as they move along their flight path.
        8..=11 => {
            for (heading, cell) in pupil.attainment.iter_mut() {
                if is_working_at(heading, pupil.year) && rng.chance(0.35) {
                    step_grade(cell, 1);
                }
            }
        }
        _ => {}
    }
}

/// Whether the cell under `heading` is a working-at grade for a pupil in `year`.
fn is_working_at(heading: &str, year: u8) -> bool {
    year >= 7
        && matches!(
            heading,
            "English Working At" | "Maths Working At" | "Maths TA"
        )
}

/// A GCSE-style grade `by` steps up (or down), kept within 1–9.
fn step_grade(cell: &mut String, by: i32) {
    if let Ok(grade) = cell.parse::<i32>() {
        *cell = (grade + by).clamp(1, 9).to_string();
    }
}

/// Teacher-assessment codes, lowest first, that a pupil may move along.
const LADDER: [&str; 3] = ["WTS", "EXS", "GDS"];

/// One more term for a pupil who was in the drop before: sessions, absence, suspensions
/// and attainment.
fn this_term(rng: &mut Rng, pupil: &mut Made, context: &Context<'_>) {
    let calendar = context.calendar;
    let first_of_year = calendar.first_day(context.current);
    let possible = calendar.sessions_since(pupil.entry.max(first_of_year));
    let sessions = possible.saturating_sub(pupil.possible);

    // Attendance drifts: a little either way for most, a bad term for a few, and a few
    // who turn it round.
    let mut absence = pupil.absence + 0.015 * rng.normal();
    if rng.chance(0.04) {
        absence += 0.12 * rng.unit();
    } else if rng.chance(0.04) {
        absence *= 0.5;
    }
    pupil.absence = absence.clamp(0.0, 0.97);

    // Suspensions: more likely for a pupil suspended before.
    let mut suspended = 0;
    let again = if pupil.suspensions > 0 { 2.0 } else { 1.0 };
    if sessions >= 20 && rng.chance((pupil.suspension_chance * again / 3.0).min(0.6)) {
        let count = if rng.chance(0.25) { 2 } else { 1 };
        for _ in 0..count {
            suspended += rng.weighted(&[(1, 10), (2, 45), (4, 15), (6, 15), (10, 15)]);
        }
        pupil.suspensions += count;
        pupil.suspension_sessions += suspended;
        if pupil.year >= 7 && pupil.suspensions >= 3 && rng.chance(0.08) {
            pupil.permanent_exclusion = true;
        }
    }
    let absent = ((f64::from(sessions) * pupil.absence + 0.5) as u32)
        .max(suspended)
        .min(sessions);
    pupil.attended = (pupil.attended + sessions - absent).min(possible);
    pupil.possible = possible;

    // Attainment: now and then a step up, less often a step down.
    let year = pupil.year;
    for (heading, cell) in pupil.attainment.iter_mut() {
        if is_working_at(heading, year) {
            let roll = rng.unit();
            if roll < 0.18 {
                step_grade(cell, 1);
            } else if roll > 0.94 {
                step_grade(cell, -1);
            }
        } else if year == 0 {
            let code = match cell.as_str() {
                "Emerging" if rng.chance(0.15) => "Expected",
                "Expected" if rng.chance(0.03) => "Emerging",
                _ => continue,
            };
            *cell = code.to_string();
        } else if let Some(at) = LADDER.iter().position(|code| cell == code) {
            let roll = rng.unit();
            let at = if roll < 0.06 {
                (at + 1).min(LADDER.len() - 1)
            } else if roll > 0.95 {
                at.saturating_sub(1)
            } else {
                at
            };
            *cell = LADDER[at].to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{generate, headings};
    use super::*;
    use crate::core::drop::{AcademicYear, Term};
    use crate::core::import::build::{build, plan};
    use crate::core::import::mapping::MappingMemory;
    use crate::core::import::read::{read_file, Limits};
    use crate::core::pupil::Pupil;
    use crate::core::synthetic::to_csv;
    use crate::core::tracking::timeline::{Period, Timeline};
    use crate::core::value::Upn;

    fn spec(pupils: usize, phase: Phase, seed: u64) -> SchoolSpec {
        SchoolSpec {
            seed,
            pupils,
            phase,
            ..SchoolSpec::default()
        }
    }

    fn primary(drops: usize) -> Vec<SchoolDrop> {
        generate_drops(&spec(210, Phase::Primary, 7), drops)
    }

    fn at(drop: &SchoolDrop, heading: &str) -> usize {
        drop.school
            .headings
            .iter()
            .position(|h| h == heading)
            .unwrap_or_else(|| panic!("no {heading} column"))
    }

    /// Each pupil's row, by the UPN they really have (the blank one filled in).
    fn by_upn(drop: &SchoolDrop) -> HashMap<String, &Vec<String>> {
        drop.school
            .rows
            .iter()
            .map(|row| {
                let upn = match (&row[UPN], &drop.without_upn) {
                    (upn, Some(blank)) if upn.is_empty() => blank.upn.clone(),
                    (upn, _) => upn.clone(),
                };
                (upn, row)
            })
            .collect()
    }

    /// The whole number just before `word` in `text` ("5 joined" → 5).
    fn number_before(text: &str, word: &str) -> usize {
        let end = text
            .find(word)
            .unwrap_or_else(|| panic!("no {word:?} in {text}"));
        let digits: String = text[..end]
            .trim_end()
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("no number before {word:?} in {text}"))
    }

    #[test]
    fn the_same_seed_gives_the_same_drops() {
        let drops = primary(4);
        assert_eq!(drops, primary(4));
        assert_ne!(drops, generate_drops(&spec(210, Phase::Primary, 8), 4));
        let csv: Vec<String> = drops.iter().map(|drop| to_csv(&drop.school)).collect();
        let again: Vec<String> = primary(4).iter().map(|drop| to_csv(&drop.school)).collect();
        assert_eq!(csv, again);
        // A shorter run is the start of a longer one, but for the pupil without a UPN.
        let two = primary(2);
        assert_eq!(two[0], drops[0]);
        assert_eq!(two[1].school.rows.len(), drops[1].school.rows.len());
        assert_eq!(two[1].joined, drops[1].joined);
        assert!(two.iter().all(|drop| drop.without_upn.is_none()));
    }

    #[test]
    fn drops_are_taken_each_term_and_named_by_it() {
        let drops = primary(4);
        let suffixes: Vec<String> = drops.iter().map(SchoolDrop::file_suffix).collect();
        assert_eq!(
            suffixes,
            [
                "autumn_2025-26",
                "spring_2025-26",
                "summer_2025-26",
                "autumn_2026-27"
            ]
        );
        let labels: Vec<String> = drops.iter().map(SchoolDrop::label).collect();
        assert_eq!(labels[1], "Spring 2025/26");
        assert_eq!(drops[3].academic_year, AcademicYear { start_year: 2026 });
        assert_eq!(drops[3].term, Term::Autumn);
        for drop in &drops {
            assert_eq!(AcademicYear::containing(drop.as_of), drop.academic_year);
            assert_eq!(Term::containing(drop.as_of), drop.term);
            assert_eq!(drop.school.headings, headings(Phase::Primary));
        }
        assert_eq!(drops[1].as_of, ymd(2026, 3, 13));
    }

    #[test]
    fn the_first_drop_is_the_school_as_of_its_date() {
        let drops = primary(3);
        let first = generate(&SchoolSpec {
            as_of: ymd(2025, 12, 12),
            ..spec(210, Phase::Primary, 7)
        });
        assert_eq!(drops[0].school, first);
        assert!(drops[0].joined.is_empty() && drops[0].left.is_empty());
    }

    #[test]
    fn most_pupils_stay_with_the_same_upn_names_and_birthday() {
        let drops = primary(3);
        let (first, second) = (by_upn(&drops[0]), by_upn(&drops[1]));
        let kept = first.keys().filter(|upn| second.contains_key(*upn)).count();
        assert!(kept * 100 >= first.len() * 95, "{kept} of {}", first.len());
        // And with their UPN written, not counting the one left blank.
        let written: HashSet<&String> = drops[1].school.rows.iter().map(|row| &row[UPN]).collect();
        let kept_written = first.keys().filter(|upn| written.contains(upn)).count();
        assert!(kept_written * 100 >= first.len() * 95);
        for (upn, row) in &first {
            if let Some(later) = second.get(upn) {
                for column in ["Legal Surname", "Legal Forename", "Date of Birth", "Gender"] {
                    let c = at(&drops[0], column);
                    assert_eq!(row[c], later[c], "{upn} {column}");
                }
            }
        }
    }

    #[test]
    fn joiners_and_leavers_are_a_few_and_as_the_summary_says() {
        let drops = primary(4);
        let mut every_upn: HashSet<String> = HashSet::new();
        for pair in drops.windows(2) {
            let (before, after) = (by_upn(&pair[0]), by_upn(&pair[1]));
            let joined: Vec<&String> = after
                .keys()
                .filter(|upn| !before.contains_key(*upn))
                .collect();
            let left: Vec<&String> = before
                .keys()
                .filter(|upn| !after.contains_key(*upn))
                .collect();
            let drop = &pair[1];
            assert_eq!(joined.len(), drop.joined.len(), "{}", drop.label());
            assert_eq!(left.len(), drop.left.len(), "{}", drop.label());
            assert!(joined.iter().all(|upn| drop.joined.contains(upn)));
            assert!(left.iter().all(|upn| drop.left.contains(upn)));
            assert!(!joined.is_empty() && !left.is_empty(), "{}", drop.label());
            let summary = drop.summary(drops.len(), "x.csv");
            assert_eq!(
                number_before(&summary, " joined"),
                joined.len(),
                "{summary}"
            );
            assert_eq!(number_before(&summary, " left"), left.len(), "{summary}");
            assert_eq!(number_before(&summary, " pupils"), after.len(), "{summary}");
            if drop.academic_year == pair[0].academic_year {
                // Within a year: about 2–3% each way.
                let most = before.len() * 3 / 100 + 1;
                assert!(joined.len() <= most && left.len() <= most, "{summary}");
            }
        }
        // Every UPN ever written is valid and given to one pupil only, leavers' too.
        for drop in &drops {
            for upn in by_upn(drop).into_keys() {
                assert!(Upn::parse(&upn).is_ok(), "{upn}");
                every_upn.insert(upn);
            }
        }
        let pupils_ever: HashSet<(String, String, String)> = drops
            .iter()
            .flat_map(|drop| {
                by_upn(drop)
                    .into_iter()
                    .map(|(upn, row)| (upn, row[SURNAME].clone(), row[BORN].clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(
            pupils_ever.len(),
            every_upn.len(),
            "a UPN was given out twice"
        );
    }

    #[test]
    fn one_pupil_in_the_middle_drop_has_no_upn() {
        let drops = primary(3);
        let blanks = |drop: &SchoolDrop| {
            drop.school
                .rows
                .iter()
                .filter(|row| row[UPN].is_empty())
                .count()
        };
        assert_eq!(blanks(&drops[0]), 0);
        assert_eq!(blanks(&drops[1]), 1);
        assert_eq!(blanks(&drops[2]), 0);
        assert!(drops[0].without_upn.is_none() && drops[2].without_upn.is_none());
        let pupil = drops[1].without_upn.clone().expect("a pupil without a UPN");
        let born = format_uk_date(pupil.date_of_birth);
        let same = |row: &&Vec<String>| {
            row[SURNAME] == pupil.surname && row[FORENAME] == pupil.forename && row[BORN] == born
        };
        for drop in &drops {
            let rows: Vec<&Vec<String>> = drop.school.rows.iter().filter(same).collect();
            assert_eq!(
                rows.len(),
                1,
                "{}: one pupil of that name and birthday",
                drop.label()
            );
            let expected = if drop.number == 2 {
                ""
            } else {
                pupil.upn.as_str()
            };
            assert_eq!(rows[0][UPN], expected, "{}", drop.label());
        }
        // The first pupil, in the middle drop's order, who is in the drops either side.
        let (first, third) = (by_upn(&drops[0]), by_upn(&drops[2]));
        let chosen = drops[1]
            .school
            .rows
            .iter()
            .find(|row| {
                row[UPN].is_empty()
                    || (first.contains_key(&row[UPN]) && third.contains_key(&row[UPN]))
            })
            .expect("a row");
        assert!(chosen[UPN].is_empty());
        let summary = drops[1].summary(3, "x_spring_2025-26.csv");
        assert!(
            summary.ends_with(&format!(
                "without a UPN: {}, {}, born {born} ({} in the other drops)",
                pupil.surname, pupil.forename, pupil.upn
            )),
            "{summary}"
        );
        assert!(drops[0].summary(3, "x").ends_with("without a UPN: none"));
        // Longer runs blank one in their middle drop: drop 3 of 5.
        let five = primary(5);
        let with_blank: Vec<usize> = five
            .iter()
            .filter(|drop| drop.without_upn.is_some())
            .map(|drop| drop.number)
            .collect();
        assert_eq!(with_blank, [3]);
    }

    #[test]
    fn attendance_grows_through_the_year_and_drifts() {
        let drops = primary(3);
        let (possible, attended, percent, suspensions) = (
            at(&drops[0], "Possible Sessions"),
            at(&drops[0], "Attended Sessions"),
            at(&drops[0], "Attendance %"),
            at(&drops[0], "Suspensions"),
        );
        let number = |cell: &str| cell.parse::<f64>().unwrap_or(0.0);
        for pair in drops.windows(2) {
            let (before, after) = (by_upn(&pair[0]), by_upn(&pair[1]));
            let (mut up, mut down, mut both) = (0, 0, 0);
            for (upn, row) in &before {
                let Some(later) = after.get(upn) else {
                    continue;
                };
                both += 1;
                assert!(number(&later[possible]) > number(&row[possible]), "{upn}");
                assert!(number(&later[attended]) >= number(&row[attended]), "{upn}");
                assert!(
                    number(&later[attended]) <= number(&later[possible]),
                    "{upn}"
                );
                assert!(
                    number(&later[suspensions]) >= number(&row[suspensions]),
                    "{upn}"
                );
                if number(&later[percent]) > number(&row[percent]) {
                    up += 1;
                } else if number(&later[percent]) < number(&row[percent]) {
                    down += 1;
                }
            }
            assert!(
                up * 10 >= both && down * 10 >= both,
                "{up} up, {down} down of {both}"
            );
        }
        // Joiners have only the sessions since they started.
        let first_of_year = ymd(2025, 9, 3);
        let entry = at(&drops[1], "Date of Entry");
        for upn in &drops[1].joined {
            let row = by_upn(&drops[1])[upn];
            let started = crate::core::value::parse_date(&row[entry]).ok().flatten();
            assert!(started.is_some_and(|day| day > drops[0].as_of && day > first_of_year));
        }
    }

    #[test]
    fn attainment_moves_for_some_pupils() {
        let drops = primary(3);
        let (before, after) = (by_upn(&drops[0]), by_upn(&drops[2]));
        let reading = at(&drops[0], "Reading TA");
        let moved = before
            .iter()
            .filter(|(upn, row)| {
                after
                    .get(*upn)
                    .is_some_and(|later| later[reading] != row[reading])
            })
            .count();
        assert!(moved > 0 && moved * 4 < before.len(), "{moved}");
    }

    #[test]
    fn a_fourth_drop_moves_everyone_up_a_year() {
        let drops = primary(4);
        let year = at(&drops[0], "Year Group");
        let class = at(&drops[0], "Reg Group");
        let possible = at(&drops[0], "Possible Sessions");
        let number = |text: &str| match text {
            "Reception" => 0,
            other => other
                .trim_start_matches("Year ")
                .parse::<u8>()
                .unwrap_or(99),
        };
        let (summer, autumn) = (by_upn(&drops[2]), by_upn(&drops[3]));
        let calendar = Calendar::new(2026, 2026, drops[3].as_of);
        let autumn_sessions = calendar.sessions_since(ymd(2026, 9, 1)).to_string();
        let mut moved_up = 0;
        for (upn, row) in &summer {
            if let Some(later) = autumn.get(upn) {
                assert_eq!(number(&later[year]), number(&row[year]) + 1, "{upn}");
                // Sessions start again: the new year's, to 12 December, for everyone.
                assert_eq!(later[possible], autumn_sessions, "{upn}");
                moved_up += 1;
            }
            if row[year] == "Year 6" {
                assert!(!autumn.contains_key(upn), "{upn} stayed on after Year 6");
            }
        }
        assert!(moved_up > 140, "{moved_up}");
        // One class a year here: last year's Robins (Reception) are this year's Owls.
        let owls: Vec<&&Vec<String>> = autumn
            .values()
            .filter(|row| row[year] == "Year 1")
            .collect();
        assert!(owls.iter().all(|row| row[class] == "Owls"));
        // A new Reception: all new to the school.
        let reception: Vec<&String> = autumn
            .iter()
            .filter(|(_, row)| row[year] == "Reception")
            .map(|(upn, _)| upn)
            .collect();
        assert!(reception.len() >= 28, "{}", reception.len());
        assert!(reception.iter().all(|upn| !summer.contains_key(*upn)));
        assert!(reception.iter().all(|upn| drops[3].joined.contains(upn)));
        // Year 6 left.
        assert!(drops[3].left.len() >= 28);
        assert!(autumn.len().abs_diff(210) <= 10, "{}", autumn.len());
    }

    #[test]
    fn secondary_and_all_through_schools_carry_on_too() {
        for (phase, pupils) in [(Phase::Secondary, 600), (Phase::AllThrough, 480)] {
            let drops = generate_drops(&spec(pupils, phase, 11), 5);
            for drop in &drops {
                let upns: Vec<&String> = drop.school.rows.iter().map(|row| &row[UPN]).collect();
                let unique: HashSet<&&String> = upns.iter().collect();
                assert_eq!(unique.len(), upns.len(), "{phase:?} {}", drop.label());
                let blank = upns.iter().filter(|upn| upn.is_empty()).count();
                assert_eq!(
                    blank,
                    usize::from(drop.number == 3),
                    "{phase:?} {}",
                    drop.label()
                );
                assert!(upns
                    .iter()
                    .all(|upn| upn.is_empty() || Upn::parse(upn).is_ok()));
                assert!(drop
                    .school
                    .rows
                    .iter()
                    .all(|row| row.len() == drop.school.headings.len()));
                assert!(drop.school.rows.len().abs_diff(pupils) <= pupils / 10);
            }
            if phase == Phase::AllThrough {
                // Last year's Year 6 have KS2 results and grades in Year 7.
                let (summer, autumn) = (by_upn(&drops[2]), by_upn(&drops[3]));
                let (year, ks2) = (
                    at(&drops[3], "Year Group"),
                    at(&drops[3], "KS2 Maths Scaled Score"),
                );
                let grade = at(&drops[3], "Maths TA");
                let up: Vec<&&Vec<String>> = autumn
                    .iter()
                    .filter(|(upn, row)| row[year] == "Year 7" && summer.contains_key(*upn))
                    .map(|(_, row)| row)
                    .collect();
                assert!(up.len() > 30);
                assert!(up.iter().all(|row| row[grade].parse::<u8>().is_ok()));
                assert!(up.iter().filter(|row| !row[ks2].is_empty()).count() * 10 > up.len() * 8);
            }
        }
    }

    /// The planner's own import and tracking see the joiners, leavers and the pupil
    /// without a UPN as the summaries say.
    #[test]
    fn the_planner_follows_the_drops_as_the_summaries_say() {
        let drops = primary(3);
        let imported: Vec<Vec<Pupil>> = drops
            .iter()
            .map(|drop| {
                let bytes = to_csv(&drop.school).into_bytes();
                let wb = read_file(&bytes, &Limits::default()).expect("the csv reads");
                let plan = plan(&wb, &MappingMemory::default()).expect("a plan");
                let report = build(&wb, &plan);
                assert!(report.skipped.is_empty());
                assert_eq!(report.imported(), drop.school.rows.len());
                report.pupils
            })
            .collect();
        let periods: Vec<(Period, &[Pupil])> = drops
            .iter()
            .zip(&imported)
            .map(|(drop, pupils)| {
                (
                    Period {
                        academic_year: drop.academic_year,
                        term: drop.term,
                    },
                    pupils.as_slice(),
                )
            })
            .collect();
        let timeline = Timeline::follow(&periods);
        for (change, drop) in timeline.changes.iter().zip(drops.iter().skip(1)) {
            assert_eq!(change.joined.len(), drop.joined.len(), "{}", drop.label());
            assert_eq!(change.left.len(), drop.left.len(), "{}", drop.label());
            assert_eq!(change.matched_without_upn(), 1, "{}", drop.label());
            assert!(change.ambiguous.is_empty());
        }
        let blank = drops[1]
            .without_upn
            .as_ref()
            .expect("a pupil without a UPN");
        let place = |pupils: &[Pupil]| {
            pupils.iter().position(|pupil| {
                pupil
                    .upn
                    .as_ref()
                    .is_some_and(|upn| upn.to_string() == blank.upn)
            })
        };
        let first = place(&imported[0]).expect("in the first drop");
        let person = timeline.person_at(0, first).expect("a person");
        assert!(person.places.iter().all(Option::is_some));
        assert_eq!(person.places[2], place(&imported[2]));
    }
}
