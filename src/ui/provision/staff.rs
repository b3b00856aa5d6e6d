//! Staff roles on the Costs page (SPEC §7, §8.2): each role's hourly cost, typed in the
//! table or worked out from an annual salary, on-costs and paid hours (the form shows the
//! sum as it is typed); roles added, edited and removed. The rules — names, numbers, the
//! rounding and when a role may go — are `core::provision::staff`'s; this shows them.

use crate::core::provision::staff::draft::{RateKind, StaffField, StaffRoleDraft};
use crate::core::provision::staff::{check_removal, remove_role};
use crate::core::provision::{HourlyRate, StaffRoleId};
use crate::ui::components::{ErrorSummary, FieldError};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::web::location::focus_element;
use leptos::prelude::*;

/// The id of the role table's Edit button for role `id`, where focus returns after the
/// form closes.
fn edit_button_id(id: StaffRoleId) -> String {
    format!("staff-role-edit-{}", id.0)
}

/// The table of roles with each hourly cost, the Add a staff role form, and the Edit form
/// for one role at a time.
#[component]
pub(super) fn StaffRolesEditor() -> impl IntoView {
    let state = use_app_state();
    // A problem with an hourly cost typed in the table, or the outcome of a removal.
    let feedback = RwSignal::new(None::<(bool, String)>);
    let editing = RwSignal::new(None::<StaffRoleId>);

    let open_edit = move |id: StaffRoleId| {
        editing.set(Some(id));
        request_animation_frame(|| focus_element("role-edit-heading"));
    };
    let close_edit = Callback::new(move |_: ()| {
        if let Some(id) = editing.get_untracked() {
            editing.set(None);
            request_animation_frame(move || focus_element(&edit_button_id(id)));
        }
    });
    let remove = move |id: StaffRoleId, name: String| {
        let refusal = state
            .work
            .provision()
            .with_untracked(|book| check_removal(book, id));
        match refusal {
            Err(error) => feedback.set(Some((false, error.to_string()))),
            Ok(()) => {
                state.work.provision().update(|book| {
                    let _ = remove_role(book, id);
                });
                if editing.get_untracked() == Some(id) {
                    editing.set(None);
                }
                feedback.set(Some((true, format!("Removed the staff role “{name}”."))));
                request_animation_frame(|| focus_element("staff-roles-table-heading"));
            }
        }
    };
    let set_hourly = move |id: StaffRoleId, name: String, text: String| {
        let typed = StaffRoleDraft {
            kind: RateKind::Hourly,
            hourly: text,
            ..StaffRoleDraft::default()
        };
        match typed.rate() {
            Ok(rate) => {
                feedback.set(None);
                state.work.provision().update(|book| {
                    let _ = book.staff.set_rate(id, rate);
                });
            }
            Err(problems) => {
                let message = problems
                    .into_iter()
                    .next()
                    .map(|p| p.message)
                    .unwrap_or_default();
                feedback.set(Some((false, format!("Hourly cost for {name}: {message}"))));
            }
        }
    };

    let rows = move || {
        state.work.provision().with(|book| {
            book.staff
                .roles
                .iter()
                .map(|role| {
                    let id = role.id;
                    let name = role.name.clone();
                    let input_id = format!("staff-rate-{}", id.0);
                    let label = format!("Hourly cost for {name} (£)");
                    let pence = role.hourly_cost().pence();
                    let value = format!("{}.{:02}", pence / 100, pence % 100);
                    let how = match role.rate {
                        HourlyRate::Fixed(_) => "Typed".to_string(),
                        HourlyRate::Salary { .. } => role
                            .rate
                            .working()
                            .unwrap_or_else(|| "Worked out from a salary".into()),
                    };
                    let (rate_name, edit_name, remove_name) =
                        (name.clone(), name.clone(), name.clone());
                    view! {
                        <tr>
                            <th scope="row">{name.clone()}</th>
                            <td>
                                <label for=input_id.clone() class="visually-hidden">{label}</label>
                                <input
                                    id=input_id
                                    type="text"
                                    inputmode="decimal"
                                    class="text-input text-input--money"
                                    prop:value=value
                                    on:change=move |ev| set_hourly(id, rate_name.clone(), event_target_value(&ev))
                                />
                            </td>
                            <td class="staff-role__how">{how}</td>
                            <td class="actions">
                                <button
                                    type="button"
                                    id=edit_button_id(id)
                                    class="button button--secondary button--small"
                                    aria-expanded=move || (editing.get() == Some(id)).to_string()
                                    on:click=move |_| open_edit(id)
                                >
                                    "Edit"
                                    <span class="visually-hidden">{format!(" {edit_name}")}</span>
                                </button>
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    on:click=move |_| remove(id, remove_name.clone())
                                >
                                    "Remove"
                                    <span class="visually-hidden">{format!(" {name}")}</span>
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <h3 id="staff-roles-table-heading" tabindex="-1">"Staff roles"</h3>
        <p class="hint">
            "Type an hourly cost, or edit a role to work it out from a salary. A role can be removed once no intervention or provision uses it."
        </p>
        {move || {
            feedback
                .get()
                .map(|(ok, text)| {
                    if ok {
                        view! { <p class="notice" role="status">{text}</p> }.into_any()
                    } else {
                        view! { <p class="error-message" role="alert">{text}</p> }.into_any()
                    }
                })
        }}
        <table class="report-table staff-roles" aria-labelledby="staff-roles-table-heading">
            <thead>
                <tr>
                    <th scope="col">"Staff role"</th>
                    <th scope="col">"Hourly cost (£)"</th>
                    <th scope="col">"How it is set"</th>
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {move || editing.get().map(|id| view! { <RoleForm editing=Some(id) close=close_edit /> })}
        <RoleForm editing=None close=Callback::new(|_: ()| {}) />
    }
}

/// The id of a field of the add form (`add`) or the edit form.
fn field_id(add: bool, field: StaffField) -> &'static str {
    match (add, field) {
        (true, StaffField::Name) => "role-add-name",
        (true, StaffField::Hourly) => "role-add-hourly",
        (true, StaffField::Salary) => "role-add-salary",
        (true, StaffField::OnCosts) => "role-add-on-costs",
        (true, StaffField::PaidHours) => "role-add-paid-hours",
        (false, StaffField::Name) => "role-edit-name",
        (false, StaffField::Hourly) => "role-edit-hourly",
        (false, StaffField::Salary) => "role-edit-salary",
        (false, StaffField::OnCosts) => "role-edit-on-costs",
        (false, StaffField::PaidHours) => "role-edit-paid-hours",
    }
}

/// The staff role form: adding a role (`editing` is `None`), or editing one. `close` is
/// called on Cancel and after an edit is saved.
#[component]
fn RoleForm(editing: Option<StaffRoleId>, close: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let add = editing.is_none();
    let start = editing
        .and_then(|id| {
            state
                .work
                .provision()
                .with_untracked(|book| book.staff.get(id).map(StaffRoleDraft::of))
        })
        .unwrap_or_default();
    let title = if add {
        "Add a staff role".to_string()
    } else {
        format!("Edit staff role: {}", start.name)
    };
    let form = RwSignal::new(start);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(String::new());
    let heading_id = if add {
        "role-add-heading"
    } else {
        "role-edit-heading"
    };
    let prefix = if add { "role-add" } else { "role-edit" };

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = form.get_untracked();
        let mut result = Ok(());
        let mut added = None;
        state.work.provision().update(|book| {
            result = match editing {
                Some(id) => typed.save_to(&mut book.staff, id),
                None => typed.add_to(&mut book.staff).map(|id| {
                    added = book
                        .staff
                        .get(id)
                        .map(|role| (role.name.clone(), role.hourly_cost()));
                }),
            };
        });
        match result {
            Err(problems) => {
                message.set(String::new());
                errors.set(
                    problems
                        .into_iter()
                        .map(|p| FieldError {
                            field: field_id(add, p.field),
                            message: p.message,
                        })
                        .collect(),
                );
            }
            Ok(()) => {
                errors.set(Vec::new());
                if let Some((name, cost)) = added {
                    message.set(format!("Added the staff role “{name}” at {cost} an hour."));
                    form.set(StaffRoleDraft::default());
                } else {
                    close.run(());
                }
            }
        }
    };

    // A text box bound to one field of the form, with its problem under the label.
    let text = move |field: StaffField,
                     label: &'static str,
                     hint: &'static str,
                     get: fn(&StaffRoleDraft) -> &String,
                     set: fn(&mut StaffRoleDraft, String)| {
        let id = field_id(add, field);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let error = move || {
            errors.with(|e| {
                e.iter()
                    .find(|error| error.field == id)
                    .map(|error| error.message.clone())
            })
        };
        let described = {
            let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
            move || {
                let mut ids = Vec::new();
                if !hint.is_empty() {
                    ids.push(hint_id.clone());
                }
                if error().is_some() {
                    ids.push(error_id.clone());
                }
                (!ids.is_empty()).then(|| ids.join(" "))
            }
        };
        view! {
            <div class="field">
                <label for=id>{label}</label>
                {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
                {move || error().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
                <input
                    id=id
                    type="text"
                    class="text-input text-input--short"
                    aria-describedby=described
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                />
            </div>
        }
    };
    let kind_radio = move |kind: RateKind| {
        let id = format!(
            "{prefix}-kind-{}",
            match kind {
                RateKind::Hourly => "hourly",
                RateKind::Salary => "salary",
            }
        );
        view! {
            <div class="radio">
                <input
                    type="radio"
                    name=format!("{prefix}-kind")
                    id=id.clone()
                    prop:checked=move || form.with(|f| f.kind == kind)
                    on:change=move |_| form.update(|f| f.kind = kind)
                />
                <label for=id>{kind.label()}</label>
            </div>
        }
    };
    let working_id = format!("{prefix}-working");
    // Only a change of kind redraws the fields below it, never a key typed in them.
    let kind = Memo::new(move |_| form.with(|f| f.kind));

    view! {
        <section
            class=if add { "role-form" } else { "role-form role-form--edit" }
            aria-labelledby=heading_id
            on:keydown=move |ev| {
                if !add && ev.key() == "Escape" {
                    ev.prevent_default();
                    close.run(());
                }
            }
        >
            <h3 id=heading_id tabindex="-1">{title}</h3>
            <form aria-labelledby=heading_id on:submit=save>
                <ErrorSummary errors=errors level=4 />
                {text(StaffField::Name, "Role name", "", |f| &f.name, |f, v| f.name = v)}
                <fieldset class="fieldset">
                    <legend>"How is the hourly cost set?"</legend>
                    {kind_radio(RateKind::Hourly)}
                    {kind_radio(RateKind::Salary)}
                </fieldset>
                {move || {
                    if kind.get() == RateKind::Hourly {
                        text(StaffField::Hourly, "Hourly cost (£)", "", |f| &f.hourly, |f, v| f.hourly = v)
                            .into_any()
                    } else {
                        let working_id = working_id.clone();
                        view! {
                            {text(StaffField::Salary, "Annual salary (£)", "Before on-costs, such as 24,000.", |f| &f.salary, |f, v| f.salary = v)}
                            {text(
                                StaffField::OnCosts,
                                "On-costs (% of salary)",
                                "The employer's national insurance and pension, such as 28.",
                                |f| &f.on_costs,
                                |f, v| f.on_costs = v,
                            )}
                            {text(
                                StaffField::PaidHours,
                                "Paid hours a year",
                                "The hours the salary pays for, such as 1265.",
                                |f| &f.paid_hours,
                                |f, v| f.paid_hours = v,
                            )}
                            <p class="working" id=working_id aria-live="polite">
                                {move || {
                                    form.with(StaffRoleDraft::working).unwrap_or_else(|| {
                                        "The hourly cost shows here once the salary, on-costs and paid hours are filled in."
                                            .to_string()
                                    })
                                }}
                            </p>
                        }
                            .into_any()
                    }
                }}
                <button type="submit" class="button">
                    {if add { "Add staff role" } else { "Save staff role" }}
                </button>
                {(!add)
                    .then(|| {
                        view! {
                            " "
                            <button type="button" class="button button--secondary" on:click=move |_| close.run(())>
                                "Cancel"
                            </button>
                        }
                    })}
                <p role="status" class="notice-line">{move || message.get()}</p>
            </form>
        </section>
    }
}
