//! **Export each school's workbook** and the figures of an LA file (issue 16, SPEC §8.5),
//! one file per school, in a zip: each school's planner workbook, each school's figures
//! file, or one figures file for the whole local authority. What each file holds, its
//! name, the zip and every sentence said are `core::export::bundle`'s; this component
//! gathers the drop shown, the profile and the local authority's name, makes the files one
//! school at a time (letting the browser paint between schools, so a file of 50 schools
//! does not freeze the page) and hands the bytes to `web::download`.

use crate::core::export::bundle::{
    la_figures_file, local_authority_name, zip_files, SchoolFileKind, SchoolFiles, ZIP_MIME,
};
use crate::core::export::ExportError;
use crate::ui::state::{use_app_state, AppState, WorkspaceStoreFields};
use crate::web::activity::pause;
use crate::web::{clock, download};
use leptos::prelude::*;

/// The local authority's name for its files, from the workspace's details.
fn local_authority(state: &AppState) -> String {
    let details = state.work.details().get_untracked();
    let name = state.work.name().get_untracked();
    local_authority_name(&details, &name).to_string()
}

/// The files to make for the drop shown.
fn school_files(state: &AppState, kind: SchoolFileKind) -> Result<SchoolFiles, ExportError> {
    let profile = state.work.profile().get_untracked();
    let la = local_authority(state);
    state.data_drop.with_untracked(|drop| {
        let drop = drop.as_ref().ok_or(ExportError::NoPupils)?;
        Ok(SchoolFiles::new(kind, drop, &profile, &la, clock::today()))
    })
}

/// Makes every file of `files` one at a time, yielding to the browser after each and
/// saying how many are done in `done`; then zips and downloads them. The sentence to say.
async fn make_zip(files: SchoolFiles, done: RwSignal<(usize, usize)>) -> Result<String, String> {
    // Let the page show that it is working before the first school.
    pause(0).await;
    let mut made = Vec::with_capacity(files.len());
    for at in 0..files.len() {
        if let Some(file) = files.make(at) {
            made.push(file.map_err(|why| why.to_string())?);
        }
        done.try_set((at + 1, files.len()));
        pause(0).await;
    }
    let bytes = zip_files(&made, clock::today()).map_err(|why| why.to_string())?;
    let name = files.zip_name();
    download::download_bytes(&name, ZIP_MIME, &bytes).map_err(|why| why.to_string())?;
    Ok(files.done(&name))
}

/// The three buttons, what the files hold, and what happened.
#[component]
pub fn SchoolExports() -> impl IntoView {
    let state = use_app_state();
    // While files are made: what is said ("Making 55 workbooks…") and how many are done.
    let working = RwSignal::new(None::<String>);
    let done = RwSignal::new((0usize, 0usize));
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let busy = move || working.get().is_some();

    let run_zip = move |kind: SchoolFileKind| {
        if working.get_untracked().is_some() {
            return;
        }
        outcome.set(None);
        let files = match school_files(&state, kind) {
            Ok(files) => files,
            Err(why) => {
                outcome.set(Some(Err(why.to_string())));
                return;
            }
        };
        done.set((0, files.len()));
        working.set(Some(files.working()));
        leptos::task::spawn_local(async move {
            let result = make_zip(files, done).await;
            working.try_set(None);
            outcome.try_set(Some(result));
        });
    };

    let run_la = move || {
        if working.get_untracked().is_some() {
            return;
        }
        let profile = state.work.profile().get_untracked();
        let la = local_authority(&state);
        let result = state.data_drop.with_untracked(|drop| {
            let drop = drop.as_ref().ok_or(ExportError::NoPupils.to_string())?;
            let (file, said) = la_figures_file(drop, &profile, &la);
            download::download_bytes(&file.name, "application/json", &file.bytes)
                .map(|()| said)
                .map_err(|why| why.to_string())
        });
        outcome.set(Some(result));
    };

    let aria_disabled = move || busy().then_some("true");
    view! {
        <section class="school-exports" aria-labelledby="school-exports-title">
            <h3 id="school-exports-title">"A file for each school"</h3>
            <p id="school-workbooks-help">
                "Export each school’s workbook makes one planner workbook per school, all in one zip file: each holds only that school’s pupils from the data drop shown, scored with this workspace’s profile, with its own shortlist and the school’s details on the Profile sheet. Rows with no school given get a workbook of their own. This workspace’s cohorts, provision, targets, focus flags and notes are not copied into them. The workbooks contain pupil data: send each only to its own school."
            </p>
            <p id="school-figures-help">
                "Export each school’s figures makes one school figures file per school, in one zip file, as each school’s own Export school figures would: counts only, with counts from 1 to 4 shown as \u{201c}<5\u{201d}. Export the local authority’s figures makes one figures file counting every pupil of the data drop together, named after the local authority in Settings › School details. No pupil’s name, UPN or date of birth is in them."
            </p>
            <p class="button-row no-print">
                <button
                    type="button"
                    class="button"
                    aria-describedby="school-workbooks-help"
                    aria-disabled=aria_disabled
                    on:click=move |_| run_zip(SchoolFileKind::Workbook)
                >
                    "Export each school's workbook"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    aria-describedby="school-figures-help"
                    aria-disabled=aria_disabled
                    on:click=move |_| run_zip(SchoolFileKind::Figures)
                >
                    "Export each school's figures"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    aria-describedby="school-figures-help"
                    aria-disabled=aria_disabled
                    on:click=move |_| run_la()
                >
                    "Export the local authority's figures"
                </button>
            </p>
            <div role="status">
                {move || {
                    let text = working
                        .get()
                        .or_else(|| outcome.get().and_then(Result::ok));
                    text.map(|text| view! { <p class="notice">{text}</p> })
                }}
            </div>
            {move || {
                working
                    .get()
                    .map(|_| {
                        let (made, of) = done.get();
                        view! {
                            <div class="progress">
                                <label for="school-exports-progress">"Schools done"</label>
                                <progress
                                    id="school-exports-progress"
                                    max=of.max(1).to_string()
                                    value=made.to_string()
                                >
                                    {format!("{made} of {of}")}
                                </progress>
                            </div>
                        }
                    })
            }}
            {move || {
                outcome
                    .get()
                    .and_then(Result::err)
                    .map(|why| view! { <p class="error-message" role="alert">{why}</p> })
            }}
        </section>
    }
}
