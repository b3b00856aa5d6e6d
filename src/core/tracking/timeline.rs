//! A workspace's drops in time order, and each pupil followed through them (SPEC §3,
//! §8.1): the periods drops are filed under, whether an import adds a drop or replaces
//! one, who joined and left at each drop, and each person's place in every drop, which the
//! pupil's "Over time" rows, fixed cohorts and "the same pupils a year on" read.

use super::matching::{match_pupils, Matching};
use crate::core::drop::{AcademicYear, DataDrop, Term};
use crate::core::pupil::Pupil;
use crate::core::value::Upn;
use std::collections::HashMap;
use std::fmt;

/// The academic year and term a drop is filed under: one drop per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub academic_year: AcademicYear,
    pub term: Term,
}

impl Period {
    /// The period a drop is filed under.
    pub fn of(drop: &DataDrop) -> Period {
        Period {
            academic_year: drop.academic_year,
            term: drop.term,
        }
    }

    /// The same term of the academic year before, for year-on-year.
    pub fn a_year_before(self) -> Period {
        Period {
            academic_year: AcademicYear {
                start_year: self.academic_year.start_year - 1,
            },
            term: self.term,
        }
    }
}

/// "Spring 2025/26".
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.term, self.academic_year)
    }
}

/// What importing a file for a period does to the drops held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// No drop is held for the period: the file adds one.
    Adds,
    /// The drop at this place in the list already holds the period: the file replaces its
    /// pupils (notes, flags, provision and targets are the school's and stay).
    Replaces(usize),
}

/// Where a file for `period` goes among `periods` (the drops held, in any order).
pub fn placement(periods: &[Period], period: Period) -> Placement {
    periods
        .iter()
        .position(|held| *held == period)
        .map_or(Placement::Adds, Placement::Replaces)
}

/// One pupil followed through the drops: their place in each drop's pupils, by the
/// timeline's order (oldest first), `None` where they were not in that drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub places: Vec<Option<usize>>,
}

impl Person {
    /// The first and last drops (by the timeline's order) the person is in.
    pub fn span(&self) -> Option<(usize, usize)> {
        let first = self.places.iter().position(Option::is_some)?;
        let last = self.places.iter().rposition(Option::is_some)?;
        Some((first, last))
    }
}

/// The drops, oldest first, with the change at each one and everyone followed through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// Each drop's period, oldest first.
    pub periods: Vec<Period>,
    /// For each drop after the first, how its pupils line up with the drop before it
    /// (`changes[k - 1]` is drop `k` against drop `k - 1`).
    pub changes: Vec<Matching>,
    /// Everyone who was in any drop.
    pub people: Vec<Person>,
    /// For each drop, the person (index into `people`) at each of its places.
    who: Vec<Vec<usize>>,
}

impl Timeline {
    /// Follows the pupils of `drops` (each with its period; any order) through time.
    /// Consecutive drops are matched with [`match_pupils`]; a pupil who was away for a drop
    /// or more and comes back with the same UPN is the same person again.
    pub fn follow(drops: &[(Period, &[Pupil])]) -> Timeline {
        let mut order: Vec<usize> = (0..drops.len()).collect();
        order.sort_by_key(|&at| drops[at].0);
        let count = order.len();
        let mut people: Vec<Person> = Vec::new();
        let mut changes = Vec::new();
        let mut who = Vec::with_capacity(count);
        // Who is at each place of the drop just followed.
        let mut here: Vec<Option<usize>> = Vec::new();
        for (k, &at) in order.iter().enumerate() {
            let pupils = drops[at].1;
            let mut now: Vec<Option<usize>> = vec![None; pupils.len()];
            if k > 0 {
                let before = drops[order[k - 1]].1;
                let matching = match_pupils(before, pupils);
                for pair in &matching.matched {
                    now[pair.later] = here[pair.earlier];
                }
                changes.push(matching);
            }
            // Away for a drop or more, and back: the same UPN is the same person.
            let away: HashMap<&Upn, usize> = if k > 1 {
                people_away(&people, &order, drops, k)
            } else {
                HashMap::new()
            };
            for (place, pupil) in pupils.iter().enumerate() {
                if now[place].is_some() {
                    continue;
                }
                let person = match pupil.upn.as_ref().and_then(|upn| away.get(upn)) {
                    Some(&person) if !now.contains(&Some(person)) => person,
                    _ => {
                        people.push(Person {
                            places: vec![None; count],
                        });
                        people.len() - 1
                    }
                };
                now[place] = Some(person);
            }
            for (place, person) in now.iter().enumerate() {
                if let Some(person) = person {
                    people[*person].places[k] = Some(place);
                }
            }
            who.push(now.iter().flatten().copied().collect());
            here = now;
        }
        Timeline {
            periods: order.iter().map(|&at| drops[at].0).collect(),
            changes,
            people,
            who,
        }
    }

    /// The person at `place` in the drop at `drop` (by the timeline's order).
    pub fn person_at(&self, drop: usize, place: usize) -> Option<&Person> {
        self.people.get(*self.who.get(drop)?.get(place)?)
    }
}

/// People not in drop `k - 1` but seen before it, by the UPN they last had.
fn people_away<'a>(
    people: &[Person],
    order: &[usize],
    drops: &[(Period, &'a [Pupil])],
    k: usize,
) -> HashMap<&'a Upn, usize> {
    let mut away = HashMap::new();
    for (index, person) in people.iter().enumerate() {
        if person.places[k - 1].is_some() {
            continue;
        }
        let last_seen = (0..k - 1)
            .rev()
            .find_map(|drop| person.places[drop].map(|place| (drop, place)));
        if let Some((drop, place)) = last_seen {
            if let Some(upn) = drops[order[drop]].1[place].upn.as_ref() {
                away.insert(upn, index);
            }
        }
    }
    away
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tracking::test_support::{period, upn};

    fn pupils(serials: &[u32]) -> Vec<Pupil> {
        serials
            .iter()
            .map(|&serial| Pupil {
                upn: Some(upn(serial)),
                forename: format!("No {serial}"),
                ..Pupil::default()
            })
            .collect()
    }

    #[test]
    fn periods_order_by_year_then_term_and_label_as_schools_say_them() {
        let autumn = period(2025, Term::Autumn);
        let spring = period(2025, Term::Spring);
        let last_summer = period(2024, Term::Summer);
        assert!(last_summer < autumn && autumn < spring);
        assert_eq!(spring.to_string(), "Spring 2025/26");
        assert_eq!(spring.a_year_before(), period(2024, Term::Spring));
    }

    #[test]
    fn a_file_for_a_period_already_held_replaces_that_drop() {
        let held = [period(2025, Term::Autumn), period(2025, Term::Spring)];
        assert_eq!(
            placement(&held, period(2025, Term::Spring)),
            Placement::Replaces(1)
        );
        assert_eq!(
            placement(&held, period(2025, Term::Summer)),
            Placement::Adds
        );
        assert_eq!(
            placement(&held, period(2024, Term::Spring)),
            Placement::Adds
        );
        assert_eq!(placement(&[], period(2025, Term::Autumn)), Placement::Adds);
    }

    #[test]
    fn pupils_are_followed_through_drops_given_in_any_order() {
        let autumn = pupils(&[1, 2, 3]);
        let spring = pupils(&[3, 2, 4]); // 1 left, 4 joined
        let summer = pupils(&[4, 5, 2]); // 3 left, 5 joined
        let timeline = Timeline::follow(&[
            (period(2025, Term::Summer), &summer),
            (period(2025, Term::Autumn), &autumn),
            (period(2025, Term::Spring), &spring),
        ]);
        assert_eq!(
            timeline.periods,
            [
                period(2025, Term::Autumn),
                period(2025, Term::Spring),
                period(2025, Term::Summer)
            ]
        );
        assert_eq!(timeline.people.len(), 5, "five children in all");
        // Pupil 2 is in every drop, at their place in each file.
        let two = timeline.person_at(0, 1).expect("pupil 2 in autumn");
        assert_eq!(two.places, [Some(1), Some(1), Some(2)]);
        assert_eq!(two.span(), Some((0, 2)));
        let one = timeline.person_at(0, 0).expect("pupil 1");
        assert_eq!(one.places, [Some(0), None, None]);
        let five = timeline.person_at(2, 1).expect("pupil 5");
        assert_eq!(five.places, [None, None, Some(1)]);
        assert_eq!(five.span(), Some((2, 2)));
        // The change at each drop, against the drop before.
        let counts: Vec<(usize, usize)> = timeline
            .changes
            .iter()
            .map(|change| (change.joined.len(), change.left.len()))
            .collect();
        assert_eq!(counts, [(1, 1), (1, 1)]);
    }

    #[test]
    fn a_pupil_away_for_a_term_is_the_same_person_on_return() {
        let autumn = pupils(&[1, 2]);
        let spring = pupils(&[2]);
        let summer = pupils(&[1, 2]);
        let timeline = Timeline::follow(&[
            (period(2025, Term::Autumn), &autumn),
            (period(2025, Term::Spring), &spring),
            (period(2025, Term::Summer), &summer),
        ]);
        assert_eq!(timeline.people.len(), 2);
        let one = timeline.person_at(0, 0).expect("pupil 1");
        assert_eq!(one.places, [Some(0), None, Some(0)]);
        // The summer drop still counts them as joining against spring.
        assert_eq!(timeline.changes[1].joined, [0]);
    }

    #[test]
    fn no_drops_is_an_empty_timeline() {
        let timeline = Timeline::follow(&[]);
        assert!(timeline.periods.is_empty() && timeline.people.is_empty());
        assert!(timeline.changes.is_empty());
    }
}
