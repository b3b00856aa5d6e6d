//! Scoring (SPEC §5): the six resilience factors, the overall indicator and its RAG
//! rating, the attendance, exclusions and attainment markers, and the shortlist.
//!
//! Everything is exact integer arithmetic in [`Points`] (thousandths), so equal totals
//! are equal on every machine. The "as of" date is a parameter: scoring never reads a
//! clock. A missing value scores 0 points and is reported as unknown, never as "no".

use crate::core::drop::DataDrop;
use crate::core::import::mapping::Field;
use crate::core::profile::{months_label, Points, Profile};
use crate::core::pupil::{Pupil, SubjectAttainment};
use crate::core::value::{format_uk_date, IdaciBand, Percent, SenStatus, YearGroup};
use chrono::{Datelike, Months, NaiveDate};
use std::cmp::Ordering;

/// What scoring needs to know beyond the pupil and the profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoringContext {
    /// The date the data is scored "as of" (e.g. the data drop's date); used for "arrived
    /// within the last two years".
    pub as_of: NaiveDate,
    /// Whether the file had a school-moves column. Without one, a date of entry outside
    /// the usual entry months counts as a move.
    pub has_moves_column: bool,
}

impl ScoringContext {
    /// A context for `as_of`, assuming the file had a school-moves column.
    pub fn new(as_of: NaiveDate) -> ScoringContext {
        ScoringContext {
            as_of,
            has_moves_column: true,
        }
    }

    /// The context for scoring a data drop, the one rule every caller uses: as of the day
    /// it was imported, with a school-moves column when the drop's own column mapping has
    /// one (even if every cell in it is blank).
    pub fn for_drop(drop: &DataDrop) -> ScoringContext {
        ScoringContext {
            as_of: drop.imported_on,
            has_moves_column: drop.plan.mapping.has(&Field::SchoolMoves),
        }
    }
}

/// The six resilience factors, in the order the planner shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Factor {
    /// Summer-born.
    Birthday,
    /// Special educational needs.
    Sen,
    /// Moved school.
    Movement,
    /// Child looked after.
    Lac,
    /// New to English or newly arrived.
    Language,
    /// Deprivation of the home area (IDACI).
    Deprivation,
}

impl Factor {
    /// Every factor, in display order (the order of [`PupilScore::factors`]).
    pub const ALL: [Factor; 6] = [
        Factor::Birthday,
        Factor::Sen,
        Factor::Movement,
        Factor::Lac,
        Factor::Language,
        Factor::Deprivation,
    ];

    /// The column heading: "Birthday", "SEN", "Movement", "LAC", "Language",
    /// "Deprivation".
    pub fn label(self) -> &'static str {
        match self {
            Factor::Birthday => "Birthday",
            Factor::Sen => "SEN",
            Factor::Movement => "Movement",
            Factor::Lac => "LAC",
            Factor::Language => "Language",
            Factor::Deprivation => "Deprivation",
        }
    }

    /// Position in [`Factor::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One factor's result for one pupil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorScore {
    /// Which factor.
    pub factor: Factor,
    /// Points it adds to the overall indicator.
    pub points: Points,
    /// Whether its marker is coloured.
    pub coloured: bool,
    /// False when the data needed was missing: shown as unknown, never as "no".
    pub known: bool,
    /// Plain-English reason, e.g. "Born 14/07/2016: summer-born (April–August)".
    pub why: String,
    /// Short name used in the overall explanation, e.g. "summer-born" or "IDACI 0.412".
    pub term: String,
}

/// Red, amber or green rating of the overall indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rag {
    /// Below the amber cut-off.
    Green,
    /// From the amber cut-off to below the red cut-off.
    Amber,
    /// From the red cut-off.
    Red,
}

impl Rag {
    /// "Green", "Amber" or "Red".
    pub fn label(self) -> &'static str {
        match self {
            Rag::Green => "Green",
            Rag::Amber => "Amber",
            Rag::Red => "Red",
        }
    }

    /// A symbol shown with the colour, so colour is never the only signal.
    pub fn symbol(self) -> &'static str {
        match self {
            Rag::Green => "○",
            Rag::Amber => "◐",
            Rag::Red => "●",
        }
    }

    /// The rating of `overall` under `profile`'s cut-offs.
    pub fn of(overall: Points, profile: &Profile) -> Rag {
        if overall >= profile.rag.red_from {
            Rag::Red
        } else if overall >= profile.rag.amber_from {
            Rag::Amber
        } else {
            Rag::Green
        }
    }
}

/// The level of the attendance or exclusions marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarkerLevel {
    /// Not coloured.
    None,
    /// Amber.
    Amber,
    /// Red.
    Red,
    /// The data was missing.
    Unknown,
}

impl MarkerLevel {
    /// "None", "Amber", "Red" or "Unknown".
    pub fn label(self) -> &'static str {
        match self {
            MarkerLevel::None => "None",
            MarkerLevel::Amber => "Amber",
            MarkerLevel::Red => "Red",
            MarkerLevel::Unknown => "Unknown",
        }
    }

    /// A symbol shown with the colour.
    pub fn symbol(self) -> &'static str {
        match self {
            MarkerLevel::None => "",
            MarkerLevel::Amber => "◐",
            MarkerLevel::Red => "●",
            MarkerLevel::Unknown => "?",
        }
    }

    /// True for amber or red.
    pub fn is_coloured(self) -> bool {
        matches!(self, MarkerLevel::Amber | MarkerLevel::Red)
    }
}

/// Attainment read as low, expected or high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AttainmentLevel {
    /// Below expectations.
    Low,
    /// At expectations.
    Expected,
    /// Above expectations.
    High,
    /// A grade 1–9 before Year 10 with no target to compare it with: not low, not high.
    NoTarget,
    /// Missing or not a result the profile can read (e.g. "A" for absent).
    Unknown,
}

impl AttainmentLevel {
    /// "Low", "Expected", "High", "No target" or "Unknown".
    pub fn label(self) -> &'static str {
        match self {
            AttainmentLevel::Low => "Low",
            AttainmentLevel::Expected => "Expected",
            AttainmentLevel::High => "High",
            AttainmentLevel::NoTarget => "No target",
            AttainmentLevel::Unknown => "Unknown",
        }
    }
}

/// One subject's attainment level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectLevel {
    /// The subject's name, as in the file.
    pub subject: String,
    /// Its level.
    pub level: AttainmentLevel,
    /// Whether the level was read from prior attainment (e.g. a KS2 scaled score) because
    /// the subject has no current result that can be judged.
    pub from_prior: bool,
    /// Whether the level counts towards the pupil's overall attainment: a prior result
    /// does not while any subject has a current result that can be judged.
    pub counted: bool,
}

/// A pupil's attainment: each subject, and the pupil overall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttainmentSummary {
    /// Each mapped subject's level, in the order of the file's columns.
    pub subjects: Vec<SubjectLevel>,
    /// Over the counted subjects: Low when any is low; High when every one with a known
    /// result is high; Expected otherwise; No target when the only results are grades with
    /// no target to judge them by; Unknown when no subject has a result.
    pub overall: AttainmentLevel,
}

/// Everything scoring says about one pupil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilScore {
    /// The six factors, in [`Factor::ALL`] order.
    pub factors: Vec<FactorScore>,
    /// The overall indicator: the sum of the factors' points.
    pub overall: Points,
    /// The overall indicator's rating.
    pub rag: Rag,
    /// Attendance marker.
    pub attendance: MarkerLevel,
    /// Exclusions marker.
    pub exclusions: MarkerLevel,
    /// Attainment per subject and overall.
    pub attainment: AttainmentSummary,
}

impl PupilScore {
    /// The result for one factor.
    pub fn factor(&self, factor: Factor) -> Option<&FactorScore> {
        self.factors.iter().find(|f| f.factor == factor)
    }

    /// True when `factor`'s marker is coloured.
    pub fn is_coloured(&self, factor: Factor) -> bool {
        self.factor(factor).is_some_and(|f| f.coloured)
    }

    /// How the overall indicator was made, e.g.
    /// "SEN support (2) + summer-born (1) + IDACI 0.412 (1.648) = 4.6".
    pub fn explanation(&self) -> String {
        let parts: Vec<String> = self
            .factors
            .iter()
            .filter(|f| f.points != Points::ZERO)
            .map(|f| format!("{} ({})", f.term, f.points.exact()))
            .collect();
        if parts.is_empty() {
            format!("No factors = {}", self.overall)
        } else {
            format!("{} = {}", parts.join(" + "), self.overall)
        }
    }
}

/// Counts of pupils by RAG rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RagTotals {
    /// Pupils rated green.
    pub green: usize,
    /// Pupils rated amber.
    pub amber: usize,
    /// Pupils rated red.
    pub red: usize,
}

impl RagTotals {
    /// All pupils counted.
    pub fn total(&self) -> usize {
        self.green + self.amber + self.red
    }
}

/// Counts the RAG ratings of `scores`.
pub fn rag_totals<'a>(scores: impl IntoIterator<Item = &'a PupilScore>) -> RagTotals {
    let mut totals = RagTotals::default();
    for score in scores {
        match score.rag {
            Rag::Green => totals.green += 1,
            Rag::Amber => totals.amber += 1,
            Rag::Red => totals.red += 1,
        }
    }
    totals
}

/// Scores every pupil, in the same order.
pub fn score_all(pupils: &[Pupil], profile: &Profile, ctx: &ScoringContext) -> Vec<PupilScore> {
    pupils.iter().map(|p| score(p, profile, ctx)).collect()
}

/// Scores one pupil under `profile`.
pub fn score(pupil: &Pupil, profile: &Profile, ctx: &ScoringContext) -> PupilScore {
    let factors = vec![
        birthday(pupil, profile),
        sen(pupil, profile),
        movement(pupil, profile, ctx),
        looked_after(pupil, profile),
        language(pupil, profile, ctx),
        deprivation(pupil, profile),
    ];
    let overall: Points = factors.iter().map(|f| f.points).sum();
    PupilScore {
        rag: Rag::of(overall, profile),
        overall,
        factors,
        attendance: attendance_marker(pupil, profile),
        exclusions: exclusions_marker(pupil, profile),
        attainment: attainment(pupil, profile),
    }
}

fn factor(factor: Factor, points: Points, known: bool, why: String, term: &str) -> FactorScore {
    FactorScore {
        factor,
        points,
        coloured: points.is_positive(),
        known,
        why,
        term: term.to_string(),
    }
}

fn unknown(which: Factor, why: &str) -> FactorScore {
    factor(which, Points::ZERO, false, why.to_string(), which.label())
}

fn birthday(pupil: &Pupil, profile: &Profile) -> FactorScore {
    let Some(born) = pupil.date_of_birth else {
        return unknown(Factor::Birthday, "Date of birth not recorded");
    };
    let months = profile.birthday_months_label();
    let date = format_uk_date(born);
    if profile.birthday.months.contains(&born.month()) {
        factor(
            Factor::Birthday,
            profile.birthday.points,
            true,
            format!("Born {date}: summer-born ({months})"),
            "summer-born",
        )
    } else {
        factor(
            Factor::Birthday,
            Points::ZERO,
            true,
            format!("Born {date}: not summer-born ({months})"),
            "birthday",
        )
    }
}

fn sen(pupil: &Pupil, profile: &Profile) -> FactorScore {
    let Some(status) = pupil.sen_status else {
        return unknown(Factor::Sen, "SEN status not recorded");
    };
    let rule = &profile.sen;
    let points = match status {
        SenStatus::NoSen => rule.no_sen,
        SenStatus::SenSupport => rule.sen_support,
        SenStatus::EhcPlan => rule.ehc_plan,
        SenStatus::SchoolAction => rule.school_action,
        SenStatus::SchoolActionPlus => rule.school_action_plus,
        SenStatus::Statement => rule.statement,
    };
    let why = match status {
        SenStatus::NoSen => "No SEN (N)".to_string(),
        other => format!("{} ({})", other.label(), other.code()),
    };
    factor(Factor::Sen, points, true, why, status.label())
}

fn movement(pupil: &Pupil, profile: &Profile, ctx: &ScoringContext) -> FactorScore {
    let rule = &profile.movement;
    if let Some(moves) = pupil.school_moves {
        let plural = if moves == 1 { "" } else { "s" };
        return if moves >= rule.moves_from {
            factor(
                Factor::Movement,
                rule.points,
                true,
                format!("{moves} school move{plural}"),
                "school move",
            )
        } else {
            factor(
                Factor::Movement,
                Points::ZERO,
                true,
                format!("{moves} school move{plural}"),
                "movement",
            )
        };
    }
    if ctx.has_moves_column {
        return unknown(Factor::Movement, "Number of school moves not recorded");
    }
    let Some(entered) = pupil.entry_date else {
        return unknown(
            Factor::Movement,
            "Neither school moves nor date of entry recorded",
        );
    };
    let usual = months_label(&rule.usual_entry_months);
    let date = format_uk_date(entered);
    if rule.usual_entry_months.contains(&entered.month()) {
        factor(
            Factor::Movement,
            Points::ZERO,
            true,
            format!("Joined {date}, in the usual entry months ({usual})"),
            "movement",
        )
    } else {
        factor(
            Factor::Movement,
            rule.points,
            true,
            format!("Joined {date}, outside the usual entry months ({usual}): counted as a move"),
            "joined mid-year",
        )
    }
}

fn looked_after(pupil: &Pupil, profile: &Profile) -> FactorScore {
    match pupil.looked_after {
        None => unknown(Factor::Lac, "Looked-after status not recorded"),
        Some(true) => factor(
            Factor::Lac,
            profile.looked_after.points,
            true,
            "Looked after by the local authority".to_string(),
            "looked after",
        ),
        Some(false) => factor(
            Factor::Lac,
            Points::ZERO,
            true,
            "Not looked after".to_string(),
            "LAC",
        ),
    }
}

/// Language: EAL and (proficiency in the profile's levels, or arrived in England within
/// the profile's number of years, or marked as a new arrival). An EAL pupil whose
/// proficiency is known and not in the levels scores 0 as known (arrival dates are rarely
/// held); one with neither proficiency nor arrival recorded is unknown.
fn language(pupil: &Pupil, profile: &Profile, ctx: &ScoringContext) -> FactorScore {
    let rule = &profile.language;
    let yes = |why: String| factor(Factor::Language, rule.points, true, why, "EAL");
    match pupil.eal {
        None => return unknown(Factor::Language, "EAL not recorded"),
        Some(false) => {
            return factor(
                Factor::Language,
                Points::ZERO,
                true,
                "Not EAL".to_string(),
                "language",
            )
        }
        Some(true) => {}
    }
    if let Some(level) = pupil.eal_proficiency {
        if rule.proficiency.contains(&level.letter()) {
            return yes(format!(
                "EAL, English proficiency {} ({})",
                level.letter(),
                level.label()
            ));
        }
    }
    let years = rule.arrived_within_years;
    if let Some(arrived) = pupil.arrival_date {
        let since = ctx
            .as_of
            .checked_sub_months(Months::new(years.saturating_mul(12)))
            .unwrap_or(NaiveDate::MIN);
        if arrived >= since {
            let plural = if years == 1 { "" } else { "s" };
            return yes(format!(
                "EAL, arrived in England {} (within the last {years} year{plural})",
                format_uk_date(arrived)
            ));
        }
    }
    if pupil.new_arrival == Some(true) {
        return yes("EAL, marked as a new arrival".to_string());
    }
    let mut facts = Vec::new();
    if let Some(level) = pupil.eal_proficiency {
        facts.push(format!(
            "English proficiency {} ({})",
            level.letter(),
            level.label()
        ));
    }
    if let Some(arrived) = pupil.arrival_date {
        facts.push(format!("arrived in England {}", format_uk_date(arrived)));
    }
    if facts.is_empty() {
        return unknown(
            Factor::Language,
            "EAL, but English proficiency and arrival date not recorded",
        );
    }
    factor(
        Factor::Language,
        Points::ZERO,
        true,
        format!("EAL, {}: not new to English", facts.join(", ")),
        "language",
    )
}

/// Deprivation: the IDACI score when there is one, else the band, else the decile. The
/// marker is coloured from the profile's `coloured_from` points.
fn deprivation(pupil: &Pupil, profile: &Profile) -> FactorScore {
    let rule = &profile.deprivation;
    let (points, why, term) = if let Some(score) = pupil.idaci_score {
        let raw = i64::from(score.thousandths()).saturating_mul(rule.score_multiplier.0);
        // Thousandths × thousandths: back to thousandths, rounding half up.
        let product = Points((raw + 500).div_euclid(1000));
        let multiplier = rule.score_multiplier.exact();
        if product > rule.cap {
            (
                rule.cap,
                format!(
                    "IDACI score {score} × {multiplier} = {}, capped at {}",
                    product.exact(),
                    rule.cap.exact()
                ),
                format!("IDACI {score}"),
            )
        } else {
            (
                product,
                format!("IDACI score {score} × {multiplier} = {}", product.exact()),
                format!("IDACI {score}"),
            )
        }
    } else if let Some(band) = pupil.idaci_band {
        let table = &rule.band;
        let points = match band {
            IdaciBand::A => table.A,
            IdaciBand::B => table.B,
            IdaciBand::C => table.C,
            IdaciBand::D => table.D,
            IdaciBand::E => table.E,
            IdaciBand::F => table.F,
            IdaciBand::G => table.G,
        };
        let letter = band.letter();
        (
            points,
            format!("IDACI band {letter}: {} points", points.exact()),
            format!("IDACI band {letter}"),
        )
    } else if let Some(decile) = pupil.idaci_decile {
        let points = usize::from(decile.get())
            .checked_sub(1)
            .and_then(|index| rule.decile.get(index))
            .copied()
            .unwrap_or(Points::ZERO);
        (
            points,
            format!("IDACI decile {}: {} points", decile.get(), points.exact()),
            format!("IDACI decile {}", decile.get()),
        )
    } else {
        return unknown(
            Factor::Deprivation,
            "IDACI score, band and decile not recorded",
        );
    };
    FactorScore {
        factor: Factor::Deprivation,
        points,
        coloured: points >= rule.coloured_from,
        known: true,
        why,
        term,
    }
}

/// The pupil's attendance: as given, or from sessions attended ÷ possible.
pub fn pupil_attendance(pupil: &Pupil) -> Option<Percent> {
    pupil
        .attendance
        .or_else(|| Percent::from_sessions(pupil.sessions_attended?, pupil.sessions_possible?))
}

/// Attendance marker: red at or below the red threshold, amber at or below the amber one.
pub fn attendance_marker(pupil: &Pupil, profile: &Profile) -> MarkerLevel {
    match pupil_attendance(pupil) {
        None => MarkerLevel::Unknown,
        Some(p) if p.hundredths() <= profile.attendance.red_at_or_below => MarkerLevel::Red,
        Some(p) if p.hundredths() <= profile.attendance.amber_at_or_below => MarkerLevel::Amber,
        Some(_) => MarkerLevel::None,
    }
}

/// Exclusions marker: red with a permanent exclusion or many suspensions, amber with
/// some. Suspension sessions without a count are taken as at least one suspension.
pub fn exclusions_marker(pupil: &Pupil, profile: &Profile) -> MarkerLevel {
    let rule = &profile.exclusions;
    if rule.permanent_is_red && pupil.permanent_exclusion == Some(true) {
        return MarkerLevel::Red;
    }
    let count = match (pupil.suspensions, pupil.suspension_sessions) {
        (Some(count), _) => count,
        (None, Some(sessions)) if sessions > 0 => 1,
        _ => return MarkerLevel::Unknown,
    };
    if count >= rule.red_suspensions {
        MarkerLevel::Red
    } else if count >= rule.amber_suspensions {
        MarkerLevel::Amber
    } else {
        MarkerLevel::None
    }
}

/// Why the attendance marker is at its level, in plain English, for the pupil profile:
/// the attendance (and where it came from), the threshold it met and the level, which is
/// always [`attendance_marker`]'s.
pub fn attendance_why(pupil: &Pupil, profile: &Profile) -> String {
    let Some(attendance) = pupil_attendance(pupil) else {
        return "Attendance not recorded".to_string();
    };
    let amber = Percent::from_hundredths(profile.attendance.amber_at_or_below);
    let red = Percent::from_hundredths(profile.attendance.red_at_or_below);
    let source = if pupil.attendance.is_none() {
        " (from sessions attended ÷ possible)"
    } else {
        ""
    };
    match attendance_marker(pupil, profile) {
        MarkerLevel::Red => format!("{attendance}{source}: at or below {red}, so red"),
        MarkerLevel::Amber => {
            format!("{attendance}{source}: at or below {amber}, so amber (persistent absence)")
        }
        MarkerLevel::None | MarkerLevel::Unknown => {
            format!("{attendance}{source}: above {amber}, so not coloured")
        }
    }
}

/// Why the exclusions marker is at its level, in plain English, for the pupil profile:
/// a permanent exclusion, or the suspensions counted against the profile's thresholds.
/// The level is always [`exclusions_marker`]'s.
pub fn exclusions_why(pupil: &Pupil, profile: &Profile) -> String {
    let rule = &profile.exclusions;
    if rule.permanent_is_red && pupil.permanent_exclusion == Some(true) {
        return "Permanently excluded, so red".to_string();
    }
    let count = match (pupil.suspensions, pupil.suspension_sessions) {
        (Some(count), _) => format!("{count} suspension{}", if count == 1 { "" } else { "s" }),
        (None, Some(sessions)) if sessions > 0 => {
            format!("{sessions} sessions of suspension (counted as at least one suspension)")
        }
        _ => return "Suspensions not recorded".to_string(),
    };
    match exclusions_marker(pupil, profile) {
        MarkerLevel::Red => format!(
            "{count} this year: {} or more, so red",
            rule.red_suspensions
        ),
        MarkerLevel::Amber => format!(
            "{count} this year: {} or more, so amber",
            rule.amber_suspensions
        ),
        MarkerLevel::None | MarkerLevel::Unknown => format!("{count} this year, so not coloured"),
    }
}

/// Reads every subject and the pupil overall.
///
/// Current results come first. Prior attainment (a KS2 scaled score in secondary) stands
/// in for a subject only while the pupil has no current result that can be judged in any
/// subject: once teachers' current grades are known, a Year 7 pupil's KS2 reading score is
/// where they started, not where they are.
pub fn attainment(pupil: &Pupil, profile: &Profile) -> AttainmentSummary {
    let judged = |level: AttainmentLevel| {
        matches!(
            level,
            AttainmentLevel::Low | AttainmentLevel::Expected | AttainmentLevel::High
        )
    };
    let read: Vec<(AttainmentLevel, bool)> = pupil
        .attainment
        .iter()
        .map(|subject| subject_level(subject, pupil.year_group, profile))
        .collect();
    let any_current = read.iter().any(|(level, prior)| !prior && judged(*level));
    let subjects: Vec<SubjectLevel> = pupil
        .attainment
        .iter()
        .zip(read)
        .map(|(subject, (level, from_prior))| SubjectLevel {
            subject: subject.subject.clone(),
            level,
            from_prior,
            counted: !(from_prior && any_current),
        })
        .collect();
    let counted: Vec<AttainmentLevel> = subjects
        .iter()
        .filter(|s| s.counted)
        .map(|s| s.level)
        .collect();
    let known: Vec<AttainmentLevel> = counted.iter().copied().filter(|l| judged(*l)).collect();
    let overall = if known.is_empty() {
        if counted.contains(&AttainmentLevel::NoTarget) {
            AttainmentLevel::NoTarget
        } else {
            AttainmentLevel::Unknown
        }
    } else if known.contains(&AttainmentLevel::Low) {
        AttainmentLevel::Low
    } else if known.iter().all(|l| *l == AttainmentLevel::High) {
        AttainmentLevel::High
    } else {
        AttainmentLevel::Expected
    };
    AttainmentSummary { subjects, overall }
}

/// One subject's level and whether it came from prior attainment: its current result
/// (against its target, on the flight path for the pupil's year group), or when the
/// current result can't be judged, its prior attainment.
pub fn subject_level(
    subject: &SubjectAttainment,
    year: Option<YearGroup>,
    profile: &Profile,
) -> (AttainmentLevel, bool) {
    let current = subject
        .current
        .as_deref()
        .map(|text| classify(text, subject.target.as_deref(), year, profile))
        .unwrap_or(AttainmentLevel::Unknown);
    if !matches!(
        current,
        AttainmentLevel::Unknown | AttainmentLevel::NoTarget
    ) {
        return (current, false);
    }
    let prior = subject
        .prior
        .as_deref()
        .map(|text| classify(text, None, year, profile))
        .unwrap_or(AttainmentLevel::Unknown);
    if matches!(prior, AttainmentLevel::Unknown | AttainmentLevel::NoTarget) {
        (current, false)
    } else {
        (prior, true)
    }
}

/// Reads one result: a teacher-assessment code or word from the profile's lists, a KS2
/// scaled score (in the profile's scaled range), or a grade 1–9. Anything else is unknown.
///
/// A grade is judged against the grade expected *now* on the way to the pupil's target
/// (the flight path): expected = target − the profile's lag for `year` (Year 7 2 grades,
/// Year 8 1.5, Year 9 1, Year 10 0.5, Year 11 0). Low when the grade is
/// `grades_below_target_for_low` (default 1) or more below expected, high when
/// `grades_above_target_for_high` or more above. With no target, Years 10 and 11 use the
/// fixed grades (3 and under low, 7 and over high); earlier years are "no target".
pub fn classify(
    result: &str,
    target: Option<&str>,
    year: Option<YearGroup>,
    profile: &Profile,
) -> AttainmentLevel {
    let rule = &profile.attainment;
    let text = normalise(result);
    if text.is_empty() {
        return AttainmentLevel::Unknown;
    }
    let listed = |codes: &[String]| codes.iter().any(|code| normalise(code) == text);
    if listed(&rule.low_codes) {
        return AttainmentLevel::Low;
    }
    if listed(&rule.expected_codes) {
        return AttainmentLevel::Expected;
    }
    if listed(&rule.high_codes) {
        return AttainmentLevel::High;
    }
    let Some(number) = whole_number(&text) else {
        return AttainmentLevel::Unknown;
    };
    if (rule.scaled_min..=rule.scaled_max).contains(&number) {
        return if number < rule.scaled_low_below {
            AttainmentLevel::Low
        } else if number >= rule.scaled_high_from {
            AttainmentLevel::High
        } else {
            AttainmentLevel::Expected
        };
    }
    if !(1..=9).contains(&number) {
        return AttainmentLevel::Unknown;
    }
    let target = target
        .map(normalise)
        .and_then(|t| whole_number(&t))
        .filter(|t| (1..=9).contains(t));
    let Some(target) = target else {
        let key_stage_4 = matches!(year, Some(YearGroup::Year(10 | 11)));
        return if !key_stage_4 {
            AttainmentLevel::NoTarget
        } else if number <= rule.grade_low_at_or_below {
            AttainmentLevel::Low
        } else if number >= rule.grade_high_from {
            AttainmentLevel::High
        } else {
            AttainmentLevel::Expected
        };
    };
    // In thousandths of a grade, so a lag of 1.5 is exact.
    let grade = i64::from(number) * 1000;
    let expected = expected_thousandths(target, year, profile);
    if grade + i64::from(rule.grades_below_target_for_low) * 1000 <= expected {
        AttainmentLevel::Low
    } else if grade >= expected + i64::from(rule.grades_above_target_for_high) * 1000 {
        AttainmentLevel::High
    } else {
        AttainmentLevel::Expected
    }
}

/// The grade expected now on the flight path, as text ("4.5"), for explanations; `None`
/// when the target is not a grade 1–9.
pub fn expected_grade_now(
    target: &str,
    year: Option<YearGroup>,
    profile: &Profile,
) -> Option<String> {
    let target = whole_number(&normalise(target)).filter(|t| (1..=9).contains(t))?;
    let expected = expected_thousandths(target, year, profile);
    Some(Points::from_thousandths(expected.max(0)).exact())
}

/// The grade expected now on the flight path to `target`, in thousandths of a grade.
fn expected_thousandths(target: u32, year: Option<YearGroup>, profile: &Profile) -> i64 {
    i64::from(target) * 1000 - profile.attainment.lag_thousandths(year)
}

/// Lower case with runs of spaces collapsed to one.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A whole number, allowing a trailing sub-grade sign ("4+", "5-", "6=") and a ".0" as
/// spreadsheets write numbers.
fn whole_number(text: &str) -> Option<u32> {
    let text = text.trim_end_matches(['+', '-', '=']).trim();
    let text = text.strip_suffix(".0").unwrap_or(text);
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) || text.len() > 6 {
        return None;
    }
    text.parse().ok()
}

/// Compares two pupils for the shortlist: overall indicator high to low, then attendance
/// low to high (unknown after known), then surname, forename and UPN compared as written
/// (Unicode code-point order; a missing UPN last), then file order.
fn rank_order(a: (usize, &Pupil, &PupilScore), b: (usize, &Pupil, &PupilScore)) -> Ordering {
    let (ia, pa, sa) = a;
    let (ib, pb, sb) = b;
    sb.overall
        .cmp(&sa.overall)
        .then_with(|| match (pupil_attendance(pa), pupil_attendance(pb)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| pa.surname.as_str().cmp(pb.surname.as_str()))
        .then_with(|| pa.forename.as_str().cmp(pb.forename.as_str()))
        .then_with(|| match (&pa.upn, &pb.upn) {
            (Some(x), Some(y)) => x.as_str().cmp(y.as_str()),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| ia.cmp(&ib))
}

/// Every pupil's index, in shortlist rank order (see the shortlist rule in SPEC §5).
/// `pupils` and `scores` are parallel; extra entries in the longer one are ignored.
pub fn rank(pupils: &[Pupil], scores: &[PupilScore]) -> Vec<usize> {
    let count = pupils.len().min(scores.len());
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|&a, &b| rank_order((a, &pupils[a], &scores[a]), (b, &pupils[b], &scores[b])));
    order
}

/// Whether the planner flags a pupil: **amber or red overall, or on the shortlist**. The
/// one definition every page uses (the SEN register check, cohort counts, Help).
pub fn is_flagged(score: &PupilScore, on_shortlist: bool) -> bool {
    score.rag != Rag::Green || on_shortlist
}

/// How many pupils the shortlist holds: ceil(percent × pupils), at least one (none when
/// there are no pupils). `percent_hundredths` is in hundredths of a percent (200 = 2%).
pub fn shortlist_size(pupil_count: usize, percent_hundredths: u32) -> usize {
    if pupil_count == 0 {
        return 0;
    }
    let wanted = (pupil_count as u128 * u128::from(percent_hundredths)).div_ceil(10_000);
    usize::try_from(wanted)
        .unwrap_or(usize::MAX)
        .clamp(1, pupil_count)
}

/// The shortlist: indices of the top pupils by overall indicator, in rank order; the size
/// is the profile's percentage of the pupils (see [`shortlist_size`]) and ties at the
/// cut-off are broken as in [`rank`].
pub fn shortlist(pupils: &[Pupil], scores: &[PupilScore], profile: &Profile) -> Vec<usize> {
    let mut order = rank(pupils, scores);
    order.truncate(shortlist_size(order.len(), profile.shortlist.percent));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::value::{EalProficiency, IdaciDecile, IdaciScore, Upn};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn ctx() -> ScoringContext {
        ScoringContext::new(date(2026, 3, 13))
    }

    /// Scores `pupil` under the universal profile and checks one factor's points (in
    /// thousandths), colour, knownness and reason.
    fn check(pupil: Pupil, which: Factor, expected: (i64, bool, bool, &str)) {
        check_in(pupil, which, &ctx(), expected);
    }

    fn check_in(
        pupil: Pupil,
        which: Factor,
        ctx: &ScoringContext,
        expected: (i64, bool, bool, &str),
    ) {
        let score = score(&pupil, &Profile::universal(), ctx);
        let f = score.factor(which).expect("every factor is scored");
        assert_eq!(
            (f.points.0, f.coloured, f.known, f.why.as_str()),
            expected,
            "{which:?} for {pupil:?}"
        );
    }

    #[test]
    fn birthday_edges() {
        let born = |y, m, d| Pupil {
            date_of_birth: Some(date(y, m, d)),
            ..Pupil::default()
        };
        check(
            born(2016, 3, 31),
            Factor::Birthday,
            (
                0,
                false,
                true,
                "Born 31/03/2016: not summer-born (April–August)",
            ),
        );
        check(
            born(2016, 4, 1),
            Factor::Birthday,
            (
                1000,
                true,
                true,
                "Born 01/04/2016: summer-born (April–August)",
            ),
        );
        check(
            born(2016, 7, 14),
            Factor::Birthday,
            (
                1000,
                true,
                true,
                "Born 14/07/2016: summer-born (April–August)",
            ),
        );
        check(
            born(2016, 8, 31),
            Factor::Birthday,
            (
                1000,
                true,
                true,
                "Born 31/08/2016: summer-born (April–August)",
            ),
        );
        check(
            born(2016, 9, 1),
            Factor::Birthday,
            (
                0,
                false,
                true,
                "Born 01/09/2016: not summer-born (April–August)",
            ),
        );
        check(
            Pupil::default(),
            Factor::Birthday,
            (0, false, false, "Date of birth not recorded"),
        );
    }

    #[test]
    fn sen_codes() {
        let sen = |s| Pupil {
            sen_status: Some(s),
            ..Pupil::default()
        };
        check(
            sen(SenStatus::NoSen),
            Factor::Sen,
            (0, false, true, "No SEN (N)"),
        );
        check(
            sen(SenStatus::SenSupport),
            Factor::Sen,
            (2000, true, true, "SEN support (K)"),
        );
        check(
            sen(SenStatus::SchoolAction),
            Factor::Sen,
            (2000, true, true, "School Action (A)"),
        );
        check(
            sen(SenStatus::SchoolActionPlus),
            Factor::Sen,
            (2000, true, true, "School Action Plus (P)"),
        );
        check(
            sen(SenStatus::EhcPlan),
            Factor::Sen,
            (3000, true, true, "EHC plan (E)"),
        );
        check(
            sen(SenStatus::Statement),
            Factor::Sen,
            (3000, true, true, "Statement (S)"),
        );
        check(
            Pupil::default(),
            Factor::Sen,
            (0, false, false, "SEN status not recorded"),
        );
    }

    #[test]
    fn movement_by_moves_or_entry_date() {
        let moves = |n| Pupil {
            school_moves: Some(n),
            entry_date: Some(date(2025, 11, 20)),
            ..Pupil::default()
        };
        check(
            moves(0),
            Factor::Movement,
            (0, false, true, "0 school moves"),
        );
        check(
            moves(1),
            Factor::Movement,
            (1000, true, true, "1 school move"),
        );
        check(
            moves(3),
            Factor::Movement,
            (1000, true, true, "3 school moves"),
        );
        let entered = |m, d| Pupil {
            entry_date: Some(date(2025, m, d)),
            ..Pupil::default()
        };
        check(
            entered(11, 20),
            Factor::Movement,
            (0, false, false, "Number of school moves not recorded"),
        );
        let no_column = ScoringContext {
            has_moves_column: false,
            ..ctx()
        };
        check_in(
            entered(9, 3),
            Factor::Movement,
            &no_column,
            (
                0,
                false,
                true,
                "Joined 03/09/2025, in the usual entry months (August–September)",
            ),
        );
        check_in(
            entered(8, 31),
            Factor::Movement,
            &no_column,
            (
                0,
                false,
                true,
                "Joined 31/08/2025, in the usual entry months (August–September)",
            ),
        );
        check_in(
            entered(10, 1),
            Factor::Movement,
            &no_column,
            (
                1000,
                true,
                true,
                "Joined 01/10/2025, outside the usual entry months (August–September): counted as a move",
            ),
        );
        check_in(
            Pupil::default(),
            Factor::Movement,
            &no_column,
            (
                0,
                false,
                false,
                "Neither school moves nor date of entry recorded",
            ),
        );
        // A drop's context has a moves column exactly when its mapping has one, even when
        // no pupil has a number in it.
        let drop_with = |columns: Vec<Field>| {
            let plan = crate::core::import::build::ImportPlan {
                sheet: 0,
                header_row: 0,
                headings: Vec::new(),
                mapping: crate::core::import::mapping::ColumnMapping { columns },
            };
            DataDrop::new(date(2026, 3, 13), "pupils.csv", plan, vec![entered(1, 5)])
        };
        let without = ScoringContext::for_drop(&drop_with(vec![Field::Upn, Field::EntryDate]));
        assert_eq!(without, no_column);
        let with = ScoringContext::for_drop(&drop_with(vec![Field::Upn, Field::SchoolMoves]));
        assert_eq!(with, ctx());
    }

    #[test]
    fn looked_after() {
        let lac = |v| Pupil {
            looked_after: v,
            ..Pupil::default()
        };
        check(
            lac(Some(true)),
            Factor::Lac,
            (3000, true, true, "Looked after by the local authority"),
        );
        check(
            lac(Some(false)),
            Factor::Lac,
            (0, false, true, "Not looked after"),
        );
        check(
            lac(None),
            Factor::Lac,
            (0, false, false, "Looked-after status not recorded"),
        );
    }

    #[test]
    fn language_rule() {
        let eal = |eal, level, arrived: Option<NaiveDate>| Pupil {
            eal,
            eal_proficiency: level,
            arrival_date: arrived,
            ..Pupil::default()
        };
        check(
            eal(None, None, None),
            Factor::Language,
            (0, false, false, "EAL not recorded"),
        );
        check(
            eal(Some(false), Some(EalProficiency::A), None),
            Factor::Language,
            (0, false, true, "Not EAL"),
        );
        let a = eal(Some(true), Some(EalProficiency::A), None);
        let b = eal(Some(true), Some(EalProficiency::B), None);
        for pupil in [a, b] {
            let score = score(&pupil, &Profile::universal(), &ctx());
            let f = score.factor(Factor::Language).expect("scored");
            assert_eq!((f.points.0, f.coloured, f.known), (1000, true, true));
        }
        let c = eal(Some(true), Some(EalProficiency::C), None);
        let score_c = score(&c, &Profile::universal(), &ctx());
        let f = score_c.factor(Factor::Language).expect("scored");
        assert_eq!((f.points.0, f.coloured, f.known), (0, false, true));
        assert!(f.why.ends_with(": not new to English"), "{}", f.why);
        // Arrival within two years of 13/03/2026: from 13/03/2024.
        check(
            eal(Some(true), Some(EalProficiency::D), Some(date(2024, 3, 13))),
            Factor::Language,
            (
                1000,
                true,
                true,
                "EAL, arrived in England 13/03/2024 (within the last 2 years)",
            ),
        );
        let old = eal(Some(true), Some(EalProficiency::D), Some(date(2024, 3, 12)));
        let score_old = score(&old, &Profile::universal(), &ctx());
        assert_eq!(
            score_old.factor(Factor::Language).map(|f| f.points),
            Some(Points::ZERO)
        );
        check(
            eal(Some(true), None, None),
            Factor::Language,
            (
                0,
                false,
                false,
                "EAL, but English proficiency and arrival date not recorded",
            ),
        );
        let flagged = Pupil {
            eal: Some(true),
            new_arrival: Some(true),
            ..Pupil::default()
        };
        check(
            flagged,
            Factor::Language,
            (1000, true, true, "EAL, marked as a new arrival"),
        );
    }

    #[test]
    fn deprivation_score_band_decile() {
        let idaci = |t: u16| Pupil {
            idaci_score: Some(IdaciScore::from_thousandths(t)),
            idaci_decile: IdaciDecile::new(10),
            ..Pupil::default()
        };
        check(
            idaci(249),
            Factor::Deprivation,
            (996, false, true, "IDACI score 0.249 × 4 = 0.996"),
        );
        check(
            idaci(250),
            Factor::Deprivation,
            (1000, true, true, "IDACI score 0.250 × 4 = 1"),
        );
        check(
            idaci(412),
            Factor::Deprivation,
            (1648, true, true, "IDACI score 0.412 × 4 = 1.648"),
        );
        check(
            idaci(500),
            Factor::Deprivation,
            (2000, true, true, "IDACI score 0.500 × 4 = 2"),
        );
        check(
            idaci(600),
            Factor::Deprivation,
            (2000, true, true, "IDACI score 0.600 × 4 = 2.4, capped at 2"),
        );
        check(
            idaci(0),
            Factor::Deprivation,
            (0, false, true, "IDACI score 0.000 × 4 = 0"),
        );
        let bands = [
            (IdaciBand::A, 2000, true),
            (IdaciBand::B, 1500, true),
            (IdaciBand::C, 1250, true),
            (IdaciBand::D, 1000, true),
            (IdaciBand::E, 750, false),
            (IdaciBand::F, 500, false),
            (IdaciBand::G, 0, false),
        ];
        for (band, points, coloured) in bands {
            let pupil = Pupil {
                idaci_band: Some(band),
                idaci_decile: IdaciDecile::new(1),
                ..Pupil::default()
            };
            let why = format!(
                "IDACI band {}: {} points",
                band.letter(),
                Points(points).exact()
            );
            check(
                pupil,
                Factor::Deprivation,
                (points, coloured, true, why.as_str()),
            );
        }
        let deciles = [2000, 1500, 1000, 500, 0, 0, 0, 0, 0, 0];
        for (n, points) in (1..=10).zip(deciles) {
            let pupil = Pupil {
                idaci_decile: IdaciDecile::new(n),
                ..Pupil::default()
            };
            let why = format!("IDACI decile {n}: {} points", Points(points).exact());
            check(
                pupil,
                Factor::Deprivation,
                (points, points >= 1000, true, why.as_str()),
            );
        }
        check(
            Pupil::default(),
            Factor::Deprivation,
            (0, false, false, "IDACI score, band and decile not recorded"),
        );
    }

    fn with_overall(thousandths: i64) -> Rag {
        Rag::of(Points(thousandths), &Profile::universal())
    }

    #[test]
    fn rag_edges() {
        assert_eq!(with_overall(0), Rag::Green);
        assert_eq!(with_overall(1999), Rag::Green);
        assert_eq!(with_overall(2000), Rag::Amber);
        assert_eq!(with_overall(3999), Rag::Amber);
        assert_eq!(with_overall(4000), Rag::Red);
        assert_eq!(with_overall(13000), Rag::Red);
        assert_eq!(
            (Rag::Red.label(), Rag::Green.label(), Rag::Amber.label()),
            ("Red", "Green", "Amber")
        );
        assert_ne!(Rag::Red.symbol(), Rag::Amber.symbol());
    }

    #[test]
    fn overall_and_explanation() {
        let pupil = Pupil {
            date_of_birth: Some(date(2016, 7, 14)),
            sen_status: Some(SenStatus::SenSupport),
            idaci_score: Some(IdaciScore::from_thousandths(412)),
            looked_after: Some(false),
            ..Pupil::default()
        };
        let score = score(&pupil, &Profile::universal(), &ctx());
        assert_eq!(score.overall, Points(4648));
        assert_eq!(score.rag, Rag::Red);
        assert_eq!(
            score.explanation(),
            "summer-born (1) + SEN support (2) + IDACI 0.412 (1.648) = 4.6"
        );
        let nobody = super::score(&Pupil::default(), &Profile::universal(), &ctx());
        assert_eq!(nobody.explanation(), "No factors = 0.0");
        assert!(nobody.factors.iter().all(|f| !f.known));
        assert_eq!(nobody.factors.len(), 6);
    }

    #[test]
    fn attendance_and_exclusion_markers() {
        let profile = Profile::universal();
        let att = |h| {
            attendance_marker(
                &Pupil {
                    attendance: Some(Percent::from_hundredths(h)),
                    ..Pupil::default()
                },
                &profile,
            )
        };
        assert_eq!(att(9001), MarkerLevel::None);
        assert_eq!(att(9000), MarkerLevel::Amber);
        assert_eq!(att(5001), MarkerLevel::Amber);
        assert_eq!(att(5000), MarkerLevel::Red);
        assert_eq!(
            attendance_marker(&Pupil::default(), &profile),
            MarkerLevel::Unknown
        );
        let sessions = Pupil {
            sessions_possible: Some(200),
            sessions_attended: Some(180),
            ..Pupil::default()
        };
        assert_eq!(attendance_marker(&sessions, &profile), MarkerLevel::Amber);

        let exc = |count: Option<u32>, permanent: Option<bool>| {
            exclusions_marker(
                &Pupil {
                    suspensions: count,
                    permanent_exclusion: permanent,
                    ..Pupil::default()
                },
                &profile,
            )
        };
        assert_eq!(exc(Some(0), Some(false)), MarkerLevel::None);
        assert_eq!(exc(Some(1), None), MarkerLevel::Amber);
        assert_eq!(exc(Some(2), Some(false)), MarkerLevel::Amber);
        assert_eq!(exc(Some(3), Some(false)), MarkerLevel::Red);
        assert_eq!(exc(Some(0), Some(true)), MarkerLevel::Red);
        assert_eq!(exc(None, Some(true)), MarkerLevel::Red);
        assert_eq!(exc(None, Some(false)), MarkerLevel::Unknown);
        assert_eq!(exc(None, None), MarkerLevel::Unknown);
    }

    /// Checks the attendance marker's level and why for `pupil` under the universal
    /// profile.
    fn check_attendance(pupil: Pupil, expected: (MarkerLevel, &str)) {
        let profile = Profile::universal();
        assert_eq!(
            (
                attendance_marker(&pupil, &profile),
                attendance_why(&pupil, &profile).as_str()
            ),
            expected,
            "{pupil:?}"
        );
    }

    /// Checks the exclusions marker's level and why for `pupil` under the universal
    /// profile.
    fn check_exclusions(pupil: Pupil, expected: (MarkerLevel, &str)) {
        let profile = Profile::universal();
        assert_eq!(
            (
                exclusions_marker(&pupil, &profile),
                exclusions_why(&pupil, &profile).as_str()
            ),
            expected,
            "{pupil:?}"
        );
    }

    #[test]
    fn attendance_why_for_each_level() {
        let attending = |h| Pupil {
            attendance: Some(Percent::from_hundredths(h)),
            ..Pupil::default()
        };
        check_attendance(
            attending(9001),
            (MarkerLevel::None, "90.01%: above 90%, so not coloured"),
        );
        check_attendance(
            attending(9000),
            (
                MarkerLevel::Amber,
                "90%: at or below 90%, so amber (persistent absence)",
            ),
        );
        check_attendance(
            attending(5000),
            (MarkerLevel::Red, "50%: at or below 50%, so red"),
        );
        check_attendance(
            Pupil::default(),
            (MarkerLevel::Unknown, "Attendance not recorded"),
        );
        check_attendance(
            Pupil {
                sessions_possible: Some(200),
                sessions_attended: Some(180),
                ..Pupil::default()
            },
            (
                MarkerLevel::Amber,
                "90% (from sessions attended ÷ possible): at or below 90%, so amber (persistent absence)",
            ),
        );
    }

    #[test]
    fn attendance_why_follows_the_profile() {
        let mut profile = Profile::universal();
        profile.attendance.amber_at_or_below = 9500;
        let pupil = Pupil {
            attendance: Some(Percent::from_hundredths(9250)),
            ..Pupil::default()
        };
        assert_eq!(attendance_marker(&pupil, &profile), MarkerLevel::Amber);
        assert_eq!(
            attendance_why(&pupil, &profile),
            "92.5%: at or below 95%, so amber (persistent absence)"
        );
    }

    #[test]
    fn exclusions_why_for_each_level() {
        let suspended =
            |count: Option<u32>, sessions: Option<u32>, permanent: Option<bool>| Pupil {
                suspensions: count,
                suspension_sessions: sessions,
                permanent_exclusion: permanent,
                ..Pupil::default()
            };
        check_exclusions(
            suspended(Some(0), None, Some(false)),
            (
                MarkerLevel::None,
                "0 suspensions this year, so not coloured",
            ),
        );
        check_exclusions(
            suspended(Some(1), None, None),
            (
                MarkerLevel::Amber,
                "1 suspension this year: 1 or more, so amber",
            ),
        );
        check_exclusions(
            suspended(Some(3), None, Some(false)),
            (
                MarkerLevel::Red,
                "3 suspensions this year: 3 or more, so red",
            ),
        );
        check_exclusions(
            suspended(None, Some(4), None),
            (
                MarkerLevel::Amber,
                "4 sessions of suspension (counted as at least one suspension) this year: 1 or more, so amber",
            ),
        );
        check_exclusions(
            suspended(Some(0), None, Some(true)),
            (MarkerLevel::Red, "Permanently excluded, so red"),
        );
        check_exclusions(
            suspended(None, None, None),
            (MarkerLevel::Unknown, "Suspensions not recorded"),
        );
        check_exclusions(
            suspended(None, Some(0), Some(false)),
            (MarkerLevel::Unknown, "Suspensions not recorded"),
        );
    }

    #[test]
    fn attainment_codes_scores_and_grades() {
        let profile = Profile::universal();
        // Year 11: the flight path's lag is 0, so a grade is judged against the target.
        let y11 = Some(YearGroup::Year(11));
        let level = |current: &str, target: Option<&str>| classify(current, target, y11, &profile);
        use AttainmentLevel::*;
        for code in [
            "BLW",
            "PKF",
            "pk1",
            "PK6",
            "HNM",
            "WTS",
            "Emerging",
            "working  towards",
        ] {
            assert_eq!(level(code, None), Low, "{code}");
        }
        for code in ["EXS", "Expected", " expected "] {
            assert_eq!(level(code, None), Expected, "{code}");
        }
        for code in ["GDS", "Exceeding", "Greater Depth"] {
            assert_eq!(level(code, None), High, "{code}");
        }
        assert_eq!(level("99", None), Low);
        assert_eq!(level("100", None), Expected);
        assert_eq!(level("109", None), Expected);
        assert_eq!(level("110", None), High);
        assert_eq!(level("80", None), Low);
        assert_eq!(level("121", None), Unknown);
        assert_eq!(level("A", None), Unknown);
        assert_eq!(level("M", None), Unknown);
        assert_eq!(level("", None), Unknown);
        assert_eq!(level("4", Some("5")), Low);
        assert_eq!(level("5", Some("5")), Expected);
        assert_eq!(level("6", Some("5")), High);
        assert_eq!(level("2", Some("1")), High);
        assert_eq!(level("3", None), Low);
        assert_eq!(level("4", None), Expected);
        assert_eq!(level("6", Some("")), Expected);
        assert_eq!(level("7", None), High);
        assert_eq!(level("4+", Some("4")), Expected);
        assert_eq!(level("0", None), Unknown);
        let mut lenient = Profile::universal();
        lenient.attainment.grades_below_target_for_low = 2;
        lenient.attainment.grades_above_target_for_high = 2;
        assert_eq!(classify("4", Some("5"), y11, &lenient), Expected);
        assert_eq!(classify("3", Some("5"), y11, &lenient), Low);
        assert_eq!(classify("6", Some("5"), y11, &lenient), Expected);
        assert_eq!(classify("7", Some("5"), y11, &lenient), High);
    }

    #[test]
    fn grades_are_judged_on_the_flight_path_to_the_target() {
        let profile = Profile::universal();
        let year = |n| Some(YearGroup::Year(n));
        use AttainmentLevel::*;
        // Year 7, target 6: expected now 4 (2 grades behind).
        assert_eq!(classify("4", Some("6"), year(7), &profile), Expected);
        assert_eq!(classify("3", Some("6"), year(7), &profile), Low);
        assert_eq!(classify("5", Some("6"), year(7), &profile), High);
        // Year 8, target 6: expected 4.5. A grade or more below is 3.5 or under.
        assert_eq!(classify("3", Some("6"), year(8), &profile), Low);
        assert_eq!(classify("4", Some("6"), year(8), &profile), Expected);
        assert_eq!(classify("5", Some("6"), year(8), &profile), Expected);
        assert_eq!(classify("6", Some("6"), year(8), &profile), High);
        // Year 9, target 6: expected 5; Year 10: 5.5; Year 11: 6.
        assert_eq!(classify("4", Some("6"), year(9), &profile), Low);
        assert_eq!(classify("6", Some("6"), year(9), &profile), High);
        assert_eq!(classify("5", Some("6"), year(10), &profile), Expected);
        assert_eq!(classify("4", Some("6"), year(10), &profile), Low);
        assert_eq!(classify("5", Some("6"), year(11), &profile), Low);
        // No target: Years 10–11 keep the fixed grades; earlier years say "no target".
        assert_eq!(classify("3", None, year(10), &profile), Low);
        assert_eq!(classify("7", None, year(11), &profile), High);
        assert_eq!(classify("3", None, year(7), &profile), NoTarget);
        assert_eq!(classify("3", None, None, &profile), NoTarget);
        assert_eq!(classify("3", Some("U"), year(9), &profile), NoTarget);
        // Scaled scores and codes are not grades and need no target.
        assert_eq!(classify("95", None, year(7), &profile), Low);
        assert_eq!(classify("WTS", None, year(7), &profile), Low);
        // The lag is the profile's: a school can change it.
        let mut edited = Profile::universal();
        edited.attainment.flight_path = vec![crate::core::profile::FlightPathStep {
            year: 7,
            grades_below_target: Points::from_thousandths(3000),
        }];
        assert_eq!(classify("3", Some("6"), year(7), &edited), Expected);
        assert_eq!(classify("3", Some("6"), year(8), &edited), Low);
        assert_eq!(
            expected_grade_now("6", year(8), &profile).as_deref(),
            Some("4.5")
        );
        assert_eq!(expected_grade_now("x", year(8), &profile), None);
    }

    #[test]
    fn a_pupil_with_only_untargeted_key_stage_3_grades_is_no_target_not_low() {
        let profile = Profile::universal();
        let pupil = |year: u8, prior: Option<&str>| Pupil {
            year_group: Some(YearGroup::Year(year)),
            attainment: vec![SubjectAttainment {
                subject: "Maths".into(),
                current: Some("3".into()),
                target: None,
                prior: prior.map(Into::into),
            }],
            ..Pupil::default()
        };
        assert_eq!(
            attainment(&pupil(8, None), &profile).overall,
            AttainmentLevel::NoTarget
        );
        assert_eq!(
            attainment(&pupil(11, None), &profile).overall,
            AttainmentLevel::Low
        );
        // With no target, a readable prior result decides.
        assert_eq!(
            attainment(&pupil(8, Some("112")), &profile).overall,
            AttainmentLevel::High
        );
    }

    #[test]
    fn prior_attainment_counts_only_while_no_current_result_can_be_judged() {
        let profile = Profile::universal();
        let subject =
            |name: &str, current: Option<&str>, target: Option<&str>, prior: Option<&str>| {
                SubjectAttainment {
                    subject: name.into(),
                    current: current.map(Into::into),
                    target: target.map(Into::into),
                    prior: prior.map(Into::into),
                }
            };
        let year7 = |subjects| Pupil {
            year_group: Some(YearGroup::Year(7)),
            attainment: subjects,
            ..Pupil::default()
        };
        // English on track (4 against a target of 6 in Year 7); Reading has only a KS2
        // score of 95: where the pupil started, not counted while English is known.
        let summary = attainment(
            &year7(vec![
                subject("English", Some("4"), Some("6"), None),
                subject("Reading", None, None, Some("95")),
            ]),
            &profile,
        );
        assert_eq!(summary.overall, AttainmentLevel::Expected);
        assert_eq!(
            (
                summary.subjects[1].level,
                summary.subjects[1].from_prior,
                summary.subjects[1].counted
            ),
            (AttainmentLevel::Low, true, false)
        );
        // With no current result at all, the prior result is all there is, and counts.
        let summary = attainment(
            &year7(vec![subject("Reading", None, None, Some("95"))]),
            &profile,
        );
        assert_eq!(summary.overall, AttainmentLevel::Low);
        assert!(summary.subjects[0].counted);
    }

    #[test]
    fn attainment_summary_overall() {
        let profile = Profile::universal();
        let subject = |current: Option<&str>, prior: Option<&str>| SubjectAttainment {
            subject: "Maths".into(),
            current: current.map(Into::into),
            target: None,
            prior: prior.map(Into::into),
        };
        let overall = |subjects: Vec<SubjectAttainment>| {
            attainment(
                &Pupil {
                    attainment: subjects,
                    ..Pupil::default()
                },
                &profile,
            )
            .overall
        };
        use AttainmentLevel::*;
        assert_eq!(overall(vec![]), Unknown);
        assert_eq!(overall(vec![subject(Some("A"), None)]), Unknown);
        assert_eq!(
            overall(vec![subject(Some("GDS"), None), subject(Some("WTS"), None)]),
            Low
        );
        assert_eq!(
            overall(vec![subject(Some("GDS"), None), subject(Some("110"), None)]),
            High
        );
        assert_eq!(
            overall(vec![subject(Some("GDS"), None), subject(Some("EXS"), None)]),
            Expected
        );
        assert_eq!(
            overall(vec![subject(Some("GDS"), None), subject(None, None)]),
            High
        );
        assert_eq!(overall(vec![subject(None, Some("95"))]), Low);
        assert_eq!(overall(vec![subject(Some("EXS"), Some("95"))]), Expected);
    }

    fn tie_pupil(
        surname: &str,
        forename: &str,
        upn: Option<&str>,
        attendance: Option<u32>,
    ) -> Pupil {
        Pupil {
            surname: surname.into(),
            forename: forename.into(),
            upn: upn.and_then(|u| Upn::parse(u).ok()),
            attendance: attendance.map(Percent::from_hundredths),
            sen_status: Some(SenStatus::SenSupport),
            ..Pupil::default()
        }
    }

    /// Ranks the pupils (all scoring 2 points apart from those given extra SEN) and
    /// returns the shortlisted surnames and forenames.
    fn check_shortlist(pupils: Vec<Pupil>, percent: u32, expected: &[&str]) {
        let mut profile = Profile::universal();
        profile.shortlist.percent = percent;
        let scores = score_all(&pupils, &profile, &ctx());
        let names: Vec<String> = shortlist(&pupils, &scores, &profile)
            .into_iter()
            .map(|i| format!("{} {}", pupils[i].forename, pupils[i].surname))
            .collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn shortlist_size_rounds_up_and_keeps_one() {
        assert_eq!(shortlist_size(0, 200), 0);
        assert_eq!(shortlist_size(1, 200), 1);
        assert_eq!(shortlist_size(49, 200), 1);
        assert_eq!(shortlist_size(50, 200), 1);
        assert_eq!(shortlist_size(51, 200), 2);
        assert_eq!(shortlist_size(210, 200), 5);
        assert_eq!(shortlist_size(1200, 200), 24);
        assert_eq!(shortlist_size(1201, 200), 25);
        assert_eq!(shortlist_size(7, 10_000), 7);
        assert_eq!(shortlist_size(10, 10), 1);
    }

    #[test]
    fn shortlist_ties_broken_by_attendance_then_names_then_upn() {
        let mut top = tie_pupil("Zed", "Top", None, Some(9900));
        top.sen_status = Some(SenStatus::EhcPlan);
        // Lower attendance first; unknown attendance after known.
        check_shortlist(
            vec![
                tie_pupil("A", "Unknown", None, None),
                tie_pupil("B", "High", None, Some(9500)),
                top.clone(),
                tie_pupil("C", "Low", None, Some(8000)),
            ],
            5000,
            &["Top Zed", "Low C"],
        );
        check_shortlist(
            vec![
                tie_pupil("A", "Unknown", None, None),
                tie_pupil("B", "High", None, Some(9500)),
            ],
            10_000,
            &["High B", "Unknown A"],
        );
        // Same attendance: surname, then forename, in code-point order (upper case before
        // lower case, accented letters after z).
        check_shortlist(
            vec![
                tie_pupil("Émile", "A", None, Some(9000)),
                tie_pupil("zed", "A", None, Some(9000)),
                tie_pupil("Zed", "B", None, Some(9000)),
                tie_pupil("Zed", "A", None, Some(9000)),
            ],
            10_000,
            &["A Zed", "B Zed", "A zed", "A Émile"],
        );
        // Same names: UPN as written; a missing UPN last.
        check_shortlist(
            vec![
                tie_pupil("Smith", "Sam", None, Some(9000)),
                tie_pupil("Smith", "Sam", Some("W373210125361"), Some(9000)),
                tie_pupil("Smith", "Sam", Some("D373210124708"), Some(9000)),
            ],
            10_000,
            &["Sam Smith", "Sam Smith", "Sam Smith"],
        );
        let pupils = vec![
            tie_pupil("Smith", "Sam", None, Some(9000)),
            tie_pupil("Smith", "Sam", Some("W373210125361"), Some(9000)),
            tie_pupil("Smith", "Sam", Some("D373210124708"), Some(9000)),
        ];
        let scores = score_all(&pupils, &Profile::universal(), &ctx());
        assert_eq!(rank(&pupils, &scores), vec![2, 1, 0]);
        assert_eq!(shortlist(&pupils, &scores, &Profile::universal()), vec![2]);
    }

    #[test]
    fn shortlist_handles_empty_and_mismatched_inputs() {
        let profile = Profile::universal();
        assert!(shortlist(&[], &[], &profile).is_empty());
        let pupils = vec![Pupil::default(), Pupil::default()];
        let scores = score_all(&pupils[..1], &profile, &ctx());
        assert_eq!(shortlist(&pupils, &scores, &profile), vec![0]);
    }

    #[test]
    fn rag_totals_count_each_rating() {
        let profile = Profile::universal();
        let pupils = vec![
            tie_pupil("A", "A", None, None),
            Pupil::default(),
            Pupil {
                looked_after: Some(true),
                sen_status: Some(SenStatus::SenSupport),
                ..Pupil::default()
            },
        ];
        let totals = rag_totals(&score_all(&pupils, &profile, &ctx()));
        assert_eq!(
            totals,
            RagTotals {
                green: 1,
                amber: 1,
                red: 1
            }
        );
        assert_eq!(totals.total(), 3);
    }
}
