//! A pupil's "Over time" table on the profile: one row per data drop they are in, with a
//! small chart of attendance and the overall indicator beside it.

use crate::core::pupil::PupilKey;
use crate::core::tracking::over_time::{over_time, OverTimeRow};
use crate::ui::components::chart::{LineChart, LinePoint};
use crate::ui::state::{use_app_state, WorkspaceStoreFields};
use leptos::prelude::*;

/// The pupil's rows, oldest first, found by key in the drop the planner shows.
#[component]
pub fn OverTime(
    /// The pupil, by key.
    pupil_key: PupilKey,
) -> impl IntoView {
    let state = use_app_state();
    let rows = Memo::new(move |_| {
        let tracking = state.tracking.get();
        let shown = state.data_drop.get()?;
        let at = tracking.position_of(&shown)?;
        let place = shown
            .pupils
            .iter()
            .position(|pupil| PupilKey::of(pupil) == pupil_key)?;
        let person = tracking.timeline.person_at(at, place)?;
        Some(over_time(&tracking.timeline, person, &tracking.scored()))
    });
    move || {
        let rows = rows.get()?;
        if rows.len() < 2 && state.work.drops().with(Vec::len) < 2 {
            return Some(
                view! {
                    <h2>"Over time"</h2>
                    <p>"Only one data drop is held. Import next term's spreadsheet to follow this pupil through the year."</p>
                }
                .into_any(),
            );
        }
        Some(view! { <OverTimeTable rows=rows /> }.into_any())
    }
}

#[component]
fn OverTimeTable(rows: Vec<OverTimeRow>) -> impl IntoView {
    let subjects: Vec<String> = {
        let mut names: Vec<String> = Vec::new();
        for row in &rows {
            for (level, _) in &row.subjects {
                if !names.contains(&level.subject) {
                    names.push(level.subject.clone());
                }
            }
        }
        names
    };
    let attendance: Vec<LinePoint> = rows
        .iter()
        .map(|row| LinePoint {
            label: row.period.to_string(),
            value: row.attendance.map(|p| f64::from(p.hundredths()) / 100.0),
        })
        .collect();
    let overall: Vec<LinePoint> = rows
        .iter()
        .map(|row| LinePoint {
            label: row.period.to_string(),
            value: Some(row.overall.as_f64()),
        })
        .collect();
    let overall_top = overall
        .iter()
        .filter_map(|point| point.value)
        .fold(6.0_f64, f64::max)
        .ceil();
    let headings = subjects
        .iter()
        .map(|subject| view! { <th scope="col">{subject.clone()}</th> })
        .collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let cells = subjects
                .iter()
                .map(|subject| {
                    let text = row
                        .subjects
                        .iter()
                        .find(|(level, _)| &level.subject == subject)
                        .map_or("–".to_string(), |(level, written)| match written {
                            Some(written) => format!("{written} ({})", level.level.label()),
                            None => level.level.label().to_string(),
                        });
                    view! { <td>{text}</td> }
                })
                .collect_view();
            let mut header = row.period.to_string();
            if row.joined {
                header.push_str(" (joined)");
            }
            if row.left_after {
                header.push_str(" (left after)");
            }
            view! {
                <tr>
                    <th scope="row">{header}</th>
                    <td>{row.year_group.map_or("–".to_string(), |year| year.label())}</td>
                    <td class="numeric">{row.attendance.map_or("–".to_string(), |p| p.one_decimal())}</td>
                    <td class="numeric">{row.overall.to_string()}</td>
                    <td>
                        <span class=format!("rag rag--{}", row.rag.label().to_lowercase())>
                            {row.rag.label()}
                        </span>
                    </td>
                    <td>{row.attendance_marker.label()}</td>
                    <td>{row.exclusions_marker.label()}</td>
                    <td class="numeric">{row.suspensions.map_or("–".to_string(), |n| n.to_string())}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>"Over time"</h2>
        <div class="with-chart">
            <div class="table-scroll" tabindex="0" role="region" aria-label="Over time">
                <table class="data-table">
                    <caption class="visually-hidden">"Over time"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Data drop"</th>
                            <th scope="col">"Year group"</th>
                            <th scope="col" class="numeric">"Attendance"</th>
                            <th scope="col" class="numeric">"Overall indicator"</th>
                            <th scope="col">"RAG"</th>
                            <th scope="col">"Attendance marker"</th>
                            <th scope="col">"Exclusions marker"</th>
                            <th scope="col" class="numeric">"Suspensions"</th>
                            {headings}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <div class="charts">
                <LineChart
                    title="Attendance over time".to_string()
                    description="The pupil's attendance at each data drop, as in the table.".to_string()
                    series=vec![("Attendance".to_string(), attendance)]
                    low=50.0
                    high=100.0
                />
                <LineChart
                    title="Overall indicator over time".to_string()
                    description="The pupil's overall indicator at each data drop, as in the table: higher means more resilience factors.".to_string()
                    series=vec![("Overall indicator".to_string(), overall)]
                    low=0.0
                    high=overall_top
                />
            </div>
        </div>
    }
}
