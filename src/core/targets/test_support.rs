//! What the targets tests share: valid UPNs made from a serial number, periods and a
//! scoring date.

use crate::core::drop::{AcademicYear, Term};
use crate::core::scoring::ScoringContext;
use crate::core::tracking::timeline::Period;
use crate::core::value::Upn;

/// A valid UPN ending in `serial`, its check letter worked out.
pub fn upn(serial: u32) -> Upn {
    let rest = format!("8012345{serial:05}");
    let letter = Upn::check_letter(&rest).expect("twelve digits");
    Upn::parse(&format!("{letter}{rest}")).expect("a valid UPN")
}

/// `term` of the academic year starting in September `start_year`.
pub fn period(start_year: i32, term: Term) -> Period {
    Period {
        academic_year: AcademicYear { start_year },
        term,
    }
}

/// Scoring as on 13/03/2026.
pub fn context() -> ScoringContext {
    ScoringContext::new(chrono::NaiveDate::from_ymd_opt(2026, 3, 13).expect("a date"))
}

/// An exact figure from its text ("93.25").
pub fn value(text: &str) -> crate::core::provision::measure::MeasureValue {
    crate::core::provision::measure::MeasureValue::parse(text)
        .expect("reads")
        .expect("a value")
}

/// A date that exists.
pub fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}
