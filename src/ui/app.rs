//! The app shell: header, navigation, the current page and the footer.

use crate::core::pupil::PupilKey;
use crate::storage::reminders::{backup_reminder, saved_words};
use crate::ui::pages::{
    AllPupilsPage, CohortsPage, DataDropsPage, HelpPage, ImportPage, PupilPage, SettingsPage,
    ShortlistPage,
};
use crate::ui::provision::{CostsPage, ProvisionPage, WhatWorksPage};
use crate::ui::self_evaluation::SelfEvaluationPage;
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::state::{use_app_state, AppState, SaveState};
use crate::ui::targets::TargetsPage;
use crate::web::location;
use leptos::prelude::*;

/// A page of the app, addressed by the location hash (`#import`, `#shortlist`, …;
/// a pupil's profile is `#pupil/<key>`, the pupil key made safe for a URL, so a bookmark
/// or another tab opens the same pupil after a re-import in another order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Import,
    DataDrops,
    Shortlist,
    AllPupils,
    /// An LA file's schools; in the navigation only while the drop shown is one.
    Schools,
    Cohorts,
    Provision,
    Costs,
    WhatWorks,
    Targets,
    SelfEvaluation,
    Benchmarks,
    Settings,
    Help,
    /// One pupil's profile, by pupil key.
    Pupil(PupilKey),
    /// One pupil's progress report for parents (`#report/<key>`), opened from their
    /// profile; not in the navigation.
    Report(PupilKey),
}

impl Page {
    /// Every page in the navigation, in order.
    pub const ALL: [Page; 14] = [
        Page::Import,
        Page::DataDrops,
        Page::Shortlist,
        Page::AllPupils,
        Page::Schools,
        Page::Cohorts,
        Page::Provision,
        Page::Costs,
        Page::WhatWorks,
        Page::Targets,
        Page::SelfEvaluation,
        Page::Benchmarks,
        Page::Settings,
        Page::Help,
    ];

    /// The hash that addresses the page.
    pub fn slug(&self) -> &'static str {
        match self {
            Page::Import => "import",
            Page::DataDrops => "data-drops",
            Page::Shortlist => "shortlist",
            Page::AllPupils => "all-pupils",
            Page::Schools => "schools",
            Page::Cohorts => "cohorts",
            Page::Provision => "provision",
            Page::Costs => "costs",
            Page::WhatWorks => "what-works",
            Page::Targets => "targets",
            Page::SelfEvaluation => "self-evaluation",
            Page::Benchmarks => "benchmarks",
            Page::Settings => "settings",
            Page::Help => "help",
            Page::Pupil(_) => "pupil",
            Page::Report(_) => "report",
        }
    }

    /// The page's name in the navigation.
    pub fn title(&self) -> &'static str {
        match self {
            Page::Import => "Import",
            Page::DataDrops => "Data drops",
            Page::Shortlist => "Shortlist",
            Page::AllPupils => "All pupils",
            Page::Schools => "Schools",
            Page::Cohorts => "Cohorts",
            Page::Provision => "Provision",
            Page::Costs => "Costs",
            Page::WhatWorks => "What works",
            Page::Targets => "Targets",
            Page::SelfEvaluation => "Self-evaluation",
            Page::Benchmarks => "Benchmarks",
            Page::Settings => "Settings",
            Page::Help => "Help",
            Page::Pupil(_) => "Pupil profile",
            Page::Report(_) => "Progress report for parents",
        }
    }

    /// The page a hash addresses, if any.
    pub fn from_slug(slug: &str) -> Option<Page> {
        if let Some(key) = slug.strip_prefix("pupil/") {
            return PupilKey::from_route(key).map(Page::Pupil);
        }
        if let Some(key) = slug.strip_prefix("report/") {
            return PupilKey::from_route(key).map(Page::Report);
        }
        // The Provision page at its Add provision form (the selection bar, a profile).
        if slug == ADD_PROVISION {
            return Some(Page::Provision);
        }
        // `#help-birthday` and the like open Help at that section.
        if slug.starts_with("help-") {
            return Some(Page::Help);
        }
        // `#settings-data` and the like open Settings at that section.
        if slug.starts_with("settings-") {
            return Some(Page::Settings);
        }
        // `#all-pupils/school/<key>` opens All pupils showing one school's pupils.
        if slug.starts_with("all-pupils/") {
            return Some(Page::AllPupils);
        }
        Page::ALL.into_iter().find(|page| page.slug() == slug)
    }
}

/// The hash of the Provision page opened at its **Add provision** form, with the pupils
/// selected in the grids chosen and the form's heading focused.
pub const ADD_PROVISION: &str = "add-provision";

/// The list page a pupil profile's back link returns to (Shortlist or All pupils).
#[derive(Debug, Clone, Copy)]
pub struct BackTo(pub RwSignal<Page>);

/// The page the pupil profile's back link returns to.
pub fn use_back_to() -> Page {
    use_context::<BackTo>().map_or(Page::AllPupils, |back| back.0.get_untracked())
}

/// The unreadable records as one JSON file: what happened, and each record as stored
/// (an encrypted record stays encrypted), so nothing of the school's work is lost.
fn saved_work_as_stored(unreadable: &crate::ui::state::Unreadable) -> String {
    let records: Vec<serde_json::Value> = unreadable
        .records
        .iter()
        .map(|(store, key, text)| serde_json::json!({ "store": store, "key": key, "text": text }))
        .collect();
    let file = serde_json::json!({
        "format": "personalisation-planner-saved-work-as-stored",
        "why": unreadable.message,
        "records": records,
    });
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    crate::ui::persistence::start(state);
    crate::ui::persistence::lock_when_idle(state);
    crate::ui::typed_text::watch(state);
    leptos::task::spawn_local(async move {
        let kept = crate::web::storage_space::persisted().await;
        state.session.storage_kept.try_set(kept);
    });
    let reminder = Memo::new(move |_| {
        let imported_on = state
            .data_drop
            .with(|drop| drop.as_ref().map(|d| d.imported_on));
        backup_reminder(
            imported_on,
            state.work.synthetic().get(),
            state.session.last_backup.get(),
            crate::web::clock::today(),
        )
    });
    // Only a real change re-renders the page (an Import page remounting would restart its
    // file reader).
    let locked = Memo::new(move |_| state.session.locked());
    let page = RwSignal::new(Page::from_slug(&location::hash()).unwrap_or(Page::Import));
    // Unknown hashes (such as the skip link's) leave the page as it is.
    location::on_hash_change(move |slug| {
        if let Some(next) = Page::from_slug(&slug) {
            page.set(next);
        }
    });
    let la_file = crate::ui::schools::la_file(state);
    let back_to = RwSignal::new(Page::AllPupils);
    provide_context(BackTo(back_to));
    Effect::new(move |_| {
        let current = page.get();
        if matches!(current, Page::Shortlist | Page::AllPupils | Page::Cohorts) {
            back_to.set(current);
        }
    });
    Effect::new(move |_| {
        location::set_title(&format!("{} – Personalisation Planner", page.get().title()));
    });

    view! {
        <a class="skip-link" href="#main-content">"Skip to main content"</a>
        <header class="app-header">
            <p class="app-header__name">"Personalisation Planner"</p>
            <p class="app-header__privacy">"Your pupil data stays on this computer"</p>
            <p class="app-header__workspace" hidden=move || locked.get()>
                "Workspace: " <strong>{move || state.work.name().get()}</strong>
            </p>
            <p
                class="save-state"
                aria-live="polite"
                data-revision=move || state.session.saved_revision.get().to_string()
            >
                {move || match state.session.save_state.get() {
                    // An empty workspace is not "Saved" work while the school's is missing.
                    SaveState::Saved if state.session.missing.with(Option::is_some) => {
                        "⚠ Your saved work is missing".to_string().into_any()
                    }
                    SaveState::Loading => "Opening your saved work…".to_string().into_any(),
                    SaveState::Saved => {
                        let (words, needs_fix) = saved_words(state.session.storage_kept.get());
                        if needs_fix {
                            // The words lead to the fix: ask the browser to keep the data,
                            // and download a backup.
                            view! {
                                <a
                                    href="#settings-data"
                                    title="Ask the browser to keep the data, and download a backup"
                                >
                                    {words}
                                </a>
                            }
                                .into_any()
                        } else {
                            words.into_any()
                        }
                    }
                    SaveState::Saving => "Saving…".to_string().into_any(),
                    SaveState::Failed(message) => format!("⚠ {message}").into_any(),
                    SaveState::Locked => "🔒 Locked".to_string().into_any(),
                }}
            </p>
            {move || {
                reminder
                    .get()
                    .filter(|_| !locked.get())
                    .map(|reminder| {
                        view! {
                            <p class="backup-reminder">
                                <a href="#settings-data" title="Download a backup in Settings">
                                    {reminder.to_string()}
                                </a>
                            </p>
                        }
                    })
            }}
            {move || {
                state
                    .work
                    .synthetic()
                    .get()
                    .then(|| {
                        view! {
                            <p class="app-header__made-up">
                                <strong>"Made-up school:"</strong>
                                " these pupils are not real. Your own workspaces are in "
                                <a href="#settings-workspaces">"Settings → Workspaces"</a>
                                "."
                            </p>
                        }
                    })
            }}
        </header>
        {move || state.session.missing.get().map(|missing| view! { <MissingBanner missing=missing /> })}
        {move || {
            state
                .session
                .unreadable
                .get()
                .map(|unreadable| {
                    let download = {
                        let unreadable = unreadable.clone();
                        move |_| {
                            let text = saved_work_as_stored(&unreadable);
                            let name = format!(
                                "Planner saved work as stored – {}.json",
                                crate::web::clock::today().format("%Y-%m-%d"),
                            );
                            let _ = crate::web::download::download_bytes(
                                &name,
                                "application/json",
                                text.as_bytes(),
                            );
                        }
                    };
                    view! {
                        <div role="alert" class="stale-banner unreadable-banner">
                            <p>{unreadable.message.clone()}</p>
                            <button type="button" class="button" on:click=download>
                                "Download the saved work as it is"
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            state
                .session
                .stale
                .get()
                .then(|| {
                    view! {
                        <div role="alert" class="stale-banner">
                            <p>
                                "This workspace was changed in another tab. Reload this tab to see those changes; until you do, changes made here are not saved."
                            </p>
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| {
                                    let _ = window().location().reload();
                                }
                            >
                                "Reload this tab"
                            </button>
                        </div>
                    }
                })
        }}
        <nav class="app-nav" aria-label="Main" hidden=move || locked.get()>
            <ul>
                {Page::ALL
                    .into_iter()
                    .map(|item| {
                        // Schools only while the drop shown is an LA file.
                        let schools = item == Page::Schools;
                        let hidden = move || schools && !la_file.get();
                        view! {
                            <li hidden=hidden>
                                <a
                                    href=format!("#{}", item.slug())
                                    aria-current=move || (page.get() == item).then_some("page")
                                >
                                    {item.title()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <ShownDrop hidden=locked />
        <main id="main-content" tabindex="-1">
            {move || match page.get() {
                _ if locked.get() => {
                    view! { <crate::ui::components::unlock::UnlockScreen /> }.into_any()
                }
                Page::Import => view! { <ImportPage /> }.into_any(),
                Page::DataDrops => view! { <DataDropsPage /> }.into_any(),
                Page::Shortlist => view! { <ShortlistPage /> }.into_any(),
                Page::AllPupils => view! { <AllPupilsPage /> }.into_any(),
                Page::Schools => view! { <crate::ui::schools::SchoolsPage /> }.into_any(),
                Page::Cohorts => view! { <CohortsPage /> }.into_any(),
                Page::Provision => view! { <ProvisionPage /> }.into_any(),
                Page::Costs => view! { <CostsPage /> }.into_any(),
                Page::WhatWorks => view! { <WhatWorksPage /> }.into_any(),
                Page::Targets => view! { <TargetsPage /> }.into_any(),
                Page::SelfEvaluation => view! { <SelfEvaluationPage /> }.into_any(),
                Page::Benchmarks => {
                    view! { <crate::ui::benchmarks::BenchmarksPage /> }.into_any()
                }
                Page::Settings => view! { <SettingsPage /> }.into_any(),
                Page::Help => view! { <HelpPage /> }.into_any(),
                Page::Pupil(key) => view! { <PupilPage pupil_key=key /> }.into_any(),
                Page::Report(key) => {
                    view! { <crate::ui::report::ReportPage pupil_key=key /> }.into_any()
                }
            }}
        </main>
        <footer class="app-footer">
            <p>
                "Nothing you load is uploaded: the planner runs entirely in this browser and works offline."
            </p>
        </footer>
    }
}

/// Says at start-up that saved work noted on this computer is missing from the browser's
/// storage, with the way back (restore a backup) and a way to carry on without it.
#[component]
fn MissingBanner(missing: std::sync::Arc<crate::ui::state::MissingWork>) -> impl IntoView {
    let state = use_app_state();
    let start_afresh = {
        let id = missing.id.clone();
        move |_| {
            crate::web::saved_marker::forget(&id);
            state.session.missing.set(None);
        }
    };
    view! {
        <div role="alert" class="stale-banner missing-banner">
            <p>{missing.message.clone()}</p>
            <p class="missing-banner__actions">
                <a class="button" href="#settings-data">
                    "Restore your latest backup"
                </a>
                " "
                <button type="button" class="button button--secondary" on:click=start_afresh>
                    "Carry on without it"
                </button>
            </p>
        </div>
    }
}

/// Which data drop every page shows, and a way to choose another: "Showing Spring 2025/26
/// (the latest of 3 data drops)".
#[component]
fn ShownDrop(hidden: Memo<bool>) -> impl IntoView {
    let state = use_app_state();
    let words = move || {
        let count = state.work.drops().with(Vec::len);
        let chosen = state.work.shown_drop().get();
        let drop = state.data_drop.get()?;
        let label = drop.label();
        Some(match (count, chosen) {
            (1, _) => format!("Showing the {label} data drop"),
            (_, None) => format!("Showing {label}, the latest of {count} data drops"),
            (_, Some(_)) => format!("Showing {label}, an earlier data drop ({count} held)"),
        })
    };
    view! {
        <p class="shown-drop" hidden=move || hidden.get() || words().is_none()>
            {words}
            " · "
            <a href="#data-drops">"Choose another data drop"</a>
        </p>
    }
}
