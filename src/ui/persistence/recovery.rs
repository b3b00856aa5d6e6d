//! Getting work back after something went wrong: text noted as unsaved when the page
//! last went away (`storage::unsaved`) is brought back at start-up and forgotten once
//! saved, and a write that failed on a full disk is retried by itself.

use super::{pending, running_keeper, save, show, Keeper, Pending};
use crate::storage::schema::{StorageError, StoredWorkspace};
use crate::storage::unsaved::{self, Recovery, Unsaved};
use crate::ui::state::AppState;
use crate::web::repository::Repository;
use crate::web::unsaved_note;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What start-up did with a change noted as unsaved when the page last went away.
pub(super) enum BroughtBack {
    /// Merged onto the screen: save it.
    Merged,
    /// Not used, with the sentence that says why.
    NotUsed(String),
}

/// Brings back onto the screen a change noted as unsaved when the page last went away
/// (`storage::unsaved`), merged with `stored`, the record IndexedDB holds now. `None` when
/// there is nothing to bring back; a note that cannot be used is kept and said.
pub(super) fn bring_back_unsaved(state: AppState, stored: &StoredWorkspace) -> Option<BroughtBack> {
    let text = unsaved_note::get(&stored.id)?;
    let unsaved = match Unsaved::decode(&text) {
        Ok(unsaved) => unsaved,
        Err(error) => return Some(BroughtBack::NotUsed(error.to_string())),
    };
    match unsaved::recover(&unsaved, stored) {
        Recovery::AlreadySaved => {
            unsaved_note::forget(&stored.id);
            None
        }
        Recovery::Merged(merged) => {
            show(state, &merged);
            Some(BroughtBack::Merged)
        }
        Recovery::Conflict(parts) => {
            // Said once, at this start-up: a note kept would say it at every one.
            unsaved_note::forget(&stored.id);
            Some(BroughtBack::NotUsed(unsaved::conflict_message(&parts)))
        }
    }
}

/// Notes the change on screen not yet written, if any, in web storage, which is written
/// at once: the page is being hidden or left, and the write under way may not finish
/// before it goes. Never for a protected workspace (web storage is not encrypted).
pub fn note_unsaved(state: AppState) {
    // A stale tab has been told its changes cannot be saved (another tab imported pupils,
    // or restored or deleted the workspace): a reload drops them, as it said.
    if !state.session.loaded.get_untracked() || state.session.stale.get_untracked() {
        return;
    }
    let Some(keeper) = running_keeper() else {
        return;
    };
    let Ok(kept) = keeper.try_borrow() else {
        return;
    };
    if kept.key.is_some() || kept.workspace.id.is_empty() {
        return;
    }
    // Only a change to the workspace record: new or deleted pupils are never noted.
    if let Some(Pending {
        workspace,
        drops,
        deleted,
    }) = pending(&kept, state)
    {
        if !drops.is_empty() || !deleted.is_empty() {
            return;
        }
        let unsaved = Unsaved {
            base: kept.workspace.clone(),
            ours: workspace,
        };
        unsaved_note::note(&kept.workspace.id, &unsaved);
    }
}

/// Forgets the note of unsaved work once nothing on screen is left unsaved: the screen
/// only moves on from what was noted, so all of it is in the stored record now.
pub(super) fn forget_unsaved_if_saved(keeper: &Rc<RefCell<Keeper>>, state: AppState) {
    let kept = keeper.borrow();
    let id = &kept.workspace.id;
    if unsaved_note::get(id).is_some() && pending(&kept, state).is_none() {
        unsaved_note::forget(id);
    }
}

thread_local! {
    /// A retry of a failed save is waiting.
    static RETRYING: Cell<bool> = const { Cell::new(false) };
}

/// How long after a failed write (a full disk, say) the keeper tries again by itself.
const RETRY_AFTER_MS: u64 = 5_000;

/// Tries the failed save again in a few seconds (once at a time), so the tab recovers by
/// itself once space is freed, without a reload.
pub(super) fn retry_later(keeper: Rc<RefCell<Keeper>>, state: AppState) {
    if RETRYING.with(|retrying| retrying.replace(true)) {
        return;
    }
    set_timeout(
        move || {
            RETRYING.with(|retrying| retrying.set(false));
            leptos::task::spawn_local(async move {
                let _ = save(keeper, state).await;
            });
        },
        std::time::Duration::from_millis(RETRY_AFTER_MS),
    );
}

/// After a failed write, opens the database afresh: a connection whose write failed on a
/// full disk can stay unusable after space is freed.
pub(super) async fn reopen_if_needed(keeper: &Rc<RefCell<Keeper>>) -> Result<(), StorageError> {
    if !keeper.borrow().reopen {
        return Ok(());
    }
    let repository = Repository::open().await?;
    let mut kept = keeper.borrow_mut();
    if let Some(old) = kept.repository.replace(Rc::new(repository)) {
        old.close();
    }
    kept.reopen = false;
    Ok(())
}
