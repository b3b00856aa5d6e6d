//! The scoring profile (SPEC §5): every threshold and weight the planner uses, in one
//! versioned JSON document that a local authority can publish and every school load, so
//! schools and years compare like with like.
//!
//! Points are exact: [`Points`] holds thousandths in an integer, and JSON numbers such as
//! `1.25` are converted to thousandths by rounding, never kept as floating point.
//! Percentages in the profile (attendance thresholds, the shortlist size) are held the
//! same way, in hundredths of a percent.

use crate::core::value::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Add, AddAssign};
use thiserror::Error;

/// The newest profile format this planner reads and writes.
/// Version 2 added the attainment flight path and the "changed locally" mark; a version-1
/// profile reads with their defaults.
pub const SCHEMA_VERSION: u32 = 2;

/// A number of points, held exactly in thousandths (so `1.648` is `Points(1648)`).
///
/// Totals of `Points` are integers, so equal totals are equal on every machine. In JSON a
/// value is written as a decimal number (`1.25`); reading one with more than three
/// decimal places is an error rather than a silent rounding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(pub i64);

impl Points {
    /// No points.
    pub const ZERO: Points = Points(0);

    /// Points from a count of thousandths (`1648` is 1.648 points).
    pub const fn from_thousandths(thousandths: i64) -> Points {
        Points(thousandths)
    }

    /// Whole points (`2` is 2.000 points).
    pub const fn whole(points: i64) -> Points {
        Points(points.saturating_mul(1000))
    }

    /// The value in thousandths of a point.
    pub const fn thousandths(self) -> i64 {
        self.0
    }

    /// True when the value is above zero.
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// Reads points as a person types them: `2`, `2.5`, `-0.25`, `1.648` (at most three
    /// decimal places, at most a million points either way), exactly: "2.5" is 2500
    /// thousandths, never a floating-point number.
    pub fn parse(text: &str) -> Result<Points, NumberError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(NumberError::Blank);
        }
        let number =
            Decimal::parse(text, false).ok_or_else(|| NumberError::NotANumber(text.to_string()))?;
        if number.places() > 3 {
            return Err(NumberError::TooPrecise {
                text: text.to_string(),
                places: 3,
            });
        }
        let magnitude = number
            .scaled(3)
            .and_then(|m| i64::try_from(m).ok())
            .filter(|m| *m <= MAX_POINTS_THOUSANDTHS)
            .ok_or_else(|| NumberError::TooLarge(text.to_string()))?;
        Ok(Points(if number.negative {
            -magnitude
        } else {
            magnitude
        }))
    }

    /// The value at full precision with no trailing zeros: `2`, `1.25`, `1.648`.
    pub fn exact(self) -> String {
        format_scaled(self.0, 1000)
    }

    /// The value as a floating-point number, for charts only; never compare these.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

/// The most points a setting may hold either way: a million, in thousandths.
const MAX_POINTS_THOUSANDTHS: i64 = 1_000_000_000;

/// Why typed text is not a number a profile setting can hold.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberError {
    /// Nothing was typed.
    #[error("Enter a number, such as 1 or 1.5")]
    Blank,
    /// The text is not a plain decimal number.
    #[error("“{0}” is not a number: enter a number such as 1 or 1.5")]
    NotANumber(String),
    /// The number has more decimal places than the setting holds.
    #[error("“{text}” has more than {places} decimal places: the planner keeps {places} at most")]
    TooPrecise {
        /// The text as typed.
        text: String,
        /// The most decimal places allowed.
        places: usize,
    },
    /// The number is bigger than any setting needs.
    #[error("“{0}” is too large: enter a number of a million or less")]
    TooLarge(String),
    /// A percentage below 0 or above 100.
    #[error("“{0}” is not a percentage from 0 to 100")]
    NotAPercentage(String),
    /// A count with a fraction, a sign or other characters.
    #[error("“{0}” is not a whole number: enter a number such as 0, 1 or 2")]
    NotAWholeNumber(String),
}

/// Reads a percentage setting as a person types it, "90", "92.5" or "92.5%", exactly in
/// hundredths of a percent (9250), from 0 to 100 with at most two decimal places. Unlike
/// [`Percent::parse`](crate::core::value::Percent::parse), which reads a spreadsheet cell,
/// it never takes "0.9" for 90% and never rounds.
pub fn parse_hundredths(text: &str) -> Result<u32, NumberError> {
    let text = text.trim();
    let number_text = text.strip_suffix('%').map_or(text, str::trim_end);
    if number_text.is_empty() {
        return Err(NumberError::Blank);
    }
    let number = Decimal::parse(number_text, false)
        .ok_or_else(|| NumberError::NotANumber(text.to_string()))?;
    if (number.negative && !number.is_zero()) || number.exceeds(100) {
        return Err(NumberError::NotAPercentage(text.to_string()));
    }
    if number.places() > 2 {
        return Err(NumberError::TooPrecise {
            text: text.to_string(),
            places: 2,
        });
    }
    number
        .scaled(2)
        .and_then(|h| u32::try_from(h).ok())
        .ok_or_else(|| NumberError::NotAPercentage(text.to_string()))
}

/// Reads a whole-number setting as a person types it ("3", " 12 "): 0 or more, with no
/// decimal places, sign or thousands separator.
pub fn parse_whole(text: &str) -> Result<u32, NumberError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(NumberError::Blank);
    }
    if !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(NumberError::NotAWholeNumber(text.to_string()));
    }
    text.parse()
        .map_err(|_| NumberError::TooLarge(text.to_string()))
}

/// One decimal place, as the overall indicator is shown: `4.6`.
///
/// The value is rounded *down* to the tenth, so the figure shown never crosses a RAG
/// cut-off that the exact total has not reached (1.999 shows as `1.9` and is green; 2.0
/// shows as `2.0` and is amber).
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = self.0.div_euclid(100);
        let sign = if tenths < 0 { "-" } else { "" };
        let abs = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", abs / 10, abs % 10)
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, rhs: Points) -> Points {
        Points(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Points {
    fn add_assign(&mut self, rhs: Points) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, Add::add)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Points, D::Error> {
        let number = f64::deserialize(deserializer)?;
        scaled_from_f64(number, 1000).map(Points).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{number} is not a number of points with at most three decimal places"
            ))
        })
    }
}

/// Converts a JSON number to an exact count of `1/scale` units, refusing values that are
/// not finite, are absurdly large, or have more decimal places than the scale holds.
fn scaled_from_f64(number: f64, scale: i64) -> Option<i64> {
    if !number.is_finite() || number.abs() > 1e12 {
        return None;
    }
    let scaled = number * scale as f64;
    let rounded = scaled.round();
    if (scaled - rounded).abs() > 1e-6 * rounded.abs().max(1.0) {
        return None;
    }
    Some(rounded as i64)
}

/// Writes `value / scale` with no trailing zeros (`format_scaled(1250, 1000)` is `1.25`).
fn format_scaled(value: i64, scale: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    let scale = scale.unsigned_abs().max(1);
    let whole = abs / scale;
    let fraction = abs % scale;
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let width = scale.ilog10() as usize;
    let digits = format!("{fraction:0width$}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// Serde for a percentage held in hundredths of a percent, written in JSON as `90` or
/// `92.5`.
mod hundredths {
    use super::{format_scaled, scaled_from_f64};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &u32, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(f64::from(*value) / 100.0)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
        let number = f64::deserialize(deserializer)?;
        scaled_from_f64(number, 100)
            .and_then(|scaled| u32::try_from(scaled).ok())
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "{number} is not a percentage of 0 or more with at most two decimal places"
                ))
            })
    }

    /// A percentage in hundredths as text: `90`, `92.5`.
    pub fn show(value: u32) -> String {
        format_scaled(i64::from(value), 100)
    }
}

/// Everything the scorer needs: one versioned document (SPEC §5).
///
/// Unlike the rest of the core, the profile and the rules in it keep serde: the profile's
/// JSON is itself a documented file format, versioned by its own `schema_version`, which
/// a school downloads, edits and uploads. The stored workspace record embeds that same
/// document as it is (`storage::dto::workspace`), so a change to these fields is a change
/// to the profile format and needs a profile migration (see [`Profile::from_json`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The profile format; [`SCHEMA_VERSION`] for profiles this planner writes.
    pub schema_version: u32,
    /// The profile's name, e.g. "Universal profile".
    pub name: String,
    /// The publisher's version label, e.g. "2026.1".
    pub version: String,
    /// Summer-born (birthday) factor.
    pub birthday: BirthdayRule,
    /// SEN factor: points per SEN status.
    pub sen: SenRule,
    /// Movement factor: school moves, or a mid-year date of entry.
    pub movement: MovementRule,
    /// Looked-after (LAC/CLA) factor.
    pub looked_after: LookedAfterRule,
    /// Language factor: EAL and new to English or newly arrived.
    pub language: LanguageRule,
    /// Deprivation factor: IDACI score, band or decile.
    pub deprivation: DeprivationRule,
    /// Red/amber/green cut-offs of the overall indicator.
    pub rag: RagRule,
    /// How many pupils make the shortlist.
    pub shortlist: ShortlistRule,
    /// Attendance marker thresholds.
    pub attendance: AttendanceRule,
    /// Exclusions marker thresholds.
    pub exclusions: ExclusionsRule,
    /// How attainment results are read as low, expected or high.
    pub attainment: AttainmentRule,
    /// Whether a setting was changed in this planner after the profile was built in or
    /// loaded, so its name and version no longer describe it exactly.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub changed_locally: bool,
}

/// Summer-born: born in one of the listed months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BirthdayRule {
    /// Month numbers (1 = January) that count as summer-born; default April–August.
    pub months: Vec<u32>,
    /// Points for a summer-born pupil.
    pub points: Points,
}

/// Points for each SEN status, new codes and legacy codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SenRule {
    /// N: no special educational need.
    pub no_sen: Points,
    /// K: SEN support.
    pub sen_support: Points,
    /// E: education, health and care plan.
    pub ehc_plan: Points,
    /// A: School Action (legacy).
    pub school_action: Points,
    /// P: School Action Plus (legacy).
    pub school_action_plus: Points,
    /// S: statement of SEN (legacy).
    pub statement: Points,
}

/// Movement: one or more school moves; without a moves column, a date of entry outside
/// the usual entry months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovementRule {
    /// Points for a pupil who has moved school.
    pub points: Points,
    /// This many moves or more counts as moving.
    pub moves_from: u32,
    /// Months (1 = January) in which pupils usually join; used only when the file has no
    /// moves column. Default August and September.
    pub usual_entry_months: Vec<u32>,
}

/// Child looked after by the local authority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookedAfterRule {
    /// Points for a looked-after child.
    pub points: Points,
}

/// Language: EAL and (proficiency in the listed levels, or arrived in England recently).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageRule {
    /// Points for a pupil the rule picks out.
    pub points: Points,
    /// English proficiency levels (letters A–E) that count: default A and B.
    pub proficiency: Vec<char>,
    /// Arrived in England within this many years of the "as of" date counts.
    pub arrived_within_years: u32,
}

/// Deprivation: the IDACI score times a multiplier, capped; otherwise the band or decile
/// tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeprivationRule {
    /// Points per unit of IDACI score (default 4, so a score of 0.25 gives 1 point).
    pub score_multiplier: Points,
    /// The most points deprivation can give (default 2).
    pub cap: Points,
    /// Points for each IDACI band, used when there is no score.
    pub band: BandPoints,
    /// Points for IDACI deciles 1 (most deprived) to 10, used when there is no score or
    /// band. Exactly ten entries.
    pub decile: Vec<Points>,
    /// The deprivation marker is coloured from this many points (default 1).
    pub coloured_from: Points,
}

/// Points for IDACI bands A (most deprived) to G.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct BandPoints {
    /// Band A: most deprived 2.5%.
    pub A: Points,
    /// Band B.
    pub B: Points,
    /// Band C.
    pub C: Points,
    /// Band D.
    pub D: Points,
    /// Band E.
    pub E: Points,
    /// Band F.
    pub F: Points,
    /// Band G: least deprived 62.5%.
    pub G: Points,
}

/// RAG cut-offs: green below `amber_from`, amber below `red_from`, red from `red_from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RagRule {
    /// Amber from this overall indicator (default 2).
    pub amber_from: Points,
    /// Red from this overall indicator (default 4).
    pub red_from: Points,
}

/// The shortlist: the top `percent` of pupils, at least one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortlistRule {
    /// Percentage of pupils in hundredths of a percent (default 200 = 2%); written in
    /// JSON as `2`. Between 0.1% and 100%.
    #[serde(with = "hundredths")]
    pub percent: u32,
}

/// Attendance marker: amber at or below one threshold, red at or below another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceRule {
    /// Amber at or below this attendance, in hundredths of a percent (default 90%).
    #[serde(with = "hundredths")]
    pub amber_at_or_below: u32,
    /// Red at or below this attendance, in hundredths of a percent (default 50%).
    #[serde(with = "hundredths")]
    pub red_at_or_below: u32,
}

/// Exclusions marker: amber from some suspensions, red from more or any permanent
/// exclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusionsRule {
    /// Amber from this many suspensions this year (default 1).
    pub amber_suspensions: u32,
    /// Red from this many suspensions this year (default 3).
    pub red_suspensions: u32,
    /// A permanent exclusion makes the marker red (default true).
    pub permanent_is_red: bool,
}

/// How a subject's result is read as low, expected or high.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttainmentRule {
    /// Lowest KS2 scaled score (default 80).
    pub scaled_min: u32,
    /// Highest KS2 scaled score (default 120).
    pub scaled_max: u32,
    /// A scaled score below this is low (default 100).
    pub scaled_low_below: u32,
    /// A scaled score at or above this is high (default 110).
    pub scaled_high_from: u32,
    /// Teacher-assessment codes and words read as low (compared ignoring case and extra
    /// spaces).
    pub low_codes: Vec<String>,
    /// Codes and words read as expected.
    pub expected_codes: Vec<String>,
    /// Codes and words read as high.
    pub high_codes: Vec<String>,
    /// Without a target, a grade (1–9) at or below this is low (default 3).
    pub grade_low_at_or_below: u32,
    /// Without a target, a grade at or above this is high (default 7).
    pub grade_high_from: u32,
    /// With a target, a grade this many or more below it is low (default 1: any grade
    /// below target).
    pub grades_below_target_for_low: u32,
    /// With a target, a grade this many or more above it is high (default 1).
    pub grades_above_target_for_high: u32,
    /// The flight path to an end-of-Key-Stage-4 target: how many grades below the target
    /// a pupil in each year group is expected to be working now. A year group not listed
    /// is expected to be at its target.
    #[serde(default = "default_flight_path")]
    pub flight_path: Vec<FlightPathStep>,
}

/// One year group's step on the flight path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlightPathStep {
    /// National Curriculum year, 1 to 13.
    pub year: u8,
    /// Grades below the target expected now (1.5 is a grade and a half), held exactly in
    /// thousandths like points.
    pub grades_below_target: Points,
}

/// Year 7 2, Year 8 1.5, Year 9 1, Year 10 0.5, Year 11 0 grades below target.
pub fn default_flight_path() -> Vec<FlightPathStep> {
    [(7, 2000), (8, 1500), (9, 1000), (10, 500), (11, 0)]
        .into_iter()
        .map(|(year, thousandths)| FlightPathStep {
            year,
            grades_below_target: Points::from_thousandths(thousandths),
        })
        .collect()
}

impl AttainmentRule {
    /// Grades below target expected now for a pupil in `year`, in thousandths of a grade
    /// (0 for a year group not on the flight path, or not known).
    pub fn lag_thousandths(&self, year: Option<crate::core::value::YearGroup>) -> i64 {
        let Some(crate::core::value::YearGroup::Year(n)) = year else {
            return 0;
        };
        self.flight_path
            .iter()
            .find(|step| step.year == n)
            .map_or(0, |step| step.grades_below_target.thousandths())
    }
}

/// Why a profile could not be loaded. Messages are for school staff.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProfileError {
    /// The text is not JSON, or not shaped like a profile.
    #[error("This file is not a planner scoring profile that can be read: {0}")]
    BadJson(String),
    /// The profile was written by a newer planner in a format this one cannot read.
    #[error(
        "This profile was made by a newer version of the planner (profile format {found}; \
         this planner reads format {supported}). Update the planner, or ask whoever sent \
         the profile for a copy made for this version."
    )]
    NewerSchema {
        /// The profile's `schema_version`.
        found: u32,
        /// The newest version this planner reads.
        supported: u32,
    },
    /// The profile names a format version that never existed.
    #[error("This profile says it is in format {0}, which no version of the planner uses.")]
    UnknownSchema(u32),
    /// A setting is outside the range that makes sense.
    #[error("This profile cannot be used: {setting} {problem}.")]
    OutOfRange {
        /// The setting in plain English, e.g. "the amber cut-off".
        setting: String,
        /// What is wrong with it, e.g. "must be below the red cut-off (4)".
        problem: String,
    },
}

impl Default for Profile {
    fn default() -> Profile {
        Profile::universal()
    }
}

impl Profile {
    /// The built-in universal profile with SPEC §5's defaults.
    pub fn universal() -> Profile {
        let codes = |list: &[&str]| list.iter().map(|code| (*code).to_string()).collect();
        Profile {
            schema_version: SCHEMA_VERSION,
            name: "Universal profile".to_string(),
            version: "1.0".to_string(),
            birthday: BirthdayRule {
                months: vec![4, 5, 6, 7, 8],
                points: Points::whole(1),
            },
            sen: SenRule {
                no_sen: Points::ZERO,
                sen_support: Points::whole(2),
                ehc_plan: Points::whole(3),
                school_action: Points::whole(2),
                school_action_plus: Points::whole(2),
                statement: Points::whole(3),
            },
            movement: MovementRule {
                points: Points::whole(1),
                moves_from: 1,
                usual_entry_months: vec![8, 9],
            },
            looked_after: LookedAfterRule {
                points: Points::whole(3),
            },
            language: LanguageRule {
                points: Points::whole(1),
                proficiency: vec!['A', 'B'],
                arrived_within_years: 2,
            },
            deprivation: DeprivationRule {
                score_multiplier: Points::whole(4),
                cap: Points::whole(2),
                band: BandPoints {
                    A: Points(2000),
                    B: Points(1500),
                    C: Points(1250),
                    D: Points(1000),
                    E: Points(750),
                    F: Points(500),
                    G: Points(0),
                },
                decile: vec![
                    Points(2000),
                    Points(1500),
                    Points(1000),
                    Points(500),
                    Points(0),
                    Points(0),
                    Points(0),
                    Points(0),
                    Points(0),
                    Points(0),
                ],
                coloured_from: Points::whole(1),
            },
            rag: RagRule {
                amber_from: Points::whole(2),
                red_from: Points::whole(4),
            },
            shortlist: ShortlistRule { percent: 200 },
            attendance: AttendanceRule {
                amber_at_or_below: 9000,
                red_at_or_below: 5000,
            },
            exclusions: ExclusionsRule {
                amber_suspensions: 1,
                red_suspensions: 3,
                permanent_is_red: true,
            },
            attainment: AttainmentRule {
                scaled_min: 80,
                scaled_max: 120,
                scaled_low_below: 100,
                scaled_high_from: 110,
                low_codes: codes(&[
                    "BLW",
                    "PKF",
                    "PK1",
                    "PK2",
                    "PK3",
                    "PK4",
                    "PK5",
                    "PK6",
                    "HNM",
                    "WTS",
                    "Emerging",
                    "Working towards",
                ]),
                expected_codes: codes(&["EXS", "Expected"]),
                high_codes: codes(&["GDS", "Exceeding", "Greater depth"]),
                grade_low_at_or_below: 3,
                grade_high_from: 7,
                grades_below_target_for_low: 1,
                grades_above_target_for_high: 1,
                flight_path: default_flight_path(),
            },
            changed_locally: false,
        }
    }

    /// "Universal profile (version 1.0)", and ", changed on this computer" once a setting
    /// has been changed here.
    pub fn label(&self) -> String {
        let changed = if self.changed_locally {
            ", changed on this computer"
        } else {
            ""
        };
        format!("{} (version {}){changed}", self.name, self.version)
    }

    /// Reads a profile from JSON and checks every setting is in range.
    pub fn from_json(text: &str) -> Result<Profile, ProfileError> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|error| ProfileError::BadJson(error.to_string()))?;
        // Check the version first, so a newer profile with new settings gets the
        // "newer version" message rather than a confusing one about unknown fields.
        if let Some(found) = value.get("schema_version").and_then(|v| v.as_u64()) {
            let found = u32::try_from(found).unwrap_or(u32::MAX);
            if found > SCHEMA_VERSION {
                return Err(ProfileError::NewerSchema {
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            if found == 0 {
                return Err(ProfileError::UnknownSchema(found));
            }
        }
        let mut profile: Profile = serde_json::from_value(value)
            .map_err(|error| ProfileError::BadJson(error.to_string()))?;
        profile.validate()?;
        // An older profile reads with the defaults of what it lacks, and is now current.
        profile.schema_version = SCHEMA_VERSION;
        Ok(profile)
    }

    /// The profile as pretty-printed JSON, ready to save and share.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of numbers, strings and lists cannot fail.
        let current = Profile {
            schema_version: SCHEMA_VERSION,
            ..self.clone()
        };
        serde_json::to_string_pretty(&current).unwrap_or_default()
    }

    /// Checks every setting is in a range that makes sense.
    pub fn validate(&self) -> Result<(), ProfileError> {
        let fail = |setting: &str, problem: String| {
            Err(ProfileError::OutOfRange {
                setting: setting.to_string(),
                problem,
            })
        };
        if self.schema_version > SCHEMA_VERSION {
            return Err(ProfileError::NewerSchema {
                found: self.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        if self.schema_version == 0 {
            return Err(ProfileError::UnknownSchema(0));
        }
        if self.name.trim().is_empty() {
            return fail("the profile's name", "must not be empty".to_string());
        }
        let weights = [
            ("the summer-born points", self.birthday.points),
            ("the points for no SEN", self.sen.no_sen),
            ("the SEN support points", self.sen.sen_support),
            ("the EHC plan points", self.sen.ehc_plan),
            ("the School Action points", self.sen.school_action),
            ("the School Action Plus points", self.sen.school_action_plus),
            ("the statement points", self.sen.statement),
            ("the movement points", self.movement.points),
            ("the looked-after points", self.looked_after.points),
            ("the language points", self.language.points),
            (
                "the IDACI score multiplier",
                self.deprivation.score_multiplier,
            ),
            ("the deprivation cap", self.deprivation.cap),
            ("the IDACI band A points", self.deprivation.band.A),
            ("the IDACI band B points", self.deprivation.band.B),
            ("the IDACI band C points", self.deprivation.band.C),
            ("the IDACI band D points", self.deprivation.band.D),
            ("the IDACI band E points", self.deprivation.band.E),
            ("the IDACI band F points", self.deprivation.band.F),
            ("the IDACI band G points", self.deprivation.band.G),
        ];
        for (setting, points) in weights.into_iter().chain(
            self.deprivation
                .decile
                .iter()
                .map(|p| ("an IDACI decile's points", *p)),
        ) {
            if points < Points::ZERO || points > Points::whole(100) {
                return fail(
                    setting,
                    format!("must be between 0 and 100; it is {}", points.exact()),
                );
            }
        }
        check_months("the summer-born months", &self.birthday.months)?;
        check_months("the usual entry months", &self.movement.usual_entry_months)?;
        if self.movement.moves_from == 0 {
            return fail(
                "the number of school moves that counts",
                "must be 1 or more".into(),
            );
        }
        if let Some(bad) = self
            .language
            .proficiency
            .iter()
            .find(|c| !matches!(**c, 'A'..='E'))
        {
            return fail(
                "the English proficiency levels",
                format!("must be letters A to E; “{bad}” is not one"),
            );
        }
        if self.language.arrived_within_years > 50 {
            return fail(
                "the years since arrival",
                format!(
                    "must be 50 or fewer; it is {}",
                    self.language.arrived_within_years
                ),
            );
        }
        if self.deprivation.decile.len() != 10 {
            return fail(
                "the IDACI decile table",
                format!(
                    "must have exactly 10 entries (deciles 1 to 10); it has {}",
                    self.deprivation.decile.len()
                ),
            );
        }
        if self.deprivation.coloured_from <= Points::ZERO {
            return fail(
                "the points that colour the deprivation marker",
                format!(
                    "must be above 0; it is {}",
                    self.deprivation.coloured_from.exact()
                ),
            );
        }
        let rag = &self.rag;
        if rag.amber_from < Points::ZERO {
            return fail(
                "the amber cut-off",
                format!("must be 0 or more; it is {}", rag.amber_from.exact()),
            );
        }
        if rag.amber_from >= rag.red_from {
            return fail(
                "the amber cut-off",
                format!(
                    "must be below the red cut-off; amber is from {} and red from {}",
                    rag.amber_from.exact(),
                    rag.red_from.exact()
                ),
            );
        }
        if !(10..=10_000).contains(&self.shortlist.percent) {
            return fail(
                "the shortlist percentage",
                format!(
                    "must be between 0.1% and 100%; it is {}%",
                    hundredths::show(self.shortlist.percent)
                ),
            );
        }
        let attendance = &self.attendance;
        if attendance.amber_at_or_below > 10_000 {
            return fail(
                "the amber attendance threshold",
                format!(
                    "must be 100% or less; it is {}%",
                    hundredths::show(attendance.amber_at_or_below)
                ),
            );
        }
        if attendance.red_at_or_below > attendance.amber_at_or_below {
            return fail(
                "the red attendance threshold",
                format!(
                    "must be at or below the amber threshold; red is {}% and amber {}%",
                    hundredths::show(attendance.red_at_or_below),
                    hundredths::show(attendance.amber_at_or_below)
                ),
            );
        }
        let exclusions = &self.exclusions;
        if exclusions.amber_suspensions == 0 {
            return fail(
                "the suspensions that make the exclusions marker amber",
                "must be 1 or more".into(),
            );
        }
        if exclusions.red_suspensions < exclusions.amber_suspensions {
            return fail(
                "the suspensions that make the exclusions marker red",
                format!(
                    "must be at least the amber number ({}); it is {}",
                    exclusions.amber_suspensions, exclusions.red_suspensions
                ),
            );
        }
        let attainment = &self.attainment;
        if !(attainment.scaled_min <= attainment.scaled_low_below
            && attainment.scaled_low_below <= attainment.scaled_high_from
            && attainment.scaled_high_from <= attainment.scaled_max.saturating_add(1))
        {
            return fail(
                "the scaled-score thresholds",
                format!(
                    "must run in order: lowest score ({}) ≤ low below ({}) ≤ high from ({}) ≤ highest score ({})",
                    attainment.scaled_min,
                    attainment.scaled_low_below,
                    attainment.scaled_high_from,
                    attainment.scaled_max
                ),
            );
        }
        if attainment.scaled_min <= 9 {
            return fail(
                "the lowest scaled score",
                format!(
                    "must be above 9, so scaled scores are not mistaken for grades 1–9; it is {}",
                    attainment.scaled_min
                ),
            );
        }
        if !(1..=9).contains(&attainment.grade_low_at_or_below)
            || !(1..=9).contains(&attainment.grade_high_from)
            || attainment.grade_low_at_or_below >= attainment.grade_high_from
        {
            return fail(
                "the grade thresholds",
                format!(
                    "must be grades 1 to 9 with low ({}) below high ({})",
                    attainment.grade_low_at_or_below, attainment.grade_high_from
                ),
            );
        }
        for (setting, grades) in [
            (
                "the grades below target that count as low",
                attainment.grades_below_target_for_low,
            ),
            (
                "the grades above target that count as high",
                attainment.grades_above_target_for_high,
            ),
        ] {
            if !(1..=8).contains(&grades) {
                return fail(setting, format!("must be 1 to 8; it is {grades}"));
            }
        }
        for step in &attainment.flight_path {
            if !(1..=13).contains(&step.year) {
                return fail(
                    "the flight path",
                    format!("names Year {}, but year groups run from 1 to 13", step.year),
                );
            }
            let lag = step.grades_below_target;
            if !(0..=8000).contains(&lag.thousandths()) {
                return fail(
                    &format!("the flight path for Year {}", step.year),
                    format!("must be 0 to 8 grades below target; it is {}", lag.exact()),
                );
            }
        }
        let mut years: Vec<u8> = attainment.flight_path.iter().map(|s| s.year).collect();
        years.sort_unstable();
        if let Some(twice) = years.windows(2).find(|pair| pair[0] == pair[1]) {
            return fail(
                "the flight path",
                format!("gives Year {} twice; give each year group once", twice[0]),
            );
        }
        Ok(())
    }

    /// The summer-born months as words, e.g. "April–August".
    pub fn birthday_months_label(&self) -> String {
        months_label(&self.birthday.months)
    }
}

/// Month names for the plain-English explanations.
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of month `month` (1 = January), or "month 13" for a number out of range.
pub fn month_name(month: u32) -> String {
    month
        .checked_sub(1)
        .and_then(|index| MONTH_NAMES.get(index as usize))
        .map(|name| (*name).to_string())
        .unwrap_or_else(|| format!("month {month}"))
}

/// A list of months as words: a run of consecutive months as "April–August", otherwise
/// "January, March and May".
pub fn months_label(months: &[u32]) -> String {
    let mut sorted = months.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    match sorted.as_slice() {
        [] => "no months".to_string(),
        [only] => month_name(*only),
        [first, .., last] if (*last - *first) as usize + 1 == sorted.len() => {
            format!("{}–{}", month_name(*first), month_name(*last))
        }
        [rest @ .., last] => {
            let names: Vec<String> = rest.iter().map(|m| month_name(*m)).collect();
            format!("{} and {}", names.join(", "), month_name(*last))
        }
    }
}

fn check_months(setting: &str, months: &[u32]) -> Result<(), ProfileError> {
    if let Some(bad) = months.iter().find(|m| !(1..=12).contains(*m)) {
        return Err(ProfileError::OutOfRange {
            setting: setting.to_string(),
            problem: format!("must be month numbers 1 to 12; {bad} is not one"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` as points and gives the thousandths or the message.
    fn check_points(text: &str, expected: Result<i64, &str>) {
        let actual = Points::parse(text)
            .map(Points::thousandths)
            .map_err(|e| e.to_string());
        assert_eq!(actual, expected.map_err(str::to_string), "{text:?}");
    }

    #[test]
    fn points_are_read_exactly() {
        check_points("2.5", Ok(2500));
        check_points(" 1 ", Ok(1000));
        check_points("1.648", Ok(1648));
        check_points("0.1", Ok(100));
        check_points(".5", Ok(500));
        check_points("2.5000", Ok(2500));
        check_points("-0.25", Ok(-250));
        check_points("0", Ok(0));
        check_points("1000000", Ok(1_000_000_000));
    }

    #[test]
    fn points_refuse_junk_with_a_plain_message() {
        check_points("", Err("Enter a number, such as 1 or 1.5"));
        check_points(
            "two",
            Err("“two” is not a number: enter a number such as 1 or 1.5"),
        );
        check_points(
            "1e3",
            Err("“1e3” is not a number: enter a number such as 1 or 1.5"),
        );
        check_points(
            "NaN",
            Err("“NaN” is not a number: enter a number such as 1 or 1.5"),
        );
        check_points(
            "1,5",
            Err("“1,5” is not a number: enter a number such as 1 or 1.5"),
        );
        check_points(
            "1.2345",
            Err("“1.2345” has more than 3 decimal places: the planner keeps 3 at most"),
        );
        check_points(
            "1000000.001",
            Err("“1000000.001” is too large: enter a number of a million or less"),
        );
        check_points(
            "99999999999999999999",
            Err("“99999999999999999999” is not a number: enter a number such as 1 or 1.5"),
        );
    }

    #[test]
    fn percentage_settings_are_read_exactly() {
        let check = |text: &str, expected: Result<u32, &str>| {
            let actual = parse_hundredths(text).map_err(|e| e.to_string());
            assert_eq!(actual, expected.map_err(str::to_string), "{text:?}");
        };
        check("90", Ok(9000));
        check("92.5", Ok(9250));
        check("92.5%", Ok(9250));
        check(" 2 % ", Ok(200));
        check("0.9", Ok(90));
        check("100", Ok(10_000));
        check("0", Ok(0));
        check("100.01", Err("“100.01” is not a percentage from 0 to 100"));
        check("-1", Err("“-1” is not a percentage from 0 to 100"));
        check(
            "92.555",
            Err("“92.555” has more than 2 decimal places: the planner keeps 2 at most"),
        );
        check(
            "ninety",
            Err("“ninety” is not a number: enter a number such as 1 or 1.5"),
        );
        check("%", Err("Enter a number, such as 1 or 1.5"));
    }

    #[test]
    fn whole_number_settings_are_read_exactly() {
        assert_eq!(parse_whole(" 12 "), Ok(12));
        assert_eq!(parse_whole("0"), Ok(0));
        assert_eq!(parse_whole(""), Err(NumberError::Blank));
        for text in ["1.5", "-1", "+2", "1,000", "two"] {
            assert_eq!(
                parse_whole(text),
                Err(NumberError::NotAWholeNumber(text.to_string())),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_whole("99999999999").map_err(|e| e.to_string()),
            Err("“99999999999” is too large: enter a number of a million or less".to_string())
        );
        assert_eq!(
            NumberError::NotAWholeNumber("1.5".into()).to_string(),
            "“1.5” is not a whole number: enter a number such as 0, 1 or 2"
        );
    }

    /// Loads the universal profile after `edit` changes its JSON, and returns the error
    /// message (or "ok").
    fn check(edit: impl FnOnce(&mut serde_json::Value), expected: &str) {
        let mut value = serde_json::to_value(Profile::universal()).expect("profile serialises");
        edit(&mut value);
        let text = value.to_string();
        let actual = match Profile::from_json(&text) {
            Ok(_) => "ok".to_string(),
            Err(error) => error.to_string(),
        };
        assert!(
            actual.contains(expected),
            "expected a message containing {expected:?}, got {actual:?}"
        );
    }

    #[test]
    fn universal_profile_round_trips_through_json() {
        let profile = Profile::universal();
        let json = profile.to_json();
        assert!(json.contains("\"amber_from\": 2.0"), "{json}");
        assert!(json.contains("\"C\": 1.25"), "{json}");
        assert!(json.contains("\"percent\": 2.0"), "{json}");
        assert_eq!(Profile::from_json(&json), Ok(profile.clone()));
        assert_eq!(Profile::default(), profile);
        assert!(profile.validate().is_ok());
    }

    #[test]
    fn edited_profile_round_trips_exactly() {
        let mut profile = Profile::universal();
        profile.deprivation.band.E = Points(125);
        profile.rag.amber_from = Points(1999);
        profile.shortlist.percent = 1050;
        profile.attendance.amber_at_or_below = 9250;
        profile.name = "Tameside LA 2026".into();
        let back = Profile::from_json(&profile.to_json()).expect("round trip");
        assert_eq!(back, profile);
    }

    #[test]
    fn points_are_read_exactly_from_decimals() {
        let read = |text: &str| serde_json::from_str::<Points>(text).map_err(|e| e.to_string());
        assert_eq!(read("1.25"), Ok(Points(1250)));
        assert_eq!(read("0.1"), Ok(Points(100)));
        assert_eq!(read("1.648"), Ok(Points(1648)));
        assert_eq!(read("2"), Ok(Points(2000)));
        assert_eq!(read("-0.5"), Ok(Points(-500)));
        assert!(read("1.2345").is_err());
        assert!(read("\"2\"").is_err());
        assert!(read("1e300").is_err());
    }

    #[test]
    fn points_display_one_decimal_rounding_down_and_exact() {
        let show = |thousandths: i64| {
            let p = Points(thousandths);
            (p.to_string(), p.exact())
        };
        assert_eq!(show(4648), ("4.6".into(), "4.648".into()));
        assert_eq!(show(1999), ("1.9".into(), "1.999".into()));
        assert_eq!(show(2000), ("2.0".into(), "2".into()));
        assert_eq!(show(5248), ("5.2".into(), "5.248".into()));
        assert_eq!(show(1250), ("1.2".into(), "1.25".into()));
        assert_eq!(show(0), ("0.0".into(), "0".into()));
        assert_eq!(show(50), ("0.0".into(), "0.05".into()));
        assert_eq!(show(-500), ("-0.5".into(), "-0.5".into()));
        assert_eq!(Points::whole(3) + Points(250), Points(3250));
        assert_eq!(
            [Points(1), Points(2)].into_iter().sum::<Points>(),
            Points(3)
        );
    }

    #[test]
    fn month_labels_read_naturally() {
        assert_eq!(months_label(&[4, 5, 6, 7, 8]), "April–August");
        assert_eq!(months_label(&[9, 8]), "August–September");
        assert_eq!(months_label(&[1, 3, 5]), "January, March and May");
        assert_eq!(months_label(&[7]), "July");
        assert_eq!(months_label(&[]), "no months");
        assert_eq!(Profile::universal().birthday_months_label(), "April–August");
    }

    #[test]
    fn bad_json_is_refused_in_plain_english() {
        assert!(matches!(
            Profile::from_json("not json"),
            Err(ProfileError::BadJson(_))
        ));
        assert!(matches!(
            Profile::from_json("{\"schema_version\": 1}"),
            Err(ProfileError::BadJson(_))
        ));
        check(
            |v| v["rag"]["amber_form"] = serde_json::json!(2),
            "unknown field `amber_form`",
        );
        check(
            |v| v["rag"]["red_from"] = serde_json::json!("4"),
            "not a planner",
        );
        check(
            |v| v["rag"]["red_from"] = serde_json::json!(4.0001),
            "three decimal places",
        );
    }

    #[test]
    fn newer_and_unknown_schema_versions_are_refused() {
        check(
            |v| {
                v["schema_version"] = serde_json::json!(3);
                v["new_setting"] = serde_json::json!(true);
            },
            "This profile was made by a newer version of the planner",
        );
        check(|v| v["schema_version"] = serde_json::json!(0), "format 0");
        check(|v| v["schema_version"] = serde_json::json!(2), "ok");
    }

    #[test]
    fn a_version_1_profile_reads_with_the_default_flight_path_and_becomes_current() {
        let mut value = serde_json::to_value(Profile::universal()).expect("serialises");
        value["schema_version"] = serde_json::json!(1);
        value["attainment"]
            .as_object_mut()
            .expect("object")
            .remove("flight_path");
        let profile = Profile::from_json(&value.to_string()).expect("reads");
        assert_eq!(profile.schema_version, SCHEMA_VERSION);
        assert_eq!(profile.attainment.flight_path, default_flight_path());
        assert_eq!(profile, Profile::universal());
        // The lags are exact and editable: Year 8 is 1.5 grades.
        let year = |n| Some(crate::core::value::YearGroup::Year(n));
        assert_eq!(profile.attainment.lag_thousandths(year(8)), 1500);
        assert_eq!(profile.attainment.lag_thousandths(year(3)), 0);
        assert_eq!(profile.attainment.lag_thousandths(None), 0);
        let json = profile.to_json();
        assert!(json.contains("\"grades_below_target\": 1.5"), "{json}");
        check(
            |v| v["attainment"]["flight_path"][0]["grades_below_target"] = serde_json::json!(9),
            "must be 0 to 8 grades below target",
        );
        check(
            |v| v["attainment"]["flight_path"][1]["year"] = serde_json::json!(7),
            "gives Year 7 twice",
        );
    }

    #[test]
    fn the_label_says_when_a_setting_was_changed_here() {
        let mut profile = Profile::universal();
        assert_eq!(profile.label(), "Universal profile (version 1.0)");
        profile.changed_locally = true;
        assert_eq!(
            profile.label(),
            "Universal profile (version 1.0), changed on this computer"
        );
        let back = Profile::from_json(&profile.to_json()).expect("reads");
        assert!(back.changed_locally);
    }

    #[test]
    fn settings_out_of_range_are_refused() {
        use serde_json::json;
        check(
            |v| v["rag"]["amber_from"] = json!(-1),
            "the amber cut-off must be 0 or more",
        );
        check(
            |v| v["rag"]["amber_from"] = json!(4),
            "must be below the red cut-off",
        );
        check(
            |v| v["rag"]["amber_from"] = json!(5),
            "must be below the red cut-off",
        );
        check(|v| v["rag"]["amber_from"] = json!(3.999), "ok");
        check(
            |v| v["shortlist"]["percent"] = json!(0.05),
            "between 0.1% and 100%",
        );
        check(|v| v["shortlist"]["percent"] = json!(100.5), "it is 100.5%");
        check(|v| v["shortlist"]["percent"] = json!(0.1), "ok");
        check(|v| v["shortlist"]["percent"] = json!(100), "ok");
        check(
            |v| v["shortlist"]["percent"] = json!(-2),
            "percentage of 0 or more",
        );
        check(|v| v["name"] = json!("  "), "name");
        check(
            |v| v["birthday"]["months"] = json!([4, 13]),
            "13 is not one",
        );
        check(
            |v| v["movement"]["usual_entry_months"] = json!([0]),
            "0 is not one",
        );
        check(|v| v["movement"]["moves_from"] = json!(0), "1 or more");
        check(
            |v| v["sen"]["ehc_plan"] = json!(-3),
            "the EHC plan points must be between 0",
        );
        check(|v| v["language"]["proficiency"] = json!(["A", "Z"]), "“Z”");
        check(
            |v| v["language"]["arrived_within_years"] = json!(99),
            "50 or fewer",
        );
        check(
            |v| v["deprivation"]["decile"] = json!([2, 1.5]),
            "exactly 10 entries",
        );
        check(
            |v| v["deprivation"]["coloured_from"] = json!(0),
            "must be above 0",
        );
        check(
            |v| v["attendance"]["amber_at_or_below"] = json!(101),
            "100% or less",
        );
        check(
            |v| v["attendance"]["red_at_or_below"] = json!(95),
            "at or below the amber",
        );
        check(
            |v| v["exclusions"]["amber_suspensions"] = json!(0),
            "1 or more",
        );
        check(
            |v| v["exclusions"]["red_suspensions"] = json!(0),
            "at least the amber",
        );
        check(
            |v| v["attainment"]["scaled_low_below"] = json!(115),
            "must run in order",
        );
        check(|v| v["attainment"]["scaled_min"] = json!(5), "above 9");
        check(
            |v| v["attainment"]["grade_high_from"] = json!(3),
            "low (3) below high (3)",
        );
    }
}
