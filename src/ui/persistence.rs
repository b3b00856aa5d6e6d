//! Keeps the workspace in IndexedDB as the user works: loads it when the app starts,
//! saves every change (the pupils once per import, the small workspace record on every
//! edit), shows "Saving…"/"Saved", and stops saving if another tab changed the same
//! workspace, so two tabs never silently overwrite each other.

use crate::core::drop::DataDrop;
use crate::storage::envelope::{is_envelope, Contents, Envelope, EnvelopeError};
use crate::storage::schema::{
    decode_drop, decode_workspace, encode_drop, encode_workspace, StoredDrop, StoredWorkspace,
    SCHEMA_VERSION,
};
use crate::ui::state::{AppState, SaveState};
use crate::web::activity;
use crate::web::channel::TabChannel;
use crate::web::clock;
use crate::web::crypto::Key;
use crate::web::idb::{self, Db, DROPS, SETTINGS, WORKSPACES};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
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
    channel: Option<Rc<TabChannel>>,
    /// With a passphrase set, the key every record is encrypted with (never stored).
    key: Option<Rc<Key>>,
    /// Set when the passphrase changed: the next save rewrites every record, even
    /// unchanged ones, under the new key (or none).
    rewrite: bool,
    /// The key the stored workspace record is encrypted with now (differs from `key`
    /// only until a changed passphrase has been saved).
    stored_key: Option<Rc<Key>>,
}

/// What the autosaver is doing: one state, not a handful of flags, kept in a `Cell` so a
/// request never waits on (or is lost to) a borrow of the keeper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Autosave {
    /// Nothing to write.
    Idle,
    /// Writing. `again`: a change came in meanwhile and is written next (never dropped).
    Saving { again: bool },
    /// Suspended while a save was writing: that write finishes, nothing more is written.
    Suspending,
    /// A restore, a deletion or a lock is under way: nothing is written.
    Suspended,
}

thread_local! {
    /// The running keeper, so Settings can pause saving and let go of the database.
    static KEEPER: RefCell<Option<Rc<RefCell<Keeper>>>> = const { RefCell::new(None) };
    /// What the autosaver is doing.
    static AUTOSAVE: Cell<Autosave> = const { Cell::new(Autosave::Idle) };
}

fn autosave() -> Autosave {
    AUTOSAVE.with(Cell::get)
}

fn set_autosave(next: Autosave) {
    AUTOSAVE.with(|state| state.set(next));
}

/// Stops autosaving until [`resume`] (or a reload): used while a backup is restored, so
/// nothing this tab holds is written over it. A save already writing finishes first
/// (IndexedDB runs its transaction before any started later).
pub fn suspend() {
    set_autosave(match autosave() {
        Autosave::Saving { .. } | Autosave::Suspending => Autosave::Suspending,
        Autosave::Idle | Autosave::Suspended => Autosave::Suspended,
    });
}

/// Starts autosaving again after [`suspend`] (when a restore was not applied).
pub fn resume() {
    set_autosave(match autosave() {
        Autosave::Suspending => Autosave::Saving { again: false },
        Autosave::Suspended => Autosave::Idle,
        running => running,
    });
}

/// Stops autosaving for good and closes this tab's connection to the database, so
/// "Delete all data on this computer" is not blocked by it. Reload afterwards.
pub fn close_database() {
    suspend();
    with_keeper(|keeper| {
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
        channel: None,
        key: None,
        rewrite: false,
        stored_key: None,
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
        match load(&loader, state, None).await {
            Ok(Opened::Open) => {
                state.saved_revision.set(loader.borrow().workspace.revision);
                state.save_state.set(SaveState::Saved);
                state.loaded.set(true);
            }
            Ok(Opened::Locked) => {
                state.locked.set(true);
                state.save_state.set(SaveState::Locked);
            }
            Err(message) => state.save_state.set(SaveState::Failed(message)),
        }
    });

    Effect::new(move |_| {
        // Track everything that is saved.
        state.profile.track();
        state.mapping_memory.track();
        state.cohorts.track();
        state.provision.track();
        state.workspace_name.track();
        state.focus.track();
        state.notes.track();
        state.synthetic.track();
        state.drop.track();
        state.lock_after_minutes.track();
        if !state.loaded.get_untracked() {
            return;
        }
        let keeper = keeper.clone();
        leptos::task::spawn_local(async move { save(keeper, state).await });
    });
}

fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

/// What loading found.
enum Opened {
    /// The workspace is open and in the app's state.
    Open,
    /// The workspace is protected and no passphrase was given: nothing was read.
    Locked,
}

/// The text of a stored record, decrypted when it is an envelope: with `key` when it
/// matches, otherwise with a key derived from `passphrase`. `Ok(None)` when it is
/// encrypted and there is no passphrase to open it with.
async fn open_stored(
    text: String,
    contents: Contents,
    id: &str,
    key: &mut Option<Rc<Key>>,
    passphrase: Option<&str>,
) -> Result<Option<String>, String> {
    if !is_envelope(&text) {
        return Ok(Some(text));
    }
    let plain = |error: EnvelopeError| error.to_string();
    let sealed = Envelope::parse(&text, contents).map_err(plain)?;
    let opener = match key {
        Some(key) if key.matches(&sealed) => key.clone(),
        _ => {
            let Some(passphrase) = passphrase else {
                return Ok(None);
            };
            let derived = Rc::new(Key::for_sealed(passphrase, &sealed).await.map_err(plain)?);
            *key = Some(derived.clone());
            derived
        }
    };
    opener.open_text(&sealed, id).await.map(Some).map_err(plain)
}

/// Saved work that cannot be read is kept, not replaced: nothing is loaded, so nothing is
/// saved over it, and the shell offers the records as they are for download. Returns the
/// message for the header.
fn keep_unreadable(
    state: AppState,
    error: &crate::storage::schema::StorageError,
    records: Vec<(String, String, String)>,
) -> String {
    let message = error.to_string();
    state
        .unreadable
        .set(Some(Arc::new(crate::ui::state::Unreadable {
            message: message.clone(),
            records,
        })));
    message
}

/// Loads the open workspace into `state`. A protected workspace needs `passphrase`: without
/// one nothing is read ([`Opened::Locked`]); with a wrong one nothing changes and the error
/// says so.
async fn load(
    keeper: &Rc<RefCell<Keeper>>,
    state: AppState,
    passphrase: Option<&str>,
) -> Result<Opened, String> {
    let db = idb::open().await?;
    let current = db.get(SETTINGS, CURRENT_WORKSPACE).await?;
    let mut key: Option<Rc<Key>> = None;
    let stored = match &current {
        Some(id) => match db.get(WORKSPACES, id).await? {
            Some(text) => {
                let raw = text.clone();
                let Some(json) =
                    open_stored(text, Contents::Workspace, id, &mut key, passphrase).await?
                else {
                    return Ok(Opened::Locked);
                };
                match decode_workspace(&json) {
                    Ok(workspace) => Some(workspace),
                    Err(error) => {
                        return Err(keep_unreadable(
                            state,
                            &error,
                            vec![(WORKSPACES.into(), id.clone(), raw)],
                        ))
                    }
                }
            }
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
            let json = encode_workspace(&workspace).map_err(|error| error.to_string())?;
            db.put_all(&[
                (WORKSPACES, workspace.id.as_str(), json.as_str()),
                (SETTINGS, CURRENT_WORKSPACE, workspace.id.as_str()),
            ])
            .await?;
            workspace
        }
    };
    let mut saved_drop = None;
    let workspace_key = key.clone();
    if let Some(drop_id) = &workspace.current_drop {
        if let Some(text) = db.get(DROPS, drop_id).await? {
            let raw = text.clone();
            let Some(json) =
                open_stored(text, Contents::DataDrop, drop_id, &mut key, passphrase).await?
            else {
                return Ok(Opened::Locked);
            };
            let stored = match decode_drop(&json) {
                Ok(stored) => stored,
                Err(error) => {
                    let workspace_raw = match &current {
                        Some(id) => db.get(WORKSPACES, id).await?.map(|text| (id.clone(), text)),
                        None => None,
                    };
                    let mut records = vec![(DROPS.to_string(), drop_id.clone(), raw)];
                    records
                        .extend(workspace_raw.map(|(id, text)| (WORKSPACES.to_string(), id, text)));
                    return Err(keep_unreadable(state, &error, records));
                }
            };
            saved_drop = Some((Arc::new(stored.drop), drop_id.clone()));
        }
    }
    // Records under different keys (or some plain, some not) are put right at the next save.
    let mixed = match (&workspace_key, &key) {
        (Some(first), Some(last)) => !Rc::ptr_eq(first, last),
        (None, None) => false,
        _ => true,
    };
    state
        .drop
        .set(saved_drop.as_ref().map(|(drop, _)| drop.clone()));
    state.profile.set(workspace.profile.clone());
    state.mapping_memory.set(workspace.mapping_memory.clone());
    state.cohorts.set(workspace.cohorts.clone());
    state.provision.set(workspace.provision.clone());
    state.workspace_name.set(workspace.name.clone());
    state.focus.set(workspace.focus.clone());
    state.notes.set(workspace.notes.clone());
    state.synthetic.set(workspace.synthetic);
    state
        .last_backup
        .set(crate::web::last_backup::get(&workspace.id));
    // Set only when changed: the shell re-renders its page when `locked` is set.
    set_if_changed(state.lock_after_minutes, workspace.lock_after_minutes);
    set_if_changed(state.protected, key.is_some());
    set_if_changed(state.locked, false);
    let mut keeper = keeper.borrow_mut();
    keeper.db = Some(Rc::new(db));
    keeper.workspace = workspace;
    keeper.saved_drop = saved_drop;
    keeper.stored_key = workspace_key;
    keeper.key = key;
    keeper.rewrite = mixed;
    Ok(Opened::Open)
}

/// Saves the current state. A change made while a save is writing is written straight
/// after it (coalesced with any others), never dropped; nothing is written while suspended.
async fn save(keeper: Rc<RefCell<Keeper>>, state: AppState) {
    match autosave() {
        Autosave::Suspending | Autosave::Suspended => return,
        Autosave::Saving { .. } => {
            set_autosave(Autosave::Saving { again: true });
            return;
        }
        Autosave::Idle => set_autosave(Autosave::Saving { again: false }),
    }
    loop {
        if autosave() == (Autosave::Saving { again: true }) {
            set_autosave(Autosave::Saving { again: false });
        }
        if state.stale.get_untracked() {
            state.save_state.set(SaveState::Failed(
                "Not saved: this workspace was changed in another tab. Reload this tab to carry on.".into(),
            ));
            break;
        }
        state.save_state.set(SaveState::Saving);
        let result = save_once(&keeper, state).await;
        match result {
            Ok(()) => {
                state.saved_revision.set(keeper.borrow().workspace.revision);
                state.save_state.set(SaveState::Saved);
            }
            Err(message) => state.save_state.set(SaveState::Failed(message)),
        }
        match autosave() {
            Autosave::Saving { again: true } => continue,
            Autosave::Saving { again: false } | Autosave::Idle => {
                set_autosave(Autosave::Idle);
                break;
            }
            Autosave::Suspending | Autosave::Suspended => {
                set_autosave(Autosave::Suspended);
                break;
            }
        }
    }
}

async fn save_once(keeper: &Rc<RefCell<Keeper>>, state: AppState) -> Result<(), String> {
    let drop = state.drop.get_untracked();
    let (key, stored_key, rewrite) = {
        let kept = keeper.borrow();
        (kept.key.clone(), kept.stored_key.clone(), kept.rewrite)
    };
    // Build the records to write without holding the borrow across an await.
    let (mut workspace, drop_write, superseded) = {
        let kept = keeper.borrow();
        let mut workspace = kept.workspace.clone();
        workspace.profile = state.profile.get_untracked();
        workspace.mapping_memory = state.mapping_memory.get_untracked();
        workspace.cohorts = state.cohorts.get_untracked();
        workspace.provision = state.provision.get_untracked();
        workspace.name = state.workspace_name.get_untracked();
        workspace.focus = state.focus.get_untracked();
        workspace.notes = state.notes.get_untracked();
        workspace.synthetic = state.synthetic.get_untracked();
        workspace.lock_after_minutes = state.lock_after_minutes.get_untracked();
        let drop_write = match (&drop, &kept.saved_drop) {
            (Some(drop), Some((saved, id))) if Arc::ptr_eq(drop, saved) && !rewrite => {
                workspace.current_drop = Some(id.clone());
                None
            }
            (Some(drop), saved) => {
                // The same drop rewritten under a new key keeps its id.
                let id = match saved {
                    Some((saved, id)) if Arc::ptr_eq(drop, saved) => id.clone(),
                    _ => format!("drop-{}", clock::now_millis() as u64),
                };
                workspace.current_drop = Some(id.clone());
                let stored = StoredDrop {
                    schema_version: SCHEMA_VERSION,
                    id: id.clone(),
                    drop: (**drop).clone(),
                };
                Some((
                    id,
                    encode_drop(&stored).map_err(|error| error.to_string())?,
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
        if drop_write.is_none() && workspace == kept.workspace && !rewrite {
            return Ok(());
        }
        // A new import replaces the workspace's pupils: the old drop is deleted with the
        // same write, so no earlier pupils are left behind (unencrypted, perhaps).
        let superseded = kept
            .workspace
            .current_drop
            .clone()
            .filter(|old| Some(old) != workspace.current_drop.as_ref());
        (workspace, drop_write, superseded)
    };

    let (db, channel) = {
        let kept = keeper.borrow();
        (kept.db.clone(), kept.channel.clone())
    };
    let Some(db) = db else {
        return Err("Your work can't be saved in this browser.".into());
    };
    // Another tab may have saved since we last looked (even without BroadcastChannel).
    // A record this tab cannot open was protected (or given a new passphrase) there.
    if let Some(text) = db.get(WORKSPACES, &workspace.id).await? {
        let mut opener = stored_key.clone();
        let stale =
            match open_stored(text, Contents::Workspace, &workspace.id, &mut opener, None).await {
                Ok(Some(json)) => {
                    decode_workspace(&json).is_ok_and(|stored| stored.revision > workspace.revision)
                }
                Ok(None) | Err(_) => true,
            };
        if stale {
            state.stale.set(true);
            return Err("Not saved: this workspace was changed in another tab. Reload this tab to carry on.".into());
        }
    }
    if matches!(autosave(), Autosave::Suspending | Autosave::Suspended) {
        // A restore or a deletion is under way: write nothing over it.
        return Ok(());
    }
    workspace.revision += 1;
    workspace.schema_version = SCHEMA_VERSION;
    let workspace_json = encode_workspace(&workspace).map_err(|error| error.to_string())?;
    let workspace_json = seal_record(
        key.as_deref(),
        Contents::Workspace,
        &workspace.id,
        workspace_json,
    )
    .await?;
    let drop_write = match drop_write {
        Some((id, json, arc)) => {
            let json = seal_record(key.as_deref(), Contents::DataDrop, &id, json).await?;
            Some((id, json, arc))
        }
        None => None,
    };
    let mut writes: Vec<(&str, &str, &str)> = vec![
        (WORKSPACES, workspace.id.as_str(), workspace_json.as_str()),
        (SETTINGS, CURRENT_WORKSPACE, workspace.id.as_str()),
    ];
    if let Some((id, json, _)) = &drop_write {
        writes.push((DROPS, id.as_str(), json.as_str()));
    }
    let deletes: Vec<(&str, &str)> = superseded.iter().map(|old| (DROPS, old.as_str())).collect();
    db.put_and_delete(&writes, &deletes).await?;
    if let Some(channel) = &channel {
        channel.announce(&workspace.id, workspace.revision);
    }
    let mut kept = keeper.borrow_mut();
    if let Some((id, _, arc)) = drop_write {
        kept.saved_drop = Some((arc, id));
    }
    kept.workspace = workspace;
    kept.stored_key = key.clone();
    // Everything is now under the key this save used: unless the passphrase changed again
    // meanwhile, nothing is left to rewrite.
    let same_key = match (&kept.key, &key) {
        (Some(now), Some(used)) => Rc::ptr_eq(now, used),
        (None, None) => true,
        _ => false,
    };
    if rewrite && same_key {
        kept.rewrite = false;
    }
    Ok(())
}

/// `json`, encrypted into an envelope when there is a key; as it is when there is none.
pub async fn seal_record(
    key: Option<&Key>,
    contents: Contents,
    id: &str,
    json: String,
) -> Result<String, String> {
    match key {
        Some(key) => key
            .seal(contents, id, json.as_bytes())
            .await
            .map(|envelope| envelope.to_json())
            .map_err(|error| error.to_string()),
        None => Ok(json),
    }
}

// --- Passphrase protection ---------------------------------------------------------

fn running_keeper() -> Option<Rc<RefCell<Keeper>>> {
    KEEPER.with(|slot| slot.borrow().clone())
}

/// Waits until no save is writing, so a change of key never lands in the middle of one.
async fn until_idle(keeper: &Rc<RefCell<Keeper>>) {
    let _ = keeper;
    while matches!(autosave(), Autosave::Saving { .. } | Autosave::Suspending) {
        activity::pause(20).await;
    }
}

/// The open workspace's id, once loaded.
pub fn current_workspace_id() -> Option<String> {
    KEEPER.with(|slot| {
        slot.borrow().as_ref().and_then(|keeper| {
            keeper
                .try_borrow()
                .ok()
                .map(|kept| kept.workspace.id.clone())
                .filter(|id| !id.is_empty())
        })
    })
}

/// The key of the open, unlocked workspace, if it is protected: backups are encrypted
/// with it.
pub fn key() -> Option<Rc<Key>> {
    running_keeper().and_then(|keeper| keeper.borrow().key.clone())
}

/// Reads a stored record's text for Settings (backups): decrypted with this tab's key when
/// it is an envelope.
pub async fn open_record(text: String, contents: Contents, id: &str) -> Result<String, String> {
    let mut opener = key();
    match open_stored(text, contents, id, &mut opener, None).await? {
        Some(json) => Ok(json),
        None => Err("This record is protected with a different passphrase from the one this tab was unlocked with. Reload the planner and unlock it again.".into()),
    }
}

/// Opens a protected workspace with `passphrase`. A wrong passphrase changes nothing and
/// the error says so, in the words of [`EnvelopeError::WrongPassphrase`].
pub async fn unlock(state: AppState, passphrase: &str) -> Result<(), String> {
    let keeper = running_keeper().ok_or("The planner has not started yet. Reload the page.")?;
    match load(&keeper, state, Some(passphrase)).await? {
        Opened::Open => {
            state.saved_revision.set(keeper.borrow().workspace.revision);
            state.save_state.set(SaveState::Saved);
            state.loaded.set(true);
            Ok(())
        }
        Opened::Locked => Err(EnvelopeError::WrongPassphrase.to_string()),
    }
}

/// Checks `passphrase` against the stored workspace record (before changing or removing
/// the passphrase).
pub async fn verify_passphrase(passphrase: &str) -> Result<(), String> {
    let keeper = running_keeper().ok_or("The planner has not started yet. Reload the page.")?;
    let (db, id) = {
        let kept = keeper.borrow();
        (kept.db.clone(), kept.workspace.id.clone())
    };
    let db = db.ok_or("Your saved work is not open. Reload the page.")?;
    let text = db
        .get(WORKSPACES, &id)
        .await?
        .ok_or("Your saved work is not there any more. Reload the page.")?;
    let sealed = Envelope::parse(&text, Contents::Workspace).map_err(|error| error.to_string())?;
    let key = Key::for_sealed(passphrase, &sealed)
        .await
        .map_err(|error| error.to_string())?;
    key.open(&sealed, &id)
        .await
        .map(|_| ())
        .map_err(|error| error.to_string())
}

/// Protects the workspace with `key` (a new or changed passphrase), or removes the
/// protection (`None`): every record is rewritten at once, in one transaction, and this
/// resolves once it is stored. If it cannot be stored, nothing changes.
pub async fn protect(state: AppState, key: Option<Key>) -> Result<(), String> {
    let keeper = running_keeper().ok_or("The planner has not started yet. Reload the page.")?;
    if !state.loaded.get_untracked() {
        return Err("Your saved work has not been opened yet, so it cannot be protected. Reload the page and try again.".into());
    }
    until_idle(&keeper).await;
    let key = key.map(Rc::new);
    let previous = {
        let mut kept = keeper.borrow_mut();
        let previous = (kept.key.clone(), kept.rewrite);
        kept.key = key.clone();
        kept.rewrite = true;
        previous
    };
    save(keeper.clone(), state).await;
    let mut kept = keeper.borrow_mut();
    if kept.rewrite {
        // Not stored: the records are still as they were, so is the key.
        (kept.key, kept.rewrite) = previous;
        return Err(match state.save_state.get_untracked() {
            SaveState::Failed(message) => message,
            _ => "The change could not be saved. Try again.".to_string(),
        });
    }
    state.protected.set(key.is_some());
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
    let Some(keeper) = running_keeper() else {
        return;
    };
    leptos::task::spawn_local(async move {
        // Let a change made just now (a note left by this very click) start saving first.
        activity::pause(0).await;
        suspend();
        until_idle(&keeper).await;
        let _ = window().location().reload();
    });
}

/// Locks the planner after the workspace's "Lock after" time without keyboard or pointer
/// use, when it is protected and unlocked. Call once, from `App`.
pub fn lock_when_idle(state: AppState) {
    activity::watch_idle(10_000, move |idle_millis| {
        let limit = f64::from(state.lock_after_minutes.get_untracked()) * 60_000.0;
        if state.protected.get_untracked() && !state.locked.get_untracked() && idle_millis >= limit
        {
            lock();
        }
    });
}
