//! The progress report for parents (`#report/<pupil key>`, SPEC §8.3, issue 15): one
//! printable A4 page about one pupil, opened from the **Progress report for parents**
//! link on their profile and not in the navigation. It shows exactly what
//! `core::targets::report::ParentReport` holds — the pupil's targets with their progress
//! in words, the support running for them now, their attendance at each data drop (a
//! list and a small chart with its text alternative) and what was agreed at their latest
//! review — and nothing about any other pupil. **Print** prints the report alone on A4
//! portrait, without the app's header, navigation or footer (`style/print.css`).

use crate::core::pupil::PupilKey;
use crate::core::targets::report::{ParentReport, ReportInput};
use crate::core::tracking::over_time::over_time;
use crate::ui::components::chart::{LineChart, LinePoint};
use crate::ui::components::EmptyState;
use crate::ui::state::{use_app_state, WorkspaceStoreFields};
use leptos::prelude::*;

/// The report page for one pupil.
#[component]
pub fn ReportPage(
    /// The pupil, by key.
    pupil_key: PupilKey,
) -> impl IntoView {
    let state = use_app_state();
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
    let profile_href = format!("#pupil/{}", pupil_key.to_route());
    let wanted = pupil_key;
    let report = Memo::new(move |_| {
        let drop = state.data_drop.get()?;
        let place = drop
            .pupils
            .iter()
            .position(|pupil| PupilKey::of(pupil) == wanted)?;
        let pupil = &drop.pupils[place];
        let key = wanted.as_str();
        // This pupil's rows over time: every drop they are in, followed by the timeline.
        let tracking = state.tracking.get();
        let rows = tracking
            .position_of(&drop)
            .and_then(|at| tracking.timeline.person_at(at, place))
            .map(|person| over_time(&tracking.timeline, person, &tracking.scored()))
            .unwrap_or_default();
        let school = state
            .work
            .details()
            .with(|details| details.name_or(&state.work.name().get()).to_string());
        let shown = state.shown();
        let report = state.work.targets().with(|targets| {
            state.work.provision().with(|book| {
                ParentReport::for_pupil(&ReportInput {
                    school: &school,
                    pupil,
                    key,
                    today: crate::web::clock::today(),
                    targets,
                    book,
                    over_time: &rows,
                    shown,
                })
            })
        });
        Some(report)
    });
    let private = move || state.shown().is_private();

    view! {
        <div class="no-print report-tools">
            <p class="back-link">
                <a href=profile_href>"Back to the pupil's profile"</a>
            </p>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    let _ = window().print();
                }
            >
                "Print"
            </button>
            {move || {
                private()
                    .then(|| {
                        view! {
                            <p class="notice">
                                "Privacy display mode is on, so the pupil is named by initials. Turn it off before printing the report for their parents."
                            </p>
                        }
                    })
            }}
        </div>
        {move || match report.get() {
            None => {
                view! {
                    <h1 tabindex="-1" node_ref=heading>"Progress report for parents"</h1>
                    <EmptyState
                        message="This pupil is not in the pupils imported now (they may have left, or their UPN changed). Go back to the list and choose the pupil again."
                        action="Go to all pupils"
                        href="#all-pupils"
                    />
                }
                    .into_any()
            }
            Some(report) => view! { <Report report=report heading=heading /> }.into_any(),
        }}
    }
}

/// The report itself: what prints.
#[component]
fn Report(report: ParentReport, heading: NodeRef<leptos::html::H1>) -> impl IntoView {
    let name = report.name.clone();
    let intro = format!(
        "This report tells you how {name} is getting on with their targets, the extra help they have in school now, their attendance, and what we agreed together at their last review."
    );
    let targets = if report.has_targets() {
        report
            .targets
            .iter()
            .filter(|horizon| !horizon.targets.is_empty())
            .map(|horizon| {
                let rows = horizon
                    .targets
                    .iter()
                    .map(|t| {
                        let dates = match (t.set_on.is_empty(), t.review_on.is_empty()) {
                            (false, false) => format!("Set {}, review {}", t.set_on, t.review_on),
                            (false, true) => format!("Set {}", t.set_on),
                            (true, false) => format!("Review {}", t.review_on),
                            (true, true) => String::new(),
                        };
                        view! {
                            <tr>
                                <td>{t.area.clone()}</td>
                                <td>
                                    {t.text.clone()}
                                    {(!t.agreed.is_empty()).then(|| view! {
                                        <span class="parent-report__agreed">{format!("Agreed at review: {}", t.agreed)}</span>
                                    })}
                                </td>
                                <td>{t.progress}</td>
                                <td>{t.set_with.clone()} <br /> {t.reviewed_with.clone()}</td>
                                <td class="tabular">{dates}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="report-table parent-report__table">
                        <caption>{horizon.heading.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Area"</th>
                                <th scope="col">"Target"</th>
                                <th scope="col">"Progress"</th>
                                <th scope="col">"Who took part"</th>
                                <th scope="col">"Dates"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            })
            .collect_view()
            .into_any()
    } else {
        view! { <p>"No targets have been recorded yet."</p> }.into_any()
    };

    let support = if report.support.is_empty() {
        view! { <p>"No extra support is running at the moment."</p> }.into_any()
    } else {
        let rows = report
            .support
            .iter()
            .map(|s| {
                view! {
                    <tr>
                        <th scope="row">
                            {s.what.clone()}
                            {(!s.hoped_for.is_empty()).then(|| view! {
                                <span class="parent-report__agreed">{format!("We hope it helps: {}", s.hoped_for)}</span>
                            })}
                        </th>
                        <td>{s.how_often.clone()}</td>
                        <td>{s.with_whom.clone()}</td>
                        <td class="tabular">{s.ends.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="report-table parent-report__table" aria-label="Support in school now">
                <thead>
                    <tr>
                        <th scope="col">"What"</th>
                        <th scope="col">"How often"</th>
                        <th scope="col">"With whom"</th>
                        <th scope="col">"Until"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };

    let attendance = if report.attendance.is_empty() {
        view! { <p>"No attendance is recorded yet."</p> }.into_any()
    } else {
        let items = report
            .attendance
            .iter()
            .map(|point| view! { <li class="tabular">{point.text()}</li> })
            .collect_view();
        let points: Vec<LinePoint> = report
            .attendance
            .iter()
            .map(|point| LinePoint {
                label: point.period.to_string(),
                value: point.attendance.map(|p| f64::from(p.hundredths()) / 100.0),
            })
            .collect();
        let chart = (points.len() >= 2).then(|| {
            view! {
                <LineChart
                    title="Attendance at each data drop".to_string()
                    description=report.attendance_sentence()
                    series=vec![("Attendance".to_string(), points)]
                    low=50.0
                    high=100.0
                />
            }
        });
        view! {
            <div class="parent-report__attendance">
                <ul class="parent-report__list" aria-label="Attendance at each data drop">{items}</ul>
                {chart}
            </div>
        }
        .into_any()
    };

    let review = match &report.last_review {
        None => view! { <p>"No review has been recorded yet."</p> }.into_any(),
        Some(review) => {
            let line = |term: String, text: &str| {
                (!text.is_empty()).then(|| {
                    view! {
                        <div class="summary-list__row">
                            <dt>{term}</dt>
                            <dd>{text.to_string()}</dd>
                        </div>
                    }
                })
            };
            view! {
                <p>{format!("At the review on {}:", review.date)}</p>
                <dl class="summary-list">
                    {line("What we agreed".to_string(), &review.agreed)}
                    {line(format!("What {name} said"), &review.pupil_views)}
                    {line("What you said".to_string(), &review.parent_views)}
                    {line("Next review".to_string(), &review.next_review)}
                </dl>
            }
            .into_any()
        }
    };

    let year_line = if report.year_group.is_empty() {
        format!("Date: {}", report.date)
    } else {
        format!("{} · {}", report.year_group, report.date)
    };
    view! {
        <article class="parent-report" aria-labelledby="report-heading">
            <header class="parent-report__head">
                <p class="parent-report__school">{report.school.clone()}</p>
                <h1 id="report-heading" tabindex="-1" node_ref=heading>
                    {format!("Progress report for {}", report.name)}
                </h1>
                <p class="parent-report__when">{year_line}</p>
            </header>
            <p>{intro}</p>
            <section aria-labelledby="report-targets">
                <h2 id="report-targets">"Targets"</h2>
                {targets}
            </section>
            <section aria-labelledby="report-support">
                <h2 id="report-support">"Support in school now"</h2>
                {support}
            </section>
            <section aria-labelledby="report-attendance">
                <h2 id="report-attendance">"Attendance"</h2>
                {attendance}
            </section>
            <section aria-labelledby="report-review">
                <h2 id="report-review">"What we agreed at the last review"</h2>
                {review}
            </section>
            <p class="parent-report__close">
                "If you would like to talk about this report, please contact the school."
            </p>
        </article>
    }
}
