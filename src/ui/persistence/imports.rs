//! Storing an import: its pupils are put into the workspace, and the import waits until
//! they are written, or puts the workspace back as it was.

use super::{autosave, running_keeper, save, until_idle, Autosave};
use crate::storage::schema::StorageError;
use crate::ui::state::{AppState, WorkspaceStoreFields};
use crate::web::activity;
use leptos::prelude::*;

/// Whether an import's pupils were stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// Saved on this computer.
    Saved,
    /// Shown in this tab only: the saved work could not be opened, so nothing is saved
    /// (the header says why).
    InThisTabOnly,
}

/// Puts an import into the open workspace (`apply` sets its pupils and what goes with
/// them) and waits until it is stored. If it cannot be stored (no room on the disk,
/// another tab, a failed write), the workspace is put back exactly as it was and the
/// error says why: an import is never shown as done when its pupils were not saved.
pub async fn store_import(state: AppState, apply: impl FnOnce()) -> Result<Kept, StorageError> {
    let work = state.work;
    let before = (
        work.drops().get_untracked(),
        work.shown_drop().get_untracked(),
        work.synthetic().get_untracked(),
        work.mapping_memory().get_untracked(),
    );
    let was = state.session.save_state.get_untracked();
    apply();
    let Some(keeper) = running_keeper().filter(|_| state.session.loaded.get_untracked()) else {
        return Ok(Kept::InThisTabOnly);
    };
    // Let the autosaver's own save of this change start, then wait for every save to end
    // and save once more: that save writes the pupils if no earlier one did, and its
    // outcome is the import's.
    activity::pause(0).await;
    until_idle().await;
    let result = if autosave() == Autosave::Suspended {
        Err(StorageError::NotOpen)
    } else {
        save(keeper, state).await
    };
    if let Err(error) = result {
        let (drops, shown, synthetic, memory) = before;
        work.drops().set(drops);
        work.shown_drop().set(shown);
        work.synthetic().set(synthetic);
        work.mapping_memory().set(memory);
        // The failed write changed nothing on disk: the workspace is as saved as it was
        // before the import (a failure of the import is the import page's to say).
        state.session.save_state.set(was);
        return Err(error);
    }
    Ok(Kept::Saved)
}
