//! The need audit and gap analysis (SPEC §7, Ealing steps 1–2 and 5).
//!
//! - [`NeedAuditForm`], on a pupil's profile: the pupil's audited needs for next year
//!   (the year after the working year; need area and must/should/could), with add and
//!   remove, kept in the book's `need_audit` with that year through
//!   `ProvisionBook::set_audited_need` / `remove_audited_need`.
//! - [`GapAnalysisSection`], on the Provision page: which audit (an academic year, next
//!   year by default, or the entries made before audits named a year), its
//!   must/should/could table per year group — next year's year groups, with expected
//!   pupils not yet on roll — with a bar chart of the same numbers beside it and the
//!   expected pupils' list and form (all in [`audit`]), then the gap analysis against the
//!   provision of the academic year chosen at the top of the page — unmet need (the
//!   expected pupils' too), surplus, classes with much more or much less support than the
//!   median class, and staff training needed.

mod audit;

use crate::core::drop::AcademicYear;
use crate::core::provision::audit::{
    audit_table_for, audit_years, default_audit_year, gap_analysis_for, pupils_in_year,
    year_groups_note,
};
use crate::core::provision::gaps::{SupportBaseline, SupportFlag};
use crate::core::provision::{NeedArea, Period, Priority, SchoolPupil};
use crate::core::value::YearGroup;
use crate::ui::components::EnumSelect;
use crate::ui::provision::{name_for, working_year, year_label, PupilNames};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use audit::{audit_chart, audit_table_view, AuditYearSelect, ExpectedPupilsPanel};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// "12.5" from tenths (never negative here).
fn tenths_text(tenths: i64) -> String {
    format!("{}.{}", tenths / 10, (tenths % 10).abs())
}

/// "1 pupil", "3 pupils".
fn pupils_text(count: usize) -> String {
    if count == 1 {
        "1 pupil".to_string()
    } else {
        format!("{count} pupils")
    }
}

/// The need audit on a pupil's profile: this pupil's needs for next year.
#[component]
pub fn NeedAuditForm(
    /// The pupil key (UPN) the audit is kept under.
    key: String,
) -> impl IntoView {
    let state = use_app_state();
    // Needs recorded here are for the year after the one the planner is working in.
    let year = Some(default_audit_year(working_year(&state)));
    let key = StoredValue::new(key);
    let area = RwSignal::new(NeedArea::Literacy);
    let priority = RwSignal::new(Priority::Should);
    let note = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let needs = Memo::new(move |_| {
        key.with_value(|key| {
            state
                .work
                .provision()
                .with(|book| book.audited_needs_for(key, year))
        })
    });

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (chosen_area, chosen_priority) = (area.get_untracked(), priority.get_untracked());
        let text = note.get_untracked();
        key.with_value(|key| {
            state.work.provision().update(|book| {
                book.set_audited_need(key, year, chosen_area, chosen_priority, &text);
            });
        });
        note.set(String::new());
        message.set(format!(
            "Recorded a {} need in {} for next year.",
            chosen_priority.label().to_lowercase(),
            chosen_area.label()
        ));
    };

    let list = move || {
        let needs = needs.get();
        if needs.is_empty() {
            return view! { <p>"No needs recorded for next year yet."</p> }.into_any();
        }
        let items = needs
            .into_iter()
            .map(|(need_area, need_priority, need_note)| {
                let note_text = (!need_note.is_empty()).then(|| format!(" ({need_note})"));
                view! {
                    <li class="need-audit__item">
                        <span>
                            <strong>{need_area.label()}</strong>
                            ": "
                            {need_priority.label()}
                            {note_text}
                        </span>
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| {
                                key.with_value(|key| {
                                    state
                                        .work
                                        .provision()
                                        .update(|book| {
                                            book.remove_audited_need(key, year, need_area);
                                        });
                                });
                                message.set(format!("Removed the {} need.", need_area.label()));
                            }
                        >
                            "Remove"
                            <span class="visually-hidden">
                                {format!(" the {} need", need_area.label())}
                            </span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="need-audit__list">{items}</ul> }.into_any()
    };

    view! {
        <section class="need-audit no-print" aria-labelledby="need-audit-heading">
            <h2 id="need-audit-heading">"Need audit for next year"</h2>
            <p class="hint">
                {format!(
                    "The support this pupil will need next year ({}), by area. Must: statutory or essential, such as provision set out in an EHC plan. Should: the next call, because of how severe the need is. Could: if the school can. The Provision page counts these by next year's year groups and compares them with the provision recorded.",
                    year.map(|y| y.to_string()).unwrap_or_default(),
                )}
            </p>
            {list}
            <form class="inline-field need-audit__form" on:submit=add>
                <EnumSelect
                    id="need-audit-area"
                    label="Area of need"
                    options=&NeedArea::ALL
                    text=NeedArea::label
                    value=area
                />
                <EnumSelect
                    id="need-audit-priority"
                    label="Priority"
                    options=&Priority::ALL
                    text=Priority::label
                    value=priority
                />
                <div class="field">
                    <label for="need-audit-note">"Provision they might need (optional)"</label>
                    <input
                        id="need-audit-note"
                        type="text"
                        class="text-input"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button">"Add need"</button>
            </form>
            <p role="status" class="notice-line">{move || message.get()}</p>
        </section>
    }
}

/// The need audit and gap analysis on the Provision page, for the chosen academic year.
#[component]
pub fn GapAnalysisSection(
    /// The academic year (by start year) whose current provision is compared.
    year: RwSignal<i32>,
    /// Every pupil of the current drop (key, year group, class).
    pupils: Memo<Arc<Vec<SchoolPupil>>>,
    /// Pupil key → the name to show (initials in privacy display mode).
    names: Memo<Arc<PupilNames>>,
) -> impl IntoView {
    let state = use_app_state();
    let working = working_year(&state);
    // The audit shown: next year's by default.
    let audit_year = RwSignal::new(Some(default_audit_year(working)));
    let choices = Memo::new(move |_| {
        state
            .work
            .provision()
            .with(|book| audit_years(book, working))
    });
    // The pupils as they will be in the audit's year (moved up, leavers out).
    let audit_pupils = Memo::new(move |_| {
        let pupils = pupils.get();
        match audit_year.get() {
            Some(chosen) => Arc::new(pupils_in_year(&pupils, working, chosen)),
            None => pupils,
        }
    });
    let table = Memo::new(move |_| {
        let pupils = audit_pupils.get();
        let chosen = audit_year.get();
        state
            .work
            .provision()
            .with(|book| audit_table_for(book, &pupils, chosen))
    });
    let audited = Memo::new(move |_| {
        table.with(|t| {
            t.rows
                .iter()
                .any(|(_, cells)| cells.iter().any(|c| c.count() > 0))
        })
    });
    let analysis = Memo::new(move |_| {
        let period = Period::academic(AcademicYear {
            start_year: year.get(),
        });
        let pupils = pupils.get();
        let chosen = audit_year.get();
        state
            .work
            .provision()
            .with(|book| gap_analysis_for(book, &pupils, Some(period), chosen))
    });
    let years = Memo::new(move |_| {
        Arc::new(
            audit_pupils
                .get()
                .iter()
                .map(|p| (p.key.clone(), p.year_group))
                .collect::<HashMap<String, Option<YearGroup>>>(),
        )
    });
    // "Name (Year 3)", in the audit's year groups.
    let who = move |key: &str| {
        let year = years.with(|years| years.get(key).copied().flatten());
        format!(
            "{} ({})",
            names.with(|n| name_for(n, key)),
            year_label(year)
        )
    };
    let audit_name = move || {
        audit_year.get().map_or_else(
            || "made before audits named a year".to_string(),
            |y| format!("for {y}"),
        )
    };

    let audit = move || {
        let note = pupils.with(|pupils| year_groups_note(pupils, working, audit_year.get()));
        if !audited.get() {
            let profile = default_audit_year(working);
            return view! {
                <p>{note}</p>
                <div class="empty-state">
                    <p>
                        {format!(
                            "No needs audited {} yet. Needs for {profile} are added on a pupil's profile (open a pupil from the Shortlist or All pupils, then use “Need audit for next year”); pupils not on roll yet are added below. They are counted here by year group and compared with the provision recorded.",
                            audit_name(),
                        )}
                    </p>
                </div>
            }
            .into_any();
        }
        let table = table.get();
        view! {
            <p>{note}</p>
            <div class="chart-row">
                {audit_table_view(&table)}
                {audit_chart(&table)}
            </div>
        }
        .into_any()
    };

    let unmet = move || {
        if !audited.get() {
            return view! {
                <p>"Unmet need is listed here once needs are audited."</p>
            }
            .into_any();
        }
        let (list, expected) = analysis.with(|a| (a.unmet.clone(), a.expected_unmet.clone()));
        if list.is_empty() && expected.is_empty() {
            return view! {
                <p>
                    "✓ Every audited need has provision in its area this year. Add more audited needs on pupils' profiles to check them too."
                </p>
            }
            .into_any();
        }
        let count = list.len();
        let items = list
            .into_iter()
            .map(|need| {
                view! {
                    <li>
                        {who(&need.pupil)} " — " {need.area.label()} ": "
                        <strong>{need.priority.label()}</strong>
                    </li>
                }
            })
            .collect_view();
        let expected_count = expected.len();
        let expected_items = expected
            .into_iter()
            .map(|need| {
                let pupils = if need.count == 1 {
                    "1 pupil".to_string()
                } else {
                    format!("{} pupils", need.count)
                };
                view! {
                    <li>
                        {format!(
                            "{} ({pupils} expected, {}) — {}: ",
                            need.description,
                            year_label(need.year_group),
                            need.area.label(),
                        )}
                        <strong>{need.priority.label()}</strong>
                    </li>
                }
            })
            .collect_view();
        let mut said = Vec::new();
        if count > 0 {
            said.push(format!(
                "{count} audited need{} with no provision planned or running in {} area this year, must needs first: add provision for {} below.",
                if count == 1 { "" } else { "s" },
                if count == 1 { "its" } else { "their" },
                if count == 1 { "it" } else { "them" },
            ));
        }
        if expected_count > 0 {
            said.push(format!(
                "{expected_count} need{} of pupils expected but not on roll yet, who have no provision yet: provision can be planned as places, with names added when they join.",
                if expected_count == 1 { "" } else { "s" },
            ));
        }
        view! {
            <p>{said.join(" ")}</p>
            <ul aria-labelledby="unmet-need-heading" class="gap-list">{items} {expected_items}</ul>
        }
        .into_any()
    };

    let surplus = move || {
        if !audited.get() {
            return view! {
                <p>
                    "Once needs are audited, provision for pupils with no audited need in that area is listed here."
                </p>
            }
            .into_any();
        }
        let list = analysis.with(|a| a.surplus.clone());
        if list.is_empty() {
            return view! {
                <p>"No surplus: all current provision meets an audited need in its area."</p>
            }
            .into_any();
        }
        let items = state.work.provision().with(|book| {
            list.into_iter()
                .map(|surplus| {
                    let interventions: Vec<String> = surplus
                        .provisions
                        .iter()
                        .filter_map(|id| book.provision(*id))
                        .filter_map(|p| book.bank.get(p.intervention))
                        .map(|i| i.name.clone())
                        .collect();
                    view! {
                        <li>
                            {who(&surplus.pupil)} " — " {surplus.area.label()} ": "
                            {interventions.join(", ")}
                        </li>
                    }
                })
                .collect_view()
        });
        view! {
            <p>
                "Current provision for pupils with no audited need in that area: check whether it is still needed, or audit the need."
            </p>
            <ul aria-labelledby="surplus-heading" class="gap-list">{items}</ul>
        }
        .into_any()
    };

    let classes = move || {
        let (list, against, baseline) = analysis.with(|a| {
            (
                a.classes.clone(),
                a.baseline_minutes_per_pupil_tenths,
                a.baseline,
            )
        });
        if list.is_empty() {
            return view! {
                <p>
                    "The pupil data has no class or registration group, so classes cannot be compared. Import a spreadsheet with a class or registration group column."
                </p>
            }
            .into_any();
        }
        let compared = match baseline {
            SupportBaseline::Median => "the median",
            SupportBaseline::Mean => "the mean",
        };
        let median_text = format!(
            "Classes are compared with {}: {} staff-minutes a week per pupil of targeted (wave 2 and 3) provision this year. Much more is over twice that; much less is under half of it.",
            baseline.describe(),
            tenths_text(against)
        );
        let flagged: Vec<_> = list.into_iter().filter(|c| c.flag.is_some()).collect();
        if flagged.is_empty() {
            return view! {
                <p>{median_text}</p>
                <p>"No class gets much more or much less support than the others."</p>
            }
            .into_any();
        }
        // With few pupils in provision a class's name can point at a child.
        if state.shown().is_private() {
            return view! {
                <p>{median_text}</p>
                <p>
                    {match flagged.len() {
                        1 => "1 class gets much more or much less support; its name is hidden in privacy display mode.".to_string(),
                        n => format!("{n} classes get much more or much less support; their names are hidden in privacy display mode."),
                    }}
                </p>
            }
            .into_any();
        }
        let items = flagged
            .into_iter()
            .map(|class| {
                let flag = match class.flag {
                    Some(SupportFlag::MuchMore) => "▲ much more support",
                    _ => "▼ much less support",
                };
                view! {
                    <li>
                        <strong>{class.class.clone()}</strong>
                        {format!(
                            " ({}): {} staff-minutes a week per pupil — {flag} than {compared}",
                            pupils_text(class.pupils as usize),
                            tenths_text(class.minutes_per_pupil_tenths),
                        )}
                    </li>
                }
            })
            .collect_view();
        view! {
            <p>{median_text}</p>
            <ul aria-labelledby="class-support-heading" class="gap-list">{items}</ul>
        }
        .into_any()
    };

    let training = move || {
        let list = analysis.with(|a| a.training.clone());
        if list.is_empty() {
            return view! {
                <p>
                    "No current provision this year uses an intervention that needs trained staff. Interventions that do are marked in the intervention bank."
                </p>
            }
            .into_any();
        }
        let items = state.work.provision().with(|book| {
            list.into_iter()
                .map(|need| {
                    let roles: Vec<String> = need
                        .roles
                        .iter()
                        .map(|r| book.staff.name(*r).to_string())
                        .collect();
                    let roles = if roles.is_empty() {
                        "no staff chosen yet".to_string()
                    } else {
                        roles.join(", ")
                    };
                    view! {
                        <li>
                            <strong>{need.name.clone()}</strong>
                            {format!(
                                " ({}): trained staff needed — delivered by {roles}, for {}",
                                need.need_area.label(),
                                pupils_text(need.pupils),
                            )}
                        </li>
                    }
                })
                .collect_view()
        });
        view! { <ul aria-labelledby="training-heading" class="gap-list">{items}</ul> }.into_any()
    };

    view! {
        <section class="gap-analysis" aria-labelledby="gap-analysis-heading">
            <h2 id="gap-analysis-heading">"Need audit and gap analysis"</h2>
            <p class="hint">
                "The needs audited for an academic year — on pupils' profiles, and for pupils expected but not on roll yet — by that year's year groups, compared with the provision that is planned or running in the academic year chosen at the top of the page. Earlier audits stay here to read: choose their year."
            </p>
            <AuditYearSelect choices=choices chosen=audit_year />
            {audit}
            {move || audit_year.get().map(|chosen| view! { <ExpectedPupilsPanel year=chosen /> })}
            <h3 id="unmet-need-heading">"Unmet need"</h3>
            {unmet}
            <h3 id="surplus-heading">"Surplus provision"</h3>
            {surplus}
            <h3 id="class-support-heading">"Classes with much more or much less support"</h3>
            {classes}
            <h3 id="training-heading">"Staff training needed"</h3>
            {training}
        </section>
    }
}
