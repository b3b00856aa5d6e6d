//! Privacy display mode (SPEC §6): how a pupil's details read on a screen that may be
//! projected in a staff meeting, so that no child can be picked out. The rule lives here,
//! once, and every page asks it for the text it shows:
//!
//! - names are initials ("H.W.");
//! - a UPN shows at most its last four characters ("…8919"), read out as "UPN ending 8919";
//! - the date of birth gives way to the year group ("Year 7 (date hidden)");
//! - the class or registration group is hidden;
//! - SEN status, primary need, looked-after status, free school meals, pupil premium, first
//!   language, arrival and entry dates and the file's other columns are hidden in words:
//!   the factor markers still show them as colour with their label ("SEN ● 3"), which is
//!   all a meeting needs.
//!
//! Display only: exports are not affected and always hold the full data.

use crate::core::pupil::Pupil;
use crate::core::scoring::{FactorScore, PupilScore};
use crate::core::value::{format_uk_date, Upn};

/// The word shown in place of a hidden detail.
pub const HIDDEN: &str = "Hidden";

/// What privacy display mode does, for the setting's hint.
pub const WHAT_IT_HIDES: &str = "Shows initials instead of names, only the last 4 characters of each UPN, the year group instead of the date of birth, and no class and no SEN, looked-after, free school meals or pupil premium details in words (the factor markers still show them as colour with their label). For projecting in a staff meeting.";

/// The export buttons' note while privacy display mode is on.
pub const EXPORT_NOTE: &str =
    "The file holds full names, UPNs, dates of birth and classes, even in privacy display mode.";

/// How many characters of a UPN privacy display mode keeps, at most.
const UPN_CHARACTERS_SHOWN: usize = 4;

/// How pupils' details are shown: in full, or in privacy display mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Shown {
    /// Everything, as imported.
    #[default]
    Full,
    /// Privacy display mode: safe to project.
    Private,
}

/// A UPN as shown: the text on screen and, when it is masked, what a screen reader
/// should say instead ("…8919" is read "UPN ending 8919").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShownUpn {
    /// The whole UPN, "…8919", or [`HIDDEN`].
    pub text: String,
    /// "UPN ending 8919" when masked; `None` when the text reads well as it is.
    pub spoken: Option<String>,
}

/// The last characters of `upn` worth showing: at most four, and never more than half of
/// it, after "…" ("J373275618919" → "…8919"). Blank stays blank.
pub fn masked_upn(upn: &str) -> String {
    let chars: Vec<char> = upn.trim().chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let keep = UPN_CHARACTERS_SHOWN.min(chars.len() / 2);
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("…{tail}")
}

impl Shown {
    /// `Private` when privacy display mode is on.
    pub fn from_privacy_mode(on: bool) -> Shown {
        if on {
            Shown::Private
        } else {
            Shown::Full
        }
    }

    /// True in privacy display mode.
    pub fn is_private(self) -> bool {
        self == Shown::Private
    }

    /// The name staff use (preferred forename and surname), or initials.
    pub fn name(self, pupil: &Pupil) -> String {
        match self {
            Shown::Full => pupil.display_name(),
            Shown::Private => pupil.initials(),
        }
    }

    /// The legal forename and surname, or initials.
    pub fn legal_name(self, pupil: &Pupil) -> String {
        match self {
            Shown::Full => format!("{} {}", pupil.forename, pupil.surname)
                .trim()
                .to_string(),
            Shown::Private => pupil.initials(),
        }
    }

    /// The pupil's UPN as shown, or `None` when the pupil has none.
    pub fn upn(self, pupil: &Pupil) -> Option<ShownUpn> {
        pupil.upn.as_ref().map(|upn| self.upn_text(upn.as_str()))
    }

    /// A UPN (or a pupil key, which is the UPN when there is one) as shown. In privacy
    /// display mode anything that is not a valid UPN — a key made of name and date of
    /// birth — is hidden outright rather than cut short.
    pub fn upn_text(self, text: &str) -> ShownUpn {
        match self {
            Shown::Full => ShownUpn {
                text: text.to_string(),
                spoken: None,
            },
            Shown::Private if Upn::parse(text).is_ok() => {
                let masked = masked_upn(text);
                let ending = masked.trim_start_matches('…');
                ShownUpn {
                    spoken: Some(format!("UPN ending {ending}")),
                    text: masked,
                }
            }
            Shown::Private => ShownUpn {
                text: HIDDEN.to_string(),
                spoken: None,
            },
        }
    }

    /// The name for a pupil key whose pupil is not in the current data drop: the key
    /// itself, or in privacy display mode its masked UPN.
    pub fn unknown_pupil(self, key: &str) -> String {
        self.upn_text(key).text
    }

    /// The class or registration group (`None` when not recorded); [`HIDDEN`] in privacy
    /// display mode.
    pub fn class(self, pupil: &Pupil) -> Option<String> {
        let class = pupil
            .class
            .as_deref()
            .map(str::trim)
            .filter(|class| !class.is_empty())?;
        Some(match self {
            Shown::Full => class.to_string(),
            Shown::Private => HIDDEN.to_string(),
        })
    }

    /// The date of birth as dd/mm/yyyy (`None` when not recorded); in privacy display
    /// mode the year group instead ("Year 7 (date hidden)"), or [`HIDDEN`].
    pub fn date_of_birth(self, pupil: &Pupil) -> Option<String> {
        let born = pupil.date_of_birth?;
        Some(match self {
            Shown::Full => format_uk_date(born),
            Shown::Private => pupil.year_group.map_or_else(
                || HIDDEN.to_string(),
                |year| format!("{} (date hidden)", year.label()),
            ),
        })
    }

    /// A detail that, in words beside a pupil, could name a child (SEN status, primary
    /// need, looked after, free school meals, pupil premium, first language, arrival and
    /// entry dates, the file's other columns): as given, or [`HIDDEN`] in privacy display
    /// mode. Unknown stays unknown.
    pub fn sensitive(self, detail: Option<String>) -> Option<String> {
        match self {
            Shown::Full => detail,
            Shown::Private => detail.map(|_| HIDDEN.to_string()),
        }
    }

    /// Why a factor's marker is as it is. In privacy display mode a known factor's reason
    /// (which names the date of birth, the SEN status, looked after, dates of arrival or
    /// entry, the IDACI score) is hidden; the marker itself still shows. The reasons for
    /// unknown factors ("SEN status not recorded") say nothing about the child and stay.
    pub fn factor_why(self, factor: &FactorScore) -> String {
        match self {
            Shown::Private if factor.known => format!("{HIDDEN} in privacy display mode"),
            _ => factor.why.clone(),
        }
    }

    /// The overall indicator's sum, e.g. "EHC plan (3) + summer-born (1) = 4"; in privacy
    /// display mode by the factors' labels, as the marker columns are headed
    /// ("SEN (3) + Birthday (1) = 4").
    pub fn explanation(self, score: &PupilScore) -> String {
        match self {
            Shown::Full => score.explanation(),
            Shown::Private => {
                let parts: Vec<String> = score
                    .factors
                    .iter()
                    .filter(|f| f.points.is_positive())
                    .map(|f| format!("{} ({})", f.factor.label(), f.points.exact()))
                    .collect();
                if parts.is_empty() {
                    format!("No factors = {}", score.overall)
                } else {
                    format!("{} = {}", parts.join(" + "), score.overall)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::Profile;
    use crate::core::scoring::{score, ScoringContext};
    use crate::core::value::{PrimaryNeed, SenStatus, YearGroup};
    use chrono::NaiveDate;

    fn pupil() -> Pupil {
        Pupil {
            upn: Some(Upn::parse("J373275618919").expect("a valid UPN")),
            surname: "Kovalenko".into(),
            forename: "Solomiia".into(),
            preferred_name: Some("Sol".into()),
            date_of_birth: NaiveDate::from_ymd_opt(2014, 4, 21),
            year_group: Some(YearGroup::Year(7)),
            class: Some(" 7A ".into()),
            sen_status: Some(SenStatus::EhcPlan),
            primary_need: Some(PrimaryNeed::all()[0]),
            looked_after: Some(true),
            ..Pupil::default()
        }
    }

    /// What one pupil shows in each mode: (full, private).
    fn check<T: PartialEq + std::fmt::Debug>(shown: impl Fn(Shown) -> T, full: T, private: T) {
        assert_eq!(shown(Shown::Full), full, "in full");
        assert_eq!(shown(Shown::Private), private, "in privacy display mode");
    }

    #[test]
    fn masked_upn_keeps_at_most_the_last_four_characters() {
        assert_eq!(masked_upn("J373275618919"), "…8919");
        assert_eq!(masked_upn(" J373275618919 "), "…8919");
        // Never more than half of a short value.
        assert_eq!(masked_upn("ABCDEF"), "…DEF");
        assert_eq!(masked_upn("AB"), "…B");
        assert_eq!(masked_upn("A"), "…");
        assert_eq!(masked_upn(""), "");
    }

    #[test]
    fn names_are_initials_in_privacy_mode() {
        let pupil = pupil();
        check(
            |s| s.name(&pupil),
            "Sol Kovalenko".into(),
            "S.K.".to_string(),
        );
        check(
            |s| s.legal_name(&pupil),
            "Solomiia Kovalenko".into(),
            "S.K.".to_string(),
        );
    }

    #[test]
    fn a_upn_shows_its_last_four_characters_and_says_so_to_screen_readers() {
        let pupil = pupil();
        check(
            |s| s.upn(&pupil),
            Some(ShownUpn {
                text: "J373275618919".into(),
                spoken: None,
            }),
            Some(ShownUpn {
                text: "…8919".into(),
                spoken: Some("UPN ending 8919".into()),
            }),
        );
        let no_upn = Pupil::default();
        check(|s| s.upn(&no_upn), None, None);
    }

    #[test]
    fn a_key_that_is_not_a_upn_is_hidden_outright() {
        // The fallback key holds the name and date of birth: never cut it short.
        let key = "Kovalenko|Solomiia|2014-04-21";
        check(
            |s| s.unknown_pupil(key),
            key.to_string(),
            HIDDEN.to_string(),
        );
        check(
            |s| s.unknown_pupil("J373275618919"),
            "J373275618919".to_string(),
            "…8919".to_string(),
        );
    }

    #[test]
    fn class_is_hidden_and_unknown_stays_unknown() {
        let pupil = pupil();
        check(|s| s.class(&pupil), Some("7A".into()), Some(HIDDEN.into()));
        let blank = Pupil {
            class: Some("  ".into()),
            ..Pupil::default()
        };
        check(|s| s.class(&blank), None, None);
    }

    #[test]
    fn date_of_birth_gives_way_to_the_year_group() {
        let pupil = pupil();
        check(
            |s| s.date_of_birth(&pupil),
            Some("21/04/2014".into()),
            Some("Year 7 (date hidden)".into()),
        );
        let no_year = Pupil {
            year_group: None,
            ..pupil.clone()
        };
        check(
            |s| s.date_of_birth(&no_year),
            Some("21/04/2014".into()),
            Some(HIDDEN.into()),
        );
        check(|s| s.date_of_birth(&Pupil::default()), None, None);
    }

    #[test]
    fn sensitive_details_are_hidden_in_words() {
        check(
            |s| s.sensitive(Some("EHC plan (E)".into())),
            Some("EHC plan (E)".to_string()),
            Some(HIDDEN.to_string()),
        );
        check(|s| s.sensitive(None), None, None);
    }

    #[test]
    fn reasons_and_the_sum_name_no_status_or_date_in_privacy_mode() {
        let pupil = pupil();
        let ctx = ScoringContext {
            as_of: NaiveDate::from_ymd_opt(2026, 3, 13).expect("a date"),
            has_moves_column: false,
        };
        let score = score(&pupil, &Profile::universal(), &ctx);
        let full = Shown::Full.explanation(&score);
        assert!(full.contains("EHC plan"), "{full}");
        let private = Shown::Private.explanation(&score);
        assert!(
            private.starts_with("Birthday (1) + SEN (3) + LAC (3)"),
            "{private}"
        );
        assert!(!private.contains("EHC") && !private.contains("looked after"));
        for factor in &score.factors {
            let why = Shown::Private.factor_why(factor);
            assert!(!why.contains("21/04/2014"), "{why}");
            assert!(
                !why.contains("EHC plan") && !why.contains("Looked after"),
                "{why}"
            );
            if factor.known {
                assert_eq!(why, "Hidden in privacy display mode");
            } else {
                // Unknown reasons say only what is missing.
                assert_eq!(why, factor.why);
            }
            assert_eq!(Shown::Full.factor_why(factor), factor.why);
        }
    }
}
