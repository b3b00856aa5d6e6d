//! The school figures file: a versioned JSON document a school exports (**Export school
//! figures**) and another school or the local authority loads as benchmarks.
//!
//! Like the scoring profile (`core::profile::Profile`), this is a documented exchange
//! format that leaves the planner, so its serde types live here in core, not in
//! `storage`. Its shape, format version 1:
//!
//! ```json
//! {
//!   "format": "personalisation-planner-school-figures",
//!   "format_version": 1,
//!   "planner_version": "0.1.0",
//!   "profile_name": "Universal profile",
//!   "profile_version": "1.0",
//!   "term": "Spring",
//!   "academic_year": "2025/26",
//!   "notes": ["…what \"<5\" and \"suppressed\" mean…"],
//!   "sets": [{
//!     "kind": "school",                      // or "local_authority"
//!     "school_name": "Oakfield Primary",     // optional, as are "urn", "local_authority"
//!     "urn": "123456",
//!     "rows": [
//!       { "group": "whole_school", "label": "Whole school", "figures": { … } },
//!       { "group": "year_group", "year_group": "R", "label": "Reception", "figures": { … } },
//!       { "group": "year_group_not_recorded", "label": "Year group not recorded", … },
//!       { "group": "summer_born", "label": "Summer-born", "figures": { … } }
//!     ]
//!   }]
//! }
//! ```
//!
//! `figures` has one entry per [`Measure`] in [`Measure::ALL`] order (`pupils`, `red`,
//! `amber`, `green`, `factor_birthday` … `factor_deprivation`, `attendance_recorded`,
//! `mean_attendance_hundredths`, `persistently_absent`, `suspensions_recorded`,
//! `suspended`, `attainment_judged`, `low_attainers`), each a whole number, `"<5"`
//! (a count from 1 to 4), `"suppressed"` (withheld so a small count cannot be worked out)
//! or, for mean attendance only, `null` (nobody's recorded). Mean attendance is in
//! hundredths of a percent (9412 is 94.12%), so no figure is a fraction.
//! `profile_changed_locally: true` is written only when the profile was changed.
//!
//! The file holds no pupil: no row of a pupil, no name, UPN or date of birth. [`parse`]
//! refuses any file that has a pupil-level field anywhere, whatever else it holds.

use super::{
    Figure, FigureRow, FigureSet, Measure, ProfileStamp, RowGroup, SchoolDetails, SchoolFigures,
    SetKind, MEASURES,
};
use crate::core::drop::{AcademicYear, Term};
use crate::core::scoring::Factor;
use crate::core::tracking::trends::StandardGroup;
use crate::core::value::YearGroup;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;
use thiserror::Error;

/// The `format` marker every school figures file starts with.
pub const FORMAT: &str = "personalisation-planner-school-figures";

/// The newest figures format this planner reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// What a hidden count from 1 to 4 is written as.
pub const FEWER_THAN_FIVE: &str = "<5";

/// What a withheld figure is written as.
pub const WITHHELD: &str = "suppressed";

/// Why a file cannot be loaded as school figures. Each message says what to do next.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FiguresError {
    /// The text is not JSON at all.
    #[error(
        "This file is not school figures: it is not a JSON file. Choose the .json file made \
         by Export school figures."
    )]
    NotJson,
    /// JSON, but not a school figures file (no format marker, or another one).
    #[error(
        "This file is not school figures made by the planner. Choose a file made by Export \
         school figures; pupil spreadsheets, backups and profiles are loaded elsewhere."
    )]
    NotFigures,
    /// A school figures file from a newer planner.
    #[error(
        "These school figures were made by a newer version of the planner (figures format \
         {found}; this planner reads format {supported}). Update the planner, or ask \
         whoever sent them for a copy made for this version."
    )]
    NewerVersion {
        /// The file's `format_version`.
        found: u64,
        /// The newest this planner reads.
        supported: u32,
    },
    /// The file has a pupil-level field somewhere.
    #[error(
        "This file holds pupil details, so the planner will not load it as school figures \
         (it has a field “{field}”). School figures never hold pupils: ask whoever sent it \
         for the file made by Export school figures, and delete this one if it should not \
         have been shared."
    )]
    PupilDetails {
        /// The field's name as written in the file.
        field: String,
    },
    /// A figures file whose contents are not as this format says.
    #[error(
        "This school figures file cannot be read: {problem}. Ask whoever sent it to export \
         the school figures again."
    )]
    Damaged {
        /// What is wrong, in plain words.
        problem: String,
    },
}

fn damaged(problem: impl Into<String>) -> FiguresError {
    FiguresError::Damaged {
        problem: problem.into(),
    }
}

// ---------------------------------------------------------------------------------------
// Pupil-level fields
// ---------------------------------------------------------------------------------------

/// Field names (lower case, letters and digits only) that belong to a pupil, never to
/// school figures: identifiers, names and dates of birth as MIS exports and the planner
/// write them.
const PUPIL_FIELDS: [&str; 29] = [
    "upn",
    "formerupn",
    "uln",
    "pupilkey",
    "name",
    "fullname",
    "surname",
    "legalsurname",
    "preferredsurname",
    "forename",
    "forenames",
    "legalforename",
    "preferredforename",
    "preferredname",
    "firstname",
    "lastname",
    "middlename",
    "middlenames",
    "givenname",
    "familyname",
    "displayname",
    "initials",
    "dateofbirth",
    "dob",
    "birthdate",
    "address",
    "postcode",
    "admissionnumber",
    "candidatenumber",
];

/// Field names that are a list of pupils when they hold a list or an object (`pupils`
/// holding a number is a count, as in every row's figures).
const PUPIL_LISTS: [&str; 5] = ["pupils", "pupil", "children", "students", "learners"];

/// "Legal Surname" → "legalsurname".
fn squash(key: &str) -> String {
    key.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The first pupil-level field anywhere in `value` (every object's keys, however deep),
/// as written.
pub fn pupil_field(value: &Value) -> Option<String> {
    match value {
        Value::Object(map) => map.iter().find_map(|(key, inner)| {
            let squashed = squash(key);
            let is_list = matches!(inner, Value::Array(_) | Value::Object(_));
            if PUPIL_FIELDS.contains(&squashed.as_str())
                || (is_list && PUPIL_LISTS.contains(&squashed.as_str()))
            {
                Some(key.clone())
            } else {
                pupil_field(inner)
            }
        }),
        Value::Array(items) => items.iter().find_map(pupil_field),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// The stored shape
// ---------------------------------------------------------------------------------------

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    format: String,
    format_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    planner_version: Option<String>,
    profile_name: String,
    profile_version: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    profile_changed_locally: bool,
    term: String,
    academic_year: String,
    #[serde(default)]
    notes: Vec<String>,
    sets: Vec<SetDto>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SetDto {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    school_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    urn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    local_authority: Option<String>,
    rows: Vec<RowDto>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RowDto {
    group: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year_group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    figures: FiguresDto,
}

/// A row's figures as a JSON object, written in [`Measure::ALL`] order.
struct FiguresDto(Vec<(String, Value)>);

impl Serialize for FiguresDto {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for FiguresDto {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FiguresDto, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = FiguresDto;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of figures")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FiguresDto, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Value>()? {
                    entries.push((key, value));
                }
                Ok(FiguresDto(entries))
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

/// A measure's key in the file.
pub fn measure_key(measure: Measure) -> &'static str {
    match measure {
        Measure::Pupils => "pupils",
        Measure::Red => "red",
        Measure::Amber => "amber",
        Measure::Green => "green",
        Measure::Factor(Factor::Birthday) => "factor_birthday",
        Measure::Factor(Factor::Sen) => "factor_sen",
        Measure::Factor(Factor::Movement) => "factor_movement",
        Measure::Factor(Factor::Lac) => "factor_lac",
        Measure::Factor(Factor::Language) => "factor_language",
        Measure::Factor(Factor::Deprivation) => "factor_deprivation",
        Measure::AttendanceRecorded => "attendance_recorded",
        Measure::MeanAttendance => "mean_attendance_hundredths",
        Measure::PersistentlyAbsent => "persistently_absent",
        Measure::SuspensionsRecorded => "suspensions_recorded",
        Measure::Suspended => "suspended",
        Measure::AttainmentJudged => "attainment_judged",
        Measure::LowAttainers => "low_attainers",
    }
}

/// A standard group's `group` in the file.
fn group_key(group: StandardGroup) -> &'static str {
    match group {
        StandardGroup::SummerBorn => "summer_born",
        StandardGroup::Disadvantaged => "disadvantaged",
        StandardGroup::SenSupport => "sen_support",
        StandardGroup::EhcPlan => "ehc_plan",
        StandardGroup::Eal => "eal",
        StandardGroup::LookedAfter => "looked_after",
        StandardGroup::Boys => "boys",
        StandardGroup::Girls => "girls",
    }
}

const WHOLE_SCHOOL: &str = "whole_school";
const YEAR_GROUP: &str = "year_group";
const YEAR_GROUP_NOT_RECORDED: &str = "year_group_not_recorded";
const SCHOOL: &str = "school";
const LOCAL_AUTHORITY: &str = "local_authority";

/// What the file says about its marks, for whoever opens it.
const NOTES: [&str; 3] = [
    "Counts from 1 to 4 are shown as \"<5\", so no small group of pupils can be picked out.",
    "\"suppressed\" marks a figure withheld so that a hidden count cannot be worked out \
     from a total, or worked out from fewer than five pupils.",
    "Mean attendance is in hundredths of a percent: 9412 is 94.12%.",
];

fn figure_value(figure: Figure) -> Value {
    match figure {
        Figure::Number(number) => Value::from(number),
        Figure::FewerThanFive => Value::from(FEWER_THAN_FIVE),
        Figure::Withheld => Value::from(WITHHELD),
        Figure::Blank => Value::Null,
    }
}

fn row_dto(row: &FigureRow) -> RowDto {
    let (group, year_group) = match row.group {
        RowGroup::WholeSchool => (WHOLE_SCHOOL, None),
        RowGroup::YearGroup(Some(year)) => (YEAR_GROUP, Some(year.short())),
        RowGroup::YearGroup(None) => (YEAR_GROUP_NOT_RECORDED, None),
        RowGroup::Standard(standard) => (group_key(standard), None),
    };
    RowDto {
        group: group.to_string(),
        year_group,
        label: Some(row.group.label()),
        figures: FiguresDto(
            Measure::ALL
                .iter()
                .map(|&measure| {
                    (
                        measure_key(measure).to_string(),
                        figure_value(row.get(measure)),
                    )
                })
                .collect(),
        ),
    }
}

/// The figures as the JSON text of a school figures file (pretty-printed, so a person
/// can read it).
pub fn to_json(figures: &SchoolFigures) -> String {
    let document = Document {
        format: FORMAT.to_string(),
        format_version: FORMAT_VERSION,
        planner_version: figures.planner_version.clone(),
        profile_name: figures.profile.name.clone(),
        profile_version: figures.profile.version.clone(),
        profile_changed_locally: figures.profile.changed_locally,
        term: figures.term.label().to_string(),
        academic_year: figures.academic_year.to_string(),
        notes: NOTES.iter().map(|note| (*note).to_string()).collect(),
        sets: figures
            .sets
            .iter()
            .map(|set| SetDto {
                kind: match set.kind {
                    SetKind::School => SCHOOL,
                    SetKind::LocalAuthority => LOCAL_AUTHORITY,
                }
                .to_string(),
                school_name: set.details.school_name.clone(),
                urn: set.details.urn.clone(),
                local_authority: set.details.local_authority.clone(),
                rows: set.rows.iter().map(row_dto).collect(),
            })
            .collect(),
    };
    // Strings, whole numbers and null only: writing cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

/// Reads a school figures file. Refused, in this order: text that is not JSON; JSON that
/// is not a school figures file; any pupil-level field anywhere in it; a format newer
/// than this planner's; anything not shaped as the format says.
pub fn parse(text: &str) -> Result<SchoolFigures, FiguresError> {
    let value: Value = serde_json::from_str(text).map_err(|_| FiguresError::NotJson)?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(FiguresError::NotFigures);
    }
    if let Some(field) = pupil_field(&value) {
        return Err(FiguresError::PupilDetails { field });
    }
    match value.get("format_version").and_then(Value::as_u64) {
        Some(found) if found > u64::from(FORMAT_VERSION) => {
            return Err(FiguresError::NewerVersion {
                found,
                supported: FORMAT_VERSION,
            })
        }
        Some(found) if found >= 1 => {}
        _ => return Err(damaged("it does not say which figures format it is in")),
    }
    let document: Document =
        serde_json::from_value(value).map_err(|error| damaged(error.to_string()))?;
    let sets = document
        .sets
        .iter()
        .map(read_set)
        .collect::<Result<Vec<_>, _>>()?;
    if sets.is_empty() {
        return Err(damaged("it holds no school's figures"));
    }
    Ok(SchoolFigures {
        planner_version: document.planner_version,
        profile: ProfileStamp {
            name: document.profile_name,
            version: document.profile_version,
            changed_locally: document.profile_changed_locally,
        },
        term: read_term(&document.term)?,
        academic_year: read_academic_year(&document.academic_year)?,
        sets,
    })
}

fn read_term(text: &str) -> Result<Term, FiguresError> {
    [Term::Autumn, Term::Spring, Term::Summer]
        .into_iter()
        .find(|term| term.label().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| damaged(format!("“{text}” is not a term (Autumn, Spring or Summer)")))
}

/// "2025/26" → the academic year starting in 2025.
fn read_academic_year(text: &str) -> Result<AcademicYear, FiguresError> {
    let refuse = || damaged(format!("“{text}” is not an academic year such as 2025/26"));
    let (start, end) = text.trim().split_once('/').ok_or_else(refuse)?;
    let start_year: i32 = start
        .parse()
        .ok()
        .filter(|_| start.len() == 4)
        .ok_or_else(refuse)?;
    let end: i32 = end
        .parse()
        .ok()
        .filter(|_| end.len() == 2)
        .ok_or_else(refuse)?;
    if (start_year + 1).rem_euclid(100) != end {
        return Err(refuse());
    }
    Ok(AcademicYear { start_year })
}

fn read_set(set: &SetDto) -> Result<FigureSet, FiguresError> {
    let kind = match set.kind.as_str() {
        SCHOOL => SetKind::School,
        LOCAL_AUTHORITY => SetKind::LocalAuthority,
        other => {
            return Err(damaged(format!(
                "“{other}” is not a school or a local authority"
            )))
        }
    };
    Ok(FigureSet {
        kind,
        details: SchoolDetails {
            school_name: set.school_name.clone(),
            urn: set.urn.clone(),
            local_authority: set.local_authority.clone(),
        },
        rows: set.rows.iter().map(read_row).collect::<Result<_, _>>()?,
    })
}

fn read_row(row: &RowDto) -> Result<FigureRow, FiguresError> {
    let group = match (row.group.as_str(), &row.year_group) {
        (WHOLE_SCHOOL, None) => RowGroup::WholeSchool,
        (YEAR_GROUP_NOT_RECORDED, None) => RowGroup::YearGroup(None),
        (YEAR_GROUP, Some(year)) => match YearGroup::parse(year) {
            Ok(Some(year)) => RowGroup::YearGroup(Some(year)),
            _ => return Err(damaged(format!("“{year}” is not a year group"))),
        },
        (other, None) => StandardGroup::ALL
            .into_iter()
            .find(|&group| group_key(group) == other)
            .map(RowGroup::Standard)
            .ok_or_else(|| damaged(format!("“{other}” is not a group the planner knows")))?,
        (other, Some(_)) => {
            return Err(damaged(format!(
                "the row “{other}” should not name a year group"
            )))
        }
    };
    let label = group.label();
    let mut figures = [None; MEASURES];
    for (key, value) in &row.figures.0 {
        let measure = Measure::ALL
            .into_iter()
            .find(|&measure| measure_key(measure) == key)
            .ok_or_else(|| {
                damaged(format!(
                    "{label} has a figure “{key}” the planner does not know"
                ))
            })?;
        let slot = &mut figures[measure.index()];
        if slot.is_some() {
            return Err(damaged(format!("{label} gives “{key}” twice")));
        }
        *slot = Some(read_figure(value, measure).ok_or_else(|| {
            damaged(format!(
                "{label}'s “{key}” is not a whole number, \"<5\" or \"suppressed\""
            ))
        })?);
    }
    let mut read = [Figure::Blank; MEASURES];
    for measure in Measure::ALL {
        read[measure.index()] = figures[measure.index()]
            .ok_or_else(|| damaged(format!("{label} has no “{}”", measure_key(measure))))?;
    }
    Ok(FigureRow {
        group,
        figures: read,
    })
}

fn read_figure(value: &Value, measure: Measure) -> Option<Figure> {
    match value {
        Value::Number(number) => number.as_u64().map(Figure::Number),
        Value::String(text) if text == FEWER_THAN_FIVE => Some(Figure::FewerThanFive),
        Value::String(text) if text == WITHHELD => Some(Figure::Withheld),
        Value::Null if !measure.is_count() => Some(Figure::Blank),
        _ => None,
    }
}
