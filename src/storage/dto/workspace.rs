//! The two records themselves as stored: a workspace (everything but the pupils) and a
//! data drop. The scoring profile is stored as its own documented file format
//! ([`Profile`]'s JSON, the same a school downloads and uploads), so it is embedded as it is.

use super::all_to_core;
use super::cohort::CohortDto;
use super::drop::DataDropDto;
use super::mapping::MappingMemoryDto;
use super::provision::ProvisionBookDto;
use crate::core::profile::Profile;
use crate::storage::schema::{
    StorageError, StoredDrop, StoredWorkspace, DEFAULT_LOCK_AFTER_MINUTES,
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
    pub current_drop: Option<String>,
    /// Records written before it existed read as the default.
    #[serde(default = "default_lock_after")]
    pub lock_after_minutes: u32,
    /// Records written before it existed read as the default book.
    #[serde(default)]
    pub provision: ProvisionBookDto,
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
            current_drop: core.current_drop.clone(),
            lock_after_minutes: core.lock_after_minutes,
            provision: (&core.provision).into(),
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
            current_drop: dto.current_drop,
            lock_after_minutes: dto.lock_after_minutes,
            provision: dto.provision.try_into()?,
        })
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
