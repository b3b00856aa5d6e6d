//! Benchmarks (SPEC §8.5): this school beside the local authority and similar schools,
//! indicator by indicator, from loaded school figures files.
//!
//! **Similar schools** are the schools in the loaded files (never this school itself:
//! same URN, or same name where either has no URN) that are, all three:
//! - of the same **phase**, worked out from the year groups that have pupils: primary
//!   (Nursery, Reception and Years 1 to 6 only), secondary (Years 7 to 11, or to 13 with a
//!   sixth form, only), all-through (both). A school with no year group is of no phase;
//! - of a similar **size**: pupils within 25% of this school's either way, boundaries
//!   included (this school 200: 150 to 250);
//! - with a similar **share disadvantaged**: within 10 percentage points either way,
//!   boundaries included (this school 30%: 20% to 40%).
//!
//! A school whose pupils or disadvantaged pupils are hidden ("<5" or suppressed) cannot be
//! judged, so it is never picked. Everything is worked out exactly, in whole numbers.
//!
//! Each indicator is a share of the row's pupils (red; amber or red; each factor), a share
//! of those with the value recorded (persistent absence; suspended; low attainers) or mean
//! attendance. A share is hidden when either of its counts is ([`Reading::Suppressed`]),
//! so a comparison that cannot be made says so instead of a number. The similar schools'
//! figure is the median of those whose figure is shown (the mean of the middle two, half
//! up, for an even number).

use super::{
    Figure, FigureRow, FigureSet, Measure, ProfileStamp, RowGroup, SchoolFigures, SetKind,
};
use crate::core::drop::{AcademicYear, Term};
use crate::core::scoring::Factor;
use crate::core::tracking::trends::StandardGroup;
use crate::core::value::{Percent, YearGroup};
use std::fmt;

/// A school's phase, as its year groups show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Nursery, Reception and Years 1 to 6.
    Primary,
    /// Years 7 to 11, or to 13.
    Secondary,
    /// Both primary and secondary year groups.
    AllThrough,
}

impl Phase {
    /// "Primary", "Secondary" or "All-through".
    pub fn label(self) -> &'static str {
        match self {
            Phase::Primary => "Primary",
            Phase::Secondary => "Secondary",
            Phase::AllThrough => "All-through",
        }
    }

    /// The phase of a set of figures: from its year groups that have pupils (a hidden
    /// count has pupils; pupils whose year group is not recorded do not count). `None`
    /// when it has none.
    pub fn of(set: &FigureSet) -> Option<Phase> {
        let years: Vec<YearGroup> = set
            .rows
            .iter()
            .filter_map(|row| match row.group {
                RowGroup::YearGroup(Some(year))
                    if row.get(Measure::Pupils) != Figure::Number(0) =>
                {
                    Some(year)
                }
                _ => None,
            })
            .collect();
        let secondary = |year: &YearGroup| matches!(year, YearGroup::Year(n) if *n >= 7);
        match (
            years.iter().any(|year| !secondary(year)),
            years.iter().any(secondary),
        ) {
            (true, true) => Some(Phase::AllThrough),
            (true, false) => Some(Phase::Primary),
            (false, true) => Some(Phase::Secondary),
            (false, false) => None,
        }
    }
}

/// What similar schools are judged by: phase, pupils and disadvantaged pupils.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolShape {
    /// The school's phase.
    pub phase: Phase,
    /// Its pupils.
    pub pupils: u64,
    /// Its disadvantaged pupils.
    pub disadvantaged: u64,
}

impl SchoolShape {
    /// A set's shape, when its phase, pupils (more than 0) and disadvantaged pupils are
    /// all shown.
    pub fn of(set: &FigureSet) -> Option<SchoolShape> {
        let pupils = set
            .row(RowGroup::WholeSchool)?
            .get(Measure::Pupils)
            .number()?;
        let disadvantaged = set
            .row(RowGroup::Standard(StandardGroup::Disadvantaged))?
            .get(Measure::Pupils)
            .number()?;
        (pupils > 0).then_some(SchoolShape {
            phase: Phase::of(set)?,
            pupils,
            disadvantaged,
        })
    }

    /// The share disadvantaged.
    pub fn disadvantaged_share(&self) -> Percent {
        share(self.disadvantaged, self.pupils)
    }

    /// Whether `other` is a similar school to this one: the same phase, pupils within 25%
    /// of this school's and a share disadvantaged within 10 percentage points, boundaries
    /// included.
    pub fn is_similar(&self, other: &SchoolShape) -> bool {
        let (this, that) = (u128::from(self.pupils), u128::from(other.pupils));
        // 0.75 × this ≤ that ≤ 1.25 × this.
        let size = 4 * that >= 3 * this && 4 * that <= 5 * this;
        // |d₂/p₂ − d₁/p₁| ≤ 10/100  ⇔  100 × |d₂p₁ − d₁p₂| ≤ 10 × p₁p₂.
        let (d_this, d_that) = (
            u128::from(self.disadvantaged),
            u128::from(other.disadvantaged),
        );
        let disadvantaged = 100 * (d_that * this).abs_diff(d_this * that) <= 10 * this * that;
        self.phase == other.phase && size && disadvantaged
    }
}

/// `count ÷ of` as a percentage, rounded half up to hundredths; `of` is never 0.
fn share(count: u64, of: u64) -> Percent {
    let (count, of) = (u128::from(count), u128::from(of.max(1)));
    let hundredths = (count * 20_000 + of) / (2 * of);
    Percent::from_hundredths(u32::try_from(hundredths).unwrap_or(u32::MAX))
}

/// What is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Indicator {
    /// Pupils whose overall indicator is red, of the pupils.
    Red,
    /// Pupils whose overall indicator is amber or red, of the pupils.
    AmberOrRed,
    /// Pupils with the factor's marker coloured, of the pupils.
    Factor(Factor),
    /// Mean attendance of pupils with attendance recorded.
    MeanAttendance,
    /// Pupils persistently absent, of those with attendance recorded.
    PersistentAbsence,
    /// Pupils with one or more suspensions, of those with suspensions recorded.
    Suspended,
    /// Pupils whose attainment is low, of those whose attainment can be judged.
    LowAttainers,
}

impl Indicator {
    /// Every indicator, in the order the comparison lists them.
    pub const ALL: [Indicator; 12] = [
        Indicator::Red,
        Indicator::AmberOrRed,
        Indicator::Factor(Factor::Birthday),
        Indicator::Factor(Factor::Sen),
        Indicator::Factor(Factor::Movement),
        Indicator::Factor(Factor::Lac),
        Indicator::Factor(Factor::Language),
        Indicator::Factor(Factor::Deprivation),
        Indicator::MeanAttendance,
        Indicator::PersistentAbsence,
        Indicator::Suspended,
        Indicator::LowAttainers,
    ];

    /// "% red", "% amber or red", "% Birthday factor", "Mean attendance", …
    pub fn label(self) -> String {
        match self {
            Indicator::Red => "% red".to_string(),
            Indicator::AmberOrRed => "% amber or red".to_string(),
            Indicator::Factor(factor) => format!("% {} factor", factor.label()),
            Indicator::MeanAttendance => "Mean attendance".to_string(),
            Indicator::PersistentAbsence => "% persistently absent".to_string(),
            Indicator::Suspended => "% suspended".to_string(),
            Indicator::LowAttainers => "% low attainers".to_string(),
        }
    }

    /// The indicator for one row of figures.
    pub fn read(self, row: &FigureRow) -> Reading {
        let of = |count: Measure, of: Measure| shared(row.get(count), row.get(of));
        match self {
            Indicator::Red => of(Measure::Red, Measure::Pupils),
            Indicator::AmberOrRed => {
                let pupils = row.get(Measure::Pupils);
                match (
                    row.get(Measure::Red),
                    row.get(Measure::Amber),
                    row.get(Measure::Green),
                ) {
                    (Figure::Number(red), Figure::Number(amber), _) => {
                        shared(Figure::Number(red + amber), pupils)
                    }
                    (_, _, Figure::Number(green)) => match pupils {
                        Figure::Number(all) => {
                            shared(Figure::Number(all.saturating_sub(green)), pupils)
                        }
                        other => shared(other, other),
                    },
                    _ => Reading::Suppressed,
                }
            }
            Indicator::Factor(factor) => of(Measure::Factor(factor), Measure::Pupils),
            Indicator::MeanAttendance => match row.get(Measure::MeanAttendance) {
                Figure::Number(hundredths) => Reading::Value(Percent::from_hundredths(
                    u32::try_from(hundredths).unwrap_or(u32::MAX),
                )),
                Figure::FewerThanFive | Figure::Withheld => Reading::Suppressed,
                Figure::Blank => Reading::NotAvailable,
            },
            Indicator::PersistentAbsence => {
                of(Measure::PersistentlyAbsent, Measure::AttendanceRecorded)
            }
            Indicator::Suspended => of(Measure::Suspended, Measure::SuspensionsRecorded),
            Indicator::LowAttainers => of(Measure::LowAttainers, Measure::AttainmentJudged),
        }
    }
}

/// A share of two figures: hidden when either is, none when out of none.
fn shared(count: Figure, of: Figure) -> Reading {
    match (count, of) {
        (Figure::Number(_), Figure::Number(0)) | (_, Figure::Blank) | (Figure::Blank, _) => {
            Reading::NotAvailable
        }
        (Figure::Number(count), Figure::Number(of)) => Reading::Value(share(count, of)),
        _ => Reading::Suppressed,
    }
}

/// One figure in a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The figure.
    Value(Percent),
    /// Hidden (worked out from a hidden count): no comparison is possible.
    Suppressed,
    /// Nothing to compare: no such row, no pupils, or nothing recorded.
    NotAvailable,
}

/// "94.12%", "Suppressed" or "Not available".
impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reading::Value(percent) => write!(f, "{percent}"),
            Reading::Suppressed => f.write_str("Suppressed"),
            Reading::NotAvailable => f.write_str("Not available"),
        }
    }
}

/// One indicator: this school, the local authority and similar schools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparisonRow {
    /// What is compared.
    pub indicator: Indicator,
    /// This school's figure.
    pub this_school: Reading,
    /// The local authority's figure ([`Reading::NotAvailable`] with no LA figures loaded).
    pub local_authority: Reading,
    /// The median of the similar schools whose figure is shown; suppressed when every
    /// similar school's is hidden.
    pub similar_median: Reading,
    /// How many similar schools' figures the median is of.
    pub similar_shown: usize,
    /// How many similar schools' figures are hidden, so left out of the median.
    pub similar_suppressed: usize,
}

impl ComparisonRow {
    /// Whether some figure of the row is hidden, so the comparison is not complete.
    pub fn has_suppressed(&self) -> bool {
        self.this_school == Reading::Suppressed
            || self.local_authority == Reading::Suppressed
            || self.similar_suppressed > 0
    }
}

/// A school picked as similar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimilarSchool {
    /// Its name as [`FigureSet::describe`] gives it.
    pub name: String,
    /// Its URN, when given.
    pub urn: Option<String>,
    /// Its phase, pupils and disadvantaged pupils.
    pub shape: SchoolShape,
    /// Which loaded file it is in (its place in the list given).
    pub file: usize,
}

/// Something the reader of a comparison must know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A file's figures were worked out with another scoring profile (or one changed).
    ProfileDiffers {
        /// Which loaded file.
        file: usize,
        /// What the file holds, in words.
        source: String,
        /// The file's profile.
        theirs: ProfileStamp,
        /// This school's profile.
        ours: ProfileStamp,
    },
    /// A file's figures are for another term or year.
    PeriodDiffers {
        /// Which loaded file.
        file: usize,
        /// What the file holds, in words.
        source: String,
        /// "Autumn 2025/26".
        theirs: String,
        /// "Spring 2025/26".
        ours: String,
    },
    /// More than one local authority total was loaded; the first is used.
    SeveralLocalAuthorities {
        /// The one used.
        used: String,
    },
    /// This school's own phase, pupils or disadvantaged pupils are not known, so no
    /// school can be judged similar.
    ThisSchoolNotJudged,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::ProfileDiffers {
                source,
                theirs,
                ours,
                ..
            } => write!(
                f,
                "{source}: worked out with the scoring profile {}, not this school's {}. \
                 Its figures are compared only with this warning: differences may come from \
                 the profiles, not the pupils.",
                theirs.describe(),
                ours.describe()
            ),
            Warning::PeriodDiffers {
                source,
                theirs,
                ours,
                ..
            } => write!(
                f,
                "{source}: figures for {theirs}, this school's for {ours}. Compare them with \
                 care, or load figures for {ours}."
            ),
            Warning::SeveralLocalAuthorities { used } => write!(
                f,
                "More than one local authority's figures are loaded: {used}'s are used. Remove \
                 the others to compare with them instead."
            ),
            Warning::ThisSchoolNotJudged => f.write_str(
                "This school's phase, pupils or disadvantaged pupils are not known, so no \
                 similar schools can be picked.",
            ),
        }
    }
}

/// This school beside the loaded figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Benchmark {
    /// This school's phase, pupils and disadvantaged pupils, when known.
    pub this_school: Option<SchoolShape>,
    /// The local authority whose figures are compared, when loaded.
    pub local_authority: Option<String>,
    /// The schools picked as similar, in the order loaded.
    pub similar: Vec<SimilarSchool>,
    /// One row per indicator, in [`Indicator::ALL`] order.
    pub rows: Vec<ComparisonRow>,
    /// What the reader must know, in the order found.
    pub warnings: Vec<Warning>,
}

/// What a comparison starts from: this school's figures (its own exact ones, or as
/// exported) with their profile and period, and the loaded files.
#[derive(Debug, Clone, Copy)]
pub struct Benchmarking<'a> {
    /// This school's rows.
    pub this: &'a FigureSet,
    /// The profile this school's figures were worked out with.
    pub profile: &'a ProfileStamp,
    /// This school's data drop's term.
    pub term: Term,
    /// This school's data drop's academic year.
    pub academic_year: AcademicYear,
    /// The loaded figures files.
    pub loaded: &'a [SchoolFigures],
}

impl<'a> Benchmarking<'a> {
    /// From this school's own figures file (its first set).
    pub fn for_school(
        figures: &'a SchoolFigures,
        loaded: &'a [SchoolFigures],
    ) -> Option<Benchmarking<'a>> {
        Some(Benchmarking {
            this: figures.sets.first()?,
            profile: &figures.profile,
            term: figures.term,
            academic_year: figures.academic_year,
            loaded,
        })
    }

    /// Whether a loaded set is this school itself: the same URN, or, where either has no
    /// URN, the same name (ignoring case).
    fn is_this_school(&self, set: &FigureSet) -> bool {
        match (&self.this.urn, &set.urn) {
            (Some(ours), Some(theirs)) => ours.trim() == theirs.trim(),
            _ => match (&self.this.school_name, &set.school_name) {
                (Some(ours), Some(theirs)) => ours.trim().eq_ignore_ascii_case(theirs.trim()),
                _ => false,
            },
        }
    }

    /// The comparison for the rows of `group` (the whole school, a year group or a
    /// standard group): similar schools are always picked by their whole-school figures.
    pub fn compare(&self, group: RowGroup) -> Benchmark {
        let mut warnings = Vec::new();
        let ours = format!("{} {}", self.term, self.academic_year);
        for (file, figures) in self.loaded.iter().enumerate() {
            let source = describe_file(figures);
            if figures.profile != *self.profile
                || figures.profile.changed_locally
                || self.profile.changed_locally
            {
                warnings.push(Warning::ProfileDiffers {
                    file,
                    source: source.clone(),
                    theirs: figures.profile.clone(),
                    ours: self.profile.clone(),
                });
            }
            if (figures.term, figures.academic_year) != (self.term, self.academic_year) {
                warnings.push(Warning::PeriodDiffers {
                    file,
                    source,
                    theirs: figures.period(),
                    ours: ours.clone(),
                });
            }
        }
        let authorities: Vec<&FigureSet> = self
            .loaded
            .iter()
            .flat_map(|figures| &figures.sets)
            .filter(|set| set.kind == SetKind::LocalAuthority)
            .collect();
        let authority = authorities.first().copied();
        if let (Some(used), true) = (authority, authorities.len() > 1) {
            warnings.push(Warning::SeveralLocalAuthorities {
                used: used.describe(),
            });
        }
        let this_shape = SchoolShape::of(self.this);
        if this_shape.is_none() {
            warnings.push(Warning::ThisSchoolNotJudged);
        }
        let similar: Vec<(SimilarSchool, &FigureSet)> = self
            .loaded
            .iter()
            .enumerate()
            .flat_map(|(file, figures)| figures.sets.iter().map(move |set| (file, set)))
            .filter(|(_, set)| set.kind == SetKind::School && !self.is_this_school(set))
            .filter_map(|(file, set)| {
                let shape = SchoolShape::of(set)?;
                this_shape?.is_similar(&shape).then(|| {
                    let school = SimilarSchool {
                        name: set.describe(),
                        urn: set.urn.clone(),
                        shape,
                        file,
                    };
                    (school, set)
                })
            })
            .collect();
        let read = |set: Option<&FigureSet>, indicator: Indicator| {
            set.and_then(|set| set.row(group))
                .map_or(Reading::NotAvailable, |row| indicator.read(row))
        };
        let rows = Indicator::ALL
            .into_iter()
            .map(|indicator| {
                let readings: Vec<Reading> = similar
                    .iter()
                    .map(|(_, set)| read(Some(set), indicator))
                    .collect();
                let mut shown: Vec<Percent> = readings
                    .iter()
                    .filter_map(|reading| match reading {
                        Reading::Value(value) => Some(*value),
                        _ => None,
                    })
                    .collect();
                let suppressed = readings
                    .iter()
                    .filter(|reading| **reading == Reading::Suppressed)
                    .count();
                shown.sort_unstable();
                let similar_median = match median(&shown) {
                    Some(value) => Reading::Value(value),
                    None if suppressed > 0 => Reading::Suppressed,
                    None => Reading::NotAvailable,
                };
                ComparisonRow {
                    indicator,
                    this_school: read(Some(self.this), indicator),
                    local_authority: read(authority, indicator),
                    similar_median,
                    similar_shown: shown.len(),
                    similar_suppressed: suppressed,
                }
            })
            .collect();
        Benchmark {
            this_school: this_shape,
            local_authority: authority.map(FigureSet::describe),
            similar: similar.into_iter().map(|(school, _)| school).collect(),
            rows,
            warnings,
        }
    }
}

/// The middle of sorted values; the mean of the middle two, rounded half up, for an even
/// number. `None` for none.
fn median(sorted: &[Percent]) -> Option<Percent> {
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => sorted.get(middle).copied(),
        _ => {
            let (low, high) = (sorted[middle - 1].hundredths(), sorted[middle].hundredths());
            Some(Percent::from_hundredths((low + high).div_ceil(2)))
        }
    }
}

/// What a loaded file holds, in words: "Tameside (local authority)", "Oakfield
/// Primary", or "12 schools' figures".
pub fn describe_file(figures: &SchoolFigures) -> String {
    if let Some(authority) = figures
        .sets
        .iter()
        .find(|set| set.kind == SetKind::LocalAuthority)
    {
        return format!("{} (local authority)", authority.describe());
    }
    match figures.sets.as_slice() {
        [one] => one.describe(),
        sets => format!("{} schools' figures", sets.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::figures::MEASURES;

    fn row(figures: &[(Measure, Figure)]) -> FigureRow {
        let mut all = [Figure::Number(0); MEASURES];
        for &(measure, figure) in figures {
            all[measure.index()] = figure;
        }
        FigureRow {
            group: RowGroup::WholeSchool,
            figures: all,
        }
    }

    #[test]
    fn a_share_is_hidden_when_either_of_its_counts_is() {
        let n = Figure::Number;
        let whole = row(&[
            (Measure::Pupils, n(200)),
            (Measure::Red, Figure::FewerThanFive),
            (Measure::Amber, Figure::Withheld),
            (Measure::Green, n(180)),
            (Measure::AttendanceRecorded, Figure::Withheld),
            (Measure::PersistentlyAbsent, n(20)),
            (Measure::SuspensionsRecorded, n(0)),
            (Measure::MeanAttendance, Figure::Blank),
            (Measure::AttainmentJudged, n(150)),
            (Measure::LowAttainers, n(45)),
        ]);
        assert_eq!(Indicator::Red.read(&whole), Reading::Suppressed);
        // Amber or red is worked out from green: (200 − 180) ÷ 200 = 10%.
        assert_eq!(
            Indicator::AmberOrRed.read(&whole),
            Reading::Value(Percent::from_hundredths(1000))
        );
        assert_eq!(
            Indicator::PersistentAbsence.read(&whole),
            Reading::Suppressed
        );
        assert_eq!(Indicator::Suspended.read(&whole), Reading::NotAvailable);
        assert_eq!(
            Indicator::MeanAttendance.read(&whole),
            Reading::NotAvailable
        );
        assert_eq!(
            Indicator::LowAttainers.read(&whole),
            Reading::Value(Percent::from_hundredths(3000))
        );
    }

    #[test]
    fn the_median_of_an_even_number_is_the_mean_of_the_middle_two_half_up() {
        let p = Percent::from_hundredths;
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[p(100), p(300), p(900)]), Some(p(300)));
        assert_eq!(median(&[p(100), p(301), p(400), p(900)]), Some(p(351)));
    }
}
