//! The self-evaluation on paper: the guide's Annex grid for all nine features — a row per
//! prompt with how effective practice is now, whether it is a development priority, the
//! phase dates and notes, a heading row per feature — hidden on screen (`.print-only`)
//! and printed on A4 landscape (style/self-evaluation.css) with its heading row repeated
//! on every page.

use crate::core::self_evaluation::{Effectiveness, Feature, SelfEvaluation};
use crate::core::value::format_uk_date;
use leptos::prelude::*;

/// The print grid's column headings.
const HEADINGS: [&str; 7] = [
    "Prompt",
    "How effective now",
    "Development priority",
    "Phase 1",
    "Phase 2",
    "Phase 3",
    "Notes",
];

/// The grid for printing.
#[component]
pub fn PrintGrid(
    /// The self-evaluation printed.
    #[prop(into)]
    evaluation: Signal<SelfEvaluation>,
) -> impl IntoView {
    let head = HEADINGS
        .into_iter()
        .map(|heading| view! { <th scope="col">{heading}</th> })
        .collect_view();
    let body = move || {
        evaluation.with(|evaluation| {
            Feature::ALL
                .into_iter()
                .map(|feature| {
                    let rows = feature
                        .prompt_ids()
                        .map(|prompt| {
                            let answer = evaluation.answer(prompt).cloned().unwrap_or_default();
                            let date = |d: Option<chrono::NaiveDate>| {
                                d.map(format_uk_date).unwrap_or_default()
                            };
                            view! {
                                <tr>
                                    <td>
                                        {format!(
                                            "{}) {}",
                                            prompt.letter(),
                                            prompt.text().unwrap_or_default(),
                                        )}
                                    </td>
                                    <td>{answer.effectiveness.map_or("", Effectiveness::label)}</td>
                                    <td>{if answer.priority { "Yes" } else { "" }}</td>
                                    <td class="tabular">{date(answer.phase1)}</td>
                                    <td class="tabular">{date(answer.phase2)}</td>
                                    <td class="tabular">{date(answer.phase3)}</td>
                                    <td class="se-print__notes">{answer.notes}</td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <tbody>
                            <tr class="se-print__feature">
                                <th scope="colgroup" colspan="7">
                                    {format!("{}. {}", feature.chapter(), feature.title())}
                                </th>
                            </tr>
                            {rows}
                        </tbody>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <table class="print-only print-table se-print" aria-label="Self-evaluation (for printing)">
            <thead>
                <tr>{head}</tr>
            </thead>
            {body}
        </table>
    }
}
