//! One prompt of a checklist and the school's answer to it: **How effective now** (the
//! four points, or not yet judged), **Development priority**, **Phase 1**–**3** dates typed
//! as dd/mm/yyyy, and **Notes**. Each control's accessible name is its label followed by
//! the prompt (`aria-labelledby`), so a screen reader says which prompt it belongs to.
//!
//! Every change goes through `core::self_evaluation::AnswerDraft` and is kept in the
//! workspace (and so autosaved) only when it is valid. A date that cannot be read, or a
//! phase before an earlier one, shows core's message beside the field, and the typed text
//! stays in the field while the saved answer is unchanged.

use super::DATE_HINT_ID;
use crate::core::self_evaluation::{AnswerDraft, Effectiveness, Phase, PromptAnswer, PromptId};
use crate::core::value::format_uk_date;
use crate::ui::state::{use_app_state, AppState, WorkspaceStoreFields};
use crate::ui::typed_text::TypedText;
use leptos::prelude::*;

/// Keeps `answer` for `prompt` in the workspace.
fn keep(state: AppState, prompt: PromptId, answer: PromptAnswer) {
    state
        .work
        .self_evaluation()
        .update(|evaluation| evaluation.set(prompt, answer));
}

/// The answer as saved now (untracked), as the form holds it.
fn saved_draft(state: AppState, prompt: PromptId) -> AnswerDraft {
    state.work.self_evaluation().with_untracked(|evaluation| {
        AnswerDraft::from_answer(&evaluation.answer(prompt).cloned().unwrap_or_default())
    })
}

/// Keeps a change that cannot make the answer invalid (the saved dates stay as they are).
fn change(state: AppState, prompt: PromptId, edit: impl FnOnce(&mut AnswerDraft)) {
    let mut draft = saved_draft(state, prompt);
    edit(&mut draft);
    if let Ok(answer) = draft.validate() {
        keep(state, prompt, answer);
    }
}

/// A phase's date field: what is typed while it differs from what is saved, and its
/// problem.
#[derive(Clone, Copy)]
struct DateField {
    phase: Phase,
    /// The text typed, while it is not (yet) the saved date; `None` shows the saved date.
    typed: RwSignal<Option<String>>,
    /// Core's message about it, if any.
    problem: RwSignal<Option<String>>,
}

/// One prompt and its answer.
#[component]
pub fn PromptRow(
    /// The prompt.
    prompt: PromptId,
) -> impl IntoView {
    let state = use_app_state();
    let slug = prompt.slug();
    let prompt_id = format!("{slug}-prompt");
    let saved = Memo::new(move |_| {
        state
            .work
            .self_evaluation()
            .with(|evaluation| evaluation.answer(prompt).cloned().unwrap_or_default())
    });
    let labelled = {
        let prompt_id = prompt_id.clone();
        move |label_id: &str| format!("{label_id} {prompt_id}")
    };

    // How effective now.
    let effectiveness_id = format!("{slug}-effectiveness");
    let effectiveness_label = format!("{effectiveness_id}-label");
    let options = Effectiveness::ALL
        .into_iter()
        .map(|point| {
            view! {
                <option
                    value=point.slug()
                    selected=move || saved.with(|a| a.effectiveness == Some(point))
                >
                    {point.label()}
                </option>
            }
        })
        .collect_view();
    let effectiveness = view! {
        <div class="se-field">
            <label id=effectiveness_label.clone() for=effectiveness_id.clone()>
                "How effective now"
            </label>
            <select
                id=effectiveness_id
                aria-labelledby=labelled(&effectiveness_label)
                on:change=move |ev| {
                    let chosen = Effectiveness::from_slug(&event_target_value(&ev));
                    change(state, prompt, |draft| draft.effectiveness = chosen);
                }
            >
                <option value="" selected=move || saved.with(|a| a.effectiveness.is_none())>
                    "Not yet judged"
                </option>
                {options}
            </select>
        </div>
    };

    // Development priority.
    let priority_id = format!("{slug}-priority");
    let priority_label = format!("{priority_id}-label");
    let priority = view! {
        <div class="se-field se-field--check">
            <input
                type="checkbox"
                id=priority_id.clone()
                aria-labelledby=labelled(&priority_label)
                prop:checked=move || saved.with(|a| a.priority)
                on:change=move |ev| {
                    let ticked = event_target_checked(&ev);
                    change(state, prompt, |draft| draft.priority = ticked);
                }
            />
            <label id=priority_label for=priority_id>
                "Development priority"
            </label>
        </div>
    };

    // Phase 1–3.
    let fields = Phase::ALL.map(|phase| DateField {
        phase,
        typed: RwSignal::new(None),
        problem: RwSignal::new(None),
    });
    // Checks every date field as typed together, and keeps them when all are valid.
    let commit_dates = move || {
        let mut draft = saved_draft(state, prompt);
        for field in fields {
            if let Some(text) = field.typed.get_untracked() {
                draft = draft.with_phase(field.phase, text);
            }
        }
        match draft.validate() {
            Ok(answer) => {
                keep(state, prompt, answer);
                for field in fields {
                    field.typed.set(None);
                    field.problem.set(None);
                }
            }
            Err(problems) => {
                for field in fields {
                    let said = problems
                        .iter()
                        .filter(|problem| problem.field() == field.phase)
                        .map(ToString::to_string)
                        .collect::<Vec<_>>();
                    field
                        .problem
                        .set((!said.is_empty()).then(|| said.join(" ")));
                }
            }
        }
    };
    let dates = fields
        .into_iter()
        .map(|field| {
            let id = format!("{slug}-{}", field.phase.slug());
            let label_id = format!("{id}-label");
            let error_id = format!("{id}-error");
            let described = {
                let error_id = error_id.clone();
                move || {
                    if field.problem.with(Option::is_some) {
                        format!("{error_id} {DATE_HINT_ID}")
                    } else {
                        DATE_HINT_ID.to_string()
                    }
                }
            };
            let shown = move || {
                field.typed.get().unwrap_or_else(|| {
                    saved.with(|a| a.phase(field.phase).map(format_uk_date).unwrap_or_default())
                })
            };
            view! {
                <div class="se-field se-field--date">
                    <label id=label_id.clone() for=id.clone()>
                        {field.phase.label()}
                    </label>
                    <input
                        type="text"
                        class="text-input se-date"
                        id=id
                        autocomplete="off"
                        spellcheck="false"
                        aria-labelledby=labelled(&label_id)
                        aria-describedby=described
                        aria-invalid=move || field.problem.with(Option::is_some).then_some("true")
                        prop:value=shown
                        on:input=move |ev| field.typed.set(Some(event_target_value(&ev)))
                        on:change=move |ev| {
                            field.typed.set(Some(event_target_value(&ev)));
                            commit_dates();
                        }
                    />
                    {move || {
                        field
                            .problem
                            .get()
                            .map(|text| {
                                view! {
                                    <p class="field-error" id=error_id.clone()>
                                        <span class="visually-hidden">"Error: "</span>
                                        {text}
                                    </p>
                                }
                            })
                    }}
                </div>
            }
        })
        .collect_view();

    // Notes, kept as typed (`ui::typed_text`).
    let notes_id = format!("{slug}-notes");
    let notes_label = format!("{notes_id}-label");
    let typed_notes = TypedText::new(state, move |text| {
        change(state, prompt, |draft| draft.notes = text);
    });
    let notes_shown = typed_notes.shown(move || saved.with(|a| a.notes.clone()));
    let notes = view! {
        <div class="se-field se-field--notes">
            <label id=notes_label.clone() for=notes_id.clone()>
                "Notes"
            </label>
            <textarea
                id=notes_id
                class="notes"
                rows="2"
                aria-labelledby=labelled(&notes_label)
                prop:value=notes_shown
                on:input=move |ev| typed_notes.input(event_target_value(&ev))
                on:change=move |ev| typed_notes.change(event_target_value(&ev))
            ></textarea>
        </div>
    };

    view! {
        <fieldset class="se-prompt" id=slug>
            <legend>
                <span class="se-prompt__letter" aria-hidden="true">
                    {format!("{})", prompt.letter())}
                </span>
                " "
                <span id=prompt_id.clone()>{prompt.text().unwrap_or_default()}</span>
            </legend>
            <div class="se-prompt__controls">{effectiveness} {priority} {dates}</div>
            {notes}
        </fieldset>
    }
}
