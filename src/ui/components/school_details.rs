//! Settings' **School details** (SPEC §8.5): the school's name, URN, DfE number, phase and
//! local authority, shown on prints and exports and written into its school figures.
//! The form is `core::school::SchoolDetailsDraft`: **Save school details** keeps what
//! core accepts, and otherwise shows each refusal beside its field and in "There is a
//! problem", leaving the details kept before unchanged.

use crate::core::school::{DetailsField, SchoolDetailsDraft, SchoolPhase};
use crate::ui::components::{ErrorSummary, FieldError};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;

/// The `<select>` value meaning no phase given.
const NO_PHASE: &str = "";

/// A phase's `<select>` value: its place in [`SchoolPhase::ALL`].
fn phase_value(phase: SchoolPhase) -> String {
    SchoolPhase::ALL
        .iter()
        .position(|p| *p == phase)
        .unwrap_or_default()
        .to_string()
}

/// The **School details** section of Settings.
#[component]
pub fn SchoolDetailsPanel() -> impl IntoView {
    let state = use_app_state();
    let form = RwSignal::new(SchoolDetailsDraft::of(
        &state.work.details().get_untracked(),
    ));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(None::<String>);
    // The form shows the details kept: once the saved work is opened (the page may be
    // drawn before it is), after a save, and when another tab changes them.
    Effect::new(move |_| {
        let kept = state.work.details().with(SchoolDetailsDraft::of);
        form.set(kept);
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.with_untracked(SchoolDetailsDraft::validate) {
            Ok(details) => {
                errors.set(Vec::new());
                state.work.details().set(details);
                saved.set(Some(
                    "School details saved. Prints, exports and school figures show them."
                        .to_string(),
                ));
            }
            Err(problems) => {
                saved.set(None);
                errors.set(
                    problems
                        .into_iter()
                        .map(|problem| FieldError {
                            field: problem.field.id(),
                            message: problem.to_string(),
                        })
                        .collect(),
                );
            }
        }
    };

    let error_of = move |field: DetailsField| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|error| error.field == field.id())
                    .map(|error| error.message.clone())
            })
        }
    };
    // The ids describing a field: its hint, and its problem while it has one.
    let described = move |field: DetailsField| {
        move || {
            let mut ids = Vec::new();
            if !field.hint().is_empty() {
                ids.push(format!("{}-hint", field.id()));
            }
            if error_of(field)().is_some() {
                ids.push(format!("{}-error", field.id()));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let field_view = move |field: DetailsField, input: AnyView| {
        let id = field.id();
        let error = error_of(field);
        view! {
            <div class="field" class:field--error=move || error().is_some()>
                <label for=id>{field.label()}</label>
                {(!field.hint().is_empty())
                    .then(|| view! { <p class="hint" id=format!("{id}-hint")>{field.hint()}</p> })}
                {move || {
                    error()
                        .map(|text| view! { <p class="field-error" id=format!("{id}-error")>{text}</p> })
                }}
                {input}
            </div>
        }
    };
    let text = move |field: DetailsField,
                     width: &'static str,
                     get: fn(&SchoolDetailsDraft) -> &String,
                     set: fn(&mut SchoolDetailsDraft, String)| {
        let error = error_of(field);
        let input = view! {
            <input
                id=field.id()
                type="text"
                class=format!("text-input {width}")
                spellcheck="false"
                aria-describedby=described(field)
                aria-invalid=move || error().is_some().then_some("true")
                prop:value=move || form.with(|f| get(f).clone())
                on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
            />
        }
        .into_any();
        field_view(field, input)
    };
    let phase = {
        let field = DetailsField::Phase;
        let options = SchoolPhase::ALL
            .into_iter()
            .map(|phase| {
                view! {
                    <option
                        value=phase_value(phase)
                        selected=move || form.with(|f| f.phase == Some(phase))
                    >
                        {phase.label()}
                    </option>
                }
            })
            .collect_view();
        let input = view! {
            <select
                id=field.id()
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let chosen = value
                        .parse::<usize>()
                        .ok()
                        .and_then(|at| SchoolPhase::ALL.get(at).copied());
                    form.update(|f| f.phase = chosen);
                }
            >
                <option value=NO_PHASE selected=move || form.with(|f| f.phase.is_none())>
                    "Not given"
                </option>
                {options}
            </select>
        }
        .into_any();
        field_view(field, input)
    };

    view! {
        <section class="school-details" aria-labelledby="settings-school">
            <h2 id="settings-school" tabindex="-1">
                "School details"
            </h2>
            <p>
                "Who the school is, for prints, Excel exports and the school figures you share. Every detail is optional."
            </p>
            <ErrorSummary
                errors=errors
                note="The school details were not saved; the details saved before are kept."
                level=3
            />
            {move || saved.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <form on:submit=save novalidate=true>
                {text(
                    DetailsField::SchoolName,
                    "text-input--wide",
                    |f| &f.school_name,
                    |f, v| f.school_name = v,
                )}
                {text(DetailsField::Urn, "text-input--short", |f| &f.urn, |f, v| f.urn = v)}
                {text(
                    DetailsField::DfeNumber,
                    "text-input--short",
                    |f| &f.dfe_number,
                    |f, v| f.dfe_number = v,
                )}
                {phase}
                {text(
                    DetailsField::LocalAuthority,
                    "",
                    |f| &f.local_authority,
                    |f, v| f.local_authority = v,
                )}
                <button type="submit" class="button">
                    "Save school details"
                </button>
            </form>
        </section>
    }
}
