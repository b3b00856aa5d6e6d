//! What the tracking tests share: valid UPNs made from a serial number, periods and a
//! scoring date.

use super::timeline::Period;
use crate::core::drop::{AcademicYear, Term};
use crate::core::scoring::ScoringContext;
use crate::core::value::Upn;

/// The UPN text ending in `serial`, with its check letter worked out.
pub fn upn_text(serial: u32) -> String {
    let rest = format!("8012345{serial:05}");
    let letter = Upn::check_letter(&rest).expect("twelve digits");
    format!("{letter}{rest}")
}

/// A valid UPN ending in `serial`.
pub fn upn(serial: u32) -> Upn {
    Upn::parse(&upn_text(serial)).expect("a valid UPN")
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
