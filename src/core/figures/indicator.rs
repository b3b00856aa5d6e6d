//! What benchmarks compare, indicator by indicator, worked out from one row of figures.
//!
//! Each indicator is a share of the row's pupils (red; amber or red; each factor), a share
//! of those with the value recorded (persistent absence; suspended; low attainers) or mean
//! attendance. A share is hidden when either of its counts is ([`Reading::Suppressed`]),
//! so a comparison that cannot be made says so instead of a number.

use super::{Figure, FigureRow, Measure};
use crate::core::scoring::Factor;
use crate::core::value::Percent;
use std::fmt;

/// `count ÷ of` as a percentage, rounded half up to hundredths; `of` is never 0.
pub(crate) fn share(count: u64, of: u64) -> Percent {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::figures::{RowGroup, MEASURES};

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
}
