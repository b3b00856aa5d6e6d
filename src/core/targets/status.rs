//! The status a measured target's figure suggests (SPEC §8.3): met, on track or at risk
//! on a straight line from the baseline to the target, never missed (staff decide that),
//! and the status shown, staff's choice first.

use super::measure::TargetValue;
use super::{Target, TargetStatus};
use crate::core::provision::measure::{as_at, MeasureValue};
use crate::core::tracking::timeline::Period;
use chrono::NaiveDate;

impl Target {
    /// The day the baseline stands for: its drop's date ([`as_at`]: 15/12, 31/03 or
    /// 15/07), when the baseline was taken from a drop.
    pub fn baseline_on(&self) -> Option<NaiveDate> {
        self.baseline_from.map(as_at)
    }

    /// Whether `value` has reached the target value, the measure's way round (equal
    /// counts as reached). `false` without a measure or a target value.
    pub fn reached(&self, value: MeasureValue) -> bool {
        match (&self.measure, self.target_value) {
            (Some(measure), Some(target)) if measure.higher_is_better() => value >= target,
            (Some(_), Some(target)) => value <= target,
            _ => false,
        }
    }
}

/// The latest figure of a series: the last drop's, when it has one (a later drop that
/// cannot be measured is not passed over for an older figure).
pub fn latest(series: &[(Period, TargetValue)]) -> Option<MeasureValue> {
    series.last()?.1.value()
}

/// The status a measured target's latest figure suggests, for staff to accept or
/// override:
///
/// - **Met** when `latest` has reached the target value, the measure's way round (equal
///   counts as met);
/// - otherwise, with a baseline, a by date and a baseline date (`baseline_on`, usually
///   [`Target::baseline_on`]), **On track** when the progress made since the baseline
///   towards the target is at least the share of the time gone from the baseline date to
///   the by date (a straight line from baseline to target; on the line is on track), and
///   **At risk** when it is less. The share of time is clamped to 0–1, so before the
///   baseline date any progress that is not backwards is on track, and after the by date
///   a target not met is at risk — the planner never says "Missed": staff decide that.
///   Worked exactly in whole numbers: progress × total days ≥ needed × days gone.
/// - `None` without a measure, a target value or a latest figure, or when a target not
///   yet met lacks a baseline, a by date or a baseline date.
pub fn suggest_status(
    target: &Target,
    latest: Option<MeasureValue>,
    baseline_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<TargetStatus> {
    let measure = target.measure.as_ref()?;
    let goal = target.target_value?;
    let latest = latest?;
    if target.reached(latest) {
        return Some(TargetStatus::Met);
    }
    let baseline = target.baseline?;
    let by = target.by?;
    let start = baseline_on?;
    let toward = |from: MeasureValue, to: MeasureValue| -> i128 {
        let gain = i128::from(to.ten_thousandths()) - i128::from(from.ten_thousandths());
        if measure.higher_is_better() {
            gain
        } else {
            -gain
        }
    };
    let progress = toward(baseline, latest);
    let needed = toward(baseline, goal);
    let total = i128::from((by - start).num_days());
    if total <= 0 {
        return Some(TargetStatus::AtRisk);
    }
    let gone = i128::from((today - start).num_days()).clamp(0, total);
    if progress * total >= needed * gone {
        Some(TargetStatus::OnTrack)
    } else {
        Some(TargetStatus::AtRisk)
    }
}

/// A target's status as shown: staff's choice when they made one, else the suggestion,
/// else Not started.
pub fn effective_status(target: &Target, suggestion: Option<TargetStatus>) -> TargetStatus {
    target
        .status
        .or(suggestion)
        .unwrap_or(TargetStatus::NotStarted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::Term;
    use crate::core::targets::test_support::{date, period, value};
    use crate::core::targets::{TargetId, TargetLevel, TargetMeasure};

    fn target(level: TargetLevel, measure: TargetMeasure) -> Target {
        Target {
            measure: Some(measure),
            ..Target::new(TargetId(1), level, "A target")
        }
    }

    fn suggested(
        higher: bool,
        baseline: &str,
        goal: &str,
        latest: &str,
        today: NaiveDate,
    ) -> Option<TargetStatus> {
        let measure = if higher {
            TargetMeasure::Attendance
        } else {
            TargetMeasure::PersistentAbsence
        };
        let t = Target {
            baseline: Some(value(baseline)),
            target_value: Some(value(goal)),
            baseline_from: Some(period(2025, Term::Autumn)),
            by: Some(date(2026, 7, 15)),
            ..target(TargetLevel::WholeSchool, measure)
        };
        suggest_status(&t, Some(value(latest)), t.baseline_on(), today)
    }

    #[test]
    fn statuses_follow_a_straight_line_from_baseline_to_target() {
        // Baseline 15/12/2025, by 15/07/2026: 212 days. 31/03/2026 is 106 days on, half.
        let half = date(2026, 3, 31);
        assert_eq!(
            suggested(true, "90", "96", "96", half),
            Some(TargetStatus::Met)
        );
        assert_eq!(
            suggested(true, "90", "96", "93", half),
            Some(TargetStatus::OnTrack)
        );
        assert_eq!(
            suggested(true, "90", "96", "92.9999", half),
            Some(TargetStatus::AtRisk)
        );
        // Lower is better: 20% down to 10%; 15% at half way is on the line.
        assert_eq!(
            suggested(false, "20", "10", "15", half),
            Some(TargetStatus::OnTrack)
        );
        assert_eq!(
            suggested(false, "20", "10", "15.0001", half),
            Some(TargetStatus::AtRisk)
        );
        // After the by date, not met: at risk, never missed.
        assert_eq!(
            suggested(true, "90", "96", "95.9999", date(2026, 9, 1)),
            Some(TargetStatus::AtRisk)
        );
    }

    #[test]
    fn staff_choice_wins_over_the_suggestion() {
        let mut t = target(TargetLevel::WholeSchool, TargetMeasure::Attendance);
        assert_eq!(effective_status(&t, None), TargetStatus::NotStarted);
        assert_eq!(
            effective_status(&t, Some(TargetStatus::OnTrack)),
            TargetStatus::OnTrack
        );
        t.status = Some(TargetStatus::Missed);
        assert_eq!(
            effective_status(&t, Some(TargetStatus::OnTrack)),
            TargetStatus::Missed
        );
        assert_eq!(
            suggest_status(&t, Some(value("90")), None, date(2026, 1, 1)),
            None
        );
    }
}
