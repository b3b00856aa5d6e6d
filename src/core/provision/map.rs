//! Provision maps: the whole-school map (Ealing) and the individual map (Waltham Forest).
//!
//! **Whole-school map.** One row per area (literacy, mathematics, language, SEMH, EAL,
//! other: [`MapArea`]) and wave, one column per year group with pupils in the school
//! (plus "year not known" when a pupil in provision has no known year group). A cell lists
//! each provision with pupils in that year group, their names (formatted by the caller,
//! so privacy mode can show initials), and the cost of those pupils' places. Provision
//! with no pupils assigned yet is listed in its row's `unassigned` entries. Row totals
//! include the unassigned places; column totals are the sums of the cells, so the grand
//! total equals the sum of the row totals.
//!
//! **Individual map.** For one pupil and one academic year: the school's record (assessed
//! needs, quality-first strategies, expected outcomes, APDR reviews, pupil and parent
//! views) with the targeted provision the pupil had that year and its cost over the
//! academic year (the pupil's share of the year's cost, see [`costs`]). Wave-1
//! provision is listed with the quality-first strategies and never costed.
//!
//! [`costs`]: crate::core::provision::costs

use crate::core::drop::AcademicYear;
use crate::core::provision::bank::{MapArea, NeedArea, Wave};
use crate::core::provision::costs::{cost_line, provisions_in, Period};
use crate::core::provision::provision::{Marker, Priority, ProvisionId, ProvisionStatus};
use crate::core::provision::{ProvisionBook, SchoolPupil};
use crate::core::value::{Money, YearGroup};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// One provision in one cell of the whole-school map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapEntry {
    /// The provision.
    pub provision: ProvisionId,
    /// The intervention's name.
    pub intervention: String,
    /// Must, should or could.
    pub priority: Priority,
    /// Planned, running, finished or stopped.
    pub status: ProvisionStatus,
    /// The names of its pupils in this cell's year group, as the caller formats them.
    pub pupils: Vec<String>,
    /// The cost of those pupils' places: the sum of their shares of the provision's cost,
    /// so a provision's cells add up to its cost exactly (for unassigned provision, the
    /// whole cost).
    pub cost: Money,
}

/// One row of the whole-school map: an area and a wave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapRow {
    /// The area.
    pub area: MapArea,
    /// The wave.
    pub wave: Wave,
    /// One cell per column of the map.
    pub cells: Vec<Vec<MapEntry>>,
    /// Provision in this row with no pupils assigned yet.
    pub unassigned: Vec<MapEntry>,
    /// Everything in the row.
    pub total: Money,
}

impl MapRow {
    /// Whether the row has no provision at all (the UI may hide it).
    pub fn is_empty(&self) -> bool {
        self.unassigned.is_empty() && self.cells.iter().all(Vec::is_empty)
    }

    /// "Wave 2 literacy".
    pub fn label(&self) -> String {
        let area = match self.area {
            MapArea::Semh | MapArea::Eal => self.area.label().to_string(),
            _ => self.area.label().to_lowercase(),
        };
        format!("{} {area}", self.wave)
    }
}

/// The whole-school provision map (Ealing): area × wave rows, year-group columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionMap {
    /// The period it covers (`None`: every provision, at its annual cost).
    pub period: Option<Period>,
    /// The year-group columns in school order; `None`, last, is "year not known".
    pub columns: Vec<Option<YearGroup>>,
    /// Every area × wave row, areas in map order, waves 1–3 within each.
    pub rows: Vec<MapRow>,
    /// The total of each column.
    pub column_totals: Vec<Money>,
    /// Everything on the map.
    pub total: Money,
}

/// Builds the whole-school map for `period` (or every provision at its annual cost),
/// with columns for the year groups in `pupils`. `name` turns a pupil key into the name
/// shown (full name, or initials in privacy mode).
pub fn whole_school_map(
    book: &ProvisionBook,
    pupils: &[SchoolPupil],
    period: Option<Period>,
    name: impl Fn(&str) -> String,
) -> ProvisionMap {
    let year_of: HashMap<&str, Option<YearGroup>> = pupils
        .iter()
        .map(|pupil| (pupil.key.as_str(), pupil.year_group))
        .collect();
    let included: Vec<_> = provisions_in(book, period).collect();
    let mut columns: BTreeSet<Option<YearGroup>> = pupils
        .iter()
        .filter_map(|pupil| pupil.year_group)
        .map(Some)
        .collect();
    let unknown_year = included.iter().any(|p| {
        p.pupils
            .iter()
            .any(|pupil| year_of.get(pupil.as_str()).copied().flatten().is_none())
    });
    // `None` sorts first in a BTreeSet; it is placed last below.
    columns.remove(&None);
    let mut columns: Vec<Option<YearGroup>> = columns.into_iter().collect();
    if unknown_year {
        columns.push(None);
    }
    let column_of: HashMap<Option<YearGroup>, usize> =
        columns.iter().enumerate().map(|(i, c)| (*c, i)).collect();

    let mut rows: Vec<MapRow> = MapArea::ALL
        .iter()
        .flat_map(|area| {
            Wave::ALL.iter().map(|wave| MapRow {
                area: *area,
                wave: *wave,
                cells: vec![Vec::new(); columns.len()],
                unassigned: Vec::new(),
                total: Money::ZERO,
            })
        })
        .collect();
    let mut column_totals = vec![Money::ZERO; columns.len()];

    for provision in included {
        let line = cost_line(book, provision, period);
        let intervention = book.bank.get(provision.intervention);
        let entry = |pupils: Vec<String>, cost: Money| MapEntry {
            provision: provision.id,
            intervention: intervention
                .map_or_else(|| "Unknown intervention".into(), |i| i.name.clone()),
            priority: provision.priority,
            status: provision.status,
            pupils,
            cost,
        };
        let row_at = MapArea::ALL
            .iter()
            .position(|a| *a == line.need_area.map_area())
            .unwrap_or(0)
            * Wave::ALL.len()
            + Wave::ALL.iter().position(|w| *w == line.wave).unwrap_or(0);
        let row = &mut rows[row_at];
        if provision.pupils.is_empty() {
            row.unassigned.push(entry(Vec::new(), line.cost));
            row.total += line.cost;
            continue;
        }
        let mut by_column: Vec<(Vec<&str>, Money)> = vec![(Vec::new(), Money::ZERO); columns.len()];
        for (pupil, share) in &line.pupil_shares {
            let year = year_of.get(pupil.as_str()).copied().flatten();
            if let Some(at) = column_of.get(&year) {
                by_column[*at].0.push(pupil);
                by_column[*at].1 += *share;
            }
        }
        for (at, (members, cost)) in by_column.into_iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let names = members.iter().map(|key| name(key)).collect();
            row.cells[at].push(entry(names, cost));
            row.total += cost;
            column_totals[at] += cost;
        }
    }
    let total = rows.iter().map(|row| row.total).sum();
    ProvisionMap {
        period,
        columns,
        rows,
        column_totals,
        total,
    }
}

/// A need the school has assessed, and how it affects access to learning.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssessedNeed {
    /// The need, in the school's words ("Difficulty decoding unfamiliar words").
    pub need: String,
    /// The area it belongs to, if the school says.
    pub area: Option<NeedArea>,
    /// Where, when and how it affects access to the curriculum and school life.
    pub access_impact: String,
}

/// What a targeted provision is expected to achieve for this pupil.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpectedOutcome {
    /// The provision.
    pub provision: ProvisionId,
    /// The expected outcome, measurable where possible.
    pub outcome: String,
}

/// One assess–plan–do–review review.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApdrReview {
    /// When it took place.
    pub date: NaiveDate,
    /// What was found (assess and review).
    pub summary: String,
    /// What happens next (plan and do).
    pub next_steps: String,
    /// When the next review is due.
    pub next_review: Option<NaiveDate>,
    /// What the pupil said at the review.
    pub pupil_views: String,
    /// What the parents or carers said at the review.
    pub parent_views: String,
}

/// The school's own record for one pupil's individual provision map in one academic
/// year. Kept per year, so the records form the pupil's provision history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndividualRecord {
    /// The pupil key (UPN).
    pub pupil: String,
    /// The academic year.
    pub academic_year: AcademicYear,
    /// Assessed needs.
    pub assessed_needs: Vec<AssessedNeed>,
    /// Quality-first (wave 1) strategies staff use: listed, never costed.
    pub quality_first: Vec<String>,
    /// Expected outcomes of the targeted provision.
    pub expected_outcomes: Vec<ExpectedOutcome>,
    /// APDR reviews, in the order recorded.
    pub reviews: Vec<ApdrReview>,
    /// The pupil's views.
    pub pupil_views: String,
    /// Parents' or carers' views.
    pub parent_views: String,
}

impl IndividualRecord {
    /// An empty record.
    pub fn new(pupil: impl Into<String>, academic_year: AcademicYear) -> IndividualRecord {
        IndividualRecord {
            pupil: pupil.into(),
            academic_year,
            assessed_needs: Vec::new(),
            quality_first: Vec::new(),
            expected_outcomes: Vec::new(),
            reviews: Vec::new(),
            pupil_views: String::new(),
            parent_views: String::new(),
        }
    }

    /// The expected outcome recorded for a provision, if any.
    pub fn outcome_for(&self, provision: ProvisionId) -> Option<&str> {
        self.expected_outcomes
            .iter()
            .find(|o| o.provision == provision)
            .map(|o| o.outcome.as_str())
    }

    /// Sets the expected outcome for a provision.
    pub fn set_outcome(&mut self, provision: ProvisionId, outcome: impl Into<String>) {
        let outcome = outcome.into();
        match self
            .expected_outcomes
            .iter_mut()
            .find(|o| o.provision == provision)
        {
            Some(existing) => existing.outcome = outcome,
            None => self
                .expected_outcomes
                .push(ExpectedOutcome { provision, outcome }),
        }
    }
}

impl ProvisionBook {
    /// A pupil's record for an academic year, if the school has started one.
    pub fn individual_record(&self, pupil: &str, year: AcademicYear) -> Option<&IndividualRecord> {
        self.individual
            .iter()
            .find(|r| r.pupil == pupil && r.academic_year == year)
    }

    /// A pupil's record for an academic year to edit, started empty if there is none.
    pub fn individual_record_mut(
        &mut self,
        pupil: &str,
        year: AcademicYear,
    ) -> &mut IndividualRecord {
        let at = match self
            .individual
            .iter()
            .position(|r| r.pupil == pupil && r.academic_year == year)
        {
            Some(at) => at,
            None => {
                self.individual.push(IndividualRecord::new(pupil, year));
                self.individual.len() - 1
            }
        };
        &mut self.individual[at]
    }

    /// The academic years with a record or provision for the pupil, oldest first: the
    /// pupil's provision history.
    pub fn history_years(&self, pupil: &str) -> Vec<AcademicYear> {
        let mut years: BTreeSet<AcademicYear> = self
            .individual
            .iter()
            .filter(|r| r.pupil == pupil)
            .map(|r| r.academic_year)
            .collect();
        for provision in self.provisions_for(pupil) {
            if provision.delivery_days() == 0 {
                continue;
            }
            let mut year = AcademicYear::containing(provision.start);
            let last = AcademicYear::containing(provision.end);
            while year <= last {
                years.insert(year);
                year = AcademicYear {
                    start_year: year.start_year + 1,
                };
            }
        }
        years.into_iter().collect()
    }
}

/// One targeted provision on an individual map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetedLine {
    /// The provision.
    pub provision: ProvisionId,
    /// The intervention's name.
    pub intervention: String,
    /// Wave 2 or 3.
    pub wave: Wave,
    /// The need area.
    pub need_area: NeedArea,
    /// The marker it addresses.
    pub marker: Marker,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Planned, running, finished or stopped.
    pub status: ProvisionStatus,
    /// Sessions a week, minutes a session, pupils in the group.
    pub sessions_per_week: u32,
    /// Minutes a session.
    pub minutes_per_session: u32,
    /// Pupils in the group.
    pub group_size: u32,
    /// The expected outcome the school recorded ("" when none yet).
    pub expected_outcome: String,
    /// The pupil's cost over the academic year.
    pub cost: Money,
}

/// One pupil's individual provision map for one academic year (Waltham Forest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndividualMap {
    /// The pupil key.
    pub pupil: String,
    /// The academic year.
    pub academic_year: AcademicYear,
    /// Assessed needs.
    pub assessed_needs: Vec<AssessedNeed>,
    /// Quality-first strategies, then the names of any wave-1 provision: never costed.
    pub quality_first: Vec<String>,
    /// Targeted (wave 2 and 3) provision that year, by start date.
    pub targeted: Vec<TargetedLine>,
    /// APDR reviews by date.
    pub reviews: Vec<ApdrReview>,
    /// The pupil's views.
    pub pupil_views: String,
    /// Parents' or carers' views.
    pub parent_views: String,
    /// The targeted provision's cost over the year.
    pub total: Money,
    /// The school's per-pupil threshold.
    pub threshold: Money,
}

impl IndividualMap {
    /// Whether the year's cost is over the threshold.
    pub fn over_threshold(&self) -> bool {
        self.total > self.threshold
    }
}

/// Builds a pupil's individual provision map for an academic year.
pub fn individual_map(book: &ProvisionBook, pupil: &str, year: AcademicYear) -> IndividualMap {
    let period = Period::academic(year);
    let record = book.individual_record(pupil, year);
    let mut quality_first: Vec<String> = record.map_or_else(Vec::new, |r| r.quality_first.clone());
    let mut targeted = Vec::new();
    for provision in provisions_in(book, Some(period)).filter(|p| p.includes(pupil)) {
        let Some(intervention) = book.bank.get(provision.intervention) else {
            continue;
        };
        if intervention.wave == Wave::One {
            if !quality_first.contains(&intervention.name) {
                quality_first.push(intervention.name.clone());
            }
            continue;
        }
        let delivery = provision.delivery(intervention);
        targeted.push(TargetedLine {
            provision: provision.id,
            intervention: intervention.name.clone(),
            wave: intervention.wave,
            need_area: intervention.need_area,
            marker: provision.marker,
            start: provision.start,
            end: provision.end,
            status: provision.status,
            sessions_per_week: delivery.sessions_per_week,
            minutes_per_session: delivery.minutes_per_session,
            group_size: u32::try_from(provision.pupils.len()).unwrap_or(u32::MAX),
            expected_outcome: record
                .and_then(|r| r.outcome_for(provision.id))
                .unwrap_or_default()
                .to_string(),
            cost: cost_line(book, provision, Some(period)).share_of(pupil),
        });
    }
    targeted.sort_by_key(|line| (line.start, line.provision));
    let mut reviews = record.map_or_else(Vec::new, |r| r.reviews.clone());
    reviews.sort_by_key(|review| review.date);
    IndividualMap {
        pupil: pupil.to_string(),
        academic_year: year,
        assessed_needs: record.map_or_else(Vec::new, |r| r.assessed_needs.clone()),
        quality_first,
        total: targeted.iter().map(|line| line.cost).sum(),
        targeted,
        reviews,
        pupil_views: record.map_or_else(String::new, |r| r.pupil_views.clone()),
        parent_views: record.map_or_else(String::new, |r| r.parent_views.clone()),
        threshold: book.settings.pupil_threshold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::bank::{Category, InterventionId};
    use crate::core::provision::provision::Provision;

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

    fn add(book: &mut ProvisionBook, item: u32, pupils: &[&str]) -> ProvisionId {
        let intervention = book
            .bank
            .get(InterventionId(item))
            .cloned()
            .expect("in bank");
        let mut provision = Provision::new(&intervention, date(2025, 9, 1), date(2026, 7, 17));
        provision.add_pupils(pupils.iter().copied());
        book.add_provision(provision)
    }

    #[test]
    fn the_whole_school_map_puts_names_under_year_groups_with_totals() {
        let mut book = ProvisionBook::default();
        // FLS (wave 2 literacy, £216 a year) for Ann (Y3), Ben (Y3), Cat (Y4).
        let fls = add(&mut book, 20, &["ann", "ben", "cat"]);
        // EAL support (wave 2 EAL): 3 × 30 × 12 × £18 = 32,400p for Dev (year unknown).
        add(&mut book, 25, &["dev"]);
        // Unassigned Beat Dyslexia (wave 3 literacy): 3 × 20 × 20 × £18 = 36,000p + £60.
        add(&mut book, 18, &[]);
        let pupils = [
            pupil("ann", Some(YearGroup::Year(3))),
            pupil("ben", Some(YearGroup::Year(3))),
            pupil("cat", Some(YearGroup::Year(4))),
            pupil("eve", Some(YearGroup::Reception)),
        ];
        let map = whole_school_map(&book, &pupils, None, |key| key.to_uppercase());
        assert_eq!(
            map.columns,
            [
                Some(YearGroup::Reception),
                Some(YearGroup::Year(3)),
                Some(YearGroup::Year(4)),
                None
            ]
        );
        assert_eq!(map.rows.len(), 18);
        let literacy_2 = &map.rows[1];
        assert_eq!(
            (literacy_2.area, literacy_2.wave),
            (MapArea::Literacy, Wave::Two)
        );
        assert_eq!(literacy_2.label(), "Wave 2 literacy");
        assert!(literacy_2.cells[0].is_empty());
        let y3 = &literacy_2.cells[1];
        assert_eq!(y3.len(), 1);
        assert_eq!(y3[0].provision, fls);
        assert_eq!(y3[0].intervention, "FLS");
        assert_eq!(y3[0].pupils, ["ANN", "BEN"]);
        assert_eq!(y3[0].cost.pence(), 14_400);
        assert_eq!(literacy_2.cells[2][0].pupils, ["CAT"]);
        assert_eq!(literacy_2.cells[2][0].cost.pence(), 7_200);
        assert_eq!(literacy_2.total.pence(), 21_600);
        let literacy_3 = &map.rows[2];
        assert_eq!(literacy_3.unassigned.len(), 1);
        assert_eq!(literacy_3.total.pence(), 42_000);
        let eal_2 = &map.rows[4 * 3 + 1];
        assert_eq!(eal_2.label(), "Wave 2 EAL");
        assert_eq!(eal_2.cells[3][0].pupils, ["DEV"]);
        assert_eq!(
            map.column_totals
                .iter()
                .map(|m| m.pence())
                .collect::<Vec<_>>(),
            [0, 14_400, 7_200, 32_400]
        );
        assert_eq!(map.total.pence(), 21_600 + 32_400 + 42_000);
        assert_eq!(map.rows.iter().filter(|row| !row.is_empty()).count(), 3);
    }

    #[test]
    fn the_individual_map_costs_targeted_provision_over_the_academic_year_only() {
        let mut book = ProvisionBook::default();
        let year = AcademicYear { start_year: 2025 };
        let mentor = add(&mut book, 13, &["ann"]);
        add(&mut book, 20, &["ann", "ben", "cat"]);
        // A wave-1 strategy from the bank is listed, never costed.
        let visual = book
            .bank
            .add("Visual timetable", Category::Other)
            .expect("added");
        if let Some(item) = book.bank.get_mut(visual) {
            item.wave = Wave::One;
        }
        add(&mut book, visual.0, &["ann"]);
        // Last year's provision is not in this year's map.
        let old = book
            .bank
            .get(InterventionId(1))
            .cloned()
            .expect("Daily report");
        let mut last_year = Provision::new(&old, date(2024, 9, 2), date(2024, 10, 18));
        last_year.add_pupils(["ann"]);
        book.add_provision(last_year);
        let record = book.individual_record_mut("ann", year);
        record.quality_first.push("Seated near the front".into());
        record.set_outcome(mentor, "Attends every lesson on Monday mornings");
        record.reviews.push(ApdrReview {
            date: date(2026, 2, 10),
            summary: "Spring review".into(),
            ..ApdrReview::default()
        });
        record.reviews.push(ApdrReview {
            date: date(2025, 11, 12),
            summary: "Autumn review".into(),
            ..ApdrReview::default()
        });
        record.pupil_views = "I like my mentor".into();

        let map = individual_map(&book, "ann", year);
        assert_eq!(
            map.quality_first,
            ["Seated near the front", "Visual timetable"]
        );
        let names: Vec<&str> = map
            .targeted
            .iter()
            .map(|l| l.intervention.as_str())
            .collect();
        assert_eq!(names, ["Learning mentor", "FLS"]);
        assert_eq!(
            map.targeted[0].expected_outcome,
            "Attends every lesson on Monday mornings"
        );
        assert_eq!(map.targeted[0].cost.pence(), 36_000);
        assert_eq!(map.targeted[1].cost.pence(), 7_200);
        assert_eq!(map.total.pence(), 43_200);
        assert!(!map.over_threshold());
        assert_eq!(map.reviews[0].summary, "Autumn review");
        assert_eq!(map.pupil_views, "I like my mentor");
        assert_eq!(
            book.history_years("ann"),
            [AcademicYear { start_year: 2024 }, year]
        );
        let last = individual_map(&book, "ann", AcademicYear { start_year: 2024 });
        assert_eq!(last.targeted.len(), 1);
        assert_eq!(last.targeted[0].cost.pence(), 4_500);
        assert!(last.quality_first.is_empty());
    }
}
