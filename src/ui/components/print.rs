//! What only paper sees (SPEC §9 "Print"): a header with the school (its name and, when
//! given in Settings, its URN, DfE number, phase and local authority), the academic year
//! and the date printed, and the pupil table as a real `<table>` whose heading row repeats on
//! every page. Both are hidden on screen (`.print-only`, style/print.css); the
//! "Confidential – contains pupil data" footer and page numbers are `@page` margin boxes
//! in the same stylesheet, so they appear on every printed page.

use crate::core::drop::AcademicYear;
use crate::core::planner_table::{cell, interventions_by_pupil, Column, RowContext};
use crate::core::privacy::ShownUpn;
use crate::ui::components::UpnText;
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::state::{pupil_key, use_app_state};
use crate::web::clock;
use leptos::prelude::*;
use std::sync::Arc;

/// The print header: "Oakfield Primary (URN 123456 · DfE number 123/4567 · Primary ·
/// Tameside) · Shortlist 2025/26 · Printed 13/03/2026".
#[component]
pub fn PrintHeader(
    /// What is printed: "Shortlist", "Whole-school provision map", …
    title: &'static str,
    /// The academic year shown on the page (a page with a year picker passes its choice);
    /// without it, the data drop's year.
    #[prop(optional, into)]
    year: Option<Signal<AcademicYear>>,
) -> impl IntoView {
    let state = use_app_state();
    let year = move || {
        if let Some(chosen) = year {
            return chosen.get();
        }
        state.data_drop.with(|drop| {
            drop.as_ref().map_or_else(
                || AcademicYear::containing(clock::today()),
                |drop| drop.academic_year,
            )
        })
    };
    let printed = clock::today().format("%d/%m/%Y").to_string();
    view! {
        <div class="print-only print-header">
            <span class="print-header__school">
                {move || {
                    let name = state.work.name().get();
                    state.work.details().with(|details| details.name_or(&name).to_string())
                }}
                {move || {
                    state
                        .work
                        .details()
                        .with(|details| {
                            let line = details.line();
                            (!line.is_empty())
                                .then(|| {
                                    view! {
                                        <span class="print-header__details">" (" {line} ")"</span>
                                    }
                                })
                        })
                }}
            </span>
            <span class="print-header__title">{title} " " {move || year().to_string()}</span>
            <span class="print-header__date">"Printed " {printed}</span>
        </div>
    }
}

/// The pupils at `rows` as a plain table for printing (in privacy display mode as on
/// screen: initials, masked UPNs, no class), its `<thead>` repeated on every page.
#[component]
pub fn PrintPupilTable(
    /// The table's name ("Shortlist").
    label: &'static str,
    /// The pupils (indices into the drop's pupils), in the order shown.
    #[prop(into)]
    rows: Signal<Arc<Vec<usize>>>,
) -> impl IntoView {
    let state = use_app_state();
    let head = Column::ALL
        .into_iter()
        .map(|column| view! { <th scope="col">{column.label()}</th> })
        .collect_view();
    let body = move || {
        let rows = rows.get();
        let scored = state.scored.get();
        let shown = state.shown();
        let focus = state.work.focus().get();
        let interventions = state.work.provision().with(interventions_by_pupil);
        state.data_drop.with(|drop| {
            let Some(drop) = drop else {
                return Vec::new();
            };
            rows.iter()
                .filter_map(|&index| {
                    let pupil = drop.pupils.get(index)?;
                    let score = scored.scores.get(index)?;
                    let key = pupil_key(pupil);
                    let row = RowContext {
                        shown,
                        focus: focus.contains(&key),
                        interventions: interventions.get(&key).map_or("", String::as_str),
                    };
                    let cells = Column::ALL
                        .into_iter()
                        .map(|column| {
                            let cell = cell(column, pupil, score, &row);
                            let class = format!("tone-{}", cell.tone.class());
                            if column == Column::Upn {
                                let upn = ShownUpn {
                                    text: cell.text,
                                    spoken: cell.spoken,
                                };
                                return view! {
                                    <td class=class>
                                        <UpnText upn=upn />
                                    </td>
                                }
                                .into_any();
                            }
                            view! { <td class=class>{cell.text}</td> }.into_any()
                        })
                        .collect_view();
                    Some(view! { <tr>{cells}</tr> })
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <table class="print-only print-table report-table" aria-label=format!("{label} (for printing)")>
            <thead>
                <tr>{head}</tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}
