//! The All pupils filter bar: every condition of `core::cohort::Condition` as a choice
//! (ticked boxes, selects and attendance limits), editing one `planner_table::Filter`; a
//! field with several values ticked matches any of them. The page owns the filter and
//! shows each active choice as a chip.

use crate::core::cohort::CohortId;
use crate::core::planner_table::{
    set_in, Filter, ATTAINMENT_LEVELS, EAL_PROFICIENCIES, GENDERS, MARKER_LEVELS, RAGS,
    SEN_STATUSES,
};
use crate::core::schools::{is_la_file, school_choices, SchoolRef};
use crate::core::scoring::Factor;
use crate::core::value::{Percent, PrimaryNeed, YearGroup};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;
use std::sync::Arc;

/// A group of checkboxes for one field of the filter bar: any ticked value matches.
fn choice_group<T: Clone + PartialEq + Send + Sync + 'static>(
    filter: RwSignal<Filter>,
    id: &'static str,
    legend: &'static str,
    options: Vec<(String, T)>,
    get: fn(&Filter) -> &Vec<T>,
    field: fn(&mut Filter) -> &mut Vec<T>,
) -> impl IntoView {
    let boxes = options
        .into_iter()
        .enumerate()
        .map(|(i, (text, value))| {
            let box_id = format!("{id}-{i}");
            let checked = {
                let value = value.clone();
                move || filter.with(|f| get(f).contains(&value))
            };
            view! {
                <div class="checkbox">
                    <input
                        type="checkbox"
                        id=box_id.clone()
                        prop:checked=checked
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            filter.update(|f| set_in(field(f), value.clone(), on));
                        }
                    />
                    <label for=box_id>{text}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="filter-field filter-choices" id=id>
            <legend>{legend}</legend>
            {boxes}
        </fieldset>
    }
}

/// One select of the filter bar: "Any" or one of `options`.
fn choice<T: Clone + PartialEq + Send + Sync + 'static>(
    filter: RwSignal<Filter>,
    id: &'static str,
    label: &'static str,
    options: Vec<(String, T)>,
    get: impl Fn(&Filter) -> Option<T> + Send + Sync + Copy + 'static,
    set: impl Fn(&mut Filter, Option<T>) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let options = Arc::new(options);
    let current = {
        let options = options.clone();
        move || {
            filter
                .with(|f| get(f))
                .and_then(|value| options.iter().position(|(_, v)| *v == value))
                .map(|i| i.to_string())
                .unwrap_or_default()
        }
    };
    let on_change = {
        let options = options.clone();
        move |ev| {
            let value = event_target_value(&ev);
            let chosen = value
                .parse::<usize>()
                .ok()
                .and_then(|i| options.get(i))
                .map(|(_, v)| v.clone());
            filter.update(|f| set(f, chosen));
        }
    };
    let items = options
        .iter()
        .enumerate()
        .map(|(i, (text, _))| view! { <option value=i.to_string()>{text.clone()}</option> })
        .collect_view();
    view! {
        <div class="filter-field">
            <label for=id>{label}</label>
            <select id=id prop:value=current on:change=on_change>
                <option value="">"Any"</option>
                {items}
            </select>
        </div>
    }
}

fn yes_no() -> Vec<(String, bool)> {
    vec![("Yes".to_string(), true), ("No".to_string(), false)]
}

/// A percentage box for an attendance limit: blank for none; text that is not a
/// percentage is shown as a problem and leaves the limit off.
fn attendance_limit(
    filter: RwSignal<Filter>,
    id: &'static str,
    label: &'static str,
    get: impl Fn(&Filter) -> Option<Percent> + Send + Sync + Copy + 'static,
    set: impl Fn(&mut Filter, Option<Percent>) + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let problem = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    // A limit removed elsewhere (its chip, or Clear filters) empties the box too; text
    // that is not a percentage stays, with its message, until it is corrected.
    Effect::new(move |_| {
        let limit = filter.with(|f| get(f));
        if limit.is_none() && !problem.get_untracked() && !text.with_untracked(String::is_empty) {
            text.set(String::new());
        }
    });
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="filter-field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                inputmode="decimal"
                class="input--short"
                aria-describedby=move || problem.get().then(|| described.clone())
                aria-invalid=move || problem.get().then_some("true")
                prop:value=move || text.get()
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    text.set(typed.clone());
                    let text = typed;
                    let trimmed = text.trim().trim_end_matches('%').trim();
                    let parsed = if trimmed.is_empty() {
                        Ok(None)
                    } else {
                        Percent::parse(&format!("{trimmed}%"))
                    };
                    match parsed {
                        Ok(limit) => {
                            problem.set(false);
                            filter.update(|f| set(f, limit));
                        }
                        Err(_) => {
                            problem.set(true);
                            filter.update(|f| set(f, None));
                        }
                    }
                }
            />
            {move || {
                problem
                    .get()
                    .then(|| {
                        view! {
                            <span class="field-error" id=error_id.clone()>
                                "Enter a percentage from 0 to 100"
                            </span>
                        }
                    })
            }}
        </div>
    }
}

/// The filter bar: every condition from `core::cohort::Condition` as a choice; a field
/// with several values ticked matches any of them.
#[component]
pub fn FilterBar(
    /// The filter the choices edit.
    filter: RwSignal<Filter>,
    /// The saved cohort chosen in the bar, if any.
    saved_choice: RwSignal<Option<CohortId>>,
    /// A saved cohort's conditions are being edited in the bar.
    editing: Signal<bool>,
    /// Loads the chosen saved cohort's conditions into the bar to edit them.
    on_edit: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let (years, classes) = state.data_drop.with_untracked(|drop| {
        let mut years: Vec<YearGroup> = Vec::new();
        let mut classes: Vec<String> = Vec::new();
        if let Some(drop) = drop {
            for pupil in &drop.pupils {
                if let Some(year) = pupil.year_group {
                    if !years.contains(&year) {
                        years.push(year);
                    }
                }
                if let Some(class) = pupil.class.as_deref().map(str::trim) {
                    if !class.is_empty() && !classes.iter().any(|c| c == class) {
                        classes.push(class.to_string());
                    }
                }
            }
        }
        years.sort();
        classes.sort();
        (years, classes)
    });
    // An LA file's schools, named as the Schools table names them.
    let schools: Vec<SchoolRef> = state.data_drop.with_untracked(|drop| {
        drop.as_deref()
            .filter(|drop| is_la_file(drop))
            .map_or_else(Vec::new, |drop| school_choices(&drop.pupils))
    });
    let school_options: Vec<(String, SchoolRef)> = schools
        .into_iter()
        .map(|school| (school.label.clone(), school))
        .collect();
    let year_options = years.into_iter().map(|y| (y.label(), y)).collect();
    let class_options: Vec<(String, String)> =
        classes.into_iter().map(|c| (c.clone(), c)).collect();
    let sen_options = SEN_STATUSES
        .into_iter()
        .map(|s| (format!("{} ({})", s.label(), s.code()), s))
        .collect();
    let need_options = PrimaryNeed::all()
        .iter()
        .map(|n| (format!("{} – {}", n.code(), n.label()), *n))
        .collect();
    let gender_options = GENDERS
        .into_iter()
        .map(|g| (g.label().to_string(), g))
        .collect();
    let proficiency_options = EAL_PROFICIENCIES
        .into_iter()
        .map(|p| (format!("{} – {}", p.letter(), p.label()), p))
        .collect();
    let rag_options = RAGS
        .into_iter()
        .map(|r| (r.label().to_string(), r))
        .collect();
    let marker_options = || {
        MARKER_LEVELS
            .into_iter()
            .map(|m| (m.label().to_string(), m))
            .collect::<Vec<_>>()
    };
    let attainment_options = ATTAINMENT_LEVELS
        .into_iter()
        .map(|a| (a.label().to_string(), a))
        .collect();

    let factor_boxes = Factor::ALL
        .into_iter()
        .map(|factor| {
            let id = format!("filter-factor-{}", factor.label().to_lowercase());
            view! {
                <div class="checkbox">
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=move || filter.with(|f| f.factors.contains(&factor))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            filter.update(|f| set_in(&mut f.factors, factor, on));
                        }
                    />
                    <label for=id>{factor.label()}</label>
                </div>
            }
        })
        .collect_view();

    let saved = move || {
        let cohorts = state.work.cohorts().get();
        (!cohorts.is_empty()).then(|| {
            let items = cohorts
                .iter()
                .map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> })
                .collect_view();
            view! {
                <div class="filter-field">
                    <label for="filter-saved">"Saved cohort"</label>
                    <select
                        id="filter-saved"
                        prop:value=move || saved_choice.get().map(|id| id.to_string()).unwrap_or_default()
                        on:change=move |ev| saved_choice.set(CohortId::parse(&event_target_value(&ev)))
                    >
                        <option value="">"None"</option>
                        {items}
                    </select>
                    {move || {
                        (saved_choice.get().is_some() && !editing.get())
                            .then(|| {
                                view! {
                                    <button type="button" class="button button--secondary button--small" on:click=move |_| on_edit.run(())>
                                        "Edit this cohort’s conditions"
                                    </button>
                                }
                            })
                    }}
                </div>
            }
        })
    };

    view! {
        <fieldset class="filter-bar">
            <legend>"Filter pupils (every choice must match)"</legend>
            <p class="hint">
                "Tick more than one value in a field to find pupils with any of them, such as Year 7 or Year 8."
            </p>
            <div class="filter-grid">
                {(!school_options.is_empty())
                    .then(|| {
                        view! {
                            <div class="filter-choices--long">
                                {choice_group(filter, "filter-school", "School", school_options, |f| &f.schools, |f| &mut f.schools)}
                            </div>
                        }
                    })}
                {choice_group(filter, "filter-year", "Year group", year_options, |f| &f.year_groups, |f| &mut f.year_groups)}
                {move || {
                    // Privacy display mode names no class, not even in the choices.
                    (!state.shown().is_private())
                        .then(|| choice_group(filter, "filter-class", "Class", class_options.clone(), |f| &f.classes, |f| &mut f.classes))
                }}
                {choice_group(filter, "filter-sen", "SEN status", sen_options, |f| &f.sen_statuses, |f| &mut f.sen_statuses)}
                {choice_group(filter, "filter-need", "Primary need", need_options, |f| &f.primary_needs, |f| &mut f.primary_needs)}
                {choice_group(filter, "filter-gender", "Gender", gender_options, |f| &f.genders, |f| &mut f.genders)}
                {choice_group(filter, "filter-proficiency", "English proficiency (EAL)", proficiency_options, |f| &f.eal_proficiencies, |f| &mut f.eal_proficiencies)}
                {choice_group(filter, "filter-rag", "Overall (RAG)", rag_options, |f| &f.rags, |f| &mut f.rags)}
                {choice_group(filter, "filter-attendance-marker", "Attendance marker", marker_options(), |f| &f.attendance_markers, |f| &mut f.attendance_markers)}
                {choice_group(filter, "filter-exclusions-marker", "Exclusions marker", marker_options(), |f| &f.exclusions_markers, |f| &mut f.exclusions_markers)}
                {choice_group(filter, "filter-attainment", "Attainment", attainment_options, |f| &f.attainments, |f| &mut f.attainments)}
                {attendance_limit(filter, "filter-attendance-max", "Attendance at or below (%)", |f| f.attendance_at_most, |f, v| f.attendance_at_most = v)}
                {attendance_limit(filter, "filter-attendance-min", "Attendance at or above (%)", |f| f.attendance_at_least, |f, v| f.attendance_at_least = v)}
                {choice(filter, "filter-summer", "Summer-born", yes_no(), |f| f.summer_born, |f, v| f.summer_born = v)}
                {choice(filter, "filter-disadvantaged", "Disadvantaged (FSM or PP)", yes_no(), |f| f.disadvantaged, |f, v| f.disadvantaged = v)}
                {choice(filter, "filter-fsm", "Free school meals (FSM)", yes_no(), |f| f.fsm, |f, v| f.fsm = v)}
                {choice(filter, "filter-pp", "Pupil premium", yes_no(), |f| f.pupil_premium, |f, v| f.pupil_premium = v)}
                {choice(filter, "filter-eal", "EAL", yes_no(), |f| f.eal, |f, v| f.eal = v)}
                {choice(filter, "filter-cla", "Looked after (CLA)", yes_no(), |f| f.looked_after, |f, v| f.looked_after = v)}
                {choice(filter, "filter-focus", "Focus", yes_no(), |f| f.focus, |f, v| f.focus = v)}
                {choice(filter, "filter-provision", "In running provision", yes_no(), |f| f.in_provision, |f, v| f.in_provision = v)}
                {saved}
            </div>
            <fieldset class="filter-factors">
                <legend>"Resilience factor markers coloured"</legend>
                {factor_boxes}
            </fieldset>
        </fieldset>
    }
}
