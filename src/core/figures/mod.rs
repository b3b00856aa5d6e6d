//! School figures (SPEC §8.5, issue 16): a school's aggregates, safe to share because
//! they hold no pupil — by year group, by standard group and for the whole school — and
//! the benchmarks they are compared with.
//!
//! - `aggregate`: the figures counted from one scored data drop (whole numbers, exact);
//! - `suppress`: small counts hidden ("<5") and the cells that would give them away;
//! - `document`: the versioned JSON file a school exports and another school or the local
//!   authority loads (a documented exchange format, like the scoring profile);
//! - `compare`: this school beside the local authority and similar schools (`similar`:
//!   which schools are similar; `indicator`: what is compared, read from a row).
//!
//! The types here are what every view shows: a [`SchoolFigures`] holds one or more
//! [`FigureSet`]s (a school, or a local authority's total), each a list of
//! [`FigureRow`]s, each row one [`Figure`] per [`Measure`].

pub mod aggregate;
pub mod compare;
pub mod document;
pub mod indicator;
pub mod similar;
pub mod suppress;

use crate::core::drop::{AcademicYear, DataDrop, Term};
use crate::core::profile::Profile;
use crate::core::scoring::{Factor, PupilScore};
use crate::core::tracking::trends::StandardGroup;
use crate::core::value::YearGroup;
use aggregate::{CountedSet, Counts};

/// One figure of a row, as it may be shown and shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Figure {
    /// The figure itself: a count of pupils, or for mean attendance hundredths of a
    /// percent (9412 is 94.12%).
    Number(u64),
    /// A count from 1 to 4, hidden: shown as "<5".
    FewerThanFive,
    /// Hidden because it would let a hidden count be worked out (from a total and the
    /// other parts), or because it is worked out from fewer than five pupils: shown as
    /// "suppressed".
    Withheld,
    /// Nothing to show: no pupil in the row has the value recorded (mean attendance only).
    Blank,
}

impl Figure {
    /// The number, when it is shown.
    pub fn number(self) -> Option<u64> {
        match self {
            Figure::Number(number) => Some(number),
            _ => None,
        }
    }

    /// Whether the figure is hidden (fewer than five, or withheld).
    pub fn is_suppressed(self) -> bool {
        matches!(self, Figure::FewerThanFive | Figure::Withheld)
    }
}

/// What a row counts, one [`Figure`] each, in the order files and tables show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Pupils in the row.
    Pupils,
    /// Pupils whose overall indicator is red.
    Red,
    /// Pupils whose overall indicator is amber.
    Amber,
    /// Pupils whose overall indicator is green.
    Green,
    /// Pupils with the factor's marker coloured.
    Factor(Factor),
    /// Pupils with attendance recorded.
    AttendanceRecorded,
    /// Mean attendance of those pupils, in hundredths of a percent.
    MeanAttendance,
    /// Pupils persistently absent: attendance at or below the profile's amber threshold
    /// (the attendance marker amber or red).
    PersistentlyAbsent,
    /// Pupils whose suspensions are recorded (a count, or sessions of suspension).
    SuspensionsRecorded,
    /// Pupils with one or more suspensions this year.
    Suspended,
    /// Pupils whose attainment can be judged low, expected or high.
    AttainmentJudged,
    /// Pupils whose attainment is low overall.
    LowAttainers,
}

/// How many measures a row has.
pub const MEASURES: usize = 17;

impl Measure {
    /// Every measure, in the order rows hold them.
    pub const ALL: [Measure; MEASURES] = [
        Measure::Pupils,
        Measure::Red,
        Measure::Amber,
        Measure::Green,
        Measure::Factor(Factor::Birthday),
        Measure::Factor(Factor::Sen),
        Measure::Factor(Factor::Movement),
        Measure::Factor(Factor::Lac),
        Measure::Factor(Factor::Language),
        Measure::Factor(Factor::Deprivation),
        Measure::AttendanceRecorded,
        Measure::MeanAttendance,
        Measure::PersistentlyAbsent,
        Measure::SuspensionsRecorded,
        Measure::Suspended,
        Measure::AttainmentJudged,
        Measure::LowAttainers,
    ];

    /// Its place in [`Measure::ALL`] (and in a row's figures).
    pub fn index(self) -> usize {
        match self {
            Measure::Pupils => 0,
            Measure::Red => 1,
            Measure::Amber => 2,
            Measure::Green => 3,
            Measure::Factor(factor) => 4 + factor.index(),
            Measure::AttendanceRecorded => 10,
            Measure::MeanAttendance => 11,
            Measure::PersistentlyAbsent => 12,
            Measure::SuspensionsRecorded => 13,
            Measure::Suspended => 14,
            Measure::AttainmentJudged => 15,
            Measure::LowAttainers => 16,
        }
    }

    /// Whether the figure is a count of pupils (every measure but mean attendance).
    pub fn is_count(self) -> bool {
        self != Measure::MeanAttendance
    }

    /// The column heading: "Pupils", "Red", "Birthday", "Mean attendance", …
    pub fn label(self) -> &'static str {
        match self {
            Measure::Pupils => "Pupils",
            Measure::Red => "Red",
            Measure::Amber => "Amber",
            Measure::Green => "Green",
            Measure::Factor(factor) => factor.label(),
            Measure::AttendanceRecorded => "Attendance recorded",
            Measure::MeanAttendance => "Mean attendance",
            Measure::PersistentlyAbsent => "Persistently absent",
            Measure::SuspensionsRecorded => "Suspensions recorded",
            Measure::Suspended => "Suspended",
            Measure::AttainmentJudged => "Attainment judged",
            Measure::LowAttainers => "Low attainers",
        }
    }
}

/// Whose figures a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowGroup {
    /// Every pupil.
    WholeSchool,
    /// The pupils of one year group; `None`: pupils whose year group is not recorded.
    YearGroup(Option<YearGroup>),
    /// One of the standard groups, by [`StandardGroup::includes`].
    Standard(StandardGroup),
}

impl RowGroup {
    /// The row's name: "Whole school", "Year 5", "Year group not recorded", "Boys".
    pub fn label(self) -> String {
        match self {
            RowGroup::WholeSchool => "Whole school".to_string(),
            RowGroup::YearGroup(Some(year)) => year.label(),
            RowGroup::YearGroup(None) => "Year group not recorded".to_string(),
            RowGroup::Standard(group) => group.label().to_string(),
        }
    }
}

/// One row of figures: a group and one figure per measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    /// Whose figures they are.
    pub group: RowGroup,
    /// One figure per measure, in [`Measure::ALL`] order.
    pub figures: [Figure; MEASURES],
}

impl FigureRow {
    /// The row's figure for `measure`.
    pub fn get(&self, measure: Measure) -> Figure {
        self.figures[measure.index()]
    }
}

/// Whether a set of rows is one school's or a local authority's total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetKind {
    /// One school's pupils.
    School,
    /// Every pupil of a local authority's file, all schools together.
    LocalAuthority,
}

/// The rows of one school (or of a local authority's total): the whole school first,
/// then each year group in school order (pupils whose year group is not recorded last),
/// then each standard group in [`StandardGroup::ALL`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureSet {
    /// A school or a local authority's total.
    pub kind: SetKind,
    /// Whose figures they are: the school's (or local authority's) name and URN.
    pub details: SchoolDetails,
    /// The rows.
    pub rows: Vec<FigureRow>,
}

impl FigureSet {
    /// A counted set's figures exactly as counted, nothing hidden: only for showing a
    /// school its own figures, never for a file (files are made by [`SchoolFigures::new`],
    /// which suppresses).
    pub fn exact(counted: &CountedSet) -> FigureSet {
        FigureSet {
            kind: counted.kind,
            details: counted.details.clone(),
            rows: counted
                .rows
                .iter()
                .map(|row| FigureRow {
                    group: row.group,
                    figures: Measure::ALL.map(|measure| exact_figure(&row.counts, measure)),
                })
                .collect(),
        }
    }

    /// The row for `group`, when the set has one.
    pub fn row(&self, group: RowGroup) -> Option<&FigureRow> {
        self.rows.iter().find(|row| row.group == group)
    }

    /// What the set is called: the school's name (or URN), the local authority's name,
    /// or "A school" / "The local authority" when neither is given.
    pub fn describe(&self) -> String {
        let named = match self.kind {
            SetKind::School => self.details.school_name.clone().or_else(|| {
                self.details
                    .urn
                    .as_ref()
                    .map(|urn| format!("The school with URN {urn}"))
            }),
            SetKind::LocalAuthority => self
                .details
                .local_authority
                .clone()
                .or(self.details.school_name.clone()),
        };
        named.unwrap_or_else(|| match self.kind {
            SetKind::School => "A school".to_string(),
            SetKind::LocalAuthority => "The local authority".to_string(),
        })
    }
}

/// A figure as counted, nothing hidden.
fn exact_figure(counts: &Counts, measure: Measure) -> Figure {
    counts.value(measure).map_or(Figure::Blank, Figure::Number)
}

/// The scoring profile the figures were worked out with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProfileStamp {
    /// The profile's name.
    pub name: String,
    /// The publisher's version label.
    pub version: String,
    /// Whether a setting was changed after the profile was loaded, so the name and version
    /// no longer describe it exactly.
    pub changed_locally: bool,
}

impl ProfileStamp {
    /// The stamp of `profile`.
    pub fn of(profile: &Profile) -> ProfileStamp {
        ProfileStamp {
            name: profile.name.clone(),
            version: profile.version.clone(),
            changed_locally: profile.changed_locally,
        }
    }

    /// "“Universal profile” version 1.0", with "(changed locally)" when it was.
    pub fn describe(&self) -> String {
        let changed = if self.changed_locally {
            " (changed locally)"
        } else {
            ""
        };
        format!("“{}” version {}{changed}", self.name, self.version)
    }
}

/// What the school says about itself on its figures: both optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolDetails {
    /// The school's name.
    pub school_name: Option<String>,
    /// The school's URN.
    pub urn: Option<String>,
    /// The local authority's name.
    pub local_authority: Option<String>,
}

/// School figures: what a figures file holds. Made by [`SchoolFigures::new`] (which
/// suppresses small counts) or read by [`document::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchoolFigures {
    /// The planner version that made them, when known.
    pub planner_version: Option<String>,
    /// The scoring profile they were worked out with.
    pub profile: ProfileStamp,
    /// The data drop's term.
    pub term: Term,
    /// The data drop's academic year.
    pub academic_year: AcademicYear,
    /// One school's rows, or several schools' and a local authority's total.
    pub sets: Vec<FigureSet>,
}

impl SchoolFigures {
    /// Figures from counted sets, suppressed together ([`suppress::suppress_sets`]: a
    /// local authority's total and its schools are protected as one table), stamped with
    /// this planner's version.
    pub fn new(
        profile: ProfileStamp,
        term: Term,
        academic_year: AcademicYear,
        sets: &[CountedSet],
    ) -> SchoolFigures {
        SchoolFigures {
            planner_version: Some(env!("CARGO_PKG_VERSION").to_string()),
            profile,
            term,
            academic_year,
            sets: suppress::suppress_sets(sets),
        }
    }

    /// One school's figures from one scored data drop (`scores` in the drop's pupils'
    /// order, from `ScoringContext::for_drop` and `profile`), suppressed, ready to export.
    pub fn of_drop(
        drop: &DataDrop,
        scores: &[PupilScore],
        profile: &Profile,
        school: SchoolDetails,
    ) -> SchoolFigures {
        let set = CountedSet::school(school, &drop.pupils, scores);
        SchoolFigures::new(
            ProfileStamp::of(profile),
            drop.term,
            drop.academic_year,
            &[set],
        )
    }

    /// "Spring 2025/26".
    pub fn period(&self) -> String {
        format!("{} {}", self.term, self.academic_year)
    }
}
