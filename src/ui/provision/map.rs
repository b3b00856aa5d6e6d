//! The Provision page: the whole-school provision map (Ealing) for an academic year, the
//! concurrency warnings, then the need audit and gap analysis, **Add provision**, the
//! provision recorded and the intervention bank.

use crate::core::drop::AcademicYear;
use crate::core::provision::gaps::concurrency_warnings;
use crate::core::provision::map::whole_school_map;
use crate::core::provision::Period;
use crate::core::value::format_uk_date;
use crate::ui::components::{EmptyState, ExportButtons, PrintHeader, YearSelect};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;
use std::sync::Arc;

use super::bank::BankEditor;
use super::form::AddProvision;
use super::list::ProvisionList;
use super::{
    name_for, pupil_names, school_pupils, working_year, year_choices, year_label, PupilNames,
};

/// The Provision page.
#[component]
pub fn ProvisionPage() -> impl IntoView {
    let state = use_app_state();
    let has_pupils = Memo::new(move |_| state.pupil_count() > 0);
    view! {
        <h1>"Provision"</h1>
        {move || {
            if has_pupils.get() {
                view! {
                    <ExportButtons />
                    <ProvisionView />
                }
                    .into_any()
            } else {
                view! {
                    <EmptyState
                        message="The provision map shows the support your school gives, to whom and at what cost. Import your pupil spreadsheet first, then add interventions."
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
fn ProvisionView() -> impl IntoView {
    let state = use_app_state();
    let working = working_year(&state);
    let year = RwSignal::new(working.start_year);
    let pupils = Memo::new(move |_| school_pupils(&state));
    let names = Memo::new(move |_| pupil_names(&state));
    let map = Memo::new(move |_| {
        let period = Period::academic(AcademicYear {
            start_year: year.get(),
        });
        let names = names.get();
        let pupils = pupils.get();
        state
            .work
            .provision()
            .with(|book| whole_school_map(book, &pupils, Some(period), |key| name_for(&names, key)))
    });
    let choices = Memo::new(move |_| {
        state
            .work
            .provision()
            .with(|book| year_choices(book, working))
    });

    let shown_year = Signal::derive(move || AcademicYear {
        start_year: year.get(),
    });
    view! {
        <PrintHeader title="Whole-school provision map" year=shown_year />
        <p class="lede">
            "What additional and different provision the school makes, for whom, and what it costs. Add interventions to the bank, assign them to pupils, and read the map by area, wave and year group."
        </p>
        <YearSelect id="provision-year" label="Academic year" choices=choices year=year />
        <ConcurrencyWarnings names=names />
        <h2 id="whole-school-map-heading">"Whole-school provision map"</h2>
        <p class="hint">
            "Rows are the area of need and wave; columns are year groups. Each cell lists the provision, the pupils in it and the cost of their places this year. Quality-first (wave 1) teaching is listed but never costed."
        </p>
        {move || map_table(&map.get())}
        <super::waves::WavesAtAGlanceSection pupils=pupils />
        <super::coming_up::ComingUpSection pupils=pupils names=names />
        <crate::ui::components::gap_analysis::GapAnalysisSection year=year pupils=pupils names=names />
        <AddProvision year=year names=names />
        <ProvisionList names=names />
        <BankEditor />
    }
}

/// The whole-school map as a table: one column header per year group (SPEC §11).
fn map_table(map: &crate::core::provision::ProvisionMap) -> impl IntoView {
    let headers = map
        .columns
        .iter()
        .map(|column| view! { <th scope="col">{year_label(*column)}</th> })
        .collect_view();
    let width = map.columns.len() + 2;
    let rows: Vec<_> = map.rows.iter().filter(|row| !row.is_empty()).collect();
    let body = if rows.is_empty() {
        view! {
            <tr>
                <td colspan=width.to_string()>
                    "No provision in this academic year yet: add some below."
                </td>
            </tr>
        }
        .into_any()
    } else {
        rows.into_iter()
            .map(|row| {
                let label = row.label();
                let label = {
                    let mut chars = label.chars();
                    chars
                        .next()
                        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                        .unwrap_or_default()
                };
                let unassigned = (!row.unassigned.is_empty()).then(|| {
                    let list = row
                        .unassigned
                        .iter()
                        .map(|entry| {
                            view! {
                                <li>
                                    {entry.intervention.clone()} " (no pupils yet, "
                                    {entry.cost.to_string()} ")"
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="map-unassigned">{list}</ul> }
                });
                let cells = row
                    .cells
                    .iter()
                    .map(|cell| {
                        let entries = cell
                            .iter()
                            .map(|entry| {
                                view! {
                                    <li class="map-entry">
                                        <strong>{entry.intervention.clone()}</strong>
                                        " ("
                                        {entry.priority.label()}
                                        ", "
                                        {entry.status.label().to_lowercase()}
                                        ")"
                                        <span class="map-entry__pupils">
                                            {entry.pupils.join(", ")}
                                        </span>
                                        <span class="map-entry__cost tabular">
                                            {entry.cost.to_string()}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <td>
                                <ul class="map-cell">{entries}</ul>
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{label} {unassigned}</th>
                        {cells}
                        <td class="tabular">{row.total.to_string()}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let column_totals = map
        .column_totals
        .iter()
        .map(|total| view! { <td class="tabular">{total.to_string()}</td> })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Whole-school provision map, scrollable">
            <table class="report-table provision-map" aria-labelledby="whole-school-map-heading">
                <thead>
                    <tr>
                        <th scope="col">"Area and wave"</th>
                        {headers}
                        <th scope="col">"Total"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Total"</th>
                        {column_totals}
                        <td class="tabular">{map.total.to_string()}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// Pupils with more interventions running at once than the school's limit.
#[component]
fn ConcurrencyWarnings(names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    let warnings = Memo::new(move |_| {
        let names = names.get();
        state.work.provision().with(|book| {
            concurrency_warnings(book)
                .into_iter()
                .map(|warning| {
                    let provisions: Vec<String> = warning
                        .provisions
                        .iter()
                        .filter_map(|id| book.provision(*id))
                        .filter_map(|p| book.bank.get(p.intervention))
                        .map(|i| i.name.clone())
                        .collect();
                    format!(
                        "{} has {} interventions at once from {} to {} (the limit is {}): {}.",
                        name_for(&names, &warning.pupil),
                        warning.provisions.len(),
                        format_uk_date(warning.from),
                        format_uk_date(warning.to),
                        warning.limit,
                        provisions.join(", ")
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div role="status" class="warning-list">
            {move || {
                let list = warnings.get();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <h2>"⚠ Too many interventions at once"</h2>
                            <ul>
                                {list.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
    }
}
