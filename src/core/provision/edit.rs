//! The **Edit provision** form as data (SPEC §8.2): every field of a provision after it is
//! added, checked in one place. [`ProvisionEdit::of`] fills the form from a provision;
//! [`ProvisionEdit::apply`] gives the edited provision or every problem, each naming its
//! field. Whatever the form does not show — pupils and their dates, measures, notes kept
//! elsewhere, reviews — is carried over untouched, so an edit never loses them.
//!
//! Delivery numbers are stored as overrides only where they differ from the bank's
//! defaults, exactly as when the provision was added, so a later correction to the bank
//! still reaches every figure left alone.

use crate::core::provision::draft::{read_date, MOST};
use crate::core::provision::{
    Intervention, Marker, Priority, Provision, ProvisionBook, ProvisionStatus, StaffRoleId,
};
use crate::core::value::{format_uk_date, Money};
use chrono::NaiveDate;

/// A field of the edit form, so a problem can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EditField {
    /// The staff.
    Staff,
    /// The day the staff change from.
    StaffFrom,
    /// Pupils in a group.
    GroupSize,
    /// Sessions a week.
    SessionsPerWeek,
    /// Minutes a session.
    MinutesPerSession,
    /// Weeks it runs.
    Weeks,
    /// Resources for the year.
    ResourceCost,
    /// The first day.
    Start,
    /// The last day.
    End,
    /// Places planned before names are known.
    Places,
    /// Why it stopped early.
    StoppedReason,
}

/// One thing to put right, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditProblem {
    /// The field to put right.
    pub field: EditField,
    /// What to do.
    pub message: String,
}

/// The edit form as typed. Numbers and dates are the text in their boxes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProvisionEdit {
    /// The staff delivering each session, one role per member of staff.
    pub staff: Vec<StaffRoleId>,
    /// The first day the staff above deliver: blank, or on or before the start, for the
    /// whole provision; a later day records a change of staff from that day.
    pub staff_from: String,
    /// Pupils in a group.
    pub group_size: String,
    /// Sessions a week.
    pub sessions_per_week: String,
    /// Minutes a session.
    pub minutes_per_session: String,
    /// Weeks it runs; blank for the school's weeks in the year.
    pub weeks: String,
    /// Resources for the year, for one group (£).
    pub resource_cost: String,
    /// The first day.
    pub start: String,
    /// The last day.
    pub end: String,
    /// Places planned while no pupil is named; blank for a group's worth.
    pub places: String,
    /// Planned, running, finished or stopped.
    pub status: ProvisionStatus,
    /// Why it stopped early (needed when stopped).
    pub stopped_reason: String,
    /// Must, should or could.
    pub priority: Priority,
    /// The marker it addresses.
    pub marker: Marker,
    /// What the group is expected to achieve.
    pub expected_outcome: String,
    /// Free notes.
    pub notes: String,
}

impl ProvisionEdit {
    /// The form filled from `provision`: the delivery in use (its overrides, else the
    /// bank's defaults), the staff as they are at the end, dates as dd/mm/yyyy.
    pub fn of(provision: &Provision, intervention: &Intervention) -> ProvisionEdit {
        let delivery = provision.delivery(intervention);
        let latest = provision.staff_changes.last();
        ProvisionEdit {
            staff: provision.staff_on(provision.end, intervention),
            staff_from: latest.map_or_else(String::new, |change| format_uk_date(change.from)),
            group_size: delivery.group_size.to_string(),
            sessions_per_week: delivery.sessions_per_week.to_string(),
            minutes_per_session: delivery.minutes_per_session.to_string(),
            weeks: delivery.weeks.map_or_else(String::new, |w| w.to_string()),
            resource_cost: money_text(provision.resource_cost(intervention)),
            start: format_uk_date(provision.start),
            end: format_uk_date(provision.end),
            places: provision.places.map_or_else(String::new, |p| p.to_string()),
            status: provision.status,
            stopped_reason: provision.stopped_reason.clone(),
            priority: provision.priority,
            marker: provision.marker,
            expected_outcome: provision.expected_outcome.clone(),
            notes: provision.notes.clone(),
        }
    }

    /// Checks the form and gives `provision` with the edits made, or every problem in the
    /// order of the form's fields.
    pub fn apply(
        &self,
        book: &ProvisionBook,
        provision: &Provision,
    ) -> Result<Provision, Vec<EditProblem>> {
        let mut problems: Vec<EditProblem> = Vec::new();
        let mut problem = |field, message: String| problems.push(EditProblem { field, message });
        let Some(item) = book.bank.get(provision.intervention) else {
            problem(
                EditField::Staff,
                "This provision's intervention is no longer in the bank: add it back first.".into(),
            );
            return Err(problems);
        };
        let unknown = book.staff.unknown(&self.staff);
        if !unknown.is_empty() {
            problem(
                EditField::Staff,
                "Choose staff from the roles on the Costs page.".into(),
            );
        }
        let mut number = |text: &str, field, what: &str, least: u32| -> Option<u32> {
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            match text.parse::<u32>() {
                Ok(n) if (least..=MOST).contains(&n) => Some(n),
                _ => {
                    problem(
                        field,
                        format!("Enter the {what} as a whole number from {least} to {MOST}."),
                    );
                    None
                }
            }
        };
        let group_size = number(
            &self.group_size,
            EditField::GroupSize,
            "pupils in a group",
            1,
        );
        let sessions = number(
            &self.sessions_per_week,
            EditField::SessionsPerWeek,
            "sessions a week",
            0,
        );
        let minutes = number(
            &self.minutes_per_session,
            EditField::MinutesPerSession,
            "minutes a session",
            0,
        );
        let weeks = number(&self.weeks, EditField::Weeks, "weeks", 1);
        let places = number(&self.places, EditField::Places, "places", 1);
        let resource_cost = match Money::parse(&self.resource_cost) {
            Ok(money) if money.is_none_or(|m| m.pence() >= 0) => money,
            _ => {
                problem(
                    EditField::ResourceCost,
                    "Enter the resource cost in pounds, such as 40 or 12.50.".into(),
                );
                None
            }
        };
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
        let start = date(&self.start, EditField::Start, "start date");
        let end = date(&self.end, EditField::End, "end date");
        let staff_from = if self.staff_from.trim().is_empty() {
            None
        } else {
            date(
                &self.staff_from,
                EditField::StaffFrom,
                "day the staff change",
            )
        };
        if let (Some(first), Some(last)) = (start, end) {
            if last < first {
                problem(
                    EditField::End,
                    "The end date must be the same as or after the start date.".into(),
                );
            }
            if staff_from.is_some_and(|day| day > last) {
                problem(
                    EditField::StaffFrom,
                    format!(
                        "The staff can only change on or before the end date, {}.",
                        format_uk_date(last)
                    ),
                );
            }
        }
        if self.status == ProvisionStatus::Stopped && self.stopped_reason.trim().is_empty() {
            problem(
                EditField::StoppedReason,
                "Say why it stopped early, such as “pupil moved school”.".into(),
            );
        }
        let (Some(start), Some(end), true) = (start, end, problems.is_empty()) else {
            problems.sort_by_key(|p| p.field);
            return Err(problems);
        };

        let mut edited = provision.clone();
        edited.start = start;
        edited.end = end;
        let defaults = &item.delivery;
        edited.overrides.group_size = group_size.filter(|n| *n != defaults.group_size);
        edited.overrides.sessions_per_week = sessions.filter(|n| *n != defaults.sessions_per_week);
        edited.overrides.minutes_per_session =
            minutes.filter(|n| *n != defaults.minutes_per_session);
        edited.overrides.weeks = weeks.filter(|n| Some(*n) != defaults.weeks);
        edited.overrides.resource_cost = resource_cost.filter(|m| *m != item.resource_cost);
        edited.places = places;
        edited.status = self.status;
        edited.stopped_reason = if self.status == ProvisionStatus::Stopped {
            self.stopped_reason.trim().to_string()
        } else {
            String::new()
        };
        edited.priority = self.priority;
        edited.marker = self.marker;
        edited.expected_outcome = self.expected_outcome.trim().to_string();
        edited.notes = self.notes.clone();
        // Staff: unchanged staff leave the history alone; otherwise the change runs from
        // its day (or replaces the staff for the whole provision).
        if self.staff != provision.staff_on(provision.end, item) || staff_from.is_some() {
            let from = staff_from.unwrap_or(start);
            edited.change_staff_from(from, self.staff.clone());
            if edited.staff.as_deref() == Some(defaults.staff.as_slice()) {
                edited.staff = None;
            }
        }
        edited
            .staff_changes
            .retain(|change| change.from > edited.start && change.from <= edited.end);
        Ok(edited)
    }
}

/// Money as the form shows it: "40.00", blank for nothing.
fn money_text(money: Money) -> String {
    if money.pence() == 0 {
        String::new()
    } else {
        format!("{}.{:02}", money.pence() / 100, money.pence() % 100)
    }
}

/// The term after the one `end` falls in, as its name ("Spring 2025/26") and its
/// calendar span (1 September – 31 December, 1 January – 31 March, 1 April – 31 July), for
/// "Copy for next term". Schools' own term dates differ: the copy's dates are a starting
/// point to edit.
pub fn next_term(end: NaiveDate) -> (String, NaiveDate, NaiveDate) {
    use crate::core::drop::{AcademicYear, Term};
    let year = AcademicYear::containing(end);
    let (term, year) = match Term::containing(end) {
        Term::Autumn => (Term::Spring, year),
        Term::Spring => (Term::Summer, year),
        Term::Summer => (
            Term::Autumn,
            AcademicYear {
                start_year: year.start_year + 1,
            },
        ),
    };
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let (first, last) = match term {
        Term::Autumn => (day(year.start_year, 9, 1), day(year.start_year, 12, 31)),
        Term::Spring => (
            day(year.start_year + 1, 1, 1),
            day(year.start_year + 1, 3, 31),
        ),
        Term::Summer => (
            day(year.start_year + 1, 4, 1),
            day(year.start_year + 1, 7, 31),
        ),
    };
    (format!("{} {year}", term.label()), first, last)
}

/// The first day a pupil joining today would be in the group: today, but never before
/// the start or after the end.
pub fn joining_day(provision: &Provision, today: NaiveDate) -> NaiveDate {
    today.clamp(provision.start, provision.end.max(provision.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::InterventionId;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn fls_provision() -> (ProvisionBook, Provision) {
        let mut book = ProvisionBook::default();
        let fls = book.bank.get(InterventionId(20)).cloned().expect("FLS");
        let mut provision = Provision::new(&fls, date(2025, 9, 8), date(2025, 12, 12));
        provision.add_pupils(["A", "B", "C"]);
        provision.notes = "Library, period 2".into();
        provision.set_entry(
            "A",
            crate::core::provision::Measure {
                name: "Reading age".into(),
                value: "80".into(),
                date: None,
            },
        );
        let id = book.add_provision(provision);
        let provision = book.provision(id).cloned().expect("added");
        (book, provision)
    }

    #[test]
    fn the_form_is_filled_from_the_provision_and_an_unchanged_form_changes_nothing() {
        let (book, provision) = fls_provision();
        let fls = book.bank.get(InterventionId(20)).expect("FLS");
        let form = ProvisionEdit::of(&provision, fls);
        assert_eq!(form.minutes_per_session, "20");
        assert_eq!(form.weeks, "12");
        assert_eq!(form.start, "08/09/2025");
        assert_eq!(form.staff, [StaffRoleId::TA]);
        assert_eq!(form.apply(&book, &provision), Ok(provision));
    }

    #[test]
    fn an_edit_changes_what_it_names_and_keeps_pupils_measures_and_history() {
        let (book, provision) = fls_provision();
        let fls = book.bank.get(InterventionId(20)).expect("FLS");
        let mut form = ProvisionEdit::of(&provision, fls);
        form.end = "2026-02-13".into();
        form.minutes_per_session = "30".into();
        form.resource_cost = "40".into();
        form.staff = vec![StaffRoleId::HLTA, StaffRoleId::TA];
        form.staff_from = "03/11/2025".into();
        form.status = ProvisionStatus::Running;
        form.expected_outcome = " Reading age up 6 months ".into();
        let edited = form.apply(&book, &provision).expect("valid");
        assert_eq!(edited.end, date(2026, 2, 13));
        assert_eq!(edited.overrides.minutes_per_session, Some(30));
        assert_eq!(
            edited.overrides.weeks, None,
            "the default is kept as no override"
        );
        assert_eq!(
            edited.overrides.resource_cost,
            Some(Money::from_pence(4_000))
        );
        assert_eq!(edited.staff, None, "the TA still delivers until 2 November");
        assert_eq!(edited.staff_changes.len(), 1);
        assert_eq!(
            edited.staff_on(date(2025, 11, 3), fls),
            [StaffRoleId::HLTA, StaffRoleId::TA]
        );
        assert_eq!(edited.expected_outcome, "Reading age up 6 months");
        assert_eq!(edited.pupils, provision.pupils);
        assert_eq!(edited.measures, provision.measures);
        assert_eq!(edited.notes, provision.notes);
        // The same staff from the start replace the history.
        let mut again = ProvisionEdit::of(&edited, fls);
        again.staff = vec![StaffRoleId::TEACHER];
        again.staff_from = String::new();
        let replaced = again.apply(&book, &edited).expect("valid");
        assert!(replaced.staff_changes.is_empty());
        assert_eq!(replaced.staff, Some(vec![StaffRoleId::TEACHER]));
    }

    #[test]
    fn each_problem_names_its_field_in_plain_english() {
        let (book, provision) = fls_provision();
        let fls = book.bank.get(InterventionId(20)).expect("FLS");
        let mut form = ProvisionEdit::of(&provision, fls);
        form.group_size = "0".into();
        form.resource_cost = "forty".into();
        form.end = "01/09/2025".into();
        form.staff_from = "01/01/2026".into();
        form.status = ProvisionStatus::Stopped;
        let problems = form.apply(&book, &provision).expect_err("refused");
        let fields: Vec<EditField> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                EditField::StaffFrom,
                EditField::GroupSize,
                EditField::ResourceCost,
                EditField::End,
                EditField::StoppedReason
            ]
        );
        assert_eq!(
            problems[3].message,
            "The end date must be the same as or after the start date."
        );
        form = ProvisionEdit::of(&provision, fls);
        form.status = ProvisionStatus::Stopped;
        form.stopped_reason = "Pupil moved school".into();
        let stopped = form.apply(&book, &provision).expect("valid");
        assert_eq!(stopped.stopped_reason, "Pupil moved school");
    }

    #[test]
    fn the_next_term_follows_the_term_the_provision_ends_in() {
        let (name, first, last) = next_term(date(2025, 12, 12));
        assert_eq!(
            (name.as_str(), first, last),
            ("Spring 2025/26", date(2026, 1, 1), date(2026, 3, 31))
        );
        assert_eq!(next_term(date(2026, 3, 27)).0, "Summer 2025/26");
        let (name, first, _) = next_term(date(2026, 7, 17));
        assert_eq!((name.as_str(), first), ("Autumn 2026/27", date(2026, 9, 1)));
    }

    #[test]
    fn a_pupil_joining_today_joins_within_the_provisions_dates() {
        let (_, provision) = fls_provision();
        assert_eq!(joining_day(&provision, date(2025, 8, 1)), date(2025, 9, 8));
        assert_eq!(
            joining_day(&provision, date(2025, 10, 1)),
            date(2025, 10, 1)
        );
        assert_eq!(
            joining_day(&provision, date(2026, 1, 1)),
            date(2025, 12, 12)
        );
    }
}
