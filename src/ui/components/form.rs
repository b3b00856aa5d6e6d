//! Small form pieces every form shares, so each looks and behaves the same: a `<select>`
//! of an enum's values (`EnumSelect`), a `<select>` of academic or financial years
//! (`YearSelect`) and the GOV.UK-style error summary that links to each field with a
//! problem (`ErrorSummary`).

use crate::core::drop::AcademicYear;
use crate::core::provision::FinancialYear;
use crate::web::location;
use leptos::prelude::*;

/// A labelled `<select>` of every value of a small enum, showing each value's label.
#[component]
pub fn EnumSelect<T>(
    /// The `<select>`'s id, which its label points at.
    id: &'static str,
    /// The label shown above it.
    label: &'static str,
    /// Every choice, in the order shown.
    options: &'static [T],
    /// How each choice reads on screen.
    text: fn(&T) -> &'static str,
    /// The choice made.
    value: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    if let Some(choice) = event_target_value(&ev)
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| options.get(i))
                    {
                        value.set(*choice);
                    }
                }
            >
                {options
                    .iter()
                    .enumerate()
                    .map(|(i, choice)| {
                        let choice = *choice;
                        view! {
                            <option value=i.to_string() selected=move || value.get() == choice>
                                {text(&choice)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// Which kind of year a [`YearSelect`] offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YearKind {
    /// September to August, written "2025/26".
    #[default]
    Academic,
    /// April to March, written as a financial year.
    Financial,
}

impl YearKind {
    /// The year starting in `start_year`, as shown.
    pub fn label(self, start_year: i32) -> String {
        match self {
            YearKind::Academic => AcademicYear { start_year }.to_string(),
            YearKind::Financial => FinancialYear { start_year }.to_string(),
        }
    }
}

/// A labelled `<select>` of years, by the calendar year each starts in.
#[component]
pub fn YearSelect(
    /// The `<select>`'s id, which its label points at.
    id: &'static str,
    /// The label shown above it.
    label: &'static str,
    /// The years offered, by start year.
    #[prop(into)]
    choices: Signal<Vec<i32>>,
    /// The chosen year's start year.
    year: RwSignal<i32>,
    /// Academic (the default) or financial years.
    #[prop(optional, into)]
    kind: Signal<YearKind>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                on:change=move |ev| {
                    if let Ok(start) = event_target_value(&ev).parse::<i32>() {
                        year.set(start);
                    }
                }
            >
                {move || {
                    let kind = kind.get();
                    choices
                        .get()
                        .into_iter()
                        .map(|start| {
                            view! {
                                <option value=start.to_string() selected=move || year.get() == start>
                                    {kind.label(start)}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// One problem for an [`ErrorSummary`]: what to do, and the id of the field to do it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The id of the field the problem is about; the summary's link moves focus there.
    pub field: &'static str,
    /// What to put right, in plain English.
    pub message: String,
}

/// The error summary at the top of a form (GOV.UK pattern): "There is a problem" and a
/// link to each field with a problem, announced as an alert. Shows nothing when there is
/// no problem. The links move focus to the field rather than changing the address, since
/// the address is the planner's page.
#[component]
pub fn ErrorSummary(
    /// The problems, in the order of the form's fields.
    #[prop(into)]
    errors: Signal<Vec<FieldError>>,
    /// A line under the heading, such as what happened to the change.
    #[prop(optional)]
    note: Option<&'static str>,
    /// The heading's level: 2 for a page's own form (the default), 3 for a form in a
    /// section.
    #[prop(default = 2)]
    level: u8,
) -> impl IntoView {
    move || {
        let problems = errors.get();
        (!problems.is_empty()).then(|| {
            let items = problems
                .into_iter()
                .map(|FieldError { field, message }| {
                    view! {
                        <li>
                            <a
                                href=format!("#{field}")
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    location::focus_element(field);
                                }
                            >
                                {message}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            let title = "There is a problem";
            let heading = if level >= 3 {
                view! { <h3 class="error-summary__title">{title}</h3> }.into_any()
            } else {
                view! { <h2 class="error-summary__title">{title}</h2> }.into_any()
            };
            view! {
                <div class="error-summary" role="alert">
                    {heading}
                    {note.map(|text| view! { <p>{text}</p> })}
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
