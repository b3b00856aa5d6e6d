//! The Provision page's intervention bank editor: Tameside's four lists, with items
//! added, renamed, archived, sorted and every field edited (`edit`, one item at a time;
//! the rules are `core::provision::bank`'s).

mod edit;

use crate::core::provision::{Category, Intervention, InterventionId, StaffRoles};
use crate::ui::components::EnumSelect;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::web::location::focus_element;
use leptos::prelude::*;

use edit::EditIntervention;

/// The id of an item's Edit button, where focus returns when its form closes.
fn edit_button_id(id: InterventionId) -> String {
    format!("bank-edit-{}", id.0)
}

/// An item's usual delivery in a line: "TA · groups of 6 · 3 × 20 min a week · 12 weeks ·
/// £50.00 resources".
fn delivery_line(item: &Intervention, roles: &StaffRoles) -> String {
    let d = &item.delivery;
    let staff = if d.staff.is_empty() {
        "No staff".to_string()
    } else {
        d.staff
            .iter()
            .map(|r| roles.name(*r))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let group = if d.group_size == 1 {
        "one-to-one".to_string()
    } else {
        format!("groups of {}", d.group_size)
    };
    let weeks = d
        .weeks
        .map_or_else(|| "the whole year".to_string(), |w| format!("{w} weeks"));
    let mut parts = vec![
        staff,
        group,
        format!(
            "{} × {} min a week",
            d.sessions_per_week, d.minutes_per_session
        ),
        weeks,
    ];
    if item.resource_cost.pence() != 0 {
        parts.push(format!("{} resources", item.resource_cost));
    }
    parts.join(" · ")
}

/// The intervention bank: the four lists, with add, rename, archive and sort.
#[component]
pub(super) fn BankEditor() -> impl IntoView {
    let state = use_app_state();
    let new_name = RwSignal::new(String::new());
    let new_category = RwSignal::new(Category::Curriculum);
    let renaming = RwSignal::new(None::<InterventionId>);
    let rename_text = RwSignal::new(String::new());
    let feedback = RwSignal::new(None::<(bool, String)>);
    // The item whose Edit form is open (one at a time).
    let editing = RwSignal::new(None::<InterventionId>);
    let open_edit = move |id: InterventionId| {
        renaming.set(None);
        editing.set(Some(id));
        request_animation_frame(|| focus_element("edit-intervention-heading"));
    };
    let close_edit = Callback::new(move |_: ()| {
        if let Some(id) = editing.get_untracked() {
            editing.set(None);
            request_animation_frame(move || focus_element(&edit_button_id(id)));
        }
    });

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked();
        let category = new_category.get_untracked();
        let mut result = Ok(InterventionId(0));
        state.work.provision().update(|book| {
            result = book.bank.add(&name, category);
        });
        match result {
            Ok(_) => {
                feedback.set(Some((
                    true,
                    format!("Added “{}” to {}.", name.trim(), category.label()),
                )));
                new_name.set(String::new());
            }
            Err(error) => feedback.set(Some((false, error.to_string()))),
        }
    };
    let save_rename = move |id: InterventionId| {
        let name = rename_text.get_untracked();
        let mut result = Ok(());
        state.work.provision().update(|book| {
            result = book.bank.rename(id, &name);
        });
        match result {
            Ok(()) => {
                feedback.set(Some((true, format!("Renamed to “{}”.", name.trim()))));
                renaming.set(None);
            }
            Err(error) => feedback.set(Some((false, error.to_string()))),
        }
    };

    let lists = move || {
        state.work.provision().with(|book| {
            Category::ALL
                .iter()
                .map(|category| {
                    let items = book
                        .bank
                        .in_category(*category)
                        .map(|item| {
                            let id = item.id;
                            let name = item.name.clone();
                            let archived = item.archived;
                            let input_id = format!("rename-{}", id.0);
                            let is_renaming = renaming.get() == Some(id);
                            let body = if is_renaming {
                                let label = format!("New name for {name}");
                                view! {
                                    <label for=input_id.clone() class="visually-hidden">{label}</label>
                                    <input
                                        id=input_id
                                        type="text"
                                        class="text-input"
                                        prop:value=move || rename_text.get()
                                        on:input=move |ev| rename_text.set(event_target_value(&ev))
                                        on:keydown=move |ev| {
                                            if ev.key() == "Enter" {
                                                ev.prevent_default();
                                                save_rename(id);
                                            }
                                        }
                                    />
                                    <button
                                        type="button"
                                        class="button"
                                        on:click=move |_| save_rename(id)
                                    >
                                        "Save name"
                                    </button>
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        on:click=move |_| renaming.set(None)
                                    >
                                        "Cancel"
                                    </button>
                                }
                                    .into_any()
                            } else {
                                let rename_name = name.clone();
                                let archive_name = name.clone();
                                let edit_name = name.clone();
                                view! {
                                    <span class="bank-item__name">{name.clone()}</span>
                                    <span class="bank-item__wave">
                                        {format!(" · {} · {}", item.wave, item.need_area.label())}
                                    </span>
                                    {archived.then(|| view! { <span class="tag">" (archived)"</span> })}
                                    <span class="bank-item__delivery">{delivery_line(item, &book.staff)}</span>
                                    <button
                                        type="button"
                                        id=edit_button_id(id)
                                        class="button button--secondary button--small"
                                        aria-expanded=move || (editing.get() == Some(id)).to_string()
                                        on:click=move |_| open_edit(id)
                                    >
                                        "Edit"
                                        <span class="visually-hidden">{format!(" {edit_name} in the bank")}</span>
                                    </button>
                                    <button
                                        type="button"
                                        class="button button--secondary button--small"
                                        on:click=move |_| {
                                            rename_text.set(rename_name.clone());
                                            renaming.set(Some(id));
                                        }
                                    >
                                        "Rename"
                                        <span class="visually-hidden">{format!(" {name}")}</span>
                                    </button>
                                    <button
                                        type="button"
                                        class="button button--secondary button--small"
                                        on:click=move |_| {
                                            state
                                                .work
                                                .provision()
                                                .update(|book| {
                                                    let _ = book.bank.set_archived(id, !archived);
                                                });
                                        }
                                    >
                                        {if archived { "Unarchive" } else { "Archive" }}
                                        <span class="visually-hidden">{format!(" {archive_name}")}</span>
                                    </button>
                                }
                                    .into_any()
                            };
                            view! { <li class="bank-item">{body}</li> }
                        })
                        .collect_view();
                    view! {
                        <div class="bank-category">
                            <h3>{category.label()}</h3>
                            <ul class="bank-list">{items}</ul>
                        </div>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <h2>"Intervention bank"</h2>
        <p class="hint">
            "Tameside's four lists, with a usual wave, area of need and delivery for each that you can change. Archived interventions stay on provision already recorded but are not offered for new provision."
        </p>
        <form class="bank-add inline-field" on:submit=add>
            <div class="field">
                <label for="new-intervention-name">"Intervention name"</label>
                <input
                    id="new-intervention-name"
                    type="text"
                    class="text-input"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                />
            </div>
            <EnumSelect
                id="new-intervention-category"
                label="Category"
                options=&Category::ALL
                text=Category::label
                value=new_category
            />
            <button type="submit" class="button">"Add to the bank"</button>
        </form>
        <button
            type="button"
            class="button button--secondary"
            on:click=move |_| state.work.provision().update(|book| book.bank.sort_alphabetically())
        >
            "Sort alphabetically"
        </button>
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
        {move || editing.get().map(|id| view! { <EditIntervention id=id close=close_edit /> })}
        <div class="bank">{lists}</div>
    }
}
