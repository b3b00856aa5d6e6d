//! What the **Targets** form offers (SPEC §8.3), worked out from the drops held and the
//! saved cohorts: the year groups, the groups (standard groups, then saved cohorts), the
//! measures (with a subject's measures for every subject the drops record) and the pupil
//! a typed UPN or name stands for. The form only shows these.

use super::draft::{TargetField, TargetProblem};
use super::measure::same_subject;
use super::{MarkerKind, TargetGroup, TargetMeasure};
use crate::core::cohort::Cohort;
use crate::core::pupil::{find_pupils, Pupil, PupilKey};
use crate::core::tracking::trends::StandardGroup;
use crate::core::value::YearGroup;

/// Every subject with a result (current or prior) in any of the drops, each once (the
/// first spelling met, case and spaces at the ends ignored), in alphabetical order.
pub fn subjects<'a>(drops: impl IntoIterator<Item = &'a [Pupil]>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for pupils in drops {
        for result in pupils.iter().flat_map(|p| &p.attainment) {
            let recorded = [&result.current, &result.prior]
                .into_iter()
                .any(|text| text.as_deref().is_some_and(|t| !t.trim().is_empty()));
            let name = result.subject.trim();
            if recorded && !name.is_empty() && !found.iter().any(|s| same_subject(s, name)) {
                found.push(name.to_string());
            }
        }
    }
    found.sort_by_key(|s| s.to_lowercase());
    found
}

/// Every year group in any of the drops, in order.
pub fn year_groups<'a>(drops: impl IntoIterator<Item = &'a [Pupil]>) -> Vec<YearGroup> {
    let mut years: Vec<YearGroup> = drops
        .into_iter()
        .flat_map(|pupils| pupils.iter().filter_map(|p| p.year_group))
        .collect();
    years.sort();
    years.dedup();
    years
}

/// The groups a target can be for: the standard groups, then each saved cohort
/// ("Saved cohort: Year 7 boys"), with their labels.
pub fn groups(cohorts: &[Cohort]) -> Vec<(TargetGroup, String)> {
    StandardGroup::ALL
        .into_iter()
        .map(|g| (TargetGroup::Standard(g), g.label().to_string()))
        .chain(cohorts.iter().map(|c| {
            (
                TargetGroup::Cohort(c.id),
                format!("Saved cohort: {}", c.name),
            )
        }))
        .collect()
}

/// The measures offered, with their labels: none, attendance, persistent absence,
/// pupils suspended, low attainers in each subject, each marker, the mean grade in each
/// subject.
pub fn measures(subjects: &[String]) -> Vec<(Option<TargetMeasure>, String)> {
    let mut choices: Vec<Option<TargetMeasure>> = vec![
        None,
        Some(TargetMeasure::Attendance),
        Some(TargetMeasure::PersistentAbsence),
        Some(TargetMeasure::PupilsSuspended),
    ];
    choices.extend(subjects.iter().map(|subject| {
        Some(TargetMeasure::LowAttainers {
            subject: subject.clone(),
        })
    }));
    choices.extend(
        MarkerKind::ALL
            .into_iter()
            .map(|kind| Some(TargetMeasure::WithMarker(kind))),
    );
    choices.extend(subjects.iter().map(|subject| {
        Some(TargetMeasure::MeanGrade {
            subject: subject.clone(),
        })
    }));
    choices
        .into_iter()
        .map(|measure| {
            let label = measure.as_ref().map_or_else(
                || "No measure: described in words only".to_string(),
                TargetMeasure::label,
            );
            (measure, label)
        })
        .collect()
}

/// The pupil key a typed UPN or name stands for among `pupils` (the drop shown), or the
/// problem to show at the pupil box: nothing typed, nobody found, or a name two pupils
/// share.
pub fn choose_pupil(pupils: &[Pupil], typed: &str) -> Result<String, TargetProblem> {
    let problem = |message: String| TargetProblem {
        field: TargetField::Level,
        message,
    };
    let typed = typed.trim();
    match find_pupils(pupils, typed).as_slice() {
        [] if typed.is_empty() => Err(problem(
            "Enter the UPN or name of the pupil the target is for".to_string(),
        )),
        [] => Err(problem(format!(
            "No pupil in the data drop shown has the UPN or name “{typed}”"
        ))),
        [pupil] => Ok(PupilKey::of(pupil).into_string()),
        _ => Err(problem(format!(
            "More than one pupil is called “{typed}”: enter their UPN instead"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cohort::CohortId;
    use crate::core::pupil::SubjectAttainment;
    use crate::core::targets::test_support::upn;

    fn pupil(serial: u32, forename: &str, year: u8, subjects: &[(&str, &str)]) -> Pupil {
        Pupil {
            upn: Some(upn(serial)),
            forename: forename.into(),
            surname: "Smith".into(),
            year_group: YearGroup::year(year),
            attainment: subjects
                .iter()
                .map(|(subject, current)| SubjectAttainment {
                    subject: (*subject).into(),
                    current: Some((*current).into()),
                    ..Default::default()
                })
                .collect(),
            ..Pupil::default()
        }
    }

    #[test]
    fn subjects_and_year_groups_come_from_every_drop_once() {
        let autumn = vec![
            pupil(1, "Ann", 5, &[("Maths", "4"), ("reading", "")]),
            pupil(2, "Ben", 4, &[("maths ", "5")]),
        ];
        let spring = vec![pupil(3, "Cal", 6, &[("Reading", "3"), ("Science", "4")])];
        let drops = [autumn.as_slice(), spring.as_slice()];
        assert_eq!(subjects(drops), ["Maths", "Reading", "Science"]);
        assert_eq!(
            year_groups(drops),
            [YearGroup::Year(4), YearGroup::Year(5), YearGroup::Year(6)]
        );
    }

    #[test]
    fn measures_offer_each_subject_twice_and_every_marker() {
        let offered = measures(&["Maths".to_string()]);
        let labels: Vec<&str> = offered.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels[0], "No measure: described in words only");
        assert!(labels.contains(&"Low attainers in Maths %"));
        assert!(labels.contains(&"Mean grade in Maths"));
        assert_eq!(offered.len(), 4 + 1 + MarkerKind::ALL.len() + 1);
    }

    #[test]
    fn groups_list_standard_groups_then_cohorts() {
        let cohorts = vec![Cohort {
            id: CohortId(4),
            name: "Year 7 boys".into(),
            conditions: Vec::new(),
            members: None,
        }];
        let offered = groups(&cohorts);
        assert_eq!(offered.len(), StandardGroup::ALL.len() + 1);
        assert_eq!(
            offered.last(),
            Some(&(
                TargetGroup::Cohort(CohortId(4)),
                "Saved cohort: Year 7 boys".to_string()
            ))
        );
    }

    #[test]
    fn a_pupil_is_chosen_by_upn_or_a_name_only_they_have() {
        let pupils = vec![
            pupil(1, "Ann", 5, &[]),
            pupil(2, "Ben", 4, &[]),
            pupil(3, "Ben", 6, &[]),
        ];
        let key = choose_pupil(&pupils, &upn(2).as_str().to_lowercase()).expect("found");
        assert_eq!(key, upn(2).as_str());
        assert_eq!(
            choose_pupil(&pupils, " ann smith ").expect("found"),
            upn(1).as_str()
        );
        let message = |typed: &str| choose_pupil(&pupils, typed).expect_err("refused").message;
        assert_eq!(
            message(" "),
            "Enter the UPN or name of the pupil the target is for"
        );
        assert_eq!(
            message("Zed Smith"),
            "No pupil in the data drop shown has the UPN or name “Zed Smith”"
        );
        assert_eq!(
            message("Ben Smith"),
            "More than one pupil is called “Ben Smith”: enter their UPN instead"
        );
    }
}
