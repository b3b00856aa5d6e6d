//! The table **Comparison with other schools**: a row per indicator with this school, the
//! local authority (when its figures are loaded) and the similar schools' median, each
//! row with a small bar chart beside its numbers (each bar labelled and its figure
//! written, so colour is never the only signal; a hidden figure has no bar and says
//! "<5 (suppressed)"). Above it, which schools were similar and why each other school was
//! left out. Everything shown is `core::benchmarks::Comparison`.

use crate::core::benchmarks::{ChartBar, Comparison, IndicatorRow};
use leptos::prelude::*;

/// The chart's width for the longest bar, in pixels.
const BAR_MAX: u32 = 120;
/// Where bars start, after their labels.
const LABEL_WIDTH: u32 = 92;
/// One bar's height with its gap.
const BAR_STEP: u32 = 18;

/// A bar's CSS class by its column: colour also follows the label written beside it.
fn bar_class(at: usize, of: usize) -> &'static str {
    match (at, of) {
        (0, _) => "benchmark-bar benchmark-bar--this",
        (1, 3) => "benchmark-bar benchmark-bar--la",
        _ => "benchmark-bar benchmark-bar--similar",
    }
}

/// A row's bars as a small SVG, named by the row's summary.
fn mini_chart(row: &IndicatorRow) -> impl IntoView {
    let scale = row.scale.hundredths().max(1);
    let count = row.bars.len();
    let height = BAR_STEP * count as u32 + 4;
    let width = LABEL_WIDTH + BAR_MAX + 110;
    let bars = row
        .bars
        .iter()
        .enumerate()
        .map(|(at, bar): (usize, &ChartBar)| {
            let y = 2 + BAR_STEP * at as u32;
            let length = bar
                .value
                .map(|value| (value.hundredths().min(scale) * BAR_MAX / scale).max(1));
            let text_x = LABEL_WIDTH + length.unwrap_or(0) + 4;
            view! {
                <text x=0 y=y + 12 class="chart-label chart-label--small">{bar.label}</text>
                {length
                    .map(|length| {
                        view! {
                            <rect
                                x=LABEL_WIDTH
                                y=y + 2
                                width=length
                                height=BAR_STEP - 6
                                class=bar_class(at, count)
                            ></rect>
                        }
                    })}
                <text x=text_x y=y + 12 class="chart-label chart-label--small">{bar.text.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <svg
            class="chart benchmark-chart"
            role="img"
            aria-label=row.summary.clone()
            viewBox=format!("0 0 {width} {height}")
            width=width
            height=height
        >
            {bars}
        </svg>
    }
}

/// Which schools are similar, and why the others are not.
#[component]
pub fn SimilarSchoolsSummary(
    #[prop(into)] comparison: Signal<Option<Comparison>>,
) -> impl IntoView {
    move || {
        comparison.get().map(|comparison| {
            let similar = comparison.similar;
            let picked = (!similar.picked.is_empty()).then(|| {
                view! {
                    <p>"Similar schools: " {similar.picked.join(", ")} "."</p>
                }
            });
            let left_out = (!similar.left_out.is_empty()).then(|| {
                let items = similar
                    .left_out
                    .into_iter()
                    .map(|(name, why)| view! { <li><strong>{name}</strong> ": " {why}</li> })
                    .collect_view();
                view! {
                    <p>"Left out:"</p>
                    <ul class="benchmark-left-out">{items}</ul>
                }
            });
            let warnings = comparison
                .warnings
                .into_iter()
                .map(|warning| view! { <p class="benchmark-warning">"⚠ " {warning}</p> })
                .collect_view();
            view! {
                <div class="benchmark-similar">
                    <p>
                        <strong>{similar.sentence}</strong>
                    </p>
                    {similar.rule.map(|rule| view! { <p class="hint">{rule}</p> })}
                    {picked}
                    {left_out}
                    {warnings}
                </div>
            }
        })
    }
}

/// The table itself.
#[component]
pub fn ComparisonTable(#[prop(into)] comparison: Signal<Option<Comparison>>) -> impl IntoView {
    move || {
        comparison.get().map(|comparison| {
            let head = comparison
                .columns
                .iter()
                .map(|column| view! { <th scope="col" class="num">{column.clone()}</th> })
                .collect_view();
            let body = comparison
                .rows
                .iter()
                .map(|row| {
                    let cells = row
                        .cells
                        .iter()
                        .map(|cell| {
                            view! {
                                <td class="num">
                                    {cell.text.clone()}
                                    {cell
                                        .note
                                        .clone()
                                        .map(|note| view! { <span class="benchmark-note">{note}</span> })}
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{row.label.clone()}</th>
                            {cells}
                            <td class="benchmark-chart-cell">{mini_chart(row)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data-table benchmark-table">
                        <caption>"Comparison with other schools"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Indicator"</th>
                                {head}
                                <th scope="col">"Chart"</th>
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
            }
        })
    }
}
