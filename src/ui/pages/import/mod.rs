//! Import: choose the school's pupil spreadsheet, review how its columns will be read,
//! confirm, and see what happened to every row.
//!
//! The file is read in the import worker (`web::worker`), so a huge or hostile file never
//! freezes or crashes the page (from `file://`, where no worker can start, `ImportRunner`
//! reads it in the page instead). The workspace changes only when an import is confirmed and
//! built: a failure at any step leaves it exactly as it was.

mod review;
mod summary;

use crate::core::drop::{AcademicYear, DataDrop, Term};
use crate::core::import::build::{ImportPlan, ImportReport};
use crate::core::import::error::ImportError;
use crate::core::import::mapping::{Field, MappingMemory};
use crate::core::import::raw::FileKind;
use crate::core::import::read::Limits;
use crate::core::import::session::{ImportSession, Preview, Reply, Request};
use crate::core::import::text::group_thousands;
use crate::core::synthetic;
use crate::core::tracking::drops_table::{followed_sentence, overlap_warning};
use crate::core::tracking::matching::match_pupils;
use crate::core::tracking::timeline::Period;
use crate::storage::StorageError;
use crate::ui::persistence::{self, Kept};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::state::{AppState, HeldDrop, SaveState};
use crate::web::worker::{ImportRunner, ReaderError};
use crate::web::{clock, file};
use leptos::prelude::*;
use review::Review;
use std::sync::Arc;
use summary::Summary;
use wasm_bindgen::JsCast;

/// Where the import has got to.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    /// Nothing under way.
    Idle,
    /// Reading or importing: what is happening and how far along.
    Working { stage: String, percent: u8 },
    /// The file was read; the user checks the columns.
    Reviewing(Arc<Preview>),
    /// The pupils are built, but few of them are pupils the planner holds: the warning,
    /// waiting for "Import anyway" or "Cancel import".
    Checking(String),
    /// The import finished: the report (without its pupils, which moved into the data
    /// drop), the file's name and how many pupils were imported.
    Done(Arc<ImportReport>, String, usize),
}

/// What the page says once an import's pupils are in the workspace: "imported" only when
/// they were saved.
fn imported_words(count: usize, name: &str, kept: &Kept, state: AppState) -> String {
    match kept {
        Kept::Saved => format!("{count} pupils imported from {name}"),
        Kept::InThisTabOnly => {
            let why = match state.session.save_state.get_untracked() {
                SaveState::Failed(why) => format!(" {why}"),
                _ => String::new(),
            };
            format!(
                "{count} pupils opened from {name} in this tab only: they are not saved on this computer.{why}"
            )
        }
    }
}

/// What the page says when an import's pupils could not be saved: nothing changed.
fn not_saved_words(count: usize, name: &str, error: &StorageError) -> String {
    let pupils = group_thousands(count);
    let why = match error {
        // A write that failed on a full disk: the same plain words as the check before it.
        StorageError::QuotaExceeded | StorageError::DiskFailed => {
            StorageError::NoRoom { pupils: count }.to_string()
        }
        other => other.to_string(),
    };
    format!("The {pupils} pupils in {name} were not imported, because they could not be saved: your workspace is as it was. {why}")
}

/// How many problems the report lists on screen before summarising the rest.
const ISSUES_SHOWN: usize = 500;

const CRASHED: &str = "The planner could not read this file: reading it stopped unexpectedly, which can happen with a damaged or unusual file. Open it in Excel, save a fresh copy as .xlsx or .csv, and import that. Nothing in the planner has changed.";

/// The Import page.
#[component]
pub fn ImportPage() -> impl IntoView {
    let state = use_app_state();
    let stage = RwSignal::new(Stage::Idle);
    let alert = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let worker = StoredValue::new_local(None::<ImportRunner>);
    let worker_ready = RwSignal::new(false);
    let queued = StoredValue::new_local(None::<(String, js_sys::ArrayBuffer)>);
    let file_name = StoredValue::new(String::new());
    let last_plan = StoredValue::new(None::<ImportPlan>);
    let today = clock::today();
    let filing = RwSignal::new(Period {
        academic_year: AcademicYear::containing(today),
        term: Term::containing(today),
    });
    // An import waiting for "Import anyway" after the "Is this the right school?" warning.
    let waiting = StoredValue::new_local(None::<Box<dyn FnOnce()>>);

    let fail = move |message: String| {
        alert.set(Some(message));
        status.set(String::new());
        stage.set(Stage::Idle);
    };

    let on_reply = move |reply: Reply| match reply {
        Reply::Ready => {
            worker_ready.set(true);
            if let Some((name, bytes)) = queued.try_update_value(|queued| queued.take()).flatten() {
                send_open(
                    worker,
                    &name,
                    bytes,
                    &state.work.mapping_memory().get_untracked(),
                    fail,
                );
            }
        }
        Reply::Progress {
            stage: what,
            percent,
        } => {
            stage.set(Stage::Working {
                stage: what,
                percent,
            });
        }
        Reply::Review(preview) => {
            alert.set(None);
            last_plan.set_value(Some(preview.plan.clone()));
            stage.set(Stage::Reviewing(Arc::from(preview)));
        }
        Reply::Built(report) => {
            let name = file_name.get_value();
            let Some(plan) = last_plan.get_value() else {
                fail("The import lost track of its plan. Choose the file again.".into());
                return;
            };
            if report.pupils.is_empty() {
                fail(format!(
                    "No pupils were found in {name}: every row was blank or skipped. Check the file has one pupil per row under a heading row, then try again."
                ));
                return;
            }
            let count = report.imported();
            // Move the pupils into the data drop (no copy of a 50,000-row list); the
            // summary keeps only the counts and problems.
            let mut report = *report;
            let pupils = std::mem::take(&mut report.pupils);
            let headings = plan.headings.clone();
            let mapping = plan.mapping.clone();
            let mut drop = DataDrop::new(clock::today(), name.clone(), plan, pupils);
            let period = filing.get_untracked();
            drop.academic_year = period.academic_year;
            drop.term = period.term;
            // Few of the file's pupils known: probably another school's file. Asked before
            // anything is kept.
            let warning = if state.work.synthetic().get_untracked() {
                None
            } else {
                state.work.drops().with_untracked(|drops| {
                    let latest = drops.last()?;
                    let matching = match_pupils(&latest.drop.pupils, &drop.pupils);
                    overlap_warning(&matching, latest.drop.pupils.len(), drop.pupils.len())
                })
            };
            let drop_id = new_drop_id();
            let keep = move || {
                stage.set(Stage::Working {
                    stage: format!("Saving {} pupils on this computer", group_thousands(count)),
                    percent: 100,
                });
                leptos::task::spawn_local(async move {
                    let kept = persistence::store_import(state, || {
                        state
                            .work
                            .mapping_memory()
                            .update(|memory| memory.remember(&headings, &mapping));
                        // Real pupils never join the made-up school's drops.
                        if state.work.synthetic().get_untracked() {
                            state.work.drops().set(Vec::new());
                        }
                        state.file_drop(HeldDrop::new(drop_id.clone(), drop));
                        state.work.synthetic().set(false);
                    })
                    .await;
                    match kept {
                        Ok(kept) => {
                            let followed = followed_words(state, &drop_id);
                            status.set(format!(
                                "{}{followed}",
                                imported_words(count, &name, &kept, state)
                            ));
                            stage.set(Stage::Done(Arc::new(report), name, count));
                        }
                        Err(error) => fail(not_saved_words(count, &name, &error)),
                    }
                });
            };
            match warning {
                Some(warning) => {
                    waiting.set_value(Some(Box::new(keep)));
                    stage.set(Stage::Checking(warning));
                }
                None => keep(),
            }
        }
        Reply::Failed { message } => fail(message),
        Reply::Crashed => {
            worker.set_value(None);
            worker_ready.set(false);
            fail(CRASHED.into());
        }
    };

    // Start the file reader straight away, so its wasm is compiled and ready by the time
    // a file is chosen (it is otherwise the slowest part of importing a small file).
    worker.set_value(Some(ImportRunner::spawn(on_reply)));

    let start_import = move |chosen: web_sys::File| {
        alert.set(None);
        status.set(String::new());
        let name = chosen.name();
        let limit = Limits::default().max_file_bytes;
        let size = chosen.size() as u64;
        if size > limit {
            fail(ImportError::TooLarge { bytes: size, limit }.to_string());
            return;
        }
        file_name.set_value(name.clone());
        stage.set(Stage::Working {
            stage: "Opening the file".into(),
            percent: 1,
        });
        leptos::task::spawn_local(async move {
            let bytes = match file::read_array_buffer(&chosen).await {
                Ok(bytes) => bytes,
                Err(why) => return fail(why.to_string()),
            };
            let needs_worker = worker.with_value(|worker| worker.is_none());
            if needs_worker {
                worker.set_value(Some(ImportRunner::spawn(on_reply)));
                worker_ready.set(false);
            }
            if worker_ready.get_untracked() {
                send_open(
                    worker,
                    &name,
                    bytes,
                    &state.work.mapping_memory().get_untracked(),
                    fail,
                );
            } else {
                queued.set_value(Some((name, bytes)));
            }
        });
    };

    let try_made_up_school = move |_| {
        alert.set(None);
        let school = synthetic::made_up_school();
        let name = school.name.clone();
        let bytes = synthetic::to_csv(&school).into_bytes();
        let mut session = ImportSession::default();
        let open = Request::Open {
            file_name: name.clone(),
            bytes,
            memory: Default::default(),
        };
        let Reply::Review(preview) = session.handle(open, &mut |_| {}) else {
            fail("The made-up school could not be built. Please report this.".into());
            return;
        };
        let plan = preview.plan.clone();
        let Reply::Built(report) =
            session.handle(Request::Build { plan: plan.clone() }, &mut |_| {})
        else {
            fail("The made-up school could not be built. Please report this.".into());
            return;
        };
        let count = report.imported();
        let mut report = *report;
        let pupils = std::mem::take(&mut report.pupils);
        let drop = DataDrop::new(clock::today(), name.clone(), plan, pupils);
        // Real pupils are never replaced by made-up ones: the made-up school opens in a
        // workspace of its own and this one is kept exactly as it is.
        if state.pupil_count() > 0 && !state.work.synthetic().get_untracked() {
            status.set(format!(
                "Opening the made-up school in a new workspace, “Made-up school”. Your pupils stay in “{}”: open it again from Settings → Workspaces.",
                state.work.name().get_untracked()
            ));
            leptos::task::spawn_local(async move {
                if let Err(error) =
                    crate::ui::components::workspaces::open_made_up_school(drop).await
                {
                    fail(format!(
                        "The made-up school could not be opened, and your workspace has not changed. {error}"
                    ));
                }
            });
            return;
        }
        leptos::task::spawn_local(async move {
            let kept = persistence::store_import(state, || {
                state
                    .work
                    .drops()
                    .set(vec![HeldDrop::new(new_drop_id(), drop)]);
                state.work.shown_drop().set(None);
                state.work.synthetic().set(true);
            })
            .await;
            match kept {
                Ok(kept) => {
                    status.set(format!(
                        "{}: a made-up school, not real pupils",
                        imported_words(count, &name, &kept, state)
                    ));
                    stage.set(Stage::Done(Arc::new(report), name, count));
                }
                Err(error) => fail(not_saved_words(count, &name, &error)),
            }
        });
    };

    let on_file_change = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let chosen = input.files().and_then(|files| files.get(0));
        // Clear the input so choosing the same file again starts a fresh import.
        input.set_value("");
        if let Some(chosen) = chosen {
            start_import(chosen);
        }
    };

    let send = move |request: Request| {
        let result = worker.with_value(|worker| match worker {
            Some(worker) => worker.send(&request),
            None => Err(ReaderError::NotRunning),
        });
        if let Err(why) = result {
            fail(why.to_string());
        }
    };

    let confirm = move || {
        if let Stage::Reviewing(preview) = stage.get_untracked() {
            last_plan.set_value(Some(preview.plan.clone()));
            stage.set(Stage::Working {
                stage: "Importing the pupils".into(),
                percent: 70,
            });
            send(Request::Build {
                plan: preview.plan.clone(),
            });
        }
    };
    let cancel = move || {
        stage.set(Stage::Idle);
        status.set("Import cancelled: nothing was changed.".into());
    };
    let choose_sheet = move |sheet: usize| {
        send(Request::ChooseSheet {
            sheet,
            memory: state.work.mapping_memory().get_untracked(),
        });
    };
    let change_field = move |column: usize, field: Field| {
        if let Stage::Reviewing(preview) = stage.get_untracked() {
            let mut plan = preview.plan.clone();
            if let Some(slot) = plan.mapping.columns.get_mut(column) {
                *slot = field;
            }
            send(Request::Review { plan });
        }
    };

    view! {
        <h1>"Import pupils"</h1>
        <p class="lede">
            "Start by loading your pupil list, exported from your MIS (SIMS, Arbor, Bromcom, ScholarPack or Integris) or a spreadsheet of your own. It is read here in this browser and never uploaded."
        </p>
        <div role="status" class="import-status">{move || status.get()}</div>
        {move || {
            alert
                .get()
                .map(|message| {
                    view! {
                        <div role="alert" class="error-summary">
                            <h2 class="error-summary__title">"This file could not be imported"</h2>
                            <p>{message}</p>
                        </div>
                    }
                })
        }}
        <div class="field">
            <label for="pupil-file">"Import pupil spreadsheet"</label>
            <p class="hint" id="pupil-file-hint">{Limits::default().hint()}</p>
            <input
                type="file"
                id="pupil-file"
                aria-describedby="pupil-file-hint"
                accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.tsv,.txt"
                on:change=on_file_change
            />
        </div>
        <div class="try-it">
            <h2>"No spreadsheet to hand?"</h2>
            <p>
                "Explore the planner with a made-up primary school of 210 pupils. None of them is real, and you can import your own file at any time."
            </p>
            {move || {
                (state.pupil_count() > 0 && !state.work.synthetic().get())
                    .then(|| {
                        view! {
                            <p class="hint">
                                "Your own pupils are kept: the made-up school opens in a workspace of its own."
                            </p>
                        }
                    })
            }}
            <button type="button" class="button button--secondary" on:click=try_made_up_school>
                "Try it with a made-up school"
            </button>
        </div>
        {move || match stage.get() {
            Stage::Idle => ().into_any(),
            Stage::Working { stage: what, percent } => {
                view! {
                    <div class="progress">
                        <label for="import-progress">{format!("{what}…")}</label>
                        <progress id="import-progress" max="100" value=percent.to_string()>
                            {format!("{percent}%")}
                        </progress>
                    </div>
                }
                    .into_any()
            }
            Stage::Checking(warning) => {
                let go_on = move |_| {
                    if let Some(keep) = waiting.try_update_value(Option::take).flatten() {
                        keep();
                    }
                };
                let stop = move |_| {
                    waiting.set_value(None);
                    stage.set(Stage::Idle);
                    status.set("Import cancelled: nothing was changed.".into());
                };
                view! {
                    <section class="warning-panel" aria-labelledby="overlap-heading">
                        <h2 id="overlap-heading">"Is this the right school?"</h2>
                        <p>{warning}</p>
                        <div class="button-row">
                            <button type="button" class="button" on:click=go_on>
                                "Import anyway"
                            </button>
                            <button type="button" class="button button--secondary" on:click=stop>
                                "Cancel import"
                            </button>
                        </div>
                    </section>
                }
                    .into_any()
            }
            Stage::Reviewing(preview) => {
                view! {
                    <Review
                        filing=filing
                        preview=preview
                        on_confirm=Callback::new(move |_| confirm())
                        on_cancel=Callback::new(move |_| cancel())
                        on_sheet=Callback::new(choose_sheet)
                        on_field=Callback::new(move |(column, field)| change_field(column, field))
                    />
                }
                    .into_any()
            }
            Stage::Done(report, name, imported) => {
                view! { <Summary report=report file_name=name imported=imported /> }.into_any()
            }
        }}
    }
}

fn send_open(
    worker: StoredValue<Option<ImportRunner>, leptos::reactive::owner::LocalStorage>,
    name: &str,
    bytes: js_sys::ArrayBuffer,
    memory: &MappingMemory,
    fail: impl Fn(String),
) {
    let memory = crate::storage::wire::encode_memory(memory).unwrap_or_default();
    let result = worker.with_value(|worker| match worker {
        Some(worker) => worker.open(name, bytes, &memory),
        None => Err(ReaderError::NotRunning),
    });
    if let Err(why) = result {
        fail(why.to_string());
    }
}

/// A new drop's record id, from the clock (ids are never reused while the drop exists).
fn new_drop_id() -> String {
    format!("drop-{}", clock::now_millis() as u64)
}

/// How the pupils of the drop `id` were followed from the drop before it, as a sentence
/// after the import's own (" Followed from Autumn 2025/26: …"), or nothing for the first.
fn followed_words(state: AppState, id: &str) -> String {
    state.work.drops().with_untracked(|drops| {
        let Some(at) = drops.iter().position(|held| held.id == id) else {
            return String::new();
        };
        let Some(before) = at.checked_sub(1).map(|before| &drops[before]) else {
            return String::new();
        };
        let matching = match_pupils(&before.drop.pupils, &drops[at].drop.pupils);
        format!(" {}", followed_sentence(&matching, before.period()))
    })
}
