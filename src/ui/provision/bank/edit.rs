//! **Edit intervention**: every field of one bank item (the rules are
//! `core::provision::bank::draft`'s). Opened by an item's Edit button, one item at a time;
//! focus moves to its heading, and back to the Edit button when it closes (Save, Cancel or
//! Escape).

use crate::core::provision::bank::{BankField, InterventionDraft};
use crate::core::provision::{Category, InterventionId, NeedArea, StaffRoleId, Wave};
use crate::ui::components::{EnumSelect, ErrorSummary, FieldError};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;

/// The id of each field's input, for the error summary's links.
fn field_id(field: BankField) -> &'static str {
    match field {
        BankField::Name => "bank-edit-name",
        BankField::Staff => "bank-edit-staff",
        BankField::GroupSize => "bank-edit-group-size",
        BankField::SessionsPerWeek => "bank-edit-sessions",
        BankField::MinutesPerSession => "bank-edit-minutes",
        BankField::Weeks => "bank-edit-weeks",
        BankField::ResourceCost => "bank-edit-resource-cost",
    }
}

/// "Wave 1 (quality-first teaching, never costed)", "Wave 2 (…)", "Wave 3 (…)".
fn wave_label(wave: &Wave) -> &'static str {
    match wave {
        Wave::One => "Wave 1: quality-first teaching (never costed)",
        Wave::Two => "Wave 2: additional, small-group catch-up",
        Wave::Three => "Wave 3: individual and intensive",
    }
}

/// The edit form for bank item `id`. `close` is called on Cancel, Escape and after a save.
#[component]
pub(in crate::ui::provision) fn EditIntervention(
    id: InterventionId,
    close: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let start = state
        .work
        .provision()
        .with_untracked(|book| book.bank.get(id).map(InterventionDraft::of));
    let Some(start) = start else {
        return view! { <p class="notice">"That intervention is no longer in the bank."</p> }
            .into_any();
    };
    let title = format!("Edit intervention: {}", start.name);
    let category = RwSignal::new(start.category);
    let wave = RwSignal::new(start.wave);
    let need_area = RwSignal::new(start.need_area);
    let form = RwSignal::new(start);
    let errors = RwSignal::new(Vec::<FieldError>::new());

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut typed = form.get_untracked();
        typed.category = category.get_untracked();
        typed.wave = wave.get_untracked();
        typed.need_area = need_area.get_untracked();
        let checked = state
            .work
            .provision()
            .with_untracked(|book| typed.validate(book, id));
        match checked {
            Err(problems) => errors.set(
                problems
                    .into_iter()
                    .map(|p| FieldError {
                        field: field_id(p.field),
                        message: p.message,
                    })
                    .collect(),
            ),
            Ok(edited) => {
                errors.set(Vec::new());
                state.work.provision().update(|book| {
                    if let Some(item) = book.bank.get_mut(id) {
                        *item = edited;
                    }
                });
                close.run(());
            }
        }
    };

    // The problem with a field, if any, and the ids that describe its input.
    let error_of = move |id: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|error| error.field == id)
                    .map(|error| error.message.clone())
            })
        }
    };
    // A text box bound to one field of the form, with its problem under the label.
    let text = move |field: BankField,
                     label: &'static str,
                     hint: &'static str,
                     get: fn(&InterventionDraft) -> &String,
                     set: fn(&mut InterventionDraft, String)| {
        let id = field_id(field);
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let error = error_of(id);
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
                    class=if field == BankField::Name { "text-input text-input--wide" } else { "text-input text-input--short" }
                    aria-describedby=described
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                />
            </div>
        }
    };
    let checkbox = move |id: &'static str,
                         label: &'static str,
                         get: fn(&InterventionDraft) -> bool,
                         set: fn(&mut InterventionDraft, bool)| {
        view! {
            <div class="checkbox">
                <input
                    type="checkbox"
                    id=id
                    prop:checked=move || form.with(get)
                    on:change=move |ev| form.update(|f| set(f, event_target_checked(&ev)))
                />
                <label for=id>{label}</label>
            </div>
        }
    };

    // One select per member of staff; only adding or removing a member redraws them.
    let staff_count = Memo::new(move |_| form.with(|f| f.staff.len()));
    let staff_rows = move || {
        let roles: Vec<(StaffRoleId, String)> = state.work.provision().with(|book| {
            book.staff
                .roles
                .iter()
                .map(|r| (r.id, format!("{} ({} an hour)", r.name, r.hourly_cost())))
                .collect()
        });
        (0..staff_count.get())
            .map(|at| {
                let chosen = form.with_untracked(|f| f.staff.get(at).copied());
                let select_id = if at == 0 {
                    field_id(BankField::Staff).to_string()
                } else {
                    format!("bank-edit-staff-{at}")
                };
                let label = format!("Member of staff {}", at + 1);
                let options = roles
                    .iter()
                    .map(|(role, text)| {
                        let role = *role;
                        view! { <option value=role.0.to_string() selected=Some(role) == chosen>{text.clone()}</option> }
                    })
                    .collect_view();
                view! {
                    <div class="field field--inline">
                        <label for=select_id.clone()>{label.clone()}</label>
                        <select
                            id=select_id
                            on:change=move |ev| {
                                if let Ok(role) = event_target_value(&ev).parse::<u32>() {
                                    form.update(|f| {
                                        if let Some(slot) = f.staff.get_mut(at) {
                                            *slot = StaffRoleId(role);
                                        }
                                    });
                                }
                            }
                        >
                            {options}
                        </select>
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| form.update(|f| {
                                if at < f.staff.len() {
                                    f.staff.remove(at);
                                }
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
    let staff_error = error_of(field_id(BankField::Staff));
    let whole_year = Memo::new(move |_| form.with(|f| f.whole_year));

    view! {
        <section
            class="edit-intervention"
            aria-labelledby="edit-intervention-heading"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    close.run(());
                }
            }
        >
            <h3 id="edit-intervention-heading" tabindex="-1">{title}</h3>
            <form class="provision-form" aria-labelledby="edit-intervention-heading" on:submit=save>
                <ErrorSummary errors=errors level=4 />
                {text(BankField::Name, "Name", "", |f| &f.name, |f, v| f.name = v)}
                <div class="field-row">
                    <EnumSelect id="bank-edit-category" label="Category" options=&Category::ALL text=Category::label value=category />
                    <EnumSelect id="bank-edit-wave" label="Wave" options=&Wave::ALL text=wave_label value=wave />
                    <EnumSelect id="bank-edit-need-area" label="Need area" options=&NeedArea::ALL text=NeedArea::label value=need_area />
                </div>
                <fieldset class="fieldset">
                    <legend>"Usual delivery"</legend>
                    <p class="hint" id="bank-edit-delivery-hint">
                        "Provision that uses these defaults is re-costed; provision with its own figures keeps them."
                    </p>
                    <fieldset class="fieldset">
                        <legend>"Staff delivering each session"</legend>
                        {move || staff_error().map(|text| view! { <p class="field-error">{text}</p> })}
                        {staff_rows}
                        {move || (staff_count.get() == 0).then(|| view! { <p>"Nobody: only the resources are costed."</p> })}
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| form.update(|f| {
                                let next = f.staff.last().copied().unwrap_or(StaffRoleId::TA);
                                f.staff.push(next);
                            })
                        >
                            "Add a member of staff"
                        </button>
                    </fieldset>
                    <div class="field-row">
                        {text(BankField::GroupSize, "Pupils in a group", "", |f| &f.group_size, |f, v| f.group_size = v)}
                        {text(BankField::SessionsPerWeek, "Sessions a week", "", |f| &f.sessions_per_week, |f, v| f.sessions_per_week = v)}
                        {text(BankField::MinutesPerSession, "Minutes a session", "", |f| &f.minutes_per_session, |f, v| f.minutes_per_session = v)}
                    </div>
                    {checkbox("bank-edit-whole-year", "Runs the whole school year", |f| f.whole_year, |f, v| f.whole_year = v)}
                    {move || (!whole_year.get()).then(|| text(BankField::Weeks, "Weeks it runs", "", |f| &f.weeks, |f, v| f.weeks = v))}
                    {text(
                        BankField::ResourceCost,
                        "Resources for a year (£)",
                        "For one group: books, licences, equipment. Blank for none.",
                        |f| &f.resource_cost,
                        |f, v| f.resource_cost = v,
                    )}
                </fieldset>
                <div class="field">
                    <label for="bank-edit-description">"Description"</label>
                    <textarea
                        id="bank-edit-description"
                        class="text-area"
                        rows="2"
                        prop:value=move || form.with(|f| f.description.clone())
                        on:input=move |ev| form.update(|f| f.description = event_target_value(&ev))
                    ></textarea>
                </div>
                {checkbox("bank-edit-trained", "Staff need training to deliver it", |f| f.trained_staff_required, |f, v| f.trained_staff_required = v)}
                {checkbox("bank-edit-archived", "Archived (not offered for new provision)", |f| f.archived, |f, v| f.archived = v)}
                <button type="submit" class="button">"Save intervention"</button>
                " "
                <button type="button" class="button button--secondary" on:click=move |_| close.run(())>
                    "Cancel"
                </button>
            </form>
        </section>
    }
    .into_any()
}
