//! Keeps the workspace in IndexedDB as the user works: loads it when the app starts,
//! saves every change (the pupils once per import, the small workspace record on every
//! edit), shows "Saving…"/"Saved", and stops saving if another tab changed the same
//! workspace, so two tabs never silently overwrite each other.

use crate::core::tracking::timeline::Period;
use crate::storage::marker::{self, SavedMarker};
use crate::storage::schema::{
    DropEntry, StorageError, StoredDrop, StoredWorkspace, SCHEMA_VERSION,
};
use crate::ui::state::{AppState, HeldDrop, SaveState, Workspace, WorkspaceStoreFields};
use crate::web::activity;
use crate::web::channel::TabChannel;
use crate::web::clock;
use crate::web::crypto::Key;
use crate::web::repository::{Loaded, Opener, Repository, Save, Saved};
use crate::web::saved_marker;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

mod drops;
mod imports;
mod protection;
mod recovery;
mod tabs;

use drops::{as_record, held_drops};
pub use imports::{store_import, Kept};
pub use protection::{key, lock, lock_when_idle, protect, unlock, verify_passphrase};
pub use recovery::note_unsaved;
use recovery::{
    bring_back_unsaved, forget_unsaved_if_saved, reopen_if_needed, retry_later, BroughtBack,
};
use tabs::{bring_in, pull};

/// What is being kept: the workspace record and which drop has been written.
struct Keeper {
    repository: Option<Rc<Repository>>,
    workspace: StoredWorkspace,
    channel: Option<Rc<TabChannel>>,
    /// With a passphrase set, the key every record is encrypted with (never stored).
    key: Option<Rc<Key>>,
    /// Set when the passphrase changed: the next save rewrites every record, even
    /// unchanged ones, under the new key (or none).
    rewrite: bool,
    /// The key the stored workspace record is encrypted with now (differs from `key`
    /// only until a changed passphrase has been saved).
    stored_key: Option<Rc<Key>>,
    /// The workspace record's text exactly as this tab last read or wrote it: a save
    /// writes only while the stored record is still this, and merges otherwise.
    stored_text: Option<String>,
    /// Another tab announced a save: the next pass of the autosaver reads it and brings
    /// its changes into this tab.
    pull: bool,
    /// A write failed in a way that can leave the connection broken (a full disk): the
    /// next save opens the database afresh.
    reopen: bool,
    /// What start-up made of a change noted as unsaved when the page last went away
    /// (`storage::unsaved`), if there was one.
    brought_back: Option<BroughtBack>,
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

/// Stops autosaving: a save already writing finishes first (IndexedDB runs its
/// transaction before any started later), nothing more is written.
fn suspend() {
    set_autosave(match autosave() {
        Autosave::Saving { .. } | Autosave::Suspending => Autosave::Suspending,
        Autosave::Idle | Autosave::Suspended => Autosave::Suspended,
    });
}

/// Starts autosaving again after [`suspend`] (when the change that needed it failed).
fn resume() {
    set_autosave(match autosave() {
        Autosave::Suspending => Autosave::Saving { again: false },
        Autosave::Suspended => Autosave::Idle,
        running => running,
    });
}

/// Runs a change that replaces the open workspace (opening another, creating one, the
/// made-up school, restoring a backup) with autosaving stopped, so nothing this tab holds
/// is written over it. If the change fails, autosaving starts again and nothing has
/// changed; if it succeeds, saving stays stopped, other tabs with `replaced` open are
/// told, and the caller reloads.
pub async fn replace_open_workspace<T>(
    replaced: Option<&str>,
    change: impl Future<Output = Result<T, StorageError>>,
) -> Result<T, StorageError> {
    suspend();
    match change.await {
        Ok(value) => {
            if let Some(id) = replaced {
                announce_replaced(id);
            }
            Ok(value)
        }
        Err(error) => {
            resume();
            Err(error)
        }
    }
}

/// Stops autosaving for good and lets go of the database, so "Delete all data on this
/// computer" is not blocked by this tab. Reload afterwards.
pub fn close_database() {
    suspend();
    if let Some(keeper) = running_keeper() {
        if let Ok(mut keeper) = keeper.try_borrow_mut() {
            if let Some(repository) = keeper.repository.take() {
                repository.close();
            }
        }
    }
}

/// Tells other tabs that `workspace_id` was replaced (restored from a backup, or deleted):
/// a tab with it open must reload rather than save over it. Announced as the highest
/// revision, since a restored record keeps the revision it had when it was backed up.
pub fn announce_replaced(workspace_id: &str) {
    let channel = running_keeper().and_then(|keeper| {
        keeper
            .try_borrow()
            .ok()
            .and_then(|keeper| keeper.channel.clone())
    });
    if let Some(channel) = channel {
        channel.announce(workspace_id, u64::MAX);
    }
}

/// The planner's storage: this tab's open repository, or a newly opened one.
pub async fn repository() -> Result<Rc<Repository>, StorageError> {
    let open = running_keeper().and_then(|keeper| {
        keeper
            .try_borrow()
            .ok()
            .and_then(|keeper| keeper.repository.clone())
    });
    match open {
        Some(repository) => Ok(repository),
        None => Ok(Rc::new(Repository::open().await?)),
    }
}

/// Starts loading and, once loaded, autosaving. Call once, from `App`.
pub fn start(state: AppState) {
    let keeper = Rc::new(RefCell::new(Keeper {
        repository: None,
        workspace: StoredWorkspace::new(String::new(), "My school"),
        channel: None,
        key: None,
        rewrite: false,
        stored_key: None,
        stored_text: None,
        pull: false,
        reopen: false,
        brought_back: None,
    }));
    KEEPER.with(|slot| *slot.borrow_mut() = Some(keeper.clone()));

    let listener = keeper.clone();
    let session = state.session;
    let channel = TabChannel::open(move |id, revision| {
        let ours = listener
            .try_borrow()
            .map(|keeper| (keeper.workspace.id.clone(), keeper.workspace.revision));
        let Ok((our_id, our_revision)) = ours else {
            return;
        };
        if id != our_id || revision <= our_revision {
            return;
        }
        if revision == u64::MAX {
            // Replaced by a restore, or deleted: nothing to merge with.
            session.stale.set(true);
            return;
        }
        // Another tab saved: bring its changes in (merged with any of ours).
        if let Ok(mut kept) = listener.try_borrow_mut() {
            kept.pull = true;
        }
        let keeper = listener.clone();
        leptos::task::spawn_local(async move {
            let _ = save(keeper, state).await;
        });
    });
    keeper.borrow_mut().channel = Some(Rc::new(channel));

    let loader = keeper.clone();
    leptos::task::spawn_local(async move {
        match load(&loader, state, None).await {
            Ok(Opened::Open) => {
                session
                    .saved_revision
                    .set(loader.borrow().workspace.revision);
                session.save_state.set(SaveState::Saved);
                session.loaded.set(true);
                let brought_back = loader.borrow_mut().brought_back.take();
                match brought_back {
                    Some(BroughtBack::Merged) => save_now(state),
                    Some(BroughtBack::NotUsed(why)) => {
                        session.save_state.set(SaveState::Failed(why))
                    }
                    None => {}
                }
            }
            Ok(Opened::Locked) => session.save_state.set(SaveState::Locked),
            Err(error) => session.save_state.set(SaveState::Failed(error.to_string())),
        }
    });

    Effect::new(move |_| {
        // Everything in the saved work, and nothing of the session.
        state.work.track();
        if !session.loaded.get_untracked() {
            return;
        }
        let keeper = keeper.clone();
        leptos::task::spawn_local(async move {
            // The outcome is shown through the session's save state.
            let _ = save(keeper, state).await;
        });
    });
}

/// Writes the work now rather than when the autosaver next wakes: the page is being hidden
/// or left (`ui::typed_text`). A save already writing writes this straight after it.
pub fn save_now(state: AppState) {
    if !state.session.loaded.get_untracked() {
        return;
    }
    if let Some(keeper) = running_keeper() {
        leptos::task::spawn_local(async move {
            // The outcome is shown through the session's save state.
            let _ = save(keeper, state).await;
        });
    }
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

/// Loads the open workspace into `state`. A protected workspace needs `passphrase`: without
/// one nothing is read ([`Opened::Locked`]); with a wrong one nothing changes and the error
/// says so. Saved work that cannot be read is kept, not replaced: nothing is loaded, so
/// nothing is saved over it, and the shell offers the records as they are for download.
async fn load(
    keeper: &Rc<RefCell<Keeper>>,
    state: AppState,
    passphrase: Option<&str>,
) -> Result<Opened, StorageError> {
    let repository = Repository::open().await?;
    let mut opener = Opener {
        key: None,
        passphrase,
    };
    let loaded = repository
        .load(&mut opener, || {
            let mut workspace = StoredWorkspace::new(
                format!("workspace-{}", clock::now_millis() as u64),
                "My school",
            );
            workspace.revision = 1;
            workspace
        })
        .await?;
    let opened = match loaded {
        Loaded::Open(opened) => opened,
        Loaded::Locked => return Ok(Opened::Locked),
        Loaded::Unreadable { error, records } => {
            state
                .session
                .unreadable
                .set(Some(Arc::new(crate::ui::state::Unreadable {
                    message: error.to_string(),
                    records: records
                        .into_iter()
                        .map(|record| (record.store, record.key, record.text))
                        .collect(),
                })));
            return Err(error);
        }
    };
    let workspace = opened.workspace;
    let stored = repository.stored_revisions().await?;
    if let Some(marker) = marker::missing(&saved_marker::all(), &stored) {
        let message = marker::missing_message(&marker, crate::web::last_backup::get(&marker.id));
        state
            .session
            .missing
            .set(Some(Arc::new(crate::ui::state::MissingWork {
                message,
                id: marker.id,
            })));
    }
    let drops = held_drops(&workspace, opened.drops);
    // Records under different keys (or some plain, some not) are put right at the next save.
    let mixed = match (&opened.workspace_key, &opened.key) {
        (Some(first), Some(last)) => !Rc::ptr_eq(first, last),
        (None, None) => false,
        _ => true,
    };
    state.work.set(crate::ui::state::Workspace {
        name: workspace.name.clone(),
        drops,
        shown_drop: workspace.shown_drop.clone(),
        synthetic: workspace.synthetic,
        profile: workspace.profile.clone(),
        mapping_memory: workspace.mapping_memory.clone(),
        focus: workspace.focus.clone(),
        notes: workspace.notes.clone(),
        cohorts: workspace.cohorts.clone(),
        provision: workspace.provision.clone(),
        targets: workspace.targets.clone(),
        self_evaluation: workspace.self_evaluation.clone(),
        details: workspace.details.clone(),
        lock_after_minutes: workspace.lock_after_minutes,
    });
    let session = state.session;
    session
        .last_backup
        .set(crate::web::last_backup::get(&workspace.id));
    // Set only when changed: the shell re-renders its page when the lock changes.
    set_if_changed(session.protected, opened.key.is_some());
    let mut keeper = keeper.borrow_mut();
    keeper.repository = Some(Rc::new(repository));
    keeper.workspace = workspace;
    keeper.stored_key = opened.workspace_key;
    keeper.key = opened.key;
    keeper.rewrite = mixed;
    keeper.stored_text = Some(opened.text);
    if keeper.key.is_none() {
        keeper.brought_back = bring_back_unsaved(state, &keeper.workspace);
    }
    Ok(Opened::Open)
}

/// Saves the current state. A change made while a save is writing is written straight
/// after it (coalesced with any others), never dropped; nothing is written while suspended.
/// Returns how the last write this call made went (`Ok` when it left it to the running
/// save, or wrote nothing).
async fn save(keeper: Rc<RefCell<Keeper>>, state: AppState) -> Result<(), StorageError> {
    let session = state.session;
    match autosave() {
        Autosave::Suspending | Autosave::Suspended => return Ok(()),
        Autosave::Saving { .. } => {
            set_autosave(Autosave::Saving { again: true });
            return Ok(());
        }
        Autosave::Idle => set_autosave(Autosave::Saving { again: false }),
    }
    let mut last;
    loop {
        if autosave() == (Autosave::Saving { again: true }) {
            set_autosave(Autosave::Saving { again: false });
        }
        if session.stale.get_untracked() {
            let error = StorageError::ChangedElsewhere;
            session.save_state.set(SaveState::Failed(error.to_string()));
            last = Err(error);
            set_autosave(Autosave::Idle);
            break;
        }
        session.save_state.set(SaveState::Saving);
        last = save_once(&keeper, state).await;
        match &last {
            Ok(()) => {
                session
                    .saved_revision
                    .set(keeper.borrow().workspace.revision);
                session.save_state.set(SaveState::Saved);
                forget_unsaved_if_saved(&keeper, state);
            }
            Err(error) => {
                if *error == StorageError::ChangedElsewhere {
                    session.stale.set(true);
                }
                if matches!(
                    error,
                    StorageError::QuotaExceeded
                        | StorageError::DiskFailed
                        | StorageError::Refused(_)
                ) {
                    keeper.borrow_mut().reopen = true;
                    retry_later(keeper.clone(), state);
                }
                session.save_state.set(SaveState::Failed(error.to_string()));
            }
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
    last
}

/// The records one save writes: the workspace record (not yet given its new revision),
/// the drops not yet stored (written as imported, under their recorded term), and the
/// drops no longer held, deleted in the same write.
struct Pending {
    workspace: StoredWorkspace,
    drops: Vec<HeldDrop>,
    deleted: Vec<String>,
}

/// The saved work on screen as a workspace record (`kept` gives what the screen does not
/// hold: id, revision).
fn as_stored(kept: &StoredWorkspace, work: &Workspace) -> StoredWorkspace {
    let mut workspace = kept.clone();
    workspace.drops = work
        .drops
        .iter()
        .map(|held| DropEntry {
            id: held.id.clone(),
            relabelled: (held.period() != held.recorded).then(|| held.period()),
        })
        .collect();
    workspace.shown_drop = work.shown_drop.clone();
    workspace.profile = work.profile.clone();
    workspace.mapping_memory = work.mapping_memory.clone();
    workspace.cohorts = work.cohorts.clone();
    workspace.provision = work.provision.clone();
    workspace.targets = work.targets.clone();
    workspace.self_evaluation = work.self_evaluation.clone();
    workspace.details = work.details.clone();
    workspace.name = work.name.clone();
    workspace.focus = work.focus.clone();
    workspace.notes = work.notes.clone();
    workspace.synthetic = work.synthetic;
    workspace.lock_after_minutes = work.lock_after_minutes;
    workspace
}

/// Shows `from` on screen, setting only the parts that differ, so what reads the others
/// is not woken.
fn show(state: AppState, from: &StoredWorkspace) {
    let work = state.work;
    macro_rules! field {
        ($name:ident) => {
            if work.$name().with_untracked(|now| *now != from.$name) {
                work.$name().set(from.$name.clone());
            }
        };
    }
    field!(name);
    field!(profile);
    field!(mapping_memory);
    field!(cohorts);
    field!(provision);
    field!(targets);
    field!(self_evaluation);
    field!(details);
    field!(focus);
    field!(notes);
    field!(synthetic);
    field!(lock_after_minutes);
    field!(shown_drop);
    // Another tab's relabel: the same drops (else this tab would be stale), filed anew.
    let relabelled: Vec<(usize, Period)> = work.drops().with_untracked(|drops| {
        drops
            .iter()
            .enumerate()
            .filter_map(|(at, held)| {
                let period = from
                    .drops
                    .iter()
                    .find(|entry| entry.id == held.id)
                    .map_or(held.period(), |entry| {
                        entry.relabelled.unwrap_or(held.recorded)
                    });
                (period != held.period()).then_some((at, period))
            })
            .collect()
    });
    if !relabelled.is_empty() {
        work.drops().update(|drops| {
            for (at, period) in relabelled {
                drops[at] = drops[at].filed_under(period);
            }
            drops.sort_by_key(HeldDrop::period);
        });
    }
}

/// What needs writing now, or `None` when nothing changed since the last save (just after
/// loading, say: opening a second tab never bumps the revision under the first).
fn pending(kept: &Keeper, state: AppState) -> Option<Pending> {
    let rewrite = kept.rewrite;
    let work = state.work.get_untracked();
    let workspace = as_stored(&kept.workspace, &work);
    // Drops not yet stored (every drop when the passphrase changed: rewritten under the
    // new key with the same id).
    let drops: Vec<HeldDrop> = work
        .drops
        .iter()
        .filter(|held| rewrite || !kept.workspace.lists_drop(&held.id))
        .cloned()
        .collect();
    // A drop replaced by an import for its term, or deleted: its record goes in the same
    // write, so no earlier pupils are left behind (unencrypted, perhaps).
    let deleted: Vec<String> = kept
        .workspace
        .drops
        .iter()
        .filter(|entry| !work.drops.iter().any(|held| held.id == entry.id))
        .map(|entry| entry.id.clone())
        .collect();
    if drops.is_empty() && deleted.is_empty() && workspace == kept.workspace && !rewrite {
        return None;
    }
    Some(Pending {
        workspace,
        drops,
        deleted,
    })
}

async fn save_once(keeper: &Rc<RefCell<Keeper>>, state: AppState) -> Result<(), StorageError> {
    // Nothing to write and nothing to read: the work on screen is the work stored (an
    // import refused on a full disk, say, has put it back), so touch no database at all.
    let idle = {
        let kept = keeper.borrow();
        !kept.pull && pending(&kept, state).is_none()
    };
    if idle {
        return Ok(());
    }
    reopen_if_needed(keeper).await?;
    if keeper.borrow().pull {
        pull(keeper, state).await?;
    }
    let (key, stored_key, rewrite, repository, channel, base, base_text) = {
        let kept = keeper.borrow();
        (
            kept.key.clone(),
            kept.stored_key.clone(),
            kept.rewrite,
            kept.repository.clone(),
            kept.channel.clone(),
            kept.workspace.clone(),
            kept.stored_text.clone(),
        )
    };
    let Some(Pending {
        mut workspace,
        drops,
        deleted,
    }) = pending(&keeper.borrow(), state)
    else {
        return Ok(());
    };
    let records: Vec<StoredDrop> = drops.iter().map(as_record).collect();
    let repository = repository.ok_or(StorageError::NotOpen)?;
    workspace.schema_version = SCHEMA_VERSION;
    let ours = workspace.clone();
    let saved = repository
        .save(
            Save {
                base: &base,
                base_text: base_text.as_deref(),
                workspace,
                drops: records.iter().collect(),
                deleted_drops: deleted.iter().map(String::as_str).collect(),
                key: key.as_deref(),
                stored_key,
            },
            // A restore or a deletion began meanwhile: write nothing over it.
            || !matches!(autosave(), Autosave::Suspending | Autosave::Suspended),
        )
        .await?;
    let Saved::Written {
        workspace: written,
        text,
    } = saved
    else {
        return Ok(());
    };
    if let Some(channel) = &channel {
        channel.announce(&written.id, written.revision);
    }
    // Merged with another tab's save: show its changes here too.
    if written.revision != ours.revision + 1 {
        // The write merged both tabs' changes, so they cannot conflict on screen unless
        // this screen changed again meanwhile: that change is saved (or reported) next.
        let _ = bring_in(state, &ours, &written);
    }
    saved_marker::note(&SavedMarker {
        id: written.id.clone(),
        name: written.name.clone(),
        revision: written.revision,
        saved_at: clock::now_local(),
    });
    let mut kept = keeper.borrow_mut();
    kept.workspace = *written;
    kept.stored_text = Some(text);
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

// --- The keeper, for the parts in submodules --------------------------------------

fn running_keeper() -> Option<Rc<RefCell<Keeper>>> {
    KEEPER.with(|slot| slot.borrow().clone())
}

/// Waits until no save is writing, so a change of key never lands in the middle of one.
async fn until_idle() {
    while matches!(autosave(), Autosave::Saving { .. } | Autosave::Suspending) {
        activity::pause(20).await;
    }
}

/// The open workspace's id, once loaded.
pub fn current_workspace_id() -> Option<String> {
    running_keeper().and_then(|keeper| {
        keeper
            .try_borrow()
            .ok()
            .map(|kept| kept.workspace.id.clone())
            .filter(|id| !id.is_empty())
    })
}
