//! What a backup holds, said before it replaces anything (issue 12 §4): the school, its
//! pupils, its data drops, when it was made and whether it is older than the copy of the
//! same workspace already in this browser. Pure: the caller reads the backup
//! ([`super::backup::read_backup`]) and the stored records, and the page only shows the
//! sentences made here.
//!
//! "Older" is judged by the workspace record's `revision`, which rises by one with every
//! save: a backup is a copy of the stored record at one revision, so a stored record with
//! a higher revision holds saves the backup does not. Records carry no save time, and a
//! backup's date is a day, so dates are shown but never compared.

use super::backup::{is_blank, Backup};
use super::schema::StoredWorkspace;
use chrono::NaiveDate;

/// The copy of the backup's workspace (same id) already in this browser, if any: what a
/// restore would replace.
#[derive(Debug, Clone, Copy)]
pub enum CopyHere<'a> {
    /// There is none: restoring adds the workspace.
    Absent,
    /// There is one, but this tab cannot open it (protected with another passphrase).
    Unreadable,
    /// There is one, and this is it.
    Stored(&'a StoredWorkspace),
}

/// How the backup stands against the copy already here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The workspace is not in this browser.
    NotHere,
    /// A copy is here but cannot be opened, so the two cannot be compared.
    CannotCompare,
    /// The copy here has been saved `saves_since` more times since the backup was made.
    Older {
        /// Saves made after the backup.
        saves_since: u64,
    },
    /// The backup holds exactly the save the copy here is at.
    Same,
    /// Both have been saved as often, but they hold different work (the backup was
    /// changed on another computer, for example), so neither is older.
    Different,
    /// The backup was made after the copy here was last saved (an older backup was
    /// restored since, for example).
    Newer {
        /// Saves the backup holds that the copy here does not.
        saves_ahead: u64,
    },
}

/// One data drop in a backup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DropSummary {
    /// The spreadsheet's file name.
    pub source_file: String,
    /// The day it was imported.
    pub imported_on: NaiveDate,
    /// "Spring 2025/26".
    pub term: String,
    /// How many pupils it holds.
    pub pupils: usize,
}

/// Everything the page says about a chosen backup before asking to restore it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The workspace's (usually the school's) name.
    pub school: String,
    /// Pupils in the workspace's current data drop (0 when it has none).
    pub pupils: usize,
    /// True when the pupils are the built-in made-up school.
    pub synthetic: bool,
    /// The data drops it holds, current first.
    pub drops: Vec<DropSummary>,
    /// The day the backup was made, when its date reads as one.
    pub made_on: Option<NaiveDate>,
    /// The backup's date exactly as written, for one that does not read as a date.
    pub made_text: String,
    /// How it stands against the copy here.
    pub standing: Standing,
    /// True when the copy here is the workspace open now (so restoring replaces the open
    /// work); false when restoring adds or replaces another workspace.
    pub replaces_open: bool,
    /// The open workspace's name, when it is another workspace that holds work and is
    /// kept (`None` when it is the same workspace, or empty, or unknown).
    pub open_kept: Option<String>,
}

/// A date as the page shows it: 13/03/2026.
pub fn uk_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn count(number: usize, one: &str, many: &str) -> String {
    match number {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        _ => format!("{number} {many}"),
    }
}

fn times(number: u64) -> String {
    if number == 1 {
        "once".to_string()
    } else {
        format!("{number} times")
    }
}

/// Sums up `backup` against `here` (the stored copy with the same workspace id) and
/// `open` (the workspace open now, if it could be read).
pub fn summarise(
    backup: &Backup,
    here: CopyHere<'_>,
    open: Option<&StoredWorkspace>,
) -> BackupSummary {
    let workspace = &backup.workspace;
    let shown = workspace.shown_among(&backup.drops);
    let current = shown.as_deref();
    let mut drops: Vec<_> = backup.drops.iter().collect();
    // Current drop first, then newest import first.
    drops.sort_by_key(|drop| {
        (
            Some(drop.id.as_str()) != current,
            std::cmp::Reverse(drop.drop.imported_on),
        )
    });
    let pupils = backup
        .drops
        .iter()
        .find(|drop| Some(drop.id.as_str()) == current)
        .map_or(0, |drop| drop.drop.pupils.len());
    let standing = match here {
        CopyHere::Absent => Standing::NotHere,
        CopyHere::Unreadable => Standing::CannotCompare,
        CopyHere::Stored(stored) => match stored.revision.cmp(&workspace.revision) {
            std::cmp::Ordering::Greater => Standing::Older {
                saves_since: stored.revision - workspace.revision,
            },
            std::cmp::Ordering::Equal if stored == &backup.workspace => Standing::Same,
            std::cmp::Ordering::Equal => Standing::Different,
            std::cmp::Ordering::Less => Standing::Newer {
                saves_ahead: workspace.revision - stored.revision,
            },
        },
    };
    let replaces_open = open.is_some_and(|open| open.id == workspace.id);
    let open_kept = open
        .filter(|open| open.id != workspace.id && !is_blank(open))
        .map(|open| open.name.clone());
    BackupSummary {
        school: workspace.name.clone(),
        pupils,
        synthetic: workspace.synthetic,
        drops: drops
            .into_iter()
            .map(|drop| DropSummary {
                source_file: drop.drop.source_file.clone(),
                imported_on: drop.drop.imported_on,
                term: drop.drop.label(),
                pupils: drop.drop.pupils.len(),
            })
            .collect(),
        made_on: NaiveDate::parse_from_str(&backup.created, "%Y-%m-%d").ok(),
        made_text: backup.created.clone(),
        standing,
        replaces_open,
        open_kept,
    }
}

impl BackupSummary {
    /// True when the work here has saves the backup does not hold, so restoring loses them.
    pub fn is_older(&self) -> bool {
        matches!(self.standing, Standing::Older { .. })
    }

    /// "210 pupils", "1 pupil", "No pupils", with "(the made-up school)" when so.
    pub fn pupils_text(&self) -> String {
        let mut text = count(self.pupils, "pupil", "pupils");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        if self.synthetic {
            text.push_str(" (the made-up school)");
        }
        text
    }

    /// "13/03/2026" (or the date as written when it is not a date).
    pub fn made_text(&self) -> String {
        self.made_on.map_or_else(|| self.made_text.clone(), uk_date)
    }

    /// One line per data drop: "primary_210.csv, imported 13/03/2026 (Spring 2025/26):
    /// 210 pupils". Empty when it holds none.
    pub fn drop_lines(&self) -> Vec<String> {
        self.drops
            .iter()
            .map(|drop| {
                format!(
                    "{}, imported {} ({}): {}",
                    drop.source_file,
                    uk_date(drop.imported_on),
                    drop.term,
                    count(drop.pupils, "pupil", "pupils")
                )
            })
            .collect()
    }

    /// What restoring does to the work here, in a sentence or two.
    pub fn standing_text(&self) -> String {
        let copy = if self.replaces_open {
            "the work open now".to_string()
        } else {
            format!("the copy of “{}” already in this browser", self.school)
        };
        let mut text = match self.standing {
            Standing::NotHere => format!(
                "“{}” is not in this browser yet: restoring adds it and opens it.",
                self.school
            ),
            Standing::CannotCompare => format!(
                "A copy of “{}” is already in this browser, protected with another passphrase, so the planner cannot tell which is newer. Restoring replaces that copy.",
                self.school
            ),
            Standing::Older { saves_since } => format!(
                "This backup is older than {copy}: that work has been saved {} since the backup was made. Restoring it replaces {copy}, and those later changes are lost.",
                times(saves_since)
            ),
            Standing::Same => format!(
                "This backup holds the same save as {copy}: nothing has been saved since it was made."
            ),
            Standing::Different => format!(
                "This backup and {copy} have been saved as often as each other but hold different work, so the planner cannot tell which is newer. Restoring it replaces {copy}."
            ),
            Standing::Newer { saves_ahead } => format!(
                "This backup is newer than {copy}: it holds {} more {} than that work. Restoring it replaces {copy}.",
                saves_ahead,
                if saves_ahead == 1 { "save" } else { "saves" }
            ),
        };
        if let Some(open) = &self.open_kept {
            text.push_str(&format!(
                " The workspace open now, “{open}”, is kept: you can open it again from Workspaces."
            ));
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::drop::DataDrop;
    use crate::core::import::build::ImportPlan;
    use crate::core::pupil::Pupil;
    use crate::storage::schema::{DropEntry, StoredDrop, SCHEMA_VERSION};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    fn drop(id: &str, file: &str, on: NaiveDate, pupils: usize) -> StoredDrop {
        let plan = ImportPlan {
            sheet: 0,
            header_row: 0,
            headings: vec![],
            mapping: Default::default(),
        };
        StoredDrop {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            drop: DataDrop::new(on, file, plan, vec![Pupil::default(); pupils]),
        }
    }

    /// Oakfield Primary at revision 5, 210 pupils imported 13/03/2026, backed up that day.
    fn backup() -> Backup {
        let mut workspace = StoredWorkspace::new("workspace-1", "Oakfield Primary");
        workspace.revision = 5;
        workspace.drops = vec![DropEntry::new("drop-1"), DropEntry::new("drop-2")];
        Backup {
            format: super::super::backup::BACKUP_FORMAT.into(),
            schema_version: SCHEMA_VERSION,
            app_version: "0.1.0".into(),
            created: "2026-03-14".into(),
            workspace,
            drops: vec![
                drop("drop-1", "autumn.csv", date(2025, 10, 1), 3),
                drop("drop-2", "primary_210.csv", date(2026, 3, 13), 210),
            ],
            checksum: String::new(),
        }
    }

    fn stored_at(revision: u64) -> StoredWorkspace {
        let mut stored = backup().workspace;
        stored.revision = revision;
        stored
    }

    fn check(summary: &BackupSummary, standing: Standing, words: &[&str]) {
        assert_eq!(summary.standing, standing);
        let text = summary.standing_text();
        for word in words {
            assert!(text.contains(word), "“{text}” should contain “{word}”");
        }
    }

    #[test]
    fn says_what_the_backup_holds() {
        let here = stored_at(5);
        let summary = summarise(&backup(), CopyHere::Stored(&here), Some(&here));
        assert_eq!(summary.school, "Oakfield Primary");
        assert_eq!(summary.pupils, 210);
        assert_eq!(summary.pupils_text(), "210 pupils");
        assert_eq!(summary.made_text(), "14/03/2026");
        assert_eq!(
            summary.drop_lines(),
            vec![
                "primary_210.csv, imported 13/03/2026 (Spring 2025/26): 210 pupils",
                "autumn.csv, imported 01/10/2025 (Autumn 2025/26): 3 pupils",
            ]
        );
    }

    #[test]
    fn a_backup_behind_the_open_work_is_older() {
        let here = stored_at(8);
        let summary = summarise(&backup(), CopyHere::Stored(&here), Some(&here));
        assert!(summary.is_older());
        assert!(summary.replaces_open);
        check(
            &summary,
            Standing::Older { saves_since: 3 },
            &[
                "This backup is older than the work open now",
                "saved 3 times since",
                "those later changes are lost",
            ],
        );
        let once = stored_at(6);
        let summary = summarise(&backup(), CopyHere::Stored(&once), Some(&once));
        check(
            &summary,
            Standing::Older { saves_since: 1 },
            &["saved once since"],
        );
    }

    #[test]
    fn the_same_save_and_a_newer_backup_are_not_older() {
        let same = stored_at(5);
        let summary = summarise(&backup(), CopyHere::Stored(&same), Some(&same));
        assert!(!summary.is_older());
        check(
            &summary,
            Standing::Same,
            &["the same save as the work open now"],
        );
        let mut elsewhere = stored_at(5);
        elsewhere
            .notes
            .insert("A".into(), "written on another computer".into());
        let summary = summarise(&backup(), CopyHere::Stored(&elsewhere), Some(&elsewhere));
        assert!(!summary.is_older());
        check(
            &summary,
            Standing::Different,
            &["hold different work", "cannot tell which is newer"],
        );
        let behind = stored_at(4);
        let summary = summarise(&backup(), CopyHere::Stored(&behind), Some(&behind));
        assert!(!summary.is_older());
        check(
            &summary,
            Standing::Newer { saves_ahead: 1 },
            &["newer than the work open now", "1 more save "],
        );
    }

    #[test]
    fn another_workspace_open_is_kept_and_named() {
        let mut open = StoredWorkspace::new("workspace-2", "Hillside Academy");
        open.notes.insert("A".into(), "a note".into());
        let summary = summarise(&backup(), CopyHere::Absent, Some(&open));
        assert!(!summary.replaces_open);
        check(
            &summary,
            Standing::NotHere,
            &[
                "“Oakfield Primary” is not in this browser yet",
                "“Hillside Academy”, is kept",
            ],
        );
        // An empty open workspace is replaced, so it is not mentioned.
        let blank = StoredWorkspace::new("workspace-2", "My school");
        let summary = summarise(&backup(), CopyHere::Absent, Some(&blank));
        assert_eq!(summary.open_kept, None);
        assert!(!summary.standing_text().contains("is kept"));
        // A copy of the backup's workspace that is not the open one.
        let here = stored_at(9);
        let summary = summarise(&backup(), CopyHere::Stored(&here), Some(&open));
        check(
            &summary,
            Standing::Older { saves_since: 4 },
            &["older than the copy of “Oakfield Primary” already in this browser"],
        );
    }

    #[test]
    fn a_copy_that_cannot_be_opened_is_not_compared() {
        let summary = summarise(&backup(), CopyHere::Unreadable, None);
        assert!(!summary.is_older());
        check(
            &summary,
            Standing::CannotCompare,
            &["cannot tell which is newer"],
        );
    }

    #[test]
    fn an_empty_workspace_and_an_odd_date_are_said_plainly() {
        let mut empty = backup();
        empty.workspace.drops.clear();
        empty.drops.clear();
        empty.workspace.synthetic = true;
        empty.created = "sometime".into();
        let summary = summarise(&empty, CopyHere::Absent, None);
        assert_eq!(summary.pupils_text(), "No pupils (the made-up school)");
        assert!(summary.drop_lines().is_empty());
        assert_eq!(summary.made_text(), "sometime");
        let mut one = backup();
        one.drops = vec![drop("drop-2", "one.csv", date(2026, 3, 13), 1)];
        let summary = summarise(&one, CopyHere::Absent, None);
        assert_eq!(summary.pupils_text(), "1 pupil");
    }
}
