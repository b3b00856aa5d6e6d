//! What a page shows before there is anything to show: what to do first.

use leptos::prelude::*;

/// A box that tells the user what to do first, with a link to where they do it.
#[component]
pub fn EmptyState(
    /// What is missing, in a sentence.
    message: &'static str,
    /// The link's text, such as "Import a pupil spreadsheet".
    action: &'static str,
    /// Where the link goes, such as "#import".
    href: &'static str,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p>{message}</p>
            <p>
                <a href=href>{action}</a>
            </p>
        </div>
    }
}
