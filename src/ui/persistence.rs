//! Keeps the workspace in IndexedDB as the user works: loads it when the app starts,
//! saves every change (the pupils once per import, the small workspace record on every
//! edit), shows "Saving…"/"Saved", and stops saving if another tab changed the same
//! workspace, so two tabs never silently overwrite each other.

use crate::core::drop::DataDrop;
use crate::storage::schema::{
    decode_drop, decode_workspace, encode, StoredDrop, StoredWorkspace, SCHEMA_VERSION,
};
use crate::ui::state::{AppState, SaveState};
use crate::web::channel::TabChannel;
use crate::web::clock;
use crate::web::idb::{self, Db, DROPS, SETTINGS, WORKSPACES};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// The SETTINGS key naming the open workspace.
pub const CURRENT_WORKSPACE: &str = "current_workspace";

/// What is being kept: the workspace record and which drop has been written.
struct Keeper {
    db: Option<Rc<Db>>,
    workspace: StoredWorkspace,
    /// The drop last written (by pointer) and its id.
    saved_drop: Option<(Arc<DataDrop>, String)>,
    saving: bool,
    pending: bool,
    channel: Option<Rc<TabChannel>>,
    /// Set while Settings restores a backup or deletes everything: nothing is written.
    suspended: bool,
}

thread_local! {
    /// The running keeper, so Settings can pause saving and let go of the database.
    static KEEPER: RefCell<Option<Rc<RefCell<Keeper>>>> = const { RefCell::new(None) };
}

/// Stops autosaving until [`resume`] (or a reload): used while a backup is restored, so
/// nothing this tab holds is written over it. A save already writing finishes first
/// (IndexedDB runs its transaction before any started later).
pub fn suspend() {
    with_keeper(|keeper| keeper.suspended = true);
}

/// Starts autosaving again after [`suspend`] (when a restore was not applied).
pub fn resume() {
    with_keeper(|keeper| keeper.suspended = false);
}

/// Stops autosaving for good and closes this tab's connection to the database, so
/// "Delete all data on this computer" is not blocked by it. Reload afterwards.
pub fn close_database() {
    with_keeper(|keeper| {
        keeper.suspended = true;
        if let Some(db) = keeper.db.take() {
            db.close();
        }
    });
}

/// Tells other tabs that `workspace_id` was replaced (restored from a backup): a tab with
/// it open must reload rather than save over it. Announced as the highest revision, since
/// the restored record keeps the revision it had when it was backed up.
pub fn announce_replaced(workspace_id: &str) {
    KEEPER.with(|slot| {
        let channel = slot.borrow().as_ref().and_then(|keeper| {
            keeper
                .try_borrow()
                .ok()
                .and_then(|keeper| keeper.channel.clone())
        });
        if let Some(channel) = channel {
            channel.announce(workspace_id, u64::MAX);
        }
    });
}

fn with_keeper(change: impl FnOnce(&mut Keeper)) {
    KEEPER.with(|slot| {
        if let Some(keeper) = slot.borrow().as_ref() {
            if let Ok(mut keeper) = keeper.try_borrow_mut() {
                change(&mut keeper);
            }
        }
    });
}

/// Starts loading and, once loaded, autosaving. Call once, from `App`.
pub fn start(state: AppState) {
    let keeper = Rc::new(RefCell::new(Keeper {
        db: None,
        workspace: StoredWorkspace::new(String::new(), "My school"),
        saved_drop: None,
        saving: false,
        pending: false,
        channel: None,
        suspended: false,
    }));
    KEEPER.with(|slot| *slot.borrow_mut() = Some(keeper.clone()));

    let listener = keeper.clone();
    let channel = TabChannel::open(move |id, revision| {
        let ours = listener
            .try_borrow()
            .map(|keeper| (keeper.workspace.id.clone(), keeper.workspace.revision));
        if let Ok((our_id, our_revision)) = ours {
            if id == our_id && revision > our_revision {
                state.stale.set(true);
            }
        }
    });
    keeper.borrow_mut().channel = Some(Rc::new(channel));

    let loader = keeper.clone();
    leptos::task::spawn_local(async move {
        match load(&loader, state).await {
            Ok(()) => {
                state.save_state.set(SaveState::Saved);
                state.loaded.set(true);
            }
            Err(message) => state.save_state.set(SaveState::Failed(message)),
        }
    });

    Effect::new(move |_| {
        // Track everything that is saved.
        state.profile.track();
        state.mapping_memory.track();
        state.cohorts.track();
        state.focus.track();
        state.notes.track();
        state.synthetic.track();
        state.drop.track();
        if !state.loaded.get_untracked() {
            return;
        }
        let keeper = keeper.clone();
        leptos::task::spawn_local(async move { save(keeper, state).await });
    });
}

async fn load(keeper: &Rc<RefCell<Keeper>>, state: AppState) -> Result<(), String> {
    let db = idb::open().await?;
    let current = db.get(SETTINGS, CURRENT_WORKSPACE).await?;
    let stored = match &current {
        Some(id) => match db.get(WORKSPACES, id).await? {
            Some(json) => Some(decode_workspace(&json).map_err(|error| error.to_string())?),
            None => None,
        },
        None => None,
    };
    let workspace = match stored {
        Some(workspace) => workspace,
        None => {
            // A first visit: store the new, empty workspace at once, so every tab opened
            // from now on works on the same one.
            let mut workspace = StoredWorkspace::new(
                format!("workspace-{}", clock::now_millis() as u64),
                "My school",
            );
            workspace.revision = 1;
            let json = encode(&workspace).map_err(|error| error.to_string())?;
            db.put_all(&[
                (WORKSPACES, workspace.id.as_str(), json.as_str()),
                (SETTINGS, CURRENT_WORKSPACE, workspace.id.as_str()),
            ])
            .await?;
            workspace
        }
    };
    let mut saved_drop = None;
    if let Some(drop_id) = &workspace.current_drop {
        if let Some(json) = db.get(DROPS, drop_id).await? {
            let stored = decode_drop(&json).map_err(|error| error.to_string())?;
            let drop = Arc::new(stored.drop);
            saved_drop = Some((drop.clone(), drop_id.clone()));
            state.drop.set(Some(drop));
        }
    }
    state.profile.set(workspace.profile.clone());
    state.mapping_memory.set(workspace.mapping_memory.clone());
    state.cohorts.set(workspace.cohorts.clone());
    state.focus.set(workspace.focus.clone());
    state.notes.set(workspace.notes.clone());
    state.synthetic.set(workspace.synthetic);
    let mut keeper = keeper.borrow_mut();
    keeper.db = Some(Rc::new(db));
    keeper.workspace = workspace;
    keeper.saved_drop = saved_drop;
    Ok(())
}

/// Saves the current state; coalesces changes made while a save is running.
async fn save(keeper: Rc<RefCell<Keeper>>, state: AppState) {
    {
        let mut kept = keeper.borrow_mut();
        if kept.suspended {
            return;
        }
        if kept.saving {
            kept.pending = true;
            return;
        }
        kept.saving = true;
    }
    loop {
        keeper.borrow_mut().pending = false;
        if state.stale.get_untracked() {
            state.save_state.set(SaveState::Failed(
                "Not saved: this workspace was changed in another tab. Reload this tab to carry on.".into(),
            ));
            break;
        }
        state.save_state.set(SaveState::Saving);
        let result = save_once(&keeper, state).await;
        match result {
            Ok(()) => state.save_state.set(SaveState::Saved),
            Err(message) => state.save_state.set(SaveState::Failed(message)),
        }
        if !keeper.borrow().pending {
            break;
        }
    }
    keeper.borrow_mut().saving = false;
}

async fn save_once(keeper: &Rc<RefCell<Keeper>>, state: AppState) -> Result<(), String> {
    let drop = state.drop.get_untracked();
    // Build the records to write without holding the borrow across an await.
    let (mut workspace, drop_write) = {
        let kept = keeper.borrow();
        let mut workspace = kept.workspace.clone();
        workspace.profile = state.profile.get_untracked();
        workspace.mapping_memory = state.mapping_memory.get_untracked();
        workspace.cohorts = state.cohorts.get_untracked();
        workspace.focus = state.focus.get_untracked();
        workspace.notes = state.notes.get_untracked();
        workspace.synthetic = state.synthetic.get_untracked();
        let drop_write = match (&drop, &kept.saved_drop) {
            (Some(drop), Some((saved, id))) if Arc::ptr_eq(drop, saved) => {
                workspace.current_drop = Some(id.clone());
                None
            }
            (Some(drop), _) => {
                let id = format!("drop-{}", clock::now_millis() as u64);
                workspace.current_drop = Some(id.clone());
                let stored = StoredDrop {
                    schema_version: SCHEMA_VERSION,
                    id: id.clone(),
                    drop: (**drop).clone(),
                };
                Some((
                    id,
                    encode(&stored).map_err(|error| error.to_string())?,
                    drop.clone(),
                ))
            }
            (None, _) => {
                workspace.current_drop = None;
                None
            }
        };
        // Nothing changed since the last save (for example just after loading): write
        // nothing, so opening a second tab never bumps the revision under the first.
        if drop_write.is_none() && workspace == kept.workspace {
            return Ok(());
        }
        (workspace, drop_write)
    };

    let (db, channel) = {
        let kept = keeper.borrow();
        (kept.db.clone(), kept.channel.clone())
    };
    let Some(db) = db else {
        return Err("Your work can't be saved in this browser.".into());
    };
    // Another tab may have saved since we last looked (even without BroadcastChannel).
    if let Some(json) = db.get(WORKSPACES, &workspace.id).await? {
        if let Ok(stored) = decode_workspace(&json) {
            if stored.revision > workspace.revision {
                state.stale.set(true);
                return Err("Not saved: this workspace was changed in another tab. Reload this tab to carry on.".into());
            }
        }
    }
    if keeper.borrow().suspended {
        // A restore or a deletion is under way: write nothing over it.
        return Ok(());
    }
    workspace.revision += 1;
    workspace.schema_version = SCHEMA_VERSION;
    let workspace_json = encode(&workspace).map_err(|error| error.to_string())?;
    let mut writes: Vec<(&str, &str, &str)> = vec![
        (WORKSPACES, workspace.id.as_str(), workspace_json.as_str()),
        (SETTINGS, CURRENT_WORKSPACE, workspace.id.as_str()),
    ];
    if let Some((id, json, _)) = &drop_write {
        writes.push((DROPS, id.as_str(), json.as_str()));
    }
    db.put_all(&writes).await?;
    if let Some(channel) = &channel {
        channel.announce(&workspace.id, workspace.revision);
    }
    let mut kept = keeper.borrow_mut();
    if let Some((id, _, arc)) = drop_write {
        kept.saved_drop = Some((arc, id));
    }
    kept.workspace = workspace;
    Ok(())
}
