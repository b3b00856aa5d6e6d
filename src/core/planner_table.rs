//! The planner table (SPEC §6): the Tameside columns, the text each cell shows, sorting by
//! any column, the search box and the filter bar's conditions. Pure: the grid component
//! only calls these from memos, so sorting and filtering 50,000 pupils is tested natively.
//!
//! Every marker's text carries a word or a symbol as well as its colour class, so colour is
//! never the only signal; a missing value shows as "?" (unknown), never as "no".

use crate::core::cohort::{Cohort, Condition, Marker, PupilFacts};
use crate::core::privacy::Shown;
use crate::core::profile::{Points, Profile};
use crate::core::pupil::Pupil;
use crate::core::schools::{school_words, SchoolRef, NO_SCHOOL_GIVEN};
use crate::core::scoring::{
    attendance_why, exclusions_why, pupil_attendance, AttainmentLevel, Factor, FactorScore,
    MarkerLevel, PupilScore, Rag, RagTotals,
};
use crate::core::value::{EalProficiency, Gender, Percent, PrimaryNeed, SenStatus, YearGroup};
use std::cmp::Ordering;

mod help;

/// A column of the planner, in the Tameside order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The pupil's name (initials in privacy display mode).
    Name,
    /// Unique Pupil Number.
    Upn,
    /// Year group.
    Year,
    /// Registration group or class.
    Class,
    /// The pupil's school, in an LA file (never in [`Column::ALL`]: see
    /// [`Column::for_drop`]).
    School,
    /// One resilience factor's marker (Birthday, SEN, Movement, LAC, Language).
    Factor(Factor),
    /// The overall indicator and its RAG rating.
    Overall,
    /// Deprivation: the IDACI score (or band or decile) with its marker.
    Deprivation,
    /// Attendance percentage and marker.
    Attendance,
    /// Exclusions marker.
    Exclusions,
    /// Attainment: low, expected or high, and the focus flag.
    Attainment,
    /// Interventions next to the markers they address (provision mapping).
    Interventions,
}

impl Column {
    /// Every column, in display order: as the Tameside sheet, the factor markers, the
    /// overall indicator, then deprivation.
    pub const ALL: [Column; 15] = [
        Column::Name,
        Column::Upn,
        Column::Year,
        Column::Class,
        Column::Factor(Factor::Birthday),
        Column::Factor(Factor::Sen),
        Column::Factor(Factor::Movement),
        Column::Factor(Factor::Lac),
        Column::Factor(Factor::Language),
        Column::Overall,
        Column::Deprivation,
        Column::Attendance,
        Column::Exclusions,
        Column::Attainment,
        Column::Interventions,
    ];

    /// The grid's columns: [`Column::ALL`], with School after Class when the drop is an
    /// LA file (its rows name their schools: `schools::is_la_file`).
    pub fn for_drop(la_file: bool) -> Vec<Column> {
        let mut columns = Column::ALL.to_vec();
        if la_file {
            let at = columns
                .iter()
                .position(|column| *column == Column::Class)
                .map_or(0, |at| at + 1);
            columns.insert(at, Column::School);
        }
        columns
    }

    /// The column heading.
    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Upn => "UPN",
            Column::Year => "Year",
            Column::Class => "Class",
            Column::School => "School",
            Column::Factor(factor) => factor.label(),
            Column::Overall => "Overall",
            Column::Deprivation => "Deprivation",
            Column::Attendance => "Attendance",
            Column::Exclusions => "Exclusions",
            Column::Attainment => "Attainment",
            Column::Interventions => "Interventions",
        }
    }

    /// The Help page section (its element id) that explains this column.
    pub fn help_anchor(self) -> &'static str {
        match self {
            Column::Name | Column::Upn | Column::Year | Column::Class | Column::School => {
                "help-columns"
            }
            Column::Factor(Factor::Birthday) => "help-birthday",
            Column::Factor(Factor::Sen) => "help-sen",
            Column::Factor(Factor::Movement) => "help-movement",
            Column::Factor(Factor::Lac) => "help-lac",
            Column::Factor(Factor::Language) => "help-language",
            Column::Factor(Factor::Deprivation) | Column::Deprivation => "help-deprivation",
            Column::Overall => "help-overall",
            Column::Attendance => "help-attendance",
            Column::Exclusions => "help-exclusions",
            Column::Attainment => "help-attainment",
            Column::Interventions => "help-interventions",
        }
    }

    /// Whether the column can be sorted.
    pub fn sortable(self) -> bool {
        self != Column::Interventions
    }

    /// Whether the column holds numbers (right-aligned, tabular figures).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Column::Factor(_) | Column::Overall | Column::Deprivation | Column::Attendance
        )
    }

    /// The direction of the first sort on this column: highest concern first for the
    /// markers and the overall indicator, A–Z (or lowest first) for the rest.
    pub fn first_direction(self) -> SortDirection {
        match self {
            Column::Factor(_) | Column::Overall | Column::Deprivation | Column::Exclusions => {
                SortDirection::Descending
            }
            _ => SortDirection::Ascending,
        }
    }
}

/// Ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// Lowest (or A) first.
    Ascending,
    /// Highest (or Z) first.
    Descending,
}

impl SortDirection {
    /// The other direction.
    pub fn flipped(self) -> SortDirection {
        match self {
            SortDirection::Ascending => SortDirection::Descending,
            SortDirection::Descending => SortDirection::Ascending,
        }
    }

    /// The `aria-sort` value: "ascending" or "descending".
    pub fn aria(self) -> &'static str {
        match self {
            SortDirection::Ascending => "ascending",
            SortDirection::Descending => "descending",
        }
    }
}

/// A sort: one column in one direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    /// The column sorted on.
    pub column: Column,
    /// Its direction.
    pub direction: SortDirection,
}

impl Sort {
    /// The sort after the user activates `column`'s heading: the same column flips, a new
    /// column starts in its first direction.
    pub fn toggled(current: Option<Sort>, column: Column) -> Sort {
        match current {
            Some(sort) if sort.column == column => Sort {
                column,
                direction: sort.direction.flipped(),
            },
            _ => Sort {
                column,
                direction: column.first_direction(),
            },
        }
    }
}

/// A sort key. Within one column every key has the same variant.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Number(i64),
    Text(String),
}

fn year_number(year: YearGroup) -> i64 {
    match year {
        YearGroup::N1 => -2,
        YearGroup::N2 => -1,
        YearGroup::Reception => 0,
        YearGroup::Year(n) => i64::from(n),
    }
}

fn level_number(level: MarkerLevel) -> Option<i64> {
    match level {
        MarkerLevel::None => Some(0),
        MarkerLevel::Amber => Some(1),
        MarkerLevel::Red => Some(2),
        MarkerLevel::Unknown => None,
    }
}

/// The key a pupil sorts by in `column`; `None` (unknown) always sorts last.
fn key(column: Column, pupil: &Pupil, score: &PupilScore) -> Option<Key> {
    match column {
        Column::Name => Some(Key::Text(format!(
            "{}\u{0}{}",
            pupil.surname.to_lowercase(),
            pupil.forename.to_lowercase()
        ))),
        Column::Upn => pupil
            .upn
            .as_ref()
            .map(|u| Key::Text(u.as_str().to_string())),
        Column::Year => pupil.year_group.map(|y| Key::Number(year_number(y))),
        Column::Class => pupil
            .class
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| Key::Text(c.to_lowercase())),
        Column::School => school_words(pupil).map(|words| Key::Text(words.to_lowercase())),
        Column::Factor(factor) => score
            .factor(factor)
            .filter(|f| f.known)
            .map(|f| Key::Number(f.points.thousandths())),
        Column::Overall => Some(Key::Number(score.overall.thousandths())),
        Column::Deprivation => score
            .factor(Factor::Deprivation)
            .filter(|f| f.known)
            .map(|f| Key::Number(f.points.thousandths())),
        Column::Attendance => {
            pupil_attendance(pupil).map(|a| Key::Number(i64::from(a.hundredths())))
        }
        Column::Exclusions => level_number(score.exclusions).map(|level| {
            let count = pupil.suspensions.map_or(0, i64::from);
            Key::Number(level * 1_000_000 + count.min(999_999))
        }),
        Column::Attainment => match score.attainment.overall {
            AttainmentLevel::Low => Some(Key::Number(0)),
            AttainmentLevel::Expected => Some(Key::Number(1)),
            AttainmentLevel::High => Some(Key::Number(2)),
            AttainmentLevel::NoTarget => Some(Key::Number(3)),
            AttainmentLevel::Unknown => None,
        },
        Column::Interventions => None,
    }
}

/// Sorts `rows` (indices into the parallel `pupils` and `scores`) by `sort`. The sort is
/// stable: pupils with equal keys keep their order in `rows`. Unknown values go last in
/// either direction. Indices out of range are kept, last.
pub fn sort_rows(rows: &mut Vec<usize>, pupils: &[Pupil], scores: &[PupilScore], sort: Sort) {
    let mut keyed: Vec<(Option<Key>, usize)> = rows
        .iter()
        .map(|&i| {
            let k = pupils
                .get(i)
                .zip(scores.get(i))
                .and_then(|(p, s)| key(sort.column, p, s));
            (k, i)
        })
        .collect();
    keyed.sort_by(|(a, _), (b, _)| match (a, b) {
        (Some(a), Some(b)) => match sort.direction {
            SortDirection::Ascending => a.cmp(b),
            SortDirection::Descending => b.cmp(a),
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    rows.clear();
    rows.extend(keyed.into_iter().map(|(_, i)| i));
}

/// Whether `pupil` matches the search box: its text anywhere in the name (either order,
/// preferred name too, ignoring case) or in the UPN. An empty search matches everyone.
pub fn search_matches(pupil: &Pupil, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return true;
    }
    let names = [
        pupil.display_name(),
        format!("{} {}", pupil.forename, pupil.surname),
        format!("{} {}", pupil.surname, pupil.forename),
        format!("{}, {}", pupil.surname, pupil.forename),
    ];
    names
        .iter()
        .any(|name| name.to_lowercase().contains(&query))
        || pupil
            .upn
            .as_ref()
            .is_some_and(|upn| upn.as_str().to_lowercase().contains(&query))
}

/// The pupils (indices, in file order) that pass every condition and the search box.
/// `facts` holds what the school records about each pupil (missing entries: not in
/// focus, not in running provision).
pub fn filter_rows(
    pupils: &[Pupil],
    scores: &[PupilScore],
    facts: &[PupilFacts],
    conditions: &[Condition],
    query: &str,
) -> Vec<usize> {
    pupils
        .iter()
        .zip(scores)
        .enumerate()
        .filter(|(i, (pupil, score))| {
            let facts = facts.get(*i).copied().unwrap_or_default();
            conditions
                .iter()
                .all(|condition| condition.matches(pupil, score, facts))
                && search_matches(pupil, query)
        })
        .map(|(i, _)| i)
        .collect()
}

/// RAG totals of the pupils at `rows`.
pub fn rag_totals_of(scores: &[PupilScore], rows: &[usize]) -> RagTotals {
    let mut totals = RagTotals::default();
    for score in rows.iter().filter_map(|&i| scores.get(i)) {
        match score.rag {
            Rag::Green => totals.green += 1,
            Rag::Amber => totals.amber += 1,
            Rag::Red => totals.red += 1,
        }
    }
    totals
}

/// "210 pupils: 15 red, 74 amber, 121 green".
pub fn summary_line(count: usize, totals: RagTotals) -> String {
    let noun = if count == 1 { "pupil" } else { "pupils" };
    format!(
        "{count} {noun}: {} red, {} amber, {} green",
        totals.red, totals.amber, totals.green
    )
}

/// The tone of a cell: which colour class it carries (always with text as well).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tone {
    /// No colour.
    Plain,
    /// Green.
    Green,
    /// Amber.
    Amber,
    /// Red.
    Red,
    /// Unknown (grey).
    Unknown,
}

impl Tone {
    /// The CSS modifier: "plain", "green", "amber", "red" or "unknown".
    pub fn class(self) -> &'static str {
        match self {
            Tone::Plain => "plain",
            Tone::Green => "green",
            Tone::Amber => "amber",
            Tone::Red => "red",
            Tone::Unknown => "unknown",
        }
    }
}

/// What one cell shows: its text, its tone and, where the text is shortened, what a
/// screen reader should say instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text, e.g. "● 2", "–", "?", "◐ 2.5 Amber".
    pub text: String,
    /// The colour.
    pub tone: Tone,
    /// What a screen reader says instead of `text`: "UPN ending 8919" for a masked UPN;
    /// `None` when the text reads well as it is.
    pub spoken: Option<String>,
}

impl Cell {
    fn new(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: text.into(),
            tone,
            spoken: None,
        }
    }
}

/// What a row's cells need besides the pupil and the score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowContext<'a> {
    /// In full or in privacy display mode; exports always pass [`Shown::Full`].
    pub shown: Shown,
    /// Whether staff have flagged the pupil for focus.
    pub focus: bool,
    /// The pupil's current provision ("Attendance: Daily report; …"), from
    /// [`interventions_by_pupil`]; empty for none.
    pub interventions: &'a str,
}

/// What the planner shows in `column` for this pupil: the one rule the grid, the print
/// table, the pupil profile and the export all use, so they can never disagree. Name, UPN
/// and class follow `row.shown` (initials, "…8919", "Hidden" in privacy display mode); the
/// markers carry a word or a symbol as well as their tone; a missing value is "?" (unknown)
/// and a missing name part, UPN, year, class or provision is blank.
pub fn cell(column: Column, pupil: &Pupil, score: &PupilScore, row: &RowContext<'_>) -> Cell {
    match column {
        Column::Name => Cell::new(row.shown.name(pupil), Tone::Plain),
        Column::Upn => {
            let upn = row.shown.upn(pupil).unwrap_or_default();
            Cell {
                text: upn.text,
                tone: Tone::Plain,
                spoken: upn.spoken,
            }
        }
        Column::Year => Cell::new(
            pupil.year_group.map(|y| y.short()).unwrap_or_default(),
            Tone::Plain,
        ),
        Column::Class => Cell::new(row.shown.class(pupil).unwrap_or_default(), Tone::Plain),
        Column::School => match school_words(pupil) {
            Some(words) => Cell::new(words, Tone::Plain),
            None => Cell::new(NO_SCHOOL_GIVEN, Tone::Unknown),
        },
        Column::Factor(factor) => score
            .factor(factor)
            .map_or_else(|| Cell::new("?", Tone::Unknown), factor_cell),
        Column::Overall => overall_cell(score),
        Column::Deprivation => deprivation_cell(pupil, score),
        Column::Attendance => attendance_cell(pupil, score),
        Column::Exclusions => exclusions_cell(score),
        Column::Attainment => attainment_cell(score, row.focus),
        Column::Interventions => Cell::new(row.interventions, Tone::Plain),
    }
}

/// A factor marker: "● 2" when coloured, the points when known but below the colouring
/// threshold (deprivation 0.75), "–" when known and none, "?" when unknown.
fn factor_cell(factor: &FactorScore) -> Cell {
    if !factor.known {
        Cell::new("?", Tone::Unknown)
    } else if factor.coloured {
        Cell::new(format!("● {}", factor.points.exact()), Tone::Red)
    } else if factor.points > Points::ZERO {
        Cell::new(factor.points.exact(), Tone::Plain)
    } else {
        Cell::new("–", Tone::Plain)
    }
}

/// The overall indicator: "◐ 2.5 Amber".
fn overall_cell(score: &PupilScore) -> Cell {
    let tone = match score.rag {
        Rag::Green => Tone::Green,
        Rag::Amber => Tone::Amber,
        Rag::Red => Tone::Red,
    };
    Cell::new(
        format!(
            "{} {} {}",
            score.rag.symbol(),
            score.overall,
            score.rag.label()
        ),
        tone,
    )
}

/// Deprivation: the IDACI score (or band, or decile) and the points it adds, shown to one
/// decimal place as the overall indicator is ("0.412 · 1.6 pts"), with "●" when the
/// marker is coloured. A bare score would not say how much it counts.
fn deprivation_cell(pupil: &Pupil, score: &PupilScore) -> Cell {
    let value = if let Some(idaci) = pupil.idaci_score {
        idaci.to_string()
    } else if let Some(band) = pupil.idaci_band {
        format!("band {}", band.letter())
    } else if let Some(decile) = pupil.idaci_decile {
        format!("decile {}", decile.get())
    } else {
        return Cell::new("?", Tone::Unknown);
    };
    let value = match score.factor(Factor::Deprivation).filter(|f| f.known) {
        Some(factor) => format!("{value} · {} pts", factor.points),
        None => value,
    };
    if score.is_coloured(Factor::Deprivation) {
        Cell::new(format!("● {value}"), Tone::Red)
    } else {
        Cell::new(value, Tone::Plain)
    }
}

fn marker_tone(level: MarkerLevel) -> Tone {
    match level {
        MarkerLevel::None => Tone::Plain,
        MarkerLevel::Amber => Tone::Amber,
        MarkerLevel::Red => Tone::Red,
        MarkerLevel::Unknown => Tone::Unknown,
    }
}

/// Attendance: "88.2% ◐ Amber", "96%", or "?".
fn attendance_cell(pupil: &Pupil, score: &PupilScore) -> Cell {
    match pupil_attendance(pupil) {
        None => Cell::new("?", Tone::Unknown),
        Some(percent) if score.attendance.is_coloured() => Cell::new(
            format!(
                "{percent} {} {}",
                score.attendance.symbol(),
                score.attendance.label()
            ),
            marker_tone(score.attendance),
        ),
        Some(percent) => Cell::new(percent.to_string(), Tone::Plain),
    }
}

/// Exclusions: "● Red", "◐ Amber", "None", or "?".
fn exclusions_cell(score: &PupilScore) -> Cell {
    let level = score.exclusions;
    let text = match level {
        MarkerLevel::None => "None".to_string(),
        MarkerLevel::Unknown => "?".to_string(),
        coloured => format!("{} {}", coloured.symbol(), coloured.label()),
    };
    Cell::new(text, marker_tone(level))
}

/// Attainment: "Low", "High", "Expected", "No target" or "?", with "★ Focus" when flagged.
fn attainment_cell(score: &PupilScore, focus: bool) -> Cell {
    let level = score.attainment.overall;
    let word = match level {
        AttainmentLevel::Unknown => "?",
        other => other.label(),
    };
    let tone = match level {
        AttainmentLevel::Low => Tone::Amber,
        AttainmentLevel::Unknown => Tone::Unknown,
        _ => Tone::Plain,
    };
    if focus {
        Cell::new(format!("{word} · ★ Focus"), tone)
    } else {
        Cell::new(word, tone)
    }
}

/// "1 point", "2 points", "1.648 points": exact, as the profile page shows them.
pub(crate) fn points_phrase(points: Points) -> String {
    if points == Points::whole(1) {
        "1 point".to_string()
    } else {
        format!("{} points", points.exact())
    }
}

/// The first letter in lower case, to continue a sentence with a reason written to stand
/// alone ("Date of birth not recorded"); a word in capitals ("SEN", "EAL") stays as it is.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// What a coloured factor marker stands for, in words: "summer-born (born April–August)".
fn coloured_meaning(factor: &FactorScore, profile: &Profile) -> String {
    match factor.factor {
        Factor::Birthday => format!("summer-born (born {})", profile.birthday_months_label()),
        Factor::Language => "EAL and new to English or newly arrived".to_string(),
        Factor::Movement if factor.term == "joined mid-year" => {
            "joined outside the usual entry months".to_string()
        }
        Factor::Movement => "changed school".to_string(),
        _ => factor.term.clone(),
    }
}

/// What an uncoloured factor marker with no points stands for: "not summer-born".
fn uncoloured_meaning(factor: Factor) -> &'static str {
    match factor {
        Factor::Birthday => "not summer-born",
        Factor::Sen => "no special educational needs that score",
        Factor::Movement => "no change of school counted",
        Factor::Lac => "not looked after",
        Factor::Language => "not EAL, or EAL and not new to English",
        Factor::Deprivation => "no deprivation points",
    }
}

/// A factor marker's meaning for this pupil. Built from the factor's term and points, never
/// its dates, so it is safe to show beside initials in privacy display mode.
fn factor_hint(factor: Option<&FactorScore>, which: Factor, profile: &Profile) -> String {
    let label = which.label();
    let Some(factor) = factor.filter(|f| f.known) else {
        let why = factor.map_or("not scored".to_string(), |f| lower_first(&f.why));
        return format!(
            "{label} not known ({why}): counts 0 points. Unknown is not the same as no."
        );
    };
    let points = points_phrase(factor.points);
    if factor.coloured {
        format!(
            "{label} marker coloured: {}, {points} towards the overall indicator.",
            coloured_meaning(factor, profile)
        )
    } else if factor.points > Points::ZERO {
        format!(
            "{label} marker not coloured: {points} towards the overall indicator, below the {} that colours it.",
            points_phrase(profile.deprivation.coloured_from)
        )
    } else {
        format!(
            "{label} marker not coloured: {}, no points.",
            uncoloured_meaning(which)
        )
    }
}

/// What a cell of the planner means for this pupil, in a sentence or two: the explanation
/// shown when the cell is hovered or has keyboard focus, so "● 1", "● 2" or a bare IDACI
/// score explain themselves. Thresholds come from `profile`. `None` for the columns whose
/// text says it all (Name, UPN, Year, Class); for Interventions, its full text (the grid
/// clamps it to two lines), or `None` when there is no provision. Never includes a date,
/// so it may be shown in privacy display mode.
pub fn cell_hint(
    column: Column,
    pupil: &Pupil,
    score: &PupilScore,
    row: &RowContext<'_>,
    profile: &Profile,
) -> Option<String> {
    let focus = row.focus;
    let hint = match column {
        Column::Name | Column::Upn | Column::Year | Column::Class | Column::School => return None,
        Column::Interventions => {
            return Some(row.interventions.to_string()).filter(|text| !text.is_empty())
        }
        Column::Factor(factor) => factor_hint(score.factor(factor), factor, profile),
        Column::Deprivation => match score.factor(Factor::Deprivation).filter(|f| f.known) {
            Some(f) => {
                let rule = &profile.deprivation;
                let how = if pupil.idaci_score.is_some() {
                    format!(
                        " ({} × the score, at most {})",
                        rule.score_multiplier.exact(),
                        points_phrase(rule.cap)
                    )
                } else {
                    String::new()
                };
                let state = if f.coloured {
                    "coloured"
                } else {
                    "not coloured"
                };
                format!(
                    "Deprivation marker {state}: {} gives {}{how} towards the overall indicator. Coloured from {}.",
                    f.term,
                    points_phrase(f.points),
                    points_phrase(rule.coloured_from)
                )
            }
            None => factor_hint(
                score.factor(Factor::Deprivation),
                Factor::Deprivation,
                profile,
            ),
        },
        Column::Overall => format!(
            "Overall indicator {}: {}. Green below {}, amber from {}, red from {}.",
            score.rag.label().to_lowercase(),
            score.explanation(),
            profile.rag.amber_from.exact(),
            profile.rag.amber_from.exact(),
            profile.rag.red_from.exact()
        ),
        Column::Attendance => match pupil_attendance(pupil) {
            Some(_) => format!("Attendance {}.", attendance_why(pupil, profile)),
            None => {
                "Attendance not recorded: shown as unknown, not as good attendance.".to_string()
            }
        },
        Column::Exclusions => format!(
            "Exclusions: {}.",
            lower_first(&exclusions_why(pupil, profile))
        ),
        Column::Attainment => {
            let summary = &score.attainment;
            let mut hint = match summary.overall {
                AttainmentLevel::Unknown => {
                    "Attainment not known: no subject has a result the profile can read.".to_string()
                }
                AttainmentLevel::NoTarget => {
                    "No target: grades before Year 10 with no target to compare them with, so neither low nor high.".to_string()
                }
                level => format!(
                    "Attainment {}: low when any subject is low, high when every subject is high.",
                    level.label().to_lowercase()
                ),
            };
            let subjects: Vec<String> = summary
                .subjects
                .iter()
                .filter(|s| s.counted && s.level != AttainmentLevel::Unknown)
                .map(|s| {
                    let prior = if s.from_prior {
                        " (prior attainment)"
                    } else {
                        ""
                    };
                    format!("{}{prior}: {}", s.subject, s.level.label().to_lowercase())
                })
                .collect();
            if !subjects.is_empty() {
                hint.push(' ');
                hint.push_str(&subjects.join("; "));
                hint.push('.');
            }
            if focus {
                hint.push_str(" ★ Focus: flagged by staff for attention.");
            }
            hint
        }
    };
    Some(hint)
}

/// Pupil key → the provision they are in, each next to the marker it addresses
/// ("Attendance: Daily report; Attainment: Lexia reading programme"): the Interventions
/// column. Current provision only (planned or running), in marker order then the order
/// added.
pub fn interventions_by_pupil(
    book: &crate::core::provision::ProvisionBook,
) -> std::collections::HashMap<String, String> {
    use crate::core::provision::Marker as ProvisionMarker;
    let mut by_pupil: std::collections::HashMap<String, Vec<(ProvisionMarker, String)>> =
        std::collections::HashMap::new();
    for provision in book.provisions.iter().filter(|p| p.status.is_current()) {
        let name = book
            .bank
            .get(provision.intervention)
            .map_or("Unknown intervention", |i| i.name.as_str());
        for pupil in &provision.pupils {
            by_pupil
                .entry(pupil.clone())
                .or_default()
                .push((provision.marker, name.to_string()));
        }
    }
    by_pupil
        .into_iter()
        .map(|(pupil, mut items)| {
            items.sort_by_key(|(marker, _)| *marker);
            let text = items
                .iter()
                .map(|(marker, name)| format!("{}: {name}", marker.label()))
                .collect::<Vec<_>>()
                .join("; ");
            (pupil, text)
        })
        .collect()
}

/// Yes, no or either, for a filter on a yes/no fact.
pub type YesNo = Option<bool>;

/// A yes/no field of the filter bar: its value, its chip, and the condition it makes.
type YesNoField = (YesNo, FilterChoice, fn(bool) -> Condition);

/// The filter bar's choices. Each field with any value set is one condition, met by any
/// of its values (Year 7 or Year 8); a pupil must meet every condition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// In one of these year groups.
    pub year_groups: Vec<YearGroup>,
    /// In one of these classes.
    pub classes: Vec<String>,
    /// At one of these schools (LA files).
    pub schools: Vec<SchoolRef>,
    /// With one of these SEN statuses.
    pub sen_statuses: Vec<SenStatus>,
    /// With one of these primary needs.
    pub primary_needs: Vec<PrimaryNeed>,
    /// Of one of these genders.
    pub genders: Vec<Gender>,
    /// With one of these English proficiencies.
    pub eal_proficiencies: Vec<EalProficiency>,
    /// With each of these factors' markers coloured.
    pub factors: Vec<Factor>,
    /// Rated one of these.
    pub rags: Vec<Rag>,
    /// Attendance at or below this.
    pub attendance_at_most: Option<Percent>,
    /// Attendance at or above this.
    pub attendance_at_least: Option<Percent>,
    /// The attendance marker at one of these levels.
    pub attendance_markers: Vec<MarkerLevel>,
    /// The exclusions marker at one of these levels.
    pub exclusions_markers: Vec<MarkerLevel>,
    /// Overall attainment at one of these levels.
    pub attainments: Vec<AttainmentLevel>,
    /// Summer-born or not.
    pub summer_born: YesNo,
    /// Disadvantaged (FSM or pupil premium) or not.
    pub disadvantaged: YesNo,
    /// Eligible for free school meals or not.
    pub fsm: YesNo,
    /// Eligible for pupil premium or not.
    pub pupil_premium: YesNo,
    /// EAL or not.
    pub eal: YesNo,
    /// Looked after or not.
    pub looked_after: YesNo,
    /// Flagged for focus or not.
    pub focus: YesNo,
    /// In a provision that is running now, or not.
    pub in_provision: YesNo,
    /// Conditions of a saved cohort being edited that the bar has no control for (a
    /// factor marker *not* coloured, a second condition on one field), kept as they are
    /// until their chips are removed.
    pub kept: Vec<Condition>,
}

/// One choice of the filter bar, so a set choice can be shown as a chip and removed on
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterChoice {
    /// [`Filter::year_groups`].
    YearGroup,
    /// [`Filter::classes`].
    Class,
    /// [`Filter::schools`].
    School,
    /// [`Filter::sen_statuses`].
    SenStatus,
    /// [`Filter::primary_needs`].
    PrimaryNeed,
    /// [`Filter::genders`].
    Gender,
    /// [`Filter::eal_proficiencies`].
    EalProficiency,
    /// One factor of [`Filter::factors`].
    Factor(Factor),
    /// [`Filter::rags`].
    Rag,
    /// [`Filter::attendance_at_most`].
    AttendanceAtMost,
    /// [`Filter::attendance_at_least`].
    AttendanceAtLeast,
    /// [`Filter::attendance_markers`].
    AttendanceMarker,
    /// [`Filter::exclusions_markers`].
    ExclusionsMarker,
    /// [`Filter::attainments`].
    Attainment,
    /// [`Filter::summer_born`].
    SummerBorn,
    /// [`Filter::disadvantaged`].
    Disadvantaged,
    /// [`Filter::fsm`].
    Fsm,
    /// [`Filter::pupil_premium`].
    PupilPremium,
    /// [`Filter::eal`].
    Eal,
    /// [`Filter::looked_after`].
    LookedAfter,
    /// [`Filter::focus`].
    Focus,
    /// [`Filter::in_provision`].
    InProvision,
    /// One of [`Filter::kept`], by its place.
    Kept(usize),
}

/// Puts `value` into `values` (`on`) or takes it out, keeping each value once: one
/// checkbox of a filter field.
pub fn set_in<T: PartialEq>(values: &mut Vec<T>, value: T, on: bool) {
    let present = values.contains(&value);
    if on && !present {
        values.push(value);
    } else if !on && present {
        values.retain(|v| *v != value);
    }
}

/// Each value once, in `order`'s order: how a field's values appear in its condition.
fn in_order<T: PartialEq + Clone>(values: &[T], order: &[T]) -> Vec<T> {
    let mut out: Vec<T> = order
        .iter()
        .filter(|o| values.contains(o))
        .cloned()
        .collect();
    for value in values {
        if !out.contains(value) {
            out.push(value.clone());
        }
    }
    out
}

impl Filter {
    /// Each set choice with the condition it makes, in the filter bar's order. The chips
    /// above the grid are these, each described by [`describe`].
    pub fn choices(&self) -> Vec<(FilterChoice, Condition)> {
        let mut choices = Vec::new();
        let mut push = |choice, condition| choices.push((choice, condition));
        if !self.year_groups.is_empty() {
            let mut years = self.year_groups.clone();
            years.sort();
            years.dedup();
            push(FilterChoice::YearGroup, Condition::YearGroupIn(years));
        }
        if !self.classes.is_empty() {
            let mut classes = self.classes.clone();
            classes.sort();
            classes.dedup();
            push(FilterChoice::Class, Condition::ClassIn(classes));
        }
        if !self.schools.is_empty() {
            let mut schools: Vec<SchoolRef> = Vec::with_capacity(self.schools.len());
            for school in &self.schools {
                if !schools.iter().any(|s| s.key == school.key) {
                    schools.push(school.clone());
                }
            }
            push(FilterChoice::School, Condition::SchoolIn(schools));
        }
        if !self.sen_statuses.is_empty() {
            let statuses = in_order(&self.sen_statuses, &SEN_STATUSES);
            push(FilterChoice::SenStatus, Condition::SenStatusIn(statuses));
        }
        if !self.primary_needs.is_empty() {
            let needs = in_order(&self.primary_needs, PrimaryNeed::all());
            push(FilterChoice::PrimaryNeed, Condition::PrimaryNeedIn(needs));
        }
        if !self.genders.is_empty() {
            let genders = in_order(&self.genders, &GENDERS);
            push(FilterChoice::Gender, Condition::GenderIn(genders));
        }
        if !self.eal_proficiencies.is_empty() {
            let levels = in_order(&self.eal_proficiencies, &EAL_PROFICIENCIES);
            push(
                FilterChoice::EalProficiency,
                Condition::EalProficiencyIn(levels),
            );
        }
        for &factor in &self.factors {
            push(
                FilterChoice::Factor(factor),
                Condition::Factor {
                    factor,
                    coloured: true,
                },
            );
        }
        if !self.rags.is_empty() {
            let rags = in_order(&self.rags, &RAGS);
            push(FilterChoice::Rag, Condition::RagIn(rags));
        }
        if let Some(limit) = self.attendance_at_most {
            push(
                FilterChoice::AttendanceAtMost,
                Condition::AttendanceAtMost(limit),
            );
        }
        if let Some(limit) = self.attendance_at_least {
            push(
                FilterChoice::AttendanceAtLeast,
                Condition::AttendanceAtLeast(limit),
            );
        }
        if !self.attendance_markers.is_empty() {
            push(
                FilterChoice::AttendanceMarker,
                Condition::Marker {
                    marker: Marker::Attendance,
                    levels: in_order(&self.attendance_markers, &MARKER_LEVELS),
                },
            );
        }
        if !self.exclusions_markers.is_empty() {
            push(
                FilterChoice::ExclusionsMarker,
                Condition::Marker {
                    marker: Marker::Exclusions,
                    levels: in_order(&self.exclusions_markers, &MARKER_LEVELS),
                },
            );
        }
        if !self.attainments.is_empty() {
            let levels = in_order(&self.attainments, &ATTAINMENT_LEVELS);
            push(FilterChoice::Attainment, Condition::AttainmentIn(levels));
        }
        let yes_no: [YesNoField; 8] = [
            (
                self.summer_born,
                FilterChoice::SummerBorn,
                Condition::SummerBorn,
            ),
            (
                self.disadvantaged,
                FilterChoice::Disadvantaged,
                Condition::Disadvantaged,
            ),
            (self.fsm, FilterChoice::Fsm, Condition::Fsm),
            (
                self.pupil_premium,
                FilterChoice::PupilPremium,
                Condition::PupilPremium,
            ),
            (self.eal, FilterChoice::Eal, Condition::Eal),
            (
                self.looked_after,
                FilterChoice::LookedAfter,
                Condition::LookedAfter,
            ),
            (self.focus, FilterChoice::Focus, Condition::Focus),
            (
                self.in_provision,
                FilterChoice::InProvision,
                Condition::InProvision,
            ),
        ];
        for (value, choice, condition) in yes_no {
            if let Some(yes) = value {
                push(choice, condition(yes));
            }
        }
        for (at, condition) in self.kept.iter().enumerate() {
            push(FilterChoice::Kept(at), condition.clone());
        }
        choices
    }

    /// The conditions the choices make, all of which must hold.
    pub fn conditions(&self) -> Vec<Condition> {
        self.choices()
            .into_iter()
            .map(|(_, condition)| condition)
            .collect()
    }

    /// The filter bar set to a saved cohort's conditions, to edit them: each condition in
    /// its field, and any the bar has no control for (or a second one on a field already
    /// set) kept as it is in [`Filter::kept`], so nothing is lost by editing.
    pub fn from_conditions(conditions: &[Condition]) -> Filter {
        let mut f = Filter::default();
        fn fill<T: Clone>(field: &mut Vec<T>, values: &[T]) -> bool {
            if field.is_empty() && !values.is_empty() {
                *field = values.to_vec();
                true
            } else {
                false
            }
        }
        fn once<T: Copy>(field: &mut Option<T>, value: T) -> bool {
            if field.is_none() {
                *field = Some(value);
                true
            } else {
                false
            }
        }
        for condition in conditions {
            let placed = match condition {
                Condition::Factor {
                    factor,
                    coloured: true,
                } if !f.factors.contains(factor) => {
                    f.factors.push(*factor);
                    true
                }
                Condition::Factor { .. } => false,
                Condition::Marker {
                    marker: Marker::Attendance,
                    levels,
                } => fill(&mut f.attendance_markers, levels),
                Condition::Marker {
                    marker: Marker::Exclusions,
                    levels,
                } => fill(&mut f.exclusions_markers, levels),
                Condition::YearGroupIn(years) => fill(&mut f.year_groups, years),
                Condition::ClassIn(classes) => fill(&mut f.classes, classes),
                Condition::SchoolIn(schools) => fill(&mut f.schools, schools),
                Condition::SenStatusIn(statuses) => fill(&mut f.sen_statuses, statuses),
                Condition::PrimaryNeedIn(needs) => fill(&mut f.primary_needs, needs),
                Condition::GenderIn(genders) => fill(&mut f.genders, genders),
                Condition::EalProficiencyIn(levels) => fill(&mut f.eal_proficiencies, levels),
                Condition::AttendanceAtMost(limit) => once(&mut f.attendance_at_most, *limit),
                Condition::AttendanceAtLeast(limit) => once(&mut f.attendance_at_least, *limit),
                Condition::Attainment(level) => fill(&mut f.attainments, &[*level]),
                Condition::AttainmentIn(levels) => fill(&mut f.attainments, levels),
                Condition::RagIn(rags) => fill(&mut f.rags, rags),
                Condition::SummerBorn(yes) => once(&mut f.summer_born, *yes),
                Condition::Disadvantaged(yes) => once(&mut f.disadvantaged, *yes),
                Condition::Fsm(yes) => once(&mut f.fsm, *yes),
                Condition::PupilPremium(yes) => once(&mut f.pupil_premium, *yes),
                Condition::Eal(yes) => once(&mut f.eal, *yes),
                Condition::LookedAfter(yes) => once(&mut f.looked_after, *yes),
                Condition::Focus(yes) => once(&mut f.focus, *yes),
                Condition::InProvision(yes) => once(&mut f.in_provision, *yes),
            };
            if !placed {
                f.kept.push(condition.clone());
            }
        }
        f
    }

    /// Unsets one choice (removing its chip); the others stay as they are.
    pub fn clear(&mut self, choice: FilterChoice) {
        match choice {
            FilterChoice::YearGroup => self.year_groups.clear(),
            FilterChoice::Class => self.classes.clear(),
            FilterChoice::School => self.schools.clear(),
            FilterChoice::SenStatus => self.sen_statuses.clear(),
            FilterChoice::PrimaryNeed => self.primary_needs.clear(),
            FilterChoice::Gender => self.genders.clear(),
            FilterChoice::EalProficiency => self.eal_proficiencies.clear(),
            FilterChoice::Factor(factor) => self.factors.retain(|f| *f != factor),
            FilterChoice::Rag => self.rags.clear(),
            FilterChoice::AttendanceAtMost => self.attendance_at_most = None,
            FilterChoice::AttendanceAtLeast => self.attendance_at_least = None,
            FilterChoice::AttendanceMarker => self.attendance_markers.clear(),
            FilterChoice::ExclusionsMarker => self.exclusions_markers.clear(),
            FilterChoice::Attainment => self.attainments.clear(),
            FilterChoice::SummerBorn => self.summer_born = None,
            FilterChoice::Disadvantaged => self.disadvantaged = None,
            FilterChoice::Fsm => self.fsm = None,
            FilterChoice::PupilPremium => self.pupil_premium = None,
            FilterChoice::Eal => self.eal = None,
            FilterChoice::LookedAfter => self.looked_after = None,
            FilterChoice::Focus => self.focus = None,
            FilterChoice::InProvision => self.in_provision = None,
            FilterChoice::Kept(at) => {
                if at < self.kept.len() {
                    self.kept.remove(at);
                }
            }
        }
    }

    /// True when nothing is chosen.
    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }
}

/// SEN statuses in the filter bar's order.
pub const SEN_STATUSES: [SenStatus; 6] = [
    SenStatus::NoSen,
    SenStatus::SenSupport,
    SenStatus::EhcPlan,
    SenStatus::SchoolAction,
    SenStatus::SchoolActionPlus,
    SenStatus::Statement,
];

/// Genders in the filter bar's order.
pub const GENDERS: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Other];

/// English proficiencies, A (new to English) to E (fluent).
pub const EAL_PROFICIENCIES: [EalProficiency; 5] = [
    EalProficiency::A,
    EalProficiency::B,
    EalProficiency::C,
    EalProficiency::D,
    EalProficiency::E,
];

/// RAG ratings, red first.
pub const RAGS: [Rag; 3] = [Rag::Red, Rag::Amber, Rag::Green];

/// Marker levels, red first.
pub const MARKER_LEVELS: [MarkerLevel; 4] = [
    MarkerLevel::Red,
    MarkerLevel::Amber,
    MarkerLevel::None,
    MarkerLevel::Unknown,
];

/// Attainment levels, low first.
pub const ATTAINMENT_LEVELS: [AttainmentLevel; 5] = [
    AttainmentLevel::Low,
    AttainmentLevel::Expected,
    AttainmentLevel::High,
    AttainmentLevel::NoTarget,
    AttainmentLevel::Unknown,
];

/// A condition in plain English, e.g. "attendance at or below 95%". In privacy display
/// mode a class is not named ("class hidden").
pub fn describe(condition: &Condition, shown: Shown) -> String {
    let yes_no = |yes: bool, what: &str| {
        if yes {
            what.to_string()
        } else {
            format!("not {what}")
        }
    };
    let join = |items: Vec<String>| items.join(" or ");
    match condition {
        Condition::Factor { factor, coloured } => {
            if *coloured {
                format!("{} marker coloured", factor.label())
            } else {
                format!("{} marker not coloured", factor.label())
            }
        }
        Condition::Marker { marker, levels } => {
            let name = match marker {
                Marker::Attendance => "attendance",
                Marker::Exclusions => "exclusions",
            };
            let levels: Vec<String> = levels.iter().map(|l| l.label().to_lowercase()).collect();
            format!("{name} marker {}", join(levels))
        }
        Condition::YearGroupIn(years) => join(years.iter().map(YearGroup::label).collect()),
        Condition::ClassIn(_) if shown.is_private() => "class hidden".to_string(),
        Condition::ClassIn(classes) => format!("class {}", classes.join(" or ")),
        Condition::SchoolIn(schools) => format!(
            "school {}",
            join(schools.iter().map(|s| s.label.clone()).collect())
        ),
        Condition::SenStatusIn(statuses) => {
            join(statuses.iter().map(|s| s.label().to_string()).collect())
        }
        Condition::PrimaryNeedIn(needs) => format!(
            "primary need {}",
            join(needs.iter().map(|n| n.code().to_string()).collect())
        ),
        Condition::AttendanceAtMost(limit) => format!("attendance at or below {limit}"),
        Condition::AttendanceAtLeast(limit) => format!("attendance at or above {limit}"),
        Condition::Attainment(level) => format!("attainment {}", level.label().to_lowercase()),
        Condition::AttainmentIn(levels) => format!(
            "attainment {}",
            join(levels.iter().map(|l| l.label().to_lowercase()).collect())
        ),
        Condition::GenderIn(genders) => format!(
            "gender {}",
            join(genders.iter().map(|g| g.label().to_lowercase()).collect())
        ),
        Condition::EalProficiencyIn(levels) => format!(
            "English proficiency {}",
            join(
                levels
                    .iter()
                    .map(|l| format!("{} ({})", l.letter(), l.label().to_lowercase()))
                    .collect()
            )
        ),
        Condition::Fsm(yes) => yes_no(*yes, "FSM"),
        Condition::PupilPremium(yes) => yes_no(*yes, "pupil premium"),
        Condition::InProvision(yes) => yes_no(*yes, "in running provision"),
        Condition::RagIn(rags) => format!(
            "overall {}",
            join(rags.iter().map(|r| r.label().to_lowercase()).collect())
        ),
        Condition::SummerBorn(yes) => yes_no(*yes, "summer-born"),
        Condition::Disadvantaged(yes) => yes_no(*yes, "disadvantaged"),
        Condition::Eal(yes) => yes_no(*yes, "EAL"),
        Condition::LookedAfter(yes) => yes_no(*yes, "looked after"),
        Condition::Focus(yes) => yes_no(*yes, "focus"),
    }
}

/// A saved cohort chosen in the filter bar, as its chip says it: "saved cohort “Year 3
/// low attendance”".
pub fn describe_saved_cohort(cohort: &Cohort) -> String {
    format!("saved cohort “{}”", cohort.name)
}

/// Who a saved cohort holds, in plain English: its conditions for a filter ("Year 7 or
/// Year 8, decided afresh at each data drop"), or "a fixed list of 23 pupils, made from:
/// Year 7" for a fixed list.
pub fn describe_cohort(cohort: &Cohort, shown: Shown) -> String {
    let conditions = describe_all(&cohort.conditions, shown);
    match &cohort.members {
        None => format!("{conditions}, decided afresh at each data drop"),
        Some(members) => {
            let n = members.len();
            let noun = if n == 1 { "pupil" } else { "pupils" };
            format!("a fixed list of {n} {noun}, made from: {conditions}")
        }
    }
}

/// All conditions in plain English joined by "and"; "everyone" for none.
pub fn describe_all(conditions: &[Condition], shown: Shown) -> String {
    if conditions.is_empty() {
        return "everyone".to_string();
    }
    conditions
        .iter()
        .map(|condition| describe(condition, shown))
        .collect::<Vec<_>>()
        .join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::Profile;
    use crate::core::scoring::{score_all, ScoringContext};
    use crate::core::value::{IdaciScore, Upn};
    use chrono::NaiveDate;

    fn ctx() -> ScoringContext {
        ScoringContext::new(NaiveDate::from_ymd_opt(2026, 3, 13).expect("valid date"))
    }

    fn pupil(
        surname: &str,
        forename: &str,
        attendance: Option<u32>,
        sen: Option<SenStatus>,
    ) -> Pupil {
        Pupil {
            surname: surname.into(),
            forename: forename.into(),
            attendance: attendance.map(Percent::from_hundredths),
            sen_status: sen,
            ..Pupil::default()
        }
    }

    fn sample() -> (Vec<Pupil>, Vec<PupilScore>) {
        let mut pupils = vec![
            pupil("Smith", "Amy", Some(9600), Some(SenStatus::NoSen)),
            pupil("adams", "Ben", Some(8500), Some(SenStatus::EhcPlan)),
            pupil("Jones", "Cara", None, Some(SenStatus::SenSupport)),
            pupil("Brown", "Dev", Some(4000), None),
        ];
        pupils[0].year_group = YearGroup::year(3);
        pupils[1].year_group = Some(YearGroup::Reception);
        pupils[3].year_group = YearGroup::year(3);
        pupils[0].upn = Upn::parse("D373210124708").ok();
        pupils[2].idaci_score = Some(IdaciScore::from_thousandths(412));
        let scores = score_all(&pupils, &Profile::universal(), &ctx());
        (pupils, scores)
    }

    fn check(column: Column, direction: SortDirection, expected: &[usize]) {
        let (pupils, scores) = sample();
        let mut rows: Vec<usize> = (0..pupils.len()).collect();
        sort_rows(&mut rows, &pupils, &scores, Sort { column, direction });
        assert_eq!(rows, expected, "{column:?} {direction:?}");
    }

    #[test]
    fn sorts_each_column_with_unknown_last() {
        use SortDirection::*;
        check(Column::Name, Ascending, &[1, 3, 2, 0]);
        check(Column::Name, Descending, &[0, 2, 3, 1]);
        check(Column::Upn, Ascending, &[0, 1, 2, 3]);
        check(Column::Year, Ascending, &[1, 0, 3, 2]);
        check(Column::Year, Descending, &[0, 3, 1, 2]);
        check(Column::Overall, Descending, &[2, 1, 0, 3]);
        check(Column::Overall, Ascending, &[0, 3, 1, 2]);
        check(Column::Attendance, Ascending, &[3, 1, 0, 2]);
        check(Column::Attendance, Descending, &[0, 1, 3, 2]);
        check(Column::Factor(Factor::Sen), Descending, &[1, 2, 0, 3]);
        check(Column::Deprivation, Descending, &[2, 0, 1, 3]);
        check(Column::Interventions, Ascending, &[0, 1, 2, 3]);
    }

    #[test]
    fn toggling_a_heading_flips_or_starts_fresh() {
        let first = Sort::toggled(None, Column::Overall);
        assert_eq!(first.direction, SortDirection::Descending);
        let second = Sort::toggled(Some(first), Column::Overall);
        assert_eq!(second.direction, SortDirection::Ascending);
        let name = Sort::toggled(Some(second), Column::Name);
        assert_eq!(
            name,
            Sort {
                column: Column::Name,
                direction: SortDirection::Ascending
            }
        );
        assert_eq!(name.direction.aria(), "ascending");
    }

    #[test]
    fn search_finds_names_either_way_round_and_upns() {
        let (pupils, _) = sample();
        assert!(search_matches(&pupils[0], ""));
        assert!(search_matches(&pupils[0], "amy"));
        assert!(search_matches(&pupils[0], "SMITH A"));
        assert!(search_matches(&pupils[0], "smith, amy"));
        assert!(search_matches(&pupils[0], "d3732101"));
        assert!(!search_matches(&pupils[1], "amy"));
        assert!(!search_matches(&pupils[1], "D373"));
    }

    #[test]
    fn filter_combines_conditions_and_search() {
        let (pupils, scores) = sample();
        let year3 = Filter {
            year_groups: vec![YearGroup::Year(3)],
            ..Filter::default()
        };
        assert_eq!(
            filter_rows(&pupils, &scores, &[], &year3.conditions(), ""),
            vec![0, 3]
        );
        assert_eq!(
            filter_rows(&pupils, &scores, &[], &year3.conditions(), "brown"),
            vec![3]
        );
        let low_attendance = Filter {
            attendance_at_most: Some(Percent::from_hundredths(9000)),
            ..Filter::default()
        };
        assert_eq!(
            filter_rows(&pupils, &scores, &[], &low_attendance.conditions(), ""),
            vec![1, 3]
        );
        let focus = Filter {
            focus: Some(true),
            ..Filter::default()
        };
        assert_eq!(
            filter_rows(
                &pupils,
                &scores,
                &[
                    PupilFacts::default(),
                    PupilFacts::default(),
                    PupilFacts {
                        focus: true,
                        in_provision: false
                    }
                ],
                &focus.conditions(),
                ""
            ),
            vec![2]
        );
        assert!(Filter::default().is_empty());
        assert_eq!(
            describe_all(&Filter::default().conditions(), Shown::Full),
            "everyone"
        );
        let combined = Filter {
            year_groups: vec![YearGroup::Year(3)],
            summer_born: Some(true),
            factors: vec![Factor::Deprivation],
            attendance_at_most: Some(Percent::from_hundredths(9500)),
            ..Filter::default()
        };
        assert_eq!(
            describe_all(&combined.conditions(), Shown::Full),
            "Year 3 and Deprivation marker coloured and attendance at or below 95% and summer-born"
        );
    }

    #[test]
    fn a_field_with_several_values_matches_any_of_them() {
        let (mut pupils, _) = sample();
        pupils[1].year_group = YearGroup::year(4);
        pupils[2].year_group = YearGroup::year(5);
        let scores = crate::core::scoring::score_all(&pupils, &Profile::universal(), &ctx());
        let mut filter = Filter::default();
        set_in(&mut filter.year_groups, YearGroup::Year(4), true);
        set_in(&mut filter.year_groups, YearGroup::Year(3), true);
        set_in(&mut filter.year_groups, YearGroup::Year(3), true);
        assert_eq!(
            filter.year_groups,
            [YearGroup::Year(4), YearGroup::Year(3)],
            "each value once"
        );
        assert_eq!(
            filter.conditions(),
            [Condition::YearGroupIn(vec![
                YearGroup::Year(3),
                YearGroup::Year(4)
            ])]
        );
        assert_eq!(
            describe_all(&filter.conditions(), Shown::Full),
            "Year 3 or Year 4"
        );
        assert_eq!(
            filter_rows(&pupils, &scores, &[], &filter.conditions(), ""),
            vec![0, 1, 3]
        );
        set_in(&mut filter.year_groups, YearGroup::Year(3), false);
        assert_eq!(
            filter_rows(&pupils, &scores, &[], &filter.conditions(), ""),
            vec![1]
        );
        // Two fields: any value of each, and both fields.
        set_in(&mut filter.year_groups, YearGroup::Year(5), true);
        filter.sen_statuses = vec![SenStatus::SenSupport, SenStatus::EhcPlan];
        assert_eq!(
            filter_rows(&pupils, &scores, &[], &filter.conditions(), ""),
            vec![1, 2]
        );
        filter.clear(FilterChoice::YearGroup);
        filter.clear(FilterChoice::SenStatus);
        assert!(filter.is_empty());
    }

    #[test]
    fn the_new_fields_make_their_conditions_and_read_plainly() {
        let filter = Filter {
            genders: vec![Gender::Male, Gender::Female],
            eal_proficiencies: vec![EalProficiency::B, EalProficiency::A],
            attainments: vec![AttainmentLevel::Low],
            fsm: Some(true),
            pupil_premium: Some(false),
            in_provision: Some(true),
            rags: vec![Rag::Green, Rag::Red],
            ..Filter::default()
        };
        let labels: Vec<String> = filter
            .conditions()
            .iter()
            .map(|c| describe(c, Shown::Full))
            .collect();
        assert_eq!(
            labels,
            [
                "gender female or male",
                "English proficiency A (new to english) or B (early acquisition)",
                "overall red or green",
                "attainment low",
                "FSM",
                "not pupil premium",
                "in running provision",
            ]
        );
    }

    #[test]
    fn an_la_files_grid_has_a_school_column_and_filter_by_the_schools_own_rule() {
        use crate::core::schools::SchoolKey;
        assert_eq!(Column::for_drop(false), Column::ALL.to_vec());
        let la = Column::for_drop(true);
        assert_eq!(la.len(), Column::ALL.len() + 1);
        assert_eq!(la[3..5], [Column::Class, Column::School]);

        let at = |urn: Option<&str>, name: Option<&str>, surname: &str| Pupil {
            surname: surname.into(),
            school_id: urn.map(str::to_string),
            school_name: name.map(str::to_string),
            ..Pupil::default()
        };
        let pupils = vec![
            at(Some("100002"), Some("Beechfield High School"), "A"),
            at(None, None, "B"),
            at(Some("100001"), Some("Ashbrook Primary School"), "C"),
            at(Some("100002"), None, "D"),
        ];
        let scores = score_all(&pupils, &Profile::universal(), &ctx());
        let row = RowContext::default();
        let texts: Vec<String> = pupils
            .iter()
            .zip(&scores)
            .map(|(p, s)| cell(Column::School, p, s, &row).text)
            .collect();
        assert_eq!(
            texts,
            [
                "Beechfield High School",
                "No school given",
                "Ashbrook Primary School",
                "URN 100002"
            ]
        );
        assert_eq!(
            cell(Column::School, &pupils[1], &scores[1], &row).tone,
            Tone::Unknown
        );
        let mut rows = vec![0, 1, 2, 3];
        sort_rows(
            &mut rows,
            &pupils,
            &scores,
            Sort {
                column: Column::School,
                direction: SortDirection::Ascending,
            },
        );
        assert_eq!(rows, [2, 0, 3, 1], "by the words shown, no school last");

        let filter = Filter {
            schools: vec![SchoolRef {
                key: SchoolKey::Urn("100002".into()),
                label: "Beechfield High School".into(),
            }],
            ..Filter::default()
        };
        let found = filter_rows(&pupils, &scores, &[], &filter.conditions(), "");
        assert_eq!(found, [0, 3], "by URN, whatever the name says");
        assert_eq!(
            describe(&filter.conditions()[0], Shown::Private),
            "school Beechfield High School"
        );
        let none = Condition::SchoolIn(vec![SchoolRef {
            key: SchoolKey::NotGiven,
            label: "No school given".into(),
        }]);
        assert_eq!(filter_rows(&pupils, &scores, &[], &[none], ""), [1]);
    }

    #[test]
    fn a_saved_cohorts_conditions_load_into_the_bar_and_come_back_the_same() {
        let filter = Filter {
            year_groups: vec![YearGroup::Year(7), YearGroup::Year(8)],
            classes: vec!["7A".into()],
            schools: vec![SchoolRef {
                key: crate::core::schools::SchoolKey::Urn("140887".into()),
                label: "Brookvale Primary Academy".into(),
            }],
            sen_statuses: vec![SenStatus::SenSupport],
            primary_needs: vec![PrimaryNeed::ASD],
            genders: vec![Gender::Female],
            eal_proficiencies: vec![EalProficiency::A],
            factors: vec![Factor::Deprivation, Factor::Birthday],
            rags: vec![Rag::Red],
            attendance_at_most: Some(Percent::from_hundredths(9500)),
            attendance_at_least: Some(Percent::from_hundredths(5000)),
            attendance_markers: vec![MarkerLevel::Red],
            exclusions_markers: vec![MarkerLevel::Amber],
            attainments: vec![AttainmentLevel::Low, AttainmentLevel::High],
            summer_born: Some(true),
            disadvantaged: Some(false),
            fsm: Some(true),
            pupil_premium: Some(true),
            eal: Some(true),
            looked_after: Some(false),
            focus: Some(true),
            in_provision: Some(false),
            kept: vec![],
        };
        let conditions = filter.conditions();
        assert_eq!(Filter::from_conditions(&conditions), filter);
        assert_eq!(
            Filter::from_conditions(&conditions).conditions(),
            conditions
        );

        // What the bar has no control for is kept, shown as a chip, and removable.
        let odd = [
            Condition::Attainment(AttainmentLevel::Low),
            Condition::Factor {
                factor: Factor::Sen,
                coloured: false,
            },
            Condition::YearGroupIn(vec![YearGroup::Year(9)]),
            Condition::YearGroupIn(vec![YearGroup::Year(10)]),
        ];
        let mut loaded = Filter::from_conditions(&odd);
        assert_eq!(loaded.attainments, [AttainmentLevel::Low]);
        assert_eq!(loaded.year_groups, [YearGroup::Year(9)]);
        assert_eq!(
            loaded.kept,
            odd[1..].iter().step_by(2).cloned().collect::<Vec<_>>()
        );
        let chips: Vec<FilterChoice> = loaded.choices().into_iter().map(|(c, _)| c).collect();
        assert_eq!(
            chips,
            [
                FilterChoice::YearGroup,
                FilterChoice::Attainment,
                FilterChoice::Kept(0),
                FilterChoice::Kept(1)
            ]
        );
        loaded.clear(FilterChoice::Kept(0));
        assert_eq!(loaded.kept, [odd[3].clone()]);
    }

    #[test]
    fn a_saved_cohort_says_whether_it_is_a_filter_or_a_fixed_list() {
        use crate::core::pupil::PupilKey;
        let mut cohort = Cohort {
            name: "Lower school".into(),
            conditions: vec![Condition::YearGroupIn(vec![
                YearGroup::Year(7),
                YearGroup::Year(8),
            ])],
            ..Cohort::default()
        };
        assert_eq!(
            describe_cohort(&cohort, Shown::Full),
            "Year 7 or Year 8, decided afresh at each data drop"
        );
        cohort.members = Some(["A", "B"].into_iter().map(PupilKey::from_stored).collect());
        assert_eq!(
            describe_cohort(&cohort, Shown::Full),
            "a fixed list of 2 pupils, made from: Year 7 or Year 8"
        );
    }

    #[test]
    fn privacy_mode_describes_a_class_filter_without_naming_the_class() {
        let filter = Filter {
            year_groups: vec![YearGroup::Year(7)],
            classes: vec!["7A".into()],
            ..Filter::default()
        };
        let conditions = filter.conditions();
        assert_eq!(
            describe_all(&conditions, Shown::Full),
            "Year 7 and class 7A"
        );
        assert_eq!(
            describe_all(&conditions, Shown::Private),
            "Year 7 and class hidden"
        );
    }

    #[test]
    fn cells_pair_colour_with_words_and_show_unknowns() {
        let (pupils, scores) = sample();
        let sen = |i: usize| factor_cell(scores[i].factor(Factor::Sen).expect("sen"));
        assert_eq!(sen(1), Cell::new("● 3", Tone::Red));
        assert_eq!(sen(0), Cell::new("–", Tone::Plain));
        assert_eq!(sen(3), Cell::new("?", Tone::Unknown));
        assert_eq!(
            overall_cell(&scores[1]),
            Cell::new("◐ 3.0 Amber", Tone::Amber)
        );
        assert_eq!(
            overall_cell(&scores[0]),
            Cell::new("○ 0.0 Green", Tone::Green)
        );
        assert_eq!(
            overall_cell(&scores[2]),
            Cell::new("◐ 3.6 Amber", Tone::Amber)
        );
        assert_eq!(
            deprivation_cell(&pupils[2], &scores[2]),
            Cell::new("● 0.412 · 1.6 pts", Tone::Red)
        );
        assert_eq!(
            deprivation_cell(&pupils[0], &scores[0]),
            Cell::new("?", Tone::Unknown)
        );
        assert_eq!(
            attendance_cell(&pupils[1], &scores[1]),
            Cell::new("85% ◐ Amber", Tone::Amber)
        );
        assert_eq!(
            attendance_cell(&pupils[3], &scores[3]),
            Cell::new("40% ● Red", Tone::Red)
        );
        assert_eq!(
            attendance_cell(&pupils[0], &scores[0]),
            Cell::new("96%", Tone::Plain)
        );
        assert_eq!(exclusions_cell(&scores[0]), Cell::new("?", Tone::Unknown));
        assert_eq!(
            attainment_cell(&scores[0], true),
            Cell::new("? · ★ Focus", Tone::Unknown)
        );
        let totals = rag_totals_of(&scores, &[0, 1, 2, 3]);
        assert_eq!(summary_line(4, totals), "4 pupils: 0 red, 2 amber, 2 green");
    }

    /// Every column's cell for one pupil, in `Column::ALL` order.
    fn cells(pupil: &Pupil, row: &RowContext<'_>) -> Vec<Cell> {
        let score = crate::core::scoring::score(pupil, &Profile::universal(), &ctx());
        Column::ALL
            .into_iter()
            .map(|column| cell(column, pupil, &score, row))
            .collect()
    }

    fn texts(cells: &[Cell]) -> Vec<&str> {
        cells.iter().map(|c| c.text.as_str()).collect()
    }

    fn known_pupil() -> Pupil {
        Pupil {
            surname: "Whitfield".into(),
            forename: "Harriet".into(),
            upn: Upn::parse("D373210124708").ok(),
            year_group: YearGroup::year(7),
            class: Some(" 7A ".into()),
            date_of_birth: NaiveDate::from_ymd_opt(2013, 7, 14),
            sen_status: Some(SenStatus::EhcPlan),
            looked_after: Some(false),
            eal: Some(false),
            school_moves: Some(0),
            idaci_score: Some(IdaciScore::from_thousandths(412)),
            attendance: Some(Percent::from_hundredths(8500)),
            suspensions: Some(3),
            ..Pupil::default()
        }
    }

    /// The one cell rule: every column's text and tone, in full.
    #[test]
    fn every_column_has_its_cell() {
        let row = RowContext {
            shown: Shown::Full,
            focus: true,
            interventions: "Attendance: Daily report",
        };
        let full = cells(&known_pupil(), &row);
        assert_eq!(
            texts(&full),
            [
                "Harriet Whitfield",
                "D373210124708",
                "Y7",
                "7A",
                "● 1",
                "● 3",
                "–",
                "–",
                "–",
                "● 5.6 Red",
                "● 0.412 · 1.6 pts",
                "85% ◐ Amber",
                "● Red",
                "? · ★ Focus",
                "Attendance: Daily report",
            ]
        );
        let tones: Vec<Tone> = full.iter().map(|c| c.tone).collect();
        use Tone::*;
        assert_eq!(
            tones,
            [
                Plain, Plain, Plain, Plain, Red, Red, Plain, Plain, Plain, Red, Red, Amber, Red,
                Unknown, Plain
            ]
        );
        assert!(full.iter().all(|c| c.spoken.is_none()), "{full:?}");
    }

    /// Privacy display mode changes the name, the UPN (with its spoken form) and the class,
    /// and nothing else.
    #[test]
    fn privacy_mode_changes_only_name_upn_and_class() {
        let full = cells(&known_pupil(), &RowContext::default());
        let private = cells(
            &known_pupil(),
            &RowContext {
                shown: Shown::Private,
                ..RowContext::default()
            },
        );
        assert_eq!(
            texts(&private)[..4],
            ["H.W.", "…4708", "Y7", crate::core::privacy::HIDDEN]
        );
        assert_eq!(private[1].spoken.as_deref(), Some("UPN ending 4708"));
        assert_eq!(full[4..], private[4..]);
        assert_eq!(texts(&full)[13], "?", "no focus flag: the word alone");
    }

    /// A pupil with nothing known: blank details, "?" markers, green overall.
    #[test]
    fn missing_values_are_blank_or_unknown_never_no() {
        for shown in [Shown::Full, Shown::Private] {
            let row = RowContext {
                shown,
                ..RowContext::default()
            };
            let blank = cells(&Pupil::default(), &row);
            assert_eq!(
                texts(&blank),
                [
                    "",
                    "",
                    "",
                    "",
                    "?",
                    "?",
                    "?",
                    "?",
                    "?",
                    "○ 0.0 Green",
                    "?",
                    "?",
                    "?",
                    "?",
                    ""
                ],
                "{shown:?}"
            );
            assert_eq!(blank[4].tone, Tone::Unknown);
            assert_eq!(blank[14].tone, Tone::Plain);
        }
        // A score without a factor (never made by the scorer) still reads unknown.
        let pupil = known_pupil();
        let mut score = crate::core::scoring::score(&pupil, &Profile::universal(), &ctx());
        score.factors.clear();
        assert_eq!(
            cell(
                Column::Factor(Factor::Sen),
                &pupil,
                &score,
                &RowContext::default()
            ),
            Cell::new("?", Tone::Unknown)
        );
    }

    /// Interventions explain themselves with their full text; no provision, no hint.
    #[test]
    fn interventions_hint_is_their_text() {
        let pupil = known_pupil();
        let score = crate::core::scoring::score(&pupil, &Profile::universal(), &ctx());
        let row = RowContext {
            interventions: "Attendance: Daily report; Attainment: Lexia reading programme",
            ..RowContext::default()
        };
        let profile = Profile::universal();
        assert_eq!(
            cell_hint(Column::Interventions, &pupil, &score, &row, &profile).as_deref(),
            Some(row.interventions)
        );
        assert_eq!(
            cell_hint(
                Column::Interventions,
                &pupil,
                &score,
                &RowContext::default(),
                &profile
            ),
            None
        );
    }

    fn hint(column: Column, i: usize, focus: bool) -> String {
        let (pupils, scores) = sample();
        cell_hint(
            column,
            &pupils[i],
            &scores[i],
            &RowContext {
                focus,
                ..RowContext::default()
            },
            &Profile::universal(),
        )
        .unwrap_or_else(|| "(none)".to_string())
    }

    /// The cells that show only a symbol and a number ("● 3", "◐ 3.6 Amber", a bare IDACI
    /// score) say what they mean on hover and focus, with the profile's thresholds.
    #[test]
    fn each_marker_cell_explains_itself() {
        let check = |column: Column, i: usize, expected: &str| {
            assert_eq!(hint(column, i, false), expected, "{column:?} pupil {i}");
        };
        check(
            Column::Factor(Factor::Sen),
            1,
            "SEN marker coloured: EHC plan, 3 points towards the overall indicator.",
        );
        check(
            Column::Factor(Factor::Sen),
            0,
            "SEN marker not coloured: no special educational needs that score, no points.",
        );
        check(
            Column::Factor(Factor::Sen),
            3,
            "SEN not known (SEN status not recorded): counts 0 points. Unknown is not the same as no.",
        );
        check(
            Column::Factor(Factor::Birthday),
            0,
            "Birthday not known (date of birth not recorded): counts 0 points. Unknown is not the same as no.",
        );
        check(
            Column::Overall,
            2,
            "Overall indicator amber: SEN support (2) + IDACI 0.412 (1.648) = 3.6. Green below 2, amber from 2, red from 4.",
        );
        check(
            Column::Deprivation,
            2,
            "Deprivation marker coloured: IDACI 0.412 gives 1.648 points (4 × the score, at most 2 points) towards the overall indicator. Coloured from 1 point.",
        );
        check(
            Column::Deprivation,
            0,
            "Deprivation not known (IDACI score, band and decile not recorded): counts 0 points. Unknown is not the same as no.",
        );
        check(
            Column::Attendance,
            1,
            "Attendance 85%: at or below 90%, so amber (persistent absence).",
        );
        check(
            Column::Attendance,
            2,
            "Attendance not recorded: shown as unknown, not as good attendance.",
        );
        check(
            Column::Exclusions,
            0,
            "Exclusions: suspensions not recorded.",
        );
        check(
            Column::Attainment,
            0,
            "Attainment not known: no subject has a result the profile can read.",
        );
        assert_eq!(
            hint(Column::Attainment, 0, true),
            "Attainment not known: no subject has a result the profile can read. ★ Focus: flagged by staff for attention."
        );
        for column in [
            Column::Name,
            Column::Upn,
            Column::Year,
            Column::Class,
            Column::Interventions,
        ] {
            check(column, 0, "(none)");
        }
    }

    /// A hint never shows a date (privacy display mode shows it beside initials), and a
    /// coloured birthday marker names the profile's months.
    #[test]
    fn hints_name_the_rule_not_the_date() {
        let mut pupil = Pupil {
            date_of_birth: NaiveDate::from_ymd_opt(2016, 7, 14),
            entry_date: NaiveDate::from_ymd_opt(2024, 1, 8),
            suspensions: Some(1),
            attendance: Some(Percent::from_hundredths(4000)),
            idaci_band: Some(crate::core::value::IdaciBand::E),
            ..Pupil::default()
        };
        let profile = Profile::universal();
        // No moves column: a mid-year date of entry counts as a move.
        let ctx = ScoringContext {
            as_of: ctx().as_of,
            has_moves_column: false,
        };
        let score = crate::core::scoring::score(&pupil, &profile, &ctx);
        let all: Vec<String> = Column::ALL
            .into_iter()
            .filter_map(|column| {
                cell_hint(column, &pupil, &score, &RowContext::default(), &profile)
            })
            .collect();
        assert!(
            all.iter()
                .all(|h| !h.contains("2016") && !h.contains("2024")),
            "{all:?}"
        );
        assert_eq!(
            all[0],
            "Birthday marker coloured: summer-born (born April–August), 1 point towards the overall indicator."
        );
        assert_eq!(
            cell_hint(Column::Factor(Factor::Movement), &pupil, &score, &RowContext::default(), &profile).as_deref(),
            Some("Movement marker coloured: joined outside the usual entry months, 1 point towards the overall indicator.")
        );
        assert_eq!(
            cell_hint(
                Column::Attendance,
                &pupil,
                &score,
                &RowContext::default(),
                &profile
            )
            .as_deref(),
            Some("Attendance 40%: at or below 50%, so red.")
        );
        assert_eq!(
            cell_hint(
                Column::Exclusions,
                &pupil,
                &score,
                &RowContext::default(),
                &profile
            )
            .as_deref(),
            Some("Exclusions: 1 suspension this year: 1 or more, so amber.")
        );
        assert_eq!(
            deprivation_cell(&pupil, &score),
            Cell::new("band E · 0.7 pts", Tone::Plain)
        );
        assert_eq!(
            cell_hint(Column::Deprivation, &pupil, &score, &RowContext::default(), &profile).as_deref(),
            Some("Deprivation marker not coloured: IDACI band E gives 0.75 points towards the overall indicator. Coloured from 1 point.")
        );
        pupil.idaci_band = None;
        pupil.idaci_decile = crate::core::value::IdaciDecile::new(1);
        let score = crate::core::scoring::score(&pupil, &profile, &ctx);
        assert_eq!(
            deprivation_cell(&pupil, &score),
            Cell::new("● decile 1 · 2.0 pts", Tone::Red)
        );
    }

    /// Each chip removes its own choice and nothing else; every chip reads as the
    /// "Showing:" line does.
    #[test]
    fn each_filter_choice_is_a_chip_that_removes_itself() {
        let filter = Filter {
            year_groups: vec![YearGroup::Year(3)],
            classes: vec!["3B".into()],
            factors: vec![Factor::Birthday, Factor::Deprivation],
            attendance_at_most: Some(Percent::from_hundredths(9500)),
            focus: Some(false),
            ..Filter::default()
        };
        let choices = filter.choices();
        let labels: Vec<String> = choices
            .iter()
            .map(|(_, c)| describe(c, Shown::Full))
            .collect();
        assert_eq!(
            labels,
            [
                "Year 3",
                "class 3B",
                "Birthday marker coloured",
                "Deprivation marker coloured",
                "attendance at or below 95%",
                "not focus"
            ]
        );
        assert_eq!(
            describe_all(&filter.conditions(), Shown::Full),
            labels.join(" and ")
        );
        for (i, (choice, _)) in choices.iter().enumerate() {
            let mut fewer = filter.clone();
            fewer.clear(*choice);
            let mut expected = filter.conditions();
            expected.remove(i);
            assert_eq!(fewer.conditions(), expected, "{choice:?}");
        }
        let mut none = filter.clone();
        for (choice, _) in filter.choices() {
            none.clear(choice);
        }
        assert!(none.is_empty());
    }

    /// 50,000 pupils sort correctly, stably and quickly enough to run in a test.
    #[test]
    fn sorts_fifty_thousand_pupils_stably() {
        let count = 50_000usize;
        let pupils: Vec<Pupil> = (0..count)
            .map(|i| Pupil {
                surname: format!("Surname{:05}", (i * 7919) % count),
                forename: "Pat".into(),
                attendance: Some(Percent::from_hundredths(((i * 37) % 10_001) as u32)),
                idaci_score: Some(IdaciScore::from_thousandths(((i * 13) % 1000) as u16)),
                sen_status: Some(match i % 3 {
                    0 => SenStatus::NoSen,
                    1 => SenStatus::SenSupport,
                    _ => SenStatus::EhcPlan,
                }),
                ..Pupil::default()
            })
            .collect();
        let scores = score_all(&pupils, &Profile::universal(), &ctx());
        let mut rows: Vec<usize> = (0..count).collect();
        let sort = Sort {
            column: Column::Overall,
            direction: SortDirection::Descending,
        };
        sort_rows(&mut rows, &pupils, &scores, sort);
        assert_eq!(rows.len(), count);
        for pair in rows.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(scores[a].overall >= scores[b].overall);
            if scores[a].overall == scores[b].overall {
                assert!(a < b, "stable: equal totals keep file order");
            }
        }
        sort_rows(
            &mut rows,
            &pupils,
            &scores,
            Sort {
                column: Column::Name,
                direction: SortDirection::Ascending,
            },
        );
        for pair in rows.windows(2) {
            assert!(pupils[pair[0]].surname <= pupils[pair[1]].surname);
        }
        let mut seen = rows.clone();
        seen.sort_unstable();
        assert_eq!(seen, (0..count).collect::<Vec<_>>());
    }
}
