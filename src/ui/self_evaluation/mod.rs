//! The Self-evaluation page (SPEC §8.4, issue 15): the practical guide's nine features
//! with their developing practice checklists.

use leptos::prelude::*;

/// The Self-evaluation page.
#[component]
pub fn SelfEvaluationPage() -> impl IntoView {
    view! {
        <section aria-labelledby="self-evaluation-heading">
            <h1 id="self-evaluation-heading" tabindex="-1">"Self-evaluation"</h1>
        </section>
    }
}
