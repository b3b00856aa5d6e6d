//! Work typed but not yet written when the page went away. A reload or a closed tab
//! ends the page before an IndexedDB write that was still under way can finish, so when
//! the page is hidden or left with a change not yet saved, the planner notes the change
//! in the browser's web storage, which is written at once. At the next start-up the note
//! is merged into what IndexedDB holds (as another tab's save would be), saved, and
//! forgotten once nothing on screen is left unsaved.
//!
//! A note holds two workspace records in their stored shape (so they are read through the
//! same migrations as IndexedDB's): the saved record the screen was made from (`base`) and
//! the record as the screen held it (`ours`). Pupils are never in a note: an import waits
//! for its pupils to be written. A protected workspace is never noted, since web storage
//! is not encrypted.

use crate::storage::merge::merge;
use crate::storage::schema::{decode_workspace, encode_workspace, StoredWorkspace};
use crate::storage::StorageError;
use serde::{Deserialize, Serialize};

/// A change not yet written when the page went away.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsaved {
    /// The saved record the screen was made from.
    pub base: StoredWorkspace,
    /// The record as the screen held it.
    pub ours: StoredWorkspace,
}

/// The note as stored: each record as the JSON text IndexedDB would hold.
#[derive(Serialize, Deserialize)]
struct UnsavedDto {
    base: String,
    ours: String,
}

impl Unsaved {
    /// The note as stored.
    pub fn encode(&self) -> Result<String, StorageError> {
        let dto = UnsavedDto {
            base: encode_workspace(&self.base)?,
            ours: encode_workspace(&self.ours)?,
        };
        serde_json::to_string(&dto).map_err(|error| StorageError::Damaged(error.to_string()))
    }

    /// A stored note, each record read (and migrated) as IndexedDB's are.
    pub fn decode(text: &str) -> Result<Unsaved, StorageError> {
        let dto: UnsavedDto =
            serde_json::from_str(text).map_err(|error| StorageError::Damaged(error.to_string()))?;
        Ok(Unsaved {
            base: decode_workspace(&dto.base)?,
            ours: decode_workspace(&dto.ours)?,
        })
    }
}

/// What a note adds to the record IndexedDB holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Recovery {
    /// Everything in the note is already saved (or it is another workspace's): forget it.
    AlreadySaved,
    /// The stored record with the note's changes merged in: show it, and save it.
    Merged(Box<StoredWorkspace>),
    /// The note and a later save changed the same thing differently (in words): the
    /// saved work stays as it is, and the page says so once.
    Conflict(String),
}

/// Merges the note's changes into `stored`, the record IndexedDB holds now (which may be
/// the note's base, or a later save by this tab or another).
pub fn recover(unsaved: &Unsaved, stored: &StoredWorkspace) -> Recovery {
    if unsaved.ours.id != stored.id {
        return Recovery::AlreadySaved;
    }
    match merge(&unsaved.base, &unsaved.ours, stored) {
        Ok(merged) if merged == *stored => Recovery::AlreadySaved,
        Ok(merged) => Recovery::Merged(Box::new(merged)),
        Err(conflict) => Recovery::Conflict(conflict.to_string()),
    }
}

/// What the page says when a note could not be brought back.
pub fn conflict_message(parts: &str) -> String {
    format!(
        "Some text typed just before the planner was last closed was not saved, and could \
         not be brought back: {parts} was changed in another tab since. Check it and type \
         it again if it is needed."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn saved(revision: u64) -> StoredWorkspace {
        let mut workspace = StoredWorkspace::new("ws-1", "Oak Primary");
        workspace.revision = revision;
        workspace
            .notes
            .insert("A1".into(), "Sits near the front.".into());
        workspace
    }

    fn typed(base: &StoredWorkspace) -> StoredWorkspace {
        let mut ours = base.clone();
        ours.notes
            .insert("B2".into(), "Typed just before the reload".into());
        ours
    }

    #[test]
    fn a_note_reads_back_as_written() {
        let base = saved(4);
        let unsaved = Unsaved {
            ours: typed(&base),
            base,
        };
        let text = unsaved.encode().expect("encodes");
        assert_eq!(Unsaved::decode(&text).expect("decodes"), unsaved);
    }

    #[test]
    fn a_damaged_note_is_an_error_not_a_panic() {
        assert!(Unsaved::decode("{\"base\": 3").is_err());
        assert!(Unsaved::decode("{\"base\": \"{}\", \"ours\": \"{}\"}").is_err());
    }

    #[test]
    fn a_change_never_written_is_merged_into_the_stored_record() {
        let base = saved(4);
        let unsaved = Unsaved {
            ours: typed(&base),
            base: base.clone(),
        };
        let Recovery::Merged(merged) = recover(&unsaved, &base) else {
            panic!("the typed note is brought back");
        };
        assert_eq!(
            merged.notes.get("B2").map(String::as_str),
            Some("Typed just before the reload")
        );
        assert_eq!(
            merged.notes.get("A1").map(String::as_str),
            Some("Sits near the front.")
        );
        assert_eq!(merged.revision, 4);
    }

    #[test]
    fn a_change_that_was_written_after_all_is_already_saved() {
        let base = saved(4);
        let ours = typed(&base);
        let mut stored = ours.clone();
        stored.revision = 5;
        let unsaved = Unsaved { base, ours };
        assert_eq!(recover(&unsaved, &stored), Recovery::AlreadySaved);
    }

    #[test]
    fn another_tabs_later_save_of_something_else_is_kept_with_the_note() {
        let base = saved(4);
        let unsaved = Unsaved {
            ours: typed(&base),
            base: base.clone(),
        };
        let mut theirs = base;
        theirs.revision = 6;
        theirs.focus.insert("C3".into());
        let Recovery::Merged(merged) = recover(&unsaved, &theirs) else {
            panic!("both are kept");
        };
        assert!(merged.focus.contains("C3"));
        assert!(merged.notes.contains_key("B2"));
        assert_eq!(merged.revision, 6);
    }

    #[test]
    fn the_same_note_changed_since_is_a_conflict_and_the_saved_one_stays() {
        let base = saved(4);
        let unsaved = Unsaved {
            ours: typed(&base),
            base: base.clone(),
        };
        let mut theirs = base;
        theirs.revision = 5;
        theirs
            .notes
            .insert("B2".into(), "Written in another tab".into());
        let Recovery::Conflict(parts) = recover(&unsaved, &theirs) else {
            panic!("a conflict");
        };
        let message = conflict_message(&parts);
        assert!(message.contains("the note on a pupil"), "{message}");
        assert!(message.contains("changed in another tab"), "{message}");
    }

    #[test]
    fn another_workspaces_note_changes_nothing() {
        let base = saved(4);
        let unsaved = Unsaved {
            ours: typed(&base),
            base,
        };
        let mut other = StoredWorkspace::new("ws-2", "Ash Academy");
        other.revision = 9;
        assert_eq!(recover(&unsaved, &other), Recovery::AlreadySaved);
    }
}
