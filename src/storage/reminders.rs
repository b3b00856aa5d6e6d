//! What the header says about how safe the school's work is (issue 10): whether the
//! browser has agreed to keep it, and when a backup is due. Pure, so the rules are tested
//! natively; `ui::app` shows the words and `web::storage_space` asks the browser.

use chrono::NaiveDate;
use std::fmt;

/// A backup is due when the last one is older than this many days (four weeks).
pub const BACKUP_DUE_AFTER_DAYS: i64 = 28;

/// Why the header reminds the user to download a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupReminder {
    /// Pupils are saved here and no backup has ever been downloaded.
    NeverBackedUp,
    /// Pupils were imported after the last backup, so the backup lacks them.
    ImportedSince,
    /// The last backup is older than [`BACKUP_DUE_AFTER_DAYS`]; it was this many days ago.
    Overdue(i64),
}

impl fmt::Display for BackupReminder {
    /// The reminder in plain English, short enough for the header (it links to where a
    /// backup is downloaded).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupReminder::NeverBackedUp => f.write_str("No backup yet"),
            BackupReminder::ImportedSince => f.write_str("New pupils since the last backup"),
            BackupReminder::Overdue(days) => write!(f, "Last backup {} weeks ago", days / 7),
        }
    }
}

/// Whether to remind about a backup. No reminder for a workspace with no pupils or the
/// made-up school (nothing of the school's to lose).
pub fn backup_reminder(
    imported_on: Option<NaiveDate>,
    synthetic: bool,
    last_backup: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<BackupReminder> {
    let imported_on = imported_on?;
    if synthetic {
        return None;
    }
    let Some(last) = last_backup else {
        return Some(BackupReminder::NeverBackedUp);
    };
    if imported_on > last {
        return Some(BackupReminder::ImportedSince);
    }
    let days = (today - last).num_days();
    (days > BACKUP_DUE_AFTER_DAYS).then_some(BackupReminder::Overdue(days))
}

/// What the header says once the work is saved: protected only when the browser has
/// agreed to keep the data (`Some(true)`); otherwise it may clear it when space runs
/// short, and the header says so with a link to the fix.
pub fn saved_words(kept: Option<bool>) -> (&'static str, bool) {
    match kept {
        Some(true) => ("✓ Saved on this computer", false),
        _ => ("Saved in this browser — not yet protected", true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn a_backup_is_asked_for_when_never_made_after_an_import_and_after_four_weeks() {
        let today = date(2026, 12, 1);
        let imported = Some(date(2026, 11, 2));
        assert_eq!(backup_reminder(None, false, None, today), None);
        assert_eq!(backup_reminder(imported, true, None, today), None);
        assert_eq!(
            backup_reminder(imported, false, None, today),
            Some(BackupReminder::NeverBackedUp)
        );
        assert_eq!(
            backup_reminder(imported, false, Some(date(2026, 11, 1)), today),
            Some(BackupReminder::ImportedSince)
        );
        // Backed up on the day of the import, 29 days ago: due.
        assert_eq!(
            backup_reminder(imported, false, Some(date(2026, 11, 2)), today),
            Some(BackupReminder::Overdue(29))
        );
        // 28 days is not yet over four weeks.
        assert_eq!(
            backup_reminder(imported, false, Some(date(2026, 11, 3)), today),
            None
        );
        assert_eq!(
            BackupReminder::Overdue(29).to_string(),
            "Last backup 4 weeks ago"
        );
    }

    #[test]
    fn saved_says_protected_only_when_the_browser_agreed_to_keep_the_data() {
        assert_eq!(saved_words(Some(true)), ("✓ Saved on this computer", false));
        assert_eq!(
            saved_words(Some(false)),
            ("Saved in this browser — not yet protected", true)
        );
        assert!(saved_words(None).1);
    }
}
