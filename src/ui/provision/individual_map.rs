//! The individual provision map on a pupil's profile (SPEC §7, Waltham Forest): assessed
//! needs, quality-first strategies, targeted provision with expected outcomes and its cost
//! over the academic year, APDR reviews (with the pupil's and parents' views at each;
//! added, edited and deleted in `reviews`), the pupil's and parent or carer's views, and
//! the pupil's curricular targets for the year (`components::pupil_targets::MapTargets`) —
//! one record per pupil per academic year, kept as the pupil's provision history. The map
//! is a read-only section that prints on its own (`style/print.css`); the form that edits
//! it sits below and never prints.

use crate::core::drop::AcademicYear;
use crate::core::privacy::ShownUpn;
use crate::core::provision::map::{individual_map, AssessedNeed};
use crate::core::provision::{IndividualMap, IndividualRecord, ProvisionId};
use crate::core::value::format_uk_date;
use crate::ui::components::{MapTargets, PrintHeader, UpnText, YearSelect};
use crate::ui::provision::working_year;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::typed_text::TypedText;
use leptos::prelude::*;

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

fn needs_text(needs: &[AssessedNeed]) -> String {
    needs
        .iter()
        .map(|need| {
            if need.access_impact.trim().is_empty() {
                need.need.clone()
            } else {
                format!("{}: {}", need.need, need.access_impact)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_needs(text: &str) -> Vec<AssessedNeed> {
    lines(text)
        .into_iter()
        .map(|line| match line.split_once(':') {
            Some((need, impact)) => AssessedNeed {
                need: need.trim().to_string(),
                area: None,
                access_impact: impact.trim().to_string(),
            },
            None => AssessedNeed {
                need: line,
                area: None,
                access_impact: String::new(),
            },
        })
        .collect()
}

/// The individual provision map section of a pupil's profile.
#[component]
pub fn IndividualMapSection(
    /// The pupil key (UPN) the map is kept under.
    key: String,
    /// The pupil's name as shown (initials in privacy display mode).
    name: String,
    /// The UPN as shown (masked in privacy display mode).
    upn: ShownUpn,
) -> impl IntoView {
    let state = use_app_state();
    let working = working_year(&state);
    let year = RwSignal::new(working.start_year);
    let key = StoredValue::new(key);
    let map = Memo::new(move |_| {
        let year = AcademicYear {
            start_year: year.get(),
        };
        key.with_value(|key| {
            state
                .work
                .provision()
                .with(|book| individual_map(book, key, year))
        })
    });
    let years = Memo::new(move |_| {
        key.with_value(|key| {
            state.work.provision().with(|book| {
                let mut years: Vec<i32> = book
                    .history_years(key)
                    .into_iter()
                    .map(|y| y.start_year)
                    .collect();
                years.push(working.start_year);
                years.sort_unstable();
                years.dedup();
                years
            })
        })
    });
    // Edits one field of this pupil's record for the chosen year.
    let edit = move |change: &dyn Fn(&mut IndividualRecord)| {
        let year = AcademicYear {
            start_year: year.get_untracked(),
        };
        key.with_value(|key| {
            state
                .work
                .provision()
                .update(|book| change(book.individual_record_mut(key, year)));
        });
    };
    // A text field of the map, saved as it is typed (`ui::typed_text`).
    let area = move |id: &'static str,
                     label: &'static str,
                     hint: &'static str,
                     read: fn(&IndividualRecord) -> String,
                     write: fn(&mut IndividualRecord, &str)| {
        let hint_id = format!("{id}-hint");
        let typed = TypedText::new(state, move |text| edit(&|record| write(record, &text)));
        let value = typed.shown(move || {
            let year = AcademicYear {
                start_year: year.get(),
            };
            key.with_value(|key| {
                state.work.provision().with(|book| {
                    book.individual_record(key, year)
                        .map(read)
                        .unwrap_or_default()
                })
            })
        });
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <p class="hint" id=hint_id.clone()>{hint}</p>
                <textarea
                    id=id
                    class="notes"
                    rows="3"
                    aria-describedby=hint_id
                    prop:value=move || value.get()
                    on:input=move |ev| typed.input(event_target_value(&ev))
                    on:change=move |ev| typed.change(event_target_value(&ev))
                ></textarea>
            </div>
        }
    };
    // The targeted provision this year, by id and name: a field per line, kept while
    // its text is edited (so typing never rebuilds the field under the cursor).
    let targeted = Memo::new(move |_| {
        map.with(|map| {
            map.targeted
                .iter()
                .map(|line| (line.provision, line.intervention.clone()))
                .collect::<Vec<_>>()
        })
    });
    let outcome = move |(provision, intervention): (ProvisionId, String)| {
        let id = format!("map-outcome-{}", provision.0);
        let typed = TypedText::new(state, move |text| {
            edit(&|record| record.set_outcome(provision, text.trim()))
        });
        let value = typed.shown(move || {
            map.with(|map| {
                map.targeted
                    .iter()
                    .find(|line| line.provision == provision)
                    .map(|line| line.expected_outcome.clone())
                    .unwrap_or_default()
            })
        });
        view! {
            <div class="field">
                <label for=id.clone()>{format!("Expected outcome for {intervention}")}</label>
                <input
                    id=id
                    type="text"
                    class="text-input text-input--wide"
                    prop:value=move || value.get()
                    on:input=move |ev| typed.input(event_target_value(&ev))
                    on:change=move |ev| typed.change(event_target_value(&ev))
                />
            </div>
        }
    };

    view! {
        <section class="individual-map" aria-labelledby="individual-map-heading">
            <PrintHeader
                title="Individual provision map"
                year=Signal::derive(move || AcademicYear { start_year: year.get() })
            />
            <h2 id="individual-map-heading">"Individual provision map"</h2>
            {move || printable(&map.get(), &name, &upn)}
            <MapTargets
                key=key.get_value()
                year=Signal::derive(move || AcademicYear { start_year: year.get() })
            />
        </section>
        <div class="no-print individual-map-tools">
            <YearSelect
                id="individual-map-year"
                label="Academic year of the map"
                choices=years
                year=year
            />
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    let _ = window().print();
                }
            >
                "Print individual provision map"
            </button>
            <h3>"Edit the individual provision map"</h3>
            {area(
                "map-needs",
                "Assessed needs",
                "One need a line. After a colon, say where, when and how it affects access to the curriculum.",
                |r| needs_text(&r.assessed_needs),
                |r, text| r.assessed_needs = parse_needs(text),
            )}
            {area(
                "map-quality-first",
                "Quality-first strategies",
                "One strategy a line: what every teacher does in class for this pupil.",
                |r| r.quality_first.join("\n"),
                |r, text| r.quality_first = lines(text),
            )}
            <For each=move || targeted.get() key=|line| line.clone() children=outcome />
            {area(
                "map-pupil-views",
                "Pupil's views",
                "What the pupil says about their support, in their words.",
                |r| r.pupil_views.clone(),
                |r, text| r.pupil_views = text.trim().to_string(),
            )}
            {area(
                "map-parent-views",
                "Parent or carer's views",
                "What the parents or carers say.",
                |r| r.parent_views.clone(),
                |r, text| r.parent_views = text.trim().to_string(),
            )}
            <super::reviews::ReviewsEditor key=key year=year />
        </div>
    }
}

/// The map as it reads and prints.
fn printable(map: &IndividualMap, name: &str, upn: &ShownUpn) -> impl IntoView {
    let or_none = |items: Vec<String>| {
        if items.is_empty() {
            view! { <p>"None recorded."</p> }.into_any()
        } else {
            view! {
                <ul>{items.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}</ul>
            }
            .into_any()
        }
    };
    let needs = or_none(
        map.assessed_needs
            .iter()
            .map(|need| {
                if need.access_impact.is_empty() {
                    need.need.clone()
                } else {
                    format!("{} — {}", need.need, need.access_impact)
                }
            })
            .collect(),
    );
    let quality_first = or_none(map.quality_first.clone());
    let targeted = if map.targeted.is_empty() {
        view! { <p>"No targeted provision this year."</p> }.into_any()
    } else {
        let rows = map
            .targeted
            .iter()
            .map(|line| {
                view! {
                    <tr>
                        <th scope="row">{line.intervention.clone()}</th>
                        <td>{format!("{} · {}", line.wave, line.need_area.label())}</td>
                        <td>{line.marker.label()}</td>
                        <td>
                            {format!(
                                "{} to {}",
                                format_uk_date(line.start),
                                format_uk_date(line.end),
                            )}
                        </td>
                        <td>
                            {format!(
                                "{} a week, {} minutes, group of {}",
                                line.sessions_per_week,
                                line.minutes_per_session,
                                line.group_size,
                            )}
                        </td>
                        <td>{line.expected_outcome.clone()}</td>
                        <td class="tabular">{line.cost.to_string()}</td>
                    </tr>
                }
            })
            .collect_view();
        let against = if map.over_threshold() {
            format!("⚠ Over the {} threshold", map.threshold)
        } else {
            format!("Within the {} threshold", map.threshold)
        };
        view! {
            <table class="report-table" aria-label="Targeted provision">
                <thead>
                    <tr>
                        <th scope="col">"Provision"</th>
                        <th scope="col">"Wave and area"</th>
                        <th scope="col">"Marker"</th>
                        <th scope="col">"Dates"</th>
                        <th scope="col">"How often"</th>
                        <th scope="col">"Expected outcome"</th>
                        <th scope="col" class="tabular">"Cost this year"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="6">{format!("Total ({against})")}</th>
                        <td class="tabular">{map.total.to_string()}</td>
                    </tr>
                </tfoot>
            </table>
        }
        .into_any()
    };
    let reviews = if map.reviews.is_empty() {
        view! { <p>"No reviews recorded yet."</p> }.into_any()
    } else {
        let rows = map
            .reviews
            .iter()
            .map(|review| {
                view! {
                    <tr>
                        <th scope="row">{format_uk_date(review.date)}</th>
                        <td>{review.summary.clone()}</td>
                        <td>{review.next_steps.clone()}</td>
                        <td>{review.next_review.map(format_uk_date).unwrap_or_default()}</td>
                        <td>{review.pupil_views.clone()}</td>
                        <td>{review.parent_views.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="report-table" aria-label="Reviews">
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"What was found"</th>
                        <th scope="col">"Next steps"</th>
                        <th scope="col">"Next review"</th>
                        <th scope="col">"Pupil's views"</th>
                        <th scope="col">"Parents' views"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let views = |text: &str| {
        if text.trim().is_empty() {
            "Not recorded.".to_string()
        } else {
            text.to_string()
        }
    };
    view! {
        <p class="individual-map__who">
            <strong>{name.to_string()}</strong>
            // A masked UPN is read "UPN ending 8919" on its own.
            <span aria-hidden=upn.spoken.is_some().then_some("true")>" · UPN "</span>
            <UpnText upn=upn.clone() />
            {format!(" · Academic year {}", map.academic_year)}
        </p>
        <h3>"Assessed needs"</h3>
        {needs}
        <h3>"Quality-first strategies"</h3>
        {quality_first}
        <h3>"Targeted provision"</h3>
        {targeted}
        <h3>"Reviews (assess, plan, do, review)"</h3>
        {reviews}
        <h3>"Pupil's views"</h3>
        <p class="individual-map__views">{views(&map.pupil_views)}</p>
        <h3>"Parent or carer's views"</h3>
        <p class="individual-map__views">{views(&map.parent_views)}</p>
    }
}
