//! What works (SPEC §8.2, §11): for each intervention and the measure its provision used,
//! how much the measured pupils gained and what that cost — the table **What works**, its
//! filters (academic year, year group, need area, wave), a drill-down to each provision and
//! pupil, and a chart of the average gain per measure beside the numbers. Every figure and
//! every word about a missing figure comes from `core::provision::impact`.

use crate::core::drop::AcademicYear;
use crate::core::provision::impact::{
    by_measure, gain_text, too_few_rule, with_unit, Figure, ImpactFigures, PupilImpact,
    TOO_FEW_TEXT,
};
use crate::core::provision::{
    what_works, ImpactFilter, MeasureSpec, NeedArea, ProvisionBook, Wave, WhatWorksRow,
};
use crate::core::pupil::PupilKey;
use crate::core::value::{format_uk_date, Money, YearGroup};
use crate::ui::components::chart::{SignedBar, SignedBarChart};
use crate::ui::components::{EmptyState, ExportButtons, UpnText};
use crate::ui::provision::{
    name_for, pupil_names, school_pupils, working_year, year_choices, year_label, PupilNames,
};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The column headers of the table **What works**, in order (SPEC §11).
const HEADERS: [&str; 9] = [
    "Intervention",
    "Measure",
    "Pupils",
    "Pupils measured",
    "Average gain",
    "Improved",
    "Cost per pupil",
    "Cost per unit of gain",
    "Cost per pupil improved",
];

/// The What works page.
#[component]
pub fn WhatWorksPage() -> impl IntoView {
    let state = use_app_state();
    let has_pupils = Memo::new(move |_| state.pupil_count() > 0);
    let pupils = Memo::new(move |_| school_pupils(&state));
    // Whether any provision has a measured pupil at all, whatever the filters.
    let anything = Memo::new(move |_| {
        let pupils = pupils.get();
        state
            .work
            .provision()
            .with(|book| !what_works(book, &pupils, ImpactFilter::default()).is_empty())
    });
    view! {
        <h1>"What works"</h1>
        {move || {
            if !has_pupils.get() {
                view! {
                    <EmptyState
                        message="What works shows, for each intervention, how much the pupils it measured gained and what that cost. Import your pupil spreadsheet first, then add provision."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
                    .into_any()
            } else if !anything.get() {
                view! {
                    <EmptyState
                        message="No provision has measured pupils yet. On the Provision page, name a measure for a provision (such as reading age) and enter each pupil's entry and exit values: What works then shows the gain and the cost of each intervention."
                        action="Go to the Provision page"
                        href="#provision"
                    />
                }
                    .into_any()
            } else {
                view! {
                    <ExportButtons />
                    <WhatWorksView pupils=pupils />
                }
                    .into_any()
            }
        }}
    }
}

/// The choices of one filter: (text shown, value).
type Choices<T> = Vec<(String, T)>;

/// A labelled select over `choices`; the figures follow the choice at once.
fn filter_select<T>(
    id: &'static str,
    label: &'static str,
    choices: Signal<Choices<T>>,
    value: RwSignal<T>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    let chosen = event_target_value(&ev)
                        .parse::<usize>()
                        .ok()
                        .and_then(|at| choices.with_untracked(|c| c.get(at).map(|(_, v)| v.clone())));
                    if let Some(chosen) = chosen {
                        value.set(chosen);
                    }
                }
            >
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(at, (text, choice))| {
                            view! {
                                <option
                                    value=at.to_string()
                                    selected=move || value.with(|v| *v == choice)
                                >
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

#[component]
fn WhatWorksView(pupils: Memo<Arc<Vec<crate::core::provision::SchoolPupil>>>) -> impl IntoView {
    let state = use_app_state();
    let working = working_year(&state);
    let names = Memo::new(move |_| pupil_names(&state));
    let year = RwSignal::new(None::<i32>);
    let year_group = RwSignal::new(None::<Option<YearGroup>>);
    let need_area = RwSignal::new(None::<NeedArea>);
    let wave = RwSignal::new(None::<Wave>);
    let years = Signal::derive(move || {
        let mut choices: Choices<Option<i32>> = vec![("All years".into(), None)];
        let years = state
            .work
            .provision()
            .with(|book| year_choices(book, working));
        choices.extend(
            years
                .into_iter()
                .map(|start| (AcademicYear { start_year: start }.to_string(), Some(start))),
        );
        choices
    });
    let year_groups = Signal::derive(move || {
        let held: BTreeSet<Option<YearGroup>> =
            pupils.with(|pupils| pupils.iter().map(|p| p.year_group).collect());
        let mut choices: Choices<Option<Option<YearGroup>>> =
            vec![("All year groups".into(), None)];
        // Known year groups in school order, then pupils whose year group is not known.
        let (known, unknown): (Vec<_>, Vec<_>) = held.into_iter().partition(Option::is_some);
        choices.extend(
            known
                .into_iter()
                .chain(unknown)
                .map(|year| (year_label(year), Some(year))),
        );
        choices
    });
    let areas = Signal::derive(move || {
        let mut choices: Choices<Option<NeedArea>> = vec![("All need areas".into(), None)];
        choices.extend(NeedArea::ALL.map(|a| (a.label().to_string(), Some(a))));
        choices
    });
    let waves = Signal::derive(move || {
        let mut choices: Choices<Option<Wave>> = vec![("All waves".into(), None)];
        choices.extend(Wave::ALL.map(|w| (w.to_string(), Some(w))));
        choices
    });
    let rows = Memo::new(move |_| {
        let filter = ImpactFilter {
            academic_year: year.get().map(|start_year| AcademicYear { start_year }),
            year_group: year_group.get(),
            need_area: need_area.get(),
            wave: wave.get(),
        };
        let pupils = pupils.get();
        state
            .work
            .provision()
            .with(|book| Arc::new(what_works(book, &pupils, filter)))
    });
    let expanded = RwSignal::new(BTreeSet::<usize>::new());
    // A change of filter changes the rows: start with every row folded again.
    Effect::new(move |_| {
        rows.track();
        expanded.set(BTreeSet::new());
    });

    view! {
        <p class="lede">
            "For each intervention, how much the pupils it measured gained between their entry and exit values, and what that cost. A pupil counts as measured when both values are numbers, and as improved when their gain is above zero (for a measure where lower is better, a fall is a gain)."
        </p>
        <div class="field-row what-works-filters" role="group" aria-label="Show the figures for">
            {filter_select("what-works-year", "Academic year", years, year)}
            {filter_select("what-works-year-group", "Year group", year_groups, year_group)}
            {filter_select("what-works-need-area", "Need area", areas, need_area)}
            {filter_select("what-works-wave", "Wave", waves, wave)}
        </div>
        <p>
            <strong>"Gains are only compared within one measure."</strong>
            " An intervention measured two ways has a row for each measure, and each chart shows only the rows measured the same way."
        </p>
        <p>{too_few_rule()}</p>
        <p class="hint">
            "Cost per pupil is the cost of every pupil's place divided by the pupils. Cost per unit of gain is the measured pupils' cost divided by their total gain; cost per pupil improved is that cost divided by the pupils who improved. With an academic year chosen, costs are that year's; with all years, the whole provision's."
        </p>
        <p class="visually-hidden" id="what-works-expand-hint">
            "Shows each provision and pupil"
        </p>
        {move || {
            let rows = rows.get();
            let names = names.get();
            state
                .work
                .provision()
                .with(|book| table_and_charts(&rows, book, &names, expanded))
        }}
    }
}

/// "—" with the reason a figure does not exist, said to screen readers and in a tooltip.
fn none_cell(reason: &'static str) -> AnyView {
    view! {
        <span title=reason>
            <span aria-hidden="true">"—"</span>
            <span class="visually-hidden">{reason}</span>
        </span>
    }
    .into_any()
}

/// A money figure, or "—" with the reason it does not exist.
fn money_cell(figures: &ImpactFigures, money: Option<Money>, figure: Figure) -> AnyView {
    match (money, figures.why_none(figure)) {
        (Some(money), _) => money.to_string().into_any(),
        (None, reason) => none_cell(reason.unwrap_or("no figure")),
    }
}

/// The figure cells shared by a row and a provision within it (all but the first two).
fn figure_cells(figures: &ImpactFigures, measure: &MeasureSpec) -> impl IntoView {
    let average = match figures.average_gain {
        Some(gain) => gain_text(measure, gain, Some(1)).into_any(),
        None => none_cell(figures.why_none(Figure::AverageGain).unwrap_or("no figure")),
    };
    let improved = match figures.improved_text() {
        Some(text) => text.into_any(),
        None => none_cell("nobody measured"),
    };
    view! {
        <td class="tabular">{figures.pupils}</td>
        <td class="tabular">{figures.measured}</td>
        <td class="tabular">{average}</td>
        <td class="tabular">{improved}</td>
        <td class="tabular">{money_cell(figures, figures.cost_per_pupil, Figure::CostPerPupil)}</td>
        <td class="tabular">
            {money_cell(figures, figures.cost_per_unit_of_gain, Figure::CostPerUnitOfGain)}
        </td>
        <td class="tabular">
            {money_cell(figures, figures.cost_per_pupil_improved, Figure::CostPerPupilImproved)}
        </td>
    }
}

/// The words "Too few to judge", when too few were measured.
fn too_few_tag(figures: &ImpactFigures) -> Option<impl IntoView> {
    figures
        .too_few_to_judge()
        .then(|| view! { <span class="tag tag--too-few">{TOO_FEW_TEXT}</span> })
}

/// The table, with its rows' drill-downs, and one chart per measure beside it.
fn table_and_charts(
    rows: &Arc<Vec<WhatWorksRow>>,
    book: &ProvisionBook,
    names: &PupilNames,
    expanded: RwSignal<BTreeSet<usize>>,
) -> impl IntoView {
    let body = if rows.is_empty() {
        view! {
            <tr>
                <td colspan=HEADERS.len().to_string()>
                    "No intervention has measured pupils for these choices. Choose another year, year group, need area or wave."
                </td>
            </tr>
        }
        .into_any()
    } else {
        rows.iter()
            .enumerate()
            .map(|(at, row)| table_row(at, row, book, names, expanded))
            .collect_view()
            .into_any()
    };
    let charts = by_measure(rows)
        .into_iter()
        .map(|group| {
            let measure = rows[group[0]].measure.clone();
            let bars = group
                .iter()
                .filter_map(|at| {
                    let row = &rows[*at];
                    let gain = row.figures.average_gain?;
                    let mut text = gain_text(&measure, gain, Some(1));
                    if row.figures.too_few_to_judge() {
                        text.push_str(" (too few)");
                    }
                    Some(SignedBar {
                        label: row.name.clone(),
                        value: gain.as_f64(),
                        text,
                    })
                })
                .collect::<Vec<_>>();
            let title = format!("Average gain: {}", measure.describe());
            let description = format!(
                "The average gain in {} for each intervention measured this way, as in the table What works.",
                measure.name
            );
            view! { <SignedBarChart title=title description=description bars=bars /> }
        })
        .collect_view();
    let headers = HEADERS
        .iter()
        .enumerate()
        .map(|(at, header)| {
            let class = if at >= 2 { "tabular" } else { "" };
            view! { <th scope="col" class=class>{*header}</th> }
        })
        .collect_view();
    view! {
        <div class="with-chart what-works">
            <div class="table-scroll">
                <table class="report-table what-works-table">
                    <caption class="table-caption">"What works"</caption>
                    <thead>
                        <tr>{headers}</tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <div class="charts">{charts}</div>
        </div>
    }
}

/// One row of the table, with its button to show each provision and pupil beneath it.
fn table_row(
    at: usize,
    row: &WhatWorksRow,
    book: &ProvisionBook,
    names: &PupilNames,
    expanded: RwSignal<BTreeSet<usize>>,
) -> impl IntoView {
    let detail_id = format!("what-works-detail-{at}");
    let open = move || expanded.with(|open| open.contains(&at));
    let toggle = move |_| {
        expanded.update(|open| {
            if !open.remove(&at) {
                open.insert(at);
            }
        })
    };
    let class = if row.figures.too_few_to_judge() {
        "what-works-row what-works-row--too-few"
    } else {
        "what-works-row"
    };
    let detail = detail_view(row, book, names);
    view! {
        <tr class=class>
            <th scope="row">
                <button
                    type="button"
                    class="disclosure"
                    aria-expanded=move || open().to_string()
                    aria-controls=detail_id.clone()
                    aria-describedby="what-works-expand-hint"
                    on:click=toggle
                >
                    <span class="disclosure__mark" aria-hidden="true">
                        {move || if open() { "▾" } else { "▸" }}
                    </span>
                    {row.name.clone()}
                </button>
                {too_few_tag(&row.figures)}
            </th>
            <td>{row.measure.describe()}</td>
            {figure_cells(&row.figures, &row.measure)}
        </tr>
        <tr class="what-works-detail" id=detail_id hidden=move || !open()>
            <td colspan=HEADERS.len().to_string()>{detail}</td>
        </tr>
    }
}

/// "08/09/2025 to 12/12/2025" for a provision, or its id when it is no longer recorded.
fn provision_dates(book: &ProvisionBook, id: crate::core::provision::ProvisionId) -> String {
    book.provision(id).map_or_else(
        || format!("Provision {}", id.0),
        |p| format!("{} to {}", format_uk_date(p.start), format_uk_date(p.end)),
    )
}

/// Each provision of a row with its own figures, and each pupil with their values.
fn detail_view(row: &WhatWorksRow, book: &ProvisionBook, names: &PupilNames) -> impl IntoView {
    let what = format!("{} ({})", row.name, row.measure.name);
    let provisions = row
        .provisions
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">
                        {provision_dates(book, p.provision)}
                        {too_few_tag(&p.figures)}
                    </th>
                    {figure_cells(&p.figures, &row.measure)}
                </tr>
            }
        })
        .collect_view();
    let pupils = row
        .pupils
        .iter()
        .map(|pupil| pupil_row(pupil, &row.measure, book, names))
        .collect_view();
    view! {
        <div class="what-works-drill">
            <table class="report-table">
                <caption class="table-caption">{format!("Provision of {what}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Provision"</th>
                        {HEADERS[2..]
                            .iter()
                            .map(|h| view! { <th scope="col" class="tabular">{*h}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{provisions}</tbody>
            </table>
            <table class="report-table">
                <caption class="table-caption">{format!("Pupils in {what}")}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Pupil"</th>
                        <th scope="col">"UPN"</th>
                        <th scope="col">"Provision"</th>
                        <th scope="col" class="tabular">"Entry"</th>
                        <th scope="col" class="tabular">"Exit"</th>
                        <th scope="col" class="tabular">"Gain"</th>
                        <th scope="col" class="tabular">"Cost share"</th>
                    </tr>
                </thead>
                <tbody>{pupils}</tbody>
            </table>
        </div>
    }
}

/// One pupil of a row: name (a link to their profile), UPN, provision, values and cost.
fn pupil_row(
    pupil: &PupilImpact,
    measure: &MeasureSpec,
    book: &ProvisionBook,
    names: &PupilNames,
) -> impl IntoView {
    let href = format!(
        "#pupil/{}",
        PupilKey::from_stored(pupil.pupil.clone()).to_route()
    );
    let value = |value: Option<crate::core::provision::MeasureValue>| match value {
        Some(value) => with_unit(measure, &value.to_string()).into_any(),
        None => none_cell("no value"),
    };
    let gain = match pupil.gain {
        Some(gain) => gain_text(measure, gain, None).into_any(),
        None => none_cell("not measured"),
    };
    view! {
        <tr>
            <th scope="row">
                <a href=href>{name_for(names, &pupil.pupil)}</a>
            </th>
            <td>
                <UpnText upn=names.upn(&pupil.pupil) />
            </td>
            <td>{provision_dates(book, pupil.provision)}</td>
            <td class="tabular">{value(pupil.entry)}</td>
            <td class="tabular">{value(pupil.exit)}</td>
            <td class="tabular">{gain}</td>
            <td class="tabular">{pupil.cost.to_string()}</td>
        </tr>
    }
}
