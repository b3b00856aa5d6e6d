//! How targets' measures, markers and levels are named and written on screen (SPEC
//! §8.3): each measure's label, unit, direction and range, and a figure written the way
//! the Targets page and the export show it.

use super::{MarkerKind, TargetGroup, TargetLevel, TargetMeasure};
use crate::core::cohort::{cohort_by_id, Cohort};
use crate::core::provision::measure::MeasureValue;

impl TargetMeasure {
    /// Its name on screen: "Attendance %", "Persistent absence %", "Pupils suspended",
    /// "Low attainers in Maths %", "Overall indicator amber or red %", "Mean grade in
    /// Maths".
    pub fn label(&self) -> String {
        match self {
            TargetMeasure::Attendance => "Attendance %".to_string(),
            TargetMeasure::PersistentAbsence => "Persistent absence %".to_string(),
            TargetMeasure::PupilsSuspended => "Pupils suspended".to_string(),
            TargetMeasure::LowAttainers { subject } => {
                format!("Low attainers in {} %", subject.trim())
            }
            TargetMeasure::WithMarker(kind) => format!("{} %", kind.label()),
            TargetMeasure::MeanGrade { subject } => format!("Mean grade in {}", subject.trim()),
        }
    }

    /// Its unit: "%", "pupils" or "grade".
    pub fn unit(&self) -> &'static str {
        match self {
            TargetMeasure::PupilsSuspended => "pupils",
            TargetMeasure::MeanGrade { .. } => "grade",
            _ => "%",
        }
    }

    /// Whether a higher figure is better: attendance and a mean grade yes; persistent
    /// absence, suspensions, low attainers and markers no.
    pub fn higher_is_better(&self) -> bool {
        matches!(
            self,
            TargetMeasure::Attendance | TargetMeasure::MeanGrade { .. }
        )
    }

    /// The values a figure (and so a baseline or target value) can take: percentages 0 to
    /// 100, a count 0 or more (no highest), a grade 1 to 9.
    pub fn range(&self) -> (MeasureValue, Option<MeasureValue>) {
        match self {
            TargetMeasure::PupilsSuspended => (MeasureValue::ZERO, None),
            TargetMeasure::MeanGrade { .. } => {
                (MeasureValue::whole(1), Some(MeasureValue::whole(9)))
            }
            _ => (MeasureValue::ZERO, Some(MeasureValue::whole(100))),
        }
    }

    /// Whether its figures are whole numbers only (a count of pupils).
    pub fn is_count(&self) -> bool {
        matches!(self, TargetMeasure::PupilsSuspended)
    }

    /// The subject it reads, if it reads one.
    pub fn subject(&self) -> Option<&str> {
        match self {
            TargetMeasure::LowAttainers { subject } | TargetMeasure::MeanGrade { subject } => {
                Some(subject.trim())
            }
            _ => None,
        }
    }

    /// A figure as the screen writes it: a percentage to one decimal place ("96.5%"), a
    /// count whole ("12 pupils", "1 pupil"), a grade to two decimal places ("4.25"), each
    /// rounded half away from zero from the exact figure.
    pub fn show(&self, value: MeasureValue) -> String {
        match self {
            TargetMeasure::PupilsSuspended => {
                let count = value.rounded(0);
                let noun = if count == "1" { "pupil" } else { "pupils" };
                format!("{count} {noun}")
            }
            TargetMeasure::MeanGrade { .. } => value.rounded(2),
            _ => format!("{}%", value.rounded(1)),
        }
    }
}

impl MarkerKind {
    pub const ALL: [MarkerKind; 5] = [
        MarkerKind::OverallAmberOrRed,
        MarkerKind::OverallRed,
        MarkerKind::AttendanceAmberOrRed,
        MarkerKind::ExclusionsAmberOrRed,
        MarkerKind::Shortlist,
    ];

    /// Its name on screen: "Overall indicator amber or red", …
    pub fn label(self) -> &'static str {
        match self {
            MarkerKind::OverallAmberOrRed => "Overall indicator amber or red",
            MarkerKind::OverallRed => "Overall indicator red",
            MarkerKind::AttendanceAmberOrRed => "Attendance marker amber or red",
            MarkerKind::ExclusionsAmberOrRed => "Exclusions marker amber or red",
            MarkerKind::Shortlist => "On the shortlist",
        }
    }
}

impl TargetLevel {
    /// Who the target is for, on screen: "Whole school", "Year 7", "Disadvantaged",
    /// "Disadvantaged in Year 7", a saved cohort's name ("Cohort no longer saved" when it
    /// has been deleted), "One pupil".
    pub fn label(&self, cohorts: &[Cohort]) -> String {
        match self {
            TargetLevel::WholeSchool => "Whole school".to_string(),
            TargetLevel::YearGroup(year) => year.label(),
            TargetLevel::Group { group, year } => {
                let name = match group {
                    TargetGroup::Standard(standard) => standard.label().to_string(),
                    TargetGroup::Cohort(id) => cohort_by_id(cohorts, *id)
                        .map_or_else(|| "Cohort no longer saved".to_string(), |c| c.name.clone()),
                };
                match year {
                    Some(year) => format!("{name} in {}", year.label()),
                    None => name,
                }
            }
            TargetLevel::Pupil(_) => "One pupil".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::targets::test_support::value;

    #[test]
    fn the_measures_speak_plainly() {
        let low = TargetMeasure::LowAttainers {
            subject: "Maths".into(),
        };
        assert_eq!(low.label(), "Low attainers in Maths %");
        assert_eq!(
            TargetMeasure::WithMarker(MarkerKind::OverallAmberOrRed).label(),
            "Overall indicator amber or red %"
        );
        assert_eq!(TargetMeasure::PupilsSuspended.show(value("1")), "1 pupil");
        assert_eq!(TargetMeasure::Attendance.show(value("93.7767")), "93.8%");
        assert_eq!(
            TargetMeasure::MeanGrade {
                subject: "Maths".into()
            }
            .show(value("4.6667")),
            "4.67"
        );
        assert!(!low.higher_is_better() && TargetMeasure::Attendance.higher_is_better());
    }
}
