//! The planner table (SPEC §6): the Tameside columns, the text each cell shows, sorting by
//! any column, the search box and the filter bar's conditions. Pure: the grid component
//! only calls these from memos, so sorting and filtering 50,000 pupils is tested natively.
//!
//! Every marker's text carries a word or a symbol as well as its colour class, so colour is
//! never the only signal; a missing value shows as "?" (unknown), never as "no".

use crate::core::cohort::{Condition, Marker};
use crate::core::privacy::Shown;
use crate::core::profile::Points;
use crate::core::pupil::Pupil;
use crate::core::scoring::{
    pupil_attendance, AttainmentLevel, Factor, FactorScore, MarkerLevel, PupilScore, Rag, RagTotals,
};
use crate::core::value::{Percent, PrimaryNeed, SenStatus, YearGroup};
use std::cmp::Ordering;

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

    /// The column heading.
    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "Name",
            Column::Upn => "UPN",
            Column::Year => "Year",
            Column::Class => "Class",
            Column::Factor(factor) => factor.label(),
            Column::Overall => "Overall",
            Column::Deprivation => "Deprivation",
            Column::Attendance => "Attendance",
            Column::Exclusions => "Exclusions",
            Column::Attainment => "Attainment",
            Column::Interventions => "Interventions",
        }
    }

    /// A one-line hint shown with the heading; the Help page says more.
    pub fn hint(self) -> &'static str {
        match self {
            Column::Name => "The pupil's name; initials in privacy display mode.",
            Column::Upn => {
                "Unique Pupil Number, the 13-character key for each pupil; its last 4 characters in privacy display mode."
            }
            Column::Year => "Year group.",
            Column::Class => "Registration group or class; hidden in privacy display mode.",
            Column::Factor(Factor::Birthday) => {
                "Summer-born (April to August): the youngest in their year group."
            }
            Column::Factor(Factor::Sen) => "Special educational needs: SEN support 2, EHC plan 3.",
            Column::Factor(Factor::Movement) => "One or more changes of school.",
            Column::Factor(Factor::Lac) => "Looked after by the local authority: 3 points.",
            Column::Factor(Factor::Language) => {
                "English as an additional language and new to English or newly arrived."
            }
            Column::Factor(Factor::Deprivation) | Column::Deprivation => {
                "IDACI: deprivation of the home area; 4 × the score, at most 2 points."
            }
            Column::Overall => {
                "The sum of the factors' points: green below 2, amber from 2, red from 4."
            }
            Column::Attendance => "Amber at or below 90%, red at or below 50%.",
            Column::Exclusions => {
                "Amber with a suspension this year; red with 3 or a permanent exclusion."
            }
            Column::Attainment => "Low, expected or high across the subjects; ★ marks focus.",
            Column::Interventions => "Current provision, each next to the marker it addresses.",
        }
    }

    /// The Help page section (its element id) that explains this column.
    pub fn help_anchor(self) -> &'static str {
        match self {
            Column::Name | Column::Upn | Column::Year | Column::Class => "help-columns",
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
/// `focus` holds each pupil's focus flag (missing entries are not in focus).
pub fn filter_rows(
    pupils: &[Pupil],
    scores: &[PupilScore],
    focus: &[bool],
    conditions: &[Condition],
    query: &str,
) -> Vec<usize> {
    pupils
        .iter()
        .zip(scores)
        .enumerate()
        .filter(|(i, (pupil, score))| {
            let in_focus = focus.get(*i).copied().unwrap_or(false);
            conditions
                .iter()
                .all(|condition| condition.matches(pupil, score, in_focus))
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

/// What one cell shows: its text and its tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The text, e.g. "● 2", "–", "?", "◐ 2.5 Amber".
    pub text: String,
    /// The colour.
    pub tone: Tone,
}

impl Cell {
    fn new(text: impl Into<String>, tone: Tone) -> Cell {
        Cell {
            text: text.into(),
            tone,
        }
    }
}

/// A factor marker: "● 2" when coloured, the points when known but below the colouring
/// threshold (deprivation 0.75), "–" when known and none, "?" when unknown.
pub fn factor_cell(factor: &FactorScore) -> Cell {
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
pub fn overall_cell(score: &PupilScore) -> Cell {
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

/// Deprivation: the IDACI score (or band, or decile) with "●" when the marker is coloured.
pub fn deprivation_cell(pupil: &Pupil, score: &PupilScore) -> Cell {
    let value = if let Some(idaci) = pupil.idaci_score {
        idaci.to_string()
    } else if let Some(band) = pupil.idaci_band {
        format!("band {}", band.letter())
    } else if let Some(decile) = pupil.idaci_decile {
        format!("decile {}", decile.get())
    } else {
        return Cell::new("?", Tone::Unknown);
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
pub fn attendance_cell(pupil: &Pupil, score: &PupilScore) -> Cell {
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
pub fn exclusions_cell(score: &PupilScore) -> Cell {
    let level = score.exclusions;
    let text = match level {
        MarkerLevel::None => "None".to_string(),
        MarkerLevel::Unknown => "?".to_string(),
        coloured => format!("{} {}", coloured.symbol(), coloured.label()),
    };
    Cell::new(text, marker_tone(level))
}

/// Attainment: "Low", "High", "Expected", "No target" or "?", with "★ Focus" when flagged.
pub fn attainment_cell(score: &PupilScore, focus: bool) -> Cell {
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

/// The filter bar's choices. Each set choice is one condition; a pupil must pass them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// In this year group.
    pub year_group: Option<YearGroup>,
    /// In this class.
    pub class: Option<String>,
    /// With this SEN status.
    pub sen_status: Option<SenStatus>,
    /// With this primary need.
    pub primary_need: Option<PrimaryNeed>,
    /// With each of these factors' markers coloured.
    pub factors: Vec<Factor>,
    /// Rated this.
    pub rag: Option<Rag>,
    /// Attendance at or below this.
    pub attendance_at_most: Option<Percent>,
    /// Attendance at or above this.
    pub attendance_at_least: Option<Percent>,
    /// The attendance marker at this level.
    pub attendance_marker: Option<MarkerLevel>,
    /// The exclusions marker at this level.
    pub exclusions_marker: Option<MarkerLevel>,
    /// Overall attainment at this level.
    pub attainment: Option<AttainmentLevel>,
    /// Summer-born or not.
    pub summer_born: YesNo,
    /// Disadvantaged (FSM or pupil premium) or not.
    pub disadvantaged: YesNo,
    /// EAL or not.
    pub eal: YesNo,
    /// Looked after or not.
    pub looked_after: YesNo,
    /// Flagged for focus or not.
    pub focus: YesNo,
}

impl Filter {
    /// The conditions the choices make, all of which must hold.
    pub fn conditions(&self) -> Vec<Condition> {
        let mut conditions = Vec::new();
        if let Some(year) = self.year_group {
            conditions.push(Condition::YearGroupIn(vec![year]));
        }
        if let Some(class) = &self.class {
            conditions.push(Condition::ClassIn(vec![class.clone()]));
        }
        if let Some(status) = self.sen_status {
            conditions.push(Condition::SenStatusIn(vec![status]));
        }
        if let Some(need) = self.primary_need {
            conditions.push(Condition::PrimaryNeedIn(vec![need]));
        }
        for &factor in &self.factors {
            conditions.push(Condition::Factor {
                factor,
                coloured: true,
            });
        }
        if let Some(rag) = self.rag {
            conditions.push(Condition::RagIn(vec![rag]));
        }
        if let Some(limit) = self.attendance_at_most {
            conditions.push(Condition::AttendanceAtMost(limit));
        }
        if let Some(limit) = self.attendance_at_least {
            conditions.push(Condition::AttendanceAtLeast(limit));
        }
        if let Some(level) = self.attendance_marker {
            conditions.push(Condition::Marker {
                marker: Marker::Attendance,
                levels: vec![level],
            });
        }
        if let Some(level) = self.exclusions_marker {
            conditions.push(Condition::Marker {
                marker: Marker::Exclusions,
                levels: vec![level],
            });
        }
        if let Some(level) = self.attainment {
            conditions.push(Condition::Attainment(level));
        }
        if let Some(yes) = self.summer_born {
            conditions.push(Condition::SummerBorn(yes));
        }
        if let Some(yes) = self.disadvantaged {
            conditions.push(Condition::Disadvantaged(yes));
        }
        if let Some(yes) = self.eal {
            conditions.push(Condition::Eal(yes));
        }
        if let Some(yes) = self.looked_after {
            conditions.push(Condition::LookedAfter(yes));
        }
        if let Some(yes) = self.focus {
            conditions.push(Condition::Focus(yes));
        }
        conditions
    }

    /// True when nothing is chosen.
    pub fn is_empty(&self) -> bool {
        self == &Filter::default()
    }
}

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
            year_group: YearGroup::year(3),
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
                &[false, false, true],
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
            year_group: YearGroup::year(3),
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
    fn privacy_mode_describes_a_class_filter_without_naming_the_class() {
        let filter = Filter {
            year_group: YearGroup::year(7),
            class: Some("7A".into()),
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
            Cell::new("● 0.412", Tone::Red)
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
