//! Why saved work could not be read or written: one typed error for everything that
//! touches the planner's storage, matched by kind (never by its text). Each message is
//! plain English and says what to do next.

use super::backup::BackupError;
use super::envelope::EnvelopeError;
use super::migrate::Unmigratable;

/// Why stored data could not be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The record was written by a newer version of the planner.
    #[error(
        "Your saved work was made by a newer version of the planner (format {found}; this \
         version reads up to {supported}). Reload the page to get the newest version."
    )]
    NewerVersion {
        /// The record's version.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The record is not what the planner wrote (damaged, or written by something else).
    #[error("Your saved work could not be read ({0}). Restore it from a backup file.")]
    Damaged(String),
    /// The record holds fields this planner does not know: reading it would lose them.
    #[error(
        "Part of your saved work could not be read: it holds details this version of the \
         planner does not know ({}). It has been kept exactly as it was and nothing will be \
         written over it. Download a copy of it to keep it safe, then ask for help.",
        .0.join(", ")
    )]
    UnknownFields(Vec<String>),
    /// An older record could not be brought up to date.
    #[error(
        "Part of your saved work, made by an older version of the planner (format {from}), \
         could not be brought up to date: {why}. It has been kept exactly as it was; \
         download a copy of it to keep it safe, then ask for help."
    )]
    NotMigrated {
        /// The version the failing step started from.
        from: u32,
        /// What was wrong.
        why: Unmigratable,
    },
    /// The disk (or the browser's share of it) is full: nothing of the change was written.
    #[error(
        "This computer has run out of space for the planner's data, so the last change was \
         not saved. Free some disk space (or delete old workspaces), then try again."
    )]
    QuotaExceeded,
    /// A large write (an import's pupils) would not fit in the space the browser says is
    /// left, with room to spare: it was not tried (`storage::space`).
    #[error(
        "There isn't enough space on this computer to save {} pupils. Free some space or \
         download a backup first, then import the file again. The pupils you had before \
         are still saved.",
        crate::core::import::text::group_thousands(*pupils)
    )]
    NoRoom {
        /// How many pupils the write would have saved.
        pupils: usize,
    },
    /// The browser could not write to its database on disk ("UnknownError": most often a
    /// full disk, sometimes a damaged browser profile).
    #[error(
        "The browser could not write the planner's data to this computer's disk (it may be \
         full), so the last change was not saved. Free some disk space: the planner tries \
         again by itself. If this keeps happening, download a backup."
    )]
    DiskFailed,
    /// Another tab holds the database open in a way that stops this change.
    #[error(
        "Another tab with the planner open is in the way. Close the planner's other tabs, \
         then try again."
    )]
    Blocked,
    /// The browser does not let the planner store anything (a private window, or storage
    /// switched off).
    #[error(
        "This browser does not allow the planner to save data (IndexedDB is switched off, \
         for example in a private window). Your work will be lost when you close the tab."
    )]
    Unavailable,
    /// The browser refused or abandoned the change for another reason, named by the browser.
    /// The field names the browser's reason, for the console: it is never shown.
    #[error(
        "The browser's storage did not accept the last change, so it was not saved. Try \
         again; if it keeps happening, download a backup and reload the page."
    )]
    Refused(String),
    /// Another tab saved this workspace since this tab last read it: saving now would
    /// overwrite that tab's work.
    #[error("Not saved: this workspace was changed in another tab. Reload this tab to carry on.")]
    ChangedElsewhere,
    /// Another tab changed the same part of the workspace at the same time, differently:
    /// nothing of this tab's change was written.
    #[error(
        "Not saved: another tab changed {0} at the same time. Your change is still on this \
         screen: note it down, reload this tab to see the other tab's work, then make your \
         change again."
    )]
    Conflict(String),
    /// The record asked for is not stored (deleted in another tab, say).
    #[error("{0}")]
    Missing(Missing),
    /// A protected record could not be opened or sealed (a wrong passphrase, a damaged
    /// envelope, no WebCrypto).
    #[error(transparent)]
    Protected(#[from] EnvelopeError),
    /// A backup file could not be made or read.
    #[error(transparent)]
    Backup(#[from] BackupError),
    /// A record is protected with another passphrase than the one this tab was unlocked
    /// with (it was changed in another tab).
    #[error(
        "This workspace is protected with a different passphrase from the one this tab was \
         unlocked with. Reload the planner and unlock it again."
    )]
    OtherPassphrase,
    /// The passphrase typed for a protected backup file is not the one it was made with.
    #[error(
        "That passphrase is not right for this backup, so nothing has been changed. Type the \
         passphrase the workspace had when the backup was made."
    )]
    WrongBackupPassphrase,
    /// A protected backup file could not be opened (damaged, or not a backup).
    #[error("{0} Nothing has been changed.")]
    BackupNotOpened(EnvelopeError),
    /// The saved work has not been opened in this tab (still loading, or locked).
    #[error("Your saved work has not been opened yet. Reload the page and try again.")]
    NotOpen,
}

/// What was looked for and not found, each with what to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Missing {
    /// No workspace holds anything to back up.
    #[error("There is nothing to back up yet: import a pupil spreadsheet first.")]
    NothingToBackUp,
    /// The workspace names a data drop that is not stored.
    #[error(
        "The saved pupils for this workspace are missing, so a backup would be incomplete. \
         Import the spreadsheet again, then download a backup."
    )]
    Pupils,
    /// The workspace was deleted (in another tab, perhaps).
    #[error("That workspace has already been deleted.")]
    Workspace,
}
