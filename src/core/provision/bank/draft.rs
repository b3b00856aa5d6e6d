//! The bank editor's **Edit intervention** form as data (SPEC §7, §8.2): every field of a
//! bank item — name, list, wave, need area, usual delivery (staff, group size, sessions a
//! week, minutes a session, weeks or the whole year), resource cost, description, whether
//! trained staff are needed, archived — as typed, checked in one place.
//! [`InterventionDraft::of`] fills the form; [`InterventionDraft::validate`] gives the
//! edited item or every problem, each naming its field, in the form's order.
//!
//! Provision that keeps the bank's defaults is costed from them, so saving a new usual
//! delivery re-costs it; provision with its own figures (overrides) keeps them.

use crate::core::provision::bank::{BankError, Category, Intervention, InterventionId};
use crate::core::provision::draft::MOST;
use crate::core::provision::{Delivery, NeedArea, ProvisionBook, StaffRoleId, Wave};
use crate::core::value::Money;

/// A field of the form, so a problem can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BankField {
    /// The intervention's name.
    Name,
    /// The staff delivering each session.
    Staff,
    /// Pupils in a group.
    GroupSize,
    /// Sessions a week.
    SessionsPerWeek,
    /// Minutes a session.
    MinutesPerSession,
    /// Weeks it runs.
    Weeks,
    /// Resources for a year of one group.
    ResourceCost,
}

/// One thing to put right, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankProblem {
    /// The field to put right.
    pub field: BankField,
    /// What to do.
    pub message: String,
}

/// The form as typed: numbers and money are the text in their boxes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterventionDraft {
    /// Its name.
    pub name: String,
    /// Which of the four lists it is in.
    pub category: Category,
    /// Its wave.
    pub wave: Wave,
    /// The need area it addresses.
    pub need_area: NeedArea,
    /// The staff delivering each session, one role per member of staff; none for an
    /// intervention that is only a resource.
    pub staff: Vec<StaffRoleId>,
    /// Pupils in a group.
    pub group_size: String,
    /// Sessions a week.
    pub sessions_per_week: String,
    /// Minutes a session.
    pub minutes_per_session: String,
    /// Runs the whole school year (the settings' weeks in the year); `weeks` is then
    /// not read.
    pub whole_year: bool,
    /// Weeks it runs, when not the whole year.
    pub weeks: String,
    /// Resources for a year of one group (£); blank for none.
    pub resource_cost: String,
    /// What it is, for staff.
    pub description: String,
    /// Whether staff need training to deliver it.
    pub trained_staff_required: bool,
    /// Not offered for new provision.
    pub archived: bool,
}

impl InterventionDraft {
    /// The form filled from `item`.
    pub fn of(item: &Intervention) -> InterventionDraft {
        let delivery = &item.delivery;
        let pence = item.resource_cost.pence();
        InterventionDraft {
            name: item.name.clone(),
            category: item.category,
            wave: item.wave,
            need_area: item.need_area,
            staff: delivery.staff.clone(),
            group_size: delivery.group_size.to_string(),
            sessions_per_week: delivery.sessions_per_week.to_string(),
            minutes_per_session: delivery.minutes_per_session.to_string(),
            whole_year: delivery.weeks.is_none(),
            weeks: delivery.weeks.map_or_else(String::new, |w| w.to_string()),
            resource_cost: if pence == 0 {
                String::new()
            } else {
                format!("{}.{:02}", pence / 100, pence % 100)
            },
            description: item.description.clone(),
            trained_staff_required: item.trained_staff_required,
            archived: item.archived,
        }
    }

    /// Checks the form against `book` as the new state of bank item `id`, and gives the
    /// edited item (same id) or every problem in the order of the form's fields: a name
    /// not blank and not another item's in the same list (ignoring case), staff from the
    /// roles, whole numbers in range (a group of 1 or more, weeks 1 or more), money read
    /// by [`Money::parse`] and not below £0.
    pub fn validate(
        &self,
        book: &ProvisionBook,
        id: InterventionId,
    ) -> Result<Intervention, Vec<BankProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: String| problems.push(BankProblem { field, message });
        if book.bank.get(id).is_none() {
            problem(BankField::Name, BankError::NotFound.to_string());
            return Err(problems);
        }
        let name = match book.bank.check_name(&self.name, self.category, Some(id)) {
            Ok(name) => Some(name),
            Err(BankError::Duplicate(name)) => {
                problem(
                    BankField::Name,
                    format!(
                        "There is already an intervention called “{name}” in {}.",
                        self.category.label()
                    ),
                );
                None
            }
            Err(error) => {
                problem(BankField::Name, error.to_string());
                None
            }
        };
        if !book.staff.unknown(&self.staff).is_empty() {
            problem(
                BankField::Staff,
                "Choose staff from the roles on the Costs page.".into(),
            );
        }
        let mut number = |text: &str, field, what: &str, least: u32| -> Option<u32> {
            match text.trim().parse::<u32>() {
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
            BankField::GroupSize,
            "pupils in a group",
            1,
        );
        let sessions = number(
            &self.sessions_per_week,
            BankField::SessionsPerWeek,
            "sessions a week",
            0,
        );
        let minutes = number(
            &self.minutes_per_session,
            BankField::MinutesPerSession,
            "minutes a session",
            0,
        );
        let weeks = if self.whole_year {
            Some(None)
        } else {
            number(&self.weeks, BankField::Weeks, "weeks it runs", 1).map(Some)
        };
        let resource_cost = match Money::parse(&self.resource_cost) {
            Ok(None) => Some(Money::ZERO),
            Ok(Some(money)) if money.pence() >= 0 => Some(money),
            _ => {
                problem(
                    BankField::ResourceCost,
                    "Enter the resource cost as an amount of money, such as £40 or £12.50, or leave it blank for none."
                        .into(),
                );
                None
            }
        };
        match (
            name,
            group_size,
            sessions,
            minutes,
            weeks,
            resource_cost,
            problems.is_empty(),
        ) {
            (
                Some(name),
                Some(group_size),
                Some(sessions_per_week),
                Some(minutes_per_session),
                Some(weeks),
                Some(resource_cost),
                true,
            ) => Ok(Intervention {
                id,
                name,
                category: self.category,
                wave: self.wave,
                need_area: self.need_area,
                delivery: Delivery {
                    staff: self.staff.clone(),
                    group_size,
                    sessions_per_week,
                    minutes_per_session,
                    weeks,
                },
                resource_cost,
                description: self.description.trim().to_string(),
                trained_staff_required: self.trained_staff_required,
                archived: self.archived,
            }),
            _ => {
                problems.sort_by_key(|p| p.field);
                Err(problems)
            }
        }
    }

    /// Saves the form over bank item `id` (it keeps its id and its place), or gives every
    /// problem and changes nothing.
    pub fn save_to(
        &self,
        book: &mut ProvisionBook,
        id: InterventionId,
    ) -> Result<(), Vec<BankProblem>> {
        let edited = self.validate(book, id)?;
        if let Some(item) = book.bank.get_mut(id) {
            *item = edited;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::provision::costs::cost_line;
    use crate::core::provision::Provision;
    use chrono::NaiveDate;

    /// Maths challenge (id 34): a teacher, groups of 6, one 45-minute session a week for
    /// 10 weeks.
    const MATHS: InterventionId = InterventionId(34);

    fn draft(book: &ProvisionBook) -> InterventionDraft {
        InterventionDraft::of(book.bank.get(MATHS).expect("in the bank"))
    }

    fn check(edit: impl FnOnce(&mut InterventionDraft), expected: &[(BankField, &str)]) {
        let book = ProvisionBook::default();
        let mut form = draft(&book);
        edit(&mut form);
        let actual: Vec<(BankField, String)> = match form.validate(&book, MATHS) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|p| (p.field, p.message)).collect(),
        };
        let expected: Vec<(BankField, String)> = expected
            .iter()
            .map(|(field, message)| (*field, message.to_string()))
            .collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn the_form_reads_back_the_item_unchanged() {
        let book = ProvisionBook::default();
        let form = draft(&book);
        assert_eq!(form.name, "Maths challenge");
        assert_eq!(form.staff, [StaffRoleId::TEACHER]);
        assert_eq!(
            (
                form.group_size.as_str(),
                form.sessions_per_week.as_str(),
                form.minutes_per_session.as_str(),
                form.weeks.as_str(),
                form.whole_year
            ),
            ("6", "1", "45", "10", false)
        );
        assert_eq!(form.resource_cost, "");
        assert_eq!(
            form.validate(&book, MATHS).as_ref(),
            Ok(book.bank.get(MATHS).expect("there"))
        );
        let laptop = InterventionDraft::of(book.bank.get(InterventionId(28)).expect("laptop"));
        assert!(laptop.whole_year && laptop.staff.is_empty());
        assert_eq!(laptop.resource_cost, "300.00");
    }

    #[test]
    fn every_field_is_saved() {
        let mut book = ProvisionBook::default();
        let mut form = draft(&book);
        form.name = "  Maths catch-up ".into();
        form.category = Category::Other;
        form.wave = Wave::Three;
        form.need_area = NeedArea::Mathematics;
        form.staff = vec![StaffRoleId::TA, StaffRoleId::HLTA];
        form.group_size = "4".into();
        form.sessions_per_week = "2".into();
        form.minutes_per_session = " 60 ".into();
        form.whole_year = true;
        form.weeks = "not read".into();
        form.resource_cost = "£1,250.50".into();
        form.description = " Number sense in small steps. ".into();
        form.trained_staff_required = true;
        form.archived = true;
        form.save_to(&mut book, MATHS).expect("valid");
        let item = book.bank.get(MATHS).expect("same id");
        assert_eq!(item.name, "Maths catch-up");
        assert_eq!(item.category, Category::Other);
        assert_eq!(item.wave, Wave::Three);
        assert_eq!(item.need_area, NeedArea::Mathematics);
        assert_eq!(
            item.delivery,
            Delivery {
                staff: vec![StaffRoleId::TA, StaffRoleId::HLTA],
                group_size: 4,
                sessions_per_week: 2,
                minutes_per_session: 60,
                weeks: None,
            }
        );
        assert_eq!(item.resource_cost.pence(), 125_050);
        assert_eq!(item.description, "Number sense in small steps.");
        assert!(item.trained_staff_required && item.archived);
        // Still the bank's last item: an edit keeps its place.
        assert_eq!(book.bank.items.last().map(|i| i.id), Some(MATHS));
    }

    #[test]
    fn each_problem_names_its_field_in_the_forms_order() {
        use BankField::*;
        check(|_| {}, &[]);
        check(
            |f| f.name = "  ".into(),
            &[(Name, "Give the intervention a name.")],
        );
        check(
            |f| f.name = "fls".into(),
            &[(
                Name,
                "There is already an intervention called “fls” in Curriculum.",
            )],
        );
        // Moving it to another list checks the names there.
        check(
            |f| {
                f.name = "EAL support".into();
                f.category = Category::Other;
            },
            &[(
                Name,
                "There is already an intervention called “EAL support” in Other.",
            )],
        );
        check(|f| f.name = "MATHS CHALLENGE".into(), &[]);
        check(
            |f| f.staff = vec![StaffRoleId(99)],
            &[(Staff, "Choose staff from the roles on the Costs page.")],
        );
        check(
            |f| {
                f.resource_cost = "forty".into();
                f.weeks = "0".into();
                f.minutes_per_session = "45.5".into();
                f.sessions_per_week = String::new();
                f.group_size = "0".into();
            },
            &[
                (
                    GroupSize,
                    "Enter the pupils in a group as a whole number from 1 to 10000.",
                ),
                (
                    SessionsPerWeek,
                    "Enter the sessions a week as a whole number from 0 to 10000.",
                ),
                (
                    MinutesPerSession,
                    "Enter the minutes a session as a whole number from 0 to 10000.",
                ),
                (
                    Weeks,
                    "Enter the weeks it runs as a whole number from 1 to 10000.",
                ),
                (
                    ResourceCost,
                    "Enter the resource cost as an amount of money, such as £40 or £12.50, or leave it blank for none.",
                ),
            ],
        );
        check(
            |f| {
                f.resource_cost = "-£5".into();
                f.weeks = "10001".into();
            },
            &[
                (
                    Weeks,
                    "Enter the weeks it runs as a whole number from 1 to 10000.",
                ),
                (
                    ResourceCost,
                    "Enter the resource cost as an amount of money, such as £40 or £12.50, or leave it blank for none.",
                ),
            ],
        );
        // The whole year needs no weeks; a resource-only item needs no staff or sessions.
        check(
            |f| {
                f.whole_year = true;
                f.weeks = String::new();
                f.staff.clear();
                f.sessions_per_week = "0".into();
                f.minutes_per_session = "0".into();
            },
            &[],
        );
        let mut book = ProvisionBook::default();
        let form = draft(&book);
        assert_eq!(
            form.save_to(&mut book, InterventionId(999)),
            Err(vec![BankProblem {
                field: Name,
                message: "That intervention is no longer in the bank.".into()
            }])
        );
        // A refused form changes nothing.
        let before = book.clone();
        let mut bad = draft(&book);
        bad.name = "Maths challenge 2".into();
        bad.group_size = "none".into();
        assert!(bad.save_to(&mut book, MATHS).is_err());
        assert_eq!(book, before);
    }

    #[test]
    fn a_new_usual_delivery_recosts_provision_that_uses_it_and_not_provision_with_its_own() {
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d).expect("a date");
        let mut book = ProvisionBook::default();
        let item = book.bank.get(MATHS).expect("there").clone();
        let mut uses_default = Provision::new(&item, day(9, 1), day(12, 19));
        uses_default.add_pupils(["A1"]);
        let mut own_minutes = uses_default.clone();
        own_minutes.overrides.minutes_per_session = Some(30);
        let uses_default = book.add_provision(uses_default);
        let own_minutes = book.add_provision(own_minutes);
        let cost = |book: &ProvisionBook, id| {
            cost_line(book, book.provision(id).expect("there"), None)
                .cost
                .pence()
        };
        // A teacher at £45: 1 session × 45 min × 10 weeks = 7.5 h = £337.50; 30 min £225.
        assert_eq!(cost(&book, uses_default), 33_750);
        assert_eq!(cost(&book, own_minutes), 22_500);
        let mut form = draft(&book);
        form.minutes_per_session = "60".into();
        form.save_to(&mut book, MATHS).expect("valid");
        assert_eq!(cost(&book, uses_default), 45_000);
        assert_eq!(cost(&book, own_minutes), 22_500);
    }
}
