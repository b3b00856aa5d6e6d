//! The table **Schools** and the chart beside it. The table is a real `<table>` (an LA's
//! schools number tens or hundreds, not thousands), named "Schools", with `aria-rowcount`
//! = rows + 1 and each row's `aria-rowindex`; each heading is a button that sorts by its
//! column (`aria-sort` on the heading, as the pupil grid does). The select **Chart column**
//! chooses which figure the bar chart beside the table shows, in the table's order, each
//! bar with its figure written beside it.

use super::pupils_of;
use crate::core::planner_table::SortDirection;
use crate::core::schools::{chart, schools, sorted, summary, SchoolColumn, SchoolRow, SchoolSort};
use crate::ui::components::chart::{Bar, BarChart};
use crate::ui::state::use_app_state;
use leptos::prelude::*;
use std::sync::Arc;

/// The columns the chart can show: every column of figures.
fn chartable() -> Vec<SchoolColumn> {
    SchoolColumn::ALL
        .into_iter()
        .filter(|column| column.numeric())
        .collect()
}

/// The table Schools, its summary line and the chart of a chosen column.
#[component]
pub fn SchoolsTable() -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        let scored = state.scored.get();
        state.data_drop.with(|drop| {
            Arc::new(drop.as_deref().map_or_else(Vec::new, |drop| {
                schools(drop, &scored.scores, &scored.shortlist)
            }))
        })
    });
    let sort = RwSignal::new(None::<SchoolSort>);
    let order = Memo::new(move |_| rows.with(|rows| sorted(rows, sort.get())));
    let charted = RwSignal::new(SchoolColumn::AmberOrRed);

    let header = SchoolColumn::ALL
        .into_iter()
        .map(|column| {
            let here = move || sort.get().filter(|s| s.column == column);
            let aria_sort = move || here().map_or("none", |s| s.direction.aria());
            let arrow = move || match here().map(|s| s.direction) {
                Some(SortDirection::Ascending) => "▲",
                Some(SortDirection::Descending) => "▼",
                None => "",
            };
            let class = if column.numeric() { "num" } else { "" };
            view! {
                <th scope="col" class=class aria-sort=aria_sort>
                    <button
                        type="button"
                        class="table-sort"
                        title=column.hint()
                        on:click=move |_| sort.update(|s| *s = Some(SchoolSort::toggled(*s, column)))
                    >
                        {column.label()}
                        <span class="table-sort__arrow" aria-hidden="true">{arrow}</span>
                    </button>
                </th>
            }
        })
        .collect_view();

    let body = move || {
        rows.with(|rows| {
            order
                .get()
                .into_iter()
                .enumerate()
                .filter_map(|(position, at)| rows.get(at).map(|row| table_row(row, position)))
                .collect_view()
        })
    };

    let options = chartable()
        .into_iter()
        .enumerate()
        .map(|(i, column)| view! { <option value=i.to_string()>{column.label()}</option> })
        .collect_view();
    let chosen = move || {
        chartable()
            .iter()
            .position(|c| *c == charted.get())
            .map(|i| i.to_string())
            .unwrap_or_default()
    };
    let choose = move |ev| {
        if let Some(column) = event_target_value(&ev)
            .parse::<usize>()
            .ok()
            .and_then(|i| chartable().get(i).copied())
        {
            charted.set(column);
        }
    };
    let bar_chart = move || {
        let column = charted.get();
        let bars: Vec<Bar> = rows.with(|rows| {
            chart(rows, &order.get(), column)
                .into_iter()
                .map(|bar| Bar {
                    label: bar.label,
                    tenths: bar.tenths,
                    text: bar.text,
                })
                .collect()
        });
        let count = bars.len();
        view! {
            <BarChart
                title=format!("{} by school", column.label())
                description=format!(
                    "{} for each of the {count} rows of the table, in the table's order. {}.",
                    column.label(),
                    column.hint(),
                )
                bars=bars
                label_width=230
            />
        }
    };

    view! {
        <p class="planner-summary" aria-live="polite">{move || rows.with(|rows| summary(rows))}</p>
        <div class="with-chart">
            <div class="table-scroll">
                <table
                    class="data-table schools-table"
                    aria-label="Schools"
                    aria-rowcount=move || rows.with(|rows| rows.len()) + 1
                >
                    <thead>
                        <tr aria-rowindex="1">{header}</tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <div class="schools-chart">
                <div class="field">
                    <label for="schools-chart-column">"Chart column"</label>
                    <select id="schools-chart-column" prop:value=chosen on:change=choose>
                        {options}
                    </select>
                </div>
                {bar_chart}
            </div>
        </div>
    }
}

/// One school's row: its name a link to its pupils, then each figure as core words it.
fn table_row(row: &SchoolRow, position: usize) -> impl IntoView {
    let cells = SchoolColumn::ALL
        .into_iter()
        .map(|column| {
            let text = column.text(row);
            match column {
                SchoolColumn::School => view! {
                    <th scope="row">
                        <a href=pupils_of(&row.key) title=format!("All pupils at {text}")>
                            {text.clone()}
                        </a>
                    </th>
                }
                .into_any(),
                _ if column.numeric() => view! { <td class="num">{text}</td> }.into_any(),
                _ => view! { <td>{text}</td> }.into_any(),
            }
        })
        .collect_view();
    view! { <tr aria-rowindex=position + 2>{cells}</tr> }
}
