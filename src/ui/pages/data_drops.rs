//! Data drops: every termly import the workspace keeps, newest first, with who joined and
//! left against the drop before; choose which drop the planner shows, relabel a drop's
//! term, or delete one (the school's own records stay with each pupil).

use crate::core::import::text::group_thousands;
use crate::core::tracking::drops_table::{drop_rows, DropRow};
use crate::core::tracking::timeline::Period;
use crate::ui::components::empty_state::EmptyState;
use crate::ui::components::period_fields::PeriodFields;
use crate::ui::state::{shown_index, use_app_state, AppState, HeldDrop, WorkspaceStoreFields};
use leptos::prelude::*;

/// What a row is asking about: nothing, its relabel form, or its deletion.
#[derive(Debug, Clone, PartialEq)]
enum Asking {
    Nothing,
    Relabel(String),
    Delete(String),
}

/// The Data drops page.
#[component]
pub fn DataDropsPage() -> impl IntoView {
    let state = use_app_state();
    let asking = RwSignal::new(Asking::Nothing);
    let said = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let tracking = state.tracking.get();
        let drops: Vec<&crate::core::drop::DataDrop> = tracking
            .drops
            .iter()
            .map(|held| held.drop.as_ref())
            .collect();
        let rows = drop_rows(&tracking.timeline, &drops);
        // Rows are newest first; drops oldest first.
        let count = tracking.drops.len();
        rows.into_iter()
            .enumerate()
            .map(|(i, row)| (tracking.drops[count - 1 - i].id.clone(), row))
            .collect::<Vec<_>>()
    });
    let shown_id = Memo::new(move |_| {
        let chosen = state.work.shown_drop().get();
        state
            .work
            .drops()
            .with(|drops| shown_index(drops, chosen.as_deref()).map(|at| drops[at].id.clone()))
    });
    view! {
        <h1>"Data drops"</h1>
        <p class="lede">
            "Every pupil spreadsheet you import is kept as a data drop for its term, so you can follow pupils and groups through the year. Pupils are matched by UPN, or by name and date of birth where a UPN is missing."
        </p>
        <p class="status" role="status">{move || said.get()}</p>
        {move || {
            if rows.with(Vec::is_empty) {
                return view! {
                    <EmptyState
                        message="No data drops yet. Import this term's pupil spreadsheet to begin."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
                    .into_any();
            }
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Data drops">
                    <table class="data-table">
                        <caption>"Data drops"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Term"</th>
                                <th scope="col">"Academic year"</th>
                                <th scope="col">"Imported"</th>
                                <th scope="col">"File"</th>
                                <th scope="col" class="numeric">"Pupils"</th>
                                <th scope="col" class="numeric">"Joined"</th>
                                <th scope="col" class="numeric">"Left"</th>
                                <th scope="col" class="numeric">"Matched without a UPN"</th>
                                <th scope="col">"Shown"</th>
                                <th scope="col">"Actions"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .get()
                                .into_iter()
                                .map(|(id, row)| {
                                    view! { <DropTableRow id=id row=row shown_id=shown_id asking=asking said=said /> }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <JoinersAndLeavers />
            }
                .into_any()
        }}
    }
}

/// One drop's row, with its relabel form or delete question beneath when asked.
#[component]
fn DropTableRow(
    id: String,
    row: DropRow,
    shown_id: Memo<Option<String>>,
    asking: RwSignal<Asking>,
    said: RwSignal<String>,
) -> impl IntoView {
    let state = use_app_state();
    let label = row.period.to_string();
    let is_shown = {
        let id = id.clone();
        move || shown_id.get().as_deref() == Some(id.as_str())
    };
    let show = {
        let id = id.clone();
        let label = label.clone();
        move |_| {
            let latest = state
                .work
                .drops()
                .with_untracked(|drops| drops.last().map(|held| held.id.clone()));
            // The latest is the default: choosing it follows later imports too.
            let chosen = (latest.as_deref() != Some(id.as_str())).then(|| id.clone());
            state.work.shown_drop().set(chosen);
            said.set(format!("The planner now shows {label}."));
        }
    };
    let count = |value: Option<usize>| value.map_or("–".to_string(), group_thousands);
    let relabel_id = id.clone();
    let delete_id = id.clone();
    let asking_here = {
        let id = id.clone();
        move || {
            match asking.get() {
            Asking::Relabel(at) if at == id => {
                view! { <RelabelForm id=id.clone() period=row.period asking=asking said=said /> }
                    .into_any()
            }
            Asking::Delete(at) if at == id => {
                view! { <DeleteQuestion id=id.clone() period=row.period pupils=row.pupils asking=asking said=said /> }
                    .into_any()
            }
            _ => ().into_any(),
        }
        }
    };
    view! {
        <tr>
            <th scope="row">{row.period.term.label()}</th>
            <td>{row.period.academic_year.to_string()}</td>
            <td>{row.imported_on.format("%d/%m/%Y").to_string()}</td>
            <td>{row.file_name.clone()}</td>
            <td class="numeric">{group_thousands(row.pupils)}</td>
            <td class="numeric">{count(row.joined)}</td>
            <td class="numeric">{count(row.left)}</td>
            <td class="numeric">{group_thousands(row.matched_without_upn)}</td>
            <td>
                {
                    let is_shown = is_shown.clone();
                    move || if is_shown() { "Shown now" } else { "" }
                }
            </td>
            <td class="actions">
                <button
                    type="button"
                    class="button button--secondary button--small"
                    disabled=is_shown.clone()
                    aria-label=format!("Show {label}")
                    on:click=show
                >
                    "Show"
                </button>
                <button
                    type="button"
                    class="button button--secondary button--small"
                    aria-label=format!("Relabel {label}")
                    on:click=move |_| asking.set(Asking::Relabel(relabel_id.clone()))
                >
                    "Relabel"
                </button>
                <button
                    type="button"
                    class="button button--danger button--small"
                    aria-label=format!("Delete {label}")
                    on:click=move |_| asking.set(Asking::Delete(delete_id.clone()))
                >
                    "Delete"
                </button>
            </td>
        </tr>
        <tr class="row-question" hidden=move || !matches!(asking.get(), Asking::Relabel(ref at) | Asking::Delete(ref at) if *at == id)>
            <td colspan="10">{asking_here}</td>
        </tr>
    }
}

/// Files a drop under another term and academic year (its record is not rewritten).
#[component]
fn RelabelForm(
    id: String,
    period: Period,
    asking: RwSignal<Asking>,
    said: RwSignal<String>,
) -> impl IntoView {
    let state = use_app_state();
    let chosen = RwSignal::new(period);
    let problem = RwSignal::new(None::<String>);
    let save = move |_| {
        let next = chosen.get_untracked();
        let taken = state.work.drops().with_untracked(|drops| {
            drops
                .iter()
                .any(|held| held.id != id && held.period() == next)
        });
        if taken {
            problem.set(Some(format!(
                "{next} already has a data drop. Delete that drop first, or choose another term."
            )));
            return;
        }
        relabel(state, &id, next);
        asking.set(Asking::Nothing);
        said.set(format!("{period} is now filed as {next}."));
    };
    view! {
        <div class="inline-form" role="group" aria-label=format!("Relabel {period}")>
            <PeriodFields period=chosen id="relabel" />
            <p class="field-error" role="alert">{move || problem.get()}</p>
            <div class="button-row">
                <button type="button" class="button" on:click=save>"Save label"</button>
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| asking.set(Asking::Nothing)
                >
                    "Cancel"
                </button>
            </div>
        </div>
    }
}

/// Files drop `id` under `period`, keeping term order.
fn relabel(state: AppState, id: &str, period: Period) {
    state.work.drops().update(|drops| {
        if let Some(held) = drops.iter_mut().find(|held| held.id == id) {
            *held = held.filed_under(period);
        }
        drops.sort_by_key(HeldDrop::period);
    });
}

/// Asks before a drop is deleted, saying what goes and what stays.
#[component]
fn DeleteQuestion(
    id: String,
    period: Period,
    pupils: usize,
    asking: RwSignal<Asking>,
    said: RwSignal<String>,
) -> impl IntoView {
    let state = use_app_state();
    let delete = move |_| {
        state
            .work
            .drops()
            .update(|drops| drops.retain(|held| held.id != id));
        if state.work.shown_drop().get_untracked().as_deref() == Some(id.as_str()) {
            state.work.shown_drop().set(None);
        }
        asking.set(Asking::Nothing);
        said.set(format!(
            "The {period} data drop was deleted. Notes, focus flags and provision are kept."
        ));
    };
    view! {
        <div class="inline-form warning-panel" role="group" aria-label=format!("Delete {period}?")>
            <p>
                {format!(
                    "Delete the {period} data drop? Its {} pupils' figures for that term are removed from this computer. Notes, focus flags, provision and targets stay with each pupil.",
                    group_thousands(pupils),
                )}
            </p>
            <div class="button-row">
                <button type="button" class="button button--danger" on:click=delete>
                    "Delete this drop"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| asking.set(Asking::Nothing)
                >
                    "Keep it"
                </button>
            </div>
        </div>
    }
}

/// Who joined and who left at each drop, by name, against the drop before it.
#[component]
fn JoinersAndLeavers() -> impl IntoView {
    let state = use_app_state();
    move || {
        let tracking = state.tracking.get();
        let shown = state.shown();
        let drops = tracking.drops.clone();
        (1..drops.len())
            .rev()
            .map(|at| {
                let change = &tracking.timeline.changes[at - 1];
                let later = &drops[at].drop.pupils;
                let earlier = &drops[at - 1].drop.pupils;
                let joined: Vec<String> = change
                    .joined
                    .iter()
                    .map(|&place| shown.name(&later[place]))
                    .collect();
                let left: Vec<String> = change
                    .left
                    .iter()
                    .map(|&place| shown.name(&earlier[place]))
                    .collect();
                let ambiguous: Vec<String> = change
                    .ambiguous
                    .iter()
                    .flat_map(|doubt| doubt.later.iter().map(|&place| shown.name(&later[place])))
                    .collect();
                let period = drops[at].period();
                view! {
                    <details class="joiners">
                        <summary>
                            {format!(
                                "{period}: {} joined, {} left",
                                group_thousands(joined.len()),
                                group_thousands(left.len()),
                            )}
                        </summary>
                        <h3>"Joined"</h3>
                        <p>{if joined.is_empty() { "Nobody.".to_string() } else { joined.join(", ") }}</p>
                        <h3>"Left"</h3>
                        <p>{if left.is_empty() { "Nobody.".to_string() } else { left.join(", ") }}</p>
                        {(!ambiguous.is_empty())
                            .then(|| {
                                view! {
                                    <h3>"Could not be told apart (check these pupils' UPNs)"</h3>
                                    <p>{ambiguous.join(", ")}</p>
                                }
                            })}
                    </details>
                }
            })
            .collect_view()
    }
}
