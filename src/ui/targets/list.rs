//! The table **Targets**: a row per target in words (`targets::view`), a year group's
//! parts indented under the target they were broken down from, each row with its
//! actions — its figures at each drop (a button with `aria-expanded`), **Edit**, **Break
//! down by year group** and **Delete** after a confirmation.

use crate::core::targets::view::{target_rows, TargetFilter, TargetRow};
use crate::core::targets::TargetId;
use crate::ui::state::{use_app_state, AppState, WorkspaceStoreFields};
use leptos::prelude::*;
use std::collections::BTreeSet;

use super::form::FormFor;
use super::series::SeriesPanel;
use super::{with_measuring, PupilNames};

/// How many columns a row has, for the row of figures opened under it.
const COLUMNS: usize = 11;

/// Breaks a target down by year group and says what happened. The parts are worked out
/// on a copy of the book, which then replaces it: the store cannot be written while the
/// cohorts the figures need are being read from it.
fn break_down(state: &AppState, id: TargetId, description: &str) -> String {
    let mut book = state.work.targets().get_untracked();
    let result = untrack(|| with_measuring(state, |measuring| book.break_down(id, measuring)));
    if result.as_ref().is_ok_and(|ids| !ids.is_empty()) {
        state.work.targets().set(book);
    }
    match result {
        Ok(ids) if ids.is_empty() => format!(
            "Every year group in the latest data drop already has its own part of “{description}”."
        ),
        Ok(ids) => {
            let count = ids.len();
            format!(
                "“{description}” is broken down into {count} year group target{}, listed under it.",
                if count == 1 { "" } else { "s" }
            )
        }
        Err(problem) => problem.to_string(),
    }
}

/// Deletes a target and says what happened (its year groups' parts stay).
fn delete(state: &AppState, id: TargetId) -> String {
    let mut result = None;
    state
        .work
        .targets()
        .update(|book| result = Some(book.delete(id)));
    match result {
        Some(Ok((target, detached))) if detached.is_empty() => {
            format!("Deleted “{}”.", target.description)
        }
        Some(Ok((target, detached))) => format!(
            "Deleted “{}”. Its {} year group target{} stay as targets of their own.",
            target.description,
            detached.len(),
            if detached.len() == 1 { "" } else { "s" }
        ),
        Some(Err(problem)) => problem.to_string(),
        None => String::new(),
    }
}

/// The table of targets, filtered.
#[component]
pub(super) fn TargetList(
    /// The level and status shown.
    filter: RwSignal<TargetFilter>,
    /// The form open (a row's Edit opens it for its target).
    form: RwSignal<Option<FormFor>>,
    /// The page's status line.
    said: RwSignal<String>,
) -> impl IntoView {
    let state = use_app_state();
    let today = crate::web::clock::today();
    let rows = Memo::new(move |_| {
        let names = PupilNames::of(&state);
        let name = |key: &str| names.name(key);
        state.work.targets().with(|book| {
            with_measuring(&state, |measuring| {
                target_rows(book, Some(measuring), today, &name)
            })
        })
    });
    // The targets whose figures at each drop are open.
    let open = RwSignal::new(BTreeSet::<TargetId>::new());
    // The target whose Delete was pressed: deleted only once confirmed.
    let confirming = RwSignal::new(None::<TargetId>);

    let row_view = move |row: TargetRow| {
        let id = row.id;
        let description = row.description.clone();
        let is_open = move || open.with(|o| o.contains(&id));
        let figures_button = (!row.series.is_empty()).then(|| {
            let description = description.clone();
            view! {
                <button
                    type="button"
                    class="button button--secondary button--small"
                    aria-expanded=move || is_open().to_string()
                    on:click=move |_| open.update(|o| {
                        if !o.remove(&id) {
                            o.insert(id);
                        }
                    })
                >
                    "Figures at each drop"
                    <span class="visually-hidden">{format!(" for {description}")}</span>
                </button>
            }
        });
        let break_down_button = row.can_break_down.then(|| {
            let description = description.clone();
            let name = description.clone();
            view! {
                <button
                    type="button"
                    class="button button--secondary button--small"
                    on:click=move |_| said.set(break_down(&state, id, &description))
                >
                    "Break down by year group"
                    <span class="visually-hidden">{format!(" {name}")}</span>
                </button>
            }
        });
        let delete_control = {
            let description = description.clone();
            move || {
                let description = description.clone();
                if confirming.get() == Some(id) {
                    let question = format!("Delete the target “{description}”?");
                    let label = question.clone();
                    let yes = NodeRef::<leptos::html::Button>::new();
                    Effect::new(move |_| {
                        if let Some(button) = yes.get() {
                            let _ = button.focus();
                        }
                    });
                    view! {
                        <div class="confirm-inline" role="group" aria-label=label>
                            <p>{question}</p>
                            <button
                                type="button"
                                class="button button--danger button--small"
                                node_ref=yes
                                on:click=move |_| {
                                    confirming.set(None);
                                    open.update(|o| {
                                        o.remove(&id);
                                    });
                                    if form.get_untracked() == Some(FormFor::Edit(id)) {
                                        form.set(None);
                                    }
                                    said.set(delete(&state, id));
                                    request_animation_frame(|| {
                                        crate::web::location::focus_element("targets-table")
                                    });
                                }
                            >
                                "Yes, delete it"
                            </button>
                            " "
                            <button
                                type="button"
                                class="button button--secondary button--small"
                                on:click=move |_| confirming.set(None)
                            >
                                "Keep it"
                            </button>
                        </div>
                    }
                    .into_any()
                } else {
                    view! {
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| confirming.set(Some(id))
                        >
                            "Delete"
                            <span class="visually-hidden">{format!(" {description}")}</span>
                        </button>
                    }
                    .into_any()
                }
            }
        };
        let edit_name = description.clone();
        let part = row.part_of.is_some();
        let series_row = {
            let row = row.clone();
            move || {
                is_open().then(|| {
                    let target = state
                        .work
                        .targets()
                        .with_untracked(|book| book.target(id).cloned());
                    target.map(|target| {
                        view! {
                            <tr class="target-series-row">
                                <td colspan=COLUMNS>
                                    <SeriesPanel row=row.clone() target=target />
                                </td>
                            </tr>
                        }
                    })
                })
            }
        };
        let status_class = format!(
            "status-tag status-tag--{}",
            row.status.label().to_lowercase().replace(' ', "-")
        );
        view! {
            <tr class=if part { "target-part" } else { "" }>
                <td>{row.who}</td>
                <th scope="row" class="target-description">
                    {part.then(|| view! { <span class="visually-hidden">"Year group part of the target above: "</span> })}
                    {row.description}
                </th>
                <td>{row.measure.unwrap_or_else(|| "None".to_string())}</td>
                <td class="numeric">{row.baseline}</td>
                <td class="numeric">{row.latest}</td>
                <td class="numeric">{row.target}</td>
                <td class="tabular">{row.by}</td>
                <td>{row.owner}</td>
                <td class="tabular">{row.review}</td>
                <td><span class=status_class>{row.status_text}</span></td>
                <td class="actions">
                    {figures_button}
                    <button
                        type="button"
                        id=format!("edit-target-{}", id.0)
                        class="button button--secondary button--small"
                        aria-expanded=move || (form.get() == Some(FormFor::Edit(id))).to_string()
                        on:click=move |_| {
                            form.set(Some(FormFor::Edit(id)));
                            request_animation_frame(|| {
                                crate::web::location::focus_element("target-form-heading")
                            });
                        }
                    >
                        "Edit"
                        <span class="visually-hidden">{format!(" {edit_name}")}</span>
                    </button>
                    {break_down_button}
                    {delete_control}
                </td>
            </tr>
            {series_row}
        }
    };

    view! {
        <h2 id="targets-list-heading">"Targets set"</h2>
        {move || {
            let all = rows.get();
            if all.is_empty() {
                return view! {
                    <p>"No targets yet. Choose Add a target to set the first."</p>
                }
                .into_any();
            }
            let chosen = filter.get();
            let shown: Vec<TargetRow> = all.into_iter().filter(|r| chosen.shows(r)).collect();
            if shown.is_empty() {
                return view! {
                    <p>"No target has the level and status chosen. Choose All levels and All statuses to see every target."</p>
                }
                .into_any();
            }
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="targets-list-heading">
                    <table class="data-table targets-table" id="targets-table" tabindex="-1">
                        <caption>"Targets"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Who"</th>
                                <th scope="col">"Description"</th>
                                <th scope="col">"Measure"</th>
                                <th scope="col" class="numeric">"Baseline"</th>
                                <th scope="col" class="numeric">"Latest figure"</th>
                                <th scope="col" class="numeric">"Target value"</th>
                                <th scope="col">"By"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Review date"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>{shown.into_iter().map(row_view).collect_view()}</tbody>
                    </table>
                </div>
            }
            .into_any()
        }}
    }
}
