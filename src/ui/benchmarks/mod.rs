//! The **Benchmarks** page (`#benchmarks`, SPEC §8.5, issue 16): this school's figures
//! exported for sharing (`export`), figures files of other schools and the local
//! authority loaded for this session (`files`), and this school compared with them
//! indicator by indicator (`comparison`), for the whole school or one group. Every rule —
//! the figures, suppression, reading a file, similar schools, the comparison's words — is
//! core's (`core::figures`, `core::benchmarks`); this page only shows what it decides.

mod comparison;
mod export;
mod files;

use crate::core::benchmarks::ThisSchool;
use crate::core::figures::RowGroup;
use crate::ui::components::EmptyState;
use crate::ui::state::{use_app_state, WorkspaceStoreFields};
use comparison::{ComparisonTable, SimilarSchoolsSummary};
use export::FiguresExport;
use files::FiguresFiles;
use leptos::prelude::*;

/// The Benchmarks page.
#[component]
pub fn BenchmarksPage() -> impl IntoView {
    let state = use_app_state();
    let loaded = files::kept();
    let this_school = Memo::new(move |_| {
        let scored = state.scored.get();
        let profile = state.work.profile().get();
        let name = state.work.name().get();
        state.work.details().with(|details| {
            state.data_drop.with(|drop| {
                drop.as_ref()
                    .map(|drop| ThisSchool::of_drop(drop, &scored.scores, &profile, details, &name))
            })
        })
    });
    let group = RwSignal::new(RowGroup::WholeSchool);
    let comparison = Memo::new(move |_| {
        let group = group.get();
        this_school.with(|this| {
            this.as_ref()
                .map(|this| loaded.with(|files| this.compare(files, group)))
        })
    });
    let file_rows = Signal::derive(move || {
        comparison.with(|comparison| {
            comparison
                .as_ref()
                .map(|comparison| comparison.files.clone())
                .unwrap_or_default()
        })
    });
    let groups =
        move || this_school.with(|this| this.as_ref().map(ThisSchool::groups).unwrap_or_default());
    let period = move || {
        state
            .data_drop
            .with(|drop| drop.as_ref().map(|drop| drop.label()).unwrap_or_default())
    };
    let has_pupils = move || state.pupil_count() > 0;

    view! {
        <h1>"Benchmarks"</h1>
        <p>
            "Compare this school with the local authority and with similar schools, using school figures: counts by year group and group, with small counts hidden. School figures never hold a pupil's name, UPN or date of birth."
        </p>
        <Show
            when=has_pupils
            fallback=|| {
                view! {
                    <EmptyState
                        message="There are no pupils yet: import this school's pupil spreadsheet to export its figures and compare them."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
            }
        >
            <section aria-labelledby="figures-export-title">
                <h2 id="figures-export-title">"This school's figures"</h2>
                <p>"From the " {period} " data drop, the one the planner shows."</p>
                <FiguresExport />
            </section>
            <section aria-labelledby="figures-files-title">
                <h2 id="figures-files-title">"Other schools' figures"</h2>
                <FiguresFiles loaded=loaded rows=file_rows />
            </section>
            <section aria-labelledby="comparison-title" class="benchmark-comparison">
                <h2 id="comparison-title">"Comparison with other schools"</h2>
                <div class="field">
                    <label for="benchmark-group">"Pupils compared"</label>
                    <select
                        id="benchmark-group"
                        on:change=move |ev| {
                            let at = event_target_value(&ev).parse::<usize>().ok();
                            if let Some(chosen) = at.and_then(|at| groups().get(at).copied()) {
                                group.set(chosen);
                            }
                        }
                    >
                        {move || {
                            groups()
                                .into_iter()
                                .enumerate()
                                .map(|(at, choice)| {
                                    view! {
                                        <option value=at.to_string() selected=move || group.get() == choice>
                                            {choice.label()}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <p class="hint">
                    "Shares are of the pupils compared (persistent absence of those with attendance recorded, suspensions of those with suspensions recorded, low attainers of those whose attainment can be judged). Similar schools are always chosen by their whole-school figures. A figure shown as <5 (suppressed) is hidden in its school's file and never compared."
                </p>
                <SimilarSchoolsSummary comparison=comparison />
                <ComparisonTable comparison=comparison />
            </section>
        </Show>
    }
}
