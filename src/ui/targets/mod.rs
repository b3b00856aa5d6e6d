//! The Targets page (SPEC §8.3, issue 15): targets at every level with their figures at
//! each data drop, and pupils off trajectory.

use leptos::prelude::*;

/// The Targets page.
#[component]
pub fn TargetsPage() -> impl IntoView {
    view! {
        <section aria-labelledby="targets-heading">
            <h1 id="targets-heading" tabindex="-1">"Targets"</h1>
        </section>
    }
}
