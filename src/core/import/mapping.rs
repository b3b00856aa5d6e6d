//! Column headings to pupil fields (SPEC §4): automatic mapping from the wording real MIS
//! exports use (SIMS, Arbor, Bromcom, ScholarPack, Integris and home-made lists), in any
//! case, spacing or punctuation, and a memory of mappings the user has confirmed so the
//! next termly file imports in one click.

use std::collections::BTreeMap;

/// What one spreadsheet column holds: one field of [`crate::core::pupil::Pupil`], one
/// subject's attainment, or nothing the planner uses (kept as an extra column).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Unique Pupil Number.
    Upn,
    /// Legal surname.
    Surname,
    /// Legal forename.
    Forename,
    /// Preferred forename ("known as").
    PreferredName,
    /// Gender or sex.
    Gender,
    /// Date of birth.
    DateOfBirth,
    /// National curriculum year group.
    YearGroup,
    /// Registration group, form or class.
    Class,
    /// SEN status (N, K, E or the legacy A, P, S).
    SenStatus,
    /// SEN primary need (SpLD, MLD, …).
    PrimaryNeed,
    /// Child looked after (CLA / LAC / in care).
    LookedAfter,
    /// English as an additional language.
    Eal,
    /// Proficiency in English, A–E.
    EalProficiency,
    /// First or home language.
    FirstLanguage,
    /// Date of arrival in England.
    ArrivalDate,
    /// New-arrival flag.
    NewArrival,
    /// Date the pupil joined the school.
    EntryDate,
    /// Number of school moves.
    SchoolMoves,
    /// Free school meals.
    Fsm,
    /// Pupil premium / disadvantaged.
    PupilPremium,
    /// IDACI score, 0–1.
    IdaciScore,
    /// IDACI band, A–G.
    IdaciBand,
    /// IDACI decile, 1–10.
    IdaciDecile,
    /// Attendance percentage.
    Attendance,
    /// Sessions possible.
    SessionsPossible,
    /// Sessions attended.
    SessionsAttended,
    /// Number of suspensions.
    Suspensions,
    /// Sessions lost to suspension.
    SuspensionSessions,
    /// Permanent exclusion flag.
    PermanentExclusion,
    /// The pupil's school's URN (or another identifier), in a local-authority file
    /// covering many schools.
    SchoolId,
    /// The pupil's school's name, in a local-authority file.
    SchoolName,
    /// The pupil's school's DfE number (LAESTAB, "123/4567"), in a local-authority file.
    DfeNumber,
    /// A single name column: "Surname, Forename" or "Forename Surname".
    FullName,
    /// Current or working-at attainment in the named subject.
    AttainmentCurrent(String),
    /// Target in the named subject.
    AttainmentTarget(String),
    /// Prior attainment (e.g. KS2 scaled score) in the named subject.
    AttainmentPrior(String),
    /// Not used by the planner: the column is kept as-is in [`crate::core::pupil::Pupil::extra`].
    Ignore,
}

impl Field {
    /// Every field that is not a subject's attainment and not [`Field::Ignore`], in the
    /// order the review screen's dropdown lists them.
    pub fn all_simple() -> Vec<Field> {
        use Field::*;
        vec![
            Upn,
            Surname,
            Forename,
            FullName,
            PreferredName,
            Gender,
            DateOfBirth,
            YearGroup,
            Class,
            SenStatus,
            PrimaryNeed,
            LookedAfter,
            Eal,
            EalProficiency,
            FirstLanguage,
            ArrivalDate,
            NewArrival,
            EntryDate,
            SchoolMoves,
            Fsm,
            PupilPremium,
            IdaciScore,
            IdaciBand,
            IdaciDecile,
            Attendance,
            SessionsPossible,
            SessionsAttended,
            Suspensions,
            SuspensionSessions,
            PermanentExclusion,
            SchoolId,
            SchoolName,
            DfeNumber,
        ]
    }

    /// The plain-English name shown in the review screen's dropdown.
    pub fn label(&self) -> String {
        use Field::*;
        let simple = match self {
            Upn => "UPN",
            Surname => "Legal surname",
            Forename => "Legal forename",
            PreferredName => "Preferred forename",
            Gender => "Gender",
            DateOfBirth => "Date of birth",
            YearGroup => "Year group",
            Class => "Registration group or class",
            SenStatus => "SEN status",
            PrimaryNeed => "SEN primary need",
            LookedAfter => "Looked after (CLA)",
            Eal => "EAL",
            EalProficiency => "Proficiency in English",
            FirstLanguage => "First language",
            ArrivalDate => "Date of arrival in England",
            NewArrival => "New arrival",
            EntryDate => "Date of entry to this school",
            SchoolMoves => "Number of school moves",
            Fsm => "Free school meals (FSM)",
            PupilPremium => "Pupil premium",
            IdaciScore => "IDACI score",
            IdaciBand => "IDACI band",
            IdaciDecile => "IDACI decile",
            Attendance => "Attendance %",
            SessionsPossible => "Sessions possible",
            SessionsAttended => "Sessions attended",
            Suspensions => "Number of suspensions",
            SuspensionSessions => "Sessions lost to suspension",
            PermanentExclusion => "Permanent exclusion",
            SchoolId => "School URN",
            SchoolName => "School name",
            DfeNumber => "School DfE number (LAESTAB)",
            FullName => "Full name (surname and forename together)",
            AttainmentCurrent(subject) => return format!("{subject}: current / working at"),
            AttainmentTarget(subject) => return format!("{subject}: target"),
            AttainmentPrior(subject) => return format!("{subject}: prior attainment"),
            Ignore => "Not used (kept as an extra column)",
        };
        simple.to_string()
    }

    /// True for a subject's attainment (current, target or prior).
    pub fn is_attainment(&self) -> bool {
        matches!(
            self,
            Field::AttainmentCurrent(_) | Field::AttainmentTarget(_) | Field::AttainmentPrior(_)
        )
    }

    /// The subject of an attainment field.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Field::AttainmentCurrent(subject)
            | Field::AttainmentTarget(subject)
            | Field::AttainmentPrior(subject) => Some(subject),
            _ => None,
        }
    }

    /// True for a field that identifies a pupil: the UPN or a name.
    pub fn identifies_pupil(&self) -> bool {
        matches!(
            self,
            Field::Upn | Field::Surname | Field::Forename | Field::FullName
        )
    }

    /// True for a field that may map several columns (attainment and ignored columns);
    /// every other field maps at most one.
    pub fn may_repeat(&self) -> bool {
        self.is_attainment() || *self == Field::Ignore
    }
}

/// A heading reduced for matching: lower case, letters and digits only, so "D.O.B.",
/// "d o b" and "DOB" all become "dob".
pub fn normalise_heading(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Normalised headings and the field each means.
const SYNONYMS: &[(&str, Field)] = &[
    // Identity
    ("upn", Field::Upn),
    ("uniquepupilnumber", Field::Upn),
    ("pupilupn", Field::Upn),
    ("studentupn", Field::Upn),
    ("upnnumber", Field::Upn),
    ("surname", Field::Surname),
    ("legalsurname", Field::Surname),
    ("lastname", Field::Surname),
    ("familyname", Field::Surname),
    ("legallastname", Field::Surname),
    ("legalfamilyname", Field::Surname),
    ("forename", Field::Forename),
    ("forenames", Field::Forename),
    ("legalforename", Field::Forename),
    ("legalforenames", Field::Forename),
    ("firstname", Field::Forename),
    ("firstnames", Field::Forename),
    ("legalfirstname", Field::Forename),
    ("givenname", Field::Forename),
    ("givennames", Field::Forename),
    ("christianname", Field::Forename),
    ("preferredforename", Field::PreferredName),
    ("preferredname", Field::PreferredName),
    ("preferredfirstname", Field::PreferredName),
    ("knownas", Field::PreferredName),
    ("chosenname", Field::PreferredName),
    ("name", Field::FullName),
    ("fullname", Field::FullName),
    ("pupilname", Field::FullName),
    ("studentname", Field::FullName),
    ("childname", Field::FullName),
    ("childsname", Field::FullName),
    ("legalname", Field::FullName),
    ("pupil", Field::FullName),
    ("student", Field::FullName),
    ("gender", Field::Gender),
    ("sex", Field::Gender),
    ("dob", Field::DateOfBirth),
    ("dateofbirth", Field::DateOfBirth),
    ("birthdate", Field::DateOfBirth),
    ("birthday", Field::DateOfBirth),
    ("born", Field::DateOfBirth),
    // School placement
    ("ncyear", Field::YearGroup),
    ("ncyearactual", Field::YearGroup),
    ("ncyeargroup", Field::YearGroup),
    ("nationalcurriculumyear", Field::YearGroup),
    ("year", Field::YearGroup),
    ("yeargroup", Field::YearGroup),
    ("yeargrp", Field::YearGroup),
    ("curriculumyear", Field::YearGroup),
    ("yr", Field::YearGroup),
    ("yg", Field::YearGroup),
    ("reggroup", Field::Class),
    ("registrationgroup", Field::Class),
    ("regform", Field::Class),
    ("reg", Field::Class),
    ("form", Field::Class),
    ("formgroup", Field::Class),
    ("tutorgroup", Field::Class),
    ("tutor", Field::Class),
    ("class", Field::Class),
    ("classname", Field::Class),
    ("schoolid", Field::SchoolId),
    ("urn", Field::SchoolId),
    ("schoolurn", Field::SchoolId),
    ("uniquereferencenumber", Field::SchoolId),
    ("establishmenturn", Field::SchoolId),
    ("school", Field::SchoolName),
    ("schoolname", Field::SchoolName),
    ("nameofschool", Field::SchoolName),
    ("establishment", Field::SchoolName),
    ("establishmentname", Field::SchoolName),
    ("laestablishmentnumber", Field::DfeNumber),
    ("laestab", Field::DfeNumber),
    ("laestabnumber", Field::DfeNumber),
    ("establishmentnumber", Field::DfeNumber),
    ("dfe", Field::DfeNumber),
    ("dfenumber", Field::DfeNumber),
    ("dfeno", Field::DfeNumber),
    ("dfeestablishmentnumber", Field::DfeNumber),
    ("dfes", Field::DfeNumber),
    ("dfesnumber", Field::DfeNumber),
    // SEN
    ("senstatus", Field::SenStatus),
    ("senstage", Field::SenStatus),
    ("senprovision", Field::SenStatus),
    ("sendstatus", Field::SenStatus),
    ("sendstage", Field::SenStatus),
    ("sendprovision", Field::SenStatus),
    ("sen", Field::SenStatus),
    ("send", Field::SenStatus),
    ("sencode", Field::SenStatus),
    ("sencategory", Field::SenStatus),
    ("senprimaryneed", Field::PrimaryNeed),
    ("primaryneed", Field::PrimaryNeed),
    ("primarysenneed", Field::PrimaryNeed),
    ("primarytypeofneed", Field::PrimaryNeed),
    ("needtype", Field::PrimaryNeed),
    ("typeofneed", Field::PrimaryNeed),
    ("senneed", Field::PrimaryNeed),
    ("sentype", Field::PrimaryNeed),
    ("senprimaryneedtype", Field::PrimaryNeed),
    // Context
    ("incare", Field::LookedAfter),
    ("cla", Field::LookedAfter),
    ("lac", Field::LookedAfter),
    ("cic", Field::LookedAfter),
    ("childincare", Field::LookedAfter),
    ("lookedafter", Field::LookedAfter),
    ("childlookedafter", Field::LookedAfter),
    ("lookedafterchild", Field::LookedAfter),
    ("lookedafterstatus", Field::LookedAfter),
    ("eal", Field::Eal),
    ("englishasanadditionallanguage", Field::Eal),
    ("ealstatus", Field::Eal),
    ("ealflag", Field::Eal),
    ("englishproficiency", Field::EalProficiency),
    ("proficiencyinenglish", Field::EalProficiency),
    ("profinenglish", Field::EalProficiency),
    ("ealproficiency", Field::EalProficiency),
    ("ealstage", Field::EalProficiency),
    ("stageofenglish", Field::EalProficiency),
    ("proficiency", Field::EalProficiency),
    ("firstlanguage", Field::FirstLanguage),
    ("homelanguage", Field::FirstLanguage),
    ("mainlanguage", Field::FirstLanguage),
    ("mothertongue", Field::FirstLanguage),
    ("language", Field::FirstLanguage),
    ("dateofarrivalinuk", Field::ArrivalDate),
    ("dateofarrivalinengland", Field::ArrivalDate),
    ("dateofarrival", Field::ArrivalDate),
    ("arrivaldate", Field::ArrivalDate),
    ("ukarrivaldate", Field::ArrivalDate),
    ("arrivalinuk", Field::ArrivalDate),
    ("newarrival", Field::NewArrival),
    ("recentarrival", Field::NewArrival),
    ("newtoengland", Field::NewArrival),
    ("dateofentry", Field::EntryDate),
    ("admissiondate", Field::EntryDate),
    ("dateofadmission", Field::EntryDate),
    ("entrydate", Field::EntryDate),
    ("startdate", Field::EntryDate),
    ("datejoined", Field::EntryDate),
    ("joiningdate", Field::EntryDate),
    ("schoolmoves", Field::SchoolMoves),
    ("numberofmoves", Field::SchoolMoves),
    ("numberofschoolmoves", Field::SchoolMoves),
    ("moves", Field::SchoolMoves),
    ("mobility", Field::SchoolMoves),
    ("fsm", Field::Fsm),
    ("fsmeligible", Field::Fsm),
    ("fsmeligibility", Field::Fsm),
    ("eligibleforfsm", Field::Fsm),
    ("freeschoolmeals", Field::Fsm),
    ("fsm6", Field::Fsm),
    ("ever6fsm", Field::Fsm),
    ("fsmever6", Field::Fsm),
    ("ever6", Field::Fsm),
    ("pupilpremium", Field::PupilPremium),
    ("pupilpremiumeligible", Field::PupilPremium),
    ("pp", Field::PupilPremium),
    ("ppeligible", Field::PupilPremium),
    ("ppg", Field::PupilPremium),
    ("disadvantaged", Field::PupilPremium),
    ("idaciscore", Field::IdaciScore),
    ("idaci", Field::IdaciScore),
    ("idacivalue", Field::IdaciScore),
    ("idaciband", Field::IdaciBand),
    ("idacidecile", Field::IdaciDecile),
    // Attendance and behaviour
    ("attendance", Field::Attendance),
    ("att", Field::Attendance),
    ("attendancepercent", Field::Attendance),
    ("attendancepercentage", Field::Attendance),
    ("attendancepc", Field::Attendance),
    ("percentattendance", Field::Attendance),
    ("pcattendance", Field::Attendance),
    ("overallattendance", Field::Attendance),
    ("present", Field::Attendance),
    ("percentpresent", Field::Attendance),
    ("possiblesessions", Field::SessionsPossible),
    ("sessionspossible", Field::SessionsPossible),
    ("possible", Field::SessionsPossible),
    ("possiblemarks", Field::SessionsPossible),
    ("attendedsessions", Field::SessionsAttended),
    ("sessionsattended", Field::SessionsAttended),
    ("presentsessions", Field::SessionsAttended),
    ("sessionspresent", Field::SessionsAttended),
    ("attended", Field::SessionsAttended),
    ("presentmarks", Field::SessionsAttended),
    ("suspensions", Field::Suspensions),
    ("suspension", Field::Suspensions),
    ("numberofsuspensions", Field::Suspensions),
    ("noofsuspensions", Field::Suspensions),
    ("suspensioncount", Field::Suspensions),
    ("fixedtermexclusions", Field::Suspensions),
    ("fixedtermexclusion", Field::Suspensions),
    ("fixedperiodexclusions", Field::Suspensions),
    ("numberoffixedtermexclusions", Field::Suspensions),
    ("fte", Field::Suspensions),
    ("ftes", Field::Suspensions),
    ("suspensionsessions", Field::SuspensionSessions),
    ("sessionssuspended", Field::SuspensionSessions),
    ("sessionslosttosuspension", Field::SuspensionSessions),
    ("fixedtermexclusionsessions", Field::SuspensionSessions),
    ("ftesessions", Field::SuspensionSessions),
    ("permanentexclusion", Field::PermanentExclusion),
    ("permanentexclusions", Field::PermanentExclusion),
    ("permanentlyexcluded", Field::PermanentExclusion),
    ("permexcl", Field::PermanentExclusion),
    ("permex", Field::PermanentExclusion),
    ("pex", Field::PermanentExclusion),
];

/// Words often put in front of a heading ("Pupil Surname", "Legal Sex") or after it
/// ("FSM (Y/N)", "DOB dd/mm/yyyy") that do not change its meaning.
const PREFIXES: &[&str] = &[
    "pupils", "pupil", "students", "student", "childs", "child", "legal",
];
const SUFFIXES: &[&str] = &[
    "ddmmyyyy",
    "ddmmyy",
    "yesno",
    "yn",
    "flag",
    "indicator",
    "code",
];

fn lookup(normalised: &str) -> Option<Field> {
    SYNONYMS
        .iter()
        .find(|(key, _)| *key == normalised)
        .map(|(_, field)| field.clone())
}

fn lookup_simple(normalised: &str) -> Option<Field> {
    if normalised.is_empty() {
        return None;
    }
    if let Some(field) = lookup(normalised) {
        return Some(field);
    }
    let mut candidates = vec![normalised.to_string()];
    for prefix in PREFIXES {
        if let Some(rest) = normalised.strip_prefix(prefix) {
            candidates.push(rest.to_string());
        }
    }
    for candidate in candidates.clone() {
        for suffix in SUFFIXES {
            if let Some(rest) = candidate.strip_suffix(suffix) {
                candidates.push(rest.to_string());
            }
        }
    }
    candidates
        .iter()
        .filter(|candidate| !candidate.is_empty())
        .find_map(|candidate| lookup(candidate))
}

/// Which part of attainment a heading word signals.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Current,
    Target,
    Prior,
}

fn role_of(word: &str) -> Option<Role> {
    match word {
        "ks1" | "ks2" | "ks3" | "ks4" | "prior" | "baseline" | "sats" | "sat" => Some(Role::Prior),
        "target" | "targets" | "tgt" | "tgts" | "aspirational" | "aspiration" | "goal" => {
            Some(Role::Target)
        }
        "ta" | "wa" | "cwa" | "working" | "current" | "currently" | "predicted" | "prediction"
        | "predict" | "pred" | "forecast" | "projected" | "assessment" | "attainment" | "grade"
        | "level" | "result" | "latest" | "now" => Some(Role::Current),
        _ => None,
    }
}

/// Words that say nothing about the subject or the role ("Scaled Score", "Year 6").
fn is_filler(word: &str) -> bool {
    matches!(
        word,
        "at" | "scaled"
            | "score"
            | "ss"
            | "test"
            | "teacher"
            | "key"
            | "stage"
            | "year"
            | "yr"
            | "y"
            | "end"
            | "of"
            | "the"
            | "in"
            | "for"
            | "and"
            | "actual"
            | "ks"
    ) || word.chars().all(|c| c.is_ascii_digit())
}

fn known_subject(word: &str) -> Option<&'static str> {
    Some(match word {
        "reading" | "read" | "rdg" | "rd" => "Reading",
        "writing" | "write" | "writ" | "wri" | "wr" => "Writing",
        "maths" | "math" | "mathematics" | "ma" | "mat" | "mth" => "Maths",
        "english" | "eng" | "en" => "English",
        "science" | "sci" | "sc" => "Science",
        "gps" | "spag" | "spg" | "grammar" => "GPS",
        "phonics" => "Phonics",
        "biology" | "bio" => "Biology",
        "chemistry" | "chem" => "Chemistry",
        "physics" | "phys" => "Physics",
        "history" | "hist" => "History",
        "geography" | "geog" => "Geography",
        "computing" | "ict" => "Computing",
        "french" | "fr" => "French",
        "spanish" | "sp" => "Spanish",
        "german" | "ger" => "German",
        "art" => "Art",
        "music" => "Music",
        "pe" => "PE",
        "re" => "RE",
        "drama" => "Drama",
        "dt" => "DT",
        "combined" => "Combined",
        "language" => "Language",
        "literature" | "lit" => "Literature",
        _ => return None,
    })
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Reads an attainment heading such as "Reading TA", "KS2 Reading Scaled Score",
/// "Eng Tgt" or "Science Predicted": the subject comes from the heading.
fn attainment_field(heading: &str) -> Option<Field> {
    let words: Vec<String> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut role: Option<Role> = None;
    let mut subject_words: Vec<String> = Vec::new();
    let mut known = false;
    // "Key Stage 2" spelt out means prior attainment.
    let joined = words.concat();
    if joined.contains("keystage1") || joined.contains("keystage2") {
        role = Some(Role::Prior);
    }
    for word in &words {
        if let Some(word_role) = role_of(word) {
            // "Working at" is current, whatever else the heading says.
            role = Some(role.map_or(word_role, |existing| existing.max(word_role)));
            continue;
        }
        if is_filler(word) {
            continue;
        }
        // Any other word names the subject.
        match known_subject(word) {
            Some(subject) => {
                known = true;
                subject_words.push(subject.to_string());
            }
            None => subject_words.push(title_case(word)),
        }
    }
    if subject_words.is_empty() || (!known && role.is_none()) {
        return None;
    }
    let subject = subject_words.join(" ");
    // "Attendance Target" or "Current Year" are not attainment.
    if lookup_simple(&normalise_heading(&subject)).is_some() {
        return None;
    }
    Some(match role.unwrap_or(Role::Current) {
        Role::Current => Field::AttainmentCurrent(subject),
        Role::Target => Field::AttainmentTarget(subject),
        Role::Prior => Field::AttainmentPrior(subject),
    })
}

/// The field a heading most likely means, or `None` when it is not recognised.
pub fn recognise(heading: &str) -> Option<Field> {
    let normalised = normalise_heading(heading);
    lookup_simple(&normalised).or_else(|| attainment_field(heading))
}

/// The field chosen for each column of a sheet, in column order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnMapping {
    /// One field per column; [`Field::Ignore`] for columns kept only as extras.
    pub columns: Vec<Field>,
}

impl ColumnMapping {
    /// The first column mapped to `field`.
    pub fn column_of(&self, field: &Field) -> Option<usize> {
        self.columns.iter().position(|mapped| mapped == field)
    }

    /// True when some column maps to `field`.
    pub fn has(&self, field: &Field) -> bool {
        self.column_of(field).is_some()
    }

    /// True when a column holds the UPN or a name, so rows can be told apart.
    pub fn has_pupil_columns(&self) -> bool {
        self.columns.iter().any(Field::identifies_pupil)
    }

    /// The field mapped to `column`, [`Field::Ignore`] when the column is beyond the mapping.
    pub fn field(&self, column: usize) -> &Field {
        self.columns.get(column).unwrap_or(&Field::Ignore)
    }
}

/// Maps each heading to the field it most likely means. Each field is used at most once
/// (the first column wins); attainment and ignored columns may repeat.
pub fn auto_map(headings: &[String]) -> ColumnMapping {
    let mut columns: Vec<Field> = Vec::with_capacity(headings.len());
    for heading in headings {
        let field = match recognise(heading) {
            Some(field) if field.may_repeat() => {
                if columns.contains(&field) {
                    Field::Ignore
                } else {
                    field
                }
            }
            Some(field) if !columns.contains(&field) => field,
            _ => Field::Ignore,
        };
        columns.push(field);
    }
    ColumnMapping { columns }
}

/// The key a set of headings is remembered under: their normalised forms in order.
pub fn headings_signature(headings: &[String]) -> String {
    headings
        .iter()
        .map(|heading| normalise_heading(heading))
        .collect::<Vec<_>>()
        .join("|")
}

/// Mappings the user has confirmed, keyed by the headings they were confirmed for, so a
/// file with the same headings next term maps itself the same way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MappingMemory {
    /// Confirmed mappings by [`headings_signature`].
    pub confirmed: BTreeMap<String, ColumnMapping>,
}

impl MappingMemory {
    /// Remembers `mapping` as confirmed for these `headings` (replacing any earlier one).
    pub fn remember(&mut self, headings: &[String], mapping: &ColumnMapping) {
        self.confirmed
            .insert(headings_signature(headings), mapping.clone());
    }

    /// The mapping confirmed earlier for exactly these headings (compared normalised).
    pub fn recall(&self, headings: &[String]) -> Option<ColumnMapping> {
        self.confirmed
            .get(&headings_signature(headings))
            .filter(|mapping| mapping.columns.len() == headings.len())
            .cloned()
    }

    /// True when nothing has been remembered.
    pub fn is_empty(&self) -> bool {
        self.confirmed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(heading: &str, expected: Field) {
        assert_eq!(
            recognise(heading).unwrap_or(Field::Ignore),
            expected,
            "heading {heading:?}"
        );
    }

    fn current(subject: &str) -> Field {
        Field::AttainmentCurrent(subject.to_string())
    }
    fn target(subject: &str) -> Field {
        Field::AttainmentTarget(subject.to_string())
    }
    fn prior(subject: &str) -> Field {
        Field::AttainmentPrior(subject.to_string())
    }

    #[test]
    fn normalises_case_spacing_and_punctuation() {
        assert_eq!(normalise_heading("D.O.B."), "dob");
        assert_eq!(normalise_heading("  Attendance % "), "attendance");
        assert_eq!(normalise_heading("EAL?"), "eal");
        assert_eq!(normalise_heading("Prof. in English"), "profinenglish");
    }

    #[test]
    fn recognises_mis_heading_synonyms() {
        use Field::*;
        check("UPN", Upn);
        check("Unique Pupil Number", Upn);
        check("Pupil UPN", Upn);
        check("DOB", DateOfBirth);
        check("D.O.B.", DateOfBirth);
        check("Date of Birth", DateOfBirth);
        check("Birth Date", DateOfBirth);
        check("Legal Surname", Surname);
        check("Surname ", Surname);
        check("Last name", Surname);
        check("Family name", Surname);
        check("Legal Forename", Forename);
        check("forename", Forename);
        check("First name", Forename);
        check("Given name", Forename);
        check("Preferred forename", PreferredName);
        check("Known as", PreferredName);
        check("Name", FullName);
        check("Pupil Name", FullName);
        check("NC Year", YearGroup);
        check("YEAR", YearGroup);
        check("Year Group", YearGroup);
        check("Curriculum Year", YearGroup);
        check("Yr", YearGroup);
        check("Reg Group", Class);
        check("Registration Group", Class);
        check("Form", Class);
        check("Tutor Group", Class);
        check("Class", Class);
        check("SEN Status", SenStatus);
        check("SEN Stage", SenStatus);
        check("SEN Provision", SenStatus);
        check("SEND Status", SenStatus);
        check("SEN", SenStatus);
        check("SEN Primary Need", PrimaryNeed);
        check("Primary Need", PrimaryNeed);
        check("Need Type", PrimaryNeed);
        check("In Care", LookedAfter);
        check("CLA", LookedAfter);
        check("LAC", LookedAfter);
        check("Looked After", LookedAfter);
        check("Child Looked After", LookedAfter);
        check("EAL", Eal);
        check("EAL?", Eal);
        check("English as an additional language", Eal);
        check("EAL Status", Eal);
        check("FSM", Fsm);
        check("FSM Eligible", Fsm);
        check("Free School Meals", Fsm);
        check("FSM6", Fsm);
        check("Ever 6 FSM", Fsm);
        check("FSM (Y/N)", Fsm);
        check("Pupil Premium", PupilPremium);
        check("PP", PupilPremium);
        check("Disadvantaged", PupilPremium);
        check("Attendance %", Attendance);
        check("% Attendance", Attendance);
        check("Att", Attendance);
        check("Attendance", Attendance);
        check("% Present", Attendance);
        check("Possible Sessions", SessionsPossible);
        check("Attended Sessions", SessionsAttended);
        check("Present sessions", SessionsAttended);
        check("Suspensions", Suspensions);
        check("Fixed Term Exclusions", Suspensions);
        check("FTE", Suspensions);
        check("Number of suspensions", Suspensions);
        check("Suspension Sessions", SuspensionSessions);
        check("Permanent Exclusion", PermanentExclusion);
        check("Perm Excl", PermanentExclusion);
        check("IDACI Score", IdaciScore);
        check("IDACI", IdaciScore);
        check("IDACI Band", IdaciBand);
        check("IDACI Decile", IdaciDecile);
        check("School Moves", SchoolMoves);
        check("Number of moves", SchoolMoves);
        check("Mobility", SchoolMoves);
        check("Date of Entry", EntryDate);
        check("Admission Date", EntryDate);
        check("Entry Date", EntryDate);
        check("Start Date", EntryDate);
        check("Date of arrival in UK", ArrivalDate);
        check("Arrival date", ArrivalDate);
        check("New Arrival", NewArrival);
        check("English Proficiency", EalProficiency);
        check("Proficiency in English", EalProficiency);
        check("Prof. in English", EalProficiency);
        check("EAL Stage", EalProficiency);
        check("First Language", FirstLanguage);
        check("Gender", Gender);
        check("Sex", Gender);
        check("LA establishment number", DfeNumber);
        check("DfE", DfeNumber);
        check("DfE Number", DfeNumber);
        check("LAESTAB", DfeNumber);
        check("URN", SchoolId);
        check("School URN", SchoolId);
        check("School ID", SchoolId);
        check("School", SchoolName);
        check("School Name", SchoolName);
        check("Establishment", SchoolName);
        check("Establishment name", SchoolName);
        check("School Moves", SchoolMoves);
        check("Student Surname", Surname);
        check("Dinner Balance", Ignore);
        check("Notes", Ignore);
        check("", Ignore);
    }

    #[test]
    fn recognises_attainment_headings_and_their_subjects() {
        check("Reading TA", current("Reading"));
        check("Writing TA", current("Writing"));
        check("Maths TA", current("Maths"));
        check("KS2 Reading Scaled Score", prior("Reading"));
        check("KS2 Maths Scaled Score", prior("Maths"));
        check("KS2 Read", prior("Reading"));
        check("Key Stage 2 Maths", prior("Maths"));
        check("English Working At", current("English"));
        check("English Target", target("English"));
        check("Eng WA", current("English"));
        check("Eng Tgt", target("English"));
        check("Ma WA", current("Maths"));
        check("Ma Tgt", target("Maths"));
        check("Maths Current", current("Maths"));
        check("Science Predicted", current("Science"));
        check("Computing Target", target("Computing"));
        check("Geography TA", current("Geography"));
        check("Reading", current("Reading"));
        check("Attendance Target", Field::Ignore);
        check("Target", Field::Ignore);
    }

    #[test]
    fn auto_map_uses_each_field_once_but_repeats_attainment_and_ignore() {
        let headings: Vec<String> = [
            "UPN",
            "Surname",
            "Last name",
            "Notes",
            "Notes",
            "Reading TA",
            "Writing TA",
        ]
        .iter()
        .map(|h| h.to_string())
        .collect();
        let mapping = auto_map(&headings);
        assert_eq!(
            mapping.columns,
            vec![
                Field::Upn,
                Field::Surname,
                Field::Ignore,
                Field::Ignore,
                Field::Ignore,
                current("Reading"),
                current("Writing"),
            ]
        );
        assert!(mapping.has_pupil_columns());
        assert!(!auto_map(&["Notes".to_string()]).has_pupil_columns());
    }

    #[test]
    fn every_simple_field_has_a_label() {
        for field in Field::all_simple() {
            assert!(!field.label().is_empty());
        }
        assert_eq!(current("Maths").label(), "Maths: current / working at");
    }

    #[test]
    fn memory_recalls_a_confirmed_mapping_for_the_same_headings_in_any_case() {
        let headings = vec!["UPN".to_string(), "Mystery".to_string()];
        let confirmed = ColumnMapping {
            columns: vec![Field::Upn, Field::Fsm],
        };
        let mut memory = MappingMemory::default();
        assert_eq!(memory.recall(&headings), None);
        memory.remember(&headings, &confirmed);
        let same_but_shouting = vec!["upn".to_string(), "MYSTERY ".to_string()];
        assert_eq!(memory.recall(&same_but_shouting), Some(confirmed.clone()));
        assert_eq!(memory.recall(&["UPN".to_string()]), None);
    }
}
