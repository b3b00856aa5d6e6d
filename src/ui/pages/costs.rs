//! Costs.

use crate::ui::components::EmptyState;
use leptos::prelude::*;

/// The Costs page.
#[component]
pub fn CostsPage() -> impl IntoView {
    view! {
        <h1>"Costs"</h1>
        <EmptyState
            message="Costs add up each intervention's staff time and resources against your notional SEN budget. Import your pupil spreadsheet first."
            action="Import a pupil spreadsheet"
            href="#import"
        />
    }
}
