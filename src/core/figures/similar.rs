//! Similar schools (SPEC §8.5): the schools a school is compared with.
//!
//! A school is similar to this one when it is, all three:
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

use super::indicator::share;
use super::{Figure, FigureSet, Measure, RowGroup};
use crate::core::school::SchoolPhase;
use crate::core::tracking::trends::StandardGroup;
use crate::core::value::{Percent, YearGroup};

/// The phase a school's year groups show (the one rule, for figures and for pupils):
/// primary when every year group is Nursery, Reception or Years 1 to 6; secondary when
/// every one is Year 7 or above (to 11, or 13 with a sixth form); all-through with both;
/// `None` with no year group. Special and alternative provision are what a school says of
/// itself, never worked out.
pub fn phase_of_years(years: impl IntoIterator<Item = YearGroup>) -> Option<SchoolPhase> {
    let (mut primary, mut secondary) = (false, false);
    for year in years {
        match year {
            YearGroup::Year(n) if n >= 7 => secondary = true,
            _ => primary = true,
        }
    }
    match (primary, secondary) {
        (true, true) => Some(SchoolPhase::AllThrough),
        (true, false) => Some(SchoolPhase::Primary),
        (false, true) => Some(SchoolPhase::Secondary),
        (false, false) => None,
    }
}

/// The phase of a set of figures: from its year groups that have pupils (a hidden count
/// has pupils; pupils whose year group is not recorded do not count).
pub fn phase_of(set: &FigureSet) -> Option<SchoolPhase> {
    phase_of_years(set.rows.iter().filter_map(|row| match row.group {
        RowGroup::YearGroup(Some(year)) if row.get(Measure::Pupils) != Figure::Number(0) => {
            Some(year)
        }
        _ => None,
    }))
}

/// What similar schools are judged by: phase, pupils and disadvantaged pupils.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchoolShape {
    /// The school's phase.
    pub phase: SchoolPhase,
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
            phase: phase_of(set)?,
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
