//! The provision recorded: a row per provision with its pupils, staff, dates, status and
//! cost, and its actions.

use crate::core::provision::costs::cost_line;
use crate::core::provision::ProvisionId;
use crate::core::value::{format_uk_date, Money};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;
use std::sync::Arc;

use super::edit::EditProvision;
use super::measures::MeasuresPanel;
use super::{name_for, PupilNames};
use crate::core::provision::edit::next_term;

/// Every provision recorded, with its cost and its actions.
#[component]
pub(crate) fn ProvisionList(names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    // The provision whose Remove was pressed: it is removed only once confirmed.
    let confirming = RwSignal::new(None::<ProvisionId>);
    // The provision being edited, and the one whose measures are open (one at a time).
    let editing = RwSignal::new(None::<ProvisionId>);
    let measuring = RwSignal::new(None::<ProvisionId>);
    let copied = RwSignal::new(String::new());
    let open_panel =
        move |panel: RwSignal<Option<ProvisionId>>, id: ProvisionId, heading: &'static str| {
            editing.set(None);
            measuring.set(None);
            panel.set(Some(id));
            // Move focus to the panel's heading once it is drawn, for keyboard users.
            request_animation_frame(move || crate::web::location::focus_element(heading));
        };
    let copy = move |id: ProvisionId| {
        let mut words = String::new();
        state.work.provision().update(|book| {
            let Some(provision) = book.provision(id) else {
                return;
            };
            let Some(item) = book.bank.get(provision.intervention) else {
                return;
            };
            let (term, first, last) = next_term(provision.end);
            let copy = provision.copy_for(item, first, last);
            words = format!(
                "Copied {} for {term} ({} to {}), planned, with {} pupils. Edit it to set your term dates.",
                item.name,
                format_uk_date(first),
                format_uk_date(last),
                copy.pupils.len()
            );
            book.add_provision(copy);
        });
        copied.set(words);
    };
    let rows = move || {
        let names = names.get();
        state.work.provision().with(|book| {
            book.provisions
                .iter()
                .map(|provision| {
                    let id: ProvisionId = provision.id;
                    let item = book.bank.get(provision.intervention);
                    let name = item.map_or_else(|| "Unknown intervention".into(), |i| i.name.clone());
                    let roles = |staff: &[crate::core::provision::StaffRoleId]| -> String {
                        if staff.is_empty() {
                            "Nobody".to_string()
                        } else {
                            staff.iter().map(|r| book.staff.name(*r)).collect::<Vec<_>>().join(", ")
                        }
                    };
                    // "TA, then HLTA from 03/11/2025": the staff and each change.
                    let staff = std::iter::once(roles(
                        &item.map(|i| provision.delivery(i).staff).unwrap_or_default(),
                    ))
                    .chain(provision.staff_changes.iter().map(|change| {
                        format!("then {} from {}", roles(&change.staff), format_uk_date(change.from))
                    }))
                    .collect::<Vec<_>>()
                    .join(", ");
                    let shown: Vec<String> = provision
                        .pupils
                        .iter()
                        .take(3)
                        .map(|k| name_for(&names, k))
                        .collect();
                    let more = provision.pupils.len().saturating_sub(3);
                    let pupils = if more > 0 {
                        format!("{} and {more} more", shown.join(", "))
                    } else {
                        shown.join(", ")
                    };
                    let line = cost_line(book, provision, None);
                    let cost: Money = line.cost;
                    let groups = line.groups;
                    let remove_name = name.clone();
                    let action_name = name.clone();
                    let pupil_count = provision.pupils.len();
                    let left = provision
                        .pupils
                        .iter()
                        .filter(|p| provision.has_left_by(p, provision.end))
                        .count();
                    let pupils = if left > 0 {
                        format!("{pupils} ({left} left)")
                    } else if provision.pupils.is_empty() {
                        provision
                            .places
                            .map_or_else(|| "No pupils named yet".to_string(), |n| format!("{n} places, pupils to be named"))
                    } else {
                        pupils
                    };
                    view! {
                        <tr>
                            <td>{name.clone()}</td>
                            <td>{provision.marker.label()}</td>
                            <td>{format!("{} ({})", pupils, provision.pupils.len())}</td>
                            <td class="tabular">{groups}</td>
                            <td>{staff}</td>
                            <td>
                                {format!(
                                    "{} to {}",
                                    format_uk_date(provision.start),
                                    format_uk_date(provision.end),
                                )}
                            </td>
                            <td>{provision.priority.label()}</td>
                            <td>
                                {provision.status.label()}
                                {(!provision.stopped_reason.is_empty())
                                    .then(|| format!(": {}", provision.stopped_reason))}
                            </td>
                            <td class="tabular">{cost.to_string()}</td>
                            <td class="actions">
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    aria-expanded=move || (editing.get() == Some(id)).to_string()
                                    on:click=move |_| open_panel(editing, id, "edit-provision-heading")
                                >
                                    "Edit"
                                    <span class="visually-hidden">{format!(" {action_name}")}</span>
                                </button>
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    aria-expanded=move || (measuring.get() == Some(id)).to_string()
                                    on:click=move |_| open_panel(measuring, id, "measures-heading")
                                >
                                    "Measures"
                                    <span class="visually-hidden">{format!(" for {}", name.clone())}</span>
                                </button>
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    on:click=move |_| copy(id)
                                >
                                    "Copy for next term"
                                    <span class="visually-hidden">{format!(" {}", remove_name.clone())}</span>
                                </button>
                                {move || {
                                    let remove_name = remove_name.clone();
                                    if confirming.get() == Some(id) {
                                        let question = format!(
                                            "Remove {remove_name} for {}? This takes it off every pupil in it.",
                                            if pupil_count == 1 { "1 pupil".to_string() } else { format!("{pupil_count} pupils") },
                                        );
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
                                                        state
                                                            .work
                                                            .provision()
                                                            .update(|book| {
                                                                book.remove_provision(id);
                                                            });
                                                    }
                                                >
                                                    "Yes, remove it"
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
                                                class="button button--secondary"
                                                on:click=move |_| confirming.set(Some(id))
                                            >
                                                "Remove"
                                                <span class="visually-hidden">{format!(" {remove_name}")}</span>
                                            </button>
                                        }
                                            .into_any()
                                    }
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h2 id="provision-list-heading">"Provision recorded"</h2>
        {move || {
            if state.work.provision().with(|b| b.provisions.is_empty()) {
                view! { <p>"No provision recorded yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="report-table" aria-labelledby="provision-list-heading">
                            <thead>
                                <tr>
                                    <th scope="col">"Intervention"</th>
                                    <th scope="col">"Marker"</th>
                                    <th scope="col">"Pupils"</th>
                                    <th scope="col">"Groups"</th>
                                    <th scope="col">"Staff"</th>
                                    <th scope="col">"Dates"</th>
                                    <th scope="col">"Priority"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col" class="tabular">"Annual cost"</th>
                                    <th scope="col">"Action"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }
        }}
        <p role="status" class="notice-line">{move || copied.get()}</p>
        {move || editing.get().map(|id| {
            view! { <EditProvision id=id names=names close=Callback::new(move |_| editing.set(None)) /> }
        })}
        {move || measuring.get().map(|id| {
            view! { <MeasuresPanel id=id names=names close=Callback::new(move |_| measuring.set(None)) /> }
        })}
    }
}
