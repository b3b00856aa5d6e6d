//! **Compare schools** on the Cohorts page (SPEC §8.5, issue 16), shown only while the
//! drop shown is an LA file. The user ticks schools in the fieldset **Schools to compare**
//! (a checkbox each, A to Z, "No school given" last; the search box **Find a school**
//! narrows a long list without unticking anything), and the table **Compare schools**
//! shows a column per chosen school and one for all schools, a row per indicator, each
//! figure with its difference from all schools. The select **Chart indicator** picks the
//! row drawn as a bar chart beside the table. Which indicators, their figures, words,
//! differences, order and bars are `core::schools::compare`'s; this only shows them.

use crate::core::schools::{
    all_schools, choice_hint, compare_choices, compare_schools, schools, CompareCell,
    CompareIndicator, SchoolComparison, SchoolKey, SchoolRow,
};
use crate::ui::components::chart::{Bar, BarChart};
use crate::ui::schools::la_file;
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use std::sync::Arc;

/// The section, or nothing when the drop shown is one school's.
#[component]
pub fn SchoolCompare() -> impl IntoView {
    let state = use_app_state();
    let la = la_file(state);
    move || la.get().then(|| view! { <CompareSection /> })
}

/// The Schools table's rows and all schools as one row, for the drop shown.
type Counted = Arc<(Vec<SchoolRow>, Option<SchoolRow>)>;

#[component]
fn CompareSection() -> impl IntoView {
    let state = use_app_state();
    let counted: Memo<Counted> = Memo::new(move |_| {
        let scored = state.scored.get();
        state.data_drop.with(|drop| {
            Arc::new(drop.as_deref().map_or((Vec::new(), None), |drop| {
                (
                    schools(drop, &scored.scores, &scored.shortlist),
                    Some(all_schools(drop, &scored.scores, &scored.shortlist)),
                )
            }))
        })
    });
    let choices = Memo::new(move |_| counted.with(|counted| compare_choices(&counted.0)));
    let chosen = RwSignal::new(Vec::<SchoolKey>::new());
    let query = RwSignal::new(String::new());
    let charted = RwSignal::new(CompareIndicator::AmberOrRed);
    let comparison = Memo::new(move |_| {
        counted.with(|counted| {
            let (rows, all) = &**counted;
            all.as_ref()
                .map(|all| chosen.with(|keys| compare_schools(rows, all, keys)))
        })
    });
    // How many chosen schools are in the file shown (a new drop may drop some).
    let picked = Memo::new(move |_| {
        comparison.with(|c| c.as_ref().map_or(0, |c| c.columns.len().saturating_sub(1)))
    });

    let boxes = move || {
        choices
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, choice)| {
                let id = format!("school-compare-{i}");
                let hint_id = format!("{id}-hint");
                let key = choice.key.clone();
                let checked = {
                    let key = key.clone();
                    move || chosen.with(|keys| keys.contains(&key))
                };
                let shown = {
                    let choice = choice.clone();
                    move || query.with(|q| choice.matches(q))
                };
                view! {
                    <div class="checkbox school-compare__choice" prop:hidden=move || !shown()>
                        <input
                            type="checkbox"
                            id=id.clone()
                            aria-describedby=hint_id.clone()
                            prop:checked=checked
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|keys| {
                                    keys.retain(|k| *k != key);
                                    if on {
                                        keys.push(key.clone());
                                    }
                                });
                            }
                        />
                        <label for=id>{choice.label.clone()}</label>
                        <span class="hint" id=hint_id>{choice.hint.clone()}</span>
                    </div>
                }
            })
            .collect_view()
    };
    let none_found = move || {
        let q = query.get();
        let any = choices.with(|choices| choices.iter().any(|choice| choice.matches(&q)));
        (!any).then(|| view! { <p class="hint">{format!("No school matches “{}”.", q.trim())}</p> })
    };
    let status = move || {
        let count = picked.get();
        let names = comparison.with(|c| {
            c.as_ref().map_or_else(String::new, |c| {
                c.columns
                    .iter()
                    .filter(|column| column.school.is_some())
                    .map(|column| column.heading.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        });
        let chosen_text = match count {
            0 => String::new(),
            1 => format!("1 school chosen: {names}. "),
            n => format!("{n} schools chosen: {names}. "),
        };
        format!("{chosen_text}{}", choice_hint(count).unwrap_or_default())
    };

    let options = || {
        CompareIndicator::ALL
            .into_iter()
            .enumerate()
            .map(
                |(i, indicator)| view! { <option value=i.to_string()>{indicator.label()}</option> },
            )
            .collect_view()
    };
    let chosen_option = move || {
        CompareIndicator::ALL
            .iter()
            .position(|i| *i == charted.get())
            .map(|i| i.to_string())
            .unwrap_or_default()
    };
    let choose_indicator = move |ev| {
        if let Some(indicator) = event_target_value(&ev)
            .parse::<usize>()
            .ok()
            .and_then(|i| CompareIndicator::ALL.get(i).copied())
        {
            charted.set(indicator);
        }
    };

    let table = move || {
        let comparison = comparison.get()?;
        (picked.get() > 0).then(|| {
            let indicator = charted.get();
            let bars: Vec<Bar> = comparison
                .chart(indicator)
                .into_iter()
                .map(|bar| Bar {
                    label: bar.label,
                    tenths: bar.tenths,
                    text: bar.text,
                })
                .collect();
            let count = bars.len();
            view! {
                <div class="with-chart">
                    {compare_table(&comparison)}
                    <div class="schools-chart">
                        <div class="field">
                            <label for="school-compare-chart">"Chart indicator"</label>
                            <select id="school-compare-chart" prop:value=chosen_option on:change=choose_indicator>
                                {options()}
                            </select>
                        </div>
                        <BarChart
                            title=format!("{}: chosen schools and all schools", indicator.label())
                            description=format!(
                                "{} for each of the {count} columns of the table Compare schools, in its order. {}.",
                                indicator.label(),
                                indicator.hint(),
                            )
                            bars=bars
                            label_width=230
                        />
                    </div>
                </div>
            }
        })
    };

    view! {
        <section class="school-compare" aria-labelledby="school-compare-heading">
            <h2 id="school-compare-heading">"Compare schools"</h2>
            <p>
                "This data drop holds pupils of several schools. Choose schools to see their figures side by side and beside all schools in the file (every pupil, those with no school given too), counted as on the Schools page. Differences are in percentage points, from the figures as shown."
            </p>
            <div class="field field--search">
                <label for="school-compare-search">"Find a school"</label>
                <p class="hint" id="school-compare-search-hint">
                    "Part of a school’s name, URN or DfE number. Schools already chosen stay chosen."
                </p>
                <input
                    id="school-compare-search"
                    type="search"
                    autocomplete="off"
                    aria-describedby="school-compare-search-hint"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </div>
            <fieldset class="filter-choices filter-choices--long school-compare__choices">
                <legend>"Schools to compare"</legend>
                {boxes}
                {none_found}
            </fieldset>
            <p class="planner-summary" aria-live="polite">
                {status}
                {move || (picked.get() > 0).then(|| view! {
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| chosen.set(Vec::new())
                    >
                        "Clear chosen schools"
                    </button>
                })}
            </p>
            {table}
        </section>
    }
}

/// The table Compare schools: a column per chosen school then all schools, a row per
/// indicator, each cell its figure and (for a school) its difference from all schools.
fn compare_table(comparison: &SchoolComparison) -> impl IntoView {
    let heads = comparison
        .columns
        .iter()
        .map(|column| view! { <th scope="col" class="num">{column.heading.clone()}</th> })
        .collect_view();
    let body = comparison
        .rows
        .iter()
        .map(|row| {
            let cells = row.cells.iter().map(cell).collect_view();
            view! {
                <tr>
                    <th scope="row" title=row.indicator.hint()>{row.indicator.label()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Compare schools, scrollable">
            <table class="data-table school-compare-table">
                <caption>"Compare schools"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicator"</th>
                        {heads}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// One figure, with its difference from all schools beneath it.
fn cell(cell: &CompareCell) -> impl IntoView {
    let difference = cell.difference.clone().map(|difference| {
        view! {
            " "
            <span class="school-compare__difference">{difference}</span>
        }
    });
    view! {
        <td class="num">
            <span class="school-compare__figure">{cell.text.clone()}</span>
            {difference}
        </td>
    }
}
