//! **Measures**: the measure a provision names, and each pupil's entry and exit values in a
//! keyboard-friendly grid that also takes a column pasted from Excel, or fills itself from
//! the data drops nearest the start and the end (attendance, or a subject's result). The
//! rules — what a value may be, the range, the gain, which drop is nearest — are
//! `core::provision::measure`'s; nothing is stored unless every value in it is valid.

use crate::core::provision::impact::gain_text;
use crate::core::provision::measure::{
    as_at, from_drops, read_pasted_column, MeasureSource, MeasureSpec, MeasureValue,
};
use crate::core::provision::{Measure, ProvisionId};
use crate::core::pupil::Pupil;
use crate::core::tracking::timeline::Period;
use crate::core::value::format_uk_date;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

use super::{name_for, PupilNames};

/// Entry or exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Entry,
    Exit,
}

impl Side {
    fn word(self) -> &'static str {
        match self {
            Side::Entry => "Entry",
            Side::Exit => "Exit",
        }
    }

    fn cell_id(self, row: usize) -> String {
        match self {
            Side::Entry => format!("measure-entry-{row}"),
            Side::Exit => format!("measure-exit-{row}"),
        }
    }
}

/// The subjects the shown drop records a current result for, for "a subject's grade".
fn subjects(pupils: &[Pupil]) -> Vec<String> {
    let mut found: BTreeSet<String> = BTreeSet::new();
    for pupil in pupils {
        for subject in &pupil.attainment {
            if subject.current.is_some() {
                found.insert(subject.subject.trim().to_string());
            }
        }
    }
    found.into_iter().collect()
}

/// Stores one pupil's value (`None` clears it), as the measure writes it.
fn store(
    state: crate::ui::state::AppState,
    id: ProvisionId,
    pupil: &str,
    side: Side,
    value: Option<MeasureValue>,
    date: Option<chrono::NaiveDate>,
) {
    state.work.provision().update(|book| {
        let Some(provision) = book.provision_mut(id) else {
            return;
        };
        let name = provision
            .measure
            .as_ref()
            .map(|m| m.name.clone())
            .unwrap_or_default();
        let measure = value.map(|value| Measure {
            name,
            value: value.to_string(),
            date,
        });
        match (side, measure) {
            (Side::Entry, Some(m)) => provision.set_entry(pupil, m),
            (Side::Exit, Some(m)) => provision.set_exit(pupil, m),
            (side, None) => {
                if let Some(entry) = provision.measures.iter_mut().find(|m| m.pupil == pupil) {
                    match side {
                        Side::Entry => entry.entry = None,
                        Side::Exit => entry.exit = None,
                    }
                }
            }
        }
    });
}

/// The measures of one provision: its measure and the grid of values.
#[component]
pub(super) fn MeasuresPanel(
    id: ProvisionId,
    names: Memo<Arc<PupilNames>>,
    close: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let title = state.work.provision().with_untracked(|book| {
        book.provision(id)
            .and_then(|p| book.bank.get(p.intervention))
            .map(|i| i.name.clone())
    });
    let Some(title) = title else {
        return view! { <p class="notice">"That provision is no longer recorded."</p> }.into_any();
    };
    let spec = Memo::new(move |_| {
        state
            .work
            .provision()
            .with(|book| book.provision(id).and_then(|p| p.measure.clone()))
    });
    let choosing = RwSignal::new(spec.get_untracked().is_none());
    view! {
        <section class="measures-panel" aria-labelledby="measures-heading">
            <h3 id="measures-heading" tabindex="-1">{format!("Measures: {title}")}</h3>
            {move || {
                if choosing.get() {
                    view! { <ChooseMeasure id=id done=Callback::new(move |_| choosing.set(false)) /> }.into_any()
                } else {
                    let described = spec.get().map(|s| s.describe()).unwrap_or_default();
                    view! {
                        <p>
                            "Measured by " <strong>{described}</strong> ". "
                            <button type="button" class="button button--secondary button--small"
                                on:click=move |_| choosing.set(true)>
                                "Change the measure"
                            </button>
                        </p>
                        <ValuesGrid id=id names=names />
                    }
                        .into_any()
                }
            }}
            <button type="button" class="button button--secondary" on:click=move |_| close.run(())>
                "Close measures"
            </button>
        </section>
    }
    .into_any()
}

/// The measure a provision names: one of the usual ones, a subject's working-at grade, or
/// another with its own name, unit, direction and range.
#[component]
fn ChooseMeasure(id: ProvisionId, done: Callback<()>) -> impl IntoView {
    let state = use_app_state();
    let presets = MeasureSpec::presets();
    let subject_names = state.data_drop.with_untracked(|drop| {
        drop.as_ref()
            .map(|d| subjects(&d.pupils))
            .unwrap_or_default()
    });
    // The choice: "p<i>" a preset, "s<i>" a subject, "other".
    let choice = RwSignal::new("p0".to_string());
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let higher = RwSignal::new(true);
    let lowest = RwSignal::new(String::new());
    let highest = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let presets_for_submit = presets.clone();
    let subjects_for_submit = subject_names.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = choice.get_untracked();
        let spec = if let Some(at) = picked.strip_prefix('p') {
            at.parse::<usize>()
                .ok()
                .and_then(|at| presets_for_submit.get(at).cloned())
        } else if let Some(at) = picked.strip_prefix('s') {
            at.parse::<usize>()
                .ok()
                .and_then(|at| subjects_for_submit.get(at))
                .map(|subject| MeasureSpec::subject(subject))
        } else {
            let read = |text: String, what: &str| {
                MeasureValue::parse(&text).map_err(|e| format!("The {what}: {}", e.0))
            };
            let name_text = name.get_untracked().trim().to_string();
            if name_text.is_empty() {
                problem.set(Some(
                    "Enter the measure's name, such as “Boxall score”.".into(),
                ));
                return;
            }
            match (
                read(lowest.get_untracked(), "lowest value"),
                read(highest.get_untracked(), "highest value"),
            ) {
                (Ok(low), Ok(high)) => {
                    if let (Some(l), Some(h)) = (low, high) {
                        if h < l {
                            problem.set(Some(
                                "The highest value must be more than the lowest.".into(),
                            ));
                            return;
                        }
                    }
                    Some(MeasureSpec {
                        name: name_text,
                        unit: unit.get_untracked().trim().to_string(),
                        higher_is_better: higher.get_untracked(),
                        lowest: low,
                        highest: high,
                        source: MeasureSource::Typed,
                    })
                }
                (Err(why), _) | (_, Err(why)) => {
                    problem.set(Some(why));
                    return;
                }
            }
        };
        let Some(spec) = spec else {
            problem.set(Some("Choose a measure.".into()));
            return;
        };
        problem.set(None);
        state.work.provision().update(|book| {
            if let Some(provision) = book.provision_mut(id) {
                provision.measure = Some(spec);
            }
        });
        done.run(());
    };
    let preset_options = presets
        .iter()
        .enumerate()
        .map(|(at, spec)| view! { <option value=format!("p{at}")>{spec.describe()}</option> })
        .collect_view();
    let subject_options = subject_names
        .iter()
        .enumerate()
        .map(|(at, subject)| {
            view! { <option value=format!("s{at}")>{MeasureSpec::subject(subject).describe()}</option> }
        })
        .collect_view();
    view! {
        <form class="provision-form" aria-label="Choose the measure" on:submit=submit>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <div class="field">
                <label for="measure-choice">"Measure"</label>
                <p class="hint" id="measure-choice-hint">
                    "Attendance and a subject's grade can be taken from your data drops. Gains are only compared between provisions with the same measure."
                </p>
                <select id="measure-choice" aria-describedby="measure-choice-hint"
                    on:change=move |ev| choice.set(event_target_value(&ev))>
                    {preset_options}
                    {subject_options}
                    <option value="other">"Another measure (name it below)"</option>
                </select>
            </div>
            {move || (choice.get() == "other").then(|| view! {
                <div class="field">
                    <label for="measure-name">"Name of the measure"</label>
                    <input id="measure-name" type="text" class="text-input"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="measure-unit">"Unit"</label>
                    <input id="measure-unit" type="text" class="text-input text-input--short"
                        prop:value=move || unit.get() on:input=move |ev| unit.set(event_target_value(&ev)) />
                </div>
                <fieldset class="fieldset">
                    <legend>"Which is better?"</legend>
                    <div class="radio">
                        <input type="radio" id="measure-higher" name="measure-direction"
                            prop:checked=move || higher.get() on:change=move |_| higher.set(true) />
                        <label for="measure-higher">"Higher is better"</label>
                    </div>
                    <div class="radio">
                        <input type="radio" id="measure-lower" name="measure-direction"
                            prop:checked=move || !higher.get() on:change=move |_| higher.set(false) />
                        <label for="measure-lower">"Lower is better"</label>
                    </div>
                </fieldset>
                <div class="field">
                    <label for="measure-lowest">"Lowest value allowed (optional)"</label>
                    <input id="measure-lowest" type="text" inputmode="decimal" class="text-input text-input--short"
                        prop:value=move || lowest.get() on:input=move |ev| lowest.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="measure-highest">"Highest value allowed (optional)"</label>
                    <input id="measure-highest" type="text" inputmode="decimal" class="text-input text-input--short"
                        prop:value=move || highest.get() on:input=move |ev| highest.set(event_target_value(&ev)) />
                </div>
            })}
            <button type="submit" class="button">"Use this measure"</button>
        </form>
    }
}

/// The grid of entry and exit values, a row per pupil in the group.
#[component]
fn ValuesGrid(id: ProvisionId, names: Memo<Arc<PupilNames>>) -> impl IntoView {
    let state = use_app_state();
    // Problems by cell id, shown beside the cell; the value typed stays in the box.
    let problems = RwSignal::new(Vec::<(String, String)>::new());
    let message = RwSignal::new(String::new());
    let pupils = Memo::new(move |_| {
        state.work.provision().with(|book| {
            book.provision(id)
                .map(|p| p.pupils.clone())
                .unwrap_or_default()
        })
    });
    let spec = move || {
        state
            .work
            .provision()
            .with_untracked(|book| book.provision(id).and_then(|p| p.measure.clone()))
            .unwrap_or_default()
    };
    let set_problem = move |cell: String, why: Option<String>| {
        problems.update(|all| {
            all.retain(|(c, _)| *c != cell);
            if let Some(why) = why {
                all.push((cell, why));
            }
        });
    };

    // One typed value, checked when the box is left.
    let commit = move |row: usize, side: Side, text: String| {
        let Some(pupil) = pupils.with_untracked(|p| p.get(row).cloned()) else {
            return;
        };
        match spec().check(&text) {
            Ok(value) => {
                set_problem(side.cell_id(row), None);
                store(state, id, &pupil, side, value, None);
            }
            Err(why) => set_problem(side.cell_id(row), Some(why.0)),
        }
    };

    // A column pasted into a cell fills it and the cells below, or nothing at all.
    let paste = move |row: usize, side: Side, ev: web_sys::ClipboardEvent| {
        let Some(text) = ev
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok())
        else {
            return;
        };
        if !text.trim_end().contains('\n') {
            return; // one value: the box takes it as typed
        }
        ev.prevent_default();
        let spec = spec();
        let keys = pupils.get_untracked();
        let room = keys.len().saturating_sub(row);
        match read_pasted_column(&spec, &text) {
            Err((line, why)) => message.set(format!(
                "Nothing was pasted: line {line} of what you pasted is not right. {} Correct it in your spreadsheet and paste again.",
                why.0
            )),
            Ok(values) if values.len() > room => message.set(format!(
                "Nothing was pasted: you pasted {} values but there are {room} pupils from this row down. Paste {room} values or fewer, or start higher up.",
                values.len()
            )),
            Ok(values) => {
                let count = values.len();
                for (at, value) in values.into_iter().enumerate() {
                    set_problem(side.cell_id(row + at), None);
                    store(state, id, &keys[row + at], side, value, None);
                }
                message.set(format!(
                    "Pasted {count} {} values.",
                    side.word().to_lowercase()
                ));
            }
        }
    };

    // Enter and the up and down arrows move between rows in the same column.
    let keydown = move |row: usize, side: Side, ev: leptos::ev::KeyboardEvent| {
        let to = match ev.key().as_str() {
            "Enter" | "ArrowDown" => row + 1,
            "ArrowUp" if row > 0 => row - 1,
            _ => return,
        };
        if to < pupils.with_untracked(Vec::len) {
            ev.prevent_default();
            crate::web::location::focus_element(&side.cell_id(to));
        }
    };

    let from_the_drops = move |_| {
        let spec = spec();
        let tracking = state.tracking.get_untracked();
        let drops: Vec<(Period, &[Pupil])> = tracking
            .drops
            .iter()
            .map(|held| (held.period(), held.drop.pupils.as_slice()))
            .collect();
        let Some(keys) = state.work.provision().with_untracked(|book| {
            book.provision(id).map(|p| {
                let keys: Vec<(String, chrono::NaiveDate, chrono::NaiveDate)> = p
                    .pupils
                    .iter()
                    .map(|k| {
                        let (first, last) = p.member_span(k).unwrap_or((p.start, p.end));
                        (k.clone(), first, last)
                    })
                    .collect();
                keys
            })
        }) else {
            return;
        };
        let (mut entries, mut exits, mut none) = (0, 0, 0);
        let mut used: BTreeSet<Period> = BTreeSet::new();
        for (key, first, last) in &keys {
            let (entry, exit) = from_drops(&spec, &drops, key, *first, *last);
            if entry.is_none() && exit.is_none() {
                none += 1;
            }
            if let Some(v) = entry {
                used.insert(v.period);
                entries += 1;
                store(
                    state,
                    id,
                    key,
                    Side::Entry,
                    Some(v.value),
                    Some(as_at(v.period)),
                );
            }
            if let Some(v) = exit {
                used.insert(v.period);
                exits += 1;
                store(
                    state,
                    id,
                    key,
                    Side::Exit,
                    Some(v.value),
                    Some(as_at(v.period)),
                );
            }
        }
        let from: Vec<String> = used
            .iter()
            .map(|p| format!("{} {}", p.term.label(), p.academic_year))
            .collect();
        message.set(if from.is_empty() {
            "No data drop holds a value for these pupils. Import your termly data on the Import page, or type the values.".into()
        } else {
            format!(
                "Filled {entries} entry and {exits} exit values from the {} data drops{}.",
                from.join(" and "),
                if none > 0 { format!("; {none} pupils had no value in any drop") } else { String::new() }
            )
        });
    };

    // A pupil's stored value as text, followed as it changes (a paste, the drops).
    let stored = move |key: &str, side: Side| {
        state.work.provision().with(|book| {
            let m = book.provision(id).and_then(|p| p.measures_for(key));
            let v = match side {
                Side::Entry => m.and_then(|m| m.entry.as_ref()),
                Side::Exit => m.and_then(|m| m.exit.as_ref()),
            };
            v.map(|v| v.value.clone()).unwrap_or_default()
        })
    };
    let cell = move |row: usize, side: Side, key: String, label: String| {
        let cell_id = side.cell_id(row);
        let error_id = format!("{cell_id}-error");
        let problem_id = cell_id.clone();
        let described = cell_id.clone();
        view! {
            <td>
                <input
                    id=cell_id
                    type="text"
                    inputmode="decimal"
                    class="text-input text-input--cell"
                    aria-label=label
                    aria-invalid=move || problems.with(|p| p.iter().any(|(c, _)| *c == described)).to_string()
                    aria-describedby=error_id.clone()
                    prop:value=move || stored(&key, side)
                    on:change=move |ev| commit(row, side, event_target_value(&ev))
                    on:paste=move |ev| paste(row, side, ev)
                    on:keydown=move |ev| keydown(row, side, ev)
                />
                <span id=error_id class="field-error">
                    {move || problems.with(|p| p.iter().find(|(c, _)| *c == problem_id).map(|(_, w)| w.clone()))}
                </span>
            </td>
        }
    };

    let spec_now = Memo::new(move |_| {
        state
            .work
            .provision()
            .with(|book| book.provision(id).and_then(|p| p.measure.clone()))
            .unwrap_or_default()
    });
    // Gain and when the values were taken, followed as values change.
    let gain_text = move |key: &str| {
        let spec = spec_now.get();
        let (entry, exit) = (stored(key, Side::Entry), stored(key, Side::Exit));
        match (MeasureValue::parse(&entry), MeasureValue::parse(&exit)) {
            (Ok(Some(a)), Ok(Some(b))) => gain_text(&spec, spec.gain(a, b), None),
            _ => "—".to_string(),
        }
    };
    let taken = move |key: &str| {
        state.work.provision().with(|book| {
            book.provision(id)
                .and_then(|p| p.measures_for(key))
                .map(|m| {
                    [m.entry.as_ref(), m.exit.as_ref()]
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.date)
                        .map(format_uk_date)
                        .collect::<Vec<_>>()
                        .join(" → ")
                })
                .unwrap_or_default()
        })
    };
    // Rows are drawn again only when the pupils change, so focus stays where it is while
    // values are typed.
    let rows = move || {
        let names = names.get();
        pupils
            .get()
            .into_iter()
            .enumerate()
            .map(|(row, key)| {
                let name = name_for(&names, &key);
                let (k1, k2) = (key.clone(), key.clone());
                view! {
                    <tr>
                        <th scope="row">{name.clone()}</th>
                        {cell(row, Side::Entry, key.clone(), format!("Entry for {name}"))}
                        {cell(row, Side::Exit, key.clone(), format!("Exit for {name}"))}
                        <td class="tabular">{move || gain_text(&k1)}</td>
                        <td>{move || taken(&k2)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <p class="hint">
            "Type a value and press Enter to move down, or paste a column copied from Excel into the first box: it fills the boxes below. A value outside the measure's range is not kept."
        </p>
        {move || {
            let spec = state.work.provision().with(|book| book.provision(id).and_then(|p| p.measure.clone()));
            spec.filter(|s| s.source != MeasureSource::Typed).map(|_| view! {
                <button type="button" class="button button--secondary" on:click=from_the_drops>
                    "Take entry and exit from the data drops"
                </button>
            })
        }}
        <div class="table-scroll">
            <table class="report-table measures-grid" aria-label="Entry and exit values">
                <thead>
                    <tr>
                        <th scope="col">"Pupil"</th>
                        <th scope="col">"Entry"</th>
                        <th scope="col">"Exit"</th>
                        <th scope="col">"Gain"</th>
                        <th scope="col">"Taken"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p role="status" class="notice-line">{move || message.get()}</p>
    }
}
