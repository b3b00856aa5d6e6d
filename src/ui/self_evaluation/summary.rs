//! The self-evaluation's summary, as `core::self_evaluation::summary` gives it: prompts
//! answered and how they were judged, each feature's progress (linking to its section),
//! and the development priorities in phase order with their dates.

use super::feature_heading_id;
use crate::core::self_evaluation::{Effectiveness, Summary};
use crate::core::value::format_uk_date;
use crate::ui::state::{use_app_state, WorkspaceStoreFields};
use crate::web::location;
use leptos::prelude::*;

/// A date as shown, or a dash with "not set" for screen readers.
fn date_cell(date: Option<chrono::NaiveDate>) -> AnyView {
    match date {
        Some(date) => view! { <td class="tabular">{format_uk_date(date)}</td> }.into_any(),
        None => view! {
            <td>
                <span aria-hidden="true">"—"</span>
                <span class="visually-hidden">"not set"</span>
            </td>
        }
        .into_any(),
    }
}

/// A link within the page: it moves focus to the element `target` (the planner's own
/// pages are in the address's `#`, so the address stays as it is).
fn jump(target: String, text: &'static str) -> impl IntoView {
    view! {
        <a
            href=format!("#{target}")
            on:click=move |ev| {
                ev.prevent_default();
                location::focus_element(&target);
            }
        >
            {text}
        </a>
    }
}

/// The summary.
#[component]
pub fn SelfEvaluationSummary() -> impl IntoView {
    let state = use_app_state();
    let summary = Memo::new(move |_| {
        state
            .work
            .self_evaluation()
            .with(|evaluation| evaluation.summary())
    });
    view! {
        <section class="se-summary" aria-labelledby="self-evaluation-summary-heading">
            <h2 id="self-evaluation-summary-heading">"Summary"</h2>
            {move || summary.with(summary_view)}
        </section>
    }
}

fn summary_view(summary: &Summary) -> impl IntoView {
    let judged = summary
        .by_effectiveness
        .iter()
        .map(|(point, count)| {
            view! {
                <dt>{point.label()}</dt>
                <dd class="tabular">{count.to_string()}</dd>
            }
        })
        .collect_view();
    let features = summary
        .features
        .iter()
        .map(|f| {
            view! {
                <tr>
                    <th scope="row">
                        {jump(feature_heading_id(f.feature), f.feature.title())}
                    </th>
                    <td class="tabular">{f.prompts.to_string()}</td>
                    <td class="tabular">{f.answered.to_string()}</td>
                    <td class="tabular">{f.priorities.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let priorities = if summary.priorities.is_empty() {
        view! {
            <p>
                "No development priorities yet: tick \u{201c}Development priority\u{201d} beside a prompt below, and give its phase dates."
            </p>
        }
        .into_any()
    } else {
        let rows = summary
            .priorities
            .iter()
            .map(|priority| {
                let answer = &priority.answer;
                let effectiveness = answer
                    .effectiveness
                    .map_or("Not yet judged", Effectiveness::label);
                view! {
                    <tr>
                        <td>{priority.prompt.feature.title()}</td>
                        <td>
                            {jump(
                                format!("{}-effectiveness", priority.prompt.slug()),
                                priority.prompt.text().unwrap_or_default(),
                            )}
                        </td>
                        <td>{effectiveness}</td>
                        {date_cell(answer.phase1)}
                        {date_cell(answer.phase2)}
                        {date_cell(answer.phase3)}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="report-table se-priorities">
                    <caption>"Development priorities, in the order their work starts"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Feature"</th>
                            <th scope="col">"Prompt"</th>
                            <th scope="col">"How effective now"</th>
                            <th scope="col">"Phase 1"</th>
                            <th scope="col">"Phase 2"</th>
                            <th scope="col">"Phase 3"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <p class="se-summary__sentence">{summary.sentence()}</p>
        <div class="se-summary__parts">
            <div>
                <h3 id="self-evaluation-judged-heading">"How prompts are judged"</h3>
                <dl class="summary-list">
                    {judged}
                </dl>
            </div>
            <div class="table-scroll no-print">
                <table class="report-table se-progress">
                    <caption>"Progress by feature"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Feature"</th>
                            <th scope="col">"Prompts"</th>
                            <th scope="col">"Answered"</th>
                            <th scope="col">"Priorities"</th>
                        </tr>
                    </thead>
                    <tbody>{features}</tbody>
                </table>
            </div>
        </div>
        {priorities}
    }
}
