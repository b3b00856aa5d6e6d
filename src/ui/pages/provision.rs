//! Provision (SPEC §7, §11): the whole-school provision map (Ealing) for an academic
//! year, the intervention bank (Tameside's four lists: add, rename, archive, sort), adding
//! provision for one pupil, a saved cohort or the shortlist, the provision recorded and
//! the concurrency warnings (the form is `add_provision`, the bank editor
//! `provision_bank`). Everything edited is the one `ProvisionBook` in
//! `AppState::provision`, which the workspace saves.

use crate::core::drop::AcademicYear;
use crate::core::privacy::{Shown, ShownUpn};
use crate::core::provision::costs::cost_line;
use crate::core::provision::gaps::concurrency_warnings;
use crate::core::provision::map::whole_school_map;
use crate::core::provision::{Period, ProvisionBook, ProvisionId, SchoolPupil};
use crate::core::value::{format_uk_date, Money};
use crate::ui::components::{EmptyState, ExportButtons, PrintHeader, YearSelect};
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::state::{pupil_key, use_app_state, AppState};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

use super::add_provision::AddProvision;
use super::provision_bank::BankEditor;

/// Every pupil of the current drop as provision mapping sees them (key, year, class).
pub(crate) fn school_pupils(state: &AppState) -> Arc<Vec<SchoolPupil>> {
    state.data_drop.with(|drop| {
        Arc::new(drop.as_ref().map_or_else(Vec::new, |drop| {
            drop.pupils
                .iter()
                .map(|pupil| SchoolPupil::from_pupil(pupil_key(pupil), pupil))
                .collect()
        }))
    })
}

/// How the provision views name pupils, by pupil key, as privacy display mode allows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PupilNames {
    /// In full, or in privacy display mode.
    shown: Shown,
    /// Pupil key → the name to show (initials in privacy display mode).
    names: HashMap<String, String>,
}

impl PupilNames {
    /// The UPN to show for a pupil key (the key is the UPN when the pupil has one):
    /// masked in privacy display mode.
    pub fn upn(&self, key: &str) -> ShownUpn {
        self.shown.upn_text(key)
    }
}

/// Pupil key → the name to show: initials in privacy display mode (`core::privacy`).
pub(crate) fn pupil_names(state: &AppState) -> Arc<PupilNames> {
    let shown = state.shown();
    state.data_drop.with(|drop| {
        Arc::new(PupilNames {
            shown,
            names: drop.as_ref().map_or_else(HashMap::new, |drop| {
                drop.pupils
                    .iter()
                    .map(|pupil| (pupil_key(pupil), shown.name(pupil)))
                    .collect()
            }),
        })
    })
}

/// The name for a pupil key; for a pupil not in the current drop, the key itself (masked
/// in privacy display mode, since it is the UPN or holds the name and date of birth).
pub(crate) fn name_for(names: &PupilNames, key: &str) -> String {
    names
        .names
        .get(key)
        .cloned()
        .unwrap_or_else(|| names.shown.unknown_pupil(key))
}

/// The academic year the planner is working in: the current drop's, else today's.
pub(crate) fn working_year(state: &AppState) -> AcademicYear {
    state.data_drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(
            || AcademicYear::containing(crate::web::clock::today()),
            |drop| drop.academic_year,
        )
    })
}

/// Academic years (by start year) worth offering: the working year, the one before and
/// after, and every year a provision runs in.
pub(crate) fn year_choices(book: &ProvisionBook, working: AcademicYear) -> Vec<i32> {
    let mut years: Vec<i32> = vec![
        working.start_year - 1,
        working.start_year,
        working.start_year + 1,
    ];
    for provision in &book.provisions {
        if provision.delivery_days() > 0 {
            let first = AcademicYear::containing(provision.start).start_year;
            let last = AcademicYear::containing(provision.end).start_year;
            years.extend(first..=last.min(first + 10));
        }
    }
    years.sort_unstable();
    years.dedup();
    years
}

/// "Year 7", or "Year not known" for the column of pupils without a year group.
pub(crate) fn year_label(year: Option<crate::core::value::YearGroup>) -> String {
    year.map_or_else(|| "Year not known".to_string(), |y| y.label())
}

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

/// Every provision recorded, with its cost and a remove button.
#[component]
fn ProvisionList(names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    // The provision whose Remove was pressed: it is removed only once confirmed.
    let confirming = RwSignal::new(None::<ProvisionId>);
    let rows = move || {
        let names = names.get();
        state.work.provision().with(|book| {
            book.provisions
                .iter()
                .map(|provision| {
                    let id: ProvisionId = provision.id;
                    let item = book.bank.get(provision.intervention);
                    let name = item.map_or_else(|| "Unknown intervention".into(), |i| i.name.clone());
                    let staff: Vec<String> = item
                        .map(|i| provision.delivery(i).staff)
                        .unwrap_or_default()
                        .iter()
                        .map(|r| book.staff.name(*r).to_string())
                        .collect();
                    let shown: Vec<String> = provision
                        .pupils
                        .iter()
                        .take(3)
                        .map(|k| name_for(&names, k))
                        .collect();
                    let more = provision.pupils.len().saturating_sub(3);
                    let pupils = if more > 0 {
                        format!("{} and {more} more", shown.join(", "))
                    } else {
                        shown.join(", ")
                    };
                    let line = cost_line(book, provision, None);
                    let cost: Money = line.cost;
                    let groups = line.groups;
                    let remove_name = name.clone();
                    let pupil_count = provision.pupils.len();
                    view! {
                        <tr>
                            <td>{name.clone()}</td>
                            <td>{provision.marker.label()}</td>
                            <td>{format!("{} ({})", pupils, provision.pupils.len())}</td>
                            <td class="tabular">{groups}</td>
                            <td>{if staff.is_empty() { "Nobody".to_string() } else { staff.join(", ") }}</td>
                            <td>
                                {format!(
                                    "{} to {}",
                                    format_uk_date(provision.start),
                                    format_uk_date(provision.end),
                                )}
                            </td>
                            <td>{provision.priority.label()}</td>
                            <td>{provision.status.label()}</td>
                            <td class="tabular">{cost.to_string()}</td>
                            <td>
                                {move || {
                                    let remove_name = remove_name.clone();
                                    if confirming.get() == Some(id) {
                                        let question = format!(
                                            "Remove {remove_name} for {}? This takes it off every pupil in it.",
                                            if pupil_count == 1 { "1 pupil".to_string() } else { format!("{pupil_count} pupils") },
                                        );
                                        let label = question.clone();
                                        let yes = NodeRef::<leptos::html::Button>::new();
                                        Effect::new(move |_| {
                                            if let Some(button) = yes.get() {
                                                let _ = button.focus();
                                            }
                                        });
                                        view! {
                                            <div class="confirm-inline" role="group" aria-label=label>
                                                <p>{question}</p>
                                                <button
                                                    type="button"
                                                    class="button button--danger button--small"
                                                    node_ref=yes
                                                    on:click=move |_| {
                                                        confirming.set(None);
                                                        state
                                                            .work
                                                            .provision()
                                                            .update(|book| {
                                                                book.remove_provision(id);
                                                            });
                                                    }
                                                >
                                                    "Yes, remove it"
                                                </button>
                                                " "
                                                <button
                                                    type="button"
                                                    class="button button--secondary button--small"
                                                    on:click=move |_| confirming.set(None)
                                                >
                                                    "Keep it"
                                                </button>
                                            </div>
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <button
                                                type="button"
                                                class="button button--secondary"
                                                on:click=move |_| confirming.set(Some(id))
                                            >
                                                "Remove"
                                                <span class="visually-hidden">{format!(" {remove_name}")}</span>
                                            </button>
                                        }
                                            .into_any()
                                    }
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h2 id="provision-list-heading">"Provision recorded"</h2>
        {move || {
            if state.work.provision().with(|b| b.provisions.is_empty()) {
                view! { <p>"No provision recorded yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="report-table" aria-labelledby="provision-list-heading">
                            <thead>
                                <tr>
                                    <th scope="col">"Intervention"</th>
                                    <th scope="col">"Marker"</th>
                                    <th scope="col">"Pupils"</th>
                                    <th scope="col">"Groups"</th>
                                    <th scope="col">"Staff"</th>
                                    <th scope="col">"Dates"</th>
                                    <th scope="col">"Priority"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col" class="tabular">"Annual cost"</th>
                                    <th scope="col">"Action"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}
