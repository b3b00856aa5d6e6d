//! **Waves at a glance** on the Provision page (SPEC §8.2): pupils by the highest wave of
//! their provision current today, per year group, as a table with a stacked bar chart
//! beside it, and the Tameside rule of thumb in words. Every figure and sentence comes
//! from `core::provision::waves`.

use crate::core::provision::waves::{
    waves_at_a_glance, HighestWave, Share, WaveRow, WavesAtAGlance, QUALITY_FIRST_IN_100,
};
use crate::core::provision::SchoolPupil;
use crate::core::value::format_uk_date;
use crate::ui::components::chart::{StackScale, StackedBar, StackedBarChart};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;
use std::sync::Arc;

use super::year_label;

/// "12 (40 in 100)".
fn share_text(share: Share) -> String {
    format!("{} ({} in 100)", share.count, share.in_100)
}

/// The CSS class of each column's part of a bar.
fn part_class(wave: HighestWave) -> &'static str {
    match wave {
        HighestWave::QualityFirstOnly => "wave-bar wave-bar--first",
        HighestWave::Two => "wave-bar wave-bar--two",
        HighestWave::Three => "wave-bar wave-bar--three",
    }
}

fn row_view(row: &WaveRow, heading: String) -> impl IntoView {
    let cells = HighestWave::ALL
        .iter()
        .map(|wave| view! { <td class="tabular">{share_text(row.share(*wave))}</td> })
        .collect_view();
    view! {
        <tr>
            <th scope="row">{heading}</th>
            <td class="tabular">{row.pupils}</td>
            {cells}
        </tr>
    }
}

fn table_view(waves: &WavesAtAGlance) -> impl IntoView {
    let rows = waves
        .rows
        .iter()
        .map(|row| row_view(row, year_label(row.year_group)))
        .collect_view();
    let headers = HighestWave::ALL
        .iter()
        .map(|wave| view! { <th scope="col" class="tabular">{wave.label()}</th> })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Waves at a glance table, scrollable">
            <table class="report-table waves-table">
                <caption>"Waves at a glance"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Year group"</th>
                        <th scope="col" class="tabular">"Pupils"</th>
                        {headers}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>{row_view(&waves.whole_school, "Whole school".to_string())}</tfoot>
            </table>
        </div>
    }
}

fn chart_view(waves: &WavesAtAGlance) -> impl IntoView {
    let bar = |row: &WaveRow, label: String| StackedBar {
        label,
        parts: HighestWave::ALL
            .iter()
            .map(|wave| row.share(*wave).count)
            .collect(),
        text: format!(
            "{} quality first only, {} wave 2, {} wave 3",
            row.quality_first_only.in_100, row.wave_two.in_100, row.wave_three.in_100
        ),
    };
    let mut bars: Vec<StackedBar> = waves
        .rows
        .iter()
        .map(|row| bar(row, year_label(row.year_group)))
        .collect();
    bars.push(bar(&waves.whole_school, "Whole school".to_string()));
    let keys = HighestWave::ALL
        .iter()
        .map(|wave| (wave.label().to_string(), part_class(*wave)))
        .collect();
    view! {
        <StackedBarChart
            title="Pupils by highest wave, in 100".to_string()
            description=format!(
                "A bar for each year group and the whole school, split into quality first only, wave 2 and wave 3 as shares of its pupils, with the numbers in 100 written beside it. The dashed line marks {QUALITY_FIRST_IN_100} in 100, the rule of thumb for quality first only. The table beside it has the counts."
            )
            keys=keys
            bars=bars
            scale=StackScale::Shares
            reference=(QUALITY_FIRST_IN_100, format!("{QUALITY_FIRST_IN_100} in 100 (rule of thumb)"))
        />
    }
}

/// The **Waves at a glance** section: today's figures for every pupil of the current drop.
#[component]
pub(crate) fn WavesAtAGlanceSection(
    /// Every pupil of the current drop (key, year group, class).
    pupils: Memo<Arc<Vec<SchoolPupil>>>,
) -> impl IntoView {
    let state = use_app_state();
    let today = crate::web::clock::today();
    let waves = Memo::new(move |_| {
        let pupils = pupils.get();
        state
            .work
            .provision()
            .with(|book| waves_at_a_glance(book, &pupils, today))
    });
    view! {
        <section class="waves" aria-labelledby="waves-heading">
            <h2 id="waves-heading">"Waves at a glance"</h2>
            <p class="hint">
                {format!(
                    "Each pupil once, by the highest wave of the provision planned or running for them today ({}). Quality first only: no wave 2 or wave 3 provision today.",
                    format_uk_date(today),
                )}
            </p>
            {move || {
                let waves = waves.get();
                let said = waves
                    .summary()
                    .into_iter()
                    .map(|sentence| view! { <p>{sentence}</p> })
                    .collect_view();
                view! {
                    <div class="waves__summary">{said}</div>
                    <div class="chart-row">{table_view(&waves)} {chart_view(&waves)}</div>
                }
            }}
        </section>
    }
}
