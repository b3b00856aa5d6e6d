//! Workspace details (SPEC §8.5, issue 16): who the school is — its name, URN, DfE number,
//! phase and local authority — as the school states them in Settings, shown on prints and
//! exports and written into its school figures.
//!
//! Every detail is optional: a workspace starts with none, and the planner works without
//! them. What is given is checked by [`SchoolDetailsDraft::validate`], the **School
//! details** form as data, which refuses each field plainly ([`DetailsProblem`]):
//! - a **URN** (unique reference number) is 6 digits, `123456`;
//! - a **DfE number** (LAESTAB) is the local authority's 3-digit code and the school's
//!   4-digit number, typed `123/4567` or `1234567` (spaces ignored) and always written
//!   `123/4567`;
//! - the school's name is at most [`NAME_LIMIT`] characters, the local authority's at most
//!   [`LOCAL_AUTHORITY_LIMIT`], both trimmed.

use std::fmt;

/// The longest school name kept, in characters.
pub const NAME_LIMIT: usize = 120;

/// The longest local authority name kept, in characters.
pub const LOCAL_AUTHORITY_LIMIT: usize = 80;

/// A school's phase of education, as the school states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchoolPhase {
    Primary,
    Secondary,
    AllThrough,
    Special,
    AlternativeProvision,
}

impl SchoolPhase {
    /// Every phase, in the order the form offers them.
    pub const ALL: [SchoolPhase; 5] = [
        SchoolPhase::Primary,
        SchoolPhase::Secondary,
        SchoolPhase::AllThrough,
        SchoolPhase::Special,
        SchoolPhase::AlternativeProvision,
    ];

    /// "Primary", "Secondary", "All-through", "Special", "Alternative provision".
    pub fn label(self) -> &'static str {
        match self {
            SchoolPhase::Primary => "Primary",
            SchoolPhase::Secondary => "Secondary",
            SchoolPhase::AllThrough => "All-through",
            SchoolPhase::Special => "Special",
            SchoolPhase::AlternativeProvision => "Alternative provision",
        }
    }
}

impl fmt::Display for SchoolPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A school's unique reference number: exactly 6 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Urn(String);

impl Urn {
    /// Reads a URN: blank is none; otherwise 6 digits, spaces around them ignored.
    pub fn parse(text: &str) -> Result<Option<Urn>, DetailsProblemKind> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Some(Urn(text.to_string())))
        } else {
            Err(DetailsProblemKind::UrnNotSixDigits)
        }
    }

    /// The six digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Urn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A school's DfE number (LAESTAB): the local authority's 3-digit code and the school's
/// 4-digit establishment number, written "123/4567".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DfeNumber {
    /// The local authority's code, 0–999 (written with 3 digits).
    pub local_authority: u16,
    /// The establishment number, 0–9999 (written with 4 digits).
    pub establishment: u16,
}

impl DfeNumber {
    /// Reads a DfE number: blank is none; otherwise "123/4567" or "1234567", spaces
    /// anywhere ignored.
    pub fn parse(text: &str) -> Result<Option<DfeNumber>, DetailsProblemKind> {
        let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if squashed.is_empty() {
            return Ok(None);
        }
        let (la, establishment) = match squashed.split_once('/') {
            Some((la, establishment)) => (la, establishment),
            None if squashed.len() == 7 => squashed.split_at(3),
            None => return Err(DetailsProblemKind::DfeNumberNotRight),
        };
        let digits = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        match (digits(la, 3), digits(establishment, 4)) {
            (Some(local_authority), Some(establishment)) => Ok(Some(DfeNumber {
                local_authority,
                establishment,
            })),
            _ => Err(DetailsProblemKind::DfeNumberNotRight),
        }
    }
}

/// "123/4567".
impl fmt::Display for DfeNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03}/{:04}", self.local_authority, self.establishment)
    }
}

/// No details given, for whatever needs a reference to them (an export of a workspace
/// whose school is not described).
pub static NO_DETAILS: SchoolDetails = SchoolDetails {
    school_name: String::new(),
    urn: None,
    dfe_number: None,
    phase: None,
    local_authority: String::new(),
};

/// The school's details, as kept in the workspace. Every one is optional; text is
/// trimmed, and empty when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolDetails {
    /// The school's name ("" when not given: the workspace's name stands for it).
    pub school_name: String,
    /// The URN.
    pub urn: Option<Urn>,
    /// The DfE number.
    pub dfe_number: Option<DfeNumber>,
    /// The phase.
    pub phase: Option<SchoolPhase>,
    /// The local authority's name ("" when not given).
    pub local_authority: String,
}

impl SchoolDetails {
    /// Whether no detail is given.
    pub fn is_empty(&self) -> bool {
        *self == SchoolDetails::default()
    }

    /// The school's name: the one given, else the workspace's name.
    pub fn name_or<'a>(&'a self, workspace_name: &'a str) -> &'a str {
        if self.school_name.is_empty() {
            workspace_name
        } else {
            &self.school_name
        }
    }

    /// The details given, each with its field (whose label names it) and its value, in the
    /// form's order, the school's name left out (it heads whatever shows them): URN
    /// "123456", DfE number "123/4567", Phase "Primary", Local authority "Tameside".
    pub fn facts(&self) -> Vec<(DetailsField, String)> {
        let mut facts = Vec::new();
        if let Some(urn) = &self.urn {
            facts.push((DetailsField::Urn, urn.to_string()));
        }
        if let Some(dfe) = &self.dfe_number {
            facts.push((DetailsField::DfeNumber, dfe.to_string()));
        }
        if let Some(phase) = self.phase {
            facts.push((DetailsField::Phase, phase.label().to_string()));
        }
        if !self.local_authority.is_empty() {
            facts.push((DetailsField::LocalAuthority, self.local_authority.clone()));
        }
        facts
    }

    /// The facts on one line, for a print header: "URN 123456 · DfE number 123/4567 ·
    /// Primary · Tameside"; empty when none is given.
    pub fn line(&self) -> String {
        self.facts()
            .into_iter()
            .map(|(field, value)| match field {
                DetailsField::Urn | DetailsField::DfeNumber => {
                    format!("{} {value}", field.label())
                }
                _ => value,
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// What the school's figures say about it: its name (or the workspace's), URN and
    /// local authority, as given.
    pub fn for_figures(&self, workspace_name: &str) -> crate::core::figures::SchoolDetails {
        let given = |text: &str| (!text.trim().is_empty()).then(|| text.trim().to_string());
        crate::core::figures::SchoolDetails {
            school_name: given(self.name_or(workspace_name)),
            urn: self.urn.as_ref().map(Urn::to_string),
            local_authority: given(&self.local_authority),
        }
    }
}

/// A field of the **School details** form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DetailsField {
    SchoolName,
    Urn,
    DfeNumber,
    Phase,
    LocalAuthority,
}

impl DetailsField {
    /// Every field, in the form's order.
    pub const ALL: [DetailsField; 5] = [
        DetailsField::SchoolName,
        DetailsField::Urn,
        DetailsField::DfeNumber,
        DetailsField::Phase,
        DetailsField::LocalAuthority,
    ];

    /// The field's label.
    pub fn label(self) -> &'static str {
        match self {
            DetailsField::SchoolName => "School name",
            DetailsField::Urn => "URN",
            DetailsField::DfeNumber => "DfE number",
            DetailsField::Phase => "Phase",
            DetailsField::LocalAuthority => "Local authority",
        }
    }

    /// A stable id for the field's control: "school-urn".
    pub fn id(self) -> &'static str {
        match self {
            DetailsField::SchoolName => "school-name",
            DetailsField::Urn => "school-urn",
            DetailsField::DfeNumber => "school-dfe-number",
            DetailsField::Phase => "school-phase",
            DetailsField::LocalAuthority => "school-local-authority",
        }
    }

    /// What the field wants, said under its label.
    pub fn hint(self) -> &'static str {
        match self {
            DetailsField::SchoolName => {
                "As it appears on prints and exports. Leave blank to use the workspace's name."
            }
            DetailsField::Urn => "The school's unique reference number: 6 digits, such as 123456.",
            DetailsField::DfeNumber => {
                "Also called LAESTAB: the local authority's 3-digit code and the school's 4-digit number, such as 123/4567."
            }
            DetailsField::Phase => "",
            DetailsField::LocalAuthority => "Such as Tameside.",
        }
    }
}

/// What is wrong with a field as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsProblemKind {
    /// The school's name is longer than [`NAME_LIMIT`].
    NameTooLong,
    /// The URN is not 6 digits.
    UrnNotSixDigits,
    /// The DfE number is not 3 digits and 4 digits.
    DfeNumberNotRight,
    /// The local authority's name is longer than [`LOCAL_AUTHORITY_LIMIT`].
    LocalAuthorityTooLong,
}

impl fmt::Display for DetailsProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DetailsProblemKind::NameTooLong => write!(
                f,
                "Enter a school name of {NAME_LIMIT} characters or fewer"
            ),
            DetailsProblemKind::UrnNotSixDigits => f.write_str(
                "Enter a URN of 6 digits, such as 123456 (find it on Get Information about Schools), or leave it blank",
            ),
            DetailsProblemKind::DfeNumberNotRight => f.write_str(
                "Enter a DfE number as 3 digits and 4 digits, such as 123/4567 or 1234567, or leave it blank",
            ),
            DetailsProblemKind::LocalAuthorityTooLong => write!(
                f,
                "Enter a local authority name of {LOCAL_AUTHORITY_LIMIT} characters or fewer"
            ),
        }
    }
}

/// A problem with the form, naming its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailsProblem {
    /// The field it is about.
    pub field: DetailsField,
    /// What is wrong.
    pub kind: DetailsProblemKind,
}

impl fmt::Display for DetailsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

/// The **School details** form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchoolDetailsDraft {
    /// The school's name.
    pub school_name: String,
    /// The URN.
    pub urn: String,
    /// The DfE number.
    pub dfe_number: String,
    /// The phase chosen (`None`: not given).
    pub phase: Option<SchoolPhase>,
    /// The local authority's name.
    pub local_authority: String,
}

impl SchoolDetailsDraft {
    /// The form filled with `details`.
    pub fn of(details: &SchoolDetails) -> SchoolDetailsDraft {
        SchoolDetailsDraft {
            school_name: details.school_name.clone(),
            urn: details.urn.as_ref().map(Urn::to_string).unwrap_or_default(),
            dfe_number: details
                .dfe_number
                .map(|dfe| dfe.to_string())
                .unwrap_or_default(),
            phase: details.phase,
            local_authority: details.local_authority.clone(),
        }
    }

    /// The details, or every problem in the form's order.
    pub fn validate(&self) -> Result<SchoolDetails, Vec<DetailsProblem>> {
        let mut problems = Vec::new();
        let mut note = |field: DetailsField, kind: DetailsProblemKind| {
            problems.push(DetailsProblem { field, kind })
        };
        let school_name = self.school_name.trim().to_string();
        if school_name.chars().count() > NAME_LIMIT {
            note(DetailsField::SchoolName, DetailsProblemKind::NameTooLong);
        }
        let urn = Urn::parse(&self.urn).unwrap_or_else(|kind| {
            note(DetailsField::Urn, kind);
            None
        });
        let dfe_number = DfeNumber::parse(&self.dfe_number).unwrap_or_else(|kind| {
            note(DetailsField::DfeNumber, kind);
            None
        });
        let local_authority = self.local_authority.trim().to_string();
        if local_authority.chars().count() > LOCAL_AUTHORITY_LIMIT {
            note(
                DetailsField::LocalAuthority,
                DetailsProblemKind::LocalAuthorityTooLong,
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SchoolDetails {
            school_name,
            urn,
            dfe_number,
            phase: self.phase,
            local_authority,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(urn: &str, dfe: &str) -> SchoolDetailsDraft {
        SchoolDetailsDraft {
            school_name: "  Oakfield Primary ".into(),
            urn: urn.into(),
            dfe_number: dfe.into(),
            phase: Some(SchoolPhase::Primary),
            local_authority: " Tameside ".into(),
        }
    }

    #[test]
    fn a_urn_is_six_digits_and_blank_is_none() {
        assert_eq!(Urn::parse(" 123456 "), Ok(Some(Urn("123456".into()))));
        assert_eq!(Urn::parse(""), Ok(None));
        assert_eq!(Urn::parse("   "), Ok(None));
        for bad in [
            "12345",
            "1234567",
            "12345a",
            "123 456",
            "-12345",
            "１２３４５６",
        ] {
            assert_eq!(
                Urn::parse(bad),
                Err(DetailsProblemKind::UrnNotSixDigits),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_dfe_number_is_three_and_four_digits_either_way_and_written_with_a_slash() {
        for typed in ["123/4567", "1234567", " 123 / 4567 ", "123 4567"] {
            let read = DfeNumber::parse(typed).expect("reads").expect("given");
            assert_eq!(read.to_string(), "123/4567", "{typed}");
        }
        let leading = DfeNumber::parse("001/0042").expect("reads").expect("given");
        assert_eq!(leading.to_string(), "001/0042");
        assert_eq!(DfeNumber::parse(""), Ok(None));
        for bad in [
            "12/34567", "1234/567", "123456", "12345678", "123/456", "abc/defg", "123-4567",
        ] {
            assert_eq!(
                DfeNumber::parse(bad),
                Err(DetailsProblemKind::DfeNumberNotRight),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_form_gives_trimmed_details_or_every_problem_beside_its_field() {
        let details = draft("123456", "1234567").validate().expect("valid");
        assert_eq!(details.school_name, "Oakfield Primary");
        assert_eq!(details.local_authority, "Tameside");
        assert_eq!(
            details.dfe_number.map(|d| d.to_string()),
            Some("123/4567".into())
        );
        // Filled again from what was kept, it gives the same details.
        assert_eq!(SchoolDetailsDraft::of(&details).validate(), Ok(details));

        let mut bad = draft("12345", "123/456");
        bad.school_name = "x".repeat(NAME_LIMIT + 1);
        bad.local_authority = "y".repeat(LOCAL_AUTHORITY_LIMIT + 1);
        let problems = bad.validate().expect_err("refused");
        assert_eq!(
            problems.iter().map(|p| p.field).collect::<Vec<_>>(),
            DetailsField::ALL
                .into_iter()
                .filter(|f| *f != DetailsField::Phase)
                .collect::<Vec<_>>()
        );
        assert_eq!(
            problems[1].to_string(),
            "Enter a URN of 6 digits, such as 123456 (find it on Get Information about Schools), or leave it blank"
        );
        // Exactly at the limits is fine.
        let mut longest = draft("", "");
        longest.school_name = "é".repeat(NAME_LIMIT);
        longest.local_authority = "é".repeat(LOCAL_AUTHORITY_LIMIT);
        assert!(longest.validate().is_ok());
        // Nothing typed is no details at all.
        assert_eq!(
            SchoolDetailsDraft::default()
                .validate()
                .map(|d| d.is_empty()),
            Ok(true)
        );
    }

    #[test]
    fn the_details_read_as_facts_a_line_and_the_figures_header() {
        let details = draft("123456", "123/4567").validate().expect("valid");
        assert_eq!(
            details.facts(),
            [
                (DetailsField::Urn, "123456".to_string()),
                (DetailsField::DfeNumber, "123/4567".to_string()),
                (DetailsField::Phase, "Primary".to_string()),
                (DetailsField::LocalAuthority, "Tameside".to_string()),
            ]
        );
        assert_eq!(
            details.line(),
            "URN 123456 · DfE number 123/4567 · Primary · Tameside"
        );
        let figures = details.for_figures("Oakfield workspace");
        assert_eq!(figures.school_name.as_deref(), Some("Oakfield Primary"));
        assert_eq!(figures.urn.as_deref(), Some("123456"));
        assert_eq!(figures.local_authority.as_deref(), Some("Tameside"));

        let none = SchoolDetails::default();
        assert_eq!(none.line(), "");
        assert_eq!(none.name_or("Oakfield"), "Oakfield");
        let figures = none.for_figures("Oakfield");
        assert_eq!(figures.school_name.as_deref(), Some("Oakfield"));
        assert_eq!(figures.urn, None);
        assert_eq!(figures.local_authority, None);
    }
}
