//! Shortlist: the pupils with the highest overall indicator (2% by default), best first.

use crate::core::planner_table::{rag_totals_of, sort_rows, summary_line, Sort};
use crate::core::value::Percent;
use crate::ui::components::{
    EmptyState, ExportButtons, PrintHeader, PrintPupilTable, PrivacyToggle, PupilGrid, SelectionBar,
};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;
use std::sync::Arc;

/// The Shortlist page.
#[component]
pub fn ShortlistPage() -> impl IntoView {
    let state = use_app_state();
    let has_pupils = Memo::new(move |_| state.pupil_count() > 0);
    view! {
        <PrintHeader title="Shortlist" />
        <h1>"Shortlist"</h1>
        {move || {
            if has_pupils.get() {
                view! { <ShortlistView /> }.into_any()
            } else {
                view! {
                    <EmptyState
                        message="The shortlist shows the 2% of pupils with the highest overall indicator. There are no pupils yet: import your pupil spreadsheet first."
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
fn ShortlistView() -> impl IntoView {
    let state = use_app_state();
    let sort = RwSignal::new(None::<Sort>);
    // An LA file's grid has a School column; the grid is drawn again if that changes.
    let la = crate::ui::schools::la_file(state);
    let rows = Memo::new(move |_| {
        let scored = state.scored.get();
        let mut rows: Vec<usize> = scored.shortlist.as_ref().clone();
        if let Some(sort) = sort.get() {
            state.data_drop.with(|drop| {
                if let Some(drop) = drop {
                    sort_rows(&mut rows, &drop.pupils, &scored.scores, sort);
                }
            });
        }
        Arc::new(rows)
    });
    let explanation = move || {
        let percent = Percent::from_hundredths(state.work.profile().with(|p| p.shortlist.percent));
        let on_list = state.scored.with(|s| s.shortlist.len());
        let all = state.pupil_count();
        format!(
            "The {percent} of pupils ({on_list} of {all}) with the highest overall indicator, highest first; ties broken by lower attendance. Check that you know each of them, and look across the row for attendance, exclusions and attainment markers."
        )
    };
    let summary = move || {
        let scored = state.scored.get();
        let rows = rows.get();
        summary_line(rows.len(), rag_totals_of(&scored.scores, &rows))
    };
    view! {
        <p class="lede">{explanation}</p>
        <div class="planner-toolbar">
            <p class="planner-summary" aria-live="polite">{summary}</p>
            <PrivacyToggle />
        </div>
        <ExportButtons table=("Shortlist", Signal::from(rows)) />
        <p class="grid-help">
            "Use the arrow keys to move around the table, Space to select a pupil and Enter to open their profile. "
            <a href="#help">"What do the columns mean?"</a>
        </p>
        <SelectionBar grid="Shortlist" />
        {move || {
            let la_file = la.get();
            view! { <PupilGrid label="Shortlist" rows=rows sort=sort la_file=la_file /> }
        }}
        <PrintPupilTable label="Shortlist" rows=rows />
    }
}
