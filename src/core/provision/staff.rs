//! Staff roles and their hourly cost (SPEC §7): Teacher £45, HLTA £22, TA £18 and
//! Learning mentor £20 an hour by default, each editable, or derived from an annual
//! salary, on-costs and paid hours a year.
//!
//! **Rounding.** A derived hourly cost is worked out exactly,
//! `salary × (100% + on-costs) ÷ paid hours`, and rounded once, half up, to whole pence.
//! That rounded figure — the one the school sees — is the hourly cost every provision
//! cost uses, so anyone can check a cost from the figures on screen.

use crate::core::provision::round_half_up;
use crate::core::value::{Money, Percent};

/// The id of a staff role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct StaffRoleId(pub u32);

impl StaffRoleId {
    /// The default Teacher role.
    pub const TEACHER: StaffRoleId = StaffRoleId(1);
    /// The default Higher-level teaching assistant role.
    pub const HLTA: StaffRoleId = StaffRoleId(2);
    /// The default Teaching assistant role.
    pub const TA: StaffRoleId = StaffRoleId(3);
    /// The default Learning mentor role.
    pub const LEARNING_MENTOR: StaffRoleId = StaffRoleId(4);
}

/// How a role's hourly cost is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HourlyRate {
    /// A cost per hour, as entered.
    Fixed(Money),
    /// Derived from the annual salary, employer's on-costs (national insurance, pension)
    /// as a percentage of salary, and the hours a year the salary pays for.
    Salary {
        /// Annual salary.
        annual_salary: Money,
        /// On-costs as a percentage of salary.
        on_costs: Percent,
        /// Paid hours a year.
        paid_hours_per_year: u32,
    },
}

impl Default for HourlyRate {
    fn default() -> Self {
        HourlyRate::Fixed(Money::ZERO)
    }
}

impl HourlyRate {
    /// The cost of an hour in whole pence. A salary is turned into an hourly cost exactly
    /// and rounded once, half up; with no paid hours it is £0.
    pub fn hourly_cost(&self) -> Money {
        match *self {
            HourlyRate::Fixed(money) => money,
            HourlyRate::Salary {
                annual_salary,
                on_costs,
                paid_hours_per_year,
            } => {
                let numerator = i128::from(annual_salary.pence())
                    * (10_000 + i128::from(on_costs.hundredths()));
                let denominator = 10_000 * i128::from(paid_hours_per_year);
                Money::from_pence(round_half_up(numerator, denominator))
            }
        }
    }
}

/// A staff role.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StaffRole {
    /// Its id.
    pub id: StaffRoleId,
    /// Its name: "Teacher", "HLTA", …
    pub name: String,
    /// How its hourly cost is set.
    pub rate: HourlyRate,
}

impl StaffRole {
    /// The cost of an hour of this role, in whole pence.
    pub fn hourly_cost(&self) -> Money {
        self.rate.hourly_cost()
    }
}

/// The school's staff roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRoles {
    /// Every role, in the order shown.
    pub roles: Vec<StaffRole>,
}

impl Default for StaffRoles {
    /// Teacher £45, HLTA £22, TA £18 and Learning mentor £20 an hour.
    fn default() -> Self {
        let role = |id, name: &str, pence| StaffRole {
            id,
            name: name.to_string(),
            rate: HourlyRate::Fixed(Money::from_pence(pence)),
        };
        StaffRoles {
            roles: vec![
                role(StaffRoleId::TEACHER, "Teacher", 4_500),
                role(StaffRoleId::HLTA, "HLTA", 2_200),
                role(StaffRoleId::TA, "TA", 1_800),
                role(StaffRoleId::LEARNING_MENTOR, "Learning mentor", 2_000),
            ],
        }
    }
}

impl StaffRoles {
    /// The role with this id.
    pub fn get(&self, id: StaffRoleId) -> Option<&StaffRole> {
        self.roles.iter().find(|role| role.id == id)
    }

    /// The role with this id, to edit its name or rate.
    pub fn get_mut(&mut self, id: StaffRoleId) -> Option<&mut StaffRole> {
        self.roles.iter_mut().find(|role| role.id == id)
    }

    /// The hourly cost of a role; a role that no longer exists costs nothing (see
    /// [`StaffRoles::unknown`] to list such references).
    pub fn hourly_cost(&self, id: StaffRoleId) -> Money {
        self.get(id).map_or(Money::ZERO, StaffRole::hourly_cost)
    }

    /// The role's name, or "Unknown role" when it no longer exists.
    pub fn name(&self, id: StaffRoleId) -> &str {
        self.get(id)
            .map_or("Unknown role", |role| role.name.as_str())
    }

    /// The ids in `staff` that are not a role here.
    pub fn unknown(&self, staff: &[StaffRoleId]) -> Vec<StaffRoleId> {
        staff
            .iter()
            .copied()
            .filter(|id| self.get(*id).is_none())
            .collect()
    }

    /// Adds a role and returns its new id (one more than the largest in use).
    pub fn add(&mut self, name: &str, rate: HourlyRate) -> StaffRoleId {
        let id = StaffRoleId(
            self.roles
                .iter()
                .map(|role| role.id.0)
                .max()
                .map_or(1, |max| max.saturating_add(1)),
        );
        self.roles.push(StaffRole {
            id,
            name: name.trim().to_string(),
            rate,
        });
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salary(pounds: i64, on_costs_hundredths: u32, hours: u32) -> Money {
        HourlyRate::Salary {
            annual_salary: Money::from_pence(pounds * 100),
            on_costs: Percent::from_hundredths(on_costs_hundredths),
            paid_hours_per_year: hours,
        }
        .hourly_cost()
    }

    #[test]
    fn the_default_roles_cost_what_the_spec_says() {
        let roles = StaffRoles::default();
        let cost = |id| roles.hourly_cost(id).pence();
        assert_eq!(cost(StaffRoleId::TEACHER), 4_500);
        assert_eq!(cost(StaffRoleId::HLTA), 2_200);
        assert_eq!(cost(StaffRoleId::TA), 1_800);
        assert_eq!(cost(StaffRoleId::LEARNING_MENTOR), 2_000);
        assert_eq!(roles.name(StaffRoleId::LEARNING_MENTOR), "Learning mentor");
        assert_eq!(cost(StaffRoleId(99)), 0);
        assert_eq!(
            roles.unknown(&[StaffRoleId::TA, StaffRoleId(99)]),
            [StaffRoleId(99)]
        );
    }

    #[test]
    fn an_hourly_cost_derived_from_salary_is_exact_then_rounded_half_up_once() {
        // £21,000 + 28% on-costs = £26,880 over 1,265 hours = 2124.901… pence → £21.25.
        assert_eq!(salary(21_000, 2_800, 1_265).pence(), 2_125);
        // £38,810 + 30.5% = £50,647.05 over 1,265 h = 4003.72… pence → £40.04.
        assert_eq!(salary(38_810, 3_050, 1_265).pence(), 4_004);
        // Exactly half a penny rounds up: £1 + 50% over 4 h = 37.5p → 38p.
        let half = HourlyRate::Salary {
            annual_salary: Money::from_pence(100),
            on_costs: Percent::from_hundredths(5_000),
            paid_hours_per_year: 4,
        };
        assert_eq!(half.hourly_cost().pence(), 38);
        // £1 over 3 hours = 33.33…p → 33p.
        assert_eq!(salary(1, 0, 3).pence(), 33);
        assert_eq!(salary(21_000, 2_800, 0).pence(), 0);
    }

    #[test]
    fn a_derived_rate_is_used_by_the_roles_and_added_roles_get_fresh_ids() {
        let mut roles = StaffRoles::default();
        let senco = roles.add(
            " SENCO ",
            HourlyRate::Salary {
                annual_salary: Money::from_pence(4_500_000),
                on_costs: Percent::from_hundredths(3_000),
                paid_hours_per_year: 1_265,
            },
        );
        assert_eq!(senco, StaffRoleId(5));
        assert_eq!(roles.name(senco), "SENCO");
        // 4,500,000 × 1.3 / 1,265 = 4624.505… → 4625.
        assert_eq!(roles.hourly_cost(senco).pence(), 4_625);
        if let Some(ta) = roles.get_mut(StaffRoleId::TA) {
            ta.rate = HourlyRate::Fixed(Money::from_pence(1_950));
        }
        assert_eq!(roles.hourly_cost(StaffRoleId::TA).pence(), 1_950);
    }
}
