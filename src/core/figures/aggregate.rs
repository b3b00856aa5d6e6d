//! A school's figures counted from one scored data drop: for the whole school, each year
//! group and each standard group, whole numbers only (shares are worked out later, from
//! what may be shown).
//!
//! Every rule is the one the rest of the planner uses, never a second copy:
//! - who is in a standard group: [`StandardGroup::includes`];
//! - red, amber and green: the overall indicator's rating ([`rag_totals`]);
//! - a factor: its marker coloured ([`PupilScore::is_coloured`], as Cohorts counts it);
//! - mean attendance, persistent absence and low attainers: [`cohort::measure`], as group
//!   trends show them (attendance at or below the profile's amber threshold; overall
//!   attainment low, out of the pupils whose attainment can be judged);
//! - pupils suspended: [`targets::measure::suspended`], one or more suspensions this year.
//!
//! [`cohort::measure`]: crate::core::cohort::measure
//! [`targets::measure::suspended`]: crate::core::targets::measure::suspended

use super::{Measure, RowGroup, SchoolDetails, SetKind};
use crate::core::cohort;
use crate::core::pupil::Pupil;
use crate::core::scoring::{rag_totals, Factor, PupilScore, RagTotals};
use crate::core::targets::measure::suspended;
use crate::core::tracking::trends::StandardGroup;
use crate::core::value::{Percent, YearGroup};

/// One row's figures as counted, nothing hidden.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Pupils in the row.
    pub pupils: usize,
    /// Pupils by the overall indicator's rating (every pupil has one).
    pub rag: RagTotals,
    /// Pupils with each factor's marker coloured, in [`Factor::ALL`] order.
    pub factors: [usize; 6],
    /// Pupils with attendance recorded.
    pub attendance_recorded: usize,
    /// Their mean attendance, rounded half up to hundredths of a percent; `None` when
    /// nobody's is recorded.
    pub mean_attendance: Option<Percent>,
    /// Pupils persistently absent.
    pub persistently_absent: usize,
    /// Pupils whose suspensions are recorded.
    pub suspensions_recorded: usize,
    /// Pupils with one or more suspensions this year.
    pub suspended: usize,
    /// Pupils whose attainment can be judged.
    pub attainment_judged: usize,
    /// Pupils whose attainment is low overall.
    pub low_attainers: usize,
}

impl Counts {
    /// The counts of the pupils at `members` (places in the parallel `pupils` and
    /// `scores`; places out of range are left out).
    pub fn of(pupils: &[Pupil], scores: &[PupilScore], members: &[usize]) -> Counts {
        let members: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&place| place < pupils.len() && place < scores.len())
            .collect();
        let measured = cohort::measure(pupils, scores, &members);
        let group_scores = || members.iter().filter_map(|&place| scores.get(place));
        let mut factors = [0; 6];
        for score in group_scores() {
            for factor in Factor::ALL {
                if score.is_coloured(factor) {
                    factors[factor.index()] += 1;
                }
            }
        }
        let suspensions: Vec<bool> = members
            .iter()
            .filter_map(|&place| suspended(pupils.get(place)?))
            .collect();
        Counts {
            pupils: measured.pupils,
            rag: rag_totals(group_scores()),
            factors,
            attendance_recorded: measured.persistently_absent.of,
            mean_attendance: measured.mean_attendance,
            persistently_absent: measured.persistently_absent.count,
            suspensions_recorded: suspensions.len(),
            suspended: suspensions.iter().filter(|&&yes| yes).count(),
            attainment_judged: measured.low_attainers.of,
            low_attainers: measured.low_attainers.count,
        }
    }

    /// The figure for `measure`: a count, or mean attendance in hundredths of a percent;
    /// `None` only for mean attendance when nobody's is recorded.
    pub fn value(&self, measure: Measure) -> Option<u64> {
        let count = |n: usize| Some(n as u64);
        match measure {
            Measure::Pupils => count(self.pupils),
            Measure::Red => count(self.rag.red),
            Measure::Amber => count(self.rag.amber),
            Measure::Green => count(self.rag.green),
            Measure::Factor(factor) => count(self.factors[factor.index()]),
            Measure::AttendanceRecorded => count(self.attendance_recorded),
            Measure::MeanAttendance => self
                .mean_attendance
                .map(|mean| u64::from(mean.hundredths())),
            Measure::PersistentlyAbsent => count(self.persistently_absent),
            Measure::SuspensionsRecorded => count(self.suspensions_recorded),
            Measure::Suspended => count(self.suspended),
            Measure::AttainmentJudged => count(self.attainment_judged),
            Measure::LowAttainers => count(self.low_attainers),
        }
    }
}

/// One row as counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedRow {
    /// Whose figures they are.
    pub group: RowGroup,
    /// The figures.
    pub counts: Counts,
}

/// One school's (or a local authority's) rows as counted, before anything is hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedSet {
    /// A school or a local authority's total.
    pub kind: SetKind,
    /// Whose figures they are: the school's (or local authority's) name and URN.
    pub details: SchoolDetails,
    /// The rows, in [`count_rows`]' order.
    pub rows: Vec<CountedRow>,
}

impl CountedSet {
    /// One school's rows from its pupils and their scores (parallel).
    pub fn school(details: SchoolDetails, pupils: &[Pupil], scores: &[PupilScore]) -> CountedSet {
        CountedSet::of_kind(SetKind::School, details, pupils, scores)
    }

    /// A local authority's total: every pupil of its file counted together.
    pub fn local_authority(
        details: SchoolDetails,
        pupils: &[Pupil],
        scores: &[PupilScore],
    ) -> CountedSet {
        CountedSet::of_kind(SetKind::LocalAuthority, details, pupils, scores)
    }

    fn of_kind(
        kind: SetKind,
        details: SchoolDetails,
        pupils: &[Pupil],
        scores: &[PupilScore],
    ) -> CountedSet {
        CountedSet {
            kind,
            details,
            rows: count_rows(pupils, scores),
        }
    }
}

/// The rows of one school's pupils (parallel `pupils` and `scores`): the whole school;
/// each year group that has pupils, in school order, with pupils whose year group is not
/// recorded last (only when there are some, so the year groups always add up to the
/// whole school); then every standard group, in [`StandardGroup::ALL`] order, even one
/// with no pupils (a true zero).
pub fn count_rows(pupils: &[Pupil], scores: &[PupilScore]) -> Vec<CountedRow> {
    let everyone: Vec<usize> = (0..pupils.len().min(scores.len())).collect();
    let mut years: Vec<Option<YearGroup>> = everyone
        .iter()
        .map(|&place| pupils[place].year_group)
        .collect();
    // Unknown after every known year group.
    years.sort_by_key(|year| (year.is_none(), *year));
    years.dedup();
    let row = |group: RowGroup, members: &[usize]| CountedRow {
        group,
        counts: Counts::of(pupils, scores, members),
    };
    let mut rows = vec![row(RowGroup::WholeSchool, &everyone)];
    for year in years {
        let members: Vec<usize> = everyone
            .iter()
            .copied()
            .filter(|&place| pupils[place].year_group == year)
            .collect();
        rows.push(row(RowGroup::YearGroup(year), &members));
    }
    for group in StandardGroup::ALL {
        let members: Vec<usize> = everyone
            .iter()
            .copied()
            .filter(|&place| group.includes(&pupils[place], &scores[place]))
            .collect();
        rows.push(row(RowGroup::Standard(group), &members));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::Profile;
    use crate::core::scoring::{score_all, ScoringContext};
    use crate::core::value::{Gender, SenStatus};
    use chrono::NaiveDate;

    fn context() -> ScoringContext {
        ScoringContext::new(NaiveDate::from_ymd_opt(2026, 3, 13).expect("a date"))
    }

    fn pupil(year: Option<u8>, gender: Gender, attendance: Option<u32>) -> Pupil {
        Pupil {
            year_group: year.and_then(YearGroup::year),
            gender: Some(gender),
            attendance: attendance.map(|whole| Percent::from_hundredths(whole * 100)),
            ..Pupil::default()
        }
    }

    #[test]
    fn rows_are_the_whole_school_each_year_group_with_unknown_last_then_every_group() {
        let pupils = vec![
            pupil(Some(5), Gender::Female, Some(96)),
            pupil(None, Gender::Male, None),
            pupil(Some(2), Gender::Male, Some(89)),
            pupil(Some(5), Gender::Male, Some(85)),
        ];
        let scores = score_all(&pupils, &Profile::universal(), &context());
        let rows = count_rows(&pupils, &scores);
        let groups: Vec<RowGroup> = rows.iter().map(|row| row.group).collect();
        let mut expected = vec![
            RowGroup::WholeSchool,
            RowGroup::YearGroup(YearGroup::year(2)),
            RowGroup::YearGroup(YearGroup::year(5)),
            RowGroup::YearGroup(None),
        ];
        expected.extend(StandardGroup::ALL.map(RowGroup::Standard));
        assert_eq!(groups, expected);

        let whole = rows[0].counts;
        assert_eq!(whole.pupils, 4);
        assert_eq!(whole.rag.total(), 4);
        assert_eq!(whole.attendance_recorded, 3);
        // (96 + 89 + 85) ÷ 3 = 90.00%.
        assert_eq!(whole.mean_attendance, Some(Percent::from_hundredths(9000)));
        // 89 and 85 are at or below 90%.
        assert_eq!(whole.persistently_absent, 2);
        assert_eq!(whole.suspensions_recorded, 0);
        let year_5 = rows[2].counts;
        assert_eq!((year_5.pupils, year_5.persistently_absent), (2, 1));
        let unknown = rows[3].counts;
        assert_eq!((unknown.pupils, unknown.mean_attendance), (1, None));
        let boys = rows
            .iter()
            .find(|row| row.group == RowGroup::Standard(StandardGroup::Boys))
            .map(|row| row.counts.pupils);
        assert_eq!(boys, Some(3));
        let looked_after = rows
            .iter()
            .find(|row| row.group == RowGroup::Standard(StandardGroup::LookedAfter))
            .map(|row| row.counts);
        assert_eq!(looked_after, Some(Counts::default()));
    }

    #[test]
    fn suspensions_and_factors_are_counted_by_the_planners_own_rules() {
        let mut suspended_twice = pupil(Some(7), Gender::Male, Some(95));
        suspended_twice.suspensions = Some(2);
        let mut sessions_only = pupil(Some(7), Gender::Female, Some(95));
        sessions_only.suspension_sessions = Some(3);
        let mut none = pupil(Some(7), Gender::Female, Some(95));
        none.suspensions = Some(0);
        none.sen_status = Some(SenStatus::EhcPlan);
        let pupils = vec![
            suspended_twice,
            sessions_only,
            none,
            pupil(Some(7), Gender::Male, None),
        ];
        let scores = score_all(&pupils, &Profile::universal(), &context());
        let whole = Counts::of(&pupils, &scores, &[0, 1, 2, 3]);
        assert_eq!((whole.suspensions_recorded, whole.suspended), (3, 2));
        assert_eq!(whole.factors[Factor::Sen.index()], 1);
        assert_eq!(whole.value(Measure::Factor(Factor::Sen)), Some(1));
        assert_eq!(whole.value(Measure::MeanAttendance), Some(9500));
        assert_eq!(Counts::default().value(Measure::MeanAttendance), None);
    }
}
