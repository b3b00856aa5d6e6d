//! Typed values read from spreadsheet cells: UPNs, year groups, SEN codes, dates,
//! percentages, IDACI measures and money (SPEC §2–§4).
//!
//! Every parser trims its input, treats blank text as unknown (`Ok(None)`) and reports
//! unparseable text with a [`ValueError`] that says in plain English what was expected.
//! Nothing here uses floating point for a stored value: percentages are hundredths,
//! IDACI scores thousandths and money pence, all parsed digit by digit.

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub, SubAssign};

/// A cell that could not be read as the value its column holds. The text says what was
/// expected, so `Display` reads "expected a year group such as R, Y7 or Year 7".
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[error("expected {0}")]
pub struct ValueError(pub String);

impl ValueError {
    fn expected(what: &str) -> ValueError {
        ValueError(what.to_string())
    }
}

/// Lower-cases `text` and keeps only its letters and digits, so "NC Year-7" and
/// "ncyear7" compare equal.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits a leading SIMS-style code from its description: "K - SEN Support" gives
/// "K". Text without " - " or ":" is returned whole.
fn code_before_description(text: &str) -> &str {
    let cut = [" - ", " – ", ":"]
        .iter()
        .filter_map(|sep| text.find(sep))
        .min();
    match cut {
        Some(at) => text[..at].trim(),
        None => text,
    }
}

// ---------------------------------------------------------------------------------------
// Decimal numbers, parsed exactly.
// ---------------------------------------------------------------------------------------

/// A plain decimal number as written: sign, whole part and fraction digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// A leading `-`.
    pub(crate) negative: bool,
    /// The digits before the point.
    pub(crate) whole: u64,
    /// The digits after the point, as written.
    pub(crate) fraction: String,
}

impl Decimal {
    /// Reads `-12.345`, `12`, `.5`, `12.` and (when `comma_decimal`) `12,5`. No
    /// exponents, no thousands separators, no spaces.
    pub(crate) fn parse(text: &str, comma_decimal: bool) -> Option<Decimal> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let is_point = |c: char| c == '.' || (comma_decimal && c == ',');
        let (whole_text, fraction) = match rest.find(is_point) {
            Some(at) => (&rest[..at], &rest[at + 1..]),
            None => (rest, ""),
        };
        if whole_text.is_empty() && fraction.is_empty() {
            return None;
        }
        if !whole_text.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let significant = whole_text.trim_start_matches('0');
        if significant.len() > 18 {
            return None;
        }
        let whole = if significant.is_empty() {
            0
        } else {
            significant.parse().ok()?
        };
        Some(Decimal {
            negative,
            whole,
            fraction: fraction.to_string(),
        })
    }

    /// The magnitude times 10^`places`, rounded half-up; `None` on overflow.
    pub(crate) fn scaled(&self, places: u32) -> Option<u64> {
        let mut value = self.whole.checked_mul(10u64.checked_pow(places)?)?;
        let digits = self.fraction.as_bytes();
        for i in 0..places as usize {
            let digit = digits.get(i).map_or(0, |b| u64::from(b - b'0'));
            value = value.checked_add(digit.checked_mul(10u64.pow(places - 1 - i as u32))?)?;
        }
        if digits.get(places as usize).is_some_and(|b| *b >= b'5') {
            value = value.checked_add(1)?;
        }
        Some(value)
    }

    /// How many decimal places the number needs (trailing zeros do not count).
    pub(crate) fn places(&self) -> usize {
        self.fraction.trim_end_matches('0').len()
    }

    /// True when every fraction digit is zero.
    pub(crate) fn is_whole(&self) -> bool {
        self.fraction.bytes().all(|b| b == b'0')
    }

    /// True when the magnitude is greater than `limit`, judged on every digit written.
    pub(crate) fn exceeds(&self, limit: u64) -> bool {
        self.whole > limit || (self.whole == limit && !self.is_whole())
    }

    /// True when the number is zero.
    pub(crate) fn is_zero(&self) -> bool {
        self.whole == 0 && self.is_whole()
    }
}

// ---------------------------------------------------------------------------------------
// UPN
// ---------------------------------------------------------------------------------------

/// The 23 letters the DfE uses for UPN check letters (no I, O or S).
const UPN_LETTERS: [char; 23] = [
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'T', 'U', 'V',
    'W', 'X', 'Y', 'Z',
];

/// Why text is not a valid Unique Pupil Number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum UpnError {
    /// The UPN does not have 13 characters (spaces are not counted).
    #[error("a UPN has 13 characters, but this one has {0}")]
    WrongLength(usize),
    /// The characters are not a check letter, 11 digits and a final digit or letter.
    #[error("a UPN is a letter, then 11 digits, then a digit or letter (not I, O or S)")]
    BadCharacters,
    /// The check letter does not match the rest of the UPN: probably a typing mistake.
    #[error(
        "the UPN's check letter should be {expected}, not {found}: check it for a typing mistake"
    )]
    WrongCheckLetter {
        /// The check letter the other 12 characters give.
        expected: char,
        /// The check letter written.
        found: char,
    },
}

/// A Unique Pupil Number with a correct DfE check letter: 13 characters, upper case,
/// without spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Upn(String);

impl Upn {
    /// Reads a UPN, ignoring spaces and case, and checks its check letter.
    pub fn parse(text: &str) -> Result<Upn, UpnError> {
        let upn: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect();
        let length = upn.chars().count();
        if length != 13 {
            return Err(UpnError::WrongLength(length));
        }
        let mut chars = upn.chars();
        let found = chars.next().ok_or(UpnError::WrongLength(0))?;
        let rest = chars.as_str();
        let expected = Upn::check_letter(rest).ok_or(UpnError::BadCharacters)?;
        if !found.is_ascii_uppercase() {
            return Err(UpnError::BadCharacters);
        }
        if found != expected {
            return Err(UpnError::WrongCheckLetter { expected, found });
        }
        Ok(Upn(upn))
    }

    /// The check letter for the 12 characters after it (11 digits, then a digit or,
    /// for a temporary UPN, a letter), or `None` when `rest` is not of that shape.
    pub fn check_letter(rest: &str) -> Option<char> {
        let chars: Vec<char> = rest.chars().collect();
        if chars.len() != 12 {
            return None;
        }
        let mut sum: u32 = 0;
        for (index, c) in chars.iter().enumerate() {
            let position = index as u32 + 2;
            let value = match c.to_digit(10) {
                Some(digit) => digit,
                None if position == 13 => {
                    let upper = c.to_ascii_uppercase();
                    UPN_LETTERS.iter().position(|l| *l == upper)? as u32
                }
                None => return None,
            };
            sum += value * position;
        }
        UPN_LETTERS.get((sum % 23) as usize).copied()
    }

    /// The UPN as 13 upper-case characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Upn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Upn {
    type Error = UpnError;
    fn try_from(text: String) -> Result<Upn, UpnError> {
        Upn::parse(&text)
    }
}

impl From<Upn> for String {
    fn from(upn: Upn) -> String {
        upn.0
    }
}

// ---------------------------------------------------------------------------------------
// Year group
// ---------------------------------------------------------------------------------------

/// A year group: Nursery 1 and 2, Reception, and Years 1 to 13, in school order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum YearGroup {
    /// Nursery 1 (Foundation Stage 1 for two-year-olds is not distinguished).
    N1,
    /// Nursery 2, the year before Reception (also written F1 or FS1).
    N2,
    /// Reception (also written R, YR or F2).
    Reception,
    /// National Curriculum Years 1 to 13.
    Year(u8),
}

const YEAR_GROUP_EXPECTED: &str = "a year group such as R, Y7 or Year 7";

impl YearGroup {
    /// National Curriculum year `n`, when `n` is 1 to 13.
    pub fn year(n: u8) -> Option<YearGroup> {
        (1..=13).contains(&n).then_some(YearGroup::Year(n))
    }

    /// Reads a year group in any case, spacing or punctuation: "R", "Rec", "YR", "Y7",
    /// "Year 7", "NC Year 7", "07", "N1", "Nursery 2", "F1" (Nursery 2), "F2" (Reception).
    pub fn parse(text: &str) -> Result<Option<YearGroup>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let err = || ValueError::expected(YEAR_GROUP_EXPECTED);
        // A plain number, possibly as Excel writes it ("7.0"); never "-1" or "1.2".
        if text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.') {
            let number = Decimal::parse(text, false).ok_or_else(err)?;
            if number.negative || !number.is_whole() {
                return Err(err());
            }
            return u8::try_from(number.whole)
                .ok()
                .and_then(YearGroup::year)
                .map(Some)
                .ok_or_else(err);
        }
        let squashed = squash(text);
        const PREFIXES: [&str; 8] = [
            "nationalcurriculumyear",
            "ncyear",
            "nc",
            "schoolyear",
            "year",
            "yr",
            "y",
            "",
        ];
        PREFIXES
            .iter()
            .filter_map(|prefix| squashed.strip_prefix(prefix))
            .find_map(YearGroup::from_squashed)
            .map(Some)
            .ok_or_else(err)
    }

    fn from_squashed(rest: &str) -> Option<YearGroup> {
        match rest {
            "r" | "rec" | "reception" | "f2" | "fs2" | "foundation2" | "foundationstage2" => {
                Some(YearGroup::Reception)
            }
            "n1" | "nursery1" | "nur1" => Some(YearGroup::N1),
            "n2" | "nursery2" | "nur2" | "f1" | "fs1" | "foundation1" | "foundationstage1" => {
                Some(YearGroup::N2)
            }
            _ if !rest.is_empty()
                && rest.len() <= 3
                && rest.bytes().all(|b| b.is_ascii_digit()) =>
            {
                rest.parse().ok().and_then(YearGroup::year)
            }
            _ => None,
        }
    }

    /// The name staff read: "Nursery 1", "Reception", "Year 7".
    pub fn label(&self) -> String {
        match self {
            YearGroup::N1 => "Nursery 1".to_string(),
            YearGroup::N2 => "Nursery 2".to_string(),
            YearGroup::Reception => "Reception".to_string(),
            YearGroup::Year(n) => format!("Year {n}"),
        }
    }

    /// The short form for tables: "N1", "R", "Y7".
    pub fn short(&self) -> String {
        match self {
            YearGroup::N1 => "N1".to_string(),
            YearGroup::N2 => "N2".to_string(),
            YearGroup::Reception => "R".to_string(),
            YearGroup::Year(n) => format!("Y{n}"),
        }
    }

    /// Every year group in school order, Nursery 1 to Year 13.
    pub fn all() -> Vec<YearGroup> {
        let mut all = vec![YearGroup::N1, YearGroup::N2, YearGroup::Reception];
        all.extend((1..=13).map(YearGroup::Year));
        all
    }
}

impl fmt::Display for YearGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl TryFrom<String> for YearGroup {
    type Error = ValueError;
    fn try_from(text: String) -> Result<YearGroup, ValueError> {
        YearGroup::parse(&text)?.ok_or_else(|| ValueError::expected(YEAR_GROUP_EXPECTED))
    }
}

impl From<YearGroup> for String {
    fn from(year: YearGroup) -> String {
        year.short()
    }
}

// ---------------------------------------------------------------------------------------
// SEN status
// ---------------------------------------------------------------------------------------

/// A pupil's special educational needs status, current codes and legacy ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SenStatus {
    /// N: no special educational need.
    NoSen,
    /// K: SEN support.
    SenSupport,
    /// E: education, health and care plan.
    EhcPlan,
    /// A: School Action (legacy, before 2014).
    SchoolAction,
    /// P: School Action Plus (legacy, before 2014).
    SchoolActionPlus,
    /// S: statement of SEN (legacy, replaced by EHC plans).
    Statement,
}

impl SenStatus {
    /// Reads a code (N, K, E, A, P, S, optionally followed by " - description" as SIMS
    /// writes it) or words such as "SEN Support", "EHCP" or "School Action Plus".
    pub fn parse(text: &str) -> Result<Option<SenStatus>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let err = || ValueError::expected("an SEN status such as N, K, E, SEN Support or EHC Plan");
        let code = squash(code_before_description(text));
        let status = match code.as_str() {
            "n" => Some(SenStatus::NoSen),
            "k" => Some(SenStatus::SenSupport),
            "e" => Some(SenStatus::EhcPlan),
            "a" => Some(SenStatus::SchoolAction),
            "p" => Some(SenStatus::SchoolActionPlus),
            "s" => Some(SenStatus::Statement),
            _ => None,
        };
        if status.is_some() {
            return Ok(status);
        }
        let status = match squash(text).as_str() {
            "nosen"
            | "none"
            | "no"
            | "nil"
            | "nospecialeducationalneed"
            | "nospecialeducationalneeds"
            | "notsen" => SenStatus::NoSen,
            "sensupport" | "support" | "senk" | "ksensupport" => SenStatus::SenSupport,
            "ehcplan"
            | "ehcp"
            | "ehc"
            | "educationhealthandcareplan"
            | "educationhealthcareplan" => SenStatus::EhcPlan,
            "schoolaction" | "action" => SenStatus::SchoolAction,
            "schoolactionplus" | "actionplus" => SenStatus::SchoolActionPlus,
            "statement"
            | "statemented"
            | "statementofsen"
            | "statementofspecialeducationalneeds" => SenStatus::Statement,
            _ => return Err(err()),
        };
        Ok(Some(status))
    }

    /// The one-letter DfE code: N, K, E, A, P or S.
    pub fn code(&self) -> char {
        match self {
            SenStatus::NoSen => 'N',
            SenStatus::SenSupport => 'K',
            SenStatus::EhcPlan => 'E',
            SenStatus::SchoolAction => 'A',
            SenStatus::SchoolActionPlus => 'P',
            SenStatus::Statement => 'S',
        }
    }

    /// The name staff read: "No SEN", "SEN support", "EHC plan", …
    pub fn label(&self) -> &'static str {
        match self {
            SenStatus::NoSen => "No SEN",
            SenStatus::SenSupport => "SEN support",
            SenStatus::EhcPlan => "EHC plan",
            SenStatus::SchoolAction => "School Action",
            SenStatus::SchoolActionPlus => "School Action Plus",
            SenStatus::Statement => "Statement",
        }
    }
}

impl fmt::Display for SenStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

// ---------------------------------------------------------------------------------------
// Primary need
// ---------------------------------------------------------------------------------------

/// The DfE primary type of special educational need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PrimaryNeed {
    /// Specific learning difficulty.
    SpLD,
    /// Moderate learning difficulty.
    MLD,
    /// Severe learning difficulty.
    SLD,
    /// Profound and multiple learning difficulty.
    PMLD,
    /// Social, emotional and mental health (formerly BESD).
    SEMH,
    /// Speech, language and communication needs.
    SLCN,
    /// Hearing impairment.
    HI,
    /// Visual impairment.
    VI,
    /// Multi-sensory impairment.
    MSI,
    /// Physical disability.
    PD,
    /// Autistic spectrum disorder.
    ASD,
    /// Other difficulty or disability.
    OTH,
    /// SEN support but no specialist assessment of type of need.
    NSA,
}

const PRIMARY_NEEDS: [PrimaryNeed; 13] = [
    PrimaryNeed::SpLD,
    PrimaryNeed::MLD,
    PrimaryNeed::SLD,
    PrimaryNeed::PMLD,
    PrimaryNeed::SEMH,
    PrimaryNeed::SLCN,
    PrimaryNeed::HI,
    PrimaryNeed::VI,
    PrimaryNeed::MSI,
    PrimaryNeed::PD,
    PrimaryNeed::ASD,
    PrimaryNeed::OTH,
    PrimaryNeed::NSA,
];

impl PrimaryNeed {
    /// Reads a code in any case ("SpLD", "semh"), optionally followed by " - description",
    /// or a full name ("Hearing Impairment", "Autism"); legacy "BESD" reads as SEMH.
    pub fn parse(text: &str) -> Result<Option<PrimaryNeed>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let by_code = |code: &str| {
            let code = squash(code);
            if code == "besd" || code == "bes" {
                return Some(PrimaryNeed::SEMH);
            }
            PRIMARY_NEEDS
                .iter()
                .copied()
                .find(|need| need.code().to_ascii_lowercase() == code)
        };
        if let Some(need) = by_code(code_before_description(text)) {
            return Ok(Some(need));
        }
        let words = squash(text)
            .replace("difficulties", "difficulty")
            .replace("disabilities", "disability")
            .replace("impairments", "impairment")
            .replace("needs", "need");
        let need = match words.as_str() {
            "specificlearningdifficulty" | "dyslexia" => PrimaryNeed::SpLD,
            "moderatelearningdifficulty" => PrimaryNeed::MLD,
            "severelearningdifficulty" => PrimaryNeed::SLD,
            "profoundandmultiplelearningdifficulty" | "profoundmultiplelearningdifficulty" => {
                PrimaryNeed::PMLD
            }
            "socialemotionalandmentalhealth"
            | "socialemotionalmentalhealth"
            | "behaviouremotionalandsocialdifficulty"
            | "behaviouralemotionalandsocialdifficulty" => PrimaryNeed::SEMH,
            "speechlanguageandcommunicationneed"
            | "speechlanguageandcommunication"
            | "speechlanguagecommunicationneed" => PrimaryNeed::SLCN,
            "hearingimpairment" => PrimaryNeed::HI,
            "visualimpairment" => PrimaryNeed::VI,
            "multisensoryimpairment" => PrimaryNeed::MSI,
            "physicaldisability" => PrimaryNeed::PD,
            "autisticspectrumdisorder"
            | "autismspectrumdisorder"
            | "autism"
            | "autisticspectrumcondition"
            | "autismspectrumcondition"
            | "asc" => PrimaryNeed::ASD,
            "otherdifficultydisability" | "otherdifficultyordisability" | "other" => {
                PrimaryNeed::OTH
            }
            "sensupportbutnospecialistassessmentoftypeofneed"
            | "nospecialistassessment"
            | "nospecialistassessmentoftypeofneed" => PrimaryNeed::NSA,
            _ => {
                return Err(ValueError::expected(
                    "a primary need such as SpLD, MLD, SEMH, SLCN or ASD",
                ))
            }
        };
        Ok(Some(need))
    }

    /// The DfE code: "SpLD", "MLD", …, "NSA".
    pub fn code(&self) -> &'static str {
        match self {
            PrimaryNeed::SpLD => "SpLD",
            PrimaryNeed::MLD => "MLD",
            PrimaryNeed::SLD => "SLD",
            PrimaryNeed::PMLD => "PMLD",
            PrimaryNeed::SEMH => "SEMH",
            PrimaryNeed::SLCN => "SLCN",
            PrimaryNeed::HI => "HI",
            PrimaryNeed::VI => "VI",
            PrimaryNeed::MSI => "MSI",
            PrimaryNeed::PD => "PD",
            PrimaryNeed::ASD => "ASD",
            PrimaryNeed::OTH => "OTH",
            PrimaryNeed::NSA => "NSA",
        }
    }

    /// The full name: "Specific learning difficulty", …
    pub fn label(&self) -> &'static str {
        match self {
            PrimaryNeed::SpLD => "Specific learning difficulty",
            PrimaryNeed::MLD => "Moderate learning difficulty",
            PrimaryNeed::SLD => "Severe learning difficulty",
            PrimaryNeed::PMLD => "Profound and multiple learning difficulty",
            PrimaryNeed::SEMH => "Social, emotional and mental health",
            PrimaryNeed::SLCN => "Speech, language and communication needs",
            PrimaryNeed::HI => "Hearing impairment",
            PrimaryNeed::VI => "Visual impairment",
            PrimaryNeed::MSI => "Multi-sensory impairment",
            PrimaryNeed::PD => "Physical disability",
            PrimaryNeed::ASD => "Autistic spectrum disorder",
            PrimaryNeed::OTH => "Other difficulty or disability",
            PrimaryNeed::NSA => "SEN support but no specialist assessment of type of need",
        }
    }

    /// Every primary need, in DfE order.
    pub fn all() -> &'static [PrimaryNeed] {
        &PRIMARY_NEEDS
    }
}

impl fmt::Display for PrimaryNeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

// ---------------------------------------------------------------------------------------
// EAL proficiency and gender
// ---------------------------------------------------------------------------------------

/// Proficiency in English of a pupil with English as an additional language (DfE scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EalProficiency {
    /// New to English.
    A,
    /// Early acquisition.
    B,
    /// Developing competence.
    C,
    /// Competent.
    D,
    /// Fluent.
    E,
}

impl EalProficiency {
    /// Reads a code A–E (optionally "A - New to English") or the words.
    pub fn parse(text: &str) -> Result<Option<EalProficiency>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let code = squash(code_before_description(text));
        let code = code.strip_prefix("code").unwrap_or(&code);
        let proficiency = match code {
            "a" => EalProficiency::A,
            "b" => EalProficiency::B,
            "c" => EalProficiency::C,
            "d" => EalProficiency::D,
            "e" => EalProficiency::E,
            _ => match squash(text).as_str() {
                "newtoenglish" => EalProficiency::A,
                "earlyacquisition" => EalProficiency::B,
                "developingcompetence" => EalProficiency::C,
                "competent" => EalProficiency::D,
                "fluent" => EalProficiency::E,
                _ => {
                    return Err(ValueError::expected(
                        "an English proficiency from A (new to English) to E (fluent)",
                    ))
                }
            },
        };
        Ok(Some(proficiency))
    }

    /// The words: "New to English", "Early acquisition", …, "Fluent".
    pub fn label(&self) -> &'static str {
        match self {
            EalProficiency::A => "New to English",
            EalProficiency::B => "Early acquisition",
            EalProficiency::C => "Developing competence",
            EalProficiency::D => "Competent",
            EalProficiency::E => "Fluent",
        }
    }

    /// The code letter, A to E.
    pub fn letter(&self) -> char {
        match self {
            EalProficiency::A => 'A',
            EalProficiency::B => 'B',
            EalProficiency::C => 'C',
            EalProficiency::D => 'D',
            EalProficiency::E => 'E',
        }
    }
}

impl fmt::Display for EalProficiency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Gender as recorded by the school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gender {
    /// Female (F, Girl).
    Female,
    /// Male (M, Boy).
    Male,
    /// Any other recorded gender.
    Other,
}

impl Gender {
    /// Reads F, M, Female, Male, Girl or Boy; "Unknown" or "Not stated" is unknown, and
    /// any other word is [`Gender::Other`].
    pub fn parse(text: &str) -> Result<Option<Gender>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let gender = match squash(text).as_str() {
            "f" | "female" | "girl" | "woman" => Gender::Female,
            "m" | "male" | "boy" | "man" => Gender::Male,
            "u" | "unknown" | "notknown" | "notstated" | "notrecorded" => return Ok(None),
            word if word.chars().any(char::is_alphabetic) => Gender::Other,
            _ => {
                return Err(ValueError::expected(
                    "a gender such as F, M, Female or Male",
                ))
            }
        };
        Ok(Some(gender))
    }

    /// "Female", "Male" or "Other".
    pub fn label(&self) -> &'static str {
        match self {
            Gender::Female => "Female",
            Gender::Male => "Male",
            Gender::Other => "Other",
        }
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

const DATE_EXPECTED: &str = "a date such as 13/03/2026";

/// The largest Excel serial date: 31/12/9999.
const EXCEL_SERIAL_MAX: i64 = 2_958_465;

/// Reads a UK date: dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd (each
/// optionally followed by a time), text months ("13 March 2026", "13-Mar-26",
/// "March 13, 2026", "13th March 2026") or an Excel serial number ("45729").
///
/// Slashed dates are always day first. Two-digit years follow Excel: 00–29 are 2000s,
/// 30–99 are 1900s. Impossible dates such as 31/02/2020 are an error.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, ValueError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    date_from_text(text)
        .map(Some)
        .ok_or_else(|| ValueError::expected(DATE_EXPECTED))
}

fn date_from_text(text: &str) -> Option<NaiveDate> {
    let text = without_time(text);
    if text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|b| *b == b'.').count() <= 1
    {
        return date_from_number(text);
    }
    let parts: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.' | ','))
        .filter(|part| !part.is_empty())
        .collect();
    if parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return date_from_numeric_parts(&parts);
    }
    date_from_words(&parts)
}

/// Drops a trailing time: "2014-04-21 00:00:00", "21/04/2014 00:00", "2014-04-21T00:00".
fn without_time(text: &str) -> &str {
    let mut text = text.trim_end();
    // ISO 8601 "yyyy-mm-ddThh:mm…": the T sits straight after the date.
    if matches!(text.get(10..11), Some("T" | "t"))
        && text.get(11..).is_some_and(|t| t.contains(':'))
    {
        text = text.get(..10).unwrap_or(text);
    }
    while let Some(at) = text.rfind(char::is_whitespace) {
        let word = text[at..].trim_start();
        let is_time = word.contains(':')
            && word
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.'));
        let is_meridiem = matches!(word.to_ascii_lowercase().as_str(), "am" | "pm");
        if !(is_time || is_meridiem) {
            break;
        }
        text = text[..at].trim_end();
    }
    text
}

/// An Excel serial ("45729", "45729.5") or a compact yyyymmdd ("20260313").
fn date_from_number(text: &str) -> Option<NaiveDate> {
    let number = Decimal::parse(text, false)?;
    if text.len() == 8 && number.fraction.is_empty() {
        let year = i32::try_from(number.whole / 10_000).ok()?;
        let month = u32::try_from(number.whole / 100 % 100).ok()?;
        let day = u32::try_from(number.whole % 100).ok()?;
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    excel_day(i64::try_from(number.whole).ok()?)
}

fn date_from_numeric_parts(parts: &[&str]) -> Option<NaiveDate> {
    let [first, second, third] = parts else {
        return None;
    };
    let number = |text: &str| text.parse::<u32>().ok();
    if first.len() == 4 {
        let year = i32::try_from(number(first)?).ok()?;
        return NaiveDate::from_ymd_opt(year, number(second)?, number(third)?);
    }
    if first.len() > 2 || second.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year_from(third)?, number(second)?, number(first)?)
}

/// A four-digit year, or a two-digit one following Excel's 1930–2029 window.
fn year_from(text: &str) -> Option<i32> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(value),
        2 if value < 30 => Some(2000 + value),
        2 => Some(1900 + value),
        _ => None,
    }
}

/// The month a name or abbreviation stands for: "March", "Mar", "Sept".
fn month_from(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    if word == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|month| month.starts_with(&word) && (word.len() == 3 || *month == word))
        .and_then(|index| u32::try_from(index + 1).ok())
}

/// A day of the month, with or without an ordinal suffix: "13", "13th", "1st".
fn day_from(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.to_lowercase();
    word.len() >= 3 && DAYS.iter().any(|day| day.starts_with(&word))
}

/// "13 March 2026", "13-Mar-26", "March 13, 2026", "Friday 13th March 2026".
fn date_from_words(parts: &[&str]) -> Option<NaiveDate> {
    let parts: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|part| !is_weekday(part))
        .collect();
    let [first, second, third] = parts.as_slice() else {
        return None;
    };
    let (day, month) = match (month_from(first), month_from(second)) {
        (None, Some(month)) => (day_from(first)?, month),
        (Some(month), None) => (day_from(second)?, month),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year_from(third)?, month, day)
}

/// Excel serial day number (1900 system) to a date; `None` outside 1..=2958465 and for
/// serial 60, Excel's non-existent 29/02/1900.
fn excel_day(serial: i64) -> Option<NaiveDate> {
    if !(1..=EXCEL_SERIAL_MAX).contains(&serial) || serial == 60 {
        return None;
    }
    // Excel counts 29/02/1900 as a real day, so serials after it are one day late.
    let (base, offset) = if serial < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31)?, serial)
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30)?, serial)
    };
    base.checked_add_days(chrono::Days::new(u64::try_from(offset).ok()?))
}

/// The date an Excel serial number (1900 system) stands for, ignoring any time of day:
/// serial 1 is 01/01/1900, 61 is 01/03/1900, 45729 is 13/03/2025. `None` when the
/// serial is out of Excel's range (1 to 2958465), not a number, or 60 (Excel's
/// fictitious 29/02/1900).
pub fn date_from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..(EXCEL_SERIAL_MAX + 1) as f64).contains(&serial) {
        return None;
    }
    // In range, so the whole part fits an i64 exactly.
    excel_day(serial.trunc() as i64)
}

/// A date as UK staff read it: "13/03/2026".
pub fn format_uk_date(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

// ---------------------------------------------------------------------------------------
// Percent
// ---------------------------------------------------------------------------------------

const PERCENT_EXPECTED: &str = "a percentage from 0 to 100, such as 93.5 or 93.5%";

/// A percentage from 0% to 100%, held in hundredths of a percent: 93.5% is 9350.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Percent(u32);

impl Percent {
    /// 100%.
    pub const FULL: Percent = Percent(10_000);

    /// Reads "93.5", "93.5%", "93,5", or a fraction "0.935" (a number no bigger than 1
    /// without a % sign is a fraction, so "1" is 100%). Rounds half-up to hundredths.
    pub fn parse(text: &str) -> Result<Option<Percent>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let err = || ValueError::expected(PERCENT_EXPECTED);
        let (number_text, has_sign) = match text.strip_suffix('%') {
            Some(rest) => (rest.trim_end(), true),
            None => (text, false),
        };
        let number = Decimal::parse(number_text, true).ok_or_else(err)?;
        if number.negative && !number.is_zero() {
            return Err(err());
        }
        let is_fraction =
            !has_sign && (number.whole == 0 || (number.whole == 1 && number.is_whole()));
        if number.exceeds(if is_fraction { 1 } else { 100 }) {
            return Err(err());
        }
        let hundredths = number
            .scaled(if is_fraction { 4 } else { 2 })
            .ok_or_else(err)?;
        if hundredths > 10_000 {
            return Err(err());
        }
        u32::try_from(hundredths)
            .map(|h| Some(Percent(h)))
            .map_err(|_| err())
    }

    /// The percentage `h` hundredths stand for; values over 10000 are taken as 100%.
    pub fn from_hundredths(h: u32) -> Percent {
        Percent(h.min(10_000))
    }

    /// Hundredths of a percent: 93.5% gives 9350.
    pub fn hundredths(&self) -> u32 {
        self.0
    }

    /// To one decimal place, rounded half up, always with the decimal: "88.8%", "90.0%"
    /// (attendance over time, where columns of figures should line up).
    pub fn one_decimal(&self) -> String {
        let tenths = (self.0 + 5) / 10;
        format!("{}.{}%", tenths / 10, tenths % 10)
    }

    /// Attendance from session counts, rounded half-up to hundredths of a percent;
    /// `None` when no sessions were possible or more were attended than possible.
    pub fn from_sessions(attended: u32, possible: u32) -> Option<Percent> {
        if possible == 0 || attended > possible {
            return None;
        }
        let possible = u64::from(possible);
        let hundredths = (u64::from(attended) * 20_000 + possible) / (2 * possible);
        u32::try_from(hundredths).ok().map(Percent)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, part) = (self.0 / 100, self.0 % 100);
        match part {
            0 => write!(f, "{whole}%"),
            p if p.is_multiple_of(10) => write!(f, "{whole}.{}%", p / 10),
            p => write!(f, "{whole}.{p:02}%"),
        }
    }
}

impl TryFrom<u32> for Percent {
    type Error = ValueError;
    fn try_from(h: u32) -> Result<Percent, ValueError> {
        if h > 10_000 {
            return Err(ValueError::expected(PERCENT_EXPECTED));
        }
        Ok(Percent(h))
    }
}

impl From<Percent> for u32 {
    fn from(percent: Percent) -> u32 {
        percent.0
    }
}

// ---------------------------------------------------------------------------------------
// Yes/no and counts
// ---------------------------------------------------------------------------------------

/// Reads yes or no: Y/N, Yes/No, True/False, T/F, 1/0 in any case, and -1 for true as
/// Microsoft Access writes it.
pub fn parse_yes_no(text: &str) -> Result<Option<bool>, ValueError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.to_lowercase().as_str() {
        "y" | "yes" | "true" | "t" | "1" | "-1" | "1.0" | "-1.0" => Ok(Some(true)),
        "n" | "no" | "false" | "f" | "0" | "0.0" => Ok(Some(false)),
        _ => Err(ValueError::expected(
            "yes or no, such as Y, N, Yes, No, True or False",
        )),
    }
}

/// Reads a whole number that is zero or more: "3", " 3 ", "3.0".
pub fn parse_count(text: &str) -> Result<Option<u32>, ValueError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let err = || ValueError::expected("a whole number such as 0, 1 or 2");
    let number = Decimal::parse(text, false).ok_or_else(err)?;
    if (number.negative && !number.is_zero()) || !number.is_whole() {
        return Err(err());
    }
    u32::try_from(number.whole).map(Some).map_err(|_| err())
}

// ---------------------------------------------------------------------------------------
// IDACI
// ---------------------------------------------------------------------------------------

const IDACI_SCORE_EXPECTED: &str = "an IDACI score from 0 to 1, such as 0.412";

/// An IDACI score from 0 to 1, held in thousandths: 0.412 is 412.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct IdaciScore(u16);

impl IdaciScore {
    /// Reads "0.412", ".412" or "0,412", rounding half-up to three decimal places.
    pub fn parse(text: &str) -> Result<Option<IdaciScore>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let err = || ValueError::expected(IDACI_SCORE_EXPECTED);
        let number = Decimal::parse(text, true).ok_or_else(err)?;
        if number.negative && !number.is_zero() {
            return Err(err());
        }
        if number.exceeds(1) {
            return Err(err());
        }
        let thousandths = number.scaled(3).ok_or_else(err)?;
        if thousandths > 1000 {
            return Err(err());
        }
        u16::try_from(thousandths)
            .map(|t| Some(IdaciScore(t)))
            .map_err(|_| err())
    }

    /// The score `t` thousandths stand for; values over 1000 are taken as 1.
    pub fn from_thousandths(t: u16) -> IdaciScore {
        IdaciScore(t.min(1000))
    }

    /// Thousandths: 0.412 gives 412.
    pub fn thousandths(&self) -> u16 {
        self.0
    }
}

impl fmt::Display for IdaciScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03}", self.0 / 1000, self.0 % 1000)
    }
}

impl TryFrom<u16> for IdaciScore {
    type Error = ValueError;
    fn try_from(t: u16) -> Result<IdaciScore, ValueError> {
        if t > 1000 {
            return Err(ValueError::expected(IDACI_SCORE_EXPECTED));
        }
        Ok(IdaciScore(t))
    }
}

impl From<IdaciScore> for u16 {
    fn from(score: IdaciScore) -> u16 {
        score.0
    }
}

/// An IDACI band: A is the most deprived 2.5% of areas, G the least deprived 62.5%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdaciBand {
    /// Most deprived 2.5%.
    A,
    /// Next 2.5% (2.5–5%).
    B,
    /// Next 5% (5–10%).
    C,
    /// Next 10% (10–20%).
    D,
    /// Next 10% (20–30%).
    E,
    /// Next 7.5% (30–37.5%).
    F,
    /// Least deprived 62.5%.
    G,
}

impl IdaciBand {
    /// Reads "A", "a", "Band A", "IDACI A" or "IDACI Band A".
    pub fn parse(text: &str) -> Result<Option<IdaciBand>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let squashed = squash(text);
        let rest = squashed.strip_prefix("idaci").unwrap_or(&squashed);
        let rest = rest.strip_prefix("band").unwrap_or(rest);
        let band = match rest {
            "a" => IdaciBand::A,
            "b" => IdaciBand::B,
            "c" => IdaciBand::C,
            "d" => IdaciBand::D,
            "e" => IdaciBand::E,
            "f" => IdaciBand::F,
            "g" => IdaciBand::G,
            _ => return Err(ValueError::expected("an IDACI band from A to G")),
        };
        Ok(Some(band))
    }

    /// The band letter, A to G.
    pub fn letter(&self) -> char {
        match self {
            IdaciBand::A => 'A',
            IdaciBand::B => 'B',
            IdaciBand::C => 'C',
            IdaciBand::D => 'D',
            IdaciBand::E => 'E',
            IdaciBand::F => 'F',
            IdaciBand::G => 'G',
        }
    }
}

impl fmt::Display for IdaciBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Band {}", self.letter())
    }
}

const IDACI_DECILE_EXPECTED: &str = "an IDACI decile from 1 to 10";

/// An IDACI decile: 1 is the most deprived tenth of areas, 10 the least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdaciDecile(u8);

impl IdaciDecile {
    /// Decile `n`, when `n` is 1 to 10.
    pub fn new(n: u8) -> Option<IdaciDecile> {
        (1..=10).contains(&n).then_some(IdaciDecile(n))
    }

    /// Reads "1" to "10", "3.0" or "Decile 3".
    pub fn parse(text: &str) -> Result<Option<IdaciDecile>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let err = || ValueError::expected(IDACI_DECILE_EXPECTED);
        let lower = text.to_lowercase();
        let rest = lower.strip_prefix("idaci").unwrap_or(&lower).trim_start();
        let rest = rest.strip_prefix("decile").unwrap_or(rest).trim();
        let number = Decimal::parse(rest, false).ok_or_else(err)?;
        if number.negative || !number.is_whole() {
            return Err(err());
        }
        u8::try_from(number.whole)
            .ok()
            .and_then(IdaciDecile::new)
            .map(Some)
            .ok_or_else(err)
    }

    /// The decile, 1 to 10.
    pub fn get(&self) -> u8 {
        self.0
    }
}

impl fmt::Display for IdaciDecile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl TryFrom<u8> for IdaciDecile {
    type Error = ValueError;
    fn try_from(n: u8) -> Result<IdaciDecile, ValueError> {
        IdaciDecile::new(n).ok_or_else(|| ValueError::expected(IDACI_DECILE_EXPECTED))
    }
}

impl From<IdaciDecile> for u8 {
    fn from(decile: IdaciDecile) -> u8 {
        decile.0
    }
}

// ---------------------------------------------------------------------------------------
// Money
// ---------------------------------------------------------------------------------------

/// An amount of money in whole pence. Arithmetic saturates rather than overflowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Money(i64);

impl Money {
    /// No money: £0.00.
    pub const ZERO: Money = Money(0);

    /// Reads "£1,234.50", "1234.5", "1234", "-£5" or "£-5.00", rounding half-up to whole
    /// pence. Brackets for negatives, as accountants write them, are not accepted.
    pub fn parse(text: &str) -> Result<Option<Money>, ValueError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let err = || ValueError::expected("an amount of money such as £1,234.50");
        let (outer_minus, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text),
        };
        let rest = match rest.strip_prefix('£') {
            Some(rest) => rest.trim_start(),
            None => rest,
        };
        let (inner_minus, rest) = match rest.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        if outer_minus && inner_minus {
            return Err(err());
        }
        let (whole, fraction) = match rest.find('.') {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        if whole.starts_with(',') || whole.ends_with(',') || whole.contains(",,") {
            return Err(err());
        }
        let digits = format!("{}{fraction}", whole.replace(',', ""));
        let number = Decimal::parse(&digits, false).ok_or_else(err)?;
        if number.negative {
            return Err(err());
        }
        let pence = number.scaled(2).ok_or_else(err)?;
        let pence = i64::try_from(pence).map_err(|_| err())?;
        Ok(Some(Money(if outer_minus || inner_minus {
            -pence
        } else {
            pence
        })))
    }

    /// The amount `p` pence stands for.
    pub fn from_pence(p: i64) -> Money {
        Money(p)
    }

    /// The amount in pence.
    pub fn pence(&self) -> i64 {
        self.0
    }

    /// This amount `n` times over, for example a cost per session times sessions.
    pub fn times(self, n: i64) -> Money {
        Money(self.0.saturating_mul(n))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let magnitude = self.0.unsigned_abs();
        let pounds = (magnitude / 100).to_string();
        let mut grouped = String::with_capacity(pounds.len() + pounds.len() / 3);
        for (index, digit) in pounds.chars().enumerate() {
            if index > 0 && (pounds.len() - index).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}£{grouped}.{:02}", magnitude % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        *self = *self + other;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, other: Money) {
        *self = *self - other;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date is valid")
    }

    // ---- UPN ----

    fn check_upn(input: &str, expected: Result<&str, UpnError>) {
        let got = Upn::parse(input);
        assert_eq!(
            got.as_ref().map(Upn::as_str).map_err(|e| *e),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn upn_known_good() {
        for upn in [
            "W373210125361",
            "Y373210125123",
            "V373210125231",
            "M373210125593",
        ] {
            check_upn(upn, Ok(upn));
        }
    }

    #[test]
    fn upn_every_fixture_upn_parses() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/primary_210.csv"
        );
        let text = std::fs::read_to_string(path).expect("fixture is readable");
        let mut count = 0;
        for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let first = line.split(',').next().unwrap_or_default();
            assert!(
                Upn::parse(first).is_ok(),
                "{first}: {:?}",
                Upn::parse(first)
            );
            count += 1;
        }
        assert_eq!(count, 210);
    }

    #[test]
    fn upn_normalises_case_and_spaces() {
        check_upn(" w373210125361 ", Ok("W373210125361"));
        check_upn("W373 2101 25361", Ok("W373210125361"));
        check_upn("y373210125123\t", Ok("Y373210125123"));
    }

    #[test]
    fn upn_wrong_check_letter() {
        check_upn(
            "A373210125361",
            Err(UpnError::WrongCheckLetter {
                expected: 'W',
                found: 'A',
            }),
        );
        check_upn(
            "W373210125362",
            Err(UpnError::WrongCheckLetter {
                expected: Upn::check_letter("373210125362").unwrap_or('?'),
                found: 'W',
            }),
        );
    }

    #[test]
    fn upn_wrong_length_and_bad_characters() {
        check_upn("W37321012536", Err(UpnError::WrongLength(12)));
        check_upn("W3732101253611", Err(UpnError::WrongLength(14)));
        check_upn("", Err(UpnError::WrongLength(0)));
        // A final letter makes a temporary UPN, so only the check letter is wrong here:
        // 236 + X (20) × 13 = 496, 496 mod 23 = 13 → P.
        check_upn(
            "W37321012536X",
            Err(UpnError::WrongCheckLetter {
                expected: 'P',
                found: 'W',
            }),
        );
        check_upn("W3732101A5361", Err(UpnError::BadCharacters));
        check_upn("1373210125361", Err(UpnError::BadCharacters));
        check_upn("W37321012536O", Err(UpnError::BadCharacters));
        check_upn("W37321012536é", Err(UpnError::BadCharacters));
    }

    #[test]
    fn upn_temporary_with_final_letter() {
        // 3*2+7*3+3*4+2*5+1*6+0*7+1*8+2*9+5*10+3*11+6*12 = 236; final A = 0 → 236 % 23 = 6 → G.
        assert_eq!(Upn::check_letter("37321012536A"), Some('G'));
        check_upn("G37321012536A", Ok("G37321012536A"));
        check_upn("g37321012536a", Ok("G37321012536A"));
        assert_eq!(Upn::check_letter("3732101253"), None);
    }

    #[test]
    fn upn_errors_read_plainly() {
        let e = UpnError::WrongCheckLetter {
            expected: 'W',
            found: 'A',
        };
        assert_eq!(
            e.to_string(),
            "the UPN's check letter should be W, not A: check it for a typing mistake"
        );
        let upn = Upn::parse("W373210125361").expect("valid");
        assert_eq!(Upn::try_from(String::from(upn.clone())), Ok(upn));
        assert!(Upn::try_from("A373210125361".to_string()).is_err());
    }

    // ---- Year group ----

    fn check_year(input: &str, expected: Option<YearGroup>) {
        assert_eq!(YearGroup::parse(input), Ok(expected), "input {input:?}");
    }

    #[test]
    fn year_group_reception_spellings() {
        for input in [
            "R",
            "r",
            "Rec",
            "Reception",
            "YR",
            "Year R",
            "yr",
            "F2",
            "FS2",
            " reception ",
        ] {
            check_year(input, Some(YearGroup::Reception));
        }
    }

    #[test]
    fn year_group_numbered_spellings() {
        for input in [
            "Y7",
            "Year 7",
            "7",
            "07",
            "NC 7",
            "NC Year 7",
            "Yr 7",
            "Year7",
            "year-7",
            "YEAR 7",
            "7.0",
            "Y07",
            "National Curriculum Year 7",
        ] {
            check_year(input, Some(YearGroup::Year(7)));
        }
        check_year("12", Some(YearGroup::Year(12)));
        check_year("13", Some(YearGroup::Year(13)));
        check_year("Year 1", Some(YearGroup::Year(1)));
        check_year("  ", None);
    }

    #[test]
    fn year_group_nursery_spellings() {
        for input in ["N1", "n1", "Nursery 1"] {
            check_year(input, Some(YearGroup::N1));
        }
        for input in ["N2", "Nursery 2", "F1", "FS1"] {
            check_year(input, Some(YearGroup::N2));
        }
    }

    #[test]
    fn year_group_rejects() {
        for input in [
            "0", "14", "Year 15", "Year 0", "Y", "Year", "seven", "Nursery", "-1", "1.2", "R7",
        ] {
            let got = YearGroup::parse(input);
            assert!(got.is_err(), "input {input:?} gave {got:?}");
        }
        assert_eq!(
            YearGroup::parse("Year 15").map_err(|e| e.to_string()),
            Err("expected a year group such as R, Y7 or Year 7".to_string())
        );
    }

    #[test]
    fn year_group_order_labels_and_all() {
        assert!(YearGroup::N1 < YearGroup::N2);
        assert!(YearGroup::N2 < YearGroup::Reception);
        assert!(YearGroup::Reception < YearGroup::Year(1));
        assert!(YearGroup::Year(2) < YearGroup::Year(10));
        assert_eq!(YearGroup::N1.label(), "Nursery 1");
        assert_eq!(YearGroup::Reception.label(), "Reception");
        assert_eq!(YearGroup::Year(7).label(), "Year 7");
        assert_eq!(YearGroup::Reception.short(), "R");
        assert_eq!(YearGroup::Year(7).short(), "Y7");
        let all = YearGroup::all();
        assert_eq!(all.len(), 16);
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        for year in all {
            check_year(&year.short(), Some(year));
            check_year(&year.label(), Some(year));
            assert_eq!(YearGroup::try_from(String::from(year)).ok(), Some(year));
        }
        assert!(YearGroup::try_from("Y14".to_string()).is_err());
    }

    // ---- SEN status ----

    fn check_sen(input: &str, expected: Option<SenStatus>) {
        assert_eq!(SenStatus::parse(input), Ok(expected), "input {input:?}");
    }

    #[test]
    fn sen_current_codes_and_words() {
        use SenStatus::*;
        for (input, expected) in [
            ("N", NoSen),
            ("n", NoSen),
            ("No SEN", NoSen),
            ("None", NoSen),
            ("N - No Special Educational Need", NoSen),
            ("K", SenSupport),
            ("K - SEN Support", SenSupport),
            ("SEN Support", SenSupport),
            ("sen support", SenSupport),
            ("E", EhcPlan),
            ("E - Education, Health and Care Plan", EhcPlan),
            ("EHC Plan", EhcPlan),
            ("EHCP", EhcPlan),
            ("Education, Health and Care Plan", EhcPlan),
        ] {
            check_sen(input, Some(expected));
        }
        check_sen("", None);
    }

    #[test]
    fn sen_legacy_codes_and_words() {
        use SenStatus::*;
        for (input, expected) in [
            ("A", SchoolAction),
            ("A - School Action", SchoolAction),
            ("School Action", SchoolAction),
            ("Action", SchoolAction),
            ("P", SchoolActionPlus),
            ("P - School Action Plus", SchoolActionPlus),
            ("School Action Plus", SchoolActionPlus),
            ("Action Plus", SchoolActionPlus),
            ("S", Statement),
            ("S - Statement", Statement),
            ("Statement", Statement),
        ] {
            check_sen(input, Some(expected));
        }
    }

    #[test]
    fn sen_rejects_and_codes() {
        for input in ["X", "N/A", "maybe", "Q - Something"] {
            assert!(SenStatus::parse(input).is_err(), "input {input:?}");
        }
        let codes: String = [
            SenStatus::NoSen,
            SenStatus::SenSupport,
            SenStatus::EhcPlan,
            SenStatus::SchoolAction,
            SenStatus::SchoolActionPlus,
            SenStatus::Statement,
        ]
        .iter()
        .map(SenStatus::code)
        .collect();
        assert_eq!(codes, "NKEAPS");
        assert_eq!(SenStatus::EhcPlan.label(), "EHC plan");
    }

    // ---- Primary need ----

    fn check_need(input: &str, expected: Option<PrimaryNeed>) {
        assert_eq!(PrimaryNeed::parse(input), Ok(expected), "input {input:?}");
    }

    #[test]
    fn primary_need_codes_any_case() {
        for need in PrimaryNeed::all() {
            check_need(need.code(), Some(*need));
            check_need(&need.code().to_lowercase(), Some(*need));
            check_need(&need.code().to_uppercase(), Some(*need));
            check_need(&format!("{} - {}", need.code(), need.label()), Some(*need));
        }
        check_need("BESD", Some(PrimaryNeed::SEMH));
        check_need("", None);
        assert_eq!(PrimaryNeed::all().len(), 13);
    }

    #[test]
    fn primary_need_full_names() {
        use PrimaryNeed::*;
        for (input, expected) in [
            ("Specific Learning Difficulty", SpLD),
            ("Moderate Learning Difficulty", MLD),
            ("Severe Learning Difficulty", SLD),
            ("Profound and Multiple Learning Difficulty", PMLD),
            ("Social, Emotional and Mental Health", SEMH),
            ("Speech, Language and Communication Needs", SLCN),
            ("Hearing Impairment", HI),
            ("Visual Impairment", VI),
            ("Multi-Sensory Impairment", MSI),
            ("Physical Disability", PD),
            ("Autistic Spectrum Disorder", ASD),
            ("Autism", ASD),
            ("Other Difficulty/Disability", OTH),
            (
                "SEN support but no specialist assessment of type of need",
                NSA,
            ),
            ("Behaviour, Emotional and Social Difficulties", SEMH),
        ] {
            check_need(input, Some(expected));
        }
        for need in PrimaryNeed::all() {
            check_need(need.label(), Some(*need));
        }
        assert!(PrimaryNeed::parse("Tiredness").is_err());
    }

    // ---- EAL and gender ----

    #[test]
    fn eal_proficiency_codes_and_words() {
        use EalProficiency::*;
        for (input, expected) in [
            ("A", A),
            ("a", A),
            ("New to English", A),
            ("A - New to English", A),
            ("B", B),
            ("Early acquisition", B),
            ("C", C),
            ("Developing Competence", C),
            ("D", D),
            ("Competent", D),
            ("E", E),
            ("fluent", E),
        ] {
            assert_eq!(
                EalProficiency::parse(input),
                Ok(Some(expected)),
                "{input:?}"
            );
        }
        assert_eq!(EalProficiency::parse(" "), Ok(None));
        assert!(EalProficiency::parse("F").is_err());
        assert_eq!(EalProficiency::C.label(), "Developing competence");
    }

    #[test]
    fn gender_spellings() {
        use Gender::*;
        for (input, expected) in [
            ("F", Some(Female)),
            ("female", Some(Female)),
            ("Girl", Some(Female)),
            ("M", Some(Male)),
            ("MALE", Some(Male)),
            ("boy", Some(Male)),
            ("Non-binary", Some(Other)),
            ("X", Some(Other)),
            ("Unknown", None),
            ("", None),
        ] {
            assert_eq!(Gender::parse(input), Ok(expected), "{input:?}");
        }
        assert!(Gender::parse("1").is_err());
    }

    // ---- Dates ----

    fn check_date(input: &str, expected: Option<NaiveDate>) {
        assert_eq!(parse_date(input), Ok(expected), "input {input:?}");
    }

    #[test]
    fn date_numeric_forms() {
        let d = Some(date(2026, 3, 13));
        for input in [
            "13/03/2026",
            "13/3/2026",
            "13/3/26",
            "13-03-2026",
            "13.03.2026",
            "2026-03-13",
            " 13/03/2026 ",
            "20260313",
        ] {
            check_date(input, d);
        }
        check_date("1/2/2014", Some(date(2014, 2, 1)));
        check_date("05/04/2014", Some(date(2014, 4, 5)));
        check_date("", None);
    }

    #[test]
    fn date_with_trailing_time() {
        let d = Some(date(2014, 4, 21));
        for input in [
            "2014-04-21 00:00:00",
            "21/04/2014 00:00",
            "21/04/2014 00:00:00",
            "2014-04-21T00:00:00",
            "21/04/2014 12:00:00 AM",
        ] {
            check_date(input, d);
        }
    }

    #[test]
    fn date_text_months() {
        let d = Some(date(2026, 3, 13));
        for input in [
            "13 March 2026",
            "13 Mar 2026",
            "13-Mar-2026",
            "13-Mar-26",
            "March 13, 2026",
            "13th March 2026",
            "13 MARCH 2026",
            "Friday 13 March 2026",
            "Fri, 13 Mar 2026",
        ] {
            check_date(input, d);
        }
        check_date("1st Sept 2025", Some(date(2025, 9, 1)));
        check_date("2nd June 2014", Some(date(2014, 6, 2)));
    }

    #[test]
    fn date_two_digit_years_follow_excel() {
        check_date("01/01/00", Some(date(2000, 1, 1)));
        check_date("01/01/29", Some(date(2029, 1, 1)));
        check_date("01/01/30", Some(date(1930, 1, 1)));
        check_date("01/01/99", Some(date(1999, 1, 1)));
    }

    #[test]
    fn date_excel_serials() {
        check_date("45729", Some(date(2025, 3, 13)));
        check_date("45729.0", Some(date(2025, 3, 13)));
        check_date("45729.75", Some(date(2025, 3, 13)));
        check_date("1", Some(date(1900, 1, 1)));
        check_date("59", Some(date(1900, 2, 28)));
        check_date("61", Some(date(1900, 3, 1)));
        check_date("2958465", Some(date(9999, 12, 31)));
        assert_eq!(date_from_excel_serial(1.0), Some(date(1900, 1, 1)));
        assert_eq!(date_from_excel_serial(61.0), Some(date(1900, 3, 1)));
        assert_eq!(date_from_excel_serial(45729.0), Some(date(2025, 3, 13)));
        assert_eq!(date_from_excel_serial(46094.5), Some(date(2026, 3, 13)));
        assert_eq!(date_from_excel_serial(60.0), None);
        assert_eq!(date_from_excel_serial(0.0), None);
        assert_eq!(date_from_excel_serial(-3.0), None);
        assert_eq!(date_from_excel_serial(2_958_466.0), None);
        assert_eq!(date_from_excel_serial(f64::NAN), None);
    }

    #[test]
    fn date_rejects() {
        for input in [
            "31/02/2020",
            "29/02/2023",
            "32/01/2020",
            "13/13/2020",
            "0",
            "2958466",
            "60",
            "yesterday",
            "13 Smarch 2026",
            "2026/13/03",
            "13/03",
            "13/03/202",
            "-5",
        ] {
            let got = parse_date(input);
            assert!(got.is_err(), "input {input:?} gave {got:?}");
        }
        assert_eq!(
            parse_date("31/02/2020").map_err(|e| e.to_string()),
            Err("expected a date such as 13/03/2026".to_string())
        );
        check_date("29/02/2024", Some(date(2024, 2, 29)));
    }

    #[test]
    fn date_formats_uk() {
        assert_eq!(format_uk_date(date(2026, 3, 13)), "13/03/2026");
        assert_eq!(format_uk_date(date(2014, 4, 1)), "01/04/2014");
    }

    // ---- Percent ----

    fn check_percent(input: &str, expected: Option<u32>) {
        assert_eq!(
            Percent::parse(input),
            Ok(expected.map(Percent::from_hundredths)),
            "input {input:?}"
        );
    }

    #[test]
    fn percent_forms() {
        for input in [
            "93.5", "93.5%", " 93.5 % ", "0.935", "93,5", "93,5%", ".935", "93.50",
        ] {
            check_percent(input, Some(9350));
        }
        check_percent("1", Some(10_000));
        check_percent("1.0", Some(10_000));
        check_percent("0", Some(0));
        check_percent("100", Some(10_000));
        check_percent("100%", Some(10_000));
        check_percent("1%", Some(100));
        check_percent("0.5%", Some(50));
        check_percent("50", Some(5000));
        check_percent("1.5", Some(150));
        check_percent("", None);
    }

    #[test]
    fn percent_rounds_half_up() {
        check_percent("93.125", Some(9313));
        check_percent("93.124999", Some(9312));
        check_percent("0.93125", Some(9313));
        check_percent("99.995", Some(10_000));
        check_percent("33.33333333333333", Some(3333));
    }

    #[test]
    fn percent_rejects() {
        for input in [
            "100.01", "100.001", "101%", "-1", "-0.5%", "abc", "9 3", "%", "1e2",
        ] {
            let got = Percent::parse(input);
            assert!(got.is_err(), "input {input:?} gave {got:?}");
        }
        assert_eq!(
            Percent::parse("120").map_err(|e| e.to_string()),
            Err("expected a percentage from 0 to 100, such as 93.5 or 93.5%".to_string())
        );
    }

    #[test]
    fn percent_from_sessions_and_display() {
        assert_eq!(
            Percent::from_sessions(225, 244).map(|p| p.hundredths()),
            Some(9221)
        );
        assert_eq!(
            Percent::from_sessions(1, 8).map(|p| p.hundredths()),
            Some(1250)
        );
        // 2/3 = 66.666…% → 66.67%; 1/6 = 16.666…% → 16.67%; 1/16 = 6.25%.
        assert_eq!(
            Percent::from_sessions(2, 3).map(|p| p.hundredths()),
            Some(6667)
        );
        assert_eq!(
            Percent::from_sessions(1, 16).map(|p| p.hundredths()),
            Some(625)
        );
        // 1/80000 = 0.00125% rounds down to 0%; 1/20000 = 0.005% is a half and rounds up.
        assert_eq!(
            Percent::from_sessions(1, 80_000).map(|p| p.hundredths()),
            Some(0)
        );
        assert_eq!(
            Percent::from_sessions(1, 20_000).map(|p| p.hundredths()),
            Some(1)
        );
        assert_eq!(Percent::from_sessions(244, 244), Some(Percent::FULL));
        assert_eq!(Percent::from_sessions(0, 0), None);
        assert_eq!(Percent::from_sessions(5, 4), None);
        assert_eq!(
            Percent::from_sessions(u32::MAX, u32::MAX),
            Some(Percent::FULL)
        );
        for (h, shown) in [
            (10_000, "100%"),
            (9350, "93.5%"),
            (9325, "93.25%"),
            (0, "0%"),
            (5, "0.05%"),
        ] {
            assert_eq!(Percent::from_hundredths(h).to_string(), shown);
        }
        assert_eq!(Percent::from_hundredths(20_000), Percent::FULL);
        assert!(Percent::try_from(10_001).is_err());
    }

    // ---- Yes/no and counts ----

    #[test]
    fn yes_no_forms() {
        for input in ["Y", "y", "Yes", "YES", "True", "TRUE", "t", "1", "-1"] {
            assert_eq!(parse_yes_no(input), Ok(Some(true)), "{input:?}");
        }
        for input in ["N", "n", "No", "no", "False", "FALSE", "f", "0"] {
            assert_eq!(parse_yes_no(input), Ok(Some(false)), "{input:?}");
        }
        assert_eq!(parse_yes_no("  "), Ok(None));
        for input in ["maybe", "2", "yess"] {
            assert!(parse_yes_no(input).is_err(), "{input:?}");
        }
    }

    #[test]
    fn count_forms() {
        for (input, expected) in [
            ("3", Some(3)),
            (" 3 ", Some(3)),
            ("3.0", Some(3)),
            ("0", Some(0)),
            ("", None),
        ] {
            assert_eq!(parse_count(input), Ok(expected), "{input:?}");
        }
        for input in ["-1", "2.5", "three", "99999999999", "3 pupils"] {
            assert!(parse_count(input).is_err(), "{input:?}");
        }
    }

    // ---- IDACI ----

    #[test]
    fn idaci_score_forms() {
        for (input, expected) in [
            ("0.412", 412),
            (".412", 412),
            ("0,412", 412),
            ("0.4125", 413),
            ("0.41249", 412),
            ("0.073", 73),
            ("0.26", 260),
            ("1", 1000),
            ("0", 0),
        ] {
            assert_eq!(
                IdaciScore::parse(input),
                Ok(Some(IdaciScore::from_thousandths(expected))),
                "{input:?}"
            );
        }
        assert_eq!(IdaciScore::parse(""), Ok(None));
        for input in ["1.001", "1.0001", "-0.1", "high"] {
            assert!(IdaciScore::parse(input).is_err(), "{input:?}");
        }
        assert_eq!(IdaciScore::from_thousandths(412).to_string(), "0.412");
        assert_eq!(IdaciScore::from_thousandths(73).to_string(), "0.073");
        assert_eq!(IdaciScore::from_thousandths(1000).to_string(), "1.000");
        assert_eq!(IdaciScore::from_thousandths(412).thousandths(), 412);
    }

    #[test]
    fn idaci_band_and_decile_forms() {
        for input in ["A", "a", "Band A", "IDACI A", "IDACI Band A", "band-a"] {
            assert_eq!(IdaciBand::parse(input), Ok(Some(IdaciBand::A)), "{input:?}");
        }
        assert_eq!(IdaciBand::parse("G"), Ok(Some(IdaciBand::G)));
        assert_eq!(IdaciBand::G.letter(), 'G');
        assert!(IdaciBand::parse("H").is_err());
        assert_eq!(IdaciBand::parse(""), Ok(None));
        for (input, expected) in [
            ("1", 1),
            ("10", 10),
            ("Decile 3", 3),
            ("3.0", 3),
            ("IDACI decile 7", 7),
        ] {
            assert_eq!(
                IdaciDecile::parse(input).map(|d| d.map(|d| d.get())),
                Ok(Some(expected)),
                "{input:?}"
            );
        }
        for input in ["0", "11", "2.5", "-1", "low"] {
            assert!(IdaciDecile::parse(input).is_err(), "{input:?}");
        }
    }

    // ---- Money ----

    fn check_money(input: &str, expected: Option<i64>) {
        assert_eq!(
            Money::parse(input),
            Ok(expected.map(Money::from_pence)),
            "input {input:?}"
        );
    }

    #[test]
    fn money_forms() {
        check_money("£1,234.50", Some(123_450));
        check_money("1234.5", Some(123_450));
        check_money("1234", Some(123_400));
        check_money("-£5", Some(-500));
        check_money("£-5.00", Some(-500));
        check_money("-£4.60", Some(-460));
        check_money("£12.50", Some(1250));
        check_money("£ 0.00", Some(0));
        check_money("1,024.00", Some(102_400));
        check_money("£1,000,000", Some(100_000_000));
        check_money("0.125", Some(13));
        check_money("", None);
        for input in [
            "(5.00)",
            "five pounds",
            "£",
            "--5",
            "-£-5",
            "1.2.3",
            "£1,,000",
            "$5",
        ] {
            assert!(Money::parse(input).is_err(), "{input:?}");
        }
    }

    #[test]
    fn money_display_and_arithmetic() {
        for (pence, shown) in [
            (123_450, "£1,234.50"),
            (-500, "-£5.00"),
            (0, "£0.00"),
            (5, "£0.05"),
            (100_000_000, "£1,000,000.00"),
            (99_999, "£999.99"),
        ] {
            assert_eq!(Money::from_pence(pence).to_string(), shown);
        }
        let a = Money::from_pence(1000);
        let b = Money::from_pence(250);
        assert_eq!((a + b).pence(), 1250);
        assert_eq!((b - a).pence(), -750);
        assert_eq!([a, b, b].iter().sum::<Money>().pence(), 1500);
        assert_eq!(vec![a, b].into_iter().sum::<Money>().pence(), 1250);
        assert_eq!(Money::default(), Money::ZERO);
        assert_eq!(b.times(3).pence(), 750);
        assert_eq!(
            (Money::from_pence(i64::MAX) + a).pence(),
            i64::MAX,
            "saturates, never panics"
        );
        assert_eq!(
            Money::from_pence(i64::MIN).to_string(),
            "-£92,233,720,368,547,758.08"
        );
    }
}
