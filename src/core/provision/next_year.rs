//! Next year's year groups, for the need audit of a coming year (Ealing step 1): every
//! pupil moved up a year for each year between the pupil data's academic year and the
//! audit's (Nursery 1 → Nursery 2 → Reception → Year 1 → …), and pupils who pass the top
//! year group of the school's phase have left ([`Phase`]: Year 6 in a primary; Year 11 in
//! a secondary; Year 13 in a secondary with a sixth form). A pupil whose year group is not
//! known stays "not known". For the data's own year or an earlier one, pupils are as they
//! are in the data. `audit` re-exports all of it.

use crate::core::drop::AcademicYear;
use crate::core::provision::SchoolPupil;
use crate::core::value::YearGroup;

/// The school's phase, which decides who leaves at the end of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No pupils above Year 6: Year 6 leave.
    Primary,
    /// Pupils in Years 7 to 11 and none in Years 12 or 13: Year 11 leave.
    Secondary,
    /// Pupils in Year 12 or 13: Year 13 leave.
    SecondaryWithSixthForm,
}

impl Phase {
    /// The phase of a school with these year groups on roll.
    pub fn of(years: impl IntoIterator<Item = YearGroup>) -> Phase {
        let mut phase = Phase::Primary;
        for year in years {
            match year {
                YearGroup::Year(12 | 13) => return Phase::SecondaryWithSixthForm,
                YearGroup::Year(7..=11) => phase = Phase::Secondary,
                _ => {}
            }
        }
        phase
    }

    /// The top year group: its pupils leave at the end of the year.
    pub fn leaving_year(self) -> YearGroup {
        match self {
            Phase::Primary => YearGroup::Year(6),
            Phase::Secondary => YearGroup::Year(11),
            Phase::SecondaryWithSixthForm => YearGroup::Year(13),
        }
    }
}

/// The year group after `year`: Nursery 1 → Nursery 2 → Reception → Year 1 → … → Year 13;
/// `None` after Year 13.
pub fn next_year_group(year: YearGroup) -> Option<YearGroup> {
    match year {
        YearGroup::N1 => Some(YearGroup::N2),
        YearGroup::N2 => Some(YearGroup::Reception),
        YearGroup::Reception => Some(YearGroup::Year(1)),
        YearGroup::Year(n) => YearGroup::year(n + 1),
    }
}

/// A pupil's year group `years` years on in a school of `phase`; `None` once they have
/// left (passed its top year group).
pub fn moved_up(year: YearGroup, years: u32, phase: Phase) -> Option<YearGroup> {
    let leaving = phase.leaving_year();
    let mut now = year;
    for _ in 0..years {
        if now >= leaving {
            return None;
        }
        now = next_year_group(now)?;
    }
    Some(now)
}

/// The pupils on roll in `year` as far as the data (from `data_year`) can tell: moved up
/// a year for each year after `data_year`, leavers out, classes unknown (they change);
/// for `data_year` or earlier, as they are.
pub fn pupils_in_year(
    pupils: &[SchoolPupil],
    data_year: AcademicYear,
    year: AcademicYear,
) -> Vec<SchoolPupil> {
    let years = u32::try_from(year.start_year - data_year.start_year).unwrap_or(0);
    if years == 0 {
        return pupils.to_vec();
    }
    let phase = Phase::of(pupils.iter().filter_map(|p| p.year_group));
    pupils
        .iter()
        .filter_map(|pupil| {
            let year_group = match pupil.year_group {
                Some(now) => Some(moved_up(now, years, phase)?),
                None => None,
            };
            Some(SchoolPupil {
                key: pupil.key.clone(),
                year_group,
                class: None,
            })
        })
        .collect()
}

/// What the audit's year groups are, in words: as in the data, or moved up to `year` with
/// the leavers out (naming the school's top year group).
pub fn year_groups_note(
    pupils: &[SchoolPupil],
    data_year: AcademicYear,
    year: Option<AcademicYear>,
) -> String {
    let years = year.map_or(0, |year| year.start_year - data_year.start_year);
    let Some(year) = year.filter(|_| years > 0) else {
        return format!("Year groups as in the pupil data ({data_year}).");
    };
    let top = Phase::of(pupils.iter().filter_map(|p| p.year_group))
        .leaving_year()
        .label();
    if years == 1 {
        format!(
            "Year groups as they will be in {year}: every pupil in the pupil data ({data_year}) moved up a year, and {top} left (the school's top year)."
        )
    } else {
        format!(
            "Year groups as they will be in {year}: every pupil in the pupil data ({data_year}) moved up {years} years, and those who will have finished {top} left."
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(start_year: i32) -> AcademicYear {
        AcademicYear { start_year }
    }

    fn pupil(key: &str, year_group: Option<YearGroup>) -> SchoolPupil {
        SchoolPupil {
            key: key.into(),
            year_group,
            class: Some("Robins".into()),
        }
    }

    #[test]
    fn the_phase_decides_who_leaves() {
        use YearGroup::*;
        assert_eq!(Phase::of([Reception, Year(6), N2]), Phase::Primary);
        assert_eq!(Phase::of([]), Phase::Primary);
        assert_eq!(Phase::of([Year(7), Year(11)]), Phase::Secondary);
        // An all-through school without a sixth form is a secondary for leaving.
        assert_eq!(Phase::of([Reception, Year(9)]), Phase::Secondary);
        assert_eq!(
            Phase::of([Year(7), Year(12)]),
            Phase::SecondaryWithSixthForm
        );
        assert_eq!(Phase::Primary.leaving_year(), Year(6));
        assert_eq!(Phase::Secondary.leaving_year(), Year(11));
        assert_eq!(Phase::SecondaryWithSixthForm.leaving_year(), Year(13));

        assert_eq!(next_year_group(N1), Some(N2));
        assert_eq!(next_year_group(N2), Some(Reception));
        assert_eq!(next_year_group(Reception), Some(Year(1)));
        assert_eq!(next_year_group(Year(12)), Some(Year(13)));
        assert_eq!(next_year_group(Year(13)), None);

        assert_eq!(moved_up(Year(5), 1, Phase::Primary), Some(Year(6)));
        assert_eq!(moved_up(Year(6), 1, Phase::Primary), None);
        assert_eq!(moved_up(Year(5), 2, Phase::Primary), None);
        assert_eq!(moved_up(Year(6), 0, Phase::Primary), Some(Year(6)));
        assert_eq!(moved_up(N1, 3, Phase::Primary), Some(Year(1)));
        assert_eq!(moved_up(Year(11), 1, Phase::Secondary), None);
        assert_eq!(
            moved_up(Year(11), 1, Phase::SecondaryWithSixthForm),
            Some(Year(12))
        );
        assert_eq!(moved_up(Year(13), 1, Phase::SecondaryWithSixthForm), None);
    }

    #[test]
    fn next_years_pupils_are_moved_up_with_the_leavers_out() {
        use YearGroup::*;
        let now = year(2025);
        let pupils = [
            pupil("n", Some(N2)),
            pupil("r", Some(Reception)),
            pupil("five", Some(Year(5))),
            pupil("six", Some(Year(6))),
            pupil("unknown", None),
        ];
        let next: Vec<(String, Option<YearGroup>)> = pupils_in_year(&pupils, now, year(2026))
            .into_iter()
            .map(|p| (p.key, p.year_group))
            .collect();
        assert_eq!(
            next,
            [
                ("n".to_string(), Some(Reception)),
                ("r".to_string(), Some(Year(1))),
                ("five".to_string(), Some(Year(6))),
                ("unknown".to_string(), None),
            ]
        );
        let in_two = pupils_in_year(&pupils, now, year(2027));
        assert_eq!(in_two.len(), 3, "Year 5 and Year 6 have both left by then");
        assert!(pupils_in_year(&pupils, now, year(2026))
            .iter()
            .all(|p| p.class.is_none()));
        // This year and earlier years: as in the data.
        assert_eq!(pupils_in_year(&pupils, now, now), pupils.to_vec());
        assert_eq!(pupils_in_year(&pupils, now, year(2024)), pupils.to_vec());
    }

    #[test]
    fn the_year_groups_are_described_in_words() {
        let pupils = [pupil("a", Some(YearGroup::Year(9)))];
        assert_eq!(
            year_groups_note(&pupils, year(2025), None),
            "Year groups as in the pupil data (2025/26)."
        );
        assert_eq!(
            year_groups_note(&pupils, year(2025), Some(year(2025))),
            "Year groups as in the pupil data (2025/26)."
        );
        assert_eq!(
            year_groups_note(&pupils, year(2025), Some(year(2026))),
            "Year groups as they will be in 2026/27: every pupil in the pupil data (2025/26) moved up a year, and Year 11 left (the school's top year)."
        );
        assert_eq!(
            year_groups_note(&[], year(2025), Some(year(2027))),
            "Year groups as they will be in 2027/28: every pupil in the pupil data (2025/26) moved up 2 years, and those who will have finished Year 6 left."
        );
    }
}
