//! A UPN as privacy display mode shows it: whole, or "…8919" read out as "UPN ending 8919".

use crate::core::privacy::ShownUpn;
use leptos::prelude::*;

/// Shows a UPN as `core::privacy` gives it. When it is masked, screen readers hear
/// "UPN ending 8919" instead of the "…8919" on screen.
#[component]
pub fn UpnText(
    /// The UPN as shown (`Shown::upn`).
    upn: ShownUpn,
) -> impl IntoView {
    match upn.spoken {
        None => upn.text.into_any(),
        Some(spoken) => view! {
            <span class="visually-hidden">{spoken}</span>
            <span aria-hidden="true">{upn.text}</span>
        }
        .into_any(),
    }
}
