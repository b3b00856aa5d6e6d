//! **Off trajectory**: pupils at the latest data drop whose result in a subject has not
//! moved or has fallen since the drop before, or who are more than a chosen margin below
//! their target grade (`targets::trajectory`), a list per year group, each of which can be
//! saved as a fixed cohort (`cohort::save_cohort`, named by
//! `targets::view::off_trajectory_cohort_name`). Names go through privacy display mode.

use crate::core::cohort::save_cohort;
use crate::core::import::text::group_thousands;
use crate::core::targets::choices::subjects;
use crate::core::targets::trajectory::{off_trajectory, OffTrajectory, OffTrajectoryRow};
use crate::core::targets::view::{off_trajectory_cohort_name, NONE_TEXT};
use crate::core::value::YearGroup;
use crate::ui::state::{use_app_state, WorkspaceStoreFields};
use leptos::prelude::*;
use std::collections::BTreeSet;

use super::PupilNames;

/// The margins offered, in whole grades below the target grade.
const MARGINS: [u32; 4] = [0, 1, 2, 3];

fn grades(n: u32) -> String {
    format!("{n} grade{}", if n == 1 { "" } else { "s" })
}

/// The Off trajectory section of the Targets page.
#[component]
pub(super) fn OffTrajectorySection() -> impl IntoView {
    let state = use_app_state();
    // The subject chosen (`None`: every subject) and the margin below target.
    let subject = RwSignal::new(None::<String>);
    let margin = RwSignal::new(1u32);
    let said = RwSignal::new(String::new());
    // The year groups whose lists are shown.
    let open = RwSignal::new(BTreeSet::<Option<YearGroup>>::new());
    let found = Memo::new(move |_| {
        let tracking = state.tracking.get();
        let profile = state.work.profile().get();
        let drops = tracking.scored();
        off_trajectory(&tracking.timeline, &drops, &profile, margin.get())
    });
    let latest = Memo::new(move |_| state.tracking.get().timeline.periods.last().copied());
    let offered = Memo::new(move |_| {
        let tracking = state.tracking.get();
        subjects(tracking.drops.last().map(|h| h.drop.pupils.as_slice()))
    });
    let shown = Memo::new(move |_| {
        let all = found.get();
        match subject.get() {
            Some(chosen) => all.for_subject(&chosen),
            None => all,
        }
    });

    let save = move |year: Option<YearGroup>, rows: Vec<OffTrajectoryRow>| {
        let Some(period) = latest.get_untracked() else {
            return;
        };
        let chosen = subject.get_untracked();
        let name = off_trajectory_cohort_name(chosen.as_deref(), year, period);
        let keys = OffTrajectory {
            years: vec![(year, rows)],
            left_out: 0,
        }
        .keys();
        let mut result = None;
        state
            .work
            .cohorts()
            .update(|cohorts| result = Some(save_cohort(cohorts, &name, Vec::new(), Some(keys))));
        said.set(match result {
            Some(Ok(_)) => format!("Saved the cohort “{name}”. It keeps these pupils at every data drop; find it on the Cohorts page."),
            Some(Err(problem)) => format!("{problem}. The cohort was not saved."),
            None => String::new(),
        });
    };

    let controls = move || {
        let subject_options = offered
            .get()
            .into_iter()
            .map(|name| {
                let value = name.clone();
                let is = name.clone();
                view! {
                    <option value=value selected=move || subject.get().as_deref() == Some(is.as_str())>{name}</option>
                }
            })
            .collect_view();
        view! {
            <div class="field-row">
                <div class="field">
                    <label for="off-subject">"Subject"</label>
                    <select
                        id="off-subject"
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            subject.set((value != "all").then_some(value));
                        }
                    >
                        <option value="all" selected=move || subject.get().is_none()>"Every subject"</option>
                        {subject_options}
                    </select>
                </div>
                <div class="field">
                    <label for="off-margin">"Margin below target"</label>
                    <p class="hint" id="off-margin-hint">"Pupils more than this many whole grades below their target grade are listed."</p>
                    <select
                        id="off-margin"
                        aria-describedby="off-margin-hint"
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                                margin.set(n);
                            }
                        }
                    >
                        {MARGINS
                            .into_iter()
                            .map(|n| view! {
                                <option value=n.to_string() selected=move || margin.get() == n>{grades(n)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
            </div>
        }
    };

    let lists = move || {
        let Some(period) = latest.get() else {
            return view! { <p>"Import a data drop to see pupils off trajectory."</p> }.into_any();
        };
        let names = std::sync::Arc::new(PupilNames::of(&state));
        let result = shown.get();
        let left_out = result.left_out_sentence();
        if result.years.is_empty() {
            return view! {
                <p>{format!("No pupil is off trajectory at {period} for the subject and margin chosen.")}</p>
                {left_out.map(|s| view! { <p class="hint">{format!("{s}.")}</p> })}
            }
            .into_any();
        }
        let sections = result
            .years
            .into_iter()
            .map(|(year, rows)| {
                let label = year.map_or_else(|| "Year group not recorded".to_string(), |y| y.label());
                let pupils = OffTrajectory {
                    years: vec![(year, rows.clone())],
                    left_out: 0,
                }
                .keys()
                .len();
                let is_open = move || open.with(|o| o.contains(&year));
                let table = {
                    let (rows, names, label) = (rows.clone(), names.clone(), label.clone());
                    move || {
                        is_open().then(|| {
                            let body = rows
                                .iter()
                                .map(|row| {
                                    let href = format!("#pupil/{}", row.key.to_route());
                                    view! {
                                        <tr>
                                            <th scope="row"><a href=href>{names.name(row.key.as_str())}</a></th>
                                            <td>{row.subject.clone()}</td>
                                            <td class="numeric">{row.previous.clone().unwrap_or_else(|| NONE_TEXT.to_string())}</td>
                                            <td class="numeric">{row.current.clone()}</td>
                                            <td class="numeric">{row.target.clone().unwrap_or_else(|| NONE_TEXT.to_string())}</td>
                                            <td>{row.why()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view();
                            view! {
                                <div class="table-scroll">
                                    <table class="data-table">
                                        <caption>{format!("Off trajectory: {label}")}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">"Pupil"</th>
                                                <th scope="col">"Subject"</th>
                                                <th scope="col" class="numeric">"Previous result"</th>
                                                <th scope="col" class="numeric">"Current result"</th>
                                                <th scope="col" class="numeric">"Target"</th>
                                                <th scope="col">"Why"</th>
                                            </tr>
                                        </thead>
                                        <tbody>{body}</tbody>
                                    </table>
                                </div>
                            }
                        })
                    }
                };
                let results = rows.len();
                let (show_label, save_label) = (label.clone(), label.clone());
                view! {
                    <h3>
                        {format!(
                            "{label}: {} pupil{}, {} result{}",
                            group_thousands(pupils),
                            if pupils == 1 { "" } else { "s" },
                            group_thousands(results),
                            if results == 1 { "" } else { "s" },
                        )}
                    </h3>
                    <p class="off-trajectory__actions">
                        <button
                            type="button"
                            class="button button--secondary"
                            aria-expanded=move || is_open().to_string()
                            on:click=move |_| open.update(|o| {
                                if !o.remove(&year) {
                                    o.insert(year);
                                }
                            })
                        >
                            "Show the list"
                            <span class="visually-hidden">{format!(" for {show_label}")}</span>
                        </button>
                        " "
                        <button
                            type="button"
                            class="button button--secondary"
                            on:click=move |_| save(year, rows.clone())
                        >
                            "Save as a cohort"
                            <span class="visually-hidden">{format!(" for {save_label}")}</span>
                        </button>
                    </p>
                    {table}
                }
            })
            .collect_view();
        view! {
            {sections}
            {left_out.map(|s| view! { <p class="hint">{format!("{s}.")}</p> })}
        }
        .into_any()
    };

    view! {
        <section class="off-trajectory" aria-labelledby="off-trajectory-heading">
            <h2 id="off-trajectory-heading">"Off trajectory"</h2>
            <p>
                {move || match latest.get() {
                    Some(period) => format!(
                        "Pupils at {period} whose result in a subject has not moved or has fallen since the data drop before, or who are more than the margin below their target grade. Each year group's list can be saved as a cohort of those pupils."
                    ),
                    None => "Pupils whose result in a subject has not moved or has fallen since the data drop before, or who are below their target grade.".to_string(),
                }}
            </p>
            {controls}
            <p role="status" class="notice-line">{move || said.get()}</p>
            {lists}
        </section>
    }
}
