//! What works (SPEC §8.2): for each intervention, how much its measured pupils gained and
//! what that cost.
//!
//! A row is one intervention **and one measure**: gains are only ever added up within one
//! measure (the same name, unit and direction), so an intervention measured two ways has
//! two rows. For each pupil in a provision that names a measure:
//! - their **cost** is their share of the provision ([`cost_line`]: by the days they were in
//!   the group), for the chosen academic year or, with none, the whole provision;
//! - they are **measured** when both their entry and exit values are numbers; their
//!   **gain** is [`MeasureSpec::gain`] (positive is better, either way round);
//! - they **improved** when their gain is above zero.
//!
//! A row then has: pupils, pupils measured, the average gain (total gain ÷ measured), the
//! share improved, the cost per pupil (all pupils' cost ÷ pupils), the **cost per unit of
//! gain** (the measured pupils' cost ÷ their total gain: none when the total gain is not
//! above zero) and the cost per pupil who improved (the measured pupils' cost ÷ those who
//! improved). Fewer than [`TOO_FEW`] measured pupils is "too few to judge". Money is
//! rounded half up once, to whole pence; the average gain to four decimal places.

use crate::core::drop::AcademicYear;
use crate::core::provision::bank::{InterventionId, NeedArea, Wave};
use crate::core::provision::costs::{cost_line, Period};
use crate::core::provision::measure::{MeasureSpec, MeasureValue};
use crate::core::provision::provision::ProvisionId;
use crate::core::provision::{round_half_up, ProvisionBook, SchoolPupil};
use crate::core::value::{Money, YearGroup};
use std::collections::HashMap;

/// Fewer measured pupils than this and a row is "too few to judge".
pub const TOO_FEW: usize = 5;

/// Which provision What works looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImpactFilter {
    /// Provision with a day of delivery in this academic year, costed for that year.
    pub academic_year: Option<AcademicYear>,
    /// Pupils in this year group (`Some(None)`: pupils whose year group is unknown).
    pub year_group: Option<Option<YearGroup>>,
    /// Interventions of this need area.
    pub need_area: Option<NeedArea>,
    /// Interventions of this wave.
    pub wave: Option<Wave>,
}

/// One pupil in one provision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilImpact {
    /// The provision.
    pub provision: ProvisionId,
    /// The pupil key (UPN).
    pub pupil: String,
    /// Their share of the provision's cost.
    pub cost: Money,
    /// Their entry value, when it is a number.
    pub entry: Option<MeasureValue>,
    /// Their exit value, when it is a number.
    pub exit: Option<MeasureValue>,
    /// Exit against entry, positive when better; only when both are numbers.
    pub gain: Option<MeasureValue>,
}

/// The figures for a set of pupils: a row, or one provision within it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImpactFigures {
    /// Pupils.
    pub pupils: usize,
    /// Pupils with an entry and an exit value.
    pub measured: usize,
    /// The measured pupils' gains added up.
    pub total_gain: MeasureValue,
    /// Total gain ÷ measured, to four decimal places; none when nobody was measured.
    pub average_gain: Option<MeasureValue>,
    /// Measured pupils whose gain is above zero.
    pub improved: usize,
    /// All the pupils' cost.
    pub cost: Money,
    /// The measured pupils' cost.
    pub measured_cost: Money,
    /// Cost ÷ pupils.
    pub cost_per_pupil: Option<Money>,
    /// Measured pupils' cost ÷ total gain; none unless the total gain is above zero.
    pub cost_per_unit_of_gain: Option<Money>,
    /// Measured pupils' cost ÷ pupils who improved; none when nobody improved.
    pub cost_per_pupil_improved: Option<Money>,
}

impl ImpactFigures {
    /// The figures for these pupils.
    pub fn of(pupils: &[PupilImpact]) -> ImpactFigures {
        let measured: Vec<&PupilImpact> = pupils.iter().filter(|p| p.gain.is_some()).collect();
        let total_gain: i64 = measured
            .iter()
            .filter_map(|p| p.gain)
            .map(|g| g.ten_thousandths())
            .sum();
        let cost: Money = pupils.iter().map(|p| p.cost).sum();
        let measured_cost: Money = measured.iter().map(|p| p.cost).sum();
        let improved = measured
            .iter()
            .filter(|p| p.gain.is_some_and(|g| g > MeasureValue::ZERO))
            .count();
        let divide = |money: Money, by: i128| {
            (by > 0).then(|| Money::from_pence(round_half_up(i128::from(money.pence()), by)))
        };
        ImpactFigures {
            pupils: pupils.len(),
            measured: measured.len(),
            total_gain: MeasureValue::from_ten_thousandths(total_gain),
            average_gain: (!measured.is_empty()).then(|| {
                MeasureValue::from_ten_thousandths(divide_rounded(
                    i128::from(total_gain),
                    measured.len() as i128,
                ))
            }),
            improved,
            cost,
            measured_cost,
            cost_per_pupil: divide(cost, pupils.len() as i128),
            cost_per_unit_of_gain: (total_gain > 0).then(|| {
                Money::from_pence(round_half_up(
                    i128::from(measured_cost.pence()) * 10_000,
                    i128::from(total_gain),
                ))
            }),
            cost_per_pupil_improved: divide(measured_cost, improved as i128),
        }
    }

    /// Whether too few pupils were measured to judge.
    pub fn too_few_to_judge(&self) -> bool {
        self.measured < TOO_FEW
    }

    /// The share improved in whole percent, rounded half up; none when nobody was measured.
    pub fn improved_percent(&self) -> Option<i64> {
        (self.measured > 0)
            .then(|| round_half_up(100 * self.improved as i128, self.measured as i128))
    }
}

/// A division rounded half away from zero.
fn divide_rounded(numerator: i128, denominator: i128) -> i64 {
    if numerator < 0 {
        -round_half_up(-numerator, denominator)
    } else {
        round_half_up(numerator, denominator)
    }
}

/// One provision within a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionImpact {
    /// The provision.
    pub provision: ProvisionId,
    /// Its figures.
    pub figures: ImpactFigures,
}

/// One row of What works: an intervention and the measure its provision used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatWorksRow {
    /// The intervention.
    pub intervention: InterventionId,
    /// Its name.
    pub name: String,
    /// Its wave.
    pub wave: Wave,
    /// Its need area.
    pub need_area: NeedArea,
    /// The measure (as the first provision with it named it).
    pub measure: MeasureSpec,
    /// The row's figures.
    pub figures: ImpactFigures,
    /// Each provision's figures, in the order they were added.
    pub provisions: Vec<ProvisionImpact>,
    /// Every pupil, provision by provision.
    pub pupils: Vec<PupilImpact>,
}

/// What works: a row per intervention and measure with at least one measured pupil, in
/// the bank's order (then the measure's name).
pub fn what_works(
    book: &ProvisionBook,
    pupils: &[SchoolPupil],
    filter: ImpactFilter,
) -> Vec<WhatWorksRow> {
    let year_of: HashMap<&str, Option<YearGroup>> = pupils
        .iter()
        .map(|p| (p.key.as_str(), p.year_group))
        .collect();
    let period = filter.academic_year.map(Period::academic);
    let mut rows: Vec<WhatWorksRow> = Vec::new();
    for provision in &book.provisions {
        let (Some(spec), Some(intervention)) =
            (&provision.measure, book.bank.get(provision.intervention))
        else {
            continue;
        };
        if filter
            .need_area
            .is_some_and(|area| area != intervention.need_area)
            || filter.wave.is_some_and(|wave| wave != intervention.wave)
            || period.is_some_and(|p| !provision.overlaps(p.first, p.last))
        {
            continue;
        }
        let line = cost_line(book, provision, period);
        let read =
            |value: Option<&str>| value.and_then(|text| MeasureValue::parse(text).ok().flatten());
        let mine: Vec<PupilImpact> = provision
            .pupils
            .iter()
            .filter(|pupil| {
                filter
                    .year_group
                    .is_none_or(|year| year_of.get(pupil.as_str()).copied().flatten() == year)
            })
            .map(|pupil| {
                let measures = provision.measures_for(pupil);
                let entry = read(
                    measures
                        .and_then(|m| m.entry.as_ref())
                        .map(|m| m.value.as_str()),
                );
                let exit = read(
                    measures
                        .and_then(|m| m.exit.as_ref())
                        .map(|m| m.value.as_str()),
                );
                PupilImpact {
                    provision: provision.id,
                    pupil: pupil.clone(),
                    cost: line.share_of(pupil),
                    entry,
                    exit,
                    gain: entry.zip(exit).map(|(entry, exit)| spec.gain(entry, exit)),
                }
            })
            .collect();
        if mine.is_empty() {
            continue;
        }
        let at = rows.iter().position(|row| {
            row.intervention == provision.intervention && row.measure.same_measure(spec)
        });
        let row = match at {
            Some(at) => &mut rows[at],
            None => {
                rows.push(WhatWorksRow {
                    intervention: intervention.id,
                    name: intervention.name.clone(),
                    wave: intervention.wave,
                    need_area: intervention.need_area,
                    measure: spec.clone(),
                    figures: ImpactFigures::default(),
                    provisions: Vec::new(),
                    pupils: Vec::new(),
                });
                rows.last_mut().expect("just pushed")
            }
        };
        row.provisions.push(ProvisionImpact {
            provision: provision.id,
            figures: ImpactFigures::of(&mine),
        });
        row.pupils.extend(mine);
    }
    for row in &mut rows {
        row.figures = ImpactFigures::of(&row.pupils);
    }
    rows.retain(|row| row.figures.measured > 0);
    let order: HashMap<InterventionId, usize> = book
        .bank
        .items
        .iter()
        .enumerate()
        .map(|(at, item)| (item.id, at))
        .collect();
    rows.sort_by(|a, b| {
        order
            .get(&a.intervention)
            .cmp(&order.get(&b.intervention))
            .then_with(|| a.measure.name.cmp(&b.measure.name))
    });
    rows
}

/// The words a row with fewer than [`TOO_FEW`] measured pupils carries, on screen and in
/// the workbook.
pub const TOO_FEW_TEXT: &str = "Too few to judge";

/// The rule behind [`TOO_FEW_TEXT`], said once where the figures are shown.
pub fn too_few_rule() -> String {
    format!(
        "A row with fewer than {TOO_FEW} pupils measured is marked “{TOO_FEW_TEXT}”: a few \
         pupils' results can rise or fall by chance, so read its figures with care."
    )
}

/// A figure of What works that may not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Total gain ÷ measured.
    AverageGain,
    /// Cost ÷ pupils.
    CostPerPupil,
    /// Measured pupils' cost ÷ total gain.
    CostPerUnitOfGain,
    /// Measured pupils' cost ÷ pupils who improved.
    CostPerPupilImproved,
}

impl ImpactFigures {
    /// "3 of 5 (60%)": the measured pupils who improved; none when nobody was measured.
    pub fn improved_text(&self) -> Option<String> {
        self.improved_percent()
            .map(|percent| format!("{} of {} ({percent}%)", self.improved, self.measured))
    }

    /// Why `figure` does not exist, in plain words ("no gain", "nobody improved"); none
    /// when it does.
    pub fn why_none(&self, figure: Figure) -> Option<&'static str> {
        let exists = match figure {
            Figure::AverageGain => self.average_gain.is_some(),
            Figure::CostPerPupil => self.cost_per_pupil.is_some(),
            Figure::CostPerUnitOfGain => self.cost_per_unit_of_gain.is_some(),
            Figure::CostPerPupilImproved => self.cost_per_pupil_improved.is_some(),
        };
        if exists {
            return None;
        }
        Some(match figure {
            Figure::CostPerPupil => "no pupils",
            _ if self.measured == 0 => "nobody measured",
            Figure::CostPerUnitOfGain => "no gain",
            Figure::CostPerPupilImproved => "nobody improved",
            Figure::AverageGain => "nobody measured",
        })
    }
}

/// A gain with its sign and the measure's unit, to `places` decimal places (`None`: exactly):
/// "+5.3 months", "-0.5 points", "0.0 months", "+1.2%" (a "%" unit follows the number).
pub fn gain_text(spec: &MeasureSpec, gain: MeasureValue, places: Option<u32>) -> String {
    let number = places.map_or_else(|| gain.to_string(), |places| gain.rounded(places));
    let sign = if number.starts_with('-') || number.chars().all(|c| c == '0' || c == '.') {
        ""
    } else {
        "+"
    };
    with_unit(spec, &format!("{sign}{number}"))
}

/// A value with the measure's unit: "86 months", "93.5%", "7" (no unit).
pub fn with_unit(spec: &MeasureSpec, number: &str) -> String {
    match spec.unit.trim() {
        "" => number.to_string(),
        "%" => format!("{number}%"),
        unit => format!("{number} {unit}"),
    }
}

/// The rows grouped by measure, each group the places of rows whose gains can be
/// compared (the same measure), in the order the measures first appear.
pub fn by_measure(rows: &[WhatWorksRow]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (at, row) in rows.iter().enumerate() {
        match groups
            .iter_mut()
            .find(|group| rows[group[0]].measure.same_measure(&row.measure))
        {
            Some(group) => group.push(at),
            None => groups.push(vec![at]),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::{Measure, Provision};
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn value(text: &str) -> MeasureValue {
        MeasureValue::parse(text).expect("reads").expect("a value")
    }

    fn measure(value: &str) -> Measure {
        Measure {
            name: String::new(),
            value: value.to_string(),
            date: None,
        }
    }

    /// FLS (TA £18, 3 × 20 minutes, 12 weeks, groups of 6: £216 a group) for `pupils`,
    /// measured by `spec`, with entry and exit values (blank for none).
    fn fls(
        book: &mut ProvisionBook,
        spec: MeasureSpec,
        values: &[(&str, &str, &str)],
    ) -> ProvisionId {
        let item = book.bank.get(InterventionId(20)).cloned().expect("FLS");
        let mut provision = Provision::new(&item, date(2025, 9, 8), date(2025, 12, 12));
        provision.measure = Some(spec);
        for (pupil, entry, exit) in values {
            provision.add_pupils([*pupil]);
            if !entry.is_empty() {
                provision.set_entry(pupil, measure(entry));
            }
            if !exit.is_empty() {
                provision.set_exit(pupil, measure(exit));
            }
        }
        book.add_provision(provision)
    }

    fn reading() -> MeasureSpec {
        MeasureSpec::presets().remove(0)
    }

    #[test]
    fn gains_share_improved_and_cost_per_unit_of_gain() {
        let mut book = ProvisionBook::default();
        // Six pupils, one with no exit: £216 shared six ways is £36 each.
        fls(
            &mut book,
            reading(),
            &[
                ("A", "80", "86"),
                ("B", "90", "92.5"),
                ("C", "75", "75"),
                ("D", "100", "98"),
                ("E", "70", "79"),
                ("F", "88", ""),
            ],
        );
        let rows = what_works(&book, &[], ImpactFilter::default());
        assert_eq!(rows.len(), 1);
        let f = &rows[0].figures;
        assert_eq!((f.pupils, f.measured, f.improved), (6, 5, 3));
        // Gains 6 + 2.5 + 0 − 2 + 9 = 15.5 over 5 = 3.1.
        assert_eq!(f.total_gain, value("15.5"));
        assert_eq!(f.average_gain, Some(value("3.1")));
        assert_eq!(f.improved_percent(), Some(60));
        assert_eq!(f.cost, Money::from_pence(21_600));
        assert_eq!(f.cost_per_pupil, Some(Money::from_pence(3_600)));
        // Measured pupils' cost £180 ÷ 15.5 months = £11.6129… → £11.61.
        assert_eq!(f.measured_cost, Money::from_pence(18_000));
        assert_eq!(f.cost_per_unit_of_gain, Some(Money::from_pence(1_161)));
        assert_eq!(f.cost_per_pupil_improved, Some(Money::from_pence(6_000)));
        assert!(!f.too_few_to_judge());
    }

    #[test]
    fn lower_is_better_gains_count_a_fall_as_a_gain() {
        let mut book = ProvisionBook::default();
        let incidents = MeasureSpec {
            name: "Incidents a week".into(),
            unit: "incidents".into(),
            higher_is_better: false,
            ..MeasureSpec::default()
        };
        fls(
            &mut book,
            incidents,
            &[("A", "6", "2"), ("B", "3", "4"), ("C", "5", "5")],
        );
        let f = &what_works(&book, &[], ImpactFilter::default())[0].figures;
        // Gains 4, −1, 0: total 3, average 1, one improved.
        assert_eq!(f.average_gain, Some(value("1")));
        assert_eq!(f.improved, 1);
        // £216 ÷ 3 gained = £72 a unit of gain.
        assert_eq!(f.cost_per_unit_of_gain, Some(Money::from_pence(7_200)));
        assert!(f.too_few_to_judge(), "3 measured is too few");
    }

    #[test]
    fn no_gain_means_no_cost_per_unit_and_unmeasured_rows_are_left_out() {
        let mut book = ProvisionBook::default();
        fls(
            &mut book,
            reading(),
            &[("A", "80", "79"), ("B", "80", "80")],
        );
        let f = &what_works(&book, &[], ImpactFilter::default())[0].figures;
        assert_eq!(f.average_gain, Some(value("-0.5")));
        assert_eq!(f.cost_per_unit_of_gain, None);
        assert_eq!(f.cost_per_pupil_improved, None);
        assert_eq!(f.improved_percent(), Some(0));
        // Entry only, or text that is not a number: nobody measured, no row.
        let mut book = ProvisionBook::default();
        fls(
            &mut book,
            reading(),
            &[("A", "80", ""), ("B", "7y 2m", "7y 9m")],
        );
        assert!(what_works(&book, &[], ImpactFilter::default()).is_empty());
    }

    #[test]
    fn gains_are_only_added_up_within_one_measure() {
        let mut book = ProvisionBook::default();
        fls(&mut book, reading(), &[("A", "80", "86")]);
        fls(
            &mut book,
            MeasureSpec::presets().remove(2),
            &[("B", "90", "100")],
        );
        fls(&mut book, reading(), &[("C", "70", "72")]);
        let rows = what_works(&book, &[], ImpactFilter::default());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].measure.name, "Reading age");
        assert_eq!(rows[0].figures.total_gain, value("8"));
        assert_eq!(rows[0].provisions.len(), 2);
        assert_eq!(rows[1].figures.total_gain, value("10"));
    }

    #[test]
    fn filters_pick_the_year_group_academic_year_and_wave() {
        let mut book = ProvisionBook::default();
        fls(
            &mut book,
            reading(),
            &[("A", "80", "86"), ("B", "80", "81")],
        );
        let pupils = [
            SchoolPupil {
                key: "A".into(),
                year_group: YearGroup::year(7),
                class: None,
            },
            SchoolPupil {
                key: "B".into(),
                year_group: YearGroup::year(8),
                class: None,
            },
        ];
        let year7 = ImpactFilter {
            year_group: Some(YearGroup::year(7)),
            ..ImpactFilter::default()
        };
        let rows = what_works(&book, &pupils, year7);
        assert_eq!(rows[0].figures.pupils, 1);
        assert_eq!(rows[0].figures.total_gain, value("6"));
        let next_year = ImpactFilter {
            academic_year: Some(AcademicYear { start_year: 2026 }),
            ..ImpactFilter::default()
        };
        assert!(what_works(&book, &pupils, next_year).is_empty());
        let this_year = ImpactFilter {
            academic_year: Some(AcademicYear { start_year: 2025 }),
            wave: Some(Wave::Two),
            ..ImpactFilter::default()
        };
        assert_eq!(what_works(&book, &pupils, this_year).len(), 1);
    }

    #[test]
    fn figures_read_as_words_with_a_reason_where_there_is_none() {
        let mut book = ProvisionBook::default();
        fls(
            &mut book,
            reading(),
            &[("A", "80", "85.25"), ("B", "90", "92"), ("C", "75", "74")],
        );
        let f = &what_works(&book, &[], ImpactFilter::default())[0].figures;
        assert_eq!(f.improved_text().as_deref(), Some("2 of 3 (67%)"));
        assert_eq!(f.why_none(Figure::CostPerUnitOfGain), None);
        let nobody = ImpactFigures {
            pupils: 2,
            ..ImpactFigures::default()
        };
        assert_eq!(nobody.improved_text(), None);
        assert_eq!(
            nobody.why_none(Figure::AverageGain),
            Some("nobody measured")
        );
        assert_eq!(
            nobody.why_none(Figure::CostPerUnitOfGain),
            Some("nobody measured")
        );
        assert_eq!(nobody.why_none(Figure::CostPerPupil), Some("no pupils"));
        // Measured, but the total gain is not above zero and nobody improved.
        let mut book = ProvisionBook::default();
        fls(
            &mut book,
            reading(),
            &[("A", "80", "79"), ("B", "80", "80")],
        );
        let f = &what_works(&book, &[], ImpactFilter::default())[0].figures;
        assert_eq!(f.why_none(Figure::AverageGain), None);
        assert_eq!(f.why_none(Figure::CostPerUnitOfGain), Some("no gain"));
        assert_eq!(
            f.why_none(Figure::CostPerPupilImproved),
            Some("nobody improved")
        );
        assert!(too_few_rule().contains("fewer than 5 pupils measured"));
        assert!(too_few_rule().contains(TOO_FEW_TEXT));
    }

    #[test]
    fn gains_read_with_their_sign_and_unit() {
        let months = reading();
        assert_eq!(gain_text(&months, value("5.25"), Some(1)), "+5.3 months");
        assert_eq!(gain_text(&months, value("-0.5"), Some(1)), "-0.5 months");
        assert_eq!(gain_text(&months, value("0.04"), Some(1)), "0.0 months");
        assert_eq!(gain_text(&months, value("-0.04"), Some(1)), "0.0 months");
        let attendance = MeasureSpec::presets().remove(3);
        assert_eq!(gain_text(&attendance, value("1.25"), Some(1)), "+1.3%");
        let bare = MeasureSpec {
            unit: " ".into(),
            ..reading()
        };
        assert_eq!(gain_text(&bare, value("2"), Some(1)), "+2.0");
        assert_eq!(gain_text(&months, value("5.25"), None), "+5.25 months");
        assert_eq!(gain_text(&months, value("0"), None), "0 months");
        assert_eq!(with_unit(&months, "86"), "86 months");
    }

    #[test]
    fn rows_are_grouped_by_the_measure_they_can_be_compared_within() {
        let mut book = ProvisionBook::default();
        let item =
            |book: &ProvisionBook, id| book.bank.get(InterventionId(id)).cloned().expect("item");
        let score = MeasureSpec::presets().remove(2);
        for (id, spec, pupil) in [
            (20, reading(), "A"),
            (21, score.clone(), "B"),
            (22, reading(), "C"),
            (20, score, "D"),
        ] {
            let mut provision =
                Provision::new(&item(&book, id), date(2025, 9, 8), date(2025, 12, 12));
            provision.measure = Some(spec);
            provision.add_pupils([pupil]);
            provision.set_entry(pupil, measure("80"));
            provision.set_exit(pupil, measure("82"));
            book.add_provision(provision);
        }
        let rows = what_works(&book, &[], ImpactFilter::default());
        assert_eq!(rows.len(), 4);
        let groups = by_measure(&rows);
        assert_eq!(groups.len(), 2);
        for group in &groups {
            let first = &rows[group[0]].measure;
            assert!(group.iter().all(|at| rows[*at].measure.same_measure(first)));
        }
        assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), 4);
    }
}
