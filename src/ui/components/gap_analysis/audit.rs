//! The audit part of the Provision page's **Need audit and gap analysis**: which audit
//! (its academic year), the must/should/could table per year group with a stacked bar
//! chart of the same numbers, and the expected pupils not yet on roll (added and removed
//! through `core::provision::audit`).

use crate::core::drop::AcademicYear;
use crate::core::provision::audit::{audit_year_label, expected_in, ExpectedDraft, ExpectedField};
use crate::core::provision::gaps::AuditTable;
use crate::core::provision::{ExpectedPupils, NeedArea, Priority};
use crate::core::value::YearGroup;
use crate::ui::components::chart::{StackedBar, StackedBarChart};
use crate::ui::components::{ErrorSummary, FieldError};
use crate::ui::provision::year_label;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;

/// The `<select>` of audits: each academic year offered, and the entries made before
/// audits named a year.
#[component]
pub(super) fn AuditYearSelect(
    /// The audits offered.
    #[prop(into)]
    choices: Signal<Vec<Option<AcademicYear>>>,
    /// The audit shown.
    chosen: RwSignal<Option<AcademicYear>>,
) -> impl IntoView {
    let value_of = |year: Option<AcademicYear>| {
        year.map_or_else(|| "none".to_string(), |y| y.start_year.to_string())
    };
    view! {
        <div class="field">
            <label for="need-audit-year">"Audit for"</label>
            <select
                id="need-audit-year"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    chosen.set(value.parse().ok().map(|start_year| AcademicYear { start_year }));
                }
            >
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|year| {
                            view! {
                                <option value=value_of(year) selected=move || chosen.get() == year>
                                    {audit_year_label(year)}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// The must/should/could table per year group (SPEC §11: a real table, a column header
/// per year group).
pub(super) fn audit_table_view(table: &AuditTable) -> impl IntoView {
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
/// the table and spelling them out beside each bar.
pub(super) fn audit_chart(table: &AuditTable) -> impl IntoView {
    let bars = table
        .columns
        .iter()
        .map(|column| {
            let parts: Vec<u32> = Priority::ALL
                .iter()
                .map(|p| u32::try_from(table.count(*p, *column)).unwrap_or(u32::MAX))
                .collect();
            StackedBar {
                label: year_label(*column),
                text: format!("{} must, {} should, {} could", parts[0], parts[1], parts[2]),
                parts,
            }
        })
        .collect();
    let keys = vec![
        ("Must".to_string(), "audit-bar audit-bar--must"),
        ("Should".to_string(), "audit-bar audit-bar--should"),
        ("Could".to_string(), "audit-bar audit-bar--could"),
    ];
    view! {
        <StackedBarChart
            title="Audited needs by year group".to_string()
            description="A bar for each year group, split into must, should and could, with the counts written beside it. The table beside it has the same numbers.".to_string()
            keys=keys
            bars=bars
        />
    }
}

/// "3 pupils, Reception: Literacy must, SEMH could".
fn expected_text(entry: &ExpectedPupils) -> String {
    let pupils = if entry.count == 1 {
        "1 pupil".to_string()
    } else {
        format!("{} pupils", entry.count)
    };
    let needs: Vec<String> = entry
        .needs
        .iter()
        .map(|(area, priority)| format!("{} {}", area.label(), priority.label().to_lowercase()))
        .collect();
    let note = if entry.note.is_empty() {
        String::new()
    } else {
        format!(" ({})", entry.note)
    };
    format!(
        "{pupils}, {}: {}{note}",
        year_label(entry.year_group),
        needs.join(", ")
    )
}

/// The id of the form field a problem is about.
fn field_id(field: ExpectedField) -> &'static str {
    match field {
        ExpectedField::Description => "expected-description",
        ExpectedField::Count => "expected-count",
        ExpectedField::Needs => "expected-need-0",
    }
}

/// Expected pupils not yet on roll for the audit of `year`: the list, each with Remove,
/// and the form that adds them.
#[component]
pub(super) fn ExpectedPupilsPanel(
    /// The audit's year.
    year: AcademicYear,
) -> impl IntoView {
    let state = use_app_state();
    let description = RwSignal::new(String::new());
    let count = RwSignal::new(String::new());
    let year_group = RwSignal::new(None::<YearGroup>);
    let needs = RwSignal::new(vec![None::<Priority>; NeedArea::ALL.len()]);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(String::new());
    let list = Memo::new(move |_| {
        state.work.provision().with(|book| {
            expected_in(book, Some(year))
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = ExpectedDraft {
            description: description.get_untracked(),
            count: count.get_untracked(),
            year_group: year_group.get_untracked(),
            needs: NeedArea::ALL
                .iter()
                .zip(needs.get_untracked())
                .filter_map(|(area, priority)| priority.map(|p| (*area, p)))
                .collect(),
            note: note.get_untracked(),
        };
        let mut outcome = Ok(());
        state
            .work
            .provision()
            .update(|book| outcome = book.add_expected_pupils(year, &draft));
        match outcome {
            Ok(()) => {
                errors.set(Vec::new());
                message.set(format!(
                    "Added {} to the audit for {year}.",
                    draft.description.trim()
                ));
                description.set(String::new());
                count.set(String::new());
                note.set(String::new());
                needs.set(vec![None; NeedArea::ALL.len()]);
            }
            Err(problems) => {
                message.set(String::new());
                errors.set(
                    problems
                        .iter()
                        .map(|problem| FieldError {
                            field: field_id(problem.field()),
                            message: problem.to_string(),
                        })
                        .collect(),
                );
            }
        }
    };

    let items = move || {
        let entries = list.get();
        if entries.is_empty() {
            return view! { <p>{format!("No expected pupils added for {year} yet.")}</p> }
                .into_any();
        }
        let items = entries
            .into_iter()
            .map(|entry| {
                let text = expected_text(&entry);
                let name = entry.description.clone();
                let hidden = format!(" {name}");
                view! {
                    <li class="need-audit__item">
                        <span>
                            <strong>{name.clone()}</strong>
                            " — "
                            {text}
                        </span>
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| {
                                let mut removed = false;
                                state
                                    .work
                                    .provision()
                                    .update(|book| removed = book.remove_expected_pupils(&entry));
                                message.set(if removed {
                                    format!("Removed {name} from the audit for {year}.")
                                } else {
                                    "That entry had already gone.".to_string()
                                });
                            }
                        >
                            "Remove"
                            <span class="visually-hidden">{hidden}</span>
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="need-audit__list" aria-labelledby="expected-pupils-heading">{items}</ul> }
            .into_any()
    };

    let year_options = std::iter::once(None)
        .chain(YearGroup::all().into_iter().map(Some))
        .enumerate()
        .map(|(i, choice)| {
            view! {
                <option value=i.to_string() selected=move || year_group.get() == choice>
                    {year_label(choice).replace("Year not known", "Not known")}
                </option>
            }
        })
        .collect_view();
    let need_fields = NeedArea::ALL
        .iter()
        .enumerate()
        .map(|(i, area)| {
            let id = format!("expected-need-{i}");
            view! {
                <div class="field">
                    <label for=id.clone()>{area.label()}</label>
                    <select
                        id=id
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev)
                                .parse::<usize>()
                                .ok()
                                .and_then(|k| Priority::ALL.get(k).copied());
                            needs.update(|needs| needs[i] = chosen);
                        }
                    >
                        <option value="none" selected=move || needs.get()[i].is_none()>
                            "No need"
                        </option>
                        {Priority::ALL
                            .iter()
                            .enumerate()
                            .map(|(k, priority)| {
                                let priority = *priority;
                                view! {
                                    <option
                                        value=k.to_string()
                                        selected=move || needs.get()[i] == Some(priority)
                                    >
                                        {priority.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            }
        })
        .collect_view();

    view! {
        <h3 id="expected-pupils-heading">"Expected pupils not yet on roll"</h3>
        <p class="hint">
            {format!(
                "The new intake and pupils transferring in for {year}, by name or as a number, with the needs you expect. Each pupil's needs count in the table above and as unmet need below.",
            )}
        </p>
        {items}
        <form class="expected-form" aria-labelledby="expected-pupils-form-heading" on:submit=add>
            <h4 id="expected-pupils-form-heading">"Add expected pupils"</h4>
            <ErrorSummary errors=errors level=3 />
            <div class="field-row">
                <div class="field">
                    <label for="expected-description">"Name or description"</label>
                    <input
                        id="expected-description"
                        type="text"
                        class="text-input text-input--wide"
                        prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="expected-count">"How many pupils"</label>
                    <input
                        id="expected-count"
                        type="text"
                        inputmode="numeric"
                        class="text-input text-input--number"
                        aria-describedby="expected-count-hint"
                        prop:value=move || count.get()
                        on:input=move |ev| count.set(event_target_value(&ev))
                    />
                    <p class="hint" id="expected-count-hint">"Leave blank for one named pupil."</p>
                </div>
                <div class="field">
                    <label for="expected-year-group">"Year group they will join"</label>
                    <select
                        id="expected-year-group"
                        on:change=move |ev| {
                            let at = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                            year_group.set(at.checked_sub(1).and_then(|k| YearGroup::all().get(k).copied()));
                        }
                    >
                        {year_options}
                    </select>
                </div>
            </div>
            <fieldset class="fieldset">
                <legend>"Expected needs: must, should or could for each area that applies"</legend>
                <div class="field-row expected-needs">{need_fields}</div>
            </fieldset>
            <div class="field">
                <label for="expected-note">"Note (optional)"</label>
                <input
                    id="expected-note"
                    type="text"
                    class="text-input text-input--wide"
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                />
            </div>
            <button type="submit" class="button">"Add expected pupils"</button>
        </form>
        <p role="status" class="notice-line">{move || message.get()}</p>
    }
}
