//! A small note of the last save, kept outside IndexedDB (in the browser's web storage),
//! so that saved work that has gone missing is noticed: a browser that threw its database
//! away as damaged after a full disk, or storage cleared by a clean-up tool. At start-up
//! the planner compares what IndexedDB holds with these notes and says plainly when work
//! is missing, instead of opening an empty workspace that says "Saved".

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// The note of one workspace's last save. Stored as JSON; unknown fields are ignored and
/// a note that cannot be read is treated as no note (it is a reminder, not saved work).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMarker {
    /// The workspace's id.
    pub id: String,
    /// Its name when last saved.
    pub name: String,
    /// The revision last written.
    pub revision: u64,
    /// When it was last saved, on this computer's clock.
    pub saved_at: NaiveDateTime,
}

impl SavedMarker {
    /// The note as stored.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A stored note, or `None` if it cannot be read.
    pub fn decode(text: &str) -> Option<SavedMarker> {
        serde_json::from_str(text).ok()
    }
}

/// The saved work that is missing, if any: of the notes whose workspace IndexedDB no
/// longer holds, or holds at an older revision than noted (the database came back older
/// than it was left), the most recently saved. `stored`: each stored workspace's id and
/// revision (`None` where it cannot be read without a passphrase: only its presence counts).
pub fn missing(markers: &[SavedMarker], stored: &[(String, Option<u64>)]) -> Option<SavedMarker> {
    markers
        .iter()
        .filter(
            |marker| match stored.iter().find(|(id, _)| *id == marker.id) {
                None => true,
                Some((_, Some(revision))) => *revision < marker.revision,
                Some((_, None)) => false,
            },
        )
        .max_by_key(|marker| marker.saved_at)
        .cloned()
}

/// What the page says about missing work, with what to do next. `last_backup`: when a
/// backup of it was last downloaded in this browser.
pub fn missing_message(marker: &SavedMarker, last_backup: Option<NaiveDate>) -> String {
    let backup = match last_backup {
        Some(date) => format!(
            " Your latest backup of it was downloaded on {}.",
            date.format("%d/%m/%Y")
        ),
        None => String::new(),
    };
    format!(
        "Your saved work on this computer is missing: the workspace “{}”, last saved on {} \
         at {}, is not in this browser's storage any more (the browser may have cleared it, \
         for example after the disk was full).{backup} Restore your latest backup in \
         Settings → Your data to get it back.",
        marker.name,
        marker.saved_at.format("%d/%m/%Y"),
        marker.saved_at.format("%H:%M"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(id: &str, revision: u64, day: u32) -> SavedMarker {
        SavedMarker {
            id: id.into(),
            name: format!("School {id}"),
            revision,
            saved_at: NaiveDate::from_ymd_opt(2026, 11, day)
                .and_then(|date| date.and_hms_opt(14, 5, 0))
                .expect("a real date and time"),
        }
    }

    #[test]
    fn a_note_reads_back_as_written_and_a_damaged_one_is_no_note() {
        let note = marker("a", 7, 3);
        assert_eq!(SavedMarker::decode(&note.encode()), Some(note));
        assert_eq!(SavedMarker::decode("{\"id\":"), None);
    }

    #[test]
    fn an_empty_database_with_notes_is_missing_work_the_latest_named() {
        let notes = [marker("a", 7, 3), marker("b", 2, 20), marker("c", 9, 10)];
        assert_eq!(missing(&notes, &[]), Some(notes[1].clone()));
        assert_eq!(missing(&[], &[]), None);
        // The empty workspace made at start-up has no note: the others are still missing.
        let fresh = [("new".to_string(), Some(1))];
        assert_eq!(missing(&notes, &fresh), Some(notes[1].clone()));
    }

    #[test]
    fn a_workspace_older_than_its_note_is_missing_work() {
        let notes = [marker("a", 7, 3)];
        let stored = |revision| [("a".to_string(), Some(revision))];
        assert_eq!(missing(&notes, &stored(6)), Some(notes[0].clone()));
        assert_eq!(missing(&notes, &stored(7)), None);
        assert_eq!(missing(&notes, &stored(8)), None);
        // A protected workspace's revision is sealed: being there is enough.
        assert_eq!(missing(&notes, &[("a".to_string(), None)]), None);
    }

    #[test]
    fn only_workspaces_with_notes_count() {
        let notes = [marker("a", 7, 3), marker("b", 4, 5)];
        let stored = [
            ("a".to_string(), Some(7)),
            ("b".to_string(), Some(4)),
            ("c".to_string(), Some(1)),
        ];
        assert_eq!(missing(&notes, &stored), None);
        assert_eq!(missing(&notes, &stored[..1]), Some(notes[1].clone()));
    }

    #[test]
    fn the_message_names_the_work_when_it_was_saved_and_what_to_do() {
        let note = marker("a", 7, 3);
        let message = missing_message(&note, NaiveDate::from_ymd_opt(2026, 11, 1));
        assert!(
            message.starts_with("Your saved work on this computer is missing"),
            "{message}"
        );
        assert!(
            message.contains("“School a”, last saved on 03/11/2026 at 14:05"),
            "{message}"
        );
        assert!(message.contains("downloaded on 01/11/2026"), "{message}");
        assert!(message.contains("Restore your latest backup"), "{message}");
        assert!(!missing_message(&note, None).contains("downloaded"));
    }
}
