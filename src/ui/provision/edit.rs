//! **Edit provision**: every field of a provision after it is added (the rules are
//! `core::provision::edit`'s), and the group's pupils joining and leaving on dates
//! (`Provision::join` / `leave`), kept as the group's history.

use crate::core::provision::edit::{joining_day, EditField, ProvisionEdit};
use crate::core::provision::{
    Marker, Priority, Provision, ProvisionId, ProvisionStatus, StaffRoleId,
};
use crate::core::value::format_uk_date;
use crate::ui::components::{EnumSelect, ErrorSummary, FieldError};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;
use std::sync::Arc;

use super::form::{find_pupils, iso, suggestions};
use super::{name_for, PupilNames};

/// The id of each field's input, for the error summary's links.
fn field_id(field: EditField) -> &'static str {
    match field {
        EditField::Staff => "edit-staff-0",
        EditField::StaffFrom => "edit-staff-from",
        EditField::GroupSize => "edit-group-size",
        EditField::SessionsPerWeek => "edit-sessions",
        EditField::MinutesPerSession => "edit-minutes",
        EditField::Weeks => "edit-weeks",
        EditField::ResourceCost => "edit-resource-cost",
        EditField::Start => "edit-start",
        EditField::End => "edit-end",
        EditField::Places => "edit-places",
        EditField::StoppedReason => "edit-stopped-reason",
    }
}

/// The edit form for one provision, with its pupils. `close` is called on Cancel and
/// after a save.
#[component]
pub(super) fn EditProvision(
    id: ProvisionId,
    names: Memo<Arc<PupilNames>>,
    close: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let start_form = state.work.provision().with_untracked(|book| {
        let provision = book.provision(id)?;
        let item = book.bank.get(provision.intervention)?;
        Some((ProvisionEdit::of(provision, item), item.name.clone()))
    });
    let Some((start_form, title)) = start_form else {
        return view! { <p class="notice">"That provision is no longer recorded."</p> }.into_any();
    };
    let form = RwSignal::new(start_form);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(String::new());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = form.get_untracked();
        let result = state.work.provision().with_untracked(|book| {
            book.provision(id)
                .map(|provision| typed.apply(book, provision))
        });
        match result {
            None => message.set("That provision is no longer recorded.".into()),
            Some(Err(problems)) => errors.set(
                problems
                    .into_iter()
                    .map(|p| FieldError {
                        field: field_id(p.field),
                        message: p.message,
                    })
                    .collect(),
            ),
            Some(Ok(edited)) => {
                errors.set(Vec::new());
                state.work.provision().update(|book| {
                    if let Some(provision) = book.provision_mut(id) {
                        *provision = edited;
                    }
                });
                close.run(());
            }
        }
    };

    // A text box bound to one field of the form.
    let text = move |field: EditField,
                     label: &'static str,
                     hint: &'static str,
                     get: fn(&ProvisionEdit) -> &String,
                     set: fn(&mut ProvisionEdit, String)| {
        let id = field_id(field);
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
                <input
                    id=id
                    type="text"
                    class="text-input text-input--short"
                    aria-describedby=(!hint.is_empty()).then_some(hint_id)
                    prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                />
            </div>
        }
    };

    let status = RwSignal::new(form.get_untracked().status);
    let priority = RwSignal::new(form.get_untracked().priority);
    let marker = RwSignal::new(form.get_untracked().marker);
    Effect::new(move |_| {
        let (s, p, m) = (status.get(), priority.get(), marker.get());
        form.update(|f| {
            f.status = s;
            f.priority = p;
            f.marker = m;
        });
    });

    let staff_rows = move || {
        let roles: Vec<(StaffRoleId, String)> = state.work.provision().with(|book| {
            book.staff
                .roles
                .iter()
                .map(|r| (r.id, format!("{} ({} an hour)", r.name, r.hourly_cost())))
                .collect()
        });
        form.with(|f| f.staff.clone())
            .into_iter()
            .enumerate()
            .map(|(at, chosen)| {
                let select_id = format!("edit-staff-{at}");
                let label = format!("Member of staff {}", at + 1);
                let options = roles
                    .iter()
                    .map(|(role, text)| {
                        let role = *role;
                        view! { <option value=role.0.to_string() selected=role == chosen>{text.clone()}</option> }
                    })
                    .collect_view();
                view! {
                    <div class="field field--inline">
                        <label for=select_id.clone()>{label.clone()}</label>
                        <select
                            id=select_id
                            on:change=move |ev| {
                                if let Ok(role) = event_target_value(&ev).parse::<u32>() {
                                    form.update(|f| f.staff[at] = StaffRoleId(role));
                                }
                            }
                        >
                            {options}
                        </select>
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| form.update(|f| {
                                f.staff.remove(at);
                            })
                        >
                            "Remove"
                            <span class="visually-hidden">{format!(" {label}")}</span>
                        </button>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <section class="edit-provision" aria-labelledby="edit-provision-heading">
            <h3 id="edit-provision-heading" tabindex="-1">{format!("Edit provision: {title}")}</h3>
            <form class="provision-form" aria-labelledby="edit-provision-heading" on:submit=save>
                <ErrorSummary errors=errors level=4 />
                <fieldset class="fieldset">
                    <legend>"Staff delivering each session"</legend>
                    <p class="hint">
                        "One line per member of staff. A change from a later day keeps the staff before it for the cost up to then."
                    </p>
                    {staff_rows}
                    {move || form.with(|f| f.staff.is_empty()).then(|| view! { <p>"Nobody: the sessions are not costed."</p> })}
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| form.update(|f| {
                            let next = f.staff.last().copied().unwrap_or(StaffRoleId::TA);
                            f.staff.push(next);
                        })
                    >
                        "Add a member of staff"
                    </button>
                    {text(
                        EditField::StaffFrom,
                        "These staff deliver from",
                        "A date after the start records a change of staff from that day. Leave blank for the whole provision.",
                        |f| &f.staff_from,
                        |f, v| f.staff_from = v,
                    )}
                </fieldset>
                <fieldset class="fieldset">
                    <legend>"Delivery"</legend>
                    {text(EditField::GroupSize, "Pupils in a group", "", |f| &f.group_size, |f, v| f.group_size = v)}
                    {text(EditField::SessionsPerWeek, "Sessions a week", "", |f| &f.sessions_per_week, |f, v| f.sessions_per_week = v)}
                    {text(EditField::MinutesPerSession, "Minutes a session", "", |f| &f.minutes_per_session, |f, v| f.minutes_per_session = v)}
                    {text(EditField::Weeks, "Weeks it runs", "Blank for the whole school year.", |f| &f.weeks, |f, v| f.weeks = v)}
                    {text(EditField::ResourceCost, "Resources for the year (£)", "For one group: books, licences, materials.", |f| &f.resource_cost, |f, v| f.resource_cost = v)}
                    {text(EditField::Places, "Places planned", "While no pupil is named yet (places for pupils to be identified by screening).", |f| &f.places, |f, v| f.places = v)}
                </fieldset>
                <fieldset class="fieldset">
                    <legend>"Dates and status"</legend>
                    {text(EditField::Start, "Start date", "dd/mm/yyyy", |f| &f.start, |f, v| f.start = v)}
                    {text(EditField::End, "End date", "dd/mm/yyyy. For provision stopped early, the day it stopped.", |f| &f.end, |f, v| f.end = v)}
                    <EnumSelect id="edit-status" label="Status" options=&ProvisionStatus::ALL text=ProvisionStatus::label value=status />
                    {move || (status.get() == ProvisionStatus::Stopped).then(|| text(
                        EditField::StoppedReason,
                        "Why it stopped early",
                        "",
                        |f| &f.stopped_reason,
                        |f, v| f.stopped_reason = v,
                    ))}
                    <EnumSelect id="edit-priority" label="Priority" options=&Priority::ALL text=Priority::label value=priority />
                    <EnumSelect id="edit-marker" label="Marker it addresses" options=&Marker::ALL text=Marker::label value=marker />
                </fieldset>
                <div class="field">
                    <label for="edit-outcome">"Expected outcome"</label>
                    <textarea
                        id="edit-outcome"
                        class="text-area"
                        rows="2"
                        prop:value=move || form.with(|f| f.expected_outcome.clone())
                        on:input=move |ev| form.update(|f| f.expected_outcome = event_target_value(&ev))
                    ></textarea>
                </div>
                <div class="field">
                    <label for="edit-notes">"Notes"</label>
                    <textarea
                        id="edit-notes"
                        class="text-area"
                        rows="2"
                        prop:value=move || form.with(|f| f.notes.clone())
                        on:input=move |ev| form.update(|f| f.notes = event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="submit" class="button">"Save changes"</button>
                " "
                <button type="button" class="button button--secondary" on:click=move |_| close.run(())>
                    "Cancel"
                </button>
                <p role="status" class="notice-line">{move || message.get()}</p>
            </form>
            <GroupMembers id=id names=names />
        </section>
    }
    .into_any()
}

/// "In the group from 05/01/2026", "Left after 19/12/2025", "The whole provision".
fn membership_words(provision: &Provision, pupil: &str) -> String {
    let Some((first, last)) = provision.member_span(pupil) else {
        return String::new();
    };
    let joined_late = first > provision.start;
    let left_early = last < provision.end;
    match (joined_late, left_early) {
        (false, false) => "The whole provision".into(),
        (true, false) => format!("Joined {}", format_uk_date(first)),
        (false, true) => format!("Left after {}", format_uk_date(last)),
        (true, true) => format!("{} to {}", format_uk_date(first), format_uk_date(last)),
    }
}

/// The group's pupils with their dates: a pupil leaves on a date, and a pupil joins.
#[component]
fn GroupMembers(id: ProvisionId, names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    let today = crate::web::clock::today();
    let joining = RwSignal::new(String::new());
    let join_date = RwSignal::new(String::new());
    let leave_date = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    state.work.provision().with_untracked(|book| {
        if let Some(provision) = book.provision(id) {
            let day = joining_day(provision, today);
            join_date.set(iso(day));
            leave_date.set(iso(day));
        }
    });
    let read = |text: String| crate::core::provision::draft::read_date(&text);

    let rows = move || {
        let names = names.get();
        state.work.provision().with(|book| {
            let Some(provision) = book.provision(id) else {
                return Vec::new();
            };
            provision
                .pupils
                .iter()
                .map(|pupil| {
                    let name = name_for(&names, pupil);
                    let words = membership_words(provision, pupil);
                    let gone = provision.has_left_by(pupil, provision.end.max(today));
                    let key = pupil.clone();
                    let action_name = name.clone();
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{words}</td>
                            <td>
                                {if gone {
                                    view! {
                                        <button
                                            type="button"
                                            class="button button--secondary button--small"
                                            on:click=move |_| {
                                                let Some(day) = read(join_date.get_untracked()) else {
                                                    message.set("Enter the day they join again as a date, such as 05/01/2026.".into());
                                                    return;
                                                };
                                                state.work.provision().update(|book| {
                                                    if let Some(p) = book.provision_mut(id) {
                                                        p.join(&key, day);
                                                    }
                                                });
                                            }
                                        >
                                            "Re-join"
                                            <span class="visually-hidden">{format!(" {action_name}")}</span>
                                        </button>
                                    }
                                        .into_any()
                                } else {
                                    view! {
                                        <button
                                            type="button"
                                            class="button button--secondary button--small"
                                            on:click=move |_| {
                                                let Some(day) = read(leave_date.get_untracked()) else {
                                                    message.set("Enter their last day as a date, such as 19/12/2025.".into());
                                                    return;
                                                };
                                                let mut done = false;
                                                state.work.provision().update(|book| {
                                                    if let Some(p) = book.provision_mut(id) {
                                                        done = p.leave(&key, day);
                                                    }
                                                });
                                                if done {
                                                    message.set(format!("{} leaves after {}.", action_name, format_uk_date(day)));
                                                }
                                            }
                                        >
                                            "Leaves"
                                            <span class="visually-hidden">{format!(" {}", name_for(&names, pupil))}</span>
                                        </button>
                                    }
                                        .into_any()
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = joining.get_untracked();
        let found = find_pupils(&state, &typed);
        let Some(day) = read(join_date.get_untracked()) else {
            message.set("Enter the day they join as a date, such as 05/01/2026.".into());
            return;
        };
        match found.as_slice() {
            [] if typed.trim().is_empty() => message.set("Enter the pupil's UPN or name.".into()),
            [] => message.set(format!("No pupil has the UPN or name “{}”.", typed.trim())),
            [key] => {
                let mut added = false;
                state.work.provision().update(|book| {
                    if let Some(p) = book.provision_mut(id) {
                        let day = day.clamp(p.start, p.end.max(p.start));
                        added = p.join(key, day);
                    }
                });
                let name = names.with_untracked(|n| name_for(n, key));
                message.set(if added {
                    format!("{name} joins from {}.", format_uk_date(day))
                } else {
                    format!("{name} is already in the group.")
                });
                joining.set(String::new());
            }
            _ => message.set(format!(
                "More than one pupil is called “{}”: enter their UPN instead.",
                typed.trim()
            )),
        }
    };

    view! {
        <h4 id="edit-members-heading">"Pupils in the group"</h4>
        <div class="field field--inline">
            <label for="edit-leave-date">"Leaving date (their last day)"</label>
            <input id="edit-leave-date" type="date" class="text-input text-input--short"
                prop:value=move || leave_date.get()
                on:input=move |ev| leave_date.set(event_target_value(&ev)) />
        </div>
        <div class="table-scroll">
            <table class="report-table" aria-labelledby="edit-members-heading">
                <thead>
                    <tr>
                        <th scope="col">"Pupil"</th>
                        <th scope="col">"In the group"</th>
                        <th scope="col">"Action"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <form class="inline-form" aria-label="Add a pupil to the group" on:submit=add>
            <div class="field field--inline">
                <label for="edit-join-pupil">"Pupil's UPN or name"</label>
                <input id="edit-join-pupil" type="text" class="text-input" list="edit-join-suggestions"
                    autocomplete="off"
                    prop:value=move || joining.get()
                    on:input=move |ev| joining.set(event_target_value(&ev)) />
                <datalist id="edit-join-suggestions">
                    {move || suggestions(&state, &joining.get())
                        .into_iter()
                        .map(|(value, label)| view! { <option value=value>{label}</option> })
                        .collect_view()}
                </datalist>
            </div>
            <div class="field field--inline">
                <label for="edit-join-date">"Joining from"</label>
                <input id="edit-join-date" type="date" class="text-input text-input--short"
                    prop:value=move || join_date.get()
                    on:input=move |ev| join_date.set(event_target_value(&ev)) />
            </div>
            <button type="submit" class="button button--secondary">"Add pupil to the group"</button>
        </form>
        <p role="status" class="notice-line">{move || message.get()}</p>
    }
}
