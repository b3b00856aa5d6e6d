//! **Add a target** and **Edit target**: the form is a `targets::draft::TargetDraft`;
//! what it offers comes from `targets::choices`, the baseline from the data drop shown
//! (`TargetDraft::take_baseline`, saying which drop), the "Suggested: …" status from
//! `targets::view::draft_suggestion`. Every problem `TargetDraft::validate` finds is shown
//! beside its field and in a "There is a problem" summary; the workspace changes only once
//! the form is valid.

use crate::core::targets::choices::{choose_pupil, groups, measures, subjects, year_groups};
use crate::core::targets::draft::{TargetDraft, TargetField, TargetProblem};
use crate::core::targets::view::{draft_suggestion, LevelKind};
use crate::core::targets::{TargetGroup, TargetId, TargetLevel, TargetMeasure, TargetStatus};
use crate::core::value::YearGroup;
use crate::ui::components::{ErrorSummary, FieldError};
use crate::ui::state::{use_app_state, AppState, WorkspaceStoreFields};
use leptos::prelude::*;

use super::{shown_drop_at, with_measuring, PupilNames};

/// Which target the form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FormFor {
    /// A new target.
    New,
    /// The target with this id.
    Edit(TargetId),
}

/// The id of the level radio for each level.
fn level_radio(kind: LevelKind) -> &'static str {
    match kind {
        LevelKind::WholeSchool => "target-level-whole-school",
        LevelKind::YearGroup => "target-level-year-group",
        LevelKind::Group => "target-level-group",
        LevelKind::Pupil => "target-level-pupil",
    }
}

/// The id of the input a problem is about (for the level, the control of the level
/// chosen), for the summary's links and the message beside it.
fn field_id(field: TargetField, kind: LevelKind) -> &'static str {
    match field {
        TargetField::Level => match kind {
            LevelKind::WholeSchool => level_radio(kind),
            LevelKind::YearGroup => "target-year",
            LevelKind::Group => "target-group",
            LevelKind::Pupil => "target-pupil",
        },
        TargetField::Description => "target-description",
        TargetField::Measure => "target-measure",
        TargetField::Baseline => "target-baseline",
        TargetField::TargetValue => "target-value",
        TargetField::By => "target-by",
        TargetField::ReviewOn => "target-review",
    }
}

/// The form's choices of who a target is for, apart from the draft.
#[derive(Clone, Copy)]
struct Who {
    kind: RwSignal<LevelKind>,
    year: RwSignal<Option<YearGroup>>,
    group: RwSignal<Option<TargetGroup>>,
    group_year: RwSignal<Option<YearGroup>>,
    pupil_text: RwSignal<String>,
    /// For an edit of a pupil's target: the text the box was filled with and the pupil's
    /// key, kept while the text is unchanged.
    pupil_kept: StoredValue<Option<(String, String)>>,
}

impl Who {
    fn of(level: &TargetLevel, names: &PupilNames) -> Who {
        let who = Who {
            kind: RwSignal::new(LevelKind::of(level)),
            year: RwSignal::new(None),
            group: RwSignal::new(None),
            group_year: RwSignal::new(None),
            pupil_text: RwSignal::new(String::new()),
            pupil_kept: StoredValue::new(None),
        };
        match level {
            TargetLevel::WholeSchool => {}
            TargetLevel::YearGroup(year) => who.year.set(Some(*year)),
            TargetLevel::Group { group, year } => {
                who.group.set(Some(*group));
                who.group_year.set(*year);
            }
            TargetLevel::Pupil(key) => {
                let text = names.name(key);
                who.pupil_text.set(text.clone());
                who.pupil_kept.set_value(Some((text, key.clone())));
            }
        }
        who
    }

    /// The level chosen (untracked), or the problem with the pupil typed.
    fn level(&self, state: &AppState, years: &[YearGroup]) -> Result<TargetLevel, TargetProblem> {
        match self.kind.get_untracked() {
            LevelKind::WholeSchool => Ok(TargetLevel::WholeSchool),
            LevelKind::YearGroup => Ok(TargetLevel::YearGroup(
                self.year
                    .get_untracked()
                    .or_else(|| years.first().copied())
                    .unwrap_or(YearGroup::Reception),
            )),
            LevelKind::Group => Ok(TargetLevel::Group {
                group: self.group.get_untracked().unwrap_or(TargetGroup::Standard(
                    crate::core::tracking::trends::StandardGroup::ALL[0],
                )),
                year: self.group_year.get_untracked(),
            }),
            LevelKind::Pupil => {
                let typed = self.pupil_text.get_untracked();
                if let Some((text, key)) = self.pupil_kept.get_value() {
                    if text == typed {
                        return Ok(TargetLevel::Pupil(key));
                    }
                }
                state.data_drop.with_untracked(|drop| {
                    let pupils = drop.as_ref().map_or(&[][..], |d| d.pupils.as_slice());
                    choose_pupil(pupils, &typed).map(TargetLevel::Pupil)
                })
            }
        }
    }
}

/// The add or edit form. `close` is called with what to say (`None` on Cancel).
#[component]
pub(super) fn TargetForm(which: FormFor, close: Callback<Option<String>>) -> impl IntoView {
    let state = use_app_state();
    let today = crate::web::clock::today();
    let start = match which {
        FormFor::New => Some(TargetDraft::default()),
        FormFor::Edit(id) => state
            .work
            .targets()
            .with_untracked(|book| book.target(id).map(TargetDraft::of)),
    };
    let Some(start) = start else {
        return view! { <p class="notice">"That target is no longer saved: it may have been deleted."</p> }
            .into_any();
    };
    let title = match which {
        FormFor::New => "Add a target".to_string(),
        FormFor::Edit(_) => format!("Edit target: {}", start.description),
    };
    let names = untrack(|| PupilNames::of(&state));
    let who = Who::of(&start.level, &names);
    let draft = RwSignal::new(start);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let baseline_note = RwSignal::new(String::new());
    let notice = RwSignal::new(String::new());

    // What the form offers, from every drop held and the saved cohorts.
    let years = Memo::new(move |_| {
        let tracking = state.tracking.get();
        year_groups(tracking.drops.iter().map(|h| h.drop.pupils.as_slice()))
    });
    let group_choices = Memo::new(move |_| state.work.cohorts().with(|c| groups(c)));
    let measure_choices = Memo::new(move |_| {
        let tracking = state.tracking.get();
        let mut offered = measures(&subjects(
            tracking.drops.iter().map(|h| h.drop.pupils.as_slice()),
        ));
        // A subject no drop records any more stays offered for the target that has it.
        if let Some(held) = draft.with_untracked(|d| d.measure.clone()) {
            if !offered.iter().any(|(m, _)| m.as_ref() == Some(&held)) {
                let label = held.label();
                offered.push((Some(held), label));
            }
        }
        offered
    });

    // The baseline from the drop shown, for the measure and pupils chosen.
    let refresh_baseline = move || {
        if draft.with_untracked(|d| d.measure.is_none()) {
            baseline_note.set(String::new());
            return;
        }
        let Ok(level) = who.level(&state, &years.get_untracked()) else {
            baseline_note.set(String::new());
            return;
        };
        let Some(at) = shown_drop_at(&state) else {
            baseline_note.set("No data drop is held yet: type a baseline if you have one.".into());
            return;
        };
        let period = state
            .tracking
            .get_untracked()
            .timeline
            .periods
            .get(at)
            .copied();
        let mut took = false;
        untrack(|| {
            with_measuring(&state, |measuring| {
                draft.update(|d| {
                    d.level = level;
                    took = d.take_baseline(measuring, at);
                });
            })
        });
        let period = period.map(|p| p.to_string()).unwrap_or_default();
        baseline_note.set(if took {
            format!("Taken from {period}, the data drop shown. You can change it.")
        } else {
            format!("{period} gives no figure for this: type a baseline if you have one.")
        });
    };

    // The planner's suggestion for the form as typed (only what it depends on is watched).
    let suggestion_inputs = Memo::new(move |_| {
        draft.with(|d| {
            (
                d.level.clone(),
                d.measure.clone(),
                d.baseline.clone(),
                d.baseline_from,
                d.target_value.clone(),
                d.by.clone(),
            )
        })
    });
    let suggestion = Memo::new(move |_| {
        suggestion_inputs.track();
        let typed = draft.get_untracked();
        with_measuring(&state, |measuring| {
            draft_suggestion(&typed, measuring, today)
        })
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let kind = who.kind.get_untracked();
        let mut typed = draft.get_untracked();
        let level_problem = match who.level(&state, &years.get_untracked()) {
            Ok(level) => {
                typed.level = level;
                None
            }
            Err(problem) => {
                typed.level = TargetLevel::WholeSchool;
                Some(problem)
            }
        };
        let checked = state.work.targets().with_untracked(|book| {
            state
                .work
                .cohorts()
                .with_untracked(|cohorts| typed.validate(&book.targets, cohorts, today))
        });
        let target = match (level_problem, checked) {
            (None, Ok(target)) => target,
            (level_problem, checked) => {
                let problems = level_problem
                    .into_iter()
                    .chain(checked.err().unwrap_or_default());
                errors.set(
                    problems
                        .map(|p| FieldError {
                            field: field_id(p.field, kind),
                            message: p.message,
                        })
                        .collect(),
                );
                return;
            }
        };
        errors.set(Vec::new());
        let description = target.description.clone();
        let mut outcome = Ok(());
        state.work.targets().update(|book| match which {
            FormFor::New => {
                book.add(target);
            }
            FormFor::Edit(_) => outcome = book.edit(target),
        });
        match (which, outcome) {
            (_, Err(problem)) => notice.set(problem.to_string()),
            (FormFor::New, Ok(())) => close.run(Some(format!("Added the target “{description}”."))),
            (FormFor::Edit(_), Ok(())) => {
                close.run(Some(format!("Saved the changes to “{description}”.")))
            }
        }
    };

    let error_of = move |id: &'static str| {
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|error| error.field == id)
                    .map(|error| error.message.clone())
            })
        }
    };
    // The message beside a field, and what the field is described by.
    let field_error = move |id: &'static str| {
        let error = error_of(id);
        let error_id = format!("{id}-error");
        move || error().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })
    };
    let described = move |id: &'static str, hint: bool| {
        let error = error_of(id);
        move || {
            let mut ids = Vec::new();
            if hint {
                ids.push(format!("{id}-hint"));
            }
            if error().is_some() {
                ids.push(format!("{id}-error"));
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // A text box bound to one field of the draft.
    let text = move |id: &'static str,
                     label: &'static str,
                     hint: Signal<String>,
                     wide: bool,
                     get: fn(&TargetDraft) -> &String,
                     set: fn(&mut TargetDraft, String)| {
        let error = error_of(id);
        view! {
            <div class="field">
                <label for=id>{label}</label>
                {move || {
                    let text = hint.get();
                    (!text.is_empty()).then(|| view! { <p class="hint" id=format!("{id}-hint")>{text}</p> })
                }}
                {field_error(id)}
                <input
                    id=id
                    type="text"
                    class=if wide { "text-input text-input--wide" } else { "text-input text-input--short" }
                    aria-describedby=described(id, !hint.get_untracked().is_empty())
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || draft.with(|d| get(d).clone())
                    on:input=move |ev| draft.update(|d| set(d, event_target_value(&ev)))
                />
            </div>
        }
    };
    let fixed = |words: &'static str| Signal::derive(move || words.to_string());
    let unit_hint = Signal::derive(move || {
        draft.with(|d| match &d.measure {
            Some(measure) => format!("The figure aimed for ({}).", measure.label()),
            None => "Optional without a measure.".to_string(),
        })
    });

    let level_radios = LevelKind::ALL
        .into_iter()
        .map(|kind| {
            let id = level_radio(kind);
            view! {
                <div class="radio">
                    <input
                        type="radio"
                        id=id
                        name="target-level"
                        prop:checked=move || who.kind.get() == kind
                        on:change=move |_| {
                            who.kind.set(kind);
                            refresh_baseline();
                        }
                    />
                    <label for=id>{kind.label()}</label>
                </div>
            }
        })
        .collect_view();

    // Every year group held, as options by place, the one chosen selected.
    let year_options = move |chosen: Signal<Option<YearGroup>>| {
        move || {
            let chosen = chosen.get();
            years
                .get()
                .into_iter()
                .enumerate()
                .map(|(at, year)| {
                    view! {
                        <option value=at.to_string() selected=Some(year) == chosen>{year.label()}</option>
                    }
                })
                .collect_view()
        }
    };
    let year_select = move || {
        (who.kind.get() == LevelKind::YearGroup).then(|| {
            view! {
                <div class="field">
                    <label for="target-year">"Which year group"</label>
                    {field_error("target-year")}
                    <select
                        id="target-year"
                        aria-describedby=described("target-year", false)
                        on:change=move |ev| {
                            let at = event_target_value(&ev).parse::<usize>().ok();
                            who.year.set(at.and_then(|at| years.get_untracked().get(at).copied()));
                            refresh_baseline();
                        }
                    >
                        {year_options(Signal::derive(move || {
                            who.year.get().or_else(|| years.get().first().copied())
                        }))}
                    </select>
                </div>
            }
        })
    };
    let group_select = move || {
        (who.kind.get() == LevelKind::Group).then(|| {
            view! {
                <div class="field">
                    <label for="target-group">"Which group"</label>
                    {field_error("target-group")}
                    <select
                        id="target-group"
                        aria-describedby=described("target-group", false)
                        on:change=move |ev| {
                            let at = event_target_value(&ev).parse::<usize>().ok();
                            who.group.set(at.and_then(|at| group_choices.get_untracked().get(at).map(|(g, _)| *g)));
                            refresh_baseline();
                        }
                    >
                        {move || {
                            let chosen = who.group.get();
                            group_choices
                                .get()
                                .into_iter()
                                .enumerate()
                                .map(|(at, (group, label))| view! {
                                    <option value=at.to_string() selected=Some(group) == chosen>{label}</option>
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="target-group-year">"Pupils of the group in"</label>
                    <select
                        id="target-group-year"
                        on:change=move |ev| {
                            let at = event_target_value(&ev).parse::<usize>().ok();
                            who.group_year.set(at.and_then(|at| years.get_untracked().get(at).copied()));
                            refresh_baseline();
                        }
                    >
                        <option value="all" selected=move || who.group_year.get().is_none()>"Every year group"</option>
                        {year_options(Signal::derive(move || who.group_year.get()))}
                    </select>
                </div>
            }
        })
    };
    let pupil_box = move || {
        (who.kind.get() == LevelKind::Pupil).then(|| {
            let error = error_of("target-pupil");
            view! {
                <div class="field">
                    <label for="target-pupil">"Pupil's UPN or name"</label>
                    <p class="hint" id="target-pupil-hint">"As in the data drop shown: their UPN, or their name as the planner shows it."</p>
                    {field_error("target-pupil")}
                    <input
                        id="target-pupil"
                        type="text"
                        class="text-input"
                        autocomplete="off"
                        aria-describedby=described("target-pupil", true)
                        aria-invalid=move || error().is_some().then_some("true")
                        prop:value=move || who.pupil_text.get()
                        on:input=move |ev| who.pupil_text.set(event_target_value(&ev))
                        on:change=move |_| refresh_baseline()
                    />
                </div>
            }
        })
    };

    let measure_select = {
        let error = error_of("target-measure");
        view! {
            <div class="field">
                <label for="target-measure">"Measure"</label>
                <p class="hint" id="target-measure-hint">
                    "What the planner works out from every data drop for the pupils chosen."
                </p>
                {field_error("target-measure")}
                <select
                    id="target-measure"
                    aria-describedby=described("target-measure", true)
                    aria-invalid=move || error().is_some().then_some("true")
                    on:change=move |ev| {
                        let at = event_target_value(&ev).parse::<usize>().ok();
                        let chosen: Option<TargetMeasure> = at
                            .and_then(|at| measure_choices.get_untracked().get(at).cloned())
                            .and_then(|(measure, _)| measure);
                        draft.update(|d| d.measure = chosen);
                        refresh_baseline();
                    }
                >
                    {move || {
                        let chosen = draft.with(|d| d.measure.clone());
                        measure_choices
                            .get()
                            .into_iter()
                            .enumerate()
                            .map(|(at, (measure, label))| view! {
                                <option value=at.to_string() selected=measure == chosen>{label}</option>
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };

    let status_select = view! {
        <div class="field">
            <label for="target-status">"Status"</label>
            <p class="hint" id="target-status-hint">
                "Leave it on the suggestion to follow the figures, or choose the status yourself."
            </p>
            <select
                id="target-status"
                aria-describedby="target-status-hint"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    let status = value.parse::<usize>().ok().and_then(|at| TargetStatus::ALL.get(at).copied());
                    draft.update(|d| d.status = status);
                }
            >
                <option value="suggested" selected=move || draft.with(|d| d.status.is_none())>
                    {move || format!(
                        "Suggested: {}",
                        suggestion.get().unwrap_or(TargetStatus::NotStarted).label()
                    )}
                </option>
                {TargetStatus::ALL
                    .into_iter()
                    .enumerate()
                    .map(|(at, status)| view! {
                        <option value=at.to_string() selected=move || draft.with(|d| d.status == Some(status))>
                            {status.label()}
                        </option>
                    })
                    .collect_view()}
            </select>
        </div>
    };

    let submit = match which {
        FormFor::New => "Add target",
        FormFor::Edit(_) => "Save changes",
    };
    view! {
        <section class="target-form" aria-labelledby="target-form-heading">
            <h2 id="target-form-heading" tabindex="-1">{title}</h2>
            <form aria-labelledby="target-form-heading" novalidate on:submit=save>
                <ErrorSummary errors=errors level=3 />
                <fieldset class="fieldset">
                    <legend>"Who is the target for?"</legend>
                    {level_radios}
                    {move || (who.kind.get() == LevelKind::WholeSchool).then(|| field_error(level_radio(LevelKind::WholeSchool)))}
                    {year_select}
                    {group_select}
                    {pupil_box}
                </fieldset>
                {text("target-description", "Description", fixed("What the school aims for, in words."), true, |d| &d.description, |d, v| d.description = v)}
                {measure_select}
                {text("target-baseline", "Baseline", Signal::derive(move || {
                    let note = baseline_note.get();
                    if note.is_empty() { "The figure when the target is set.".to_string() } else { note }
                }), false, |d| &d.baseline, |d, v| d.baseline = v)}
                {text("target-value", "Target value", unit_hint, false, |d| &d.target_value, |d, v| d.target_value = v)}
                {text("target-by", "By date", fixed("As dd/mm/yyyy."), false, |d| &d.by, |d, v| d.by = v)}
                {text("target-owner", "Owner", fixed("Who leads it."), true, |d| &d.owner, |d, v| d.owner = v)}
                {text("target-review", "Review date", fixed("When it is next looked at, as dd/mm/yyyy."), false, |d| &d.review_on, |d, v| d.review_on = v)}
                {status_select}
                <div class="field">
                    <label for="target-notes">"Notes"</label>
                    <textarea
                        id="target-notes"
                        class="text-area"
                        rows="2"
                        prop:value=move || draft.with(|d| d.notes.clone())
                        on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="submit" class="button">{submit}</button>
                " "
                <button type="button" class="button button--secondary" on:click=move |_| close.run(None)>
                    "Cancel"
                </button>
                <p role="status" class="notice-line">{move || notice.get()}</p>
            </form>
        </section>
    }
    .into_any()
}
