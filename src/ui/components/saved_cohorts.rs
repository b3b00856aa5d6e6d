//! The saved cohorts, to look after: each with who is in it (a filter's conditions, or a
//! fixed list) and how many pupils it holds in the drop shown, and buttons to rename it,
//! fix a filter's members as they are now, or delete it after a confirmation. The rules
//! (a name never blank nor another cohort's; what fixing keeps) are `core::cohort`'s.

use crate::core::cohort::{
    delete_cohort, fix_cohort, keys_of, rename_cohort, Cohort, CohortId, CohortProblem, PupilFacts,
};
use crate::core::planner_table::describe_cohort;
use crate::core::pupil::PupilKey;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::html::{Dialog, Input, H2};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// One saved cohort as the list shows it.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    cohort: Cohort,
    /// Who is in it, in plain English.
    who: String,
    /// Its pupils in the drop shown, by key (what fixing it now keeps).
    members_now: BTreeSet<PupilKey>,
}

/// "1 pupil", "23 pupils".
fn pupils(n: usize) -> String {
    if n == 1 {
        "1 pupil".to_string()
    } else {
        format!("{n} pupils")
    }
}

/// The **Saved cohorts** table with rename, fix and delete for each.
#[component]
pub fn SavedCohorts() -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        let cohorts = state.work.cohorts().get();
        let scored = state.scored.get();
        let focus = state.work.focus().get();
        let shown = state.shown();
        state.data_drop.with(|drop| {
            let Some(drop) = drop else {
                return Vec::new();
            };
            let facts = state
                .work
                .provision()
                .with(|book| PupilFacts::for_pupils(&drop.pupils, &focus, book));
            cohorts
                .into_iter()
                .map(|cohort| {
                    let members = cohort.members(&drop.pupils, &scored.scores, &facts);
                    Row {
                        who: describe_cohort(&cohort, shown),
                        members_now: keys_of(&drop.pupils, &members),
                        cohort,
                    }
                })
                .collect::<Vec<_>>()
        })
    });

    let renaming = RwSignal::new(None::<CohortId>);
    let new_name = RwSignal::new(String::new());
    let rename_problem = RwSignal::new(None::<CohortProblem>);
    let message = RwSignal::new(None::<String>);
    let to_delete = RwSignal::new(None::<Cohort>);
    let dialog = NodeRef::<Dialog>::new();
    let name_input = NodeRef::<Input>::new();
    let heading = NodeRef::<H2>::new();

    let start_rename = move |cohort: &Cohort| {
        new_name.set(cohort.name.clone());
        rename_problem.set(None);
        renaming.set(Some(cohort.id));
        request_animation_frame(move || {
            if let Some(input) = name_input.get_untracked() {
                let _ = input.focus();
                input.select();
            }
        });
    };
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = renaming.get_untracked() else {
            return;
        };
        let typed = new_name.get_untracked();
        let mut result = Err(CohortProblem::NotFound);
        state
            .work
            .cohorts()
            .update(|cohorts| result = rename_cohort(cohorts, id, &typed));
        match result {
            Ok(()) => {
                renaming.set(None);
                rename_problem.set(None);
                message.set(Some(format!("Renamed the cohort “{}”.", typed.trim())));
            }
            Err(problem) => {
                rename_problem.set(Some(problem));
                if let Some(input) = name_input.get_untracked() {
                    let _ = input.focus();
                }
            }
        }
    };
    let fix = move |id: CohortId, members: BTreeSet<PupilKey>, name: String| {
        let count = members.len();
        let mut result = Err(CohortProblem::NotFound);
        state
            .work
            .cohorts()
            .update(|cohorts| result = fix_cohort(cohorts, id, members));
        message.set(Some(match result {
            Ok(()) => format!(
                "“{name}” is now a fixed list of {}: the same pupils at every data drop.",
                pupils(count)
            ),
            Err(problem) => problem.to_string(),
        }));
    };
    let ask_delete = move |cohort: Cohort| {
        to_delete.set(Some(cohort));
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let close_dialog = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let confirm_delete = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
        let Some(cohort) = to_delete.get_untracked() else {
            return;
        };
        let mut result = Err(CohortProblem::NotFound);
        state
            .work
            .cohorts()
            .update(|cohorts| result = delete_cohort(cohorts, cohort.id));
        if renaming.get_untracked() == Some(cohort.id) {
            renaming.set(None);
        }
        message.set(Some(match result {
            Ok(gone) => format!("Deleted the cohort “{}”.", gone.name),
            Err(problem) => problem.to_string(),
        }));
        // Its Delete button is gone: focus goes back to the top of the list.
        if let Some(heading) = heading.get_untracked() {
            let _ = heading.focus();
        }
    };

    let table_rows = move || {
        rows.get()
            .into_iter()
            .map(|row| {
                let Row {
                    cohort,
                    who,
                    members_now,
                } = row;
                let id = cohort.id;
                let name = cohort.name.clone();
                let count = members_now.len();
                let is_renaming = move || renaming.get() == Some(id);
                let name_cell = {
                    let name = name.clone();
                    move || {
                        if is_renaming() {
                            let label = format!("New name for “{name}”");
                            view! {
                                <form class="rename-cohort" on:submit=save_name novalidate=true>
                                    <label for="rename-cohort-name">{label}</label>
                                    {move || {
                                        rename_problem
                                            .get()
                                            .map(|problem| {
                                                view! {
                                                    <p class="field-error" id="rename-cohort-error" role="alert">
                                                        <span class="visually-hidden">"Error: "</span>
                                                        {problem.to_string()}
                                                    </p>
                                                }
                                            })
                                    }}
                                    <input
                                        id="rename-cohort-name"
                                        type="text"
                                        node_ref=name_input
                                        aria-describedby=move || rename_problem.get().map(|_| "rename-cohort-error")
                                        aria-invalid=move || rename_problem.get().map(|_| "true")
                                        prop:value=move || new_name.get()
                                        on:input=move |ev| new_name.set(event_target_value(&ev))
                                    />
                                    <div class="button-row">
                                        <button type="submit" class="button button--small">"Save name"</button>
                                        <button
                                            type="button"
                                            class="button button--secondary button--small"
                                            on:click=move |_| {
                                                renaming.set(None);
                                                rename_problem.set(None);
                                            }
                                        >
                                            "Cancel"
                                        </button>
                                    </div>
                                </form>
                            }
                                .into_any()
                        } else {
                            view! { <span>{name.clone()}</span> }.into_any()
                        }
                    }
                };
                let kind = if cohort.is_fixed() { "Fixed list" } else { "Filter" };
                let fix_button = (!cohort.is_fixed()).then(|| {
                    let text = if count == 1 {
                        "Fix this 1 pupil".to_string()
                    } else {
                        format!("Fix these {count} pupils")
                    };
                    let label = format!("{text} in “{name}”");
                    let name = name.clone();
                    let members = members_now.clone();
                    view! {
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            aria-label=label
                            on:click=move |_| fix(id, members.clone(), name.clone())
                        >
                            {text}
                        </button>
                    }
                });
                let rename_cohort = cohort.clone();
                let delete_this = cohort.clone();
                view! {
                    <tr>
                        <th scope="row">{name_cell}</th>
                        <td>{kind}</td>
                        <td>{who}</td>
                        <td class="num">{count}</td>
                        <td>
                            <div class="button-row button-row--tight">
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    aria-label=format!("Rename “{name}”")
                                    on:click=move |_| start_rename(&rename_cohort)
                                >
                                    "Rename"
                                </button>
                                {fix_button}
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    aria-label=format!("Delete “{name}”")
                                    on:click=move |_| ask_delete(delete_this.clone())
                                >
                                    "Delete"
                                </button>
                            </div>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="saved-cohorts" aria-labelledby="saved-cohorts-heading">
            <h2 id="saved-cohorts-heading" tabindex="-1" node_ref=heading>
                "Saved cohorts"
            </h2>
            <p class="hint">
                "A filter finds its pupils afresh at each data drop; a fixed list keeps the same pupils. Save a cohort on the All pupils page; to change a cohort's conditions, choose it under Saved cohort there and press Edit this cohort’s conditions."
            </p>
            {move || message.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {move || {
                if rows.with(Vec::is_empty) {
                    view! { <p>"No cohorts are saved yet."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Saved cohorts, scrollable">
                            <table class="data-table">
                                <caption>"Saved cohorts"</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Cohort"</th>
                                        <th scope="col">"Kind"</th>
                                        <th scope="col">"Who is in it"</th>
                                        <th scope="col" class="num">"Pupils now"</th>
                                        <th scope="col">"Actions"</th>
                                    </tr>
                                </thead>
                                <tbody>{table_rows}</tbody>
                            </table>
                        </div>
                    }
                        .into_any()
                }
            }}
            <dialog
                node_ref=dialog
                class="confirm-dialog"
                role="alertdialog"
                aria-labelledby="delete-cohort-title"
                aria-describedby="delete-cohort-text"
            >
                <h2 id="delete-cohort-title">
                    {move || {
                        format!(
                            "Delete the cohort “{}”?",
                            to_delete.get().map(|cohort| cohort.name).unwrap_or_default(),
                        )
                    }}
                </h2>
                <p id="delete-cohort-text">
                    "This deletes the saved cohort only: no pupil, note, flag or provision changes. It cannot be undone."
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
