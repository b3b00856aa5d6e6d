//! Cohorts: counts and percentages of each factor and marker by year group and by saved
//! cohort, a heat map and bar charts beside the numbers, the saved cohorts to rename, fix
//! or delete, group comparisons with their gaps (summer-born, disadvantaged, each saved
//! cohort against the rest), and the SEN register check. Each part is its own section, so
//! another (trends over the data drops) slots in beside them.

use crate::core::cohort::{
    by_year_group, compare, others, sen_register_mismatch, summarise, Cohort, Comparison,
    Condition, GroupSummary, PupilFacts, Share,
};
use crate::core::planner_table::describe_cohort;
use crate::core::pupil::PupilKey;
use crate::core::scoring::Factor;
use crate::core::value::Percent;
use crate::ui::components::chart::{Bar, BarChart, HeatCell, HeatMap};
use crate::ui::components::{EmptyState, SavedCohorts, UpnText};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;

/// The Cohorts page.
#[component]
pub fn CohortsPage() -> impl IntoView {
    let state = use_app_state();
    let has_pupils = Memo::new(move |_| state.pupil_count() > 0);
    view! {
        <h1>"Cohorts"</h1>
        {move || {
            if has_pupils.get() {
                // Each section reads the app state itself, so one can be added beside them.
                view! {
                    <CohortAnalysis />
                    <crate::ui::components::school_compare::SchoolCompare />
                    <SavedCohorts />
                    <crate::ui::components::group_trends::GroupTrends />
                }
                    .into_any()
            } else {
                view! {
                    <EmptyState
                        message="Cohorts compare groups of pupils, such as summer-born pupils against the rest. Import your pupil spreadsheet first."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
                    .into_any()
            }
        }}
    }
}

fn share_cell(share: Share) -> impl IntoView {
    view! { <td class="num">{format!("{} ({})", share, share.count)}</td> }
}

/// "+3.5 points", "−1.2 points", "–".
fn gap_text(gap: Option<i64>, scale: i64) -> String {
    match gap {
        None => "–".to_string(),
        Some(value) => {
            let sign = if value > 0 {
                "+"
            } else if value < 0 {
                "−"
            } else {
                ""
            };
            let abs = value.unsigned_abs();
            let scale = scale.unsigned_abs();
            let digits = if scale == 100 { 2 } else { 1 };
            format!(
                "{sign}{}.{:0digits$} points",
                abs / scale,
                abs % scale,
                digits = digits
            )
        }
    }
}

fn comparison_table(
    caption: String,
    a_name: String,
    b_name: String,
    result: Comparison,
) -> impl IntoView {
    let attendance = |p: Option<Percent>| p.map_or_else(|| "–".to_string(), |p| p.to_string());
    view! {
        <table class="data-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Measure"</th>
                    <th scope="col" class="num">{a_name}</th>
                    <th scope="col" class="num">{b_name}</th>
                    <th scope="col" class="num">"Gap"</th>
                </tr>
            </thead>
            <tbody>
                <tr>
                    <th scope="row">"Pupils"</th>
                    <td class="num">{result.a.pupils}</td>
                    <td class="num">{result.b.pupils}</td>
                    <td class="num">"–"</td>
                </tr>
                <tr>
                    <th scope="row">"Mean attendance"</th>
                    <td class="num">{attendance(result.a.mean_attendance)}</td>
                    <td class="num">{attendance(result.b.mean_attendance)}</td>
                    <td class="num">{gap_text(result.gap.mean_attendance, 100)}</td>
                </tr>
                <tr>
                    <th scope="row">"Persistently absent"</th>
                    {share_cell(result.a.persistently_absent)}
                    {share_cell(result.b.persistently_absent)}
                    <td class="num">{gap_text(result.gap.persistently_absent, 10)}</td>
                </tr>
                <tr>
                    <th scope="row">"Suspended or excluded"</th>
                    {share_cell(result.a.suspended)}
                    {share_cell(result.b.suspended)}
                    <td class="num">{gap_text(result.gap.suspended, 10)}</td>
                </tr>
                <tr>
                    <th scope="row">"Low attainment"</th>
                    {share_cell(result.a.low_attainers)}
                    {share_cell(result.b.low_attainers)}
                    <td class="num">{gap_text(result.gap.low_attainers, 10)}</td>
                </tr>
            </tbody>
        </table>
    }
}

fn summary_rows(label: String, summary: &GroupSummary) -> impl IntoView {
    let factors = Factor::ALL
        .into_iter()
        .map(|f| share_cell(summary.factor(f)))
        .collect_view();
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td class="num">{summary.pupils}</td>
            {factors}
            <td class="num">{summary.rag.red}</td>
            <td class="num">{summary.rag.amber}</td>
            <td class="num">{summary.rag.green}</td>
            {share_cell(summary.attendance_amber)}
            {share_cell(summary.attendance_red)}
            {share_cell(summary.exclusions_amber)}
            {share_cell(summary.exclusions_red)}
            {share_cell(summary.attainment_low)}
            {share_cell(summary.attainment_high)}
        </tr>
    }
}

#[component]
fn CohortAnalysis() -> impl IntoView {
    let state = use_app_state();
    move || {
        let scored = state.scored.get();
        let profile = state.work.profile().get();
        let shown = state.shown();
        let focus_keys = state.work.focus().get();
        let saved = state.work.cohorts().get();
        let provision = state.work.provision();
        state.data_drop.with(|drop| {
            let drop = drop.as_ref()?;
            let pupils = &drop.pupils;
            let scores = scored.scores.as_slice();
            let years = by_year_group(pupils, scores);
            let everyone: Vec<usize> = (0..pupils.len()).collect();
            let whole = summarise(scores, &everyone);
            let year_name = |y: &Option<crate::core::value::YearGroup>| {
                y.map_or_else(|| "Not known".to_string(), |y| y.label())
            };

            // Heat map: factors × year groups.
            let columns: Vec<String> = years
                .iter()
                .map(|(y, _)| y.map_or_else(|| "?".to_string(), |y| y.short()))
                .collect();
            let rows: Vec<String> = Factor::ALL.iter().map(|f| f.label().to_string()).collect();
            let cells: Vec<Vec<HeatCell>> = Factor::ALL
                .iter()
                .map(|&factor| {
                    years
                        .iter()
                        .map(|(_, summary)| {
                            let share = summary.factor(factor);
                            HeatCell {
                                tenths: share.tenths_of_percent(),
                                text: share.to_string(),
                            }
                        })
                        .collect()
                })
                .collect();
            let bars: Vec<Bar> = Factor::ALL
                .iter()
                .map(|&factor| {
                    let share = whole.factor(factor);
                    Bar {
                        label: factor.label().to_string(),
                        tenths: share.tenths_of_percent().unwrap_or(0),
                        text: format!("{share} ({})", share.count),
                    }
                })
                .collect();
            let rag_bars: Vec<Bar> = years
                .iter()
                .map(|(y, summary)| {
                    let share = Share {
                        count: summary.rag.red + summary.rag.amber,
                        of: summary.pupils,
                    };
                    Bar {
                        label: year_name(y),
                        tenths: share.tenths_of_percent().unwrap_or(0),
                        text: format!("{share} ({})", share.count),
                    }
                })
                .collect();

            let factor_heads = Factor::ALL
                .iter()
                .map(|f| view! { <th scope="col" class="num">{f.label()}</th> })
                .collect_view();
            let year_rows = years
                .iter()
                .map(|(y, summary)| summary_rows(year_name(y), summary))
                .collect_view();
            let table = view! {
                <div class="table-scroll" tabindex="0" role="region" aria-label="Factors and markers by year group">
                    <table class="data-table">
                        <caption>"Factors and markers by year group: percentage of the year group (number of pupils)"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Year group"</th>
                                <th scope="col" class="num">"Pupils"</th>
                                {factor_heads}
                                <th scope="col" class="num">"Red"</th>
                                <th scope="col" class="num">"Amber"</th>
                                <th scope="col" class="num">"Green"</th>
                                <th scope="col" class="num">"Attendance amber"</th>
                                <th scope="col" class="num">"Attendance red"</th>
                                <th scope="col" class="num">"Exclusions amber"</th>
                                <th scope="col" class="num">"Exclusions red"</th>
                                <th scope="col" class="num">"Attainment low"</th>
                                <th scope="col" class="num">"Attainment high"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {year_rows}
                            {summary_rows("Whole school".to_string(), &whole)}
                        </tbody>
                    </table>
                </div>
            };

            // Saved cohorts: the same counts as the year groups, and a comparison each.
            let facts = provision.with(|book| PupilFacts::for_pupils(pupils, &focus_keys, book));
            let cohort_members: Vec<(&Cohort, Vec<usize>)> = saved
                .iter()
                .map(|cohort| (cohort, cohort.members(pupils, scores, &facts)))
                .collect();
            let cohort_table = (!saved.is_empty()).then(|| {
                let factor_heads = Factor::ALL
                    .iter()
                    .map(|f| view! { <th scope="col" class="num">{f.label()}</th> })
                    .collect_view();
                let cohort_rows = cohort_members
                    .iter()
                    .map(|(cohort, members)| summary_rows(cohort.name.clone(), &summarise(scores, members)))
                    .collect_view();
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Factors and markers by saved cohort">
                        <table class="data-table">
                            <caption>"Factors and markers by saved cohort: percentage of the cohort's pupils in this data drop (number of pupils)"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Cohort"</th>
                                    <th scope="col" class="num">"Pupils"</th>
                                    {factor_heads}
                                    <th scope="col" class="num">"Red"</th>
                                    <th scope="col" class="num">"Amber"</th>
                                    <th scope="col" class="num">"Green"</th>
                                    <th scope="col" class="num">"Attendance amber"</th>
                                    <th scope="col" class="num">"Attendance red"</th>
                                    <th scope="col" class="num">"Exclusions amber"</th>
                                    <th scope="col" class="num">"Exclusions red"</th>
                                    <th scope="col" class="num">"Attainment low"</th>
                                    <th scope="col" class="num">"Attainment high"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {cohort_rows}
                                {summary_rows("Whole school".to_string(), &whole)}
                            </tbody>
                        </table>
                    </div>
                }
            });

            // Comparisons.
            let group = |conditions: Vec<Condition>| {
                Cohort { conditions, ..Cohort::default() }.members(pupils, scores, &facts)
            };
            let mut comparisons = Vec::new();
            for (name, yes, no) in [
                ("Summer-born", Condition::SummerBorn(true), Condition::SummerBorn(false)),
                ("Disadvantaged", Condition::Disadvantaged(true), Condition::Disadvantaged(false)),
            ] {
                let a = group(vec![yes]);
                let b = group(vec![no]);
                let result = compare(pupils, scores, &a, &b);
                comparisons.push(comparison_table(
                    format!("{name} pupils compared with the others (pupils whose status is not known are left out)"),
                    name.to_string(),
                    "Others".to_string(),
                    result,
                ));
            }
            for (cohort, a) in &cohort_members {
                let b = others(a, pupils.len());
                let result = compare(pupils, scores, a, &b);
                comparisons.push(comparison_table(
                    format!("Saved cohort “{}” ({}) compared with the rest of the school", cohort.name, describe_cohort(cohort, shown)),
                    cohort.name.clone(),
                    "The rest".to_string(),
                    result,
                ));
            }
            let comparisons = comparisons.into_iter().collect_view();

            // SEN register check.
            let mismatch = sen_register_mismatch(pupils, scores, &scored.shortlist, &profile);
            let list = |indices: &[usize], show_overall: bool| {
                if indices.is_empty() {
                    return view! { <p>"None."</p> }.into_any();
                }
                let items = indices
                    .iter()
                    .filter_map(|&i| {
                        let pupil = pupils.get(i)?;
                        let name = shown.name(pupil);
                        let upn = shown.upn(pupil).map(|upn| view! { <UpnText upn=upn /> });
                        let year = pupil.year_group.map(|y| y.short()).unwrap_or_default();
                        let overall = if show_overall {
                            scores.get(i).map(|s| format!(" – overall {} {}", s.overall, s.rag.label())).unwrap_or_default()
                        } else {
                            String::new()
                        };
                        Some(view! {
                            <li>
                                <a href=format!("#pupil/{}", PupilKey::of(pupil).to_route())>{name}</a>
                                " – " {upn} " " {year} {overall}
                            </li>
                        })
                    })
                    .collect_view();
                let count = indices.len();
                view! {
                    <details class="pupil-list-details">
                        <summary>{format!("Show the {count} pupils")}</summary>
                        <ul class="pupil-list">{items}</ul>
                    </details>
                }
                    .into_any()
            };
            let not_flagged = list(&mismatch.on_register_not_flagged, true);
            let only_for_sen = list(&mismatch.flagged_only_for_sen, true);
            let not_on_register = list(&mismatch.flagged_not_on_register, true);
            let not_flagged_count = mismatch.on_register_not_flagged.len();
            let only_for_sen_count = mismatch.flagged_only_for_sen.len();
            let not_on_register_count = mismatch.flagged_not_on_register.len();

            Some(view! {
                <p class="lede">
                    "Look at groups as well as individuals: where factors cluster by year group, and how groups compare on attendance, exclusions and attainment."
                </p>
                <h2>"Factors by year group"</h2>
                <div class="chart-row">
                    <HeatMap
                        title="Resilience factors by year group".to_string()
                        description="The percentage of each year group with each factor's marker coloured; darker is more. The same numbers are in the table below.".to_string()
                        rows=rows
                        columns=columns
                        cells=cells
                    />
                    <BarChart
                        title="Resilience factors, whole school".to_string()
                        description="The percentage of all pupils with each factor's marker coloured. The same numbers are in the table below.".to_string()
                        bars=bars
                    />
                    <BarChart
                        title="Amber or red overall, by year group".to_string()
                        description="The percentage of each year group whose overall indicator is amber or red.".to_string()
                        bars=rag_bars
                    />
                </div>
                {table}
                <section aria-labelledby="by-cohort-heading">
                    <h2 id="by-cohort-heading">"Factors by saved cohort"</h2>
                    {cohort_table}
                    <p class="hint">"The saved cohorts themselves are listed under Saved cohorts, further down."</p>
                </section>
                <h2>"Group comparisons"</h2>
                <p class="hint">
                    "Gaps are the first group minus the second, in percentage points. Save a cohort on the All pupils page to compare it here."
                </p>
                {comparisons}
                <h2>"SEN register check"</h2>
                <p>
                    "Are the pupils on the SEN register the same as the ones the planner flags? Flagged means amber or red overall, or on the shortlist, as everywhere in the planner. Pupils whose SEN status is not known are in no list."
                </p>
                <h3>{format!("On the SEN register but not flagged ({not_flagged_count})")}</h3>
                <p class="hint">"Green overall and not on the shortlist."</p>
                {not_flagged}
                <h3>{format!("On the SEN register and flagged only because of it ({only_for_sen_count})")}</h3>
                <p class="hint">"Without the points for their SEN status they would be green: their other factors give no cause for concern."</p>
                {only_for_sen}
                <h3>{format!("Flagged but not on the SEN register ({not_on_register_count})")}</h3>
                {not_on_register}
            })
        })
    }
}
