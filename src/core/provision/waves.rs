//! Waves at a glance (SPEC §8.2): how many pupils in each year group have only
//! quality-first teaching, and how many have wave 2 or wave 3 provision, beside the
//! Tameside rule of thumb that about 68 in 100 pupils' needs are met by quality-first
//! teaching (so roughly 32 in 100 get more).
//!
//! **Current on a day.** A provision counts for a pupil on `day` when it is planned or
//! running ([`ProvisionStatus::is_current`]), its dates include the day, and the pupil is
//! in the group that day ([`Provision::is_member_on`]: joined by then and not yet left).
//! A pupil's *highest wave* is the highest wave among the interventions of their current
//! provision; a pupil with none, or with wave-1 provision only, is **quality first only**.
//!
//! Every pupil passed in is counted once, in their year group's row and in the
//! whole-school row; pupils in provision who are not passed in (they have left the school)
//! are not counted. Shares are whole numbers in 100, each rounded half up on its own
//! ([`round_half_up`]), so a row's three shares may add up to 99 or 101; the counts always
//! add up.
//!
//! [`ProvisionStatus::is_current`]: crate::core::provision::ProvisionStatus::is_current
//! [`Provision::is_member_on`]: crate::core::provision::Provision::is_member_on

use crate::core::provision::bank::Wave;
use crate::core::provision::{round_half_up, ProvisionBook, SchoolPupil};
use crate::core::value::YearGroup;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// Tameside's rule of thumb: about this many pupils in 100 have their needs met by
/// quality-first teaching alone.
pub const QUALITY_FIRST_IN_100: u32 = 68;

/// The highest wave of a pupil's current provision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HighestWave {
    /// No current wave 2 or wave 3 provision.
    QualityFirstOnly,
    /// Wave 2 at most.
    Two,
    /// Wave 3.
    Three,
}

impl HighestWave {
    /// Quality first only, wave 2, wave 3.
    pub const ALL: [HighestWave; 3] = [
        HighestWave::QualityFirstOnly,
        HighestWave::Two,
        HighestWave::Three,
    ];

    /// "Quality first only", "Wave 2", "Wave 3".
    pub fn label(&self) -> &'static str {
        match self {
            HighestWave::QualityFirstOnly => "Quality first only",
            HighestWave::Two => "Wave 2",
            HighestWave::Three => "Wave 3",
        }
    }
}

/// A count of pupils and its share of the row's pupils.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
    /// How many pupils.
    pub count: u32,
    /// How many in 100 of the row's pupils, rounded half up (0 when the row has none).
    pub in_100: u32,
}

impl Share {
    fn of(count: u32, pupils: u32) -> Share {
        let in_100 = round_half_up(i128::from(count) * 100, i128::from(pupils));
        Share {
            count,
            in_100: u32::try_from(in_100).unwrap_or(0),
        }
    }
}

/// One row of the table: a year group, or the whole school.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaveRow {
    /// The year group; `None` for pupils whose year group is not known (in the year-group
    /// rows) or for the whole school (in [`WavesAtAGlance::whole_school`]).
    pub year_group: Option<YearGroup>,
    /// Pupils in the row.
    pub pupils: u32,
    /// Pupils with no current wave 2 or 3 provision.
    pub quality_first_only: Share,
    /// Pupils whose highest current provision is wave 2.
    pub wave_two: Share,
    /// Pupils with current wave 3 provision.
    pub wave_three: Share,
}

impl WaveRow {
    fn from_counts(year_group: Option<YearGroup>, counts: [u32; 3]) -> WaveRow {
        let pupils = counts.iter().sum();
        WaveRow {
            year_group,
            pupils,
            quality_first_only: Share::of(counts[0], pupils),
            wave_two: Share::of(counts[1], pupils),
            wave_three: Share::of(counts[2], pupils),
        }
    }

    /// The share for one column.
    pub fn share(&self, wave: HighestWave) -> Share {
        match wave {
            HighestWave::QualityFirstOnly => self.quality_first_only,
            HighestWave::Two => self.wave_two,
            HighestWave::Three => self.wave_three,
        }
    }

    /// Pupils with wave 2 or wave 3 provision: those who get more than quality-first
    /// teaching, with the share worked out from the sum (not the two rounded shares).
    pub fn more_than_quality_first(&self) -> Share {
        Share::of(self.wave_two.count + self.wave_three.count, self.pupils)
    }
}

/// How the school compares with the rule of thumb that about 32 in 100 pupils get more
/// than quality-first teaching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// Fewer than about 30 in 100 have wave 2 or 3 provision.
    Fewer,
    /// From 30 to 34 in 100 (exactly, before rounding): about the same.
    AboutTheSame,
    /// More than about 34 in 100.
    More,
}

/// Waves at a glance on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WavesAtAGlance {
    /// The day it describes.
    pub day: NaiveDate,
    /// One row per year group in school order, then "year not known" when any pupil has
    /// no year group.
    pub rows: Vec<WaveRow>,
    /// Every pupil.
    pub whole_school: WaveRow,
}

impl WavesAtAGlance {
    /// How the school compares with Tameside's rule of thumb: the exact share of pupils
    /// with wave 2 or 3 provision against 32 in 100, "about the same" within 2 in 100
    /// either side. `None` when there are no pupils.
    pub fn comparison(&self) -> Option<Comparison> {
        let school = &self.whole_school;
        if school.pupils == 0 {
            return None;
        }
        let more = i64::from(school.wave_two.count + school.wave_three.count) * 100;
        let pupils = i64::from(school.pupils);
        let rule = i64::from(100 - QUALITY_FIRST_IN_100);
        Some(if more < (rule - 2) * pupils {
            Comparison::Fewer
        } else if more > (rule + 2) * pupils {
            Comparison::More
        } else {
            Comparison::AboutTheSame
        })
    }

    /// The plain sentences shown beside the table: the rule of thumb, and how this school
    /// compares, without judging (a school may have good reasons either way).
    pub fn summary(&self) -> Vec<String> {
        let rule = format!(
            "Tameside's rule of thumb: about {QUALITY_FIRST_IN_100} in 100 pupils' needs are met by quality-first teaching, so roughly {} in 100 get more (wave 2 or 3).",
            100 - QUALITY_FIRST_IN_100
        );
        let Some(comparison) = self.comparison() else {
            return vec![rule];
        };
        let school = &self.whole_school;
        let more = school.more_than_quality_first();
        let here = format!(
            "Here, {} of {} pupils ({} in 100) have wave 2 or 3 provision planned or running today, and {} ({} in 100) have quality-first teaching only.",
            more.count,
            school.pupils,
            more.in_100,
            school.quality_first_only.count,
            school.quality_first_only.in_100,
        );
        let compared = match comparison {
            Comparison::Fewer => {
                "That is fewer pupils with wave 2 or 3 provision than the rule of thumb."
            }
            Comparison::AboutTheSame => "That is about the same as the rule of thumb.",
            Comparison::More => {
                "That is more pupils with wave 2 or 3 provision than the rule of thumb."
            }
        };
        vec![rule, here, compared.to_string()]
    }
}

/// Each pupil's highest wave of provision current on `day`, by pupil key (pupils with
/// none are not in the map).
pub fn highest_waves(book: &ProvisionBook, day: NaiveDate) -> HashMap<&str, HighestWave> {
    let mut highest: HashMap<&str, HighestWave> = HashMap::new();
    for provision in &book.provisions {
        if !provision.status.is_current() || day < provision.start || provision.end < day {
            continue;
        }
        let wave = match book.bank.get(provision.intervention).map(|i| i.wave) {
            Some(Wave::Two) => HighestWave::Two,
            Some(Wave::Three) => HighestWave::Three,
            Some(Wave::One) | None => continue,
        };
        for pupil in &provision.pupils {
            if provision.is_member_on(pupil, day) {
                let entry = highest.entry(pupil.as_str()).or_insert(wave);
                *entry = (*entry).max(wave);
            }
        }
    }
    highest
}

/// Waves at a glance on `day` for `pupils` (see the module's rules).
pub fn waves_at_a_glance(
    book: &ProvisionBook,
    pupils: &[SchoolPupil],
    day: NaiveDate,
) -> WavesAtAGlance {
    let highest = highest_waves(book, day);
    let slot = |wave: HighestWave| match wave {
        HighestWave::QualityFirstOnly => 0,
        HighestWave::Two => 1,
        HighestWave::Three => 2,
    };
    let mut by_year: BTreeMap<Option<YearGroup>, [u32; 3]> = BTreeMap::new();
    let mut school = [0u32; 3];
    for pupil in pupils {
        let wave = highest
            .get(pupil.key.as_str())
            .copied()
            .unwrap_or(HighestWave::QualityFirstOnly);
        by_year.entry(pupil.year_group).or_default()[slot(wave)] += 1;
        school[slot(wave)] += 1;
    }
    // `None` sorts first in the map; "year not known" goes last.
    let unknown = by_year.remove(&None);
    let mut rows: Vec<WaveRow> = by_year
        .into_iter()
        .map(|(year, counts)| WaveRow::from_counts(year, counts))
        .collect();
    if let Some(counts) = unknown {
        rows.push(WaveRow::from_counts(None, counts));
    }
    WavesAtAGlance {
        day,
        rows,
        whole_school: WaveRow::from_counts(None, school),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::bank::InterventionId;
    use crate::core::provision::{Provision, ProvisionStatus};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn pupil(key: &str, year: Option<YearGroup>) -> SchoolPupil {
        SchoolPupil {
            key: key.into(),
            year_group: year,
            class: None,
        }
    }

    /// Bank item `item` (FLS 20 is wave 2, Beat Dyslexia 18 is wave 3) for `pupils`.
    fn add(
        book: &ProvisionBook,
        item: u32,
        pupils: &[&str],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Provision {
        let intervention = book
            .bank
            .get(InterventionId(item))
            .cloned()
            .expect("in bank");
        let mut provision = Provision::new(&intervention, from, to);
        provision.add_pupils(pupils.iter().copied());
        provision.status = ProvisionStatus::Running;
        provision
    }

    #[test]
    fn pupils_are_counted_once_at_the_highest_wave_of_their_current_provision() {
        let mut book = ProvisionBook::default();
        let (autumn, summer) = (date(2025, 9, 1), date(2026, 7, 17));
        let day = date(2026, 3, 10);
        // Wave 2 for a, b and c; wave 3 for c too: c counts once, as wave 3.
        let fls = add(&book, 20, &["a", "b", "c"], autumn, summer);
        book.add_provision(fls);
        let dyslexia = add(&book, 18, &["c"], autumn, summer);
        book.add_provision(dyslexia);
        // d left the wave-3 group before the day; e joins after it: neither counts.
        let mut mentor = add(&book, 13, &["d"], autumn, summer);
        mentor.leave("d", date(2026, 2, 13));
        mentor.join("e", date(2026, 4, 20));
        book.add_provision(mentor);
        // Finished, stopped, or not yet started on the day: not current.
        let mut finished = add(&book, 18, &["f"], autumn, summer);
        finished.status = ProvisionStatus::Finished;
        book.add_provision(finished);
        let mut stopped = add(&book, 18, &["g"], autumn, summer);
        stopped.status = ProvisionStatus::Stopped;
        book.add_provision(stopped);
        let later = add(&book, 18, &["h"], date(2026, 4, 20), summer);
        book.add_provision(later);
        // The last day of a planned provision still counts.
        let mut planned = add(&book, 20, &["i"], autumn, day);
        planned.status = ProvisionStatus::Planned;
        book.add_provision(planned);
        // Someone no longer on roll is not counted.
        let gone = add(&book, 18, &["left-school"], autumn, summer);
        book.add_provision(gone);

        let y3 = YearGroup::year(3);
        let y4 = YearGroup::year(4);
        let pupils = [
            pupil("a", y3),
            pupil("b", y3),
            pupil("c", y3),
            pupil("d", y4),
            pupil("e", y4),
            pupil("f", y4),
            pupil("g", y4),
            pupil("h", y4),
            pupil("i", None),
        ];
        let waves = waves_at_a_glance(&book, &pupils, day);
        let counts = |row: &WaveRow| {
            (
                row.year_group,
                row.pupils,
                row.quality_first_only.count,
                row.wave_two.count,
                row.wave_three.count,
            )
        };
        assert_eq!(
            waves.rows.iter().map(counts).collect::<Vec<_>>(),
            [(y3, 3, 0, 2, 1), (y4, 5, 5, 0, 0), (None, 1, 0, 1, 0)]
        );
        // Y3: 2 of 3 is 66.67 → 67; 1 of 3 is 33.33 → 33.
        assert_eq!(waves.rows[0].wave_two.in_100, 67);
        assert_eq!(waves.rows[0].wave_three.in_100, 33);
        assert_eq!(waves.rows[1].quality_first_only.in_100, 100);
        // Whole school: 9 pupils, 5 quality first only (55.56 → 56), 3 wave 2 (33.33 →
        // 33), 1 wave 3 (11.11 → 11); 4 get more: 44.44 → 44 in 100.
        let school = &waves.whole_school;
        assert_eq!(counts(school), (None, 9, 5, 3, 1));
        assert_eq!(
            (
                school.quality_first_only.in_100,
                school.wave_two.in_100,
                school.wave_three.in_100
            ),
            (56, 33, 11)
        );
        assert_eq!(school.more_than_quality_first().in_100, 44);
        assert_eq!(waves.comparison(), Some(Comparison::More));
        let said = waves.summary();
        assert_eq!(said.len(), 3);
        assert!(said[0].contains("about 68 in 100"));
        assert_eq!(
            said[1],
            "Here, 4 of 9 pupils (44 in 100) have wave 2 or 3 provision planned or running today, and 5 (56 in 100) have quality-first teaching only."
        );
        // On the day after the planned provision ended, i is quality first only.
        let after = waves_at_a_glance(&book, &pupils, date(2026, 3, 11));
        assert_eq!(counts(&after.rows[2]), (None, 1, 1, 0, 0));
    }

    #[test]
    fn the_comparison_with_32_in_100_is_exact_with_2_either_side_about_the_same() {
        let mut book = ProvisionBook::default();
        let (from, to) = (date(2025, 9, 1), date(2026, 7, 17));
        // 100 pupils; `n` of them in wave 2.
        let keys: Vec<String> = (0..100).map(|i| format!("p{i}")).collect();
        let pupils: Vec<SchoolPupil> = keys.iter().map(|k| pupil(k, YearGroup::year(5))).collect();
        let with = |book: &mut ProvisionBook, n: usize| {
            book.provisions.clear();
            let chosen: Vec<&str> = keys.iter().take(n).map(String::as_str).collect();
            let provision = add(book, 20, &chosen, from, to);
            book.add_provision(provision);
            waves_at_a_glance(book, &pupils, date(2025, 10, 1)).comparison()
        };
        assert_eq!(with(&mut book, 29), Some(Comparison::Fewer));
        assert_eq!(with(&mut book, 30), Some(Comparison::AboutTheSame));
        assert_eq!(with(&mut book, 34), Some(Comparison::AboutTheSame));
        assert_eq!(with(&mut book, 35), Some(Comparison::More));
        let none = waves_at_a_glance(&book, &[], date(2025, 10, 1));
        assert_eq!(none.comparison(), None);
        assert_eq!(none.whole_school.quality_first_only.in_100, 0);
        assert_eq!(none.summary().len(), 1);
    }
}
