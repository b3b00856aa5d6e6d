//! Provision.

use crate::ui::components::EmptyState;
use leptos::prelude::*;

/// The Provision page.
#[component]
pub fn ProvisionPage() -> impl IntoView {
    view! {
        <h1>"Provision"</h1>
        <EmptyState
            message="The provision map shows the support your school gives, to whom and at what cost. Import your pupil spreadsheet first, then add interventions."
            action="Import a pupil spreadsheet"
            href="#import"
        />
    }
}
