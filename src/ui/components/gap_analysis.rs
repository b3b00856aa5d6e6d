//! The need audit and gap analysis (SPEC §7, Ealing steps 1–2 and 5).
//!
//! - [`NeedAuditForm`], on a pupil's profile: the pupil's audited needs for next year
//!   (need area and must/should/could), with add and remove, kept in the book's
//!   `need_audit` through `ProvisionBook::set_audited_need` / `remove_audited_need`.
//! - [`GapAnalysisSection`], on the Provision page: the must/should/could table per year
//!   group with a bar chart of the same numbers beside it, then the gap analysis for the
//!   chosen academic year — unmet need, surplus, classes with much more or much less
//!   support than the median class, and staff training needed.

use crate::core::drop::AcademicYear;
use crate::core::provision::gaps::{
    audit_table, gap_analysis, AuditTable, SupportBaseline, SupportFlag,
};
use crate::core::provision::{NeedArea, Period, Priority, SchoolPupil};
use crate::core::value::YearGroup;
use crate::ui::components::EnumSelect;
use crate::ui::provision::{name_for, year_label, PupilNames};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
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
                .with(|book| book.audited_needs_for(key))
        })
    });

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (chosen_area, chosen_priority) = (area.get_untracked(), priority.get_untracked());
        let text = note.get_untracked();
        key.with_value(|key| {
            state.work.provision().update(|book| {
                book.set_audited_need(key, chosen_area, chosen_priority, &text);
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
                                            book.remove_audited_need(key, need_area);
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
                "The support this pupil will need next year, by area. Must: statutory or essential, such as provision set out in an EHC plan. Should: the next call, because of how severe the need is. Could: if the school can. The Provision page counts these by year group and compares them with the provision recorded."
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

/// The must/should/could table per year group (SPEC §11: a real table, a column header
/// per year group).
fn audit_table_view(table: &AuditTable) -> impl IntoView {
    let headers = table
        .columns
        .iter()
        .map(|column| view! { <th scope="col" class="tabular">{year_label(*column)}</th> })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .map(|(priority, cells)| {
            let total: usize = cells.iter().map(|c| c.count()).sum();
            let cells = cells
                .iter()
                .map(|cell| view! { <td class="tabular">{cell.count()}</td> })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{priority.label()}</th>
                    {cells}
                    <td class="tabular">{total}</td>
                </tr>
            }
        })
        .collect_view();
    let column_totals: Vec<usize> = (0..table.columns.len())
        .map(|c| table.rows.iter().map(|(_, cells)| cells[c].count()).sum())
        .collect();
    let grand: usize = column_totals.iter().sum();
    let totals = column_totals
        .into_iter()
        .map(|total| view! { <td class="tabular">{total}</td> })
        .collect_view();
    view! {
        // Focusable, so the table can be scrolled from the keyboard when it is wider than
        // the space beside the chart.
        <div class="table-scroll" tabindex="0" role="region" aria-label="Need audit table, scrollable">
            <table class="report-table need-audit-table">
                <caption>"Need audit by year group"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Priority"</th>
                        {headers}
                        <th scope="col" class="tabular">"Total"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Total"</th>
                        {totals}
                        <td class="tabular">{grand}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// A stacked bar per year group (must, should, could), drawn from the same numbers as
/// the table and spelling them out in words beside each bar, so neither colour nor the
/// chart is the only way to read them.
fn audit_chart(table: &AuditTable) -> impl IntoView {
    let label_width = 110usize;
    let bar_max = 240usize;
    let text_width = 200usize;
    let bar_h = 26usize;
    let legend_h = 26usize;
    let width = label_width + bar_max + text_width;
    let height = legend_h + bar_h * table.columns.len().max(1) + 8;
    let counts: Vec<[usize; 3]> = (0..table.columns.len())
        .map(|c| {
            let mut row = [0usize; 3];
            for (slot, priority) in Priority::ALL.iter().enumerate() {
                row[slot] = table.count(*priority, table.columns[c]);
            }
            row
        })
        .collect();
    let most = counts
        .iter()
        .map(|row| row.iter().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let class_of = |slot: usize| match slot {
        0 => "audit-bar audit-bar--must",
        1 => "audit-bar audit-bar--should",
        _ => "audit-bar audit-bar--could",
    };
    let legend = Priority::ALL
        .iter()
        .enumerate()
        .map(|(slot, priority)| {
            let x = label_width + slot * 80;
            view! {
                <rect x=x y=6 width=14 height=14 class=class_of(slot)></rect>
                <text x=x + 20 y=18 class="chart-label">{priority.label()}</text>
            }
        })
        .collect_view();
    let bars = table
        .columns
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (column, row))| {
            let y = legend_h + i * bar_h;
            let mut x = label_width;
            let segments = row
                .iter()
                .enumerate()
                .filter(|(_, count)| **count > 0)
                .map(|(slot, count)| {
                    let length = (count * bar_max / most).max(2);
                    let at = x;
                    x += length;
                    view! {
                        <rect x=at y=y + 3 width=length height=bar_h - 6 class=class_of(slot)></rect>
                    }
                })
                .collect_view();
            let words = format!("{} must, {} should, {} could", row[0], row[1], row[2]);
            view! {
                <text x=4 y=y + bar_h / 2 + 5 class="chart-label">{year_label(*column)}</text>
                {segments}
                <text x=label_width + bar_max + 8 y=y + bar_h / 2 + 5 class="chart-label">
                    {words}
                </text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart-figure">
            <figcaption class="chart-caption" aria-hidden="true">
                "Audited needs by year group"
            </figcaption>
            <svg
                class="chart bar-chart"
                role="img"
                aria-labelledby="need-audit-chart-title need-audit-chart-desc"
                viewBox=format!("0 0 {width} {height}")
                width=width
                height=height
            >
                <title id="need-audit-chart-title">"Audited needs by year group"</title>
                <desc id="need-audit-chart-desc">
                    "A bar for each year group, split into must, should and could, with the counts written beside it. The table beside it has the same numbers."
                </desc>
                {legend}
                {bars}
            </svg>
        </figure>
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
    let table = Memo::new(move |_| {
        let pupils = pupils.get();
        state
            .work
            .provision()
            .with(|book| audit_table(book, &pupils))
    });
    let audited = Memo::new(move |_| {
        state
            .work
            .provision()
            .with(|book| !book.need_audit.is_empty())
    });
    let analysis = Memo::new(move |_| {
        let period = Period::academic(AcademicYear {
            start_year: year.get(),
        });
        let pupils = pupils.get();
        state
            .work
            .provision()
            .with(|book| gap_analysis(book, &pupils, Some(period)))
    });
    let years = Memo::new(move |_| {
        Arc::new(
            pupils
                .get()
                .iter()
                .map(|p| (p.key.clone(), p.year_group))
                .collect::<HashMap<String, Option<YearGroup>>>(),
        )
    });
    // "Name (Year 3)".
    let who = move |key: &str| {
        let year = years.with(|years| years.get(key).copied().flatten());
        format!(
            "{} ({})",
            names.with(|n| name_for(n, key)),
            year_label(year)
        )
    };

    let audit = move || {
        if !audited.get() {
            return view! {
                <div class="empty-state">
                    <p>
                        "No needs audited yet. Add audited needs on a pupil's profile (open a pupil from the Shortlist or All pupils, then use “Need audit for next year”), and they are counted here by year group and compared with the provision recorded."
                    </p>
                </div>
            }
            .into_any();
        }
        let table = table.get();
        view! {
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
                <p>"Unmet need is listed here once needs are audited on pupils' profiles."</p>
            }
            .into_any();
        }
        let list = analysis.with(|a| a.unmet.clone());
        if list.is_empty() {
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
        view! {
            <p>
                {format!(
                    "{count} audited need{} with no provision planned or running in {} area this year, must needs first. Add provision for {} below.",
                    if count == 1 { "" } else { "s" },
                    if count == 1 { "its" } else { "their" },
                    if count == 1 { "it" } else { "them" },
                )}
            </p>
            <ul aria-labelledby="unmet-need-heading" class="gap-list">{items}</ul>
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
                "The needs audited on pupils' profiles for next year, by year group (as in the current data), compared with the provision that is planned or running in the academic year chosen above."
            </p>
            {audit}
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
