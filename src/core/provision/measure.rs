//! What a provision measures (SPEC §8.2): the measure it names, its entry and exit values
//! as exact decimals, and where they can come from.
//!
//! A provision names one [`MeasureSpec`]: a name, a unit, whether higher or lower is
//! better, the range a value may take, and its source — typed (or pasted from Excel), or
//! read from the data drops nearest the provision's start and end (attendance %, or a
//! subject's current result). Each value is a [`MeasureValue`]: a decimal with at most four
//! places, held as a whole number of ten-thousandths so sums and gains are exact.
//!
//! A pupil's entry and exit are stored as the text the school gave (`Measure::value`),
//! written the way [`MeasureValue`] writes it, so a record from before measures were named
//! ("7y 2m") still reads; such a value is simply not a number and is not counted.

use crate::core::drop::{AcademicYear, Term};
use crate::core::pupil::{Pupil, PupilKey};
use crate::core::tracking::timeline::Period;
use crate::core::value::ValueError;
use chrono::NaiveDate;
use std::fmt;

/// Ten-thousandths in one.
const SCALE: i64 = 10_000;

/// A measured value: an exact decimal with at most four decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct MeasureValue(i64);

impl MeasureValue {
    /// Zero.
    pub const ZERO: MeasureValue = MeasureValue(0);

    /// Reads "104", "93.5", "-2", "7.25", "1,250" or "87.5%". Blank is no value
    /// (`Ok(None)`); anything else, or more than four decimal places, is a plain error.
    pub fn parse(text: &str) -> Result<Option<MeasureValue>, ValueError> {
        let text = text.trim().trim_end_matches('%').trim();
        if text.is_empty() {
            return Ok(None);
        }
        let not_a_number = || {
            ValueError(format!(
                "“{text}” is not a number. Type a number such as 104 or 93.5."
            ))
        };
        let cleaned: String = text.chars().filter(|c| *c != ',').collect();
        let (negative, digits) = match cleaned.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if (whole.is_empty() && fraction.is_empty())
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !fraction.chars().all(|c| c.is_ascii_digit())
        {
            return Err(not_a_number());
        }
        if fraction.len() > 4 {
            return Err(ValueError(format!(
                "“{text}” has more than 4 decimal places. Round it to 4 places or fewer."
            )));
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| not_a_number())?
        };
        let fraction: i64 = format!("{fraction:0<4}").parse().unwrap_or(0);
        let size = whole
            .checked_mul(SCALE)
            .and_then(|w| w.checked_add(fraction))
            .filter(|v| *v <= 1_000_000_000 * SCALE)
            .ok_or_else(|| ValueError(format!("“{text}” is too large to be a measure.")))?;
        Ok(Some(MeasureValue(if negative { -size } else { size })))
    }

    /// The value from whole ten-thousandths.
    pub fn from_ten_thousandths(value: i64) -> MeasureValue {
        MeasureValue(value)
    }

    /// The value in whole ten-thousandths.
    pub fn ten_thousandths(&self) -> i64 {
        self.0
    }

    /// A whole number.
    pub fn whole(n: i64) -> MeasureValue {
        MeasureValue(n.saturating_mul(SCALE))
    }

    /// The value as a float, for drawing charts only.
    pub fn as_f64(&self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    /// The value rounded half away from zero to `places` (0–4) decimal places, written with
    /// exactly that many ("2.50" for two).
    pub fn rounded(&self, places: u32) -> String {
        let places = places.min(4);
        let step = 10_i64.pow(4 - places);
        let magnitude = (self.0.abs() + step / 2) / step;
        let sign = if self.0 < 0 && magnitude != 0 {
            "-"
        } else {
            ""
        };
        if places == 0 {
            return format!("{sign}{magnitude}");
        }
        let unit = 10_i64.pow(places);
        format!(
            "{sign}{}.{:0width$}",
            magnitude / unit,
            magnitude % unit,
            width = places as usize
        )
    }
}

impl fmt::Display for MeasureValue {
    /// The shortest exact form: "104", "93.5", "-0.25".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = magnitude / SCALE as u64;
        let fraction = magnitude % SCALE as u64;
        if fraction == 0 {
            return write!(f, "{sign}{whole}");
        }
        let digits = format!("{fraction:04}");
        write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

/// Where a measure's values come from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MeasureSource {
    /// Typed or pasted by staff.
    #[default]
    Typed,
    /// Attendance % from the data drops nearest the start and the end.
    Attendance,
    /// A subject's current result from the data drops nearest the start and the end.
    Subject(String),
}

/// The measure a provision names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeasureSpec {
    /// "Reading age", "Standardised score", "Attendance %", "Maths working-at grade".
    pub name: String,
    /// "months", "points", "%", "grade" (may be blank).
    pub unit: String,
    /// Whether a higher value is better (lower is better for, say, incidents a week).
    pub higher_is_better: bool,
    /// The lowest value allowed, if any.
    pub lowest: Option<MeasureValue>,
    /// The highest value allowed, if any.
    pub highest: Option<MeasureValue>,
    /// Typed, or from the data drops.
    pub source: MeasureSource,
}

impl MeasureSpec {
    /// The measures schools use most, offered when a provision names its measure.
    pub fn presets() -> Vec<MeasureSpec> {
        let spec = |name: &str, unit: &str, higher: bool, low: i64, high: i64| MeasureSpec {
            name: name.to_string(),
            unit: unit.to_string(),
            higher_is_better: higher,
            lowest: Some(MeasureValue::whole(low)),
            highest: Some(MeasureValue::whole(high)),
            source: MeasureSource::Typed,
        };
        vec![
            spec("Reading age", "months", true, 0, 240),
            spec("Spelling age", "months", true, 0, 240),
            spec("Standardised score", "points", true, 40, 160),
            MeasureSpec {
                source: MeasureSource::Attendance,
                ..spec("Attendance %", "%", true, 0, 100)
            },
            spec("Rating (1–10)", "points", true, 1, 10),
            spec("Incidents a week", "incidents", false, 0, 1_000),
        ]
    }

    /// The measure of a subject's current result, read from the data drops.
    pub fn subject(subject: &str) -> MeasureSpec {
        MeasureSpec {
            name: format!("{subject} working-at grade"),
            unit: "grade".to_string(),
            higher_is_better: true,
            lowest: None,
            highest: None,
            source: MeasureSource::Subject(subject.to_string()),
        }
    }

    /// "Reading age (months, higher is better)".
    pub fn describe(&self) -> String {
        let direction = if self.higher_is_better {
            "higher is better"
        } else {
            "lower is better"
        };
        if self.unit.trim().is_empty() {
            format!("{} ({direction})", self.name)
        } else {
            format!("{} ({}, {direction})", self.name, self.unit.trim())
        }
    }

    /// Reads a value typed or pasted for this measure: blank is no value; a value that is
    /// not a number, or outside the measure's range, is refused in plain English.
    pub fn check(&self, text: &str) -> Result<Option<MeasureValue>, ValueError> {
        let Some(value) = MeasureValue::parse(text)? else {
            return Ok(None);
        };
        let range = |low: Option<MeasureValue>, high: Option<MeasureValue>| match (low, high) {
            (Some(low), Some(high)) => format!("between {low} and {high}"),
            (Some(low), None) => format!("{low} or more"),
            (None, Some(high)) => format!("{high} or less"),
            (None, None) => String::new(),
        };
        let below = self.lowest.is_some_and(|low| value < low);
        let above = self.highest.is_some_and(|high| value > high);
        if below || above {
            return Err(ValueError(format!(
                "{value} is outside the range for {}: type a value {}.",
                self.name,
                range(self.lowest, self.highest)
            )));
        }
        Ok(Some(value))
    }

    /// The gain from `entry` to `exit`, signed so that a positive gain is always better:
    /// exit − entry when higher is better, entry − exit when lower is.
    pub fn gain(&self, entry: MeasureValue, exit: MeasureValue) -> MeasureValue {
        if self.higher_is_better {
            MeasureValue(exit.0 - entry.0)
        } else {
            MeasureValue(entry.0 - exit.0)
        }
    }

    /// Whether two provisions' measures can be compared: the same name, unit and direction
    /// (case and spaces at the ends ignored).
    pub fn same_measure(&self, other: &MeasureSpec) -> bool {
        self.name.trim().eq_ignore_ascii_case(other.name.trim())
            && self.unit.trim().eq_ignore_ascii_case(other.unit.trim())
            && self.higher_is_better == other.higher_is_better
    }
}

/// Reads a column pasted from Excel (one value a line; tabs separate cells and only the
/// first cell counts). Gives one value per line, blank lines as no value, or the first
/// line that is wrong, counted from 1, with what is wrong with it.
pub fn read_pasted_column(
    spec: &MeasureSpec,
    text: &str,
) -> Result<Vec<Option<MeasureValue>>, (usize, ValueError)> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(at, line)| {
            let cell = line.trim_end_matches('\r').split('\t').next().unwrap_or("");
            spec.check(cell).map_err(|why| (at + 1, why))
        })
        .collect()
}

/// The day a drop's figures are taken to stand for: near the end of its term (15
/// December, 31 March, 15 July), when schools take their termly data.
pub fn as_at(period: Period) -> NaiveDate {
    let AcademicYear { start_year } = period.academic_year;
    let (year, month, day) = match period.term {
        Term::Autumn => (start_year, 12, 15),
        Term::Spring => (start_year + 1, 3, 31),
        Term::Summer => (start_year + 1, 7, 15),
    };
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// A value read from a data drop, and which drop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DropValue {
    /// The drop it came from.
    pub period: Period,
    /// The value.
    pub value: MeasureValue,
}

/// The value of a drop-read measure for one pupil (found by their pupil key) in one drop.
fn value_in(spec: &MeasureSpec, pupils: &[Pupil], key: &str) -> Option<MeasureValue> {
    let pupil = pupils.iter().find(|p| PupilKey::of(p).as_str() == key)?;
    match &spec.source {
        MeasureSource::Typed => None,
        MeasureSource::Attendance => pupil
            .attendance
            .map(|p| MeasureValue(i64::from(p.hundredths()) * 100)),
        MeasureSource::Subject(subject) => pupil
            .attainment
            .iter()
            .find(|a| a.subject.trim().eq_ignore_ascii_case(subject.trim()))
            .and_then(|a| a.current.as_deref())
            .and_then(|text| MeasureValue::parse(text).ok().flatten()),
    }
}

/// Entry and exit for a drop-read measure: the pupil's value in the drop nearest `start`
/// and in the drop nearest `end` (by [`as_at`]; on a tie the earlier drop), among the drops
/// that hold a value for them. `None` for a typed measure, or when no drop has a value;
/// exit is `None` when the only drop with a value is the entry's.
pub fn from_drops(
    spec: &MeasureSpec,
    drops: &[(Period, &[Pupil])],
    key: &str,
    start: NaiveDate,
    end: NaiveDate,
) -> (Option<DropValue>, Option<DropValue>) {
    let mut found: Vec<DropValue> = drops
        .iter()
        .filter_map(|(period, pupils)| {
            value_in(spec, pupils, key).map(|value| DropValue {
                period: *period,
                value,
            })
        })
        .collect();
    found.sort_by_key(|v| v.period);
    let nearest = |day: NaiveDate| {
        found
            .iter()
            .min_by_key(|v| ((as_at(v.period) - day).num_days().abs(), v.period))
            .copied()
    };
    let entry = nearest(start);
    let exit = nearest(end).filter(|exit| Some(exit.period) != entry.map(|e| e.period));
    (entry, exit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::value::{Percent, Upn};

    fn value(text: &str) -> MeasureValue {
        MeasureValue::parse(text).expect("reads").expect("a value")
    }

    #[test]
    fn values_are_exact_decimals_written_shortest() {
        assert_eq!(value("93.5").ten_thousandths(), 935_000);
        assert_eq!(value(" 87.25% ").to_string(), "87.25");
        assert_eq!(value("1,250").to_string(), "1250");
        assert_eq!(value("-0.5").to_string(), "-0.5");
        assert_eq!(value(".75").to_string(), "0.75");
        assert_eq!(value("104.0000").to_string(), "104");
        assert_eq!(MeasureValue::parse("  ").expect("blank"), None);
        assert_eq!(value("2.345").rounded(2), "2.35");
        assert_eq!(value("-2.345").rounded(1), "-2.3");
        assert_eq!(value("-0.04").rounded(1), "0.0");
    }

    #[test]
    fn a_value_that_is_not_a_number_or_too_precise_is_refused_plainly() {
        let why = MeasureValue::parse("7y 2m").expect_err("refused").0;
        assert!(why.contains("is not a number"), "{why}");
        let why = MeasureValue::parse("93.45678").expect_err("refused").0;
        assert!(why.contains("more than 4 decimal places"), "{why}");
        assert!(MeasureValue::parse("1.2.3").is_err());
        assert!(MeasureValue::parse("-").is_err());
    }

    #[test]
    fn a_value_outside_the_measures_range_is_refused() {
        let attendance = MeasureSpec::presets()
            .into_iter()
            .find(|m| m.source == MeasureSource::Attendance)
            .expect("attendance");
        assert_eq!(attendance.check("100").expect("ok"), Some(value("100")));
        let why = attendance.check("100.5").expect_err("refused").0;
        assert_eq!(
            why,
            "100.5 is outside the range for Attendance %: type a value between 0 and 100."
        );
    }

    #[test]
    fn a_gain_is_positive_when_the_pupil_did_better_either_way_round() {
        let reading = MeasureSpec::presets().remove(0);
        assert_eq!(reading.gain(value("80"), value("86.5")), value("6.5"));
        let incidents = MeasureSpec {
            higher_is_better: false,
            ..MeasureSpec::default()
        };
        assert_eq!(incidents.gain(value("5"), value("2")), value("3"));
        assert_eq!(incidents.gain(value("2"), value("5")), value("-3"));
    }

    #[test]
    fn a_pasted_column_gives_one_value_a_line_or_the_first_bad_line() {
        let spec = MeasureSpec::presets().remove(2);
        let read = read_pasted_column(&spec, "98\t x\r\n\r\n104.5\r\n").expect("reads");
        assert_eq!(read, [Some(value("98")), None, Some(value("104.5"))]);
        let (line, why) = read_pasted_column(&spec, "98\n200\n").expect_err("refused");
        assert_eq!(line, 2);
        assert!(why.0.contains("between 40 and 160"), "{}", why.0);
    }

    fn pupil(upn: &str, attendance: u32, maths: &str) -> Pupil {
        Pupil {
            upn: Upn::parse(upn).ok(),
            attendance: Some(Percent::from_hundredths(attendance)),
            attainment: vec![crate::core::pupil::SubjectAttainment {
                subject: "Maths".into(),
                current: Some(maths.into()),
                ..Default::default()
            }],
            ..Pupil::default()
        }
    }

    #[test]
    fn drop_values_come_from_the_drops_nearest_the_start_and_the_end() {
        let upn = "A123456789012";
        let year = AcademicYear { start_year: 2025 };
        let period = |term| Period {
            academic_year: year,
            term,
        };
        let autumn = [pupil(upn, 9_150, "3")];
        let spring = [pupil(upn, 9_275, "4")];
        let summer = [pupil(upn, 9_400, "x")];
        let drops: Vec<(Period, &[Pupil])> = vec![
            (period(Term::Spring), &spring),
            (period(Term::Autumn), &autumn),
            (period(Term::Summer), &summer),
        ];
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let attendance = MeasureSpec::presets().remove(3);
        let (entry, exit) = from_drops(
            &attendance,
            &drops,
            upn,
            date(2025, 11, 3),
            date(2026, 4, 2),
        );
        assert_eq!(
            entry.map(|v| (v.period.term, v.value)),
            Some((Term::Autumn, value("91.5")))
        );
        assert_eq!(
            exit.map(|v| (v.period.term, v.value)),
            Some((Term::Spring, value("92.75")))
        );
        // The summer drop's maths is not a number, so the exit comes from spring.
        let maths = MeasureSpec::subject("maths");
        let (entry, exit) = from_drops(&maths, &drops, upn, date(2025, 9, 1), date(2026, 7, 20));
        assert_eq!(entry.map(|v| v.value), Some(value("3")));
        assert_eq!(exit.map(|v| v.value), Some(value("4")));
        // One drop only: an entry and no exit.
        let (entry, exit) = from_drops(
            &attendance,
            &drops[..1],
            upn,
            date(2025, 9, 1),
            date(2026, 7, 20),
        );
        assert!(entry.is_some() && exit.is_none());
        assert_eq!(
            from_drops(
                &attendance,
                &drops,
                "B1",
                date(2025, 9, 1),
                date(2026, 7, 20)
            ),
            (None, None)
        );
    }
}
