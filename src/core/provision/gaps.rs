//! The need audit and gap analysis (Ealing steps 1, 2 and 5), and the concurrency
//! warning (SPEC §7).
//!
//! **Audit.** Each entry is a pupil, a need area and must/should/could. The same pupil
//! and area entered twice counts once, at the stronger priority. The audit table counts
//! audited needs (pupil × area), so a pupil with a literacy *must* and an SEMH *should*
//! counts once in each row. Year groups come from the [`SchoolPupil`]s passed in: for the
//! coming year, pass each pupil's projected year group.
//!
//! **Current provision** is provision that is planned or running (not finished or
//! stopped), with a day of delivery in the period when one is given.
//!
//! **Gap analysis.** *Unmet need*: an audited need (pupil, area) with no current
//! provision in that area for that pupil. *Surplus*: current provision in an area where
//! the pupil has no audited need. Wave-1 (quality-first) provision is universal and is
//! left out of both, and of class support.
//!
//! **Class support.** For each class, the staff-minutes a week of current provision its
//! pupils receive, per pupil in the class. A provision's weekly staff-minutes
//! (sessions × minutes × staff in each session) are shared equally among its pupils.
//! Classes are compared with the school's median class (the mean of the middle two when
//! there is an even number of classes): **more support** when over twice the median,
//! **less support** when under half of it. All of it is exact rational arithmetic. When
//! the median is zero, every class with any support is flagged as more and none as less.
//!
//! **Staff training.** Interventions in current provision that need trained staff, with
//! the roles delivering them, grouped by need area.
//!
//! **Concurrency** (the warning for a pupil in more interventions at once than the
//! school's limit) lives in [`concurrency`](super::concurrency) and is re-exported here;
//! the audit as the school edits it (its years, expected pupils, next year's year groups)
//! in [`audit`](super::audit).

use crate::core::drop::AcademicYear;
use crate::core::provision::bank::{InterventionId, NeedArea, Wave};
use crate::core::provision::costs::{CostInputs, Period};
use crate::core::provision::provision::{Priority, Provision, ProvisionId};
use crate::core::provision::staff::StaffRoleId;
use crate::core::provision::{round_half_up, ProvisionBook, SchoolPupil};
use crate::core::value::YearGroup;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use crate::core::provision::concurrency::{
    concurrency_warnings, concurrency_warnings_for, ConcurrencyWarning,
};

/// One audited need for the coming year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NeedAuditEntry {
    /// The pupil key (UPN).
    pub pupil: String,
    /// The area of need.
    pub area: NeedArea,
    /// Must, should or could.
    pub priority: Priority,
    /// The type of provision the pupil might need, in the school's words.
    pub note: String,
    /// The academic year the audit is for; `None` for entries made before audits named
    /// their year.
    pub academic_year: Option<AcademicYear>,
}

/// Pupils expected next year who are not on roll yet (the new intake, transfers), by name
/// or as a number, with the needs the school expects them to have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedPupils {
    /// The academic year they are expected in.
    pub academic_year: AcademicYear,
    /// Who: a name, or a description ("New Reception intake").
    pub description: String,
    /// How many pupils this entry stands for (1 for a named pupil).
    pub count: u32,
    /// The year group they will join, when known.
    pub year_group: Option<YearGroup>,
    /// The needs expected, each with its priority.
    pub needs: Vec<(NeedArea, Priority)>,
    /// Anything else, in the school's words.
    pub note: String,
}

/// The audited needs, one per pupil and area, at the strongest priority entered, from
/// every entry whatever its year (`audit::audited_needs_in` reads one year's audit).
pub fn audited_needs(book: &ProvisionBook) -> BTreeMap<(String, NeedArea), Priority> {
    needs_of(book.need_audit.iter())
}

/// Audited needs (pupil, area) at the strongest priority among `entries`.
pub(crate) fn needs_of<'a>(
    entries: impl Iterator<Item = &'a NeedAuditEntry>,
) -> BTreeMap<(String, NeedArea), Priority> {
    let mut needs: BTreeMap<(String, NeedArea), Priority> = BTreeMap::new();
    for entry in entries {
        needs
            .entry((entry.pupil.clone(), entry.area))
            .and_modify(|p| *p = (*p).min(entry.priority))
            .or_insert(entry.priority);
    }
    needs
}

/// One cell of the audit table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditCell {
    /// The audited needs in it: (pupil key, area), by pupil then area.
    pub needs: Vec<(String, NeedArea)>,
    /// Needs of expected pupils not yet on roll: each entry's pupils × its needs here.
    pub expected: usize,
}

impl AuditCell {
    /// How many audited needs, of pupils on roll and expected.
    pub fn count(&self) -> usize {
        self.needs.len() + self.expected
    }
}

/// The must/should/could chart: one row per priority, one column per year group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditTable {
    /// Year groups in school order, `None` ("not known") last when needed.
    pub columns: Vec<Option<YearGroup>>,
    /// Must, should and could rows; each has one cell per column.
    pub rows: Vec<(Priority, Vec<AuditCell>)>,
}

impl AuditTable {
    /// The count in one cell; 0 for a column not in the table.
    pub fn count(&self, priority: Priority, year: Option<YearGroup>) -> usize {
        let Some(column) = self.columns.iter().position(|c| *c == year) else {
            return 0;
        };
        self.rows
            .iter()
            .find(|(p, _)| *p == priority)
            .map_or(0, |(_, cells)| cells[column].count())
    }
}

fn year_lookup(pupils: &[SchoolPupil]) -> HashMap<&str, Option<YearGroup>> {
    pupils
        .iter()
        .map(|pupil| (pupil.key.as_str(), pupil.year_group))
        .collect()
}

/// Builds the must/should/could chart per year group from every audit entry, whatever
/// its year (`audit::audit_table_for` builds one year's). Columns are the year groups of
/// `pupils`, with "not known" for audited pupils without one.
pub fn audit_table(book: &ProvisionBook, pupils: &[SchoolPupil]) -> AuditTable {
    table_of(audited_needs(book), pupils, &[])
}

/// The audit table of `needs` and of `expected` pupils not yet on roll: columns are the
/// year groups of `pupils` and of `expected`, with "not known" last when needed.
pub(crate) fn table_of(
    needs: BTreeMap<(String, NeedArea), Priority>,
    pupils: &[SchoolPupil],
    expected: &[&ExpectedPupils],
) -> AuditTable {
    let year_of = year_lookup(pupils);
    let mut columns: Vec<Option<YearGroup>> = pupils
        .iter()
        .filter_map(|p| p.year_group)
        .chain(expected.iter().filter_map(|e| e.year_group))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(Some)
        .collect();
    let year = |pupil: &str| year_of.get(pupil).copied().flatten();
    if needs.keys().any(|(pupil, _)| year(pupil).is_none())
        || expected
            .iter()
            .any(|e| e.year_group.is_none() && !e.needs.is_empty())
    {
        columns.push(None);
    }
    let mut rows: Vec<(Priority, Vec<AuditCell>)> = Priority::ALL
        .iter()
        .map(|p| (*p, vec![AuditCell::default(); columns.len()]))
        .collect();
    let row_of = |priority: Priority| {
        Priority::ALL
            .iter()
            .position(|p| *p == priority)
            .unwrap_or(0)
    };
    for ((pupil, area), priority) in needs {
        if let Some(column) = columns.iter().position(|c| *c == year(&pupil)) {
            rows[row_of(priority)].1[column].needs.push((pupil, area));
        }
    }
    for entry in expected {
        let Some(column) = columns.iter().position(|c| *c == entry.year_group) else {
            continue;
        };
        for (_, priority) in expected_needs(entry) {
            rows[row_of(priority)].1[column].expected += entry.count as usize;
        }
    }
    AuditTable { columns, rows }
}

/// An expected entry's needs, one per area at the strongest priority given.
pub(crate) fn expected_needs(entry: &ExpectedPupils) -> BTreeMap<NeedArea, Priority> {
    let mut needs: BTreeMap<NeedArea, Priority> = BTreeMap::new();
    for (area, priority) in &entry.needs {
        needs
            .entry(*area)
            .and_modify(|p| *p = (*p).min(*priority))
            .or_insert(*priority);
    }
    needs
}

/// An audited need with no current provision in its area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmetNeed {
    /// The pupil key.
    pub pupil: String,
    /// The area.
    pub area: NeedArea,
    /// How strong the call is.
    pub priority: Priority,
}

/// A need of pupils expected but not on roll yet: they have no provision, so it is unmet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedNeed {
    /// Who: the name or description the school gave.
    pub description: String,
    /// How many pupils.
    pub count: u32,
    /// The year group they will join, when known.
    pub year_group: Option<YearGroup>,
    /// The area.
    pub area: NeedArea,
    /// How strong the call is.
    pub priority: Priority,
}

/// Current provision in an area where the pupil has no audited need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surplus {
    /// The pupil key.
    pub pupil: String,
    /// The area.
    pub area: NeedArea,
    /// The provisions concerned.
    pub provisions: Vec<ProvisionId>,
}

/// Whether a class gets much more or much less support than the median class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportFlag {
    /// More than twice the median.
    MuchMore,
    /// Less than half the median.
    MuchLess,
}

/// What the class support figures are compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportBaseline {
    /// The median class.
    Median,
    /// The mean of the classes, used when the median is 0.
    Mean,
}

impl SupportBaseline {
    /// "the median class", "the mean of all classes (the median is 0)".
    pub fn describe(self) -> &'static str {
        match self {
            SupportBaseline::Median => "the median class",
            SupportBaseline::Mean => {
                "the mean of all classes, because most classes have no support and the median is 0"
            }
        }
    }
}

/// The support one class's pupils receive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSupport {
    /// The class, as written in the pupil data.
    pub class: String,
    /// Pupils in the class.
    pub pupils: u32,
    /// Staff-minutes a week per pupil in the class, in tenths of a minute (rounded half
    /// up, for display; the flags use the exact figure).
    pub minutes_per_pupil_tenths: i64,
    /// Whether it stands out from the median class.
    pub flag: Option<SupportFlag>,
}

/// Interventions needing trained staff, in current provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingNeed {
    /// The intervention.
    pub intervention: InterventionId,
    /// Its name.
    pub name: String,
    /// Its need area.
    pub need_area: NeedArea,
    /// The staff roles delivering it.
    pub roles: Vec<StaffRoleId>,
    /// The provisions using it.
    pub provisions: Vec<ProvisionId>,
    /// Distinct pupils in those provisions.
    pub pupils: usize,
}

/// The result of comparing the audit with current provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapAnalysis {
    /// Audited needs with no current provision in the area: must first, then should,
    /// could; by area and pupil within each.
    pub unmet: Vec<UnmetNeed>,
    /// Needs of expected pupils not yet on roll (all unmet): must first, then by area and
    /// in the order the pupils were added.
    pub expected_unmet: Vec<ExpectedNeed>,
    /// Current provision where the pupil has no audited need in the area, by pupil, area.
    pub surplus: Vec<Surplus>,
    /// Every class, by name, with its support and any flag.
    pub classes: Vec<ClassSupport>,
    /// The median class's staff-minutes a week per pupil, in tenths of a minute.
    pub median_minutes_per_pupil_tenths: i64,
    /// What classes are compared with: the median, or the mean when the median is 0
    /// (most classes have no support, so "twice the median" would flag every class with
    /// any).
    pub baseline: SupportBaseline,
    /// The figure classes are compared with, in tenths of a minute.
    pub baseline_minutes_per_pupil_tenths: i64,
    /// Training needed, by need area then intervention name.
    pub training: Vec<TrainingNeed>,
}

/// Whether a provision is current for the gap analysis.
pub fn is_current(provision: &Provision, period: Option<Period>) -> bool {
    provision.status.is_current()
        && period.is_none_or(|period| provision.overlaps(period.first, period.last))
}

/// A non-negative fraction, kept exact for comparisons.
#[derive(Debug, Clone, Copy)]
struct Fraction {
    numerator: i128,
    denominator: i128,
}

impl Fraction {
    const ZERO: Fraction = Fraction {
        numerator: 0,
        denominator: 1,
    };

    fn new(numerator: i128, denominator: i128) -> Fraction {
        let divisor = gcd(numerator, denominator).max(1);
        Fraction {
            numerator: numerator / divisor,
            denominator: denominator / divisor,
        }
    }

    fn add(self, other: Fraction) -> Fraction {
        Fraction::new(
            self.numerator * other.denominator + other.numerator * self.denominator,
            self.denominator * other.denominator,
        )
    }

    fn scale(self, times: i128, over: i128) -> Fraction {
        Fraction::new(self.numerator * times, self.denominator * over)
    }

    fn cmp(&self, other: &Fraction) -> Ordering {
        (self.numerator * other.denominator).cmp(&(other.numerator * self.denominator))
    }

    fn tenths(&self) -> i64 {
        round_half_up(self.numerator * 10, self.denominator)
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Compares every audit entry, whatever its year, with current provision (in `period`,
/// if given): unmet need, surplus, class support and training needed
/// (`audit::gap_analysis_for` compares one year's audit).
pub fn gap_analysis(
    book: &ProvisionBook,
    pupils: &[SchoolPupil],
    period: Option<Period>,
) -> GapAnalysis {
    analyse(book, audited_needs(book), &[], pupils, period)
}

/// The gap analysis of `needs` and the `expected` pupils' needs.
pub(crate) fn analyse(
    book: &ProvisionBook,
    needs: BTreeMap<(String, NeedArea), Priority>,
    expected: &[&ExpectedPupils],
    pupils: &[SchoolPupil],
    period: Option<Period>,
) -> GapAnalysis {
    let current: Vec<&Provision> = book
        .provisions
        .iter()
        .filter(|p| is_current(p, period))
        .collect();
    let targeted: Vec<(&Provision, NeedArea)> = current
        .iter()
        .filter_map(|p| {
            let intervention = book.bank.get(p.intervention)?;
            (intervention.wave != Wave::One).then_some((*p, intervention.need_area))
        })
        .collect();

    // Who has current targeted provision in which area.
    let mut provided: BTreeMap<(String, NeedArea), Vec<ProvisionId>> = BTreeMap::new();
    for (provision, area) in &targeted {
        for pupil in &provision.pupils {
            provided
                .entry((pupil.clone(), *area))
                .or_default()
                .push(provision.id);
        }
    }

    let mut unmet: Vec<UnmetNeed> = needs
        .iter()
        .filter(|(key, _)| !provided.contains_key(*key))
        .map(|((pupil, area), priority)| UnmetNeed {
            pupil: pupil.clone(),
            area: *area,
            priority: *priority,
        })
        .collect();
    unmet.sort_by(|a, b| (a.priority, a.area, &a.pupil).cmp(&(b.priority, b.area, &b.pupil)));

    let surplus: Vec<Surplus> = provided
        .into_iter()
        .filter(|(key, _)| !needs.contains_key(key))
        .map(|((pupil, area), provisions)| Surplus {
            pupil,
            area,
            provisions,
        })
        .collect();

    let mut expected_unmet: Vec<ExpectedNeed> = expected
        .iter()
        .flat_map(|entry| {
            expected_needs(entry)
                .into_iter()
                .map(|(area, priority)| ExpectedNeed {
                    description: entry.description.clone(),
                    count: entry.count,
                    year_group: entry.year_group,
                    area,
                    priority,
                })
        })
        .collect();
    // Stable: entries keep the order they were added within a priority and area.
    expected_unmet.sort_by_key(|need| (need.priority, need.area));

    let (classes, median, (baseline, against)) = class_support(book, pupils, &targeted);
    GapAnalysis {
        unmet,
        expected_unmet,
        surplus,
        classes,
        median_minutes_per_pupil_tenths: median.tenths(),
        baseline,
        baseline_minutes_per_pupil_tenths: against.tenths(),
        training: training_needs(book, &current),
    }
}

fn class_support(
    book: &ProvisionBook,
    pupils: &[SchoolPupil],
    targeted: &[(&Provision, NeedArea)],
) -> (Vec<ClassSupport>, Fraction, (SupportBaseline, Fraction)) {
    // Each pupil's share of weekly staff-minutes.
    let mut share: HashMap<&str, Fraction> = HashMap::new();
    for (provision, _) in targeted {
        if provision.pupils.is_empty() {
            continue;
        }
        let minutes =
            i128::from(CostInputs::for_provision(book, provision).staff_minutes_per_week());
        let each = Fraction::new(minutes, provision.pupils.len() as i128);
        for pupil in &provision.pupils {
            let entry = share.entry(pupil.as_str()).or_insert(Fraction::ZERO);
            *entry = entry.add(each);
        }
    }
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for pupil in pupils {
        if let Some(class) = pupil.class.as_deref() {
            members.entry(class).or_default().push(pupil.key.as_str());
        }
    }
    let values: Vec<(&str, u32, Fraction)> = members
        .into_iter()
        .map(|(class, keys)| {
            let total = keys
                .iter()
                .filter_map(|key| share.get(key))
                .fold(Fraction::ZERO, |sum, f| sum.add(*f));
            let size = u32::try_from(keys.len()).unwrap_or(u32::MAX);
            (class, size, total.scale(1, i128::from(size.max(1))))
        })
        .collect();
    let mut sorted: Vec<Fraction> = values.iter().map(|(_, _, v)| *v).collect();
    sorted.sort_by(Fraction::cmp);
    let median = match sorted.len() {
        0 => Fraction::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => sorted[n / 2 - 1].add(sorted[n / 2]).scale(1, 2),
    };
    let (baseline, against) = if median.cmp(&Fraction::ZERO) == Ordering::Greater {
        (SupportBaseline::Median, median)
    } else {
        let sum = sorted.iter().fold(Fraction::ZERO, |sum, f| sum.add(*f));
        (
            SupportBaseline::Mean,
            sum.scale(1, (sorted.len() as i128).max(1)),
        )
    };
    let classes = values
        .into_iter()
        .map(|(class, size, value)| {
            let flag = if value.cmp(&against.scale(2, 1)) == Ordering::Greater {
                Some(SupportFlag::MuchMore)
            } else if value.scale(2, 1).cmp(&against) == Ordering::Less {
                Some(SupportFlag::MuchLess)
            } else {
                None
            };
            ClassSupport {
                class: class.to_string(),
                pupils: size,
                minutes_per_pupil_tenths: value.tenths(),
                flag,
            }
        })
        .collect();
    (classes, median, (baseline, against))
}

/// Roles, provisions and pupils seen for one intervention.
type TrainingTally<'a> = (BTreeSet<StaffRoleId>, Vec<ProvisionId>, BTreeSet<&'a str>);

fn training_needs(book: &ProvisionBook, current: &[&Provision]) -> Vec<TrainingNeed> {
    let mut needs: BTreeMap<InterventionId, TrainingTally> = BTreeMap::new();
    for provision in current {
        let Some(intervention) = book.bank.get(provision.intervention) else {
            continue;
        };
        if !intervention.trained_staff_required {
            continue;
        }
        let (roles, provisions, pupils) = needs.entry(intervention.id).or_default();
        roles.extend(provision.delivery(intervention).staff);
        provisions.push(provision.id);
        pupils.extend(provision.pupils.iter().map(String::as_str));
    }
    let mut training: Vec<TrainingNeed> = needs
        .into_iter()
        .filter_map(|(id, (roles, provisions, pupils))| {
            let intervention = book.bank.get(id)?;
            Some(TrainingNeed {
                intervention: id,
                name: intervention.name.clone(),
                need_area: intervention.need_area,
                roles: roles.into_iter().collect(),
                provisions,
                pupils: pupils.len(),
            })
        })
        .collect();
    training.sort_by_cached_key(|t| (t.need_area, t.name.to_lowercase(), t.intervention));
    training
}
