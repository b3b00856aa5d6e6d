//! The one place that talks to IndexedDB: every transaction the planner runs (load, save
//! with the revision check, create, switch, add workspaces, delete, list, backup,
//! restore, re-encrypt, erase) is a method here. Records are addressed by typed [`Record`]s, not strings,
//! sealed and opened with the workspace's passphrase key when it has one, and every
//! failure is a typed [`StorageError`].
//!
//! What a record *is* (its shape, its migrations) is `storage::schema`; the envelope's
//! checks are `storage::envelope`; the encryption itself is `web::crypto`. This module
//! only decides which records a change touches and writes them together, in one
//! transaction, so a change is stored whole or not at all.

use super::crypto::Key;
use super::idb::{self, Db, DROPS, SETTINGS, WORKSPACES};
use super::storage_space;
use crate::storage::backup::{backup_file_name, is_blank, make_backup, read_backup, Backup};
use crate::storage::backup_summary::{summarise, BackupSummary, CopyHere};
use crate::storage::envelope::{is_envelope, Contents, Envelope};
use crate::storage::error::Missing;
use crate::storage::merge::merge;
use crate::storage::schema::{
    decode_drop, decode_workspace, encode_drop, encode_workspace, DropEntry, StorageError,
    StoredDrop, StoredWorkspace,
};
use crate::storage::school_workspaces::SchoolWorkspace;
use crate::storage::space::{room_for, Space};
use crate::storage::workspaces::{sort_summaries, WorkspaceSummary};
use std::rc::Rc;

/// One stored record, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record<'a> {
    /// A workspace's own record (settings and work), by workspace id.
    Workspace(&'a str),
    /// An imported data drop (the pupils), by drop id.
    Drop(&'a str),
    /// Which workspace is open.
    OpenWorkspace,
}

/// The settings key naming the open workspace.
const OPEN_WORKSPACE: &str = "current_workspace";

impl Record<'_> {
    /// The object store and key the record lives under.
    fn place(self) -> (&'static str, String) {
        match self {
            Record::Workspace(id) => (WORKSPACES, id.to_string()),
            Record::Drop(id) => (DROPS, id.to_string()),
            Record::OpenWorkspace => (SETTINGS, OPEN_WORKSPACE.to_string()),
        }
    }
}

/// A stored record exactly as it is (an encrypted one stays encrypted): what is offered
/// for download when it cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    /// The object store it is in.
    pub store: String,
    /// Its key there.
    pub key: String,
    /// Its text, as stored.
    pub text: String,
}

/// The key a record was opened with: the one this tab holds when it fits, otherwise one
/// derived from the passphrase the user typed (and then kept for the next record).
pub struct Opener<'a> {
    /// The key that opened the last protected record, if any.
    pub key: Option<Rc<Key>>,
    /// The passphrase typed at the unlock screen, if any.
    pub passphrase: Option<&'a str>,
}

impl Opener<'_> {
    /// An opener with this tab's key and no passphrase.
    pub fn with_key(key: Option<Rc<Key>>) -> Opener<'static> {
        Opener {
            key,
            passphrase: None,
        }
    }

    /// A record's JSON: decrypted when it is an envelope. `Ok(None)` when it is protected
    /// and there is neither a matching key nor a passphrase.
    async fn open(
        &mut self,
        text: String,
        contents: Contents,
        id: &str,
    ) -> Result<Option<String>, StorageError> {
        if !is_envelope(&text) {
            return Ok(Some(text));
        }
        let sealed = Envelope::parse(&text, contents)?;
        let opener = match &self.key {
            Some(key) if key.matches(&sealed) => key.clone(),
            _ => {
                let Some(passphrase) = self.passphrase else {
                    return Ok(None);
                };
                let derived = Rc::new(Key::for_sealed(passphrase, &sealed).await?);
                self.key = Some(derived.clone());
                derived
            }
        };
        Ok(Some(opener.open_text(&sealed, id).await?))
    }

    /// Like [`Opener::open`], but a protected record this tab cannot open is an error.
    async fn open_or_refuse(
        &mut self,
        text: String,
        contents: Contents,
        id: &str,
    ) -> Result<String, StorageError> {
        self.open(text, contents, id)
            .await?
            .ok_or(StorageError::OtherPassphrase)
    }
}

/// `json`, sealed into an envelope when there is a key; as it is when there is none.
pub async fn seal(
    key: Option<&Key>,
    contents: Contents,
    id: &str,
    json: String,
) -> Result<String, StorageError> {
    match key {
        Some(key) => Ok(key.seal(contents, id, json.as_bytes()).await?.to_json()),
        None => Ok(json),
    }
}

/// What loading the open workspace found.
pub enum Loaded {
    /// The workspace (and its pupils) were read.
    Open(Box<OpenedWorkspace>),
    /// The workspace is protected and there was no passphrase: nothing was read.
    Locked,
    /// Part of the saved work could not be read. It is left exactly as stored; `records`
    /// are offered for download.
    Unreadable {
        /// Why, in plain English.
        error: StorageError,
        /// The records involved, as stored.
        records: Vec<RawRecord>,
    },
}

/// An opened workspace and the keys that opened it.
pub struct OpenedWorkspace {
    /// The workspace record.
    pub workspace: StoredWorkspace,
    /// Its data drops, in the order the workspace lists them.
    pub drops: Vec<StoredDrop>,
    /// The key the workspace record is sealed with (none when it is not protected).
    pub workspace_key: Option<Rc<Key>>,
    /// The key the last record was opened with: differs from `workspace_key` only when
    /// the records are under different keys, which the next save puts right.
    pub key: Option<Rc<Key>>,
    /// The workspace record's text as stored: the next save writes only if it is still
    /// this (see [`Repository::save`]).
    pub text: String,
}

/// One save of the open workspace.
pub struct Save<'a> {
    /// What this tab last read or wrote: the base its changes were made on.
    pub base: &'a StoredWorkspace,
    /// The base's record exactly as stored: the write happens only if the stored record
    /// is still this text (`None`: there was none).
    pub base_text: Option<&'a str>,
    /// The workspace record to write (its revision is set to the base's plus one).
    pub workspace: StoredWorkspace,
    /// Data drops to write with it (a new import; every drop when the passphrase changed).
    pub drops: Vec<&'a StoredDrop>,
    /// Drops this save deletes (one replaced by an import for its term, or deleted by the
    /// school), in the same transaction.
    pub deleted_drops: Vec<&'a str>,
    /// The key to seal every record with (none: stored as plain JSON).
    pub key: Option<&'a Key>,
    /// The key the stored workspace record is sealed with now.
    pub stored_key: Option<Rc<Key>>,
}

/// What a save did.
pub enum Saved {
    /// The records were written. When another tab had saved meanwhile, `workspace` is the
    /// two tabs' changes merged.
    Written {
        /// The workspace record as written.
        workspace: Box<StoredWorkspace>,
        /// Its text as stored (the base of the next save).
        text: String,
    },
    /// Saving was stopped meanwhile (a restore, a deletion or a lock began): nothing was
    /// written.
    Withdrawn,
}

/// What another tab stored, read back for [`Repository::stored_since`].
pub struct Stored {
    /// The workspace record.
    pub workspace: StoredWorkspace,
    /// Its text as stored.
    pub text: String,
}

/// Refuses a drop's write (`json`, as it will be stored) that would not fit in the space
/// the browser says is left, with room to spare: a write that fills the disk can leave the
/// browser's database damaged.
async fn check_room(json: &str, drop: &StoredDrop) -> Result<(), StorageError> {
    check_room_for(json.len(), drop.drop.pupils.len()).await
}

/// Refuses a write of `text_bytes` of stored text holding `pupils` pupils that would not
/// fit (see [`check_room`]).
async fn check_room_for(text_bytes: usize, pupils: usize) -> Result<(), StorageError> {
    let space = storage_space::estimate().await.map(|estimate| Space {
        usage: estimate.usage,
        quota: estimate.quota,
    });
    room_for(space, text_bytes, pupils)
}

/// How many times a save merges with another tab's and tries again before giving up.
const MERGE_ATTEMPTS: usize = 8;

/// The planner's storage in this browser.
pub struct Repository {
    db: Db,
}

impl Repository {
    /// Opens (creating or upgrading) the planner's database.
    pub async fn open() -> Result<Repository, StorageError> {
        Ok(Repository {
            db: idb::open().await?,
        })
    }

    /// Lets go of the database once running transactions have finished (before it is
    /// deleted). Further use fails with a plain message.
    pub fn close(&self) {
        self.db.close();
    }

    async fn read(&self, record: Record<'_>) -> Result<Option<String>, StorageError> {
        let (store, key) = record.place();
        self.db.get(store, &key).await
    }

    /// Writes `writes` and deletes `deletes` in one transaction.
    async fn write(
        &self,
        writes: &[(Record<'_>, &str)],
        deletes: &[Record<'_>],
    ) -> Result<(), StorageError> {
        let writes: Vec<(&str, String, &str)> = writes
            .iter()
            .map(|(record, text)| {
                let (store, key) = record.place();
                (store, key, *text)
            })
            .collect();
        let deletes: Vec<(&str, String)> = deletes.iter().map(|record| record.place()).collect();
        let writes: Vec<(&str, &str, &str)> = writes
            .iter()
            .map(|(store, key, text)| (*store, key.as_str(), *text))
            .collect();
        let deletes: Vec<(&str, &str)> = deletes
            .iter()
            .map(|(store, key)| (*store, key.as_str()))
            .collect();
        self.db.put_and_delete(&writes, &deletes).await
    }

    /// The id of the open workspace, if one has been opened in this browser.
    pub async fn open_workspace_id(&self) -> Result<Option<String>, StorageError> {
        self.read(Record::OpenWorkspace).await
    }

    /// Loads the open workspace and its pupils. A first visit stores a new, empty
    /// workspace at once (`new_workspace`), so every tab opened from then on works on the
    /// same one. A protected workspace needs `opener.passphrase` (or a matching key):
    /// without one nothing is read.
    pub async fn load(
        &self,
        opener: &mut Opener<'_>,
        new_workspace: impl FnOnce() -> StoredWorkspace,
    ) -> Result<Loaded, StorageError> {
        let current = self.open_workspace_id().await?;
        let stored = match &current {
            Some(id) => match self.read(Record::Workspace(id)).await? {
                Some(text) => {
                    let raw = RawRecord {
                        store: WORKSPACES.into(),
                        key: id.clone(),
                        text: text.clone(),
                    };
                    let Some(json) = opener.open(text, Contents::Workspace, id).await? else {
                        return Ok(Loaded::Locked);
                    };
                    match decode_workspace(&json) {
                        Ok(workspace) => Some((workspace, raw)),
                        Err(error) => {
                            return Ok(Loaded::Unreadable {
                                error,
                                records: vec![raw],
                            })
                        }
                    }
                }
                None => None,
            },
            None => None,
        };
        let workspace_key = opener.key.clone();
        let (workspace, workspace_raw, text) = match stored {
            Some((workspace, raw)) => {
                let text = raw.text.clone();
                (workspace, Some(raw), text)
            }
            None => {
                let workspace = new_workspace();
                let text = self.write_new(&workspace, None).await?;
                (workspace, None, text)
            }
        };
        let mut drops = Vec::with_capacity(workspace.drops.len());
        for entry in &workspace.drops {
            let drop_id = &entry.id;
            let Some(text) = self.read(Record::Drop(drop_id)).await? else {
                continue;
            };
            let raw = RawRecord {
                store: DROPS.into(),
                key: drop_id.clone(),
                text: text.clone(),
            };
            let Some(json) = opener.open(text, Contents::DataDrop, drop_id).await? else {
                return Ok(Loaded::Locked);
            };
            match decode_drop(&json) {
                Ok(stored) => drops.push(stored),
                Err(error) => {
                    return Ok(Loaded::Unreadable {
                        error,
                        records: std::iter::once(raw).chain(workspace_raw).collect(),
                    })
                }
            }
        }
        Ok(Loaded::Open(Box::new(OpenedWorkspace {
            workspace,
            drops,
            workspace_key,
            key: opener.key.clone(),
            text,
        })))
    }

    /// The stored workspace `id` when it is no longer `known_text` (another tab saved
    /// it): `Ok(None)` when it is unchanged. A record this tab cannot open (another tab
    /// set or changed the passphrase), or one whose pupils were replaced there, is
    /// [`StorageError::ChangedElsewhere`]: this tab must reload.
    pub async fn stored_since(
        &self,
        id: &str,
        known_text: Option<&str>,
        known_drops: &[DropEntry],
        stored_key: Option<Rc<Key>>,
    ) -> Result<Option<Stored>, StorageError> {
        let Some(text) = self.read(Record::Workspace(id)).await? else {
            return match known_text {
                // Deleted in another tab (or by a restore): reload rather than bring it back.
                Some(_) => Err(StorageError::ChangedElsewhere),
                None => Ok(None),
            };
        };
        if Some(text.as_str()) == known_text {
            return Ok(None);
        }
        let mut opener = Opener::with_key(stored_key);
        let json = match opener.open(text.clone(), Contents::Workspace, id).await {
            Ok(Some(json)) => json,
            Ok(None) | Err(_) => return Err(StorageError::ChangedElsewhere),
        };
        let workspace = decode_workspace(&json)?;
        // Pupils imported or a drop deleted there: this tab's pupils are not the stored
        // ones any more. (A relabel or another drop shown is merged like any edit.)
        let ids = |entries: &[DropEntry]| -> Vec<String> {
            let mut ids: Vec<String> = entries.iter().map(|entry| entry.id.clone()).collect();
            ids.sort();
            ids
        };
        if ids(&workspace.drops) != ids(known_drops) {
            return Err(StorageError::ChangedElsewhere);
        }
        Ok(Some(Stored { workspace, text }))
    }

    /// Saves the open workspace: its record, a new drop if there is one, the superseded
    /// drop deleted and "this is the open workspace", all in one transaction that first
    /// checks the stored record is still the base this tab's changes were made on. If
    /// another tab saved meanwhile, the two tabs' changes are merged
    /// (`storage::merge`) and written instead; a part both changed differently is a
    /// [`StorageError::Conflict`] and nothing is written. Writes nothing if `still_wanted`
    /// says no once the records are ready (saving was stopped meanwhile).
    pub async fn save(
        &self,
        save: Save<'_>,
        still_wanted: impl Fn() -> bool,
    ) -> Result<Saved, StorageError> {
        let id = save.workspace.id.clone();
        let mut base = save.base.clone();
        let mut base_text = save.base_text.map(str::to_string);
        let mut ours = save.workspace;
        let mut drop_jsons = Vec::with_capacity(save.drops.len());
        for drop in &save.drops {
            let json = seal(save.key, Contents::DataDrop, &drop.id, encode_drop(drop)?).await?;
            check_room(&json, drop).await?;
            drop_jsons.push((drop.id.as_str(), json));
        }
        for _ in 0..MERGE_ATTEMPTS {
            let mut record = ours.clone();
            record.revision = base.revision + 1;
            let text = seal(
                save.key,
                Contents::Workspace,
                &id,
                encode_workspace(&record)?,
            )
            .await?;
            if !still_wanted() {
                return Ok(Saved::Withdrawn);
            }
            let mut writes = vec![
                (WORKSPACES, id.as_str(), text.as_str()),
                (SETTINGS, OPEN_WORKSPACE, id.as_str()),
            ];
            writes.extend(
                drop_jsons
                    .iter()
                    .map(|(drop_id, json)| (DROPS, *drop_id, json.as_str())),
            );
            let deletes: Vec<(&str, &str)> =
                save.deleted_drops.iter().map(|old| (DROPS, *old)).collect();
            if self
                .db
                .swap((WORKSPACES, &id, base_text.as_deref()), &writes, &deletes)
                .await?
            {
                return Ok(Saved::Written {
                    workspace: Box::new(record),
                    text,
                });
            }
            // Another tab saved since: merge its changes with ours and try again.
            let Some(theirs) = self
                .stored_since(
                    &id,
                    base_text.as_deref(),
                    &base.drops,
                    save.stored_key.clone(),
                )
                .await?
            else {
                continue;
            };
            ours = merge(&base, &ours, &theirs.workspace)
                .map_err(|conflict| StorageError::Conflict(conflict.to_string()))?;
            base = theirs.workspace;
            base_text = Some(theirs.text);
        }
        Err(StorageError::ChangedElsewhere)
    }

    /// Stores a new workspace (and its pupils, if it comes with some, such as the made-up
    /// school) and makes it the open one, in one transaction. Never protected: a new
    /// workspace has no passphrase yet.
    pub async fn create(
        &self,
        workspace: &StoredWorkspace,
        drop: Option<&StoredDrop>,
    ) -> Result<(), StorageError> {
        self.write_new(workspace, drop).await.map(|_| ())
    }

    /// [`Repository::create`], returning the workspace record's text as stored.
    async fn write_new(
        &self,
        workspace: &StoredWorkspace,
        drop: Option<&StoredDrop>,
    ) -> Result<String, StorageError> {
        let workspace_json = encode_workspace(workspace)?;
        let drop_json = drop.map(encode_drop).transpose()?;
        if let (Some(drop), Some(json)) = (drop, &drop_json) {
            check_room(json, drop).await?;
        }
        let mut writes = vec![
            (Record::Workspace(&workspace.id), workspace_json.as_str()),
            (Record::OpenWorkspace, workspace.id.as_str()),
        ];
        if let (Some(drop), Some(json)) = (drop, &drop_json) {
            writes.push((Record::Drop(&drop.id), json.as_str()));
        }
        self.write(&writes, &[]).await?;
        Ok(workspace_json)
    }

    /// Stores new workspaces, each with its one data drop (**Make a workspace for each
    /// school**), all in one transaction: every one is stored or none is. The open
    /// workspace and which workspace is open are not touched. Sealed with `key` when there
    /// is one (the open workspace's, so a protected LA file's pupils are never written in
    /// clear). Refused before anything is written when the whole would not fit
    /// ([`StorageError::NoRoom`]) or when a record with one of their ids is already stored
    /// ([`StorageError::ChangedElsewhere`]: another tab made one meanwhile), so nothing
    /// is ever overwritten.
    pub async fn add_workspaces(
        &self,
        made: &[SchoolWorkspace],
        key: Option<&Key>,
    ) -> Result<(), StorageError> {
        let mut texts = Vec::with_capacity(made.len());
        for school in made {
            let workspace = &school.workspace;
            let drop = &school.drop;
            let workspace_json = seal(
                key,
                Contents::Workspace,
                &workspace.id,
                encode_workspace(workspace)?,
            )
            .await?;
            let drop_json = seal(key, Contents::DataDrop, &drop.id, encode_drop(drop)?).await?;
            texts.push((workspace_json, drop_json));
        }
        let bytes = texts.iter().map(|(w, d)| w.len() + d.len()).sum();
        let pupils = made
            .iter()
            .map(|school| school.drop.drop.pupils.len())
            .sum();
        check_room_for(bytes, pupils).await?;
        for school in made {
            let taken = self
                .read(Record::Workspace(&school.workspace.id))
                .await?
                .is_some()
                || self.read(Record::Drop(&school.drop.id)).await?.is_some();
            if taken {
                return Err(StorageError::ChangedElsewhere);
            }
        }
        let mut writes = Vec::with_capacity(2 * made.len());
        for (school, (workspace_json, drop_json)) in made.iter().zip(&texts) {
            writes.push((
                Record::Workspace(&school.workspace.id),
                workspace_json.as_str(),
            ));
            writes.push((Record::Drop(&school.drop.id), drop_json.as_str()));
        }
        self.write(&writes, &[]).await
    }

    /// Makes workspace `id` the open one (the planner reloads into it).
    pub async fn switch_to(&self, id: &str) -> Result<(), StorageError> {
        self.write(&[(Record::OpenWorkspace, id)], &[]).await
    }

    /// Every stored workspace, sorted by name. A protected workspace keeps even its name
    /// encrypted, so it is listed as "Protected workspace 1", … (it can still be opened,
    /// to its unlock screen, or deleted).
    pub async fn list(&self) -> Result<Vec<WorkspaceSummary>, StorageError> {
        let mut protected = 0;
        let mut summaries = Vec::new();
        for (id, json) in self.db.get_all(WORKSPACES).await? {
            if let Ok(workspace) = decode_workspace(&json) {
                summaries.push(WorkspaceSummary::of(&workspace));
            } else if is_envelope(&json) {
                protected += 1;
                summaries.push(WorkspaceSummary {
                    id,
                    name: format!("Protected workspace {protected}"),
                    has_pupils: false,
                    protected: true,
                });
            }
        }
        sort_summaries(&mut summaries);
        Ok(summaries)
    }

    /// Every stored workspace's id and revision (`None` for a protected one, whose
    /// revision is sealed), to compare with the notes of the last saves
    /// (`storage::marker`).
    pub async fn stored_revisions(&self) -> Result<Vec<(String, Option<u64>)>, StorageError> {
        Ok(self
            .db
            .get_all(WORKSPACES)
            .await?
            .into_iter()
            .map(|(id, json)| {
                let revision = decode_workspace(&json)
                    .ok()
                    .map(|workspace| workspace.revision);
                (id, revision)
            })
            .collect())
    }

    /// Deletes workspace `id` and its pupils, in one transaction. (A protected one's
    /// drop is unknown without its passphrase and stays until "Delete all data".)
    pub async fn delete(&self, id: &str) -> Result<(), StorageError> {
        let json = self
            .read(Record::Workspace(id))
            .await?
            .ok_or(StorageError::Missing(Missing::Workspace))?;
        let drops: Vec<String> = decode_workspace(&json)
            .map(|workspace| workspace.drops.into_iter().map(|entry| entry.id).collect())
            .unwrap_or_default();
        let mut deletes = vec![Record::Workspace(id)];
        deletes.extend(drops.iter().map(|drop| Record::Drop(drop)));
        self.write(&[], &deletes).await?;
        super::saved_marker::forget(id);
        super::unsaved_note::forget(id);
        Ok(())
    }

    /// The open workspace and its pupils as a backup file: (file name, text). A protected
    /// workspace's backup is sealed with its key (`key`, this tab's).
    pub async fn backup(
        &self,
        key: Option<Rc<Key>>,
        date: &str,
    ) -> Result<(String, String), StorageError> {
        let nothing = || StorageError::Missing(Missing::NothingToBackUp);
        let id = self.open_workspace_id().await?.ok_or_else(nothing)?;
        let text = self
            .read(Record::Workspace(&id))
            .await?
            .ok_or_else(nothing)?;
        let mut opener = Opener::with_key(key.clone());
        let json = opener
            .open_or_refuse(text, Contents::Workspace, &id)
            .await?;
        let workspace = decode_workspace(&json)?;
        let mut drops = Vec::new();
        for entry in &workspace.drops {
            let drop_id = &entry.id;
            let text = self
                .read(Record::Drop(drop_id))
                .await?
                .ok_or(StorageError::Missing(Missing::Pupils))?;
            let json = opener
                .open_or_refuse(text, Contents::DataDrop, drop_id)
                .await?;
            drops.push(decode_drop(&json)?);
        }
        let text = make_backup(&workspace, &drops, date)?;
        let text = match key {
            Some(key) => key
                .seal(Contents::Backup, "", text.as_bytes())
                .await?
                .to_pretty_json(),
            None => text,
        };
        Ok((backup_file_name(&workspace.name, date), text))
    }

    /// Puts back a checked backup: its workspace, its drops and "this is the open
    /// workspace", in one transaction, sealed with `key` when there is one. The empty
    /// workspace a first visit makes is replaced rather than left behind, and an older
    /// copy of the same workspace is replaced with its pupils. Returns the school's name.
    pub async fn restore(
        &self,
        backup: Backup,
        key: Option<Rc<Key>>,
    ) -> Result<String, StorageError> {
        let id = backup.workspace.id.clone();
        let workspace_json = seal(
            key.as_deref(),
            Contents::Workspace,
            &id,
            encode_workspace(&backup.workspace)?,
        )
        .await?;
        let mut drop_jsons = Vec::new();
        for drop in &backup.drops {
            let json = seal(
                key.as_deref(),
                Contents::DataDrop,
                &drop.id,
                encode_drop(drop)?,
            )
            .await?;
            drop_jsons.push((drop.id.as_str(), json));
        }
        let mut opener = Opener::with_key(key.clone());
        let mut deleted_workspace = None;
        let mut deleted_drops = Vec::new();
        if let Some(open) = self.open_workspace_id().await? {
            if open != id {
                if let Some(text) = self.read(Record::Workspace(&open)).await? {
                    let json = opener.open(text, Contents::Workspace, &open).await;
                    if let Ok(Some(json)) = json {
                        if decode_workspace(&json).is_ok_and(|workspace| is_blank(&workspace)) {
                            deleted_workspace = Some(open);
                        }
                    }
                }
            }
        }
        if let Some(text) = self.read(Record::Workspace(&id)).await? {
            if let Ok(Some(json)) = opener.open(text, Contents::Workspace, &id).await {
                if let Ok(old) = decode_workspace(&json) {
                    deleted_drops = old
                        .drops
                        .into_iter()
                        .map(|entry| entry.id)
                        .filter(|old| !backup.drops.iter().any(|drop| &drop.id == old))
                        .collect();
                }
            }
        }
        let mut writes = vec![
            (Record::Workspace(&id), workspace_json.as_str()),
            (Record::OpenWorkspace, id.as_str()),
        ];
        writes.extend(
            drop_jsons
                .iter()
                .map(|(drop_id, json)| (Record::Drop(drop_id), json.as_str())),
        );
        let mut deletes = Vec::new();
        deletes.extend(deleted_workspace.as_deref().map(Record::Workspace));
        deletes.extend(deleted_drops.iter().map(|drop| Record::Drop(drop)));
        self.write(&writes, &deletes).await?;
        // The restored record is older than the last save noted for it: that is not work
        // gone missing, but the school's choice.
        super::saved_marker::forget(&id);
        // Nor is text typed before the restore to be merged into the backup.
        super::unsaved_note::forget(&id);
        Ok(backup.workspace.name)
    }

    /// Workspace `id` as stored, opened with whichever of `keys` fits: `Ok(None)` when
    /// there is no such record, `Ok(Some(None))` when there is one none of them opens or
    /// that does not read.
    async fn workspace_if_readable(
        &self,
        id: &str,
        keys: &[Rc<Key>],
    ) -> Result<Option<Option<StoredWorkspace>>, StorageError> {
        let Some(text) = self.read(Record::Workspace(id)).await? else {
            return Ok(None);
        };
        let mut candidates: Vec<Option<Rc<Key>>> = keys.iter().cloned().map(Some).collect();
        candidates.push(None);
        for key in candidates {
            let mut opener = Opener::with_key(key);
            if let Ok(Some(json)) = opener.open(text.clone(), Contents::Workspace, id).await {
                return Ok(Some(decode_workspace(&json).ok()));
            }
        }
        Ok(Some(None))
    }

    /// What a checked backup holds and how it stands against the copy of its workspace
    /// already here and the workspace open now (`storage::backup_summary`). Reads only;
    /// `keys` are the backup's key and this tab's, tried in turn on protected records.
    pub async fn summarise_backup(
        &self,
        backup: &Backup,
        keys: &[Rc<Key>],
    ) -> Result<BackupSummary, StorageError> {
        let here = self
            .workspace_if_readable(&backup.workspace.id, keys)
            .await?;
        let open = match self.open_workspace_id().await? {
            Some(open) if open == backup.workspace.id => here.clone().flatten(),
            Some(open) => self.workspace_if_readable(&open, keys).await?.flatten(),
            None => None,
        };
        let copy = match &here {
            None => CopyHere::Absent,
            Some(None) => CopyHere::Unreadable,
            Some(Some(stored)) => CopyHere::Stored(stored),
        };
        Ok(summarise(backup, copy, open.as_ref()))
    }

    /// Checks `passphrase` against the stored record of workspace `id` (before the
    /// passphrase is changed or removed).
    pub async fn verify_passphrase(&self, id: &str, passphrase: &str) -> Result<(), StorageError> {
        let text = self
            .read(Record::Workspace(id))
            .await?
            .ok_or(StorageError::Missing(Missing::Workspace))?;
        let sealed = Envelope::parse(&text, Contents::Workspace)?;
        let key = Key::for_sealed(passphrase, &sealed).await?;
        key.open(&sealed, id).await?;
        Ok(())
    }
}

/// Reads a backup file: an encrypted one is opened with `passphrase` first. Returns the
/// checked backup and the key it was sealed with (the restored records are sealed with it
/// in turn). Nothing is changed by reading.
pub async fn read_backup_file(
    bytes: &[u8],
    passphrase: Option<&str>,
) -> Result<(Backup, Option<Key>), StorageError> {
    let Some(passphrase) = passphrase else {
        return Ok((read_backup(bytes)?, None));
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|_| crate::storage::backup::BackupError::NotABackup("it is not text".into()))?;
    let sealed = Envelope::parse(text, Contents::Backup).map_err(StorageError::BackupNotOpened)?;
    let key = Key::for_sealed(passphrase, &sealed).await?;
    let plain = key
        .open(&sealed, "")
        .await
        .map_err(|_| StorageError::WrongBackupPassphrase)?;
    Ok((read_backup(&plain)?, Some(key)))
}

/// Deletes the planner's whole database. Close this tab's repository first; other tabs'
/// connections close themselves. `on_blocked` is called once if something still holds the
/// database open, and the deletion waits until it lets go.
pub async fn erase_everything(on_blocked: impl FnOnce() + 'static) -> Result<(), StorageError> {
    idb::delete_everything(on_blocked).await
}
