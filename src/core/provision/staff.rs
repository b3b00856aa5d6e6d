//! Staff roles and their hourly cost (SPEC §7): Teacher £45, HLTA £22, TA £18 and
//! Learning mentor £20 an hour by default, each editable, or derived from an annual
//! salary, on-costs and paid hours a year.
//!
//! **Rounding.** A derived hourly cost is worked out exactly,
//! `salary × (100% + on-costs) ÷ paid hours`, and rounded once, half up, to whole pence.
//! That rounded figure — the one the school sees — is the hourly cost every provision
//! cost uses, so anyone can check a cost from the figures on screen, and
//! [`HourlyRate::working`] writes the sum out ("£24,000 × 1.28 ÷ 1,265 h = £24.28 an
//! hour").
//!
//! **Editing.** Roles are added and renamed with a name no other role has (ignoring case),
//! and removed only while nothing uses them: no bank item's usual staff, no provision's
//! staff and no provision's staff change ([`remove_role`], which names what uses it when
//! it refuses). The **Staff role** form as data is [`draft::StaffRoleDraft`].

pub mod draft;
mod uses;

pub use uses::{check_removal, remove_role, role_uses, RoleInUse, RoleUses};

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

impl HourlyRate {
    /// The sum behind a salary-derived rate, as the form shows it: "£24,000 × 1.28 ÷
    /// 1,265 h = £24.28 an hour" (the salary, 1 + on-costs, the paid hours and the
    /// rounded hourly cost). `None` for a cost typed per hour, or with no paid hours.
    pub fn working(&self) -> Option<String> {
        match *self {
            HourlyRate::Fixed(_) => None,
            HourlyRate::Salary {
                annual_salary,
                on_costs,
                paid_hours_per_year,
            } => (paid_hours_per_year > 0).then(|| {
                format!(
                    "{} × {} ÷ {} h = {} an hour",
                    short_money(annual_salary),
                    multiplier(on_costs),
                    grouped(u64::from(paid_hours_per_year)),
                    self.hourly_cost()
                )
            }),
        }
    }
}

/// Money as the sum writes it: whole pounds without pence ("£24,000"), else "£24,000.50".
fn short_money(money: Money) -> String {
    let text = money.to_string();
    if money.pence() % 100 == 0 {
        text.trim_end_matches(".00").to_string()
    } else {
        text
    }
}

/// 1 + on-costs as a plain decimal with no trailing zeros: 28% is "1.28", 30.5% is
/// "1.305", 0% is "1".
fn multiplier(on_costs: Percent) -> String {
    let ten_thousandths = 10_000 + on_costs.hundredths();
    let whole = ten_thousandths / 10_000;
    let fraction = format!("{:04}", ten_thousandths % 10_000);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// A whole number with thousands separated by commas: 1265 is "1,265".
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
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

    /// Adds a role called `name` (trimmed) and returns its new id, refusing a blank name
    /// or one another role has (ignoring case).
    pub fn add_role(&mut self, name: &str, rate: HourlyRate) -> Result<StaffRoleId, StaffError> {
        self.check_name(name, None)?;
        Ok(self.add(name, rate))
    }

    /// Renames a role; refused like [`StaffRoles::add_role`]. Provision and the bank refer
    /// to it by id, so the new name shows everywhere.
    pub fn rename(&mut self, id: StaffRoleId, name: &str) -> Result<(), StaffError> {
        self.get(id).ok_or(StaffError::NotFound)?;
        let name = self.check_name(name, Some(id))?;
        if let Some(role) = self.get_mut(id) {
            role.name = name;
        }
        Ok(())
    }

    /// Sets how a role's hourly cost is worked out.
    pub fn set_rate(&mut self, id: StaffRoleId, rate: HourlyRate) -> Result<(), StaffError> {
        self.get_mut(id).ok_or(StaffError::NotFound)?.rate = rate;
        Ok(())
    }

    /// The trimmed name, when it is not blank and no role but `except` has it.
    pub(crate) fn check_name(
        &self,
        name: &str,
        except: Option<StaffRoleId>,
    ) -> Result<String, StaffError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(StaffError::EmptyName);
        }
        let lower = name.to_lowercase();
        let taken = self
            .roles
            .iter()
            .any(|role| Some(role.id) != except && role.name.trim().to_lowercase() == lower);
        if taken {
            return Err(StaffError::Duplicate(name.to_string()));
        }
        Ok(name.to_string())
    }

    /// Adds a role without checking its name and returns its new id (one more than the
    /// largest in use). The forms use [`StaffRoles::add_role`].
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

/// Why a change to the staff roles was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaffError {
    /// The name was blank.
    #[error("Give the staff role a name.")]
    EmptyName,
    /// Another role already has this name (ignoring case).
    #[error("There is already a staff role called “{0}”.")]
    Duplicate(String),
    /// No role has this id.
    #[error("That staff role is no longer listed.")]
    NotFound,
    /// The role is still used, so removing it would leave staff unknown and uncosted.
    #[error("{0}")]
    InUse(RoleInUse),
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

    #[test]
    fn the_working_shows_the_sum_with_the_rounded_hourly_cost() {
        let rate = |pence: i64, hundredths: u32, hours: u32| HourlyRate::Salary {
            annual_salary: Money::from_pence(pence),
            on_costs: Percent::from_hundredths(hundredths),
            paid_hours_per_year: hours,
        };
        // £24,000 × 1.28 = £30,720 over 1,265 h = 2428.45… pence → £24.28.
        assert_eq!(
            rate(2_400_000, 2_800, 1_265).working().as_deref(),
            Some("£24,000 × 1.28 ÷ 1,265 h = £24.28 an hour")
        );
        assert_eq!(
            rate(2_400_050, 3_050, 950).working().as_deref(),
            Some("£24,000.50 × 1.305 ÷ 950 h = £32.97 an hour")
        );
        assert_eq!(
            rate(3_000_000, 0, 1_000).working().as_deref(),
            Some("£30,000 × 1 ÷ 1,000 h = £30.00 an hour")
        );
        assert_eq!(
            rate(3_000_000, 2_825, 1_000).working().as_deref(),
            Some("£30,000 × 1.2825 ÷ 1,000 h = £38.48 an hour")
        );
        assert_eq!(rate(3_000_000, 2_800, 0).working(), None);
        assert_eq!(HourlyRate::Fixed(Money::from_pence(1_800)).working(), None);
    }

    #[test]
    fn roles_are_added_and_renamed_with_names_no_other_role_has() {
        let mut roles = StaffRoles::default();
        let senior = roles
            .add_role(" Senior TA ", HourlyRate::Fixed(Money::from_pence(2_100)))
            .expect("a new name");
        assert_eq!(senior, StaffRoleId(5));
        assert_eq!(roles.name(senior), "Senior TA");
        assert_eq!(
            roles.add_role("  ", HourlyRate::default()),
            Err(StaffError::EmptyName)
        );
        assert_eq!(
            roles.add_role("hlta", HourlyRate::default()),
            Err(StaffError::Duplicate("hlta".into()))
        );
        roles
            .rename(senior, "senior ta")
            .expect("its own name, other case");
        assert_eq!(roles.name(senior), "senior ta");
        assert_eq!(
            roles.rename(senior, "Teacher"),
            Err(StaffError::Duplicate("Teacher".into()))
        );
        assert_eq!(
            roles.rename(StaffRoleId(99), "x"),
            Err(StaffError::NotFound)
        );
        roles
            .set_rate(senior, HourlyRate::Fixed(Money::from_pence(2_250)))
            .expect("set");
        assert_eq!(roles.hourly_cost(senior).pence(), 2_250);
        assert_eq!(
            StaffError::Duplicate("TA".into()).to_string(),
            "There is already a staff role called “TA”."
        );
    }
}
