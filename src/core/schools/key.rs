//! Which school a pupil of an LA file attends: the one rule the **Schools** table, the
//! planner grids' School column and filter, and a cohort's school condition all use, so
//! they always agree on who is in a school.
//!
//! A pupil's school is their URN when the row gives one, else their DfE number, else
//! their school's name ([`SchoolKey::of`]); a row giving none of them is "No school
//! given", listed, never dropped. URNs and DfE numbers are compared as their digits
//! (`123/4567` and `1234567` are one school); names ignoring case and spacing.

use crate::core::pupil::{Pupil, PupilKey};
use crate::core::school::{DfeNumber, Urn};

/// What one school is known by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SchoolKey {
    /// The URN: 6 digits, or the text as written (trimmed) when it is not one.
    Urn(String),
    /// The DfE number: `123/4567`, or the text as written (trimmed) when it is not one.
    DfeNumber(String),
    /// The school's name: trimmed, runs of spaces as one, lower case.
    Name(String),
    /// The row gives no school.
    NotGiven,
}

/// The name a row with no school is listed under.
pub const NO_SCHOOL_GIVEN: &str = "No school given";

/// Text that is not blank, trimmed.
fn given(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|text| !text.is_empty())
}

impl SchoolKey {
    /// The school `pupil` attends: by URN, else DfE number, else name; `NotGiven` when
    /// the row gives none.
    pub fn of(pupil: &Pupil) -> SchoolKey {
        if let Some(urn) = given(pupil.school_id.as_deref()) {
            return SchoolKey::Urn(match Urn::parse(urn) {
                Ok(Some(urn)) => urn.as_str().to_string(),
                _ => urn.to_string(),
            });
        }
        if let Some(number) = given(pupil.dfe_number.as_deref()) {
            return SchoolKey::DfeNumber(match DfeNumber::parse(number) {
                Ok(Some(number)) => number.to_string(),
                _ => number.to_string(),
            });
        }
        match given(pupil.school_name.as_deref()) {
            Some(name) => SchoolKey::Name(
                name.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase(),
            ),
            None => SchoolKey::NotGiven,
        }
    }

    /// Whether the row gives no school.
    pub fn is_given(&self) -> bool {
        *self != SchoolKey::NotGiven
    }

    /// The key for a page's address: `urn/123456`, `dfe/123%2F4567`, `name/ash%20lea`,
    /// or `none`; the text escaped as a pupil's address is ([`PupilKey::to_route`]).
    pub fn to_route(&self) -> String {
        let escaped = |text: &str| PupilKey::from_stored(text).to_route();
        match self {
            SchoolKey::Urn(urn) => format!("urn/{}", escaped(urn)),
            SchoolKey::DfeNumber(number) => format!("dfe/{}", escaped(number)),
            SchoolKey::Name(name) => format!("name/{}", escaped(name)),
            SchoolKey::NotGiven => "none".to_string(),
        }
    }

    /// A key read back from [`SchoolKey::to_route`]; `None` for anything else.
    pub fn from_route(route: &str) -> Option<SchoolKey> {
        if route == "none" {
            return Some(SchoolKey::NotGiven);
        }
        let (kind, text) = route.split_once('/')?;
        let text = PupilKey::from_route(text)?.into_string();
        match kind {
            "urn" => Some(SchoolKey::Urn(text)),
            "dfe" => Some(SchoolKey::DfeNumber(text)),
            "name" => Some(SchoolKey::Name(text)),
            _ => None,
        }
    }
}

/// A school as a filter or cohort names it: its key, and the words it is shown by (the
/// school's name as the file writes it, or "URN 123456"), which never decide who is in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SchoolRef {
    /// Who is in it.
    pub key: SchoolKey,
    /// What it is called on screen.
    pub label: String,
}

impl SchoolRef {
    /// Whether `pupil` attends this school.
    pub fn includes(&self, pupil: &Pupil) -> bool {
        SchoolKey::of(pupil) == self.key
    }
}

/// What the planner grids' School column shows for a pupil: the school's name as their
/// row writes it, else "URN 123456", else "DfE 123/4567"; `None` when the row gives no
/// school.
pub fn school_words(pupil: &Pupil) -> Option<String> {
    if let Some(name) = given(pupil.school_name.as_deref()) {
        return Some(name.to_string());
    }
    if let Some(urn) = given(pupil.school_id.as_deref()) {
        return Some(format!("URN {urn}"));
    }
    given(pupil.dfe_number.as_deref()).map(|number| format!("DfE {number}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pupil(urn: Option<&str>, dfe: Option<&str>, name: Option<&str>) -> Pupil {
        Pupil {
            school_id: urn.map(str::to_string),
            dfe_number: dfe.map(str::to_string),
            school_name: name.map(str::to_string),
            ..Pupil::default()
        }
    }

    #[test]
    fn a_pupil_is_placed_by_urn_else_dfe_number_else_name_else_not_given() {
        let urn = |text: &str| SchoolKey::Urn(text.to_string());
        assert_eq!(
            SchoolKey::of(&pupil(Some(" 140887 "), Some("873/3992"), Some("A"))),
            urn("140887")
        );
        assert_eq!(
            SchoolKey::of(&pupil(Some("URN 1"), None, None)),
            urn("URN 1")
        );
        assert_eq!(
            SchoolKey::of(&pupil(Some("  "), Some("8733992"), Some("A"))),
            SchoolKey::DfeNumber("873/3992".into())
        );
        assert_eq!(
            SchoolKey::of(&pupil(None, Some("873 / 3992"), None)),
            SchoolKey::of(&pupil(None, Some("873/3992"), None))
        );
        assert_eq!(
            SchoolKey::of(&pupil(None, None, Some("  Ashbrook   Primary "))),
            SchoolKey::of(&pupil(None, None, Some("ashbrook primary")))
        );
        assert_eq!(
            SchoolKey::of(&pupil(None, Some(""), Some(" "))),
            SchoolKey::NotGiven
        );
        assert!(!SchoolKey::NotGiven.is_given());
    }

    #[test]
    fn routes_round_trip_and_nonsense_is_refused() {
        for key in [
            SchoolKey::Urn("140887".into()),
            SchoolKey::DfeNumber("873/3992".into()),
            SchoolKey::Name("st hilda's ce primary school".into()),
            SchoolKey::NotGiven,
        ] {
            let route = key.to_route();
            let one_slash = !route
                .split_once('/')
                .is_some_and(|(_, rest)| rest.contains('/'));
            assert!(!route.contains(' ') && one_slash, "{route}");
            assert_eq!(SchoolKey::from_route(&route), Some(key));
        }
        assert_eq!(
            SchoolKey::DfeNumber("873/3992".into()).to_route(),
            "dfe/873%2F3992"
        );
        assert_eq!(SchoolKey::from_route("urn"), None);
        assert_eq!(SchoolKey::from_route("postcode/M1"), None);
        assert_eq!(SchoolKey::from_route("urn/%ZZ"), None);
    }

    #[test]
    fn a_reference_includes_the_pupils_its_key_places_there_whatever_its_label() {
        let school = SchoolRef {
            key: SchoolKey::Urn("140887".into()),
            label: "Anything at all".into(),
        };
        assert!(school.includes(&pupil(Some("140887"), None, Some("Brookvale"))));
        assert!(!school.includes(&pupil(None, None, Some("Brookvale"))));
        assert_eq!(
            school_words(&pupil(Some("140887"), None, Some("Brookvale "))),
            Some("Brookvale".to_string())
        );
        assert_eq!(
            school_words(&pupil(Some("140887"), None, None)),
            Some("URN 140887".to_string())
        );
        assert_eq!(
            school_words(&pupil(None, Some("873/3992"), None)),
            Some("DfE 873/3992".to_string())
        );
        assert_eq!(school_words(&pupil(None, None, None)), None);
    }
}
