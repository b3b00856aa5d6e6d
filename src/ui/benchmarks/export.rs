//! **Export school figures** and **Export school figures (Excel)** (SPEC §8.5, §11): this
//! school's figures for the data drop shown — counts by year group and standard group,
//! counts of 1 to 4 hidden — as the versioned JSON file other schools and the local
//! authority load, and as a workbook to open in a spreadsheet program. Both are built by
//! core (`SchoolFigures::of_drop`, `figures::document::to_json`,
//! `export::figures_sheet`) from what the app holds; nothing is uploaded.

use crate::core::export::figures_sheet::{figures_file_name, figures_workbook};
use crate::core::export::ExportError;
use crate::core::figures::document::to_json;
use crate::core::figures::SchoolFigures;
use crate::ui::state::{use_app_state, AppState, WorkspaceStoreFields};
use crate::web::{clock, download};
use leptos::prelude::*;

/// The MIME type of an .xlsx workbook.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Which file to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Json,
    Excel,
}

/// This school's figures for the drop shown, and the school's name for the file name.
fn figures(state: &AppState) -> Option<(SchoolFigures, String)> {
    let details = state.work.details().get_untracked();
    let name = state.work.name().get_untracked();
    let profile = state.work.profile().get_untracked();
    let scored = state.scored.get_untracked();
    state.data_drop.with_untracked(|drop| {
        let drop = drop.as_ref()?;
        let figures =
            SchoolFigures::of_drop(drop, &scored.scores, &profile, details.for_figures(&name));
        Some((figures, details.name_or(&name).to_string()))
    })
}

/// The file's name and bytes.
fn build(state: &AppState, form: Form) -> Result<(String, &'static str, Vec<u8>), ExportError> {
    let (figures, school) = figures(state).ok_or(ExportError::NoPupils)?;
    Ok(match form {
        Form::Json => (
            figures_file_name(&school, &figures, "json"),
            "application/json",
            to_json(&figures).into_bytes(),
        ),
        Form::Excel => (
            figures_file_name(&school, &figures, "xlsx"),
            XLSX,
            figures_workbook(&figures, clock::today())?,
        ),
    })
}

/// The two export buttons, with what the files hold and what happened.
#[component]
pub fn FiguresExport() -> impl IntoView {
    let state = use_app_state();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let run = move |form: Form| {
        let result =
            build(&state, form)
                .map_err(|why| why.to_string())
                .and_then(|(name, mime, bytes)| {
                    download::download_bytes(&name, mime, &bytes)
                        .map(|()| name)
                        .map_err(|why| why.to_string())
                });
        outcome.set(Some(result));
    };
    view! {
        <p class="hint" id="figures-export-help">
            "Counts by year group and by group (summer-born, disadvantaged, SEN support, EHC plan, EAL, looked after, boys, girls), with the scoring profile's name and version and the data drop's term. Counts from 1 to 4 are shown as \u{201c}<5\u{201d}, and any figure that would let one be worked out is withheld. No pupil's name, UPN or date of birth is in them."
        </p>
        <div class="button-row no-print">
            <button
                type="button"
                class="button"
                aria-describedby="figures-export-help"
                on:click=move |_| run(Form::Json)
            >
                "Export school figures"
            </button>
            <button
                type="button"
                class="button button--secondary"
                aria-describedby="figures-export-help"
                on:click=move |_| run(Form::Excel)
            >
                "Export school figures (Excel)"
            </button>
        </div>
        {move || {
            outcome
                .get()
                .map(|result| match result {
                    Ok(name) => {
                        view! {
                            <p class="notice" role="status">
                                {format!(
                                    "Downloaded {name}. It holds counts only, no pupil: you can share it with other schools or the local authority.",
                                )}
                            </p>
                        }
                            .into_any()
                    }
                    Err(why) => view! { <p class="error-message" role="alert">{why}</p> }.into_any(),
                })
        }}
    }
}
