//! Costs (SPEC §7): staff roles and their hourly cost, weeks in the year, the per-pupil
//! threshold and the notional SEN budget (all editable), and the cost of provision by
//! intervention, year group, wave, need area and pupil for an academic or financial year.

use crate::core::drop::AcademicYear;
use crate::core::privacy::ShownUpn;
use crate::core::provision::costs::totals;
use crate::core::provision::{
    CostTotals, FinancialYear, HourlyRate, NeedArea, Period, StaffRoleId, Wave,
};
use crate::core::value::{format_uk_date, Money};
use crate::ui::components::{EmptyState, ExportButtons, UpnText, YearKind, YearSelect};
use crate::ui::provision::{
    name_for, pupil_names, school_pupils, working_year, year_choices, year_label, PupilNames,
};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;

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
            totals_view(&totals, &names, label)
        }}
        </div>
        <aside class="costs-side" aria-labelledby="staff-roles-heading">
            <CostSettings />
        </aside>
        </div>
    }
}

/// The summary against the budget and the tables of totals.
fn totals_view(totals: &CostTotals, names: &PupilNames, label: String) -> impl IntoView {
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
        </dl>
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

/// Staff roles, weeks in the year, the threshold and the budget, each editable.
#[component]
fn CostSettings() -> impl IntoView {
    let state = use_app_state();
    let problem = RwSignal::new(None::<String>);
    let set_money = move |text: String, what: &str, apply: &dyn Fn(Money)| match Money::parse(&text)
    {
        Ok(Some(money)) if money.pence() >= 0 => {
            problem.set(None);
            apply(money);
        }
        _ => problem.set(Some(format!(
            "Enter the {what} as an amount of money, such as £1,234.50."
        ))),
    };
    let roles = move || {
        state.work.provision().with(|book| {
            book.staff
                .roles
                .iter()
                .map(|role| {
                    let id: StaffRoleId = role.id;
                    let input_id = format!("staff-rate-{}", id.0);
                    let label = format!("Hourly cost for {} (£)", role.name);
                    let derived = matches!(role.rate, HourlyRate::Salary { .. });
                    let what = format!("hourly cost for {}", role.name);
                    let value = format!("{:.2}", role.hourly_cost().pence() as f64 / 100.0);
                    view! {
                        <tr>
                            <th scope="row">{role.name.clone()}</th>
                            <td>
                                <label for=input_id.clone() class="visually-hidden">{label}</label>
                                <input
                                    id=input_id
                                    type="text"
                                    inputmode="decimal"
                                    class="text-input text-input--money"
                                    prop:value=value
                                    on:change=move |ev| {
                                        set_money(
                                            event_target_value(&ev),
                                            &what,
                                            &|money| {
                                                state
                                                    .work
                                                    .provision()
                                                    .update(|book| {
                                                        if let Some(role) = book.staff.get_mut(id) {
                                                            role.rate = HourlyRate::Fixed(money);
                                                        }
                                                    })
                                            },
                                        )
                                    }
                                />
                            </td>
                            <td>
                                {if derived {
                                    "Worked out from salary and on-costs (typing a figure replaces it)"
                                } else {
                                    "Fixed hourly cost"
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let money_field =
        move |id: &'static str,
              label: &'static str,
              hint: &'static str,
              get: fn(&crate::core::provision::ProvisionSettings) -> Money,
              set: fn(&mut crate::core::provision::ProvisionSettings, Money)| {
            let hint_id = format!("{id}-hint");
            view! {
                <div class="field">
                    <label for=id>{label}</label>
                    <p class="hint" id=hint_id.clone()>{hint}</p>
                    <input
                        id=id
                        type="text"
                        inputmode="decimal"
                        class="text-input text-input--money"
                        aria-describedby=hint_id
                        prop:value=move || {
                            state
                                .work
                                .provision()
                                .with(|b| format!("{:.2}", get(&b.settings).pence() as f64 / 100.0))
                        }
                        on:change=move |ev| {
                            set_money(
                                event_target_value(&ev),
                                label,
                                &|money| state.work.provision().update(|b| set(&mut b.settings, money)),
                            )
                        }
                    />
                </div>
            }
        };
    view! {
        <h2 id="staff-roles-heading">"Staff and settings"</h2>
        {move || {
            problem
                .get()
                .map(|text| view! { <p class="error-message" role="alert">{text}</p> })
        }}
        <table class="report-table" aria-labelledby="staff-roles-heading">
            <thead>
                <tr>
                    <th scope="col">"Staff role"</th>
                    <th scope="col">"Hourly cost (£)"</th>
                    <th scope="col">"How it is set"</th>
                </tr>
            </thead>
            <tbody>{roles}</tbody>
        </table>
        <div class="field">
            <label for="weeks-in-year">"Weeks in the school year"</label>
            <p class="hint" id="weeks-in-year-hint">
                "Used for provision that does not say how many weeks it runs. Usually 38."
            </p>
            <input
                id="weeks-in-year"
                type="text"
                inputmode="numeric"
                class="text-input text-input--number"
                aria-describedby="weeks-in-year-hint"
                prop:value=move || state.work.provision().with(|b| b.settings.weeks_in_year.to_string())
                on:change=move |ev| {
                    match event_target_value(&ev).trim().parse::<u32>() {
                        Ok(weeks) if (1..=52).contains(&weeks) => {
                            problem.set(None);
                            state.work.provision().update(|b| b.settings.weeks_in_year = weeks);
                        }
                        _ => {
                            problem
                                .set(
                                    Some(
                                        "Enter the weeks in the school year as a whole number from 1 to 52."
                                            .into(),
                                    ),
                                )
                        }
                    }
                }
            />
        </div>
        {money_field(
            "pupil-threshold",
            "Threshold per pupil (£)",
            "A pupil whose provision costs more than this is shown as over the threshold. Usually £6,000.",
            |s| s.pupil_threshold,
            |s, m| s.pupil_threshold = m,
        )}
        {money_field(
            "sen-budget",
            "Notional SEN budget (£)",
            "The school's notional SEN budget for the year, from the school's budget statement.",
            |s| s.notional_sen_budget,
            |s, m| s.notional_sen_budget = m,
        )}
    }
}
