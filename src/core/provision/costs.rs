//! What provision costs (SPEC §7).
//!
//! **The formula.** A provision runs `groups = ceil(pupils ÷ group size)` groups (one
//! group of places while no pupils are assigned). Its annual cost is
//! `groups × (sessions a week × hours a session × weeks × (sum of the hourly cost of each
//! staff member) + resource cost)`: each group's sessions take the staff's time, and the
//! bank's resource cost is for one group. Weeks are the provision's own, else the
//! intervention's, else the school's weeks in the year (default 38). Everything is integer
//! pence: the staff part is worked out exactly in minutes × pence, which is sixtieths of a
//! penny, the resource cost is added as sixtieths too, and the result is divided and
//! **rounded half up once**, at the end.
//!
//! **One rounding rule, so every view adds up.** A figure that is part of another figure
//! shown is a share of that rounded figure, never rounded on its own:
//! - a period's part of a provision (academic or financial year) is the rounded running
//!   total at the period's last day of delivery less the rounded running total before its
//!   first, so the parts of any split into consecutive periods add up to the whole;
//! - each pupil's share is the provision's (or the period's) cost split by
//!   [`split_evenly`]: the exact share rounded down or up, the pennies over spread along
//!   the group so the shares add up to the cost exactly.
//!
//! Totals by pupil, year group and map cell add up pupils' shares; totals by intervention,
//! wave and area add up provision costs; all of them therefore add up to the same total to
//! the penny. "About £x each" (`per_pupil`) is shown for information and never summed.
//!
//! **Wave 1 is never costed.** Quality-first teaching is universal provision (Waltham
//! Forest: it "cannot be included as a cost"), so a wave-1 intervention costs £0.
//!
//! **Academic and financial years.** A provision's cost is apportioned to a period (an
//! academic year, 1 September – 31 August, or a financial year, 1 April – 31 March) by the
//! share of its calendar days of delivery, start to end inclusive, that fall in the
//! period. A provision whose end is before its start has no days and puts nothing in any
//! period.
//!
//! **Stopped provision** still costs what it cost: set its end date to when it stopped.

use crate::core::drop::AcademicYear;
use crate::core::provision::bank::{InterventionId, NeedArea, Wave};
use crate::core::provision::provision::{Provision, ProvisionId};
use crate::core::provision::{round_half_up, ProvisionBook, SchoolPupil};
use crate::core::value::{Money, YearGroup};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// An English financial year, 1 April to 31 March, named by the calendar year it starts
/// in: `start_year` 2025 is "2025-26".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FinancialYear {
    /// The calendar year of its 1 April.
    pub start_year: i32,
}

impl FinancialYear {
    /// The financial year `date` falls in: 31/03/2026 is in 2025-26, 01/04/2026 in 2026-27.
    pub fn containing(date: NaiveDate) -> FinancialYear {
        let start_year = if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        };
        FinancialYear { start_year }
    }
}

impl fmt::Display for FinancialYear {
    /// "2025-26".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{:02}",
            self.start_year,
            (self.start_year + 1).rem_euclid(100)
        )
    }
}

/// A span of days costs are reported for, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// The first day.
    pub first: NaiveDate,
    /// The last day.
    pub last: NaiveDate,
}

impl Period {
    /// 1 September to 31 August.
    pub fn academic(year: AcademicYear) -> Period {
        Period {
            first: ymd(year.start_year, 9, 1),
            last: ymd(year.start_year + 1, 8, 31),
        }
    }

    /// 1 April to 31 March.
    pub fn financial(year: FinancialYear) -> Period {
        Period {
            first: ymd(year.start_year, 4, 1),
            last: ymd(year.start_year + 1, 3, 31),
        }
    }

    /// Whether `date` is in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }
}

/// 1 September, 31 August, 1 April and 31 March exist in every year chrono can hold.
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// The figures one cost is worked out from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CostInputs {
    /// Sessions a week.
    pub sessions_per_week: u32,
    /// Minutes a session.
    pub minutes_per_session: u32,
    /// Weeks.
    pub weeks: u32,
    /// The hourly cost of each member of staff in each session.
    pub hourly_costs: Vec<Money>,
    /// Resources for the year, for one group.
    pub resource_cost: Money,
    /// Groups run: each group's sessions take the staff's time and its own resources.
    /// 0 is read as 1.
    pub groups: u32,
}

impl CostInputs {
    /// What a provision costs is worked out from: its delivery (with overrides), its
    /// staff's hourly costs, its resources, the groups it runs (ceil(pupils ÷ group
    /// size)), and the school's weeks in the year when it gives no weeks. Wave 1, or an
    /// intervention no longer in the bank, gives all zeros.
    pub fn for_provision(book: &ProvisionBook, provision: &Provision) -> CostInputs {
        let Some(intervention) = book.bank.get(provision.intervention) else {
            return CostInputs::default();
        };
        if intervention.wave == Wave::One {
            return CostInputs::default();
        }
        let delivery = provision.delivery(intervention);
        CostInputs {
            sessions_per_week: delivery.sessions_per_week,
            minutes_per_session: delivery.minutes_per_session,
            weeks: delivery.weeks.unwrap_or(book.settings.weeks_in_year),
            hourly_costs: delivery
                .staff
                .iter()
                .map(|role| book.staff.hourly_cost(*role))
                .collect(),
            resource_cost: provision.resource_cost(intervention),
            groups: groups_for(provision.pupils.len(), delivery.group_size),
        }
    }

    /// The exact cost in sixtieths of a penny.
    fn sixtieths(&self) -> i128 {
        let hourly: i128 = self
            .hourly_costs
            .iter()
            .map(|money| i128::from(money.pence()))
            .sum();
        let one_group = i128::from(self.sessions_per_week)
            * i128::from(self.minutes_per_session)
            * i128::from(self.weeks)
            * hourly
            + 60 * i128::from(self.resource_cost.pence());
        one_group * i128::from(self.groups.max(1))
    }

    /// Staff-minutes a week: sessions × minutes × staff in each session × groups.
    pub fn staff_minutes_per_week(&self) -> u64 {
        u64::from(self.sessions_per_week)
            * u64::from(self.minutes_per_session)
            * self.hourly_costs.len() as u64
            * u64::from(self.groups.max(1))
    }

    /// The whole cost, rounded half up once.
    pub fn annual(&self) -> Money {
        Money::from_pence(round_half_up(self.sixtieths(), 60))
    }

    /// The cost of one of `pupils` pupils (at least one), rounded half up once: the
    /// typical share, for saying "about £x each". Totals never add these up; they add
    /// [`split_evenly`] shares, which sum to the whole exactly.
    pub fn per_pupil(&self, pupils: u32) -> Money {
        let pupils = i128::from(pupils.max(1));
        Money::from_pence(round_half_up(self.sixtieths(), 60 * pupils))
    }

    /// The part of the cost delivered on days `from` (exclusive) to `to` (inclusive) of
    /// `of_days`, counted from the start: `round(cost × to ÷ of) − round(cost × from ÷ of)`.
    /// Rounding the running total, not each part, means the parts of any split into
    /// consecutive periods add up to [`CostInputs::annual`] exactly. Nothing when
    /// `of_days` is 0.
    pub fn days_share(&self, from: i64, to: i64, of_days: i64) -> Money {
        if of_days <= 0 {
            return Money::ZERO;
        }
        let upto = |days: i64| {
            round_half_up(
                self.sixtieths() * i128::from(days.clamp(0, of_days)),
                60 * i128::from(of_days),
            )
        };
        Money::from_pence(upto(to) - upto(from))
    }
}

/// Groups a provision runs: ceil(pupils ÷ group size), at least one (a provision with no
/// pupils yet is one group of places).
pub fn groups_for(pupils: usize, group_size: u32) -> u32 {
    let pupils = u32::try_from(pupils).unwrap_or(u32::MAX).max(1);
    pupils.div_ceil(group_size.max(1))
}

/// Shares `total` among `parts` so the shares add up to `total` exactly: part `i` gets
/// `round(total × (i+1) ÷ parts) − round(total × i ÷ parts)`, so every share is the exact
/// share rounded down or up and the pennies left over fall evenly. This is **the** rule
/// for every figure that is part of another figure shown (a pupil's share of a provision,
/// a year group's part of the map), so every view adds up to the same total to the penny.
pub fn split_evenly(total: Money, parts: usize) -> Vec<Money> {
    if parts == 0 {
        return Vec::new();
    }
    let parts_wide = parts as i128;
    let upto = |i: usize| round_half_up(i128::from(total.pence()) * i as i128, parts_wide);
    (0..parts)
        .map(|i| Money::from_pence(upto(i + 1) - upto(i)))
        .collect()
}

/// What one provision costs, in a year of delivery or within a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostLine {
    /// The provision.
    pub provision: ProvisionId,
    /// Its intervention.
    pub intervention: InterventionId,
    /// The intervention's wave (£0 for wave 1).
    pub wave: Wave,
    /// The intervention's need area.
    pub need_area: NeedArea,
    /// The whole cost (annual, or the period's share), rounded once.
    pub cost: Money,
    /// The typical cost of each pupil (or place), for "about £x each"; see `pupil_shares`
    /// for the figures that add up.
    pub per_pupil: Money,
    /// The pupils (or places) the cost is shared among.
    pub shared_among: u32,
    /// The groups run: ceil(pupils ÷ group size).
    pub groups: u32,
    /// Each assigned pupil's share, in the provision's pupil order, adding up to `cost`
    /// exactly ([`split_evenly`]). Empty for a provision with no pupils yet.
    pub pupil_shares: Vec<(String, Money)>,
}

impl CostLine {
    /// This pupil's share of the cost (nothing when not in the group).
    pub fn share_of(&self, pupil: &str) -> Money {
        self.pupil_shares
            .iter()
            .find(|(key, _)| key == pupil)
            .map_or(Money::ZERO, |(_, share)| *share)
    }
}

/// A stretch of delivery in which neither the staff nor the group changes.
#[derive(Debug, Clone)]
struct Stretch {
    first: NaiveDate,
    last: NaiveDate,
    /// The exact cost of one day of it, in sixtieths of a penny × the provision's days.
    per_day: i128,
    /// The pupils in the group throughout, by their place in `Provision::pupils`.
    members: Vec<usize>,
    /// Groups run: ceil(pupils in it ÷ group size), at least one.
    groups: u32,
}

/// Splits a provision's delivery into stretches at every change of staff and every pupil
/// joining or leaving. A day's cost is a stretch's `groups × (sessions × minutes × weeks ×
/// hourly costs + 60 × resources)` spread evenly over the provision's days, so with no
/// changes the stretches add up to [`CostInputs::annual`] exactly.
fn stretches(book: &ProvisionBook, provision: &Provision) -> Vec<Stretch> {
    let inputs = CostInputs::for_provision(book, provision);
    let Some(intervention) = book.bank.get(provision.intervention) else {
        return Vec::new();
    };
    if provision.delivery_days() == 0 || inputs == CostInputs::default() {
        return Vec::new();
    }
    let group_size = provision.delivery(intervention).group_size;
    let spans: Vec<(NaiveDate, NaiveDate)> = provision
        .pupils
        .iter()
        .map(|pupil| {
            provision
                .member_span(pupil)
                .unwrap_or((provision.start, provision.end))
        })
        .collect();
    let after = |day: NaiveDate| day.checked_add_days(chrono::Days::new(1));
    let mut cuts: Vec<NaiveDate> = std::iter::once(provision.start)
        .chain(provision.staff_changes.iter().map(|change| change.from))
        .chain(spans.iter().map(|(first, _)| *first))
        .chain(spans.iter().filter_map(|(_, last)| after(*last)))
        .filter(|day| provision.start <= *day && *day <= provision.end)
        .collect();
    cuts.sort();
    cuts.dedup();
    cuts.iter()
        .enumerate()
        .map(|(at, first)| {
            let last = cuts
                .get(at + 1)
                .and_then(|next| next.checked_sub_days(chrono::Days::new(1)))
                .unwrap_or(provision.end);
            let members: Vec<usize> = spans
                .iter()
                .enumerate()
                .filter(|(_, (from, to))| from <= first && *first <= *to)
                .map(|(place, _)| place)
                .collect();
            let groups = if provision.pupils.is_empty() {
                inputs.groups
            } else {
                groups_for(members.len(), group_size)
            };
            let hourly: i128 = provision
                .staff_on(*first, intervention)
                .iter()
                .map(|role| i128::from(book.staff.hourly_cost(*role).pence()))
                .sum();
            let one_group = i128::from(inputs.sessions_per_week)
                * i128::from(inputs.minutes_per_session)
                * i128::from(inputs.weeks)
                * hourly
                + 60 * i128::from(inputs.resource_cost.pence());
            Stretch {
                first: *first,
                last,
                per_day: one_group * i128::from(groups.max(1)),
                members,
                groups: groups.max(1),
            }
        })
        .collect()
}

/// Days of `first..=last` that fall in `from..=to`.
fn overlap_days(first: NaiveDate, last: NaiveDate, from: NaiveDate, to: NaiveDate) -> i128 {
    i128::from(((last.min(to) - first.max(from)).num_days() + 1).max(0))
}

/// Shares `total` in proportion to `weights`, by the same running-total rule as
/// [`split_evenly`] (which it equals when the weights are equal): the shares add up to
/// `total` exactly. With no weight at all it splits evenly.
pub fn split_by_weights(total: Money, weights: &[i128]) -> Vec<Money> {
    let sum: i128 = weights.iter().sum();
    if sum <= 0 {
        return split_evenly(total, weights.len());
    }
    let mut running = 0_i128;
    let mut before = 0_i64;
    weights
        .iter()
        .map(|weight| {
            running += weight;
            let upto = round_half_up(i128::from(total.pence()) * running, sum);
            let share = upto - before;
            before = upto;
            Money::from_pence(share)
        })
        .collect()
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    let (mut x, mut y) = (a, b);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    (a / x.max(1)).checked_mul(b)
}

/// A provision's cost: its annual cost with `None`, or its share of `period`.
///
/// The cost is worked out stretch by stretch (see [`stretches`]): a change of staff costs
/// the new staff's rates from that day, and a pupil joining or leaving can change the
/// groups run. A period's part is the rounded running total at its last day less the
/// rounded running total before its first, so consecutive periods add up to the whole.
/// Each pupil's share follows the days they were in the group: each stretch's cost is
/// shared equally among the pupils in it, and the shares are rounded by
/// [`split_by_weights`] so they add up to the cost exactly.
pub fn cost_line(book: &ProvisionBook, provision: &Provision, period: Option<Period>) -> CostLine {
    let inputs = CostInputs::for_provision(book, provision);
    let shared_among = if provision.pupils.is_empty() {
        provision
            .places
            .filter(|places| *places > 0)
            .unwrap_or_else(|| {
                book.bank
                    .get(provision.intervention)
                    .map_or(1, |i| provision.delivery(i).group_size.max(1))
            })
    } else {
        u32::try_from(provision.pupils.len()).unwrap_or(u32::MAX)
    };
    let stretches = stretches(book, provision);
    let days = i128::from(provision.delivery_days());
    let (from, to) = match period {
        None => (provision.start, provision.end),
        Some(period) => (period.first, period.last),
    };
    // The exact cost of every day up to and including `day`, in sixtieths × days.
    let upto = |day: NaiveDate| -> i128 {
        stretches
            .iter()
            .map(|s| s.per_day * overlap_days(s.first, s.last, s.first, day))
            .sum()
    };
    let rounded = |exact: i128| round_half_up(exact, 60 * days.max(1));
    let cost = if stretches.is_empty() {
        Money::ZERO
    } else {
        let before = from
            .checked_sub_days(chrono::Days::new(1))
            .map_or(0, |day| rounded(upto(day)));
        Money::from_pence(rounded(upto(to)) - before)
    };
    let per_pupil = Money::from_pence(round_half_up(
        i128::from(cost.pence()),
        i128::from(shared_among.max(1)),
    ));
    // Each pupil's weight: their equal part of every stretch they were in, in this window,
    // over a common denominator (the stretches' group sizes' lowest common multiple).
    let common = stretches
        .iter()
        .map(|s| s.members.len() as i128)
        .filter(|n| *n > 0)
        .try_fold(1_i128, lcm);
    let mut weights = vec![0_i128; provision.pupils.len()];
    for stretch in &stretches {
        let size = stretch.members.len() as i128;
        if size == 0 {
            continue;
        }
        let exact = stretch.per_day * overlap_days(stretch.first, stretch.last, from, to);
        let each = match common {
            Some(common) => exact.saturating_mul(common / size),
            None => exact / size,
        };
        for place in &stretch.members {
            weights[*place] = weights[*place].saturating_add(each);
        }
    }
    let pupil_shares = provision
        .pupils
        .iter()
        .cloned()
        .zip(split_by_weights(cost, &weights))
        .collect();
    let intervention = book.bank.get(provision.intervention);
    let groups = stretches
        .iter()
        .map(|s| s.groups)
        .max()
        .unwrap_or(inputs.groups)
        .max(1);
    CostLine {
        provision: provision.id,
        intervention: provision.intervention,
        wave: intervention.map_or(Wave::Two, |i| i.wave),
        need_area: intervention.map_or(NeedArea::Other, |i| i.need_area),
        cost,
        per_pupil,
        shared_among,
        groups,
        pupil_shares,
    }
}

/// The provisions a report covers: all of them with no period, else those with a day of
/// delivery in it. Every status counts (stopped provision was paid for while it ran).
pub fn provisions_in(
    book: &ProvisionBook,
    period: Option<Period>,
) -> impl Iterator<Item = &Provision> {
    book.provisions
        .iter()
        .filter(move |p| period.is_none_or(|period| p.overlaps(period.first, period.last)))
}

/// Cost totals against the notional SEN budget and the per-pupil threshold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CostTotals {
    /// The period covered; `None` for each provision's whole annual cost.
    pub period: Option<Period>,
    /// Every provision's cost added up.
    pub total: Money,
    /// By intervention (each provision's whole cost).
    pub by_intervention: BTreeMap<InterventionId, Money>,
    /// By wave.
    pub by_wave: BTreeMap<Wave, Money>,
    /// By need area.
    pub by_need_area: BTreeMap<NeedArea, Money>,
    /// By pupil key: the sum of the pupil's shares.
    pub by_pupil: BTreeMap<String, Money>,
    /// By year group (`None`: not known): the sum of its pupils' shares.
    pub by_year_group: BTreeMap<Option<YearGroup>, Money>,
    /// The cost of places in provision with no pupils assigned yet (in `total`, not in
    /// any pupil's or year group's figure; `by_year_group` plus this is `total`).
    pub unassigned: Money,
    /// The school's notional SEN budget (£0: not entered).
    pub budget: Money,
    /// The per-pupil threshold (default £6,000).
    pub threshold: Money,
}

/// Where the total stands against the notional SEN budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetStanding {
    /// No budget has been entered, so there is nothing to compare with.
    NotEntered,
    /// Within budget, with this much left.
    Within(Money),
    /// Over budget by this much.
    Over(Money),
}

impl fmt::Display for BudgetStanding {
    /// "No budget entered", "£1,200.00 left", "Over budget by £80.00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BudgetStanding::NotEntered => f.write_str("No budget entered"),
            BudgetStanding::Within(left) => write!(f, "{left} left"),
            BudgetStanding::Over(by) => write!(f, "Over budget by {by}"),
        }
    }
}

impl CostTotals {
    /// Where the total stands against the budget; no budget (£0) is "not entered".
    pub fn budget_standing(&self) -> BudgetStanding {
        if self.budget.pence() <= 0 {
            BudgetStanding::NotEntered
        } else if self.total > self.budget {
            BudgetStanding::Over(self.total - self.budget)
        } else {
            BudgetStanding::Within(self.budget - self.total)
        }
    }

    /// The total as hundredths of a percent of the budget, rounded half up; `None` with
    /// no budget set.
    pub fn budget_used_hundredths(&self) -> Option<i64> {
        (self.budget.pence() > 0).then(|| {
            round_half_up(
                i128::from(self.total.pence()) * 10_000,
                i128::from(self.budget.pence()),
            )
        })
    }

    /// Pupils whose total is over the threshold, highest first (then by key).
    pub fn pupils_over_threshold(&self) -> Vec<(&str, Money)> {
        let mut over: Vec<(&str, Money)> = self
            .by_pupil
            .iter()
            .filter(|(_, cost)| **cost > self.threshold)
            .map(|(pupil, cost)| (pupil.as_str(), *cost))
            .collect();
        over.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        over
    }
}

/// Adds up every provision's cost (annual with no period; else its share of the period)
/// by intervention, wave, need area, pupil and year group. Pupils not in `pupils` count
/// under year group `None`. Pupil and year-group figures add up pupils' shares
/// ([`split_evenly`]), so by year group plus `unassigned` is the total to the penny.
pub fn totals(book: &ProvisionBook, pupils: &[SchoolPupil], period: Option<Period>) -> CostTotals {
    let year_of: HashMap<&str, Option<YearGroup>> = pupils
        .iter()
        .map(|pupil| (pupil.key.as_str(), pupil.year_group))
        .collect();
    let mut totals = CostTotals {
        period,
        budget: book.settings.notional_sen_budget,
        threshold: book.settings.pupil_threshold,
        ..CostTotals::default()
    };
    for provision in provisions_in(book, period) {
        let line = cost_line(book, provision, period);
        totals.total += line.cost;
        *totals.by_intervention.entry(line.intervention).or_default() += line.cost;
        *totals.by_wave.entry(line.wave).or_default() += line.cost;
        *totals.by_need_area.entry(line.need_area).or_default() += line.cost;
        if provision.pupils.is_empty() {
            totals.unassigned += line.cost;
        }
        for (pupil, share) in &line.pupil_shares {
            *totals.by_pupil.entry(pupil.clone()).or_default() += *share;
            let year = year_of.get(pupil.as_str()).copied().flatten();
            *totals.by_year_group.entry(year).or_default() += *share;
        }
    }
    totals
}

/// One pupil's total cost (annual, or within a period): the sum of their shares.
pub fn pupil_total(book: &ProvisionBook, pupil: &str, period: Option<Period>) -> Money {
    provisions_in(book, period)
        .filter(|p| p.includes(pupil))
        .map(|p| cost_line(book, p, period).share_of(pupil))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::bank::{Category, InterventionBank};
    use crate::core::provision::staff::StaffRoleId;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn pence(p: i64) -> Money {
        Money::from_pence(p)
    }

    #[test]
    fn the_formula_is_pence_exact_and_rounds_once() {
        // 3 sessions × 40 min × 12 weeks with a teacher (£45) and a TA (£18.37):
        // 1,440 minutes × 6,337p = 9,125,280 sixtieths = 152,088p; + £25.99 resources.
        let inputs = CostInputs {
            sessions_per_week: 3,
            minutes_per_session: 40,
            weeks: 12,
            hourly_costs: vec![pence(4_500), pence(1_837)],
            resource_cost: pence(2_599),
            groups: 1,
        };
        assert_eq!(inputs.annual(), pence(152_088 + 2_599));
        // Shared by 7: 154,687 / 7 = 22,098.142… → 22,098.
        assert_eq!(inputs.per_pupil(7), pence(22_098));
        assert_eq!(inputs.staff_minutes_per_week(), 240);
    }

    #[test]
    fn a_cost_per_pupil_is_rounded_from_the_exact_sum_not_from_the_rounded_cost() {
        // 1 × 25 min × 1 week × £18.37 = 45,925 sixtieths = 765.4166…p → annual 765p.
        let inputs = CostInputs {
            sessions_per_week: 1,
            minutes_per_session: 25,
            weeks: 1,
            hourly_costs: vec![pence(1_837)],
            resource_cost: Money::ZERO,
            groups: 1,
        };
        assert_eq!(inputs.annual(), pence(765));
        // Per pupil of 2: exact 382.708…p → 383p.
        assert_eq!(inputs.per_pupil(2), pence(383));
        // 179 minutes at 1p/h = 2.983…p → 3p a year; shared by 2 it is 1.491…p → 1p,
        // where halving the rounded 3p would have given 2p.
        let one_penny = CostInputs {
            sessions_per_week: 1,
            minutes_per_session: 179,
            weeks: 1,
            hourly_costs: vec![pence(1)],
            resource_cost: Money::ZERO,
            groups: 1,
        };
        assert_eq!(one_penny.annual(), pence(3));
        assert_eq!(one_penny.per_pupil(2), pence(1));
        // 7 minutes at 1p/h: exact 7/60p. Annual rounds to 0p, but ×9 weeks = 63/60 → 1p.
        let tiny = CostInputs {
            sessions_per_week: 1,
            minutes_per_session: 7,
            weeks: 9,
            hourly_costs: vec![pence(1)],
            resource_cost: Money::ZERO,
            groups: 1,
        };
        assert_eq!(tiny.annual(), pence(1));
        // Exactly half a penny rounds up: 30 minutes at 1p/h = 0.5p → 1p.
        let half = CostInputs {
            sessions_per_week: 1,
            minutes_per_session: 30,
            weeks: 1,
            hourly_costs: vec![pence(1)],
            resource_cost: Money::ZERO,
            groups: 1,
        };
        assert_eq!(half.annual(), pence(1));
        assert_eq!(half.per_pupil(2), pence(0)); // 0.25p
    }

    fn book_with_fls() -> (ProvisionBook, Provision) {
        let mut book = ProvisionBook::default();
        let fls = book.bank.get(InterventionId(20)).cloned().expect("FLS");
        let mut provision = Provision::new(&fls, date(2025, 3, 1), date(2025, 5, 31));
        provision.add_pupils(["P1", "P2", "P3", "P4"]);
        let id = book.add_provision(provision);
        let provision = book.provision(id).cloned().expect("added");
        (book, provision)
    }

    #[test]
    fn a_provision_is_costed_from_its_delivery_staff_and_resources() {
        let (mut book, provision) = book_with_fls();
        // FLS default: TA £18, 3 × 20 min × 12 weeks = 720 min × 1,800p / 60 = 21,600p.
        let line = cost_line(&book, &provision, None);
        assert_eq!(line.cost, pence(21_600));
        assert_eq!(line.per_pupil, pence(5_400));
        assert_eq!(line.shared_among, 4);
        // An HLTA and a TA, 25-minute sessions, whole year (38 weeks), £40 of books:
        // 3 × 25 × 38 = 2,850 min × 4,000p = 11,400,000/60 = 190,000p + 4,000p.
        let edited = book.provision_mut(provision.id).expect("there");
        edited.staff = Some(vec![StaffRoleId::HLTA, StaffRoleId::TA]);
        edited.overrides.minutes_per_session = Some(25);
        edited.overrides.weeks = Some(38);
        edited.overrides.resource_cost = Some(pence(4_000));
        edited.remove_pupil("P4");
        let edited = edited.clone();
        let line = cost_line(&book, &edited, None);
        assert_eq!(line.cost, pence(194_000));
        // 194,000 / 3 = 64,666.67 → 64,667.
        assert_eq!(line.per_pupil, pence(64_667));
        // With nobody assigned it is costed per place: group size 6.
        let empty = Provision {
            pupils: vec![],
            ..edited.clone()
        };
        let line = cost_line(&book, &empty, None);
        assert_eq!((line.shared_among, line.per_pupil), (6, pence(32_333)));
    }

    #[test]
    fn whole_year_weeks_follow_the_schools_setting_and_wave_one_costs_nothing() {
        let mut book = ProvisionBook::default();
        let lunch = book
            .bank
            .get(InterventionId(14))
            .cloned()
            .expect("Lunchtime Club");
        assert_eq!(lunch.delivery.weeks, None);
        let provision = Provision {
            pupils: vec!["A".into()],
            ..Provision::new(&lunch, date(2025, 9, 1), date(2026, 7, 20))
        };
        // 5 × 30 min × 38 weeks × £18 = 5,700 min × 1,800 / 60 = 171,000p.
        assert_eq!(cost_line(&book, &provision, None).cost, pence(171_000));
        book.settings.weeks_in_year = 39;
        assert_eq!(cost_line(&book, &provision, None).cost, pence(175_500));
        let id = book
            .bank
            .add("Visual timetable", Category::Other)
            .expect("added");
        if let Some(item) = book.bank.get_mut(id) {
            item.wave = Wave::One;
            item.delivery.staff = vec![StaffRoleId::TEACHER];
            item.resource_cost = pence(1_000);
        }
        let quality_first = Provision {
            intervention: id,
            ..provision.clone()
        };
        assert_eq!(cost_line(&book, &quality_first, None).cost, Money::ZERO);
    }

    #[test]
    fn costs_split_between_academic_and_financial_years_by_days_of_delivery() {
        // FLS from 1 March to 31 May 2025: 92 days, £216.00 for 4 pupils.
        let (book, provision) = book_with_fls();
        let ay = |y| Some(Period::academic(AcademicYear { start_year: y }));
        let fy = |y| Some(Period::financial(FinancialYear { start_year: y }));
        // All of it is in academic year 2024/25.
        assert_eq!(cost_line(&book, &provision, ay(2024)).cost, pence(21_600));
        assert_eq!(cost_line(&book, &provision, ay(2025)).cost, Money::ZERO);
        // March (31 days) is in 2024-25; April and May (61 days) in 2025-26.
        // 21,600 × 31/92 = 7,278.26 → 7,278; × 61/92 = 14,321.74 → 14,322.
        let spring = cost_line(&book, &provision, fy(2024));
        let summer = cost_line(&book, &provision, fy(2025));
        assert_eq!(spring.cost, pence(7_278));
        assert_eq!(summer.cost, pence(14_322));
        // Each pupil's share is a quarter of the period's cost, the pennies shared out so
        // the four add up to it: 7,278 → 1,820, 1,819, 1,820, 1,819 (about £18.20 each).
        assert_eq!(spring.per_pupil, pence(1_820));
        let shares: Vec<i64> = spring.pupil_shares.iter().map(|(_, m)| m.pence()).collect();
        assert_eq!(shares, [1_820, 1_819, 1_820, 1_819]);
        assert_eq!(
            spring.pupil_shares.iter().map(|(_, m)| *m).sum::<Money>(),
            spring.cost
        );
        // The two financial years add up to the whole cost.
        assert_eq!(spring.cost + summer.cost, pence(21_600));
        assert_eq!(cost_line(&book, &provision, fy(2023)).cost, Money::ZERO);

        // Across an academic-year boundary: 1 July to 30 September 2025 (92 days).
        let straddling = Provision {
            start: date(2025, 7, 1),
            end: date(2025, 9, 30),
            ..provision.clone()
        };
        // July and August (62 days) in 2024/25: 21,600 × 62/92 = 14,556.52 → 14,557;
        // September (30 days) in 2025/26: 7,043.48 → 7,043. Both in financial 2025-26.
        assert_eq!(cost_line(&book, &straddling, ay(2024)).cost, pence(14_557));
        assert_eq!(cost_line(&book, &straddling, ay(2025)).cost, pence(7_043));
        assert_eq!(cost_line(&book, &straddling, fy(2025)).cost, pence(21_600));
    }

    #[test]
    fn periods_and_year_names_follow_the_english_calendars() {
        assert_eq!(
            FinancialYear::containing(date(2026, 3, 31)),
            FinancialYear { start_year: 2025 }
        );
        assert_eq!(
            FinancialYear::containing(date(2026, 4, 1)).to_string(),
            "2026-27"
        );
        let fy = Period::financial(FinancialYear { start_year: 2025 });
        assert_eq!((fy.first, fy.last), (date(2025, 4, 1), date(2026, 3, 31)));
        let ay = Period::academic(AcademicYear { start_year: 2025 });
        assert_eq!((ay.first, ay.last), (date(2025, 9, 1), date(2026, 8, 31)));
        assert!(ay.contains(date(2026, 8, 31)) && !ay.contains(date(2026, 9, 1)));
    }

    #[test]
    fn totals_add_up_by_pupil_year_wave_area_and_intervention() {
        let mut book = ProvisionBook::default();
        book.settings.notional_sen_budget = pence(100_000);
        book.settings.pupil_threshold = pence(30_000);
        let bank = InterventionBank::default();
        let start = date(2025, 9, 1);
        let end = date(2026, 7, 17);
        // FLS (wave 2 literacy, £216) for A, B, C; Learning mentor (wave 3 SEMH):
        // 2 × 45 × 12 × £20 = 1,080 min × 2,000 / 60 = 36,000p for A alone.
        let fls = bank.get(InterventionId(20)).expect("FLS");
        let mentor = bank.get(InterventionId(13)).expect("Learning mentor");
        let mut group = Provision::new(fls, start, end);
        group.add_pupils(["A", "B", "C"]);
        let mut one = Provision::new(mentor, start, end);
        one.add_pupils(["A"]);
        book.add_provision(group);
        book.add_provision(one);
        // An unassigned Daily report: 5 × 5 × 6 × £18 = 150 min × 1,800 / 60 = 4,500p.
        let daily = bank.get(InterventionId(1)).expect("Daily report");
        book.add_provision(Provision::new(daily, start, end));
        let pupils = [
            SchoolPupil {
                key: "A".into(),
                year_group: Some(YearGroup::Year(3)),
                class: None,
            },
            SchoolPupil {
                key: "B".into(),
                year_group: Some(YearGroup::Year(4)),
                class: None,
            },
        ];
        let totals = totals(&book, &pupils, None);
        assert_eq!(totals.total, pence(21_600 + 36_000 + 4_500));
        assert_eq!(totals.unassigned, pence(4_500));
        assert_eq!(totals.by_pupil["A"], pence(7_200 + 36_000));
        assert_eq!(totals.by_pupil["B"], pence(7_200));
        assert_eq!(
            totals.by_year_group[&Some(YearGroup::Year(3))],
            pence(43_200)
        );
        assert_eq!(
            totals.by_year_group[&Some(YearGroup::Year(4))],
            pence(7_200)
        );
        assert_eq!(totals.by_year_group[&None], pence(7_200));
        assert_eq!(totals.by_wave[&Wave::Two], pence(21_600 + 4_500));
        assert_eq!(totals.by_wave[&Wave::Three], pence(36_000));
        assert_eq!(totals.by_need_area[&NeedArea::Literacy], pence(21_600));
        assert_eq!(totals.by_need_area[&NeedArea::Semh], pence(36_000));
        assert_eq!(totals.by_need_area[&NeedArea::Attendance], pence(4_500));
        assert_eq!(totals.by_intervention[&InterventionId(13)], pence(36_000));
        assert_eq!(totals.pupils_over_threshold(), [("A", pence(43_200))]);
        assert_eq!(
            totals.budget_standing(),
            BudgetStanding::Within(pence(100_000 - 62_100))
        );
        assert_eq!(totals.budget_used_hundredths(), Some(6_210));
        assert_eq!(pupil_total(&book, "A", None), pence(43_200));
        // A period with no delivery has no provision in it.
        let empty = super::totals(
            &book,
            &pupils,
            Some(Period::academic(AcademicYear { start_year: 2030 })),
        );
        assert_eq!(empty.total, Money::ZERO);
        assert!(empty.by_pupil.is_empty());
    }

    #[test]
    fn a_provision_runs_one_group_per_group_size_of_pupils() {
        // Lexia: TA, groups of 6 by default. 24 pupils run 4 groups, so 4 × the staff time.
        let mut book = ProvisionBook::default();
        let lexia = book
            .bank
            .items
            .iter()
            .find(|i| i.name == "Lexia reading programme")
            .cloned()
            .expect("Lexia");
        assert_eq!(lexia.delivery.group_size, 6);
        let keys: Vec<String> = (0..24).map(|i| format!("P{i:02}")).collect();
        let mut provision = Provision::new(&lexia, date(2025, 9, 1), date(2026, 7, 17));
        provision.add_pupils(keys.iter().map(String::as_str));
        let one_group = CostInputs {
            groups: 1,
            ..CostInputs::for_provision(&book, &provision)
        }
        .annual();
        let line = cost_line(&book, &provision, None);
        assert_eq!(line.groups, 4);
        assert_eq!(line.cost, one_group.times(4));
        assert_eq!(
            line.per_pupil,
            Money::from_pence(round_half_up(i128::from(one_group.times(4).pence()), 24))
        );
        // 25 pupils need a fifth group; 6 fit in one.
        assert_eq!(groups_for(25, 6), 5);
        assert_eq!(groups_for(6, 6), 1);
        assert_eq!(groups_for(0, 6), 1);
        assert_eq!(groups_for(3, 0), 3);
        // A group size override changes the groups.
        provision.overrides.group_size = Some(12);
        book.add_provision(provision.clone());
        assert_eq!(cost_line(&book, &provision, None).groups, 2);
    }

    #[test]
    fn split_evenly_adds_up_exactly() {
        let shares = split_evenly(pence(10_000), 3);
        assert_eq!(shares, [pence(3_333), pence(3_334), pence(3_333)]);
        for total in [0, 1, 2, 99, 100, 55_992, 1_000_001] {
            for parts in 1..=13 {
                let shares = split_evenly(pence(total), parts);
                assert_eq!(shares.iter().copied().sum::<Money>(), pence(total));
                let (low, high) = (
                    total / parts as i64,
                    (total + parts as i64 - 1) / parts as i64,
                );
                assert!(shares.iter().all(|s| (low..=high).contains(&s.pence())));
            }
        }
        assert!(split_evenly(pence(5), 0).is_empty());
    }

    /// A book of awkward thirds: 3 pupils in two year groups sharing a cost that does not
    /// divide by 3, a provision crossing the academic and financial years, and one with no
    /// pupils yet.
    fn awkward_book() -> (ProvisionBook, Vec<SchoolPupil>) {
        let mut book = ProvisionBook::default();
        if let Some(ta) = book.staff.get_mut(StaffRoleId::TA) {
            ta.rate = crate::core::provision::staff::HourlyRate::Fixed(pence(1_837));
        }
        let bank = book.bank.clone();
        let fls = bank.get(InterventionId(20)).expect("FLS");
        let mentor = bank.get(InterventionId(13)).expect("Learning mentor");
        let daily = bank.get(InterventionId(1)).expect("Daily report");
        let mut thirds = Provision::new(fls, date(2025, 1, 7), date(2025, 10, 20));
        thirds.add_pupils(["A", "B", "C"]);
        thirds.overrides.resource_cost = Some(pence(1_000));
        let mut seven = Provision::new(mentor, date(2025, 3, 3), date(2025, 11, 28));
        seven.add_pupils(["A", "B", "C", "D", "E", "F", "G"]);
        book.add_provision(thirds);
        book.add_provision(seven);
        book.add_provision(Provision::new(daily, date(2025, 2, 1), date(2025, 9, 30)));
        let pupil = |key: &str, year: u8| SchoolPupil {
            key: key.into(),
            year_group: Some(YearGroup::Year(year)),
            class: None,
        };
        let pupils = vec![
            pupil("A", 7),
            pupil("B", 8),
            pupil("C", 8),
            pupil("D", 9),
            pupil("E", 9),
            pupil("F", 7),
        ];
        (book, pupils)
    }

    #[test]
    fn every_view_adds_up_to_the_same_penny() {
        use crate::core::provision::map::{individual_map, whole_school_map};
        let (book, pupils) = awkward_book();
        let periods = [
            None,
            Some(Period::academic(AcademicYear { start_year: 2024 })),
            Some(Period::academic(AcademicYear { start_year: 2025 })),
            Some(Period::financial(FinancialYear { start_year: 2024 })),
            Some(Period::financial(FinancialYear { start_year: 2025 })),
        ];
        for period in periods {
            let totals = totals(&book, &pupils, period);
            let listed: Money = provisions_in(&book, period)
                .map(|p| cost_line(&book, p, period).cost)
                .sum();
            fn sum<K>(map: &BTreeMap<K, Money>) -> Money {
                map.values().copied().sum()
            }
            assert_eq!(totals.total, listed, "{period:?}");
            assert_eq!(sum(&totals.by_intervention), listed);
            assert_eq!(sum(&totals.by_wave), listed);
            assert_eq!(sum(&totals.by_need_area), listed);
            assert_eq!(sum(&totals.by_year_group) + totals.unassigned, listed);
            let by_pupil: Money = totals.by_pupil.values().copied().sum();
            assert_eq!(by_pupil + totals.unassigned, listed);
            let map = whole_school_map(&book, &pupils, period, str::to_string);
            assert_eq!(map.total, listed);
            let cells: Money = map
                .rows
                .iter()
                .flat_map(|row| row.cells.iter().flatten().chain(&row.unassigned))
                .map(|entry| entry.cost)
                .sum();
            assert_eq!(cells, listed);
            assert_eq!(
                map.column_totals.iter().copied().sum::<Money>() + totals.unassigned,
                listed
            );
            for (pupil, cost) in &totals.by_pupil {
                assert_eq!(pupil_total(&book, pupil, period), *cost);
            }
            if let Some(period) = period {
                if period.first.month() == 9 {
                    let year = AcademicYear {
                        start_year: period.first.year(),
                    };
                    for (pupil, cost) in &totals.by_pupil {
                        assert_eq!(individual_map(&book, pupil, year).total, *cost);
                    }
                }
            }
        }
        // The academic years, and the financial years, each add up to the annual total.
        let annual = totals(&book, &pupils, None).total;
        let of = |period| totals(&book, &pupils, Some(period)).total;
        let ay = |y| Period::academic(AcademicYear { start_year: y });
        let fy = |y| Period::financial(FinancialYear { start_year: y });
        assert_eq!(of(ay(2024)) + of(ay(2025)), annual);
        assert_eq!(of(fy(2024)) + of(fy(2025)), annual);
    }

    #[test]
    fn no_budget_entered_is_said_so_not_over_budget() {
        let (mut book, pupils) = awkward_book();
        let standing = totals(&book, &pupils, None).budget_standing();
        assert_eq!(standing, BudgetStanding::NotEntered);
        assert_eq!(standing.to_string(), "No budget entered");
        book.settings.notional_sen_budget = pence(100);
        let totals_now = totals(&book, &pupils, None);
        assert_eq!(
            totals_now.budget_standing(),
            BudgetStanding::Over(totals_now.total - pence(100))
        );
        assert!(totals_now
            .budget_standing()
            .to_string()
            .starts_with("Over budget by £"));
        book.settings.notional_sen_budget = pence(100_000_000);
        let totals_now = totals(&book, &pupils, None);
        assert_eq!(
            totals_now.budget_standing().to_string(),
            format!("{} left", pence(100_000_000) - totals_now.total)
        );
    }
}
