//! All pupils: every pupil in the planner grid, with a search box and a filter bar that
//! builds a cohort (every chosen condition must hold) and can save it by name.
//!
//! The pupils come first: the bar above the grid holds the search box, a **Filters**
//! button that opens the filter panel on demand (`aria-expanded`), and each active filter
//! as a chip (a button "Remove filter: …", described by `planner_table::describe`).

use crate::core::cohort::{cohort_by_id, Cohort, CohortId};
use crate::core::planner_table::{
    describe, describe_all, describe_saved_cohort, filter_rows, rag_totals_of, sort_rows,
    summary_line, Filter, FilterChoice, Sort,
};
use crate::core::scoring::{AttainmentLevel, Factor, MarkerLevel, Rag};
use crate::core::value::{Percent, PrimaryNeed, SenStatus, YearGroup};
use crate::ui::components::{EmptyState, ExportButtons, PrivacyToggle, PupilGrid};
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::state::{pupil_key, use_app_state};
use crate::web::timing;
use leptos::html::Button;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What one chip removes: a choice of the filter panel, or the saved cohort chosen there.
#[derive(Clone, Copy, PartialEq)]
enum Chip {
    Choice(FilterChoice),
    SavedCohort,
}

/// The All pupils page.
#[component]
pub fn AllPupilsPage() -> impl IntoView {
    let state = use_app_state();
    let has_pupils = Memo::new(move |_| state.pupil_count() > 0);
    view! {
        <h1>"All pupils"</h1>
        {move || {
            if has_pupils.get() {
                view! { <AllPupilsView /> }.into_any()
            } else {
                view! {
                    <EmptyState
                        message="Every pupil appears here with their resilience factors and markers. There are no pupils yet: import your pupil spreadsheet first."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn AllPupilsView() -> impl IntoView {
    let state = use_app_state();
    let filter = RwSignal::new(Filter::default());
    let query = RwSignal::new(String::new());
    let saved_choice = RwSignal::new(None::<CohortId>);
    let sort = RwSignal::new(None::<Sort>);

    let conditions = Memo::new(move |_| {
        let mut conditions = filter.with(Filter::conditions);
        if let Some(id) = saved_choice.get() {
            state.work.cohorts().with(|cohorts| {
                if let Some(cohort) = cohort_by_id(cohorts, id) {
                    conditions.extend(cohort.conditions.iter().cloned());
                }
            });
        }
        conditions
    });

    // The timing marks ("planner:rows", "planner:filter", "planner:sort") are read by the
    // benchmark (scripts/bench.sh) for the compute-only cost of a sort or filter.
    let rows = Memo::new(move |_| {
        let conditions = conditions.get();
        let query = query.get();
        let sort = sort.get();
        let scored = state.scored.get();
        let focus_keys = state.work.focus().get();
        timing::measure("planner:rows", || {
            state.work.data_drop().with(|drop| {
                let Some(drop) = drop else {
                    return Arc::new(Vec::new());
                };
                let focus: Vec<bool> = if focus_keys.is_empty() {
                    Vec::new()
                } else {
                    drop.pupils
                        .iter()
                        .map(|p| focus_keys.contains(&pupil_key(p)))
                        .collect()
                };
                let mut rows = timing::measure("planner:filter", || {
                    filter_rows(&drop.pupils, &scored.scores, &focus, &conditions, &query)
                });
                if let Some(sort) = sort {
                    timing::measure("planner:sort", || {
                        sort_rows(&mut rows, &drop.pupils, &scored.scores, sort)
                    });
                }
                Arc::new(rows)
            })
        })
    });

    let summary = move || {
        let scored = state.scored.get();
        let rows = rows.get();
        let all = state.pupil_count();
        let line = summary_line(rows.len(), rag_totals_of(&scored.scores, &rows));
        if rows.len() == all {
            line
        } else {
            format!("{line} (of {all} pupils)")
        }
    };

    let cohort_name = RwSignal::new(String::new());
    let save_message = RwSignal::new(None::<(bool, String)>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = cohort_name.get_untracked().trim().to_string();
        if name.is_empty() {
            save_message.set(Some((false, "Enter a name for the cohort".to_string())));
            return;
        }
        let conditions = conditions.get_untracked();
        let count = rows.with_untracked(|rows| rows.len());
        state.work.cohorts().update(|cohorts| {
            // Saving over a cohort of the same name keeps its id.
            let id = cohorts
                .iter()
                .find(|c| c.name == name)
                .map_or_else(|| CohortId::next(cohorts), |c| c.id);
            cohorts.retain(|c| c.name != name);
            cohorts.push(Cohort {
                id,
                name: name.clone(),
                conditions,
            });
        });
        cohort_name.set(String::new());
        save_message.set(Some((
            true,
            format!(
                "Saved the cohort “{name}” ({count} pupils now). Compare it on the Cohorts page."
            ),
        )));
    };

    let clear = move |_| {
        filter.set(Filter::default());
        query.set(String::new());
        saved_choice.set(None);
    };
    let anything_set = move || {
        !filter.with(Filter::is_empty)
            || saved_choice.get().is_some()
            || !query.with(|q| q.trim().is_empty())
    };

    let filters_open = RwSignal::new(false);
    let toggle = NodeRef::<Button>::new();
    // Each active filter as a chip: what it removes and how core describes it.
    let chips = Memo::new(move |_| {
        let mut chips: Vec<(Chip, String, Option<String>)> = filter.with(|f| {
            f.choices()
                .into_iter()
                .map(|(choice, condition)| {
                    (
                        Chip::Choice(choice),
                        describe(&condition, state.shown()),
                        None,
                    )
                })
                .collect()
        });
        if let Some(id) = saved_choice.get() {
            state.work.cohorts().with(|cohorts| {
                if let Some(cohort) = cohort_by_id(cohorts, id) {
                    chips.push((
                        Chip::SavedCohort,
                        describe_saved_cohort(cohort),
                        Some(describe_all(&cohort.conditions, state.shown())),
                    ));
                }
            });
        }
        chips
    });
    // Removing a chip takes its button away, so focus moves to the chip now in its place,
    // or the one before, or the Filters button when none is left.
    let remove = move |chip: Chip, position: usize| {
        match chip {
            Chip::Choice(choice) => filter.update(|f| f.clear(choice)),
            Chip::SavedCohort => saved_choice.set(None),
        }
        request_animation_frame(move || {
            let chip_button = |n: usize| {
                document()
                    .query_selector(&format!(".filter-chips li:nth-child({n}) button"))
                    .ok()
                    .flatten()
            };
            let next = chip_button(position + 1)
                .or_else(|| (position > 0).then(|| chip_button(position)).flatten())
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            match next {
                Some(el) => {
                    let _ = el.focus();
                }
                None => {
                    if let Some(button) = toggle.get_untracked() {
                        let _ = button.focus();
                    }
                }
            }
        });
    };
    let chip_list = move || {
        chips
            .get()
            .into_iter()
            .enumerate()
            .map(|(position, (chip, text, title))| {
                view! {
                    <li>
                        <button
                            type="button"
                            class="chip"
                            title=title
                            aria-label=format!("Remove filter: {text}")
                            on:click=move |_| remove(chip, position)
                        >
                            <span class="chip__text">{text.clone()}</span>
                            <span class="chip__remove" aria-hidden="true">"×"</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <p class="lede">
            "Every pupil, with their resilience factors, overall indicator and markers. Use Filters to find a group, then save it as a cohort."
        </p>
        <div class="filter-toolbar">
            <div class="field field--search">
                <label for="pupil-search">"Search by name or UPN"</label>
                <input
                    id="pupil-search"
                    type="search"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </div>
            <button
                type="button"
                class="button button--secondary filter-toggle"
                aria-expanded=move || if filters_open.get() { "true" } else { "false" }
                aria-controls="filter-panel"
                node_ref=toggle
                on:click=move |_| filters_open.update(|open| *open = !*open)
            >
                "Filters"
                <span class="filter-toggle__arrow" aria-hidden="true"></span>
            </button>
            <ul class="filter-chips" aria-label="Active filters">
                {chip_list}
            </ul>
            {move || {
                anything_set()
                    .then(|| {
                        view! {
                            <button type="button" class="button button--secondary" on:click=clear>
                                "Clear filters"
                            </button>
                        }
                    })
            }}
        </div>
        <div id="filter-panel" class="filter-panel" hidden=move || !filters_open.get()>
            <FilterBar filter=filter saved_choice=saved_choice />
            <form class="save-cohort" on:submit=save>
                <label for="cohort-name">"Cohort name"</label>
                <input
                    id="cohort-name"
                    type="text"
                    prop:value=move || cohort_name.get()
                    on:input=move |ev| cohort_name.set(event_target_value(&ev))
                />
                <button type="submit" class="button">"Save as cohort"</button>
            </form>
        </div>
        {move || {
            save_message
                .get()
                .map(|(ok, text)| {
                    if ok {
                        view! { <p class="notice" role="status">{text}</p> }.into_any()
                    } else {
                        view! { <p class="error-message" role="alert">{text}</p> }.into_any()
                    }
                })
        }}
        // On paper there are no chips: the filters print as a sentence.
        <p class="filter-description print-only">
            "Showing: " {move || conditions.with(|c| describe_all(c, state.shown()))}
        </p>
        <div class="planner-toolbar">
            <p class="planner-summary" aria-live="polite">{summary}</p>
            <PrivacyToggle />
        </div>
        <ExportButtons table=("All pupils", Signal::from(rows)) />
        <p class="grid-help">
            "Use the arrow keys to move around the table and Enter to open a pupil's profile. "
            <a href="#help">"What do the columns mean?"</a>
        </p>
        {move || {
            (rows.with(|rows| rows.is_empty()))
                .then(|| view! { <p class="notice">"No pupils match these filters."</p> })
        }}
        <PupilGrid label="All pupils" rows=rows sort=sort />
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

/// The filter bar: every condition from `core::cohort::Condition` as a choice.
#[component]
fn FilterBar(filter: RwSignal<Filter>, saved_choice: RwSignal<Option<CohortId>>) -> impl IntoView {
    let state = use_app_state();
    let (years, classes) = state.work.data_drop().with_untracked(|drop| {
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
    let year_options = years.into_iter().map(|y| (y.label(), y)).collect();
    let class_options: Vec<(String, String)> =
        classes.into_iter().map(|c| (c.clone(), c)).collect();
    let sen_options = [
        SenStatus::NoSen,
        SenStatus::SenSupport,
        SenStatus::EhcPlan,
        SenStatus::SchoolAction,
        SenStatus::SchoolActionPlus,
        SenStatus::Statement,
    ]
    .into_iter()
    .map(|s| (format!("{} ({})", s.label(), s.code()), s))
    .collect();
    let need_options = PrimaryNeed::all()
        .iter()
        .map(|n| (format!("{} – {}", n.code(), n.label()), *n))
        .collect();
    let rag_options = [Rag::Red, Rag::Amber, Rag::Green]
        .into_iter()
        .map(|r| (r.label().to_string(), r))
        .collect();
    let marker_options = || {
        [
            MarkerLevel::Red,
            MarkerLevel::Amber,
            MarkerLevel::None,
            MarkerLevel::Unknown,
        ]
        .into_iter()
        .map(|m| (m.label().to_string(), m))
        .collect::<Vec<_>>()
    };
    let attainment_options = [
        AttainmentLevel::Low,
        AttainmentLevel::Expected,
        AttainmentLevel::High,
        AttainmentLevel::NoTarget,
        AttainmentLevel::Unknown,
    ]
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
                            filter
                                .update(|f| {
                                    f.factors.retain(|x| *x != factor);
                                    if on {
                                        f.factors.push(factor);
                                    }
                                });
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
                </div>
            }
        })
    };

    view! {
        <fieldset class="filter-bar">
            <legend>"Filter pupils (every choice must match)"</legend>
            <div class="filter-grid">
                {choice(filter, "filter-year", "Year group", year_options, |f| f.year_group, |f, v| f.year_group = v)}
                {move || {
                    // Privacy display mode names no class, not even in the choices.
                    (!state.shown().is_private())
                        .then(|| choice(filter, "filter-class", "Class", class_options.clone(), |f| f.class.clone(), |f, v| f.class = v))
                }}
                {choice(filter, "filter-sen", "SEN status", sen_options, |f| f.sen_status, |f, v| f.sen_status = v)}
                {choice(filter, "filter-need", "Primary need", need_options, |f| f.primary_need, |f, v| f.primary_need = v)}
                {choice(filter, "filter-rag", "Overall (RAG)", rag_options, |f| f.rag, |f, v| f.rag = v)}
                {attendance_limit(filter, "filter-attendance-max", "Attendance at or below (%)", |f| f.attendance_at_most, |f, v| f.attendance_at_most = v)}
                {attendance_limit(filter, "filter-attendance-min", "Attendance at or above (%)", |f| f.attendance_at_least, |f, v| f.attendance_at_least = v)}
                {choice(filter, "filter-attendance-marker", "Attendance marker", marker_options(), |f| f.attendance_marker, |f, v| f.attendance_marker = v)}
                {choice(filter, "filter-exclusions-marker", "Exclusions marker", marker_options(), |f| f.exclusions_marker, |f, v| f.exclusions_marker = v)}
                {choice(filter, "filter-attainment", "Attainment", attainment_options, |f| f.attainment, |f, v| f.attainment = v)}
                {choice(filter, "filter-summer", "Summer-born", yes_no(), |f| f.summer_born, |f, v| f.summer_born = v)}
                {choice(filter, "filter-disadvantaged", "Disadvantaged (FSM or PP)", yes_no(), |f| f.disadvantaged, |f, v| f.disadvantaged = v)}
                {choice(filter, "filter-eal", "EAL", yes_no(), |f| f.eal, |f, v| f.eal = v)}
                {choice(filter, "filter-cla", "Looked after (CLA)", yes_no(), |f| f.looked_after, |f, v| f.looked_after = v)}
                {choice(filter, "filter-focus", "Focus", yes_no(), |f| f.focus, |f, v| f.focus = v)}
                {saved}
            </div>
            <fieldset class="filter-factors">
                <legend>"Resilience factor markers coloured"</legend>
                {factor_boxes}
            </fieldset>
        </fieldset>
    }
}
