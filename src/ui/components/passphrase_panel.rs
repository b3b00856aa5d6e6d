//! "Protect with a passphrase" (Settings, SPEC §9): set, change or remove the passphrase
//! that encrypts the saved workspace and its backups, choose when the planner locks
//! itself, and lock it now. The rules for passphrases live in `storage::envelope` (pure);
//! the keys in `web::crypto`; the rewriting of every record in `ui::persistence`.

use crate::storage::envelope::{
    check_new_passphrase, EnvelopeError, MIN_PASSPHRASE_CHARS, NO_WAY_IN,
};
use crate::storage::error::StorageError;
use crate::storage::schema::LOCK_AFTER_CHOICES;
use crate::ui::persistence;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::web::crypto::Key;
use leptos::prelude::*;

/// What the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Request {
    Set,
    Change,
    Remove,
}

/// One password field with its label (and an optional hint).
#[component]
fn PassphraseField(
    /// The input's id.
    id: &'static str,
    /// The visible label.
    label: &'static str,
    /// The browser's autocomplete hint ("new-password" or "current-password").
    autocomplete: &'static str,
    /// The text typed.
    value: RwSignal<String>,
    /// A hint under the label, if any.
    #[prop(optional, into)]
    hint: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = hint.as_ref().map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            <input
                type="password"
                id=id
                class="text-input"
                autocomplete=autocomplete
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
        </div>
    }
}

/// The "Protect with a passphrase" section of Settings.
#[component]
pub fn PassphrasePanel() -> impl IntoView {
    let state = use_app_state();
    let current = RwSignal::new(String::new());
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let status = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let disabled = move || busy.get() || !state.session.loaded.get();

    let run = move |request: Request| {
        if busy.get_untracked() {
            return;
        }
        problem.set(None);
        status.set(None);
        let old = current.get_untracked();
        let new = first.get_untracked();
        if request != Request::Set && old.is_empty() {
            problem.set(Some("Enter the current passphrase.".into()));
            return;
        }
        if request != Request::Remove {
            if let Err(error) = check_new_passphrase(&new, &second.get_untracked()) {
                problem.set(Some(error.to_string()));
                return;
            }
        }
        busy.set(true);
        status.set(Some(match request {
            Request::Remove => "Removing the passphrase…".into(),
            _ => "Protecting your saved work: this takes a few seconds…".into(),
        }));
        leptos::task::spawn_local(async move {
            let result = async {
                if request != Request::Set {
                    persistence::verify_passphrase(&old).await.map_err(|error| match error {
                        StorageError::Protected(EnvelopeError::WrongPassphrase) => {
                            "The current passphrase is not right, so nothing has changed. Try again.".to_string()
                        }
                        other => other.to_string(),
                    })?;
                }
                let key = match request {
                    Request::Remove => None,
                    _ => Some(Key::new(&new).await.map_err(|error| error.to_string())?),
                };
                persistence::protect(state, key)
                    .await
                    .map_err(|error| error.to_string())
            }
            .await;
            match result {
                Ok(()) => {
                    current.try_set(String::new());
                    first.try_set(String::new());
                    second.try_set(String::new());
                    status.try_set(Some(match request {
                        Request::Set => "✓ Your saved work is now protected with this passphrase, and so are the backups you download from now on.".into(),
                        Request::Change => "✓ The passphrase has been changed. Backups made before today still open with the old one.".into(),
                        Request::Remove => "The passphrase has been removed: your saved work is kept in this browser without encryption again.".into(),
                    }));
                }
                Err(message) => {
                    status.try_set(None);
                    problem.try_set(Some(message));
                }
            }
            busy.try_set(false);
        });
    };

    let choose_lock_after = move |event: leptos::ev::Event| {
        if let Ok(minutes) = event_target_value(&event).parse::<u32>() {
            if LOCK_AFTER_CHOICES.contains(&minutes) {
                state.work.lock_after_minutes().set(minutes);
            }
        }
    };

    let protected_view = move || {
        view! {
            <p>
                <strong>"✓ Protected."</strong>
                " The work saved in this browser is encrypted with your passphrase, and so are the backups you download."
            </p>
            <div class="field">
                <label for="lock-after">"Lock after"</label>
                <p class="hint" id="lock-after-hint">
                    "With no typing or mouse use for this long, the planner locks: it forgets the pupils and the key and asks for the passphrase again."
                </p>
                <select
                    id="lock-after"
                    aria-describedby="lock-after-hint"
                    on:change=choose_lock_after
                    disabled=disabled
                >
                    {LOCK_AFTER_CHOICES
                        .into_iter()
                        .map(|minutes| {
                            view! {
                                <option
                                    value=minutes.to_string()
                                    selected=move || state.work.lock_after_minutes().get() == minutes
                                >
                                    {format!("{minutes} minutes")}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="button-row">
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| persistence::lock()
                    disabled=disabled
                >
                    "Lock now"
                </button>
            </div>
            <h3>"Change or remove the passphrase"</h3>
            <PassphraseField
                id="passphrase-current"
                label="Current passphrase"
                autocomplete="current-password"
                value=current
            />
            <PassphraseField
                id="passphrase-new"
                label="New passphrase"
                autocomplete="new-password"
                value=first
                hint=length_hint()
            />
            <PassphraseField
                id="passphrase-again"
                label="New passphrase again"
                autocomplete="new-password"
                value=second
            />
            <div class="button-row">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| run(Request::Change)
                    disabled=disabled
                >
                    "Change the passphrase"
                </button>
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| run(Request::Remove)
                    disabled=disabled
                >
                    "Remove the passphrase"
                </button>
            </div>
        }
        .into_any()
    };

    let unprotected_view = move || {
        view! {
            <p>
                "Not protected: anyone who can use this computer's account can open the planner and read what it keeps. With a passphrase, everything it keeps in this browser is encrypted (AES-256-GCM), and so are your backups; opening the planner then needs the passphrase."
            </p>
            <PassphraseField
                id="passphrase-new"
                label="New passphrase"
                autocomplete="new-password"
                value=first
                hint=length_hint()
            />
            <PassphraseField
                id="passphrase-again"
                label="New passphrase again"
                autocomplete="new-password"
                value=second
            />
            <div class="button-row">
                <button
                    type="button"
                    class="button"
                    on:click=move |_| run(Request::Set)
                    disabled=disabled
                >
                    "Protect with this passphrase"
                </button>
            </div>
        }
        .into_any()
    };

    view! {
        <section class="passphrase-panel" aria-labelledby="passphrase-panel-title">
            <h2 id="passphrase-panel-title">"Protect with a passphrase"</h2>
            <p class="warning-text">
                <strong>{NO_WAY_IN}</strong>
            </p>
            {move || status.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {move || {
                problem.get().map(|text| view! { <p class="error-message" role="alert">{text}</p> })
            }}
            {move || {
                if state.session.protected.get() { protected_view() } else { unprotected_view() }
            }}
        </section>
    }
}

fn length_hint() -> String {
    format!("At least {MIN_PASSPHRASE_CHARS} characters. A few ordinary words in a row are easy to remember and hard to guess.")
}
