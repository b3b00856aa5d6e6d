//! A backup: one file holding one whole workspace (its record and its data drops), so a
//! school can keep a copy somewhere safe and put it back exactly as it was (SPEC §9).
//!
//! The file is pretty-printed JSON (keys in alphabetical order):
//!
//! ```text
//! { "format": "personalisation-planner-backup", "schema_version": 1,
//!   "app_version": "0.1.0", "created": "2026-03-13",
//!   "workspace": { … }, "drops": [ … ], "checksum": "<sha-256 hex>" }
//! ```
//!
//! `checksum` is the SHA-256 of the *canonical JSON* of everything else: the same fields
//! without `checksum`, compact, with every object's keys sorted. It catches a file that
//! was damaged or edited after it was made; it is not a signature (anyone can recompute
//! it), so the checks on the records themselves still run.
//!
//! [`read_backup`] checks everything before the caller changes anything: the format
//! marker, the version (a backup from a newer planner is refused), the checksum, that
//! every record decodes, and that the workspace's current drop is in the file. Pure: the
//! caller passes the date in and does the reading and writing.

use crate::storage::schema::{
    decode_drop, decode_workspace, encode_drop, encode_workspace, StorageError, StoredDrop,
    StoredWorkspace, SCHEMA_VERSION,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The value of every backup's `format` field.
pub const BACKUP_FORMAT: &str = "personalisation-planner-backup";

/// One workspace, as read from a backup file (written by [`make_backup`], whose records
/// are their stored shapes, exactly as IndexedDB holds them).
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    /// Always [`BACKUP_FORMAT`].
    pub format: String,
    /// The stored schema's version when the backup was made.
    pub schema_version: u32,
    /// The planner's version that made it (for people reading the file; not checked).
    pub app_version: String,
    /// When it was made, as the caller gave it (a date such as "2026-03-13").
    pub created: String,
    /// The workspace record.
    pub workspace: StoredWorkspace,
    /// The workspace's data drops.
    pub drops: Vec<StoredDrop>,
    /// SHA-256 (lower-case hex) of the canonical JSON of every other field.
    pub checksum: String,
}

/// Why a backup could not be made or read. Every message says what to do next.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    /// The file is empty.
    #[error("This file is empty, so it is not a planner backup. Choose the .json backup file the planner downloaded for you. Nothing has been changed.")]
    Empty,
    /// The file is not JSON, or not the planner's backup.
    #[error("This file is not a planner backup ({0}). Choose the .json file the planner downloaded when you pressed “Download a backup”. Nothing has been changed.")]
    NotABackup(String),
    /// Made by a newer planner than this one.
    #[error("This backup was made by a newer version of the planner (format {found}; this version reads up to {supported}). Reload the page to get the newest version of the planner, then restore it again. Nothing has been changed.")]
    NewerVersion {
        /// The backup's version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The checksum does not match the contents.
    #[error("This backup file has been changed or damaged since it was made, so it cannot be trusted. Use another copy of the backup (for example the one you saved elsewhere). Nothing has been changed.")]
    ChecksumMismatch,
    /// The checksum is right but a record inside is not what the planner writes.
    #[error("This backup could not be read ({0}). Use another copy of the backup. Nothing has been changed.")]
    Damaged(String),
    /// The backup could not be written (it should never happen).
    #[error(
        "The backup could not be made ({0}). Try again; if it keeps happening, reload the page."
    )]
    CannotWrite(String),
}

/// The canonical JSON of a backup's contents without its checksum: compact, every
/// object's keys sorted (serde_json's `Value` keeps keys in a sorted map). None when
/// `value` is not a JSON object.
fn canonical_without_checksum(mut value: Value) -> Option<String> {
    value.as_object_mut()?.remove("checksum");
    // A `Value`'s keys are always strings, so writing it out cannot fail.
    serde_json::to_string(&value).ok()
}

const NOT_AN_OBJECT: &str = "it is not a JSON object";

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Makes a backup file (pretty JSON) of `workspace` and its `drops`, dated `created`.
pub fn make_backup(
    workspace: &StoredWorkspace,
    drops: &[StoredDrop],
    created: &str,
) -> Result<String, BackupError> {
    let cannot = |error: serde_json::Error| BackupError::CannotWrite(error.to_string());
    let record = |json: Result<String, StorageError>| -> Result<Value, BackupError> {
        let json = json.map_err(|error| BackupError::CannotWrite(error.to_string()))?;
        serde_json::from_str(&json).map_err(cannot)
    };
    // Through each record's compact text rather than a serialiser of its own: the records
    // in the file are then exactly what IndexedDB holds, and the app's download stays small.
    let drops = drops
        .iter()
        .map(|drop| record(encode_drop(drop)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut value = serde_json::json!({
        "format": BACKUP_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "app_version": env!("CARGO_PKG_VERSION"),
        "created": created,
        "workspace": record(encode_workspace(workspace))?,
        "drops": drops,
    });
    let canonical = canonical_without_checksum(value.clone())
        .ok_or_else(|| BackupError::CannotWrite(NOT_AN_OBJECT.into()))?;
    if let Some(object) = value.as_object_mut() {
        object.insert("checksum".into(), Value::String(sha256_hex(&canonical)));
    }
    serde_json::to_string_pretty(&value).map_err(cannot)
}

fn damaged(error: StorageError, what: &str) -> BackupError {
    match error {
        StorageError::NewerVersion { found, supported } => {
            BackupError::NewerVersion { found, supported }
        }
        StorageError::Damaged(detail) => BackupError::Damaged(format!("{what}: {detail}")),
        StorageError::UnknownFields(fields) => BackupError::Damaged(format!(
            "{what} holds details this planner does not know: {}",
            fields.join(", ")
        )),
        StorageError::NotMigrated { from, why } => BackupError::Damaged(format!(
            "{what}, from planner format {from}, could not be brought up to date: {why}"
        )),
        StorageError::Backup(error) => error,
        // Reading a file never touches the browser's storage or its keys.
        other @ (StorageError::QuotaExceeded
        | StorageError::NoRoom { .. }
        | StorageError::DiskFailed
        | StorageError::Blocked
        | StorageError::Unavailable
        | StorageError::Refused(_)
        | StorageError::ChangedElsewhere
        | StorageError::Conflict(_)
        | StorageError::Missing(_)
        | StorageError::Protected(_)
        | StorageError::OtherPassphrase
        | StorageError::WrongBackupPassphrase
        | StorageError::BackupNotOpened(_)
        | StorageError::NotOpen) => BackupError::Damaged(format!("{what}: {other}")),
    }
}

/// Reads and fully checks a backup file. Returns the backup only when every check passes,
/// so a caller that writes only on `Ok` never applies part of a bad file.
pub fn read_backup(bytes: &[u8]) -> Result<Backup, BackupError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| BackupError::NotABackup("it is not a text file".into()))?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(BackupError::Empty);
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|_| BackupError::NotABackup("it is not a JSON file, or it is cut short".into()))?;
    let object = value
        .as_object()
        .ok_or_else(|| BackupError::NotABackup("it is JSON, but not the planner's".into()))?;

    // The envelope first: what it is, and which version wrote it.
    if object.get("format").and_then(Value::as_str) != Some(BACKUP_FORMAT) {
        return Err(BackupError::NotABackup(
            "it has no “personalisation-planner-backup” marker".into(),
        ));
    }
    let version = object
        .get("schema_version")
        .and_then(Value::as_u64)
        .ok_or_else(|| BackupError::NotABackup("it has no format version".into()))?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(BackupError::NewerVersion {
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: SCHEMA_VERSION,
        });
    }
    if version == 0 {
        return Err(BackupError::NotABackup("its format version is 0".into()));
    }

    // Then the checksum, over exactly what the planner wrote.
    let stated = object
        .get("checksum")
        .and_then(Value::as_str)
        .ok_or(BackupError::ChecksumMismatch)?
        .to_ascii_lowercase();
    let canonical = canonical_without_checksum(value.clone())
        .ok_or_else(|| BackupError::NotABackup(NOT_AN_OBJECT.into()))?;
    if sha256_hex(&canonical) != stated {
        return Err(BackupError::ChecksumMismatch);
    }

    // Then every record, through the same checks as records read from IndexedDB.
    let field = |name: &str| {
        object
            .get(name)
            .ok_or_else(|| BackupError::Damaged(format!("it has no “{name}”")))
    };
    let text_field = |name: &str| {
        field(name)?
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| BackupError::Damaged(format!("“{name}” is not text")))
    };
    let workspace = decode_workspace(&field("workspace")?.to_string())
        .map_err(|error| damaged(error, "the workspace"))?;
    let drops = field("drops")?
        .as_array()
        .ok_or_else(|| BackupError::Damaged("“drops” is not a list".into()))?
        .iter()
        .enumerate()
        .map(|(index, drop)| {
            decode_drop(&drop.to_string())
                .map_err(|error| damaged(error, &format!("data drop {}", index + 1)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    for (index, drop) in drops.iter().enumerate() {
        if drops[..index].iter().any(|earlier| earlier.id == drop.id) {
            return Err(BackupError::Damaged(format!(
                "the data drop “{}” is in it twice",
                drop.id
            )));
        }
    }
    for entry in &workspace.drops {
        if !drops.iter().any(|drop| drop.id == entry.id) {
            return Err(BackupError::Damaged(format!(
                "the workspace's pupils (data drop “{}”) are missing from it",
                entry.id
            )));
        }
    }
    Ok(Backup {
        format: BACKUP_FORMAT.to_string(),
        schema_version: u32::try_from(version).unwrap_or(SCHEMA_VERSION),
        app_version: text_field("app_version")?,
        created: text_field("created")?,
        workspace,
        drops,
        checksum: stated,
    })
}

/// True when a workspace holds nothing the user made: no pupils, notes, flags, cohorts,
/// confirmed mappings, profile changes, provision, targets, self-evaluation answers or
/// school details (the last four can all be written before any pupils are imported). Such a workspace
/// (the empty one a first visit creates) can be replaced by a restore without losing
/// anything.
pub fn is_blank(workspace: &StoredWorkspace) -> bool {
    let fresh = StoredWorkspace::new(workspace.id.clone(), workspace.name.clone());
    workspace.drops.is_empty()
        && workspace.notes.is_empty()
        && workspace.focus.is_empty()
        && workspace.cohorts.is_empty()
        && !workspace.synthetic
        && workspace.profile == fresh.profile
        && workspace.mapping_memory == fresh.mapping_memory
        && workspace.provision == fresh.provision
        && workspace.targets == fresh.targets
        && workspace.self_evaluation == fresh.self_evaluation
        && workspace.details == fresh.details
}

/// The file name for a backup of `school` made on `date` (yyyy-mm-dd): "Planner backup –
/// Oakfield Primary – 2026-03-13.json". Characters file systems refuse become spaces.
pub fn backup_file_name(school: &str, date: &str) -> String {
    let cleaned = crate::core::export::file_name_part(school);
    let school = if cleaned.is_empty() {
        "My school"
    } else {
        cleaned.as_str()
    };
    format!("Planner backup – {school} – {date}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::DataDrop;
    use crate::core::import::build::{build, plan};
    use crate::core::import::mapping::MappingMemory;
    use crate::core::import::read::{read_file, Limits};
    use crate::storage::schema::{encode_drop, encode_workspace, DropEntry};
    use chrono::NaiveDate;

    const PRIMARY_210: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/primary_210.csv"
    ));

    /// A real workspace: the 210-pupil fixture, with a note and a focus flag.
    fn school() -> (StoredWorkspace, Vec<StoredDrop>) {
        let workbook = read_file(PRIMARY_210, &Limits::default()).expect("the fixture reads");
        let import_plan = plan(&workbook, &MappingMemory::default()).expect("a plan");
        let report = build(&workbook, &import_plan);
        let date = NaiveDate::from_ymd_opt(2026, 3, 13).expect("a real date");
        let drop = StoredDrop {
            schema_version: SCHEMA_VERSION,
            id: "drop-1".into(),
            drop: DataDrop::new(date, "primary_210.csv", import_plan, report.pupils),
        };
        let mut workspace = StoredWorkspace::new("workspace-1", "Oakfield Primary");
        workspace
            .notes
            .insert("K801200123456".into(), "Loves drawing – “quiet”".into());
        workspace.focus.insert("K801200123456".into());
        workspace.revision = 12;
        workspace.drops = vec![DropEntry::new("drop-1")];
        (workspace, vec![drop])
    }

    fn backup_text() -> String {
        let (workspace, drops) = school();
        make_backup(&workspace, &drops, "2026-03-13").expect("a backup")
    }

    /// Reads `text` as a backup and checks the refusal's kind and wording.
    fn check_refused(text: &[u8], expected: fn(&BackupError) -> bool, words: &str) {
        let error = read_backup(text).expect_err("must be refused");
        assert!(expected(&error), "wrong refusal: {error:?}");
        let message = error.to_string();
        assert!(
            message.contains(words),
            "“{message}” should contain “{words}”"
        );
        assert!(message.contains("Nothing has been changed"), "{message}");
    }

    /// The file's JSON, edited, with the checksum recomputed as the planner would.
    fn resigned(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
        let mut value: Value = serde_json::from_str(&backup_text()).expect("json");
        edit(&mut value);
        let canonical = canonical_without_checksum(value.clone()).expect("canonical");
        value["checksum"] = Value::String(sha256_hex(&canonical));
        serde_json::to_vec_pretty(&value).expect("json")
    }

    #[test]
    fn a_backup_round_trips_exactly() {
        let (workspace, drops) = school();
        let text = backup_text();
        let backup = read_backup(text.as_bytes()).expect("reads back");
        assert_eq!(backup.format, BACKUP_FORMAT);
        assert_eq!(backup.schema_version, SCHEMA_VERSION);
        assert_eq!(backup.app_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(backup.created, "2026-03-13");
        assert_eq!(backup.workspace, workspace);
        assert_eq!(backup.drops, drops);
        assert_eq!(backup.drops[0].drop.pupils.len(), 210);
        // Written back, the records are byte for byte what was stored.
        assert_eq!(
            encode_workspace(&backup.workspace),
            encode_workspace(&workspace)
        );
        assert_eq!(encode_drop(&backup.drops[0]), encode_drop(&drops[0]));
        // And a backup of the restored workspace is the same file.
        assert_eq!(
            make_backup(&backup.workspace, &backup.drops, "2026-03-13").expect("a backup"),
            text
        );
    }

    #[test]
    fn the_checksum_is_sha256_of_the_canonical_json() {
        let text = backup_text();
        let value: Value = serde_json::from_str(&text).expect("json");
        let stated = value["checksum"].as_str().expect("a checksum").to_string();
        assert_eq!(stated.len(), 64);
        assert!(stated
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(
            stated,
            sha256_hex(&canonical_without_checksum(value).expect("canonical"))
        );
        // Known answer: SHA-256 of "abc".
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn one_changed_byte_is_caught_by_the_checksum() {
        let text = backup_text();
        // A letter inside the note: the file is still valid JSON, only the content changed.
        let at = text.find("Loves drawing").expect("the note is in the file");
        let mut bytes = text.into_bytes();
        bytes[at] = b'M';
        check_refused(
            &bytes,
            |e| *e == BackupError::ChecksumMismatch,
            "has been changed or damaged since it was made",
        );
        // A pupil's surname, deep inside the drop.
        let text = backup_text();
        let at = text.find("\"surname\": \"").expect("a surname") + 12;
        let mut bytes = text.into_bytes();
        bytes[at] ^= 0x01;
        check_refused(&bytes, |e| *e == BackupError::ChecksumMismatch, "damaged");
    }

    #[test]
    fn a_backup_from_a_newer_planner_is_refused() {
        let future = resigned(|value| value["schema_version"] = Value::from(99));
        check_refused(
            &future,
            |e| {
                *e == BackupError::NewerVersion {
                    found: 99,
                    supported: SCHEMA_VERSION,
                }
            },
            "This backup was made by a newer version of the planner",
        );
        // A newer record inside an otherwise current file is refused the same way.
        let future_record = resigned(|value| value["drops"][0]["schema_version"] = Value::from(7));
        check_refused(
            &future_record,
            |e| matches!(e, BackupError::NewerVersion { found: 7, .. }),
            "newer version",
        );
    }

    #[test]
    fn files_that_are_not_backups_get_clear_messages() {
        check_refused(b"", |e| *e == BackupError::Empty, "This file is empty");
        check_refused(
            b"  \n",
            |e| *e == BackupError::Empty,
            "not a planner backup",
        );
        check_refused(
            b"UPN,Surname\nA1,Smith\n",
            |e| matches!(e, BackupError::NotABackup(_)),
            "not a JSON file",
        );
        check_refused(
            &[0xff, 0xfe, 0x00],
            |e| matches!(e, BackupError::NotABackup(_)),
            "not a text file",
        );
        check_refused(
            b"[1, 2]",
            |e| matches!(e, BackupError::NotABackup(_)),
            "not a planner backup",
        );
        let profile = br#"{"name": "Universal", "version": 3}"#;
        check_refused(
            profile,
            |e| matches!(e, BackupError::NotABackup(_)),
            "personalisation-planner-backup",
        );
        let wrong_format = resigned(|value| value["format"] = Value::from("something-else"));
        check_refused(
            &wrong_format,
            |e| matches!(e, BackupError::NotABackup(_)),
            "not a planner backup",
        );
        let text = backup_text();
        check_refused(
            &text.as_bytes()[..text.len() / 2],
            |e| matches!(e, BackupError::NotABackup(_)),
            "cut short",
        );
    }

    #[test]
    fn a_missing_checksum_is_a_damaged_file() {
        let mut value: Value = serde_json::from_str(&backup_text()).expect("json");
        value.as_object_mut().expect("object").remove("checksum");
        check_refused(
            &serde_json::to_vec(&value).expect("json"),
            |e| *e == BackupError::ChecksumMismatch,
            "changed or damaged",
        );
    }

    #[test]
    fn records_are_checked_even_when_the_checksum_matches() {
        let no_pupils = resigned(|value| value["drops"] = Value::Array(vec![]));
        check_refused(
            &no_pupils,
            |e| matches!(e, BackupError::Damaged(_)),
            "are missing from it",
        );
        let bad_record = resigned(|value| value["workspace"]["focus"] = Value::from(3));
        check_refused(
            &bad_record,
            |e| matches!(e, BackupError::Damaged(_)),
            "the workspace",
        );
        let twice = resigned(|value| {
            let drop = value["drops"][0].clone();
            value["drops"].as_array_mut().expect("a list").push(drop);
        });
        check_refused(&twice, |e| matches!(e, BackupError::Damaged(_)), "twice");
    }

    #[test]
    fn only_an_untouched_workspace_is_blank() {
        assert!(is_blank(&StoredWorkspace::new("w", "My school")));
        let (workspace, _) = school();
        assert!(!is_blank(&workspace));
        let mut noted = StoredWorkspace::new("w", "My school");
        noted.notes.insert("x".into(), "y".into());
        assert!(!is_blank(&noted));
    }

    #[test]
    fn provision_targets_or_a_self_evaluation_without_pupils_are_not_blank() {
        use crate::core::self_evaluation::{Feature, PromptAnswer, PromptId};
        use crate::core::targets::{Target, TargetId, TargetLevel};
        let fresh = || StoredWorkspace::new("w", "My school");
        let mut evaluated = fresh();
        let prompt = PromptId {
            feature: Feature::TargetSetting,
            number: 0,
        };
        evaluated.self_evaluation.answers.insert(
            prompt,
            PromptAnswer {
                priority: true,
                ..PromptAnswer::default()
            },
        );
        assert!(!is_blank(&evaluated));
        let mut targeted = fresh();
        targeted.targets.targets.push(Target::new(
            TargetId(1),
            TargetLevel::WholeSchool,
            "Attendance at 96% or more",
        ));
        assert!(!is_blank(&targeted));
        let mut costed = fresh();
        costed.provision.settings.weeks_in_year = 39;
        assert!(!is_blank(&costed));
        let mut described = fresh();
        described.details.local_authority = "Tameside".into();
        assert!(!is_blank(&described));
    }

    #[test]
    fn file_names_name_the_school_and_date() {
        assert_eq!(
            backup_file_name("Oakfield Primary", "2026-03-13"),
            "Planner backup – Oakfield Primary – 2026-03-13.json"
        );
        assert_eq!(
            backup_file_name("St. Mary's C/E: \"Upper\"", "2026-03-13"),
            "Planner backup – St. Mary's C E Upper – 2026-03-13.json"
        );
        assert_eq!(
            backup_file_name("  ", "2026-03-13"),
            "Planner backup – My school – 2026-03-13.json"
        );
    }
}
