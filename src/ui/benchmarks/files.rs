//! **Load figures files**: one or more school figures files chosen at once, read as text
//! and handed to `core::benchmarks::load`, which keeps all of them or none (each refusal
//! said in a `role="alert"` naming its file, and nothing loaded changes). The files loaded
//! are listed with whose figures they are, their term and scoring profile and any warning,
//! each with **Remove**. They live in this tab's memory only ([`kept`]): never saved,
//! never uploaded, gone when the tab is closed or another workspace is opened.

use crate::core::benchmarks::{load, FileRow, LoadedFile, NOTHING_CHANGED};
use crate::web::{file, location};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The files loaded in this tab, kept while the page is left and come back to.
    static KEPT: RefCell<Vec<LoadedFile>> = const { RefCell::new(Vec::new()) };
}

/// The files loaded this session, as a signal that keeps them while the tab is open.
pub fn kept() -> RwSignal<Vec<LoadedFile>> {
    let loaded = RwSignal::new(KEPT.with(|kept| kept.borrow().clone()));
    Effect::new(move |_| {
        let files = loaded.get();
        KEPT.with(|kept| *kept.borrow_mut() = files);
    });
    loaded
}

/// The id of the file input.
const INPUT_ID: &str = "figures-files";

/// The file input, what happened, and the files loaded.
#[component]
pub fn FiguresFiles(
    /// The files loaded this session.
    loaded: RwSignal<Vec<LoadedFile>>,
    /// The loaded files as listed (from the comparison, which knows their warnings).
    #[prop(into)]
    rows: Signal<Vec<FileRow>>,
) -> impl IntoView {
    let problems = RwSignal::new(Vec::<String>::new());
    let status = RwSignal::new(None::<String>);
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(list) = input.files() else {
            return;
        };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|at| list.get(at)).collect();
        input.set_value("");
        if files.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            let mut chosen = Vec::new();
            for chosen_file in &files {
                let text = file::read_text(chosen_file).await.ok();
                chosen.push((chosen_file.name(), text));
            }
            match load(&loaded.get_untracked(), &chosen) {
                Ok(all) => {
                    problems.set(Vec::new());
                    let names: Vec<String> = chosen.into_iter().map(|(name, _)| name).collect();
                    status.set(Some(format!(
                        "Loaded {}: {}.",
                        if names.len() == 1 {
                            "1 figures file".to_string()
                        } else {
                            format!("{} figures files", names.len())
                        },
                        names.join(", ")
                    )));
                    loaded.set(all);
                }
                Err(refused) => {
                    status.set(None);
                    problems.set(refused.iter().map(ToString::to_string).collect());
                }
            }
        });
    };
    let remove = move |at: usize| {
        let mut name = String::new();
        loaded.update(|files| {
            if at < files.len() {
                name = files.remove(at).name;
            }
        });
        problems.set(Vec::new());
        status.set(Some(format!("Removed {name}.")));
        location::focus_element(INPUT_ID);
    };

    view! {
        <div class="field">
            <label for=INPUT_ID>"Load figures files"</label>
            <p class="hint" id="figures-files-hint">
                "Files made by Export school figures in another school's planner or the local authority's. You can choose several at once. They are kept only while this tab is open: they are not saved and nothing is uploaded, so load them again next time."
            </p>
            <input
                type="file"
                id=INPUT_ID
                multiple=true
                accept=".json,application/json"
                aria-describedby="figures-files-hint"
                on:change=choose
            />
        </div>
        {move || {
            let refused = problems.get();
            (!refused.is_empty())
                .then(|| {
                    view! {
                        <div class="error-summary" role="alert">
                            <ul>
                                {refused
                                    .into_iter()
                                    .map(|text| view! { <li>{text}</li> })
                                    .collect_view()}
                            </ul>
                            <p>{NOTHING_CHANGED}</p>
                        </div>
                    }
                })
        }}
        {move || status.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {move || {
            let rows = rows.get();
            if rows.is_empty() {
                return view! { <p>"No figures files are loaded yet."</p> }.into_any();
            }
            let body = rows
                .into_iter()
                .enumerate()
                .map(|(at, row)| {
                    let warnings = row
                        .warnings
                        .iter()
                        .map(|warning| view! { <p class="benchmark-warning">"⚠ " {warning.clone()}</p> })
                        .collect_view();
                    let label = format!("Remove {}", row.name);
                    view! {
                        <tr>
                            <th scope="row">{row.name}</th>
                            <td>{row.holds}</td>
                            <td>{row.period}</td>
                            <td>{row.profile} {warnings}</td>
                            <td>
                                <button
                                    type="button"
                                    class="button button--secondary"
                                    aria-label=label
                                    on:click=move |_| remove(at)
                                >
                                    "Remove"
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data-table">
                        <caption>"Loaded figures files"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"File"</th>
                                <th scope="col">"Figures of"</th>
                                <th scope="col">"Term"</th>
                                <th scope="col">"Scoring profile"</th>
                                <th scope="col">
                                    <span class="visually-hidden">"Remove"</span>
                                </th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
                .into_any()
        }}
    }
}
