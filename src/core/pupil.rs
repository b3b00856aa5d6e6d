//! The pupil record: everything the planner knows about one pupil from a data drop
//! (SPEC §3). Every field read from a spreadsheet is optional, because a missing value
//! is "unknown", never "no".

use crate::core::value::{
    EalProficiency, Gender, IdaciBand, IdaciDecile, IdaciScore, Percent, PrimaryNeed, SenStatus,
    Upn, YearGroup,
};
use chrono::NaiveDate;

/// One pupil as imported from one data drop.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pupil {
    /// Unique Pupil Number; `None` when missing or invalid in the file.
    pub upn: Option<Upn>,
    /// Legal surname, exactly as written (accents, apostrophes, hyphens kept).
    pub surname: String,
    /// Legal forename, exactly as written.
    pub forename: String,
    /// Preferred forename, when the file has one.
    pub preferred_name: Option<String>,
    pub gender: Option<Gender>,
    pub date_of_birth: Option<NaiveDate>,
    pub year_group: Option<YearGroup>,
    /// Registration group or class, as written.
    pub class: Option<String>,
    pub sen_status: Option<SenStatus>,
    pub primary_need: Option<PrimaryNeed>,
    /// Child looked after by the local authority.
    pub looked_after: Option<bool>,
    pub eal: Option<bool>,
    pub eal_proficiency: Option<EalProficiency>,
    pub first_language: Option<String>,
    /// Date the pupil arrived in England, when known.
    pub arrival_date: Option<NaiveDate>,
    /// Marked as a new arrival in the file.
    pub new_arrival: Option<bool>,
    /// Date the pupil joined this school.
    pub entry_date: Option<NaiveDate>,
    /// Number of school moves.
    pub school_moves: Option<u32>,
    pub fsm: Option<bool>,
    pub pupil_premium: Option<bool>,
    pub idaci_score: Option<IdaciScore>,
    pub idaci_band: Option<IdaciBand>,
    pub idaci_decile: Option<IdaciDecile>,
    /// Attendance as given, or derived from sessions attended ÷ possible.
    pub attendance: Option<Percent>,
    pub sessions_possible: Option<u32>,
    pub sessions_attended: Option<u32>,
    /// Suspensions (fixed-period exclusions) this year.
    pub suspensions: Option<u32>,
    pub suspension_sessions: Option<u32>,
    pub permanent_exclusion: Option<bool>,
    /// Attainment per subject, in the order the columns appeared.
    pub attainment: Vec<SubjectAttainment>,
    /// Local-authority files: the pupil's school's URN (or another identifier), as written.
    pub school_id: Option<String>,
    /// Local-authority files: the pupil's school's name, as written.
    pub school_name: Option<String>,
    /// Local-authority files: the pupil's school's DfE number (LAESTAB), as written.
    pub dfe_number: Option<String>,
    /// Every column the mapping did not use, kept as-is: (heading, cell text).
    pub extra: Vec<(String, String)>,
}

/// One subject's attainment as written in the file; the scoring profile interprets it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubjectAttainment {
    /// The subject's name, from the column heading (e.g. "Reading", "Maths").
    pub subject: String,
    /// Current or working-at result (scaled score, TA code or grade).
    pub current: Option<String>,
    /// Target result.
    pub target: Option<String>,
    /// Prior attainment (e.g. KS2 scaled score).
    pub prior: Option<String>,
}

impl Pupil {
    /// The name staff use: preferred forename if any, then surname.
    pub fn display_name(&self) -> String {
        format!("{} {}", self.display_forename(), self.surname)
            .trim()
            .to_string()
    }

    /// Initials for privacy display mode, e.g. "H.W.".
    pub fn initials(&self) -> String {
        let mut initials = String::new();
        for part in [self.display_forename(), self.surname.as_str()] {
            if let Some(first) = part.trim().chars().next() {
                initials.extend(first.to_uppercase());
                initials.push('.');
            }
        }
        initials
    }

    fn display_forename(&self) -> &str {
        self.preferred_name
            .as_deref()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or(&self.forename)
    }
}

/// The pupils a typed UPN or name stands for (the **Add provision** form's one-pupil box):
/// those whose UPN is the text, ignoring case and surrounding spaces; when none, those whose
/// name staff use ("Hal O'Brien") or legal forename and surname is exactly the text,
/// ignoring case. Blank text finds no one; two pupils of the same name are both found, so
/// the form can say the name is not enough.
pub fn find_pupils<'a>(pupils: &'a [Pupil], typed: &str) -> Vec<&'a Pupil> {
    let wanted = typed.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    let by_upn: Vec<&Pupil> = pupils
        .iter()
        .filter(|p| {
            p.upn
                .as_ref()
                .is_some_and(|u| u.as_str().to_lowercase() == wanted)
        })
        .collect();
    if !by_upn.is_empty() {
        return by_upn;
    }
    pupils
        .iter()
        .filter(|p| {
            p.display_name().to_lowercase() == wanted
                || format!("{} {}", p.forename, p.surname)
                    .trim()
                    .to_lowercase()
                    == wanted
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::value::Upn;

    fn named(forename: &str, preferred: Option<&str>, surname: &str, upn: Option<&str>) -> Pupil {
        Pupil {
            forename: forename.into(),
            preferred_name: preferred.map(Into::into),
            surname: surname.into(),
            upn: upn.and_then(|u| Upn::parse(u).ok()),
            ..Pupil::default()
        }
    }

    /// Which pupils (by surname) `typed` finds.
    fn check(pupils: &[Pupil], typed: &str, expected: &[&str]) {
        let found: Vec<&str> = find_pupils(pupils, typed)
            .into_iter()
            .map(|p| p.surname.as_str())
            .collect();
        assert_eq!(found, expected, "{typed:?}");
    }

    #[test]
    fn find_pupils_by_upn_then_by_name() {
        let pupils = [
            named("Harry", Some("Hal"), "O'Brien", Some("D373210124708")),
            named("Amy", None, "Smith", None),
            named("Amy", None, "Smith-Jones", None),
            named("Amy", None, "Smith", Some("W373210125361")),
        ];
        assert!(pupils[0].upn.is_some() && pupils[3].upn.is_some());
        // A UPN, in any case and with spaces round it.
        check(&pupils, " d373210124708 ", &["O'Brien"]);
        // The name staff use or the legal name, ignoring case.
        check(&pupils, "hal o'brien", &["O'Brien"]);
        check(&pupils, "Harry O'Brien", &["O'Brien"]);
        // Two pupils of one name are both found.
        check(&pupils, "AMY SMITH", &["Smith", "Smith"]);
        // Whole names only: not a part, not surname first, not blank.
        check(&pupils, "Amy Smi", &[]);
        check(&pupils, "Smith Amy", &[]);
        check(&pupils, "   ", &[]);
        check(&pupils, "D37321012470", &[]);
    }

    #[test]
    fn display_name_prefers_preferred_forename_and_initials_follow_it() {
        let pupil = Pupil {
            surname: "O'Brien-Ní".into(),
            forename: "Harry Tyler".into(),
            preferred_name: Some("Hal".into()),
            ..Pupil::default()
        };
        assert_eq!(pupil.display_name(), "Hal O'Brien-Ní");
        assert_eq!(pupil.initials(), "H.O.");
    }
}

/// The key everything a school records about a pupil is kept under (notes, focus flags,
/// provision), and the address of their profile: the UPN when there is one, otherwise
/// legal surname, forename and date of birth (`surname|forename|yyyy-mm-dd`). It follows
/// the pupil, not their row, so a re-import with the rows in another order still opens
/// the same pupil.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PupilKey(String);

impl PupilKey {
    /// The key of `pupil`.
    pub fn of(pupil: &Pupil) -> PupilKey {
        PupilKey(match &pupil.upn {
            Some(upn) => upn.as_str().to_string(),
            None => format!(
                "{}|{}|{}",
                pupil.surname,
                pupil.forename,
                pupil
                    .date_of_birth
                    .map(|date| date.to_string())
                    .unwrap_or_default()
            ),
        })
    }

    /// A key as stored (a UPN, or the name-and-birthday form).
    pub fn from_stored(key: impl Into<String>) -> PupilKey {
        PupilKey(key.into())
    }

    /// The key as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as stored, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The key for a URL: letters, digits, `-`, `_` and `.` as they are, every other byte
    /// as `%XX`, so a name-and-birthday key survives the address bar.
    pub fn to_route(&self) -> String {
        let mut out = String::with_capacity(self.0.len());
        for byte in self.0.bytes() {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
                out.push(char::from(byte));
            } else {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
        out
    }

    /// A key read back from a URL made by [`PupilKey::to_route`] (or typed by hand);
    /// `None` when it is empty or not valid `%XX` UTF-8.
    pub fn from_route(text: &str) -> Option<PupilKey> {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        let key = String::from_utf8(out).ok()?;
        (!key.is_empty()).then_some(PupilKey(key))
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;
    use crate::core::value::Upn;
    use chrono::NaiveDate;

    #[test]
    fn a_pupil_is_keyed_by_upn_else_by_name_and_birthday_and_the_route_round_trips() {
        let with_upn = Pupil {
            upn: Upn::parse("W373210125361").ok(),
            surname: "Wright".into(),
            ..Pupil::default()
        };
        let key = PupilKey::of(&with_upn);
        assert_eq!(key.as_str(), "W373210125361");
        assert_eq!(key.to_route(), "W373210125361");
        let without = Pupil {
            surname: "Ní Bhriain".into(),
            forename: "Zoë".into(),
            date_of_birth: NaiveDate::from_ymd_opt(2014, 4, 21),
            ..Pupil::default()
        };
        let key = PupilKey::of(&without);
        assert_eq!(key.as_str(), "Ní Bhriain|Zoë|2014-04-21");
        let route = key.to_route();
        assert!(
            route
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.%".contains(&b)),
            "{route}"
        );
        assert_eq!(PupilKey::from_route(&route), Some(key));
        assert_eq!(PupilKey::from_route(""), None);
        assert_eq!(PupilKey::from_route("%Z1"), None);
        assert_eq!(PupilKey::from_route("%FF"), None);
    }
}
