//! "Delete all data on this computer": the danger button, its confirmation dialog and the
//! deletion itself, the same on the unlock screen (a forgotten passphrase) and in Settings
//! ("Your data on this computer").

use crate::ui::components::data_panel::reload_to_start;
use crate::ui::persistence;
use crate::web::{erase, repository};
use leptos::prelude::*;

/// What "Delete all data" says while another tab holds the database open.
pub const BLOCKED: &str =
    "Waiting for the planner's other tabs to let go of the data: close them to finish deleting.";

/// What could not be deleted, each part in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAllDeleted(Vec<String>);

impl std::fmt::Display for NotAllDeleted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Not everything could be deleted: {}. Close every tab of the planner, open it again and press “Delete all data on this computer” once more.",
            self.0.join("; ")
        )
    }
}

/// Deletes everything the planner keeps in this browser: the database (this tab lets go
/// of it first and autosaving stops), the offline copy and web storage. `on_blocked` is
/// called if another tab holds the database open. Reload afterwards.
async fn delete_all_data(on_blocked: impl FnOnce() + 'static) -> Result<(), NotAllDeleted> {
    persistence::close_database();
    let mut failures: Vec<String> = Vec::new();
    if let Err(error) = repository::erase_everything(on_blocked).await {
        failures.push(error.to_string());
    }
    if let Err(message) = erase::delete_planner_caches().await {
        failures.push(format!("the offline copy could not be deleted ({message})"));
    }
    if let Err(message) = erase::unregister_service_workers().await {
        failures.push(format!("offline use could not be switched off ({message})"));
    }
    erase::clear_web_storage();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(NotAllDeleted(failures))
    }
}

/// The "Delete all data on this computer" button and its confirmation ("Yes, delete
/// everything" / "No, keep my data", the safe choice focused). Confirming deletes
/// everything and reloads the planner from the start.
#[component]
pub fn DeleteAllData(
    /// Start of the dialog's element ids, unique on the page.
    id: &'static str,
    /// True while the panel is busy; the button is disabled then, and it is set while
    /// deleting.
    busy: RwSignal<bool>,
    /// Where a failure to delete is shown.
    problem: RwSignal<Option<String>>,
    /// Where progress is shown: deleting, or waiting for the planner's other tabs.
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let title_id = format!("{id}-title");
    let text_id = format!("{id}-text");
    let (labelled_by, described_by) = (title_id.clone(), text_id.clone());
    let close = move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let open_dialog = move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let delete_everything = move |_| {
        close();
        busy.set(true);
        problem.set(None);
        status.set(Some(
            "Deleting all the planner's data on this computer…".into(),
        ));
        leptos::task::spawn_local(async move {
            let blocked = move || {
                status.try_set(Some(BLOCKED.into()));
            };
            match delete_all_data(blocked).await {
                Ok(()) => reload_to_start(),
                Err(error) => {
                    status.try_set(None);
                    problem.try_set(Some(error.to_string()));
                    busy.try_set(false);
                }
            }
        });
    };

    view! {
        <div class="button-row">
            <button
                type="button"
                class="button button--danger"
                on:click=open_dialog
                disabled=move || busy.get()
            >
                "Delete all data on this computer"
            </button>
        </div>
        <dialog
            node_ref=dialog
            class="confirm-dialog"
            role="alertdialog"
            aria-labelledby=labelled_by
            aria-describedby=described_by
        >
            <h2 id=title_id>"Delete all data on this computer?"</h2>
            <p id=text_id>
                "This deletes every pupil, note, focus flag, cohort and setting the planner keeps in this browser, and its offline copy. It cannot be undone."
            </p>
            <div class="button-row">
                <button type="button" class="button button--danger" on:click=delete_everything>
                    "Yes, delete everything"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    autofocus=true
                    on:click=move |_| close()
                >
                    "No, keep my data"
                </button>
            </div>
        </dialog>
    }
}
