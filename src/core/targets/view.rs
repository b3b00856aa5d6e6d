//! The **Targets** table as data (SPEC §8.3): a row per target with every column in
//! words, in the order the page (and the workbook's Targets sheet) lists them — each target
//! followed by the year-group parts it was broken down into —, and a measured target's
//! figure at every data drop. The figures and the suggested status are
//! [`measure`](super::measure)'s; this only puts them in rows and words, so the page and
//! the export say the same thing.

use super::draft::{read_figure, TargetDraft};
use super::measure::{effective_status, latest, suggest_status, Measuring, TargetValue};
use super::{Target, TargetBook, TargetId, TargetLevel, TargetMeasure, TargetStatus};
use crate::core::cohort::Cohort;
use crate::core::provision::measure::MeasureValue;
use crate::core::tracking::timeline::Period;
use crate::core::value::{format_uk_date, parse_date, YearGroup};
use chrono::NaiveDate;

/// What the table says where there is nothing to say (no measure, no date).
pub const NONE_TEXT: &str = "—";

/// The four levels a target is set at, for the level filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LevelKind {
    WholeSchool,
    YearGroup,
    Group,
    Pupil,
}

impl LevelKind {
    pub const ALL: [LevelKind; 4] = [
        LevelKind::WholeSchool,
        LevelKind::YearGroup,
        LevelKind::Group,
        LevelKind::Pupil,
    ];

    /// Its name on screen: "Whole school", "Year group", "Group", "Pupil".
    pub fn label(self) -> &'static str {
        match self {
            LevelKind::WholeSchool => "Whole school",
            LevelKind::YearGroup => "Year group",
            LevelKind::Group => "Group",
            LevelKind::Pupil => "Pupil",
        }
    }

    /// The level a target is set at (a group's part for one year group is a group's).
    pub fn of(level: &TargetLevel) -> LevelKind {
        match level {
            TargetLevel::WholeSchool => LevelKind::WholeSchool,
            TargetLevel::YearGroup(_) => LevelKind::YearGroup,
            TargetLevel::Group { .. } => LevelKind::Group,
            TargetLevel::Pupil(_) => LevelKind::Pupil,
        }
    }
}

/// A measured target's figure at one data drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPoint {
    /// The drop ("Autumn 2025/26").
    pub period: Period,
    /// The figure as the screen writes it ("96.5%", "12 pupils", "4.25"), or why there is
    /// none ("No pupils in Year 7 at this drop").
    pub text: String,
    /// The figure, when there is one.
    pub value: Option<MeasureValue>,
    /// How many pupils the figure is worked out from, when there is one.
    pub pupils: Option<usize>,
}

/// One row of the Targets table.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    pub id: TargetId,
    /// The target this one is a year group's part of (shown indented under it).
    pub part_of: Option<TargetId>,
    /// The level, for the filter.
    pub level: LevelKind,
    /// Who it is for: "Whole school", "Year 4", "Disadvantaged", "Disadvantaged in Year 4",
    /// a cohort's name, a pupil's name.
    pub who: String,
    pub description: String,
    /// What it measures ("Attendance %"), when it measures something.
    pub measure: Option<String>,
    /// The baseline and the drop it was taken from: "95.2% (Autumn 2025/26)".
    pub baseline: String,
    /// The latest drop's figure, or why there is none.
    pub latest: String,
    /// The target value as the measure writes it.
    pub target: String,
    /// By when, dd/mm/yyyy.
    pub by: String,
    pub owner: String,
    /// The review date, dd/mm/yyyy.
    pub review: String,
    /// The status shown: staff's choice, else the suggestion, else Not started.
    pub status: TargetStatus,
    /// What the planner suggests from the latest figure, if anything.
    pub suggested: Option<TargetStatus>,
    /// The status in words: "At risk", or "On track (suggested)" when it is the planner's.
    pub status_text: String,
    /// Whether it can be broken down by year group: a whole-school or group target for
    /// every year group, not itself a part (breaking down again adds only year groups
    /// new since).
    pub can_break_down: bool,
    /// Its figure at every drop, oldest first (empty without a measure).
    pub series: Vec<SeriesPoint>,
    pub notes: String,
}

/// The status in words: staff's choice as it is, the planner's with "(suggested)".
pub fn status_text(target: &Target, suggested: Option<TargetStatus>) -> String {
    match (target.status, suggested) {
        (Some(chosen), _) => chosen.label().to_string(),
        (None, Some(suggested)) => format!("{} (suggested)", suggested.label()),
        (None, None) => TargetStatus::NotStarted.label().to_string(),
    }
}

/// Who a target is for: its level's label, with a pupil named by `name` (their pupil key
/// in, the name to show out: initials in privacy display mode, the full name in an
/// export).
pub fn who(level: &TargetLevel, cohorts: &[Cohort], name: &dyn Fn(&str) -> String) -> String {
    match level {
        TargetLevel::Pupil(key) => name(key),
        other => other.label(cohorts),
    }
}

/// A figure, or the sentence saying why there is none, as a [`SeriesPoint`].
fn point(period: Period, value: &TargetValue, measure: &TargetMeasure) -> SeriesPoint {
    let pupils = match value {
        TargetValue::Measured { pupils, .. } => Some(*pupils),
        _ => None,
    };
    SeriesPoint {
        period,
        text: value.sentence(measure),
        value: value.value(),
        pupils,
    }
}

/// A value as the measure writes it, or "—".
fn shown(measure: Option<&TargetMeasure>, value: Option<MeasureValue>) -> String {
    match (measure, value) {
        (Some(measure), Some(value)) => measure.show(value),
        (None, Some(value)) => value.to_string(),
        _ => NONE_TEXT.to_string(),
    }
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| NONE_TEXT.to_string(), format_uk_date)
}

/// The target's row: its figure at every drop in `measuring` (none held: no figures) and
/// the status that suggests as of `today`.
pub fn target_row(
    target: &Target,
    measuring: Option<&Measuring<'_>>,
    today: NaiveDate,
    name: &dyn Fn(&str) -> String,
) -> TargetRow {
    let cohorts = measuring.map_or(&[][..], |m| m.cohorts);
    let measure = target.measure.as_ref();
    let values = measuring.map_or_else(Vec::new, |m| m.series(target));
    let suggested = suggest_status(target, latest(&values), target.baseline_on(), today);
    let series: Vec<SeriesPoint> = match measure {
        Some(measure) => values
            .iter()
            .map(|(period, value)| point(*period, value, measure))
            .collect(),
        None => Vec::new(),
    };
    let latest_text = match (measure, series.last()) {
        (Some(_), Some(last)) => last.text.clone(),
        (Some(_), None) => "No data drop yet".to_string(),
        (None, _) => NONE_TEXT.to_string(),
    };
    let baseline = match (shown(measure, target.baseline), target.baseline_from) {
        (text, _) if text == NONE_TEXT => text,
        (text, Some(from)) => format!("{text} ({from})"),
        (text, None) => text,
    };
    let whole = matches!(
        target.level,
        TargetLevel::WholeSchool | TargetLevel::Group { year: None, .. }
    );
    TargetRow {
        id: target.id,
        part_of: target.part_of,
        level: LevelKind::of(&target.level),
        who: who(&target.level, cohorts, name),
        description: target.description.clone(),
        measure: measure.map(TargetMeasure::label),
        baseline,
        latest: latest_text,
        target: shown(measure, target.target_value),
        by: date_text(target.by),
        owner: target.owner.clone(),
        review: date_text(target.review_on),
        status: effective_status(target, suggested),
        suggested,
        status_text: status_text(target, suggested),
        can_break_down: whole && target.part_of.is_none(),
        series,
        notes: target.notes.clone(),
    }
}

/// Every target's row, each followed by its parts (a part whose target is gone stands on
/// its own where it was added).
pub fn target_rows(
    book: &TargetBook,
    measuring: Option<&Measuring<'_>>,
    today: NaiveDate,
    name: &dyn Fn(&str) -> String,
) -> Vec<TargetRow> {
    let exists = |id: TargetId| book.targets.iter().any(|t| t.id == id);
    let mut rows = Vec::with_capacity(book.targets.len());
    for target in &book.targets {
        if target.part_of.is_some_and(exists) {
            continue;
        }
        rows.push(target_row(target, measuring, today, name));
        for part in book.targets.iter().filter(|t| t.part_of == Some(target.id)) {
            rows.push(target_row(part, measuring, today, name));
        }
    }
    rows
}

/// The status the planner would suggest for the form as typed so far (for its
/// "Suggested: …" choice): the figures and by date read as the form reads them, anything
/// not yet readable left out, as of `today`.
pub fn draft_suggestion(
    draft: &TargetDraft,
    measuring: &Measuring<'_>,
    today: NaiveDate,
) -> Option<TargetStatus> {
    let measure = draft.measure.as_ref();
    let figure = |text: &str| read_figure(measure, text).ok().flatten();
    let target = Target {
        measure: draft.measure.clone(),
        baseline: figure(&draft.baseline),
        baseline_from: draft.baseline_from,
        target_value: figure(&draft.target_value),
        by: parse_date(&draft.by).ok().flatten(),
        ..Target::new(draft.id.unwrap_or(TargetId(0)), draft.level.clone(), "")
    };
    let series = measuring.series(&target);
    suggest_status(&target, latest(&series), target.baseline_on(), today)
}

/// The name of a saved cohort of one year group's pupils off trajectory: "Off trajectory
/// in Maths · Year 5 · Spring 2025/26" (or "in any subject"; "Year group not recorded"
/// for pupils without one).
pub fn off_trajectory_cohort_name(
    subject: Option<&str>,
    year: Option<YearGroup>,
    period: Period,
) -> String {
    let subject = subject.map_or_else(|| "any subject".to_string(), |s| s.trim().to_string());
    let year = year.map_or_else(|| "Year group not recorded".to_string(), |y| y.label());
    format!("Off trajectory in {subject} · {year} · {period}")
}

/// What the table is filtered by: a level and a status (`None`: all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TargetFilter {
    pub level: Option<LevelKind>,
    pub status: Option<TargetStatus>,
}

impl TargetFilter {
    /// Whether a row is shown: its level and its status (as shown, staff's or the
    /// suggestion) are the ones chosen.
    pub fn shows(&self, row: &TargetRow) -> bool {
        self.level.is_none_or(|level| row.level == level)
            && self.status.is_none_or(|status| row.status == status)
    }
}

/// The value axis of a target's chart: from just under the lowest of its figures, its
/// baseline and its target value to just over the highest, in steps of 5 for percentages
/// (never below 0 or over 100), whole grades 1 to 9 for a grade, 0 up for a count.
pub fn chart_axis(target: &Target, series: &[SeriesPoint]) -> (f64, f64) {
    let Some(measure) = &target.measure else {
        return (0.0, 100.0);
    };
    let values: Vec<f64> = series
        .iter()
        .filter_map(|p| p.value)
        .chain(target.baseline)
        .chain(target.target_value)
        .map(|v| v.as_f64())
        .collect();
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if values.is_empty() {
        let (min, max) = measure.range();
        return (min.as_f64(), max.map_or(10.0, |m| m.as_f64()));
    }
    if measure.is_count() {
        return (0.0, (high * 1.2).ceil().max(high + 1.0));
    }
    if matches!(measure, TargetMeasure::MeanGrade { .. }) {
        return ((low.floor() - 1.0).max(1.0), (high.ceil() + 1.0).min(9.0));
    }
    let low = ((low / 5.0).floor() * 5.0 - 5.0).max(0.0);
    let high = ((high / 5.0).ceil() * 5.0 + 5.0).min(100.0);
    (low, high.max(low + 5.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::Term;
    use crate::core::targets::test_support::period;
    use crate::core::tracking::trends::StandardGroup;
    use crate::core::value::YearGroup;

    fn value(text: &str) -> MeasureValue {
        MeasureValue::parse(text).expect("reads").expect("a value")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn target(id: u32, level: TargetLevel, measure: Option<TargetMeasure>) -> Target {
        Target {
            measure,
            ..Target::new(TargetId(id), level, format!("Target {id}"))
        }
    }

    fn name(key: &str) -> String {
        format!("Pupil {key}")
    }

    #[test]
    fn a_row_says_every_column_in_words() {
        let mut t = target(
            1,
            TargetLevel::Group {
                group: crate::core::targets::TargetGroup::Standard(StandardGroup::Disadvantaged),
                year: None,
            },
            Some(TargetMeasure::Attendance),
        );
        t.baseline = Some(value("93.25"));
        t.baseline_from = Some(period(2025, Term::Autumn));
        t.target_value = Some(value("95"));
        t.by = Some(date(2026, 7, 17));
        t.review_on = Some(date(2026, 3, 31));
        t.owner = "Attendance lead".into();
        let row = target_row(&t, None, date(2026, 1, 5), &name);
        assert_eq!(row.who, "Disadvantaged");
        assert_eq!(row.level, LevelKind::Group);
        assert_eq!(row.measure.as_deref(), Some("Attendance %"));
        assert_eq!(row.baseline, "93.3% (Autumn 2025/26)");
        assert_eq!(row.target, "95.0%");
        assert_eq!(row.by, "17/07/2026");
        assert_eq!(row.review, "31/03/2026");
        assert_eq!(row.latest, "No data drop yet");
        // Nothing measured yet: nothing suggested, so Not started.
        assert_eq!(row.status, TargetStatus::NotStarted);
        assert_eq!(row.status_text, "Not started");
        assert!(row.can_break_down);
    }

    #[test]
    fn staff_status_is_shown_as_it_is_and_a_suggestion_says_so() {
        let mut t = target(1, TargetLevel::WholeSchool, None);
        assert_eq!(
            status_text(&t, Some(TargetStatus::OnTrack)),
            "On track (suggested)"
        );
        t.status = Some(TargetStatus::Missed);
        assert_eq!(status_text(&t, Some(TargetStatus::OnTrack)), "Missed");
        t.status = None;
        assert_eq!(status_text(&t, None), "Not started");
    }

    #[test]
    fn parts_follow_their_target_and_only_whole_targets_break_down() {
        let school = target(1, TargetLevel::WholeSchool, None);
        let pupil = target(2, TargetLevel::Pupil("K1".into()), None);
        let mut part = target(3, TargetLevel::YearGroup(YearGroup::Year(4)), None);
        part.part_of = Some(TargetId(1));
        let mut orphan = target(4, TargetLevel::YearGroup(YearGroup::Year(5)), None);
        orphan.part_of = Some(TargetId(9));
        let book = TargetBook {
            targets: vec![school, pupil, part, orphan],
            ..TargetBook::default()
        };
        let rows = target_rows(&book, None, date(2026, 1, 5), &name);
        let ids: Vec<u32> = rows.iter().map(|r| r.id.0).collect();
        assert_eq!(ids, vec![1, 3, 2, 4]);
        assert!(rows[0].can_break_down, "again, for year groups new since");
        assert!(!rows[1].can_break_down, "a part");
        assert!(!rows[2].can_break_down, "a pupil");
        assert_eq!(rows[2].who, "Pupil K1");
        assert_eq!(rows[2].measure, None);
        assert_eq!(rows[2].latest, NONE_TEXT);
        assert_eq!(rows[2].baseline, NONE_TEXT);
    }

    #[test]
    fn the_filter_keeps_the_level_and_status_chosen() {
        let book = TargetBook {
            targets: vec![
                target(1, TargetLevel::WholeSchool, None),
                target(2, TargetLevel::YearGroup(YearGroup::Year(4)), None),
            ],
            ..TargetBook::default()
        };
        let rows = target_rows(&book, None, date(2026, 1, 5), &name);
        let shown = |filter: TargetFilter| -> Vec<u32> {
            rows.iter()
                .filter(|r| filter.shows(r))
                .map(|r| r.id.0)
                .collect()
        };
        assert_eq!(shown(TargetFilter::default()), vec![1, 2]);
        let year = TargetFilter {
            level: Some(LevelKind::YearGroup),
            status: None,
        };
        assert_eq!(shown(year), vec![2]);
        let met = TargetFilter {
            level: None,
            status: Some(TargetStatus::Met),
        };
        assert!(shown(met).is_empty());
    }

    #[test]
    fn the_form_suggests_from_what_is_typed_so_far() {
        use crate::core::profile::Profile;
        use crate::core::pupil::Pupil;
        use crate::core::scoring::score_all;
        use crate::core::targets::test_support::{context, upn};
        use crate::core::tracking::timeline::Timeline;
        use crate::core::tracking::trends::ScoredDrop;
        use crate::core::value::Percent;
        let pupil = |serial: u32, attendance: u32| Pupil {
            upn: Some(upn(serial)),
            forename: format!("No {serial}"),
            year_group: YearGroup::year(4),
            attendance: Some(Percent::from_hundredths(attendance)),
            ..Pupil::default()
        };
        let drops = [
            vec![pupil(1, 9000), pupil(2, 9200)],
            vec![pupil(1, 9400), pupil(2, 9600)],
        ];
        let profile = Profile::universal();
        let scores: Vec<_> = drops
            .iter()
            .map(|p| score_all(p, &profile, &context()))
            .collect();
        let periods = [period(2025, Term::Autumn), period(2025, Term::Spring)];
        let timeline = Timeline::follow(
            &periods
                .iter()
                .zip(&drops)
                .map(|(p, d)| (*p, d.as_slice()))
                .collect::<Vec<_>>(),
        );
        let scored: Vec<ScoredDrop> = drops
            .iter()
            .zip(&scores)
            .map(|(pupils, scores)| ScoredDrop { pupils, scores })
            .collect();
        let measuring = Measuring {
            timeline: &timeline,
            drops: &scored,
            profile: &profile,
            cohorts: &[],
        };
        let mut draft = TargetDraft {
            measure: Some(TargetMeasure::Attendance),
            ..TargetDraft::default()
        };
        assert!(draft.take_baseline(&measuring, 0));
        assert_eq!(draft.baseline, "91");
        // Nothing aimed for yet: nothing to suggest.
        assert_eq!(
            draft_suggestion(&draft, &measuring, date(2026, 3, 31)),
            None
        );
        // 95% at spring reaches 95: met.
        draft.target_value = "95".into();
        assert_eq!(
            draft_suggestion(&draft, &measuring, date(2026, 3, 31)),
            Some(TargetStatus::Met)
        );
        // 97% by 15/07/2026: from 91 at 15/12/2025, 4 of 6 points made by 31/03/2026,
        // well ahead of the 106 of 212 days gone.
        draft.target_value = "97".into();
        draft.by = "15/07/2026".into();
        assert_eq!(
            draft_suggestion(&draft, &measuring, date(2026, 3, 31)),
            Some(TargetStatus::OnTrack)
        );
        // A target value not yet readable suggests nothing.
        draft.target_value = "ninety".into();
        assert_eq!(
            draft_suggestion(&draft, &measuring, date(2026, 3, 31)),
            None
        );
    }

    #[test]
    fn an_off_trajectory_cohort_is_named_for_its_subject_year_group_and_drop() {
        let spring = period(2025, Term::Spring);
        assert_eq!(
            off_trajectory_cohort_name(Some(" Maths "), YearGroup::year(5), spring),
            "Off trajectory in Maths · Year 5 · Spring 2025/26"
        );
        assert_eq!(
            off_trajectory_cohort_name(None, None, spring),
            "Off trajectory in any subject · Year group not recorded · Spring 2025/26"
        );
    }

    #[test]
    fn the_chart_axis_holds_every_figure_and_the_target() {
        let mut t = target(1, TargetLevel::WholeSchool, Some(TargetMeasure::Attendance));
        t.target_value = Some(value("97"));
        let series = vec![SeriesPoint {
            period: period(2025, Term::Autumn),
            text: "93.1%".into(),
            value: Some(value("93.1")),
            pupils: Some(200),
        }];
        assert_eq!(chart_axis(&t, &series), (85.0, 100.0));
        t.measure = Some(TargetMeasure::PupilsSuspended);
        t.target_value = Some(value("4"));
        assert_eq!(chart_axis(&t, &[]), (0.0, 5.0));
    }
}
