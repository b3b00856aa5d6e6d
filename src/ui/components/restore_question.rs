//! "Restore this backup?": what a chosen backup holds and whether it is older than the
//! work here, asked before anything is replaced (issue 12 §4). The words come from
//! `storage::backup_summary`; this only lays them out and offers the three choices.

use crate::storage::backup_summary::BackupSummary;
use leptos::prelude::*;

/// The question shown once a backup file has been checked (and, when protected, opened).
/// Focus moves to its heading when it appears, so a keyboard or screen reader user lands
/// on it.
#[component]
pub fn RestoreQuestion(
    /// What the backup holds.
    summary: BackupSummary,
    /// True while something is under way (the buttons are disabled).
    #[prop(into)]
    busy: Signal<bool>,
    /// "Replace my current work with this backup" (or "Restore this backup").
    on_restore: Callback<()>,
    /// "Cancel": nothing changes.
    on_cancel: Callback<()>,
    /// "Download a backup of my current work first".
    on_download: Callback<()>,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let restore_label = if summary.replaces_open {
        "Replace my current work with this backup"
    } else {
        "Restore this backup"
    };
    let older = summary.is_older();
    let drops = summary.drop_lines();
    let drops_view = if drops.is_empty() {
        view! { <dd>"None"</dd> }.into_any()
    } else {
        view! {
            <dd>
                <ul>
                    {drops.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            </dd>
        }
        .into_any()
    };
    let row = |term: &'static str, value: String| {
        view! {
            <div class="summary-list__row">
                <dt>{term}</dt>
                <dd>{value}</dd>
            </div>
        }
    };
    view! {
        <section class="restore-question" aria-labelledby="restore-question-title">
            <h3 id="restore-question-title" tabindex="-1" node_ref=heading>
                "Restore this backup?"
            </h3>
            <p>"Nothing has been changed yet. This backup holds:"</p>
            <dl class="summary-list">
                {row("School or workspace", summary.school.clone())}
                {row("Pupils", summary.pupils_text())}
                <div class="summary-list__row">
                    <dt>"Data drops"</dt>
                    {drops_view}
                </div>
                {row("Backup made on", summary.made_text())}
            </dl>
            <p class=if older { "restore-question__standing restore-question__standing--older" } else { "restore-question__standing" }>
                {summary.standing_text()}
            </p>
            <div class="button-row">
                <button
                    type="button"
                    class="button"
                    disabled=move || busy.get()
                    on:click=move |_| on_restore.run(())
                >
                    {restore_label}
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || busy.get()
                    on:click=move |_| on_download.run(())
                >
                    "Download a backup of my current work first"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    disabled=move || busy.get()
                    on:click=move |_| on_cancel.run(())
                >
                    "Cancel"
                </button>
            </div>
        </section>
    }
}
