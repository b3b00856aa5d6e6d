//! The curricular target form: **Add a target** under the pupil's targets, and the same
//! form filled in to edit one. It holds a `core::targets::curricular::CurricularDraft`;
//! core checks it (the target's words, UK dates, a review not before it was set) and the
//! form shows each problem beside its field and in a "There is a problem" summary. The
//! workspace changes only when core accepts the target.

use crate::core::targets::curricular::{
    CurricularDraft, CurricularField, CurricularProblem, CurricularProgress, Horizon,
};
use crate::ui::components::{EnumSelect, ErrorSummary, FieldError};
use crate::ui::typed_text::warn_while;
use leptos::prelude::*;

/// Which form: the one adding targets, or the one editing a target (their fields have
/// ids of their own, so both can be on the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FormKind {
    Add,
    Edit,
}

impl FormKind {
    /// The id of a field's input.
    fn id(self, field: &str) -> &'static str {
        match (self, field) {
            (FormKind::Add, "horizon") => "target-horizon",
            (FormKind::Add, "area") => "target-area",
            (FormKind::Add, "text") => "target-text",
            (FormKind::Add, "set-on") => "target-set-on",
            (FormKind::Add, "review-on") => "target-review-on",
            (FormKind::Add, "pupil-set") => "target-pupil-set",
            (FormKind::Add, "parents-set") => "target-parents-set",
            (FormKind::Add, "pupil-reviewed") => "target-pupil-reviewed",
            (FormKind::Add, "parents-reviewed") => "target-parents-reviewed",
            (FormKind::Add, "progress") => "target-progress",
            (FormKind::Add, "notes") => "target-review-notes",
            (FormKind::Add, _) => "target-heading",
            (FormKind::Edit, "horizon") => "edit-target-horizon",
            (FormKind::Edit, "area") => "edit-target-area",
            (FormKind::Edit, "text") => "edit-target-text",
            (FormKind::Edit, "set-on") => "edit-target-set-on",
            (FormKind::Edit, "review-on") => "edit-target-review-on",
            (FormKind::Edit, "pupil-set") => "edit-target-pupil-set",
            (FormKind::Edit, "parents-set") => "edit-target-parents-set",
            (FormKind::Edit, "pupil-reviewed") => "edit-target-pupil-reviewed",
            (FormKind::Edit, "parents-reviewed") => "edit-target-parents-reviewed",
            (FormKind::Edit, "progress") => "edit-target-progress",
            (FormKind::Edit, "notes") => "edit-target-review-notes",
            (FormKind::Edit, _) => "edit-target-heading",
        }
    }

    /// The input a problem is about.
    fn for_problem(self, field: CurricularField) -> &'static str {
        match field {
            CurricularField::Text => self.id("text"),
            CurricularField::SetOn => self.id("set-on"),
            CurricularField::ReviewOn => self.id("review-on"),
        }
    }
}

/// Why the form's target was not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NotKept {
    /// What to put right, field by field.
    Problems(Vec<CurricularProblem>),
    /// The target being edited is no longer saved (deleted in another tab).
    Gone(String),
}

/// The form. `save` keeps the target (through core) or says why not.
#[component]
pub(super) fn TargetForm(
    kind: FormKind,
    /// The form's heading, also its accessible name.
    heading: String,
    /// What the fields start with.
    initial: CurricularDraft,
    /// The submit button's words.
    submit: &'static str,
    /// Keeps the target; `Err` to show what is wrong.
    save: Callback<CurricularDraft, Result<(), NotKept>>,
    /// Closes an edit form without saving (none for the add form, which empties instead).
    #[prop(optional)]
    cancel: Option<Callback<()>>,
) -> impl IntoView {
    let heading_id = kind.id("heading");
    let horizon = RwSignal::new(initial.horizon);
    let progress = RwSignal::new(initial.progress);
    let form = RwSignal::new(initial.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // Typed but not kept yet: leaving the page asks first.
    let starting = initial.clone();
    warn_while(Signal::derive(move || {
        form.with(|now| {
            let trimmed = |d: &CurricularDraft| {
                [&d.area, &d.text, &d.set_on, &d.review_on, &d.review_notes]
                    .map(|t| t.trim().to_string())
            };
            trimmed(now) != trimmed(&starting)
        })
    }));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut draft = form.get_untracked();
        draft.horizon = horizon.get_untracked();
        draft.progress = progress.get_untracked();
        match save.run(draft) {
            Ok(()) => {
                errors.set(Vec::new());
                if cancel.is_none() {
                    form.set(CurricularDraft::default());
                    horizon.set(Horizon::Short);
                    progress.set(CurricularProgress::NotYetReviewed);
                }
            }
            Err(NotKept::Problems(problems)) => errors.set(
                problems
                    .into_iter()
                    .map(|problem| FieldError {
                        field: kind.for_problem(problem.field),
                        message: problem.message,
                    })
                    .collect(),
            ),
            Err(NotKept::Gone(message)) => errors.set(vec![FieldError {
                field: kind.id("text"),
                message,
            }]),
        }
    };
    // The problem with the field whose input is `id`, if any.
    let error_of = move |id: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|error| error.field == id)
                    .map(|error| error.message.clone())
            })
        }
    };
    // A text box (or a text area) bound to one field, its hint and problem under the label.
    let text = move |field: &'static str,
                     label: &'static str,
                     hint: &'static str,
                     multiline: bool,
                     get: fn(&CurricularDraft) -> &String,
                     set: fn(&mut CurricularDraft, String)| {
        let id = kind.id(field);
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
        let input = if multiline {
            view! {
                <textarea
                    id=id
                    class="notes"
                    rows="2"
                    aria-describedby=described
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                ></textarea>
            }
            .into_any()
        } else {
            view! {
                <input
                    id=id
                    type="text"
                    class="text-input"
                    aria-describedby=described
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || form.with(|f| get(f).clone())
                    on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))
                />
            }
            .into_any()
        };
        view! {
            <div class="field" class:field--error=move || error().is_some()>
                <label for=id>{label}</label>
                {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
                {move || error().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
                {input}
            </div>
        }
    };
    let tick = move |field: &'static str,
                     label: &'static str,
                     get: fn(&CurricularDraft) -> bool,
                     set: fn(&mut CurricularDraft, bool)| {
        let id = kind.id(field);
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
    const DATE_HINT: &str = "For example, 13/03/2026";

    view! {
        <form
            class="target-form"
            aria-labelledby=heading_id
            novalidate
            on:submit=on_submit
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    if let Some(cancel) = cancel {
                        ev.prevent_default();
                        cancel.run(());
                    }
                }
            }
        >
            <h3 id=heading_id tabindex="-1">{heading}</h3>
            <ErrorSummary errors=errors level=3 />
            <EnumSelect
                id=kind.id("horizon")
                label="How far ahead"
                options=&Horizon::ALL
                text=|h: &Horizon| h.label()
                value=horizon
            />
            {text("area", "Area", "The subject or area, such as Reading or Social communication.", false, |f| &f.area, |f, v| f.area = v)}
            {text("text", "Target", "What the pupil will be able to do, in words they and their parents understand.", true, |f| &f.text, |f, v| f.text = v)}
            <div class="field-row">
                {text("set-on", "Set on", DATE_HINT, false, |f| &f.set_on, |f, v| f.set_on = v)}
                {text("review-on", "Review on", DATE_HINT, false, |f| &f.review_on, |f, v| f.review_on = v)}
            </div>
            <fieldset class="fieldset">
                <legend>"Who took part"</legend>
                {tick("pupil-set", "Pupil took part in setting it", |f| f.pupil_set, |f, on| f.pupil_set = on)}
                {tick("parents-set", "Parents took part in setting it", |f| f.parents_set, |f, on| f.parents_set = on)}
                {tick("pupil-reviewed", "Pupil took part in reviewing it", |f| f.pupil_reviewed, |f, on| f.pupil_reviewed = on)}
                {tick("parents-reviewed", "Parents took part in reviewing it", |f| f.parents_reviewed, |f, on| f.parents_reviewed = on)}
            </fieldset>
            <EnumSelect
                id=kind.id("progress")
                label="Progress"
                options=&CurricularProgress::ALL
                text=|p: &CurricularProgress| p.label()
                value=progress
            />
            {text("notes", "What was agreed at review", "", true, |f| &f.review_notes, |f, v| f.review_notes = v)}
            <div class="button-row">
                <button type="submit" class="button">{submit}</button>
                {cancel.map(|cancel| {
                    view! {
                        <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>
                            "Cancel"
                        </button>
                    }
                })}
            </div>
        </form>
    }
}
