//! The export buttons (SPEC §9 and §11). On a pupil list (Shortlist, All pupils) **Export
//! to Excel** downloads what is shown: one pupil sheet with exactly the rows on screen, in
//! their order, named after the list, plus the provision, need audit, bank, costs and
//! profile sheets; **Export whole school to Excel** gives the Shortlist and All pupils
//! sheets instead. Elsewhere **Export to Excel** is the whole-school workbook. **Download as
//! CSV** is the pupil table on screen, in the order shown. The bytes
//! are built by `core::export` from what the app already holds (the drop, the scores, the
//! profile, the provision book) and handed to `web::download`; nothing leaves the browser.

use crate::core::drop::AcademicYear;
use crate::core::export::csv::pupil_csv;
use crate::core::export::over_time_sheet::OverTimeInput;
use crate::core::export::workbook::{list_workbook, planner_workbook};
use crate::core::export::{file_name, ExportError, ExportInput};
use crate::core::privacy::EXPORT_NOTE;
use crate::ui::state::WorkspaceStoreFields;
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
    /// The workbook with one pupil sheet: the list shown, its title and its rows.
    ListWorkbook(String, Arc<Vec<usize>>),
    /// One pupil table as CSV: its title (for the file name) and its rows.
    Csv(String, Arc<Vec<usize>>),
}

/// Builds the export and returns its file name and bytes.
fn build(
    state: &AppState,
    export: &Export,
) -> Result<(String, &'static str, Vec<u8>), ExportError> {
    let today = clock::today();
    let scored = state.scored.get_untracked();
    let profile = state.work.profile().get_untracked();
    let book = state.work.provision().get_untracked();
    let targets = state.work.targets().get_untracked();
    let self_evaluation = state.work.self_evaluation().get_untracked();
    let focus = state.work.focus().get_untracked();
    let details = state.work.details().get_untracked();
    let school = details
        .name_or(&state.work.name().get_untracked())
        .to_string();
    // Every drop held, for the Over time sheet (two or more) and the Targets sheet.
    let tracking = state.tracking.get_untracked();
    let scored_drops = tracking.scored();
    let cohorts = state.work.cohorts().get_untracked();
    let over_time = (!scored_drops.is_empty()).then(|| OverTimeInput {
        timeline: &tracking.timeline,
        drops: &scored_drops,
        cohorts: &cohorts,
    });
    state.data_drop.with_untracked(|drop| {
        let drop = drop.as_ref().ok_or(ExportError::NoPupils)?;
        let keys: Vec<String> = drop.pupils.iter().map(pupil_key).collect();
        let input = ExportInput {
            school: &school,
            details: &details,
            academic_year: drop.academic_year,
            today,
            pupils: &drop.pupils,
            scores: &scored.scores,
            keys: &keys,
            shortlist: &scored.shortlist,
            focus: &focus,
            profile: &profile,
            book: &book,
            targets: &targets,
            self_evaluation: &self_evaluation,
            over_time,
        };
        let year: AcademicYear = drop.academic_year;
        match export {
            Export::Workbook => Ok((
                file_name("Planner", year, &school, today, "xlsx"),
                XLSX,
                planner_workbook(&input)?,
            )),
            Export::ListWorkbook(title, rows) => Ok((
                file_name(title, year, &school, today, "xlsx"),
                XLSX,
                list_workbook(&input, title, rows)?,
            )),
            Export::Csv(title, rows) => Ok((
                file_name(title, year, &school, today, "csv"),
                "text/csv;charset=utf-8",
                pupil_csv(&input, rows)?,
            )),
        }
    })
}

/// What the last export button did, as said under the buttons.
#[derive(Clone)]
enum Outcome {
    /// The file was downloaded, by this name.
    Downloaded(String),
    /// It was not, and this sentence says why.
    Failed(String),
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
    let message = RwSignal::new(None::<Outcome>);
    let run = move |export: Export| {
        let outcome = match build(&state, &export) {
            Ok((name, mime, bytes)) => match download::download_bytes(&name, mime, &bytes) {
                Ok(()) => Outcome::Downloaded(name),
                Err(why) => Outcome::Failed(why.to_string()),
            },
            Err(why) => Outcome::Failed(why.to_string()),
        };
        message.set(Some(outcome));
    };
    let private = move || state.shown().is_private();
    let described = move || private().then_some(NOTE_ID);
    // The list buttons are described by what they export, and in privacy mode by the note.
    let list_described = move || {
        if private() {
            format!("export-help {NOTE_ID}")
        } else {
            "export-help".to_string()
        }
    };
    // The list's name for the file and sheet: "All pupils – filtered" when a search or
    // filter hides some pupils.
    let list_title = move |title: &'static str, shown: usize| {
        if shown < state.pupil_count() {
            format!("{title} – filtered")
        } else {
            title.to_string()
        }
    };
    let buttons = match table {
        Some((title, rows)) => view! {
            <button
                type="button"
                class="button"
                aria-describedby=list_described
                on:click=move |_| {
                    let rows = rows.get_untracked();
                    run(Export::ListWorkbook(list_title(title, rows.len()), rows))
                }
            >
                "Export to Excel"
            </button>
            <button
                type="button"
                class="button button--secondary"
                aria-describedby=described
                on:click=move |_| run(Export::Workbook)
            >
                "Export whole school to Excel"
            </button>
            <button
                type="button"
                class="button button--secondary"
                aria-describedby=list_described
                on:click=move |_| {
                    let rows = rows.get_untracked();
                    run(Export::Csv(list_title(title, rows.len()), rows))
                }
            >
                "Download as CSV"
            </button>
            <p id="export-help" class="hint">
                {move || {
                    let shown = rows.with(|r| r.len());
                    format!(
                        "Export to Excel and Download as CSV give the {} shown here, in this order. Export whole school gives every pupil and the shortlist.",
                        if shown == 1 { "1 pupil".to_string() } else { format!("{shown} pupils") },
                    )
                }}
            </p>
        }
            .into_any(),
        None => view! {
            <button
                type="button"
                class="button"
                aria-describedby=described
                on:click=move |_| run(Export::Workbook)
            >
                "Export to Excel"
            </button>
        }
            .into_any(),
    };
    view! {
        <div class="export-actions no-print">
            {buttons}
            {move || {
                private().then(|| view! { <p class="hint export-note" id=NOTE_ID>{EXPORT_NOTE}</p> })
            }}
            {move || {
                message
                    .get()
                    .map(|outcome| match outcome {
                        Outcome::Downloaded(name) => {
                            let text = format!(
                                "Downloaded {name}. It contains pupil data: keep it safe."
                            );
                            view! { <p class="notice" role="status">{text}</p> }.into_any()
                        }
                        Outcome::Failed(text) => {
                            view! { <p class="error-message" role="alert">{text}</p> }.into_any()
                        }
                    })
            }}
        </div>
    }
}
