//! The two records themselves as stored: a workspace (everything but the pupils) and a
//! data drop. The scoring profile is stored as its own documented file format
//! ([`Profile`]'s JSON, the same a school downloads and uploads), so it is embedded as it is.

use super::all_to_core;
use super::cohort::CohortDto;
use super::drop::{AcademicYearDto, DataDropDto, TermDto};
use super::mapping::MappingMemoryDto;
use super::provision::ProvisionBookDto;
use super::school::SchoolDetailsDto;
use super::self_evaluation::SelfEvaluationDto;
use super::targets::TargetBookDto;
use crate::core::profile::Profile;
use crate::core::tracking::timeline::Period;
use crate::storage::schema::{
    DropEntry, StorageError, StoredDrop, StoredWorkspace, DEFAULT_LOCK_AFTER_MINUTES,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

fn default_lock_after() -> u32 {
    DEFAULT_LOCK_AFTER_MINUTES
}

/// A workspace record as stored, field for field (see [`StoredWorkspace`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredWorkspaceDto {
    pub schema_version: u32,
    pub id: String,
    pub name: String,
    pub revision: u64,
    pub profile: Profile,
    pub mapping_memory: MappingMemoryDto,
    pub cohorts: Vec<CohortDto>,
    pub focus: BTreeSet<String>,
    pub notes: BTreeMap<String, String>,
    pub synthetic: bool,
    pub drops: Vec<DropEntryDto>,
    pub shown_drop: Option<String>,
    /// Records written before it existed read as the default.
    #[serde(default = "default_lock_after")]
    pub lock_after_minutes: u32,
    /// Records written before it existed read as the default book.
    #[serde(default)]
    pub provision: ProvisionBookDto,
    /// Records written before it existed read as the empty book.
    #[serde(default)]
    pub targets: TargetBookDto,
    /// Records written before it existed read as no prompt answered.
    #[serde(default)]
    pub self_evaluation: SelfEvaluationDto,
    /// Records written before it existed read as no details given.
    #[serde(default)]
    pub details: SchoolDetailsDto,
}

impl From<&StoredWorkspace> for StoredWorkspaceDto {
    fn from(core: &StoredWorkspace) -> Self {
        StoredWorkspaceDto {
            schema_version: core.schema_version,
            id: core.id.clone(),
            name: core.name.clone(),
            revision: core.revision,
            profile: core.profile.clone(),
            mapping_memory: (&core.mapping_memory).into(),
            cohorts: core.cohorts.iter().map(Into::into).collect(),
            focus: core.focus.clone(),
            notes: core.notes.clone(),
            synthetic: core.synthetic,
            drops: core.drops.iter().map(Into::into).collect(),
            shown_drop: core.shown_drop.clone(),
            lock_after_minutes: core.lock_after_minutes,
            provision: (&core.provision).into(),
            targets: (&core.targets).into(),
            self_evaluation: (&core.self_evaluation).into(),
            details: (&core.details).into(),
        }
    }
}

impl TryFrom<StoredWorkspaceDto> for StoredWorkspace {
    type Error = StorageError;

    fn try_from(dto: StoredWorkspaceDto) -> Result<StoredWorkspace, StorageError> {
        Ok(StoredWorkspace {
            schema_version: dto.schema_version,
            id: dto.id,
            name: dto.name,
            revision: dto.revision,
            profile: dto.profile,
            mapping_memory: dto.mapping_memory.into(),
            cohorts: all_to_core(dto.cohorts)?,
            focus: dto.focus,
            notes: dto.notes,
            synthetic: dto.synthetic,
            drops: dto.drops.into_iter().map(Into::into).collect(),
            shown_drop: dto.shown_drop,
            lock_after_minutes: dto.lock_after_minutes,
            provision: dto.provision.try_into()?,
            targets: dto.targets.try_into()?,
            self_evaluation: dto.self_evaluation.try_into()?,
            details: dto.details.try_into()?,
        })
    }
}

/// A term and academic year a drop was relabelled to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodDto {
    pub academic_year: AcademicYearDto,
    pub term: TermDto,
}

impl From<Period> for PeriodDto {
    fn from(core: Period) -> Self {
        PeriodDto {
            academic_year: core.academic_year.into(),
            term: core.term.into(),
        }
    }
}

impl From<PeriodDto> for Period {
    fn from(dto: PeriodDto) -> Self {
        Period {
            academic_year: dto.academic_year.into(),
            term: dto.term.into(),
        }
    }
}

/// One of the workspace's drops as listed in its record (see [`DropEntry`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropEntryDto {
    pub id: String,
    /// Written only for a relabelled drop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relabelled: Option<PeriodDto>,
}

impl From<&DropEntry> for DropEntryDto {
    fn from(core: &DropEntry) -> Self {
        DropEntryDto {
            id: core.id.clone(),
            relabelled: core.relabelled.map(Into::into),
        }
    }
}

impl From<DropEntryDto> for DropEntry {
    fn from(dto: DropEntryDto) -> Self {
        DropEntry {
            id: dto.id,
            relabelled: dto.relabelled.map(Into::into),
        }
    }
}

/// A data drop record as stored (see [`StoredDrop`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDropDto {
    pub schema_version: u32,
    pub id: String,
    pub drop: DataDropDto,
}

impl From<&StoredDrop> for StoredDropDto {
    fn from(core: &StoredDrop) -> Self {
        StoredDropDto {
            schema_version: core.schema_version,
            id: core.id.clone(),
            drop: (&core.drop).into(),
        }
    }
}

impl TryFrom<StoredDropDto> for StoredDrop {
    type Error = StorageError;

    fn try_from(dto: StoredDropDto) -> Result<StoredDrop, StorageError> {
        Ok(StoredDrop {
            schema_version: dto.schema_version,
            id: dto.id,
            drop: dto.drop.try_into()?,
        })
    }
}
