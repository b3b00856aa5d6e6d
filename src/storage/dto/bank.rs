//! The intervention bank and staff roles as stored. Every struct here reads a missing field
//! as the core's default (the Tameside bank, the four default roles, a 1-pupil weekly
//! 30-minute session), as records written before the field existed always have.

use super::pupil::{money_to_core, percent_to_core};
use super::{all_to_core, default_from_core, mirror_enum};
use crate::core::provision::bank::{
    Category, Delivery, Intervention, InterventionBank, InterventionId, NeedArea, Wave,
};
use crate::core::provision::staff::{HourlyRate, StaffRole, StaffRoleId, StaffRoles};
use crate::storage::schema::StorageError;
use serde::{Deserialize, Serialize};

mirror_enum!(
    /// One of the bank's four lists.
    CategoryDto => Category { Attendance, Ebsd, Curriculum, Other }
);

mirror_enum!(
    /// A wave of provision.
    WaveDto => Wave { One, Two, Three }
);

mirror_enum!(
    /// An area of need.
    NeedAreaDto => NeedArea { Literacy, Mathematics, Language, Semh, Eal, SensoryPhysical, Attendance, Other }
);

/// Staff role ids as stored: plain numbers.
pub(crate) fn staff_ids(ids: &[StaffRoleId]) -> Vec<u32> {
    ids.iter().map(|id| id.0).collect()
}

/// Staff role ids read back.
pub(crate) fn staff_ids_to_core(ids: Vec<u32>) -> Vec<StaffRoleId> {
    ids.into_iter().map(StaffRoleId).collect()
}

/// How an intervention is usually delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryDto {
    pub staff: Vec<u32>,
    pub group_size: u32,
    pub sessions_per_week: u32,
    pub minutes_per_session: u32,
    pub weeks: Option<u32>,
}

default_from_core!(DeliveryDto, Delivery);

impl From<&Delivery> for DeliveryDto {
    fn from(core: &Delivery) -> Self {
        DeliveryDto {
            staff: staff_ids(&core.staff),
            group_size: core.group_size,
            sessions_per_week: core.sessions_per_week,
            minutes_per_session: core.minutes_per_session,
            weeks: core.weeks,
        }
    }
}

impl From<DeliveryDto> for Delivery {
    fn from(dto: DeliveryDto) -> Self {
        Delivery {
            staff: staff_ids_to_core(dto.staff),
            group_size: dto.group_size,
            sessions_per_week: dto.sessions_per_week,
            minutes_per_session: dto.minutes_per_session,
            weeks: dto.weeks,
        }
    }
}

/// One item of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterventionDto {
    pub id: u32,
    pub name: String,
    pub category: CategoryDto,
    pub wave: WaveDto,
    pub need_area: NeedAreaDto,
    pub delivery: DeliveryDto,
    /// Pence.
    pub resource_cost: i64,
    pub description: String,
    pub trained_staff_required: bool,
    pub archived: bool,
}

default_from_core!(InterventionDto, Intervention);

impl From<&Intervention> for InterventionDto {
    fn from(core: &Intervention) -> Self {
        InterventionDto {
            id: core.id.0,
            name: core.name.clone(),
            category: core.category.into(),
            wave: core.wave.into(),
            need_area: core.need_area.into(),
            delivery: (&core.delivery).into(),
            resource_cost: core.resource_cost.pence(),
            description: core.description.clone(),
            trained_staff_required: core.trained_staff_required,
            archived: core.archived,
        }
    }
}

impl From<InterventionDto> for Intervention {
    fn from(dto: InterventionDto) -> Self {
        Intervention {
            id: InterventionId(dto.id),
            name: dto.name,
            category: dto.category.into(),
            wave: dto.wave.into(),
            need_area: dto.need_area.into(),
            delivery: dto.delivery.into(),
            resource_cost: money_to_core(dto.resource_cost),
            description: dto.description,
            trained_staff_required: dto.trained_staff_required,
            archived: dto.archived,
        }
    }
}

/// The intervention bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterventionBankDto {
    /// Every item, archived or not.
    pub items: Vec<InterventionDto>,
}

default_from_core!(InterventionBankDto, InterventionBank);

impl From<&InterventionBank> for InterventionBankDto {
    fn from(core: &InterventionBank) -> Self {
        InterventionBankDto {
            items: core.items.iter().map(Into::into).collect(),
        }
    }
}

impl From<InterventionBankDto> for InterventionBank {
    fn from(dto: InterventionBankDto) -> Self {
        InterventionBank {
            items: dto.items.into_iter().map(Into::into).collect(),
        }
    }
}

/// How a role's hourly cost is set: `{"Fixed": 4500}` (pence) or `{"Salary": {…}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HourlyRateDto {
    Fixed(i64),
    Salary {
        annual_salary: i64,
        /// Hundredths of a percent.
        on_costs: u32,
        paid_hours_per_year: u32,
    },
}

impl From<HourlyRate> for HourlyRateDto {
    fn from(core: HourlyRate) -> Self {
        match core {
            HourlyRate::Fixed(money) => HourlyRateDto::Fixed(money.pence()),
            HourlyRate::Salary {
                annual_salary,
                on_costs,
                paid_hours_per_year,
            } => HourlyRateDto::Salary {
                annual_salary: annual_salary.pence(),
                on_costs: on_costs.hundredths(),
                paid_hours_per_year,
            },
        }
    }
}

impl TryFrom<HourlyRateDto> for HourlyRate {
    type Error = StorageError;

    fn try_from(dto: HourlyRateDto) -> Result<HourlyRate, StorageError> {
        Ok(match dto {
            HourlyRateDto::Fixed(pence) => HourlyRate::Fixed(money_to_core(pence)),
            HourlyRateDto::Salary {
                annual_salary,
                on_costs,
                paid_hours_per_year,
            } => HourlyRate::Salary {
                annual_salary: money_to_core(annual_salary),
                on_costs: percent_to_core(on_costs)?,
                paid_hours_per_year,
            },
        })
    }
}

/// A staff role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffRoleDto {
    pub id: u32,
    pub name: String,
    pub rate: HourlyRateDto,
}

default_from_core!(StaffRoleDto, StaffRole);

impl From<&StaffRole> for StaffRoleDto {
    fn from(core: &StaffRole) -> Self {
        StaffRoleDto {
            id: core.id.0,
            name: core.name.clone(),
            rate: core.rate.into(),
        }
    }
}

impl TryFrom<StaffRoleDto> for StaffRole {
    type Error = StorageError;

    fn try_from(dto: StaffRoleDto) -> Result<StaffRole, StorageError> {
        Ok(StaffRole {
            id: StaffRoleId(dto.id),
            name: dto.name,
            rate: dto.rate.try_into()?,
        })
    }
}

/// The school's staff roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffRolesDto {
    /// Every role, in the order shown.
    pub roles: Vec<StaffRoleDto>,
}

default_from_core!(StaffRolesDto, StaffRoles);

impl From<&StaffRoles> for StaffRolesDto {
    fn from(core: &StaffRoles) -> Self {
        StaffRolesDto {
            roles: core.roles.iter().map(Into::into).collect(),
        }
    }
}

impl TryFrom<StaffRolesDto> for StaffRoles {
    type Error = StorageError;

    fn try_from(dto: StaffRolesDto) -> Result<StaffRoles, StorageError> {
        Ok(StaffRoles {
            roles: all_to_core(dto.roles)?,
        })
    }
}
