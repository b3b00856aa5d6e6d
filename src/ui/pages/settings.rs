//! Settings: the scoring profile editor (every threshold and weight, re-scoring at once),
//! exporting and importing the profile as JSON, resetting to the universal profile, and
//! privacy display mode.

use crate::core::profile::{
    month_name, months_label, parse_hundredths, parse_whole, NumberError, Points, Profile,
};
use crate::core::value::Percent;
use crate::ui::components::{ErrorSummary, FieldError};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::web::{download, file};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Reads a number of points with at most three decimal places ("1", "1.25"), exactly.
fn parse_points(text: &str) -> Result<Points, NumberError> {
    Points::parse(text)
}

/// Reads a percentage setting ("90", "92.5", "92.5%") as hundredths of a percent, exactly.
fn parse_percent(text: &str) -> Result<u32, NumberError> {
    parse_hundredths(text)
}

/// Reads a whole number of 0 or more.
fn parse_count(text: &str) -> Result<u32, NumberError> {
    parse_whole(text)
}

fn show_percent(hundredths: u32) -> String {
    Percent::from_hundredths(hundredths)
        .to_string()
        .trim_end_matches('%')
        .to_string()
}

/// One editable setting.
struct Setting {
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    get: fn(&Profile) -> String,
    set: fn(&mut Profile, &str) -> Result<(), NumberError>,
}

const POINTS: &[Setting] = &[
    Setting {
        id: "set-birthday-points",
        label: "Summer-born",
        hint: "Points for a summer-born pupil.",
        get: |p| p.birthday.points.exact(),
        set: |p, t| {
            p.birthday.points = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-sen-support",
        label: "SEN support (K)",
        hint: "Also School Action (A) and School Action Plus (P) below.",
        get: |p| p.sen.sen_support.exact(),
        set: |p, t| {
            p.sen.sen_support = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-ehc-plan",
        label: "EHC plan (E)",
        hint: "",
        get: |p| p.sen.ehc_plan.exact(),
        set: |p, t| {
            p.sen.ehc_plan = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-school-action",
        label: "School Action (A)",
        hint: "Legacy code.",
        get: |p| p.sen.school_action.exact(),
        set: |p, t| {
            p.sen.school_action = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-school-action-plus",
        label: "School Action Plus (P)",
        hint: "Legacy code.",
        get: |p| p.sen.school_action_plus.exact(),
        set: |p, t| {
            p.sen.school_action_plus = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-statement",
        label: "Statement (S)",
        hint: "Legacy code.",
        get: |p| p.sen.statement.exact(),
        set: |p, t| {
            p.sen.statement = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-movement-points",
        label: "Movement",
        hint: "Points for one or more school moves.",
        get: |p| p.movement.points.exact(),
        set: |p, t| {
            p.movement.points = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-lac-points",
        label: "Looked after (LAC)",
        hint: "",
        get: |p| p.looked_after.points.exact(),
        set: |p, t| {
            p.looked_after.points = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-language-points",
        label: "Language",
        hint: "EAL and new to English or newly arrived.",
        get: |p| p.language.points.exact(),
        set: |p, t| {
            p.language.points = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-idaci-multiplier",
        label: "Deprivation: IDACI score multiplier",
        hint: "Points = IDACI score × this.",
        get: |p| p.deprivation.score_multiplier.exact(),
        set: |p, t| {
            p.deprivation.score_multiplier = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-idaci-cap",
        label: "Deprivation: most points",
        hint: "The cap on deprivation points.",
        get: |p| p.deprivation.cap.exact(),
        set: |p, t| {
            p.deprivation.cap = parse_points(t)?;
            Ok(())
        },
    },
];

const THRESHOLDS: &[Setting] = &[
    Setting {
        id: "set-amber-from",
        label: "Amber from (overall indicator)",
        hint: "Green below this.",
        get: |p| p.rag.amber_from.exact(),
        set: |p, t| {
            p.rag.amber_from = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-red-from",
        label: "Red from (overall indicator)",
        hint: "Amber below this.",
        get: |p| p.rag.red_from.exact(),
        set: |p, t| {
            p.rag.red_from = parse_points(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-shortlist",
        label: "Shortlist (% of pupils)",
        hint: "Rounded up; always at least one pupil.",
        get: |p| show_percent(p.shortlist.percent),
        set: |p, t| {
            p.shortlist.percent = parse_percent(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-attendance-amber",
        label: "Attendance amber at or below (%)",
        hint: "Persistent absence.",
        get: |p| show_percent(p.attendance.amber_at_or_below),
        set: |p, t| {
            p.attendance.amber_at_or_below = parse_percent(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-attendance-red",
        label: "Attendance red at or below (%)",
        hint: "Severe absence.",
        get: |p| show_percent(p.attendance.red_at_or_below),
        set: |p, t| {
            p.attendance.red_at_or_below = parse_percent(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-exclusions-amber",
        label: "Exclusions amber from (suspensions)",
        hint: "Suspensions this year.",
        get: |p| p.exclusions.amber_suspensions.to_string(),
        set: |p, t| {
            p.exclusions.amber_suspensions = parse_count(t)?;
            Ok(())
        },
    },
    Setting {
        id: "set-exclusions-red",
        label: "Exclusions red from (suspensions)",
        hint: "",
        get: |p| p.exclusions.red_suspensions.to_string(),
        set: |p, t| {
            p.exclusions.red_suspensions = parse_count(t)?;
            Ok(())
        },
    },
];

/// A problem to show in the error summary: the field it belongs to and the message.
fn setting_view(setting: &'static Setting, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let state = use_app_state();
    let hint_id = format!("{}-hint", setting.id);
    let has_hint = !setting.hint.is_empty();
    let invalid = move || errors.with(|e| e.iter().any(|error| error.field == setting.id));
    view! {
        <div class="field">
            <label for=setting.id>{setting.label}</label>
            {has_hint.then(|| view! { <p class="hint" id=hint_id.clone()>{setting.hint}</p> })}
            <input
                id=setting.id
                type="text"
                inputmode="decimal"
                class="input--short"
                aria-describedby=has_hint.then(|| hint_id.clone())
                aria-invalid=move || invalid().then_some("true")
                prop:value=move || state.work.profile().with(|p| (setting.get)(p))
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    let mut candidate = state.work.profile().get_untracked();
                    let result = (setting.set)(&mut candidate, &text)
                        .map_err(|e| e.to_string())
                        .and_then(|()| candidate.validate().map_err(|e| e.to_string()));
                    match result {
                        Ok(()) => {
                            errors.set(Vec::new());
                            candidate.changed_locally = true;
                            state.work.profile().set(candidate);
                        }
                        Err(message) => {
                            errors.set(vec![FieldError {
                                field: setting.id,
                                message: format!("{}: {message}", setting.label),
                            }]);
                        }
                    }
                }
            />
        </div>
    }
}

/// The Settings page.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app_state();
    // Opened as `#settings-…` (from the header's save status or a backup reminder): go to
    // that section once it is on the page.
    let target = crate::web::location::hash();
    if target.starts_with("settings-") {
        request_animation_frame(move || crate::web::location::focus_element(&target));
    }
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<String>);
    let import_error = RwSignal::new(None::<String>);

    let months = (1..=12u32)
        .map(|month| {
            let id = format!("set-month-{month}");
            view! {
                <div class="checkbox">
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=move || state.work.profile().with(|p| p.birthday.months.contains(&month))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let mut candidate = state.work.profile().get_untracked();
                            candidate.birthday.months.retain(|m| *m != month);
                            if on {
                                candidate.birthday.months.push(month);
                                candidate.birthday.months.sort_unstable();
                            }
                            match candidate.validate() {
                                Ok(()) => {
                                    errors.set(Vec::new());
                                    candidate.changed_locally = true;
                                    state.work.profile().set(candidate);
                                }
                                Err(e) => errors.set(vec![FieldError {
                                    field: "set-month-1",
                                    message: e.to_string(),
                                }]),
                            }
                        }
                    />
                    <label for=id>{month_name(month)}</label>
                </div>
            }
        })
        .collect_view();

    let export = move |_| {
        let profile = state.work.profile().get_untracked();
        let name: String = profile
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let file_name = format!("{}-{}.json", name.trim_matches('-'), profile.version);
        match download::download_bytes(&file_name, "application/json", profile.to_json().as_bytes())
        {
            Ok(()) => message.set(Some(format!("Exported the profile as {file_name}."))),
            Err(e) => import_error.set(Some(e.to_string())),
        }
    };

    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(chosen) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let loaded = file::read_text(&chosen)
                .await
                .map_err(|why| why.to_string())
                .and_then(|text| Profile::from_json(&text).map_err(|e| e.to_string()));
            match loaded {
                Ok(profile) => {
                    import_error.set(None);
                    errors.set(Vec::new());
                    message.set(Some(format!(
                        "Loaded the profile “{}” (version {}). Every pupil has been scored again.",
                        profile.name, profile.version
                    )));
                    state.work.profile().set(profile);
                }
                Err(problem) => {
                    message.set(None);
                    import_error.set(Some(format!(
                        "The profile was not loaded, and nothing has changed. {problem}"
                    )));
                }
            }
        });
    };

    let reset = move |_| {
        state.work.profile().set(Profile::universal());
        errors.set(Vec::new());
        import_error.set(None);
        message.set(Some(
            "Reset to the universal profile. Every pupil has been scored again.".into(),
        ));
    };

    let has_pupils = move || state.pupil_count() > 0;
    let in_use = move || {
        state.work.profile().with(|p| {
            format!(
                "In use: {}. Summer-born months: {}.",
                p.label(),
                months_label(&p.birthday.months)
            )
        })
    };
    let setting_views =
        |list: &'static [Setting]| list.iter().map(|s| setting_view(s, errors)).collect_view();

    view! {
        <h1>"Settings"</h1>
        {move || {
            (!has_pupils())
                .then(|| {
                    view! {
                        <div class="empty-state">
                            <p>"Settings hold the scoring profile. There are no pupils yet: changes apply when you import them."</p>
                            <p>
                                <a href="#import">"Import a pupil spreadsheet"</a>
                            </p>
                        </div>
                    }
                })
        }}
        <ErrorSummary
            errors=errors
            note="This change was not applied; the planner is still using the previous value."
        />
        {move || message.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        {move || import_error.get().map(|text| view! { <p class="error-message" role="alert">{text}</p> })}

        <h2>"Display"</h2>
        <div class="checkbox">
            <input
                type="checkbox"
                id="set-privacy"
                aria-describedby="set-privacy-hint"
                prop:checked=move || state.session.privacy_mode.get()
                on:change=move |ev| state.session.privacy_mode.set(event_target_checked(&ev))
            />
            <label for="set-privacy">"Privacy display mode"</label>
        </div>
        <p class="hint" id="set-privacy-hint">{crate::core::privacy::WHAT_IT_HIDES}</p>

        <h2>"Scoring profile"</h2>
        <p>{in_use}</p>
        <p class="hint">
            "Every threshold and weight is the same for every pupil, so schools and years compare like with like. Changes re-score every pupil at once. "
            <a href="#help">"How scoring works"</a>
        </p>
        <div class="button-row">
            <button type="button" class="button" on:click=export>"Export profile"</button>
            <button type="button" class="button button--secondary" on:click=reset>
                "Reset to the universal profile"
            </button>
        </div>
        <div class="field">
            <label for="profile-file">"Import scoring profile"</label>
            <p class="hint" id="profile-file-hint">"A .json profile exported from this planner, for example one your local authority publishes."</p>
            <input
                type="file"
                id="profile-file"
                accept=".json,application/json"
                aria-describedby="profile-file-hint"
                on:change=import
            />
        </div>

        <h3>"Overall indicator, shortlist and markers"</h3>
        <div class="settings-grid">{setting_views(THRESHOLDS)}</div>

        <h3>"Points for each resilience factor"</h3>
        <div class="settings-grid">{setting_views(POINTS)}</div>

        <fieldset class="months">
            <legend>"Summer-born months"</legend>
            {months}
        </fieldset>
        <crate::ui::components::school_details::SchoolDetailsPanel />
        <crate::ui::components::workspaces::Workspaces />
        <crate::ui::components::passphrase_panel::PassphrasePanel />
        <crate::ui::components::data_panel::DataPanel />
    }
}
