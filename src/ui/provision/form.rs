//! The Provision page's **Add provision** form: an intervention for one pupil (by UPN or
//! name, with suggestions), a saved cohort, everyone on the shortlist or the pupils
//! selected in the Shortlist and All pupils grids (`AppState::selected`, chosen whenever
//! something is selected, and emptied once their provision is added). The form builds a
//! `core::provision::ProvisionDraft`; core checks it and says what is wrong. Opened as
//! `#add-provision` (**Add provision for N selected**, a profile's **Add provision for this
//! pupil**), its heading takes focus.

use super::{name_for, PupilNames};
use crate::core::cohort::{cohort_by_id, CohortId, PupilFacts};
use crate::core::drop::AcademicYear;
use crate::core::provision::draft::listed_names;
use crate::core::provision::{
    Category, DraftField, DraftPupils, InterventionId, Marker, Period, Priority, ProvisionDraft,
    ProvisionStatus, StaffRoleId,
};
use crate::ui::app::ADD_PROVISION;
use crate::ui::components::{EnumSelect, ErrorSummary, FieldError};
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::state::{pupil_key, use_app_state, AppState};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

/// Who a new provision is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Pupil,
    Cohort,
    Shortlist,
    Selected,
}

/// The pupil keys a typed UPN or name matches (`core::pupil::find_pupils`).
pub(super) fn find_pupils(state: &AppState, text: &str) -> Vec<String> {
    state.data_drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(Vec::new, |drop| {
            crate::core::pupil::find_pupils(&drop.pupils, text)
                .into_iter()
                .map(pupil_key)
                .collect()
        })
    })
}

/// Up to 12 pupils whose name or UPN contains `text` (two characters or more), as
/// (value to fill in, label): the UPN and "Name, Year 7", for the one-pupil box's
/// suggestions. None in privacy display mode, which shows no names or UPNs.
pub(super) fn suggestions(state: &AppState, text: &str) -> Vec<(String, String)> {
    if text.trim().chars().count() < 2 || state.session.privacy_mode.get_untracked() {
        return Vec::new();
    }
    state.data_drop.with_untracked(|drop| {
        let Some(drop) = drop else {
            return Vec::new();
        };
        drop.pupils
            .iter()
            .filter(|p| crate::core::planner_table::search_matches(p, text))
            .take(12)
            .map(|p| {
                let value = p
                    .upn
                    .as_ref()
                    .map_or_else(|| p.display_name(), |u| u.as_str().to_string());
                let year = p
                    .year_group
                    .map(|y| format!(", {}", y.label()))
                    .unwrap_or_default();
                (value, format!("{}{year}", p.display_name()))
            })
            .collect()
    })
}

/// `yyyy-mm-dd` for a date input.
pub(super) fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The pupil keys of the chosen saved cohort's members now (the first cohort, which the
/// list shows, until another is chosen), or `None` when there is no such cohort. A
/// provision records the members, not the filter.
fn cohort_members(state: &AppState, chosen: Option<CohortId>) -> Option<Vec<String>> {
    let chosen = state
        .work
        .cohorts()
        .with_untracked(|cohorts| match chosen {
            Some(id) => cohort_by_id(cohorts, id).cloned(),
            None => cohorts.first().cloned(),
        })?;
    let scored = state.scored.get_untracked();
    let focus_keys = state.work.focus().get_untracked();
    Some(state.data_drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(Vec::new, |drop| {
            let facts = state
                .work
                .provision()
                .with_untracked(|book| PupilFacts::for_pupils(&drop.pupils, &focus_keys, book));
            chosen
                .members(&drop.pupils, &scored.scores, &facts)
                .into_iter()
                .filter_map(|i| drop.pupils.get(i).map(pupil_key))
                .collect()
        })
    }))
}

/// The pupil keys of everyone on the shortlist now.
fn shortlist_keys(state: &AppState) -> Vec<String> {
    let scored = state.scored.get_untracked();
    state.data_drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(Vec::new, |drop| {
            scored
                .shortlist
                .iter()
                .filter_map(|i| drop.pupils.get(*i).map(pupil_key))
                .collect()
        })
    })
}

/// The pupils selected in the grids, as (pupil key, name as shown), in the order of their
/// names: the order they are listed and added in.
fn selected_pupils(state: &AppState, names: &PupilNames) -> Vec<(String, String)> {
    let mut pupils: Vec<(String, String)> = state.selected.with(|selected| {
        selected
            .iter()
            .map(|key| (key.clone(), name_for(names, key)))
            .collect()
    });
    pupils.sort_by_cached_key(|(key, name)| (name.to_lowercase(), key.clone()));
    pupils
}

/// The id of the Add provision form's field a problem is about, so the error summary can
/// link to it.
fn field_id(field: DraftField, who: Who) -> &'static str {
    match field {
        DraftField::Intervention => "provision-intervention",
        DraftField::Pupils => match who {
            Who::Pupil => "provision-pupil",
            Who::Cohort => "provision-who-cohort",
            Who::Shortlist => "provision-who-shortlist",
            Who::Selected => "provision-who-selected",
        },
        DraftField::GroupSize => "provision-group-size",
        DraftField::SessionsPerWeek => "provision-sessions",
        DraftField::MinutesPerSession => "provision-minutes",
        DraftField::Weeks => "provision-weeks",
        DraftField::Start => "provision-start",
        DraftField::End => "provision-end",
    }
}

/// The "Add provision" form.
#[component]
pub(super) fn AddProvision(year: RwSignal<i32>, names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    let first_item = state
        .work
        .provision()
        .with_untracked(|book| book.bank.active().next().map(|i| i.id));
    let intervention = RwSignal::new(first_item);
    // Pupils ticked in a grid are who the SENCO came to add provision for.
    let who = RwSignal::new(if state.selected.with_untracked(|s| s.is_empty()) {
        Who::Pupil
    } else {
        Who::Selected
    });
    if crate::web::location::hash() == ADD_PROVISION {
        request_animation_frame(|| crate::web::location::focus_element("add-provision-heading"));
    }
    let pupil_text = RwSignal::new(String::new());
    let cohort = RwSignal::new(None::<CohortId>);
    let staff = RwSignal::new(None::<StaffRoleId>);
    let marker = RwSignal::new(Marker::Other);
    let priority = RwSignal::new(Priority::Should);
    let status = RwSignal::new(ProvisionStatus::Running);
    let group_size = RwSignal::new(String::new());
    let sessions = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let weeks = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(String::new());

    // The dates follow the chosen academic year until the user changes them.
    Effect::new(move |_| {
        let period = Period::academic(AcademicYear {
            start_year: year.get(),
        });
        start.set(iso(period.first));
        end.set(iso(period.last));
    });
    // Choosing an intervention fills in its marker and default delivery.
    Effect::new(move |_| {
        let Some(id) = intervention.get() else {
            return;
        };
        state.work.provision().with_untracked(|book| {
            if let Some(item) = book.bank.get(id) {
                marker.set(Marker::for_category(item.category));
                group_size.set(item.delivery.group_size.to_string());
                sessions.set(item.delivery.sessions_per_week.to_string());
                minutes.set(item.delivery.minutes_per_session.to_string());
                weeks.set(
                    item.delivery
                        .weeks
                        .map(|w| w.to_string())
                        .unwrap_or_default(),
                );
                staff.set(None);
            }
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(String::new());
        let chosen = who.get_untracked();
        let pupils = match chosen {
            Who::Pupil => {
                let typed = pupil_text.get_untracked();
                let found = find_pupils(&state, &typed);
                DraftPupils::OnePupil { typed, found }
            }
            Who::Cohort => DraftPupils::Cohort(cohort_members(&state, cohort.get_untracked())),
            Who::Shortlist => DraftPupils::Shortlist(shortlist_keys(&state)),
            Who::Selected => DraftPupils::Selected(
                names
                    .with_untracked(|names| selected_pupils(&state, names))
                    .into_iter()
                    .map(|(key, _)| key)
                    .collect(),
            ),
        };
        let draft = ProvisionDraft {
            intervention: intervention.get_untracked(),
            pupils,
            marker: marker.get_untracked(),
            staff: staff.get_untracked(),
            group_size: group_size.get_untracked(),
            sessions_per_week: sessions.get_untracked(),
            minutes_per_session: minutes.get_untracked(),
            weeks: weeks.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            priority: priority.get_untracked(),
            status: status.get_untracked(),
        };
        let provision = match state
            .work
            .provision()
            .with_untracked(|book| draft.validate(book))
        {
            Ok(provision) => provision,
            Err(problems) => {
                errors.set(
                    problems
                        .into_iter()
                        .map(|problem| FieldError {
                            field: field_id(problem.field, chosen),
                            message: problem.message,
                        })
                        .collect(),
                );
                return;
            }
        };
        errors.set(Vec::new());
        let item_name = state.work.provision().with_untracked(|book| {
            book.bank
                .get(provision.intervention)
                .map(|i| i.name.clone())
                .unwrap_or_default()
        });
        let count = provision.pupils.len();
        let who_text = if count == 1 {
            names.with_untracked(|names| name_for(names, &provision.pupils[0]))
        } else {
            format!("{count} pupils")
        };
        let addressing = provision.marker.label().to_lowercase();
        state.work.provision().update(|book| {
            book.add_provision(provision);
        });
        if chosen == Who::Selected {
            state.selected.set(Default::default());
        }
        message.set(format!(
            "Added {item_name} for {who_text}, addressing {addressing}."
        ));
    };

    let intervention_options = move || {
        state.work.provision().with(|book| {
            Category::ALL
                .iter()
                .map(|category| {
                    let options = book
                        .bank
                        .in_category(*category)
                        .filter(|i| !i.archived)
                        .map(|i| {
                            let id = i.id;
                            view! {
                                <option
                                    value=id.0.to_string()
                                    selected=move || intervention.get() == Some(id)
                                >
                                    {i.name.clone()}
                                </option>
                            }
                        })
                        .collect_view();
                    view! { <optgroup label=category.label()>{options}</optgroup> }
                })
                .collect_view()
        })
    };
    let staff_options = move || {
        state.work.provision().with(|book| {
            let default = intervention
                .get()
                .and_then(|id| book.bank.get(id))
                .map(|i| {
                    let roles: Vec<&str> = i
                        .delivery
                        .staff
                        .iter()
                        .map(|r| book.staff.name(*r))
                        .collect();
                    if roles.is_empty() {
                        "nobody: not costed".to_string()
                    } else {
                        roles.join(" and ")
                    }
                })
                .unwrap_or_default();
            let roles = book
                .staff
                .roles
                .iter()
                .map(|role| {
                    let id = role.id;
                    view! {
                        <option value=id.0.to_string() selected=move || staff.get() == Some(id)>
                            {format!("{} ({} an hour)", role.name, role.hourly_cost())}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <option value="" selected=move || staff.get().is_none()>
                    {format!("The intervention's usual staff ({default})")}
                </option>
                {roles}
            }
        })
    };
    let radio = move |value: Who, id: &'static str, text: &'static str| {
        view! {
            <div class="radio">
                <input
                    type="radio"
                    name="provision-who"
                    id=id
                    prop:checked=move || who.get() == value
                    on:change=move |_| who.set(value)
                />
                <label for=id>{text}</label>
            </div>
        }
    };
    let text_field = move |id: &'static str,
                           label: &'static str,
                           hint: &'static str,
                           kind: &'static str,
                           value: RwSignal<String>| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <p class="hint" id=hint_id.clone()>{hint}</p>
                <input
                    id=id
                    type=kind
                    class="text-input"
                    aria-describedby=hint_id
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };

    view! {
        <h2 id="add-provision-heading" tabindex="-1">"Add provision"</h2>
        <form class="provision-form" aria-labelledby="add-provision-heading" on:submit=submit>
            <ErrorSummary errors=errors level=3 />
            <div class="field">
                <label for="provision-intervention">"Intervention"</label>
                <select
                    id="provision-intervention"
                    on:change=move |ev| {
                        intervention.set(event_target_value(&ev).parse().ok().map(InterventionId));
                    }
                >
                    {intervention_options}
                </select>
            </div>
            <fieldset class="fieldset">
                <legend>"Who is it for?"</legend>
                {radio(Who::Pupil, "provision-who-pupil", "One pupil")}
                {radio(Who::Cohort, "provision-who-cohort", "A saved cohort")}
                {radio(Who::Shortlist, "provision-who-shortlist", "Everyone on the shortlist")}
                <div class="radio">
                    <input
                        type="radio"
                        name="provision-who"
                        id="provision-who-selected"
                        aria-describedby=move || {
                            (who.get() == Who::Selected).then_some("provision-selected-names")
                        }
                        prop:checked=move || who.get() == Who::Selected
                        on:change=move |_| who.set(Who::Selected)
                    />
                    <label for="provision-who-selected">
                        {move || format!("Selected pupils ({})", state.selected.with(|s| s.len()))}
                    </label>
                </div>
            </fieldset>
            {move || match who.get() {
                Who::Pupil => {
                    view! {
                        <div class="field">
                            <label for="provision-pupil">"Pupil's UPN or name"</label>
                            <p class="hint" id="provision-pupil-hint">
                                "The UPN, or the name as it appears in the pupil lists. Suggestions appear as you type."
                            </p>
                            <input
                                id="provision-pupil"
                                type="text"
                                class="text-input"
                                list="provision-pupil-suggestions"
                                autocomplete="off"
                                aria-describedby="provision-pupil-hint"
                                prop:value=move || pupil_text.get()
                                on:input=move |ev| pupil_text.set(event_target_value(&ev))
                            />
                            <datalist id="provision-pupil-suggestions">
                                {move || {
                                    suggestions(&state, &pupil_text.get())
                                        .into_iter()
                                        .map(|(value, label)| view! { <option value=value>{label}</option> })
                                        .collect_view()
                                }}
                            </datalist>
                        </div>
                    }
                        .into_any()
                }
                Who::Cohort => {
                    let cohorts = state.work.cohorts().get();
                    if cohorts.is_empty() {
                        view! {
                            <p class="notice">
                                "There are no saved cohorts yet. Filter the pupils on "
                                <a href="#all-pupils">"All pupils"</a>
                                " and save the filter as a cohort."
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <div class="field">
                                <label for="provision-cohort">"Cohort"</label>
                                <select
                                    id="provision-cohort"
                                    on:change=move |ev| {
                                        cohort.set(CohortId::parse(&event_target_value(&ev)));
                                    }
                                >
                                    {cohorts
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, c)| {
                                            let id = c.id;
                                            view! {
                                                <option
                                                    value=id.to_string()
                                                    selected=move || cohort.get().map_or(i == 0, |chosen| chosen == id)
                                                >
                                                    {c.name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                            .into_any()
                    }
                }
                Who::Selected => {
                    let listed = move || {
                        let pupils = names.with(|names| selected_pupils(&state, names));
                        if pupils.is_empty() {
                            "No pupils are selected: tick pupils on the Shortlist or All pupils page first.".to_string()
                        } else {
                            let names: Vec<String> = pupils.into_iter().map(|(_, name)| name).collect();
                            format!("For {}.", listed_names(&names))
                        }
                    };
                    view! { <p class="hint" id="provision-selected-names">{listed}</p> }.into_any()
                }
                Who::Shortlist => {
                    view! {
                        <p class="hint">
                            {move || {
                                format!(
                                    "The {} pupils on the shortlist now.",
                                    state.scored.with(|s| s.shortlist.len()),
                                )
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
            <EnumSelect
                id="provision-marker"
                label="Marker it addresses"
                options=&Marker::ALL
                text=Marker::label
                value=marker
            />
            <div class="field">
                <label for="provision-staff">"Staff"</label>
                <select
                    id="provision-staff"
                    on:change=move |ev| {
                        staff.set(event_target_value(&ev).parse().ok().map(StaffRoleId));
                    }
                >
                    {staff_options}
                </select>
            </div>
            <div class="field-row">
                {text_field(
                    "provision-group-size",
                    "Pupils in a group",
                    "Pupils taught together; more pupils run more groups, each costing staff time.",
                    "text",
                    group_size,
                )}
                {text_field(
                    "provision-sessions",
                    "Sessions a week",
                    "How often it runs.",
                    "text",
                    sessions,
                )}
                {text_field(
                    "provision-minutes",
                    "Minutes a session",
                    "How long each session is.",
                    "text",
                    minutes,
                )}
                {text_field(
                    "provision-weeks",
                    "Weeks",
                    "Leave blank for the school's weeks in the year.",
                    "text",
                    weeks,
                )}
            </div>
            <div class="field-row">
                {text_field("provision-start", "Start date", "For example, 01/09/2025.", "date", start)}
                {text_field("provision-end", "End date", "For example, 31/08/2026.", "date", end)}
            </div>
            <EnumSelect
                id="provision-priority"
                label="Priority"
                options=&Priority::ALL
                text=Priority::label
                value=priority
            />
            <EnumSelect
                id="provision-status"
                label="Status"
                options=&STATUSES
                text=ProvisionStatus::label
                value=status
            />
            <button type="submit" class="button">"Add provision"</button>
        </form>
        <p role="status" class="notice-line">{move || message.get()}</p>
    }
}

const STATUSES: [ProvisionStatus; 4] = [
    ProvisionStatus::Planned,
    ProvisionStatus::Running,
    ProvisionStatus::Finished,
    ProvisionStatus::Stopped,
];
