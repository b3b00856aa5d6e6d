//! The export buttons (SPEC §9 and §11): **Export to Excel** downloads the whole planner
//! workbook; **Download as CSV** the pupil table on screen, in the order shown. The bytes
//! are built by `core::export` from what the app already holds (the drop, the scores, the
//! profile, the provision book) and handed to `web::download`; nothing leaves the browser.

use crate::core::drop::AcademicYear;
use crate::core::export::csv::pupil_csv;
use crate::core::export::workbook::planner_workbook;
use crate::core::export::{file_name, ExportError, ExportInput};
use crate::core::privacy::EXPORT_NOTE;
use crate::ui::state::{pupil_key, use_app_state, AppState};
use crate::web::{clock, download};
use leptos::prelude::*;
use std::sync::Arc;

/// The id of the privacy note that describes the buttons (one set of buttons a page).
const NOTE_ID: &str = "export-privacy-note";

/// The MIME type of an .xlsx workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What to build from the app's state.
enum Export {
    /// The whole workbook.
    Workbook,
    /// One pupil table as CSV: its title (for the file name) and its rows.
    Csv(&'static str, Arc<Vec<usize>>),
}

/// Builds the export and returns its file name and bytes.
fn build(
    state: &AppState,
    export: &Export,
) -> Result<(String, &'static str, Vec<u8>), ExportError> {
    let today = clock::today();
    let scored = state.scored.get_untracked();
    let profile = state.profile.get_untracked();
    let book = state.provision.get_untracked();
    let focus = state.focus.get_untracked();
    let school = state.workspace_name.get_untracked();
    state.drop.with_untracked(|drop| {
        let drop = drop.as_ref().ok_or(ExportError::NoPupils)?;
        let keys: Vec<String> = drop.pupils.iter().map(pupil_key).collect();
        let input = ExportInput {
            school: &school,
            academic_year: drop.academic_year,
            today,
            pupils: &drop.pupils,
            scores: &scored.scores,
            keys: &keys,
            shortlist: &scored.shortlist,
            focus: &focus,
            profile: &profile,
            book: &book,
        };
        let year: AcademicYear = drop.academic_year;
        match export {
            Export::Workbook => Ok((
                file_name("Planner", year, &school, today, "xlsx"),
                XLSX,
                planner_workbook(&input)?,
            )),
            Export::Csv(title, rows) => Ok((
                file_name(title, year, &school, today, "csv"),
                "text/csv;charset=utf-8",
                pupil_csv(&input, rows)?,
            )),
        }
    })
}

/// **Export to Excel** and, when `table` is given, **Download as CSV** for that table's
/// rows (as filtered and sorted on screen). Exports always hold the full data; in privacy
/// display mode a note under the buttons says so, and describes each button.
#[component]
pub fn ExportButtons(
    /// The pupil table shown ("Shortlist" or "All pupils") and its rows, for the CSV.
    #[prop(optional)]
    table: Option<(&'static str, Signal<Arc<Vec<usize>>>)>,
) -> impl IntoView {
    let state = use_app_state();
    let message = RwSignal::new(None::<Result<String, String>>);
    let run = move |export: Export| {
        let result =
            build(&state, &export)
                .map_err(|e| e.to_string())
                .and_then(|(name, mime, bytes)| {
                    download::download_bytes(&name, mime, &bytes)
                        .map(|()| {
                            format!("Downloaded {name}. It contains pupil data: keep it safe.")
                        })
                        .map_err(|e| e.to_string())
                });
        message.set(Some(result));
    };
    let private = move || state.shown().is_private();
    let described = move || private().then_some(NOTE_ID);
    let csv_button = table.map(|(title, rows)| {
        view! {
            <button
                type="button"
                class="button button--secondary"
                aria-describedby=described
                on:click=move |_| run(Export::Csv(title, rows.get_untracked()))
            >
                "Download as CSV"
            </button>
        }
    });
    view! {
        <div class="export-actions no-print">
            <button
                type="button"
                class="button"
                aria-describedby=described
                on:click=move |_| run(Export::Workbook)
            >
                "Export to Excel"
            </button>
            {csv_button}
            {move || {
                private().then(|| view! { <p class="hint export-note" id=NOTE_ID>{EXPORT_NOTE}</p> })
            }}
            {move || {
                message
                    .get()
                    .map(|result| match result {
                        Ok(text) => view! { <p class="notice" role="status">{text}</p> }.into_any(),
                        Err(text) => {
                            view! { <p class="error-message" role="alert">{text}</p> }.into_any()
                        }
                    })
            }}
        </div>
    }
}
