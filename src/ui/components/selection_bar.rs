//! The bar above the Shortlist and All pupils grids while pupils are ticked: "3 pupils
//! selected", **Add provision for 3 selected** (the Provision page's Add provision form,
//! with "Selected pupils" chosen) and **Clear selection**. The count is a status, so a
//! screen reader hears each tick; the bar itself shows only while something is ticked.

use crate::ui::app::ADD_PROVISION;
use crate::ui::components::pupil_grid::select_all_id;
use crate::ui::state::use_app_state;
use crate::web::location;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// "1 pupil selected", "3 pupils selected".
fn selected_words(count: usize) -> String {
    if count == 1 {
        "1 pupil selected".to_string()
    } else {
        format!("{count} pupils selected")
    }
}

/// What is ticked in the grids, and what can be done with it.
#[component]
pub fn SelectionBar(
    /// The label of the grid below ("Shortlist" or "All pupils"): focus goes to its
    /// "Select all" box when the selection is cleared, rather than being lost.
    grid: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    let count = Memo::new(move |_| state.selected.with(BTreeSet::len));
    let add = move |_| location::set_hash(ADD_PROVISION);
    let clear = move |_| {
        state.selected.set(BTreeSet::new());
        let id = select_all_id(grid);
        request_animation_frame(move || location::focus_element(&id));
    };
    view! {
        <div class=move || {
            if count.get() == 0 { "selection-bar selection-bar--empty no-print" } else { "selection-bar no-print" }
        }>
            <p role="status" class="selection-bar__count">
                {move || (count.get() > 0).then(|| selected_words(count.get()))}
            </p>
            {move || {
                (count.get() > 0)
                    .then(|| {
                        view! {
                            <button type="button" class="button button--small" on:click=add>
                                {format!("Add provision for {} selected", count.get())}
                            </button>
                            <button
                                type="button"
                                class="button button--secondary button--small"
                                on:click=clear
                            >
                                "Clear selection"
                            </button>
                        }
                    })
            }}
        </div>
    }
}
