//! **Coming up** on the Provision page (SPEC §8.2): provision ending and reviews due in
//! the next four weeks, overdue reviews first and marked "Overdue" in words, each with its
//! date, the pupils (named as privacy display mode allows) and a link to the pupil or to
//! the provision recorded. What is listed, and in what order, is
//! `core::provision::coming_up`'s.

use crate::core::provision::coming_up::{coming_up, ComingUp, ComingUpItem, DAYS_AHEAD};
use crate::core::provision::SchoolPupil;
use crate::core::pupil::PupilKey;
use crate::core::value::format_uk_date;
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use chrono::Days;
use leptos::prelude::*;
use std::sync::Arc;

use super::{name_for, PupilNames};

/// A pupil's name as a link to their profile.
fn pupil_link(names: &PupilNames, key: &str) -> impl IntoView {
    let href = format!("#pupil/{}", PupilKey::from_stored(key).to_route());
    view! { <a href=href>{name_for(names, key)}</a> }
}

/// Up to three names, then "and N more".
fn few_names(names: &PupilNames, keys: &[String]) -> String {
    let shown: Vec<String> = keys.iter().take(3).map(|k| name_for(names, k)).collect();
    match keys.len().saturating_sub(3) {
        0 if shown.is_empty() => "no pupils named".to_string(),
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

fn line_view(line: ComingUp, names: &PupilNames) -> impl IntoView {
    let date = format_uk_date(line.date);
    match line.item {
        ComingUpItem::Review {
            pupil,
            last_review,
            overdue,
        } => {
            let last = format!(" (last review {})", format_uk_date(last_review));
            let (class, what) = if overdue {
                (
                    "coming-up__item coming-up__item--overdue",
                    "review was due for ",
                )
            } else {
                ("coming-up__item", "review due for ")
            };
            view! {
                <li class=class>
                    {overdue.then(|| view! { <strong class="coming-up__overdue">"Overdue: "</strong> })}
                    <span class="coming-up__date tabular">{date}</span>
                    " — "
                    {what}
                    {pupil_link(names, &pupil)}
                    {last}
                </li>
            }
            .into_any()
        }
        ComingUpItem::ProvisionEnds {
            intervention,
            pupils,
            ..
        } => {
            let who = few_names(names, &pupils);
            view! {
                <li class="coming-up__item">
                    <span class="coming-up__date tabular">{date}</span>
                    " — "
                    {format!("{intervention} ends ({who}). ")}
                    // The page's own address, so the link works without script too; the
                    // click scrolls to the list where the provision can be edited or
                    // copied for next term.
                    <a
                        href="#provision"
                        on:click=move |ev| {
                            ev.prevent_default();
                            crate::web::location::focus_element("provision-list-heading");
                        }
                    >
                        "See it in Provision recorded"
                        <span class="visually-hidden">{format!(" ({intervention})")}</span>
                    </a>
                </li>
            }
            .into_any()
        }
    }
}

/// The **Coming up** section, as of today.
#[component]
pub(crate) fn ComingUpSection(
    /// Every pupil of the current drop: reviews are listed for pupils on roll.
    pupils: Memo<Arc<Vec<SchoolPupil>>>,
    /// Pupil key → the name to show (initials in privacy display mode).
    names: Memo<Arc<PupilNames>>,
) -> impl IntoView {
    let state = use_app_state();
    let today = crate::web::clock::today();
    let until = today
        .checked_add_days(Days::new(DAYS_AHEAD))
        .unwrap_or(today);
    let list = Memo::new(move |_| {
        let pupils = pupils.get();
        state
            .work
            .provision()
            .with(|book| coming_up(book, &pupils, today))
    });
    view! {
        <section class="coming-up" aria-labelledby="coming-up-heading">
            <h2 id="coming-up-heading">"Coming up"</h2>
            <p class="hint">
                {format!(
                    "Provision ending and reviews due from today to {} (four weeks), soonest first, with reviews already overdue at the top. A review is due on the next review date of the pupil's latest review.",
                    format_uk_date(until),
                )}
            </p>
            {move || {
                let lines = list.get();
                if lines.is_empty() {
                    return view! {
                        <p>
                            {format!(
                                "Nothing ends or is due for review by {}, and no review is overdue.",
                                format_uk_date(until),
                            )}
                        </p>
                    }
                    .into_any();
                }
                let names = names.get();
                let items = lines
                    .into_iter()
                    .map(|line| line_view(line, &names))
                    .collect_view();
                view! { <ul class="coming-up__list" aria-labelledby="coming-up-heading">{items}</ul> }
                    .into_any()
            }}
        </section>
    }
}
