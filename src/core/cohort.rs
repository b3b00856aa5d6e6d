//! Cohorts and cohort analysis (SPEC §6): named filters over pupils (all conditions must
//! hold), counts and percentages of each factor and marker by year group or any group,
//! group comparisons with their gaps, and the SEN register check ("who on the SEN
//! register is not flagged, and who is flagged but not on it").
//!
//! A saved cohort is a filter (who is in it is decided afresh at each data drop from its
//! conditions) or a fixed list of pupils (the same children whatever a later drop says),
//! and the rules for saving, renaming, editing, fixing and deleting one are here: a name
//! is never blank and never another cohort's, so saving never overwrites silently.
//!
//! Percentages are exact integers in tenths of a percent, never floating point. A
//! condition about a missing value never matches: unknown is not "no".

use crate::core::profile::{Points, Profile};
use crate::core::provision::{ProvisionBook, ProvisionStatus};
use crate::core::pupil::{Pupil, PupilKey};
use crate::core::schools::{SchoolKey, SchoolRef};
use crate::core::scoring::{
    is_flagged, pupil_attendance, rag_totals, AttainmentLevel, Factor, MarkerLevel, PupilScore,
    Rag, RagTotals,
};
use crate::core::value::{EalProficiency, Gender, Percent, PrimaryNeed, SenStatus, YearGroup};
use std::collections::BTreeSet;
use std::fmt;

/// Which of the two marker columns a condition looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marker {
    /// The attendance marker.
    Attendance,
    /// The exclusions marker.
    Exclusions,
}

/// One test a pupil must pass to be in a cohort.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The factor's marker is coloured (`true`), or known and not coloured (`false`).
    Factor {
        /// Which factor.
        factor: Factor,
        /// Coloured or not.
        coloured: bool,
    },
    /// The attendance or exclusions marker is at one of these levels.
    Marker {
        /// Which marker.
        marker: Marker,
        /// Levels that match.
        levels: Vec<MarkerLevel>,
    },
    /// In one of these year groups.
    YearGroupIn(Vec<YearGroup>),
    /// In one of these registration groups or classes (compared as written, ignoring
    /// spaces at either end).
    ClassIn(Vec<String>),
    /// At one of these schools, in an LA file (by [`SchoolKey::of`], the Schools table's
    /// own rule; a school's label never decides).
    SchoolIn(Vec<SchoolRef>),
    /// SEN status is one of these.
    SenStatusIn(Vec<SenStatus>),
    /// Primary need is one of these.
    PrimaryNeedIn(Vec<PrimaryNeed>),
    /// Attendance at or below this.
    AttendanceAtMost(Percent),
    /// Attendance at or above this.
    AttendanceAtLeast(Percent),
    /// Overall attainment is at this level (Low or High, or Expected).
    Attainment(AttainmentLevel),
    /// Overall attainment is at one of these levels.
    AttainmentIn(Vec<AttainmentLevel>),
    /// The overall indicator's RAG is one of these.
    RagIn(Vec<Rag>),
    /// Summer-born (the birthday marker is coloured) or, with `false`, known not to be.
    SummerBorn(bool),
    /// Disadvantaged: eligible for free school meals or pupil premium. With `false`:
    /// neither is recorded as yes and at least one is recorded as no.
    Disadvantaged(bool),
    /// English as an additional language.
    Eal(bool),
    /// Child looked after (CLA/LAC).
    LookedAfter(bool),
    /// The focus flag staff set by hand.
    Focus(bool),
    /// Gender is one of these.
    GenderIn(Vec<Gender>),
    /// Eligible for free school meals (`true`), or recorded as not eligible (`false`).
    Fsm(bool),
    /// Eligible for pupil premium (`true`), or recorded as not eligible (`false`).
    PupilPremium(bool),
    /// English proficiency (EAL pupils) is one of these.
    EalProficiencyIn(Vec<EalProficiency>),
    /// In a provision that is running now (`true`), or in none that is (`false`). Known for
    /// every pupil: the school's own provision records say it ([`PupilFacts`]).
    InProvision(bool),
}

/// What the school itself records about a pupil that some conditions ask about, beside
/// the data drop: the focus flag and whether a provision they are in is running.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PupilFacts {
    /// Flagged for focus by staff.
    pub focus: bool,
    /// In at least one provision whose status is Running.
    pub in_provision: bool,
}

impl PupilFacts {
    /// The facts for each of `pupils` (parallel to them), from the focus flags and the
    /// provision book, both kept under each pupil's [`PupilKey`]. Empty when nobody is in
    /// focus or in running provision (a missing entry is the default: neither).
    pub fn for_pupils(
        pupils: &[Pupil],
        focus: &BTreeSet<String>,
        provision: &ProvisionBook,
    ) -> Vec<PupilFacts> {
        let running: BTreeSet<&str> = provision
            .provisions
            .iter()
            .filter(|p| p.status == ProvisionStatus::Running)
            .flat_map(|p| p.pupils.iter().map(String::as_str))
            .collect();
        if focus.is_empty() && running.is_empty() {
            return Vec::new();
        }
        pupils
            .iter()
            .map(|pupil| {
                let key = PupilKey::of(pupil);
                PupilFacts {
                    focus: focus.contains(key.as_str()),
                    in_provision: running.contains(key.as_str()),
                }
            })
            .collect()
    }
}

impl Condition {
    /// Whether one pupil passes this condition. `facts` is what the school records about
    /// the pupil (focus flag, running provision).
    pub fn matches(&self, pupil: &Pupil, score: &PupilScore, facts: PupilFacts) -> bool {
        match self {
            Condition::Factor { factor, coloured } => score
                .factor(*factor)
                .is_some_and(|f| f.known && f.coloured == *coloured),
            Condition::Marker { marker, levels } => {
                let level = match marker {
                    Marker::Attendance => score.attendance,
                    Marker::Exclusions => score.exclusions,
                };
                levels.contains(&level)
            }
            Condition::YearGroupIn(years) => pupil.year_group.is_some_and(|y| years.contains(&y)),
            Condition::ClassIn(classes) => pupil
                .class
                .as_deref()
                .is_some_and(|class| classes.iter().any(|c| c.trim() == class.trim())),
            Condition::SchoolIn(schools) => {
                let key = SchoolKey::of(pupil);
                schools.iter().any(|school| school.key == key)
            }
            Condition::SenStatusIn(statuses) => {
                pupil.sen_status.is_some_and(|s| statuses.contains(&s))
            }
            Condition::PrimaryNeedIn(needs) => {
                pupil.primary_need.is_some_and(|n| needs.contains(&n))
            }
            Condition::AttendanceAtMost(limit) => {
                pupil_attendance(pupil).is_some_and(|a| a <= *limit)
            }
            Condition::AttendanceAtLeast(limit) => {
                pupil_attendance(pupil).is_some_and(|a| a >= *limit)
            }
            Condition::Attainment(level) => score.attainment.overall == *level,
            Condition::AttainmentIn(levels) => levels.contains(&score.attainment.overall),
            Condition::RagIn(rags) => rags.contains(&score.rag),
            Condition::SummerBorn(wanted) => score
                .factor(Factor::Birthday)
                .is_some_and(|f| f.known && f.coloured == *wanted),
            Condition::Disadvantaged(wanted) => match disadvantaged(pupil) {
                Some(is) => is == *wanted,
                None => false,
            },
            Condition::Eal(wanted) => pupil.eal == Some(*wanted),
            Condition::LookedAfter(wanted) => pupil.looked_after == Some(*wanted),
            Condition::Focus(wanted) => facts.focus == *wanted,
            Condition::GenderIn(genders) => pupil.gender.is_some_and(|g| genders.contains(&g)),
            Condition::Fsm(wanted) => pupil.fsm == Some(*wanted),
            Condition::PupilPremium(wanted) => pupil.pupil_premium == Some(*wanted),
            Condition::EalProficiencyIn(levels) => {
                pupil.eal_proficiency.is_some_and(|p| levels.contains(&p))
            }
            Condition::InProvision(wanted) => facts.in_provision == *wanted,
        }
    }
}

/// FSM or pupil premium: yes when either is yes, no when neither is yes and one is no,
/// unknown otherwise.
pub fn disadvantaged(pupil: &Pupil) -> Option<bool> {
    match (pupil.fsm, pupil.pupil_premium) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), _) | (_, Some(false)) => Some(false),
        (None, None) => None,
    }
}

/// A saved cohort's id: pages choose a cohort by it, never by its place in the list, so
/// deleting or renaming another cohort never changes which one is chosen. Never reused
/// while the cohort it names exists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CohortId(pub u32);

impl CohortId {
    /// The id for a new cohort among `cohorts`: one more than the largest in use, so 1 for
    /// the first.
    pub fn next(cohorts: &[Cohort]) -> CohortId {
        let largest = cohorts.iter().map(|cohort| cohort.id.0).max().unwrap_or(0);
        CohortId(largest.saturating_add(1))
    }

    /// Reads an id as [`fmt::Display`] writes it (a form control's value).
    pub fn parse(text: &str) -> Option<CohortId> {
        text.trim().parse().ok().map(CohortId)
    }
}

impl fmt::Display for CohortId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The cohort with this id.
pub fn cohort_by_id(cohorts: &[Cohort], id: CohortId) -> Option<&Cohort> {
    cohorts.iter().find(|cohort| cohort.id == id)
}

/// A named, saved group of pupils: a filter (a pupil is in it when every condition holds;
/// an empty list matches everyone), or a fixed list of pupils.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cohort {
    /// Its id, stable while it exists ([`CohortId::next`] for a new one).
    pub id: CohortId,
    /// The name staff gave it, e.g. "Summer-born, deprived, Year 3".
    pub name: String,
    /// Conditions, all of which must hold. For a fixed list, the conditions it was made
    /// from (kept to say where the list came from; they no longer decide who is in it).
    pub conditions: Vec<Condition>,
    /// `None`: a filter, whose members are decided afresh at each data drop.
    /// `Some`: a fixed list, whose members are these pupils at any drop they are in.
    pub members: Option<BTreeSet<PupilKey>>,
}

impl Cohort {
    /// A fixed list of pupils rather than a filter.
    pub fn is_fixed(&self) -> bool {
        self.members.is_some()
    }

    /// Whether one pupil is in the cohort: on the fixed list, or passing every condition.
    /// `facts` is what the school records about the pupil.
    pub fn matches(&self, pupil: &Pupil, score: &PupilScore, facts: PupilFacts) -> bool {
        match &self.members {
            Some(members) => members.contains(&PupilKey::of(pupil)),
            None => self
                .conditions
                .iter()
                .all(|condition| condition.matches(pupil, score, facts)),
        }
    }

    /// Indices of the pupils in the cohort. `pupils`, `scores` and `facts` are parallel;
    /// a pupil with no facts entry is neither in focus nor in running provision.
    pub fn members(
        &self,
        pupils: &[Pupil],
        scores: &[PupilScore],
        facts: &[PupilFacts],
    ) -> Vec<usize> {
        pupils
            .iter()
            .zip(scores)
            .enumerate()
            .filter(|(i, (pupil, score))| {
                self.matches(pupil, score, facts.get(*i).copied().unwrap_or_default())
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Keeps in `rows` (indices into the parallel `pupils`, `scores` and `facts`) only
    /// the pupils in the cohort.
    pub fn retain_members(
        &self,
        rows: &mut Vec<usize>,
        pupils: &[Pupil],
        scores: &[PupilScore],
        facts: &[PupilFacts],
    ) {
        rows.retain(|&i| match (pupils.get(i), scores.get(i)) {
            (Some(pupil), Some(score)) => {
                self.matches(pupil, score, facts.get(i).copied().unwrap_or_default())
            }
            _ => false,
        });
    }
}

/// The keys of the pupils at `rows` (indices into `pupils`): what a fixed list holds.
pub fn keys_of(pupils: &[Pupil], rows: &[usize]) -> BTreeSet<PupilKey> {
    rows.iter()
        .filter_map(|&i| pupils.get(i))
        .map(PupilKey::of)
        .collect()
}

/// Why a change to the saved cohorts was refused, said so staff know what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CohortProblem {
    /// The name is empty or only spaces.
    #[error("Enter a name for the cohort")]
    NameBlank,
    /// Another cohort already has this name (ignoring case and spaces at either end).
    #[error("There is already a cohort called “{0}”: choose a different name")]
    NameTaken(String),
    /// No cohort has this id (deleted meanwhile, perhaps in another tab).
    #[error("That cohort is no longer saved: it may have been deleted")]
    NotFound,
}

/// The name to save, trimmed, if no cohort but `except` has it. Names are compared
/// ignoring case and spaces at either end, so "Year 7" and "year 7 " are the same name.
pub fn check_name(
    cohorts: &[Cohort],
    name: &str,
    except: Option<CohortId>,
) -> Result<String, CohortProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CohortProblem::NameBlank);
    }
    let wanted = name.to_lowercase();
    match cohorts
        .iter()
        .find(|c| Some(c.id) != except && c.name.trim().to_lowercase() == wanted)
    {
        Some(taken) => Err(CohortProblem::NameTaken(taken.name.clone())),
        None => Ok(name.to_string()),
    }
}

/// Saves a new cohort under a name no other cohort has, and returns its id. `members`
/// `None` saves a filter; `Some` a fixed list of those pupils.
pub fn save_cohort(
    cohorts: &mut Vec<Cohort>,
    name: &str,
    conditions: Vec<Condition>,
    members: Option<BTreeSet<PupilKey>>,
) -> Result<CohortId, CohortProblem> {
    let name = check_name(cohorts, name, None)?;
    let id = CohortId::next(cohorts);
    cohorts.push(Cohort {
        id,
        name,
        conditions,
        members,
    });
    Ok(id)
}

fn find_mut(cohorts: &mut [Cohort], id: CohortId) -> Result<&mut Cohort, CohortProblem> {
    cohorts
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or(CohortProblem::NotFound)
}

/// Renames a cohort; the new name may differ from its own only in case, never be another
/// cohort's.
pub fn rename_cohort(
    cohorts: &mut [Cohort],
    id: CohortId,
    name: &str,
) -> Result<(), CohortProblem> {
    let name = check_name(cohorts, name, Some(id))?;
    find_mut(cohorts, id)?.name = name;
    Ok(())
}

/// Gives a cohort new conditions (edited in the filter bar). A filter then decides its
/// members by them; a fixed list becomes `matching_now`, the pupils who match them in the
/// drop shown (its members are fixed again, from the new conditions).
pub fn edit_cohort(
    cohorts: &mut [Cohort],
    id: CohortId,
    conditions: Vec<Condition>,
    matching_now: BTreeSet<PupilKey>,
) -> Result<(), CohortProblem> {
    let cohort = find_mut(cohorts, id)?;
    cohort.conditions = conditions;
    if cohort.members.is_some() {
        cohort.members = Some(matching_now);
    }
    Ok(())
}

/// Turns a filter into a fixed list of `members_now`, the pupils it holds in the drop
/// shown; its conditions stay, to say where the list came from. A cohort already fixed
/// keeps its list.
pub fn fix_cohort(
    cohorts: &mut [Cohort],
    id: CohortId,
    members_now: BTreeSet<PupilKey>,
) -> Result<(), CohortProblem> {
    let cohort = find_mut(cohorts, id)?;
    if cohort.members.is_none() {
        cohort.members = Some(members_now);
    }
    Ok(())
}

/// Deletes a cohort and returns it. The others keep their ids.
pub fn delete_cohort(cohorts: &mut Vec<Cohort>, id: CohortId) -> Result<Cohort, CohortProblem> {
    let at = cohorts
        .iter()
        .position(|c| c.id == id)
        .ok_or(CohortProblem::NotFound)?;
    Ok(cohorts.remove(at))
}

/// Indices `0..count` that are not in `members` — "everyone else" for a comparison.
pub fn others(members: &[usize], count: usize) -> Vec<usize> {
    let mut inside = vec![false; count];
    for &i in members {
        if let Some(slot) = inside.get_mut(i) {
            *slot = true;
        }
    }
    (0..count).filter(|&i| !inside[i]).collect()
}

/// A count out of a total, with its percentage in exact tenths of a percent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    /// How many.
    pub count: usize,
    /// Out of how many.
    pub of: usize,
}

impl Share {
    /// The percentage in tenths of a percent, rounded half up (`125` is 12.5%); `None`
    /// when out of none.
    pub fn tenths_of_percent(&self) -> Option<u32> {
        if self.of == 0 {
            return None;
        }
        let (count, of) = (self.count as u128, self.of as u128);
        u32::try_from((count * 2000 + of) / (2 * of)).ok()
    }
}

/// "12.5%", or "–" when out of none.
impl fmt::Display for Share {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.tenths_of_percent() {
            Some(tenths) => write!(f, "{}.{}%", tenths / 10, tenths % 10),
            None => f.write_str("–"),
        }
    }
}

/// Counts and percentages of each factor and marker in one group of pupils. Every share
/// is out of all the pupils in the group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSummary {
    /// Pupils in the group.
    pub pupils: usize,
    /// Pupils with each factor's marker coloured, in [`Factor::ALL`] order.
    pub factors: Vec<(Factor, Share)>,
    /// Pupils by RAG rating.
    pub rag: RagTotals,
    /// Attendance marker amber.
    pub attendance_amber: Share,
    /// Attendance marker red.
    pub attendance_red: Share,
    /// Exclusions marker amber.
    pub exclusions_amber: Share,
    /// Exclusions marker red.
    pub exclusions_red: Share,
    /// Overall attainment low.
    pub attainment_low: Share,
    /// Overall attainment high.
    pub attainment_high: Share,
}

impl GroupSummary {
    /// The share with one factor's marker coloured.
    pub fn factor(&self, factor: Factor) -> Share {
        self.factors
            .iter()
            .find(|(f, _)| *f == factor)
            .map(|(_, share)| *share)
            .unwrap_or_default()
    }
}

/// Summarises the pupils whose scores are at `members` (indices into `scores`; indices
/// out of range are ignored).
pub fn summarise(scores: &[PupilScore], members: &[usize]) -> GroupSummary {
    let group: Vec<&PupilScore> = members.iter().filter_map(|&i| scores.get(i)).collect();
    let of = group.len();
    let share = |test: &dyn Fn(&PupilScore) -> bool| Share {
        count: group.iter().filter(|s| test(s)).count(),
        of,
    };
    let rag = rag_totals(group.iter().copied());
    GroupSummary {
        pupils: of,
        factors: Factor::ALL
            .iter()
            .map(|&factor| (factor, share(&|s| s.is_coloured(factor))))
            .collect(),
        rag,
        attendance_amber: share(&|s| s.attendance == MarkerLevel::Amber),
        attendance_red: share(&|s| s.attendance == MarkerLevel::Red),
        exclusions_amber: share(&|s| s.exclusions == MarkerLevel::Amber),
        exclusions_red: share(&|s| s.exclusions == MarkerLevel::Red),
        attainment_low: share(&|s| s.attainment.overall == AttainmentLevel::Low),
        attainment_high: share(&|s| s.attainment.overall == AttainmentLevel::High),
    }
}

/// One summary per year group, in school order (Nursery to Year 13), with pupils whose
/// year group is unknown last (as `None`). Year groups with no pupils are left out.
pub fn by_year_group(
    pupils: &[Pupil],
    scores: &[PupilScore],
) -> Vec<(Option<YearGroup>, GroupSummary)> {
    let mut years: Vec<Option<YearGroup>> = pupils.iter().map(|p| p.year_group).collect();
    // `Some` after `None` in Option's order; put unknown last instead.
    years.sort_by_key(|y| (y.is_none(), *y));
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let members: Vec<usize> = pupils
                .iter()
                .enumerate()
                .filter(|(_, p)| p.year_group == year)
                .map(|(i, _)| i)
                .collect();
            (year, summarise(scores, &members))
        })
        .collect()
}

/// The measures compared between two groups. Shares are out of the pupils whose value is
/// known (attendance recorded; exclusions recorded; a readable attainment result).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMeasures {
    /// Pupils in the group.
    pub pupils: usize,
    /// Mean attendance of pupils with attendance recorded, rounded half up to hundredths
    /// of a percent; `None` when nobody's attendance is known.
    pub mean_attendance: Option<Percent>,
    /// Persistently absent: attendance marker amber or red (at or below 90% by default).
    pub persistently_absent: Share,
    /// Suspended: one or more suspensions this year, or permanently excluded.
    pub suspended: Share,
    /// Overall attainment low.
    pub low_attainers: Share,
}

/// Group A minus group B. Attendance in hundredths of a percentage point; shares in
/// tenths of a percentage point. `None` when either side has no known value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// Mean attendance gap, hundredths of a percentage point.
    pub mean_attendance: Option<i64>,
    /// Persistent absence gap, tenths of a percentage point.
    pub persistently_absent: Option<i64>,
    /// Suspension gap, tenths of a percentage point.
    pub suspended: Option<i64>,
    /// Low attainment gap, tenths of a percentage point.
    pub low_attainers: Option<i64>,
}

/// Two groups side by side and the gap between them (e.g. summer-born vs others).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The first group.
    pub a: GroupMeasures,
    /// The second group.
    pub b: GroupMeasures,
    /// A minus B.
    pub gap: Gap,
}

/// Measures one group: the pupils at `members` (indices into the parallel `pupils` and
/// `scores`).
pub fn measure(pupils: &[Pupil], scores: &[PupilScore], members: &[usize]) -> GroupMeasures {
    let group: Vec<(&Pupil, &PupilScore)> = members
        .iter()
        .filter_map(|&i| Some((pupils.get(i)?, scores.get(i)?)))
        .collect();
    let attendance: Vec<u32> = group
        .iter()
        .filter_map(|(p, _)| pupil_attendance(p).map(|a| a.hundredths()))
        .collect();
    let mean_attendance = if attendance.is_empty() {
        None
    } else {
        let sum: u64 = attendance.iter().map(|&a| u64::from(a)).sum();
        let n = attendance.len() as u64;
        u32::try_from((2 * sum + n) / (2 * n))
            .ok()
            .map(Percent::from_hundredths)
    };
    let share = |known: &dyn Fn(&PupilScore) -> bool, yes: &dyn Fn(&PupilScore) -> bool| {
        let known: Vec<&PupilScore> = group.iter().map(|(_, s)| *s).filter(|s| known(s)).collect();
        Share {
            count: known.iter().filter(|s| yes(s)).count(),
            of: known.len(),
        }
    };
    GroupMeasures {
        pupils: group.len(),
        mean_attendance,
        persistently_absent: share(&|s| s.attendance != MarkerLevel::Unknown, &|s| {
            s.attendance.is_coloured()
        }),
        suspended: share(&|s| s.exclusions != MarkerLevel::Unknown, &|s| {
            s.exclusions.is_coloured()
        }),
        low_attainers: share(
            &|s| {
                !matches!(
                    s.attainment.overall,
                    AttainmentLevel::Unknown | AttainmentLevel::NoTarget
                )
            },
            &|s| s.attainment.overall == AttainmentLevel::Low,
        ),
    }
}

/// Compares group A with group B (indices into the parallel `pupils` and `scores`).
pub fn compare(
    pupils: &[Pupil],
    scores: &[PupilScore],
    group_a: &[usize],
    group_b: &[usize],
) -> Comparison {
    let a = measure(pupils, scores, group_a);
    let b = measure(pupils, scores, group_b);
    let share_gap = |x: Share, y: Share| {
        Some(i64::from(x.tenths_of_percent()?) - i64::from(y.tenths_of_percent()?))
    };
    let gap = Gap {
        mean_attendance: a
            .mean_attendance
            .zip(b.mean_attendance)
            .map(|(x, y)| i64::from(x.hundredths()) - i64::from(y.hundredths())),
        persistently_absent: share_gap(a.persistently_absent, b.persistently_absent),
        suspended: share_gap(a.suspended, b.suspended),
        low_attainers: share_gap(a.low_attainers, b.low_attainers),
    };
    Comparison { a, b, gap }
}

/// The SEN register check, with "flagged" as the planner means it ([`is_flagged`]:
/// amber or red overall, or on the shortlist). Pupils whose SEN status is unknown are in
/// no list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SenMismatch {
    /// On the SEN register (any SEN status but N), but not flagged.
    pub on_register_not_flagged: Vec<usize>,
    /// On the SEN register and flagged, but only because of their SEN status: without the
    /// SEN factor's points they would be green and off the shortlist.
    pub flagged_only_for_sen: Vec<usize>,
    /// Flagged, but not on the SEN register (SEN status N).
    pub flagged_not_on_register: Vec<usize>,
}

/// Finds the pupils for the SEN register check. `shortlist` holds the indices of the
/// pupils on the shortlist.
pub fn sen_register_mismatch(
    pupils: &[Pupil],
    scores: &[PupilScore],
    shortlist: &[usize],
    profile: &Profile,
) -> SenMismatch {
    let shortlisted: std::collections::HashSet<usize> = shortlist.iter().copied().collect();
    let mut result = SenMismatch::default();
    for (i, (pupil, score)) in pupils.iter().zip(scores).enumerate() {
        let flagged = is_flagged(score, shortlisted.contains(&i));
        match pupil.sen_status {
            None => {}
            Some(SenStatus::NoSen) if flagged => result.flagged_not_on_register.push(i),
            Some(SenStatus::NoSen) => {}
            Some(_) if !flagged => result.on_register_not_flagged.push(i),
            Some(_) => {
                let sen_points = score
                    .factor(Factor::Sen)
                    .map(|f| f.points)
                    .unwrap_or(Points::ZERO);
                let without_sen = Points(score.overall.0.saturating_sub(sen_points.0));
                if !shortlisted.contains(&i) && Rag::of(without_sen, profile) == Rag::Green {
                    result.flagged_only_for_sen.push(i);
                }
            }
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scoring::{score_all, ScoringContext};
    use crate::core::value::IdaciScore;
    use chrono::NaiveDate;

    fn ctx() -> ScoringContext {
        ScoringContext::new(NaiveDate::from_ymd_opt(2026, 3, 13).expect("valid date"))
    }

    fn pupil(year: u8, born_month: u32, attendance: Option<u32>) -> Pupil {
        Pupil {
            year_group: YearGroup::year(year),
            date_of_birth: NaiveDate::from_ymd_opt(2017, born_month, 10),
            attendance: attendance.map(Percent::from_hundredths),
            sen_status: Some(SenStatus::NoSen),
            ..Pupil::default()
        }
    }

    /// Checks whether `condition` matches `pupil` (scored under the universal profile).
    fn check(condition: Condition, pupil: &Pupil, focus: bool, expected: bool) {
        let score = crate::core::scoring::score(pupil, &Profile::universal(), &ctx());
        let facts = PupilFacts {
            focus,
            ..PupilFacts::default()
        };
        assert_eq!(
            condition.matches(pupil, &score, facts),
            expected,
            "{condition:?} on {pupil:?}"
        );
    }

    #[test]
    fn a_new_cohort_gets_the_next_unused_id() {
        let named = |id, name: &str| Cohort {
            id: CohortId(id),
            name: name.into(),
            ..Cohort::default()
        };
        assert_eq!(CohortId::next(&[]), CohortId(1));
        let cohorts = [named(3, "Year 9"), named(1, "Year 7")];
        assert_eq!(CohortId::next(&cohorts), CohortId(4));
        assert_eq!(
            cohort_by_id(&cohorts, CohortId(1)).map(|c| c.name.as_str()),
            Some("Year 7")
        );
        assert_eq!(cohort_by_id(&cohorts, CohortId(2)), None);
        assert_eq!(
            CohortId::parse(&CohortId(12).to_string()),
            Some(CohortId(12))
        );
        assert_eq!(CohortId::parse("twelve"), None);
    }

    #[test]
    fn conditions_match_known_values_only() {
        let summer = pupil(3, 6, Some(9400));
        let unknown = Pupil::default();
        check(Condition::SummerBorn(true), &summer, false, true);
        check(Condition::SummerBorn(false), &summer, false, false);
        check(Condition::SummerBorn(false), &unknown, false, false);
        check(Condition::SummerBorn(true), &unknown, false, false);
        check(
            Condition::Factor {
                factor: Factor::Birthday,
                coloured: true,
            },
            &summer,
            false,
            true,
        );
        check(
            Condition::Factor {
                factor: Factor::Lac,
                coloured: false,
            },
            &summer,
            false,
            false,
        );
        check(
            Condition::YearGroupIn(vec![YearGroup::Year(3)]),
            &summer,
            false,
            true,
        );
        check(
            Condition::YearGroupIn(vec![YearGroup::Reception]),
            &summer,
            false,
            false,
        );
        check(
            Condition::YearGroupIn(vec![YearGroup::Year(3)]),
            &unknown,
            false,
            false,
        );
        check(
            Condition::AttendanceAtMost(Percent::from_hundredths(9500)),
            &summer,
            false,
            true,
        );
        check(
            Condition::AttendanceAtMost(Percent::from_hundredths(9400)),
            &summer,
            false,
            true,
        );
        check(
            Condition::AttendanceAtMost(Percent::from_hundredths(9399)),
            &summer,
            false,
            false,
        );
        check(
            Condition::AttendanceAtLeast(Percent::from_hundredths(9400)),
            &summer,
            false,
            true,
        );
        check(
            Condition::AttendanceAtMost(Percent::FULL),
            &unknown,
            false,
            false,
        );
        check(
            Condition::Marker {
                marker: Marker::Attendance,
                levels: vec![MarkerLevel::None],
            },
            &summer,
            false,
            true,
        );
        check(
            Condition::Marker {
                marker: Marker::Exclusions,
                levels: vec![MarkerLevel::Unknown],
            },
            &summer,
            false,
            true,
        );
        check(Condition::RagIn(vec![Rag::Green]), &summer, false, true);
        check(
            Condition::SenStatusIn(vec![SenStatus::NoSen]),
            &summer,
            false,
            true,
        );
        check(
            Condition::SenStatusIn(vec![SenStatus::NoSen]),
            &unknown,
            false,
            false,
        );
        check(
            Condition::PrimaryNeedIn(vec![PrimaryNeed::ASD]),
            &summer,
            false,
            false,
        );
        check(Condition::Focus(true), &summer, true, true);
        check(Condition::Focus(false), &summer, true, false);
        check(
            Condition::Attainment(AttainmentLevel::Unknown),
            &summer,
            false,
            true,
        );
        let class = Pupil {
            class: Some("3B ".into()),
            ..Pupil::default()
        };
        check(Condition::ClassIn(vec!["3B".into()]), &class, false, true);
        check(Condition::ClassIn(vec!["3A".into()]), &class, false, false);
    }

    #[test]
    fn yes_no_conditions_never_treat_unknown_as_no() {
        let with = |fsm, pp, eal, lac| Pupil {
            fsm,
            pupil_premium: pp,
            eal,
            looked_after: lac,
            ..Pupil::default()
        };
        check(
            Condition::Disadvantaged(true),
            &with(Some(true), None, None, None),
            false,
            true,
        );
        check(
            Condition::Disadvantaged(true),
            &with(Some(false), Some(true), None, None),
            false,
            true,
        );
        check(
            Condition::Disadvantaged(false),
            &with(Some(false), None, None, None),
            false,
            true,
        );
        check(
            Condition::Disadvantaged(false),
            &with(None, None, None, None),
            false,
            false,
        );
        check(
            Condition::Disadvantaged(true),
            &with(None, None, None, None),
            false,
            false,
        );
        check(
            Condition::Eal(true),
            &with(None, None, Some(true), None),
            false,
            true,
        );
        check(
            Condition::Eal(false),
            &with(None, None, None, None),
            false,
            false,
        );
        check(
            Condition::LookedAfter(true),
            &with(None, None, None, Some(true)),
            false,
            true,
        );
        check(
            Condition::LookedAfter(false),
            &with(None, None, None, Some(false)),
            false,
            true,
        );
        check(
            Condition::LookedAfter(false),
            &with(None, None, None, None),
            false,
            false,
        );
    }

    #[test]
    fn cohort_needs_every_condition() {
        let cohort = Cohort {
            id: CohortId(1),
            name: "Summer-born, attendance ≤ 95%, Year 3".into(),
            conditions: vec![
                Condition::SummerBorn(true),
                Condition::AttendanceAtMost(Percent::from_hundredths(9500)),
                Condition::YearGroupIn(vec![YearGroup::Year(3)]),
            ],
            members: None,
        };
        let pupils = vec![
            pupil(3, 6, Some(9400)),
            pupil(3, 6, Some(9600)),
            pupil(4, 6, Some(9400)),
            pupil(3, 1, Some(9400)),
            pupil(3, 7, Some(8000)),
        ];
        let scores = score_all(&pupils, &Profile::universal(), &ctx());
        assert_eq!(cohort.members(&pupils, &scores, &[]), vec![0, 4]);
        assert_eq!(others(&[0, 4], 5), vec![1, 2, 3]);
        assert_eq!(Cohort::default().members(&pupils, &scores, &[]).len(), 5);
        let focus = Cohort {
            id: CohortId(1),
            name: "Focus".into(),
            conditions: vec![Condition::Focus(true)],
            members: None,
        };
        let facts = [
            PupilFacts::default(),
            PupilFacts {
                focus: true,
                in_provision: false,
            },
        ];
        assert_eq!(focus.members(&pupils, &scores, &facts), vec![1]);
    }

    #[test]
    fn shares_are_exact_tenths_of_a_percent() {
        let show = |count, of| Share { count, of }.to_string();
        assert_eq!(show(1, 8), "12.5%");
        assert_eq!(show(1, 3), "33.3%");
        assert_eq!(show(2, 3), "66.7%");
        assert_eq!(show(1, 2000), "0.1%"); // 0.05% rounds half up
        assert_eq!(show(0, 5), "0.0%");
        assert_eq!(show(5, 5), "100.0%");
        assert_eq!(show(0, 0), "–");
        assert_eq!(Share { count: 1, of: 3 }.tenths_of_percent(), Some(333));
    }

    #[test]
    fn year_group_summary_counts_factors_and_markers() {
        let mut deprived = pupil(3, 6, Some(4000));
        deprived.idaci_score = Some(IdaciScore::from_thousandths(300));
        deprived.suspensions = Some(1);
        let pupils = vec![
            deprived,
            pupil(3, 1, Some(9000)),
            pupil(1, 5, Some(9700)),
            Pupil::default(),
            pupil(3, 10, None),
        ];
        let scores = score_all(&pupils, &Profile::universal(), &ctx());
        let table = by_year_group(&pupils, &scores);
        let years: Vec<Option<YearGroup>> = table.iter().map(|(y, _)| *y).collect();
        assert_eq!(years, vec![YearGroup::year(1), YearGroup::year(3), None]);
        let year3 = &table[1].1;
        assert_eq!(year3.pupils, 3);
        assert_eq!(year3.factor(Factor::Birthday), Share { count: 1, of: 3 });
        assert_eq!(year3.factor(Factor::Birthday).to_string(), "33.3%");
        assert_eq!(year3.factor(Factor::Deprivation), Share { count: 1, of: 3 });
        assert_eq!(year3.attendance_red, Share { count: 1, of: 3 });
        assert_eq!(year3.attendance_amber, Share { count: 1, of: 3 });
        assert_eq!(year3.exclusions_amber.count, 1);
        assert_eq!(
            year3.rag,
            RagTotals {
                green: 2,
                amber: 1,
                red: 0
            }
        );
        assert_eq!(table[0].1.factor(Factor::Birthday).to_string(), "100.0%");
    }

    #[test]
    fn compare_gives_each_side_and_the_gap() {
        let mut suspended = pupil(3, 6, Some(8000));
        suspended.suspensions = Some(2);
        let mut clean = pupil(3, 1, Some(9700));
        clean.suspensions = Some(0);
        let pupils = vec![suspended, pupil(3, 7, Some(9500)), clean, pupil(3, 2, None)];
        let scores = score_all(&pupils, &Profile::universal(), &ctx());
        let summer = Cohort {
            id: CohortId(1),
            name: "Summer".into(),
            conditions: vec![Condition::SummerBorn(true)],
            members: None,
        };
        let a = summer.members(&pupils, &scores, &[]);
        let b = others(&a, pupils.len());
        let result = compare(&pupils, &scores, &a, &b);
        assert_eq!(result.a.pupils, 2);
        assert_eq!(
            result.a.mean_attendance,
            Some(Percent::from_hundredths(8750))
        );
        assert_eq!(
            result.b.mean_attendance,
            Some(Percent::from_hundredths(9700))
        );
        assert_eq!(result.a.persistently_absent, Share { count: 1, of: 2 });
        assert_eq!(result.b.persistently_absent, Share { count: 0, of: 1 });
        assert_eq!(result.a.suspended, Share { count: 1, of: 1 });
        assert_eq!(result.b.suspended, Share { count: 0, of: 1 });
        assert_eq!(
            result.gap,
            Gap {
                mean_attendance: Some(-950),
                persistently_absent: Some(500),
                suspended: Some(1000),
                low_attainers: None,
            }
        );
        let empty = compare(&pupils, &scores, &[], &b);
        assert_eq!(empty.a.mean_attendance, None);
        assert_eq!(empty.gap.mean_attendance, None);
    }

    #[test]
    fn sen_register_mismatch_both_ways() {
        let on_register_quiet = Pupil {
            sen_status: Some(SenStatus::SenSupport),
            ..Pupil::default()
        };
        let on_register_concern = Pupil {
            sen_status: Some(SenStatus::EhcPlan),
            looked_after: Some(true),
            ..Pupil::default()
        };
        let off_register_concern = Pupil {
            sen_status: Some(SenStatus::NoSen),
            looked_after: Some(true),
            ..Pupil::default()
        };
        let off_register_quiet = Pupil {
            sen_status: Some(SenStatus::NoSen),
            ..Pupil::default()
        };
        let unknown = Pupil {
            looked_after: Some(true),
            ..Pupil::default()
        };
        let pupils = vec![
            on_register_quiet,
            on_register_concern,
            off_register_concern,
            off_register_quiet,
            unknown,
        ];
        let profile = Profile::universal();
        let scores = score_all(&pupils, &profile, &ctx());
        // Nobody shortlisted: SEN support's 2 points flag pupil 0, but only for SEN.
        assert_eq!(
            sen_register_mismatch(&pupils, &scores, &[], &profile),
            SenMismatch {
                on_register_not_flagged: vec![],
                flagged_only_for_sen: vec![0],
                flagged_not_on_register: vec![2],
            }
        );
        // A profile where SEN support scores nothing: pupil 0 is then not flagged at all.
        let mut quiet = profile.clone();
        quiet.sen.sen_support = Points::ZERO;
        let scores = score_all(&pupils, &quiet, &ctx());
        let mismatch = sen_register_mismatch(&pupils, &scores, &[], &quiet);
        assert_eq!(mismatch.on_register_not_flagged, vec![0]);
        assert!(!is_flagged(&scores[0], false) && is_flagged(&scores[0], true));
        // ...unless the shortlist holds them: on the shortlist is flagged.
        let mismatch = sen_register_mismatch(&pupils, &scores, &[0], &quiet);
        assert!(mismatch.on_register_not_flagged.is_empty());
        assert!(mismatch.flagged_only_for_sen.is_empty());
        // A red, shortlisted EHC-plan pupil is never "not flagged".
        let scores = score_all(&pupils, &profile, &ctx());
        assert!(scores[1].rag != Rag::Green);
        let mismatch = sen_register_mismatch(&pupils, &scores, &[1], &profile);
        assert!(!mismatch.on_register_not_flagged.contains(&1));
        assert!(!mismatch.flagged_only_for_sen.contains(&1));
    }

    #[test]
    fn gender_fsm_pupil_premium_proficiency_and_attainment_levels() {
        let pupil = Pupil {
            gender: Some(Gender::Female),
            fsm: Some(false),
            pupil_premium: Some(true),
            eal: Some(true),
            eal_proficiency: Some(EalProficiency::B),
            ..Pupil::default()
        };
        let unknown = Pupil::default();
        check(
            Condition::GenderIn(vec![Gender::Female]),
            &pupil,
            false,
            true,
        );
        check(
            Condition::GenderIn(vec![Gender::Male, Gender::Other]),
            &pupil,
            false,
            false,
        );
        check(
            Condition::GenderIn(vec![Gender::Female]),
            &unknown,
            false,
            false,
        );
        // FSM and pupil premium apart: this pupil is PP but recorded as not FSM.
        check(Condition::Fsm(true), &pupil, false, false);
        check(Condition::Fsm(false), &pupil, false, true);
        check(Condition::PupilPremium(true), &pupil, false, true);
        check(Condition::PupilPremium(false), &pupil, false, false);
        check(Condition::Fsm(false), &unknown, false, false);
        check(Condition::PupilPremium(false), &unknown, false, false);
        check(
            Condition::EalProficiencyIn(vec![EalProficiency::A, EalProficiency::B]),
            &pupil,
            false,
            true,
        );
        check(
            Condition::EalProficiencyIn(vec![EalProficiency::E]),
            &pupil,
            false,
            false,
        );
        check(
            Condition::EalProficiencyIn(vec![EalProficiency::A]),
            &unknown,
            false,
            false,
        );
        check(
            Condition::AttainmentIn(vec![AttainmentLevel::Low, AttainmentLevel::Unknown]),
            &unknown,
            false,
            true,
        );
        check(
            Condition::AttainmentIn(vec![AttainmentLevel::High]),
            &unknown,
            false,
            false,
        );
    }

    #[test]
    fn several_year_groups_match_either() {
        let years = Condition::YearGroupIn(vec![YearGroup::Year(7), YearGroup::Year(8)]);
        check(years.clone(), &pupil(7, 1, None), false, true);
        check(years.clone(), &pupil(8, 1, None), false, true);
        check(years, &pupil(9, 1, None), false, false);
    }

    #[test]
    fn in_provision_means_a_running_provision_holds_the_pupil() {
        use crate::core::provision::provision::Provision;
        let with_upn = |upn: &str| Pupil {
            upn: crate::core::value::Upn::parse(upn).ok(),
            ..Pupil::default()
        };
        let pupils = [
            with_upn("D373210124708"),
            with_upn("W373210125361"),
            Pupil {
                surname: "Ní Bhriain".into(),
                forename: "Zoë".into(),
                ..Pupil::default()
            },
        ];
        assert!(pupils[0].upn.is_some() && pupils[1].upn.is_some());
        let mut book = ProvisionBook::default();
        let in_group = |status, keys: &[&str]| Provision {
            status,
            pupils: keys.iter().map(|k| k.to_string()).collect(),
            ..Provision::default()
        };
        book.add_provision(in_group(ProvisionStatus::Running, &["D373210124708"]));
        book.add_provision(in_group(
            ProvisionStatus::Finished,
            &["W373210125361", "Ní Bhriain|Zoë|"],
        ));
        book.add_provision(in_group(ProvisionStatus::Planned, &["W373210125361"]));
        let focus: BTreeSet<String> = ["Ní Bhriain|Zoë|".to_string()].into();
        let facts = PupilFacts::for_pupils(&pupils, &focus, &book);
        assert_eq!(
            facts,
            vec![
                PupilFacts {
                    focus: false,
                    in_provision: true
                },
                PupilFacts::default(),
                PupilFacts {
                    focus: true,
                    in_provision: false
                },
            ]
        );
        let scores = crate::core::scoring::score_all(&pupils, &Profile::universal(), &ctx());
        let running = Cohort {
            conditions: vec![Condition::InProvision(true)],
            ..Cohort::default()
        };
        assert_eq!(running.members(&pupils, &scores, &facts), vec![0]);
        let not_running = Cohort {
            conditions: vec![Condition::InProvision(false)],
            ..Cohort::default()
        };
        assert_eq!(not_running.members(&pupils, &scores, &facts), vec![1, 2]);
        // Nobody in focus or running provision: no facts needed, everyone is "not in".
        let empty = PupilFacts::for_pupils(&pupils, &BTreeSet::new(), &ProvisionBook::default());
        assert!(empty.is_empty());
        assert_eq!(not_running.members(&pupils, &scores, &empty), vec![0, 1, 2]);
    }

    fn saved(cohorts: &[Cohort]) -> Vec<(u32, &str)> {
        cohorts.iter().map(|c| (c.id.0, c.name.as_str())).collect()
    }

    #[test]
    fn saving_refuses_a_blank_or_taken_name_and_never_overwrites() {
        let mut cohorts = Vec::new();
        let years = vec![Condition::YearGroupIn(vec![YearGroup::Year(7)])];
        assert_eq!(
            save_cohort(&mut cohorts, "  Year 7 ", years.clone(), None),
            Ok(CohortId(1))
        );
        assert_eq!(
            save_cohort(&mut cohorts, "   ", vec![], None),
            Err(CohortProblem::NameBlank)
        );
        let taken = save_cohort(&mut cohorts, "year 7", vec![], None);
        assert_eq!(taken, Err(CohortProblem::NameTaken("Year 7".into())));
        assert_eq!(
            taken.expect_err("refused").to_string(),
            "There is already a cohort called “Year 7”: choose a different name"
        );
        assert_eq!(saved(&cohorts), [(1, "Year 7")]);
        assert_eq!(cohorts[0].conditions, years, "the first is untouched");
        assert_eq!(
            save_cohort(&mut cohorts, "Year 8", vec![], None),
            Ok(CohortId(2))
        );
        assert_eq!(saved(&cohorts), [(1, "Year 7"), (2, "Year 8")]);
    }

    #[test]
    fn renaming_keeps_the_id_and_refuses_another_cohorts_name() {
        let mut cohorts = Vec::new();
        save_cohort(&mut cohorts, "Year 7", vec![], None).expect("done");
        save_cohort(&mut cohorts, "Year 8", vec![], None).expect("done");
        assert_eq!(
            rename_cohort(&mut cohorts, CohortId(2), " YEAR 7"),
            Err(CohortProblem::NameTaken("Year 7".into()))
        );
        assert_eq!(
            rename_cohort(&mut cohorts, CohortId(2), ""),
            Err(CohortProblem::NameBlank)
        );
        // Its own name in another case is fine.
        assert_eq!(rename_cohort(&mut cohorts, CohortId(1), "YEAR 7"), Ok(()));
        assert_eq!(
            rename_cohort(&mut cohorts, CohortId(2), "Lower school "),
            Ok(())
        );
        assert_eq!(saved(&cohorts), [(1, "YEAR 7"), (2, "Lower school")]);
        assert_eq!(
            rename_cohort(&mut cohorts, CohortId(9), "Gone"),
            Err(CohortProblem::NotFound)
        );
    }

    #[test]
    fn a_filter_follows_each_drop_and_a_fixed_list_keeps_its_pupils() {
        let upn = |text: &str| crate::core::value::Upn::parse(text).ok();
        let mut autumn = vec![pupil(7, 1, None), pupil(7, 2, None), pupil(8, 3, None)];
        autumn[0].upn = upn("D373210124708");
        autumn[1].upn = upn("W373210125361");
        autumn[2].upn = upn("A123456789012");
        let scores = score_all(&autumn, &Profile::universal(), &ctx());
        let mut cohorts = Vec::new();
        let year7 = vec![Condition::YearGroupIn(vec![YearGroup::Year(7)])];
        let filter = save_cohort(&mut cohorts, "Year 7 now", year7.clone(), None).expect("done");
        let members = keys_of(&autumn, &[0, 1]);
        let fixed = save_cohort(&mut cohorts, "Autumn Year 7", year7, Some(members)).expect("done");
        assert!(!cohorts[0].is_fixed() && cohorts[1].is_fixed());
        assert_eq!(cohorts[0].members(&autumn, &scores, &[]), vec![0, 1]);
        assert_eq!(cohorts[1].members(&autumn, &scores, &[]), vec![0, 1]);

        // A year on, in another order: the filter has new pupils, the list the same ones.
        let mut later = vec![autumn[2].clone(), autumn[1].clone(), autumn[0].clone()];
        later[0].year_group = YearGroup::year(7);
        later[1].year_group = YearGroup::year(8);
        later[2].year_group = YearGroup::year(8);
        let later_scores = score_all(&later, &Profile::universal(), &ctx());
        let by_id = |cohorts: &[Cohort], id| cohort_by_id(cohorts, id).expect("done").clone();
        assert_eq!(
            by_id(&cohorts, filter).members(&later, &later_scores, &[]),
            vec![0]
        );
        assert_eq!(
            by_id(&cohorts, fixed).members(&later, &later_scores, &[]),
            vec![1, 2]
        );
        let mut rows = vec![0, 1, 2, 7];
        by_id(&cohorts, fixed).retain_members(&mut rows, &later, &later_scores, &[]);
        assert_eq!(rows, vec![1, 2]);

        // Fixing the filter now keeps today's member, whatever the next drop says.
        let now = keys_of(
            &later,
            &by_id(&cohorts, filter).members(&later, &later_scores, &[]),
        );
        fix_cohort(&mut cohorts, filter, now).expect("done");
        assert!(by_id(&cohorts, filter).is_fixed());
        assert_eq!(
            by_id(&cohorts, filter).members(&autumn, &scores, &[]),
            vec![2]
        );
        // Fixing again changes nothing.
        fix_cohort(&mut cohorts, filter, BTreeSet::new()).expect("done");
        assert_eq!(
            by_id(&cohorts, filter).members.as_ref().map(BTreeSet::len),
            Some(1)
        );
        assert_eq!(
            fix_cohort(&mut cohorts, CohortId(9), BTreeSet::new()),
            Err(CohortProblem::NotFound)
        );
    }

    #[test]
    fn editing_a_filter_changes_its_conditions_and_a_fixed_list_is_fixed_again() {
        let mut cohorts = Vec::new();
        let filter = save_cohort(&mut cohorts, "Filter", vec![], None).expect("done");
        let fixed =
            save_cohort(&mut cohorts, "Fixed", vec![], Some(BTreeSet::new())).expect("done");
        let eal = vec![Condition::Eal(true)];
        let now: BTreeSet<PupilKey> = [PupilKey::from_stored("D373210124708")].into();
        edit_cohort(&mut cohorts, filter, eal.clone(), now.clone()).expect("done");
        edit_cohort(&mut cohorts, fixed, eal.clone(), now.clone()).expect("done");
        assert_eq!(cohorts[0].conditions, eal);
        assert_eq!(cohorts[0].members, None, "a filter stays a filter");
        assert_eq!(cohorts[1].conditions, eal);
        assert_eq!(cohorts[1].members, Some(now));
        assert_eq!(
            edit_cohort(&mut cohorts, CohortId(5), vec![], BTreeSet::new()),
            Err(CohortProblem::NotFound)
        );
    }

    #[test]
    fn deleting_removes_one_cohort_and_the_others_keep_their_ids() {
        let mut cohorts = Vec::new();
        for name in ["A", "B", "C"] {
            save_cohort(&mut cohorts, name, vec![], None).expect("done");
        }
        let gone = delete_cohort(&mut cohorts, CohortId(2)).expect("done");
        assert_eq!(gone.name, "B");
        assert_eq!(saved(&cohorts), [(1, "A"), (3, "C")]);
        assert_eq!(
            delete_cohort(&mut cohorts, CohortId(2)),
            Err(CohortProblem::NotFound)
        );
        // A name freed by deleting can be used again; ids are never reused while in use.
        assert_eq!(
            save_cohort(&mut cohorts, "b", vec![], None),
            Ok(CohortId(4))
        );
    }
}
