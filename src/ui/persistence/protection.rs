//! Passphrase protection of the open workspace: unlocking it, checking a passphrase,
//! protecting it with a new key (or removing the protection), and locking the planner,
//! by hand or after the workspace's "Lock after" time without use.

use super::{load, running_keeper, save, suspend, until_idle, Opened};
use crate::storage::envelope::EnvelopeError;
use crate::storage::schema::StorageError;
use crate::ui::state::{AppState, SaveState, WorkspaceStoreFields};
use crate::web::activity;
use crate::web::crypto::Key;
use leptos::prelude::*;
use std::rc::Rc;

/// The key of the open, unlocked workspace, if it is protected: backups are sealed with
/// it.
pub fn key() -> Option<Rc<Key>> {
    running_keeper().and_then(|keeper| keeper.borrow().key.clone())
}

/// Opens a protected workspace with `passphrase`. A wrong passphrase changes nothing and
/// the error says so, in the words of [`EnvelopeError::WrongPassphrase`].
pub async fn unlock(state: AppState, passphrase: &str) -> Result<(), StorageError> {
    let keeper = running_keeper().ok_or(StorageError::NotOpen)?;
    match load(&keeper, state, Some(passphrase)).await? {
        Opened::Open => {
            let session = state.session;
            session
                .saved_revision
                .set(keeper.borrow().workspace.revision);
            session.save_state.set(SaveState::Saved);
            session.loaded.set(true);
            Ok(())
        }
        Opened::Locked => Err(EnvelopeError::WrongPassphrase.into()),
    }
}

/// Checks `passphrase` against the stored workspace record (before changing or removing
/// the passphrase).
pub async fn verify_passphrase(passphrase: &str) -> Result<(), StorageError> {
    let keeper = running_keeper().ok_or(StorageError::NotOpen)?;
    let (repository, id) = {
        let kept = keeper.borrow();
        (kept.repository.clone(), kept.workspace.id.clone())
    };
    let repository = repository.ok_or(StorageError::NotOpen)?;
    repository.verify_passphrase(&id, passphrase).await
}

/// Protects the workspace with `key` (a new or changed passphrase), or removes the
/// protection (`None`): every record is rewritten at once, in one transaction, and this
/// resolves once it is stored. If it cannot be stored, nothing changes.
pub async fn protect(state: AppState, key: Option<Key>) -> Result<(), StorageError> {
    let keeper = running_keeper().ok_or(StorageError::NotOpen)?;
    if !state.session.loaded.get_untracked() {
        return Err(StorageError::NotOpen);
    }
    until_idle().await;
    let key = key.map(Rc::new);
    let previous = {
        let mut kept = keeper.borrow_mut();
        let previous = (kept.key.clone(), kept.rewrite);
        kept.key = key.clone();
        kept.rewrite = true;
        previous
    };
    let result = save(keeper.clone(), state).await;
    let mut kept = keeper.borrow_mut();
    if kept.rewrite {
        // Not stored: the records are still as they were, so is the key.
        (kept.key, kept.rewrite) = previous;
        return Err(result
            .err()
            .unwrap_or(StorageError::Refused("the change was not written".into())));
    }
    state.session.protected.set(key.is_some());
    Ok(())
}

thread_local! {
    static LOCKING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Locks the planner: once any save has finished, the page reloads, which drops the pupils
/// and the key from memory, and opens at the unlock screen.
pub fn lock() {
    if LOCKING.with(|locking| locking.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        // Let a change made just now (a note left by this very click) start saving first.
        activity::pause(0).await;
        suspend();
        until_idle().await;
        let _ = window().location().reload();
    });
}

/// Locks the planner after the workspace's "Lock after" time without keyboard or pointer
/// use, when it is protected and unlocked. Call once, from `App`.
pub fn lock_when_idle(state: AppState) {
    activity::watch_idle(10_000, move |idle_millis| {
        let limit = f64::from(state.work.lock_after_minutes().get_untracked()) * 60_000.0;
        let session = state.session;
        if session.protected.get_untracked()
            && session.loaded.get_untracked()
            && idle_millis >= limit
        {
            lock();
        }
    });
}
