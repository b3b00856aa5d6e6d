//! "Your data on this computer" (Settings, SPEC §9): space used and allowed, asking the
//! browser to keep the data, downloading a backup, restoring one, and deleting
//! everything. The checks live in `storage::backup` (pure); this is the thin shell that
//! reads and writes IndexedDB and talks to the user.

use crate::storage::backup::Backup;
use crate::storage::backup_summary::BackupSummary;
use crate::storage::envelope::is_envelope;
use crate::storage::schema::StorageError;
use crate::ui::components::delete_all::DeleteAllData;
use crate::ui::components::restore_question::RestoreQuestion;
use crate::ui::persistence::{self, replace_open_workspace};
use crate::web::crypto::Key;
use crate::web::repository::read_backup_file;
use crate::web::storage_space::{self, Estimate};
use crate::web::{clock, download, file};
use leptos::prelude::*;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// A size in bytes for people: "850 bytes", "42 KB", "3.4 MB", "12 GB".
fn size_text(bytes: f64) -> String {
    let bytes = bytes.max(0.0);
    let units = [("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12)];
    if bytes < 1e3 {
        return format!("{} bytes", bytes.round() as u64);
    }
    let (unit, size) = units
        .iter()
        .rev()
        .find(|(_, size)| bytes >= *size)
        .copied()
        .unwrap_or(units[0]);
    let value = bytes / size;
    if value < 10.0 {
        format!("{:.1} {unit}", value)
    } else {
        format!("{} {unit}", value.round() as u64)
    }
}

fn space_text(estimate: Estimate) -> String {
    let share = if estimate.quota > 0.0 {
        let percent = estimate.usage / estimate.quota * 100.0;
        if percent < 1.0 {
            " (less than 1%)".to_string()
        } else {
            format!(" ({}%)", percent.round() as u64)
        }
    } else {
        String::new()
    };
    format!(
        "The planner is using {} of the {} this browser lets it use on this computer{share}.",
        size_text(estimate.usage),
        size_text(estimate.quota)
    )
}

/// The open workspace and its pupils as a backup file: (file name, text), sealed with the
/// workspace's passphrase when it has one.
async fn backup_of_current_workspace() -> Result<(String, String), StorageError> {
    let date = clock::today().format("%Y-%m-%d").to_string();
    persistence::repository()
        .await?
        .backup(persistence::key(), &date)
        .await
}

/// A checked backup waiting for the user's answer to "Restore this backup?".
struct PendingRestore {
    backup: Backup,
    /// The key to seal the restored records with: the backup's, or else this tab's when
    /// its workspace is protected, so restoring never quietly removes protection.
    key: Option<Rc<Key>>,
    summary: BackupSummary,
}

/// Checks a backup file (opening it with `passphrase` when it is protected) and says what
/// it holds against the work here. Changes nothing.
async fn open_backup(
    bytes: Vec<u8>,
    passphrase: Option<String>,
) -> Result<PendingRestore, StorageError> {
    let (backup, backup_key) = read_backup_file(&bytes, passphrase.as_deref()).await?;
    let backup_key = backup_key.map(Rc::new);
    let keys: Vec<Rc<Key>> = backup_key
        .iter()
        .cloned()
        .chain(persistence::key())
        .collect();
    let summary = persistence::repository()
        .await?
        .summarise_backup(&backup, &keys)
        .await?;
    Ok(PendingRestore {
        backup,
        key: backup_key.or_else(persistence::key),
        summary,
    })
}

/// Puts a checked backup back as the open workspace. Returns the school's name.
async fn restore_backup(pending: &PendingRestore) -> Result<String, StorageError> {
    let backup = pending.backup.clone();
    let key = pending.key.clone();
    let id = backup.workspace.id.clone();
    replace_open_workspace(Some(&id), async {
        persistence::repository().await?.restore(backup, key).await
    })
    .await
}

/// What the page says when a backup was not restored: a problem with the file itself
/// already says nothing has changed; a problem writing it says so here.
fn not_restored(error: &StorageError) -> String {
    match error {
        StorageError::Backup(_)
        | StorageError::BackupNotOpened(_)
        | StorageError::WrongBackupPassphrase => error.to_string(),
        _ => format!("The backup was not restored, and nothing has changed. {error}"),
    }
}

/// Goes back to the start of the app, reloading it from scratch.
pub fn reload_to_start() {
    let location = window().location();
    let href = location.href().unwrap_or_default();
    let start = href.split('#').next().unwrap_or_default().to_string();
    if location.replace(&start).is_err() {
        let _ = location.reload();
    }
}

/// The "Your data on this computer" section of Settings.
#[component]
pub fn DataPanel() -> impl IntoView {
    let state = crate::ui::state::use_app_state();
    let space = RwSignal::new(None::<Option<Estimate>>);
    let kept = RwSignal::new(None::<bool>);
    let declined = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // An encrypted backup waiting for its passphrase.
    let protected_backup = RwSignal::new(None::<Vec<u8>>);
    let backup_passphrase = RwSignal::new(String::new());
    // A checked backup, shown and waiting for "Replace my current work with this backup".
    let pending = RwSignal::new_local(None::<Rc<PendingRestore>>);
    let file_input = NodeRef::<leptos::html::Input>::new();

    let refresh = move || {
        leptos::task::spawn_local(async move {
            let estimate = storage_space::estimate().await;
            let persisted = storage_space::persisted().await;
            space.try_set(Some(estimate));
            kept.try_set(persisted);
            state.session.storage_kept.try_set(persisted);
        });
    };
    refresh();

    let keep = move |_| {
        leptos::task::spawn_local(async move {
            let granted = storage_space::persist().await;
            kept.try_set(granted);
            state.session.storage_kept.try_set(granted);
            declined.try_set(granted != Some(true));
        });
    };

    let download_backup = move |_: ()| {
        busy.set(true);
        problem.set(None);
        status.set(Some("Making the backup…".into()));
        leptos::task::spawn_local(async move {
            let made = backup_of_current_workspace()
                .await
                .map_err(|error| error.to_string())
                .and_then(|(name, text)| {
                    download::download_bytes(&name, "application/json", text.as_bytes())
                        .map(|()| (name, text.len()))
                        .map_err(|error| error.to_string())
                });
            match made {
                Ok((name, bytes)) => {
                    if let Some(id) = persistence::current_workspace_id() {
                        crate::web::last_backup::set(&id, clock::today());
                    }
                    state.session.last_backup.try_set(Some(clock::today()));
                    status.try_set(Some(format!(
                        "Downloaded “{name}” ({}). Keep it somewhere safe: it holds pupils' personal data.",
                        size_text(bytes as f64)
                    )));
                }
                Err(message) => {
                    status.try_set(None);
                    problem.try_set(Some(message));
                }
            }
            busy.try_set(false);
        });
    };

    let restore = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(chosen) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        busy.set(true);
        problem.set(None);
        protected_backup.set(None);
        pending.set(None);
        status.set(Some("Checking the backup file…".into()));
        leptos::task::spawn_local(async move {
            let opened = match file::read_bytes(&chosen).await {
                Ok(bytes) if std::str::from_utf8(&bytes).is_ok_and(is_envelope) => {
                    // Protected: ask for its passphrase before anything else.
                    status.try_set(None);
                    backup_passphrase.try_set(String::new());
                    protected_backup.try_set(Some(bytes));
                    busy.try_set(false);
                    return;
                }
                Ok(bytes) => open_backup(bytes, None)
                    .await
                    .map_err(|error| not_restored(&error)),
                Err(why) => Err(why.to_string()),
            };
            status.try_set(None);
            match opened {
                Ok(opened) => {
                    pending.try_set(Some(Rc::new(opened)));
                }
                Err(message) => {
                    problem.try_set(Some(message));
                }
            }
            busy.try_set(false);
        });
    };

    let restore_protected = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(bytes) = protected_backup.get_untracked() else {
            return;
        };
        let passphrase = backup_passphrase.get_untracked();
        if passphrase.is_empty() {
            problem.set(Some("Enter the backup's passphrase.".into()));
            return;
        }
        busy.set(true);
        problem.set(None);
        status.set(Some("Checking the passphrase and the backup file…".into()));
        leptos::task::spawn_local(async move {
            let opened = open_backup(bytes, Some(passphrase))
                .await
                .map_err(|error| not_restored(&error));
            status.try_set(None);
            match opened {
                Ok(opened) => {
                    protected_backup.try_set(None);
                    backup_passphrase.try_set(String::new());
                    pending.try_set(Some(Rc::new(opened)));
                }
                Err(message) => {
                    problem.try_set(Some(message));
                }
            }
            busy.try_set(false);
        });
    };
    let cancel_protected = move |_| {
        protected_backup.set(None);
        backup_passphrase.set(String::new());
        problem.set(None);
    };

    let confirm_restore = Callback::new(move |()| {
        let Some(chosen) = pending.get_untracked() else {
            return;
        };
        busy.set(true);
        problem.set(None);
        status.set(Some("Restoring the backup…".into()));
        leptos::task::spawn_local(async move {
            match restore_backup(&chosen).await {
                Ok(name) => {
                    let then = if chosen.key.is_some() {
                        "Reloading the planner: unlock it with the backup's passphrase."
                    } else {
                        "Reloading the planner…"
                    };
                    status.try_set(Some(format!("Restored “{name}” from the backup. {then}")));
                    reload_to_start();
                }
                Err(error) => {
                    status.try_set(None);
                    problem.try_set(Some(not_restored(&error)));
                    busy.try_set(false);
                }
            }
        });
    });
    let cancel_restore = Callback::new(move |()| {
        pending.set(None);
        problem.set(None);
        status.set(Some(
            "The backup was not restored. Your work is exactly as it was.".into(),
        ));
        if let Some(input) = file_input.get_untracked() {
            let _ = input.focus();
        }
    });
    let download_first = Callback::new(download_backup);

    let space_line = move || match space.get() {
        None => "Checking how much space the planner is using…".to_string(),
        Some(Some(estimate)) => space_text(estimate),
        Some(None) => "This browser does not say how much space the planner is using.".to_string(),
    };
    let kept_view = move || {
        match kept.get() {
        Some(true) => view! {
            <p>"✓ Kept: the browser has agreed not to clear the planner's data when this computer runs short of space."</p>
        }
        .into_any(),
        _ => view! {
            <p>
                "Not kept yet: if this computer runs short of space, the browser may clear the planner's data without asking."
            </p>
            <div class="button-row">
                <button type="button" class="button button--secondary" on:click=keep>
                    "Keep my data on this computer"
                </button>
            </div>
            {move || {
                declined
                    .get()
                    .then(|| {
                        view! {
                            <p class="hint">
                                "The browser said no for now. Browsers usually agree for sites you use often or have bookmarked. Download a backup regularly, just in case."
                            </p>
                        }
                    })
            }}
        }
        .into_any(),
    }
    };

    view! {
        <section class="data-panel" aria-labelledby="data-panel-title">
            <h2 id="settings-data" tabindex="-1">
                <span id="data-panel-title">"Your data on this computer"</span>
            </h2>
            <p>
                "Everything you import and write is kept in this browser, on this computer, and nowhere else. It is not copied anywhere unless you download a backup."
            </p>
            <p>{space_line}</p>
            {kept_view}
            {move || status.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {move || problem.get().map(|text| view! { <p class="error-message" role="alert">{text}</p> })}

            <h3>"Backup"</h3>
            <p class="hint">
                "One .json file holding this workspace: the pupils, notes, focus flags, cohorts and scoring profile. It holds pupils' personal data, so keep it as safely as the spreadsheet itself."
            </p>
            <div class="button-row">
                <button type="button" class="button" on:click=move |_| download_backup(()) disabled=move || busy.get()>
                    "Download a backup"
                </button>
            </div>
            <div class="field">
                <label for="backup-file">"Restore from a backup file"</label>
                <p class="hint" id="backup-file-hint">
                    "The whole file is checked first: if anything is wrong, nothing changes. Then the planner shows what the backup holds and asks before it replaces anything. Restoring puts back the workspace in the file exactly as it was, then the planner reloads."
                </p>
                <input
                    type="file"
                    id="backup-file"
                    accept=".json,application/json"
                    aria-describedby="backup-file-hint"
                    disabled=move || busy.get()
                    on:change=restore
                    node_ref=file_input
                />
            </div>
            {move || {
                pending
                    .get()
                    .map(|chosen| {
                        view! {
                            <RestoreQuestion
                                summary=chosen.summary.clone()
                                busy=busy
                                on_restore=confirm_restore
                                on_cancel=cancel_restore
                                on_download=download_first
                            />
                        }
                    })
            }}
            {move || {
                protected_backup
                    .get()
                    .is_some()
                    .then(|| {
                        view! {
                            <form class="protected-backup" on:submit=restore_protected>
                                <div class="field">
                                    <label for="backup-passphrase">"Passphrase for this backup"</label>
                                    <p class="hint" id="backup-passphrase-hint">
                                        "This backup is protected with a passphrase: the one the workspace had when the backup was made. Nothing changes until it is right."
                                    </p>
                                    <input
                                        type="password"
                                        id="backup-passphrase"
                                        class="text-input"
                                        autocomplete="current-password"
                                        aria-describedby="backup-passphrase-hint"
                                        prop:value=move || backup_passphrase.get()
                                        on:input=move |event| {
                                            backup_passphrase.set(event_target_value(&event))
                                        }
                                    />
                                </div>
                                <div class="button-row">
                                    <button type="submit" class="button" disabled=move || busy.get()>
                                        "Open this backup"
                                    </button>
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        on:click=cancel_protected
                                        disabled=move || busy.get()
                                    >
                                        "Cancel"
                                    </button>
                                </div>
                            </form>
                        }
                    })
            }}

            <h3>"Delete all data on this computer"</h3>
            <p class="hint">
                "Removes every pupil, note, flag, cohort and setting the planner keeps in this browser, and its offline copy. Download a backup first if you may need them again."
            </p>
            <DeleteAllData id="delete-dialog" busy=busy problem=problem status=status />
        </section>
    }
}
