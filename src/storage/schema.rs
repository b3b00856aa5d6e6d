//! What is stored, and how it is checked on the way back in.
//!
//! A workspace is kept as two kinds of record, so a small edit never rewrites the pupils:
//! - [`StoredWorkspace`]: the school's own settings and work (profile, confirmed
//!   mappings, cohorts, focus flags, notes) — small, rewritten on every edit;
//! - [`StoredDrop`]: one imported data drop with its pupils — written once per import.
//!
//! Every record carries [`SCHEMA_VERSION`]. A record from a newer version of the planner
//! is refused rather than half-read; older versions are migrated in [`decode_workspace`]
//! and [`decode_drop`].
//!
//! These two types are the records in memory, holding core types. What is written is their
//! stored shape ([`super::dto`]): [`encode_workspace`] and [`encode_drop`] go core → stored
//! shape → JSON, and decoding goes JSON → migration → stored shape → core.

use super::dto::workspace::{StoredDropDto, StoredWorkspaceDto};
pub use super::error::StorageError;
use super::migrate::{migrate, unrepresented, RecordKind};
use crate::core::cohort::Cohort;
use crate::core::drop::DataDrop;
use crate::core::import::mapping::MappingMemory;
use crate::core::profile::Profile;
use crate::core::provision::ProvisionBook;
use crate::core::school::SchoolDetails;
use crate::core::self_evaluation::SelfEvaluation;
use crate::core::targets::TargetBook;
use crate::core::tracking::timeline::Period;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The version of the stored schema: records are written as this and older ones migrated
/// to it ([`migrate`](super::migrate)). Bump it by adding a migration step whenever a
/// stored shape changes.
pub const SCHEMA_VERSION: u32 = super::migrate::CURRENT_VERSION;

/// The "Lock after" choices, in minutes of no keyboard or pointer use, for a workspace
/// protected with a passphrase.
pub const LOCK_AFTER_CHOICES: [u32; 4] = [5, 15, 30, 60];

/// The "Lock after" time until the user chooses another.
pub const DEFAULT_LOCK_AFTER_MINUTES: u32 = 15;

/// A workspace's own settings and work: everything except the pupils. Stored as
/// [`StoredWorkspaceDto`].
#[derive(Debug, Clone, PartialEq)]
pub struct StoredWorkspace {
    /// Always [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// The workspace's id (its IndexedDB key).
    pub id: String,
    /// The school's name, as the user gave it.
    pub name: String,
    /// Increases with every save: another tab compares it to spot changes it hasn't seen.
    pub revision: u64,
    /// The scoring profile.
    pub profile: Profile,
    /// Column mappings the user confirmed.
    pub mapping_memory: MappingMemory,
    /// Saved cohorts.
    pub cohorts: Vec<Cohort>,
    /// Pupils flagged for focus, by pupil key.
    pub focus: BTreeSet<String>,
    /// Staff notes, by pupil key.
    pub notes: BTreeMap<String, String>,
    /// True when the current data drop is the built-in made-up school.
    pub synthetic: bool,
    /// The workspace's data drops (one per term), in the order they were imported. The
    /// pupils are in their own records ([`StoredDrop`]), written once each.
    pub drops: Vec<DropEntry>,
    /// The drop the planner shows, by id; `None` shows the latest.
    pub shown_drop: Option<String>,
    /// With a passphrase set, lock after this many minutes without keyboard or pointer
    /// use (one of [`LOCK_AFTER_CHOICES`]). Records written before it existed read as the
    /// default.
    pub lock_after_minutes: u32,
    /// The school's provision: intervention bank, staff roles, provisions, costs settings
    /// and individual provision maps. Records written before it existed read as the
    /// default (the Tameside bank and the default staff roles).
    pub provision: ProvisionBook,
    /// The school's targets at every level and pupils' curricular targets. Records
    /// written before it existed read as the empty book.
    pub targets: TargetBook,
    /// The school's self-evaluation against the practical guide's nine features. Records
    /// written before it existed read as no prompt answered.
    pub self_evaluation: SelfEvaluation,
    /// The school's details (name, URN, DfE number, phase, local authority), shown on
    /// prints and exports. Records written before they existed read as none given.
    pub details: SchoolDetails,
}

impl StoredWorkspace {
    /// A new, empty workspace.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> StoredWorkspace {
        StoredWorkspace {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            name: name.into(),
            revision: 0,
            profile: Profile::universal(),
            mapping_memory: MappingMemory::default(),
            cohorts: Vec::new(),
            focus: BTreeSet::new(),
            notes: BTreeMap::new(),
            synthetic: false,
            drops: Vec::new(),
            shown_drop: None,
            lock_after_minutes: DEFAULT_LOCK_AFTER_MINUTES,
            provision: ProvisionBook::default(),
            targets: TargetBook::default(),
            self_evaluation: SelfEvaluation::default(),
            details: SchoolDetails::default(),
        }
    }
}

/// One of a workspace's data drops, as the workspace record lists it: the drop record's
/// id and, when the school has relabelled it since (filed it under another term), the
/// period it is filed under now. Relabelling never rewrites the drop record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropEntry {
    /// The drop record's id (its IndexedDB key).
    pub id: String,
    /// The term and academic year it was relabelled to, if it was.
    pub relabelled: Option<Period>,
}

impl DropEntry {
    /// A drop listed as imported, not relabelled.
    pub fn new(id: impl Into<String>) -> DropEntry {
        DropEntry {
            id: id.into(),
            relabelled: None,
        }
    }
}

impl StoredWorkspace {
    /// Whether the workspace lists the drop `id`.
    pub fn lists_drop(&self, id: &str) -> bool {
        self.drops.iter().any(|entry| entry.id == id)
    }

    /// The drops of this workspace among `records`, in the workspace's order, each filed
    /// under its period now (a relabelled drop under its new term). Records the workspace
    /// does not list are left out.
    pub fn filed<'a>(&self, records: &'a [StoredDrop]) -> Vec<(&'a StoredDrop, Period)> {
        self.drops
            .iter()
            .filter_map(|entry| {
                let record = records.iter().find(|record| record.id == entry.id)?;
                Some((record, entry.relabelled.unwrap_or(Period::of(&record.drop))))
            })
            .collect()
    }

    /// The id of the drop the planner shows among `records`: the chosen one while it is
    /// held, else the latest by term (the last imported of equals).
    pub fn shown_among(&self, records: &[StoredDrop]) -> Option<String> {
        let filed = self.filed(records);
        if let Some(chosen) = &self.shown_drop {
            if filed.iter().any(|(record, _)| &record.id == chosen) {
                return Some(chosen.clone());
            }
        }
        filed
            .iter()
            .enumerate()
            .max_by_key(|(order, (_, period))| (*period, *order))
            .map(|(_, (record, _))| record.id.clone())
    }
}

/// One imported data drop, written once. Stored as [`StoredDropDto`].
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDrop {
    /// Always [`SCHEMA_VERSION`] when written.
    pub schema_version: u32,
    /// The drop's id (its IndexedDB key).
    pub id: String,
    /// The drop itself.
    pub drop: DataDrop,
}

/// Reads a stored record: refuses newer versions and damaged records, migrates older
/// ones to [`SCHEMA_VERSION`], reads its stored shape `D`, checks that writing that shape
/// out again keeps every field ([`unrepresented`]), so nothing stored is ever silently
/// dropped, and only then converts it to the record in memory, `T`.
fn decode<D, T>(json: &str, kind: RecordKind) -> Result<T, StorageError>
where
    D: Serialize + DeserializeOwned,
    T: TryFrom<D, Error = StorageError>,
{
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|error| StorageError::Damaged(error.to_string()))?;
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| StorageError::Damaged("it has no format version".into()))?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(StorageError::NewerVersion {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        return Err(StorageError::Damaged("it has no format version".into()));
    }
    let current = migrate(kind, value).map_err(|error| StorageError::NotMigrated {
        from: error.from,
        why: error.why,
    })?;
    let stored: D = serde_json::from_value(current.clone())
        .map_err(|error| StorageError::Damaged(error.to_string()))?;
    let written =
        serde_json::to_value(&stored).map_err(|error| StorageError::Damaged(error.to_string()))?;
    let lost = unrepresented(&current, &written);
    if !lost.is_empty() {
        return Err(StorageError::UnknownFields(lost));
    }
    T::try_from(stored)
}

/// Reads a stored workspace (see [`decode`]).
pub fn decode_workspace(json: &str) -> Result<StoredWorkspace, StorageError> {
    decode::<StoredWorkspaceDto, _>(json, RecordKind::Workspace)
}

/// Reads a stored data drop (see [`decode`]).
pub fn decode_drop(json: &str) -> Result<StoredDrop, StorageError> {
    decode::<StoredDropDto, _>(json, RecordKind::Drop)
}

/// Writes a stored shape as JSON. Serialising these shapes cannot fail (no maps with
/// non-string keys, no non-finite floats), so a failure is reported as damage rather than
/// a panic.
fn encode<D: Serialize>(stored: &D) -> Result<String, StorageError> {
    serde_json::to_string(stored).map_err(|error| StorageError::Damaged(error.to_string()))
}

/// Writes a workspace record as JSON, through its stored shape.
pub fn encode_workspace(workspace: &StoredWorkspace) -> Result<String, StorageError> {
    encode(&StoredWorkspaceDto::from(workspace))
}

/// Writes a data drop record as JSON, through its stored shape.
pub fn encode_drop(drop: &StoredDrop) -> Result<String, StorageError> {
    encode(&StoredDropDto::from(drop))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::build::ImportPlan;
    use crate::core::pupil::Pupil;
    use crate::storage::migrate::Unmigratable;
    use chrono::NaiveDate;

    fn workspace() -> StoredWorkspace {
        let mut workspace = StoredWorkspace::new("w1", "Oakfield Primary");
        workspace
            .notes
            .insert("W373210125361".into(), "Loves drawing".into());
        workspace.focus.insert("W373210125361".into());
        workspace.revision = 7;
        workspace
    }

    #[test]
    fn a_workspace_round_trips_exactly() {
        let json = encode_workspace(&workspace()).expect("encodes");
        assert_eq!(decode_workspace(&json), Ok(workspace()));
    }

    #[test]
    fn a_drop_round_trips_exactly() {
        let pupil = Pupil {
            surname: "Ní Bhriain".into(),
            forename: "Zoë".into(),
            ..Pupil::default()
        };
        let plan = ImportPlan {
            sheet: 0,
            header_row: 0,
            headings: vec![],
            mapping: Default::default(),
        };
        let date = NaiveDate::from_ymd_opt(2026, 3, 13).expect("a real date");
        let stored = StoredDrop {
            schema_version: SCHEMA_VERSION,
            id: "d1".into(),
            drop: DataDrop::new(date, "pupils.xlsx", plan, vec![pupil]),
        };
        let json = encode_drop(&stored).expect("encodes");
        assert_eq!(decode_drop(&json), Ok(stored));
    }

    #[test]
    fn a_workspace_saved_before_lock_after_existed_gets_the_default() {
        let mut json: serde_json::Value =
            serde_json::from_str(&encode_workspace(&workspace()).expect("encodes")).expect("json");
        json.as_object_mut()
            .expect("an object")
            .remove("lock_after_minutes");
        let read = decode_workspace(&json.to_string()).expect("reads");
        assert_eq!(read.lock_after_minutes, DEFAULT_LOCK_AFTER_MINUTES);
        assert!(LOCK_AFTER_CHOICES.contains(&DEFAULT_LOCK_AFTER_MINUTES));
        assert_eq!(read, workspace());
    }

    #[test]
    fn a_workspace_saved_before_provision_existed_gets_the_default_book() {
        let mut json: serde_json::Value =
            serde_json::from_str(&encode_workspace(&workspace()).expect("encodes")).expect("json");
        json.as_object_mut().expect("an object").remove("provision");
        let read = decode_workspace(&json.to_string()).expect("reads");
        assert_eq!(read.provision, ProvisionBook::default());
        assert_eq!(read, workspace());
    }

    #[test]
    fn a_workspace_with_provision_round_trips_exactly() {
        let mut stored = workspace();
        let added = stored
            .provision
            .bank
            .add(
                "Reading buddies",
                crate::core::provision::Category::Curriculum,
            )
            .expect("a new name");
        let item = stored.provision.bank.get(added).cloned().expect("added");
        let day = |d| NaiveDate::from_ymd_opt(2026, 9, d).expect("a real date");
        let mut provision = crate::core::provision::Provision::new(&item, day(1), day(30));
        provision.add_pupils(["W373210125361"]);
        stored.provision.add_provision(provision);
        stored.provision.settings.weeks_in_year = 39;
        let json = encode_workspace(&stored).expect("encodes");
        assert_eq!(decode_workspace(&json), Ok(stored));
    }

    #[test]
    fn a_record_from_a_newer_planner_is_refused_before_its_shape_is_read() {
        let json = r#"{"schema_version": 99, "something": "new"}"#;
        assert_eq!(
            decode_workspace(json),
            Err(StorageError::NewerVersion {
                found: 99,
                supported: SCHEMA_VERSION
            })
        );
    }

    #[test]
    fn damaged_records_are_refused_with_a_plain_message() {
        for json in [
            "",
            "{",
            r#"{"schema_version": 2}"#,
            r#"{"schema_version": 0}"#,
            "[1,2]",
        ] {
            let error = decode_workspace(json).expect_err(json);
            assert!(
                matches!(error, StorageError::Damaged(_)),
                "{json}: {error:?}"
            );
            assert!(error.to_string().contains("Restore it from a backup"));
        }
        // A version-1 record without what version 2 needs says it could not be migrated.
        let error = decode_workspace(r#"{"schema_version": 1}"#).expect_err("no profile");
        assert_eq!(
            error,
            StorageError::NotMigrated {
                from: 1,
                why: Unmigratable::NoProfile
            }
        );
        assert!(error.to_string().contains("kept exactly as it was"));
    }

    #[test]
    fn a_renamed_or_unknown_field_is_reported_not_dropped() {
        let mut json: serde_json::Value =
            serde_json::from_str(&encode_workspace(&workspace()).expect("encodes")).expect("json");
        // Renaming a field that has a default would read back as the default: the school's
        // setting lost without a word. It is reported instead, with where it is.
        let minutes = json["lock_after_minutes"].take();
        json.as_object_mut()
            .expect("object")
            .remove("lock_after_minutes");
        json["lock_after_minute"] = minutes;
        json["provision"]["settings"]["weeks_in_the_year"] = serde_json::json!(39);
        let error = decode_workspace(&json.to_string()).expect_err("unknown fields");
        assert_eq!(
            error,
            StorageError::UnknownFields(vec![
                "lock_after_minute".into(),
                "provision.settings.weeks_in_the_year".into()
            ])
        );
        assert!(error.to_string().contains("lock_after_minute"));
        // A renamed field with no default cannot be read at all: reported too.
        let mut json: serde_json::Value =
            serde_json::from_str(&encode_workspace(&workspace()).expect("encodes")).expect("json");
        let notes = json["notes"].take();
        json.as_object_mut().expect("object").remove("notes");
        json["notez"] = notes;
        assert!(matches!(
            decode_workspace(&json.to_string()),
            Err(StorageError::Damaged(_))
        ));
    }
}
