//! Following pupils from one data drop to the next (SPEC §3, §8.1): who is the same pupil,
//! who joined and who left. Matching is by UPN; a pupil without a UPN in one of the two
//! drops is matched on legal surname, forename and date of birth, but only when exactly one
//! pupil fits both ways. Anything less certain is listed as ambiguous, never guessed, so a
//! note or a provision never follows the wrong child.

use crate::core::pupil::Pupil;
use chrono::NaiveDate;
use std::collections::HashMap;

/// How a pupil of the later drop was found in the earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// The same UPN (read without spaces and in capitals, as every UPN is).
    Upn,
    /// No UPN in one of the drops: the only pupil with this legal name and date of birth.
    NameAndBirthday,
}

/// One pupil found in both drops, by their places in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matched {
    /// Their place in the earlier drop's pupils.
    pub earlier: usize,
    /// Their place in the later drop's pupils.
    pub later: usize,
    pub by: MatchedBy,
}

/// A pupil of the later drop who could be any of several pupils of the earlier one (or one
/// of several who could be the same earlier pupil): listed for the school to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguous {
    /// The later drop's pupils who share the name and date of birth.
    pub later: Vec<usize>,
    /// The earlier drop's pupils they could be.
    pub earlier: Vec<usize>,
}

/// How the pupils of a later drop line up with an earlier one's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matching {
    /// Pupils in both drops, in the later drop's order.
    pub matched: Vec<Matched>,
    /// Places in the later drop of pupils new to it.
    pub joined: Vec<usize>,
    /// Places in the earlier drop of pupils no longer in the later one.
    pub left: Vec<usize>,
    /// Pupils that could not be told apart; neither joined nor left.
    pub ambiguous: Vec<Ambiguous>,
}

impl Matching {
    /// How many pupils were matched on name and date of birth, not UPN.
    pub fn matched_without_upn(&self) -> usize {
        self.matched
            .iter()
            .filter(|matched| matched.by == MatchedBy::NameAndBirthday)
            .count()
    }

    /// The share of the later drop's pupils found in the earlier one, in whole percent
    /// (rounded down); 100 when the later drop is empty. Under half suggests a file from
    /// another school.
    pub fn percent_matched(&self, later_pupils: usize) -> usize {
        if later_pupils == 0 {
            return 100;
        }
        self.matched.len() * 100 / later_pupils
    }
}

/// A legal name and date of birth as compared: case, and runs of spaces, ignored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct NameAndBirthday {
    surname: String,
    forename: String,
    born: NaiveDate,
}

impl NameAndBirthday {
    /// `None` without a date of birth or a name: such a pupil is matched by UPN or not at all.
    fn of(pupil: &Pupil) -> Option<NameAndBirthday> {
        let tidy = |name: &str| {
            name.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        let surname = tidy(&pupil.surname);
        let forename = tidy(&pupil.forename);
        if surname.is_empty() && forename.is_empty() {
            return None;
        }
        Some(NameAndBirthday {
            surname,
            forename,
            born: pupil.date_of_birth?,
        })
    }
}

/// Lines up `later`'s pupils with `earlier`'s.
pub fn match_pupils(earlier: &[Pupil], later: &[Pupil]) -> Matching {
    let mut earlier_taken = vec![false; earlier.len()];
    let mut later_found: Vec<Option<Matched>> = vec![None; later.len()];

    // By UPN, where the UPN belongs to exactly one pupil in each drop.
    let earlier_by_upn = places_by(earlier, |pupil| pupil.upn.clone());
    let later_by_upn = places_by(later, |pupil| pupil.upn.clone());
    for (upn, later_places) in &later_by_upn {
        if let ([at_later], Some([at_earlier])) = (
            later_places.as_slice(),
            earlier_by_upn.get(upn).map(Vec::as_slice),
        ) {
            earlier_taken[*at_earlier] = true;
            later_found[*at_later] = Some(Matched {
                earlier: *at_earlier,
                later: *at_later,
                by: MatchedBy::Upn,
            });
        }
    }

    // By name and date of birth, for pupils left over where one side has no UPN. Two
    // pupils with different UPNs are different children, whatever their names. (An
    // earlier pupil has one name, so each is looked at under one key only.)
    let taken_by_upn = earlier_taken.clone();
    let open_earlier = |place: usize| !taken_by_upn[place];
    let earlier_by_name = places_by(earlier, NameAndBirthday::of);
    let later_by_name = places_by(later, NameAndBirthday::of);
    let mut ambiguous = Vec::new();
    let mut in_doubt_earlier = vec![false; earlier.len()];
    let mut in_doubt_later = vec![false; later.len()];
    for (key, later_places) in &later_by_name {
        let later_places: Vec<usize> = later_places
            .iter()
            .copied()
            .filter(|&place| later_found[place].is_none())
            .collect();
        let Some(earlier_places) = earlier_by_name.get(key) else {
            continue;
        };
        let fits = |at_later: usize, at_earlier: usize| {
            open_earlier(at_earlier)
                && (later[at_later].upn.is_none() || earlier[at_earlier].upn.is_none())
        };
        let earlier_places: Vec<usize> = earlier_places
            .iter()
            .copied()
            .filter(|&at_earlier| {
                later_places
                    .iter()
                    .any(|&at_later| fits(at_later, at_earlier))
            })
            .collect();
        let later_places: Vec<usize> = later_places
            .into_iter()
            .filter(|&at_later| {
                earlier_places
                    .iter()
                    .any(|&at_earlier| fits(at_later, at_earlier))
            })
            .collect();
        match (later_places.as_slice(), earlier_places.as_slice()) {
            ([], _) | (_, []) => {}
            ([at_later], [at_earlier]) => {
                earlier_taken[*at_earlier] = true;
                later_found[*at_later] = Some(Matched {
                    earlier: *at_earlier,
                    later: *at_later,
                    by: MatchedBy::NameAndBirthday,
                });
            }
            _ => {
                for &place in &later_places {
                    in_doubt_later[place] = true;
                }
                for &place in &earlier_places {
                    in_doubt_earlier[place] = true;
                }
                ambiguous.push(Ambiguous {
                    later: later_places,
                    earlier: earlier_places,
                });
            }
        }
    }
    ambiguous.sort_by_key(|doubt| doubt.later.first().copied());

    Matching {
        matched: later_found.iter().flatten().copied().collect(),
        joined: (0..later.len())
            .filter(|&place| later_found[place].is_none() && !in_doubt_later[place])
            .collect(),
        left: (0..earlier.len())
            .filter(|&place| !earlier_taken[place] && !in_doubt_earlier[place])
            .collect(),
        ambiguous,
    }
}

/// Each key's places among `pupils`, in order; pupils without a key are left out.
fn places_by<K: Eq + std::hash::Hash>(
    pupils: &[Pupil],
    key: impl Fn(&Pupil) -> Option<K>,
) -> HashMap<K, Vec<usize>> {
    let mut places: HashMap<K, Vec<usize>> = HashMap::new();
    for (place, pupil) in pupils.iter().enumerate() {
        if let Some(key) = key(pupil) {
            places.entry(key).or_default().push(place);
        }
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tracking::test_support::upn_text as upn;
    use crate::core::value::Upn;

    fn pupil(
        upn_text: Option<&str>,
        surname: &str,
        forename: &str,
        born: (i32, u32, u32),
    ) -> Pupil {
        Pupil {
            upn: upn_text.map(|text| Upn::parse(text).expect("a valid UPN")),
            surname: surname.into(),
            forename: forename.into(),
            date_of_birth: NaiveDate::from_ymd_opt(born.0, born.1, born.2),
            ..Pupil::default()
        }
    }

    #[test]
    fn the_same_upn_written_in_lower_case_or_with_spaces_is_the_same_pupil() {
        let written = upn(1);
        let spaced = format!(" {} {} ", &written[..4], &written[4..]).to_lowercase();
        let earlier = [pupil(Some(&written), "Okafor", "Ada", (2013, 5, 2))];
        // The later file also spells the name differently: the UPN decides.
        let later = [pupil(Some(&spaced), "Okafor-Smith", "Ada", (2013, 5, 2))];
        let matching = match_pupils(&earlier, &later);
        assert_eq!(
            matching.matched,
            vec![Matched {
                earlier: 0,
                later: 0,
                by: MatchedBy::Upn
            }]
        );
        assert!(matching.joined.is_empty() && matching.left.is_empty());
        assert_eq!(matching.matched_without_upn(), 0);
    }

    #[test]
    fn a_pupil_without_a_upn_in_one_drop_is_matched_on_name_and_date_of_birth() {
        let earlier = [
            pupil(Some(&upn(1)), "Nowak", "Zofia", (2012, 1, 9)),
            pupil(Some(&upn(2)), "Begum", "Amira", (2012, 3, 30)),
        ];
        let later = [
            // Her UPN is missing from the middle file; case and spaces differ too.
            pupil(None, "  NOWAK ", "zofia", (2012, 1, 9)),
            pupil(Some(&upn(2)), "Begum", "Amira", (2012, 3, 30)),
        ];
        let matching = match_pupils(&earlier, &later);
        assert_eq!(
            matching.matched,
            vec![
                Matched {
                    earlier: 0,
                    later: 0,
                    by: MatchedBy::NameAndBirthday
                },
                Matched {
                    earlier: 1,
                    later: 1,
                    by: MatchedBy::Upn
                },
            ]
        );
        assert_eq!(matching.matched_without_upn(), 1);
        // And back again: the UPN returns in the next file.
        let next = match_pupils(&later, &earlier);
        assert_eq!(next.matched_without_upn(), 1);
        assert!(next.joined.is_empty() && next.left.is_empty());
    }

    #[test]
    fn a_different_date_of_birth_or_a_different_upn_is_a_different_pupil() {
        let earlier = [
            pupil(Some(&upn(1)), "Smith", "Jack", (2012, 6, 1)),
            pupil(None, "Jones", "Mia", (2012, 7, 1)),
        ];
        let later = [
            pupil(Some(&upn(3)), "Smith", "Jack", (2012, 6, 1)),
            pupil(None, "Jones", "Mia", (2012, 7, 2)),
        ];
        let matching = match_pupils(&earlier, &later);
        assert!(matching.matched.is_empty());
        assert_eq!(matching.joined, vec![0, 1]);
        assert_eq!(matching.left, vec![0, 1]);
        // Without a date of birth a name alone never matches.
        let undated = Pupil {
            date_of_birth: None,
            ..earlier[1].clone()
        };
        let matching = match_pupils(
            std::slice::from_ref(&undated),
            std::slice::from_ref(&undated),
        );
        assert!(matching.matched.is_empty());
    }

    #[test]
    fn two_pupils_who_fit_are_listed_as_ambiguous_not_guessed() {
        // Two children with one name and birthday (no UPNs in the earlier file).
        let earlier = [
            pupil(None, "Khan", "Yusuf", (2013, 2, 14)),
            pupil(None, "Khan", "Yusuf", (2013, 2, 14)),
            pupil(Some(&upn(5)), "Evans", "Cara", (2013, 9, 3)),
        ];
        let later = [
            pupil(Some(&upn(5)), "Evans", "Cara", (2013, 9, 3)),
            pupil(Some(&upn(6)), "Khan", "Yusuf", (2013, 2, 14)),
        ];
        let matching = match_pupils(&earlier, &later);
        assert_eq!(
            matching.matched,
            vec![Matched {
                earlier: 2,
                later: 0,
                by: MatchedBy::Upn
            }]
        );
        assert_eq!(
            matching.ambiguous,
            vec![Ambiguous {
                later: vec![1],
                earlier: vec![0, 1]
            }]
        );
        assert!(
            matching.joined.is_empty(),
            "an ambiguous pupil is not a joiner"
        );
        assert!(matching.left.is_empty(), "nor are the candidates leavers");
    }

    /// Pupils "No 1", "No 2", … with their own UPNs and birthdays, in the order given.
    fn numbered(serials: impl IntoIterator<Item = u32>) -> Vec<Pupil> {
        serials
            .into_iter()
            .map(|serial| {
                let name = format!("No {serial}");
                pupil(Some(&upn(serial)), "Pupil", &name, (2012, 1, serial))
            })
            .collect()
    }

    #[test]
    fn joiners_and_leavers_are_counted_against_the_drop_before() {
        let earlier = numbered(1..=5);
        // Pupils 1 and 2 left; 6, 7 and 8 joined; 3 to 5 stayed, in another order.
        let later = numbered([8, 5, 3, 6, 4, 7]);
        let matching = match_pupils(&earlier, &later);
        assert_eq!(
            matching
                .joined
                .iter()
                .map(|&at| &later[at].forename)
                .collect::<Vec<_>>(),
            ["No 8", "No 6", "No 7"]
        );
        assert_eq!(
            matching
                .left
                .iter()
                .map(|&at| &earlier[at].forename)
                .collect::<Vec<_>>(),
            ["No 1", "No 2"]
        );
        assert_eq!(matching.matched.len(), 3);
        assert!(matching
            .matched
            .iter()
            .all(|m| earlier[m.earlier].upn == later[m.later].upn));
        assert_eq!(matching.percent_matched(later.len()), 50);
        assert_eq!(Matching::default().percent_matched(0), 100);
    }

    #[test]
    fn a_upn_held_by_two_pupils_in_one_file_matches_neither_by_upn() {
        let shared = upn(9);
        let earlier = [pupil(Some(&shared), "Ali", "Sam", (2012, 4, 4))];
        let later = [
            pupil(Some(&shared), "Ali", "Sam", (2012, 4, 4)),
            pupil(Some(&shared), "Ray", "Lee", (2012, 8, 8)),
        ];
        let matching = match_pupils(&earlier, &later);
        assert!(matching.matched.is_empty());
        assert_eq!(matching.joined, vec![0, 1]);
        assert_eq!(matching.left, vec![0]);
    }
}
