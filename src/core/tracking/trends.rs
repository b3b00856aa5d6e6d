//! Group trends (SPEC §8.1): a group's measures at every drop — mean attendance,
//! persistent absence, suspensions, low attainers and RAG counts — beside the rest of the
//! school's, and the gap between them. A group is a filter (who is in it is decided afresh
//! at each drop: "disadvantaged pupils") or a fixed list of people (the same children at
//! every drop they are in: "the autumn Lexia group").

use super::timeline::{Period, Timeline};
use crate::core::cohort::{compare, disadvantaged, Comparison, Condition, PupilFacts};
use crate::core::pupil::Pupil;
use crate::core::scoring::{rag_totals, Factor, PupilScore, RagTotals};
use crate::core::value::{Gender, SenStatus};

/// The standard groups every school looks at, besides year groups and saved cohorts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StandardGroup {
    SummerBorn,
    Disadvantaged,
    SenSupport,
    EhcPlan,
    Eal,
    LookedAfter,
    Boys,
    Girls,
}

impl StandardGroup {
    pub const ALL: [StandardGroup; 8] = [
        StandardGroup::SummerBorn,
        StandardGroup::Disadvantaged,
        StandardGroup::SenSupport,
        StandardGroup::EhcPlan,
        StandardGroup::Eal,
        StandardGroup::LookedAfter,
        StandardGroup::Boys,
        StandardGroup::Girls,
    ];

    /// Its name on screen: "Summer-born", "Disadvantaged", …
    pub fn label(self) -> &'static str {
        match self {
            StandardGroup::SummerBorn => "Summer-born",
            StandardGroup::Disadvantaged => "Disadvantaged",
            StandardGroup::SenSupport => "SEN support",
            StandardGroup::EhcPlan => "EHC plan",
            StandardGroup::Eal => "EAL",
            StandardGroup::LookedAfter => "Looked after",
            StandardGroup::Boys => "Boys",
            StandardGroup::Girls => "Girls",
        }
    }

    /// Whether a pupil, as scored at one drop, is in the group.
    pub fn includes(self, pupil: &Pupil, score: &PupilScore) -> bool {
        match self {
            StandardGroup::SummerBorn => score
                .factor(Factor::Birthday)
                .is_some_and(|factor| factor.known && factor.coloured),
            StandardGroup::Disadvantaged => disadvantaged(pupil) == Some(true),
            StandardGroup::SenSupport => pupil.sen_status == Some(SenStatus::SenSupport),
            StandardGroup::EhcPlan => pupil.sen_status == Some(SenStatus::EhcPlan),
            StandardGroup::Eal => pupil.eal == Some(true),
            StandardGroup::LookedAfter => pupil.looked_after == Some(true),
            StandardGroup::Boys => pupil.gender == Some(Gender::Male),
            StandardGroup::Girls => pupil.gender == Some(Gender::Female),
        }
    }
}

/// One drop's pupils and their scores (parallel), in the timeline's order.
#[derive(Debug, Clone, Copy)]
pub struct ScoredDrop<'a> {
    pub pupils: &'a [Pupil],
    pub scores: &'a [PupilScore],
}

/// Who is in a group.
pub enum Membership<'a> {
    /// Decided at each drop from the pupil as they were then.
    Filter(&'a dyn Fn(&Pupil, &PupilScore) -> bool),
    /// These people (indices into `Timeline::people`), at every drop they are in.
    Fixed(&'a [usize]),
}

impl Membership<'_> {
    /// The places in the drop at `drop` (by the timeline's order) of the group's pupils.
    pub fn places(&self, timeline: &Timeline, drop: usize, scored: &ScoredDrop) -> Vec<usize> {
        match self {
            Membership::Filter(includes) => scored
                .pupils
                .iter()
                .zip(scored.scores)
                .enumerate()
                .filter(|(_, (pupil, score))| includes(pupil, score))
                .map(|(place, _)| place)
                .collect(),
            Membership::Fixed(people) => {
                let mut places: Vec<usize> = people
                    .iter()
                    .filter_map(|&person| timeline.people.get(person)?.places.get(drop).copied()?)
                    .collect();
                places.sort_unstable();
                places
            }
        }
    }
}

/// A filter from a saved cohort's conditions (all must hold; the focus flag and running
/// provision are taken as unset, since they belong to people now, not to past drops).
pub fn all_of(conditions: &[Condition]) -> impl Fn(&Pupil, &PupilScore) -> bool + '_ {
    move |pupil, score| {
        conditions
            .iter()
            .all(|condition| condition.matches(pupil, score, PupilFacts::default()))
    }
}

/// A group at one drop, against the rest of the school then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendPoint {
    pub period: Period,
    /// The group (`a`), everyone else (`b`) and the gap (group minus the rest).
    pub comparison: Comparison,
    /// The group's pupils by the overall indicator's rating.
    pub rag: RagTotals,
}

/// The group's measures at every drop of `timeline`, oldest first. `drops` are in the
/// timeline's order.
pub fn trend(timeline: &Timeline, drops: &[ScoredDrop], group: &Membership) -> Vec<TrendPoint> {
    timeline
        .periods
        .iter()
        .zip(drops)
        .enumerate()
        .map(|(at, (&period, scored))| {
            let members = group.places(timeline, at, scored);
            let mut in_group = vec![false; scored.pupils.len()];
            for &place in &members {
                if let Some(slot) = in_group.get_mut(place) {
                    *slot = true;
                }
            }
            let rest: Vec<usize> = (0..scored.pupils.len())
                .filter(|&place| !in_group[place])
                .collect();
            TrendPoint {
                period,
                comparison: compare(scored.pupils, scored.scores, &members, &rest),
                rag: rag_totals(members.iter().filter_map(|&place| scored.scores.get(place))),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::Term;
    use crate::core::profile::Profile;
    use crate::core::scoring::score_all;
    use crate::core::tracking::test_support::{self, context, upn};
    use crate::core::value::Percent;

    /// A pupil by serial, with attendance in whole percent and FSM.
    fn pupil(serial: u32, attendance: u32, fsm: bool) -> Pupil {
        Pupil {
            upn: Some(upn(serial)),
            forename: format!("No {serial}"),
            attendance: Some(Percent::from_hundredths(attendance * 100)),
            fsm: Some(fsm),
            pupil_premium: Some(fsm),
            ..Pupil::default()
        }
    }

    fn period(term: Term) -> Period {
        test_support::period(2025, term)
    }

    #[test]
    fn a_filter_group_is_decided_afresh_at_each_drop_and_a_fixed_one_is_the_same_children() {
        // Autumn: 1 and 2 disadvantaged (attendance 80 and 96), 3 not (98).
        let autumn = vec![pupil(1, 80, true), pupil(2, 96, true), pupil(3, 98, false)];
        // Spring: 2 is no longer recorded as disadvantaged; 4 joins, disadvantaged (88).
        let spring = vec![
            pupil(2, 94, false),
            pupil(1, 92, true),
            pupil(4, 88, true),
            pupil(3, 97, false),
        ];
        let profile = Profile::universal();
        let autumn_scores = score_all(&autumn, &profile, &context());
        let spring_scores = score_all(&spring, &profile, &context());
        let timeline = Timeline::follow(&[
            (period(Term::Autumn), &autumn),
            (period(Term::Spring), &spring),
        ]);
        let drops = [
            ScoredDrop {
                pupils: &autumn,
                scores: &autumn_scores,
            },
            ScoredDrop {
                pupils: &spring,
                scores: &spring_scores,
            },
        ];

        let filter =
            |pupil: &Pupil, score: &PupilScore| StandardGroup::Disadvantaged.includes(pupil, score);
        let by_filter = trend(&timeline, &drops, &Membership::Filter(&filter));
        assert_eq!(by_filter.len(), 2);
        assert_eq!(by_filter[0].period, period(Term::Autumn));
        // Autumn: 80 and 96 → 88.00%; the rest 98.00%; gap −10.00 points.
        assert_eq!(by_filter[0].comparison.a.pupils, 2);
        assert_eq!(
            by_filter[0].comparison.a.mean_attendance,
            Some(Percent::from_hundredths(8800))
        );
        assert_eq!(by_filter[0].comparison.gap.mean_attendance, Some(-1000));
        // Spring: pupils 1 and 4 (92 and 88 → 90.00%); the rest 94 and 97 → 95.50%.
        assert_eq!(by_filter[1].comparison.a.pupils, 2);
        assert_eq!(
            by_filter[1].comparison.a.mean_attendance,
            Some(Percent::from_hundredths(9000))
        );
        assert_eq!(
            by_filter[1].comparison.b.mean_attendance,
            Some(Percent::from_hundredths(9550))
        );
        assert_eq!(by_filter[1].rag.total(), 2);

        // The autumn disadvantaged children, followed: pupils 1 and 2 in spring (92, 94).
        let autumn_group: Vec<usize> = by_filter_people(&timeline, &[0, 1]);
        let fixed = trend(&timeline, &drops, &Membership::Fixed(&autumn_group));
        assert_eq!(
            fixed[0].comparison.a.mean_attendance,
            Some(Percent::from_hundredths(8800))
        );
        assert_eq!(fixed[1].comparison.a.pupils, 2);
        assert_eq!(
            fixed[1].comparison.a.mean_attendance,
            Some(Percent::from_hundredths(9300))
        );
        // Persistent absence (at or below 90%): one of the two in autumn, none in spring.
        assert_eq!(fixed[0].comparison.a.persistently_absent.count, 1);
        assert_eq!(fixed[1].comparison.a.persistently_absent.count, 0);
    }

    /// The people at these places of the first drop.
    fn by_filter_people(timeline: &Timeline, places: &[usize]) -> Vec<usize> {
        places
            .iter()
            .map(|&place| {
                timeline
                    .people
                    .iter()
                    .position(|person| person.places[0] == Some(place))
                    .expect("a person at that place")
            })
            .collect()
    }

    #[test]
    fn standard_groups_read_the_pupil_as_recorded() {
        let profile = Profile::universal();
        let girl = Pupil {
            gender: Some(Gender::Female),
            sen_status: Some(SenStatus::EhcPlan),
            eal: Some(true),
            ..Pupil::default()
        };
        let score = &score_all(std::slice::from_ref(&girl), &profile, &context())[0];
        let groups: Vec<&str> = StandardGroup::ALL
            .into_iter()
            .filter(|group| group.includes(&girl, score))
            .map(StandardGroup::label)
            .collect();
        assert_eq!(groups, ["EHC plan", "EAL", "Girls"]);
    }

    #[test]
    fn a_saved_cohorts_conditions_filter_each_drop() {
        let conditions = [
            Condition::Disadvantaged(true),
            Condition::AttendanceAtMost(Percent::from_hundredths(9000)),
        ];
        let filter = all_of(&conditions);
        let profile = Profile::universal();
        let pupils = vec![pupil(1, 80, true), pupil(2, 96, true), pupil(3, 85, false)];
        let scores = score_all(&pupils, &profile, &context());
        let timeline = Timeline::follow(&[(period(Term::Autumn), &pupils)]);
        let points = trend(
            &timeline,
            &[ScoredDrop {
                pupils: &pupils,
                scores: &scores,
            }],
            &Membership::Filter(&filter),
        );
        assert_eq!(points[0].comparison.a.pupils, 1);
        assert_eq!(points[0].comparison.b.pupils, 2);
    }
}
