//! The **Staff role** form as data (SPEC §7): a name, and an hourly cost either typed or
//! worked out from an annual salary, on-costs and paid hours a year. The UI keeps what was
//! typed in a [`StaffRoleDraft`]; [`StaffRoleDraft::validate`] gives the name and rate or
//! every problem, each naming its field, and [`StaffRoleDraft::working`] is the sum shown
//! as the salary fields are typed.

use crate::core::profile::parse_hundredths;
use crate::core::provision::staff::{HourlyRate, StaffRole, StaffRoleId, StaffRoles};
use crate::core::value::{Money, Percent};

/// The most paid hours a year (every hour of a leap year).
pub const MOST_HOURS: u32 = 8_784;

/// How the hourly cost is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RateKind {
    /// A cost per hour, typed.
    #[default]
    Hourly,
    /// Worked out from salary, on-costs and paid hours.
    Salary,
}

impl RateKind {
    /// Both, in the form's order.
    pub const ALL: [RateKind; 2] = [RateKind::Hourly, RateKind::Salary];

    /// "An hourly cost", "Worked out from a salary".
    pub fn label(&self) -> &'static str {
        match self {
            RateKind::Hourly => "An hourly cost",
            RateKind::Salary => "Worked out from a salary",
        }
    }
}

/// A field of the form, so a problem can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StaffField {
    /// The role's name.
    Name,
    /// The hourly cost typed.
    Hourly,
    /// The annual salary.
    Salary,
    /// On-costs as a percentage of salary.
    OnCosts,
    /// Paid hours a year.
    PaidHours,
}

/// One thing to put right, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffProblem {
    /// The field to put right.
    pub field: StaffField,
    /// What to do.
    pub message: String,
}

/// The staff role form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StaffRoleDraft {
    /// The role's name.
    pub name: String,
    /// Typed per hour, or worked out from a salary.
    pub kind: RateKind,
    /// The hourly cost (£), when typed.
    pub hourly: String,
    /// The annual salary (£).
    pub salary: String,
    /// On-costs (national insurance, pension) as a percentage of salary.
    pub on_costs: String,
    /// The hours a year the salary pays for.
    pub paid_hours: String,
}

/// Money as the form fills it in: "24000.00", blank for none.
fn money_text(money: Money) -> String {
    format!("{}.{:02}", money.pence() / 100, money.pence() % 100)
}

impl StaffRoleDraft {
    /// The form filled from `role`.
    pub fn of(role: &StaffRole) -> StaffRoleDraft {
        let name = role.name.clone();
        match role.rate {
            HourlyRate::Fixed(money) => StaffRoleDraft {
                name,
                kind: RateKind::Hourly,
                hourly: money_text(money),
                ..StaffRoleDraft::default()
            },
            HourlyRate::Salary {
                annual_salary,
                on_costs,
                paid_hours_per_year,
            } => StaffRoleDraft {
                name,
                kind: RateKind::Salary,
                hourly: money_text(role.hourly_cost()),
                salary: money_text(annual_salary),
                on_costs: {
                    let h = on_costs.hundredths();
                    if h % 100 == 0 {
                        (h / 100).to_string()
                    } else {
                        format!("{}.{:02}", h / 100, h % 100)
                    }
                },
                paid_hours: paid_hours_per_year.to_string(),
            },
        }
    }

    /// The rate the form gives, or every problem with it.
    pub fn rate(&self) -> Result<HourlyRate, Vec<StaffProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: &str| {
            problems.push(StaffProblem {
                field,
                message: message.to_string(),
            })
        };
        let money = |text: &str| match Money::parse(text) {
            Ok(Some(money)) if money.pence() >= 0 => Some(money),
            _ => None,
        };
        let rate = match self.kind {
            RateKind::Hourly => {
                let hourly = money(&self.hourly);
                if hourly.is_none() {
                    problem(
                        StaffField::Hourly,
                        "Enter the hourly cost as an amount of money, such as £18.50.",
                    );
                }
                hourly.map(HourlyRate::Fixed)
            }
            RateKind::Salary => {
                let salary = money(&self.salary);
                if salary.is_none() {
                    problem(
                        StaffField::Salary,
                        "Enter the annual salary as an amount of money, such as £24,000.",
                    );
                }
                let on_costs = parse_hundredths(&self.on_costs).ok();
                if on_costs.is_none() {
                    problem(
                        StaffField::OnCosts,
                        "Enter the on-costs as a percentage of salary from 0 to 100, such as 28.",
                    );
                }
                let hours = match self.paid_hours.trim().replace(',', "").parse::<u32>() {
                    Ok(hours) if (1..=MOST_HOURS).contains(&hours) => Some(hours),
                    _ => {
                        problem(
                            StaffField::PaidHours,
                            "Enter the paid hours a year as a whole number from 1 to 8784, such as 1265.",
                        );
                        None
                    }
                };
                match (salary, on_costs, hours) {
                    (Some(annual_salary), Some(on_costs), Some(paid_hours_per_year)) => {
                        Some(HourlyRate::Salary {
                            annual_salary,
                            on_costs: Percent::from_hundredths(on_costs),
                            paid_hours_per_year,
                        })
                    }
                    _ => None,
                }
            }
        };
        match rate {
            Some(rate) if problems.is_empty() => Ok(rate),
            _ => Err(problems),
        }
    }

    /// The sum as it stands, for the form to show while typing: "£24,000 × 1.28 ÷ 1,265 h
    /// = £24.28 an hour" once the salary fields read; `None` before then or for a cost
    /// typed per hour.
    pub fn working(&self) -> Option<String> {
        if self.kind != RateKind::Salary {
            return None;
        }
        self.rate().ok().and_then(|rate| rate.working())
    }

    /// Checks the form against `roles` (`except` is the role being edited, whose own name
    /// is allowed) and gives the trimmed name and the rate, or every problem in the order
    /// of the form's fields.
    pub fn validate(
        &self,
        roles: &StaffRoles,
        except: Option<StaffRoleId>,
    ) -> Result<(String, HourlyRate), Vec<StaffProblem>> {
        let name = roles.check_name(&self.name, except);
        let rate = self.rate();
        match (name, rate) {
            (Ok(name), Ok(rate)) => Ok((name, rate)),
            (name, rate) => {
                let mut problems = Vec::new();
                if let Err(error) = name {
                    problems.push(StaffProblem {
                        field: StaffField::Name,
                        message: error.to_string(),
                    });
                }
                problems.extend(rate.err().unwrap_or_default());
                Err(problems)
            }
        }
    }

    /// Adds the role the form describes and gives its id, or every problem.
    pub fn add_to(&self, roles: &mut StaffRoles) -> Result<StaffRoleId, Vec<StaffProblem>> {
        let (name, rate) = self.validate(roles, None)?;
        Ok(roles.add(&name, rate))
    }

    /// Saves the form over role `id`, or gives every problem.
    pub fn save_to(
        &self,
        roles: &mut StaffRoles,
        id: StaffRoleId,
    ) -> Result<(), Vec<StaffProblem>> {
        let (name, rate) = self.validate(roles, Some(id))?;
        match roles.get_mut(id) {
            Some(role) => {
                role.name = name;
                role.rate = rate;
                Ok(())
            }
            None => Err(vec![StaffProblem {
                field: StaffField::Name,
                message: "That staff role is no longer listed.".into(),
            }]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salary_draft() -> StaffRoleDraft {
        StaffRoleDraft {
            name: "Senior TA".into(),
            kind: RateKind::Salary,
            hourly: String::new(),
            salary: "£24,000".into(),
            on_costs: "28%".into(),
            paid_hours: "1,265".into(),
        }
    }

    /// The problems `draft` has against the default roles, as (field, message).
    fn check(draft: StaffRoleDraft, expected: &[(StaffField, &str)]) {
        let actual: Vec<(StaffField, String)> = match draft.validate(&StaffRoles::default(), None) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(|p| (p.field, p.message)).collect(),
        };
        let expected: Vec<(StaffField, String)> = expected
            .iter()
            .map(|(field, message)| (*field, message.to_string()))
            .collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn a_salary_draft_gives_the_rate_and_shows_its_sum() {
        let draft = salary_draft();
        assert_eq!(
            draft.working().as_deref(),
            Some("£24,000 × 1.28 ÷ 1,265 h = £24.28 an hour")
        );
        let mut roles = StaffRoles::default();
        let id = draft.add_to(&mut roles).expect("valid");
        assert_eq!(roles.name(id), "Senior TA");
        assert_eq!(roles.hourly_cost(id).pence(), 2_428);
        // Filled back from the role, it reads the same.
        let again = StaffRoleDraft::of(roles.get(id).expect("added"));
        assert_eq!(again.salary, "24000.00");
        assert_eq!(again.on_costs, "28");
        assert_eq!(again.paid_hours, "1265");
        assert_eq!(again.hourly, "24.28");
        assert_eq!(
            again.validate(&roles, Some(id)).map(|(_, r)| r),
            draft.rate()
        );
        // Half-typed salary fields show no sum yet.
        let half = StaffRoleDraft {
            paid_hours: String::new(),
            ..salary_draft()
        };
        assert_eq!(half.working(), None);
        let fixed = StaffRoleDraft {
            kind: RateKind::Hourly,
            hourly: "18.50".into(),
            ..salary_draft()
        };
        assert_eq!(fixed.working(), None);
        assert_eq!(
            fixed.rate(),
            Ok(HourlyRate::Fixed(Money::from_pence(1_850)))
        );
    }

    #[test]
    fn each_problem_names_its_field() {
        use StaffField::*;
        check(salary_draft(), &[]);
        check(
            StaffRoleDraft {
                name: " ".into(),
                ..salary_draft()
            },
            &[(Name, "Give the staff role a name.")],
        );
        check(
            StaffRoleDraft {
                name: "ta".into(),
                ..salary_draft()
            },
            &[(Name, "There is already a staff role called “ta”.")],
        );
        check(
            StaffRoleDraft {
                salary: "lots".into(),
                on_costs: "128".into(),
                paid_hours: "12.5".into(),
                ..salary_draft()
            },
            &[
                (
                    Salary,
                    "Enter the annual salary as an amount of money, such as £24,000.",
                ),
                (
                    OnCosts,
                    "Enter the on-costs as a percentage of salary from 0 to 100, such as 28.",
                ),
                (
                    PaidHours,
                    "Enter the paid hours a year as a whole number from 1 to 8784, such as 1265.",
                ),
            ],
        );
        check(
            StaffRoleDraft {
                salary: "-£5".into(),
                on_costs: String::new(),
                paid_hours: "0".into(),
                ..salary_draft()
            },
            &[
                (
                    Salary,
                    "Enter the annual salary as an amount of money, such as £24,000.",
                ),
                (
                    OnCosts,
                    "Enter the on-costs as a percentage of salary from 0 to 100, such as 28.",
                ),
                (
                    PaidHours,
                    "Enter the paid hours a year as a whole number from 1 to 8784, such as 1265.",
                ),
            ],
        );
        check(
            StaffRoleDraft {
                kind: RateKind::Hourly,
                hourly: String::new(),
                salary: "nonsense, not read".into(),
                ..salary_draft()
            },
            &[(
                Hourly,
                "Enter the hourly cost as an amount of money, such as £18.50.",
            )],
        );
    }

    #[test]
    fn saving_over_a_role_keeps_its_id_and_allows_its_own_name() {
        let mut roles = StaffRoles::default();
        let draft = StaffRoleDraft {
            name: "ta".into(),
            ..salary_draft()
        };
        draft
            .save_to(&mut roles, StaffRoleId::TA)
            .expect("own name");
        assert_eq!(roles.name(StaffRoleId::TA), "ta");
        assert_eq!(roles.hourly_cost(StaffRoleId::TA).pence(), 2_428);
        let problems = draft
            .save_to(&mut roles, StaffRoleId::HLTA)
            .expect_err("another role's name");
        assert_eq!(problems[0].field, StaffField::Name);
        assert!(draft.save_to(&mut roles, StaffRoleId(99)).is_err());
    }
}
