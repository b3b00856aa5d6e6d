//! Provision (SPEC §7, §11): the whole-school provision map (Ealing) for an academic
//! year, the intervention bank (Tameside's four lists: add, rename, archive, sort), adding
//! provision for one pupil, a saved cohort or the shortlist, the provision recorded and
//! the concurrency warnings. Everything edited is the one `ProvisionBook` in
//! `AppState::provision`, which the workspace saves.

use crate::core::drop::AcademicYear;
use crate::core::privacy::{Shown, ShownUpn};
use crate::core::provision::costs::cost_line;
use crate::core::provision::gaps::concurrency_warnings;
use crate::core::provision::map::whole_school_map;
use crate::core::provision::{
    Category, DraftField, DraftPupils, InterventionId, Marker, Period, Priority, ProvisionBook,
    ProvisionDraft, ProvisionId, ProvisionStatus, SchoolPupil, StaffRoleId,
};
use crate::core::value::{format_uk_date, Money};
use crate::ui::components::{
    EmptyState, EnumSelect, ErrorSummary, ExportButtons, FieldError, PrintHeader, YearSelect,
};
use crate::ui::state::{pupil_key, use_app_state, AppState};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Every pupil of the current drop as provision mapping sees them (key, year, class).
pub(crate) fn school_pupils(state: &AppState) -> Arc<Vec<SchoolPupil>> {
    state.drop.with(|drop| {
        Arc::new(drop.as_ref().map_or_else(Vec::new, |drop| {
            drop.pupils
                .iter()
                .map(|pupil| SchoolPupil::from_pupil(pupil_key(pupil), pupil))
                .collect()
        }))
    })
}

/// How the provision views name pupils, by pupil key, as privacy display mode allows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PupilNames {
    /// In full, or in privacy display mode.
    shown: Shown,
    /// Pupil key → the name to show (initials in privacy display mode).
    names: HashMap<String, String>,
}

impl PupilNames {
    /// The UPN to show for a pupil key (the key is the UPN when the pupil has one):
    /// masked in privacy display mode.
    pub fn upn(&self, key: &str) -> ShownUpn {
        self.shown.upn_text(key)
    }
}

/// Pupil key → the name to show: initials in privacy display mode (`core::privacy`).
pub(crate) fn pupil_names(state: &AppState) -> Arc<PupilNames> {
    let shown = state.shown();
    state.drop.with(|drop| {
        Arc::new(PupilNames {
            shown,
            names: drop.as_ref().map_or_else(HashMap::new, |drop| {
                drop.pupils
                    .iter()
                    .map(|pupil| (pupil_key(pupil), shown.name(pupil)))
                    .collect()
            }),
        })
    })
}

/// The name for a pupil key; for a pupil not in the current drop, the key itself (masked
/// in privacy display mode, since it is the UPN or holds the name and date of birth).
pub(crate) fn name_for(names: &PupilNames, key: &str) -> String {
    names
        .names
        .get(key)
        .cloned()
        .unwrap_or_else(|| names.shown.unknown_pupil(key))
}

/// The academic year the planner is working in: the current drop's, else today's.
pub(crate) fn working_year(state: &AppState) -> AcademicYear {
    state.drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(
            || AcademicYear::containing(crate::web::clock::today()),
            |drop| drop.academic_year,
        )
    })
}

/// Academic years (by start year) worth offering: the working year, the one before and
/// after, and every year a provision runs in.
pub(crate) fn year_choices(book: &ProvisionBook, working: AcademicYear) -> Vec<i32> {
    let mut years: Vec<i32> = vec![
        working.start_year - 1,
        working.start_year,
        working.start_year + 1,
    ];
    for provision in &book.provisions {
        if provision.delivery_days() > 0 {
            let first = AcademicYear::containing(provision.start).start_year;
            let last = AcademicYear::containing(provision.end).start_year;
            years.extend(first..=last.min(first + 10));
        }
    }
    years.sort_unstable();
    years.dedup();
    years
}

/// "Year 7", or "Year not known" for the column of pupils without a year group.
pub(crate) fn year_label(year: Option<crate::core::value::YearGroup>) -> String {
    year.map_or_else(|| "Year not known".to_string(), |y| y.label())
}

/// The Provision page.
#[component]
pub fn ProvisionPage() -> impl IntoView {
    let state = use_app_state();
    let has_pupils = Memo::new(move |_| state.pupil_count() > 0);
    view! {
        <h1>"Provision"</h1>
        {move || {
            if has_pupils.get() {
                view! {
                    <ExportButtons />
                    <ProvisionView />
                }
                    .into_any()
            } else {
                view! {
                    <EmptyState
                        message="The provision map shows the support your school gives, to whom and at what cost. Import your pupil spreadsheet first, then add interventions."
                        action="Import a pupil spreadsheet"
                        href="#import"
                    />
                }
                    .into_any()
            }
        }}
    }
}

#[component]
fn ProvisionView() -> impl IntoView {
    let state = use_app_state();
    let working = working_year(&state);
    let year = RwSignal::new(working.start_year);
    let pupils = Memo::new(move |_| school_pupils(&state));
    let names = Memo::new(move |_| pupil_names(&state));
    let map = Memo::new(move |_| {
        let period = Period::academic(AcademicYear {
            start_year: year.get(),
        });
        let names = names.get();
        let pupils = pupils.get();
        state
            .provision
            .with(|book| whole_school_map(book, &pupils, Some(period), |key| name_for(&names, key)))
    });
    let choices = Memo::new(move |_| state.provision.with(|book| year_choices(book, working)));

    let shown_year = Signal::derive(move || AcademicYear {
        start_year: year.get(),
    });
    view! {
        <PrintHeader title="Whole-school provision map" year=shown_year />
        <p class="lede">
            "What additional and different provision the school makes, for whom, and what it costs. Add interventions to the bank, assign them to pupils, and read the map by area, wave and year group."
        </p>
        <YearSelect id="provision-year" label="Academic year" choices=choices year=year />
        <ConcurrencyWarnings names=names />
        <h2 id="whole-school-map-heading">"Whole-school provision map"</h2>
        <p class="hint">
            "Rows are the area of need and wave; columns are year groups. Each cell lists the provision, the pupils in it and the cost of their places this year. Quality-first (wave 1) teaching is listed but never costed."
        </p>
        {move || map_table(&map.get())}
        <crate::ui::components::gap_analysis::GapAnalysisSection year=year pupils=pupils names=names />
        <AddProvision year=year names=names />
        <ProvisionList names=names />
        <BankEditor />
    }
}

/// The whole-school map as a table: one column header per year group (SPEC §11).
fn map_table(map: &crate::core::provision::ProvisionMap) -> impl IntoView {
    let headers = map
        .columns
        .iter()
        .map(|column| view! { <th scope="col">{year_label(*column)}</th> })
        .collect_view();
    let width = map.columns.len() + 2;
    let rows: Vec<_> = map.rows.iter().filter(|row| !row.is_empty()).collect();
    let body = if rows.is_empty() {
        view! {
            <tr>
                <td colspan=width.to_string()>
                    "No provision in this academic year yet: add some below."
                </td>
            </tr>
        }
        .into_any()
    } else {
        rows.into_iter()
            .map(|row| {
                let label = row.label();
                let label = {
                    let mut chars = label.chars();
                    chars
                        .next()
                        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                        .unwrap_or_default()
                };
                let unassigned = (!row.unassigned.is_empty()).then(|| {
                    let list = row
                        .unassigned
                        .iter()
                        .map(|entry| {
                            view! {
                                <li>
                                    {entry.intervention.clone()} " (no pupils yet, "
                                    {entry.cost.to_string()} ")"
                                </li>
                            }
                        })
                        .collect_view();
                    view! { <ul class="map-unassigned">{list}</ul> }
                });
                let cells = row
                    .cells
                    .iter()
                    .map(|cell| {
                        let entries = cell
                            .iter()
                            .map(|entry| {
                                view! {
                                    <li class="map-entry">
                                        <strong>{entry.intervention.clone()}</strong>
                                        " ("
                                        {entry.priority.label()}
                                        ", "
                                        {entry.status.label().to_lowercase()}
                                        ")"
                                        <span class="map-entry__pupils">
                                            {entry.pupils.join(", ")}
                                        </span>
                                        <span class="map-entry__cost tabular">
                                            {entry.cost.to_string()}
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view();
                        view! {
                            <td>
                                <ul class="map-cell">{entries}</ul>
                            </td>
                        }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{label} {unassigned}</th>
                        {cells}
                        <td class="tabular">{row.total.to_string()}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let column_totals = map
        .column_totals
        .iter()
        .map(|total| view! { <td class="tabular">{total.to_string()}</td> })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Whole-school provision map, scrollable">
            <table class="report-table provision-map" aria-labelledby="whole-school-map-heading">
                <thead>
                    <tr>
                        <th scope="col">"Area and wave"</th>
                        {headers}
                        <th scope="col">"Total"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Total"</th>
                        {column_totals}
                        <td class="tabular">{map.total.to_string()}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// Pupils with more interventions running at once than the school's limit.
#[component]
fn ConcurrencyWarnings(names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    let warnings = Memo::new(move |_| {
        let names = names.get();
        state.provision.with(|book| {
            concurrency_warnings(book)
                .into_iter()
                .map(|warning| {
                    let provisions: Vec<String> = warning
                        .provisions
                        .iter()
                        .filter_map(|id| book.provision(*id))
                        .filter_map(|p| book.bank.get(p.intervention))
                        .map(|i| i.name.clone())
                        .collect();
                    format!(
                        "{} has {} interventions at once from {} to {} (the limit is {}): {}.",
                        name_for(&names, &warning.pupil),
                        warning.provisions.len(),
                        format_uk_date(warning.from),
                        format_uk_date(warning.to),
                        warning.limit,
                        provisions.join(", ")
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div role="status" class="warning-list">
            {move || {
                let list = warnings.get();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <h2>"⚠ Too many interventions at once"</h2>
                            <ul>
                                {list.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                            </ul>
                        }
                    })
            }}
        </div>
    }
}

/// Who a new provision is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Pupil,
    Cohort,
    Shortlist,
}

/// The pupil keys a typed UPN or name matches.
fn find_pupils(state: &AppState, text: &str) -> Vec<String> {
    let wanted = text.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    state.drop.with_untracked(|drop| {
        let Some(drop) = drop else {
            return Vec::new();
        };
        let by_upn: Vec<String> = drop
            .pupils
            .iter()
            .filter(|p| {
                p.upn
                    .as_ref()
                    .is_some_and(|u| u.as_str().to_lowercase() == wanted)
            })
            .map(pupil_key)
            .collect();
        if !by_upn.is_empty() {
            return by_upn;
        }
        drop.pupils
            .iter()
            .filter(|p| {
                p.display_name().to_lowercase() == wanted
                    || format!("{} {}", p.forename, p.surname)
                        .trim()
                        .to_lowercase()
                        == wanted
            })
            .map(pupil_key)
            .collect()
    })
}

/// Up to 12 pupils whose name or UPN contains `text` (two characters or more), as
/// (value to fill in, label): the UPN and "Name, Year 7", for the one-pupil box's
/// suggestions. None in privacy display mode, which shows no names or UPNs.
fn suggestions(state: &AppState, text: &str) -> Vec<(String, String)> {
    if text.trim().chars().count() < 2 || state.privacy_mode.get_untracked() {
        return Vec::new();
    }
    state.drop.with_untracked(|drop| {
        let Some(drop) = drop else {
            return Vec::new();
        };
        drop.pupils
            .iter()
            .filter(|p| crate::core::planner_table::search_matches(p, text))
            .take(12)
            .map(|p| {
                let value = p
                    .upn
                    .as_ref()
                    .map_or_else(|| p.display_name(), |u| u.as_str().to_string());
                let year = p
                    .year_group
                    .map(|y| format!(", {}", y.label()))
                    .unwrap_or_default();
                (value, format!("{}{year}", p.display_name()))
            })
            .collect()
    })
}

/// `yyyy-mm-dd` for a date input.
fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The pupil keys of saved cohort `index`'s members now, or `None` when there is no such
/// cohort. A provision records the members, not the filter.
fn cohort_members(state: &AppState, index: usize) -> Option<Vec<String>> {
    let chosen = state.cohorts.with_untracked(|c| c.get(index).cloned())?;
    let scored = state.scored.get_untracked();
    let focus_keys = state.focus.get_untracked();
    Some(state.drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(Vec::new, |drop| {
            let focus: Vec<bool> = drop
                .pupils
                .iter()
                .map(|p| focus_keys.contains(&pupil_key(p)))
                .collect();
            chosen
                .members(&drop.pupils, &scored.scores, &focus)
                .into_iter()
                .filter_map(|i| drop.pupils.get(i).map(pupil_key))
                .collect()
        })
    }))
}

/// The pupil keys of everyone on the shortlist now.
fn shortlist_keys(state: &AppState) -> Vec<String> {
    let scored = state.scored.get_untracked();
    state.drop.with_untracked(|drop| {
        drop.as_ref().map_or_else(Vec::new, |drop| {
            scored
                .shortlist
                .iter()
                .filter_map(|i| drop.pupils.get(*i).map(pupil_key))
                .collect()
        })
    })
}

/// The id of the Add provision form's field a problem is about, so the error summary can
/// link to it.
fn field_id(field: DraftField, who: Who) -> &'static str {
    match field {
        DraftField::Intervention => "provision-intervention",
        DraftField::Pupils => match who {
            Who::Pupil => "provision-pupil",
            Who::Cohort => "provision-who-cohort",
            Who::Shortlist => "provision-who-shortlist",
        },
        DraftField::GroupSize => "provision-group-size",
        DraftField::SessionsPerWeek => "provision-sessions",
        DraftField::MinutesPerSession => "provision-minutes",
        DraftField::Weeks => "provision-weeks",
        DraftField::Start => "provision-start",
        DraftField::End => "provision-end",
    }
}

/// The "Add provision" form.
#[component]
fn AddProvision(year: RwSignal<i32>, names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    let first_item = state
        .provision
        .with_untracked(|book| book.bank.active().next().map(|i| i.id));
    let intervention = RwSignal::new(first_item);
    let who = RwSignal::new(Who::Pupil);
    let pupil_text = RwSignal::new(String::new());
    let cohort = RwSignal::new(0usize);
    let staff = RwSignal::new(None::<StaffRoleId>);
    let marker = RwSignal::new(Marker::Other);
    let priority = RwSignal::new(Priority::Should);
    let status = RwSignal::new(ProvisionStatus::Running);
    let group_size = RwSignal::new(String::new());
    let sessions = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let weeks = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(String::new());

    // The dates follow the chosen academic year until the user changes them.
    Effect::new(move |_| {
        let period = Period::academic(AcademicYear {
            start_year: year.get(),
        });
        start.set(iso(period.first));
        end.set(iso(period.last));
    });
    // Choosing an intervention fills in its marker and default delivery.
    Effect::new(move |_| {
        let Some(id) = intervention.get() else {
            return;
        };
        state.provision.with_untracked(|book| {
            if let Some(item) = book.bank.get(id) {
                marker.set(Marker::for_category(item.category));
                group_size.set(item.delivery.group_size.to_string());
                sessions.set(item.delivery.sessions_per_week.to_string());
                minutes.set(item.delivery.minutes_per_session.to_string());
                weeks.set(
                    item.delivery
                        .weeks
                        .map(|w| w.to_string())
                        .unwrap_or_default(),
                );
                staff.set(None);
            }
        });
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        message.set(String::new());
        let chosen = who.get_untracked();
        let pupils = match chosen {
            Who::Pupil => {
                let typed = pupil_text.get_untracked();
                let found = find_pupils(&state, &typed);
                DraftPupils::OnePupil { typed, found }
            }
            Who::Cohort => DraftPupils::Cohort(cohort_members(&state, cohort.get_untracked())),
            Who::Shortlist => DraftPupils::Shortlist(shortlist_keys(&state)),
        };
        let draft = ProvisionDraft {
            intervention: intervention.get_untracked(),
            pupils,
            marker: marker.get_untracked(),
            staff: staff.get_untracked(),
            group_size: group_size.get_untracked(),
            sessions_per_week: sessions.get_untracked(),
            minutes_per_session: minutes.get_untracked(),
            weeks: weeks.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            priority: priority.get_untracked(),
            status: status.get_untracked(),
        };
        let provision = match state.provision.with_untracked(|book| draft.validate(book)) {
            Ok(provision) => provision,
            Err(problems) => {
                errors.set(
                    problems
                        .into_iter()
                        .map(|problem| FieldError {
                            field: field_id(problem.field, chosen),
                            message: problem.message,
                        })
                        .collect(),
                );
                return;
            }
        };
        errors.set(Vec::new());
        let item_name = state.provision.with_untracked(|book| {
            book.bank
                .get(provision.intervention)
                .map(|i| i.name.clone())
                .unwrap_or_default()
        });
        let count = provision.pupils.len();
        let who_text = if count == 1 {
            names.with_untracked(|names| name_for(names, &provision.pupils[0]))
        } else {
            format!("{count} pupils")
        };
        let addressing = provision.marker.label().to_lowercase();
        state.provision.update(|book| {
            book.add_provision(provision);
        });
        message.set(format!(
            "Added {item_name} for {who_text}, addressing {addressing}."
        ));
    };

    let intervention_options = move || {
        state.provision.with(|book| {
            Category::ALL
                .iter()
                .map(|category| {
                    let options = book
                        .bank
                        .in_category(*category)
                        .filter(|i| !i.archived)
                        .map(|i| {
                            let id = i.id;
                            view! {
                                <option
                                    value=id.0.to_string()
                                    selected=move || intervention.get() == Some(id)
                                >
                                    {i.name.clone()}
                                </option>
                            }
                        })
                        .collect_view();
                    view! { <optgroup label=category.label()>{options}</optgroup> }
                })
                .collect_view()
        })
    };
    let staff_options = move || {
        state.provision.with(|book| {
            let default = intervention
                .get()
                .and_then(|id| book.bank.get(id))
                .map(|i| {
                    let roles: Vec<&str> = i
                        .delivery
                        .staff
                        .iter()
                        .map(|r| book.staff.name(*r))
                        .collect();
                    if roles.is_empty() {
                        "nobody: not costed".to_string()
                    } else {
                        roles.join(" and ")
                    }
                })
                .unwrap_or_default();
            let roles = book
                .staff
                .roles
                .iter()
                .map(|role| {
                    let id = role.id;
                    view! {
                        <option value=id.0.to_string() selected=move || staff.get() == Some(id)>
                            {format!("{} ({} an hour)", role.name, role.hourly_cost())}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <option value="" selected=move || staff.get().is_none()>
                    {format!("The intervention's usual staff ({default})")}
                </option>
                {roles}
            }
        })
    };
    let radio = move |value: Who, id: &'static str, text: &'static str| {
        view! {
            <div class="radio">
                <input
                    type="radio"
                    name="provision-who"
                    id=id
                    prop:checked=move || who.get() == value
                    on:change=move |_| who.set(value)
                />
                <label for=id>{text}</label>
            </div>
        }
    };
    let text_field = move |id: &'static str,
                           label: &'static str,
                           hint: &'static str,
                           kind: &'static str,
                           value: RwSignal<String>| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <p class="hint" id=hint_id.clone()>{hint}</p>
                <input
                    id=id
                    type=kind
                    class="text-input"
                    aria-describedby=hint_id
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };

    view! {
        <h2 id="add-provision-heading">"Add provision"</h2>
        <form class="provision-form" aria-labelledby="add-provision-heading" on:submit=submit>
            <ErrorSummary errors=errors level=3 />
            <div class="field">
                <label for="provision-intervention">"Intervention"</label>
                <select
                    id="provision-intervention"
                    on:change=move |ev| {
                        intervention.set(event_target_value(&ev).parse().ok().map(InterventionId));
                    }
                >
                    {intervention_options}
                </select>
            </div>
            <fieldset class="fieldset">
                <legend>"Who is it for?"</legend>
                {radio(Who::Pupil, "provision-who-pupil", "One pupil")}
                {radio(Who::Cohort, "provision-who-cohort", "A saved cohort")}
                {radio(Who::Shortlist, "provision-who-shortlist", "Everyone on the shortlist")}
            </fieldset>
            {move || match who.get() {
                Who::Pupil => {
                    view! {
                        <div class="field">
                            <label for="provision-pupil">"Pupil's UPN or name"</label>
                            <p class="hint" id="provision-pupil-hint">
                                "The UPN, or the name as it appears in the pupil lists. Suggestions appear as you type."
                            </p>
                            <input
                                id="provision-pupil"
                                type="text"
                                class="text-input"
                                list="provision-pupil-suggestions"
                                autocomplete="off"
                                aria-describedby="provision-pupil-hint"
                                prop:value=move || pupil_text.get()
                                on:input=move |ev| pupil_text.set(event_target_value(&ev))
                            />
                            <datalist id="provision-pupil-suggestions">
                                {move || {
                                    suggestions(&state, &pupil_text.get())
                                        .into_iter()
                                        .map(|(value, label)| view! { <option value=value>{label}</option> })
                                        .collect_view()
                                }}
                            </datalist>
                        </div>
                    }
                        .into_any()
                }
                Who::Cohort => {
                    let cohorts = state.cohorts.get();
                    if cohorts.is_empty() {
                        view! {
                            <p class="notice">
                                "There are no saved cohorts yet. Filter the pupils on "
                                <a href="#all-pupils">"All pupils"</a>
                                " and save the filter as a cohort."
                            </p>
                        }
                            .into_any()
                    } else {
                        view! {
                            <div class="field">
                                <label for="provision-cohort">"Cohort"</label>
                                <select
                                    id="provision-cohort"
                                    on:change=move |ev| {
                                        cohort.set(event_target_value(&ev).parse().unwrap_or(0));
                                    }
                                >
                                    {cohorts
                                        .into_iter()
                                        .enumerate()
                                        .map(|(i, c)| {
                                            view! {
                                                <option value=i.to_string() selected=move || cohort.get() == i>
                                                    {c.name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                            .into_any()
                    }
                }
                Who::Shortlist => {
                    view! {
                        <p class="hint">
                            {move || {
                                format!(
                                    "The {} pupils on the shortlist now.",
                                    state.scored.with(|s| s.shortlist.len()),
                                )
                            }}
                        </p>
                    }
                        .into_any()
                }
            }}
            <EnumSelect
                id="provision-marker"
                label="Marker it addresses"
                options=&Marker::ALL
                text=Marker::label
                value=marker
            />
            <div class="field">
                <label for="provision-staff">"Staff"</label>
                <select
                    id="provision-staff"
                    on:change=move |ev| {
                        staff.set(event_target_value(&ev).parse().ok().map(StaffRoleId));
                    }
                >
                    {staff_options}
                </select>
            </div>
            <div class="field-row">
                {text_field(
                    "provision-group-size",
                    "Pupils in a group",
                    "Pupils taught together; more pupils run more groups, each costing staff time.",
                    "text",
                    group_size,
                )}
                {text_field(
                    "provision-sessions",
                    "Sessions a week",
                    "How often it runs.",
                    "text",
                    sessions,
                )}
                {text_field(
                    "provision-minutes",
                    "Minutes a session",
                    "How long each session is.",
                    "text",
                    minutes,
                )}
                {text_field(
                    "provision-weeks",
                    "Weeks",
                    "Leave blank for the school's weeks in the year.",
                    "text",
                    weeks,
                )}
            </div>
            <div class="field-row">
                {text_field("provision-start", "Start date", "For example, 01/09/2025.", "date", start)}
                {text_field("provision-end", "End date", "For example, 31/08/2026.", "date", end)}
            </div>
            <EnumSelect
                id="provision-priority"
                label="Priority"
                options=&Priority::ALL
                text=Priority::label
                value=priority
            />
            <EnumSelect
                id="provision-status"
                label="Status"
                options=&STATUSES
                text=ProvisionStatus::label
                value=status
            />
            <button type="submit" class="button">"Add provision"</button>
        </form>
        <p role="status" class="notice-line">{move || message.get()}</p>
    }
}

const STATUSES: [ProvisionStatus; 4] = [
    ProvisionStatus::Planned,
    ProvisionStatus::Running,
    ProvisionStatus::Finished,
    ProvisionStatus::Stopped,
];

/// Every provision recorded, with its cost and a remove button.
#[component]
fn ProvisionList(names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    // The provision whose Remove was pressed: it is removed only once confirmed.
    let confirming = RwSignal::new(None::<ProvisionId>);
    let rows = move || {
        let names = names.get();
        state.provision.with(|book| {
            book.provisions
                .iter()
                .map(|provision| {
                    let id: ProvisionId = provision.id;
                    let item = book.bank.get(provision.intervention);
                    let name = item.map_or_else(|| "Unknown intervention".into(), |i| i.name.clone());
                    let staff: Vec<String> = item
                        .map(|i| provision.delivery(i).staff)
                        .unwrap_or_default()
                        .iter()
                        .map(|r| book.staff.name(*r).to_string())
                        .collect();
                    let shown: Vec<String> = provision
                        .pupils
                        .iter()
                        .take(3)
                        .map(|k| name_for(&names, k))
                        .collect();
                    let more = provision.pupils.len().saturating_sub(3);
                    let pupils = if more > 0 {
                        format!("{} and {more} more", shown.join(", "))
                    } else {
                        shown.join(", ")
                    };
                    let line = cost_line(book, provision, None);
                    let cost: Money = line.cost;
                    let groups = line.groups;
                    let remove_name = name.clone();
                    let pupil_count = provision.pupils.len();
                    view! {
                        <tr>
                            <td>{name.clone()}</td>
                            <td>{provision.marker.label()}</td>
                            <td>{format!("{} ({})", pupils, provision.pupils.len())}</td>
                            <td class="tabular">{groups}</td>
                            <td>{if staff.is_empty() { "Nobody".to_string() } else { staff.join(", ") }}</td>
                            <td>
                                {format!(
                                    "{} to {}",
                                    format_uk_date(provision.start),
                                    format_uk_date(provision.end),
                                )}
                            </td>
                            <td>{provision.priority.label()}</td>
                            <td>{provision.status.label()}</td>
                            <td class="tabular">{cost.to_string()}</td>
                            <td>
                                {move || {
                                    let remove_name = remove_name.clone();
                                    if confirming.get() == Some(id) {
                                        let question = format!(
                                            "Remove {remove_name} for {}? This takes it off every pupil in it.",
                                            if pupil_count == 1 { "1 pupil".to_string() } else { format!("{pupil_count} pupils") },
                                        );
                                        let label = question.clone();
                                        let yes = NodeRef::<leptos::html::Button>::new();
                                        Effect::new(move |_| {
                                            if let Some(button) = yes.get() {
                                                let _ = button.focus();
                                            }
                                        });
                                        view! {
                                            <div class="confirm-inline" role="group" aria-label=label>
                                                <p>{question}</p>
                                                <button
                                                    type="button"
                                                    class="button button--danger button--small"
                                                    node_ref=yes
                                                    on:click=move |_| {
                                                        confirming.set(None);
                                                        state
                                                            .provision
                                                            .update(|book| {
                                                                book.remove_provision(id);
                                                            });
                                                    }
                                                >
                                                    "Yes, remove it"
                                                </button>
                                                " "
                                                <button
                                                    type="button"
                                                    class="button button--secondary button--small"
                                                    on:click=move |_| confirming.set(None)
                                                >
                                                    "Keep it"
                                                </button>
                                            </div>
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <button
                                                type="button"
                                                class="button button--secondary"
                                                on:click=move |_| confirming.set(Some(id))
                                            >
                                                "Remove"
                                                <span class="visually-hidden">{format!(" {remove_name}")}</span>
                                            </button>
                                        }
                                            .into_any()
                                    }
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <h2 id="provision-list-heading">"Provision recorded"</h2>
        {move || {
            if state.provision.with(|b| b.provisions.is_empty()) {
                view! { <p>"No provision recorded yet."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="report-table" aria-labelledby="provision-list-heading">
                            <thead>
                                <tr>
                                    <th scope="col">"Intervention"</th>
                                    <th scope="col">"Marker"</th>
                                    <th scope="col">"Pupils"</th>
                                    <th scope="col">"Groups"</th>
                                    <th scope="col">"Staff"</th>
                                    <th scope="col">"Dates"</th>
                                    <th scope="col">"Priority"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col" class="tabular">"Annual cost"</th>
                                    <th scope="col">"Action"</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            }
        }}
    }
}

/// The intervention bank: the four lists, with add, rename, archive and sort.
#[component]
fn BankEditor() -> impl IntoView {
    let state = use_app_state();
    let new_name = RwSignal::new(String::new());
    let new_category = RwSignal::new(Category::Curriculum);
    let renaming = RwSignal::new(None::<InterventionId>);
    let rename_text = RwSignal::new(String::new());
    let feedback = RwSignal::new(None::<(bool, String)>);

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked();
        let category = new_category.get_untracked();
        let mut result = Ok(InterventionId(0));
        state.provision.update(|book| {
            result = book.bank.add(&name, category);
        });
        match result {
            Ok(_) => {
                feedback.set(Some((
                    true,
                    format!("Added “{}” to {}.", name.trim(), category.label()),
                )));
                new_name.set(String::new());
            }
            Err(error) => feedback.set(Some((false, error.to_string()))),
        }
    };
    let save_rename = move |id: InterventionId| {
        let name = rename_text.get_untracked();
        let mut result = Ok(());
        state.provision.update(|book| {
            result = book.bank.rename(id, &name);
        });
        match result {
            Ok(()) => {
                feedback.set(Some((true, format!("Renamed to “{}”.", name.trim()))));
                renaming.set(None);
            }
            Err(error) => feedback.set(Some((false, error.to_string()))),
        }
    };

    let lists = move || {
        state.provision.with(|book| {
            Category::ALL
                .iter()
                .map(|category| {
                    let items = book
                        .bank
                        .in_category(*category)
                        .map(|item| {
                            let id = item.id;
                            let name = item.name.clone();
                            let archived = item.archived;
                            let input_id = format!("rename-{}", id.0);
                            let editing = renaming.get() == Some(id);
                            let body = if editing {
                                let label = format!("New name for {name}");
                                view! {
                                    <label for=input_id.clone() class="visually-hidden">{label}</label>
                                    <input
                                        id=input_id
                                        type="text"
                                        class="text-input"
                                        prop:value=move || rename_text.get()
                                        on:input=move |ev| rename_text.set(event_target_value(&ev))
                                        on:keydown=move |ev| {
                                            if ev.key() == "Enter" {
                                                ev.prevent_default();
                                                save_rename(id);
                                            }
                                        }
                                    />
                                    <button
                                        type="button"
                                        class="button"
                                        on:click=move |_| save_rename(id)
                                    >
                                        "Save name"
                                    </button>
                                    <button
                                        type="button"
                                        class="button button--secondary"
                                        on:click=move |_| renaming.set(None)
                                    >
                                        "Cancel"
                                    </button>
                                }
                                    .into_any()
                            } else {
                                let rename_name = name.clone();
                                let archive_name = name.clone();
                                view! {
                                    <span class="bank-item__name">{name.clone()}</span>
                                    <span class="bank-item__wave">
                                        {format!(" · {} · {}", item.wave, item.need_area.label())}
                                    </span>
                                    {archived.then(|| view! { <span class="tag">" (archived)"</span> })}
                                    <button
                                        type="button"
                                        class="button button--secondary button--small"
                                        on:click=move |_| {
                                            rename_text.set(rename_name.clone());
                                            renaming.set(Some(id));
                                        }
                                    >
                                        "Rename"
                                        <span class="visually-hidden">{format!(" {name}")}</span>
                                    </button>
                                    <button
                                        type="button"
                                        class="button button--secondary button--small"
                                        on:click=move |_| {
                                            state
                                                .provision
                                                .update(|book| {
                                                    let _ = book.bank.set_archived(id, !archived);
                                                });
                                        }
                                    >
                                        {if archived { "Unarchive" } else { "Archive" }}
                                        <span class="visually-hidden">{format!(" {archive_name}")}</span>
                                    </button>
                                }
                                    .into_any()
                            };
                            view! { <li class="bank-item">{body}</li> }
                        })
                        .collect_view();
                    view! {
                        <div class="bank-category">
                            <h3>{category.label()}</h3>
                            <ul class="bank-list">{items}</ul>
                        </div>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <h2>"Intervention bank"</h2>
        <p class="hint">
            "Tameside's four lists, with a usual wave, area of need and delivery for each that you can change. Archived interventions stay on provision already recorded but are not offered for new provision."
        </p>
        <form class="bank-add inline-field" on:submit=add>
            <div class="field">
                <label for="new-intervention-name">"Intervention name"</label>
                <input
                    id="new-intervention-name"
                    type="text"
                    class="text-input"
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                />
            </div>
            <EnumSelect
                id="new-intervention-category"
                label="Category"
                options=&Category::ALL
                text=Category::label
                value=new_category
            />
            <button type="submit" class="button">"Add to the bank"</button>
        </form>
        <button
            type="button"
            class="button button--secondary"
            on:click=move |_| state.provision.update(|book| book.bank.sort_alphabetically())
        >
            "Sort alphabetically"
        </button>
        {move || {
            feedback
                .get()
                .map(|(ok, text)| {
                    if ok {
                        view! { <p class="notice" role="status">{text}</p> }.into_any()
                    } else {
                        view! { <p class="error-message" role="alert">{text}</p> }.into_any()
                    }
                })
        }}
        <div class="bank">{lists}</div>
    }
}
