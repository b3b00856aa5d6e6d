//! "Your data on this computer" (Settings, SPEC §9): space used and allowed, asking the
//! browser to keep the data, downloading a backup, restoring one, and deleting
//! everything. The checks live in `storage::backup` (pure); this is the thin shell that
//! reads and writes IndexedDB and talks to the user.

use crate::storage::backup::{backup_file_name, is_blank, make_backup, read_backup};
use crate::storage::envelope::{is_envelope, Contents, Envelope};
use crate::storage::schema::{decode_drop, decode_workspace, encode_drop, encode_workspace};
use crate::ui::components::delete_all::DeleteAllData;
use crate::ui::persistence::{self, seal_record, CURRENT_WORKSPACE};
use crate::web::crypto::Key;
use crate::web::idb::{self, DROPS, SETTINGS, WORKSPACES};
use crate::web::storage_space::{self, Estimate};
use crate::web::{clock, download, file};
use leptos::prelude::*;
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

/// The current workspace and its pupils as a backup file: (file name, text).
async fn backup_of_current_workspace() -> Result<(String, String), String> {
    let nothing =
        || "There is nothing to back up yet: import a pupil spreadsheet first.".to_string();
    let db = idb::open().await?;
    let id = db
        .get(SETTINGS, CURRENT_WORKSPACE)
        .await?
        .ok_or_else(nothing)?;
    let text = db.get(WORKSPACES, &id).await?.ok_or_else(nothing)?;
    let json = persistence::open_record(text, Contents::Workspace, &id).await?;
    let workspace = decode_workspace(&json).map_err(|error| error.to_string())?;
    let mut drops = Vec::new();
    if let Some(drop_id) = &workspace.current_drop {
        let text = db.get(DROPS, drop_id).await?.ok_or_else(|| {
            "The saved pupils for this workspace are missing, so a backup would be incomplete. Import the spreadsheet again, then download a backup.".to_string()
        })?;
        let json = persistence::open_record(text, Contents::DataDrop, drop_id).await?;
        drops.push(decode_drop(&json).map_err(|error| error.to_string())?);
    }
    let date = clock::today().format("%Y-%m-%d").to_string();
    let text = make_backup(&workspace, &drops, &date).map_err(|error| error.to_string())?;
    // A protected workspace's backup is protected with the same passphrase.
    let text = match persistence::key() {
        Some(key) => key
            .seal(Contents::Backup, "", text.as_bytes())
            .await
            .map_err(|error| error.to_string())?
            .to_pretty_json(),
        None => text,
    };
    Ok((backup_file_name(&workspace.name, &date), text))
}

/// Opens an encrypted backup file with `passphrase`: the backup's text and the key, with
/// which the restored records are encrypted in turn. A wrong passphrase changes nothing.
async fn open_backup(bytes: &[u8], passphrase: &str) -> Result<(Vec<u8>, Key), String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "This file is not a planner backup. Nothing has been changed.".to_string())?;
    let sealed = Envelope::parse(text, Contents::Backup)
        .map_err(|error| format!("{error} Nothing has been changed."))?;
    let key = Key::for_sealed(passphrase, &sealed)
        .await
        .map_err(|error| error.to_string())?;
    let plain = key.open(&sealed, "").await.map_err(|_| {
        "That passphrase is not right for this backup, so nothing has been changed. Type the passphrase the workspace had when the backup was made.".to_string()
    })?;
    Ok((plain, key))
}

/// Checks a backup file and, only if every check passes, writes its workspace, its drops
/// and "this is the open workspace" in one IndexedDB transaction. Returns the school name.
/// The records are encrypted with `key` (an encrypted backup's), or else with this tab's
/// key when its workspace is protected, so restoring never quietly removes protection.
async fn restore_backup(bytes: Vec<u8>, key: Option<Key>) -> Result<String, String> {
    let backup = read_backup(&bytes).map_err(|error| error.to_string())?;
    let key = key.map(std::rc::Rc::new).or_else(persistence::key);
    let id = backup.workspace.id.clone();
    let workspace_json = encode_workspace(&backup.workspace).map_err(|error| error.to_string())?;
    let workspace_json =
        seal_record(key.as_deref(), Contents::Workspace, &id, workspace_json).await?;
    let mut drop_jsons = Vec::new();
    for drop in &backup.drops {
        let json = encode_drop(drop).map_err(|error| error.to_string())?;
        let json = seal_record(key.as_deref(), Contents::DataDrop, &drop.id, json).await?;
        drop_jsons.push((drop.id.clone(), json));
    }

    // Nothing this tab holds may be saved over the restored workspace.
    persistence::suspend();
    let written = async {
        let db = idb::open().await?;
        let mut deletes: Vec<(&str, String)> = Vec::new();
        // The empty workspace a first visit makes (as after "Delete all data") is
        // replaced, not left behind; a workspace with any work in it is kept.
        if let Some(open) = db.get(SETTINGS, CURRENT_WORKSPACE).await? {
            if open != id {
                if let Some(text) = db.get(WORKSPACES, &open).await? {
                    let json = persistence::open_record(text, Contents::Workspace, &open).await;
                    if json.is_ok_and(|json| {
                        decode_workspace(&json).is_ok_and(|workspace| is_blank(&workspace))
                    }) {
                        deletes.push((WORKSPACES, open));
                    }
                }
            }
        }
        // An older copy of the same workspace is replaced: its pupils go with it.
        if let Some(text) = db.get(WORKSPACES, &id).await? {
            let json = persistence::open_record(text, Contents::Workspace, &id).await;
            if let Ok(old) =
                json.and_then(|json| decode_workspace(&json).map_err(|e| e.to_string()))
            {
                if let Some(old_drop) = old.current_drop {
                    if !backup.drops.iter().any(|drop| drop.id == old_drop) {
                        deletes.push((DROPS, old_drop));
                    }
                }
            }
        }
        let mut writes: Vec<(&str, &str, &str)> = vec![
            (WORKSPACES, id.as_str(), workspace_json.as_str()),
            (SETTINGS, CURRENT_WORKSPACE, id.as_str()),
        ];
        for (drop_id, json) in &drop_jsons {
            writes.push((DROPS, drop_id.as_str(), json.as_str()));
        }
        let deletes: Vec<(&str, &str)> = deletes
            .iter()
            .map(|(store, key)| (*store, key.as_str()))
            .collect();
        db.put_and_delete(&writes, &deletes).await
    }
    .await;
    match written {
        Ok(()) => {
            persistence::announce_replaced(&id);
            Ok(backup.workspace.name)
        }
        Err(message) => {
            persistence::resume();
            Err(format!(
                "The backup was not restored, and nothing has changed. {message}"
            ))
        }
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

    let refresh = move || {
        leptos::task::spawn_local(async move {
            let estimate = storage_space::estimate().await;
            let persisted = storage_space::persisted().await;
            space.try_set(Some(estimate));
            kept.try_set(persisted);
            state.storage_kept.try_set(persisted);
        });
    };
    refresh();

    let keep = move |_| {
        leptos::task::spawn_local(async move {
            let granted = storage_space::persist().await;
            kept.try_set(granted);
            state.storage_kept.try_set(granted);
            declined.try_set(granted != Some(true));
        });
    };

    let download_backup = move |_| {
        busy.set(true);
        problem.set(None);
        status.set(Some("Making the backup…".into()));
        leptos::task::spawn_local(async move {
            let made = backup_of_current_workspace()
                .await
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
                    state.last_backup.try_set(Some(clock::today()));
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
        status.set(Some("Checking the backup file…".into()));
        leptos::task::spawn_local(async move {
            let restored = match file::read_bytes(&chosen).await {
                Ok(bytes) if std::str::from_utf8(&bytes).is_ok_and(is_envelope) => {
                    // Protected: ask for its passphrase before anything else.
                    status.try_set(None);
                    backup_passphrase.try_set(String::new());
                    protected_backup.try_set(Some(bytes));
                    busy.try_set(false);
                    return;
                }
                Ok(bytes) => restore_backup(bytes, None).await,
                Err(message) => Err(message),
            };
            match restored {
                Ok(name) => {
                    status.try_set(Some(format!(
                        "Restored “{name}” from the backup. Reloading the planner…"
                    )));
                    reload_to_start();
                }
                Err(message) => {
                    status.try_set(None);
                    problem.try_set(Some(message));
                    busy.try_set(false);
                }
            }
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
            let restored = match open_backup(&bytes, &passphrase).await {
                Ok((plain, key)) => restore_backup(plain, Some(key)).await,
                Err(message) => Err(message),
            };
            match restored {
                Ok(name) => {
                    status.try_set(Some(format!(
                        "Restored “{name}” from the backup. Reloading the planner: unlock it with the backup's passphrase."
                    )));
                    reload_to_start();
                }
                Err(message) => {
                    status.try_set(None);
                    problem.try_set(Some(message));
                    busy.try_set(false);
                }
            }
        });
    };
    let cancel_protected = move |_| {
        protected_backup.set(None);
        backup_passphrase.set(String::new());
        problem.set(None);
    };

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
                <button type="button" class="button" on:click=download_backup disabled=move || busy.get()>
                    "Download a backup"
                </button>
            </div>
            <div class="field">
                <label for="backup-file">"Restore from a backup file"</label>
                <p class="hint" id="backup-file-hint">
                    "The whole file is checked first: if anything is wrong, nothing changes. Restoring puts back the workspace in the file exactly as it was, then the planner reloads."
                </p>
                <input
                    type="file"
                    id="backup-file"
                    accept=".json,application/json"
                    aria-describedby="backup-file-hint"
                    disabled=move || busy.get()
                    on:change=restore
                />
            </div>
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
                                        "Restore this backup"
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
