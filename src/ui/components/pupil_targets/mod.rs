//! A pupil's curricular targets (SPEC §8.3, issue 15): the **Targets** section of the
//! pupil profile and the **Targets** block of the individual provision map.
//!
//! The profile lists the short-, medium- and long-term targets, a table per horizon
//! named "<name>'s short-term targets", with who took part in setting and reviewing each
//! in words (`core::targets::involvement`), and **Edit** and **Delete** (after a
//! confirmation) on each; then **Add a target** ([`form`]); then the targets set for this
//! pupil on the Targets page, read-only; and the link to the parents' progress report
//! (`#report/<key>`). Every change goes through core (`CurricularDraft::validate`,
//! `TargetBook::add_curricular`/`edit_curricular`/`delete_curricular`) into the workspace
//! store, which autosaves it.

mod form;

use crate::core::drop::AcademicYear;
use crate::core::pupil::PupilKey;
use crate::core::targets::curricular::{CurricularDraft, CurricularTarget};
use crate::core::targets::involvement::{
    by_horizon, horizon_words, in_year, reviewed_with, set_with,
};
use crate::core::targets::{Target, TargetLevel};
use crate::core::value::format_uk_date;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use form::{FormKind, NotKept, TargetForm};
use leptos::prelude::*;

fn day(date: Option<chrono::NaiveDate>) -> String {
    date.map(format_uk_date).unwrap_or_else(|| "—".to_string())
}

/// "Read a page aloud…" cut to a few words, to name a target on a button or heading.
fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{}…", words[..8].join(" "))
    }
}

/// The cells every view of a target shares: area, target, dates, progress, who took
/// part, what was agreed.
fn cells(target: &CurricularTarget) -> impl IntoView {
    view! {
        <td>{target.area.clone()}</td>
        <td>{target.text.clone()}</td>
        <td class="tabular">{day(target.set_on)}</td>
        <td class="tabular">{day(target.review_on)}</td>
        <td>{target.progress.label()}</td>
        <td>{set_with(target)} <br /> {reviewed_with(target)}</td>
        <td>{target.review_notes.clone()}</td>
    }
}

fn heading_cells() -> impl IntoView {
    view! {
        <th scope="col">"Area"</th>
        <th scope="col">"Target"</th>
        <th scope="col">"Set on"</th>
        <th scope="col">"Review on"</th>
        <th scope="col">"Progress"</th>
        <th scope="col">"Who took part"</th>
        <th scope="col">"Agreed at review"</th>
    }
}

/// The **Targets** section of a pupil's profile.
#[component]
pub fn PupilTargets(
    /// The pupil key the targets are kept under.
    key: String,
    /// The pupil's name as shown (initials in privacy display mode).
    name: String,
) -> impl IntoView {
    let state = use_app_state();
    let report_href = format!("#report/{}", PupilKey::from_stored(key.clone()).to_route());
    let key = StoredValue::new(key);
    let name = StoredValue::new(name);
    let targets = Memo::new(move |_| {
        key.with_value(|key| {
            state
                .work
                .targets()
                .with(|book| book.curricular(key).to_vec())
        })
    });
    let school_targets = Memo::new(move |_| {
        key.with_value(|key| {
            state.work.targets().with(|book| {
                book.targets
                    .iter()
                    .filter(|t| matches!(&t.level, TargetLevel::Pupil(k) if k == key))
                    .cloned()
                    .collect::<Vec<Target>>()
            })
        })
    });
    let editing = RwSignal::new(None::<u32>);
    let deleting = RwSignal::new(None::<u32>);
    let message = RwSignal::new(String::new());

    let add = Callback::new(move |draft: CurricularDraft| -> Result<(), NotKept> {
        let target = draft.validate().map_err(NotKept::Problems)?;
        let words = short(&target.text);
        key.with_value(|key| {
            state.work.targets().update(|book| {
                book.add_curricular(key, target);
            });
        });
        message.set(format!("Added the target “{words}”."));
        Ok(())
    });
    let close_edit = move |id: u32| {
        editing.set(None);
        request_animation_frame(move || {
            crate::web::location::focus_element(&format!("edit-target-{id}"));
        });
    };

    let row = move |target: CurricularTarget| {
        let id = target.id;
        let words = short(&target.text);
        let (for_edit, for_delete) = (words.clone(), words.clone());
        view! {
            <tr>
                {cells(&target)}
                <td class="no-print">
                    <div class="button-row button-row--tight">
                        <button
                            type="button"
                            id=format!("edit-target-{id}")
                            class="button button--secondary button--small"
                            aria-expanded=move || (editing.get() == Some(id)).to_string()
                            on:click=move |_| {
                                deleting.set(None);
                                message.set(String::new());
                                editing.set(Some(id));
                                request_animation_frame(|| {
                                    crate::web::location::focus_element("edit-target-heading");
                                });
                            }
                        >
                            "Edit"
                            <span class="visually-hidden">{format!(" the target “{for_edit}”")}</span>
                        </button>
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| {
                                editing.set(None);
                                message.set(String::new());
                                deleting.set(Some(id));
                                request_animation_frame(|| {
                                    crate::web::location::focus_element("confirm-delete-target");
                                });
                            }
                        >
                            "Delete"
                            <span class="visually-hidden">{format!(" the target “{for_delete}”")}</span>
                        </button>
                    </div>
                </td>
            </tr>
        }
    };

    let tables = move || {
        let list = targets.get();
        if list.is_empty() {
            return view! { <p>"No targets recorded for this pupil yet."</p> }.into_any();
        }
        let who = name.get_value();
        by_horizon(&list)
            .into_iter()
            .filter(|(_, these)| !these.is_empty())
            .map(|(horizon, these)| {
                let caption = format!("{who}'s {} targets", horizon_words(horizon));
                let rows = these.into_iter().cloned().map(row).collect_view();
                view! {
                    <table class="report-table pupil-targets__table">
                        <caption>{caption}</caption>
                        <thead>
                            <tr>
                                {heading_cells()}
                                <th scope="col" class="no-print">
                                    <span class="visually-hidden">"Change"</span>
                                </th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
            })
            .collect_view()
            .into_any()
    };

    let confirm = move || {
        let id = deleting.get()?;
        let target = targets.with(|list| list.iter().find(|t| t.id == id).cloned())?;
        let words = short(&target.text);
        Some(view! {
            <div class="confirm-inline no-print" role="group" aria-labelledby="delete-target-question">
                <p id="delete-target-question">
                    {format!("Delete the target “{words}”? It cannot be brought back.")}
                </p>
                <button
                    type="button"
                    id="confirm-delete-target"
                    class="button button--danger"
                    on:click=move |_| {
                        let mut deleted = false;
                        key.with_value(|key| {
                            state.work.targets().update(|book| {
                                deleted = book.delete_curricular(key, id).is_ok();
                            });
                        });
                        deleting.set(None);
                        message.set(if deleted {
                            format!("Deleted the target “{words}”.")
                        } else {
                            "That target had already gone.".to_string()
                        });
                    }
                >
                    "Delete target"
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| deleting.set(None)>
                    "Cancel"
                </button>
            </div>
        })
    };

    // The edit form in place of the add form while a target is edited.
    let forms = move || match editing.get() {
        Some(id) => {
            let Some(target) =
                targets.with_untracked(|list| list.iter().find(|t| t.id == id).cloned())
            else {
                return view! { <p class="notice">"That target is no longer saved."</p> }
                    .into_any();
            };
            let words = short(&target.text);
            let save = Callback::new(move |draft: CurricularDraft| -> Result<(), NotKept> {
                let edited = draft.validate().map_err(NotKept::Problems)?;
                let mut outcome = Ok(());
                key.with_value(|key| {
                    state.work.targets().update(|book| {
                        outcome = book
                            .edit_curricular(key, edited)
                            .map_err(|gone| NotKept::Gone(gone.to_string()));
                    });
                });
                outcome?;
                message.set(format!("Saved the target “{}”.", short(&draft.text)));
                close_edit(id);
                Ok(())
            });
            view! {
                <TargetForm
                    kind=FormKind::Edit
                    heading=format!("Edit the target “{words}”")
                    initial=CurricularDraft::of(&target)
                    submit="Save target"
                    save=save
                    cancel=Callback::new(move |()| close_edit(id))
                />
            }
            .into_any()
        }
        None => view! {
            <TargetForm
                kind=FormKind::Add
                heading="Add a target".to_string()
                initial=CurricularDraft::default()
                submit="Add target"
                save=add
            />
        }
        .into_any(),
    };

    let school = move || {
        let list = school_targets.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|t| {
                    let by =
                        t.by.map(|d| format!(" — by {}", format_uk_date(d)))
                            .unwrap_or_default();
                    view! { <li>{t.description.clone()} {by}</li> }
                })
                .collect_view();
            view! {
                <h3>"Set for this pupil on the Targets page"</h3>
                <ul>{items}</ul>
                <p>
                    <a href="#targets">"See and change these on the Targets page"</a>
                </p>
            }
        })
    };

    view! {
        <section class="pupil-targets" aria-labelledby="pupil-targets-heading">
            <h2 id="pupil-targets-heading">"Targets"</h2>
            <p>
                <a href=report_href>"Progress report for parents"</a>
                " — one page to print for the pupil's parents or carers."
            </p>
            {tables}
            <p role="status" class="notice-line">{move || message.get()}</p>
            {confirm}
            <div class="no-print">{forms}</div>
            {school}
        </section>
    }
}

/// The **Targets** block of the individual provision map for `year`: the pupil's targets
/// whose time overlaps the year, in one table (printed with the map).
#[component]
pub fn MapTargets(
    /// The pupil key.
    key: String,
    /// The map's academic year.
    #[prop(into)]
    year: Signal<AcademicYear>,
) -> impl IntoView {
    let state = use_app_state();
    let targets = Memo::new(move |_| {
        let year = year.get();
        state.work.targets().with(|book| {
            book.curricular(&key)
                .iter()
                .filter(|t| in_year(t, year))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = targets.get();
        if list.is_empty() {
            return view! {
                <h3>"Targets"</h3>
                <p>"No targets recorded for this year."</p>
            }
            .into_any();
        }
        let rows = by_horizon(&list)
            .into_iter()
            .flat_map(|(horizon, these)| {
                these.into_iter().map(move |target| {
                    view! {
                        <tr>
                            <th scope="row">{horizon.label()}</th>
                            {cells(target)}
                        </tr>
                    }
                })
            })
            .collect_view();
        view! {
            <h3>"Targets"</h3>
            <table class="report-table" aria-label="Targets">
                <thead>
                    <tr>
                        <th scope="col">"How far ahead"</th>
                        {heading_cells()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    }
}
