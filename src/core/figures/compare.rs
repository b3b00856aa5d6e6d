//! Benchmarks (SPEC §8.5): this school beside the local authority and similar schools,
//! indicator by indicator, from loaded school figures files.
//!
//! Similar schools are picked by [`SchoolShape::is_similar`] from the schools in the
//! loaded files, never this school itself (the same URN, or the same name where either has
//! no URN). Each [`Indicator`] is read from the row compared; the similar schools' figure
//! is the median of those whose figure is shown (the mean of the middle two, half up, for
//! an even number), with how many were hidden beside it.

pub use super::indicator::{Indicator, Reading};
pub use super::similar::{phase_of, phase_of_years, SchoolShape};
use super::{FigureSet, ProfileStamp, RowGroup, SchoolFigures, SetKind};
use crate::core::drop::{AcademicYear, Term};
use crate::core::value::Percent;
use std::fmt;

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
        match (&self.this.details.urn, &set.details.urn) {
            (Some(ours), Some(theirs)) => ours.trim() == theirs.trim(),
            _ => match (&self.this.details.school_name, &set.details.school_name) {
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
                        urn: set.details.urn.clone(),
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

    #[test]
    fn the_median_of_an_even_number_is_the_mean_of_the_middle_two_half_up() {
        let p = Percent::from_hundredths;
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[p(100), p(300), p(900)]), Some(p(300)));
        assert_eq!(median(&[p(100), p(301), p(400), p(900)]), Some(p(351)));
    }
}
