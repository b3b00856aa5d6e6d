//! "Workspaces" (Settings, SPEC §9): several workspaces in one browser, for example one
//! per school an LA adviser supports, or a practice one with the made-up school. Rename
//! the open one, create a new one, open another, or delete one that is not open. The
//! name rules live in `storage::workspaces` (pure); this reads and writes IndexedDB.
//!
//! Opening another workspace writes "this is the open workspace" and reloads, so every
//! signal starts from what is stored and nothing of the old workspace lingers in memory.

use crate::storage::schema::{
    DropEntry, StorageError, StoredDrop, StoredWorkspace, SCHEMA_VERSION,
};
use crate::storage::workspaces::{clean_name, new_id, unused_name, WorkspaceSummary};
use crate::ui::persistence::{self, replace_open_workspace};
use crate::ui::state::{AppState, SaveState, WorkspaceStoreFields};
use crate::web::clock;
use leptos::prelude::*;

/// Makes `id` the open workspace and reloads the planner into it. Autosaving stops first,
/// so nothing of this workspace is written after the switch.
pub(crate) async fn open_workspace(id: &str) -> Result<(), StorageError> {
    replace_open_workspace(None, async {
        persistence::repository().await?.switch_to(id).await
    })
    .await?;
    reload();
    Ok(())
}

/// Stores a new, empty workspace called `name` and opens it.
async fn create(name: String, taken: Vec<String>) -> Result<(), StorageError> {
    let id = new_id(clock::now_millis() as u64, taken.iter().map(String::as_str));
    let mut workspace = StoredWorkspace::new(id, name);
    workspace.revision = 1;
    replace_open_workspace(None, async {
        persistence::repository()
            .await?
            .create(&workspace, None)
            .await
    })
    .await?;
    reload();
    Ok(())
}

/// Stores a new workspace holding the made-up school's pupils and opens it, leaving the
/// open workspace (with its real pupils) exactly as it is. Its name is "Made-up school"
/// (or "Made-up school 2", … when taken).
pub async fn open_made_up_school(drop: crate::core::drop::DataDrop) -> Result<(), StorageError> {
    let repository = persistence::repository().await?;
    let listed = repository.list().await?;
    let names: Vec<&str> = listed.iter().map(|s| s.name.as_str()).collect();
    let ids: Vec<&str> = listed.iter().map(|s| s.id.as_str()).collect();
    let now = clock::now_millis() as u64;
    let drop_id = format!("drop-{now}");
    let mut workspace = StoredWorkspace::new(
        new_id(now, ids.iter().copied()),
        unused_name("Made-up school", names),
    );
    workspace.revision = 1;
    workspace.synthetic = true;
    workspace.drops = vec![DropEntry::new(drop_id.clone())];
    let stored = StoredDrop {
        schema_version: SCHEMA_VERSION,
        id: drop_id,
        drop,
    };
    replace_open_workspace(None, repository.create(&workspace, Some(&stored))).await?;
    reload();
    Ok(())
}

/// Deletes workspace `id` (never the open one) and its pupils, in one transaction, and
/// tells a tab with it open not to save it back into existence.
async fn delete(id: &str) -> Result<(), StorageError> {
    persistence::repository().await?.delete(id).await?;
    persistence::announce_replaced(id);
    Ok(())
}

fn reload() {
    let _ = window().location().reload();
}

/// The "Workspaces" section of Settings.
#[component]
pub fn Workspaces() -> impl IntoView {
    let state = expect_context::<AppState>();
    let current_id = RwSignal::new(None::<String>);
    let others = RwSignal::new(Vec::<WorkspaceSummary>::new());
    let rename_to = RwSignal::new(state.work.name().get_untracked());
    let new_name = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let to_delete = RwSignal::new(None::<WorkspaceSummary>);
    let dialog = NodeRef::<leptos::html::Dialog>::new();

    let refresh = move || {
        leptos::task::spawn_local(async move {
            let listed = async {
                let repository = persistence::repository().await?;
                let open = repository.open_workspace_id().await?;
                Ok::<_, StorageError>((open, repository.list().await?))
            }
            .await;
            match listed {
                Ok((open, all)) => {
                    let (_, rest): (Vec<_>, Vec<_>) = all
                        .into_iter()
                        .partition(|summary| Some(&summary.id) == open.as_ref());
                    current_id.try_set(open);
                    others.try_set(rest);
                }
                Err(error) => {
                    problem.try_set(Some(error.to_string()));
                }
            }
        });
    };
    // List once the open workspace has loaded (so its record exists).
    Effect::new(move |_| {
        if state.session.loaded.get() {
            rename_to.set(state.work.name().get_untracked());
            refresh();
        }
    });

    let other_names = move || {
        others
            .get_untracked()
            .into_iter()
            .map(|summary| summary.name)
            .collect::<Vec<_>>()
    };
    let saved = move || state.session.save_state.get() == SaveState::Saved;

    let rename = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        status.set(None);
        let names = other_names();
        match clean_name(&rename_to.get_untracked(), names.iter().map(String::as_str)) {
            Ok(name) => {
                rename_to.set(name.clone());
                state.work.name().set(name.clone());
                problem.set(None);
                status.set(Some(format!("This workspace is now called “{name}”.")));
            }
            Err(why) => problem.set(Some(why.to_string())),
        }
    };

    let create_workspace = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        status.set(None);
        let mut names = other_names();
        names.push(state.work.name().get_untracked());
        let name = match clean_name(&new_name.get_untracked(), names.iter().map(String::as_str)) {
            Ok(name) => name,
            Err(why) => {
                problem.set(Some(why.to_string()));
                return;
            }
        };
        if !saved() {
            problem.set(Some(
                "Wait for “Saved on this computer” at the top of the page, then try again.".into(),
            ));
            return;
        }
        problem.set(None);
        busy.set(true);
        let mut taken: Vec<String> = others
            .get_untracked()
            .into_iter()
            .map(|summary| summary.id)
            .collect();
        taken.extend(current_id.get_untracked());
        status.set(Some(format!("Making the workspace “{name}”…")));
        leptos::task::spawn_local(async move {
            if let Err(error) = create(name, taken).await {
                status.try_set(None);
                problem.try_set(Some(format!(
                    "The new workspace could not be made, and nothing has changed. {error}"
                )));
                busy.try_set(false);
            }
        });
    };

    let open_other = move |summary: WorkspaceSummary| {
        status.set(None);
        if !saved() {
            problem.set(Some(
                "Wait for “Saved on this computer” at the top of the page, then try again.".into(),
            ));
            return;
        }
        problem.set(None);
        busy.set(true);
        status.set(Some(format!("Opening “{}”…", summary.name)));
        leptos::task::spawn_local(async move {
            if let Err(error) = open_workspace(&summary.id).await {
                status.try_set(None);
                problem.try_set(Some(format!(
                    "The other workspace could not be opened, and nothing has changed. {error}"
                )));
                busy.try_set(false);
            }
        });
    };

    let ask_delete = move |summary: WorkspaceSummary| {
        to_delete.set(Some(summary));
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let close_dialog = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let confirm_delete = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
        let Some(summary) = to_delete.get_untracked() else {
            return;
        };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match delete(&summary.id).await {
                Ok(()) => {
                    status.try_set(Some(format!(
                        "Deleted the workspace “{}” and its pupils.",
                        summary.name
                    )));
                    refresh();
                }
                Err(error) => {
                    status.try_set(None);
                    problem.try_set(Some(format!(
                        "The workspace “{}” was not deleted. {error}",
                        summary.name
                    )));
                }
            }
            busy.try_set(false);
        });
    };

    let other_rows = move || {
        others
            .get()
            .into_iter()
            .map(|summary| {
                let name = summary.name.clone();
                let open_label = format!("Open {name}");
                let delete_label = format!("Delete {name}");
                let what = if summary.protected {
                    "protected with a passphrase"
                } else if summary.has_pupils {
                    "has pupils"
                } else {
                    "no pupils yet"
                };
                let for_open = summary.clone();
                let for_delete = summary.clone();
                view! {
                    <li class="workspace-list__item">
                        <span class="workspace-list__name">{name}</span>
                        <span class="hint">" (" {what} ")"</span>
                        <span class="button-row">
                            <button
                                type="button"
                                class="button button--secondary"
                                aria-label=open_label
                                disabled=move || busy.get()
                                on:click=move |_| open_other(for_open.clone())
                            >
                                "Open"
                            </button>
                            <button
                                type="button"
                                class="button button--secondary"
                                aria-label=delete_label
                                disabled=move || busy.get()
                                on:click=move |_| ask_delete(for_delete.clone())
                            >
                                "Delete"
                            </button>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <section class="workspaces" aria-labelledby="workspaces-title">
            <h2 id="settings-workspaces" tabindex="-1">
                <span id="workspaces-title">"Workspaces"</span>
            </h2>
            <p>
                "A workspace holds one school's pupils, notes, flags, cohorts and scoring profile. Keep one per school, or a separate one for practice."
            </p>
            {move || status.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {move || problem.get().map(|text| view! { <p class="error-message" role="alert">{text}</p> })}
            <form class="field" on:submit=rename>
                <label for="workspace-name">"Name of this workspace"</label>
                <div class="inline-field">
                    <input
                        type="text"
                        id="workspace-name"
                        maxlength="120"
                        prop:value=move || rename_to.get()
                        on:input=move |event| rename_to.set(event_target_value(&event))
                    />
                    <button type="submit" class="button button--secondary">"Rename"</button>
                </div>
            </form>
            <h3>"Other workspaces in this browser"</h3>
            {move || {
                if others.get().is_empty() {
                    view! { <p class="hint">"There are no other workspaces."</p> }.into_any()
                } else {
                    view! { <ul class="workspace-list">{other_rows}</ul> }.into_any()
                }
            }}
            <form class="field" on:submit=create_workspace>
                <label for="new-workspace-name">"Name of a new workspace"</label>
                <div class="inline-field">
                    <input
                        type="text"
                        id="new-workspace-name"
                        maxlength="120"
                        prop:value=move || new_name.get()
                        on:input=move |event| new_name.set(event_target_value(&event))
                    />
                    <button type="submit" class="button" disabled=move || busy.get()>
                        "Create and open"
                    </button>
                </div>
            </form>
            <dialog
                node_ref=dialog
                class="confirm-dialog"
                role="alertdialog"
                aria-labelledby="delete-workspace-title"
                aria-describedby="delete-workspace-text"
            >
                <h2 id="delete-workspace-title">
                    {move || {
                        format!(
                            "Delete the workspace “{}”?",
                            to_delete.get().map(|summary| summary.name).unwrap_or_default(),
                        )
                    }}
                </h2>
                <p id="delete-workspace-text">
                    "This deletes its pupils, notes, focus flags, cohorts and scoring profile from this computer. It cannot be undone: download a backup of it first if you may need it."
                </p>
                <div class="button-row">
                    <button type="button" class="button button--danger" on:click=confirm_delete>
                        "Yes, delete it"
                    </button>
                    <button type="button" class="button button--secondary" autofocus=true on:click=close_dialog>
                        "No, keep it"
                    </button>
                </div>
            </dialog>
        </section>
    }
}
