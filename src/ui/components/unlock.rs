//! The unlock screen: shown instead of the planner while the saved workspace is protected
//! with a passphrase and not yet unlocked (at start-up, and after "Lock after").

use crate::storage::envelope::NO_WAY_IN;
use crate::ui::components::delete_all::DeleteAllData;
use crate::ui::persistence;
use crate::ui::state::use_app_state;
use leptos::prelude::*;

/// "Unlock the planner": one passphrase field. A wrong passphrase is announced and changes
/// nothing; the right one opens the workspace where the user left it.
#[component]
pub fn UnlockScreen() -> impl IntoView {
    let state = use_app_state();
    let passphrase = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let deleting = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        if let Some(input) = input.get() {
            let _ = input.focus();
        }
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = passphrase.get_untracked();
        if typed.is_empty() {
            problem.set(Some("Enter the passphrase.".into()));
            return;
        }
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match persistence::unlock(state, &typed).await {
                Ok(()) => {}
                Err(error) => {
                    problem.try_set(Some(error.to_string()));
                    busy.try_set(false);
                    if let Some(input) = input.get_untracked() {
                        let _ = input.focus();
                        input.select();
                    }
                }
            }
        });
    };

    view! {
        <section class="unlock" aria-labelledby="unlock-title">
            <h1 id="unlock-title">"Unlock the planner"</h1>
            <p>
                "The work saved on this computer is protected with a passphrase. Enter it to carry on."
            </p>
            {move || {
                problem
                    .get()
                    .map(|text| {
                        view! {
                            <p class="error-message" role="alert" id="unlock-error">
                                {text}
                            </p>
                        }
                    })
            }}
            <form on:submit=submit>
                <div class="field">
                    <label for="unlock-passphrase">"Passphrase"</label>
                    <input
                        type="password"
                        id="unlock-passphrase"
                        class="text-input"
                        autocomplete="current-password"
                        node_ref=input
                        aria-describedby=move || problem.get().map(|_| "unlock-error")
                        prop:value=move || passphrase.get()
                        on:input=move |event| passphrase.set(event_target_value(&event))
                    />
                </div>
                <div class="button-row">
                    <button type="submit" class="button" disabled=move || busy.get()>
                        "Unlock"
                    </button>
                </div>
            </form>
            {move || busy.get().then(|| view! { <p role="status">"Unlocking…"</p> })}
            <p class="hint">{NO_WAY_IN}</p>
            <details class="forgotten">
                <summary>"Forgotten the passphrase?"</summary>
                <p>
                    "Then nobody can open the saved work, not even you. You can delete all the planner's data on this computer and start again: then restore a backup (it needs the passphrase it was made with, if it had one) or import the pupil spreadsheet again."
                </p>
                <DeleteAllData id="unlock-delete" busy=busy problem=problem status=deleting />
                {move || deleting.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            </details>
        </section>
    }
}
