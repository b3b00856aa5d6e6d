//! The **Add provision** form as data: what the user typed and chose, checked in one
//! place. The UI builds a [`ProvisionDraft`] from its fields (having found the pupils the
//! choice stands for, which needs the data drop and the scores) and shows the
//! [`Problem`]s [`ProvisionDraft::validate`] gives, each linked to its field; the rules
//! themselves — dates, whole numbers, the end not before the start, a group of at least
//! one, overrides only where they differ from the bank's defaults — live here.

use crate::core::provision::{
    InterventionId, Marker, Priority, Provision, ProvisionBook, ProvisionStatus, StaffRoleId,
};
use crate::core::value::parse_date;
use chrono::NaiveDate;

/// The most a number on the form may be (sessions, minutes, weeks, pupils in a group).
pub const MOST: u32 = 10_000;

/// Who the provision is for, with the pupils that choice stood for when the form was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftPupils {
    /// One pupil, typed as a UPN or name, and the pupil keys that text matched.
    OnePupil {
        /// What was typed.
        typed: String,
        /// The pupil keys it matched (none, one, or several pupils of the same name).
        found: Vec<String>,
    },
    /// A saved cohort's members at the moment of adding; `None` when no cohort is chosen.
    Cohort(Option<Vec<String>>),
    /// Everyone on the shortlist now.
    Shortlist(Vec<String>),
    /// The pupils ticked in the Shortlist or All pupils grid (or the one pupil whose
    /// profile asked), by pupil key.
    Selected(Vec<String>),
}

/// A field of the form, so a problem can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DraftField {
    /// The intervention from the bank.
    Intervention,
    /// The pupil, cohort or shortlist.
    Pupils,
    /// Pupils in a group.
    GroupSize,
    /// Sessions a week.
    SessionsPerWeek,
    /// Minutes a session.
    MinutesPerSession,
    /// Weeks it runs.
    Weeks,
    /// The first day.
    Start,
    /// The last day.
    End,
}

/// One thing to put right before the provision can be added, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field to put right.
    pub field: DraftField,
    /// What to do, as the error summary shows it.
    pub message: String,
}

/// The Add provision form as typed: numbers and dates are the text in their boxes (a
/// blank number means the intervention's default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProvisionDraft {
    /// The bank item chosen.
    pub intervention: Option<InterventionId>,
    /// Who it is for.
    pub pupils: DraftPupils,
    /// The marker it addresses.
    pub marker: Marker,
    /// The staff chosen; `None` is the intervention's usual staff.
    pub staff: Option<StaffRoleId>,
    /// Pupils in a group, as typed.
    pub group_size: String,
    /// Sessions a week, as typed.
    pub sessions_per_week: String,
    /// Minutes a session, as typed.
    pub minutes_per_session: String,
    /// Weeks it runs, as typed; blank for the school's weeks in the year.
    pub weeks: String,
    /// The first day, as `yyyy-mm-dd` (a date input) or `dd/mm/yyyy`.
    pub start: String,
    /// The last day, the same way.
    pub end: String,
    /// Must, should or could.
    pub priority: Priority,
    /// Planned, running, finished or stopped.
    pub status: ProvisionStatus,
}

impl ProvisionDraft {
    /// Checks the draft against `book` (its bank's defaults) and gives the provision to
    /// add, or every problem in the order of the form's fields. Delivery numbers are stored
    /// as overrides only where they differ from the intervention's defaults, so a later
    /// change to the bank still reaches this provision for everything left alone.
    pub fn validate(&self, book: &ProvisionBook) -> Result<Provision, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(Problem { field, message });

        let item = self.intervention.and_then(|id| book.bank.get(id));
        if item.is_none() {
            problem(DraftField::Intervention, "Choose an intervention.".into());
        }

        let members: &[String] = match &self.pupils {
            DraftPupils::OnePupil { typed, found } => match found.len() {
                0 if typed.trim().is_empty() => {
                    problem(DraftField::Pupils, "Enter the pupil's UPN or name.".into());
                    &[]
                }
                0 => {
                    problem(
                        DraftField::Pupils,
                        format!("No pupil has the UPN or name “{}”.", typed.trim()),
                    );
                    &[]
                }
                1 => found,
                _ => {
                    problem(
                        DraftField::Pupils,
                        format!(
                            "More than one pupil is called “{}”: enter their UPN instead.",
                            typed.trim()
                        ),
                    );
                    &[]
                }
            },
            DraftPupils::Cohort(None) => {
                problem(
                    DraftField::Pupils,
                    "Choose a saved cohort (save one on All pupils).".into(),
                );
                &[]
            }
            DraftPupils::Selected(members) if members.is_empty() => {
                problem(
                    DraftField::Pupils,
                    "No pupils are selected: tick the pupils in Shortlist or All pupils first."
                        .into(),
                );
                members
            }
            DraftPupils::Cohort(Some(members))
            | DraftPupils::Shortlist(members)
            | DraftPupils::Selected(members) => {
                if members.is_empty() {
                    problem(
                        DraftField::Pupils,
                        "There are no pupils in that group.".into(),
                    );
                }
                members
            }
        };

        let mut number = |text: &str, field, what: &str| -> Option<u32> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse::<u32>() {
                Ok(n) if n <= MOST => Some(n),
                _ => {
                    problem(
                        field,
                        format!("Enter the {what} as a whole number, such as 2."),
                    );
                    None
                }
            }
        };
        let group_size = number(&self.group_size, DraftField::GroupSize, "pupils in a group");
        let sessions = number(
            &self.sessions_per_week,
            DraftField::SessionsPerWeek,
            "sessions a week",
        );
        let minutes = number(
            &self.minutes_per_session,
            DraftField::MinutesPerSession,
            "minutes a session",
        );
        let weeks = number(&self.weeks, DraftField::Weeks, "weeks");
        if group_size == Some(0) {
            problem(
                DraftField::GroupSize,
                "Enter the pupils in a group as 1 or more.".into(),
            );
        }

        let mut date = |text: &str, field, what: &str| {
            let parsed = read_date(text);
            if parsed.is_none() {
                problem(
                    field,
                    format!("Enter the {what} as a date, such as 01/09/2025."),
                );
            }
            parsed
        };
        let start = date(&self.start, DraftField::Start, "start date");
        let end = date(&self.end, DraftField::End, "end date");
        if let (Some(first), Some(last)) = (start, end) {
            if last < first {
                problem(
                    DraftField::End,
                    "The end date must be the same as or after the start date.".into(),
                );
            }
        }

        let (Some(item), Some(start), Some(end), true) = (item, start, end, problems.is_empty())
        else {
            problems.sort_by_key(|p| p.field as u8);
            return Err(problems);
        };
        let mut provision = Provision::new(item, start, end);
        provision.add_pupils(members.iter().map(String::as_str));
        provision.marker = self.marker;
        provision.priority = self.priority;
        provision.status = self.status;
        provision.staff = self.staff.map(|role| vec![role]);
        let defaults = &item.delivery;
        let overrides = &mut provision.overrides;
        overrides.group_size = group_size.filter(|n| *n != defaults.group_size);
        overrides.sessions_per_week = sessions.filter(|n| *n != defaults.sessions_per_week);
        overrides.minutes_per_session = minutes.filter(|n| *n != defaults.minutes_per_session);
        overrides.weeks = weeks.filter(|n| Some(*n) != defaults.weeks);
        Ok(provision)
    }
}

/// How many names [`listed_names`] writes out before "and N more".
pub const NAMES_LISTED: usize = 3;

/// The names under the form's "Selected pupils" choice, as a sentence: every name when
/// there are at most [`NAMES_LISTED`] ("Ava Smith, Sam Lee and Zoe Khan"), else the first
/// few and how many more ("Ava Smith, Sam Lee, Zoe Khan and 2 more"); "No pupils" for none.
/// The caller gives the names in the order to list them, as privacy display mode shows them.
pub fn listed_names(names: &[String]) -> String {
    match names {
        [] => "No pupils".to_string(),
        [one] => one.clone(),
        _ if names.len() <= NAMES_LISTED => {
            let last = names.len() - 1;
            format!("{} and {}", names[..last].join(", "), names[last])
        }
        _ => format!(
            "{} and {} more",
            names[..NAMES_LISTED].join(", "),
            names.len() - NAMES_LISTED
        ),
    }
}

/// A date as a date input gives it (`2025-09-01`) or as a person writes it (`01/09/2025`).
pub(crate) fn read_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .or_else(|| parse_date(text).ok().flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid draft for FLS (id 20 in the Tameside bank: groups of 6, three 20-minute
    /// sessions a week for 12 weeks, delivered by a TA) for two pupils.
    fn draft() -> ProvisionDraft {
        ProvisionDraft {
            intervention: Some(InterventionId(20)),
            pupils: DraftPupils::Shortlist(vec!["A1".into(), "B2".into()]),
            marker: Marker::Attainment,
            staff: None,
            group_size: "6".into(),
            sessions_per_week: "3".into(),
            minutes_per_session: "20".into(),
            weeks: "12".into(),
            start: "2025-09-01".into(),
            end: "2025-12-19".into(),
            priority: Priority::Should,
            status: ProvisionStatus::Running,
        }
    }

    /// Validates `draft` against the default book and gives its problems as
    /// (field, message), or "valid".
    fn check(draft: ProvisionDraft, expected: &[(DraftField, &str)]) {
        let actual: Vec<(DraftField, String)> = match draft.validate(&ProvisionBook::default()) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|p| (p.field, p.message)).collect(),
        };
        let expected: Vec<(DraftField, String)> = expected
            .iter()
            .map(|(field, message)| (*field, message.to_string()))
            .collect();
        assert_eq!(actual, expected);
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn a_valid_draft_stores_no_overrides_when_it_keeps_the_defaults() {
        let provision = draft().validate(&ProvisionBook::default()).expect("valid");
        assert_eq!(provision.intervention, InterventionId(20));
        assert_eq!(provision.pupils, ["A1", "B2"]);
        assert_eq!(
            (provision.start, provision.end),
            (date(2025, 9, 1), date(2025, 12, 19))
        );
        assert_eq!(provision.marker, Marker::Attainment);
        assert_eq!(provision.priority, Priority::Should);
        assert_eq!(provision.status, ProvisionStatus::Running);
        assert_eq!(provision.staff, None);
        assert_eq!(provision.overrides, Default::default());
    }

    #[test]
    fn overrides_are_stored_only_where_they_differ() {
        let provision = ProvisionDraft {
            group_size: "4".into(),
            minutes_per_session: " 20 ".into(),
            weeks: String::new(),
            staff: Some(StaffRoleId::TA),
            start: "01/09/2025".into(),
            ..draft()
        }
        .validate(&ProvisionBook::default())
        .expect("valid");
        assert_eq!(provision.overrides.group_size, Some(4));
        assert_eq!(provision.overrides.sessions_per_week, None);
        assert_eq!(provision.overrides.minutes_per_session, None);
        assert_eq!(provision.overrides.weeks, None);
        assert_eq!(provision.staff, Some(vec![StaffRoleId::TA]));
        assert_eq!(provision.start, date(2025, 9, 1));
        let fls = ProvisionBook::default();
        let fls = fls.bank.get(InterventionId(20)).expect("FLS");
        assert_eq!(provision.delivery(fls).group_size, 4);
        assert_eq!(provision.delivery(fls).weeks, Some(12));
    }

    #[test]
    fn one_pupil_found_and_duplicates_in_a_group_added_once() {
        let provision = ProvisionDraft {
            pupils: DraftPupils::OnePupil {
                typed: "Ava Smith".into(),
                found: vec!["A1".into()],
            },
            ..draft()
        }
        .validate(&ProvisionBook::default())
        .expect("valid");
        assert_eq!(provision.pupils, ["A1"]);
        let provision = ProvisionDraft {
            pupils: DraftPupils::Cohort(Some(vec!["A1".into(), "A1".into(), "C3".into()])),
            ..draft()
        }
        .validate(&ProvisionBook::default())
        .expect("valid");
        assert_eq!(provision.pupils, ["A1", "C3"]);
    }

    #[test]
    fn each_problem_names_its_field() {
        use DraftField::*;
        check(
            ProvisionDraft {
                intervention: None,
                ..draft()
            },
            &[(Intervention, "Choose an intervention.")],
        );
        check(
            ProvisionDraft {
                intervention: Some(InterventionId(9999)),
                ..draft()
            },
            &[(Intervention, "Choose an intervention.")],
        );
        let one = |typed: &str, found: &[&str]| ProvisionDraft {
            pupils: DraftPupils::OnePupil {
                typed: typed.into(),
                found: found.iter().map(|k| k.to_string()).collect(),
            },
            ..draft()
        };
        check(
            one("  ", &[]),
            &[(Pupils, "Enter the pupil's UPN or name.")],
        );
        check(
            one(" Zed ", &[]),
            &[(Pupils, "No pupil has the UPN or name “Zed”.")],
        );
        check(
            one("Sam Lee", &["K1", "K2"]),
            &[(
                Pupils,
                "More than one pupil is called “Sam Lee”: enter their UPN instead.",
            )],
        );
        check(
            ProvisionDraft {
                pupils: DraftPupils::Cohort(None),
                ..draft()
            },
            &[(Pupils, "Choose a saved cohort (save one on All pupils).")],
        );
        check(
            ProvisionDraft {
                pupils: DraftPupils::Cohort(Some(Vec::new())),
                ..draft()
            },
            &[(Pupils, "There are no pupils in that group.")],
        );
        check(
            ProvisionDraft {
                pupils: DraftPupils::Shortlist(Vec::new()),
                ..draft()
            },
            &[(Pupils, "There are no pupils in that group.")],
        );
        check(
            ProvisionDraft {
                pupils: DraftPupils::Selected(Vec::new()),
                ..draft()
            },
            &[(
                Pupils,
                "No pupils are selected: tick the pupils in Shortlist or All pupils first.",
            )],
        );
        check(
            ProvisionDraft {
                group_size: "0".into(),
                ..draft()
            },
            &[(GroupSize, "Enter the pupils in a group as 1 or more.")],
        );
        check(
            ProvisionDraft {
                group_size: "two".into(),
                sessions_per_week: "1.5".into(),
                minutes_per_session: "-5".into(),
                weeks: "10001".into(),
                ..draft()
            },
            &[
                (
                    GroupSize,
                    "Enter the pupils in a group as a whole number, such as 2.",
                ),
                (
                    SessionsPerWeek,
                    "Enter the sessions a week as a whole number, such as 2.",
                ),
                (
                    MinutesPerSession,
                    "Enter the minutes a session as a whole number, such as 2.",
                ),
                (Weeks, "Enter the weeks as a whole number, such as 2."),
            ],
        );
        check(
            ProvisionDraft {
                start: String::new(),
                end: "31/02/2026".into(),
                ..draft()
            },
            &[
                (Start, "Enter the start date as a date, such as 01/09/2025."),
                (End, "Enter the end date as a date, such as 01/09/2025."),
            ],
        );
        check(
            ProvisionDraft {
                end: "2025-08-31".into(),
                ..draft()
            },
            &[(
                End,
                "The end date must be the same as or after the start date.",
            )],
        );
        // The same day is a valid one-day provision.
        check(
            ProvisionDraft {
                end: "2025-09-01".into(),
                ..draft()
            },
            &[],
        );
    }

    #[test]
    fn problems_come_in_the_order_of_the_form() {
        let fields: Vec<DraftField> = ProvisionDraft {
            intervention: None,
            pupils: DraftPupils::Cohort(None),
            weeks: "x".into(),
            end: "2025-08-01".into(),
            group_size: "0".into(),
            ..draft()
        }
        .validate(&ProvisionBook::default())
        .expect_err("invalid")
        .into_iter()
        .map(|p| p.field)
        .collect();
        use DraftField::*;
        assert_eq!(fields, [Intervention, Pupils, GroupSize, Weeks, End]);
    }

    #[test]
    fn the_pupils_selected_in_a_grid_are_the_provisions_pupils_in_their_order() {
        let provision = ProvisionDraft {
            pupils: DraftPupils::Selected(vec!["C3".into(), "A1".into(), "C3".into()]),
            ..draft()
        }
        .validate(&ProvisionBook::default())
        .expect("valid");
        assert_eq!(provision.pupils, ["C3", "A1"]);
        // With nothing selected, the other fields are still checked as well.
        let fields: Vec<DraftField> = ProvisionDraft {
            pupils: DraftPupils::Selected(Vec::new()),
            weeks: "x".into(),
            ..draft()
        }
        .validate(&ProvisionBook::default())
        .expect_err("invalid")
        .into_iter()
        .map(|p| p.field)
        .collect();
        assert_eq!(fields, [DraftField::Pupils, DraftField::Weeks]);
    }

    #[test]
    fn selected_names_are_listed_in_full_up_to_three_then_counted() {
        let names = |n: usize| -> Vec<String> {
            ["Ava Smith", "Sam Lee", "Zoe Khan", "Tom Hart", "Amy Fox"][..n]
                .iter()
                .map(|s| s.to_string())
                .collect()
        };
        assert_eq!(listed_names(&names(0)), "No pupils");
        assert_eq!(listed_names(&names(1)), "Ava Smith");
        assert_eq!(listed_names(&names(2)), "Ava Smith and Sam Lee");
        assert_eq!(listed_names(&names(3)), "Ava Smith, Sam Lee and Zoe Khan");
        assert_eq!(
            listed_names(&names(4)),
            "Ava Smith, Sam Lee, Zoe Khan and 1 more"
        );
        assert_eq!(
            listed_names(&names(5)),
            "Ava Smith, Sam Lee, Zoe Khan and 2 more"
        );
    }
}
