//! APDR reviews on a pupil's individual provision map (SPEC §7, §8.2): the reviews
//! recorded for the chosen year, each with **Edit review** (every field, in place) and
//! **Delete review** (after a confirmation), and the **Add review** form. Each form holds
//! a `core::provision::review::ReviewDraft`; core checks it (a date; the next review not
//! before it) and the form shows each problem linked to its field.

use crate::core::drop::AcademicYear;
use crate::core::provision::map::ApdrReview;
use crate::core::provision::review::{ReviewChangeError, ReviewDraft, ReviewField};
use crate::core::value::format_uk_date;
use crate::ui::components::{ErrorSummary, FieldError};
use crate::ui::state::use_app_state;
use crate::ui::state::WorkspaceStoreFields;
use crate::ui::typed_text::warn_while;
use chrono::NaiveDate;
use leptos::prelude::*;

fn date_of(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn iso(date: Option<NaiveDate>) -> String {
    date.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The ids of a form's fields: `{prefix}-date`, `{prefix}-summary`, ….
#[derive(Clone, Copy)]
struct Ids(&'static str);

impl Ids {
    fn of(self, field: &str) -> String {
        format!("{}-{field}", self.0)
    }

    /// The field a problem links to (a `'static` id for the error summary).
    fn for_problem(self, field: ReviewField) -> &'static str {
        match (self.0, field) {
            ("review", ReviewField::Date) => "review-date",
            ("review", ReviewField::NextReview) => "review-next-date",
            (_, ReviewField::Date) => "edit-review-date",
            (_, ReviewField::NextReview) => "edit-review-next-date",
        }
    }
}

/// One review's form: every field of a review, the problems core finds linked to their
/// fields, and its buttons. `save` keeps the review or says what is wrong.
#[component]
fn ReviewForm(
    /// "review" for the add form, "edit-review" for the edit form: the fields' ids.
    prefix: &'static str,
    /// The form's heading, also its accessible name.
    heading: String,
    /// What the fields start with.
    initial: ReviewDraft,
    /// The submit button's words.
    submit: &'static str,
    /// Keeps the review; `Err` to show what is wrong.
    save: Callback<ReviewDraft, Result<(), ReviewChangeError>>,
    /// Closes an edit form without saving (none for the add form, which empties instead).
    #[prop(optional)]
    cancel: Option<Callback<()>>,
) -> impl IntoView {
    let ids = Ids(prefix);
    let heading_id = ids.of("heading");
    let labelled_by = heading_id.clone();
    let date = RwSignal::new(iso(initial.date));
    let summary = RwSignal::new(initial.summary.clone());
    let next_steps = RwSignal::new(initial.next_steps.clone());
    let next_date = RwSignal::new(iso(initial.next_review));
    let pupil_views = RwSignal::new(initial.pupil_views.clone());
    let parent_views = RwSignal::new(initial.parent_views.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let texts = [
        date,
        summary,
        next_steps,
        next_date,
        pupil_views,
        parent_views,
    ];
    let starting: Vec<String> = texts.iter().map(|t| t.get_untracked()).collect();
    // Typed but not kept yet: leaving the page asks first.
    warn_while(Signal::derive(move || {
        texts
            .iter()
            .zip(&starting)
            .any(|(text, start)| text.with(|now| now.trim() != start.trim()))
    }));
    let draft = move || ReviewDraft {
        date: date_of(&date.get_untracked()),
        summary: summary.get_untracked(),
        next_steps: next_steps.get_untracked(),
        next_review: date_of(&next_date.get_untracked()),
        pupil_views: pupil_views.get_untracked(),
        parent_views: parent_views.get_untracked(),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match save.run(draft()) {
            Ok(()) => {
                errors.set(Vec::new());
                if cancel.is_none() {
                    texts.iter().for_each(|text| text.set(String::new()));
                }
            }
            Err(ReviewChangeError::Invalid(problems)) => errors.set(
                problems
                    .iter()
                    .map(|problem| FieldError {
                        field: ids.for_problem(problem.field()),
                        message: problem.to_string(),
                    })
                    .collect(),
            ),
            Err(gone) => errors.set(vec![FieldError {
                field: ids.for_problem(ReviewField::Date),
                message: gone.to_string(),
            }]),
        }
    };
    let input = move |field: &'static str, label: &'static str, value: RwSignal<String>| {
        let id = ids.of(field);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input
                    id=id
                    type="date"
                    class="text-input"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };
    let area = move |field: &'static str, label: &'static str, value: RwSignal<String>| {
        let id = ids.of(field);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <textarea
                    id=id
                    class="notes"
                    rows="2"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                ></textarea>
            </div>
        }
    };
    view! {
        <form class="review-form" aria-labelledby=labelled_by on:submit=on_submit>
            <h4 id=heading_id>{heading}</h4>
            <ErrorSummary errors=errors level=3 />
            {input("date", "Date of review", date)}
            {area("summary", "What was found", summary)}
            {area("next", "Next steps", next_steps)}
            {input("next-date", "Date of next review (optional)", next_date)}
            {area("pupil-views", "What the pupil said at this review", pupil_views)}
            {area("parent-views", "What the parents or carers said at this review", parent_views)}
            <div class="button-row">
                <button type="submit" class="button button--secondary">{submit}</button>
                {cancel.map(|cancel| {
                    view! {
                        <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>
                            "Cancel"
                        </button>
                    }
                })}
            </div>
        </form>
    }
}

/// "13/03/2026: Reading age up 5 months" (the summary's first line, if any).
fn review_line(review: &ApdrReview) -> String {
    let first = review.summary.lines().next().unwrap_or_default();
    if first.is_empty() {
        format_uk_date(review.date)
    } else {
        format!("{}: {first}", format_uk_date(review.date))
    }
}

/// The reviews recorded for the chosen year, to edit or delete, then **Add review**.
#[component]
pub(super) fn ReviewsEditor(
    /// The pupil key the map is kept under.
    key: StoredValue<String>,
    /// The map's academic year (by start year).
    year: RwSignal<i32>,
) -> impl IntoView {
    let state = use_app_state();
    let academic = move || AcademicYear {
        start_year: year.get_untracked(),
    };
    let reviews = Memo::new(move |_| {
        let chosen = AcademicYear {
            start_year: year.get(),
        };
        key.with_value(|key| {
            state.work.provision().with(|book| {
                let mut reviews = book
                    .individual_record(key, chosen)
                    .map(|r| r.reviews.clone())
                    .unwrap_or_default();
                reviews.sort_by_key(|review| review.date);
                reviews
            })
        })
    });
    let editing = RwSignal::new(None::<ApdrReview>);
    let deleting = RwSignal::new(None::<ApdrReview>);
    let message = RwSignal::new(String::new());
    // Runs `change` on this pupil's record for the chosen year.
    let change = move |change: &mut dyn FnMut(&mut crate::core::provision::IndividualRecord)| {
        key.with_value(|key| {
            state
                .work
                .provision()
                .update(|book| change(book.individual_record_mut(key, academic())));
        });
    };
    let add = Callback::new(move |draft: ReviewDraft| {
        let mut outcome = Ok(());
        change(&mut |record| {
            outcome = record
                .add_review(&draft)
                .map(|_| ())
                .map_err(ReviewChangeError::Invalid);
        });
        if outcome.is_ok() {
            message.set(String::new());
        }
        outcome
    });

    let item = move |review: ApdrReview| {
        let when = format_uk_date(review.date);
        let line = review_line(&review);
        let is_editing = editing.with(|e| e.as_ref() == Some(&review));
        let is_deleting = deleting.with(|d| d.as_ref() == Some(&review));
        let for_edit = review.clone();
        let for_delete = review.clone();
        let shown = review.clone();
        let form = is_editing.then(|| {
            let shown = shown.clone();
            let when = when.clone();
            let save = Callback::new(move |draft: ReviewDraft| {
                let mut outcome = Ok(());
                change(&mut |record| {
                    outcome = record.edit_review(&shown, &draft).map(|_| ());
                });
                if outcome.is_ok() {
                    editing.set(None);
                    message.set(format!("Saved the review of {when}."));
                }
                outcome
            });
            view! {
                <ReviewForm
                    prefix="edit-review"
                    heading=format!("Edit the review of {}", format_uk_date(review.date))
                    initial=ReviewDraft::from_review(&review)
                    submit="Save review"
                    save=save
                    cancel=Callback::new(move |()| editing.set(None))
                />
            }
        });
        let confirm = is_deleting.then(|| {
            let gone = for_delete.clone();
            let when = when.clone();
            view! {
                <div class="confirm-inline" role="group" aria-labelledby="delete-review-question">
                    <p id="delete-review-question">
                        {format!("Delete the review of {when}? It cannot be brought back.")}
                    </p>
                    <button
                        type="button"
                        id="confirm-delete-review"
                        class="button button--danger"
                        on:click=move |_| {
                            let mut deleted = false;
                            change(&mut |record| deleted = record.delete_review(&gone));
                            deleting.set(None);
                            message.set(if deleted {
                                format!("Deleted the review of {when}.")
                            } else {
                                "That review had already changed or gone.".to_string()
                            });
                        }
                    >
                        "Delete review"
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| deleting.set(None)>
                        "Cancel"
                    </button>
                </div>
            }
        });
        view! {
            <li class="review-item">
                <span class="review-item__line">{line}</span>
                <button
                    type="button"
                    class="button button--secondary button--small"
                    on:click=move |_| {
                        deleting.set(None);
                        message.set(String::new());
                        editing.set(Some(for_edit.clone()));
                        request_animation_frame(|| {
                            crate::web::location::focus_element("edit-review-date");
                        });
                    }
                >
                    "Edit review"
                    <span class="visually-hidden">{format!(" of {when}")}</span>
                </button>
                <button
                    type="button"
                    class="button button--secondary button--small"
                    on:click=move |_| {
                        editing.set(None);
                        message.set(String::new());
                        deleting.set(Some(for_delete.clone()));
                        request_animation_frame(|| {
                            crate::web::location::focus_element("confirm-delete-review");
                        });
                    }
                >
                    "Delete review"
                    <span class="visually-hidden">{format!(" of {when}")}</span>
                </button>
                {form}
                {confirm}
            </li>
        }
    };

    view! {
        <h4 id="reviews-recorded-heading">"Reviews recorded"</h4>
        {move || {
            let list = reviews.get();
            if list.is_empty() {
                return view! { <p>"No reviews recorded this year yet."</p> }.into_any();
            }
            let items = list.into_iter().map(item).collect_view();
            view! { <ul class="review-list" aria-labelledby="reviews-recorded-heading">{items}</ul> }
                .into_any()
        }}
        <p role="status" class="notice-line">{move || message.get()}</p>
        // Keyed by year, so choosing another year starts an empty form.
        {move || {
            let _ = year.get();
            view! {
                <ReviewForm
                    prefix="review"
                    heading="Add a review (assess, plan, do, review)".to_string()
                    initial=ReviewDraft::default()
                    submit="Add review"
                    save=add
                />
            }
        }}
    }
}
