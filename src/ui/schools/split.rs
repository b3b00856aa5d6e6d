//! **Make a workspace for each school** (issue 16): the LA file split by
//! `core::schools::split`, each school's pupils stored as a workspace of its own
//! (`storage::school_workspaces`), all in one transaction
//! (`Repository::add_workspaces`), so either every school's workspace is stored or none
//! is. The open LA workspace is never changed: not its record, not which workspace is
//! open. A protected workspace's schools are sealed with its key.

use crate::core::schools::{split, SchoolPart};
use crate::storage::schema::StorageError;
use crate::storage::school_workspaces::{school_workspaces, MadeFrom, SplitCount};
use crate::ui::components::workspaces::open_workspace;
use crate::ui::persistence;
use crate::ui::state::{use_app_state, SaveState, WorkspaceStoreFields};
use crate::web::clock;
use leptos::prelude::*;

/// One workspace made: its id, name and pupils, for the list under the button.
#[derive(Debug, Clone, PartialEq)]
struct Made {
    id: String,
    name: String,
    pupils: usize,
}

/// Why the workspaces were not made, in plain English. Nothing was stored either way.
fn not_made(error: &StorageError) -> String {
    let nothing = "No workspaces were made, and this workspace is unchanged.";
    match error {
        StorageError::NoRoom { .. }
        | StorageError::QuotaExceeded
        | StorageError::DiskFailed
        | StorageError::Refused(_) => format!(
            "{nothing} There is not enough space on this computer for every school's pupils. Free some disk space, or delete old workspaces in Settings › Workspaces, then try again."
        ),
        StorageError::ChangedElsewhere => format!(
            "{nothing} Another tab made a workspace at the same moment. Try again."
        ),
        other => format!("{nothing} {other}"),
    }
}

/// Splits `drop`'s schools into workspaces and stores them all, sealed with `key` when
/// the open workspace is protected. Returns what was made.
async fn make(
    parts: Vec<SchoolPart>,
    from: MadeFrom<'_>,
    key: Option<std::rc::Rc<crate::web::crypto::Key>>,
) -> Result<Vec<Made>, StorageError> {
    let repository = persistence::repository().await?;
    let listed = repository.list().await?;
    let made = school_workspaces(
        parts,
        from,
        listed.iter().map(|summary| summary.name.as_str()),
        listed.iter().map(|summary| summary.id.as_str()),
    );
    repository.add_workspaces(&made, key.as_deref()).await?;
    Ok(made
        .into_iter()
        .map(|school| Made {
            id: school.workspace.id,
            name: school.workspace.name,
            pupils: school.drop.drop.pupils.len(),
        })
        .collect())
}

/// The button, its confirmation and what happened.
#[component]
pub fn MakeSchoolWorkspaces() -> impl IntoView {
    let state = use_app_state();
    let busy = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let count = RwSignal::new(None::<SplitCount>);
    let made = RwSignal::new(Vec::<Made>::new());
    let parts = StoredValue::new_local(None::<Vec<SchoolPart>>);
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let saved = move || state.session.save_state.get_untracked() == SaveState::Saved;
    let wait_for_saved = move || {
        problem.set(Some(
            "Wait for “Saved on this computer” at the top of the page, then try again.".into(),
        ));
    };

    let ask = move |_| {
        status.set(None);
        problem.set(None);
        if !saved() {
            wait_for_saved();
            return;
        }
        let local_authority = state
            .work
            .details()
            .with_untracked(|details| details.local_authority.clone());
        let split_up = state
            .data_drop
            .with_untracked(|drop| drop.as_deref().map(|drop| split(drop, &local_authority)));
        let Some(split_up) = split_up.filter(|parts| !parts.is_empty()) else {
            problem.set(Some(
                "There are no pupils to share out: import the local authority's file first.".into(),
            ));
            return;
        };
        count.set(Some(SplitCount::of(&split_up)));
        parts.set_value(Some(split_up));
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let close = move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let cancel = move |_| {
        close();
        parts.set_value(None);
    };
    let confirm = move |_| {
        close();
        let Some(split_up) = parts.try_update_value(Option::take).flatten() else {
            return;
        };
        if !saved() {
            wait_for_saved();
            return;
        }
        let protected = state.session.protected.get_untracked();
        let key = persistence::key();
        if protected && key.is_none() {
            problem.set(Some(
                "No workspaces were made, and this workspace is unchanged. This workspace is protected with a passphrase that this tab does not hold: reload the planner, unlock it and try again.".into(),
            ));
            return;
        }
        let how_many = SplitCount::of(&split_up);
        let profile = state.work.profile().get_untracked();
        let lock_after_minutes = state.work.lock_after_minutes().get_untracked();
        busy.set(true);
        made.set(Vec::new());
        status.set(Some(format!(
            "Making {} workspaces… This can take a little while for a large file.",
            how_many.workspaces()
        )));
        leptos::task::spawn_local(async move {
            let from = MadeFrom {
                profile: &profile,
                lock_after_minutes,
                now_millis: clock::now_millis() as u64,
            };
            match make(split_up, from, key).await {
                Ok(list) => {
                    status.try_set(Some(how_many.done()));
                    made.try_set(list);
                }
                Err(error) => {
                    status.try_set(None);
                    problem.try_set(Some(not_made(&error)));
                }
            }
            busy.try_set(false);
        });
    };

    let open = move |school: Made| {
        status.set(None);
        problem.set(None);
        if !saved() {
            wait_for_saved();
            return;
        }
        busy.set(true);
        status.set(Some(format!("Opening “{}”…", school.name)));
        leptos::task::spawn_local(async move {
            if let Err(error) = open_workspace(&school.id).await {
                status.try_set(None);
                problem.try_set(Some(format!(
                    "“{}” could not be opened, and nothing has changed. {error}",
                    school.name
                )));
                busy.try_set(false);
            }
        });
    };

    let made_rows = move || {
        made.get()
            .into_iter()
            .map(|school| {
                let name = school.name.clone();
                let label = format!("Open {name}");
                let pupils = match school.pupils {
                    1 => "1 pupil".to_string(),
                    n => format!("{n} pupils"),
                };
                view! {
                    <li class="workspace-list__item">
                        <span class="workspace-list__name">{name}</span>
                        <span class="hint">" (" {pupils} ")"</span>
                        <span class="button-row">
                            <button
                                type="button"
                                class="button button--secondary"
                                aria-label=label
                                disabled=move || busy.get()
                                on:click=move |_| open(school.clone())
                            >
                                "Open"
                            </button>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <section class="school-workspaces" aria-labelledby="school-workspaces-title">
            <h3 id="school-workspaces-title">"A workspace for each school"</h3>
            <p>
                "Makes one workspace in this browser for each school in the data drop shown, each holding only that school’s pupils, this workspace’s scoring profile, and the school’s details (Settings › School details) filled in. This workspace, with every school’s pupils, is kept as it is. Doing it again later adds new workspaces beside the ones made before."
            </p>
            <p class="button-row">
                <button
                    type="button"
                    class="button"
                    disabled=move || busy.get()
                    aria-disabled=move || busy.get().then_some("true")
                    on:click=ask
                >
                    "Make a workspace for each school"
                </button>
            </p>
            <div role="status" aria-busy=move || busy.get().then_some("true")>
                {move || status.get().map(|text| view! { <p class="notice">{text}</p> })}
            </div>
            {move || problem.get().map(|text| view! { <p class="error-message" role="alert">{text}</p> })}
            {move || {
                (!made.get().is_empty())
                    .then(|| {
                        view! {
                            <h4 id="school-workspaces-made">"Workspaces made"</h4>
                            <ul class="workspace-list" aria-labelledby="school-workspaces-made">
                                {made_rows}
                            </ul>
                        }
                    })
            }}
            <dialog
                node_ref=dialog
                class="confirm-dialog"
                role="alertdialog"
                aria-labelledby="school-workspaces-question"
                aria-describedby="school-workspaces-what"
            >
                <h2 id="school-workspaces-question">
                    {move || count.get().map(SplitCount::question).unwrap_or_default()}
                </h2>
                <div id="school-workspaces-what">
                    <p>{move || count.get().map(SplitCount::what).unwrap_or_default()}</p>
                    <p>
                        "Each is a new workspace in this browser with only its own pupils. This workspace is not changed."
                    </p>
                </div>
                <div class="button-row">
                    <button type="button" class="button" on:click=confirm>
                        "Make the workspaces"
                    </button>
                    <button type="button" class="button button--secondary" autofocus=true on:click=cancel>
                        "Cancel"
                    </button>
                </div>
            </dialog>
        </section>
    }
}
