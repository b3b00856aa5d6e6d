//! A pupil's profile (`#pupil/<key>`, by pupil key): everything known about one pupil, why each marker
//! is coloured, the focus flag and staff notes. Missing values read "Not known".

use crate::core::planner_table::{cell, Cell, Column, RowContext};
use crate::core::privacy::{Shown, ShownUpn, HIDDEN};
use crate::core::pupil::{Pupil, PupilKey};
use crate::core::scoring::{attendance_why, exclusions_why, expected_grade_now, pupil_attendance};
use crate::core::value::format_uk_date;
use crate::ui::app::{use_back_to, Page};
use crate::ui::components::{EmptyState, PupilTargets, UpnText};
use crate::ui::provision::individual_map::IndividualMapSection;
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::state::{pupil_key, use_app_state};
use crate::ui::typed_text::TypedText;
use leptos::prelude::*;

const NOT_KNOWN: &str = "Not known";

fn known<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| NOT_KNOWN.to_string(), |v| v.to_string())
}

fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "Yes".to_string(),
        Some(false) => "No".to_string(),
        None => NOT_KNOWN.to_string(),
    }
}

fn text(value: &Option<String>) -> String {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map_or_else(|| NOT_KNOWN.to_string(), str::to_string)
}

fn marker_view(cell: Cell) -> impl IntoView {
    view! { <span class=format!("marker tone-{}", cell.tone.class())>{cell.text}</span> }
}

/// The pupil profile page.
/// Keeps a pupil's note (an empty one removes it); the autosaver then writes it.
fn commit_note(state: crate::ui::state::AppState, key: &str, value: String) {
    state.work.notes().update(|notes| {
        if value.trim().is_empty() {
            notes.remove(key);
        } else {
            notes.insert(key.to_string(), value);
        }
    });
}

#[component]
pub fn PupilPage(
    /// The pupil's key (UPN, or name and date of birth): the same pupil after a
    /// re-import, whatever row they are on.
    pupil_key: PupilKey,
) -> impl IntoView {
    let state = use_app_state();
    let back = use_back_to();
    let back_href = format!("#{}", back.slug());
    let back_text = match back {
        Page::Shortlist => "Back to the shortlist",
        Page::Cohorts => "Back to cohorts",
        _ => "Back to all pupils",
    };
    let heading = NodeRef::<leptos::html::H1>::new();
    // Opening a profile moves focus to its heading, so keyboard and screen-reader users
    // start at the top of the new page.
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            let _ = h1.focus();
        }
    });
    let wanted = pupil_key;
    // Where the pupil is in the current drop: found by key, so a re-import in another
    // order still opens the same pupil.
    let found = Memo::new(move |_| {
        state.data_drop.with(|drop| {
            drop.as_ref().and_then(|d| {
                d.pupils
                    .iter()
                    .position(|p| PupilKey::of(p) == wanted)
                    .map(|index| (index, d.pupils[index].clone()))
            })
        })
    });
    let pupil = move || found.get().map(|(_, pupil)| pupil);
    let name = move || {
        let shown = state.shown();
        pupil().map_or_else(|| "Pupil not found".to_string(), |p| shown.name(&p))
    };
    view! {
        <p class="back-link">
            <a href=back_href>{back_text}</a>
        </p>
        <h1 tabindex="-1" node_ref=heading>{name}</h1>
        {move || match found.get() {
            None => {
                view! {
                    <EmptyState
                        message="This pupil is not in the pupils imported now (they may have left, or their UPN changed). Go back to the list and choose the pupil again."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
                    .into_any()
            }
            Some((index, pupil)) => {
                view! { <Profile pupil=pupil index=index shown=state.shown() /> }.into_any()
            }
        }}
    }
}

/// Everything known about one pupil, as `shown` allows: in privacy display mode the
/// details that could name a child are hidden in words (`core::privacy`), and the markers
/// still show.
#[component]
fn Profile(pupil: Pupil, index: usize, shown: Shown) -> impl IntoView {
    let state = use_app_state();
    let key = pupil_key(&pupil);
    let score = move || state.scored.with(|s| s.scores.get(index).cloned());
    let focus_key = key.clone();
    let in_focus = Memo::new(move |_| state.work.focus().with(|f| f.contains(&focus_key)));
    let toggle_key = key.clone();
    let notes_key = key.clone();
    // Kept as typed, after a pause (`ui::typed_text`).
    let typed_note = TypedText::new(state, move |text| commit_note(state, &notes_key, text));
    // The Add provision form with this pupil chosen: the selection path, with this pupil
    // alone selected (it replaces whatever was ticked in the grids).
    let add_provision = {
        let key = key.clone();
        move |_| {
            state.selected.set(std::iter::once(key.clone()).collect());
            crate::web::location::set_hash(crate::ui::app::ADD_PROVISION);
        }
    };
    let map_key = key.clone();
    let note_key = key;
    let map_name = shown.name(&pupil);
    let targets_key = map_key.clone();
    let targets_name = map_name.clone();
    let upn = shown.upn(&pupil).unwrap_or_else(|| ShownUpn {
        text: NOT_KNOWN.to_string(),
        spoken: None,
    });
    let map_upn = upn.clone();
    let note = typed_note.shown(move || {
        state
            .work
            .notes()
            .with(|n| n.get(&note_key).cloned().unwrap_or_default())
    });
    let hidden = |detail: Option<String>| known(shown.sensitive(detail));

    let details: Vec<(&str, String)> = vec![
        ("Name", shown.legal_name(&pupil)),
        (
            "Preferred name",
            if shown.is_private() {
                HIDDEN.to_string()
            } else {
                text(&pupil.preferred_name)
            },
        ),
        ("Date of birth", known(shown.date_of_birth(&pupil))),
        ("Gender", known(pupil.gender.map(|g| g.label()))),
        ("Year group", known(pupil.year_group.map(|y| y.label()))),
        ("Class", known(shown.class(&pupil))),
        (
            "SEN status",
            hidden(
                pupil
                    .sen_status
                    .map(|s| format!("{} ({})", s.label(), s.code())),
            ),
        ),
        (
            "Primary need",
            hidden(
                pupil
                    .primary_need
                    .map(|n| format!("{} – {}", n.code(), n.label())),
            ),
        ),
        (
            "Looked after (CLA)",
            hidden(pupil.looked_after.map(|lac| yes_no(Some(lac)))),
        ),
        ("EAL", yes_no(pupil.eal)),
        (
            "English proficiency",
            known(
                pupil
                    .eal_proficiency
                    .map(|p| format!("{} – {}", p.letter(), p.label())),
            ),
        ),
        (
            "First language",
            hidden(
                pupil
                    .first_language
                    .as_deref()
                    .map(str::trim)
                    .filter(|language| !language.is_empty())
                    .map(str::to_string),
            ),
        ),
        (
            "Arrived in England",
            hidden(pupil.arrival_date.map(format_uk_date)),
        ),
        ("New arrival", yes_no(pupil.new_arrival)),
        (
            "Joined this school",
            hidden(pupil.entry_date.map(format_uk_date)),
        ),
        ("School moves", known(pupil.school_moves)),
        (
            "Free school meals",
            hidden(pupil.fsm.map(|fsm| yes_no(Some(fsm)))),
        ),
        (
            "Pupil premium",
            hidden(pupil.pupil_premium.map(|pp| yes_no(Some(pp)))),
        ),
        ("IDACI score", known(pupil.idaci_score)),
        ("IDACI band", known(pupil.idaci_band.map(|b| b.letter()))),
        ("IDACI decile", known(pupil.idaci_decile.map(|d| d.get()))),
        ("Attendance", known(pupil_attendance(&pupil))),
        ("Sessions possible", known(pupil.sessions_possible)),
        ("Sessions attended", known(pupil.sessions_attended)),
        ("Suspensions this year", known(pupil.suspensions)),
        ("Sessions of suspension", known(pupil.suspension_sessions)),
        ("Permanently excluded", yes_no(pupil.permanent_exclusion)),
    ];
    let upn_class = if upn.text == NOT_KNOWN {
        "unknown-value"
    } else {
        ""
    };
    let upn_row = view! {
        <div class="summary-list__row">
            <dt>"UPN"</dt>
            <dd class=upn_class>
                <UpnText upn=upn />
            </dd>
        </div>
    };
    let details = details
        .into_iter()
        .map(|(term, value)| {
            let class = if value == NOT_KNOWN {
                "unknown-value"
            } else {
                ""
            };
            view! {
                <div class="summary-list__row">
                    <dt>{term}</dt>
                    <dd class=class>{value}</dd>
                </div>
            }
        })
        .collect_view();

    let scored_pupil = pupil.clone();
    let scoring = move || {
        let score = score()?;
        let profile = state.work.profile().get();
        let pupil = &scored_pupil;
        let factor_rows = score
            .factors
            .iter()
            .map(|f| {
                let cell = cell(
                    Column::Factor(f.factor),
                    pupil,
                    &score,
                    &RowContext::default(),
                );
                let marker = if !f.known {
                    "Unknown (scores 0)"
                } else if f.coloured {
                    "Coloured"
                } else {
                    "Not coloured"
                };
                view! {
                    <tr>
                        <th scope="row">{f.factor.label()}</th>
                        <td>{marker_view(cell)} " " <span>{marker}</span></td>
                        <td class="num">{f.points.exact()}</td>
                        <td>{shown.factor_why(f)}</td>
                    </tr>
                }
            })
            .collect_view();
        let subjects = pupil
            .attainment
            .iter()
            .zip(score.attainment.subjects.iter())
            .map(|(subject, level)| {
                let expected_now = subject
                    .target
                    .as_deref()
                    .and_then(|t| expected_grade_now(t, pupil.year_group, &profile))
                    .unwrap_or_else(|| "—".to_string());
                view! {
                    <tr>
                        <th scope="row">{subject.subject.clone()}</th>
                        <td>{text(&subject.current)}</td>
                        <td>{text(&subject.target)}</td>
                        <td>{expected_now}</td>
                        <td>{text(&subject.prior)}</td>
                        <td>
                            {match (level.from_prior, level.counted) {
                                (true, false) => format!("{} (prior; not counted while current grades are known)", level.level.label()),
                                (true, true) => format!("{} (from prior attainment)", level.level.label()),
                                _ => level.level.label().to_string(),
                            }}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let has_subjects = !pupil.attainment.is_empty();
        let focus = in_focus.get();
        Some(view! {
            <h2>"Overall indicator"</h2>
            <p class="overall-line">
                {marker_view(cell(Column::Overall, pupil, &score, &RowContext::default()))}
                " "
                <span class="explanation">{shown.explanation(&score)}</span>
            </p>
            <p class="hint">
                "Each factor adds points; the total is the overall indicator (green below "
                {profile.rag.amber_from.exact()} ", amber from " {profile.rag.amber_from.exact()}
                ", red from " {profile.rag.red_from.exact()}
                "). Unknown values score 0 and are shown as unknown, never as no."
            </p>
            <h2>"Resilience factors"</h2>
            <table class="data-table">
                <caption class="visually-hidden">"Resilience factors and why each marker is coloured"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Factor"</th>
                        <th scope="col">"Marker"</th>
                        <th scope="col" class="num">"Points"</th>
                        <th scope="col">"Why"</th>
                    </tr>
                </thead>
                <tbody>{factor_rows}</tbody>
            </table>
            <h2>"Markers"</h2>
            <table class="data-table">
                <caption class="visually-hidden">"Attendance, exclusions and attainment markers"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Marker"</th>
                        <th scope="col">"Level"</th>
                        <th scope="col">"Why"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">"Attendance"</th>
                        <td>{marker_view(cell(Column::Attendance, pupil, &score, &RowContext::default()))}</td>
                        <td>{attendance_why(pupil, &profile)}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Exclusions"</th>
                        <td>{marker_view(cell(Column::Exclusions, pupil, &score, &RowContext::default()))}</td>
                        <td>{exclusions_why(pupil, &profile)}</td>
                    </tr>
                    <tr>
                        <th scope="row">"Attainment"</th>
                        <td>{marker_view(cell(Column::Attainment, pupil, &score, &RowContext { focus, ..RowContext::default() }))}</td>
                        <td>
                            {if has_subjects {
                                "Low when any subject is low; high when every subject is high. Grades are compared with the grade expected now on the way to the target."
                            } else {
                                "No attainment recorded"
                            }}
                        </td>
                    </tr>
                </tbody>
            </table>
            {has_subjects
                .then(|| {
                    view! {
                        <h2>"Attainment by subject"</h2>
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">"Subject"</th>
                                    <th scope="col">"Current"</th>
                                    <th scope="col">"Target"</th>
                                    <th scope="col">"Expected now"</th>
                                    <th scope="col">"Prior"</th>
                                    <th scope="col">"Level"</th>
                                </tr>
                            </thead>
                            <tbody>{subjects}</tbody>
                        </table>
                    }
                })}
        })
    };

    // The file's other columns may hold anything (addresses, parents' names): none of
    // them in privacy display mode.
    let extra = pupil.extra.clone();
    let extra_view = (!extra.is_empty()).then(|| {
        if shown.is_private() {
            return view! {
                <h2>"Other columns in the spreadsheet"</h2>
                <p>{format!("{HIDDEN} in privacy display mode.")}</p>
            }
            .into_any();
        }
        let rows = extra
            .into_iter()
            .map(|(heading, value)| {
                view! {
                    <div class="summary-list__row">
                        <dt>{heading}</dt>
                        <dd>{value}</dd>
                    </div>
                }
            })
            .collect_view();
        view! {
            <h2>"Other columns in the spreadsheet"</h2>
            <dl class="summary-list">{rows}</dl>
        }
        .into_any()
    });

    view! {
        <div class="profile-actions">
            <div class="checkbox">
                <input
                    type="checkbox"
                    id="pupil-focus"
                    prop:checked=move || in_focus.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let key = toggle_key.clone();
                        state
                            .work
                            .focus()
                            .update(|focus| {
                                if on {
                                    focus.insert(key);
                                } else {
                                    focus.remove(&key);
                                }
                            });
                    }
                />
                <label for="pupil-focus">"Focus: flag this pupil for attention"</label>
            </div>
            <button type="button" class="button button--secondary" on:click=add_provision>
                "Add provision for this pupil"
            </button>
        </div>
        {scoring}
        <crate::ui::components::over_time::OverTime pupil_key=PupilKey::of(&pupil) />
        <h2>"What we know"</h2>
        <dl class="summary-list">{upn_row}{details}</dl>
        {extra_view}
        <PupilTargets key=targets_key name=targets_name />
        <IndividualMapSection key=map_key name=map_name upn=map_upn />
        <crate::ui::components::gap_analysis::NeedAuditForm key=pupil_key(&pupil) />
        <h2>"Notes"</h2>
        <div class="field">
            <label for="pupil-notes">"Notes about this pupil"</label>
            <p class="hint" id="pupil-notes-hint">
                "For staff: pupil voice, parent or carer views, needs and strategies. Kept on this computer only."
            </p>
            <textarea
                id="pupil-notes"
                class="notes"
                rows="6"
                aria-describedby="pupil-notes-hint"
                prop:value=note
                on:input=move |ev| typed_note.input(event_target_value(&ev))
                on:change=move |ev| typed_note.change(event_target_value(&ev))
            ></textarea>
        </div>
    }
}
