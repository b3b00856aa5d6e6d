//! A measured target's figure at every data drop: the table "<description> at each data
//! drop" (a row per drop, the figure or the sentence saying why there is none, and how
//! many pupils it is worked out from) with a small line chart beside it, the target value
//! drawn as a second line.

use crate::core::import::text::group_thousands;
use crate::core::targets::view::{chart_axis, TargetRow, NONE_TEXT};
use crate::core::targets::Target;
use crate::ui::components::chart::{LineChart, LinePoint};
use leptos::prelude::*;

/// One target's figures at each drop, with the chart.
#[component]
pub(super) fn SeriesPanel(
    /// The target's row, with its figure at every drop.
    row: TargetRow,
    /// The target (its measure, baseline and target value, for the chart's axis).
    target: Target,
) -> impl IntoView {
    let measure = row.measure.clone().unwrap_or_default();
    let caption = format!("{} at each data drop", row.description);
    let (low, high) = chart_axis(&target, &row.series);
    let figures: Vec<LinePoint> = row
        .series
        .iter()
        .map(|point| LinePoint {
            label: point.period.to_string(),
            value: point.value.map(|v| v.as_f64()),
        })
        .collect();
    let mut lines = vec![(measure.clone(), figures)];
    if let Some(goal) = target.target_value {
        let flat = row
            .series
            .iter()
            .map(|point| LinePoint {
                label: point.period.to_string(),
                value: Some(goal.as_f64()),
            })
            .collect();
        lines.push((format!("Target {}", row.target), flat));
    }
    let description = if target.target_value.is_some() {
        format!(
            "{measure} at each data drop, with the target value of {} as a flat line. The figures are in the table beside the chart.",
            row.target
        )
    } else {
        format!("{measure} at each data drop. The figures are in the table beside the chart.")
    };
    let body = row
        .series
        .iter()
        .map(|point| {
            let pupils = point
                .pupils
                .map_or_else(|| NONE_TEXT.to_string(), group_thousands);
            view! {
                <tr>
                    <th scope="row">{point.period.to_string()}</th>
                    <td class=if point.value.is_some() { "numeric" } else { "" }>{point.text.clone()}</td>
                    <td class="numeric">{pupils}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="with-chart target-series">
            <div class="table-scroll">
                <table class="data-table">
                    <caption>{caption.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Data drop"</th>
                            <th scope="col" class="numeric">{measure.clone()}</th>
                            <th scope="col" class="numeric">"Pupils it is worked out from"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
                <p class="hint">
                    {format!("Target: {} by {}. Baseline: {}.", row.target, row.by, row.baseline)}
                </p>
            </div>
            <LineChart
                title=format!("Chart: {caption}")
                description=description
                series=lines
                low=low
                high=high
            />
        </div>
    }
}
