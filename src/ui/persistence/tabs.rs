//! Another tab's saves on this screen: what it saved is read and merged three ways with
//! this tab's unsaved changes (`storage::merge`), and a conflict is said, never written
//! over.

use super::{as_stored, show, Keeper};
use crate::storage::merge::merge;
use crate::storage::schema::{StorageError, StoredWorkspace};
use crate::ui::state::AppState;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// Brings another tab's saved changes (`theirs`, which replaced `base`) onto this screen,
/// keeping any change made here that is not saved yet. When a part was changed here and
/// there differently, nothing is brought in and the conflict is returned: the change on
/// this screen stays, and is never written over the other tab's.
pub(super) fn bring_in(
    state: AppState,
    base: &StoredWorkspace,
    theirs: &StoredWorkspace,
) -> Result<(), StorageError> {
    let on_screen = as_stored(base, &state.work.get_untracked());
    let merged = merge(base, &on_screen, theirs)
        .map_err(|conflict| StorageError::Conflict(conflict.to_string()))?;
    show(state, &merged);
    Ok(())
}

/// Reads what another tab saved and brings it onto this screen. Its pupils replaced, its
/// passphrase changed or the workspace gone: this tab is stale and must reload.
pub(super) async fn pull(
    keeper: &Rc<RefCell<Keeper>>,
    state: AppState,
) -> Result<(), StorageError> {
    let (repository, id, text, drop, stored_key) = {
        let mut kept = keeper.borrow_mut();
        kept.pull = false;
        (
            kept.repository.clone(),
            kept.workspace.id.clone(),
            kept.stored_text.clone(),
            kept.workspace.drops.clone(),
            kept.stored_key.clone(),
        )
    };
    let repository = repository.ok_or(StorageError::NotOpen)?;
    let Some(theirs) = repository
        .stored_since(&id, text.as_deref(), &drop, stored_key)
        .await?
    else {
        return Ok(());
    };
    let base = keeper.borrow().workspace.clone();
    // On a conflict this tab keeps its base: its next save finds the stored record changed
    // and reports the conflict again, rather than writing this screen over theirs.
    bring_in(state, &base, &theirs.workspace)?;
    let mut kept = keeper.borrow_mut();
    kept.workspace = theirs.workspace;
    kept.stored_text = Some(theirs.text);
    Ok(())
}
