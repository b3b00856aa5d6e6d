//! All pupils: every pupil in the planner grid, with a search box and a filter bar that
//! builds a cohort (every chosen condition must hold) and can save it by name.
//!
//! The pupils come first: the bar above the grid holds the search box, a **Filters**
//! button that opens the filter panel on demand (`aria-expanded`), and each active filter
//! as a chip (a button "Remove filter: …", described by `planner_table::describe`).
//!
//! A field with several values ticked matches any of them (Year 7 or Year 8). The group
//! found is saved as a filter or as a fixed list of the pupils in it now; a saved cohort
//! chosen here can have its conditions loaded into the bar, edited and saved back. The
//! rules (names, what editing a fixed list does) are `core::cohort`'s.

use crate::core::cohort::{
    cohort_by_id, edit_cohort, keys_of, save_cohort, CohortId, CohortProblem, PupilFacts,
};
use crate::core::planner_table::{
    describe, describe_all, describe_cohort, describe_saved_cohort, filter_rows, rag_totals_of,
    search_matches, sort_rows, summary_line, Filter, FilterChoice, Sort,
};
use crate::core::schools::school_choices;
use crate::ui::components::{
    EmptyState, ExportButtons, FilterBar, PrivacyToggle, PupilGrid, SelectionBar,
};
use crate::ui::schools::{la_file, school_in_address};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::web::location;
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
    // Opened from the Schools page (`#all-pupils/school/<key>`): that school's pupils, the
    // school named as the Schools table and the filter bar name it.
    let school = school_in_address(&location::hash()).and_then(|key| {
        state.data_drop.with_untracked(|drop| {
            school_choices(&drop.as_deref()?.pupils)
                .into_iter()
                .find(|school| school.key == key)
        })
    });
    let filter = RwSignal::new(Filter {
        schools: school.into_iter().collect(),
        ..Filter::default()
    });
    // An LA file's grid has a School column; the grid is drawn again if that changes.
    let la = la_file(state);
    let query = RwSignal::new(String::new());
    let saved_choice = RwSignal::new(None::<CohortId>);
    let sort = RwSignal::new(None::<Sort>);

    // The conditions of the bar plus, when a saved cohort is chosen, its conditions (a
    // filter) — a fixed list is applied by its members in `rows`.
    let conditions = Memo::new(move |_| {
        let mut conditions = filter.with(Filter::conditions);
        if let Some(id) = saved_choice.get() {
            state.work.cohorts().with(|cohorts| {
                if let Some(cohort) = cohort_by_id(cohorts, id).filter(|c| !c.is_fixed()) {
                    conditions.extend(cohort.conditions.iter().cloned());
                }
            });
        }
        conditions
    });
    let chosen_fixed = Memo::new(move |_| {
        let id = saved_choice.get()?;
        state
            .work
            .cohorts()
            .with(|cohorts| cohort_by_id(cohorts, id).filter(|c| c.is_fixed()).cloned())
    });

    // The pupils the filters hold (ignoring the search box): what a saved cohort gets.
    // The timing marks ("planner:rows", "planner:filter", "planner:sort") are read by the
    // benchmark (scripts/bench.sh) for the compute-only cost of a sort or filter.
    let group = Memo::new(move |_| {
        let conditions = conditions.get();
        let fixed = chosen_fixed.get();
        let scored = state.scored.get();
        let focus_keys = state.work.focus().get();
        state.data_drop.with(|drop| {
            let Some(drop) = drop else {
                return Arc::new(Vec::new());
            };
            let facts = state
                .work
                .provision()
                .with(|book| PupilFacts::for_pupils(&drop.pupils, &focus_keys, book));
            let mut rows = timing::measure("planner:filter", || {
                filter_rows(&drop.pupils, &scored.scores, &facts, &conditions, "")
            });
            if let Some(cohort) = fixed {
                cohort.retain_members(&mut rows, &drop.pupils, &scored.scores, &facts);
            }
            Arc::new(rows)
        })
    });
    let rows = Memo::new(move |_| {
        let group = group.get();
        let query = query.get();
        let sort = sort.get();
        let scored = state.scored.get();
        timing::measure("planner:rows", || {
            state.data_drop.with(|drop| {
                let Some(drop) = drop else {
                    return Arc::new(Vec::new());
                };
                let mut rows = group.as_ref().clone();
                if !query.trim().is_empty() {
                    rows.retain(|&i| {
                        drop.pupils
                            .get(i)
                            .is_some_and(|p| search_matches(p, &query))
                    });
                }
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
    // Save as a fixed list of the pupils found now, rather than as a filter.
    let fix_members = RwSignal::new(false);
    // The saved cohort whose conditions are loaded into the bar to be edited.
    let editing = RwSignal::new(None::<CohortId>);
    let name_problem = RwSignal::new(None::<CohortProblem>);
    let save_message = RwSignal::new(None::<String>);
    let group_size = move || group.with(|rows| rows.len());
    let members_now = move || {
        group.with_untracked(|rows| {
            state
                .data_drop
                .with_untracked(|drop| drop.as_ref().map(|drop| keys_of(&drop.pupils, rows)))
                .unwrap_or_default()
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let conditions = conditions.get_untracked();
        let count = group.with_untracked(|rows| rows.len());
        let fixed = fix_members.get_untracked();
        let members = fixed.then(members_now);
        let typed = cohort_name.get_untracked();
        let mut result = Err(CohortProblem::NameBlank);
        state.work.cohorts().update(|cohorts| {
            result = save_cohort(cohorts, &typed, conditions, members);
        });
        match result {
            Ok(_) => {
                let name = typed.trim().to_string();
                name_problem.set(None);
                cohort_name.set(String::new());
                let noun = if count == 1 { "pupil" } else { "pupils" };
                let what = if fixed {
                    format!("a fixed list of {count} {noun}")
                } else {
                    format!("a filter, {count} {noun} now")
                };
                save_message.set(Some(format!(
                    "Saved the cohort “{name}” as {what}. Compare it on the Cohorts page."
                )));
            }
            Err(problem) => {
                save_message.set(None);
                name_problem.set(Some(problem));
            }
        }
    };
    let start_editing = move |()| {
        let Some(id) = saved_choice.get_untracked() else {
            return;
        };
        let cohort = state
            .work
            .cohorts()
            .with_untracked(|cohorts| cohort_by_id(cohorts, id).cloned());
        if let Some(cohort) = cohort {
            filter.set(Filter::from_conditions(&cohort.conditions));
            saved_choice.set(None);
            save_message.set(None);
            name_problem.set(None);
            editing.set(Some(id));
        }
    };
    let editing_cohort = Memo::new(move |_| {
        let id = editing.get()?;
        state
            .work
            .cohorts()
            .with(|cohorts| cohort_by_id(cohorts, id).cloned())
    });
    let save_changes = move |_| {
        let Some(id) = editing.get_untracked() else {
            return;
        };
        let conditions = conditions.get_untracked();
        let now = members_now();
        let mut result = Err(CohortProblem::NotFound);
        state.work.cohorts().update(|cohorts| {
            result = edit_cohort(cohorts, id, conditions, now);
        });
        let name = editing_cohort
            .get_untracked()
            .map(|c| c.name)
            .unwrap_or_default();
        match result {
            Ok(()) => {
                editing.set(None);
                save_message.set(Some(format!("Saved the changes to the cohort “{name}”.")));
            }
            Err(problem) => save_message.set(Some(problem.to_string())),
        }
    };
    let stop_editing = move |_| {
        editing.set(None);
        filter.set(Filter::default());
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
                        Some(describe_cohort(cohort, state.shown())),
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
            <FilterBar
                filter=filter
                saved_choice=saved_choice
                editing=Signal::derive(move || editing.get().is_some())
                on_edit=Callback::new(start_editing)
            />
            {move || match editing_cohort.get() {
                Some(cohort) => {
                    let name = cohort.name.clone();
                    let fixed_note = cohort
                        .is_fixed()
                        .then(|| {
                            view! {
                                <p class="hint">
                                    {format!(
                                        "“{name}” is a fixed list: saving fixes the {} pupils these filters find now.",
                                        group_size(),
                                    )}
                                </p>
                            }
                        });
                    view! {
                        <section class="save-cohort save-cohort--editing" aria-labelledby="editing-cohort">
                            <h2 id="editing-cohort" class="h3">{format!("Editing the cohort “{}”", cohort.name)}</h2>
                            {fixed_note}
                            <div class="button-row">
                                <button type="button" class="button" on:click=save_changes>
                                    {format!("Save changes to “{}”", cohort.name)}
                                </button>
                                <button type="button" class="button button--secondary" on:click=stop_editing>
                                    "Stop editing"
                                </button>
                            </div>
                        </section>
                    }
                        .into_any()
                }
                None => view! { <SaveCohortForm cohort_name fix_members name_problem group_size=Signal::derive(group_size) on_save=save /> }.into_any(),
            }}
        </div>
        {move || save_message.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        // On paper there are no chips: the filters print as a sentence.
        <p class="filter-description print-only">
            "Showing: "
            {move || conditions.with(|c| describe_all(c, state.shown()))}
            {move || chosen_fixed.get().map(|c| format!(" and the {}", describe_saved_cohort(&c)))}
        </p>
        <div class="planner-toolbar">
            <p class="planner-summary" aria-live="polite">{summary}</p>
            <PrivacyToggle />
        </div>
        <ExportButtons table=("All pupils", Signal::from(rows)) />
        <p class="grid-help">
            "Use the arrow keys to move around the table, Space to select a pupil and Enter to open their profile. "
            <a href="#help">"What do the columns mean?"</a>
        </p>
        {move || {
            (rows.with(|rows| rows.is_empty()))
                .then(|| view! { <p class="notice">"No pupils match these filters."</p> })
        }}
        <SelectionBar grid="All pupils" />
        {move || {
            let la_file = la.get();
            view! { <PupilGrid label="All pupils" rows=rows sort=sort la_file=la_file /> }
        }}
    }
}

/// The form that saves the pupils found as a new cohort: as a filter (decided afresh at
/// each data drop) or as a fixed list of the pupils found now, under a name no other
/// cohort has. A refused name is said next to the field.
#[component]
fn SaveCohortForm(
    /// The name typed.
    cohort_name: RwSignal<String>,
    /// Whether to save a fixed list rather than a filter.
    fix_members: RwSignal<bool>,
    /// Why the last save was refused, if it was.
    name_problem: RwSignal<Option<CohortProblem>>,
    /// How many pupils the filters find now (the search box aside).
    group_size: Signal<usize>,
    /// Saves.
    on_save: impl Fn(leptos::ev::SubmitEvent) + 'static,
) -> impl IntoView {
    let name_input = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        on_save(ev);
        if name_problem.get_untracked().is_some() {
            if let Some(input) = name_input.get_untracked() {
                let _ = input.focus();
            }
        }
    };
    let fix_label = move || {
        let n = group_size.get();
        if n == 1 {
            "Fix this 1 pupil".to_string()
        } else {
            format!("Fix these {n} pupils")
        }
    };
    view! {
        <form class="save-cohort" on:submit=submit novalidate=true>
            <fieldset class="save-cohort__kind">
                <legend>"Save as a cohort"</legend>
                <div class="radio">
                    <input
                        type="radio"
                        id="cohort-kind-filter"
                        name="cohort-kind"
                        aria-describedby="cohort-kind-filter-hint"
                        prop:checked=move || !fix_members.get()
                        on:change=move |_| fix_members.set(false)
                    />
                    <label for="cohort-kind-filter">"Keep as a filter"</label>
                </div>
                <p class="hint" id="cohort-kind-filter-hint">
                    "Who is in it is decided afresh from these filters at each data drop."
                </p>
                <div class="radio">
                    <input
                        type="radio"
                        id="cohort-kind-fixed"
                        name="cohort-kind"
                        aria-describedby="cohort-kind-fixed-hint"
                        prop:checked=move || fix_members.get()
                        on:change=move |_| fix_members.set(true)
                    />
                    <label for="cohort-kind-fixed">{fix_label}</label>
                </div>
                <p class="hint" id="cohort-kind-fixed-hint">
                    "The same pupils at every data drop, whatever their year group or marks then."
                </p>
            </fieldset>
            <div class="field">
                <label for="cohort-name">"Cohort name"</label>
                {move || {
                    name_problem
                        .get()
                        .map(|problem| {
                            view! {
                                <p class="field-error" id="cohort-name-error" role="alert">
                                    <span class="visually-hidden">"Error: "</span>
                                    {problem.to_string()}
                                </p>
                            }
                        })
                }}
                <input
                    id="cohort-name"
                    type="text"
                    node_ref=name_input
                    aria-describedby=move || name_problem.get().map(|_| "cohort-name-error")
                    aria-invalid=move || name_problem.get().map(|_| "true")
                    prop:value=move || cohort_name.get()
                    on:input=move |ev| cohort_name.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="button">"Save as cohort"</button>
        </form>
    }
}
