//! Costs (SPEC §7): staff roles and their hourly cost, weeks in the year, the per-pupil
//! threshold and the notional SEN budget (all editable), and the cost of provision by
//! intervention, year group, wave, need area and pupil for an academic or financial year.

use crate::core::drop::AcademicYear;
use crate::core::privacy::ShownUpn;
use crate::core::provision::budget::{draft_budget, DraftBudget};
use crate::core::provision::costs::totals;
use crate::core::provision::settings::SettingField;
use crate::core::provision::{CostTotals, FinancialYear, NeedArea, Period, Wave};
use crate::core::value::{format_uk_date, Money};
use crate::ui::components::{EmptyState, ExportButtons, UpnText, YearKind, YearSelect};
use crate::ui::provision::{
    name_for, pupil_names, school_pupils, working_year, year_choices, year_label, PupilNames,
};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;

use super::staff::StaffRolesEditor;

/// The Costs page.
#[component]
pub fn CostsPage() -> impl IntoView {
    let state = use_app_state();
    let has_pupils = Memo::new(move |_| state.pupil_count() > 0);
    view! {
        <h1>"Costs"</h1>
        {move || {
            if has_pupils.get() {
                view! {
                    <ExportButtons />
                    <CostsView />
                }
                    .into_any()
            } else {
                view! {
                    <EmptyState
                        message="Costs add up each intervention's staff time and resources against your notional SEN budget. Import your pupil spreadsheet first."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
                    .into_any()
            }
        }}
    }
}

fn period_of(kind: YearKind, start_year: i32) -> Period {
    match kind {
        YearKind::Academic => Period::academic(AcademicYear { start_year }),
        YearKind::Financial => Period::financial(FinancialYear { start_year }),
    }
}

fn period_label(kind: YearKind, start_year: i32) -> String {
    match kind {
        YearKind::Academic => format!("academic year {}", kind.label(start_year)),
        YearKind::Financial => format!("financial year {}", kind.label(start_year)),
    }
}

#[component]
fn CostsView() -> impl IntoView {
    let state = use_app_state();
    let working = working_year(&state);
    let kind = RwSignal::new(YearKind::Academic);
    let year = RwSignal::new(working.start_year);
    let pupils = Memo::new(move |_| school_pupils(&state));
    let names = Memo::new(move |_| pupil_names(&state));
    let totals = Memo::new(move |_| {
        let period = period_of(kind.get(), year.get());
        let pupils = pupils.get();
        state
            .work
            .provision()
            .with(|book| totals(book, &pupils, Some(period)))
    });
    let draft = Memo::new(move |_| {
        let period = period_of(kind.get(), year.get());
        state
            .work
            .provision()
            .with(|book| draft_budget(book, Some(period)))
    });
    let choices = Memo::new(move |_| {
        state
            .work
            .provision()
            .with(|book| year_choices(book, working))
    });
    let kind_radio = move |value: YearKind, id: &'static str, text: &'static str| {
        view! {
            <div class="radio">
                <input
                    type="radio"
                    name="costs-year-kind"
                    id=id
                    prop:checked=move || kind.get() == value
                    on:change=move |_| kind.set(value)
                />
                <label for=id>{text}</label>
            </div>
        }
    };

    view! {
        <p class="lede">
            "A provision runs one group for each group-size of pupils (24 pupils in groups of 6 is 4 groups). Each group costs sessions a week × hours a session × weeks × the hourly cost of each member of staff, plus its resources; each pupil's share is the whole divided by the pupils, with the pennies shared out so every total on this page adds up to the same figure. Quality-first (wave 1) teaching is never costed."
        </p>
        // The figures first and the settings beside them, so a laptop's first screen shows
        // both (one column below 1100 pixels).
        <div class="costs-layout">
        <div class="costs-main">
        <h2>"Totals"</h2>
        <div class="field-row">
            <fieldset class="fieldset">
                <legend>"Show costs by"</legend>
                {kind_radio(YearKind::Academic, "costs-academic", "Academic year (September to August)")}
                {kind_radio(YearKind::Financial, "costs-financial", "Financial year (April to March)")}
            </fieldset>
            <YearSelect id="costs-year" label="Year" choices=choices year=year kind=kind />
        </div>
        {move || {
            let totals = totals.get();
            let names = names.get();
            let label = period_label(kind.get(), year.get());
            totals_view(&totals, &draft.get(), &names, label)
        }}
        </div>
        <aside class="costs-side" aria-labelledby="staff-roles-heading">
            <CostSettings />
        </aside>
        </div>
    }
}

/// The summary against the budget and the tables of totals.
fn totals_view(
    totals: &CostTotals,
    draft: &DraftBudget,
    names: &PupilNames,
    label: String,
) -> impl IntoView {
    let state = use_app_state();
    let period = totals
        .period
        .map(|p| format!("{} to {}", format_uk_date(p.first), format_uk_date(p.last)))
        .unwrap_or_default();
    let used = totals.budget_used_hundredths().map_or_else(
        || "No notional SEN budget entered".to_string(),
        |h| format!("{}.{:02}%", h / 100, h % 100),
    );
    let remaining = totals.budget_standing().to_string();
    let (by_intervention, by_pupil) = state.work.provision().with(|book| {
        let by_intervention: Vec<(String, Money)> = totals
            .by_intervention
            .iter()
            .map(|(id, cost)| {
                (
                    book.bank
                        .get(*id)
                        .map_or_else(|| "Unknown intervention".into(), |i| i.name.clone()),
                    *cost,
                )
            })
            .collect();
        let mut by_pupil: Vec<(String, ShownUpn, Money)> = totals
            .by_pupil
            .iter()
            .map(|(key, cost)| (name_for(names, key), names.upn(key), *cost))
            .collect();
        by_pupil.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        (by_intervention, by_pupil)
    });
    let by_year: Vec<(String, Money)> = totals
        .by_year_group
        .iter()
        .map(|(year, cost)| (year_label(*year), *cost))
        .collect();
    let by_wave: Vec<(String, Money)> = Wave::ALL
        .iter()
        .filter_map(|w| totals.by_wave.get(w).map(|c| (w.to_string(), *c)))
        .collect();
    let by_area: Vec<(String, Money)> = NeedArea::ALL
        .iter()
        .filter_map(|a| {
            totals
                .by_need_area
                .get(a)
                .map(|c| (a.label().to_string(), *c))
        })
        .collect();
    let threshold = totals.threshold;
    let over: Vec<(String, ShownUpn, Money)> = totals
        .pupils_over_threshold()
        .into_iter()
        .map(|(key, cost)| (name_for(names, key), names.upn(key), cost))
        .collect();
    let pupil_rows = by_pupil
        .into_iter()
        .map(|(name, upn, cost)| {
            let flag = if cost > threshold {
                format!("⚠ Over {threshold}")
            } else {
                "Within".to_string()
            };
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td>
                        <UpnText upn=upn />
                    </td>
                    <td class="tabular">{cost.to_string()}</td>
                    <td>{flag}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>{format!("Costs for the {label} ({period}).")}</p>
        <dl class="summary-list" aria-label="Budget">
            <dt>"Total cost of provision"</dt>
            <dd>{totals.total.to_string()}</dd>
            <dt>"Notional SEN budget"</dt>
            <dd>{totals.budget.to_string()}</dd>
            <dt>"Budget used"</dt>
            <dd>{used}</dd>
            <dt>"Budget remaining"</dt>
            <dd>{remaining}</dd>
            <dt>"Provision with no pupils yet"</dt>
            <dd>{totals.unassigned.to_string()}</dd>
            <dt>"Committed (running and finished)"</dt>
            <dd>{draft.committed.to_string()}</dd>
            <dt>"Planned (draft)"</dt>
            <dd>{draft.planned.to_string()}</dd>
        </dl>
        <p class="draft-budget">{format!("{}.", draft.sentence())}</p>
        <p class="hint">
            "Planned provision is the draft map: cost it against the budget before it starts. Provision stopped early counts as committed, since it was paid for while it ran."
        </p>
        <div class="cost-tables">
            {money_table("costs-by-intervention", "Cost by intervention", "Intervention", by_intervention)}
            {money_table("costs-by-year", "Cost by year group", "Year group", by_year)}
            {money_table("costs-by-wave", "Cost by wave", "Wave", by_wave)}
            {money_table("costs-by-area", "Cost by need area", "Need area", by_area)}
        </div>
        <h3 id="costs-over-threshold">{format!("Pupils over the {threshold} threshold")}</h3>
        {if over.is_empty() {
            view! { <p>{format!("No pupil's provision costs more than {threshold}.")}</p> }
                .into_any()
        } else {
            view! {
                <ul aria-labelledby="costs-over-threshold">
                    {over
                        .into_iter()
                        .map(|(name, upn, cost)| {
                            view! {
                                <li>
                                    {format!("⚠ {name} (")}
                                    <UpnText upn=upn />
                                    {format!("): {cost}")}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h3 id="costs-by-pupil">"Cost by pupil"</h3>
        <div class="table-scroll">
            <table class="report-table" aria-labelledby="costs-by-pupil">
                <thead>
                    <tr>
                        <th scope="col">"Pupil"</th>
                        <th scope="col">"UPN"</th>
                        <th scope="col" class="tabular">"Cost"</th>
                        <th scope="col">"Against the threshold"</th>
                    </tr>
                </thead>
                <tbody>{pupil_rows}</tbody>
            </table>
        </div>
    }
}

/// A two-column table of costs with a total row.
fn money_table(
    id: &'static str,
    caption: &'static str,
    what: &'static str,
    rows: Vec<(String, Money)>,
) -> impl IntoView {
    let total: Money = rows.iter().map(|(_, cost)| *cost).sum();
    let body = if rows.is_empty() {
        view! {
            <tr>
                <td colspan="2">"No provision costed in this year."</td>
            </tr>
        }
        .into_any()
    } else {
        rows.into_iter()
            .map(|(name, cost)| {
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td class="tabular">{cost.to_string()}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="cost-table">
        <h3 id=id>{caption}</h3>
        <table class="report-table" aria-labelledby=id>
            <thead>
                <tr>
                    <th scope="col">{what}</th>
                    <th scope="col" class="tabular">"Cost"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <tfoot>
                <tr>
                    <th scope="row">"Total"</th>
                    <td class="tabular">{total.to_string()}</td>
                </tr>
            </tfoot>
        </table>
        </div>
    }
}

/// Staff roles, then weeks in the year, the concurrency limit, the threshold and the
/// budget, each editable and each read by `ProvisionSettings::set`.
#[component]
fn CostSettings() -> impl IntoView {
    let state = use_app_state();
    let errors = RwSignal::new(Vec::<(SettingField, String)>::new());
    let field = move |field: SettingField| {
        let id = match field {
            SettingField::WeeksInYear => "weeks-in-year",
            SettingField::ConcurrencyLimit => "concurrency-limit",
            SettingField::PupilThreshold => "pupil-threshold",
            SettingField::NotionalSenBudget => "sen-budget",
        };
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let error = move || {
            errors.with(|e| {
                e.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, message)| message.clone())
            })
        };
        let described = {
            let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
            move || {
                if error().is_some() {
                    format!("{hint_id} {error_id}")
                } else {
                    hint_id.clone()
                }
            }
        };
        let class = if field.is_money() {
            "text-input text-input--money"
        } else {
            "text-input text-input--number"
        };
        view! {
            <div class="field">
                <label for=id>{field.label()}</label>
                <p class="hint" id=hint_id.clone()>{field.hint()}</p>
                {move || error().map(|text| view! { <p class="field-error" id=error_id.clone() role="alert">{text}</p> })}
                <input
                    id=id
                    type="text"
                    inputmode=if field.is_money() { "decimal" } else { "numeric" }
                    class=class
                    aria-describedby=described
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=move || state.work.provision().with(|b| b.settings.text(field))
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        let mut settings = state.work.provision().with_untracked(|b| b.settings.clone());
                        match settings.set(field, &text) {
                            Ok(()) => {
                                errors.update(|e| e.retain(|(f, _)| *f != field));
                                state.work.provision().update(|b| b.settings = settings);
                            }
                            Err(problem) => errors.update(|e| {
                                e.retain(|(f, _)| *f != field);
                                e.push((field, problem.to_string()));
                            }),
                        }
                    }
                />
            </div>
        }
    };
    view! {
        <h2 id="staff-roles-heading">"Staff and settings"</h2>
        <StaffRolesEditor />
        <h3>"Settings"</h3>
        {SettingField::ALL.into_iter().map(field).collect_view()}
    }
}
