//! Over time on the Cohorts page: a group's trend at every data drop against the rest of
//! the school (year groups, the standard groups, saved cohorts), year-on-year, and how
//! well the indicator predicted. The rules are `core::tracking`'s; this only shows them.

use crate::core::cohort::{measure, GroupMeasures, Share};
use crate::core::import::text::group_thousands;
use crate::core::pupil::PupilKey;
use crate::core::scoring::{Factor, Rag};
use crate::core::tracking::hindsight::{hindsight, Outcome};
use crate::core::tracking::matching::match_pupils;
use crate::core::tracking::over_time::{a_year_before, a_year_on};
use crate::core::tracking::trends::{all_of, trend, Membership, StandardGroup, TrendPoint};
use crate::core::value::{Percent, YearGroup};
use crate::ui::components::chart::{LineChart, LinePoint};
use crate::ui::state::{use_app_state, Tracking, WorkspaceStoreFields};
use leptos::prelude::*;

/// Which group the trends are for.
#[derive(Debug, Clone, PartialEq)]
enum Group {
    Year(YearGroup),
    Standard(StandardGroup),
    Cohort(usize),
}

impl Group {
    fn value(&self) -> String {
        match self {
            Group::Year(year) => format!("year:{}", year.label()),
            Group::Standard(group) => format!("group:{}", group.label()),
            Group::Cohort(at) => format!("cohort:{at}"),
        }
    }
}

/// Every year group in any drop, in order.
fn year_groups(tracking: &Tracking) -> Vec<YearGroup> {
    let mut years: Vec<YearGroup> = tracking
        .drops
        .iter()
        .flat_map(|held| held.drop.pupils.iter().filter_map(|pupil| pupil.year_group))
        .collect();
    years.sort();
    years.dedup();
    years
}

/// The people (by `Timeline::people` index) known by one of `keys` at any drop.
fn people_with_keys(
    tracking: &Tracking,
    keys: &std::collections::BTreeSet<PupilKey>,
) -> Vec<usize> {
    tracking
        .timeline
        .people
        .iter()
        .enumerate()
        .filter(|(_, person)| {
            person.places.iter().enumerate().any(|(at, place)| {
                place
                    .and_then(|place| tracking.drops.get(at)?.drop.pupils.get(place))
                    .is_some_and(|pupil| keys.contains(&PupilKey::of(pupil)))
            })
        })
        .map(|(index, _)| index)
        .collect()
}

/// The group's trend (every drop, oldest first).
fn group_trend(
    tracking: &Tracking,
    group: &Group,
    cohorts: &[crate::core::cohort::Cohort],
) -> Vec<TrendPoint> {
    let scored = tracking.scored();
    match group {
        Group::Year(year) => {
            let year = *year;
            let includes =
                move |pupil: &crate::core::pupil::Pupil, _: &_| pupil.year_group == Some(year);
            trend(&tracking.timeline, &scored, &Membership::Filter(&includes))
        }
        Group::Standard(group) => {
            let group = *group;
            let includes =
                move |pupil: &crate::core::pupil::Pupil, score: &_| group.includes(pupil, score);
            trend(&tracking.timeline, &scored, &Membership::Filter(&includes))
        }
        Group::Cohort(at) => match cohorts.get(*at) {
            // A fixed list: the same children at every drop they are in.
            Some(cohort) if cohort.members.is_some() => {
                let keys = cohort.members.as_ref().cloned().unwrap_or_default();
                let people = people_with_keys(tracking, &keys);
                trend(&tracking.timeline, &scored, &Membership::Fixed(&people))
            }
            Some(cohort) => {
                let includes = all_of(&cohort.conditions);
                trend(&tracking.timeline, &scored, &Membership::Filter(&includes))
            }
            None => Vec::new(),
        },
    }
}

fn attendance_text(value: Option<Percent>) -> String {
    value.map_or("–".to_string(), |p| p.one_decimal())
}

/// A gap in hundredths (attendance) or tenths (shares) of a percentage point, signed.
fn gap_text(gap: Option<i64>, per_point: i64) -> String {
    match gap {
        None => "–".to_string(),
        Some(gap) => {
            let sign = if gap < 0 {
                "−"
            } else if gap > 0 {
                "+"
            } else {
                ""
            };
            let tenths = (gap.abs() * 10 + per_point / 2) / per_point;
            format!("{sign}{}.{} pts", tenths / 10, tenths % 10)
        }
    }
}

/// Group trends, year-on-year and hindsight, under the Cohorts page.
#[component]
pub fn GroupTrends() -> impl IntoView {
    let state = use_app_state();
    let chosen = RwSignal::new(Group::Standard(StandardGroup::Disadvantaged));
    let options =
        Memo::new(move |_| {
            let tracking = state.tracking.get();
            let mut options: Vec<(Group, String)> = year_groups(&tracking)
                .into_iter()
                .map(|year| (Group::Year(year), year.label()))
                .collect();
            options.extend(
                StandardGroup::ALL
                    .into_iter()
                    .map(|group| (Group::Standard(group), group.label().to_string())),
            );
            state.work.cohorts().with(|cohorts| {
                options.extend(cohorts.iter().enumerate().map(|(at, cohort)| {
                    (Group::Cohort(at), format!("Saved cohort: {}", cohort.name))
                }));
            });
            options
        });
    let points = Memo::new(move |_| {
        let tracking = state.tracking.get();
        let group = chosen.get();
        state
            .work
            .cohorts()
            .with(|cohorts| group_trend(&tracking, &group, cohorts))
    });
    let label = move || {
        let group = chosen.get();
        options
            .get()
            .into_iter()
            .find(|(option, _)| *option == group)
            .map_or_else(String::new, |(_, label)| label)
    };
    view! {
        <section class="group-trends" aria-labelledby="trends-heading">
            <h2 id="trends-heading">"Group trends"</h2>
            {move || {
                (state.work.drops().with(Vec::len) < 2)
                    .then(|| {
                        view! {
                            <p>
                                "Only one data drop is held. Import each term's spreadsheet to see how groups change through the year."
                            </p>
                        }
                    })
            }}
            <div class="field">
                <label for="trend-group">"Group"</label>
                <select
                    id="trend-group"
                    on:change=move |event| {
                        let value = event_target_value(&event);
                        if let Some((group, _)) = options
                            .get_untracked()
                            .into_iter()
                            .find(|(group, _)| group.value() == value)
                        {
                            chosen.set(group);
                        }
                    }
                >
                    {move || {
                        let now = chosen.get();
                        options
                            .get()
                            .into_iter()
                            .map(|(group, text)| {
                                view! {
                                    <option value=group.value() selected=group == now>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            {move || view! { <TrendTable points=points.get() label=label() /> }}
            <YearOnYear group=chosen />
            <Hindsight />
        </section>
    }
}

/// The chosen group at every drop, beside the rest of the school.
#[component]
fn TrendTable(points: Vec<TrendPoint>, label: String) -> impl IntoView {
    let line = |pick: &dyn Fn(&TrendPoint) -> Option<Percent>| -> Vec<LinePoint> {
        points
            .iter()
            .map(|point| LinePoint {
                label: point.period.to_string(),
                value: pick(point).map(|p| f64::from(p.hundredths()) / 100.0),
            })
            .collect()
    };
    let group_line = line(&|point| point.comparison.a.mean_attendance);
    let rest_line = line(&|point| point.comparison.b.mean_attendance);
    let rows = points
        .iter()
        .rev()
        .map(|point| {
            let (a, gap) = (&point.comparison.a, &point.comparison.gap);
            view! {
                <tr>
                    <th scope="row">{point.period.to_string()}</th>
                    <td class="numeric">{group_thousands(a.pupils)}</td>
                    <td class="numeric">{attendance_text(a.mean_attendance)}</td>
                    <td class="numeric">{gap_text(gap.mean_attendance, 100)}</td>
                    <td class="numeric">{a.persistently_absent.to_string()}</td>
                    <td class="numeric">{gap_text(gap.persistently_absent, 10)}</td>
                    <td class="numeric">{a.suspended.to_string()}</td>
                    <td class="numeric">{gap_text(gap.suspended, 10)}</td>
                    <td class="numeric">{a.low_attainers.to_string()}</td>
                    <td class="numeric">{gap_text(gap.low_attainers, 10)}</td>
                    <td class="numeric">{group_thousands(point.rag.green)}</td>
                    <td class="numeric">{group_thousands(point.rag.amber)}</td>
                    <td class="numeric">{group_thousands(point.rag.red)}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = format!("Group trends: {label}");
    view! {
        <div class="with-chart">
            <div class="table-scroll" tabindex="0" role="region" aria-label="Group trends">
                <table class="data-table">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Data drop"</th>
                            <th scope="col" class="numeric">"Pupils"</th>
                            <th scope="col" class="numeric">"Attendance"</th>
                            <th scope="col" class="numeric">"Gap to the rest"</th>
                            <th scope="col" class="numeric">"Persistent absence"</th>
                            <th scope="col" class="numeric">"Gap to the rest"</th>
                            <th scope="col" class="numeric">"Suspended"</th>
                            <th scope="col" class="numeric">"Gap to the rest"</th>
                            <th scope="col" class="numeric">"Low attainers"</th>
                            <th scope="col" class="numeric">"Gap to the rest"</th>
                            <th scope="col" class="numeric">"Green"</th>
                            <th scope="col" class="numeric">"Amber"</th>
                            <th scope="col" class="numeric">"Red"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <LineChart
                title=format!("Attendance: {label} and the rest")
                description="Mean attendance of the group and of every other pupil at each data drop, as in the table.".to_string()
                series=vec![(label.clone(), group_line), ("The rest".to_string(), rest_line)]
                low=80.0
                high=100.0
            />
        </div>
    }
}

/// One measure's row of a year-on-year table.
fn measure_rows(then: &GroupMeasures, now: &GroupMeasures) -> Vec<(&'static str, String, String)> {
    let share = |s: &Share| s.to_string();
    vec![
        (
            "Pupils",
            group_thousands(then.pupils),
            group_thousands(now.pupils),
        ),
        (
            "Attendance",
            attendance_text(then.mean_attendance),
            attendance_text(now.mean_attendance),
        ),
        (
            "Persistent absence",
            share(&then.persistently_absent),
            share(&now.persistently_absent),
        ),
        ("Suspended", share(&then.suspended), share(&now.suspended)),
        (
            "Low attainers",
            share(&then.low_attainers),
            share(&now.low_attainers),
        ),
    ]
}

/// The shown drop against the same term a year before (the school and the chosen group),
/// and the same children a year on.
#[component]
fn YearOnYear(group: RwSignal<Group>) -> impl IntoView {
    let state = use_app_state();
    move || {
        let tracking = state.tracking.get();
        let shown = state.data_drop.get()?;
        let at = tracking.position_of(&shown)?;
        let now_period = tracking.timeline.periods[at];
        let Some(before) = a_year_before(&tracking.timeline, at) else {
            return Some(
                view! {
                    <h3>"Year-on-year"</h3>
                    <p>
                        {format!(
                            "No data drop is held for {}, so there is nothing to compare {now_period} with yet.",
                            now_period.a_year_before()
                        )}
                    </p>
                }
                .into_any(),
            );
        };
        let then_period = tracking.timeline.periods[before];
        let (then_drop, now_drop) = (&tracking.drops[before].drop, &tracking.drops[at].drop);
        let (then_scores, now_scores) = (&tracking.scores[before], &tracking.scores[at]);
        let everyone = |n: usize| (0..n).collect::<Vec<usize>>();
        let school = measure_rows(
            &measure(
                &then_drop.pupils,
                then_scores,
                &everyone(then_drop.pupils.len()),
            ),
            &measure(
                &now_drop.pupils,
                now_scores,
                &everyone(now_drop.pupils.len()),
            ),
        );
        let points = state
            .work
            .cohorts()
            .with(|cohorts| group_trend(&tracking, &group.get(), cohorts));
        let group_rows = match (points.get(before), points.get(at)) {
            (Some(then), Some(now)) => measure_rows(&then.comparison.a, &now.comparison.a),
            _ => Vec::new(),
        };
        // The same children a year on: last year's pupils of the year group below.
        let same_children = match group.get() {
            Group::Year(YearGroup::Year(n)) if n > 1 => {
                let younger = YearGroup::Year(n - 1);
                let places: Vec<usize> = then_drop
                    .pupils
                    .iter()
                    .enumerate()
                    .filter(|(_, pupil)| pupil.year_group == Some(younger))
                    .map(|(place, _)| place)
                    .collect();
                a_year_on(&tracking.timeline, at, &places).map(|now_places| {
                    (
                        younger,
                        measure_rows(
                            &measure(&then_drop.pupils, then_scores, &places),
                            &measure(&now_drop.pupils, now_scores, &now_places),
                        ),
                    )
                })
            }
            _ => None,
        };
        let table = |caption: String, rows: Vec<(&'static str, String, String)>| {
            view! {
                <table class="data-table">
                    <caption>{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Measure"</th>
                            <th scope="col" class="numeric">{then_period.to_string()}</th>
                            <th scope="col" class="numeric">{now_period.to_string()}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(name, then, now)| {
                                view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td class="numeric">{then}</td>
                                        <td class="numeric">{now}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
        };
        let group_label = match group.get() {
            Group::Year(year) => year.label(),
            Group::Standard(g) => g.label().to_string(),
            Group::Cohort(at) => state
                .work
                .cohorts()
                .with(|cohorts| cohorts.get(at).map(|c| c.name.clone()).unwrap_or_default()),
        };
        Some(
            view! {
                <h3>"Year-on-year"</h3>
                <div class="year-on-year">
                    {table("Year-on-year: whole school".to_string(), school)}
                    {(!group_rows.is_empty())
                        .then(|| table(format!("Year-on-year: {group_label}"), group_rows))}
                    {same_children
                        .map(|(younger, rows)| {
                            table(
                                format!(
                                    "The same pupils a year on: {} in {then_period}, {group_label} now",
                                    younger.label()
                                ),
                                rows,
                            )
                        })}
                </div>
            }
            .into_any(),
        )
    }
}

/// Of the pupils flagged at the first drop, how many were persistently absent, suspended
/// or low-attaining at the latest, against those not flagged.
#[component]
fn Hindsight() -> impl IntoView {
    let state = use_app_state();
    // The drops compared, by place in term order: the first and the latest unless chosen.
    let chosen_earlier = RwSignal::new(None::<usize>);
    let chosen_later = RwSignal::new(None::<usize>);
    move || {
        let tracking = state.tracking.get();
        let count = tracking.drops.len();
        if count < 2 {
            return None;
        }
        let later = chosen_later
            .get()
            .filter(|&at| at < count && at > 0)
            .unwrap_or(count - 1);
        let earlier = chosen_earlier.get().filter(|&at| at < later).unwrap_or(0);
        let periods = tracking.timeline.periods.clone();
        let choose = move |id: &'static str,
                           label: &'static str,
                           chosen: RwSignal<Option<usize>>,
                           now: usize,
                           allowed: Vec<usize>| {
            let periods = periods.clone();
            view! {
                <div class="field">
                    <label for=id>{label}</label>
                    <select
                        id=id
                        on:change=move |event| {
                            chosen.set(event_target_value(&event).parse::<usize>().ok());
                        }
                    >
                        {allowed
                            .into_iter()
                            .map(|at| {
                                view! {
                                    <option value=at.to_string() selected=at == now>
                                        {periods[at].to_string()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
            }
        };
        let pickers = view! {
            <div class="field-row">
                {choose("hindsight-earlier", "Flagged at", chosen_earlier, earlier, (0..later).collect())}
                {choose("hindsight-later", "What happened by", chosen_later, later, (1..count).collect())}
            </div>
        };
        let earlier_label = tracking.timeline.periods[earlier].to_string();
        let later_label = tracking.timeline.periods[later].to_string();
        let matching = match_pupils(
            &tracking.drops[earlier].drop.pupils,
            &tracking.drops[later].drop.pupils,
        );
        let earlier_scores = &tracking.scores[earlier];
        let later_scores = &tracking.scores[later];
        let mut flags: Vec<(String, String, Vec<bool>)> = vec![
            (
                "Amber or red overall".to_string(),
                "amber or red".to_string(),
                earlier_scores.iter().map(|s| s.rag != Rag::Green).collect(),
            ),
            (
                "Red overall".to_string(),
                "red".to_string(),
                earlier_scores.iter().map(|s| s.rag == Rag::Red).collect(),
            ),
        ];
        flags.extend(Factor::ALL.into_iter().map(|factor| {
            (
                format!("{} factor", factor.label()),
                format!("by the {} factor", factor.label().to_lowercase()),
                earlier_scores
                    .iter()
                    .map(|s| s.factor(factor).is_some_and(|f| f.coloured))
                    .collect(),
            )
        }));
        let rows = flags
            .iter()
            .flat_map(|(name, words, flagged)| {
                Outcome::ALL.into_iter().map(|outcome| {
                    let result = hindsight(&matching, flagged, later_scores, outcome);
                    (
                        name.clone(),
                        outcome,
                        result,
                        result.sentence(words, outcome, &earlier_label, &later_label),
                    )
                })
            })
            .collect::<Vec<_>>();
        let headline = rows
            .iter()
            .filter(|(name, ..)| name == "Amber or red overall")
            .map(|(_, _, _, sentence)| view! { <li>{sentence.clone()}</li> })
            .collect_view();
        let body = rows
            .into_iter()
            .map(|(name, outcome, result, sentence)| {
                view! {
                    <tr title=sentence>
                        <th scope="row">{name}</th>
                        <td>{outcome.words()}</td>
                        <td class="numeric">{format!("{} of {}", group_thousands(result.flagged.count), group_thousands(result.flagged.of))}</td>
                        <td class="numeric">{format!("{} of {}", group_thousands(result.not_flagged.count), group_thousands(result.not_flagged.of))}</td>
                        <td class="numeric">{result.precision().to_string()}</td>
                        <td class="numeric">{result.recall().to_string()}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <h3>"How well the indicator predicted"</h3>
            {pickers}
            <p>
                {format!(
                    "Pupils in both {earlier_label} and {later_label}: what happened by {later_label} to those the planner flagged in {earlier_label}, against those it did not. Precision is the share of flagged pupils it happened to; recall is the share of pupils it happened to who had been flagged."
                )}
            </p>
            <ul class="hindsight-headline">{headline}</ul>
            <div class="table-scroll" tabindex="0" role="region" aria-label="How well the indicator predicted">
                <table class="data-table">
                    <caption>"How well the indicator predicted"</caption>
                    <thead>
                        <tr>
                            <th scope="col">{format!("Flagged in {earlier_label}")}</th>
                            <th scope="col">{format!("By {later_label}")}</th>
                            <th scope="col" class="numeric">"Flagged"</th>
                            <th scope="col" class="numeric">"Not flagged"</th>
                            <th scope="col" class="numeric">"Precision"</th>
                            <th scope="col" class="numeric">"Recall"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        })
    }
}
