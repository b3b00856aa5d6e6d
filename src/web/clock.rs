//! The clock lives here, at the edge: the core is given dates, never reads them.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// Today's date on this computer.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Milliseconds since 1970 on this computer, for unique ids and timings.
pub fn now_millis() -> f64 {
    js_sys::Date::now()
}

/// The date and time on this computer's clock (local time), to the minute.
pub fn now_local() -> NaiveDateTime {
    let now = js_sys::Date::new_0();
    let time = NaiveTime::from_hms_opt(now.get_hours(), now.get_minutes(), 0).unwrap_or_default();
    today().and_time(time)
}
